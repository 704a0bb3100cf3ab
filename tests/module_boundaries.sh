#!/usr/bin/env bash
# The module boundaries of CMakeLists.txt: README table = declarations = #includes, and `readelf -d zwgk-kiosk` lists
# no authoring library (md4c, libyaml, libcsv, FreeType).  See tests/module_boundaries.py.
set -euo pipefail
exec python3 "$(dirname "$0")/module_boundaries.py" "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
