/* screen_admin.c — admin mode: a PIN keypad, then the kiosk's state and the county admin's actions.
 *
 * Reached by a hidden gesture (five taps in the top-left corner within 3 s, app.c) and a PIN (zwgk/pin.h: Argon2id in
 * local.db, five wrong PINs lock for five minutes).  The admin screen shows what a technician needs on site — kiosk
 * id, content version and publisher, install history, free storage, trusted key ids, the last refusal — and offers
 * install from stick, reinstall, roll back, export statistics to the stick, idle time, screen rotation, and exit to
 * the desktop.  It is an ordinary screen above home, so the idle reset takes an admin who walked away back home. */
#include "page.h"
#include "zwgk/i18n.h"
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
    snprintf(s->title, sizeof s->title, "%s", _("Admin mode"));
    /* This sentence and PIN_NOT_SET's are for a citizen who found the gesture: Chinese whatever the locale, like
     * every citizen-facing text.  The rest of the PIN screen is the admin's and follows the locale (zwgk/i18n.h). */
    if (!app->opt.data_dir)
        snprintf(p->message, sizeof p->message, "本机没有启用管理模式。需要管理时，请联系县政务公开办。");
    else if (!app->local)
        snprintf(p->message, sizeof p->message, "%s", app->state_note);
    else if (app->state_note[0])
        snprintf(p->message, sizeof p->message, _("%s\nEnter the admin PIN"), app->state_note);
    else
        snprintf(p->message, sizeof p->message, "%s", _("Enter the admin PIN"));
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
    ui_button(app, (SDL_Rect){x0, ry, kw, kh}, _("Delete"), P_DELETE, 0, false);
    ui_button(app, (SDL_Rect){x0 + kw + t->gap, ry, kw, kh}, p->keycap[9], P_DIGIT, '0', false);
    ui_button(app, (SDL_Rect){x0 + 2 * (kw + t->gap), ry, kw, kh}, _("Confirm"), P_ENTER, 0, true);
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
            snprintf(p->message, sizeof p->message, _("Wrong PIN. Tries left: %d."), left);
            break;
        case PIN_LOCKED: {
            struct tm tm;
            localtime_r(&until, &tm);
            snprintf(p->message, sizeof p->message, _("Too many wrong PINs: locked. Try again after %02d:%02d."),
                     tm.tm_hour, tm.tm_min);
            break;
        }
        case PIN_NOT_SET:
            /* whoever reads this may be a citizen who found the gesture: no command, just whom to ask (the admin's
             * manual, docs/authoring.md and the README, says how the PIN is set) */
            snprintf(p->message, sizeof p->message, "本机尚未设置管理密码，暂时不能进入管理模式。请联系县政务公开办。");
            break;
        case PIN_ERROR: /* pin.c: an attempt that cannot be counted is not checked */
            snprintf(p->message, sizeof p->message,
                     _("This kiosk's data cannot be written, so PIN attempts cannot be counted and no PIN is "
                       "checked for now. Check the storage. %s"),
                     app->state_note);
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
static const char *history_action_text(const char *action)
{
    static const struct {
        const char *key, *text;
    } names[] = {
        {"install", N_("Install")}, {"refuse", N_("Refusal")}, {"rollback", N_("Rollback")}, {"repair", N_("Repair")}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(action, names[i].key))
            return _(names[i].text);
    return action;
}

static const char *history_reason_text(const char *reason)
{
    for (int r = 0; r < PACKAGE_REASON_COUNT; r++)
        if (!strcmp(reason, package_reason_key((package_reason_t)r)))
            return r == PACKAGE_OK ? _("Succeeded") : package_reason_text((package_reason_t)r);
    return reason;
}

/* The 不满意 reasons as the admin reads them: the citizen's chips (local_rating_reasons_zh, rating.c) are Chinese
 * whatever the locale; the zh_CN catalog translates these back to exactly those words. */
static const char *rating_reason_text(int i)
{
    static const char *const names[LOCAL_RATING_REASON_COUNT] = {
        N_("hard to understand"), N_("not what I was looking for"), N_("out of date"), N_("hard to use"), N_("other")};
    return _(names[i]);
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
    page_heading(p, app, _("This kiosk"), 2);
    page_field(p, app, _("Kiosk ID"), page_printf(p, "%s", app->opt.config.kiosk_id));
    if (app->content) {
        const content_meta_t *m = content_meta(app->content);
        page_field(p, app, _("Content version"),
                   page_printf(p, _("%lld (%s)"), m->content_version, m->created ? m->created : ""));
        page_field(p, app, _("Publisher"), page_printf(p, _("%s (id %s)"), m->publisher, m->publisher_id));
    }
    page_field(p, app, _("Content file"), page_printf(p, "%s", app->content_path));
    struct statvfs vfs;
    if (app->opt.data_dir && statvfs(app->opt.data_dir, &vfs) == 0)
        page_field(p, app, _("Free storage"),
                   page_printf(p, _("%.1f GB (of %.1f GB)"), (double)vfs.f_bavail * (double)vfs.f_frsize / 1e9,
                               (double)vfs.f_blocks * (double)vfs.f_frsize / 1e9));
    minisign_pubkey_t keys[CONFIG_MAX_LIST];
    package_options_t opt;
    char err[256];
    package_options_from_config(&opt, keys, &app->opt.config, err, sizeof err); /* the good keys, whatever else */
    for (size_t i = 0; i < opt.ntrusted_keys; i++) {
        char id[MINISIGN_KEYID_LEN];
        minisign_keyid(keys[i].keynum, id);
        page_field(p, app, i ? _("Backup signing key") : _("Trusted signing key"), page_printf(p, "%s", id));
    }
    /* A line that is no key is named, with its line in the config file: the other keys stay trusted (issue 12.7). */
    const config_t *cfg = &app->opt.config;
    for (int i = 0; i < cfg->ntrusted_keys && i < CONFIG_MAX_LIST; i++) {
        minisign_pubkey_t k;
        char why[160];
        if (minisign_pubkey_parse(cfg->trusted_keys[i], strlen(cfg->trusted_keys[i]), &k, why, sizeof why) == ZWGK_OK)
            continue;
        if (cfg->trusted_key_lines[i] > 0)
            page_field(p, app, _("Bad signing key"),
                       page_printf(p,
                                   _("Line %d of the configuration file: trusted_key no. %d is not a valid public "
                                     "key and is ignored; the other keys are still trusted."),
                                   cfg->trusted_key_lines[i], i + 1));
        else
            page_field(p, app, _("Bad signing key"),
                       page_printf(p,
                                   _("trusted_key no. %d is not a valid public key and is ignored; the other keys "
                                     "are still trusted."),
                                   i + 1));
    }
    if (!opt.ntrusted_keys)
        page_field(p, app, _("Trusted signing key"),
                   _("Not configured: every update package is refused (set trusted_key)"));
    if (app->last_refusal[0])
        page_field(p, app, _("Last refusal"), app->last_refusal);
    page_field(
        p, app, _("Printer"),
        app->opt.config.print_limit <= 0
            ? _("Printing is off (print_limit = 0)")
            : page_printf(p, _("%s, at most %d copies per citizen at a time"),
                          app->opt.config.printer[0] ? app->opt.config.printer : _("The system's default printer"),
                          app->opt.config.print_limit));
    page_heading(p, app, _("Install history"), 2);
    for (size_t i = 0; i < a->nhistory && i < 10; i++) {
        const local_history_row_t *h = &a->history[i];
        page_muted(p, app,
                   page_printf(p, _("%s  %s  version %lld  %s"), h->time, history_action_text(h->action), h->version,
                               history_reason_text(h->reason)));
    }
    if (!a->nhistory)
        page_muted(p, app, _("(none)"));
    page_heading(p, app, _("Ratings (all time)"), 2);
    page_field(p, app, _("Ratings given"),
               page_printf(p,
                           _("very satisfied %lld · satisfied %lld · fairly satisfied %lld · dissatisfied %lld · "
                             "very dissatisfied %lld"),
                           a->ratings[5], a->ratings[4], a->ratings[3], a->ratings[2], a->ratings[1]));
    page_field(p, app, _("Reasons for dissatisfaction"),
               page_printf(p, "%s %lld · %s %lld · %s %lld · %s %lld · %s %lld", rating_reason_text(0), a->reasons[0],
                           rating_reason_text(1), a->reasons[1], rating_reason_text(2), a->reasons[2],
                           rating_reason_text(3), a->reasons[3], rating_reason_text(4), a->reasons[4]));
    page_heading(p, app, _("Actions"), 2);
    page_button(p, app, _("Install an update from the USB stick"), A_STICK, 0);
    page_button(p, app, _("Reinstall the current version (USB stick)"), A_REINSTALL, 0);
    page_button(p, app, _("Roll back to the previous version"), A_ROLLBACK, 0);
    page_button(p, app, _("Export statistics to the USB stick"), A_EXPORT, 0);
    page_button(p, app, page_printf(p, _("Back to home when idle: %d s (tap to change)"), app->opt.config.idle_seconds),
                A_IDLE, 0);
    page_button(p, app,
                page_printf(p, _("Rotation: %d° (tap to change, applies on restart)"), app->opt.config.rotation),
                A_ROTATE, 0);
    page_button(p, app, _("Exit to the desktop"), A_EXIT, 0);
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
    snprintf(s->title, sizeof s->title, "%s", _("Admin mode"));
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
            set_result(a, _("Updates are not running (they need a --data directory)."));
        else {
            ui_updater_rescan(app, action == A_REINSTALL);
            set_result(a, _("Looking for update packages on USB sticks and in the sync folders…"));
        }
        break;
    case A_ROLLBACK: /* a job: the check of the previous version takes seconds; the overlay shows it */
        if (!app->opt.data_dir || !ui_updater_rollback(app))
            set_result(a, app->opt.data_dir ? _("Not rolled back: the background task could not start.")
                                            : _("Not rolled back: no data directory."));
        break;
    case A_EXPORT: /* a job too: writing and syncing a stick, through the helper when it is mounted read-only */
        if (!app->opt.data_dir || !ui_updater_export(app))
            set_result(a, app->opt.data_dir ? _("Export failed: the background task could not start.")
                                            : _("Export failed: no data directory."));
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
