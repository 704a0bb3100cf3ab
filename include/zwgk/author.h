/* author.h — turning an authoring source folder into a content database (the core of `zwgk-admin`).
 *
 * A source folder is meta.yaml + catalog.csv + docs/NAME.md (docs/authoring.md).  Checking reads everything and reports
 * every problem with its place; building checks first and writes nothing when there is any error.  The build is
 * deterministic: the same folder gives a byte-identical database (no clock, no random, stable order). */
#ifndef ZWGK_AUTHOR_H
#define ZWGK_AUTHOR_H

#include "zwgk/diag.h"
#include "zwgk/result.h"

typedef struct author_options {
    const char *font_regular, *font_bold; /* fonts whose coverage is checked; NULL = the kiosk's defaults */
    int font_face;                        /* face index in a TTC; -1 = the default (2, Simplified Chinese) */
} author_options_t;

/* Checks src_dir.  Every problem goes to d (errors and warnings).  Returns ZWGK_OK when there are no errors,
 * ZWGK_ERR_INVALID otherwise (ZWGK_ERR_IO when src_dir itself cannot be read). */
zwgk_result author_check(const char *src_dir, const author_options_t *opt, diag_list_t *d);

/* Checks src_dir and, when there is no error, writes the content database to out_path (via a temporary file in
 * the same folder, fsynced and renamed, so out_path is either the old file or the complete new one).  Problems go to
 * d; an I/O or SQLite failure is also described in err. */
zwgk_result author_build(const char *src_dir, const char *out_path, const author_options_t *opt, diag_list_t *d,
                         char *err, size_t errlen);

/* For review only (`zwgk-admin review`): checks src_dir like author_check, then writes a content database of
 * everything that could be read even when there are errors (src/author/salvage.c says what is left out).  Without
 * errors the file is byte for byte author_build's.  Returns ZWGK_OK when out_path was written — check d->errors:
 * such a database must never be published; err then names what a fuller try could not write ("" when nothing).
 * ZWGK_ERR_IO when src_dir cannot be read; another code with the reason in err when nothing could be written. */
zwgk_result author_build_partial(const char *src_dir, const char *out_path, const author_options_t *opt, diag_list_t *d,
                                 char *err, size_t errlen);

#endif
