/* screen_home.c — the home screen: who runs this kiosk, the time, and large tiles for everything it offers.
 *
 * Tiles show live counts from the content (a tile with nothing behind it is hidden, never a dead end).  When no
 * content could be opened the screen says so in plain words, with the technical reason small below for the admin:
 * a kiosk is never blank.
 *
 * 好差评 for the visit as a whole: when a citizen comes back home after opening something, a strip above the 长者模式
 * button asks "请为本次服务评价" with the five levels as large buttons and 不评了 beside them — it takes room from the
 * tiles, never covers them, and the idle reset (the next citizen) takes it away (rating.c records it). */
#include "ui_private.h"
#include "zwgk/local.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { A_AREAS = ACT_SCREEN, A_LIST, A_GUIDE, A_ELDER, A_SEARCH, A_RATE, A_REASON, A_RATE_CLOSE, A_MORE };

/* 长者模式's simpler home: these entries first, in this order (the ones a citizen comes for: the directory, how to
 * get something done, the policies), each a large tile in one column; the rest behind one 更多 tile. */
#define ELDER_FIRST 3

#define NTILES (DOC_TYPE_COUNT_PLUS_ONE + 1) /* the directory, one per document type, 依申请公开 */

typedef struct home {
    content_counts_t counts;
    long long request_guide; /* the 依申请公开 guide, 0 when the content has none */
    struct {
        const char *title;
        char sub[64];
        int action;
        long long arg;
        SDL_Color accent;
    } tiles[NTILES];
    int ntiles;
    int order[NTILES + 1]; /* the tiles shown, as indexes into tiles[]; NTILES = the 更多 / 常用 tile */
    int nshown;
    bool more; /* 长者模式: all tiles shown (after 更多) */
    char clock[96], info[512], updated[96];
    char spoken[NTILES][96]; /* 朗读 (长者模式): what each tile says, "政策文件，12件" */
    int reading;             /* the tile being read (-1: none; NTILES: the greeting line) */
} home_t;

/* sub: the tile's second line, already formatted. */
static void add_tile(home_t *h, const char *title, int action, long long arg, SDL_Color c, const char *sub)
{
    if (h->ntiles == NTILES)
        return;
    h->tiles[h->ntiles].title = title;
    snprintf(h->tiles[h->ntiles].sub, sizeof h->tiles[0].sub, "%s", sub);
    h->tiles[h->ntiles].action = action;
    h->tiles[h->ntiles].arg = arg;
    h->tiles[h->ntiles].accent = c;
    h->ntiles++;
}

/* The 依申请公开 tile opens the service guide whose title says 依申请公开 (docs/authoring.md). */
static long long find_request_guide(content_t *c)
{
    content_doc_list_t l;
    long long id = 0;
    if (content_docs(c, DOC_GUIDE, 0, 0, &l) != ZWGK_OK)
        return 0;
    for (size_t i = 0; i < l.count && !id; i++)
        if (strstr(l.items[i].title, "依申请公开"))
            id = l.items[i].id;
    content_doc_list_free(&l);
    return id;
}

static bool home_open(ui_screen_t *s, ui_app_t *app)
{
    home_t *h = calloc(1, sizeof *h);
    if (!h)
        return false;
    s->state = h;
    h->reading = -1;
    if (!app->content) {
        snprintf(s->title, sizeof s->title, "政务公开");
        return true;
    }
    const content_meta_t *m = content_meta(app->content);
    ui_screen_set_title(s, m->title);
    content_counts(app->content, &h->counts);
    h->request_guide = find_request_guide(app->content);
    const content_counts_t *n = &h->counts;
    SDL_Color red = {0xA6, 0x1B, 0x1B, 255}, blue = {0x1F, 0x4E, 0x8C, 255}, green = {0x1E, 0x5E, 0x2E, 255},
              gold = {0x8A, 0x5A, 0x00, 255};
    char sub[64];
    if (n->items) {
        snprintf(sub, sizeof sub, "%d个领域", n->areas);
        add_tile(h, "政务公开目录", A_AREAS, 0, red, sub);
    }
    /* A tile per document type that has documents, in the order and colours of the type table (zwgk/doctype.h).
     * A type with validity opens its list on the documents in force: the tile counts those, so the number is what
     * one sees. */
    SDL_Color family[DOC_FAMILY_COUNT] = {
        [DOC_FAMILY_POLICY] = blue, [DOC_FAMILY_SERVICE] = green, [DOC_FAMILY_NOTICE] = gold};
    for (int type = 1; type < DOC_TYPE_COUNT_PLUS_ONE; type++) {
        const doc_type_info_t *t = content_doc_type(type);
        if (!t || !n->by_type[type])
            continue;
        int count = n->by_type[type];
        bool validity = content_doc_type_has(type, DOC_HAS_VALIDITY);
        int repealed;
        if (validity && content_docs_count(app->content, type, 0, VALIDITY_REPEALED, &repealed) == ZWGK_OK)
            count -= repealed;
        snprintf(sub, sizeof sub, "%d%s%s", count, t->count_unit, validity ? "有效" : "");
        add_tile(h, t->name, A_LIST, type, family[t->family], sub);
    }
    if (h->request_guide)
        add_tile(h, "依申请公开", A_GUIDE, h->request_guide, red, "如何申请");
    return true;
}

/* The rating strip for the visit (key ""), at y, w wide; with draw false only measures.  Returns its height, 0 when
 * it is not shown (nothing visited yet, closed with 不评了, or rated and thanked). */
static int rating_strip(ui_app_t *app, int x, int y, int w, bool draw)
{
    static const char *const levels[] = {"非常满意", "满意", "基本满意", "不满意", "非常不满意", "不评了"};
    const ui_theme_t *t = &app->theme;
    int level = ui_rating_given(app, "");
    bool reasons = level && level <= 2 && !ui_rating_reason_given(app, "");
    if (!app->session.visited || app->session.home_rating_closed || (level && !reasons))
        return 0;
    const char *title = reasons ? "哪里让您不满意？点一项告诉我们（可以不选）" : "请为本次服务评价（不记录个人信息）";
    int th = t->ui_px * 3 / 2, bh = t->target;
    /* one row of six where the widest label fits (landscape), else two rows of three */
    int widest = render_text_width(app->rd, app->f_ui_bold, "非常不满意", strlen("非常不满意")) + t->gap * 2;
    int per_row = (w - 5 * t->gap / 2) / 6 >= widest ? 6 : 3;
    int nrows = ((reasons ? LOCAL_RATING_REASON_COUNT : 6) + per_row - 1) / per_row;
    int h = th + t->gap / 2 + nrows * (bh + t->gap / 2);
    if (!draw)
        return h;
    ui_label(app, app->f_ui_bold, x, y, w, title, t->fg, ROLE_HEADING);
    y += th + t->gap / 2;
    const char *const *labels = reasons ? local_rating_reasons_zh : levels;
    int n = reasons ? LOCAL_RATING_REASON_COUNT : 6;
    int bw = (w - (per_row - 1) * t->gap / 2) / per_row;
    for (int i = 0; i < n; i++) {
        SDL_Rect r = {x + (i % per_row) * (bw + t->gap / 2), y + (i / per_row) * (bh + t->gap / 2), bw, bh};
        int action = reasons ? A_REASON : i == 5 ? A_RATE_CLOSE : A_RATE;
        ui_button(app, r, labels[i], action, i, false); /* all alike: no level is suggested */
    }
    return h;
}

/* Which tiles this home shows, in order: every tile; or in 长者模式 the entries citizens use most (the directory,
 * 办事指南, 政策文件, then whatever comes next in the content's order, ELDER_FIRST in all) and 更多 for the rest;
 * after 更多, the rest (one column in portrait, as large as the first ones) and 常用 to come back. */
static void home_order(home_t *h, const ui_app_t *app)
{
    h->nshown = 0;
    if (!app->elder_mode || h->ntiles <= ELDER_FIRST + 1) {
        for (int i = 0; i < h->ntiles; i++)
            h->order[h->nshown++] = i;
        return;
    }
    bool taken[NTILES] = {false};
    for (int pass = 0; pass < 4 && h->nshown < ELDER_FIRST; pass++)
        for (int i = 0; i < h->ntiles && h->nshown < ELDER_FIRST; i++) {
            bool want = pass == 0   ? h->tiles[i].action == A_AREAS
                        : pass == 1 ? h->tiles[i].action == A_LIST && h->tiles[i].arg == DOC_GUIDE
                        : pass == 2 ? h->tiles[i].action == A_LIST && h->tiles[i].arg == DOC_POLICY
                                    : true;
            if (want && !taken[i]) {
                taken[i] = true;
                h->order[h->nshown++] = i;
            }
        }
    if (h->more) { /* the other entries, in the content's order, as large as the first ones; 常用 goes back */
        h->nshown = 0;
        for (int i = 0; i < h->ntiles; i++)
            if (!taken[i])
                h->order[h->nshown++] = i;
    }
    h->order[h->nshown++] = NTILES;
}

/* 信丰县·信丰县人民政府办公室（演示）: the 间隔号 between two names is full width and set solid (GB/T 15834) — with
 * typed spaces around it there was an em and a half between 县 and 信; without a region, the publisher alone. */
static void home_info(home_t *h, const content_meta_t *m)
{
    bool region = m->region && *m->region;
    snprintf(h->info, sizeof h->info, "%s%s%s", region ? m->region : "", region ? "·" : "", m->publisher);
}

static void home_build(ui_screen_t *s, ui_app_t *app)
{
    home_t *h = s->state;
    const ui_theme_t *t = &app->theme;
    SDL_Rect body = ui_body_rect(app);
    int x = t->margin, y = body.y + t->gap * 2, w = app->w - 2 * t->margin;
    int lh = render_font_height(app->rd, app->f_ui);

    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    static const char *const wd[] = {"日", "一", "二", "三", "四", "五", "六"};
    snprintf(h->clock, sizeof h->clock, "%d年%d月%d日 星期%s %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             wd[tm.tm_wday], tm.tm_hour, tm.tm_min);

    if (!app->content) {
        y += ui_text_wrapped(app, app->f_title, x, y, w, "内容暂时无法显示，请联系工作人员。", t->fg,
                             app->theme.title_px * 3 / 2, ROLE_TEXT);
        y += t->gap;
        ui_text_wrapped(app, app->f_small, x, y, w, app->content_err, t->muted, app->theme.small_px * 3 / 2, ROLE_TEXT);
        return;
    }
    const content_meta_t *m = content_meta(app->content);
    home_info(h, m);
    if (h->reading == NTILES) { /* being read aloud: tinted and underlined, as in documents */
        int iw = render_text_width(app->rd, app->f_ui_bold, h->info, strlen(h->info)), ul = (int)(4 * t->scale) + 1;
        render_fill_rect(app->rd, (SDL_Rect){x, y, iw, lh}, 0, t->mark);
        render_fill_rect(app->rd, (SDL_Rect){x, y + lh - ul, iw, ul}, 0, t->fg);
    }
    ui_label(app, app->f_ui_bold, x, y, w, h->info, t->fg, ROLE_TEXT);
    y += lh + t->gap / 2;
    if (app->elder_mode) /* the simpler home: who runs the kiosk, then at once what it offers, in larger tiles */
        y += t->gap * 3 / 2;
    else {
        ui_label(app, app->f_ui, x, y, w, h->clock, t->muted, ROLE_TEXT);
        y += lh + t->gap / 2;
        snprintf(h->updated, sizeof h->updated, "内容更新：%s", m->created ? m->created : "");
        ui_label(app, app->f_small, x, y, w, h->updated, t->muted, ROLE_TEXT);
        y += render_font_height(app->rd, app->f_small) + t->gap * 2;
    }

    /* The search entry: a wide box that looks like a field and says what to type. */
    if (app->search) {
        SDL_Rect sr = {x, y, w, t->target};
        render_fill_rect(app->rd, sr, t->gap / 2, t->card);
        render_stroke_rect(app->rd, sr, t->gap / 2, (int)(3 * t->scale) + 1, t->accent);
        ui_elem_t *e = ui_emit(app, ROLE_BUTTON, "搜索", -1, sr, A_SEARCH, 0);
        e->font_px = t->ui_px;
        int fy = sr.y + (sr.h - render_font_height(app->rd, app->f_ui_bold)) / 2;
        int sw = ui_label(app, app->f_ui_bold, sr.x + t->gap, fy, 0, "搜索", t->accent, ROLE_TEXT);
        ui_label(app, app->f_ui, sr.x + t->gap * 2 + sw, fy, 0, "输入拼音首字母，如 db（低保）", t->muted, ROLE_TEXT);
        y += t->target + t->gap * 2;
    }

    /* Tiles: two columns in portrait, four in landscape; rows share the height left above the bottom bar.  长者模式:
     * one column in portrait; in landscape two columns (the first entries) or three (the rest, after 更多), so that
     * every name stays on one line at the tile size (four in a row broke 政务公开目录 inside the word at 1280×800). */
    home_order(h, app);
    bool landscape = app->w > app->h;
    int cols = !app->elder_mode ? (landscape ? 4 : 2) : !landscape ? 1 : h->nshown > 4 ? 3 : 2;
    int bottom_h = t->target + t->gap * 2;
    /* more entries than one column holds at the target height (a content with many document types): more columns */
    while (cols < 4 && (body.y + body.h - bottom_h - y + t->gap) / ((h->nshown + cols - 1) / cols) < t->target + t->gap)
        cols++;
    int rows = (h->nshown + cols - 1) / cols;
    int strip_h = rating_strip(app, x, 0, w, false);
    /* the tiles come first: on a short screen the strip gives way rather than squeeze them (the rating card at the
     * end of each document remains) */
    if (strip_h && (body.y + body.h - bottom_h - strip_h - t->gap - y - (rows - 1) * t->gap) / (rows ? rows : 1) <
                       t->target * 3 / 2)
        strip_h = 0;
    if (strip_h)
        bottom_h += strip_h + t->gap;
    int avail = body.y + body.h - bottom_h - y;
    int tile_h = rows ? (avail - (rows - 1) * t->gap) / rows : 0;
    int max_h = (int)(300 * t->scale);
    if (tile_h > max_h)
        tile_h = max_h;
    int tile_w = (w - (cols - 1) * t->gap) / cols;
    for (int k = 0; k < h->nshown; k++) {
        int i = h->order[k];
        SDL_Rect r = {x + (k % cols) * (tile_w + t->gap), y + (k / cols) * (tile_h + t->gap), tile_w, tile_h};
        if (i == NTILES) {
            SDL_Color grey = {0x4A, 0x4A, 0x4A, 255};
            ui_tile(app, r, h->more ? "常用" : "更多", h->more ? "回到常用的三项" : "其他栏目", A_MORE, 0, grey);
            continue;
        }
        ui_tile(app, r, h->tiles[i].title, h->tiles[i].sub, h->tiles[i].action, h->tiles[i].arg, h->tiles[i].accent);
        if (i == h->reading) /* being read aloud: a thick outline */
            render_stroke_rect(app->rd, (SDL_Rect){r.x - t->gap / 2, r.y - t->gap / 2, r.w + t->gap, r.h + t->gap},
                               t->gap, (int)(6 * t->scale) + 1, t->fg);
    }
    if (strip_h)
        rating_strip(app, x, body.y + body.h - bottom_h + t->gap, w, true);
    /* The bottom row: 长者模式, and in it 朗读, which reads this screen's tiles; while reading, the reading's
     * controls. */
    SDL_Rect elder = {x, body.y + body.h - t->target - t->gap, w, t->target};
    if (ui_read_active(app)) {
        ui_read_controls(app, x, elder.y, w);
        return;
    }
    if (app->elder_mode) {
        int rw = ui_read_controls_width(app, false);
        elder.w -= rw + t->gap;
        ui_read_controls(app, x + elder.w + t->gap, elder.y, rw);
    }
    ui_button(app, elder, app->elder_mode ? "长者模式：已开启（点此关闭）" : "长者模式：字更大（点此开启）", A_ELDER, 0,
              app->elder_mode);
}

/* 朗读 in 长者模式: who runs the kiosk, then what each tile opens ("政策文件，十二件"). */
static void home_read_collect(ui_screen_t *s, ui_app_t *app)
{
    home_t *h = s->state;
    if (!app->content)
        return;
    const content_meta_t *m = content_meta(app->content);
    home_info(h, m);
    ui_read_add(app, NTILES, h->info, strlen(h->info), 0);
    home_order(h, app); /* the tiles shown, in their order (长者模式: the simpler home's) */
    for (int k = 0; k < h->nshown; k++) {
        int i = h->order[k];
        if (i == NTILES) /* 更多 is not read: it is a way on, not content */
            continue;
        char line[sizeof h->spoken[0]];
        snprintf(line, sizeof line, "%s，%s。", h->tiles[i].title, h->tiles[i].sub);
        memcpy(h->spoken[i], line, sizeof line);
        ui_read_add(app, i, h->spoken[i], strlen(h->spoken[i]), 0);
    }
}

static void home_read_mark(ui_screen_t *s, ui_app_t *app, int key, size_t start, size_t end)
{
    (void)start;
    (void)end;
    ((home_t *)s->state)->reading = key;
    app->dirty = true;
}

static void home_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    switch (action) {
    case A_AREAS:
        ui_push(app, &screen_areas, 0, 0);
        break;
    case A_LIST:
        ui_push(app, &screen_list, 0, (int)arg);
        break;
    case A_GUIDE:
        ui_push(app, &screen_reader, arg, 0);
        break;
    case A_SEARCH:
        ui_push(app, &screen_search, 0, 0);
        break;
    case A_RATE:
    case A_REASON:
        ui_rating_action(app, "", action == A_REASON, arg);
        break;
    case A_RATE_CLOSE:
        app->session.home_rating_closed = true;
        break;
    case A_MORE:
        ((home_t *)s->state)->more = !((home_t *)s->state)->more;
        break;
    case ACT_HOME: /* ui_home: 首页 shows the first view again */
        ((home_t *)s->state)->more = false;
        break;
    case A_ELDER:
        ((home_t *)s->state)->more = false; /* 长者模式 opens on its simpler home */
        app->elder_mode = !app->elder_mode;
        app->theme.size_step = app->elder_mode ? 2 : 0; /* 60 px reading size at 1080 wide */
        ui_relayout_all(app);
        break;
    default:
        break;
    }
}

const ui_screen_class_t screen_home = {.name = "home",
                                       .open = home_open,
                                       .build = home_build,
                                       .on_action = home_action,
                                       .read_collect = home_read_collect,
                                       .read_mark = home_read_mark};
