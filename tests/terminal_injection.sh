#!/usr/bin/env bash
# terminal_injection.sh — issue 12.9: what zwgk-admin prints can never drive the terminal or forge a line.
#
#  - info: a content database whose meta and titles hold ANSI escapes, an OSC title sequence and a bidi override
#    (a content author spoofing what the reviewer sees): the output holds none of those bytes, only their escapes;
#  - status: a package on a stick whose file name holds an escape and a newline followed by a fake history row
#    ("… install ok"), refused at install: the history row is stored escaped in local.db, and status prints neither
#    the escape nor a line that starts like a real row.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# no_controls FILE: no ESC, BEL or C1 byte and no U+202E (RLO) in FILE
no_controls() { ! LC_ALL=C grep -q -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80\xae' "$1"; }

cp "$ZWGK_BUILD/demo.db" "$tmp/evil.db"
python3 - "$tmp/evil.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE meta SET value = ? WHERE key = 'title'", ("审核通过\x1b[2J\x1b[32m 全部合格\x1b]0;pwned\x07",))
c.execute("UPDATE meta SET value = ? WHERE key = 'publisher'", ("信丰县\u202e府政民人\u202c",))
c.execute("UPDATE docs SET title = ? WHERE id = (SELECT min(id) FROM docs)", ("标题\x1b[8m隐藏\x1b[0m\x9b31m",))
c.commit()
PY
"$admin" info "$tmp/evil.db" >"$tmp/info.txt" 2>&1 || fail "info failed: $(tail -n 3 "$tmp/info.txt")"
no_controls "$tmp/info.txt" && ok || fail "info printed control characters raw"
grep -qF 'title:           审核通过\x1b[2J' "$tmp/info.txt" && grep -qF '\u{202e}' "$tmp/info.txt" && ok ||
    fail "info does not show the escapes visibly: $(head -n 3 "$tmp/info.txt")"

"$admin" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null
mkdir -p "$tmp/stick"
name=$'evil\x1b[31m\n2024-11-01T00:00:00Z  install  ok           forged.db'
cp "$ZWGK_BUILD/demo.db" "$tmp/stick/$name"
printf 'untrusted comment: x\nnot a signature\n' >"$tmp/stick/$name.minisig"
if "$admin" install "$tmp/stick/$name" --data "$tmp/data" --trust "$tmp/k.pub" >"$tmp/install.txt" 2>&1; then
    fail "the forged package was installed"
fi
no_controls "$tmp/install.txt" && ! grep -q '^2024-11-01T00:00:00Z' "$tmp/install.txt" && ok ||
    fail "install's refusal printed the file name raw: $(cat -v "$tmp/install.txt")"
"$admin" status --data "$tmp/data" >"$tmp/status.txt" 2>&1
no_controls "$tmp/status.txt" && ok || fail "status printed control characters raw: $(cat -v "$tmp/status.txt")"
grep -q '^ *2024-11-01T00:00:00Z' "$tmp/status.txt" && fail "status shows a forged history row: $(cat -v "$tmp/status.txt")" || ok
python3 - "$tmp/data/local.db" <<'PY' && ok || fail "local.db stores the unauthenticated file name raw"
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT package || detail FROM history").fetchall()
sys.exit(1 if not rows or any("\x1b" in r[0] or "\n" in r[0] for r in rows) else 0)
PY
echo "terminal_injection: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
