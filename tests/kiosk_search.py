#!/usr/bin/env python3
"""Issue 10 §5, search that leaves room for results: the real kiosk driven by --script, checked through --ui-dump.

While typing at 1080×1920 the query bar, the candidate bar and the keys leave room for four and a half result rows,
no result row reaches under the keys, and the count (共N条) and the pager sit in a bar right under the results, not
up in the candidate bar.  搜索 hides the keys and gives the results the screen; 修改搜索 (or a tap on the query) brings
them back with the query kept.  In landscape (1920×1080, 1280×800) the ten keys of a row keep the target size and
the results stand beside them.  长者模式 keeps its larger keys, and 搜索 then shows more rows than typing does.

Uses kiosk_e2e.run (the kiosk headless, its generic checks on every dump).  Environment as for kiosk_e2e.py.
"""
import math
import os
import re
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_e2e as k  # noqa: E402
import kiosk_run as kr  # noqa: E402

check, run, labels = k.check, k.run, k.labels
TYPE = ["press 搜索", "press y", "press l", "press f", "press w"]


def view(d):
    """The results view as {x, y, w, h} (the dump writes [x, y, w, h])."""
    v = d.get("scroll", {}).get("view") or [0, 0, 0, 0]
    return dict(zip("xywh", v))


def els(d, role=None, label=None):
    return [e for e in d.get("elements", []) if (role is None or e["role"] == role)
            and (label is None or e["label"] == label)]


def whole_rows(d):
    """Result rows wholly inside the results view."""
    v = view(d)
    top, bottom = v["y"], v["y"] + v["h"]
    return [e for e in els(d, "row") if not e.get("cut") and e["y"] >= top and e["y"] + e["h"] <= bottom]


def row_pitch(d):
    """The pitch of the shortest result row (title and one line under it): row height plus the space after it."""
    rows = sorted(els(d, "row"), key=lambda e: e["y"])
    pitches = [b["y"] - a["y"] for a, b in zip(rows, rows[1:]) if not a.get("cut")]
    return min(pitches) if pitches else 0


def max_pitch(d):
    """The pitch of the tallest result row in view: row height plus the space after it."""
    rows = sorted(els(d, "row"), key=lambda e: e["y"])
    pitches = [b["y"] - a["y"] for a, b in zip(rows, rows[1:]) if not a.get("cut")]
    return max(pitches) if pitches else 0


def lines_in(d, row):
    """The text lines drawn inside a row."""
    return [e for e in els(d, "text") if row["x"] <= e["x"] and e["x"] + e["w"] <= row["x"] + row["w"]
            and row["y"] <= e["y"] and e["y"] + e["h"] <= row["y"] + row["h"]]


def target(d):
    """The accessibility bar's 96 px target at this window (docs/accessibility.md, scaled as the theme scales)."""
    return math.ceil(96 * min(d["width"], d["height"]) / 1080)


def count_label(d):
    return [l for l in labels(d, "text") if re.fullmatch(r"共\d+条(以上)?", l)]


def elder_label():
    home = run(["dump home"], name="search-elder-find").get("home", {})
    return next((l for l in labels(home, "button") if "长者模式" in l), None)


def test_room_while_typing():
    d = run(TYPE + ["dump typed", "shot search-typing-1080x1920"], name="room").get("typed", {})
    if not check(d.get("screen") == "search" and d.get("results", 0) >= 5, "ylfw finds at least five results"):
        return
    v = view(d)
    pitch = row_pitch(d)
    check(pitch > 0 and v["h"] >= 4.5 * pitch,
          f"typing: the results view ({v['h']} px) holds 4½ rows of {pitch} px")
    check(len(whole_rows(d)) >= 4, f"typing: at least four whole result rows shown ({len(whole_rows(d))})")
    keys = els(d, "key")
    key_top = min(e["y"] for e in keys)
    check(all(e["y"] + e["h"] <= key_top for e in els(d, "row")), "no result row reaches under the keys")
    check(all(e["w"] >= 96 and e["h"] >= 96 for e in keys), "keys stay ≥ 96×96 px")
    # the count, exact
    check(count_label(d) == [f"共{d['results']}条"], f"the count 共{d['results']}条 is shown: {count_label(d)}")
    # the pager under the results, above the keys; not in the candidate bar
    nxt = els(d, "button", "下一页")
    cands = [e for e in els(d, "button") if e["label"] not in ("‹ 返回", "首页", "上一页", "下一页")]
    if check(len(nxt) == 1, "a pager for five pages of results"):
        n = nxt[0]
        check(n["y"] >= v["y"] + v["h"] and n["y"] + n["h"] <= key_top,
              f"下一页 sits between the results and the keys: {n}")
        check(all(n["y"] >= c["y"] + c["h"] for c in cands), "下一页 is not in the candidate bar")
        cnt = [e for e in els(d, "text") if e["label"] == f"共{d['results']}条"]
        check(cnt and abs((cnt[0]["y"] + cnt[0]["h"] / 2) - (n["y"] + n["h"] / 2)) < n["h"] / 2,
              "the count stands on the pager's line")


def test_room_at_every_resolution():
    """Issue 10 §5/§7: while typing, 4½ results beside or above the keys at 1080×1920, 1920×1080 and 1280×800 (each
    a title line and a line of where it is, the match kept in view), and every key of the target size."""
    for size in ("1080x1920", "1920x1080", "1280x800"):
        d = run(TYPE + ["dump typed"], name=f"room-{size}", size=size).get("typed", {})
        if not check(d.get("results", 0) >= 6, f"{size}: ylfw finds more than fits"):
            continue
        v, pitch = view(d), max_pitch(d)
        rows = whole_rows(d)
        check(pitch > 0 and v["h"] >= 4.5 * pitch, f"{size}: the results view ({v['h']} px) holds 4½ rows of {pitch} px")
        check(len(rows) >= 4, f"{size}: four whole rows in view ({len(rows)})")
        check(all(len(lines_in(d, r)) <= 2 for r in rows), f"{size}: a row while typing is a title line and a sub line")
        hits = d.get("hits", [])
        lost = [h for h in hits if not any(h["marked"]) and not (h["item"] and h["sub"].endswith("…"))]
        check(hits and not lost, f"{size}: each row keeps its match in view (an item's only where its 一级事项 "
              f"leaves room): {[(h['sub'], h['marked']) for h in lost][:3]}")
        keys = els(d, "key")
        small = [(e["label"], e["w"], e["h"]) for e in keys if e["w"] < target(d) or e["h"] < target(d)]
        check(len(keys) >= 39 and not small, f"{size}: every key at least {target(d)}×{target(d)} px: {small[:3]}")
        check(count_label(d) == [f"共{d['results']}条"], f"{size}: the count is shown: {count_label(d)}")
        key_top = min((e["y"] for e in keys), default=0)
        key_right = max((e["x"] + e["w"] for e in keys), default=0)
        check(all(e["y"] + e["h"] <= key_top or e["x"] >= key_right for e in els(d, "row")),
              f"{size}: no result row under the keys")


def test_nothing_typed_collapses():
    """Before anything is typed there is no candidate bar and no pager band: the examples and 热门搜索 get the room."""
    for size in ("1080x1920", "1920x1080", "1280x800"):
        d = run(["press 搜索", "dump empty", f"shot search-empty-{size}"], name=f"empty-{size}", size=size).get("empty", {})
        v = view(d)
        keys = els(d, "key")
        query = [e for e in els(d, "text") if e["label"] == "请输入拼音或首字母"]
        key_top = min((e["y"] for e in keys), default=0)
        gap = 20 * min(d["width"], d["height"]) / 1080
        check(not els(d, "button", "上一页") and not els(d, "button", "下一页"), f"{size}: no pager with nothing typed")
        if d["width"] < d["height"]:
            check(v["y"] + v["h"] >= key_top - 1.5 * gap, f"{size}: the examples reach down to the keys: "
                  f"view ends {v['y'] + v['h']}, keys start {key_top}")
            check(query and v["y"] <= query[0]["y"] + query[0]["h"] + 3 * gap,
                  f"{size}: and start right under the query: {v['y']}")
        else:
            check(v["y"] + v["h"] >= d["height"] - 1.5 * gap, f"{size}: the examples reach the bottom: {v}")


def test_search_key_gives_results_the_screen():
    r = run(TYPE + ["dump typed", "press 搜索", "dump results", "shot search-results-1080x1920", "press 下一页",
                    "dump page2", "press 修改搜索", "dump editing", "press 搜索", "press ylfw", "dump tapped"],
            name="search-key")
    typed, res = r.get("typed", {}), r.get("results", {})
    check(res.get("screen") == "search" and res.get("query") == "ylfw", "搜索 stays on the results of ylfw")
    check(not els(res, "key"), "搜索 hides the keys")
    check(not [e for e in els(res, "button") if e["label"] == "养老服务"], "and the candidate bar")
    vt, vr = view(typed), view(res)
    check(vr["h"] >= 1.8 * max(vt["h"], 1), f"the results take the screen: view {vt['h']} → {vr['h']}")
    check(vr["y"] + vr["h"] >= res.get("height", 0) - 3 * 112, "the results reach down to the bottom bar")
    check(len(whole_rows(res)) >= 2 * len(whole_rows(typed)) - 1,
          f"twice the rows: {len(whole_rows(typed))} → {len(whole_rows(res))}")
    check(count_label(res) == [f"共{res.get('results')}条"], "the count is still shown")
    cut = [h["title"] + " / " + h["sub"] for h in res.get("hits", [])
           if "…" in h["title"] + (h["sub"] if h["field"] != "body" else "")]  # an excerpt is the text's own cut
    check(res.get("hits") and not cut, f"after 搜索 every result is shown whole: {cut[:2]}")
    check(any("又称“居家养老服务站”" in h["sub"] for h in res.get("hits", [])), "a whole sub line, its 又称 too")
    check(r.get("page2", {}).get("scroll", {}).get("page") == 2, "下一页 turns the results")
    check(any(e["label"] == "修改搜索" and e.get("tappable") for e in els(res, "button")), "修改搜索 is offered")
    ed = r.get("editing", {})
    check(len(els(ed, "key")) >= 39 and ed.get("query") == "ylfw", "修改搜索 brings the keys back, query kept")
    check(len(els(r.get("tapped", {}), "key")) >= 39, "so does a tap on the query")


def test_search_key_without_query():
    d = run(["press 搜索", "press 搜索", "dump d"], name="search-empty").get("d", {})
    check(len(els(d, "key")) >= 39, "搜索 with nothing typed keeps the keys")


def test_landscape():
    for size in ("1920x1080", "1280x800"):
        w, h = map(int, size.split("x"))
        target = int(96 * min(w, h) / 1080)
        r = run(TYPE + ["dump typed", f"shot search-typing-{size}", "press 搜索", "dump results",
                        f"shot search-results-{size}"], size=size, name=f"land-{size}")
        d, res = r.get("typed", {}), r.get("results", {})
        keys = els(d, "key")
        check(len(keys) >= 39 and all(e["w"] >= target and e["h"] >= target for e in keys),
              f"{size}: every key ≥ {target}×{target} px: {min((e['w'] for e in keys), default=0)} wide")
        keys_right = max((e["x"] + e["w"] for e in keys), default=0)
        check(all(e["x"] >= keys_right for e in els(d, "row")), f"{size}: the results stand beside the keys")
        check(len(whole_rows(d)) >= 4, f"{size}: at least four whole rows beside the keys ({len(whole_rows(d))})")
        check(count_label(d), f"{size}: the count is shown")
        check(not els(res, "key") and view(res)["w"] >= 1.3 * view(d)["w"] and len(whole_rows(res)) >= len(whole_rows(d)),
              f"{size}: 搜索 gives the results the keys' width: {view(d)['w']} → {view(res)['w']} px")
        check(count_label(res) and any(e["label"] == "修改搜索" for e in els(res, "button")),
              f"{size}: after 搜索 the count and 修改搜索")
        for dd, what in ((d, "typing"), (res, "results")):
            cnt = [e for e in els(dd, "text") if count_label({"elements": [e]})]
            pager = els(dd, "button", "上一页") + els(dd, "button", "下一页")
            check(cnt and all(cnt[0]["x"] + cnt[0]["w"] <= p["x"] or cnt[0]["y"] >= p["y"] + p["h"]
                              or cnt[0]["y"] + cnt[0]["h"] <= p["y"] for p in pager),
                  f"{size} {what}: the count does not run into the pager")


def test_elder():
    label = elder_label()
    if not check(label, "home offers 长者模式"):
        return
    r = run([f"press {label}"] + TYPE + ["dump typed", "shot search-typing-elder-1080x1920", "press 搜索",
                                         "dump results", "shot search-results-elder-1080x1920"], name="elder")
    d, res = r.get("typed", {}), r.get("results", {})
    check(d.get("elder_mode") is True, "长者模式 is on")
    keys = els(d, "key")
    check(keys and all(e["w"] >= 96 and e["h"] >= 112 for e in keys), "长者模式: keys keep the full target height")
    check(len(whole_rows(d)) >= 2, f"长者模式: results visible while typing ({len(whole_rows(d))})")
    check(len(whole_rows(res)) > len(whole_rows(d)), "长者模式: 搜索 shows more rows")
    check(count_label(res), "长者模式: the count is shown")
    for land in ("1920x1080",):
        r = run([f"press {label}"] + TYPE + ["dump typed", "press 搜索", "dump results",
                                             f"shot search-results-elder-{land}"], size=land, name="elder-" + land)
        check(count_label(r.get("typed", {})) and count_label(r.get("results", {})), f"长者模式 {land}: the count")


SIZES = ("1080x1920", "1920x1080", "1280x800")


def elder_bar(d):
    """长者模式's target (issue 10 §4): 120 px at 1080, scaled as theme.c scales its figures (89 px at 1280×800)."""
    return int(120 * min(d["width"], d["height"]) / 1080 + 0.5)


def reading_px(d):
    """长者模式's reading size: 60 px at 1080, scaled."""
    return int(60 * min(d["width"], d["height"]) / 1080 + 0.5)


def within(o, i, slack=1):
    return (o["x"] - slack <= i["x"] and o["y"] - slack <= i["y"] and i["x"] + i["w"] <= o["x"] + o["w"] + slack
            and i["y"] + i["h"] <= o["y"] + o["h"] + slack)


def test_elder_search_key_too_narrow():
    """Issue 10 §4 on the search screen: in 长者模式 every target — each letter and digit, 删除, 数字/拼音, 清空, 搜索,
    the candidates, the examples, the pager, 修改搜索, 返回 and 首页 — is at least 120×120 px at 1080 (scaled as the
    theme scales, 89 px at 1280×800), at all three sizes: before typing, while typing, on the digits page and after
    搜索.  The ten-column QWERTY before this made the keys 98 px wide at 1080.  The letters stand in alphabetical
    order, row by row; 数字 shows the digits (and types them), 拼音 brings the letters back, the query kept."""
    label = elder_label()
    if not check(label, "home offers 长者模式"):
        return
    for size in SIZES:
        r = run([f"press {label}", "press 搜索", "dump empty"] + TYPE[1:] + ["dump typed", "press 数字", "dump digits",
                                                                             "press 拼音", "press 搜索", "dump results"],
                size=size, name=f"elder-targets-{size}")
        for key in ("empty", "typed", "digits", "results"):
            d = r.get(key)
            if not check(d and d.get("elder_mode") and d.get("screen") == "search", f"{size} {key}: 长者模式 search"):
                continue
            bar = elder_bar(d)
            taps = [e for e in d["elements"] if e.get("tappable") and not e.get("cut")]
            small = [(e["role"], e["label"][:10], e["w"], e["h"]) for e in taps if e["w"] < bar or e["h"] < bar]
            check(len(taps) >= 6 and not small, f"{size} {key}: every target ≥ {bar}×{bar} px: {small[:4]}")
        chips = [e["label"] for e in els(r.get("empty", {"elements": []})) if e.get("tappable") and "（" in e["label"]
                 and not e.get("cut")]
        check(len(chips) == 4, f"{size}: the four examples are in view before typing: {chips}")
        typed, digits = r.get("typed", {}), r.get("digits", {})
        keys = sorted(els(typed, "key"), key=lambda e: (e["y"], e["x"]))
        letters = [e["label"] for e in keys if len(e["label"]) == 1]
        check(letters == list("abcdefghijklmnopqrstuvwxyz"), f"{size}: the letters in alphabetical order: {letters}")
        check({"删除", "数字", "清空", "搜索"} <= set(labels(typed, "key")), f"{size}: the function keys")
        dkeys = sorted(e["label"] for e in els(digits, "key") if len(e["label"]) == 1)
        check(dkeys == list("0123456789") and digits.get("query") == "ylfw",
              f"{size}: 数字 shows the ten digits, the query kept: {dkeys}, {digits.get('query')}")
        check(r.get("results", {}).get("query") == "ylfw" and not els(r.get("results", {}), "key"),
              f"{size}: 拼音 then 搜索: the results of ylfw have the screen")
    d = run([f"press {label}", "press 搜索", "press 数字", "press 2", "press 0", "press 2", "press 4", "press 拼音",
             "press d", "dump d"], name="elder-digits").get("d", {})
    check(d.get("query") == "2024d", f"长者模式: digits and letters type: {d.get('query')}")


def test_elder_result_rows_small_text():
    """Issue 10 §4/§6: in 长者模式 a result row is a target ≥ 120 px high with its title and its line of where it is at
    the reading size (≥ 60 px at 1080, scaled), no text sticking out of its row, and a policy that is no longer in
    force led by its badge (已废止 on the title's line, before it), while typing and after 搜索, at all three sizes.
    Before this the rows kept the labels' 50 px beside the keys, and 已废止 was words in the sub line."""
    label = elder_label()
    if not check(label, "home offers 长者模式"):
        return
    for size in SIZES:
        r = run([f"press {label}"] + TYPE + ["dump ylfw", "press 搜索", "dump ylfw-results", "press 修改搜索", "press 清空",
                                             "press 数字", "press 2", "press 0", "press 1", "press 9", "dump typed",
                                             "press 搜索", "dump results"], size=size, name=f"elder-rows-{size}")
        for key in ("typed", "results", "ylfw", "ylfw-results"):
            d = r.get(key)
            if not check(d and d.get("results", 0) > 0, f"{size} {key}: results"):
                continue
            rows = [e for e in els(d, "row") if not e.get("cut")]
            texts = [e for e in els(d, "text") if e["label"].strip()]
            low = [(e["label"][:10], e["h"]) for e in rows if e["h"] < elder_bar(d)]
            check(len(rows) >= 2 and not low, f"{size} {key}: rows ≥ {elder_bar(d)} px high: {low[:3]}")
            for row in rows:
                mine = [e for e in texts if row["x"] <= e["x"] + e["w"] / 2 < row["x"] + row["w"]
                        and row["y"] <= e["y"] + e["h"] / 2 < row["y"] + row["h"]]
                out = [e["label"][:10] for e in mine if not within(row, e)]
                tiny = [(e["label"][:10], e.get("px")) for e in mine if e.get("px", 0) < reading_px(d)]
                check(len(mine) >= 2 and not out and not tiny,
                      f"{size} {key}: row '{row['label'][:12]}': its lines at ≥ {reading_px(d)} px, inside it: "
                      f"{len(mine)} lines, outside {out}, small {tiny[:3]}")
        for key in ("typed", "results"):
            d = r.get(key, {"elements": []})
            rows = sorted(els(d, "row"), key=lambda e: e["y"])
            first = rows[0] if rows else None
            badge = [e for e in els(d, "badge") if first and within(first, e)]
            line = min((e for e in els(d, "text") if first and within(first, e)), key=lambda e: (e["y"], e["x"]),
                       default=None)
            check(first and "2019" in first["label"] and badge and badge[0]["label"] == "已废止" and line
                  and badge[0]["x"] + badge[0]["w"] <= line["x"]
                  and abs(badge[0]["y"] + badge[0]["h"] / 2 - line["y"] - line["h"] / 2) < line["h"] / 2,
                  f"{size} {key}: the repealed 2019 policy's row starts with its badge 已废止, on the title's line: "
                  f"{badge[:1]} {line}")
            check(not any(h["sub"].startswith("已废止") for h in d.get("hits", [])), f"{size} {key}: not in words too")


def keys_for(text):
    return [f"press {c}" for c in text]


def test_result_rows():
    """Catalog hits show their path; 又称 only for an item's 别名; matches marked by tint and underline, no brackets."""
    r = run(["press 搜索"] + keys_for("db") + ["press 搜索", "dump db", "shot search-db-1080x1920", "press 修改搜索",
                                              "press 清空"]
            + keys_for("shenfenzheng") + ["press 搜索", "dump body", "shot search-body-1080x1920", "press 修改搜索",
                                          "press 清空"] + keys_for("shehui") + ["dump area"], name="rows")
    db, body, area = (r.get(k, {"elements": []}) for k in ("db", "body", "area"))
    hits = db.get("hits", [])
    guide = [h for h in hits if h["title"] == "办事指南"]
    check(guide and "社会救助 › 最低生活保障 › 办事指南" in guide[0]["sub"],
          f"a catalog hit shows its path: {guide[:1]}")
    items = [h for h in hits if h["item"]]
    docs = [h for h in hits if not h["item"]]
    check(items and all(re.match(r"[^ ]+ › [^ ]+ › " + re.escape(h["title"]) + "( · |$)", h["sub"]) for h in items),
          "every catalog hit: 领域 › 一级事项 › 二级事项")
    check(all(("又称“" in h["sub"]) == (h["field"] == "alias") for h in hits),
          "又称 labels exactly the hits found by an item's 别名")
    check(docs and not any("又称" in h["sub"] for h in docs), f"no document says 又称: {[h['sub'] for h in docs][:3]}")
    check(any(h["field"] == "keyword" for h in hits)
          and all(("关键词“" in h["sub"]) == (h["field"] == "keyword") for h in hits),
          "a document found by its keyword says 关键词, and only such a one")
    for d, what in ((db, "db"), (body, "shenfenzheng"), (area, "shehui")):
        check(d.get("hits") and all(any(m) for m in (h["marked"] for h in d["hits"])),
              f"{what}: every result has its match marked: {[h['marked'] for h in d.get('hits', [])][:4]}")
        shown = labels(d) + [h["sub"] for h in d.get("hits", [])] + [h["title"] for h in d.get("hits", [])]
        check(not any("【" in l or "】" in l for l in shown), f"{what}: no 【】 around a match")
    check(len(hits) >= 5 and all("低保" in h["marked"] for h in hits[:5]), "db: the mark is on 低保")
    excerpts = [h for h in body.get("hits", []) if "：" in h["sub"]]
    check(excerpts and all(h["marked"][1] == "身份证" for h in excerpts),
          f"shenfenzheng: the excerpt's 身份证 is marked: {[h['marked'] for h in excerpts][:3]}")
    check(area.get("hits") and area["hits"][0]["marked"][1] == "社会" and area["hits"][0]["sub"].startswith("社会"),
          "shehui: an area match is marked in the path")


def test_examples_tappable():
    r = run(["press 搜索", "dump empty", "press ylfw（养老服务）", "dump tapped", "press 清空"]
            + keys_for("iiivv") + ["dump none", "shot search-none-1080x1920", "press db（低保）", "dump again"],
            name="examples")
    empty = r.get("empty", {"elements": []})
    chips = [e for e in els(empty) if e.get("tappable") and "（" in e["label"]]
    check(len(chips) >= 3 and all(e["h"] >= 96 for e in chips), f"the examples are targets: {[e['label'] for e in chips]}")
    t = r.get("tapped", {})
    check(t.get("query") == "ylfw" and t.get("results", 0) > 0, "tapping ylfw（养老服务） searches ylfw")
    none = r.get("none", {"elements": []})
    text = "".join(labels(none))
    check(none.get("results") == 0 and "没有找到“iiivv”" in text, "nothing found says 没有找到 with the query")
    check("可以试试" in text and "政务公开目录" in text, "and what to try next")
    q = [e for e in els(none, "text") if e["label"] == "iiivv"]
    gap = 20 * min(none["width"], none["height"]) / 1080
    check(q and view(none)["y"] <= q[0]["y"] + q[0]["h"] + 3 * gap,
          f"no empty candidate bar above 没有找到: the view starts at {view(none)['y']}")
    check(r.get("again", {}).get("query") == "db" and r["again"].get("results", 0) > 0,
          "an example tapped after nothing was found searches it")


def test_keyboard_types():
    """A keyboard or a keyboard-wedge scanner types as the keys do (--script's `type` is SDL's text input): letters
    as pinyin in lower case, invalid UTF-8 as U+FFFD, control characters dropped, whole characters up to the query's
    room."""
    r = run(["press 搜索"] + keys_for("db") + ["dump keys", "press 清空", "type DB", "dump typed", "press 清空",
                                              "type 低\udcff\t保", "dump odd", "press 清空", "type " + "养" * 80,
                                              "dump long", "shot search-long-query-1080x1920"], name="typed")
    keys, typed, odd, long = (r.get(n, {}) for n in ("keys", "typed", "odd", "long"))
    check(typed.get("query") == "db" and typed.get("results", 0) > 0 and typed.get("results") == keys.get("results")
          and [h["title"] for h in typed.get("hits", [])] == [h["title"] for h in keys.get("hits", [])],
          f"typing DB finds what pressing d b finds: {typed.get('query')!r}, {typed.get('results')} against "
          f"{keys.get('results')}")
    check(odd.get("query") == "低\ufffd保", f"an invalid byte becomes U+FFFD and a tab is dropped: {odd.get('query')!r}")
    check(long.get("query") == "养" * 63, f"a query longer than its room keeps the whole characters that fit: "
          f"{len(long.get('query', ''))} characters")


def table(data, name):
    """{query: count} of a statistics table in DATA/local.db ({} when it is not there)."""
    path = os.path.join(data, "local.db")
    if not os.path.exists(path):
        return {}
    with sqlite3.connect(path) as c:
        if not c.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone():
            return {}
        return dict(c.execute(f"SELECT query, count FROM {name}"))


def fresh_data(name):
    data = os.path.join(k.WORK, name)
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    return data


def test_hot_searches():
    """热门搜索 from this kiosk's statistics, in words: what the opened results matched (低保 for db), never the letters
    typed; raw keys an older version stored are shown as the term they find, or not at all; tapping one searches."""
    data = fresh_data("hot-data")
    args = ("--data", data)
    first = run(["press 搜索", "dump fresh"], name="hot-fresh", extra_args=args).get("fresh", {})
    check(not any("热门搜索" in l for l in labels(first)), "no 热门搜索 before anyone searched")
    run(["press 搜索"] + keys_for("ylfw") + ["press 养老服务补贴", "await 20000", "key Home", "press 搜索"]
        + keys_for("db") + ["press 搜索", "press 办事指南", "await 20000", "key Home", "press 搜索"] + keys_for("ylfw")
        + ["press 养老服务补贴", "await 20000"], name="hot-use", extra_args=args)
    found = table(data, "found_searches")
    check(found.get("养老服务补贴") == 2 and found.get("低保") == 1 and not [q for q in found if q.isascii()],
          f"found_search stores what the query meant, not the keys: {found}")
    r = run(["press 搜索", "dump hot", "shot search-hot-1080x1920"], name="hot", extra_args=args)
    hot = r.get("hot", {"elements": []})
    chips = [e["label"] for e in els(hot) if e.get("tappable") and e["role"] == "tab" and "（" not in e["label"]]
    check(any("热门搜索" in l for l in labels(hot)), "the empty search screen offers 热门搜索")
    check(chips[:2] == ["养老服务补贴", "低保"], f"the searches that led somewhere, in words, most used first: {chips}")
    # what an older version stored: the raw keys, one that finds nothing, and a half-typed one
    with sqlite3.connect(os.path.join(data, "local.db")) as c:
        c.executemany("INSERT INTO found_searches(query, count, last) VALUES(?, ?, '2024-11-01 00:00:00')",
                      [("dbb", 9), ("iiivv", 8), ("ylf", 7), ("db", 6)])
    r = run(["press 搜索", "dump hot", "press 低保", "dump tapped"], name="hot-legacy", extra_args=args)
    hot = r.get("hot", {"elements": []})
    chips = [e["label"] for e in els(hot) if e.get("tappable") and e["role"] == "tab" and "（" not in e["label"]]
    check(chips and not [c for c in chips if re.fullmatch(r"[a-z ]+", c)],
          f"热门搜索 never shows typed letters: {chips}")
    check(len(chips) == len(set(chips)) and "低保" in chips, f"db, dbb become 低保, once: {chips}")
    t = r.get("tapped", {})
    check(t.get("query") == "低保" and t.get("results", 0) > 0, f"tapping 低保 searches it: {t.get('query')}")


def test_search_counted_once():
    """A search counts once — when committed (搜索, a result opened) or when its query stood 3 s and the citizen moved
    on — never once per key: typing dibao letter by letter is one search, not five (d, di, dib, diba, dibao)."""
    data = fresh_data("count-data")
    args = ("--data", data)
    run(["press 搜索"] + keys_for("dibao") + ["wait 4000", "key Home", "await 20000"], name="count-dibao",
        extra_args=args)
    check(table(data, "searches") == {"dibao": 1}, f"dibao typed and read: one search: {table(data, 'searches')}")
    check(table(data, "unmet_searches") == {}, f"and no unmet prefix: {table(data, 'unmet_searches')}")
    data = fresh_data("count-slow")
    args = ("--data", data)
    slow = []
    for c in "dibao":
        slow += [f"press {c}", "wait 5000"]  # an elderly typist: 5 s for every letter
    run(["press 搜索"] + slow + ["press ‹ 返回", "await 20000"], name="count-slow", extra_args=args)
    check(table(data, "searches") == {"dibao": 1}, f"slow typing is still one search: {table(data, 'searches')}")
    data = fresh_data("count-unmet")
    args = ("--data", data)
    run(["press 搜索"] + keys_for("iiivv") + ["press 搜索", "press 修改搜索", "press 搜索", "await 20000"],
        name="count-unmet", extra_args=args)
    check(table(data, "unmet_searches") == {"iiivv": 1},
          f"an unmet search typed letter by letter counts once: {table(data, 'unmet_searches')}")
    check(table(data, "searches") == {"iiivv": 1}, f"搜索 twice on it: still one: {table(data, 'searches')}")
    data = fresh_data("count-more")
    args = ("--data", data)
    run(["press 搜索"] + keys_for("ylfw") + ["key Home", "press 搜索"] + keys_for("db") + ["wait 4000", "press 清空"]
        + keys_for("yanglao") + ["wait 4000", "press 养老", "wait 4000"] + keys_for("fuwu")
        + ["press 搜索", "seek 养老服务补贴", "await 20000"], name="count-more", extra_args=args)
    check(table(data, "searches") == {"db": 1, "养老fuwu": 1},
          f"a glance (<3 s) is not a search; 清空 starts another; a chosen word continues it: {table(data, 'searches')}")
    check(table(data, "found_searches") == {"养老服务补贴": 1}, f"the result opened: {table(data, 'found_searches')}")


def main():
    only = sys.argv[1:]
    for name, t in sorted(globals().items()):
        if name.startswith("test_") and (not only or name in only):
            try:
                t()
            except Exception as e:  # a crash in one test is a failure, not the end of the run
                check(False, f"{name}: {type(e).__name__}: {e}")
    shutil.rmtree(k.WORK, ignore_errors=True)
    return kr.summary("kiosk_search")


if __name__ == "__main__":
    sys.exit(main())
