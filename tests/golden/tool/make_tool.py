#!/usr/bin/python3
"""Writes the FITS files the `fits` tool's tests run it on (tests/CfitsioNet.Tool.Tests), with astropy.

    /usr/bin/python3 tests/golden/tool/make_tool.py            # (re)write the files next to this script
    /usr/bin/python3 tests/golden/tool/make_tool.py --check    # regenerate in a temp dir, compare byte for byte

Every value is built from integers with exact operations (no random numbers, no libm), so the files are the same
bytes on every machine. The tests ask astropy and numpy about these files at test time (astropy_reference.py):
this script writes only the inputs.

  preview.fits  primary float32 64 x 50: a ramp, bright "stars", one NaN (zscale, linear, asinh previews, stats);
                CUBE: float32 64 x 50 x 3, each plane offset; EVENTS: a small binary table
  base.fits     primary int16 30 x 20 with EXPTIME and OBJECT; SCI: float32 30 x 20; EVENTS: binary table (J, D)
  value.fits    base with EXPTIME 30.5 instead of 30.0
  comment.fits  base with another comment on EXPTIME
  tiny.fits     base with one SCI pixel 1.0 -> 1.0 + 2**-20 (relative change 9.5e-7)
  pixel.fits    base with one primary (integer) pixel + 1
  table.fits    base with one EVENTS value changed
  extra.fits    base with one more image HDU
"""

import argparse
import filecmp
import os
import shutil
import sys
import tempfile

import numpy as np
from astropy.io import fits

HERE = os.path.dirname(os.path.abspath(__file__))
NAMES = ["preview.fits", "base.fits", "value.fits", "comment.fits", "tiny.fits", "pixel.fits", "table.fits", "extra.fits"]


def preview_plane(offset):
    y, x = np.mgrid[0:50, 0:64]
    plane = (100 + (x * 7 + y * 13) % 50 + offset).astype(np.float32)
    for k, (sy, sx) in enumerate([(5, 9), (20, 40), (33, 12), (44, 60), (10, 30)]):
        plane[sy, sx] = 1000 + 250 * k + offset
        plane[sy, sx + 1] = 500 + offset
    return plane


def events():
    return fits.BinTableHDU.from_columns([
        fits.Column(name="TIME", format="D", array=np.arange(5, dtype=np.float64) / 4),
        fits.Column(name="PHA", format="J", array=np.array([3, 1, 4, 1, 5], dtype=np.int32)),
    ], name="EVENTS")


def base(change=None):
    primary = fits.PrimaryHDU((np.arange(600, dtype=np.int16).reshape(20, 30) * 7 - 2000).astype(np.int16))
    primary.header["EXPTIME"] = (30.0, "exposure time [s]")
    primary.header["OBJECT"] = ("M31", "target")
    sci = fits.ImageHDU((np.arange(600, dtype=np.float32).reshape(20, 30) / 8).astype(np.float32), name="SCI")
    table = events()
    hdus = [primary, sci, table]
    if change == "value":
        primary.header["EXPTIME"] = 30.5
    elif change == "comment":
        primary.header.comments["EXPTIME"] = "exposure [seconds]"
    elif change == "tiny":
        sci.data[0, 8] = np.float32(1.0 + 2.0 ** -20)
    elif change == "pixel":
        primary.data[3, 4] += 1
    elif change == "table":
        table.data["TIME"][2] = 99.0
    elif change == "extra":
        hdus.append(fits.ImageHDU(np.zeros((2, 2), dtype=np.int16), name="EXTRA"))
    return fits.HDUList(hdus)


def write(folder):
    primary = fits.PrimaryHDU(preview_plane(0))
    primary.data[25, 31] = np.nan
    cube = fits.ImageHDU(np.stack([preview_plane(1000 * k) for k in range(3)]), name="CUBE")
    fits.HDUList([primary, cube, events()]).writeto(os.path.join(folder, "preview.fits"), overwrite=True)
    base().writeto(os.path.join(folder, "base.fits"), overwrite=True)
    for change in ["value", "comment", "tiny", "pixel", "table", "extra"]:
        base(change).writeto(os.path.join(folder, change + ".fits"), overwrite=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="regenerate in a temp dir and compare with the committed files")
    if not parser.parse_args().check:
        write(HERE)
        return 0
    folder = tempfile.mkdtemp()
    try:
        write(folder)
        differing = [n for n in NAMES if not filecmp.cmp(os.path.join(folder, n), os.path.join(HERE, n), shallow=False)]
    finally:
        shutil.rmtree(folder)
    if differing:
        print("regenerated files differ from the committed ones: " + ", ".join(differing))
        return 1
    print(f"{len(NAMES)} files reproduce byte for byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())
