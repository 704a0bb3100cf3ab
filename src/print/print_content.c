/* print_content.c — what a printed page needs from the content database besides the document itself. */
#include "zwgk/print.h"

#include <stdlib.h>
#include <string.h>

char *print_know_url(content_t *c, const content_doc_t *d)
{
    for (size_t i = 0; c && d && i < d->related.count; i++) {
        if (d->related.items[i].type != DOC_POLICY)
            continue;
        content_doc_t p;
        if (content_doc_get(c, d->related.items[i].id, &p) != ZWGK_OK)
            continue;
        char *u = p.url && *p.url ? strdup(p.url) : NULL;
        content_doc_free(&p);
        if (u)
            return u;
    }
    return NULL;
}
