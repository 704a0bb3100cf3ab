#!/usr/bin/env python3
"""print_latency.py — time from 打印 to the job in CUPS, and the page's own cost (BENCHMARKS.md, "Printing").

    python3 bench/print_latency.py BUILD [--runs N]

Starts a cupsd of its own (tests/cups/private_cupsd.py; stopped by pid at the end) with the test backend queue, and
runs the kiosk on a script that taps 打印 on the 低保 guide N times (print_limit raised for it), awaiting each job.
The kiosk logs, per job, the milliseconds from the tap to CUPS having the whole job (print worker: CUPS's media
query, opening the content, rendering the page, the printer check, Create-Job and Send-Document).  Also times
`zwgk-admin print` rendering the same page alone (no CUPS), and the PDF's size.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "cups"))
from private_cupsd import PrivateCupsd  # noqa: E402

build = sys.argv[1] if len(sys.argv) > 1 else "build"
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 20
work = tempfile.mkdtemp(prefix="zwgk-print-bench-")
cups = PrivateCupsd(os.path.join(work, "cups"))
try:
    cups.add_queue("ZWGK", "zwgktest:" + os.path.join(cups.d, "out"))
    cups.run(["lpadmin", "-d", "ZWGK"])
    conf = os.path.join(work, "kiosk.conf")
    open(conf, "w").write(f"print_limit = {runs + 1}\n")
    lines = ["press 办事指南", "press 最低生活保障审核确认"]
    for _ in range(runs):
        lines += ["press 打印", "await 30000", "press 知道了"]
    script = os.path.join(work, "bench.txt")
    open(script, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    env = dict(cups.env, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software", SDL_AUDIODRIVER="dummy")
    p = subprocess.run([os.path.join(build, "zwgk-kiosk"), "--content", os.path.join(build, "demo.db"), "--data",
                        os.path.join(work, "data"), "--windowed", "1080x1920", "--config", conf, "--script", script],
                       env=env, capture_output=True, text=True, timeout=600)
    pat = (r"job \d+ on ZWGK, (\d+) ms from the tap \((\d+) ms queued, (\d+) ms asking CUPS for the paper, "
           r"(\d+) ms opening and drawing the page, (\d+) ms sending it; (\d+) ms of CPU on the worker\)")
    parts = [[float(x) for x in m] for m in re.findall(pat, p.stderr)]
    ms = [x[0] for x in parts]
    render = []
    for _ in range(runs):
        t = time.monotonic()
        subprocess.run([os.path.join(build, "zwgk-admin"), "print", "guide-dibao", "--content",
                        os.path.join(build, "demo.db"), "-o", os.path.join(work, "p.pdf")], check=True,
                       capture_output=True)
        render.append((time.monotonic() - t) * 1000)
    size = os.path.getsize(os.path.join(work, "p.pdf"))
finally:
    cups.stop()
q = lambda v, f: sorted(v)[min(len(v) - 1, int(len(v) * f))]  # noqa: E731
if ms:
    print(f"| 打印 tapped → the whole job in CUPS (低保 guide's 明白纸, A4, private cupsd, test backend) | < 1 s | "
          f"median {statistics.median(ms):.0f} ms, p90 {q(ms, 0.9):.0f} ms, max {max(ms):.0f} ms ({len(ms)} jobs) | "
          f"`zwgk-admin print` of the same page, whole process: median {statistics.median(render):.0f} ms; "
          f"PDF {size / 1024:.0f} KiB | {'met' if q(ms, 0.9) < 1000 else 'NOT met'} |")
    med = [statistics.median(x[i] for x in parts) for i in range(1, 6)]
    print(f"  per job, medians: {med[0]:.0f} ms queued, {med[1]:.0f} ms asking CUPS for the paper, {med[2]:.0f} ms "
          f"opening and drawing the page, {med[3]:.0f} ms sending it; {med[4]:.0f} ms of CPU on the worker "
          f"(load average at the end: {os.getloadavg()[0]:.1f})")
else:
    print("print_latency: no job timings in the kiosk's log:", p.stderr[-500:], file=sys.stderr)
    sys.exit(1)
