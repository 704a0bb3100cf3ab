/* import.h — 公文 in, reviewed Markdown out: `zwgk-admin import FILE... -o DIR`.
 *
 * A county's documents exist as Word/WPS files and as PDFs on its website.  import_file reads one (.docx directly;
 * .doc, .wps, .odt and .rtf through LibreOffice headless; .pdf through poppler's pdftotext), finds the parts of a
 * GB/T 9704 公文 — 发文机关标志, 发文字号, 标题, 主送机关, 正文 with its numbered headings, 附件说明, 落款 (署名 and
 * 成文日期), 附注 such as （此件主动公开）, 版记 — and writes one document file (docs/authoring.md) with its front
 * matter filled: a file that builds as it is, with a Chinese comment at the top saying what the staffer must still
 * check or add.  A field the document cannot tell gets a safe default marked 请核对 there.
 *
 * Nothing is ever overwritten: when DIR already holds the file, nothing is written for that input.  Every message
 * is in the staffer's language (gettext). */
#ifndef ZWGK_IMPORT_H
#define ZWGK_IMPORT_H

#include "zwgk/result.h"

#include <stddef.h>

enum import_type { IMPORT_TYPE_POLICY = 0, IMPORT_TYPE_NOTICE, IMPORT_TYPE_INTERPRETATION };

typedef struct import_options {
    const char *out_dir;   /* where the .md files go (must exist) */
    const char *soffice;   /* LibreOffice's program; NULL = "soffice" on PATH */
    const char *pdftotext; /* poppler-utils' program; NULL = "pdftotext" on PATH */
    int timeout_s;         /* for one conversion (0 = 120 s) */
} import_options_t;

/* What one import found, for the report the command prints.  Strings are owned; free with import_report_free. */
typedef struct import_report {
    char *md_path; /* the file written (NULL when nothing was written) */
    char *id, *title, *doc_number, *issuer, *publish_date;
    int type;     /* IMPORT_TYPE_* */
    char **found; /* lines "what was recognised", in the staffer's language */
    size_t nfound;
    char **check; /* lines "what to check or add" */
    size_t ncheck;
} import_report_t;

/* A policy or interpretation already in the output folder (or imported before in the same run), so that a 解读 can
 * name the policy it interprets. */
typedef struct import_known {
    char *id, *title, *issuer;
    int type;
} import_known_t;

typedef struct import_session {
    import_known_t *known;
    size_t nknown, cap;
} import_session_t;

/* Reads the documents already in out_dir (their id, type, title and issuer) into s.  Missing folder: an error. */
zwgk_result import_session_open(import_session_t *s, const char *out_dir, char *err, size_t errlen);
void import_session_close(import_session_t *s);

/* Imports one file.  ZWGK_OK: rep filled and rep->md_path written.  ZWGK_ERR_INVALID: the output file exists, nothing
 * written; ZWGK_ERR_FORMAT: the file cannot be read as a document (why in err); ZWGK_ERR_UNSUPPORTED: a format that
 * needs a program that is not installed (err names the Debian package); ZWGK_ERR_IO: a write failed. */
zwgk_result import_file(import_session_t *s, const char *path, const import_options_t *opt, import_report_t *rep,
                        char *err, size_t errlen);
void import_report_free(import_report_t *rep);

/* The kind of a type for messages: 政策文件, 通知公告, 政策解读. */
const char *import_type_label(int type);
/* The front-matter key of a type: policy, notice, interpretation. */
const char *import_type_key(int type);

#endif
