#!/usr/bin/env bash
# zwgk-admin from the outside: build, check, info and preview as a county admin runs them.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
expect() { if eval "$1"; then ok; else fail "$2"; fi; }

# build + info: the issue's acceptance line, and every standard area and both seed documents listed.
"$admin" build "$ZWGK_SRC/assets/demo" -o "$tmp/x.db" >/dev/null 2>"$tmp/build.err"
expect '[ $? -eq 0 ] && [ -s "$tmp/x.db" ]' "build the demo: $(cat "$tmp/build.err")"
"$admin" info "$tmp/x.db" >"$tmp/info.txt"
expect '[ $? -eq 0 ]' "info exits 0"
for area in 城乡规划 重大建设项目 公共资源交易 财政预决算 安全生产 税收管理 征地补偿 国有土地上房屋征收与补偿 \
    环境保护 公共文化服务 公共法律服务 扶贫 救灾 社会救助 养老服务 户籍管理 涉农补贴 就业 社会保险 义务教育 \
    医疗卫生 市政服务 农村危房改造 城市综合执法 保障性住房 食品药品监管; do
    expect 'grep -q "[0-9]\. $area (" "$tmp/info.txt"' "info lists area $area"
done
expect 'grep -q "directory: 27 areas" "$tmp/info.txt"' "info counts the areas"
expect 'grep -q "信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知" "$tmp/info.txt"' "info lists the 2024 seed"
expect 'grep -q "2023年全县政务公开工作要点" "$tmp/info.txt"' "info lists the 2023 seed"
expect 'grep -q "已废止" "$tmp/info.txt"' "info shows validity"
expect 'grep -q "content version: 2024110101" "$tmp/info.txt"' "info shows the content version"

# The build is deterministic from the command line too.
"$admin" build "$ZWGK_SRC/assets/demo" -o "$tmp/y.db" >/dev/null 2>&1
expect 'cmp -s "$tmp/x.db" "$tmp/y.db"' "two builds are byte-identical"

# check: every problem as file:line: field:, exit 1, and build writes nothing.
cp -r "$ZWGK_SRC/assets/demo" "$tmp/src"
sed -i 's/^publish_date: 2024-07-12$/publish_date: 2024-13-12/' "$tmp/src/docs/xf-2024-zwgk-plan.md"
sed -i 's/^interprets: xf-dibao-policy$/interprets: no-such-policy/' "$tmp/src/docs/xf-dibao-policy-jd.md"
"$admin" check "$tmp/src" >"$tmp/check.txt" 2>&1
expect '[ $? -eq 1 ]' "check exits 1 on errors"
line=$(grep -n '^publish_date:' "$tmp/src/docs/xf-2024-zwgk-plan.md" | cut -d: -f1)
expect "grep -q \"^docs/xf-2024-zwgk-plan.md:$line: publish_date: '2024-13-12' is not a date\" \"$tmp/check.txt\"" \
    "check names file:line: field for a bad date: $(cat "$tmp/check.txt")"
expect 'grep -q "^docs/xf-dibao-policy-jd.md:[0-9]*: interprets: .no-such-policy. is not the id of any document" "$tmp/check.txt"' \
    "check lists the second problem too"
"$admin" build "$tmp/src" -o "$tmp/bad.db" >/dev/null 2>&1
expect '[ $? -ne 0 ] && [ ! -e "$tmp/bad.db" ]' "build refuses to write with errors"
"$admin" check "$ZWGK_SRC/assets/demo" >/dev/null 2>&1
expect '[ $? -eq 0 ]' "the demo checks clean"

# preview: a PNG of the kiosk's reader whose QR codes decode to the document's addresses.
"$admin" preview "$tmp/x.db" xf-dibao-policy -o "$tmp/p.png" >/dev/null 2>"$tmp/preview.err"
expect '[ $? -eq 0 ] && [ -s "$tmp/p.png" ]' "preview writes a PNG: $(cat "$tmp/preview.err")"
if command -v zbarimg >/dev/null; then
    codes=$(zbarimg --raw -q "$tmp/p.png" | sort | tr '\n' ' ')
    expect '[ "$codes" = "https://zwfw.xinfeng.example/bs/guide-dibao https://zwgk.xinfeng.example/zcwj/2024/xf-dibao-policy " ]' \
        "preview's QR codes decode to 码上办 and 码上知: '$codes'"
else
    fail "zbarimg missing (zbar-tools)"
fi
"$admin" preview "$tmp/x.db" xf-2024-zwgk-plan -o "$tmp/q.png" --size 1280x800 --step 3 --all-pages >"$tmp/pages.txt"
expect '[ "$(wc -l <"$tmp/pages.txt")" -gt 20 ] && [ -s "$tmp/q-2.png" ]' "preview --all-pages writes every page"
"$admin" preview "$tmp/x.db" no-such-doc -o "$tmp/n.png" >/dev/null 2>"$tmp/n.err"
expect '[ $? -eq 1 ] && grep -q "no document with id" "$tmp/n.err"' "preview names an unknown document"
"$admin" info "$tmp/nothing.db" >/dev/null 2>&1
expect '[ $? -eq 1 ]' "info on a missing file fails"
"$admin" frobnicate >/dev/null 2>&1
expect '[ $? -eq 2 ]' "an unknown command is a usage error"
for c in build check info preview; do
    "$admin" "$c" --help | grep -q "usage: zwgk-admin $c" && ok || fail "$c --help"
done

echo "admin_cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
