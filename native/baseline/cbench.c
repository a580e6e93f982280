/*
 * cbench: the pure-C baseline for CfitsioNet's benchmarks.
 *
 * Reads the primary image (or the first image HDU with data; tile-compressed
 * images included, through CFITSIO) in its natural element type with
 * fits_read_pixll, and times one operation per iteration.  The cases separate
 * the parts of a read that the original investigation conflated: opening the
 * file, CFITSIO's own work, and first-touching freshly allocated pages.
 *
 *   cbench --file F --case NAME [--iterations N] [--warmup W] [--datatype T] [--json]
 *   cbench --file F --case read_batch_reopen --batch-file F1 --batch-file F2 ...   (times one pass over F1, F2, ...)
 *   cbench --file F --case table_NAME --columns A,B,C|all [--block-bytes N] ...   (cbench_tables.c)
 *   cbench --list-cases
 *   cbench --info [--json]
 *
 * Exit status: 0 success (or case skipped for this file), 1 usage error,
 * 2 CFITSIO or system error, 3 verification mismatch.
 *
 * C11 + POSIX; Linux and macOS.  See README.md next to this file.
 */
#if !defined(_GNU_SOURCE) && !defined(__APPLE__)
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "fitsio.h"

#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

#define MAX_DIM 9
#define DEFAULT_ITERATIONS 200
#define DEFAULT_WARMUP 20

enum { EXIT_USAGE = 1, EXIT_ERROR = 2, EXIT_MISMATCH = 3 };

/* ------------------------------------------------------------------------ */
/* State shared by all cases                                                 */
/* ------------------------------------------------------------------------ */

typedef struct {
    const char *file;
    int hdunum;                 /* absolute HDU number of the image read */
    int compressed;             /* tile-compressed image HDU */
    int bitpix;                 /* BITPIX (ZBITPIX for compressed images) */
    int equivtype;              /* fits_get_img_equivtype */
    int datatype;               /* natural CFITSIO datatype (TSHORT, ...) */
    const char *datatype_name;
    int naxis;
    LONGLONG naxes[MAX_DIM];    /* FITS order: NAXIS1 first */
    LONGLONG nelem;
    size_t elsize;              /* bytes per element in the natural type */
    size_t bytes;               /* nelem * elsize: the destination buffer */
    size_t raw_elsize;          /* |BITPIX| / 8 */
    size_t raw_bytes;           /* on-disk data bytes (uncompressed only) */
    int scaled;                 /* BSCALE != 1 or BZERO != 0 */
    LONGLONG datastart;         /* byte offset of the data unit */
    size_t pagesize;
    size_t mapsize;             /* bytes rounded up to whole pages */

    fitsfile *fptr;             /* handle kept open across iterations */
    int fd;                     /* open(2) descriptor for the floor cases */
    void *buf;                  /* reused, pre-touched destination */
    void *src;                  /* reused, pre-touched memcpy source */
    void *ref;                  /* reference read, for verification */

    int converted;              /* --datatype asked for another type than the natural one */
    int verify;                 /* set for one untimed verification pass */
    int mismatch;
} bench_t;

/* Keeps the compiler from eliding an allocation, a store or a copy. */
static inline void escape(void *p)
{
    __asm__ volatile("" : : "g"(p) : "memory");
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

static void die_fits(int status, const char *what)
{
    char text[FLEN_STATUS];
    char msg[FLEN_ERRMSG];
    fits_get_errstatus(status, text);
    fprintf(stderr, "cbench: %s: CFITSIO status %d: %s\n", what, status, text);
    while (fits_read_errmsg(msg))
        fprintf(stderr, "cbench:   %s\n", msg);
    exit(EXIT_ERROR);
}

static void die_sys(const char *what)
{
    fprintf(stderr, "cbench: %s: %s\n", what, strerror(errno));
    exit(EXIT_ERROR);
}

static void check(int status, const char *what)
{
    if (status > 0)
        die_fits(status, what);
}

/* ------------------------------------------------------------------------ */
/* Building blocks of the measured operations                                */
/* ------------------------------------------------------------------------ */

static fitsfile *open_image(const bench_t *b)
{
    fitsfile *f = NULL;
    int status = 0, hdutype = 0;
    fits_open_diskfile(&f, b->file, READONLY, &status);
    if (status == 0 && b->hdunum != 1)
        fits_movabs_hdu(f, b->hdunum, &hdutype, &status);
    check(status, "open");
    return f;
}

static void close_image(fitsfile *f)
{
    int status = 0;
    fits_close_file(f, &status);
    check(status, "close");
}

static void read_image(const bench_t *b, fitsfile *f, void *dst)
{
    LONGLONG firstpix[MAX_DIM];
    int anynul = 0, status = 0;
    for (int i = 0; i < MAX_DIM; i++)
        firstpix[i] = 1;
    fits_read_pixll(f, b->datatype, firstpix, b->nelem, NULL, dst, &anynul, &status);
    check(status, "fits_read_pixll");
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die_sys("malloc");
    return p;
}

static void *fresh_map(size_t n)
{
    void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        die_sys("mmap");
    return p;
}

static void unmap(void *p, size_t n)
{
    if (munmap(p, n) != 0)
        die_sys("munmap");
}

static void pread_full(int fd, void *dst, size_t n, off_t offset)
{
    char *p = dst;
    while (n > 0) {
        ssize_t got = pread(fd, p, n, offset);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            die_sys("pread");
        }
        if (got == 0) {
            fprintf(stderr, "cbench: pread: unexpected end of file\n");
            exit(EXIT_ERROR);
        }
        p += got;
        n -= (size_t)got;
        offset += got;
    }
}

/*
 * In-place big-endian -> native swap, a plain loop the compiler vectorises.
 * The inner loop has a constant trip count (a multiple of any vector width),
 * which lets GCC vectorise it even under -O2's "very cheap" cost model; the
 * tail is scalar.  On x86-64 the baseline ISA (SSE2) has no byte shuffle, so
 * GCC vectorises only the 16-bit swap there; target_clones adds SSSE3 and
 * AVX2 versions (pshufb/vpshufb), picked at load time by an ifunc resolver.
 * ARM64 (NEON rev16/rev32/rev64) needs nothing extra.
 */
#if defined(__x86_64__) && defined(__ELF__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define SWAP_CLONES __attribute__((target_clones("avx2", "ssse3", "default")))
#endif
#endif
#ifndef SWAP_CLONES
#define SWAP_CLONES
#endif
#define SWAP_BLOCK 64
#define DEFINE_SWAP(NAME, TYPE, BSWAP)                                        \
    SWAP_CLONES static void NAME(TYPE *restrict p, size_t n)                  \
    {                                                                         \
        size_t i = 0;                                                         \
        for (; i + SWAP_BLOCK <= n; i += SWAP_BLOCK)                          \
            for (size_t j = 0; j < SWAP_BLOCK; j++)                           \
                p[i + j] = BSWAP(p[i + j]);                                   \
        for (; i < n; i++)                                                    \
            p[i] = BSWAP(p[i]);                                               \
    }
DEFINE_SWAP(swap16, uint16_t, __builtin_bswap16)
DEFINE_SWAP(swap32, uint32_t, __builtin_bswap32)
DEFINE_SWAP(swap64, uint64_t, __builtin_bswap64)

static int host_is_little_endian(void)
{
    const uint16_t one = 1;
    unsigned char first;
    memcpy(&first, &one, 1);
    return first == 1;
}

static void swap_from_big_endian(void *buf, size_t nelem, size_t elsize)
{
    if (!host_is_little_endian())
        return;
    switch (elsize) {
    case 2: swap16(buf, nelem); break;
    case 4: swap32(buf, nelem); break;
    case 8: swap64(buf, nelem); break;
    default: break; /* bytes: nothing to swap */
    }
}

/* Can the raw, swapped bytes be compared with CFITSIO's natural-type read? */
static int raw_comparable(const bench_t *b)
{
    return !b->compressed && !b->scaled && b->elsize == b->raw_elsize;
}

static void verify_against_ref(bench_t *b, const void *p)
{
    if (memcmp(p, b->ref, b->bytes) != 0)
        b->mismatch = 1;
}

/* ------------------------------------------------------------------------ */
/* The measured operations: one call = one iteration                         */
/* ------------------------------------------------------------------------ */

static void op_open_close(bench_t *b)
{
    fitsfile *f = NULL;
    int status = 0;
    fits_open_diskfile(&f, b->file, READONLY, &status);
    check(status, "open");
    close_image(f);
}

static void op_read_reused(bench_t *b)
{
    read_image(b, b->fptr, b->buf);
}

static void op_read_reused_reopen(bench_t *b)
{
    fitsfile *f = open_image(b);
    read_image(b, f, b->buf);
    close_image(f);
}

static void op_read_fresh_malloc(bench_t *b)
{
    void *p = xmalloc(b->bytes);
    read_image(b, b->fptr, p);
    if (b->verify)
        verify_against_ref(b, p);
    escape(p);
    free(p);
}

static void op_read_fresh_malloc_reopen(bench_t *b)
{
    fitsfile *f = open_image(b);
    void *p = xmalloc(b->bytes);
    read_image(b, f, p);
    if (b->verify)
        verify_against_ref(b, p);
    escape(p);
    free(p);
    close_image(f);
}

/* The files of the batch case (--batch-file, repeated). */
#define MAX_BATCH 256
static const char *batch_files[MAX_BATCH];
static int n_batch_files;

/* One pass over the batch: for each file, open + read into the reused buffer + close (what a C program that
 * stacks frames one by one does); the iteration's time covers every file. */
static void op_read_batch_reopen(bench_t *b)
{
    const char *own = b->file;
    for (int i = 0; i < n_batch_files; i++) {
        b->file = batch_files[i];
        fitsfile *f = open_image(b);
        read_image(b, f, b->buf);
        close_image(f);
    }
    b->file = own;
}

static void op_read_fresh_mmap(bench_t *b)
{
    void *p = fresh_map(b->mapsize);
    read_image(b, b->fptr, p);
    if (b->verify)
        verify_against_ref(b, p);
    unmap(p, b->mapsize);
}

static void op_alloc_touch(bench_t *b)
{
    void *p = xmalloc(b->bytes);
    memset(p, 0x5a, b->bytes);
    escape(p);
    free(p);
}

static void op_mmap_touch(bench_t *b)
{
    void *p = fresh_map(b->mapsize);
    volatile unsigned char *q = p;
    for (size_t off = 0; off < b->mapsize; off += b->pagesize)
        q[off] = 1;
    unmap(p, b->mapsize);
}

static void op_floor_pread(bench_t *b)
{
    pread_full(b->fd, b->buf, b->raw_bytes, (off_t)b->datastart);
    escape(b->buf);
}

static void op_floor_pread_swap(bench_t *b)
{
    pread_full(b->fd, b->buf, b->raw_bytes, (off_t)b->datastart);
    swap_from_big_endian(b->buf, (size_t)b->nelem, b->raw_elsize);
    escape(b->buf);
}

static void op_floor_memcpy(bench_t *b)
{
    memcpy(b->buf, b->src, b->bytes);
    escape(b->buf);
}

/* ------------------------------------------------------------------------ */
/* Case table                                                                */
/* ------------------------------------------------------------------------ */

enum {
    NEED_HANDLE = 1,        /* keep a CFITSIO handle open during the loop */
    NEED_BUF = 2,           /* reused, pre-touched destination buffer */
    NEED_SRC = 4,           /* reused, pre-touched memcpy source */
    NEED_FD = 8,            /* open(2) descriptor on the file */
    NEED_UNCOMPRESSED = 16, /* only meaningful for uncompressed data */
    IS_READ = 32            /* a CFITSIO read: verify the result */
};

typedef struct {
    const char *name;
    void (*op)(bench_t *);
    int flags;
    const char *what;
} bench_case_t;

static const bench_case_t CASES[] = {
    {"open_close", op_open_close, 0,
     "fits_open_diskfile + fits_close_file, nothing read"},
    {"read_reused", op_read_reused, NEED_HANDLE | NEED_BUF | IS_READ,
     "handle kept open; fits_read_pixll into one reused, pre-touched buffer"},
    {"read_reused_reopen", op_read_reused_reopen, NEED_BUF | IS_READ,
     "open + move to the HDU + read into the reused buffer + close"},
    {"read_fresh_malloc", op_read_fresh_malloc, NEED_HANDLE | IS_READ,
     "handle kept open; malloc + read + free"},
    {"read_fresh_malloc_reopen", op_read_fresh_malloc_reopen, IS_READ,
     "open + malloc + read + free + close"},
    {"read_batch_reopen", op_read_batch_reopen, NEED_BUF | IS_READ,
     "for each --batch-file: open + read into the reused buffer + close (one iteration = all files)"},
    {"read_fresh_mmap", op_read_fresh_mmap, NEED_HANDLE | IS_READ,
     "handle kept open; read into freshly mmap'ed anonymous pages, munmap"},
    {"alloc_touch", op_alloc_touch, 0,
     "malloc + memset of the image's byte count + free, no I/O"},
    {"mmap_touch", op_mmap_touch, 0,
     "mmap + write one byte per page + munmap, no I/O"},
    {"floor_pread", op_floor_pread, NEED_BUF | NEED_FD | NEED_UNCOMPRESSED,
     "one pread of the raw data unit into a reused buffer (uncompressed only)"},
    {"floor_pread_swap", op_floor_pread_swap, NEED_BUF | NEED_FD | NEED_UNCOMPRESSED,
     "floor_pread + in-place big-endian -> native byte swap"},
    {"floor_memcpy", op_floor_memcpy, NEED_BUF | NEED_SRC,
     "memcpy of the image's byte count between two reused, pre-touched buffers"},
};
#define N_CASES (sizeof CASES / sizeof CASES[0])

static const bench_case_t *find_case(const char *name)
{
    for (size_t i = 0; i < N_CASES; i++)
        if (strcmp(CASES[i].name, name) == 0)
            return &CASES[i];
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Image discovery                                                           */
/* ------------------------------------------------------------------------ */

static int natural_datatype(int equivtype, size_t *elsize, const char **name)
{
    switch (equivtype) {
    case BYTE_IMG:      *elsize = 1; *name = "TBYTE"; return TBYTE;
    case SBYTE_IMG:     *elsize = 1; *name = "TSBYTE"; return TSBYTE;
    case SHORT_IMG:     *elsize = sizeof(short); *name = "TSHORT"; return TSHORT;
    case USHORT_IMG:    *elsize = sizeof(unsigned short); *name = "TUSHORT"; return TUSHORT;
    case LONG_IMG:      *elsize = sizeof(int); *name = "TINT"; return TINT;
    case ULONG_IMG:     *elsize = sizeof(unsigned int); *name = "TUINT"; return TUINT;
    case LONGLONG_IMG:  *elsize = sizeof(LONGLONG); *name = "TLONGLONG"; return TLONGLONG;
#ifdef ULONGLONG_IMG
    case ULONGLONG_IMG: *elsize = sizeof(ULONGLONG); *name = "TULONGLONG"; return TULONGLONG;
#endif
    case FLOAT_IMG:     *elsize = sizeof(float); *name = "TFLOAT"; return TFLOAT;
    case DOUBLE_IMG:    *elsize = sizeof(double); *name = "TDOUBLE"; return TDOUBLE;
    default:            return 0;
    }
}

/* --datatype NAME: read in this CFITSIO type instead of the natural one (CFITSIO converts). */
static int datatype_by_name(const char *name, size_t *elsize)
{
    static const struct { const char *name; int code; size_t size; } types[] = {
        {"TBYTE", TBYTE, 1}, {"TSBYTE", TSBYTE, 1}, {"TSHORT", TSHORT, sizeof(short)},
        {"TUSHORT", TUSHORT, sizeof(unsigned short)}, {"TINT", TINT, sizeof(int)},
        {"TUINT", TUINT, sizeof(unsigned int)}, {"TLONGLONG", TLONGLONG, sizeof(LONGLONG)},
        {"TFLOAT", TFLOAT, sizeof(float)}, {"TDOUBLE", TDOUBLE, sizeof(double)},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(types[i].name, name) == 0) {
            *elsize = types[i].size;
            return types[i].code;
        }
    return 0;
}

static double key_or(fitsfile *f, const char *key, double fallback)
{
    double v = fallback;
    int status = 0;
    fits_read_key(f, TDOUBLE, key, &v, NULL, &status);
    if (status == KEY_NO_EXIST) {
        fits_clear_errmsg();
        return fallback;
    }
    check(status, key);
    return v;
}

/* Opens the file, finds the image, fills b's metadata; leaves the handle open. */
static void describe(bench_t *b)
{
    int status = 0, nhdus = 0, hdutype = 0, naxis = 0;
    fitsfile *f = NULL;

    fits_open_diskfile(&f, b->file, READONLY, &status);
    check(status, "open");
    fits_get_num_hdus(f, &nhdus, &status);
    check(status, "fits_get_num_hdus");

    b->hdunum = 0;
    for (int h = 1; h <= nhdus && !b->hdunum; h++) {
        fits_movabs_hdu(f, h, &hdutype, &status);
        check(status, "fits_movabs_hdu");
        if (hdutype != IMAGE_HDU)
            continue;
        fits_get_img_dim(f, &naxis, &status);
        check(status, "fits_get_img_dim");
        if (naxis > 0)
            b->hdunum = h;
    }
    if (!b->hdunum) {
        fprintf(stderr, "cbench: %s: no image HDU with data\n", b->file);
        exit(EXIT_ERROR);
    }
    if (naxis > MAX_DIM) {
        fprintf(stderr, "cbench: NAXIS=%d is more than %d\n", naxis, MAX_DIM);
        exit(EXIT_ERROR);
    }

    b->naxis = naxis;
    fits_get_img_paramll(f, MAX_DIM, &b->bitpix, &naxis, b->naxes, &status);
    fits_get_img_equivtype(f, &b->equivtype, &status);
    check(status, "image parameters");
    b->compressed = fits_is_compressed_image(f, &status);
    check(status, "fits_is_compressed_image");

    /* Uncompressed: BSCALE/BZERO in this header.  Compressed: CFITSIO keeps the
     * scaling of the uncompressed image; only the natural type matters there. */
    double bscale = key_or(f, "BSCALE", 1.0), bzero = key_or(f, "BZERO", 0.0);
    b->scaled = bscale != 1.0 || bzero != 0.0;

    /* CFITSIO 4.2's fits_get_img_equivtype leaves BITPIX=64 unchanged whatever
     * BSCALE/BZERO say: map the unsigned convention (BZERO = 2^63) to ULONGLONG,
     * any other scaling to DOUBLE (reading TLONGLONG would overflow or truncate). */
    if (b->bitpix == LONGLONG_IMG && b->equivtype == LONGLONG_IMG && b->scaled) {
#ifdef ULONGLONG_IMG
        if (bscale == 1.0 && bzero == 9223372036854775808.0)
            b->equivtype = ULONGLONG_IMG;
        else
#endif
            b->equivtype = DOUBLE_IMG;
    }

    b->nelem = 1;
    for (int i = 0; i < b->naxis; i++)
        b->nelem *= b->naxes[i];
    b->datatype = natural_datatype(b->equivtype, &b->elsize, &b->datatype_name);
    if (!b->datatype) {
        fprintf(stderr, "cbench: unsupported image type %d\n", b->equivtype);
        exit(EXIT_ERROR);
    }
    b->bytes = (size_t)b->nelem * b->elsize;
    b->raw_elsize = (size_t)(b->bitpix < 0 ? -b->bitpix : b->bitpix) / 8;

    if (!b->compressed) {
        LONGLONG headstart = 0, dataend = 0;
        fits_get_hduaddrll(f, &headstart, &b->datastart, &dataend, &status);
        check(status, "fits_get_hduaddrll");
        b->raw_bytes = (size_t)b->nelem * b->raw_elsize;
    }

    long ps = sysconf(_SC_PAGESIZE);
    b->pagesize = ps > 0 ? (size_t)ps : 4096;
    b->mapsize = (b->bytes + b->pagesize - 1) / b->pagesize * b->pagesize;
    if (b->mapsize == 0)
        b->mapsize = b->pagesize;

    b->fptr = f;
}

/* ------------------------------------------------------------------------ */
/* Statistics and output                                                     */
/* ------------------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Linear interpolation between closest ranks (numpy's default). */
static double quantile_sorted(const double *v, int n, double q)
{
    double pos = q * (n - 1);
    int lo = (int)pos;
    int hi = lo + 1 < n ? lo + 1 : lo;
    double frac = pos - lo;
    return v[lo] + (v[hi] - v[lo]) * frac;
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void print_skipped(const char *file, const char *case_name, const char *reason)
{
    printf("{\"tool\":\"cbench\",\"case\":");
    json_string(stdout, case_name);
    printf(",\"file\":");
    json_string(stdout, file);
    printf(",\"skipped\":");
    json_string(stdout, reason);
    printf("}\n");
}

static void print_info(int json)
{
    /* fits_get_version returns MAJOR + 0.01 * MINOR + 0.0001 * MICRO as a float. */
    float v = 0;
    fits_get_version(&v);
    long scaled = lround((double)v * 10000.0);
    int major = (int)(scaled / 10000), minor = (int)(scaled / 100 % 100), micro = (int)(scaled % 100);
    int reentrant = fits_is_reentrant();
    if (json) {
        printf("{\"tool\":\"cbench\",\"cfitsio_version\":\"%d.%d.%d\","
               "\"cfitsio_header_version\":\"%d.%d.%d\",\"reentrant\":%s}\n",
               major, minor, micro, CFITSIO_MAJOR, CFITSIO_MINOR, CFITSIO_MICRO,
               reentrant ? "true" : "false");
    } else {
        printf("CFITSIO library %d.%d.%d (compiled against header %d.%d.%d)\n", major, minor,
               micro, CFITSIO_MAJOR, CFITSIO_MINOR, CFITSIO_MICRO);
        printf("fits_is_reentrant() = %d\n", reentrant);
    }
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cbench --file F --case NAME [--iterations N] [--warmup W] [--datatype T] [--json]\n"
            "       cbench --file F --case read_batch_reopen --batch-file F1 [--batch-file F2 ...] ...\n"
            "       cbench --file F --case write_NAME [--out PATH] [--fsync] [--iterations N] [--warmup W] [--json]\n"
            "       cbench --list-cases\n"
            "       cbench --info [--json]\n"
            "defaults: --iterations %d --warmup %d; --datatype TSHORT|TINT|TFLOAT|TDOUBLE|...\n"
            "(CFITSIO's name of the type to read into; default: the image's natural type)\n",
            DEFAULT_ITERATIONS, DEFAULT_WARMUP);
}

static int parse_count(const char *opt, const char *s, int min)
{
    char *end = NULL;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || errno || end == s || *end || v < min || v > 100000000L) {
        fprintf(stderr, "cbench: %s needs an integer >= %d\n", opt, min);
        usage(stderr);
        exit(EXIT_USAGE);
    }
    return (int)v;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long minflt_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

/*
 * The statistics of a timed loop: with json, the tail of a JSON object whose other fields the caller has
 * printed ("times_ms" ... "minflt_median"} and a newline); else the end of the caller's line of text.
 */
static void print_samples(const double *times, const long *faults, int iterations, int warmup, int json)
{
    double *sorted = xmalloc(sizeof(double) * (size_t)iterations);
    double *fs = xmalloc(sizeof(double) * (size_t)iterations);
    memcpy(sorted, times, sizeof(double) * (size_t)iterations);
    qsort(sorted, (size_t)iterations, sizeof(double), cmp_double);
    for (int i = 0; i < iterations; i++)
        fs[i] = (double)faults[i];
    qsort(fs, (size_t)iterations, sizeof(double), cmp_double);
    double median = quantile_sorted(sorted, iterations, 0.5), p90 = quantile_sorted(sorted, iterations, 0.9);
    double fmedian = quantile_sorted(fs, iterations, 0.5);
    if (json) {
        printf("\"times_ms\":[");
        for (int i = 0; i < iterations; i++)
            printf("%s%.6f", i ? "," : "", times[i]);
        printf("],\"minflt\":[");
        for (int i = 0; i < iterations; i++)
            printf("%s%ld", i ? "," : "", faults[i]);
        printf("],\"median_ms\":%.6f,\"min_ms\":%.6f,\"p90_ms\":%.6f,\"minflt_median\":%g}\n", median, sorted[0],
               p90, fmedian);
    } else {
        printf("  median %.4f ms  min %.4f  p90 %.4f  minflt %g  (n=%d, warmup %d)\n", median, sorted[0], p90,
               fmedian, iterations, warmup);
    }
    free(sorted);
    free(fs);
}

/* ------------------------------------------------------------------------ */
/* Table cases (issue 13) and write cases (issue 15): their own files        */
/* ------------------------------------------------------------------------ */

#include "cbench_tables.c"
#include "cbench_writes.c"

/* ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *file = NULL, *case_name = NULL, *datatype_name = NULL;
    const char *columns = NULL;     /* table cases */
    const char *out = NULL;         /* write cases */
    int fsync_each = 0;             /* write cases */
    long block_bytes = 0;           /* table cases */
    int iterations = DEFAULT_ITERATIONS, warmup = DEFAULT_WARMUP;
    int json = 0, list = 0, info = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--file") == 0 && next) { file = next; i++; }
        else if (strcmp(a, "--case") == 0 && next) { case_name = next; i++; }
        else if (strcmp(a, "--datatype") == 0 && next) { datatype_name = next; i++; }
        else if (strcmp(a, "--columns") == 0 && next) { columns = next; i++; }
        else if (strcmp(a, "--out") == 0 && next) { out = next; i++; }
        else if (strcmp(a, "--fsync") == 0) fsync_each = 1;
        else if (strcmp(a, "--block-bytes") == 0) { block_bytes = parse_count(a, next, 1); i++; }
        else if (strcmp(a, "--iterations") == 0) { iterations = parse_count(a, next, 1); i++; }
        else if (strcmp(a, "--warmup") == 0) { warmup = parse_count(a, next, 0); i++; }
        else if (strcmp(a, "--batch-file") == 0 && next) {
            if (n_batch_files == MAX_BATCH) {
                fprintf(stderr, "cbench: more than %d --batch-file arguments\n", MAX_BATCH);
                return EXIT_USAGE;
            }
            batch_files[n_batch_files++] = next;
            i++;
        }
        else if (strcmp(a, "--json") == 0) json = 1;
        else if (strcmp(a, "--list-cases") == 0) list = 1;
        else if (strcmp(a, "--info") == 0) info = 1;
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { usage(stdout); return 0; }
        else {
            fprintf(stderr, "cbench: unknown or incomplete argument '%s'\n", a);
            usage(stderr);
            return EXIT_USAGE;
        }
    }

    if (list) {
        for (size_t i = 0; i < N_CASES; i++)
            printf("%-26s %s\n", CASES[i].name, CASES[i].what);
        list_table_cases();
        list_write_cases();
        return 0;
    }
    if (info) {
        print_info(json);
        return 0;
    }
    if (!file || !case_name) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (is_table_case(case_name))
        return table_main(file, case_name, columns, block_bytes, iterations, warmup, json);
    if (is_write_case(case_name))
        return write_main(file, case_name, out, fsync_each, iterations, warmup, json);
    const bench_case_t *bc = find_case(case_name);
    if (!bc) {
        fprintf(stderr, "cbench: unknown case '%s' (see --list-cases)\n", case_name);
        return EXIT_USAGE;
    }

    if (bc->op == op_read_batch_reopen && n_batch_files == 0) {
        fprintf(stderr, "cbench: case read_batch_reopen needs --batch-file arguments\n");
        return EXIT_USAGE;
    }

    bench_t b;
    memset(&b, 0, sizeof b);
    b.file = file;
    b.fd = -1;
    describe(&b);

    if (datatype_name) {
        size_t elsize = 0;
        int code = datatype_by_name(datatype_name, &elsize);
        if (!code) {
            fprintf(stderr, "cbench: unknown --datatype '%s'\n", datatype_name);
            usage(stderr);
            return EXIT_USAGE;
        }
        b.converted = code != b.datatype;
        b.datatype = code;
        b.datatype_name = datatype_name;
        b.elsize = elsize;
        b.bytes = (size_t)b.nelem * elsize;
        b.mapsize = (b.bytes + b.pagesize - 1) / b.pagesize * b.pagesize;
        if (b.mapsize == 0)
            b.mapsize = b.pagesize;
    }
    if ((bc->flags & NEED_FD) && b.converted) {
        print_skipped(file, case_name, "the floor cases read raw bytes: no --datatype conversion");
        close_image(b.fptr);
        return 0;
    }

    if ((bc->flags & NEED_UNCOMPRESSED) && b.compressed) {
        print_skipped(file, case_name, "needs an uncompressed image; this HDU is tile-compressed");
        close_image(b.fptr);
        return 0;
    }

    /* Reference read, used to verify the read cases afterwards. */
    if ((bc->flags & IS_READ) || (bc->flags & NEED_FD)) {
        b.ref = xmalloc(b.bytes);
        read_image(&b, b.fptr, b.ref);
    }

    /* CFITSIO shares the FITSfile of a file that is already open in the process
     * (fits_already_open), which would turn the reopen cases' open into a cheap
     * lookup: keep the handle only when the case reads through it. */
    if (!(bc->flags & NEED_HANDLE)) {
        close_image(b.fptr);
        b.fptr = NULL;
    }
    if (bc->flags & NEED_BUF) {
        size_t n = b.bytes > b.raw_bytes ? b.bytes : b.raw_bytes;
        b.buf = xmalloc(n);
        memset(b.buf, 0, n);
    }
    if (bc->flags & NEED_SRC) {
        b.src = xmalloc(b.bytes);
        memset(b.src, 0xa5, b.bytes);
    }
    if (bc->flags & NEED_FD) {
        b.fd = open(file, O_RDONLY);
        if (b.fd < 0)
            die_sys("open");
    }

    double *times = xmalloc(sizeof(double) * (size_t)iterations);
    long *faults = xmalloc(sizeof(long) * (size_t)iterations);

    for (int i = 0; i < warmup; i++)
        bc->op(&b);
    for (int i = 0; i < iterations; i++) {
        long f0 = minflt_now();
        double t0 = now_ms();
        bc->op(&b);
        double t1 = now_ms();
        long f1 = minflt_now();
        times[i] = t1 - t0;
        faults[i] = f1 - f0;
    }

    /* Verification, outside the timed loop. */
    const char *verified = "no";
    if (bc->flags & IS_READ) {
        if (bc->flags & NEED_BUF) {
            verify_against_ref(&b, b.buf);
        } else {
            b.verify = 1;           /* one more, untimed, iteration that compares */
            bc->op(&b);
            b.verify = 0;
        }
        verified = "yes";
    } else if (bc->flags & NEED_FD) {
        if (raw_comparable(&b)) {
            void *tmp = xmalloc(b.bytes);
            memcpy(tmp, b.buf, b.bytes);
            if (bc->op == op_floor_pread)
                swap_from_big_endian(tmp, (size_t)b.nelem, b.raw_elsize);
            verify_against_ref(&b, tmp);
            free(tmp);
            verified = "yes";
        } else {
            verified = "skipped: BSCALE/BZERO applied by CFITSIO";
        }
    }
    if (b.mismatch) {
        fprintf(stderr, "cbench: %s: case %s: data differ from the reference read\n",
                file, case_name);
        return EXIT_MISMATCH;
    }

    if (json) {
        printf("{\"tool\":\"cbench\",\"case\":");
        json_string(stdout, case_name);
        printf(",\"file\":");
        json_string(stdout, file);
        printf(",\"hdu\":%d,\"compressed\":%s,\"bitpix\":%d,\"datatype\":\"%s\",\"naxes\":[",
               b.hdunum, b.compressed ? "true" : "false", b.bitpix, b.datatype_name);
        for (int i = 0; i < b.naxis; i++)
            printf("%s%lld", i ? "," : "", (long long)b.naxes[i]);
        printf("],\"bytes\":%zu,", b.bytes);
        if (!b.compressed)
            printf("\"raw_bytes\":%zu,", b.raw_bytes);
        printf("\"iterations\":%d,\"warmup\":%d,\"verified\":", iterations, warmup);
        json_string(stdout, verified);
        printf(",");
    } else {
        printf("%-24s %s  bitpix=%d %s", case_name, file, b.bitpix, b.datatype_name);
        printf(" [");
        for (int i = 0; i < b.naxis; i++)
            printf("%s%lld", i ? "x" : "", (long long)b.naxes[i]);
        printf("]%s %zu bytes", b.compressed ? " compressed" : "", b.bytes);
    }
    print_samples(times, faults, iterations, warmup, json);

    if (b.fptr)
        close_image(b.fptr);
    if (b.fd >= 0)
        close(b.fd);
    free(b.buf);
    free(b.src);
    free(b.ref);
    free(times);
    free(faults);
    return 0;
}
