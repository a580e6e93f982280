/*
 * cbench's table cases (issue 13): reading columns of a binary table, by CFITSIO and by a plain-C floor.
 * Compiled as part of cbench.c (#included there), so it shares cbench's helpers (errors, timing, statistics, JSON).
 *
 *   cbench --file F --case table_NAME --columns RA,DEC,FLUX|all [--block-bytes N] [--iterations N] [--warmup W] [--json]
 *
 * The table is the first BINTABLE HDU; the columns must be fixed-width D, E, J or K (read in their natural type:
 * TDOUBLE, TFLOAT, TINT, TLONGLONG). Every case writes each column into one reused, pre-touched destination of
 * rows x element size, and is verified after the timed loop against fits_read_col of the whole column.
 *
 *   table_read_col_chunks   handle kept; for each chunk of ffgrsz rows (fits_get_rowsize), fits_read_col of each
 *                           column into its destination: CFITSIO's recommended way to read a table
 *   table_read_col_whole    handle kept; one fits_read_col of all rows per column
 *   table_floor_pread       pread of row blocks of --block-bytes (default: the L2 cache size) into a reused block,
 *                           then gather + byte swap of the wanted columns into the destinations
 *   table_floor_mmap        the file mapped once (kept); the same gather + swap straight from the map
 *   table_floor_gather      the gather + swap alone, from a resident copy of the table's bytes (no I/O): the
 *                           kernel CfitsioNet's Tables/ColumnGather is compared with
 */

#define TABLE_MAX_COLUMNS 999

typedef struct {
    char name[FLEN_VALUE];
    int number;                 /* 1-based column number */
    int datatype;               /* TDOUBLE, TFLOAT, TINT, TLONGLONG */
    size_t size;                /* bytes per element */
    size_t offset;              /* byte offset in the row */
    unsigned char *dest;        /* rows x size, reused */
    unsigned char *ref;         /* fits_read_col of the whole column */
} table_column_t;

typedef struct {
    const char *file;
    int hdunum;
    LONGLONG rows;
    size_t rowlen;              /* NAXIS1 */
    LONGLONG datastart;
    long chunk_rows;            /* ffgrsz */
    size_t block_rows;          /* rows per floor block */
    int ncols;
    table_column_t cols[TABLE_MAX_COLUMNS];
    fitsfile *fptr;
    int fd;
    unsigned char *block;       /* table_floor_pread: one block of rows */
    const unsigned char *rowsrc;/* table_floor_mmap / _gather: all rows */
    size_t mapsize;
    void *map;
    unsigned char *copy;
} table_bench_t;

/* Row block gather: one column's element out of each row, byte-reversed, into the destination. The loops are
 * specialised per element size so the compiler emits one load, one bswap and one store per row. */
static void gather_column(const unsigned char *restrict rows, size_t rowlen, size_t nrows, size_t offset, size_t size,
                          unsigned char *restrict dest)
{
    const unsigned char *src = rows + offset;
    if (size == 8) {
        uint64_t *d = (uint64_t *)(void *)dest;
        for (size_t r = 0; r < nrows; r++) {
            uint64_t v;
            memcpy(&v, src + r * rowlen, 8);
            d[r] = __builtin_bswap64(v);
        }
    } else if (size == 4) {
        uint32_t *d = (uint32_t *)(void *)dest;
        for (size_t r = 0; r < nrows; r++) {
            uint32_t v;
            memcpy(&v, src + r * rowlen, 4);
            d[r] = __builtin_bswap32(v);
        }
    } else {
        uint16_t *d = (uint16_t *)(void *)dest;
        for (size_t r = 0; r < nrows; r++) {
            uint16_t v;
            memcpy(&v, src + r * rowlen, 2);
            d[r] = __builtin_bswap16(v);
        }
    }
}

static void gather_block(table_bench_t *t, const unsigned char *rows, size_t first, size_t nrows)
{
    for (int c = 0; c < t->ncols; c++) {
        table_column_t *col = &t->cols[c];
        gather_column(rows, t->rowlen, nrows, col->offset, col->size, col->dest + first * col->size);
    }
}

static void table_op_read_col_chunks(table_bench_t *t)
{
    int status = 0;
    for (LONGLONG first = 1; first <= t->rows; first += t->chunk_rows) {
        LONGLONG n = t->rows - first + 1 < t->chunk_rows ? t->rows - first + 1 : t->chunk_rows;
        for (int c = 0; c < t->ncols; c++) {
            table_column_t *col = &t->cols[c];
            fits_read_col(t->fptr, col->datatype, col->number, first, 1, n, NULL,
                          col->dest + (size_t)(first - 1) * col->size, NULL, &status);
        }
    }
    check(status, "fits_read_col");
}

static void table_op_read_col_whole(table_bench_t *t)
{
    int status = 0;
    for (int c = 0; c < t->ncols; c++)
        fits_read_col(t->fptr, t->cols[c].datatype, t->cols[c].number, 1, 1, t->rows, NULL, t->cols[c].dest, NULL,
                      &status);
    check(status, "fits_read_col");
}

static void table_op_floor_pread(table_bench_t *t)
{
    for (size_t first = 0; first < (size_t)t->rows; first += t->block_rows) {
        size_t n = (size_t)t->rows - first < t->block_rows ? (size_t)t->rows - first : t->block_rows;
        pread_full(t->fd, t->block, n * t->rowlen, (off_t)(t->datastart + (LONGLONG)(first * t->rowlen)));
        gather_block(t, t->block, first, n);
    }
    escape(t->cols[0].dest);
}

static void table_op_floor_resident(table_bench_t *t)
{
    for (size_t first = 0; first < (size_t)t->rows; first += t->block_rows) {
        size_t n = (size_t)t->rows - first < t->block_rows ? (size_t)t->rows - first : t->block_rows;
        gather_block(t, t->rowsrc + first * t->rowlen, first, n);
    }
    escape(t->cols[0].dest);
}

typedef struct {
    const char *name;
    void (*op)(table_bench_t *);
    const char *what;
} table_case_t;

static const table_case_t TABLE_CASES[] = {
    {"table_read_col_chunks", table_op_read_col_chunks,
     "handle kept; fits_read_col of each column per chunk of ffgrsz rows, into reused buffers"},
    {"table_read_col_whole", table_op_read_col_whole,
     "handle kept; one fits_read_col of all rows per column, into reused buffers"},
    {"table_floor_pread", table_op_floor_pread,
     "pread of L2-sized row blocks into a reused block + gather + byte swap into reused buffers"},
    {"table_floor_mmap", table_op_floor_resident,
     "file mapped once (kept); gather + byte swap of L2-sized row blocks from the map into reused buffers"},
    {"table_floor_gather", table_op_floor_resident,
     "gather + byte swap alone, from a resident copy of the rows (no I/O), into reused buffers"},
};
#define N_TABLE_CASES (sizeof TABLE_CASES / sizeof TABLE_CASES[0])

static int is_table_case(const char *name)
{
    return strncmp(name, "table_", 6) == 0;
}

static void list_table_cases(void)
{
    for (size_t i = 0; i < N_TABLE_CASES; i++)
        printf("%-26s %s\n", TABLE_CASES[i].name, TABLE_CASES[i].what);
}

static size_t l2_bytes(void)
{
#ifdef _SC_LEVEL2_CACHE_SIZE
    long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
    if (l2 > 0)
        return (size_t)l2;
#endif
    return 1 << 20;
}

/* Finds the table and the named columns (or all of them); leaves the handle open. */
static void table_describe(table_bench_t *t, const char *columns)
{
    int status = 0, nhdus = 0, hdutype = 0, tfields = 0;
    fits_open_diskfile(&t->fptr, t->file, READONLY, &status);
    fits_get_num_hdus(t->fptr, &nhdus, &status);
    check(status, "open");
    for (int h = 2; h <= nhdus && !t->hdunum; h++) {
        fits_movabs_hdu(t->fptr, h, &hdutype, &status);
        check(status, "fits_movabs_hdu");
        if (hdutype == BINARY_TBL)
            t->hdunum = h;
    }
    if (!t->hdunum) {
        fprintf(stderr, "cbench: %s: no binary table\n", t->file);
        exit(EXIT_ERROR);
    }
    fits_get_num_rowsll(t->fptr, &t->rows, &status);
    fits_get_num_cols(t->fptr, &tfields, &status);
    fits_get_rowsize(t->fptr, &t->chunk_rows, &status);
    LONGLONG headstart = 0, dataend = 0, naxis1 = 0;
    fits_get_hduaddrll(t->fptr, &headstart, &t->datastart, &dataend, &status);
    fits_read_key(t->fptr, TLONGLONG, "NAXIS1", &naxis1, NULL, &status);
    check(status, "table parameters");
    t->rowlen = (size_t)naxis1;

    /* The names asked for, or every column. */
    char list[65536];
    if (strcmp(columns, "all") == 0) {
        list[0] = 0;
        for (int n = 1; n <= tfields; n++) {
            char key[FLEN_KEYWORD], name[FLEN_VALUE];
            snprintf(key, sizeof key, "TTYPE%d", n);
            fits_read_key(t->fptr, TSTRING, key, name, NULL, &status);
            check(status, key);
            strncat(list, name, sizeof list - strlen(list) - 2);
            if (n < tfields)
                strcat(list, ",");
        }
    } else {
        snprintf(list, sizeof list, "%s", columns);
    }

    for (char *name = strtok(list, ","); name; name = strtok(NULL, ",")) {
        if (t->ncols == TABLE_MAX_COLUMNS) {
            fprintf(stderr, "cbench: too many columns\n");
            exit(EXIT_USAGE);
        }
        table_column_t *col = &t->cols[t->ncols++];
        snprintf(col->name, sizeof col->name, "%s", name);
        fits_get_colnum(t->fptr, CASEINSEN, col->name, &col->number, &status);
        int typecode = 0;
        long repeat = 0, width = 0;
        fits_get_coltype(t->fptr, col->number, &typecode, &repeat, &width, &status);
        check(status, col->name);
        if (repeat != 1 || (typecode != TDOUBLE && typecode != TFLOAT && typecode != TLONG && typecode != TLONGLONG)) {
            fprintf(stderr, "cbench: column %s: only scalar D, E, J, K columns\n", col->name);
            exit(EXIT_USAGE);
        }
        col->datatype = typecode == TLONG ? TINT : typecode;
        col->size = (size_t)width;
        /* The offset from the widths of the columns before it (every TFORM is fixed-width here). */
        col->offset = 0;
        for (int n = 1; n < col->number; n++) {
            long r = 0, w = 0;
            int tc = 0;
            fits_get_coltype(t->fptr, n, &tc, &r, &w, &status);
            if (tc < 0) {
                fprintf(stderr, "cbench: column %d before %s is variable-length: not supported here\n", n, col->name);
                exit(EXIT_USAGE);
            }
            col->offset += tc == TSTRING ? (size_t)r : tc == TBIT ? (size_t)(r + 7) / 8 : (size_t)(r * w);
        }
        check(status, "column widths");
    }
}

static int table_main(const char *file, const char *case_name, const char *columns, long block_bytes, int iterations,
                      int warmup, int json)
{
    const table_case_t *tc = NULL;
    for (size_t i = 0; i < N_TABLE_CASES; i++)
        if (strcmp(TABLE_CASES[i].name, case_name) == 0)
            tc = &TABLE_CASES[i];
    if (!tc) {
        fprintf(stderr, "cbench: unknown case '%s' (see --list-cases)\n", case_name);
        return EXIT_USAGE;
    }

    static table_bench_t t;
    memset(&t, 0, sizeof t);
    t.file = file;
    t.fd = -1;
    table_describe(&t, columns ? columns : "all");
    size_t block = block_bytes > 0 ? (size_t)block_bytes : l2_bytes();
    t.block_rows = block / t.rowlen > 0 ? block / t.rowlen : 1;

    size_t total = 0;
    for (int c = 0; c < t.ncols; c++) {
        table_column_t *col = &t.cols[c];
        size_t bytes = (size_t)t.rows * col->size;
        col->dest = xmalloc(bytes);
        memset(col->dest, 0, bytes);
        col->ref = xmalloc(bytes);
        int status = 0;
        fits_read_col(t.fptr, col->datatype, col->number, 1, 1, t.rows, NULL, col->ref, NULL, &status);
        check(status, "reference fits_read_col");
        total += bytes;
    }

    size_t data_bytes = (size_t)t.rows * t.rowlen;
    if (tc->op == table_op_floor_pread) {
        t.fd = open(file, O_RDONLY);
        if (t.fd < 0)
            die_sys("open");
        t.block = xmalloc(t.block_rows * t.rowlen);
        memset(t.block, 0, t.block_rows * t.rowlen);
    } else if (strcmp(tc->name, "table_floor_mmap") == 0) {
        int fd = open(file, O_RDONLY);
        if (fd < 0)
            die_sys("open");
        t.mapsize = (size_t)t.datastart + data_bytes;
        t.map = mmap(NULL, t.mapsize, PROT_READ, MAP_SHARED, fd, 0);
        if (t.map == MAP_FAILED)
            die_sys("mmap");
        close(fd);
        t.rowsrc = (const unsigned char *)t.map + t.datastart;
    } else if (strcmp(tc->name, "table_floor_gather") == 0) {
        int fd = open(file, O_RDONLY);
        if (fd < 0)
            die_sys("open");
        t.copy = xmalloc(data_bytes);
        pread_full(fd, t.copy, data_bytes, (off_t)t.datastart);
        close(fd);
        t.rowsrc = t.copy;
    }

    double *times = xmalloc(sizeof(double) * (size_t)iterations);
    long *faults = xmalloc(sizeof(long) * (size_t)iterations);
    for (int i = 0; i < warmup; i++)
        tc->op(&t);
    for (int i = 0; i < iterations; i++) {
        long f0 = minflt_now();
        double t0 = now_ms();
        tc->op(&t);
        double t1 = now_ms();
        times[i] = t1 - t0;
        faults[i] = minflt_now() - f0;
    }

    for (int c = 0; c < t.ncols; c++)
        if (memcmp(t.cols[c].dest, t.cols[c].ref, (size_t)t.rows * t.cols[c].size) != 0) {
            fprintf(stderr, "cbench: %s: case %s: column %s differs from fits_read_col\n", file, case_name,
                    t.cols[c].name);
            return EXIT_MISMATCH;
        }

    if (json) {
        printf("{\"tool\":\"cbench\",\"case\":");
        json_string(stdout, case_name);
        printf(",\"file\":");
        json_string(stdout, file);
        printf(",\"hdu\":%d,\"rows\":%lld,\"row_bytes\":%zu,\"chunk_rows\":%ld,\"block_rows\":%zu,\"columns\":[",
               t.hdunum, (long long)t.rows, t.rowlen, t.chunk_rows, t.block_rows);
        for (int c = 0; c < t.ncols; c++) {
            printf("%s", c ? "," : "");
            json_string(stdout, t.cols[c].name);
        }
        printf("],\"bytes\":%zu,\"iterations\":%d,\"warmup\":%d,\"verified\":\"yes\",", total, iterations, warmup);
    } else {
        printf("%-24s %s  %d of the columns, %lld rows x %zu bytes, %zu bytes read", case_name, file, t.ncols,
               (long long)t.rows, t.rowlen, total);
    }
    print_samples(times, faults, iterations, warmup, json);

    int status = 0;
    fits_close_file(t.fptr, &status);
    if (t.fd >= 0)
        close(t.fd);
    if (t.map)
        munmap(t.map, t.mapsize);
    for (int c = 0; c < t.ncols; c++) {
        free(t.cols[c].dest);
        free(t.cols[c].ref);
    }
    free(t.block);
    free(t.copy);
    free(times);
    free(faults);
    return 0;
}
