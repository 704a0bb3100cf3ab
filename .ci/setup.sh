#!/usr/bin/env bash
# setup.sh — the project's two set-up commands (README "Quick start").
#
#   bash .ci/setup.sh kiosk   install what is missing, build, start the kiosk full-screen on the demo content
#   bash .ci/setup.sh test    install what is missing, build, run every test (ASan + UBSan, the thread tests under
#                             ThreadSanitizer, the older-SDL fallback, the arm64 build under qemu-user, then the
#                             normal build)
#   bash .ci/setup.sh arm64   install what is missing (crossbuild-essential-arm64, qemu-user-static, the :arm64 -dev
#                             packages through multiarch), cross-build into build-arm64/ and test it under qemu-user
#                             (.ci/arm64.sh)
#
# Installs only Debian packages, and only those missing (quiet when nothing is to do).  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
kiosk | test | arm64) ;;
*)
    echo "usage: bash .ci/setup.sh kiosk|test|arm64" >&2
    exit 2
    ;;
esac

# Build: compiler, CMake, and the -dev packages the code links (see README "Dependencies").
packages=(build-essential cmake pkg-config
    libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libpng-dev libqrencode-dev libsqlite3-dev libsodium-dev
    libunibreak-dev libcsv-dev libmd4c-dev libyaml-dev libfreetype-dev fonts-noto-cjk unicode-data libbz2-dev
    gettext libzip-dev libxml2-dev libespeak-ng-dev espeak-ng-data libcairo2-dev libfontconfig-dev libcups2-dev)
# Tests: a QR decoder for screenshots, an X server and xdotool for real-window input, minisign for
# signatures made by Debian's own tool, clang-format for the style gate, openpyxl and LibreOffice to make the
# workbooks the .xlsx tests read the way county staff make them (tests/office/make_fixtures.py), sox and
# espeak-ng's command line as real tts_command engines (and sox to measure what the kiosk played), Chromium and
# poppler's pdftotext for the review report in a real browser (opened, every image loaded, printed); python-docx,
# LibreOffice Writer and poppler-utils to make and import the 公文 of tests/import_e2e.sh (tests/import/make_gongwen.py).
if [ "$mode" = test ]; then
    packages+=(zbar-tools xvfb xauth xdotool minisign clang-format python3 locales python3-openpyxl lintian
        libreoffice-calc-nogui sox espeak-ng chromium poppler-utils python3-docx libreoffice-writer-nogui)
    # Printing: a real cupsd with a virtual PDF printer, the page read back (poppler-utils, above).
    packages+=(cups printer-driver-cups-pdf)
fi

# arm64 (issue 13, .ci/arm64.sh): the cross compiler, qemu-user, and the arm64 -dev packages beside the amd64 ones
# (multiarch).  Not libunibreak-dev:arm64: Debian 12's libunibreak is not Multi-Arch (it would remove the amd64 one);
# .ci/arm64.sh unpacks its arm64 .debs instead.  file: to check what the cross build made.
if [ "$mode" = test ] || [ "$mode" = arm64 ]; then
    packages+=(crossbuild-essential-arm64 qemu-user-static file)
    for p in libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libpng-dev libqrencode-dev libsqlite3-dev libsodium-dev \
        libcsv-dev libmd4c-dev libyaml-dev libfreetype-dev libbz2-dev libzip-dev libxml2-dev libespeak-ng-dev \
        libcairo2-dev libfontconfig-dev libcups2-dev; do
        packages+=("$p:arm64")
    done
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo dpkg --add-architecture arm64
    fi
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)

# Tests read zwgk-admin's Chinese messages under a real zh_CN.UTF-8 locale (Debian generates none by default).
if [ "$mode" = test ] && ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
    grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
    $sudo locale-gen >/dev/null
fi

if [ "$mode" = arm64 ]; then
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build build -j"$jobs" --target zwgk-admin zwgk-kiosk
    exec bash .ci/arm64.sh
fi

if [ "$mode" = kiosk ]; then
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build build -j"$jobs"
    exec ./build/zwgk-kiosk --content build/demo.db
fi

# The style gate: every C file as clang-format would write it.
clang-format --dry-run -Werror $(git ls-files '*.c' '*.h' 2>/dev/null || find src include tests -name '*.[ch]')

# The sanitizer build first: every test under AddressSanitizer and UndefinedBehaviorSanitizer.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DZWGK_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$PWD/../tests/lsan.supp":print_suppressions=0 ctest --output-on-failure -j"$jobs")

# ThreadSanitizer: the tests that run a second thread (issue 12 item 2), in a tree that builds only what they need.
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZWGK_TSAN=ON >/dev/null
cmake --build build-tsan -j"$jobs" --target zwgk_thread_tests
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest -L threads --output-on-failure -j"$jobs")

# Then the normal build (warnings are errors); the arm64 build is compared with it (a skip, exit 77, is reported and
# does not fail the run: it means the arm64 packages could not be installed); the normal tests' summary ends the run.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
# The older-SDL path (no SDL_RenderGeometry), forced on this SDL and compared screen for screen with the normal one.
bash .ci/sdl_fallback.sh
rc=0
bash .ci/arm64.sh || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 77 ] || exit "$rc"
[ "$rc" -eq 0 ] || echo "arm64: SKIPPED (see above)" >&2
cd build && ctest --output-on-failure -j"$jobs"
