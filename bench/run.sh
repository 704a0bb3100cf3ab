#!/usr/bin/env bash
# bench/run.sh — builds a Release tree with the benchmarks and prints one table (BENCHMARKS.md records it).
#   bash bench/run.sh            all benchmarks
#   RUNS=10 bash bench/run.sh    fewer repetitions
# Needs the test packages (bash .ci/setup.sh test); the Chromium reference needs `apt-get install chromium`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-30}
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DZWGK_BENCH=ON >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB"
echo "date: $(date -u +%Y-%m-%d), commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)"
echo
echo "| figure | target | measured | reference | |"
echo "|---|---|---|---|---|"
python3 bench/kiosk_bench.py build-bench --runs "$runs"
layout=$(./build-bench/bench/bench_layout build-bench/demo.db 200)
python3 - "$layout" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
met = "met" if d["p99_ms"] < 10 else "NOT met"
print(f"| layout of a {d['chars']:,}-character document, set justified (72 px, 1080 column) | < 10 ms | "
      f"median {d['median_ms']:.2f} ms, p99 {d['p99_ms']:.2f} ms ({d['lines']} lines) | "
      f"breaking only: median {d['natural_median_ms']:.2f} ms, p99 {d['natural_p99_ms']:.2f} ms | {met} |")
PY
bash bench/bench_package.sh build-bench
bash bench/bench_review.sh build-bench
python3 bench/read_aloud_bench.py build-bench --runs 10
python3 bench/print_latency.py build-bench --runs "$((runs < 20 ? runs : 20))"
command -v valgrind >/dev/null && bash bench/callgrind.sh build-bench
echo
echo "Search (per keystroke, beside a LIKE scan of the same text):"
ZWGK_BENCH_BUILD=build-bench bash bench/run_search.sh
