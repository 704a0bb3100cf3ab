#!/usr/bin/env bash
# The zh_CN catalog is complete, and a Chinese system gets Chinese (include/zwgk/i18n.h, po/zh_CN/README.md).
#  - every _()/N_() msgid in src/ has a translation in po/zh_CN/*.po: none missing, none empty, none fuzzy;
#  - every translation keeps its msgid's printf directives (msgfmt -c), so a translated message can never crash;
#  - zwgk-admin --help is Chinese under LANG=zh_CN.UTF-8 (generated or not: see zwgk_i18n_init) and English under C.
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
echo "$zh" | grep -q '用法：zwgk-admin' && ok || fail "LANG=zh_CN.UTF-8 --help is not Chinese: $zh"
echo "$zh" | grep -q '检查内容文件夹并生成内容数据库' && ok || fail "command summaries are not Chinese under zh_CN"
# The same where the zh_CN locale is not generated (LOCPATH hides the machine's locales): C.UTF-8 + LANGUAGE.
zh2=$(LOCPATH=/nonexistent LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$admin" --help)
echo "$zh2" | grep -q '用法：zwgk-admin' && ok || fail "without a generated zh_CN locale --help is not Chinese: $zh2"
en=$(LANG=C LC_ALL= LANGUAGE= "$admin" --help)
echo "$en" | grep -q '^usage: zwgk-admin' && ok || fail "LANG=C --help is not English: $en"
echo "$en" | grep -qP '[\x{4e00}-\x{9fff}]' && fail "LANG=C --help has Chinese: $en" || ok

echo "i18n_catalog: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
