/* test_doc.c — document files into doc_t: front matter, body blocks, 简明问答, tails, and the problems reported.
 *
 * Fixtures are in data/docs/ (the working directory is tests/).  Problems are checked as diag_print writes them
 * ("file:line: field: message"), so a test fails when a line number, a field name or a message changes. */
#include "author/model.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* Parses data/docs/NAME as "docs/NAME". */
static doc_t *parse_fixture(const char *name, diag_list_t *d)
{
    char path[256], display[256];
    size_t len = 0;
    snprintf(path, sizeof path, "data/docs/%s", name);
    snprintf(display, sizeof display, "docs/%s", name);
    char *text = slurp(path, &len);
    CHECK(text != NULL);
    if (!text)
        return NULL;
    doc_t *doc = doc_parse(text, len, display, d);
    free(text);
    return doc;
}

static doc_t *parse_string(const char *text, diag_list_t *d)
{
    return doc_parse(text, strlen(text), "x.md", d);
}

/* Everything in d as diag_print writes it. */
static char *diag_text(const diag_list_t *d)
{
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    diag_print(d, f);
    fclose(f);
    return out;
}

/* True when some printed problem line starts with prefix. */
static int has_diag(const diag_list_t *d, const char *prefix)
{
    char *all = diag_text(d);
    int found = 0;
    for (char *line = all; line && *line && !found;) {
        found = !strncmp(line, prefix, strlen(prefix));
        char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : NULL;
    }
    if (!found)
        fprintf(stderr, "  no problem starts with \"%s\"; reported:\n%s", prefix, all);
    free(all);
    return found;
}

/* The span of block b whose text starts at the first occurrence of after+skip bytes, of the given style. */
static int has_span(const block_t *b, const char *context, size_t skip, const char *inner, int style)
{
    const char *at = strstr(b->text, context);
    if (!at)
        return 0;
    size_t start = (size_t)(at - b->text) + skip, end = start + strlen(inner);
    for (size_t i = 0; i < b->nspans; i++)
        if (b->spans[i].start == start && b->spans[i].end == end && b->spans[i].style == style)
            return 1;
    return 0;
}

static void test_policy(void)
{
    diag_list_t d = {0};
    doc_t *doc = parse_fixture("policy.md", &d);
    CHECK(doc != NULL);
    CHECK(d.count == 0);
    if (!doc)
        return;
    CHECK_STR(doc->file, "docs/policy.md");
    CHECK(doc->line == 2);
    CHECK(doc->type == DOC_POLICY);
    CHECK_STR(doc->id, "xf-2024-zwgk-plan");
    CHECK_STR(doc->title, "信丰县2024年政务公开工作方案");
    CHECK_STR(doc->publish_date, "2024-03-15");
    CHECK_STR(doc->issuer, "信丰县人民政府办公室");
    CHECK_STR(doc->doc_number, "信府办字〔2024〕15号");
    CHECK(doc->validity == VALIDITY_CURRENT);
    CHECK_STR(doc->valid_until, "2026-12-31");
    CHECK_STR(doc->area, "政务公开");
    CHECK(doc->line_area == 10);
    CHECK_STR(doc->url, "https://xinfeng.example/zwgk/2024-15");
    CHECK(doc->line_url == 11);
    CHECK(doc->keywords.count == 2);
    if (doc->keywords.count == 2) {
        CHECK_STR(doc->keywords.items[0], "政务公开");
        CHECK_STR(doc->keywords.items[1], "工作方案");
    }
    CHECK(doc->guides.count == 2);
    CHECK(doc->line_guides == 13);
    if (doc->guides.count == 2)
        CHECK_STR(doc->guides.items[1], "xf-yiliao-guide");
    CHECK_STR(doc->summary, "明确2024年全县政务公开工作的目标和任务。");

    CHECK(doc->nblocks == 10);
    if (doc->nblocks == 10) {
        block_t *b = doc->blocks;
        CHECK(b[0].kind == BLOCK_HEADING && b[0].level == 1 && b[0].line == 18);
        CHECK_STR(b[0].text, "信丰县2024年政务公开工作方案");
        /* CJK soft breaks join without a space; strong and emphasis are byte ranges of the joined text. */
        CHECK(b[1].kind == BLOCK_PARAGRAPH && b[1].line == 20);
        CHECK_STR(b[1].text,
                  "为深入贯彻落实政务公开工作要求，进一步提升政务公开质量和实效，结合我县实际，制定本方案。");
        CHECK(b[1].nspans == 2);
        CHECK(has_span(&b[1], "提升政务公开", strlen("提升"), "政务公开", SPAN_STRONG));
        CHECK(has_span(&b[1], "实效", 0, "实效", SPAN_EMPH));
        CHECK(b[2].kind == BLOCK_HEADING && b[2].level == 2 && b[2].line == 24);
        /* The standard tail moves to lead/resp; the nested （镇） does not end it early. */
        CHECK(b[3].kind == BLOCK_LIST_ITEM && b[3].level == 1 && b[3].ordered && b[3].number == 1);
        CHECK(b[3].line == 26);
        CHECK_STR(b[3].text, "深化政策解读。");
        CHECK_STR(b[3].lead, "县工信局、县发改委");
        CHECK_STR(b[3].resp, "各乡（镇）人民政府、县政府有关部门");
        CHECK(b[4].kind == BLOCK_LIST_ITEM && b[4].level == 1 && b[4].number == 2 && b[4].line == 27);
        CHECK_STR(b[4].text, "优化专区建设");
        CHECK(b[5].kind == BLOCK_LIST_ITEM && b[5].level == 2 && !b[5].ordered && b[5].line == 28);
        CHECK_STR(b[5].text, "统一标识");
        CHECK(b[6].kind == BLOCK_LIST_ITEM && b[6].level == 2 && b[6].line == 29);
        CHECK_STR(b[6].text, "完善 open government data"); /* Latin words keep a space */
        CHECK(b[7].kind == BLOCK_LIST_ITEM && b[7].level == 1 && b[7].number == 3 && b[7].line == 31);
        CHECK_STR(b[7].text, "加强监督考核。");
        CHECK(b[7].lead == NULL);
        CHECK_STR(b[7].resp, "县政务公开办");
        CHECK(b[8].kind == BLOCK_TABLE && b[8].rows == 3 && b[8].cols == 2 && b[8].line == 33);
        CHECK(b[8].text == NULL);
        if (b[8].cells && b[8].rows == 3 && b[8].cols == 2) {
            CHECK_STR(b[8].cells[0], "任务");
            CHECK_STR(b[8].cells[1], "完成时限");
            CHECK_STR(b[8].cells[2], "专区建设");
            CHECK_STR(b[8].cells[5], "2024-12-31");
        }
        /* Half-width brackets, colons and semicolon are accepted too. */
        CHECK(b[9].kind == BLOCK_PARAGRAPH && b[9].line == 38);
        CHECK_STR(b[9].text, "请各单位认真抓好落实。");
        CHECK_STR(b[9].lead, "县政府办");
        CHECK_STR(b[9].resp, "各相关单位");
    }
    doc_free(doc);
    diag_clear(&d);
}

static void test_interpretation(void)
{
    diag_list_t d = {0};
    doc_t *doc = parse_fixture("interpretation.md", &d);
    CHECK(doc != NULL);
    CHECK(d.count == 0);
    if (!doc)
        return;
    CHECK(doc->type == DOC_INTERPRETATION);
    CHECK_STR(doc->interprets, "xf-2024-zwgk-plan");
    CHECK(doc->line_interprets == 6);
    CHECK_STR(doc->unit, "信丰县人民政府办公室");
    CHECK_STR(doc->interpreter, "张三");
    /* Sections stay as level-2 headings; the questions and answers leave the blocks. */
    const char *want[] = {"背景依据", "根据上级要求制定。", "主要内容", "方案共分五个部分。", "简明问答", "附件",
                          "无。"};
    CHECK(doc->nblocks == 7);
    for (size_t i = 0; i < doc->nblocks && i < 7; i++)
        CHECK_STR(doc->blocks[i].text, want[i]);
    if (doc->nblocks == 7) {
        CHECK(doc->blocks[4].kind == BLOCK_HEADING && doc->blocks[4].level == 2 && doc->blocks[4].line == 18);
        CHECK(doc->blocks[5].line == 32);
    }
    CHECK(doc->nqas == 2);
    if (doc->nqas == 2) {
        CHECK_STR(doc->qas[0].question, "什么是政务公开专区？");
        CHECK_STR(doc->qas[0].answer, "设在政务服务中心和便民服务中心的信息公开场所。\n可以现场查阅政府信息。");
        CHECK_STR(doc->qas[1].question, "专区提供哪些服务？");
        CHECK_STR(doc->qas[1].answer, "1. 政府信息查询\n2. 政策咨询");
    }
    doc_free(doc);
    diag_clear(&d);

    /* No 简明问答 at all, and a question without an answer. */
    doc = parse_string("---\nid: jd\ntype: interpretation\ntitle: t\npublish_date: 2024-01-01\ninterprets: p\nunit: u\n"
                       "---\n## 背景依据\n\n文字。\n",
                       &d);
    CHECK(doc != NULL && doc->nqas == 0 && doc->nblocks == 2 && d.count == 0);
    doc_free(doc);
    diag_clear(&d);
    doc = parse_string("---\nid: jd\ntype: interpretation\ntitle: t\npublish_date: 2024-01-01\ninterprets: p\nunit: u\n"
                       "---\n## 简明问答\n\n开头的话。\n\n### 问一？\n\n答一。\n\n### 问二？\n",
                       &d);
    CHECK(doc != NULL && doc->nqas == 2 && doc->nblocks == 1);
    CHECK(has_diag(&d, "x.md:11: 简明问答: warning: text before the first question is not shown"));
    CHECK(has_diag(&d, "x.md:17: 简明问答: the question '问二？' has no answer"));
    doc_free(doc);
    diag_clear(&d);
}

static void test_guide(void)
{
    diag_list_t d = {0};
    doc_t *doc = parse_fixture("guide.md", &d);
    CHECK(doc != NULL);
    CHECK(d.count == 0);
    if (!doc)
        return;
    CHECK(doc->type == DOC_GUIDE);
    CHECK_STR(doc->conditions, "具有本县户籍\n家庭人均收入低于当地低保标准");
    CHECK(doc->nmaterials == 2);
    if (doc->nmaterials == 2) {
        CHECK_STR(doc->materials[0].name, "户口簿");
        CHECK_STR(doc->materials[0].form, "原件和复印件");
        CHECK(doc->materials[0].count == 1);
        CHECK(doc->materials[0].note == NULL);
        CHECK_STR(doc->materials[1].name, "身份证");
        CHECK_STR(doc->materials[1].form, "复印件");
        CHECK(doc->materials[1].count == 2);
        CHECK_STR(doc->materials[1].note, "家庭成员每人一份");
    }
    CHECK(doc->nsteps == 2);
    if (doc->nsteps == 2) {
        CHECK_STR(doc->steps[0].title, "申请");
        CHECK_STR(doc->steps[1].detail, "乡（镇）人民政府调查核实");
    }
    CHECK_STR(doc->time_limit, "30个工作日");
    CHECK_STR(doc->fee, "不收费");
    CHECK_STR(doc->place, "各乡（镇）便民服务中心");
    CHECK_STR(doc->hours, "周一至周五 8:00-12:00，14:30-17:30");
    CHECK_STR(doc->phone, "0797-3322110");
    CHECK_STR(doc->complaint_phone, "12345");
    CHECK_STR(doc->service_url, "https://zwfw.example/dibao");
    CHECK(doc->line_service_url == 26);
    CHECK_STR(doc->scope, "本县户籍居民");
    CHECK(doc->nblocks == 1 && doc->blocks[0].line == 29);
    doc_free(doc);
    diag_clear(&d);
}

static void test_notice_project_consultation(void)
{
    diag_list_t d = {0};
    doc_t *doc = parse_fixture("notice.md", &d);
    CHECK(doc != NULL && d.count == 0);
    if (doc) {
        CHECK(doc->type == DOC_NOTICE);
        CHECK_STR(doc->issuer, "信丰县政务服务中心");
        /* A one-line keyword list is split at 、 and commas. */
        CHECK(doc->keywords.count == 3);
        if (doc->keywords.count == 3)
            CHECK_STR(doc->keywords.items[2], "政务服务中心");
    }
    doc_free(doc);
    diag_clear(&d);

    doc = parse_fixture("project.md", &d);
    CHECK(doc != NULL && d.count == 0);
    if (doc) {
        CHECK(doc->type == DOC_PROJECT);
        CHECK_STR(doc->target, "完成12个老旧小区改造");
        CHECK(doc->progress == 65);
        CHECK_STR(doc->lead_unit, "县住建局");
        CHECK(doc->status == PROJECT_IN_PROGRESS);
    }
    doc_free(doc);
    diag_clear(&d);

    doc = parse_fixture("consultation.md", &d);
    CHECK(doc != NULL && d.count == 0);
    if (doc) {
        CHECK(doc->type == DOC_CONSULTATION);
        CHECK_STR(doc->deadline, "2024-06-30");
        CHECK_STR(doc->respond, "通过电子邮件或信函提出意见");
        CHECK_STR(doc->respond_url, "https://xinfeng.example/zqyj/3");
        CHECK(doc->line_respond_url == 8);
    }
    doc_free(doc);
    diag_clear(&d);
}

static void test_front_matter_errors(void)
{
    diag_list_t d = {0};
    doc_t *doc = parse_fixture("bad_date.md", &d);
    CHECK(doc != NULL); /* a bad value is reported; the document is still usable by later checks */
    CHECK(d.errors == 1);
    CHECK(
        has_diag(&d, "docs/bad_date.md:5: publish_date: '2024-13-01' is not a date (YYYY-MM-DD, or 2024年7月12日)\n"));
    doc_free(doc);
    diag_clear(&d);

    doc = parse_fixture("missing_field.md", &d);
    CHECK(doc != NULL);
    CHECK(d.errors == 2);
    CHECK(has_diag(&d, "docs/missing_field.md:2: fee: missing: every guide (办事指南) needs `fee: …`"));
    CHECK(has_diag(&d, "docs/missing_field.md:2: phone: missing: every guide (办事指南) needs `phone: …`"));
    doc_free(doc);
    diag_clear(&d);

    doc = parse_fixture("unknown_type.md", &d);
    CHECK(doc == NULL);
    /* every type of the table, with its Chinese name (either is accepted) */
    CHECK(has_diag(&d, "docs/unknown_type.md:3: type: unknown type 'polcy': use one of policy (政策文件), "
                       "interpretation (政策解读), guide (办事指南), notice (通知公告), project (民生实事), "
                       "consultation (征求意见)"));
    diag_clear(&d);

    doc = parse_fixture("yaml_syntax.md", &d);
    CHECK(doc == NULL);
    CHECK(d.errors == 1);
    CHECK(has_diag(&d, "docs/yaml_syntax.md:4: front matter: YAML syntax error: a key without its ':'; write a "
                       "half-width ':' after the key, not '：'"));
    diag_clear(&d);

    doc = parse_fixture("unclosed.md", &d);
    CHECK(doc == NULL);
    CHECK(has_diag(&d, "docs/unclosed.md:1: front matter: the `---` on line 1 is never closed"));
    diag_clear(&d);

    doc = parse_fixture("no_frontmatter.md", &d);
    CHECK(doc == NULL);
    CHECK(has_diag(&d, "docs/no_frontmatter.md:1: front matter: the file must start with a `---` line"));
    diag_clear(&d);

    /* Every problem of a file in one pass, each at its own line. */
    doc = parse_fixture("many_errors.md", &d);
    CHECK(doc != NULL);
    CHECK(has_diag(&d, "docs/many_errors.md:2: id: 'XF_Bad' is not a valid id"));
    CHECK(has_diag(&d, "docs/many_errors.md:4: title: the value must be text, not a list"));
    CHECK(
        has_diag(&d, "docs/many_errors.md:5: publish_date: '2023-02-29' is not a date (YYYY-MM-DD, or 2024年7月12日)"));
    CHECK(has_diag(&d, "docs/many_errors.md:9: materials: item 1: form '复印' is not one of "
                       "原件、复印件、原件和复印件、原件核验、电子证照"));
    /* (line 10, count 0, is accepted since the forgiving rules: 0 = 免提交; see test_lenient) */
    CHECK(has_diag(&d, "docs/many_errors.md:11: materials: item 2 must be name: …, form: …, count: …"));
    CHECK(has_diag(&d, "docs/many_errors.md:12: steps: must be a list of `- title: …, detail: … (bring: …, where: … "
                       "optional)` items, not text"));
    CHECK(has_diag(&d, "docs/many_errors.md:19: colour: warning: unknown key, ignored (check the spelling; the keys "
                       "of a guide (办事指南) are: id, type, title,"));
    CHECK(has_diag(&d, "docs/many_errors.md:20: validity: warning: is not used in a guide (办事指南) and is ignored"));
    CHECK(has_diag(&d, "docs/many_errors.md:21: fee: appears twice (first on line 14): keep one of them"));
    CHECK(d.errors == 7);
    if (doc)
        CHECK(doc->nmaterials == 0 && doc->nsteps == 0);
    doc_free(doc);
    diag_clear(&d);
}

static void test_front_matter_values(void)
{
    diag_list_t d = {0};
    doc_t *doc = parse_string("---\nid: p\ntype: project\ntitle: \npublish_date: 2024-02-30\ntarget: t\n"
                              "progress: 150\nlead_unit: u\nstatus: 在建\n---\n",
                              &d);
    CHECK(doc != NULL);
    CHECK(has_diag(&d, "x.md:4: title: is empty: fill it in"));
    CHECK(has_diag(&d, "x.md:5: publish_date: '2024-02-30' is not a date (YYYY-MM-DD, or 2024年7月12日)"));
    CHECK(has_diag(&d, "x.md:7: progress: '150' is not a whole number from 0 to 100"));
    CHECK(has_diag(&d, "x.md:9: status: '在建' is not one of 未开工, 进行中, 已完成"));
    CHECK(d.errors == 4);
    doc_free(doc);
    diag_clear(&d);

    doc = parse_string("---\nid: p\ntype: policy\ntitle: t\npublish_date: 2024-02-29\nissuer: i\nvalidity: 有效\n---\n",
                       &d);
    CHECK(doc != NULL && d.errors == 1); /* 2024 is a leap year */
    CHECK(has_diag(&d, "x.md:7: validity: '有效' is not one of 现行有效, 已修改, 已废止"));
    doc_free(doc);
    diag_clear(&d);

    /* No type: the common fields are still checked; no document comes back. */
    doc = parse_string("---\nid: p\ntitle: t\n---\n", &d);
    CHECK(doc == NULL);
    CHECK(has_diag(&d, "x.md:2: type: missing: every document needs `type: …`"));
    CHECK(has_diag(&d, "x.md:2: publish_date: missing: every document needs `publish_date: …`"));
    CHECK(d.errors == 2);
    diag_clear(&d);

    /* An unclosed quote is reported where it opens, a tab where it is. */
    doc = parse_string("---\nid: p\ntype: notice\ntitle: \"abc\npublish_date: 2024-01-01\n---\n", &d);
    CHECK(doc == NULL);
    CHECK(has_diag(&d, "x.md:4: front matter: YAML syntax error: "));
    diag_clear(&d);
    doc = parse_string("---\nid: p\ntype: notice\n\ttitle: x\n---\n", &d);
    CHECK(doc == NULL);
    CHECK(has_diag(&d, "x.md:4: front matter: YAML syntax error: "));
    diag_clear(&d);
    doc = parse_string("---\n- a\n- b\n---\n", &d);
    CHECK(doc == NULL);
    CHECK(has_diag(&d, "x.md:2: front matter: must be `key: value` lines"));
    diag_clear(&d);
    doc = parse_string("---\n---\n", &d);
    CHECK(doc == NULL);
    CHECK(has_diag(&d, "x.md:1: id: missing"));
    diag_clear(&d);
}

/* Forgiving where the intent is obvious (docs/authoring.md "What is read leniently"): each case is accepted, normalised
 * and, where the staffer should learn the standard form, warned about with the normalised value. */
static void test_lenient(void)
{
    diag_list_t d = {0};
    doc_t *doc =
        parse_string("---\n"
                     "id: g\n"
                     "type: guide\n"
                     "title: 关于第3号 #补充通知的办事指南\n"  /* 4: '#' inside a title */
                     "publish_date: 2024年7月12日\n"           /* 5 */
                     "valid_until: 2024/7/1\n"                 /* 6: not a guide key */
                     "area:\xE3\x80\x80社会救助\xE3\x80\x80\n" /* 7: U+3000 after the colon and at the end */
                     "keywords:\n"
                     "\xE3\x80\x80\xE3\x80\x80- 低保，申请低保；救助\n" /* 9: U+3000 indentation, ，；in one item */
                     "conditions: c\n"
                     "materials:\n"
                     "  - {name: 身份证, form: 原件核验, count: 0}\n"     /* 12 */
                     "  - {name: 户口簿, form: 原件及复印件, count: 1}\n" /* 13 */
                     "  - {name: 营业执照, form: 电子证照, count: 0}\n"   /* 14 */
                     "steps:\n  - {title: 申请, detail: d}\n"
                     "time_limit: 2024-7-12\n"
                     "fee: f\nplace: p\nhours: h\nphone: 1\ncomplaint_phone: 2\n"
                     "---\n"
                     "第一段第一句。\n"
                     "第一段没有空行的第二段。\n"
                     "仍在第二段，\n"
                     "**加粗跨过句末。\n"
                     "加粗结束**的一段。”\n"
                     "English\nwrapped.\n",
                     &d);
    CHECK(doc != NULL);
    if (doc) {
        CHECK_STR(doc->title, "关于第3号 #补充通知的办事指南");
        CHECK_STR(doc->publish_date, "2024-07-12");
        CHECK_STR(doc->area, "社会救助");
        CHECK(doc->keywords.count == 3);
        if (doc->keywords.count == 3)
            CHECK_STR(doc->keywords.items[2], "救助");
        CHECK(doc->nmaterials == 3);
        if (doc->nmaterials == 3) {
            CHECK_STR(doc->materials[0].form, "原件核验");
            CHECK(doc->materials[0].count == 0);
            CHECK_STR(doc->materials[1].form, "原件和复印件");
            CHECK_STR(doc->materials[2].form, "电子证照");
        }
        CHECK_STR(doc->time_limit, "2024-7-12"); /* a text field, not a date: kept as written */
        /* 。 at a line's end starts a paragraph (pasted WPS text has no blank lines); ， does not */
        CHECK(doc->nblocks == 5);
        if (doc->nblocks == 5) {
            CHECK_STR(doc->blocks[0].text, "第一段第一句。");
            CHECK_STR(doc->blocks[1].text, "第一段没有空行的第二段。");
            CHECK_STR(doc->blocks[2].text, "仍在第二段，加粗跨过句末。");
            CHECK(doc->blocks[2].nspans == 1 && doc->blocks[2].spans[0].style == SPAN_STRONG);
            CHECK_STR(doc->blocks[3].text, "加粗结束的一段。”");
            CHECK(doc->blocks[3].nspans == 1 && doc->blocks[3].spans[0].start == 0);
            CHECK_STR(doc->blocks[4].text, "English wrapped.");
        }
    }
    CHECK(d.errors == 0);
    CHECK(has_diag(&d, "x.md:5: publish_date: warning: '2024年7月12日' is read as 2024-07-12"));
    CHECK(has_diag(&d, "x.md:7: front matter: warning: the line has full-width spaces (含有全角空格)"));
    CHECK(has_diag(&d, "x.md:9: front matter: warning: the line has full-width spaces (含有全角空格)"));
    CHECK(has_diag(&d, "x.md:13: materials: warning: item 2: form '原件及复印件' is read as 原件和复印件"));
    doc_free(doc);
    diag_clear(&d);

    /* A date that is no date stays an error, in any of the accepted shapes. */
    doc = parse_string("---\nid: n\ntype: notice\ntitle: t\npublish_date: 2024年2月30日\nissuer: i\n---\n", &d);
    CHECK(has_diag(&d, "x.md:5: publish_date: '2024年2月30日' is not a date"));
    doc_free(doc);
    diag_clear(&d);
}

static void test_tail_split(void)
{
    char text[] = "推进政务公开标准化。〔牵头单位：县工信局、县发改委；责任单位：各乡（镇）人民政府、县政府有关部门〕";
    char *lead, *resp;
    CHECK(tail_split(text, &lead, &resp) == 1);
    CHECK_STR(text, "推进政务公开标准化。");
    CHECK_STR(lead, "县工信局、县发改委");
    CHECK_STR(resp, "各乡（镇）人民政府、县政府有关部门");
    free(lead);
    free(resp);

    char half[] = "任务 〔牵头单位:县工信局; 责任单位:各乡镇〕  ";
    CHECK(tail_split(half, &lead, &resp) == 1);
    CHECK_STR(half, "任务");
    CHECK_STR(lead, "县工信局");
    CHECK_STR(resp, "各乡镇");
    free(lead);
    free(resp);

    char only_lead[] = "任务〔牵头单位：县工信局〕";
    CHECK(tail_split(only_lead, &lead, &resp) == 1);
    CHECK_STR(lead, "县工信局");
    CHECK(resp == NULL);
    free(lead);

    char only_resp[] = "任务（责任单位：各乡（镇）人民政府）";
    CHECK(tail_split(only_resp, &lead, &resp) == 1);
    CHECK_STR(only_resp, "任务");
    CHECK(lead == NULL);
    CHECK_STR(resp, "各乡（镇）人民政府");
    free(resp);

    char none[] = "由各乡（镇）人民政府负责（2024年）";
    CHECK(tail_split(none, &lead, &resp) == 0);
    CHECK_STR(none, "由各乡（镇）人民政府负责（2024年）");
    CHECK(lead == NULL && resp == NULL);
    char empty[] = "任务〔牵头单位：〕";
    CHECK(tail_split(empty, &lead, &resp) == 0);
}

#define HEAD "---\nid: n\ntype: notice\ntitle: t\npublish_date: 2024-01-01\nissuer: i\n---\n"

static void test_body_text(void)
{
    diag_list_t d = {0};
    doc_t *doc = parse_string(HEAD "政务\n公开\n\nopen\ngovernment\n\n2024年\n1月\n\n第\n**15号**文\n\n"
                                   "　　全角缩进的段落\n\n    四个空格缩进的段落\n\n##背景依据\n\n"
                                   "a &amp; b &#20013;&#x6587;\n",
                              &d);
    CHECK(doc != NULL && d.count == 0);
    const char *want[] = {"政务公开",       "open government",    "2024年1月", "第15号文",
                          "全角缩进的段落", "四个空格缩进的段落", "背景依据",  "a & b 中文"};
    CHECK(doc && doc->nblocks == 8);
    for (size_t i = 0; doc && i < doc->nblocks && i < 8; i++)
        CHECK_STR(doc->blocks[i].text, want[i]);
    if (doc && doc->nblocks == 8) {
        CHECK(doc->blocks[0].line == 8);
        CHECK(doc->blocks[2].line == 14);
        CHECK(doc->blocks[3].nspans == 1 && doc->blocks[3].spans[0].start == strlen("第") &&
              doc->blocks[3].spans[0].end == strlen("第15号"));
        CHECK(doc->blocks[4].line == 20);
        CHECK(doc->blocks[6].kind == BLOCK_HEADING && doc->blocks[6].level == 2);
    }
    doc_free(doc);
    diag_clear(&d);

    /* Spaces typed after Chinese punctuation go, in the body and in the title; Latin spacing and spaces after curly
     * quotes (English text shares them) stay, and a span after the dropped space still covers its words. */
    doc = parse_string("---\nid: p\ntype: notice\ntitle: 关于开放时间的通知。 附件\npublish_date: 2024-01-01\n"
                       "issuer: 信丰县\n---\n政务公开。 专区，　**每周**开放； \"ok\" “yes” now. Done\n",
                       &d);
    CHECK(doc && doc->nblocks == 1 && d.count == 0);
    if (doc && doc->nblocks == 1) {
        CHECK_STR(doc->title, "关于开放时间的通知。附件");
        CHECK_STR(doc->blocks[0].text, "政务公开。专区，每周开放；\"ok\" “yes” now. Done");
        CHECK(has_span(&doc->blocks[0], "每周", 0, "每周", SPAN_STRONG));
    }
    doc_free(doc);
    diag_clear(&d);

    /* A Latin soft break before bold: the space goes before the span, not into it. */
    doc = parse_string(HEAD "see\n**this** now\n", &d);
    CHECK(doc && doc->nblocks == 1);
    if (doc && doc->nblocks == 1) {
        CHECK_STR(doc->blocks[0].text, "see this now");
        CHECK(doc->blocks[0].nspans == 1 && doc->blocks[0].spans[0].start == 4 && doc->blocks[0].spans[0].end == 8);
    }
    doc_free(doc);
    diag_clear(&d);

    /* Bold that Markdown cannot see next to Chinese quotes is reported; images are left out with a warning. */
    doc = parse_string(HEAD "是**“低保”**。\n\n见下图：![流程图](flow.png)\n", &d);
    CHECK(has_diag(&d, "x.md:8: body: warning: '**' is shown as is, not as bold"));
    CHECK(has_diag(&d, "x.md:10: body: warning: the kiosk shows no images"));
    if (doc && doc->nblocks == 2)
        CHECK_STR(doc->blocks[1].text, "见下图：");
    doc_free(doc);
    diag_clear(&d);

    /* Loose list items join their paragraphs; a table with a short row is padded. */
    doc = parse_string(HEAD "- 第一段\n\n  第二段\n- 二\n\n| a | b |\n|---|---|\n| 1 |\n", &d);
    CHECK(doc && doc->nblocks == 3);
    if (doc && doc->nblocks == 3) {
        CHECK_STR(doc->blocks[0].text, "第一段\n第二段");
        CHECK(doc->blocks[1].level == 1 && !doc->blocks[1].ordered);
        CHECK(doc->blocks[2].rows == 2 && doc->blocks[2].cols == 2);
        CHECK_STR(doc->blocks[2].cells[3], "");
    }
    doc_free(doc);
    diag_clear(&d);
}

/* `::: 落款` … `:::` containers align what they hold (format 2); every misuse is reported at its line. */
static void test_containers(void)
{
    diag_list_t d = {0};
    doc_t *doc = parse_string(HEAD "正文第一段。\n\n::: 落款\n信丰县人民政府办公室\n2024年7月12日\n:::\n\n"
                                   "：：：\n\n:::顶格\n各乡（镇）人民政府，\n县政府有关部门：\n:::\n",
                              &d);
    CHECK(doc != NULL && d.count == 0);
    CHECK(doc && doc->nblocks == 4);
    if (doc && doc->nblocks == 4) {
        CHECK(doc->blocks[0].align == BLOCK_ALIGN_DEFAULT);
        CHECK_STR(doc->blocks[1].text, "信丰县人民政府办公室\n2024年7月12日"); /* a 落款 keeps its two lines */
        CHECK(doc->blocks[1].align == BLOCK_ALIGN_RIGHT && doc->blocks[1].line == 11);
        CHECK_STR(doc->blocks[2].text, "：：："); /* full-width colons are text */
        CHECK(doc->blocks[2].align == BLOCK_ALIGN_DEFAULT);
        CHECK_STR(doc->blocks[3].text, "各乡（镇）人民政府，县政府有关部门："); /* 顶格 flows as a paragraph */
        CHECK(doc->blocks[3].align == BLOCK_ALIGN_FLUSH);
    }
    doc_free(doc);
    diag_clear(&d);

    doc = parse_string(HEAD "::: 签名\n张三\n:::\n\n:::\n\n::: 落款\n::: 居中\n标题\n", &d);
    CHECK(doc != NULL);
    CHECK(has_diag(&d, "x.md:8: body: warning: '::: 签名' is not a container this tool knows"));
    CHECK(has_diag(&d, "x.md:12: body: warning: this ':::' closes no container"));
    CHECK(has_diag(&d, "x.md:15: body: '::: 居中' starts inside the container opened at line 14"));
    CHECK(has_diag(&d, "x.md:14: body: warning: this container is never closed"));
    if (doc && doc->nblocks == 2) {
        CHECK_STR(doc->blocks[0].text, "张三");
        CHECK(doc->blocks[0].align == BLOCK_ALIGN_DEFAULT);
        CHECK(doc->blocks[1].align == BLOCK_ALIGN_RIGHT);
    }
    CHECK(doc && doc->nblocks == 2);
    doc_free(doc);
    diag_clear(&d);
}

/* `readings:` and `replaced_by:` (format 2). */
static void test_readings(void)
{
    diag_list_t d = {0};
    doc_t *doc = parse_string("---\nid: x\ntype: policy\ntitle: t\npublish_date: 2024-01-01\nissuer: i\n"
                              "validity: 已废止\nreplaced_by: y\nreadings:\n  单县: shàn xiàn\n  曾: zeng1\n"
                              "  行长: háng\n  ABC: a b c\n  银行: yin2 hang2 x\n  重庆: chóng-qìng\n---\n正文\n",
                              &d);
    CHECK(doc != NULL);
    if (doc) {
        CHECK_STR(doc->replaced_by, "y");
        CHECK(doc->line_replaced_by == 8);
        CHECK(doc->nreadings == 2);
        if (doc->nreadings == 2) {
            CHECK_STR(doc->readings[0].word, "单县");
            CHECK_STR(doc->readings[1].pinyin, "zeng1");
        }
    }
    CHECK(has_diag(&d, "x.md:12: readings: 'háng' has 1 syllables but '行长' has 2 characters"));
    CHECK(has_diag(&d, "x.md:13: readings: 'ABC' is not a word of Chinese characters"));
    CHECK(has_diag(&d, "x.md:14: readings: 'yin2 hang2 x' has 3 syllables"));
    CHECK(has_diag(&d, "x.md:15: readings: 'chóng-qìng' is not pinyin"));
    doc_free(doc);
    diag_clear(&d);

    doc = parse_string("---\nid: x\ntype: notice\ntitle: t\npublish_date: 2024-01-01\nissuer: i\n"
                       "readings: 单县\n---\n正文\n",
                       &d);
    CHECK(has_diag(&d, "x.md:7: readings: must be a mapping of words to their pinyin"));
    doc_free(doc);
    diag_clear(&d);
}

static void test_invalid_bytes(void)
{
    diag_list_t d = {0};
    const char text[] = HEAD "正文\xff\xfe结束\n\n**粗\xc3**\n\n空\0字符\n";
    doc_t *doc = doc_parse(text, sizeof text - 1, "x.md", &d);
    CHECK(doc != NULL);
    CHECK(has_diag(&d, "x.md:8: invalid UTF-8"));
    if (doc && doc->nblocks == 3) {
        CHECK_STR(doc->blocks[0].text, "正文\xEF\xBF\xBD\xEF\xBF\xBD结束");
        CHECK_STR(doc->blocks[1].text, "粗\xEF\xBF\xBD");
        CHECK_STR(doc->blocks[2].text, "空\xEF\xBF\xBD字符");
    } else {
        CHECK(0);
    }
    doc_free(doc);
    diag_clear(&d);

    /* Bad bytes in the front matter, and every prefix of a real file: no crash, no leak (ASan). */
    const char bad_fm[] = "---\nid: b\ntype: notice\ntitle: \xc3\x28\npublish_date: 2024-01-01\nissuer: i\n---\n";
    doc = doc_parse(bad_fm, sizeof bad_fm - 1, "x.md", &d);
    CHECK(doc != NULL && has_diag(&d, "x.md:4: invalid UTF-8"));
    doc_free(doc);
    diag_clear(&d);
    size_t len = 0;
    char *full = slurp("data/docs/policy.md", &len);
    for (size_t n = 0; full && n <= len; n++) {
        char *part = malloc(n + 1);
        memcpy(part, full, n);
        part[n] = '\0';
        doc_free(doc_parse(part, n, "x.md", &d));
        diag_clear(&d);
        free(part);
    }
    free(full);
}

/* A file saved by Windows WPS: BOM and CRLF line ends.  Same blocks, same lines, no stray CR in any text. */
static void test_crlf_bom(void)
{
    size_t len = 0;
    char *lf = slurp("data/docs/policy.md", &len);
    CHECK(lf != NULL);
    if (!lf)
        return;
    char *crlf = malloc(2 * len + 4), *o = crlf;
    memcpy(o, "\xEF\xBB\xBF", 3);
    o += 3;
    for (size_t i = 0; i < len; i++) {
        if (lf[i] == '\n')
            *o++ = '\r';
        *o++ = lf[i];
    }
    diag_list_t d = {0};
    doc_t *doc = doc_parse(crlf, (size_t)(o - crlf), "x.md", &d);
    CHECK(doc != NULL && d.count == 0);
    if (doc) {
        CHECK_STR(doc->summary, "明确2024年全县政务公开工作的目标和任务。");
        CHECK(doc->line_guides == 13);
        CHECK(doc->nblocks == 10);
        for (size_t i = 0; i < doc->nblocks; i++)
            CHECK(!doc->blocks[i].text || !strchr(doc->blocks[i].text, '\r'));
        if (doc->nblocks == 10) {
            CHECK_STR(doc->blocks[1].text,
                      "为深入贯彻落实政务公开工作要求，进一步提升政务公开质量和实效，结合我县实际，制定本方案。");
            CHECK(doc->blocks[9].line == 38);
            CHECK_STR(doc->blocks[8].cells[1], "完成时限");
            CHECK_STR(doc->blocks[9].resp, "各相关单位");
        }
    }
    doc_free(doc);
    diag_clear(&d);
    free(crlf);
    free(lf);
}

static void test_free_null(void)
{
    doc_free(NULL);
    doc_set_free(NULL);
    doc_set_t set = {0};
    diag_list_t d = {0};
    set.docs = malloc(2 * sizeof *set.docs);
    set.cap = 2;
    set.docs[set.count++] = parse_fixture("guide.md", &d);
    set.docs[set.count++] = parse_fixture("interpretation.md", &d);
    doc_set_free(&set);
    CHECK(set.docs == NULL && set.count == 0);
    diag_clear(&d);
}

int main(void)
{
    test_policy();
    test_interpretation();
    test_guide();
    test_notice_project_consultation();
    test_front_matter_errors();
    test_front_matter_values();
    test_lenient();
    test_tail_split();
    test_body_text();
    test_containers();
    test_readings();
    test_invalid_bytes();
    test_crlf_bom();
    test_free_null();
    return check_summary("test_doc");
}
