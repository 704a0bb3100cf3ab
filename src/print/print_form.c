/* print_form.c — the blank 政府信息公开申请表, printed from the 依申请公开 guide for a citizen to fill in by hand.
 *
 * Laid out as the forms 政府信息公开 offices hand out (after the model form of the 条例 of 2019): a ruled table with
 * the applicant's details — a citizen's (姓名、证件、联系方式) or an organisation's (名称、统一社会信用代码、法定代表人
 * 、联系人) — then what is asked for (受理机关, a large box for 所需信息的名称、文号或者有助于查找的说明, 用途
 * optional), how the information should come (载体 and 获取方式 as boxes to tick), signature and date, and a strip the
 * office fills in on receipt.  Cells are tall enough to write in by hand (10 mm); labels are 10.5 pt bold.  Below the
 * form, where to hand it in and whom to call, taken from the guide, and the 码上办 QR code for applying online. */
#include "print_private.h"

#include <stdio.h>
#include <string.h>

#define A4_W (210.0 * PT_PER_MM)
#define A4_H (297.0 * PT_PER_MM)

typedef struct form {
    pdoc_t *pd;
    double x, w, y;
    double group_w, label_w;
    pstyle_t label, small, group;
} form_t;

/* A label cell: the label centred in the box.  A label whose last line would hold one character alone
 * (法定代表人或者负责/人) is set balanced instead — at the narrowest width that keeps its number of lines
 * (法定代表人/或者负责人) — as a form setter centres a caption. */
static void label_cell(form_t *f, double x, double y, double w, double h, const char *s)
{
    pdoc_box(f->pd, x, y, w, h, 0.6);
    pstyle_t st = f->label;
    st.align = 1;
    double bw = w - 6;
    double th = pdoc_para_height(f->pd, &st, bw, s);
    const text_lines_t *ls = &f->pd->lines;
    const text_line_t *last = ls->count > 1 ? &ls->lines[ls->count - 1] : NULL;
    if (last && utf8_count(s + last->start, last->end - last->start) == 1)
        while (bw > st.size * 2 && pdoc_para_height(f->pd, &st, bw - 1, s) <= th)
            bw -= 1;
    pdoc_para(f->pd, &st, x + (w - bw) / 2, y + (h - th) / 2, bw, s);
}

/* A row of (label, field) pairs across the width right of the group column.  n is 1 or 2. */
static void pair_row(form_t *f, double h, const char *l1, const char *l2)
{
    double x = f->x + f->group_w, room = f->w - f->group_w;
    int n = l2 ? 2 : 1;
    double vw = (room - n * f->label_w) / n;
    label_cell(f, x, f->y, f->label_w, h, l1);
    pdoc_box(f->pd, x + f->label_w, f->y, vw, h, 0.6);
    if (l2) {
        label_cell(f, x + f->label_w + vw, f->y, f->label_w, h, l2);
        pdoc_box(f->pd, x + 2 * f->label_w + vw, f->y, vw, h, 0.6);
    }
    f->y += h;
}

/* A row with a label and a line of boxes to tick. */
static void tick_row(form_t *f, double h, const char *label, const char *const *opts, int n)
{
    double x = f->x + f->group_w;
    label_cell(f, x, f->y, f->label_w, h, label);
    double vx = x + f->label_w, vw = f->w - f->group_w - f->label_w;
    pdoc_box(f->pd, vx, f->y, vw, h, 0.6);
    pstyle_t st = f->label;
    st.font = PF_REGULAR;
    double b = st.size * 0.85, cx = vx + st.size * 0.6;
    double base = f->y + h / 2 + st.size * 0.36;
    for (int i = 0; i < n; i++) {
        pdoc_box(f->pd, cx, f->y + (h - b) / 2, b, b, 0.7);
        pdoc_text(f->pd, &st, cx + b + st.size * 0.3, base, opts[i]);
        cx += b + st.size * 0.3 + pdoc_text_width(f->pd, &st, opts[i]) + st.size * 1.2;
    }
    f->y += h;
}

/* The group column: its name written top to bottom, one character a line, centred in the rows from y0. */
static void group_cell(form_t *f, double y0, const char *name)
{
    double h = f->y - y0;
    pdoc_box(f->pd, f->x, y0, f->group_w, h, 0.6);
    pstyle_t st = f->group;
    st.align = 1;
    double th = pdoc_para_height(f->pd, &st, f->group_w - 4, name);
    pdoc_para(f->pd, &st, f->x + 2, y0 + (h - th) / 2, f->group_w - 4, name);
}

zwgk_result print_form_page(pdoc_t *pd, const content_doc_t *d, const print_options_t *o, print_page_t *out)
{
    bool roll = o->media == PRINT_MEDIA_ROLL80;
    /* A form is written on: on roll paper it would be a strip nobody can write in, so it is always A4-shaped; a
     * receipt printer scales it down to its width. */
    (void)roll;
    zwgk_result r = pdoc_begin(pd, A4_W, A4_H);
    if (r != ZWGK_OK)
        return r;
    pd->margin = 15 * PT_PER_MM;
    form_t f = {.pd = pd, .x = pd->margin, .w = A4_W - 2 * pd->margin, .y = pd->margin};
    f.group_w = 9 * PT_PER_MM;
    f.label_w = 36 * PT_PER_MM;
    f.label = (pstyle_t){PF_BOLD, 10.5, 1.3, 0, 0, 0, 0, 0};
    f.small = (pstyle_t){PF_REGULAR, 9, 1.45, 0, 0, 0.2, 0, 0};
    f.group = (pstyle_t){PF_BOLD, 11, 1.2, 0, 0, 0, 0, 0};
    const double row = 10 * PT_PER_MM;

    pstyle_t title = {PF_BOLD, 20, 1.3, 0, 0, 0, 1, 0};
    f.y += pdoc_para(pd, &title, f.x, f.y, f.w, "政府信息公开申请表");
    pstyle_t hint = f.small;
    hint.gray = 0;
    f.y += pdoc_para(pd, &hint, f.x, f.y + 2, f.w,
                     "请用黑色钢笔或者签字笔填写。公民填写“公民”一栏，法人或者其他组织填写“法人或者其他组织”一栏。"
                     "书写确有困难的，可以请窗口工作人员代为填写，您确认后签名或者按手印。") +
           6;
    pstyle_t no = f.small;
    no.align = 2;
    f.y += pdoc_para(pd, &no, f.x, f.y, f.w, "申请编号：________________（由受理机关填写）") + 2;

    /* 申请人信息: a group column, then 公民 / 法人或者其他组织 as a sub-group column, then the rows. */
    double y0 = f.y, gw = f.group_w;
    f.group_w = 2 * gw;
    pair_row(&f, row, "姓　　名", "工作单位");
    pair_row(&f, row, "证件名称", "证件号码");
    pair_row(&f, row, "联系电话", "邮政编码");
    pair_row(&f, row, "通信地址", NULL);
    pair_row(&f, row, "电子邮箱", NULL);
    double y_org = f.y;
    pair_row(&f, row, "名　　称", "统一社会信用代码");
    pair_row(&f, row, "法定代表人或者负责人", "联系人姓名");
    pair_row(&f, row, "联系电话", "电子邮箱");
    pair_row(&f, row, "联系地址", NULL);
    double yend = f.y;
    form_t sub = f;
    sub.x += gw;
    sub.group_w = gw;
    sub.y = y_org;
    group_cell(&sub, y0, "公民");
    sub.y = yend;
    group_cell(&sub, y_org, "法人或者其他组织");
    f.group_w = gw;
    group_cell(&f, y0, "申请人信息");
    f.group_w = 2 * gw;

    y0 = f.y;
    pair_row(&f, row, "受理机关名称", NULL);
    double big = 30 * PT_PER_MM;
    pair_row(&f, big, "所需信息的名称、文号或者有助于查找的说明", NULL);
    pair_row(&f, row * 1.6, "所需信息的用途（可以不填）", NULL);
    static const char *const carrier[] = {"纸质", "电子邮件", "光盘", "其他________"};
    tick_row(&f, row, "信息的载体（可选多项）", carrier, 4);
    static const char *const way[] = {"邮寄", "电子邮件", "当面领取", "当场阅读、抄录"};
    tick_row(&f, row, "获取信息的方式（可选多项）", way, 4);
    pair_row(&f, row * 1.3, "申请人签名或者盖章", "申请日期");
    group_cell(&f, y0, "所需信息情况");
    f.group_w = gw;

    /* The strip the office fills in. */
    f.y += 8;
    pstyle_t office = f.label;
    office.font = PF_REGULAR;
    pdoc_rule(pd, f.x, f.y, f.x + f.w, f.y, 0.5, 0.4);
    f.y += 4;
    f.y += pdoc_para(pd, &office, f.x, f.y, f.w,
                     "以下由受理机关填写　受理日期：____年__月__日　受理人：__________　答复期限：____年__月__日") +
           8;

    /* Where to hand it in, and the online way, from the guide. */
    char buf[2048];
    double side = 26 * PT_PER_MM;
    bool qr = d->service_url && *d->service_url;
    double tw = f.w - (qr ? side + 6 * PT_PER_MM : 0);
    pstyle_t info = {PF_REGULAR, 9.5, 1.45, 0, 0, 0, 0, 2};
    double iy = f.y;
    if (d->place) {
        snprintf(buf, sizeof buf, "交表地点：%s", d->place);
        iy += pdoc_para(pd, &info, f.x, iy, tw, buf);
    }
    if (d->hours) {
        snprintf(buf, sizeof buf, "办公时间：%s", d->hours);
        iy += pdoc_para(pd, &info, f.x, iy, tw, buf);
    }
    if (d->phone) {
        snprintf(buf, sizeof buf, "咨询电话：%s", d->phone);
        iy += pdoc_para(pd, &info, f.x, iy, tw, buf);
    }
    if (qr) {
        pdoc_para(pd, &info, f.x, iy, tw, "码上办：也可以用手机扫右边的二维码，在网上提交申请");
        pdoc_qr(pd, d->service_url, f.x + f.w - side, f.y, side);
    }
    char foot[512], date[64];
    snprintf(date, sizeof date, "%s", o->date && *o->date ? o->date : "");
    if (!*date)
        print_today(date, sizeof date);
    print_foot_line(o, date, foot, sizeof foot);
    double fh = pdoc_para_height(pd, &f.small, f.w, foot);
    pdoc_para(pd, &f.small, f.x, A4_H - pd->margin - fh, f.w, foot);
    out->truncated = false;
    out->body_pt = info.size;
    out->items = out->items_shown = 0;
    return ZWGK_OK;
}
