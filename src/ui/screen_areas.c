/* screen_areas.c — the directory's first level: every area (领域) as a large tile, in pages when they are many.
 *
 * The standard directory has 26 areas and counties add their own, so the grid is a page (page.h): each grid row is
 * one element for page breaks, so no page begins with half a row of tiles; a finger or 上一页/下一页 turns it.
 * The areas that have documents on this machine come first (in the content's order), the rest after: what a county
 * publishes here is what its citizens come for (社会救助, 养老服务…), and 城乡规划 at the top was a dead end. */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_AREA = ACT_SCREEN };

typedef struct areas {
    content_named_list_t list;
    page_tile_t *tiles;
    page_t page; /* owns the "12项" counts */
} areas_t;

static void areas_fill(page_t *p, ui_app_t *app, void *ctx)
{
    areas_t *a = ctx;
    for (size_t i = 0; i < a->list.count; i++) {
        const content_named_t *n = &a->list.items[i];
        a->tiles[i] = (page_tile_t){.label = n->name,
                                    .sub = n->docs ? page_printf(p, "%d项 · %d份文件", n->count, n->docs)
                                                   : page_printf(p, "%d项", n->count),
                                    .action = A_AREA,
                                    .arg = n->id};
    }
    /* 长者模式: one column in portrait, two in landscape, so that every name (保障性住房, 国有土地上房屋征收与补偿)
     * stays on one line at the larger size */
    int cols = app->w > app->h ? (app->elder_mode ? 2 : 4) : app->elder_mode ? 1 : 2;
    if (cols == 2 && app->elder_mode) { /* two in a row only when every name fits on one line there */
        const ui_theme_t *t = &app->theme;
        int text_w = (p->width - t->gap) / 2 - 2 * (t->gap + (int)(10 * t->scale));
        for (size_t i = 0; i < a->list.count && cols == 2; i++)
            if (render_text_width(app->rd, app->f_tile, a->tiles[i].label, strlen(a->tiles[i].label)) > text_w)
                cols = 1;
    }
    page_tiles(p, app, a->tiles, (int)a->list.count, cols);
}

static void areas_relayout(ui_screen_t *s, ui_app_t *app)
{
    areas_t *a = s->state;
    page_layout(&a->page, app, ui_body_rect(app), 0, areas_fill, a);
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
    /* areas with documents first, each group in the content's order (a stable partition, done once on open) */
    content_named_t *sorted = calloc(a->list.count + 1, sizeof *sorted);
    if (!sorted)
        return false;
    size_t k = 0;
    for (int with_docs = 1; with_docs >= 0; with_docs--)
        for (size_t i = 0; i < a->list.count; i++)
            if ((a->list.items[i].docs > 0) == with_docs)
                sorted[k++] = a->list.items[i];
    memcpy(a->list.items, sorted, a->list.count * sizeof *sorted);
    free(sorted);
    a->tiles = calloc(a->list.count + 1, sizeof *a->tiles);
    if (!a->tiles)
        return false;
    areas_relayout(s, app);
    return true;
}

static void areas_close(ui_screen_t *s)
{
    areas_t *a = s->state;
    if (!a)
        return;
    page_free(&a->page);
    content_named_list_free(&a->list);
    free(a->tiles);
}

static void areas_build(ui_screen_t *s, ui_app_t *app)
{
    page_show(&((areas_t *)s->state)->page, app);
}

static void areas_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    (void)s;
    if (action == A_AREA)
        ui_push(app, &screen_area, arg, 0);
}

static ui_scroll_t *areas_scroller(ui_screen_t *s)
{
    return s->state ? &((areas_t *)s->state)->page.scroll : NULL;
}

static void areas_dump(ui_screen_t *s, void *f)
{
    page_dump(&((areas_t *)s->state)->page, f);
}

const ui_screen_class_t screen_areas = {.name = "areas",
                                        .chrome = UI_CHROME_SIZE,
                                        .open = areas_open,
                                        .close = areas_close,
                                        .relayout = areas_relayout,
                                        .build = areas_build,
                                        .on_action = areas_action,
                                        .scroller = areas_scroller,
                                        .dump_extra = areas_dump};
