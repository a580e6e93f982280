#!/usr/bin/python3
"""Writes the RICE_1 golden files for the managed Rice decoder tests, and expected.json.

astropy (independent of CfitsioNet) writes each integer image Rice-compressed in HDU 1; expected.json records what
reading it in its natural type must give:
  shape     C order
  dtype     numpy name of the natural type
  tiles     the tile shape (C order)
  sha256    of the values astropy was given (and decompresses: the script checks they round-trip) as little-endian
            bytes in C order

The images cover every integer natural type astropy writes with RICE_1 (uint8, int16, uint16, int32, uint32), row
tiles and 2-D/3-D tiles with partial edge tiles, odd sizes, one-pixel tiles, constant images (all-zero-difference
blocks), full-range random values (blocks stored raw) and smooth data.

    /usr/bin/python3 tests/golden/rice/make_rice.py           # (re)write next to this script
    /usr/bin/python3 tests/golden/rice/make_rice.py --check   # regenerate in a temp dir and compare
"""

import os
import sys

import numpy as np
from astropy.io import fits

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from golden_manifest import check_size, digest, main, save  # noqa: E402  (tests/golden/golden_manifest.py)
from exact_values import smooth  # noqa: E402  (integers only: the same bytes on every CPU)


def full_range(shape, seed, dtype):
    info = np.iinfo(dtype)
    return np.random.default_rng(seed).integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype)


def cases():
    return [
        ("int16_rows_smooth.fits", smooth((97, 203), 1, 3000, 0, np.int16), (1, 203)),
        ("int16_tiles_full_range.fits", full_range((45, 67), 2, np.int16), (16, 20)),
        ("uint16_tiles_smooth.fits", smooth((61, 77), 3, 20000, 32768, np.uint16), (8, 32)),
        ("uint8_rows_smooth.fits", smooth((50, 131), 4, 60, 128, np.uint8), (1, 131)),
        ("uint8_tiles_full_range.fits", full_range((33, 29), 5, np.uint8), (10, 10)),
        ("int32_tiles_smooth.fits", smooth((70, 90), 6, 1e6, -5e5, np.int32), (32, 32)),
        ("int32_rows_full_range.fits", full_range((20, 41), 7, np.int32), (1, 41)),
        ("uint32_rows_smooth.fits", smooth((25, 55), 8, 1e8, 3e9, np.uint32), (1, 55)),
        ("int16_constant.fits", np.full((40, 64), -1234, np.int16), (1, 64)),
        ("int16_one_pixel_tiles.fits", smooth((9, 11), 9, 100, 0, np.int16), (1, 1)),
        ("uint16_cube_tiles.fits", smooth((7, 23, 19), 10, 9000, 30000, np.uint16), (3, 8, 8)),
        ("int16_cube_planes.fits", smooth((5, 40, 30), 11, 5000, 0, np.int16), (1, 40, 30)),
    ]


def write(folder):
    manifest = {}
    for name, data, tiles in cases():
        path = os.path.join(folder, name)
        hdu = fits.CompImageHDU(data, compression_type="RICE_1", tile_size=tuple(reversed(tiles)))
        fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(path, overwrite=True)
        with fits.open(path) as hdul:
            values = hdul[1].data
            if values.dtype != data.dtype or not np.array_equal(values, data):
                sys.exit(f"{name}: astropy does not read back what it wrote ({values.dtype} vs {data.dtype})")
            manifest[name] = {
                "shape": list(values.shape),
                "dtype": values.dtype.newbyteorder("=").name,
                "tiles": list(tiles),
                "sha256": digest(data),
            }
        check_size(path, name)
    return save(folder, manifest)


if __name__ == "__main__":
    sys.exit(main(__doc__, HERE, write))
