# Writes 360 HCOMPRESS_1 files with damaged tiles (int16, int32: the 64-bit decoder, uint8) to /tmp/hc for
# replaying one per child process (docs/reliability.md, "HCOMPRESS"). Run with /usr/bin/python3 (astropy).
import numpy as np, random, struct
from astropy.io import fits
rng = np.random.default_rng(5)
srcs = {}
for name, data in [("i16", rng.integers(0, 1000, size=(64, 48)).astype(np.int16)),
                   ("i32", rng.integers(-100000, 100000, size=(64, 48)).astype(np.int32)),
                   ("u8", rng.integers(0, 255, size=(40, 40)).astype(np.uint8))]:
    p = f"/tmp/hc/src_{name}.fits"
    fits.HDUList([fits.PrimaryHDU(), fits.CompImageHDU(data, compression_type="HCOMPRESS_1", tile_shape=(16, 16))]).writeto(p, overwrite=True)
    srcs[name] = open(p, "rb").read()

def layout(b):
    # second HDU header at 2880
    pos = 2880; cards = {}
    while True:
        c = b[pos:pos+80].decode("ascii"); pos += 80
        k = c[:8].strip()
        if k == "END": break
        if c[8:10] == "= ": cards[k] = c[10:].split("/")[0].strip()
    hdr_end = ((pos + 2879)//2880)*2880
    n1 = int(cards["NAXIS1"]); n2 = int(cards["NAXIS2"]); theap = int(cards.get("THEAP", n1*n2))
    return hdr_end, n1, n2, hdr_end + theap

r = random.Random(7)
count = 0
for name, b in srcs.items():
    start, rowb, rows, heap = layout(b)
    descs = [(start + i*rowb) for i in range(rows)]
    def tile(i):
        cnt, off = struct.unpack(">ii", b[descs[i]:descs[i]+8]); return cnt, heap + off
    for k in range(120):
        x = bytearray(b)
        kind = k % 6
        i = r.randrange(rows); cnt, at = tile(i)
        if kind == 0:   # random bytes in one tile
            for _ in range(r.randint(1, 8)): x[at + r.randrange(cnt)] = r.randrange(256)
        elif kind == 1: # nx/ny in the stream header (bytes 2..9)
            x[at + 2 + r.randrange(8)] = r.randrange(256)
        elif kind == 2: # bit-plane counts (bytes 22..24)
            x[at + 22 + r.randrange(3)] = r.choice([33, 64, 65, 200, 255])
        elif kind == 3: # shorter tile: descriptor count cut
            struct.pack_into(">i", x, descs[i], r.randint(0, cnt - 1))
        elif kind == 4: # tile garbage
            for j in range(cnt): x[at + j] = r.randrange(256)
            x[at] = 0xDD; x[at+1] = 0x99
        else:           # huge nx, ny
            struct.pack_into(">ii", x, at + 2, r.choice([1 << 20, 0x7fffffff, 17, 1000]), r.choice([1 << 20, 0x7fffffff, 16, 3]))
        open(f"/tmp/hc/hc_{name}_{k:03d}_k{kind}.fits", "wb").write(x); count += 1
print(count)
