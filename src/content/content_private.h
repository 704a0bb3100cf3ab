/* content_private.h — what the content module's files share (private to src/content; what other modules may share is in
 * zwgk/schema.h). */
#ifndef ZWGK_CONTENT_PRIVATE_H
#define ZWGK_CONTENT_PRIVATE_H

#include "zwgk/content.h"

#include <stddef.h>

/* Arena: strings and arrays of one result.  Allocation failure returns NULL; content_arena_free accepts a zeroed
 * arena. */
void *content_arena_alloc(content_arena_t *a, size_t size);
/* Copies s (NULL → NULL) replacing invalid UTF-8 with U+FFFD. */
const char *content_arena_str(content_arena_t *a, const char *s);
void content_arena_free(content_arena_t *a);

/* The connection of an open content database, for the searcher (search.c), which prepares its own statements on it.
 * Owned by c. */
struct sqlite3;
struct sqlite3 *content_db(content_t *c);

#endif
