/* strlist.c — a growable list of owned strings (model.h), used for 关联文件, 别名 and document keyword lists.
 *
 * The authoring tool is a short-lived command-line program that reads a folder of a few megabytes at most; running out
 * of memory there is not a condition a county admin can fix, so strlist_push reports it on stderr and aborts (the
 * contract model.h states) instead of making every caller check a result it could do nothing with. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strlist_push(strlist_t *l, const char *s)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        char **items = realloc(l->items, cap * sizeof *items);
        if (!items) {
            fprintf(stderr, "zwgk-admin: out of memory\n");
            abort();
        }
        l->items = items;
        l->cap = cap;
    }
    char *copy = strdup(s);
    if (!copy) {
        fprintf(stderr, "zwgk-admin: out of memory\n");
        abort();
    }
    l->items[l->count++] = copy;
}

void strlist_free(strlist_t *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}
