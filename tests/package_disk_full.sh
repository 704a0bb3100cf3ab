#!/usr/bin/env bash
# package_disk_full.sh — a real full disk: the data directory on a 4 MB tmpfs, the installed content intact, and a
# package larger than the disk.  `zwgk-admin install` must refuse it as no-space, keep the old content on and leave
# no private copy behind.  (package_e2e.sh injects ENOSPC at every write; this is the file system's own.)
#
# Mounting a tmpfs needs root (or CAP_SYS_ADMIN): elsewhere the test is skipped with CTest's skip code 77 — it used to
# be a note inside package_e2e.sh, which then passed whether or not the full disk had been tried (issue 12.20).
set -euo pipefail
B=${ZWGK_BUILD:?set ZWGK_BUILD to the build directory}
S=${ZWGK_SRC:?set ZWGK_SRC to the source tree}
ADMIN=$B/zwgk-admin
W=$(mktemp -d "${TMPDIR:-/tmp}/zwgk-disk-full-XXXXXX")
MNT="$W/full"
mounted=0
trap '[ $mounted = 1 ] && umount "$MNT"; rm -rf "$W"' EXIT
fail() {
    echo "package_disk_full: FAIL: $*" >&2
    exit 1
}
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=4m tmpfs "$MNT" 2>"$W/mount.err"; then
    echo "package_disk_full: SKIP: mounting a tmpfs is not permitted here ($(cat "$W/mount.err"))"
    exit 77
fi
mounted=1
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

status_version() { "$ADMIN" status --data "$1" 2>/dev/null | sed -n 's/^current version: *//p'; }

# version 1 (the demo, 0.6 MB) installed, then its data directory copied onto the small disk (an install onto it
# asks for more room than it has); version 2 with 250 long notices (> 4 MB)
"$ADMIN" keygen -p "$W/z.pub" -s "$W/z.key" >/dev/null
cp "$B/demo.db" "$W/v1.db"
"$ADMIN" sign "$W/v1.db" --key "$W/z.key" >/dev/null
"$ADMIN" install "$W/v1.db" --data "$W/base" --trust "$W/z.pub" >/dev/null || fail "version 1 did not install"
cp -a "$W/base" "$MNT/data" || fail "the data directory does not fit on the small disk"
V1=$(status_version "$MNT/data")
[ -n "$V1" ] || fail "no version after the first install"
cp -r "$S/assets/demo" "$W/big"
sed -i "s/^content_version:.*/content_version: 2099120101/" "$W/big/meta.yaml"
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
size=$(stat -c %s "$W/big.db")
[ "$size" -gt $((4 << 20)) ] || fail "the large package ($size bytes) is not larger than the disk"

if "$ADMIN" install "$W/big.db" --data "$MNT/data" --trust "$W/z.pub" 2>"$W/err" >/dev/null; then
    fail "a package larger than the disk was installed"
fi
grep -q "refused (no-space)" "$W/err" || fail "disk full is not no-space: $(cat "$W/err")"
[ "$(status_version "$MNT/data")" = "$V1" ] || fail "the old content is not intact after disk full"
! compgen -G "$MNT/data/content/.incoming-*" >/dev/null || fail "disk full left a private copy"
echo "package_disk_full: a $((size >> 20)) MB package on a 4 MB tmpfs: refused as no-space, version $V1 still on"
echo "package_disk_full: 1 passed, 0 failed"
