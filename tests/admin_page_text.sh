#!/usr/bin/env bash
# admin_page_text.sh — issue 12 §2 "pages own their text": the admin screen composes its lines in the page's arena
# (page_printf), not in buffers of its own.  Those buffers were 256 bytes a line: a data directory with a long
# Chinese path (a county's own folder names) showed 内容文件 cut in the middle of a character — a box on screen and
# a path that is not the file.  Here the content file's path is over 300 bytes: the admin screen must show it whole, and every label in
# the dump must be valid text (the dump writes U+FFFD for bytes that are not UTF-8).
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin" kiosk="$ZWGK_BUILD/zwgk-kiosk"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

deep="$tmp"
for _ in 1 2 3 4 5 6 7; do deep="$deep/信丰县政务公开专区一体机数据"; done
data="$deep/data"
mkdir -p "$deep" || { echo "admin_page_text: FAIL: cannot make $deep" >&2; exit 1; }
cp "$ZWGK_BUILD/demo.db" "$tmp/p.db"
"$admin" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null 2>&1 && "$admin" sign "$tmp/p.db" --key "$tmp/k.key" >/dev/null 2>&1 &&
    "$admin" install "$tmp/p.db" --data "$data" --trust "$tmp/k.pub" >/dev/null 2>&1 || fail "install into $data"
"$admin" pin --data "$data" --pin 20241101 >/dev/null 2>&1 || fail "zwgk-admin pin"
current=$(ls "$data"/content/content-*.db 2>/dev/null | head -n 1)
bytes=$(printf %s "$current" | wc -c)
[ "$bytes" -gt 300 ] && ok || fail "the content path is only $bytes bytes"

{
    for _ in 1 2 3 4 5; do echo "tap 40 40"; done
    for c in 2 0 2 4 1 1 0 1; do echo "press $c"; done
    echo "press 确认"
    echo "dump $tmp/admin.json"
} >"$tmp/script"
# admin mode's texts follow the locale (zwgk/i18n.h): this test reads them in Chinese, whatever the caller's locale
SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
    LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$kiosk" --content "$ZWGK_BUILD/demo.db" --data "$data" --windowed 1080x1920 --script "$tmp/script" \
    >"$tmp/kiosk.log" 2>&1 || fail "the kiosk script failed: $(tail -n 5 "$tmp/kiosk.log")"
python3 - "$tmp/admin.json" "$current" <<'EOF' && ok || fail "the admin screen's text (above)"
import json, sys
d = json.load(open(sys.argv[1]))
want = sys.argv[2]
if d.get("screen") != "admin":
    print("not in admin mode: screen", d.get("screen"), file=sys.stderr) or sys.exit(1)
labels = [e.get("label") or "" for e in d["elements"]]
text = "".join(labels)
bad = [l for l in labels if "\ufffd" in l]
if bad:
    print("labels that are not valid UTF-8:", bad[:3], file=sys.stderr) or sys.exit(1)
if want not in text.replace("\n", ""):
    got = [l for l in labels if "信丰县政务公开专区一体机数据" in l]
    print("内容文件 is not shown whole:", len(want.encode()), "bytes wanted; shown:", got[:2], file=sys.stderr) or sys.exit(1)
EOF
echo "admin_page_text: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
