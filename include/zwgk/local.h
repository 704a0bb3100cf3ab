/* local.h — local.db: the kiosk's own database, never replaced by a package.
 *
 * It lives in the kiosk's data directory (DATA/local.db; the content files are in DATA/content/) and holds:
 *   - settings (key → text), e.g. the publisher this kiosk remembered from its first package;
 *   - which content file is current and which is the previous one (kept for an admin rollback);
 *   - the install history: every install, refusal and rollback with its reason code;
 *   - anonymous statistics: view counts per directory item key and per document key, searches that found nothing
 *     (the words only), and 好差评 ratings.  Nothing here ever names or identifies a person.
 *
 * Durability: WAL journal with synchronous=FULL, so every call that returns ZWGK_OK is on disk and a power cut
 * leaves the previous committed state.  Each record/switch call is one transaction (an fsync or two, a few ms on an
 * SD card): the UI should call the record functions from a worker, or accept that cost on a tap.
 *
 * Threads: a local_t is one SQLite connection; use it from one thread at a time.  Several local_t (the UI's, the
 * install worker's, another process such as zwgk-admin) may be open on the same file at once; writers wait up to
 * 5 s for each other (busy timeout) and then fail with ZWGK_ERR_SQL. */
#ifndef ZWGK_LOCAL_H
#define ZWGK_LOCAL_H

#include "zwgk/result.h"

#include <stddef.h>
#include <time.h>

#define LOCAL_FILE_MAX 128 /* a content file name inside DATA/content/ */
#define LOCAL_ID_MAX   64  /* a publisher id */

typedef struct local local_t;

/* Opens (creating when missing) DATA/local.db, creating DATA and DATA/content too.  NULL with a reason in err when
 * the directory or database cannot be created or is not a local database.  Close with local_close. */
local_t *local_open(const char *data_dir, char *err, size_t errlen);
void local_close(local_t *l); /* accepts NULL */

/* The data directory given to local_open (owned by l). */
const char *local_data_dir(const local_t *l);

/* Write calls return ZWGK_ERR_IO when the disk failed them (full, I/O error) and ZWGK_ERR_SQL otherwise; these say
 * more about the last failure: whether the disk was full, and SQLite's message (owned by l). */
int local_disk_full(const local_t *l);
const char *local_errmsg(const local_t *l);

/* ---- settings ---- */

/* Copies the value of key into buf.  ZWGK_ERR_NOT_FOUND when unset (buf gets ""). */
zwgk_result local_setting_get(local_t *l, const char *key, char *buf, size_t cap);
zwgk_result local_setting_set(local_t *l, const char *key, const char *value);

/* ---- the current content ---- */

typedef struct local_content_state {
    char current_file[LOCAL_FILE_MAX]; /* "" when nothing is installed */
    long long current_version;
    char current_publisher[LOCAL_ID_MAX];
    char previous_file[LOCAL_FILE_MAX]; /* "" when there is none */
    long long previous_version;
    char previous_publisher[LOCAL_ID_MAX];
} local_content_state_t;

zwgk_result local_content_state(local_t *l, local_content_state_t *out);

/* The full path of the current content file (DATA/content/FILE).  ZWGK_ERR_NOT_FOUND when none is installed. */
zwgk_result local_content_path(local_t *l, char *path, size_t cap);

/* ---- install history ---- */

typedef struct local_history_row {
    long long id;
    char time[32];     /* UTC, 2024-11-01T08:00:00Z */
    char action[16];   /* "install", "refuse", "rollback" */
    char package[256]; /* the package's file name (or the file rolled back to) */
    long long version; /* 0 when unknown (refused before the version was read) */
    char publisher[LOCAL_ID_MAX];
    char reason[32];  /* machine-readable: "ok" or a package reason key such as "sig-invalid" */
    char detail[512]; /* English, technical */
} local_history_row_t;

/* Appends a row; id and time are filled in by the call (row->time may be "" for "now"). */
zwgk_result local_history_add(local_t *l, const local_history_row_t *row);

/* The newest max rows, newest first, in a malloc'ed array the caller frees with free().  *rows is NULL when there
 * are none. */
zwgk_result local_history_list(local_t *l, size_t max, local_history_row_t **rows, size_t *count);

/* Makes file (in DATA/content/) the current content in one transaction: the old current becomes the previous one,
 * row is appended to the history, and, when no publisher is remembered yet, publisher is remembered as setting
 * "publisher_id".  After ZWGK_OK the caller reopens the content; on failure nothing changed. */
zwgk_result local_content_switch(local_t *l, const char *file, long long version, const char *publisher,
                                 const local_history_row_t *row);

/* Swaps current and previous in one transaction (admin rollback), appending row.  ZWGK_ERR_NOT_FOUND when there is
 * no previous content. */
zwgk_result local_content_swap(local_t *l, const local_history_row_t *row);

/* ---- anonymous statistics ---- */

typedef enum local_view_kind {
    LOCAL_VIEW_ITEM = 1 /* directory item key */,
    LOCAL_VIEW_DOC /* document key */
} local_view_kind;

/* Counts one view of a directory item (by its stable key, content_item_t.key) or a document (content_doc_t.s.key). */
zwgk_result local_view_record(local_t *l, local_view_kind kind, const char *key);

/* Counts a search that found nothing.  The query is trimmed, runs of blanks become one space and it is cut at 64
 * characters.  A query with a run of 6 or more digits (a phone or ID number) or an empty one is not recorded:
 * ZWGK_ERR_INVALID, so no personal data is ever stored. */
zwgk_result local_search_record_unmet(local_t *l, const char *query);

/* Counts a 好差评 rating: level 1 (非常不满意) … 5 (非常满意), of target (a document or item key; "" = the
 * kiosk's service as a whole).  ZWGK_ERR_INVALID for a level outside 1..5. */
zwgk_result local_rating_record(local_t *l, const char *target, int level);

/* One counter as exported; the statistics CSV has one row per counter. */
typedef struct local_stat {
    const char *kind; /* "view_item", "view_doc", "unmet_search", "rating" (key "LEVEL:TARGET") */
    const char *key;
    long long count;
    const char *last; /* UTC time of the last count */
} local_stat_t;

/* Calls fn once per counter, sorted by kind then count (descending).  Strings are valid during the call only.
 * fn returns nonzero to stop. */
zwgk_result local_stats_each(local_t *l, int (*fn)(void *user, const local_stat_t *s), void *user);

/* Writes every counter to DIR/<kiosk-id>-stats-<YYYY-MM-DD>.csv (the date of now, local time), as
 * "kiosk,exported,kind,key,count,last" rows (RFC 4180 quoting).  Atomic: written to a dot-named temporary file,
 * fsynced, then renamed without replacing (renameat2 RENAME_NOREPLACE, else link) — an earlier export is never
 * overwritten: the next free name among NAME.csv, NAME-2.csv, NAME-3.csv … is taken.  Characters of kiosk_id that
 * cannot be in a file name become '_'.  The path written goes into written (may be NULL).  On failure nothing is
 * left behind and err says why. */
zwgk_result local_stats_export(local_t *l, const char *kiosk_id, const char *dir, time_t now, char *written,
                               size_t written_cap, char *err, size_t errlen);

#endif
