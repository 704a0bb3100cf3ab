/* text.h — UTF-8, Chinese line breaking, paragraph layout.
 *
 * The text module knows nothing of fonts or SDL: layout asks a caller's callback for the advance of each code point,
 * so the same code lays out paragraphs for the kiosk (SDL_ttf metrics), for `zwgk-admin preview` and for tests
 * (fixed-width metrics).  Line breaking is UAX #14 from libunibreak with the Chinese rules it lacks written on top
 * (see text_break.c): no line starts with closing punctuation (，。、）】》…) and none ends with an opening one
 * (（【《…); Latin words, numbers and 文号 such as 〔2024〕15号 stay whole unless longer than a line.  Layout then sets
 * each line as a Chinese book would (text_set_paragraph, setting.c): justified between characters, full-width
 * punctuation compressed where two marks meet or one starts or ends a line, no paragraph ending on one lone
 * character — and says where every glyph goes, so the renderer only places them. */
#ifndef ZWGK_TEXT_H
#define ZWGK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFDu

/* ---- UTF-8 ---------------------------------------------------------------------------------------------------- */

/* Decodes one code point from s[0..len).  Sets *adv to the number of bytes consumed (always >= 1 when len > 0, so a
 * loop always advances).  Invalid, overlong, surrogate or truncated sequences decode as U+FFFD consuming one byte
 * (a maximal-subpart policy is not needed: one U+FFFD per bad byte).  len must be > 0. */
uint32_t utf8_decode(const char *s, size_t len, size_t *adv);

/* Encodes cp into out (no NUL).  Returns the byte count 1..4; a surrogate or cp > 0x10FFFF encodes U+FFFD. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* True when s[0..len) is valid UTF-8.  When false and bad_offset is not NULL, *bad_offset is the first bad byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Returns a malloc'd NUL-terminated copy of s[0..len) with every invalid byte replaced by U+FFFD.
 * NULL only when out of memory.  Caller frees. */
char *utf8_sanitize(const char *s, size_t len);

/* Copies s into out[cap] (always NUL-terminated, cut at a code point) with everything that could drive a terminal
 * or disguise text written visibly: C0 controls and DEL as \n \r \t or \xNN, C1 controls and the bidirectional
 * and line/paragraph separators (U+200E/F, U+202A..E, U+2066..9, U+2028/9) as \u{NNNN}, and invalid bytes as \xNN.
 * Printable text, Chinese included, is copied as it is, so escaping twice changes nothing.  Returns the length written.
 * For the terminal (zwgk-admin status/info) and for text stored before it is authenticated (install history). */
size_t utf8_escape_controls(const char *s, char *out, size_t cap);

/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t utf8_count(const char *s, size_t len);

/* Start of the code point that ends at pos, as utf8_decode would walk s from 0: pos must be such a boundary and > 0.
 * Never reads at or after pos.  Backspace on the on-screen keyboard and layout's backtracking use it. */
size_t utf8_prev(const char *s, size_t pos);

/* ---- line breaking -------------------------------------------------------------------------------------------- */

/* Punctuation that must not start a line (、。，．：；！？）】》〉」』〕〗”’％ and their ASCII/half-width kin). */
bool text_is_no_line_start(uint32_t cp);
/* Punctuation that must not end a line (（【《〈「『〔〖“‘ and their ASCII kin). */
bool text_is_no_line_end(uint32_t cp);
/* Spaces a line drops at its end and does not count in its width: U+0020, TAB and the ideographic space U+3000. */
bool text_is_space(uint32_t cp);

/* Break opportunities for s[0..len): out[i] describes the position *before* byte i:
 *   TEXT_BREAK_MUST  a line must break here (after a hard line break character),
 *   TEXT_BREAK_ALLOW a line may break here,
 *   TEXT_BREAK_NO    it may not (including every position inside a multi-byte sequence).
 * out[0] is always TEXT_BREAK_NO; the break after the last code point is implied, not stored.  out must have len
 * entries.  Invalid UTF-8 is treated as U+FFFD (breakable on both sides).  UAX #14 plus the Chinese rules: never
 * before a no-line-start or after a no-line-end character (even across spaces), never inside a run of printable
 * ASCII (words, numbers, URLs), between a number and its unit (2024年, 15号) or inside a 文号 with a short issuer code
 * (赣府厅字〔2024〕15号).  Thread-safe; allocates nothing. */
enum { TEXT_BREAK_NO = 0, TEXT_BREAK_ALLOW = 1, TEXT_BREAK_MUST = 2 };
void text_breaks(const char *s, size_t len, char *out);

/* ---- paragraph layout ----------------------------------------------------------------------------------------- */

/* Advance width in pixels of one code point at the caller's current font and size. */
typedef int (*text_measure_fn)(void *ctx, uint32_t cp);

/* One code point of a laid-out line, as the renderer places it.  Every code point of s[start..end) has one, spaces
 * and invisible characters included (they simply draw nothing).  Its cell — the room it takes on the line — is
 * [x + lead, x + lead + w): a compressed mark whose blank half was at its start draws with its origin `lead` pixels
 * before its cell; one whose blank was at its end has w less than its advance.  Justification space lies between
 * cells, never inside one. */
typedef struct text_glyph {
    int32_t x;    /* where the glyph's origin goes, from the column's start edge (indent and alignment included) */
    int16_t w;    /* width of its cell: the advance less any compression */
    uint8_t lead; /* pixels of blank removed at its start (0 unless compressed there) */
    uint8_t kind; /* TEXT_GLYPH_* bits, for tests and the renderer */
} text_glyph_t;

/* text_glyph_t.kind: the blank of a full-width punctuation mark (text_punct_blank, only when its advance is one em)
 * in the low two bits, then what the line setter knows of the code point. */
enum {
    TEXT_GLYPH_BLANK_MASK = 0x03,
    TEXT_GLYPH_CJK = 0x04,    /* ideograph, kana, full-width form or punctuation: justification may space it */
    TEXT_GLYPH_SPACE = 0x08,  /* a space, or a spaced separator " · " (dropped at a line break) */
    TEXT_GLYPH_ZERO = 0x10,   /* no advance (invisible format characters) */
    TEXT_GLYPH_INSEP = 0x20,  /* —— and …… halves: never spaced apart */
    TEXT_GLYPH_LETTER = 0x40, /* counts as a character for a last line of one (孤字): not punctuation or space */
};

/* Where the blank half of a full-width punctuation mark lies in the Simplified Chinese glyph forms (GB/T 15834,
 * as Noto Sans CJK SC draws them): 。，、．：；！？ and the closing brackets and quotes sit in the left half of the
 * em box (blank at the end), the opening ones in the right half (blank at the start), the middle dots · centred. */
typedef enum text_blank {
    TEXT_BLANK_NONE = 0,
    TEXT_BLANK_END = 1,
    TEXT_BLANK_START = 2,
    TEXT_BLANK_BOTH = 3
} text_blank_t;
text_blank_t text_punct_blank(uint32_t cp);

/* text_line_t.flags */
enum {
    TEXT_LINE_LAST = 1,      /* ends the paragraph or a hard break: set flush start, never justified */
    TEXT_LINE_JUSTIFIED = 2, /* the line's slack was spread between characters */
};

typedef struct text_line {
    size_t start, end; /* byte range of the line in the paragraph; trailing spaces and the hard break excluded */
    int width;         /* text_layout_paragraph: pixel width of s[start..end) plus the indent on the first line;
                        * text_set_paragraph: where the last cell ends, from the column start (= max_width when
                        * justified or set flush end) */
    int indent;        /* pixels of indent before the first glyph (first_indent on line 0, else 0) */
    size_t glyph;      /* index in text_lines_t.glyphs of the line's first code point */
    int nglyphs;       /* code points in s[start..end) */
    int slack;         /* pixels spread between characters (justified lines) */
    int gaps;          /* how many places the slack went to */
    int squeeze;       /* pixels of punctuation blank removed on this line (pairs, line start, fitting) */
    unsigned flags;    /* TEXT_LINE_* */
} text_line_t;

typedef struct text_lines {
    text_line_t *lines; /* owned */
    size_t count, cap;
    char *brk; /* owned scratch: text_breaks() of the paragraph being laid out, kept so re-layout does not allocate */
    size_t brk_cap;
    text_glyph_t *glyphs; /* owned: one per code point of every paragraph laid out since text_lines_clear */
    size_t nglyphs, glyph_cap;
} text_lines_t;

/* Lays out the paragraph s[0..len) into lines no wider than max_width pixels, appending them to out (which may be
 * reused: call text_lines_clear first; its buffers are kept, so re-layout after warm-up does not allocate).
 * Breaks only at text_breaks() opportunities; a word longer than a line is broken between code points (never inside
 * one), moving the cut back a few code points where that keeps a no-line-start character off the next line's start
 * and a no-line-end character off this line's end.  A line passes max_width only to hold a single glyph (after any
 * leading spaces a hard break left).  first_indent is added before line 0 (2 × the CJK advance for a Chinese
 * paragraph).  Each hard break ends a line; one at the very end adds no empty line; an empty paragraph is one empty
 * line.  A separator " · " between spaces is dropped at a break like a space, so no line ends with it.  Glyphs sit
 * at their natural advances (no justification, no compression): for short texts drawn every frame.  measure is
 * called once per code point (a few more times only when an overlong run is cut).
 * Returns the number of lines added (>= 1), or -1 when out of memory (out keeps what it had). */
int text_layout_paragraph(const char *s, size_t len, int max_width, int first_indent, text_measure_fn measure,
                          void *ctx, text_lines_t *out);

typedef enum text_align {
    TEXT_ALIGN_JUSTIFY = 0, /* 两端对齐: every line but the last of the paragraph (or before a hard break) is set
                             * to max_width; the last is flush start */
    TEXT_ALIGN_START,       /* flush start (headings) */
    TEXT_ALIGN_END,         /* flush end (公文 落款: 署名 and 成文日期) */
    TEXT_ALIGN_CENTRE,
} text_align_t;

typedef struct text_setting {
    int max_width;    /* the column, pixels */
    int first_indent; /* before line 0 */
    text_align_t align;
} text_setting_t;

/* Lays out s[0..len) like text_layout_paragraph, then sets each line as a book would (clreq §3, JIS X 4051):
 *  - punctuation compression (标点挤压): of two adjacent full-width marks with blanks facing (”、 ）： 。」 》，
 *    （《), one loses its blank half; an opening bracket or quote starting a line sits flush with the margin (not on
 *    an indented first line, where it keeps the indent's grid); when a line is too long, halving punctuation blanks
 *    (the line-end mark first) is tried before a character moves to the next line;
 *  - justification: the slack of a TEXT_ALIGN_JUSTIFY line goes, evenly and in whole pixels, between characters
 *    where one side is CJK — never inside a Latin word or number, never beside a mark's blank, never inside —— or
 *    ……; a line with nowhere to put it (all Latin), or needing more than an em per place, stays flush start
 *    (TEXT_LINE_JUSTIFIED tells which lines were justified).  Rather than leave a line looser than
 *    em/TEXT_LOOSEN_DIVISOR per place, layout breaks where a rule only advised against it (inside a 文号's issuer
 *    code, inside a short parenthetical);
 *  - no last line of a single character (孤字): the line before gives up its last break's worth of text when it can
 *    be loosened by at most em/TEXT_LOOSEN_DIVISOR per place (flush-set lines: while it keeps half the measure), or
 *    takes it back when compressing its marks by up to an em makes room.
 * The em is the advance of 国 at the caller's size; a mark is compressible only when its advance is one em.  The
 * result is in out->lines and out->glyphs (text_glyph_t: where each code point goes).  Same ownership, reuse and
 * failure as text_layout_paragraph; measure is called once per code point plus once for the em. */
int text_set_paragraph(const char *s, size_t len, const text_setting_t *set, text_measure_fn measure, void *ctx,
                       text_lines_t *out);

/* What a reader counts as a character when judging a last line of one (孤字): letters, digits, ideographs, kana,
 * hangul, their full-width forms — not punctuation, spaces or symbols. */
bool text_is_letter(uint32_t cp);

/* The most a line is loosened to take a lone last character's neighbour, per place slack goes: em / this. */
#define TEXT_LOOSEN_DIVISOR 3

void text_lines_clear(text_lines_t *l); /* count = 0, nglyphs = 0, keeps the buffers */
void text_lines_free(text_lines_t *l);  /* frees the buffers and zeroes l; accepts a zeroed struct */

/* Checks a laid-out line against the Chinese rules: returns true when s[0..len) starts with a no-line-start
 * character or ends with a no-line-end character.  Tests and `zwgk-admin preview --check` use it. */
bool text_line_breaks_rules(const char *s, size_t len);

#endif
