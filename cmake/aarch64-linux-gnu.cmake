# aarch64-linux-gnu.cmake — cross-compiling for arm64 (飞腾, 鲲鹏) on amd64 Debian 12 (issue 13).
#
# The compiler is Debian's crossbuild-essential-arm64; the libraries are the :arm64 -dev packages installed beside the
# amd64 ones through multiarch (dpkg --add-architecture arm64), so they live in /usr/lib/aarch64-linux-gnu of this
# very system.  One cannot: Debian 12's libunibreak is not Multi-Arch (it installs /usr/lib/libunibreak.so.1, the
# same path for every architecture), so installing libunibreak-dev:arm64 would remove the amd64 one.  Its arm64 .debs
# are unpacked instead (dpkg-deb -x) into ZWGK_ARM64_ROOT, which `bash .ci/setup.sh arm64` and tests/arm64_cross.sh
# prepare.  Programs built here run under qemu-user (qemu-user-static): CMAKE_CROSSCOMPILING_EMULATOR is what ctest
# and the build's own generator steps (the pinyin table, the demo content) put in front of them.
#
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DZWGK_ARM64_ROOT=$PWD/build-arm64/root
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(ZWGK_ARM64_ROOT "" CACHE PATH "unpacked arm64 packages that cannot be installed beside the amd64 ones (libunibreak)")
# (try_compile reads this file again in a project of its own: the root is passed on, or the environment set below
# would lose it.)
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ZWGK_ARM64_ROOT)
set(CMAKE_FIND_ROOT_PATH / ${ZWGK_ARM64_ROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config reads the arm64 .pc files only (never the amd64 ones in /usr/lib/x86_64-linux-gnu/pkgconfig).
set(_zwgk_pc /usr/lib/aarch64-linux-gnu/pkgconfig /usr/share/pkgconfig)
if(ZWGK_ARM64_ROOT)
  list(PREPEND _zwgk_pc ${ZWGK_ARM64_ROOT}/usr/lib/pkgconfig)
endif()
string(REPLACE ";" ":" _zwgk_pc "${_zwgk_pc}")
set(ENV{PKG_CONFIG_LIBDIR} "${_zwgk_pc}")
set(ENV{PKG_CONFIG_PATH} "")

find_program(ZWGK_QEMU_AARCH64 qemu-aarch64-static)
if(ZWGK_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${ZWGK_QEMU_AARCH64})
endif()
