/* fuzz_markdown.c — doc_parse (src/author/doc_parse.c, frontmatter.c) on arbitrary bytes: a document file, front
 * matter and Markdown body, as a county admin's text editor might leave it.
 *
 * Beyond "no crash, no leak", the model's promises are checked (src/author/model.h): every string is valid UTF-8;
 * a block is a heading, paragraph, list item or table; a table has rows × cols cells and no text, anything else has
 * text; emphasis spans lie inside their block's text. */
#include "fuzz.h"

#include "author/model.h"

static void check_list(const strlist_t *l)
{
    for (size_t i = 0; i < l->count; i++) {
        FUZZ_ASSERT(l->items[i] != NULL);
        fuzz_check_str(l->items[i]);
    }
}

static void check_doc(const doc_t *doc)
{
    const char *fields[] = {
        doc->file,        doc->id,         doc->title,           doc->publish_date, doc->issuer,     doc->doc_number,
        doc->area,        doc->url,        doc->summary,         doc->valid_until,  doc->interprets, doc->unit,
        doc->interpreter, doc->conditions, doc->scope,           doc->time_limit,   doc->fee,        doc->place,
        doc->hours,       doc->phone,      doc->complaint_phone, doc->service_url,  doc->target,     doc->lead_unit,
        doc->deadline,    doc->respond,    doc->respond_url};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        fuzz_check_str(fields[i]);
    check_list(&doc->keywords);
    check_list(&doc->guides);
    for (size_t i = 0; i < doc->nblocks; i++) {
        const block_t *b = &doc->blocks[i];
        FUZZ_ASSERT(b->kind >= BLOCK_HEADING && b->kind <= BLOCK_TABLE);
        if (b->kind == BLOCK_TABLE) {
            FUZZ_ASSERT(b->text == NULL && b->rows >= 0 && b->cols >= 0);
            for (int k = 0; k < b->rows * b->cols; k++) {
                FUZZ_ASSERT(b->cells[k] != NULL);
                fuzz_check_str(b->cells[k]);
            }
            continue;
        }
        FUZZ_ASSERT(b->text != NULL);
        fuzz_check_str(b->text);
        fuzz_check_str(b->lead);
        fuzz_check_str(b->resp);
        size_t len = strlen(b->text);
        for (size_t k = 0; k < b->nspans; k++) {
            const span_t *sp = &b->spans[k];
            FUZZ_ASSERT(sp->start <= sp->end && sp->end <= len);
            FUZZ_ASSERT(sp->style == SPAN_STRONG || sp->style == SPAN_EMPH);
        }
    }
    for (size_t i = 0; i < doc->nqas; i++) {
        FUZZ_ASSERT(doc->qas[i].question && doc->qas[i].answer);
        fuzz_check_str(doc->qas[i].question);
        fuzz_check_str(doc->qas[i].answer);
    }
    for (size_t i = 0; i < doc->nmaterials; i++) {
        fuzz_check_str(doc->materials[i].name);
        fuzz_check_str(doc->materials[i].form);
        fuzz_check_str(doc->materials[i].note);
    }
    for (size_t i = 0; i < doc->nsteps; i++) {
        fuzz_check_str(doc->steps[i].title);
        fuzz_check_str(doc->steps[i].detail);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1); /* src_read_text hands doc_parse a NUL-terminated buffer */
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    diag_list_t d = {0};
    doc_t *doc = doc_parse(text, size, "docs/fuzz.md", &d);
    if (doc)
        check_doc(doc);
    else
        FUZZ_ASSERT(d.errors > 0); /* no document is always explained */
    doc_free(doc);
    diag_clear(&d);
    free(text);
    return 0;
}
