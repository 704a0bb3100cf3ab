/* text_check.h — the contract of text_set_paragraph's output, checked on any input (test_text, fuzz_text).
 *
 * set_lines_violation returns NULL when the lines added to l from index `first` for s[0..len) keep every promise of
 * zwgk/text.h, else what is broken: each line holds one glyph per code point of its bytes; cells are in order and
 * never overlap, none starts before the line's indent, and the line's width is where its last cell ends; a line is
 * wider than the measure only to hold a single glyph; a justified line ends exactly on the measure and is never a
 * paragraph's last line; a flush-end line with room ends on the measure too; an empty line has no glyph. */
#ifndef ZWGK_TEST_TEXT_CHECK_H
#define ZWGK_TEST_TEXT_CHECK_H

#include "zwgk/text.h"

static inline size_t text_check_visible(const char *s, size_t len)
{
    size_t n = 0, adv;
    for (size_t i = 0; i < len; i += adv) {
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        n += !text_is_space(cp) && cp != 0xB7u;
    }
    return n;
}

static inline const char *set_lines_violation(const char *s, size_t len, const text_lines_t *l, size_t first,
                                              const text_setting_t *set)
{
    for (size_t k = first; k < l->count; k++) {
        const text_line_t *ln = &l->lines[k];
        if (ln->start > ln->end || ln->end > len)
            return "a line outside the paragraph";
        if ((size_t)ln->nglyphs != utf8_count(s + ln->start, ln->end - ln->start))
            return "glyph count differs from the line's code points";
        if (ln->glyph + (size_t)ln->nglyphs > l->nglyphs)
            return "glyphs outside the array";
        const text_glyph_t *g = &l->glyphs[ln->glyph];
        int end = ln->indent;
        for (int i = 0; i < ln->nglyphs; i++) {
            int cell = g[i].x + g[i].lead;
            if (g[i].w < 0 || cell < end)
                return "cells overlap or go back";
            end = cell + g[i].w;
        }
        if (ln->nglyphs && ln->width != end)
            return "width is not where the last cell ends";
        if (ln->width > set->max_width && text_check_visible(s + ln->start, ln->end - ln->start) > 1)
            return "wider than the measure";
        if (ln->flags & TEXT_LINE_JUSTIFIED) {
            if (ln->width != set->max_width)
                return "a justified line off the measure";
            if (ln->flags & TEXT_LINE_LAST)
                return "a last line justified";
            if (set->align != TEXT_ALIGN_JUSTIFY)
                return "justified though not asked";
        }
        if (set->align == TEXT_ALIGN_END && ln->nglyphs && ln->width < set->max_width)
            return "flush-end line short of the measure";
    }
    return NULL;
}

#endif
