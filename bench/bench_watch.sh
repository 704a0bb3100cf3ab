#!/usr/bin/env bash
# bench_watch.sh — CPU a live kiosk spends while a stick of N junk package pairs stays in (issue 12.12), and the
# history rows that stick adds.  The stick is a folder under /run/media named in a mounts table (ZWGK_MOUNTS), as
# tests/test_package.c does; the kiosk runs offscreen on the demo.  CPU is utime+stime of the process over 10 s,
# after 5 s to settle.  Prints table rows for BENCHMARKS.md.
#   bash bench/bench_watch.sh BUILD_DIR [N...]     (needs a writable /run/media: root)
set -euo pipefail
build=${1:-build}
shift || true
counts=("${@:-5000 10000}")
[ $# -gt 0 ] || counts=(5000 10000)
tick=$(getconf CLK_TCK)
for n in "${counts[@]}"; do
    w=$(mktemp -d)
    stick=/run/media/zwgk-bench-$$/STICK
    mkdir -p "$stick" "$w/data"
    (cd "$stick" && for i in $(seq -w 1 "$n"); do : >"junk-$i.db"; echo "not a signature" >"junk-$i.db.minisig"; done)
    printf '/dev/sdz1 %s vfat ro 0 0\n' "$stick" >"$w/mounts"
    ZWGK_MOUNTS="$w/mounts" SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
        "$build/zwgk-kiosk" --content "$build/demo.db" --data "$w/data" --windowed 1080x1920 >/dev/null 2>&1 &
    pid=$!
    sleep 5
    cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
    a=$(cpu)
    sleep 10
    b=$(cpu)
    kill "$pid" && wait "$pid" 2>/dev/null || true
    rows=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from history').fetchone()[0])" "$w/data/local.db")
    pct=$(python3 -c "print(f'{($b - $a) / $tick / 10 * 100:.1f}')")
    echo "| stick of $n junk pairs left in, $build | CPU ${pct} % of a core (after 5 s, over 10 s) | history rows after 15 s: $rows |"
    rm -rf "$w" "/run/media/zwgk-bench-$$"
done
