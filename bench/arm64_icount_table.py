#!/usr/bin/env python3
"""arm64_icount_table.py — the Markdown rows of bench/arm64_icount.sh from its counts file.

The counts file has one line per run pair member, "RUN CALLGRIND_AMD64 QEMU_AMD64 QEMU_ARM64" (whole-process
instructions) for layout-set-1/2, layout-break-1/2, warm and scroll; "frames CG AMD64 ARM64" (scroll − warm frames
of each run); "fn SET1 SET2 BREAK1 BREAK2 UI_WARM UI_SCROLL" (callgrind's inclusive counts of text_set_paragraph and
text_layout_paragraph in the 1- and 2-run layouts, of ui_frame in the two kiosk runs).  Each figure is the difference of
two runs, so start-up cancels out.   Usage: arm64_icount_table.py COUNTS"""
import sys


def main(path):
    runs, frames, fn = {}, None, None
    with open(path) as f:
        for line in f:
            w = line.split()
            if not w:
                continue
            if w[0] == "frames":
                frames = [int(x) for x in w[1:]]
            elif w[0] == "fn":
                fn = [int(x) for x in w[1:]]
            else:
                runs[w[0]] = [int(x) for x in w[1:]]
    if len(set(frames)) != 1 or frames[0] <= 0:
        sys.exit(f"arm64_icount: the frame counts differ between callgrind, amd64 and arm64: {frames}")
    nf = frames[0]

    def diff(a, b, per=1):
        return [(y - x) / per for x, y in zip(runs[a], runs[b])]

    m = lambda v: f"{v / 1e6:.2f} M"
    print("| path | amd64, callgrind | amd64, qemu-x86_64 count (against callgrind) | arm64, qemu-aarch64 count "
          "| arm64 / amd64 (the same counter) | amd64, callgrind, the function inclusive |")
    print("|---|---:|---:|---:|---:|---|")
    rows = [
        ("layout of the 30,000-character document at 72 px, set justified (`bench_layout … set`)",
         diff("layout-set-1", "layout-set-2"), f"`text_set_paragraph` {m(fn[1] - fn[0])}"),
        ("the same, breaking only (`bench_layout … break`)",
         diff("layout-break-1", "layout-break-2"), f"`text_layout_paragraph` {m(fn[3] - fn[2])}"),
        (f"frame path at 72 px paging the longest document, per frame ({nf} frames)",
         diff("warm", "scroll", nf), f"`ui_frame` {m((fn[5] - fn[4]) / nf)}"),
    ]
    for what, (cg, qx, arm), note in rows:
        print(f"| {what} | {m(cg)} | {m(qx)} ({(qx / cg - 1) * 100:+.3f} %) | {m(arm)} | {arm / qx:.3f} | {note} |")


if __name__ == "__main__":
    main(sys.argv[1])
