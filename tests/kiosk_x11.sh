#!/usr/bin/env bash
# The live kiosk in a real X window (Xvfb), driven by xdotool clicks like a finger: no script, real clock, the
# --ui-dump file followed as it changes.  Proves the window-system input path, which --script bypasses.
set -euo pipefail
: "${ZWGK_BUILD:?}"
for tool in Xvfb xdotool python3; do
    command -v "$tool" >/dev/null || { echo "kiosk_x11: $tool is missing (bash .ci/setup.sh test installs it)"; exit 1; }
done
tmp=$(mktemp -d)
kiosk_pid=""
xvfb_pid=""
cleanup() {
    [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 1080x1920x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$tmp/display")"
export SDL_VIDEODRIVER=x11 SDL_FRAMEBUFFER_ACCELERATION=0 SDL_RENDER_DRIVER=software

dump="$tmp/ui.json"
"$ZWGK_BUILD/zwgk-kiosk" --content "$ZWGK_BUILD/demo.db" --windowed 1080x1920 --ui-dump "$dump" \
    >"$tmp/kiosk.log" 2>&1 &
kiosk_pid=$!

# screen NAME: waits (≤ 10 s) until the dump shows screen NAME.
wait_screen() {
    for _ in $(seq 100); do
        [ -f "$dump" ] && python3 - "$dump" "$1" <<'PY' && return 0
import os, sys
sys.path.insert(0, os.path.join(os.environ["ZWGK_SRC"], "tests"))
import uidump
d = uidump.load(sys.argv[1])
sys.exit(0 if d["screen"] == sys.argv[2] else 1)
PY
        sleep 0.1
    done
    echo "kiosk_x11: screen '$1' never appeared"; cat "$tmp/kiosk.log"; return 1
}
# centre LABEL: prints "X Y" of the element labelled LABEL.
centre() {
    python3 - "$dump" "$1" <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ["ZWGK_SRC"], "tests"))
import uidump
d = uidump.load(sys.argv[1])
e = next(e for e in d["elements"] if e["label"] == sys.argv[2] and e.get("tappable"))
print(e["x"] + e["w"] // 2, e["y"] + e["h"] // 2)
PY
}
click() {
    local win
    win=$(xdotool search --sync --onlyvisible --pid "$kiosk_pid" | head -n 1)
    read -r x y < <(centre "$1")
    xdotool mousemove --window "$win" "$x" "$y" click 1
}

passed=0
wait_screen home && passed=$((passed + 1))
click 政务公开目录
wait_screen areas && passed=$((passed + 1))
click "‹ 返回"
wait_screen home && passed=$((passed + 1))
click 办事指南
wait_screen list && passed=$((passed + 1))
# Escape closes a developer's window (never the full-screen kiosk).  Sent through XTEST like a real keyboard: with
# no window manager the focus follows the pointer, which the last click left on the kiosk.
xdotool key Escape
for _ in $(seq 50); do kill -0 "$kiosk_pid" 2>/dev/null || break; sleep 0.1; done
if ! kill -0 "$kiosk_pid" 2>/dev/null && wait "$kiosk_pid"; then passed=$((passed + 1)); else cat "$tmp/kiosk.log"; fi
kiosk_pid=""
echo "kiosk_x11: $passed passed, $((5 - passed)) failed"
[ "$passed" -eq 5 ]
