#!/usr/bin/env bash
# run_search.sh — the search benchmark (issues 5 and 6): one command, one table.
#
#   bash bench/run_search.sh            # Release build in build-bench/, corpora and databases in /tmp/zwgk-bench
#
# Builds a Release tree with -DZWGK_BENCH=ON, generates the 1k / 5k / 20k document corpora (deterministic: same
# bytes every run), then bench_search builds each into a content database and replays typing on it, beside the demo
# content.  Environment: ZWGK_BENCH_BUILD (build folder), ZWGK_BENCH_DIR (work folder), ZWGK_BENCH_SIZES (default
# "1000 5000 20000"), ZWGK_BENCH_ROUNDS (default 5).  Needs about 1 GB in the work folder and a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ZWGK_BENCH_BUILD:-build-bench}
work=${ZWGK_BENCH_DIR:-/tmp/zwgk-bench}
sizes=${ZWGK_BENCH_SIZES:-1000 5000 20000}
rounds=${ZWGK_BENCH_ROUNDS:-5}

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DZWGK_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target gen_corpus bench_search >/dev/null

mkdir -p "$work"
corpora=(demo=assets/demo)
for n in $sizes; do
    rm -rf "$work/c$n"
    "$build/bench/gen_corpus" --docs "$n" --out "$work/c$n" --demo assets/demo/docs
    corpora+=("$((n / 1000))k=$work/c$n")
done

echo "# search benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "# SQLite $(pkg-config --modversion sqlite3)"
"$build/bench/bench_search" --work "$work" --rounds "$rounds" "${corpora[@]}"
