/* xlsx.c — a workbook: its sheets, shared strings and number formats (zwgk/office.h).
 *
 * Opening a workbook reads everything the sheets share, once: the package's relationships lead to the workbook part
 * (usually xl/workbook.xml, but only the relationship says so), whose own relationships lead to each sheet, to the
 * shared string table and to the styles.  Sheets are loaded later, one at a time, by xlsx_sheet.c.
 *
 * Shared strings keep only what Excel shows: the text of every run of a rich-text string, in order, without the
 * phonetic guides (<rPh>, furigana that Excel stores beside the text but does not show in the cell).  Styles are
 * reduced to what a cell's text depends on: for each cell format (cellXfs), whether its number format is a date, a
 * time, a percentage or text.  Both the transitional and the strict OOXML vocabularies are read (elements are
 * matched by local name).  A file that is a ZIP but not a workbook — an .ods, a .docx — is named as such. */
#include "xlsx_private.h"
#include "zwgk/i18n.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SHEETS  4096
#define MAX_FORMATS 65536

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int attr_true(const char *v)
{
    return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

/* Why a ZIP without a workbook part is not a workbook, in the staffer's words. */
static void not_workbook_error(office_zip_t *z, char *err, size_t errlen)
{
    char *mime = NULL;
    size_t len = 0;
    char dummy[8];
    if (office_zip_has(z, "mimetype") && office_zip_read(z, "mimetype", &mime, &len, dummy, sizeof dummy) == ZWGK_OK &&
        strstr(mime, "opendocument"))
        office_set_error(err, errlen,
                         _("%s is an OpenDocument file (.ods/.odt), not an Excel workbook: open it and use Save As "
                           "(另存为) to save it as an Excel workbook (*.xlsx)"),
                         office_zip_name(z));
    else if (office_zip_has(z, "word/document.xml"))
        office_set_error(err, errlen, _("%s is a Word document, not an Excel workbook"), office_zip_name(z));
    else
        office_set_error(err, errlen,
                         _("%s is not an Excel workbook (it has no workbook part): open it in Excel/WPS and save it "
                           "again as .xlsx"),
                         office_zip_name(z));
    free(mime);
}

/* ---- the workbook part ---- */

static zwgk_result read_workbook(office_xlsx_t *x, char *err, size_t errlen)
{
    zwgk_result why = ZWGK_ERR_FORMAT;
    office_xml_t *xml = office_xml_open(x->zip, x->workbook_part, &why, err, errlen);
    if (!xml)
        return why;
    zwgk_result r = ZWGK_OK;
    size_t cap = 0;
    for (int ev; (ev = office_xml_next(xml)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR) {
            office_set_error(err, errlen, "%s", office_xml_error(xml));
            r = ZWGK_ERR_FORMAT;
            break;
        }
        if (ev != OFFICE_XML_START)
            continue;
        if (office_xml_is(xml, "workbookPr")) {
            x->date1904 = attr_true(office_xml_attr(xml, "date1904"));
            continue;
        }
        if (!office_xml_is(xml, "sheet"))
            continue;
        if (x->nsheets == MAX_SHEETS) {
            office_set_error(err, errlen, _("%s has more than %d sheets; the file is refused"), office_zip_name(x->zip),
                             MAX_SHEETS);
            r = ZWGK_ERR_FORMAT;
            break;
        }
        if (x->nsheets == cap) {
            cap = cap ? cap * 2 : 16;
            xlsx_sheet_info_t *v = realloc(x->sheets, cap * sizeof *v);
            if (!v) {
                office_set_error(err, errlen, _("out of memory"));
                r = ZWGK_ERR_NOMEM;
                break;
            }
            x->sheets = v;
        }
        xlsx_sheet_info_t *s = &x->sheets[x->nsheets];
        memset(s, 0, sizeof *s);
        const char *state = office_xml_attr(xml, "state");
        s->state = state && !strcmp(state, "veryHidden") ? OFFICE_SHEET_VERY_HIDDEN
                   : state && !strcmp(state, "hidden")   ? OFFICE_SHEET_HIDDEN
                                                         : OFFICE_SHEET_VISIBLE;
        s->name = dup_or_null(office_xml_attr(xml, "name"));
        s->rel_id = dup_or_null(office_xml_attr(xml, "id")); /* r:id */
        if (!s->name)
            s->name = strdup("");
        x->nsheets++;
    }
    office_xml_close(xml);
    return r;
}

/* ---- shared strings ---- */

static zwgk_result read_shared_strings(office_xlsx_t *x, const char *part, char *err, size_t errlen)
{
    zwgk_result why = ZWGK_ERR_FORMAT;
    office_xml_t *xml = office_xml_open(x->zip, part, &why, err, errlen);
    if (!xml)
        return why == ZWGK_ERR_NOT_FOUND ? ZWGK_OK : why; /* a workbook without text has none */
    const office_limits_t *lim = office_zip_limits(x->zip);
    office_buf_t text = {0};
    size_t *offs = NULL, cap = 0;
    int in_si = 0, in_t = 0;
    zwgk_result r = ZWGK_OK;
    for (int ev; r == ZWGK_OK && (ev = office_xml_next(xml)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR) {
            office_set_error(err, errlen, "%s", office_xml_error(xml));
            r = ZWGK_ERR_FORMAT;
        } else if (ev == OFFICE_XML_START && office_xml_is(xml, "si")) {
            in_si = 1;
            if (x->nstrings == lim->max_strings) {
                office_set_error(err, errlen,
                                 _("%s has more than %zu shared strings, far more than any catalog; the file is "
                                   "refused"),
                                 office_zip_name(x->zip), lim->max_strings);
                r = ZWGK_ERR_FORMAT;
                break;
            }
            if (x->nstrings == cap) {
                cap = cap ? cap * 2 : 256;
                size_t *v = realloc(offs, cap * sizeof *v);
                if (!v) {
                    r = ZWGK_ERR_NOMEM;
                    break;
                }
                offs = v;
            }
            offs[x->nstrings++] = text.len;
        } else if (ev == OFFICE_XML_START && in_si && (office_xml_is(xml, "rPh") || office_xml_is(xml, "phoneticPr"))) {
            if (office_xml_skip(xml) != OFFICE_XML_END) {
                office_set_error(err, errlen, "%s", office_xml_error(xml));
                r = ZWGK_ERR_FORMAT;
            }
        } else if (ev == OFFICE_XML_START && in_si && office_xml_is(xml, "t")) {
            in_t = 1;
        } else if (ev == OFFICE_XML_END && office_xml_is(xml, "t")) {
            in_t = 0;
        } else if (ev == OFFICE_XML_END && office_xml_is(xml, "si")) {
            in_si = 0;
            if (office_buf_put(&text, "", 1) != 0) /* the NUL that ends the string */
                r = ZWGK_ERR_NOMEM;
        } else if (ev == OFFICE_XML_TEXT && in_t) {
            size_t n;
            const char *s = office_xml_text(xml, &n);
            if (office_text_append(&text, s, n) != 0)
                r = ZWGK_ERR_NOMEM;
        }
    }
    if (r == ZWGK_ERR_NOMEM)
        office_set_error(err, errlen, _("out of memory"));
    x->replaced += office_xml_replaced(xml);
    office_xml_close(xml);
    if (r == ZWGK_OK && in_si && office_buf_put(&text, "", 1) != 0)
        r = ZWGK_ERR_NOMEM;
    if (r == ZWGK_OK && x->nstrings) {
        x->strings = malloc(x->nstrings * sizeof *x->strings);
        if (!x->strings)
            r = ZWGK_ERR_NOMEM;
        for (size_t i = 0; x->strings && i < x->nstrings; i++)
            x->strings[i] = text.s + offs[i];
    }
    free(offs);
    if (r != ZWGK_OK) {
        office_buf_free(&text);
        x->nstrings = 0;
        return r;
    }
    x->string_data = text.s;
    return ZWGK_OK;
}

/* ---- styles ---- */

/* What a custom number format shows: XF_DATE, XF_TIME, XF_DATETIME, XF_PERCENT, XF_TEXT or XF_GENERAL.  Only the
 * first section counts (a format's sections are for positive;negative;zero;text); quoted text, escaped characters,
 * fill and padding characters and [colour]/[$-804] brackets are not letters of the format. */
static int classify_format(const char *code)
{
    int date = 0, time = 0, percent = 0;
    if (!code || !strcmp(code, "General") || !strcmp(code, "general"))
        return XF_GENERAL;
    if (!strcmp(code, "@"))
        return XF_TEXT;
    for (const char *p = code; *p && *p != ';'; p++) {
        switch (*p) {
        case '"':
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
            break;
        case '\\':
        case '_':
        case '*':
            if (p[1])
                p++;
            break;
        case '[':
            if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 'M' || p[1] == 's' || p[1] == 'S')
                time = 1; /* elapsed time: [h]:mm */
            while (p[1] && p[1] != ']')
                p++;
            if (p[1])
                p++;
            break;
        case 'y':
        case 'Y':
        case 'd':
        case 'D':
            date = 1;
            break;
        case 'h':
        case 'H':
        case 's':
        case 'S':
            time = 1;
            break;
        case 'm':
        case 'M':
            date |= 2; /* a month, unless it sits with hours or seconds: then it is minutes */
            break;
        case '%':
            percent = 1;
            break;
        default:
            break;
        }
    }
    if ((date & 1) && time)
        return XF_DATETIME;
    if (date & 1)
        return XF_DATE;
    if (time)
        return XF_TIME;
    if (date & 2)
        return XF_DATE;
    return percent ? XF_PERCENT : XF_GENERAL;
}

/* The built-in number formats Excel does not write out (ECMA-376 §18.8.30, with the zh-CN ids 27–36 and 50–58). */
static int classify_builtin(unsigned id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
        return XF_DATE;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
        return XF_TIME;
    if (id == 22)
        return XF_DATETIME;
    if (id == 9 || id == 10)
        return XF_PERCENT;
    if (id == 49)
        return XF_TEXT;
    return XF_GENERAL;
}

typedef struct custom_fmt {
    unsigned id;
    int kind, decimals;
} custom_fmt_t;

/* Digits after the decimal point in the first section of a percentage format ("0.00%" → 2). */
static int format_decimals(const char *code)
{
    const char *dot = code ? strchr(code, '.') : NULL;
    int n = 0;
    while (dot && dot[1 + n] == '0')
        n++;
    return n;
}

static zwgk_result read_styles(office_xlsx_t *x, const char *part, char *err, size_t errlen)
{
    zwgk_result why = ZWGK_ERR_FORMAT;
    office_xml_t *xml = office_xml_open(x->zip, part, &why, err, errlen);
    if (!xml)
        return why == ZWGK_ERR_NOT_FOUND ? ZWGK_OK : why;
    custom_fmt_t *fmts = NULL;
    size_t nfmts = 0, fcap = 0, xcap = 0;
    int in_xfs = 0;
    zwgk_result r = ZWGK_OK;
    for (int ev; r == ZWGK_OK && (ev = office_xml_next(xml)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR) {
            office_set_error(err, errlen, "%s", office_xml_error(xml));
            r = ZWGK_ERR_FORMAT;
        } else if (ev == OFFICE_XML_START && office_xml_is(xml, "numFmt") && nfmts < MAX_FORMATS) {
            if (nfmts == fcap) {
                fcap = fcap ? fcap * 2 : 16;
                custom_fmt_t *v = realloc(fmts, fcap * sizeof *v);
                if (!v) {
                    r = ZWGK_ERR_NOMEM;
                    break;
                }
                fmts = v;
            }
            const char *id = office_xml_attr(xml, "numFmtId");
            unsigned fid = id ? (unsigned)strtoul(id, NULL, 10) : 0;
            const char *code = office_xml_attr(xml, "formatCode");
            fmts[nfmts++] = (custom_fmt_t){fid, classify_format(code), format_decimals(code)};
        } else if (ev == OFFICE_XML_START && office_xml_is(xml, "cellXfs")) {
            in_xfs = 1;
        } else if (ev == OFFICE_XML_END && office_xml_is(xml, "cellXfs")) {
            in_xfs = 0;
        } else if (ev == OFFICE_XML_START && in_xfs && office_xml_is(xml, "xf") && x->nxfs < MAX_FORMATS) {
            if (x->nxfs == xcap) {
                xcap = xcap ? xcap * 2 : 16;
                xlsx_xf_t *v = realloc(x->xfs, xcap * sizeof *v);
                if (!v) {
                    r = ZWGK_ERR_NOMEM;
                    break;
                }
                x->xfs = v;
            }
            const char *id = office_xml_attr(xml, "numFmtId");
            unsigned fid = id ? (unsigned)strtoul(id, NULL, 10) : 0;
            xlsx_xf_t xf = {classify_builtin(fid), fid == 10 ? 2 : 0};
            for (size_t i = 0; i < nfmts; i++)
                if (fmts[i].id == fid)
                    xf = (xlsx_xf_t){fmts[i].kind, fmts[i].decimals};
            x->xfs[x->nxfs++] = xf;
        }
    }
    if (r == ZWGK_ERR_NOMEM)
        office_set_error(err, errlen, _("out of memory"));
    x->replaced += office_xml_replaced(xml);
    office_xml_close(xml);
    free(fmts);
    return r;
}

/* ---- opening ---- */

static office_xlsx_t *open_zip(office_zip_t *z, char *err, size_t errlen)
{
    if (!z)
        return NULL;
    office_xlsx_t *x = calloc(1, sizeof *x);
    if (!x) {
        office_zip_close(z);
        office_set_error(err, errlen, _("out of memory"));
        return NULL;
    }
    x->zip = z;
    office_rels_t pkg = {0};
    zwgk_result r = office_rels_load(z, "", &pkg, err, errlen);
    const office_rel_t *doc = r == ZWGK_OK ? office_rels_by_type(&pkg, "officeDocument") : NULL;
    if (r == ZWGK_OK && doc && !doc->external)
        snprintf(x->workbook_part, sizeof x->workbook_part, "%s", doc->target);
    else if (r == ZWGK_OK && office_zip_has(z, "xl/workbook.xml"))
        snprintf(x->workbook_part, sizeof x->workbook_part, "xl/workbook.xml");
    office_rels_free(&pkg);
    if (r == ZWGK_OK && (!x->workbook_part[0] || !office_zip_has(z, x->workbook_part))) {
        not_workbook_error(z, err, errlen);
        r = ZWGK_ERR_FORMAT;
    }
    if (r == ZWGK_OK)
        r = read_workbook(x, err, errlen);
    if (r == ZWGK_OK)
        r = office_rels_load(z, x->workbook_part, &x->rels, err, errlen);
    const office_rel_t *rel;
    if (r == ZWGK_OK && (rel = office_rels_by_type(&x->rels, "sharedStrings")))
        r = read_shared_strings(x, rel->target, err, errlen);
    if (r == ZWGK_OK && (rel = office_rels_by_type(&x->rels, "styles")))
        r = read_styles(x, rel->target, err, errlen);
    for (size_t i = 0; r == ZWGK_OK && i < x->nsheets; i++) {
        rel = office_rels_by_id(&x->rels, x->sheets[i].rel_id);
        x->sheets[i].part = rel && !rel->external ? rel->target : NULL;
        x->sheets[i].is_chart = rel && strstr(rel->type, "chartsheet") != NULL;
    }
    if (r != ZWGK_OK) {
        office_xlsx_close(x);
        return NULL;
    }
    return x;
}

office_xlsx_t *office_xlsx_open(const char *path, const char *display_name, const office_limits_t *lim, char *err,
                                size_t errlen)
{
    return open_zip(office_zip_open(path, display_name, lim, err, errlen), err, errlen);
}

office_xlsx_t *office_xlsx_open_buffer(const void *data, size_t len, const char *display_name,
                                       const office_limits_t *lim, char *err, size_t errlen)
{
    return open_zip(office_zip_open_buffer(data, len, display_name, lim, err, errlen), err, errlen);
}

void office_xlsx_close(office_xlsx_t *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->nsheets; i++) {
        free(x->sheets[i].name);
        free(x->sheets[i].rel_id);
    }
    free(x->sheets);
    office_rels_free(&x->rels);
    free(x->strings);
    free(x->string_data);
    free(x->xfs);
    office_zip_close(x->zip);
    free(x);
}

size_t office_xlsx_sheet_count(const office_xlsx_t *x)
{
    return x->nsheets;
}

const char *office_xlsx_sheet_name(const office_xlsx_t *x, size_t i)
{
    return i < x->nsheets ? x->sheets[i].name : NULL;
}

int office_xlsx_sheet_state(const office_xlsx_t *x, size_t i)
{
    return i < x->nsheets ? x->sheets[i].state : OFFICE_SHEET_VISIBLE;
}

int office_xlsx_sheet_is_chart(const office_xlsx_t *x, size_t i)
{
    return i < x->nsheets && x->sheets[i].is_chart;
}

int office_xlsx_date1904(const office_xlsx_t *x)
{
    return x->date1904;
}

size_t office_xlsx_replaced(const office_xlsx_t *x)
{
    return x->replaced;
}

office_zip_t *office_xlsx_zip(office_xlsx_t *x)
{
    return x->zip;
}
