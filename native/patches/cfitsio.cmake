# Source fixes applied to the pinned CFITSIO 4.2.0 before it is built (run by ExternalProject's PATCH_COMMAND
# as `cmake -DSOURCE_DIR=<dir> -P cfitsio.cmake`). Each fix states what it repairs; the build fails if the text it
# expects is not found, so a version bump cannot silently drop one.

function(replace_once file before after)
  file(READ "${SOURCE_DIR}/${file}" text)
  # Already applied (the patch step re-runs when this file changes): checked first, since a fix may keep the text
  # it replaces inside its own.
  string(FIND "${text}" "${after}" done)
  if(NOT done EQUAL -1)
    return()
  endif()
  string(FIND "${text}" "${before}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "cfitsio.cmake: expected text not found in ${file}; review the patch for this CFITSIO version")
  endif()
  string(REPLACE "${before}" "${after}" text "${text}")
  file(WRITE "${SOURCE_DIR}/${file}" "${text}")
endfunction()

# 1. A GZIP_1/GZIP_2 tile whose compressed bytes are cut short made uncompress2mem_from_mem loop forever: inflate
#    keeps answering Z_BUF_ERROR with no input left, and the loop keeps growing the output buffer. No input left
#    and no end of stream means the tile is truncated: report status 414 (DATA_DECOMPRESSION_ERR) instead.
replace_once(zcompress.c
  "        } else if (err == Z_OK || err == Z_BUF_ERROR) { /* need more space in output buffer */
	    /* Z_BUF_ERROR means need more input data to make progress */

            if (mem_realloc) {   "
  "        } else if (err == Z_OK || err == Z_BUF_ERROR) { /* need more space in output buffer */
	    /* Z_BUF_ERROR means need more input data to make progress */

            if (err == Z_BUF_ERROR && d_stream.avail_in == 0) { /* CfitsioNet: truncated input */
                inflateEnd(&d_stream);
                return(*status = 414);
            }

            if (mem_realloc) {   ")

# 2. HCOMPRESS_1 decoding trusted the compressed stream: fits_hdecompress gets no input length and no output size,
#    so a damaged tile made the bit readers run past the end of the tile's bytes (heap read overflow), and the
#    image size nx*ny read from the stream (and the bit-plane counts) sized the writes into the caller's tile
#    buffer (heap write overflow, found by our fuzzer). The decoder now takes both bounds through thread-local
#    variables set by new entry points fits_hdecompress_bounded / fits_hdecompress64_bounded, which imcompress.c
#    calls with the tile's compressed byte count and pixel count: reads past the end return 0 and mark the stream
#    overrun, nx*ny must equal the tile's pixel count, bit-plane counts must fit the integer type, and any of these
#    ends the tile with status 414 (DATA_DECOMPRESSION_ERR). The unbounded public functions behave as before.
#    (The thread-local variables are written only by the calling thread; decode itself still runs under FFLOCK.)
replace_once(fits_hdecompress.c
  "static long nextchar;
"
  "static long nextchar;

/* CfitsioNet: bounds of the current decode (see native/patches/cfitsio.cmake, fix 2). On Linux the
   initial-exec TLS model keeps libcfitsio free of __tls_get_addr, so it still needs only libc and libm. */
#if defined(__linux__) && defined(__GNUC__)
#define HD_THREAD_LOCAL __thread __attribute__((tls_model(\"initial-exec\")))
#else
#define HD_THREAD_LOCAL _Thread_local
#endif
static HD_THREAD_LOCAL long hd_inlen = -1;        /* bytes in the compressed input; -1 = unknown */
static HD_THREAD_LOCAL LONGLONG hd_nelem = 0;     /* pixels the output buffer holds; 0 = unknown */
static int hd_overrun;                          /* set (under FFLOCK) when a read went past hd_inlen */

static int hd_getc(unsigned char *infile)
{
    if (hd_inlen >= 0 && (nextchar < 0 || nextchar >= hd_inlen)) {
        hd_overrun = 1;
        nextchar++;
        return 0;
    }
    return infile[nextchar++];
}
")

# 2a. The byte and bit readers go through hd_getc.
replace_once(fits_hdecompress.c
  "    memcpy(buffer, &file[nextchar], n);
    nextchar += n;"
  "    int i;
    for (i = 0; i < n; i++) buffer[i] = (char) hd_getc(file); /* CfitsioNet: bounded */")
replace_once(fits_hdecompress.c
  "		buffer2 = infile[nextchar];
		nextchar++;"
  "		buffer2 = hd_getc(infile); /* CfitsioNet: bounded */")
replace_once(fits_hdecompress.c
  "		buffer2 = (buffer2<<8) | (int) infile[nextchar];
		nextchar++;"
  "		buffer2 = (buffer2<<8) | hd_getc(infile); /* CfitsioNet: bounded */")

# 2b. Validate the header of the stream before anything is written to the output (both decode and decode64).
replace_once(fits_hdecompress.c
  "	qread(infile, (char *) nbitplanes, sizeof(nbitplanes));

	stat = dodecode(infile, a, *nx, *ny, nbitplanes);"
  "	qread(infile, (char *) nbitplanes, sizeof(nbitplanes));

	/* CfitsioNet: the stream's own sizes must describe the caller's tile. */
	if (hd_overrun || *nx < 1 || *ny < 1 ||
	    (hd_nelem > 0 && (LONGLONG) *nx * (LONGLONG) *ny != hd_nelem) ||
	    nbitplanes[0] > 32 || nbitplanes[1] > 32 || nbitplanes[2] > 32) {
		ffpmsg(\"hdecompress: tile size or bit planes in the stream do not match the tile\");
		return(DATA_DECOMPRESSION_ERR);
	}

	stat = dodecode(infile, a, *nx, *ny, nbitplanes);")
replace_once(fits_hdecompress.c
  "	qread(infile, (char *) nbitplanes, sizeof(nbitplanes));

	stat = dodecode64(infile, a, *nx, *ny, nbitplanes);"
  "	qread(infile, (char *) nbitplanes, sizeof(nbitplanes));

	/* CfitsioNet: the stream's own sizes must describe the caller's tile. */
	if (hd_overrun || *nx < 1 || *ny < 1 ||
	    (hd_nelem > 0 && (LONGLONG) *nx * (LONGLONG) *ny != hd_nelem) ||
	    nbitplanes[0] > 64 || nbitplanes[1] > 64 || nbitplanes[2] > 64) {
		ffpmsg(\"hdecompress64: tile size or bit planes in the stream do not match the tile\");
		return(DATA_DECOMPRESSION_ERR);
	}

	stat = dodecode64(infile, a, *nx, *ny, nbitplanes);")

# 2c. Reset the overrun flag with the read position; a stream that ran out of bytes is damaged.
replace_once(fits_hdecompress.c
  "	/* initialize the byte read position to the beginning of the array */;
	nextchar = 0;"
  "	/* initialize the byte read position to the beginning of the array */;
	nextchar = 0;
	hd_overrun = 0; /* CfitsioNet */")
replace_once(fits_hdecompress.c
  "	a[0] = (int) sumall;
	return(stat);"
  "	a[0] = (int) sumall;
	if (stat == 0 && hd_overrun) { /* CfitsioNet: the stream ended early */
		ffpmsg(\"hdecompress: compressed tile is truncated or damaged\");
		stat = DATA_DECOMPRESSION_ERR;
	}
	return(stat);")
replace_once(fits_hdecompress.c
  "	a[0] = sumall;

	return(stat);"
  "	a[0] = sumall;
	if (stat == 0 && hd_overrun) { /* CfitsioNet: the stream ended early */
		ffpmsg(\"hdecompress64: compressed tile is truncated or damaged\");
		stat = DATA_DECOMPRESSION_ERR;
	}

	return(stat);")

# 2d. qtree_decode leaked its scratch buffer on a bad format code.
replace_once(fits_hdecompress.c
  "			ffpmsg(\"qtree_decode: bad format code\");
			return(DATA_DECOMPRESSION_ERR);"
  "			ffpmsg(\"qtree_decode: bad format code\");
			free(scratch); /* CfitsioNet: was leaked */
			return(DATA_DECOMPRESSION_ERR);")

# 2e. The bounded entry points, and imcompress.c calling them with the tile's sizes.
replace_once(fits_hdecompress.c
  "/* ---------------------------------------------------------------------- */
int fits_hdecompress(unsigned char *input, int smooth, int *a, int *ny, int *nx, "
  "/* ---------------------------------------------------------------------- */
/* CfitsioNet: as fits_hdecompress(64), but never reads past input[inlen-1] and requires nx*ny == nelem. */
int fits_hdecompress_bounded(unsigned char *input, long inlen, int smooth, int *a, LONGLONG nelem,
                     int *ny, int *nx, int *scale, int *status)
{
  hd_inlen = inlen < 0 ? 0 : inlen;
  hd_nelem = nelem < 1 ? 1 : nelem;
  fits_hdecompress(input, smooth, a, ny, nx, scale, status);
  hd_inlen = -1;
  hd_nelem = 0;
  return(*status);
}
int fits_hdecompress64_bounded(unsigned char *input, long inlen, int smooth, LONGLONG *a, LONGLONG nelem,
                     int *ny, int *nx, int *scale, int *status)
{
  hd_inlen = inlen < 0 ? 0 : inlen;
  hd_nelem = nelem < 1 ? 1 : nelem;
  fits_hdecompress64(input, smooth, a, ny, nx, scale, status);
  hd_inlen = -1;
  hd_nelem = 0;
  return(*status);
}
/* ---------------------------------------------------------------------- */
int fits_hdecompress(unsigned char *input, int smooth, int *a, int *ny, int *nx, ")
replace_once(imcompress.c
  "            *status = fits_hdecompress(cbuf, smooth, idata, &nx, &ny,
	        &scale, status);"
  "            *status = fits_hdecompress_bounded(cbuf, (long) nelemll, smooth, idata, (LONGLONG) tilelen,
	        &nx, &ny, &scale, status); /* CfitsioNet: bounded, see cfitsio.cmake fix 2 */")
replace_once(imcompress.c
  "            *status = fits_hdecompress64(cbuf, smooth, (LONGLONG *) idata, &nx, &ny,
	        &scale, status);"
  "            *status = fits_hdecompress64_bounded(cbuf, (long) nelemll, smooth, (LONGLONG *) idata, (LONGLONG) tilelen,
	        &nx, &ny, &scale, status); /* CfitsioNet: bounded, see cfitsio.cmake fix 2 */")
replace_once(fitsio2.h
  "int fits_rdecomp_byte ("
  "int fits_hdecompress_bounded(unsigned char *input, long inlen, int smooth, int *a, LONGLONG nelem,
                     int *ny, int *nx, int *scale, int *status); /* CfitsioNet */
int fits_hdecompress64_bounded(unsigned char *input, long inlen, int smooth, LONGLONG *a, LONGLONG nelem,
                     int *ny, int *nx, int *scale, int *status); /* CfitsioNet */
int fits_rdecomp_byte (")

# 3. PLIO_1 decoding trusted the line list's own header: pl_l2pi reads list words from a first index and up to a
#    length that both come from the tile (words 2 to 5), and one word past a "set high value" opcode, with no
#    input length (heap read overflow, SIGSEGV found by our fuzzer). Its writes are clipped to the tile's pixel
#    count already. Now imcompress.c checks, before calling it, that the tile holds the list header (5 words),
#    that the first index is at least 1 and the length at most the tile's word count (status 414 otherwise), and
#    gives the list one zeroed spare word so the look-ahead at the very end stays inside the buffer.
replace_once(imcompress.c
  "        cbuf = (unsigned char *) malloc ((long) nelemll * sizeof (short));"
  "        cbuf = (unsigned char *) calloc ((long) nelemll + 1, sizeof (short)); /* CfitsioNet: spare word, fix 3 */")
replace_once(imcompress.c
  "        pl_l2pi ((short *) cbuf, 1, idata, tilelen);  /* uncompress the data */"
  "        {   /* CfitsioNet: the line list must lie inside the tile's words (cfitsio.cmake, fix 3) */
            short *ll = (short *) cbuf;
            long lllen = 0, llfirt = 0;
            if (nelemll >= 5) {
                if (ll[2] > 0) { lllen = ll[2]; llfirt = 4; }
                else { lllen = ((long) ll[4] << 15) + ll[3]; llfirt = (long) ll[1] + 1; }
            }
            if (nelemll < 5 || llfirt < 1 || lllen > (long) nelemll) {
                ffpmsg(\"PLIO tile: the line list does not fit in the tile's compressed data (imcomp_decompress_tile)\");
                free(cbuf);
                free(idata);
                return (*status = DATA_DECOMPRESSION_ERR);
            }
        }
        pl_l2pi ((short *) cbuf, 1, idata, tilelen);  /* uncompress the data */")

# 4. RICE_1 decoding (fits_rdecomp, fits_rdecomp_short, fits_rdecomp_byte) checked the end of the input only after
#    each block: within a block a run of zero bytes was followed as far as it went (unbounded heap read, SIGSEGV
#    found by our fuzzer on a damaged tile with ZVAL2 = 65535, which CFITSIO decodes with the 4-byte decoder), and
#    the pixels of a block could read up to a block's worth of bytes past the tile. Now each pixel and each byte of
#    a zero run first checks the input's end, with the message and status of the check after the block; a decode
#    that succeeds never passes that end (the pointer only grows and the block check would fail), so valid tiles
#    decode exactly as before. The tile's bytes get 8 zeroed spare bytes, for the few bytes one pixel reads after
#    its check.
replace_once(ricecomp.c
  "		/* count number of leading zeros */
		while (b == 0) {
		    nbits += 8;
		    b = *c++;
		}"
  "		/* count number of leading zeros */
		if (c > cend) { /* CfitsioNet: end of input, cfitsio.cmake fix 4 */
		    ffpmsg(\"decompression error: hit end of compressed byte stream\");
		    return 1;
		}
		while (b == 0) {
		    if (c > cend) { /* CfitsioNet: a run of zeros past the input, fix 4 */
		        ffpmsg(\"decompression error: hit end of compressed byte stream\");
		        return 1;
		    }
		    nbits += 8;
		    b = *c++;
		}")
replace_once(ricecomp.c
  "	    for ( ; i<imax; i++) {
		k = bbits - nbits;"
  "	    for ( ; i<imax; i++) {
		if (c > cend) { /* CfitsioNet: end of input, cfitsio.cmake fix 4 */
		    ffpmsg(\"decompression error: hit end of compressed byte stream\");
		    return 1;
		}
		k = bbits - nbits;")
replace_once(imcompress.c
  "        cbuf = (unsigned char *) malloc ((long) nelemll);
    }"
  "        cbuf = (unsigned char *) calloc ((long) nelemll + 8, 1); /* CfitsioNet: spare bytes, fix 4 */
    }")

# 5. A binary table whose heap starts after a gap (THEAP > NAXIS1 * NAXIS2; the standard counts the gap in PCOUNT)
#    was taken to end at THEAP + PCOUNT, one gap too far: CFITSIO looked for the next HDU past its header (missing
#    it, or reading the wrong bytes as a header) and bounded heap reads by a limit past the data unit. The heap now
#    ends where the data unit does (PCOUNT bytes after the table), and a THEAP outside [NAXIS1 * NAXIS2,
#    NAXIS1 * NAXIS2 + PCOUNT] is refused as status 264 (BAD_HEAP_PTR) instead of being trusted.
replace_once(fitscore.c
  "            snprintf(message,FLEN_ERRMSG,\"Required %s keyword not found (ffbinit).\", name);
            ffpmsg(message);
            return(*status = NO_TFORM);
        }
    }
"
  "            snprintf(message,FLEN_ERRMSG,\"Required %s keyword not found (ffbinit).\", name);
            ffpmsg(message);
            return(*status = NO_TFORM);
        }
    }

    /* CfitsioNet fix 5 (cfitsio.cmake): the heap and its gap share PCOUNT */
    if ((fptr->Fptr)->heapstart < rowlen * nrows ||
        (fptr->Fptr)->heapstart > rowlen * nrows + pcount)
    {
        snprintf(message,FLEN_ERRMSG,
        \"THEAP = %.0f is outside the data unit: the table has %.0f bytes and PCOUNT = %.0f (ffbinit).\",
        (double) (fptr->Fptr)->heapstart, (double) (rowlen * nrows), (double) pcount);
        ffpmsg(message);
        return(*status = BAD_HEAP_PTR);
    }
    (fptr->Fptr)->heapsize = pcount - ((fptr->Fptr)->heapstart - rowlen * nrows);
")
