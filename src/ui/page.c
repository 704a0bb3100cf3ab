/* page.c — laying out and drawing a scrolling page of text and widgets (page.h).
 *
 * Body text goes to the textview; widgets are pieces with a height, and the short texts they show (a row's title
 * and sub line, a QR caption, a tile's name) are laid out here once, into page_text lines relative to their piece,
 * so drawing a frame only positions prepared lines (issue 12 §1 item 17: rows and captions were laid out on every
 * frame).  Page breaks, the reading position and page_layout's geometry are in pages.c. */
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
    p->mark_piece = -1;
    for (int i = 0; i < p->npieces; i++) {
        if (p->pieces[i].tex)
            SDL_DestroyTexture(p->pieces[i].tex);
        if (p->pieces[i].tex2)
            SDL_DestroyTexture(p->pieces[i].tex2);
    }
    p->npieces = 0;
    p->ntexts = 0;
    p->ntiles = 0;
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
    p->label.keep = true; /* a field label never ends a page without its value */
    p->muted = style(app, px, false, 1.6f, t->muted, ROLE_TEXT);
    p->list = p->body;
    p->list.space_after = px / 2;
    p->h1.space_after = px / 2;
    p->h2.space_after = px / 3;
    p->h3.space_after = px / 4;
    /* Body text is justified (两端对齐); headings, labels and the meta line are set flush start. */
    p->h1.align = p->h2.align = p->h3.align = p->label.align = p->muted.align = TEXT_ALIGN_START;
    p->section = style(app, t->title_px, true, 1.5f, t->accent, ROLE_HEADING);
    p->section.space_after = t->gap;
    p->section.align = TEXT_ALIGN_START;
    p->pad = t->gap;
}

void page_free(page_t *p)
{
    for (int i = 0; i < p->npieces; i++) {
        if (p->pieces[i].tex)
            SDL_DestroyTexture(p->pieces[i].tex);
        if (p->pieces[i].tex2)
            SDL_DestroyTexture(p->pieces[i].tex2);
    }
    for (int i = 0; i < PAGE_RAIL_MAX; i++)
        if (p->rail[i].tex)
            SDL_DestroyTexture(p->rail[i].tex);
    free(p->pieces);
    free(p->texts);
    free(p->tiles);
    free(p->starts);
    free(p->fills);
    free(p->units);
    free(p->bottoms);
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
    /* the validity is the row's badge (page_doc_row), not repeated here */
    return page_printf(p, "%s%s%s%s%s", content_doc_type_name(d->type), d->doc_number ? " · " : "",
                       d->doc_number ? d->doc_number : "", d->publish_date ? " · " : "",
                       d->publish_date ? d->publish_date : "");
}

/* Lays s out in max_w at (x, y) of the piece being built, line_h apart, appending to p->texts; bytes
 * [ms, me) are marked.  Returns the height (one line at least).  A label longer than UI_SHORT_TEXT_MAX is cut there
 * (a hostile 10 MB title must not be laid out whole). */
/* The characters of s[a, b) as the book setting counts them (text_is_letter): a last line of one is a 孤字. */
static int letters(const char *s, size_t a, size_t b)
{
    int n = 0;
    for (size_t adv; a < b; a += adv)
        n += text_is_letter(utf8_decode(s + a, b - a, &adv));
    return n;
}

/* Lays s out in max_w like text_layout_paragraph, but never leaves one character alone on the last line (…自2024年7月
 * 1日起施/行。) where the line before can give it company: laid out again a little narrower, so that line's last
 * character moves down, when that costs no extra line and leaves the line before at least half the measure.  Row
 * titles, summaries and captions are set flush start at natural advances, so the narrower lines draw as they are. */
static int lay_lines(ui_app_t *app, int font, int max_w, int indent, const char *s, size_t len)
{
    render_measure_t m = {app->rd, font};
    text_lines_t *out = &app->scratch_lines;
    text_lines_clear(out);
    int n = text_layout_paragraph(s, len, max_w, indent, render_measure_cb, &m, out);
    if (n < 2 || letters(s, out->lines[n - 1].start, out->lines[n - 1].end) != 1)
        return n;
    int narrower = out->lines[n - 2].width - 1;
    text_lines_clear(out);
    int k = text_layout_paragraph(s, len, narrower, indent, render_measure_cb, &m, out);
    if (k == n && letters(s, out->lines[k - 1].start, out->lines[k - 1].end) > 1 &&
        out->lines[k - 2].width >= max_w / 2)
        return k;
    text_lines_clear(out);
    return text_layout_paragraph(s, len, max_w, indent, render_measure_cb, &m, out);
}

static int lay_text_indent(page_t *p, ui_app_t *app, int font, int x, int y, int max_w, int indent, const char *s,
                           SDL_Color c, int line_h, ui_role_t role, size_t ms, size_t me)
{
    if (!s)
        return line_h;
    int n = lay_lines(app, font, max_w, indent, s, ui_short_len(s));
    int px = render_font_px(app->rd, font);
    for (int i = 0; i < n; i++) {
        if (p->ntexts == p->texts_cap) {
            int cap = p->texts_cap ? p->texts_cap * 2 : 64;
            page_text_t *v = realloc(p->texts, (size_t)cap * sizeof *v);
            if (!v)
                break;
            p->texts = v;
            p->texts_cap = cap;
        }
        const text_line_t *l = &app->scratch_lines.lines[i];
        page_text_t *t = &p->texts[p->ntexts++];
        *t = (page_text_t){.text = s + l->start,
                           .len = (int)(l->end - l->start),
                           .x = x + (i == 0 ? indent : 0),
                           .y = y + i * line_h,
                           .w = l->width - (i == 0 ? indent : 0),
                           .h = line_h,
                           .font = font,
                           .px = px,
                           .color = c,
                           .role = role};
        size_t a = ms > l->start ? ms : l->start, b = me < l->end ? me : l->end;
        if (a < b) {
            t->mark_x0 = render_text_width(app->rd, font, s + l->start, a - l->start);
            t->mark_x1 = t->mark_x0 + render_text_width(app->rd, font, s + a, b - a);
        }
    }
    return n > 0 ? n * line_h : line_h;
}

static int lay_text(page_t *p, ui_app_t *app, int font, int x, int y, int max_w, const char *s, SDL_Color c, int line_h,
                    ui_role_t role, size_t ms, size_t me)
{
    return lay_text_indent(p, app, font, x, y, max_w, 0, s, c, line_h, role, ms, me);
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
    pc->selected = -1;
    pc->text0 = p->ntexts;
    tv_add_space(&p->tv, h);
    return pc;
}

/* The texts laid out since `first` belong to the piece just added (they were laid out before its height was
 * known); the page keeps them in piece order. */
static void claim_texts(page_t *p, piece_t *pc, int first)
{
    pc->text0 = first;
    pc->ntext = p->ntexts - first;
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

void page_section(page_t *p, ui_app_t *app, const char *s)
{
    if (p->tv.height > 0)
        tv_add_space(&p->tv, app->theme.gap * 2);
    tv_add(&p->tv, app, s, &p->section, NULL, 0);
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

void page_lead(page_t *p, ui_app_t *app, const char *s)
{
    tv_style_t st = p->muted;
    st.keep = true;
    tv_add(&p->tv, app, s, &st, NULL, 0);
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
    int qr_h = size > size2 ? size : size2;
    int cap_lh = t->ui_px * 3 / 2, cap_w = col_w - 2 * t->gap, first = p->ntexts;
    int cap_h = lay_text(p, app, app->f_ui, t->gap, t->gap + qr_h, cap_w, caption, t->fg, cap_lh, ROLE_TEXT, 0, 0);
    if (pair) {
        int h2 = lay_text(p, app, app->f_ui, col_w + t->gap + t->gap, t->gap + qr_h, cap_w, caption2, t->fg, cap_lh,
                          ROLE_TEXT, 0, 0);
        cap_h = h2 > cap_h ? h2 : cap_h;
    }
    piece_t *pc = add_piece(p, PIECE_QR, qr_h + cap_h + t->gap * 2);
    if (!pc) {
        if (tex)
            SDL_DestroyTexture(tex);
        if (tex2)
            SDL_DestroyTexture(tex2);
        return;
    }
    claim_texts(p, pc, first);
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

/* Chips flow left to right and wrap; the same walk places them for the height and for drawing. */
static int chip_w(ui_app_t *app, const piece_t *pc, int i)
{
    int font = pc->action ? app->f_ui : app->f_small;
    return render_text_width(app->rd, font, pc->chips[i], strlen(pc->chips[i])) + app->theme.gap * 2;
}

void page_chips(page_t *p, ui_app_t *app, const char *const *chips, int n, int selected, int action)
{
    const ui_theme_t *t = &app->theme;
    int h = action ? t->target : render_font_height(app->rd, app->f_small) + t->gap; /* tappable: full targets */
    piece_t probe = {.chips = chips, .nchips = n, .action = action};
    int x = 0, rows = 1;
    for (int i = 0; i < n; i++) {
        int w = chip_w(app, &probe, i);
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
    pc->rows = rows;
    pc->row_h = h + t->gap / 2;
}

void page_answers(page_t *p, ui_app_t *app, const char *const *chips, int n, int selected, int action)
{
    int before = p->npieces;
    page_chips(p, app, chips, n, selected, action);
    if (p->npieces > before)
        p->pieces[p->npieces - 1].whole = true;
}

void page_row(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg)
{
    page_row_marked(p, app, label, sub, action, arg, 0, 0);
}

void page_row_marked(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg,
                     size_t mark_start, size_t mark_end)
{
    page_row_marks(p, app, label, sub, action, arg, (size_t[4]){mark_start, mark_end, 0, 0});
}

void page_row_marks(page_t *p, ui_app_t *app, const char *label, const char *sub, int action, long long arg,
                    const size_t marks[4])
{
    page_row_spec(p, app,
                  &(page_row_spec_t){.label = label,
                                     .sub = sub,
                                     .action = action,
                                     .arg = arg,
                                     .mark_start = marks[0],
                                     .mark_end = marks[1],
                                     .sub_mark_start = marks[2],
                                     .sub_mark_end = marks[3]});
}

/* A badge's box: the text in the small face with a gap at each side (ui_badge draws it so). */
static int badge_w(ui_app_t *app, const char *label)
{
    return render_text_width(app->rd, app->f_small, label, strlen(label)) + app->theme.gap * 2;
}

/* A row's title (bold) or summary face and its line height: the labels' size, or in 长者模式 the reading size
 * (issue 10 §4: body text ≥ 60 px, and a list's titles and summaries are what the citizen reads there). */
static int row_font(const page_t *p, const ui_app_t *app, bool bold, int *lh)
{
    if (app->elder_mode && !p->compact_rows && p->body.px > app->theme.ui_px) {
        *lh = p->body.px * 3 / 2;
        return bold ? p->h3.font : p->body.font;
    }
    *lh = app->theme.ui_px * 3 / 2;
    return bold ? app->f_ui_bold : app->f_ui;
}

/* The indent of a title's first line for a badge before it (0: the badge sits above, or there is none). */
static int badge_indent(const page_t *p, ui_app_t *app, const char *badge)
{
    int w = p->width - 2 * app->theme.gap;
    int indent = badge ? badge_w(app, badge) + app->theme.gap / 2 : 0;
    return indent > w / 2 ? 0 : indent; /* a freak badge: on the title's line it would leave no room; it sits above */
}

void page_row_faces(const page_t *p, const ui_app_t *app, bool sub_reading, int *title_font, int *sub_font)
{
    int lh;
    *title_font = row_font(p, app, true, &lh);
    int body = row_font(p, app, false, &lh);
    *sub_font = sub_reading && body != app->f_ui ? body : app->f_small;
}

int page_row_title_w(const page_t *p, ui_app_t *app, const char *badge)
{
    return p->width - 2 * app->theme.gap - badge_indent(p, app, badge);
}

void page_row_spec(page_t *p, ui_app_t *app, const page_row_spec_t *r)
{
    const ui_theme_t *t = &app->theme;
    int w = p->width - 2 * t->gap, first = p->ntexts;
    int lh, title_font = row_font(p, app, true, &lh);
    /* the badge sits at the start of the title's first line, which begins after it */
    int indent = badge_indent(p, app, r->badge);
    int top = t->gap + (r->badge && !indent ? render_font_height(app->rd, app->f_small) + t->gap : 0);
    int h = lay_text_indent(p, app, title_font, t->gap, top, w, indent, r->label, t->fg, lh, ROLE_TEXT, r->mark_start,
                            r->mark_end) +
            top - t->gap;
    if (r->sub && *r->sub) {
        int title_f, sub_f;
        page_row_faces(p, app, r->sub_reading, &title_f, &sub_f);
        int sub_lh = sub_f == app->f_small ? t->small_px * 3 / 2 : lh;
        h += lay_text(p, app, sub_f, t->gap, t->gap + h, w, r->sub, t->muted, sub_lh, ROLE_TEXT, r->sub_mark_start,
                      r->sub_mark_end);
    }
    if (r->note && *r->note) {
        h += t->gap / 2;
        int note_lh, note_font = row_font(p, app, false, &note_lh);
        h += lay_text(p, app, note_font, t->gap, t->gap + h, w, r->note, t->fg, note_lh, ROLE_TEXT, 0, 0);
    }
    h += t->gap * 2;
    if (h < t->target)
        h = t->target;
    piece_t *pc = add_piece(p, PIECE_ROW, h);
    if (pc) {
        claim_texts(p, pc, first);
        pc->label = r->label;
        pc->sub = r->sub;
        pc->note = r->note;
        pc->badge = r->badge;
        pc->value = r->validity;
        pc->action = r->action;
        pc->arg = r->arg;
    }
    tv_add_space(&p->tv, t->gap / 2);
}

void page_doc_row(page_t *p, ui_app_t *app, const content_doc_summary_t *d, const char *sub, int action)
{
    bool policy = content_doc_type_has(d->type, DOC_HAS_VALIDITY) && d->validity;
    page_row_spec(p, app,
                  &(page_row_spec_t){.badge = policy ? content_validity_name(d->validity) : NULL,
                                     .validity = d->validity,
                                     .label = d->title,
                                     .sub = sub,
                                     .note = d->summary,
                                     .action = action,
                                     .arg = d->id});
}

void page_row_trail(page_t *p, ui_app_t *app, const char *label, const char *trail, int action, long long arg)
{
    const ui_theme_t *t = &app->theme;
    int tw = render_text_width(app->rd, app->f_small, trail, strlen(trail));
    int text_w = p->width - 3 * t->gap - tw, first = p->ntexts;
    if (text_w < p->width / 2)
        text_w = p->width / 2;
    int lh, font = row_font(p, app, true, &lh);
    int th = lay_text(p, app, font, t->gap, 0, text_w, label, t->fg, lh, ROLE_TEXT, 0, 0);
    int h = th + t->gap * 2 > t->target ? th + t->gap * 2 : t->target;
    for (int i = first; i < p->ntexts; i++) /* the title centred in the row, now that its height is known */
        p->texts[i].y += (h - th) / 2;
    int sh = render_font_height(app->rd, app->f_small);
    lay_text(p, app, app->f_small, p->width - t->gap - tw, (h - sh) / 2, tw + 1, trail, t->muted, sh, ROLE_TEXT, 0, 0);
    piece_t *pc = add_piece(p, PIECE_ROW, h);
    if (pc) {
        claim_texts(p, pc, first);
        pc->label = label;
        pc->action = action;
        pc->arg = arg;
    }
    tv_add_space(&p->tv, t->gap / 2);
}

void page_tiles(page_t *p, ui_app_t *app, const page_tile_t *tiles, int n, int cols)
{
    const ui_theme_t *t = &app->theme;
    if (n <= 0 || cols <= 0)
        return;
    int tile_w = (p->width - (cols - 1) * t->gap) / cols;
    /* Tall enough for the longest name (国有土地上房屋征收与补偿 wraps) and its count, with padding: every tile the
     * same, so the grid stays a grid. */
    int pad = t->gap + (int)(10 * t->scale), lh = t->tile_px * 4 / 3, sub_h = t->small_px * 3 / 2;
    int tile_h = (int)(200 * t->scale);
    for (int i = 0; i < n; i++) {
        int need =
            ui_measure_wrapped(app, app->f_tile, tile_w - 2 * pad, tiles[i].label, lh) +
            (tiles[i].sub ? ui_measure_wrapped(app, app->f_small, tile_w - 2 * pad, tiles[i].sub, sub_h) + t->gap / 2
                          : 0) +
            2 * t->gap; /* the count wraps too in a narrow tile (12项 · 4份文件 at 1280×800 in 长者模式) */
        if (need > tile_h)
            tile_h = need;
    }
    if (p->ntiles + n > p->tiles_cap) {
        int cap = p->tiles_cap ? p->tiles_cap : 32;
        while (cap < p->ntiles + n)
            cap *= 2;
        page_tile_t *v = realloc(p->tiles, (size_t)cap * sizeof *v);
        if (!v)
            return;
        p->tiles = v;
        p->tiles_cap = cap;
    }
    tv_add_space(&p->tv, t->gap);
    for (int r = 0; r * cols < n; r++) {
        int first = p->ntexts, tile0 = p->ntiles;
        for (int c = 0; c < cols && r * cols + c < n; c++) {
            const page_tile_t *tile = &tiles[r * cols + c];
            page_tile_t *kept = &p->tiles[p->ntiles++];
            *kept = *tile;
            kept->text0 = p->ntexts;
            int x = c * (tile_w + t->gap), tx = x + pad, w = tile_w - 2 * pad;
            int title_h = ui_measure_wrapped(app, app->f_tile, w, tile->label, lh);
            int total =
                title_h + (tile->sub ? ui_measure_wrapped(app, app->f_small, w, tile->sub, sub_h) + t->gap / 2 : 0);
            int y = (tile_h - total) / 2;
            lay_text(p, app, app->f_tile, tx, y, w, tile->label, t->fg, lh, ROLE_TEXT, 0, 0);
            if (tile->sub)
                lay_text(p, app, app->f_small, tx, y + title_h + t->gap / 2, w, tile->sub, t->muted, sub_h, ROLE_TEXT,
                         0, 0);
            kept->ntext = p->ntexts - kept->text0;
        }
        piece_t *pc = add_piece(p, PIECE_TILES, tile_h);
        if (!pc)
            return;
        claim_texts(p, pc, first);
        pc->tile0 = tile0;
        pc->ntiles = p->ntiles - tile0;
        pc->tile_w = tile_w;
        tv_add_space(&p->tv, t->gap);
    }
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

void page_banner(page_t *p, ui_app_t *app, const char *title, const char *line)
{
    const ui_theme_t *t = &app->theme;
    int w = p->width - 2 * t->gap, first = p->ntexts;
    int h =
        lay_text(p, app, app->f_title, t->gap, t->gap, w, title, t->accent_fg, t->title_px * 3 / 2, ROLE_HEADING, 0, 0);
    if (line && *line)
        h += lay_text(p, app, app->f_ui, t->gap, t->gap + h, w, line, t->accent_fg, t->ui_px * 3 / 2, ROLE_TEXT, 0, 0);
    piece_t *pc = add_piece(p, PIECE_BANNER, h + 2 * t->gap);
    if (pc) {
        claim_texts(p, pc, first);
        pc->label = title;
    }
    tv_add_space(&p->tv, t->gap / 2);
}

void page_badge(page_t *p, ui_app_t *app, const char *label, int validity)
{
    piece_t *pc = add_piece(p, PIECE_BADGE, render_font_height(app->rd, app->f_small) + app->theme.gap * 3 / 2);
    if (pc) {
        pc->label = label;
        pc->value = validity;
    }
}

/* Draws a piece's laid-out texts with the piece's top-left corner at (x, y).  Like textview's lines, a line is an
 * element; one the view cuts is marked cut by ui_emit. */
static void draw_texts(page_t *p, ui_app_t *app, const piece_t *pc, int x, int y)
{
    const ui_theme_t *t = &app->theme;
    for (int i = pc->text0; i < pc->text0 + pc->ntext; i++) {
        const page_text_t *l = &p->texts[i];
        int fh = render_font_height(app->rd, l->font);
        int lx = x + l->x, ly = y + l->y + (l->h - fh) / 2;
        if (l->mark_x1 > l->mark_x0) { /* the matched part: a tinted box and a thick underline, not colour alone */
            int th = (int)(4 * t->scale) + 1;
            render_fill_rect(app->rd, (SDL_Rect){lx + l->mark_x0, ly, l->mark_x1 - l->mark_x0, fh}, 0, t->mark);
            render_fill_rect(app->rd, (SDL_Rect){lx + l->mark_x0, ly + fh - th, l->mark_x1 - l->mark_x0, th}, 0, t->fg);
        }
        render_text(app->rd, l->font, lx, ly, l->text, (size_t)l->len, l->color);
        ui_elem_t *e = ui_emit(app, l->role, l->text, l->len, (SDL_Rect){lx, ly, l->w, fh}, 0, 0);
        e->font_px = l->px;
    }
}

static void draw_piece(page_t *p, ui_app_t *app, const piece_t *pc, int x, int y)
{
    const ui_theme_t *t = &app->theme;
    switch (pc->kind) {
    case PIECE_QR: {
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
        }
        draw_texts(p, app, pc, x, y);
        break;
    }
    case PIECE_CHIPS: {
        int font = pc->action ? app->f_ui : app->f_small;
        int h = pc->row_h - t->gap / 2;
        int cx = 0, cy = y;
        for (int i = 0; i < pc->nchips; i++) {
            const char *s = pc->chips[i];
            int w = chip_w(app, pc, i);
            if (cx > 0 && cx + w > p->width) {
                cx = 0;
                cy += pc->row_h;
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
        if (pc->badge) { /* at the start of the title's first line (or above it, page_row_spec) */
            int fh = render_font_height(app->rd, app->f_small), bh = fh + t->gap / 2;
            int ty = pc->ntext ? p->texts[pc->text0].y : t->gap;
            int lh = pc->ntext ? p->texts[pc->text0].h : t->ui_px * 3 / 2;
            bool above = pc->ntext && p->texts[pc->text0].x == t->gap;
            int by = above ? y + t->gap : y + ty + (lh - bh) / 2;
            ui_badge(app, x + t->gap, by, pc->badge, ui_validity_color(t, pc->value), t->accent_fg, NULL);
        }
        draw_texts(p, app, pc, x, y);
        break;
    }
    case PIECE_TILES: {
        /* As ui_tile draws a tile, with the names laid out once instead of on every frame. */
        for (int c = 0; c < pc->ntiles; c++) {
            const page_tile_t *tile = &p->tiles[pc->tile0 + c];
            SDL_Rect r = {x + c * (pc->tile_w + t->gap), y, pc->tile_w, pc->h};
            render_fill_rect(app->rd, r, t->gap, t->card);
            render_stroke_rect(app->rd, r, t->gap, (int)(2 * t->scale + 0.5f), t->line);
            /* A coloured band on the left: decoration only, the words carry the meaning. */
            render_fill_rect(app->rd, (SDL_Rect){r.x, r.y + t->gap, (int)(10 * t->scale), r.h - 2 * t->gap}, 0,
                             t->accent);
            ui_elem_t *e = ui_emit(app, ROLE_TILE, tile->label, -1, r, tile->action, tile->arg);
            e->font_px = t->tile_px;
            piece_t one = {.text0 = tile->text0, .ntext = tile->ntext};
            draw_texts(p, app, &one, x, y);
        }
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
    case PIECE_BANNER:
        render_fill_rect(app->rd, (SDL_Rect){x, y, p->width, pc->h}, t->gap / 2, t->warn);
        draw_texts(p, app, pc, x, y);
        break;
    case PIECE_BADGE:
        ui_badge(app, x, y, pc->label, ui_validity_color(t, pc->value), t->accent_fg, NULL);
        break;
    }
}

void page_draw(page_t *p, ui_app_t *app, SDL_Rect view)
{
    const ui_theme_t *t = &app->theme;
    int scroll = (int)p->scroll.pos;
    p->scroll.view = view;
    /* At rest on a page's start, the view ends where the page does: the next line does not peek in half. */
    SDL_Rect shown = view;
    int npages, k = ui_scroll_page_of(&p->scroll, &npages);
    if (p->fills && k < p->nstarts && p->scroll.pos == (float)p->starts[k] && p->fills[k] < view.h)
        shown.h = p->fills[k];
    int x = view.x + t->margin;
    tv_draw(&p->tv, app, (SDL_Rect){x, shown.y, p->width, shown.h}, scroll - p->pad);
    ui_clip(app, &shown);
    for (int i = 0; i < p->npieces; i++) {
        const piece_t *pc = &p->pieces[i];
        int y = view.y + p->pad + pc->y - scroll;
        if (y + pc->h <= shown.y || y >= shown.y + shown.h)
            continue;
        draw_piece(p, app, pc, x, y);
        if (i == p->mark_piece) /* being read aloud: a thick outline in the text colour */
            render_stroke_rect(app->rd,
                               (SDL_Rect){x - t->gap / 2, y - t->gap / 4, p->width + t->gap, pc->h + t->gap / 2},
                               t->gap / 2, (int)(6 * t->scale) + 1, t->fg);
    }
    ui_clip(app, NULL);
    ui_scrollbar(app, &p->scroll, view);
}

void page_dump(const page_t *p, void *stdio_file)
{
    page_anchor_t a = page_anchor(p);
    /* text_lines: every text line laid out (body lines, markers, widget texts), for the paging tests */
    int lines = 0;
    for (int i = 0; i < p->tv.nlines; i++)
        lines += p->tv.lines[i].len > 0;
    for (int i = 0; i < p->ntexts; i++)
        lines += p->texts[i].len > 0;
    fprintf(stdio_file, ", \"reading_position\": {\"para\": %d, \"offset\": %d}, \"text_lines\": %d", a.para, a.offset,
            lines);
}
