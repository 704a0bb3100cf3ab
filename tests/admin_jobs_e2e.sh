#!/usr/bin/env bash
# admin_jobs_e2e.sh — issue 12.3: admin mode's rollback and statistics export run as jobs (src/ui/jobs.h): the
# overlay shows them while they run and the frame loop keeps going; the result is shown when they end.
#
# The disk is made slow with tests/fault_inject.c (ZWGK_SLOW=fsync:400: every fsync waits 0.4 s, like a tired SD
# card), so a rollback (integrity_check of the previous version, then local.db's commit) and an export (fsync on the
# stick) take over a second.  The script presses the button and dumps the screen at once: the dump must show the
# overlay saying what runs, the old content still on; after `await`, the new state.  Before the queue both actions
# ran inside the tap: the first dump came only after they had finished, with no overlay ever shown.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin" kiosk="$ZWGK_BUILD/zwgk-kiosk" shim="$ZWGK_BUILD/tests/libfault_inject.so"
tmp=$(mktemp -d)
stick_root=/run/media/zwgk-jobs-test-$$
trap 'rm -rf "$tmp" "$stick_root"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
[ -f "$shim" ] || { echo "admin_jobs_e2e: FAIL: no $shim" >&2; exit 1; }
if grep -q '^ZWGK_SANITIZE:BOOL=ON' "$ZWGK_BUILD/CMakeCache.txt" 2>/dev/null; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fi

V2=2024120101 V3=2024130101
"$admin" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null || fail keygen
for v in $V2 $V3; do
    rm -rf "$tmp/src" && cp -r "$ZWGK_SRC/assets/demo" "$tmp/src"
    sed -i "s/^content_version: .*/content_version: $v/" "$tmp/src/meta.yaml"
    "$admin" build "$tmp/src" -o "$tmp/p$v.db" >/dev/null 2>&1 && "$admin" sign "$tmp/p$v.db" --key "$tmp/k.key" >/dev/null &&
        "$admin" install "$tmp/p$v.db" --data "$tmp/data" --trust "$tmp/k.pub" >/dev/null 2>&1 || fail "package $v"
done
"$admin" pin --data "$tmp/data" --pin 20241101 >/dev/null 2>&1 || fail "zwgk-admin pin"

# A stick: a folder under /run/media named in a mounts table (ZWGK_MOUNTS), writable, as a desktop would mount it
# (the read-only stick of a deployment is stick_export_e2e.sh).
if mkdir -p "$stick_root/STICK" 2>/dev/null; then
    printf '/dev/sdz1 %s vfat rw,nosuid,nodev 0 0\n' "$stick_root/STICK" >"$tmp/mounts"
else
    # The rollback part still runs; the test then reports itself skipped (77), never passed without its export part.
    echo "admin_jobs_e2e: /run/media is not writable: the export part needs it (run as root)"
    : >"$tmp/mounts"
fi

d() { echo "dump $tmp/$1.json"; }
{
    for _ in 1 2 3 4 5; do echo "tap 40 40"; done
    for c in 2 0 2 4 1 1 0 1; do echo "press $c"; done
    echo "press 确认"
    d admin
    echo "seek 回退到上一版本"
    d rolling
    echo "await 60000"
    d rolled
    echo "press 知道了"
    echo "seek 导出统计到U盘"
    d exporting
    echo "await 60000"
    d exported
} >"$tmp/script"
# admin mode's texts follow the locale (zwgk/i18n.h): this test reads them in Chinese, whatever the caller's locale
LD_PRELOAD="$shim" ZWGK_SLOW=fsync:400 ZWGK_MOUNTS="$tmp/mounts" \
    SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
    LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$kiosk" --content "$ZWGK_BUILD/demo.db" --data "$tmp/data" --windowed 1080x1920 --script "$tmp/script" \
    >"$tmp/kiosk.log" 2>&1 || fail "the kiosk script failed: $(tail -n 5 "$tmp/kiosk.log")"

text() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(''.join(e.get('label') or '' for e in d['elements']))" "$tmp/$1.json" 2>/dev/null; }
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2],''))" "$tmp/$1.json" "$2" 2>/dev/null; }

[ "$(field admin screen)" = admin ] && ok || fail "the PIN did not open admin mode"
text rolling | grep -q "正在回退到上一版本" && ok || fail "no overlay while the rollback runs: $(text rolling | head -c 300)"
[ "$(field rolling content_version)" = $V3 ] && ok || fail "the content changed before the rollback finished"
[ "$(field rolled content_version)" = $V2 ] && ok || fail "after the rollback: version '$(field rolled content_version)'"
text rolled | grep -q "已回退到上一版本" && ok || fail "the overlay does not say the rollback is done"
[ "$(field rolled screen)" = admin ] && ok || fail "not back in admin mode after the rollback"
if [ -d "$stick_root/STICK" ]; then
    text exporting | grep -q "正在导出统计到U盘" && ok || fail "no overlay while the export runs"
    text exported | grep -q "统计已导出到U盘" && ok || fail "the overlay does not say the export is done: $(text exported | head -c 300)"
    ls "$stick_root/STICK"/kiosk-stats-*.csv >/dev/null 2>&1 && ok || fail "no export on the stick: $(ls -a "$stick_root/STICK")"
fi
echo "admin_jobs_e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || exit 1
if [ ! -d "$stick_root/STICK" ]; then
    echo "admin_jobs_e2e: SKIP: the export part did not run (/run/media is not writable)"
    exit 77
fi
