#!/usr/bin/env bash
# The zh_CN catalog is complete, and a Chinese system gets Chinese (include/zwgk/i18n.h, po/zh_CN/README.md).
#  - every _()/N_() msgid in src/ has a translation in po/zh_CN/*.po: none missing, none empty, none fuzzy;
#  - every translation keeps its msgid's printf directives (msgfmt -c), so a translated message can never crash;
#  - zwgk-admin --help is Chinese under LANG=zh_CN.UTF-8 (generated or not: see zwgk_i18n_init) and English under C;
#  - every sub-command on a bad input, and every sub-command's --help, is Chinese with no English sentence under
#    zh_CN and English under C;
#  - no msgid is translated two different ways in two fragments (po/check-conflicts.sh, which the build runs too);
#  - the package module's sentences (install, rollback, status, a bad trusted_key) and zwgk-kiosk's --help and
#    start-up errors are the catalog's Chinese under zh_CN and English under C.
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
# No msgid is translated two ways in two fragments (the merge below keeps the first and would hide the other), and
# the check that the build runs does catch one: a copy of the fragments with a conflict made on purpose fails it.
sh po/check-conflicts.sh "$tmp/shared.po" po/zh_CN/*.po 2>"$tmp/conflicts.err" && ok ||
    fail "po/check-conflicts.sh: $(cat "$tmp/conflicts.err")"
mkdir -p "$tmp/po-conflict" && cp po/zh_CN/*.po "$tmp/po-conflict/"
printf '\nmsgid "Publisher"\nmsgstr "出版者"\n' >>"$tmp/po-conflict/ui_jobs.po"
if sh po/check-conflicts.sh "$tmp/conflict.po" "$tmp"/po-conflict/*.po 2>"$tmp/conflicts.err"; then
    fail "po/check-conflicts.sh passes a msgid translated two ways"
else grep -q 'msgid "Publisher"' "$tmp/conflicts.err" && ok || fail "the conflict is not named: $(cat "$tmp/conflicts.err")"; fi
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
# The package module's sentences (install, rollback, status; issue 9 §5): the catalog's Chinese under zh_CN, English
# with no Chinese under C — the reasons were Chinese literals once, printed whatever the locale.  status shows a
# history row in the reader's language whichever language wrote it (local.db keeps the reason's code).
# zh_en WHAT ZH_TEXT EN_TEXT ARGS...: zwgk-admin ARGS prints ZH_TEXT under zh_CN, EN_TEXT and no Chinese under C
# (@L@ in ARGS is zh, then en).  A history row's technical detail is left out of the last check: local.db keeps it as
# written, English but for a system error in the writer's language (include/zwgk/local.h).
zh_en() {
    local what=$1 zh_text=$2 en_text=$3 out l
    shift 3
    for l in zh en; do
        local args=("${@//@L@/$l}")
        if [ $l = zh ]; then
            out=$(cd "$tmp/empty" && LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$admin" "${args[@]}" 2>&1 </dev/null)
            grep -qF -- "$zh_text" <<<"$out" && ok || fail "$what under zh_CN does not say 「$zh_text」: $out"
        else
            out=$(cd "$tmp/empty" && LANG=C LC_ALL= LANGUAGE= "$admin" "${args[@]}" 2>&1 </dev/null)
            grep -qF -- "$en_text" <<<"$out" && ok || fail "$what under C does not say '$en_text': $out"
            grep -v '^  20[0-9][0-9]-' <<<"${out//$tmp/TMP}" | grep -P '[\x{4e00}-\x{9fff}]' >"$tmp/han.txt" &&
                fail "$what under C prints Chinese: $(cat "$tmp/han.txt")" || ok
        fi
    done
}
cp "$tmp/demo.db" "$tmp/signed.db"
"$admin" sign "$tmp/signed.db" --key "$tmp/k.key" >/dev/null 2>&1 || fail "sign"
zh_en "install (sig-missing)" "内容包缺少签名文件（.db.minisig），无法确认来源，未安装。" \
    "The package has no signature file (.db.minisig), so where it comes from cannot be confirmed" \
    install "$tmp/unsigned.db" --data "$tmp/pkgdata" --trust "$tmp/k.pub"
zh_en "install" "内容已更新到版本" "The content was updated to version" \
    install "$tmp/signed.db" --data "$tmp/pkgdata-@L@" --trust "$tmp/k.pub"
"$admin" install "$tmp/signed.db" --data "$tmp/pkgdata" --trust "$tmp/k.pub" >/dev/null 2>&1 || fail "install"
zh_en "install (same version)" "本机已经是这个版本（" "This kiosk already has this version (" \
    install "$tmp/signed.db" --data "$tmp/pkgdata" --trust "$tmp/k.pub"
zh_en "rollback" "没有可以恢复的上一个版本。" "There is no previous version to go back to." rollback --data "$tmp/pkgdata"
zh_en "status --repair" "本机数据完好，不需要修复。" "The kiosk's data is intact; nothing to repair." \
    status --data "$tmp/pkgdata" --repair
zh_en "status: the history's reasons" "本机已经是这个版本，不需要安装。" "This kiosk already has this version; nothing to install." \
    status --data "$tmp/pkgdata"
minisign_line=$(tail -n 1 "$tmp/k.pub")
printf 'trusted_key = %s\ntrusted_key = RWQnotakey\n' "$minisign_line" >"$tmp/badkey.conf"
zh_en "install --config (a bad trusted_key)" "第 2 行：第 2 个 trusted_key：不是 minisign 公钥" \
    "line 2: trusted_key 2: not a minisign public key" install "$tmp/signed.db" --data "$tmp/pkgdata" --config "$tmp/badkey.conf"

# zwgk-kiosk: --help and its start-up errors are read by the county admin who installs it.
kiosk="$ZWGK_BUILD/zwgk-kiosk"
kz() { LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= "$kiosk" "$@" 2>&1 </dev/null; }
ke() { LANG=C LC_ALL= LANGUAGE= "$kiosk" "$@" 2>&1 </dev/null; }
out=$(kz --help)
grep -q '^用法：zwgk-kiosk' <<<"$out" && grep -q '政务公开专区的全屏自助查询一体机程序' <<<"$out" && ok ||
    fail "zwgk-kiosk --help is not Chinese under zh_CN: $out"
grep -E "$english" <<<"$out" >"$tmp/english.txt" && fail "zwgk-kiosk --help under zh_CN: $(cat "$tmp/english.txt")" || ok
grep -q '^usage: zwgk-kiosk' <<<"$(ke --help)" && ok || fail "zwgk-kiosk --help is not English under C"
out=$(kz --config "$tmp/typo.conf")
grep -q '没有“idle_secnds”这个配置项' <<<"$out" && ok || fail "zwgk-kiosk: an unknown config key under zh_CN: $out"
grep -q "unknown key 'idle_secnds'" <<<"$(ke --config "$tmp/typo.conf")" && ok || fail "zwgk-kiosk: an unknown key under C"
out=$(kz --windowed 12)
grep -q '后面应写“宽x高”' <<<"$out" && ok || fail "zwgk-kiosk --windowed 12 under zh_CN: $out"
out=$(SDL_VIDEODRIVER=no-such-driver kz --windowed 640x480 --content "$tmp/demo.db")
grep -q '^zwgk-kiosk：无法启动 SDL：' <<<"$out" && ok || fail "zwgk-kiosk without a video driver under zh_CN: $out"
out=$(SDL_VIDEODRIVER=no-such-driver ke --windowed 640x480 --content "$tmp/demo.db")
grep -q '^zwgk-kiosk: cannot start SDL: ' <<<"$out" && ok || fail "zwgk-kiosk without a video driver under C: $out"

import_help=$(LANG=C "$admin" import --help)
grep -q -- '--soffice PROGRAM' <<<"$import_help" && ok || fail "import --help does not name --soffice"

echo "i18n_catalog: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
