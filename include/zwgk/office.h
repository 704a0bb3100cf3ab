/* office.h — reading the office's own files: OOXML packages (.xlsx workbooks; .docx documents reuse the same layers).
 *
 * An OOXML file is a ZIP package of XML parts tied together by relationship parts (_rels/…rels).  This module reads
 * them in three layers, each usable on its own:
 *
 *   1. the package (office_zip_*): a ZIP read through libzip, with every entry name checked (no absolute paths, no
 *      "..", no backslashes, no duplicates — part names are compared case-insensitively, as OPC says) and every
 *      entry read under limits: declared and actual uncompressed size, total bytes per package, and the ratio of
 *      uncompressed to compressed bytes, so a zip bomb stops after a few megabytes instead of filling the memory.
 *      Relationships (office_rels_*) resolve a part's targets to entry names, never above the package root.
 *   2. XML (office_xml_*): a pull parser over one part, on libxml2's xmlTextReader, streaming from the ZIP entry.
 *      No network, no external entities, no DTD at all (a part with a DOCTYPE is refused before libxml2 sees it),
 *      nesting bounded, libxml2's default size limits kept; bytes that are not UTF-8 and control characters become
 *      U+FFFD (counted, so a caller can warn) instead of failing the whole file.
 *   3. workbooks (office_xlsx_*): sheets with their names and visibility, cells as Excel shows them (shared and
 *      inline strings with rich-text runs, numbers, booleans, dates in the 1900 and 1904 systems recognised from
 *      styles.xml number formats, line breaks inside cells), merged ranges and hidden rows.
 *   4. documents (office_docx_*): the paragraphs of a .docx in reading order with what a reader of a 公文 goes by —
 *      alignment, indentation, the number Word's automatic numbering shows (numbering.xml), bold, the East Asian
 *      font (黑体, 楷体, 仿宋, 小标宋) and size, resolved through styles.xml and direct formatting — and its tables.
 *
 * Errors are values: a function that can fail returns NULL or a zwgk_result and writes a reason, in the staffer's
 * language (gettext, zwgk/i18n.h), into the caller's buffer.  Nothing here prints, aborts on bad input, or touches
 * the network.  Rows are numbered from 1 and columns from 0 (A = 0), so a cell's place is shown as Excel shows it
 * with office_cell_ref (C12). */
#ifndef ZWGK_OFFICE_H
#define ZWGK_OFFICE_H

#include "zwgk/result.h"

#include <stddef.h>
#include <stdint.h>

/* ---- limits ---- */

typedef struct office_limits {
    size_t max_entries;       /* entries in one package */
    uint64_t max_entry_bytes; /* uncompressed bytes of one entry */
    uint64_t max_total_bytes; /* uncompressed bytes read from one package, all entries together */
    uint64_t ratio_floor;     /* entries smaller than this are never judged by their ratio */
    unsigned max_ratio;       /* uncompressed : compressed bytes above which a large entry is a zip bomb */
    int max_depth;            /* XML element nesting */
    size_t max_cells;         /* non-empty cells of one sheet */
    size_t max_strings;       /* shared strings of one workbook */
    size_t max_paragraphs;    /* paragraphs (and table rows) of one document */
} office_limits_t;

/* The defaults: 10,000 entries, 256 MiB per entry, 1 GiB per package, ratio 200 above 1 MiB, depth 64, 4,000,000
 * cells per sheet, 2,000,000 shared strings, 20,000 paragraphs per document.  Real county workbooks are a few hundred
 * kilobytes; a long 公文 has a few hundred paragraphs. */
void office_limits_default(office_limits_t *l);

/* ---- layer 1: the package ---- */

typedef struct office_zip office_zip_t;

/* Opens a package read-only and checks its entry names.  lim NULL = the defaults (copied).  Returns NULL with a
 * reason in err when the file cannot be read, is not a ZIP (an old .xls/.et or a password-protected workbook, which
 * are OLE files, and an .ods are recognised and named), or has a bad entry name.  display_name is how messages name
 * the file (NULL = path).  Close with office_zip_close. */
office_zip_t *office_zip_open(const char *path, const char *display_name, const office_limits_t *lim, char *err,
                              size_t errlen);
/* The same over bytes in memory, which must stay valid until office_zip_close (tests, fuzzing). */
office_zip_t *office_zip_open_buffer(const void *data, size_t len, const char *display_name, const office_limits_t *lim,
                                     char *err, size_t errlen);
void office_zip_close(office_zip_t *z); /* accepts NULL */

const char *office_zip_name(const office_zip_t *z);              /* the display name */
const office_limits_t *office_zip_limits(const office_zip_t *z); /* the limits in force */

/* True when the package has an entry of this part name (case-insensitive; a leading '/' is ignored). */
int office_zip_has(office_zip_t *z, const char *part);

/* Reads a whole entry into a malloc'd buffer with a NUL after its *len bytes (caller frees *out).  Fails with
 * ZWGK_ERR_NOT_FOUND when there is no such entry, ZWGK_ERR_FORMAT when it is damaged, encrypted or over a limit,
 * ZWGK_ERR_NOMEM; the reason is in err. */
zwgk_result office_zip_read(office_zip_t *z, const char *part, char **out, size_t *len, char *err, size_t errlen);

/* Resolves a relationship target against the part that holds the relationship (OPC rules: "sheet1.xml" from
 * "xl/workbook.xml" is "xl/sheet1.xml", "/xl/a.xml" is "xl/a.xml", ".." goes up).  Returns 0 with the entry name in
 * out, or -1 when the target leaves the package root, is empty, is too long or has a backslash or NUL. */
int office_part_resolve(const char *source_part, const char *target, char *out, size_t cap);

/* Relationships of one part (the entries of its _rels/NAME.rels), in file order. */
typedef struct office_rel {
    char *id, *type; /* type: the full relationship type URI */
    char *target;    /* resolved entry name, or the URI as written when external */
    int external;    /* TargetMode="External" */
} office_rel_t;

typedef struct office_rels {
    office_rel_t *items;
    size_t count;
} office_rels_t;

/* Loads the relationships of part ("" for the package's own, _rels/.rels).  A part without a .rels entry has none:
 * ZWGK_OK with count 0.  A relationship whose target cannot be resolved is dropped.  Free with office_rels_free. */
zwgk_result office_rels_load(office_zip_t *z, const char *part, office_rels_t *out, char *err, size_t errlen);
/* The relationship with this id, or the first whose type URI ends with "/" type_name (e.g. "officeDocument",
 * "sharedStrings": both the transitional and the strict URIs match).  NULL when there is none. */
const office_rel_t *office_rels_by_id(const office_rels_t *r, const char *id);
const office_rel_t *office_rels_by_type(const office_rels_t *r, const char *type_name);
void office_rels_free(office_rels_t *r); /* accepts a zeroed struct */

/* ---- layer 2: XML ---- */

typedef struct office_xml office_xml_t;

enum office_xml_event {
    OFFICE_XML_ERROR = -1, /* the part is not well-formed XML or broke a limit: see office_xml_error */
    OFFICE_XML_DONE = 0,   /* the end of the part */
    OFFICE_XML_START,      /* an element starts: office_xml_name, office_xml_attr */
    OFFICE_XML_END,        /* an element ends (also reported for an empty element <a/>) */
    OFFICE_XML_TEXT,       /* character data, whitespace included: office_xml_text */
};

/* Opens a part of the package for reading as XML, streaming from the ZIP entry under the package's limits.
 * Returns NULL with a reason in err when there is no such part (ZWGK_ERR_NOT_FOUND in *why when why is not NULL) or
 * it cannot be opened.  Close with office_xml_close before closing the package. */
office_xml_t *office_xml_open(office_zip_t *z, const char *part, zwgk_result *why, char *err, size_t errlen);
/* The same over bytes in memory (which must outlive the reader); name is used in messages. */
office_xml_t *office_xml_open_memory(const char *data, size_t len, const char *name, const office_limits_t *lim,
                                     char *err, size_t errlen);
void office_xml_close(office_xml_t *x); /* accepts NULL */

/* The next event.  After OFFICE_XML_ERROR or OFFICE_XML_DONE every further call returns the same. */
int office_xml_next(office_xml_t *x);
/* START/END: the element's local name (no prefix) and namespace URI ("" when none).  Valid until the next call. */
const char *office_xml_name(const office_xml_t *x);
const char *office_xml_ns(const office_xml_t *x);
/* True when the current START/END element has this local name (namespace not compared: OOXML has transitional and
 * strict URIs for the same vocabulary). */
int office_xml_is(const office_xml_t *x, const char *local);
/* START: the value of the attribute with this local name, an unprefixed one before a prefixed one; NULL when
 * absent.  Valid until the next call. */
const char *office_xml_attr(office_xml_t *x, const char *local);
/* TEXT: the characters (valid UTF-8) and their length.  Valid until the next call. */
const char *office_xml_text(const office_xml_t *x, size_t *len);
/* Depth of the current element (the root is 0). */
int office_xml_depth(const office_xml_t *x);
/* Skips to the END of the current START element (its whole subtree).  Returns OFFICE_XML_END or ERROR. */
int office_xml_skip(office_xml_t *x);
/* After OFFICE_XML_ERROR: why, naming the part and the line.  "" otherwise. */
const char *office_xml_error(const office_xml_t *x);
/* Bytes that were not UTF-8, and control characters, replaced by U+FFFD so far. */
size_t office_xml_replaced(const office_xml_t *x);

/* ---- layer 3: workbooks ---- */

typedef struct office_xlsx office_xlsx_t;

enum office_sheet_state { OFFICE_SHEET_VISIBLE = 0, OFFICE_SHEET_HIDDEN, OFFICE_SHEET_VERY_HIDDEN };
enum office_cell_type {
    OFFICE_CELL_TEXT = 1, /* a string (shared, inline or a formula's text result) */
    OFFICE_CELL_NUMBER,   /* text: as Excel's General format shows it (1, 2.5, 0.1) or a percentage */
    OFFICE_CELL_DATE,     /* a number with a date or time format; text: YYYY-MM-DD, YYYY-MM-DD HH:MM or HH:MM */
    OFFICE_CELL_BOOL,     /* text: TRUE / FALSE */
    OFFICE_CELL_ERROR,    /* a formula error; text as Excel shows it: #N/A, #REF! … */
};

/* Opens a workbook: the package, its workbook part, the sheet list, shared strings and styles.  Returns NULL with a
 * reason in err (a file that is not a workbook, a damaged or hostile one).  Close with office_xlsx_close. */
office_xlsx_t *office_xlsx_open(const char *path, const char *display_name, const office_limits_t *lim, char *err,
                                size_t errlen);
office_xlsx_t *office_xlsx_open_buffer(const void *data, size_t len, const char *display_name,
                                       const office_limits_t *lim, char *err, size_t errlen);
void office_xlsx_close(office_xlsx_t *x); /* accepts NULL; invalidates every sheet loaded from x */

size_t office_xlsx_sheet_count(const office_xlsx_t *x);
const char *office_xlsx_sheet_name(const office_xlsx_t *x, size_t i); /* as on the sheet's tab */
int office_xlsx_sheet_state(const office_xlsx_t *x, size_t i);        /* OFFICE_SHEET_* */
int office_xlsx_sheet_is_chart(const office_xlsx_t *x, size_t i);     /* a chart sheet: it has no cells */
int office_xlsx_date1904(const office_xlsx_t *x);                     /* the workbook counts dates from 1904 */
/* Invalid bytes replaced by U+FFFD while reading the workbook's shared parts (shared strings, styles). */
size_t office_xlsx_replaced(const office_xlsx_t *x);
/* The package, for reading other parts (e.g. docProps). */
office_zip_t *office_xlsx_zip(office_xlsx_t *x);

typedef struct office_cell {
    uint32_t row, col; /* row from 1, column from 0 */
    int type;          /* OFFICE_CELL_* */
    const char *text;  /* as Excel shows it; line breaks inside the cell are '\n'; never NULL, never "" */
    double number;     /* NUMBER and DATE: the value; BOOL: 0 or 1 */
} office_cell_t;

typedef struct office_range {
    uint32_t r1, c1, r2, c2; /* inclusive; r1 <= r2, c1 <= c2 */
} office_range_t;

typedef struct office_sheet {
    office_cell_t *cells; /* sorted by row, then column; cells with nothing in them are left out */
    size_t ncells;
    office_range_t *merges; /* merged ranges as the sheet lists them (single cells dropped) */
    size_t nmerges;
    uint32_t *hidden_rows; /* ascending */
    size_t nhidden_rows;
    uint32_t max_row, max_col; /* of the cells (0, 0 when there are none) */
    size_t replaced;           /* invalid bytes replaced by U+FFFD in this sheet */
    char *strings;             /* private: the texts of numbers, dates and inline strings */
} office_sheet_t;

/* Loads sheet i.  Strings point into the sheet and into x: both must stay open while they are used.  Fails with a
 * reason in err (ZWGK_ERR_FORMAT for damaged or over-limit XML, a bad cell reference, too many cells).  A chart sheet
 * loads as an empty sheet.  Free with office_sheet_free. */
zwgk_result office_xlsx_sheet_load(office_xlsx_t *x, size_t i, office_sheet_t *out, char *err, size_t errlen);
void office_sheet_free(office_sheet_t *s); /* accepts a zeroed struct */

/* The cell at (row, col), or NULL when it is empty.  Binary search. */
const office_cell_t *office_sheet_cell(const office_sheet_t *s, uint32_t row, uint32_t col);
/* True when the row is hidden. */
int office_sheet_row_hidden(const office_sheet_t *s, uint32_t row);

/* Column letters of a 0-based column (0 → A, 25 → Z, 26 → AA); buf needs 4 bytes (XFD is the last column). */
const char *office_col_letters(uint32_t col, char buf[4]);
/* A cell's reference as Excel shows it (C12); buf needs 16 bytes. */
const char *office_cell_ref(uint32_t row, uint32_t col, char buf[16]);
/* Parses a cell reference such as C12 or $C$12 (letters in either case).  Returns 0 and sets row/col, or -1 when it
 * is not one, or is outside Excel's grid (1,048,576 rows, 16,384 columns). */
int office_cell_ref_parse(const char *ref, uint32_t *row, uint32_t *col);

/* ---- layer 4: documents (.docx) ---- */

enum office_align {
    OFFICE_ALIGN_START = 0, /* left, or not set (Word's default) */
    OFFICE_ALIGN_CENTER,
    OFFICE_ALIGN_END,  /* right */
    OFFICE_ALIGN_BOTH, /* justified, also distributed */
};

/* East Asian typefaces by the part of a 公文 they set (GB/T 9704): 小标宋 the title, 黑体 the first level of headings,
 * 楷体 the second, 仿宋 the text.  Recognised from the font name as typed in Word/WPS (黑体, SimHei, 方正黑体_GBK,
 * 仿宋_GB2312, FangSong, 方正小标宋简体 …). */
enum office_font {
    OFFICE_FONT_OTHER = 0,
    OFFICE_FONT_SONG,     /* 宋体 */
    OFFICE_FONT_FANGSONG, /* 仿宋 */
    OFFICE_FONT_HEI,      /* 黑体 */
    OFFICE_FONT_KAI,      /* 楷体 */
    OFFICE_FONT_XBS,      /* 小标宋, 标宋 */
};
int office_font_kind(const char *name); /* OFFICE_FONT_* for a font name (NULL = OTHER) */

enum office_para_kind { OFFICE_PARA_TEXT = 0, OFFICE_PARA_TABLE };

typedef struct office_para {
    int kind; /* OFFICE_PARA_* */
    /* OFFICE_PARA_TEXT: the text as Word shows it: the automatic number first (label_len bytes: "一、", "（一）",
     * "1."), then the runs; a line break is '\n', a tab '\t'.  Hidden and deleted text is left out.  Valid UTF-8,
     * never NULL (a paragraph with no text is left out of the document). */
    char *text;
    size_t label_len;
    int align;       /* OFFICE_ALIGN_* */
    int ind_left;    /* twentieths of a point (twips), from the style and the paragraph */
    int ind_right;   /* twips */
    int ind_first;   /* twips: first-line indent, negative for a hanging one (from firstLineChars too, at the size) */
    int outline;     /* outline level 0-8 (a Heading style or 大纲级别), -1 when none */
    int num_level;   /* the level of Word's automatic numbering (0-8), -1 when not numbered */
    size_t bold_len; /* bytes of text, from its start, set in bold (== strlen(text) when all of it is) */
    int size;        /* half-points of most of the text (三号 = 32, 二号 = 44), 0 when unknown */
    int font;        /* OFFICE_FONT_* of most of the text */
    /* OFFICE_PARA_TABLE: rows x cols cells, row by row; a cell's paragraphs are joined by '\n'; a cell covered by a
     * merge is "" (text is then NULL). */
    uint32_t rows, cols;
    char **cells;
} office_para_t;

typedef struct office_docx {
    office_para_t *paras; /* in reading order (a text box's paragraphs before the paragraph anchoring it) */
    size_t count;
    int text_width;  /* twips between the page margins, 0 when the document does not say */
    size_t replaced; /* invalid bytes replaced by U+FFFD */
} office_docx_t;

/* Reads the main document of a .docx (and its styles and numbering).  Fails with a reason in err: not a ZIP (an
 * old .doc, recognised), a ZIP that is no Word document (a workbook, an .odt), damaged or hostile XML, more than
 * max_paragraphs paragraphs or max_cells table cells.  Free with office_docx_free. */
zwgk_result office_docx_load(const char *path, const char *display_name, const office_limits_t *lim, office_docx_t *out,
                             char *err, size_t errlen);
zwgk_result office_docx_load_buffer(const void *data, size_t len, const char *display_name, const office_limits_t *lim,
                                    office_docx_t *out, char *err, size_t errlen);
void office_docx_free(office_docx_t *d); /* accepts a zeroed struct */

/* The label Word shows for number n in format fmt (a w:numFmt value: decimal, chineseCounting,
 * chineseCountingThousand, ideographTraditional, decimalFullWidth, lowerLetter, upperRoman, decimalEnclosedCircle…)
 * into buf (at least 64 bytes).  An unknown format is shown as decimal; "none" as "". */
const char *office_number_format(int n, const char *fmt, char *buf, size_t cap);

#endif
