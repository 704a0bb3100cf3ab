/* widgets.c — the few visual pieces every screen is made of: header, button, tile, label, wrapped text, badge,
 * scrollbar, pager.
 *
 * Each draws through render_* and emits its element, so what is drawn is what is tapped and dumped.  Wrapped text
 * here is for short strings (a tile's caption, a list row's title) and lays out on every build using a scratch line
 * buffer that keeps its capacity; long documents are laid out once, by textview.c. */
#include "ui_private.h"

#include <string.h>

void ui_button(ui_app_t *app, SDL_Rect r, const char *label, int action, long long arg, bool primary)
{
    const ui_theme_t *t = &app->theme;
    SDL_Color bg = primary ? t->accent : t->card, fg = primary ? t->accent_fg : t->fg;
    render_fill_rect(app->rd, r, t->gap / 2, bg);
    if (!primary)
        render_stroke_rect(app->rd, r, t->gap / 2, (int)(3 * t->scale + 0.5f), t->accent);
    int font = app->f_ui_bold;
    int tw = render_text_width(app->rd, font, label, strlen(label));
    int th = render_font_height(app->rd, font);
    render_text(app->rd, font, r.x + (r.w - tw) / 2, r.y + (r.h - th) / 2, label, strlen(label), fg);
    ui_elem_t *e = ui_emit(app, ROLE_BUTTON, label, -1, r, action, arg);
    e->font_px = t->ui_px;
    e->text_w = tw;
    e->value = primary; /* the filled one: what to tap next */
}

/* A page-turn button with nothing to turn to: drawn flat and muted, not tappable, keeping its place and words. */
static void pager_button(ui_app_t *app, SDL_Rect r, const char *label, int action, bool enabled, bool primary)
{
    if (enabled) {
        ui_button(app, r, label, action, 0, primary);
        return;
    }
    const ui_theme_t *t = &app->theme;
    render_stroke_rect(app->rd, r, t->gap / 2, (int)(2 * t->scale + 0.5f), t->line);
    int font = app->f_ui;
    int tw = render_text_width(app->rd, font, label, strlen(label)), th = render_font_height(app->rd, font);
    render_text(app->rd, font, r.x + (r.w - tw) / 2, r.y + (r.h - th) / 2, label, strlen(label), t->muted);
    ui_elem_t *e = ui_emit(app, ROLE_BUTTON, label, -1, r, 0, 0);
    e->font_px = t->ui_px;
    e->text_w = tw;
}

/* The size control's buttons: wide enough for 字号－ in the mode's label face, never under a target. */
static int size_button_w(ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    int w = render_text_width(app->rd, app->f_ui_bold, "字号－", strlen("字号－")) + t->gap * 2;
    return w < t->target ? t->target : w;
}

/* The name's slot fits the longest name (特大, 超大), so the buttons do not move as the size changes. */
static int size_name_w(ui_app_t *app)
{
    return render_text_width(app->rd, app->f_ui_bold, "超大", strlen("超大")) + app->theme.gap * 2;
}

int ui_size_control_w(ui_app_t *app)
{
    return 2 * size_button_w(app) + size_name_w(app);
}

void ui_size_control(ui_app_t *app, SDL_Rect r)
{
    const ui_theme_t *t = &app->theme;
    int bw = size_button_w(app), nw = size_name_w(app), x = r.x + (r.w - ui_size_control_w(app)) / 2;
    pager_button(app, (SDL_Rect){x, r.y, bw, r.h}, "字号－", ACT_SMALLER, t->size_step > t->size_min, false);
    const char *name = ui_size_name(t->size_step);
    int fw = render_text_width(app->rd, app->f_ui_bold, name, strlen(name)),
        fh = render_font_height(app->rd, app->f_ui_bold);
    SDL_Rect nr = {x + bw + (nw - fw) / 2, r.y + (r.h - fh) / 2, fw, fh};
    render_text(app->rd, app->f_ui_bold, nr.x, nr.y, name, strlen(name), t->fg);
    ui_elem_t *e = ui_emit(app, ROLE_TEXT, name, -1, nr, 0, 0);
    e->font_px = t->ui_px;
    pager_button(app, (SDL_Rect){x + bw + nw, r.y, bw, r.h}, "字号＋", ACT_LARGER, t->size_step < UI_SIZE_STEPS - 1,
                 false);
}

void ui_draw_footer(ui_app_t *app, const ui_screen_t *s)
{
    int h = ui_footer_h(app, s);
    if (!h)
        return;
    const ui_theme_t *t = &app->theme;
    SDL_Rect bar = {0, app->h - h, app->w, h};
    render_fill_rect(app->rd, bar, 0, t->bar);
    render_fill_rect(app->rd, (SDL_Rect){0, bar.y, app->w, (int)(2 * t->scale) + 1}, 0, t->line);
    /* ‹ 返回 at the left and 首页 at the right, as in the header above: the same words in the same corners */
    int bw = (int)(200 * t->scale), y = bar.y + t->gap;
    ui_button(app, (SDL_Rect){t->margin / 2, y, bw, t->target}, "‹ 返回", ACT_BACK, 0, false);
    ui_button(app, (SDL_Rect){app->w - t->margin / 2 - bw, y, bw, t->target}, "首页", ACT_HOME, 0, false);
    int left = t->margin / 2 + bw + t->gap;
    ui_size_control(app, (SDL_Rect){left, y, app->w - 2 * left, t->target});
}

int ui_tool_button_width(const ui_app_t *app)
{
    return (int)(150 * app->theme.scale * (app->elder_mode ? 1.25f : 1.0f));
}

void ui_draw_header(ui_app_t *app, const char *title, bool nav)
{
    const ui_theme_t *t = &app->theme;
    SDL_Rect bar = {0, 0, app->w, t->header_h};
    render_fill_rect(app->rd, bar, 0, t->accent);
    int bw = (int)(200 * t->scale), bh = t->target;
    int by = (t->header_h - bh) / 2;
    int title_x = t->margin, title_w = app->w - 2 * t->margin;
    if (nav) {
        /* Back on the left, Home on the right: the same place on every screen. */
        SDL_Rect back = {t->margin / 2, by, bw, bh}, home = {app->w - t->margin / 2 - bw, by, bw, bh};
        ui_button(app, back, "‹ 返回", ACT_BACK, 0, false);
        ui_button(app, home, "首页", ACT_HOME, 0, false);
        title_x = back.x + bw + t->gap;
        title_w = home.x - t->gap - title_x;
        /* Landscape has no foot bar: the size control sits in the header, left of 首页. */
        const ui_screen_t *s = ui_current(app);
        if (s && (s->chrome & UI_CHROME_SIZE) && app->w > app->h) {
            int cw = ui_size_control_w(app);
            SDL_Rect island = {home.x - t->gap - cw - t->gap, by - t->gap / 2, cw + 2 * t->gap / 2 + t->gap / 2,
                               bh + t->gap};
            island.w = cw + t->gap;
            render_fill_rect(app->rd, island, t->gap / 2, t->bar); /* light under the words, as in the foot bar */
            ui_size_control(app, (SDL_Rect){island.x + t->gap / 2, by, cw, bh});
            title_w -= island.w + t->gap;
        }
    }
    if (ui_print_draw_header(app, (SDL_Rect){title_x, 0, title_w, t->header_h}))
        return; /* how a print went, on a screen other than the one it was started on */
    int font = app->f_title;
    size_t len = strlen(title);
    int tw = render_text_width(app->rd, font, title, len);
    /* A title too long for the bar is cut at a character boundary and marked with an ellipsis. */
    static const char ell[] = "…";
    int ew = render_text_width(app->rd, font, ell, sizeof ell - 1);
    while (tw > title_w && len > 0) {
        do
            len--;
        while (len > 0 && ((unsigned char)title[len] & 0xC0) == 0x80);
        tw = render_text_width(app->rd, font, title, len) + ew;
    }
    int th = render_font_height(app->rd, font);
    int x = title_x + (title_w - tw) / 2, y = (t->header_h - th) / 2;
    int drawn = render_text(app->rd, font, x, y, title, len, t->accent_fg);
    if (len < strlen(title))
        render_text(app->rd, font, x + drawn, y, ell, sizeof ell - 1, t->accent_fg);
    ui_elem_t *e = ui_emit(app, ROLE_HEADING, title, (int)strlen(title), (SDL_Rect){x, y, tw, th}, 0, 0);
    e->font_px = t->title_px;
}

int ui_label(ui_app_t *app, int font, int x, int y, int max_w, const char *s, SDL_Color c, ui_role_t role)
{
    (void)max_w;
    size_t len = strlen(s);
    int w = render_text(app->rd, font, x, y, s, len, c);
    int h = render_font_height(app->rd, font);
    ui_elem_t *e = ui_emit(app, role, s, (int)len, (SDL_Rect){x, y, w, h}, 0, 0);
    e->font_px = render_font_px(app->rd, font);
    return w;
}

size_t ui_short_len(const char *s)
{
    size_t n = strnlen(s, UI_SHORT_TEXT_MAX + 1);
    if (n > UI_SHORT_TEXT_MAX) {
        n = UI_SHORT_TEXT_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* s[n] continues a code point: cut before it */
            n--;
    }
    return n;
}

int ui_measure_wrapped(ui_app_t *app, int font, int max_w, const char *s, int line_h)
{
    render_measure_t m = {app->rd, font};
    text_lines_clear(&app->scratch_lines);
    int n = text_layout_paragraph(s, ui_short_len(s), max_w, 0, render_measure_cb, &m, &app->scratch_lines);
    return n > 0 ? n * line_h : line_h;
}

int ui_text_marked(ui_app_t *app, int font, int x, int y, int max_w, const char *s, SDL_Color c, int line_h,
                   ui_role_t role, size_t mark_start, size_t mark_end)
{
    render_measure_t m = {app->rd, font};
    text_lines_clear(&app->scratch_lines);
    int n = text_layout_paragraph(s, ui_short_len(s), max_w, 0, render_measure_cb, &m, &app->scratch_lines);
    int fh = render_font_height(app->rd, font);
    const ui_theme_t *t = &app->theme;
    for (int i = 0; i < n; i++) {
        const text_line_t *l = &app->scratch_lines.lines[i];
        int ly = y + i * line_h + (line_h - fh) / 2;
        size_t a = mark_start > l->start ? mark_start : l->start, b = mark_end < l->end ? mark_end : l->end;
        if (a < b) { /* the matched part: a tinted box and a thick underline, so colour is not the only cue */
            int x0 = x + render_text_width(app->rd, font, s + l->start, a - l->start);
            int x1 = x0 + render_text_width(app->rd, font, s + a, b - a);
            render_fill_rect(app->rd, (SDL_Rect){x0, ly, x1 - x0, fh}, 0, t->mark);
            int th = (int)(4 * t->scale) + 1;
            render_fill_rect(app->rd, (SDL_Rect){x0, ly + fh - th, x1 - x0, th}, 0, t->fg);
        }
        render_text(app->rd, font, x, ly, s + l->start, l->end - l->start, c);
        ui_elem_t *e =
            ui_emit(app, role, s + l->start, (int)(l->end - l->start), (SDL_Rect){x, ly, l->width, fh}, 0, 0);
        e->font_px = render_font_px(app->rd, font);
    }
    return n > 0 ? n * line_h : line_h;
}

int ui_text_wrapped(ui_app_t *app, int font, int x, int y, int max_w, const char *s, SDL_Color c, int line_h,
                    ui_role_t role)
{
    return ui_text_marked(app, font, x, y, max_w, s, c, line_h, role, 0, 0);
}

void ui_tile(ui_app_t *app, SDL_Rect r, const char *label, const char *sub, int action, long long arg, SDL_Color accent)
{
    const ui_theme_t *t = &app->theme;
    render_fill_rect(app->rd, r, t->gap, t->card);
    render_stroke_rect(app->rd, r, t->gap, (int)(2 * t->scale + 0.5f), t->line);
    /* A coloured band on the left: decoration only, the words carry the meaning. */
    render_fill_rect(app->rd, (SDL_Rect){r.x, r.y + t->gap, (int)(10 * t->scale), r.h - 2 * t->gap}, 0, accent);
    int pad = t->gap + (int)(10 * t->scale);
    int lh = t->tile_px * 4 / 3; /* captions are short: a little tighter than body text */
    int sub_h = sub ? t->small_px * 3 / 2 : 0;
    int text_w = r.w - 2 * pad;
    int title_h = ui_measure_wrapped(app, app->f_tile, text_w, label, lh);
    int total = title_h + (sub ? sub_h + t->gap / 2 : 0);
    int y = r.y + (r.h - total) / 2;
    ui_elem_t *e = ui_emit(app, ROLE_TILE, label, -1, r, action, arg);
    e->font_px = t->tile_px;
    ui_text_wrapped(app, app->f_tile, r.x + pad, y, text_w, label, t->fg, lh, ROLE_TEXT);
    if (sub)
        ui_text_wrapped(app, app->f_small, r.x + pad, y + title_h + t->gap / 2, text_w, sub, t->muted, sub_h,
                        ROLE_TEXT);
}

void ui_badge(ui_app_t *app, int x, int y, const char *label, SDL_Color bg, SDL_Color fg, int *w_out)
{
    const ui_theme_t *t = &app->theme;
    int font = app->f_small;
    int tw = render_text_width(app->rd, font, label, strlen(label));
    int th = render_font_height(app->rd, font);
    SDL_Rect r = {x, y, tw + t->gap * 2, th + t->gap / 2};
    render_fill_rect(app->rd, r, t->gap / 2, bg);
    render_text(app->rd, font, x + t->gap, y + t->gap / 4, label, strlen(label), fg);
    ui_elem_t *e = ui_emit(app, ROLE_BADGE, label, -1, r, 0, 0);
    e->font_px = t->small_px;
    if (w_out)
        *w_out = r.w;
}

void ui_scrollbar(ui_app_t *app, const ui_scroll_t *s, SDL_Rect view)
{
    if (s->content_h <= s->view_h)
        return;
    const ui_theme_t *t = &app->theme;
    int bw = (int)(10 * t->scale) + 2;
    SDL_Rect track = {view.x + view.w - bw - 4, view.y + 4, bw, view.h - 8};
    render_fill_rect(app->rd, track, bw / 2, t->track);
    float frac = (float)s->view_h / (float)s->content_h;
    int th = (int)(track.h * frac);
    if (th < t->target / 2)
        th = t->target / 2;
    float max = ui_scroll_max(s);
    float p = max > 0 ? s->pos / max : 0;
    p = p < 0 ? 0 : p > 1 ? 1 : p;
    SDL_Rect thumb = {track.x, track.y + (int)((track.h - th) * p), bw, th};
    render_fill_rect(app->rd, thumb, bw / 2, t->muted);
    ui_elem_t *e = ui_emit(app, ROLE_SCROLLBAR, "", 0, thumb, 0, 0);
    e->value = (int)(p * 100.0f + 0.5f);
}

/* Portrait: 上一页 / page / 下一页 in a strip under the view.  Landscape, where height is scarce and width is not: a
 * column at the right edge, 上一页 at its top and 下一页 at its bottom. */
static bool pager_column(const ui_app_t *app)
{
    return app->w > app->h;
}

int ui_pager_height(const ui_app_t *app)
{
    return pager_column(app) ? 0 : app->theme.target + app->theme.gap * 2;
}

int ui_pager_width(const ui_app_t *app)
{
    return pager_column(app) ? (int)(app->theme.target * 1.8f) + app->theme.gap * 2 : 0;
}

SDL_Rect ui_scroll_view(const ui_app_t *app, int top)
{
    SDL_Rect body = ui_body_rect(app);
    int bottom = body.y + body.h - ui_pager_height(app);
    return (SDL_Rect){0, top, app->w - ui_pager_width(app), bottom - top};
}

int ui_content_width(const ui_app_t *app)
{
    return app->w - ui_pager_width(app) - 2 * app->theme.margin;
}

void ui_pager_in(ui_app_t *app, const ui_scroll_t *s, SDL_Rect strip)
{
    if (s->content_h <= s->view_h)
        return; /* one page: no pager, not even an empty band */
    const ui_theme_t *t = &app->theme;
    bool column = strip.h > strip.w;
    render_fill_rect(app->rd, strip, 0, t->bar);
    if (column)
        render_fill_rect(app->rd, (SDL_Rect){strip.x, strip.y, (int)(2 * t->scale) + 1, strip.h}, 0, t->line);
    else
        render_fill_rect(app->rd, (SDL_Rect){strip.x, strip.y, strip.w, (int)(2 * t->scale) + 1}, 0, t->line);
    int pages, page = ui_scroll_page_of(s, &pages) + 1;
    bool first = s->pos <= 0.5f, last = s->pos >= ui_scroll_max(s) - 0.5f;
    char *where = app->pager_msg;
    int split = snprintf(where, sizeof app->pager_msg, "第%d页", page);
    snprintf(where + split, sizeof app->pager_msg - (size_t)split, "/共%d页", pages);
    SDL_Rect up, down;
    if (column) {
        /* tall buttons, but never so tall that they cover the page's words between them (a short view: the 办事流程演示
         * in landscape 长者模式, where 下一页 lay over 上一页 and 第2页/共3页) */
        int bw = strip.w - 2 * t->gap, bh = t->target * 2;
        int room = (strip.h - 4 * t->gap - 2 * render_font_height(app->rd, app->f_ui)) / 2;
        if (bh > room)
            bh = room > t->target ? room : t->target;
        up = (SDL_Rect){strip.x + t->gap, strip.y + t->gap, bw, bh};
        down = (SDL_Rect){strip.x + t->gap, strip.y + strip.h - t->gap - bh, bw, bh};
    } else {
        int bw = (strip.w - 2 * t->margin - 2 * t->gap) / 3;
        up = (SDL_Rect){strip.x + t->margin, strip.y + t->gap, bw, t->target};
        down = (SDL_Rect){strip.x + strip.w - t->margin - bw, strip.y + t->gap, bw, t->target};
    }
    pager_button(app, up, "上一页", ACT_PAGE_UP, !first, false);
    pager_button(app, down, "下一页", ACT_PAGE_DOWN, !last, true);
    int fh = render_font_height(app->rd, app->f_ui);
    int ww = render_text_width(app->rd, app->f_ui, where, strlen(where));
    if (!column || ww <= strip.w - t->gap) { /* 第3页/共9页 on one line */
        int wx = strip.x + (strip.w - ww) / 2, wy = strip.y + (strip.h - fh) / 2;
        render_text(app->rd, app->f_ui, wx, wy, where, strlen(where), t->fg);
        ui_elem_t *e = ui_emit(app, ROLE_TEXT, where, -1, (SDL_Rect){wx, wy, ww, fh}, 0, 0);
        e->font_px = t->ui_px;
        return;
    }
    /* A narrow column: 第3页 over 共9页, the words kept (never a bare "3/9") */
    const char *parts[2] = {where, where + split + 1};
    int lens[2] = {split, (int)strlen(where + split + 1)};
    for (int i = 0; i < 2; i++) {
        int pw = render_text_width(app->rd, app->f_ui, parts[i], (size_t)lens[i]);
        int px = strip.x + (strip.w - pw) / 2, py = strip.y + strip.h / 2 - fh + i * fh;
        render_text(app->rd, app->f_ui, px, py, parts[i], (size_t)lens[i], t->fg);
        ui_elem_t *e = ui_emit(app, ROLE_TEXT, parts[i], lens[i], (SDL_Rect){px, py, pw, fh}, 0, 0);
        e->font_px = t->ui_px;
    }
}

int ui_pager_inline(ui_app_t *app, const ui_scroll_t *s, SDL_Rect r, int bw)
{
    if (s->content_h <= s->view_h)
        return 0;
    const ui_theme_t *t = &app->theme;
    int pages, page = ui_scroll_page_of(s, &pages) + 1;
    char *where = app->pager_msg;
    int split = snprintf(where, sizeof app->pager_msg, "第%d页", page);
    snprintf(where + split, sizeof app->pager_msg - (size_t)split, "/共%d页", pages);
    int ww = render_text_width(app->rd, app->f_ui, where, strlen(where)), fh = render_font_height(app->rd, app->f_ui);
    /* a narrow bar (the search results beside the keys at 1280×800 in 长者模式, where 上一页 lay over the keys):
     * 第3页 over 共9页, the words kept */
    const char *parts[2] = {where, where + split + 1};
    int lens[2] = {(int)strlen(where), 0}, nparts = 1;
    if (2 * bw + ww + 2 * t->gap > r.w) {
        lens[0] = split;
        lens[1] = (int)strlen(parts[1]);
        nparts = 2;
        int w0 = render_text_width(app->rd, app->f_ui, parts[0], (size_t)lens[0]);
        int w1 = render_text_width(app->rd, app->f_ui, parts[1], (size_t)lens[1]);
        ww = w0 > w1 ? w0 : w1;
    }
    int used = 2 * bw + ww + 2 * t->gap;
    int x = r.x + r.w - used;
    pager_button(app, (SDL_Rect){x, r.y, bw, r.h}, "上一页", ACT_PAGE_UP, s->pos > 0.5f, false);
    int wx = x + bw + t->gap;
    for (int i = 0; i < nparts; i++) {
        int pw = render_text_width(app->rd, app->f_ui, parts[i], (size_t)lens[i]);
        int px = wx + (ww - pw) / 2, py = r.y + (r.h - nparts * fh) / 2 + i * fh;
        render_text(app->rd, app->f_ui, px, py, parts[i], (size_t)lens[i], t->fg);
        ui_elem_t *e = ui_emit(app, ROLE_TEXT, parts[i], lens[i], (SDL_Rect){px, py, pw, fh}, 0, 0);
        e->font_px = t->ui_px;
    }
    pager_button(app, (SDL_Rect){wx + ww + t->gap, r.y, bw, r.h}, "下一页", ACT_PAGE_DOWN,
                 s->pos < ui_scroll_max(s) - 0.5f, false);
    return used;
}

void ui_pager(ui_app_t *app, const ui_scroll_t *s, SDL_Rect view)
{
    SDL_Rect body = ui_body_rect(app);
    SDL_Rect strip = pager_column(app)
                         ? (SDL_Rect){view.x + view.w, view.y, ui_pager_width(app), view.h}
                         : (SDL_Rect){0, body.y + body.h - ui_pager_height(app), app->w, ui_pager_height(app)};
    ui_pager_in(app, s, strip);
}
