/* xlsx_sheet.c — one worksheet: its cells as Excel shows them, merged ranges and hidden rows (zwgk/office.h).
 *
 * The sheet part streams through the XML layer once.  Each <c> becomes a cell only when it shows something: a cell
 * that is only formatted (Excel writes those for borders and fills, often over whole tables) is left out, so the
 * cell count a limit judges is the count of cells with content.  A cell's place comes from its r="C12"; where a
 * writer leaves r out (allowed, and done by some generators) the place follows the previous cell or row.  A
 * reference outside Excel's grid, or a shared-string index past the table, means the file is damaged or hostile and
 * the sheet is refused with a message naming the cell.
 *
 * Strings of shared cells point into the workbook's shared string table; the text of numbers, dates and inline
 * strings is kept in one buffer owned by the sheet, addressed by offset while it grows and turned into pointers at
 * the end.  Cells are sorted by (row, column) at the end — writers emit them in order, but nothing guarantees it —
 * and a second cell at the same place is dropped. */
#include "xlsx_private.h"
#include "zwgk/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct sheet_load {
    office_xlsx_t *x;
    office_sheet_t *s;
    office_buf_t own; /* texts of the sheet's own cells */
    size_t *own_off;  /* per cell: offset into own, or SIZE_MAX when text already points elsewhere */
    size_t cap;
    size_t merge_cap, hidden_cap;
    char *err;
    size_t errlen;
} sheet_load_t;

/* The cell being read. */
typedef struct cell_in {
    uint32_t row, col;
    char t[16]; /* t="": the value's type */
    int xf;
    office_buf_t value;   /* <v> text */
    office_buf_t inline_; /* <is> text */
    int has_v, has_is;
} cell_in_t;

static int oom(sheet_load_t *L)
{
    office_set_error(L->err, L->errlen, _("out of memory"));
    return -1;
}

static int push_cell(sheet_load_t *L, uint32_t row, uint32_t col, int type, double number, const char *text,
                     int own_text)
{
    const office_limits_t *lim = office_zip_limits(L->x->zip);
    office_sheet_t *s = L->s;
    if (s->ncells == lim->max_cells) {
        office_set_error(L->err, L->errlen,
                         _("%s: the sheet has more than %zu cells with content, far more than any catalog; the file "
                           "is refused"),
                         office_zip_name(L->x->zip), lim->max_cells);
        return -1;
    }
    if (s->ncells == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 256;
        office_cell_t *c = realloc(s->cells, cap * sizeof *c);
        if (!c)
            return oom(L);
        s->cells = c;
        size_t *o = realloc(L->own_off, cap * sizeof *o);
        if (!o)
            return oom(L);
        L->own_off = o;
        L->cap = cap;
    }
    size_t off = SIZE_MAX;
    if (own_text) {
        off = L->own.len;
        if (office_buf_put(&L->own, text, strlen(text) + 1) != 0)
            return oom(L);
        text = NULL;
    }
    s->cells[s->ncells] = (office_cell_t){row, col, type, text, number};
    L->own_off[s->ncells] = off;
    s->ncells++;
    if (row > s->max_row)
        s->max_row = row;
    if (col > s->max_col)
        s->max_col = col;
    return 0;
}

static int bad_ref(sheet_load_t *L, const char *ref)
{
    office_set_error(L->err, L->errlen,
                     _("%s: the sheet has a cell reference \"%.20s\" that is not a cell of a worksheet, so the file "
                       "is damaged: open it in Excel/WPS and save it again"),
                     office_zip_name(L->x->zip), ref ? ref : "");
    return -1;
}

/* Turns a finished <c> into a cell (or nothing, when it shows nothing). */
static int cell_finish(sheet_load_t *L, cell_in_t *c)
{
    const office_xlsx_t *x = L->x;
    const char *t = c->t;
    char buf[32], ref[16];
    if (c->has_is || !strcmp(t, "inlineStr"))
        return c->inline_.len ? push_cell(L, c->row, c->col, OFFICE_CELL_TEXT, 0, c->inline_.s, 1) : 0;
    if (!c->has_v || c->value.len == 0)
        return 0;
    const char *v = c->value.s;
    if (!strcmp(t, "s")) {
        char *end;
        errno = 0;
        unsigned long idx = strtoul(v, &end, 10);
        if (*end || errno || idx >= x->nstrings) {
            office_set_error(L->err, L->errlen,
                             _("%s: cell %s refers to shared string %.20s, which the workbook does not have, so the "
                               "file is damaged: open it in Excel/WPS and save it again"),
                             office_zip_name(x->zip), office_cell_ref(c->row, c->col, ref), v);
            return -1;
        }
        const char *s = x->strings[idx];
        return s[0] ? push_cell(L, c->row, c->col, OFFICE_CELL_TEXT, 0, s, 0) : 0;
    }
    if (!strcmp(t, "str")) { /* a formula's text result */
        office_buf_t b = {0};
        int rc = office_text_append(&b, v, c->value.len) != 0 ? oom(L)
                 : b.len ? push_cell(L, c->row, c->col, OFFICE_CELL_TEXT, 0, b.s, 1)
                         : 0;
        office_buf_free(&b);
        return rc;
    }
    if (!strcmp(t, "b"))
        return push_cell(L, c->row, c->col, OFFICE_CELL_BOOL, v[0] == '1', v[0] == '1' ? "TRUE" : "FALSE", 0);
    if (!strcmp(t, "e"))
        return push_cell(L, c->row, c->col, OFFICE_CELL_ERROR, 0, v, 1);
    if (!strcmp(t, "d")) { /* an ISO 8601 date (written by some generators) */
        size_t n = strlen(v);
        snprintf(buf, sizeof buf, "%.10s", v);
        if (n > 11 && v[10] == 'T' && strncmp(v + 11, "00:00:00", 8) != 0)
            snprintf(buf, sizeof buf, "%.10s %.5s", v, v + 11);
        return push_cell(L, c->row, c->col, OFFICE_CELL_DATE, 0, buf, 1);
    }
    /* a number */
    char *end;
    double num = strtod(v, &end);
    if (*end || end == v) /* not a number after all: show what is there */
        return push_cell(L, c->row, c->col, OFFICE_CELL_TEXT, 0, v, 1);
    xlsx_xf_t xf = c->xf >= 0 && (size_t)c->xf < x->nxfs ? x->xfs[c->xf] : (xlsx_xf_t){XF_GENERAL, 0};
    if ((xf.kind == XF_DATE || xf.kind == XF_TIME || xf.kind == XF_DATETIME) &&
        xlsx_date_text(num, x->date1904, xf.kind, buf) == 0)
        return push_cell(L, c->row, c->col, OFFICE_CELL_DATE, num, buf, 1);
    if (xf.kind == XF_PERCENT && isfinite(num)) {
        snprintf(buf, sizeof buf, "%.*f%%", xf.decimals, num * 100.0);
        return push_cell(L, c->row, c->col, OFFICE_CELL_NUMBER, num, buf, 1);
    }
    return push_cell(L, c->row, c->col, OFFICE_CELL_NUMBER, num, office_number_text(num, buf), 1);
}

static int push_merge(sheet_load_t *L, const char *ref)
{
    char a[24], b[24];
    const char *colon = ref ? strchr(ref, ':') : NULL;
    if (!colon || (size_t)(colon - ref) >= sizeof a || strlen(colon + 1) >= sizeof b)
        return 0; /* a single cell, or nonsense: nothing is merged */
    memcpy(a, ref, (size_t)(colon - ref));
    a[colon - ref] = '\0';
    strcpy(b, colon + 1);
    uint32_t r1, c1, r2, c2;
    if (office_cell_ref_parse(a, &r1, &c1) != 0 || office_cell_ref_parse(b, &r2, &c2) != 0)
        return bad_ref(L, ref);
    office_range_t m = {r1 < r2 ? r1 : r2, c1 < c2 ? c1 : c2, r1 < r2 ? r2 : r1, c1 < c2 ? c2 : c1};
    if (m.r1 == m.r2 && m.c1 == m.c2)
        return 0;
    office_sheet_t *s = L->s;
    if (s->nmerges == office_zip_limits(L->x->zip)->max_cells) {
        office_set_error(L->err, L->errlen, _("%s: the sheet has too many merged cells; the file is refused"),
                         office_zip_name(L->x->zip));
        return -1;
    }
    if (s->nmerges == L->merge_cap) {
        L->merge_cap = L->merge_cap ? L->merge_cap * 2 : 32;
        office_range_t *v = realloc(s->merges, L->merge_cap * sizeof *v);
        if (!v)
            return oom(L);
        s->merges = v;
    }
    s->merges[s->nmerges++] = m;
    return 0;
}

static int push_hidden(sheet_load_t *L, uint32_t row)
{
    office_sheet_t *s = L->s;
    if (s->nhidden_rows && s->hidden_rows[s->nhidden_rows - 1] == row)
        return 0;
    if (s->nhidden_rows == L->hidden_cap) {
        L->hidden_cap = L->hidden_cap ? L->hidden_cap * 2 : 16;
        uint32_t *v = realloc(s->hidden_rows, L->hidden_cap * sizeof *v);
        if (!v)
            return oom(L);
        s->hidden_rows = v;
    }
    s->hidden_rows[s->nhidden_rows++] = row;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

typedef struct cell_sort {
    office_cell_t cell;
    size_t off;
} cell_sort_t;

static int cmp_cell(const void *a, const void *b)
{
    const office_cell_t *x = &((const cell_sort_t *)a)->cell, *y = &((const cell_sort_t *)b)->cell;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

/* Sorts cells, drops a second cell at one place, and points every own text into the final buffer. */
static int finish_sheet(sheet_load_t *L)
{
    office_sheet_t *s = L->s;
    int sorted = 1;
    for (size_t i = 1; i < s->ncells && sorted; i++)
        sorted = s->cells[i - 1].row < s->cells[i].row ||
                 (s->cells[i - 1].row == s->cells[i].row && s->cells[i - 1].col < s->cells[i].col);
    if (!sorted) {
        cell_sort_t *v = malloc(s->ncells * sizeof *v);
        if (!v)
            return oom(L);
        for (size_t i = 0; i < s->ncells; i++)
            v[i] = (cell_sort_t){s->cells[i], L->own_off[i]};
        qsort(v, s->ncells, sizeof *v, cmp_cell);
        size_t k = 0;
        for (size_t i = 0; i < s->ncells; i++) {
            if (k && v[i].cell.row == s->cells[k - 1].row && v[i].cell.col == s->cells[k - 1].col)
                continue;
            s->cells[k] = v[i].cell;
            L->own_off[k] = v[i].off;
            k++;
        }
        s->ncells = k;
        free(v);
    }
    s->strings = L->own.s;
    L->own.s = NULL;
    for (size_t i = 0; i < s->ncells; i++)
        if (L->own_off[i] != SIZE_MAX)
            s->cells[i].text = s->strings + L->own_off[i];
    if (s->nhidden_rows > 1)
        qsort(s->hidden_rows, s->nhidden_rows, sizeof *s->hidden_rows, cmp_u32);
    return 0;
}

static int read_sheet(sheet_load_t *L, office_xml_t *xml)
{
    cell_in_t c = {0};
    int in_cell = 0, in_v = 0, in_is_t = 0, in_is = 0, rc = 0;
    uint32_t row = 0, next_col = 0;
    while (rc == 0) {
        int ev = office_xml_next(xml);
        if (ev == OFFICE_XML_DONE)
            break;
        if (ev == OFFICE_XML_ERROR) {
            office_set_error(L->err, L->errlen, "%s", office_xml_error(xml));
            rc = -1;
            break;
        }
        const char *a;
        if (ev == OFFICE_XML_START) {
            if (office_xml_is(xml, "row")) {
                a = office_xml_attr(xml, "r");
                if (a) {
                    char *end;
                    unsigned long r = strtoul(a, &end, 10);
                    if (*end || r < 1 || r > 1048576) {
                        rc = bad_ref(L, a);
                        break;
                    }
                    row = (uint32_t)r;
                } else {
                    row++;
                }
                if (row > 1048576) {
                    rc = bad_ref(L, "1048577");
                    break;
                }
                next_col = 0;
                a = office_xml_attr(xml, "hidden");
                if (a && (!strcmp(a, "1") || !strcmp(a, "true")))
                    rc = push_hidden(L, row);
            } else if (office_xml_is(xml, "c") && !in_cell) {
                in_cell = 1;
                c.value.len = c.inline_.len = 0;
                c.has_v = c.has_is = 0;
                a = office_xml_attr(xml, "r");
                if (a) {
                    if (office_cell_ref_parse(a, &c.row, &c.col) != 0) {
                        rc = bad_ref(L, a);
                        break;
                    }
                } else {
                    if (next_col >= 16384 || row == 0) {
                        rc = bad_ref(L, "XFE1");
                        break;
                    }
                    c.row = row;
                    c.col = next_col;
                }
                next_col = c.col + 1;
                a = office_xml_attr(xml, "t");
                snprintf(c.t, sizeof c.t, "%s", a ? a : "n");
                a = office_xml_attr(xml, "s");
                c.xf = a ? atoi(a) : 0;
            } else if (in_cell && office_xml_is(xml, "v")) {
                in_v = 1;
                c.has_v = 1;
            } else if (in_cell && office_xml_is(xml, "is")) {
                in_is = 1;
                c.has_is = 1;
            } else if (in_is && (office_xml_is(xml, "rPh") || office_xml_is(xml, "phoneticPr"))) {
                if (office_xml_skip(xml) != OFFICE_XML_END) {
                    office_set_error(L->err, L->errlen, "%s", office_xml_error(xml));
                    rc = -1;
                }
            } else if (in_is && office_xml_is(xml, "t")) {
                in_is_t = 1;
            } else if (office_xml_is(xml, "mergeCell")) {
                rc = push_merge(L, office_xml_attr(xml, "ref"));
            }
        } else if (ev == OFFICE_XML_END) {
            if (office_xml_is(xml, "c") && in_cell) {
                in_cell = in_v = in_is = in_is_t = 0;
                rc = cell_finish(L, &c);
            } else if (office_xml_is(xml, "v")) {
                in_v = 0;
            } else if (office_xml_is(xml, "t")) {
                in_is_t = 0;
            } else if (office_xml_is(xml, "is")) {
                in_is = 0;
            }
        } else if (ev == OFFICE_XML_TEXT) {
            size_t n;
            const char *s = office_xml_text(xml, &n);
            if (in_v && office_buf_put(&c.value, s, n) != 0)
                rc = oom(L);
            else if (in_is_t && office_text_append(&c.inline_, s, n) != 0)
                rc = oom(L);
        }
    }
    office_buf_free(&c.value);
    office_buf_free(&c.inline_);
    return rc;
}

zwgk_result office_xlsx_sheet_load(office_xlsx_t *x, size_t i, office_sheet_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (i >= x->nsheets)
        return ZWGK_ERR_NOT_FOUND;
    const xlsx_sheet_info_t *info = &x->sheets[i];
    if (info->is_chart)
        return ZWGK_OK;
    if (!info->part) {
        office_set_error(err, errlen,
                         _("%s: the sheet \"%s\" has no content part, so the file is damaged: open it in Excel/WPS "
                           "and save it again"),
                         office_zip_name(x->zip), info->name);
        return ZWGK_ERR_FORMAT;
    }
    zwgk_result why = ZWGK_ERR_FORMAT;
    office_xml_t *xml = office_xml_open(x->zip, info->part, &why, err, errlen);
    if (!xml)
        return why;
    sheet_load_t L = {.x = x, .s = out, .err = err, .errlen = errlen};
    int rc = read_sheet(&L, xml);
    out->replaced = office_xml_replaced(xml);
    office_xml_close(xml);
    if (rc == 0)
        rc = finish_sheet(&L);
    free(L.own_off);
    office_buf_free(&L.own);
    if (rc != 0) {
        office_sheet_free(out);
        return ZWGK_ERR_FORMAT;
    }
    return ZWGK_OK;
}

void office_sheet_free(office_sheet_t *s)
{
    free(s->cells);
    free(s->merges);
    free(s->hidden_rows);
    free(s->strings);
    memset(s, 0, sizeof *s);
}

const office_cell_t *office_sheet_cell(const office_sheet_t *s, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = s->ncells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const office_cell_t *c = &s->cells[mid];
        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->ncells && s->cells[lo].row == row && s->cells[lo].col == col ? &s->cells[lo] : NULL;
}

int office_sheet_row_hidden(const office_sheet_t *s, uint32_t row)
{
    size_t lo = 0, hi = s->nhidden_rows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->hidden_rows[mid] < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->nhidden_rows && s->hidden_rows[lo] == row;
}
