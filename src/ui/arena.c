/* arena.c — stable text storage for a page's layout, reset instead of freed (arena.h).
 *
 * Chunks are 16 KiB, or exactly the size of one larger request.  Reset rewinds every chunk to empty and starts
 * filling from the first again, so a screen laid out again (a size change, a tab, an answer opened) reuses what its
 * first layout allocated.  Printing measures first (vsnprintf with no buffer) and then writes into exactly that
 * much, so a composed line is never cut, let alone in the middle of a character. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ui_arena_chunk {
    ui_arena_chunk_t *next;
    size_t used, cap;
    max_align_t data[];
};

enum { CHUNK_SIZE = 16 * 1024 };

void ui_arena_reset(ui_arena_t *a)
{
    for (ui_arena_chunk_t *c = a->head; c; c = c->next)
        c->used = 0;
    a->cur = a->head;
    a->failed = 0;
}

void ui_arena_free(ui_arena_t *a)
{
    ui_arena_chunk_t *c = a->head;
    while (c) {
        ui_arena_chunk_t *next = c->next;
        free(c);
        c = next;
    }
    a->head = a->cur = NULL;
    a->failed = 0;
}

size_t ui_arena_chunks(const ui_arena_t *a)
{
    size_t n = 0;
    for (const ui_arena_chunk_t *c = a->head; c; c = c->next)
        n++;
    return n;
}

void *ui_arena_alloc(ui_arena_t *a, size_t n)
{
    size_t align = sizeof(max_align_t);
    if (n > (size_t)-1 / 2) {
        a->failed++;
        return NULL;
    }
    n = (n + align - 1) & ~(align - 1);
    /* The first chunk from the current one on with room.  Chunks passed over stay as they are until the next
     * reset; a layout repeated after a reset makes the same requests in the same order, so it finds the same
     * chunks and allocates nothing. */
    ui_arena_chunk_t *c = a->cur;
    while (c && c->cap - c->used < n)
        c = c->next;
    if (!c) {
        size_t cap = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        c = malloc(sizeof *c + cap);
        if (!c) {
            a->failed++;
            return NULL;
        }
        c->next = NULL;
        c->used = 0;
        c->cap = cap;
        ui_arena_chunk_t **tail = a->cur ? &a->cur->next : &a->head;
        while (*tail)
            tail = &(*tail)->next;
        *tail = c;
    }
    a->cur = c;
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

const char *ui_arena_strndup(ui_arena_t *a, const char *s, size_t n)
{
    char *p = ui_arena_alloc(a, n + 1);
    if (!p)
        return "";
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

const char *ui_arena_vprintf(ui_arena_t *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *p = n >= 0 ? ui_arena_alloc(a, (size_t)n + 1) : NULL;
    if (!p)
        return "";
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

const char *ui_arena_printf(ui_arena_t *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = ui_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return s;
}
