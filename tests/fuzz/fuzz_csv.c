/* fuzz_csv.c — catalog_parse (src/author/catalog.c) on arbitrary bytes: catalog.csv as an admin's Excel, WPS or text
 * editor might save it, damaged or not.
 *
 * Beyond "no crash, no leak", the model's promises are checked (src/author/model.h): every row that was added has
 * its area and both 事项 names, and every string in it is valid UTF-8 (bad input bytes become U+FFFD). */
#include "fuzz.h"

#include "author/model.h"

static void check_list(const strlist_t *l)
{
    for (size_t i = 0; i < l->count; i++) {
        FUZZ_ASSERT(l->items[i] != NULL);
        fuzz_check_str(l->items[i]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1); /* src_read_text hands catalog_parse a NUL-terminated buffer */
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    catalog_t cat = {0};
    diag_list_t d = {0};
    catalog_parse(text, size, "catalog.csv", NULL, &cat, &d);
    for (size_t i = 0; i < cat.count; i++) {
        const catalog_row_t *r = &cat.rows[i];
        FUZZ_ASSERT(r->area && r->level1 && r->level2 && r->row >= 1);
        const char *fields[] = {r->area, r->level1, r->level2, r->content, r->basis, r->time_limit, r->subject, r->url};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
            fuzz_check_str(fields[k]);
        check_list(&r->doc_ids);
        check_list(&r->aliases);
    }
    size_t errors = 0;
    for (size_t i = 0; i < d.count; i++) {
        FUZZ_ASSERT(d.items[i].msg != NULL && d.items[i].line >= 0);
        errors += d.items[i].level == DIAG_ERROR;
    }
    FUZZ_ASSERT(errors == d.errors);
    catalog_free(&cat);
    diag_clear(&d);
    free(text);
    return 0;
}
