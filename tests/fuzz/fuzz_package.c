/* fuzz_package.c — a package's database checks and the kiosk's reads (src/package/dbcheck.c, src/content) on mutated
 * SQLite files.
 *
 * The input is written as a file and checked as an installed package is (package_content_check: header, integrity,
 * schema, content rules, then content_open), then opened as the kiosk opens content — whether or not the check passed,
 * since --content opens a factory file unchecked — and read the way the screens read it: areas, topics, items, every
 * type's list, a few whole documents, the search index.  The seeds (corpus/package/) are tiny real content databases
 * (512-byte pages, so a mutation often lands in a b-tree page, the header, the schema or a record).  content.h's
 * promises are checked: strings valid UTF-8, table cells present for rows × cols, spans inside their text; and a file
 * that passes the check must also open. */
#include "fuzz.h"

#include "zwgk/content.h"
#include "zwgk/package.h"
#include "zwgk/search.h"

#include <fcntl.h>
#include <unistd.h>

static char dir[256], path[300], journal[320];

static void cleanup(void)
{
    unlink(path);
    unlink(journal);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/zwgk-fuzz-package-XXXXXX", tmp);
    FUZZ_ASSERT(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/content.db", dir);
    snprintf(journal, sizeof journal, "%s-journal", path);
    atexit(cleanup);
    return 0;
}

static void check_summary(const content_doc_summary_t *d)
{
    const char *s[] = {d->key, d->title, d->doc_number, d->publish_date, d->issuer, d->summary, d->deadline};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        fuzz_check_str(s[i]);
}

static void read_doc(content_t *c, long long id)
{
    content_doc_t d;
    if (content_doc_get(c, id, &d) != ZWGK_OK)
        return;
    check_summary(&d.s);
    fuzz_check_str(d.area);
    fuzz_check_str(d.url);
    for (size_t i = 0; i < d.nkeywords; i++)
        fuzz_check_str(d.keywords[i]);
    for (size_t i = 0; i < d.nblocks; i++) {
        const content_block_t *b = &d.blocks[i];
        if (b->text) {
            fuzz_check_str(b->text);
            for (size_t k = 0; k < b->nspans; k++)
                FUZZ_ASSERT(b->spans[k].start < b->spans[k].end && b->spans[k].end <= strlen(b->text));
        } else {
            FUZZ_ASSERT(b->kind == BLOCK_TABLE);
        }
        FUZZ_ASSERT(b->rows >= 0 && b->cols >= 0);
        for (int k = 0; b->cells && k < b->rows * b->cols; k++) {
            FUZZ_ASSERT(b->cells[k] != NULL);
            fuzz_check_str(b->cells[k]);
        }
    }
    for (size_t i = 0; i < d.nqas; i++) {
        fuzz_check_str(d.qas[i].question);
        fuzz_check_str(d.qas[i].answer);
    }
    for (size_t i = 0; i < d.nsteps; i++) {
        fuzz_check_str(d.steps[i].title);
        fuzz_check_str(d.steps[i].detail);
    }
    for (size_t i = 0; i < d.related.count; i++)
        check_summary(&d.related.items[i]);
    content_doc_free(&d);
}

/* What the screens read, a few of each so that one input stays fast. */
static void read_all(content_t *c)
{
    const content_meta_t *m = content_meta(c);
    fuzz_check_str(m->publisher_id);
    fuzz_check_str(m->title);
    content_counts_t counts;
    content_counts(c, &counts);
    content_named_list_t areas, topics, items;
    if (content_areas(c, &areas) == ZWGK_OK) {
        for (size_t a = 0; a < areas.count && a < 3; a++) {
            fuzz_check_str(areas.items[a].name);
            if (content_topics(c, areas.items[a].id, &topics) != ZWGK_OK)
                continue;
            for (size_t t = 0; t < topics.count && t < 3; t++) {
                if (content_items(c, topics.items[t].id, &items) != ZWGK_OK)
                    continue;
                for (size_t i = 0; i < items.count && i < 3; i++) {
                    content_item_t it;
                    if (content_item_get(c, items.items[i].id, &it) == ZWGK_OK) {
                        fuzz_check_str(it.name);
                        fuzz_check_str(it.content);
                        for (size_t k = 0; k < it.naliases; k++)
                            fuzz_check_str(it.aliases[k]);
                        for (size_t k = 0; k < it.docs.count; k++)
                            check_summary(&it.docs.items[k]);
                        content_item_free(&it);
                    }
                }
                content_named_list_free(&items);
            }
            content_named_list_free(&topics);
        }
        content_named_list_free(&areas);
    }
    for (int type = DOC_POLICY; type < DOC_TYPE_COUNT_PLUS_ONE; type++) {
        content_doc_list_t l;
        if (content_docs(c, type, 0, 0, &l) != ZWGK_OK)
            continue;
        for (size_t i = 0; i < l.count && i < 3; i++) {
            check_summary(&l.items[i]);
            read_doc(c, l.items[i].id);
        }
        content_doc_list_free(&l);
    }
    content_doc_find(c, "xf-dibao-policy");
    content_item_find(c, "社会救助/最低生活保障/政策文件");
    content_area_find(c, "社会救助");

    char err[256];
    search_t *s = search_open(c, err, sizeof err);
    if (s) {
        search_results_t r;
        if (search_run(s, "低保", strlen("低保"), 20, &r) == ZWGK_OK)
            search_results_free(&r);
        if (search_run(s, "ylfw", 4, 20, &r) == ZWGK_OK)
            search_results_free(&r);
        search_words_t w;
        if (search_candidates(s, "dibao", 5, 10, &w) == ZWGK_OK)
            search_words_free(&w);
        search_close(s);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0])
        LLVMFuzzerInitialize(NULL, NULL);
    unlink(journal); /* nothing from the last input may be taken for a hot journal */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    FUZZ_ASSERT(fd >= 0);
    FUZZ_ASSERT(write(fd, data, size) == (ssize_t)size);
    close(fd);

    static package_result_t res; /* 3 KB: off the stack */
    zwgk_result r = package_content_check(path, &res);
    FUZZ_ASSERT(res.message[sizeof res.message - 1] == 0 && res.detail[sizeof res.detail - 1] == 0);
    char err[512];
    content_t *c = content_open(path, err, sizeof err);
    if (r == ZWGK_OK)
        FUZZ_ASSERT(c != NULL); /* what passes the package check, the kiosk can open */
    if (c)
        read_all(c);
    content_close(c);
    return 0;
}
