/* fuzz_search.c — search_run and search_candidates (src/content/search*.c) on the demo content with arbitrary query
 * bytes: whatever a citizen (or a stuck key, or a hostile script) can type.
 *
 * Input: byte 0 is the limit (0 = the default, above SEARCH_LIMIT_MAX clamped), the rest the query.  "A query is data,
 * never syntax" (zwgk/search.h): every query returns ZWGK_OK.  Each hit keeps the promises test_search.c checks:
 * at most limit hits, each target once, labels present and valid UTF-8, the mark inside the matched text. */
#include "fuzz.h"

#include "zwgk/content.h"
#include "zwgk/search.h"

#ifndef ZWGK_FUZZ_DEMO_DB
#define ZWGK_FUZZ_DEMO_DB "demo.db"
#endif

static content_t *content;
static search_t *searcher;

static void close_all(void)
{
    search_close(searcher);
    content_close(content);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *path = getenv("ZWGK_FUZZ_DB"); /* another content database than the demo the build made */
    char err[512];
    content = content_open(path && *path ? path : ZWGK_FUZZ_DEMO_DB, err, sizeof err);
    if (!content) {
        fprintf(stderr, "fuzz_search: %s\n", err);
        exit(2);
    }
    searcher = search_open(content, err, sizeof err);
    if (!searcher) {
        fprintf(stderr, "fuzz_search: %s\n", err);
        exit(2);
    }
    atexit(close_all);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!searcher)
        LLVMFuzzerInitialize(NULL, NULL);
    if (size < 1)
        return 0;
    size_t limit = data[0];
    size_t want = limit == 0 ? 20 : limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX : limit;
    const char *q = (const char *)data + 1;
    size_t len = size - 1;

    search_results_t r;
    FUZZ_ASSERT(search_run(searcher, q, len, limit, &r) == ZWGK_OK);
    FUZZ_ASSERT(r.count <= want);
    for (size_t i = 0; i < r.count; i++) {
        const search_hit_t *h = &r.hits[i];
        FUZZ_ASSERT(h->key && h->title && h->context && h->date && h->matched);
        fuzz_check_str(h->title);
        fuzz_check_str(h->matched);
        fuzz_check_str(h->context);
        FUZZ_ASSERT(h->mark_start <= h->mark_end && h->mark_end <= strlen(h->matched));
        FUZZ_ASSERT(utf8_valid(h->matched + h->mark_start, h->mark_end - h->mark_start, NULL));
        FUZZ_ASSERT(h->field >= SEARCH_FIELD_TITLE && h->field <= SEARCH_FIELD_BODY);
        FUZZ_ASSERT(search_hit_type_name(h)[0] != 0);
        for (size_t k = 0; k < i; k++)
            FUZZ_ASSERT(!(r.hits[k].id == h->id && r.hits[k].is_item == h->is_item));
    }
    search_results_free(&r);

    search_words_t w;
    size_t wlimit = limit == 0 ? 10 : limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX : limit;
    FUZZ_ASSERT(search_candidates(searcher, q, len, limit, &w) == ZWGK_OK);
    FUZZ_ASSERT(w.count <= wlimit);
    for (size_t i = 0; i < w.count; i++) {
        FUZZ_ASSERT(w.items[i].word != NULL && w.items[i].freq >= 0);
        fuzz_check_str(w.items[i].word);
    }
    search_words_free(&w);
    return 0;
}
