/* catalog_csv.c — catalog.csv into a table of cells (catalog_parse, model.h; the table is read by catalog.c).
 *
 * The file is what WPS or Excel writes for "另存为 CSV": RFC 4180-ish, cells with commas or line breaks in quotes,
 * CRLF or LF line ends, and whatever the county's sheet looked like above the data.  libcsv does the tokenising; this
 * file adds what libcsv does not know:
 *
 * Rows as Excel shows them.  A message names the row the staffer sees when the file is opened in Excel: every line
 * break outside a quoted cell starts a new row, blank lines included (libcsv reports no record for those), and a cell
 * with line breaks inside quotes stays one row however many text lines it spans.  The text is fed to libcsv one byte
 * at a time while this file counts rows, reading libcsv's own state to know whether a line break is inside quotes.
 * A catalog is a few hundred kilobytes; the per-byte calls cost nothing measurable.
 *
 * Structure errors.  The parser runs in libcsv's strict mode so that it stops where a CSV is malformed; this file then
 * decides, like Excel, to go on: a quote inside an unquoted cell (ab"c) is taken literally and not reported; text after
 * the closing quote of a quoted cell ("ab"c) is an error, because from there libcsv reads up to the next quote as part
 * of the cell, which is not what the admin sees in Excel.  A quoted cell still open at the end of the file is an error
 * naming the row where it opened (CSV_STRICT_FINI is switched on only for that check). */
#include "catalog_table.h"
#include "zwgk/i18n.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libcsv's parser states (libcsv.c: FIELD_BEGUN); with csv.quoted set, the parser is inside a quoted cell. */
#define LIBCSV_FIELD_BEGUN 2

typedef struct reader {
    const char *file;
    diag_list_t *d;
    ctable_t *t;
    char **cells; /* the record being read */
    size_t count, cap;
    int rec_row;     /* row of the record's first byte */
    int cell_row;    /* row of the current cell's first byte */
    int row;         /* row of the byte being fed */
    int in_record;   /* a byte of the current record has been seen */
    int in_cell;     /* a byte of the current cell has been seen */
    int quote_error; /* text after a closing quote already reported in this record */
    int utf8_error;  /* bytes that are not UTF-8 already reported in this record */
} reader_t;

static void report(reader_t *p, int row, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(reader_t *p, int row, int col, const char *fmt, ...)
{
    diag_place_t at = {p->file, NULL, -1, row, col, NULL};
    va_list ap;
    va_start(ap, fmt);
    diag_vadd_at(p->d, DIAG_ERROR, &at, NULL, fmt, ap);
    va_end(ap);
}

static void on_cell(void *s, size_t len, void *data)
{
    reader_t *p = data;
    int bad = 0;
    if (p->count == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->cells = cat_xrealloc(p->cells, p->cap * sizeof *p->cells);
    }
    p->cells[p->count++] = cat_cell_clean(s ? s : "", s ? len : 0, &bad);
    if (bad && !p->utf8_error++)
        report(p, p->cell_row, (int)p->count - 1,
               _("a cell has bytes that are not UTF-8 (shown as �); save the file as CSV UTF-8"));
    p->in_cell = 0;
}

static void on_record(int c, void *data)
{
    reader_t *p = data;
    (void)c;
    ctable_push(p->t, p->rec_row, p->cells, NULL, p->count, 0);
    p->cells = NULL;
    p->count = p->cap = 0;
    p->in_record = p->in_cell = p->quote_error = p->utf8_error = 0;
}

/* Reads the CSV text into t.  Returns 1 when the file ends inside a quoted cell. */
static int csv_read(const char *text, size_t len, reader_t *p)
{
    struct csv_parser csv;
    int open_at_eof = 0;
    if (csv_init(&csv, CSV_STRICT) != 0) {
        fprintf(stderr, "zwgk-admin: out of memory\n");
        abort();
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        int quoted = csv.pstate == LIBCSV_FIELD_BEGUN && csv.quoted;
        if (!p->in_record && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            p->in_record = 1;
            p->rec_row = p->row;
        }
        if (!p->in_cell && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',') {
            p->in_cell = 1;
            p->cell_row = p->row;
        }
        if (csv_parse(&csv, text + i, 1, on_cell, on_record, p) != 1) {
            if (csv_error(&csv) != CSV_EPARSE) {
                fprintf(stderr, "zwgk-admin: out of memory\n");
                abort();
            }
            /* Strict mode stopped at a quote inside an unquoted cell (taken literally, as Excel does) or at text
             * after a closing quote (reported).  Either way, go on leniently from this byte. */
            if (c != '"' && !p->quote_error) {
                p->quote_error = 1;
                report(p, p->row, (int)p->count,
                       _("text after the closing quote of a quoted cell (the cell began in row %d), so the cell runs "
                         "on to the next quote; put the whole cell in quotes and double any quote inside it "
                         "(\"a\"\"b\"), or save the file again from WPS/Excel"),
                       p->cell_row);
            }
            csv_set_opts(&csv, 0);
            csv_parse(&csv, text + i, 1, on_cell, on_record, p);
            csv_set_opts(&csv, CSV_STRICT);
        }
        if (!quoted && (c == '\n' || (c == '\r' && (i + 1 >= len || text[i + 1] != '\n'))))
            p->row++;
    }
    csv_set_opts(&csv, CSV_STRICT | CSV_STRICT_FINI);
    if (csv_fini(&csv, on_cell, on_record, p) != 0) {
        if (!p->quote_error) /* else text after a closing quote began it, and was reported */
            report(p, p->cell_row, (int)p->count,
                   _("a quoted cell starts in this row but its closing quote is missing, so the rest of the file "
                     "became part of the cell; add the closing \""));
        open_at_eof = 1;
        csv_set_opts(&csv, 0);
        csv_fini(&csv, on_cell, on_record, p);
    }
    csv_free(&csv);
    for (size_t i = 0; i < p->count; i++)
        free(p->cells[i]);
    free(p->cells);
    return open_at_eof;
}

void catalog_parse(const char *text, size_t len, const char *display_name, const char *region, catalog_t *out,
                   diag_list_t *d)
{
    ctable_t t = {.file = display_name, .sheet_index = -1, .csv = 1};
    reader_t p = {.file = display_name, .d = d, .t = &t, .row = 1};
    int open_at_eof = csv_read(text, len, &p);
    if (open_at_eof && t.nrows) {
        /* The unterminated quote swallowed the rest of the file into one row; that error says it all. */
        ctable_row_t *last = &t.rows[t.nrows - 1];
        for (size_t i = 0; i < last->ncells; i++)
            free(last->cells[i]);
        free(last->cells);
        t.nrows--;
    }
    free(out->file);
    out->file = cat_xstrdup(display_name);
    catalog_reader_t rd = {.out = out, .d = d, .region = region};
    if (!catalog_table_read(&rd, &t)) {
        diag_place_t at = {display_name, NULL, -1, 0, -1, NULL};
        diag_add_at(d, DIAG_ERROR, &at, NULL, "%s",
                    _("the file has no header row; its first row must name the columns (领域, 一级事项, 二级事项, "
                      "公开内容（要素）, …; see docs/authoring.md)"));
    }
    strlist_free(&rd.warned);
    ctable_free(&t);
}
