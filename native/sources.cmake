# Pinned upstream sources. build.cake reads these lines too: keep the `set(NAME "value")` form.
# CFITSIO 4.2.0 and zlib 1.2.13 are the upstream tarballs of Debian 12's source packages
# (`apt-get source --tar-only cfitsio zlib`), so they can be fetched from any Debian mirror.
set(CFITSIO_VERSION "4.2.0")
set(CFITSIO_TARBALL "cfitsio_4.2.0.orig.tar.gz")
set(CFITSIO_SHA256 "eba53d1b3f6e345632bb09a7b752ec7ced3d63ec5153a848380f3880c5d61889")
# The same tarball's sha512, which vcpkg's downloads require (native/vcpkg/ports/cfitsio); the Native target checks both.
set(CFITSIO_SHA512 "41b51653370874f50a7a9fe7d5f61577a979ab9d146b8249afa407d3858cb4dce0581eba23093972b66f7d1042b9693b98ad9130ec67b3b44e94005e72d60853")
set(ZLIB_VERSION "1.2.13")
set(ZLIB_TARBALL "zlib_1.2.13.dfsg.orig.tar.bz2")
set(ZLIB_SHA256 "71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1")
