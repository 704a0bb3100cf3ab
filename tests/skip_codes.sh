#!/usr/bin/env bash
# skip_codes.sh — issue 12.20: a test that cannot run where it is started says so with CTest's skip code (77, which
# tests/CMakeLists.txt declares as SKIP_RETURN_CODE), never with a pass.  Each test below is started where it cannot
# run, and must exit 77:
#   frame_alloc.sh        in a sanitizer build (a build folder whose CMakeCache.txt says ZWGK_SANITIZE=ON);
#   package_disk_full.sh  where mounting a tmpfs is not permitted (an unprivileged user);
#   test_package --stick  where /run/media cannot be written (an unprivileged user);
#   admin_jobs_e2e.sh     likewise: its export part needs a stick under /run/media (it passed without it before).
# As root the unprivileged user is 'nobody' through setpriv (util-linux); as anybody else the test runs as itself.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 1777 "$tmp" # the unprivileged user writes its temporary files here
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null || { echo "skip_codes: FAIL: running as root needs setpriv (util-linux)" >&2; exit 1; }
    unprivileged() { setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --bounding-set=-all -- "$@"; }
else
    unprivileged() { "$@"; }
fi
expect_skip() { # expect_skip NAME COMMAND...: COMMAND must exit 77
    local name=$1 rc
    shift
    "$@" >"$tmp/$name.out" 2>&1
    rc=$?
    if [ $rc = 77 ]; then ok; else fail "$name exited $rc where it cannot run, not 77: $(tail -n 3 "$tmp/$name.out")"; fi
}

mkdir "$tmp/asan-build"
printf 'ZWGK_SANITIZE:BOOL=ON\n' >"$tmp/asan-build/CMakeCache.txt"
expect_skip frame_alloc env ZWGK_BUILD="$tmp/asan-build" bash "$ZWGK_SRC/tests/frame_alloc.sh"
expect_skip package_disk_full unprivileged env TMPDIR="$tmp" bash "$ZWGK_SRC/tests/package_disk_full.sh"
expect_skip test_package_stick unprivileged env TMPDIR="$tmp" "$ZWGK_BUILD/tests/test_package" --stick
expect_skip admin_jobs_e2e unprivileged env TMPDIR="$tmp" bash "$ZWGK_SRC/tests/admin_jobs_e2e.sh"
echo "skip_codes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
