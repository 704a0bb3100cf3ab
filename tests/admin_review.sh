#!/usr/bin/env bash
# zwgk-admin review from the outside (src/admin/cmd_review.c): the 三审 report of the demo, of a changed copy
# --since the demo's published database, and of a source with errors.
#  - every document of the source is in the report, with one <img> per page, and every image file exists and is a
#    1080×1920 PNG; the hash on the page is the BLAKE2b-512 of what `zwgk-admin build` writes (b2sum);
#  - the diff shows the edit (a paragraph changed inside, one deleted, a title changed), the added and the removed
#    document and the changed directory item, each marked in words as well as colour;
#  - a hostile title (<script>, quotes, &) is text, never markup; invalid UTF-8 becomes U+FFFD; the page is UTF-8;
#  - errors: the report is still written (exit 1), lists every problem errors first, shows every document that could
#    be read and names the files that could not;
#  - nothing is written into the source; a report folder inside the source or full of other files is refused; an
#    earlier report in the folder is replaced (its old page images go).
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
expect() { if eval "$1"; then ok; else fail "$2"; fi; }
zh() { LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$@"; }

# The HTML checks that need parsing: every <img> file, ids and titles, UTF-8.  Prints problems, exits 1 on any.
cat >"$tmp/check.py" <<'EOF'
import html, os, re, struct, sys
report, src = sys.argv[1], sys.argv[2]
page = open(os.path.join(report, "index.html"), "rb").read()
problems = []
try:
    text = page.decode("utf-8")
except UnicodeDecodeError as e:
    print(f"index.html is not UTF-8: {e}")
    sys.exit(1)
imgs = re.findall(r'<img src="([^"]+)"', text)
if not imgs:
    problems.append("no <img> at all")
for src_attr in imgs:
    path = os.path.join(report, html.unescape(src_attr))
    if not os.path.isfile(path):
        problems.append(f"<img src={src_attr}>: no such file")
        continue
    head = open(path, "rb").read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or struct.unpack(">II", head[16:24]) != (1080, 1920):
        problems.append(f"{src_attr}: not a 1080x1920 PNG")
files = sorted(os.listdir(os.path.join(report, "img")))
if sorted(os.path.basename(i) for i in imgs) != files:
    problems.append(f"img/ holds {len(files)} files, the page shows {len(imgs)}")
# Every document of the source (its id and its title) is on the page, in its own section with its pages.
sections = {}
for sec in re.split(r'(?=<div class="doc" id="doc-\d+">)', text)[1:]:
    m = re.match(r'<div class="doc" id="doc-(\d+)">\n<h3>\d+\. (.*?)</h3>.*?<br>(?:编号|id) ([^ <]+)', sec, re.S)
    if m:
        sections[m.group(3)] = (int(m.group(1)), html.unescape(m.group(2)), sec)
for name in sorted(os.listdir(os.path.join(src, "docs"))):
    fm = open(os.path.join(src, "docs", name), encoding="utf-8", errors="replace").read().split("---")[1]
    ident = re.search(r"^id:\s*(.+)$", fm, re.M).group(1).strip()
    title = re.search(r"^title:\s*(.+)$", fm, re.M)
    if ident not in sections:
        problems.append(f"document {ident} ({name}) has no section")
        continue
    n, shown, sec = sections[ident]
    if title and shown != title.group(1).strip():
        problems.append(f"document {ident}: title {shown!r}, source says {title.group(1)!r}")
    if f'src="img/d{n:03d}.png"' not in sec:
        problems.append(f"document {ident}: no page images")
if len(sections) != len(os.listdir(os.path.join(src, "docs"))):
    problems.append(f"{len(sections)} document sections for {len(os.listdir(os.path.join(src, 'docs')))} files")
for p in problems:
    print(p)
print(f"{len(imgs)} images")
sys.exit(1 if problems else 0)
EOF

# ---- the demo ----
"$admin" build "$ZWGK_SRC/assets/demo" -o "$tmp/published.db" >/dev/null 2>&1
rc=$?
expect '[ $rc -eq 0 ]' "build the demo"
zh "$admin" review "$ZWGK_SRC/assets/demo" -o "$tmp/r1" >"$tmp/r1.out" 2>"$tmp/r1.err"
rc=$?
expect '[ $rc -eq 0 ]' "review of the demo exits 0: $(cat "$tmp/r1.err")"
r1="$tmp/r1/index.html"
expect '[ -s "$r1" ]' "review writes index.html"
python3 "$tmp/check.py" "$tmp/r1" "$ZWGK_SRC/assets/demo" >"$tmp/r1.check" 2>&1
rc=$?
expect '[ $rc -eq 0 ]' "demo report: $(cat "$tmp/r1.check")"
ndocs=$(ls "$ZWGK_SRC"/assets/demo/docs/*.md | wc -l) # every document file of the demo
expect 'grep -q "已生成 .*/index.html：$ndocs 份文件" "$tmp/r1.out"' "review says what it wrote, in Chinese: $(cat "$tmp/r1.out")"
hash=$(b2sum "$tmp/published.db" | cut -d' ' -f1)
expect 'grep -q "<span class=\"hash\">$hash</span>" "$r1"' "the report carries the BLAKE2b-512 of the built database ($hash)"
for word in 政务公开内容审核报告 审核签字 初审 复审 终审 审核人（签名） 信丰县人民政府办公室（演示） 2024110101 \
    '【通过】没有错误' '一、问题' '三、文件（一体机上显示的样子）' '四、目录事项' '国土空间总体规划' '@media print'; do
    expect 'grep -qF -- "$word" "$r1"' "the demo report shows $word"
done
expect '! grep -qi "<script\|<link\|@import\|@font-face\|https\?://[^<\" ]*\.\(css\|js\)" "$r1"' \
    "no script, no external style or font"
expect '! grep -q "src=\"http\|src=\"/\|href=\"/" "$r1"' "every reference stays inside the report folder"
expect 'grep -q "未与已发布版本对比" "$r1"' "without --since the report says it did not compare"

# ---- a changed copy, --since the published database ----
chg="$tmp/changed"
cp -r "$ZWGK_SRC/assets/demo" "$chg"
sed -i 's/^content_version: 2024110101$/content_version: 2024120101/' "$chg/meta.yaml"
sed -i 's/保障困难群众基本生活，/保障困难群众基本生活，兜住兜牢民生底线，/' "$chg/docs/xf-dibao-policy.md"
sed -i '/^\*\*第三条\*\*/d' "$chg/docs/xf-dibao-policy.md"
sed -i 's/^title: 信丰县最低生活保障审核确认实施细则（演示）$/title: 信丰县最低生活保障审核确认实施细则（2024年修订，演示）/' \
    "$chg/docs/xf-dibao-policy.md"
rm "$chg/docs/notice-guoqing-2024.md"
cat >"$chg/docs/notice-hostile.md" <<'EOF'
---
id: notice-hostile
type: notice
title: 关于<script>alert("x")</script>停电的通知 & 'x' 其他
publish_date: 2024-11-20
issuer: 信丰县政务服务中心（演示）
---
本公告为演示内容：大厅 11 月 25 日 9:00 至 12:00 停电检修，请错峰办理。
EOF
sed -i 's/规划文本和图件的主要内容/规划文本、图件和公众意见采纳情况/' "$chg/catalog.csv"
(cd "$chg" && find . -type f -exec sha256sum {} + | sort) >"$tmp/src-before"
zh "$admin" review "$chg" -o "$tmp/r2" --since "$tmp/published.db" >"$tmp/r2.out" 2>"$tmp/r2.err"
rc=$?
expect '[ $rc -eq 0 ]' "review --since exits 0: $(cat "$tmp/r2.err")"
r2="$tmp/r2/index.html"
python3 "$tmp/check.py" "$tmp/r2" "$chg" >"$tmp/r2.check" 2>&1
rc=$?
expect '[ $rc -eq 0 ]' "changed report: $(cat "$tmp/r2.check")"
(cd "$chg" && find . -type f -exec sha256sum {} + | sort) >"$tmp/src-after"
expect 'cmp -s "$tmp/src-before" "$tmp/src-after"' "review writes nothing into the source"
expect 'grep -q "<ins><span class=\"tag\">增</span>兜住兜牢民生底线，</ins>" "$r2"' \
    "a paragraph edited inside shows the inserted characters, tagged 增"
expect 'grep -q "<p class=\"mod\"><span class=\"mark\">【修改】</span>第一条 为规范" "$r2"' "…in a line marked 【修改】"
expect 'grep -q "<p class=\"del\"><span class=\"mark\">【删除】</span><del>第三条 低保工作坚持" "$r2"' \
    "a deleted paragraph is struck through and marked 【删除】"
expect 'grep -q "标题：信丰县最低生活保障审核确认实施细则（<ins><span class=\"tag\">增</span>2024年修订，</ins>演示）" "$r2"' \
    "a changed title shows the change"
expect 'grep -q "<li><del>政务服务中心国庆假期办公时间调整公告（演示）</del>" "$r2"' "the removed document is listed"
expect 'grep -q "【新增】的文件" "$r2" && grep -q "notice-hostile</span></li>" "$r2"' "the added document is listed"
expect 'grep -q "文件：新增 1，删除 1，修改 3；目录事项：新增 0，删除 0，修改 2" "$r2"' "the header counts the changes (the item edited, and the one filing the retitled policy)"
expect 'grep -q "<del><span class=\"tag\">删</span>的主要内容</del>" "$r2"' "the changed directory item shows its diff"
expect 'grep -q "关于&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;停电的通知 &amp; &#39;x&#39; 其他" "$r2"' \
    "a hostile title is escaped"
expect '! grep -qi "<script" "$r2"' "no <script> reaches the page"
expect '! grep -q "内容版本不高于" "$r2"' "a raised version raises no warning"

# The same version as the published one: kiosks would refuse it, and the report says so before anyone signs.
sed -i 's/^content_version: 2024120101$/content_version: 2024110101/' "$chg/meta.yaml"
zh "$admin" review "$chg" -o "$tmp/r2b" --since "$tmp/published.db" >/dev/null 2>&1
expect 'grep -q "内容版本不高于已发布版本：一体机会拒绝安装" "$tmp/r2b/index.html"' "an unchanged version is warned about"

# ---- errors: the report still shows them and every readable document ----
bad="$tmp/bad"
cp -r "$ZWGK_SRC/assets/demo" "$bad"
sed -i 's/^interprets: xf-dibao-policy$/interprets: no-such-policy/' "$bad/docs/xf-dibao-policy-jd.md"
sed -i '/^title:/d' "$bad/docs/notice-manyidu.md"
printf -- '---\nid: broken\ntype: [oops\n---\nbody\n' >"$bad/docs/broken.md"
# a guide that cannot be read: the links to it are consequences, listed after the causes
printf -- '---\nid: guide-gaoling\ntype: guide\ntitle: [unclosed\n---\n' >"$bad/docs/guide-gaoling.md"
printf -- '---\nid: bad-utf8\ntype: notice\ntitle: 坏\xff字节\npublish_date: 2024-01-01\nissuer: 某局\n---\n正文\xc3\x28。\n' \
    >"$bad/docs/bad-utf8.md"
tail -n 1 "$bad/catalog.csv" >>"$bad/catalog.csv" # a repeated row: its key is already taken
zh "$admin" review "$bad" -o "$tmp/r3" >"$tmp/r3.out" 2>"$tmp/r3.err"
rc=$?
expect '[ $rc -eq 1 ]' "review of a source with errors exits 1"
r3="$tmp/r3/index.html"
expect '[ -s "$r3" ]' "…and still writes the report: $(cat "$tmp/r3.err")"
rm "$bad/docs/broken.md" "$bad/docs/guide-gaoling.md" # check.py looks for every document that can be read
python3 "$tmp/check.py" "$tmp/r3" "$bad" >"$tmp/r3.check" 2>&1
rc=$?
expect '[ $rc -eq 0 ]' "report with errors: $(cat "$tmp/r3.check")"
expect 'grep -q "<p class=\"status bad\">【错误】 有 8 个错误：此内容不能发布" "$r3"' "the header says it cannot be published"
expect 'grep -q "未能作为文件读取" "$r3" && grep -q "docs/broken.md 第 3 行" "$r3"' "the unreadable file is named, with its line"
# In the problems table: every cause, then what follows from them, then the warnings.
order=$(awk '/<h2 id="changes">/{exit} /<tr><td class="(err|warn)">/{print}' "$r3" |
    sed -n 's/^<tr><td class="[a-z]*">\(【[^】]*】\).*/\1/p' | uniq | tr -d '\n')
expect '[ "$order" = "【错误】【连带】【警告】" ]' "errors, then what follows from them, then warnings: $order"
expect 'grep -q "<tr><td class=\"err\">【连带】</td><td class=\"where\">catalog.csv [A-Z]*[0-9]*（序号[0-9]*）" "$r3"' \
    "a catalog link to the unreadable guide is listed as following from it"
expect 'grep -q "docs/guide-gaoling.md 第 4 行" "$r3"' "the unreadable guide is named"
expect 'grep -q "<td class=\"where\">catalog.csv D[0-9]*（序号[0-9]*）<br>字段 二级事项</td>" "$r3"' \
    "a catalog problem names its cell as Excel shows it, and its column"
expect 'grep -q "坏�字节" "$r3"' "invalid UTF-8 shows as U+FFFD"
expect 'grep -q "（无标题）" "$r3"' "a document without a title is still shown, and says so"

# ---- the output folder ----
zh "$admin" review "$chg" -o "$chg/report" >/dev/null 2>"$tmp/in.err"
rc=$?
expect '[ $rc -eq 1 ] && [ ! -e "$chg/report" ] && grep -q "在内容文件夹" "$tmp/in.err"' \
    "a report folder inside the source is refused: $(cat "$tmp/in.err")"
mkdir "$tmp/busy" && echo keep >"$tmp/busy/notes.txt"
zh "$admin" review "$ZWGK_SRC/assets/demo" -o "$tmp/busy" >/dev/null 2>"$tmp/busy.err"
rc=$?
expect '[ $rc -eq 1 ] && [ -s "$tmp/busy/notes.txt" ] && [ ! -e "$tmp/busy/index.html" ]' \
    "a folder of other files is refused and kept: $(cat "$tmp/busy.err")"
cp "$tmp/r1/img/d001.png" "$tmp/r2/img/d999-3.png"
zh "$admin" review "$chg" -o "$tmp/r2" --since "$tmp/published.db" >/dev/null 2>&1
expect '[ ! -e "$tmp/r2/img/d999-3.png" ] && [ -s "$tmp/r2/index.html" ]' "an earlier report is replaced, old images too"
zh "$admin" review "$chg" -o "$tmp/r4" --since "$tmp/nothing.db" >/dev/null 2>"$tmp/since.err"
rc=$?
expect '[ $rc -eq 1 ] && [ ! -e "$tmp/r4" ] && grep -q -- "--since" "$tmp/since.err"' "a missing --since database is named"
"$admin" review "$chg" >/dev/null 2>&1
rc=$?
expect '[ $rc -eq 2 ]' "review without -o is a usage error"
LANG=C LC_ALL= LANGUAGE= "$admin" review "$ZWGK_SRC/assets/demo" -o "$tmp/r5" >/dev/null 2>&1
expect 'grep -q "<h1>Content review report</h1>" "$tmp/r5/index.html"' "under LANG=C the report is English"
"$admin" review --help | grep -q "usage: zwgk-admin review" && ok || fail "review --help"

echo "admin_review: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
