#!/usr/bin/env bash
# local_readonly_e2e.sh — issue 12.5: a read-only data folder (a failing SD card remounted read-only, a wrong owner)
# must show the installed content read-only, say so in admin mode, and refuse installs with a clear Chinese reason.
#
# The data folder is made really read-only with a read-only bind mount (root only): where mount is not permitted the
# test is skipped (exit 77) — local_state_e2e.sh and test_package's read-only open cover the logic there.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin" kiosk="$ZWGK_BUILD/zwgk-kiosk"
tmp=$(mktemp -d)
ro=""
trap '[ -n "$ro" ] && umount "$ro" 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

V2=2024120101 V3=2024130101
"$admin" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null || fail keygen
for v in $V2 $V3; do
    rm -rf "$tmp/src" && cp -r "$ZWGK_SRC/assets/demo" "$tmp/src"
    sed -i "s/^content_version: .*/content_version: $v/" "$tmp/src/meta.yaml"
    "$admin" build "$tmp/src" -o "$tmp/p$v.db" >/dev/null 2>&1 && "$admin" sign "$tmp/p$v.db" --key "$tmp/k.key" >/dev/null ||
        fail "build/sign $v"
done
"$admin" install "$tmp/p$V2.db" --data "$tmp/data" --trust "$tmp/k.pub" >/dev/null 2>&1 || fail "install $V2"

mkdir -p "$tmp/ro"
if ! mount --bind "$tmp/data" "$tmp/ro" 2>/dev/null; then
    echo "local_readonly_e2e: SKIP: mount --bind is not permitted here (not root, or no CAP_SYS_ADMIN)"
    exit 77
fi
ro="$tmp/ro"
if ! mount -o remount,bind,ro "$ro" 2>/dev/null; then
    echo "local_readonly_e2e: SKIP: a read-only remount is not permitted here"
    exit 77
fi
touch "$ro/probe" 2>/dev/null && fail "the bind mount is not read-only"

printf 'dump %s\n' "$tmp/home.json" >"$tmp/script"
for _ in 1 2 3 4 5; do echo "tap 40 40" >>"$tmp/script"; done
printf 'dump %s\n' "$tmp/pin.json" >>"$tmp/script"
# admin mode's texts follow the locale (zwgk/i18n.h): this test reads them in Chinese, whatever the caller's locale
SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
    LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$kiosk" --content "$ZWGK_BUILD/demo.db" --data "$ro" --windowed 1080x1920 --script "$tmp/script" \
    >"$tmp/kiosk.log" 2>&1 || fail "the kiosk failed on a read-only data folder: $(tail -n 3 "$tmp/kiosk.log")"
v=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('content_version',''))" "$tmp/home.json" 2>/dev/null)
[ "$v" = $V2 ] && ok || fail "read-only data folder: the kiosk shows version '$v', not the installed $V2"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if '只能读取' in ''.join(e.get('label') or '' for e in d['elements']) else 1)" \
    "$tmp/pin.json" && ok || fail "admin mode does not say the data folder is read-only"

# (the refusal's sentence is the catalog's Chinese: the test asks for it, whatever the caller's locale)
if LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$admin" install "$tmp/p$V3.db" --data "$ro" --trust "$tmp/k.pub" >"$tmp/in.txt" 2>&1; then
    fail "an install into a read-only data folder said yes"
else
    grep -q "只能读取" "$tmp/in.txt" && ok || fail "no clear reason for the read-only refusal: $(cat "$tmp/in.txt")"
fi
if "$admin" status --data "$ro" >"$tmp/st.txt" 2>&1; then fail "status exits 0 on a read-only data folder"; else ok; fi
grep -q "READ-ONLY" "$tmp/st.txt" && grep -q "current version:  $V2" "$tmp/st.txt" && ok || fail "status: $(cat "$tmp/st.txt")"
echo "local_readonly_e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
