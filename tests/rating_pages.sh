#!/usr/bin/env bash
# rating_pages.sh — every page of the rating card shows the question its chips answer, at every size (see
# tests/rating_pages.py).
set -euo pipefail
exec python3 "$(dirname "$0")/rating_pages.py"
