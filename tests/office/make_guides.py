#!/usr/bin/python3
"""make_guides.py — guides.xlsx workbooks (办事指南 kept as tables), made with openpyxl the way an office keeps them.

    /usr/bin/python3 tests/office/make_guides.py demo DOCS_DIR OUT.xlsx      the Markdown guides of DOCS_DIR as a workbook
    /usr/bin/python3 tests/office/make_guides.py template OUT.xlsx           the empty template (headers and one example)
    /usr/bin/python3 tests/office/make_guides.py broken OUT.xlsx             a workbook with the mistakes staff make

The demo workbook holds exactly what the Markdown guides hold, laid out as an office would: a title row over each
table, a header row, 发布日期 as real Excel dates, 受理条件 with line breaks inside the cell, the 指南编号 cells of
申请材料 and 办理流程 merged down over each guide's rows, and the 常见问题 section of each text on its own sheet.
assets/guides-demo.xlsx and assets/guides-template.xlsx are made by this script (see docs/authoring.md).
"""
import datetime
import glob
import os
import re
import sys

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)

INFO = [("编号（id）", "id"), ("事项名称", "title"), ("发布日期", "publish_date"), ("领域", "area"),
        ("摘要", "summary"), ("关键词", "keywords"), ("受理范围", "scope"), ("受理条件", "conditions"),
        ("办理时限", "time_limit"), ("收费标准", "fee"), ("办理地点", "place"), ("办公时间", "hours"),
        ("咨询电话", "phone"), ("监督投诉电话", "complaint_phone"), ("网上办理", "service_url"), ("正文", "body")]
MATERIALS = ["指南编号", "材料名称", "材料形式", "份数", "备注"]
STEPS = ["指南编号", "顺序", "环节", "办理内容", "需带材料", "办理地点"]
QAS = ["指南编号", "问题", "回答"]


def read_guide(path):
    text = open(path, encoding="utf-8").read()
    _, head, body = text.split("---\n", 2)
    g = yaml.safe_load(head)
    body = body.strip("\n")
    qas = []
    m = re.search(r"^## 常见问题\n", body, re.M)
    if m:
        faq = body[m.end():]
        body = body[:m.start()].rstrip("\n")
        for q, a in re.findall(r"^\*\*问：(.*?)\*\*\n\n(.*?)(?=\n\*\*问：|\Z)", faq, re.M | re.S):
            qas.append((q, "\n".join(p for p in a.strip().split("\n") if p)))
    g["body"] = body
    g["qas"] = qas
    return g


def sheet(wb, name, title, header, widths, first=False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = name
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(header)
    for c in ws[2]:
        c.font = BOLD
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = w
    return ws


def merge_down(ws, col, first, last):
    if last > first:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def workbook(guides, title_prefix="信丰县"):
    wb = Workbook()
    info = sheet(wb, "基本信息", title_prefix + "办事指南基本信息", [h for h, _ in INFO],
                 [18, 22, 12, 10, 40, 20, 30, 40, 20, 10, 30, 30, 14, 20, 30, 50], first=True)
    mat = sheet(wb, "申请材料", title_prefix + "办事指南申请材料", MATERIALS, [18, 36, 14, 8, 40])
    stp = sheet(wb, "办理流程", title_prefix + "办事指南办理流程", STEPS, [18, 8, 16, 60, 36, 36])
    qa = sheet(wb, "常见问题", title_prefix + "办事指南常见问题", QAS, [18, 40, 60])
    for g in guides:
        row = []
        for _, key in INFO:
            v = g.get(key)
            if key == "publish_date" and re.fullmatch(r"\d{4}-\d\d-\d\d", str(v)):
                v = datetime.date.fromisoformat(str(v))  # a real Excel date; a typed 2024年7月1日 stays text
            elif key == "keywords" and isinstance(v, list):
                v = "、".join(v)
            elif key == "conditions" and isinstance(v, list):
                v = "\n".join(v)
            row.append(v)
        info.append(row)
        r = info.max_row
        info.cell(r, 3).number_format = "yyyy-mm-dd"
        for c in info[r]:
            c.alignment = WRAP
        start = mat.max_row + 1
        for m in g.get("materials", []):
            mat.append([g["id"], m["name"], m["form"], int(m["count"]) if str(m["count"]).isdigit() else m["count"], m.get("note")])
        merge_down(mat, 1, start, mat.max_row)
        start = stp.max_row + 1
        for i, s in enumerate(g.get("steps", []), 1):
            stp.append([g["id"], i, s["title"], s["detail"], s.get("bring"), s.get("where")])
        merge_down(stp, 1, start, stp.max_row)
        for q, a in g.get("qas", []):
            qa.append([g["id"], q, a])
    for ws in (mat, stp, qa):
        for row in ws.iter_rows(min_row=3):
            for c in row:
                c.alignment = WRAP
    return wb


def demo(docs, out):
    guides = [read_guide(p) for p in sorted(glob.glob(os.path.join(docs, "*.md")))
              if re.search(r"^type: guide$", open(p, encoding="utf-8").read(), re.M)]
    workbook(guides).save(out)


def template(out):
    example = {
        "id": "guide-example", "title": "（示例）最低生活保障审核确认", "publish_date": "2024-07-01", "area": "社会救助",
        "summary": "一两句话说明谁可以办、去哪里办。", "keywords": ["低保", "申请低保"],
        "conditions": "第一条条件。\n第二条条件（一个单元格内换行：Alt+Enter）。", "time_limit": "20个工作日",
        "fee": "不收费", "place": "县政务服务中心2楼15号窗口", "hours": "周一至周五 上午8:00至12:00，下午14:30至17:30",
        "phone": "0797-0000000", "complaint_phone": "0797-0000000", "body": "这里可以写温馨提示等正文（可不填）。",
        "materials": [{"name": "居民身份证", "form": "原件和复印件", "count": 1, "note": "原件核对后退还"}],
        "steps": [{"title": "申请", "detail": "到窗口提交材料。", "bring": "居民身份证、户口簿",
                   "where": "县政务服务中心2楼15号窗口"},
                  {"title": "受理", "detail": "材料齐全的当场受理。"}],
        "qas": [("问题写在这里？", "回答写在这里。")],
    }
    wb = workbook([example], title_prefix="（县名）")
    ws = wb.create_sheet("填表说明")
    for line in ["每份办事指南在“基本信息”表占一行，编号（id）只用小写字母、数字和“-”，如 guide-dibao，不能重复。",
                 "申请材料、办理流程、常见问题各占一行，第一列写所属指南的编号（或事项名称）；同一指南的多行可以合并单元格。",
                 "材料形式写 原件、复印件、原件和复印件、原件核验 或 电子证照；份数写数字，0 表示免提交。",
                 "办理流程的“需带材料”写这一步要带的东西，“办理地点”写这一步去哪个窗口办；都可以不填，不填时显示指南的办理地点。",
                 "带（示例）的行是示例，请改成本单位的内容或删除。",
                 "保存为 guides.xlsx，放在内容文件夹（与 catalog.xlsx 同一文件夹），运行 zwgk-admin check 检查。"]:
        ws.append([line])
    ws.column_dimensions["A"].width = 110
    wb.save(out)


def broken(out):
    """The mistakes a staffer makes: each is reported at its cell."""
    g = {
        "id": "guide-bad", "title": "残疾人两项补贴申领", "publish_date": "2024年7月1日", "area": "残疾人服务",
        "conditions": "持有残疾人证。", "time_limit": "15个工作日", "fee": "不收费", "place": "县残联", "hours": "工作日",
        "phone": "0797-0000200", "complaint_phone": "0797-0000201", "service_url": "zwfw.example/bad",
        "materials": [{"name": "残疾人证", "form": "原件核对", "count": 1},
                      {"name": "户口簿", "form": "影印件", "count": 1},
                      {"name": "银行卡", "form": "复印件", "count": "一"}],
        "steps": [{"title": "申请", "detail": "到村委会申请。"}, {"title": "审核", "detail": "县残联审核。"}],
        "qas": [("补贴什么时候发？", "按月发放。")],
    }
    wb = workbook([g])
    info = wb["基本信息"]
    info.append(["Guide_Two", "第二个指南", datetime.date(2024, 7, 2), None, None, None, None, "条件",
                 "1天", "不收费", None, "工作日", "0797-1", "0797-2"])  # bad id, empty 办理地点
    wb["申请材料"].append(["guide-nobody", "身份证", "原件", 1, None])
    wb["办理流程"].append(["第二个指南", 1, "申请", None])
    wb["常见问题"].append([None, "没有指南的问题？", "回答。"])
    wb.save(out)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "demo":
        demo(sys.argv[2], sys.argv[3])
    elif cmd == "template":
        template(sys.argv[2])
    elif cmd == "broken":
        broken(sys.argv[2])
    else:
        sys.exit("usage: make_guides.py demo DOCS OUT | template OUT | broken OUT")
