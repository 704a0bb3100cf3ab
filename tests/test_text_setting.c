/* test_text_setting.c — the text module's line setting (text_set_paragraph): punctuation compression,
 * justification, alignment and the lone last character, with fixed-width metrics.
 *
 * Every non-ASCII code point is 40 px (one em: every CJK mark is full width, its blank 20 px), every ASCII one 20 px,
 * so each expectation below can be worked out by hand.  The seed documents and random bytes are set in test_text.c,
 * the real font and the kiosk's page code in test_ui_layout.c. */
#include "check.h"
#include "text_check.h"
#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>

typedef struct metrics {
    long calls;
} metrics_t;

static int measure(void *ctx, uint32_t cp)
{
    ((metrics_t *)ctx)->calls++;
    return cp < 0x80u ? 20 : 40;
}

static text_lines_t lines;
static const char *text;

/* Sets s at width w with indent and align; checks the output contract; returns the line count. */
static int set(const char *s, int w, int indent, text_align_t align)
{
    metrics_t m = {0};
    text = s;
    text_lines_clear(&lines);
    text_setting_t st = {.max_width = w, .first_indent = indent, .align = align};
    int n = text_set_paragraph(s, strlen(s), &st, measure, &m, &lines);
    const char *why = set_lines_violation(s, strlen(s), &lines, 0, &st);
    if (why)
        fprintf(stderr, "\"%s\" at %d: %s\n", s, w, why);
    CHECK(why == NULL);
    long hard = 0;
    for (const char *p = s; *p; p++)
        hard += *p == '\n';
    CHECK(m.calls == (long)utf8_count(s, strlen(s)) - hard + 1); /* each code point once (hard breaks take no
                                                                  * width), and the em */
    return n;
}

static const text_line_t *line(int k)
{
    return &lines.lines[k];
}

static const text_glyph_t *glyph(int k, int i)
{
    return &lines.glyphs[lines.lines[k].glyph + (size_t)i];
}

static bool line_is(int k, const char *want)
{
    const text_line_t *l = line(k);
    return l->end - l->start == strlen(want) && memcmp(text + l->start, want, l->end - l->start) == 0;
}

/* Where glyph i's cell starts. */
static int cell(int k, int i)
{
    return glyph(k, i)->x + glyph(k, i)->lead;
}

static void test_blank_classes(void)
{
    static const uint32_t end[] = {0x3002, 0xFF0C, 0x3001, 0xFF1A, 0xFF1B, 0xFF01,
                                   0xFF1F, 0xFF09, 0x300B, 0x300D, 0x201D};
    static const uint32_t start[] = {0xFF08, 0x300A, 0x300C, 0x3010, 0x3014, 0x201C, 0x2018};
    for (size_t i = 0; i < sizeof end / sizeof end[0]; i++)
        CHECK(text_punct_blank(end[i]) == TEXT_BLANK_END);
    for (size_t i = 0; i < sizeof start / sizeof start[0]; i++)
        CHECK(text_punct_blank(start[i]) == TEXT_BLANK_START);
    CHECK(text_punct_blank(0x00B7) == TEXT_BLANK_BOTH);
    CHECK(text_punct_blank(0x56FD) == TEXT_BLANK_NONE && text_punct_blank(',') == TEXT_BLANK_NONE);
    CHECK(text_punct_blank(0x2014) == TEXT_BLANK_NONE); /* —— has no blank to give */
}

static void test_adjacent_marks(void)
{
    /* ”、 ）： 。」 》，: the first mark's end blank goes; the second keeps its width */
    static const char *const pairs[] = {"政”、策", "政）：策", "政。」策", "政》，策"};
    for (size_t i = 0; i < 4; i++) {
        CHECK(set(pairs[i], 1000, 0, TEXT_ALIGN_START) == 1);
        CHECK(glyph(0, 1)->w == 20 && glyph(0, 1)->lead == 0 && glyph(0, 1)->x == 40);
        CHECK(glyph(0, 2)->w == 40 && cell(0, 2) == 60);
        CHECK(line(0)->width == 140 && line(0)->squeeze == 20);
    }
    /* （《: the second opening mark's start blank goes: its origin moves 20 px into the first one's cell */
    CHECK(set("政（《策》）", 1000, 0, TEXT_ALIGN_START) == 1);
    CHECK(cell(0, 1) == 40 && glyph(0, 1)->w == 40);
    CHECK(glyph(0, 2)->lead == 20 && glyph(0, 2)->x == 60 && cell(0, 2) == 80 && glyph(0, 2)->w == 20);
    CHECK(glyph(0, 4)->w == 20 && glyph(0, 5)->w == 40); /* 》） */
    /* ）（: one half goes, half an em stays between them */
    CHECK(set("甲）（乙", 1000, 0, TEXT_ALIGN_START) == 1);
    CHECK(glyph(0, 1)->w == 20 && cell(0, 2) == 60 && glyph(0, 2)->lead == 0);
    /* a lone mark keeps its full width */
    CHECK(set("政策，公开", 1000, 0, TEXT_ALIGN_START) == 1);
    CHECK(glyph(0, 2)->w == 40 && line(0)->squeeze == 0);
    /* ASCII look-alikes are never compressed: they have no blank half */
    CHECK(set("ab),cd", 1000, 0, TEXT_ALIGN_START) == 1);
    CHECK(line(0)->width == 120 && line(0)->squeeze == 0);
}

static void test_line_start_flush(void)
{
    /* （十） starts line 2: its ink sits on the margin (origin 20 px left of it) */
    CHECK(set("一二三四五六七八九（十一）", 400, 0, TEXT_ALIGN_START) == 2);
    CHECK(line_is(1, "（十一）"));
    CHECK(glyph(1, 0)->lead == 20 && glyph(1, 0)->x == -20 && cell(1, 0) == 0 && glyph(1, 0)->w == 20);
    /* a paragraph's indented first line keeps the bracket on the indent's grid */
    CHECK(set("（一）工作要点", 1000, 80, TEXT_ALIGN_JUSTIFY) == 1);
    CHECK(glyph(0, 0)->lead == 0 && glyph(0, 0)->x == 80);
    /* without an indent the first line is at the margin too */
    CHECK(set("（一）工作要点", 1000, 0, TEXT_ALIGN_START) == 1);
    CHECK(glyph(0, 0)->x == -20 && cell(0, 0) == 0);
}

static void test_line_end_compression_fits(void)
{
    /* 九， is 400 px in a 380 px column: the comma's end blank goes rather than 九， going down */
    CHECK(set("一二三四五六七八九，十一", 380, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(line_is(0, "一二三四五六七八九，"));
    CHECK(line(0)->width == 380 && glyph(0, 9)->w == 20 && line(0)->squeeze == 20);
    CHECK(line_is(1, "十一"));
    /* a justified line ending in a mark always hangs its ink on the margin (the blank becomes spacing); the last
     * line keeps the mark whole */
    CHECK(set("一二三四五六七八，九十一。", 390, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(line_is(0, "一二三四五六七八，") && glyph(0, 8)->w == 20 && line(0)->width == 390 && line(0)->slack == 50);
    CHECK(glyph(1, 3)->w == 40 && line(1)->width == 160);
    /* text_layout_paragraph (natural) does not compress: 九， goes down */
    metrics_t m = {0};
    text_lines_clear(&lines);
    const char *s = "一二三四五六七八九，十一";
    CHECK(text_layout_paragraph(s, strlen(s), 380, 0, measure, &m, &lines) == 2);
    CHECK(line_is(0, "一二三四五六七八"));
    /* a mark in the middle is not halved to take one more character: the line is justified instead */
    CHECK(set("一二三，四五六七八九十", 390, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(line_is(0, "一二三，四五六七八") && glyph(0, 3)->w == 40);
}

static void test_justify(void)
{
    /* 10 ideographs (400 px) in 420: 20 px over 9 places, 2 or 3 px each, ending exactly on 420 */
    CHECK(set("一二三四五六七八九十甲乙", 420, 0, TEXT_ALIGN_JUSTIFY) == 2);
    const text_line_t *l = line(0);
    CHECK((l->flags & TEXT_LINE_JUSTIFIED) && !(l->flags & TEXT_LINE_LAST));
    CHECK(l->width == 420 && l->slack == 20 && l->gaps == 9);
    int prev_end = 40;
    bool even = true;
    for (int i = 1; i < 10; i++) {
        int gap = cell(0, i) - prev_end;
        even = even && gap >= 2 && gap <= 3;
        prev_end = cell(0, i) + glyph(0, i)->w;
    }
    CHECK(even && prev_end == 420);
    /* the last line stays flush start at natural advances */
    CHECK((line(1)->flags & TEXT_LINE_LAST) && !(line(1)->flags & TEXT_LINE_JUSTIFIED));
    CHECK(line(1)->width == 80 && cell(1, 1) == 40);

    /* a line before a hard break is not justified either */
    CHECK(set("一二三\n四五六七八九十甲乙丙丁", 420, 0, TEXT_ALIGN_JUSTIFY) == 3);
    CHECK((line(0)->flags & TEXT_LINE_LAST) && line(0)->width == 120);
    CHECK(line(1)->width == 420 && !(line(1)->flags & TEXT_LINE_LAST));
}

static void test_justify_latin_and_marks(void)
{
    /* abc stays at its own spacing; the space goes at its boundaries with the ideographs */
    CHECK(set("中文abc中文中文中文中文中", 450, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(line_is(0, "中文abc中文中文中文中"));
    CHECK(cell(0, 3) - cell(0, 2) == 20 && cell(0, 4) - cell(0, 3) == 20); /* a|b|c */
    CHECK(cell(0, 2) > 80);                                                /* 文|a got some */
    CHECK(line(0)->width == 450);
    /* a Latin word space is not widened: "ab cd" keeps 20 px between b and c */
    CHECK(set("中ab cd中中中中中中中中中", 430, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(line(0)->width == 430 && cell(0, 4) - cell(0, 2) == 40);
    /* no place after an opening mark, before a closing or stop mark, or between two marks */
    CHECK(set("一（二）三，四五六七八九十甲乙", 500, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(cell(0, 2) == cell(0, 1) + glyph(0, 1)->w); /* （|二 */
    CHECK(cell(0, 3) == cell(0, 2) + 40);             /* 二|） */
    CHECK(cell(0, 5) == cell(0, 4) + 40);             /* 三|， */
    /* —— stays in one piece */
    CHECK(set("一——二三四五六七八九十甲", 480, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(cell(0, 2) == cell(0, 1) + 40);
    /* nowhere to put the slack (all Latin): flush start */
    CHECK(set("abcdefghij klmnop", 300, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(!(line(0)->flags & TEXT_LINE_JUSTIFIED) && line(0)->width == 200);
}

static void test_align_end_and_centre(void)
{
    /* 落款: flush end, every line */
    CHECK(set("信丰县人民政府办公室", 1000, 0, TEXT_ALIGN_END) == 1);
    CHECK(line(0)->width == 1000 && cell(0, 0) == 600);
    CHECK(set("2024年7月12日", 1000, 0, TEXT_ALIGN_END) == 1);
    CHECK(line(0)->width == 1000);
    /* a closing mark at the end of a flush-end line loses its end blank: its ink meets the margin */
    CHECK(set("信丰县税务局（演示）", 1000, 0, TEXT_ALIGN_END) == 1);
    CHECK(line(0)->width == 1000 && glyph(0, 9)->w == 20 && cell(0, 0) == 1000 - 380);
    CHECK(set("一二三四五", 1000, 0, TEXT_ALIGN_CENTRE) == 1);
    CHECK(cell(0, 0) == 400 && line(0)->width == 600);
}

static void test_lone_last_character(void)
{
    /* 10 | 10 | 1: the second line gives 十 down and is loosened by 40 px over 8 places */
    CHECK(set("一二三四五六七八九十一二三四五六七八九十甲", 400, 0, TEXT_ALIGN_JUSTIFY) == 3);
    CHECK(line_is(1, "一二三四五六七八九") && line(1)->width == 400 && line(1)->slack == 40);
    CHECK(line_is(2, "十甲"));
    /* …政策解/读 in a heading: 解 goes down */
    CHECK(set("关于做好政务公开政策解读", 440, 0, TEXT_ALIGN_START) == 2);
    CHECK(line_is(0, "关于做好政务公开政策") && line_is(1, "解读"));
    /* taken back instead, when compressing the line's marks by up to an em makes room: 八。 fits beside 七 */
    CHECK(set("一二三四五六七八九十一二三，四五，六七八。", 400, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(line_is(1, "一二三，四五，六七八。") && line(1)->width == 400 && line(1)->squeeze == 40);
    /* a last character with punctuation after it still counts as one */
    CHECK(set("一二三四五六七八九十一二三四五六七八九十甲。", 400, 0, TEXT_ALIGN_JUSTIFY) == 3);
    CHECK(line_is(2, "十甲。"));
    /* not when the line before would be loosened past em/TEXT_LOOSEN_DIVISOR per place */
    CHECK(set("甲乙丙丁戊己庚辛壬癸一abcdefghijklmnopq三", 400, 0, TEXT_ALIGN_JUSTIFY) == 3);
    CHECK(line_is(2, "三"));
    /* a paragraph of one line is what it is */
    CHECK(set("甲", 400, 0, TEXT_ALIGN_JUSTIFY) == 1);
}

static void test_soft_breaks(void)
{
    /* Keeping 赣府厅字 with its 文号 would leave 根据通知 alone on a 520 px line: it breaks inside the issuer code's
     * glue instead (a preference), never inside 〔2024〕15号 */
    CHECK(set("根据通知（赣府厅字〔2024〕15号）精神", 520, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(line_is(0, "根据通知（赣府厅字") && line(0)->width == 520);
    CHECK(line_is(1, "〔2024〕15号）精神") && cell(1, 0) == 0);
    /* a short parenthetical stays whole when the line is not loose: （演示） goes down whole */
    CHECK(set("一二三四五六七八九十一二三（演示）", 600, 0, TEXT_ALIGN_JUSTIFY) == 2);
    CHECK(line_is(1, "（演示）"));
}

static void test_separator(void)
{
    /* a spaced separator is dropped at a break: no line ends with · */
    CHECK(set("信丰县人民政府办公室 · 2024-07-12", 500, 0, TEXT_ALIGN_START) == 2);
    CHECK(line_is(0, "信丰县人民政府办公室") && line_is(1, "2024-07-12"));
    /* and kept, with its spaces, inside a line */
    CHECK(set("信丰县 · 2024-07-12", 1000, 0, TEXT_ALIGN_START) == 1);
    CHECK(line_is(0, "信丰县 · 2024-07-12"));
    /* the （演示） · gap: a closing mark before a space loses its end blank, so the gaps around the ·'s centre are
     * equal (its ink ends at 180, the dot's centre is at 220, 信 starts at 260; it was 60 before and 40 after) */
    CHECK(set("局（演示） · 信", 1000, 0, TEXT_ALIGN_START) == 1);
    CHECK(glyph(0, 4)->w == 20 && line(0)->squeeze == 20);
    CHECK(cell(0, 5) == 180 && cell(0, 6) == 200 && cell(0, 7) == 240 && cell(0, 8) == 260);
    CHECK(set("（演示） 2024", 1000, 0, TEXT_ALIGN_START) == 1);
    CHECK(glyph(0, 3)->w == 20 && cell(0, 5) == 140);
    /* nothing after the space: a flush-start line's last mark keeps its blank */
    CHECK(set("（演示） ", 1000, 0, TEXT_ALIGN_START) == 1 && glyph(0, 3)->w == 40);
    /* a badge word stays whole */
    CHECK(set("政策文件 · 2024-07-12 · 已废止", 620, 0, TEXT_ALIGN_START) == 2);
    CHECK(line_is(1, "已废止"));
}

static void test_reuse_allocates_nothing(void)
{
    set("一二三四五六七八九十一二三四五六七八九十甲", 400, 80, TEXT_ALIGN_JUSTIFY);
    text_glyph_t *g = lines.glyphs;
    text_line_t *l = lines.lines;
    size_t cap = lines.glyph_cap;
    set("一二三四五六七八九十一二三四五六七八九十甲", 400, 80, TEXT_ALIGN_JUSTIFY);
    CHECK(lines.glyphs == g && lines.lines == l && lines.glyph_cap == cap);
    /* appending a second paragraph keeps the first's glyphs */
    metrics_t m = {0};
    text_setting_t st = {.max_width = 400, .align = TEXT_ALIGN_JUSTIFY};
    size_t n0 = lines.count, g0 = lines.nglyphs;
    CHECK(text_set_paragraph("政务", strlen("政务"), &st, measure, &m, &lines) == 1);
    CHECK(lines.count == n0 + 1 && lines.lines[n0].glyph == g0 && lines.nglyphs == g0 + 2);
    text_lines_clear(&lines);
    CHECK(lines.count == 0 && lines.nglyphs == 0);
}

int main(void)
{
    test_blank_classes();
    test_adjacent_marks();
    test_line_start_flush();
    test_line_end_compression_fits();
    test_justify();
    test_justify_latin_and_marks();
    test_align_end_and_centre();
    test_lone_last_character();
    test_soft_breaks();
    test_separator();
    test_reuse_allocates_nothing();
    text_lines_free(&lines);
    return check_summary("test_text_setting");
}
