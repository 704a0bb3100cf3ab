/* catalog_xlsx.c — catalog.xlsx into tables of cells, one per sheet (catalog_parse_xlsx, model.h).
 *
 * The workbook is read through the office module (zwgk/office.h); this file turns each sheet into the table catalog.c
 * reads, and decides what a sheet is:
 *   - a hidden or very hidden sheet is skipped with a warning (an old version kept in the file, usually);
 *   - a visible sheet with a catalog header is read, one sheet per area or one sheet with a 领域 column alike;
 *   - a visible sheet without one (填表说明, an empty Sheet3) is skipped, with a warning when it holds anything.
 * Merged ranges are filled from the sheet's own merge list: every cell a range covers gets the text of its first
 * cell and is marked as covered, which is what the header reader and the note detector need to know.  Nothing is
 * guessed from blanks.  A catalog is at most a few dozen columns wide; cells past MAX_COLS are ignored with a warning,
 * and filling is bounded so that a hostile merge list cannot make it quadratic. */
#include "catalog_table.h"
#include "zwgk/i18n.h"
#include "zwgk/office.h"

#include <stdlib.h>
#include <string.h>

#define MAX_COLS 256

static void sheet_report(diag_list_t *d, const char *file, const char *sheet, int index, diag_level_t level,
                         const char *msg)
{
    diag_place_t at = {file, sheet, index, 0, -1, NULL};
    diag_add_at(d, level, &at, NULL, "%s", msg);
}

static void widen(ctable_row_t *r, size_t n)
{
    if (n <= r->ncells)
        return;
    r->cells = cat_xrealloc(r->cells, n * sizeof *r->cells);
    r->cover = cat_xrealloc(r->cover, n);
    for (size_t i = r->ncells; i < n; i++) {
        r->cells[i] = cat_xstrdup("");
        r->cover[i] = 0;
    }
    r->ncells = n;
}

/* Builds the table of a loaded sheet.  Returns -1 (reported) when its merges are beyond any real catalog. */
static int sheet_table(const office_sheet_t *s, ctable_t *t, diag_list_t *d, size_t max_fill)
{
    int wide = 0;
    for (size_t i = 0; i < s->ncells;) {
        uint32_t row = s->cells[i].row;
        size_t j = i, n = 0;
        while (j < s->ncells && s->cells[j].row == row) {
            if (s->cells[j].col < MAX_COLS)
                n = s->cells[j].col + 1;
            else
                wide = 1;
            j++;
        }
        char **cells = cat_xrealloc(NULL, (n ? n : 1) * sizeof *cells);
        unsigned char *cover = cat_xrealloc(NULL, n ? n : 1);
        for (size_t c = 0; c < n; c++) {
            cells[c] = NULL;
            cover[c] = 0;
        }
        for (size_t k = i; k < j; k++) {
            if (s->cells[k].col >= MAX_COLS)
                continue;
            int bad = 0;
            const char *text = s->cells[k].text;
            cells[s->cells[k].col] = cat_cell_clean(text, strlen(text), &bad);
        }
        for (size_t c = 0; c < n; c++)
            if (!cells[c])
                cells[c] = cat_xstrdup("");
        ctable_push(t, (int)row, cells, cover, n, office_sheet_row_hidden(s, row));
        i = j;
    }
    if (wide)
        sheet_report(d, t->file, t->sheet, t->sheet_index, DIAG_WARNING,
                     _("the sheet has cells beyond column IV (the 256th); a catalog is never that wide, so they are "
                       "ignored"));
    t->merges = cat_xrealloc(NULL, (s->nmerges ? s->nmerges : 1) * sizeof *t->merges);
    size_t filled = 0;
    for (size_t m = 0; m < s->nmerges; m++) {
        const office_range_t *g = &s->merges[m];
        if (g->c1 >= MAX_COLS)
            continue;
        uint32_t c2 = g->c2 < MAX_COLS ? g->c2 : MAX_COLS - 1;
        t->merges[t->nmerges++] = (ctable_merge_t){(int)g->r1, (int)g->c1, (int)g->r2, (int)c2};
        const office_cell_t *origin = office_sheet_cell(s, g->r1, g->c1);
        int bad = 0;
        char *text = origin ? cat_cell_clean(origin->text, strlen(origin->text), &bad) : cat_xstrdup("");
        /* Rows the range covers that exist in the table (a row with no cell at all has nothing else to read). */
        size_t lo = 0, hi = t->nrows;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (t->rows[mid].row < (int)g->r1)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < t->nrows && t->rows[k].row <= (int)g->r2; k++) {
            ctable_row_t *r = &t->rows[k];
            widen(r, c2 + 1);
            for (uint32_t c = g->c1; c <= c2; c++) {
                if (r->row == (int)g->r1 && c == g->c1)
                    continue;
                if (++filled > max_fill) {
                    free(text);
                    sheet_report(d, t->file, t->sheet, t->sheet_index, DIAG_ERROR,
                                 _("the sheet's merged cells cover more cells than any catalog has; the sheet is not "
                                   "read (unmerge the cells in Excel/WPS)"));
                    return -1;
                }
                free(r->cells[c]);
                r->cells[c] = cat_xstrdup(text);
                r->cover[c] = 1;
            }
        }
        free(text);
    }
    return 0;
}

static int sheet_has_text(const office_sheet_t *s)
{
    return s->ncells > 0;
}

int catalog_parse_xlsx(const char *path, const char *display_name, const char *region, catalog_t *out, diag_list_t *d)
{
    char err[1024] = "";
    office_limits_t lim;
    office_limits_default(&lim);
    office_xlsx_t *x = office_xlsx_open(path, display_name, &lim, err, sizeof err);
    free(out->file);
    out->file = cat_xstrdup(display_name);
    if (!x) {
        diag_add(d, DIAG_ERROR, display_name, 0, NULL, "%s", err);
        return -1;
    }
    if (office_xlsx_replaced(x))
        diag_add(d, DIAG_WARNING, display_name, 0, NULL,
                 _("the workbook has %zu bytes of text that are not valid UTF-8; they are shown as � (retype that "
                   "text in Excel/WPS)"),
                 office_xlsx_replaced(x));
    catalog_reader_t rd = {.out = out, .d = d, .region = region};
    for (size_t i = 0; i < office_xlsx_sheet_count(x); i++) {
        const char *name = office_xlsx_sheet_name(x, i);
        if (office_xlsx_sheet_is_chart(x, i))
            continue;
        office_sheet_t s;
        if (office_xlsx_sheet_load(x, i, &s, err, sizeof err) != ZWGK_OK) {
            sheet_report(d, display_name, name, (int)i, DIAG_ERROR, err);
            continue;
        }
        if (office_xlsx_sheet_state(x, i) != OFFICE_SHEET_VISIBLE) {
            if (sheet_has_text(&s))
                sheet_report(d, display_name, name, (int)i, DIAG_WARNING,
                             _("the sheet is hidden in Excel and is skipped; unhide it (取消隐藏) if it belongs in the "
                               "catalog, or delete it"));
            office_sheet_free(&s);
            continue;
        }
        if (s.replaced)
            sheet_report(d, display_name, name, (int)i, DIAG_WARNING,
                         _("the sheet has text that is not valid UTF-8; it is shown as � (retype it in Excel/WPS)"));
        ctable_t t = {.file = display_name, .sheet = name, .sheet_index = (int)i};
        if (sheet_table(&s, &t, d, lim.max_cells) == 0 && !catalog_table_read(&rd, &t) && sheet_has_text(&s))
            sheet_report(
                d, display_name, name, (int)i, DIAG_WARNING,
                _("the sheet has no catalog header (a row naming 序号, 一级事项, 二级事项, 公开内容（要素）, …) "
                  "and is skipped"));
        ctable_free(&t);
        office_sheet_free(&s);
    }
    if (rd.tables_with_header == 0)
        diag_add(d, DIAG_ERROR, display_name, 0, NULL, "%s",
                 _("no sheet of the workbook has a catalog header: one row must name the columns (领域 or the sheet's "
                   "area, 一级事项, 二级事项, 公开内容（要素）, …; see docs/authoring.md)"));
    strlist_free(&rd.warned);
    office_xlsx_close(x);
    return 0;
}
