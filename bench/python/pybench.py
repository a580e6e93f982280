#!/usr/bin/env python3
"""pybench: the Python baselines (fitsio, astropy) for CfitsioNet's benchmarks.

    pybench.py --file F --lib fitsio|astropy --case NAME [--iterations N] [--warmup W]
    pybench.py --list-cases
    pybench.py --make-test-files DIR [--sizes 1000,4096]
    pybench.py --file F --lib fitsio|astropy --case table_read_columns --columns RA,DEC,FLUX|all [...]
    pybench.py --make-table PATH [--rows 1000000]

Prints one JSON object on stdout, in the schema of `cbench --json`
(native/baseline/cbench.c). If the library cannot be imported, or the library
cannot do the case, prints {"skipped": "..."} and exits 0 so callers can mark
the row "not available". Exit status: 0 success or skipped, 1 usage error,
2 error, 3 verification mismatch.

On Debian use /usr/bin/python3 (python3-fitsio, python3-astropy, python3-numpy).
See README.md next to this file for what each case measures.
"""

import argparse
import json
import os
import resource
from statistics import median as statistics_median
import sys
import time

CASES = {
    "read_reopen": "open the file, read the first image HDU with data into a new array, close",
    "read_kept": "file kept open; read the image again into a new array each iteration",
    "read_into_reused": "file kept open; read into one pre-allocated, pre-touched array",
}

EXIT_USAGE, EXIT_ERROR, EXIT_MISMATCH = 1, 2, 3


def emit(obj):
    sys.stdout.write(json.dumps(obj, separators=(",", ":")) + "\n")


def skipped(lib, case, path, reason):
    emit({"tool": lib, "case": case, "file": path, "skipped": reason})
    return 0


# --------------------------------------------------------------------------
# fitsio
# --------------------------------------------------------------------------

class FitsioBench:
    tool = "fitsio"

    def __init__(self, path):
        import fitsio  # ImportError is handled by the caller
        self.fitsio = fitsio
        self.version = getattr(fitsio, "__version__", "?")
        self.path = path
        # Metadata through a handle that is closed again before timing: CFITSIO
        # shares the FITSfile of a file already open in the process, which
        # would make the reopen case's open artificially cheap.
        with fitsio.FITS(path) as f:
            ext = None
            for i in range(len(f)):
                if f[i].has_data():
                    ext = i
                    break
            if ext is None:
                raise RuntimeError("no HDU with data")
            hdu = f[ext]
            info = hdu.get_info()
            if info["hdutype"] != fitsio.IMAGE_HDU:
                raise RuntimeError("first HDU with data (%d) is not an image" % ext)
            self.ext = ext
            self.bitpix = int(info["img_type"])
            self.naxes = [int(n) for n in reversed(info["dims"])]  # FITS order
            self.compressed = bool(info["is_compressed_image"])
            self.dtype = hdu._get_image_numpy_dtype()
            self.shape = tuple(int(n) for n in info["dims"])

    def reference(self):
        return self.fitsio.read(self.path)

    def setup(self, case):
        """Returns (operation, teardown, note) or a string: the skip reason."""
        fitsio = self.fitsio
        path = self.path
        if case == "read_reopen":
            return (lambda: fitsio.read(path)), (lambda: None), \
                "fitsio.read(file): opens with fits_open_file, finds the first HDU with data"
        f = fitsio.FITS(path)
        hdu = f[self.ext]
        if case == "read_kept":
            return hdu.read, f.close, \
                "FITS kept open; hdu.read() = numpy.zeros + fits_read_pixll each call"
        if case == "read_into_reused":
            import numpy
            fits_obj = getattr(hdu, "_FITS", None)
            if fits_obj is None or not hasattr(fits_obj, "read_image"):
                f.close()
                return "this fitsio has no (private) _FITS.read_image to read into an array"
            buf = numpy.zeros(self.shape, dtype=self.dtype)
            buf.fill(1)  # touch every page once
            hdunum = hdu._ext + 1

            def op():
                fits_obj.read_image(hdunum, buf)
                return buf
            return op, f.close, \
                ("PRIVATE API: hdu._FITS.read_image(hdunum, array), the call hdu.read() "
                 "makes after numpy.zeros; fitsio has no public read-into-array")
        f.close()
        return "unknown case"


# --------------------------------------------------------------------------
# astropy
# --------------------------------------------------------------------------

class AstropyBench:
    tool = "astropy"

    def __init__(self, path):
        import astropy
        from astropy.io import fits  # ImportError is handled by the caller
        self.fits = fits
        self.version = astropy.__version__
        self.path = path
        with fits.open(path, memmap=False, lazy_load_hdus=True) as h:
            idx = None
            for i, hdu in enumerate(h):
                if isinstance(hdu, (fits.PrimaryHDU, fits.ImageHDU, fits.CompImageHDU)) \
                        and hdu.header.get("NAXIS", 0) > 0:
                    idx = i
                    break
            if idx is None:
                raise RuntimeError("no image HDU with data")
            hdu = h[idx]
            hdr = hdu.header  # for CompImageHDU: the header of the uncompressed image
            self.idx = idx
            self.bitpix = int(hdr["BITPIX"])
            self.naxes = [int(hdr["NAXIS%d" % (i + 1)]) for i in range(int(hdr["NAXIS"]))]
            self.compressed = isinstance(hdu, fits.CompImageHDU)

    def reference(self):
        with self.fits.open(self.path, memmap=False) as h:
            return h[self.idx].data

    def setup(self, case):
        fits = self.fits
        path = self.path
        idx = self.idx
        if case == "read_reopen":
            def op():
                with fits.open(path, memmap=False) as h:
                    d = h[idx].data  # memmap=False: read (and decompressed) here
                return d
            return op, (lambda: None), \
                "with fits.open(file, memmap=False) as h: h[i].data"
        if case == "read_kept":
            h = fits.open(path, memmap=False)
            hdu = h[idx]
            _ = hdu.data
            def op():
                del hdu.data  # .data is cached: forget it so it is produced again
                return hdu.data
            if self.compressed:
                # .data is decompressed from .compressed_data, which stays cached: no file
                # I/O here. (Deleting compressed_data too makes astropy run gc.collect(),
                # ~20 ms, which would measure the workaround rather than the read.)
                note = ("HDUList kept open; del hdu.data; hdu.data decompresses again from the "
                        "cached compressed table (no file read)")
            else:
                note = "HDUList kept open (memmap=False); del hdu.data; hdu.data re-reads into a new array"
            return op, h.close, note
        if case == "read_into_reused":
            return "astropy has no API to read an HDU into an existing array"
        return "unknown case"


LIBS = {"fitsio": FitsioBench, "astropy": AstropyBench}


# --------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------

def minflt():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def quantile(sorted_values, q):
    """Linear interpolation between closest ranks, as numpy and cbench do."""
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def time_op(op, iterations, warmup):
    """Times op: warm-up calls, then one timed call per iteration; returns (times_ms, minor faults, last result)."""
    perf = time.perf_counter_ns
    times = [0.0] * iterations
    faults = [0] * iterations
    d = None
    for _ in range(warmup):
        d = op()
    for i in range(iterations):
        f0 = minflt()
        t0 = perf()
        d = op()  # as in a user's loop: the previous result is released here
        t1 = perf()
        f1 = minflt()
        times[i] = (t1 - t0) / 1e6
        faults[i] = f1 - f0
    return times, faults, d


def statistics(times, faults):
    """The timing fields of the JSON schema (cbench's)."""
    s = sorted(times)
    return {
        "times_ms": [round(t, 6) for t in times],
        "minflt": faults,
        "median_ms": round(quantile(s, 0.5), 6),
        "min_ms": round(s[0], 6),
        "p90_ms": round(quantile(s, 0.9), 6),
        "minflt_median": statistics_median(faults),
    }


def same_data(a, b):
    import numpy
    if a is None or b is None or a.shape != b.shape:
        return False
    equal_nan = a.dtype.kind in "fc" and b.dtype.kind in "fc"
    return bool(numpy.array_equal(a, b, equal_nan=equal_nan))


def run(lib_name, path, case, iterations, warmup):
    if not os.path.exists(path):
        print("pybench: %s: no such file" % path, file=sys.stderr)
        return EXIT_ERROR
    try:
        bench = LIBS[lib_name](path)
    except ImportError as e:
        return skipped(lib_name, case, path, "cannot import %s: %s" % (lib_name, e))

    made = bench.setup(case)
    if isinstance(made, str):
        return skipped(lib_name, case, path, made)
    op, teardown, note = made

    times, faults, d = time_op(op, iterations, warmup)
    teardown()

    # Verification, outside the timed loop: the last result against a plain read.
    ref = bench.reference()
    if not same_data(d, ref):
        print("pybench: %s: %s %s: data differ from the reference read" % (path, lib_name, case),
              file=sys.stderr)
        return EXIT_MISMATCH

    emit({
        "tool": bench.tool,
        "case": case,
        "file": path,
        "hdu": bench.idx + 1 if hasattr(bench, "idx") else bench.ext + 1,
        "compressed": bench.compressed,
        "bitpix": bench.bitpix,
        "dtype": d.dtype.str,  # as returned: astropy gives big-endian ('>i2') uncompressed data
        "naxes": bench.naxes,
        "bytes": int(d.nbytes),
        "iterations": iterations,
        "warmup": warmup,
        "verified": "yes",
        "lib_version": bench.version,
        "python": sys.version.split()[0],
        "note": note,
        **statistics(times, faults),
    })
    return 0


# --------------------------------------------------------------------------
# Test files
# --------------------------------------------------------------------------

def make_test_files(folder, sizes):
    import numpy as np
    from astropy.io import fits
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(20251128)
    written = []
    for n in sizes:
        shape = (n, n)
        images = {
            "uint8": rng.integers(0, 256, shape, dtype=np.uint8),
            "int16": rng.integers(-32768, 32768, shape, dtype=np.int16),
            "int32": rng.integers(-2**31, 2**31, shape, dtype=np.int32),
            "float32": rng.standard_normal(shape, dtype=np.float32),
            "float64": rng.standard_normal(shape, dtype=np.float64),
            # astropy writes uint16 as BITPIX=16, BZERO=32768
            "uint16": rng.integers(0, 65536, shape, dtype=np.uint16),
        }
        for name, data in images.items():
            p = os.path.join(folder, "%s_%d.fits" % (name, n))
            fits.writeto(p, data, overwrite=True)
            written.append(p)
        # Rice-compressed int16 in HDU 2, a sky-like image (noise around a level)
        # so the tiles actually compress.
        sky = np.clip(rng.normal(1000.0, 30.0, shape), -32768, 32767).astype(np.int16)
        p = os.path.join(folder, "int16_rice_%d.fits" % n)
        fits.HDUList([fits.PrimaryHDU(), fits.CompImageHDU(sky, compression_type="RICE_1")]) \
            .writeto(p, overwrite=True)
        written.append(p)
    for p in written:
        print(p)
    return 0


# --------------------------------------------------------------------------
# Tables (issue 13): the 1M-row, 20-column test table and reading columns of it
# --------------------------------------------------------------------------

TABLE_CASES = {
    "table_read_columns": "file kept open; read the named columns (or all) into new arrays in native byte order",
}

# (name, TFORM) of the test table's 20 columns, 120 bytes a row: 8 D, 8 E, 2 J, 2 K, interleaved as a catalog is.
TABLE_COLUMNS = [
    ("RA", "D"), ("DEC", "D"), ("FLUX", "E"), ("FLUX_ERR", "E"), ("ID", "K"), ("MAG_G", "E"), ("MAG_R", "E"),
    ("X", "D"), ("Y", "D"), ("FLAGS", "J"), ("MAG_I", "E"), ("Z", "D"), ("ZERR", "E"), ("T0", "D"), ("T1", "D"),
    ("NOBS", "J"), ("PM_RA", "E"), ("PM_DEC", "E"), ("PARALLAX", "D"), ("SOURCE", "K"),
]


def make_table(path, rows):
    """Writes the test table with astropy, from integers only (m * 2**e floats): the same bytes on every machine."""
    import numpy as np
    from astropy.io import fits
    columns = []
    for k, (name, form) in enumerate(TABLE_COLUMNS):
        rng = np.random.default_rng(1000 + k)
        if form == "D":
            values = np.ldexp(rng.integers(-2**52, 2**52, rows).astype(np.float64), rng.integers(-60, 60, rows))
        elif form == "E":
            values = np.ldexp(rng.integers(-2**23, 2**23, rows).astype(np.float64), rng.integers(-30, 30, rows)) \
                .astype(np.float32)
        elif form == "J":
            values = rng.integers(-2**31, 2**31, rows, dtype=np.int32)
        else:
            values = rng.integers(-2**63, 2**63 - 1, rows, dtype=np.int64, endpoint=True)
        columns.append(fits.Column(name=name, format=form, array=values))
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    partial = path + ".partial"
    fits.HDUList([fits.PrimaryHDU(), fits.BinTableHDU.from_columns(columns, name="CATALOG")]) \
        .writeto(partial, overwrite=True)
    os.replace(partial, path)
    print(path)
    return 0


def table_names(spec):
    return [name for name, _ in TABLE_COLUMNS] if spec == "all" else spec.split(",")


def native_columns(arrays):
    """Each column as a contiguous array in native byte order (a copy when the library returned another order)."""
    return {name: a.astype(a.dtype.newbyteorder("="), copy=False) if a.dtype.byteorder not in "=|" else a
            for name, a in arrays.items()}


class TableFitsioBench:
    tool = "fitsio"

    def __init__(self, path, names):
        import fitsio  # ImportError is handled by the caller
        self.fitsio, self.path, self.names = fitsio, path, names
        self.version = getattr(fitsio, "__version__", "?")

    def setup(self):
        f = self.fitsio.FITS(self.path)
        hdu = f[1]
        names = self.names

        def op():
            data = hdu.read(columns=names)  # one structured array (a copy); CFITSIO reads row by row
            return native_columns({name: data[name] for name in names})
        return op, f.close, "FITS kept open; hdu.read(columns=[...]) then each column to native byte order"


class TableAstropyBench:
    tool = "astropy"

    def __init__(self, path, names):
        import astropy
        from astropy.io import fits  # ImportError is handled by the caller
        self.fits, self.path, self.names = fits, path, names
        self.version = astropy.__version__

    def setup(self):
        h = self.fits.open(self.path, memmap=True)
        data = h[1].data
        names = self.names

        def op():
            # memmap: each field is a strided big-endian view of the mapped file; the conversion reads it
            return native_columns({name: data.field(name) for name in names})
        return op, h.close, "fits.open(memmap=True) kept open; data.field(name) of each column to native byte order"


TABLE_LIBS = {"fitsio": TableFitsioBench, "astropy": TableAstropyBench}


# --------------------------------------------------------------------------
# Write cases (issue 15): the image of --file written to --out, one new file per iteration
# --------------------------------------------------------------------------

WRITE_CASES = {
    "write_new": "write the image to a new file (replacing the last iteration's), no fsync",
}


def write_op(lib_name, data, out):
    """One iteration: the library's one-call write of a new file, as a user would write it."""
    if lib_name == "fitsio":
        import fitsio

        def op():
            fitsio.write(out, data, clobber=True)
        return op, "fitsio.write(out, data, clobber=True)", fitsio.__version__
    import astropy
    from astropy.io import fits

    def op():
        fits.writeto(out, data, overwrite=True)
    return op, "astropy.io.fits.writeto(out, data, overwrite=True)", astropy.__version__


def run_write(lib_name, path, case, out, iterations, warmup):
    import numpy
    from astropy.io import fits
    if not os.path.exists(path):
        print("pybench: %s: no such file" % path, file=sys.stderr)
        return EXIT_ERROR
    with fits.open(path, memmap=False) as h:
        hdu = next(x for x in h if x.data is not None)
        data = numpy.ascontiguousarray(hdu.data.astype(hdu.data.dtype.newbyteorder("="), copy=False))
    out = out or path + ".pybench-write.fits"
    try:
        op, note, version = write_op(lib_name, data, out)
    except ImportError as e:
        return skipped(lib_name, case, path, "cannot import %s: %s" % (lib_name, e))
    times, faults, _ = time_op(op, iterations, warmup)
    with fits.open(out, memmap=False) as h:
        back = next(x for x in h if x.data is not None).data
    if not same_data(numpy.asarray(back), data):
        print("pybench: %s: %s %s: the written pixels differ from the source" % (out, lib_name, case), file=sys.stderr)
        return EXIT_MISMATCH
    file_bytes = os.path.getsize(out)
    os.remove(out)
    emit({
        "tool": lib_name, "case": case, "file": path, "out": out, "fsync": False, "dtype": data.dtype.str,
        "bytes": int(data.nbytes), "file_bytes": file_bytes, "iterations": iterations, "warmup": warmup,
        "verified": "yes", "lib_version": version, "python": sys.version.split()[0], "note": note,
        **statistics(times, faults),
    })
    return 0


def run_table(lib_name, path, case, spec, iterations, warmup):
    if not os.path.exists(path):
        print("pybench: %s: no such file" % path, file=sys.stderr)
        return EXIT_ERROR
    names = table_names(spec)
    try:
        bench = TABLE_LIBS[lib_name](path, names)
    except ImportError as e:
        return skipped(lib_name, case, path, "cannot import %s: %s" % (lib_name, e))
    op, teardown, note = bench.setup()
    times, faults, d = time_op(op, iterations, warmup)
    teardown()

    # Verification: every column against astropy's plain (not mapped) read.
    import numpy
    from astropy.io import fits
    with fits.open(path, memmap=False) as h:
        ref = {name: numpy.array(h[1].data.field(name)) for name in names}
    if any(not numpy.array_equal(d[name], ref[name], equal_nan=True) or d[name].dtype.byteorder not in "=|"
           for name in names):
        print("pybench: %s: %s %s: data differ from the reference read" % (path, lib_name, case), file=sys.stderr)
        return EXIT_MISMATCH
    emit({
        "tool": bench.tool, "case": case, "file": path, "hdu": 2, "columns": names,
        "bytes": int(sum(a.nbytes for a in d.values())), "iterations": iterations, "warmup": warmup,
        "verified": "yes", "lib_version": bench.version, "python": sys.version.split()[0], "note": note,
        **statistics(times, faults),
    })
    return 0


# --------------------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print("pybench: %s" % message, file=sys.stderr)
        sys.exit(EXIT_USAGE)


def main(argv):
    ap = _Parser(description="Python FITS read baselines (fitsio, astropy).")
    ap.add_argument("--file")
    ap.add_argument("--lib", choices=sorted(LIBS))
    ap.add_argument("--case", choices=sorted(CASES) + sorted(TABLE_CASES) + sorted(WRITE_CASES))
    ap.add_argument("--out", help="write cases: the file to write (default: FILE.pybench-write.fits)")
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--list-cases", action="store_true")
    ap.add_argument("--make-test-files", metavar="DIR")
    ap.add_argument("--sizes", default="1000,4096", help="with --make-test-files: edge lengths")
    ap.add_argument("--columns", default="all", help="table cases: comma-separated column names, or all")
    ap.add_argument("--make-table", metavar="PATH", help="write the 20-column test table with astropy")
    ap.add_argument("--rows", type=int, default=1_000_000, help="with --make-table: number of rows")
    a = ap.parse_args(argv)

    if a.list_cases:
        for name, what in {**CASES, **TABLE_CASES, **WRITE_CASES}.items():
            print("%-18s %s" % (name, what))
        return 0
    if a.make_table:
        return make_table(a.make_table, a.rows)
    if a.make_test_files:
        return make_test_files(a.make_test_files, [int(s) for s in a.sizes.split(",") if s])
    if not (a.file and a.lib and a.case):
        ap.print_usage(sys.stderr)
        print("pybench: --file, --lib and --case are required", file=sys.stderr)
        return EXIT_USAGE
    if a.iterations < 1 or a.warmup < 0:
        print("pybench: --iterations must be >= 1 and --warmup >= 0", file=sys.stderr)
        return EXIT_USAGE
    try:
        if a.case in TABLE_CASES:
            return run_table(a.lib, a.file, a.case, a.columns, a.iterations, a.warmup)
        if a.case in WRITE_CASES:
            return run_write(a.lib, a.file, a.case, a.out, a.iterations, a.warmup)
        return run(a.lib, a.file, a.case, a.iterations, a.warmup)
    except Exception as e:  # a library or file error: report, exit 2
        print("pybench: %s: %s: %s" % (a.file, type(e).__name__, e), file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
