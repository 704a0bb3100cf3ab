/* doc_internal.h — what doc_parse.c and frontmatter.c share (private to src/author).
 *
 * A document file is split in two: the YAML front matter between the first two `---` lines (frontmatter.c) and the
 * Markdown body after it (doc_parse.c).  Both record problems in a diag list with the line in the whole file, so the
 * split hands over where each part starts.  Out of memory aborts with a message, as strlist_push does: the authoring
 * tool is a command-line program and a half-parsed document is of no use to anyone. */
#ifndef ZWGK_AUTHOR_DOC_INTERNAL_H
#define ZWGK_AUTHOR_DOC_INTERNAL_H

#include "model.h"
#include "zwgk/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the parts of a document file are, as byte offsets into the text. */
typedef struct fm_split {
    size_t yaml_off, yaml_len; /* the YAML between the two `---` lines */
    int yaml_line;             /* file line of the YAML's first line (2) */
    size_t body_off;           /* first byte after the closing `---` line */
    int body_line;             /* file line of body_off */
} fm_split_t;

/* Finds the front matter: the first line must be `---`, and a later line `---` (or `...`) closes it.  Trailing
 * spaces and CR are allowed on both.  Returns 1 and fills out; otherwise adds an error to d and returns 0. */
int frontmatter_split(const char *text, size_t len, const char *file, fm_split_t *out, diag_list_t *d);

/* Parses the front matter YAML (yaml[0..len), whose first line is file line first_line) into doc's fields, with
 * every problem in d (file is doc->file).  Returns 1 when the document is usable by later stages (the YAML parsed,
 * and it has an id and a known type), else 0.  Either way doc holds what could be read; the caller frees it. */
int frontmatter_parse(const char *yaml, size_t len, int first_line, doc_t *doc, diag_list_t *d);

/* The same fields from somewhere other than YAML — the cells of a guides.xlsx row (guides_xlsx.c) — with the same
 * checks, normalisations and messages, each problem at line (a doc "line": see model.h, doc_cell_t).  doc->type must
 * be set first. */

/* How type uses a front-matter key: 0 not at all (or no such key), 1 optional, 2 required. */
int frontmatter_key_use(const char *key, int type);
/* Sets the field named key from text: a scalar as its key's kind wants it (id, date read leniently, text without
 * spaces after Chinese punctuation…); keywords split at 、，,；; spaces and line breaks; conditions one item a line;
 * readings one `词: pinyin` a line.  Returns 0 (nothing done) when key is not a text field of doc's type. */
int frontmatter_set_text(doc_t *doc, const char *key, const char *text, int line, diag_list_t *d);
/* Checks a material's form and count and appends it when ok and they are right (takes val[4]: name, form, count,
 * note, each NULL when empty; lines[] and fields[] place and name each value in messages; line is the item's). */
void frontmatter_add_material(doc_t *doc, char *val[4], const int lines[4], int line, const char *const field_names[4],
                              bool ok, diag_list_t *d);
/* Appends a step (takes title and detail). */
void frontmatter_add_step(doc_t *doc, char *title, char *detail, char *bring, char *where, int line);

/* Parses Markdown text as body blocks appended to doc: the same parser as a document's body.  at_line 0: lines count
 * from 1 at the text's first line; else every block and problem is at that doc "line" (the cell the text came from),
 * a problem saying which line of the cell.  For the 正文 and the answers of a workbook guide (guides_xlsx.c). */
void doc_parse_body(doc_t *doc, const char *text, size_t len, int at_line, diag_list_t *d);

/* A Chinese punctuation mark after which a typed space is a habit, not spacing: 。，、；：？！ and the brackets and
 * title marks (not the curly quotes “”‘’, which English text shares, nor the ASCII marks). */
static inline bool doc_is_cjk_punct(uint32_t cp)
{
    return text_punct_blank(cp) != TEXT_BLANK_NONE && text_punct_blank(cp) != TEXT_BLANK_BOTH &&
           (cp < 0x2018 || cp > 0x201D);
}

/* Copies s[0..n) to dst (which may be s itself) without the spaces — U+0020, tab, U+3000 — that follow such a mark:
 * "政务公开。 下一句" → "政务公开。下一句".  prev is the code point just before s (0 at a start).  Returns the bytes
 * written (never more than n; no NUL is added). */
static inline size_t doc_drop_spaces_after_punct(uint32_t prev, const char *s, size_t n, char *dst)
{
    size_t out = 0, adv;
    for (size_t i = 0; i < n; i += adv) {
        uint32_t cp = utf8_decode(s + i, n - i, &adv);
        if ((cp == ' ' || cp == '\t' || cp == 0x3000u) && doc_is_cjk_punct(prev))
            continue; /* prev stays the mark: a run of spaces goes */
        memmove(dst + out, s + i, adv);
        out += adv;
        prev = cp;
    }
    return out;
}

static inline void *doc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("zwgk-admin: out of memory\n", stderr);
        abort();
    }
    return q;
}

static inline char *doc_xstrndup(const char *s, size_t n)
{
    char *r = doc_xrealloc(NULL, n + 1);
    if (n)
        memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

/* A growing byte buffer (NUL-terminated after its len bytes). */
typedef struct doc_buf {
    char *s;
    size_t len, cap;
} doc_buf_t;

static inline void doc_buf_put(doc_buf_t *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->s = doc_xrealloc(b->s, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* One error for a YAML text libyaml could not parse: at the line where the mistake is (file line first_line + the
 * YAML's 0-based line), in the staffer's words, with a hint for the usual cause (全角空格, '：', a tab, quotes). */
struct yaml_parser_s;
void frontmatter_yaml_error(const struct yaml_parser_s *p, const char *yaml, size_t len, int first_line,
                            const char *file, const char *field, diag_list_t *d);

/* ---- lenient.c: what a staffer obviously meant ---- */

/* 2024年7月12日, 2024/7/12, 2024-7-12 or 2024.7.12 (a real date) as YYYY-MM-DD in out: returns 1, else 0. */
int lenient_date(const char *s, char out[11]);
/* A copy of front-matter YAML with full-width and no-break spaces in indentation, after "key:" and "- " and at line
 * ends made ASCII spaces, and a title whose plain value holds " #" double-quoted.  Returns NULL when nothing changed;
 * else the copy (*out_len bytes, caller frees) and, in *changed_lines (caller frees), the 0-based lines whose spaces
 * were changed. */
char *lenient_yaml(const char *yaml, size_t len, size_t *out_len, int **changed_lines, size_t *nchanged);
/* The standard material form for s (原件, 复印件, 原件和复印件, 原件核验, 电子证照), *synonym set when s was another
 * way of writing it; NULL when s is no form. */
const char *lenient_form(const char *s, int *synonym);
/* Splits one keyword item at ，、；,; into out. */
void lenient_keywords(const char *s, strlist_t *out);

#endif
