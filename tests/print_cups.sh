#!/usr/bin/env bash
# print_cups.sh — 打印 through a real cupsd with virtual printers (tests/print_cups.py says what is checked).
set -euo pipefail
exec python3 "$(dirname "$0")/print_cups.py"
