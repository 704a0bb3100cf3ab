/* test_search.c — pinyin table, search index and search (zwgk/pinyin.h, zwgk/search.h).
 *
 * The index is built from the demo content (../assets/demo, the working directory is tests/) into a temporary
 * database with author_build, as `zwgk-admin build` would, and every query the issue lists is run against it with the
 * ids it must find asserted.  Every result of every query is also checked against the ranking and highlighting rules
 * (check_invariants), so a query added here tests those too.  Hostile input is run through the same path. */
#include "check.h"
#include "zwgk/author.h"
#include "zwgk/pinyin.h"
#include "zwgk/search.h"
#include "zwgk/text.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64], db_path[128];

/* ---- pinyin ---- */

static int has_reading(const char *ch, const char *want)
{
    size_t adv;
    const char *r[PINYIN_MAX_READINGS];
    size_t n = pinyin_readings(utf8_decode(ch, strlen(ch), &adv), r, PINYIN_MAX_READINGS);
    for (size_t i = 0; i < n && i < PINYIN_MAX_READINGS; i++)
        if (!strcmp(r[i], want))
            return 1;
    fprintf(stderr, "  %s has no reading %s (has %zu:", ch, want, n);
    for (size_t i = 0; i < n && i < PINYIN_MAX_READINGS; i++)
        fprintf(stderr, " %s", r[i]);
    fprintf(stderr, ")\n");
    return 0;
}

static void test_pinyin(void)
{
    CHECK(has_reading("养", "yang"));
    CHECK(has_reading("行", "xing"));
    CHECK(has_reading("行", "hang"));
    CHECK(has_reading("长", "chang"));
    CHECK(has_reading("长", "zhang"));
    CHECK(has_reading("重", "zhong"));
    CHECK(has_reading("重", "chong"));
    CHECK(has_reading("率", "lv"));
    CHECK(has_reading("率", "shuai"));
    CHECK(has_reading("绿", "lv"));
    CHECK(has_reading("女", "nv"));
    CHECK(has_reading("略", "lve"));
    CHECK(has_reading("低", "di"));
    CHECK(has_reading("保", "bao"));

    const char *r[PINYIN_MAX_READINGS];
    CHECK(pinyin_readings(0x884C /* 行 */, r, 1) >= 2); /* reports every reading even when fewer are asked for */
    CHECK_STR(r[0], "xing");                            /* kMandarin's reading first */
    CHECK(pinyin_readings(0x91CD /* 重 */, r, PINYIN_MAX_READINGS) == 2); /* not kHanyuPinyin's classical tong */
    CHECK(pinyin_readings('a', r, PINYIN_MAX_READINGS) == 0);
    CHECK(pinyin_readings(0x3001 /* 、 */, r, PINYIN_MAX_READINGS) == 0);
    CHECK(pinyin_readings(0x10FFFF, NULL, 0) == 0);
    CHECK(strstr(pinyin_data_version(), "Unihan") != NULL);
}

/* ---- building ---- */

static int build_demo(const char *path)
{
    diag_list_t d = {0};
    author_options_t opt = {.font_face = -1};
    char err[512] = "";
    zwgk_result r = author_build("../assets/demo", path, &opt, &d, err, sizeof err);
    if (r != ZWGK_OK) {
        diag_print(&d, stderr);
        fprintf(stderr, "build failed: %s\n", err);
    }
    diag_clear(&d);
    return r == ZWGK_OK;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (n >= 0 && (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* The index is part of the database: building twice gives the same bytes. */
static void test_build_deterministic(void)
{
    char again[160];
    snprintf(again, sizeof again, "%s/again.db", tmpdir);
    CHECK(build_demo(again));
    size_t n1 = 0, n2 = 0;
    char *a = slurp(db_path, &n1), *b = slurp(again, &n2);
    CHECK(a && b && n1 == n2 && n1 > 0 && memcmp(a, b, n1) == 0);
    free(a);
    free(b);
    unlink(again);
}

/* A copy of the demo database with one SQL statement applied, for the version checks. */
static void copy_with(const char *path, const char *sql)
{
    size_t n = 0;
    char *data = slurp(db_path, &n);
    FILE *f = fopen(path, "wb");
    CHECK(data && f && fwrite(data, 1, n, f) == n);
    if (f)
        fclose(f);
    free(data);
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

static void test_version(void)
{
    char path[160], err[256];
    snprintf(path, sizeof path, "%s/v.db", tmpdir);
    const char *cases[] = {"UPDATE meta SET value = '99' WHERE key = 'search_index_version'",
                           "DELETE FROM meta WHERE key = 'search_index_version'"};
    for (size_t i = 0; i < 2; i++) {
        copy_with(path, cases[i]);
        content_t *c = content_open(path, err, sizeof err);
        CHECK(c != NULL); /* the content is still readable without a usable index */
        err[0] = '\0';
        search_t *s = c ? search_open(c, err, sizeof err) : NULL;
        CHECK(s == NULL);
        CHECK(strstr(err, "search index") != NULL);
        search_close(s);
        content_close(c);
    }
    CHECK(search_index_version() == 1);
    unlink(path);
}

/* ---- searching ---- */

static search_t *S;

/* Every result obeys the rules: at most limit hits, one per target, name matches before body matches, current before
 * repealed within each, marks inside valid UTF-8 text, labels present. */
static void check_invariants(const char *q, const search_results_t *r, size_t limit)
{
    CHECK(r->count <= limit);
    int body = 0, gone = 0;
    for (size_t i = 0; i < r->count; i++) {
        const search_hit_t *h = &r->hits[i];
        int is_body = h->field == SEARCH_FIELD_BODY;
        if (is_body && !body) {
            body = 1;
            gone = 0;
        }
        int ok = !(body && !is_body) && !(gone && h->validity != VALIDITY_REPEALED);
        gone |= h->validity == VALIDITY_REPEALED;
        ok &= h->key && h->title && h->context && h->date && h->matched && search_hit_type_name(h)[0];
        ok &= h->mark_start <= h->mark_end && h->mark_end <= strlen(h->matched);
        ok &= utf8_valid(h->matched, strlen(h->matched), NULL) && utf8_valid(h->title, strlen(h->title), NULL);
        ok &= utf8_valid(h->matched + h->mark_start, h->mark_end - h->mark_start, NULL);
        ok &= h->field >= SEARCH_FIELD_TITLE && h->field <= SEARCH_FIELD_BODY && search_field_key(h->field)[0];
        ok &= h->is_item ? h->doc_type == 0 : h->doc_type >= DOC_POLICY && h->doc_type < DOC_TYPE_COUNT_PLUS_ONE;
        for (size_t k = 0; k < i; k++)
            ok &= !(r->hits[k].id == h->id && r->hits[k].is_item == h->is_item);
        if (!ok)
            fprintf(stderr, "  query \"%s\": hit %zu (%s) breaks a rule\n", q, i, h->key);
        CHECK(ok);
    }
}

static search_results_t run(const char *q, size_t limit)
{
    search_results_t r;
    CHECK(search_run(S, q, strlen(q), limit, &r) == ZWGK_OK);
    check_invariants(q, &r, limit ? limit : 20);
    return r;
}

/* Position of the hit with this key in the results of q (limit 200), or -1 (then saying what was found, unless quiet).
 */
static int pos_in(const char *q, const char *key, int quiet)
{
    search_results_t r = run(q, 200);
    int at = -1;
    for (size_t i = 0; i < r.count && at < 0; i++)
        if (!strcmp(r.hits[i].key, key))
            at = (int)i;
    if (at < 0 && !quiet) {
        fprintf(stderr, "  \"%s\" does not find %s; it finds:", q, key);
        for (size_t i = 0; i < r.count && i < 12; i++)
            fprintf(stderr, " %s", r.hits[i].key);
        fprintf(stderr, "\n");
    }
    search_results_free(&r);
    return at;
}

static int pos_of(const char *q, const char *key)
{
    return pos_in(q, key, 0);
}

static int finds(const char *q, const char *key)
{
    return pos_in(q, key, 0) >= 0;
}

static int misses(const char *q, const char *key)
{
    return pos_in(q, key, 1) < 0;
}

/* The first hit of q: its key, field, how and marked text, for exact checks. */
typedef struct first {
    char key[256], mark[256];
    int field, how, count;
} first_t;

static first_t first_hit(const char *q)
{
    first_t f = {0};
    search_results_t r = run(q, 20);
    f.count = (int)r.count;
    if (r.count) {
        const search_hit_t *h = &r.hits[0];
        snprintf(f.key, sizeof f.key, "%s", h->key);
        snprintf(f.mark, sizeof f.mark, "%.*s", (int)(h->mark_end - h->mark_start), h->matched + h->mark_start);
        f.field = h->field;
        f.how = h->how;
    }
    search_results_free(&r);
    return f;
}

#define ITEM_YLFW    "养老服务/老年人补贴/养老服务补贴"
#define ITEM_DIBAO1  "社会救助/最低生活保障/政策文件"
#define ITEM_DIBAO2  "社会救助/最低生活保障/办事指南"
#define ITEM_GAOLING "养老服务/老年人补贴/高龄津贴"

static void test_initials(void)
{
    first_t f = first_hit("ylfw");
    CHECK_STR(f.key, ITEM_YLFW);
    CHECK_STR(f.mark, "养老服务");
    CHECK(f.how == SEARCH_HOW_PINYIN && f.field == SEARCH_FIELD_NAME);

    f = first_hit("zdshbz"); /* 最低生活保障: the item's topic, the policy's keyword, the guide's title */
    CHECK_STR(f.mark, "最低生活保障");
    CHECK(finds("zdshbz", "guide-dibao"));
    CHECK(finds("zdshbz", "xf-dibao-policy"));
    CHECK(finds("zdshbz", ITEM_DIBAO1));
    CHECK(finds("ZDSHBZ", "guide-dibao"));   /* case does not matter */
    CHECK(finds("zdshhbzh", "guide-dibao")); /* zh, ch, sh as initials too: 生 sh, 障 zh */

    f = first_hit("db"); /* what is known as 低保: the items' alias */
    CHECK(!strcmp(f.key, ITEM_DIBAO1) || !strcmp(f.key, ITEM_DIBAO2));
    CHECK_STR(f.mark, "低保");
    CHECK(f.field == SEARCH_FIELD_ALIAS && f.how == SEARCH_HOW_PINYIN);
    CHECK(pos_of("db", ITEM_DIBAO2) >= 0 && pos_of("db", ITEM_DIBAO2) < 2);
}

static void test_full_pinyin(void)
{
    const char *forms[] = {"yanglao", "yang lao", "yangl", "yanglaofuwu", "yang lao fu wu", "yanglfw", "yanglaof"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        CHECK(finds(forms[i], ITEM_YLFW));
    first_t f = first_hit("yanglaofuwubutie");
    CHECK_STR(f.key, ITEM_YLFW);
    CHECK_STR(f.mark, "养老服务补贴");
    CHECK(misses("yan glao", ITEM_YLFW));                            /* a space is a syllable boundary */
    CHECK(finds("changshoujin", ITEM_GAOLING));                      /* 长 read chang (kMandarin says zhang) */
    CHECK(finds("xingzheng", "安全生产/安全生产监管/行政执法检查")); /* 行 xing */
    CHECK(finds("yinhang", "guide-dibao")); /* 银行 is only in bodies: found through the candidate word */
    CHECK(finds("gaoling", "xf-gaoling-policy"));
    CHECK(finds("dibao", ITEM_DIBAO1));
    CHECK(finds("lu", "公共法律服务/法律援助/法律援助办事指南")); /* u typed for ü: 律 lv */
    CHECK(finds("lv", "公共法律服务/法律援助/法律援助办事指南"));
}

static void test_mixed(void)
{
    first_t f = first_hit("低保sq");
    CHECK_STR(f.key, ITEM_DIBAO2); /* alias 低保申请 */
    CHECK_STR(f.mark, "低保申请");
    CHECK(finds("养lao", ITEM_YLFW));
    CHECK(finds("最低sh", "guide-dibao"));
    CHECK(finds("gaoling津贴", "xf-gaoling-policy"));
}

static void test_chinese(void)
{
    /* one character */
    CHECK(finds("保", "guide-dibao"));
    CHECK(finds("保", "xf-dibao-policy"));
    CHECK(finds("保", ITEM_DIBAO1));
    CHECK(finds("津", "xf-gaoling-policy"));
    CHECK(finds("窗", "guide-dibao")); /* only in bodies: the character index */
    /* two */
    CHECK(finds("低保", ITEM_DIBAO1));
    CHECK(finds("低保", "xf-dibao-policy"));
    CHECK(finds("低保", "notice-yibao-2025")); /* only in its body */
    CHECK(finds("银行", "xf-gaoling-policy"));
    /* three and more */
    CHECK(finds("养老服", ITEM_YLFW));
    CHECK(finds("养老服", "zqyj-zhucan"));
    CHECK(finds("政务公开", "xf-2024-zwgk-plan"));
    CHECK(finds("政务公开", "county-2023-zwgk-points"));
    CHECK(finds("政务公开", "notice-manyidu"));
    CHECK(finds("免申即享", "xf-gaoling-policy"));
    /* punctuation and spaces ignored on both sides */
    CHECK(finds("最低 生活，保障", "guide-dibao"));
    CHECK(misses("保障低最", "guide-dibao"));
    search_results_t r = run("低保", 20);
    CHECK(r.count > 0 && !strcmp(r.hits[0].matched + r.hits[0].mark_start, "低保"));
    search_results_free(&r);
}

/* Issue 10 §6 gave 办事流程 steps what to bring (带齐) and where (窗口); the index had only their title and detail, so
 * a word a citizen remembers from the step's 带齐 or 窗口 found nothing.  In the demo, 补正告知单 and 代填 are only in
 * guide-dibao's steps' bring, 任一网点 only in the where of guide-dibao's and guide-gaoling's last steps. */
static void regress_10_6_step_bring_and_where_searched(void)
{
    CHECK(finds("补正告知单", "guide-dibao"));
    CHECK(finds("代填", "guide-dibao"));
    CHECK(finds("任一网点", "guide-dibao"));
    CHECK(finds("任一网点", "guide-gaoling"));
    /* the result shows where it matched: an excerpt of the step's text with the word marked */
    first_t f = first_hit("补正告知单");
    CHECK_STR(f.key, "guide-dibao");
    CHECK_STR(f.mark, "补正告知单");
    f = first_hit("任一网点");
    CHECK_STR(f.mark, "任一网点");
}

/* A format 2 database (steps without bring and where, built before issue 10 §6) keeps its search. */
static void test_format2_searchable(void)
{
    char path[160], err[256] = "";
    snprintf(path, sizeof path, "%s/format2.db", tmpdir);
    copy_with(path, "ALTER TABLE steps DROP COLUMN bring; ALTER TABLE steps DROP COLUMN location; "
                    "PRAGMA user_version=2");
    content_t *c = content_open(path, err, sizeof err);
    CHECK(c != NULL && content_meta(c)->format_version == 2);
    search_t *s = c ? search_open(c, err, sizeof err) : NULL;
    CHECK(s != NULL);
    if (!s)
        fprintf(stderr, "  search_open(format 2): %s\n", err);
    /* 信息系统核对 is only in a step's detail (guide-dibao): the excerpt comes from the steps read without bring and
     * where */
    search_results_t r = {0};
    const char *q = "信息系统核对";
    CHECK(s && search_run(s, q, strlen(q), 20, &r) == ZWGK_OK && r.count > 0);
    if (r.count) {
        const search_hit_t *h = &r.hits[0];
        CHECK_STR(h->key, "guide-dibao");
        CHECK(h->mark_end - h->mark_start == strlen(q) && !strncmp(h->matched + h->mark_start, q, strlen(q)));
    }
    search_results_free(&r);
    search_close(s);
    content_close(c);
    unlink(path);
}

static void test_numbers(void)
{
    CHECK_STR(first_hit("15号").key, "xf-linshi-policy"); /* 文号 信民字〔2021〕15号 */
    CHECK(finds("15号", "xf-2024-zwgk-plan"));            /* 赣府厅字〔2024〕15号 in its body */
    CHECK(finds("2024", "xf-2024-zwgk-plan"));
    CHECK(pos_of("2024", "xf-2024-zwgk-plan") < pos_of("2024", "project-yinshui")); /* title before body */
    first_t f = first_hit("赣府厅字");
    CHECK(!strcmp(f.key, "xf-2024-zwgk-plan") || !strcmp(f.key, "xf-2024-zwgk-plan-jd"));
    CHECK_STR(f.mark, "赣府厅字");
    CHECK(f.field == SEARCH_FIELD_BODY);
    CHECK(finds("赣府厅字", "xf-2024-zwgk-plan"));
    CHECK(finds("赣府厅字202415号", "xf-2024-zwgk-plan")); /* no brackets on the keyboard */
    CHECK(finds("赣府厅字〔2024〕15号", "xf-2024-zwgk-plan"));
    CHECK(finds("１５号", "xf-linshi-policy")); /* full-width digits */
    CHECK(finds("信民字", "xf-gaoling-policy"));
    search_results_t r = run("赣府厅字", 20);
    for (size_t i = 0; i < r.count; i++) /* the excerpt marks exactly the characters typed */
        CHECK(
            !strncmp(r.hits[i].matched + r.hits[i].mark_start, "赣府厅字", r.hits[i].mark_end - r.hits[i].mark_start) &&
            r.hits[i].mark_end - r.hits[i].mark_start == strlen("赣府厅字"));
    search_results_free(&r);
}

static void test_aliases(void)
{
    CHECK_STR(first_hit("低保").key, ITEM_DIBAO1);
    CHECK_STR(first_hit("长寿金").key, ITEM_GAOLING);
    CHECK(first_hit("长寿金").field == SEARCH_FIELD_ALIAS);
    CHECK(finds("吃低保", ITEM_DIBAO2));
    CHECK(finds("csj", ITEM_GAOLING));
    CHECK(finds("高龄补贴", "guide-gaoling")); /* a document keyword */
}

static void test_ranking(void)
{
    /* 现行有效 before 已废止: the two near-identical titles */
    const char *qs[] = {"高龄津贴发放管理办法", "gljtffglbf", "高龄津贴", "长寿金", "gaolingjintie"};
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        int cur = pos_of(qs[i], "xf-gaoling-policy"), old = pos_of(qs[i], "xf-gaoling-policy-2019");
        CHECK(cur >= 0 && old >= 0 && cur < old);
    }
    search_results_t r = run("高龄津贴发放管理办法", 20);
    CHECK(r.count >= 2 && r.hits[0].validity == VALIDITY_CURRENT);
    int seen_old = 0;
    for (size_t i = 0; i < r.count; i++)
        if (!strcmp(r.hits[i].key, "xf-gaoling-policy-2019")) {
            seen_old = 1;
            CHECK(r.hits[i].validity == VALIDITY_REPEALED);
            CHECK_STR(search_hit_type_name(&r.hits[i]), "政策文件");
        }
    CHECK(seen_old);
    search_results_free(&r);
    /* title before body: 高龄津贴 is in item 发放结果's body only */
    CHECK(pos_of("高龄津贴", "xf-gaoling-policy") < pos_of("高龄津贴", "养老服务/老年人补贴/发放结果"));
    /* the whole name before a name that starts with it, before one that contains it */
    CHECK(pos_of("低保", ITEM_DIBAO1) < pos_of("低保", "社会救助/最低生活保障/救助结果")); /* 低保户 */
    CHECK(pos_of("低保", "社会救助/最低生活保障/救助结果") <
          pos_of("低保", "社会救助/社会救助监督/投诉举报")); /* 举报低保 */
    /* labels */
    r = run("ylfw", 5);
    CHECK(r.count > 0 && r.hits[0].is_item && !strcmp(search_hit_type_name(&r.hits[0]), "公开事项"));
    CHECK(r.count > 0 && strstr(r.hits[0].context, "养老服务") != NULL);
    search_results_free(&r);
    r = run("最低生活保障审核确认", 5);
    CHECK(r.count > 0 && !strcmp(r.hits[0].key, "guide-dibao") && r.hits[0].doc_type == DOC_GUIDE);
    CHECK(r.count > 0 && !strcmp(search_hit_type_name(&r.hits[0]), "办事指南"));
    search_results_free(&r);
}

static void test_limits(void)
{
    search_results_t r = run("保", 1);
    CHECK(r.count == 1);
    search_results_free(&r);
    CHECK(search_run(S, "保", strlen("保"), 100000, &r) == ZWGK_OK);
    CHECK(r.count > 20 && r.count <= SEARCH_LIMIT_MAX);
    search_results_free(&r);
    r = run("保", 0); /* 0 means the default */
    CHECK(r.count == 20);
    search_results_free(&r);
}

/* Any bytes: results or none, never an error or a crash. */
static void test_hostile(void)
{
    const char *inputs[] = {"\"",
                            "*",
                            "(",
                            ")",
                            "NEAR",
                            "AND",
                            "OR",
                            "-",
                            "%",
                            "_",
                            "\"\"",
                            "低保\"",
                            "\"低保\" OR *",
                            "低保*",
                            "低保 NEAR(a b)",
                            "a AND b",
                            "NOT 低保",
                            "-低保",
                            "低保%",
                            "%低保%",
                            "_保",
                            "'; DROP TABLE docs; --",
                            "\\",
                            "^保",
                            "{低保}",
                            ":",
                            "保:",
                            "\xff\xfe",
                            "\xe4\xbd",
                            "\x80\x80\x80",
                            "\xc0\xaf",
                            "低\xff保",
                            "\xed\xa0\x80",
                            "   ",
                            ""};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        search_results_t r = run(inputs[i], 20);
        search_results_free(&r);
        search_words_t w;
        CHECK(search_candidates(S, inputs[i], strlen(inputs[i]), 10, &w) == ZWGK_OK);
        search_words_free(&w);
    }
    /* wildcards are not wildcards: a LIKE-based search would match everything */
    CHECK(first_hit("%").count == 0);
    CHECK(first_hit("_").count == 0);
    CHECK(first_hit("*").count == 0);
    /* syntax around a real query is ignored, the query still works */
    CHECK(finds("\"低保\"*", ITEM_DIBAO1));
    CHECK(finds("(低保) -%_", ITEM_DIBAO1));
    CHECK(finds("低\xff保", ITEM_DIBAO1)); /* a bad byte is not a word character: dropped like punctuation */
    CHECK(finds("(低保)", ITEM_DIBAO1));
    /* NULL, embedded NUL, 100 KB of letters, ideographs and random bytes */
    search_results_t r;
    CHECK(search_run(S, NULL, 0, 20, &r) == ZWGK_OK && r.count == 0);
    search_results_free(&r);
    CHECK(search_run(S, "低\0保", 4, 20, &r) == ZWGK_OK);
    search_results_free(&r);
    size_t big = 100 * 1024;
    char *buf = malloc(big + 1);
    CHECK(buf != NULL);
    if (!buf)
        return;
    const char *fills[] = {"a", "保", "低保", "(", "\""};
    for (size_t f = 0; f < sizeof fills / sizeof fills[0]; f++) {
        size_t n = strlen(fills[f]), len = big / n * n;
        for (size_t i = 0; i < len; i += n)
            memcpy(buf + i, fills[f], n);
        CHECK(search_run(S, buf, len, 20, &r) == ZWGK_OK);
        check_invariants("100 KB", &r, 20);
        search_results_free(&r);
        search_words_t w;
        CHECK(search_candidates(S, buf, len, 10, &w) == ZWGK_OK);
        search_words_free(&w);
    }
    uint32_t x = 12345;
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < big; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (char)(x >> 16);
        }
        size_t len = round < 10 ? big : (size_t)(x % 64);
        CHECK(search_run(S, buf, len, 20, &r) == ZWGK_OK);
        check_invariants("random bytes", &r, 20);
        search_results_free(&r);
    }
    free(buf);
}

static int first_candidate_is(const char *input, const char *want)
{
    search_words_t w;
    CHECK(search_candidates(S, input, strlen(input), 10, &w) == ZWGK_OK);
    int ok = w.count > 0 && !strcmp(w.items[0].word, want);
    if (!ok) {
        fprintf(stderr, "  candidates for %s:", input);
        for (size_t i = 0; i < w.count; i++)
            fprintf(stderr, " %s(%lld)", w.items[i].word, w.items[i].freq);
        fprintf(stderr, "; expected %s first\n", want);
    }
    search_words_free(&w);
    return ok;
}

static void test_candidates(void)
{
    CHECK(first_candidate_is("yanglao", "养老"));
    CHECK(first_candidate_is("yang lao", "养老"));
    CHECK(first_candidate_is("yangl", "养老"));
    CHECK(first_candidate_is("yiliao", "医疗"));
    CHECK(first_candidate_is("yang", "养"));
    CHECK(first_candidate_is("db", "低保"));
    CHECK(first_candidate_is("dibao", "低保"));
    CHECK(first_candidate_is("zhengwugongkai", "政务公开"));
    CHECK(first_candidate_is("shuai", "率"));
    search_words_t w;
    CHECK(search_candidates(S, "lv", 2, 50, &w) == ZWGK_OK);
    int lv = 0;
    for (size_t i = 0; i < w.count; i++) {
        lv |= !strcmp(w.items[i].word, "率");
        CHECK(i == 0 || w.items[i - 1].freq >= w.items[i].freq ||
              strlen(w.items[i - 1].word) < strlen(w.items[i].word));
    }
    CHECK(lv);
    search_words_free(&w);
    CHECK(search_candidates(S, "qqqqqq", 6, 10, &w) == ZWGK_OK && w.count == 0);
    search_words_free(&w);
}

int main(void)
{
    test_pinyin();
    snprintf(tmpdir, sizeof tmpdir, "/tmp/zwgk-test-search-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(db_path, sizeof db_path, "%s/demo.db", tmpdir);
    CHECK(build_demo(db_path));
    test_build_deterministic();
    test_version();
    test_format2_searchable();
    char err[512];
    content_t *c = content_open(db_path, err, sizeof err);
    S = c ? search_open(c, err, sizeof err) : NULL;
    CHECK(S != NULL);
    if (!S)
        fprintf(stderr, "cannot open the index: %s\n", err);
    if (S) {
        test_initials();
        test_full_pinyin();
        test_mixed();
        test_chinese();
        regress_10_6_step_bring_and_where_searched();
        test_numbers();
        test_aliases();
        test_ranking();
        test_limits();
        test_hostile();
        test_candidates();
    }
    search_close(S);
    content_close(c);
    unlink(db_path);
    rmdir(tmpdir);
    return check_summary("test_search");
}
