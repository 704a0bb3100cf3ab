#!/usr/bin/env bash
# bench_package.sh — package verify + install of a ~100 MB content database beside its reference (b2sum + cp + sync
# of the same file), the authoring build of the 20k-document corpus, and import-to-visible latency of a package
# dropped into a live kiosk's watched folder.  Prints table rows for bench/run.sh.
#   bash bench/bench_package.sh BUILD_DIR [WORK_DIR]
set -euo pipefail
build=${1:-build-bench}
work=${2:-/tmp/zwgk-bench-pkg}
runs=${RUNS:-5}
admin="$build/zwgk-admin"
mkdir -p "$work"
ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.0f}')" "$1"; }
stats() { python3 -c "
import statistics, sys
v = sorted(float(x) for x in sys.argv[1:])
print(f'{statistics.median(v) * 1000:.0f} {v[min(len(v) - 1, round((len(v) - 1) * 0.99))] * 1000:.0f}')" "$@"; }

# The corpora: 20k documents for the authoring build; about 9k make a ~100 MB database.
[ -d "$work/c20000" ] || "$build/bench/gen_corpus" --docs 20000 --out "$work/c20000" --demo assets/demo/docs >/dev/null
[ -d "$work/c9000" ] || "$build/bench/gen_corpus" --docs 9000 --out "$work/c9000" --demo assets/demo/docs >/dev/null
t0=$(date +%s.%N)
"$admin" build "$work/c20000" -o "$work/c20000.db" >/dev/null 2>&1
build20k=$(python3 -c "print($(date +%s.%N) - $t0)")
sed -i 's/^content_version: .*/content_version: 2024110101/' "$work/c9000/meta.yaml"
sed -i 's/^publisher_id: .*/publisher_id: xinfeng-demo/' "$work/c9000/meta.yaml"
"$admin" build "$work/c9000" -o "$work/pkg.db" >/dev/null 2>&1
size_mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$work/pkg.db\") / 2**20:.0f}')")
"$admin" keygen -f -p "$work/k.pub" -s "$work/k.key" >/dev/null
"$admin" sign "$work/pkg.db" --key "$work/k.key" >/dev/null

# Install and reference alternate in one loop (both see the same load); wall time and CPU time (user + system of the
# process, from GNU time), median and spread, and the load average.
install_t=() ref_t=() install_c=() ref_c=() loads=()
for _ in $(seq "$runs"); do
    loads+=("$(cut -d' ' -f1 /proc/loadavg)")
    rm -rf "$work/data" "$work/copy.db"
    sync
    t0=$(date +%s.%N)
    install_c+=("$(/usr/bin/time -f '%U %S' "$admin" install "$work/pkg.db" --data "$work/data" --trust "$work/k.pub" \
        2>&1 >/dev/null | tail -n 1 | awk '{print $1 + $2}')")
    install_t+=("$(python3 -c "print($(date +%s.%N) - $t0)")")
    t0=$(date +%s.%N)
    ref_c+=("$( { /usr/bin/time -f '%U %S' b2sum "$work/pkg.db" >/dev/null; } 2>&1 | awk '{print $1 + $2}')")
    cp "$work/pkg.db" "$work/copy.db" && sync
    ref_t+=("$(python3 -c "print($(date +%s.%N) - $t0)")")
done
read -r inst_med inst_p99 < <(stats "${install_t[@]}")
read -r ref_med ref_p99 < <(stats "${ref_t[@]}")
read -r inst_cpu _ < <(stats "${install_c[@]}")
read -r b2_cpu _ < <(stats "${ref_c[@]}")
spread() { python3 -c "import sys; v = [float(x) * 1000 for x in sys.argv[1:]]; print(f'{min(v):.0f}–{max(v):.0f}')" "$@"; }
load=$(python3 -c "import sys; v = [float(x) for x in sys.argv[1:]]; print(f'{min(v):.1f}–{max(v):.1f}')" "${loads[@]}")
ratio=$(python3 -c "print(f'{$inst_med / max($ref_med, 1):.1f}')")
met=$(python3 -c "print('met' if $inst_med <= 1.5 * $ref_med else 'NOT met')")
echo "| package verify + install, ${size_mb} MB database | ≤ 1.5 × the reference | median ${inst_med} ms [$(spread "${install_t[@]}")], CPU ${inst_cpu} ms (${runs} runs, load ${load}; ${ratio}×) | b2sum + cp + sync: median ${ref_med} ms [$(spread "${ref_t[@]}")], b2sum CPU ${b2_cpu} ms | ${met} |"
echo "| authoring build, 20,000 documents (≈ 100 MB of text) | report | $(ms "$build20k") ms | — | reported |"

# Import to visible: a live kiosk (offscreen, real clock) on version 1; version 2 renamed into its watched folder.
lat=()
for i in $(seq "$runs"); do
    rm -rf "$work/live" && mkdir -p "$work/live/inbox" "$work/live/data"
    printf 'publisher_id = xinfeng-demo\ntrusted_key = %s\nwatch = %s\n' "$(tail -n 1 "$work/k.pub")" "$work/live/inbox" \
        >"$work/live/kiosk.conf"
    if [ ! -f "$work/v2.db" ]; then
        rm -rf "$work/v2src" && cp -r assets/demo "$work/v2src"
        sed -i 's/^content_version: .*/content_version: 2024120101/' "$work/v2src/meta.yaml"
        "$admin" build "$work/v2src" -o "$work/v2.db" >/dev/null 2>&1
    fi
    "$admin" sign "$work/v2.db" --key "$work/k.key" >/dev/null
    SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
        "$build/zwgk-kiosk" --content "$build/demo.db" --data "$work/live/data" --config "$work/live/kiosk.conf" \
        --windowed 1080x1920 --ui-dump "$work/live/ui.json" >/dev/null 2>&1 &
    pid=$!
    until [ -f "$work/live/ui.json" ]; do sleep 0.02; done
    cp "$work/v2.db" "$work/live/inbox/.v2.db.tmp" && cp "$work/v2.db.minisig" "$work/live/inbox/.v2.db.minisig.tmp"
    t0=$(date +%s.%N)
    mv "$work/live/inbox/.v2.db.tmp" "$work/live/inbox/v2.db"
    mv "$work/live/inbox/.v2.db.minisig.tmp" "$work/live/inbox/v2.db.minisig"
    until grep -q '"content_version": 2024120101' "$work/live/ui.json" 2>/dev/null; do sleep 0.005; done
    lat+=("$(python3 -c "print($(date +%s.%N) - $t0)")")
    kill "$pid" && wait "$pid" || true
done
read -r lat_med lat_p99 < <(stats "${lat[@]}")
met=$(python3 -c "print('met' if $lat_p99 < 5000 else 'NOT met')")
echo "| import-to-visible latency of a dropped package (demo size) | < 5 s | median ${lat_med} ms, p99 ${lat_p99} ms (${runs} runs) | — | ${met} |"
