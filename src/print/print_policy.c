/* print_policy.c — a policy's first page: its head (title, 发文机关, 文号, date, validity), as much of the body as
 * one page holds, block by block, and its 码上知 QR code for the rest.
 *
 * A policy is many pages long; the kiosk prints only its first, at a fixed 11 pt (a first page is not shrunk to
 * squeeze more in: it would only be less readable), and says at its foot how to read the whole: "完整内容请扫码查看"
 * beside the QR code.  Blocks keep their alignment (落款 right, 居中 centred, 顶格 flush), headings are bold, body
 * paragraphs indent two characters, tables are drawn as ruled grids, a row at a time. */
#include "print_private.h"

#include <stdio.h>
#include <string.h>

#define A4_W    (210.0 * PT_PER_MM)
#define A4_H    (297.0 * PT_PER_MM)
#define BODY_PT 11.0

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* One table row, its cells side by side; placed whole or not at all. */
static bool table_row(pflow_t *f, const pstyle_t *cell, const content_block_t *b, int row)
{
    f->items++;
    if (f->cut || b->cols <= 0)
        return false;
    double cw = f->w / b->cols, pad = cell->size * 0.3, h = 0;
    pstyle_t st = *cell;
    st.font = row == 0 ? PF_BOLD : PF_REGULAR;
    for (int c = 0; c < b->cols; c++) {
        double ch = pdoc_para_height(f->pd, &st, cw - 2 * pad, nz(b->cells[row * b->cols + c]));
        if (ch > h)
            h = ch;
    }
    h += 2 * pad;
    if (f->y + h > f->limit) {
        f->cut = true;
        return false;
    }
    for (int c = 0; c < b->cols; c++) {
        pdoc_box(f->pd, f->x + c * cw, f->y, cw, h, 0.5);
        pdoc_para(f->pd, &st, f->x + c * cw + pad, f->y + pad, cw - 2 * pad, nz(b->cells[row * b->cols + c]));
    }
    f->y += h;
    f->shown++;
    return true;
}

static void body(pflow_t *f, const content_doc_t *d)
{
    const double b = BODY_PT;
    char num[32];
    for (size_t i = 0; i < d->nblocks && !f->cut; i++) {
        const content_block_t *k = &d->blocks[i];
        pstyle_t st = {PF_REGULAR, b, 1.55, 0, 0, 0, 0, 0};
        switch (k->kind) {
        case BLOCK_HEADING:
            st.font = PF_BOLD;
            st.size = k->level <= 1 ? b * 1.25 : k->level == 2 ? b * 1.1 : b;
            pflow_gap(f, b * 0.3);
            /* a heading never stands alone at the foot of the page: it needs one body line under it */
            if (f->y + pdoc_para_height(f->pd, &st, f->w, nz(k->text)) + b * 1.55 > f->limit)
                f->cut = true;
            pflow_para(f, &st, NULL, false, nz(k->text));
            break;
        case BLOCK_LIST_ITEM:
            st.hang = b * 2;
            if (k->ordered)
                snprintf(num, sizeof num, "%d.", k->number);
            pflow_para(f, &st, k->ordered ? num : "•", false, nz(k->text));
            break;
        case BLOCK_TABLE: {
            pstyle_t cell = {PF_REGULAR, b * 0.85, 1.4, 0, 0, 0, 0, 0};
            for (int r = 0; r < k->rows && !f->cut; r++)
                table_row(f, &cell, k, r);
            pflow_gap(f, b * 0.4);
            break;
        }
        default:
            st.indent = k->align == BLOCK_ALIGN_DEFAULT ? b * 2 : 0;
            st.align = k->align == BLOCK_ALIGN_RIGHT ? 2 : k->align == BLOCK_ALIGN_CENTER ? 1 : 0;
            pflow_para(f, &st, NULL, false, nz(k->text));
            break;
        }
    }
}

static void policy_page(pdoc_t *pd, const content_doc_t *d, const print_options_t *o, pflow_t *f)
{
    const double b = BODY_PT, m = pd->margin, x = m, w = pd->w - 2 * m;
    char meta[1024], foot[512], date[64];
    snprintf(date, sizeof date, "%s", o->date && *o->date ? o->date : "");
    if (!*date)
        print_today(date, sizeof date);
    print_foot_line(o, date, foot, sizeof foot);
    pstyle_t title = {PF_BOLD, b * 1.6, 1.35, 0, 0, 0, 1, 3};
    pstyle_t small = {PF_REGULAR, 8.5, 1.4, 0, 0, 0.25, 0, 3};
    pstyle_t cap = {PF_REGULAR, 9, 1.4, 0, 0, 0, 0, 0};
    pstyle_t note = {PF_BOLD, b * 1.1, 1.5, 0, 0, 0, 0, 0};

    double y = m;
    y += pdoc_para(pd, &title, x, y, w, nz(d->s.title));
    snprintf(meta, sizeof meta, "%s%s%s%s%s　%s", nz(d->s.issuer), d->s.issuer && d->s.doc_number ? " · " : "",
             nz(d->s.doc_number), d->s.issuer || d->s.doc_number ? " · " : "", nz(d->s.publish_date),
             content_validity_name(d->s.validity));
    pstyle_t metas = small;
    metas.align = 1;
    y += pdoc_para(pd, &metas, x, y + b * 0.2, w, meta) + b * 0.2;
    pdoc_rule(pd, x, y + b * 0.4, x + w, y + b * 0.4, 1.2, 0);
    y += b;

    double side = 28 * PT_PER_MM;
    const char *url = d->url && *d->url ? d->url : o->know_url;
    bool qr = url && *url;
    double foot_h = pdoc_para_height(pd, &small, w, foot);
    double block_y = pd->h - m - foot_h - b * 0.5 - (qr ? side : note.size * note.lead * 2);
    pflow_init(f, pd, x, y, w, block_y - b);
    body(f, d);
    pdoc_rule(pd, x, block_y - b * 0.5, x + w, block_y - b * 0.5, 0.6, 0.5);
    double tx = x, tw = w - (qr ? side + 6 * PT_PER_MM : 0);
    double ty = block_y + (qr ? side / 2 - note.size * note.lead : 0);
    pdoc_para(pd, &note, tx, ty, tw, f->cut ? "本页为文件的第一页。完整内容请扫码查看" : "以上为文件全文");
    if (qr) {
        pdoc_para(pd, &cap, tx, ty + note.size * note.lead, tw, "码上知：用手机扫右边的二维码，看网上原文");
        pdoc_qr(pd, url, x + w - side, block_y, side);
    }
    pdoc_para(pd, &small, x, pd->h - m - foot_h, w, foot);
}

zwgk_result print_policy_page(pdoc_t *pd, const content_doc_t *d, const print_options_t *o, print_page_t *out)
{
    /* Roll paper gets the same page on a narrow column: a receipt printer that prints policies is rare, and a first
     * page is still what is asked for, so the roll page is A4-tall. */
    bool roll = o->media == PRINT_MEDIA_ROLL80;
    pd->w = roll ? 80 * PT_PER_MM : A4_W;
    pd->h = A4_H;
    pd->margin = roll ? 4 * PT_PER_MM : 20 * PT_PER_MM;
    zwgk_result r = pdoc_begin(pd, pd->w, pd->h);
    if (r != ZWGK_OK)
        return r;
    pflow_t f;
    policy_page(pd, d, o, &f);
    out->truncated = f.cut;
    out->body_pt = BODY_PT;
    out->items = (int)d->nblocks;
    out->items_shown = f.shown;
    return ZWGK_OK;
}
