#!/usr/bin/env bash
# The dependency floor is checked at configure time (issue 13 §2): CMake, given the SDL2, SDL2_ttf and SQLite of the
# 信创 systems (UOS 20 is Debian 10, 麒麟 V10 is Ubuntu 20.04), where they are below the floor stops at once and says which library, which version
# it found, the oldest one the code works with and why.  The old versions are pkg-config files that shadow the real
# ones (PKG_CONFIG_PATH is searched first): only the version changes, so nothing else can be what fails.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# old MODULE VERSION: a copy of the real MODULE.pc claiming VERSION.
old() {
    local real
    real=$(pkg-config --variable=pcfiledir "$1")/$1.pc
    mkdir -p "$tmp/pc-$1"
    sed "s/^Version:.*/Version: $2/" "$real" >"$tmp/pc-$1/$1.pc"
}
# expect MODULE VERSION MIN WHY: configuring with MODULE at VERSION fails naming it, MIN and WHY.
expect() {
    old "$1" "$2"
    PKG_CONFIG_PATH="$tmp/pc-$1" cmake -S "$ZWGK_SRC" -B "$tmp/b-$1" >"$tmp/$1.log" 2>&1
    local rc=$?
    # (CMake wraps its messages: read the log as one line.)
    if [ $rc -ne 0 ] && tr -s ' \n' '  ' <"$tmp/$1.log" | grep -q "$1 $2 is older than $3, the oldest this code works with: $4"; then
        ok
    else
        fail "$1 $2: configure exit $rc, not the floor message: $(grep -m 3 -A 2 'Error' "$tmp/$1.log")"
    fi
    rm -rf "$tmp/b-$1"
}
expect sdl2 2.0.9 2.0.10 "SDL_HINT_TOUCH_MOUSE_EVENTS"  # UOS 20 (Debian 10)
expect SDL2_ttf 2.0.15 2.0.18 "TTF_SetFontSize"         # UOS 20 and 麒麟 V10
expect sqlite3 3.27.2 3.31.0 "SQLITE_OPEN_NOFOLLOW"     # UOS 20 (Debian 10)
# At the floor itself configure goes on (the check is >=, not >): SDL2 2.0.10 (麒麟 V10, Ubuntu 20.04) with the
# fallback that draws text without SDL_RenderGeometry, 2.0.18 without it.
at() { # VERSION: configures with sdl2 at VERSION; the log in $tmp/at.log
    old sdl2 "$1"
    PKG_CONFIG_PATH="$tmp/pc-sdl2" cmake -S "$ZWGK_SRC" -B "$tmp/b-at" >"$tmp/at.log" 2>&1
    local rc=$?
    rm -rf "$tmp/b-at"
    return $rc
}
fallback='text is drawn without SDL_RenderGeometry'
if at 2.0.10 && grep -q "SDL2 2.0.10: $fallback" "$tmp/at.log"; then ok; else
    fail "sdl2 2.0.10: not configured with the fallback: $(grep -m 3 -A 2 -E 'Error|older' "$tmp/at.log")"
fi
if at 2.0.18 && ! grep -q "$fallback" "$tmp/at.log"; then ok; else
    fail "sdl2 2.0.18: refused or configured with the fallback: $(grep -m 3 -E 'Error|older|fallback' "$tmp/at.log")"
fi

echo "dependency_floor: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
