#!/usr/bin/python3
"""make_fixtures.py — the workbooks the office and catalog tests read, made the way county staff make them.

    /usr/bin/python3 tests/office/make_fixtures.py OUT_DIR [--no-libreoffice]

Why generated at test time, not committed: a committed .xlsx is an opaque blob nobody reviews, and generating them
here tests the reader against the openpyxl and LibreOffice that Debian ships today.  (The fuzz corpus is the one
exception: tests/fuzz/corpus/xlsx holds small stored-ZIP copies, because a corpus must be files.)

  national.xlsx   the national layout: one sheet per area (社会救助, 养老服务, 义务教育), title rows, two- and
                  three-row merged headers, 公开对象/公开方式/公开层级/公开渠道和载体 split into sub-columns ticked
                  with √ ✓ ● ■ 是, vertically merged 序号/一级事项/公开依据, line breaks in cells, a hidden row, a
                  hidden sheet, a 填表说明 sheet, note and signature rows under the table (openpyxl)
  single.xlsx     one sheet with a 领域 column, merged 领域 and 一级事项 (openpyxl), and single.csv, the same table
                  as Excel's "CSV UTF-8" would hold it after unmerging, for the byte-identical build
  libre.xlsx      the same table written by LibreOffice (soffice --convert-to xlsx from a flat ODS with merges)
  handmade.xlsx   cell types openpyxl 3.0 cannot write: rich text with phonetic runs, inline strings, _x000D_,
                  booleans, errors, dates and times by built-in and custom formats, percentages, cells without r=,
                  cells out of order; handmade1904.xlsx the same in the 1904 date system
  hostile/*.xlsx  broken and malicious files: zip bomb, lying sizes, path games, duplicate names, DTD, deep XML,
                  invalid UTF-8, bad cell references, a million rows, an OLE (.xls) file, an .ods, truncated
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment

OUT = sys.argv[1]
LIBREOFFICE = "--no-libreoffice" not in sys.argv[2:]
os.makedirs(os.path.join(OUT, "hostile"), exist_ok=True)

WRAP = Alignment(wrap_text=True, vertical="center")

# ---- the national layout ---------------------------------------------------------------------------------------

# (一级事项, 二级事项, 公开内容, 公开依据, 公开时限, 公开主体, channels, audience, mode, levels)
SOCIAL = [
    ("最低生活保障", "办事指南", "办理事项、办理条件、最低生活保障标准、申请材料、\n办理流程、办理时间、地点、联系方式",
     "《国务院关于进一步加强和改进最低生活保障工作的意见》", "制定或获取信息之日起10个工作日内",
     "县级政府民政部门、乡镇政府（街道办事处）", ["政府网站", "便民服务站"], ["全社会"], ["主动"], ["县级", "乡级"]),
    ("最低生活保障", "审核信息", "初审对象名单及相关信息", "《国务院关于进一步加强和改进最低生活保障工作的意见》",
     "公示7个工作日", "乡镇政府（街道办事处）", ["村公示栏"], ["特定群体"], ["主动"], ["乡级"]),
    ("特困人员救助供养", "办事指南", "办理条件、申请材料、办理流程", "《特困人员认定办法》", "信息形成或者变更之日起20个工作日内",
     "县级政府民政部门", ["政府网站", "两微一端"], ["全社会"], ["主动", "依申请"], ["县级"]),
    ("临时救助", "救助结果", "救助对象、救助金额", "《国务院关于全面建立临时救助制度的通知》", "救助后20个工作日内",
     "县级政府民政部门", ["公开查阅点", "其他"], ["特定群体"], ["依申请"], ["县级"]),
]
ELDERLY = [
    ("养老服务业务办理", "老年人补贴", "补贴名称、依据、对象、标准、申请材料、办理流程", "《老年人权益保障法》",
     "制定或获取政策之日起10个工作日内", "乡人民政府", ["政府网站", "政务服务中心"], ["全社会"], ["主动"], ["乡级"]),
    ("养老服务业务办理", "养老机构备案", "备案条件、材料、流程", "《养老机构管理办法》", "备案之日起20个工作日内",
     "县民政局", ["政府网站"], ["全社会"], ["主动"], ["县级"]),
    ("养老服务机构", "机构名录", "名称、地址、床位、联系电话", "《养老机构管理办法》", "信息形成或者变更之日起20个工作日内",
     "县民政局", ["政府网站", "两微一端", "公开查阅点"], ["全社会"], ["主动"], ["县级", "乡级"]),
]
EDUCATION = [
    ("招生管理", "招生范围", "招生范围、学区划分详细情况", "《政府信息公开条例》", "信息形成或者变更之日起20个工作日内",
     "县教育局", ["政府网站", "两微一端", "公开查阅点", "村公示栏"], ["全社会"], ["主动"], ["县级"]),
    ("招生管理", "招生结果", "录取名单", "《义务教育法》", "录取结束后5个工作日内", "县教育局",
     ["政府网站"], ["特定群体"], ["主动"], ["县级"]),
]

CHANNELS2 = ["政府网站", "两微一端", "公开查阅点", "便民服务站", "村公示栏", "其他"]  # 社会救助, 义务教育
ONLINE = ["政府网站", "两微一端"]  # 养老服务: 线上 | 线下
OFFLINE = ["政务服务中心", "公开查阅点"]
TEXT_HEADERS = ["公开内容（要素）", "公开依据", "公开时限", "公开主体"]


def national_sheet(ws, title, rows, mark, three_rows=False, hidden_row=None):
    """Writes one area sheet: a title row, a merged header, the rows; returns the first data row."""
    channels = ONLINE + OFFLINE if three_rows else CHANNELS2
    ncol = 3 + 4 + len(channels) + 6
    ws.append([title] + [None] * (ncol - 1))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    hr = 3 if three_rows else 2  # header rows
    top, mid, low = 2, 3, 2 + hr - 1
    ws.cell(top, 1, "序号")
    ws.cell(top, 2, "公开事项")
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=3)
    ws.cell(mid, 2, "一级事项")
    ws.cell(mid, 3, "二级事项")
    for i, h in enumerate(TEXT_HEADERS):
        ws.cell(top, 4 + i, h)
        ws.merge_cells(start_row=top, start_column=4 + i, end_row=low, end_column=4 + i)
    ws.merge_cells(start_row=top, start_column=1, end_row=low, end_column=1)
    if three_rows:
        ws.merge_cells(start_row=mid, start_column=2, end_row=low, end_column=2)
        ws.merge_cells(start_row=mid, start_column=3, end_row=low, end_column=3)
    c = 8
    ws.cell(top, c, "公开渠道和载体")
    ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=c + len(channels) - 1)
    if three_rows:
        ws.cell(mid, c, "线上")
        ws.merge_cells(start_row=mid, start_column=c, end_row=mid, end_column=c + len(ONLINE) - 1)
        ws.cell(mid, c + len(ONLINE), "线下")
        ws.merge_cells(start_row=mid, start_column=c + len(ONLINE), end_row=mid, end_column=c + len(channels) - 1)
    for i, ch in enumerate(channels):
        ws.cell(low, c + i, ch)
    c += len(channels)
    for group, subs in (("公开对象", ["全社会", "特定群体"]), ("公开方式", ["主动", "依申请"]), ("公开层级", ["县级", "乡级"])):
        ws.cell(top, c, group)
        ws.merge_cells(start_row=top, start_column=c, end_row=mid if three_rows else top, end_column=c + 1)
        for i, s in enumerate(subs):
            ws.cell(low, c + i, s)
        c += 2
    r = low + 1
    first = r
    seq = 0
    prev = None
    start = r
    for row in rows:
        l1, l2, content, basis, limit, subject, chs, aud, mode, lev = row
        if l1 != prev:
            if prev is not None and r - 1 > start:
                ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
                ws.merge_cells(start_row=start, start_column=2, end_row=r - 1, end_column=2)
                ws.merge_cells(start_row=start, start_column=5, end_row=r - 1, end_column=5)
            seq += 1
            start = r
            ws.cell(r, 1, seq)
            ws.cell(r, 2, l1)
            ws.cell(r, 5, basis)
        prev = l1
        ws.cell(r, 3, l2)
        ws.cell(r, 4, content).alignment = WRAP
        ws.cell(r, 6, limit)
        ws.cell(r, 7, subject)
        for i, ch in enumerate(channels):
            if ch in chs:
                ws.cell(r, 8 + i, mark)
        c = 8 + len(channels)
        for subs, chosen in ((["全社会", "特定群体"], aud), (["主动", "依申请"], mode), (["县级", "乡级"], lev)):
            for i, s in enumerate(subs):
                if s in chosen:
                    ws.cell(r, c + i, mark)
                elif mark == "■":
                    ws.cell(r, c + i, "□")
            c += 2
        r += 1
    if r - 1 > start:
        ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
        ws.merge_cells(start_row=start, start_column=2, end_row=r - 1, end_column=2)
        ws.merge_cells(start_row=start, start_column=5, end_row=r - 1, end_column=5)
    if hidden_row:
        ws.cell(r, 1, 99)
        for i, v in enumerate(hidden_row):
            ws.cell(r, 2 + i, v)
        ws.row_dimensions[r].hidden = True
        r += 1
    return first, r


wb = Workbook()
ws = wb.active
ws.title = "社会救助"
_, end = national_sheet(ws, "信丰县社会救助领域基层政务公开标准目录", SOCIAL, "√",
                        hidden_row=["旧事项", "已停用", "不应出现", "依据", "时限", "主体"])
ws.cell(end + 1, 1, "注：1. 公开渠道和载体栏打“√”的为选定渠道；2. 本目录由县民政局负责解释。")
ws.merge_cells(start_row=end + 1, start_column=1, end_row=end + 1, end_column=20)
ws.cell(end + 2, 1, "填报单位：信丰县民政局（演示）")
ws.cell(end + 2, 10, "填报日期：2024年7月12日")
ws2 = wb.create_sheet("Sheet2")
national_sheet(ws2, "养老服务领域基层政务公开标准目录", ELDERLY, "✓", three_rows=True)
ws3 = wb.create_sheet("3.义务教育")
national_sheet(ws3, "义务教育基层政务公开标准目录", EDUCATION, "■")
old = wb.create_sheet("旧版目录")
national_sheet(old, "社会救助领域基层政务公开标准目录（2019版）", SOCIAL[:1], "√")
old.sheet_state = "hidden"
notes = wb.create_sheet("填表说明")
notes.append(["填表说明"])
notes.append(["1. 每个领域一张工作表。"])
notes.append(["2. 在选定的渠道下打“√”。"])
wb.save(os.path.join(OUT, "national.xlsx"))

# ---- one sheet with a 领域 column, and the same table as CSV ------------------------------------------------------

HEAD1 = ["序号", "领域", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象",
         "公开方式", "公开层级", "码上知", "别名"]
HEAD2 = [None, None, "一级事项", "二级事项"] + [None] * 10
SINGLE = [
    ["1", "社会救助", "最低生活保障", "办事指南", "办理条件、申请材料\n办理流程", "《社会救助暂行办法》", "10个工作日内", "县民政局",
     "政府网站、便民服务站", "全社会", "主动", "县级、乡级", "https://zwgk.xinfeng.example/ml/dibao", "低保"],
    ["2", "社会救助", "最低生活保障", "审核信息", "初审对象名单", "《社会救助暂行办法》", "公示7天", "乡镇政府",
     "村公示栏", "特定群体", "主动", "乡级", "", ""],
    ["3", "社会救助", "临时救助", "救助结果", "救助对象、金额", "《社会救助暂行办法》", "20个工作日内", "县民政局",
     "政府网站", "特定群体", "依申请", "县级", "", "临时救助金"],
    ["4", "养老服务", "老年人补贴", "高龄津贴", "补贴对象、标准", "《老年人权益保障法》", "10个工作日内", "乡人民政府",
     "政府网站、政务服务中心", "全社会", "主动", "乡级", "", "高龄补贴"],
]
TITLE = "信丰县基层政务公开标准目录（演示）"
MERGED = [(1, 2, 1), (0, 1, 2)]  # (first data row index, last, column): 领域 rows 0-2, 一级事项 rows 0-1


def single_grid():
    """The sheet as cells (None = empty), before merging, with 1-based rows."""
    grid = [[TITLE] + [None] * 13, HEAD1, HEAD2]
    for r in SINGLE:
        grid.append([None if v == "" else v for v in r])
    return grid


wb = Workbook()
ws = wb.active
ws.title = "目录"
grid = single_grid()
for r, row in enumerate(grid, start=1):
    for c, v in enumerate(row, start=1):
        if v is not None:
            if r > 3 and c == 1:
                v = int(v)
            if r > 3 and (r - 4, c - 1) in [(1, 1), (2, 1), (1, 2)]:
                continue  # under a merge: Excel keeps only the first cell's text
            ws.cell(r, c, v)
ws.merge_cells("A1:N1")
ws.merge_cells("C2:D2")
for col in "ABEFGHIJKLMN":
    ws.merge_cells(f"{col}2:{col}3")
ws.merge_cells("B4:B6")  # 领域 over three rows
ws.merge_cells("C4:C5")  # 一级事项 over two
wb.save(os.path.join(OUT, "single.xlsx"))

with open(os.path.join(OUT, "single.csv"), "w", encoding="utf-8-sig", newline="") as f:
    import csv

    w = csv.writer(f, lineterminator="\r\n")
    for row in grid:
        w.writerow(["" if v is None else v for v in row])

# ---- the same table from LibreOffice: a flat ODS with merges, converted by soffice ------------------------------


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fods_cell(v, cols=1, rows=1):
    span = (f' table:number-columns-spanned="{cols}"' if cols > 1 else "") + \
           (f' table:number-rows-spanned="{rows}"' if rows > 1 else "")
    if v is None:
        return f"<table:table-cell{span}/>"
    if isinstance(v, int):
        return f'<table:table-cell office:value-type="float" office:value="{v}"{span}><text:p>{v}</text:p></table:table-cell>'
    paras = "".join(f"<text:p>{esc(p)}</text:p>" for p in v.split("\n"))
    return f'<table:table-cell office:value-type="string"{span}>{paras}</table:table-cell>'


spans = {(1, 1): (14, 1), (2, 3): (2, 1), (4, 2): (1, 3), (4, 3): (1, 2)}
for col in [1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]:
    spans[(2, col)] = (1, 2)
covered = set()
for (r, c), (cs, rs) in spans.items():
    for rr in range(r, r + rs):
        for cc in range(c, c + cs):
            if (rr, cc) != (r, c):
                covered.add((rr, cc))
rows_xml = []
for r, row in enumerate(grid, start=1):
    cells = []
    for c, v in enumerate(row, start=1):
        if (r, c) in covered:
            cells.append("<table:covered-table-cell/>")
            continue
        if r > 3 and c == 1:
            v = int(v)
        cs, rs = spans.get((r, c), (1, 1))
        cells.append(fods_cell(v, cs, rs))
    rows_xml.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
fods = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" '
        'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
        '<office:body><office:spreadsheet><table:table table:name="目录">'
        + "".join(rows_xml) + "</table:table></office:spreadsheet></office:body></office:document>\n")
work = tempfile.mkdtemp(prefix="zwgk-fods-")
try:
    src = os.path.join(work, "libre.fods")
    with open(src, "w", encoding="utf-8") as f:
        f.write(fods)
    soffice = shutil.which("soffice") if LIBREOFFICE else None
    if soffice:
        subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "xlsx",
                        "--outdir", OUT, src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=240)
finally:
    shutil.rmtree(work, ignore_errors=True)

# ---- hand-written parts: what openpyxl 3.0 cannot write ---------------------------------------------------------

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>')
PKG_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def workbook_parts(sheets, sst=None, styles=None, date1904=False):
    """The parts of a workbook: sheets is a list of (name, state, xml)."""
    parts = {"[Content_Types].xml": CT, "_rels/.rels": PKG_RELS}
    wbx = f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}>'
    wbx += '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    wbx += "<sheets>"
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    for i, (name, state, xml) in enumerate(sheets, start=1):
        st = f' state="{state}"' if state else ""
        wbx += f'<sheet name="{name}" sheetId="{i}"{st} r:id="rId{i}"/>'
        rels += f'<Relationship Id="rId{i}" Type="{RT}worksheet" Target="worksheets/sheet{i}.xml"/>'
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    if sst is not None:
        rels += f'<Relationship Id="rIdS" Type="{RT}sharedStrings" Target="sharedStrings.xml"/>'
        parts["xl/sharedStrings.xml"] = sst
    if styles is not None:
        rels += f'<Relationship Id="rIdT" Type="{RT}styles" Target="/xl/styles.xml"/>'
        parts["xl/styles.xml"] = styles
    parts["xl/workbook.xml"] = wbx + "</sheets></workbook>"
    parts["xl/_rels/workbook.xml.rels"] = rels + "</Relationships>"
    return parts


def write_zip(path, parts, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data if isinstance(data, bytes) else data.encode("utf-8"))


def sheet(rows_xml, extra=""):
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{rows_xml}</sheetData>{extra}</worksheet>'


SST = ('<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + ' count="4" uniqueCount="4">'
       '<si><r><rPr><b/></rPr><t>社会</t></r><r><t xml:space="preserve">救助 </t></r>'
       '<rPh sb="0" eb="2"><t>しゃかい</t></rPh><phoneticPr fontId="1"/></si>'
       '<si><t>第一行_x000D_\n第二行</t></si>'
       '<si><t>字面_x005F_x000D_下划线</t></si>'
       '<si><t></t></si></sst>')
STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet ' + NS + '>'
          '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
          '<numFmt numFmtId="165" formatCode="[$-804]0.0&quot;元&quot;"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="9"/>'
          '<xf numFmtId="20"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>')
VALUES = sheet(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>内联</t></r><r><t>文字</t></r></is></c>'
    '<c r="C1"><v>3</v></c><c r="D1"><v>1.5</v></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c>'
    '<c r="G1" s="1"><v>45485</v></c><c r="H1" s="2"><v>45485</v></c><c r="I1" s="3"><v>0.25</v></c>'
    '<c r="J1" s="4"><v>0.5</v></c><c r="K1" t="str"><f>A1</f><v>公式结果</v></c><c r="L1" s="5"><v>12.5</v></c>'
    '<c r="M1" s="6"><v>45485.75</v></c><c r="N1" s="1"/><c r="O1" t="s"><v>3</v></c></row>'
    '<row r="2"><c t="s"><v>1</v></c><c><v>7</v></c><c t="s"><v>2</v></c></row>'
    '<row><c r="C3"><v>33</v></c><c r="A3"><v>31</v></c></row>'
    '<row r="5" hidden="1"><c r="b5"><v>0.1</v></c></row>'
    '<row r="7" hidden="true"><c r="A7"><v>60</v></c><c r="B7" s="1"><v>60</v></c><c r="C7" s="1"><v>61</v></c></row>',
    '<mergeCells count="2"><mergeCell ref="A3:B4"/><mergeCell ref="D2:D2"/></mergeCells>')
write_zip(os.path.join(OUT, "handmade.xlsx"),
          workbook_parts([("值", None, VALUES), ("隐藏", "hidden", sheet("")), ("很隐藏", "veryHidden", sheet(""))],
                         SST, STYLES))
write_zip(os.path.join(OUT, "handmade1904.xlsx"),
          workbook_parts([("值", None, sheet('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>44023</v></c></row>'))],
                         None, STYLES, date1904=True))

# ---- hostile files ----------------------------------------------------------------------------------------------

H = os.path.join(OUT, "hostile")
ok_sheet = sheet('<row r="1"><c r="A1"><v>1</v></c></row>')
write_zip(os.path.join(H, "bomb.xlsx"),
          workbook_parts([("S", None, sheet("<row r='1'></row>" + " " * (40 << 20)))]))
# A sheet whose sizes in both headers are patched to claim 2,000 bytes: the inflated data runs past them.
big = sheet("".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 2001)))
p = os.path.join(H, "lying.xlsx")
write_zip(p, workbook_parts([("S", None, big)]))
data = bytearray(open(p, "rb").read())
real = len(big.encode())
for sig in (b"PK\x03\x04", b"PK\x01\x02"):
    at = 0
    while (at := data.find(sig, at)) >= 0:
        off = 22 if sig == b"PK\x03\x04" else 24
        name_off = 30 if sig == b"PK\x03\x04" else 46
        nlen = int.from_bytes(data[at + (26 if sig == b"PK\x03\x04" else 28):][:2], "little")
        if data[at + name_off:at + name_off + nlen] == b"xl/worksheets/sheet1.xml":
            data[at + off:at + off + 4] = (2000).to_bytes(4, "little")
        at += 4
open(p, "wb").write(data)
for name, entry in (("traversal.xlsx", "../evil.xml"), ("absolute.xlsx", "/etc/evil.xml"),
                    ("backslash.xlsx", "xl\\..\\..\\evil.xml")):
    parts = workbook_parts([("S", None, ok_sheet)])
    parts[entry] = "<x/>"
    write_zip(os.path.join(H, name), parts)
with zipfile.ZipFile(os.path.join(H, "duplicate.xlsx"), "w") as z:
    import warnings

    warnings.simplefilter("ignore")
    for n, d in workbook_parts([("S", None, ok_sheet)]).items():
        z.writestr(n, d)
    z.writestr("XL/Worksheets/Sheet1.xml", sheet('<row r="1"><c r="A1"><v>2</v></c></row>'))
write_zip(os.path.join(H, "dtd.xlsx"), workbook_parts([("S", None, '<?xml version="1.0"?><!DOCTYPE worksheet ['
                                                        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                                                        f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr">'
                                                        '<is><t>&b;</t></is></c></row></sheetData></worksheet>')]))
write_zip(os.path.join(H, "deep.xlsx"), workbook_parts([("S", None, sheet("<x>" * 200 + "</x>" * 200))]))
write_zip(os.path.join(H, "badutf8.xlsx"),
          workbook_parts([("S", None, sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))],
                         b'<?xml version="1.0" encoding="UTF-8"?><sst ' + NS.encode() +
                         b'><si><t>\xe7\xa4\xbe\xff\xe4\xbc\x9a\x01</t></si></sst>'))
write_zip(os.path.join(H, "badref.xlsx"), workbook_parts([("S", None, sheet('<row r="1"><c r="ZZZZ1"><v>1</v></c></row>'))]))
write_zip(os.path.join(H, "badrow.xlsx"), workbook_parts([("S", None, sheet('<row r="1048577"><c><v>1</v></c></row>'))]))
write_zip(os.path.join(H, "badsst.xlsx"), workbook_parts([("S", None, sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'))]))
write_zip(os.path.join(H, "malformed.xlsx"), workbook_parts([("S", None, sheet('<row r="1"><c r="A1"><v>1</c></row>'))]))
write_zip(os.path.join(H, "million.xlsx"),
          workbook_parts([("S", None, sheet("".join(f'<row r="{i}"><c r="A{i}"><v>{i % 97}</v></c></row>'
                                                    for i in range(1, 1048577))))]))
with open(os.path.join(H, "ole.xlsx"), "wb") as f:
    f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\0" * 504)
with open(os.path.join(H, "text.xlsx"), "w", encoding="utf-8") as f:
    f.write("序号,领域\n1,社会救助\n")
write_zip(os.path.join(H, "ods.xlsx"), {"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                        "content.xml": "<x/>"}, zipfile.ZIP_STORED)
good = open(os.path.join(OUT, "single.xlsx"), "rb").read()
with open(os.path.join(H, "truncated.xlsx"), "wb") as f:
    f.write(good[: len(good) // 2])
with open(os.path.join(H, "empty.xlsx"), "wb") as f:
    pass
