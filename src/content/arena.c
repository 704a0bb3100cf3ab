/* arena.c — one allocation pool per query result.
 *
 * A document with its blocks, cells and links has hundreds of strings; giving each its own free() invites leaks in
 * every caller.  Instead a result owns an arena of chunks and one *_free call releases it.  Chunks are 16 KiB or
 * the size of one large request. */
#include "content_private.h"
#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>

typedef struct content_arena_chunk {
    struct content_arena_chunk *next;
    size_t used, cap;
    max_align_t data[]; /* aligned for any type */
} chunk_t;

enum { CHUNK_SIZE = 16 * 1024 };

void *content_arena_alloc(content_arena_t *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    chunk_t *c = a->head;
    if (!c || c->cap - c->used < size) {
        size_t cap = size > CHUNK_SIZE ? size : CHUNK_SIZE;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->cap = cap;
        c->used = 0;
        if (a->head && size > CHUNK_SIZE) { /* keep the current chunk on top: it still has room */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

const char *content_arena_str(content_arena_t *a, const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s), bad;
    if (utf8_valid(s, len, &bad)) {
        char *p = content_arena_alloc(a, len + 1);
        if (p)
            memcpy(p, s, len + 1);
        return p;
    }
    char *clean = utf8_sanitize(s, len);
    if (!clean)
        return NULL;
    size_t n = strlen(clean);
    char *p = content_arena_alloc(a, n + 1);
    if (p)
        memcpy(p, clean, n + 1);
    free(clean);
    return p;
}

void content_arena_free(content_arena_t *a)
{
    chunk_t *c = a->head;
    while (c) {
        chunk_t *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}
