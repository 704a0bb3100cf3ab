/* content.c — reading a content database (zwgk/content.h).
 *
 * The kiosk opens the database once per installed version and asks small questions of it when a screen opens: the
 * areas, a topic's items, one document.  So every statement is prepared in content_open and reset after use, the
 * connection is read-only with defensive settings (a package may be hostile even when signed), and every string
 * leaving this file is valid UTF-8.  Results are copied into the caller's arena, so a caller never holds a pointer
 * into SQLite's buffers. */
#include "content_private.h"
#include "zwgk/i18n.h"
#include "zwgk/schema.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum stmt_id {
    Q_AREAS,
    Q_TOPICS,
    Q_ITEMS,
    Q_ITEM,
    Q_ITEM_ALIASES,
    Q_ITEM_DOCS,
    Q_DOCS,
    Q_DOCS_COUNT,
    Q_DOC,
    Q_DOC_KEYWORDS,
    Q_BLOCKS,
    Q_SPANS,
    Q_CELLS,
    Q_QAS,
    Q_MATERIALS,
    Q_STEPS,
    Q_READINGS,
    Q_RELATED,
    Q_FIND,
    Q_FIND_ITEM,
    Q_FIND_AREA,
    Q_COUNT
};

/* Columns of a document summary, shared by every query that lists documents, in the order of enum summary_col. */
enum summary_col {
    SC_ID,
    SC_KEY,
    SC_TITLE,
    SC_DOC_NUMBER,
    SC_PUBLISH_DATE,
    SC_ISSUER,
    SC_SUMMARY,
    SC_TYPE,
    SC_VALIDITY,
    SC_PROGRESS,
    SC_STATUS,
    SC_DEADLINE,
    SC_AREA_ID,
    SC_COUNT
};
#define SUMMARY_COLS                                                                                                   \
    "d.id, d.key, d.title, d.doc_number, d.publish_date, d.issuer, d.summary, d.type, d.validity, "                    \
    "coalesce(p.progress, -1), coalesce(p.status, 0), c.deadline, coalesce(d.area_id, 0) "
#define SUMMARY_JOINS "LEFT JOIN projects p ON p.doc_id = d.id LEFT JOIN consultations c ON c.doc_id = d.id "

/* One document: the summary, then every side table's columns in the order of enum doc_col; format 2 adds its
 * replacement's id and title at the end. */
enum doc_col {
    DC_AREA = SC_COUNT,
    DC_URL,
    DC_VALID_UNTIL,
    DC_POLICY_ID,
    DC_UNIT,
    DC_INTERPRETER,
    DC_CONDITIONS, /* the guide's and then the project's and consultation's texts, DC_CONDITIONS … DC_RESPOND_URL */
    DC_SCOPE,
    DC_TIME_LIMIT,
    DC_FEE,
    DC_PLACE,
    DC_HOURS,
    DC_PHONE,
    DC_COMPLAINT_PHONE,
    DC_SERVICE_URL,
    DC_TARGET,
    DC_LEAD_UNIT,
    DC_RESPOND,
    DC_RESPOND_URL,
    DC_SOURCE_FILE,
    DC_REPLACED_BY,
    DC_REPLACED_BY_TITLE,
    DC_COUNT
};
#define DOC_SQL(v2_cols, v2_join)                                                                                      \
    "SELECT " SUMMARY_COLS ", a.name, d.url, pol.valid_until, "                                                        \
    "coalesce(it.policy_id, 0), it.unit, it.interpreter, "                                                             \
    "g.conditions, g.scope, g.time_limit, g.fee, g.place, g.hours, g.phone, g.complaint_phone, g.service_url, "        \
    "p.target, p.lead_unit, c.respond, c.respond_url, d.source_file, " v2_cols " "                                     \
    "FROM docs d " SUMMARY_JOINS "LEFT JOIN areas a ON a.id = d.area_id "                                              \
    "LEFT JOIN policies pol ON pol.doc_id = d.id LEFT JOIN interpretations it ON it.doc_id = d.id "                    \
    "LEFT JOIN guides g ON g.doc_id = d.id " v2_join "WHERE d.id = ?1"
#define BLOCKS_SQL(align_col)                                                                                          \
    "SELECT kind, level, ordered, number, text, lead, resp, rows, cols, " align_col " FROM blocks WHERE doc_id = ?1 "  \
    "ORDER BY seq"

static const char *const stmt_sql[Q_COUNT] = {
    [Q_AREAS] = "SELECT a.id, a.name, (SELECT count(*) FROM items i JOIN topics t ON i.topic_id = t.id "
                "WHERE t.area_id = a.id), (SELECT count(*) FROM docs d WHERE d.area_id = a.id) FROM areas a "
                "ORDER BY a.seq",
    [Q_TOPICS] = "SELECT t.id, t.name, (SELECT count(*) FROM items i WHERE i.topic_id = t.id) FROM topics t "
                 "WHERE t.area_id = ?1 ORDER BY t.seq",
    [Q_ITEMS] = "SELECT i.id, i.name, (SELECT count(*) FROM item_docs x WHERE x.item_id = i.id), "
                "i.url IS NOT NULL AND i.url != '' FROM items i "
                "WHERE i.topic_id = ?1 ORDER BY i.seq",
    [Q_ITEM] = "SELECT i.id, i.key, a.name, t.name, i.name, i.content, i.basis, i.time_limit, i.subject, i.url, "
               "i.channels, i.audience, i.mode, i.levels FROM items i JOIN topics t ON i.topic_id = t.id "
               "JOIN areas a ON t.area_id = a.id WHERE i.id = ?1",
    [Q_ITEM_ALIASES] = "SELECT alias FROM item_aliases WHERE item_id = ?1 ORDER BY rowid",
    [Q_ITEM_DOCS] = "SELECT " SUMMARY_COLS "FROM item_docs x JOIN docs d ON d.id = x.doc_id " SUMMARY_JOINS
                    "WHERE x.item_id = ?1 ORDER BY x.seq",
    [Q_DOCS] = "SELECT " SUMMARY_COLS "FROM docs d " SUMMARY_JOINS
               "WHERE d.type = ?1 AND (?2 = 0 OR d.area_id = ?2) AND (?3 = 0 OR d.validity = ?3) "
               "ORDER BY d.publish_date DESC, d.id",
    [Q_DOCS_COUNT] = "SELECT count(*) FROM docs d "
                     "WHERE d.type = ?1 AND (?2 = 0 OR d.area_id = ?2) AND (?3 = 0 OR d.validity = ?3)",
    [Q_DOC] = DOC_SQL("coalesce(d.replaced_by, 0), r.title", "LEFT JOIN docs r ON r.id = d.replaced_by "),
    [Q_DOC_KEYWORDS] = "SELECT keyword FROM doc_keywords WHERE doc_id = ?1 ORDER BY rowid",
    [Q_BLOCKS] = BLOCKS_SQL("align"),
    [Q_SPANS] = "SELECT seq, start, end, style FROM spans WHERE doc_id = ?1 ORDER BY seq, start",
    [Q_CELLS] = "SELECT seq, row, col, text FROM table_cells WHERE doc_id = ?1 ORDER BY seq, row, col",
    [Q_QAS] = "SELECT question, answer FROM qas WHERE doc_id = ?1 ORDER BY seq",
    [Q_MATERIALS] = "SELECT name, form, count, note FROM materials WHERE doc_id = ?1 ORDER BY seq",
    [Q_STEPS] = "SELECT title, detail, bring, location FROM steps WHERE doc_id = ?1 ORDER BY seq",
    [Q_READINGS] = "SELECT word, pinyin FROM doc_readings WHERE doc_id = ?1 ORDER BY seq",
    /* The triad: interpretations of a policy, guides of a policy, the policy of an interpretation, policies of a
     * guide — ordered policy, interpretation, guide. */
    [Q_RELATED] = "SELECT " SUMMARY_COLS "FROM docs d " SUMMARY_JOINS "WHERE d.id IN ("
                  "SELECT doc_id FROM interpretations WHERE policy_id = ?1 "
                  "UNION SELECT guide_id FROM policy_guides WHERE policy_id = ?1 "
                  "UNION SELECT policy_id FROM interpretations WHERE doc_id = ?1 "
                  "UNION SELECT policy_id FROM policy_guides WHERE guide_id = ?1) "
                  "ORDER BY d.type, d.publish_date DESC, d.id",
    [Q_FIND] = "SELECT id FROM docs WHERE key = ?1",
    [Q_FIND_ITEM] = "SELECT id FROM items WHERE key = ?1",
    [Q_FIND_AREA] = "SELECT id FROM areas WHERE name = ?1",
};

#define STEPS_SQL_V2 "SELECT title, detail, NULL, NULL FROM steps WHERE doc_id = ?1 ORDER BY seq"

/* Format 1 has no align, replaced_by or doc_readings: the same questions, answered with the defaults. */
static const char *const stmt_sql_v1[Q_COUNT] = {
    [Q_DOC] = DOC_SQL("0, NULL", ""),
    [Q_BLOCKS] = BLOCKS_SQL("0"),
    [Q_READINGS] = "SELECT NULL, NULL WHERE ?1 IS NULL AND 0",
};

/* Format 2 (and 1) has no steps.bring or steps.location: read as NULL (nothing to bring named, the guide's place). */
static const char *const stmt_sql_v2[Q_COUNT] = {
    [Q_STEPS] = STEPS_SQL_V2,
};

struct content {
    sqlite3 *db;
    sqlite3_stmt *stmt[Q_COUNT];
    content_meta_t meta;
    content_arena_t meta_arena;
};

static const char *col_str(content_arena_t *a, sqlite3_stmt *s, int col, int *oom)
{
    const char *v = (const char *)sqlite3_column_text(s, col);
    if (!v)
        return NULL;
    const char *r = content_arena_str(a, v);
    if (!r)
        *oom = 1;
    return r;
}

/* An optional text: NULL for none or an empty one (a hostile file's '' is no value). */
static const char *nonempty(const char *v)
{
    return v && v[0] ? v : NULL;
}

static sqlite3_stmt *stmt_start(content_t *c, enum stmt_id id, long long arg)
{
    sqlite3_stmt *s = c->stmt[id];
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (sqlite3_bind_parameter_count(s) >= 1)
        sqlite3_bind_int64(s, 1, arg);
    return s;
}

static zwgk_result step_result(int rc, int oom)
{
    if (oom)
        return ZWGK_ERR_NOMEM;
    return rc == SQLITE_DONE ? ZWGK_OK : ZWGK_ERR_SQL;
}

/* A meta value, or NULL when the key is absent.  A failure to read it (out of memory inside SQLite, a damaged page)
 * is not an absent key: *oom or *failed is then set. */
static const char *meta_value(content_t *c, const char *key, int *oom, int *failed)
{
    sqlite3_stmt *s = NULL;
    const char *v = NULL;
    int rc = sqlite3_prepare_v2(c->db, "SELECT value FROM meta WHERE key = ?1", -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW)
            v = col_str(&c->meta_arena, s, 0, oom);
    }
    if (rc == SQLITE_NOMEM)
        *oom = 1;
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        *failed = 1;
    sqlite3_finalize(s);
    return v;
}

content_t *content_open(const char *path, char *err, size_t errlen)
{
    content_t *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "%s", _("out of memory"));
        return NULL;
    }
    /* No URI, no mmap (a file on a stick may change under us), defensive: a hostile file cannot corrupt itself
     * through us or run untrusted schema functions. */
    int rc = sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        if (access(path, F_OK) != 0)
            snprintf(err, errlen, _("cannot open %s: no such file"), path);
        else
            snprintf(err, errlen, _("cannot open %s: %s"), path, c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_db_config(c->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(c->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_exec(c->db, "PRAGMA mmap_size=0; PRAGMA query_only=1", NULL, NULL, NULL);

    sqlite3_stmt *s = NULL;
    int app_id = 0, version = -1;
    if (sqlite3_prepare_v2(c->db, "PRAGMA application_id", -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        app_id = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (sqlite3_prepare_v2(c->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (version < 0) {
        if (sqlite3_errcode(c->db) == SQLITE_NOTADB) /* SQLite's own words, so that they can be translated */
            snprintf(err, errlen, _("%s is not an SQLite database: file is not a database"), path);
        else
            snprintf(err, errlen, _("%s is not an SQLite database: %s"), path, sqlite3_errmsg(c->db));
        goto fail;
    }
    if (app_id != CONTENT_APPLICATION_ID) {
        snprintf(err, errlen, _("%s is not a content database (application id %08x)"), path, (unsigned)app_id);
        goto fail;
    }
    if (version < CONTENT_FORMAT_MIN_VERSION || version > CONTENT_FORMAT_VERSION) {
        snprintf(err, errlen, _("%s has content format %d; this kiosk reads formats %d to %d"), path, version,
                 CONTENT_FORMAT_MIN_VERSION, CONTENT_FORMAT_VERSION);
        goto fail;
    }
    for (int i = 0; i < Q_COUNT; i++) {
        const char *sql = version == 1 && stmt_sql_v1[i]   ? stmt_sql_v1[i]
                          : version <= 2 && stmt_sql_v2[i] ? stmt_sql_v2[i]
                                                           : stmt_sql[i];
        if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->stmt[i], NULL) != SQLITE_OK) {
            snprintf(err, errlen, _("%s does not have the expected tables: %s"), path, sqlite3_errmsg(c->db));
            goto fail;
        }
    }
    /* The column enums and the SQL are one list each; this build's own mistake if they disagree (every test opens). */
    if (sqlite3_column_count(c->stmt[Q_DOC]) != DC_COUNT || sqlite3_column_count(c->stmt[Q_DOCS]) != SC_COUNT) {
        snprintf(err, errlen, "internal error: the document query's columns do not match enum doc_col");
        goto fail;
    }
    int oom = 0, failed = 0;
    c->meta.format_version = version;
    const char *cv = meta_value(c, "content_version", &oom, &failed);
    c->meta.content_version = 0;
    if (cv && content_version_problem(cv, &c->meta.content_version)) { /* 20 digits saturated to LLONG_MAX once */
        snprintf(err, errlen, _("%s: meta content_version '%.40s' %s"), path, cv, _(content_version_problem(cv, NULL)));
        goto fail;
    }
    c->meta.publisher_id = meta_value(c, "publisher_id", &oom, &failed);
    c->meta.publisher = meta_value(c, "publisher", &oom, &failed);
    c->meta.region = meta_value(c, "region", &oom, &failed);
    c->meta.title = meta_value(c, "title", &oom, &failed);
    c->meta.created = meta_value(c, "created", &oom, &failed);
    if (oom || failed) {
        if (oom)
            snprintf(err, errlen, "%s", _("out of memory"));
        else
            snprintf(err, errlen, _("%s: cannot read the meta table: %s"), path, sqlite3_errmsg(c->db));
        goto fail;
    }
    if (!c->meta.publisher_id || !c->meta.publisher || !c->meta.title || c->meta.content_version <= 0) {
        snprintf(err, errlen, _("%s has no complete meta table (publisher, title, content version)"), path);
        goto fail;
    }
    return c;
fail:
    content_close(c);
    return NULL;
}

void content_close(content_t *c)
{
    if (!c)
        return;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(c->stmt[i]);
    sqlite3_close(c->db);
    content_arena_free(&c->meta_arena);
    free(c);
}

struct sqlite3 *content_db(content_t *c)
{
    return c->db;
}

const content_meta_t *content_meta(const content_t *c)
{
    return &c->meta;
}

zwgk_result content_counts(content_t *c, content_counts_t *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = NULL;
    const char *sql = "SELECT (SELECT count(*) FROM areas), (SELECT count(*) FROM topics), "
                      "(SELECT count(*) FROM items), (SELECT count(*) FROM docs)";
    if (sqlite3_prepare_v2(c->db, sql, -1, &s, NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return ZWGK_ERR_SQL;
    }
    out->areas = sqlite3_column_int(s, 0);
    out->topics = sqlite3_column_int(s, 1);
    out->items = sqlite3_column_int(s, 2);
    out->docs = sqlite3_column_int(s, 3);
    sqlite3_finalize(s);
    if (sqlite3_prepare_v2(c->db, "SELECT type, count(*) FROM docs GROUP BY type", -1, &s, NULL) != SQLITE_OK)
        return ZWGK_ERR_SQL;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int t = sqlite3_column_int(s, 0);
        if (t > 0 && t < DOC_TYPE_COUNT_PLUS_ONE)
            out->by_type[t] = sqlite3_column_int(s, 1);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ZWGK_OK : ZWGK_ERR_SQL; /* a damaged page mid-way is an error, not a short count */
}

/* Grows an arena-backed array by doubling: the arena keeps the old copy, which is acceptable for result sizes. */
static void *grow(content_arena_t *a, void *old, size_t count, size_t *cap, size_t elem)
{
    if (count < *cap)
        return old;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *p = content_arena_alloc(a, ncap * elem);
    if (p && old)
        memcpy(p, old, count * elem);
    *cap = ncap;
    return p;
}

static zwgk_result named_list(content_t *c, enum stmt_id id, long long arg, content_named_list_t *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = stmt_start(c, id, arg);
    size_t cap = 0;
    int rc, oom = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->items = grow(&out->arena, out->items, out->count, &cap, sizeof *out->items);
        if (!out->items) {
            oom = 1;
            break;
        }
        content_named_t *n = &out->items[out->count++];
        n->id = sqlite3_column_int64(s, 0);
        n->name = col_str(&out->arena, s, 1, &oom);
        n->count = sqlite3_column_int(s, 2);
        int extra = sqlite3_column_count(s) > 3 ? sqlite3_column_int(s, 3) : 0;
        n->docs = id == Q_AREAS ? extra : 0;
        n->online = id == Q_ITEMS ? extra : 0;
    }
    sqlite3_reset(s);
    zwgk_result r = step_result(oom ? SQLITE_DONE : rc, oom);
    if (r != ZWGK_OK)
        content_named_list_free(out);
    return r;
}

zwgk_result content_areas(content_t *c, content_named_list_t *out)
{
    return named_list(c, Q_AREAS, 0, out);
}

zwgk_result content_topics(content_t *c, long long area_id, content_named_list_t *out)
{
    return named_list(c, Q_TOPICS, area_id, out);
}

zwgk_result content_items(content_t *c, long long topic_id, content_named_list_t *out)
{
    return named_list(c, Q_ITEMS, topic_id, out);
}

void content_named_list_free(content_named_list_t *l)
{
    if (!l)
        return;
    content_arena_free(&l->arena);
    memset(l, 0, sizeof *l);
}

static void read_summary(content_arena_t *a, sqlite3_stmt *s, content_doc_summary_t *d, int *oom)
{
    d->id = sqlite3_column_int64(s, SC_ID);
    d->key = col_str(a, s, SC_KEY, oom);
    d->title = col_str(a, s, SC_TITLE, oom);
    d->doc_number = col_str(a, s, SC_DOC_NUMBER, oom);
    d->publish_date = col_str(a, s, SC_PUBLISH_DATE, oom);
    d->issuer = col_str(a, s, SC_ISSUER, oom);
    d->summary = col_str(a, s, SC_SUMMARY, oom);
    d->type = sqlite3_column_int(s, SC_TYPE);
    d->validity = sqlite3_column_int(s, SC_VALIDITY);
    d->progress = sqlite3_column_int(s, SC_PROGRESS);
    d->status = sqlite3_column_int(s, SC_STATUS);
    d->deadline = col_str(a, s, SC_DEADLINE, oom);
    d->area_id = sqlite3_column_int64(s, SC_AREA_ID);
}

/* Runs a prepared summary query (already bound) into out, whose arena is `a`. */
static zwgk_result doc_list_run(sqlite3_stmt *s, content_arena_t *a, content_doc_list_t *out)
{
    size_t cap = 0;
    int rc, oom = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->items = grow(a, out->items, out->count, &cap, sizeof *out->items);
        if (!out->items) {
            oom = 1;
            break;
        }
        read_summary(a, s, &out->items[out->count++], &oom);
    }
    sqlite3_reset(s);
    return step_result(oom ? SQLITE_DONE : rc, oom);
}

zwgk_result content_docs(content_t *c, int type, long long area_id, int validity, content_doc_list_t *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = stmt_start(c, Q_DOCS, type);
    sqlite3_bind_int64(s, 2, area_id);
    sqlite3_bind_int(s, 3, validity);
    zwgk_result r = doc_list_run(s, &out->arena, out);
    if (r != ZWGK_OK)
        content_doc_list_free(out);
    return r;
}

zwgk_result content_docs_count(content_t *c, int type, long long area_id, int validity, int *out)
{
    *out = 0;
    sqlite3_stmt *s = stmt_start(c, Q_DOCS_COUNT, type);
    sqlite3_bind_int64(s, 2, area_id);
    sqlite3_bind_int(s, 3, validity);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? ZWGK_OK : rc == SQLITE_NOMEM ? ZWGK_ERR_NOMEM : ZWGK_ERR_SQL;
}

void content_doc_list_free(content_doc_list_t *l)
{
    if (!l)
        return;
    content_arena_free(&l->arena);
    memset(l, 0, sizeof *l);
}

/* Reads a one-column string query into an arena array.  *failed is set when the query ends in an error. */
static const char **string_list(content_t *c, enum stmt_id id, long long arg, content_arena_t *a, size_t *n, int *oom,
                                int *failed)
{
    sqlite3_stmt *s = stmt_start(c, id, arg);
    const char **v = NULL;
    size_t cap = 0;
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        v = grow(a, v, *n, &cap, sizeof *v);
        if (!v) {
            *oom = 1;
            break;
        }
        v[(*n)++] = col_str(a, s, 0, oom);
    }
    if (rc != SQLITE_DONE && !*oom)
        *failed = 1;
    sqlite3_reset(s);
    return v;
}

zwgk_result content_item_get(content_t *c, long long id, content_item_t *out)
{
    memset(out, 0, sizeof *out);
    content_arena_t *a = &out->arena;
    sqlite3_stmt *s = stmt_start(c, Q_ITEM, id);
    int rc = sqlite3_step(s), oom = 0;
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? ZWGK_ERR_NOT_FOUND : ZWGK_ERR_SQL;
    }
    out->id = sqlite3_column_int64(s, 0);
    out->key = col_str(a, s, 1, &oom);
    out->area = col_str(a, s, 2, &oom);
    out->topic = col_str(a, s, 3, &oom);
    out->name = col_str(a, s, 4, &oom);
    out->content = col_str(a, s, 5, &oom);
    out->basis = col_str(a, s, 6, &oom);
    out->time_limit = col_str(a, s, 7, &oom);
    out->subject = col_str(a, s, 8, &oom);
    out->url = col_str(a, s, 9, &oom);
    out->channels = (unsigned)sqlite3_column_int(s, 10);
    out->audience = (unsigned)sqlite3_column_int(s, 11);
    out->mode = (unsigned)sqlite3_column_int(s, 12);
    out->levels = (unsigned)sqlite3_column_int(s, 13);
    sqlite3_reset(s);
    int failed = 0;
    out->aliases = string_list(c, Q_ITEM_ALIASES, id, a, &out->naliases, &oom, &failed);
    zwgk_result r = doc_list_run(stmt_start(c, Q_ITEM_DOCS, id), a, &out->docs);
    if (failed && r == ZWGK_OK)
        r = ZWGK_ERR_SQL;
    if (oom)
        r = ZWGK_ERR_NOMEM;
    if (r != ZWGK_OK)
        content_item_free(out);
    return r;
}

void content_item_free(content_item_t *it)
{
    if (!it)
        return;
    content_arena_free(&it->arena);
    memset(it, 0, sizeof *it);
}

static zwgk_result doc_body(content_t *c, long long id, content_doc_t *d, int *oom)
{
    content_arena_t *a = &d->arena;
    sqlite3_stmt *s = stmt_start(c, Q_BLOCKS, id);
    size_t cap = 0;
    int rc, failed = 0; /* a step that ends in an error: a damaged page, never a silently short document */
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        d->blocks = grow(a, d->blocks, d->nblocks, &cap, sizeof *d->blocks);
        if (!d->blocks) {
            *oom = 1;
            break;
        }
        content_block_t *b = &d->blocks[d->nblocks++];
        b->kind = sqlite3_column_int(s, 0);
        b->level = sqlite3_column_int(s, 1);
        b->ordered = sqlite3_column_int(s, 2);
        b->number = sqlite3_column_int(s, 3);
        b->text = col_str(a, s, 4, oom);
        b->lead = col_str(a, s, 5, oom);
        b->resp = col_str(a, s, 6, oom);
        b->rows = sqlite3_column_int(s, 7);
        b->cols = sqlite3_column_int(s, 8);
        b->align = sqlite3_column_int(s, 9);
        if (b->align < 0 || b->align >= BLOCK_ALIGN_COUNT)
            b->align = BLOCK_ALIGN_DEFAULT;
        /* A hostile file could claim a huge table: cells are filled only from rows that exist, and one past the
         * size limit (content.h) is left out, so rows * cols can neither overflow nor take the memory. */
        if (b->rows < 0 || b->cols < 0 || b->cols > CONTENT_TABLE_COLS_MAX ||
            (b->cols > 0 && b->rows > CONTENT_TABLE_CELLS_MAX / b->cols))
            b->rows = b->cols = 0;
        if (b->kind == BLOCK_TABLE && b->rows * b->cols > 0) {
            b->cells = content_arena_alloc(a, (size_t)b->rows * (size_t)b->cols * sizeof *b->cells);
            if (!b->cells) {
                *oom = 1;
                b->rows = b->cols = 0;
            }
        }
        if (!b->text && b->kind != BLOCK_TABLE)
            b->text = "";
    }
    failed |= rc != SQLITE_DONE && !*oom;
    sqlite3_reset(s);
    if (*oom)
        return ZWGK_ERR_NOMEM;
    if (failed)
        return ZWGK_ERR_SQL;

    s = stmt_start(c, Q_CELLS, id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long seq = sqlite3_column_int64(s, 0);
        int row = sqlite3_column_int(s, 1), col = sqlite3_column_int(s, 2);
        if (seq < 0 || (size_t)seq >= d->nblocks)
            continue;
        content_block_t *b = &d->blocks[seq];
        if (row < 0 || col < 0 || row >= b->rows || col >= b->cols || !b->cells)
            continue;
        ((const char **)b->cells)[row * b->cols + col] = col_str(a, s, 3, oom);
    }
    failed |= rc != SQLITE_DONE && !*oom;
    sqlite3_reset(s);
    for (size_t i = 0; i < d->nblocks; i++) { /* a missing cell reads as empty, never NULL */
        content_block_t *b = &d->blocks[i];
        for (int k = 0; b->cells && k < b->rows * b->cols; k++)
            if (!b->cells[k])
                ((const char **)b->cells)[k] = "";
    }

    s = stmt_start(c, Q_SPANS, id);
    size_t span_cap = 0;
    long long cur = -1;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long seq = sqlite3_column_int64(s, 0);
        if (seq < 0 || (size_t)seq >= d->nblocks)
            continue;
        content_block_t *b = &d->blocks[seq];
        if (seq != cur) {
            cur = seq;
            span_cap = 0;
        }
        long long st = sqlite3_column_int64(s, 1), en = sqlite3_column_int64(s, 2);
        size_t len = b->text ? strlen(b->text) : 0;
        if (st < 0 || en <= st || (size_t)en > len)
            continue;
        content_span_t *spans = grow(a, (void *)b->spans, b->nspans, &span_cap, sizeof *spans);
        if (!spans) {
            *oom = 1;
            break;
        }
        spans[b->nspans++] = (content_span_t){(size_t)st, (size_t)en, sqlite3_column_int(s, 3)};
        b->spans = spans;
    }
    failed |= rc != SQLITE_DONE && !*oom;
    sqlite3_reset(s);

    s = stmt_start(c, Q_QAS, id);
    cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        d->qas = grow(a, d->qas, d->nqas, &cap, sizeof *d->qas);
        if (!d->qas) {
            *oom = 1;
            break;
        }
        d->qas[d->nqas++] = (content_qa_t){col_str(a, s, 0, oom), col_str(a, s, 1, oom)};
    }
    failed |= rc != SQLITE_DONE && !*oom;
    sqlite3_reset(s);

    s = stmt_start(c, Q_MATERIALS, id);
    cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        d->materials = grow(a, d->materials, d->nmaterials, &cap, sizeof *d->materials);
        if (!d->materials) {
            *oom = 1;
            break;
        }
        content_material_t *m = &d->materials[d->nmaterials++];
        m->name = col_str(a, s, 0, oom);
        m->form = col_str(a, s, 1, oom);
        m->count = sqlite3_column_int(s, 2);
        m->note = col_str(a, s, 3, oom);
    }
    failed |= rc != SQLITE_DONE && !*oom;
    sqlite3_reset(s);

    s = stmt_start(c, Q_STEPS, id);
    cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        d->steps = grow(a, d->steps, d->nsteps, &cap, sizeof *d->steps);
        if (!d->steps) {
            *oom = 1;
            break;
        }
        content_step_t *st = &d->steps[d->nsteps++];
        st->title = col_str(a, s, 0, oom);
        st->detail = col_str(a, s, 1, oom);
        st->bring = nonempty(col_str(a, s, 2, oom));
        st->where = nonempty(col_str(a, s, 3, oom));
    }
    failed |= rc != SQLITE_DONE && !*oom;
    sqlite3_reset(s);

    s = stmt_start(c, Q_READINGS, id);
    cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *word = col_str(a, s, 0, oom), *pinyin = col_str(a, s, 1, oom);
        if (!word || !pinyin || !*word || !*pinyin)
            continue; /* a hostile row: a reading needs both */
        d->readings = grow(a, d->readings, d->nreadings, &cap, sizeof *d->readings);
        if (!d->readings) {
            *oom = 1;
            break;
        }
        d->readings[d->nreadings++] = (content_reading_t){word, pinyin};
    }
    failed |= rc != SQLITE_DONE && !*oom;
    sqlite3_reset(s);
    return *oom ? ZWGK_ERR_NOMEM : failed ? ZWGK_ERR_SQL : ZWGK_OK;
}

zwgk_result content_doc_get(content_t *c, long long id, content_doc_t *out)
{
    memset(out, 0, sizeof *out);
    content_arena_t *a = &out->arena;
    sqlite3_stmt *s = stmt_start(c, Q_DOC, id);
    int rc = sqlite3_step(s), oom = 0;
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? ZWGK_ERR_NOT_FOUND : ZWGK_ERR_SQL;
    }
    read_summary(a, s, &out->s, &oom);
    out->area = col_str(a, s, DC_AREA, &oom);
    out->url = col_str(a, s, DC_URL, &oom);
    out->valid_until = col_str(a, s, DC_VALID_UNTIL, &oom);
    out->policy_id = sqlite3_column_int64(s, DC_POLICY_ID);
    out->unit = col_str(a, s, DC_UNIT, &oom);
    out->interpreter = col_str(a, s, DC_INTERPRETER, &oom);
    const struct {
        int col;
        const char **dst;
    } texts[] = {
        {DC_CONDITIONS, &out->conditions},
        {DC_SCOPE, &out->scope},
        {DC_TIME_LIMIT, &out->time_limit},
        {DC_FEE, &out->fee},
        {DC_PLACE, &out->place},
        {DC_HOURS, &out->hours},
        {DC_PHONE, &out->phone},
        {DC_COMPLAINT_PHONE, &out->complaint_phone},
        {DC_SERVICE_URL, &out->service_url},
        {DC_TARGET, &out->target},
        {DC_LEAD_UNIT, &out->lead_unit},
        {DC_RESPOND, &out->respond},
        {DC_RESPOND_URL, &out->respond_url},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        *texts[i].dst = col_str(a, s, texts[i].col, &oom);
    out->source_file = col_str(a, s, DC_SOURCE_FILE, &oom);
    out->replaced_by = sqlite3_column_int64(s, DC_REPLACED_BY);
    out->replaced_by_title = col_str(a, s, DC_REPLACED_BY_TITLE, &oom);
    if (out->replaced_by == out->s.id)
        out->replaced_by = 0; /* a hostile self-link: no banner pointing at itself */
    if (out->replaced_by && !out->replaced_by_title)
        out->replaced_by = 0; /* points nowhere (only a hostile database): no link to a missing page */
    sqlite3_reset(s);
    int failed = 0;
    out->keywords = string_list(c, Q_DOC_KEYWORDS, id, a, &out->nkeywords, &oom, &failed);
    zwgk_result r = failed ? ZWGK_ERR_SQL : doc_body(c, id, out, &oom);
    if (r == ZWGK_OK)
        r = doc_list_run(stmt_start(c, Q_RELATED, id), a, &out->related);
    if (oom)
        r = ZWGK_ERR_NOMEM;
    if (r != ZWGK_OK)
        content_doc_free(out);
    return r;
}

void content_doc_free(content_doc_t *d)
{
    if (!d)
        return;
    content_arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}

/* Runs a one-text-parameter id lookup. */
static long long find_id(content_t *c, enum stmt_id id, const char *key)
{
    sqlite3_stmt *s = c->stmt[id];
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
    long long found = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return found;
}

long long content_doc_find(content_t *c, const char *key)
{
    return find_id(c, Q_FIND, key);
}

long long content_item_find(content_t *c, const char *key)
{
    return find_id(c, Q_FIND_ITEM, key);
}

long long content_area_find(content_t *c, const char *name)
{
    return find_id(c, Q_FIND_AREA, name);
}
