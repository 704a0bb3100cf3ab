/* test_import.c — the .docx reader (zwgk/office.h layer 4) and the importer's parts (src/import).
 *
 * The .docx files here are written part by part with libzip, so each test says exactly which WordprocessingML it
 * feeds the reader: Word's numbering (counters, restarts, startOverride), styles over direct formatting, deleted and
 * hidden text, a text box with its mc:Fallback copy, merged table cells.  Whole documents made by python-docx and
 * LibreOffice are tests/import_e2e.sh's.  The PDF line repair is tested on pdftotext -bbox-layout output written by
 * hand (a page number, a running header, a paragraph broken across a page in the middle of a word), and the Markdown
 * writer by reading what it wrote back through the authoring parser: the text must come back unchanged. */
#include "author/doc_internal.h"
#include "check.h"
#include "import/import_private.h"
#include "zwgk/office.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char *RELS =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
static const char *DOC_RELS =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/><Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" "
    "Target=\"numbering.xml\"/></Relationships>";

static const char *STYLES =
    "<?xml version=\"1.0\"?><w:styles " W_NS ">"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"21\"/></w:rPr></w:rPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/>"
    "<w:sz w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"0\"/>"
    "</w:pPr><w:rPr><w:rFonts w:eastAsia=\"黑体\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Loop\"><w:basedOn w:val=\"Loop\"/></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Strong\"><w:rPr><w:b/></w:rPr></w:style>"
    "</w:styles>";

static const char *NUMBERING =
    "<?xml version=\"1.0\"?><w:numbering " W_NS ">"
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/>"
    "</w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"（%2）\"/></w:lvl><w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%3.\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/>"
    "</w:lvlOverride></w:num>"
    "</w:numbering>";

static const char *tmp_dir;

/* Writes a .docx of these parts (document body inside <w:body>) and returns its path. */
static const char *make_docx(const char *name, const char *body)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmp_dir, name);
    char *doc = NULL;
    size_t n = strlen(body) + 512;
    doc = malloc(n);
    snprintf(doc, n,
             "<?xml version=\"1.0\"?><w:document " W_NS " xmlns:mc=\"http://schemas.openxmlformats.org/"
             "markup-compatibility/2006\"><w:body>%s</w:body></w:document>",
             body);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    const char *names[] = {"_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml",
                           "word/document.xml"};
    const char *data[] = {RELS, DOC_RELS, STYLES, NUMBERING, doc};
    for (int i = 0; i < 5; i++) {
        zip_source_t *s = zip_source_buffer(z, data[i], strlen(data[i]), 0);
        zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8);
    }
    zip_close(z);
    free(doc);
    return path;
}

static const office_para_t *para_with(const office_docx_t *d, const char *text)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->paras[i].kind == OFFICE_PARA_TEXT && !strcmp(d->paras[i].text, text))
            return &d->paras[i];
    return NULL;
}

#define P(x)         "<w:p>" x "</w:p>"
#define R(t)         "<w:r><w:t>" t "</w:t></w:r>"
#define NUM(id, lvl) "<w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #id "\"/></w:numPr></w:pPr>"

static void test_numbering(void)
{
    const char *path = make_docx("num.docx", P(NUM(1, 0) R("总体要求")) P(NUM(1, 1) R("目标")) P(NUM(1, 1) R("原则"))
                                                 P(NUM(1, 2) R("第一项。")) P(NUM(1, 0) R("重点任务"))
                                                     P(NUM(1, 1) R("完善内容")) P(NUM(2, 0) R("另起"))
                                                         P("<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/>"
                                                           "</w:numPr></w:pPr>" R("关掉编号")));
    office_docx_t d;
    char err[512] = "";
    CHECK(office_docx_load(path, "num.docx", NULL, &d, err, sizeof err) == ZWGK_OK);
    CHECK(d.count == 8);
    const char *want[] = {"一、总体要求", "（一）目标",     "（二）原则", "1.第一项。",
                          "二、重点任务", "（一）完善内容", "五、另起",   "关掉编号"};
    for (size_t i = 0; i < 8 && i < d.count; i++)
        CHECK_STR(d.paras[i].text, want[i]);
    CHECK(d.count > 0 && d.paras[0].label_len == strlen("一、") && d.paras[0].num_level == 0);
    CHECK(d.count > 1 && d.paras[1].num_level == 1);
    CHECK(d.count > 7 && d.paras[7].label_len == 0 && d.paras[7].num_level == -1);
    CHECK(d.count > 0 && d.paras[0].font == OFFICE_FONT_FANGSONG && d.paras[0].size == 32); /* from Normal */
    office_docx_free(&d);
}

static void test_formatting(void)
{
    const char *path = make_docx(
        "fmt.docx",
        "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr>" R(
            "一、标题一") "</w:p>"
                          "<w:p><w:pPr><w:jc "
                          "w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>（一）加粗</w:t></w:r>"
                          "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> </w:t></w:r>"
                          "<w:r><w:t>然后正文。</w:t></w:r></w:p>"
                          "<w:p><w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>全部加粗</w:t></w:r></w:p>"
                          "<w:p><w:pPr><w:jc w:val=\"right\"/><w:ind w:firstLineChars=\"200\" w:left=\"320\"/></w:pPr>"
                          "<w:r><w:t>看得见</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>"
                          "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的</w:t></w:r>"
                          "<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:br/><w:t>第二行</w:t></w:r></w:p>"
                          "<w:p><w:pPr><w:pStyle w:val=\"Loop\"/></w:pPr>" R(
                              "样式循环") "</w:p>"
                                          "<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>" P(R("框内")) "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>" P(
                                              R("框内")) "</w:txbxContent></w:pict></mc:Fallback></"
                                                         "mc:AlternateContent></w:r>" R(
                                                             "框外") "</w:p>"
                                                                     "<w:tbl><w:tr><w:tc><w:"
                                                                     "tcPr><w:gridSpan "
                                                                     "w:val=\"2\"/></"
                                                                     "w:tcPr>" P(R("合并")) "</w:tc><w:tc>" P(R(
                                                                         "丙")) "</w:tc></"
                                                                                "w:tr><w:tr>"
                                                                                "<w:tc><w:"
                                                                                "tcPr><w:"
                                                                                "vMerge "
                                                                                "w:val="
                                                                                "\"restart\""
                                                                                "/></"
                                                                                "w:tcPr>" P(R("上"))
                                                                                    P(R("下")) "</w:tc><w:tc>" P(R("乙")) "</w:tc><w:tc>" P(
                                                                                        R("丁")) "</w:tc></"
                                                                                                 "w:tr><w:tr><w:tc><w:"
                                                                                                 "tcPr><w:vMerge/>"
                                                                                                 "</w:tcPr>" P(R("")) "</w:tc><w:tc>" P(
                                                                                                     R("戊")) "</"
                                                                                                              "w:tc></"
                                                                                                              "w:tr></"
                                                                                                              "w:tbl>"
                                                                                                              "<w:"
                                                                                                              "sectPr><"
                                                                                                              "w:pgSz "
                                                                                                              "w:w="
                                                                                                              "\"11906"
                                                                                                              "\"/"
                                                                                                              "><w:"
                                                                                                              "pgMar "
                                                                                                              "w:left="
                                                                                                              "\"1588\""
                                                                                                              " w:"
                                                                                                              "right="
                                                                                                              "\"1474\""
                                                                                                              "/></"
                                                                                                              "w:"
                                                                                                              "sectPr"
                                                                                                              ">");
    office_docx_t d;
    char err[512] = "";
    CHECK(office_docx_load(path, "fmt.docx", NULL, &d, err, sizeof err) == ZWGK_OK);
    const office_para_t *p = para_with(&d, "一、标题一");
    CHECK(p && p->font == OFFICE_FONT_HEI && p->outline == 0 && p->label_len == 0);
    p = para_with(&d, "（一）加粗 然后正文。");
    CHECK(p && p->align == OFFICE_ALIGN_CENTER && p->bold_len == strlen("（一）加粗 "));
    p = para_with(&d, "全部加粗");
    CHECK(p && p->bold_len == strlen("全部加粗")); /* through the character style */
    p = para_with(&d, "看得见\n第二行");           /* no deleted, hidden or field-code text */
    CHECK(p && p->align == OFFICE_ALIGN_END && p->ind_first == 640 && p->ind_left == 320);
    CHECK(para_with(&d, "样式循环") != NULL); /* a basedOn loop does not hang */
    size_t boxes = 0;
    for (size_t i = 0; i < d.count; i++)
        boxes += d.paras[i].kind == OFFICE_PARA_TEXT && !strcmp(d.paras[i].text, "框内");
    CHECK(boxes == 1); /* the text box once, not again from mc:Fallback */
    CHECK(para_with(&d, "框外") != NULL);
    const office_para_t *t = NULL;
    for (size_t i = 0; i < d.count; i++)
        if (d.paras[i].kind == OFFICE_PARA_TABLE)
            t = &d.paras[i];
    CHECK(t && t->rows == 3 && t->cols == 3);
    if (t && t->rows == 3 && t->cols == 3) {
        const char *want[] = {"合并", "", "丙", "上\n下", "乙", "丁", "", "戊", ""};
        for (int i = 0; i < 9; i++)
            CHECK_STR(t->cells[i], want[i]);
    }
    CHECK(d.text_width == 11906 - 1588 - 1474);
    office_docx_free(&d);
}

static void test_number_format(void)
{
    char b[64];
    CHECK_STR(office_number_format(1, "chineseCounting", b, sizeof b), "一");
    CHECK_STR(office_number_format(10, "chineseCounting", b, sizeof b), "十");
    CHECK_STR(office_number_format(11, "chineseCounting", b, sizeof b), "十一");
    CHECK_STR(office_number_format(20, "chineseCountingThousand", b, sizeof b), "二十");
    CHECK_STR(office_number_format(21, "chineseCounting", b, sizeof b), "二十一");
    CHECK_STR(office_number_format(105, "chineseCounting", b, sizeof b), "一百零五");
    CHECK_STR(office_number_format(3, "decimalEnclosedCircle", b, sizeof b), "③");
    CHECK_STR(office_number_format(12, "decimalFullWidth", b, sizeof b), "１２");
    CHECK_STR(office_number_format(2, "ideographTraditional", b, sizeof b), "乙");
    CHECK_STR(office_number_format(4, "upperRoman", b, sizeof b), "IV");
    CHECK_STR(office_number_format(27, "lowerLetter", b, sizeof b), "aa");
    CHECK_STR(office_number_format(7, "nonsense", b, sizeof b), "7");
    CHECK_STR(office_number_format(7, "none", b, sizeof b), "");
}

static void test_recognizers(void)
{
    char d[11];
    CHECK(imp_parse_date("2024年7月12日", d) && !strcmp(d, "2024-07-12"));
    CHECK(imp_parse_date("二〇二四年七月十二日", d) && !strcmp(d, "2024-07-12"));
    CHECK(imp_parse_date("二〇二三年十二月三十一日", d) && !strcmp(d, "2023-12-31"));
    CHECK(imp_parse_date("２０２４年０７月１２日", d) && !strcmp(d, "2024-07-12"));
    CHECK(imp_parse_date("  2024 年 7 月 12 日  ", d) && !strcmp(d, "2024-07-12"));
    CHECK(!imp_parse_date("2024年2月30日", d));
    CHECK(!imp_parse_date("2024年7月12日印发", d));
    CHECK(!imp_parse_date("于2024年7月12日", d));
    char *n = NULL;
    const char *typed[] = {"信府办字〔2024〕15号",
                           "信府办字[2024]15号",
                           "信府办字（2024）15号",
                           "信府办字【2024】15号",
                           "信府办字［2024］15号",
                           "信府办字 (2024) 15号",
                           "签发人：张三 信府办字〔2024〕15号"};
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        CHECK(imp_find_doc_number(typed[i], &n) == 1);
        CHECK_STR(n, strstr(typed[i], "签发人") ? "信府办字〔2024〕15号" : "信府办字〔2024〕15号");
        free(n);
    }
    CHECK(imp_find_doc_number("（〔2024〕35号）", &n) == 0); /* a reference without an agency */
    char *id = imp_id_from_number("信府办字〔2024〕15号");
    CHECK_STR(id, "xfbz-2024-15");
    free(id);
    id = imp_id_from_name("/x/关于印发方案的通知.docx", "2024-07-12");
    CHECK(id && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(id) && id[0] >= 'a');
    free(id);
    size_t len;
    CHECK(imp_number_level("一、总体要求", &len) == 2 && len == strlen("一、"));
    CHECK(imp_number_level("十二、其他", &len) == 2);
    CHECK(imp_number_level("（一）建设目标", &len) == 3);
    CHECK(imp_number_level("(二) 深入推进", &len) == 3);
    CHECK(imp_number_level("1.配齐设备", &len) == 4 && len == 2);
    CHECK(imp_number_level("1．配齐设备", &len) == 4);
    CHECK(imp_number_level("（1）放置", &len) == 5);
    CHECK(imp_number_level("1.5万元", &len) == 0);
    CHECK(imp_number_level("2024年", &len) == 0);
    CHECK(imp_number_level("一是加强", &len) == 0);
}

/* Two pages of pdftotext -bbox-layout: a running header and a page number on each, a title, a paragraph that runs
 * over the page break in the middle of the word 依法, a numbered heading at the indent, a short last line. */
static const char *BBOX =
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"x.dtd\"><html "
    "xmlns=\"http://www.w3.org/1999/xhtml\"><head><title></title></head><body><doc>"
    "<page width=\"595\" height=\"842\"><flow><block>"
    "<line xMin=\"250\" yMin=\"60\" xMax=\"345\" yMax=\"74\"><word xMin=\"250\" yMin=\"60\" xMax=\"345\" "
    "yMax=\"74\">全县工作要点</word></line>"
    "<line xMin=\"200\" yMin=\"100\" xMax=\"400\" yMax=\"128.6\"><word xMin=\"200\" yMin=\"100\" xMax=\"400\" "
    "yMax=\"128.6\">全县工作要点</word></line>"
    "<line xMin=\"111.5\" yMin=\"150\" xMax=\"520\" yMax=\"170.8\"><word xMin=\"111.5\" yMin=\"150\" xMax=\"150\" "
    "yMax=\"170.8\">2023</word><word xMin=\"156\" yMin=\"150\" xMax=\"520\" "
    "yMax=\"170.8\">年，全县政务公开工作要坚持以习近平新时代中国</word></line>"
    "<line xMin=\"79.5\" yMin=\"180\" xMax=\"520\" yMax=\"200.8\"><word xMin=\"79.5\" yMin=\"180\" xMax=\"520\" "
    "yMax=\"200.8\">特色社会主义思想为指导，全面贯彻党的二十大精神，依</word></line>"
    "<line xMin=\"280\" yMin=\"790\" xMax=\"315\" yMax=\"804\"><word xMin=\"280\" yMin=\"790\" xMax=\"315\" "
    "yMax=\"804\">—1—</word></line>"
    "</block></flow></page>"
    "<page width=\"595\" height=\"842\"><flow><block>"
    "<line xMin=\"250\" yMin=\"60\" xMax=\"345\" yMax=\"74\"><word xMin=\"250\" yMin=\"60\" xMax=\"345\" "
    "yMax=\"74\">全县工作要点</word></line>"
    "<line xMin=\"79.5\" yMin=\"100\" xMax=\"300\" yMax=\"120.8\"><word xMin=\"79.5\" yMin=\"100\" xMax=\"300\" "
    "yMax=\"120.8\">法公开执法案件。</word></line>"
    "<line xMin=\"111.5\" yMin=\"130\" xMax=\"420\" yMax=\"150.8\"><word xMin=\"111.5\" yMin=\"130\" xMax=\"420\" "
    "yMax=\"150.8\">（二）深入推进信息公开和平台建设</word></line>"
    "<line xMin=\"111.5\" yMin=\"160\" xMax=\"520\" yMax=\"180.8\"><word xMin=\"111.5\" yMin=\"160\" xMax=\"130\" "
    "yMax=\"180.8\">及</word><word xMin=\"140\" yMin=\"160\" xMax=\"160\" yMax=\"180.8\">时</word><word "
    "xMin=\"170\" yMin=\"160\" xMax=\"520\" yMax=\"180.8\">公开。这是一个在右边距结束的句子。</word></line>"
    "<line xMin=\"79.5\" yMin=\"190\" xMax=\"250\" yMax=\"210.8\"><word xMin=\"79.5\" yMin=\"190\" xMax=\"250\" "
    "yMax=\"210.8\">接着同一段。</word></line>"
    "<line xMin=\"380\" yMin=\"240\" xMax=\"460\" yMax=\"260.8\"><word xMin=\"380\" yMin=\"240\" xMax=\"460\" "
    "yMax=\"260.8\">2023年1月5日</word></line>"
    "<line xMin=\"280\" yMin=\"790\" xMax=\"315\" yMax=\"804\"><word xMin=\"280\" yMin=\"790\" xMax=\"315\" "
    "yMax=\"804\">— 2 —</word></line>"
    "</block></flow></page></doc></body></html>";

static void test_pdf_lines(void)
{
    imp_source_t src = {0};
    char err[512] = "";
    CHECK(imp_pdf_parse_bbox(BBOX, strlen(BBOX), "t.pdf", &src, err, sizeof err) == ZWGK_OK);
    CHECK(src.dropped_page_lines == 4); /* two page numbers, the header on both pages */
    const char *want[] = {"全县工作要点",
                          "2023年，全县政务公开工作要坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大"
                          "精神，依法公开执法案件。",
                          "（二）深入推进信息公开和平台建设", "及时公开。这是一个在右边距结束的句子。接着同一段。",
                          "2023年1月5日"};
    CHECK(src.count == 5);
    for (size_t i = 0; i < 5 && i < src.count; i++)
        CHECK_STR(src.paras[i].text, want[i]);
    CHECK(src.count == 5 && src.paras[0].align == IMP_CENTER && src.paras[0].size > 40 &&
          src.paras[2].align == IMP_START && src.paras[4].align == IMP_END && src.paras[1].indent == 2);
    imp_source_free(&src);
    CHECK(imp_pdf_parse_bbox("<html><body><doc></doc></body></html>", 38, "empty.pdf", &src, err, sizeof err) ==
          ZWGK_ERR_FORMAT);
    CHECK(strstr(err, "empty.pdf") != NULL);
    imp_source_free(&src);
}

/* What the writer writes comes back through the authoring parser as the same text. */
static void test_markdown_round_trip(void)
{
    imp_doc_t d = {0};
    d.type = IMPORT_TYPE_POLICY;
    d.title = strdup("关于#3号《办法》: \"修订\"的通知");
    d.publish_date = strdup("2024-07-12");
    d.date_text = strdup("2024年7月12日");
    const char *texts[] = {"1. 按照*星号*和_下划线_、`代码`、[链接](x)、<b>、&amp;、a|b、\\反斜杠。",
                           "# 不是标题",
                           "- 不是列表",
                           "::: 落款",
                           "+ 也不是",
                           "> 不是引用",
                           "12) 不是列表"};
    const size_t ntexts = sizeof texts / sizeof texts[0];
    d.nblocks = d.cap = ntexts + 2;
    d.blocks = calloc(d.cap, sizeof *d.blocks);
    for (size_t i = 0; i < ntexts; i++)
        d.blocks[i] = (imp_block_t){.kind = IMP_PARAGRAPH, .text = strdup(texts[i])};
    d.blocks[ntexts] = (imp_block_t){.kind = IMP_SIGNATURE, .text = strdup("信丰县人民政府办公室\n2024年7月12日")};
    /* an attachment's own title, centred in the original: a heading in `::: 居中` */
    d.blocks[ntexts + 1] = (imp_block_t){
        .kind = IMP_HEADING, .level = 1, .centred = true, .text = strdup("信丰县2024年政务公开工作方案*")};
    imp_write_t w = {.id = "t", .source_name = "t.docx"};
    char *md = imp_markdown(&d, &w);
    diag_list_t diags = {0};
    doc_t *doc = doc_parse(md, strlen(md), "t.md", &diags);
    CHECK(doc != NULL && diags.errors == 0);
    if (doc) {
        CHECK_STR(doc->title, "关于#3号《办法》: \"修订\"的通知");
        CHECK(doc->nblocks == d.nblocks);
        for (size_t i = 0; i < ntexts && i < doc->nblocks; i++) {
            CHECK(doc->blocks[i].kind == BLOCK_PARAGRAPH);
            CHECK_STR(doc->blocks[i].text, texts[i]);
        }
        if (doc->nblocks == d.nblocks) {
            CHECK_STR(doc->blocks[ntexts].text, "信丰县人民政府办公室\n2024年7月12日");
            CHECK(doc->blocks[ntexts].align == BLOCK_ALIGN_RIGHT);
            const block_t *h = &doc->blocks[ntexts + 1];
            CHECK(h->kind == BLOCK_HEADING && h->level == 1 && h->align == BLOCK_ALIGN_CENTER);
            CHECK_STR(h->text, "信丰县2024年政务公开工作方案*");
        }
    }
    doc_free(doc);
    diag_clear(&diags);
    free(md);
    imp_doc_free(&d);
}

int main(void)
{
    char dir[] = "/tmp/test_import_XXXXXX";
    tmp_dir = mkdtemp(dir);
    if (!tmp_dir)
        return 1;
    test_number_format();
    test_numbering();
    test_formatting();
    test_recognizers();
    test_pdf_lines();
    test_markdown_round_trip();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
    if (system(cmd) != 0)
        return 1;
    return check_summary("test_import");
}
