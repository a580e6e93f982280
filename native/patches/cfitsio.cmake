# Source fixes applied to the pinned CFITSIO 4.2.0 before it is built (run by ExternalProject's PATCH_COMMAND
# as `cmake -DSOURCE_DIR=<dir> -P cfitsio.cmake`). Each fix states what it repairs; the build fails if the text it
# expects is not found, so a version bump cannot silently drop one.

function(replace_once file before after)
  file(READ "${SOURCE_DIR}/${file}" text)
  string(FIND "${text}" "${before}" at)
  if(at EQUAL -1)
    string(FIND "${text}" "${after}" done)
    if(done EQUAL -1)
      message(FATAL_ERROR "cfitsio.cmake: expected text not found in ${file}; review the patch for this CFITSIO version")
    endif()
    return() # already applied
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
