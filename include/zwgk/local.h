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

/* Why local_open failed, for callers that can do something about it (see local_state.c). */
typedef enum local_open_problem {
    LOCAL_OPEN_FINE = 0,
    LOCAL_OPEN_DAMAGED,  /* local.db is not a database, is corrupt or is another program's: local_rebuild replaces it */
    LOCAL_OPEN_READONLY, /* the data directory or local.db cannot be written: local_open_readonly can still read it */
    LOCAL_OPEN_FAILED,   /* anything else (out of memory, a path too long, another writer for longer than 5 s) */
} local_open_problem_t;

/* local_open that also says why it failed (problem may be NULL). */
local_t *local_open_checked(const char *data_dir, local_open_problem_t *problem, char *err, size_t errlen);

/* Opens DATA/local.db for reading only: creates nothing, writes nothing, works on a read-only file system (a WAL
 * database with no -wal file is then opened immutable).  Every write call on it fails with ZWGK_ERR_IO.  NULL with
 * err when there is no readable local.db. */
local_t *local_open_readonly(const char *data_dir, char *err, size_t errlen);

/* 1 when l was opened read-only (by local_open_readonly, or because SQLite could open the file only for reading). */
int local_is_readonly(const local_t *l);

/* 1 when the last failure of a call on l was a damaged database (SQLITE_CORRUPT or SQLITE_NOTADB). */
int local_is_damaged(const local_t *l);

/* PRAGMA quick_check of local.db: ZWGK_OK when intact, else ZWGK_ERR_FORMAT with SQLite's first complaint in err. */
zwgk_result local_check(local_t *l, char *err, size_t errlen);

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
    long long rollback_hold; /* after an admin rollback from version V: V (packages up to V are refused); else 0 */
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
    char reason[32];  /* machine-readable: "ok" or a package reason key such as "sig-invalid"; readers show it in
                         their own language (package_reason_text) */
    char detail[512]; /* technical, English whatever the writer's language (package_result_t.history_detail), but
                         for the arguments formatted into it then: a system error (strerror) is in the writer's */
} local_history_row_t;

/* Appends a row; id and time are filled in by the call (row->time may be "" for "now").  Control characters in the
 * text fields (a file name from a stick, a trusted comment nobody has authenticated yet) are stored escaped as
 * \xNN / \u{NNNN} (utf8_escape_controls), so printing a row can never drive a terminal.  The history keeps its
 * newest LOCAL_HISTORY_MAX rows. */
zwgk_result local_history_add(local_t *l, const local_history_row_t *row);
#define LOCAL_HISTORY_MAX 1000

/* The newest max rows, newest first, in a malloc'ed array the caller frees with free().  *rows is NULL when there
 * are none. */
zwgk_result local_history_list(local_t *l, size_t max, local_history_row_t **rows, size_t *count);

/* Makes file (in DATA/content/) the current content in one transaction: the old current becomes the previous one,
 * row is appended to the history, and, when no publisher is remembered yet, publisher is remembered as setting
 * "publisher_id".  After ZWGK_OK the caller reopens the content; on failure nothing changed. */
zwgk_result local_content_switch(local_t *l, const char *file, long long version, const char *publisher,
                                 const local_history_row_t *row);

/* Swaps current and previous in one transaction (admin rollback), appending row.  ZWGK_ERR_NOT_FOUND when there is
 * no previous content.  Rolling back to a lower version records the version rolled back from as rollback_hold, so a
 * package of that version still on a stick or in a drop folder is not installed again at the next start; rolling
 * "back" to a higher version clears the hold, and so does switching to a version above it (local_content_switch). */
zwgk_result local_content_swap(local_t *l, const local_history_row_t *row);

/* Sets the whole content state in one transaction, appending row (a repair: `zwgk-admin status --repair`). */
zwgk_result local_content_set(local_t *l, const local_content_state_t *state, const local_history_row_t *row);

/* ---- when local.db is damaged (local_state.c) ----
 *
 * After every change of the content state, local.db's pointer is also copied to DATA/content-state, a small text
 * file replaced atomically.  It is only a hint, read when local.db cannot be: a crash between local.db's commit and
 * the copy leaves the copy one change behind, which still names intact, verified files (the previous version is
 * kept until the next install). */

/* Reads DATA/content-state into out (only the names that look like our content files are taken).
 * ZWGK_ERR_NOT_FOUND when there is none, ZWGK_ERR_FORMAT when it cannot be read. */
zwgk_result local_state_hint_read(const char *data_dir, local_content_state_t *out);

/* Replaces a damaged DATA/local.db by a new one holding state: the damaged file (and its -wal, -shm) is renamed to
 * local.db.damaged-YYYYMMDD-HHMMSS (its name goes into saved_as, may be NULL), then whatever can still be read from
 * it — settings (the admin PIN), history, statistics — is copied over table by table, and a "repair" row is added.
 * Nothing is deleted.  On failure err says why and the damaged file is where it was. */
zwgk_result local_rebuild(const char *data_dir, const local_content_state_t *state, char *saved_as, size_t saved_cap,
                          char *err, size_t errlen);

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
/* Counts a search that led somewhere, for the search screen's 热门搜索: what the citizen's query meant — the words of
 * the opened result that the query matched (低保 for "db"), not the letters typed.  The same rules as for unmet
 * searches: trimmed, cut at 64 characters, never with a run of 6 digits. */
zwgk_result local_search_record_found(local_t *l, const char *query);
/* Counts one search the citizen committed (the kiosk's rule: README "What a search is, for the statistics"), found or
 * not: the total that unmet_search and found_search are shares of.  The same rules as for unmet searches. */
zwgk_result local_search_record(local_t *l, const char *query);

/* Counts a 好差评 rating: level 1 (非常不满意) … 5 (非常满意), of target (a document or item key; "" = the
 * kiosk's service as a whole).  ZWGK_ERR_INVALID for a level outside 1..5. */
zwgk_result local_rating_record(local_t *l, const char *target, int level);

/* The reasons a citizen may tap after 不满意 or 非常不满意 — fixed, so no free text is ever stored: their keys as
 * stored and exported, and their Chinese as shown. */
#define LOCAL_RATING_REASON_COUNT 5
extern const char *const local_rating_reasons[LOCAL_RATING_REASON_COUNT];    /* unclear, not-found, outdated, … */
extern const char *const local_rating_reasons_zh[LOCAL_RATING_REASON_COUNT]; /* 内容看不懂, 找不到想要的, … */

/* Counts a reason (one of local_rating_reasons) given for target's rating.  ZWGK_ERR_INVALID for any other text. */
zwgk_result local_rating_reason_record(local_t *l, const char *target, const char *reason);

/* One counter as exported; the statistics CSV has one row per counter. */
typedef struct local_stat {
    const char *kind; /* "view_item", "view_doc", "unmet_search", "found_search", "search", "rating" (key
                         "LEVEL:TARGET"), "rating_reason" (key "REASON:TARGET", REASON one of local_rating_reasons) */
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

/* Writes data as DIR/BASE.csv (or BASE-2.csv … the first free name) atomically, as local_stats_export does: a
 * dot-named temporary file, fsync, a rename that never replaces, fsync of DIR.  The path into written (may be NULL);
 * err (English) on failure, when nothing is left behind.  The privileged stick helper uses it too. */
zwgk_result local_export_place(const char *dir, const char *base, const char *data, size_t len, char *written,
                               size_t written_cap, char *err, size_t errlen);

/* How a read-only stick is written (local_export.c): a command run without a shell whose arguments may hold one
 * "%s", replaced by the stick's name (the last part of its mount point), for sticks mounted in media only.  As
 * deployed: {"systemctl", "--no-ask-password", "start", "zwgk-stick-export@%s.service", NULL} and /media/zwgk. */
typedef struct local_stick_helper {
    const char *const *argv; /* NULL-terminated */
    const char *media;
} local_stick_helper_t;

/* The statistics export onto the stick mounted at stick, as the kiosk does it.  A stick the kiosk can write is
 * written directly (local_export_place).  A read-only one — the deployed udev rule mounts every stick read-only — is
 * done through DATA/outbox/: the CSV is placed there, the helper is run (it remounts that stick read-write, moves
 * the outbox onto it, remounts it read-only), and the stick is read back: ZWGK_OK only when a file with exactly the
 * CSV's bytes is on it, its path in written.  Otherwise err says in plain Chinese what to do (for the screen: never
 * the helper's own output, which is systemctl's English), and detail (English, for the log) what the helper said; a
 * CSV the helper did not take stays in the outbox and goes with the next export.  Blocks for the helper (at most 2
 * minutes): call it from a worker. */
zwgk_result local_stats_export_stick(local_t *l, const char *kiosk_id, const char *stick,
                                     const local_stick_helper_t *helper, time_t now, char *written, size_t written_cap,
                                     char *err, size_t errlen, char *detail, size_t detailcap);

#endif
