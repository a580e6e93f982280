#!/usr/bin/python3
"""Writes the golden FITS files that CfitsioNet's tests read, and expected.json describing their pixels.

The files are written by astropy, a FITS implementation independent of CFITSIO, so the tests compare CfitsioNet
with another tool rather than with itself. Run it with Debian's interpreter, which has python3-astropy:

    /usr/bin/python3 tests/golden/make_golden.py            # (re)write the files next to this script
    /usr/bin/python3 tests/golden/make_golden.py --check    # regenerate in a temp dir, compare with the committed files

expected.json holds, for each image HDU, the values CfitsioNet should return when reading in the natural type:
  shape       axis lengths in C order ([NAXIS2, NAXIS1] for a 2-D image)
  dtype       numpy name of the natural type (uint16 for BITPIX 16 with BZERO 32768, float32 for scaled int16, ...)
  sha256      of the values as little-endian bytes in C order, every NaN replaced by the canonical quiet NaN
              (0x7fc00000 / 0x7ff8000000000000) first, since NaNs made from BLANK carry no defined payload
  sum         integers: the exact sum; floats: the finite values added one by one in C order in double precision
  min, max    over the finite values; nan_count, inf_count for floats
  samples     a few pixels: C-order index, value as text and the element's little-endian bytes in hex
Numbers are written as strings so that 64-bit integers survive JSON readers that use doubles.
"""

import argparse
import filecmp
import hashlib
import json
import math
import os
import shutil
import sys
import tempfile

import numpy as np
from astropy.io import fits
import astropy

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exact_values import floats  # noqa: E402  (integers only: the same bytes on every CPU)

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = "expected.json"


def pattern(dtype, shape, seed):
    """Deterministic values that reach the ends of the type's range."""
    dtype = np.dtype(dtype)
    n = int(np.prod(shape))
    rng = np.random.default_rng(seed)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        values = rng.integers(int(info.min), int(info.max), size=n, dtype=dtype, endpoint=True)
        specials = [info.min, info.max, 0, 1, info.max - 1, info.min + 1]
        if dtype.kind == "i":
            specials.append(-1)
        else:
            specials.append(info.max // 2 + 1)  # the value whose stored form is 0 under the BZERO convention
    else:
        finfo = np.finfo(dtype)
        values = floats(rng, dtype, n, -100, 100)  # magnitudes 2**-100 .. 2**100, as 10**-30 .. 10**30
        specials = [np.nan, np.inf, -np.inf, 0.0, -0.0, finfo.max, finfo.min, finfo.smallest_subnormal,
                    finfo.tiny, -finfo.smallest_subnormal, 1.0, -1.0]
    specials = np.array(specials, dtype=dtype)[:n]
    values[:len(specials)] = specials
    return values.reshape(shape)


def canonical_bytes(values):
    """Little-endian bytes in C order, NaNs canonicalised."""
    values = np.ascontiguousarray(values)
    le = values.astype(values.dtype.newbyteorder("<"), copy=True)
    if values.dtype.kind == "f":
        le[np.isnan(le)] = np.nan
    return le.tobytes(order="C")


def number_text(value, dtype):
    if np.dtype(dtype).kind in "iu":
        return str(int(value))
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def describe_image(values, hdu_index, bitpix, extra=None):
    values = np.ascontiguousarray(values)
    dtype = values.dtype
    flat = values.reshape(-1)
    entry = {
        "hdu": hdu_index,
        "kind": "Image",
        "bitpix": bitpix,
        "dtype": dtype.name,
        "shape": list(values.shape),
        "sha256": hashlib.sha256(canonical_bytes(values)).hexdigest(),
    }
    if dtype.kind in "iu":
        ints = [int(v) for v in flat]
        entry["sum"] = str(sum(ints))
        entry["min"] = str(min(ints))
        entry["max"] = str(max(ints))
    else:
        total = 0.0
        finite = []
        for v in flat:
            v = float(v)
            if math.isfinite(v):
                total += v
                finite.append(v)
        entry["sum"] = number_text(total, dtype)
        entry["min"] = number_text(min(finite), dtype)
        entry["max"] = number_text(max(finite), dtype)
        entry["nan_count"] = int(np.isnan(flat).sum())
        entry["inf_count"] = int(np.isinf(flat).sum())
    n = flat.size
    picks = sorted({0, 1, 2, n // 3, n // 2, n - 2, n - 1} | set(int(i) for i in np.flatnonzero(~np.isfinite(flat))[:2]
                                                               if dtype.kind == "f"))
    entry["samples"] = [
        {
            "index": [int(i) for i in np.unravel_index(p, values.shape)],
            "value": number_text(flat[p], dtype),
            "hex": canonical_bytes(flat[p:p + 1]).hex(),
        }
        for p in picks if 0 <= p < n
    ]
    if extra:
        entry.update(extra)
    return entry


def build(directory):
    """Writes every golden file into directory and returns the manifest."""
    files = []

    def write(name, hdus, described):
        fits.HDUList(hdus).writeto(os.path.join(directory, name), overwrite=True)
        files.append({"file": name, "hdu_count": len(hdus),
                      "kinds": [kind_of(h) for h in hdus], "images": described})

    def simple(name, dtype, shape, seed, bitpix):
        data = pattern(dtype, shape, seed)
        write(name, [fits.PrimaryHDU(data)], [describe_image(data, 0, bitpix)])

    simple("int16_2d.fits", "int16", (30, 41), 1, 16)
    simple("uint16_2d.fits", "uint16", (17, 23), 2, 16)          # astropy writes BZERO = 32768
    simple("float32_3d_nan.fits", "float32", (4, 6, 9), 3, -32)
    simple("int32_1d.fits", "int32", (1001,), 4, 32)
    simple("uint8_2d.fits", "uint8", (21, 19), 5, 8)
    simple("float64_2d.fits", "float64", (11, 13), 6, -64)
    simple("int64_1d.fits", "int64", (257,), 7, 64)
    simple("int8_1d.fits", "int8", (100,), 8, 8)                 # BITPIX 8, BZERO = -128
    simple("uint32_2d.fits", "uint32", (9, 14), 9, 32)           # BZERO = 2147483648
    simple("uint64_1d.fits", "uint64", (64,), 10, 64)            # BZERO = 9223372036854775808

    # An image in an IMAGE extension after a primary HDU with no data.
    sci = pattern("int16", (12, 10), 11)
    write("image_extension.fits",
          [fits.PrimaryHDU(), fits.ImageHDU(sci, name="SCI")],
          [describe_image(sci, 1, 16)])

    # Scaled integers with BLANK: the natural type is float32, BLANK pixels read as NaN.
    stored = pattern("int16", (8, 15), 12)
    blank = -32768
    bscale, bzero = 0.25, -3.0
    scaled = fits.PrimaryHDU(stored)
    scaled.header["BSCALE"] = bscale
    scaled.header["BZERO"] = bzero
    scaled.header["BLANK"] = blank
    physical = (stored.astype(np.float64) * bscale + bzero).astype(np.float32)  # CFITSIO scales in double
    physical[stored == blank] = np.nan
    write("scaled_int16_blank.fits", [scaled],
          [describe_image(physical, 0, 16, {"bscale": repr(bscale), "bzero": repr(bzero), "blank": str(blank)})])

    # Tables, for HduKind: a primary with no data, a BINTABLE and an ASCII TABLE.
    columns = [fits.Column(name="ID", format="J", array=np.arange(5, dtype=np.int32)),
               fits.Column(name="FLUX", format="D", array=np.linspace(0.0, 1.0, 5))]
    ascii_columns = [fits.Column(name="NAME", format="A8", array=np.array(["a", "b", "c"])),
                     fits.Column(name="N", format="I6", array=np.array([1, 2, 3]))]
    write("tables.fits",
          [fits.PrimaryHDU(), fits.BinTableHDU.from_columns(columns, name="EVENTS"),
           fits.TableHDU.from_columns(ascii_columns, name="NAMES")],
          [])

    return {
        "generator": f"astropy {astropy.__version__}, numpy {np.__version__}",
        "note": "Written by make_golden.py; see its docstring for the meaning of each field.",
        "files": files,
    }


def kind_of(hdu):
    if isinstance(hdu, fits.BinTableHDU):
        return "BinaryTable"
    if isinstance(hdu, fits.TableHDU):
        return "AsciiTable"
    return "Image"


def write_manifest(directory, manifest):
    with open(os.path.join(directory, MANIFEST), "w", encoding="utf-8", newline="\n") as f:
        json.dump(manifest, f, indent=1, sort_keys=False)
        f.write("\n")


def check(committed):
    """Regenerates into a temporary directory and compares with the committed files. Returns an exit code."""
    with open(os.path.join(committed, MANIFEST), encoding="utf-8") as f:
        old_manifest = json.load(f)
    scratch = tempfile.mkdtemp(prefix="cfitsionet-golden-")
    try:
        new_manifest = build(scratch)
        write_manifest(scratch, new_manifest)
        problems = []
        notes = []
        old_files = {entry["file"] for entry in old_manifest["files"]}
        new_files = {entry["file"] for entry in new_manifest["files"]}
        if old_files != new_files:
            problems.append(f"file lists differ: committed {sorted(old_files)}, regenerated {sorted(new_files)}")
        # The manifest describes values; it must match whatever astropy version wrote the files.
        if old_manifest["files"] != new_manifest["files"]:
            problems.append("expected.json values differ from a fresh run")
        for name in sorted(old_files & new_files):
            a, b = os.path.join(committed, name), os.path.join(scratch, name)
            if not os.path.exists(a):
                problems.append(f"{name}: missing from {committed}")
            elif filecmp.cmp(a, b, shallow=False):
                continue
            elif same_values(a, b):
                notes.append(f"{name}: bytes differ (another astropy version?) but headers' values and data match")
            else:
                problems.append(f"{name}: differs from a fresh run")
        for note in notes:
            print("note:", note)
        for problem in problems:
            print("MISMATCH:", problem)
        if problems:
            return 1
        print(f"golden files match a fresh run ({len(new_files)} files, {new_manifest['generator']})")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def same_values(path_a, path_b):
    with fits.open(path_a, do_not_scale_image_data=True) as a, fits.open(path_b, do_not_scale_image_data=True) as b:
        if len(a) != len(b):
            return False
        for ha, hb in zip(a, b):
            if type(ha) is not type(hb):
                return False
            keys = lambda h: [(c.keyword, c.value) for c in h.header.cards if c.keyword not in ("COMMENT", "HISTORY", "")]
            if keys(ha) != keys(hb):
                return False
            if ha.data is None or hb.data is None:
                if (ha.data is None) != (hb.data is None):
                    return False
            elif isinstance(ha, fits.ImageHDU) or isinstance(ha, fits.PrimaryHDU):
                if canonical_bytes(ha.data) != canonical_bytes(hb.data):
                    return False
            elif ha.data.tobytes() != hb.data.tobytes():
                return False
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary directory and compare with the committed files")
    parser.add_argument("--dir", default=HERE, help="directory of the golden files (default: this script's)")
    args = parser.parse_args()
    if args.check:
        sys.exit(check(args.dir))
    manifest = build(args.dir)
    write_manifest(args.dir, manifest)
    for entry in manifest["files"]:
        size = os.path.getsize(os.path.join(args.dir, entry["file"]))
        print(f"{entry['file']}: {size} bytes")


if __name__ == "__main__":
    main()
