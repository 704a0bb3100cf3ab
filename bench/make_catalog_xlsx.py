#!/usr/bin/python3
"""make_catalog_xlsx.py — a 26-sheet catalog.xlsx in the national layout, for the build benchmark (BENCHMARKS.md).

    /usr/bin/python3 bench/make_catalog_xlsx.py OUT.xlsx [ROWS_PER_SHEET]

One sheet per standard area (the 26 of 基层政务公开标准指引), each with a title row, a two-row merged header with
公开对象/公开方式/公开层级/公开渠道和载体 ticked in sub-columns, and ROWS_PER_SHEET rows (default 40) whose 一级事项
cells are merged over two rows.  Made with openpyxl, as tests/office/make_fixtures.py makes the test workbooks."""
import sys
from openpyxl import Workbook

AREAS = ["城乡规划", "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "征地补偿",
         "国有土地上房屋征收与补偿", "环境保护", "公共文化服务", "公共法律服务", "扶贫", "救灾", "社会救助", "养老服务",
         "户籍管理", "涉农补贴", "就业", "社会保险", "义务教育", "医疗卫生", "市政服务", "农村危房改造", "城市综合执法",
         "保障性住房", "食品药品监管"]
CH = ["政府网站", "两微一端", "公开查阅点", "便民服务站", "村公示栏", "其他"]
out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40
wb = Workbook()
wb.remove(wb.active)
for a in AREAS:
    ws = wb.create_sheet(a)
    ws.append([f"信丰县{a}领域基层政务公开标准目录"])
    ws.merge_cells("A1:S1")
    ws.append(["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体"] + [None] * 5 +
              ["公开对象", None, "公开方式", None, "公开层级", None])
    ws.append([None, "一级事项", "二级事项", None, None, None, None] + CH + ["全社会", "特定群体", "主动", "依申请", "县级", "乡级"])
    for col in "ADEFG":
        ws.merge_cells(f"{col}2:{col}3")
    for a1, a2 in (("B2", "C2"), ("H2", "M2"), ("N2", "O2"), ("P2", "Q2"), ("R2", "S2")):
        ws.merge_cells(f"{a1}:{a2}")
    for i in range(n):
        r = 4 + i
        ws.append([i // 2 + 1 if i % 2 == 0 else None, f"{a}事项{i // 2 + 1}" if i % 2 == 0 else None, f"二级事项{i + 1}",
                   "办理条件、申请材料、办理流程、办理时间、地点、联系方式\n及其他需要公开的内容", "《中华人民共和国政府信息公开条例》",
                   "信息形成或者变更之日起20个工作日内", "县有关部门、乡镇政府（街道办事处）"] +
                  ["√" if (i + k) % 3 == 0 or k == 0 else None for k in range(6)] +
                  ["√", None, "√", "√" if i % 4 == 0 else None, "√", "√" if i % 2 else None])
        if i % 2 == 0:
            ws.merge_cells(f"A{r}:A{r + 1}")
            ws.merge_cells(f"B{r}:B{r + 1}")
wb.save(out)
