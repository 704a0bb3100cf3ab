/* setting.c — setting a broken line as a book would: punctuation compression, justification, alignment.
 *
 * layout.c decides where lines break and leaves, for every code point, its measured advance and what kind of glyph it
 * is (text_glyph_kind); this file turns one line's advances into positions.  It works on numbers only, so tests check
 * it with fixed-width metrics and the renderer places glyphs by the result (textview.c, render_text_placed).
 *
 * The rules follow clreq §3 and JIS X 4051 for horizontal Simplified Chinese:
 *   - A full-width punctuation mark is half ink and half blank; the blank's side is that of the SC glyph forms
 *     (text_punct_blank).  Where two marks meet with blank between them — END then END or START (”、 ）： 。」 》，
 *     ）（), or START then START (（《) — one half-em blank goes: the first mark's end, or the second's start.  An
 *     opening mark that starts a line loses its start blank, so its ink sits on the margin; on an indented first line
 *     it keeps it, so paragraph openings stay on the indent's grid.  These are always applied.
 *   - The mark ending a justified (not last), flush-end or centred line loses its end blank, so the ink of every
 *     line meets the right margin.  When a line is still wider than the measure (a lone last character taken back),
 *     the other marks' blanks go, evenly from the end, each at most its half.
 *   - A justified line spreads its slack over the places where one side is CJK: between ideographs and at the
 *     boundary of a Latin word or number, never inside one, never beside another mark's blank (after an opening mark,
 *     before a closing or stop mark, between two marks) and never inside —— or …….  Pixels are dealt out as
 *     floor(S·(j+1)/G) − floor(S·j/G), so the line ends exactly on the measure.  The last line of a paragraph, a line
 *     before a hard break, a line with no such place (all Latin) and a line that would need more than an em per
 *     place (a few characters before an unbreakable telephone number or URL) stay flush start: letter-spaced words
 *     read worse than a ragged line.
 *   - A closing mark followed by a space (and then more on the line) loses its end blank: the space separates
 *     already ("（演示） · 信民字〔2024〕8号" has equal gaps around the ·).  Always applied.
 *   - Spaces and invisible characters are transparent: the place between two visible glyphs is judged by them, and a
 *     space between a CJK character and a Latin word is one place, not two. */
#include "text_private.h"

#include <assert.h>
#include <stdlib.h>

text_blank_t text_punct_blank(uint32_t cp)
{
    switch (cp) {
    case 0x3001: /* 、 */
    case 0x3002: /* 。 */
    case 0xFF0C: /* ， */
    case 0xFF0E: /* ． */
    case 0xFF1A: /* ： */
    case 0xFF1B: /* ； */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF09: /* ） */
    case 0x3015: /* 〕 */
    case 0xFF3D: /* ］ */
    case 0xFF5D: /* ｝ */
    case 0x3009: /* 〉 */
    case 0x300B: /* 》 */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
    case 0x3011: /* 】 */
    case 0x3017: /* 〗 */
    case 0x3019: /* 〙 */
    case 0x301B: /* 〛 */
    case 0x201D: /* ” */
    case 0x2019: /* ’ */
    case 0xFF60: /* ｠ */
        return TEXT_BLANK_END;
    case 0xFF08: /* （ */
    case 0x3014: /* 〔 */
    case 0xFF3B: /* ［ */
    case 0xFF5B: /* ｛ */
    case 0x3008: /* 〈 */
    case 0x300A: /* 《 */
    case 0x300C: /* 「 */
    case 0x300E: /* 『 */
    case 0x3010: /* 【 */
    case 0x3016: /* 〖 */
    case 0x3018: /* 〘 */
    case 0x301A: /* 〚 */
    case 0x201C: /* “ */
    case 0x2018: /* ‘ */
    case 0xFF5F: /* ｟ */
        return TEXT_BLANK_START;
    case 0x00B7: /* · */
    case 0x30FB: /* ・ */
    case 0x2027: /* ‧ */
        return TEXT_BLANK_BOTH;
    default:
        return TEXT_BLANK_NONE;
    }
}

static bool in_cjk_block(uint32_t cp)
{
    return (cp >= 0x2E80u && cp <= 0x2FDFu) || /* radicals */
           (cp >= 0x3000u && cp <= 0x33FFu) || /* CJK symbols and punctuation, kana, bopomofo, enclosed, compat */
           (cp >= 0x3400u && cp <= 0x4DBFu) || /* extension A */
           (cp >= 0x4E00u && cp <= 0x9FFFu) || /* unified ideographs */
           (cp >= 0xAC00u && cp <= 0xD7AFu) || /* hangul */
           (cp >= 0xF900u && cp <= 0xFAFFu) || /* compatibility ideographs */
           (cp >= 0xFE30u && cp <= 0xFE4Fu) || /* compatibility forms */
           (cp >= 0xFF01u && cp <= 0xFF60u) || /* full-width forms */
           (cp >= 0xFFE0u && cp <= 0xFFE6u) || /* full-width signs */
           (cp >= 0x20000u && cp <= 0x3FFFFu); /* supplementary ideographs */
}

/* What a reader counts as a character when judging a last line of one: letters, digits, ideographs. */
bool text_is_letter(uint32_t cp)
{
    if (cp < 0x80u)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20u) >= 'a' && (cp | 0x20u) <= 'z');
    if (cp >= 0xC0u && cp <= 0x24Fu && cp != 0xD7u && cp != 0xF7u)
        return true; /* Latin letters */
    if (cp >= 0x370u && cp <= 0x52Fu)
        return true; /* Greek, Cyrillic */
    if ((cp >= 0x3040u && cp <= 0x30FAu) || (cp >= 0x3400u && cp <= 0x4DBFu) || (cp >= 0x4E00u && cp <= 0x9FFFu) ||
        (cp >= 0xAC00u && cp <= 0xD7AFu) || (cp >= 0xF900u && cp <= 0xFAFFu) || cp >= 0x20000u)
        return true;
    if ((cp >= 0xFF10u && cp <= 0xFF19u) || (cp >= 0xFF21u && cp <= 0xFF3Au) || (cp >= 0xFF41u && cp <= 0xFF5Au))
        return true; /* full-width letters and digits */
    return (cp >= 0x2460u && cp <= 0x24FFu) || cp == 0x3007u /* 〇 */ || cp == TEXT_REPLACEMENT;
}

static bool is_inseparable(uint32_t cp)
{
    return cp == 0x2014u || cp == 0x2015u || cp == 0x2025u || cp == 0x2026u || cp == 0x22EFu || cp == 0x2E3Au ||
           cp == 0x2E3Bu;
}

uint8_t text_glyph_kind(uint32_t cp, int adv, int em, bool spaced)
{
    uint8_t k = adv == 0 ? TEXT_GLYPH_ZERO : 0;
    if (text_is_space(cp) || text_is_hard_break(cp) || spaced)
        return (uint8_t)(k | TEXT_GLYPH_SPACE);
    /* Full width: within 1/16 em of the em (fonts round advances to whole pixels). */
    bool full = em > 0 && adv * 16 >= em * 15 && adv * 16 <= em * 17;
    text_blank_t b = text_punct_blank(cp);
    if (b != TEXT_BLANK_NONE && full && adv / 2 <= 255)
        k |= (uint8_t)b;
    if (in_cjk_block(cp) || (full && cp >= 0x2000u) || (k & TEXT_GLYPH_BLANK_MASK))
        k |= TEXT_GLYPH_CJK;
    if (is_inseparable(cp))
        k |= TEXT_GLYPH_INSEP;
    if (text_is_letter(cp))
        k |= TEXT_GLYPH_LETTER;
    return k;
}

static int blank_of(const text_glyph_t *g)
{
    return g->kind & TEXT_GLYPH_BLANK_MASK;
}

static bool transparent(const text_glyph_t *g)
{
    return (g->kind & (TEXT_GLYPH_SPACE | TEXT_GLYPH_ZERO)) != 0;
}

/* The two never-optional compressions between glyphs a and b (adjacent code points): how much a loses at its end,
 * and b at its start. */
static void pair_cut(const text_glyph_t *a, const text_glyph_t *b, int *a_end, int *b_start)
{
    int ba = blank_of(a), bb = blank_of(b);
    *a_end = *b_start = 0;
    if (ba == TEXT_BLANK_END && (bb == TEXT_BLANK_END || bb == TEXT_BLANK_START))
        *a_end = text_glyph_half(a);
    else if (ba == TEXT_BLANK_START && bb == TEXT_BLANK_START)
        *b_start = text_glyph_half(b);
}

/* A closing mark before a space that something visible follows on the line ("（演示） · 信民字", "（演示） 2024"): its
 * end blank goes, because the space already separates — with both, the gap after ） was half an em wider than the one
 * before the next word, and a spaced · looked pushed to the right.  Returns how much glyph i - 1 loses. */
static int space_cut(const text_glyph_t *g, int n, int i)
{
    if (i < 1 || blank_of(&g[i - 1]) != TEXT_BLANK_END || !(g[i].kind & TEXT_GLYPH_SPACE) ||
        (g[i].kind & TEXT_GLYPH_ZERO))
        return 0;
    for (int j = i + 1; j < n; j++)
        if (!transparent(&g[j]))
            return text_glyph_half(&g[i - 1]);
    return 0; /* a trailing space: the line's end rules decide */
}

/* May justification put space between visible glyphs a and b (spaces and invisible ones between them aside)? */
static bool is_place(const text_glyph_t *a, const text_glyph_t *b)
{
    if (!((a->kind | b->kind) & TEXT_GLYPH_CJK))
        return false; /* inside a Latin word or number, or between two of them: their own spacing */
    if (blank_of(a) == TEXT_BLANK_START || blank_of(b) == TEXT_BLANK_END)
        return false; /* a bracket stays with what it encloses, a stop with what it ends */
    if (blank_of(a) != TEXT_BLANK_NONE && blank_of(b) != TEXT_BLANK_NONE)
        return false;
    return !((a->kind & TEXT_GLYPH_INSEP) && (b->kind & TEXT_GLYPH_INSEP));
}

static int count_places(const text_glyph_t *g, int n)
{
    int places = 0, prev = -1;
    for (int i = 0; i < n; i++) {
        if (transparent(&g[i]))
            continue;
        if (prev >= 0 && is_place(&g[prev], &g[i]))
            places++;
        prev = i;
    }
    return places;
}

int text_line_natural(const text_glyph_t *g, int n, int indent, bool keep_start, int *gaps)
{
    int w = indent;
    for (int i = 0; i < n; i++) {
        w += g[i].w;
        if (i == 0 && !keep_start && blank_of(&g[0]) == TEXT_BLANK_START)
            w -= text_glyph_half(&g[0]);
        if (i > 0) {
            int a_end, b_start;
            pair_cut(&g[i - 1], &g[i], &a_end, &b_start);
            w -= a_end + b_start + space_cut(g, n, i);
        }
    }
    if (gaps)
        *gaps = count_places(g, n);
    return w;
}

/* The glyph whose end is the line's visible end: the last one that is not a space or invisible (-1: none). */
static int last_visible(const text_glyph_t *g, int n)
{
    for (int i = n - 1; i >= 0; i--)
        if (!transparent(&g[i]))
            return i;
    return -1;
}

void text_set_line(text_line_t *ln, text_glyph_t *g, const text_setting_t *set, int em, bool keep_start)
{
    int n = ln->nglyphs;
    /* Pass 1: the compulsory cuts.  x holds each glyph's end cut until pass 3 places it. */
    for (int i = 0; i < n; i++) {
        g[i].lead = 0;
        g[i].x = 0;
    }
    if (n > 0 && !keep_start && blank_of(&g[0]) == TEXT_BLANK_START)
        g[0].lead = (uint8_t)text_glyph_half(&g[0]);
    for (int i = 1; i < n; i++) {
        int a_end, b_start;
        pair_cut(&g[i - 1], &g[i], &a_end, &b_start);
        g[i - 1].x += a_end + space_cut(g, n, i);
        if (b_start)
            g[i].lead = (uint8_t)b_start;
    }
    int width = ln->indent;
    for (int i = 0; i < n; i++)
        width += g[i].w - g[i].lead - g[i].x;

    /* Pass 2: a line wider than the measure takes more blank: the line-end mark's, then the others' from the end.
     * Justified, flush-end and centred lines always lose the end mark's blank (行尾点号半角): every line's ink meets
     * the margin, a 落款 ending in （演示） too, and the half em goes to the line's spacing instead. */
    int over = width - set->max_width;
    int end = last_visible(g, n);
    /* (a justified line only with somewhere to put the half em: “1269”“7510” has no place) */
    bool justified_line = set->align == TEXT_ALIGN_JUSTIFY && !(ln->flags & TEXT_LINE_LAST) && count_places(g, n) > 0;
    if ((set->align == TEXT_ALIGN_END || set->align == TEXT_ALIGN_CENTRE || justified_line) && end >= 0 &&
        blank_of(&g[end]) == TEXT_BLANK_END && g[end].x == 0) {
        g[end].x = text_glyph_half(&g[end]);
        over -= g[end].x;
    }
    if (over > 0 && end >= 0 && blank_of(&g[end]) == TEXT_BLANK_END && g[end].x == 0) {
        int c = over < text_glyph_half(&g[end]) ? over : text_glyph_half(&g[end]);
        g[end].x = c;
        over -= c;
    }
    if (over > 0) {
        int cands = 0;
        for (int i = 0; i < n; i++) {
            int b = blank_of(&g[i]);
            if ((b == TEXT_BLANK_END && g[i].x == 0) ||
                (b == TEXT_BLANK_START && g[i].lead == 0 && !(i == 0 && keep_start)))
                cands++;
        }
        int share = cands ? (over + cands - 1) / cands : 0;
        for (int i = n - 1; i >= 0 && over > 0 && cands > 0; i--) {
            int b = blank_of(&g[i]), half = text_glyph_half(&g[i]);
            int c = share < half ? share : half;
            c = c < over ? c : over;
            if (b == TEXT_BLANK_END && g[i].x == 0) {
                g[i].x = c;
                over -= c;
            } else if (b == TEXT_BLANK_START && g[i].lead == 0 && !(i == 0 && keep_start)) {
                g[i].lead = (uint8_t)c;
                over -= c;
            }
        }
    }
    int squeeze = 0;
    for (int i = 0; i < n; i++)
        squeeze += g[i].lead + g[i].x;
    width = ln->indent;
    for (int i = 0; i < n; i++)
        width += g[i].w - g[i].lead - g[i].x;

    /* Pass 3: where the slack goes. */
    int slack = set->max_width - width, places = 0, offset = 0;
    bool justify = false;
    if (slack > 0) {
        if (set->align == TEXT_ALIGN_JUSTIFY && !(ln->flags & TEXT_LINE_LAST)) {
            places = count_places(g, n);
            /* more than an em per place would letter-space the line ("咨  询  电  话："): ragged reads better */
            justify = places > 0 && (em <= 0 || (long long)slack <= (long long)places * em);
        } else if (set->align == TEXT_ALIGN_END) {
            offset = slack;
        } else if (set->align == TEXT_ALIGN_CENTRE) {
            offset = slack / 2;
        }
    }
    int pen = ln->indent + offset, place = 0, prev = -1;
    for (int i = 0; i < n; i++) {
        if (justify && !transparent(&g[i])) {
            if (prev >= 0 && is_place(&g[prev], &g[i])) {
                pen += (int)((long long)slack * (place + 1) / places - (long long)slack * place / places);
                place++;
            }
            prev = i;
        }
        int cell = g[i].w - g[i].lead - g[i].x;
        g[i].x = pen - g[i].lead;
        g[i].w = (int16_t)cell;
        pen += cell;
    }
    ln->width = pen;
    ln->squeeze = squeeze;
    ln->slack = justify ? slack : 0;
    ln->gaps = justify ? places : 0;
    if (justify)
        ln->flags |= TEXT_LINE_JUSTIFIED;
}
