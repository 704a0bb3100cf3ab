#!/usr/bin/env python3
"""kiosk_pages.py — pages that tell the truth (issue 10 §1), on every scrolling screen, checked through the UI dump.

For each of the three screens (1080×1920, 1920×1080, 1280×800) and each step of the reading ladder (40, 48, 60,
72 px at 1080), and once more in 长者模式 (--step -1), one live kiosk (tests/touch_soak.py's FIFO driver) visits every scrolling screen: the reader (both
seed documents and a policy with its QR codes), an interpretation (with an answer opened), a service guide, the
rehearsal, every document list, the directory's areas, an area and an item, and search results.  On each it reads
第N页/共M页 on page 1 and taps 下一页 until the end, dumping every page, and asserts:
  - the taps to the end are exactly M − 1, the counter says 第k页/共M页 on page k (in landscape too, where the pager
    is a column: 第k页 over 共M页 — never a bare "k/M"), and the last page's position is the end of the scroll;
  - no page begins (or ends) with a clipped element: nothing in the view is cut by it unless it is taller than the
    view;
  - every text line the page laid out (the dump's text_lines) is wholly inside the view on at least one page;
  - 上一页 is not tappable on page 1, 下一页 not on the last page; with one page, there is no pager at all;
  - once per screen, a drag and a flick move the page freely and the counter follows: the page is the last start
    at or above the position.
Screenshots of the last pages are written to BUILD/screens-pages/ for looking at.

Usage: kiosk_pages.py BUILD SRC [--size WxH] [--step N] [--only SCREEN]
"""
import argparse
import os
import re
import sys
import shutil
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from touch_soak import Kiosk  # noqa: E402

SIZES = ["1080x1920", "1920x1080", "1280x800"]
ELDER = -1  # the 长者模式 pass, as a --step value
PLAN = "信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知"
DIBAO = "信丰县最低生活保障审核确认实施细则（演示）"
DIBAO_JD = "《信丰县最低生活保障审核确认实施细则（演示）》政策解读"
GUIDE = "最低生活保障审核确认"

# name, the dump's screen name, how to get there from home
SCREENS = [
    ("reader-plan", "reader", ["press 政策文件", f"seek {PLAN}"]),
    ("reader-points", "reader", ["press 政策文件", "seek 2023年全县政务公开工作要点"]),
    ("reader-dibao", "reader", ["press 政策文件", f"seek {DIBAO}"]),
    ("interpretation", "interpretation", ["press 政策解读", f"seek {DIBAO_JD}", "seek 谁可以申请低保？"]),
    ("interpretation-plan", "interpretation", ["press 政策解读", "seek 《信丰县2024年政务公开工作方案》政策解读"]),
    ("guide", "guide", ["press 办事指南", f"seek {GUIDE}"]),
    ("flow", "flow", ["press 办事指南", f"seek {GUIDE}", "press 办事流程演示：一步一步看"]),
    ("list-policies", "list", ["press 政策文件"]),
    ("list-interpretations", "list", ["press 政策解读"]),
    ("list-guides", "list", ["press 办事指南"]),
    ("list-notices", "list", ["press 通知公告"]),
    ("list-projects", "list", ["press 民生实事"]),
    ("list-consultations", "list", ["press 征求意见"]),
    ("areas", "areas", ["press 政务公开目录"]),
    ("area", "area", ["press 政务公开目录", "seek 社会救助"]),
    ("item", "item", ["press 政务公开目录", "seek 社会救助", "press 政策文件"]),
    ("search", "search", ["press 搜索", "press 2", "press 0", "press 2", "press 4"]),
]

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
    return cond


def inside(e, v):
    return e["y"] < v[1] + v[3] and e["y"] + e["h"] > v[1] and e["x"] < v[0] + v[2] and e["x"] + e["w"] > v[0]


def counter(d):
    """The pager's page and count as it shows them: 第3页/共9页, or 第3页 over 共9页 in a narrow column."""
    labels = [e["label"] for e in d["elements"]]
    for l in labels:
        m = re.fullmatch(r"第(\d+)页/共(\d+)页", l)
        if m:
            return int(m[1]), int(m[2])
    page = next((int(m[1]) for l in labels if (m := re.fullmatch(r"第(\d+)页", l))), None)
    total = next((int(m[1]) for l in labels if (m := re.fullmatch(r"共(\d+)页", l))), None)
    if any(re.fullmatch(r"\d+/\d+", l) for l in labels):
        return "bare"
    return (page, total) if page and total else None


def tappable(d, label):
    return [e.get("tappable", False) for e in d["elements"] if e["label"] == label]


def view_of(d):
    """The scroll view: from the dump, or (a kiosk from before the dump gave it) from the elements around it."""
    sc = d["scroll"]
    if sc.get("view"):
        return sc["view"]
    els = d["elements"]
    bars = [e for e in els if e["label"] in ("‹ 返回", "首页", "字号－", "字号＋") or e["role"] == "tab"]
    top = max((e["y"] + e["h"] for e in bars if e["y"] < d["height"] // 3), default=0)
    pager = [e for e in els if e["label"] in ("上一页", "下一页")]
    column = d["width"] > d["height"] and pager
    bottom = min((e["y"] for e in pager), default=d["height"]) if not column else d["height"]
    right = min((e["x"] for e in pager), default=d["width"]) if column else d["width"]
    return [0, top + 1, right, bottom - top - 1]


def page_of(d):
    """(page, pages) from the dump, or from the pager's words when the dump does not say."""
    sc = d["scroll"]
    if "page" in sc:
        return sc["page"], sc["pages"]
    c = counter(d)
    return c if isinstance(c, tuple) else (1, 1)


SIZE_NAMES = ["标准", "大", "特大", "超大"]


def check_chrome(d, where):
    """Issue 10 §4: the size control (字号－, the step named, 字号＋) on every screen that shows text, and in portrait
    返回 and 首页 again at the foot (wheelchair height)."""
    if d["screen"] == "search":
        return
    els = d["elements"]
    view = d.get("scroll", {}).get("view")  # the content may say 标准 too (a table's 标准 column): only the chrome
    named = [e["label"] for e in els if e["label"] in SIZE_NAMES and e["role"] == "text" and
             not (view and inside(e, view))]
    check(named == [SIZE_NAMES[d["size_step"]]], f"{where}: the size step is named: {named}, step {d['size_step']}")
    for label in ("字号－", "字号＋"):
        check(any(e["label"] == label for e in els), f"{where}: no {label}")
    step = d["size_step"]
    check(tappable(d, "字号＋") == [step < 3], f"{where}: 字号＋ tappable {tappable(d, '字号＋')} at step {step}")
    if d["height"] > d["width"]:
        low = [e["label"] for e in els if e.get("tappable") and e["y"] > d["height"] * 0.85]
        check("‹ 返回" in low and "首页" in low, f"{where}: 返回 and 首页 are not at the foot: {low}")


def check_page(d, where, k, m, lines):
    sc = d["scroll"]
    v = view_of(d)
    check_chrome(d, where)
    if not check(v, f"{where}: the dump gives the scroll view"):
        return
    check(page_of(d) == (k, m), f"{where}: dump says page {page_of(d)}, expected {k}/{m}")
    if m > 1:
        check(counter(d) == (k, m), f"{where}: the pager shows {counter(d)}, expected 第{k}页/共{m}页")
        check(tappable(d, "上一页") == [k > 1], f"{where}: 上一页 tappable {tappable(d, '上一页')} on page {k}/{m}")
        check(tappable(d, "下一页") == [k < m], f"{where}: 下一页 tappable {tappable(d, '下一页')} on page {k}/{m}")
    else:
        check(counter(d) is None and not tappable(d, "下一页") and not tappable(d, "上一页"),
              f"{where}: one page, yet a pager: {counter(d)}")
    progress = {e["label"] for e in d["elements"] if e["role"] == "progress"}
    for e in d["elements"]:
        if e["role"] == "scrollbar" or not inside(e, v):
            continue
        if e.get("cut"):
            spans = e["y"] <= v[1] and e["y"] + e["h"] >= v[1] + v[3]
            edge = "begins" if e["y"] <= v[1] else "ends"
            check(spans, f"{where}: the page {edge} with a clipped {e['role']} '{e['label'][:30]}' ({e})")
        elif e["role"] in ("text", "heading") and e["label"] and e["label"] not in progress:
            check(e["y"] >= v[1] and e["y"] + e["h"] <= v[1] + v[3], f"{where}: a text line outside the view: {e}")
            lines.add((e["y"] - v[1] + sc["pos"], e["x"], e["label"]))


def walk(k, name, screen, nav, where):
    d = k.dump()
    for cmd in ["key Home"] + nav:
        k.send(cmd)
    d = k.dump()
    if not check(d["screen"] == screen, f"{where}: reached screen {d['screen']}, expected {screen}"):
        return None
    if not check("scroll" in d, f"{where}: no scroll in the dump"):
        return None
    page, m = page_of(d)
    lines = set()
    back = 0
    while page_of(d)[0] > 1 and back < 400:  # an answer opened on a later page: 上一页 back to page 1
        k.send("press 上一页")
        back += 1
        d = k.dump()
        check(page_of(d)[0] == page - back, f"{where}: 上一页 #{back} from page {page}: {page_of(d)[0]}")
    first = d
    check(d["scroll"]["pos"] == 0, f"{where}: page 1 is at {d['scroll']['pos']}")
    taps, page = 0, 1
    check_page(d, f"{where} p{page}", page, m, lines)
    while d["scroll"]["pos"] < d["scroll"]["max"] and taps < 400:
        k.send("press 下一页")
        taps += 1
        d = k.dump()
        page += 1
        check_page(d, f"{where} p{page}", page, m, lines)
    check(taps == m - 1, f"{where}: {taps} taps of 下一页 to the end, counter said 共{m}页")
    check(d["scroll"]["pos"] == d["scroll"]["max"] and page_of(d)[0] == m, f"{where}: the last page is the end")
    want = first.get("text_lines")
    check(want is not None and len(lines) == want,
          f"{where}: {len(lines)} distinct whole text lines seen on the pages, the page laid out {want}")
    return first, d


def drag_follows(k, where, first):
    """A drag and a flick from page 1: the position moves and the counter is the last start at or above it."""
    v = view_of(first)
    x, y0, y1 = v[0] + v[2] // 2, v[1] + v[3] * 3 // 4, v[1] + v[3] // 4
    for cmds in ([f"drag {x} {y0} {x} {y1} 600", "wait 100"], [f"drag {x} {y0} {x} {y1} 80", "wait 3000"]):
        k.send(*cmds)
        d = k.dump()
        sc = d["scroll"]
        starts = sc.get("starts") or [0]
        want = 1 + max(i for i, s in enumerate(starts) if s <= sc["pos"] + 2)
        check(page_of(d)[0] == want, f"{where}: after {cmds[0]} at {sc['pos']}: page {page_of(d)}, expected {want}")
        c = counter(d)
        check(c is None or c == (want, page_of(d)[1]), f"{where}: after a drag the pager shows {c}, expected {want}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("src")
    ap.add_argument("--size", action="append")
    ap.add_argument("--step", action="append", type=int)
    ap.add_argument("--only", action="append")
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    shots = os.path.join(build, "screens-pages")  # not screens/: kiosk_e2e copies that folder into docs/
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="zwgk-pages-")
    sanitized = "ZWGK_SANITIZE:BOOL=ON" in open(f"{build}/CMakeCache.txt").read()
    # Under ASan+UBSan every frame costs several times more: the smallest and the largest step there, every step in
    # the normal build.
    # ELDER (-1): one more pass in 长者模式 (issue 10 §4: every screen read at least once in that mode), whose home
    # keeps the other entries behind 更多.
    steps = a.step if a.step is not None else ([0, 3, ELDER] if sanitized else [0, 1, 2, 3, ELDER])
    t0 = time.monotonic()
    ndumps = [0]

    def run_size(size):  # one thread per screen size: each drives its own kiosk process
        for step in steps:
            kw = os.path.join(work, f"{size}-{step}")
            os.makedirs(kw)
            k = Kiosk(build, kw, size, ["--content", os.path.join(build, "demo.db")])
            try:
                if step == ELDER:
                    k.send("press 长者模式：字更大（点此开启）", "press 更多")
                    d0 = k.dump()
                    if not check(d0["elder_mode"] and d0["size_step"] == 2, f"{size}: 长者模式 not reached"):
                        continue
                else:
                    k.send("press 政策文件", f"seek {DIBAO}", *["press 字号＋"] * step, "key Home")
                    if not check(k.dump()["size_step"] == step, f"{size}: size step {step} not reached"):
                        continue
                for name, screen, nav in SCREENS:
                    if a.only and name not in a.only:
                        continue
                    where = f"{size} {'长者模式' if step == ELDER else f'step {step}'} {name}"
                    r = walk(k, name, screen, nav, where)
                    if r and step in (0, 3, ELDER):
                        k.send(f"shot {shots}/pages-{name}-{size}-{'elder' if step == ELDER else f's{step}'}-last.png")
                    if r and page_of(r[0])[1] > 2:
                        k.send("key Home", *nav)
                        drag_follows(k, where, r[0])
                ndumps[0] += k.ndump
                rc = k.finish()
                check(rc == 0, f"{size} step {step}: the kiosk exited {rc}: "
                      f"{open(os.path.join(kw, 'kiosk.err'), errors='replace').read()[-800:]}")
            except (RuntimeError, ValueError, BrokenPipeError) as e:
                check(False, f"{size} step {step}: {e}: "
                      f"{open(os.path.join(kw, 'kiosk.err'), errors='replace').read()[-800:]}")
                k.proc.kill()
                k.proc.wait()

    threads = [threading.Thread(target=run_size, args=(size,)) for size in a.size or SIZES]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"kiosk_pages: {ndumps[0]} dumps in {time.monotonic() - t0:.0f} s")
    for f in failures[:60]:
        print("kiosk_pages: FAIL:", f)
    if len(failures) > 60:
        print(f"kiosk_pages: … and {len(failures) - 60} more")
    print(f"kiosk_pages: {checks - len(failures)} passed, {len(failures)} failed")
    if failures:
        print(f"kiosk_pages: work folder kept: {work}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
