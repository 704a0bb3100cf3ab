#!/usr/bin/env bash
# arm64_chroot.sh — the arm64 .deb installed in a real arm64 Debian 12 (issue 13 §3), maintainer scripts run again
# and again: install, install once more, remove, purge, purge once more, install after purge.
#
#   sudo bash .ci/arm64_chroot.sh CHROOT_DIR [DEB]     (DEB: default build-arm64/deb/zwgk-kiosk_*_arm64.deb)
#
# CHROOT_DIR is made when missing: debootstrap --foreign --arch=arm64 (minbase, bookworm, deb.debian.org), then its
# second stage run inside under qemu-user (binfmt_misc with the F flag: qemu-aarch64-static needs no copy inside).
# apt-get in the chroot installs the .deb with its Depends from the Debian mirror, as a county would.  Then, inside:
# zwgk-admin reads the packaged demo, and the packaged kiosk draws its home screen headless (SDL offscreen, software
# renderer) from /usr/share/zwgk-kiosk/demo.db.  Needs root, the network and 10–30 minutes under emulation: not part
# of CI (`.ci/setup.sh test` checks the arm64 .deb with dpkg-deb; tests/deb_package.sh runs lintian on the amd64 one).
# Mounts /proc inside for the run and unmounts it at exit.  Exit 0: passed; 1: a failure; 77: no root or no binfmt.
set -uo pipefail
cd "$(dirname "$0")/.."
root=${1:?usage: arm64_chroot.sh CHROOT_DIR [DEB]}
deb=${2:-$(ls build-arm64/deb/zwgk-kiosk_*_arm64.deb 2>/dev/null | head -1)}
[ "$(id -u)" -eq 0 ] || { echo "arm64_chroot: SKIPPED: needs root (chroot, debootstrap)" >&2; exit 77; }
grep -q '^flags:.*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null ||
    { echo "arm64_chroot: SKIPPED: no binfmt_misc entry for arm64 with the F flag (qemu-user-static)" >&2; exit 77; }
[ -f "$deb" ] || { echo "arm64_chroot: no arm64 .deb (bash .ci/arm64.sh makes build-arm64/deb/)" >&2; exit 1; }
failed=0 passed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "arm64_chroot: FAIL: $*" >&2; }
inside() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
status() { inside dpkg-query -W -f='${Status}' zwgk-kiosk 2>/dev/null; }

if [ ! -d "$root/debootstrap" ] && [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap --arch=arm64 --foreign --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$root.log" 2>&1 ||
        { tail -5 "$root.log" >&2; exit 1; }
fi
if [ -d "$root/debootstrap" ]; then # the first stage only unpacks; the second configures, inside, under qemu-user
    chroot "$root" /debootstrap/debootstrap --second-stage >>"$root.log" 2>&1 || { tail -5 "$root.log" >&2; exit 1; }
fi
inside uname -m | grep -qx aarch64 && ok || fail "the chroot does not run arm64 programs"
mountpoint -q "$root/proc" || { mount -t proc proc "$root/proc" && trap 'umount "$root/proc"' EXIT; }
cp "$deb" "$root/tmp/zwgk.deb"

# Install, as a county would: apt-get with the .deb's Depends from the mirror.
inside apt-get update -qq >/dev/null 2>&1 || fail "apt-get update in the chroot"
inside apt-get install -y -qq --no-install-recommends /tmp/zwgk.deb >"$root/tmp/install.log" 2>&1 ||
    fail "apt-get install: $(tail -5 "$root/tmp/install.log")"
[ "$(status)" = "install ok installed" ] && ok || fail "after install: $(status)"
uid=$(inside getent passwd zwgk | cut -d: -f3)
[ -n "$uid" ] && ok || fail "postinst made no user zwgk"
[ "$(inside stat -c %U "/var/lib/zwgk-kiosk")" = zwgk ] && ok || fail "/var/lib/zwgk-kiosk is not zwgk's"
inside zwgk-admin info /usr/share/zwgk-kiosk/demo.db >"$root/tmp/info.txt" 2>&1 && grep -q . "$root/tmp/info.txt" && ok ||
    fail "the packaged zwgk-admin cannot read the packaged demo: $(head -3 "$root/tmp/info.txt")"
printf 'dump /tmp/home.json\nquit\n' >"$root/tmp/walk.txt"
rm -f "$root/tmp/home.json"
inside env SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy SDL_FRAMEBUFFER_ACCELERATION=0 \
    zwgk-kiosk --windowed 1080x1920 --script /tmp/walk.txt >"$root/tmp/kiosk.log" 2>&1 || fail "the packaged kiosk: $(tail -3 "$root/tmp/kiosk.log")"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d['screen'] != 'home' or not any(e['label'] == '政务公开目录' for e in d['elements']))" \
    "$root/tmp/home.json" 2>/dev/null && ok || fail "the packaged kiosk did not draw home with its default content"

# Again: the same .deb installed over itself, and the postinst run by hand once more, change nothing.
echo "# edited by the county" >>"$root/etc/zwgk-kiosk/kiosk.conf"
inside dpkg -i /tmp/zwgk.deb >"$root/tmp/again.log" 2>&1 && ok || fail "installing twice: $(tail -3 "$root/tmp/again.log")"
inside sh /var/lib/dpkg/info/zwgk-kiosk.postinst configure >/dev/null 2>&1 && ok || fail "the postinst run once more"
[ "$(inside getent passwd zwgk | cut -d: -f3)" = "$uid" ] && ok || fail "a second install made another user zwgk"
grep -q "edited by the county" "$root/etc/zwgk-kiosk/kiosk.conf" && ok || fail "reinstalling replaced the county's kiosk.conf"

# Remove: the programs go, the configuration and the data stay.
inside apt-get remove -y -qq zwgk-kiosk >/dev/null 2>&1 || fail "apt-get remove"
[ "$(status)" = "deinstall ok config-files" ] && ok || fail "after remove: $(status)"
[ ! -e "$root/usr/bin/zwgk-kiosk" ] && [ -f "$root/etc/zwgk-kiosk/kiosk.conf" ] && [ -d "$root/var/lib/zwgk-kiosk" ] && ok ||
    fail "remove: the programs must go, kiosk.conf and /var/lib/zwgk-kiosk stay"

# Purge, twice: everything the package and its postinst made is gone but the user.
inside dpkg --purge zwgk-kiosk >/dev/null 2>&1 || fail "dpkg --purge"
inside dpkg --purge zwgk-kiosk >/dev/null 2>&1 || fail "dpkg --purge once more"
[ -z "$(status)" ] || [ "$(status)" = "unknown ok not-installed" ] && ok || fail "after purge: $(status)"
for p in /etc/zwgk-kiosk /var/lib/zwgk-kiosk /media/zwgk /usr/share/zwgk-kiosk /usr/bin/zwgk-admin; do
    [ ! -e "$root$p" ] && ok || fail "purge left $p"
done
[ "$(inside getent passwd zwgk | cut -d: -f3)" = "$uid" ] && ok || fail "purge removed the user zwgk (Debian keeps system users)"

# Installed again after the purge: the old user is found, not duplicated.
inside dpkg -i /tmp/zwgk.deb >/dev/null 2>&1 && [ "$(status)" = "install ok installed" ] && ok || fail "install after purge"
[ "$(inside getent passwd zwgk | cut -d: -f3)" = "$uid" ] && [ -d "$root/var/lib/zwgk-kiosk" ] && ok ||
    fail "install after purge: user or data folder"
inside dpkg --purge zwgk-kiosk >/dev/null 2>&1
rm -f "$root/tmp/zwgk.deb"
echo "arm64_chroot: $passed passed, $failed failed ($(basename "$deb"), $(inside dpkg --print-architecture) chroot $root)"
[ "$failed" -eq 0 ]
