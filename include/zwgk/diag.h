/* diag.h — a list of problems found in authoring input, each with its place.
 *
 * The authoring tool reports every problem it finds, not just the first, so that a county admin can fix them all in
 * one pass.  A problem's place is where the admin will look for it:
 *     docs/dibao.md:12: publish_date: what is wrong and how to fix it          a line of a text file
 *     catalog.xlsx 社会救助!C12（序号5）: 公开时限: …                           a cell of a sheet, as Excel shows it
 *     catalog.csv C12（序号5）: …                                               a cell of a CSV, by its row in Excel
 * A diag list collects them; warnings do not stop a build, errors do.  A consequence is a problem that only follows
 * from an error reported elsewhere (a link to a document that cannot be read): it is listed after every cause, so the
 * admin fixes the cause first, and it is not counted as an error of its own. */
#ifndef ZWGK_DIAG_H
#define ZWGK_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum { DIAG_ERROR = 0, DIAG_WARNING = 1, DIAG_CONSEQUENCE = 2 } diag_level_t;

typedef struct diag {
    diag_level_t level;
    char *file;  /* path as given by the caller (relative to the source folder), owned */
    int line;    /* text: 1-based line; table: the row as Excel shows it; 0 when it concerns the whole file/sheet */
    char *field; /* field or column name, owned; may be NULL */
    char *msg;   /* what is wrong and how to fix it, owned */
    /* a place in a table (catalog.csv, a sheet of a workbook) rather than a line of text */
    int table;       /* 1: line is a row of a table */
    char *sheet;     /* the sheet's name, owned; NULL for a CSV file */
    int sheet_index; /* order of the sheet in its workbook, for sorting */
    int col;         /* 0-based column (A = 0), or -1 for the whole row */
    char *key;       /* what names the row for a person (序号5, guide-dibao), owned; may be NULL */
} diag_t;

typedef struct diag_list {
    diag_t *items;
    size_t count, cap;
    size_t errors;       /* number of items with level DIAG_ERROR */
    size_t consequences; /* number of items with level DIAG_CONSEQUENCE */
} diag_list_t;

/* Where in a table: file, and for a workbook the sheet; row as Excel shows it (0 = the whole sheet), col from 0
 * (-1 = the whole row); key names the row (may be NULL). */
typedef struct diag_place {
    const char *file, *sheet;
    int sheet_index;
    int row, col;
    const char *key;
} diag_place_t;

/* Appends a problem.  file and field may be NULL.  The message is printf-formatted.  Out of memory is reported on
 * stderr and the problem dropped (the error count still rises, so a build never passes on a lost error). */
void diag_add(diag_list_t *d, diag_level_t level, const char *file, int line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* The same for a place in a table. */
void diag_add_at(diag_list_t *d, diag_level_t level, const diag_place_t *at, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_vadd_at(diag_list_t *d, diag_level_t level, const diag_place_t *at, const char *field, const char *fmt,
                  va_list ap) __attribute__((format(printf, 5, 0)));

/* Sorts problems by file, then sheet, then line (stable: problems of one line keep the order they were found in);
 * consequences go after everything else. */
void diag_sort(diag_list_t *d);

/* The place of a problem as diag_print writes it ("docs/a.md:12", "catalog.xlsx 社会救助!C12（序号5）"). */
void diag_place_text(const diag_t *it, char *buf, size_t cap);

/* Writes one line per problem: "place: field: msg" ("warning: " before msg for warnings, "consequence of an error
 * above: " for consequences), in the staffer's language. */
void diag_print(const diag_list_t *d, void *stdio_file);

/* Frees every item; the list is empty and reusable afterwards.  Accepts a zeroed list. */
void diag_clear(diag_list_t *d);

#endif
