/* import_private.h — what the files of src/import share.
 *
 * Every input, whatever its format, becomes the same thing first: a list of paragraphs as a reader of the printed
 * page sees them (imp_source_t) — the text, how it sits on the line (centred, right, indented), how big and in which
 * face (小标宋, 黑体, 楷体) when the format says so.  from_docx.c makes it from a .docx (and, through LibreOffice, from
 * .doc/.wps/.odt), from_pdf.c from the lines poppler finds on PDF pages.  recognize.c then finds the parts of a
 * GB/T 9704 公文 in it (imp_doc_t), and markdown.c writes the document file. */
#ifndef ZWGK_IMPORT_PRIVATE_H
#define ZWGK_IMPORT_PRIVATE_H

#include "zwgk/import.h"
#include "zwgk/office.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- a growing string ---- */

typedef struct imp_buf {
    char *s;
    size_t len, cap;
} imp_buf_t;

/* Out of memory aborts with a message: the importer is a command-line tool, and half a document helps nobody. */
void imp_buf_put(imp_buf_t *b, const char *s, size_t n);
void imp_buf_puts(imp_buf_t *b, const char *s);
void imp_buf_printf(imp_buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void imp_buf_free(imp_buf_t *b);
void *imp_xrealloc(void *p, size_t n);
char *imp_xstrdup(const char *s);
char *imp_xstrndup(const char *s, size_t n);

/* ---- the page as read ---- */

enum imp_align { IMP_START = 0, IMP_CENTER, IMP_END };

typedef struct imp_para {
    bool is_table;
    char *text;       /* text paragraphs: valid UTF-8, '\n' for a line break typed inside it */
    size_t label_len; /* bytes at the start that Word's automatic numbering showed */
    int align;        /* IMP_* */
    int indent;       /* first-line indent in characters (2 for body text), may be negative */
    int left;         /* indent of the whole paragraph in characters */
    bool auto_number; /* numbered by Word (num_level is the list level) */
    int num_level;
    int outline;     /* outline level from a Heading style (0 = 标题 1), -1 none */
    size_t bold_len; /* bytes of text from the start in bold; SIZE_MAX when unknown (PDF) */
    int size;        /* half-points (二号 44, 三号 32), 0 when unknown */
    int font;        /* OFFICE_FONT_* */
    /* tables */
    uint32_t rows, cols;
    char **cells;
} imp_para_t;

typedef struct imp_source {
    imp_para_t *paras;
    size_t count, cap;
    int body_size;             /* the size of most text (half-points), 0 unknown */
    bool has_fonts;            /* the format names the faces (a .docx), so a heading in 黑体 can be trusted */
    size_t dropped_page_lines; /* page numbers and running headers left out (PDF) */
    size_t replaced;           /* invalid bytes shown as U+FFFD */
} imp_source_t;

imp_para_t *imp_source_add(imp_source_t *s);
void imp_source_free(imp_source_t *s);

/* from_docx.c: a .docx into src.  err gets a sentence for the staffer. */
zwgk_result imp_from_docx(const char *path, const char *display, const office_limits_t *lim, imp_source_t *src,
                          char *err, size_t errlen);
/* The same from a document already read: its texts and cells move into src (d keeps what office_docx_free frees). */
void imp_from_office(office_docx_t *d, imp_source_t *src);
/* from_pdf.c: a PDF, through pdftotext -bbox-layout (poppler-utils), its lines repaired into paragraphs. */
zwgk_result imp_from_pdf(const char *path, const char *display, const import_options_t *opt, imp_source_t *src,
                         char *err, size_t errlen);
/* The part of from_pdf.c that reads pdftotext's XHTML (exposed for tests and fuzzing). */
zwgk_result imp_pdf_parse_bbox(const char *xhtml, size_t len, const char *display, imp_source_t *src, char *err,
                               size_t errlen);
/* convert.c: .doc/.wps/.odt/.rtf → a .docx in a private folder through LibreOffice headless.  On success *docx is
 * the converted file's path and *tmpdir the folder to remove with imp_convert_cleanup. */
zwgk_result imp_convert_to_docx(const char *path, const char *display, const import_options_t *opt, char **docx,
                                char **tmpdir, char *err, size_t errlen);
void imp_convert_cleanup(char *docx, char *tmpdir);
/* Runs argv with stdout to out_path, stdin from /dev/null, killed after timeout_s.  Returns the exit status, or -1
 * when it could not start, -2 when it was killed for the timeout. */
int imp_run(char *const argv[], const char *out_path, int timeout_s);
/* The program's path when it is on PATH (caller frees), else NULL. */
char *imp_which(const char *name);

/* ---- the document as recognised ---- */

enum imp_block_kind {
    IMP_PARAGRAPH = 0,
    IMP_HEADING,   /* level 1-5 */
    IMP_SIGNATURE, /* 落款: lines flush right */
    IMP_FLUSH,     /* 顶格: 主送机关 */
    IMP_CENTERED,  /* 居中 */
    IMP_TABLE,
};

typedef struct imp_block {
    int kind, level;
    char *text;       /* '\n' separates the lines of a 落款 */
    size_t bold_lead; /* paragraphs: bytes at the start written bold (a run-in heading: （一）标题。正文…) */
    bool centred;     /* headings: centred in the original (an attachment's own title), written in `::: 居中` */
    uint32_t rows, cols;
    char **cells; /* borrowed from the source */
} imp_block_t;

typedef struct imp_qa {
    char *question, *answer;
} imp_qa_t;

typedef struct imp_doc {
    int type; /* IMPORT_TYPE_* */
    char *title, *issuer, *doc_number, *publish_date, *date_text, *disclosure;
    char *interprets_title; /* 解读: the title inside 《》 of what it interprets */
    bool date_guessed;      /* publish_date is not from the document */
    imp_block_t *blocks;
    size_t nblocks, cap;
    imp_qa_t *qas;
    size_t nqas, qcap;
    size_t headings[6];   /* headings found per level */
    size_t dropped_banji; /* lines of the 版记 left out */
    size_t tails;         /* paragraphs ending in 〔牵头单位：…〕 */
    size_t tables;
    bool main_to; /* a 主送机关 was found */
    bool attachment_note;
} imp_doc_t;

/* Finds the parts of a 公文 in src (recognize.c).  Never fails: what it cannot recognise is body text. */
void imp_recognize(const imp_source_t *src, imp_doc_t *doc);
void imp_doc_free(imp_doc_t *doc);

/* recognize.c helpers, exposed for tests. */
/* 2024年7月12日, 二〇二四年七月十二日, 2024年7月12号 → 2024-07-12 (returns 1), the whole text being the date. */
int imp_parse_date(const char *s, char out[11]);
/* A 发文字号 in s (…〔2024〕15号, with [] （） 【】 ［］ typed for 〔〕): returns 1 and the normalised number (caller
 * frees *out). */
int imp_find_doc_number(const char *s, char **out);
/* The heading level (2-5) the numbering at the start of s gives (一、 2, （一） 3, 1. 4, （1） 5), 0 when none; *len
 * = the bytes of the number. */
int imp_number_level(const char *s, size_t *len);

/* markdown.c: the document file's text (caller frees). */
typedef struct imp_write {
    const char *id;
    bool id_guessed;
    const char *source_name; /* the input's file name, for the comment */
    const char *interprets;  /* the id of the interpreted policy when found */
    const char *unit;        /* 解读单位 */
} imp_write_t;
char *imp_markdown(const imp_doc_t *doc, const imp_write_t *w);

/* ids.c: an id [a-z0-9-] from a 文号 (信府办字〔2024〕15号 → xfbz-2024-15) or a file name; never empty. */
char *imp_id_from_number(const char *doc_number);
char *imp_id_from_name(const char *name, const char *date);

#endif
