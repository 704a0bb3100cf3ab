/* dbcheck.c — what a package's database must be: the checks of package.c's last stage and of `zwgk-admin status`.
 *
 * The file is opened read-only with SQLITE_DBCONFIG_DEFENSIVE, trusted_schema off, triggers and views disabled, no
 * mmap and cell_size_check on: a package may be hostile even when signed (a stolen key), so nothing in it may run or
 * corrupt memory.  In order: the 100-byte header (SQLite magic, application id, format version, rollback journal),
 * PRAGMA integrity_check, the schema (exactly the one this build writes — compared as text with the schema created
 * from content_schema_sql in memory, so no extra table, view or trigger), content_open (the kiosk's own open), then
 * the content rules (required fields, links that resolve, http/https URLs without control characters).
 *
 * integrity_check rather than quick_check: on a 101 MB package just copied (so in the page cache, as it is here)
 * both took 0.07 s; cold, 1.5-2.1 s against 1.75-1.96 s (the disk dominates; 292 MB warm: 0.14 s against 0.15 s).
 * integrity_check also proves every index matches its table, which the kiosk's queries rely on.
 *
 * FTS5's own integrity-check of the search index is by far the dearest check (1.3 s of CPU on a 105 MB package,
 * against 0.3 s for integrity_check and 0.1 s for the content rules: BENCHMARKS.md) and depends on none of the
 * others, so it runs on a thread of its own, on its own connection, while this thread runs the rest.  The refusal
 * reported is still the first one in the order above, as if they had run one after the other; a refusal on this
 * thread before the search index check stops that thread's statement at once. */
#include "package_private.h"
#include "zwgk/i18n.h"
#include "zwgk/schema.h"
#include "zwgk/text.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- the database ---- */

/* Reads big-endian 32 bits. */
static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

static zwgk_result check_header(const char *path, package_result_t *res)
{
    unsigned char h[100];
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    ssize_t n = fd >= 0 ? pread(fd, h, sizeof h, 0) : -1;
    if (fd >= 0)
        close(fd);
    if (n < 0)
        return package_refuse(res, PACKAGE_IO_ERROR, "%s: %s", path, strerror(errno));
    if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
        return package_refuse(res, PACKAGE_NOT_SQLITE, N_("no SQLite header"));
    if (be32(h + 68) != CONTENT_APPLICATION_ID)
        return package_refuse(res, PACKAGE_NOT_CONTENT, N_("SQLite application id %08x, not a content database"),
                              be32(h + 68));
    /* A package must be of the format this kiosk's zwgk-admin writes (its schema is compared exactly below); the
     * kiosk still *reads* older installed content (content_open), but never installs it anew. */
    unsigned fmt = be32(h + 60);
    if (fmt != CONTENT_FORMAT_VERSION) {
        package_refuse(res, PACKAGE_FORMAT_UNSUPPORTED, N_("content format %u; this kiosk installs format %d"), fmt,
                       CONTENT_FORMAT_VERSION);
        if (fmt < CONTENT_FORMAT_VERSION)
            package_say(res,
                        _("Content format version %u was made by an older authoring tool; this kiosk needs version %d; "
                          "not installed. Make and sign the package again with the new zwgk-admin, then update."),
                        fmt, CONTENT_FORMAT_VERSION);
        else
            package_say(res,
                        _("Content format version %u; this kiosk's software reads only version %d; not installed. "
                          "Update the kiosk's software first."),
                        fmt, CONTENT_FORMAT_VERSION);
        return package_reason_result(PACKAGE_FORMAT_UNSUPPORTED);
    }
    if (h[18] != 1 || h[19] != 1)
        return package_refuse(res, PACKAGE_NOT_CONTENT, N_("a content database is in rollback-journal mode (not WAL)"));
    return ZWGK_OK;
}

/* Lets integrity_check be cancelled from the progress callback. */
static int sqlite_progress(void *user)
{
    return package_progress(user, PACKAGE_PHASE_VERIFY, 0, 0);
}

static sqlite3 *open_defensive(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, NULL) !=
        SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    sqlite3_exec(db, "PRAGMA mmap_size=0; PRAGMA query_only=1; PRAGMA cell_size_check=ON", NULL, NULL, NULL);
    return db;
}

/* Every schema object as "type name sql" lines, sorted; malloc'ed. */
static char *schema_text(sqlite3 *db)
{
    sqlite3_stmt *s = NULL;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        return NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema ORDER BY 1, 2",
                                -1, &s, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
        rc = fprintf(f, "%s %s %s %s\n", sqlite3_column_text(s, 0), sqlite3_column_text(s, 1),
                     sqlite3_column_text(s, 2), sqlite3_column_text(s, 3)) < 0
                 ? SQLITE_NOMEM
                 : SQLITE_OK;
    sqlite3_finalize(s);
    if (fclose(f) != 0 || rc != SQLITE_DONE) {
        free(out);
        return NULL;
    }
    return out;
}

static zwgk_result check_schema(sqlite3 *db, package_result_t *res)
{
    sqlite3 *ref = NULL;
    char *want = NULL, *have = NULL;
    zwgk_result r;
    if (sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(ref, content_schema_sql, NULL, NULL, NULL) != SQLITE_OK || !(want = schema_text(ref))) {
        r = package_refuse(res, PACKAGE_IO_ERROR, N_("cannot build the reference schema"));
        goto done;
    }
    have = schema_text(db);
    if (!have) {
        r = package_refuse(res, PACKAGE_DB_DAMAGED, N_("cannot read the schema: %s"), sqlite3_errmsg(db));
        goto done;
    }
    if (strcmp(want, have) != 0) {
        size_t i = 0;
        while (want[i] && want[i] == have[i])
            i++;
        while (i > 0 && have[i - 1] != '\n')
            i--;
        r = package_refuse(res, PACKAGE_NOT_CONTENT, N_("the schema is not the content schema, at: %.120s"), have + i);
        goto done;
    }
    r = ZWGK_OK;
done:
    free(want);
    free(have);
    sqlite3_close(ref);
    return r;
}

static zwgk_result check_integrity(sqlite3 *db, const package_options_t *opt, package_result_t *res)
{
    sqlite3_stmt *s = NULL;
    zwgk_result r;
    if (opt)
        sqlite3_progress_handler(db, 100000, sqlite_progress, (void *)opt);
    int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(s, 0), "ok"))
        r = ZWGK_OK;
    else if (rc == SQLITE_INTERRUPT)
        r = package_refuse(res, PACKAGE_CANCELLED, N_("cancelled during integrity_check"));
    else
        r = package_refuse(res, PACKAGE_DB_DAMAGED, N_("integrity_check: %s"),
                           rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : sqlite3_errmsg(db));
    sqlite3_finalize(s);
    sqlite3_progress_handler(db, 0, NULL, NULL);
    return r;
}

/* Content rules a database must keep whatever wrote it: each query returns (offending rows, an example).  The rules
 * that depend on which document types there are, or on the size of an enumeration, are written from zwgk/doctype.h
 * and zwgk/content.h when the check runs (type_rules), so a new type is checked without a change here. */
typedef struct rule {
    const char *what, *sql;
} rule_t;

static const rule_t rules[] = {
    {"directory items missing a required column",
     "SELECT count(*), min(key) FROM items WHERE coalesce(key, '') = '' OR coalesce(name, '') = '' "
     "OR coalesce(content, '') = '' OR coalesce(basis, '') = '' OR coalesce(time_limit, '') = '' "
     "OR coalesce(subject, '') = ''"},
    {"areas or topics without a name",
     "SELECT count(*), min(id) FROM (SELECT id, name FROM areas UNION ALL SELECT id, name FROM topics) "
     "WHERE coalesce(name, '') = ''"},
    {"topics of an area that does not exist",
     "SELECT count(*), min(name) FROM topics WHERE area_id NOT IN (SELECT id FROM areas)"},
    {"items of a topic that does not exist",
     "SELECT count(*), min(key) FROM items WHERE topic_id NOT IN (SELECT id FROM topics)"},
    {"item links to a missing item or document",
     "SELECT count(*), min(doc_id) FROM item_docs WHERE item_id NOT IN (SELECT id FROM items) "
     "OR doc_id NOT IN (SELECT id FROM docs)"},
    {"aliases of a missing item",
     "SELECT count(*), min(alias) FROM item_aliases WHERE item_id NOT IN (SELECT id FROM items)"},
    {"documents in an area that does not exist",
     "SELECT count(*), min(key) FROM docs WHERE area_id IS NOT NULL AND area_id NOT IN (SELECT id FROM areas)"},
    {"document parts (body, keywords, Q&A, materials, steps) of a missing document",
     "SELECT count(*), min(doc_id) FROM (SELECT doc_id FROM blocks UNION ALL SELECT doc_id FROM spans UNION ALL "
     "SELECT doc_id FROM table_cells UNION ALL SELECT doc_id FROM qas UNION ALL SELECT doc_id FROM materials "
     "UNION ALL SELECT doc_id FROM steps UNION ALL SELECT doc_id FROM doc_keywords) "
     "WHERE doc_id NOT IN (SELECT id FROM docs)"},
};

/* Appends printf-style text to b (of cap bytes, NUL-terminated, *n used); truncation shows as a failed check. */
static void add_sql(char *b, size_t cap, size_t *n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add_sql(char *b, size_t cap, size_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = *n < cap ? vsnprintf(b + *n, cap - *n, fmt, ap) : 0;
    va_end(ap);
    *n += k > 0 ? (size_t)k : 0;
}

/* The rules written from the type table and the enumerations; rule i into buf (cap bytes).  Returns its
 * description, or NULL past the last one. */
static const char *type_rule(size_t i, char *b, size_t cap)
{
    size_t n = 0;
    b[0] = '\0';
    switch (i) {
    case 0:
        add_sql(b, cap, &n,
                "SELECT count(*), min(key) FROM docs WHERE coalesce(key, '') = '' OR coalesce(title, '') = '' "
                "OR coalesce(publish_date, '') = '' OR type NOT BETWEEN 1 AND %d OR validity NOT BETWEEN 1 AND %d",
                DOC_TYPE_COUNT_PLUS_ONE - 1, VALIDITY_COUNT_PLUS_ONE - 1);
        return "documents without a key, title or date, or of an unknown type or validity";
    case 1: /* every document of a type with a side table has its row there */
        add_sql(b, cap, &n, "SELECT count(*), min(key) FROM docs d WHERE 0");
        for (int t = 1; t < DOC_TYPE_COUNT_PLUS_ONE; t++) {
            const doc_type_info_t *ti = content_doc_type(t);
            if (ti && ti->detail_table)
                add_sql(b, cap, &n, " OR (type = %d AND id NOT IN (SELECT doc_id FROM %s))", t, ti->detail_table);
        }
        return "documents whose type has no details";
    case 2: /* and every side-table row belongs to a document of its type */
        add_sql(b, cap, &n, "SELECT count(*), min(x.doc_id) FROM (SELECT NULL AS doc_id, NULL AS t WHERE 0");
        for (int t = 1; t < DOC_TYPE_COUNT_PLUS_ONE; t++) {
            const doc_type_info_t *ti = content_doc_type(t);
            if (ti && ti->detail_table)
                add_sql(b, cap, &n, " UNION ALL SELECT doc_id, %d FROM %s", t, ti->detail_table);
        }
        add_sql(b, cap, &n, ") x LEFT JOIN docs d ON d.id = x.doc_id WHERE d.id IS NULL OR d.type <> x.t");
        return "details of a missing document or of another type";
    case 3:
        add_sql(b, cap, &n,
                "SELECT count(*), min(i.doc_id) FROM interpretations i LEFT JOIN docs d ON d.id = i.policy_id "
                "WHERE d.id IS NULL OR d.type <> %d",
                DOC_POLICY);
        return "interpretations of something that is not a policy";
    case 4:
        add_sql(b, cap, &n,
                "SELECT count(*), min(x.policy_id) FROM policy_guides x LEFT JOIN docs p ON p.id = x.policy_id "
                "LEFT JOIN docs g ON g.id = x.guide_id WHERE p.type IS NOT %d OR g.type IS NOT %d",
                DOC_POLICY, DOC_GUIDE);
        return "policy-guide links to a missing policy or guide";
    case 5:
        add_sql(b, cap, &n,
                "SELECT count(*), min(doc_id) FROM projects WHERE progress NOT BETWEEN 0 AND 100 "
                "OR status NOT BETWEEN 1 AND %d",
                PROJECT_STATUS_COUNT_PLUS_ONE - 1);
        return "projects with a progress outside 0-100 or an unknown status";
    default:
        return NULL;
    }
}

static const char url_sql[] =
    "SELECT 'item ' || key, url FROM items WHERE url IS NOT NULL AND url <> '' "
    "UNION ALL SELECT 'document ' || key, url FROM docs WHERE url IS NOT NULL AND url <> '' "
    "UNION ALL SELECT 'document ' || d.key, g.service_url FROM guides g JOIN docs d ON d.id = g.doc_id "
    "WHERE g.service_url IS NOT NULL AND g.service_url <> '' "
    "UNION ALL SELECT 'document ' || d.key, c.respond_url FROM consultations c JOIN docs d ON d.id = c.doc_id "
    "WHERE c.respond_url IS NOT NULL AND c.respond_url <> ''";

static zwgk_result check_content(sqlite3 *db, package_result_t *res)
{
    sqlite3_stmt *s = NULL;
    zwgk_result r = ZWGK_OK;
    char sql[2048];
    const size_t nfixed = sizeof rules / sizeof rules[0];
    for (size_t i = 0; r == ZWGK_OK; i++) {
        rule_t rule = {NULL, sql}; /* the documents' own fields first, then the fixed rules, then the type rules */
        if (i > 0 && i <= nfixed)
            rule = rules[i - 1];
        else if (!(rule.what = type_rule(i ? i - nfixed : 0, sql, sizeof sql)))
            break;
        if (sqlite3_prepare_v2(db, rule.sql, -1, &s, NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW)
            r = package_refuse(res, PACKAGE_NOT_CONTENT, N_("cannot check %s: %s"), rule.what, sqlite3_errmsg(db));
        else if (sqlite3_column_int64(s, 0) > 0)
            r = package_refuse(res, PACKAGE_CONTENT_INVALID, N_("%lld %s (e.g. %.80s)"), sqlite3_column_int64(s, 0),
                               rule.what, (const char *)sqlite3_column_text(s, 1));
        sqlite3_finalize(s);
        s = NULL;
    }
    if (r != ZWGK_OK)
        return r;
    if (sqlite3_prepare_v2(db, url_sql, -1, &s, NULL) != SQLITE_OK)
        return package_refuse(res, PACKAGE_NOT_CONTENT, N_("cannot check URLs: %s"), sqlite3_errmsg(db));
    int rc;
    while (r == ZWGK_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *where = (const char *)sqlite3_column_text(s, 0);
        const char *url = (const char *)sqlite3_column_text(s, 1);
        const char *why = (size_t)sqlite3_column_bytes(s, 1) != strlen(url) ? N_("contains a NUL character")
                                                                            : content_url_problem(url);
        if (why)
            r = package_refuse(res, PACKAGE_CONTENT_INVALID, N_("%s: URL '%.80s' %s"), where, url, _(why));
    }
    sqlite3_finalize(s);
    return r;
}

/* The meta table, by the rules `zwgk-admin check` applies (zwgk/schema.h, issue 12.13): a 20-digit content_version
 * used to become LLONG_MAX and block every later package, and publisher_id's characters were not checked. */
static zwgk_result check_meta(sqlite3 *db, package_result_t *res)
{
    static const char *const keys[] = {"content_version", "publisher_id", "publisher", "title", "region", "created"};
    const char *value[6] = {NULL};
    char *held[6] = {NULL};
    sqlite3_stmt *s = NULL;
    zwgk_result r = ZWGK_OK;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1 AND typeof(value) = 'text'", -1, &s, NULL) !=
        SQLITE_OK)
        return package_refuse(res, PACKAGE_NOT_CONTENT, N_("cannot read meta: %s"), sqlite3_errmsg(db));
    for (int i = 0; i < 6; i++) {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, keys[i], -1, SQLITE_STATIC);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW)
            value[i] = held[i] = strdup((const char *)sqlite3_column_text(s, 0));
        else if (rc != SQLITE_DONE) {
            r = package_refuse(res, PACKAGE_DB_DAMAGED, N_("reading meta: %s"), sqlite3_errmsg(db));
            goto done;
        }
        if (rc == SQLITE_ROW && !held[i]) {
            r = package_refuse(res, PACKAGE_IO_ERROR, N_("out of memory"));
            goto done;
        }
    }
    const char *why = NULL;
    int k = 0;
    if ((why = content_version_problem(value[0], NULL)))
        k = 0;
    else if ((why = content_publisher_id_problem(value[1])))
        k = 1;
    else if ((why = content_date_problem(value[5])))
        k = 5;
    for (int i = 2; !why && i < 5; i++)
        if (!value[i] || !*value[i]) {
            why = N_("is missing");
            k = i;
        }
    if (why) {
        const char *which = keys[k];
        char shown[64];
        utf8_escape_controls(value[k] ? value[k] : "", shown, sizeof shown);
        package_refuse(res, PACKAGE_CONTENT_INVALID, N_("meta %s '%s' %s"), which, shown, _(why));
        package_say(res,
                    _("The package's basic information (%s of meta.yaml) is not valid; not installed. Check it with "
                      "zwgk-admin check and make the package again."),
                    which);
        r = package_reason_result(PACKAGE_CONTENT_INVALID);
    }
done:
    sqlite3_finalize(s);
    for (int i = 0; i < 6; i++)
        free(held[i]);
    return r;
}

/* FTS5's own check of the search index (issue 12.14): PRAGMA integrity_check does not look inside FTS5 in SQLite
 * 3.40, so a damaged index passed.  FTS5 runs its check as an INSERT, which needs a writable connection: it is run
 * inside a transaction that is rolled back, on our own copy (or an installed file), so not a byte changes. */
/* The search index check's thread: what it checks, its result, and the flag that stops it. */
typedef struct fts_job {
    const char *path;
    package_result_t res; /* a copy of the caller's, written on a refusal */
    zwgk_result r;
    atomic_int stop; /* set by the other thread: cancelled, or a refusal there already decides */
    atomic_int finished;
} fts_job_t;

static int fts_progress(void *user)
{
    return atomic_load(&((fts_job_t *)user)->stop);
}

static zwgk_result check_fts(const char *path, fts_job_t *job, package_result_t *res)
{
    static const char *const tables[] = {"search_body", "search_chars"};
    sqlite3 *db = NULL;
    zwgk_result r = ZWGK_OK;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, NULL) !=
        SQLITE_OK) {
        r = package_refuse(res, PACKAGE_DB_DAMAGED, N_("cannot open %s for the search index check: %s"), path,
                           db ? sqlite3_errmsg(db) : "out of memory");
        goto done;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    sqlite3_exec(db, "PRAGMA mmap_size=0; PRAGMA cell_size_check=ON", NULL, NULL, NULL);
    if (sqlite3_db_readonly(db, "main") == 1) /* an installed file on a read-only disk: integrity_check must do */
        goto done;
    sqlite3_progress_handler(db, 100000, fts_progress, job);
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        r = package_refuse(res, PACKAGE_DB_DAMAGED, N_("search index check: %s"), sqlite3_errmsg(db));
        goto done;
    }
    for (size_t i = 0; r == ZWGK_OK && i < sizeof tables / sizeof tables[0]; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "INSERT INTO %s(%s) VALUES('integrity-check')", tables[i], tables[i]);
        int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        if (rc == SQLITE_INTERRUPT)
            r = package_refuse(res, PACKAGE_CANCELLED, N_("cancelled during the search index check"));
        else if (rc != SQLITE_OK) {
            r = package_refuse(res, PACKAGE_DB_DAMAGED, N_("FTS5 integrity-check of %s: %s"), tables[i],
                               sqlite3_errmsg(db));
            package_say(res, _("The package's search index is damaged; not installed. Make the package again."));
        }
    }
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
done:
    sqlite3_close(db);
    return r;
}

static void *fts_main(void *arg)
{
    fts_job_t *job = arg;
    job->r = check_fts(job->path, job, &job->res);
    atomic_store(&job->finished, 1);
    return NULL;
}

/* Waits for the search index check, still answering the caller's progress callback (so a cancel is seen). */
static void fts_wait(pthread_t th, fts_job_t *job, const package_options_t *opt)
{
    while (!atomic_load(&job->finished)) {
        if (opt && package_progress(opt, PACKAGE_PHASE_VERIFY, 0, 0))
            atomic_store(&job->stop, 1);
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    pthread_join(th, NULL);
}

/* The database checks shared by staging and package_content_check; fills version, publisher and counts. */
zwgk_result package_check_database(const char *path, const package_options_t *opt, package_result_t *res,
                                   package_stage_t *st)
{
    sqlite3 *db = NULL;
    content_t *c = NULL;
    fts_job_t *job = NULL;
    pthread_t th;
    int threaded = 0;
    char err[512];
    zwgk_result r = check_header(path, res);
    if (r != ZWGK_OK)
        goto done;
    db = open_defensive(path);
    if (!db) {
        r = package_refuse(res, PACKAGE_DB_DAMAGED, N_("cannot open %s"), path);
        goto done;
    }
    job = calloc(1, sizeof *job);
    if (!job) {
        r = package_refuse(res, PACKAGE_IO_ERROR, N_("out of memory"));
        goto done;
    }
    job->path = path;
    job->res = *res;
    if (pthread_create(&th, NULL, fts_main, job) == 0)
        threaded = 1;
    else /* no thread to be had: the same check, here, in its place in the order */
        atomic_store(&job->finished, 1);
    /* The checks in their order; the search index check's place is after the meta. */
    int before_fts = 1;
    if ((r = check_integrity(db, opt, res)) != ZWGK_OK || (r = check_schema(db, res)) != ZWGK_OK ||
        (r = check_meta(db, res)) != ZWGK_OK)
        goto checked;
    before_fts = 0;
    if (!threaded && (job->r = check_fts(path, job, &job->res)) != ZWGK_OK)
        goto checked;
    c = content_open(path, err, sizeof err);
    if (!c) {
        r = package_refuse(res, PACKAGE_NOT_CONTENT, "%s", err);
        goto checked;
    }
    r = check_content(db, res);
checked:
    if (before_fts || (r != ZWGK_OK && res->reason == PACKAGE_CANCELLED))
        atomic_store(&job->stop, 1); /* this refusal comes first whatever the search index says */
    if (threaded)
        fts_wait(th, job, opt);
    threaded = 0;
    if (!before_fts && job->r != ZWGK_OK) {
        *res = job->res;
        r = job->r;
    }
    if (r != ZWGK_OK)
        goto done;
    const content_meta_t *m = content_meta(c);
    st->version = m->content_version;
    snprintf(st->publisher_id, sizeof st->publisher_id, "%s", m->publisher_id);
    if (content_counts(c, &st->counts) != ZWGK_OK) {
        r = package_refuse(res, PACKAGE_DB_DAMAGED, N_("cannot count the content"));
        goto done;
    }
    res->version = st->version;
    snprintf(res->publisher_id, sizeof res->publisher_id, "%s", st->publisher_id);
    res->counts = st->counts;
done:
    if (threaded)
        fts_wait(th, job, NULL);
    free(job);
    content_close(c);
    sqlite3_close(db);
    return r;
}

zwgk_result package_content_check(const char *db_path, package_result_t *res)
{
    return package_content_check_opt(db_path, NULL, res);
}

zwgk_result package_content_check_opt(const char *db_path, const package_options_t *opt, package_result_t *res)
{
    package_stage_t st;
    memset(&st, 0, sizeof st);
    memset(res, 0, sizeof *res);
    zwgk_result r = package_check_database(db_path, opt, res, &st);
    if (r == ZWGK_OK)
        package_refuse(res, PACKAGE_OK, N_("%s: content version %lld of %s passes integrity_check"), db_path,
                       st.version, st.publisher_id);
    return r;
}
