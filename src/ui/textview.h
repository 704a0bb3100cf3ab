/* textview.h — a long text laid out once into positioned lines, drawn by culling to the visible window.
 *
 * A document is a sequence of paragraphs (headings, body paragraphs with a 2-character indent, list items with a
 * hanging marker, labelled fields).  tv_add_* lays each out with the text module at the current size, appending
 * lines with absolute y; tv_draw then draws only lines inside the view.  Layout happens when a screen opens and when
 * the size changes (tv_clear keeps every buffer, so re-layout after warm-up does not allocate); a frame only walks
 * lines.  Paragraphs are set by text_set_paragraph (justified, punctuation compressed, no lone last character) and
 * each code point's x is kept, so drawing places glyphs exactly where the text module put them.  Each line remembers
 * its paragraph and byte offset, so a size change can keep the reading position. */
#ifndef ZWGK_UI_TEXTVIEW_H
#define ZWGK_UI_TEXTVIEW_H

#include "ui_private.h"

typedef struct tv_line {
    const char *text; /* not owned: points into content data that outlives the view */
    int len;
    int x, y; /* relative to the view's origin */
    int w, h; /* h: line height including spacing */
    int font, px;
    int para;   /* paragraph number, for keeping the reading position */
    int offset; /* byte offset of the line in its paragraph */
    SDL_Color color;
    ui_role_t role;
    const content_span_t *spans; /* bold/emphasis ranges of the paragraph, relative to its start; may be NULL */
    int nspans;
    int span_base; /* byte offset of this line's text within the paragraph's text */
    int glyph;     /* index in textview_t.gx of its first code point's x (relative to x), or -1: natural advances */
    uint8_t align; /* text_align_t it was set with */
    uint8_t flags; /* TEXT_LINE_* (last of its paragraph, justified) */
    bool keep;     /* goes to the next page with what follows rather than end a page (headings, field labels) */
} tv_line_t;

#define TV_MARK_MAX 32 /* lines a highlighted sentence can take (600 bytes at 72 px in a narrow column) */

typedef struct tv_box { /* a background card behind lines (tables rows, tails) */
    SDL_Rect r;
    SDL_Color color;
} tv_box_t;

typedef struct textview {
    tv_line_t *lines;
    int nlines, cap;
    tv_box_t *boxes;
    int nboxes, box_cap;
    int width, height, npara;
    int16_t *gx; /* where each code point of the set lines goes (text_set_paragraph), relative to its line's x */
    size_t ngx, gx_cap;
    text_lines_t scratch;
    /* 朗读: the sentence being read, one rectangle per line (view coordinates, like lines); drawn behind the text
     * with an underline.  Set by page_read_mark; tv_clear drops it. */
    SDL_Rect mark[TV_MARK_MAX];
    int nmark;
} textview_t;

typedef struct tv_style {
    int font, px;
    int line_h;         /* height of one line (≥ 1.5 × px) */
    int indent;         /* first-line indent in pixels */
    int left;           /* extra left inset of every line (lists, tails) */
    int space_after;    /* pixels after the paragraph */
    text_align_t align; /* TEXT_ALIGN_JUSTIFY (0) for body text; headings and labels flush start */
    SDL_Color color;
    ui_role_t role;
    bool keep; /* its lines stay on the page of what follows them (a field label with its value) */
} tv_style_t;

void tv_clear(textview_t *tv, int width);
void tv_free(textview_t *tv);

/* Lays out s as one paragraph; spans (may be NULL) mark bold ranges.  Returns the paragraph number. */
int tv_add(textview_t *tv, ui_app_t *app, const char *s, const tv_style_t *st, const content_span_t *spans, int nspans);
/* A marker drawn in the left inset of the NEXT paragraph's first line (list bullets and numbers): call it just
 * before the tv_add of that paragraph. */
void tv_add_marker(textview_t *tv, const char *marker, int len, int x, const tv_style_t *st);
void tv_add_space(textview_t *tv, int px);
void tv_add_box(textview_t *tv, SDL_Rect r, SDL_Color c);

/* Draws the lines that intersect [scroll, scroll + view.h) at view.x, view.y - scroll, clipped to view. */
void tv_draw(const textview_t *tv, ui_app_t *app, SDL_Rect view, int scroll);

/* Reading position: the paragraph and offset of the first line at or below y, and the y of a position. */
void tv_position_at(const textview_t *tv, int y, int *para, int *offset);
int tv_y_of(const textview_t *tv, int para, int offset);

#endif
