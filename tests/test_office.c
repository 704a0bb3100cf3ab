/* test_office.c — the office module (zwgk/office.h): part names, XML safety, and workbooks as Excel shows them.
 *
 * The workbooks are made at test time by tests/office/make_fixtures.py (openpyxl and hand-written parts; the
 * LibreOffice file is left to tests/office_catalog.sh, which also builds catalogs from them).  handmade.xlsx holds
 * what openpyxl 3.0 cannot write: rich text with phonetic runs, inline strings, escapes, dates by built-in and custom
 * formats, cells without r= and out of order.  The hostile files must each fail with a reason, never crash. */
#include "check.h"
#include "zwgk/office.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fx[256];

static const char *fixture(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", fx, name);
    return path;
}

static const char *text_at(const office_sheet_t *s, const char *ref)
{
    uint32_t r, c;
    if (office_cell_ref_parse(ref, &r, &c) != 0)
        return "(bad ref)";
    const office_cell_t *cell = office_sheet_cell(s, r, c);
    return cell ? cell->text : "(empty)";
}

static void test_refs(void)
{
    char buf[16], l[4];
    uint32_t r, c;
    CHECK_STR(office_col_letters(0, l), "A");
    CHECK_STR(office_col_letters(25, l), "Z");
    CHECK_STR(office_col_letters(26, l), "AA");
    CHECK_STR(office_col_letters(16383, l), "XFD");
    CHECK_STR(office_cell_ref(12, 2, buf), "C12");
    CHECK(office_cell_ref_parse("$c$12", &r, &c) == 0 && r == 12 && c == 2);
    CHECK(office_cell_ref_parse("XFD1048576", &r, &c) == 0 && r == 1048576 && c == 16383);
    CHECK(office_cell_ref_parse("XFE1", &r, &c) == -1);
    CHECK(office_cell_ref_parse("A0", &r, &c) == -1);
    CHECK(office_cell_ref_parse("A1048577", &r, &c) == -1);
    CHECK(office_cell_ref_parse("1A", &r, &c) == -1);
    CHECK(office_cell_ref_parse("", &r, &c) == -1);
}

static void test_resolve(void)
{
    char out[256];
    CHECK(office_part_resolve("xl/workbook.xml", "worksheets/sheet1.xml", out, sizeof out) == 0);
    CHECK_STR(out, "xl/worksheets/sheet1.xml");
    CHECK(office_part_resolve("xl/workbook.xml", "/xl/styles.xml", out, sizeof out) == 0);
    CHECK_STR(out, "xl/styles.xml");
    CHECK(office_part_resolve("xl/worksheets/sheet1.xml", "../media/a%20b.png", out, sizeof out) == 0);
    CHECK_STR(out, "xl/media/a b.png");
    CHECK(office_part_resolve("", "xl/workbook.xml", out, sizeof out) == 0);
    CHECK_STR(out, "xl/workbook.xml");
    CHECK(office_part_resolve("xl/workbook.xml", "../../etc/passwd", out, sizeof out) == -1); /* above the root */
    CHECK(office_part_resolve("xl/workbook.xml", "..\\evil.xml", out, sizeof out) == -1);
    CHECK(office_part_resolve("xl/workbook.xml", "a%00b", out, sizeof out) == -1);
    CHECK(office_part_resolve("xl/workbook.xml", "", out, sizeof out) == -1);
}

static void test_xml(void)
{
    char err[512] = "";
    /* Invalid UTF-8 and a control character become U+FFFD, counted; the rest reads on. */
    const char doc[] = "<a x='1'><b>\xE7\xA4\xBE\xFF\x01</b><c/></a>";
    office_xml_t *x = office_xml_open_memory(doc, sizeof doc - 1, "t.xml", NULL, err, sizeof err);
    CHECK(x != NULL);
    int ev, starts = 0, ends = 0;
    char text[64] = "";
    while (x && (ev = office_xml_next(x)) > 0) {
        if (ev == OFFICE_XML_START) {
            starts++;
            if (office_xml_is(x, "a"))
                CHECK_STR(office_xml_attr(x, "x"), "1");
        } else if (ev == OFFICE_XML_END) {
            ends++;
        } else {
            snprintf(text, sizeof text, "%s", office_xml_text(x, NULL));
        }
    }
    CHECK(starts == 3 && ends == 3); /* <c/> reports START and END */
    CHECK_STR(text, "社\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(x && office_xml_replaced(x) == 2);
    office_xml_close(x);

    /* A DTD is refused before libxml2 expands anything; so is nesting past the limit. */
    const char dtd[] = "<?xml version='1.0'?><!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>";
    x = office_xml_open_memory(dtd, sizeof dtd - 1, "dtd.xml", NULL, err, sizeof err);
    while (x && (ev = office_xml_next(x)) > 0)
        CHECK(ev != OFFICE_XML_TEXT || !strstr(office_xml_text(x, NULL), "root"));
    CHECK(x && ev == OFFICE_XML_ERROR && strstr(office_xml_error(x), "DTD"));
    office_xml_close(x);
    office_limits_t lim;
    office_limits_default(&lim);
    lim.max_depth = 3;
    const char deep[] = "<a><b><c><d><e/></d></c></b></a>";
    x = office_xml_open_memory(deep, sizeof deep - 1, "deep.xml", &lim, err, sizeof err);
    while (x && (ev = office_xml_next(x)) > 0)
        ;
    CHECK(x && ev == OFFICE_XML_ERROR && strstr(office_xml_error(x), "deep"));
    office_xml_close(x);
    const char broken[] = "<a><b></a>";
    x = office_xml_open_memory(broken, sizeof broken - 1, "broken.xml", NULL, err, sizeof err);
    while (x && (ev = office_xml_next(x)) > 0)
        ;
    CHECK(x && ev == OFFICE_XML_ERROR && strstr(office_xml_error(x), "not well-formed"));
    office_xml_close(x);
}

static void test_handmade(void)
{
    char err[512] = "";
    office_xlsx_t *x = office_xlsx_open(fixture("handmade.xlsx"), "handmade.xlsx", NULL, err, sizeof err);
    CHECK(x != NULL);
    if (!x) {
        fprintf(stderr, "%s\n", err);
        return;
    }
    CHECK(office_xlsx_sheet_count(x) == 3);
    CHECK_STR(office_xlsx_sheet_name(x, 0), "值");
    CHECK(office_xlsx_sheet_state(x, 0) == OFFICE_SHEET_VISIBLE);
    CHECK(office_xlsx_sheet_state(x, 1) == OFFICE_SHEET_HIDDEN);
    CHECK(office_xlsx_sheet_state(x, 2) == OFFICE_SHEET_VERY_HIDDEN);
    CHECK(!office_xlsx_date1904(x));
    office_sheet_t s;
    CHECK(office_xlsx_sheet_load(x, 0, &s, err, sizeof err) == ZWGK_OK);
    CHECK_STR(text_at(&s, "A1"), "社会救助 "); /* rich runs joined (xml:space kept), the phonetic guide left out */
    CHECK_STR(text_at(&s, "B1"), "内联文字");
    CHECK_STR(text_at(&s, "C1"), "3");
    CHECK_STR(text_at(&s, "D1"), "1.5");
    CHECK_STR(text_at(&s, "E1"), "TRUE");
    CHECK_STR(text_at(&s, "F1"), "#N/A");
    CHECK_STR(text_at(&s, "G1"), "2024-07-12"); /* built-in format 14 */
    CHECK_STR(text_at(&s, "H1"), "2024-07-12"); /* yyyy"年"m"月"d"日" */
    CHECK_STR(text_at(&s, "I1"), "25%");
    CHECK_STR(text_at(&s, "J1"), "12:00");
    CHECK_STR(text_at(&s, "K1"), "公式结果");
    CHECK_STR(text_at(&s, "L1"), "12.5"); /* [$-804]0.0"元": the locale bracket and quoted text are no date */
    CHECK_STR(text_at(&s, "M1"), "2024-07-12 18:00");
    CHECK_STR(text_at(&s, "N1"), "(empty)");        /* formatted, no value */
    CHECK_STR(text_at(&s, "O1"), "(empty)");        /* an empty shared string */
    CHECK_STR(text_at(&s, "A2"), "第一行\n第二行"); /* _x000D_ + LF is one line break */
    CHECK_STR(text_at(&s, "B2"), "7");              /* no r=: after A2 */
    CHECK_STR(text_at(&s, "C2"), "字面_x000D_下划线");
    CHECK_STR(text_at(&s, "A3"), "31");  /* written after C3 */
    CHECK_STR(text_at(&s, "B5"), "0.1"); /* a lowercase reference */
    CHECK_STR(text_at(&s, "B7"), "1900-02-29");
    CHECK_STR(text_at(&s, "C7"), "1900-03-01");
    CHECK(s.ncells >= 2 && s.cells[0].row == 1 && s.cells[0].col == 0);
    for (size_t i = 1; i < s.ncells; i++)
        CHECK(s.cells[i - 1].row < s.cells[i].row ||
              (s.cells[i - 1].row == s.cells[i].row && s.cells[i - 1].col < s.cells[i].col));
    CHECK(s.nmerges == 1 && s.merges[0].r1 == 3 && s.merges[0].c1 == 0 && s.merges[0].r2 == 4 &&
          s.merges[0].c2 == 1); /* D2:D2 is no merge */
    CHECK(office_sheet_row_hidden(&s, 5) && office_sheet_row_hidden(&s, 7) && !office_sheet_row_hidden(&s, 6));
    office_sheet_free(&s);
    office_xlsx_close(x);

    x = office_xlsx_open(fixture("handmade1904.xlsx"), NULL, NULL, err, sizeof err);
    CHECK(x && office_xlsx_date1904(x));
    if (x && office_xlsx_sheet_load(x, 0, &s, err, sizeof err) == ZWGK_OK) {
        CHECK_STR(text_at(&s, "A1"), "1904-01-01");
        CHECK_STR(text_at(&s, "B1"), "2024-07-12");
        office_sheet_free(&s);
    }
    office_xlsx_close(x);
}

static void test_openpyxl(void)
{
    char err[512] = "";
    office_xlsx_t *x = office_xlsx_open(fixture("national.xlsx"), NULL, NULL, err, sizeof err);
    CHECK(x && office_xlsx_sheet_count(x) == 5);
    office_sheet_t s;
    if (x && office_xlsx_sheet_load(x, 0, &s, err, sizeof err) == ZWGK_OK) {
        CHECK_STR(office_xlsx_sheet_name(x, 0), "社会救助");
        CHECK_STR(text_at(&s, "A1"), "信丰县社会救助领域基层政务公开标准目录");
        CHECK_STR(text_at(&s, "A4"), "1"); /* 序号 as a number */
        CHECK_STR(text_at(&s, "D4"),
                  "办理事项、办理条件、最低生活保障标准、申请材料、\n办理流程、办理时间、地点、联系方式");
        CHECK_STR(text_at(&s, "H4"), "√");
        CHECK(s.nmerges > 10);
        CHECK(office_sheet_row_hidden(&s, 8));
        office_sheet_free(&s);
    }
    CHECK(x && office_xlsx_sheet_state(x, 3) == OFFICE_SHEET_HIDDEN);
    office_xlsx_close(x);
}

/* Every hostile file fails with a reason that names it, at open or at load; none crashes. */
static void test_hostile(void)
{
    static const struct {
        const char *name, *words;
    } cases[] = {
        {"bomb.xlsx", "zip bomb"},
        {"lying.xlsx", "declared"},
        {"traversal.xlsx", "\"..\""},
        {"absolute.xlsx", "absolute"},
        {"backslash.xlsx", "backslash"},
        {"duplicate.xlsx", "two entries"},
        {"dtd.xlsx", "DTD"},
        {"deep.xlsx", "deep"},
        {"badref.xlsx", "ZZZZ1"},
        {"badrow.xlsx", "1048577"},
        {"badsst.xlsx", "shared string 7"},
        {"malformed.xlsx", "not well-formed"},
        {"ole.xlsx", "old Excel (.xls)"},
        {"text.xlsx", "not a ZIP"},
        {"ods.xlsx", "OpenDocument"},
        {"truncated.xlsx", "cut short"},
        {"empty.xlsx", "not a ZIP"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64], err[1024] = "";
        snprintf(name, sizeof name, "hostile/%s", cases[i].name);
        office_xlsx_t *x = office_xlsx_open(fixture(name), cases[i].name, NULL, err, sizeof err);
        int failed = x == NULL;
        for (size_t k = 0; x && k < office_xlsx_sheet_count(x) && !failed; k++) {
            office_sheet_t s;
            failed = office_xlsx_sheet_load(x, k, &s, err, sizeof err) != ZWGK_OK;
            office_sheet_free(&s);
        }
        office_xlsx_close(x);
        CHECK(failed);
        CHECK(strstr(err, cases[i].name) != NULL && strstr(err, cases[i].words) != NULL);
        if (!failed || !strstr(err, cases[i].words))
            fprintf(stderr, "  %s: %s\n", cases[i].name, err);
    }
    /* Invalid UTF-8 in shared strings is replaced and counted, not fatal. */
    char err[512] = "";
    office_xlsx_t *x = office_xlsx_open(fixture("hostile/badutf8.xlsx"), NULL, NULL, err, sizeof err);
    CHECK(x && office_xlsx_replaced(x) == 2);
    office_xlsx_close(x);
    /* A million rows are read (Excel's whole grid), and the cell limit refuses more than it allows. */
    office_limits_t lim;
    office_limits_default(&lim);
    lim.max_cells = 1000;
    x = office_xlsx_open(fixture("hostile/million.xlsx"), "million.xlsx", &lim, err, sizeof err);
    office_sheet_t s;
    CHECK(x && office_xlsx_sheet_load(x, 0, &s, err, sizeof err) == ZWGK_ERR_FORMAT && strstr(err, "1000 cells"));
    office_xlsx_close(x);
    lim.max_strings = 2;
    x = office_xlsx_open(fixture("handmade.xlsx"), "handmade.xlsx", &lim, err, sizeof err);
    CHECK(!x && strstr(err, "shared strings"));
}

int main(void)
{
    const char *src = getenv("ZWGK_SRC");
    snprintf(fx, sizeof fx, "/tmp/zwgk-test-office-%d", (int)getpid());
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/tests/office/make_fixtures.py %s --no-libreoffice", src ? src : "..",
             fx);
    if (system(cmd) != 0) {
        fprintf(stderr, "test_office: %s failed (python3-openpyxl installed?)\n", cmd);
        return 1;
    }
    test_refs();
    test_resolve();
    test_xml();
    test_handmade();
    test_openpyxl();
    test_hostile();
    snprintf(cmd, sizeof cmd, "rm -rf %s", fx);
    if (system(cmd) != 0)
        fprintf(stderr, "test_office: could not remove %s\n", fx);
    return check_summary("test_office");
}
