/* search.c — running a query over the search index of a content database (zwgk/search.h).
 *
 * A keystroke is one search, so a search must cost the same few milliseconds on a county's 200 documents and on a
 * stress corpus of 20,000.  It is two steps, each bounded:
 *
 *   1. Names.  Every title, name, alias, keyword, 文号, topic and area was loaded when the searcher opened
 *      (search_match.c); each is matched in memory against the query as text and as pinyin.  A target keeps its best
 *      match, scored by how much of the name matched (all of it, its start, or inside it), which field it is, and
 *      whether it matched as typed or by reading.
 *   2. Bodies, when the names did not already fill the page: one FTS5 query, LIMITed, over the character-bigram
 *      index (a single character: the character index; search_index.c).  Its rowids are the targets' ranks, current
 *      documents first, so the first rows are the best body matches and SQLite stops early.  Letters alone are pinyin,
 *      which bodies do not carry: they search the bodies for their best candidate word instead (yinhang → 银行).
 *
 * Results then come in two tiers — name matches, then body matches — each with current documents before repealed
 * ones, then by score, then by rank.  Only the hits returned are looked up in the database (title, 文号, an excerpt
 * around a body match), so the cost of a result page does not grow with the corpus.  Every statement is prepared in
 * search_open; the FTS5 query is built here from the query's word characters only, each bigram in double quotes, and
 * bound as a parameter, so nothing a citizen types is ever FTS or SQL syntax. */
#include "content_private.h"
#include "search_match.h"
#include "zwgk/text.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_LIMIT      20
#define DEFAULT_CANDIDATES 10
#define EXCERPT_BEFORE     12 /* code points of context before a body match */
#define EXCERPT_AFTER      30 /* and after it */

enum stmt_id { Q_BODY, Q_CHARS, Q_DOC_HIT, Q_ITEM_HIT, Q_DOC_TEXT, Q_ITEM_TEXT, Q_COUNT };

static const char *const stmt_sql[Q_COUNT] = {
    [Q_BODY] = "SELECT rowid FROM search_body WHERE search_body MATCH ?1 ORDER BY rowid LIMIT ?2",
    [Q_CHARS] = "SELECT rowid FROM search_chars WHERE search_chars MATCH ?1 ORDER BY rowid LIMIT ?2",
    [Q_DOC_HIT] = "SELECT key, title, coalesce(doc_number, ''), publish_date FROM docs WHERE id = ?1",
    [Q_ITEM_HIT] = "SELECT i.key, i.name, a.name || ' › ' || t.name FROM items i JOIN topics t ON t.id = i.topic_id "
                   "JOIN areas a ON a.id = t.area_id WHERE i.id = ?1",
    [Q_DOC_TEXT] = SEARCH_DOC_TEXT_SQL,
    [Q_ITEM_TEXT] = SEARCH_ITEM_TEXT_SQL,
};

typedef struct target {
    long long rank, id;
    int is_item, type, validity;
} target_t;

/* A target's best name match in the current search (valid when stamp is the searcher's). */
typedef struct cand {
    uint32_t stamp;
    int score;
    uint32_t name;
    uint16_t j0, j1;
    uint8_t field, pinyin;
} cand_t;

struct search {
    sqlite3 *db;
    sqlite3_stmt *stmt[Q_COUNT];
    target_t *targets; /* by rank */
    size_t ntargets;
    search_syllables_t *syl;
    search_table_t names, words;
    cand_t *cand; /* per target */
    uint32_t stamp;
    uint32_t *touched; /* targets with a cand this search */
    size_t ntouched;
    uint32_t *scratch; /* words matched by search_candidates */
};

int search_index_version(void)
{
    return SEARCH_INDEX_VERSION;
}

/* ---- opening ---- */

static long long target_index(const search_t *s, long long rank)
{
    size_t lo = 0, hi = s->ntargets;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->targets[mid].rank < rank)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->ntargets && s->targets[lo].rank == rank ? (long long)lo : -1;
}

static const char *text_col(sqlite3_stmt *q, int col)
{
    const char *t = (const char *)sqlite3_column_text(q, col);
    return t ? t : "";
}

/* The result of a step loop that ended on rc: SQLITE_DONE is the end of the rows; anything else (out of memory
 * inside SQLite, a damaged page) is an error, never a shorter list. */
static zwgk_result step_end(int rc)
{
    return rc == SQLITE_DONE ? ZWGK_OK : rc == SQLITE_NOMEM ? ZWGK_ERR_NOMEM : ZWGK_ERR_SQL;
}

/* Loads targets, names with their refs, and words.  Returns ZWGK_OK, ZWGK_ERR_NOMEM or ZWGK_ERR_SQL. */
static zwgk_result load(search_t *s)
{
    sqlite3_stmt *tq = NULL, *nq = NULL, *rq = NULL, *wq = NULL;
    zwgk_result r = ZWGK_ERR_SQL;
    size_t cap = 0;
    int rc;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT t.rank, t.kind, t.id, coalesce(d.type, 0), coalesce(d.validity, 1) "
                           "FROM search_targets t LEFT JOIN docs d ON t.kind = 2 AND d.id = t.id ORDER BY t.rank",
                           -1, &tq, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT id, text, pinyin FROM search_names ORDER BY id", -1, &nq, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT name_id, target, field FROM search_name_refs ORDER BY name_id", -1, &rq,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT word, freq, pinyin FROM search_words", -1, &wq, NULL) != SQLITE_OK)
        goto done;
    while ((rc = sqlite3_step(tq)) == SQLITE_ROW) {
        int kind = sqlite3_column_int(tq, 1);
        if (kind != SEARCH_KIND_ITEM && kind != SEARCH_KIND_DOC)
            continue;
        if (s->ntargets == cap) {
            cap = cap ? cap * 2 : 256;
            target_t *t = realloc(s->targets, cap * sizeof *t);
            if (!t) {
                r = ZWGK_ERR_NOMEM;
                goto done;
            }
            s->targets = t;
        }
        s->targets[s->ntargets++] =
            (target_t){sqlite3_column_int64(tq, 0), sqlite3_column_int64(tq, 2), kind == SEARCH_KIND_ITEM,
                       sqlite3_column_int(tq, 3), sqlite3_column_int(tq, 4)};
    }
    if ((r = step_end(rc)) != ZWGK_OK)
        goto done;
    /* Names and refs are both ordered by name id: walk them together so each name's refs follow it. */
    int rrc = sqlite3_step(rq);
    while ((rc = sqlite3_step(nq)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(nq, 0);
        if (search_table_add(&s->names, s->syl, text_col(nq, 1), text_col(nq, 2), 0) != ZWGK_OK) {
            r = ZWGK_ERR_NOMEM;
            goto done;
        }
        for (; rrc == SQLITE_ROW && sqlite3_column_int64(rq, 0) <= id; rrc = sqlite3_step(rq)) {
            long long t = target_index(s, sqlite3_column_int64(rq, 1));
            int field = sqlite3_column_int(rq, 2);
            if (sqlite3_column_int64(rq, 0) != id || t < 0 || field < SEARCH_FIELD_TITLE || field >= SEARCH_FIELD_BODY)
                continue;
            if (search_table_add_ref(&s->names, (uint32_t)t, (uint32_t)field) != ZWGK_OK) {
                r = ZWGK_ERR_NOMEM;
                goto done;
            }
        }
    }
    if ((r = step_end(rc)) != ZWGK_OK || (rrc != SQLITE_ROW && (r = step_end(rrc)) != ZWGK_OK))
        goto done;
    while ((rc = sqlite3_step(wq)) == SQLITE_ROW)
        if (search_table_add(&s->words, s->syl, text_col(wq, 0), text_col(wq, 2), sqlite3_column_int64(wq, 1)) !=
            ZWGK_OK) {
            r = ZWGK_ERR_NOMEM;
            goto done;
        }
    r = step_end(rc);
done:
    sqlite3_finalize(tq);
    sqlite3_finalize(nq);
    sqlite3_finalize(rq);
    sqlite3_finalize(wq);
    return r;
}

search_t *search_open(content_t *c, char *err, size_t errlen)
{
    search_t *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->db = content_db(c);
    sqlite3_stmt *v = NULL;
    int version = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = '" SEARCH_META_VERSION_KEY "'", -1, &v, NULL) ==
            SQLITE_OK &&
        sqlite3_step(v) == SQLITE_ROW)
        version = sqlite3_column_int(v, 0);
    sqlite3_finalize(v);
    if (version != SEARCH_INDEX_VERSION) {
        if (version == 0)
            snprintf(err, errlen, "the content has no search index (rebuild it with a current zwgk-admin)");
        else
            snprintf(err, errlen, "the content's search index is version %d; this kiosk reads version %d", version,
                     SEARCH_INDEX_VERSION);
        goto fail;
    }
    for (int i = 0; i < Q_COUNT; i++) {
        const char *sql =
            i == Q_DOC_TEXT && content_meta(c)->format_version <= 2 ? SEARCH_DOC_TEXT_SQL_V2 : stmt_sql[i];
        if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[i], NULL) != SQLITE_OK) {
            snprintf(err, errlen, "the search index is incomplete: %s", sqlite3_errmsg(s->db));
            goto fail;
        }
    }
    s->syl = calloc(1, sizeof *s->syl);
    zwgk_result r = s->syl ? load(s) : ZWGK_ERR_NOMEM;
    if (r == ZWGK_OK) {
        s->cand = calloc(s->ntargets + 1, sizeof *s->cand);
        s->touched = calloc(s->ntargets + 1, sizeof *s->touched);
        s->scratch = calloc(s->words.count + 1, sizeof *s->scratch);
        if (!s->cand || !s->touched || !s->scratch)
            r = ZWGK_ERR_NOMEM;
    }
    if (r != ZWGK_OK) {
        snprintf(err, errlen, "cannot load the search index: %s",
                 r == ZWGK_ERR_NOMEM ? "out of memory" : sqlite3_errmsg(s->db));
        goto fail;
    }
    return s;
fail:
    search_close(s);
    return NULL;
}

void search_close(search_t *s)
{
    if (!s)
        return;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    search_table_free(&s->names);
    search_table_free(&s->words);
    free(s->syl);
    free(s->targets);
    free(s->cand);
    free(s->touched);
    free(s->scratch);
    free(s);
}

/* ---- step 1: names ---- */

static int field_weight(int field)
{
    switch (field) {
    case SEARCH_FIELD_TITLE:
    case SEARCH_FIELD_NAME:
    case SEARCH_FIELD_ALIAS:
        return 3;
    case SEARCH_FIELD_AREA:
        return 0;
    default:
        return 2;
    }
}

/* Quality of a name match (3 the whole name, 2 its start, 1 inside it; an area, which names tens of items, never more
 * than 1), then the field, then text before pinyin, then how much of the name the match covers. */
static int name_score(int field, int j0, int j1, int n, int pinyin)
{
    int quality = j0 == 0 && j1 == n ? 3 : j0 == 0 ? 2 : 1;
    if (field == SEARCH_FIELD_AREA)
        quality = 1;
    return quality * 1000 + field_weight(field) * 100 + (pinyin ? 0 : 50) + (n ? (j1 - j0) * 49 / n : 0);
}

static void match_names(search_t *s, const search_query_t *q)
{
    for (size_t e = 0; e < s->names.count; e++) {
        int j0, j1, pinyin;
        if (!search_table_match(&s->names, s->syl, e, q, 0, &j0, &j1, &pinyin))
            continue;
        const search_entry_t *en = &s->names.e[e];
        for (uint32_t k = 0; k < en->nrefs; k++) {
            const search_ref_t *ref = &s->names.refs[en->refs + k];
            int score = name_score((int)ref->field, j0, j1, (int)en->nchars, pinyin);
            cand_t *c = &s->cand[ref->target];
            if (c->stamp == s->stamp && c->score >= score)
                continue;
            if (c->stamp != s->stamp)
                s->touched[s->ntouched++] = ref->target;
            *c = (cand_t){s->stamp,       score, (uint32_t)e, (uint16_t)j0, (uint16_t)j1, (uint8_t)ref->field,
                          (uint8_t)pinyin};
        }
    }
}

typedef struct order {
    int gone, score;
    long long rank;
    uint32_t target;
} order_t;

static int order_cmp(const void *a, const void *b)
{
    const order_t *x = a, *y = b;
    if (x->gone != y->gone)
        return x->gone - y->gone;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* ---- step 2: bodies ---- */

/* The FTS5 query for q: "c" for one character (in search_chars), else the phrase of its bigrams (in search_body).
 * Word characters are letters, digits and non-ASCII letters only (search_fold), so nothing inside the quotes is
 * syntax.  buf holds FTS_QUERY_SIZE bytes: up to SEARCH_QUERY_MAX - 1 bigrams of 8 bytes and a space each, quotes. */
#define FTS_QUERY_SIZE (SEARCH_QUERY_MAX * 9 + 8)
static void fts_query(const search_query_t *q, char *buf)
{
    size_t n = 0;
    buf[n++] = '"';
    for (int i = 0; i < (q->n == 1 ? 1 : q->n - 1); i++) {
        if (i > 0)
            buf[n++] = ' ';
        n += utf8_encode(q->a[i], buf + n);
        if (q->n > 1)
            n += utf8_encode(q->a[i + 1], buf + n);
    }
    buf[n++] = '"';
    buf[n] = '\0';
}

/* Finds q's characters as typed in s[0..len); sets the byte range of the first occurrence. */
static int find_chars(const search_query_t *q, const int *fail, const char *s, size_t len, size_t *ms, size_t *me)
{
    size_t pos = 0, at, starts[SEARCH_QUERY_MAX], count = 0;
    int k = 0;
    uint32_t cp;
    while ((cp = search_next_char(s, len, &pos, &at))) {
        starts[count++ % (size_t)q->n] = at;
        while (k > 0 && q->a[k] != cp)
            k = fail[k - 1];
        if (q->a[k] == cp)
            k++;
        if (k == q->n) {
            *ms = starts[(count - (size_t)q->n) % (size_t)q->n];
            *me = pos;
            return 1;
        }
    }
    return 0;
}

/* Makes h->matched an excerpt of the target's body around the first occurrence of the query. */
static zwgk_result body_excerpt(search_t *s, const target_t *t, const search_query_t *q, content_arena_t *a,
                                search_hit_t *h)
{
    int fail[SEARCH_QUERY_MAX] = {0};
    for (int i = 1, k = 0; i < q->n; i++) { /* KMP failure function */
        while (k > 0 && q->a[i] != q->a[k])
            k = fail[k - 1];
        if (q->a[i] == q->a[k])
            k++;
        fail[i] = k;
    }
    sqlite3_stmt *st = s->stmt[t->is_item ? Q_ITEM_TEXT : Q_DOC_TEXT];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, t->id);
    zwgk_result r = ZWGK_OK;
    int found = 0, rc;
    h->matched = "";
    while (!found && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *raw = text_col(st, 0);
        size_t len = strlen(raw);
        int valid = utf8_valid(raw, len, NULL);
        char *fixed = valid ? NULL : utf8_sanitize(raw, len);
        const char *text = fixed ? fixed : raw;
        if (!valid && !fixed) {
            r = ZWGK_ERR_NOMEM;
            break;
        }
        if (fixed)
            len = strlen(fixed);
        for (const char *seg = text; seg && !found;) {
            const char *nl = memchr(seg, SEARCH_SEGMENT_BREAK, len - (size_t)(seg - text));
            size_t seglen = nl ? (size_t)(nl - seg) : len - (size_t)(seg - text), ms, me;
            if (find_chars(q, fail, seg, seglen, &ms, &me)) {
                size_t from = ms, to = me, adv;
                for (int i = 0; i < EXCERPT_BEFORE && from > 0; i++)
                    from = utf8_prev(seg, from);
                for (int i = 0; i < EXCERPT_AFTER && to < seglen; i++) {
                    utf8_decode(seg + to, seglen - to, &adv);
                    to += adv;
                }
                const char *pre = from > 0 ? "…" : "", *post = to < seglen ? "…" : "";
                size_t np = strlen(pre), n = np + (to - from) + strlen(post);
                char *ex = content_arena_alloc(a, n + 1);
                if (!ex) {
                    r = ZWGK_ERR_NOMEM;
                } else {
                    snprintf(ex, n + 1, "%s%.*s%s", pre, (int)(to - from), seg + from, post);
                    h->matched = ex;
                    h->mark_start = np + (ms - from);
                    h->mark_end = np + (me - from);
                }
                found = 1;
            }
            seg = nl ? nl + 1 : NULL;
        }
        free(fixed);
    }
    if (r == ZWGK_OK && !found)
        r = step_end(rc);
    sqlite3_reset(st);
    return r;
}

static size_t best_words(search_t *s, const search_query_t *q, size_t limit, uint32_t min_chars);

/* ---- results ---- */

/* Fills the hit for target ti: its identity from the database, and what matched: its name match c, or when c is NULL
 * the body query `body` (found by typing or by pinyin, body_how). */
static zwgk_result fill_hit(search_t *s, uint32_t ti, const cand_t *c, const search_query_t *body, int body_how,
                            content_arena_t *a, search_hit_t *h)
{
    const target_t *t = &s->targets[ti];
    h->is_item = t->is_item;
    h->id = t->id;
    h->doc_type = t->is_item ? 0 : t->type;
    h->validity = t->is_item ? VALIDITY_CURRENT : t->validity;
    sqlite3_stmt *st = s->stmt[t->is_item ? Q_ITEM_HIT : Q_DOC_HIT];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, t->id);
    int rc = sqlite3_step(st);
    h->key = content_arena_str(a, rc == SQLITE_ROW ? text_col(st, 0) : "");
    h->title = content_arena_str(a, rc == SQLITE_ROW ? text_col(st, 1) : "");
    h->context = content_arena_str(a, rc == SQLITE_ROW ? text_col(st, 2) : "");
    h->date = content_arena_str(a, rc == SQLITE_ROW && !t->is_item ? text_col(st, 3) : "");
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return ZWGK_ERR_SQL;
    if (!h->key || !h->title || !h->context || !h->date)
        return ZWGK_ERR_NOMEM;
    if (!c) {
        h->field = SEARCH_FIELD_BODY;
        h->how = body_how;
        return body_excerpt(s, t, body, a, h);
    }
    h->field = c->field;
    h->how = c->pinyin ? SEARCH_HOW_PINYIN : SEARCH_HOW_TEXT;
    h->score = c->score;
    h->matched = content_arena_str(a, s->names.pool + s->names.e[c->name].text);
    search_table_offsets(&s->names, c->name, c->j0, c->j1, &h->mark_start, &h->mark_end);
    return h->matched ? ZWGK_OK : ZWGK_ERR_NOMEM;
}

zwgk_result search_run(search_t *s, const char *query, size_t len, size_t limit, search_results_t *out)
{
    memset(out, 0, sizeof *out);
    if (limit == 0)
        limit = DEFAULT_LIMIT;
    if (limit > SEARCH_LIMIT_MAX)
        limit = SEARCH_LIMIT_MAX;
    search_query_t q;
    search_query_parse(query ? query : "", query ? len : 0, &q);
    if (q.n == 0)
        return ZWGK_OK;
    if (++s->stamp == 0) { /* after 2^32 searches: forget every old stamp */
        for (size_t i = 0; i < s->ntargets; i++)
            s->cand[i].stamp = 0;
        s->stamp = 1;
    }
    s->ntouched = 0;
    match_names(s, &q);

    order_t *ord = malloc((s->ntouched + limit) * sizeof *ord);
    out->hits = content_arena_alloc(&out->arena, limit * sizeof *out->hits);
    zwgk_result r = ord && out->hits ? ZWGK_OK : ZWGK_ERR_NOMEM;
    size_t nname = 0, nbody = 0;
    if (r == ZWGK_OK) {
        for (size_t i = 0; i < s->ntouched; i++) {
            const target_t *t = &s->targets[s->touched[i]];
            ord[i] = (order_t){t->validity == VALIDITY_REPEALED, s->cand[s->touched[i]].score, t->rank, s->touched[i]};
        }
        qsort(ord, s->ntouched, sizeof *ord, order_cmp);
        nname = s->ntouched < limit ? s->ntouched : limit;
    }
    /* Bodies: the query's characters as typed.  Letters alone are pinyin, which bodies do not carry: for them, the
     * best candidate word of two or more characters (yinhang → 银行), so that pinyin reaches body text too.  Rows come
     * in rank order; the targets a name already found are skipped. */
    search_query_t body = q;
    int body_how = SEARCH_HOW_TEXT, body_ok = q.letters < q.n;
    if (r == ZWGK_OK && nname < limit && !body_ok && best_words(s, &q, 1, 2) == 1) {
        const char *w = s->words.pool + s->words.e[s->scratch[0]].text;
        search_query_parse(w, strlen(w), &body);
        body_how = SEARCH_HOW_PINYIN;
        body_ok = body.n > 0;
    }
    if (r == ZWGK_OK && nname < limit && body_ok) {
        char fts[FTS_QUERY_SIZE];
        fts_query(&body, fts);
        sqlite3_stmt *st = s->stmt[body.n == 1 ? Q_CHARS : Q_BODY];
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, fts, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, (long long)limit);
        int rc = SQLITE_DONE;
        while (nname + nbody < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            long long t = target_index(s, sqlite3_column_int64(st, 0));
            if (t < 0 || s->cand[t].stamp == s->stamp)
                continue;
            ord[nname + nbody++] = (order_t){0, 0, 0, (uint32_t)t};
        }
        if (rc != SQLITE_ROW)
            r = step_end(rc);
        sqlite3_reset(st);
    }
    for (size_t i = 0; r == ZWGK_OK && i < nname + nbody; i++) {
        uint32_t t = ord[i].target;
        r = fill_hit(s, t, i < nname ? &s->cand[t] : NULL, &body, body_how, &out->arena, &out->hits[i]);
        out->count = i + 1;
    }
    free(ord);
    if (r != ZWGK_OK)
        search_results_free(out);
    return r;
}

void search_results_free(search_results_t *r)
{
    if (!r)
        return;
    content_arena_free(&r->arena);
    memset(r, 0, sizeof *r);
}

/* ---- candidate words ---- */

/* True when word a ranks before word b as a candidate: fewer characters first (the parse with the fewest syllables:
 * yang is 养, not 严格 = yan+g), then the more frequent. */
static int word_before(const search_table_t *w, uint32_t a, uint32_t b)
{
    if (w->e[a].nchars != w->e[b].nchars)
        return w->e[a].nchars < w->e[b].nchars;
    return w->e[a].freq > w->e[b].freq;
}

/* The best `limit` words of at least min_chars characters whose pinyin is exactly q, best first, into s->scratch;
 * returns how many.  One scan of the word table, keeping a short sorted list. */
static size_t best_words(search_t *s, const search_query_t *q, size_t limit, uint32_t min_chars)
{
    size_t n = 0;
    for (size_t e = 0; e < s->words.count; e++) {
        int j0, j1, pinyin;
        if (s->words.e[e].nchars < min_chars || !search_table_match(&s->words, s->syl, e, q, 1, &j0, &j1, &pinyin))
            continue;
        size_t at = n < limit ? n : limit;
        while (at > 0 && word_before(&s->words, (uint32_t)e, s->scratch[at - 1]))
            at--;
        if (at >= limit)
            continue;
        size_t last = n < limit ? n : limit - 1;
        memmove(s->scratch + at + 1, s->scratch + at, (last - at) * sizeof *s->scratch);
        s->scratch[at] = (uint32_t)e;
        if (n < limit)
            n++;
    }
    return n;
}

zwgk_result search_candidates(search_t *s, const char *input, size_t len, size_t limit, search_words_t *out)
{
    memset(out, 0, sizeof *out);
    if (limit == 0)
        limit = DEFAULT_CANDIDATES;
    if (limit > SEARCH_LIMIT_MAX)
        limit = SEARCH_LIMIT_MAX;
    search_query_t q;
    search_query_parse(input ? input : "", input ? len : 0, &q);
    if (q.n == 0)
        return ZWGK_OK;
    size_t n = best_words(s, &q, limit, 1);
    out->items = content_arena_alloc(&out->arena, (n ? n : 1) * sizeof *out->items);
    if (!out->items)
        return ZWGK_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const search_entry_t *e = &s->words.e[s->scratch[i]];
        out->items[i].word = content_arena_str(&out->arena, s->words.pool + e->text);
        out->items[i].freq = e->freq;
        if (!out->items[i].word) {
            search_words_free(out);
            return ZWGK_ERR_NOMEM;
        }
        out->count = i + 1;
    }
    return ZWGK_OK;
}

void search_words_free(search_words_t *w)
{
    if (!w)
        return;
    content_arena_free(&w->arena);
    memset(w, 0, sizeof *w);
}

/* ---- names ---- */

const char *search_field_key(int field)
{
    static const char *const keys[] = {
        [SEARCH_FIELD_TITLE] = "title",     [SEARCH_FIELD_NAME] = "name",   [SEARCH_FIELD_DOC_NUMBER] = "doc_number",
        [SEARCH_FIELD_KEYWORD] = "keyword", [SEARCH_FIELD_ALIAS] = "alias", [SEARCH_FIELD_TOPIC] = "topic",
        [SEARCH_FIELD_AREA] = "area",       [SEARCH_FIELD_BODY] = "body",
    };
    return field > 0 && field <= SEARCH_FIELD_BODY ? keys[field] : "";
}

const char *search_hit_type_name(const search_hit_t *h)
{
    return h->is_item ? "公开事项" : content_doc_type_name(h->doc_type);
}
