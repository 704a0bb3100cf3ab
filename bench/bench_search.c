/* bench_search.c — search per keystroke, index build time and index size, on the demo content and generated corpora.
 *
 * Usage: bench_search [--work DIR] [--rounds N] NAME=SRC_DIR ...   (bench/run_search.sh runs it)
 *
 * For each authoring folder: builds the content database with author_build (timed: the whole `zwgk-admin build`),
 * times the search index alone by emptying its tables and building it again inside a transaction that is rolled back,
 * measures the text the index covers and the pages its tables take (dbstat), then opens the database as the kiosk does
 * and replays typing: every prefix of a set of typical queries — pinyin letter by letter, Chinese and 文号 character by
 * character — as one keystroke each.  A keystroke is search_run (20 results, excerpts included) plus, when the input is
 * letters, search_candidates (10 words), since the kiosk does both.  The reference is a plain `LIKE '%q%'` scan of the
 * same body text for the same Chinese and number prefixes (pinyin cannot be done with LIKE).  Each figure is the
 * median and p99 over all keystrokes of all rounds, after one untimed warm-up round.  One table goes to stdout. */
#include "author/author_private.h"
#include "zwgk/schema.h"
#include "zwgk/author.h"
#include "zwgk/search.h"

#include <malloc.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Typed letter by letter (pinyin) or character by character. */
static const char *const queries[] = {
    "ylfw",          "zdshbz",         "yanglao",       "dibao",
    "gaolingjintie", "zhengwugongkai", "yiliaobaoxian", "低保",
    "养老服务",      "政务公开",       "最低生活保障",  "保",
    "高龄津贴",      "2024",           "15号",          "赣府厅字〔2024〕15号",
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct samples {
    double *v;
    size_t n, cap;
} samples_t;

static void add(samples_t *s, double x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v)
            exit(1);
    }
    s->v[s->n++] = x;
}

static double pct(samples_t *s, double p)
{
    if (!s->n)
        return 0;
    qsort(s->v, s->n, sizeof *s->v, dbl_cmp);
    size_t i = (size_t)(p * (double)(s->n - 1) + 0.5);
    return s->v[i];
}

/* Bytes the allocator has handed out: the searcher's tables are its heap. */
static double heap_mb(void)
{
    struct mallinfo2 m = mallinfo2();
    return (double)(m.uordblks + m.hblkhd) / 1048576.0;
}

static int is_letters(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == ' '))
            return 0;
    return 1;
}

/* Byte lengths of the prefixes of q, one per keystroke (code point). */
static size_t prefixes(const char *q, size_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 1; i <= strlen(q) && n < max; i++)
        if (q[i] == '\0' || ((unsigned char)q[i] & 0xC0) != 0x80)
            out[n++] = i;
    return n;
}

static double db_mb(sqlite3 *db, const char *where)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE %s", where);
    sqlite3_stmt *s = NULL;
    double v = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_double(s, 0) / 1048576.0;
    sqlite3_finalize(s);
    return v;
}

/* The bytes of text the index covers: every target's body segments and every name. */
static double text_mb(sqlite3 *db)
{
    sqlite3_stmt *t = NULL, *d = NULL, *i = NULL, *n = NULL;
    double bytes = 0;
    sqlite3_prepare_v2(db, "SELECT kind, id FROM search_targets", -1, &t, NULL);
    sqlite3_prepare_v2(db, SEARCH_DOC_TEXT_SQL, -1, &d, NULL);
    sqlite3_prepare_v2(db, SEARCH_ITEM_TEXT_SQL, -1, &i, NULL);
    sqlite3_prepare_v2(db, "SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM search_names", -1, &n, NULL);
    while (t && d && i && sqlite3_step(t) == SQLITE_ROW) {
        sqlite3_stmt *q = sqlite3_column_int(t, 0) == SEARCH_KIND_DOC ? d : i;
        sqlite3_bind_int64(q, 1, sqlite3_column_int64(t, 1));
        while (sqlite3_step(q) == SQLITE_ROW)
            bytes += sqlite3_column_bytes(q, 0);
        sqlite3_reset(q);
    }
    if (n && sqlite3_step(n) == SQLITE_ROW)
        bytes += sqlite3_column_double(n, 0);
    sqlite3_finalize(t);
    sqlite3_finalize(d);
    sqlite3_finalize(i);
    sqlite3_finalize(n);
    return bytes / 1048576.0;
}

/* Empties the index and builds it again (inside a rolled-back transaction); returns seconds, or -1. */
static double reindex_s(const char *path, double *text, double *index, double *total)
{
    sqlite3 *db = NULL;
    double secs = -1;
    char err[512];
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        goto done;
    *text = text_mb(db);
    *index = db_mb(db, "name LIKE 'search%' OR name LIKE 'sqlite_autoindex_search%'");
    *total = db_mb(db, "1");
    if (sqlite3_exec(db,
                     "BEGIN; DELETE FROM search_targets; DELETE FROM search_names; DELETE FROM search_name_refs; "
                     "DELETE FROM search_words; INSERT INTO search_body(search_body) VALUES('delete-all'); "
                     "DELETE FROM meta WHERE key LIKE 'search%'",
                     NULL, NULL, NULL) != SQLITE_OK)
        goto done;
    double t0 = now_ms();
    if (author_search_index(db, err, sizeof err) == ZWGK_OK)
        secs = (now_ms() - t0) / 1e3;
    else
        fprintf(stderr, "reindex: %s\n", err);
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
done:
    sqlite3_close(db);
    return secs;
}

/* LIKE reference: the distinct documents whose body text contains q. */
static double like_ms(sqlite3 *db, const char *q, size_t len)
{
    static sqlite3_stmt *s;
    if (!db) {
        sqlite3_finalize(s);
        s = NULL;
        return 0;
    }
    if (!s &&
        sqlite3_prepare_v2(db, "SELECT DISTINCT doc_id FROM blocks WHERE text LIKE ?1", -1, &s, NULL) != SQLITE_OK)
        return -1;
    char pat[256];
    snprintf(pat, sizeof pat, "%%%.*s%%", (int)len, q);
    double t0 = now_ms();
    sqlite3_bind_text(s, 1, pat, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(s) == SQLITE_ROW)
        ;
    sqlite3_reset(s);
    return now_ms() - t0;
}

typedef struct row {
    const char *name;
    int docs;
    double text, total, index, build, reindex, open, ram;
    samples_t key, search, cand, like;
} row_t;

static int measure(const char *name, const char *src, const char *work, int rounds, row_t *r)
{
    memset(r, 0, sizeof *r);
    r->name = name;
    char path[4096], err[512] = "";
    snprintf(path, sizeof path, "%s/%s.db", work, name);
    diag_list_t d = {0};
    author_options_t opt = {.font_face = -1};
    double t0 = now_ms();
    zwgk_result res = author_build(src, path, &opt, &d, err, sizeof err);
    r->build = (now_ms() - t0) / 1e3;
    if (res != ZWGK_OK) {
        diag_print(&d, stderr);
        fprintf(stderr, "bench_search: building %s failed: %s\n", src, err);
        diag_clear(&d);
        return -1;
    }
    diag_clear(&d);
    r->reindex = reindex_s(path, &r->text, &r->index, &r->total);

    content_t *c = content_open(path, err, sizeof err);
    double heap0 = heap_mb();
    t0 = now_ms();
    search_t *s = c ? search_open(c, err, sizeof err) : NULL;
    r->open = now_ms() - t0;
    r->ram = heap_mb() - heap0;
    if (!s) {
        fprintf(stderr, "bench_search: %s: %s\n", path, err);
        content_close(c);
        return -1;
    }
    content_counts_t counts;
    if (content_counts(c, &counts) == ZWGK_OK)
        r->docs = counts.docs;
    sqlite3 *like_db = NULL;
    sqlite3_open_v2(path, &like_db, SQLITE_OPEN_READONLY, NULL);
    double like_budget = 0;
    for (int round = -1; round < rounds; round++) { /* round -1 warms the caches */
        for (size_t qi = 0; qi < sizeof queries / sizeof queries[0]; qi++) {
            const char *q = queries[qi];
            size_t lens[64], n = prefixes(q, lens, 64);
            int letters = is_letters(q);
            for (size_t k = 0; k < n; k++) {
                search_results_t res_;
                search_words_t w;
                double a = now_ms();
                search_run(s, q, lens[k], 20, &res_);
                double b = now_ms();
                if (letters)
                    search_candidates(s, q, lens[k], 10, &w);
                double e = now_ms();
                search_results_free(&res_);
                if (letters)
                    search_words_free(&w);
                if (round < 0)
                    continue;
                add(&r->search, b - a);
                add(&r->key, e - a);
                if (letters)
                    add(&r->cand, e - b);
                /* LIKE on 100 MB takes a second a query: the reference gets at most 60 s per corpus. */
                if (!letters && like_budget < 60e3) {
                    double l = like_ms(like_db, q, lens[k]);
                    like_budget += l;
                    add(&r->like, l);
                }
            }
        }
    }
    like_ms(NULL, NULL, 0);
    sqlite3_close(like_db);
    search_close(s);
    content_close(c);
    return 0;
}

int main(int argc, char **argv)
{
    const char *work = "/tmp/zwgk-bench";
    int rounds = 5;
    row_t rows[16];
    size_t nrows = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--work") && i + 1 < argc) {
            work = argv[++i];
        } else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
            rounds = atoi(argv[++i]);
        } else if (strchr(argv[i], '=') && nrows < 16) {
            char *eq = strchr(argv[i], '=');
            *eq = '\0';
            fprintf(stderr, "bench_search: %s …\n", argv[i]);
            if (measure(argv[i], eq + 1, work, rounds, &rows[nrows]) == 0)
                nrows++;
        } else {
            fprintf(stderr, "usage: bench_search [--work DIR] [--rounds N] NAME=SRC_DIR ...\n");
            return 2;
        }
    }
    mkdir(work, 0755);
    printf(
        "| corpus | docs | text MB | DB MB | index MB (× text) | build s | index build s | open ms | searcher heap MB "
        "| keystroke p50 / p99 ms | search p50 / p99 ms | candidates p50 / p99 ms | LIKE scan p50 / p99 ms |\n");
    printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < nrows; i++) {
        row_t *r = &rows[i];
        printf("| %s | %d | %.1f | %.1f | %.1f (%.2f×) | %.2f | %.2f | %.1f | %.2f | %.2f / %.2f | %.2f / %.2f | "
               "%.2f / %.2f | %.1f / %.1f |\n",
               r->name, r->docs, r->text, r->total, r->index, r->text > 0 ? r->index / r->text : 0, r->build,
               r->reindex, r->open, r->ram, pct(&r->key, 0.5), pct(&r->key, 0.99), pct(&r->search, 0.5),
               pct(&r->search, 0.99), pct(&r->cand, 0.5), pct(&r->cand, 0.99), pct(&r->like, 0.5), pct(&r->like, 0.99));
        free(r->key.v);
        free(r->search.v);
        free(r->cand.v);
        free(r->like.v);
    }
    printf("\nkeystrokes per round: every prefix of %zu queries; %d rounds after a warm-up round; LIKE: %s\n",
           sizeof queries / sizeof queries[0], rounds,
           "SELECT DISTINCT doc_id FROM blocks WHERE text LIKE '%q%' for the Chinese and number prefixes");
    return 0;
}
