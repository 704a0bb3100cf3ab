/* page.c — laying out and drawing a scrolling page of text and widgets (page.h). */
#include "page.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tv_style_t style(ui_app_t *app, int px, bool bold, float spacing, SDL_Color c, ui_role_t role)
{
    tv_style_t st = {0};
    st.px = px;
    st.font = render_font(app->rd, px, bold);
    st.line_h = (int)((float)px * spacing + 0.5f);
    st.color = c;
    st.role = role;
    st.space_after = px * 3 / 4; /* paragraph gap (0.75 em) above the line gap (0.6 em): paragraphs stand apart */
    return st;
}

void page_begin(page_t *p, ui_app_t *app, int width)
{
    for (int i = 0; i < p->npieces; i++) {
        if (p->pieces[i].tex)
            SDL_DestroyTexture(p->pieces[i].tex);
        if (p->pieces[i].tex2)
            SDL_DestroyTexture(p->pieces[i].tex2);
    }
    p->npieces = 0;
    p->width = width;
    tv_clear(&p->tv, width);
    ui_arena_reset(&p->text);
    const ui_theme_t *t = &app->theme;
    int px = t->body_px[t->size_step];
    p->body = style(app, px, false, 1.6f, t->fg, ROLE_TEXT);
    p->h1 = style(app, px * 5 / 4, true, 1.5f, t->fg, ROLE_HEADING);
    p->h2 = style(app, px * 9 / 8, true, 1.5f, t->accent, ROLE_HEADING);
    p->h3 = style(app, px, true, 1.6f, t->fg, ROLE_HEADING);
    p->label = style(app, px, true, 1.5f, t->muted, ROLE_TEXT);
    p->label.space_after = 0;
    p->muted = style(app, px, false, 1.6f, t->muted, ROLE_TEXT);
    p->list = p->body;
    p->list.space_after = px / 2;
    p->h1.space_after = px / 2;
    p->h2.space_after = px / 3;
    p->h3.space_after = px / 4;
    /* Body text is justified (两端对齐); headings, labels and the meta line are set flush start. */
    p->h1.align = p->h2.align = p->h3.align = p->label.align = p->muted.align = TEXT_ALIGN_START;
}

void page_end(page_t *p, int view_h)
{
    p->scroll.content_h = p->tv.height + p->body.px * 2;
    p->scroll.view_h = view_h;
    float max = ui_scroll_max(&p->scroll);
    if (p->scroll.pos > max)
        p->scroll.pos = max;
    if (p->scroll.pos < 0)
        p->scroll.pos = 0;
}

void page_free(page_t *p)
{
    for (int i = 0; i < p->npieces; i++) {
        if (p->pieces[i].tex)
            SDL_DestroyTexture(p->pieces[i].tex);
        if (p->pieces[i].tex2)
            SDL_DestroyTexture(p->pieces[i].tex2);
    }
    free(p->pieces);
    tv_free(&p->tv);
    ui_arena_free(&p->text);
    memset(p, 0, sizeof *p);
}

const char *page_printf(page_t *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = ui_arena_vprintf(&p->text, fmt, ap);
    va_end(ap);
    return s;
}

const char *page_strndup(page_t *p, const char *s, size_t n)
{
    return ui_arena_strndup(&p->text, s, n);
}

const char *page_doc_sub(page_t *p, const content_doc_summary_t *d)
{
    bool lapsed = d->type == DOC_POLICY && d->validity != VALIDITY_CURRENT;
    return page_printf(p, "%s%s%s%s%s%s%s", content_doc_type_name(d->type), d->doc_number ? " · " : "",
                       d->doc_number ? d->doc_number : "", d->publish_date ? " · " : "",
                       d->publish_date ? d->publish_date : "", lapsed ? " · " : "",
                       lapsed ? content_validity_name(d->validity) : "");
}

static piece_t *add_piece(page_t *p, piece_kind_t kind, int h)
{
    if (p->npieces == p->cap) {
        int cap = p->cap ? p->cap * 2 : 32;
        piece_t *v = realloc(p->pieces, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        p->pieces = v;
        p->cap = cap;
    }
    piece_t *pc = &p->pieces[p->npieces++];
    memset(pc, 0, sizeof *pc);
    pc->kind = kind;
    pc->y = p->tv.height;
    pc->h = h;
    tv_add_space(&p->tv, h);
    return pc;
}

/* A heading in the style of its level, set with `align` (TEXT_ALIGN_START unless a container centres it). */
static void heading_aligned(page_t *p, ui_app_t *app, const char *s, int level, text_align_t align)
{
    tv_style_t st = level <= 1 ? p->h1 : level == 2 ? p->h2 : p->h3;
    st.align = align;
    if (p->tv.height > 0)
        tv_add_space(&p->tv, st.px / 2);
    tv_add(&p->tv, app, s, &st, NULL, 0);
}

void page_heading(page_t *p, ui_app_t *app, const char *s, int level)
{
    heading_aligned(p, app, s, level, TEXT_ALIGN_START);
}

/* How a block's container sets it (format 2): 落款 flush right, 居中 centred, 顶格 and the default justified. */
static text_align_t block_text_align(const content_block_t *b, text_align_t otherwise)
{
    return b->align == BLOCK_ALIGN_RIGHT    ? TEXT_ALIGN_END
           : b->align == BLOCK_ALIGN_CENTER ? TEXT_ALIGN_CENTRE
                                            : otherwise;
}

void page_para(page_t *p, ui_app_t *app, const char *s, bool indent, const content_span_t *spans, int nspans)
{
    tv_style_t st = p->body;
    st.indent = indent ? 2 * st.px : 0; /* 首行缩进两字 */
    tv_add(&p->tv, app, s, &st, spans, nspans);
}

void page_field(page_t *p, ui_app_t *app, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    page_label(p, app, label);
    tv_add(&p->tv, app, value, &p->body, NULL, 0);
}

void page_list_item(page_t *p, ui_app_t *app, const char *marker, const char *s, int level, const content_span_t *spans,
                    int nspans)
{
    tv_style_t st = p->list;
    int step = st.px * 3 / 2;
    st.left = step * (level < 1 ? 1 : level > 4 ? 4 : level);
    tv_add_marker(&p->tv, marker, (int)strlen(marker), st.left - step, &st);
    tv_add(&p->tv, app, s, &st, spans, nspans);
}

void page_muted(page_t *p, ui_app_t *app, const char *s)
{
    tv_add(&p->tv, app, s, &p->muted, NULL, 0);
}

void page_label(page_t *p, ui_app_t *app, const char *s)
{
    tv_add(&p->tv, app, s, &p->label, NULL, 0);
}

void page_space(page_t *p, int px)
{
    tv_add_space(&p->tv, px);
}

/* The 〔牵头单位：…；责任单位：…〕 tail as two labelled lines in a tinted box under its task. */
static void block_tails(page_t *p, ui_app_t *app, const content_block_t *b)
{
    if (!b->lead && !b->resp)
        return;
    int top = p->tv.height - p->list.space_after / 2;
    tv_style_t st = p->muted;
    st.left = st.px;
    st.space_after = 0;
    st.align = TEXT_ALIGN_JUSTIFY; /* running text of the document, though in the secondary colour */
    const ui_theme_t *t = &app->theme;
    if (b->lead) {
        tv_style_t lab = st;
        lab.font = render_font(app->rd, st.px, true);
        tv_add(&p->tv, app, "牵头单位", &lab, NULL, 0);
        tv_add(&p->tv, app, b->lead, &st, NULL, 0);
    }
    if (b->resp) {
        tv_style_t lab = st;
        lab.font = render_font(app->rd, st.px, true);
        tv_add(&p->tv, app, "责任单位", &lab, NULL, 0);
        tv_add(&p->tv, app, b->resp, &st, NULL, 0);
    }
    tv_add_space(&p->tv, st.px / 2);
    tv_add_box(&p->tv, (SDL_Rect){0, top, p->width, p->tv.height - top}, t->tint);
    tv_add_space(&p->tv, p->body.space_after);
    (void)t;
}

void page_block(page_t *p, ui_app_t *app, const content_block_t *b)
{
    switch (b->kind) {
    case BLOCK_HEADING:
        heading_aligned(p, app, b->text, b->level, block_text_align(b, TEXT_ALIGN_START));
        break;
    case BLOCK_PARAGRAPH: {
        tv_style_t st = p->body;
        /* 首行缩进两字, but not in a container: 顶格 starts at the margin, 落款 and 居中 lines carry no indent */
        st.indent = b->align == BLOCK_ALIGN_DEFAULT ? 2 * st.px : 0;
        st.align = block_text_align(b, TEXT_ALIGN_JUSTIFY);
        tv_add(&p->tv, app, b->text, &st, b->spans, (int)b->nspans);
        block_tails(p, app, b);
        break;
    }
    case BLOCK_LIST_ITEM:
        /* Each marker its own string in the page: one shared buffer once showed every item the last marker. */
        page_list_item(p, app, b->ordered ? page_printf(p, "%d.", b->number) : "•", b->text, b->level, b->spans,
                       (int)b->nspans);
        block_tails(p, app, b);
        break;
    case BLOCK_TABLE:
        /* A table on a portrait kiosk in large type never fits as a grid: each row becomes a card of
         * "header: value" lines, which reads in order and never needs sideways scrolling. */
        for (int r = 1; r < b->rows; r++) {
            int top = p->tv.height;
            tv_add_space(&p->tv, p->body.px / 3);
            for (int c = 0; c < b->cols; c++) {
                const char *head = b->cells[c], *val = b->cells[r * b->cols + c];
                if (!val || !*val)
                    continue;
                tv_style_t lab = p->label;
                lab.left = p->body.px / 2;
                tv_style_t body = p->body;
                body.left = p->body.px / 2;
                body.space_after = p->body.px / 4;
                if (head && *head)
                    tv_add(&p->tv, app, head, &lab, NULL, 0);
                tv_add(&p->tv, app, val, &body, NULL, 0);
            }
            tv_add_box(&p->tv, (SDL_Rect){0, top, p->width, p->tv.height - top}, app->theme.card);
            tv_add_space(&p->tv, p->body.px / 2);
        }
        break;
    default:
        break;
    }
}

void page_qr_pair(page_t *p, ui_app_t *app, const char *url, const char *caption, const char *url2,
                  const char *caption2)
{
    if (!url || !*url) { /* the second alone becomes the first */
        url = url2;
        caption = caption2;
        url2 = NULL;
    }
    if (!url || !*url)
        return;
    if (url2 && !*url2)
        url2 = NULL;
    const ui_theme_t *t = &app->theme;
    /* Two codes side by side when each still gets ≥ 320 px at 1080 wide; otherwise one above the other. */
    int col_w = url2 ? (p->width - t->gap) / 2 : p->width;
    bool pair = url2 && col_w - t->gap >= (int)(340 * t->scale);
    if (url2 && !pair) {
        page_qr_pair(p, app, url, caption, NULL, NULL);
        page_qr_pair(p, app, url2, caption2, NULL, NULL);
        return;
    }
    int max_px = (int)(400 * t->scale); /* ≥ 320 px at 1080 wide after the integer module size rounds down */
    if (max_px > col_w - t->gap)
        max_px = col_w - t->gap;
    int size = 0, size2 = 0;
    SDL_Texture *tex = render_qr_texture(app->rd, url, max_px, &size);
    SDL_Texture *tex2 = pair ? render_qr_texture(app->rd, url2, max_px, &size2) : NULL;
    int cap_lh = app->theme.ui_px * 3 / 2;
    int cap_w = col_w - 2 * t->gap;
    int cap_h = ui_measure_wrapped(app, app->f_ui, cap_w, caption, cap_lh);
    if (pair) {
        int h2 = ui_measure_wrapped(app, app->f_ui, cap_w, caption2, cap_lh);
        cap_h = h2 > cap_h ? h2 : cap_h;
    }
    int qr_h = size > size2 ? size : size2;
    piece_t *pc = add_piece(p, PIECE_QR, qr_h + cap_h + t->gap * 2);
    if (!pc) {
        if (tex)
            SDL_DestroyTexture(tex);
        if (tex2)
            SDL_DestroyTexture(tex2);
        return;
    }
    pc->url = url;
    pc->tex = tex;
    pc->label = caption;
    pc->url2 = pair ? url2 : NULL;
    pc->tex2 = tex2;
    pc->sub = pair ? caption2 : NULL;
    pc->tex_px = qr_h;
    tv_add_space(&p->tv, t->gap);
}

void page_qr(page_t *p, ui_app_t *app, const char *url, const char *caption)
{
    page_qr_pair(p, app, url, caption, NULL, NULL);
}

void page_chips(page_t *p, ui_app_t *app, const char *const *chips, int n, int selected, int action)
{
    const ui_theme_t *t = &app->theme;
    int font = app->f_small, h = render_font_height(app->rd, font) + t->gap;
    if (action)
        h = t->target; /* tappable chips are full-size targets */
    int x = 0, rows = 1;
    for (int i = 0; i < n; i++) {
        int w = render_text_width(app->rd, action ? app->f_ui : font, chips[i], strlen(chips[i])) + t->gap * 2;
        if (x > 0 && x + w > p->width) {
            rows++;
            x = 0;
        }
        x += w + t->gap / 2;
    }
    piece_t *pc = add_piece(p, PIECE_CHIPS, rows * (h + t->gap / 2) + t->gap / 2);
    if (!pc)
        return;
    pc->chips = chips;
    pc->nchips = n;
    pc->selected = selected;
    pc->action = action;
}

void page_row(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg)
{
    page_row_marked(p, app, label, sub, action, arg, 0, 0);
}

void page_row_marked(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg,
                     size_t mark_start, size_t mark_end)
{
    const ui_theme_t *t = &app->theme;
    int lh = app->theme.ui_px * 3 / 2;
    int h = ui_measure_wrapped(app, app->f_ui_bold, p->width - 2 * t->gap, label, lh);
    if (sub && *sub)
        h += ui_measure_wrapped(app, app->f_small, p->width - 2 * t->gap, sub, app->theme.small_px * 3 / 2);
    h += t->gap * 2;
    if (h < t->target)
        h = t->target;
    piece_t *pc = add_piece(p, PIECE_ROW, h);
    if (pc) {
        pc->label = label;
        pc->sub = sub;
        pc->action = action;
        pc->arg = arg;
        pc->mark_start = mark_start;
        pc->mark_end = mark_end;
    }
    tv_add_space(&p->tv, t->gap / 2);
}

void page_button(page_t *p, ui_app_t *app, const char *label, int action, long long arg)
{
    piece_t *pc = add_piece(p, PIECE_BUTTON, app->theme.target);
    if (pc) {
        pc->label = label;
        pc->action = action;
        pc->arg = arg;
    }
    tv_add_space(&p->tv, app->theme.gap);
}

void page_progress(page_t *p, ui_app_t *app, int percent)
{
    piece_t *pc = add_piece(p, PIECE_PROGRESS, render_font_height(app->rd, app->f_ui) + app->theme.gap * 2);
    if (pc) {
        pc->value = percent < 0 ? 0 : percent > 100 ? 100 : percent;
        snprintf(pc->words, sizeof pc->words, "进度 %d%%", pc->value);
    }
}

void page_badge(page_t *p, ui_app_t *app, const char *label, bool good)
{
    piece_t *pc = add_piece(p, PIECE_BADGE, render_font_height(app->rd, app->f_small) + app->theme.gap * 3 / 2);
    if (pc) {
        pc->label = label;
        pc->value = good;
    }
}

static void draw_piece(page_t *p, ui_app_t *app, const piece_t *pc, int x, int y)
{
    const ui_theme_t *t = &app->theme;
    switch (pc->kind) {
    case PIECE_QR: {
        int cap_lh = app->theme.ui_px * 3 / 2;
        int ncol = pc->url2 ? 2 : 1;
        int col_w = ncol == 2 ? (p->width - t->gap) / 2 : p->width;
        for (int c = 0; c < ncol; c++) {
            SDL_Texture *tex = c ? pc->tex2 : pc->tex;
            const char *url = c ? pc->url2 : pc->url, *cap = c ? pc->sub : pc->label;
            int cx = x + c * (col_w + t->gap);
            SDL_Rect card = {cx, y, col_w, pc->h};
            render_fill_rect(app->rd, card, t->gap / 2, t->card);
            render_stroke_rect(app->rd, card, t->gap / 2, 2, t->line);
            int qpx = 0;
            if (tex)
                SDL_QueryTexture(tex, NULL, NULL, &qpx, NULL);
            int qx = cx + (col_w - qpx) / 2, qy = y + t->gap / 2;
            if (tex) {
                SDL_Rect dst = {qx, qy, qpx, qpx};
                render_texture(app->rd, tex, dst);
                ui_elem_t *e = ui_emit(app, ROLE_QR, cap, -1, dst, 0, 0);
                e->url = url;
            }
            ui_text_wrapped(app, app->f_ui, cx + t->gap, y + t->gap + pc->tex_px, col_w - 2 * t->gap, cap, t->fg,
                            cap_lh, ROLE_TEXT);
        }
        break;
    }
    case PIECE_CHIPS: {
        int font = pc->action ? app->f_ui : app->f_small;
        int h = pc->action ? t->target : render_font_height(app->rd, font) + t->gap;
        int cx = 0, cy = y;
        for (int i = 0; i < pc->nchips; i++) {
            const char *s = pc->chips[i];
            int w = render_text_width(app->rd, font, s, strlen(s)) + t->gap * 2;
            if (cx > 0 && cx + w > p->width) {
                cx = 0;
                cy += h + t->gap / 2;
            }
            SDL_Rect r = {x + cx, cy, w, h};
            bool sel = i == pc->selected;
            render_fill_rect(app->rd, r, h / 2, sel ? t->accent : t->chip);
            int th = render_font_height(app->rd, font);
            render_text(app->rd, font, r.x + t->gap, r.y + (h - th) / 2, s, strlen(s), sel ? t->accent_fg : t->fg);
            ui_elem_t *e = ui_emit(app, pc->action ? ROLE_TAB : ROLE_CHIP, s, -1, r, pc->action, i);
            e->value = sel;
            e->font_px = pc->action ? t->ui_px : t->small_px;
            cx += w + t->gap / 2;
        }
        break;
    }
    case PIECE_ROW: {
        SDL_Rect r = {x, y, p->width, pc->h};
        render_fill_rect(app->rd, r, t->gap / 2, t->card);
        render_stroke_rect(app->rd, r, t->gap / 2, 2, t->line);
        ui_elem_t *e = ui_emit(app, ROLE_ROW, pc->label, -1, r, pc->action, pc->arg);
        e->font_px = t->ui_px;
        int lh = app->theme.ui_px * 3 / 2;
        int ty = y + t->gap;
        ty += ui_text_marked(app, app->f_ui_bold, x + t->gap, ty, p->width - 2 * t->gap, pc->label, t->fg, lh,
                             ROLE_TEXT, pc->mark_start, pc->mark_end);
        if (pc->sub && *pc->sub)
            ui_text_wrapped(app, app->f_small, x + t->gap, ty, p->width - 2 * t->gap, pc->sub, t->muted,
                            app->theme.small_px * 3 / 2, ROLE_TEXT);
        break;
    }
    case PIECE_BUTTON:
        ui_button(app, (SDL_Rect){x, y, p->width, pc->h}, pc->label, pc->action, pc->arg, true);
        break;
    case PIECE_PROGRESS: {
        int h = pc->h - t->gap;
        int bw = p->width * 3 / 4;
        SDL_Rect track = {x, y + t->gap / 2, bw, h};
        render_fill_rect(app->rd, track, h / 2, t->track);
        if (pc->value > 0)
            render_fill_rect(app->rd, (SDL_Rect){x, track.y, bw * pc->value / 100 < h ? h : bw * pc->value / 100, h},
                             h / 2, t->ok);
        ui_elem_t *e = ui_emit(app, ROLE_PROGRESS, pc->words, -1, track, 0, 0);
        e->value = pc->value;
        /* The number beside the bar, so colour is never the only cue. */
        ui_label(app, app->f_ui_bold, x + bw + t->gap, track.y + (h - render_font_height(app->rd, app->f_ui_bold)) / 2,
                 0, pc->words, t->fg, ROLE_TEXT);
        break;
    }
    case PIECE_BADGE:
        ui_badge(app, x, y, pc->label, pc->value ? t->ok : t->warn, t->accent_fg, NULL);
        break;
    }
}

void page_draw(page_t *p, ui_app_t *app, SDL_Rect view)
{
    const ui_theme_t *t = &app->theme;
    int scroll = (int)p->scroll.pos;
    SDL_Rect inner = {view.x + t->margin, view.y + t->gap, p->width, view.h - t->gap};
    tv_draw(&p->tv, app, (SDL_Rect){inner.x, view.y, p->width, view.h}, scroll - t->gap);
    ui_clip(app, &view);
    for (int i = 0; i < p->npieces; i++) {
        const piece_t *pc = &p->pieces[i];
        int y = inner.y + pc->y - scroll;
        if (y + pc->h <= view.y || y >= view.y + view.h)
            continue;
        draw_piece(p, app, pc, inner.x, y);
    }
    ui_clip(app, NULL);
    ui_scrollbar(app, &p->scroll, view);
}

page_anchor_t page_anchor(const page_t *p)
{
    page_anchor_t a = {.piece = -1};
    int y = (int)p->scroll.pos;
    tv_position_at(&p->tv, y, &a.para, &a.offset);
    int line_y = 1 << 30; /* no line reaches below the top of the view: the page ends in widgets */
    for (int i = 0; i < p->tv.nlines; i++)
        if (p->tv.lines[i].y + p->tv.lines[i].h > y) {
            line_y = p->tv.lines[i].y;
            break;
        }
    for (int i = 0; i < p->npieces; i++) /* a piece above the first line under the top wins (a 简明问答 row) */
        if (p->pieces[i].y + p->pieces[i].h > y) {
            if (p->pieces[i].y < line_y)
                a.piece = i;
            break;
        }
    return a;
}

void page_restore(page_t *p, page_anchor_t a)
{
    /* A question toggled near the end once sent the reader back to the top: its rows are pieces, not lines
     * (hostile_content.py, qa-500). */
    if (a.piece >= 0 && a.piece < p->npieces)
        p->scroll.pos = (float)p->pieces[a.piece].y;
    else
        p->scroll.pos = (float)tv_y_of(&p->tv, a.para, a.offset);
    float max = ui_scroll_max(&p->scroll);
    if (p->scroll.pos > max)
        p->scroll.pos = max;
}

void page_dump(const page_t *p, void *stdio_file)
{
    page_anchor_t a = page_anchor(p);
    fprintf(stdio_file, ", \"reading_position\": {\"para\": %d, \"offset\": %d}", a.para, a.offset);
}
