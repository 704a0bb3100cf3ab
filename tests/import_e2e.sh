#!/usr/bin/env bash
# zwgk-admin import end to end (issue 9 §3): 公文 made the way offices make them (tests/import/make_gongwen.py:
# python-docx, LibreOffice from flat ODF, LibreOffice's PDF of each seed) are imported, built as they are and shown
# by the kiosk; the checks are in tests/import/check_import.py.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
PY=/usr/bin/python3
"$PY" -c 'import docx' 2>/dev/null || { echo "SKIP: python3-docx is not installed"; exit 77; }
command -v soffice >/dev/null || { echo "SKIP: soffice (libreoffice-writer-nogui) is not installed"; exit 77; }
command -v pdftotext >/dev/null || { echo "SKIP: pdftotext (poppler-utils) is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" "$ZWGK_SRC/tests/import/make_gongwen.py" "$tmp/fx" || { echo "FAIL: make_gongwen.py" >&2; exit 1; }
"$PY" "$ZWGK_SRC/tests/import/check_import.py" "$tmp"
