/* test_catalog.c — reading catalog.csv: encodings (src_read_text) and the CSV itself (catalog_parse).
 *
 * Fixtures live in data/catalog/ (the test runs in tests/).  basic.csv is the reference: bom_crlf.csv, gbk.csv and
 * utf16.csv are the same table saved the ways WPS/Excel save it, and must read to the same rows.  Problems are
 * asserted by level, line, column and a word of the message, so a wrong line number or a lost column name fails. */
#include "author/model.h"
#include "check.h"
#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>

#define FIXTURE_DIR "data/catalog/"

/* Reads a fixture with src_read_text; the fixture's name is its display name. */
static char *read_fixture(const char *name, size_t *len, diag_list_t *d)
{
    char path[256];
    snprintf(path, sizeof path, FIXTURE_DIR "%s", name);
    return src_read_text(path, name, len, d);
}

static void parse_fixture(const char *name, catalog_t *c, diag_list_t *d)
{
    size_t len = 0;
    char *text = read_fixture(name, &len, d);
    CHECK(text != NULL);
    if (text)
        catalog_parse(text, len, name, NULL, c, d);
    free(text);
    if (getenv("ZWGK_TEST_VERBOSE"))
        diag_print(d, stderr);
}

static void parse_string(const char *text, catalog_t *c, diag_list_t *d)
{
    catalog_parse(text, strlen(text), "inline.csv", NULL, c, d);
    if (getenv("ZWGK_TEST_VERBOSE"))
        diag_print(d, stderr);
}

/* The first problem matching level, line (-1: any), field (NULL: any) and a part of its message (NULL: any). */
static const diag_t *find_diag(const diag_list_t *d, diag_level_t level, int line, const char *field, const char *part)
{
    for (size_t i = 0; i < d->count; i++) {
        const diag_t *it = &d->items[i];
        if (it->level != level || (line >= 0 && it->line != line))
            continue;
        if (field && (!it->field || strcmp(it->field, field) != 0))
            continue;
        if (part && (!it->msg || !strstr(it->msg, part)))
            continue;
        return it;
    }
    return NULL;
}

static size_t count_level(const diag_list_t *d, diag_level_t level)
{
    size_t n = 0;
    for (size_t i = 0; i < d->count; i++)
        n += d->items[i].level == level;
    return n;
}

/* Every string of every row is valid UTF-8 (model.h's promise to later stages). */
static int rows_valid_utf8(const catalog_t *c)
{
    for (size_t i = 0; i < c->count; i++) {
        const catalog_row_t *r = &c->rows[i];
        const char *s[] = {r->area, r->level1, r->level2, r->content, r->basis, r->time_limit, r->subject};
        for (size_t k = 0; k < sizeof s / sizeof s[0]; k++) {
            if (!s[k] || !utf8_valid(s[k], strlen(s[k]), NULL))
                return 0;
        }
        if (r->url && !utf8_valid(r->url, strlen(r->url), NULL))
            return 0;
        for (size_t k = 0; k < r->aliases.count; k++) {
            if (!utf8_valid(r->aliases.items[k], strlen(r->aliases.items[k]), NULL))
                return 0;
        }
    }
    return 1;
}

#define BIT(ch) (1u << (ch))

/* The rows of basic.csv, whichever way it was saved. */
static void check_basic_rows(const catalog_t *c)
{
    CHECK(c->count == 3);
    if (c->count != 3)
        return;
    const catalog_row_t *r = &c->rows[0];
    CHECK(r->row == 2);
    CHECK_STR(r->area, "社会救助");
    CHECK_STR(r->level1, "最低生活保障");
    CHECK_STR(r->level2, "办事指南");
    CHECK_STR(r->content, "办理事项、办理条件、申请材料、办理流程");
    CHECK_STR(r->basis, "《社会救助暂行办法》");
    CHECK_STR(r->time_limit, "制定或获取信息之日起10个工作日内");
    CHECK_STR(r->subject, "县级政府民政部门、乡镇政府（街道办事处）");
    CHECK(r->channels == (BIT(CHANNEL_WEBSITE) | BIT(CHANNEL_SERVICEHALL)));
    CHECK(r->audience == AUDIENCE_PUBLIC);
    CHECK(r->mode == MODE_ACTIVE);
    CHECK(r->levels == (LEVEL_COUNTY | LEVEL_TOWNSHIP | LEVEL_VILLAGE));
    CHECK_STR(r->url, "https://xinfeng.example/dibao");
    CHECK(r->doc_ids.count == 2);
    if (r->doc_ids.count == 2) {
        CHECK_STR(r->doc_ids.items[0], "xf-dibao-guide");
        CHECK_STR(r->doc_ids.items[1], "xf-dibao-policy");
    }
    CHECK(r->aliases.count == 2);
    if (r->aliases.count == 2) {
        CHECK_STR(r->aliases.items[0], "低保");
        CHECK_STR(r->aliases.items[1], "最低生活保障金");
    }

    r = &c->rows[1];
    CHECK(r->row == 3);
    CHECK_STR(r->level2, "审核信息");
    CHECK(r->channels == BIT(CHANNEL_NOTICEBOARD)); /* 村公示栏, a short form */
    CHECK(r->audience == AUDIENCE_GROUP);
    CHECK(r->mode == (MODE_ACTIVE | MODE_ON_REQUEST));
    CHECK(r->levels == LEVEL_VILLAGE);
    CHECK(r->url == NULL);
    CHECK(r->doc_ids.count == 0 && r->aliases.count == 0);

    r = &c->rows[2];
    CHECK(r->row == 4);
    CHECK_STR(r->area, "养老服务");
    CHECK(r->channels == (BIT(CHANNEL_WEBSITE) | BIT(CHANNEL_SERVICEHALL))); /* ■ chosen, □ not */
    CHECK(r->levels == LEVEL_TOWNSHIP);
    CHECK(r->aliases.count == 1);
}

static void test_basic(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_fixture("basic.csv", &c, &d);
    CHECK(d.count == 0);
    check_basic_rows(&c);
    catalog_free(&c);
    diag_clear(&d);
}

static void test_bom_crlf(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_fixture("bom_crlf.csv", &c, &d);
    CHECK(d.count == 0);
    check_basic_rows(&c);
    for (size_t i = 0; i < c.count; i++) {
        CHECK(strchr(c.rows[i].subject, '\r') == NULL);
        CHECK(c.rows[i].aliases.count == 0 || strchr(c.rows[i].aliases.items[0], '\r') == NULL);
    }
    catalog_free(&c);
    diag_clear(&d);

    /* catalog_parse drops a BOM itself too, so the first header (序号) is still recognised. */
    size_t len = 0;
    char *text = read_fixture("basic.csv", &len, &d);
    char *with_bom = malloc(len + 4);
    memcpy(with_bom, "\xEF\xBB\xBF", 3);
    memcpy(with_bom + 3, text, len + 1);
    catalog_parse(with_bom, len + 3, "bom.csv", NULL, &c, &d);
    CHECK(d.count == 0);
    check_basic_rows(&c);
    free(text);
    free(with_bom);
    catalog_free(&c);
    diag_clear(&d);
}

/* A file read to text equal to basic.csv's, with one warning naming the encoding. */
static void check_converted(const char *name, const char *encoding_word)
{
    diag_list_t d = {0};
    size_t ref_len = 0, len = 0;
    char *ref = read_fixture("basic.csv", &ref_len, &d);
    CHECK(d.count == 0);
    char *text = read_fixture(name, &len, &d);
    CHECK(text && len == ref_len && memcmp(text, ref, len) == 0);
    CHECK(d.count == 1 && count_level(&d, DIAG_WARNING) == 1);
    CHECK(find_diag(&d, DIAG_WARNING, 0, NULL, encoding_word) != NULL);
    CHECK(find_diag(&d, DIAG_WARNING, 0, NULL, "CSV UTF-8") != NULL); /* how to re-save, for a .csv */
    CHECK(d.count == 0 || strcmp(d.items[0].file, name) == 0);
    catalog_t c = {0};
    diag_clear(&d);
    if (text)
        catalog_parse(text, len, name, NULL, &c, &d);
    CHECK(d.count == 0);
    check_basic_rows(&c);
    catalog_free(&c);
    free(ref);
    free(text);
    diag_clear(&d);
}

static void test_gbk(void)
{
    check_converted("gbk.csv", "GBK/GB18030");
}

static void test_utf16(void)
{
    check_converted("utf16.csv", "UTF-16");
}

static void test_not_gbk_either(void)
{
    diag_list_t d = {0};
    size_t len = 0;
    /* Latin-1 "café" on line 3: neither UTF-8 nor GB18030. */
    char *text = read_fixture("latin1.csv", &len, &d);
    CHECK(text != NULL);
    CHECK(d.errors == 1);
    CHECK(find_diag(&d, DIAG_ERROR, 3, NULL, "neither UTF-8") != NULL);
    CHECK(find_diag(&d, DIAG_ERROR, 3, NULL, "CSV UTF-8") != NULL);
    CHECK(text && utf8_valid(text, len, NULL));
    CHECK(text && strcmp(text, "a,b,c\nd,e,f\ncaf\xEF\xBF\xBD,\xEF\xBF\xBD\n") == 0);
    free(text);
    diag_clear(&d);

    /* A GBK file with a byte that is not GBK on line 3: the message names that line too. */
    text = read_fixture("gbk_bad.csv", &len, &d);
    CHECK(d.errors == 1);
    CHECK(find_diag(&d, DIAG_ERROR, 1, NULL, "not GBK at line 3") != NULL);
    CHECK(text && utf8_valid(text, len, NULL));
    free(text);
    diag_clear(&d);
}

/* A UTF-8 file with a truncated character that GB18030 would happen to accept (as mojibake): it is reported as
 * damaged UTF-8 on its line, not converted. */
static void test_damaged_utf8_not_taken_for_gbk(void)
{
    diag_list_t d = {0};
    size_t len = 0;
    char *text = read_fixture("damaged_utf8.csv", &len, &d);
    CHECK(count_level(&d, DIAG_WARNING) == 0);
    CHECK(find_diag(&d, DIAG_ERROR, 3, NULL, "invalid UTF-8") != NULL);
    CHECK(text && strstr(text, "社会救助") != NULL && strstr(text, "低保\xEF\xBF\xBD") != NULL);
    free(text);
    diag_clear(&d);
}

static void test_unreadable(void)
{
    diag_list_t d = {0};
    size_t len = 1;
    char *text = src_read_text(FIXTURE_DIR "no-such-file.csv", "catalog.csv", &len, &d);
    CHECK(text == NULL && len == 0);
    CHECK(find_diag(&d, DIAG_ERROR, 0, NULL, "cannot read") != NULL);
    diag_clear(&d);
}

static void test_quoted(const char *name)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_fixture(name, &c, &d);
    CHECK(c.count == 3);
    if (c.count == 3) {
        CHECK(c.rows[0].row == 2);
        CHECK_STR(c.rows[0].content, "办理事项\n办理条件\n申请材料"); /* CRLF inside the quotes too becomes \n */
        CHECK_STR(c.rows[0].time_limit, "信息形成或者变更之日起20个工作日内");
        CHECK(c.rows[0].channels == (BIT(CHANNEL_WEBSITE) | BIT(CHANNEL_NEWMEDIA)));
        CHECK(c.rows[1].row == 3); /* Excel row 3: the record spanning text lines 2–4 is row 2 */
        CHECK_STR(c.rows[1].content, "内容含\"引号\"和,逗号");
        CHECK(c.rows[2].row == 4);
    }
    /* The one problem: the empty 公开依据 on line 6, not 4 or 2. */
    CHECK(d.count == 1);
    CHECK(find_diag(&d, DIAG_ERROR, 4, "公开依据", "公开依据") != NULL);
    catalog_free(&c);
    diag_clear(&d);
}

static void test_two_row_header(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    /* A title row, then 公开事项 over two columns named on the next row; a header cell with a line break
     * (公开内容\n（要素）), one with a full-width space (公开　依据) and one with spaces around it. */
    parse_fixture("two_row_header.csv", &c, &d);
    CHECK(d.count == 0);
    CHECK(c.count == 2);
    if (c.count == 2) {
        CHECK(c.rows[0].row == 4); /* the header cell 公开内容\n（要素） spans two text lines, one row */
        CHECK_STR(c.rows[0].level1, "最低生活保障");
        CHECK_STR(c.rows[0].level2, "办事指南");
        CHECK_STR(c.rows[0].content, "办理事项");
        CHECK_STR(c.rows[0].basis, "《社会救助暂行办法》");
        CHECK_STR(c.rows[0].time_limit, "10个工作日内");
        CHECK(c.rows[0].levels == (LEVEL_COUNTY | LEVEL_TOWNSHIP | LEVEL_VILLAGE)); /* 县、乡、村级 */
        CHECK(c.rows[1].row == 5);
        CHECK(c.rows[1].levels == (LEVEL_TOWNSHIP | LEVEL_VILLAGE)); /* 乡村级 */
        CHECK(c.rows[1].channels == BIT(CHANNEL_NOTICEBOARD));       /* 公示栏 */
    }
    catalog_free(&c);
    diag_clear(&d);

    /* 公开事项 not split at all: the missing columns say how to split it. */
    parse_string("领域,公开事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
                 "社会救助,最低生活保障,内容,依据,时限,主体,政府网站,全社会,主动,县级\n",
                 &c, &d);
    CHECK(find_diag(&d, DIAG_ERROR, 1, "一级事项", "split") != NULL);
    CHECK(find_diag(&d, DIAG_ERROR, 1, "二级事项", "split") != NULL);
    CHECK(d.count == 2); /* and no "unknown column" warning for 公开事项 */
    CHECK(c.count == 0);
    catalog_free(&c);
    diag_clear(&d);
}

static void test_reordered(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_fixture("reordered.csv", &c, &d);
    CHECK(d.errors == 0);
    CHECK(d.count == 1);
    const diag_t *unk = find_diag(&d, DIAG_WARNING, 1, "备注", "unknown column");
    CHECK(unk && unk->col == 6); /* column G */
    CHECK(c.count == 1);
    if (c.count == 1) {
        const catalog_row_t *r = &c.rows[0];
        CHECK_STR(r->area, "就业"); /* 公开领域 */
        CHECK_STR(r->level1, "就业创业证申领");
        CHECK_STR(r->level2, "办事指南");
        CHECK_STR(r->content, "办理条件、申请材料"); /* 公开内容 */
        CHECK(r->levels == LEVEL_COUNTY);
        CHECK(r->mode == MODE_ON_REQUEST);
        CHECK_STR(r->url, "https://xinfeng.example/jiuye"); /* 网址 */
        CHECK(r->aliases.count == 2);                       /* 关键词 */
        if (r->aliases.count == 2)
            CHECK_STR(r->aliases.items[1], "就业证");
    }
    catalog_free(&c);
    diag_clear(&d);
}

static void test_missing_column(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_fixture("missing_column.csv", &c, &d);
    CHECK(d.errors == 1);
    const diag_t *e = find_diag(&d, DIAG_ERROR, 1, "公开依据", "no 公开依据 column");
    CHECK(e != NULL);
    CHECK(e && strstr(e->msg, "序号、领域、一级事项、二级事项、公开内容（要素）、公开时限") != NULL);
    CHECK(c.count == 1); /* the other checks still run on the rows */
    catalog_free(&c);
    diag_clear(&d);

    parse_string("", &c, &d);
    CHECK(find_diag(&d, DIAG_ERROR, 0, NULL, "no header row") != NULL);
    catalog_free(&c);
    diag_clear(&d);

    /* Tab-separated (Excel's "Unicode 文本"): one header cell; the error says the file is not comma-separated. */
    parse_string("领域\t一级事项\t二级事项\n", &c, &d);
    CHECK(d.count == 1 && find_diag(&d, DIAG_ERROR, 1, NULL, "tabs, so the file is not comma-separated") != NULL);
    catalog_free(&c);
    diag_clear(&d);
}

static void test_empty_rows(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_fixture("empty_rows.csv", &c, &d);
    CHECK(d.count == 0);
    CHECK(c.count == 2);
    if (c.count == 2) {
        CHECK(c.rows[0].row == 4);
        CHECK(c.rows[1].row == 7);
        CHECK_STR(c.rows[1].level1, "临时救助");
    }
    catalog_free(&c);
    diag_clear(&d);
}

static void test_missing_cell(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_fixture("missing_cell.csv", &c, &d);
    CHECK(d.errors == 3);
    CHECK(find_diag(&d, DIAG_ERROR, 3, "公开时限", "fill in 公开时限") != NULL);
    CHECK(find_diag(&d, DIAG_ERROR, 3, "公开对象", "fill in 公开对象") != NULL);
    CHECK(find_diag(&d, DIAG_ERROR, 4, "一级事项", "merged cell") != NULL);
    CHECK(c.count == 2); /* line 3 is kept (it has its names), line 4 is not */
    if (c.count == 2) {
        CHECK(c.rows[1].row == 3);
        CHECK_STR(c.rows[1].time_limit, "");
    }
    /* diag_print shows file:line: field: message. */
    FILE *f = tmpfile();
    char buf[1024] = "";
    if (f) {
        diag_sort(&d);
        diag_print(&d, f);
        rewind(f);
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
    }
    CHECK(strstr(buf, "missing_cell.csv F3: 公开时限: ") != NULL);
    CHECK(strstr(buf, "missing_cell.csv B4: 一级事项: ") != NULL);
    catalog_free(&c);
    diag_clear(&d);
}

static void test_channels_and_values(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_fixture("channels.csv", &c, &d);
    CHECK(c.count == 6); /* value errors do not drop a row */
    const diag_t *e = find_diag(&d, DIAG_ERROR, 2, "公开渠道和载体", "\"政府网\"");
    CHECK(e != NULL);
    CHECK(e && strstr(e->msg, "政府网站、政府公报") && strstr(e->msg, "12345政务服务热线"));
    CHECK(find_diag(&d, DIAG_ERROR, 5, "公开渠道和载体", "nothing is chosen") != NULL);
    CHECK(find_diag(&d, DIAG_ERROR, 7, "公开对象", "\"大众\"") != NULL);
    CHECK(find_diag(&d, DIAG_ERROR, 7, "公开方式", "\"被动\"") != NULL);
    CHECK(find_diag(&d, DIAG_ERROR, 7, "公开层级", "\"省级\"") != NULL);
    CHECK(d.errors == 5);
    if (c.count == 6) {
        CHECK(c.rows[0].channels == BIT(CHANNEL_WEBSITE)); /* the known one still counts */
        CHECK(c.rows[1].channels == (BIT(CHANNEL_WEBSITE) | BIT(CHANNEL_NOTICEBOARD)));
        CHECK(c.rows[2].channels == (BIT(CHANNEL_NOTICEBOARD) | BIT(CHANNEL_PRESSCONF) | BIT(CHANNEL_ONSITE)));
        CHECK(c.rows[3].channels == 0);
        CHECK(c.rows[4].channels == BIT(CHANNEL_HOTLINE));
        CHECK(c.rows[4].audience == (AUDIENCE_PUBLIC | AUDIENCE_GROUP));
        CHECK(c.rows[4].mode == (MODE_ACTIVE | MODE_ON_REQUEST));
        CHECK(c.rows[4].levels == (LEVEL_TOWNSHIP | LEVEL_VILLAGE));
        CHECK(c.rows[5].channels == BIT(CHANNEL_OTHER));
    }
    catalog_free(&c);
    diag_clear(&d);
}

static void test_unterminated_quote(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_fixture("unterminated.csv", &c, &d);
    CHECK(d.errors == 1); /* no flood of empty-cell errors for the swallowed row */
    CHECK(find_diag(&d, DIAG_ERROR, 3, NULL, "closing quote is missing") != NULL);
    CHECK(c.count >= 1 && c.rows[0].row == 2);
    catalog_free(&c);
    diag_clear(&d);

    /* Text after a closing quote: reported on its line, with the line where the cell began. */
    parse_string(
        "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
        "社会救助,甲,乙,\"多行\n内容\"以后,依据,时限,主体,政府网站,全社会,主动,县级\n",
        &c, &d);
    CHECK(find_diag(&d, DIAG_ERROR, 2, NULL, "began in row 2") != NULL); /* one row in Excel */
    catalog_free(&c);
    diag_clear(&d);

    /* A quote inside an unquoted cell is a character, as in Excel. */
    parse_string(
        "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
        "社会救助,甲,乙,内容\"x\",依据,时限,主体,政府网站,全社会,主动,县级\n",
        &c, &d);
    CHECK(d.count == 0);
    CHECK(c.count == 1 && strcmp(c.rows[0].content, "内容\"x\"") == 0);
    catalog_free(&c);
    diag_clear(&d);
}

static void test_header_variants(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    /* A repeated header (two sheets pasted one under the other) and a column with data but no header. */
    parse_string(
        "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级,\n"
        "社会救助,甲,乙,内容,依据,时限,主体,政府网站,全社会,主动,县级,\n"
        "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级,\n"
        "就业,丙,丁,内容,依据,时限,主体,政府网站,全社会,主动,县级,备注\n",
        &c, &d);
    CHECK(d.errors == 0);
    CHECK(find_diag(&d, DIAG_WARNING, 3, NULL, "repeats the header") != NULL);
    CHECK(find_diag(&d, DIAG_WARNING, 4, NULL, "column L has no header") != NULL);
    CHECK(c.count == 2);
    if (c.count == 2) {
        CHECK_STR(c.rows[0].area, "社会救助"); /* file order */
        CHECK_STR(c.rows[1].area, "就业");
        CHECK(c.rows[1].row == 4);
    }
    catalog_free(&c);
    diag_clear(&d);

    /* A name wrapped by hand inside its cell is joined; free text keeps its line break. */
    parse_string(
        "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\r\n"
        "社会救助,\"最低生活\r\n保障\",办事指南,\"甲\r\n乙　\",依据,时限,主体,政府网站,全社会,主动,县级\r\n",
        &c, &d);
    CHECK(d.count == 0);
    CHECK(c.count == 1);
    if (c.count == 1) {
        CHECK_STR(c.rows[0].level1, "最低生活保障");
        CHECK_STR(c.rows[0].content, "甲\n乙"); /* trailing full-width space trimmed */
    }
    catalog_free(&c);
    diag_clear(&d);
}

/* Invalid UTF-8 given straight to catalog_parse is an error on its line, and every stored string is valid. */
static void test_invalid_utf8_in_parse(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_string(
        "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
        "社会救助,甲,乙,内容,依据,时限,主体,政府网站,全社会,主动,县级\n"
        "社会救助,丙\xC3,丁,内\xFF容,依据,时限,主体,政府网站,全社会,主动,县级\n",
        &c, &d);
    CHECK(d.errors == 1);
    CHECK(find_diag(&d, DIAG_ERROR, 3, NULL, "not UTF-8") != NULL);
    CHECK(c.count == 2 && rows_valid_utf8(&c));
    catalog_free(&c);
    diag_clear(&d);
}

/* No input crashes the parser (ASan/UBSan build): every prefix of every fixture, and pseudo-random bytes. */
static void test_never_crashes(void)
{
    static const char *const names[] = {"basic.csv",    "quoted.csv",       "two_row_header.csv",
                                        "channels.csv", "unterminated.csv", "damaged_utf8.csv",
                                        "gbk.csv"};
    int all_valid = 1;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        char path[256];
        snprintf(path, sizeof path, FIXTURE_DIR "%s", names[k]);
        FILE *f = fopen(path, "rb");
        CHECK(f != NULL);
        if (!f)
            continue;
        char raw[4096];
        size_t n = fread(raw, 1, sizeof raw, f);
        fclose(f);
        for (size_t len = 0; len <= n; len++) {
            catalog_t c = {0};
            diag_list_t d = {0};
            catalog_parse(raw, len, names[k], NULL, &c, &d);
            all_valid &= rows_valid_utf8(&c);
            catalog_free(&c);
            diag_clear(&d);
        }
    }
    /* Random rows under a valid header, so that rows, not just headers, get built from garbage. */
    static const char header[] = "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,"
                                 "公开方式,公开层级,关联文件,别名\n";
    unsigned x = 12345;
    char buf[1024];
    memcpy(buf, header, sizeof header - 1);
    for (int round = 0; round < 300; round++) {
        for (size_t i = sizeof header - 1; i < sizeof buf; i++) {
            x = x * 1103515245u + 12345u;
            /* Mostly CSV punctuation and high bytes, so quotes, separators and bad UTF-8 meet often. */
            static const char alphabet[] = ",,\"\n\r \xE6\xB0\x91\xFF\xC3\xA0"
                                           "a";
            buf[i] = (x >> 16) % 4 ? alphabet[(x >> 8) % (sizeof alphabet - 1)] : (char)(x >> 8);
        }
        catalog_t c = {0};
        diag_list_t d = {0};
        catalog_parse(buf, sizeof buf, "random.csv", NULL, &c, &d);
        all_valid &= rows_valid_utf8(&c);
        catalog_free(&c);
        diag_clear(&d);
    }
    CHECK(all_valid);
}

/* Regression: every header name a county uses for a column is read as that column (catalog.c columns[]): the
 * alternative names 事项领域, 公开渠道及载体 / 公开渠道 / 公开载体, 在线栏目 and 别名 were never tested, and a catalog
 * published with them would lose its area, channels or QR column — dropping one of the names fails here. */
static void test_header_synonyms(void)
{
    static const struct {
        const char *area, *channels, *url, *aliases;
    } heads[] = {
        {"事项领域", "公开渠道及载体", "在线栏目", "别名"},
        {"领域", "公开渠道", "码上知", "关键词"},
        {"公开领域", "公开载体", "网址", "别名"},
    };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        char text[1024];
        snprintf(
            text, sizeof text,
            "%s,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,%s,公开对象,公开方式,公开层级,%s,%s\n"
            "社会救助,最低生活保障,办事指南,办理条件,《社会救助暂行办法》,20个工作日内,县民政局,政府网站、村公示栏,"
            "全社会,主动,县级,https://xinfeng.example/dibao,低保、吃低保\n",
            heads[i].area, heads[i].channels, heads[i].url, heads[i].aliases);
        catalog_t c = {0};
        diag_list_t d = {0};
        parse_string(text, &c, &d);
        CHECK(d.errors == 0);
        CHECK(find_diag(&d, DIAG_WARNING, -1, NULL, "unknown column") == NULL);
        CHECK(c.count == 1);
        if (c.count == 1) {
            const catalog_row_t *r = &c.rows[0];
            CHECK_STR(r->area, "社会救助");
            CHECK(r->channels == (BIT(CHANNEL_WEBSITE) | BIT(CHANNEL_NOTICEBOARD)));
            CHECK_STR(r->url, "https://xinfeng.example/dibao");
            CHECK(r->aliases.count == 2);
        }
        catalog_free(&c);
        diag_clear(&d);
    }
}

/* Regression: a single table with a 领域 column under a title row that names one area ("社会救助领域…目录", as a
 * county exports one area's part of a whole-county sheet): the title and the blank row are skipped, the header is
 * found under them, and every row keeps the area of its own 领域 cell — the title's area is not put on the 就业 row.
 * Without the title-row leniency the header is not found and nothing is read. */
static void test_title_row_over_area_column(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_string(
        "信丰县社会救助领域基层政务公开标准目录,,,,,,,,,,,\n"
        ",,,,,,,,,,,\n"
        "序号,领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,"
        "公开层级\n"
        "1,社会救助,最低生活保障,办事指南,办理条件,依据,时限,主体,政府网站,全社会,主动,县级\n"
        "2,就业,就业创业证申领,办事指南,办理条件,依据,时限,主体,政府网站,全社会,主动,县级\n",
        &c, &d);
    CHECK(d.errors == 0);
    CHECK(c.count == 2);
    if (c.count == 2) {
        CHECK_STR(c.rows[0].area, "社会救助");
        CHECK(c.rows[0].row == 4);
        CHECK_STR(c.rows[1].area, "就业");
        CHECK(c.rows[1].row == 5);
    }
    catalog_free(&c);
    diag_clear(&d);
}

/* Bug (walked as a staffer): county catalogs write 同上 (as above) in 公开依据, 公开主体 and the like; it went into
 * the kiosk as "公开依据：同上", under an item shown on its own.  It is read as the same column of the row above,
 * with a warning showing that text; 同上 with nothing above it is an error at its cell. */
static void test_ditto(void)
{
    catalog_t c = {0};
    diag_list_t d = {0};
    parse_string("序号,领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,"
                 "公开方式,公开层级\n"
                 "1,社会救助,最低生活保障,办事指南,办理条件,《社会救助暂行办法》,20个工作日内,县民政局,政府网站,全社会,"
                 "主动,县级\n"
                 "2,社会救助,最低生活保障,审核信息,名单,同上,同上。,乡镇政府,政府网站,全社会,主动,县级\n",
                 &c, &d);
    CHECK(d.errors == 0);
    CHECK(c.count == 2);
    if (c.count == 2) {
        CHECK_STR(c.rows[1].basis, "《社会救助暂行办法》");
        CHECK_STR(c.rows[1].time_limit, "20个工作日内");
        CHECK_STR(c.rows[1].subject, "乡镇政府");
    }
    CHECK(
        find_diag(&d, DIAG_WARNING, 3, "公开依据", "'同上' is read as the text of row 2 above: 《社会救助暂行办法》"));
    CHECK(find_diag(&d, DIAG_WARNING, 3, "公开时限", "'同上' is read as the text of row 2 above: 20个工作日内"));
    catalog_free(&c);
    diag_clear(&d);

    parse_string("领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,"
                 "公开层级\n社会救助,最低生活保障,办事指南,办理条件,同上,时限,主体,政府网站,全社会,主动,县级\n",
                 &c, &d);
    CHECK(d.errors == 1);
    CHECK(find_diag(&d, DIAG_ERROR, 2, "公开依据", "there is no item above it"));
    CHECK(c.count == 0);
    catalog_free(&c);
    diag_clear(&d);
}

int main(void)
{
    test_basic();
    test_bom_crlf();
    test_gbk();
    test_utf16();
    test_not_gbk_either();
    test_damaged_utf8_not_taken_for_gbk();
    test_unreadable();
    test_quoted("quoted.csv");
    test_quoted("quoted_crlf.csv");
    test_two_row_header();
    test_reordered();
    test_missing_column();
    test_empty_rows();
    test_missing_cell();
    test_channels_and_values();
    test_unterminated_quote();
    test_header_variants();
    test_invalid_utf8_in_parse();
    test_never_crashes();
    test_header_synonyms();
    test_title_row_over_area_column();
    test_ditto();
    catalog_free(NULL);
    return check_summary("test_catalog");
}
