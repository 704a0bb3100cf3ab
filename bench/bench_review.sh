#!/usr/bin/env bash
# bench_review.sh — `zwgk-admin review` of the demo (build into a temporary database, every page of every document
# rendered at 1080×1920 and written as PNG, the HTML written), beside the reference of the same pages made the way
# there was before it: `zwgk-admin preview --all-pages` once per document (a process each; at zlib's default level
# until 2026-12-01, at RENDER_PNG_FAST since).
# Wall time and CPU time (user + system of the child, which the shared 2-core machine makes the steadier figure).
# Prints one table row for bench/run.sh.
#   bash bench/bench_review.sh BUILD_DIR [WORK_DIR]
set -euo pipefail
build=${1:-build-bench}
work=${2:-/tmp/zwgk-bench-review}
runs=${RUNS:-3}
admin="$build/zwgk-admin"
mkdir -p "$work"
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0

# Runs the command given, prints "wall_s cpu_s".
timed() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t0 = time.monotonic()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.3f} {ru.ru_utime + ru.ru_stime:.3f}")
PY
}
median() { python3 -c "import statistics, sys; print(f'{statistics.median(float(x) for x in sys.argv[1:]):.1f}')" "$@"; }

walls=() cpus=()
for _ in $(seq "$runs"); do
    rm -rf "$work/report"
    read -r w c < <(timed "$admin" review assets/demo -o "$work/report")
    walls+=("$w") cpus+=("$c")
done
pages=$(find "$work/report/img" -name '*.png' | wc -l)
mb=$(du -sm "$work/report" | cut -f1)

# The reference: the same documents through preview, one process per document.
"$admin" build assets/demo -o "$work/demo.db" >/dev/null 2>&1
cat >"$work/preview-all.sh" <<EOF
set -e
rm -rf "$work/prev" && mkdir -p "$work/prev"
for f in assets/demo/docs/*.md; do
    id=\$(sed -n 's/^id: *//p' "\$f" | head -1)
    "$admin" preview "$work/demo.db" "\$id" -o "$work/prev/\$id.png" --all-pages >/dev/null
done
EOF
read -r ref_w ref_c < <(timed bash "$work/preview-all.sh")
ref_pages=$(find "$work/prev" -name '*.png' | wc -l)

echo "| review report of the demo ($pages pages at 1080×1920, ${mb} MB) | report | median $(median "${walls[@]}") s wall, $(median "${cpus[@]}") s CPU (${runs} runs) | preview --all-pages per document ($ref_pages pages): ${ref_w%.*} s wall, $(printf '%.1f' "$ref_c") s CPU | reported |"
