/* diag.c — collecting authoring problems with their places (see zwgk/diag.h). */
#include "zwgk/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void diag_add(diag_list_t *d, diag_level_t level, const char *file, int line, const char *field, const char *fmt, ...)
{
    if (level == DIAG_ERROR)
        d->errors++;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        diag_t *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            fprintf(stderr, "out of memory while recording a problem in %s:%d\n", file ? file : "?", line);
            return;
        }
        d->items = items;
        d->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (msg) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    diag_t *it = &d->items[d->count++];
    it->level = level;
    it->file = dup_or_null(file);
    it->line = line;
    it->field = dup_or_null(field);
    it->msg = msg;
}

void diag_sort(diag_list_t *d)
{
    /* Insertion sort: stable (problems on one line keep the order they were found in) and the lists are short. */
    for (size_t i = 1; i < d->count; i++) {
        diag_t t = d->items[i];
        size_t j = i;
        while (j > 0) {
            diag_t *p = &d->items[j - 1];
            int c = strcmp(p->file ? p->file : "", t.file ? t.file : "");
            if (c < 0 || (c == 0 && p->line <= t.line))
                break;
            d->items[j] = *p;
            j--;
        }
        d->items[j] = t;
    }
}

void diag_print(const diag_list_t *d, void *stdio_file)
{
    FILE *f = stdio_file;
    for (size_t i = 0; i < d->count; i++) {
        const diag_t *it = &d->items[i];
        fprintf(f, "%s", it->file ? it->file : "(input)");
        if (it->line > 0)
            fprintf(f, ":%d", it->line);
        fprintf(f, ": ");
        if (it->field)
            fprintf(f, "%s: ", it->field);
        fprintf(f, "%s%s\n", it->level == DIAG_WARNING ? "warning: " : "", it->msg ? it->msg : "(out of memory)");
    }
}

void diag_clear(diag_list_t *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].field);
        free(d->items[i].msg);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}
