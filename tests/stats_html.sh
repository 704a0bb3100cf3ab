#!/usr/bin/env bash
# stats_html.sh — `zwgk-admin stats … --html DIR` opened in headless Chromium (tests/stats_html.py says what).
set -euo pipefail
exec python3 "$(dirname "$0")/stats_html.py"
