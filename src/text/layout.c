/* layout.c — greedy paragraph layout on top of text_breaks().
 *
 * One forward pass over the paragraph's code points, measuring each once: the line grows until the next glyph would
 * pass max_width, then it is cut at the last break opportunity seen on it (text_breaks() has already folded the
 * Chinese rules into those opportunities, so a cut there never starts a line with "。" or ends one with "（").  Only
 * four numbers are kept per line — where it starts, its width so far, where its trailing spaces start and how wide
 * they are — plus the last opportunity, so nothing is re-measured and nothing is stored per code point except the
 * break array.  That array lives in text_lines_t (brk) so that laying out again after warm-up allocates nothing.
 *
 * Trailing spaces (text_is_space) and hard break characters belong to no line: they are outside [start, end), do not
 * count in the width and never push a line over max_width.  A hard break ends the line; one at the very end of the
 * paragraph does not add an empty last line, two in a row give an empty line between.
 *
 * A run with no opportunity that is wider than a line (a long URL, a run of ideographs glued by the rules) is split
 * between code points, never inside one.  Even then the Chinese rules are kept where they can be: when the code point
 * that would start the next line is a no-line-start character, or the one that would end this line is a no-line-end
 * character or a space, the cut moves back a code point at a time (the characters before it go down with it) —
 * rather than squeezing punctuation past max_width, since max_width is the real edge of the screen.  If moving back
 * would empty the line, or would make the next line too wide, the cut stays where the overflow happened and the rule
 * gives way.  Those backward steps re-measure the few code points they move, the only re-measuring there is. */
#include "zwgk/text.h"

#include <assert.h>
#include <stdlib.h>

/* How far an overflow cut may move back to keep the rules; a longer run of closing punctuation is not worth more. */
#define LAYOUT_MAX_PULLBACK 32

typedef struct layout_state {
    const char *s;
    text_measure_fn measure;
    void *ctx;
    int max_width;
    text_lines_t *out;
    size_t line_start; /* byte where the current line starts */
    size_t sp_start;   /* where the current line's trailing spaces/hard breaks start (== line_start when blank) */
    int w;             /* width of s[line_start..pos) including indent and trailing spaces */
    int sp_w;          /* width of the trailing spaces */
    int indent;        /* indent of the current line */
    bool have_brk;     /* an ALLOW opportunity after some content on the current line: */
    size_t brk_pos;    /*   where the next line would start */
    size_t brk_end;    /*   where this line would end (its trailing spaces dropped) */
    int brk_end_w;     /*   width of s[line_start..brk_end) with indent */
    int brk_w;         /*   width of s[line_start..brk_pos) with indent */
} layout_state_t;

/* The characters after which UAX #14 always breaks; they take no width. */
static bool is_hard_break(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0Bu || cp == 0x0Cu || cp == 0x85u || cp == 0x2028u || cp == 0x2029u;
}

static int advance_of(const layout_state_t *st, uint32_t cp)
{
    if (is_hard_break(cp))
        return 0;
    int w = st->measure(st->ctx, cp);
    return w > 0 ? w : 0; /* a negative advance from a broken font must not let a line grow past the screen */
}

static bool push_line(layout_state_t *st, size_t end, int width)
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
    out->lines[out->count++] = (text_line_t){.start = st->line_start, .end = end, .width = width, .indent = st->indent};
    return true;
}

/* Starts a new line at pos whose first (pos - line_start) bytes are already measured as `carried` pixels. */
static void begin_line(layout_state_t *st, size_t pos, int carried)
{
    st->line_start = pos;
    st->w = carried;
    st->indent = 0;
    st->have_brk = false;
    if (st->sp_start < pos) { /* the trailing spaces ended on the old line: the carried text is all spaces */
        st->sp_start = pos;
        st->sp_w = carried;
    }
}

static bool break_at_opportunity(layout_state_t *st)
{
    if (!push_line(st, st->brk_end, st->brk_end_w))
        return false;
    begin_line(st, st->brk_pos, st->w - st->brk_w);
    return true;
}

/* The line has no opportunity left and the code point cp at pos (advance cw) does not fit: cut between code points,
 * moving the cut back while it would start the next line with no-line-start punctuation or a space, or end this
 * one with no-line-end punctuation or a space. */
static bool break_overflow(layout_state_t *st, size_t pos, uint32_t cp, int cw)
{
    const char *s = st->s;
    size_t q = pos, adv;
    uint32_t at_q = cp;
    int moved_w = 0;
    for (int steps = 0;; steps++) {
        size_t p = utf8_prev(s, q);
        uint32_t before_q = utf8_decode(s + p, q - p, &adv);
        bool ok = !text_is_no_line_start(at_q) && !text_is_space(at_q) && !text_is_no_line_end(before_q) &&
                  !text_is_space(before_q);
        if (ok)
            break;
        if (p <= st->line_start || steps == LAYOUT_MAX_PULLBACK) {
            q = pos; /* no better cut: the rule gives way */
            break;
        }
        moved_w += advance_of(st, before_q);
        q = p;
        at_q = before_q;
    }
    if (q != pos && moved_w + cw > st->max_width)
        q = pos; /* what moves down must still fit beside cp, or the next line would overflow instead */
    if (q == pos) {
        if (!push_line(st, st->sp_start, st->w - st->sp_w))
            return false;
        begin_line(st, pos, 0);
    } else {
        if (!push_line(st, q, st->w - moved_w))
            return false;
        begin_line(st, q, moved_w);
    }
    return true;
}

static bool ensure_brk(text_lines_t *out, size_t len)
{
    if (out->brk_cap >= len)
        return true;
    size_t cap = out->brk_cap ? out->brk_cap : 256;
    while (cap < len)
        cap *= 2;
    char *brk = realloc(out->brk, cap);
    if (!brk)
        return false;
    out->brk = brk;
    out->brk_cap = cap;
    return true;
}

int text_layout_paragraph(const char *s, size_t len, int max_width, int first_indent, text_measure_fn measure,
                          void *ctx, text_lines_t *out)
{
    assert((s || len == 0) && measure && out);
    size_t count0 = out->count;
    if (!ensure_brk(out, len))
        return -1;
    const char *brk = out->brk;
    text_breaks(s, len, out->brk);

    layout_state_t st = {.s = s, .measure = measure, .ctx = ctx, .max_width = max_width, .out = out};
    st.w = st.indent = first_indent;
    size_t pos = 0, adv;
    while (pos < len) {
        uint32_t cp = utf8_decode(s + pos, len - pos, &adv);
        if (brk[pos] == TEXT_BREAK_MUST) {
            if (!push_line(&st, st.sp_start, st.w - st.sp_w))
                goto oom;
            begin_line(&st, pos, 0);
        } else if (brk[pos] == TEXT_BREAK_ALLOW && st.sp_start > st.line_start) {
            st.have_brk = true;
            st.brk_pos = pos;
            st.brk_end = st.sp_start;
            st.brk_end_w = st.w - st.sp_w;
            st.brk_w = st.w;
        }
        int cw = advance_of(&st, cp);
        if (text_is_space(cp) || is_hard_break(cp)) {
            st.w += cw; /* trailing for now: the line may grow past max_width by spaces alone */
            st.sp_w += cw;
        } else {
            /* Only a line with something on it is cut: a glyph wider than max_width stands alone. */
            while (st.w + cw > max_width && st.sp_start > st.line_start) {
                if (st.have_brk) {
                    if (!break_at_opportunity(&st))
                        goto oom;
                } else {
                    if (!break_overflow(&st, pos, cp, cw))
                        goto oom;
                    break;
                }
            }
            st.w += cw;
            st.sp_start = pos + adv;
            st.sp_w = 0;
        }
        pos += adv;
    }
    if (!push_line(&st, st.sp_start, st.w - st.sp_w))
        goto oom;
    return (int)(out->count - count0);

oom:
    out->count = count0;
    return -1;
}

void text_lines_clear(text_lines_t *l)
{
    assert(l);
    l->count = 0;
}

void text_lines_free(text_lines_t *l)
{
    if (!l)
        return;
    free(l->lines);
    free(l->brk);
    *l = (text_lines_t){0};
}
