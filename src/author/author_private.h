/* author_private.h — the loaded source folder and the stages that work on it (private to src/author). */
#ifndef ZWGK_AUTHOR_PRIVATE_H
#define ZWGK_AUTHOR_PRIVATE_H

#include "model.h"
#include "zwgk/author.h"

typedef struct author_topic {
    long long area; /* index into areas */
    char *name;
} author_topic_t;

typedef struct author_src {
    src_meta_t meta;
    catalog_t catalog;
    doc_set_t docs;         /* sorted by file name, so ids and output order never depend on the file system */
    strlist_t areas;        /* in order of first appearance in catalog.csv */
    author_topic_t *topics; /* (area, 一级事项) in order of first appearance */
    size_t ntopics;
    long long *row_topic; /* topic index of each catalog row */
    /* documents that could not be read, with the id their text names: links to them are consequences */
    strlist_t broken_ids, broken_files;
} author_src_t;

/* Reads meta.yaml, catalog.csv and docs/NAME.md of dir into src, reporting problems in d.  Returns ZWGK_ERR_IO when
 * the folder cannot be read at all, ZWGK_OK otherwise (problems are in d).  Free with author_src_free. */
zwgk_result author_load(const char *dir, author_src_t *src, diag_list_t *d);
void author_src_free(author_src_t *src);

/* Checks what spans files: duplicate ids and items, links that point nowhere, areas, URLs, and characters the fonts
 * cannot draw. */
void author_validate(const author_src_t *src, const author_options_t *opt, diag_list_t *d);

/* The item's stable key, 领域/一级事项/二级事项 (items.key: unique, and what statistics count by).  validate.c
 * checks uniqueness with exactly the key emit.c writes. */
void author_item_key(const catalog_row_t *r, char *buf, size_t cap);

/* For each catalog row, the earliest earlier row with the same item key (SIZE_MAX when none); NULL when out of
 * memory.  Caller frees.  (validate.c reports those rows; salvage.c leaves them out.) */
size_t *author_first_same_key(const author_src_t *src);

/* Index of the document with this id, or -1. */
long long author_doc_index(const author_src_t *src, const char *id);
/* Index of the area with this name, or -1. */
long long author_area_index(const author_src_t *src, const char *name);

/* Writes the database (emit.c).  Only call on a source without errors. */
zwgk_result author_emit(const author_src_t *src, const char *out_path, char *err, size_t errlen);

/* Builds the search index (search_index.c) from the tables already written to db, inside the caller's transaction.
 * On failure returns ZWGK_ERR_SQL or ZWGK_ERR_NOMEM with a reason in err. */
struct sqlite3;
zwgk_result author_search_index(struct sqlite3 *db, char *err, size_t errlen);

#endif
