/* sbuf.c — the growing string every text step of read-aloud writes into (speech_private.h).
 *
 * Out of memory is remembered rather than returned at each append: a step writes freely and checks once, at
 * sbuf_take, which then frees what there was and returns NULL. */
#include "speech_private.h"
#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>

void sbuf_add(sbuf_t *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sbuf_str(sbuf_t *b, const char *s)
{
    sbuf_add(b, s, strlen(s));
}

void sbuf_cp(sbuf_t *b, uint32_t cp)
{
    char u[4];
    sbuf_add(b, u, utf8_encode(cp, u));
}

char *sbuf_take(sbuf_t *b)
{
    if (b->oom) {
        free(b->s);
        *b = (sbuf_t){0};
        return NULL;
    }
    char *s = b->s ? b->s : strdup("");
    *b = (sbuf_t){0};
    return s;
}
