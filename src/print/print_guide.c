/* print_guide.c — a service guide's 明白纸: everything a citizen needs to bring and do, on one page.
 *
 * Shape (A4): the title; then a flowing column — 受理条件, 所需材料 as a checklist with a box to tick before each
 * material, 办理流程 as numbered steps, 办理时限 and 收费 — and, fixed at the foot, where and when to go and whom to
 * call (办理地点, 办公时间, 咨询电话, 监督投诉电话) beside the 码上办 and 码上知 QR codes, and the print date and
 * content version.  The foot is laid out first; the column gets what is left.  The type starts at 13.5 pt and
 * shrinks by half points to 9 pt (a size an elderly reader can still read on paper, with glasses) until the column
 * fits; at 9 pt the column keeps what fits item by item and the page says "完整内容请扫码查看" right above the QR
 * codes, which carry the full guide.  Materials come before steps because they are what a citizen must not miss.
 *
 * Roll paper (80 mm): one column holds everything, the QR codes stacked, at 9 pt, and the page is as long as that. */
#include "print_private.h"

#include <stdio.h>
#include <string.h>

#define A4_W        (210.0 * PT_PER_MM)
#define A4_H        (297.0 * PT_PER_MM)
#define ROLL_W      (80.0 * PT_PER_MM)
#define SIZE_MAX_PT 13.5
#define SIZE_MIN_PT 9.0

static const char *nz(const char *s)
{
    return s ? s : "";
}

typedef struct gstyles {
    pstyle_t title, head, body, item, small, field;
} gstyles_t;

static gstyles_t styles_at(double b)
{
    gstyles_t g;
    g.title = (pstyle_t){PF_BOLD, b * 1.7, 1.3, 0, 0, 0, 0, 3};
    g.head = (pstyle_t){PF_BOLD, b * 1.12, 1.6, 0, 0, 0, 0, 0};
    g.body = (pstyle_t){PF_REGULAR, b, 1.45, 0, 0, 0, 0, 0};
    g.item = (pstyle_t){PF_REGULAR, b, 1.45, 0, b * 1.6, 0, 0, 0};
    g.small = (pstyle_t){PF_REGULAR, b * 0.8 < 7.5 ? 7.5 : b * 0.8, 1.4, 0, 0, 0.25, 0, 3};
    g.field = g.body;
    g.field.max_lines = 4; /* where and when to go: a hostile 50 KB 办理地点 must not push the foot off the page */
    return g;
}

/* A field "label：value" with the label in bold; the value wraps under the whole width.  Placed whole or not at all. */
static bool field(pflow_t *f, const pstyle_t *st, const char *label, const char *value)
{
    if (!value || !*value)
        return true;
    char lab[64];
    snprintf(lab, sizeof lab, "%s：", label);
    pstyle_t bold = *st;
    bold.font = PF_BOLD;
    pstyle_t v = *st;
    v.indent = pdoc_text_width(f->pd, &bold, lab);
    f->items++;
    if (f->cut)
        return false;
    double h = pdoc_para_height(f->pd, &v, f->w, value);
    if (f->y + h > f->limit) {
        f->cut = true;
        return false;
    }
    double lh = st->size * st->lead;
    pdoc_text(f->pd, &bold, f->x, f->y + (lh - st->size) / 2 + st->size * 0.88, lab);
    pdoc_para(f->pd, &v, f->x, f->y, f->w, value);
    f->y += h;
    f->shown++;
    return true;
}

/* The flowing part: conditions, materials, steps, time limit and fee. */
static void guide_flow(pflow_t *f, const gstyles_t *g, const content_doc_t *d, char *buf, size_t cap)
{
    pflow_heading(f, &g->head, &g->item, "受理条件");
    const char *c = nz(d->conditions);
    if (strchr(c, '\n')) {
        for (const char *line = c; *line;) {
            const char *end = strchr(line, '\n');
            size_t n = end ? (size_t)(end - line) : strlen(line);
            if (n) {
                snprintf(buf, cap, "%.*s", (int)n, line);
                pflow_para(f, &g->item, "•", false, buf);
            }
            line += n + (end != NULL);
        }
    } else if (*c) {
        pflow_para(f, &g->body, NULL, false, c);
    }
    field(f, &g->body, "受理范围", d->scope);
    pflow_gap(f, g->body.size * 0.4);

    pflow_heading(f, &g->head, &g->item, "所需材料（备齐一项，在方框里打一个勾）");
    for (size_t i = 0; i < d->nmaterials; i++) {
        const content_material_t *m = &d->materials[i];
        snprintf(buf, cap, "%s（%s %d份）%s%s", nz(m->name), nz(m->form), m->count, m->note ? "：" : "", nz(m->note));
        pflow_para(f, &g->item, NULL, true, buf);
    }
    pflow_gap(f, g->body.size * 0.4);

    pflow_heading(f, &g->head, &g->item, "办理流程");
    for (size_t i = 0; i < d->nsteps; i++) {
        char num[24];
        snprintf(num, sizeof num, "%zu.", i + 1);
        const content_step_t *s = &d->steps[i];
        snprintf(buf, cap, "%s%s%s%s%s%s%s", nz(s->title), s->detail ? "：" : "", nz(s->detail),
                 s->bring ? "　需要带：" : "", nz(s->bring), s->where ? "　去哪里办：" : "", nz(s->where));
        pflow_para(f, &g->item, num, false, buf);
    }
    pflow_gap(f, g->body.size * 0.4);
    field(f, &g->body, "办理时限", d->time_limit);
    field(f, &g->body, "收费", d->fee);
}

/* The where-and-when fields, in a column of width w from y; returns their height (drawn when pd->cr). */
static double contact_fields(pdoc_t *pd, const gstyles_t *g, const content_doc_t *d, double x, double y, double w)
{
    pflow_t f;
    pflow_init(&f, pd, x, y, w, 1e9);
    field(&f, &g->field, "办理地点", d->place);
    field(&f, &g->field, "办公时间", d->hours);
    field(&f, &g->field, "咨询电话", d->phone);
    field(&f, &g->field, "监督投诉电话", d->complaint_phone);
    return f.y - y;
}

typedef struct qr_slot {
    const char *url, *caption;
} qr_slot_t;

static int guide_qrs(const content_doc_t *d, const print_options_t *o, qr_slot_t q[2])
{
    int n = 0;
    if (d->service_url && *d->service_url)
        q[n++] = (qr_slot_t){d->service_url, "码上办：扫码在网上办理"};
    const char *know = d->url && *d->url ? d->url : o->know_url;
    if (know && *know)
        q[n++] = (qr_slot_t){know, "码上知：扫码看政策原文"};
    return n;
}

/* Draws (or measures) QR codes side by side, side pt each with a caption under it; returns the block's height. */
static double qr_row(pdoc_t *pd, const gstyles_t *g, const qr_slot_t *q, int n, double x, double y, double side,
                     double gap)
{
    double h = 0;
    for (int i = 0; i < n; i++) {
        double qx = x + i * (side + gap);
        pdoc_qr(pd, q[i].url, qx, y, side);
        pstyle_t cap = g->small;
        cap.gray = 0;
        double ch = pdoc_para(pd, &cap, qx, y + side, side, q[i].caption);
        if (side + ch > h)
            h = side + ch;
    }
    return h;
}

/* Lays out the whole page at body size b.  With pd->cr NULL it only measures.  Returns the content's bottom. */
static double guide_page(pdoc_t *pd, const content_doc_t *d, const print_options_t *o, double b, bool roll,
                         pflow_t *flow_out)
{
    gstyles_t g = styles_at(b);
    char buf[8192], foot[512], date[64];
    snprintf(date, sizeof date, "%s", o->date && *o->date ? o->date : "");
    if (!*date)
        print_today(date, sizeof date);
    print_foot_line(o, date, foot, sizeof foot);
    double m = pd->margin, x = m, w = pd->w - 2 * m, y = m;
    qr_slot_t q[2];
    int nq = guide_qrs(d, o, q);

    /* Title and what this page is. */
    y += pdoc_para(pd, &g.title, x, y, w, nz(d->s.title));
    y += pdoc_para(pd, &g.small, x, y, w, "办事指南 · 明白纸　带齐材料再出门，少跑一趟");
    pdoc_rule(pd, x, y + b * 0.3, x + w, y + b * 0.3, 1.2, 0);
    y += b * 0.9;

    pflow_t f;
    if (roll) {
        pflow_init(&f, pd, x, y, w, 1e9);
        guide_flow(&f, &g, d, buf, sizeof buf);
        y = f.y + b * 0.5;
        pdoc_rule(pd, x, y, x + w, y, 0.6, 0.5);
        y += b * 0.5 + contact_fields(pd, &g, d, x, y + b * 0.5, w) + b * 0.5;
        double side = 42 * PT_PER_MM;
        for (int i = 0; i < nq; i++)
            y += qr_row(pd, &g, &q[i], 1, x + (w - side) / 2, y, side, 0) + b * 0.5;
        y += pdoc_para(pd, &g.small, x, y, w, foot);
        *flow_out = f;
        return y + m;
    }

    /* A4: the foot first, from the bottom up: the foot line, then QR codes beside the contact fields. */
    double foot_h = pdoc_para_height(pd, &g.small, w, foot);
    double foot_y = pd->h - m - foot_h;
    double side = 30 * PT_PER_MM, qgap = 4 * PT_PER_MM;
    double qr_w = nq ? nq * side + (nq - 1) * qgap : 0;
    double cw = w - qr_w - (nq ? 6 * PT_PER_MM : 0);
    bool was = pd->cr != NULL;
    cairo_t *cr = pd->cr;
    pd->cr = NULL; /* measure the block before placing it */
    double fields_h = contact_fields(pd, &g, d, x, 0, cw);
    double qr_h = qr_row(pd, &g, q, nq, 0, 0, side, qgap);
    pd->cr = was ? cr : NULL;
    double block_h = fields_h > qr_h ? fields_h : qr_h;
    double block_y = foot_y - b * 0.6 - block_h;
    pstyle_t note = g.head;
    double note_h = note.size * note.lead;
    /* The column ends above the block, leaving room for the note in case it is needed. */
    pflow_init(&f, pd, x, y, w, block_y - b * 0.8 - note_h);
    guide_flow(&f, &g, d, buf, sizeof buf);
    if (f.cut)
        pdoc_para(pd, &note, x, block_y - b * 0.8 - note_h, w, "页面有限，以上是部分内容。完整内容请扫码查看 ↘");
    pdoc_rule(pd, x, block_y - b * 0.4, x + w, block_y - b * 0.4, 0.6, 0.5);
    contact_fields(pd, &g, d, x, block_y, cw);
    qr_row(pd, &g, q, nq, x + w - qr_w, block_y, side, qgap);
    pdoc_para(pd, &g.small, x, foot_y, w, foot);
    *flow_out = f;
    return pd->h;
}

zwgk_result print_guide_page(pdoc_t *pd, const content_doc_t *d, const print_options_t *o, print_page_t *out)
{
    bool roll = o->media == PRINT_MEDIA_ROLL80;
    pflow_t f;
    double b = SIZE_MIN_PT;
    if (roll) {
        pd->w = ROLL_W;
        pd->margin = 4 * PT_PER_MM;
        double h = guide_page(pd, d, o, b, true, &f); /* measure: the page is as long as its content */
        zwgk_result r = pdoc_begin(pd, ROLL_W, h);
        if (r != ZWGK_OK)
            return r;
    } else {
        pd->w = A4_W;
        pd->h = A4_H;
        pd->margin = 15 * PT_PER_MM;
        for (b = SIZE_MAX_PT; b > SIZE_MIN_PT; b -= 0.5) {
            guide_page(pd, d, o, b, false, &f);
            if (!f.cut)
                break;
        }
        zwgk_result r = pdoc_begin(pd, A4_W, A4_H);
        if (r != ZWGK_OK)
            return r;
    }
    guide_page(pd, d, o, b, roll, &f);
    out->truncated = f.cut;
    out->body_pt = b;
    out->items = f.items;
    out->items_shown = f.shown;
    return ZWGK_OK;
}
