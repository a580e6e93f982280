#!/usr/bin/python3
"""Writes tile-compressed FITS images (one per algorithm and type) into the folder given, for the fuzzer's seeds.

Deterministic on every CPU: integer draws from a fixed numpy seed, floats made from them with exact operations
only (no numpy normal/sin/power, whose last bits vary with the SIMD path), and astropy's fixed dither seed.
Needs /usr/bin/python3 with astropy and numpy.
"""
import os
import sys

import numpy as np
from astropy.io import fits


def normal_like(rng, shape, dtype):
    """Floats roughly standard normal: the sum of four uniform integers, in units of 1/2048 (exact)."""
    draws = rng.integers(-1774, 1774, size=(4,) + shape, endpoint=True, dtype=np.int64).sum(axis=0)
    return np.ldexp(draws.astype(np.float64), -11).astype(dtype)


def main(folder):
    rng = np.random.default_rng(7)
    cases = [
        ("rice-int16", "RICE_1", rng.integers(-3000, 3000, size=(40, 30)).astype(np.int16), {}),
        ("rice-int32", "RICE_1", rng.integers(-10**6, 10**6, size=(33, 21)).astype(np.int32), {}),
        ("rice-uint8", "RICE_1", rng.integers(0, 255, size=(20, 20)).astype(np.uint8), {}),
        ("gzip1-float32", "GZIP_1", normal_like(rng, (32, 24), np.float32), {"quantize_level": 16.0}),
        ("gzip2-float64", "GZIP_2", normal_like(rng, (16, 16), np.float64), {"quantize_level": 0.0}),
        ("gzip2-int16", "GZIP_2", rng.integers(-100, 100, size=(3, 10, 12)).astype(np.int16), {}),
        ("hcompress-int16", "HCOMPRESS_1", rng.integers(0, 1000, size=(32, 32)).astype(np.int16), {}),
        ("hcompress-float32", "HCOMPRESS_1", normal_like(rng, (32, 32), np.float32), {"quantize_level": 8.0}),
        ("plio-int16", "PLIO_1", rng.integers(0, 100, size=(24, 24)).astype(np.int16), {}),
        ("rice-float32-dither", "RICE_1", normal_like(rng, (30, 30), np.float32),
         {"quantize_level": 4.0, "quantize_method": 2}),
    ]
    for name, algorithm, data, options in cases:
        hdu = fits.CompImageHDU(data=data, compression_type=algorithm, **options)
        hdu.header["EXTNAME"] = name.upper()
        fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(os.path.join(folder, name + ".fits"), overwrite=True)
    print(len(cases))


if __name__ == "__main__":
    main(sys.argv[1])
