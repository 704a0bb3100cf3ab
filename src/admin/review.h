/* review.h — the parts of `zwgk-admin review` (cmd_review.c), private to the admin program.
 *
 *   review_diff.c   a longest-common-subsequence diff of two sequences of symbols: paragraphs, then characters
 *   review_text.c   documents and directory items as labelled lines of text, the unit the diff compares
 *   review_html.c   writing HTML: escaping every byte that comes from content, the page's style
 *   review_changes.c  what changed between the published database and the new one, as HTML
 *   cmd_review.c    the command: build into a temporary database, render the pages, write the report */
#ifndef ZWGK_ADMIN_REVIEW_H
#define ZWGK_ADMIN_REVIEW_H

#include "zwgk/content.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- diff (review_diff.c) ---- */

typedef enum { DIFF_SAME, DIFF_DEL, DIFF_INS } diff_kind_t;

typedef struct diff_op {
    diff_kind_t kind;
    size_t a, b; /* SAME: both indexes; DEL: a (in the old sequence); INS: b (in the new one) */
} diff_op_t;

typedef struct diff {
    diff_op_t *ops;
    size_t count;
    bool coarse; /* too large for an exact LCS: the changed middle is all deleted, then all inserted */
} diff_t;

/* The shortest edit script from a[0..na) to b[0..nb): every element of a is SAME or DEL and every element of b SAME
 * or INS, in order, with a longest common subsequence kept SAME; in each changed run deletions come before
 * insertions.  The common prefix and suffix are taken first; a middle of more than max_cells (na × nb) cells is not
 * searched but marked coarse.  Returns false only when out of memory.  Free with diff_free. */
bool diff_compute(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t max_cells, diff_t *out);
void diff_free(diff_t *d);

/* Symbols for two lists of strings: equal strings get equal numbers.  a_sym and b_sym have na and nb entries.
 * Returns false when out of memory. */
bool diff_symbols(const char *const *a, size_t na, const char *const *b, size_t nb, uint32_t *a_sym, uint32_t *b_sym);

/* The code points of s (invalid bytes as U+FFFD).  *n gets the count; NULL when out of memory.  Caller frees. */
uint32_t *diff_codepoints(const char *s, size_t *n);

/* ---- documents and items as text (review_text.c) ---- */

typedef struct review_lines {
    char **items;
    size_t count, cap;
} review_lines_t;

/* One line per field ("Title: …", translated) then one per body paragraph, heading, list item and table row, Q&A,
 * material and step, as the kiosk shows them.  Appends to out.  Returns false when out of memory. */
bool review_doc_lines(const content_doc_t *d, review_lines_t *out);
/* The same for a directory item: every catalog column, its aliases and the ids of the documents filed under it. */
bool review_item_lines(const content_item_t *it, review_lines_t *out);
void review_lines_free(review_lines_t *l);

/* t, or "(no title)" (translated) when it is NULL or empty: a link always has text to click. */
const char *review_title(const char *t);

/* "全社会、特定群体"-style names of the catalog's bit sets, into buf. */
void review_audience(unsigned bits, char *buf, size_t cap);
void review_mode(unsigned bits, char *buf, size_t cap);
void review_levels(unsigned bits, char *buf, size_t cap);
void review_channels(unsigned bits, char *buf, size_t cap);

/* ---- HTML (review_html.c) ---- */

/* Writes s as HTML text: & < > " ' escaped, invalid UTF-8 and control characters (but \n and \t) as U+FFFD.  NULL
 * writes nothing. */
void html_text(FILE *f, const char *s);
/* The same for s[0..len). */
void html_text_n(FILE *f, const char *s, size_t len);
/* printf whose %s arguments are escaped: only literal HTML in fmt, every argument text (strings; numbers as %d,
 * %lld, %zu).  Supports %s %d %ld %lld %llu %zu %%. */
void html_printf(FILE *f, const char *fmt, ...);
/* The code points cps[0..n) as escaped HTML text. */
void html_codepoints(FILE *f, const uint32_t *cps, size_t n);
/* The report's <head>: charset, title (escaped) and the style sheet (screen and print). */
void html_head(FILE *f, const char *title);

/* Writes the diff of two line lists (labelled lines of one document or item): changed lines with one line of
 * context, unchanged runs folded into a count, each changed line marked 删除/新增/修改 in words as well as colour,
 * a modified line with its deleted and inserted characters marked inline.  Returns the number of changed lines. */
size_t html_diff(FILE *f, const review_lines_t *old, const review_lines_t *new_);

/* ---- changes since the published database (review_changes.c) ---- */

typedef enum { CHANGE_NONE = 0, CHANGE_ADDED, CHANGE_CHANGED } change_t;

typedef struct review_changes {
    size_t docs_added, docs_removed, docs_changed;
    size_t items_added, items_removed, items_changed;
    /* per document of the new database, by its position in the new database's document order (see review_docs):
     * whether it is new or changed, for the table of contents */
    change_t *doc_change;
    size_t ndocs;
} review_changes_t;

/* Every document of c as summaries, in the report's order: by type (政策文件 first), then as the kiosk lists
 * them.  Returns false when the database cannot be read. */
bool review_docs(content_t *c, content_doc_list_t lists[DOC_TYPE_COUNT_PLUS_ONE]);
void review_docs_free(content_doc_list_t lists[DOC_TYPE_COUNT_PLUS_ONE]);

/* Compares old and new and writes the changes section's body into f; fills ch (free with review_changes_free).
 * Document anchors are "doc-N", N the position in review_docs order from 1.  Returns false when a database cannot
 * be read (a line saying so is written). */
/* Every directory item of c, in directory order, read whole.  False when the database cannot be read or memory runs
 * out.  Free with review_items_free. */
typedef struct review_items {
    content_item_t *items;
    size_t count, cap;
} review_items_t;
bool review_items_load(content_t *c, review_items_t *s);
void review_items_free(review_items_t *s);

bool review_changes_write(FILE *f, content_t *old, content_t *new_, review_changes_t *ch);
void review_changes_free(review_changes_t *ch);

#endif
