#!/usr/bin/python3
"""Reads FITS files written by CfitsioNet's tests with astropy and reports what astropy sees.

Usage: astropy_digest.py MANIFEST.json OUTPUT.json

MANIFEST: {"files": [{"path": "a.fits", "raw": {"1": {"path": "a.bin", "dtype": "float32"}}, "dtype": {"1": "int8"}}]}
  "raw" (optional) maps an HDU index to the little-endian C-order values that were written there, for
  lossy (quantized) images: the report then gives the largest error and the largest quantization step.
  "dtype" (optional) maps an HDU index to the numpy dtype the writer meant; when astropy returns another
  dtype, the report says whether the values are exactly representable in the intended one.

OUTPUT: {"files": {"a.fits": {"hdus": [{...}], "error": null}}} where each HDU reports its astropy class, EXTNAME,
EXTVER, numpy dtype name, shape, the sha256 of its values (little-endian, C order), its image header, and for
compressed images the binary table header.

This script is an independent reader: it never imports CfitsioNet and computes every value with numpy.
"""
import hashlib
import json
import math
import sys
import warnings

import numpy as np
from astropy.io import fits


def plain(value):
    if isinstance(value, (bool, int, float, str)) or value is None:
        if isinstance(value, float) and not math.isfinite(value):
            return repr(value)
        return value
    return str(value)


def header_dict(header):
    return {card.keyword: plain(card.value) for card in header.cards if card.keyword not in ("", "COMMENT", "HISTORY")}


def digest(data):
    little = np.ascontiguousarray(data).astype(data.dtype.newbyteorder("<"), copy=False)
    return hashlib.sha256(little.tobytes()).hexdigest()


def describe(index, hdu, raw, expected_dtype):
    entry = {
        "index": index,
        "class": type(hdu).__name__,
        "name": hdu.header.get("EXTNAME"),
        "ver": hdu.header.get("EXTVER"),
        "header": header_dict(hdu.header),
    }
    if isinstance(hdu, fits.CompImageHDU):
        entry["table_header"] = header_dict(hdu._header)
    data = hdu.data
    if data is None:
        entry.update(dtype=None, shape=[], sha256=None)
        return entry
    entry.update(dtype=data.dtype.name, shape=list(data.shape), sha256=digest(data))
    if expected_dtype and data.dtype.name != expected_dtype:
        # astropy may scale to floating point where CFITSIO keeps an integer type: report whether the values
        # are exactly those integers, and their digest in the expected type.
        cast = data.astype(expected_dtype)
        entry["exact_in_expected_dtype"] = bool(np.array_equal(cast.astype(data.dtype), data))
        entry["sha256_in_expected_dtype"] = digest(cast)
    if isinstance(hdu, fits.CompImageHDU):
        column = hdu.compressed_data["COMPRESSED_DATA"]
        entry["tile_bytes"] = [int(np.asarray(tile).nbytes) for tile in column]
    if raw is not None:
        written = np.fromfile(raw["path"], dtype=np.dtype(raw["dtype"]).newbyteorder("<")).reshape(data.shape)
        read = data.astype(np.float64)
        expected = written.astype(np.float64)
        both_nan = np.isnan(read) & np.isnan(expected)
        error = np.where(both_nan, 0.0, np.abs(read - expected))
        entry["max_abs_error"] = plain(float(np.nanmax(np.where(np.isnan(error), np.inf, error))))
        entry["zeros_changed"] = int(np.count_nonzero((expected == 0) & (read != 0)))
        table = hdu.compressed_data
        if "ZSCALE" in table.columns.names:
            entry["max_zscale"] = float(np.max(table["ZSCALE"]))
    return entry


def main(manifest_path, output_path):
    with open(manifest_path) as handle:
        manifest = json.load(handle)
    report = {}
    for item in manifest["files"]:
        path = item["path"]
        raws = item.get("raw", {})
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # astropy's warnings about a file are failures here
                with fits.open(path, uint=True, memmap=False) as hdul:
                    hdul.verify("exception")
                    expected = item.get("dtype", {})
                    hdus = [describe(i, hdu, raws.get(str(i)), expected.get(str(i))) for i, hdu in enumerate(hdul)]
            report[path] = {"hdus": hdus, "error": None}
        except Exception as error:  # reported per file so one bad file does not hide the others
            report[path] = {"hdus": [], "error": f"{type(error).__name__}: {error}"}
    with open(output_path, "w") as handle:
        json.dump({"astropy": __import__("astropy").__version__, "files": report}, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
