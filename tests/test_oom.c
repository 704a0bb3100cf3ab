/* test_oom.c — out-of-memory injection over the content, search and package paths (issue 12 §2, SQLite's habit).
 *
 * For every N in a sweep, the Nth allocation of one path fails (tests/fault_alloc.h: SQLite's and ours, one count):
 *   - content: content_open, meta, counts, areas → topics → items, every item, every type's list, every document;
 *   - search: search_open, four searches (characters, pinyin, two words, a miss) and the candidate bar;
 *   - package: package_verify of a signed v2, and package_install of v2 over an installed v1.
 * Each call must either succeed or return an error (never crash); a walk whose every call succeeded must have read
 * exactly what the walk without faults read (an allocation failure may not pass for a shorter document); a refused
 * package gives its reason in Chinese, leaves v1 current and no private copy behind, and the same install then
 * succeeds; and after each N neither SQLite (sqlite3_memory_used) nor our code (fault_alloc_live: every block from
 * our malloc & co. until its free) holds a byte more than before.  The first ZWGK_OOM_EXHAUSTIVE (300) values
 * of N are all tried, then every step-th up to the path's allocation count so that each path is ZWGK_OOM_SAMPLES (100)
 * more runs; a second pass makes every allocation from N on fail ("persistent": N = 1…30, then 25 more), for the
 * clean-up paths. Leaks: LeakSanitizer at exit fails the test (ZWGK_OOM_LSAN_EACH=1 checks after every run, to name the
 * N: slow).
 *
 *   ZWGK_OOM_EXHAUSTIVE=K ZWGK_OOM_SAMPLES=S   widen or narrow the sweep;  ZWGK_OOM_PATHS=content,search   some paths;
 *   ZWGK_OOM_ONLY=path:N[:1]   one run (after the walk without faults), persistent with :1. */
#define _GNU_SOURCE
#include "check.h"
#include "test_locale.h"
#include "fault_alloc.h"
#include "package_fixture.h"

#include "zwgk/author.h"
#include "zwgk/content.h"
#include "zwgk/minisign.h"
#include "zwgk/i18n.h"
#include "zwgk/package.h"
#include "zwgk/search.h"
#include "zwgk/text.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* LeakSanitizer's per-run check, when the binary has it (the ASan build). */
int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

static char tmp[256], v1[512], v2[512], pristine[512], data[512], work[512];
static minisign_pubkey_t pk;
static minisign_seckey_t sk;
#define V1 2024110101LL
#define V2 2024120101LL

/* ---- a fingerprint of everything a walk read ---- */

typedef struct fp {
    uint64_t h;
} fp_t;

static void fp_bytes(fp_t *f, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        f->h = (f->h ^ b[i]) * 1099511628211ull;
}

static void fp_str(fp_t *f, const char *s)
{
    fp_bytes(f, s ? s : "\1null", s ? strlen(s) + 1 : 6);
}

static void fp_int(fp_t *f, long long v)
{
    fp_bytes(f, &v, sizeof v);
}

static int result_valid(zwgk_result r)
{
    return r >= ZWGK_OK && r <= ZWGK_ERR_SIGNATURE;
}

/* ---- the content walk ---- */

static void fp_summary(fp_t *f, const content_doc_summary_t *s)
{
    fp_int(f, s->id), fp_str(f, s->key), fp_str(f, s->title), fp_str(f, s->doc_number), fp_str(f, s->publish_date);
    fp_str(f, s->issuer), fp_str(f, s->summary), fp_int(f, s->type), fp_int(f, s->validity), fp_int(f, s->progress);
    fp_int(f, s->status), fp_str(f, s->deadline), fp_int(f, s->area_id);
}

static void fp_doc(fp_t *f, const content_doc_t *d)
{
    fp_summary(f, &d->s);
    fp_str(f, d->area), fp_str(f, d->url), fp_str(f, d->valid_until), fp_str(f, d->conditions), fp_str(f, d->scope);
    fp_str(f, d->time_limit), fp_str(f, d->fee), fp_str(f, d->place), fp_str(f, d->hours), fp_str(f, d->phone);
    fp_str(f, d->target), fp_str(f, d->lead_unit), fp_str(f, d->respond), fp_str(f, d->replaced_by_title);
    for (size_t i = 0; i < d->nkeywords; i++)
        fp_str(f, d->keywords[i]);
    for (size_t i = 0; i < d->nblocks; i++) {
        const content_block_t *b = &d->blocks[i];
        fp_int(f, b->kind), fp_int(f, b->level), fp_str(f, b->text), fp_str(f, b->lead),
            fp_int(f, (long long)b->nspans);
        for (int k = 0; b->cells && k < b->rows * b->cols; k++)
            fp_str(f, b->cells[k]);
    }
    for (size_t i = 0; i < d->nqas; i++)
        fp_str(f, d->qas[i].question), fp_str(f, d->qas[i].answer);
    for (size_t i = 0; i < d->nmaterials; i++)
        fp_str(f, d->materials[i].name), fp_int(f, d->materials[i].count);
    for (size_t i = 0; i < d->nsteps; i++)
        fp_str(f, d->steps[i].title), fp_str(f, d->steps[i].detail);
    for (size_t i = 0; i < d->nreadings; i++)
        fp_str(f, d->readings[i].word), fp_str(f, d->readings[i].pinyin);
    for (size_t i = 0; i < d->related.count; i++)
        fp_summary(f, &d->related.items[i]);
}

/* Every call checked: an error stops the walk (as the screen shows its error and goes no further). */
#define STEP(call)                                                                                                     \
    do {                                                                                                               \
        zwgk_result r_ = (call);                                                                                       \
        if (!result_valid(r_))                                                                                         \
            CHECK(!"a result outside zwgk_result");                                                                    \
        if (r_ != ZWGK_OK) {                                                                                           \
            rc = r_;                                                                                                   \
            goto out;                                                                                                  \
        }                                                                                                              \
    } while (0)

static zwgk_result walk_content(content_t *c, fp_t *f)
{
    zwgk_result rc = ZWGK_OK;
    content_counts_t counts;
    content_named_list_t areas = {0}, topics = {0}, items = {0};
    content_doc_list_t docs = {0};
    content_item_t it = {0};
    content_doc_t d = {0};

    const content_meta_t *m = content_meta(c);
    fp_int(f, m->content_version), fp_str(f, m->publisher_id), fp_str(f, m->title), fp_str(f, m->region);
    STEP(content_counts(c, &counts));
    fp_bytes(f, &counts, sizeof counts);
    STEP(content_areas(c, &areas));
    for (size_t a = 0; a < areas.count; a++) {
        fp_int(f, areas.items[a].id), fp_str(f, areas.items[a].name), fp_int(f, areas.items[a].count);
        STEP(content_topics(c, areas.items[a].id, &topics));
        for (size_t t = 0; t < topics.count; t++) {
            fp_str(f, topics.items[t].name);
            STEP(content_items(c, topics.items[t].id, &items));
            for (size_t i = 0; i < items.count; i++) {
                STEP(content_item_get(c, items.items[i].id, &it));
                fp_str(f, it.key), fp_str(f, it.name), fp_str(f, it.content), fp_str(f, it.basis);
                fp_str(f, it.subject), fp_int(f, it.channels), fp_int(f, (long long)it.naliases);
                for (size_t k = 0; k < it.naliases; k++)
                    fp_str(f, it.aliases[k]);
                for (size_t k = 0; k < it.docs.count; k++)
                    fp_summary(f, &it.docs.items[k]);
                content_item_free(&it);
                memset(&it, 0, sizeof it);
            }
            content_named_list_free(&items);
            memset(&items, 0, sizeof items);
        }
        content_named_list_free(&topics);
        memset(&topics, 0, sizeof topics);
    }
    for (int type = 1; type < DOC_TYPE_COUNT_PLUS_ONE; type++) {
        STEP(content_docs(c, type, 0, 0, &docs));
        for (size_t i = 0; i < docs.count; i++) {
            fp_summary(f, &docs.items[i]);
            STEP(content_doc_get(c, docs.items[i].id, &d));
            fp_doc(f, &d);
            content_doc_free(&d);
            memset(&d, 0, sizeof d);
        }
        content_doc_list_free(&docs);
        memset(&docs, 0, sizeof docs);
    }
out:
    content_doc_free(&d);
    content_doc_list_free(&docs);
    content_item_free(&it);
    content_named_list_free(&items);
    content_named_list_free(&topics);
    content_named_list_free(&areas);
    return rc;
}

/* 1: walked to the end (fingerprint in f); 0: an error stopped it (err says why). */
static int path_content(fp_t *f, char *err, size_t errlen)
{
    content_t *c = content_open(v1, err, errlen);
    if (!c)
        return 0;
    zwgk_result r = walk_content(c, f);
    if (r != ZWGK_OK)
        snprintf(err, errlen, "%s", zwgk_result_str(r));
    content_close(c);
    return r == ZWGK_OK;
}

static zwgk_result walk_search(search_t *s, fp_t *f)
{
    static const char *const queries[] = {"低保", "yiliao", "医保 报销", "zzzzqqxx"};
    zwgk_result rc = ZWGK_OK;
    search_results_t res = {0};
    search_words_t words = {0};
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        STEP(search_run(s, queries[q], strlen(queries[q]), 0, &res));
        fp_int(f, (long long)res.count);
        for (size_t i = 0; i < res.count; i++) {
            const search_hit_t *h = &res.hits[i];
            fp_int(f, h->is_item), fp_int(f, h->id), fp_int(f, h->field), fp_int(f, h->score);
            fp_str(f, h->title), fp_str(f, h->context), fp_str(f, h->matched);
            fp_int(f, (long long)h->mark_start), fp_int(f, (long long)h->mark_end);
        }
        search_results_free(&res);
        memset(&res, 0, sizeof res);
    }
    STEP(search_candidates(s, "yanglao", 7, 0, &words));
    for (size_t i = 0; i < words.count; i++)
        fp_str(f, words.items[i].word), fp_int(f, words.items[i].freq);
out:
    search_results_free(&res);
    search_words_free(&words);
    return rc;
}

/* The content is opened and closed outside the faults (the content sweep has those): this sweep is the searcher's
 * own.  Each run has its own connection, so an error SQLite keeps on it is not taken for a leak. */
static int path_search(fp_t *f, char *err, size_t errlen)
{
    fault_alloc_hold(1);
    content_t *c = content_open(v1, err, errlen);
    fault_alloc_hold(0);
    search_t *s = c ? search_open(c, err, errlen) : NULL;
    zwgk_result r = s ? walk_search(s, f) : ZWGK_ERR_NOMEM;
    if (s && r != ZWGK_OK)
        snprintf(err, errlen, "%s", zwgk_result_str(r));
    fault_alloc_hold(1);
    search_close(s);
    content_close(c);
    fault_alloc_hold(0);
    return s && r == ZWGK_OK;
}

/* ---- packages ---- */

/* Copies the directory tree from → to (files and folders only: a data directory has nothing else). */
static int copy_tree(const char *from, const char *to)
{
    DIR *d = opendir(from);
    struct dirent *e;
    int rc = d && mkdir(to, 0755) == 0 ? 0 : -1;
    while (!rc && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char a[1024], b[1024];
        struct stat st;
        snprintf(a, sizeof a, "%s/%s", from, e->d_name);
        snprintf(b, sizeof b, "%s/%s", to, e->d_name);
        rc = lstat(a, &st) != 0 ? -1 : S_ISDIR(st.st_mode) ? copy_tree(a, b) : copy_file(a, b);
    }
    if (d)
        closedir(d);
    return rc;
}

static package_options_t options(void)
{
    package_options_t o = {&pk, 1, NULL, 64LL << 20, 0, NULL, NULL};
    return o;
}

/* Files in dir other than the ones named (NULL-terminated); -1 when dir cannot be read. */
static int stray_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

/* A refusal as the screen shows it: a reason, and a message in Chinese (valid UTF-8, with Han characters). */
static void check_refusal(const package_result_t *res, zwgk_result r, long n)
{
    int han = 0;
    for (const char *p = res->message; *p; p++)
        han += (unsigned char)*p >= 0xE4 && (unsigned char)*p <= 0xE9;
    CHECK(res->reason != PACKAGE_OK && r == package_reason_result(res->reason));
    CHECK(utf8_valid(res->message, strlen(res->message), NULL) && han > 0);
    if (!han || res->reason == PACKAGE_OK)
        fprintf(stderr, "  N=%ld: refusal %s without a Chinese message: '%s' (%s)\n", n,
                package_reason_key(res->reason), res->message, res->detail);
}

static long sweep_n;  /* the N of the run in progress, for messages */
static int lsan_each; /* ZWGK_OOM_LSAN_EACH=1: LeakSanitizer after every run, to name the N that leaks */

static int path_verify(fp_t *f, char *err, size_t errlen)
{
    package_options_t opt = options();
    package_result_t res;
    zwgk_result r = package_verify(v2, work, &opt, &res);
    fault_alloc_disarm(); /* the checks below are not under the fault */
    CHECK(result_valid(r));
    if (r == ZWGK_OK) {
        CHECK(res.version == V2);
        fp_int(f, res.version), fp_bytes(f, &res.counts, sizeof res.counts);
    } else {
        check_refusal(&res, r, sweep_n);
        snprintf(err, errlen, "%s: %s", package_reason_key(res.reason), res.detail);
    }
    CHECK(stray_files(work) == 0);
    return r == ZWGK_OK;
}

static int path_install(fp_t *f, char *err, size_t errlen)
{
    package_options_t opt = options();
    package_result_t res;
    zwgk_result r = package_install(v2, data, &opt, &res);
    fault_alloc_disarm();
    CHECK(result_valid(r));
    long long now = current_version(data);
    if (r == ZWGK_OK) {
        CHECK(res.version == V2 && now == V2);
        fp_int(f, res.version), fp_int(f, now), fp_bytes(f, &res.counts, sizeof res.counts);
    } else {
        check_refusal(&res, r, sweep_n);
        snprintf(err, errlen, "%s: %s", package_reason_key(res.reason), res.detail);
        CHECK(now == V1); /* nothing lost: the old content is current */
        if (now != V1)
            fprintf(stderr, "  N=%ld: after the refusal the current version is %lld\n", sweep_n, now);
        /* nothing stuck either: the same install, with memory, goes through */
        package_result_t again;
        CHECK(package_install(v2, data, &opt, &again) == ZWGK_OK && current_version(data) == V2);
        if (again.reason != PACKAGE_OK)
            fprintf(stderr, "  N=%ld: the install after the refusal failed: %s\n", sweep_n, again.detail);
    }
    return r == ZWGK_OK;
}

/* ---- the sweep ---- */

typedef struct path {
    const char *name;
    int (*run)(fp_t *f, char *err, size_t errlen);
    void (*reset)(void); /* before each run, not under the fault; may be NULL */
} path_t;

static void reset_data(void)
{
    rm_tree(data);
    CHECK(copy_tree(pristine, data) == 0);
}

static void reset_work(void)
{
    rm_tree(work);
    CHECK(mkdir(work, 0755) == 0);
}

static long env_long(const char *name, long dflt)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : dflt;
}

typedef struct tally {
    long runs, ok, refused, leaks;
} tally_t;

/* One run with the nth allocation failing (0: none).  Returns the fingerprint through f and whether it walked. */
static int run_once(const path_t *p, long n, int persistent, fp_t *f, const fp_t *want, tally_t *t)
{
    char err[1024] = "";
    if (p->reset)
        p->reset();
    sqlite3_int64 before = sqlite3_memory_used();
    long live_before = fault_alloc_live();
    f->h = 1469598103934665603ull;
    sweep_n = n;
    fault_alloc_arm(n, persistent);
    int ok = p->run(f, err, sizeof err);
    fault_alloc_disarm();
    t->runs++;
    if (ok) {
        t->ok++;
        if (want && f->h != want->h) {
            CHECK(!"a walk that succeeded read something else than the walk without faults");
            fprintf(stderr, "  %s N=%ld%s: every call succeeded but the content read differs\n", p->name, n,
                    persistent ? " (persistent)" : "");
        }
    } else {
        t->refused++;
        CHECK(err[0] != '\0' && utf8_valid(err, strlen(err), NULL));
        if (!err[0])
            fprintf(stderr, "  %s N=%ld: an error without a reason\n", p->name, n);
    }
    sqlite3_int64 after = sqlite3_memory_used();
    if (after != before) {
        CHECK(!"SQLite memory left allocated after the run");
        fprintf(stderr, "  %s N=%ld%s: SQLite holds %lld bytes more than before\n", p->name, n,
                persistent ? " (persistent)" : "", (long long)(after - before));
    }
    long live_after = fault_alloc_live();
    if (live_after != live_before) {
        t->leaks++;
        CHECK(!"blocks of ours left allocated after the run");
        fprintf(stderr, "  %s N=%ld%s: %ld blocks of ours not freed\n", p->name, n, persistent ? " (persistent)" : "",
                live_after - live_before);
    }
    if (lsan_each && __lsan_do_recoverable_leak_check && __lsan_do_recoverable_leak_check()) {
        t->leaks++;
        CHECK(!"LeakSanitizer found a leak");
        fprintf(stderr, "  %s N=%ld%s: leak (report above)\n", p->name, n, persistent ? " (persistent)" : "");
    }
    return ok;
}

/* only_n > 0: after the walk without faults, the one run ZWGK_OOM_ONLY names. */
static void sweep(const path_t *p, long only_n, int only_persistent)
{
    fp_t want, got;
    tally_t t = {0};
    long exhaustive = env_long("ZWGK_OOM_EXHAUSTIVE", 300), samples = env_long("ZWGK_OOM_SAMPLES", 100);

    /* the walk without faults: what every successful walk must read, and how many allocations it makes */
    if (p->reset)
        p->reset();
    want.h = 1469598103934665603ull;
    char err[1024] = "";
    fault_alloc_count();
    int ok = p->run(&want, err, sizeof err);
    long total = fault_alloc_disarm();
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "  %s without faults: %s\n", p->name, err);
        return;
    }
    if (only_n > 0) {
        int walked = run_once(p, only_n, only_persistent, &got, &want, &t);
        printf("%s N=%ld%s: %s\n", p->name, only_n, only_persistent ? " (persistent)" : "", walked ? "ok" : "refused");
        return;
    }
    long step = total <= exhaustive ? 1 : samples > 0 ? (total - exhaustive) / samples + 1 : total + 2;
    for (long n = 1; n <= total + 1; n = n < exhaustive ? n + 1 : n + step)
        run_once(p, n, 0, &got, &want, &t);
    long once_runs = t.runs, once_ok = t.ok;
    /* persistent: every allocation from N on fails (the clean-up paths); a coarser grid */
    long pstep = total / 25 + 1;
    for (long n = 1; n <= total; n = n < 30 ? n + 1 : n + pstep)
        run_once(p, n, 1, &got, &want, &t);
    printf("%s: %ld allocations without faults; %ld runs failing one allocation (N = 1…%ld, then every %ld), %ld of "
           "them succeeded anyway; %ld persistent runs; %ld refusals in all, %ld leaks\n",
           p->name, total, once_runs, exhaustive, step, once_ok, t.runs - once_runs, t.refused, t.leaks);
}

int main(void)
{
    char err[512];
    /* Refusals are checked for their Chinese (check_refusal): the test sets the language itself, and loads the
     * catalog (one translation) before any allocation fails. */
    use_locale("zh_CN.UTF-8");
    CHECK(strcmp(package_reason_text(PACKAGE_BUSY), "正在安装另一个内容包，请稍后再试。") == 0);
    CHECK(fault_alloc_install() == 0);
    CHECK(minisign_init() == ZWGK_OK);
    /* in memory where there is a tmpfs: the faults are of memory, and 2,000 installs need not wait for the disk */
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(tmp, sizeof tmp, "%s/zwgk-test-oom-XXXXXX", base);
    CHECK(mkdtemp(tmp) != NULL);
    snprintf(v1, sizeof v1, "%s/v1.db", tmp);
    snprintf(v2, sizeof v2, "%s/v2.db", tmp);
    snprintf(pristine, sizeof pristine, "%s/pristine", tmp);
    snprintf(data, sizeof data, "%s/data", tmp);
    snprintf(work, sizeof work, "%s/work", tmp);

    /* the demo content as v1, a v2 of it, both signed; a data directory with v1 installed */
    author_options_t aopt = {NULL, NULL, -1};
    diag_list_t d = {0};
    CHECK(author_build("../assets/demo", v1, &aopt, &d, err, sizeof err) == ZWGK_OK);
    diag_clear(&d);
    CHECK(copy_file(v1, v2) == 0);
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(v2, &db) == SQLITE_OK &&
          sqlite3_exec(db, "UPDATE meta SET value = '2024120101' WHERE key = 'content_version'", NULL, NULL, NULL) ==
              SQLITE_OK);
    sqlite3_close(db);
    minisign_keygen(&pk, &sk);
    sign_as(v1, &sk, SIGN_ZWGK, "xinfeng-demo", V1, NULL);
    sign_as(v2, &sk, SIGN_ZWGK, "xinfeng-demo", V2, NULL);
    package_options_t opt = options();
    package_result_t res;
    CHECK(package_install(v1, pristine, &opt, &res) == ZWGK_OK);

    lsan_each = getenv("ZWGK_OOM_LSAN_EACH") && atoi(getenv("ZWGK_OOM_LSAN_EACH"));
    const char *only = getenv("ZWGK_OOM_ONLY"), *some = getenv("ZWGK_OOM_PATHS");
    static const path_t paths[] = {
        {"content", path_content, NULL},
        {"search", path_search, NULL},
        {"package_verify", path_verify, reset_work},
        {"package_install", path_install, reset_data},
    };
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        char name[64] = "";
        long n = 0, persistent = 0;
        if (only && sscanf(only, "%63[a-z_]:%ld:%ld", name, &n, &persistent) >= 2) {
            if (!strcmp(name, paths[i].name))
                sweep(&paths[i], n, (int)persistent);
            continue;
        }
        if (!some || strstr(some, paths[i].name))
            sweep(&paths[i], 0, 0);
    }
    rm_tree(tmp);
    return check_summary("test_oom");
}
