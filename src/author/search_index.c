/* search_index.c — building the search index inside the content database being written (author_emit calls it).
 *
 * The kiosk does no indexing: everything a search needs is computed here, from the tables emit.c has just written, so
 * the index describes exactly what was stored.  Three structures, each chosen for what a citizen can type:
 *
 * Body text: FTS5 tables of character bigrams and characters.  Chinese has no spaces, so a word tokenizer finds
 * nothing inside a sentence (measured on Debian's SQLite 3.40.1: unicode61 finds nothing; trigram cannot match the
 * one- and two-character queries most Chinese words are).  So the tokenizing is done here: each text segment
 * (paragraph, cell, answer) becomes its overlapping character bigrams, "最低 低生 生活 活保 保障 障" (the last
 * character alone, so no bigram spans two segments), handed to FTS5's ascii tokenizer, which keeps any non-ASCII run
 * whole.  A two-character query is then one token lookup and a longer one the phrase of its bigrams (exact, since
 * consecutive bigrams overlap).  One-character queries use a second table holding each target's distinct characters
 * with detail=none (document lists only: a single character needs no positions).  Measured on the 20k-document bench
 * corpus (97 MB of text): bigrams 89 MB + characters 8 MB; the same bigrams with FTS5's prefix='1' index instead of the
 * character table 147 MB for the same speed; unigram phrases alone 59 MB, but a phrase of common characters that
 * occurs nowhere must intersect their long position lists (20 ms at 20k documents, against 1.3 ms for bigrams), and a
 * plain (token, document) table is several times the text.  Both tables are contentless (the text is already in
 * blocks) and a target's rowid is its rank — current documents newest first, then items, then repealed documents — so
 * a LIMITed query stops early with the best body matches already in hand.
 *
 * Names: every title, item name, alias, keyword, 文号, topic and area, deduplicated, with the pinyin of each character
 * (every reading of a 多音字, from the generated Unihan table).  The kiosk loads these few hundred KB once and matches
 * pinyin, initials and text against them in memory (search_match.c): a scan of all names is faster than any SQL index
 * for the prefix/initial/partial-syllable matching pinyin needs.
 *
 * Words: the candidate bar needs Chinese words that occur in the content.  Without a dictionary, a word is: any Han
 * character, any short all-Han name (alias, keyword, item name, topic: 2–8 characters), and any Han bigram that occurs
 * at least twice and more often than its two characters' frequencies would make chance (see cohesive()), each with its
 * number of occurrences in all text, names included.  A junk bigram that survives is harmless: a candidate is only
 * offered when its pinyin is exactly what was typed, and then the most frequent comes first. */
#include "author_private.h"
#include "zwgk/schema.h"
#include "zwgk/pinyin.h"
#include "zwgk/text.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORDS_MAX 60000   /* the candidate vocabulary keeps this many most frequent words */
#define HAN_CACHE 0x40000 /* code points below this have their "has a reading" answer cached */

typedef struct buf {
    char *p;
    size_t n, cap;
} buf_t;

typedef struct gram {
    uint32_t cp[SEARCH_WORD_MAX];
    uint32_t count;
    uint16_t ends; /* bigrams: bit L set when an L-character name ends with this bigram */
    uint8_t n;     /* 0: empty slot */
    uint8_t is_name;
} gram_t;

typedef struct name_slot {
    char *text;
    long long id;
} name_slot_t;

typedef struct indexer {
    sqlite3 *db;
    char *err;
    size_t errlen;
    zwgk_result r;
    gram_t *grams;
    size_t gram_cap, gram_used;
    name_slot_t *names;
    size_t name_cap, name_used;
    unsigned char *han; /* 0 unknown, 1 no reading, 2 has a reading */
    buf_t tok, chars, py;
    unsigned char *seen; /* code points below HAN_CACHE already in chars for the current target */
} indexer_t;

static void fail(indexer_t *ix, zwgk_result r, const char *what)
{
    if (ix->r != ZWGK_OK)
        return;
    ix->r = r;
    if (r == ZWGK_ERR_NOMEM)
        snprintf(ix->err, ix->errlen, "search index: out of memory");
    else
        snprintf(ix->err, ix->errlen, "search index: %s: %s", what, sqlite3_errmsg(ix->db));
}

static int buf_add(indexer_t *ix, buf_t *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            fail(ix, ZWGK_ERR_NOMEM, NULL);
            return 0;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 1;
}

static int buf_cp(indexer_t *ix, buf_t *b, uint32_t cp)
{
    char enc[4];
    return buf_add(ix, b, enc, utf8_encode(cp, enc));
}

static int has_reading(indexer_t *ix, uint32_t cp)
{
    if (cp >= HAN_CACHE)
        return pinyin_readings(cp, NULL, 0) > 0;
    if (!ix->han[cp])
        ix->han[cp] = pinyin_readings(cp, NULL, 0) > 0 ? 2 : 1;
    return ix->han[cp] == 2;
}

/* Appends the pinyin entry of one character: readings joined by '/', or "-". */
static void add_pinyin(indexer_t *ix, buf_t *b, uint32_t cp)
{
    const char *r[PINYIN_MAX_READINGS];
    size_t n = pinyin_readings(cp, r, PINYIN_MAX_READINGS);
    if (n > PINYIN_MAX_READINGS)
        n = PINYIN_MAX_READINGS;
    if (b->n)
        buf_add(ix, b, " ", 1);
    if (!n)
        buf_add(ix, b, "-", 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_add(ix, b, "/", 1);
        buf_add(ix, b, r[i], strlen(r[i]));
    }
}

/* ---- n-gram counts (open addressing, grows at half full) ---- */

static uint64_t gram_hash(const uint32_t *cp, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ n;
    for (size_t i = 0; i < n; i++)
        h = (h ^ cp[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

static gram_t *gram_find(indexer_t *ix, const uint32_t *cp, size_t n, int insert)
{
    if (insert && (ix->gram_used + 1) * 2 > ix->gram_cap) {
        size_t cap = ix->gram_cap ? ix->gram_cap * 2 : 1 << 16;
        gram_t *g = calloc(cap, sizeof *g);
        if (!g) {
            fail(ix, ZWGK_ERR_NOMEM, NULL);
            return NULL;
        }
        for (size_t i = 0; i < ix->gram_cap; i++) {
            gram_t *o = &ix->grams[i];
            if (!o->n)
                continue;
            size_t k = gram_hash(o->cp, o->n) & (cap - 1);
            while (g[k].n)
                k = (k + 1) & (cap - 1);
            g[k] = *o;
        }
        free(ix->grams);
        ix->grams = g;
        ix->gram_cap = cap;
    }
    if (!ix->gram_cap)
        return NULL;
    size_t k = gram_hash(cp, n) & (ix->gram_cap - 1);
    for (;; k = (k + 1) & (ix->gram_cap - 1)) {
        gram_t *g = &ix->grams[k];
        if (!g->n)
            break;
        if (g->n == n && !memcmp(g->cp, cp, n * sizeof *cp))
            return g;
    }
    if (!insert)
        return NULL;
    gram_t *g = &ix->grams[k];
    memcpy(g->cp, cp, n * sizeof *cp);
    g->n = (uint8_t)n;
    ix->gram_used++;
    return g;
}

/* Counts the words ending at the last character of run[0..n) (Han characters only, n <= SEARCH_WORD_MAX). */
static void count_at(indexer_t *ix, const uint32_t *run, size_t n)
{
    gram_t *g = gram_find(ix, run + n - 1, 1, 1);
    if (g)
        g->count++;
    if (n < 2 || !(g = gram_find(ix, run + n - 2, 2, 1)))
        return;
    g->count++;
    for (size_t len = 3; g->ends && len <= n; len++) {
        if (!(g->ends & (1u << len)))
            continue;
        gram_t *w = gram_find(ix, run + n - len, len, 0);
        if (w)
            w->count++;
    }
}

/* Tokenizes one segment into ix->tok (bigrams, then the last character alone) and ix->chars (characters not yet seen
 * in this target), and counts its words. */
static void index_segment(indexer_t *ix, const char *s, size_t len, int tokens)
{
    size_t pos = 0, start;
    uint32_t cp, prev = 0, run[SEARCH_WORD_MAX];
    size_t nrun = 0;
    while ((cp = search_next_char(s, len, &pos, &start))) {
        if (prev && tokens) {
            buf_cp(ix, &ix->tok, prev);
            buf_cp(ix, &ix->tok, cp);
            buf_add(ix, &ix->tok, " ", 1);
        }
        if (tokens && (cp >= HAN_CACHE || !ix->seen[cp])) {
            if (cp < HAN_CACHE)
                ix->seen[cp] = 1;
            buf_cp(ix, &ix->chars, cp);
            buf_add(ix, &ix->chars, " ", 1);
        }
        prev = cp;
        if (!has_reading(ix, cp)) {
            nrun = 0;
            continue;
        }
        if (nrun == SEARCH_WORD_MAX) {
            memmove(run, run + 1, (SEARCH_WORD_MAX - 1) * sizeof *run);
            nrun--;
        }
        run[nrun++] = cp;
        count_at(ix, run, nrun);
    }
    if (prev && tokens) {
        buf_cp(ix, &ix->tok, prev);
        buf_add(ix, &ix->tok, " ", 1);
    }
}

/* Splits text at SEARCH_SEGMENT_BREAK and indexes each segment. */
static void index_text(indexer_t *ix, const char *text, int tokens)
{
    while (text) {
        const char *nl = strchr(text, SEARCH_SEGMENT_BREAK);
        index_segment(ix, text, nl ? (size_t)(nl - text) : strlen(text), tokens);
        text = nl ? nl + 1 : NULL;
    }
}

/* ---- names ---- */

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Registers a short all-Han name (2..SEARCH_WORD_MAX characters) as a candidate word to be counted. */
static void register_word(indexer_t *ix, const uint32_t *cp, size_t n)
{
    gram_t *g = gram_find(ix, cp, n, 1);
    if (!g)
        return;
    g->is_name = 1;
    if (n >= 3 && (g = gram_find(ix, cp + n - 2, 2, 1)))
        g->ends |= (uint16_t)(1u << n);
}

/* Adds text as a name of the target ranked `rank`, in `field`. */
static void add_name(indexer_t *ix, sqlite3_stmt *ins_name, sqlite3_stmt *ins_ref, const char *text, long long rank,
                     int field)
{
    if (!text || ix->r != ZWGK_OK)
        return;
    size_t len = strlen(text), pos = 0, start, end = 0, n = 0;
    uint32_t cp, cps[SEARCH_WORD_MAX];
    int all_han = 1;
    ix->py.n = 0;
    while (n < SEARCH_NAME_MAX && (cp = search_next_char(text, len, &pos, &start))) {
        if (n < SEARCH_WORD_MAX)
            cps[n] = cp;
        all_han &= has_reading(ix, cp);
        add_pinyin(ix, &ix->py, cp);
        end = pos;
        n++;
    }
    if (n == 0)
        return;
    size_t keep = search_next_char(text, len, &pos, &start) ? end : len; /* cut only a name that is too long */
    char *key = strndup(text, keep);
    if (!key) {
        fail(ix, ZWGK_ERR_NOMEM, NULL);
        return;
    }
    if ((ix->name_used + 1) * 2 > ix->name_cap) {
        size_t cap = ix->name_cap ? ix->name_cap * 2 : 1024;
        name_slot_t *t = calloc(cap, sizeof *t);
        if (!t) {
            free(key);
            fail(ix, ZWGK_ERR_NOMEM, NULL);
            return;
        }
        for (size_t i = 0; i < ix->name_cap; i++) {
            if (!ix->names[i].text)
                continue;
            size_t k = str_hash(ix->names[i].text) & (cap - 1);
            while (t[k].text)
                k = (k + 1) & (cap - 1);
            t[k] = ix->names[i];
        }
        free(ix->names);
        ix->names = t;
        ix->name_cap = cap;
    }
    size_t k = str_hash(key) & (ix->name_cap - 1);
    while (ix->names[k].text && strcmp(ix->names[k].text, key))
        k = (k + 1) & (ix->name_cap - 1);
    if (ix->names[k].text) {
        free(key);
    } else {
        ix->names[k].text = key;
        ix->names[k].id = (long long)++ix->name_used;
        sqlite3_bind_int64(ins_name, 1, ix->names[k].id);
        sqlite3_bind_text(ins_name, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_name, 3, ix->py.p, (int)ix->py.n, SQLITE_STATIC);
        if (sqlite3_step(ins_name) != SQLITE_DONE)
            fail(ix, ZWGK_ERR_SQL, "writing search_names");
        sqlite3_reset(ins_name);
        if (all_han && n >= 2 && n <= SEARCH_WORD_MAX)
            register_word(ix, cps, n);
    }
    sqlite3_bind_int64(ins_ref, 1, ix->names[k].id);
    sqlite3_bind_int64(ins_ref, 2, rank);
    sqlite3_bind_int(ins_ref, 3, field);
    if (sqlite3_step(ins_ref) != SQLITE_DONE)
        fail(ix, ZWGK_ERR_SQL, "writing search_name_refs");
    sqlite3_reset(ins_ref);
}

/* ---- the passes ---- */

static sqlite3_stmt *prep(indexer_t *ix, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (ix->r == ZWGK_OK && sqlite3_prepare_v2(ix->db, sql, -1, &s, NULL) != SQLITE_OK)
        fail(ix, ZWGK_ERR_SQL, "prepare");
    return s;
}

/* Runs a one-argument statement and adds each row's first `cols` columns as names of `rank`. */
static void names_of(indexer_t *ix, sqlite3_stmt *q, long long id, const int *fields, int cols, sqlite3_stmt *ins_name,
                     sqlite3_stmt *ins_ref, long long rank)
{
    if (!q)
        return;
    sqlite3_bind_int64(q, 1, id);
    while (sqlite3_step(q) == SQLITE_ROW)
        for (int c = 0; c < cols; c++)
            add_name(ix, ins_name, ins_ref, (const char *)sqlite3_column_text(q, c), rank, fields[c]);
    sqlite3_reset(q);
}

/* Pass 1: ranks every target and records its names.  Returns the number of targets. */
static long long pass_names(indexer_t *ix)
{
    sqlite3_stmt *targets = prep(ix, "SELECT kind, id FROM (SELECT 2 AS kind, id, validity = ?1 AS gone, "
                                     "publish_date AS date FROM docs UNION ALL SELECT 1, id, 0, '' FROM items) "
                                     "ORDER BY gone, kind DESC, date DESC, id");
    sqlite3_stmt *ins_target = prep(ix, "INSERT INTO search_targets(rank, kind, id) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *ins_name = prep(ix, "INSERT INTO search_names(id, text, pinyin) VALUES(?1, ?2, ?3)");
    sqlite3_stmt *ins_ref = prep(ix, "INSERT OR IGNORE INTO search_name_refs(name_id, target, field) "
                                     "VALUES(?1, ?2, ?3)");
    sqlite3_stmt *doc = prep(ix, "SELECT title, doc_number FROM docs WHERE id = ?1");
    sqlite3_stmt *kw = prep(ix, "SELECT keyword FROM doc_keywords WHERE doc_id = ?1 ORDER BY rowid");
    sqlite3_stmt *item = prep(ix, "SELECT i.name, t.name, a.name FROM items i JOIN topics t ON t.id = i.topic_id "
                                  "JOIN areas a ON a.id = t.area_id WHERE i.id = ?1");
    sqlite3_stmt *alias = prep(ix, "SELECT alias FROM item_aliases WHERE item_id = ?1 ORDER BY rowid");
    static const int doc_fields[] = {SEARCH_FIELD_TITLE, SEARCH_FIELD_DOC_NUMBER};
    static const int kw_fields[] = {SEARCH_FIELD_KEYWORD};
    static const int item_fields[] = {SEARCH_FIELD_NAME, SEARCH_FIELD_TOPIC, SEARCH_FIELD_AREA};
    static const int alias_fields[] = {SEARCH_FIELD_ALIAS};
    long long rank = 0;
    if (ix->r == ZWGK_OK) {
        sqlite3_bind_int(targets, 1, VALIDITY_REPEALED);
        while (ix->r == ZWGK_OK && sqlite3_step(targets) == SQLITE_ROW) {
            int kind = sqlite3_column_int(targets, 0);
            long long id = sqlite3_column_int64(targets, 1);
            sqlite3_bind_int64(ins_target, 1, ++rank);
            sqlite3_bind_int(ins_target, 2, kind);
            sqlite3_bind_int64(ins_target, 3, id);
            if (sqlite3_step(ins_target) != SQLITE_DONE)
                fail(ix, ZWGK_ERR_SQL, "writing search_targets");
            sqlite3_reset(ins_target);
            if (kind == SEARCH_KIND_DOC) {
                names_of(ix, doc, id, doc_fields, 2, ins_name, ins_ref, rank);
                names_of(ix, kw, id, kw_fields, 1, ins_name, ins_ref, rank);
            } else {
                names_of(ix, item, id, item_fields, 3, ins_name, ins_ref, rank);
                names_of(ix, alias, id, alias_fields, 1, ins_name, ins_ref, rank);
            }
        }
    }
    sqlite3_stmt *all[] = {targets, ins_target, ins_name, ins_ref, doc, kw, item, alias};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    return rank;
}

/* Pass 2: the body of every target into search_body, counting words as it goes. */
static void pass_bodies(indexer_t *ix)
{
    sqlite3_stmt *targets = prep(ix, "SELECT rank, kind, id FROM search_targets ORDER BY rank");
    sqlite3_stmt *doc = prep(ix, SEARCH_DOC_TEXT_SQL);
    sqlite3_stmt *item = prep(ix, SEARCH_ITEM_TEXT_SQL);
    sqlite3_stmt *ins = prep(ix, "INSERT INTO search_body(rowid, tokens) VALUES(?1, ?2)");
    sqlite3_stmt *ins_chars = prep(ix, "INSERT INTO search_chars(rowid, chars) VALUES(?1, ?2)");
    /* Names are content too: they count towards word frequencies (but are not body text). */
    for (size_t i = 0; i < ix->name_cap; i++)
        if (ix->names[i].text)
            index_text(ix, ix->names[i].text, 0);
    while (ix->r == ZWGK_OK && sqlite3_step(targets) == SQLITE_ROW) {
        long long rank = sqlite3_column_int64(targets, 0);
        sqlite3_stmt *q = sqlite3_column_int(targets, 1) == SEARCH_KIND_DOC ? doc : item;
        ix->tok.n = ix->chars.n = 0;
        sqlite3_bind_int64(q, 1, sqlite3_column_int64(targets, 2));
        while (sqlite3_step(q) == SQLITE_ROW) {
            const char *t = (const char *)sqlite3_column_text(q, 0);
            if (t)
                index_text(ix, t, 1);
        }
        sqlite3_reset(q);
        /* Forget this target's characters: walk what was added rather than clearing the whole table. */
        for (size_t pos = 0, at; pos < ix->chars.n;) {
            uint32_t cp = search_next_char(ix->chars.p, ix->chars.n, &pos, &at);
            if (cp && cp < HAN_CACHE)
                ix->seen[cp] = 0;
        }
        if (ix->tok.n == 0)
            continue;
        sqlite3_bind_int64(ins, 1, rank);
        sqlite3_bind_text(ins, 2, ix->tok.p, (int)ix->tok.n, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            fail(ix, ZWGK_ERR_SQL, "writing search_body");
        sqlite3_reset(ins);
        sqlite3_bind_int64(ins_chars, 1, rank);
        sqlite3_bind_text(ins_chars, 2, ix->chars.p, (int)ix->chars.n, SQLITE_STATIC);
        if (sqlite3_step(ins_chars) != SQLITE_DONE)
            fail(ix, ZWGK_ERR_SQL, "writing search_chars");
        sqlite3_reset(ins_chars);
    }
    sqlite3_stmt *all[] = {targets, doc, item, ins, ins_chars};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
}

/* Most frequent first; ties by length then code points, so the kept set never depends on hash order. */
static int word_cmp(const void *a, const void *b)
{
    const gram_t *x = *(const gram_t *const *)a, *y = *(const gram_t *const *)b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    for (size_t i = 0; i < x->n; i++)
        if (x->cp[i] != y->cp[i])
            return x->cp[i] < y->cp[i] ? -1 : 1;
    return 0;
}

/* True when a bigram looks like a word rather than the seam between two: it occurs at least twice, and often relative
 * to its characters (count² ≥ count(a)·count(b) / 64, a cheap mutual-information test that drops 的不, 动不 while
 * keeping 低保, 代表 even when one of its characters is common). */
static int cohesive(indexer_t *ix, const gram_t *g)
{
    if (g->count < 2)
        return 0;
    gram_t *a = gram_find(ix, g->cp, 1, 0), *b = gram_find(ix, g->cp + 1, 1, 0);
    double ca = a ? a->count : 1, cb = b ? b->count : 1;
    return (double)g->count * g->count * 64.0 >= ca * cb;
}

/* Pass 3: the candidate words. */
static void pass_words(indexer_t *ix)
{
    gram_t **w = malloc((ix->gram_used ? ix->gram_used : 1) * sizeof *w);
    sqlite3_stmt *ins = prep(ix, "INSERT INTO search_words(word, freq, pinyin) VALUES(?1, ?2, ?3)");
    size_t n = 0;
    if (!w)
        fail(ix, ZWGK_ERR_NOMEM, NULL);
    for (size_t i = 0; w && i < ix->gram_cap; i++) {
        gram_t *g = &ix->grams[i];
        if (g->n == 1 ? g->count >= 1 : g->is_name ? g->count >= 1 : g->n == 2 && cohesive(ix, g))
            w[n++] = g;
    }
    if (w)
        qsort(w, n, sizeof *w, word_cmp);
    buf_t word = {0};
    for (size_t i = 0; i < n && i < WORDS_MAX && ix->r == ZWGK_OK; i++) {
        word.n = ix->py.n = 0;
        for (size_t k = 0; k < w[i]->n; k++) {
            buf_cp(ix, &word, w[i]->cp[k]);
            add_pinyin(ix, &ix->py, w[i]->cp[k]);
        }
        sqlite3_bind_text(ins, 1, word.p, (int)word.n, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 2, w[i]->count);
        sqlite3_bind_text(ins, 3, ix->py.p, (int)ix->py.n, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            fail(ix, ZWGK_ERR_SQL, "writing search_words");
        sqlite3_reset(ins);
    }
    free(word.p);
    free(w);
    sqlite3_finalize(ins);
}

zwgk_result author_search_index(struct sqlite3 *db, char *err, size_t errlen)
{
    indexer_t ix = {.db = db, .err = err, .errlen = errlen, .r = ZWGK_OK};
    ix.han = calloc(HAN_CACHE, 1);
    ix.seen = calloc(HAN_CACHE, 1);
    if (!ix.han || !ix.seen) {
        free(ix.han);
        free(ix.seen);
        fail(&ix, ZWGK_ERR_NOMEM, NULL);
        return ix.r;
    }
    /* A bigger page cache for the FTS5 merges and the VACUUM that follows; it changes no byte of the output. */
    sqlite3_exec(db, "PRAGMA cache_size=-65536", NULL, NULL, NULL);
    pass_names(&ix);
    pass_bodies(&ix);
    pass_words(&ix);
    sqlite3_stmt *meta = prep(&ix, "INSERT INTO meta(key, value) VALUES(?1, ?2)");
    if (meta) {
        char ver[16];
        snprintf(ver, sizeof ver, "%d", SEARCH_INDEX_VERSION);
        const char *kv[][2] = {{SEARCH_META_VERSION_KEY, ver}, {SEARCH_META_PINYIN_KEY, pinyin_data_version()}};
        for (size_t i = 0; i < 2; i++) {
            sqlite3_bind_text(meta, 1, kv[i][0], -1, SQLITE_STATIC);
            sqlite3_bind_text(meta, 2, kv[i][1], -1, SQLITE_STATIC);
            if (sqlite3_step(meta) != SQLITE_DONE)
                fail(&ix, ZWGK_ERR_SQL, "writing meta");
            sqlite3_reset(meta);
        }
    }
    sqlite3_finalize(meta);
    /* One segment per table: the fastest to query, and the same bytes for the same input. */
    if (ix.r == ZWGK_OK && sqlite3_exec(db,
                                        "INSERT INTO search_body(search_body) VALUES('optimize'); "
                                        "INSERT INTO search_chars(search_chars) VALUES('optimize')",
                                        NULL, NULL, NULL) != SQLITE_OK)
        fail(&ix, ZWGK_ERR_SQL, "optimizing the full-text tables");
    for (size_t i = 0; i < ix.name_cap; i++)
        free(ix.names[i].text);
    free(ix.names);
    free(ix.grams);
    free(ix.han);
    free(ix.seen);
    free(ix.tok.p);
    free(ix.chars.p);
    free(ix.py.p);
    return ix.r;
}
