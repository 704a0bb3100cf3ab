/* stats.h — what `zwgk-admin stats` reads from kiosks' exports, shared by the text report (cmd_stats.c) and the
 * HTML report (stats_html.c). */
#ifndef ZWGK_ADMIN_STATS_H
#define ZWGK_ADMIN_STATS_H

#include <stddef.h>

/* One row of an export: "kiosk,exported,kind,key,count,last". */
typedef struct stats_row {
    char *kiosk, *exported, *kind, *key, *last;
    long long count;
    size_t file; /* index of the export it came from */
} stats_row_t;

typedef struct stats_rows {
    stats_row_t *v;
    size_t n, cap;
} stats_rows_t;

/* One counter summed over the newest export of each kiosk. */
typedef struct stats_counter {
    const char *kind, *key, *last;
    long long count;
    size_t kiosks;
} stats_counter_t;

/* Everything the reports are made from. */
typedef struct stats_input {
    const char *const *files;    /* the export files, as given */
    const stats_rows_t *exports; /* one per file (all of them, older exports of a kiosk too: the weekly trend) */
    size_t nfiles;
    const stats_counter_t *counters; /* summed over the newest export of each kiosk, sorted by kind then count */
    size_t ncounters;
    size_t nkiosks;         /* kiosks counted */
    const char *content_db; /* --content: names documents and areas by their titles; may be NULL */
} stats_input_t;

/* Writes DIR/index.html (creating DIR): one static page, no network, no file but itself, with an SVG chart and a
 * table for each question.  Returns 0, or 1 with the reason on stderr. */
int stats_html_write(const char *dir, const stats_input_t *in);

#endif
