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
    # The stick export's polkit rule needs polkitd (the export fails on every read-only stick without it).
    grep -q "Depends:.*polkitd" "$tmp/info" && ok || fail "does not depend on polkitd (the stick export's polkit rule)"
    grep -q "postinst" "$tmp/info" && ok || fail "has the postinst that creates the zwgk user"
    # Issue 13 §3: the county's kiosk.conf is a conffile (an upgrade never overwrites an edited one), the docs are
    # under /usr/share/doc/<package>, the description has its long part.
    dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles 2>/dev/null | grep -qx /etc/zwgk-kiosk/kiosk.conf && ok ||
        fail "kiosk.conf is not a conffile"
    grep -q " ./usr/share/doc/zwgk-kiosk/README.md\$" "$tmp/contents" && ok || fail "docs are not in /usr/share/doc/zwgk-kiosk"
    [ "$(dpkg-deb -f "$deb" Description | wc -l)" -gt 1 ] && ok || fail "the description has no long part"
    # lintian: every tag left is one README "Package conventions" justifies (no project address, licence or
    # changelog has been decided yet; the programs document themselves with --help).
    if command -v lintian >/dev/null; then
        lintian --tag-display-limit 0 "$deb" 2>/dev/null | grep -E '^[EW]: ' |
            grep -v -E ': (no-copyright-file|no-changelog|malformed-contact|no-manual-page)( |$)' >"$tmp/lintian"
        [ -s "$tmp/lintian" ] && fail "lintian: $(head -5 "$tmp/lintian")" || ok
    else
        fail "lintian is not installed (apt-get install lintian)"
    fi
    # Issue 12 item 19: the packaged programs point at installed files, never into the build tree.
    mkdir "$tmp/root" && dpkg-deb -x "$deb" "$tmp/root"
    # (Source file names, e.g. generated/pinyin_table.c in a sanitizer's metadata, are not paths the program opens.)
    for exe in zwgk-kiosk zwgk-admin; do
        strings -a "$tmp/root/usr/bin/$exe" | grep -F "$ZWGK_BUILD" | grep -v -E '\.[ch]$' >"$tmp/paths"
        [ -s "$tmp/paths" ] && fail "$exe contains build tree paths: $(head -3 "$tmp/paths")" || ok
    done
    default=$(LANG=C "$tmp/root/usr/bin/zwgk-kiosk" --help | sed -n 's/.*default: the bundled demo, \(.*\))$/\1/p')
    [ "$default" = /usr/share/zwgk-kiosk/demo.db ] && [ -f "$tmp/root$default" ] && ok ||
        fail "the packaged kiosk's default content is '$default', not the packaged /usr/share/zwgk-kiosk/demo.db"
    grep -q -a -F /usr/share/locale "$tmp/root/usr/bin/zwgk-admin" &&
        [ -f "$tmp/root/usr/share/locale/zh_CN/LC_MESSAGES/zwgk.mo" ] && ok ||
        fail "the packaged zwgk-admin looks for its catalog where the .deb puts it"
    # Nothing installs outside DESTDIR.
    DESTDIR="$tmp/stage" cmake --install "$ZWGK_BUILD" >"$tmp/install.log" 2>&1 && ok || fail "staged install: $(tail -3 "$tmp/install.log")"
    grep -v -F -e "$tmp/stage/" -e "Install configuration" "$tmp/install.log" | grep -q . &&
        fail "staged install wrote outside DESTDIR: $(grep -v -F "$tmp/stage/" "$tmp/install.log" | head -3)" || ok
fi
unit="$ZWGK_SRC/assets/deploy/zwgk-kiosk.service"
grep -q '^Restart=always' "$unit" && grep -q '^User=zwgk' "$unit" && grep -q '^WantedBy=graphical.target' "$unit" && ok ||
    fail "the unit restarts always, runs as zwgk, starts on boot"
grep -q '^Environment=LANG=zh_CN.UTF-8' "$unit" && ok || fail "the unit sets the kiosk's locale (issue 9 §5): zh_CN.UTF-8"
if command -v systemd-analyze >/dev/null && [ -d /run/systemd/system ]; then
    systemd-analyze verify "$unit" 2>&1 | grep -v "not found\|Command .* is not executable\|cage" | grep -q . &&
        fail "systemd-analyze: $(systemd-analyze verify "$unit" 2>&1)" || ok
fi
grep -q 'systemd-mount --no-block --automount=yes' "$ZWGK_SRC/assets/deploy/99-zwgk-usb.rules" &&
    grep -q 'ro,nosuid,nodev,noexec' "$ZWGK_SRC/assets/deploy/99-zwgk-usb.rules" && ok || fail "udev rule mounts ro,nosuid,nodev,noexec"
sh -n "$ZWGK_SRC/assets/deploy/postinst" && sh -n "$ZWGK_SRC/assets/deploy/postrm" && ok || fail "postinst and postrm are valid sh"
echo "deb_package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
