#!/usr/bin/env bash
# local_state_e2e.sh — issue 12.5: damaged local state must not bring back the factory demo.
#
# A data folder with two installed versions (v2, v3 over the demo's v1) is damaged the ways a kiosk's storage is:
# local.db overwritten, local.db deleted, the current content file deleted.  Each time the real kiosk (--script,
# offscreen) must show the installed content — not the demo's version — and admin mode's PIN screen must say what is
# wrong; `zwgk-admin status` must exit 1 and name the damage; `status --repair` and the next `install` must rebuild
# local.db, keeping the damaged file beside it.  (The read-only data folder is local_readonly_e2e.sh: it needs mount.)
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin" kiosk="$ZWGK_BUILD/zwgk-kiosk"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

V1=2024110101 V2=2024120101 V3=2024130101
"$admin" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null || fail keygen
for v in $V2 $V3; do
    rm -rf "$tmp/src" && cp -r "$ZWGK_SRC/assets/demo" "$tmp/src"
    sed -i "s/^content_version: .*/content_version: $v/" "$tmp/src/meta.yaml"
    "$admin" build "$tmp/src" -o "$tmp/p$v.db" >/dev/null 2>&1 && "$admin" sign "$tmp/p$v.db" --key "$tmp/k.key" >/dev/null ||
        fail "build/sign $v"
done
grep -q "content_version: $V1" "$ZWGK_SRC/assets/demo/meta.yaml" || fail "the demo is not version $V1"

fresh() { # a data folder with v2 then v3 installed
    rm -rf "$tmp/data"
    for v in $V2 $V3; do
        "$admin" install "$tmp/p$v.db" --data "$tmp/data" --trust "$tmp/k.pub" >/dev/null 2>&1 || fail "install $v"
    done
}

# kiosk_sees NAME: runs the kiosk on the data folder; writes NAME-home.json and NAME-pin.json (admin's PIN screen).
kiosk_sees() {
    printf 'dump %s\n' "$tmp/$1-home.json" >"$tmp/script"
    for _ in 1 2 3 4 5; do echo "tap 40 40" >>"$tmp/script"; done
    printf 'dump %s\n' "$tmp/$1-pin.json" >>"$tmp/script"
    # admin mode's texts follow the locale (zwgk/i18n.h): this test reads them in Chinese, whatever the caller's locale
    SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
        LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$kiosk" --content "$ZWGK_BUILD/demo.db" --data "$tmp/data" --windowed 1080x1920 --script "$tmp/script" \
        >"$tmp/$1.log" 2>&1 || fail "$1: the kiosk failed: $(tail -n 3 "$tmp/$1.log")"
}
version_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('content_version',''))" "$1" 2>/dev/null; }
says() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if sys.argv[2] in ''.join(e.get('label') or '' for e in d['elements']) else 1)" "$1" "$2" 2>/dev/null; }

# 1. local.db overwritten (a bad sector, a wrong copy): v3 shows, read-only, and admin mode says so
fresh
echo "garbage where local.db was" >"$tmp/data/local.db"
rm -f "$tmp/data/local.db-wal" "$tmp/data/local.db-shm"
kiosk_sees damaged
[ "$(version_of "$tmp/damaged-home.json")" = $V3 ] && ok ||
    fail "damaged local.db: the kiosk shows version '$(version_of "$tmp/damaged-home.json")', not the installed $V3"
says "$tmp/damaged-pin.json" "已损坏" && ok || fail "damaged local.db: admin mode does not say so"
if "$admin" status --data "$tmp/data" >"$tmp/st.txt" 2>&1; then fail "status exits 0 on a damaged local.db"; else ok; fi
grep -q "DAMAGED" "$tmp/st.txt" && grep -q "version $V3" "$tmp/st.txt" && ok || fail "status: $(cat "$tmp/st.txt")"
LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$admin" status --data "$tmp/data" --repair >"$tmp/rep.txt" 2>&1 && ok ||
    fail "status --repair: $(cat "$tmp/rep.txt")"
grep -q "已重建" "$tmp/rep.txt" && ls "$tmp/data" | grep -q '^local.db.damaged-' && ok ||
    fail "repair did not rebuild or did not keep the damaged file: $(cat "$tmp/rep.txt"; ls "$tmp/data")"
"$admin" status --data "$tmp/data" >"$tmp/st.txt" 2>&1 && grep -q "current version:  $V3" "$tmp/st.txt" && ok ||
    fail "status after the repair: $(cat "$tmp/st.txt")"
"$admin" rollback --data "$tmp/data" >/dev/null 2>&1 && ok || fail "no rollback after the repair (previous lost)"

# 2. the next install rebuilds a damaged local.db by itself
fresh
echo "garbage" >"$tmp/data/local.db"
rm -f "$tmp/data/local.db-wal" "$tmp/data/local.db-shm"
"$admin" install "$tmp/p$V2.db" --data "$tmp/data" --trust "$tmp/k.pub" --reinstall >"$tmp/in.txt" 2>&1
# v2 is older than the v3 the copy of the pointer names: refused as old, but local.db is whole again
"$admin" status --data "$tmp/data" >"$tmp/st.txt" 2>&1 && grep -q "current version:  $V3" "$tmp/st.txt" && ok ||
    fail "install did not rebuild local.db: $(cat "$tmp/in.txt" "$tmp/st.txt")"

# 3. local.db deleted: a new one is made, and the kiosk still shows v3
fresh
rm -f "$tmp/data/local.db" "$tmp/data/local.db-wal" "$tmp/data/local.db-shm"
kiosk_sees deleted
[ "$(version_of "$tmp/deleted-home.json")" = $V3 ] && ok ||
    fail "deleted local.db: the kiosk shows '$(version_of "$tmp/deleted-home.json")', not $V3"
"$admin" status --data "$tmp/data" --repair >/dev/null 2>&1 &&
    "$admin" status --data "$tmp/data" 2>&1 | grep -q "current version:  $V3" && ok || fail "repair after a deleted local.db"

# 4. the current content file deleted: the previous version (v2) shows, and admin mode says why
fresh
rm -f "$tmp/data/content/content-$V3.db"
kiosk_sees missing
[ "$(version_of "$tmp/missing-home.json")" = $V2 ] && ok ||
    fail "missing current file: the kiosk shows '$(version_of "$tmp/missing-home.json")', not the previous $V2"
says "$tmp/missing-pin.json" "上一版本" && ok || fail "missing current file: admin mode does not say so"
if "$admin" status --data "$tmp/data" >/dev/null 2>&1; then fail "status exits 0 with the current file missing"; else ok; fi
"$admin" status --data "$tmp/data" --repair >/dev/null 2>&1 &&
    "$admin" status --data "$tmp/data" 2>&1 | grep -q "current version:  $V2" && ok || fail "repair of a missing file"

echo "local_state_e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
