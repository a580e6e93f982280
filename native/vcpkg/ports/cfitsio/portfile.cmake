# Overlay port: CFITSIO as CfitsioNet builds it (native/CMakeLists.txt), so the vcpkg route gets the same library.
# The pinned 4.2.0 tarball (version, name and hashes from native/sources.cmake), the CfitsioNet fixes
# (native/patches, every file, in order), and the same options: thread-safe, zlib linked in statically (the triplets
# in native/triplets make every other port static), no curl, no bzip2, an unversioned SONAME. Built and checked by
# `./build.sh --target=VcpkgNative` (build/vcpkg.cake); docs/packaging.md, "The vcpkg route".
#
# vcpkg's ABI hash covers this folder only, not native/patches: the Cake target builds with binary caching off.

set(cfitsionet_native "${CMAKE_CURRENT_LIST_DIR}/../../..")
include("${cfitsionet_native}/sources.cmake")
if(NOT VERSION STREQUAL CFITSIO_VERSION)
  message(FATAL_ERROR "native/vcpkg/ports/cfitsio/vcpkg.json says ${VERSION}, native/sources.cmake pins ${CFITSIO_VERSION}.")
endif()

# The upstream tarball of Debian's cfitsio source package, from the live archive or the archive of retired releases
# (the same files the Native target fetches).
vcpkg_download_distfile(archive
  URLS "https://deb.debian.org/debian/pool/main/c/cfitsio/${CFITSIO_TARBALL}"
       "https://archive.debian.org/debian/pool/main/c/cfitsio/${CFITSIO_TARBALL}"
  FILENAME "${CFITSIO_TARBALL}"
  SHA512 "${CFITSIO_SHA512}")
file(SHA256 "${archive}" archive_sha256)
if(NOT archive_sha256 STREQUAL CFITSIO_SHA256)
  message(FATAL_ERROR "${archive} has sha256 ${archive_sha256}; native/sources.cmake pins ${CFITSIO_SHA256}.")
endif()

# Every native/patches/NNNN-*.patch, in order: tests/CfitsioNet.Tests/Native/VcpkgPortTests.cs fails when this list
# and that folder differ. vcpkg applies them with git apply and stops the build when one does not apply.
set(patches "${cfitsionet_native}/patches")
vcpkg_extract_source_archive(source_path
  ARCHIVE "${archive}"
  PATCHES
    "${patches}/0001-gzip-truncated-tile.patch"
    "${patches}/0002-hcompress-bounds.patch"
    "${patches}/0003-plio-line-list-bounds.patch"
    "${patches}/0004-rice-input-end.patch"
    "${patches}/0005-heap-gap.patch"
    "${patches}/0006-descriptor-column.patch"
    "${patches}/0007-table-header-status.patch")

vcpkg_cmake_configure(
  SOURCE_PATH "${source_path}"
  OPTIONS
    -DUSE_CURL=OFF
    -DUSE_PTHREADS=ON
    -DUSE_BZIP2=OFF
    -DTESTS=ON
    -DUTILS=OFF
    # An unversioned SONAME (libcfitsio.so) so the file can be shipped and loaded under that one name.
    -DCMAKE_PLATFORM_NO_VERSIONED_SONAME=ON)
vcpkg_cmake_install()

# CFITSIO installs its CMake package into lib/cfitsio-<version>/; vcpkg's place for it is share/cfitsio.
vcpkg_cmake_config_fixup(PACKAGE_NAME cfitsio CONFIG_PATH "lib/cfitsio-${VERSION}")
vcpkg_fixup_pkgconfig()

# CFITSIO's own test program and its expected output, for the NativeTest checks the Cake target runs on this build.
set(test_dir "${CURRENT_PACKAGES_DIR}/tools/${PORT}/test")
file(INSTALL "${CURRENT_BUILDTREES_DIR}/${TARGET_TRIPLET}-rel/TestProg"
     DESTINATION "${test_dir}" FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
file(INSTALL "${source_path}/testprog.tpt" "${source_path}/testprog.out" "${source_path}/testprog.std"
     DESTINATION "${test_dir}")

vcpkg_install_copyright(FILE_LIST "${source_path}/License.txt")
