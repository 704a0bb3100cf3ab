/* diag.h — a list of problems found in authoring input, each with its place.
 *
 * The authoring tool reports every problem it finds, not just the first, in the form
 *     file:line: field: what is wrong and how to fix it
 * so that a county admin can fix them all in one pass.  A diag list collects them; warnings do not stop a build,
 * errors do. */
#ifndef ZWGK_DIAG_H
#define ZWGK_DIAG_H

#include <stddef.h>

typedef enum { DIAG_ERROR = 0, DIAG_WARNING = 1 } diag_level_t;

typedef struct diag {
    diag_level_t level;
    char *file;  /* path as given by the caller (relative to the source folder), owned */
    int line;    /* 1-based; 0 when the problem concerns the whole file */
    char *field; /* field or column name, owned; may be NULL */
    char *msg;   /* what is wrong and how to fix it, owned */
} diag_t;

typedef struct diag_list {
    diag_t *items;
    size_t count, cap;
    size_t errors; /* number of items with level DIAG_ERROR */
} diag_list_t;

/* Appends a problem.  file and field may be NULL.  The message is printf-formatted.  Out of memory is reported on
 * stderr and the problem dropped (the error count still rises, so a build never passes on a lost error). */
void diag_add(diag_list_t *d, diag_level_t level, const char *file, int line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Sorts problems by file, then line, for stable output. */
void diag_sort(diag_list_t *d);

/* Writes one line per problem: "file:line: field: msg" ("warning: " before msg for warnings). */
void diag_print(const diag_list_t *d, void *stdio_file);

/* Frees every item; the list is empty and reusable afterwards.  Accepts a zeroed list. */
void diag_clear(diag_list_t *d);

#endif
