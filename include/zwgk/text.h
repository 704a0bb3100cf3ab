/* text.h — UTF-8, Chinese line breaking, paragraph layout.
 *
 * The text module knows nothing of fonts or SDL: layout asks a caller's callback for the advance of each code point,
 * so the same code lays out paragraphs for the kiosk (SDL_ttf metrics), for `zwgk-admin preview` and for tests
 * (fixed-width metrics).  Line breaking is UAX #14 from libunibreak with the Chinese rules it lacks written on top
 * (see text_break.c): no line starts with closing punctuation (，。、）】》…) and none ends with an opening one
 * (（【《…); Latin words, numbers and 文号 such as 〔2024〕15号 stay whole unless longer than a line. */
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

typedef struct text_line {
    size_t start, end; /* byte range of the line in the paragraph; trailing spaces and the hard break excluded */
    int width;         /* pixel width of s[start..end) plus the indent on the first line */
    int indent;        /* pixels of indent before the first glyph (first_indent on line 0, else 0) */
} text_line_t;

typedef struct text_lines {
    text_line_t *lines; /* owned */
    size_t count, cap;
    char *brk; /* owned scratch: text_breaks() of the paragraph being laid out, kept so re-layout does not allocate */
    size_t brk_cap;
} text_lines_t;

/* Lays out the paragraph s[0..len) into lines no wider than max_width pixels, appending them to out (which may be
 * reused: call text_lines_clear first; its buffers are kept, so re-layout after warm-up does not allocate).
 * Breaks only at text_breaks() opportunities; a word longer than a line is broken between code points (never inside
 * one), moving the cut back a few code points where that keeps a no-line-start character off the next line's start
 * and a no-line-end character off this line's end.  A line passes max_width only to hold a single glyph (after any
 * leading spaces a hard break left).  first_indent is added before line 0 (2 × the CJK advance for a Chinese
 * paragraph).  Each hard break ends a line; one at the very end adds no empty line; an empty paragraph is one empty
 * line.  measure is called once per code point (a few more times only when an overlong run is cut).
 * Returns the number of lines added (>= 1), or -1 when out of memory (out keeps what it had). */
int text_layout_paragraph(const char *s, size_t len, int max_width, int first_indent, text_measure_fn measure,
                          void *ctx, text_lines_t *out);

void text_lines_clear(text_lines_t *l); /* count = 0, keeps the buffers */
void text_lines_free(text_lines_t *l);  /* frees the buffers and zeroes l; accepts a zeroed struct */

/* Checks a laid-out line against the Chinese rules: returns true when s[0..len) starts with a no-line-start
 * character or ends with a no-line-end character.  Tests and `zwgk-admin preview --check` use it. */
bool text_line_breaks_rules(const char *s, size_t len);

#endif
