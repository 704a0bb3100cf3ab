/* screen_item.c — one 二级事项 of the directory: every catalog column as a labelled row, the channels in words, the
 * documents filed under it, and the 码上知 QR of its online column.  An item with no document here says so first and
 * shows its QR at once (issue 10 §2); catalog jargon (两微一端, 公开方式, 公开层级) comes with plain words. */
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

/* The names of the bits set, joined with 、, in the page's text ("" when none); where a name is catalog jargon its
 * plain words follow it in brackets (plain[i] may be NULL). */
static const char *join(page_t *p, unsigned bits, const char *const *names, const char *const *plain, int n)
{
    const char *out = "";
    for (int i = 0; i < n; i++)
        if (bits & (1u << i))
            out = page_printf(p, "%s%s%s%s%s%s", out, *out ? "、" : "", names[i], plain && plain[i] ? "（" : "",
                              plain && plain[i] ? plain[i] : "", plain && plain[i] ? "）" : "");
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
    } else {
        /* No dead end: an item with nothing on this machine says so on its first view and offers at once what
         * there is — the online column, or whom to ask. */
        if (it->item.url) {
            page_para(p, app, "本机暂未收录该项的文件，请扫码查看网上公开内容。", false, NULL, 0);
            page_qr(p, app, it->item.url,
                    page_printf(p, "码上知：用手机扫码，查看“%s·%s”的网上公开栏目", it->item.topic, it->item.name));
        } else if (it->item.subject && *it->item.subject) {
            page_para(p, app, page_printf(p, "本机暂未收录该项的文件，可向%s咨询。", it->item.subject), false, NULL, 0);
        } else {
            page_para(p, app, "本机暂未收录该项的文件。", false, NULL, 0);
        }
    }
    page_heading(p, app, "目录信息", 2);
    page_field(p, app, "公开内容（要素）", it->item.content);
    page_field(p, app, "公开依据", it->item.basis);
    page_field(p, app, "公开时限", it->item.time_limit);
    page_field(p, app, "公开主体", it->item.subject);
    /* The channels are words, not chips: nothing here is to be tapped.  两微一端 is said in plain words. */
    const char *channels = "";
    for (int i = 0; i < it->nchannels; i++)
        channels = page_printf(p, "%s%s%s", channels, i ? "、" : "",
                               it->channels[i] == content_channel_name(CHANNEL_NEWMEDIA)
                                   ? "两微一端（政务微博、政务微信和政务客户端）"
                                   : it->channels[i]);
    page_field(p, app, "公开渠道和载体", channels);
    static const char *const aud[] = {"全社会", "特定群体"},
                             *const aud_plain[] = {"所有人都可以看", "只对有关的人公开"},
                             *const mode[] = {"主动公开", "依申请公开"},
                             *const mode_plain[] = {"政府主动发布，不用申请", "向政府提出申请后公开"},
                             *const lvl[] = {"县级", "乡级", "村级"};
    page_field(p, app, "公开对象", join(p, it->item.audience, aud, aud_plain, 2));
    page_field(p, app, "公开方式", join(p, it->item.mode, mode, mode_plain, 2));
    const char *levels = join(p, it->item.levels, lvl, NULL, 3);
    if (*levels)
        page_field(p, app, "公开层级", page_printf(p, "%s（由这一级政府负责公开）", levels));
    if (it->item.url && it->item.docs.count) {
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
    ui_screen_set_title(s, it->item.topic);
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
