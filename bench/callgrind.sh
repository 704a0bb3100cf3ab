#!/usr/bin/env bash
# callgrind.sh — instruction counts (valgrind --tool=callgrind) for the layout and frame paths: repeatable for the
# same binary and input whatever else the machine is doing, so a regression shows even when timings wobble.
# Prints table rows for bench/run.sh.   bash bench/callgrind.sh BUILD_DIR
set -euo pipefail
build=${1:-build-bench}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# fn_ir FILE NAME: inclusive instructions of one function (awk reads to the end: an early exit would break the pipe).
fn_ir() { callgrind_annotate --inclusive=yes "$1" 2>/dev/null | awk -v f="$2" '!done && $0 ~ f {gsub(",", "", $1); print $1; done = 1}'; }

# Layout: one run of bench_layout (30,000 characters at 72 px) after its warm-up runs.
valgrind --tool=callgrind --callgrind-out-file="$tmp/layout.out" "$build/bench/bench_layout" "$build/demo.db" 1 \
    >/dev/null 2>&1
layout=$(fn_ir "$tmp/layout.out" "text_layout_paragraph")
set=$(fn_ir "$tmp/layout.out" "text_set_paragraph")
# Layout runs 4 times in that program (3 warm-up + 1 measured): per document = inclusive / 4.
echo "| layout, instructions per 30,000-character document (callgrind) | — | set justified (text_set_paragraph): $(python3 -c "print(f'{$set / 4 / 1e6:.1f} M')"); breaking only (text_layout_paragraph): $(python3 -c "print(f'{$layout / 4 / 1e6:.1f} M')") instructions | — | reported |"

# Frame path: open the longest document at 72 px, then 40 page turns; frames counted by --frame-stats.
printf '%s\n' "press 政策文件" "press 信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知" \
    "press 字号＋" "press 字号＋" "press 字号＋" >"$tmp/warm.txt"
cp "$tmp/warm.txt" "$tmp/scroll.txt"
for _ in $(seq 40); do echo "press 下一页" >>"$tmp/scroll.txt"; done
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
run() { valgrind --tool=callgrind --callgrind-out-file="$tmp/$1.out" "$build/zwgk-kiosk" --content "$build/demo.db" \
    --windowed 1080x1920 --script "$tmp/$1.txt" --frame-stats "$tmp/$1.json" >/dev/null 2>&1; }
run warm
run scroll
frames() { python3 -c "import json; print(json.load(open('$tmp/$1.json'))['frames'])"; }
fw=$(frames warm) fs=$(frames scroll)
iw=$(fn_ir "$tmp/warm.out" "ui_frame") is=$(fn_ir "$tmp/scroll.out" "ui_frame")
echo "| frame path at 72 px, instructions per frame after warm-up (callgrind, ui_frame inclusive) | — | $(python3 -c "print(f'{($is - $iw) / max($fs - $fw, 1) / 1e6:.1f} M')") instructions ($((fs - fw)) frames) | — | reported |"
