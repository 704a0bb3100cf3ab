#!/usr/bin/env bash
# frame_alloc.sh — allocations per frame after warm-up (STYLE.md: "the frame loop does no allocation after
# warm-up"), measured on the real kiosk with the LD_PRELOAD shim tests/alloc_count.c.
#
# The kiosk opens the longest demo document and scrolls it by drags: four drags (down 1200 px, up, down, up) warm
# the glyph atlas and the draw queue, then the same four drags again are measured: 4 × 52 = 208 frames, the last
# frames the run presents.  Each allocation is charged to its first caller outside libc: our code (the kiosk
# executable, with zwgk_core and zwgk_ui linked in) must make none; what SDL's software renderer does inside
# SDL_RenderGeometry is reported beside it, with its frees, and must not accumulate (as many frees as allocations).
# Skipped (CTest's skip code 77, never a pass) in the sanitizer build, whose allocator cannot be interposed.
set -euo pipefail
B=${ZWGK_BUILD:?} S=${ZWGK_SRC:?}
if grep -q '^ZWGK_SANITIZE:BOOL=ON' "$B/CMakeCache.txt" 2>/dev/null; then
    echo "frame_alloc: SKIP: the sanitizer build's ASan owns malloc; the normal build runs this test"
    exit 77
fi
SHIM=$B/tests/liballoc_count.so
[ -f "$SHIM" ] || { echo "frame_alloc: FAIL: no $SHIM" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
{
    echo "press 政策文件"
    echo "press 信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知"
    echo "dump $W/doc.json"
    for _ in 1 2 3 4; do # 2 × (down, up) warm-up, then 2 × (down, up) measured
        echo "drag 540 1600 540 400 800"
        echo "drag 540 400 540 1600 800"
    done
    echo "dump $W/end.json"
} >"$W/script"
ZWGK_ALLOC_LOG="$W/log" LD_PRELOAD="$SHIM" "$B/zwgk-kiosk" --content "$B/demo.db" --windowed 1080x1920 \
    --script "$W/script" >"$W/out" 2>&1 || { echo "frame_alloc: FAIL: kiosk: $(cat "$W/out")" >&2; exit 1; }
python3 - "$W" <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ["ZWGK_SRC"], "tests"))
import uidump
w = sys.argv[1]
doc, end = uidump.load(f"{w}/doc.json"), uidump.load(f"{w}/end.json")
if doc["screen"] != "reader" or doc["scroll"]["max"] < 2000:
    sys.exit(f"frame_alloc: FAIL: not on a long document: {doc['screen']} {doc.get('scroll')}")
if end["scroll"]["pos"] != doc["scroll"]["pos"]:
    sys.exit(f"frame_alloc: FAIL: the drags did not come back to the start: {end['scroll']}")
frames, total = [], None
for line in open(f"{w}/log"):
    f = line.split()
    if f[0] == "frame":
        frames.append({f[i]: int(f[i + 1]) for i in range(2, len(f), 2)})
    elif f[0] == "total":
        total = {f[i]: int(f[i + 1]) for i in range(1, len(f), 2)}
measured = frames[-208:]
warm = frames[-416:-208]
s = lambda rows, k: sum(r[k] for r in rows)
n = len(measured)
print(f"frame_alloc: {len(frames)} frames presented; the last {n} (scrolling an already laid-out document) measured")
print(f"frame_alloc: per measured frame: ours {s(measured, 'ours') / n:g}, SDL {s(measured, 'sdl') / n:g}, "
      f"fonts {s(measured, 'font') / n:g}, SQLite {s(measured, 'sqlite') / n:g}, other {s(measured, 'other') / n:g}; "
      f"frees {s(measured, 'frees') / n:g} (allocations in total: {s(measured, 'allocs')} in {n} frames)")
print(f"frame_alloc: warm-up ({len(warm)} frames before): ours {s(warm, 'ours')}, SDL {s(warm, 'sdl')}, "
      f"fonts {s(warm, 'font')}; whole run: {total}")
bad = [i for i, r in enumerate(measured) if r["ours"]]
if bad:
    sys.exit(f"frame_alloc: FAIL: our code allocated in {len(bad)} steady frames (first: measured frame {bad[0]}: "
             f"{measured[bad[0]]}); rerun with ZWGK_ALLOC_TRACE=<frame> to see the stacks")
if s(measured, "allocs") > s(measured, "frees"):
    sys.exit("frame_alloc: FAIL: steady frames allocate more than they free: memory grows while scrolling")
print("frame_alloc: 1 passed, 0 failed")
PY
