/* cmd_search.c — `zwgk-admin search DB QUERY [--limit N]`: what a citizen typing QUERY at the kiosk would find.
 *
 * Two lines per hit, best first: its type, key (a document's id, an item's 领域/一级事项/二级事项), a document's title,
 * 文号 and 已废止; then why it matched — the field, whether by the characters as typed or by pinyin, and the matched
 * text with the matched part in 【】.  Tests and benchmarks use it, and an admin
 * uses it to check that 低保 or dibao finds what it should before a package is signed.  --candidates lists the
 * candidate-bar words for QUERY (as pinyin) instead. */
#include "admin.h"
#include "zwgk/i18n.h"
#include "zwgk/search.h"

#include <stdlib.h>
#include <string.h>

int admin_search(int argc, char **argv)
{
    const char *db = NULL, *query = NULL;
    long limit = 20;
    int candidates = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--limit") && i + 1 < argc) {
            char *end;
            limit = strtol(argv[++i], &end, 10);
            if (*end || limit < 1 || limit > SEARCH_LIMIT_MAX) {
                fprintf(stderr, _("zwgk-admin search: --limit must be 1..%d\n"), SEARCH_LIMIT_MAX);
                return 2;
            }
        } else if (!strcmp(argv[i], "--candidates")) {
            candidates = 1;
        } else if (!db) {
            db = argv[i];
        } else if (!query) {
            query = argv[i];
        } else {
            fprintf(stderr, _("zwgk-admin search: unexpected argument '%s'\n"), argv[i]);
            return 2;
        }
    }
    if (!db || !query) {
        fprintf(stderr, "%s", _("usage: zwgk-admin search content.db QUERY [--limit N] [--candidates]\n"));
        return 2;
    }
    char err[512];
    content_t *c = content_open(db, err, sizeof err);
    search_t *s = c ? search_open(c, err, sizeof err) : NULL;
    if (!s) {
        fprintf(stderr, _("zwgk-admin search: %s\n"), err);
        content_close(c);
        return 1;
    }
    int rc = 0;
    if (candidates) {
        search_words_t w;
        if (search_candidates(s, query, strlen(query), (size_t)limit, &w) != ZWGK_OK) {
            fprintf(stderr, "%s", _("zwgk-admin search: the search failed\n"));
            rc = 1;
        }
        for (size_t i = 0; rc == 0 && i < w.count; i++)
            printf("%s\t%lld\n", w.items[i].word, w.items[i].freq);
        search_words_free(&w);
    } else {
        search_results_t r;
        if (search_run(s, query, strlen(query), (size_t)limit, &r) != ZWGK_OK) {
            fprintf(stderr, "%s", _("zwgk-admin search: the search failed\n"));
            rc = 1;
        }
        for (size_t i = 0; rc == 0 && i < r.count; i++) {
            const search_hit_t *h = &r.hits[i];
            const char *m = h->matched;
            printf("%2zu. %s %s", i + 1, search_hit_type_name(h), h->key);
            if (!h->is_item)
                printf("  %s%s%s%s", h->title, h->context[0] ? "  " : "", h->context,
                       h->validity == VALIDITY_REPEALED ? "  [已废止]" : "");
            printf("\n    %s (%s): %.*s【%.*s】%s\n", search_field_key(h->field),
                   h->how == SEARCH_HOW_PINYIN ? "pinyin" : "text", (int)h->mark_start, m,
                   (int)(h->mark_end - h->mark_start), m + h->mark_start, m + h->mark_end);
        }
        if (rc == 0 && r.count == 0)
            printf("%s", _("no results\n"));
        search_results_free(&r);
    }
    search_close(s);
    content_close(c);
    return rc;
}
