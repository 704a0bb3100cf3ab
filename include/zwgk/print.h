/* print.h — printing a document on paper: one PDF page made with cairo, sent to a printer with libcups.
 *
 * Three pages can be printed, all of them exactly one page:
 *   - a service guide's 明白纸: title, 受理条件, 所需材料 as a checklist with boxes to tick, 办理流程, 办理时限/收费,
 *     办理地点/时间/电话/投诉电话, the 码上办 and 码上知 QR codes, the print date and the content version;
 *   - the blank 政府信息公开申请表, for a guide whose materials name it (the 依申请公开 guide), as a form to fill in;
 *   - a policy's first page, with its 码上知 QR code.
 * The page uses the kiosk's own font (Noto Sans CJK, the SC face of the .ttc, through FreeType and cairo-ft) and the
 * kiosk's own line breaking (zwgk/text.h), so a printed line breaks as on the screen.  QR codes are vector squares.
 * When the content does not fit at the normal size, the type shrinks down to a readable minimum; what still does not
 * fit is left out whole, item by item (never a clipped line), and the page says "完整内容请扫码查看" above its QR
 * codes.
 *
 * Paper: A4 by default, or 80 mm roll paper (a receipt printer), where the page is as long as its content.
 * print_printer_media asks CUPS which one the configured printer takes.
 *
 * The rendering half (print_render) is pure: no CUPS, no SDL, no I/O but the font files, so it is tested headless and
 * shared by the kiosk and `zwgk-admin print`.  The sending half (print_submit, print_job_status) talks to the CUPS
 * server libcups finds (CUPS_SERVER, ~/.cups/client.conf, the local socket); it blocks for network round trips and
 * belongs on a worker thread.  Every message meant for a citizen is plain Chinese (缺纸、离线、没有打印机 …). */
#ifndef ZWGK_PRINT_H
#define ZWGK_PRINT_H

#include "zwgk/content.h"
#include "zwgk/result.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum print_media {
    PRINT_MEDIA_A4 = 0, /* 210 × 297 mm */
    PRINT_MEDIA_ROLL80, /* 80 mm roll paper: 72 mm printed, the page as long as its content */
} print_media_t;

typedef enum print_what {
    PRINT_GUIDE = 1, /* a guide's 明白纸 */
    PRINT_FORM,      /* the blank 政府信息公开申请表 */
    PRINT_POLICY,    /* a policy's first page */
} print_what_t;

typedef struct print_options {
    print_media_t media;
    const char *font_regular, *font_bold; /* font files (a .ttc collection or a single face) */
    int font_face;                        /* face index in both files (2: SC in Noto Sans CJK) */
    const char *date;                     /* the print date as printed ("2024年11月1日"); NULL or "" = today */
    long long content_version;            /* printed at the foot of the page; 0 = not printed */
    const char *know_url; /* 码上知 (the online original) when the document has no url of its own: a guide's policy's */
} print_options_t;

/* The kiosk's fonts and A4, for callers that have no configuration. */
void print_options_default(print_options_t *o);

typedef struct print_page {
    unsigned char *pdf; /* the PDF file, malloc'ed: print_page_free releases it */
    size_t len;
    bool truncated; /* something was left out: the page says 完整内容请扫码查看 */
    double body_pt; /* the body type size chosen, in points */
    double width_mm, height_mm;
    int items, items_shown; /* flowing items (conditions, materials, steps, paragraphs) and how many are on paper */
} print_page_t;

/* Which pages document d can print, as a bit mask of 1 << PRINT_*: a guide its 明白纸 (and the 申请表 when one of its
 * materials is named 政府信息公开申请表), a policy its first page; other documents nothing. */
unsigned print_kinds(const content_doc_t *d);

/* Lays out and renders page `what` of d into out->pdf.  ZWGK_ERR_INVALID (with err) when d cannot print that page,
 * ZWGK_ERR_IO when a font does not load, ZWGK_ERR_NOMEM; on failure out holds nothing to free. */
zwgk_result print_render(const content_doc_t *d, print_what_t what, const print_options_t *o, print_page_t *out,
                         char *err, size_t errlen);
void print_page_free(print_page_t *p); /* accepts a zeroed page */

/* The 码上知 of a document without a url of its own — a guide's: the url of the first policy it belongs to
 * (政策＋解读＋办事), malloc'ed (caller frees), or NULL when it has none. */
char *print_know_url(content_t *c, const content_doc_t *d);

/* The file name a saved page or a print job is given: "明白纸-KEY.pdf", "申请表-KEY.pdf", "KEY-第1页.pdf" (into buf).
 */
void print_job_title(const content_doc_t *d, print_what_t what, char *buf, size_t cap);

/* ---- CUPS ---- */

/* What happened to a job, or why there is none.  `message` is for the citizen, in plain Chinese; `detail` is for
 * the log (CUPS's own words and keywords). */
typedef enum print_state {
    PRINT_STATE_QUEUED = 1, /* accepted, waiting for the printer */
    PRINT_STATE_PRINTING,   /* being printed */
    PRINT_STATE_DONE,       /* printed (sent to the printer in full) */
    PRINT_STATE_FAILED,     /* not printed: message says why */
} print_state_t;

typedef struct print_status {
    print_state_t state;
    int job_id;        /* 0 when no job was made */
    char printer[128]; /* the queue used (the default destination when none was named) */
    char message[256]; /* 已打印 / 正在打印 / 打印机缺纸，请联系工作人员 … */
    char reasons[256]; /* the printer's and job's state reasons, as CUPS names them ("media-empty-error …") */
    char detail[256];  /* libcups's last error, for the log */
} print_status_t;

/* The paper of printer (NULL or "": CUPS's default destination): PRINT_MEDIA_ROLL80 when its default media is no
 * wider than 90 mm, else A4.  ZWGK_ERR_NOT_FOUND (st->message says so in Chinese) when there is no such printer or no
 * CUPS server. st may be NULL. */
zwgk_result print_printer_media(const char *printer, print_media_t *media, print_status_t *st);

/* Sends a PDF of len bytes as one job titled `title` to printer (NULL or "": the default destination).  Refuses
 * before making a job when there is no printer, the printer is stopped or does not accept jobs, or reports a problem
 * that stops printing (no paper, offline, door open, jammed): ZWGK_ERR_IO with the reason in st->message.  On ZWGK_OK
 * st has the job id and its first state. */
zwgk_result print_submit(const char *printer, const char *title, const void *pdf, size_t len, print_status_t *st);

/* Follows st->job_id on st->printer: updates state and message.  A job still waiting while its printer reports a
 * problem keeps PRINT_STATE_QUEUED with that problem in message ("打印机缺纸"). */
zwgk_result print_job_status(print_status_t *st);

/* Cancels st->job_id (a job the kiosk gave up on); ZWGK_OK when CUPS took the cancel. */
zwgk_result print_job_cancel(const print_status_t *st);

/* The plain Chinese for one CUPS state reason keyword (printer-state-reasons / job-state-reasons, with or without its
 * -error/-warning/-report suffix), or NULL when it is not one a citizen needs to hear. */
const char *print_reason_zh(const char *keyword);

#endif
