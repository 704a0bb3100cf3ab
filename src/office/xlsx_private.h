/* xlsx_private.h — the workbook as xlsx.c reads it, for xlsx_sheet.c and xlsx_value.c (private to src/office). */
#ifndef ZWGK_OFFICE_XLSX_PRIVATE_H
#define ZWGK_OFFICE_XLSX_PRIVATE_H

#include "office_private.h"

/* What a cell format makes of a number. */
enum { XF_GENERAL = 0, XF_DATE, XF_TIME, XF_DATETIME, XF_PERCENT, XF_TEXT };

typedef struct xlsx_xf {
    int kind;     /* XF_* */
    int decimals; /* XF_PERCENT: digits after the point */
} xlsx_xf_t;

typedef struct xlsx_sheet_info {
    char *name, *rel_id;
    const char *part; /* entry name, owned by rels; NULL when the relationship is missing */
    int state, is_chart;
} xlsx_sheet_info_t;

struct office_xlsx {
    office_zip_t *zip;
    char workbook_part[512];
    office_rels_t rels; /* of the workbook part */
    xlsx_sheet_info_t *sheets;
    size_t nsheets;
    const char **strings; /* shared strings, pointing into string_data */
    size_t nstrings;
    char *string_data;
    xlsx_xf_t *xfs; /* cell formats, by the s="" index of a cell */
    size_t nxfs;
    int date1904;
    size_t replaced;
};

/* Writes a date or time serial number as text (YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS], HH:MM[:SS]) for a cell format of
 * kind XF_DATE, XF_DATETIME or XF_TIME.  Returns 0, or -1 when the serial is outside Excel's dates (then the cell is
 * shown as a number). */
int xlsx_date_text(double serial, int date1904, int kind, char buf[32]);

#endif
