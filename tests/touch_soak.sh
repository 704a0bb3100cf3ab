#!/usr/bin/env bash
# Touch soak: a seeded random walk of taps, drags, flicks, keys, typing and idle timeouts over every screen of the
# real kiosk, with a signed package arriving mid-scroll and a damaged one refused; see tests/touch_soak.py.
# ZWGK_SOAK_ACTIONS=20000 for the long run (the default keeps the sanitizer build's run near a minute).
set -euo pipefail
exec python3 "$(dirname "$0")/touch_soak.py" "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
