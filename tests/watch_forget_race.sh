#!/usr/bin/env bash
# Issue 12 item 2, the watcher data race: admin mode's 从U盘安装更新包 made the UI thread free the watcher's lists
# (package_watch_forget) while the update worker was walking and replacing them.  This drives exactly that: a watched
# folder full of package pairs keeps the worker listing and checking, and the admin presses the button again and again.
# In the normal and ASan builds it checks that the kiosk survives and still answers; its real proof is the
# ThreadSanitizer run (.ci/setup.sh test: ctest -L threads in build-tsan), where any race report fails it.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin" kiosk="$ZWGK_BUILD/zwgk-kiosk"
tmp=$(mktemp -d)
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

"$admin" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null || fail keygen
mkdir -p "$tmp/inbox" "$tmp/data"
# A stick, which the worker lists again every 500 ms without reporting anything (its package was reported once), so
# that the lists it frees and replaces change hands with no event between the two threads.  A mount point must be
# under /media or /run/media: this needs a writable /run/media (root), else the test is skipped.
made_run_media=0
mkdir /run/media 2>/dev/null && made_run_media=1
stick_root=/run/media/zwgk-race-$$
if ! mkdir -p "$stick_root/STICK" 2>/dev/null; then
    echo "watch_forget_race: /run/media is not writable (needs root): skipped"
    exit 77
fi
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"; rm -rf "$stick_root"; [ "$made_run_media" = 1 ] && rmdir /run/media 2>/dev/null' EXIT
printf 'not a database\n' >"$stick_root/STICK/junk.db"
printf 'untrusted comment: junk\n' >"$stick_root/STICK/junk.db.minisig"
: >"$tmp/mounts" # the stick is "inserted" once admin mode is open, so that no overlay covers the PIN pad
cat >"$tmp/kiosk.conf" <<CONF
publisher_id = xinfeng-demo
trusted_key = $(tail -n 1 "$tmp/k.pub")
watch = $tmp/inbox
CONF
"$admin" pin --data "$tmp/data" --pin 20241101 >/dev/null 2>&1 || fail "zwgk-admin pin"

{
    for _ in 1 2 3 4 5; do echo "tap 40 40"; done
    for c in 2 0 2 4 1 1 0 1; do echo "press $c"; done
    echo "press 确认"
    echo "dump admin"
    for _ in $(seq 1 40); do
        echo "seek 从U盘安装更新包"
        echo "shot $tmp/frame.png"
    done
    echo "dump after"
    echo "quit"
} >"$tmp/script"
# The script's clock is virtual, the worker's is not: the presses spread over the seconds the frames take.
# admin mode's texts follow the locale (zwgk/i18n.h): this test reads them in Chinese, whatever the caller's locale
ZWGK_MOUNTS="$tmp/mounts" SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
    LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$kiosk" --content "$ZWGK_BUILD/demo.db" --data "$tmp/data" --config "$tmp/kiosk.conf" --windowed 1080x1920 \
    --script "$tmp/script" --ui-dump "$tmp/ui.json" >"$tmp/kiosk.log" 2>&1 &
kiosk_pid=$!
for _ in $(seq 1 600); do # up to 30 s
    [ "$(python3 "$ZWGK_SRC/tests/uidump.py" "$tmp/ui.json" screen 2>/dev/null)" = admin ] && break
    kill -0 "$kiosk_pid" 2>/dev/null || break
    sleep 0.05
done
printf '/dev/sdz1 %s vfat ro,nosuid,nodev,noexec 0 0\n' "$stick_root/STICK" >"$tmp/mounts"
wait "$kiosk_pid"
rc=$?
[ "$rc" -eq 0 ] && ok || fail "the kiosk exited with $rc: $(grep -v "^INFO: updater" "$tmp/kiosk.log" | grep -m 3 -E "ThreadSanitizer|ERROR|SUMMARY|line")"
grep -q 'ThreadSanitizer' "$tmp/kiosk.log" && fail "ThreadSanitizer: $(grep -m 1 -A 12 'WARNING: ThreadSanitizer' "$tmp/kiosk.log")" || ok
python3 "$ZWGK_SRC/tests/uidump.py" "$tmp/ui.json" screen 2>/dev/null | grep -qx admin && ok ||
    fail "admin mode still shows after the presses"
echo "watch_forget_race: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
