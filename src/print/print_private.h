/* print_private.h — the page engine the three printed pages share (print_pdf.c).
 *
 * A page is drawn by one layout function that runs twice or more: first without drawing, to measure how tall its
 * content is at a given type size (so the largest size that fits is chosen), then drawing for real.  The flow
 * (pflow_t) places atomic items — a paragraph with its bullet or box, a heading — one below the other in a column
 * and refuses an item that would pass the column's bottom: nothing is ever drawn past the limit, and once an item is
 * refused the flow is "cut" and takes no more, so the page shows a clean prefix of its content. */
#ifndef ZWGK_PRINT_PRIVATE_H
#define ZWGK_PRINT_PRIVATE_H

#include "zwgk/print.h"
#include "zwgk/text.h"

#include <cairo.h>

#define PT_PER_MM (72.0 / 25.4)

enum { PF_REGULAR = 0, PF_BOLD = 1 };

typedef struct pdoc {
    struct font_slot *slot[2]; /* the faces, loaded once per process (print_pdf.c) */
    cairo_font_face_t *cface[2];
    cairo_surface_t *surf;
    cairo_t *cr;   /* NULL while measuring */
    double w, h;   /* page size in points */
    double margin; /* page margin in points */
    text_lines_t lines;
    unsigned char *buf; /* the PDF stream */
    size_t len, cap;
    bool oom;
    char line[4096]; /* one line's text, NUL-terminated for cairo_show_text */
} pdoc_t;

typedef struct pflow {
    pdoc_t *pd;
    double x, w;     /* the column */
    double y, limit; /* where the next item goes; the column's bottom */
    bool cut;        /* an item did not fit: nothing more is taken */
    int items, shown;
} pflow_t;

typedef struct pstyle {
    int font;      /* PF_* */
    double size;   /* points */
    double lead;   /* line height / size */
    double indent; /* first-line indent, points */
    double hang;   /* every line starts this far in (after a bullet) */
    double gray;   /* 0 black … 1 white */
    int align;     /* 0 left, 1 centre, 2 right: each line in the column */
    int max_lines; /* > 0: at most this many lines, the last one ending in … (a hostile 10 MB title) */
} pstyle_t;

/* Loads both faces.  ZWGK_ERR_IO with err when a font does not open. */
zwgk_result pdoc_fonts(pdoc_t *pd, const print_options_t *o, char *err, size_t errlen);
/* Starts the PDF page of w × h points (the fonts must be loaded). */
zwgk_result pdoc_begin(pdoc_t *pd, double w, double h);
/* Finishes the page; on ZWGK_OK the PDF bytes move into out. */
zwgk_result pdoc_finish(pdoc_t *pd, print_page_t *out);
void pdoc_free(pdoc_t *pd);

/* The advance of s in points at style st. */
double pdoc_text_width(pdoc_t *pd, const pstyle_t *st, const char *s);
/* Draws s (one line, no wrapping) with its baseline at y. */
void pdoc_text(pdoc_t *pd, const pstyle_t *st, double x, double y, const char *s);
/* Height in points of paragraph s laid out in width w at st (lines × size × lead). */
double pdoc_para_height(pdoc_t *pd, const pstyle_t *st, double w, const char *s);
/* Draws paragraph s in the column [x, x + w) from top y; returns its height. */
double pdoc_para(pdoc_t *pd, const pstyle_t *st, double x, double y, double w, const char *s);
/* A QR code of url, side points wide (quiet zone included), its top-left at x, y.  False when url cannot encode. */
bool pdoc_qr(pdoc_t *pd, const char *url, double x, double y, double side);
/* A stroked box (a checkbox, a form field) and a line. */
void pdoc_box(pdoc_t *pd, double x, double y, double w, double h, double line_w);
void pdoc_rule(pdoc_t *pd, double x1, double y1, double x2, double y2, double line_w, double gray);
void pdoc_fill(pdoc_t *pd, double x, double y, double w, double h, double gray);

/* ---- the flow ---- */
void pflow_init(pflow_t *f, pdoc_t *pd, double x, double y, double w, double limit);
/* Places paragraph s (with an optional bullet text drawn in the hang, or a checkbox when box is true) when the whole
 * of it fits; else the flow is cut.  Returns whether it was placed. */
bool pflow_para(pflow_t *f, const pstyle_t *st, const char *bullet, bool box, const char *s);
/* A section heading with a bar before it; keeps with the next line of st_next (never alone at a column's foot). */
bool pflow_heading(pflow_t *f, const pstyle_t *st, const pstyle_t *st_next, const char *s);
void pflow_gap(pflow_t *f, double dy);

/* Today as 2024年11月1日 (local time) into buf. */
void print_today(char *buf, size_t cap);

/* The three pages (print_guide.c, print_form.c, print_policy.c). */
zwgk_result print_guide_page(pdoc_t *pd, const content_doc_t *d, const print_options_t *o, print_page_t *out);
zwgk_result print_form_page(pdoc_t *pd, const content_doc_t *d, const print_options_t *o, print_page_t *out);
zwgk_result print_policy_page(pdoc_t *pd, const content_doc_t *d, const print_options_t *o, print_page_t *out);

/* The date and version line at the foot of every page. */
void print_foot_line(const print_options_t *o, const char *date, char *buf, size_t cap);

#endif
