#!/usr/bin/env python3
"""Kiosk benchmarks: start to first frame, frame CPU time while scrolling, peak RSS — each beside its reference.

Usage: kiosk_bench.py BUILD_DIR [--runs N] [--json]
  BUILD_DIR  a build with zwgk-kiosk and demo.db (bench/run.sh makes a Release one)

- Start to first frame: the kiosk is started N times on the demo content (software renderer, offscreen driver,
  1080x1920) with an empty script; the time from just before exec to the first presented frame (the kiosk reports
  its CLOCK_MONOTONIC time with --frame-stats; Python's time.monotonic() is the same clock).
  Reference: Debian's Chromium, headless, showing the 2024 seed document as a plain HTML page at 1080x1920:
  start-to-screenshot wall time, and its largest process's peak RSS (GNU time's "Maximum resident set size").
- Frame CPU time: the longest demo document at the largest size (72 px), scrolled by 40 flicks and 60 page turns,
  every frame's thread CPU time (--frame-stats).  Reference: one 60 Hz frame, 16.7 ms.
- Peak RSS: VmHWM of the same run (reader at 1080x1920, Chinese font loaded).
- Tap to first complete frame: the longest document opened at 72 px from a cold glyph atlas (tap_to_frame), thread
  CPU time from the finger's release to the end of that frame, and the glyph rasterization share of it.
- Start -> document -> screenshot: the whole kiosk process beside Chromium headless screenshotting the same
  document, alternating in one loop (shot_vs_chromium).
"""
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 30
kiosk, db = os.path.join(build, "zwgk-kiosk"), os.path.join(build, "demo.db")
here = os.path.dirname(os.path.abspath(__file__))
seed = os.path.join(here, "..", "tests", "data", "seeds", "2024-xinfeng-disclosure-work-plan.txt")
tmp = tempfile.mkdtemp(prefix="zwgk-bench-")
env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software", SDL_AUDIODRIVER="dummy",
           SDL_FRAMEBUFFER_ACCELERATION="0")


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round((len(v) - 1) * p)))]


def kiosk_run(script_lines, size="1080x1920"):
    script, stats = os.path.join(tmp, "s.txt"), os.path.join(tmp, "stats.json")
    with open(script, "w", encoding="utf-8") as f:
        f.write("\n".join(script_lines) + "\n")
    t0 = time.monotonic()
    subprocess.run([kiosk, "--content", db, "--windowed", size, "--script", script, "--frame-stats", stats],
                   env=env, check=True, capture_output=True)
    with open(stats) as f:
        s = json.load(f)
    s["start_to_first_frame_ms"] = (s["first_frame_monotonic"] - t0) * 1000
    return s


def chromium_reference():
    exe = shutil.which("chromium")
    if not exe or not os.path.exists(seed):
        return None
    with open(seed, encoding="utf-8") as f:
        paras = [p.strip() for p in f.read().split("\n") if p.strip()]
    html = os.path.join(tmp, "seed.html")
    with open(html, "w", encoding="utf-8") as f:
        f.write("<!doctype html><meta charset=utf-8><body style='font:40px sans-serif;line-height:1.6'>")
        f.write("".join(f"<p>{p}</p>" for p in paras))
    walls, rss = [], []
    for _ in range(max(3, runs // 6)):
        profile = tempfile.mkdtemp(dir=tmp)
        cmd = ["/usr/bin/time", "-f", "%M", exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--window-size=1080,1920",
               f"--screenshot={os.path.join(tmp, 'chromium.png')}", f"file://{html}"]
        t0 = time.monotonic()
        p = subprocess.run(cmd, capture_output=True, text=True)
        walls.append((time.monotonic() - t0) * 1000)
        try:
            rss.append(int(p.stderr.strip().split("\n")[-1]))
        except ValueError:
            pass
    return {"median_ms": statistics.median(walls), "p99_ms": pct(walls, 0.99),
            "peak_rss_mib": max(rss) / 1024 if rss else None}


def shot_vs_chromium(pairs):
    """Start -> the longest document -> a PNG screenshot, beside Chromium headless screenshotting the same
    document as a page; the two alternate in one loop, so both see the same load.  Wall time of the whole process
    (exec to exit) and its CPU time (user + system of the process and the children it waited for)."""
    exe = shutil.which("chromium")
    if not exe or not os.path.exists(seed):
        return None
    script = os.path.join(tmp, "shot.txt")
    with open(script, "w", encoding="utf-8") as f:
        f.write("press 政策文件\npress 信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知\n"
                f"shot {os.path.join(tmp, 'kiosk.png')}\n")
    html = os.path.join(tmp, "seed.html")
    with open(seed, encoding="utf-8") as f:
        paras = [p.strip() for p in f.read().split("\n") if p.strip()]
    with open(html, "w", encoding="utf-8") as f:
        f.write("<!doctype html><meta charset=utf-8><body style='font:40px sans-serif;line-height:1.6'>")
        f.write("".join(f"<p>{p}</p>" for p in paras))

    def timed(cmd, **kw):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        subprocess.run(cmd, capture_output=True, **kw)
        wall = (time.monotonic() - t0) * 1000
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000

    k, c, loads = [], [], []
    for _ in range(pairs):
        loads.append(os.getloadavg()[0])
        k.append(timed([kiosk, "--content", db, "--windowed", "1080x1920", "--script", script], env=env, check=True))
        profile = tempfile.mkdtemp(dir=tmp)
        c.append(timed([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", "--window-size=1080,1920",
                        f"--screenshot={os.path.join(tmp, 'chromium.png')}", f"file://{html}"]))
    ratios = sorted(a[0] / b[0] for a, b in zip(k, c))
    cpu_ratios = sorted(a[1] / b[1] for a, b in zip(k, c) if b[1] > 0)
    med = statistics.median
    return {"kiosk_wall_ms": med([x[0] for x in k]), "kiosk_wall_spread": (min(x[0] for x in k), max(x[0] for x in k)),
            "kiosk_cpu_ms": med([x[1] for x in k]), "chromium_wall_ms": med([x[0] for x in c]),
            "chromium_wall_spread": (min(x[0] for x in c), max(x[0] for x in c)),
            "chromium_cpu_ms": med([x[1] for x in c]), "ratio": med(ratios), "ratio_spread": (ratios[0], ratios[-1]),
            "cpu_ratio": med(cpu_ratios) if cpu_ratios else None, "pairs": pairs,
            "load": (min(loads), max(loads))}


def tap_to_frame(n):
    """Tap to the first complete frame of the longest document at the largest size (72 px), from a cold glyph
    atlas: the size is set on that document, 返回 to the list, the atlas emptied (the script's forget-glyphs), then
    the title tapped.  --frame-stats records that tap's thread CPU time from the release to the end of its frame,
    and the glyph rasterization inside it."""
    doc = "信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知"
    taps = []
    for _ in range(n):
        s = kiosk_run(["press 政策文件", f"press {doc}", "press 字号＋", "press 字号＋", "press 字号＋",
                       "press ‹ 返回", "forget-glyphs", f"press {doc}"])
        taps.append(s["taps"][-1])
    ms = [t["ms"] for t in taps]
    share = [t["raster_ms"] / t["ms"] for t in taps if t["ms"] > 0]
    return {"median_ms": statistics.median(ms), "p99_ms": pct(ms, 0.99), "max_ms": max(ms),
            "raster_median_ms": statistics.median(t["raster_ms"] for t in taps),
            "raster_share": statistics.median(share), "glyphs": statistics.median(t["glyphs"] for t in taps),
            "runs": n}


def main():
    starts = [kiosk_run([])["start_to_first_frame_ms"] for _ in range(runs)]
    flicks = []
    for _ in range(20):
        flicks += ["drag 540 1500 540 500 100", "wait 1200", "drag 540 600 540 1500 100", "wait 1200"]
    scroll = kiosk_run(["press 政策文件",
                        "press 信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知",
                        "press 字号＋", "press 字号＋", "press 字号＋"] + flicks + ["press 下一页"] * 60)
    ref = chromium_reference()
    shot = shot_vs_chromium(max(5, runs // 3))
    tap = tap_to_frame(runs)
    rows = [
        ("start to first frame of home (demo, software renderer)", "< 150 ms",
         f"median {statistics.median(starts):.1f} ms, p99 {pct(starts, 0.99):.1f} ms ({runs} runs)",
         f"Chromium headless, 2024 seed page: median {ref['median_ms']:.0f} ms, p99 {ref['p99_ms']:.0f} ms"
         if ref else "Chromium not installed (apt-get install chromium)",
         statistics.median(starts) < 150),
        ("frame CPU time scrolling the longest document at 72 px", "p99 < 8 ms",
         f"median {scroll['median_ms']:.2f} ms, p99 {scroll['p99_ms']:.2f} ms, max {scroll['max_ms']:.2f} ms "
         f"({scroll['frames']} frames)", "16.7 ms (one 60 Hz frame)", scroll["p99_ms"] < 8),
        ("peak RSS, kiosk on the reader at 1080x1920", "< 60 MiB", f"{scroll['peak_rss_kib'] / 1024:.1f} MiB",
         f"Chromium's largest process: {ref['peak_rss_mib']:.0f} MiB" if ref and ref["peak_rss_mib"] else "—",
         scroll["peak_rss_kib"] / 1024 < 60),
    ]
    rows.append(("tap to first complete frame, longest document at 72 px, cold glyph atlas (thread CPU)", "p99 ≤ 16.7 ms",
                 f"median {tap['median_ms']:.1f} ms, p99 {tap['p99_ms']:.1f} ms, max {tap['max_ms']:.1f} ms "
                 f"({tap['runs']} runs); glyph rasterization {tap['raster_median_ms']:.1f} ms = "
                 f"{tap['raster_share'] * 100:.0f} % ({tap['glyphs']:.0f} glyphs)", "16.7 ms (one 60 Hz frame)",
                 tap["p99_ms"] <= 16.7))
    if shot:
        rows.append(("start -> longest document -> PNG screenshot, whole run (1080x1920, software renderer)",
                     "≤ 0.1 × Chromium",
                     f"wall median {shot['kiosk_wall_ms']:.0f} ms [{shot['kiosk_wall_spread'][0]:.0f}–"
                     f"{shot['kiosk_wall_spread'][1]:.0f}], CPU {shot['kiosk_cpu_ms']:.0f} ms; per-pair wall ratio "
                     f"median {shot['ratio']:.3f} [{shot['ratio_spread'][0]:.3f}–{shot['ratio_spread'][1]:.3f}], "
                     f"CPU ratio {shot['cpu_ratio']:.3f} ({shot['pairs']} pairs, load {shot['load'][0]:.1f}–"
                     f"{shot['load'][1]:.1f})",
                     f"Chromium headless --screenshot of the same document: wall median {shot['chromium_wall_ms']:.0f} ms "
                     f"[{shot['chromium_wall_spread'][0]:.0f}–{shot['chromium_wall_spread'][1]:.0f}], CPU "
                     f"{shot['chromium_cpu_ms']:.0f} ms", shot["ratio"] <= 0.1))
    if "--json" in sys.argv:
        print(json.dumps({"start_ms": starts, "scroll": scroll, "chromium": ref, "shot": shot, "tap": tap}))
    for name, target, figure, reference, met in rows:
        print(f"| {name} | {target} | {figure} | {reference} | {'met' if met else 'NOT met'} |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
