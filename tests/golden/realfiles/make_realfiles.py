#!/usr/bin/python3
"""Writes the golden files for issue 17 ("what real files showed") with astropy, and expected.json with what astropy
reads back from them. Nothing here comes from CfitsioNet or CFITSIO.

  /usr/bin/python3 make_realfiles.py            regenerate the files and expected.json here
  /usr/bin/python3 make_realfiles.py --check    regenerate into a temporary folder and compare with what is committed

The files:
  groups.fits              a random-groups primary (GROUPS = T, NAXIS1 = 0): 10 groups of 3 parameters (PTYPEn with
                           PSCALn/PZEROn) and a 1 x 1 x 3 x 5 array each (BSCALE/BZERO), by fits.GroupsHDU/GroupData
  compressed_named.fits    two RICE_1 images by fits.CompImageHDU: 'ccd00', whose table header is then edited to carry
                           EXTNAME = 'COMPRESSED_IMAGE' (the container's default, as CFITSIO writes it) before the
                           image's own EXTNAME = 'ccd00' (lower case, as real files have it); and 'CCD01' as astropy
                           writes it
  int64_blank.fits         BITPIX 64 images, signed with BLANK and unsigned (BZERO 2^63), with values beyond 2^53
                           and halfway cases, for the read into double (nearest double, ties to even; BLANK is NaN)
  naxis_before_bitpix.fits an int16 primary and an int16 IMAGE extension, each header with its BITPIX and NAXIS
                           cards (80 bytes each) swapped after astropy wrote them: CFITSIO refuses it (status 222)

Values are built from integers only (exact on every CPU; see ../exact_values.py). Checksums are sha256 over values as
little-endian bytes of the stated dtype, in C order, every NaN the canonical quiet NaN.
"""
import argparse
import json
import os
import sys
import tempfile
import warnings

import numpy as np
from astropy.io import fits

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "reading"))
from make_reading import sha  # noqa: E402  (the reading goldens' checksum: little-endian values, canonical NaN)

MANIFEST = "expected.json"
CARD = 80
BLOCK = 2880


def exact_list(values):
    """Values as JSON numbers that parse back to the same double (or integer); NaN as null."""
    out = []
    for v in np.asarray(values).ravel().tolist():
        out.append(None if isinstance(v, float) and v != v else v)
    return out


def groups(folder):
    """10 groups, 3 parameters, data 1 x 1 x 3 x 5; stored int16, scales that are powers of two (exact).

    astropy 5.2.1 reads the parameters with PSCALn/PZEROn applied, but its group arrays with BSCALE and without BZERO
    (checked below), so the expected arrays are the stored integers (decoded here from the file's big-endian bytes
    with numpy) scaled by the standard's rule, BZERO + BSCALE * stored; the parameters are what astropy reads."""
    ngroups, shape = 10, (1, 1, 3, 5)
    rng = np.random.default_rng(20261702)
    names = ["UU", "VV", "BASELINE"]
    pscal = [0.5, 0.25, 1.0]
    pzero = [100.0, -8.0, 0.0]
    bscale, bzero = 0.125, 16.0
    stored_par = [rng.integers(-3000, 3000, size=ngroups, endpoint=True).astype(np.int16) for _ in names]
    stored = rng.integers(-20000, 20000, size=(ngroups,) + shape, endpoint=True).astype(np.int16)
    hdu = fits.GroupsHDU(fits.GroupData(stored, bitpix=16, parnames=names, pardata=stored_par))
    # The scaling keywords go into the header of the unscaled data, so astropy writes the integers as they are.
    hdu.header.insert("PTYPE1", ("BSCALE", bscale))
    hdu.header.insert("PTYPE1", ("BZERO", bzero))
    for k in range(len(names)):
        after = f"PTYPE{k + 2}" if k + 1 < len(names) else None
        for card in ((f"PSCAL{k + 1}", pscal[k]), (f"PZERO{k + 1}", pzero[k])):
            if after:
                hdu.header.insert(after, card)
            else:
                hdu.header.append(card)
    hdu.header["OBJECT"] = "issue 17"
    path = os.path.join(folder, "groups.fits")
    hdu.writeto(path, overwrite=True)

    with open(path, "rb") as f:
        raw = f.read()
    header_bytes = raw.index(b"END" + b" " * 77) // BLOCK * BLOCK + BLOCK
    group_values = len(names) + int(np.prod(shape))
    decoded = np.frombuffer(raw[header_bytes:header_bytes + 2 * ngroups * group_values], dtype=">i2")
    decoded = decoded.reshape(ngroups, group_values).astype(np.int64)
    assert np.array_equal(decoded[:, len(names):].reshape((ngroups,) + shape), stored)
    data = bzero + bscale * decoded[:, len(names):].reshape((ngroups,) + shape)

    with fits.open(path) as f:
        h = f[0]
        assert isinstance(h, fits.GroupsHDU)
        read = h.data
        assert np.array_equal(read.data, bscale * stored), "astropy's reading of the group arrays changed"
        header = h.header
        entry = {
            "file": "groups.fits", "hdu": 0, "bitpix": header["BITPIX"],
            "naxes": [header[f"NAXIS{i}"] for i in range(1, header["NAXIS"] + 1)],
            "gcount": header["GCOUNT"], "pcount": header["PCOUNT"],
            "group_shape": list(read.data.shape[1:]),
            "bscale": header["BSCALE"], "bzero": header["BZERO"],
            "parameters": [],
            "data": exact_list(data),
            "data_sha256": sha(data),
        }
        for k, name in enumerate(read.parnames):
            values = np.asarray(read.par(k), dtype=np.float64)
            assert np.array_equal(values, decoded[:, k] * pscal[k] + pzero[k])
            entry["parameters"].append({
                "name": name, "pscal": header.get(f"PSCAL{k + 1}", 1.0), "pzero": header.get(f"PZERO{k + 1}", 0.0),
                "values": exact_list(values),
            })
    return entry


def card_index(header_bytes, keyword):
    for i in range(0, len(header_bytes), CARD):
        if header_bytes[i:i + 8].decode("ascii").rstrip() == keyword:
            return i // CARD
    raise KeyError(keyword)


def file_cards(raw, start):
    """The cards of the header at byte `start`, parsed one 80-byte card at a time up to END (duplicates kept)."""
    cards = []
    for i in range(start, len(raw), CARD):
        image = bytes(raw[i:i + CARD]).decode("ascii")
        if image.rstrip() == "END":
            return cards
        if image.strip():
            cards.append(fits.Card.fromstring(image))
    raise ValueError("no END card")


def compressed_named(folder):
    rng = np.random.default_rng(20261703)
    images = []
    hdus = [fits.PrimaryHDU()]
    for name, seed_shape in (("ccd00", (6, 10)), ("ccd01", (4, 9))):
        data = rng.integers(-1000, 1000, size=seed_shape, endpoint=True).astype(np.int16)
        header = fits.Header()
        header["OBSERVER"] = "issue 17"
        header["GAIN"] = (2, "e-/ADU")
        header["CCDNAME"] = name
        hdus.append(fits.CompImageHDU(data, header, name=name, compression_type="RICE_1"))
        images.append(data)
    path = os.path.join(folder, "compressed_named.fits")
    fits.HDUList(hdus).writeto(path, overwrite=True)

    # The first image's table header: EXTNAME = 'COMPRESSED_IMAGE' first, then its own name in lower case. The
    # header's one block has room for the extra card (checked).
    with open(path, "rb") as f:
        raw = bytearray(f.read())
    start = BLOCK  # after the primary header (no data)
    block = bytes(raw[start:start + BLOCK])
    k = card_index(block, "EXTNAME")
    cards = [block[i:i + CARD] for i in range(0, BLOCK, CARD)]
    end = card_index(block, "END")
    assert end + 1 < len(cards), "no room for the extra card"
    cards[k] = fits.Card("EXTNAME", "ccd00", "name of this image").image.encode("ascii")
    cards.insert(k, fits.Card("EXTNAME", "COMPRESSED_IMAGE", "name of this binary table extension").image.encode("ascii"))
    raw[start:start + BLOCK] = b"".join(cards[:BLOCK // CARD])
    with open(path, "wb") as f:
        f.write(raw)

    entries = []
    with fits.open(path) as f:
        for index in (1, 2):
            h = f[index]
            assert isinstance(h, fits.CompImageHDU)
            data = h.data
            assert np.array_equal(data, images[index - 1])
            image_cards = [c for c in h.header.cards]
            stored_cards = file_cards(raw, f[index].fileinfo()["hdrLoc"])  # the table header as the file has it
            entries.append({
                "file": "compressed_named.fits", "hdu": index, "name": h.name, "ver": h.ver,
                "image_keywords": [c.keyword for c in image_cards],
                "image_values": {c.keyword: c.value for c in image_cards if isinstance(c.value, (int, str)) and c.keyword},
                "stored_keywords": [c.keyword for c in stored_cards],
                "stored_extnames": [c.value for c in stored_cards if c.keyword == "EXTNAME"],
                "stored_values": {c.keyword: c.value for c in stored_cards if c.keyword.startswith("Z") and isinstance(c.value, (int, str))},
                "shape": list(data.shape), "dtype": str(data.dtype), "sha256": sha(data),
            })
            assert f[h.name].name == h.name  # astropy finds it by its own name
    return entries


def int64_blank(folder):
    """Signed BITPIX 64 with BLANK, and unsigned (BZERO 2^63): values that a double holds exactly, halfway cases
    (ties to even) and values beyond 2^53; astype(float64) gives the nearest double."""
    two53 = 1 << 53
    signed = np.array([0, 1, -1, two53, two53 + 1, two53 + 3, -(two53 + 1), (1 << 62) + 1, -(1 << 63), (1 << 63) - 1,
                       (1 << 62) + (1 << 9), (1 << 62) + (3 << 9), 123456789012345678, -987654321098765432, 7, -7,
                       9007199254740993, 9007199254740995, 1 << 40, 0], dtype=np.int64).reshape(4, 5)
    blank = -(1 << 63) + 1
    signed.flat[19] = blank
    unsigned = np.array([0, 1, two53 + 1, (1 << 64) - 1, (1 << 63), (1 << 63) + 1, (1 << 63) + (1 << 10),
                         (1 << 63) + (3 << 10), 18000000000000000001, 12345], dtype=np.uint64).reshape(2, 5)
    primary = fits.PrimaryHDU(signed)
    primary.header["BLANK"] = blank
    ext = fits.ImageHDU(unsigned, name="U64")
    path = os.path.join(folder, "int64_blank.fits")
    fits.HDUList([primary, ext]).writeto(path, overwrite=True)

    entries = []
    with fits.open(path, do_not_scale_image_data=True) as f:
        assert np.array_equal(f[0].data, signed) and f[0].header["BLANK"] == blank
    with fits.open(path) as f:
        astropy_doubles = [np.asarray(f[0].data), np.asarray(f[1].data)]  # astropy: BLANK to NaN in float64
        assert np.array_equal(f[1].data, unsigned)
    for hdu, values, null in ((0, signed, blank), (1, unsigned, None)):
        as_double = values.astype(np.float64)
        if null is not None:
            as_double[values == null] = np.nan
            assert np.array_equal(astropy_doubles[hdu], as_double, equal_nan=True), "astropy reads other doubles"
        entries.append({
            "file": "int64_blank.fits", "hdu": hdu, "dtype": str(values.dtype), "shape": list(values.shape),
            "blank": null, "values": [str(int(v)) for v in values.ravel()],
            "doubles": exact_list(as_double), "double_sha256": sha(as_double),
        })
    return entries


def naxis_before_bitpix(folder):
    rng = np.random.default_rng(20261704)
    primary_data = rng.integers(-30000, 30000, size=(7, 6), endpoint=True).astype(np.int16)
    ext_data = rng.integers(-30000, 30000, size=(3, 4), endpoint=True).astype(np.int16)
    primary = fits.PrimaryHDU(primary_data)
    primary.header["OBSERVER"] = "issue 17"
    path = os.path.join(folder, "naxis_before_bitpix.fits")
    fits.HDUList([primary, fits.ImageHDU(ext_data, name="SCI")]).writeto(path, overwrite=True)

    with open(path, "rb") as f:
        raw = bytearray(f.read())
    header_starts = [0]
    with fits.open(path) as f:
        header_starts.append(f[1].fileinfo()["hdrLoc"])
    for start in header_starts:
        assert raw[start + CARD:start + CARD + 8] == b"BITPIX  " and raw[start + 2 * CARD:start + 2 * CARD + 8] == b"NAXIS   "
        bitpix = bytes(raw[start + CARD:start + 2 * CARD])
        raw[start + CARD:start + 2 * CARD] = raw[start + 2 * CARD:start + 3 * CARD]
        raw[start + 2 * CARD:start + 3 * CARD] = bitpix
    with open(path, "wb") as f:
        f.write(raw)

    entries = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # astropy may warn about the card order; the values are checked
        with fits.open(path) as f:
            for hdu, data in ((0, primary_data), (1, ext_data)):
                assert np.array_equal(f[hdu].data, data)
                entries.append({"file": "naxis_before_bitpix.fits", "hdu": hdu, "name": f[hdu].name if hdu else None,
                                "shape": list(f[hdu].data.shape), "dtype": f[hdu].data.dtype.name,
                                "sha256": sha(f[hdu].data), "header_offset": header_starts[hdu]})
    return entries


def build(folder):
    import astropy
    return {
        "generator": f"astropy {astropy.__version__}, numpy {np.__version__}",
        "groups": groups(folder),
        "compressed": compressed_named(folder),
        "int64": int64_blank(folder),
        "reordered": naxis_before_bitpix(folder),
    }


def save(folder, manifest):
    with open(os.path.join(folder, MANIFEST), "w", encoding="utf-8", newline="\n") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")


FILES = ["groups.fits", "compressed_named.fits", "int64_blank.fits", "naxis_before_bitpix.fits"]


def same_bytes(a, b):
    if not os.path.exists(a) or not os.path.exists(b):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def check():
    problems = []
    with tempfile.TemporaryDirectory(prefix="cfitsionet-realfiles-") as scratch:
        fresh = build(scratch)
        save(scratch, fresh)
        for name in FILES + [MANIFEST]:
            if not same_bytes(os.path.join(HERE, name), os.path.join(scratch, name)):
                problems.append(f"{name}: differs from a fresh run")
    for problem in problems:
        print("MISMATCH:", problem)
    if problems:
        return 1
    print(f"ok: {len(FILES)} files and {MANIFEST} match a fresh run ({fresh['generator']})")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="regenerate in a temp dir and compare")
    args = parser.parse_args()
    if args.check:
        return check()
    manifest = build(HERE)
    save(HERE, manifest)
    for name in FILES:
        print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
