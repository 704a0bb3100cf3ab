/* local.c — local.db, the kiosk's own database (zwgk/local.h).
 *
 * The kiosk's content is replaced whole by packages; this file is what survives them: which content file is current,
 * the install history and anonymous statistics.  So it is never replaced, only changed by small transactions, and it
 * is the one place where "which content is on" is decided: an install writes the new content file first and then
 * flips the pointer row here in one transaction — the commit is the instant the kiosk changes version.
 *
 * Journal: WAL with synchronous=FULL.  A commit is one fsync of the WAL (a rollback journal costs three), which
 * matters on a kiosk's SD card when every tap counts a view, and readers (the UI) never block the installer's
 * switch.  A power cut rolls back to the last commit either way.  The schema is created with IF NOT EXISTS, tagged
 * with its own application id and user_version so a content database handed in by mistake is refused.
 *
 * The statistics export is local_export.c; what to do when local.db itself is in trouble is local_state.c. */
#include "local_private.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

const char local_schema_sql[] =
    "CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS content_state(id INTEGER PRIMARY KEY CHECK(id = 1),\n"
    "  current_file TEXT NOT NULL, current_version INTEGER NOT NULL, current_publisher TEXT NOT NULL,\n"
    "  previous_file TEXT NOT NULL, previous_version INTEGER NOT NULL, previous_publisher TEXT NOT NULL);\n"
    "INSERT OR IGNORE INTO content_state VALUES(1, '', 0, '', '', 0, '');\n"
    "CREATE TABLE IF NOT EXISTS history(id INTEGER PRIMARY KEY, time TEXT NOT NULL, action TEXT NOT NULL,\n"
    "  package TEXT NOT NULL, version INTEGER NOT NULL, publisher TEXT NOT NULL, reason TEXT NOT NULL,\n"
    "  detail TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS views(kind INTEGER NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,\n"
    "  last TEXT NOT NULL, PRIMARY KEY(kind, key)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS unmet_searches(query TEXT PRIMARY KEY, count INTEGER NOT NULL,\n"
    "  last TEXT NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS found_searches(query TEXT PRIMARY KEY, count INTEGER NOT NULL,\n"
    "  last TEXT NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS searches(query TEXT PRIMARY KEY, count INTEGER NOT NULL,\n"
    "  last TEXT NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS ratings(target TEXT NOT NULL, level INTEGER NOT NULL CHECK(level BETWEEN 1 AND 5),\n"
    "  count INTEGER NOT NULL, last TEXT NOT NULL, PRIMARY KEY(target, level)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS rating_reasons(target TEXT NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL,\n"
    "  last TEXT NOT NULL, PRIMARY KEY(target, reason)) WITHOUT ROWID;\n";

zwgk_result local_failed(local_t *l)
{
    l->last_error = sqlite3_extended_errcode(l->db);
    snprintf(l->last_msg, sizeof l->last_msg, "%s", sqlite3_errmsg(l->db));
    int primary = l->last_error & 0xff;
    return primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY
               ? ZWGK_ERR_IO
               : ZWGK_ERR_SQL;
}

/* Creates the directory path if missing; a new directory's entry is made durable by fsyncing its parent (the
 * content files' own fsyncs do not cover the directories above them). */
static int mkdir_p1(const char *path)
{
    if (mkdir(path, 0755) != 0)
        return errno == EEXIST ? 0 : -1;
    char parent[4096];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(parent, sizeof parent, ".");
    else
        snprintf(parent, sizeof parent, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    int fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = fd >= 0 && fsync(fd) == 0 ? 0 : -1;
    if (fd >= 0)
        close(fd);
    return rc;
}

/* Reads an integer pragma into *v; on failure returns SQLite's code with the message in msg. */
static int pragma_int(sqlite3 *db, const char *sql, int *v, char *msg, size_t cap)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        *v = sqlite3_column_int(s, 0);
        rc = SQLITE_OK;
    } else
        snprintf(msg, cap, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return rc;
}

/* How a failed open is classified: what SQLite's code says about the file. */
static local_open_problem_t classify(int rc, int saved_errno)
{
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return LOCAL_OPEN_DAMAGED;
    case SQLITE_READONLY:
        return LOCAL_OPEN_READONLY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM ? LOCAL_OPEN_READONLY
                                                                                     : LOCAL_OPEN_FAILED;
    default:
        return LOCAL_OPEN_FAILED;
    }
}

local_t *local_open(const char *data_dir, char *err, size_t errlen)
{
    return local_open_checked(data_dir, NULL, err, errlen);
}

local_t *local_open_checked(const char *data_dir, local_open_problem_t *problem, char *err, size_t errlen)
{
    local_t *l = calloc(1, sizeof *l);
    char *path = NULL, *content = NULL;
    size_t n = strlen(data_dir) + 16;
    local_open_problem_t why = LOCAL_OPEN_FAILED;
    if (!l || !(l->dir = strdup(data_dir)) || !(path = malloc(n)) || !(content = malloc(n))) {
        snprintf(err, errlen, "%s", _("out of memory"));
        goto fail;
    }
    snprintf(path, n, "%s/local.db", data_dir);
    snprintf(content, n, "%s/content", data_dir);
    if (mkdir_p1(data_dir) != 0 || mkdir_p1(content) != 0) {
        why = errno == EROFS || errno == EACCES || errno == EPERM ? LOCAL_OPEN_READONLY : LOCAL_OPEN_FAILED;
        snprintf(err, errlen, _("cannot create %s: %s"), content, strerror(errno));
        goto fail;
    }
    errno = 0;
    int rc = sqlite3_open_v2(path, &l->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        why = classify(rc, errno);
        snprintf(err, errlen, _("cannot open %s: %s"), path, l->db ? sqlite3_errmsg(l->db) : _("out of memory"));
        goto fail;
    }
    sqlite3_db_config(l->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(l->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_busy_timeout(l->db, 5000);
    int app_id = 0, version = 0;
    char why_msg[256];
    if (sqlite3_db_readonly(l->db, "main") == 1) { /* SQLite fell back to reading: the file cannot be written */
        why = LOCAL_OPEN_READONLY;
        snprintf(err, errlen, _("%s cannot be written (read-only file or file system)"), path);
        goto fail;
    }
    if ((rc = pragma_int(l->db, "PRAGMA application_id", &app_id, why_msg, sizeof why_msg)) != SQLITE_OK ||
        (rc = pragma_int(l->db, "PRAGMA user_version", &version, why_msg, sizeof why_msg)) != SQLITE_OK) {
        /* CANTOPEN here: the -shm or -wal beside a WAL database cannot be made */
        why = classify(rc, access(data_dir, W_OK) != 0 ? errno : 0);
        if (rc == SQLITE_NOTADB) /* SQLite's own words, so that they can be translated */
            snprintf(err, errlen, _("cannot read %s: file is not a database"), path);
        else
            snprintf(err, errlen, _("cannot read %s: %s"), path, why_msg);
        goto fail;
    }
    if ((app_id != 0 && app_id != LOCAL_APPLICATION_ID) || version > LOCAL_SCHEMA_VERSION) {
        why = LOCAL_OPEN_DAMAGED; /* another program's database where ours should be: never taken over silently */
        snprintf(err, errlen, _("%s is not a local database of this kiosk version (application id %08x, version %d)"),
                 path, (unsigned)app_id, version);
        goto fail;
    }
    char setup[256], *msg = NULL;
    if ((rc = sqlite3_exec(l->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", NULL, NULL, &msg)) != SQLITE_OK) {
        why = classify(rc, access(data_dir, W_OK) != 0 ? errno : 0);
        snprintf(err, errlen, _("cannot set up %s: %s"), path, msg ? msg : sqlite3_errmsg(l->db));
        sqlite3_free(msg);
        goto fail;
    }
    if (app_id == LOCAL_APPLICATION_ID && version == LOCAL_SCHEMA_VERSION)
        goto ready; /* created before: opening writes nothing */
    if ((rc = sqlite3_exec(l->db, "BEGIN IMMEDIATE", NULL, NULL, &msg)) != SQLITE_OK ||
        (rc = sqlite3_exec(l->db, local_schema_sql, NULL, NULL, &msg)) != SQLITE_OK) {
        why = classify(rc, 0);
        snprintf(err, errlen, _("cannot set up %s: %s"), path, msg ? msg : sqlite3_errmsg(l->db));
        sqlite3_free(msg);
        sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
        goto fail;
    }
    snprintf(setup, sizeof setup, "PRAGMA application_id=%d; PRAGMA user_version=%d; COMMIT;", LOCAL_APPLICATION_ID,
             LOCAL_SCHEMA_VERSION);
    if ((rc = sqlite3_exec(l->db, setup, NULL, NULL, &msg)) != SQLITE_OK) {
        why = classify(rc, 0);
        snprintf(err, errlen, _("cannot set up %s: %s"), path, msg ? msg : sqlite3_errmsg(l->db));
        sqlite3_free(msg);
        sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
        goto fail;
    }
ready:
    free(path);
    free(content);
    if (problem)
        *problem = LOCAL_OPEN_FINE;
    return l;
fail:
    free(path);
    free(content);
    local_close(l);
    if (problem)
        *problem = why;
    return NULL;
}

void local_close(local_t *l)
{
    if (!l)
        return;
    sqlite3_close(l->db);
    free(l->dir);
    free(l);
}

const char *local_data_dir(const local_t *l)
{
    return l->dir;
}

static void copy_col(char *dst, size_t cap, sqlite3_stmt *s, int col)
{
    const char *v = (const char *)sqlite3_column_text(s, col);
    snprintf(dst, cap, "%s", v ? v : "");
}

zwgk_result local_run(local_t *l, const char *sql, const char *fmt, ...)
{
    sqlite3_stmt *s = NULL;
    va_list ap;
    if (sqlite3_prepare_v2(l->db, sql, -1, &s, NULL) != SQLITE_OK)
        return local_failed(l);
    va_start(ap, fmt);
    for (int i = 0; fmt[i]; i++) {
        if (fmt[i] == 's')
            sqlite3_bind_text(s, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_int64(s, i + 1, va_arg(ap, long long));
    }
    va_end(ap);
    int rc = sqlite3_step(s);
    zwgk_result r = rc == SQLITE_DONE || rc == SQLITE_ROW ? ZWGK_OK : local_failed(l);
    sqlite3_finalize(s);
    return r;
}

zwgk_result local_setting_get(local_t *l, const char *key, char *buf, size_t cap)
{
    sqlite3_stmt *s = NULL;
    zwgk_result r = ZWGK_ERR_SQL;
    if (cap)
        buf[0] = '\0';
    if (sqlite3_prepare_v2(l->db, "SELECT value FROM settings WHERE key = ?1", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            copy_col(buf, cap, s, 0);
            r = ZWGK_OK;
        } else if (rc == SQLITE_DONE)
            r = ZWGK_ERR_NOT_FOUND;
    }
    sqlite3_finalize(s);
    return r;
}

zwgk_result local_setting_set(local_t *l, const char *key, const char *value)
{
    return local_run(l, "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
                     "ss", key, value);
}

zwgk_result local_content_state(local_t *l, local_content_state_t *out)
{
    sqlite3_stmt *s = NULL;
    zwgk_result r = ZWGK_ERR_SQL;
    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(l->db,
                           "SELECT current_file, current_version, current_publisher, previous_file, previous_version, "
                           "previous_publisher, (SELECT CAST(value AS INTEGER) FROM settings WHERE key = "
                           "'rollback_hold') FROM content_state WHERE id = 1",
                           -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
        copy_col(out->current_file, sizeof out->current_file, s, 0);
        out->current_version = sqlite3_column_int64(s, 1);
        copy_col(out->current_publisher, sizeof out->current_publisher, s, 2);
        copy_col(out->previous_file, sizeof out->previous_file, s, 3);
        out->previous_version = sqlite3_column_int64(s, 4);
        copy_col(out->previous_publisher, sizeof out->previous_publisher, s, 5);
        out->rollback_hold = sqlite3_column_int64(s, 6);
        r = ZWGK_OK;
    } else
        r = local_failed(l);
    sqlite3_finalize(s);
    return r;
}

zwgk_result local_content_path(local_t *l, char *path, size_t cap)
{
    local_content_state_t st;
    zwgk_result r = local_content_state(l, &st);
    if (r != ZWGK_OK)
        return r;
    if (!st.current_file[0])
        return ZWGK_ERR_NOT_FOUND;
    int n = snprintf(path, cap, "%s/content/%s", l->dir, st.current_file);
    return n < 0 || (size_t)n >= cap ? ZWGK_ERR_INVALID : ZWGK_OK;
}

zwgk_result local_history_add(local_t *l, const local_history_row_t *row)
{
    /* Escaped before storing: the package name comes from a stick and the detail quotes a trusted comment that may
     * not have verified.  An escape is at most four times as long as what it replaces. */
    char action[sizeof row->action * 4], package[sizeof row->package * 4], publisher[sizeof row->publisher * 4],
        reason[sizeof row->reason * 4], detail[sizeof row->detail * 4];
    utf8_escape_controls(row->action, action, sizeof action);
    utf8_escape_controls(row->package, package, sizeof package);
    utf8_escape_controls(row->publisher, publisher, sizeof publisher);
    utf8_escape_controls(row->reason, reason, sizeof reason);
    utf8_escape_controls(row->detail, detail, sizeof detail);
    zwgk_result r = local_run(l,
                              "INSERT INTO history(time, action, package, version, publisher, reason, detail) "
                              "VALUES(CASE WHEN ?1 = '' THEN " NOW_SQL " ELSE ?1 END, ?2, ?3, ?4, ?5, ?6, ?7)",
                              "sssisss", row->time, action, package, row->version, publisher, reason, detail);
    if (r == ZWGK_OK) /* bounded: a stick of junk must not grow local.db without end */
        r = local_run(l, "DELETE FROM history WHERE id <= (SELECT max(id) FROM history) - ?1", "i",
                      (long long)LOCAL_HISTORY_MAX);
    return r;
}

zwgk_result local_history_list(local_t *l, size_t max, local_history_row_t **rows, size_t *count)
{
    sqlite3_stmt *s = NULL;
    zwgk_result r = ZWGK_ERR_SQL;
    local_history_row_t *v = NULL;
    size_t n = 0;
    *rows = NULL;
    *count = 0;
    if (max == 0)
        return ZWGK_OK;
    if (sqlite3_prepare_v2(l->db,
                           "SELECT id, time, action, package, version, publisher, reason, detail FROM history "
                           "ORDER BY id DESC LIMIT ?1",
                           -1, &s, NULL) != SQLITE_OK)
        goto done;
    sqlite3_bind_int64(s, 1, (long long)max);
    v = calloc(max, sizeof *v);
    if (!v) {
        r = ZWGK_ERR_NOMEM;
        goto done;
    }
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < max) {
        local_history_row_t *h = &v[n++];
        h->id = sqlite3_column_int64(s, 0);
        copy_col(h->time, sizeof h->time, s, 1);
        copy_col(h->action, sizeof h->action, s, 2);
        copy_col(h->package, sizeof h->package, s, 3);
        h->version = sqlite3_column_int64(s, 4);
        copy_col(h->publisher, sizeof h->publisher, s, 5);
        copy_col(h->reason, sizeof h->reason, s, 6);
        copy_col(h->detail, sizeof h->detail, s, 7);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        goto done;
    r = ZWGK_OK;
done:
    sqlite3_finalize(s);
    if (r != ZWGK_OK || n == 0) {
        free(v);
        v = NULL;
        n = 0;
    }
    *rows = v;
    *count = n;
    return r;
}

/* Ends a transaction begun with BEGIN IMMEDIATE: commits when r is ZWGK_OK, else (or when the commit fails) rolls back.
 */
static zwgk_result transaction_end(local_t *l, zwgk_result r)
{
    if (r == ZWGK_OK && sqlite3_exec(l->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return ZWGK_OK;
    if (r == ZWGK_OK)
        r = local_failed(l);
    sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
    return r;
}

/* Begins a write transaction. */
static zwgk_result transaction_begin(local_t *l)
{
    return sqlite3_exec(l->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? ZWGK_OK : local_failed(l);
}

int local_disk_full(const local_t *l)
{
    return (l->last_error & 0xff) == SQLITE_FULL;
}

const char *local_errmsg(const local_t *l)
{
    return l->last_msg[0] ? l->last_msg : "no error";
}

int local_is_readonly(const local_t *l)
{
    return l->readonly;
}

int local_is_damaged(const local_t *l)
{
    int primary = l->last_error & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

zwgk_result local_content_switch(local_t *l, const char *file, long long version, const char *publisher,
                                 const local_history_row_t *row)
{
    zwgk_result r = transaction_begin(l);
    if (r != ZWGK_OK)
        return r;
    r = local_run(l,
                  "UPDATE content_state SET previous_file = current_file, previous_version = current_version, "
                  "previous_publisher = current_publisher, current_file = ?1, current_version = ?2, "
                  "current_publisher = ?3 WHERE id = 1",
                  "sis", file, version, publisher);
    if (r == ZWGK_OK)
        r = local_run(l, "INSERT OR IGNORE INTO settings(key, value) VALUES('publisher_id', ?1)", "s", publisher);
    if (r == ZWGK_OK) /* a version above the one rolled back from ends the hold */
        r = local_run(l, "DELETE FROM settings WHERE key = 'rollback_hold' AND CAST(value AS INTEGER) < ?1", "i",
                      version);
    if (r == ZWGK_OK && row)
        r = local_history_add(l, row);
    r = transaction_end(l, r);
    if (r == ZWGK_OK)
        local_state_hint_write(l);
    return r;
}

zwgk_result local_content_swap(local_t *l, const local_history_row_t *row)
{
    local_content_state_t st;
    zwgk_result r = transaction_begin(l);
    if (r != ZWGK_OK)
        return r;
    r = local_content_state(l, &st);
    if (r == ZWGK_OK && !st.previous_file[0])
        r = ZWGK_ERR_NOT_FOUND;
    if (r == ZWGK_OK)
        r = local_run(l,
                      "UPDATE content_state SET current_file = previous_file, current_version = previous_version, "
                      "current_publisher = previous_publisher, previous_file = current_file, "
                      "previous_version = current_version, previous_publisher = current_publisher WHERE id = 1",
                      "");
    /* Back to a lower version: hold it there until a package newer than the one rolled back from arrives. */
    if (r == ZWGK_OK && st.previous_version < st.current_version)
        r = local_run(l,
                      "INSERT INTO settings(key, value) VALUES('rollback_hold', ?1) "
                      "ON CONFLICT(key) DO UPDATE SET value = ?1",
                      "i", st.current_version);
    else if (r == ZWGK_OK)
        r = local_run(l, "DELETE FROM settings WHERE key = 'rollback_hold'", "");
    if (r == ZWGK_OK && row)
        r = local_history_add(l, row);
    r = transaction_end(l, r);
    if (r == ZWGK_OK)
        local_state_hint_write(l);
    return r;
}

zwgk_result local_content_set(local_t *l, const local_content_state_t *state, const local_history_row_t *row)
{
    zwgk_result r = transaction_begin(l);
    if (r != ZWGK_OK)
        return r;
    r = local_run(l,
                  "UPDATE content_state SET current_file = ?1, current_version = ?2, current_publisher = ?3, "
                  "previous_file = ?4, previous_version = ?5, previous_publisher = ?6 WHERE id = 1",
                  "sissis", state->current_file, state->current_version, state->current_publisher, state->previous_file,
                  state->previous_version, state->previous_publisher);
    if (r == ZWGK_OK && state->rollback_hold > 0)
        r = local_run(l,
                      "INSERT INTO settings(key, value) VALUES('rollback_hold', ?1) "
                      "ON CONFLICT(key) DO UPDATE SET value = ?1",
                      "i", state->rollback_hold);
    else if (r == ZWGK_OK)
        r = local_run(l, "DELETE FROM settings WHERE key = 'rollback_hold'", "");
    if (r == ZWGK_OK && state->current_publisher[0])
        r = local_run(l, "INSERT OR IGNORE INTO settings(key, value) VALUES('publisher_id', ?1)", "s",
                      state->current_publisher);
    if (r == ZWGK_OK && row)
        r = local_history_add(l, row);
    r = transaction_end(l, r);
    if (r == ZWGK_OK)
        local_state_hint_write(l);
    return r;
}

/* ---- statistics ---- */

zwgk_result local_view_record(local_t *l, local_view_kind kind, const char *key)
{
    if ((kind != LOCAL_VIEW_ITEM && kind != LOCAL_VIEW_DOC) || !key || !*key)
        return ZWGK_ERR_INVALID;
    return local_run(l,
                     "INSERT INTO views(kind, key, count, last) VALUES(?1, ?2, 1, " NOW_SQL ") "
                     "ON CONFLICT(kind, key) DO UPDATE SET count = count + 1, last = excluded.last",
                     "is", (long long)kind, key);
}

static int is_digit_cp(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); /* ASCII and full-width digits */
}

/* The query as stored: blanks trimmed and collapsed, control characters dropped, at most 64 code points.  Returns
 * -1 when it must not be stored (empty, or a run of 6+ digits that may be a phone or ID number). */
static int normalize_query(const char *q, char out[64 * 4 + 1])
{
    size_t len = strlen(q), i = 0, o = 0;
    int chars = 0, digits = 0, pending_space = 0;
    while (i < len && chars < 64) {
        size_t adv = 1;
        uint32_t cp = utf8_decode(q + i, len - i, &adv);
        i += adv;
        digits = is_digit_cp(cp) ? digits + 1 : 0;
        if (digits >= 6)
            return -1;
        if (text_is_space(cp) || cp == '\n' || cp == '\r') {
            pending_space = o > 0;
            continue;
        }
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == TEXT_REPLACEMENT)
            continue;
        if (pending_space && chars < 63) {
            out[o++] = ' ';
            chars++;
        }
        pending_space = 0;
        o += utf8_encode(cp, out + o);
        chars++;
    }
    /* the digits just after the cut could still complete a number: look ahead */
    while (i < len && digits > 0) {
        size_t adv = 1;
        if (!is_digit_cp(utf8_decode(q + i, len - i, &adv)))
            break;
        i += adv;
        if (++digits >= 6)
            return -1;
    }
    out[o] = '\0';
    return o > 0 ? 0 : -1;
}

zwgk_result local_search_record_unmet(local_t *l, const char *query)
{
    char q[64 * 4 + 1];
    if (!query || normalize_query(query, q) != 0)
        return ZWGK_ERR_INVALID;
    return local_run(l,
                     "INSERT INTO unmet_searches(query, count, last) VALUES(?1, 1, " NOW_SQL ") "
                     "ON CONFLICT(query) DO UPDATE SET count = count + 1, last = excluded.last",
                     "s", q);
}

zwgk_result local_search_record_found(local_t *l, const char *query)
{
    char q[64 * 4 + 1];
    if (!query || normalize_query(query, q) != 0)
        return ZWGK_ERR_INVALID;
    return local_run(l,
                     "INSERT INTO found_searches(query, count, last) VALUES(?1, 1, " NOW_SQL ") "
                     "ON CONFLICT(query) DO UPDATE SET count = count + 1, last = excluded.last",
                     "s", q);
}

zwgk_result local_search_record(local_t *l, const char *query)
{
    char q[64 * 4 + 1];
    if (!query || normalize_query(query, q) != 0)
        return ZWGK_ERR_INVALID;
    return local_run(l,
                     "INSERT INTO searches(query, count, last) VALUES(?1, 1, " NOW_SQL ") "
                     "ON CONFLICT(query) DO UPDATE SET count = count + 1, last = excluded.last",
                     "s", q);
}

zwgk_result local_rating_record(local_t *l, const char *target, int level)
{
    if (level < 1 || level > 5)
        return ZWGK_ERR_INVALID;
    return local_run(l,
                     "INSERT INTO ratings(target, level, count, last) VALUES(?1, ?2, 1, " NOW_SQL ") "
                     "ON CONFLICT(target, level) DO UPDATE SET count = count + 1, last = excluded.last",
                     "si", target ? target : "", (long long)level);
}

const char *const local_rating_reasons[LOCAL_RATING_REASON_COUNT] = {"unclear", "not-found", "outdated", "hard-to-use",
                                                                     "other"};
const char *const local_rating_reasons_zh[LOCAL_RATING_REASON_COUNT] = {"内容看不懂", "找不到想要的", "内容过时",
                                                                        "操作不方便", "其他"};

zwgk_result local_rating_reason_record(local_t *l, const char *target, const char *reason)
{
    bool known = false;
    for (int i = 0; reason && i < LOCAL_RATING_REASON_COUNT; i++)
        known = known || !strcmp(reason, local_rating_reasons[i]);
    if (!known) /* only the fixed reasons: no free text ever reaches local.db */
        return ZWGK_ERR_INVALID;
    return local_run(l,
                     "INSERT INTO rating_reasons(target, reason, count, last) VALUES(?1, ?2, 1, " NOW_SQL ") "
                     "ON CONFLICT(target, reason) DO UPDATE SET count = count + 1, last = excluded.last",
                     "ss", target ? target : "", reason);
}

zwgk_result local_stats_each(local_t *l, int (*fn)(void *user, const local_stat_t *s), void *user)
{
    static const char sql[] = "SELECT 'view_item', key, count, last FROM views WHERE kind = 1 "
                              "UNION ALL SELECT 'view_doc', key, count, last FROM views WHERE kind = 2 "
                              "UNION ALL SELECT 'unmet_search', query, count, last FROM unmet_searches "
                              "UNION ALL SELECT 'found_search', query, count, last FROM found_searches "
                              "UNION ALL SELECT 'search', query, count, last FROM searches "
                              "UNION ALL SELECT 'rating', level || ':' || target, count, last FROM ratings "
                              "UNION ALL SELECT 'rating_reason', reason || ':' || target, count, last "
                              "FROM rating_reasons "
                              "ORDER BY 1, 3 DESC, 2";
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(l->db, sql, -1, &s, NULL) != SQLITE_OK)
        return ZWGK_ERR_SQL;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        local_stat_t st = {(const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
                           sqlite3_column_int64(s, 2), (const char *)sqlite3_column_text(s, 3)};
        if (fn(user, &st))
            break;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? ZWGK_OK : ZWGK_ERR_SQL;
}
