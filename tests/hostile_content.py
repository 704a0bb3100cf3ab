#!/usr/bin/env python3
"""hostile_content.py — content a misused signing key could push: validly signed, built to hurt the kiosk.

Each case is a content database made the way an attacker with the key would make it: with `zwgk-admin build` where
the authoring tool accepts the content (a 10 MB title, a million-row table, lists nested 300 deep, 100,000 directory
items each with a QR URL), and by writing SQLite directly where it refuses (characters of every Unicode plane, RTL
text and bidi overrides, zero-width and control characters) — the refusal itself is asserted first.  The SQLite
cases start from a database the tool built (so the schema is exactly src/content/schema.c's and the search index is
there) and change its rows; a few go past what the tool could ever write (list levels of INT_MAX, spans pointing
anywhere, a table at the kiosk's size limit, 100 KB URLs, numbers out of range).

For each database:
  1. it is signed (zwgk-admin sign, or Debian's minisign where zwgk-admin sign already refuses the content) and
     checked with `zwgk-admin verify` against the trusted key: what breaks the content rules must be refused with its
     reason, the rest accepted — and accepted packages are installed with `zwgk-admin install` into a data folder;
  2. the kiosk runs on it (from that data folder when installed, else from --content, the unchecked factory path)
     and a scripted session walks to where the hostile content shows: the lists, the reader (drags and page turns),
     the directory down to an item and its QR code, search, and an idle reset.  The session is driven through a FIFO
     (tests/touch_soak.py's Kiosk), so every step's wall time is measured.
Asserted: the session completes (the kiosk answers every step, a generous timeout catches a hang), exit 0 with no
sanitizer report, peak RSS under 300 MiB (600 MiB in the ASan build, whose redzones and shadow memory double it),
and what each case must show.  Measured and printed, never asserted: the
slowest step, frame CPU time (median, p99, max) and peak RSS.

Usage: hostile_content.py BUILD SRC [--only NAME] [--keep]
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from touch_soak import Kiosk  # noqa: E402

RSS_CAP_MIB = 300
SIZE = "1080x1920"
TITLE = "信丰县最低生活保障办法（演示）"
PLANES = "".join(chr(p * 0x10000 + off) for p in range(17) for off in (0x41, 0x4E2D % 0x10000, 0xFFFD))
PLANES += "\U0001F600\U00020000\U0002A6D6\U000E0001\U000F0000\U0010FFFD\U0010FFFF\uFFFE\uFFFF\uE000\u0378"
RTL = "مرحبا بالعالم \u202eשלום עולם\u202c \u2067عربي\u2069 \u200fRTL\u200e ١٢٣"
ZW = "零\u200b宽\u200c字\u200d符\ufeff软\u00ad连\x01控\x07制\x1b[31m红\x1b[0m\x7f删\u0085下\u2028行\u2029段\u180e\u2060\u034f"


def run(*a, check=True):
    r = subprocess.run(a, capture_output=True, text=True, errors="replace")
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(a[:3])}…: exit {r.returncode}: {r.stderr[-1500:]}")
    return r


def base_source(src, d):
    """A small valid source folder: one directory item, a policy (with a table and a list), a notice, a guide."""
    os.makedirs(f"{d}/docs")
    shutil.copy(f"{src}/assets/demo/meta.yaml", d)
    cat = open(f"{src}/assets/demo/catalog.csv", encoding="utf-8-sig").read().splitlines()
    row = next(l for l in cat if ",社会救助,最低生活保障," in l).replace('"xf-dibao-policy,xf-dibao-policy-jd"', "p1")
    open(f"{d}/catalog.csv", "w").write("\n".join(cat[:2] + [row]) + "\n")
    open(f"{d}/docs/p1.md", "w").write(
        f"---\nid: p1\ntype: policy\ntitle: {TITLE}\npublish_date: 2024-01-01\nissuer: 信丰县人民政府（演示）\n"
        "doc_number: 信府发〔2024〕1号\narea: 社会救助\nvalidity: 现行有效\nurl: https://zwgk.xinfeng.example/p1\n---\n"
        "## 总则\n\n**低保**标准每人每月600元。\n\n| 类别 | 标准 |\n|---|---|\n| 城市 | 800 |\n\n1. 申请\n   - 审核\n")
    open(f"{d}/docs/n1.md", "w").write(
        "---\nid: n1\ntype: notice\ntitle: 关于低保复核的公告（演示）\npublish_date: 2024-02-01\n"
        "issuer: 信丰县民政局（演示）\n---\n请于三月底前完成复核。\n")
    open(f"{d}/docs/g1.md", "w").write(
        "---\nid: g1\ntype: guide\ntitle: 低保申请（演示）\npublish_date: 2024-02-01\narea: 社会救助\n"
        "conditions: 收入低于标准\ntime_limit: 30个工作日\nfee: 不收费\nplace: 便民服务中心\nhours: 工作日\n"
        "phone: 0797-0000000\ncomplaint_phone: 12345\nservice_url: https://zwgk.xinfeng.example/g1\n"
        "materials:\n  - name: 申请书\n    form: 原件\n    count: 1\nsteps:\n  - title: 申请\n    detail: 到窗口提交\n"
        "---\n办理须知。\n")


def edit(path, old, new):
    s = open(path, encoding="utf-8").read()
    assert old in s, (path, old)
    open(path, "w", encoding="utf-8").write(s.replace(old, new, 1))


# ---- what the authoring tool is given (author_*) and what is written into SQLite (sql_*) ----

def author_title(d):
    edit(f"{d}/docs/p1.md", f"title: {TITLE}", "title: " + "长标题" * (10 * 1024 * 1024 // 9))


def author_table(d):
    rows = "".join(f"| 第{i}户 | {i % 997} |\n" for i in range(1_000_000))
    with open(f"{d}/docs/p1.md", "a") as f:
        f.write("\n| 户 | 金额（元） |\n|---|---:|\n" + rows)


def author_nested(d):
    with open(f"{d}/docs/p1.md", "a") as f:
        f.write("\n" + "".join("  " * i + f"- 第{i + 1}层列表项\n" for i in range(300)))


def author_items(d):
    with open(f"{d}/catalog.csv", "a") as f:
        for i in range(100_000):
            f.write(f"{i + 2},社会救助,海量事项,事项{i:06d},内容,依据,时限,县民政局,政府网站,全社会,主动,县级,"
                    f"https://zwgk.xinfeng.example/item/{i:06d}?q={i * 7919 % 100003},,\n")


def author_text(text):
    def f(d):
        edit(f"{d}/docs/p1.md", "标准每人每月600元。", f"标准每人每月600元。{text}")
    return f


# A realistic 受理条件: four items, 688 bytes (over the 512-byte slot the guide reader once carved for it).
CONDITIONS_4 = [
    "共同生活的家庭成员人均月收入低于本县当年公布的城乡最低生活保障标准，且家庭成员中有劳动能力的均已积极就业。",
    "家庭财产状况符合本县规定：存款、有价证券人均不超过当地年低保标准的24倍，除唯一住房外没有其他商品住房。",
    "家庭成员名下没有登记机动车辆（残疾人功能性补偿代步机动车和普通两轮摩托车除外），没有注册经营性公司。",
    "家庭成员如实申报收入和财产状况，并书面授权民政部门依法核对家庭经济状况，配合入户调查和邻里访问。",
]


def guide_md(conditions, materials, steps):
    """The front matter of guide g1 with the given 受理条件 items, (name, note) materials and step titles."""
    q = lambda v: '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = ["---", "id: g1", "type: guide", "title: 低保申请（演示）", "publish_date: 2024-02-01", "area: 社会救助",
           "conditions:"] + [f"  - {q(c)}" for c in conditions]
    out += ["time_limit: 30个工作日", "fee: 不收费", "place: 便民服务中心", "hours: 工作日", "phone: 0797-0000000",
            "complaint_phone: 12345", "service_url: https://zwgk.xinfeng.example/g1", "materials:"]
    for name, note in materials:
        out += [f"  - name: {q(name)}", "    form: 原件", "    count: 1"] + ([f"    note: {q(note)}"] if note else [])
    out += ["steps:"]
    for title in steps:
        out += [f"  - title: {q(title)}", f"    detail: {q('到窗口办理' + title)}"]
    return "\n".join(out) + "\n---\n办理须知。\n"


def author_guide(nconditions, cond_bytes, nmaterials, nsteps, conditions=None):
    """Guide g1 with nsteps steps, nmaterials materials and nconditions 受理条件 of about cond_bytes bytes each."""
    def f(d):
        filler = "申请人家庭人均收入低于当地最低生活保障标准且家庭财产状况符合规定"
        conds = conditions or [(f"第{i + 1}条：" + filler * (cond_bytes // len(filler.encode()) + 1))
                               .encode()[:cond_bytes].decode(errors="ignore") for i in range(nconditions)]
        mats = [(f"材料{i + 1}", f"第{i + 1}份材料的说明") for i in range(nmaterials)]
        steps = [f"第{i + 1}步" for i in range(nsteps)]
        open(f"{d}/docs/g1.md", "w", encoding="utf-8").write(guide_md(conds, mats, steps))
    return f


def author_qas(n):
    """An interpretation of p1 whose 简明问答 has n questions."""
    def f(d):
        qa = "".join(f"### 问题{i + 1}：低保第{i + 1}问怎么办？\n\n答案{i + 1}：到便民服务中心办理第{i + 1}项。\n\n"
                     for i in range(n))
        open(f"{d}/docs/p1-jd.md", "w", encoding="utf-8").write(
            "---\nid: p1-jd\ntype: interpretation\ntitle: 《低保办法》政策解读（演示）\npublish_date: 2024-01-02\n"
            "interprets: p1\nunit: 信丰县民政局（演示）\narea: 社会救助\n---\n本解读为演示内容。\n\n## 简明问答\n\n"
            + qa)
    return f


def author_areas(n):
    """n more areas (领域01…), each with one directory item and one policy filed in it: n + 2 area filter chips."""
    def f(d):
        with open(f"{d}/catalog.csv", "a", encoding="utf-8") as c:
            for i in range(n):
                c.write(f"{i + 10},领域{i + 1:02d},事项,子项{i + 1},内容,依据,时限,县政府,政府网站,全社会,主动,县级,"
                        f"https://zwgk.xinfeng.example/area/{i + 1},a{i + 1},\n")
        for i in range(n):
            open(f"{d}/docs/a{i + 1}.md", "w", encoding="utf-8").write(
                f"---\nid: a{i + 1}\ntype: policy\ntitle: 领域{i + 1:02d}的办法（演示）\npublish_date: 2024-01-01\n"
                f"issuer: 信丰县人民政府（演示）\narea: 领域{i + 1:02d}\nvalidity: 现行有效\n---\n正文。\n")
    return f


def sql_text(text):
    """Puts text into titles, a body paragraph, table cells, an item name and a keyword."""
    def f(db):
        db.execute("UPDATE docs SET title = title || ?1, summary = ?1", (text,))
        db.execute("UPDATE blocks SET text = text || ?1 WHERE kind <> 4", (text,))
        db.execute("UPDATE table_cells SET text = text || ?1", (text,))
        db.execute("UPDATE items SET name = name || ?1, content = content || ?1", (text,))
        db.execute("UPDATE areas SET name = name || ?1", (text[:40],))
        db.execute("INSERT INTO doc_keywords(doc_id, keyword) SELECT id, ?1 FROM docs", (text,))
    return f


def p1_id(db):
    return db.execute("SELECT id FROM docs WHERE key = 'p1'").fetchone()[0]


def sql_invalid_utf8(db):
    """Bytes that are not UTF-8 (a text column holding a BLOB cast), and a NUL inside text."""
    bad = b"\xff\xfe\xed\xa0\x80\xc0\x80\xf4\x90\x80\x80abc\xe4\xb8"
    db.execute("UPDATE docs SET title = CAST(?1 AS TEXT) || title", (bad,))
    db.execute("UPDATE blocks SET text = CAST(?1 AS TEXT) WHERE kind = 2", (bad + "前\x00后".encode(),))


def add_table(db, rows, cols):
    pid = p1_id(db)
    seq = db.execute("SELECT max(seq) + 1 FROM blocks WHERE doc_id = ?", (pid,)).fetchone()[0]
    db.execute("INSERT INTO blocks(doc_id, seq, kind, level, ordered, number, text, lead, resp, rows, cols) VALUES (?, ?, 4, 0, 0, 0, NULL, NULL, NULL, ?, ?)", (pid, seq, rows, cols))
    db.executemany("INSERT INTO table_cells VALUES (?, ?, ?, ?, ?)",
                   ((pid, seq, r, c, f"格{r}-{c}" if c else f"第{r}户") for r in range(rows) for c in range(cols)))


def sql_table_1m(db):
    """The million-row table the authoring tool refuses: 1,000,000 rows × 2 columns."""
    add_table(db, 1_000_000, 2)


def sql_table_cap(db):
    """A table exactly at the limit (CONTENT_TABLE_CELLS_MAX): 3,125 rows × 64 columns = 200,000 cells."""
    add_table(db, 3125, 64)


def sql_table_6m(db):
    """The old limit (100,000 rows × 64 columns = 6.4 million cells), which took 1.1 GiB to show."""
    add_table(db, 100_000, 64)


def sql_levels(db):
    """List levels and numbers no authoring tool writes: INT_MAX, negative; headings of level 99."""
    pid = p1_id(db)
    seq = db.execute("SELECT max(seq) + 1 FROM blocks WHERE doc_id = ?", (pid,)).fetchone()[0]
    rows = [(pid, seq + i, 3, lv, 1, num, f"层级{lv}", None, None, 0, 0)
            for i, (lv, num) in enumerate([(2**31 - 1, -2**31), (-5, 2**31 - 1), (1000000, 0), (0, -1)])]
    rows.append((pid, seq + 4, 1, 99, 0, 0, "九十九级标题", None, None, 0, 0))
    rows.append((pid, seq + 5, 4, 0, 0, 0, None, None, None, -3, 2**31 - 1))  # a table of negative rows
    rows.append((pid, seq + 6, 77, 0, 0, 0, "未知类型的块", None, None, 0, 0))
    rows.append((pid, seq + 7, 2, 0, 0, 0, "对齐值越界的段落", None, None, 0, 0))
    db.executemany("INSERT INTO blocks(doc_id, seq, kind, level, ordered, number, text, lead, resp, rows, cols) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("UPDATE blocks SET align = 2147483647 WHERE doc_id = ? AND seq = ?", (pid, seq + 7))


def sql_spans(db):
    """Emphasis spans pointing anywhere: past the text, backwards, negative, overlapping, unknown styles."""
    pid = p1_id(db)
    seqs = [r[0] for r in db.execute("SELECT seq FROM blocks WHERE doc_id = ? AND kind <> 4", (pid,))]
    spans = []
    for s in seqs + [10**6, -1]:
        for st, en, style in ((0, 2**40, 1), (5, 2, 2), (-7, 3, 1), (1, 4, 99), (0, 1, 1), (0, 1, 2), (2, 3, -1)):
            spans.append((pid, s, st, en, style))
    db.executemany("INSERT INTO spans VALUES (?, ?, ?, ?, ?)", spans)
    db.execute("INSERT INTO table_cells VALUES (?, 999999, 0, 0, '无主单元格')", (pid,))


def sql_long_url(db):
    db.execute("UPDATE docs SET url = ?1 WHERE key = 'p1'", ("https://zwgk.xinfeng.example/" + "a" * 100_000,))


def sql_control_url(db):
    db.execute("UPDATE items SET url = 'https://zwgk.xinfeng.example/\x1b[2J\r\nSet-Cookie: x'")


def sql_numbers(db):
    db.execute("PRAGMA ignore_check_constraints = 1")
    db.execute("UPDATE docs SET type = 99 WHERE key = 'n1'")


def sql_many_docs(db):
    """100,000 notices: the 通知公告 list has 100,000 rows."""
    db.executemany("INSERT INTO docs(key, type, title, publish_date, issuer, validity, source_file) "
                   "VALUES (?, 4, ?, '2024-03-01', '信丰县（演示）', 1, 'x.md')",
                   ((f"many-{i}", f"第{i}号公告（演示）" + "很长的标题" * (i % 7)) for i in range(100_000)))


CASES = [
    # name, what, author edit, author expectation ("accept" or a message the refusal must contain), sql edit,
    # verify expectation ("valid" or the refusal's reason key); the last, when true, runs only with --full
    # ("sanitized": only with --full in the ASan build)
    ("base", "the small valid content everything else starts from", None, None, None, "valid", False),
    ("title-10mb", "a 10 MB document title (3.5 million characters)", author_title, "accept", None, "valid", False),
    ("table-1m", "a million-row table", author_table, "cells in one table", sql_table_1m, "valid", False),
    ("table-at-cap", "a table at the limit: 3,125 rows × 64 columns = 200,000 cells", None, None, sql_table_cap,
     "valid", False),
    ("table-6m", "100,000 rows × 64 columns (the limit before this test)", None, None, sql_table_6m, "valid", True),
    ("nested-300", "lists nested 300 deep", author_nested, "accept", None, "valid", False),
    ("qr-100k", "100,000 directory items in one 一级事项, each with its own QR URL", author_items, "accept", None,
     "valid", False),
    ("unicode-planes", "characters of all 17 Unicode planes, noncharacters, private use",
     author_text(PLANES), "the kiosk's font cannot draw", sql_text(PLANES), "valid", False),
    ("rtl-bidi", "Arabic and Hebrew, RLO/RLI bidi overrides", author_text(RTL), "the kiosk's font cannot draw",
     sql_text(RTL), "valid", False),
    ("zero-width-control", "zero-width characters, C0/C1 controls, ANSI escapes, line/paragraph separators",
     author_text(ZW), "the kiosk's font cannot draw", sql_text(ZW), "valid", False),
    ("invalid-utf8", "bytes that are not UTF-8 and a NUL inside text", None, None, sql_invalid_utf8, "valid", False),
    ("levels", "list levels INT_MAX and negative, heading level 99, unknown block kinds", None, None, sql_levels,
     "valid", False),
    ("spans", "emphasis spans past the text, backwards, negative, of unknown styles", None, None, sql_spans,
     "valid", False),
    ("many-docs", "100,000 notices in one list", None, None, sql_many_docs, "valid", False),
    ("guide-200", "a guide with 200 steps, 200 materials and 100 KB of 受理条件 (issue 12: 64 KiB hand-carved scratch)",
     author_guide(200, 500, 200, 200), "accept", None, "valid", False),
    ("guide-conditions-688", "a guide whose four 受理条件 are 688 bytes (over a 512-byte slot)",
     author_guide(0, 0, 3, 3, CONDITIONS_4), "accept", None, "valid", False),
    ("guide-50k", "a guide with 50,000 steps and 50,000 materials", author_guide(3, 100, 50_000, 50_000), "accept",
     None, "valid", "sanitized"),
    ("qa-500", "an interpretation with 500 questions in its 简明问答 (issue 12: > 64 were lost)", author_qas(500),
     "accept", None, "valid", False),
    ("areas-70", "70 more areas, each with a policy: 72 area filter chips (issue 12: UB shifts past 32)",
     author_areas(70), "accept", None, "valid", False),
    ("url-100kb", "a 100 KB document URL (no QR code can hold it)", None, None, sql_long_url, "content-invalid",
     False),
    ("url-control", "item URLs with escape sequences and CRLF", None, None, sql_control_url, "content-invalid",
     False),
    ("bad-numbers", "a document of type 99", None, None, sql_numbers, "content-invalid", False),
]


class Session:
    """The scripted walk, with the wall time of every step."""

    def __init__(self, k):
        self.k = k
        self.steps = []  # (name, seconds)
        self.reader_dumps = []
        self.d = None
        self.screens = []

    def step(self, name, *cmds, timeout=300):
        t0 = time.monotonic()
        if cmds:
            self.k.send(*cmds)
        self.d = self.k.dump(timeout=timeout)
        self.steps.append((name, time.monotonic() - t0))
        self.screens.append(self.d["screen"])
        if self.d["screen"] == "reader":
            self.reader_dumps.append(self.d)
        return self.d

    def tap_first(self, name, role):
        for e in self.d["elements"]:
            if e.get("tappable") and e["role"] == role:
                return self.step(name, f"tap {e['x'] + e['w'] // 2} {e['y'] + e['h'] // 2}")
        return None

    def has(self, label):
        return any(e["label"] == label for e in self.d["elements"])

    def walk(self, search_text, item=None):
        self.step("home")
        for tile in ("政策文件", "通知公告"):  # guides and interpretations: the cases that need them (CHECKS)
            self.step("home", "key Home")
            if not self.has(tile):
                continue
            self.step(f"open {tile}", f"press {tile}")
            self.step(f"drag {tile}", "drag 540 1500 540 500 300", "wait 1000")
            self.step(f"{tile} back to top", "key Home", f"press {tile}")
            if self.tap_first(f"open the first of {tile}", "row"):
                self.step("drag the document", "drag 540 1500 540 400 200", "wait 2000", "drag 540 400 540 1400 300")
                self.step("next page", "key PageDown")
                self.step("turn 8 pages", *["key PageDown"] * 8)
                self.step("back", "key Backspace")
        self.step("home", "key Home")
        self.step("directory", "press 政务公开目录")
        if self.tap_first("open the first area", "tile"):
            self.step("drag the area", "drag 540 1500 540 300 400", "wait 1500")
            if item:
                self.step("back to the area's top", "key Backspace", "press 社会救助")
                self.step(f"seek {item}", f"seek {item}")
            else:
                self.tap_first("open an item", "row")
        # the item's QR code is its last element: on whichever page it falls (no page shows half a card)
        self.item_dump = {"elements": list(self.d["elements"])}
        for page in range(12):
            sc = self.d.get("scroll", {})
            if self.d["screen"] != "item" or sc.get("pos", 0) >= sc.get("max", 0):
                break
            self.item_dump["elements"] += self.step(f"item page {page + 2}", "key PageDown")["elements"]
        self.step("home", "key Home")
        self.step("search", "press 搜索")
        self.step("type", "type 低保")
        self.step("type hostile text", f"type {search_text}")
        self.step("idle reset", "wait 101000")


    def read_pages(self, name, max_pages):
        """Turns pages from here to the end (at most max_pages): every whole text line once, in reading order."""
        seen, lines = set(), []
        for page in range(max_pages):
            d = self.step(f"{name} page {page + 1}") if page else self.d
            pos = d.get("scroll", {}).get("pos", 0)
            top, bottom = view_of(d)
            for e in d["elements"]:
                if e["role"] in ("text", "heading") and not e.get("cut") and e["w"] > 0 and top <= e["y"] < bottom:
                    key = (e["y"] + pos, e["x"], e["label"])
                    if key not in seen:
                        seen.add(key)
                        lines.append(key)
            sc = d.get("scroll", {})
            if sc.get("pos", 0) >= sc.get("max", 0):
                break
            self.k.send("key PageDown")
        lines.sort()
        return [label for _, _, label in lines]


def view_of(d):
    """The scrolling view of a reader dump: under the toolbar (字号－/＋), above the pager."""
    view = d.get("scroll", {}).get("view")
    if view:
        return view[1], view[1] + view[3]
    els = d["elements"]
    top = max((e["y"] + e["h"] for e in els if e["label"] in ("字号－", "字号＋")), default=0)
    bottom = min((e["y"] for e in els if e["label"] in ("上一页", "下一页")), default=d["height"])
    return top, bottom


def between(lines, start, stop, drop=()):
    """The text of the lines after the heading `start` up to the heading `stop`, markers in drop left out."""
    if start not in lines or stop not in lines:
        return None
    a = lines.index(start) + 1
    return "".join(l for l in lines[a:lines.index(stop, a)] if l not in drop)


def check_guide(s, name, fail, db, admin, work):
    """The guide g1 of a guide-* case, page by page: 受理条件, 所需材料 and 办理流程 exactly as authored."""
    con = sqlite3.connect(db)
    gid, conditions = con.execute("SELECT d.id, g.conditions FROM docs d JOIN guides g ON g.doc_id = d.id "
                                  "WHERE d.key = 'g1'").fetchone()
    mats = con.execute("SELECT name, form, count, note FROM materials WHERE doc_id = ? ORDER BY seq", (gid,)).fetchall()
    steps = [t for (t,) in con.execute("SELECT title FROM steps WHERE doc_id = ? ORDER BY seq", (gid,))]
    con.close()
    s.step("home", "key Home")
    s.step("guides", "press 办事指南")
    d = s.step("open the guide", "press 低保申请（演示）")
    if d["screen"] != "guide":
        return fail(f"the guide did not open: screen {d['screen']}")
    if len(steps) > 1000:  # 50,000 steps: the first pages, the rehearsal's first and last steps
        lines = s.read_pages("guide", 5)
        if "受理条件" not in lines or "第1步" in lines[:3]:
            fail(f"the guide's first pages: {lines[:12]}")
        s.step("rehearsal", "key Home", "press 办事指南", "press 低保申请（演示）", "press 办事流程演示：一步一步看")
        d = s.step("rehearsal step 2", "press 下一步")
        if d["screen"] != "flow" or d.get("step") != 2 or d.get("steps") != len(steps):
            fail(f"the rehearsal: screen {d['screen']}, step {d.get('step')}/{d.get('steps')}")
    else:
        lines = s.read_pages("guide", 2000)
        want = "".join(c for c in conditions.split("\n") if c)
        got = between(lines, "受理条件", "所需材料", ("•",))
        if got != want:
            fail(f"受理条件 shows {len(got or '')} characters, not the {len(want)} authored: "
                 f"{(got or '')[:60]!r}… (lines {lines[:8]})")
        want = "".join(f"{n}（{f} {c}份）{'：' + note if note else ''}" for n, f, c, note in mats)
        got = between(lines, "所需材料", "办理流程", ("□",))
        if got != want:
            fail(f"所需材料 differs from the {len(mats)} authored: {(got or '')[-80:]!r}")
        want = "".join(steps)
        got = between(lines, "办理流程", "办理时限", tuple(f"{i + 1}." for i in range(len(steps))))
        if got != want or f"{len(steps)}." not in lines:
            fail(f"办理流程 differs from the {len(steps)} authored: {(got or '')[-80:]!r}")
    # zwgk-admin preview lays the guide out with the kiosk's own reader (it overflowed the same way)
    r = run(admin, "preview", db, "g1", "-o", f"{work}/preview.png", "--step", "3", check=False)
    if r.returncode != 0 or not os.path.getsize(f"{work}/preview.png"):
        fail(f"zwgk-admin preview g1: exit {r.returncode}: {r.stderr[-800:]}")


def check_qas(s, name, fail, db, admin, work):
    """The 500th question of the 简明问答 is listed and opens its answer."""
    s.step("home", "key Home")
    s.step("interpretations", "press 政策解读")
    s.step("open the interpretation", "press 《低保办法》政策解读（演示）")
    d = s.step("seek the 500th question", "seek 问题500：低保第500问怎么办？")
    shown = [e["label"] for e in d["elements"]] + [e["label"] for e in s.step("next page", "key PageDown")["elements"]]
    if not any(l.startswith("答案500：") for l in shown) or "收起答案" not in shown:
        fail("the 500th question does not open its answer")
    r = run(admin, "preview", db, "p1-jd", "-o", f"{work}/preview.png", check=False)
    if r.returncode != 0:
        fail(f"zwgk-admin preview p1-jd: exit {r.returncode}: {r.stderr[-800:]}")


def check_areas(s, name, fail, db, admin, work):
    """Choosing the 41st area filter selects that chip and no other, and lists that area's policy only."""
    s.step("home", "key Home")
    s.step("policies", "press 政策文件")
    d = s.step("choose 领域40", "seek 领域40")
    tabs = {e["label"]: e.get("value") for e in d["elements"] if e["role"] == "tab"}
    chosen = sorted(l for l, v in tabs.items() if v and l != "有效文件")  # the validity chip is chosen too
    if chosen != ["领域40"]:
        fail(f"after choosing 领域40 the selected area chips are {chosen}")
    d = s.step("the area's policy", "seek 领域40的办法（演示）")
    if d["screen"] != "reader" or d.get("doc") != "a40":
        fail(f"the 领域40 filter does not lead to its policy: screen {d['screen']}, doc {d.get('doc')}")


CHECKS = {"guide-200": check_guide, "guide-conditions-688": check_guide, "guide-50k": check_guide,
          "qa-500": check_qas, "areas-70": check_areas}


def kiosk_session(build, work, args, search_text, item=None, extra=None):
    k = Kiosk(build, work, SIZE, args)
    s = Session(k)
    s.item_dump = None
    failures = []
    try:
        s.walk(search_text, item)
        if extra:
            extra(s)
        rc = k.finish()
    except (RuntimeError, ValueError, BrokenPipeError, subprocess.TimeoutExpired) as e:
        failures.append(f"the session did not complete: {e}")
        k.proc.kill()
        k.proc.wait()
        rc = None
    err = open(f"{work}/kiosk.err", errors="replace").read()
    for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
        if marker in err:
            failures.append(f"sanitizer report:\n{err[-3000:]}")
            break
    if rc not in (0, None):
        failures.append(f"the kiosk exited {rc}: {err[-1500:]}")
    try:
        stats = json.load(open(k.stats))
    except (OSError, ValueError):
        stats = {}
        failures.append("no frame stats")
    return s, stats, failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("src")
    ap.add_argument("--only", action="append")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--full", action="store_true", default=os.environ.get("ZWGK_HOSTILE_FULL") == "1",
                    help="also the slow cases (ZWGK_HOSTILE_FULL=1)")
    a = ap.parse_args()
    build, src = os.path.abspath(a.build), os.path.abspath(a.src)
    sanitized = "ZWGK_SANITIZE:BOOL=ON" in open(f"{build}/CMakeCache.txt").read()
    rss_cap = RSS_CAP_MIB
    if sanitized:
        # AddressSanitizer keeps up to 256 MB of freed memory in quarantine and pads every block with redzones:
        # a smaller quarantine keeps RSS meaningful, and the cap doubles for the redzones and shadow memory.
        os.environ["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=32"
        rss_cap = 2 * RSS_CAP_MIB
    admin = f"{build}/zwgk-admin"
    work = tempfile.mkdtemp(prefix="zwgk-hostile-")
    failures = []
    t_all = time.monotonic()
    base_source(src, f"{work}/_source")
    run(admin, "build", f"{work}/_source", "-o", f"{work}/_source.db")
    run(admin, "keygen", "-p", f"{work}/z.pub", "-s", f"{work}/z.key")
    have_minisign = shutil.which("minisign") is not None
    if have_minisign:
        run("minisign", "-G", "-W", "-p", f"{work}/m.pub", "-s", f"{work}/m.key")
    print(f"hostile_content: {'case':<19} {'authoring':<10} {'signed by':<13} {'verify':<16} "
          f"{'slowest step':<30} {'frames':>6} {'p99 ms':>7} {'max ms':>7} {'peak RSS':>9}")
    for name, what, author_edit, author_expect, sql_edit, verify_expect, full_only in CASES:
        if full_only == "sanitized":  # slow under ASan: there only with --full
            full_only = sanitized
        if (a.only and name not in a.only) or (full_only and not a.full and not a.only):
            continue
        cw = f"{work}/{name}"
        os.makedirs(cw)
        fail = lambda msg: failures.append(f"{name}: {msg}")
        t_case = time.monotonic()
        db = f"{cw}/{name}.db"
        authoring = "-"
        if author_edit:
            tree = f"{cw}/src"
            shutil.copytree(f"{work}/_source", tree)
            author_edit(tree)
            r = run(admin, "build", tree, "-o", db, check=False)
            if author_expect == "accept":
                authoring = "built"
                if r.returncode != 0:
                    fail(f"zwgk-admin build refused it: {r.stderr[-800:]}")
                    continue
            else:
                authoring = "refused"
                if r.returncode == 0 or author_expect not in r.stdout + r.stderr:
                    fail(f"zwgk-admin build should refuse it ('{author_expect}'): exit {r.returncode}")
        if sql_edit or not author_edit:
            shutil.copy(f"{work}/_source.db", db)
        if sql_edit:
            con = sqlite3.connect(db)
            sql_edit(con)
            con.commit()
            con.close()
        # ---- signed, verified, installed ----
        signer = "zwgk-admin"
        if run(admin, "sign", db, "--key", f"{work}/z.key", check=False).returncode != 0:
            if not have_minisign:
                fail("zwgk-admin sign refused it and minisign is not installed")
                continue
            signer = "minisign"  # zwgk-admin sign checks the content first and refuses; minisign signs anything
            run("minisign", "-Sm", db, "-s", f"{work}/m.key")
        trust = ["--trust", f"{work}/z.pub"] + (["--trust", f"{work}/m.pub"] if have_minisign else [])
        r = run(admin, "verify", db, *trust, check=False)
        verdict = "valid" if r.returncode == 0 else (r.stderr.split("refused (")[-1].split(")")[0]
                                                      if "refused (" in r.stderr else f"exit {r.returncode}")
        if verdict != verify_expect:
            fail(f"verify says {verdict}, expected {verify_expect}: {r.stderr[-500:]}")
        if verdict == "valid":
            r = run(admin, "install", db, "--data", f"{cw}/data", *trust, check=False)
            if r.returncode != 0:
                fail(f"install failed: {r.stderr[-500:]}")
            args = ["--content", f"{build}/demo.db", "--data", f"{cw}/data"]
        else:
            args = ["--content", db]  # the unchecked factory path: the kiosk must survive it anyway
        # ---- the kiosk ----
        item = "事项001000" if name == "qr-100k" else None
        check = CHECKS.get(name)
        extra = (lambda ses: check(ses, name, fail, db, admin, cw)) if check else None
        s, stats, kfail = kiosk_session(build, cw, args, (PLANES + RTL + ZW)[:30], item, extra)
        for f in kfail:
            fail(f)
        rss = stats.get("peak_rss_kib", 0) / 1024
        if rss >= rss_cap:
            fail(f"peak RSS {rss:.0f} MiB (cap {rss_cap} MiB{' in the sanitizer build' if sanitized else ''})")
        expected = {"home", "list", "reader", "areas", "area", "search"}
        if not expected <= set(s.screens):
            fail(f"the session never reached {sorted(expected - set(s.screens))}")
        if name == "qr-100k":  # the 1,001st of the 100,000 items, reached by paging, with its own QR code
            want = "https://zwgk.xinfeng.example/item/001000?q=" + str(1000 * 7919 % 100003)
            qrs = [e.get("url") for e in (s.item_dump or {"elements": []})["elements"] if e["role"] == "qr"]
            if want not in qrs:
                fail(f"the item screen shows no QR code of {want} (QR elements: {qrs})")
        if name == "base":  # regression: list markers each in their own storage
            marks = {}
            for d in s.reader_dumps:
                els = d["elements"]
                marks.update({els[i]["label"]: els[i - 1]["label"] for i in range(1, len(els))})
            if marks.get("申请") != "1." or marks.get("审核") != "•":
                fail(f"list markers: '{marks.get('申请')}' before 申请, '{marks.get('审核')}' before 审核")
        slow = max(s.steps, key=lambda x: x[1]) if s.steps else ("-", 0)
        print(f"hostile_content: {name:<19} {authoring:<10} {signer:<13} {verdict:<16} "
              f"{slow[0][:22] + f' {slow[1]:.2f} s':<30} {stats.get('frames', 0):>6} {stats.get('p99_ms', 0):>7.2f} "
              f"{stats.get('max_ms', 0):>7.2f} {rss:>5.1f} MiB   ({time.monotonic() - t_case:.0f} s: {what})",
              flush=True)
    print(f"hostile_content: {time.monotonic() - t_all:.0f} s in all")
    if failures:
        for f in failures:
            print("hostile_content: FAIL: " + f)
        print(f"hostile_content: work folder kept: {work}")
        sys.exit(1)
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("hostile_content: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
