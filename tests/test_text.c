/* test_text.c — the text module: UTF-8, Chinese line breaking and paragraph layout.
 *
 * Decoding tests copy each input into a heap block of exactly its length, so that under ASan any read past len is a
 * crash rather than a silent pass.  Layout is tested with fixed-width metrics (CJK 40 px, ASCII 20 px), then against
 * the two real seed documents at every kiosk width and font size, then against random bytes. */
#include "check.h"
#include "text_check.h"
#include "zwgk/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------------------------------------- */

typedef struct fixed_metrics {
    int cjk, ascii; /* advance of a non-ASCII and of an ASCII code point */
    long calls;
} fixed_metrics_t;

static int fixed_measure(void *ctx, uint32_t cp)
{
    fixed_metrics_t *m = ctx;
    m->calls++;
    return cp < 0x80u ? m->ascii : m->cjk;
}

/* Decodes s[0..len) from an exact-size heap copy; returns the code point and its advance. */
static uint32_t decode_exact(const char *s, size_t len, size_t *adv)
{
    char *copy = malloc(len);
    if (!copy)
        abort();
    memcpy(copy, s, len);
    uint32_t cp = utf8_decode(copy, len, adv);
    free(copy);
    return cp;
}

/* The break value before the first occurrence of needle in s (needle must occur). */
static int break_before(const char *s, const char *needle)
{
    size_t len = strlen(s);
    const char *at = strstr(s, needle);
    if (!at || at == s)
        return -1;
    char *out = malloc(len);
    if (!out)
        abort();
    text_breaks(s, len, out);
    int b = out[at - s];
    free(out);
    return b;
}

/* True when no break opportunity falls strictly inside the first occurrence of needle in s. */
static bool whole(const char *s, const char *needle)
{
    size_t len = strlen(s), nlen = strlen(needle);
    const char *at = strstr(s, needle);
    if (!at)
        return false;
    char *out = malloc(len);
    if (!out)
        abort();
    text_breaks(s, len, out);
    bool ok = true;
    for (size_t i = (size_t)(at - s) + 1; i < (size_t)(at - s) + nlen; i++)
        if (out[i] != TEXT_BREAK_NO)
            ok = false;
    free(out);
    return ok;
}

static bool is_gap_char(uint32_t cp)
{
    return text_is_space(cp) || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
}

/* Lines cover s[0..len) in order: each starts at a code point boundary, and what lies between lines (and after the
 * last) is spaces and hard breaks only. */
static bool lines_cover(const char *s, size_t len, const text_lines_t *l, size_t first)
{
    if (l->count <= first || l->lines[first].start != 0)
        return false;
    char *boundary = calloc(len + 1, 1);
    if (!boundary)
        abort();
    size_t adv;
    for (size_t i = 0; i < len; i += adv) {
        boundary[i] = 1;
        (void)utf8_decode(s + i, len - i, &adv);
    }
    boundary[len] = 1;
    bool ok = true;
    for (size_t k = first; k < l->count && ok; k++) {
        const text_line_t *ln = &l->lines[k];
        size_t gap_end = k + 1 < l->count ? l->lines[k + 1].start : len;
        if (ln->start > ln->end || ln->end > gap_end || gap_end > len || !boundary[ln->start] || !boundary[ln->end])
            ok = false;
        for (size_t i = ln->end; ok && i < gap_end; i += adv)
            if (!is_gap_char(utf8_decode(s + i, gap_end - i, &adv)))
                ok = false;
    }
    free(boundary);
    return ok;
}

/* Width of s[a..b) as layout measures it (hard breaks take none). */
static int measured(const char *s, size_t a, size_t b, fixed_metrics_t *m)
{
    int w = 0;
    size_t adv;
    for (size_t i = a; i < b; i += adv) {
        uint32_t cp = utf8_decode(s + i, b - i, &adv);
        if (!is_gap_char(cp) || text_is_space(cp))
            w += fixed_measure(m, cp);
    }
    return w;
}

static bool line_is(const char *s, const text_line_t *ln, const char *want)
{
    return ln->end - ln->start == strlen(want) && memcmp(s + ln->start, want, ln->end - ln->start) == 0;
}

/* ---- UTF-8 --------------------------------------------------------------------------------------------------- */

static void test_utf8_decode_valid(void)
{
    static const struct {
        const char *s;
        size_t len;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 'A'},
        {"\0", 1, 0},
        {"\x7F", 1, 0x7F},
        {"\xC2\x80", 2, 0x80},
        {"\xC3\xA9", 2, 0xE9},
        {"\xDF\xBF", 2, 0x7FF},
        {"\xE0\xA0\x80", 3, 0x800},
        {"\xE4\xB8\xAD", 3, 0x4E2D},
        {"\xED\x9F\xBF", 3, 0xD7FF},
        {"\xEE\x80\x80", 3, 0xE000},
        {"\xEF\xBF\xBD", 3, 0xFFFD},
        {"\xEF\xBF\xBF", 3, 0xFFFF},
        {"\xF0\x90\x80\x80", 4, 0x10000},
        {"\xF0\x9F\x98\x80", 4, 0x1F600},
        {"\xF0\xA0\x80\x80", 4, 0x20000},
        {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t adv = 0;
        CHECK(decode_exact(cases[i].s, cases[i].len, &adv) == cases[i].cp);
        CHECK(adv == cases[i].len);
        char enc[4];
        CHECK(utf8_encode(cases[i].cp, enc) == cases[i].len && memcmp(enc, cases[i].s, cases[i].len) == 0);
    }
    /* a sequence followed by more text decodes only itself */
    size_t adv = 0;
    CHECK(decode_exact("\xE4\xB8\xAD\xE6\x96\x87", 6, &adv) == 0x4E2D && adv == 3);
}

static void test_utf8_decode_invalid(void)
{
    static const struct {
        const char *s;
        size_t len;
    } cases[] = {
        {"\x80", 1},                 /* continuation only */
        {"\xBF\xBF", 2},             /* continuations only */
        {"\xC3", 1},                 /* truncated 2-byte */
        {"\xE4\xB8", 2},             /* truncated 3-byte */
        {"\xF0\x9F\x98", 3},         /* truncated 4-byte */
        {"\xE4\xB8\xAD", 2},         /* valid but cut by len: must not read the third byte */
        {"\xC3\x41", 2},             /* lead then ASCII */
        {"\xE4\x41\x80", 3},         /* lead, ASCII, continuation */
        {"\xC0\x80", 2},             /* overlong NUL */
        {"\xC1\xBF", 2},             /* overlong 2-byte */
        {"\xE0\x80\x80", 3},         /* overlong 3-byte */
        {"\xE0\x9F\xBF", 3},         /* overlong U+07FF */
        {"\xF0\x80\x80\x80", 4},     /* overlong 4-byte */
        {"\xF0\x8F\xBF\xBF", 4},     /* overlong U+FFFF */
        {"\xED\xA0\x80", 3},         /* surrogate U+D800 */
        {"\xED\xBF\xBF", 3},         /* surrogate U+DFFF */
        {"\xF4\x90\x80\x80", 4},     /* U+110000 */
        {"\xF5\x80\x80\x80", 4},     /* lead beyond F4 */
        {"\xF8\x88\x80\x80\x80", 5}, /* 5-byte form */
        {"\xFE", 1},
        {"\xFF", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t adv = 0;
        CHECK(decode_exact(cases[i].s, cases[i].len, &adv) == TEXT_REPLACEMENT);
        CHECK(adv == 1);
        /* a loop over the whole input makes progress on every byte and never reads past len */
        size_t n = 0;
        for (size_t p = 0; p < cases[i].len; p += adv, n++)
            (void)decode_exact(cases[i].s + p, cases[i].len - p, &adv);
        CHECK(n >= 1 && n <= cases[i].len);
        CHECK(!utf8_valid(cases[i].s, cases[i].len, NULL));
    }
    char enc[4];
    CHECK(utf8_encode(0xD800, enc) == 3 && memcmp(enc, "\xEF\xBF\xBD", 3) == 0);
    CHECK(utf8_encode(0xDFFF, enc) == 3 && memcmp(enc, "\xEF\xBF\xBD", 3) == 0);
    CHECK(utf8_encode(0x110000, enc) == 3 && memcmp(enc, "\xEF\xBF\xBD", 3) == 0);
}

static void test_utf8_encode_roundtrip(void)
{
    bool ok = true;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x3000 ? 1 : 7)) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char buf[4];
        size_t n = utf8_encode(cp, buf), adv = 0;
        if (utf8_decode(buf, n, &adv) != cp || adv != n || !utf8_valid(buf, n, NULL))
            ok = false;
    }
    CHECK(ok);
}

static void test_utf8_valid_sanitize_count(void)
{
    size_t bad = 99;
    CHECK(utf8_valid("", 0, &bad) && bad == 99);
    CHECK(utf8_valid("政务公开 abc", strlen("政务公开 abc"), NULL));
    CHECK(!utf8_valid("ab\xE4\xB8", 4, &bad) && bad == 2);
    CHECK(!utf8_valid("中\xFF", 4, &bad) && bad == 3);

    char *s = utf8_sanitize("a\xFF"
                            "b",
                            3);
    CHECK_STR(s, "a\xEF\xBF\xBD"
                 "b");
    free(s);
    s = utf8_sanitize("\xE4\xB8", 2); /* truncated: one U+FFFD per byte */
    CHECK_STR(s, "\xEF\xBF\xBD\xEF\xBF\xBD");
    free(s);
    s = utf8_sanitize("信丰县", strlen("信丰县"));
    CHECK_STR(s, "信丰县");
    free(s);
    s = utf8_sanitize("", 0);
    CHECK_STR(s, "");
    free(s);

    CHECK(utf8_count("", 0) == 0);
    CHECK(utf8_count("政务公开abc", strlen("政务公开abc")) == 7);
    CHECK(utf8_count("\xE4\xB8"
                     "a\xFF",
                     4) == 4);
}

static void test_utf8_prev(void)
{
    const char *s = "a中\xF0\x9F\x98\x80\xB8\xE4\xB8"
                    "b";
    size_t len = strlen(s);
    /* walk forwards, then backwards with utf8_prev, and compare the boundaries */
    size_t fwd[32], n = 0, adv;
    for (size_t i = 0; i < len; i += adv) {
        fwd[n++] = i;
        (void)utf8_decode(s + i, len - i, &adv);
    }
    bool ok = true;
    size_t pos = len;
    for (size_t k = n; k-- > 0;) {
        pos = utf8_prev(s, pos);
        if (pos != fwd[k])
            ok = false;
    }
    CHECK(ok && pos == 0);
}

/* ---- line breaking -------------------------------------------------------------------------------------------- */

static void test_breaks_basic(void)
{
    const char *s = "政务公开\n中";
    char out[32];
    text_breaks(s, strlen(s), out);
    CHECK(out[0] == TEXT_BREAK_NO);
    CHECK(out[1] == TEXT_BREAK_NO && out[2] == TEXT_BREAK_NO); /* inside 政 */
    CHECK(out[3] == TEXT_BREAK_ALLOW && out[6] == TEXT_BREAK_ALLOW && out[9] == TEXT_BREAK_ALLOW);
    CHECK(out[12] == TEXT_BREAK_NO);   /* before the newline */
    CHECK(out[13] == TEXT_BREAK_MUST); /* after it */

    text_breaks("a\r\nb", 4, out);
    CHECK(out[1] == TEXT_BREAK_NO && out[2] == TEXT_BREAK_NO && out[3] == TEXT_BREAK_MUST);
    text_breaks("ab cd", 5, out);
    CHECK(out[2] == TEXT_BREAK_NO && out[3] == TEXT_BREAK_ALLOW);
}

static void test_breaks_no_line_start(void)
{
    static const char *const punct[] = {"、", "。", "，", "．", "：", "；", "！", "？", "）", "】", "》",
                                        "〉", "」", "』", "〕", "〗", "”",  "’",  "％", ",",  ".",  ":",
                                        ";",  "!",  "?",  ")",  "]",  "}",  "%",  "｝", "］"};
    for (size_t i = 0; i < sizeof punct / sizeof punct[0]; i++) {
        char s[64];
        snprintf(s, sizeof s, "政务%s公开", punct[i]);
        CHECK(break_before(s, punct[i]) == TEXT_BREAK_NO);
        snprintf(s, sizeof s, "政务 %s公开", punct[i]); /* a space before does not open a gap */
        CHECK(break_before(s, punct[i]) == TEXT_BREAK_NO);
        size_t adv;
        CHECK(text_is_no_line_start(utf8_decode(punct[i], strlen(punct[i]), &adv)));
    }
    CHECK(!text_is_no_line_start(0x653F)); /* 政 */
    CHECK(break_before("公开。政务", "政") == TEXT_BREAK_ALLOW);
}

static void test_breaks_no_line_end(void)
{
    static const char *const punct[] = {"（", "【", "《", "〈", "「", "『", "〔", "〖", "“", "‘", "(", "[", "{"};
    for (size_t i = 0; i < sizeof punct / sizeof punct[0]; i++) {
        char s[64];
        snprintf(s, sizeof s, "政务%s公开", punct[i]);
        CHECK(break_before(s, "公") == TEXT_BREAK_NO);
        snprintf(s, sizeof s, "政务%s 公开", punct[i]); /* nor does a space after */
        CHECK(break_before(s, "公") == TEXT_BREAK_NO);
        size_t adv;
        CHECK(text_is_no_line_end(utf8_decode(punct[i], strlen(punct[i]), &adv)));
    }
    CHECK(break_before("政务（公开）", "（") == TEXT_BREAK_ALLOW);
}

static void test_breaks_keep_whole(void)
{
    CHECK(whole("全县2024年政务公开", "2024年"));
    CHECK(whole("全县2024年政务公开", "县2") == false); /* but a number may start a line */
    CHECK(whole("根据通知（赣府厅字〔2024〕15号）和", "赣府厅字〔2024〕15号）"));
    CHECK(whole("通知（〔2024〕35号）精神", "〔2024〕35号）"));
    CHECK(whole("的通知》(川办函〔2022〕89号)", "川办函〔2022〕89号)"));
    CHECK(whole("扫码访问https://zwfw.xinfeng.example/a/b?c=1办理", "https://zwfw.xinfeng.example/a/b?c=1"));
    CHECK(whole("政务disclosure公开", "disclosure"));
    CHECK(whole("完成率达到95%以上", "95%"));
    CHECK(whole("第3次会议", "第3次"));
    /* a long run of ideographs before 〔 is prose, not an issuer code: it may still break */
    CHECK(!whole("根据国务院办公厅国办发〔2024〕1号", "国办发〔"));
    CHECK(whole("根据国务院办公厅国办发〔2024〕1号", "〔2024〕1号"));
    /* ordinary text still breaks */
    CHECK(break_before("政务disclosure公开", "公") == TEXT_BREAK_ALLOW);
    CHECK(break_before("English words here", "words") == TEXT_BREAK_ALLOW);
}

/* Rules 6 and 7, and the separator dots: short parentheticals and spaced short words stay whole, · never ends a
 * line and starts one only as a spaced separator's next field. */
static void test_breaks_short_words_and_separators(void)
{
    CHECK(whole("本机收录（演示）内容", "（演示）"));
    CHECK(whole("列入（一）类", "（一）"));
    CHECK(!whole("列入（这是五个字）类", "（这是五个字）")); /* longer: prose, breakable */
    CHECK(!whole("所谓“十百千万”工程", "“十百千万”"));       /* quotes and titles break like prose */
    CHECK(whole("政策文件 · 2024-07-12 · 已废止", "已废止"));
    CHECK(whole("现行有效 · 信府办字〔2024〕1号", "现行有效"));
    CHECK(!whole("这是一段 没有标签的长长文字", "没有标签的长长文字"));
    /* spaced: the break comes after the separator's spaces, so layout can drop " · " at it */
    CHECK(break_before("信丰县 · 2024", "2024") == TEXT_BREAK_ALLOW);
    CHECK(break_before("信丰县 · 2024", "·") == TEXT_BREAK_NO);
    /* a 间隔号 inside a name: neither side */
    CHECK(break_before("卡尔·马克思", "·") == TEXT_BREAK_NO && break_before("卡尔·马克思", "马") == TEXT_BREAK_NO);
    CHECK(text_is_no_line_end(0x00B7) && text_is_no_line_start(0x00B7));
    CHECK(text_line_breaks_rules("政务公开·", strlen("政务公开·")));
}

static void test_breaks_invalid_utf8(void)
{
    char out[16];
    text_breaks("中\xFF中", 7, out);
    CHECK(out[0] == TEXT_BREAK_NO && out[3] == TEXT_BREAK_ALLOW && out[4] == TEXT_BREAK_ALLOW);
    CHECK(out[1] == TEXT_BREAK_NO && out[5] == TEXT_BREAK_NO);
    text_breaks("（\xFF", 4, out);
    CHECK(out[3] == TEXT_BREAK_NO);
    text_breaks("a\n\xFF", 3, out);
    CHECK(out[2] == TEXT_BREAK_MUST);
    text_breaks("中\xE4\xB8", 5, out); /* truncated at the end */
    CHECK(out[3] == TEXT_BREAK_ALLOW && out[4] == TEXT_BREAK_ALLOW);
}

/* libunibreak 1.1 takes U+FFFF for its end-of-string sentinel and aborts on an assertion when it meets one. */
static void test_breaks_u_ffff_does_not_abort(void)
{
    char out[16];
    text_breaks("a\xEF\xBF\xBF"
                "b",
                5, out);
    CHECK(out[0] == TEXT_BREAK_NO && out[2] == TEXT_BREAK_NO && out[3] == TEXT_BREAK_NO);
    CHECK(out[1] != TEXT_BREAK_MUST && out[4] != TEXT_BREAK_MUST);
}

static void test_line_breaks_rules(void)
{
    CHECK(text_line_breaks_rules("。政务", strlen("。政务")));
    CHECK(text_line_breaks_rules("政务（", strlen("政务（")));
    CHECK(text_line_breaks_rules(")ab", 3));
    CHECK(!text_line_breaks_rules("政务公开。", strlen("政务公开。")));
    CHECK(!text_line_breaks_rules("（政务公开）", strlen("（政务公开）")));
    CHECK(!text_line_breaks_rules("", 0));
    CHECK(!text_line_breaks_rules("政\xB8", 4));
}

/* ---- layout -------------------------------------------------------------------------------------------------- */

static void test_layout_widths_and_indent(void)
{
    fixed_metrics_t m = {40, 20, 0};
    text_lines_t l = {0};
    const char *s = "一二三四五六七八九十一二三四五六七八九十一二三四五";
    size_t len = strlen(s);
    CHECK(text_layout_paragraph(s, len, 400, 80, fixed_measure, &m, &l) == 3);
    CHECK(l.count == 3);
    CHECK(l.lines[0].indent == 80 && l.lines[0].width == 400 && l.lines[0].end == 8 * 3);
    CHECK(l.lines[1].indent == 0 && l.lines[1].width == 400 && l.lines[1].start == 8 * 3);
    CHECK(l.lines[2].width == 7 * 40 && l.lines[2].end == len);
    CHECK(m.calls == 25); /* each code point measured once */
    CHECK(lines_cover(s, len, &l, 0));

    /* re-layout after warm-up reuses both buffers */
    text_line_t *lines = l.lines;
    char *brk = l.brk;
    size_t cap = l.cap;
    text_lines_clear(&l);
    CHECK(l.count == 0);
    CHECK(text_layout_paragraph(s, len, 400, 80, fixed_measure, &m, &l) == 3);
    CHECK(l.lines == lines && l.brk == brk && l.cap == cap);

    /* appending keeps what was there */
    CHECK(text_layout_paragraph("政务", strlen("政务"), 400, 0, fixed_measure, &m, &l) == 1);
    CHECK(l.count == 4 && l.lines[3].start == 0 && l.lines[3].width == 80);
    text_lines_free(&l);
    CHECK(l.lines == NULL && l.brk == NULL && l.count == 0 && l.cap == 0);
    text_lines_free(&l);
}

static void test_layout_chinese_rules(void)
{
    fixed_metrics_t m = {40, 20, 0};
    text_lines_t l = {0};
    /* 。 would start line 2: 十 goes down with it */
    const char *s = "一二三四五六七八九十。一二";
    CHECK(text_layout_paragraph(s, strlen(s), 400, 0, fixed_measure, &m, &l) == 2);
    CHECK(line_is(s, &l.lines[0], "一二三四五六七八九") && l.lines[0].width == 360);
    CHECK(line_is(s, &l.lines[1], "十。一二"));
    /* （ would end line 1: it goes down */
    text_lines_clear(&l);
    s = "一二三四五六七八九（十）";
    CHECK(text_layout_paragraph(s, strlen(s), 400, 0, fixed_measure, &m, &l) == 2);
    CHECK(line_is(s, &l.lines[0], "一二三四五六七八九"));
    CHECK(line_is(s, &l.lines[1], "（十）"));
    /* a 文号 (480 px with its brackets) moves to the next line whole */
    text_lines_clear(&l);
    s = "根据通知（赣府厅字〔2024〕15号）精神";
    CHECK(text_layout_paragraph(s, strlen(s), 520, 0, fixed_measure, &m, &l) == 3);
    CHECK(line_is(s, &l.lines[0], "根据通知"));
    CHECK(line_is(s, &l.lines[1], "（赣府厅字〔2024〕15号）精") && l.lines[1].width == 520);
    CHECK(line_is(s, &l.lines[2], "神"));
    text_lines_free(&l);
}

static void test_layout_spaces_and_hard_breaks(void)
{
    fixed_metrics_t m = {40, 20, 0};
    text_lines_t l = {0};
    const char *s = "ab   ";
    CHECK(text_layout_paragraph(s, strlen(s), 400, 0, fixed_measure, &m, &l) == 1);
    CHECK(l.lines[0].end == 2 && l.lines[0].width == 40);

    text_lines_clear(&l);
    s = "ab cd ef";
    CHECK(text_layout_paragraph(s, strlen(s), 100, 0, fixed_measure, &m, &l) == 2);
    CHECK(line_is(s, &l.lines[0], "ab cd") && l.lines[0].width == 100);
    CHECK(line_is(s, &l.lines[1], "ef") && l.lines[1].start == 6);

    text_lines_clear(&l);
    s = "ab\ncd\r\nef\n\ngh\n";
    CHECK(text_layout_paragraph(s, strlen(s), 400, 40, fixed_measure, &m, &l) == 5);
    CHECK(line_is(s, &l.lines[0], "ab") && l.lines[0].width == 80 && l.lines[0].indent == 40);
    CHECK(line_is(s, &l.lines[1], "cd") && l.lines[1].width == 40 && l.lines[1].indent == 0);
    CHECK(line_is(s, &l.lines[2], "ef"));
    CHECK(line_is(s, &l.lines[3], "") && l.lines[3].width == 0);
    CHECK(line_is(s, &l.lines[4], "gh"));
    CHECK(lines_cover(s, strlen(s), &l, 0));

    text_lines_clear(&l);
    CHECK(text_layout_paragraph("", 0, 400, 80, fixed_measure, &m, &l) == 1);
    CHECK(l.lines[0].start == 0 && l.lines[0].end == 0 && l.lines[0].width == 80);
    text_lines_free(&l);
}

static void test_layout_overlong_run(void)
{
    fixed_metrics_t m = {40, 20, 0};
    text_lines_t l = {0};
    const char *url = "https://zwfw.xinfeng.example/service/guide/apply.html?item=10086&lang=zh-CN";
    char s[256];
    snprintf(s, sizeof s, "网址：%s。", url);
    size_t len = strlen(s);
    int n = text_layout_paragraph(s, len, 300, 0, fixed_measure, &m, &l);
    CHECK(n >= 6);
    CHECK(lines_cover(s, len, &l, 0));
    bool ok = true;
    for (size_t k = 0; k < l.count; k++) {
        const text_line_t *ln = &l.lines[k];
        if (ln->width > 300 || text_line_breaks_rules(s + ln->start, ln->end - ln->start))
            ok = false;
        if (k > 0 && ln->start != l.lines[k - 1].end) /* split between code points: nothing dropped */
            ok = false;
    }
    CHECK(ok);
    CHECK(line_is(s, &l.lines[0], "网址："));

    /* a glyph wider than the line stands alone */
    text_lines_clear(&l);
    CHECK(text_layout_paragraph("一二", strlen("一二"), 30, 0, fixed_measure, &m, &l) == 2);
    CHECK(l.lines[0].width == 40 && l.lines[1].width == 40);
    text_lines_free(&l);
}

/* ---- the seed documents -------------------------------------------------------------------------------------- */

/* The two seed documents, copied into tests/data/seeds (tests never read ../shared); tests run from tests/. */
static char *read_seed(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "data/seeds/%s", name); /* the test runs in tests/ */
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
            *len = fread(buf, 1, (size_t)n, f);
            buf[*len] = '\0';
        }
    }
    fclose(f);
    return buf;
}

typedef struct seed_stats {
    long lines, rule_violations, too_wide, split_ascii, bad_width, bad_cover, bad_set;
} seed_stats_t;

/* True when byte offset cut (a line boundary) falls inside a run of printable ASCII, or between digits and 年/号. */
static bool splits_word(const char *s, size_t len, size_t cut)
{
    if (cut == 0 || cut >= len)
        return false;
    unsigned char a = (unsigned char)s[cut - 1], b = (unsigned char)s[cut];
    if (a > 0x20 && a < 0x7F && b > 0x20 && b < 0x7F)
        return true;
    return a >= '0' && a <= '9' && (strncmp(s + cut, "年", 3) == 0 || strncmp(s + cut, "号", 3) == 0);
}

static void layout_seed_paragraph(const char *p, size_t len, int max_width, int size, text_lines_t *l, seed_stats_t *st)
{
    fixed_metrics_t m = {size, size / 2, 0};
    text_lines_clear(l);
    if (text_layout_paragraph(p, len, max_width, 2 * size, fixed_measure, &m, l) < 1) {
        st->bad_cover++;
        return;
    }
    if (!lines_cover(p, len, l, 0))
        st->bad_cover++;
    size_t adv;
    bool starts_bad = len > 0 && text_is_no_line_start(utf8_decode(p, len, &adv));
    for (size_t k = 0; k < l->count; k++) {
        const text_line_t *ln = &l->lines[k];
        size_t n = ln->end - ln->start;
        st->lines++;
        if (!(k == 0 && starts_bad) && text_line_breaks_rules(p + ln->start, n)) {
            st->rule_violations++;
            if (st->rule_violations <= 3)
                fprintf(stderr, "rule broken at %d px / %d px: \"%.*s\"\n", max_width, size, (int)n, p + ln->start);
        }
        if (ln->width > max_width && utf8_count(p + ln->start, n) > 1)
            st->too_wide++;
        if (ln->width != ln->indent + measured(p, ln->start, ln->end, &m))
            st->bad_width++;
        if (k > 0 && splits_word(p, len, ln->start))
            st->split_ascii++;
    }
    /* The same paragraph set for the reader: justified, then flush end. */
    for (int align = TEXT_ALIGN_JUSTIFY; align <= TEXT_ALIGN_END; align += TEXT_ALIGN_END) {
        text_setting_t set = {.max_width = max_width, .first_indent = 2 * size, .align = (text_align_t)align};
        text_lines_clear(l);
        const char *why = NULL;
        if (text_set_paragraph(p, len, &set, fixed_measure, &m, l) < 1 || !lines_cover(p, len, l, 0) ||
            (why = set_lines_violation(p, len, l, 0, &set)) != NULL) {
            if (st->bad_set++ < 3)
                fprintf(stderr, "set at %d px / %d px: %s\n", max_width, size, why ? why : "layout failed");
        }
        for (size_t k = 0; k < l->count; k++)
            if (k > 0 && splits_word(p, len, l->lines[k].start))
                st->split_ascii++;
    }
}

static void test_layout_seed_documents(void)
{
    static const char *const seeds[] = {"2023-county-disclosure-work-points.txt",
                                        "2024-xinfeng-disclosure-work-plan.txt"};
    static const int widths[] = {1000, 1840, 1200, 1100};
    static const int sizes[] = {40, 60, 72, 30, 48};
    text_lines_t l = {0};
    for (size_t d = 0; d < 2; d++) {
        size_t len = 0;
        char *doc = read_seed(seeds[d], &len);
        CHECK(doc != NULL);
        if (!doc) {
            fprintf(stderr, "cannot read data/seeds/%s (run from tests/)\n", seeds[d]);
            continue;
        }
        CHECK(len > 10000 && utf8_valid(doc, len, NULL));
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
            for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
                seed_stats_t st = {0};
                long paragraphs = 0;
                for (size_t a = 0; a < len;) {
                    const char *nl = memchr(doc + a, '\n', len - a);
                    size_t b = nl ? (size_t)(nl - doc) : len, e = b;
                    if (e > a && doc[e - 1] == '\r')
                        e--;
                    layout_seed_paragraph(doc + a, e - a, widths[w], sizes[z], &l, &st);
                    paragraphs++;
                    a = b + 1;
                }
                CHECK(paragraphs > 50 && st.lines > paragraphs);
                CHECK(st.rule_violations == 0);
                CHECK(st.too_wide == 0);
                CHECK(st.split_ascii == 0);
                CHECK(st.bad_width == 0);
                CHECK(st.bad_cover == 0);
                CHECK(st.bad_set == 0);
            }
        }
        free(doc);
    }
    text_lines_free(&l);
}

/* ---- random bytes -------------------------------------------------------------------------------------------- */

static uint32_t rng_next(uint64_t *state)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(*state >> 33);
}

/* Code points other than spaces: a line may pass max_width only to hold one glyph (after its leading indentation,
 * which a hard break can leave at the start of a line). */
static size_t visible_count(const char *s, size_t len)
{
    size_t n = 0, adv;
    for (size_t i = 0; i < len; i += adv)
        if (!text_is_space(utf8_decode(s + i, len - i, &adv)))
            n++;
    return n;
}

static void test_random_bytes(void)
{
    /* Pieces that make random input hit the interesting paths, mixed with raw random bytes. */
    static const char *const pieces[] = {"中",
                                         "。",
                                         "（",
                                         "）",
                                         " ",
                                         "\n",
                                         "\r",
                                         "\r\n",
                                         "a",
                                         "1",
                                         "2024",
                                         "〔",
                                         "〕",
                                         "号",
                                         "年",
                                         "“",
                                         "”",
                                         "　",
                                         "\xEF\xBF\xBF",
                                         "\xE4\xB8",
                                         "\xF0\x9F\x98\x80",
                                         "\x80",
                                         "\xFF",
                                         "\xED\xA0\x80",
                                         "https://x.y/z",
                                         "\xE2\x80\xA8"};
    uint64_t seed = 20240712u;
    fixed_metrics_t m = {40, 20, 0};
    text_lines_t l = {0};
    long bad_breaks = 0, bad_layout = 0, bad_sanitize = 0;
    for (int iter = 0; iter < 4000; iter++) {
        size_t cap = rng_next(&seed) % 300, len = 0;
        char *s = malloc(cap + 16); /* the longest piece may overshoot cap */
        if (!s)
            abort();
        while (len < cap) {
            if (rng_next(&seed) % 2) {
                s[len++] = (char)(rng_next(&seed) & 0xFF);
            } else {
                const char *p = pieces[rng_next(&seed) % (sizeof pieces / sizeof pieces[0])];
                size_t n = strlen(p);
                memcpy(s + len, p, n);
                len += n;
            }
        }
        char *exact = malloc(len ? len : 1), *brk = malloc(len ? len : 1);
        if (!exact || !brk)
            abort();
        memcpy(exact, s, len);

        text_breaks(exact, len, brk);
        size_t adv;
        for (size_t i = 0, next = 0; i < len; i++) {
            bool boundary = i == next;
            if (boundary) {
                (void)utf8_decode(exact + i, len - i, &adv);
                next = i + adv;
            }
            /* As unsigned char: right whatever char's signedness (arm64's char is unsigned). */
            if ((unsigned char)brk[i] > TEXT_BREAK_MUST || (i == 0 && brk[i] != TEXT_BREAK_NO) ||
                (!boundary && brk[i] != TEXT_BREAK_NO))
                bad_breaks++;
        }

        int max_width = (int)(rng_next(&seed) % 600), indent = (int)(rng_next(&seed) % 100);
        text_lines_clear(&l);
        int n = text_layout_paragraph(exact, len, max_width, indent, fixed_measure, &m, &l);
        if (n < 1 || (size_t)n != l.count || !lines_cover(exact, len, &l, 0))
            bad_layout++;
        for (size_t k = 0; k < l.count; k++) {
            const text_line_t *ln = &l.lines[k];
            if (ln->width > max_width && visible_count(exact + ln->start, ln->end - ln->start) > 1)
                bad_layout++;
        }
        text_setting_t set = {.max_width = max_width, .first_indent = indent, .align = (text_align_t)(iter % 4)};
        text_lines_clear(&l);
        n = text_set_paragraph(exact, len, &set, fixed_measure, &m, &l);
        if (n < 1 || (size_t)n != l.count || !lines_cover(exact, len, &l, 0) ||
            set_lines_violation(exact, len, &l, 0, &set)) {
            const char *why = set_lines_violation(exact, len, &l, 0, &set);
            if (bad_layout++ < 5)
                fprintf(stderr, "random %d (width %d, align %d): %s\n", iter, max_width, iter % 4, why ? why : "cover");
        }

        char *clean = utf8_sanitize(exact, len);
        if (!clean || !utf8_valid(clean, strlen(clean), NULL) ||
            (memchr(exact, 0, len) == NULL && utf8_count(clean, strlen(clean)) != utf8_count(exact, len)))
            bad_sanitize++;
        free(clean);
        free(brk);
        free(exact);
        free(s);
    }
    text_lines_free(&l);
    CHECK(bad_breaks == 0);
    CHECK(bad_layout == 0);
    CHECK(bad_sanitize == 0);
}

int main(void)
{
    test_utf8_decode_valid();
    test_utf8_decode_invalid();
    test_utf8_encode_roundtrip();
    test_utf8_valid_sanitize_count();
    test_utf8_prev();
    test_breaks_basic();
    test_breaks_no_line_start();
    test_breaks_no_line_end();
    test_breaks_keep_whole();
    test_breaks_short_words_and_separators();
    test_breaks_invalid_utf8();
    test_breaks_u_ffff_does_not_abort();
    test_line_breaks_rules();
    test_layout_widths_and_indent();
    test_layout_chinese_rules();
    test_layout_spaces_and_hard_breaks();
    test_layout_overlong_run();
    test_layout_seed_documents();
    test_random_bytes();
    return check_summary("test_text");
}
