/* model.h — the authoring source folder held in memory, between parsing and writing the database (private).
 *
 * Parsing (catalog.c for catalog.csv, doc_parse.c for docs/NAME.md, meta.c for meta.yaml) fills these structs and
 * records problems in a diag list with file:line; validate.c checks what spans files (links, areas, glyphs);
 * emit.c writes a content database.  Every string is owned, NUL-terminated, valid UTF-8 (invalid input is a diag
 * error and the bytes are replaced by U+FFFD, so later stages never see bad UTF-8).  Every struct here is freed by
 * the matching *_free function, which accepts NULL. */
#ifndef ZWGK_AUTHOR_MODEL_H
#define ZWGK_AUTHOR_MODEL_H

#include "zwgk/diag.h"
#include "zwgk/content.h"

#include <stddef.h>

typedef struct strlist {
    char **items;
    size_t count, cap;
} strlist_t;

void strlist_push(strlist_t *l, const char *s); /* copies s; aborts the program only on out of memory */
void strlist_free(strlist_t *l);

/* ---- meta.yaml ---- */
typedef struct src_meta {
    char *publisher_id, *publisher, *region, *title, *created; /* created: YYYY-MM-DD */
    long long content_version;
} src_meta_t;

/* ---- the catalog: catalog.csv or catalog.xlsx ---- */
enum catalog_field {
    CATF_SEQ,
    CATF_AREA,
    CATF_LEVEL1,
    CATF_LEVEL2,
    CATF_CONTENT,
    CATF_BASIS,
    CATF_TIME,
    CATF_SUBJECT,
    CATF_CHANNELS,
    CATF_AUDIENCE,
    CATF_MODE,
    CATF_LEVELS,
    CATF_URL,
    CATF_DOCS,
    CATF_ALIASES,
    CATF_COUNT
};

typedef struct catalog_row {
    int row;               /* the row as Excel shows it (catalog.csv: its record number, blank lines counted) */
    int sheet;             /* index into catalog_t.sheets; -1 for catalog.csv */
    char *seq;             /* 序号 as written, or NULL */
    short col[CATF_COUNT]; /* the column (A = 0) each field was read from, -1 when the table has none */
    char *area, *level1, *level2;
    char *content;     /* 公开内容（要素） */
    char *basis;       /* 公开依据 */
    char *time_limit;  /* 公开时限 */
    char *subject;     /* 公开主体 */
    unsigned channels; /* bit (1u << CHANNEL_x) for each chosen channel, see content.h */
    unsigned audience; /* AUDIENCE_* bits */
    unsigned mode;     /* MODE_* bits */
    unsigned levels;   /* LEVEL_* bits */
    char *url;         /* 码上知, may be NULL */
    strlist_t doc_ids; /* 关联文件 */
    strlist_t aliases; /* 别名 / 关键词 */
} catalog_row_t;

typedef struct catalog {
    catalog_row_t *rows;
    size_t count, cap;
    char *file;       /* how messages name the file: catalog.csv or catalog.xlsx */
    strlist_t sheets; /* the sheets rows came from (catalog.xlsx) */
} catalog_t;

/* The place of field f (CATF_*, or -1 for the whole row) of row r, for diag_add_at.  key points into keybuf. */
diag_place_t catalog_place(const catalog_t *c, const catalog_row_t *r, int f, char *keybuf, size_t cap);
/* The header name of a field for messages (序号, 领域, …). */
const char *catalog_field_name(int f);

void catalog_free(catalog_t *c);

/* ---- documents ---- */
typedef struct span {
    size_t start, end; /* byte range in the block's text */
    int style;         /* SPAN_STRONG or SPAN_EMPH (content.h) */
} span_t;

typedef struct block {
    int kind;    /* BLOCK_* (content.h) */
    int level;   /* heading level 1..6; list nesting depth 1..; 0 otherwise */
    int ordered; /* list item: 1 when in an ordered list */
    int number;  /* list item in an ordered list: its number */
    char *text;  /* heading / paragraph / list item text (inline markup resolved); table: NULL */
    char *lead;  /* 牵头单位 from a 〔牵头单位：…；责任单位：…〕 tail, or NULL */
    char *resp;  /* 责任单位 from that tail, or NULL */
    span_t *spans;
    size_t nspans;
    /* tables: rows × cols cells, row 0 is the header row */
    int rows, cols;
    char **cells; /* rows * cols strings, row-major */
    int line;     /* source line, for messages */
    int align;    /* BLOCK_ALIGN_* (content.h), from a `::: 落款` … `:::` container around it */
} block_t;

typedef struct material {
    char *name, *form, *note; /* form: 原件 / 复印件 / 原件和复印件; note may be NULL */
    int count;
    int line; /* where the item is (a doc "line": see doc_cell_t) */
} material_t;

typedef struct step {
    char *title, *detail;
    char *bring, *where; /* 需带材料 and 办理地点/窗口 of the step; NULL when not given (where: the guide's place) */
    int line;            /* where the item is */
} step_t;

typedef struct reading {
    char *word, *pinyin; /* 单县 → "shàn xiàn": one syllable per character, tone marks, separated by spaces */
} reading_t;

typedef struct qa {
    char *question, *answer; /* answer: paragraphs joined with '\n' */
} qa_t;

/* Where a document's parts are.  A document file has lines; a guide read from a row of guides.xlsx (guides_xlsx.c)
 * has cells instead, and there every "line" of the model (doc->line, the line_* members, a key's line, an item's or a
 * block's line) is 1 + an index into doc->cells, so one number places a problem in either kind of source and every
 * stage reports through doc_diag (doc_place.c) without knowing which kind it is.  0 is "nowhere in particular". */
typedef struct doc_cell {
    char *sheet;     /* the sheet's name, owned */
    int sheet_index; /* its order in the workbook, for sorting messages */
    int row, col;    /* the row as Excel shows it; column from 0 (A = 0), -1 for the whole row */
    char *head;      /* the column's header as the sheet has it (办理时限), owned; NULL for the whole row */
} doc_cell_t;

/* The line of one front-matter key (key points to a static string: the key's name in frontmatter.c). */
typedef struct doc_key_line {
    const char *key;
    int line;
} doc_key_line_t;

typedef struct doc {
    char *file; /* relative path, e.g. docs/dibao.md; guides.xlsx for a guide of the workbook */
    int line; /* line of the front matter's first key (a workbook guide: its 基本信息 row), for document-wide messages
               */
    int type; /* DOC_* (content.h) */
    char *id, *title, *publish_date, *issuer, *doc_number, *area, *url, *summary;
    strlist_t keywords;
    /* policy */
    int validity; /* VALIDITY_* */
    char *valid_until;
    strlist_t guides;
    char *replaced_by; /* id of the document that replaces this one, or NULL */
    /* interpretation */
    char *interprets, *unit, *interpreter;
    qa_t *qas;
    size_t nqas;
    /* guide */
    char *conditions, *scope, *time_limit, *fee, *place, *hours, *phone, *complaint_phone, *service_url;
    material_t *materials;
    size_t nmaterials;
    step_t *steps;
    size_t nsteps;
    /* project */
    char *target, *lead_unit;
    int progress; /* 0..100 */
    int status;   /* PROJECT_* */
    /* consultation */
    char *deadline, *respond, *respond_url;
    /* the document's own readings of names, for read-aloud */
    reading_t *readings;
    size_t nreadings;
    /* the body */
    block_t *blocks;
    size_t nblocks;
    /* line of each front-matter key, for messages about links found later (0 when absent) */
    int line_interprets, line_guides, line_area, line_url, line_service_url, line_respond_url, line_replaced_by;
    doc_key_line_t *key_lines; /* every key that was given, with its line (doc_key_line) */
    size_t nkey_lines;
    doc_cell_t *cells; /* a workbook guide's cells (see doc_cell_t); NULL for a document file */
    size_t ncells;
    char *sort_name; /* the name the document is ordered by among docs/ (its file name; a workbook guide: ID.md) */
} doc_t;

typedef struct doc_set {
    doc_t **docs;
    size_t count, cap;
} doc_set_t;

void doc_free(doc_t *d);
void doc_set_free(doc_set_t *s);

/* ---- places of document problems (doc_place.c) ---- */

/* Appends a problem at a "line" of doc (see doc_cell_t): file:line for a document file, the cell for a workbook
 * guide (its id names the row).  line 0 is the whole document. */
void doc_diag(diag_list_t *d, diag_level_t level, const doc_t *doc, int line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void doc_vdiag(diag_list_t *d, diag_level_t level, const doc_t *doc, int line, const char *field, const char *fmt,
               va_list ap) __attribute__((format(printf, 6, 0)));
/* Fills at with the cell of a workbook guide's line and returns 1; returns 0 for a document file (or line 0). */
int doc_place(const doc_t *doc, int line, diag_place_t *at);
/* The place as messages show it ("docs/a.md:12", "guides.xlsx 基本信息!C3（guide-dibao）"). */
void doc_place_text(const doc_t *doc, int line, char *buf, size_t cap);
/* Adds a cell to a workbook guide and returns its line (1 + its index).  head (may be NULL) is its column's header:
 * problems at the cell are about that column, so they name it as the sheet does, whatever the check calls it. */
int doc_cell_add(doc_t *doc, const char *sheet, int sheet_index, int row, int col, const char *head);
/* Records the line of a key (key: a static string).  The line of key, or doc->line when it was not given. */
void doc_key_line_set(doc_t *doc, const char *key, int line);
int doc_key_line(const doc_t *doc, const char *key);

/* ---- parsers ---- */

/* Reads a whole file into a NUL-terminated buffer.  Converts GB18030/GBK input to UTF-8 (with a warning naming the
 * file) when the file is not valid UTF-8 but is valid GB18030; strips a UTF-8 BOM.  When the file is neither, adds an
 * error naming file:line of the first bad byte and how to re-save it, and returns the content with bad bytes as
 * U+FFFD.  Returns NULL (with a diag error) when the file cannot be read.  *len gets the length.  Caller frees. */
char *src_read_text(const char *path, const char *display_name, size_t *len, diag_list_t *d);

/* Parses meta.yaml.  Problems go to d.  Returns ZWGK_OK when every required key is present and valid. */
int meta_parse(const char *path, const char *display_name, src_meta_t *out, diag_list_t *d);
void meta_free(src_meta_t *m);

/* Parses catalog.csv text (already UTF-8) into out (which gets the display name).  region is meta.yaml's region
 * (may be NULL), stripped from title rows that name the area.  Every problem goes to d; rows with errors are still
 * added when they have an area and both 事项 names (so later checks can run). */
void catalog_parse(const char *text, size_t len, const char *display_name, const char *region, catalog_t *out,
                   diag_list_t *d);

/* Reads catalog.xlsx at path the same way: every visible sheet with a catalog header (one sheet per area, or one
 * sheet with a 领域 column).  Returns 0, or -1 when the workbook cannot be read at all (reported in d). */
int catalog_parse_xlsx(const char *path, const char *display_name, const char *region, catalog_t *out, diag_list_t *d);

/* Parses one document (front matter + Markdown body, already UTF-8).  Returns NULL when there is no usable front
 * matter (with diag errors); otherwise a doc whose problems are in d.  Caller frees with doc_free. */
doc_t *doc_parse(const char *text, size_t len, const char *display_name, diag_list_t *d);

/* Reads SRC/guides.xlsx at path (guides_xlsx.c): one service guide per row of its 基本信息 sheet, with the rows of
 * 申请材料, 办理流程 and 常见问题 that name it, into the same doc_t a guide's Markdown file parses into, appended to
 * docs.  Every problem names the sheet, the row as Excel shows it and the column.  Returns 0, or -1 when the workbook
 * cannot be read at all (reported in d).  The id of each guide whose row is unusable goes to broken_ids and the
 * row's place to broken_places (links to them are consequences). */
int guides_parse_xlsx(const char *path, const char *display_name, doc_set_t *docs, strlist_t *broken_ids,
                      strlist_t *broken_places, diag_list_t *d);

/* Splits a 〔牵头单位：…；责任单位：…〕 tail off text (in place: text is shortened) and returns the two parts
 * (malloc'd, either may be NULL).  Returns 1 when a tail was found. */
int tail_split(char *text, char **lead, char **resp);

#endif
