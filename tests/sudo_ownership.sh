#!/usr/bin/env bash
# sudo_ownership.sh — issue 12.8: `sudo zwgk-admin install/rollback/status/pin --data DIR` left root-owned local.db,
# -wal, -shm, install.lock and content files, and the kiosk's own user could install nothing afterwards.  Run as
# root on a data folder owned by another user (nobody here, standing in for zwgk), every command now works as that
# user: nothing in the folder belongs to root, and the owner can go on installing.  Needs root: skipped (77) else.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin"
if [ "$(id -u)" -ne 0 ] || ! getent passwd nobody >/dev/null || ! command -v setpriv >/dev/null; then
    echo "sudo_ownership: SKIP: needs root, the user 'nobody' and setpriv"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
as_owner() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }

"$admin" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null || fail keygen
for v in 2024120101 2024130101 2024140101; do
    rm -rf "$tmp/src" && cp -r "$ZWGK_SRC/assets/demo" "$tmp/src"
    sed -i "s/^content_version: .*/content_version: $v/" "$tmp/src/meta.yaml"
    "$admin" build "$tmp/src" -o "$tmp/p$v.db" >/dev/null 2>&1 && "$admin" sign "$tmp/p$v.db" --key "$tmp/k.key" >/dev/null ||
        fail "package $v"
done
chmod 644 "$tmp"/p*.db "$tmp"/p*.minisig "$tmp/k.pub"
install -d -o nobody -g "$(id -g nobody)" -m 0750 "$tmp/data"
root_owned() { find "$tmp/data" ! -user nobody -printf '%p ' ; }

"$admin" install "$tmp/p2024120101.db" --data "$tmp/data" --trust "$tmp/k.pub" >"$tmp/out" 2>&1 || fail "sudo install: $(cat "$tmp/out")"
grep -q "working as nobody" "$tmp/out" && ok || fail "install does not say whom it works as: $(cat "$tmp/out")"
[ -z "$(root_owned)" ] && ok || fail "sudo install left files of another owner: $(root_owned)"
"$admin" pin --data "$tmp/data" --pin 20241101 >/dev/null 2>&1 || fail "sudo pin"
"$admin" status --data "$tmp/data" >/dev/null 2>&1 || fail "sudo status"
[ -z "$(root_owned)" ] && ok || fail "sudo pin/status left files of another owner: $(root_owned)"
# the owner (the kiosk's user) goes on: installs, rolls back
as_owner "$admin" install "$tmp/p2024130101.db" --data "$tmp/data" --trust "$tmp/k.pub" >"$tmp/out" 2>&1 && ok ||
    fail "the owner cannot install after sudo: $(cat "$tmp/out")"
"$admin" rollback --data "$tmp/data" >/dev/null 2>&1 && [ -z "$(root_owned)" ] && ok || fail "sudo rollback: $(root_owned)"
as_owner "$admin" install "$tmp/p2024140101.db" --data "$tmp/data" --trust "$tmp/k.pub" >"$tmp/out" 2>&1 && ok ||
    fail "the owner cannot install after a sudo rollback: $(cat "$tmp/out")"
# a package only root can read: refused with a way out, nothing root-owned left
mkdir -m 0700 "$tmp/private" && cp "$tmp/p2024140101.db" "$tmp/p2024140101.db.minisig" "$tmp/private/"
if "$admin" install "$tmp/private/p2024140101.db" --data "$tmp/data" --trust "$tmp/k.pub" --reinstall >"$tmp/out" 2>&1; then
    fail "a package the owner cannot read was installed"
else
    grep -q "cannot read" "$tmp/out" && ok || fail "no way out for an unreadable package: $(cat "$tmp/out")"
fi
[ -z "$(root_owned)" ] && ok || fail "files of another owner: $(root_owned)"
echo "sudo_ownership: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
