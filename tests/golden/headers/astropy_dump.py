#!/usr/bin/python3
"""Prints what astropy reads from a FITS file, as JSON (same shape as an entry of expected.json).

    /usr/bin/python3 astropy_dump.py file.fits

Used by the header-writing tests to check files CfitsioNet wrote with an independent reader.
"""
import json
import sys

from make_headers import describe_file

if __name__ == "__main__":
    print(json.dumps(describe_file(sys.argv[1])))
