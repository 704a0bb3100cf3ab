/* fuzz_xlsx.c — the office module's workbook reader (src/office) on arbitrary bytes: a catalog.xlsx damaged, cut
 * short or made by a hostile hand.
 *
 * Beyond "no crash, no leak", the reader's promises are checked (zwgk/office.h): opening either succeeds or gives a
 * reason; every cell's text is non-empty valid UTF-8; cells are sorted and inside Excel's grid; merged ranges are
 * ordered; a reason is never empty.  Limits are lowered so that a mutated size field cannot make one run slow. The
 * seeds (corpus/xlsx) are workbooks from tests/office/make_fixtures.py repacked without compression, so byte
 * mutations reach the XML and not only the deflate stream. */
#include "fuzz.h"

#include "zwgk/office.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    office_limits_t lim;
    office_limits_default(&lim);
    lim.max_entry_bytes = 4u << 20;
    lim.max_total_bytes = 16u << 20;
    lim.max_cells = 100000;
    lim.max_strings = 100000;
    char err[1024] = "";
    office_xlsx_t *x = office_xlsx_open_buffer(data, size, "catalog.xlsx", &lim, err, sizeof err);
    if (!x) {
        FUZZ_ASSERT(err[0] != '\0');
        fuzz_check_str(err);
        return 0;
    }
    for (size_t i = 0; i < office_xlsx_sheet_count(x); i++) {
        fuzz_check_str(office_xlsx_sheet_name(x, i));
        office_sheet_t s;
        err[0] = '\0';
        if (office_xlsx_sheet_load(x, i, &s, err, sizeof err) != ZWGK_OK) {
            FUZZ_ASSERT(err[0] != '\0');
            fuzz_check_str(err);
            continue;
        }
        for (size_t k = 0; k < s.ncells; k++) {
            const office_cell_t *c = &s.cells[k];
            FUZZ_ASSERT(c->text && c->text[0]);
            fuzz_check_str(c->text);
            FUZZ_ASSERT(c->row >= 1 && c->row <= 1048576 && c->col < 16384);
            if (k)
                FUZZ_ASSERT(s.cells[k - 1].row < c->row ||
                            (s.cells[k - 1].row == c->row && s.cells[k - 1].col < c->col));
            FUZZ_ASSERT(office_sheet_cell(&s, c->row, c->col) == c);
        }
        for (size_t k = 0; k < s.nmerges; k++)
            FUZZ_ASSERT(s.merges[k].r1 <= s.merges[k].r2 && s.merges[k].c1 <= s.merges[k].c2);
        office_sheet_free(&s);
    }
    office_xlsx_close(x);
    return 0;
}
