#!/usr/bin/env bash
# One table per concept (issue 12 §2), proved by doing it: a copy of this source tree gets a seventh document type,
# 工作报告, from tests/data/doctype-report.patch — which may touch only the type table (zwgk/doctype.h, doctype.c) and
# docs/authoring.md — and is built.  The new type must then work everywhere a type matters with no other edit:
# `zwgk-admin check/build` accept `type: report`, `info` counts it, a signed package of it passes the install
# checks, and the kiosk's home screen shows a 工作报告 tile whose list opens the document.  The tree as it is (no
# patch) must refuse the same folder and the same package: that is what makes the patch, and nothing else, the change.
# A parallel list left anywhere (a bare type count, a name array, a range in the install checks) fails this test.
# The type is not shipped: the patch only lives here.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
patch="$ZWGK_SRC/tests/data/doctype-report.patch"

# 1. The patch touches the table, and at most three files.
# (From $tmp: inside a git work tree, git apply would name the paths from that tree's top.)
files=$(cd "$tmp" && git apply --numstat "$patch" | cut -f3 | sort | tr '\n' ' ')
[ "$files" = "docs/authoring.md include/zwgk/doctype.h src/content/doctype.c " ] && ok ||
    fail "the new type touches other files than the table and its documentation: $files"

# 2. A copy of the tree (without build folders), patched, built: only what the checks below run.
mkdir -p "$tmp/src"
tar -C "$ZWGK_SRC" --exclude='./build*' --exclude=./.git -cf - . | tar -C "$tmp/src" -xf -
(cd "$tmp/src" && git apply "$patch") || { fail "the patch no longer applies to doctype.h/doctype.c"; exit 1; }
cmake -S "$tmp/src" -B "$tmp/b" -DCMAKE_BUILD_TYPE=Release >"$tmp/configure.log" 2>&1 ||
    { fail "configure: $(tail -5 "$tmp/configure.log")"; exit 1; }
nice cmake --build "$tmp/b" -j2 --target zwgk-admin zwgk-kiosk zwgk_messages >"$tmp/build.log" 2>&1 ||
    { fail "build with the new type: $(grep -m 5 -E 'error|Error' "$tmp/build.log")"; exit 1; }
new="$tmp/b/zwgk-admin" old="$ZWGK_BUILD/zwgk-admin"

# 3. Authoring: a 工作报告 beside the demo's documents, by its key and by its Chinese name.
cp -r "$ZWGK_SRC/assets/demo" "$tmp/c"
cat >"$tmp/c/docs/report-2024-zwgk.md" <<'DOC'
---
id: report-2024-zwgk
type: report
title: 信丰县2024年政府信息公开工作年度报告（演示）
publish_date: 2025-01-20
issuer: 信丰县人民政府办公室（演示）
area: 政务公开
summary: 2024年全县主动公开政府信息、依申请公开、政府信息管理和平台建设情况。
---
本报告为政务公开专区演示内容。

2024年，全县各级行政机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。
DOC
sed 's/^id: report-2024-zwgk$/id: report-2023-zwgk/; s/^type: report$/type: 工作报告/; s/2024年政府/2023年政府/' \
    "$tmp/c/docs/report-2024-zwgk.md" >"$tmp/c/docs/report-2023-zwgk.md"
"$new" check "$tmp/c" >"$tmp/check.txt" 2>&1 && ok || fail "check refuses the new type: $(head -5 "$tmp/check.txt")"
"$new" build "$tmp/c" -o "$tmp/r.db" >/dev/null 2>"$tmp/rbuild.err" && ok ||
    fail "build refuses the new type: $(head -5 "$tmp/rbuild.err")"
"$new" info "$tmp/r.db" >"$tmp/info.txt" 2>&1
grep -q '工作报告.*2' "$tmp/info.txt" && ok || fail "info does not count two 工作报告: $(grep -m 10 '' "$tmp/info.txt")"
# The tree without the patch names the types it knows, and builds nothing.
LANGUAGE=zh_CN:en "$old" check "$tmp/c" >"$tmp/oldcheck.txt" 2>&1
[ $? -eq 1 ] && grep -q 'report-2024-zwgk.md:3: type:' "$tmp/oldcheck.txt" && grep -q 'consultation' "$tmp/oldcheck.txt" && ok ||
    fail "the unpatched check should refuse type: report naming the types: $(head -3 "$tmp/oldcheck.txt")"

# 4. The install checks: a signed package of it installs with the patched tree and is refused by the tree as it is.
"$new" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null && "$new" sign "$tmp/r.db" --key "$tmp/k.key" >/dev/null ||
    fail "keygen/sign"
"$new" install "$tmp/r.db" --data "$tmp/data" --trust "$tmp/k.pub" >"$tmp/install.txt" 2>&1 && ok ||
    fail "the install checks refuse the new type: $(tail -3 "$tmp/install.txt")"
"$old" install "$tmp/r.db" --data "$tmp/olddata" --trust "$tmp/k.pub" >"$tmp/oldinstall.txt" 2>&1 &&
    fail "the unpatched install checks accept a type they do not know" || ok

# 5. The kiosk: a 工作报告 tile (2份) on the home screen; its list shows both reports.
{
    echo "dump $tmp/home.json"
    echo "shot $tmp/home.png"
    echo "seek 工作报告"
    echo "dump $tmp/list.json"
    echo "quit"
} >"$tmp/script"
SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
    "$tmp/b/zwgk-kiosk" --content "$tmp/r.db" --data "$tmp/kdata" --windowed 1080x1920 --script "$tmp/script" \
    --ui-dump "$tmp/ui.json" >"$tmp/kiosk.log" 2>&1 || fail "the kiosk exited with $?: $(tail -3 "$tmp/kiosk.log")"
labels() { python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import uidump
print("\n".join(e.get("label", "") for e in uidump.load(sys.argv[2])["elements"]))' "$ZWGK_SRC/tests" "$1"; }
home=$(labels "$tmp/home.json" 2>&1)
grep -qx '工作报告' <<<"$home" && grep -qx '2份' <<<"$home" && ok ||
    fail "no 工作报告 tile with 2份 on the home screen: $(tr '\n' '|' <<<"$home")"
grep -qx '征求意见' <<<"$home" && grep -qx '依申请公开' <<<"$home" && ok || fail "a tile went missing beside the new one"
list=$(labels "$tmp/list.json" 2>&1)
grep -q '信丰县2024年政府信息公开工作年度报告（演示）' <<<"$list" && grep -q '信丰县2023年政府信息公开工作年度报告' <<<"$list" && ok ||
    fail "the 工作报告 list does not show both reports: $(tr '\n' '|' <<<"$list" | head -c 600)"
[ -n "${ZWGK_KEEP_SHOT:-}" ] && cp "$tmp/home.png" "$ZWGK_KEEP_SHOT"

echo "doctype_new_type: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
