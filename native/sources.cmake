# Pinned upstream sources. build.cake reads these lines too: keep the `set(NAME "value")` form.
# CFITSIO 4.2.0 and zlib 1.2.13 are the upstream tarballs of Debian 12's source packages
# (`apt-get source --tar-only cfitsio zlib`), so they can be fetched from any Debian mirror.
set(CFITSIO_VERSION "4.2.0")
set(CFITSIO_TARBALL "cfitsio_4.2.0.orig.tar.gz")
set(CFITSIO_SHA256 "eba53d1b3f6e345632bb09a7b752ec7ced3d63ec5153a848380f3880c5d61889")
set(ZLIB_VERSION "1.2.13")
set(ZLIB_TARBALL "zlib_1.2.13.dfsg.orig.tar.bz2")
set(ZLIB_SHA256 "71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1")
