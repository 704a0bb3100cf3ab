#!/usr/bin/env bash
# 朗读 through espeak-ng to SDL's disk audio driver: what the device received, and what the screen showed: see
# tests/read_aloud.py.  Skips (77) without espeak-ng.
set -euo pipefail
exec python3 "$(dirname "$0")/read_aloud.py" "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
