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
In 长者模式 (issue 10 §4) every dump of that pass — each page of every scrolling screen, and the screens that do not
scroll: home and its 更多, the rating card's reasons, the print banner (CUPS_SERVER points at no server), the PIN
pad, and search after 搜索 — is checked from its rects (check_elder): the reading text at ≥ 60 px at 1080 wide (the
same at the other screens' scale) and so the titles of the rows of lists, areas, items and search results, no text
under the enlarged labels' 50 px, every target ≥ 120 px (the search keys too: 长者模式 has eight to a row), one column in
portrait (rows and tiles never side by side), every tile's name on one line (no 政务公开目/录), nothing outside the
window, no two texts or targets overlapping and every text of a row or tile inside it (the print banner lies over
the content by design: what it covers is left out, its own words must be inside it).
Screenshots of the last pages are written to BUILD/screens-pages/ for looking at (长者模式: every screen above too).

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
    ("search", "search", ["press 搜索", "maybe 数字", "press 2", "press 0", "press 2", "press 4"]),  # 长者模式: 数字 first
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


def check_page(d, where, k, m, lines, body=None):
    sc = d["scroll"]
    v = view_of(d)
    check_chrome(d, where)
    if d["elder_mode"]:
        check_elder(d, where, body)
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


READING = {"reader", "interpretation", "guide", "flow"}  # screens whose body is the reading text (the 字号 ladder)


def overlap(a, b, slack=1):
    return (a["x"] + slack < b["x"] + b["w"] and b["x"] + slack < a["x"] + a["w"] and
            a["y"] + slack < b["y"] + b["h"] and b["y"] + slack < a["y"] + a["h"])


def within(o, i, slack=1):
    return (o["x"] - slack <= i["x"] and o["y"] - slack <= i["y"] and i["x"] + i["w"] <= o["x"] + o["w"] + slack and
            i["y"] + i["h"] <= o["y"] + o["h"] + slack)


def check_elder(d, where, body=None):
    """Issue 10 §4, 长者模式, from the dump's rects (see the head comment).  body: a list the px of the reading screen's
    body lines (text in the view outside any row, tile or button) are added to, for check_body."""
    W, H = d["width"], d["height"]
    s = min(W, H) / 1080
    els = d["elements"]
    check(d["elder_mode"], f"{where}: 长者模式 is off")
    # the print banner lies over the content (drawn, so listed, after it): what it covers is left out, not its words
    first_dialog = next((i for i, e in enumerate(els) if e["role"] == "dialog"), len(els))
    dialogs = els[first_dialog:first_dialog + 1]
    own = [i >= first_dialog for i in range(len(els))]
    hidden = [not own[i] and any(overlap(e, g, 0) for g in dialogs) for i, e in enumerate(els)]
    shown = [e for i, e in enumerate(els) if not hidden[i]]
    texts = [e for e in shown if e["role"] in ("text", "heading") and e["label"].strip()]
    for e in els:
        check(e["x"] >= 0 and e["y"] >= 0 and e["x"] + e["w"] <= W and e["y"] + e["h"] <= H,
              f"{where}: {e['role']} '{e['label'][:20]}' lies outside the {W}×{H} window: {e}")
    small = [(e["label"][:16], e["px"]) for e in texts if e.get("px", 999) < px_at(s, 50)]
    check(not small, f"{where}: text under {px_at(s, 50)} px in 长者模式: {small[:4]}")
    boxes = [e for e in shown if e["role"] in ("row", "tile")]
    holders = boxes + dialogs + [e for e in shown if e["role"] in ("button", "qr")]
    view = d.get("scroll", {}).get("view")
    if body is not None and view:
        body += [e["px"] for e in texts if e["role"] == "text" and e.get("px") and inside(e, view) and
                 not any(within(c, e, 2) for c in holders)]
    for e in shown:
        if not e.get("tappable"):
            continue
        if not e.get("cut"):
            check(min(e["w"], e["h"]) >= px_at(s, 120) - 1,
                  f"{where}: target {e['role']} '{e['label'][:16]}' {e['w']}×{e['h']}, under {px_at(s, 120)} px")
    if H > W:
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                side = a["x"] != b["x"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
                check(not side, f"{where}: two columns: '{a['label'][:12]}' beside '{b['label'][:12]}'")
    if d["screen"] in ("list", "area", "item", "search"):  # a row's title is what the citizen reads there: body text
        for r in (e for e in boxes if e["role"] == "row" and not e.get("cut")):
            title = next((e for e in texts if within(r, e)), None)
            check(title and title.get("px", 0) >= px_at(s, 60),
                  f"{where}: row '{r['label'][:16]}' has its title at {title and title.get('px')} px, under "
                  f"{px_at(s, 60)}")
    for t in (e for e in shown if e["role"] == "tile"):
        lines = [e["label"] for e in texts if within(t, e)]
        check(t["label"] in lines, f"{where}: tile '{t['label']}' is not on one line: {lines}")
    for c in holders:
        for e in texts:
            cx, cy = e["x"] + e["w"] / 2, e["y"] + e["h"] / 2
            if c["x"] <= cx < c["x"] + c["w"] and c["y"] <= cy < c["y"] + c["h"]:
                check(within(c, e) or e.get("cut") or c.get("cut"),
                      f"{where}: '{e['label'][:16]}' sticks out of {c['role']} '{c['label'][:16]}': {e} {c}")
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            check(not overlap(a, b), f"{where}: texts overlap: '{a['label'][:12]}' {a} and '{b['label'][:12]}' {b}")
    taps = [e for e in shown if e.get("tappable")]
    for i, a in enumerate(taps):
        for b in taps[i + 1:]:
            check(not overlap(a, b), f"{where}: targets overlap: '{a['label'][:12]}' and '{b['label'][:12]}'")


def px_at(s, v):
    return int(v * s + 0.5)  # as theme.c scales its figures


def check_body(d, where, body):
    """The reading text of a reading screen, over all its pages: its most common size is ≥ 60 px at 1080 wide."""
    if d["screen"] in READING and body:
        common = max(set(body), key=body.count)
        s = min(d["width"], d["height"]) / 1080
        check(common >= px_at(s, 60), f"{where}: the reading text is {common} px, under {px_at(s, 60)} (60 at 1080)")


# 长者模式's screens that do not scroll (or a state the page walk does not reach), from home: name, screen, commands
ELDER_FIXED = [
    ("home", "home", []),
    ("home-more", "home", ["press 更多"]),
    ("rating", "guide", ["press 办事指南", f"seek {GUIDE}", "seek 不满意"]),
    ("print", "guide", ["press 办事指南", f"seek {GUIDE}", "press 打印", "await 20000"]),
    ("search-done", "search", ["press 搜索", "press d", "press b", "press 搜索"]),
    ("pin", "admin_pin", ["tap 40 40"] * 5),
]


def walk_elder_fixed(k, size, shots):
    for name, screen, nav in ELDER_FIXED:
        where = f"{size} 长者模式 {name}"
        k.send("key Home")
        if any(e["label"] == "常用" for e in k.dump()["elements"]):
            k.send("press 常用")
        k.send(*nav)
        d = k.dump()
        if check(d["screen"] == screen, f"{where}: reached screen {d['screen']}, expected {screen}"):
            if name == "print":
                check(any(e["role"] == "dialog" for e in d["elements"]), f"{where}: no print banner")
            check_elder(d, where)
        k.send(f"shot {shots}/elder-{name}-{size}.png")
        if name == "print":
            k.send("press 知道了")
        if name == "pin":
            k.send("press 首页")


def go(k, nav):
    """From home, along nav; in 长者模式 the first entry may be behind 更多 (or, after it, behind 常用)."""
    k.send("key Home")
    if nav and nav[0].startswith("press "):
        labels = [e["label"] for e in k.dump()["elements"]]
        if nav[0][6:] not in labels:
            for other in ("更多", "常用"):
                if other in labels:
                    k.send(f"press {other}")
    for cmd in nav:  # "maybe LABEL": press it where the screen shows it (长者模式's 数字 page of keys)
        if cmd.startswith("maybe "):
            if any(e["label"] == cmd[6:] for e in k.dump()["elements"]):
                k.send("press " + cmd[6:])
        else:
            k.send(cmd)


def walk(k, name, screen, nav, where):
    d = k.dump()
    go(k, nav)
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
    body = []  # 长者模式: the reading text's sizes over every page
    check_page(d, f"{where} p{page}", page, m, lines, body)
    while d["scroll"]["pos"] < d["scroll"]["max"] and taps < 400:
        k.send("press 下一页")
        taps += 1
        d = k.dump()
        page += 1
        check_page(d, f"{where} p{page}", page, m, lines, body)
    if d["elder_mode"]:
        check_body(d, where, body)
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
    os.environ["CUPS_SERVER"] = os.path.join(work, "no-cupsd.sock")  # 打印 says 没有打印, never prints anywhere
    sanitized = "ZWGK_SANITIZE:BOOL=ON" in open(f"{build}/CMakeCache.txt").read()
    # Under ASan+UBSan every frame costs several times more: the smallest and the largest step there, every step in
    # the normal build.
    # ELDER (-1): one more pass in 长者模式 (issue 10 §4: every screen read at least once in that mode), whose home
    # keeps the other entries behind 更多 (go() finds them).
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
                    k.send("press 长者模式：字更大（点此开启）")
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
                    if r and step == ELDER:  # and its first page, for looking at
                        go(k, nav)
                        k.send(f"shot {shots}/elder-{name}-{size}-first.png")
                    if r and page_of(r[0])[1] > 2:
                        go(k, nav)
                        drag_follows(k, where, r[0])
                if step == ELDER and not a.only:
                    walk_elder_fixed(k, size, shots)
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
