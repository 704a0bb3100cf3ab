/* screen_areas.c — the directory's first level: every area (领域) as a large tile, scrolling when they are many.
 *
 * The standard directory has 26 areas and counties add their own, so the grid scrolls (finger or 上一页/下一页). */
#include "ui_private.h"

#include <stdio.h>
#include <stdlib.h>

enum { A_AREA = ACT_SCREEN };

typedef struct areas {
    content_named_list_t list;
    char (*subs)[32];
    ui_scroll_t scroll;
    int cols, tile_w, tile_h;
} areas_t;

static void areas_relayout(ui_screen_t *s, ui_app_t *app)
{
    areas_t *a = s->state;
    const ui_theme_t *t = &app->theme;
    SDL_Rect view = ui_scroll_view(app, ui_body_rect(app).y);
    a->cols = app->w > app->h ? 4 : 2;
    a->tile_w = (ui_content_width(app) - (a->cols - 1) * t->gap) / a->cols;
    /* Tall enough for the longest name (国有土地上房屋征收与补偿 wraps) and its count, with padding. */
    int pad = t->gap + (int)(10 * t->scale);
    int lh = t->tile_px * 4 / 3, sub_h = t->small_px * 3 / 2;
    a->tile_h = (int)(200 * t->scale);
    for (size_t i = 0; i < a->list.count; i++) {
        int need = ui_measure_wrapped(app, app->f_tile, a->tile_w - 2 * pad, a->list.items[i].name, lh) + sub_h +
                   t->gap / 2 + 2 * t->gap;
        if (need > a->tile_h)
            a->tile_h = need;
    }
    int rows = ((int)a->list.count + a->cols - 1) / a->cols;
    a->scroll.view_h = view.h;
    a->scroll.content_h = t->gap * 2 + rows * (a->tile_h + t->gap);
    float max = ui_scroll_max(&a->scroll);
    if (a->scroll.pos > max)
        a->scroll.pos = max;
}

static bool areas_open(ui_screen_t *s, ui_app_t *app)
{
    if (!app->content)
        return false;
    areas_t *a = calloc(1, sizeof *a);
    if (!a)
        return false;
    s->state = a;
    snprintf(s->title, sizeof s->title, "政务公开目录");
    if (content_areas(app->content, &a->list) != ZWGK_OK)
        return false;
    a->subs = calloc(a->list.count + 1, sizeof *a->subs);
    if (!a->subs)
        return false;
    for (size_t i = 0; i < a->list.count; i++)
        snprintf(a->subs[i], sizeof a->subs[i], "%d项", a->list.items[i].count);
    areas_relayout(s, app);
    return true;
}

static void areas_close(ui_screen_t *s)
{
    areas_t *a = s->state;
    if (!a)
        return;
    content_named_list_free(&a->list);
    free(a->subs);
}

static void areas_build(ui_screen_t *s, ui_app_t *app)
{
    areas_t *a = s->state;
    const ui_theme_t *t = &app->theme;
    SDL_Rect view = ui_scroll_view(app, ui_body_rect(app).y);
    ui_clip(app, &view);
    int y0 = view.y + t->gap * 2 - (int)a->scroll.pos;
    SDL_Color accent = t->accent;
    for (size_t i = 0; i < a->list.count; i++) {
        SDL_Rect r = {t->margin + (int)(i % (size_t)a->cols) * (a->tile_w + t->gap),
                      y0 + (int)(i / (size_t)a->cols) * (a->tile_h + t->gap), a->tile_w, a->tile_h};
        if (r.y + r.h <= view.y || r.y >= view.y + view.h)
            continue; /* off screen: neither drawn nor listed */
        ui_tile(app, r, a->list.items[i].name, a->subs[i], A_AREA, a->list.items[i].id, accent);
    }
    ui_clip(app, NULL);
    ui_scrollbar(app, &a->scroll, view);
    ui_pager(app, &a->scroll, view);
}

static void areas_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    (void)s;
    if (action == A_AREA)
        ui_push(app, &screen_area, arg, 0);
}

static ui_scroll_t *areas_scroller(ui_screen_t *s)
{
    return s->state ? &((areas_t *)s->state)->scroll : NULL;
}

const ui_screen_class_t screen_areas = {.name = "areas",
                                        .open = areas_open,
                                        .close = areas_close,
                                        .relayout = areas_relayout,
                                        .build = areas_build,
                                        .on_action = areas_action,
                                        .scroller = areas_scroller};
