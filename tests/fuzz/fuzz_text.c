/* fuzz_text.c — UTF-8 decoding, line breaking and paragraph layout (src/text) on arbitrary bytes, invalid UTF-8
 * included, with a fixed-width measure.
 *
 * Input: byte 0 and 1 give max_width (0–1023 pixels, so zero and tiny widths are tried), byte 2 the first indent,
 * byte 3 the measure (how wide ASCII, CJK and other code points are, and whether some are negative as from a broken
 * font); the rest is the paragraph.  The contracts of zwgk/text.h are checked, not just survival: break
 * opportunities only at code point boundaries; lines in order, on boundaries, inside the paragraph; a line's width
 * is what its code points measure; a line is wider than max_width only to hold a single glyph; laying out again into
 * the same text_lines_t gives the same lines.  Then the same paragraph is set (text_set_paragraph, the alignment from
 * byte 2's top bits) and its glyph positions are checked (tests/text_check.h). */
#include "fuzz.h"
#include "../text_check.h"

typedef struct measure {
    int ascii, cjk, other;
    int negative; /* 1: every code point ending in 7 measures negative, as from a broken font */
} measure_t;

static int measure_cp(void *ctx, uint32_t cp)
{
    const measure_t *m = ctx;
    if (m->negative && cp % 10 == 7)
        return -5;
    if (cp < 0x80)
        return m->ascii;
    if (cp >= 0x2E80 && cp <= 0xFFEF)
        return m->cjk;
    return m->other;
}

static int clamp_width(int w)
{
    return w > 0 ? w : 0;
}

static bool is_hard_break(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0Bu || cp == 0x0Cu || cp == 0x85u || cp == 0x2028u || cp == 0x2029u;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    int max_width = (data[0] | data[1] << 8) & 1023;
    int indent = data[2] & 63;
    measure_t m = {1 + (data[3] & 3) * 8, 20 + ((data[3] >> 2) & 3) * 10, (data[3] >> 4) & 7 ? 14 : 0,
                   (data[3] >> 7) & 1};
    const char *s = (const char *)data + 4;
    size_t len = size - 4;

    /* UTF-8: the decoder's walk defines the code point boundaries everything else must respect. */
    char *bound = calloc(len + 1, 1);
    FUZZ_ASSERT(bound != NULL);
    size_t ncp = 0, adv;
    for (size_t pos = 0; pos < len; pos += adv, ncp++) {
        bound[pos] = 1;
        uint32_t cp = utf8_decode(s + pos, len - pos, &adv);
        FUZZ_ASSERT(adv >= 1 && adv <= 4 && pos + adv <= len && cp <= 0x10FFFF);
        FUZZ_ASSERT(utf8_prev(s, pos + adv) == pos);
    }
    bound[len] = 1;
    FUZZ_ASSERT(utf8_count(s, len) == ncp);
    char *clean = utf8_sanitize(s, len);
    FUZZ_ASSERT(clean != NULL && utf8_valid(clean, strlen(clean), NULL));
    size_t bad;
    if (utf8_valid(s, len, &bad))
        FUZZ_ASSERT(strlen(clean) == len || memchr(s, 0, len)); /* valid input comes back as it was */
    else
        FUZZ_ASSERT(bad < len);
    free(clean);

    /* Breaks: never inside a code point, never before the first. */
    char *brk = malloc(len ? len : 1);
    FUZZ_ASSERT(brk != NULL);
    text_breaks(s, len, brk);
    for (size_t i = 0; i < len; i++) {
        FUZZ_ASSERT(brk[i] == TEXT_BREAK_NO || brk[i] == TEXT_BREAK_ALLOW || brk[i] == TEXT_BREAK_MUST);
        if (i == 0 || !bound[i])
            FUZZ_ASSERT(brk[i] == TEXT_BREAK_NO);
    }

    /* Layout. */
    text_lines_t lines = {0};
    int n = text_layout_paragraph(s, len, max_width, indent, measure_cp, &m, &lines);
    FUZZ_ASSERT(n >= 1 && (size_t)n == lines.count);
    size_t prev_end = 0;
    for (size_t i = 0; i < lines.count; i++) {
        const text_line_t *l = &lines.lines[i];
        FUZZ_ASSERT(l->start <= l->end && l->end <= len && l->start >= prev_end);
        FUZZ_ASSERT(bound[l->start] && bound[l->end]);
        FUZZ_ASSERT(l->indent == (i == 0 ? indent : 0));
        int w = l->indent, glyphs = 0;
        for (size_t pos = l->start; pos < l->end; pos += adv) {
            uint32_t cp = utf8_decode(s + pos, l->end - pos, &adv);
            w += is_hard_break(cp) ? 0 : clamp_width(measure_cp(&m, cp));
            glyphs += !text_is_space(cp) && !is_hard_break(cp);
        }
        FUZZ_ASSERT(l->width == w);
        if (l->width > max_width)
            FUZZ_ASSERT(glyphs <= 1);
        text_line_breaks_rules(s + l->start, l->end - l->start);
        prev_end = l->end;
    }

    /* Re-layout into the same buffers (as the kiosk does on a size change) gives the same lines. */
    text_line_t *first = malloc(lines.count * sizeof *first);
    FUZZ_ASSERT(first != NULL);
    memcpy(first, lines.lines, lines.count * sizeof *first);
    size_t count = lines.count;
    text_lines_clear(&lines);
    FUZZ_ASSERT(text_layout_paragraph(s, len, max_width, indent, measure_cp, &m, &lines) == n);
    FUZZ_ASSERT(lines.count == count && !memcmp(first, lines.lines, count * sizeof *first));
    free(first);

    /* Setting: justified, flush start, flush end or centred, checked glyph by glyph. */
    text_setting_t set = {.max_width = max_width, .first_indent = indent, .align = (text_align_t)(data[2] >> 6)};
    text_lines_clear(&lines);
    n = text_set_paragraph(s, len, &set, measure_cp, &m, &lines);
    FUZZ_ASSERT(n >= 1 && (size_t)n == lines.count && lines.nglyphs == ncp);
    FUZZ_ASSERT(set_lines_violation(s, len, &lines, 0, &set) == NULL);
    text_lines_free(&lines);
    free(brk);
    free(bound);
    return 0;
}
