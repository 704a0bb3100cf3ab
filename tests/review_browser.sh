#!/usr/bin/env bash
# The review report in a real browser (headless Chromium): it opens from a folder with no server, every page image
# loads (naturalWidth × naturalHeight = 1080 × 1920, read from the DOM after the load event), the hostile title is
# text (no element came of it), and a screenshot of the top of the report is taken (and, with ZWGK_UPDATE_DOCS=1,
# kept as docs/screenshots/review-report.png).  Chromium is started once per check and exits by itself.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
command -v chromium >/dev/null || {
    echo "SKIP: chromium is not installed (apt-get install chromium)"
    exit 77
}
admin="$ZWGK_BUILD/zwgk-admin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
expect() { if eval "$1"; then ok; else fail "$2"; fi; }

# The flags of /work/.library/env/machines/c.md "Known to work": no sandbox as root, no GPU, and nothing that would
# reach for a network this machine does not have.  A fresh profile each time.
browser() {
    local profile
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
        --user-data-dir="$profile" "$@" 2>>"$tmp/chromium.log"
}

# A report with everything in it: a changed copy of the demo, --since the demo's database, with a hostile title.
"$admin" build "$ZWGK_SRC/assets/demo" -o "$tmp/published.db" >/dev/null 2>&1
src="$tmp/src"
cp -r "$ZWGK_SRC/assets/demo" "$src"
sed -i 's/^content_version: 2024110101$/content_version: 2024120101/' "$src/meta.yaml"
sed -i 's/保障困难群众基本生活，/保障困难群众基本生活，兜住兜牢民生底线，/' "$src/docs/xf-dibao-policy.md"
cat >"$src/docs/notice-hostile.md" <<'EOF'
---
id: notice-hostile
type: notice
title: 关于<script>document.title="pwned"</script><img src=x onerror=alert(1)>的通知
publish_date: 2024-11-20
issuer: 信丰县政务服务中心（演示）
---
本公告为演示内容。
EOF
LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$admin" review "$src" -o "$tmp/report" --since "$tmp/published.db" >/dev/null \
    2>"$tmp/review.err"
rc=$?
expect '[ $rc -eq 0 ] && [ -s "$tmp/report/index.html" ]' "review: $(cat "$tmp/review.err")"

# Every image, as the browser loaded it: a copy of the page with a script that runs after the load event and writes
# what it found into the DOM, which --dump-dom then prints.  (The report itself has no script.)
imgs=$(grep -o '<img src="' "$tmp/report/index.html" | wc -l)
sed 's#</body>#<script>window.addEventListener("load", function () {\
  var out = [], im = document.images, bad = 0;\
  for (var i = 0; i < im.length; i++) {\
    if (!im[i].complete || im[i].naturalWidth !== 1080 || im[i].naturalHeight !== 1920) { bad++; out.push(im[i].getAttribute("src")); }\
  }\
  var p = document.createElement("pre"); p.id = "zwgk-check";\
  p.textContent = "images=" + im.length + " bad=" + bad + " scripts=" + document.scripts.length +\
    " title=" + document.title + " missing=" + out.join(",");\
  document.body.appendChild(p);\
});</script></body>#' "$tmp/report/index.html" >"$tmp/report/check.html"
browser --dump-dom --virtual-time-budget=60000 "file://$tmp/report/check.html" >"$tmp/dom.html"
line=$(grep -o '<pre id="zwgk-check">[^<]*' "$tmp/dom.html" | sed 's/^<pre id="zwgk-check">//')
expect '[ -n "$line" ]' "the load event came and the check ran (chromium: $(tail -3 "$tmp/chromium.log"))"
expect '[[ "$line" == "images=$imgs bad=0 "* ]]' "every one of the $imgs images loaded at 1080×1920: $line"
expect '[[ "$line" == *" scripts=1 "* ]]' "the only script on the page is the check's own (a title made none): $line"
expect '[[ "$line" == *" title=审核报告："* ]]' "the page title is the report's: $line"
expect 'grep -qF "关于&lt;script&gt;document.title=\"pwned\"&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;的通知" "$tmp/dom.html"' \
    "the hostile title is text in the DOM"
expect 'grep -q "<ins><span class=\"tag\">增</span>兜住兜牢民生底线，</ins>" "$tmp/dom.html"' "the diff is in the DOM"

# A screenshot of the top of the report (header, sign-off, problems, changes), to look at.
browser --screenshot="$tmp/report.png" --window-size=1280,2400 "file://$tmp/report/index.html" >/dev/null
expect '[ -s "$tmp/report.png" ] && [ "$(head -c 8 "$tmp/report.png" | od -An -tx1 | tr -d " ")" = 89504e470d0a1a0a ]' \
    "chromium took a screenshot of the report"
# Printed (the sign-off is signed on paper): a PDF whose first page holds the header and the sign-off block.
browser --print-to-pdf="$tmp/report.pdf" --no-pdf-header-footer "file://$tmp/report/index.html" >/dev/null
expect '[ -s "$tmp/report.pdf" ] && head -c 5 "$tmp/report.pdf" | grep -q "%PDF-"' "the report prints to PDF"
if command -v pdftotext >/dev/null; then
    pdftotext -f 1 -l 1 "$tmp/report.pdf" "$tmp/page1.txt"
    expect 'grep -qx "审核签字" "$tmp/page1.txt" && grep -qx "初审" "$tmp/page1.txt" && grep -qx "终审" "$tmp/page1.txt"' \
        "the whole sign-off block is on the first printed page: $(cat "$tmp/page1.txt")"
fi
if [ "${ZWGK_UPDATE_DOCS:-}" = 1 ]; then
    cp "$tmp/report.png" "$ZWGK_SRC/docs/screenshots/review-report.png"
    [ -n "$(command -v pdftoppm)" ] && pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tmp/report.pdf" \
        "$ZWGK_SRC/docs/screenshots/review-report-print"
fi
[ -n "${ZWGK_REVIEW_KEEP:-}" ] && cp -r "$tmp/report" "$tmp/report.png" "$tmp/report.pdf" "$ZWGK_REVIEW_KEEP"/

echo "review_browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
