#!/usr/bin/env bash
# Issue 10 §5: search that leaves room for results; see tests/kiosk_search.py.
set -euo pipefail
exec python3 "$(dirname "$0")/kiosk_search.py"
