# vcpkg overlay triplet for CfitsioNet.Native's linux-x64 asset (vcpkg install --overlay-triplets=native/triplets
# --triplet=x64-linux-cfitsionet): every port static and position independent, except cfitsio, a shared library
# that takes zlib inside it with zlib's symbols kept private. Release only.
set(VCPKG_TARGET_ARCHITECTURE x64)
set(VCPKG_CRT_LINKAGE dynamic)
set(VCPKG_LIBRARY_LINKAGE static)
set(VCPKG_CMAKE_SYSTEM_NAME Linux)
set(VCPKG_BUILD_TYPE release)

if(PORT STREQUAL "cfitsio")
  set(VCPKG_LIBRARY_LINKAGE dynamic)
  set(VCPKG_LINKER_FLAGS "-Wl,--exclude-libs,ALL")
endif()
