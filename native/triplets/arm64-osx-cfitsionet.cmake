# vcpkg overlay triplet for CfitsioNet.Native's osx-arm64 asset (vcpkg install --overlay-triplets=native/triplets
# --triplet=arm64-osx-cfitsionet): every port static, except cfitsio, a shared library that takes zlib inside it.
# macOS 11 is the oldest arm64 macOS, and the deployment target of native/CMakeLists.txt too. Release only.
set(VCPKG_TARGET_ARCHITECTURE arm64)
set(VCPKG_CRT_LINKAGE dynamic)
set(VCPKG_LIBRARY_LINKAGE static)
set(VCPKG_CMAKE_SYSTEM_NAME Darwin)
set(VCPKG_OSX_ARCHITECTURES arm64)
set(VCPKG_OSX_DEPLOYMENT_TARGET 11.0)
set(VCPKG_BUILD_TYPE release)

if(PORT STREQUAL "cfitsio")
  set(VCPKG_LIBRARY_LINKAGE dynamic)
endif()
