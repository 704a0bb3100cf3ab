#!/usr/bin/env python3
"""arm64_walk.py — the kiosk itself on arm64 under qemu-user, screen for screen against amd64 (issue 13 §1).

    python3 tests/arm64_walk.py AMD64_KIOSK ARM64_KIOSK CONTENT_DB

Runs one citizen's walk — home, 政务公开目录, an area on the grid's second page, an item, a document paged to its end,
a size step, 返回 to the item, 首页 — with --script on both binaries, headless (SDL's offscreen driver and
software renderer, as kiosk_e2e.py runs it), at 1080x1920 and at 1280x800, and compares every dump: the screen, every
element's role, label, rectangle and pixel size, the scroll positions and page starts, the reading position.  They
must be identical: the layout is integer arithmetic over the font's own metrics, so a difference is an arm64 bug
(char signedness, alignment, a float computed in another order), never a tolerance to widen.  One label is masked:
the home screen's clock (the wall time of each run).  The walk itself is checked too (each step reached the screen
it should), so two kiosks stuck on the same error screen cannot pass.  The arm64 kiosk runs directly when the
kernel's binfmt_misc knows arm64, else under qemu-aarch64-static.

Screenshots are not compared: the pixels differ by at most 2 levels at anti-aliased edges, from SDL's own blitters
(BENCHMARKS.md / README "arm64"), which is not the kiosk's to fix.  Exit 0: identical; 1: a difference or a failed
step (each is printed).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_run as kr  # noqa: E402
import uidump  # noqa: E402

DOC = "信丰县最低生活保障审核确认实施细则（演示）"
# (script line, or None) and the dump taken after it, with the screen it must show.
WALK = [
    (None, "home", "home"),
    ("press 政务公开目录", "areas", "areas"),
    ("seek 社会救助", "area", "area"),
    ("press 政策文件", "item", "item"),
    (f"press {DOC}", "doc0", "reader"),
    ("seek 下一页", "doc1", "reader"),
    ("seek 下一页", "doc2", "reader"),
    ("seek 下一页", "doc3", "reader"),
    ("seek 下一页", "doc4", "reader"),
    ("press 字号＋", "doc-big", "reader"),
    ("press ‹ 返回", "back", "item"),
    ("press 首页", "home-again", "home"),
]
CLOCK = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日 星期. \d{1,2}:\d{2}$")


def script(workdir, tag):
    lines, dumps = [], []
    for cmd, name, _ in WALK:
        if cmd:
            lines.append(cmd)
        path = os.path.join(workdir, f"{tag}-{name}.json")
        lines.append("dump " + path)
        dumps.append((name, path))
    lines.append("quit")
    path = os.path.join(workdir, tag + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path, dumps


def run(kiosk, argv0, db, size, workdir, tag):
    path, dumps = script(workdir, tag)
    env = kr.kiosk_env()
    p = subprocess.run(argv0 + [kiosk, "--content", db, "--windowed", size, "--script", path], env=env,
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        return None, f"{tag}: exit {p.returncode}: {p.stderr.strip()[-400:]}"
    out = {}
    for name, dpath in dumps:
        d = uidump.load(dpath)
        for e in d["elements"]:
            if CLOCK.match(e["label"]):
                e["label"] = "<clock>"
        out[name] = d
    return out, None


def first_difference(a, b, where=""):
    if type(a) is not type(b):
        return f"{where}: {a!r} / {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: only on {'arm64' if k in b else 'amd64'}"
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        return f"{where}: {len(a)} / {len(b)} items" if len(a) != len(b) else None
    return None if a == b else f"{where}: amd64 {a!r}, arm64 {b!r}"


def main():
    if len(sys.argv) != 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    amd64, arm64, db = sys.argv[1:]
    binfmt = "/proc/sys/fs/binfmt_misc/qemu-aarch64"
    direct = os.path.exists(binfmt) and open(binfmt).read().startswith("enabled")
    qemu = [] if direct else ["qemu-aarch64-static"]
    failed = compared = 0
    with tempfile.TemporaryDirectory(prefix="zwgk-arm64-walk-") as w:
        for size in ["1080x1920", "1280x800"]:
            ref, err = run(amd64, [], db, size, w, f"amd64-{size}")
            got, err2 = run(arm64, qemu, db, size, w, f"arm64-{size}")
            for e in (err, err2):
                if e:
                    print("arm64_walk: FAIL:", e, file=sys.stderr)
                    failed += 1
            if not ref or not got:
                continue
            for _, name, screen in WALK:
                if ref[name]["screen"] != screen:
                    print(f"arm64_walk: FAIL: {size} {name}: amd64 shows {ref[name]['screen']}, not {screen}",
                          file=sys.stderr)
                    failed += 1
                d = first_difference(ref[name], got[name], f"{size} {name}")
                compared += 1
                if d:
                    print("arm64_walk: FAIL: differs at", d, file=sys.stderr)
                    failed += 1
            pages = ref["doc0"].get("scroll", {}).get("pages", 0)
            if pages < 2 or ref["doc4"]["scroll"]["page"] != min(5, pages):
                print(f"arm64_walk: FAIL: {size}: the document did not page ({json.dumps(ref['doc4'].get('scroll'))})",
                      file=sys.stderr)
                failed += 1
    print(f"arm64_walk: {compared} dumps compared, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
