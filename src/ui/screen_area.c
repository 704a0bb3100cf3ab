/* screen_area.c — one area of the directory: its 一级事项 as headings, each with its 二级事项 as large rows.
 *
 * Two levels on one scrolling page rather than two screens: the citizen sees at once that 最低生活保障 has 政策文件,
 * 办事指南, 审核信息…, and every item is one tap away (home → 目录 → area → item: three taps). */
#include "ui_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_ITEM = ACT_SCREEN };

typedef struct area_row {
    int y, h;     /* relative to the content top */
    int is_topic; /* a 一级事项 heading, or a 二级事项 row */
    const char *label;
    long long id;
    int count; /* documents filed under the item */
    char sub[32];
} area_row_t;

typedef struct area_screen {
    content_named_list_t topics;
    content_named_list_t *items; /* one list per topic */
    area_row_t *rows;
    int nrows;
    ui_scroll_t scroll;
} area_screen_t;

static void area_relayout(ui_screen_t *s, ui_app_t *app)
{
    area_screen_t *a = s->state;
    const ui_theme_t *t = &app->theme;
    int y = t->gap;
    int w = ui_content_width(app);
    int title_lh = app->theme.title_px * 3 / 2;
    int row_lh = app->theme.ui_px * 3 / 2;
    for (int i = 0; i < a->nrows; i++) {
        area_row_t *r = &a->rows[i];
        r->y = y;
        if (r->is_topic) {
            r->h = ui_measure_wrapped(app, app->f_title, w, r->label, title_lh) + t->gap;
        } else {
            int text_h = ui_measure_wrapped(app, app->f_ui_bold, w - (int)(200 * t->scale), r->label, row_lh);
            r->h = text_h + t->gap * 2 > t->target ? text_h + t->gap * 2 : t->target;
        }
        y += r->h + (r->is_topic ? 0 : t->gap / 2);
        if (i + 1 < a->nrows && a->rows[i + 1].is_topic)
            y += t->gap * 2;
    }
    SDL_Rect view = ui_scroll_view(app, ui_body_rect(app).y);
    a->scroll.content_h = y + t->gap * 2;
    a->scroll.view_h = view.h;
    if (a->scroll.pos > ui_scroll_max(&a->scroll))
        a->scroll.pos = ui_scroll_max(&a->scroll);
}

static bool area_open(ui_screen_t *s, ui_app_t *app)
{
    if (!app->content)
        return false;
    area_screen_t *a = calloc(1, sizeof *a);
    if (!a)
        return false;
    s->state = a;
    content_named_list_t areas;
    if (content_areas(app->content, &areas) != ZWGK_OK)
        return false;
    for (size_t i = 0; i < areas.count; i++)
        if (areas.items[i].id == s->arg)
            snprintf(s->title, sizeof s->title, "%s", areas.items[i].name);
    content_named_list_free(&areas);
    if (content_topics(app->content, s->arg, &a->topics) != ZWGK_OK)
        return false;
    a->items = calloc(a->topics.count + 1, sizeof *a->items);
    if (!a->items)
        return false;
    size_t n = a->topics.count;
    for (size_t i = 0; i < a->topics.count; i++) {
        if (content_items(app->content, a->topics.items[i].id, &a->items[i]) != ZWGK_OK)
            return false;
        n += a->items[i].count;
    }
    a->rows = calloc(n + 1, sizeof *a->rows);
    if (!a->rows)
        return false;
    for (size_t i = 0; i < a->topics.count; i++) {
        a->rows[a->nrows++] = (area_row_t){.is_topic = 1, .label = a->topics.items[i].name};
        for (size_t k = 0; k < a->items[i].count; k++) {
            area_row_t *r = &a->rows[a->nrows++];
            *r = (area_row_t){
                .label = a->items[i].items[k].name, .id = a->items[i].items[k].id, .count = a->items[i].items[k].count};
            if (r->count)
                snprintf(r->sub, sizeof r->sub, "%d份文件", r->count);
        }
    }
    area_relayout(s, app);
    return true;
}

static void area_close(ui_screen_t *s)
{
    area_screen_t *a = s->state;
    if (!a)
        return;
    for (size_t i = 0; a->items && i < a->topics.count; i++)
        content_named_list_free(&a->items[i]);
    free(a->items);
    content_named_list_free(&a->topics);
    free(a->rows);
}

static void area_build(ui_screen_t *s, ui_app_t *app)
{
    area_screen_t *a = s->state;
    const ui_theme_t *t = &app->theme;
    SDL_Rect view = ui_scroll_view(app, ui_body_rect(app).y);
    ui_clip(app, &view);
    int top = view.y - (int)a->scroll.pos;
    int w = ui_content_width(app);
    int title_lh = app->theme.title_px * 3 / 2;
    int row_lh = app->theme.ui_px * 3 / 2;
    for (int i = 0; i < a->nrows; i++) {
        const area_row_t *r = &a->rows[i];
        SDL_Rect rr = {t->margin, top + r->y, w, r->h};
        if (rr.y + rr.h <= view.y || rr.y >= view.y + view.h)
            continue;
        if (r->is_topic) {
            ui_text_wrapped(app, app->f_title, rr.x, rr.y, w, r->label, t->accent, title_lh, ROLE_HEADING);
            continue;
        }
        render_fill_rect(app->rd, rr, t->gap / 2, t->card);
        render_stroke_rect(app->rd, rr, t->gap / 2, (int)(2 * t->scale) + 1, t->line);
        ui_elem_t *e = ui_emit(app, ROLE_ROW, r->label, -1, rr, A_ITEM, r->id);
        e->font_px = t->ui_px;
        int text_w = w - (int)(200 * t->scale);
        int th = ui_measure_wrapped(app, app->f_ui_bold, text_w, r->label, row_lh);
        ui_text_wrapped(app, app->f_ui_bold, rr.x + t->gap, rr.y + (rr.h - th) / 2, text_w, r->label, t->fg, row_lh,
                        ROLE_TEXT);
        const char *arrow = r->sub[0] ? r->sub : "查看";
        int aw = render_text_width(app->rd, app->f_small, arrow, strlen(arrow));
        int ah = render_font_height(app->rd, app->f_small);
        render_text(app->rd, app->f_small, rr.x + rr.w - t->gap - aw, rr.y + (rr.h - ah) / 2, arrow, strlen(arrow),
                    t->muted);
    }
    ui_clip(app, NULL);
    ui_scrollbar(app, &a->scroll, view);
    ui_pager(app, &a->scroll, view);
}

static void area_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    (void)s;
    if (action == A_ITEM)
        ui_push(app, &screen_item, arg, 0);
}

static ui_scroll_t *area_scroller(ui_screen_t *s)
{
    return s->state ? &((area_screen_t *)s->state)->scroll : NULL;
}

static void area_key(ui_screen_t *s, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", s->title); /* the area's name */
}

const ui_screen_class_t screen_area = {.name = "area",
                                       .open = area_open,
                                       .close = area_close,
                                       .relayout = area_relayout,
                                       .build = area_build,
                                       .on_action = area_action,
                                       .scroller = area_scroller,
                                       .key = area_key,
                                       .find = content_area_find};
