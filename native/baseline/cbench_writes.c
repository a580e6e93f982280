/*
 * cbench write cases (issue 15): C CFITSIO writing the image of --file to a new file, one file per iteration.
 * Included by cbench.c (uses its bench_t, describe(), timing and output helpers).
 *
 *   cbench --file F --case write_NAME [--out PATH] [--fsync] [--iterations N] [--warmup W] [--json]
 *
 * The pixels are read once (natural type, as the read cases do), then every iteration writes them to PATH
 * (default: F.cbench-write.fits), replacing the file of the previous iteration:
 *
 *   write_new    fits_create_file("!PATH") + fits_create_img + fits_write_img + fits_close_file
 *   write_rice   the same with fits_set_compression_type(RICE_1) before fits_create_img (default tiles: one row)
 *   floor_write  unlink + open(O_CREAT|O_EXCL) + one pwrite of the finished file's bytes (kept from the first write_new) + close
 *
 * The floor removes the old file first, as CFITSIO's "!" does, rather than truncating it: on ext4 (auto_da_alloc),
 * truncating a file that holds data, or renaming over one, starts writeback of the new data when it is closed or
 * renamed, which cost about 2.3 ms more per 2 MB file here than unlink + create (measured side by side, 2026-12-03).
 *
 * --fsync adds open + fsync + close of PATH to every iteration (CfitsioNet's Commit fsyncs before its rename).
 * After the loop the last file is read back with CFITSIO and compared with the pixels.
 */

typedef struct {
    bench_t b;
    const char *out;
    char clobber[FLEN_FILENAME + 1];   /* "!" + out: CFITSIO removes an existing file first */
    int fsync_each;
    int img_type;                      /* fits_create_img's BITPIX code (USHORT_IMG, ...) */
    int rice;
    unsigned char *bytes;              /* floor_write: the whole file */
    size_t nbytes;
} write_bench_t;

static void write_fsync(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        die_sys("open for fsync");
    if (fsync(fd) != 0)
        die_sys("fsync");
    close(fd);
}

static void write_op_cfitsio(write_bench_t *w)
{
    fitsfile *f = NULL;
    int status = 0;
    fits_create_file(&f, w->clobber, &status);
    if (w->rice)
        fits_set_compression_type(f, RICE_1, &status);
    fits_create_imgll(f, w->img_type, w->b.naxis, w->b.naxes, &status);
    fits_write_img(f, w->b.datatype, 1, w->b.nelem, w->b.ref, &status);
    fits_close_file(f, &status);
    check(status, w->rice ? "write_rice" : "write_new");
    if (w->fsync_each)
        write_fsync(w->out);
}

static void write_op_floor(write_bench_t *w)
{
    if (unlink(w->out) != 0 && errno != ENOENT)
        die_sys("unlink before write");
    int fd = open(w->out, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        die_sys("open for write");
    size_t done = 0;
    while (done < w->nbytes) {
        ssize_t put = pwrite(fd, w->bytes + done, w->nbytes - done, (off_t)done);
        if (put < 0) {
            if (errno == EINTR)
                continue;
            die_sys("pwrite");
        }
        done += (size_t)put;
    }
    if (w->fsync_each && fsync(fd) != 0)
        die_sys("fsync");
    close(fd);
}

static const struct {
    const char *name;
    void (*op)(write_bench_t *);
    const char *what;
} WRITE_CASES[] = {
    {"write_new", write_op_cfitsio,
     "fits_create_file(\"!out\") + fits_create_img + fits_write_img + fits_close_file (--fsync: + fsync)"},
    {"write_rice", write_op_cfitsio,
     "write_new with fits_set_compression_type(RICE_1): CFITSIO compresses the tiles on one core"},
    {"floor_write", write_op_floor,
     "unlink + open(O_CREAT|O_EXCL) + one pwrite of the whole file's bytes + close: the OS floor of write_new"},
};
#define N_WRITE_CASES (sizeof WRITE_CASES / sizeof WRITE_CASES[0])

static int is_write_case(const char *name)
{
    for (size_t i = 0; i < N_WRITE_CASES; i++)
        if (strcmp(WRITE_CASES[i].name, name) == 0)
            return 1;
    return 0;
}

static void list_write_cases(void)
{
    for (size_t i = 0; i < N_WRITE_CASES; i++)
        printf("%-26s %s\n", WRITE_CASES[i].name, WRITE_CASES[i].what);
}

/* Reads PATH back with CFITSIO and compares the pixels with what was written. */
static int write_verify(write_bench_t *w)
{
    bench_t copy = w->b;
    copy.file = w->out;
    copy.fptr = NULL;
    describe(&copy);
    if (copy.nelem != w->b.nelem || copy.datatype != w->b.datatype) {
        fprintf(stderr, "cbench: %s: written image has another shape or type\n", w->out);
        return 0;
    }
    void *back = xmalloc(w->b.bytes);
    read_image(&copy, copy.fptr, back);
    int same = memcmp(back, w->b.ref, w->b.bytes) == 0;
    free(back);
    close_image(copy.fptr);
    return same;
}

static int write_main(const char *file, const char *case_name, const char *out, int fsync_each, int iterations,
                      int warmup, int json)
{
    size_t which = 0;
    while (strcmp(WRITE_CASES[which].name, case_name) != 0)
        which++;

    static write_bench_t w;
    memset(&w, 0, sizeof w);
    w.b.file = file;
    w.b.fd = -1;
    describe(&w.b);
    w.b.ref = xmalloc(w.b.bytes);
    read_image(&w.b, w.b.fptr, w.b.ref);
    close_image(w.b.fptr);
    w.b.fptr = NULL;

    static char default_out[FLEN_FILENAME];
    if (!out) {
        snprintf(default_out, sizeof default_out, "%s.cbench-write.fits", file);
        out = default_out;
    }
    if (strlen(out) + 1 >= sizeof w.clobber) {
        fprintf(stderr, "cbench: --out path too long\n");
        return EXIT_USAGE;
    }
    w.out = out;
    snprintf(w.clobber, sizeof w.clobber, "!%s", out);
    w.fsync_each = fsync_each;
    w.img_type = w.b.equivtype; /* SHORT_IMG, USHORT_IMG, ...: fits_create_img writes the offset convention */
    w.rice = strcmp(case_name, "write_rice") == 0;

    if (WRITE_CASES[which].op == write_op_floor) {
        /* The bytes of the file write_new makes. */
        write_op_cfitsio(&w);
        int fd = open(out, O_RDONLY);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0)
            die_sys("stat of the written file");
        w.nbytes = (size_t)st.st_size;
        w.bytes = xmalloc(w.nbytes);
        pread_full(fd, w.bytes, w.nbytes, 0);
        close(fd);
    }

    double *times = xmalloc(sizeof(double) * (size_t)iterations);
    long *faults = xmalloc(sizeof(long) * (size_t)iterations);
    for (int i = 0; i < warmup; i++)
        WRITE_CASES[which].op(&w);
    for (int i = 0; i < iterations; i++) {
        long f0 = minflt_now();
        double t0 = now_ms();
        WRITE_CASES[which].op(&w);
        double t1 = now_ms();
        times[i] = t1 - t0;
        faults[i] = minflt_now() - f0;
    }

    if (!write_verify(&w)) {
        fprintf(stderr, "cbench: %s: case %s: the written pixels differ from the source\n", out, case_name);
        return EXIT_MISMATCH;
    }

    struct stat st;
    long long written = stat(out, &st) == 0 ? (long long)st.st_size : -1;
    if (json) {
        printf("{\"tool\":\"cbench\",\"case\":");
        json_string(stdout, case_name);
        printf(",\"file\":");
        json_string(stdout, file);
        printf(",\"out\":");
        json_string(stdout, out);
        printf(",\"fsync\":%s,\"bitpix\":%d,\"datatype\":\"%s\",\"bytes\":%zu,\"file_bytes\":%lld,"
               "\"iterations\":%d,\"warmup\":%d,\"verified\":\"yes\",",
               fsync_each ? "true" : "false", w.b.bitpix, w.b.datatype_name, w.b.bytes, written, iterations, warmup);
    }
    else {
        printf("%-24s %s -> %s%s  %lld bytes", case_name, file, out, fsync_each ? " (fsync)" : "", written);
    }
    print_samples(times, faults, iterations, warmup, json);
    unlink(out);
    free(w.b.ref);
    free(w.bytes);
    free(times);
    free(faults);
    return 0;
}
