/* diag.c — collecting authoring problems with their places (see zwgk/diag.h).
 *
 * Sorting is a stable merge sort: a large hostile catalog can produce hundreds of thousands of problems, and the
 * insertion sort this file once had was quadratic in them.  Places are formatted only when printed, in the language
 * of the moment, so a caller may collect problems before gettext is set up. */
#include "zwgk/diag.h"
#include "zwgk/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static diag_t *diag_push(diag_list_t *d, diag_level_t level, const char *file, const char *fmt, va_list ap)
{
    if (level == DIAG_ERROR)
        d->errors++;
    else if (level == DIAG_CONSEQUENCE)
        d->consequences++;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        diag_t *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            fprintf(stderr, "out of memory while recording a problem in %s\n", file ? file : "?");
            if (level == DIAG_CONSEQUENCE)
                d->consequences--;
            return NULL;
        }
        d->items = items;
        d->cap = cap;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (msg)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    diag_t *it = &d->items[d->count++];
    memset(it, 0, sizeof *it);
    it->level = level;
    it->file = dup_or_null(file);
    it->msg = msg;
    it->col = -1;
    return it;
}

void diag_add(diag_list_t *d, diag_level_t level, const char *file, int line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_t *it = diag_push(d, level, file, fmt, ap);
    va_end(ap);
    if (it) {
        it->line = line;
        it->field = dup_or_null(field);
    }
}

void diag_vadd_at(diag_list_t *d, diag_level_t level, const diag_place_t *at, const char *field, const char *fmt,
                  va_list ap)
{
    diag_t *it = diag_push(d, level, at->file, fmt, ap);
    if (!it)
        return;
    it->table = 1;
    it->line = at->row;
    it->col = at->row > 0 ? at->col : -1;
    it->sheet = dup_or_null(at->sheet);
    it->sheet_index = at->sheet_index;
    it->key = at->row > 0 ? dup_or_null(at->key) : NULL;
    it->field = dup_or_null(field);
}

void diag_add_at(diag_list_t *d, diag_level_t level, const diag_place_t *at, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd_at(d, level, at, field, fmt, ap);
    va_end(ap);
}

/* Order: causes before consequences, then file, sheet, line. */
static int diag_cmp(const diag_t *a, const diag_t *b)
{
    int ca = a->level == DIAG_CONSEQUENCE, cb = b->level == DIAG_CONSEQUENCE;
    if (ca != cb)
        return ca - cb;
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c)
        return c;
    if (a->sheet_index != b->sheet_index)
        return a->sheet_index < b->sheet_index ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

void diag_sort(diag_list_t *d)
{
    if (d->count < 2)
        return;
    diag_t *tmp = malloc(d->count * sizeof *tmp);
    if (!tmp)
        return; /* unsorted but complete */
    for (size_t width = 1; width < d->count; width *= 2) {
        for (size_t lo = 0; lo < d->count; lo += 2 * width) {
            size_t mid = lo + width < d->count ? lo + width : d->count;
            size_t hi = lo + 2 * width < d->count ? lo + 2 * width : d->count;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = diag_cmp(&d->items[j], &d->items[i]) < 0 ? d->items[j++] : d->items[i++];
            while (i < mid)
                tmp[k++] = d->items[i++];
            while (j < hi)
                tmp[k++] = d->items[j++];
        }
        memcpy(d->items, tmp, d->count * sizeof *tmp);
    }
    free(tmp);
}

static const char *col_letters(int col, char buf[8])
{
    char t[8];
    int n = 0;
    unsigned c = (unsigned)col + 1;
    while (c > 0 && n < 7) {
        t[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (int k = 0; k < n; k++)
        buf[k] = t[n - 1 - k];
    buf[n] = '\0';
    return buf;
}

void diag_place_text(const diag_t *it, char *buf, size_t cap)
{
    const char *file = it->file ? it->file : "(input)";
    if (!it->table) {
        if (it->line > 0)
            snprintf(buf, cap, "%s:%d", file, it->line);
        else
            snprintf(buf, cap, "%s", file);
        return;
    }
    char where[64] = "", letters[8], key[160] = "";
    if (it->line > 0 && it->col >= 0)
        snprintf(where, sizeof where, "%s%d", col_letters(it->col, letters), it->line);
    else if (it->line > 0)
        snprintf(where, sizeof where, _("row %d"), it->line);
    if (it->key)
        snprintf(key, sizeof key, _(" (%s)"), it->key);
    if (it->sheet && it->line > 0 && it->col >= 0)
        snprintf(buf, cap, "%s %s!%s%s", file, it->sheet, where, key);
    else if (it->sheet)
        snprintf(buf, cap, "%s %s%s%s%s", file, it->sheet, where[0] ? " " : "", where, key);
    else
        snprintf(buf, cap, "%s%s%s%s", file, where[0] ? " " : "", where, key);
}

void diag_print(const diag_list_t *d, void *stdio_file)
{
    FILE *f = stdio_file;
    for (size_t i = 0; i < d->count; i++) {
        const diag_t *it = &d->items[i];
        char place[512];
        diag_place_text(it, place, sizeof place);
        fprintf(f, "%s: ", place);
        if (it->field)
            fprintf(f, "%s: ", it->field);
        const char *prefix = it->level == DIAG_WARNING       ? _("warning: ")
                             : it->level == DIAG_CONSEQUENCE ? _("consequence of an error above: ")
                                                             : "";
        fprintf(f, "%s%s\n", prefix, it->msg ? it->msg : "(out of memory)");
    }
}

void diag_clear(diag_list_t *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].field);
        free(d->items[i].msg);
        free(d->items[i].sheet);
        free(d->items[i].key);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}
