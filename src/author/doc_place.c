/* doc_place.c — where a problem of a document is, whichever kind of source it came from (model.h, doc_cell_t).
 *
 * A document file is placed by lines; a service guide read from a row of guides.xlsx by cells.  The parsers and
 * validate.c hold one int per place either way (a line, or 1 + an index into doc->cells) and report through
 * doc_diag, which turns it into "docs/a.md:12: …" or "guides.xlsx 申请材料!C5（guide-dibao）: …".  So a check
 * written once for Markdown guides says the right thing about a workbook guide, in the staffer's terms. */
#include "doc_internal.h"

#include <stdarg.h>

int doc_place(const doc_t *doc, int line, diag_place_t *at)
{
    if (!doc->cells || line < 1 || (size_t)line > doc->ncells)
        return 0;
    const doc_cell_t *c = &doc->cells[line - 1];
    *at = (diag_place_t){doc->file, c->sheet, c->sheet_index, c->row, c->col, doc->id};
    return 1;
}

void doc_vdiag(diag_list_t *d, diag_level_t level, const doc_t *doc, int line, const char *field, const char *fmt,
               va_list ap)
{
    diag_place_t at;
    if (doc_place(doc, line, &at)) {
        const char *head = doc->cells[line - 1].head;
        diag_vadd_at(d, level, &at, head ? head : field, fmt, ap);
        return;
    }
    char msg[4096];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (doc->cells) /* the workbook as a whole (line 0) */
        diag_add(d, level, doc->file, 0, field, "%s", msg);
    else
        diag_add(d, level, doc->file, line, field, "%s", msg);
}

void doc_diag(diag_list_t *d, diag_level_t level, const doc_t *doc, int line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    doc_vdiag(d, level, doc, line, field, fmt, ap);
    va_end(ap);
}

void doc_place_text(const doc_t *doc, int line, char *buf, size_t cap)
{
    diag_place_t at;
    diag_t it = {.file = doc->file, .line = line, .col = -1};
    if (doc_place(doc, line, &at)) {
        it.table = 1;
        it.sheet = (char *)at.sheet;
        it.line = at.row;
        it.col = at.col;
        it.key = (char *)at.key;
    } else if (doc->cells) {
        it.line = 0;
    }
    diag_place_text(&it, buf, cap);
}

int doc_cell_add(doc_t *doc, const char *sheet, int sheet_index, int row, int col, const char *head)
{
    doc->cells = doc_xrealloc(doc->cells, (doc->ncells + 1) * sizeof *doc->cells);
    doc->cells[doc->ncells] = (doc_cell_t){doc_xstrndup(sheet, strlen(sheet)), sheet_index, row, col,
                                           head ? doc_xstrndup(head, strlen(head)) : NULL};
    return (int)++doc->ncells;
}

void doc_key_line_set(doc_t *doc, const char *key, int line)
{
    for (size_t i = 0; i < doc->nkey_lines; i++)
        if (!strcmp(doc->key_lines[i].key, key)) {
            doc->key_lines[i].line = line;
            return;
        }
    doc->key_lines = doc_xrealloc(doc->key_lines, (doc->nkey_lines + 1) * sizeof *doc->key_lines);
    doc->key_lines[doc->nkey_lines++] = (doc_key_line_t){key, line};
}

int doc_key_line(const doc_t *doc, const char *key)
{
    for (size_t i = 0; i < doc->nkey_lines; i++)
        if (!strcmp(doc->key_lines[i].key, key))
            return doc->key_lines[i].line;
    return doc->line;
}
