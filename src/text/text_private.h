/* text_private.h — what layout.c and setting.c share inside the text module. */
#ifndef ZWGK_TEXT_PRIVATE_H
#define ZWGK_TEXT_PRIVATE_H

#include "zwgk/text.h"

/* text_breaks with the preferences kept apart: where only rule 5 (a 文号's issuer code) or rule 6 (a short
 * parenthetical) forbids a break, out[i] is TEXT_BREAK_SOFT — layout breaks there rather than leave a line loose. */
enum { TEXT_BREAK_SOFT = 3 };
void text_breaks_tiered(const char *s, size_t len, char *out);

/* The characters after which UAX #14 always breaks; they take no width. */
bool text_is_hard_break(uint32_t cp);

/* The separator dots · ・ ‧ (a 间隔号, or a field separator when spaced: "信丰县 · 2024-07-12"). */
bool text_is_separator_dot(uint32_t cp);

/* TEXT_GLYPH_* bits for cp with advance adv at em size em (em <= 0: unknown, nothing is full width).  spaced: cp is
 * a separator dot with a space on each side, which lines treat as a space. */
uint8_t text_glyph_kind(uint32_t cp, int adv, int em, bool spaced);

/* The blank a glyph of this kind may lose, in pixels (0 when it is not a compressible full-width mark). */
static inline int text_glyph_half(const text_glyph_t *g)
{
    int b = g->kind & TEXT_GLYPH_BLANK_MASK;
    return b == TEXT_BLANK_END || b == TEXT_BLANK_START ? g->w / 2 : 0;
}

/* The width a glyph needs at the least: its advance less the blank it may lose (the first glyph of an indented first
 * line keeps its start blank: it stays on the indent's grid). */
static inline int text_glyph_min_width(const text_glyph_t *g, bool keep_start)
{
    int b = g->kind & TEXT_GLYPH_BLANK_MASK;
    if (b == TEXT_BLANK_START && keep_start)
        return g->w;
    return g->w - text_glyph_half(g);
}

/* Natural width of the n glyphs at g as one line with its indent: advances less the compression that is never
 * optional (adjacent marks, the line-start bracket).  *gaps (may be NULL) gets how many places justification would
 * use.  keep_start: the line is an indented first line.  g holds measured advances (before text_set_line). */
int text_line_natural(const text_glyph_t *g, int n, int indent, bool keep_start, int *gaps);

/* Sets one line (em: the paragraph's em, <= 0 unknown): compression, then justification or alignment; fills x, w (the
 * cell) and lead of its glyphs, and the line's width, slack, gaps, squeeze and TEXT_LINE_JUSTIFIED.  The glyphs hold
 * measured advances in w on entry. */
void text_set_line(text_line_t *ln, text_glyph_t *g, const text_setting_t *set, int em, bool keep_start);

#endif
