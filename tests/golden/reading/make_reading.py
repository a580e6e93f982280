#!/usr/bin/python3
"""Writes the golden files for CfitsioNet's reading tests with astropy, and expected.json with numpy.

Every expected value comes from the arrays this script builds (after checking that astropy reads them back
unchanged), from numpy slicing and from numpy conversions: never from CfitsioNet or CFITSIO.

  /usr/bin/python3 make_reading.py            regenerate the files and expected.json here
  /usr/bin/python3 make_reading.py --check    regenerate into a temporary folder and compare with what is committed

Checksums are sha256 over the values as little-endian bytes of the stated dtype, in C order, with every NaN
replaced by the canonical quiet NaN (0x7FC00000 / 0x7FF8000000000000).
"""
import gzip
import hashlib
import json
import os
import shutil
import sys
import tempfile

import numpy as np
from astropy.io import fits

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from exact_values import gaussian_floats  # noqa: E402  (integers only: the same bytes on every CPU)

# CfitsioNet's PixelType name for each numpy dtype.
PIXEL_TYPES = {
    "uint8": "Byte", "int8": "SByte", "int16": "Int16", "uint16": "UInt16", "int32": "Int32",
    "uint32": "UInt32", "int64": "Int64", "uint64": "UInt64", "float32": "Single", "float64": "Double",
}
STORED = {8: "uint8", 16: "int16", 32: "int32", 64: "int64", -32: "float32", -64: "float64"}


def canonical(values):
    a = np.ascontiguousarray(values)
    a = a.astype(a.dtype.newbyteorder("<"), copy=True)
    if a.dtype.kind == "f":
        a[np.isnan(a)] = np.nan
    return a


def sha(values):
    return hashlib.sha256(canonical(values).tobytes()).hexdigest()


def cfitsio_like(values, dtype):
    """What a lossy conversion should give, by CFITSIO's documented rules: integers truncated toward zero and
    clipped to the target range; NaN and infinities (CFITSIO's test for undefined floats) to the target's minimum
    (signed) or maximum (unsigned); floats rounded."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return np.asarray(values, dtype=np.float64).astype(dtype) if values.dtype.kind == "f" else values.astype(dtype)
    info = np.iinfo(dtype)
    if values.dtype.kind == "f":
        x = np.asarray(values, dtype=np.float64)
        nan = ~np.isfinite(x)
        x = np.clip(np.trunc(np.where(nan, 0, x)), info.min, info.max)
        out = x.astype(dtype)
        out[nan] = info.min if info.min < 0 else info.max
        return out
    ints = [min(max(int(v), info.min), info.max) for v in values.ravel()]
    return np.array(ints, dtype=dtype).reshape(values.shape)


class Golden:
    def __init__(self, folder):
        self.folder = folder
        self.entries = {}

    def add(self, name, hdu, data, *, pixel_type, bitpix, bzero=0.0, bscale=1.0, blank=None, compression=None,
            regions=(), conversions=(), tolerance=None, raw=None, integer_source=None):
        """Records expectations for HDU `hdu` of file `name`; `data` holds the physical values in the natural type.
        `integer_source`, when given, is what integer targets convert from (BLANK pixels as their scaled value)."""
        entry = {
            "hdu": hdu,
            "bitpix": bitpix,
            "pixel_type": pixel_type,
            "stored_type": PIXEL_TYPES[STORED[bitpix]],
            "shape": list(data.shape),
            "bzero": bzero,
            "bscale": bscale,
            "blank": blank,
            "compression": compression,
            "sha256": sha(data),
            "regions": [],
            "conversions": [],
        }
        for start, end, step in regions:
            index = tuple(slice(s, e, st) for s, e, st in zip(start, end, step))
            entry["regions"].append({"start": list(start), "end": list(end), "step": list(step),
                                     "shape": list(data[index].shape), "sha256": sha(data[index])})
        for dtype, lossy in conversions:
            source = integer_source if integer_source is not None and np.dtype(dtype).kind != "f" else data
            converted = cfitsio_like(source, dtype) if lossy else source.astype(dtype)
            if not lossy:
                # A lossless conversion must give back the same values.
                assert np.array_equal(converted.astype(np.float64), data.astype(np.float64), equal_nan=True), (name, dtype)
            entry["conversions"].append({"type": PIXEL_TYPES[np.dtype(dtype).name], "lossy": lossy, "sha256": sha(converted)})
        if raw is not None:
            entry["raw_sha256"] = sha(raw)
        if tolerance is not None:
            entry["tolerance"] = tolerance
            entry["values"] = [None if np.isnan(v) else float(v) for v in data.ravel()]
        self.entries.setdefault(name, []).append(entry)

    def path(self, name):
        return os.path.join(self.folder, name)


def check_roundtrip(path, hdu, expected, *, scaled=True):
    with fits.open(path, do_not_scale_image_data=not scaled) as f:
        got = f[hdu].data
        assert got.shape == expected.shape, (path, got.shape, expected.shape)
        if expected.dtype.kind == "f" or got.dtype.kind == "f":
            assert np.array_equal(got.astype(np.float64), expected.astype(np.float64), equal_nan=True), path
        else:
            assert [int(v) for v in got.ravel()] == [int(v) for v in expected.ravel()], path


def natural_types(g):
    """One 5 x 7 image per natural type, holding the extremes of its range."""
    rng = np.random.default_rng(20240601)
    cases = [
        ("u8.fits", np.uint8, 8, 0.0), ("i8.fits", np.int8, 8, -128.0), ("i16.fits", np.int16, 16, 0.0),
        ("u16.fits", np.uint16, 16, 32768.0), ("i32.fits", np.int32, 32, 0.0), ("u32.fits", np.uint32, 32, 2147483648.0),
        ("i64.fits", np.int64, 64, 0.0), ("u64.fits", np.uint64, 64, 9223372036854775808.0),
        ("f32.fits", np.float32, -32, 0.0), ("f64.fits", np.float64, -64, 0.0),
    ]
    regions = [((1, 2), (4, 7), (1, 1)), ((0, 0), (5, 7), (2, 3)), ((4, 6), (5, 7), (1, 1))]
    for name, dtype, bitpix, bzero in cases:
        if np.dtype(dtype).kind == "f":
            info = np.finfo(dtype)
            data = gaussian_floats(rng, (5, 7), 0, 1024, dtype)
            data.flat[:8] = [info.min, info.max, np.nan, np.inf, -np.inf, -0.0, info.tiny, 32767.75]
        else:
            info = np.iinfo(dtype)
            data = rng.integers(info.min, info.max, size=(5, 7), dtype=dtype, endpoint=True)
            data.flat[:4] = [info.min, info.max, 0, info.min + 1]
        fits.PrimaryHDU(data).writeto(g.path(name), overwrite=True)
        check_roundtrip(g.path(name), 0, data)
        header = fits.getheader(g.path(name))
        assert header["BITPIX"] == bitpix and header.get("BZERO", 0) == bzero, (name, header)
        kind = np.dtype(dtype).name
        conversions = {
            "uint8": [("int16", False), ("uint16", False), ("float32", False), ("float64", False), ("int64", False), ("int8", True)],
            "int8": [("int16", False), ("int32", False), ("float32", False), ("float64", False), ("uint8", True)],
            "int16": [("int32", False), ("int64", False), ("float32", False), ("float64", False), ("uint8", True), ("uint16", True)],
            "uint16": [("int32", False), ("uint32", False), ("uint64", False), ("float32", False), ("float64", False), ("int16", True)],
            "int32": [("int64", False), ("float64", False), ("int16", True), ("float32", True)],
            "uint32": [("int64", False), ("uint64", False), ("float64", False), ("int32", True)],
            "int64": [("int32", True), ("uint64", True)],
            "uint64": [("int64", True), ("uint32", True)],
            "float32": [("float64", False), ("int16", True), ("int32", True), ("uint8", True)],
            "float64": [("int64", True), ("uint16", True)],
        }[kind]
        if kind in ("float32", "float64"):
            # The extremes of a float overflow every integer type; leave out the ones whose conversion CFITSIO leaves undefined in C.
            conversions = [c for c in conversions if np.dtype(c[0]).kind == "f" or c[0] != "int64"]
        g.add(name, 0, data, pixel_type=PIXEL_TYPES[kind], bitpix=bitpix, bzero=bzero, regions=regions, conversions=conversions,
              raw=None if bzero == 0 else stored_values(data, bzero))


def stored_values(data, bzero):
    """The stored integers of an unsigned/signed-byte convention image: physical - BZERO, in the stored dtype."""
    stored = np.dtype(STORED[{1: 8, 2: 16, 4: 32, 8: 64}[data.dtype.itemsize]])
    return np.array([int(v) - int(bzero) for v in data.ravel()], dtype=stored).reshape(data.shape)


def scaled(g):
    """Scaled integers: fractional scaling with BLANK (natural float), integer scaling (natural int / double), BLANK alone."""
    raw = np.arange(-32768, -32768 + 48, dtype=np.int16).reshape(6, 8) * 1301
    raw = raw.astype(np.int16)
    raw[0, 0] = -32768  # BLANK
    raw[5, 7] = 32767
    hdu = fits.PrimaryHDU(raw, do_not_scale_image_data=True)
    hdu.header["BSCALE"] = 0.5
    hdu.header["BZERO"] = 100.0
    hdu.header["BLANK"] = -32768
    hdu.writeto(g.path("scaled_i16_blank.fits"), overwrite=True)
    physical = raw.astype(np.float64) * 0.5 + 100.0
    physical[0, 0] = np.nan
    check_roundtrip(g.path("scaled_i16_blank.fits"), 0, raw, scaled=False)
    check_roundtrip(g.path("scaled_i16_blank.fits"), 0, physical.astype(np.float32))
    stored_raw = raw.copy()
    # Integer targets get BLANK's scaled value, computed in double precision as the FITS standard defines it.
    g.add("scaled_i16_blank.fits", 0, physical.astype(np.float32), pixel_type="Single", bitpix=16, bzero=100.0, bscale=0.5,
          blank=-32768, regions=[((0, 0), (3, 4), (1, 1)), ((1, 1), (6, 8), (2, 3))],
          conversions=[("float64", False), ("int32", True), ("int16", True)], raw=stored_raw,
          integer_source=raw.astype(np.float64) * 0.5 + 100.0)

    raw32 = (np.arange(30, dtype=np.int64).reshape(5, 6) * 123456789 - 1800000000).astype(np.int32)
    hdu = fits.PrimaryHDU(raw32, do_not_scale_image_data=True)
    hdu.header["BSCALE"] = 2.0
    hdu.header["BZERO"] = 10.0
    hdu.writeto(g.path("scaled_i32.fits"), overwrite=True)
    check_roundtrip(g.path("scaled_i32.fits"), 0, raw32, scaled=False)
    g.add("scaled_i32.fits", 0, raw32.astype(np.float64) * 2.0 + 10.0, pixel_type="Double", bitpix=32, bzero=10.0, bscale=2.0,
          regions=[((1, 1), (4, 5), (2, 1))], conversions=[("float32", True)], raw=raw32)

    raw16 = np.array([[-32768, -1, 0, 1, 32767, 12345]], dtype=np.int16)
    hdu = fits.PrimaryHDU(raw16, do_not_scale_image_data=True)
    hdu.header["BZERO"] = 100.0
    hdu.writeto(g.path("offset_i16.fits"), overwrite=True)
    check_roundtrip(g.path("offset_i16.fits"), 0, raw16, scaled=False)
    g.add("offset_i16.fits", 0, raw16.astype(np.int32) + 100, pixel_type="Int32", bitpix=16, bzero=100.0,
          conversions=[("int64", False), ("float64", False), ("int16", True)], raw=raw16)

    blank = np.arange(20, dtype=np.int16).reshape(4, 5) - 5
    blank[1, 2] = -999
    blank[3, 4] = -999
    hdu = fits.PrimaryHDU(blank)
    hdu.header["BLANK"] = -999
    hdu.writeto(g.path("blank_i16.fits"), overwrite=True)
    check_roundtrip(g.path("blank_i16.fits"), 0, blank, scaled=False)
    as_float = blank.astype(np.float32)
    as_float[blank == -999] = np.nan
    entry_conversions = [("int32", False)]
    g.add("blank_i16.fits", 0, blank, pixel_type="Int16", bitpix=16, blank=-999, conversions=entry_conversions,
          regions=[((1, 0), (4, 5), (1, 2))])
    # Floating-point targets see NaN where integer targets see BLANK.
    g.entries["blank_i16.fits"][-1]["conversions"] += [
        {"type": "Single", "lossy": False, "sha256": sha(as_float)},
        {"type": "Double", "lossy": False, "sha256": sha(as_float.astype(np.float64))},
    ]


def n_dimensional(g):
    shapes = {
        "nd1.fits": ((17,), np.int16), "nd3.fits": ((3, 4, 5), np.float32), "nd4.fits": ((2, 3, 2, 5), np.int32),
        "nd5.fits": ((2, 2, 3, 2, 3), np.uint16), "nd6.fits": ((2, 1, 2, 3, 2, 3), np.float64),
        "nd10.fits": ((2, 1, 2, 1, 1, 2, 1, 1, 2, 3), np.int16),
    }
    for name, (shape, dtype) in shapes.items():
        data = (np.arange(np.prod(shape)) * 7 % 1000).astype(dtype).reshape(shape)
        fits.PrimaryHDU(data).writeto(g.path(name), overwrite=True)
        check_roundtrip(g.path(name), 0, data)
        rank = len(shape)
        full = (tuple(0 for _ in shape), shape, tuple(1 for _ in shape))
        tail = (tuple(n - 1 for n in shape), shape, tuple(1 for _ in shape))
        stepped = (tuple(min(1, n - 1) for n in shape), shape, tuple(2 if i % 2 == 0 else 1 for i in range(rank)))
        g.add(name, 0, data, pixel_type=PIXEL_TYPES[np.dtype(dtype).name], bitpix=fits.getheader(g.path(name))["BITPIX"],
              bzero=float(fits.getheader(g.path(name)).get("BZERO", 0.0)), regions=[full, tail, stepped],
              conversions=[("float64", False)])

    empty = np.zeros((0, 5), dtype=np.int16)
    fits.PrimaryHDU(empty).writeto(g.path("zero_axis.fits"), overwrite=True)
    check_roundtrip(g.path("zero_axis.fits"), 0, empty)
    g.add("zero_axis.fits", 0, empty, pixel_type="Int16", bitpix=16, conversions=[("float64", False)])


def compressed(g):
    rng = np.random.default_rng(7)
    smooth = lambda shape, scale: (np.add.outer(np.arange(shape[0]), np.arange(shape[1])) * scale)  # noqa: E731
    i16 = (smooth((40, 30), 13) + rng.integers(-50, 50, size=(40, 30))).astype(np.int16)
    i16[0, 0], i16[39, 29] = -32768, 32767
    i32 = (smooth((40, 30), 100000) + rng.integers(-5000, 5000, size=(40, 30))).astype(np.int32)
    u8 = rng.integers(0, 256, size=(40, 30), dtype=np.uint8)
    u16 = (smooth((40, 30), 700) % 65536).astype(np.uint16)
    f32 = gaussian_floats(rng, (40, 30), 100, 5, np.float32)
    f32[0, 0], f32[1, 1], f32[2, 2] = np.inf, -np.inf, np.nan  # kept as they are by lossless compression
    f64 = gaussian_floats(rng, (40, 30), 0, 2.0**33, np.float64)
    plio = (smooth((40, 30), 3) % 17).astype(np.int32)
    regions = [((3, 5), (33, 28), (1, 1)), ((0, 0), (40, 30), (3, 4)), ((39, 0), (40, 30), (1, 1))]

    def write(name, data, compression, bitpix, pixel_type, bzero=0.0, conversions=(), **options):
        hdu = fits.CompImageHDU(data, compression_type=compression, **options)
        fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(g.path(name), overwrite=True)
        check_roundtrip(g.path(name), 1, data)
        with fits.open(g.path(name), disable_image_compression=True) as raw:
            assert raw[1].header["ZCMPTYPE"] == compression, name
        g.add(name, 1, data, pixel_type=pixel_type, bitpix=bitpix, bzero=bzero, compression=compression,
              regions=regions if data.ndim == 2 else cube_regions, conversions=conversions)

    cube = (np.arange(4 * 20 * 24).reshape(4, 20, 24) % 251 - 100).astype(np.int16)
    cube_regions = [((1, 3, 5), (4, 17, 20), (1, 1, 1)), ((0, 0, 0), (4, 20, 24), (2, 3, 5)), ((3, 19, 23), (4, 20, 24), (1, 1, 1))]

    write("rice_i16.fits", i16, "RICE_1", 16, "Int16", conversions=[("float64", False), ("int32", False)], tile_size=(10, 8))
    write("rice_u16.fits", u16, "RICE_1", 16, "UInt16", bzero=32768.0, conversions=[("int32", False), ("int16", True)])
    write("rice_u8.fits", u8, "RICE_1", 8, "Byte", conversions=[("int16", False)])
    write("rice_cube.fits", cube, "RICE_1", 16, "Int16", conversions=[("float32", False)], tile_size=(8, 5, 2))
    write("gzip1_i32.fits", i32, "GZIP_1", 32, "Int32", conversions=[("float64", False), ("int16", True)])
    write("gzip1_f32.fits", f32, "GZIP_1", -32, "Single", conversions=[("float64", False)], quantize_level=0.0)
    write("gzip2_i16.fits", i16, "GZIP_2", 16, "Int16", conversions=[("int64", False)])
    write("gzip2_f64.fits", f64, "GZIP_2", -64, "Double", quantize_level=0.0)
    write("hcompress_i16.fits", i16, "HCOMPRESS_1", 16, "Int16", conversions=[("float32", False)], hcomp_scale=0, tile_size=(30, 10))
    write("plio_i32.fits", plio, "PLIO_1", 32, "Int32", conversions=[("uint8", True)])

    # Quantized (lossy) floats: within the quantization step of the originals, and bit for bit what astropy decodes.
    # (No NaN here: astropy 5.2 and CFITSIO writers that do not declare a null value turn a tile with NaN into all NaN.)
    q = gaussian_floats(rng, (20, 16), 1000, 20, np.float32)
    hdu = fits.CompImageHDU(q, compression_type="RICE_1", quantize_level=16.0, quantize_method=1, dither_seed=1, tile_size=(16, 5))
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(g.path("rice_f32_quantized.fits"), overwrite=True)
    step = 20 / 16.0  # noise sigma / quantize_level bounds the quantization step
    with fits.open(g.path("rice_f32_quantized.fits")) as f:
        decoded = np.array(f[1].data)
    assert np.max(np.abs(decoded - q)) <= step, np.max(np.abs(decoded - q))
    g.add("rice_f32_quantized.fits", 1, q, pixel_type="Single", bitpix=-32, compression="RICE_1", tolerance=step)
    g.entries["rice_f32_quantized.fits"][-1]["decoded_sha256"] = sha(decoded)

    # A scaled integer image with BLANK, compressed: BSCALE/BZERO/BLANK travel in the table header.
    raw = (np.arange(24 * 10).reshape(24, 10) * 37 % 2000 - 1000).astype(np.int16)
    raw[5, 5] = -32768
    header = fits.Header()
    header["BSCALE"] = 0.25
    header["BZERO"] = -3.0
    header["BLANK"] = -32768
    hdu = fits.CompImageHDU(raw, header=header, compression_type="RICE_1", do_not_scale_image_data=True)
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(g.path("rice_scaled_blank.fits"), overwrite=True)
    check_roundtrip(g.path("rice_scaled_blank.fits"), 1, raw, scaled=False)
    physical = raw.astype(np.float64) * 0.25 - 3.0
    physical[5, 5] = np.nan
    check_roundtrip(g.path("rice_scaled_blank.fits"), 1, physical.astype(np.float32))
    g.add("rice_scaled_blank.fits", 1, physical.astype(np.float32), pixel_type="Single", bitpix=16, bzero=-3.0, bscale=0.25,
          blank=-32768, compression="RICE_1", regions=[((4, 4), (7, 8), (1, 1))], conversions=[("float64", False)], raw=raw)

    # A gzip-compressed whole file with two images.
    plain = fits.HDUList([fits.PrimaryHDU(i16), fits.ImageHDU(u16, name="SECOND")])
    with gzip.GzipFile(g.path("gz_i16.fits.gz"), "wb", mtime=0) as out:
        plain.writeto(out)
    check_roundtrip(g.path("gz_i16.fits.gz"), 0, i16)
    check_roundtrip(g.path("gz_i16.fits.gz"), 1, u16)
    g.add("gz_i16.fits.gz", 0, i16, pixel_type="Int16", bitpix=16, regions=regions)
    g.add("gz_i16.fits.gz", 1, u16, pixel_type="UInt16", bitpix=16, bzero=32768.0, regions=regions[:1])


def generate(folder):
    g = Golden(folder)
    natural_types(g)
    scaled(g)
    n_dimensional(g)
    compressed(g)
    for name in g.entries:
        size = os.path.getsize(g.path(name))
        assert size < 100_000, (name, size)
    expected = {"generator": "make_reading.py", "files": g.entries}
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    return expected


def verify_committed(committed):
    """The committed files, as astropy reads them, hold what expected.json says."""
    dtypes = {v: k for k, v in PIXEL_TYPES.items()}
    for name, entries in committed["files"].items():
        for entry in entries:
            dtype = np.dtype(dtypes[entry["pixel_type"]])
            # astropy turns an integer image with BLANK into floats; its stored integers are what is expected there.
            raw = entry["blank"] is not None and dtype.kind != "f"
            with fits.open(os.path.join(HERE, name), do_not_scale_image_data=raw) as f:
                data = np.asarray(f[entry["hdu"]].data)
            data = data.astype(dtype) if data.size else data.reshape(entry["shape"])
            key = "decoded_sha256" if "tolerance" in entry else "sha256"
            if list(data.shape) != entry["shape"] or sha(data) != entry[key]:
                raise SystemExit(f"{name} HDU {entry['hdu']} does not hold the expected values")


def main():
    if "--check" in sys.argv[1:]:
        with open(os.path.join(HERE, "expected.json")) as f:
            committed = json.load(f)
        verify_committed(committed)
        folder = tempfile.mkdtemp(prefix="cfitsionet-reading-")
        try:
            fresh = json.loads(json.dumps(generate(folder)))
        finally:
            shutil.rmtree(folder)
        if fresh != committed:
            print("expected.json differs from a fresh generation", file=sys.stderr)
            return 1
        print(f"ok: {len(fresh['files'])} golden files regenerate to the committed expectations")
        return 0
    generate(HERE)
    print(f"wrote {len(os.listdir(HERE))} files to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
