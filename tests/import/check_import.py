#!/usr/bin/python3
"""check_import.py — zwgk-admin import end to end (issue 9 §3), run by tests/import_e2e.sh.

    /usr/bin/python3 tests/import/check_import.py WORK_DIR      (ZWGK_BUILD, ZWGK_SRC set)

WORK_DIR/fx holds what tests/import/make_gongwen.py made.  Each input is imported the way a staffer would, the
output folder is built with `zwgk-admin build` as it is (no edits), and then:
  - notice.docx (python-docx, direct formatting, Word numbering, a table, a right-aligned 落款, a 版记): its front
    matter and body say what the 公文 says, the database holds it with the 落款 right-aligned, and the real kiosk
    shows it (driven by --script, read through --ui-dump): headings at their levels, the 落款 lines flush right, the
    附注, no 版记 and no page number;
  - each seed, as a PDF printed by LibreOffice and as a .docx written by LibreOffice: every sentence of the seed
    (its paragraphs split at 。！？) is in the built database, inside one block — the check that the lines of the
    PDF were joined into the right paragraphs, page breaks and page numbers included;
  - the .doc and .odt routes through soffice, the 解读 with its 简明问答 and the policy it interprets;
  - hostile files and an existing output file: a Chinese error, no crash, nothing overwritten.
"""
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import kiosk_run as kr  # noqa: E402
import uidump  # noqa: E402
from kiosk_run import check  # noqa: E402

WORK = sys.argv[1]
FX = os.path.join(WORK, "fx")
B = os.environ["ZWGK_BUILD"]
S = os.environ["ZWGK_SRC"]
ADMIN = os.path.join(B, "zwgk-admin")
KIOSK = os.path.join(B, "zwgk-kiosk")
ZH = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="", LANGUAGE="")


def admin(*args, env=ZH, timeout=300):
    return subprocess.run([ADMIN, *args], env=env, capture_output=True, text=True, timeout=timeout)


def source(name):
    """A source folder with a minimal meta.yaml and catalog, and an empty docs/."""
    d = os.path.join(WORK, name)
    os.makedirs(os.path.join(d, "docs"))
    for f in ("meta.yaml", "catalog.csv"):
        shutil.copy(os.path.join(S, "tests/data/src/minimal", f), d)
    return d


def front(md):
    text = open(md, encoding="utf-8").read()
    fm = text.split("\n---\n", 1)[0]
    fields = {}
    for line in fm.split("\n")[1:]:
        m = re.match(r'^([a-z_]+): ?"?(.*?)"?(  #.*)?$', line)
        if m:
            fields[m.group(1)] = m.group(2)
    return text, fields


def db_text(db, key):
    """Every segment of a document's text as the kiosk has it, one string per block (with its 牵头单位 tail)."""
    c = sqlite3.connect(db)
    (doc_id, title, issuer) = c.execute("SELECT id, title, coalesce(issuer, '') FROM docs WHERE key = ?",
                                        (key,)).fetchone()
    segs = [title, issuer]
    for text, lead, resp in c.execute("SELECT coalesce(text, ''), lead, resp FROM blocks WHERE doc_id = ? "
                                      "ORDER BY seq", (doc_id,)):
        if lead or resp:
            text += "〔" + "；".join(x for x in (lead and "牵头单位：" + lead, resp and "责任单位：" + resp) if x) + "〕"
        segs.append(text)
    segs += [t for (t,) in c.execute("SELECT text FROM table_cells WHERE doc_id = ?", (doc_id,))]
    segs += [q + "\n" + a for q, a in c.execute("SELECT question, answer FROM qas WHERE doc_id = ?", (doc_id,))]
    c.close()
    return segs


def norm(s):
    """What the comparison ignores: spaces (the kiosk sets its own) and the width of brackets (the seed's PDF
    extraction mixed (二) with （一）; the importer writes （二）)."""
    s = re.sub(r"[\s\u3000]+", "", s)
    return s.replace("(", "（").replace(")", "）")


def sentences_in_db(paragraphs_file, db, key, what):
    segs = [norm(s) for s in db_text(db, key)]
    missing = []
    total = 0
    for para in open(paragraphs_file, encoding="utf-8").read().split("\n"):
        for sent in re.split(r"(?<=[。！？])", para):
            sent = norm(sent)
            if not sent:
                continue
            total += 1
            if not any(sent in seg for seg in segs):
                missing.append(sent)
    check(total > 30, f"{what}: only {total} sentences in the seed?")
    check(not missing, f"{what}: {len(missing)} of {total} sentences not found whole in one block, e.g. "
          + " | ".join(m[:60] for m in missing[:3]))
    return total


# ---- notice.docx: the GB/T 9704 公文 ----
src = source("notice")
docs = os.path.join(src, "docs")
r = admin("import", os.path.join(FX, "notice.docx"), "-o", docs)
check(r.returncode == 0, f"import notice.docx: exit {r.returncode}: {r.stderr}")
for said in ("类型：通知公告", "发文字号：信府办字〔2024〕15号", "成文日期：2024-07-12", "落款", "（此件主动公开）",
             "版记"):
    check(said in r.stdout, f"the import report does not say {said!r}: {r.stdout}")
md = os.path.join(docs, "notice.md")
text, f = front(md)
check(f.get("doc_number") == "信府办字〔2024〕15号", f"doc_number {f.get('doc_number')!r} (typed with [])")
check(f.get("title") == "信丰县人民政府办公室关于做好2024年政务公开专区建设工作的通知", f"title {f.get('title')!r}")
check(f.get("issuer") == "信丰县人民政府办公室", f"issuer {f.get('issuer')!r}")
check(f.get("publish_date") == "2024-07-12", f"publish_date {f.get('publish_date')!r} (二〇二四年七月十二日)")
check(f.get("type") == "notice", f"type {f.get('type')!r}")
check(f.get("id") == "xfbz-2024-15", f"id {f.get('id')!r} (from the 文号)")
check("# 本文件由 zwgk-admin import" in text, "no Chinese comment at the top")
body = text.split("\n---\n", 1)[1]
for line in ("::: 顶格\n各乡（镇）人民政府，县政府各部门：\n:::", "## 一、总体要求", "### （一）建设目标",
             "**1.配齐查阅设备**。", "## 二、重点任务", "### （一）更新标准目录", "### （二）同步发布政策解读",
             "| 乡（镇） | 完成时间 | 负责人 |", "| 嘉定镇 | 2024年9月 | 张明 |",
             "::: 落款\n信丰县人民政府办公室\n二〇二四年七月十二日\n:::", "\n（此件主动公开）\n", "附件：政务公开专区建设标准"):
    check(line in body, f"notice.md body lacks {line!r}")
for gone in ("抄送", "印发", "信府办字", "[2024]"):
    check(gone not in body, f"notice.md body still has {gone!r} (版记 or front part)")
check("二、二、" not in body and "## 一、完善" not in body, "Word's numbering counted wrong")
r = admin("build", src, "-o", os.path.join(WORK, "notice.db"))
check(r.returncode == 0, f"the imported notice does not build as it is: {r.stderr}")
db = os.path.join(WORK, "notice.db")
c = sqlite3.connect(db)
rows = c.execute("SELECT b.text, b.align, b.kind, b.level FROM blocks b JOIN docs d ON d.id = b.doc_id "
                 "WHERE d.key = 'xfbz-2024-15' ORDER BY seq").fetchall()
c.close()
sig = [t for t, a, k, lv in rows if t and "二〇二四年七月十二日" in t]
check(sig and [a for t, a, k, lv in rows if t == sig[0]][0] == 2, f"the 落款 is not stored right-aligned: {rows}")
levels = {t: lv for t, a, k, lv in rows if t}
check(levels.get("一、总体要求") == 2 and levels.get("（一）建设目标") == 3, f"heading levels in the database: {levels}")

# the kiosk shows it
script = os.path.join(WORK, "kiosk.txt")
dump = os.path.join(WORK, "doc.json")
shot = os.path.join(WORK, "notice-kiosk.png")
pages = 6
with open(script, "w", encoding="utf-8") as s:
    s.write("press 通知公告\npress 信丰县人民政府办公室关于做好2024年政务公开专区建设工作的通知\n")
    for i in range(pages):
        s.write(f"dump {dump}.{i}\nshot {shot}.{i}.png\npress 下一页\n")
    s.write("quit\n")
env = kr.kiosk_env()
k = subprocess.run([KIOSK, "--content", db, "--data", os.path.join(WORK, "kdata"), "--windowed", "1080x1920",
                    "--script", script], env=env, capture_output=True, text=True, timeout=240)
lines = []
for i in range(pages):
    if os.path.exists(f"{dump}.{i}"):
        lines += [e for e in uidump.load(f"{dump}.{i}")["elements"] if e["role"] in ("text", "heading")
                  and e["y"] > 240]  # below the top bar
check(k.returncode in (0, 1) and lines, f"the kiosk did not show the document: {k.stderr[-400:]}")
labels = [e["label"] for e in lines]
text_right = max((e["x"] + e["w"] for e in lines), default=0)
for want in ("信丰县人民政府办公室", "二〇二四年七月十二日"):
    el = [e for e in lines if e["label"] == want and e["x"] > 400]
    check(el and abs(el[0]["x"] + el[0]["w"] - text_right) <= 8,
          f"落款 line {want!r} is not flush right on the kiosk: {el} (text ends at {text_right})")
check(any("（此件主动公开）" in t for t in labels), "the kiosk does not show （此件主动公开）")
h2 = [e for e in lines if e["label"] == "一、总体要求" and e["role"] == "heading"]
h3 = [e for e in lines if e["label"] == "（一）建设目标" and e["role"] == "heading"]
body_px = [e.get("px", 0) for e in lines if e["label"].startswith("为贯彻落实")]
check(h2 and h3 and body_px and h2[0].get("px", 0) > h3[0].get("px", 0) >= body_px[0],
      f"the kiosk does not show the headings at their levels: {h2} {h3} {body_px}")
check(not any(re.fullmatch(r"[—-]\s*\d+\s*[—-]", t) for t in labels), "a page number on the kiosk")
check(not any("抄送" in t or "印发" in t for t in labels), "the kiosk shows the 版记")

# ---- each seed as PDF and as LibreOffice's .docx: sentence for sentence ----
seed_ids = {"plan": "plan", "points": "points"}
for kind in ("pdf", "docx"):
    src = source("seeds-" + kind)
    docs = os.path.join(src, "docs")
    files = [os.path.join(FX, n + "." + kind) for n in seed_ids]
    if kind == "pdf":
        files.append(os.path.join(FX, "jiedu.docx"))  # after the policy it interprets
    r = admin("import", *files, "-o", docs)
    check(r.returncode == 0, f"import the seeds' .{kind}: exit {r.returncode}: {r.stderr}")
    if kind == "pdf":
        check("页码和页眉页脚" in r.stdout, f"no page numbers or running headers were dropped: {r.stdout}")
    out = os.path.join(WORK, f"seeds-{kind}.db")
    r = admin("build", src, "-o", out)
    check(r.returncode == 0, f"the imported seeds (.{kind}) do not build as they are: {r.stderr}")
    if r.returncode != 0:
        continue
    for name, key in seed_ids.items():
        n = sentences_in_db(os.path.join(FX, name + ".paragraphs"), out, key, f"{name}.{kind}")
    c = sqlite3.connect(out)
    centred = c.execute("SELECT b.kind, b.level, b.align FROM blocks b JOIN docs d ON d.id = b.doc_id "
                        "WHERE d.key = 'plan' AND b.text = '信丰县2024年政务公开工作方案'").fetchall()
    c.close()
    check(centred == [(1, 1, 3)], f"plan.{kind}: the attachment's title is not a centred heading: {centred}")
    text, f = front(os.path.join(docs, "plan.md"))
    check(f.get("title") == "关于印发《信丰县2024年政务公开工作方案》的通知", f"plan.{kind}: title {f.get('title')!r}")
    check(f.get("publish_date") == "2024-07-12" and f.get("issuer") == "信丰县人民政府办公室",
          f"plan.{kind}: date/issuer {f}")
    body = text.split("\n---\n", 1)[1]
    check("::: 落款\n2024年7月12日\n:::" in body, f"plan.{kind}: no 落款")
    check("::: 居中\n# 信丰县2024年政务公开工作方案\n:::" in body and "## 一、聚焦重点领域，推动政府信息主动公开" in body and
          "### （一）围绕高质量发展推进信息公开" in body, f"plan.{kind}: headings")
    check(not re.search(r"—\s*\d+\s*—", body), f"plan.{kind}: a page number is in the body")
    text, f = front(os.path.join(docs, "points.md"))
    check(f.get("title") == "2023年全县政务公开工作要点", f"points.{kind}: title {f.get('title')!r}")
    check("请核对" in text.split("publish_date:", 1)[1].split("\n")[0], f"points.{kind}: guessed date not marked")
    body = text.split("\n---\n", 1)[1]
    check("**（二）深入推进教育、科技、人才支撑信息公开**。" in body, f"points.{kind}: run-in heading (二) not bold")
    check(body.count("2023年全县政务公开工作要点") == 0, f"points.{kind}: the running header is in the body")
    if kind == "pdf":
        text, f = front(os.path.join(docs, "jiedu.md"))
        check(f.get("type") == "interpretation" and f.get("interprets") == "plan",
              f"jiedu: type/interprets {f}")
        c = sqlite3.connect(out)
        qas = c.execute("SELECT question, answer FROM qas JOIN docs ON docs.id = qas.doc_id WHERE key = 'jiedu'"
                        ).fetchall()
        c.close()
        check(("政务公开专区在哪里？", "设在县政务服务中心和各乡（镇）便民服务中心的大厅。") in qas, f"简明问答: {qas}")

# ---- .doc and .odt through LibreOffice ----
if shutil.which("soffice"):
    for name in ("notice.doc", "plan.odt"):
        d = os.path.join(WORK, "via-" + name)
        r = admin("import", os.path.join(FX, name), "-o", d)
        check(r.returncode == 0, f"import {name} through soffice: {r.stderr}")
        ref = os.path.join(WORK, "notice", "docs", "notice.md") if name == "notice.doc" else \
            os.path.join(WORK, "seeds-docx", "docs", "plan.md")
        mine = os.path.join(d, name.split(".")[0] + ".md")
        if os.path.exists(mine):
            a, b = (open(p, encoding="utf-8").read().split("\n---\n", 1)[1] for p in (mine, ref))
            check(a == b, f"{name} (via soffice) imports differently from its .docx")
else:
    check(False, "soffice is not installed: install libreoffice-writer-nogui")
r = admin("import", os.path.join(FX, "notice.doc"), "-o", os.path.join(WORK, "nosoffice"), "--soffice",
          "/nonexistent/soffice")
check(r.returncode == 1 and "libreoffice-writer-nogui" in r.stderr and "LibreOffice" in r.stderr,
      f"no Chinese message naming the package when soffice is missing: {r.stderr}")

# ---- never overwrite ----
docs = os.path.join(WORK, "notice", "docs")
md = os.path.join(docs, "notice.md")
before = hashlib.sha256(open(md, "rb").read()).hexdigest()
r = admin("import", os.path.join(FX, "notice.docx"), os.path.join(FX, "jiedu.docx"), "-o", docs)
check(r.returncode == 1 and "已存在" in r.stderr, f"an existing notice.md: exit {r.returncode}, {r.stderr}")
check(hashlib.sha256(open(md, "rb").read()).hexdigest() == before, "notice.md was overwritten")
check(os.path.exists(os.path.join(docs, "jiedu.md")), "the other input was not imported")

# ---- hostile files ----
H = os.path.join(FX, "hostile")
for name in sorted(os.listdir(H)):
    d = os.path.join(WORK, "hostile-" + name)
    t = time.time()
    r = admin("import", os.path.join(H, name), "-o", d, timeout=200)
    secs = time.time() - t
    check(r.returncode == 1, f"hostile {name}: exit {r.returncode} (expected 1): {r.stderr[-300:]}")
    check(re.search(r"[\u4e00-\u9fff]", r.stderr) and name in r.stderr, f"hostile {name}: no Chinese message: {r.stderr}")
    check(not os.listdir(d) if os.path.isdir(d) else True, f"hostile {name}: something was written")
    check(secs < 120, f"hostile {name}: took {secs:.0f} s")

sys.exit(kr.summary("import_e2e"))
