#!/usr/bin/python3
"""Golden files for CfitsioNet's header and extension tests, written with astropy.

    /usr/bin/python3 make_headers.py           # (re)write the .fits files and expected.json next to this script
    /usr/bin/python3 make_headers.py --check   # regenerate into a temp dir and compare with the committed expected.json

expected.json records what astropy (not CfitsioNet) reports for every HDU: kind, EXTNAME/EXTVER/HDUNAME, shape,
every keyword record as stored in the file, every card's keyword/value/comment as astropy parses it, the COMMENT
and HISTORY texts, and astropy's checksum verification.
"""
import hashlib
import json
import os
import sys
import tempfile
import warnings

import astropy
import numpy as np
from astropy.io import fits
from astropy.io.fits.card import Undefined

HERE = os.path.dirname(os.path.abspath(__file__))


def card(text):
    """A card from its exact 80-column image, so the file holds precisely these bytes."""
    return fits.Card.fromstring(text.ljust(80))


def rich_primary_header():
    """The primary header: every value form we parse, written as exact card images."""
    h = fits.Header()
    for text in [
        "OBJECT  = 'M31     '           / target name",
        "EXPTIME =               1200.5 / [s] exposure time",
        "NCOMBINE=                   12",
        "NEGINT  =                  -42 / negative integer",
        "PLUSINT =                  +17 / explicit plus sign",
        "ZEROPAD =                00042 / leading zeros",
        "BIGINT  =  9223372036854775807 / long.MaxValue",
        "BIGNEG  = -9223372036854775808 / long.MinValue",
        "UBIG    = 18446744073709551615 / ulong.MaxValue",
        "HUGE    = 100000000000000000000 / more than ulong holds",
        "INTOVER =           2147483648 / int.MaxValue + 1",
        "FLAGT   =                    T / true",
        "FLAGF   =                    F / false",
        "VALD    =                1.5D3 / D exponent",
        "VALDNEG =             -2.5D-03 / negative, D exponent",
        "VALE    =              6.02E23 / E exponent without a sign",
        "VALNOINT=                   .5 / no integer part",
        "VALNOFR =                   5. / no fraction",
        "VALEXP  =                 1E10 / exponent without a point",
        "NEGZERO =                 -0.0",
        "PI      =    3.141592653589793",
        "TINY    =             4.9E-324 / smallest subnormal double",
        "FLTBIG  =              1.0E+39 / beyond float",
        "CPLX    =          (1.5, -2.0) / complex",
        "CPLXINT =               (3, 4) / complex with integer parts",
        "EMPTY   = ''                   / empty string",
        "SPACES  = '        '           / only spaces",
        "LEADSP  = '   leading'         / leading spaces are significant",
        "TRAILSP = 'trailing   '        / trailing spaces are not",
        "QUOTE   = 'O''Brien'           / quote inside",
        "QUOTES2 = ''''                 / a single quote",
        "SLASH   = 'a/b / c'            / slashes inside the string",
        "NOSPACE = 'x'/no space around the slash",
        "FREEINT = 42 / free-format integer",
        "FREESTR =      'free format'   / free-format string",
        "NUMSTR  = '3.5     '           / a number written as a string",
        "UNDEF   =                      / undefined value",
        "UNDEF2  =",
        "DUPKEY  =                    1 / first",
        "DUPKEY  =                    2 / second",
        "AMPEND  = 'ends with amp&'     / no CONTINUE follows",
        "HIERARCH ESO DET DIT = 1.5 / hierarch float",
        "HIERARCH ESO OBS NAME = 'obs name' / hierarch string",
        "HIERARCH ESO TEL FLAG = T",
        "HIERARCH ESO INS ID = 12345",
        "HIERARCH LONG KEYWORD WITH SEVERAL TOKENS = 'x'",
        "COMMENT First comment.",
        "COMMENT    Indented comment.",
        "COMMENT",
        "HISTORY First history entry.",
        "HISTORY Second history entry, with 'quotes' / and a slash.",
        "        Blank keyword with text.",
        "BLANKPH = 'placeholder'",
        "NOVALUE   Text without a value indicator.",
    ]:
        h.append(card(text), useblanks=False, bottom=True)
    # Long strings, as astropy writes them: with a comment spread over CONTINUE cards (ending in CONTINUE ''), and
    # without. (astropy 5.2 splits doubled quotes across cards and cannot read them back, so no quotes here.)
    h["LONGSTR"] = ("This is a very long string value that does not fit on one card, so it is continued "
                    "over several CONTINUE cards, with a / slash.",
                    "and a long comment that also needs more than one card to be written in full")
    h["LONGNOC"] = "x" * 100 + " end"
    # Quotes on both sides of a card break: astropy 5.2 can neither write nor read these, so placeholders are
    # written here and patch_records puts the real records in their place in the file.
    h.append(card("LONGQ   = 'placeholder'"), useblanks=False, bottom=True)
    h.append(card("LONGQ2  = 'placeholder'"), useblanks=False, bottom=True)
    h["AFTER"] = (7, "card after the long strings")
    return h


# Records astropy 5.2 cannot write as they are: written as placeholders, then replaced in the file (patch_records).
PATCHES = {
    # Quotes on both sides of a card break.
    "LONGQ   = 'placeholder'": "LONGQ   = 'It''s a long string with ''quotes'' on both sides of a break: &'",
    "LONGQ2  = 'placeholder'": "CONTINUE  '''quoted'' start, and it''s done.' / comment on the last card",
    # A blank record in the middle of a header (astropy drops blank cards appended to a header).
    "BLANKPH = 'placeholder'": "",
}


def patch_records(path):
    """Replaces each placeholder record by its PATCHES record (same length, so nothing else moves)."""
    raw = bytearray(open(path, "rb").read())
    for placeholder, record in PATCHES.items():
        assert len(record) <= 80
        at = raw.index(placeholder.encode("ascii"))
        assert at % 80 == 0
        raw[at:at + 80] = record.ljust(80).encode("ascii")
    open(path, "wb").write(raw)


# Cards astropy 5.2 cannot parse (doubled quotes in CONTINUE cards): their value and comment as this script encoded
# them, recorded instead of astropy's reading.
INTENDED = {
    "LONGQ": ("It's a long string with 'quotes' on both sides of a break: 'quoted' start, and it's done.",
              "comment on the last card"),
}


def build_mef(path):
    primary = fits.PrimaryHDU(header=rich_primary_header())

    sci1 = fits.ImageHDU(np.arange(12, dtype=np.int16).reshape(3, 4), name="SCI", ver=1)
    sci2 = fits.ImageHDU(np.arange(24, dtype=np.float32).reshape(2, 3, 4), name="SCI", ver=2)

    empty = fits.ImageHDU(name="EMPTY")
    empty.header.append(card("        "), useblanks=False, bottom=True)
    empty.header.append(card("        "), useblanks=False, bottom=True)

    events = fits.BinTableHDU.from_columns(
        [fits.Column(name="TIME", format="D", array=np.linspace(0, 1, 5)),
         fits.Column(name="PHA", format="J", array=np.arange(5, dtype=np.int32)),
         fits.Column(name="FLAG", format="L", array=np.array([True, False, True, False, True]))],
        name="EVENTS")

    ascii_table = fits.TableHDU.from_columns(
        [fits.Column(name="NAME", format="A8", array=np.array(["a", "bb", "ccc"])),
         fits.Column(name="VALUE", format="F8.3", array=np.array([1.5, 2.5, 3.5]))],
        name="ASCTAB")

    mixed = fits.ImageHDU(np.arange(4, dtype=np.uint8))
    mixed.header.append(card("EXTNAME = 'MixedCase'          / lower-case letters in the name"))

    altname = fits.ImageHDU(np.arange(4, dtype=np.int32).reshape(2, 2))
    altname.header["HDUNAME"] = "ALTNAME"

    dup1 = fits.ImageHDU(np.arange(1, dtype=np.int16), name="DUP")
    dup2 = fits.ImageHDU(np.arange(2, dtype=np.int16), name="DUP")

    fits.HDUList([primary, sci1, sci2, empty, events, ascii_table, mixed, altname, dup1, dup2]).writeto(
        path, output_verify="ignore", overwrite=True)
    patch_records(path)


def build_checksums(directory):
    """checksum.fits, and copies with one data byte and one header byte changed."""
    primary = fits.PrimaryHDU(np.arange(100, dtype=np.int16).reshape(10, 10))
    sci = fits.ImageHDU(np.linspace(0, 1, 25, dtype=np.float32).reshape(5, 5), name="SCI")
    sci.header["OBSERVER"] = "alice"
    table = fits.BinTableHDU.from_columns(
        [fits.Column(name="X", format="E", array=np.arange(4, dtype=np.float32))], name="TAB")
    nosum = fits.ImageHDU(np.arange(3, dtype=np.int16), name="NOSUM")
    dataonly = fits.ImageHDU(np.arange(3, dtype=np.int16), name="DATAONLY")
    hdus = fits.HDUList([primary, sci, table, nosum, dataonly])
    # A fixed comment instead of the time, so the files are reproducible.
    for hdu in (primary, sci, table):
        hdu.add_checksum(when="fixed comment")
    dataonly.add_datasum(when="fixed comment")
    good = os.path.join(directory, "checksum.fits")
    hdus.writeto(good, overwrite=True)

    with fits.open(good) as f:
        info = f.fileinfo(1)
        data_offset, header_offset = info["datLoc"], info["hdrLoc"]
    raw = bytearray(open(good, "rb").read())

    bad_data = bytearray(raw)
    bad_data[data_offset + 10] ^= 0x01
    open(os.path.join(directory, "checksum_baddata.fits"), "wb").write(bad_data)

    bad_header = bytearray(raw)
    at = bad_header.index(b"'alice", header_offset)
    bad_header[at + 5] = ord("f")    # 'alice' -> 'alicf'
    open(os.path.join(directory, "checksum_badheader.fits"), "wb").write(bad_header)


def records(raw, header_offset):
    """The keyword records of one header as stored, END excluded, without the blank records just before END
    (CFITSIO counts those as free space)."""
    out = []
    position = header_offset
    while True:
        record = raw[position:position + 80].decode("ascii")
        position += 80
        if record.startswith("END") and record[3:].strip() == "":
            break
        out.append(record)
    while out and out[-1].strip() == "":
        out.pop()
    return out


def describe_value(value):
    if isinstance(value, Undefined):
        return {"type": "undefined"}
    if isinstance(value, (bool, np.bool_)):
        return {"type": "bool", "value": bool(value)}
    if isinstance(value, (int, np.integer)):
        return {"type": "int", "value": str(int(value))}
    if isinstance(value, (float, np.floating)):
        return {"type": "float", "value": float(value)}
    if isinstance(value, complex):
        return {"type": "complex", "real": value.real, "imag": value.imag}
    if isinstance(value, str):
        return {"type": "str", "value": value}
    raise TypeError(f"unexpected value {value!r}")


COMMENTARY = {"COMMENT", "HISTORY", ""}
CHECKSUM_STATUS = {0: "Invalid", 1: "Valid", 2: "Missing"}


def describe_file(path, intended=None):
    raw = open(path, "rb").read()
    hdus = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with fits.open(path) as f:
            for index, hdu in enumerate(f):
                header = hdu.header
                kind = {"PrimaryHDU": "Image", "ImageHDU": "Image", "BinTableHDU": "BinaryTable",
                        "TableHDU": "AsciiTable"}[type(hdu).__name__]
                cards = []
                for c in header.cards:
                    entry = {"keyword": c.keyword}
                    if c.keyword in COMMENTARY or c.keyword == "NOVALUE":
                        entry.update({"type": "commentary", "value": str(c.value)})
                    elif intended is not None and c.keyword in intended:
                        value, comment = intended[c.keyword]
                        entry.update({"type": "str", "value": value, "comment": comment,
                                      "source": "make_headers.py (astropy 5.2 cannot parse this card)"})
                    else:
                        entry.update(describe_value(c.value))
                        entry["comment"] = c.comment
                    cards.append(entry)
                item = {
                    "index": index,
                    "kind": kind,
                    "extname": header.get("EXTNAME"),
                    "extver": int(header.get("EXTVER", 1)),
                    "hduname": header.get("HDUNAME"),
                    "records": records(raw, f.fileinfo(index)["hdrLoc"]),
                    "cards": cards,
                    "comments": [str(v) for v in header["COMMENT"]] if "COMMENT" in header else [],
                    "history": [str(v) for v in header["HISTORY"]] if "HISTORY" in header else [],
                    "checksum": {"data": CHECKSUM_STATUS[hdu.verify_datasum()],
                                 "hdu": CHECKSUM_STATUS[hdu.verify_checksum()]},
                }
                if kind == "Image":
                    item["shape"] = [int(n) for n in (hdu.shape or ())]
                else:
                    item["rows"] = int(header["NAXIS2"])
                    item["fields"] = int(header["TFIELDS"])
                hdus.append(item)
    return {"sha256": hashlib.sha256(raw).hexdigest(), "hdus": hdus}


FILES = ["mef.fits", "checksum.fits", "checksum_baddata.fits", "checksum_badheader.fits"]


def generate(directory):
    build_mef(os.path.join(directory, "mef.fits"))
    build_checksums(directory)
    return {"generator": "astropy " + astropy.__version__ + ", numpy " + np.__version__,
            "files": {name: describe_file(os.path.join(directory, name), INTENDED) for name in FILES}}


def without_hashes(expected):
    copy = json.loads(json.dumps(expected))
    copy.pop("generator", None)
    for entry in copy["files"].values():
        entry.pop("sha256", None)
    return copy


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        with open(os.path.join(HERE, "expected.json")) as f:
            committed = json.load(f)
        with tempfile.TemporaryDirectory() as tmp:
            fresh = generate(tmp)
        if without_hashes(fresh) != without_hashes(committed):
            print("MISMATCH: regenerated expectations differ from expected.json", file=sys.stderr)
            sys.exit(1)
        print("OK: regenerated expectations match expected.json")
        return
    expected = generate(HERE)
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", ", ".join(FILES), "and expected.json")


if __name__ == "__main__":
    main()
