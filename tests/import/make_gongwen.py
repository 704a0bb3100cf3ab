#!/usr/bin/python3
"""make_gongwen.py — the 公文 the import tests read, made the way county offices make them.

    /usr/bin/python3 tests/import/make_gongwen.py OUT_DIR [--no-libreoffice]

Why generated, not committed: a committed .docx or .pdf is a blob nobody reviews; generating them here tests the
importer against the python-docx and LibreOffice that Debian ships today.

  notice.docx      a GB/T 9704 下行文 typed in Word (python-docx): 发文机关标志 in red 小标宋, 发文字号 typed with
                   [] instead of 〔〕, a two-line centred title, 主送机关, body in 仿宋 with a two-character first-line
                   indent, headings by direct formatting only (一、 in 黑体, （一） in 楷体, 1. bold), one section
                   numbered by Word's automatic numbering (numbering.xml: chineseCounting "%1、", "（%2）",
                   "%3."), a table, 附件说明, a right-aligned 落款 (署名 and 成文日期 in Chinese numerals), （此件主动
                   公开）, and a 版记 (抄送, 印发机关和印发日期) that must not reach the kiosk
  notice.doc       the same, saved by LibreOffice in Word 97-2003 format
  jiedu.docx       a 政策解读 of the 2024 seed's 工作方案 with 问：/答： pairs (python-docx)
  SEED.fodt        each seed text of tests/data/seeds laid out as its 公文 is printed: 仿宋 三号 body indented two
                   characters, 小标宋 titles, 黑体/楷体 headings, a right-aligned 成文日期, "— N —" page numbers in the
                   footer and (2023) a running header — a flat ODF, the way another office suite writes documents
  SEED.docx        the .fodt converted by LibreOffice (a .docx not written by python-docx)
  SEED.pdf         the .fodt printed to PDF by LibreOffice: what a county puts on its website
  SEED.odt         the .fodt as ODF, for the soffice route of the importer
  SEED.paragraphs  the seed's paragraphs with the extraction breaks of the text file repaired (one per line): the
                   reference the round-trip test compares the database with
  hostile/         a zip bomb .docx, a .docx of 60-deep nested tables inside 200-deep XML, 100,000 paragraphs, a
                   "PDF" that is not one, a .docx that is an Excel workbook
"""
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

OUT = sys.argv[1]
LIBREOFFICE = "--no-libreoffice" not in sys.argv[2:]
HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "data", "seeds")
os.makedirs(os.path.join(OUT, "hostile"), exist_ok=True)

HEADING1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
ENDS = re.compile(r"[。！？；：〕）)]$")


def seed_paragraphs(name):
    """The seed's paragraphs with the text file's extraction breaks repaired: a long line that does not end a
    sentence continues on the next ("依" / "法公开"); the 2024 title is one paragraph broken by hand."""
    lines = [l.strip() for l in open(os.path.join(SEEDS, name), encoding="utf-8").read().split("\n")]
    lines = [l for l in lines if l]
    out = []
    for line in lines:
        if out and out[-1].endswith("政务公开") and line.startswith("工作方案》"):  # the title, one paragraph
            out[-1] += line
        elif out and len(out[-1]) > 40 and not ENDS.search(out[-1]):
            out[-1] += line
        else:
            out.append(line)
    return out


# ---- flat ODF, printed by LibreOffice ----------------------------------------------------------------------------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="仿宋_GB2312" svg:font-family="仿宋_GB2312"/>
 <style:font-face style:name="黑体" svg:font-family="黑体"/>
 <style:font-face style:name="楷体_GB2312" svg:font-family="楷体_GB2312"/>
 <style:font-face style:name="方正小标宋简体" svg:font-family="方正小标宋简体"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:line-height="28.9pt"/>
  <style:text-properties style:font-name-asian="仿宋_GB2312" style:font-size-asian="16pt" fo:font-size="16pt"
   style:language-asian="zh" style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="正文" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-indent="32pt" fo:text-align="justify"/>
 </style:style>
 <style:style style:name="顶格" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="标志" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="24pt" fo:line-height="120%"/>
  <style:text-properties style:font-name-asian="方正小标宋简体" style:font-size-asian="30pt" fo:font-size="30pt"
   fo:color="#e00000"/>
 </style:style>
 <style:style style:name="标题" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="18pt" fo:margin-bottom="18pt"
   fo:line-height="120%"/>
  <style:text-properties style:font-name-asian="方正小标宋简体" style:font-size-asian="22pt" fo:font-size="22pt"/>
 </style:style>
 <style:style style:name="一级标题" style:family="paragraph" style:parent-style-name="正文">
  <style:text-properties style:font-name-asian="黑体"/>
 </style:style>
 <style:style style:name="二级标题" style:family="paragraph" style:parent-style-name="正文">
  <style:text-properties style:font-name-asian="楷体_GB2312"/>
 </style:style>
 <style:style style:name="落款" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="end" fo:margin-right="64pt" fo:margin-top="28pt"/>
 </style:style>
 <style:style style:name="页脚" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties style:font-size-asian="14pt" fo:font-size="14pt"/>
 </style:style>
 <style:style style:name="页眉" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties style:font-size-asian="10.5pt" fo:font-size="10.5pt"/>
 </style:style>
 <style:style style:name="新页标题" style:family="paragraph" style:parent-style-name="标题">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="30mm"
   fo:margin-bottom="20mm" fo:margin-left="28mm" fo:margin-right="26mm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0mm" fo:margin-bottom="5mm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0mm" fo:margin-top="5mm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
"""


def fodt(paragraphs, path, header=None):
    """paragraphs: (style, text) pairs; '\\n' in a text is a line break typed in the paragraph."""
    parts = [FODT_HEAD]
    if header:
        parts.append('  <style:header><text:p text:style-name="页眉">%s</text:p></style:header>\n' % escape(header))
    parts.append('  <style:footer><text:p text:style-name="页脚">— <text:page-number text:select-page="current"/> —'
                 '</text:p></style:footer>\n </style:master-page>\n</office:master-styles>\n'
                 '<office:body><office:text>\n')
    for style, text in paragraphs:
        inner = "<text:line-break/>".join(escape(t) for t in text.split("\n"))
        parts.append('<text:p text:style-name="%s">%s</text:p>\n' % (style, inner))
    parts.append("</office:text></office:body></office:document>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(parts))


def seed_layout(paras, plan):
    """Styles for a seed's paragraphs, as its 公文 is typeset."""
    out = []
    for i, p in enumerate(paras):
        if plan and i == 0:
            out.append(("标志", p))
        elif plan and i == 1:
            out.append(("标题", p.replace("政务公开工作方案", "政务公开\n工作方案", 1)))
        elif not plan and i == 0:
            out.append(("标题", p))
        elif p.endswith("：") and len(p) < 60:
            out.append(("顶格", p))
        elif re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", p):
            out.append(("落款", p))
        elif plan and p == "信丰县2024年政务公开工作方案":
            out.append(("新页标题", p))
        elif HEADING1.match(p) and len(p) < 40:
            out.append(("一级标题", p))
        elif HEADING2.match(p) and len(p) < 40:
            out.append(("二级标题", p))
        else:
            out.append(("正文", p))
    return out


# One LibreOffice profile for the whole run, and one soffice start per format for both seeds: a fresh profile per
# conversion cost most of this script's minutes on a loaded machine (LibreOffice sets a new profile up for seconds).
PROFILE = tempfile.mkdtemp(prefix="lo-profile-")
atexit.register(shutil.rmtree, PROFILE, True)


def soffice(srcs, fmt, outdir):
    subprocess.run(["soffice", "-env:UserInstallation=file://" + PROFILE, "--headless", "--convert-to", fmt,
                    "--outdir", outdir, *srcs], check=True, timeout=600, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    for src in srcs:
        made = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + fmt)
        if not os.path.exists(made):
            sys.exit("make_gongwen.py: soffice did not write " + made)


SEED_FILES = {"plan": ("2024-xinfeng-disclosure-work-plan.txt", True, None),
              "points": ("2023-county-disclosure-work-points.txt", False, "2023年全县政务公开工作要点")}
for name, (fname, plan, header) in SEED_FILES.items():
    paras = seed_paragraphs(fname)
    with open(os.path.join(OUT, name + ".paragraphs"), "w", encoding="utf-8") as f:
        f.write("\n".join(paras) + "\n")
    fodt(seed_layout(paras, plan), os.path.join(OUT, name + ".fodt"), header)
if LIBREOFFICE and shutil.which("soffice"):
    for fmt in ("pdf", "docx", "odt"):
        soffice([os.path.join(OUT, name + ".fodt") for name in SEED_FILES], fmt, OUT)

# ---- a 公文 typed in Word (python-docx) ------------------------------------------------------------------------

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor


def run(par, text, font="仿宋_GB2312", size=16, bold=False, color=None):
    r = par.add_run(text)
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.name = font
    r._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    if color:
        r.font.color.rgb = RGBColor.from_string(color)
    return r


def para(doc, text="", font="仿宋_GB2312", size=16, bold=False, align=None, indent=True, right_chars=0, color=None):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    pf = p.paragraph_format
    if indent:
        pf.first_line_indent = Pt(size * 2)
    if right_chars:
        pf.right_indent = Pt(size * right_chars)
    if text:
        run(p, text, font, size, bold, color)
    return p


def numbering(doc):
    """An abstract list as Word makes one for 一、/（一）/1.: returns the numId."""
    np = doc.part.numbering_part.element
    absid = "90"
    a = OxmlElement("w:abstractNum")
    a.set(qn("w:abstractNumId"), absid)
    for ilvl, (fmt, text) in enumerate([("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                                       ("decimal", "%3.")]):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "2" if ilvl == 0 else "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:suff", "nothing")):
            e = OxmlElement(tag)
            e.set(qn("w:val"), val)
            lvl.append(e)
        a.append(lvl)
    np.insert(0, a)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), absid)
    num.append(ref)
    np.append(num)
    return "90"


def numbered(doc, num_id, level, text, font, bold=False):
    p = para(doc, text, font=font, bold=bold)
    ppr = p._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", str(level)), ("w:numId", num_id)):
        e = OxmlElement(tag)
        e.set(qn("w:val"), val)
        numpr.append(e)
    ppr.insert(0, numpr)
    return p


def notice_docx(path):
    doc = Document()
    sec = doc.sections[0]
    from docx.shared import Mm
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    C = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "信丰县人民政府办公室文件", font="方正小标宋简体", size=36, align=C, indent=False, color="E00000")
    para(doc, "信府办字[2024]15号", align=C, indent=False)
    t = para(doc, "", align=C, indent=False)
    run(t, "信丰县人民政府办公室关于做好", "方正小标宋简体", 22)
    t.add_run().add_break()
    run(t, "2024年政务公开专区建设工作的通知", "方正小标宋简体", 22)
    para(doc, "各乡（镇）人民政府，县政府各部门：", indent=False)
    para(doc, "为贯彻落实基层政务公开标准化规范化要求，方便群众查阅政策、办理事项，经县政府同意，现就做好政务公开"
              "专区建设工作通知如下。")
    para(doc, "一、总体要求", font="黑体")
    para(doc, "（一）建设目标", font="楷体_GB2312")
    para(doc, "2024年底前，县政务服务中心和各乡（镇）便民服务中心全部建成政务公开专区，提供政策查询、办事指南和"
              "政策解读服务。")
    p = para(doc, "")
    run(p, "1.配齐查阅设备。", bold=True)
    run(p, "专区应配备触摸查询一体机，字体清晰、操作简便，适合老年人使用。〔牵头单位：县政府办；责任单位：各乡（镇）"
           "人民政府〕")
    para(doc, "（1）设备放置在大厅显著位置。")
    nid = numbering(doc)  # section 二 is numbered by Word: its text has no "二、"
    numbered(doc, nid, 0, "重点任务", "黑体")
    numbered(doc, nid, 1, "更新标准目录", "楷体_GB2312")
    numbered(doc, nid, 2, "各单位每季度核对一次目录内容，及时更新过时、失效信息。", "仿宋_GB2312")
    numbered(doc, nid, 2, "新出台的政策文件应在20个工作日内上传。", "仿宋_GB2312")
    numbered(doc, nid, 1, "同步发布政策解读", "楷体_GB2312")
    para(doc, "政策文件与解读材料同步起草、同步审签、同步发布。")
    para(doc, "各乡（镇）专区建设进度如下表：")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([("乡（镇）", "完成时间", "负责人"), ("嘉定镇", "2024年9月", "张明"),
                             ("大塘埠镇", "2024年10月", "李华")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    para(doc, "附件：政务公开专区建设标准")
    para(doc, "信丰县人民政府办公室", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_chars=4)
    para(doc, "二〇二四年七月十二日", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_chars=4)
    para(doc, "（此件主动公开）")
    para(doc, "抄送：县委办，县人大办，县政协办。", size=14, indent=False)
    para(doc, "信丰县人民政府办公室　　　　　　　　　　2024年7月12日印发", size=14, indent=False)
    doc.save(path)


def jiedu_docx(path):
    doc = Document()
    C = WD_ALIGN_PARAGRAPH.CENTER
    para(doc, "关于《信丰县2024年政务公开工作方案》的政策解读", font="方正小标宋简体", size=22, align=C, indent=False)
    para(doc, "一、出台背景", font="黑体")
    para(doc, "为落实基层政务公开标准化规范化要求，县政府办公室制定了本方案。")
    para(doc, "二、一问一答", font="黑体")
    para(doc, "问：政务公开专区在哪里？")
    para(doc, "答：设在县政务服务中心和各乡（镇）便民服务中心的大厅。")
    para(doc, "问：老年人怎样使用查询机？")
    para(doc, "答：查询机字体大、操作简单，也可以请工作人员帮助。")
    para(doc, "信丰县人民政府办公室", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_chars=4)
    para(doc, "2024年7月15日", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_chars=4)
    doc.save(path)


notice_docx(os.path.join(OUT, "notice.docx"))
jiedu_docx(os.path.join(OUT, "jiedu.docx"))
if LIBREOFFICE and shutil.which("soffice"):  # the same 公文 as an old binary Word file, for the soffice route
    soffice([os.path.join(OUT, "notice.docx")], "doc", OUT)

# ---- hostile files -----------------------------------------------------------------------------------------------

H = os.path.join(OUT, "hostile")
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
      'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def package(path, document, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compress) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)


# a zip bomb: 300 MB of spaces in the document part, a few hundred kilobytes packed
with zipfile.ZipFile(os.path.join(H, "bomb.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("_rels/.rels", RELS)
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(('<?xml version="1.0"?><w:document %s><w:body><w:p><w:r><w:t>' % W).encode())
        block = b" " * (1 << 20)
        for _ in range(300):
            f.write(block)
        f.write(b"</w:t></w:r></w:p></w:body></w:document>")
# deep XML: 200 nested tables
package(os.path.join(H, "deep.docx"), '<?xml version="1.0"?><w:document %s><w:body>%s<w:p><w:r><w:t>深</w:t></w:r>'
        '</w:p>%s</w:body></w:document>' % (W, "<w:tbl><w:tr><w:tc>" * 200, "</w:tc></w:tr></w:tbl>" * 200))
# 100,000 paragraphs
package(os.path.join(H, "many.docx"), '<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>'
        % (W, "<w:p><w:r><w:t>段落。</w:t></w:r></w:p>" * 100000))
# a DTD with an entity (billion laughs)
package(os.path.join(H, "dtd.docx"), '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document %s><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>'
        '</w:body></w:document>' % W)
# a "PDF" that is not one, a truncated .docx, an Excel workbook named .docx, an OLE .doc named .docx
with open(os.path.join(H, "fake.pdf"), "wb") as f:
    f.write(b"%PDF-1.4\nthis is not really a PDF\n" + bytes(range(256)) * 8)
with open(os.path.join(OUT, "notice.docx"), "rb") as f:
    data = f.read()
with open(os.path.join(H, "truncated.docx"), "wb") as f:
    f.write(data[: len(data) // 2])
with zipfile.ZipFile(os.path.join(H, "workbook.docx"), "w") as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
with open(os.path.join(H, "ole.docx"), "wb") as f:
    f.write(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
