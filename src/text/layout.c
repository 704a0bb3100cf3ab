/* layout.c — greedy paragraph layout on top of text_breaks(), and the lines' setting (setting.c) after it.
 *
 * One forward pass over the paragraph's code points, measuring each once: the line grows until the next glyph would
 * pass max_width, then it is cut at the last break opportunity seen on it (text_breaks() has already folded the
 * Chinese rules into those opportunities, so a cut there never starts a line with "。" or ends one with "（").  Only
 * a few numbers are kept per line — where it starts, its width so far, where its trailing spaces start and how wide
 * they are — plus the last opportunity.  Every code point's advance and kind go into out->glyphs (one slot per code
 * point, indexed by its ordinal in the paragraph), so nothing is ever measured twice; that array and the break array
 * live in text_lines_t, so laying out again after warm-up allocates nothing.
 *
 * Trailing spaces (text_is_space), hard break characters and a separator " · " standing between spaces belong to no
 * line: they are outside [start, end), do not count in the width and never push a line over max_width.  A hard break
 * ends the line; one at the very end of the paragraph does not add an empty last line, two in a row give an empty
 * line between.
 *
 * A run with no opportunity that is wider than a line (a long URL, a run of ideographs glued by the rules) is split
 * between code points, never inside one.  Even then the Chinese rules are kept where they can be: when the code point
 * that would start the next line is a no-line-start character, or the one that would end this line is a no-line-end
 * character or a space, the cut moves back a code point at a time (the characters before it go down with it) —
 * rather than squeezing punctuation past max_width, since max_width is the real edge of the screen.  If moving back
 * would empty the line, or would make the next line too wide, the cut stays where the overflow happened and the rule
 * gives way.
 *
 * text_set_paragraph fits lines with the compulsory compression applied (two marks meeting, an opening mark starting
 * the line: line_add) and lets the mark that would end a line lose its end blank to fit — compression comes before
 * moving a character down (JIS X 4051's 追い込み before 追い出し); marks inside the line keep their width, since
 * half-width commas mid-line look crowded.  When the last opportunity would leave a justified line looser than
 * em/TEXT_LOOSEN_DIVISOR per place, a later TEXT_BREAK_SOFT one (inside a 文号's issuer code or a short
 * parenthetical) is taken instead.  At the end of each run between hard breaks a last line holding a single
 * character is avoided: the line before takes it back when compressing its marks by up to an em makes room, or gives
 * its last opportunity's worth of text down when it can be loosened within em/TEXT_LOOSEN_DIVISOR per place
 * (flush-set lines: while it stays at least half full).  Then setting.c sets each line. */
#include "text_private.h"

#include <assert.h>
#include <stdlib.h>

/* How far an overflow cut may move back to keep the rules; a longer run of closing punctuation is not worth more. */
#define LAYOUT_MAX_PULLBACK 32

typedef struct layout_state {
    const char *s;
    size_t len;
    text_measure_fn measure;
    void *ctx;
    const text_setting_t *set; /* NULL: natural layout (text_layout_paragraph) */
    int max_width, first_indent, em;
    text_lines_t *out;
    text_glyph_t *g;    /* out->glyphs + glyph0: the paragraph's code points, by ordinal */
    size_t glyph0;      /* index of the paragraph's first code point in out->glyphs */
    size_t line_start;  /* byte where the current line starts */
    size_t line_ord;    /*   and its ordinal */
    size_t sp_start;    /* where the current line's trailing spaces/hard breaks start (== line_start when blank) */
    size_t sp_ord;      /*   and its ordinal */
    int w;              /* width of s[line_start..pos) including indent and trailing spaces (set: less the
                         * compulsory compression) */
    int cap;            /* set: the blank optional compression could still take from the line */
    int sp_w;           /* width of the trailing spaces */
    int indent;         /* indent of the current line */
    bool have_brk;      /* an ALLOW opportunity after some content on the current line: */
    size_t brk_pos;     /*   where the next line would start */
    size_t brk_ord;     /*   (its ordinal) */
    size_t brk_end;     /*   where this line would end (its trailing spaces dropped) */
    size_t brk_end_ord; /*   (its ordinal) */
    int brk_end_w;      /*   width of s[line_start..brk_end) with indent */
    int brk_w;          /*   width of s[line_start..brk_pos) with indent */
    bool have_soft;     /* set: a TEXT_BREAK_SOFT opportunity on the current line, after some content: */
    size_t soft_pos, soft_ord, soft_end, soft_end_ord; /* as brk_* */
    size_t seg_first;                                  /* first line (index in out->lines) after the last hard break */
} layout_state_t;

bool text_is_hard_break(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0Bu || cp == 0x0Cu || cp == 0x85u || cp == 0x2028u || cp == 0x2029u;
}

static int advance_of(const layout_state_t *st, uint32_t cp)
{
    if (text_is_hard_break(cp))
        return 0;
    int w = st->measure(st->ctx, cp);
    /* A negative advance from a broken font must not let a line grow past the screen; nor may one overflow int16. */
    return w < 0 ? 0 : w > INT16_MAX ? INT16_MAX : w;
}

/* Adds glyph ord to a line whose first glyph is `first`: *w grows by its width less the compulsory compression (a
 * mark meeting the previous one, an opening mark starting the line), *cap by the blank optional compression could
 * take from it (an end or start blank not taken yet).  Natural layout: the advance only. */
static void line_add(const layout_state_t *st, size_t first, size_t ord, int *w, int *cap)
{
    const text_glyph_t *g = &st->g[ord];
    if (!st->set) {
        *w += g->w;
        return;
    }
    int b = g->kind & TEXT_GLYPH_BLANK_MASK, half = text_glyph_half(g);
    if (ord == first) {
        if (b == TEXT_BLANK_START)
            *w += ord == 0 && st->first_indent > 0 ? g->w : g->w - half; /* flush, or on the indent's grid */
        else
            *w += g->w, *cap += b == TEXT_BLANK_END ? half : 0;
        return;
    }
    const text_glyph_t *p = &st->g[ord - 1];
    int bp = p->kind & TEXT_GLYPH_BLANK_MASK;
    if (bp == TEXT_BLANK_END && (b == TEXT_BLANK_END || b == TEXT_BLANK_START)) {
        *w -= text_glyph_half(p); /* ”、 ）（: the first mark's end blank goes, and is no longer optional */
        *cap -= text_glyph_half(p);
    }
    if (bp == TEXT_BLANK_START && b == TEXT_BLANK_START) {
        *w += g->w - half; /* （《: the second mark's start blank goes */
        return;
    }
    *w += g->w;
    if (b == TEXT_BLANK_END || b == TEXT_BLANK_START)
        *cap += half;
}

/* Would the line with glyph ord added fit?  A mark ending it may lose its end blank, which then hangs past nothing:
 * its ink meets the margin. */
static bool fits_with(const layout_state_t *st, size_t ord)
{
    int w = st->w, cap = st->cap;
    line_add(st, st->line_ord, ord, &w, &cap);
    if (st->set && (st->g[ord].kind & TEXT_GLYPH_BLANK_MASK) == TEXT_BLANK_END)
        w -= text_glyph_half(&st->g[ord]);
    return w <= st->max_width;
}

/* The state of a line made of glyphs [first, end): into *w (with indent) and *cap. */
static void line_measure(const layout_state_t *st, size_t first, size_t end, int indent, int *w, int *cap)
{
    *w = indent;
    *cap = 0;
    for (size_t k = first; k < end; k++)
        line_add(st, first, k, w, cap);
}

static bool is_gap(const layout_state_t *st, size_t ord)
{
    return (st->g[ord].kind & TEXT_GLYPH_SPACE) != 0;
}

/* Does a line of glyphs [first, end) fit, its end mark (if any) losing its end blank? */
static bool range_fits(const layout_state_t *st, size_t first, size_t end, int indent)
{
    int w, cap;
    line_measure(st, first, end, indent, &w, &cap);
    size_t k = end;
    while (k > first && is_gap(st, k - 1))
        k--;
    if (st->set && k > first && (st->g[k - 1].kind & TEXT_GLYPH_BLANK_MASK) == TEXT_BLANK_END)
        w -= text_glyph_half(&st->g[k - 1]);
    return w <= st->max_width;
}

static bool push_line(layout_state_t *st, size_t end, size_t end_ord, int width, unsigned flags)
{
    text_lines_t *out = st->out;
    if (out->count == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 16;
        text_line_t *lines = realloc(out->lines, cap * sizeof *lines);
        if (!lines)
            return false;
        out->lines = lines;
        out->cap = cap;
    }
    out->lines[out->count++] = (text_line_t){.start = st->line_start,
                                             .end = end,
                                             .width = width,
                                             .indent = st->indent,
                                             .glyph = st->glyph0 + st->line_ord,
                                             .nglyphs = (int)(end_ord - st->line_ord),
                                             .flags = flags};
    return true;
}

/* Starts a new line at pos (ordinal ord) holding the glyphs [ord, upto) already seen. */
static void begin_line(layout_state_t *st, size_t pos, size_t ord, size_t upto)
{
    st->line_start = pos;
    st->line_ord = ord;
    st->indent = 0;
    st->have_brk = false;
    st->have_soft = st->have_soft && st->soft_end > pos; /* a preference inside what moved down still holds */
    line_measure(st, ord, upto, 0, &st->w, &st->cap);
    if (st->sp_start < pos) { /* the trailing spaces ended on the old line: the carried text is all spaces */
        st->sp_start = pos;
        st->sp_ord = ord;
        st->sp_w = st->w;
    }
}

/* Would the line cut at its last opportunity be too loose to justify well (set, justified text only)? */
static bool too_loose(const layout_state_t *st)
{
    if (!st->set || st->set->align != TEXT_ALIGN_JUSTIFY || st->em <= 0)
        return false;
    int places;
    int n = (int)(st->brk_end_ord - st->line_ord);
    int natural =
        text_line_natural(st->g + st->line_ord, n, st->indent, st->line_ord == 0 && st->first_indent > 0, &places);
    return (long long)(st->max_width - natural) * TEXT_LOOSEN_DIVISOR > (long long)places * st->em;
}

/* Cuts the line at its last opportunity — or, when that would leave it too loose, at a later preference that a rule
 * only advised against (a 文号 whose issuer code goes on the next line); ord is the glyph that did not fit. */
static bool break_at_opportunity(layout_state_t *st, size_t ord)
{
    if (st->have_soft && st->soft_pos > st->brk_pos && too_loose(st)) {
        if (!push_line(st, st->soft_end, st->soft_end_ord, 0, 0))
            return false;
        begin_line(st, st->soft_pos, st->soft_ord, ord);
        st->have_soft = false;
        return true;
    }
    if (!push_line(st, st->brk_end, st->brk_end_ord, st->brk_end_w, 0))
        return false;
    begin_line(st, st->brk_pos, st->brk_ord, ord);
    return true;
}

/* No opportunity, but a preference: cut there rather than between two code points. */
static bool break_at_soft(layout_state_t *st, size_t ord)
{
    if (!push_line(st, st->soft_end, st->soft_end_ord, 0, 0))
        return false;
    begin_line(st, st->soft_pos, st->soft_ord, ord);
    st->have_soft = false;
    return true;
}

/* The line has no opportunity left and the code point cp at pos (ordinal ord) does not fit: cut between code
 * points, moving the cut back while it would start the next line with no-line-start punctuation or a space, or end
 * this one with no-line-end punctuation or a space. */
static bool break_overflow(layout_state_t *st, size_t pos, size_t ord, uint32_t cp)
{
    const char *s = st->s;
    size_t q = pos, qord = ord, adv;
    uint32_t at_q = cp;
    bool at_gap = is_gap(st, ord);
    for (int steps = 0;; steps++) {
        size_t p = utf8_prev(s, q);
        uint32_t before_q = utf8_decode(s + p, q - p, &adv);
        bool before_gap = is_gap(st, qord - 1);
        bool ok = !text_is_no_line_start(at_q) && !at_gap && !text_is_no_line_end(before_q) && !before_gap;
        if (ok)
            break;
        if (p <= st->line_start || steps == LAYOUT_MAX_PULLBACK) {
            q = pos; /* no better cut: the rule gives way */
            qord = ord;
            break;
        }
        q = p;
        qord--;
        at_q = before_q;
        at_gap = before_gap;
    }
    if (q != pos && !range_fits(st, qord, ord + 1, 0)) {
        q = pos; /* what moves down must still fit beside cp, or the next line would overflow instead */
        qord = ord;
    }
    if (q == pos) {
        if (!push_line(st, st->sp_start, st->sp_ord, st->w - st->sp_w, 0))
            return false;
        begin_line(st, pos, ord, ord);
    } else {
        int moved, cap;
        line_measure(st, qord, ord, 0, &moved, &cap);
        if (!push_line(st, q, qord, st->w - moved, 0))
            return false;
        begin_line(st, q, qord, ord);
    }
    return true;
}

static bool reserve(void **p, size_t *cap, size_t need, size_t elem, size_t first)
{
    if (*cap >= need)
        return true;
    size_t c = *cap ? *cap : first;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

/* Letters (TEXT_GLYPH_LETTER) on a line, counting to two. */
static int letters(const text_glyph_t *g, int n)
{
    int k = 0;
    for (int i = 0; i < n && k < 2; i++)
        if (g[i].kind & TEXT_GLYPH_LETTER)
            k++;
    return k;
}

/* 孤字: when the last line of the run since the last hard break holds one character, the line before takes it back
 * (compression may then take up to an em from it), or gives it the text after its own last opportunity, if it can
 * spare it (see the file comment). */
static void avoid_lone_last(layout_state_t *st)
{
    text_lines_t *out = st->out;
    if (out->count < st->seg_first + 2)
        return;
    text_line_t *prev = &out->lines[out->count - 2], *last = &out->lines[out->count - 1];
    if (letters(&out->glyphs[last->glyph], last->nglyphs) != 1)
        return;
    size_t ord0 = prev->glyph - st->glyph0, end = last->glyph - st->glyph0 + (size_t)last->nglyphs;
    int w, cap;
    line_measure(st, ord0, end, prev->indent, &w, &cap);
    if (w - (cap < st->em ? cap : st->em) <= st->max_width) {
        prev->end = last->end;
        prev->nglyphs = (int)(end - ord0);
        prev->flags |= TEXT_LINE_LAST;
        out->count--;
        return;
    }
    size_t q = prev->end, qord = ord0 + (size_t)prev->nglyphs;
    while (q > prev->start) {
        q = utf8_prev(st->s, q);
        qord--;
        if (q <= prev->start)
            return;
        if (out->brk[q] != TEXT_BREAK_ALLOW)
            continue;
        if (!range_fits(st, qord, end, 0))
            return; /* the last line would not fit; earlier cuts only make it wider */
        size_t e = q, eord = qord;
        while (eord > ord0 && is_gap(st, eord - 1)) {
            e = utf8_prev(st->s, e);
            eord--;
        }
        if (eord == ord0)
            return;
        int n = (int)(eord - ord0), gaps;
        bool keep_start = ord0 == 0 && st->first_indent > 0;
        int natural = text_line_natural(&out->glyphs[prev->glyph], n, prev->indent, keep_start, &gaps);
        int slack = st->max_width - natural;
        if (st->set->align == TEXT_ALIGN_JUSTIFY) {
            if (gaps == 0 || (st->em > 0 && (long long)slack * TEXT_LOOSEN_DIVISOR > (long long)gaps * st->em))
                return; /* too loose; an earlier cut would be looser still */
        } else if (natural * 2 < st->max_width) {
            return;
        }
        prev->end = e;
        prev->nglyphs = n;
        last->start = q;
        last->glyph = st->glyph0 + qord;
        last->nglyphs = (int)(end - qord);
        return;
    }
}

/* Ends a run of lines (a hard break or the paragraph's end): the last line is pushed as TEXT_LINE_LAST. */
static bool end_run(layout_state_t *st)
{
    if (!push_line(st, st->sp_start, st->sp_ord, st->w - st->sp_w, TEXT_LINE_LAST))
        return false;
    if (st->set)
        avoid_lone_last(st);
    st->seg_first = st->out->count;
    return true;
}

static bool is_space_cp(uint32_t cp)
{
    return text_is_space(cp);
}

/* Lays out into out; set NULL for natural layout.  Returns the number of lines added or -1. */
static int layout(const char *s, size_t len, int max_width, int first_indent, const text_setting_t *set,
                  text_measure_fn measure, void *ctx, text_lines_t *out)
{
    assert((s || len == 0) && measure && out);
    size_t count0 = out->count, nglyphs0 = out->nglyphs;
    size_t ncp = utf8_count(s, len);
    if (!reserve((void **)&out->brk, &out->brk_cap, len, 1, 256) ||
        !reserve((void **)&out->glyphs, &out->glyph_cap, nglyphs0 + ncp, sizeof *out->glyphs, 256))
        return -1;
    const char *brk = out->brk;
    text_breaks_tiered(s, len, out->brk);

    layout_state_t st = {.s = s,
                         .len = len,
                         .measure = measure,
                         .ctx = ctx,
                         .set = set,
                         .max_width = max_width,
                         .first_indent = first_indent,
                         .out = out,
                         .g = out->glyphs + nglyphs0,
                         .glyph0 = nglyphs0,
                         .seg_first = count0};
    st.em = set ? measure(ctx, 0x56FDu /* 国 */) : 0;
    st.w = st.indent = first_indent;
    size_t pos = 0, ord = 0, adv;
    uint32_t prev = 0;
    while (pos < len) {
        uint32_t cp = utf8_decode(s + pos, len - pos, &adv);
        if (brk[pos] == TEXT_BREAK_MUST) {
            if (!end_run(&st))
                goto oom;
            begin_line(&st, pos, ord, ord);
        } else if (brk[pos] == TEXT_BREAK_ALLOW && st.sp_start > st.line_start) {
            st.have_brk = true;
            st.brk_pos = pos;
            st.brk_ord = ord;
            st.brk_end = st.sp_start;
            st.brk_end_ord = st.sp_ord;
            st.brk_end_w = st.w - st.sp_w;
            st.brk_w = st.w;
        } else if (brk[pos] == TEXT_BREAK_SOFT && set && st.sp_start > st.line_start) {
            st.have_soft = true;
            st.soft_pos = pos;
            st.soft_ord = ord;
            st.soft_end = st.sp_start;
            st.soft_end_ord = st.sp_ord;
        }
        int cw = advance_of(&st, cp);
        size_t nadv;
        bool spaced = text_is_separator_dot(cp) && is_space_cp(prev) && pos + adv < len &&
                      is_space_cp(utf8_decode(s + pos + adv, len - pos - adv, &nadv));
        st.g[ord] = (text_glyph_t){.w = (int16_t)cw, .kind = text_glyph_kind(cp, cw, st.em, spaced)};
        if (st.g[ord].kind & TEXT_GLYPH_SPACE) {
            int w0 = st.w; /* trailing for now: the line may grow past max_width by spaces alone */
            line_add(&st, st.line_ord, ord, &st.w, &st.cap);
            st.sp_w += st.w - w0;
        } else {
            /* Only a line with something on it is cut: a glyph wider than max_width stands alone. */
            while (!fits_with(&st, ord) && st.sp_start > st.line_start) {
                if (st.have_brk) {
                    if (!break_at_opportunity(&st, ord))
                        goto oom;
                } else if (st.have_soft) {
                    if (!break_at_soft(&st, ord))
                        goto oom;
                } else {
                    if (!break_overflow(&st, pos, ord, cp))
                        goto oom;
                    break;
                }
            }
            line_add(&st, st.line_ord, ord, &st.w, &st.cap);
            st.sp_start = pos + adv;
            st.sp_ord = ord + 1;
            st.sp_w = 0;
        }
        prev = cp;
        pos += adv;
        ord++;
    }
    if (!end_run(&st))
        goto oom;
    out->nglyphs = nglyphs0 + ncp;
    for (size_t i = count0; i < out->count; i++) {
        text_line_t *ln = &out->lines[i];
        text_glyph_t *g = &out->glyphs[ln->glyph];
        if (set) {
            text_set_line(ln, g, set, st.em, i == count0 && first_indent > 0);
        } else {
            int pen = ln->indent;
            for (int k = 0; k < ln->nglyphs; k++) {
                g[k].x = pen;
                pen += g[k].w;
            }
        }
    }
    return (int)(out->count - count0);

oom:
    out->count = count0;
    out->nglyphs = nglyphs0;
    return -1;
}

int text_layout_paragraph(const char *s, size_t len, int max_width, int first_indent, text_measure_fn measure,
                          void *ctx, text_lines_t *out)
{
    return layout(s, len, max_width, first_indent, NULL, measure, ctx, out);
}

int text_set_paragraph(const char *s, size_t len, const text_setting_t *set, text_measure_fn measure, void *ctx,
                       text_lines_t *out)
{
    assert(set);
    return layout(s, len, set->max_width, set->first_indent, set, measure, ctx, out);
}

void text_lines_clear(text_lines_t *l)
{
    assert(l);
    l->count = 0;
    l->nglyphs = 0;
}

void text_lines_free(text_lines_t *l)
{
    if (!l)
        return;
    free(l->lines);
    free(l->brk);
    free(l->glyphs);
    *l = (text_lines_t){0};
}
