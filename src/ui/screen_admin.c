/* screen_admin.c — admin mode: a PIN keypad, then the kiosk's state and the county admin's actions.
 *
 * Reached by a hidden gesture (five taps in the top-left corner within 3 s, app.c) and a PIN (zwgk/pin.h: Argon2id in
 * local.db, five wrong PINs lock for five minutes).  The admin screen shows what a technician needs on site — kiosk
 * id, content version and publisher, install history, free storage, trusted key ids, the last refusal — and offers
 * install from stick, reinstall, roll back, export statistics to the stick, idle time, screen rotation, and exit to
 * the desktop.  It is an ordinary screen above home, so the idle reset takes an admin who walked away back home. */
#include "page.h"
#include "zwgk/local.h"
#include "zwgk/package.h"
#include "zwgk/pin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

/* ---- the PIN keypad ---- */

enum { P_DIGIT = ACT_SCREEN, P_DELETE, P_ENTER };

typedef struct pin_screen {
    char digits[PIN_MAX_DIGITS + 1];
    int n;
    char dots[PIN_MAX_DIGITS * 4 + 1];
    char message[1600];
    char keycap[10][2];
} pin_screen_t;

static bool pin_open(ui_screen_t *s, ui_app_t *app)
{
    pin_screen_t *p = calloc(1, sizeof *p);
    if (!p)
        return false;
    s->state = p;
    snprintf(s->title, sizeof s->title, "管理模式");
    if (!app->opt.data_dir)
        snprintf(p->message, sizeof p->message, "本机没有启用管理模式。需要管理时，请联系县政务公开办。");
    else if (!app->local)
        snprintf(p->message, sizeof p->message, "%s", app->state_note);
    else if (app->state_note[0])
        snprintf(p->message, sizeof p->message, "%s\n请输入管理密码", app->state_note);
    else
        snprintf(p->message, sizeof p->message, "请输入管理密码");
    return true;
}

static void pin_build(ui_screen_t *s, ui_app_t *app)
{
    pin_screen_t *p = s->state;
    const ui_theme_t *t = &app->theme;
    SDL_Rect body = ui_body_rect(app);
    int w = app->w < app->h ? app->w - 2 * t->margin : app->h - 2 * t->margin;
    int x0 = (app->w - w) / 2, y = body.y + t->gap * 2;
    int kh = t->target, pad_h = 4 * kh + 3 * t->gap;
    int msg_h = ui_measure_wrapped(app, app->f_ui_bold, w, p->message, t->ui_px * 3 / 2);
    /* a short landscape screen (1280×800 in 长者模式): the message and the field at the left, the keys at the right,
     * rather than keys below the window's edge */
    bool beside = app->w > app->h && y + msg_h + t->gap + t->target + t->gap * 2 + pad_h > body.y + body.h - t->gap;
    int pad_x = x0, pad_y = 0;
    if (beside) {
        w = (app->w - 3 * t->margin) / 2;
        x0 = t->margin;
        pad_x = 2 * t->margin + w;
        pad_y = y;
    }
    y += ui_text_wrapped(app, app->f_ui_bold, x0, y, w, p->message, t->fg, t->ui_px * 3 / 2, ROLE_TEXT) + t->gap;
    p->dots[0] = 0;
    for (int i = 0; i < p->n; i++)
        strcat(p->dots, "●");
    SDL_Rect field = {x0, y, w, t->target};
    render_fill_rect(app->rd, field, t->gap / 2, t->card);
    render_stroke_rect(app->rd, field, t->gap / 2, 3, t->accent);
    ui_label(app, app->f_title, x0 + t->gap, y + (t->target - render_font_height(app->rd, app->f_title)) / 2, w,
             p->dots, t->fg, ROLE_TEXT);
    y += t->target + t->gap * 2;
    if (beside) {
        x0 = pad_x;
        y = pad_y;
    }
    int kw = (w - 2 * t->gap) / 3;
    static const char order[] = "123456789";
    for (int i = 0; i < 9; i++) {
        p->keycap[i][0] = order[i];
        SDL_Rect r = {x0 + (i % 3) * (kw + t->gap), y + (i / 3) * (kh + t->gap), kw, kh};
        ui_button(app, r, p->keycap[i], P_DIGIT, order[i], false);
    }
    int ry = y + 3 * (kh + t->gap);
    p->keycap[9][0] = '0';
    ui_button(app, (SDL_Rect){x0, ry, kw, kh}, "删除", P_DELETE, 0, false);
    ui_button(app, (SDL_Rect){x0 + kw + t->gap, ry, kw, kh}, p->keycap[9], P_DIGIT, '0', false);
    ui_button(app, (SDL_Rect){x0 + 2 * (kw + t->gap), ry, kw, kh}, "确认", P_ENTER, 0, true);
}

static void pin_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    pin_screen_t *p = s->state;
    if (action == P_DIGIT && p->n < PIN_MAX_DIGITS) {
        p->digits[p->n++] = (char)arg;
        p->digits[p->n] = 0;
    } else if (action == P_DELETE && p->n > 0) {
        p->digits[--p->n] = 0;
    } else if (action == P_ENTER && app->local) {
        int left = 0;
        time_t until = 0;
        pin_status_t st = pin_check(app->local, p->digits, time(NULL), &left, &until);
        memset(p->digits, 0, sizeof p->digits); /* the PIN does not stay in memory longer than needed */
        p->n = 0;
        switch (st) {
        case PIN_OK:
            ui_back(app);
            ui_push(app, &screen_admin, 0, 0);
            return;
        case PIN_WRONG:
            snprintf(p->message, sizeof p->message, "密码不对，还可以再试%d次。", left);
            break;
        case PIN_LOCKED: {
            struct tm tm;
            localtime_r(&until, &tm);
            snprintf(p->message, sizeof p->message, "密码错误次数过多，已锁定，请于%02d:%02d后再试。", tm.tm_hour,
                     tm.tm_min);
            break;
        }
        case PIN_NOT_SET:
            /* whoever reads this may be a citizen who found the gesture: no command, just whom to ask (the admin's
             * manual, docs/authoring.md and the README, says how the PIN is set) */
            snprintf(p->message, sizeof p->message, "本机尚未设置管理密码，暂时不能进入管理模式。请联系县政务公开办。");
            break;
        case PIN_ERROR: /* pin.c: an attempt that cannot be counted is not checked */
            snprintf(p->message, sizeof p->message,
                     "本机数据无法写入，不能记录密码尝试次数，所以暂不核对密码。请检查存储。%s", app->state_note);
            break;
        }
    }
}

const ui_screen_class_t screen_pin = {
    .name = "admin_pin", .open = pin_open, .build = pin_build, .on_action = pin_action};

/* ---- the admin screen ---- */

enum { A_STICK = ACT_SCREEN, A_REINSTALL, A_ROLLBACK, A_EXPORT, A_IDLE, A_ROTATE, A_EXIT };

typedef struct admin_screen {
    page_t page;
    local_history_row_t *history;
    size_t nhistory;
    char *result; /* the last action's outcome, whole (heap): kept across relayouts, which rewind the page's texts */
    long long ratings[6], reasons[LOCAL_RATING_REASON_COUNT]; /* 好差评 counts: level 1..5, reason index */
} admin_screen_t;

/* The history's machine words (local.h: action "install", reason "sig-invalid") as the admin reads them. */
static const char *history_action_zh(const char *action)
{
    static const struct {
        const char *key, *zh;
    } names[] = {{"install", "安装"}, {"refuse", "拒绝"}, {"rollback", "回退"}, {"repair", "修复"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(action, names[i].key))
            return names[i].zh;
    return action;
}

static const char *history_reason_zh(const char *reason)
{
    for (int r = 0; r < PACKAGE_REASON_COUNT; r++)
        if (!strcmp(reason, package_reason_key((package_reason_t)r)))
            return r == PACKAGE_OK ? "成功" : package_reason_zh((package_reason_t)r);
    return reason;
}

/* Sums the 好差评 counters (kind rating, key "LEVEL:TARGET"; rating_reason, key "REASON:TARGET"). */
static int count_rating(void *user, const local_stat_t *st)
{
    admin_screen_t *a = user;
    if (!strcmp(st->kind, "rating") && st->key[0] >= '1' && st->key[0] <= '5')
        a->ratings[st->key[0] - '0'] += st->count;
    else if (!strcmp(st->kind, "rating_reason"))
        for (int i = 0; i < LOCAL_RATING_REASON_COUNT; i++) {
            size_t n = strlen(local_rating_reasons[i]);
            if (!strncmp(st->key, local_rating_reasons[i], n) && st->key[n] == ':')
                a->reasons[i] += st->count;
        }
    return 0;
}

static void set_result(admin_screen_t *a, const char *text)
{
    free(a->result);
    a->result = strdup(text); /* out of memory: no line, which is what it says */
}

static void admin_relayout(ui_screen_t *s, ui_app_t *app)
{
    admin_screen_t *a = s->state;
    page_t *p = &a->page;
    page_begin(p, app, ui_content_width(app)); /* the page's texts (page_printf) live until the next relayout */
    if (a->result && a->result[0])
        page_label(p, app, a->result);
    if (app->state_note[0])
        page_label(p, app, app->state_note);
    page_heading(p, app, "本机状态", 2);
    page_field(p, app, "终端编号", page_printf(p, "%s", app->opt.config.kiosk_id));
    if (app->content) {
        const content_meta_t *m = content_meta(app->content);
        page_field(p, app, "内容版本", page_printf(p, "%lld（%s）", m->content_version, m->created ? m->created : ""));
        page_field(p, app, "发布单位", page_printf(p, "%s（%s）", m->publisher, m->publisher_id));
    }
    page_field(p, app, "内容文件", page_printf(p, "%s", app->content_path));
    struct statvfs vfs;
    if (app->opt.data_dir && statvfs(app->opt.data_dir, &vfs) == 0)
        page_field(p, app, "可用存储",
                   page_printf(p, "%.1f GB（共 %.1f GB）", (double)vfs.f_bavail * (double)vfs.f_frsize / 1e9,
                               (double)vfs.f_blocks * (double)vfs.f_frsize / 1e9));
    minisign_pubkey_t keys[CONFIG_MAX_LIST];
    package_options_t opt;
    char err[256];
    package_options_from_config(&opt, keys, &app->opt.config, err, sizeof err); /* the good keys, whatever else */
    for (size_t i = 0; i < opt.ntrusted_keys; i++) {
        char id[MINISIGN_KEYID_LEN];
        minisign_keyid(keys[i].keynum, id);
        page_field(p, app, i ? "备用签名公钥" : "信任的签名公钥", page_printf(p, "%s", id));
    }
    /* A line that is no key is named, with its line in the config file: the other keys stay trusted (issue 12.7). */
    const config_t *cfg = &app->opt.config;
    for (int i = 0; i < cfg->ntrusted_keys && i < CONFIG_MAX_LIST; i++) {
        minisign_pubkey_t k;
        char why[160];
        if (minisign_pubkey_parse(cfg->trusted_keys[i], strlen(cfg->trusted_keys[i]), &k, why, sizeof why) == ZWGK_OK)
            continue;
        if (cfg->trusted_key_lines[i] > 0)
            page_field(p, app, "有误的签名公钥",
                       page_printf(p,
                                   "配置文件第 %d 行的第 %d 个 trusted_key 不是有效的公钥，已忽略；其余公钥照常信任。",
                                   cfg->trusted_key_lines[i], i + 1));
        else
            page_field(p, app, "有误的签名公钥",
                       page_printf(p, "第 %d 个 trusted_key 不是有效的公钥，已忽略；其余公钥照常信任。", i + 1));
    }
    if (!opt.ntrusted_keys)
        page_field(p, app, "信任的签名公钥", "未配置：更新包都会被拒绝（配置 trusted_key）");
    if (app->last_refusal[0])
        page_field(p, app, "最近一次拒绝", app->last_refusal);
    page_field(p, app, "打印机",
               app->opt.config.print_limit <= 0
                   ? "打印已关闭（print_limit = 0）"
                   : page_printf(p, "%s，每位群众每次最多打印 %d 份",
                                 app->opt.config.printer[0] ? app->opt.config.printer : "系统默认打印机",
                                 app->opt.config.print_limit));
    page_heading(p, app, "安装记录", 2);
    for (size_t i = 0; i < a->nhistory && i < 10; i++) {
        const local_history_row_t *h = &a->history[i];
        page_muted(p, app,
                   page_printf(p, "%s  %s  版本%lld  %s", h->time, history_action_zh(h->action), h->version,
                               history_reason_zh(h->reason)));
    }
    if (!a->nhistory)
        page_muted(p, app, "（无）");
    page_heading(p, app, "好差评（累计）", 2);
    page_field(p, app, "评价次数",
               page_printf(p, "非常满意 %lld · 满意 %lld · 基本满意 %lld · 不满意 %lld · 非常不满意 %lld",
                           a->ratings[5], a->ratings[4], a->ratings[3], a->ratings[2], a->ratings[1]));
    page_field(p, app, "不满意的原因",
               page_printf(p, "%s %lld · %s %lld · %s %lld · %s %lld · %s %lld", local_rating_reasons_zh[0],
                           a->reasons[0], local_rating_reasons_zh[1], a->reasons[1], local_rating_reasons_zh[2],
                           a->reasons[2], local_rating_reasons_zh[3], a->reasons[3], local_rating_reasons_zh[4],
                           a->reasons[4]));
    page_heading(p, app, "操作", 2);
    page_button(p, app, "从U盘安装更新包", A_STICK, 0);
    page_button(p, app, "重新安装当前版本（U盘）", A_REINSTALL, 0);
    page_button(p, app, "回退到上一版本", A_ROLLBACK, 0);
    page_button(p, app, "导出统计到U盘", A_EXPORT, 0);
    page_button(p, app, page_printf(p, "无操作返回首页：%d秒（点此更改）", app->opt.config.idle_seconds), A_IDLE, 0);
    page_button(p, app, page_printf(p, "屏幕旋转：%d度（点此更改，重启后生效）", app->opt.config.rotation), A_ROTATE,
                0);
    page_button(p, app, "退出到桌面", A_EXIT, 0);
    page_end(p, ui_scroll_view(app, ui_body_rect(app).y).h);
}

static void load_history(admin_screen_t *a, ui_app_t *app)
{
    free(a->history);
    a->history = NULL;
    a->nhistory = 0;
    if (app->local)
        local_history_list(app->local, 10, &a->history, &a->nhistory);
}

static bool admin_open(ui_screen_t *s, ui_app_t *app)
{
    admin_screen_t *a = calloc(1, sizeof *a);
    if (!a)
        return false;
    s->state = a;
    snprintf(s->title, sizeof s->title, "管理模式");
    load_history(a, app);
    if (app->local)
        local_stats_each(app->local, count_rating, a);
    admin_relayout(s, app);
    return true;
}

static void admin_close(ui_screen_t *s)
{
    admin_screen_t *a = s->state;
    if (!a)
        return;
    page_free(&a->page);
    free(a->history);
    free(a->result);
}

static void admin_build(ui_screen_t *s, ui_app_t *app)
{
    admin_screen_t *a = s->state;
    page_draw(&a->page, app, ui_scroll_view(app, ui_body_rect(app).y));
    ui_pager(app, &a->page.scroll, ui_scroll_view(app, ui_body_rect(app).y));
}

void screen_admin_set_result(ui_app_t *app, const char *text)
{
    ui_screen_t *s = ui_current(app);
    if (!s || s->cls != &screen_admin || !s->state)
        return; /* the admin walked away: the overlay said it */
    admin_screen_t *a = s->state;
    set_result(a, text);
    load_history(a, app);
    admin_relayout(s, app);
}

static void admin_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    admin_screen_t *a = s->state;
    (void)arg;
    switch (action) {
    case A_STICK:
    case A_REINSTALL:
        if (!app->updater)
            set_result(a, "更新功能未启动（需要 --data 数据目录）。");
        else {
            ui_updater_rescan(app, action == A_REINSTALL);
            set_result(a, "正在查找U盘和同步目录中的更新包……");
        }
        break;
    case A_ROLLBACK: /* a job: the check of the previous version takes seconds; the overlay shows it */
        if (!app->opt.data_dir || !ui_updater_rollback(app))
            set_result(a, app->opt.data_dir ? "未回退：后台任务无法启动。" : "未回退：没有数据目录。");
        break;
    case A_EXPORT: /* a job too: writing and syncing a stick, through the helper when it is mounted read-only */
        if (!app->opt.data_dir || !ui_updater_export(app))
            set_result(a, app->opt.data_dir ? "导出失败：后台任务无法启动。" : "导出失败：没有数据目录。");
        break;
    case A_IDLE: {
        static const int steps[] = {60, 90, 120, 180, 300};
        int next = steps[0];
        for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
            if (steps[i] > app->opt.config.idle_seconds) {
                next = steps[i];
                break;
            }
        app->opt.config.idle_seconds = next;
        if (app->local) {
            char v[16];
            snprintf(v, sizeof v, "%d", next);
            local_setting_set(app->local, "idle_seconds", v); /* kept across restarts, over the config file */
        }
        break;
    }
    case A_ROTATE:
        app->opt.config.rotation = (app->opt.config.rotation + 90) % 360;
        if (app->local) {
            char v[16];
            snprintf(v, sizeof v, "%d", app->opt.config.rotation);
            local_setting_set(app->local, "rotation", v);
        }
        break;
    case A_EXIT:
        app->exit_request = UI_EXIT_TO_DESKTOP;
        app->quit = true;
        return;
    default:
        return;
    }
    load_history(a, app);
    admin_relayout(s, app);
}

static ui_scroll_t *admin_scroller(ui_screen_t *s)
{
    return s->state ? &((admin_screen_t *)s->state)->page.scroll : NULL;
}

const ui_screen_class_t screen_admin = {.name = "admin",
                                        .open = admin_open,
                                        .close = admin_close,
                                        .relayout = admin_relayout,
                                        .build = admin_build,
                                        .on_action = admin_action,
                                        .scroller = admin_scroller};
