#!/usr/bin/env bash
# stick_export_e2e.sh — issue 12.6: 导出统计到U盘 works on a stick mounted read-only, as the shipped udev rule mounts
# every stick.  A real read-only tmpfs stands in for the stick under a media folder; the kiosk's admin mode exports
# through the real helper zwgk-stick-export (as the deployed unit zwgk-stick-export@.service runs it): the overlay
# says it is done, the CSV is on the stick, the stick is read-only again and the outbox is empty.  Then with a
# helper that fails: a Chinese message on screen, the stick unchanged, the CSV kept in the outbox for the next time.
# Mounting needs root: skipped (77) elsewhere.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin" kiosk="$ZWGK_BUILD/zwgk-kiosk" helper="$ZWGK_BUILD/zwgk-stick-export"
tmp=$(mktemp -d)
media=/run/media/zwgk-stickexp-$$
stick=$media/sdz1
mounted=0
trap '[ $mounted = 1 ] && umount "$stick"; rm -rf "$tmp"; rmdir "$stick" "$media" 2>/dev/null' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
if ! mkdir -p "$stick" 2>/dev/null || ! mount -t tmpfs -o ro,nosuid,nodev,noexec,size=1m tmpfs "$stick" 2>/dev/null; then
    echo "stick_export_e2e: SKIP: needs root (a read-only tmpfs under /run/media stands in for the stick)"
    exit 77
fi
mounted=1
[ -x "$helper" ] || { echo "stick_export_e2e: FAIL: no $helper" >&2; exit 1; }
if grep -q '^ZWGK_SANITIZE:BOOL=ON' "$ZWGK_BUILD/CMakeCache.txt" 2>/dev/null; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fi
printf 'tmpfs %s tmpfs ro,nosuid,nodev,noexec 0 0\n' "$stick" >"$tmp/mounts"
"$admin" pin --data "$tmp/data" --pin 20241101 >/dev/null 2>&1 || fail "zwgk-admin pin"
rw() { python3 -c "import os,sys; sys.exit(0 if os.statvfs(sys.argv[1]).f_flag & os.ST_RDONLY else 1)" "$stick"; }

# export HELPER NAME: admin mode, 导出统计到U盘, the dump NAME.json after the job ends
export_with() {
    {
        for _ in 1 2 3 4 5; do echo "tap 40 40"; done
        for c in 2 0 2 4 1 1 0 1; do echo "press $c"; done
        echo "press 确认"
        echo "seek 导出统计到U盘"
        echo "await 60000"
        echo "dump $tmp/$2.json"
    } >"$tmp/script"
    # admin mode's texts follow the locale (zwgk/i18n.h): this test reads them in Chinese, whatever the caller's locale
    ZWGK_STICK_HELPER="$1" ZWGK_STICK_MEDIA="$media" ZWGK_MOUNTS="$tmp/mounts" \
        SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
        LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$kiosk" --content "$ZWGK_BUILD/demo.db" --data "$tmp/data" --windowed 1080x1920 --script "$tmp/script" \
        >"$tmp/$2.log" 2>&1 || fail "the kiosk script failed: $(tail -n 5 "$tmp/$2.log")"
}
text() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(''.join(e.get('label') or '' for e in d['elements']))" "$tmp/$1.json" 2>/dev/null; }

# 1. a helper that fails: nothing on the stick, a Chinese message, the CSV waits in the outbox
export_with "false" failed
text failed | grep -q "统计没有导出" && ok || fail "no failure overlay: $(text failed | head -c 300)"
text failed | grep -q "U盘是只读挂载的" && ok || fail "the message does not say why: $(text failed | head -c 300)"
[ -z "$(ls -A "$stick")" ] && ok || fail "something was written on the stick: $(ls -A "$stick")"
ls "$tmp/data/outbox"/kiosk-stats-*.csv >/dev/null 2>&1 && ok || fail "the export is not kept in the outbox"

# 1b. issue 12: a helper that fails as systemctl does, in English — the screen says it in Chinese only, the English
# goes to the log (before: "导出失败：…（退出码非零：Job for … failed because …）" on the kiosk's screen)
cat >"$tmp/systemctl-fails" <<'EOF'
#!/bin/sh
echo "Job for zwgk-stick-export@$1.service failed because the control process exited with error code."
echo "See \"systemctl status zwgk-stick-export@$1.service\" and \"journalctl -xeu zwgk-stick-export@$1.service\" for details."
exit 1
EOF
chmod +x "$tmp/systemctl-fails"
export_with "$tmp/systemctl-fails %s" systemctl
text systemctl | grep -q "统计没有导出" && ok || fail "no failure overlay for systemctl's failure: $(text systemctl | head -c 300)"
text systemctl | grep -q -E "Job|failed|systemctl" && fail "systemctl's English is on the screen: $(text systemctl | head -c 400)" || ok
text systemctl | grep -q "退出码 1" && ok || fail "the message does not give the exit code: $(text systemctl | head -c 300)"
grep -q "Job for zwgk-stick-export@sdz1.service failed" "$tmp/systemctl.log" && ok ||
    fail "systemctl's own words are not in the log: $(grep -i export "$tmp/systemctl.log" | head -3)"

# 2. the real helper: the stick is written, read-only again, the outbox empty (the earlier export went too)
export_with "$helper --media $media --outbox $tmp/data/outbox %s" done
text done | grep -q "统计已导出到U盘" && ok || fail "the export is not done: $(text done | head -c 400)"
n=$(ls "$stick"/kiosk-stats-*.csv 2>/dev/null | wc -l)
[ "$n" -ge 1 ] && ok || fail "no export on the stick: $(ls -A "$stick")"
head -n 1 "$(ls "$stick"/kiosk-stats-*.csv | head -n 1)" | grep -q '^kiosk,exported,kind,key,count,last' && ok ||
    fail "the file on the stick is not the statistics CSV"
rw && ok || fail "the stick was left writable"
[ -z "$(ls -A "$tmp/data/outbox")" ] && ok || fail "the outbox is not empty: $(ls -A "$tmp/data/outbox")"

# 3. the helper refuses what is not a stick's name, and a folder that is not a mount point
"$helper" --media "$media" --outbox "$tmp/data/outbox" '../etc' 2>/dev/null && fail "a path was taken as a stick" || ok
mkdir -p "$tmp/m/notmounted"
# (its messages follow the locale, as the deployed unit sets it: Chinese under zh_CN, English under C)
LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$helper" --media "$tmp/m" --outbox "$tmp/data/outbox" notmounted 2>"$tmp/err" &&
    fail "a plain folder was taken" || ok
grep -q "不是已挂载的U盘" "$tmp/err" && ok || fail "no Chinese message for a plain folder: $(cat "$tmp/err")"
LANG=C LC_ALL= LANGUAGE= "$helper" --media "$tmp/m" --outbox "$tmp/data/outbox" notmounted 2>"$tmp/err"
grep -q "is not a mounted USB stick" "$tmp/err" && ok || fail "no English message under LANG=C: $(cat "$tmp/err")"
grep -q "^Environment=LANG=zh_CN.UTF-8" "$ZWGK_SRC/assets/deploy/zwgk-stick-export@.service" && ok ||
    fail "the helper's unit does not set its locale"
echo "stick_export_e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
