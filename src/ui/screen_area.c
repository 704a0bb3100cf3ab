/* screen_area.c — one area of the directory: its 一级事项 as headings, each with its 二级事项 as large rows.
 *
 * Two levels on one scrolling page rather than two screens: the citizen sees at once that 最低生活保障 has 政策文件,
 * 办事指南, 审核信息…, and every item is one tap away (home → 目录 → area → item: three taps). */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_ITEM = ACT_SCREEN };

typedef struct area_row {
    int is_topic; /* a 一级事项 heading, or a 二级事项 row */
    const char *label;
    long long id;
    int count;  /* documents filed under the item */
    int online; /* it has a 码上知 URL */
} area_row_t;

typedef struct area_screen {
    content_named_list_t topics;
    content_named_list_t *items; /* one list per topic */
    area_row_t *rows;
    int nrows;
    page_t page; /* owns the "2份文件" counts */
} area_screen_t;

static void area_fill(page_t *p, ui_app_t *app, void *ctx)
{
    area_screen_t *a = ctx;
    for (int i = 0; i < a->nrows; i++) {
        const area_row_t *r = &a->rows[i];
        if (r->is_topic)
            page_section(p, app, r->label);
        else
            /* "2份文件" (read here) and "扫码查看" (only online) are told apart before the tap */
            page_row_trail(p, app, r->label,
                           r->count    ? page_printf(p, "%d份文件", r->count)
                           : r->online ? "扫码查看"
                                       : "查看目录",
                           A_ITEM, r->id);
    }
}

static void area_relayout(ui_screen_t *s, ui_app_t *app)
{
    area_screen_t *a = s->state;
    page_layout(&a->page, app, ui_body_rect(app), 0, area_fill, a);
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
            ui_screen_set_title(s, areas.items[i].name);
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
            a->rows[a->nrows++] = (area_row_t){.label = a->items[i].items[k].name,
                                               .id = a->items[i].items[k].id,
                                               .count = a->items[i].items[k].count,
                                               .online = a->items[i].items[k].online};
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
    page_free(&a->page);
    for (size_t i = 0; a->items && i < a->topics.count; i++)
        content_named_list_free(&a->items[i]);
    free(a->items);
    content_named_list_free(&a->topics);
    free(a->rows);
}

static void area_build(ui_screen_t *s, ui_app_t *app)
{
    page_show(&((area_screen_t *)s->state)->page, app);
}

static void area_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    (void)s;
    if (action == A_ITEM)
        ui_push(app, &screen_item, arg, 0);
}

static ui_scroll_t *area_scroller(ui_screen_t *s)
{
    return s->state ? &((area_screen_t *)s->state)->page.scroll : NULL;
}

static void area_dump(ui_screen_t *s, void *f)
{
    page_dump(&((area_screen_t *)s->state)->page, f);
}

static void area_key(ui_screen_t *s, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", s->title); /* the area's name */
}

const ui_screen_class_t screen_area = {.name = "area",
                                       .chrome = UI_CHROME_SIZE,
                                       .open = area_open,
                                       .close = area_close,
                                       .relayout = area_relayout,
                                       .build = area_build,
                                       .on_action = area_action,
                                       .scroller = area_scroller,
                                       .dump_extra = area_dump,
                                       .key = area_key,
                                       .find = content_area_find};
