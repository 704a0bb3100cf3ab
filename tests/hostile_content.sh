#!/usr/bin/env bash
# Hostile content in validly signed packages: the kiosk stays responsive and bounded, validation refuses what it
# should; see tests/hostile_content.py.  ZWGK_HOSTILE_FULL=1 adds the slow cases.
set -euo pipefail
exec python3 "$(dirname "$0")/hostile_content.py" "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
