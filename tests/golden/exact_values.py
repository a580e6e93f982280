"""Test values that are the same bytes on every CPU.

numpy picks SIMD kernels for transcendental functions (sin, exp, power, ...) by CPU feature, and glibc picks FMA
or non-FMA variants of exp/log/sin, so their last bits differ between an AVX-512 machine, an AVX2 machine and an
arm64 one. Golden files must regenerate to the same bytes everywhere, so every value here is built from integers
drawn from numpy's Generator (integer draws are exact) and operations that IEEE 754 defines to the last bit:
integer arithmetic, ldexp, conversions, +, -, * and /, which are exact or correctly rounded on every CPU.

Imported by the make_*.py scripts under tests/golden (tools/CfitsioNet.Fuzz keeps a copy of `noise` of its own,
since it runs from the fuzzer's output folder).
"""

import numpy as np


def noise(rng, shape, spread):
    """Integers roughly normal around 0 with standard deviation about `spread` (the sum of four uniform draws,
    Irwin-Hall), as int64."""
    spread = max(int(spread), 1)
    half = int(round(spread * 1.7320508075688772))  # sqrt(3): four uniforms in [-h, h] have sigma h * 2 / sqrt(3)
    draws = rng.integers(-half, half, size=(4,) + tuple(shape), endpoint=True, dtype=np.int64)
    return draws.sum(axis=0) // 2


def wave(shape, periods=(61, 37, 23, 17)):
    """A smooth pattern in [-4096 * ndim, 4096 * ndim] as int64: on each axis a triangle wave of its own period,
    summed over the axes (a stand-in for sin(x) + sin(2y) + ... built from integers)."""
    total = np.zeros(shape, dtype=np.int64)
    for axis, n in enumerate(shape):
        period = periods[axis % len(periods)] * (axis + 1)
        i = np.arange(n, dtype=np.int64) % period
        tri = np.abs(i * 2 * 8192 // period - 8192) - 4096  # -4096 .. 4096
        view = [1] * len(shape)
        view[axis] = n
        total = total + tri.reshape(view)
    return total


def smooth(shape, seed, scale, offset, dtype):
    """offset + scale * (smooth wave) + noise of scale / 20, clipped to an integer dtype's range (integer math);
    for a float dtype, the same plus a random fraction in steps of 1/256 (exact below 2**45)."""
    rng = np.random.default_rng(seed)
    base = wave(shape) * int(scale) // 4096                    # about scale per axis, like sin's amplitude
    values = int(offset) + base + noise(rng, shape, scale / 20)
    dtype = np.dtype(dtype)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return np.clip(values, int(info.min), int(info.max)).astype(dtype)
    fraction = rng.integers(0, 256, size=shape, dtype=np.int64)
    return np.ldexp((values * 256 + fraction).astype(np.float64), -8).astype(dtype)


def floats(rng, dtype, n, min_exponent, max_exponent):
    """n floats of dtype with 53-bit random mantissas and binary exponents in [min_exponent, max_exponent]:
    ldexp of an integer below 2**53 is exact, and the cast to float32 rounds to nearest by IEEE 754."""
    mantissa = rng.integers(-(2**53) + 1, 2**53 - 1, size=n, endpoint=True, dtype=np.int64)
    exponent = rng.integers(min_exponent, max_exponent, size=n, endpoint=True, dtype=np.int64)
    return np.ldexp(mantissa.astype(np.float64), exponent - 53).astype(dtype)


def gaussian_floats(rng, shape, mean, sigma, dtype):
    """Floats roughly normal (mean, sigma): integers in units of sigma / 1024, times that unit, plus the mean."""
    units = noise(rng, shape, 1024)
    step = float(sigma) / 1024.0                                # sigma and mean are chosen as short binary fractions
    return (np.float64(mean) + units.astype(np.float64) * step).astype(dtype)
