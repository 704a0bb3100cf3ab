#!/usr/bin/env python3
"""make_hostile_corpus.py — the hostile sizes of issue 12 as fuzz seeds, made by tests/hostile_content.py's own
generators so the two never drift apart: a guide with 200 steps, 200 materials and 100 KB of 受理条件, an
interpretation with 500 questions, a catalog with 70 more areas (markdown/, csv/), and one content database holding
all three at 1024-byte pages (package/), so mutations reach the materials, steps and Q&A tables.

    python3 tests/fuzz/make_hostile_corpus.py BUILD_DIR      (run by make_corpus.sh; needs BUILD_DIR/zwgk-admin)
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import hostile_content as h  # noqa: E402

build, src = os.path.abspath(sys.argv[1]), os.path.dirname(os.path.dirname(HERE))
corpus = os.path.join(HERE, "corpus")
work = tempfile.mkdtemp(prefix="zwgk-corpus-")
try:
    tree = os.path.join(work, "src")
    h.base_source(src, tree)
    h.author_guide(200, 500, 200, 200)(tree)  # 200 conditions of 500 bytes: 100 KB
    shutil.copy(f"{tree}/docs/g1.md", f"{corpus}/markdown/hostile-guide-200.md")
    h.author_qas(500)(tree)
    shutil.copy(f"{tree}/docs/p1-jd.md", f"{corpus}/markdown/hostile-qa-500.md")
    h.author_areas(70)(tree)
    shutil.copy(f"{tree}/catalog.csv", f"{corpus}/csv/hostile-areas-70.csv")
    h.author_guide(0, 0, 200, 200, h.CONDITIONS_4)(tree)  # the database: realistic conditions keep it small
    db = os.path.join(work, "hostile.db")
    subprocess.run([f"{build}/zwgk-admin", "build", tree, "-o", db], check=True, capture_output=True)
    con = sqlite3.connect(db)
    con.execute("PRAGMA page_size=1024")
    con.execute("VACUUM")
    con.close()
    shutil.copy(db, f"{corpus}/package/hostile-1024.db")
finally:
    shutil.rmtree(work, ignore_errors=True)
for f in ("markdown/hostile-guide-200.md", "markdown/hostile-qa-500.md", "csv/hostile-areas-70.csv",
          "package/hostile-1024.db"):
    print(f"corpus: {f}: {os.path.getsize(os.path.join(corpus, f))} bytes")
