/* from_pdf.c — a PDF's text as paragraphs, through poppler (pdftotext -bbox-layout, Debian's poppler-utils).
 *
 * Why pdftotext -bbox-layout and not plain text: a PDF has no paragraphs, only lines placed on pages, and plain
 * extraction loses what tells them apart.  The bounding-box output keeps each line's place — where it starts and
 * ends on the page, how tall it is — and that is exactly what a reader of the printed page goes by:
 *   - the text block's margins are where most lines start and end; a line that starts two characters in begins a
 *     paragraph (公文 body text has a first-line indent of two characters), a line that stops short of the right
 *     margin ends one, and a line in the middle of a paragraph runs from margin to margin, whatever character it
 *     ends with (so a sentence that happens to end at the margin does not break its paragraph);
 *   - a centred line is a title (and consecutive centred lines of the same size are one title); a line pushed to the
 *     right is the 落款; a tall line is set in a large size;
 *   - a line that ends with 。！？；：〕 short of the margin, or is followed by an indented or numbered line, ends its
 *     paragraph even where the geometry is ambiguous;
 *   - page numbers ("— 1 —", "- 1 -", "第1页") and running headers and footers (the same text at the same height on
 *     several pages) are dropped, so a paragraph broken by a page break — even in the middle of a word — is joined
 *     again;
 *   - poppler reports a gap between characters as a word break: in Chinese text the gaps are justification or the
 *     space LibreOffice and Word put between Han characters and digits, so words are joined without a space unless
 *     both sides are Latin letters or digits.
 * The program runs as a child process (convert.c) with a timeout: a hostile PDF cannot crash or hang zwgk-admin.
 * Its XHTML output is read with the office module's XML layer (no DTD, no entities, bounded depth), after the
 * DOCTYPE line pdftotext always writes. */
#include "import_private.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PDF_TEXT (64u << 20)
#define MAX_LINES    400000

typedef struct pline {
    int page;
    double x0, y0, x1, y1;
    char *text;
    bool drop;
    /* derived */
    double indent, rgap; /* in characters */
    int align;
} pline_t;

typedef struct lines {
    pline_t *v;
    size_t n, cap;
    double page_h;
    int pages;
} lines_t;

static bool is_ascii_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static uint32_t last_cp(const char *s, size_t n)
{
    if (!n)
        return 0;
    size_t at = utf8_prev(s, n), adv;
    return utf8_decode(s + at, n - at, &adv);
}

static uint32_t first_cp(const char *s, size_t n)
{
    size_t adv;
    return n ? utf8_decode(s, n, &adv) : 0;
}

/* Appends a word or a line: a space between the two only when both sides are Latin letters or digits. */
static void join(imp_buf_t *b, const char *s, size_t n, bool wide_gap)
{
    if (!n)
        return;
    if (b->len) {
        uint32_t a = last_cp(b->s, b->len), c = first_cp(s, n);
        if ((is_ascii_alnum(a) && is_ascii_alnum(c)) || (wide_gap && a != ' '))
            imp_buf_put(b, " ", 1);
    }
    imp_buf_put(b, s, n);
}

static double attr_num(office_xml_t *x, const char *name)
{
    const char *v = office_xml_attr(x, name);
    if (!v)
        return 0;
    double d = strtod(v, NULL);
    return isfinite(d) ? d : 0;
}

/* Character width units of a text: Han and full-width 1, others 0.5 (for the size of an em). */
static double width_units(const char *s)
{
    double u = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, n - i, &adv);
        i += adv;
        u += cp >= 0x2E80 ? 1.0 : 0.5;
    }
    return u;
}

static zwgk_result parse_lines(const char *xhtml, size_t len, const char *display, lines_t *L, char *err, size_t errlen)
{
    /* pdftotext writes a DOCTYPE naming the XHTML DTD; the XML layer refuses every DTD, so start at <html. */
    const char *start = NULL;
    for (size_t i = 0; i + 5 <= len && i < 4096; i++)
        if (!memcmp(xhtml + i, "<html", 5)) {
            start = xhtml + i;
            break;
        }
    if (!start) {
        snprintf(err, errlen, _("%s: the PDF text could not be read"), display);
        return ZWGK_ERR_FORMAT;
    }
    office_limits_t lim;
    office_limits_default(&lim);
    office_xml_t *x = office_xml_open_memory(start, len - (size_t)(start - xhtml), display, &lim, err, errlen);
    if (!x)
        return ZWGK_ERR_FORMAT;
    zwgk_result r = ZWGK_OK;
    imp_buf_t line = {0};
    int in_line = 0, in_word = 0, page = 0;
    double lx0 = 0, ly0 = 0, lx1 = 0, ly1 = 0, prev_word_x1 = 0, word_x0 = 0, word_x1 = 0, word_h = 0;
    imp_buf_t word = {0};
    for (int ev; (ev = office_xml_next(x)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR) {
            snprintf(err, errlen, "%s", office_xml_error(x));
            r = ZWGK_ERR_FORMAT;
            break;
        }
        if (ev == OFFICE_XML_START) {
            if (office_xml_is(x, "page")) {
                page++;
                double h = attr_num(x, "height");
                if (h > L->page_h)
                    L->page_h = h;
            } else if (office_xml_is(x, "line")) {
                in_line = 1;
                line.len = 0;
                if (line.s)
                    line.s[0] = '\0';
                lx0 = attr_num(x, "xMin");
                ly0 = attr_num(x, "yMin");
                lx1 = attr_num(x, "xMax");
                ly1 = attr_num(x, "yMax");
                prev_word_x1 = lx0;
            } else if (office_xml_is(x, "word") && in_line) {
                in_word = 1;
                word.len = 0;
                word_x0 = attr_num(x, "xMin");
                word_x1 = attr_num(x, "xMax");
                word_h = attr_num(x, "yMax") - attr_num(x, "yMin");
            }
        } else if (ev == OFFICE_XML_TEXT && in_word) {
            size_t n;
            const char *t = office_xml_text(x, &n);
            imp_buf_put(&word, t, n);
        } else if (ev == OFFICE_XML_END) {
            if (office_xml_is(x, "word") && in_word) {
                in_word = 0;
                double gap = word_x0 - prev_word_x1;
                join(&line, word.s ? word.s : "", word.len, line.len && word_h > 0 && gap > 2 * word_h / 1.3);
                prev_word_x1 = word_x1;
            } else if (office_xml_is(x, "line") && in_line) {
                in_line = 0;
                if (!line.len)
                    continue;
                if (L->n == MAX_LINES) {
                    snprintf(err, errlen, _("%s has more than %d lines of text; the file is refused"), display,
                             MAX_LINES);
                    r = ZWGK_ERR_FORMAT;
                    break;
                }
                if (L->n == L->cap) {
                    L->cap = L->cap ? L->cap * 2 : 256;
                    L->v = imp_xrealloc(L->v, L->cap * sizeof *L->v);
                }
                L->v[L->n++] = (pline_t){page, lx0, ly0, lx1, ly1, imp_xstrndup(line.s, line.len), false, 0, 0, 0};
            }
        }
    }
    L->pages = page;
    office_xml_close(x);
    imp_buf_free(&line);
    imp_buf_free(&word);
    return r;
}

/* ---- page furniture ---- */

/* "— 1 —", "-1-", "－ 2 －", "第 3 页", "第3页 共9页", "3": a page number. */
static bool is_page_number(const char *s)
{
    size_t n = strlen(s), digits = 0;
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, n - i, &adv);
        i += adv;
        if (cp >= '0' && cp <= '9')
            digits++;
        else if (cp >= 0xFF10 && cp <= 0xFF19)
            digits++;
        else if (!(cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0xFF0D || cp == 0x2012 || cp == 0x2015 ||
                   cp == 0x2500 || cp == ' ' || cp == 0x3000 || cp == 0x7B2C /* 第 */ || cp == 0x9875 /* 页 */ ||
                   cp == 0x5171 /* 共 */ || cp == '/' || cp == 0x2F))
            return false;
    }
    return digits > 0 && digits <= 8;
}

/* The text with its digits as '#' and without spaces: a running header "第1页" and "第2页" have the same key. */
static char *furniture_key(const char *s)
{
    imp_buf_t b = {0};
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, n - i, &adv);
        if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
            imp_buf_put(&b, "#", 1);
        else if (cp != ' ' && cp != 0x3000)
            imp_buf_put(&b, s + i, adv);
        i += adv;
    }
    if (!b.s)
        imp_buf_put(&b, "", 0);
    return b.s;
}

static size_t drop_furniture(lines_t *L)
{
    size_t dropped = 0;
    /* the first and last two lines of each page are candidates */
    for (size_t i = 0; i < L->n; i++) {
        pline_t *l = &L->v[i];
        bool first = i < 2 || L->v[i - 1].page != l->page || L->v[i - 2].page != l->page;
        bool last = i + 2 >= L->n || L->v[i + 1].page != l->page || L->v[i + 2].page != l->page;
        if (!first && !last)
            continue;
        if (is_page_number(l->text)) {
            l->drop = true;
            continue;
        }
        if (L->pages < 2)
            continue;
        char *key = furniture_key(l->text);
        int pages = 0, last_page = -1;
        for (size_t k = 0; k < L->n; k++) {
            const pline_t *o = &L->v[k];
            if (o->page == last_page || fabs(o->y0 - l->y0) > 3)
                continue;
            char *ok = furniture_key(o->text);
            if (!strcmp(ok, key)) {
                pages++;
                last_page = o->page;
            }
            free(ok);
        }
        free(key);
        if (pages >= 2)
            l->drop = true;
    }
    for (size_t i = 0; i < L->n; i++)
        dropped += L->v[i].drop;
    return dropped;
}

/* ---- the text block ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The most common value of v (sorted here; bucketed to 2 points). */
static double mode(double *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    double best = v[0];
    size_t best_n = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] - v[i] <= 2)
            j++;
        if (j - i > best_n) {
            best_n = j - i;
            best = v[i + (j - i) / 2];
        }
        i = j;
    }
    return best;
}

/* A margin from line edges v (sorted here): the buckets of lines within 2 points of each other, the outermost one
 * (smallest when want_min, else largest) that holds at least a third as many lines as the fullest bucket and at
 * least two.  So a text block whose full lines are few still gets its true margin, and one line standing out beyond
 * it does not move it.  The most common value when no bucket has two lines. */
static double margin(double *v, size_t n, bool want_min)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    size_t best_n = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] - v[i] <= 2)
            j++;
        if (j - i > best_n)
            best_n = j - i;
        i = j;
    }
    double pick = v[want_min ? 0 : n - 1];
    bool found = false;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] - v[i] <= 2)
            j++;
        size_t c = j - i;
        if (c >= 2 && c * 3 >= best_n && (!found || !want_min)) {
            pick = want_min ? v[i] : v[j - 1];
            found = true;
        }
        i = j;
    }
    return pick;
}

static bool ends_paragraph(const char *s)
{
    uint32_t c = last_cp(s, strlen(s));
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0xFF1A || c == 0x3015 || c == '!' ||
           c == '?' || c == 0x201D || c == 0xFF09;
}

static zwgk_result lines_to_source(lines_t *L, imp_source_t *src)
{
    size_t n = 0;
    double *xs = imp_xrealloc(NULL, (L->n + 1) * sizeof *xs), *ends = imp_xrealloc(NULL, (L->n + 1) * sizeof *ends);
    double *ems = imp_xrealloc(NULL, (L->n + 1) * sizeof *ems), *hs = imp_xrealloc(NULL, (L->n + 1) * sizeof *hs);
    for (size_t i = 0; i < L->n; i++)
        if (!L->v[i].drop) {
            xs[n] = L->v[i].x0;
            hs[n] = L->v[i].y1 - L->v[i].y0;
            n++;
        }
    double left = margin(xs, n, true), body_h = mode(hs, n);
    size_t ne = 0;
    for (size_t i = 0; i < L->n; i++)
        if (!L->v[i].drop)
            ends[ne++] = L->v[i].x1;
    double right = ne ? margin(ends, ne, false) : left;
    size_t nem = 0;
    for (size_t i = 0; i < L->n; i++) {
        pline_t *l = &L->v[i];
        if (l->drop || fabs(l->x0 - left) > 2 || fabs(l->x1 - right) > 4)
            continue;
        double u = width_units(l->text);
        if (u >= 4)
            ems[nem++] = (l->x1 - l->x0) / u;
    }
    double em = 0;
    if (nem) {
        qsort(ems, nem, sizeof *ems, cmp_double);
        em = ems[nem / 2];
    }
    if (em <= 0)
        em = body_h > 0 ? body_h / 1.3 : 12;
    for (size_t i = 0; i < L->n; i++) {
        pline_t *l = &L->v[i];
        double h = l->y1 - l->y0;
        double lem = body_h > 0 && h > body_h * 1.15 ? em * h / body_h : em; /* a large line's own em */
        l->indent = (l->x0 - left) / lem;
        l->rgap = (right - l->x1) / lem;
        double lg = (l->x0 - left) / em, rg = (right - l->x1) / em;
        size_t numlen;
        bool body_line = body_h <= 0 || h <= body_h * 1.15;
        /* a numbered heading at the paragraph indent may end where it looks centred: it is not */
        if (body_line && imp_number_level(l->text, &numlen) > 0 && lg < 2.6)
            l->align = IMP_START;
        else if (lg >= 1.5 && fabs(lg - rg) <= 0.8 && rg >= 1.5)
            l->align = IMP_CENTER;
        else if (lg >= 6 && lg > rg + 4)
            l->align = IMP_END;
        else
            l->align = IMP_START;
    }
    free(xs);
    free(ends);
    free(ems);
    free(hs);

    /* lines into paragraphs */
    imp_buf_t text = {0};
    const pline_t *first = NULL, *prev = NULL;
    size_t sizes[128] = {0};
    for (size_t i = 0; i <= L->n; i++) {
        const pline_t *l = i < L->n ? &L->v[i] : NULL;
        if (l && l->drop)
            continue;
        bool brk = !l || !prev;
        if (l && prev) {
            double h = l->y1 - l->y0, ph = prev->y1 - prev->y0;
            size_t numlen;
            bool numbered = imp_number_level(l->text, &numlen) > 0;
            if (l->align != prev->align || fabs(h - ph) > 0.2 * ph)
                brk = true; /* another kind of line: a title after the mark, the body after the title */
            else if (l->align == IMP_END)
                brk = true; /* each line of a 落款 is its own */
            else if (l->align == IMP_CENTER)
                brk = l->page != prev->page; /* a title over several lines is one */
            else if (l->indent >= 1.5 && l->indent > prev->indent + 1)
                brk = true; /* a first-line indent */
            else if (prev->rgap > 1.5 && (ends_paragraph(prev->text) || numbered || l->indent >= 1.5))
                brk = true;
            else if (prev->rgap > 4)
                brk = true; /* a short line: a heading, a line of an address */
            else if (l->page == prev->page && l->y0 - prev->y1 > 1.2 * ph)
                brk = true; /* a blank line between them */
            else if (numbered && prev->rgap > 0.8)
                brk = true;
        }
        if (brk && first) {
            imp_para_t *p = imp_source_add(src);
            p->text = text.s ? text.s : imp_xstrdup("");
            memset(&text, 0, sizeof text);
            p->align = first->align;
            p->indent = (int)lround(first->align == IMP_START ? first->indent : 0);
            p->bold_len = SIZE_MAX;
            double h = first->y1 - first->y0;
            p->size = body_h > 0 ? (int)lround(32.0 * h / body_h) : 0;
            if (p->size > 0 && p->size < 128)
                sizes[p->size] += strlen(p->text);
            first = NULL;
        }
        if (!l)
            break;
        if (!first)
            first = l;
        join(&text, l->text, strlen(l->text), false);
        prev = l;
    }
    imp_buf_free(&text);
    /* The body's size: the sizes above are relative to the most common line height, taken as 三号 (32). */
    size_t best = 0;
    for (int k = 1; k < 128; k++)
        if (sizes[k] > best) {
            best = sizes[k];
            src->body_size = k;
        }
    return ZWGK_OK;
}

zwgk_result imp_pdf_parse_bbox(const char *xhtml, size_t len, const char *display, imp_source_t *src, char *err,
                               size_t errlen)
{
    lines_t L = {0};
    zwgk_result r = parse_lines(xhtml, len, display, &L, err, errlen);
    if (r == ZWGK_OK) {
        src->dropped_page_lines = drop_furniture(&L);
        r = lines_to_source(&L, src);
    }
    for (size_t i = 0; i < L.n; i++)
        free(L.v[i].text);
    free(L.v);
    if (r == ZWGK_OK && src->count == 0) {
        snprintf(err, errlen,
                 _("%s has no text to import: it is probably a scanned image. Import the Word/WPS file it was made "
                   "from instead"),
                 display);
        r = ZWGK_ERR_FORMAT;
    }
    return r;
}

zwgk_result imp_from_pdf(const char *path, const char *display, const import_options_t *opt, imp_source_t *src,
                         char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, _("cannot read %s: %s"), display, strerror(errno));
        return ZWGK_ERR_IO;
    }
    char head[1024];
    size_t nhead = fread(head, 1, sizeof head, f);
    fclose(f);
    bool pdf = false;
    for (size_t i = 0; i + 5 <= nhead && !pdf; i++)
        pdf = !memcmp(head + i, "%PDF-", 5);
    if (!pdf) {
        snprintf(err, errlen, _("%s is not a PDF file (it does not start as one): check that it opens in a PDF reader"),
                 display);
        return ZWGK_ERR_FORMAT;
    }
    char *prog = imp_which(opt->pdftotext ? opt->pdftotext : "pdftotext");
    if (!prog) {
        snprintf(err, errlen,
                 _("%s: reading a PDF needs pdftotext, which is not installed: install the Debian package "
                   "poppler-utils (sudo apt-get install poppler-utils)"),
                 display);
        return ZWGK_ERR_UNSUPPORTED;
    }
    const char *base = getenv("TMPDIR");
    imp_buf_t dir = {0}, out = {0};
    imp_buf_printf(&dir, "%s/zwgk-pdf-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir.s)) {
        snprintf(err, errlen, _("cannot make a temporary folder for the conversion: %s"), strerror(errno));
        imp_buf_free(&dir);
        free(prog);
        return ZWGK_ERR_IO;
    }
    imp_buf_printf(&out, "%s/text.html", dir.s);
    char *abs = realpath(path, NULL);
    char *argv[] = {prog, "-bbox-layout", "-enc", "UTF-8", "-q", abs ? abs : (char *)path, out.s, NULL};
    int timeout = opt->timeout_s > 0 ? opt->timeout_s : 120;
    int st = imp_run(argv, NULL, timeout);
    free(abs);
    free(prog);
    zwgk_result r = ZWGK_OK;
    char *data = NULL;
    size_t len = 0;
    struct stat sb;
    if (st == -2) {
        snprintf(err, errlen, _("%s: reading the PDF took longer than %d seconds; the file is skipped"), display,
                 timeout);
        r = ZWGK_ERR_FORMAT;
    } else if (st != 0 || stat(out.s, &sb) != 0) {
        snprintf(err, errlen,
                 _("%s is damaged or encrypted: pdftotext could not read its text. Open it in a PDF reader, or "
                   "import the Word/WPS file it was made from"),
                 display);
        r = ZWGK_ERR_FORMAT;
    } else if ((uint64_t)sb.st_size > MAX_PDF_TEXT) {
        snprintf(err, errlen, _("%s holds more text than any document (over %u MB); the file is refused"), display,
                 MAX_PDF_TEXT >> 20);
        r = ZWGK_ERR_FORMAT;
    } else if ((f = fopen(out.s, "rb")) != NULL) {
        data = imp_xrealloc(NULL, (size_t)sb.st_size + 1);
        len = fread(data, 1, (size_t)sb.st_size, f);
        data[len] = '\0';
        fclose(f);
    } else {
        snprintf(err, errlen, _("cannot read %s: %s"), out.s, strerror(errno));
        r = ZWGK_ERR_IO;
    }
    unlink(out.s);
    rmdir(dir.s);
    imp_buf_free(&dir);
    imp_buf_free(&out);
    if (r == ZWGK_OK)
        r = imp_pdf_parse_bbox(data, len, display, src, err, errlen);
    free(data);
    return r;
}
