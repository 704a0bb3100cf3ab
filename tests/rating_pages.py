#!/usr/bin/env python3
"""rating_pages.py — every page of the rating card shows what it asks (issue 10 §1, the lead's review of 好差评).

At 1280×800 in 长者模式 (and at 字号 超大) the last page of a guide once began with the second row of the reasons'
chips (操作不方便, 其他): two buttons without the question they answer, under a pager that said it was the last page.
The chips of an answer are now kept whole on one page with their question (page_answers).

For each of the three screens (1080×1920, 1920×1080, 1280×800), each reading size (标准 … 超大) and 长者模式, on the
guide 最低生活保障审核确认, before rating and again after 不满意 (the reasons), from page 1 to the end by 下一页:
  - wherever a level chip (非常满意 …) shows, the whole question 请为本次服务评价 is on that page, and wherever a
    reason chip (内容看不懂 …) shows, the whole question 谢谢您！哪里让您不满意？… (all its lines);
  - no chip of the card is cut by the view's edges;
  - the pager tells the truth: 第k页/共M页 on page k (in landscape 第k页 over 共M页), M − 1 taps reach the end,
    上一页 is not tappable on page 1 and 下一页 not on the last.
Screenshots of the page that shows the reasons go to BUILD/screens-rating/ for looking at.
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_run as kr  # noqa: E402
from kiosk_pages import counter, tappable  # noqa: E402
from kiosk_run import check  # noqa: E402
from touch_soak import Kiosk  # noqa: E402

SIZES = ["1080x1920", "1920x1080", "1280x800"]
ELDER = -1
GUIDE = "最低生活保障审核确认"
LEVELS = ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
REASONS = ["内容看不懂", "找不到想要的", "内容过时", "操作不方便", "其他"]
ASK_LEVEL = "请为本次服务评价"
ASK_REASON = "谢谢您！哪里让您不满意？点一项告诉我们（可以不选）"
SHOTS = os.path.join(kr.BUILD, "screens-rating")


def in_view(e, v):
    return e["y"] >= v[1] and e["y"] + e["h"] <= v[1] + v[3] and e["x"] < v[0] + v[2]


def touches_view(e, v):
    return e["y"] < v[1] + v[3] and e["y"] + e["h"] > v[1] and e["x"] < v[0] + v[2]


def asked(d, v, question):
    """The question's lines wholly in the view, joined, are the whole question."""
    lines = [e["label"] for e in d["elements"] if e["role"] == "heading" and e["label"] and e["label"] in question
             and in_view(e, v)]
    return "".join(lines) == question


def check_card(d, where, chips, question):
    v = d["scroll"]["view"]
    card = [e for e in d["elements"] if e["label"] in chips and e["role"] in ("tab", "chip") and touches_view(e, v)]
    for e in card:
        check(in_view(e, v) and not e.get("cut"), f"{where}: the chip {e['label']} is cut by the view: {e} {v}")
    if card:
        check(asked(d, v, question), f"{where}: {[e['label'] for e in card]} shown without their question "
              f"{question}: {[e['label'] for e in d['elements'] if e['role'] == 'heading']}")
    return bool(card)


def walk(k, where, shot=None):
    """From the page shown back to page 1, then to the end; checks every page.  Returns how many pages showed a
    chip of the card."""
    d = k.dump()
    sc = d["scroll"]
    back = 0
    while sc["page"] > 1 and back < 100:
        k.send("press 上一页")
        back += 1
        d = k.dump()
        sc = d["scroll"]
    m = sc["pages"]
    check(sc["page"] == 1 and sc["pos"] == 0, f"{where}: 上一页 leads back to page 1: {sc}")
    shown, taps = 0, 0
    for page in range(1, m + 1):
        w = f"{where} p{page}/{m}"
        check(d["scroll"]["page"] == page and d["scroll"]["pages"] == m, f"{w}: the dump says {d['scroll']}")
        if m > 1:
            check(counter(d) == (page, m), f"{w}: the pager shows {counter(d)}")
            check(tappable(d, "上一页") == [page > 1], f"{w}: 上一页 tappable {tappable(d, '上一页')}")
            check(tappable(d, "下一页") == [page < m], f"{w}: 下一页 tappable {tappable(d, '下一页')}")
        a = check_card(d, w, LEVELS, ASK_LEVEL)
        b = check_card(d, w, REASONS, ASK_REASON)
        shown += a or b
        if b and shot:
            k.send(f"shot {shot}")
        if page < m:
            k.send("press 下一页")
            taps += 1
            d = k.dump()
    check(d["scroll"]["pos"] == d["scroll"]["max"], f"{where}: {taps} taps (M − 1 = {m - 1}) reach the end: {d['scroll']}")
    return shown


def main():
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="zwgk-rating-pages-")
    for size in SIZES:
        for step in (0, 1, 2, 3, ELDER):
            name = "elder" if step == ELDER else f"s{step}"
            where = f"{size} {'长者模式' if step == ELDER else f'step {step}'}"
            kw = os.path.join(work, f"{size}-{name}")
            os.makedirs(kw)
            k = Kiosk(kr.BUILD, kw, size, ["--content", kr.DB])
            try:
                if step == ELDER:
                    k.send("press 长者模式：字更大（点此开启）")
                    if "办事指南" not in [e["label"] for e in k.dump()["elements"]]:
                        k.send("press 更多")
                k.send("press 办事指南", f"seek {GUIDE}", *["press 字号＋"] * max(step, 0))
                d = k.dump()
                if not check(d["screen"] == "guide" and (step == ELDER and d["elder_mode"] or d["size_step"] == step),
                             f"{where}: the guide at the size asked for: {d['screen']} {d['size_step']}"):
                    continue
                check(walk(k, f"{where} before rating") > 0, f"{where}: no page showed the rating card")
                k.send("seek 不满意")
                check(walk(k, f"{where} reasons", os.path.join(SHOTS, f"reasons-{size}-{name}.png")) > 0,
                      f"{where}: no page showed the reasons")
                rc = k.finish()
                check(rc == 0, f"{where}: the kiosk exited {rc}")
            except (RuntimeError, ValueError, BrokenPipeError) as e:
                check(False, f"{where}: {e}: {open(os.path.join(kw, 'kiosk.err'), errors='replace').read()[-800:]}")
                k.proc.kill()
    code = kr.summary("rating_pages")
    if code == 0:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"rating_pages: work folder kept: {work}")
    return code


if __name__ == "__main__":
    sys.exit(main())
