/* screen_item.c — one 二级事项 of the directory: every catalog column as a labelled row, the channels as chips, the
 * documents filed under it, and the 码上知 QR of its online column. */
#include "page.h"
#include "zwgk/local.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_DOC = ACT_SCREEN };

typedef struct item_screen {
    content_item_t item;
    page_t page;
    const char *channels[CHANNEL_COUNT];
    int nchannels;
} item_screen_t;

/* The names of the bits set, joined with 、, in the page's text ("" when none). */
static const char *join(page_t *p, unsigned bits, const char *const *names, int n)
{
    const char *out = "";
    for (int i = 0; i < n; i++)
        if (bits & (1u << i))
            out = page_printf(p, "%s%s%s", out, *out ? "、" : "", names[i]);
    return out;
}

static void item_fill(page_t *p, ui_app_t *app, void *ctx)
{
    item_screen_t *it = ctx;
    page_muted(p, app, page_printf(p, "%s › %s", it->item.area, it->item.topic));
    page_heading(p, app, it->item.name, 1);
    /* The documents filed under the item come first: they are what a citizen came for. */
    if (it->item.docs.count) {
        page_heading(p, app, "相关文件", 2);
        for (size_t i = 0; i < it->item.docs.count; i++)
            page_doc_row(p, app, &it->item.docs.items[i], page_doc_sub(p, &it->item.docs.items[i]), A_DOC);
    }
    if (it->item.docs.count)
        page_heading(p, app, "目录信息", 2);
    page_field(p, app, "公开内容（要素）", it->item.content);
    page_field(p, app, "公开依据", it->item.basis);
    page_field(p, app, "公开时限", it->item.time_limit);
    page_field(p, app, "公开主体", it->item.subject);
    if (it->nchannels) {
        page_label(p, app, "公开渠道和载体");
        page_chips(p, app, it->channels, it->nchannels, -1, 0);
    }
    static const char *const aud[] = {"全社会", "特定群体"}, *const mode[] = {"主动公开", "依申请公开"},
                             *const lvl[] = {"县级", "乡级", "村级"};
    page_field(p, app, "公开对象", join(p, it->item.audience, aud, 2));
    page_field(p, app, "公开方式", join(p, it->item.mode, mode, 2));
    page_field(p, app, "公开层级", join(p, it->item.levels, lvl, 3));
    if (it->item.url) {
        page_heading(p, app, "码上知", 2);
        page_qr(p, app, it->item.url,
                page_printf(p, "用手机扫码，查看“%s·%s”的网上公开栏目", it->item.topic, it->item.name));
    }
}

static void item_relayout(ui_screen_t *s, ui_app_t *app)
{
    item_screen_t *it = s->state;
    page_layout(&it->page, app, ui_body_rect(app), 0, item_fill, it);
}

static bool item_open(ui_screen_t *s, ui_app_t *app)
{
    if (!app->content)
        return false;
    item_screen_t *it = calloc(1, sizeof *it);
    if (!it)
        return false;
    s->state = it;
    if (content_item_get(app->content, s->arg, &it->item) != ZWGK_OK)
        return false;
    snprintf(s->title, sizeof s->title, "%s", it->item.topic);
    ui_record_view(app, LOCAL_VIEW_ITEM, it->item.key); /* a background job: no fsync on the tap */
    for (int ch = 0; ch < CHANNEL_COUNT; ch++)
        if (it->item.channels & (1u << ch))
            it->channels[it->nchannels++] = content_channel_name(ch);
    item_relayout(s, app);
    return true;
}

static void item_close(ui_screen_t *s)
{
    item_screen_t *it = s->state;
    if (!it)
        return;
    page_free(&it->page);
    content_item_free(&it->item);
}

static void item_build(ui_screen_t *s, ui_app_t *app)
{
    item_screen_t *it = s->state;
    page_show(&it->page, app);
}

static void item_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    item_screen_t *it = s->state;
    if (action != A_DOC)
        return;
    for (size_t i = 0; i < it->item.docs.count; i++)
        if (it->item.docs.items[i].id == arg)
            ui_open_doc(app, &it->item.docs.items[i]);
}

static ui_scroll_t *item_scroller(ui_screen_t *s)
{
    return s->state ? &((item_screen_t *)s->state)->page.scroll : NULL;
}

static void item_key(ui_screen_t *s, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", ((item_screen_t *)s->state)->item.key);
}

static void item_dump(ui_screen_t *s, void *f)
{
    page_dump(&((item_screen_t *)s->state)->page, f);
}

const ui_screen_class_t screen_item = {.name = "item",
                                       .chrome = UI_CHROME_SIZE | UI_CHROME_READING,
                                       .open = item_open,
                                       .close = item_close,
                                       .relayout = item_relayout,
                                       .build = item_build,
                                       .on_action = item_action,
                                       .scroller = item_scroller,
                                       .dump_extra = item_dump,
                                       .key = item_key,
                                       .find = content_item_find};
