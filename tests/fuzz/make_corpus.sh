#!/usr/bin/env bash
# make_corpus.sh — (re)makes the seed corpus of the fuzz targets in corpus/<target>/ from real inputs:
# the demo's catalog and documents, keys and signatures from `zwgk-admin keygen/sign` and Debian's minisign, tiny
# content databases built by zwgk-admin (512-byte pages, so mutations reach b-tree pages, not just one big page),
# the kiosk's own test scripts and search queries.  The keys are throwaway test keys, never used to sign anything real.
#
#   bash tests/fuzz/make_corpus.sh BUILD_DIR      (BUILD_DIR holds zwgk-admin; needs minisign and python3)
#
# Crashers found by fuzzing are kept in the same folders as regression-*: this script never removes them.
set -euo pipefail
B=$(cd "${1:?usage: make_corpus.sh BUILD_DIR}" && pwd)
cd "$(dirname "$0")"
S=$(cd ../.. && pwd)
C=corpus
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p $C/csv $C/markdown $C/minisign $C/package $C/text $C/script $C/search

# ---- csv: the demo catalog whole, and small pieces of it in the shapes Excel and WPS write ----
cat="$S/assets/demo/catalog.csv"
cp "$cat" $C/csv/demo-catalog.csv
head -n 6 "$cat" >$C/csv/two-row-header.csv
{ sed -n 1p "$cat" | sed 's/,,公开内容/,二级事项,公开内容/; s/公开事项,/一级事项,/'; sed -n 3,5p "$cat"; } >$C/csv/one-row-header.csv
head -n 5 "$cat" | sed 's/$/\r/' >$C/csv/crlf.csv
{ echo '信丰县基层政务公开标准目录,,,,,,,,,,,,,,'; head -n 4 "$cat"; } >$C/csv/title-row.csv
{ head -n 2 "$cat"; printf '1,社会救助,最低生活保障,"政策\n文件","第一行\n第二行，含""引号""",依据,时限,主体,政府网站,全社会,主动,县级,https://a.example/x,xf-dibao-policy,低保\n'; } >$C/csv/quoted-multiline.csv

# ---- markdown: demo documents of every type, and the shapes that are rare in them ----
for d in guide-dibao notice-guoqing-2024 project-yinshui xf-dibao-policy-jd xf-gaoling-policy zqyj-zhucan \
    xf-linshi-policy; do
    cp "$S/assets/demo/docs/$d.md" $C/markdown/$d.md
done
cat >$C/markdown/nested.md <<'MD'
---
id: nested
type: notice
title: 嵌套列表和表格（演示）
publish_date: 2024-10-01
issuer: 信丰县人民政府办公室（演示）
---
# 一级标题
##二级标题没有空格
1. 第一项
   - 子项 **加粗** 和 *强调*
     1. 三级
        - 四级〔牵头单位：县民政局；责任单位：各乡镇〕
2. 第二项

| 项目 | 金额（元） |
|---|---:|
| 低保 | 600 |
| 特困 | 1,000 |

　　段落以全角空格开头，
换行后继续。see https://zwgk.xinfeng.example/a?b=c&d=e
MD
printf -- '---\nid: x\ntype: policy\ntitle: t\npublish_date: 2024-01-01\n---\n' >$C/markdown/minimal.md

# ---- package: tiny content databases, built by zwgk-admin and vacuumed to 512-byte pages ----
mkdir -p "$W/tiny/docs"
cp "$S/assets/demo/meta.yaml" "$W/tiny/"
head -n 2 "$cat" >"$W/tiny/catalog.csv"
grep -m1 ',社会救助,最低生活保障,' "$cat" | sed 's/"xf-dibao-policy,xf-dibao-policy-jd"/xf-dibao-policy/' >>"$W/tiny/catalog.csv"
printf -- '---\nid: xf-dibao-policy\ntype: policy\ntitle: 信丰县最低生活保障办法（演示）\npublish_date: 2024-01-01\nissuer: 信丰县人民政府（演示）\ndoc_number: 信府发〔2024〕1号\narea: 社会救助\nvalidity: 现行有效\n---\n## 总则\n\n**低保**标准每人每月600元。\n\n| 类别 | 标准 |\n|---|---|\n| 城市 | 800 |\n\n1. 申请\n   - 审核\n' >"$W/tiny/docs/p.md"
printf -- '---\nid: guide-dibao\ntype: guide\ntitle: 低保申请\npublish_date: 2024-02-01\narea: 社会救助\nconditions: 收入低于标准\ntime_limit: 30个工作日\nfee: 不收费\nplace: 便民服务中心\nhours: 工作日\nphone: 0797-0000000\ncomplaint_phone: 12345\nmaterials:\n  - name: 申请书\n    form: 原件\n    count: 1\nsteps:\n  - title: 申请\n    detail: 到窗口提交\n---\n办理须知。\n' >"$W/tiny/docs/g.md"
"$B/zwgk-admin" build "$W/tiny" -o "$W/tiny.db" >/dev/null 2>"$W/build.err" || {
    cat "$W/build.err" >&2
    exit 1
}
python3 - "$W/tiny.db" $C/package <<'PY'
import shutil, sqlite3, sys
src, out = sys.argv[1], sys.argv[2]
for page in (512, 1024):
    dst = f"{out}/tiny-{page}.db"
    shutil.copy(src, dst)
    db = sqlite3.connect(dst)
    db.execute(f"PRAGMA page_size={page}")
    db.execute("VACUUM")
    db.close()
PY

# ---- minisign: keys and signatures from both tools ----
cp "$W/tiny.db" "$W/p.db"
"$B/zwgk-admin" keygen -p "$W/z.pub" -s "$W/z.key" >/dev/null
"$B/zwgk-admin" sign "$W/p.db" --key "$W/z.key" >/dev/null
cp "$W/z.pub" $C/minisign/zwgk-keygen.pub
cp "$W/z.key" $C/minisign/zwgk-keygen.key
cp "$W/p.db.minisig" $C/minisign/zwgk-sign.minisig
tail -n 1 "$W/z.pub" | tr -d '\n' >$C/minisign/bare-line.pub
sed 's/$/\r/' "$W/p.db.minisig" >$C/minisign/crlf.minisig
minisign -G -W -p "$W/m.pub" -s "$W/m.key" >/dev/null
cp "$W/m.pub" $C/minisign/minisign.pub
cp "$W/m.key" $C/minisign/minisign-W.key
minisign -Sm "$W/p.db" -s "$W/m.key" >/dev/null
cp "$W/p.db.minisig" $C/minisign/minisign-Sm.minisig
minisign -S -l -m "$W/p.db" -s "$W/m.key" >/dev/null
cp "$W/p.db.minisig" $C/minisign/minisign-legacy.minisig
minisign -Sm "$W/p.db" -s "$W/m.key" -t "$(printf 'x%.0s' $(seq 1 2000))" >/dev/null
cp "$W/p.db.minisig" $C/minisign/long-comment.minisig

# ---- text: 4 header bytes (max_width lo/hi, indent, measure) then a paragraph ----
t() { printf "$1" >"$C/text/$2"; cat >>"$C/text/$2"; }
body=$(awk 'BEGIN{n=0} /^---$/{n++; next} n>=2 && length($0) > 60 {print; exit}' "$S/assets/demo/docs/xf-2024-zwgk-plan.md")
printf '%s' "$body" | t '\x58\x02\x28\x15' seed-paragraph
printf '根据《江西省人民政府办公厅关于印发2024年政务公开工作要点的通知》（赣府厅字〔2024〕15号）精神，结合实际。' |
    t '\x2c\x01\x00\x05' wenhao
printf '详见https://zwgk.xinfeng.example/ml/shehuijiuzhu/1?a=b&c=d，或拨打0797-3322110。' | t '\x64\x00\x00\x01' url
printf '第一行\n第二行\r\n\n（括号）“引号”。。。、、、——……%%℃' | t '\x20\x00\x10\x04' breaks
printf 'abc\xff\xfe\xe4\xb8\xef\xbf\xbf\xed\xa0\x80\xc0\x80 tail' | t '\x10\x00\x00\x00' invalid-utf8
printf '\xe2\x80\x8b\xe2\x80\x8f\xe2\x80\xae\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\xf0\x9f\x98\x80\xf0\xa0\x80\x80\x01\x1b[0m' |
    t '\x08\x00\x00\x80' rtl-zero-width
printf '　　　　　　　　' | t '\x04\x00\x3f\x00' spaces

# ---- script: lines the e2e tests and the soak use ----
cat >$C/script/e2e.txt <<'SCR'
# comment
press 政务公开目录
press 社会救助
seek 最低生活保障
drag 540 1500 540 400 120
wait 1500
touch 540 300
key PageDown
type 低保
shot /tmp/x.png
dump /tmp/x.json
wait 95000
quit
SCR
printf 'tap 40 40\ntap -5 99999\ndrag 0 0 0 0 0\nkey Return\nkey Escape\n\n  \t\n' >$C/script/taps.txt
printf 'tap 1\ndrag 1 2 3 4\nwait -1\nwait 1e3\nkey NoSuchKey\nfly 1 2\ntap 99999999999 1\n' >$C/script/refused.txt

# ---- search: a limit byte, then the query ----
q() { printf "$1" >"$C/search/$2"; printf '%s' "$3" >>"$C/search/$2"; }
q '\x14' dibao 低保
q '\x14' ylfw ylfw
q '\x00' wenhao 赣府厅字202415号
q '\xc8' pinyin-partial yangl
q '\x05' mixed 低保sq
q '\x14' lv lv
q '\xff' punct '%*" AND OR -- ;'
q '\x14' fullwidth '１５号ＡＢＣ'
# ---- docx: 公文 from tests/import/make_gongwen.py repacked without compression, and pdftotext -bbox-layout output ----
mkdir -p $C/docx
/usr/bin/python3 "$S/tests/import/make_gongwen.py" "$W/gw"
/usr/bin/python3 - "$W/gw" "$C/docx" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1:]
for name in ("notice.docx", "jiedu.docx", "plan.docx"):
    with zipfile.ZipFile(os.path.join(src, name)) as z, \
            zipfile.ZipFile(os.path.join(out, name.replace(".docx", "-stored.docx")), "w", zipfile.ZIP_STORED) as o:
        keep = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                "word/numbering.xml"]
        if z.getinfo("word/styles.xml").file_size < 100000:  # python-docx's template has 350 KB of latent styles
            keep.append("word/styles.xml")
        for i in z.infolist():
            if i.filename in keep:
                o.writestr(i.filename, z.read(i.filename))
PY
pdftotext -bbox-layout -f 1 -l 2 "$W/gw/points.pdf" $C/docx/points-bbox.html
 (200 steps and materials, 100 KB of conditions, 500 Q&As, 70 more areas) ----
python3 "$S/tests/fuzz/make_hostile_corpus.py" "$B"
echo "corpus: $(find $C -type f | wc -l) files"
