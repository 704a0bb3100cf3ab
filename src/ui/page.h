/* page.h — a scrolling page of text and widgets, laid out once, broken into true pages, drawn culled.
 *
 * Item, reader, guide, list, area, areas and search screens are all "a column of things": headings, paragraphs,
 * labelled fields, chips, QR codes, tappable rows, tiles, buttons, progress bars.  A page lays them out top to
 * bottom when the screen opens or the size changes — body text through textview, the short texts of widgets (row
 * titles, QR captions, tile names) into lines of its own — and a frame only walks what was laid out and draws what
 * is inside the view: no layout and no allocation per frame.
 *
 * Pages tell the truth (pages.c): when the layout ends, the page computes where each page starts.  A page ends after
 * the last element (text line, row, tile, QR card, table card) that fits whole; the next begins with the first
 * element not yet fully shown; only an element taller than the view is scrolled through.  上一页/下一页 move between
 * those starts, so from page 1, M−1 taps reach the end, and 第N页/共M页 names the page whose start is the last at or
 * above the scroll position — flicks and drags move freely and the counter follows.  At rest on a page start the
 * view is cut where the page ends, so no sliver of the next line shows under the last whole one.
 *
 * Pages own their text: strings handed to page_* are borrowed and must outlive the layout — either they live in the
 * screen's content structs (a document's blocks, a list's titles) or are static, or the screen composed them with
 * page_printf / page_strndup, which put them in the page's arena (arena.h), valid until the next page_begin or
 * page_free.  No screen keeps stable storage for its page by hand.  QR textures are owned by the page and made at
 * layout time, never per frame.
 *
 * Two ways to use it.  page_layout + page_show: the page finds its own view and pager inside an area of the screen
 * (a strip under the view in portrait, a column at its right in landscape, none when everything fits on one page).
 * Or by hand: page_begin, page_* calls, page_end(view_h), then page_draw and ui_pager (the admin screen). */
#ifndef ZWGK_UI_PAGE_H
#define ZWGK_UI_PAGE_H

#include "arena.h"
#include "textview.h"

typedef enum piece_kind {
    PIECE_QR,
    PIECE_CHIPS,
    PIECE_ROW,
    PIECE_BUTTON,
    PIECE_PROGRESS,
    PIECE_BADGE,
    PIECE_BANNER,
    PIECE_TILES
} piece_kind_t;

/* A line of a widget's text (a row's title, a QR caption, a tile's name), laid out once.  Coordinates are relative
 * to the piece's top-left corner. */
typedef struct page_text {
    const char *text; /* borrowed, like every string of the page */
    int len;
    int x, y, w, h; /* h: the line box; the glyphs are centred in it */
    int font, px;
    SDL_Color color;
    ui_role_t role;
    int mark_x0, mark_x1; /* the highlighted part (a search match), relative to x; equal: none */
} page_text_t;

/* One tile of a grid (page_tiles). */
typedef struct page_tile {
    const char *label, *sub; /* sub may be NULL */
    int action;
    long long arg;
    int text0, ntext; /* set by page_tiles: the tile's laid-out lines */
} page_tile_t;

typedef struct piece {
    piece_kind_t kind;
    int y, h;
    const char *label, *sub; /* qr: captions; button: label; badge: text */
    const char *url, *url2;  /* qr: one or two codes side by side */
    SDL_Texture *tex, *tex2; /* qr */
    int tex_px;
    const char *const *chips; /* chips */
    int nchips;
    int action;
    long long arg;
    int value;                 /* progress percent; badge and row badge: the VALIDITY_* its colour comes from */
    const char *badge;         /* row: a badge before the title (the document's validity), NULL for none */
    const char *note;          /* row: a third, regular line (a document's summary) */
    int selected;              /* chips: the index of the chip drawn selected (filled), -1 for none */
    int rows, row_h;           /* chips: wrapped rows and their pitch (each row is one element for page breaks) */
    bool whole;                /* chips: the answers to the question above them, one element for page breaks */
    char words[32];            /* progress: the percentage in words, so colour is never the only cue */
    int text0, ntext;          /* its laid-out text: texts[text0, text0 + ntext) */
    int tile0, ntiles, tile_w; /* tiles: one row of the grid, tiles[tile0, tile0 + ntiles) */
} piece_t;

typedef struct page_unit { /* an element for page breaks, in scroll coordinates */
    int top, bottom;
    bool keep; /* a heading's or field label's line: it goes to the next page with what follows it rather than end a
                  page */
} page_unit_t;

/* A QR card in the side rail (landscape reader, page_layout): beside the text, not in its flow, so the text starts on
 * page 1 and every page shows the codes. */
#define PAGE_RAIL_MAX 2
typedef struct page_rail_card {
    const char *url, *title, *sub; /* borrowed; title bold (码上知), sub what the scan opens; must outlive the page */
    SDL_Texture *tex;              /* made by page_layout */
    int px;
    SDL_Rect r; /* the card, in window coordinates */
} page_rail_card_t;

typedef struct page {
    textview_t tv;
    piece_t *pieces;
    int npieces, cap;
    page_text_t *texts;
    int ntexts, texts_cap;
    page_tile_t *tiles;
    int ntiles, tiles_cap;
    ui_scroll_t scroll;
    int width; /* content width */
    int pad;   /* space above the content: scroll position y shows content from y - pad */
    /* styles for the current size */
    tv_style_t body, h1, h2, h3, label, muted, list, section;
    ui_arena_t text; /* what page_printf and page_strndup return; reset by page_begin */
    /* page breaks (pages.c): where each page starts (scroll positions, the first 0) and how much of the view it
     * fills whole; the units are scratch for computing them, kept for their capacity */
    int *starts, *fills;
    int nstarts, starts_cap;
    page_unit_t *units;
    int *bottoms;
    int nunits, units_cap;
    /* page_layout's geometry */
    SDL_Rect area, view, strip; /* strip: where the pager goes (empty when everything fits on one page) */
    int inset;                  /* extra room kept at the right of the text (the reader: the scrollbar) */
    bool own_pager;             /* the screen draws the pager itself: page_layout keeps no room for it */
    int mark_piece;             /* 朗读: the piece being read (outlined), -1 for none; its text lines are tv.mark */
    bool pager_column;          /* the pager as a column at the right even in portrait (search results) */
    bool compact_rows;          /* rows keep the label size in 长者模式 too (search results beside the keys); else
                                   长者模式 sets a row's title and summary at the reading size, like the body text */
    int max_ems;                /* > 0: the text column is at most this many body characters wide (the rest stays
                                   free at its right), so lines stay near a book's 30–35 characters */
    page_rail_card_t rail[PAGE_RAIL_MAX]; /* the screen sets url/title/sub before page_layout; nrail 0: no rail */
    int nrail;
    SDL_Rect rail_rect;
} page_t;

/* Starts (re)laying out: clears text and pieces, destroys QR textures, rewinds the page's text arena (every string
 * page_printf returned before is gone), derives styles from the app's reading size. */
void page_begin(page_t *p, ui_app_t *app, int width);
/* Ends layout: computes the page starts for a view of view_h pixels (the scroll extent ends at the last page's start)
 * and clamps the position. */
void page_end(page_t *p, int view_h);
void page_free(page_t *p);

/* What a screen puts on its page, called by page_layout between page_begin and page_end (perhaps twice, when the
 * width changes with the pager). */
typedef void (*page_fill_fn)(page_t *p, ui_app_t *app, void *ctx);
/* Lays the page out in `area` with the pager placed as described at the top, keeping the reading position (the
 * page that held the first thing in view).  inset: room kept at the right of the text besides the margins. */
void page_layout(page_t *p, ui_app_t *app, SDL_Rect area, int inset, page_fill_fn fill, void *ctx);
/* Draws what page_layout laid out: the page, its scrollbar, its rail and its pager. */
void page_show(page_t *p, ui_app_t *app);

/* Text composed for this layout, owned by the page until the next page_begin or page_free; never NULL. */
const char *page_printf(page_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *page_strndup(page_t *p, const char *s, size_t n);
/* "政策文件 · 文号 · 日期": the second line of a document row, in the page's text (the validity is its badge). */
const char *page_doc_sub(page_t *p, const content_doc_summary_t *d);

void page_heading(page_t *p, ui_app_t *app, const char *s, int level);
/* A section title in the title face (an area's 一级事项). */
void page_section(page_t *p, ui_app_t *app, const char *s);
void page_para(page_t *p, ui_app_t *app, const char *s, bool indent, const content_span_t *spans, int nspans);
/* A labelled field: the label in bold on its own line, then the value (skipped when value is NULL or empty). */
void page_field(page_t *p, ui_app_t *app, const char *label, const char *value);
void page_list_item(page_t *p, ui_app_t *app, const char *marker, const char *s, int level, const content_span_t *spans,
                    int nspans);
void page_muted(page_t *p, ui_app_t *app, const char *s);
/* Muted words that explain what follows (the rating card's note over its buttons): never a page away from it. */
void page_lead(page_t *p, ui_app_t *app, const char *s);
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
/* Chips that answer the question just above them (a heading or page_lead: the rating card's levels and reasons):
 * all their rows are one element for page breaks, so with the question's keep no page shows some of the answers
 * without what they answer. */
void page_answers(page_t *p, ui_app_t *app, const char *const *chips, int n, int selected, int action);
void page_row(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg);
/* A row whose label has bytes [mark_start, mark_end) highlighted. */
void page_row_marked(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg,
                     size_t mark_start, size_t mark_end);
/* A row with bytes [marks[0], marks[1]) of its label and [marks[2], marks[3]) of its sub line highlighted (a search
 * match in a title or in an excerpt: a tint and an underline, never brackets); equal bounds mark nothing. */
void page_row_marks(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg,
                    const size_t marks[4]);
/* A row with a short muted text at its right end ("2份文件"), the label wrapping beside it. */
void page_row_trail(page_t *p, ui_app_t *app, const char *label, const char *trail, int action, long long arg);
/* A grid of n tiles in `cols` columns, all as tall as the tallest name needs; each grid row is one element. */
void page_tiles(page_t *p, ui_app_t *app, const page_tile_t *tiles, int n, int cols);
void page_button(page_t *p, ui_app_t *app, const char *label, int action, long long arg);
void page_progress(page_t *p, ui_app_t *app, int percent);
/* A full-width band in the 已废止 grey: a bold title ("本文件已废止") and a line under it; a piece for page breaks. */
void page_banner(page_t *p, ui_app_t *app, const char *title, const char *line);
/* A badge on its own line; validity (VALIDITY_*) gives its colour. */
void page_badge(page_t *p, ui_app_t *app, const char *label, int validity);

/* A row with everything a document row can show: a badge before the title (its validity, coloured by it, in words),
 * the title (bytes [mark_start, mark_end) marked), a muted sub line (type · 文号 · date, or a search hit's path) and a
 * note in regular type (the summary).  Any of badge, sub and note may be NULL. */
typedef struct page_row_spec {
    const char *badge;
    int validity;
    const char *label, *sub, *note;
    size_t mark_start, mark_end;         /* in the title */
    size_t sub_mark_start, sub_mark_end; /* in the sub line (a search hit's path) */
    bool sub_reading; /* the sub line at the title's size when that is the reading size (长者模式:
                         a search hit's path is what the citizen reads to choose) */
    int action;
    long long arg;
} page_row_spec_t;
void page_row_spec(page_t *p, ui_app_t *app, const page_row_spec_t *r);
/* The faces page_row_spec sets a row in (title, and sub line for sub_reading as given) and the width its title's
 * first line has when the row carries `badge` (NULL: none): for a screen that cuts texts to fit one line. */
void page_row_faces(const page_t *p, const ui_app_t *app, bool sub_reading, int *title_font, int *sub_font);
int page_row_title_w(const page_t *p, ui_app_t *app, const char *badge);
/* The row of a document in a list: its validity badge (policies), title, type · 文号 · date, and summary. */
void page_doc_row(page_t *p, ui_app_t *app, const content_doc_summary_t *d, const char *sub, int action);

/* Draws the page into view (scrolled by p->scroll.pos), with scrollbar. */
void page_draw(page_t *p, ui_app_t *app, SDL_Rect view);

/* 朗读 (page_read.c): hands what the page says from the top of its view on to ui_read_add (text paragraphs, and the
 * rows, badges and progress that carry words, in page order); and highlights bytes [start, end) of the item with
 * that key (key < 0: none), turning pages as 下一页 does until its first line is on the page. */
void page_read_collect(page_t *p, ui_app_t *app, int from_para); /* paragraphs before from_para are left out */
void page_read_mark(page_t *p, ui_app_t *app, int key, size_t start, size_t end);

/* Reading position across a relayout: remember before page_begin, restore after page_end.  The anchor is the first
 * thing at the top of the view: a text line (its paragraph and byte offset, which survive a size change) or, when a
 * widget comes first (the rows of a 简明问答 section), that piece by its index.  Restoring goes to the start of the
 * page that holds it. */
typedef struct page_anchor {
    int para, offset;
    int piece; /* -1: the anchor is the text line (para, offset) */
} page_anchor_t;
page_anchor_t page_anchor(const page_t *p);
void page_restore(page_t *p, page_anchor_t a);
/* Moves the position to the start of the page it is on (after setting it by hand, e.g. a tab's remembered place). */
void page_snap(page_t *p);
/* Writes `, "reading_position": {"para": P, "offset": O}` (the first visible line) and `"text_lines": N` (how many
 * text lines the page laid out) for the UI dump. */
void page_dump(const page_t *p, void *stdio_file);

#endif
