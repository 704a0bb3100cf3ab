/* print_cups.c — sending a printed page to CUPS and following it, in words a citizen understands.
 *
 * libcups finds the server as every CUPS client does (CUPS_SERVER, client.conf, the local socket) and keeps one
 * connection per thread (CUPS_HTTP_DEFAULT), so these calls belong on the kiosk's worker, never on the UI thread.
 *
 * Before a job is made, the printer is asked how it is (Get-Printer-Attributes: printer-state, printer-state-reasons,
 * printer-is-accepting-jobs): a kiosk must not queue a page for a printer that is paused, offline or out of paper —
 * the citizen would wait in front of a machine that never prints, and the page would come out later for nobody.
 * Such a printer is refused with the reason in plain Chinese.  A job whose printer falls into trouble while it waits
 * stays queued with the trouble in its message; the caller decides how long to wait and may cancel it.
 *
 * State reasons are IPP keywords ("media-empty-error", "offline-report", "paused"); print_reason_zh translates the
 * ones that matter to a person at the machine and ignores the rest (none, toner-low-warning …). */
#include "zwgk/print.h"

#include <cups/cups.h>
#include <stdio.h>
#include <string.h>

typedef struct reason_zh {
    const char *keyword, *zh;
    bool stops; /* the printer cannot print while it holds */
} reason_zh_t;

static const reason_zh_t reasons[] = {
    {"media-empty", "打印机缺纸", true},
    {"media-needed", "打印机缺纸", true},
    {"media-jam", "打印机卡纸", true},
    {"offline", "打印机离线（没有连通）", true},
    {"shutdown", "打印机已关闭", true},
    {"paused", "打印机已暂停使用", true},
    {"door-open", "打印机的盖子没有盖好", true},
    {"cover-open", "打印机的盖子没有盖好", true},
    {"interlock-open", "打印机的盖子没有盖好", true},
    {"input-tray-missing", "打印机的纸盒没有装好", true},
    {"output-area-full", "出纸口满了，请把打印好的纸取走", true},
    {"toner-empty", "打印机墨粉用完了", true},
    {"marker-supply-empty", "打印机墨粉（墨水）用完了", true},
    {"marker-waste-full", "打印机废粉盒满了", true},
    {"spool-area-full", "打印机存储空间已满", true},
    {"cups-missing-filter", "打印机驱动不完整", true},
    {"cups-insecure-filter", "打印机驱动不完整", true},
    {"connecting-to-device", "正在连接打印机", false},
    {"toner-low", "打印机墨粉不多了", false},
    {"media-low", "打印机纸张不多了", false},
};

static const reason_zh_t unknown_error = {"", "打印机出了故障", true};

/* The keyword without its severity suffix, into buf. */
static const char *base_keyword(const char *kw, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", kw);
    static const char *const suffixes[] = {"-error", "-warning", "-report"};
    size_t n = strlen(buf);
    for (size_t i = 0; i < 3; i++) {
        size_t s = strlen(suffixes[i]);
        if (n > s && !strcmp(buf + n - s, suffixes[i])) {
            buf[n - s] = '\0';
            break;
        }
    }
    return buf;
}

static const reason_zh_t *reason_find(const char *kw)
{
    char b[128];
    base_keyword(kw, b, sizeof b);
    for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
        if (!strcmp(b, reasons[i].keyword))
            return &reasons[i];
    return NULL;
}

const char *print_reason_zh(const char *keyword)
{
    const reason_zh_t *r = keyword ? reason_find(keyword) : NULL;
    return r ? r->zh : NULL;
}

static void set_detail(print_status_t *st)
{
    snprintf(st->detail, sizeof st->detail, "%s", cupsLastErrorString() ? cupsLastErrorString() : "");
}

/* Whether no CUPS server answers: the last call failed for it, or a connection to the server cannot be made (a
 * missing server looks like "no default destination" to cupsGetNamedDest). */
static bool no_server(void)
{
    ipp_status_t e = cupsLastError();
    if (e == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE)
        return true;
    http_t *h = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, 3000, NULL);
    if (!h)
        return true;
    httpClose(h);
    return false;
}

static void fail(print_status_t *st, const char *msg)
{
    st->state = PRINT_STATE_FAILED;
    snprintf(st->message, sizeof st->message, "%s", msg);
}

/* Resolves the queue name (the default destination for NULL or "") into st->printer. */
static zwgk_result resolve(const char *printer, print_status_t *st)
{
    cups_dest_t *dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, printer && *printer ? printer : NULL, NULL);
    if (!dest) {
        set_detail(st);
        if (no_server())
            fail(st, "本机的打印服务没有运行，暂时不能打印。请联系工作人员");
        else if (printer && *printer)
            fail(st, "没有找到打印机（本机设置的打印机不存在）");
        else
            fail(st, "本机没有连接打印机");
        return ZWGK_ERR_NOT_FOUND;
    }
    snprintf(st->printer, sizeof st->printer, "%s", dest->name);
    cupsFreeDests(1, dest);
    return ZWGK_OK;
}

static ipp_t *request_for_printer(ipp_op_t op, const char *printer)
{
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort(), "/printers/%s",
                     printer);
    ipp_t *req = ippNewRequest(op);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
    return req;
}

/* Appends the keywords of attr to st->reasons; returns the first reason that stops printing (or NULL) and, in
 * *any, the first one a person should hear. */
static const reason_zh_t *collect(ipp_attribute_t *attr, print_status_t *st, const reason_zh_t **any)
{
    const reason_zh_t *stop = NULL;
    for (int i = 0; attr && i < ippGetCount(attr); i++) {
        const char *kw = ippGetString(attr, i, NULL);
        if (!kw || !strcmp(kw, "none"))
            continue;
        size_t n = strlen(st->reasons);
        snprintf(st->reasons + n, sizeof st->reasons - n, "%s%s", n ? " " : "", kw);
        const reason_zh_t *r = reason_find(kw);
        bool is_error = strlen(kw) > 6 && !strcmp(kw + strlen(kw) - 6, "-error");
        if (r && !*any)
            *any = r;
        if (!r && is_error)
            r = &unknown_error; /* a trouble CUPS calls an error that we have no words for */
        if (r && (r->stops || is_error) && !stop)
            stop = r;
    }
    return stop;
}

/* Asks how the printer is; ZWGK_OK when it can print now, else ZWGK_ERR_IO with the reason in st. */
static zwgk_result printer_ready(print_status_t *st)
{
    static const char *const want[] = {"printer-state", "printer-state-reasons", "printer-is-accepting-jobs"};
    ipp_t *req = request_for_printer(IPP_OP_GET_PRINTER_ATTRIBUTES, st->printer);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, NULL, want);
    ipp_t *resp = cupsDoRequest(CUPS_HTTP_DEFAULT, req, "/");
    if (!resp || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
        set_detail(st);
        ippDelete(resp);
        fail(st, no_server() ? "本机的打印服务没有运行，暂时不能打印。请联系工作人员"
                             : "没有找到打印机（本机设置的打印机不存在）");
        return ZWGK_ERR_IO;
    }
    ipp_attribute_t *a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM);
    int state = a ? ippGetInteger(a, 0) : IPP_PSTATE_IDLE;
    a = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    bool accepting = a ? ippGetBoolean(a, 0) : true;
    const reason_zh_t *any = NULL;
    const reason_zh_t *stop = collect(ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD), st, &any);
    ippDelete(resp);
    char msg[256];
    if (stop) {
        snprintf(msg, sizeof msg, "%s，暂时不能打印。请联系工作人员", stop->zh);
        fail(st, msg);
        return ZWGK_ERR_IO;
    }
    if (state == IPP_PSTATE_STOPPED) {
        fail(st, "打印机已暂停使用，暂时不能打印。请联系工作人员");
        return ZWGK_ERR_IO;
    }
    if (!accepting) {
        fail(st, "打印机暂时不接收打印任务。请联系工作人员");
        return ZWGK_ERR_IO;
    }
    return ZWGK_OK;
}

zwgk_result print_printer_media(const char *printer, print_media_t *media, print_status_t *st)
{
    print_status_t local;
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    *media = PRINT_MEDIA_A4;
    zwgk_result r = resolve(printer, st);
    if (r != ZWGK_OK)
        return r;
    cups_dest_t *dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, st->printer, NULL);
    cups_dinfo_t *info = dest ? cupsCopyDestInfo(CUPS_HTTP_DEFAULT, dest) : NULL;
    cups_size_t size;
    if (info && cupsGetDestMediaDefault(CUPS_HTTP_DEFAULT, dest, info, 0, &size)) {
        /* hundredths of a millimetre: a roll is 57 or 80 mm wide, a sheet at least A6's 105 mm */
        if (size.width > 0 && size.width <= 9000)
            *media = PRINT_MEDIA_ROLL80;
    }
    cupsFreeDestInfo(info);
    cupsFreeDests(dest ? 1 : 0, dest);
    return ZWGK_OK;
}

zwgk_result print_submit(const char *printer, const char *title, const void *pdf, size_t len, print_status_t *st)
{
    memset(st, 0, sizeof *st);
    zwgk_result r = resolve(printer, st);
    if (r != ZWGK_OK)
        return r;
    if ((r = printer_ready(st)) != ZWGK_OK)
        return r;
    int job = cupsCreateJob(CUPS_HTTP_DEFAULT, st->printer, title, 0, NULL);
    if (job <= 0) {
        set_detail(st);
        fail(st, "打印机没有接收这次打印。请联系工作人员");
        return ZWGK_ERR_IO;
    }
    st->job_id = job;
    bool ok = cupsStartDocument(CUPS_HTTP_DEFAULT, st->printer, job, title, CUPS_FORMAT_PDF, 1) == HTTP_STATUS_CONTINUE;
    const char *p = pdf;
    for (size_t off = 0; ok && off < len;) {
        size_t n = len - off < 65536 ? len - off : 65536;
        ok = cupsWriteRequestData(CUPS_HTTP_DEFAULT, p + off, n) == HTTP_STATUS_CONTINUE;
        off += n;
    }
    ipp_status_t fin = cupsFinishDocument(CUPS_HTTP_DEFAULT, st->printer);
    if (!ok || fin > IPP_STATUS_OK_CONFLICTING) {
        set_detail(st);
        cupsCancelJob2(CUPS_HTTP_DEFAULT, st->printer, job, 0);
        fail(st, "打印内容没有送到打印机。请再试一次，或者联系工作人员");
        return ZWGK_ERR_IO;
    }
    st->state = PRINT_STATE_QUEUED;
    snprintf(st->message, sizeof st->message, "正在打印");
    return print_job_status(st);
}

zwgk_result print_job_status(print_status_t *st)
{
    static const char *const want[] = {"job-state", "job-state-reasons"};
    ipp_t *req = request_for_printer(IPP_OP_GET_JOB_ATTRIBUTES, st->printer);
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", st->job_id);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, NULL, want);
    ipp_t *resp = cupsDoRequest(CUPS_HTTP_DEFAULT, req, "/");
    if (!resp || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
        set_detail(st);
        ippDelete(resp);
        fail(st, no_server() ? "本机的打印服务停止了，没有打印完" : "打印任务不见了，没有打印完。请联系工作人员");
        return ZWGK_ERR_IO;
    }
    ipp_attribute_t *a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM);
    int js = a ? ippGetInteger(a, 0) : IPP_JSTATE_PENDING;
    st->reasons[0] = '\0';
    const reason_zh_t *any = NULL;
    collect(ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD), st, &any);
    ippDelete(resp);
    zwgk_result r = ZWGK_OK;
    switch (js) {
    case IPP_JSTATE_COMPLETED:
        st->state = PRINT_STATE_DONE;
        snprintf(st->message, sizeof st->message, "已打印，请在打印机出纸口取纸");
        return ZWGK_OK;
    case IPP_JSTATE_CANCELED:
        fail(st, "这次打印已取消");
        return ZWGK_ERR_IO;
    case IPP_JSTATE_STOPPED: /* a filter failed, or the printer stopped on it */
    case IPP_JSTATE_ABORTED:
        fail(st, "打印机出了问题，没有打印完。请联系工作人员");
        return ZWGK_ERR_IO;
    case IPP_JSTATE_PROCESSING:
        st->state = PRINT_STATE_PRINTING;
        snprintf(st->message, sizeof st->message, "正在打印");
        break;
    default:
        st->state = PRINT_STATE_QUEUED;
        snprintf(st->message, sizeof st->message, "正在打印（等待打印机）");
        break;
    }
    /* Still waiting or printing: say what troubles the printer, if anything does. */
    char job_reasons[256];
    snprintf(job_reasons, sizeof job_reasons, "%s", st->reasons);
    st->reasons[0] = '\0';
    print_status_t probe = *st;
    probe.reasons[0] = '\0';
    if (printer_ready(&probe) != ZWGK_OK) {
        snprintf(st->message, sizeof st->message, "%s", probe.message);
        snprintf(st->detail, sizeof st->detail, "%s", probe.detail);
    } else if (any) {
        snprintf(st->message, sizeof st->message, "正在打印（%s）", any->zh);
    }
    size_t n = strlen(job_reasons);
    if (n && *probe.reasons && n + 1 < sizeof job_reasons)
        job_reasons[n++] = ' ';
    snprintf(job_reasons + n, sizeof job_reasons - n, "%.*s", (int)(sizeof job_reasons - n - 1), probe.reasons);
    memcpy(st->reasons, job_reasons, sizeof st->reasons);
    return r;
}

zwgk_result print_job_cancel(const print_status_t *st)
{
    if (!st->job_id)
        return ZWGK_ERR_INVALID;
    return cupsCancelJob2(CUPS_HTTP_DEFAULT, st->printer, st->job_id, 0) <= IPP_STATUS_OK_CONFLICTING ? ZWGK_OK
                                                                                                      : ZWGK_ERR_IO;
}
