/* screen_list.c — the documents of one type, newest first, filtered by validity and by area.
 *
 * Policies open on every document in force — 现行有效 and 已修改 (an amended policy still applies, as amended) — each
 * row led by its validity badge in words; 已废止 and 全部 are one tap away.  The home tile counts what this list opens
 * on.  Every row shows the document's summary under its title: what it is about, before one taps.
 * Areas that have documents of this type are offered as filters.  A filter change re-reads the list (a query on
 * a tap, never per frame).  民生实事 rows carry their progress bar, 征求意见 rows their deadline. */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_DOC = ACT_SCREEN, A_VALIDITY, A_AREA };

/* A list shows at most this many rows, newest first: nobody pages through more on a kiosk, and a hostile package
 * with 100,000 notices must not lay out 100,000 rows (tests/hostile_content.py, many-docs).  Search finds the rest. */
#define LIST_ROWS_MAX 300

static const char *const validity_chips[] = {"有效文件", "已废止", "全部"};
#define NVALIDITY 3
enum { SHOW_IN_FORCE, SHOW_REPEALED, SHOW_ALL };

typedef struct list_screen {
    int type, validity_idx, area_idx; /* area_idx 0 = 全部领域 */
    content_doc_list_t docs;
    content_named_list_t areas;
    const char **area_chips; /* "全部领域" + areas with documents of this type */
    long long *area_ids;
    int nareas;
    page_t page; /* owns the rows' sub lines */
} list_screen_t;

/* The second line of a row: status and date for 民生实事, the deadline for 征求意见, else 文号 · date (the list
 * is all of one type: its name would only repeat the header). */
static const char *row_sub(page_t *p, int type, const content_doc_summary_t *d)
{
    if (content_doc_type_has(type, DOC_HAS_PROGRESS))
        return page_printf(p, "%s · %s", content_project_status_name(d->status),
                           d->publish_date ? d->publish_date : "");
    if (content_doc_type_has(type, DOC_HAS_DEADLINE) && d->deadline)
        return page_printf(p, "截止日期：%s", d->deadline);
    return page_printf(p, "%s%s%s", d->doc_number ? d->doc_number : "", d->doc_number && d->publish_date ? " · " : "",
                       d->publish_date ? d->publish_date : "");
}

static void list_fill(page_t *p, ui_app_t *app, void *ctx)
{
    list_screen_t *l = ctx;
    /* The chosen chip by index: a bitmask (1 << area_idx) was undefined past 31 areas (hostile_content.py, areas-70).
     */
    if (content_doc_type_has(l->type, DOC_HAS_VALIDITY))
        page_chips(p, app, validity_chips, NVALIDITY, l->validity_idx, A_VALIDITY);
    if (l->nareas > 2)
        page_chips(p, app, l->area_chips, l->nareas, l->area_idx, A_AREA);
    if (!l->docs.count)
        page_para(p, app, "没有符合条件的文件。", false, NULL, 0);
    size_t shown = l->docs.count < LIST_ROWS_MAX ? l->docs.count : LIST_ROWS_MAX;
    for (size_t i = 0; i < shown; i++) {
        page_doc_row(p, app, &l->docs.items[i], row_sub(p, l->type, &l->docs.items[i]), A_DOC);
        if (content_doc_type_has(l->type, DOC_HAS_PROGRESS) && l->docs.items[i].progress >= 0)
            page_progress(p, app, l->docs.items[i].progress);
    }
    if (shown < l->docs.count)
        page_muted(p, app,
                   page_printf(p, "共%zu件，这里显示最新的%zu件；其余的请用首页的“搜索”查找。", l->docs.count, shown));
}

static void list_relayout(ui_screen_t *s, ui_app_t *app)
{
    list_screen_t *l = s->state;
    page_layout(&l->page, app, ui_body_rect(app), 0, list_fill, l);
}

static bool list_load(list_screen_t *l, ui_app_t *app)
{
    content_doc_list_free(&l->docs);
    long long area = l->area_idx > 0 ? l->area_ids[l->area_idx] : 0;
    int show = content_doc_type_has(l->type, DOC_HAS_VALIDITY) ? l->validity_idx : SHOW_ALL;
    if (content_docs(app->content, l->type, area, show == SHOW_REPEALED ? VALIDITY_REPEALED : 0, &l->docs) != ZWGK_OK)
        return false;
    if (show == SHOW_IN_FORCE) { /* 现行有效 and 已修改, newest first as read */
        size_t k = 0;
        for (size_t i = 0; i < l->docs.count; i++)
            if (l->docs.items[i].validity != VALIDITY_REPEALED)
                l->docs.items[k++] = l->docs.items[i];
        l->docs.count = k;
    }
    return true;
}

static bool list_open(ui_screen_t *s, ui_app_t *app)
{
    if (!app->content)
        return false;
    list_screen_t *l = calloc(1, sizeof *l);
    if (!l)
        return false;
    s->state = l;
    l->type = s->arg2;
    snprintf(s->title, sizeof s->title, "%s", content_doc_type_name(l->type));
    /* Area filters: only areas that have documents of this type (a filter that shows nothing is a dead end). */
    content_doc_list_t all;
    if (content_docs(app->content, l->type, 0, 0, &all) != ZWGK_OK || content_areas(app->content, &l->areas) != ZWGK_OK)
        return false;
    l->area_chips = calloc(l->areas.count + 1, sizeof *l->area_chips);
    l->area_ids = calloc(l->areas.count + 1, sizeof *l->area_ids);
    if (!l->area_chips || !l->area_ids) {
        content_doc_list_free(&all);
        return false;
    }
    l->area_chips[l->nareas++] = "全部领域";
    for (size_t a = 0; a < l->areas.count; a++) {
        bool used = false;
        for (size_t i = 0; i < all.count && !used; i++)
            used = all.items[i].area_id == l->areas.items[a].id;
        if (used) {
            l->area_ids[l->nareas] = l->areas.items[a].id;
            l->area_chips[l->nareas++] = l->areas.items[a].name;
        }
    }
    content_doc_list_free(&all);
    if (!list_load(l, app))
        return false;
    list_relayout(s, app);
    return true;
}

static void list_close(ui_screen_t *s)
{
    list_screen_t *l = s->state;
    if (!l)
        return;
    page_free(&l->page);
    content_doc_list_free(&l->docs);
    content_named_list_free(&l->areas);
    free(l->area_chips);
    free(l->area_ids);
}

static void list_build(ui_screen_t *s, ui_app_t *app)
{
    list_screen_t *l = s->state;
    page_show(&l->page, app);
}

static void list_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    list_screen_t *l = s->state;
    if (action == A_DOC) {
        for (size_t i = 0; i < l->docs.count; i++)
            if (l->docs.items[i].id == arg)
                ui_open_doc(app, &l->docs.items[i]);
        return;
    }
    if (action == A_VALIDITY && arg >= 0 && arg < NVALIDITY)
        l->validity_idx = (int)arg;
    else if (action == A_AREA && arg >= 0 && arg < l->nareas)
        l->area_idx = (int)arg;
    else
        return;
    list_load(l, app);
    l->page.scroll.pos = 0;
    list_relayout(s, app);
}

static ui_scroll_t *list_scroller(ui_screen_t *s)
{
    return s->state ? &((list_screen_t *)s->state)->page.scroll : NULL;
}

static void list_dump(ui_screen_t *s, void *f)
{
    page_dump(&((list_screen_t *)s->state)->page, f);
}

const ui_screen_class_t screen_list = {.name = "list",
                                       .chrome = UI_CHROME_SIZE | UI_CHROME_READING,
                                       .open = list_open,
                                       .close = list_close,
                                       .relayout = list_relayout,
                                       .build = list_build,
                                       .on_action = list_action,
                                       .scroller = list_scroller,
                                       .dump_extra = list_dump};
