#!/usr/bin/env bash
# rating_e2e.sh — 好差评 on the kiosk, end to end (tests/rating_e2e.py says what is checked).
set -euo pipefail
exec python3 "$(dirname "$0")/rating_e2e.py"
