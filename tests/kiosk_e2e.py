#!/usr/bin/env python3
"""End-to-end tests of zwgk-kiosk, driven by --script and checked through --ui-dump, screenshots and the database.

Each test writes a script, runs the real kiosk headless (SDL offscreen driver, software renderer, virtual clock) and
asserts on the JSON dumps the script asked for.  Every dump is also checked for things that must hold on every
screen: nothing outside the window, no two tappable elements overlapping, tap targets of at least 96 px at 1080 wide,
body text of at least 40 px.  QR codes are decoded from screenshots with zbarimg and compared with the database.

Environment: ZWGK_BUILD (build dir with zwgk-kiosk and demo.db), ZWGK_SRC (source dir).  With ZWGK_UPDATE_DOCS=1 the
screenshots are also copied to docs/screenshots/ (how the README's pictures are made).
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_run as kr  # noqa: E402
import uidump  # noqa: E402
from kiosk_run import ADMIN, BUILD, DB, KIOSK, SHOTS, SRC, check  # noqa: E402,F401  (kiosk_search uses them through this module)

WORK = kr.workdir("zwgk-e2e-")


def run(lines, size="1080x1920", name="run", expect_rc=0, extra_args=()):
    """Runs the kiosk on a script; returns {dump name: parsed JSON}.  `dump NAME` lines are rewritten to files."""
    p, dumps = kr.run_kiosk(lines, name, WORK, args=("--windowed", size, *extra_args))
    check(p.returncode == expect_rc, f"{name}: exit {p.returncode}, stderr: {p.stderr.strip()[-400:]}")
    result = {}
    for key, path in dumps:
        try:
            result[key] = uidump.load(path)  # strict UTF-8, every label checked
            generic_checks(result[key], f"{name}/{key}")
        except (OSError, ValueError) as e:
            check(False, f"{name}: dump {key} unreadable: {e}")
    return result


def generic_checks(d, where):
    w, h = d["width"], d["height"]
    scale = min(w, h) / 1080.0
    els = d["elements"]
    for e in els:
        inside = e["x"] >= 0 and e["y"] >= 0 and e["x"] + e["w"] <= w and e["y"] + e["h"] <= h
        check(inside, f"{where}: element outside the window: {e}")
    taps = [e for e in els if e.get("tappable") and not e.get("cut")]
    for e in taps:
        # A tap target cut by a scrolling view's edge may be smaller; whole ones must meet the bar.
        check(e["h"] >= int(96 * scale) or e["role"] in ("row", "tile", "tab"), f"{where}: tap target too low: {e}")
    for i, a in enumerate(taps):
        for b in taps[i + 1:]:
            ox = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            oy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            check(ox <= 0 or oy <= 0, f"{where}: tappable elements overlap: {a['label']} / {b['label']}")
    if d["screen"] in ("reader", "interpretation", "guide"):
        body = [e for e in els if e["role"] == "text" and e.get("px")]
        check(all(e["px"] >= int(40 * scale) for e in body), f"{where}: body text below 40 px")


def labels(d, role=None):
    return [e["label"] for e in d["elements"] if role is None or e["role"] == role]


def db():
    return sqlite3.connect(f"file:{DB}?mode=ro", uri=True)


# ---------------------------------------------------------------------------------------------------------------

def test_home():
    r = run(["dump home", "shot home-1080x1920"], name="home")
    d = r.get("home")
    if not check(d is not None, "home dump"):
        return
    check(d["screen"] == "home", "home screen name")
    tiles = labels(d, "tile")
    for t in ["政务公开目录", "政策文件", "政策解读", "办事指南", "通知公告", "民生实事", "征求意见", "依申请公开"]:
        check(t in tiles, f"home tile {t}")
    text = " ".join(labels(d))
    check("信丰县" in text and "信丰县人民政府办公室（演示）" in text, "home shows region and publisher")
    # the 间隔号 between region and publisher is set solid: "信丰县 · 信丰县…" had an em and a half between the names
    check("信丰县·信丰县人民政府办公室（演示）" in labels(d), f"home's region·publisher, set solid: {labels(d)[:4]}")
    check("内容更新：2024-11-01" in text, "home shows the content date")
    check(any("长者模式" in l for l in labels(d, "button")), "home has the 长者模式 switch")
    check(d.get("content_version") == 2024110101, "dump carries the content version")


def test_directory_path():
    """Home → area → item → document, the path every citizen takes: 4 taps (社会救助 leads the grid: the areas with
    documents on this machine come first)."""
    r = run(["press 政务公开目录", "dump areas", "shot areas-1080x1920",
             "seek 社会救助", "dump area", "shot area-1080x1920",
             "press 政策文件", "dump item", "shot item-1080x1920",
             "seek 信丰县最低生活保障审核确认实施细则（演示）", "dump doc"], name="path")
    check(r.get("areas", {}).get("screen") == "areas", "tap 1: areas")
    areas = labels(r.get("areas", {"elements": []}), "tile")
    check(len(areas) >= 8 and areas[0] == "社会救助", f"areas grid starts with 社会救助: {areas[:3]}")
    check(r.get("area", {}).get("screen") == "area", "tap 2: area")
    check("最低生活保障" in labels(r.get("area", {"elements": []}), "heading"), "area lists its 一级事项")
    item = r.get("item")
    if check(item and item["screen"] == "item", "tap 3: item"):
        check(item["elements"] and "信丰县最低生活保障审核确认实施细则（演示）" in labels(item, "row"),
              "the item's documents come first")
    doc = r.get("doc")
    check(doc and doc["screen"] == "reader" and doc.get("doc") == "xf-dibao-policy", "tap 4: the document")


def pages(n):
    """Script lines that dump page 0..n-1 of a scrolling screen (下一页 at the end is harmless)."""
    out = []
    for i in range(n):
        out += [f"dump page{i}", "seek 下一页"] if i + 1 < n else [f"dump page{i}"]
    return out


def union(r, key="page"):
    d = {"elements": []}
    for k, v in sorted(r.items()):
        if k.startswith(key):
            d["elements"] += v["elements"]
    return d


def test_item_all_columns():
    """Page by page, an item shows every catalog column and its 码上知 QR with the database's URL."""
    r = run(["press 政务公开目录", "seek 社会救助", "press 政策文件"] + pages(5), name="item-end")
    d = union(r)
    if not check(d["elements"], "item page dumps"):
        return
    text = labels(d)
    for col in ["公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式",
                "公开层级"]:
        check(col in text, f"item shows column {col}")
    check("政府网站" in "".join(labels(d, "text")) and not labels(d, "chip"),
          "channels in words, not chips that look like buttons")
    with db() as c:
        url = c.execute("SELECT url FROM items WHERE key = '社会救助/最低生活保障/政策文件'").fetchone()[0]
    qrs = {e["url"] for e in d["elements"] if e["role"] == "qr"}
    check(qrs == {url}, "item QR carries the 码上知 URL")


def test_no_dead_ends():
    """Issue 10 §2: an item with no document here says so on its first view and shows its 码上知 QR at once (portrait,
    landscape, 长者模式); area rows tell "2份文件" from "扫码查看"; the areas citizens use most each have a document or
    guide on the machine, and the areas screen starts with them."""
    most_used = ["社会救助", "养老服务", "社会保险", "医疗卫生", "就业", "义务教育", "户籍管理", "保障性住房"]
    with db() as c:
        for area in most_used:
            n, = c.execute("SELECT count(*) FROM docs d JOIN areas a ON a.id = d.area_id WHERE a.name = ?",
                           (area,)).fetchone()
            check(n >= 1, f"{area} has a document on the machine ({n})")
        url, = c.execute("SELECT url FROM items WHERE key = '社会救助/最低生活保障/审核信息'").fetchone()
    notice = "本机暂未收录该项的文件，请扫码查看网上公开内容。"
    for size, elder in (("1080x1920", False), ("1920x1080", False), ("1280x800", False), ("1080x1920", True)):
        tag = f"{size}{' 长者模式' if elder else ''}"
        name = f"deadend-{size}{'-elder' if elder else ''}"
        r = run((["press 长者模式：字更大（点此开启）"] if elder else []) +
                ["press 政务公开目录", "dump areas", "seek 社会救助", "dump area", "seek 审核信息", "dump item",
                 f"shot item-nodoc-{size}{'-elder' if elder else ''}"], size=size, name=name)
        tiles = labels(r.get("areas", {"elements": []}), "tile")
        if size == "1080x1920" and not elder:
            check(set(most_used) <= set(tiles[:len(most_used) + 1]), f"the most used areas come first: {tiles[:9]}")
        area = labels(r.get("area", {"elements": []}), "text")
        check("2份文件" in area and "扫码查看" in area, f"{tag}: area rows say 2份文件 or 扫码查看")
        it = r.get("item", {"elements": [], "scroll": {}})
        check(it.get("screen") == "item" and it.get("scroll", {}).get("page") == 1, f"{tag}: the item on page 1")
        view = it.get("scroll", {}).get("view", [0, 0, 0, 0])
        shown = [e for e in it["elements"] if e["y"] >= view[1] and e["y"] + e["h"] <= view[1] + view[3]]
        text = "".join(e["label"] for e in shown if e["role"] == "text")
        check(notice in text, f"{tag}: the item says {notice} on its first view")
        qr = [e for e in shown if e["role"] == "qr"]
        check(len(qr) == 1 and qr[0].get("url") == url, f"{tag}: its 码上知 QR on the first view: {qr}")


def test_lists_and_filters():
    r = run(["press 政策文件", "dump current", "shot list-policies-1080x1920",
             "press 已废止", "dump repealed", "press 全部"] + pages(6), name="lists")
    cur, rep = (r.get(k, {"elements": []}) for k in ("current", "repealed"))
    all_ = union(r)
    rows = lambda d: labels(d, "row")
    check("信丰县高龄津贴发放管理办法（2019年版，演示）" not in rows(cur), "现行有效 list hides the repealed policy")
    check(rows(rep) == ["信丰县高龄津贴发放管理办法（2019年版，演示）"], "已废止 filter shows it")
    check(any("已废止" in l for l in labels(rep)), "the repealed row says 已废止 in words")
    with db() as c:
        npolicies, = c.execute("SELECT count(*) FROM docs WHERE type = 1").fetchone()
    check(len(set(rows(all_))) == npolicies, "全部 shows every policy")
    with db() as c:
        in_force = [t for (t,) in c.execute(
            "SELECT title FROM docs WHERE type = 1 AND validity != 3 ORDER BY publish_date DESC, id")]
    visible = rows(cur)
    check(visible == in_force[:len(visible)] and len(visible) >= 2, f"policies in force, newest first: {visible}")


def test_policies_in_force():
    """Issue 10 §6: the 政策文件 list opens on every document in force (现行有效 and 已修改), each row led by its badge
    in words and showing its summary; the home tile counts exactly what the list shows; a repealed policy opens on
    the banner 本文件已废止 with a link that opens its replacement."""
    r = run(["dump home", "press 政策文件"] + pages(4), name="in-force")
    home = r.get("home", {"elements": []})
    tile = next((e for e in home["elements"] if e["role"] == "text" and e["label"].endswith("件有效")), None)
    with db() as c:
        in_force = {t: (v, s) for t, v, s in c.execute(
            "SELECT title, validity, summary FROM docs WHERE type = 1 AND validity != 3")}
    d = union(r)
    shown = sorted(set(labels(d, "row")))
    check(shown == sorted(in_force), f"the list shows every policy in force: {shown}")
    check(tile is not None and tile["label"] == f"{len(shown)}件有效", f"the home tile counts them: {tile}")
    names = {1: "现行有效", 2: "已修改"}
    for title, (validity, summary) in in_force.items():
        # the page on which the row is shown, and what lies inside it there (pages are looked at one at a time)
        page, row = next(((v, e) for k, v in sorted(r.items()) if k.startswith("page") for e in v["elements"]
                          if e["role"] == "row" and e["label"] == title), (None, None))
        if not check(row is not None, f"row {title}"):
            continue
        inside = [e for e in page["elements"] if e["role"] in ("badge", "text") and row["x"] <= e["x"] and
                  row["y"] <= e["y"] < row["y"] + row["h"]]
        badge = [e for e in inside if e["role"] == "badge"]
        check(badge and badge[0]["label"] == names[validity], f"{title}: badge {[b['label'] for b in badge]}")
        first_line = min((e for e in inside if e["role"] == "text"), key=lambda e: e["y"], default=None)
        check(badge and first_line and badge[0]["x"] < first_line["x"] and
              abs(badge[0]["y"] + badge[0]["h"] / 2 - first_line["y"] - first_line["h"] / 2) < first_line["h"],
              f"{title}: the badge comes first, on the title's line")
        text = "".join(e["label"] for e in inside if e["role"] == "text")
        check(summary[:12] in text, f"{title}: its summary is in the row")
    with db() as c:
        old, new = c.execute("SELECT d.title, r.title FROM docs d JOIN docs r ON r.id = d.replaced_by "
                             "WHERE d.validity = 3").fetchone()
    r = run(["press 政策文件", "seek 已废止", f"press {old}", "dump old", f"press 请看现行文件：{new}", "dump new"],
            name="repealed")
    o = r.get("old", {"elements": []})
    els = o["elements"]
    banner = next((e for e in els if e["label"] == "本文件已废止"), None)
    title = next((e for e in els if e["label"].startswith(old[:8])), None)
    check(banner is not None and title is not None and banner["y"] < title["y"], "the banner comes before the title")
    check(o.get("scroll", {}).get("page") == 1, "the repealed policy opens on page 1, at its banner")
    check(r.get("new", {}).get("screen") == "reader" and any(new == l for l in labels(r.get("new", {"elements": []}))),
          "the link opens the replacement")


    r = run(["press 民生实事", "dump projects", "shot list-projects-1080x1920"], name="projects")
    d = r.get("projects", {"elements": []})
    bars = [e for e in d["elements"] if e["role"] == "progress"]
    check(len(bars) == 3 and sorted(b["value"] for b in bars) == [0, 65, 100], "民生实事 with progress bars")
    check(any("进度" in l for l in labels(d)), "progress also in words")

    with db() as c:
        title, = c.execute("SELECT title FROM docs WHERE type = 6").fetchone()
    r = run(["press 征求意见", "dump list", f"seek {title}", "dump doc", "shot consultation-1080x1920",
             "press 下一页", "dump doc2"], name="consult")
    check(any("截止日期" in l for l in labels(r.get("list", {"elements": []}))), "consultation list shows deadline")
    d = r.get("doc", {"elements": []})
    check(any("意见反馈截止日期" in l for l in labels(d)), "consultation shows its deadline")
    with db() as c:
        url = c.execute("SELECT respond_url FROM consultations").fetchone()[0]
    # the QR card follows the text that tells how to respond: on the first page or the next (true pages: a card is
    # never cut, and the 朗读 toolbar takes a row)
    qrs = [e.get("url") for x in (d, r.get("doc2", {"elements": []})) for e in x["elements"] if e["role"] == "qr"]
    check(url in qrs, "consultation QR to respond")


def test_triad_tabs():
    r = run(["press 政策文件", "seek 信丰县最低生活保障审核确认实施细则（演示）", "dump original",
             "shot reader-1080x1920", "press 解读", "dump interp", "shot interpretation-1080x1920",
             "press 办事", "dump guide", "shot guide-1080x1920", "press 原文", "dump back"], name="triad")
    o = r.get("original", {"elements": []})
    check(labels(o, "tab") == ["原文", "解读", "办事"], "triad tabs present")
    check(r.get("interp", {}).get("screen") == "interpretation" and r["interp"].get("doc") == "xf-dibao-policy-jd",
          "解读 tab shows the interpretation")
    check(r.get("guide", {}).get("screen") == "guide" and r["guide"].get("doc") == "guide-dibao", "办事 tab: guide")
    check(r.get("back", {}).get("screen") == "reader", "原文 tab returns")
    badges = labels(o, "badge")
    check("现行有效" in badges, "validity badge in words")
    interp = " ".join(labels(r.get("interp", {"elements": []})))
    with db() as c:
        who, = c.execute("SELECT i.interpreter FROM interpretations i JOIN docs d ON d.id = i.doc_id "
                         "WHERE d.key = 'xf-dibao-policy-jd'").fetchone()
    check(f"解读人：{who}" in interp, f"the interpretation names its 解读人 ({who})")


def test_interpretation_qa():
    """简明问答: each question opens its answer."""
    with db() as c:
        q = c.execute("SELECT q.question, q.answer FROM qas q JOIN docs d ON d.id = q.doc_id "
                      "WHERE d.key = 'xf-dibao-policy-jd' ORDER BY q.seq").fetchone()
    r = run(["press 政策解读", "press 《信丰县最低生活保障审核确认实施细则（演示）》政策解读", f"seek {q[0]}",
             "dump open", "shot qa-open-1080x1920", f"press {q[0]}", "dump closed"], name="qa")
    closed, opened = r.get("closed", {"elements": []}), r.get("open", {"elements": []})
    check(q[0] in labels(closed, "row"), "question listed")
    first_answer_chars = q[1][:8]
    check(any(first_answer_chars in l for l in labels(opened)), "answer shown after the tap")
    check(not any(first_answer_chars in l for l in labels(closed)), "a second tap hides it again")


def test_size_keeps_position():
    r = run(["press 政策文件", "seek 信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知",
             "press 下一页", "press 下一页", "press 下一页", "dump before", "press 字号＋", "dump larger",
             "shot reader-larger-1080x1920", "press 字号＋", "press 字号＋", "press 字号＋", "dump largest"],
            name="size")
    a, b, c = (r.get(k) for k in ("before", "larger", "largest"))
    if not check(a and b and c, "size dumps"):
        return
    check(b["size_step"] == a["size_step"] + 1, "字号＋ steps the size")
    check(c["size_step"] == 3, "the ladder ends at the largest step")
    pa, pb = a["reading_position"], b["reading_position"]
    check(pa["para"] == pb["para"] and pb["offset"] <= pa["offset"], f"reading position kept: {pa} → {pb}")
    px = lambda d: max(e.get("px", 0) for e in d["elements"] if e["role"] == "text")
    check(px(a) >= 40 and px(b) > px(a) and px(c) >= 72, "body sizes 40 → larger → ≥ 72")


def test_scroll_to_end():
    """Flicks and 下一页 reach the end of the longest document; the last words are on screen."""
    with db() as c:
        key, = c.execute("SELECT d.key FROM docs d JOIN blocks b ON b.doc_id = d.id GROUP BY d.id "
                         "ORDER BY sum(length(b.text)) DESC LIMIT 1").fetchone()
        title, dtype = c.execute("SELECT title, type FROM docs WHERE key = ?", (key,)).fetchone()
        last, = c.execute("SELECT b.text FROM blocks b JOIN docs d ON d.id = b.doc_id WHERE d.key = ? "
                          "AND b.text IS NOT NULL AND b.text != '' ORDER BY b.seq DESC LIMIT 1", (key,)).fetchone()
        qa = c.execute("SELECT q.question FROM qas q JOIN docs d ON d.id = q.doc_id WHERE d.key = ? "
                       "ORDER BY q.seq DESC LIMIT 1", (key,)).fetchone()
        if qa:  # the questions follow their heading, closed: the last one ends the page
            last = qa[0]
    tile = {1: "政策文件", 2: "政策解读", 3: "办事指南", 4: "通知公告", 5: "民生实事", 6: "征求意见"}[dtype]
    flicks = ["drag 540 1500 540 400 120", "wait 1500"] * 8
    r = run([f"press {tile}", f"seek {title}", "press 字号＋", "press 字号＋", "press 字号＋"] + flicks +
            ["dump flicked"] + ["press 下一页"] * 80 + ["dump end", "shot reader-end-1080x1920", "press 上一页", "dump end_prev", "press 下一页",
                                                        "drag 540 400 540 1400 300", "wait 2000", "dump bounced",
                                                        "press 下一页", "press 下一页", "press 上一页", "dump before_end"],
            name="scroll")
    f, e = r.get("flicked"), r.get("end")
    if not check(f and e, "scroll dumps"):
        return
    check(f["scroll"]["pos"] > 8 * 900, f"eight flicks glide further than the finger moved: {f['scroll']}")
    check(e["scroll"]["pos"] == e["scroll"]["max"], "下一页 reaches the end")
    view_bottom = min(x["y"] for x in e["elements"] if x["label"] == "下一页")
    lines = [x["label"] for x in e["elements"] if x["role"] == "text" and x["y"] < view_bottom]
    # the 好差评 card ends every document's page: the document's last words are just above it, on this page or the one
    # before (when the card begins a page of its own)
    card = [x for x in e["elements"] if x["label"] == "请为本次服务评价"]
    check(card, "the page ends with the rating card")
    if card:
        lines = [x["label"] for x in e["elements"] if x["role"] == "text" and x["y"] < card[0]["y"]]
    if not lines and r.get("end_prev"):
        be = r["end_prev"]
        bottom = min(x["y"] for x in be["elements"] if x["label"] == "下一页")
        lines = [x["label"] for x in be["elements"] if x["role"] == "text" and x["y"] < bottom]
    check(any(last.endswith(l) for l in lines[-3:] if l), f"the last words are visible: {lines[-3:]} / {last[-30:]}")
    b = r.get("bounced")
    check(b and 0 <= b["scroll"]["pos"] <= b["scroll"]["max"], "after a drag past the edge the page springs back")


def test_flow():
    r = run(["press 办事指南", "press 最低生活保障审核确认", "press 办事流程演示：一步一步看", "dump s1",
             "shot flow-1080x1920", "press 下一步", "dump s2", "press 上一步", "dump back"] +
            ["press 下一步"] * 5 + ["dump last", "press 看完了，返回指南", "dump done"], name="flow")
    s1, s2, back, last = (r.get(k, {}) for k in ("s1", "s2", "back", "last"))
    check(s1.get("screen") == "flow" and s1.get("step") == 1, "flow opens on step 1")
    check("上一步" not in labels(s1, "button") if s1 else False, "no 上一步 on step 1")
    check(s2.get("step") == 2 and "上一步" in labels(s2, "button"), "下一步 → step 2")
    check(back.get("step") == 1, "上一步 → step 1")
    check(last.get("step") == last.get("steps") == 6, "reaches the last step")
    check(any("第6步，共6步" == l for l in labels(last)), "progress in words: 第6步，共6步")
    # every step says what to bring and where, under its detail; a step without its own window names the guide's
    # 办理地点 (the demo's 低保 guide: step 1 has both, step 4 (公示) has a place only)
    t1 = " ".join(labels(s1, "text")) if s1 else ""
    check("需要带：" in t1 and "户口簿、身份证原件和复印件" in t1, f"step 1 says what to bring: {t1[-120:]}")
    check("去哪里办：" in t1 and "社会救助窗口" in t1, "step 1 says where")
    if s1:
        ys = {l: e["y"] for e in s1["elements"] for l in [e["label"]] if e["role"] == "text"}
        check(ys.get("需要带：", 0) > min((y for l, y in ys.items() if "提出申请" in l), default=1 << 30) and
              ys.get("去哪里办：", 0) > ys.get("需要带：", 1 << 30), "need-to-bring under the detail, where under it")
    t2 = " ".join(labels(s2, "text")) if s2 else ""
    check("去哪里办：" in t2, "step 2 says where")
    check(r.get("done", {}).get("screen") == "guide", "the last button returns to the guide")


def primary(d):
    """The labels of the filled buttons: what the screen says to tap next."""
    return [e["label"] for e in d.get("elements", []) if e["role"] == "button" and e.get("primary")]


def test_flow_one_next_button():
    """Regression: at 1280×800 in 长者模式 a step's text takes pages, and 下一页 and 下一步 were both filled, so the
    citizen could skip the unread rest of the step.  While the step has more to read 下一页 is the filled one; at its
    end, 下一步.  Where a step fits, 下一步 is filled from the start."""
    r = run(["press 长者模式：字更大（点此开启）", "press 办事指南", "press 最低生活保障审核确认",
             "press 办事流程演示：一步一步看", "dump first"] + ["key PageDown"] * 8 + ["dump end"],
            size="1280x800", name="flow-elder")
    first, end = r.get("first", {}), r.get("end", {})
    check(first.get("screen") == "flow" and first.get("step") == 1, "长者模式 1280×800: the flow opens on step 1")
    check(primary(first) == ["下一页"], f"长者模式 1280×800, step 1 not read to its end: filled {primary(first)}")
    check(end.get("step") == 1 and primary(end) == ["下一步"], f"at the step's end: filled {primary(end)}")
    r = run(["press 办事指南", "press 最低生活保障审核确认", "press 办事流程演示：一步一步看", "dump s1"],
            name="flow-fits")
    check(primary(r.get("s1", {})) == ["下一步"], f"1080×1920, a step that fits: filled {primary(r.get('s1', {}))}")


def test_idle():
    r = run(["press 政务公开目录", "seek 社会救助", "wait 89000", "dump before", "wait 2000", "dump countdown",
             "shot idle-countdown-1080x1920", "wait 10000", "dump after"], name="idle")
    check(r.get("before", {}).get("screen") == "area", "no countdown before the idle time")
    check(r.get("countdown", {}).get("screen") == "idle_countdown", "countdown after 90 s")
    check(any("秒后返回首页" in l for l in labels(r.get("countdown", {"elements": []}))), "countdown says so")
    check(r.get("after", {}).get("screen") == "home", "home after the countdown")

    r = run(["press 政策文件", "seek 2023年全县政务公开工作要点", "press 字号＋", "press 下一页",
             "wait 182000", "dump countdown2", "tap 540 300", "dump cancelled", "wait 170000", "dump still",
             "wait 30000", "dump reset", "press 长者模式：字更大（点此开启）", "press 政策文件", "wait 200000",
             "dump elder"], name="idle2")
    check(r.get("countdown2", {}).get("screen") == "idle_countdown", "a reader counts down after 180 s")
    check(r.get("cancelled", {}).get("screen") == "reader", "a touch cancels the countdown and stays")
    check(r.get("still", {}).get("screen") == "reader", "the idle time restarts after the touch")
    reset = r.get("reset", {})
    check(reset.get("screen") == "home" and reset.get("size_step") == 0, "reset forgets screen and size")
    check(r.get("elder", {}).get("elder_mode") is False and r["elder"].get("size_step") == 0,
          "reset forgets 长者模式 and its size")


def test_idle_counts_reading():
    """Issue 10 §4: a reading screen waits reading_idle_seconds (default 180 s) since the last touch, and each page
    turn starts that wait again; a screen that is not for reading keeps idle_seconds (90 s)."""
    plan = "信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知"
    turns = []
    for i in range(3):  # three page turns, each 170 s after the last: 510 s of reading without a countdown
        turns += ["press 下一页", "wait 170000", f"dump read{i}"]
    r = run(["press 政策文件", f"seek {plan}", "wait 95000", "dump slow"] + turns +
            ["wait 9000", "dump almost", "wait 2000", "dump countdown"], name="idle-reading")
    check(r.get("slow", {}).get("screen") == "reader", "95 s on a document: no countdown (90 s would have)")
    for i in range(3):
        check(r.get(f"read{i}", {}).get("screen") == "reader", f"170 s after page turn {i}: still reading")
    check(r.get("read2", {}).get("scroll", {}).get("page", 0) >= 3, "the page turns happened")
    check(r.get("almost", {}).get("screen") == "reader", "179 s after the last turn: still reading")
    check(r.get("countdown", {}).get("screen") == "idle_countdown", "181 s after the last turn: the countdown")
    conf = os.path.join(WORK, "reading.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write("reading_idle_seconds = 300\n")
    r = run(["press 政策文件", f"seek {plan}", "wait 290000", "dump before", "wait 12000", "dump countdown",
             "key Home", "key Home", "press 政务公开目录", "wait 91000", "dump areas"], name="idle-reading-conf",
            extra_args=("--config", conf))
    check(r.get("before", {}).get("screen") == "reader", "reading_idle_seconds = 300: nothing at 290 s")
    check(r.get("countdown", {}).get("screen") == "idle_countdown", "reading_idle_seconds = 300: countdown at 302 s")
    check(r.get("areas", {}).get("screen") == "idle_countdown", "the directory is not for reading: 90 s")


def test_search():
    """Issue 5's end to end: ylfw on the on-screen keys, the first result opens the right screen."""
    r = run(["press 搜索", "dump empty", "press y", "press l", "press f", "press w", "dump typed",
             "shot search-1080x1920"], name="search")
    typed = r.get("typed", {"elements": []})
    check(r.get("empty", {}).get("screen") == "search", "home → 搜索")
    check(typed.get("query") == "ylfw" and typed.get("results", 0) > 0, "ylfw typed on the keys finds results")
    rows = labels(typed, "row")
    check(rows and rows[0] == "养老服务补贴", f"ylfw: 养老服务补贴 first: {rows[:3]}")
    keys = [e for e in typed["elements"] if e["role"] == "key"]
    check(len(keys) >= 39 and all(k["w"] >= 96 and k["h"] >= 96 for k in keys), "keys ≥ 96×96 px at 1080 wide")
    check(all(k in labels(typed, "key") for k in ("删除", "清空", "搜索", "q", "m", "0")),
          "letters, digits, backspace, clear, search")
    r = run(["press 搜索", "press y", "press l", "press f", "press w", "press 养老服务补贴", "dump opened"],
            name="search-open")
    o = r.get("opened", {"elements": []})
    check(o.get("screen") == "item" and "养老服务补贴" in labels(o, "heading"), "the first result opens its item")

    r = run(["press 搜索", "press y", "press a", "press n", "press g", "press l", "press a", "press o", "dump cand",
             "press 养老", "dump chosen", "press 删除", "dump back"], name="search-cand")
    cand = r.get("cand", {"elements": []})
    check("养老" in labels(cand, "button"), "yanglao offers 养老 in the candidate bar")
    check(r.get("chosen", {}).get("query") == "养老" and r["chosen"].get("results", 0) > 0,
          "choosing 养老 searches the Chinese word")
    check(r.get("back", {}).get("query") == "养", "删除 takes away a whole Chinese character")

    r = run(["press 搜索", "press d", "press b", "dump db"], name="search-db")
    db_ = r.get("db", {"elements": []})
    check("又称“低保”" in "".join(labels(db_)), "db finds what is known as 低保 and says so")

    r = run(["press 搜索", "press 2", "press 0", "press 2", "press 4", "dump y2024", "press 清空",
             "press i", "press i", "press i", "press v", "press v", "dump nothing", "shot search-none-1080x1920"],
            name="search-none")
    check(r.get("y2024", {}).get("results", 0) > 0, "digits find documents (2024)")
    none = r.get("nothing", {"elements": []})
    check(none.get("results") == 0 and any("没有找到" in l for l in labels(none)), "nothing found says so")
    check(len(labels(none, "row")) >= 1, "and suggests what to look at instead")

    r = run(["press 搜索", "press y", "press l", "press f", "press w", "dump land", "shot search-1920x1080"],
            size="1920x1080", name="search-land")
    land = r.get("land", {"elements": []})
    keys = [e for e in land["elements"] if e["role"] == "key"]
    check(keys and all(k["w"] >= 96 and k["h"] >= 96 for k in keys) and land.get("results", 0) > 0,
          "landscape: keys keep their size, results beside them")


def test_unmet_search_recorded():
    data = tempfile.mkdtemp(dir=WORK)
    # await: statistics are written by a background job; quitting at once may come before it ran (under load)
    # 搜索 commits the search: only committed searches are counted (kiosk_search.py test_search_counted_once)
    r = run(["press 搜索", "press i", "press i", "press i", "dump q", "press 搜索", "await 20000"], name="unmet",
            extra_args=("--data", data))
    check(r.get("q", {}).get("results") == 0, "iii finds nothing")
    with sqlite3.connect(os.path.join(data, "local.db")) as c:
        rows = [tuple(r) for r in c.execute("SELECT * FROM sqlite_master WHERE type = 'table'")]
    stats = subprocess.run([ADMIN, "stats", "--help"], capture_output=True, text=True)
    check(stats.returncode == 0, "zwgk-admin stats exists")
    found = False
    with sqlite3.connect(os.path.join(data, "local.db")) as c:
        for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            cols = [x[1] for x in c.execute(f"PRAGMA table_info({name})")]
            if "query" in cols:
                found = found or any("iii" in str(v) for v in c.execute(f"SELECT query FROM {name}"))
    check(found, f"the unmet search is in local.db (tables: {[r[1] for r in rows]})")


def corner_taps(n=5):
    return ["tap 40 40"] * n


def test_admin_mode():
    data = tempfile.mkdtemp(dir=WORK)
    r = run(corner_taps() + ["dump nopin"], name="admin-nopin", extra_args=("--data", data))
    d = r.get("nopin", {"elements": []})
    check(d.get("screen") == "admin_pin", "five corner taps open the PIN pad")
    pin_pad = r.get("nopin", {"elements": []})
    r = run(corner_taps() + ["press 1", "press 2", "press 3", "press 4", "press 确认", "dump unset"],
            name="admin-unset2", extra_args=("--data", data))
    unset = labels(r.get("unset", {"elements": []}))
    check(any("尚未设置管理密码" in l for l in unset), "no PIN set: says so")
    check(not any("zwgk-admin" in l or "--data" in l for l in unset), f"no PIN set: no command for a citizen: {unset}")
    p = subprocess.run([ADMIN, "pin", "--data", data, "--pin", "20241101"],
                       capture_output=True, text=True)
    check(p.returncode == 0, f"zwgk-admin pin sets the PIN: {p.stderr}")
    digits = lambda s: [f"press {c}" for c in s]
    r = run(corner_taps(4) + ["dump four"] + ["tap 40 40"] + digits("1111") + ["press 确认", "dump wrong"] +
            digits("20241101") + ["press 确认", "dump admin", "shot admin-1080x1920", "wait 101000", "dump idle"],
            name="admin", extra_args=("--data", data))
    check(r.get("four", {}).get("screen") == "home", "four taps are not enough")
    check(any("还可以再试4次" in l for l in labels(r.get("wrong", {"elements": []}))), "a wrong PIN says how many tries")
    adm = r.get("admin", {"elements": []})
    check(adm.get("screen") == "admin", "the right PIN opens admin mode")
    text = " ".join(labels(adm))
    for what in ("终端编号", "内容版本", "发布单位", "可用存储", "安装记录"):
        check(what in text, f"admin shows {what}")
    r2 = run(corner_taps() + digits("20241101") + ["press 确认"] + pages(4), name="admin-pages",
             extra_args=("--data", data))
    offered = labels(union(r2), "button")
    for action in ("从U盘安装更新包", "重新安装当前版本（U盘）", "回退到上一版本", "导出统计到U盘", "退出到桌面"):
        check(action in offered, f"admin offers {action}")
    check(r.get("idle", {}).get("screen") == "home", "admin mode leaves by itself after the idle time")

    r = run(corner_taps() + sum((digits("9999") + ["press 确认"] for _ in range(5)), []) +
            ["dump locked"] + digits("20241101") + ["press 确认", "dump still"], name="admin-lock",
            extra_args=("--data", data))
    check(any("已锁定" in l for l in labels(r.get("locked", {"elements": []}))), "five wrong PINs lock")
    check(r.get("still", {}).get("screen") == "admin_pin", "locked: even the right PIN is refused")

    data2 = tempfile.mkdtemp(dir=WORK)
    subprocess.run([ADMIN, "pin", "--data", data2, "--pin", "123456"], check=True,
                   capture_output=True)
    script = os.path.join(WORK, "exit.txt")
    with open(script, "w") as f:
        f.write("\n".join(corner_taps() + digits("123456") + ["press 确认", "seek 退出到桌面", "dump never"]) + "\n")
    env = kr.kiosk_env()
    p = subprocess.run([KIOSK, "--content", DB, "--data", data2, "--windowed", "1080x1920", "--script", script],
                       env=env, capture_output=True, text=True)
    check(p.returncode == 64, f"退出到桌面 exits with 64 (the unit does not restart on it): {p.returncode}")


def test_rotation():
    conf = os.path.join(WORK, "rot.conf")
    with open(conf, "w") as f:
        f.write("rotation = 90\n")
    r = run(["dump home", "shot home-rotated-90", "press 政务公开目录", "dump areas"], size="1920x1080",
            name="rotate", extra_args=("--config", conf))
    home = r.get("home", {})
    check(home.get("width") == 1080 and home.get("height") == 1920, "a landscape panel turned 90°: a portrait UI")
    check(r.get("areas", {}).get("screen") == "areas", "taps reach the right element on a turned panel")


def test_idle_time_from_config():
    conf = os.path.join(WORK, "kiosk.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write("idle_seconds = 30\ncountdown_seconds = 5\n")
    r = run(["press 政务公开目录", "wait 29000", "dump before", "wait 1500", "dump countdown", "wait 5000", "dump after"],
            name="idle-config", extra_args=("--config", conf))
    check(r.get("before", {}).get("screen") == "areas", "configured idle time: nothing before 30 s")
    check(r.get("countdown", {}).get("screen") == "idle_countdown", "configured idle time: countdown at 30 s")
    check(r.get("after", {}).get("screen") == "home", "configured countdown length: home after 5 more seconds")
    with open(conf, "w", encoding="utf-8") as f:
        f.write("idle_secnds = 30\n")
    p = subprocess.run([KIOSK, "--config", conf, "--script", "/dev/null"], capture_output=True, text=True)
    check(p.returncode == 2 and "kiosk.conf:1: unknown key 'idle_secnds'" in p.stderr, "a config typo names its line")
    p = subprocess.run([KIOSK, "--config", os.path.join(SRC, "assets", "kiosk.conf"), "--content", DB,
                        "--windowed", "1080x1920", "--script", "/dev/null"], capture_output=True, text=True,
                       env=kr.kiosk_env())
    check(p.returncode == 0, f"the example config loads: {p.stderr.strip()}")


def test_touch_not_handled_twice():
    """A touchscreen sends a finger event and a mouse copy of it; the tap must toggle 长者模式 once, not twice."""
    r = run(["dump home"], name="touch-find")
    btn = next((e for e in r.get("home", {"elements": []})["elements"] if e["label"].startswith("长者模式")), None)
    if not check(btn is not None, "elder button found"):
        return
    x, y = btn["x"] + btn["w"] // 2, btn["y"] + btn["h"] // 2
    r = run([f"touch {x} {y}", "dump once", f"touch {x} {y}", "dump twice", f"tap {x} {y}", "dump mouse"],
            name="touch")
    check(r.get("once", {}).get("elder_mode") is True, "one touch toggles once")
    check(r.get("twice", {}).get("elder_mode") is False, "a second touch toggles back")
    check(r.get("mouse", {}).get("elder_mode") is True, "a mouse click works too")


def test_elder_mode():
    r = run(["press 长者模式：字更大（点此开启）", "dump home", "shot home-elder-1080x1920",
             "press 政策文件", "seek 2023年全县政务公开工作要点", "dump reader"], name="elder")
    check(r.get("home", {}).get("elder_mode") is True, "长者模式 on")
    px = [e.get("px", 0) for e in r.get("reader", {"elements": []})["elements"] if e["role"] == "text"]
    check(px and max(px) >= 60, "长者模式 reads at ≥ 60 px")


def test_elder_home():
    """Issue 10 §4: 长者模式's home is simpler: the most used entries first (政务公开目录, 办事指南, 政策文件), large
    tiles in one column (two in landscape), everything else behind one 更多 tile (one column too), and 常用 comes
    back."""
    for size in ("1080x1920", "1920x1080", "1280x800"):
        r = run(["press 长者模式：字更大（点此开启）", "dump home", f"shot home-elder-{size}", "press 更多", "dump more",
                 "press 常用", "dump back", "press 更多", "press 政策解读", "dump list", "press 首页", "dump home2"],
                size=size, name=f"elderhome-{size}")
        home = r.get("home", {"elements": []})
        tiles = [e for e in home["elements"] if e["role"] == "tile"]
        names = [e["label"] for e in tiles]
        check(names == ["政务公开目录", "办事指南", "政策文件", "更多"], f"{size}: elder home order: {names}")
        target = 136 if size == "1080x1920" else 120 * min(int(size.split("x")[0]), int(size.split("x")[1])) // 1080
        check(all(e["h"] >= target and e["w"] >= target for e in tiles), f"{size}: elder tiles ≥ {target} px: "
              f"{[(e['w'], e['h']) for e in tiles]}")
        if size == "1080x1920":
            check(len({e["x"] for e in tiles}) == 1 and all(e["w"] >= 900 for e in tiles), "portrait: one column")
        more = [e["label"] for e in r.get("more", {"elements": []})["elements"] if e["role"] == "tile"]
        # 更多 shows the other entries (not the first three again), as large: one column in portrait
        check(len(more) >= 6 and "依申请公开" in more and more[-1] == "常用" and not set(more) & set(names[:3]),
              f"{size}: 更多 shows the other entries: {more}")
        mt = [e for e in r.get("more", {"elements": []})["elements"] if e["role"] == "tile"]
        check(all(e["h"] >= target and e["w"] >= target for e in mt), f"{size}: 更多's tiles ≥ {target} px: "
              f"{[(e['w'], e['h']) for e in mt]}")
        if size == "1080x1920":
            check(len({e["x"] for e in mt}) == 1, f"portrait: 更多 in one column: {[e['x'] for e in mt]}")
        back = [e["label"] for e in r.get("back", {"elements": []})["elements"] if e["role"] == "tile"]
        check(back == names, f"{size}: 常用 returns to the simpler home")
        check(r.get("list", {}).get("screen") == "list", f"{size}: a tile behind 更多 opens")
        home2 = [e["label"] for e in r.get("home2", {"elements": []})["elements"] if e["role"] == "tile"]
        check(home2 == names, f"{size}: 首页 from a screen opened behind 更多 is the simpler home again: {home2}")
    # without 长者模式 the home keeps every tile, and no 更多
    r = run(["dump home"], name="elderhome-off")
    plain = [e["label"] for e in r.get("home", {"elements": []})["elements"] if e["role"] == "tile"]
    check("更多" not in plain and len(plain) >= 8, f"the standard home shows every tile: {plain}")


def zbar(png):
    p = subprocess.run(["zbarimg", "--raw", "-q", png], capture_output=True)
    return sorted(x for x in p.stdout.decode("utf-8", "replace").split("\n") if x)


def test_qr_decode():
    """Every QR on the reader and guide screens decodes to its database URL, byte for byte."""
    if not check(shutil.which("zbarimg"), "zbarimg installed (zbar-tools)"):
        return
    r = run(["press 政策文件", "seek 信丰县最低生活保障审核确认实施细则（演示）", "dump reader", "shot qr-reader",
             "press 办事", "seek 码上办：扫码在网上办理最低生活保障审核确认", "dump guide", "shot qr-guide"], name="qr")
    with db() as c:
        doc_url, = c.execute("SELECT url FROM docs WHERE key = 'xf-dibao-policy'").fetchone()
        service, = c.execute("SELECT g.service_url FROM guides g JOIN docs d ON d.id = g.doc_id "
                             "WHERE d.key = 'guide-dibao'").fetchone()
    check(zbar(os.path.join(SHOTS, "qr-reader.png")) == sorted([doc_url, service]), "reader QRs decode to 码上知 + 码上办")
    check(service in zbar(os.path.join(SHOTS, "qr-guide.png")), "guide QR decodes to 码上办")
    dumped = sorted(e["url"] for e in r.get("reader", {"elements": []})["elements"] if e["role"] == "qr")
    check(dumped == sorted([doc_url, service]), "dump lists the same URLs")
    for e in r.get("reader", {"elements": []})["elements"]:
        if e["role"] == "qr":
            check(e["w"] >= 320 and e["w"] == e["h"], f"QR at least 320 px: {e['w']}")


def test_other_sizes():
    for size in ("1920x1080", "1280x800"):
        r = run(["dump home", f"shot home-{size}", "press 政务公开目录", "dump areas", "seek 社会救助",
                 "press 政策文件", "dump item", "press 首页", "press 政策文件",
                 "seek 信丰县最低生活保障审核确认实施细则（演示）", "dump reader", f"shot reader-{size}",
                 "press 办事", "press 办事流程演示：一步一步看", "dump flow"], size=size, name=f"sizes-{size}")
        for k in ("home", "areas", "item", "reader", "flow"):
            check(k in r, f"{size}: {k} reachable")
        home = r.get("home", {"elements": []})
        check(len(labels(home, "tile")) == 8, f"{size}: all eight tiles on the home screen")


def test_no_way_out_in_kiosk_mode():
    """Full screen (no --windowed), Escape and a window-close request do not end the kiosk; windowed, Escape does."""
    script = os.path.join(WORK, "escape.txt")
    dump = os.path.join(WORK, "escape.json")
    with open(script, "w") as f:
        f.write(f"key Escape\nwait 100\ndump {dump}\n")
    env = kr.kiosk_env()
    p = subprocess.run([KIOSK, "--content", DB, "--script", script], env=env, capture_output=True, text=True)
    check(p.returncode == 0 and os.path.exists(dump), f"full screen: Escape is ignored, the script goes on: {p.stderr}")
    os.remove(dump) if os.path.exists(dump) else None
    p = subprocess.run([KIOSK, "--content", DB, "--windowed", "1080x1920", "--script", script], env=env,
                       capture_output=True, text=True)
    check(p.returncode == 0 and not os.path.exists(dump), "windowed: Escape quits before the dump")


def test_never_blank():
    """Content that does not open: the kiosk still shows a screen that says so, in words, with the reason."""
    bad = os.path.join(WORK, "not-a-db.db")
    with open(bad, "wb") as f:
        f.write(b"this is not a database" * 100)
    script = os.path.join(WORK, "blank.txt")
    dump = os.path.join(WORK, "blank.json")
    with open(script, "w") as f:
        f.write(f"dump {dump}\npress 政务公开目录\n")
    env = kr.kiosk_env()
    p = subprocess.run([KIOSK, "--content", bad, "--windowed", "1080x1920", "--script", script], env=env,
                       capture_output=True, text=True)
    try:
        with open(dump, encoding="utf-8") as f:
            d = json.load(f)
    except OSError:
        d = {"elements": []}
    check(d.get("screen") == "home" and any("内容暂时无法显示" in l for l in labels(d)),
          "bad content: home says the content cannot be shown")
    check("不是SQLite数据库" in "".join(labels(d)).replace(" ", ""), "and gives the reason for the admin (in Chinese: zh_CN)")
    check(p.returncode == 1 and "no visible element" in p.stderr, "no tiles lead nowhere")


def test_overlay_file_name_utf8():
    """A package whose file name is not UTF-8 (a stick formatted elsewhere): the overlay names it with U+FFFD and the
    dump stays UTF-8 (issue 12 §1 item 16: the raw name once reached the dump)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from touch_soak import Kiosk
    work = tempfile.mkdtemp(dir=WORK)
    inbox, data = os.path.join(work, "inbox"), os.path.join(work, "data")
    os.makedirs(inbox)
    conf = os.path.join(work, "kiosk.conf")
    pub = os.path.join(work, "k.pub")
    subprocess.run([ADMIN, "keygen", "-p", pub, "-s", os.path.join(work, "k.key")],
                   check=True, capture_output=True)
    with open(conf, "w", encoding="utf-8") as f:
        f.write(f"publisher_id = xinfeng-demo\ntrusted_key = {open(pub).read().split()[-1]}\n")
    name = b"\xff\xfe\xe5\x9d" + "更新包.db".encode()
    shutil.copy(DB, os.path.join(inbox.encode(), name))
    with open(os.path.join(inbox.encode(), name + b".minisig"), "wb") as f:
        f.write(b"untrusted comment: not a signature\n")
    k = Kiosk(BUILD, work, "1080x1920", ["--content", DB, "--data", data, "--config", conf, "--watch", inbox])
    named, refused = None, False
    try:
        for _ in range(400):  # the worker is a real thread on a real clock: every dump of the overlay is checked
            k.send("wait 16")  # events are handled, a frame drawn
            d = k.dump()  # uidump.load: strict UTF-8
            labels_ = [e["label"] for e in d["elements"]]
            named = named or next((l for l in labels_ if "更新包.db" in l), None)
            refused = any("更新包未安装" in l for l in labels_)
            if refused:
                break
            time.sleep(0.01)
    except (RuntimeError, ValueError) as e:
        check(False, f"overlay with a non-UTF-8 file name: {e}")
    finally:
        k.finish()
    check(refused, "the package with a non-UTF-8 name is refused on screen")
    # The name shows only while the package is checked (milliseconds): when a dump caught it, it reads U+FFFD.
    check(named is None or "\ufffd" in named, f"the overlay names the file with U+FFFD: {named!r}")


def test_script_errors():
    r = run(["press 不存在的按钮"], name="bad-press", expect_rc=1)
    check(r == {}, "a failed press ends the script with exit 1")
    run(["frobnicate 1 2"], name="bad-cmd", expect_rc=1)
    run(["tap 10"], name="bad-args", expect_rc=1)


def main():
    only = sys.argv[1:]  # kiosk_e2e.py [test_name ...]: just those
    tests = [v for k, v in sorted(globals().items()) if k.startswith("test_") and (not only or k in only)]
    for t in tests:
        try:
            t()
        except Exception as e:  # a crash in one test is a failure, not the end of the run
            check(False, f"{t.__name__}: {type(e).__name__}: {e}")
    if os.environ.get("ZWGK_UPDATE_DOCS") == "1":
        dest = os.path.join(SRC, "docs", "screenshots")
        os.makedirs(dest, exist_ok=True)
        for f in os.listdir(SHOTS):
            if not f.startswith("qr-"):
                shutil.copy(os.path.join(SHOTS, f), dest)
    shutil.rmtree(WORK, ignore_errors=True)
    return kr.summary("kiosk_e2e")


if __name__ == "__main__":
    sys.exit(main())
