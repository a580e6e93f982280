#!/usr/bin/python3
"""Writes the tile-compressed golden files for the parallel-decompression tests, and expected.json.

astropy (independent of CfitsioNet) compresses each image; expected.json records, per file, what reading the
compressed image HDU (HDU 1) in its natural type must give:
  shape     C order
  dtype     numpy name of the natural type
  tiles     astropy's tile shape (C order), to show how many bands the parallel reader can cut
  sha256    of the decompressed values as little-endian bytes in C order, as astropy decompresses them
            (NaN replaced by the canonical quiet NaN first)

    /usr/bin/python3 tests/golden/performance/make_performance.py           # (re)write next to this script
    /usr/bin/python3 tests/golden/performance/make_performance.py --check   # regenerate in a temp dir and compare
"""

import os
import sys

import numpy as np
from astropy.io import fits

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from golden_manifest import check_size, digest, main, save  # noqa: E402  (tests/golden/golden_manifest.py)
from exact_values import smooth  # noqa: E402  (integers only: the same bytes on every CPU)


def cases():
    cube = smooth((6, 64, 80), 5, 3000, 32768, np.float64)
    floats = smooth((200, 150), 3, 50.0, 100.0, np.float32)
    floats[::17, ::13] = np.nan
    return [
        ("rice_int16_rows.fits", smooth((300, 200), 1, 2000, 0, np.int16), dict(compression_type="RICE_1", tile_shape=(1, 200))),
        ("rice_int32_bands.fits", smooth((160, 128), 2, 1e4, 0, np.int32), dict(compression_type="RICE_1", tile_shape=(16, 128))),
        ("gzip_float32_quantized.fits", floats, dict(compression_type="GZIP_1", tile_shape=(5, 150), quantize_level=16.0, dither_seed=42)),
        ("hcompress_int16.fits", smooth((128, 128), 4, 500, 0, np.int16), dict(compression_type="HCOMPRESS_1", tile_shape=(16, 128))),
        ("rice_uint16_cube.fits", np.clip(cube, 0, 65535).astype(np.uint16), dict(compression_type="RICE_1", tile_shape=(1, 64, 80))),
        ("gzip2_uint8_rows.fits", smooth((100, 120), 6, 60, 128, np.uint8), dict(compression_type="GZIP_2", tile_shape=(1, 120))),
    ]


def write(folder):
    manifest = {}
    for name, data, options in cases():
        path = os.path.join(folder, name)
        fits.HDUList([fits.PrimaryHDU(), fits.CompImageHDU(data, **options)]).writeto(path, overwrite=True)
        with fits.open(path) as hdul:
            values = hdul[1].data
            manifest[name] = {
                "shape": list(values.shape),
                "dtype": values.dtype.newbyteorder("=").name,
                "tiles": list(options["tile_shape"]),
                "sha256": digest(values),
            }
        check_size(path, name)
    return save(folder, manifest)


if __name__ == "__main__":
    sys.exit(main(__doc__, HERE, write))
