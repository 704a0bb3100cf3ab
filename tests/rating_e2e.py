#!/usr/bin/env python3
"""rating_e2e.py — 好差评 as a citizen meets it, and what local.db keeps of it.

The rating card sits at the end of a document's page (after the content, never over it): 不满意 opens the fixed
reasons, a reason is tapped, the card thanks; a second tap on a level changes nothing (one rating per session and
screen).  Back home after the visit, a strip asks to rate the visit as a whole, with 不评了 to skip it; the idle reset
forgets the session, so the next citizen rates afresh.  local.db then holds counts against the document's key and
"" (the kiosk), the reason as its fixed key, and nothing else: no free text, no time finer than the last count, no
person.  The statistics export carries them (kind rating and rating_reason).
"""
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_run as kr  # noqa: E402
from kiosk_run import SHOTS, check  # noqa: E402

WORK = kr.workdir("zwgk-rating-")


def run(lines, name, data):
    p, dumps = kr.run_kiosk(lines, name, WORK, args=("--data", data, "--windowed", "1080x1920"), timeout=120)
    check(p.returncode == 0, f"{name}: the kiosk ran its script: {p.stderr[-600:]}")
    return kr.read_dumps(dumps)


def labels(d):
    return [e.get("label", "") for e in d.get("elements", [])]


def tappable(d, label):
    return any(e.get("label") == label and e.get("role") in ("button", "tab") for e in d.get("elements", []))


def main():
    data = os.path.join(WORK, "data")
    r = run(["press 办事指南", "press 最低生活保障审核确认", "dump open", "seek 不满意", "dump reasons",
             "shot rating-reasons-1080x1920", "press 内容过时", "dump thanks", "shot rating-thanks-1080x1920",
             "dump again_before", "press 首页", "dump home", "shot home-rating-1080x1920", "press 非常满意",
             "dump home_rated", "press 办事指南", "press 最低生活保障审核确认", "seek 谢谢您的评价，我们会尽快改进。",
             "dump revisit"],
            "rate", data)
    check("请为本次服务评价" not in labels(r.get("open", {}))[:12], "the card is not at the top of the page")
    check(r.get("open", {}).get("screen") == "guide", "the guide opens with its content, no pop-up over it")
    rs = labels(r.get("reasons", {}))
    check(all(x in rs for x in ("内容看不懂", "找不到想要的", "内容过时", "操作不方便", "其他")),
          f"不满意 offers the five reasons: {rs[-20:]}")
    check("谢谢您的评价，我们会尽快改进。" in labels(r.get("thanks", {})), "a reason tapped: thanks")
    check(not tappable(r.get("thanks", {}), "满意"), "rated: the levels are no longer tappable (one rating)")
    home = labels(r.get("home", {}))
    check("请为本次服务评价（不记录个人信息）" in home and "不评了" in home, f"home after a visit asks, with 不评了: {home}")
    check("请为本次服务评价（不记录个人信息）" not in labels(r.get("home_rated", {})), "rated: the strip goes away")
    check(not tappable(r.get("revisit", {}), "不满意"), "the same guide again in the session: not rated twice")

    # a fresh session: nothing on home before a visit; 不评了 skips; the idle reset forgets the session
    r = run(["dump home0", "press 办事指南", "press 首页", "dump home_list", "press 办事指南",
             "press 高龄津贴申领", "press 首页", "dump home1", "press 不评了", "dump skipped",
             "press 办事指南", "press 最低生活保障审核确认", "wait 200000", "dump reset", "press 办事指南",
             "press 最低生活保障审核确认", "seek 非常满意", "dump fresh"], "skip", data)
    check("不评了" not in labels(r.get("home0", {})), "no strip before anything was opened")
    check("不评了" not in labels(r.get("home_list", {})), "a list alone is no visit to rate")
    check("不评了" in labels(r.get("home1", {})), "the strip after a document was read")
    check("不评了" not in labels(r.get("skipped", {})) and "政务公开目录" in labels(r.get("skipped", {})),
          "不评了 takes the strip away and home works")
    check(r.get("reset", {}).get("screen") == "home" and "不评了" not in labels(r.get("reset", {})),
          "the idle reset goes home and forgets the visit")
    check("谢谢您的评价！" in labels(r.get("fresh", {})), "the next citizen can rate the guide again (seek pressed it)")

    db = sqlite3.connect(os.path.join(data, "local.db"))
    ratings = sorted(db.execute("SELECT target, level, count FROM ratings"))
    check(ratings == [("", 5, 1), ("guide-dibao", 2, 1), ("guide-dibao", 5, 1)],
          f"ratings against the key and the kiosk: {ratings}")
    reasons = sorted(db.execute("SELECT target, reason, count FROM rating_reasons"))
    check(reasons == [("guide-dibao", "outdated", 1)], f"the reason as its fixed key: {reasons}")
    cols = [r[1] for r in db.execute("PRAGMA table_info(ratings)")] + [r[1] for r in
                                                                      db.execute("PRAGMA table_info(rating_reasons)")]
    check(set(cols) <= {"target", "level", "reason", "count", "last"}, f"nothing personal stored: {cols}")
    db.close()
    if os.environ.get("ZWGK_UPDATE_DOCS") == "1":
        for n in ("rating-reasons-1080x1920", "home-rating-1080x1920"):
            shutil.copy(os.path.join(SHOTS, n + ".png"), os.path.join(kr.DOCS_SHOTS, n + ".png"))
    return kr.summary("rating_e2e")


if __name__ == "__main__":
    code = main()
    if code == 0:
        shutil.rmtree(WORK, ignore_errors=True)
    sys.exit(code)
