#!/usr/bin/python3
"""Writes the golden FITS tables that CfitsioNet's table tests read, and expected.json describing every column.

Two writers, two readers, none of them CfitsioNet:
  - astropy (independent of CFITSIO) writes the files in this folder; where astropy cannot write a case (null
    logicals, TZERO -128 on B, a heap gap, blank ASCII fields, no TTYPE cards) the script edits astropy's bytes;
  - CFITSIO's own writer (native/tools/cfitsio_tables.c: fits_create_tbl, fits_write_col, fits_write_descript)
    writes the files in cfitsio/ ;
and astropy reads all of them back: expected.json is what astropy reads, so a C# test checks CfitsioNet's reading
against another tool, never against our own writer. Values are built from integers with exact operations only
(integer generators, ldexp, bit patterns, multiplications of integers by exact scales), so the files and
expected.json regenerate to the same bytes on any CPU, with NPY_DISABLE_CPU_FEATURES too.

    /usr/bin/python3 tests/golden/tables/make_tables.py                  # (re)write the astropy files + expected.json
    /usr/bin/python3 tests/golden/tables/make_tables.py --check          # regenerate in a temp dir and compare

The CFITSIO files are written by the C program (artifacts/native/<rid>/cfitsio_tables, built by ./build.sh
--target=Native). Without --check, the script runs it into cfitsio/ when it exists; with --check it regenerates
them in the temp dir and compares bytes when it exists (and says it skipped them when it does not).

expected.json:
  generator            astropy and numpy versions
  files[]              one entry per file:
    file               path relative to this folder (cfitsio/... for CFITSIO's files)
    writer             "astropy" or "cfitsio"; edits: what the script changed in astropy's bytes, if anything
    hdu_count          HDUs astropy finds in the file
    hdus[]             the table HDUs (0-based index as in fits.open):
      hdu, kind        index; "BinaryTable" or "AsciiTable"
      extname, extver  EXTNAME (or null) and EXTVER (1 when absent)
      rows, row_bytes  NAXIS2, NAXIS1
      pcount, theap    PCOUNT; the heap's offset from the start of the data (THEAP, or NAXIS1*NAXIS2)
      data_offset      byte offset of the data unit in the file (astropy's fileinfo datLoc)
      columns[]        one per TFIELDS, in order:
        index          1-based column number
        name           TTYPEn (null when absent: astropy then calls it col<n>)
        tform, tdim     TFORMn and TDIMn as written (tdim null when absent)
        tscal, tzero, tnull   as text, null when absent (TNULL of ASCII tables is the null string)
        offset, width  the field's byte offset within a row and its width in bytes (astropy's record layout)
        kind           "number", "logical", "bits", "string", "vla", "vla_string", "empty" (repeat 0)
        dtype          numpy name of what astropy returns after scaling (native byte order): int16, uint16 for
                       TZERO 32768, float64 for TSCAL/TZERO, bool for L and X, bytes for A, ...
        cell_shape     shape of one row's cell in C order ([] for a scalar, [4, 3] for TDIM (3,4), [13] for 13X)
        sha256         of all rows' values in astropy's dtype, little-endian, C order, NaN made the canonical
                       quiet NaN first; bool as one byte 0/1; complex as (real, imaginary) pairs; strings: see below
        bits_sha256    floating columns without scaling: the same over the exact bits (NaN payloads kept)
        raw_sha256     L, X and A: of the field's bytes as stored (X packed, MSB first)
        nulls          flat indices (row * cell size + element) of null elements: stored value == TNULL for
                       integer columns (astropy applies no TNULL to binary tables: its value there is the scaled
                       stored value), stored byte 0 for L, field text starting with TNULL for ASCII columns (astropy
                       reads those as 0)
        nan_count      floating columns: NaN elements in astropy's values
        samples[]      a few elements: row, element (flat index in the cell), value as text, hex of the
                       element's little-endian bytes in dtype (exact bits)
        strings        A columns: per row, the hex of each substring astropy returns (trailing spaces and NULs
                       removed by astropy) and raw, the hex of the field as stored
        vla            P/Q columns: lengths and offsets (the descriptors as stored), sha256 over all rows' arrays
                       concatenated (as above); vla_string columns: strings (hex per row) instead of a sha256;
                       PL columns: values True where the stored byte is 'T' (astropy returns the bytes), and nulls
                       as one list of element indices per row
        astropy_differs  a note where astropy is known to read the column differently from the FITS standard
                       (and CFITSIO); cells listed there are still astropy's values
Numbers are strings where JSON readers might lose bits (64-bit integers, scales).
"""

import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

import numpy as np
from astropy.io import fits
import astropy

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = "expected.json"
CFITSIO_DIR = "cfitsio"
CFITSIO_FILES = ["cfitsio_types.fits", "cfitsio_vla.fits", "cfitsio_ascii.fits"]

warnings.simplefilter("ignore")  # astropy warns about repeat-0 columns and the edited headers; the values are checked


# --------------------------------------------------------------------------------------------------------------
# Values: integers and exact operations only
# --------------------------------------------------------------------------------------------------------------

def ints(dtype, n, seed):
    """Full-range integers with the type's ends first."""
    dtype = np.dtype(dtype)
    info = np.iinfo(dtype)
    rng = np.random.default_rng(seed)
    values = rng.integers(int(info.min), int(info.max), size=n, dtype=dtype, endpoint=True)
    specials = [info.min, info.max, 0, 1, info.max - 1, info.min + 1]
    if dtype.kind == "i":
        specials.append(-1)
    specials = np.array(specials, dtype=dtype)[:n]
    values[:len(specials)] = specials
    return values


F32_SPECIALS = [0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x00000001, 0x00800000,
                0x7FC00000, 0xFFC00000, 0x7FC12345, 0x7F800001, 0xFF812345, 0x3F800000]
F64_SPECIALS = [0x0000000000000000, 0x8000000000000000, 0x7FF0000000000000, 0xFFF0000000000000,
                0x7FEFFFFFFFFFFFFF, 0xFFEFFFFFFFFFFFFF, 0x0000000000000001, 0x0010000000000000,
                0x7FF8000000000000, 0xFFF8000000000000, 0x7FF8000000012345, 0x7FF0000000000001,
                0xFFF0000000054321, 0x3FF0000000000000]


def floats(dtype, n, seed, specials=True):
    """m * 2**e for integer m and e (exact), the special bit patterns first: zeros, infinities, extremes, the
    smallest subnormal, the canonical NaN, a negative NaN, a quiet NaN with a payload and signalling NaNs."""
    dtype = np.dtype(dtype)
    rng = np.random.default_rng(seed)
    if dtype == np.float32:
        m = rng.integers(-(2**24) + 1, 2**24, size=n)
        e = rng.integers(-120, 100, size=n)
        values = np.ldexp(m.astype(np.float64), e).astype(np.float32)
        bits, view = F32_SPECIALS, np.uint32
    else:
        m = rng.integers(-(2**53) + 1, 2**53, size=n)
        e = rng.integers(-1000, 950, size=n)
        values = np.ldexp(m.astype(np.float64), e)
        bits, view = F64_SPECIALS, np.uint64
    if specials:
        k = min(n, len(bits))
        values.view(view)[:k] = np.array(bits[:k], dtype=view)
    return values


def complexes(dtype, n, seed):
    part = np.float32 if np.dtype(dtype) == np.complex64 else np.float64
    pairs = np.empty(2 * n, dtype=part)
    pairs[0::2] = floats(part, n, seed)
    pairs[1::2] = floats(part, n, seed + 1000, specials=False)
    return pairs.view(dtype)


def bits(n, width, seed):
    return np.random.default_rng(seed).integers(0, 2, size=(n, width)).astype(bool)


def varlen(maker, lengths, seed):
    arrays = []
    for i, length in enumerate(lengths):
        arrays.append(maker(length, seed + i))
    return np.array(arrays + [None], dtype=object)[:-1]


# --------------------------------------------------------------------------------------------------------------
# Editing astropy's output, for the cases astropy cannot write
# --------------------------------------------------------------------------------------------------------------

def rewrite_hdu(path, index, edit_header=None, edit_data=None):
    """Replaces HDU index of the file with an edited header and/or data unit (re-padded to 2880 bytes)."""
    with open(path, "rb") as f:
        raw = f.read()
    with fits.open(path) as hdul:
        info = hdul.fileinfo(index)
    head, start, span = info["hdrLoc"], info["datLoc"], info["datSpan"]
    header = fits.Header.fromstring(raw[head:start].decode("ascii"))
    data = bytearray(raw[start:start + span])
    if edit_header:
        edit_header(header)
    if edit_data:
        data = edit_data(header, data)
    text = header.tostring(padding=True).encode("ascii")
    size = len(data)
    data = bytes(data) + bytes((-size) % 2880)
    with open(path, "wb") as f:
        f.write(raw[:head] + text + data + raw[start + span:])


def set_after(header, after, card):
    header.insert(after, card, after=True)


def field_slices(header, column):
    """(row, start, size) of each row's field of binary-table column `column` (1-based) in a data unit."""
    rows, width = header["NAXIS2"], header["NAXIS1"]
    offset, size = binary_field(header, column)
    return [(r, r * width + offset, size) for r in range(rows)]


def binary_field(header, column):
    """Offset and byte width of binary-table column `column` (1-based), from astropy's format parser."""
    from astropy.io.fits.column import _ColumnFormat
    offset = 0
    for i in range(1, column + 1):
        fmt = _ColumnFormat(header[f"TFORM{i}"])
        size = fmt.dtype.itemsize if fmt.repeat != 0 else 0
        if i == column:
            return offset, size
        offset += size
    raise KeyError(column)


# --------------------------------------------------------------------------------------------------------------
# The astropy-written files
# --------------------------------------------------------------------------------------------------------------

def write_types(directory):
    """Every fixed-width TFORM: L (with nulls), X of several widths, B, I, J, K, E, D, C, M, A, vectors, TDIM,
    repeat 0; NaN payloads in E and D."""
    n = 40
    rng = np.random.default_rng(100)
    logical = rng.integers(0, 2, size=n).astype(bool)
    logical3 = rng.integers(0, 2, size=(n, 3)).astype(bool)
    text = np.array([b"", b"a", b"  lead", b"trail   ", b" both  ", b"0123456789", b"x y z", b"  "] * (n // 8))
    cols = [
        fits.Column(name="FLAG", format="L", array=logical),
        fits.Column(name="FLAGS3", format="3L", array=logical3),
        fits.Column(name="BIT1", format="1X", array=bits(n, 1, 1)),
        fits.Column(name="BIT8", format="8X", array=bits(n, 8, 2)),
        fits.Column(name="BIT13", format="13X", array=bits(n, 13, 3)),
        fits.Column(name="BIT70", format="70X", array=bits(n, 70, 4)),
        fits.Column(name="U8", format="B", array=ints(np.uint8, n, 5)),
        fits.Column(name="I16", format="I", array=ints(np.int16, n, 6)),
        fits.Column(name="I32", format="J", array=ints(np.int32, n, 7)),
        fits.Column(name="I64", format="K", array=ints(np.int64, n, 8)),
        fits.Column(name="F32", format="E", array=floats(np.float32, n, 9)),
        fits.Column(name="F64", format="D", array=floats(np.float64, n, 10)),
        fits.Column(name="C64", format="C", array=complexes(np.complex64, n, 11)),
        fits.Column(name="C128", format="M", array=complexes(np.complex128, n, 12)),
        fits.Column(name="NONE", format="0J"),
        fits.Column(name="CHAR", format="A", array=np.array([bytes([65 + i % 26]) for i in range(n)])),
        fits.Column(name="TEXT", format="10A", array=text),
        fits.Column(name="I16V", format="3I", array=ints(np.int16, 3 * n, 13).reshape(n, 3)),
        fits.Column(name="F64V", format="2D", array=floats(np.float64, 2 * n, 14).reshape(n, 2)),
        fits.Column(name="F32M", format="12E", dim="(3,4)", array=floats(np.float32, 12 * n, 15, False).reshape(n, 4, 3)),
        fits.Column(name="I32C", format="24J", dim="(2,3,4)", array=ints(np.int32, 24 * n, 16).reshape(n, 4, 3, 2)),
        fits.Column(name="WORDS", format="12A", dim="(4,3)",
                    array=np.array([[b"ab", b"cdef", b" g"]] * n)),
        fits.Column(name="U8V", format="5B", array=ints(np.uint8, 5 * n, 17).reshape(n, 5)),
        fits.Column(name="I64V", format="2K", array=ints(np.int64, 2 * n, 18).reshape(n, 2)),
    ]
    name = "types.fits"
    path = os.path.join(directory, name)
    fits.HDUList([fits.PrimaryHDU(), fits.BinTableHDU.from_columns(cols, name="TYPES")]).writeto(path, overwrite=True)

    # Undefined logicals are stored as a zero byte, which astropy cannot write: every 7th FLAG, FLAGS3 element 1
    # of every 5th row.
    def nulls(header, data):
        for row, start, _ in field_slices(header, 1):
            if row % 7 == 3:
                data[start] = 0
        for row, start, _ in field_slices(header, 2):
            if row % 5 == 1:
                data[start + 1] = 0
        return data
    rewrite_hdu(path, 1, edit_data=nulls)
    return name, "zero bytes written into FLAG (rows 3, 10, ...) and FLAGS3 (element 1 of rows 1, 6, ...): null logicals"


def write_strings(directory):
    """A columns with bytes astropy keeps but fitsverify rejects: a non-ASCII byte, an embedded NUL."""
    values = np.array([b"caf\xe9", b"\xff\xfe", b"ab\x00cd", b"plain", b"\x7f  ", b"   "])
    cols = [fits.Column(name="RAW", format="6A", array=values),
            fits.Column(name="N", format="J", array=np.arange(len(values), dtype=np.int32))]
    name = "strings.fits"
    fits.HDUList([fits.PrimaryHDU(), fits.BinTableHDU.from_columns(cols, name="STRINGS")]) \
        .writeto(os.path.join(directory, name), overwrite=True)
    return name, None


def write_scaled(directory):
    """TZERO unsigned (I/J/K), int8 as B with TZERO -128, real TSCAL/TZERO on I, J, K and E, TNULL on integers."""
    n = 48
    stored16 = ints(np.int16, n, 20)
    stored32 = ints(np.int32, n, 21)
    stored64 = ints(np.int64, n, 22)
    nulled32 = ints(np.int32, n, 23)
    nulled32[5::9] = -999
    nulled16 = ints(np.int16, n, 24)
    nulled16[2::7] = -32768
    nulled8 = ints(np.uint8, n, 25)
    nulled8[4::6] = 255
    nulled64 = ints(np.int64, n, 26)
    nulled64[1::8] = np.iinfo(np.int64).min
    u16_nulls = ints(np.uint16, n, 33)
    u16_nulls[3::10] = 32768                      # stored 0, TNULL14
    vector = ints(np.int32, 3 * n, 27).reshape(n, 3)
    vector[::4, 1] = 7
    cols = [
        fits.Column(name="U16", format="I", bzero=32768, array=ints(np.uint16, n, 28)),
        fits.Column(name="U32", format="J", bzero=2**31, array=ints(np.uint32, n, 29)),
        fits.Column(name="U64", format="K", bzero=2**63, array=ints(np.uint64, n, 30)),
        fits.Column(name="S8", format="B", array=ints(np.uint8, n, 31)),          # TZERO -128 added below
        fits.Column(name="I16S", format="I", array=stored16),                      # TSCAL 0.25, TZERO -3
        fits.Column(name="I32S", format="J", array=stored32),                      # TSCAL 0.1, TZERO 7.25
        # TSCAL 2 only: astropy 5.2.1 cannot read a K column with a TZERO other than 2**63 (UnboundLocalError)
        fits.Column(name="I64S", format="K", array=stored64),
        fits.Column(name="F32S", format="E", array=floats(np.float32, n, 32)),    # TSCAL 2, TZERO 0.5
        fits.Column(name="I32N", format="J", null=-999, array=nulled32),
        fits.Column(name="I16SN", format="I", array=nulled16),                     # TSCAL 0.5, TZERO 1, TNULL -32768
        fits.Column(name="U8N", format="B", null=255, array=nulled8),
        fits.Column(name="I64N", format="K", null=int(np.iinfo(np.int64).min), array=nulled64),
        fits.Column(name="I32VN", format="3J", null=7, array=vector),
        fits.Column(name="U16N", format="I", bzero=32768, array=u16_nulls),      # TNULL14 = 0 (stored) below
        fits.Column(name="I16Z", format="I", array=ints(np.int16, n, 34)),        # TZERO 32767: not the convention
    ]
    name = "scaled.fits"
    path = os.path.join(directory, name)
    fits.HDUList([fits.PrimaryHDU(), fits.BinTableHDU.from_columns(cols, name="SCALED")]).writeto(path, overwrite=True)

    def header(h):
        set_after(h, "TFORM4", ("TZERO4", -128))
        set_after(h, "TFORM5", ("TZERO5", -3.0))
        set_after(h, "TFORM5", ("TSCAL5", 0.25))
        set_after(h, "TFORM6", ("TZERO6", 7.25))
        set_after(h, "TFORM6", ("TSCAL6", 0.1))
        set_after(h, "TFORM7", ("TSCAL7", 2.0))
        set_after(h, "TFORM8", ("TZERO8", 0.5))
        set_after(h, "TFORM8", ("TSCAL8", 2.0))
        set_after(h, "TFORM10", ("TNULL10", -32768))
        set_after(h, "TFORM10", ("TZERO10", 1.0))
        set_after(h, "TFORM10", ("TSCAL10", 0.5))
        set_after(h, "TZERO14", ("TNULL14", 0))
        set_after(h, "TFORM15", ("TZERO15", 32767))
    rewrite_hdu(path, 1, edit_header=header)
    return name, "TZERO4 = -128, TSCAL/TZERO of I16S, I32S, F32S, TSCAL of I64S, I16SN, TNULL10, TNULL14, TZERO15 added to astropy's header"


def vla_columns(lengths):
    # No PL column: astropy 5.2.1 writes 0/1 bytes instead of 'F'/'T' into the heap (CFITSIO's file has one).
    return [
        fits.Column(name="VB", format="PB", array=varlen(lambda k, s: ints(np.uint8, k, s), lengths, 40)),
        fits.Column(name="VI", format="PI", array=varlen(lambda k, s: ints(np.int16, k, s), lengths, 50)),
        fits.Column(name="VJ", format="PJ", array=varlen(lambda k, s: ints(np.int32, k, s), lengths, 60)),
        fits.Column(name="VK", format="PK", array=varlen(lambda k, s: ints(np.int64, k, s), lengths, 70)),
        fits.Column(name="VE", format="PE", array=varlen(lambda k, s: floats(np.float32, k, s), lengths, 80)),
        fits.Column(name="VD", format="PD", array=varlen(lambda k, s: floats(np.float64, k, s), lengths, 90)),
        fits.Column(name="VC", format="PC", array=varlen(lambda k, s: complexes(np.complex64, k, s), lengths, 100)),
        fits.Column(name="VA", format="PA", array=np.array([("abcdefghij" * 3)[:k] for k in lengths])),
        fits.Column(name="QJ", format="QJ", array=varlen(lambda k, s: ints(np.int32, k, s), lengths, 110)),
        fits.Column(name="QD", format="QD", array=varlen(lambda k, s: floats(np.float64, k, s), lengths, 120)),
        fits.Column(name="ID", format="J", array=np.arange(len(lengths), dtype=np.int32)),
    ]


ELEMENT_BYTES = {"L": 1, "B": 1, "A": 1, "I": 2, "J": 4, "K": 8, "E": 4, "D": 8, "C": 8, "M": 16}
VLA_LENGTHS = [0, 1, 5, 0, 17, 2, 0, 0, 9, 30, 1, 0]


def write_vla(directory):
    """P and Q arrays of several element types, empty arrays included; a second table whose heap starts after a
    gap (THEAP > NAXIS1*NAXIS2) and stores the arrays out of row order with unused bytes between them."""
    name = "vla.fits"
    path = os.path.join(directory, name)
    hdus = [fits.PrimaryHDU(),
            fits.BinTableHDU.from_columns(vla_columns(VLA_LENGTHS), name="VLA"),
            fits.BinTableHDU.from_columns(vla_columns(VLA_LENGTHS), name="GAP")]
    fits.HDUList(hdus).writeto(path, overwrite=True)

    move_heap(path, 2, gap=1000)
    return name, "HDU 2 (GAP): heap moved to THEAP = NAXIS1*NAXIS2 + 1000, arrays stored last row first, 3 unused bytes before each"


def write_gap_then_image(directory):
    """A table with a heap gap followed by an image extension. PCOUNT counts the gap (FITS 4.0, 7.3.5: the bytes
    after the main table); CFITSIO 4.2.0 takes its heap to be THEAP..THEAP+PCOUNT, so it looks for the next HDU
    past the end of this data unit and does not see the image (astropy does)."""
    name = "heap_gap_next_hdu.fits"
    path = os.path.join(directory, name)
    image = fits.ImageHDU(ints(np.int16, 12, 130).reshape(3, 4), name="AFTER")
    fits.HDUList([fits.PrimaryHDU(), fits.BinTableHDU.from_columns(vla_columns(VLA_LENGTHS), name="GAP"), image]) \
        .writeto(path, overwrite=True)
    move_heap(path, 1, gap=3000)
    return name, "HDU 1 (GAP): heap moved to THEAP = NAXIS1*NAXIS2 + 3000, arrays stored last row first"


def move_heap(path, index, gap):
    """Moves the heap of table HDU index to THEAP = NAXIS1*NAXIS2 + gap and stores the arrays last row first with
    3 unused bytes before each; descriptors and PCOUNT follow."""
    def regap(header, data):
        rows, width = header["NAXIS2"], header["NAXIS1"]
        table = bytearray(data[:rows * width])
        heap = bytes(data[rows * width:rows * width + header["PCOUNT"]])
        # Each array moves: last row first, 3 unused bytes before each; descriptors rewritten to match.
        new_heap = bytearray()
        columns = header["TFIELDS"]
        for col in range(1, columns + 1):
            tform = header[f"TFORM{col}"]
            if tform[0] not in "PQ":
                continue
            offset, size = binary_field(header, col)
            kind = ">i4" if tform[0] == "P" else ">i8"
            for row in reversed(range(rows)):
                start = row * width + offset
                count, where = np.frombuffer(bytes(table[start:start + size]), dtype=kind)
                element = ELEMENT_BYTES[tform[1]]
                new_heap += b"\xa5\x5a\xa5"
                new_offset = len(new_heap)
                new_heap += heap[where:where + count * element]
                table[start:start + size] = np.array([count, new_offset], dtype=kind).tobytes()
        header["PCOUNT"] = gap + len(new_heap)
        set_after(header, "TFIELDS", ("THEAP", rows * width + gap, "heap after a gap of %d bytes" % gap))
        return table + bytes([0x33]) * gap + new_heap
    rewrite_hdu(path, index, edit_data=regap)


def write_ascii(directory):
    """ASCII table: Aw, Iw, Fw.d, Ew.d, Dw.d, with blank fields, TNULL strings and a scaled Iw."""
    names = np.array(["alpha", "  beta", "gamma  ", "", "epsilon!", "z", "  ", "theta"] * 3)
    n = len(names)
    i6 = ints(np.int32, n, 60) % 199999 - 99999
    i10 = ints(np.int32, n, 61)
    # F: k / 1000, one exact division, as both parsers compute it. E, D: a mantissa k/16 in [1, 10) times an exact
    # power of ten up to 1e18 (k * 5**e < 2**53: the value is a double), so the text holds it exactly and CFITSIO's
    # parser (digits / 10^decimals * 10^exponent) gives the correctly rounded double that astropy's gives.
    f = (ints(np.int32, n, 62) % 2000000 - 1000000) / 1000.0
    sign = np.where(ints(np.uint8, n, 63) % 2 == 0, 1.0, -1.0)
    tens = np.array([10.0 ** k for k in range(23)])   # exact: every power of ten up to 1e22 is a double
    e = sign * (16 + ints(np.uint8, n, 64) % 144) / 16.0 * tens[np.arange(n) % 16]
    d = -sign * (16 + ints(np.uint8, n, 65) % 144) / 16.0 * tens[np.arange(n) % 19]
    cols = [
        fits.Column(name="NAME", format="A8", array=names),
        fits.Column(name="I6", format="I6", null="-----", array=i6),
        fits.Column(name="I10", format="I11", array=i10),
        fits.Column(name="F", format="F12.3", null="*", array=f),
        fits.Column(name="E", format="E15.6", array=e),
        fits.Column(name="D", format="D25.16", null="NULL", array=d),
        fits.Column(name="ISCALED", format="I8", array=np.arange(n, dtype=np.int32) * 37 - 400),  # TSCAL 0.5 TZERO 10
    ]
    name = "ascii.fits"
    path = os.path.join(directory, name)
    fits.HDUList([fits.PrimaryHDU(), fits.TableHDU.from_columns(cols, name="ASCII")]).writeto(path, overwrite=True)

    def header(h):
        set_after(h, "TBCOL7", ("TZERO7", 10.0))
        set_after(h, "TBCOL7", ("TSCAL7", 0.5))

    def blanks(header, data):
        width = header["NAXIS1"]

        def put(row, col, text):
            start = header[f"TBCOL{col}"] - 1 + row * width
            size = ascii_width(header[f"TFORM{col}"])
            data[start:start + size] = text.rjust(size).encode("ascii")
        for row in (1, 9, 17):
            put(row, 2, "-----".ljust(6))   # TNULL2
            put(row, 4, "*".ljust(12))      # TNULL4
            put(row, 6, "NULL".ljust(25))   # TNULL6
        for row in (2, 11):
            for col in (2, 3, 4, 5, 6, 7):
                put(row, col, "")           # blank fields
        put(5, 4, "12345")                  # no decimal point: F12.3 implies 3 decimals (12.345)
        return data
    rewrite_hdu(path, 1, edit_header=header, edit_data=blanks)
    return name, ("TSCAL7/TZERO7 added; TNULL strings written into I6, F, D of rows 1, 9, 17; every numeric field "
                  "of rows 2 and 11 blank; F of row 5 without a decimal point")


def ascii_width(tform):
    digits = tform[1:].split(".")[0]
    return int(digits)


def write_empty(directory):
    """Tables with no rows (binary with fixed and variable columns, ASCII), and one with no columns' data."""
    binary = fits.BinTableHDU.from_columns([
        fits.Column(name="ID", format="J", array=np.zeros(0, np.int32)),
        fits.Column(name="FLUX", format="3D", array=np.zeros((0, 3))),
        fits.Column(name="NAME", format="8A", array=np.array([], dtype="S8")),
        fits.Column(name="SPEC", format="PE", array=np.array([], dtype=object)),
    ], name="EMPTY")
    # astropy cannot build a 0-row ASCII table: it writes one row, and the script makes it NAXIS2 = 0, no data.
    ascii_table = fits.TableHDU.from_columns([
        fits.Column(name="N", format="I5", array=np.zeros(1, np.int32)),
        fits.Column(name="X", format="E12.4", array=np.zeros(1)),
    ], name="EMPTYASCII")
    name = "empty.fits"
    path = os.path.join(directory, name)
    fits.HDUList([fits.PrimaryHDU(), binary, ascii_table]).writeto(path, overwrite=True)

    def no_rows(header):
        header["NAXIS2"] = 0
    rewrite_hdu(path, 2, edit_header=no_rows, edit_data=lambda header, data: bytearray())
    return name, "HDU 2 (EMPTYASCII): written with one row by astropy, then NAXIS2 = 0 and no data"


WIDE_COLUMNS = 999
WIDE_FORMS = ["J", "D", "B", "I", "E", "K", "L", "4A", "2I", "X"]


def write_wide(directory):
    """999 columns (TFORMn is at most 8 characters, so 999 is FITS's maximum), 3 rows. The header is 160 KB: astropy
    5.2.1 cannot read a table without TTYPE cards, so they stay."""
    rows = 3
    cols = []
    for i in range(WIDE_COLUMNS):
        form = WIDE_FORMS[i % len(WIDE_FORMS)]
        seed = 1000 + i
        if form == "J":
            array = ints(np.int32, rows, seed)
        elif form == "D":
            array = floats(np.float64, rows, seed, specials=False)
        elif form == "B":
            array = ints(np.uint8, rows, seed)
        elif form == "I":
            array = ints(np.int16, rows, seed)
        elif form == "E":
            array = floats(np.float32, rows, seed, specials=False)
        elif form == "K":
            array = ints(np.int64, rows, seed)
        elif form == "L":
            array = np.array([True, False, i % 2 == 0])
        elif form == "4A":
            array = np.array([b"c%03d" % (i % 1000), b"", b"w"])
        elif form == "2I":
            array = ints(np.int16, 2 * rows, seed).reshape(rows, 2)
        else:
            array = bits(rows, 1, seed)
        cols.append(fits.Column(name=f"C{i + 1}", format=form, array=array))
    name = "wide.fits"
    path = os.path.join(directory, name)
    fits.HDUList([fits.PrimaryHDU(), fits.BinTableHDU.from_columns(cols, name="WIDE")]).writeto(path, overwrite=True)

    return name, None


def write_mef(directory):
    """Several extensions with EXTNAME/EXTVER: tables of both kinds between images."""
    events1 = fits.BinTableHDU.from_columns([
        fits.Column(name="TIME", format="D", array=floats(np.float64, 6, 200, specials=False)),
        fits.Column(name="PHA", format="J", array=ints(np.int32, 6, 201))], name="EVENTS")
    events2 = fits.BinTableHDU.from_columns([
        fits.Column(name="TIME", format="D", array=floats(np.float64, 4, 202, specials=False)),
        fits.Column(name="PHA", format="J", array=ints(np.int32, 4, 203))], name="EVENTS")
    events2.header["EXTVER"] = 2
    catalog = fits.TableHDU.from_columns([
        fits.Column(name="ID", format="I4", array=np.arange(3, dtype=np.int32)),
        fits.Column(name="MAG", format="F8.3", array=np.array([10.5, 11.25, -0.125]))], name="CATALOG")
    gti = fits.BinTableHDU.from_columns([
        fits.Column(name="START", format="D", array=np.array([0.0, 10.0])),
        fits.Column(name="STOP", format="D", array=np.array([5.0, 20.5]))], name="GTI")
    image = fits.ImageHDU(ints(np.int16, 20, 204).reshape(4, 5), name="SCI")
    name = "mef.fits"
    fits.HDUList([fits.PrimaryHDU(ints(np.int16, 6, 205).reshape(2, 3)), events1, image, catalog, events2, gti]) \
        .writeto(os.path.join(directory, name), overwrite=True)
    return name, None


ASTROPY_WRITERS = [write_types, write_strings, write_scaled, write_vla, write_gap_then_image, write_ascii, write_empty, write_wide, write_mef]


# --------------------------------------------------------------------------------------------------------------
# Describing what astropy reads
# --------------------------------------------------------------------------------------------------------------

def native(dtype):
    return dtype.newbyteorder("=") if dtype.byteorder not in "=|" else dtype


def le_bytes(values):
    values = np.ascontiguousarray(values)
    if values.dtype.kind == "b":
        return values.astype(np.uint8).tobytes()
    return values.astype(values.dtype.newbyteorder("<")).tobytes()


def canonical(values):
    """Little-endian bytes as le_bytes, with every NaN (of a real or a complex part) the canonical quiet NaN."""
    values = np.ascontiguousarray(values)
    if values.dtype.kind in "fc":
        values = values.astype(native(values.dtype), copy=True)
        parts = values.view(np.float32 if values.dtype == np.complex64 else np.float64) \
            if values.dtype.kind == "c" else values
        parts[np.isnan(parts)] = np.nan
    return le_bytes(values)


def sha(data):
    return hashlib.sha256(data).hexdigest()


def value_text(value):
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).hex()
    if isinstance(value, (np.bool_, bool)):
        return "true" if value else "false"
    if isinstance(value, (np.integer, int)):
        return str(int(value))
    if isinstance(value, (np.complexfloating, complex)):
        return f"({value_text(np.real(value))},{value_text(np.imag(value))})"
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def samples(values, rows):
    """A few elements of a (rows, cell...) array: first, second, middle, last rows, first and last element."""
    if rows == 0:
        return []
    flat = np.ascontiguousarray(values).reshape(rows, -1)
    cell = flat.shape[1]
    if cell == 0:
        return []
    picks = sorted({(r, e) for r in {0, min(1, rows - 1), rows // 2, rows - 1} for e in {0, cell - 1}})
    if flat.dtype.kind in "fc":
        real = flat.view(flat.dtype.newbyteorder("=")).real if flat.dtype.kind == "c" else flat
        for r, e in zip(*np.nonzero(~np.isfinite(real))):
            picks.append((int(r), int(e)))
        picks = sorted(set(picks))[:24]
    return [{"row": int(r), "element": int(e), "value": value_text(flat[r, e]),
             "hex": le_bytes(flat[r:r + 1, e]).hex()} for r, e in picks]


def header_text(header, key):
    if key not in header:
        return None
    value = header[key]
    if isinstance(value, bool):
        return "T" if value else "F"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def stored(raw_rows, offset, width, code, count):
    """The stored big-endian values of a field, (rows, count)."""
    if len(raw_rows) == 0:
        return np.zeros((0, count), dtype=code)
    block = np.stack([np.frombuffer(r[offset:offset + width], dtype=code) for r in raw_rows])
    return block.reshape(len(raw_rows), count)


def describe_file(path, name, writer, edits):
    with open(path, "rb") as f:
        raw = f.read()
    entry = {"file": name, "writer": writer}
    if edits:
        entry["edits"] = edits
    hdus = []
    with fits.open(path) as hdul:
        for index, hdu in enumerate(hdul):
            if isinstance(hdu, (fits.BinTableHDU, fits.TableHDU)):
                hdus.append(describe_table(hdul, index, hdu, raw))
        entry["hdu_count"] = len(hdul)
    entry["hdus"] = hdus
    return entry


def describe_table(hdul, index, hdu, raw):
    h = hdu.header
    ascii_table = isinstance(hdu, fits.TableHDU) and not isinstance(hdu, fits.BinTableHDU)
    rows, width = h["NAXIS2"], h["NAXIS1"]
    start = hdul.fileinfo(index)["datLoc"]
    raw_rows = [raw[start + r * width:start + (r + 1) * width] for r in range(rows)]
    theap = h.get("THEAP", rows * width)
    out = {
        "hdu": index, "kind": "AsciiTable" if ascii_table else "BinaryTable",
        "extname": h.get("EXTNAME"), "extver": h.get("EXTVER", 1),
        "rows": rows, "row_bytes": width, "pcount": h.get("PCOUNT", 0), "theap": theap, "data_offset": start,
        "columns": [],
    }
    data = hdu.data
    record = data.dtype if data is not None else None
    heap = raw[start + theap:start + rows * width + h.get("PCOUNT", 0)] if not ascii_table else b""
    for i, column in enumerate(hdu.columns):
        n = i + 1
        col = {
            "index": n, "name": h.get(f"TTYPE{n}"), "tform": h[f"TFORM{n}"], "tdim": h.get(f"TDIM{n}"),
            "tscal": header_text(h, f"TSCAL{n}"), "tzero": header_text(h, f"TZERO{n}"),
            "tnull": header_text(h, f"TNULL{n}"),
        }
        if ascii_table:
            col["offset"] = h[f"TBCOL{n}"] - 1
            col["width"] = ascii_width(h[f"TFORM{n}"])
        else:
            col["offset"], col["width"] = binary_field(h, n)
            if record is not None and record.fields[column.name][1] != col["offset"]:
                raise SystemExit(f"{column.name}: astropy's record offset differs from its format's layout")
        if rows == 0:
            # Nothing to read (astropy 5.2.1 cannot even convert an empty ASCII column): no values, no dtype.
            col.update(kind="no_rows", sha256=sha(b""))
        else:
            describe_column(col, column, data.field(i), raw_rows, heap, rows, ascii_table, h)
            if len(hdu.columns) > 100:
                # wide tables: the digests check every value; samples and strings would only make the file large
                col.pop("samples", None)
                col.pop("strings", None)
        out["columns"].append(col)
    return out


def describe_column(col, column, values, raw_rows, heap, rows, ascii_table, h):
    tform = col["tform"].strip().upper()
    code = tform.lstrip("0123456789")[:1]
    offset, width = col["offset"], col["width"]
    n = col["index"]
    if ascii_table:
        describe_ascii(col, column, values, raw_rows, rows, h)
        return
    if code in "PQ":
        describe_vla(col, tform, values, raw_rows, heap, rows)
        return
    repeat = int(tform[:len(tform) - len(tform.lstrip("0123456789"))] or 1)
    if repeat == 0:
        col.update(kind="empty", dtype=None, cell_shape=[0], sha256=sha(b""))
        return
    if values is None:
        raise SystemExit(f"{col['name']}: astropy gives no data for a table of {rows} rows")
    values = np.asarray(values)
    cell_shape = list(values.shape[1:])
    if code == "A":
        strings = values.reshape(rows, -1) if rows else values.reshape(0, 1)
        col.update(kind="string", dtype="bytes", cell_shape=cell_shape,
                   raw_sha256=sha(b"".join(r[offset:offset + width] for r in raw_rows)),
                   strings=[{"values": [as_bytes(s).hex() for s in row],
                             "raw": r[offset:offset + width].hex()} for row, r in zip(strings, raw_rows)])
        joined = b"".join(as_bytes(s).ljust(width // max(1, strings.shape[1]), b"\0") for row in strings for s in row)
        col["sha256"] = sha(joined)
        return
    if code == "L":
        flags = stored(raw_rows, offset, width, "u1", repeat)
        col.update(kind="logical", dtype="bool", cell_shape=cell_shape, sha256=sha(le_bytes(values)),
                   raw_sha256=sha(flags.tobytes()), nulls=[int(k) for k in np.flatnonzero(flags == 0)],
                   samples=samples(values, rows))
        return
    if code == "X":
        packed = stored(raw_rows, offset, width, "u1", width)
        col.update(kind="bits", dtype="bool", cell_shape=cell_shape, sha256=sha(le_bytes(values)),
                   raw_sha256=sha(packed.tobytes()), samples=samples(values, rows))
        return
    dtype = native(values.dtype)
    values = values.astype(dtype)
    col.update(kind="number", dtype=dtype.name, cell_shape=cell_shape, sha256=sha(canonical(values)))
    if dtype.kind in "fc":
        real = values.view(np.float32 if dtype == np.complex64 else np.float64) if dtype.kind == "c" else values
        col["nan_count"] = int(np.isnan(real).sum())
        if col["tscal"] is None and col["tzero"] is None:
            col["bits_sha256"] = sha(le_bytes(values))
    if col["tnull"] is not None:
        kinds = {"B": "u1", "I": ">i2", "J": ">i4", "K": ">i8"}
        raw_values = stored(raw_rows, offset, width, kinds[code], repeat)
        col["nulls"] = [int(k) for k in np.flatnonzero(raw_values == int(h[f"TNULL{n}"]))]
    col["samples"] = samples(values, rows)


def as_bytes(value):
    """astropy returns bytes or str (it decodes some string columns); str here holds only ASCII or latin-1."""
    return value.encode("latin-1") if isinstance(value, str) else bytes(value)


def describe_vla(col, tform, values, raw_rows, heap, rows):
    descriptor = ">i4" if tform[0] == "P" else ">i8"
    pairs = stored(raw_rows, col["offset"], col["width"], descriptor, 2)
    col["vla"] = {"lengths": [int(k) for k in pairs[:, 0]], "offsets": [int(k) for k in pairs[:, 1]]}
    element = tform[1]
    if element == "A":
        col.update(kind="vla_string", dtype="bytes", cell_shape=None)
        col["vla"]["strings"] = [heap[o:o + k].hex() for k, o in zip(col["vla"]["lengths"], col["vla"]["offsets"])]
        got = ["".join(v).encode("latin-1").hex() for v in values] if rows else []
        if got != col["vla"]["strings"]:
            raise SystemExit(f"{col['name']}: astropy's strings differ from the heap's bytes")
        return
    arrays = [np.asarray(v) for v in values] if rows else []
    dtype = native(arrays[0].dtype) if arrays else None
    if element == "L":
        # astropy returns the stored bytes ('T', 'F', 0) of PL arrays: True is 'T', null is 0, as for L columns.
        arrays = [np.asarray(a).view(np.uint8) == ord("T") for a in arrays]
        stored_bytes = [np.asarray(a).view(np.uint8) for a in values] if rows else []
        col["nulls"] = [[int(k) for k in np.flatnonzero(b == 0)] for b in stored_bytes]
        dtype = np.dtype(bool)
    col.update(kind="vla", dtype=dtype.name if dtype is not None else None, cell_shape=None)
    if arrays:
        every = np.concatenate([a.astype(dtype) for a in arrays])
        col["vla"]["sha256"] = sha(canonical(every))
        if dtype.kind in "fc":
            col["vla"]["bits_sha256"] = sha(le_bytes(every))
        col["samples"] = [{"row": r, "element": len(a) - 1, "value": value_text(a[-1]),
                           "hex": le_bytes(a[-1:].astype(dtype)).hex()} for r, a in enumerate(arrays) if len(a)][:6]
    if [len(a) for a in arrays] != col["vla"]["lengths"]:
        raise SystemExit(f"{col['name']}: astropy's array lengths differ from the descriptors")


def describe_ascii(col, column, values, raw_rows, rows, h):
    offset, width = col["offset"], col["width"]
    fields = [r[offset:offset + width] for r in raw_rows]
    code = col["tform"].strip().upper()[0]
    col["raw"] = [f.decode("ascii") for f in fields]
    if code == "A":
        col.update(kind="string", dtype="bytes", cell_shape=[],
                   strings=[{"values": [str(v).encode("ascii").hex()], "raw": f.hex()} for v, f in zip(values, fields)]
                   if rows else [])
        col["sha256"] = sha(b"".join(str(v).encode("ascii").ljust(width, b"\0") for v in values) if rows else b"")
        return
    if values is None:
        values = np.zeros(0, dtype=np.int32 if code == "I" else np.float64)
    values = np.asarray(values)
    dtype = native(values.dtype)
    values = values.astype(dtype)
    col.update(kind="number", dtype=dtype.name, cell_shape=[], sha256=sha(canonical(values)),
               samples=samples(values, rows))
    tnull = h.get(f"TNULL{col['index']}")
    if tnull is not None:
        col["nulls"] = [r for r, f in enumerate(fields) if f.decode("ascii").startswith(tnull)]
    blank = [r for r, f in enumerate(fields) if not f.strip()]
    if blank:
        col["blank"] = blank
    if code == "F":
        implied = [r for r, f in enumerate(fields) if f.strip() and b"." not in f
                   and (tnull is None or not f.decode("ascii").startswith(tnull))]
        if implied:
            col["astropy_differs"] = {"rows": implied, "note": "a field without a decimal point: the FITS standard "
                                      "(and CFITSIO) imply d decimals; astropy does not"}


# --------------------------------------------------------------------------------------------------------------
# The CFITSIO-written files
# --------------------------------------------------------------------------------------------------------------

def repository():
    """The repository root: the first folder upwards holding build.cake (the tests run a copy of this script)."""
    folder = HERE
    while not os.path.exists(os.path.join(folder, "build.cake")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return folder


def cfitsio_tool():
    repo = repository()
    if repo is None:
        return None, None
    rid = ("osx-" if sys.platform == "darwin" else "linux-") + ("arm64" if os.uname().machine in ("arm64", "aarch64") else "x64")
    folder = os.path.join(repo, "artifacts", "native", rid)
    tool = os.path.join(folder, "cfitsio_tables")
    return (tool, folder) if os.path.exists(tool) else (None, folder)


def run_cfitsio_tool(directory):
    tool, folder = cfitsio_tool()
    if tool is None:
        return False
    os.makedirs(directory, exist_ok=True)
    env = dict(os.environ, LD_LIBRARY_PATH=folder, DYLD_LIBRARY_PATH=folder)
    subprocess.run([tool, directory], check=True, env=env)
    return True


# --------------------------------------------------------------------------------------------------------------

def build(directory, cfitsio_source):
    """Writes the astropy files into directory and describes them and the CFITSIO files in cfitsio_source."""
    files = []
    for writer in ASTROPY_WRITERS:
        name, edits = writer(directory)
        files.append(describe_file(os.path.join(directory, name), name, "astropy", edits))
    for name in CFITSIO_FILES:
        path = os.path.join(cfitsio_source, name)
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: build the native tools (./build.sh --target=Native) and run this script")
        files.append(describe_file(path, f"{CFITSIO_DIR}/{name}", "cfitsio", None))
    return {
        "generator": f"astropy {astropy.__version__}, numpy {np.__version__}",
        "note": "Written by make_tables.py; see its docstring for the meaning of each field.",
        "files": files,
    }


def save(directory, manifest):
    """One column per line (the wide table has 999), everything else indented."""
    def compact(value):
        return json.dumps(value, separators=(",", ":"))
    lines = ["{", f' "generator": {compact(manifest["generator"])},', f' "note": {compact(manifest["note"])},',
             ' "files": [']
    for f_index, entry in enumerate(manifest["files"]):
        head = {k: v for k, v in entry.items() if k != "hdus"}
        lines.append("  {" + compact(head)[1:-1] + ', "hdus": [')
        for h_index, table in enumerate(entry["hdus"]):
            meta = {k: v for k, v in table.items() if k != "columns"}
            lines.append("   {" + compact(meta)[1:-1] + ', "columns": [')
            columns = [{k: v for k, v in c.items() if v is not None} for c in table["columns"]]
            lines += ["    " + compact(c) + ("," if k < len(columns) - 1 else "") for k, c in enumerate(columns)]
            lines.append("   ]}" + ("," if h_index < len(entry["hdus"]) - 1 else ""))
        lines.append("  ]}" + ("," if f_index < len(manifest["files"]) - 1 else ""))
    lines += [" ]", "}"]
    with open(os.path.join(directory, MANIFEST), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def check():
    with open(os.path.join(HERE, MANIFEST), encoding="utf-8") as f:
        committed = json.load(f)
    problems = []
    with tempfile.TemporaryDirectory(prefix="cfitsionet-tables-") as scratch:
        fresh_cfitsio = os.path.join(scratch, CFITSIO_DIR)
        if run_cfitsio_tool(fresh_cfitsio):
            for name in CFITSIO_FILES:
                if not same_bytes(os.path.join(HERE, CFITSIO_DIR, name), os.path.join(fresh_cfitsio, name)):
                    problems.append(f"{CFITSIO_DIR}/{name}: CFITSIO's writer now writes other bytes")
        elif os.environ.get("CI") == "true":
            problems.append("cfitsio_tables is not built (./build.sh --target=Native): CI must regenerate the CFITSIO files")
        else:
            print("note: cfitsio_tables is not built; the committed CFITSIO files were described but not regenerated")
        fresh = build(scratch, os.path.join(HERE, CFITSIO_DIR))
        for entry in fresh["files"]:
            if entry["writer"] == "astropy":
                name = entry["file"]
                if not same_bytes(os.path.join(HERE, name), os.path.join(scratch, name)):
                    problems.append(f"{name}: differs from a fresh run")
        save(scratch, fresh)
        with open(os.path.join(scratch, MANIFEST), encoding="utf-8") as f:
            regenerated = json.load(f)
    old = {e["file"]: e for e in committed["files"]}
    new = {e["file"]: e for e in regenerated["files"]}
    if sorted(old) != sorted(new):
        problems.append(f"file lists differ: committed {sorted(old)}, regenerated {sorted(new)}")
    for name in sorted(set(old) & set(new)):
        if old[name] != new[name]:
            problems.append(f"{name}: expected.json entry differs from a fresh run")
    if committed.get("generator") != regenerated.get("generator"):
        print(f"note: committed by {committed.get('generator')}, regenerated with {regenerated.get('generator')}")
    for problem in problems:
        print("MISMATCH:", problem)
    if problems:
        return 1
    print(f"ok: {len(new)} table files match {MANIFEST} ({fresh['generator']})")
    return 0


def same_bytes(a, b):
    if not os.path.exists(a) or not os.path.exists(b):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="regenerate in a temp dir and compare")
    args = parser.parse_args()
    if args.check:
        return check()
    if not run_cfitsio_tool(os.path.join(HERE, CFITSIO_DIR)):
        print("note: cfitsio_tables is not built; the committed CFITSIO files are described as they are")
    manifest = build(HERE, os.path.join(HERE, CFITSIO_DIR))
    save(HERE, manifest)
    for entry in manifest["files"]:
        path = os.path.join(HERE, entry["file"])
        print(f"{entry['file']}: {os.path.getsize(path)} bytes, {len(entry['hdus'])} table HDU(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
