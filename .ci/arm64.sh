#!/usr/bin/env bash
# arm64.sh — the arm64 build (飞腾, 鲲鹏), made and tested on an amd64 Debian 12 under qemu-user (issue 13).
#
#   bash .ci/arm64.sh            (bash .ci/setup.sh arm64 installs what it needs first, then runs this)
#
# 1. Cross-builds the whole tree into build-arm64/ with cmake/aarch64-linux-gnu.cmake (crossbuild-essential-arm64 and
#    the :arm64 -dev packages through multiarch; libunibreak's arm64 .debs unpacked into build-arm64/root, because
#    Debian 12's libunibreak is not Multi-Arch and cannot be installed beside the amd64 one).
# 2. Runs the unit tests of the SDL-free core (test_* without ui/render) there under qemu-aarch64-static, and the
#    admin CLI test when the kernel runs arm64 binaries by itself (binfmt_misc; its script calls zwgk-admin directly).
#    Then walks the arm64 kiosk (SDL offscreen, software renderer) through home, an area, an item and a document's
#    pages under qemu-user and compares every UI dump with the amd64 kiosk's on the same script (tests/arm64_walk.py).
# 3. Proves the content and its signature are architecture-free: the demo built by the arm64 zwgk-admin is
#    byte-identical to the one build/zwgk-admin (amd64) writes; each side's `info` reads the other's database to the
#    same text; a package signed on one side verifies on the other.
# 4. Makes the arm64 .deb (cpack) and checks its Architecture and Depends with dpkg-deb.
# Exit 0: all passed; 1: a failure; 77: the cross toolchain, qemu or an arm64 library is missing (a skip, never a
# pass: .ci/setup.sh test reports it as SKIPPED).  Wall times of each step are printed (BENCHMARKS.md).
set -uo pipefail
cd "$(dirname "$0")/.."
src=$PWD out=$PWD/build-arm64 host=$PWD/build
jobs=$(nproc 2>/dev/null || echo 2)
skip() { echo "arm64: SKIPPED: $*" >&2; exit 77; }
failed=0
fail() { failed=$((failed + 1)); echo "arm64: FAIL: $*" >&2; }
step() { printf 'arm64: %-34s %4ds\n' "$1" $(($(date +%s) - t0)); t0=$(date +%s); }

command -v aarch64-linux-gnu-gcc >/dev/null || skip "no aarch64-linux-gnu-gcc (apt-get install crossbuild-essential-arm64)"
command -v qemu-aarch64-static >/dev/null || skip "no qemu-aarch64-static (apt-get install qemu-user-static)"
for pc in sdl2 SDL2_ttf SDL2_image sqlite3 libsodium espeak-ng libxml-2.0 libzip cairo; do
    PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig pkg-config --exists "$pc" ||
        skip "no arm64 $pc (bash .ci/setup.sh arm64 installs the :arm64 -dev packages)"
done
[ -x "$host/zwgk-admin" ] && [ -x "$host/zwgk-kiosk" ] ||
    skip "no amd64 build to compare with (build/zwgk-admin, build/zwgk-kiosk): build it first"

# libunibreak for arm64, unpacked (apt-get download fetches the .debs of the system's own sources).
t0=$(date +%s)
root=$out/root
if [ ! -e "$root/usr/lib/libunibreak.so" ]; then
    mkdir -p "$out/debs" "$root"
    (cd "$out/debs" && apt-get download libunibreak1:arm64 libunibreak-dev:arm64 >/dev/null 2>&1) ||
        skip "cannot download libunibreak1:arm64 and libunibreak-dev:arm64 (apt-get update?)"
    for d in "$out"/debs/libunibreak*_arm64.deb; do dpkg-deb -x "$d" "$root"; done
    sed -i "s#^prefix=.*#prefix=$root/usr#" "$root/usr/lib/pkgconfig/libunibreak.pc"
fi

mkdir -p "$out"
cmake -S "$src" -B "$out" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_TOOLCHAIN_FILE="$src/cmake/aarch64-linux-gnu.cmake" \
    -DZWGK_ARM64_ROOT="$root" >"$out/zwgk-configure.log" 2>&1 || { cat "$out/zwgk-configure.log" >&2; exit 1; }
step configure
nice cmake --build "$out" -j"$jobs" >"$out/zwgk-build.log" 2>&1 || { grep -E -m 20 'error|Error' "$out/zwgk-build.log" >&2; exit 1; }
step "build (everything)"
file -b "$out/zwgk-kiosk" | grep -q 'ARM aarch64' || fail "build-arm64/zwgk-kiosk is not an arm64 binary"

# The unit tests of the core under qemu-user (ctest puts the toolchain's emulator in front of each test program).
tests='^test_(author|catalog|content|doc|local|office|package|pin|search|speech|text|text_setting)$'
if grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
    tests="$tests|^admin_cli\$"
else
    echo "arm64: the kernel has no binfmt entry for arm64: the admin CLI test (a script) is left out" >&2
fi
(cd "$out" && ctest -R "$tests" --output-on-failure -j"$jobs") || fail "tests under qemu-user"
step "tests under qemu-aarch64"

# The kiosk itself under qemu-user: one citizen's walk (home → an area → an item → a document paged to its end → a
# size step → 返回 → 首页) at two screen sizes, every --ui-dump identical to the amd64 kiosk's on the same script.
# The full end-to-end set on arm64: ZWGK_BUILD=$PWD/build-arm64 ZWGK_SRC=$PWD python3 tests/kiosk_e2e.py
python3 "$src/tests/arm64_walk.py" "$host/zwgk-kiosk" "$out/zwgk-kiosk" "$out/demo.db" || fail "the kiosk's screens on arm64"
step "kiosk walk, arm64 against amd64"

# The content and the signature are architecture-free.
q=qemu-aarch64-static tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$host/zwgk-admin" build "$src/assets/demo" -o "$tmp/amd64.db" >/dev/null 2>&1 || fail "amd64 build of the demo"
$q "$out/zwgk-admin" build "$src/assets/demo" -o "$tmp/arm64.db" >/dev/null 2>&1 || fail "arm64 build of the demo"
cmp "$tmp/amd64.db" "$tmp/arm64.db" || fail "the demo built on arm64 differs from the one built on amd64"
$q "$out/zwgk-admin" info "$tmp/amd64.db" >"$tmp/info-arm64.txt" 2>&1 || fail "arm64 info of the amd64 database"
"$host/zwgk-admin" info "$tmp/arm64.db" >"$tmp/info-amd64.txt" 2>&1 || fail "amd64 info of the arm64 database"
cmp -s "$tmp/info-arm64.txt" "$tmp/info-amd64.txt" && [ -s "$tmp/info-amd64.txt" ] ||
    fail "arm64 and amd64 read the databases differently"
"$host/zwgk-admin" keygen -p "$tmp/a.pub" -s "$tmp/a.key" >/dev/null && $q "$out/zwgk-admin" keygen -p "$tmp/b.pub" -s "$tmp/b.key" >/dev/null ||
    fail keygen
"$host/zwgk-admin" sign "$tmp/amd64.db" --key "$tmp/a.key" >/dev/null || fail "amd64 sign"
$q "$out/zwgk-admin" sign "$tmp/arm64.db" --key "$tmp/b.key" >/dev/null || fail "arm64 sign"
$q "$out/zwgk-admin" verify "$tmp/amd64.db" --trust "$tmp/a.pub" >/dev/null 2>&1 || fail "arm64 refuses the amd64 signature"
"$host/zwgk-admin" verify "$tmp/arm64.db" --trust "$tmp/b.pub" >/dev/null 2>&1 || fail "amd64 refuses the arm64 signature"
$q "$out/zwgk-admin" verify "$tmp/amd64.db" --trust "$tmp/b.pub" >/dev/null 2>&1 && fail "arm64 accepts a signature by another key"
step "content and signatures across"

# The arm64 .deb.
(cd "$tmp" && cpack -G DEB --config "$out/CPackConfig.cmake" -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) ||
    fail "cpack: $(tail -5 "$tmp/cpack.log")"
deb=$(ls "$tmp"/deb/*.deb 2>/dev/null | head -1)
if [ -n "$deb" ]; then
    dpkg-deb -f "$deb" Architecture | grep -qx arm64 || fail "the .deb's Architecture is $(dpkg-deb -f "$deb" Architecture)"
    deps=$(dpkg-deb -f "$deb" Depends)
    for d in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsqlite3-0 libsodium23 libunibreak1 libc6; do
        grep -q "$d" <<<"$deps" || fail "the arm64 .deb does not depend on $d: $deps"
    done
    mkdir -p "$out/deb" && cp "$deb" "$out/deb/"
    echo "arm64: $(basename "$deb"): Depends: $deps"
fi
step ".deb"
[ "$failed" -eq 0 ] && echo "arm64: passed" || { echo "arm64: $failed failed" >&2; exit 1; }
