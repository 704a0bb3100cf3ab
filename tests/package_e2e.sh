#!/usr/bin/env bash
# package_e2e.sh — signed packages end to end, with Debian's minisign and the real zwgk-admin.
#
#   1. interoperability: keys from `minisign -G -W` and `zwgk-admin keygen`; packages signed with `minisign -Sm`,
#      `minisign -S -l` (legacy) and `zwgk-admin sign` are accepted by `zwgk-admin verify/install`, and
#      `minisign -Vm` accepts what `zwgk-admin sign` writes;
#   2. crash safety: `zwgk-admin install` of a large package is SIGKILLed at >= 50 moments spread over its run
#      (seeded RNG); after each kill `zwgk-admin status` (which runs integrity_check) must find exactly the old or the
#      new version, and a later install must clean up after the dead one.  What the dead install left behind tells
#      which phase the kill hit.  Then the shim kills it just before each of its writes, fsyncs and renames;
#   3. fault injection: tests/fault_inject.c (LD_PRELOAD) fails the Nth write (ENOSPC, EIO), fsync (EIO) or rename
#      (EIO), for every N the install reaches: each run is either a complete install or a clean refusal with the old
#      content intact and no private copy left behind;
#   4. (a real full disk is package_disk_full.sh, which needs root and is skipped with code 77 elsewhere);
#   5. zwgk-admin stats merges kiosk exports (only the newest export of a kiosk counts).
#
# Needs ZWGK_BUILD (the build directory) and ZWGK_SRC (the source tree), as CTest sets them.
set -euo pipefail

B=${ZWGK_BUILD:?set ZWGK_BUILD to the build directory}
S=${ZWGK_SRC:?set ZWGK_SRC to the source tree}
ADMIN=$B/zwgk-admin
SHIM=$B/tests/libfault_inject.so
W=$(mktemp -d "${TMPDIR:-/tmp}/zwgk-pkg-e2e-XXXXXX")
trap 'rm -rf "$W"' EXIT

passed=0
fail() {
    echo "package_e2e: FAIL: $*" >&2
    exit 1
}
ok() { passed=$((passed + 1)); }

command -v minisign >/dev/null || fail "minisign is not installed (apt-get install minisign)"
[ -x "$ADMIN" ] || fail "no $ADMIN"
# The sanitizer build's runtime would object to a preloaded library coming first.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

V1=2024110101
V2=2024120101

# The version `zwgk-admin status` reports, or "broken" when it exits non-zero (content missing or failing its check).
status_version() {
    local out
    if out=$("$ADMIN" status --data "$1" 2>&1); then
        sed -n 's/^current version: *//p' <<<"$out"
    else
        echo broken
    fi
}

# No private copy may survive an install that has finished, in any way.
no_incoming() {
    ! compgen -G "$1/content/.incoming-*" >/dev/null
}

# ---- packages and keys ----
cp "$B/demo.db" "$W/v1.db"
cp -r "$S/assets/demo" "$W/src2"
sed -i "s/^content_version:.*/content_version: $V2/" "$W/src2/meta.yaml"
"$ADMIN" build "$W/src2" -o "$W/v2.db" >/dev/null
minisign -G -W -p "$W/ms.pub" -s "$W/ms.key" >/dev/null
"$ADMIN" keygen -p "$W/z.pub" -s "$W/z.key" >/dev/null
[ "$(stat -c %a "$W/z.key")" = 600 ] || fail "the secret key is not mode 600"
ok

# ---- 1. interoperability ----
minisign -Sm "$W/v1.db" -s "$W/ms.key" >/dev/null
"$ADMIN" verify "$W/v1.db" --trust "$W/ms.pub" >/dev/null || fail "minisign -Sm signature refused by verify"
"$ADMIN" install "$W/v1.db" --data "$W/base" --trust "$W/ms.pub" >/dev/null || fail "minisign -Sm package not installed"
[ "$(status_version "$W/base")" = $V1 ] || fail "status does not show $V1 after the first install"
ok

minisign -S -l -m "$W/v2.db" -s "$W/ms.key" >/dev/null
[ "$(sed -n 2p "$W/v2.db.minisig" | base64 -d | head -c 2)" = Ed ] || fail "minisign -l did not write a legacy signature"
"$ADMIN" verify "$W/v2.db" --trust "$(tail -n 1 "$W/ms.pub")" >/dev/null || fail "legacy signature refused"
ok

"$ADMIN" sign "$W/v2.db" --key "$W/z.key" >/dev/null
grep -q "^trusted comment: zwgk-package file=v2.db publisher=xinfeng-demo version=$V2 size=" "$W/v2.db.minisig" ||
    fail "zwgk-admin sign wrote no binding trusted comment"
minisign -Vm "$W/v2.db" -p "$W/z.pub" >/dev/null || fail "minisign -Vm refused zwgk-admin sign's signature"
minisign -H -Vm "$W/v2.db" -p "$W/z.pub" >/dev/null || fail "zwgk-admin sign's signature is not prehashed (ED)"
"$ADMIN" verify "$W/v2.db" --trust "$W/z.pub" >/dev/null || fail "zwgk-admin verify refused its own signature"
ok

# zwgk-admin keygen's secret key works in minisign, and minisign -W's in zwgk-admin
cp "$W/v2.db" "$W/x.db"
minisign -Sm "$W/x.db" -s "$W/z.key" >/dev/null || fail "minisign cannot sign with zwgk-admin keygen's key"
"$ADMIN" verify "$W/x.db" --trust "$W/z.pub" >/dev/null || fail "refused minisign's signature by a keygen key"
"$ADMIN" sign "$W/x.db" --key "$W/ms.key" >/dev/null || fail "zwgk-admin sign cannot use minisign -G -W's key"
minisign -Vm "$W/x.db" -p "$W/ms.pub" >/dev/null || fail "minisign refused zwgk-admin sign with its own key"
ok

# refusals exit 1 with the reason; an untrusted key; CRLF signature files are fine
if "$ADMIN" verify "$W/x.db" --trust "$W/z.pub" 2>"$W/err"; then fail "an untrusted key was accepted"; fi
grep -q "refused (key-untrusted)" "$W/err" || fail "no key-untrusted reason: $(cat "$W/err")"
sed -i 's/$/\r/' "$W/x.db.minisig"
"$ADMIN" verify "$W/x.db" --trust "$W/ms.pub" >/dev/null || fail "a CRLF signature file was refused"
printf '\x01' | dd of="$W/x.db" bs=1 seek=50000 conv=notrunc status=none
if "$ADMIN" verify "$W/x.db" --trust "$W/ms.pub" 2>"$W/err"; then fail "a flipped byte was accepted"; fi
grep -q "refused (sig-invalid)" "$W/err" || fail "no sig-invalid reason: $(cat "$W/err")"
ok

# ---- 2. crash safety: SIGKILL at random moments ----
[ -f "$SHIM" ] || fail "no $SHIM (tests/CMakeLists.txt builds it)"
cp -r "$S/assets/demo" "$W/big"
sed -i "s/^content_version:.*/content_version: $V2/" "$W/big/meta.yaml"
body=$(awk 'BEGIN { n = 0 } /^---$/ { n++; next } n >= 2' "$W/big/docs/xf-2024-zwgk-plan.md")
for i in $(seq -w 1 250); do
    {
        printf -- '---\nid: gen-%s\ntype: notice\ntitle: 生成的公告第%s号\npublish_date: 2024-10-01\n' "$i" "$i"
        printf 'issuer: 信丰县政务服务中心（演示）\n---\n'
        for _ in 1 2 3 4; do printf '%s\n\n' "$body"; done
    } >"$W/big/docs/gen-$i.md"
done
"$ADMIN" build "$W/big" -o "$W/big.db" >/dev/null
"$ADMIN" sign "$W/big.db" --key "$W/z.key" >/dev/null
size_mb=$(($(stat -c %s "$W/big.db") >> 20))

# how long one uninterrupted install takes
cp -a "$W/base" "$W/timing"
t0=$(date +%s%N)
"$ADMIN" install "$W/big.db" --data "$W/timing" --trust "$W/ms.pub" --trust "$W/z.pub" >/dev/null ||
    fail "the large package was not installed"
duration_ms=$((($(date +%s%N) - t0) / 1000000))
[ $duration_ms -gt 0 ] || duration_ms=1
[ "$(status_version "$W/timing")" = $V2 ] || fail "the large package does not show as installed"

# How far a killed install got, from what it left behind (cleaned up only by the next install).
big_size=$(stat -c %s "$W/big.db")
phase_of() {
    local inc
    inc=$(compgen -G "$1/content/.incoming-*" | head -n 1 || true)
    if [ -n "$inc" ]; then
        if [ "$(stat -c %s "$inc")" -lt "$big_size" ]; then echo copy; else echo fsync-verify; fi
    elif [ -e "$1/content/content-$V2.db" ]; then
        if [ "$2" = $V2 ]; then echo switched; else echo renamed; fi
    else
        echo start
    fi
}
declare -A phases=([start]=0 [copy]=0 [fsync-verify]=0 [renamed]=0 [switched]=0)

RANDOM=20241101 # seeded: the same delays every run
kills=0 old=0 new=0 i=0
while [ $kills -lt 55 ]; do
    i=$((i + 1))
    [ $i -le 120 ] || break
    d="$W/crash"
    rm -rf "$d"
    cp -a "$W/base" "$d"
    delay_us=$(((RANDOM * 32768 + RANDOM) % (duration_ms * 1100 + 1))) # 0 .. 1.1 x the install's duration
    "$ADMIN" install "$W/big.db" --data "$d" --trust "$W/z.pub" >/dev/null 2>&1 &
    pid=$!
    sleep "$((delay_us / 1000000)).$(printf '%06d' $((delay_us % 1000000)))"
    kill -KILL $pid 2>/dev/null || true
    st=0
    wait $pid 2>/dev/null || st=$?
    v=$(status_version "$d")
    if [ $st -eq 137 ]; then # killed mid-way (not finished before the kill)
        kills=$((kills + 1))
        p=$(phase_of "$d" "$v")
        phases[$p]=$((${phases[$p]} + 1))
    elif [ $duration_ms -gt 20 ]; then
        # it finished first: the timing run was slower than the machine is now (a shared, loaded machine); draw
        # the next delays from a shorter window, so the kills still spread over the whole install
        duration_ms=$((duration_ms * 9 / 10))
    fi
    case "$v" in
    $V1) old=$((old + 1)) ;;
    $V2) new=$((new + 1)) ;;
    *) fail "after a kill at ${delay_us} us (run $i) the kiosk shows '$v', not $V1 or $V2" ;;
    esac
    if [ $((i % 10)) -eq 0 ]; then # the next install recovers: finishes and leaves no stray file
        "$ADMIN" install "$W/big.db" --data "$d" --trust "$W/z.pub" --reinstall >/dev/null ||
            fail "install after a kill failed (run $i)"
        no_incoming "$d" || fail "a private copy survived the next install (run $i)"
        [ "$(ls "$d/content" | wc -l)" -le 2 ] || fail "more than two content files after the next install"
    fi
done
[ $kills -ge 50 ] || fail "only $kills of $i installs were killed mid-way (the package is too small?)"
echo "package_e2e: crash test: ${size_mb} MB package, install ${duration_ms} ms; $i runs, $kills killed mid-way;" \
    "after each: $old showed the old version, $new the new one, none anything else"
echo "package_e2e: killed during: start/signature ${phases[start]}, copy ${phases[copy]}," \
    "fsync+verify ${phases[fsync-verify]}, renamed-not-switched ${phases[renamed]}, switched ${phases[switched]}"

# The narrow windows (after the rename, inside SQLite's commit) are hit deterministically: the shim kills the
# installer just before its Nth write, fsync or rename, for every N.
for call in write fsync rename; do
    n=1
    while :; do
        d="$W/crash"
        rm -rf "$d" "$W/fired"
        cp -a "$W/base" "$d"
        LD_PRELOAD="$SHIM" ZWGK_FAULT="$call:$n:KILL" ZWGK_FAULT_MARK="$W/fired" \
            "$ADMIN" install "$W/v2.db" --data "$d" --trust "$W/z.pub" >/dev/null 2>&1 &
        wait $! 2>/dev/null || true # (in the background: no "Killed" line from bash)
        [ -f "$W/fired" ] || break
        v=$(status_version "$d")
        [ "$v" = $V1 ] || [ "$v" = $V2 ] || fail "killed at $call #$n: the kiosk shows '$v'"
        "$ADMIN" install "$W/v2.db" --data "$d" --trust "$W/z.pub" --reinstall >/dev/null ||
            fail "install after a kill at $call #$n failed"
        no_incoming "$d" || fail "a private copy survived the next install (killed at $call #$n)"
        n=$((n + 1))
    done
    echo "package_e2e: crash test: killed just before each of $((n - 1)) ${call} calls: old or new every time"
done
ok

# ---- 3. fault injection ----
for fault in write:ENOSPC write:EIO fsync:EIO rename:EIO; do
    call=${fault%%:*}
    err=${fault##*:}
    n=1
    while :; do
        d="$W/fault"
        rm -rf "$d" "$W/fired"
        cp -a "$W/base" "$d"
        rc=0
        LD_PRELOAD="$SHIM" ZWGK_FAULT="$call:$n:$err" ZWGK_FAULT_MARK="$W/fired" \
            "$ADMIN" install "$W/v2.db" --data "$d" --trust "$W/z.pub" >"$W/out" 2>&1 || rc=$?
        [ -f "$W/fired" ] || break # the install made fewer than n such calls: all of them were tried
        v=$(status_version "$d")
        if [ $rc -eq 0 ]; then
            [ "$v" = $V2 ] || fail "$call #$n $err: install said yes but the kiosk shows '$v'"
        else
            [ $rc -eq 1 ] || fail "$call #$n $err: exit $rc (crash?): $(cat "$W/out")"
            grep -q "refused (" "$W/out" || fail "$call #$n $err: no reason given: $(cat "$W/out")"
            [ "$v" = $V1 ] || fail "$call #$n $err: refused but the kiosk shows '$v'"
            if [ "$call:$err" = write:ENOSPC ] && grep -q "writing .*incoming" "$W/out"; then
                grep -q "refused (no-space)" "$W/out" || fail "ENOSPC while copying is not no-space"
            fi
        fi
        no_incoming "$d" || fail "$call #$n $err: a private copy was left behind"
        n=$((n + 1))
        [ $n -le 200 ] || fail "$call: more than 200 calls?"
    done
    echo "package_e2e: fault injection: $call failing with $err at each of $((n - 1)) calls: all clean"
    [ $n -gt 1 ] || fail "$call: the fault never fired"
done
ok

# ---- 5. stats merge ----
cat >"$W/k1-stats-2024-11-01.csv" <<'EOF'
kiosk,exported,kind,key,count,last
k1,2024-11-01T08:00:00Z,view_doc,guide-dibao,3,2024-11-01T07:00:00Z
k1,2024-11-01T08:00:00Z,unmet_search,"低保,怎么办",2,2024-11-01T07:00:00Z
EOF
cat >"$W/k1-stats-2024-11-02.csv" <<'EOF'
kiosk,exported,kind,key,count,last
k1,2024-11-02T08:00:00Z,view_doc,guide-dibao,5,2024-11-02T07:00:00Z
k1,2024-11-02T08:00:00Z,unmet_search,"低保,怎么办",2,2024-11-01T07:00:00Z
EOF
printf 'kiosk,exported,kind,key,count,last\r\nk2,2024-11-02T09:00:00Z,view_doc,guide-dibao,4,2024-11-02T08:30:00Z\r\n' \
    >"$W/k2-stats-2024-11-02.csv"
"$ADMIN" stats --csv "$W"/k*-stats-*.csv >"$W/merged" 2>"$W/notes" || fail "stats failed: $(cat "$W/notes")"
grep -qx 'view_doc,guide-dibao,9,2,2024-11-02T08:30:00Z' "$W/merged" || fail "stats merge: $(cat "$W/merged")"
grep -qx 'unmet_search,"低保,怎么办",2,1,2024-11-01T07:00:00Z' "$W/merged" || fail "stats merge: $(cat "$W/merged")"
grep -q "k1-stats-2024-11-01.csv is older" "$W/notes" || fail "no note about the older export"
"$ADMIN" stats "$W"/k*-stats-*.csv 2>/dev/null | grep -q "文件浏览" || fail "stats report"
if "$ADMIN" stats "$W/v1.db" 2>/dev/null; then fail "stats accepted a database"; fi
ok

echo "package_e2e: $passed passed, 0 failed"
