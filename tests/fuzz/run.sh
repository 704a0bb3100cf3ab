#!/usr/bin/env bash
# run.sh — the long libFuzzer run of every fuzz target (ROBUSTNESS.md records its figures).
#
#   bash tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      default: 200 s each, every target
#
# Builds build-fuzz with clang (ZWGK_FUZZ=ON: libFuzzer, ASan, UBSan), then fuzzes each target in turn, one core,
# starting from its seed corpus (tests/fuzz/corpus/T, never written) and the corpus grown by earlier runs
# (build-fuzz/work/T).  Findings go to build-fuzz/artifacts/T-crash-…: minimize with
#     build-fuzz/tests/fuzz/fuzz_T -minimize_crash=1 -runs=10000 FILE
# fix the bug, and keep the input as tests/fuzz/corpus/T/regression-NAME so every CI build replays it.
# Prints one line per target: executions, coverage, corpus size, findings.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-200}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv markdown minisign package text script search)
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DZWGK_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
mkdir -p build-fuzz/artifacts
for t in "${targets[@]}"; do
    mkdir -p "build-fuzz/work/$t"
    log="build-fuzz/artifacts/$t.log"
    rc=0
    touch "build-fuzz/artifacts/.start-$t"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        "build-fuzz/tests/fuzz/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="build-fuzz/artifacts/$t-" "build-fuzz/work/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
    found=$(find build-fuzz/artifacts -name "$t-*" -newer "build-fuzz/artifacts/.start-$t" | wc -l)
    echo "fuzz_$t: ${secs} s, ${execs:-?} executions, ${cov:-?}, corpus $(ls "build-fuzz/work/$t" | wc -l) files," \
        "exit $rc, new findings: $found"
done
