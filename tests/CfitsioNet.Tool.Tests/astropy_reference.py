"""What astropy and numpy say about a FITS file, for the fits tool's tests (run by /usr/bin/python3 at test time).

  info FILE...               JSON: per file, fitsinfo's HDU list (astropy's HDUList.info) and the raw header
                             record count per HDU (records before END, trailing blank ones excluded)
  header FILE                fitsheader's output with --compressed (the cards as stored), every HDU
  header FILE -e EXT -k KW   the same for one extension and keyword
  diff A B [fitsdiff args]   fitsdiff's exit code (0 identical, 1 different), quietly
  zscale FILE EXT PLANE      ZScaleInterval().get_limits of the plane (C order), as repr() floats
  stats FILE EXT             numpy's nanmin, nanmax, nanmean, nanmedian, nanstd (float64) and the NaN count, JSON
  plane FILE EXT PLANE       the plane's values (float64, C order) as JSON rows, NaN as null
  checksums FILE             per HDU: verify_datasum() and verify_checksum() (1 valid, 0 invalid, 2 missing), JSON
"""
import gzip
import io
import json
import sys
import warnings
from contextlib import redirect_stdout

import numpy as np
from astropy.io import fits
from astropy.utils.exceptions import AstropyWarning

warnings.simplefilter("ignore", AstropyWarning)


def raw_record_counts(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    counts, offset = [], 0
    with fits.open(path) as hdul:
        for i in range(len(hdul)):
            info = hdul.fileinfo(i)
            header = data[info["hdrLoc"]:info["datLoc"]]
            records = [header[k:k + 80] for k in range(0, len(header), 80)]
            end = next(k for k, r in enumerate(records) if r[:8] == b"END     ")
            kept = records[:end]
            while kept and kept[-1].strip() == b"":
                kept.pop()
            counts.append(len(kept))
    return counts


def info(paths):
    out = []
    for path in paths:
        with fits.open(path) as hdul:
            rows = hdul.info(output=False)
            hdunames = [h.header.get("HDUNAME", "") for h in hdul]
        out.append({
            "file": path,
            "hdus": [{"index": r[0], "name": r[1], "version": r[2], "type": r[3], "cards": r[4],
                      "dimensions": [int(n) for n in r[5]] if isinstance(r[5], tuple) else r[5],
                      "format": r[6].strip(), "hduname": hdunames[r[0]]} for r in rows],
            "raw_cards": raw_record_counts(path),
        })
    print(json.dumps(out))


def header(args):
    from astropy.io.fits.scripts.fitsheader import main
    main(["--compressed"] + args)


def data_plane(path, ext, plane):
    with fits.open(path) as hdul:
        data = np.asarray(hdul[int(ext)].data, dtype=np.float64)
    while data.ndim > 2:
        data = data.reshape((-1,) + data.shape[-2:])[int(plane)]
    return data


def main(argv):
    command, args = argv[0], argv[1:]
    if command == "info":
        info(args)
    elif command == "header":
        header(args)
    elif command == "diff":
        from astropy.io.fits.scripts.fitsdiff import main as fitsdiff
        sys.exit(fitsdiff(["-q"] + args))
    elif command == "zscale":
        from astropy.visualization import ZScaleInterval
        vmin, vmax = ZScaleInterval().get_limits(data_plane(*args))
        print(repr(float(vmin)), repr(float(vmax)))
    elif command == "plane":
        data = data_plane(*args)
        print(json.dumps([[None if np.isnan(v) else float(v) for v in row] for row in np.atleast_2d(data)]))
    elif command == "stats":
        with fits.open(args[0]) as hdul:
            data = np.asarray(hdul[int(args[1])].data, dtype=np.float64)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            values = [np.nanmin(data), np.nanmax(data), np.nanmean(data), np.nanmedian(data), np.nanstd(data)]
        print(json.dumps({"pixels": int(data.size), "nan": int(np.isnan(data).sum()),
                          "values": [repr(float(v)) for v in values]}))
    elif command == "table":
        # args: path ext col1,col2 [first end]: each cell as astropy reads it; NaN/inf as None; strings end at a NUL
        # and lose trailing blanks (the FITS standard's reading, which fits table follows).
        path, ext, names = args[0], int(args[1]), args[2].split(",")
        with fits.open(path) as hdul:
            data = hdul[ext].data
            first, end = (int(args[3]), int(args[4])) if len(args) > 4 else (0, len(data))

            def cell(v):
                if isinstance(v, (bytes, np.bytes_)):
                    return bytes(v).split(b"\0")[0].rstrip(b" ").decode("latin-1")
                if isinstance(v, str):
                    return v.split("\0")[0].rstrip(" ")
                if isinstance(v, np.ndarray):
                    return [cell(x) for x in v.tolist()] if v.dtype.kind != "S" else [cell(x) for x in v]
                if isinstance(v, (list, tuple)):
                    return [cell(x) for x in v]
                if isinstance(v, (bool, np.bool_)):
                    return bool(v)
                if isinstance(v, (int, np.integer)):
                    return int(v)
                v = float(v)
                return v if np.isfinite(v) else None
            rows = [[cell(data[name][r]) for name in names] for r in range(first, end)]
        print(json.dumps({"columns": names, "rows": rows}))
    elif command == "column_stats":
        with fits.open(args[0]) as hdul:
            data = np.asarray(hdul[int(args[1])].data[args[2]], dtype=np.float64)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            values = [np.nanmin(data), np.nanmax(data), np.nanmean(data), np.nanmedian(data), np.nanstd(data)]
        print(json.dumps({"pixels": int(data.size), "nan": int(np.isnan(data).sum()),
                          "values": [repr(float(v)) for v in values]}))
    elif command == "checksums":
        with fits.open(args[0], checksum=False) as hdul:
            print(json.dumps([[h.verify_datasum(), h.verify_checksum()] for h in hdul]))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
