/* doc_internal.h — what doc_parse.c and frontmatter.c share (private to src/author).
 *
 * A document file is split in two: the YAML front matter between the first two `---` lines (frontmatter.c) and the
 * Markdown body after it (doc_parse.c).  Both record problems in a diag list with the line in the whole file, so the
 * split hands over where each part starts.  Out of memory aborts with a message, as strlist_push does: the authoring
 * tool is a command-line program and a half-parsed document is of no use to anyone. */
#ifndef ZWGK_AUTHOR_DOC_INTERNAL_H
#define ZWGK_AUTHOR_DOC_INTERNAL_H

#include "model.h"

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

#endif
