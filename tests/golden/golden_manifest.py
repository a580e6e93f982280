"""What the golden-file scripts that keep an expected.json of per-file digests share: the digest, the size rule,
writing the manifest, and the command line (write next to the script, or --check: regenerate in a temporary
folder and compare with the committed expected.json). Imported by rice/make_rice.py and
performance/make_performance.py."""

import argparse
import hashlib
import json
import os
import sys
import tempfile

import numpy as np

MANIFEST = "expected.json"


def digest(values):
    """sha256 of the values as little-endian bytes in C order; NaN replaced by the canonical quiet NaN first."""
    values = np.ascontiguousarray(values)
    if values.dtype.kind == "f":
        values = values.copy()
        values[np.isnan(values)] = np.nan
    return hashlib.sha256(values.astype(values.dtype.newbyteorder("<")).tobytes()).hexdigest()


def check_size(path, name):
    if os.path.getsize(path) >= 100_000:
        sys.exit(f"{name} is {os.path.getsize(path)} bytes; golden files must stay under 100 KB")


def save(folder, manifest):
    with open(os.path.join(folder, MANIFEST), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    return manifest


def main(doc, here, write):
    """write(folder) writes the files and returns the manifest it saved."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="regenerate in a temp dir and compare with expected.json")
    args = parser.parse_args()
    if not args.check:
        write(here)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = write(tmp)
    with open(os.path.join(here, MANIFEST)) as f:
        committed = json.load(f)
    if fresh != committed:
        for name in sorted(set(fresh) | set(committed)):
            if fresh.get(name) != committed.get(name):
                print(f"differs: {name}\n  committed {committed.get(name)}\n  fresh     {fresh.get(name)}")
        return 1
    print(f"ok: {len(fresh)} files match {MANIFEST}")
    return 0
