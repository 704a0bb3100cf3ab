#!/usr/bin/env bash
# Pages that tell the truth on every scrolling screen, every size step, all three screens: see tests/kiosk_pages.py.
set -euo pipefail
exec python3 "$(dirname "$0")/kiosk_pages.py" "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
