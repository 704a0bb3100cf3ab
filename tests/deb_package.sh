#!/usr/bin/env bash
# The .deb: cpack builds it from this build tree; its contents, dependencies and maintainer script are what a county
# installs, and the systemd unit passes systemd-analyze where that is available.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

(cd "$tmp" && cpack -G DEB --config "$ZWGK_BUILD/CPackConfig.cmake" -B "$tmp" >"$tmp/cpack.log" 2>&1) || fail "cpack: $(tail -5 "$tmp/cpack.log")"
deb=$(ls "$tmp"/zwgk-kiosk_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
    fail "no .deb built"
else
    ok
    dpkg-deb -c "$deb" >"$tmp/contents"
    for f in ./usr/bin/zwgk-kiosk ./usr/bin/zwgk-admin ./usr/share/zwgk-kiosk/demo.db ./etc/zwgk-kiosk/kiosk.conf \
        ./lib/systemd/system/zwgk-kiosk.service ./lib/udev/rules.d/99-zwgk-usb.rules \
        ./usr/share/zwgk-kiosk/demo-source/meta.yaml ./usr/share/zwgk-kiosk/zwgk-kiosk-kmsdrm.conf; do
        grep -q " $f\$" "$tmp/contents" && ok || fail "the .deb lacks $f"
    done
    dpkg-deb -I "$deb" >"$tmp/info"
    grep -q "Depends:.*fonts-noto-cjk" "$tmp/info" && ok || fail "depends on fonts-noto-cjk"
    grep -q "Depends:.*libsdl2" "$tmp/info" && ok || fail "shlibdeps found SDL2"
    grep -q "postinst" "$tmp/info" && ok || fail "has the postinst that creates the zwgk user"
fi
unit="$ZWGK_SRC/assets/deploy/zwgk-kiosk.service"
grep -q '^Restart=always' "$unit" && grep -q '^User=zwgk' "$unit" && grep -q '^WantedBy=graphical.target' "$unit" && ok ||
    fail "the unit restarts always, runs as zwgk, starts on boot"
if command -v systemd-analyze >/dev/null && [ -d /run/systemd/system ]; then
    systemd-analyze verify "$unit" 2>&1 | grep -v "not found\|Command .* is not executable\|cage" | grep -q . &&
        fail "systemd-analyze: $(systemd-analyze verify "$unit" 2>&1)" || ok
fi
grep -q 'systemd-mount --no-block --automount=yes' "$ZWGK_SRC/assets/deploy/99-zwgk-usb.rules" &&
    grep -q 'ro,nosuid,nodev,noexec' "$ZWGK_SRC/assets/deploy/99-zwgk-usb.rules" && ok || fail "udev rule mounts ro,nosuid,nodev,noexec"
sh -n "$ZWGK_SRC/assets/deploy/postinst" && ok || fail "postinst is valid sh"
echo "deb_package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
