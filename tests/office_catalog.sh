#!/usr/bin/env bash
# catalog.xlsx end to end: workbooks made the way county staff make them (tests/office/make_fixtures.py, openpyxl and
# LibreOffice) go through `zwgk-admin build/check/info` with no edits.
#  - the national layout (three area sheets, title rows, merged two- and three-row headers, √ ✓ ■ sub-columns, merged
#    序号/一级事项/公开依据, a hidden row, a hidden sheet, notes and signatures) builds, and `info` shows every column;
#  - the same table as catalog.csv, as catalog.xlsx from openpyxl and as catalog.xlsx from LibreOffice builds to
#    byte-identical databases;
#  - messages name the sheet, the cell as Excel shows it and the 序号, in Chinese under zh_CN;
#  - every hostile workbook gets a Chinese error, never a crash, in bounded time.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
PY=/usr/bin/python3
admin="$ZWGK_BUILD/zwgk-admin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
zh() { LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$@"; }

"$PY" "$ZWGK_SRC/tests/office/make_fixtures.py" "$tmp/fx" || { echo "FAIL: make_fixtures.py" >&2; exit 1; }
src() { # src NAME CATALOG_FILE [TARGET_NAME]: a source folder with the demo's meta.yaml and one catalog
    mkdir -p "$tmp/$1/docs"
    cp "$ZWGK_SRC/assets/demo/meta.yaml" "$tmp/$1/"
    cp "$2" "$tmp/$1/${3:-catalog.xlsx}"
}

# ---- the national layout ----
src national "$tmp/fx/national.xlsx"
if zh "$admin" build "$tmp/national" -o "$tmp/national.db" >"$tmp/out" 2>"$tmp/err"; then ok; else
    fail "national.xlsx does not build: $(cat "$tmp/err")"
fi
"$admin" info "$tmp/national.db" >"$tmp/info"
has() { grep -qF -- "$1" "$tmp/info" && ok || fail "info lacks: $1"; }
has "directory: 3 areas, 6 一级事项, 9 二级事项"
has "   1. 社会救助 (4)"
has "   2. 养老服务 (3)" # the area from the title row: the sheet is "Sheet2"
has "   3. 义务教育 (2)" # from the sheet name "3.义务教育"
# every column of one item, the multi-line 公开内容 and the merged 公开依据 filled into the second row
after() { grep -A"$2" -F -- "$1" "$tmp/info"; }
after "  最低生活保障 › 办事指南" 8 | grep -qF "办理流程、办理时间、地点、联系方式" && ok || fail "line break in a cell lost"
after "  最低生活保障 › 审核信息" 8 | grep -qF "公开依据: 《国务院关于进一步加强和改进最低生活保障工作的意见》" && ok ||
    fail "merged 公开依据 not filled down"
after "  最低生活保障 › 审核信息" 8 | grep -qF "公开渠道和载体: 社区/企事业单位/村公示栏（电子屏）" && ok || fail "村公示栏 sub-column"
after "  特困人员救助供养 › 办事指南" 8 | grep -qF "公开方式: 主动、依申请" && ok || fail "√ in both 公开方式 sub-columns"
after "  养老服务机构 › 机构名录" 8 | grep -qF "公开渠道和载体: 政府网站、两微一端、公开查阅点" && ok ||
    fail "three-row header (线上/线下) channels"
after "  养老服务机构 › 机构名录" 8 | grep -qF "公开层级: 县级、乡级" && ok || fail "✓ marks in 公开层级"
after "  招生管理 › 招生结果" 8 | grep -qF "公开对象: 特定群体" && ok || fail "■/□ marks"
grep -qF "旧事项" "$tmp/info" && fail "the hidden row was read" || ok
# said once, of the sheet: "社会救助 第8行（序号99）: 警告：第 8 行在 Excel 中被隐藏" named the row twice
grep -qF "catalog.xlsx 社会救助: 警告：第8行在 Excel 中被隐藏，已跳过" "$tmp/err" && ok ||
    fail "no Chinese warning for the hidden row: $(cat "$tmp/err")"
grep -qF "catalog.xlsx 旧版目录: 警告：该工作表在 Excel 中被隐藏" "$tmp/err" && ok || fail "no warning for the hidden sheet"
grep -qF "注：" "$tmp/err" && fail "the note row was read as data" || ok
grep -qF "填报单位" "$tmp/err" && fail "the signature row was read as data" || ok

# ---- one table, three files: the same database ----
src csv "$tmp/fx/single.csv" catalog.csv
src openpyxl "$tmp/fx/single.xlsx"
for s in csv openpyxl; do
    "$admin" build "$tmp/$s" -o "$tmp/$s.db" >/dev/null 2>"$tmp/err.$s" && ok || fail "$s does not build: $(cat "$tmp/err.$s")"
done
cmp -s "$tmp/csv.db" "$tmp/openpyxl.db" && ok || fail "catalog.xlsx (openpyxl) and catalog.csv build different databases"
if [ -f "$tmp/fx/libre.xlsx" ]; then
    src libre "$tmp/fx/libre.xlsx"
    "$admin" build "$tmp/libre" -o "$tmp/libre.db" >/dev/null 2>"$tmp/err.libre" && ok ||
        fail "libre.xlsx does not build: $(cat "$tmp/err.libre")"
    cmp -s "$tmp/csv.db" "$tmp/libre.db" && ok || fail "catalog.xlsx (LibreOffice) and catalog.csv build different databases"
else
    fail "LibreOffice (soffice) made no libre.xlsx: install libreoffice-calc-nogui"
fi

# ---- messages: sheet, cell and 序号, in Chinese ----
src broken "$tmp/fx/national.xlsx"
"$PY" - "$tmp/broken/catalog.xlsx" <<'PY'
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
ws = wb["社会救助"]
ws["F4"] = None   # 公开时限 of the row 序号 1
ws["R5"] = "x?"   # a 公开方式 sub-column holding no tick
wb.save(sys.argv[1])
PY
zh "$admin" check "$tmp/broken" >"$tmp/out" 2>&1 && fail "a broken catalog.xlsx passed" || ok
grep -qF "catalog.xlsx 社会救助!F4（序号1）: 公开时限: 单元格为空；请填写本行的公开时限" "$tmp/out" && ok ||
    fail "no Chinese message naming sheet, cell and 序号: $(cat "$tmp/out")"
grep -qF "catalog.xlsx 社会救助!R5（序号1）: 公开层级 › 县级: “x?”不是勾选标记" "$tmp/out" && ok ||
    fail "no message for a bad tick: $(cat "$tmp/out")"
# a CSV row with a missing cell: one message with the row as Excel shows it, not a cascade
src short "$tmp/fx/single.csv" catalog.csv
# text line 5 is the second line of row 4 (its 公开内容 has a line break): the message must say row 4
sed -i '5s/,县级、乡级,/,/' "$tmp/short/catalog.csv"
zh "$admin" check "$tmp/short" >"$tmp/out" 2>&1 && fail "a short CSV row passed" || ok
grep -qF "catalog.csv 第4行（序号1）: 本行有 13 个单元格，表头有 14 个" "$tmp/out" && ok ||
    fail "no short-row message: $(cat "$tmp/out")"
[ "$(grep -c 'catalog.csv' "$tmp/out")" -eq 1 ] && ok || fail "the short row gave a cascade: $(cat "$tmp/out")"

# ---- hostile workbooks: a Chinese error, never a crash ----
for f in "$tmp"/fx/hostile/*.xlsx; do
    name=$(basename "$f")
    rm -rf "$tmp/h"
    src h "$f"
    # how long a hostile workbook takes is measured in bench/, not here; the ctest TIMEOUT is the hang guard
    zh "$admin" check "$tmp/h" >"$tmp/out" 2>&1
    rc=$?
    [ "$rc" -eq 1 ] && ok || fail "$name: exit $rc (expected 1): $(head -c 600 "$tmp/out")"
    grep -qP '^catalog\.xlsx.*[\x{4e00}-\x{9fff}]' "$tmp/out" && ok || fail "$name: no Chinese message naming catalog.xlsx: $(head -c 600 "$tmp/out")"
done

echo "office_catalog: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
