/* page.h — a scrolling page of text and widgets, laid out once and drawn culled.
 *
 * Item, reader, guide and list screens are all "a column of things": headings, paragraphs, labelled fields, chips,
 * QR codes, tappable rows, buttons, progress bars.  A page lays them out top to bottom when the screen opens or the
 * size changes (text through textview, widgets as reserved slots), and draws only what is inside the view.
 *
 * Pages own their text: strings handed to page_* are borrowed and must outlive the layout — either they live in the
 * screen's content structs (a document's blocks, a list's titles) or are static, or the screen composed them with
 * page_printf / page_strndup, which put them in the page's arena (arena.h), valid until the next page_begin or
 * page_free.  No screen keeps stable storage for its page by hand.  QR textures are owned by the page and made at
 * layout time, never per frame. */
#ifndef ZWGK_UI_PAGE_H
#define ZWGK_UI_PAGE_H

#include "arena.h"
#include "textview.h"

typedef enum piece_kind { PIECE_QR, PIECE_CHIPS, PIECE_ROW, PIECE_BUTTON, PIECE_PROGRESS, PIECE_BADGE } piece_kind_t;

typedef struct piece {
    piece_kind_t kind;
    int y, h;
    const char *label, *sub; /* row: title + sub line; qr: captions; button: label; badge: text */
    const char *url, *url2;  /* qr: one or two codes side by side */
    SDL_Texture *tex, *tex2; /* qr */
    int tex_px;
    const char *const *chips; /* chips */
    int nchips;
    int action;
    long long arg;
    int value;                   /* progress percent; badge: 1 = good (green), 0 = grey */
    int selected;                /* chips: the index of the chip drawn selected (filled), -1 for none */
    char words[32];              /* progress: the percentage in words, so colour is never the only cue */
    size_t mark_start, mark_end; /* row: the highlighted part of the label (a search match) */
} piece_t;

typedef struct page {
    textview_t tv;
    piece_t *pieces;
    int npieces, cap;
    ui_scroll_t scroll;
    int width; /* content width */
    /* styles for the current size */
    tv_style_t body, h1, h2, h3, label, muted, list;
    ui_arena_t text; /* what page_printf and page_strndup return; reset by page_begin */
} page_t;

/* Starts (re)laying out: clears text and pieces, destroys QR textures, rewinds the page's text arena (every string
 * page_printf returned before is gone), derives styles from the app's reading size. */
void page_begin(page_t *p, ui_app_t *app, int width);
/* Ends layout: sets the scroll extent for a view of view_h pixels, clamping the position. */
void page_end(page_t *p, int view_h);
void page_free(page_t *p);

/* Text composed for this layout, owned by the page until the next page_begin or page_free; never NULL. */
const char *page_printf(page_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *page_strndup(page_t *p, const char *s, size_t n);
/* "政策文件 · 文号 · 日期 · 已废止": the second line of a document row, in the page's text. */
const char *page_doc_sub(page_t *p, const content_doc_summary_t *d);

void page_heading(page_t *p, ui_app_t *app, const char *s, int level);
void page_para(page_t *p, ui_app_t *app, const char *s, bool indent, const content_span_t *spans, int nspans);
/* A labelled field: the label in bold on its own line, then the value (skipped when value is NULL or empty). */
void page_field(page_t *p, ui_app_t *app, const char *label, const char *value);
void page_list_item(page_t *p, ui_app_t *app, const char *marker, const char *s, int level, const content_span_t *spans,
                    int nspans);
void page_muted(page_t *p, ui_app_t *app, const char *s);
/* A field label on its own line (bold, muted), for what follows it. */
void page_label(page_t *p, ui_app_t *app, const char *s);
void page_space(page_t *p, int px);
/* A body block from the content database (heading, paragraph, list item with its tails, table as row cards). */
void page_block(page_t *p, ui_app_t *app, const content_block_t *b);

/* One QR card, or two side by side when url2 is given (码上知 beside 码上办).  A NULL or empty url is skipped. */
void page_qr(page_t *p, ui_app_t *app, const char *url, const char *caption);
void page_qr_pair(page_t *p, ui_app_t *app, const char *url, const char *caption, const char *url2,
                  const char *caption2);
/* A wrapped run of chips; `selected` is the index of the one drawn selected (-1: none); with an action each chip is
 * a tab, tapped with arg = its index. */
void page_chips(page_t *p, ui_app_t *app, const char *const *chips, int n, int selected, int action);
void page_row(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg);
/* A row whose label has bytes [mark_start, mark_end) highlighted. */
void page_row_marked(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg,
                     size_t mark_start, size_t mark_end);
void page_button(page_t *p, ui_app_t *app, const char *label, int action, long long arg);
void page_progress(page_t *p, ui_app_t *app, int percent);
void page_badge(page_t *p, ui_app_t *app, const char *label, bool good);

/* Draws the page into view (scrolled by p->scroll.pos), with scrollbar. */
void page_draw(page_t *p, ui_app_t *app, SDL_Rect view);

/* Reading position across a relayout: remember before page_begin, restore after page_end.  The anchor is the first
 * thing at the top of the view: a text line (its paragraph and byte offset, which survive a size change) or, when a
 * widget comes first (the rows of a 简明问答 section), that piece by its index. */
typedef struct page_anchor {
    int para, offset;
    int piece; /* -1: the anchor is the text line (para, offset) */
} page_anchor_t;
page_anchor_t page_anchor(const page_t *p);
void page_restore(page_t *p, page_anchor_t a);
/* Writes `, "reading_position": {"para": P, "offset": O}` (the first visible line) for the UI dump. */
void page_dump(const page_t *p, void *stdio_file);

#endif
