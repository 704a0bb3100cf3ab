#!/usr/bin/env bash
# End-to-end tests of the kiosk's screens by --script; see tests/kiosk_e2e.py.
set -euo pipefail
exec python3 "$(dirname "$0")/kiosk_e2e.py"
