/* print_pdf.c — the page engine: fonts, text, QR codes and the flow, drawn with cairo into a one-page PDF.
 *
 * Fonts: the kiosk's own files at the configured face (the SC face of Noto Sans CJK), opened by cairo-ft, so the PDF
 * embeds exactly the font the screen uses, with a ToUnicode map (pdftotext and a screen reader get the text back).  The
 * faces are loaded once per process and kept: cairo holds on to font faces in its own caches after their last reference
 * goes, so faces made per page would pile up there.  One mutex serialises every render (the kiosk renders on its one
 * worker, zwgk-admin on its only thread; a font face's glyph caches are not safe to share between threads anyway).
 *
 * Metrics: hinting off, so glyph advances are the font's linear advances scaled to the size — the same numbers the
 * layout measures with (the advance in em × size, in 1/64 pt for text_layout_paragraph),
 * so the line breaks chosen are the ones cairo draws.
 *
 * QR codes: libqrencode, 8-bit mode, error correction M (as on screen, render/qr.c), drawn as one path of dark
 * squares — horizontal runs merged into one rectangle, so a printer gets a few hundred vector rectangles and a
 * scanner sharp edges at any resolution — with the 4-module quiet zone left white. */
#include "print_private.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define QR_QUIET 4
/* The size the advances are read at: cairo-ft reports a linear advance in 16.16 of the size, so a large size keeps
 * them exact to far below a printer dot. */
#define EM_SIZE 1000.0

static pthread_mutex_t fonts_lock = PTHREAD_MUTEX_INITIALIZER;
typedef struct font_slot {
    char path[512];
    int index;
    cairo_font_face_t *cface; /* cairo-ft, made from a fontconfig pattern naming the file: for glyph outlines */
    cairo_scaled_font_t *em;  /* cface at EM_SIZE, unhinted: glyph ids and linear advances */
    cairo_font_face_t *uface; /* the user font drawn with (see outline_glyph) */
    float *adv;               /* advance in em per BMP code point; < 0: not measured yet */
} font_slot_t;
static font_slot_t slots[4];

/* The font the page is drawn with is a cairo user font whose glyphs are the real font's outlines, so the PDF embeds
 * it as a Type 3 font (vector outlines, with a ToUnicode map: the text still copies and pdftotext reads it).  Why not
 * cairo-ft's own embedding: cairo 1.16's CFF subsetter (Debian 12) drops the subroutines some Noto CJK glyphs use,
 * and those characters print as empty boxes (如 in 如实, 如存款 — seen with both poppler and Ghostscript). */
static const cairo_user_data_key_t slot_key;

static cairo_status_t outline_init(cairo_scaled_font_t *sf, cairo_t *cr, cairo_font_extents_t *ext)
{
    (void)sf;
    (void)cr;
    ext->ascent = 0.88;
    ext->descent = 0.12;
    ext->height = 1.0;
    ext->max_x_advance = 1.0;
    ext->max_y_advance = 0;
    return CAIRO_STATUS_SUCCESS;
}

/* The linear advance of glyph in em: what the layout measured (advance_em) and what cairo then draws. */
static double glyph_advance_em(const font_slot_t *s, unsigned long glyph)
{
    cairo_glyph_t g = {glyph, 0, 0};
    cairo_text_extents_t e;
    cairo_scaled_font_glyph_extents(s->em, &g, 1, &e);
    return cairo_scaled_font_status(s->em) == CAIRO_STATUS_SUCCESS ? e.x_advance / EM_SIZE : 1.0;
}

static unsigned long glyph_of(const font_slot_t *s, uint32_t cp)
{
    char u8[4];
    int n = (int)utf8_encode(cp, u8);
    cairo_glyph_t one, *glyphs = &one;
    int count = 1;
    if (cairo_scaled_font_text_to_glyphs(s->em, 0, 0, u8, n, &glyphs, &count, NULL, NULL, NULL) !=
            CAIRO_STATUS_SUCCESS ||
        count < 1)
        return 0;
    unsigned long g = glyphs[0].index;
    if (glyphs != &one)
        cairo_glyph_free(glyphs);
    return g;
}

static cairo_status_t outline_glyph(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
                                    cairo_text_extents_t *ext)
{
    const struct font_slot *s = cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(sf), &slot_key);
    if (!s)
        return CAIRO_STATUS_USER_FONT_ERROR;
    ext->x_advance = glyph_advance_em(s, glyph);
    cairo_set_font_face(cr, s->cface);
    cairo_set_font_size(cr, 1.0);
    cairo_glyph_t g = {glyph, 0, 0};
    cairo_glyph_path(cr, &g, 1);
    cairo_fill(cr);
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t outline_map(cairo_scaled_font_t *sf, unsigned long unicode, unsigned long *glyph)
{
    const struct font_slot *s = cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(sf), &slot_key);
    *glyph = s && unicode <= 0x10FFFF ? glyph_of(s, (uint32_t)unicode) : 0;
    return CAIRO_STATUS_SUCCESS;
}

static void slot_clear(font_slot_t *s)
{
    cairo_font_face_destroy(s->uface);
    cairo_scaled_font_destroy(s->em);
    cairo_font_face_destroy(s->cface);
    free(s->adv);
    memset(s, 0, sizeof *s);
}

/* Returns the cached face of path/index, loading it on first use.  Under fonts_lock.
 *
 * The face is named to cairo by a fontconfig pattern holding only FC_FILE and FC_INDEX: cairo-ft opens exactly that
 * file and face (no font matching), and the print module calls no FreeType function itself — the kiosk links no
 * FreeType (issue 12 §2; SDL2_ttf and cairo link it for themselves). */
static font_slot_t *font_get(const char *path, int index, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
        if (slots[i].em && slots[i].index == index && !strcmp(slots[i].path, path))
            return &slots[i];
    font_slot_t *s = NULL;
    for (size_t i = 0; i < sizeof slots / sizeof slots[0] && !s; i++)
        if (!slots[i].em)
            s = &slots[i];
    if (!s || strlen(path) >= sizeof s->path) {
        snprintf(err, errlen, "too many fonts, or a font path too long: %s", path);
        return NULL;
    }
    if (access(path, R_OK) != 0) {
        snprintf(err, errlen, "cannot open font %s (face %d)", path, index);
        return NULL;
    }
    FcPattern *pat = FcPatternCreate();
    if (!pat || !FcPatternAddString(pat, FC_FILE, (const FcChar8 *)path) ||
        !FcPatternAddInteger(pat, FC_INDEX, index)) {
        if (pat)
            FcPatternDestroy(pat);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->cface = cairo_ft_font_face_create_for_pattern(pat);
    FcPatternDestroy(pat); /* cairo keeps its own reference */
    cairo_matrix_t size, unit;
    cairo_matrix_init_scale(&size, EM_SIZE, EM_SIZE);
    cairo_matrix_init_identity(&unit);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    s->em = cairo_scaled_font_create(s->cface, &size, &unit, fo);
    cairo_font_options_destroy(fo);
    s->adv = malloc(65536 * sizeof *s->adv);
    /* A file that is no font fails here: cairo opens the face when the scaled font is made. */
    if (cairo_font_face_status(s->cface) != CAIRO_STATUS_SUCCESS ||
        cairo_scaled_font_status(s->em) != CAIRO_STATUS_SUCCESS || !s->adv) {
        snprintf(err, errlen, "cannot use font %s (face %d) with cairo", path, index);
        slot_clear(s);
        return NULL;
    }
    s->uface = cairo_user_font_face_create();
    cairo_user_font_face_set_init_func(s->uface, outline_init);
    cairo_user_font_face_set_render_glyph_func(s->uface, outline_glyph);
    cairo_user_font_face_set_unicode_to_glyph_func(s->uface, outline_map);
    if (cairo_font_face_set_user_data(s->uface, &slot_key, s, NULL) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "out of memory");
        slot_clear(s);
        return NULL;
    }
    for (size_t i = 0; i < 65536; i++)
        s->adv[i] = -1.0f;
    snprintf(s->path, sizeof s->path, "%s", path);
    s->index = index;
    return s;
}

static font_slot_t *slot_of(const pdoc_t *pd, int font)
{
    return pd->slot[font];
}

zwgk_result pdoc_fonts(pdoc_t *pd, const print_options_t *o, char *err, size_t errlen)
{
    const char *paths[2] = {o->font_regular, o->font_bold && o->font_bold[0] ? o->font_bold : o->font_regular};
    for (int i = 0; i < 2; i++) {
        font_slot_t *s = font_get(paths[i], o->font_face, err, errlen);
        if (!s)
            return ZWGK_ERR_IO;
        pd->slot[i] = s;
        pd->cface[i] = s->uface;
    }
    return ZWGK_OK;
}

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int length)
{
    pdoc_t *pd = closure;
    if (pd->len + length > pd->cap) {
        size_t cap = pd->cap ? pd->cap : 65536;
        while (cap < pd->len + length)
            cap *= 2;
        unsigned char *b = realloc(pd->buf, cap);
        if (!b) {
            pd->oom = true;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        pd->buf = b;
        pd->cap = cap;
    }
    memcpy(pd->buf + pd->len, data, length);
    pd->len += length;
    return CAIRO_STATUS_SUCCESS;
}

zwgk_result pdoc_begin(pdoc_t *pd, double w, double h)
{
    pd->w = w;
    pd->h = h;
    pd->surf = cairo_pdf_surface_create_for_stream(write_cb, pd, w, h);
    if (cairo_surface_status(pd->surf) != CAIRO_STATUS_SUCCESS)
        return ZWGK_ERR_NOMEM;
    cairo_pdf_surface_set_metadata(pd->surf, CAIRO_PDF_METADATA_CREATOR, "zwgk-kiosk");
    pd->cr = cairo_create(pd->surf);
    if (cairo_status(pd->cr) != CAIRO_STATUS_SUCCESS)
        return ZWGK_ERR_NOMEM;
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(pd->cr, fo);
    cairo_font_options_destroy(fo);
    /* White paper, black ink. */
    cairo_set_source_rgb(pd->cr, 0, 0, 0);
    return ZWGK_OK;
}

zwgk_result pdoc_finish(pdoc_t *pd, print_page_t *out)
{
    if (!pd->cr)
        return ZWGK_ERR_INVALID;
    cairo_show_page(pd->cr);
    cairo_status_t cs = cairo_status(pd->cr);
    cairo_destroy(pd->cr);
    pd->cr = NULL;
    cairo_surface_finish(pd->surf);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(pd->surf);
    cairo_surface_destroy(pd->surf);
    pd->surf = NULL;
    if (pd->oom || cs != CAIRO_STATUS_SUCCESS)
        return pd->oom || cs == CAIRO_STATUS_NO_MEMORY ? ZWGK_ERR_NOMEM : ZWGK_ERR_INVALID;
    out->pdf = pd->buf;
    out->len = pd->len;
    out->width_mm = pd->w / PT_PER_MM;
    out->height_mm = pd->h / PT_PER_MM;
    pd->buf = NULL;
    pd->len = pd->cap = 0;
    return ZWGK_OK;
}

void pdoc_free(pdoc_t *pd)
{
    if (pd->cr)
        cairo_destroy(pd->cr);
    if (pd->surf) {
        cairo_surface_finish(pd->surf);
        cairo_surface_destroy(pd->surf);
    }
    free(pd->buf);
    text_lines_free(&pd->lines);
    memset(pd, 0, sizeof *pd);
}

/* ---- text ---- */

typedef struct measure_ctx {
    pdoc_t *pd;
    int font;
    double scale; /* 1/64 pt per em */
} measure_ctx_t;

static double advance_em(pdoc_t *pd, int font, uint32_t cp)
{
    font_slot_t *s = slot_of(pd, font);
    if (cp < 65536 && s->adv[cp] >= 0)
        return s->adv[cp];
    double a = glyph_advance_em(s, glyph_of(s, cp));
    if (cp < 65536)
        s->adv[cp] = (float)a;
    return a;
}

static int measure_cb(void *ctx, uint32_t cp)
{
    measure_ctx_t *m = ctx;
    if (cp == '\n' || cp == '\r')
        return 0;
    return (int)(advance_em(m->pd, m->font, cp) * m->scale + 0.5);
}

static measure_ctx_t measure_of(pdoc_t *pd, const pstyle_t *st)
{
    return (measure_ctx_t){pd, st->font, st->size * 64.0};
}

double pdoc_text_width(pdoc_t *pd, const pstyle_t *st, const char *s)
{
    measure_ctx_t m = measure_of(pd, st);
    long long w = 0;
    for (size_t i = 0, n = strlen(s); i < n;) {
        size_t adv;
        w += measure_cb(&m, utf8_decode(s + i, n - i, &adv));
        i += adv;
    }
    return w / 64.0;
}

void pdoc_text(pdoc_t *pd, const pstyle_t *st, double x, double y, const char *s)
{
    if (!pd->cr || !*s)
        return;
    cairo_set_font_face(pd->cr, pd->cface[st->font]);
    cairo_set_font_size(pd->cr, st->size);
    cairo_set_source_rgb(pd->cr, st->gray, st->gray, st->gray);
    cairo_move_to(pd->cr, x, y);
    cairo_show_text(pd->cr, s);
}

/* Lays s out into pd->lines; returns the line count (0 when out of memory). */
static size_t layout(pdoc_t *pd, const pstyle_t *st, double w, const char *s)
{
    measure_ctx_t m = measure_of(pd, st);
    text_lines_clear(&pd->lines);
    int max = (int)((w - st->hang) * 64.0);
    if (max < 64)
        max = 64;
    int first = (int)(st->indent * 64.0);
    if (text_layout_paragraph(s, strlen(s), max, first, measure_cb, &m, &pd->lines) < 0) {
        pd->oom = true;
        return 0;
    }
    return pd->lines.count;
}

/* Lines shown of a paragraph laid out into n lines. */
static size_t shown_lines(const pstyle_t *st, size_t n)
{
    return st->max_lines > 0 && n > (size_t)st->max_lines ? (size_t)st->max_lines : n;
}

double pdoc_para_height(pdoc_t *pd, const pstyle_t *st, double w, const char *s)
{
    return (double)shown_lines(st, layout(pd, st, w, s)) * st->size * st->lead;
}

double pdoc_para(pdoc_t *pd, const pstyle_t *st, double x, double y, double w, const char *s)
{
    size_t all = layout(pd, st, w, s), n = shown_lines(st, all);
    double lh = st->size * st->lead;
    /* The baseline sits where the font's ascent puts it in a line box of lh (Noto CJK: ascent 0.88 em). */
    double base = (lh - st->size) / 2 + st->size * 0.88;
    for (size_t i = 0; i < n && pd->cr; i++) {
        const text_line_t *l = &pd->lines.lines[i];
        size_t len = l->end - l->start;
        if (len > sizeof pd->line - 8) /* only zero-width runs make a line this long: cut it at a code point */
            len = utf8_prev(s + l->start, sizeof pd->line - 8);
        memcpy(pd->line, s + l->start, len);
        pd->line[len] = '\0';
        if (i + 1 == n && n < all) { /* the last line shown of a longer text: make room for …, say it goes on */
            for (int k = 0; k < 2 && len > 0; k++)
                len = utf8_prev(pd->line, len);
            memcpy(pd->line + len, "…", sizeof "…");
        }
        double lx = x + st->hang + l->indent / 64.0, room = w - st->hang - l->width / 64.0;
        if (st->align && room > 0)
            lx += st->align == 1 ? room / 2 : room;
        pdoc_text(pd, st, lx, y + (double)i * lh + base, pd->line);
    }
    return (double)n * lh;
}

/* ---- shapes ---- */

void pdoc_box(pdoc_t *pd, double x, double y, double w, double h, double line_w)
{
    if (!pd->cr)
        return;
    cairo_set_source_rgb(pd->cr, 0, 0, 0);
    cairo_set_line_width(pd->cr, line_w);
    cairo_rectangle(pd->cr, x, y, w, h);
    cairo_stroke(pd->cr);
}

void pdoc_rule(pdoc_t *pd, double x1, double y1, double x2, double y2, double line_w, double gray)
{
    if (!pd->cr)
        return;
    cairo_set_source_rgb(pd->cr, gray, gray, gray);
    cairo_set_line_width(pd->cr, line_w);
    cairo_move_to(pd->cr, x1, y1);
    cairo_line_to(pd->cr, x2, y2);
    cairo_stroke(pd->cr);
}

void pdoc_fill(pdoc_t *pd, double x, double y, double w, double h, double gray)
{
    if (!pd->cr)
        return;
    cairo_set_source_rgb(pd->cr, gray, gray, gray);
    cairo_rectangle(pd->cr, x, y, w, h);
    cairo_fill(pd->cr);
}

bool pdoc_qr(pdoc_t *pd, const char *url, double x, double y, double side)
{
    if (!url || !*url)
        return false;
    QRcode *q = QRcode_encodeData((int)strlen(url), (const unsigned char *)url, 0, QR_ECLEVEL_M);
    if (!q)
        return false;
    if (pd->cr) {
        double m = side / (q->width + 2 * QR_QUIET);
        cairo_set_source_rgb(pd->cr, 0, 0, 0);
        for (int r = 0; r < q->width; r++)
            for (int c = 0; c < q->width;) {
                if (!(q->data[r * q->width + c] & 1)) {
                    c++;
                    continue;
                }
                int run = c;
                while (run < q->width && (q->data[r * q->width + run] & 1))
                    run++;
                cairo_rectangle(pd->cr, x + (c + QR_QUIET) * m, y + (r + QR_QUIET) * m, (run - c) * m, m);
                c = run;
            }
        cairo_fill(pd->cr);
    }
    QRcode_free(q);
    return true;
}

/* ---- the flow ---- */

void pflow_init(pflow_t *f, pdoc_t *pd, double x, double y, double w, double limit)
{
    *f = (pflow_t){.pd = pd, .x = x, .w = w, .y = y, .limit = limit};
}

bool pflow_para(pflow_t *f, const pstyle_t *st, const char *bullet, bool box, const char *s)
{
    f->items++;
    if (f->cut)
        return false;
    double h = pdoc_para_height(f->pd, st, f->w, s);
    if (f->y + h > f->limit) {
        f->cut = true;
        return false;
    }
    double lh = st->size * st->lead;
    if (box) { /* a box to tick, on the first line, the size of a character less a little */
        double b = st->size * 0.78;
        pdoc_box(f->pd, f->x + (st->hang - b) / 2 - st->size * 0.1, f->y + (lh - b) / 2, b, b, 0.8);
    } else if (bullet) {
        pstyle_t bs = *st;
        bs.hang = 0;
        bs.indent = 0;
        pdoc_text(f->pd, &bs, f->x, f->y + (lh - st->size) / 2 + st->size * 0.88, bullet);
    }
    pdoc_para(f->pd, st, f->x, f->y, f->w, s);
    f->y += h;
    f->shown++;
    return true;
}

bool pflow_heading(pflow_t *f, const pstyle_t *st, const pstyle_t *st_next, const char *s)
{
    if (f->cut)
        return false;
    double lh = st->size * st->lead;
    double need = lh + (st_next ? st_next->size * st_next->lead : 0);
    if (f->y + need > f->limit) {
        f->cut = true;
        return false;
    }
    pdoc_fill(f->pd, f->x, f->y + lh * 0.2, st->size * 0.22, lh * 0.6, 0);
    pstyle_t hs = *st;
    hs.hang = st->size * 0.5;
    pdoc_para(f->pd, &hs, f->x, f->y, f->w, s);
    f->y += lh;
    return true;
}

void pflow_gap(pflow_t *f, double dy)
{
    if (!f->cut)
        f->y += dy;
}

void print_today(char *buf, size_t cap)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    snprintf(buf, cap, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void print_foot_line(const print_options_t *o, const char *date, char *buf, size_t cap)
{
    if (o->content_version > 0)
        snprintf(buf, cap, "打印日期：%s　内容版本：%lld　本页由政务公开专区自助终端打印，以窗口和网上最新发布为准",
                 date, o->content_version);
    else
        snprintf(buf, cap, "打印日期：%s　本页由政务公开专区自助终端打印，以窗口和网上最新发布为准", date);
}

/* ---- the public entry ---- */

void print_options_default(print_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->media = PRINT_MEDIA_A4;
    o->font_regular = ZWGK_FONT_REGULAR;
    o->font_bold = ZWGK_FONT_BOLD;
    o->font_face = ZWGK_FONT_FACE;
}

/* A guide offers the blank application form when one of its materials is the form itself. */
static bool guide_has_form(const content_doc_t *d)
{
    for (size_t i = 0; i < d->nmaterials; i++)
        if (d->materials[i].name && strstr(d->materials[i].name, "政府信息公开申请表"))
            return true;
    return false;
}

unsigned print_kinds(const content_doc_t *d)
{
    if (!d)
        return 0;
    if (d->s.type == DOC_GUIDE)
        return 1u << PRINT_GUIDE | (guide_has_form(d) ? 1u << PRINT_FORM : 0);
    if (d->s.type == DOC_POLICY)
        return 1u << PRINT_POLICY;
    return 0;
}

void print_job_title(const content_doc_t *d, print_what_t what, char *buf, size_t cap)
{
    const char *key = d && d->s.key ? d->s.key : "doc";
    switch (what) {
    case PRINT_GUIDE:
        snprintf(buf, cap, "明白纸-%s.pdf", key);
        break;
    case PRINT_FORM:
        snprintf(buf, cap, "申请表-%s.pdf", key);
        break;
    default:
        snprintf(buf, cap, "%s-第1页.pdf", key);
        break;
    }
}

zwgk_result print_render(const content_doc_t *d, print_what_t what, const print_options_t *o, print_page_t *out,
                         char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!d || !(print_kinds(d) & (1u << what))) {
        snprintf(err, errlen, "this document has no page of that kind to print");
        return ZWGK_ERR_INVALID;
    }
    pthread_mutex_lock(&fonts_lock);
    pdoc_t pd = {0};
    zwgk_result r = pdoc_fonts(&pd, o, err, errlen);
    if (r == ZWGK_OK) {
        r = what == PRINT_GUIDE  ? print_guide_page(&pd, d, o, out)
            : what == PRINT_FORM ? print_form_page(&pd, d, o, out)
                                 : print_policy_page(&pd, d, o, out);
        if (r == ZWGK_OK && pd.oom)
            r = ZWGK_ERR_NOMEM;
        if (r == ZWGK_OK)
            r = pdoc_finish(&pd, out);
        if (r != ZWGK_OK)
            snprintf(err, errlen, "%s", zwgk_result_str(r));
    }
    pdoc_free(&pd);
    pthread_mutex_unlock(&fonts_lock);
    if (r != ZWGK_OK)
        print_page_free(out);
    return r;
}

void print_page_free(print_page_t *p)
{
    if (!p)
        return;
    free(p->pdf);
    memset(p, 0, sizeof *p);
}
