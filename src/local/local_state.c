/* local_state.c — when local.db cannot be trusted: reading it read-only, checking it, a copy of its content pointer,
 * and rebuilding it (zwgk/local.h).
 *
 * A kiosk must never fall back to its factory demo while verified, installed content sits on its disk.  local.db is
 * the one place that says which content file is current, so three things keep that knowledge reachable when
 * local.db is not:
 *   - a read-only open, for a data folder on a read-only file system or a local.db the kiosk user cannot write: a
 *     WAL database normally needs its -shm file, which SQLite cannot create there; with no -wal file (a clean close)
 *     nothing is lost by reading it immutable;
 *   - DATA/content-state, a small text copy of the pointer written after every commit that changes it — atomically
 *     (temporary file, fsync, rename, fsync of the folder), so it is either the old copy or the new one;
 *   - local_rebuild, which keeps the damaged file under another name and starts a new local.db from a known state,
 *     carrying over whatever rows SQLite can still read (the admin PIN, the history, the statistics).
 * The choice of which content to show lives in the package module (package_open_installed), which knows what a
 * content file is; this file only keeps the pointer's copy and the database itself. */
#include "local_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HINT_NAME "content-state"

/* ---- read-only ---- */

/* Appends path to a URI "file:" + path with the characters a URI reserves percent-encoded. */
static int uri_of(const char *path, const char *query, char *out, size_t cap)
{
    size_t o = (size_t)snprintf(out, cap, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (o + 4 >= cap)
            return -1;
        if (*p == '%' || *p == '?' || *p == '#' || *p <= 0x20 || *p >= 0x7f)
            o += (size_t)snprintf(out + o, cap - o, "%%%02X", *p);
        else
            out[o++] = (char)*p;
    }
    int n = snprintf(out + o, cap - o, "?%s", query);
    return n < 0 || (size_t)n >= cap - o ? -1 : 0;
}

/* Opens uri read-only and reads its application id; SQLITE_OK when it is a local.db. */
static int try_open_ro(local_t *l, const char *uri, char *err, size_t errlen)
{
    sqlite3_close(l->db);
    l->db = NULL;
    int rc = sqlite3_open_v2(uri, &l->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_db_config(l->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
        sqlite3_db_config(l->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
        sqlite3_busy_timeout(l->db, 2000);
        sqlite3_stmt *s = NULL;
        rc = sqlite3_prepare_v2(l->db, "PRAGMA application_id", -1, &s, NULL);
        if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
            rc = sqlite3_column_int(s, 0) == LOCAL_APPLICATION_ID ? SQLITE_OK : SQLITE_NOTADB;
        sqlite3_finalize(s);
    }
    if (rc != SQLITE_OK)
        snprintf(err, errlen, "cannot read %s: %s", uri, l->db ? sqlite3_errmsg(l->db) : sqlite3_errstr(rc));
    return rc;
}

local_t *local_open_readonly(const char *data_dir, char *err, size_t errlen)
{
    local_t *l = calloc(1, sizeof *l);
    char path[4096], uri[12400], wal[4200];
    if (!l || !(l->dir = strdup(data_dir))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    l->readonly = 1;
    snprintf(path, sizeof path, "%s/local.db", data_dir);
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (access(path, F_OK) != 0) {
        snprintf(err, errlen, "no %s: %s", path, strerror(errno));
        goto fail;
    }
    if (uri_of(path, "mode=ro", uri, sizeof uri) != 0) {
        snprintf(err, errlen, "%s: path too long", path);
        goto fail;
    }
    int rc = try_open_ro(l, uri, err, errlen);
    /* A WAL database without its -shm cannot be read where -shm cannot be made; with no -wal there is nothing in a
     * log to miss, so reading it as an immutable file is exact. */
    if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_NOTADB && (rc & 0xff) != SQLITE_CORRUPT && access(wal, F_OK) != 0 &&
        uri_of(path, "immutable=1", uri, sizeof uri) == 0)
        rc = try_open_ro(l, uri, err, errlen);
    if (rc != SQLITE_OK)
        goto fail;
    return l;
fail:
    local_close(l);
    return NULL;
}

zwgk_result local_check(local_t *l, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;
    zwgk_result r = ZWGK_ERR_FORMAT;
    int rc = sqlite3_prepare_v2(l->db, "PRAGMA quick_check", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(s, 0), "ok"))
        r = ZWGK_OK;
    else if (rc == SQLITE_ROW)
        snprintf(err, errlen, "quick_check: %s", (const char *)sqlite3_column_text(s, 0));
    else {
        local_failed(l);
        snprintf(err, errlen, "quick_check: %s", sqlite3_errmsg(l->db));
    }
    sqlite3_finalize(s);
    return r;
}

/* ---- DATA/content-state ---- */

/* A file name local.db may point to: content-<digits>[-<digits>].db, nothing else (no path, no blank). */
static int content_name_ok(const char *name)
{
    const char *p = name;
    if (strncmp(p, "content-", 8) != 0 || strlen(name) >= LOCAL_FILE_MAX)
        return 0;
    p += 8;
    int digits = 0;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (!digits)
        return 0;
    if (*p == '-') {
        p++;
        digits = 0;
        while (*p >= '0' && *p <= '9')
            p++, digits++;
        if (!digits)
            return 0;
    }
    return !strcmp(p, ".db");
}

static int id_ok(const char *id)
{
    if (strlen(id) >= LOCAL_ID_MAX)
        return 0;
    for (; *id; id++)
        if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') || *id == '-'))
            return 0;
    return 1;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Writes text as DATA/<name> atomically; 0 on success. */
static int write_atomic(const char *dir, const char *name, const char *text)
{
    char tmp[4200], final[4200];
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp%ld", dir, name, (long)getpid());
    snprintf(final, sizeof final, "%s/%s", dir, name);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    int rc = write_all(fd, text, strlen(text)) == 0 && fsync(fd) == 0 ? 0 : -1;
    if (close(fd) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, final) != 0)
        rc = -1;
    if (rc != 0) {
        unlink(tmp);
        return -1;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

static void hint_text(const local_content_state_t *st, char *out, size_t cap)
{
    snprintf(out, cap,
             "# zwgk-kiosk: a copy of local.db's current-content pointer, read only when local.db cannot be.\n"
             "current %s %lld %s\nprevious %s %lld %s\nhold %lld\n",
             st->current_file[0] ? st->current_file : "-", st->current_version,
             st->current_publisher[0] ? st->current_publisher : "-", st->previous_file[0] ? st->previous_file : "-",
             st->previous_version, st->previous_publisher[0] ? st->previous_publisher : "-", st->rollback_hold);
}

void local_state_hint_write(local_t *l)
{
    local_content_state_t st;
    char text[1024];
    if (l->readonly || local_content_state(l, &st) != ZWGK_OK)
        return;
    hint_text(&st, text, sizeof text);
    write_atomic(l->dir, HINT_NAME, text); /* a hint: a failure here changes nothing that was committed */
}

zwgk_result local_state_hint_read(const char *data_dir, local_content_state_t *out)
{
    char path[4200], line[512];
    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "%s/" HINT_NAME, data_dir);
    FILE *f = fopen(path, "re");
    if (!f)
        return errno == ENOENT ? ZWGK_ERR_NOT_FOUND : ZWGK_ERR_IO;
    int fields = 0;
    while (fgets(line, sizeof line, f)) {
        char what[16], file[LOCAL_FILE_MAX], pub[LOCAL_ID_MAX];
        long long v = 0;
        if (line[0] == '#')
            continue;
        if (sscanf(line, "hold %lld", &v) == 1 && v >= 0) {
            out->rollback_hold = v;
            continue;
        }
        if (sscanf(line, "%15s %127s %lld %63s", what, file, &v, pub) != 4 || v < 0)
            continue;
        int cur = !strcmp(what, "current"), prev = !strcmp(what, "previous");
        if ((!cur && !prev) || !content_name_ok(file) || !id_ok(strcmp(pub, "-") ? pub : ""))
            continue;
        snprintf(cur ? out->current_file : out->previous_file, LOCAL_FILE_MAX, "%s", file);
        *(cur ? &out->current_version : &out->previous_version) = v;
        snprintf(cur ? out->current_publisher : out->previous_publisher, LOCAL_ID_MAX, "%s",
                 strcmp(pub, "-") ? pub : "");
        fields++;
    }
    fclose(f);
    return fields ? ZWGK_OK : ZWGK_ERR_FORMAT;
}

/* ---- rebuilding ---- */

/* Renames DATA/local.db{,-wal,-shm} to saved{,-wal,-shm}; 0 on success (then local.db is gone). */
static int move_aside(const char *dir, const char *saved)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char from[4200], to[4300];
        snprintf(from, sizeof from, "%s/local.db%s", dir, suffix[i]);
        snprintf(to, sizeof to, "%s/%s%s", dir, saved, suffix[i]);
        if (rename(from, to) != 0 && (errno != ENOENT || i == 0))
            return -1;
    }
    return 0;
}

/* Undoes move_aside after a failed rebuild: the new, incomplete local.db goes, the damaged one comes back. */
static void move_back(const char *dir, const char *saved)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char from[4300], to[4200];
        snprintf(to, sizeof to, "%s/local.db%s", dir, suffix[i]);
        snprintf(from, sizeof from, "%s/%s%s", dir, saved, suffix[i]);
        unlink(to);
        rename(from, to);
    }
}

zwgk_result local_rebuild(const char *data_dir, const local_content_state_t *state, char *saved_as, size_t saved_cap,
                          char *err, size_t errlen)
{
    char base[96], saved[128], old_path[4300];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(base, sizeof base, "local.db.damaged-%Y%m%d-%H%M%S", &tm);
    snprintf(saved, sizeof saved, "%s", base);
    for (int k = 2; k < 100; k++) { /* never over an earlier saved copy */
        snprintf(old_path, sizeof old_path, "%s/%s", data_dir, saved);
        if (access(old_path, F_OK) != 0)
            break;
        snprintf(saved, sizeof saved, "%s.%d", base, k);
    }
    snprintf(old_path, sizeof old_path, "%s/local.db", data_dir);
    if (access(old_path, F_OK) == 0 && move_aside(data_dir, saved) != 0) {
        snprintf(err, errlen, "cannot move the damaged %s aside: %s", old_path, strerror(errno));
        return ZWGK_ERR_IO;
    }
    local_t *l = local_open_checked(data_dir, NULL, err, errlen);
    if (!l) {
        move_back(data_dir, saved);
        return ZWGK_ERR_IO;
    }

    /* Whatever SQLite can still read of the damaged file, table by table; a table that fails is left out. */
    snprintf(old_path, sizeof old_path, "%s/%s", data_dir, saved);
    char uri[12400];
    int salvaged = 0, lost = 0;
    if (access(old_path, F_OK) == 0 && uri_of(old_path, "mode=ro", uri, sizeof uri) == 0) {
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(l->db, "ATTACH ?1 AS damaged", -1, &s, NULL) == SQLITE_OK) {
            sqlite3_bind_text(s, 1, uri, -1, SQLITE_STATIC);
            int rc = sqlite3_step(s);
            sqlite3_finalize(s);
            static const char *const copies[] = {
                "INSERT OR IGNORE INTO main.settings SELECT key, value FROM damaged.settings "
                "WHERE key <> 'rollback_hold'",
                "INSERT INTO main.history(time, action, package, version, publisher, reason, detail) "
                "SELECT time, action, package, version, publisher, reason, detail FROM damaged.history ORDER BY id",
                "INSERT OR IGNORE INTO main.views SELECT * FROM damaged.views",
                "INSERT OR IGNORE INTO main.unmet_searches SELECT * FROM damaged.unmet_searches",
                "INSERT OR IGNORE INTO main.found_searches SELECT * FROM damaged.found_searches",
                "INSERT OR IGNORE INTO main.searches SELECT * FROM damaged.searches",
                "INSERT OR IGNORE INTO main.ratings SELECT * FROM damaged.ratings",
                "INSERT OR IGNORE INTO main.rating_reasons SELECT * FROM damaged.rating_reasons",
            };
            for (size_t i = 0; rc == SQLITE_DONE && i < sizeof copies / sizeof copies[0]; i++) {
                sqlite3_exec(l->db, "SAVEPOINT salvage", NULL, NULL, NULL);
                if (sqlite3_exec(l->db, copies[i], NULL, NULL, NULL) == SQLITE_OK) {
                    sqlite3_exec(l->db, "RELEASE salvage", NULL, NULL, NULL);
                    salvaged++;
                } else {
                    sqlite3_exec(l->db, "ROLLBACK TO salvage; RELEASE salvage", NULL, NULL, NULL);
                    lost++;
                }
            }
            sqlite3_exec(l->db, "DETACH damaged", NULL, NULL, NULL);
        }
    }
    local_history_row_t row;
    memset(&row, 0, sizeof row);
    snprintf(row.action, sizeof row.action, "repair");
    snprintf(row.package, sizeof row.package, "%s", state->current_file);
    row.version = state->current_version;
    snprintf(row.publisher, sizeof row.publisher, "%s", state->current_publisher);
    snprintf(row.reason, sizeof row.reason, "local-db-rebuilt");
    snprintf(row.detail, sizeof row.detail,
             "local.db was damaged: rebuilt; the damaged file is kept as %s (%d tables carried over, %d lost)", saved,
             salvaged, lost);
    zwgk_result r = local_content_set(l, state, &row);
    if (r != ZWGK_OK)
        snprintf(err, errlen, "cannot write the new local.db: %s", local_errmsg(l));
    else if (saved_as)
        snprintf(saved_as, saved_cap, "%s", saved);
    local_close(l);
    if (r != ZWGK_OK)
        move_back(data_dir, saved);
    return r;
}
