/* catalog_table.h — the catalog as a table of cells, shared by the CSV and the workbook readers (private).
 *
 * catalog_csv.c turns catalog.csv and catalog_xlsx.c turns each sheet of catalog.xlsx into a ctable_t: rows of cleaned
 * cells, each row numbered as Excel shows it, with the merged ranges of the sheet already filled in (a covered cell
 * holds its range's text and is marked).  catalog.c then finds the title, the header (one to three rows, with
 * sub-columns), the area, and reads the data rows; catalog_values.c knows the vocabulary of the value columns. */
#ifndef ZWGK_AUTHOR_CATALOG_TABLE_H
#define ZWGK_AUTHOR_CATALOG_TABLE_H

#include "model.h"

#include <stdint.h>

typedef struct ctable_row {
    int row;              /* as Excel shows it */
    char **cells;         /* ncells cleaned cells ("" when empty), owned */
    unsigned char *cover; /* NULL, or per cell: 1 when the text comes from a merged range starting elsewhere */
    size_t ncells;        /* cells as the file has them (for a CSV record: the cells it was written with) */
    int hidden;           /* hidden in Excel */
} ctable_row_t;

typedef struct ctable_merge {
    int r1, c1, r2, c2; /* inclusive, rows as Excel shows them */
} ctable_merge_t;

typedef struct ctable {
    const char *file;  /* display name, for messages */
    const char *sheet; /* the sheet's name, NULL for a CSV */
    int sheet_index;   /* -1 for a CSV */
    int csv;           /* records of a CSV: a row with fewer cells than the header is reported as such */
    ctable_row_t *rows;
    size_t nrows, cap;
    ctable_merge_t *merges;
    size_t nmerges;
} ctable_t;

/* Appends a row (takes cells and cover).  Aborts on out of memory, as the rest of author does. */
void ctable_push(ctable_t *t, int row, char **cells, unsigned char *cover, size_t ncells, int hidden);
void ctable_free(ctable_t *t);

/* What catalog.c needs to know about the whole catalog while it reads each table. */
typedef struct catalog_reader {
    catalog_t *out;
    diag_list_t *d;
    const char *region; /* meta.yaml's region, stripped from titles ("信丰县社会救助领域…" → 社会救助); may be NULL */
    strlist_t warned; /* synonyms and marks already explained once */
    int tables_with_header;
} catalog_reader_t;

/* Reads one table into rd->out.  Returns 1 when the table had a catalog header, 0 when it had none (nothing is
 * reported then: the caller decides whether that is a problem). */
int catalog_table_read(catalog_reader_t *rd, const ctable_t *t);

/* Text helpers shared by the readers. */
void *cat_xrealloc(void *p, size_t n);
char *cat_xstrdup(const char *s);
/* A clean copy of a raw cell: CRLF/CR as '\n', invalid UTF-8 and NUL as U+FFFD (*bad set), whitespace (ASCII, NBSP,
 * U+3000) trimmed at both ends. */
char *cat_cell_clean(const char *s, size_t len, int *bad);
/* The comparable form of a header cell or a vocabulary word: whitespace removed, ( ) as （ ）, ／ as /. */
char *cat_key(const char *s);
int cat_is_space(uint32_t cp);

/* ---- vocabulary (catalog_values.c) ---- */

/* Each lookup takes a token in cat_key form.  *standard gets the standard name when the token is a synonym that was
 * normalised (依申请公开 → 依申请), else NULL. */
int catalog_channel_find(const char *key, const char **standard);       /* CHANNEL_* or -1 */
unsigned catalog_audience_find(const char *key, const char **standard); /* AUDIENCE_* bit or 0 */
unsigned catalog_mode_find(const char *key, const char **standard);     /* MODE_* bit or 0 */
unsigned catalog_level_find(const char *key, const char **standard);    /* LEVEL_* bits or 0 */
/* A cell of a ticked sub-column: 1 chosen (√ ✓ ✔ ■ ● ☑ 是 …), 0 not chosen (empty, □ ☐ ○ × 否 无 - /), -1 neither. */
int catalog_mark(const char *cell);
/* The standard areas (the 26 of 基层政务公开标准指引 and two common local names), NULL past the end. */
const char *catalog_standard_area(size_t i);
/* The channel list for messages ("政府网站、政府公报、…"). */
const char *catalog_channel_list(char *buf, size_t cap);

#endif
