/* emit.c — writing the in-memory model as a content database (format v2, src/content/schema.c).
 *
 * Determinism is the point of this file: the same source must give the same bytes, so that a reviewer can tell
 * "nothing changed" from a checksum and a signature covers exactly what was reviewed.  SQLite writes the same file
 * for the same statements in the same order with the same page size, so: fixed page size, no timestamps (the
 * `created` date comes from meta.yaml), rows inserted in source order with explicit ids, and a final VACUUM so free
 * pages from index building never depend on history.  The database is written to a temporary name, fsynced and
 * renamed into place. */
#include "author_private.h"
#include "zwgk/schema.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct emitter {
    sqlite3 *db;
    char *err;
    size_t errlen;
    int failed;
} emitter_t;

static sqlite3_stmt *prep(emitter_t *e, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (!e->failed && sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK) {
        snprintf(e->err, e->errlen, "prepare failed: %s", sqlite3_errmsg(e->db));
        e->failed = 1;
    }
    return s;
}

/* Binds NULL for a NULL string: optional columns stay NULL rather than "". */
static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static void run(emitter_t *e, sqlite3_stmt *s)
{
    if (!s || e->failed)
        return;
    if (sqlite3_step(s) != SQLITE_DONE) {
        snprintf(e->err, e->errlen, "insert failed: %s", sqlite3_errmsg(e->db));
        e->failed = 1;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

static void exec(emitter_t *e, const char *sql)
{
    char *msg = NULL;
    if (!e->failed && sqlite3_exec(e->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(e->err, e->errlen, "%s", msg ? msg : sqlite3_errmsg(e->db));
        e->failed = 1;
    }
    sqlite3_free(msg);
}

static void emit_meta(emitter_t *e, const src_meta_t *m)
{
    sqlite3_stmt *s = prep(e, "INSERT INTO meta(key, value) VALUES(?1, ?2)");
    char fmt[16], ver[32];
    snprintf(fmt, sizeof fmt, "%d", CONTENT_FORMAT_VERSION);
    snprintf(ver, sizeof ver, "%lld", m->content_version);
    const char *kv[][2] = {{"format_version", fmt},     {"content_version", ver}, {"publisher_id", m->publisher_id},
                           {"publisher", m->publisher}, {"region", m->region},    {"title", m->title},
                           {"created", m->created}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) {
        bind_str(s, 1, kv[i][0]);
        bind_str(s, 2, kv[i][1]);
        run(e, s);
    }
    sqlite3_finalize(s);
    s = prep(e, "INSERT INTO channels(id, name) VALUES(?1, ?2)");
    for (int ch = 0; ch < CHANNEL_COUNT; ch++) {
        sqlite3_bind_int(s, 1, ch);
        bind_str(s, 2, content_channel_name(ch));
        run(e, s);
    }
    sqlite3_finalize(s);
}

/* Areas and topics get ids in order of first appearance, items in file order. */
static void emit_catalog(emitter_t *e, const author_src_t *src)
{
    sqlite3_stmt *area = prep(e, "INSERT INTO areas(id, seq, name) VALUES(?1, ?1, ?2)");
    sqlite3_stmt *topic = prep(e, "INSERT INTO topics(id, area_id, seq, name) VALUES(?1, ?2, ?1, ?3)");
    sqlite3_stmt *item = prep(e, "INSERT INTO items(id, topic_id, seq, name, key, content, basis, time_limit, "
                                 "subject, channels, audience, mode, levels, url, source_line) "
                                 "VALUES(?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    sqlite3_stmt *alias = prep(e, "INSERT INTO item_aliases(item_id, alias) VALUES(?1, ?2)");
    sqlite3_stmt *link = prep(e, "INSERT OR IGNORE INTO item_docs(item_id, doc_id, seq) VALUES(?1, ?2, ?3)");
    for (size_t a = 0; a < src->areas.count; a++) {
        sqlite3_bind_int64(area, 1, (long long)a + 1);
        bind_str(area, 2, src->areas.items[a]);
        run(e, area);
    }
    for (size_t t = 0; t < src->ntopics; t++) {
        sqlite3_bind_int64(topic, 1, (long long)t + 1);
        sqlite3_bind_int64(topic, 2, src->topics[t].area + 1);
        bind_str(topic, 3, src->topics[t].name);
        run(e, topic);
    }
    for (size_t i = 0; i < src->catalog.count; i++) {
        const catalog_row_t *r = &src->catalog.rows[i];
        char key[1024];
        author_item_key(r, key, sizeof key);
        sqlite3_bind_int64(item, 1, (long long)i + 1);
        sqlite3_bind_int64(item, 2, src->row_topic[i] + 1);
        bind_str(item, 3, r->level2);
        bind_str(item, 4, key);
        bind_str(item, 5, r->content ? r->content : "");
        bind_str(item, 6, r->basis ? r->basis : "");
        bind_str(item, 7, r->time_limit ? r->time_limit : "");
        bind_str(item, 8, r->subject ? r->subject : "");
        sqlite3_bind_int(item, 9, (int)r->channels);
        sqlite3_bind_int(item, 10, (int)r->audience);
        sqlite3_bind_int(item, 11, (int)r->mode);
        sqlite3_bind_int(item, 12, (int)r->levels);
        bind_str(item, 13, r->url && *r->url ? r->url : NULL);
        sqlite3_bind_int(item, 14, r->row);
        run(e, item);
        for (size_t k = 0; k < r->aliases.count; k++) {
            sqlite3_bind_int64(alias, 1, (long long)i + 1);
            bind_str(alias, 2, r->aliases.items[k]);
            run(e, alias);
        }
        for (size_t k = 0; k < r->doc_ids.count; k++) {
            long long id = author_doc_index(src, r->doc_ids.items[k]);
            if (id < 0)
                continue; /* validate.c reported it */
            sqlite3_bind_int64(link, 1, (long long)i + 1);
            sqlite3_bind_int64(link, 2, id + 1);
            sqlite3_bind_int64(link, 3, (long long)k);
            run(e, link);
        }
    }
    sqlite3_finalize(area);
    sqlite3_finalize(topic);
    sqlite3_finalize(item);
    sqlite3_finalize(alias);
    sqlite3_finalize(link);
}

static void emit_body(emitter_t *e, long long id, const doc_t *d)
{
    sqlite3_stmt *blk = prep(e, "INSERT INTO blocks(doc_id, seq, kind, level, ordered, number, text, lead, resp, "
                                "rows, cols, align) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    sqlite3_stmt *rd = prep(e, "INSERT INTO doc_readings(doc_id, seq, word, pinyin) VALUES(?1, ?2, ?3, ?4)");
    for (size_t i = 0; i < d->nreadings; i++) {
        sqlite3_bind_int64(rd, 1, id);
        sqlite3_bind_int64(rd, 2, (long long)i);
        bind_str(rd, 3, d->readings[i].word);
        bind_str(rd, 4, d->readings[i].pinyin);
        run(e, rd);
    }
    sqlite3_finalize(rd);
    sqlite3_stmt *span = prep(e, "INSERT INTO spans(doc_id, seq, start, end, style) VALUES(?1, ?2, ?3, ?4, ?5)");
    sqlite3_stmt *cell = prep(e, "INSERT INTO table_cells(doc_id, seq, row, col, text) VALUES(?1, ?2, ?3, ?4, ?5)");
    for (size_t i = 0; i < d->nblocks; i++) {
        const block_t *b = &d->blocks[i];
        sqlite3_bind_int64(blk, 1, id);
        sqlite3_bind_int64(blk, 2, (long long)i);
        sqlite3_bind_int(blk, 3, b->kind);
        sqlite3_bind_int(blk, 4, b->level);
        sqlite3_bind_int(blk, 5, b->ordered);
        sqlite3_bind_int(blk, 6, b->number);
        bind_str(blk, 7, b->kind == BLOCK_TABLE ? NULL : (b->text ? b->text : ""));
        bind_str(blk, 8, b->lead);
        bind_str(blk, 9, b->resp);
        sqlite3_bind_int(blk, 10, b->kind == BLOCK_TABLE ? b->rows : 0);
        sqlite3_bind_int(blk, 11, b->kind == BLOCK_TABLE ? b->cols : 0);
        sqlite3_bind_int(blk, 12, b->align);
        run(e, blk);
        for (size_t k = 0; k < b->nspans; k++) {
            sqlite3_bind_int64(span, 1, id);
            sqlite3_bind_int64(span, 2, (long long)i);
            sqlite3_bind_int64(span, 3, (long long)b->spans[k].start);
            sqlite3_bind_int64(span, 4, (long long)b->spans[k].end);
            sqlite3_bind_int(span, 5, b->spans[k].style);
            run(e, span);
        }
        for (int r = 0; b->kind == BLOCK_TABLE && r < b->rows; r++)
            for (int c = 0; c < b->cols; c++) {
                sqlite3_bind_int64(cell, 1, id);
                sqlite3_bind_int64(cell, 2, (long long)i);
                sqlite3_bind_int(cell, 3, r);
                sqlite3_bind_int(cell, 4, c);
                const char *t = b->cells ? b->cells[r * b->cols + c] : NULL;
                bind_str(cell, 5, t ? t : "");
                run(e, cell);
            }
    }
    sqlite3_finalize(blk);
    sqlite3_finalize(span);
    sqlite3_finalize(cell);
}

static void emit_docs(emitter_t *e, const author_src_t *src)
{
    sqlite3_stmt *doc = prep(e, "INSERT INTO docs(id, key, type, title, publish_date, issuer, doc_number, area_id, "
                                "url, summary, validity, source_file, replaced_by) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    sqlite3_stmt *kw = prep(e, "INSERT INTO doc_keywords(doc_id, keyword) VALUES(?1, ?2)");
    sqlite3_stmt *pol = prep(e, "INSERT INTO policies(doc_id, valid_until) VALUES(?1, ?2)");
    sqlite3_stmt *pg = prep(e, "INSERT OR IGNORE INTO policy_guides(policy_id, guide_id, seq) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *itp = prep(e, "INSERT INTO interpretations(doc_id, policy_id, unit, interpreter) "
                                "VALUES(?1, ?2, ?3, ?4)");
    sqlite3_stmt *qa = prep(e, "INSERT INTO qas(doc_id, seq, question, answer) VALUES(?1, ?2, ?3, ?4)");
    sqlite3_stmt *gd = prep(e, "INSERT INTO guides(doc_id, conditions, scope, time_limit, fee, place, hours, phone, "
                               "complaint_phone, service_url) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    sqlite3_stmt *mat = prep(e, "INSERT INTO materials(doc_id, seq, name, form, count, note) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    sqlite3_stmt *stp = prep(e, "INSERT INTO steps(doc_id, seq, title, detail, bring, location) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    sqlite3_stmt *prj = prep(e, "INSERT INTO projects(doc_id, target, progress, lead_unit, status) "
                                "VALUES(?1, ?2, ?3, ?4, ?5)");
    sqlite3_stmt *con = prep(e, "INSERT INTO consultations(doc_id, deadline, respond, respond_url) "
                                "VALUES(?1, ?2, ?3, ?4)");
    for (size_t i = 0; i < src->docs.count; i++) {
        const doc_t *d = src->docs.docs[i];
        long long id = (long long)i + 1;
        long long area = d->area ? author_area_index(src, d->area) : -1;
        sqlite3_bind_int64(doc, 1, id);
        bind_str(doc, 2, d->id);
        sqlite3_bind_int(doc, 3, d->type);
        bind_str(doc, 4, d->title);
        bind_str(doc, 5, d->publish_date);
        bind_str(doc, 6, d->issuer);
        bind_str(doc, 7, d->doc_number);
        if (area >= 0)
            sqlite3_bind_int64(doc, 8, area + 1);
        bind_str(doc, 9, d->url);
        bind_str(doc, 10, d->summary);
        sqlite3_bind_int(
            doc, 11, content_doc_type_has(d->type, DOC_HAS_VALIDITY) && d->validity ? d->validity : VALIDITY_CURRENT);
        bind_str(doc, 12, d->file);
        long long repl = d->replaced_by ? author_doc_index(src, d->replaced_by) : -1;
        if (repl >= 0 && (size_t)repl != i)
            sqlite3_bind_int64(doc, 13, repl + 1);
        run(e, doc);
        for (size_t k = 0; k < d->keywords.count; k++) {
            sqlite3_bind_int64(kw, 1, id);
            bind_str(kw, 2, d->keywords.items[k]);
            run(e, kw);
        }
        switch (d->type) {
        case DOC_POLICY:
            sqlite3_bind_int64(pol, 1, id);
            bind_str(pol, 2, d->valid_until);
            run(e, pol);
            for (size_t k = 0; k < d->guides.count; k++) {
                long long g = author_doc_index(src, d->guides.items[k]);
                if (g < 0)
                    continue;
                sqlite3_bind_int64(pg, 1, id);
                sqlite3_bind_int64(pg, 2, g + 1);
                sqlite3_bind_int64(pg, 3, (long long)k);
                run(e, pg);
            }
            break;
        case DOC_INTERPRETATION:
            sqlite3_bind_int64(itp, 1, id);
            sqlite3_bind_int64(itp, 2, author_doc_index(src, d->interprets) + 1);
            bind_str(itp, 3, d->unit);
            bind_str(itp, 4, d->interpreter);
            run(e, itp);
            for (size_t k = 0; k < d->nqas; k++) {
                sqlite3_bind_int64(qa, 1, id);
                sqlite3_bind_int64(qa, 2, (long long)k);
                bind_str(qa, 3, d->qas[k].question);
                bind_str(qa, 4, d->qas[k].answer ? d->qas[k].answer : "");
                run(e, qa);
            }
            break;
        case DOC_GUIDE: {
            const char *v[] = {d->conditions, d->scope, d->time_limit,      d->fee,        d->place,
                               d->hours,      d->phone, d->complaint_phone, d->service_url};
            sqlite3_bind_int64(gd, 1, id);
            for (int k = 0; k < (int)(sizeof v / sizeof v[0]); k++)
                bind_str(gd, k + 2, v[k]); /* ?2 … ?10, in the order of the INSERT's columns */
            run(e, gd);
            for (size_t k = 0; k < d->nmaterials; k++) {
                sqlite3_bind_int64(mat, 1, id);
                sqlite3_bind_int64(mat, 2, (long long)k);
                bind_str(mat, 3, d->materials[k].name);
                bind_str(mat, 4, d->materials[k].form);
                sqlite3_bind_int(mat, 5, d->materials[k].count);
                bind_str(mat, 6, d->materials[k].note);
                run(e, mat);
            }
            for (size_t k = 0; k < d->nsteps; k++) {
                sqlite3_bind_int64(stp, 1, id);
                sqlite3_bind_int64(stp, 2, (long long)k);
                bind_str(stp, 3, d->steps[k].title);
                bind_str(stp, 4, d->steps[k].detail ? d->steps[k].detail : "");
                bind_str(stp, 5, d->steps[k].bring);
                bind_str(stp, 6, d->steps[k].where);
                run(e, stp);
            }
            break;
        }
        case DOC_PROJECT:
            sqlite3_bind_int64(prj, 1, id);
            bind_str(prj, 2, d->target);
            sqlite3_bind_int(prj, 3, d->progress);
            bind_str(prj, 4, d->lead_unit);
            sqlite3_bind_int(prj, 5, d->status);
            run(e, prj);
            break;
        case DOC_CONSULTATION:
            sqlite3_bind_int64(con, 1, id);
            bind_str(con, 2, d->deadline);
            bind_str(con, 3, d->respond);
            bind_str(con, 4, d->respond_url);
            run(e, con);
            break;
        default:
            break;
        }
        emit_body(e, id, d);
    }
    sqlite3_stmt *all[] = {doc, kw, pol, pg, itp, qa, gd, mat, stp, prj, con};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        sqlite3_finalize(all[k]);
}

static int fsync_path(const char *path, int dir)
{
    int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

zwgk_result author_emit(const author_src_t *src, const char *out_path, char *err, size_t errlen)
{
    size_t n = strlen(out_path);
    char *tmp = malloc(n + 16);
    if (!tmp) {
        snprintf(err, errlen, "out of memory");
        return ZWGK_ERR_NOMEM;
    }
    snprintf(tmp, n + 16, "%s.tmp%ld", out_path, (long)getpid());
    unlink(tmp);
    emitter_t e = {.err = err, .errlen = errlen};
    zwgk_result r = ZWGK_ERR_IO;
    if (sqlite3_open_v2(tmp, &e.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot create %s: %s", tmp, e.db ? sqlite3_errmsg(e.db) : "out of memory");
        goto done;
    }
    char pragmas[160];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA page_size=4096; PRAGMA journal_mode=DELETE; PRAGMA application_id=%d; PRAGMA user_version=%d;",
             CONTENT_APPLICATION_ID, CONTENT_FORMAT_VERSION);
    exec(&e, pragmas);
    exec(&e, "BEGIN");
    exec(&e, content_schema_sql);
    emit_meta(&e, &src->meta);
    emit_catalog(&e, src);
    emit_docs(&e, src);
    if (!e.failed && author_search_index(e.db, err, errlen) != ZWGK_OK)
        e.failed = 1;
    exec(&e, "COMMIT");
    exec(&e, "VACUUM");
    if (e.failed)
        goto done;
    if (sqlite3_close(e.db) != SQLITE_OK) {
        snprintf(err, errlen, "closing %s failed", tmp);
        e.db = NULL;
        goto done;
    }
    e.db = NULL;
    if (fsync_path(tmp, 0) != 0 || rename(tmp, out_path) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", out_path, strerror(errno));
        goto done;
    }
    char *slash = strrchr(out_path, '/');
    if (slash) {
        char *dir = strndup(out_path, (size_t)(slash - out_path) + (slash == out_path));
        if (dir)
            fsync_path(dir, 1);
        free(dir);
    } else {
        fsync_path(".", 1);
    }
    r = ZWGK_OK;
done:
    if (e.db)
        sqlite3_close(e.db);
    if (r != ZWGK_OK)
        unlink(tmp);
    free(tmp);
    if (r != ZWGK_OK && e.failed)
        r = ZWGK_ERR_SQL;
    return r;
}
