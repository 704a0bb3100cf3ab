#!/usr/bin/env bash
# sdl_fallback.sh — the older-SDL path, built and checked here on Debian 12's SDL 2.26 (issue 13 §2).
#
#   bash .ci/sdl_fallback.sh        (after the normal build in build/; .ci/setup.sh test runs it)
#
# 1. Builds the kiosk into build-fallback/ with -DZWGK_FORCE_SDL_FALLBACK=ON: text drawn quad by quad with
#    SDL_RenderCopy instead of SDL_RenderGeometry (SDL 2.0.18), no SDL_SetTextureScaleMode (2.0.12).
# 2. Reads, from the binaries themselves (nm -D), every SDL2 and SDL2_ttf function they import and the version each
#    first appeared in (the "\since" line of Debian's SDL headers): the fallback kiosk must need no SDL2 newer than
#    2.0.10 and the normal one exactly 2.0.18 — the floors configure checks and the README states; SDL2_ttf 2.0.18
#    in both.  (Constants are not in a binary: the newest the code names is SDL_HINT_TOUCH_MOUSE_EVENTS, 2.0.10.)
# 3. Runs the same script on both kiosks (an item with its QR code on two pages, a document page at two sizes; not
#    home, whose clock is the wall time) and compares the screenshots byte for byte and the UI dumps: the fallback must draw exactly what the normal path draws.
# Exit 0: passed; 1: a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
src=$PWD host=$PWD/build out=$PWD/build-fallback
jobs=$(nproc 2>/dev/null || echo 2)
failed=0
fail() { failed=$((failed + 1)); echo "sdl_fallback: FAIL: $*" >&2; }
[ -x "$host/zwgk-kiosk" ] && [ -s "$host/demo.db" ] || { echo "sdl_fallback: build/ first" >&2; exit 1; }

mkdir -p "$out"
cmake -S "$src" -B "$out" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZWGK_FORCE_SDL_FALLBACK=ON >"$out/zwgk-configure.log" 2>&1 ||
    { cat "$out/zwgk-configure.log" >&2; exit 1; }
grep -q 'text is drawn without SDL_RenderGeometry' "$out/zwgk-configure.log" || fail "configure did not select the fallback"
nice cmake --build "$out" -j"$jobs" --target zwgk-kiosk >"$out/zwgk-build.log" 2>&1 ||
    { grep -E -m 20 'error|Error' "$out/zwgk-build.log" >&2; exit 1; }

# The newest SDL2 and SDL2_ttf function each kiosk imports, by the headers' \since lines.
newest() {
    python3 - "$1" "$2" <<'EOF'
import glob, re, subprocess, sys
binary, lib = sys.argv[1], sys.argv[2]
since = {}
for h in glob.glob("/usr/include/SDL2/*.h"):
    text = open(h, encoding="utf-8", errors="replace").read()
    for m in re.finditer(r"/\*\*((?:(?!\*/).)*)\*/\s*extern\s+DECLSPEC[^;]*?\b((?:SDL|TTF)_\w+)\s*\(", text, re.S):
        s = re.search(r"\\since This function is available since (SDL(?:_ttf)?) (\d+(?:\.\d+)*)", m.group(1))
        if s:
            since[m.group(2)] = (s.group(1), tuple(int(x) for x in s.group(2).split(".")))
nm = subprocess.run(["nm", "-D", "--undefined-only", binary], capture_output=True, text=True, check=True).stdout
used = {l.split()[-1].split("@")[0] for l in nm.splitlines() if l.split()}
prefix = "TTF_" if lib == "SDL_ttf" else "SDL_"
mine = [(since[s][1], s) for s in used if s.startswith(prefix) and s in since and since[s][0] == lib]
unknown = [s for s in used if s.startswith(prefix) and s not in since]
if unknown:
    sys.exit(f"no \\since line for {' '.join(sorted(unknown))}")
v, s = max(mine)
print(".".join(map(str, v)), s)
EOF
}
expect() { # BINARY LIB VERSION
    local got
    got=$(newest "$1" "$2") || { fail "$1: $got"; return; }
    [ "${got%% *}" = "$3" ] || fail "$(basename "$(dirname "$1")")/zwgk-kiosk needs $2 ${got% *} (${got#* }), not $3"
    echo "sdl_fallback: $(basename "$(dirname "$1")")/zwgk-kiosk: newest $2 call ${got#* } ($2 ${got%% *})"
}
expect "$out/zwgk-kiosk" SDL 2.0.7 # audio streams; the constants need 2.0.10 (above)
expect "$out/zwgk-kiosk" SDL_ttf 2.0.18
expect "$host/zwgk-kiosk" SDL 2.0.18
expect "$host/zwgk-kiosk" SDL_ttf 2.0.18
nm -D --undefined-only "$out/zwgk-kiosk" | grep -qE 'SDL_RenderGeometry|SDL_SetTextureScaleMode' &&
    fail "the fallback kiosk still calls SDL_RenderGeometry or SDL_SetTextureScaleMode"

# The same screens, pixel for pixel.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for b in build build-fallback; do
    mkdir -p "$tmp/$b"
    cat >"$tmp/$b.txt" <<EOF
press 政务公开目录
seek 社会救助
press 政策文件
shot $tmp/$b/item.png
dump $tmp/$b/item.json
seek 下一页
shot $tmp/$b/item2.png
press ‹ 返回
press 政策文件
press 信丰县最低生活保障审核确认实施细则（演示）
seek 下一页
shot $tmp/$b/doc.png
dump $tmp/$b/doc.json
press 字号＋
shot $tmp/$b/doc-big.png
quit
EOF
    SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy SDL_FRAMEBUFFER_ACCELERATION=0 \
        "$src/$b/zwgk-kiosk" --content "$host/demo.db" --windowed 1080x1920 --script "$tmp/$b.txt" ||
        fail "$b/zwgk-kiosk on the script"
done
for f in item.png item2.png doc.png doc-big.png item.json doc.json; do
    [ -s "$tmp/build/$f" ] || { fail "no $f"; continue; }
    cmp -s "$tmp/build/$f" "$tmp/build-fallback/$f" || fail "$f: the fallback draws another picture than SDL_RenderGeometry"
done
[ "$failed" -eq 0 ] && echo "sdl_fallback: passed" || { echo "sdl_fallback: $failed failed" >&2; exit 1; }
