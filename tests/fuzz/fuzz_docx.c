/* fuzz_docx.c — the importer on arbitrary bytes: a .docx damaged, cut short or made by a hostile hand (the office
 * module's Word reader, then the 公文 recogniser and the Markdown writer), and — for inputs that do not start as a
 * ZIP — pdftotext -bbox-layout output, for the PDF line repair.
 *
 * Beyond "no crash, no leak": opening either succeeds or gives a reason; every paragraph's text and every table cell
 * is valid UTF-8; a label is never longer than its text; the written document is valid UTF-8 and starts with its
 * front matter.  Limits are lowered so that a mutated size cannot make one run slow.  The seeds (corpus/docx) are
 * documents from tests/import/make_gongwen.py repacked without compression, so mutations reach the XML. */
#include "fuzz.h"

#include "import/import_private.h"
#include "zwgk/office.h"

static void write_and_check(imp_source_t *src)
{
    imp_doc_t d;
    imp_recognize(src, &d);
    if (!d.publish_date)
        d.publish_date = strdup("2024-01-01");
    imp_write_t w = {.id = "fuzz", .source_name = "fuzz.docx"};
    char *md = imp_markdown(&d, &w);
    FUZZ_ASSERT(md && !strncmp(md, "---\n", 4));
    fuzz_check_str(md);
    free(md);
    imp_doc_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    office_limits_t lim;
    office_limits_default(&lim);
    lim.max_entry_bytes = 4u << 20;
    lim.max_total_bytes = 16u << 20;
    lim.max_cells = 20000;
    lim.max_paragraphs = 5000;
    char err[1024] = "";
    imp_source_t src = {0};
    if (size < 2 || data[0] != 'P' || data[1] != 'K') {
        if (imp_pdf_parse_bbox((const char *)data, size, "fuzz.pdf", &src, err, sizeof err) == ZWGK_OK)
            write_and_check(&src);
        else
            FUZZ_ASSERT(err[0] != '\0');
        fuzz_check_str(err);
        imp_source_free(&src);
        return 0;
    }
    office_docx_t d;
    if (office_docx_load_buffer(data, size, "fuzz.docx", &lim, &d, err, sizeof err) != ZWGK_OK) {
        FUZZ_ASSERT(err[0] != '\0');
        fuzz_check_str(err);
        return 0;
    }
    for (size_t i = 0; i < d.count; i++) {
        const office_para_t *p = &d.paras[i];
        if (p->kind == OFFICE_PARA_TABLE) {
            FUZZ_ASSERT(p->rows > 0 && p->cols > 0 && p->cells);
            for (size_t k = 0; k < (size_t)p->rows * p->cols; k++)
                fuzz_check_str(p->cells[k]);
        } else {
            FUZZ_ASSERT(p->text && p->label_len <= strlen(p->text) && p->bold_len <= strlen(p->text));
            fuzz_check_str(p->text);
        }
    }
    imp_from_office(&d, &src);
    office_docx_free(&d);
    write_and_check(&src);
    imp_source_free(&src);
    return 0;
}
