#!/usr/bin/env bash
# arm64_icount.sh — instruction counts of the layout and frame paths on arm64 beside amd64 (issue 13), on an amd64
# machine: under emulation wall time means nothing, an instruction count is the program's own.
#
#   bash bench/arm64_icount.sh [AMD64_TREE [ARM64_TREE]]        (defaults: build build-arm64)
#
# Run it after `bash .ci/setup.sh arm64` (which leaves both trees); it turns on -DZWGK_BENCH in both and builds what
# it needs (bench_layout, qemu_icount, the kiosk, the demo).  About 80 minutes on a shared 2-core machine; everything
# runs under nice, the two architectures side by side.
#
# How the arm64 program is counted: Debian 12's qemu-user-static has no TCG plugins, so qemu's own log is the
# counter.  With `-d in_asm,exec,nochain` qemu prints every block it translates (its instructions) and a line before
# every execution of a block; bench/qemu_icount.c reads that log from a pipe (it is gigabytes: never stored) and adds
# up instructions per execution.  The same method counts the amd64 build under qemu-x86_64, which is checked against
# callgrind on that very binary and path: their ratio is the method's validation figure.  On amd64,
# qemu pretends to be the CPU valgrind pretends to be (-cpu Haswell) and glibc's copy thresholds are pinned in both
# (GLIBC_TUNABLES), so glibc picks the same memcpy/memset in both; arm64 runs as a Neoverse N1 (-cpu neoverse-n1:
# ARMv8.2 without SVE like 鲲鹏 920's cores; 飞腾's have no SVE either), not qemu's default "max" CPU with SVE.
#
# What is counted: the whole process, all threads — so each figure is the difference of two runs that differ only
# in the measured work, and start-up (loader, fonts, SQLite, SDL) cancels out exactly:
#   layout  bench_layout DEMO_DB 2 MODE − bench_layout DEMO_DB 1 MODE = one layout of the 30,000-character document
#           at 72 px in the 1080-px column, MODE set (text_set_paragraph, as the reader sets it) or break
#           (text_layout_paragraph, breaking only);
#   frame   the kiosk on bench/callgrind.sh's scripts: open the longest document, three 字号＋ (warm), and the same
#           plus 40 × 下一页 (scroll); (scroll − warm) / (frames of scroll − frames of warm), frames from
#           --frame-stats (80: the clock is virtual, so the frames are the same under emulation).
# This is the whole process (the loop around a layout; event handling and SDL's present around ui_frame), a little
# more than the function's own inclusive count in the same two callgrind runs, printed beside it for amd64.  (A
# layout here is a warm one: bench/callgrind.sh's "inclusive / 4" also holds a quarter of the first run, which
# measures every glyph through SDL_ttf.)
# Prints Markdown table rows (BENCHMARKS.md, "arm64 beside amd64: instruction counts").  Exit 0, 1 on a failure, 77
# when qemu-user, valgrind or a tree is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-build} arm=${2:-build-arm64}
skip() { echo "arm64_icount: SKIPPED: $*" >&2; exit 77; }
command -v qemu-x86_64-static >/dev/null && command -v qemu-aarch64-static >/dev/null ||
    skip "no qemu-user-static (bash .ci/setup.sh arm64 installs it)"
command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null || skip "no valgrind"
[ -f "$host/CMakeCache.txt" ] || skip "no amd64 tree $host (bash .ci/setup.sh arm64 makes it)"
[ -f "$arm/CMakeCache.txt" ] || skip "no arm64 tree $arm (bash .ci/setup.sh arm64 makes it)"

for t in "$host" "$arm"; do
    cmake -S . -B "$t" -DZWGK_BENCH=ON >/dev/null
done
nice cmake --build "$host" -j2 --target zwgk-kiosk bench_layout qemu_icount demo_content >/dev/null
nice cmake --build "$arm" -j2 --target zwgk-kiosk bench_layout demo_content >/dev/null
file -b "$arm/zwgk-kiosk" | grep -q 'ARM aarch64' || { echo "arm64_icount: $arm/zwgk-kiosk is not arm64" >&2; exit 1; }

# ICOUNT_KEEP=DIR keeps every run's count, log and callgrind output there (DIR must not exist yet).
if [ -n "${ICOUNT_KEEP:-}" ]; then
    mkdir "$ICOUNT_KEEP"
    tmp=$(cd "$ICOUNT_KEEP" && pwd)
else
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
fi
icount=$(cd "$host" && pwd)/tests/qemu_icount
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
# valgrind's x86 CPU and qemu's Haswell differ in their cache sizes, from which glibc derives where memcpy switches to
# rep movsb and to non-temporal stores; pinned to valgrind's values for both (amd64 only: an arm64 glibc has none).
tunables=glibc.cpu.x86_non_temporal_threshold=0x200000:glibc.cpu.x86_rep_movsb_threshold=0x2000:glibc.cpu.x86_rep_stosb_threshold=0x800:glibc.cpu.x86_shared_cache_size=0x800000:glibc.cpu.x86_data_cache_size=0x8000

# qrun ARCH NAME PROGRAM ARGS…: PROGRAM under qemu-user; its instruction count (all threads) → $tmp/ARCH-NAME.json.
# qemu writes its log to fd 3, a pipe into the counter; the program's own output goes to $tmp/ARCH-NAME.log.
qrun() {
    local arch=$1 out=$tmp/$1-$2 q
    shift 2
    if [ "$arch" = amd64 ]; then
        q=(qemu-x86_64-static -cpu Haswell -E "GLIBC_TUNABLES=$tunables")
    else
        q=(qemu-aarch64-static -cpu neoverse-n1)
    fi
    { nice "${q[@]}" -d in_asm,exec,nochain -D /dev/fd/3 "$@" >"$out.log" 2>&1; } 3>&1 | nice "$icount" >"$out.json" ||
        { echo "arm64_icount: $arch $*: failed: $(tail -3 "$out.log")" >&2; return 1; }
}
# crun NAME PROGRAM ARGS…: PROGRAM (amd64) under callgrind → $tmp/cg-NAME.out.
crun() {
    local out=$tmp/cg-$1
    shift
    GLIBC_TUNABLES=$tunables nice valgrind --tool=callgrind --callgrind-out-file="$out.out" "$@" >"$out.log" 2>&1 ||
        { echo "arm64_icount: callgrind $*: failed: $(tail -3 "$out.log")" >&2; return 1; }
}
json() { python3 -c "import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
cg_total() { awk '/^summary:/ {print $2}' "$tmp/cg-$1.out"; }
# cg_fn NAME FUNCTION: inclusive instructions of one function in a callgrind run (as bench/callgrind.sh reads them,
# but from /: run inside the source tree, callgrind_annotate lists part of ui_frame a second time under a relative
# file name, and the first line found would hold only the rest).
cg_fn() {
    (cd / && callgrind_annotate --inclusive=yes "$tmp/cg-$1.out" 2>/dev/null) |
        awk -v f="$2" '!done && $0 ~ f {gsub(",", "", $1); print $1; done = 1}'
}

printf '%s\n' "press 政策文件" "press 信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知" \
    "press 字号＋" "press 字号＋" "press 字号＋" >"$tmp/warm.txt"
cp "$tmp/warm.txt" "$tmp/scroll.txt"
for _ in $(seq 40); do echo "press 下一页" >>"$tmp/scroll.txt"; done
# kiosk TREE SCRIPT RUN: the kiosk's arguments for one run.
kiosk() { printf '%s\n' "$1/zwgk-kiosk" --content "$1/demo.db" --windowed 1080x1920 --script "$tmp/$2.txt" \
    --frame-stats "$tmp/$3-$2.frames"; }

# series ARCH TREE: the six runs of one architecture under qemu-user, one after another.
series() {
    local mode n name
    for mode in set break; do
        for n in 1 2; do qrun "$1" "layout-$mode-$n" "$2/bench/bench_layout" "$2/demo.db" "$n" "$mode"; done
    done
    for name in warm scroll; do
        mapfile -t args < <(kiosk "$2" "$name" "$1")
        qrun "$1" "$name" "${args[@]}"
    done
}
series arm64 "$arm" 2>"$tmp/arm64.err" &
arm_pid=$!
series amd64 "$host"
for mode in set break; do
    for n in 1 2; do crun "layout-$mode-$n" "$host/bench/bench_layout" "$host/demo.db" "$n" "$mode"; done
done
for name in warm scroll; do
    mapfile -t args < <(kiosk "$host" "$name" cg)
    crun "$name" "${args[@]}"
done
wait "$arm_pid" || { cat "$tmp/arm64.err" >&2; exit 1; }

for f in "$tmp"/*.json; do
    u=$(json "$f" unknown)
    [ "$u" -eq 0 ] || echo "arm64_icount: $(basename "$f"): $u executions of blocks never seen translated" >&2
done
q() { json "$tmp/$1-$2.json" instructions; }
frames() { json "$tmp/$1-$2.frames" frames; }
{
    for r in layout-set-1 layout-set-2 layout-break-1 layout-break-2 warm scroll; do
        echo "$r $(cg_total "$r") $(q amd64 "$r") $(q arm64 "$r")"
    done
    echo "frames $(($(frames cg scroll) - $(frames cg warm))) $(($(frames amd64 scroll) - $(frames amd64 warm))) $(($(frames arm64 scroll) - $(frames arm64 warm)))"
    echo "fn $(cg_fn layout-set-1 text_set_paragraph) $(cg_fn layout-set-2 text_set_paragraph)" \
        "$(cg_fn layout-break-1 text_layout_paragraph) $(cg_fn layout-break-2 text_layout_paragraph)" \
        "$(cg_fn warm ui_frame) $(cg_fn scroll ui_frame)"
} >"$tmp/counts.txt"
python3 bench/arm64_icount_table.py "$tmp/counts.txt"
