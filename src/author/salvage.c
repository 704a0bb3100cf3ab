/* salvage.c — a content database of everything that could be read, even from a source with errors (for review).
 *
 * author_build refuses to write anything when the source has an error: a kiosk must never get it.  A reviewer, though,
 * needs to see the documents while the errors are being fixed, and `zwgk-admin review` shows both — the problems and
 * every document as the kiosk would show it.  So this file takes the loaded, validated model and makes it writable:
 *   - a document without an id or a known type, or with an id an earlier file already has, is left out (its errors
 *     say why; the report lists its file as not shown);
 *   - a directory row whose key an earlier row already has is left out (the same);
 *   - a column the schema requires but the source left out becomes "" (an empty field on the page, where the error
 *     says what is missing); a progress outside 0–100 is clamped.
 * Everything else is written by the same author_emit as a build.  A source without errors is not touched at all, so
 * its database is byte for byte what `zwgk-admin build` writes: the report's hash is then the package's.
 *
 * Should the database still refuse what is left (a case no check foresaw), the documents with errors are left out
 * and the write tried again, and then without any document or row: the report always has a database to show, and
 * the reason goes to the caller. */
#include "author_private.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fill(char **field)
{
    if (!*field)
        *field = strdup("");
}

/* Gives every NOT NULL column of the document's tables a value (schema.c). */
static void fill_required(doc_t *d)
{
    fill(&d->title);
    fill(&d->publish_date);
    switch (d->type) {
    case DOC_INTERPRETATION:
        fill(&d->unit);
        break;
    case DOC_GUIDE: {
        char **v[] = {&d->conditions, &d->time_limit, &d->fee, &d->place, &d->hours, &d->phone, &d->complaint_phone};
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
            fill(v[i]);
        break;
    }
    case DOC_PROJECT:
        fill(&d->target);
        fill(&d->lead_unit);
        if (d->progress < 0)
            d->progress = 0;
        if (d->progress > 100)
            d->progress = 100;
        if (!d->status)
            d->status = PROJECT_NOT_STARTED;
        break;
    case DOC_CONSULTATION:
        fill(&d->deadline);
        fill(&d->respond);
        break;
    default:
        break;
    }
}

/* True when d has an error at the document's file; for a guide of guides.xlsx, at its rows (the place names the
 * guide) or at the workbook as a whole. */
static bool has_error(const diag_list_t *d, const doc_t *doc)
{
    for (size_t i = 0; i < d->count; i++) {
        const diag_t *it = &d->items[i];
        if (it->level == DIAG_ERROR && it->file && !strcmp(it->file, doc->file) &&
            (!doc->cells || !it->key || (doc->id && !strcmp(it->key, doc->id))))
            return true;
    }
    return false;
}

/* Keeps the documents keep() accepts, in order; frees the others.  Links to a left-out document then resolve to
 * nothing, as emit.c already handles for links validate.c reported. */
static void filter_docs(author_src_t *src, const diag_list_t *d, int level)
{
    size_t n = 0;
    for (size_t i = 0; i < src->docs.count; i++) {
        doc_t *doc = src->docs.docs[i];
        bool keep = doc->id && doc->type >= DOC_POLICY && doc->type < DOC_TYPE_COUNT_PLUS_ONE && level < 2;
        for (size_t k = 0; keep && k < n; k++)
            keep = strcmp(src->docs.docs[k]->id, doc->id) != 0;
        if (keep && level == 1)
            keep = !has_error(d, doc);
        if (keep) {
            fill_required(doc);
            src->docs.docs[n++] = doc;
        } else {
            doc_free(doc);
        }
    }
    src->docs.count = n;
}

/* Leaves out each directory row whose item key an earlier row has (emit.c writes items.key UNIQUE; validate.c
 * reported it); level 2 leaves out every row. */
static void filter_rows(author_src_t *src, int level)
{
    size_t n = src->catalog.count;
    size_t *first = author_first_same_key(src);
    if (!first)
        return; /* out of memory: the write then fails and the next level tries without rows */
    catalog_t gone = {0};
    gone.cap = n ? n : 1; /* catalog_free frees the array only when it has a capacity */
    gone.rows = malloc(gone.cap * sizeof *gone.rows);
    size_t kept = 0;
    for (size_t i = 0; gone.rows && i < n; i++) {
        if (level >= 2 || first[i] != SIZE_MAX) {
            gone.rows[gone.count++] = src->catalog.rows[i];
        } else {
            src->catalog.rows[kept] = src->catalog.rows[i];
            src->row_topic[kept] = src->row_topic[i];
            kept++;
        }
    }
    if (gone.rows)
        src->catalog.count = kept;
    catalog_free(&gone);
    free(first);
}

static void fill_meta(src_meta_t *m)
{
    fill(&m->publisher_id);
    fill(&m->publisher);
    fill(&m->region);
    fill(&m->title);
    fill(&m->created);
}

zwgk_result author_build_partial(const char *src_dir, const char *out_path, const author_options_t *opt, diag_list_t *d,
                                 char *err, size_t errlen)
{
    err[0] = '\0';
    author_src_t src;
    zwgk_result r = author_load(src_dir, &src, d);
    if (r == ZWGK_OK)
        author_validate(&src, opt, d);
    diag_sort(d);
    for (int level = 0; r == ZWGK_OK; level++) {
        if (level > 0) { /* the model again, from the files: the last try changed it */
            diag_list_t again = {0};
            author_src_free(&src);
            r = author_load(src_dir, &src, &again);
            diag_clear(&again);
            if (r != ZWGK_OK)
                break;
        }
        if (d->errors) {
            fill_meta(&src.meta);
            filter_docs(&src, d, level);
            filter_rows(&src, level);
        }
        char why[512] = "";
        r = author_emit(&src, out_path, why, sizeof why);
        if (r == ZWGK_OK || !d->errors || level == 2) {
            if (r != ZWGK_OK)
                snprintf(err, errlen, "%s", why);
            break;
        }
        if (!err[0]) /* the reason the fuller try failed, for the report */
            snprintf(err, errlen, "%s", why);
        r = ZWGK_OK;
    }
    author_src_free(&src);
    return r;
}
