/* cfitsio_tables: writes golden tables with CFITSIO's own table writers, so the table tests read files made by a
 * second writer besides astropy (tests/golden/tables/make_tables.py describes them with astropy, the second
 * reader).
 *
 *   cfitsio_tables DIR      writes DIR/cfitsio_types.fits, DIR/cfitsio_vla.fits, DIR/cfitsio_ascii.fits
 *
 * Values are integers or exact binary fractions (and fixed bit patterns for NaN), so the bytes do not depend on
 * the machine. No DATE or CHECKSUM keyword is written: the output is the same on every run.
 * Exit status: 0 written, 1 usage, 2 CFITSIO error (status and message stack on stderr). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fitsio.h"

#define ROWS 24
#define VLA_ROWS 10

static void die(int status, const char *what)
{
    char text[FLEN_STATUS], message[FLEN_ERRMSG];
    fits_get_errstatus(status, text);
    fprintf(stderr, "cfitsio_tables: %s: status %d: %s\n", what, status, text);
    while (fits_read_errmsg(message))
        fprintf(stderr, "cfitsio_tables:   %s\n", message);
    exit(2);
}

static void check(int status, const char *what)
{
    if (status > 0)
        die(status, what);
}

/* A small deterministic generator (xorshift64*): the same integers on every machine. */
static uint64_t state = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1Dull;
}

static float f32_bits(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static double f64_bits(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, 8);
    return d;
}

/* 10^k by repeated multiplication: exact up to 1e22. */
static double power_of_ten(int k)
{
    double p = 1.0;
    while (k-- > 0)
        p *= 10.0;
    return p;
}

static fitsfile *create(const char *dir, const char *name)
{
    char path[4096];
    fitsfile *f = NULL;
    int status = 0;
    snprintf(path, sizeof path, "!%s/%s", dir, name);   /* '!': overwrite */
    fits_create_file(&f, path, &status);
    fits_create_img(f, BYTE_IMG, 0, NULL, &status);
    check(status, name);
    return f;
}

static void close_file(fitsfile *f, const char *name)
{
    int status = 0;
    fits_close_file(f, &status);
    check(status, name);
}

/* Every binary type through fits_write_col; U/V/W/S forms (CFITSIO writes TZERO itself); TNULL through
 * fits_write_colnull; CFITSIO's own NaN for null floats; real TSCAL/TZERO written from physical values. */
static void write_types(const char *dir)
{
    char *ttype[] = {"FLAG", "BITS", "U8", "S8", "I16", "U16", "I32", "U32", "I64", "U64", "F32", "F64",
                     "C64", "C128", "TEXT", "CUBE", "I32N", "F32N", "F64N", "I16S", "I32S"};
    char *tform[] = {"2L", "16X", "B", "S", "I", "U", "J", "V", "K", "W", "E", "D",
                     "C", "M", "8A", "6D", "J", "E", "D", "I", "J"};
    char *tunit[] = {"", "", "", "", "", "", "", "", "", "", "m", "s",
                     "", "", "", "", "", "", "", "Jy", ""};
    const int ncols = (int)(sizeof ttype / sizeof ttype[0]);
    int status = 0;
    fitsfile *f = create(dir, "cfitsio_types.fits");
    fits_create_tbl(f, BINARY_TBL, ROWS, ncols, ttype, tform, tunit, "TYPES", &status);
    long cube[] = {3, 2};
    fits_write_tdim(f, 16, 2, cube, &status);
    long tnull = -77;
    fits_write_key(f, TLONG, "TNULL17", &tnull, "null value of I32N", &status);
    double scale = 0.5, zero = 100.0, scale2 = 0.125, zero2 = -4.0;
    fits_write_key(f, TDOUBLE, "TSCAL20", &scale, NULL, &status);
    fits_write_key(f, TDOUBLE, "TZERO20", &zero, NULL, &status);
    fits_write_key(f, TDOUBLE, "TSCAL21", &scale2, NULL, &status);
    fits_write_key(f, TDOUBLE, "TZERO21", &zero2, NULL, &status);
    /* Keywords written after fits_create_tbl: CFITSIO reads the scaling again before writing. */
    fits_set_hdustruc(f, &status);
    check(status, "types: header");

    char flags[2 * ROWS], bits[16 * ROWS];
    unsigned char u8[ROWS];
    signed char s8[ROWS];
    short i16[ROWS];
    unsigned short u16[ROWS];
    int i32[ROWS], i32n[ROWS];
    unsigned int u32[ROWS];
    LONGLONG i64[ROWS];
    ULONGLONG u64[ROWS];
    float f32[ROWS], f32n[ROWS], c64[2 * ROWS];
    double f64[ROWS], f64n[ROWS], c128[2 * ROWS], cube_values[6 * ROWS], i16s[ROWS], i32s[ROWS];
    char text_storage[ROWS][9];
    char *text[ROWS];
    static const char *words[] = {"", "a", " lead", "trail  ", "8 chars!", "x"};
    for (int r = 0; r < ROWS; r++) {
        uint64_t v = next();
        flags[2 * r] = (char)(v & 1);
        flags[2 * r + 1] = (char)((v >> 1) & 1);
        for (int b = 0; b < 16; b++)
            bits[16 * r + b] = (char)((v >> (b + 2)) & 1);
        u8[r] = (unsigned char)(v >> 8);
        s8[r] = (signed char)(v >> 16);
        i16[r] = (short)(v >> 20);
        u16[r] = (unsigned short)(v >> 24);
        i32[r] = (int)(v >> 7);
        u32[r] = (unsigned int)(v >> 29);
        i64[r] = (LONGLONG)next();
        u64[r] = next();
        /* m * 2^e with a 24-bit (53-bit) mantissa: exact */
        f32[r] = ldexpf((float)(int32_t)((next() >> 40) - (1u << 23)), (int)(next() % 200) - 100);
        f64[r] = ldexp((double)(int64_t)((next() >> 11) - (1ull << 52)), (int)(next() % 1800) - 900);
        c64[2 * r] = (float)(int)(next() % 2001) - 1000.0f;
        c64[2 * r + 1] = ldexpf((float)(int)(next() % 2001), -7);
        c128[2 * r] = ldexp((double)(int64_t)(next() >> 12), -20);
        c128[2 * r + 1] = -(double)(next() % 1000001);
        for (int k = 0; k < 6; k++)
            cube_values[6 * r + k] = (double)(int)(next() % 10001) / 8.0;
        i32n[r] = r % 5 == 2 ? -77 : (int)(next() >> 40);
        f32n[r] = (float)r * 0.25f;
        f64n[r] = (double)r * -1.5;
        i16s[r] = 100.0 + 0.5 * (double)((int)(next() % 60001) - 30000);   /* stored = 2 * (v - 100) */
        i32s[r] = -4.0 + 0.125 * (double)((int64_t)(next() % 4000000001ull) - 2000000000);
        snprintf(text_storage[r], sizeof text_storage[r], "%s", words[r % 6]);
        text[r] = text_storage[r];
    }
    /* The extremes of each type in the first rows. */
    u8[0] = 0; u8[1] = 255; s8[0] = -128; s8[1] = 127;
    i16[0] = -32768; i16[1] = 32767; u16[0] = 0; u16[1] = 65535;
    i32[0] = INT32_MIN; i32[1] = INT32_MAX; u32[0] = 0; u32[1] = UINT32_MAX;
    i64[0] = INT64_MIN; i64[1] = INT64_MAX; u64[0] = 0; u64[1] = UINT64_MAX;
    f32[0] = f32_bits(0x7FC00000u); f32[1] = f32_bits(0x7FC54321u); f32[2] = f32_bits(0x80000000u);
    f32[3] = f32_bits(0x00000001u); f32[4] = f32_bits(0xFF800000u);
    f64[0] = f64_bits(0x7FF8000000000000ull); f64[1] = f64_bits(0xFFF8000000000123ull);
    f64[2] = f64_bits(0x8000000000000000ull); f64[3] = f64_bits(0x0000000000000001ull);
    f64[4] = f64_bits(0x7FF0000000000000ull);

    fits_write_col(f, TLOGICAL, 1, 1, 1, 2 * ROWS, flags, &status);
    fits_write_col(f, TBIT, 2, 1, 1, 16 * ROWS, bits, &status);
    fits_write_col(f, TBYTE, 3, 1, 1, ROWS, u8, &status);
    fits_write_col(f, TSBYTE, 4, 1, 1, ROWS, s8, &status);
    fits_write_col(f, TSHORT, 5, 1, 1, ROWS, i16, &status);
    fits_write_col(f, TUSHORT, 6, 1, 1, ROWS, u16, &status);
    fits_write_col(f, TINT, 7, 1, 1, ROWS, i32, &status);
    fits_write_col(f, TUINT, 8, 1, 1, ROWS, u32, &status);
    fits_write_col(f, TLONGLONG, 9, 1, 1, ROWS, i64, &status);
    fits_write_col(f, TULONGLONG, 10, 1, 1, ROWS, u64, &status);
    fits_write_col(f, TFLOAT, 11, 1, 1, ROWS, f32, &status);
    fits_write_col(f, TDOUBLE, 12, 1, 1, ROWS, f64, &status);
    fits_write_col(f, TCOMPLEX, 13, 1, 1, ROWS, c64, &status);
    fits_write_col(f, TDBLCOMPLEX, 14, 1, 1, ROWS, c128, &status);
    fits_write_col(f, TSTRING, 15, 1, 1, ROWS, text, &status);
    fits_write_col(f, TDOUBLE, 16, 1, 1, 6 * ROWS, cube_values, &status);
    int null_int = -77;
    fits_write_colnull(f, TINT, 17, 1, 1, ROWS, i32n, &null_int, &status);
    check(status, "types: columns 1-17");
    /* Null floats: CFITSIO writes its own NaN (all bits set) where the value equals the null value given. */
    float null_float = 1.25f;
    double null_double = -3.0;
    f32n[3] = null_float; f32n[7] = null_float;
    f64n[2] = null_double;
    fits_write_colnull(f, TFLOAT, 18, 1, 1, ROWS, f32n, &null_float, &status);
    fits_write_colnull(f, TDOUBLE, 19, 1, 1, ROWS, f64n, &null_double, &status);
    fits_write_col(f, TDOUBLE, 20, 1, 1, ROWS, i16s, &status);
    fits_write_col(f, TDOUBLE, 21, 1, 1, ROWS, i32s, &status);
    /* One undefined logical (a zero byte), through CFITSIO's null writer. */
    fits_write_col_null(f, 1, 5, 2, 1, &status);
    check(status, "types: columns 18-21");
    close_file(f, "cfitsio_types.fits");
}

/* Variable-length arrays of each type through fits_write_col (CFITSIO appends to the heap), empty arrays, and two
 * rows made to share one heap array with fits_write_descript. */
static void write_vla(const char *dir)
{
    /* No PX column: astropy 5.2.1 cannot read one ("Invalid column format"), and it is the second reader here. */
    char *ttype[] = {"VL", "VB", "VI", "VJ", "VK", "VE", "VD", "VC", "VM", "VA", "QJ", "QD"};
    char *tform[] = {"PL", "PB", "PI", "PJ", "PK", "PE", "PD", "PC", "PM", "PA", "QJ", "QD"};
    const int ncols = (int)(sizeof ttype / sizeof ttype[0]);
    static const int lengths[VLA_ROWS] = {3, 0, 1, 7, 0, 12, 2, 0, 5, 1};
    int status = 0;
    fitsfile *f = create(dir, "cfitsio_vla.fits");
    fits_create_tbl(f, BINARY_TBL, VLA_ROWS, ncols, ttype, tform, NULL, "VLA", &status);
    check(status, "vla: header");
    for (int r = 0; r < VLA_ROWS; r++) {
        int n = lengths[r];
        char l[16], a[16];
        unsigned char b[16];
        short i16[16];
        int i32[16];
        LONGLONG i64[16];
        float e[16], c[32];
        double d[16], m[32];
        for (int k = 0; k < n; k++) {
            uint64_t v = next();
            l[k] = (char)(v & 1);
            a[k] = (char)('a' + (v >> 3) % 26);
            b[k] = (unsigned char)(v >> 8);
            i16[k] = (short)(v >> 16);
            i32[k] = (int)(v >> 24);
            i64[k] = (LONGLONG)next();
            e[k] = ldexpf((float)(int)(next() % 20001) - 10000.0f, -3);
            d[k] = ldexp((double)(int64_t)(next() >> 12) - ldexp(1.0, 51), -10);
            c[2 * k] = (float)k; c[2 * k + 1] = -(float)r;
            m[2 * k] = (double)r / 4.0; m[2 * k + 1] = (double)k * 1024.0;
        }
        a[n] = 0;
        char *strings[1] = {a};
        if (n == 0) {
            /* An empty array: CFITSIO writes the descriptor (0, heap end). */
            for (int col = 1; col <= ncols; col++)
                fits_write_descript(f, col, r + 1, 0, 0, &status);
            continue;
        }
        fits_write_col(f, TLOGICAL, 1, r + 1, 1, n, l, &status);
        fits_write_col(f, TBYTE, 2, r + 1, 1, n, b, &status);
        fits_write_col(f, TSHORT, 3, r + 1, 1, n, i16, &status);
        fits_write_col(f, TINT, 4, r + 1, 1, n, i32, &status);
        fits_write_col(f, TLONGLONG, 5, r + 1, 1, n, i64, &status);
        fits_write_col(f, TFLOAT, 6, r + 1, 1, n, e, &status);
        fits_write_col(f, TDOUBLE, 7, r + 1, 1, n, d, &status);
        fits_write_col(f, TCOMPLEX, 8, r + 1, 1, n, c, &status);
        fits_write_col(f, TDBLCOMPLEX, 9, r + 1, 1, n, m, &status);
        fits_write_col(f, TSTRING, 10, r + 1, 1, 1, strings, &status);
        fits_write_col(f, TINT, 11, r + 1, 1, n, i32, &status);
        fits_write_col(f, TDOUBLE, 12, r + 1, 1, n, d, &status);
        check(status, "vla: row");
    }
    /* The last row's J array is the first row's (same descriptor offset): a shared heap array. */
    LONGLONG length = 0, offset = 0;
    fits_read_descriptll(f, 4, 1, &length, &offset, &status);
    fits_write_descript(f, 4, VLA_ROWS, length, offset, &status);
    check(status, "vla: shared descriptor");
    close_file(f, "cfitsio_vla.fits");
}

/* An ASCII table with CFITSIO's formats for A, I, F, E, D, and TNULL strings written by fits_write_colnull. */
static void write_ascii(const char *dir)
{
    char *ttype[] = {"NAME", "COUNT", "SMALL", "RATE", "FLUX", "PRECISE"};
    char *tform[] = {"A10", "I8", "I4", "F12.4", "E16.7", "D25.17"};
    const int ncols = (int)(sizeof ttype / sizeof ttype[0]);
    int status = 0;
    fitsfile *f = create(dir, "cfitsio_ascii.fits");
    fits_create_tbl(f, ASCII_TBL, ROWS, ncols, ttype, tform, NULL, "ASCII", &status);
    fits_write_key(f, TSTRING, "TNULL2", "NULL", "null string of COUNT", &status);
    fits_write_key(f, TSTRING, "TNULL4", "*", "null string of RATE", &status);
    fits_set_hdustruc(f, &status);
    check(status, "ascii: header");
    char storage[ROWS][11];
    char *names[ROWS];
    int count[ROWS];
    short small[ROWS];
    double rate[ROWS], flux[ROWS], precise[ROWS];
    for (int r = 0; r < ROWS; r++) {
        snprintf(storage[r], sizeof storage[r], r % 4 == 1 ? "  obj%02d" : "obj%02d", r);
        names[r] = storage[r];
        count[r] = r % 6 == 4 ? -999 : (int)(next() % 19999999) - 9999999;
        small[r] = (short)((int)(next() % 1999) - 999);
        rate[r] = r % 7 == 3 ? -1.0 : (double)((int)(next() % 2000001) - 1000000) / 16.0;
        /* A mantissa k/16 in [1, 10) times an exact power of ten up to 1e18 (k * 5^e < 2^53: the value is a
         * double), so the text CFITSIO writes holds it exactly, and CFITSIO's parser (digits / 10^decimals *
         * 10^exponent) and a correctly rounded one (astropy's) give the same double. */
        double sign = (next() & 1) ? -1.0 : 1.0;
        flux[r] = sign * (double)(16 + next() % 144) / 16.0 * power_of_ten(r % 16);
        precise[r] = -sign * (double)(16 + next() % 144) / 16.0 * power_of_ten(r % 19);
    }
    int null_count = -999;
    double null_rate = -1.0;
    fits_write_col(f, TSTRING, 1, 1, 1, ROWS, names, &status);
    fits_write_colnull(f, TINT, 2, 1, 1, ROWS, count, &null_count, &status);
    fits_write_col(f, TSHORT, 3, 1, 1, ROWS, small, &status);
    fits_write_colnull(f, TDOUBLE, 4, 1, 1, ROWS, rate, &null_rate, &status);
    fits_write_col(f, TDOUBLE, 5, 1, 1, ROWS, flux, &status);
    fits_write_col(f, TDOUBLE, 6, 1, 1, ROWS, precise, &status);
    check(status, "ascii: columns");
    close_file(f, "cfitsio_ascii.fits");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: cfitsio_tables DIR\n");
        return 1;
    }
    write_types(argv[1]);
    write_vla(argv[1]);
    write_ascii(argv[1]);
    return 0;
}
