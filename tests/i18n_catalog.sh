#!/usr/bin/env bash
# The zh_CN catalog is complete, and a Chinese system gets Chinese (include/zwgk/i18n.h, po/zh_CN/README.md).
#  - every _()/N_() msgid in src/ has a translation in po/zh_CN/*.po: none missing, none empty, none fuzzy;
#  - every translation keeps its msgid's printf directives (msgfmt -c), so a translated message can never crash;
#  - zwgk-admin --help is Chinese under LANG=zh_CN.UTF-8 (generated or not: see zwgk_i18n_init) and English under C;
#  - every sub-command on a bad input, and every sub-command's --help, is Chinese with no English sentence under
#    zh_CN and English under C.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

cd "$ZWGK_SRC" || exit 1
find src -name '*.c' | LC_ALL=C sort >"$tmp/files"
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --add-comments=TRANSLATORS \
    --files-from="$tmp/files" -o "$tmp/extracted.pot" 2>"$tmp/xgettext.err" || fail "xgettext: $(cat "$tmp/xgettext.err")"
# The kiosk's admin-facing texts are in the list too (src/ui: the PIN pad, admin mode, the update overlay), so one of
# them untranslated or fuzzy fails here like any zwgk-admin message.
for f in src/ui/screen_admin.c src/ui/updater.c; do
    grep -q "^#: .*$f:" "$tmp/extracted.pot" && ok || fail "xgettext found no message in $f"
done
msgcat --use-first -o "$tmp/zh_CN.po" po/zh_CN/*.po 2>"$tmp/msgcat.err" || fail "msgcat: $(cat "$tmp/msgcat.err")"
if msgfmt -c -o /dev/null "$tmp/zh_CN.po" 2>"$tmp/msgfmt.err"; then ok; else fail "msgfmt -c: $(cat "$tmp/msgfmt.err")"; fi

# Every msgid of the source, with the catalog's translation where it has one: untranslated there = missing.
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$tmp/zh_CN.po" "$tmp/extracted.pot" 2>"$tmp/msgmerge.err" ||
    fail "msgmerge: $(cat "$tmp/msgmerge.err")"
count() { msgattrib "$@" --no-obsolete 2>/dev/null | grep -c '^msgid ' || true; }
missing=$(count --untranslated "$tmp/merged.po")
if [ "${missing:-0}" -le 1 ]; then ok; else
    fail "$((missing - 1)) msgids in src/ have no zh_CN translation (add them to po/zh_CN/<file>.po):"
    msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -E '^(#:|msgid)' | head -40 >&2
fi
untranslated=$(count --untranslated "$tmp/zh_CN.po")
[ "${untranslated:-0}" -le 1 ] && ok || fail "$((untranslated - 1)) entries of po/zh_CN have an empty translation"
fuzzy=$(count --only-fuzzy "$tmp/zh_CN.po")
[ "${fuzzy:-0}" -le 1 ] && ok || fail "$((fuzzy - 1)) fuzzy entries in po/zh_CN (check and remove the fuzzy mark)"

admin="$ZWGK_BUILD/zwgk-admin"
zh=$(LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$admin" --help)
grep -q '用法：zwgk-admin' <<<"$zh" && ok || fail "LANG=zh_CN.UTF-8 --help is not Chinese: $zh"
grep -q '检查内容文件夹并生成内容数据库' <<<"$zh" && ok || fail "command summaries are not Chinese under zh_CN"
# The same where the zh_CN locale is not generated (LOCPATH hides the machine's locales): C.UTF-8 + LANGUAGE.
zh2=$(LOCPATH=/nonexistent LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$admin" --help)
grep -q '用法：zwgk-admin' <<<"$zh2" && ok || fail "without a generated zh_CN locale --help is not Chinese: $zh2"
en=$(LANG=C LC_ALL= LANGUAGE= "$admin" --help)
grep -q '^usage: zwgk-admin' <<<"$en" && ok || fail "LANG=C --help is not English: $en"
grep -qP '[\x{4e00}-\x{9fff}]' <<<"$en" && fail "LANG=C --help has Chinese: $en" || ok

# (grep <<<"$x", never echo "$x" | grep -q: grep stops reading at the first match, and under pipefail echo's SIGPIPE
# would fail the check at random.)
# Every command on a bad input (issue 9.5): Chinese under zh_CN with no English sentence in it, English under C.
# An "English sentence" is three English words in a row; file names, option names and single keys (sig-missing,
# publish_date) may stay as they are, since the staffer types them.
english='[A-Za-z]{2,}[,;]? [A-Za-z]{2,}[,;]? [A-Za-z]{2,}'
mkdir -p "$tmp/bad/docs" "$tmp/data" "$tmp/empty"
cp "$ZWGK_SRC/tests/data/src/minimal/meta.yaml" "$ZWGK_SRC/tests/data/src/minimal/catalog.csv" "$tmp/bad/"
printf -- '---\nid: bad-date\ntype: notice\ntitle: 通知\nissuer: 县政府办公室\npublish_date: 2024-13-12\n---\n正文。\n' \
    >"$tmp/bad/docs/bad.md"
"$admin" build "$ZWGK_SRC/assets/demo" -o "$tmp/demo.db" >/dev/null 2>&1 || fail "the demo does not build"
"$admin" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null 2>&1 || fail "keygen"
cp "$tmp/demo.db" "$tmp/unsigned.db"
printf 'not,a,statistics,export\n' >"$tmp/stats.csv"
printf 'not a word document' >"$tmp/letter.docx"
mkdir -p "$tmp/damaged"
printf 'this is not a database%.0s' $(seq 100) >"$tmp/damaged/local.db"
printf 'idle_secnds = 90\n' >"$tmp/typo.conf"
cases=(
    "build $tmp/bad -o $tmp/out.db"
    "check $tmp/bad"
    "import $tmp/letter.docx -o $tmp/imported"
    "import $tmp/missing.docx -o $tmp/imported"
    "info $tmp/missing.db"
    "info $tmp/stats.csv"
    "search $tmp/missing.db 低保"
    "search $tmp/demo.db 低保 --limit 0"
    "preview $tmp/demo.db no-such-doc -o $tmp/p.png"
    "preview $tmp/demo.db xf-dibao-policy -o $tmp/p.png --size huge"
    "review $tmp/bad -o $tmp/report"
    "print no-such-doc --content $tmp/demo.db -o $tmp/p.pdf"
    "pin --data $tmp/data --pin 12"
    "pin --data $tmp/damaged --pin 1234"
    "install $tmp/unsigned.db --data $tmp/data --config $tmp/typo.conf"
    "keygen -p $tmp/k.pub -s $tmp/k.key"
    "sign $tmp/unsigned.db --key $tmp/missing.key"
    "sign $tmp/stats.csv --key $tmp/k.key"
    "verify $tmp/unsigned.db --trust $tmp/k.pub"
    "install $tmp/unsigned.db --data $tmp/data --trust $tmp/k.pub"
    "rollback --data $tmp/data"
    "status --data $tmp/missing"
    "stats $tmp/stats.csv"
    "stats"
    "no-such-command"
)
for c in "${cases[@]}"; do
    # shellcheck disable=SC2086 # the case is words
    zh_out=$(cd "$tmp/empty" && LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$admin" $c 2>&1 </dev/null)
    zh_rc=$?
    en_out=$(cd "$tmp/empty" && LANG=C LC_ALL= LANGUAGE= "$admin" $c 2>&1 </dev/null)
    en_rc=$?
    rm -rf "$tmp/report" "$tmp/imported"
    [ "$zh_rc" -ne 0 ] && [ "$zh_rc" -eq "$en_rc" ] && ok || fail "zwgk-admin $c: exit $zh_rc under zh_CN, $en_rc under C (a bad input)"
    grep -qP '[\x{4e00}-\x{9fff}]' <<<"$zh_out" && ok || fail "zwgk-admin $c under zh_CN has no Chinese: $zh_out"
    if grep -E "$english" <<<"${zh_out//$tmp/TMP}" >"$tmp/english.txt"; then
        fail "zwgk-admin $c under zh_CN prints English: $(cat "$tmp/english.txt")"
    else ok; fi
    grep -qE '[A-Za-z]{2,} [A-Za-z]{2,}' <<<"${en_out//$tmp/TMP}" && ok || fail "zwgk-admin $c under C is not English: $en_out"
done
# Every command's --help, both ways.
for c in $(LANG=C "$admin" --help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
    zh_help=$(LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$admin" "$c" --help)
    grep -q "^用法：zwgk-admin $c" <<<"$zh_help" && ok || fail "$c --help is not Chinese under zh_CN: $zh_help"
    grep -E "$english" <<<"$zh_help" >"$tmp/english.txt" && fail "$c --help under zh_CN: $(cat "$tmp/english.txt")" || ok
    en_help=$(LANG=C LC_ALL= LANGUAGE= "$admin" "$c" --help)
    grep -q "^usage: zwgk-admin $c" <<<"$en_help" && ok || fail "$c --help is not English under C"
    grep -qE "$english" <<<"$en_help" && ok || fail "$c --help under C has no English sentence: $en_help"
done
import_help=$(LANG=C "$admin" import --help)
grep -q -- '--soffice PROGRAM' <<<"$import_help" && ok || fail "import --help does not name --soffice"

echo "i18n_catalog: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
