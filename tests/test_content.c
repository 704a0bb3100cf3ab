/* test_content.c — the content database read back: every field the authoring tool writes, and hostile files.
 *
 * data/src/roundtrip/ is a source folder with every document type, every front-matter field and every kind of body
 * block.  It is built with author_build into a temporary folder and read through content.h only, so this test pins
 * the whole path source → database → reader: a column the emitter forgets, or the reader maps to the wrong field,
 * fails here with the name of the field.  Then copies of the database are damaged with the sqlite3 API (another
 * application id, a newer format, invalid UTF-8) and content_open must refuse them, or read them without a crash. */
#include "check.h"
#include "zwgk/author.h"
#include "zwgk/content.h"
#include "zwgk/schema.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROUNDTRIP_SRC "data/src/roundtrip"
#define FFFD          "\xEF\xBF\xBD"

static char tmp_dir[] = "/tmp/zwgk-test-content-XXXXXX";

/* tmp_dir/name in buf. */
static const char *tmp_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmp_dir, name);
    return buf;
}

static int write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

static int copy_file(const char *from, const char *to)
{
    FILE *f = fopen(from, "rb");
    if (!f)
        return -1;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    do {
        if (len == cap)
            buf = realloc(buf, cap = cap ? cap * 2 : 65536);
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    fclose(f);
    int rc = write_bytes(to, buf, len);
    free(buf);
    return rc;
}

/* Runs sql on the database at path with a read-write connection of our own (not through content.h). */
static int db_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "  %s: %s\n", sql, db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return rc;
}

/* The document with source id key; CHECKs that it exists. */
static int get_doc(content_t *c, const char *key, content_doc_t *out)
{
    long long id = content_doc_find(c, key);
    CHECK(id > 0);
    zwgk_result r = id > 0 ? content_doc_get(c, id, out) : ZWGK_ERR_NOT_FOUND;
    CHECK(r == ZWGK_OK);
    if (r == ZWGK_OK)
        CHECK_STR(out->s.key, key);
    return r == ZWGK_OK;
}

/* True when the list's keys are exactly keys[0..n), in that order. */
static int list_is(const content_doc_list_t *l, const char *const *keys, size_t n)
{
    int ok = l->count == n;
    for (size_t i = 0; ok && i < n; i++)
        ok = l->items[i].key && strcmp(l->items[i].key, keys[i]) == 0;
    if (!ok) {
        fprintf(stderr, "  list has %zu documents:", l->count);
        for (size_t i = 0; i < l->count; i++)
            fprintf(stderr, " %s", l->items[i].key);
        fprintf(stderr, "\n");
    }
    return ok;
}

static void test_meta_and_counts(content_t *c)
{
    const content_meta_t *m = content_meta(c);
    CHECK(m->format_version == CONTENT_FORMAT_VERSION);
    CHECK(m->content_version == 2024120101LL);
    CHECK_STR(m->publisher_id, "rt-test");
    CHECK_STR(m->publisher, "信丰县人民政府办公室");
    CHECK_STR(m->region, "信丰县");
    CHECK_STR(m->title, "信丰县政务公开专区（测试）");
    CHECK_STR(m->created, "2024-12-01");

    content_counts_t n;
    CHECK(content_counts(c, &n) == ZWGK_OK);
    CHECK(n.areas == 2 && n.topics == 3 && n.items == 4 && n.docs == 10);
    CHECK(n.by_type[DOC_POLICY] == 3);
    CHECK(n.by_type[DOC_INTERPRETATION] == 1);
    CHECK(n.by_type[DOC_GUIDE] == 1);
    CHECK(n.by_type[DOC_NOTICE] == 3);
    CHECK(n.by_type[DOC_PROJECT] == 1);
    CHECK(n.by_type[DOC_CONSULTATION] == 1);
}

/* Areas → topics → items in catalog order, with their counts; then every column of the items. */
static void test_directory(content_t *c)
{
    content_named_list_t areas, topics, items;
    CHECK(content_areas(c, &areas) == ZWGK_OK);
    CHECK(areas.count == 2);
    if (areas.count != 2)
        goto out_areas;
    CHECK_STR(areas.items[0].name, "社会救助");
    CHECK(areas.items[0].count == 3);
    CHECK_STR(areas.items[1].name, "养老服务");
    CHECK(areas.items[1].count == 1);

    CHECK(content_topics(c, areas.items[0].id, &topics) == ZWGK_OK);
    CHECK(topics.count == 2);
    if (topics.count == 2) {
        CHECK_STR(topics.items[0].name, "最低生活保障");
        CHECK(topics.items[0].count == 2);
        CHECK_STR(topics.items[1].name, "临时救助");
        CHECK(topics.items[1].count == 1);
        CHECK(content_items(c, topics.items[0].id, &items) == ZWGK_OK);
        CHECK(items.count == 2);
        if (items.count == 2) {
            CHECK_STR(items.items[0].name, "办事指南");
            CHECK(items.items[0].count == 2); /* documents filed under it */
            CHECK_STR(items.items[1].name, "政策文件");
            CHECK(items.items[1].count == 2);
        }
        content_named_list_free(&items);
        CHECK(content_items(c, topics.items[1].id, &items) == ZWGK_OK);
        CHECK(items.count == 1 && items.items[0].count == 0);
        content_named_list_free(&items);
    }
    content_named_list_free(&topics);
    CHECK(content_topics(c, areas.items[1].id, &topics) == ZWGK_OK);
    CHECK(topics.count == 1);
    if (topics.count == 1) {
        CHECK_STR(topics.items[0].name, "高龄津贴");
        CHECK(content_items(c, topics.items[0].id, &items) == ZWGK_OK);
        CHECK(items.count == 1);
        if (items.count == 1)
            CHECK_STR(items.items[0].name, "民生实事");
        content_named_list_free(&items);
    }
    content_named_list_free(&topics);
    CHECK(content_topics(c, 99, &topics) == ZWGK_OK && topics.count == 0);
    content_named_list_free(&topics);
out_areas:
    content_named_list_free(&areas);
}

static void test_items(content_t *c)
{
    /* Items are numbered in catalog order. */
    content_item_t it;
    CHECK(content_item_get(c, 1, &it) == ZWGK_OK);
    CHECK_STR(it.key, "社会救助/最低生活保障/办事指南");
    CHECK_STR(it.area, "社会救助");
    CHECK_STR(it.topic, "最低生活保障");
    CHECK_STR(it.name, "办事指南");
    CHECK_STR(it.content, "办理条件、申请材料、办理流程");
    CHECK_STR(it.basis, "《社会救助暂行办法》");
    CHECK_STR(it.time_limit, "信息形成之日起20个工作日内");
    CHECK_STR(it.subject, "县民政局");
    CHECK_STR(it.url, "https://xinfeng.example/ml/dibao");
    /* ■政府网站 □政府公报 ■政务服务中心 ■12345政务服务热线: the □ one is not chosen. */
    CHECK(it.channels == ((1u << CHANNEL_WEBSITE) | (1u << CHANNEL_SERVICEHALL) | (1u << CHANNEL_HOTLINE)));
    CHECK(it.audience == (AUDIENCE_PUBLIC | AUDIENCE_GROUP));
    CHECK(it.mode == (MODE_ACTIVE | MODE_ON_REQUEST));
    CHECK(it.levels == (LEVEL_COUNTY | LEVEL_TOWNSHIP | LEVEL_VILLAGE));
    CHECK(it.naliases == 2);
    if (it.naliases == 2) {
        CHECK_STR(it.aliases[0], "低保");
        CHECK_STR(it.aliases[1], "最低生活保障金");
    }
    static const char *const item1_docs[] = {"rt-guide", "rt-policy"}; /* in 关联文件 order */
    CHECK(list_is(&it.docs, item1_docs, 2));
    if (it.docs.count == 2) {
        CHECK(it.docs.items[0].type == DOC_GUIDE);
        CHECK_STR(it.docs.items[1].title, "信丰县城乡最低生活保障实施办法");
    }
    content_item_free(&it);

    CHECK(content_item_get(c, 2, &it) == ZWGK_OK);
    CHECK(it.url == NULL); /* no 码上知 */
    CHECK(it.channels == ((1u << CHANNEL_WEBSITE) | (1u << CHANNEL_NOTICEBOARD)));
    CHECK(it.audience == AUDIENCE_PUBLIC && it.mode == MODE_ACTIVE && it.levels == LEVEL_COUNTY);
    CHECK(it.naliases == 0);
    static const char *const item2_docs[] = {"rt-policy", "rt-interp"};
    CHECK(list_is(&it.docs, item2_docs, 2));
    content_item_free(&it);

    CHECK(content_item_get(c, 3, &it) == ZWGK_OK);
    CHECK_STR(it.topic, "临时救助");
    CHECK_STR(it.subject, "乡（镇）人民政府");
    CHECK(it.channels == (1u << CHANNEL_NOTICEBOARD));
    CHECK(it.audience == AUDIENCE_GROUP && it.mode == MODE_ON_REQUEST && it.levels == LEVEL_VILLAGE);
    CHECK(it.docs.count == 0);
    content_item_free(&it);

    CHECK(content_item_get(c, 4, &it) == ZWGK_OK);
    CHECK_STR(it.area, "养老服务");
    CHECK_STR(it.content, "项目名称、进度\n（按季度更新）"); /* a line break inside a quoted cell */
    CHECK(it.channels == (1u << CHANNEL_ONSITE));            /* 入户 and 现场 are one channel */
    CHECK(it.levels == LEVEL_TOWNSHIP);
    CHECK(it.naliases == 1);
    if (it.naliases == 1)
        CHECK_STR(it.aliases[0], "高龄补贴");
    static const char *const item4_docs[] = {"rt-project", "rt-policy-amended"};
    CHECK(list_is(&it.docs, item4_docs, 2));
    if (it.docs.count == 2) {
        CHECK(it.docs.items[0].progress == 65 && it.docs.items[0].status == PROJECT_IN_PROGRESS);
        CHECK(it.docs.items[1].validity == VALIDITY_AMENDED);
    }
    content_item_free(&it);

    CHECK(content_item_get(c, 5, &it) == ZWGK_ERR_NOT_FOUND);
    content_item_free(&it);
}

/* The span of b at [start, end) with style, given as byte lengths of text prefixes. */
static int has_span(const content_block_t *b, const char *before, const char *inner, int style)
{
    size_t start = strlen(before), end = start + strlen(inner);
    if (!b->text || strncmp(b->text, before, start) != 0 || strncmp(b->text + start, inner, end - start) != 0)
        return 0;
    for (size_t i = 0; i < b->nspans; i++)
        if (b->spans[i].start == start && b->spans[i].end == end && b->spans[i].style == style)
            return 1;
    return 0;
}

static void check_block(const content_block_t *b, int kind, int level, int ordered, int number, const char *text)
{
    CHECK(b->kind == kind);
    CHECK(b->level == level);
    CHECK(b->ordered == ordered);
    CHECK(b->number == number);
    CHECK_STR(b->text, text);
}

static void test_policy(content_t *c)
{
    content_doc_t d;
    if (!get_doc(c, "rt-policy", &d))
        return;
    CHECK(d.s.type == DOC_POLICY);
    CHECK_STR(d.s.title, "信丰县城乡最低生活保障实施办法");
    CHECK_STR(d.s.doc_number, "信府发〔2024〕3号");
    CHECK_STR(d.s.publish_date, "2024-03-15");
    CHECK_STR(d.s.issuer, "信丰县人民政府");
    CHECK_STR(d.s.summary, "规范全县城乡低保的申请、审核和管理。");
    CHECK(d.s.validity == VALIDITY_CURRENT);
    CHECK(d.s.progress == -1 && d.s.status == 0 && d.s.deadline == NULL);
    CHECK(d.s.area_id == 1);
    CHECK_STR(d.area, "社会救助");
    CHECK_STR(d.url, "https://xinfeng.example/zwgk/2024-3");
    CHECK_STR(d.valid_until, "2029-03-14");
    CHECK(d.nkeywords == 3);
    if (d.nkeywords == 3) {
        CHECK_STR(d.keywords[0], "低保");
        CHECK_STR(d.keywords[1], "最低生活保障");
        CHECK_STR(d.keywords[2], "救助");
    }
    CHECK(d.policy_id == 0 && d.unit == NULL && d.conditions == NULL && d.target == NULL && d.respond == NULL);
    CHECK(d.nqas == 0 && d.nmaterials == 0 && d.nsteps == 0);

    /* 政策＋解读＋办事: the interpretation, then the guide the policy names. */
    static const char *const related[] = {"rt-interp", "rt-guide"};
    CHECK(list_is(&d.related, related, 2));

    CHECK(d.nblocks == 11);
    if (d.nblocks == 11) {
        const content_block_t *b = d.blocks;
        check_block(&b[0], BLOCK_HEADING, 1, 0, 0, "信丰县城乡最低生活保障实施办法");
        check_block(&b[1], BLOCK_PARAGRAPH, 0, 0, 0, "为切实保障困难群众基本生活，根据有关规定，制定本办法。");
        CHECK(b[1].nspans == 2);
        CHECK(has_span(&b[1], "为", "切实保障", SPAN_STRONG));
        CHECK(has_span(&b[1], "为切实保障困难群众基本生活，根据有关规定，制定", "本办法", SPAN_EMPH));
        CHECK(b[1].lead == NULL && b[1].resp == NULL && b[1].cells == NULL);
        check_block(&b[2], BLOCK_HEADING, 2, 0, 0, "一、主要任务");
        check_block(&b[3], BLOCK_LIST_ITEM, 1, 1, 1, "规范审核确认。");
        CHECK_STR(b[3].lead, "县民政局");
        CHECK_STR(b[3].resp, "各乡（镇）人民政府");
        check_block(&b[4], BLOCK_LIST_ITEM, 1, 1, 2, "加强动态管理");
        check_block(&b[5], BLOCK_LIST_ITEM, 2, 0, 0, "定期核查");
        check_block(&b[6], BLOCK_LIST_ITEM, 2, 0, 0, "及时调整");
        CHECK(b[6].nspans == 1 && has_span(&b[6], "及时", "调整", SPAN_STRONG));
        check_block(&b[7], BLOCK_LIST_ITEM, 1, 1, 3, "强化监督检查。");
        CHECK(b[7].lead == NULL && b[7].resp == NULL);
        check_block(&b[8], BLOCK_HEADING, 3, 0, 0, "（一）保障标准");
        CHECK(b[9].kind == BLOCK_TABLE && b[9].text == NULL);
        CHECK(b[9].rows == 3 && b[9].cols == 2);
        static const char *const cells[] = {"类别", "月标准", "城市", "850元", "农村", "650元"};
        for (int i = 0; b[9].cells && b[9].rows == 3 && b[9].cols == 2 && i < 6; i++)
            CHECK_STR(b[9].cells[i], cells[i]);
        CHECK(b[9].cells != NULL);
        check_block(&b[10], BLOCK_PARAGRAPH, 0, 0, 0, "请各单位认真贯彻执行。");
        CHECK_STR(b[10].lead, "县民政局");
        CHECK_STR(b[10].resp, "县财政局、县审计局");
    }
    content_doc_free(&d);

    /* A policy with no optional fields reads them as NULL, and has no links. */
    if (!get_doc(c, "rt-policy-old", &d))
        return;
    CHECK(d.s.validity == VALIDITY_REPEALED);
    CHECK(d.s.area_id == 0 && d.area == NULL && d.url == NULL && d.valid_until == NULL);
    CHECK(d.s.doc_number == NULL && d.s.summary == NULL && d.nkeywords == 0);
    CHECK(d.related.count == 0);
    /* Format 2: its replacement, its own readings and the aligned blocks of `::: 落款` / `::: 顶格` / `::: 居中`. */
    CHECK(d.replaced_by == content_doc_find(c, "rt-policy") && d.replaced_by > 0);
    CHECK_STR(d.replaced_by_title, "信丰县城乡最低生活保障实施办法");
    CHECK(d.nreadings == 2);
    if (d.nreadings == 2) {
        CHECK_STR(d.readings[0].word, "单县");
        CHECK_STR(d.readings[0].pinyin, "shàn xiàn");
        CHECK_STR(d.readings[1].word, "曾家");
        CHECK_STR(d.readings[1].pinyin, "zeng1 jia1");
    }
    CHECK(d.nblocks == 4);
    if (d.nblocks == 4) {
        check_block(&d.blocks[0], BLOCK_PARAGRAPH, 0, 0, 0, "本办法已废止。");
        CHECK(d.blocks[0].align == BLOCK_ALIGN_DEFAULT);
        check_block(&d.blocks[1], BLOCK_PARAGRAPH, 0, 0, 0, "信丰县人民政府\n2019年6月1日"); /* lines kept */
        CHECK(d.blocks[1].align == BLOCK_ALIGN_RIGHT);
        check_block(&d.blocks[2], BLOCK_PARAGRAPH, 0, 0, 0, "各乡（镇）人民政府：");
        CHECK(d.blocks[2].align == BLOCK_ALIGN_FLUSH);
        check_block(&d.blocks[3], BLOCK_PARAGRAPH, 0, 0, 0, "附件一\n五保供养标准");
        CHECK(d.blocks[3].align == BLOCK_ALIGN_CENTER);
    }
    content_doc_free(&d);

    /* A document that names no replacement has none, and its blocks take their default alignment. */
    if (!get_doc(c, "rt-policy", &d))
        return;
    CHECK(d.replaced_by == 0 && d.replaced_by_title == NULL && d.nreadings == 0);
    for (size_t i = 0; i < d.nblocks; i++)
        CHECK(d.blocks[i].align == BLOCK_ALIGN_DEFAULT);
    content_doc_free(&d);
}

static void test_interpretation(content_t *c)
{
    content_doc_t d;
    if (!get_doc(c, "rt-interp", &d))
        return;
    CHECK(d.s.type == DOC_INTERPRETATION);
    CHECK_STR(d.s.title, "《信丰县城乡最低生活保障实施办法》政策解读");
    CHECK(d.policy_id == content_doc_find(c, "rt-policy"));
    CHECK_STR(d.unit, "信丰县民政局");
    CHECK_STR(d.interpreter, "李四");
    CHECK(d.s.issuer == NULL);
    CHECK(d.nkeywords == 2);
    if (d.nkeywords == 2)
        CHECK_STR(d.keywords[1], "解读");
    static const char *const related[] = {"rt-policy"};
    CHECK(list_is(&d.related, related, 1));

    /* Sections are level-2 headings; 简明问答 keeps its heading and its pairs leave the blocks. */
    static const char *const text[] = {"背景依据", "为贯彻落实国家和省有关社会救助的规定，制定本办法。", "主要内容",
                                       "办法共五章二十条，明确了保障对象和保障标准。", "简明问答"};
    CHECK(d.nblocks == 5);
    for (size_t i = 0; i < d.nblocks && i < 5; i++) {
        CHECK(d.blocks[i].kind == (i % 2 ? BLOCK_PARAGRAPH : BLOCK_HEADING));
        CHECK(d.blocks[i].level == (i % 2 ? 0 : 2));
        CHECK_STR(d.blocks[i].text, text[i]);
    }
    if (d.nblocks == 5)
        CHECK(d.blocks[3].nspans == 1 && has_span(&d.blocks[3], "办法共五章二十条，明确了", "保障对象", SPAN_STRONG));
    CHECK(d.nqas == 2);
    if (d.nqas == 2) {
        CHECK_STR(d.qas[0].question, "谁可以申请低保？");
        CHECK_STR(d.qas[0].answer, "具有本县户籍、家庭人均收入低于当地低保标准的家庭。");
        CHECK_STR(d.qas[1].question, "到哪里申请？");
        CHECK_STR(d.qas[1].answer, "向户籍所在地乡（镇）人民政府提出申请。\n也可以委托村（居）民委员会代为提出。");
    }
    content_doc_free(&d);
}

static void test_guide(content_t *c)
{
    content_doc_t d;
    if (!get_doc(c, "rt-guide", &d))
        return;
    CHECK(d.s.type == DOC_GUIDE);
    CHECK_STR(d.s.issuer, "信丰县民政局");
    CHECK_STR(d.s.doc_number, "信民字〔2024〕8号");
    CHECK_STR(d.s.summary, "低保申请的条件、材料和流程。");
    CHECK_STR(d.area, "社会救助");
    CHECK_STR(d.url, "https://xinfeng.example/bszn/dibao");
    CHECK(d.nkeywords == 2);
    CHECK_STR(d.conditions, "具有本县户籍\n家庭人均收入低于当地低保标准");
    CHECK_STR(d.scope, "本县户籍居民");
    CHECK_STR(d.time_limit, "30个工作日");
    CHECK_STR(d.fee, "不收费");
    CHECK_STR(d.place, "各乡（镇）便民服务中心");
    CHECK_STR(d.hours, "周一至周五 8:00-12:00，14:30-17:30");
    CHECK_STR(d.phone, "0797-3322110");
    CHECK_STR(d.complaint_phone, "12345");
    CHECK_STR(d.service_url, "https://zwfw.xinfeng.example/dibao");
    static const content_material_t mat[] = {{"户口簿", "原件和复印件", NULL, 1},
                                             {"身份证", "复印件", "家庭成员每人一份", 2},
                                             {"收入证明", "原件", "由工作单位或村（居）委会出具", 1}};
    CHECK(d.nmaterials == 3);
    for (size_t i = 0; i < d.nmaterials && i < 3; i++) {
        CHECK_STR(d.materials[i].name, mat[i].name);
        CHECK_STR(d.materials[i].form, mat[i].form);
        CHECK(d.materials[i].count == mat[i].count);
        if (mat[i].note)
            CHECK_STR(d.materials[i].note, mat[i].note);
        else
            CHECK(d.materials[i].note == NULL);
    }
    /* bring and where are optional; an empty where (公示) reads as none, so the flow falls back to the guide's place */
    static const content_step_t steps[] = {{"申请", "向户籍所在地乡（镇）人民政府提出书面申请",
                                            "户口簿、身份证和收入证明", "乡（镇）便民服务中心社会救助窗口"},
                                           {"审核", "乡（镇）人民政府入户调查、核实", NULL, NULL},
                                           {"公示", "在村（居）务公开栏公示7天", NULL, NULL},
                                           {"确认", "县民政局审核确认并发放保障金", NULL, NULL}};
    CHECK(d.nsteps == 4);
    for (size_t i = 0; i < d.nsteps && i < 4; i++) {
        CHECK_STR(d.steps[i].title, steps[i].title);
        CHECK_STR(d.steps[i].detail, steps[i].detail);
        if (steps[i].bring)
            CHECK_STR(d.steps[i].bring, steps[i].bring);
        else
            CHECK(d.steps[i].bring == NULL);
        if (steps[i].where)
            CHECK_STR(d.steps[i].where, steps[i].where);
        else
            CHECK(d.steps[i].where == NULL);
    }
    static const char *const related[] = {"rt-policy"}; /* the policy that names it in `guides` */
    CHECK(list_is(&d.related, related, 1));
    CHECK(d.nblocks == 1 && d.blocks[0].kind == BLOCK_PARAGRAPH);
    content_doc_free(&d);
}

static void test_notice_project_consultation(content_t *c)
{
    content_doc_t d;
    if (get_doc(c, "rt-notice-c", &d)) {
        CHECK(d.s.type == DOC_NOTICE);
        CHECK_STR(d.s.issuer, "信丰县人民政府办公室");
        CHECK_STR(d.s.publish_date, "2024-06-01");
        CHECK(d.nkeywords == 2);
        CHECK(d.s.validity == VALIDITY_CURRENT); /* every non-policy reads as 现行有效 */
        CHECK(d.related.count == 0);
        CHECK(d.nblocks == 1);
        if (d.nblocks == 1)
            CHECK_STR(d.blocks[0].text, "6月10日放假一天。");
        content_doc_free(&d);
    }
    if (get_doc(c, "rt-project", &d)) {
        CHECK(d.s.type == DOC_PROJECT);
        CHECK_STR(d.target, "完成8所乡镇敬老院改造");
        CHECK(d.s.progress == 65);
        CHECK_STR(d.lead_unit, "县民政局");
        CHECK(d.s.status == PROJECT_IN_PROGRESS);
        CHECK(d.s.area_id == 2);
        CHECK_STR(d.area, "养老服务");
        CHECK(d.s.deadline == NULL);
        content_doc_free(&d);
    }
    if (get_doc(c, "rt-consult", &d)) {
        CHECK(d.s.type == DOC_CONSULTATION);
        CHECK_STR(d.s.deadline, "2024-12-31");
        CHECK_STR(d.respond, "通过电子邮件或信函提出意见");
        CHECK_STR(d.respond_url, "https://xinfeng.example/zqyj/7");
        CHECK(d.s.progress == -1 && d.s.status == 0);
        content_doc_free(&d);
    }
    CHECK(content_doc_find(c, "no-such-doc") == 0);
    CHECK(content_doc_get(c, 9999, &d) == ZWGK_ERR_NOT_FOUND);
    content_doc_free(&d);
}

static void check_docs(content_t *c, int type, long long area, int validity, const char *const *keys, size_t n)
{
    content_doc_list_t l;
    CHECK(content_docs(c, type, area, validity, &l) == ZWGK_OK);
    CHECK(list_is(&l, keys, n));
    content_doc_list_free(&l);
}

/* Lists are newest first (ties in source order), filtered by area and by validity. */
static void test_doc_lists(content_t *c)
{
    static const char *const policies[] = {"rt-policy", "rt-policy-amended", "rt-policy-old"};
    check_docs(c, DOC_POLICY, 0, 0, policies, 3);
    check_docs(c, DOC_POLICY, 0, VALIDITY_CURRENT, policies, 1);
    check_docs(c, DOC_POLICY, 0, VALIDITY_AMENDED, policies + 1, 1);
    check_docs(c, DOC_POLICY, 0, VALIDITY_REPEALED, policies + 2, 1);
    check_docs(c, DOC_POLICY, 1, 0, policies, 1);
    check_docs(c, DOC_POLICY, 2, 0, policies + 1, 1);
    check_docs(c, DOC_POLICY, 2, VALIDITY_CURRENT, NULL, 0);
    static const char *const notices[] = {"rt-notice-c", "rt-notice-a", "rt-notice-b"};
    check_docs(c, DOC_NOTICE, 0, 0, notices, 3);
    check_docs(c, DOC_NOTICE, 1, 0, NULL, 0);
    static const char *const guides[] = {"rt-guide"}, *const interps[] = {"rt-interp"};
    check_docs(c, DOC_GUIDE, 1, 0, guides, 1);
    check_docs(c, DOC_INTERPRETATION, 0, 0, interps, 1);

    content_doc_list_t l;
    CHECK(content_docs(c, DOC_CONSULTATION, 0, 0, &l) == ZWGK_OK);
    CHECK(l.count == 1);
    if (l.count == 1) {
        CHECK_STR(l.items[0].deadline, "2024-12-31");
        CHECK_STR(l.items[0].issuer, "信丰县民政局");
        CHECK(l.items[0].area_id == 0);
    }
    content_doc_list_free(&l);
    CHECK(content_docs(c, DOC_PROJECT, 2, 0, &l) == ZWGK_OK);
    CHECK(l.count == 1 && l.items[0].progress == 65 && l.items[0].status == PROJECT_IN_PROGRESS);
    content_doc_list_free(&l);
}

/* content_docs_count (the home tiles' numbers) says how many content_docs would list: for every type, validity and
 * area of c.  Returns how many of c's documents of type are repealed. */
static int check_docs_count(content_t *c, const char *what)
{
    int repealed_policies = -1;
    long long areas[] = {0, 1, 2, 9999};
    for (int type = 1; type < DOC_TYPE_COUNT_PLUS_ONE; type++)
        for (int v = 0; v < VALIDITY_COUNT_PLUS_ONE; v++)
            for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++) {
                content_doc_list_t l;
                int n = -1;
                CHECK(content_docs(c, type, areas[a], v, &l) == ZWGK_OK);
                CHECK(content_docs_count(c, type, areas[a], v, &n) == ZWGK_OK);
                if (n != (int)l.count)
                    fprintf(stderr, "  %s: type %d validity %d area %lld: count %d, list %zu\n", what, type, v,
                            areas[a], n, l.count);
                CHECK(n == (int)l.count);
                if (type == DOC_POLICY && v == VALIDITY_REPEALED && areas[a] == 0)
                    repealed_policies = n;
                content_doc_list_free(&l);
            }
    return repealed_policies;
}

/* A source folder of its own: the minimal fixture's meta and catalog, a current policy and three repealed ones,
 * built into tmp_dir/repealed.db. */
static content_t *open_repealed_fixture(void)
{
    static const char *const docs[][2] = {
        {"new", "---\nid: rp-new\ntype: policy\ntitle: 信丰县城乡最低生活保障实施办法\npublish_date: 2024-03-15\n"
                "issuer: 信丰县人民政府\nvalidity: 现行有效\narea: 社会救助\n---\n现行办法。\n"},
        {"old1", "---\nid: rp-old1\ntype: policy\ntitle: 信丰县农村五保供养办法\npublish_date: 2019-06-01\n"
                 "issuer: 信丰县人民政府\nvalidity: 已废止\nreplaced_by: rp-new\narea: 社会救助\n---\n已废止。\n"},
        {"old2", "---\nid: rp-old2\ntype: policy\ntitle: 信丰县城市居民最低生活保障办法\npublish_date: 2015-01-01\n"
                 "issuer: 信丰县人民政府\nvalidity: 已废止\narea: 社会救助\n---\n已废止。\n"},
        {"old3", "---\nid: rp-old3\ntype: policy\ntitle: 信丰县高龄老人津贴发放办法\npublish_date: 2016-05-01\n"
                 "issuer: 信丰县民政局\nvalidity: 已废止\narea: 社会救助\n---\n已废止。\n"},
    };
    char src[512], path[600], db[512], err[512] = "";
    tmp_path(src, sizeof src, "repealed-src");
    CHECK(mkdir(src, 0700) == 0);
    snprintf(path, sizeof path, "%s/docs", src);
    CHECK(mkdir(path, 0700) == 0);
    static const char *const copied[] = {"meta.yaml", "catalog.csv"};
    for (size_t i = 0; i < 2; i++) {
        char from[512];
        snprintf(from, sizeof from, "data/src/minimal/%s", copied[i]);
        snprintf(path, sizeof path, "%s/%s", src, copied[i]);
        CHECK(copy_file(from, path) == 0);
    }
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        snprintf(path, sizeof path, "%s/docs/%s.md", src, docs[i][0]);
        CHECK(write_bytes(path, docs[i][1], strlen(docs[i][1])) == 0);
    }
    diag_list_t d = {0};
    zwgk_result r = author_build(src, tmp_path(db, sizeof db, "repealed.db"), NULL, &d, err, sizeof err);
    CHECK(r == ZWGK_OK);
    if (r != ZWGK_OK) {
        diag_print(&d, stderr);
        fprintf(stderr, "  author_build(repealed): %s\n", err);
    }
    diag_clear(&d);
    content_t *c = r == ZWGK_OK ? content_open(db, err, sizeof err) : NULL;
    CHECK(c != NULL);
    return c;
}

/* The home tile counts "N件有效" as all of a type less its repealed ones: content_docs_count must agree with the lists
 * on the roundtrip fixture, on the demo and on a fixture with several repealed documents. */
static void test_docs_count(content_t *roundtrip)
{
    CHECK(check_docs_count(roundtrip, "roundtrip") == 1);

    const char *build = getenv("ZWGK_BUILD");
    char db[1024], err[512] = "";
    snprintf(db, sizeof db, "%s/demo.db", build ? build : "../build");
    content_t *c = content_open(db, err, sizeof err);
    CHECK(c != NULL);
    if (c) {
        check_docs_count(c, "demo");
        content_close(c);
    } else {
        fprintf(stderr, "  content_open(demo): %s\n", err);
    }

    c = open_repealed_fixture();
    if (c) {
        CHECK(check_docs_count(c, "repealed") == 3);
        int n = -1;
        CHECK(content_docs_count(c, DOC_POLICY, 0, 0, &n) == ZWGK_OK && n == 4);
        CHECK(content_docs_count(c, DOC_POLICY, 0, VALIDITY_CURRENT, &n) == ZWGK_OK && n == 1);
        CHECK(content_docs_count(c, DOC_NOTICE, 0, 0, &n) == ZWGK_OK && n == 0);
        content_close(c);
    }
}

/* Each bad file is refused with a reason that says what is wrong with it. */
static void expect_refused(const char *path, const char *reason)
{
    char err[512] = "";
    content_t *c = content_open(path, err, sizeof err);
    CHECK(c == NULL);
    content_close(c);
    if (!strstr(err, reason) || !strstr(err, path)) {
        CHECK(!"content_open's reason names the file and the problem");
        fprintf(stderr, "  reason: \"%s\"\n  expected it to contain \"%s\"\n", err, reason);
    }
}

static void test_open_refuses(const char *db_path)
{
    char path[512];
    expect_refused(tmp_path(path, sizeof path, "missing.db"), "cannot open");

    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = "this is not a database\n"[i % 23];
    CHECK(write_bytes(tmp_path(path, sizeof path, "junk.db"), junk, sizeof junk) == 0);
    expect_refused(path, "is not an SQLite database");

    CHECK(write_bytes(tmp_path(path, sizeof path, "empty.db"), "", 0) == 0);
    expect_refused(path, "is not a content database");

    tmp_path(path, sizeof path, "other-app.db");
    CHECK(db_exec(path, "PRAGMA application_id=305419896; PRAGMA user_version=1; CREATE TABLE t(x);") == SQLITE_OK);
    expect_refused(path, "is not a content database (application id 12345678)");

    tmp_path(path, sizeof path, "format99.db");
    CHECK(copy_file(db_path, path) == 0);
    CHECK(db_exec(path, "PRAGMA user_version=99") == SQLITE_OK);
    expect_refused(path, "has content format 99; this kiosk reads formats 1 to 3");

    /* The right header over the wrong contents. */
    tmp_path(path, sizeof path, "no-tables.db");
    CHECK(db_exec(path, "PRAGMA application_id=1515669323; PRAGMA user_version=1; CREATE TABLE t(x);") == SQLITE_OK);
    expect_refused(path, "does not have the expected tables");
    tmp_path(path, sizeof path, "no-meta.db");
    CHECK(copy_file(db_path, path) == 0);
    CHECK(db_exec(path, "DELETE FROM meta WHERE key = 'content_version'") == SQLITE_OK);
    expect_refused(path, "has no complete meta table");
}

/* A hostile file with bytes that are not UTF-8 in its text columns reads back with U+FFFD, never a crash. */
/* A format 1 database (what kiosks hold before their software is upgraded) still opens and reads, with the format 2
 * additions at their defaults.  It is made the way it would look: the v2 file without align, replaced_by and
 * doc_readings, and user_version 1. */
static void test_format1_still_read(const char *db_path)
{
    char path[512], err[512] = "";
    tmp_path(path, sizeof path, "format1.db");
    CHECK(copy_file(db_path, path) == 0);
    CHECK(db_exec(path, "ALTER TABLE blocks DROP COLUMN align; ALTER TABLE docs DROP COLUMN replaced_by; "
                        "DROP TABLE doc_readings; PRAGMA user_version=1; VACUUM") == SQLITE_OK);
    content_t *c = content_open(path, err, sizeof err);
    CHECK(c != NULL);
    if (!c) {
        fprintf(stderr, "  content_open(format 1): %s\n", err);
        return;
    }
    CHECK(content_meta(c)->format_version == 1);
    content_doc_t d;
    if (get_doc(c, "rt-policy-old", &d)) {
        CHECK(d.replaced_by == 0 && d.replaced_by_title == NULL && d.nreadings == 0);
        CHECK(d.nblocks == 4);
        for (size_t i = 0; i < d.nblocks; i++)
            CHECK(d.blocks[i].align == BLOCK_ALIGN_DEFAULT);
        content_doc_free(&d);
    }
    if (get_doc(c, "rt-policy", &d)) {
        CHECK(d.nblocks == 11);
        content_doc_free(&d);
    }
    content_close(c);
}

/* A format 2 database (built before steps had bring and location) still opens; its steps read with neither. */
static void test_format2_still_read(const char *db_path)
{
    char path[512], err[512] = "";
    tmp_path(path, sizeof path, "format2.db");
    CHECK(copy_file(db_path, path) == 0);
    CHECK(db_exec(path, "ALTER TABLE steps DROP COLUMN bring; ALTER TABLE steps DROP COLUMN location; "
                        "PRAGMA user_version=2; VACUUM") == SQLITE_OK);
    content_t *c = content_open(path, err, sizeof err);
    CHECK(c != NULL);
    if (!c) {
        fprintf(stderr, "  content_open(format 2): %s\n", err);
        return;
    }
    CHECK(content_meta(c)->format_version == 2);
    content_doc_t d;
    if (get_doc(c, "rt-guide", &d)) {
        CHECK(d.nsteps == 4);
        for (size_t i = 0; i < d.nsteps; i++)
            CHECK(d.steps[i].title && d.steps[i].bring == NULL && d.steps[i].where == NULL);
        content_doc_free(&d);
    }
    content_close(c);
}

static void test_invalid_utf8(const char *db_path)
{
    char path[512];
    tmp_path(path, sizeof path, "bad-utf8.db");
    CHECK(copy_file(db_path, path) == 0);
    CHECK(db_exec(path, "UPDATE docs SET title = CAST(X'E4BFA1FFE4B8B0' AS TEXT) WHERE key = 'rt-notice-a';"
                        "UPDATE meta SET value = CAST(X'C328E4BF' AS TEXT) WHERE key = 'title';"
                        "UPDATE blocks SET text = CAST(X'80E4B8AD' AS TEXT) WHERE doc_id = "
                        "  (SELECT id FROM docs WHERE key = 'rt-notice-b');"
                        "UPDATE table_cells SET text = CAST(X'F09F' AS TEXT) WHERE row = 0 AND col = 0;") == SQLITE_OK);
    char err[512] = "";
    content_t *c = content_open(path, err, sizeof err);
    CHECK(c != NULL);
    if (!c) {
        fprintf(stderr, "  content_open: %s\n", err);
        return;
    }
    CHECK_STR(content_meta(c)->title, FFFD "(" FFFD FFFD);
    content_doc_t d;
    if (get_doc(c, "rt-notice-a", &d)) {
        CHECK_STR(d.s.title, "信" FFFD "丰");
        content_doc_free(&d);
    }
    if (get_doc(c, "rt-notice-b", &d)) {
        CHECK(d.nblocks == 1 && d.blocks[0].text && !strcmp(d.blocks[0].text, FFFD "中"));
        content_doc_free(&d);
    }
    if (get_doc(c, "rt-policy", &d)) {
        CHECK(d.nblocks == 11 && d.blocks[9].cells && !strcmp(d.blocks[9].cells[0], FFFD FFFD));
        content_doc_free(&d);
    }
    static const char *const notices[] = {"rt-notice-c", "rt-notice-a", "rt-notice-b"};
    content_doc_list_t l;
    CHECK(content_docs(c, DOC_NOTICE, 0, 0, &l) == ZWGK_OK);
    CHECK(list_is(&l, notices, 3));
    if (l.count == 3)
        CHECK_STR(l.items[1].title, "信" FFFD "丰");
    content_doc_list_free(&l);
    content_close(c);
}

/* Values no build writes — spans past the text, a table claiming a million rows, cells of blocks that do not exist —
 * are dropped or bounded, never followed. */
static void test_hostile_values(const char *db_path)
{
    char path[512], err[512] = "";
    tmp_path(path, sizeof path, "hostile.db");
    CHECK(copy_file(db_path, path) == 0);
    CHECK(db_exec(path,
                  "UPDATE spans SET end = 100000 WHERE style = 2;"
                  "UPDATE blocks SET rows = 1000000 WHERE kind = 4;"
                  "INSERT INTO table_cells(doc_id, seq, row, col, text) VALUES(1, 999, 0, 0, 'x'), "
                  "  (1, -1, 0, 0, 'x');"
                  "INSERT INTO spans(doc_id, seq, start, end, style) VALUES(1, 999, 0, 1, 1), "
                  "  (1, 0, -5, 2, 1), (1, 9, 0, 1, 1);"
                  "UPDATE blocks SET align = -7 WHERE seq = 0; UPDATE blocks SET align = 99 WHERE seq = 1;"
                  "UPDATE docs SET replaced_by = id WHERE key = 'rt-policy';"
                  "UPDATE docs SET replaced_by = 424242 WHERE key = 'rt-guide';"
                  "INSERT INTO doc_readings VALUES(1, 0, '', 'x'), (1, 1, '', ''), (1, 2, '单', 'dān');") == SQLITE_OK);
    content_t *c = content_open(path, err, sizeof err);
    CHECK(c != NULL);
    content_doc_t d;
    if (c && get_doc(c, "rt-policy", &d)) {
        CHECK(d.nblocks == 11);
        if (d.nblocks == 11) {
            CHECK(d.blocks[0].nspans == 0);
            CHECK(d.blocks[1].nspans == 1 && has_span(&d.blocks[1], "为", "切实保障", SPAN_STRONG));
            CHECK(d.blocks[9].rows == 0 && d.blocks[9].cols == 0 && d.blocks[9].cells == NULL);
            CHECK(d.blocks[9].nspans == 0);
            CHECK(d.blocks[0].align == BLOCK_ALIGN_DEFAULT && d.blocks[1].align == BLOCK_ALIGN_DEFAULT);
        }
        CHECK(d.replaced_by == 0);                                    /* a self-link gives no banner */
        CHECK(d.nreadings == 1 && !strcmp(d.readings[0].word, "单")); /* empty ones are dropped */
        content_doc_free(&d);
    }
    if (c && get_doc(c, "rt-guide", &d)) {
        CHECK(d.replaced_by == 0 && d.replaced_by_title == NULL); /* a link to nothing gives no banner */
        content_doc_free(&d);
    }
    content_close(c);
}

/* 12.15: the body loops ignored sqlite3_step's final code, so a damaged page in the middle of a document gave
 * ZWGK_OK and a document cut short.  A copy gets 600 more blocks for one document, spread over many pages, and a
 * leaf page in the middle of them is overwritten: content_doc_get must fail, not return fewer blocks. */
static void regress_12_15_damaged_page_is_an_error(const char *db_path)
{
    char path[512], err[512] = "";
    tmp_path(path, sizeof path, "damaged-page.db");
    CHECK(copy_file(db_path, path) == 0);
    CHECK(db_exec(path, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600) "
                        "INSERT INTO blocks(doc_id, seq, kind, level, ordered, number, text, rows, cols) "
                        "SELECT (SELECT id FROM docs WHERE key = 'rt-policy'), 1000 + i, 1, 0, 0, 0, "
                        "printf('%0200d', i), 0, 0 FROM n;"
                        "PRAGMA journal_mode = DELETE;") == SQLITE_OK);
    content_t *c = content_open(path, err, sizeof err);
    content_doc_t d;
    size_t whole = 0;
    if (c && get_doc(c, "rt-policy", &d)) {
        whole = d.nblocks;
        content_doc_free(&d);
    }
    content_close(c);
    CHECK(whole >= 600);
    /* a leaf page of blocks half-way through those rows */
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    long page = -1, pagesize = 4096;
    int n = 0;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = 'blocks' AND pagetype = 'leaf' ORDER BY path",
                           -1, &s, NULL) == SQLITE_OK) {
        long pages[4096];
        while (sqlite3_step(s) == SQLITE_ROW && n < 4096)
            pages[n++] = sqlite3_column_int(s, 0);
        if (n > 4)
            page = pages[n - n / 4]; /* in the last quarter: among the rows just added */
    }
    sqlite3_finalize(s);
    if (sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        pagesize = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    CHECK(page > 1);
    FILE *f = fopen(path, "r+b");
    CHECK(f && fseek(f, (page - 1) * pagesize + 8, SEEK_SET) == 0); /* the cell pointers after the page header */
    for (int i = 0; f && i < 64; i++)
        fputc(0xff, f);
    if (f)
        fclose(f);
    c = content_open(path, err, sizeof err);
    CHECK(c != NULL);
    if (c) {
        long long id = content_doc_find(c, "rt-policy");
        memset(&d, 0, sizeof d);
        zwgk_result r = content_doc_get(c, id, &d);
        CHECK(r == ZWGK_ERR_SQL);
        if (r == ZWGK_OK)
            fprintf(stderr, "  12.15: a damaged page gave ZWGK_OK and %zu of %zu blocks\n", d.nblocks, whole);
        content_doc_free(&d);
    }
    content_close(c);
}

static void remove_tmp(void)
{
    static const char *const names[] = {"content.db",
                                        "missing.db",
                                        "junk.db",
                                        "empty.db",
                                        "other-app.db",
                                        "format99.db",
                                        "bad-utf8.db",
                                        "no-tables.db",
                                        "no-meta.db",
                                        "hostile.db",
                                        "format1.db",
                                        "format2.db",
                                        "damaged-page.db",
                                        "repealed.db",
                                        "repealed-src/docs/new.md",
                                        "repealed-src/docs/old1.md",
                                        "repealed-src/docs/old2.md",
                                        "repealed-src/docs/old3.md",
                                        "repealed-src/meta.yaml",
                                        "repealed-src/catalog.csv"};
    char path[512];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(tmp_path(path, sizeof path, names[i]));
    rmdir(tmp_path(path, sizeof path, "repealed-src/docs"));
    rmdir(tmp_path(path, sizeof path, "repealed-src"));
    rmdir(tmp_dir);
}

/* The document-type table (zwgk/doctype.h): a row for every type, keys and names unique and found, side tables that
 * exist in the schema, the type list of messages complete. */
static void test_doc_type_table(void)
{
    char keys[512];
    content_doc_type_keys(keys, sizeof keys);
    CHECK(content_doc_type(0) == NULL && content_doc_type(DOC_TYPE_COUNT_PLUS_ONE) == NULL);
    CHECK(content_doc_type_find("") == NULL && content_doc_type_find(NULL) == NULL);
    for (int t = 1; t < DOC_TYPE_COUNT_PLUS_ONE; t++) {
        const doc_type_info_t *d = content_doc_type(t);
        CHECK(d != NULL);
        if (!d) {
            fprintf(stderr, "  type %d has no row in src/content/doctype.c\n", t);
            continue;
        }
        CHECK(d->type == t && d->key && d->name && d->count_unit && *d->count_unit);
        CHECK(d->family >= 0 && d->family < DOC_FAMILY_COUNT);
        CHECK(content_doc_type_find(d->key) == d && content_doc_type_find(d->name) == d);
        CHECK_STR(content_doc_type_key(t), d->key);
        CHECK_STR(content_doc_type_name(t), d->name);
        for (const char *k = d->key; *k; k++)
            CHECK(*k >= 'a' && *k <= 'z');
        CHECK(strstr(keys, d->key) != NULL);
        for (int u = 1; u < t; u++)
            CHECK(strcmp(content_doc_type_key(u), d->key) && strcmp(content_doc_type_name(u), d->name));
        if (d->detail_table) {
            char want[128];
            snprintf(want, sizeof want, "CREATE TABLE %s(doc_id INTEGER PRIMARY KEY", d->detail_table);
            CHECK(strstr(content_schema_sql, want) != NULL);
            if (!strstr(content_schema_sql, want))
                fprintf(stderr, "  %s: the schema has no %s(doc_id …)\n", d->key, d->detail_table);
        }
    }
    CHECK(content_doc_type_has(DOC_POLICY, DOC_HAS_VALIDITY) && !content_doc_type_has(DOC_NOTICE, DOC_HAS_VALIDITY));
    CHECK(!content_doc_type_has(0, DOC_HAS_VALIDITY) && !content_doc_type_has(99, DOC_HAS_PROGRESS));
}

int main(void)
{
    test_doc_type_table();
    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 1;
    }
    char db_path[512], err[512] = "";
    diag_list_t d = {0};
    tmp_path(db_path, sizeof db_path, "content.db");
    zwgk_result r = author_build(ROUNDTRIP_SRC, db_path, NULL, &d, err, sizeof err);
    CHECK(r == ZWGK_OK);
    CHECK(d.count == 0); /* the fixture is clean: not even a warning */
    if (r != ZWGK_OK || d.count) {
        diag_print(&d, stderr);
        fprintf(stderr, "  author_build: %s\n", err);
    }
    diag_clear(&d);

    content_t *c = r == ZWGK_OK ? content_open(db_path, err, sizeof err) : NULL;
    CHECK(c != NULL);
    if (c) {
        test_meta_and_counts(c);
        test_directory(c);
        test_items(c);
        test_policy(c);
        test_interpretation(c);
        test_guide(c);
        test_notice_project_consultation(c);
        test_doc_lists(c);
        test_docs_count(c);
        content_close(c);
        test_open_refuses(db_path);
        test_format1_still_read(db_path);
        test_format2_still_read(db_path);
        test_invalid_utf8(db_path);
        test_hostile_values(db_path);
        regress_12_15_damaged_page_is_an_error(db_path);
    } else {
        fprintf(stderr, "  content_open: %s\n", err);
    }
    content_close(NULL);
    remove_tmp();
    return check_summary("test_content");
}
