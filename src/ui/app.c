/* app.c — the kiosk's window, its main loop, input dispatch, idle reset and the screen stack.
 *
 * The loop is events → update → draw → present, and it sleeps in SDL_WaitEventTimeout when nothing moves (after
 * rxi/lite): a kiosk that shows a page for minutes should not burn a core redrawing it.  Input arrives as touch
 * (SDL_FINGER*) or mouse; a touchscreen also sends synthetic mouse events for the same finger, which are dropped so
 * nothing is handled twice.  In script mode the clock is virtual: it moves only when the script waits, so `wait
 * 95000` runs the idle timeout at once and every run is repeatable. */
#include "jobs.h"
#include "ui_private.h"
#include "zwgk/i18n.h"
#include "zwgk/local.h"
#include "zwgk/search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TAP_SLOP_PX 24 /* at scale 1: movement below this is still a tap */

void ui_clip(ui_app_t *app, const SDL_Rect *clip)
{
    app->clipping = clip != NULL;
    if (clip)
        app->clip = *clip;
    render_clip(app->rd, clip);
}

ui_elem_t *ui_emit(ui_app_t *app, ui_role_t role, const char *label, int len, SDL_Rect r, int action, long long arg)
{
    if (app->nelems == app->elems_cap) {
        int cap = app->elems_cap ? app->elems_cap * 2 : 256;
        ui_elem_t *e = realloc(app->elems, (size_t)cap * sizeof *e);
        if (!e) { /* keep drawing; the element is just not tappable or dumped */
            app->scratch_elem = (ui_elem_t){0};
            return &app->scratch_elem;
        }
        app->elems = e;
        app->elems_cap = cap;
    }
    ui_elem_t *e = &app->elems[app->nelems++];
    bool was_cut = false;
    if (app->clipping) {
        SDL_Rect visible;
        if (SDL_IntersectRect(&r, &app->clip, &visible)) {
            was_cut = !SDL_RectEquals(&r, &visible);
            r = visible;
        } else {
            r.w = r.h = 0;
            action = 0;
        }
    }
    *e = (ui_elem_t){.role = role,
                     .label = label,
                     .label_len = !label                               ? 0
                                  : len < 0 || len > UI_SHORT_TEXT_MAX ? (int)ui_short_len(label)
                                                                       : len,
                     .r = r,
                     .cut = was_cut,
                     .action = action,
                     .arg = arg};
    return e;
}

ui_screen_t *ui_current(ui_app_t *app)
{
    return app->depth > 0 ? &app->stack[app->depth - 1] : NULL;
}

void ui_screen_set_title(ui_screen_t *s, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n >= sizeof s->title) {
        n = sizeof s->title - 1;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) /* text[n] continues the character before it */
            n--;
    }
    memcpy(s->title, text ? text : "", n);
    s->title[n] = 0;
}

int ui_footer_h(const ui_app_t *app, const ui_screen_t *s)
{
    const ui_theme_t *t = &app->theme;
    return s && (s->chrome & UI_CHROME_SIZE) && app->w <= app->h ? t->target + t->gap * 2 : 0;
}

SDL_Rect ui_body_rect(const ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    const ui_screen_t *s = app->laying ? app->laying : app->depth > 0 ? &app->stack[app->depth - 1] : NULL;
    return (SDL_Rect){0, t->header_h, app->w, app->h - t->header_h - t->footer_h - ui_footer_h(app, s)};
}

static void screen_close(ui_screen_t *s)
{
    if (s->cls && s->cls->close)
        s->cls->close(s);
    free(s->state);
    memset(s, 0, sizeof *s);
}

void ui_push(ui_app_t *app, const ui_screen_class_t *cls, long long arg, int arg2)
{
    ui_read_stop(app);                /* 朗读 reads the screen it was started on: navigation ends it */
    if (app->depth == UI_STACK_MAX) { /* deeper than any path from home: drop the oldest above home */
        screen_close(&app->stack[1]);
        memmove(&app->stack[1], &app->stack[2], (UI_STACK_MAX - 2) * sizeof app->stack[0]);
        memset(&app->stack[UI_STACK_MAX - 1], 0, sizeof app->stack[0]);
        app->depth--;
    }
    ui_screen_t *s = &app->stack[app->depth];
    memset(s, 0, sizeof *s);
    s->cls = cls;
    s->arg = arg;
    s->arg2 = arg2;
    s->chrome = cls->chrome;
    app->depth++;
    app->laying = s;
    bool opened = !cls->open || cls->open(s, app);
    app->laying = NULL;
    if (!opened) {
        SDL_Log("screen %s could not open (arg %lld)", cls->name, arg);
        app->depth--;
        screen_close(s);
    }
    app->dirty = true;
}

void ui_back(ui_app_t *app)
{
    ui_read_stop(app);
    if (app->depth > 1) {
        screen_close(&app->stack[--app->depth]);
        app->dirty = true;
    }
}

void ui_stack_clear(ui_app_t *app)
{
    ui_read_stop(app);
    while (app->depth > 0)
        screen_close(&app->stack[--app->depth]);
    app->dirty = true;
}

void ui_home(ui_app_t *app)
{
    ui_read_stop(app);
    while (app->depth > 1)
        screen_close(&app->stack[--app->depth]);
    /* 首页 is the first view of home (长者模式's simpler home, not the 更多 view left open under a screen) */
    if (app->depth == 1 && app->stack[0].cls->on_action)
        app->stack[0].cls->on_action(&app->stack[0], app, ACT_HOME, 0);
    app->dirty = true;
}

void ui_relayout_all(ui_app_t *app)
{
    ui_read_stop(app);
    ui_theme_init(&app->theme, app->w, app->h, app->theme.size_step, app->elder_mode);
    const ui_theme_t *t = &app->theme;
    app->f_ui = render_font(app->rd, t->ui_px, false);
    app->f_ui_bold = render_font(app->rd, t->ui_px, true);
    app->f_title = render_font(app->rd, t->title_px, true);
    app->f_small = render_font(app->rd, t->small_px, false);
    app->f_tile = render_font(app->rd, t->tile_px, true);
    for (int i = 0; i < app->depth; i++)
        if (app->stack[i].cls->relayout) {
            app->laying = &app->stack[i]; /* a screen under the current one measures its own body */
            app->stack[i].cls->relayout(&app->stack[i], app);
        }
    app->laying = NULL;
    app->dirty = true;
}

bool ui_size_change(ui_app_t *app, int dir)
{
    int step = app->theme.size_step + (dir > 0 ? 1 : -1);
    if (step < app->theme.size_min || step >= UI_SIZE_STEPS)
        return false;
    app->theme.size_step = step;
    ui_relayout_all(app); /* every open screen keeps its reading position */
    return true;
}

/* Forgets the citizen's session: home, default reading size, scroll positions and tabs (they live in screens). */
static void reset_session(ui_app_t *app)
{
    ui_read_session_reset(app);
    ui_home(app);
    app->elder_mode = false;
    app->theme.size_step = 0;
    ui_relayout_all(app);
    app->countdown = false;
    memset(&app->session, 0, sizeof app->session); /* prints and ratings are the next citizen's again */
    app->print_banner.active = false;
}

static ui_elem_t *hit_test(ui_app_t *app, int x, int y)
{
    for (int i = app->nelems - 1; i >= 0; i--) { /* topmost first: later elements draw over earlier ones */
        ui_elem_t *e = &app->elems[i];
        if (e->action && x >= e->r.x && x < e->r.x + e->r.w && y >= e->r.y && y < e->r.y + e->r.h)
            return e;
    }
    return NULL;
}

static void dispatch(ui_app_t *app, int action, long long arg)
{
    ui_screen_t *s = ui_current(app);
    ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller(s) : NULL;
    /* Whatever else the citizen does on the screen ends reading aloud (a tab, a size, a question opened): the
     * text it reads would move under it.  Turning pages by hand does not. */
    if (action != ACT_PAGE_UP && action != ACT_PAGE_DOWN && action != ACT_IDLE_CANCEL && action != ACT_OVERLAY_CLOSE &&
        (action < ACT_READ || action > ACT_READ_SPEED))
        ui_read_stop(app);
    switch (action) {
    case ACT_READ:
        ui_read_start(app);
        break;
    case ACT_READ_PAUSE:
        ui_read_pause(app);
        break;
    case ACT_READ_STOP:
        ui_read_stop(app);
        break;
    case ACT_READ_SPEED:
        ui_read_speed(app, (int)arg);
        break;
    case ACT_BACK:
        ui_back(app);
        break;
    case ACT_HOME:
        ui_home(app);
        break;
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
        if (sc)
            ui_scroll_page(sc, action == ACT_PAGE_DOWN ? 1 : -1);
        break;
    case ACT_OVERLAY_CLOSE:
        app->overlay.active = false;
        break;
    case ACT_PRINT_CLOSE:
        ui_print_dismiss(app);
        break;
    case ACT_IDLE_CANCEL:
        app->countdown = false;
        break;
    case ACT_SMALLER:
    case ACT_LARGER:
        ui_size_change(app, action == ACT_LARGER ? 1 : -1);
        break;
    default:
        if (s && s->cls->on_action)
            s->cls->on_action(s, app, action, arg);
    }
    app->dirty = true;
}

static void pointer_down(ui_app_t *app, int x, int y)
{
    app->last_input = app->now;
    app->pointer_down = true;
    app->down_x = x;
    app->down_y = y;
    app->moved = false;
    if (app->countdown) /* the touch that cancels the countdown does nothing else */
        return;
    ui_screen_t *s = ui_current(app);
    ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller(s) : NULL;
    SDL_Rect body = ui_body_rect(app);
    SDL_Point p = {x, y};
    if (sc && SDL_PointInRect(&p, &body)) {
        sc->dragging = true;
        sc->drag_start_pos = sc->pos;
        sc->drag_start_y = y;
        sc->vel = 0;
        sc->last_t = app->now;
        sc->last_y = (float)y;
    }
}

static void pointer_move(ui_app_t *app, int x, int y)
{
    if (!app->pointer_down)
        return;
    app->last_input = app->now;
    int slop = (int)(TAP_SLOP_PX * app->theme.scale);
    if (abs(x - app->down_x) > slop || abs(y - app->down_y) > slop)
        app->moved = true;
    ui_screen_t *s = ui_current(app);
    ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller(s) : NULL;
    if (sc && sc->dragging && app->moved) {
        float target = sc->drag_start_pos - (float)(y - sc->drag_start_y);
        float max = ui_scroll_max(sc);
        /* Past an edge the page follows the finger at 40 %: it resists, then springs back on release. */
        if (target < 0)
            target *= 0.4f;
        else if (target > max)
            target = max + (target - max) * 0.4f;
        uint32_t dt_ms = app->now - sc->last_t;
        if (dt_ms > 0) {
            float v = -((float)y - sc->last_y) * 1000.0f / (float)dt_ms;
            sc->vel = sc->vel * 0.3f + v * 0.7f; /* smoothed: one jittery sample does not fling the page */
            sc->last_t = app->now;
            sc->last_y = (float)y;
        }
        sc->pos = target;
        app->dirty = true;
    }
}

/* Admin mode's hidden gesture: five taps on nothing in the top-left corner within 3 s. */
static void admin_gesture(ui_app_t *app, int x, int y)
{
    int corner = (int)(160 * app->theme.scale);
    if (x >= corner || y >= corner) {
        app->corner_taps = 0;
        return;
    }
    if (app->corner_taps == 0 || app->now - app->corner_first > 3000) {
        app->corner_taps = 0;
        app->corner_first = app->now;
    }
    if (++app->corner_taps == 5) {
        app->corner_taps = 0;
        ui_screen_t *s = ui_current(app);
        if (s && s->cls != &screen_pin && s->cls != &screen_admin)
            ui_push(app, &screen_pin, 0, 0);
    }
}

static void pointer_up(ui_app_t *app, int x, int y)
{
    if (!app->pointer_down)
        return;
    app->pointer_down = false;
    app->last_input = app->now;
    if (app->countdown) {
        app->countdown = false;
        app->dirty = true;
        return;
    }
    ui_screen_t *s = ui_current(app);
    ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller(s) : NULL;
    if (sc && sc->dragging) {
        sc->dragging = false;
        if (!app->moved || app->now - sc->last_t > 100) /* a finger that stopped before lifting does not fling */
            sc->vel = 0;
    }
    if (!app->moved) {
        ui_elem_t *e = hit_test(app, x, y);
        if (e)
            dispatch(app, e->action, e->arg);
        else
            admin_gesture(app, x, y);
    }
    app->dirty = true;
}

/* Window (panel) pixels → the UI's own, upright coordinates, for a panel mounted turned (config rotation). */
static void to_logical(const ui_app_t *app, int *x, int *y)
{
    int px = *x, py = *y;
    switch (app->rotation) {
    case 90:
        *x = py, *y = app->h - 1 - px;
        break;
    case 180:
        *x = app->w - 1 - px, *y = app->h - 1 - py;
        break;
    case 270:
        *x = app->w - 1 - py, *y = px;
        break;
    default:
        break;
    }
}

void ui_to_window(const ui_app_t *app, int *x, int *y)
{
    int lx = *x, ly = *y;
    switch (app->rotation) {
    case 90:
        *x = app->h - 1 - ly, *y = lx;
        break;
    case 180:
        *x = app->w - 1 - lx, *y = app->h - 1 - ly;
        break;
    case 270:
        *x = ly, *y = app->w - 1 - lx;
        break;
    default:
        break;
    }
}

/* Sizes the UI for the panel: with a 90° or 270° rotation the UI is laid out upright (width and height swapped) into
 * a texture that each frame is turned onto the panel.  Returns false when the texture cannot be made. */
static bool setup_rotation(ui_app_t *app)
{
    SDL_GetRendererOutputSize(app->ren, &app->phys_w, &app->phys_h);
    bool swap = app->rotation == 90 || app->rotation == 270;
    app->w = swap ? app->phys_h : app->phys_w;
    app->h = swap ? app->phys_w : app->phys_h;
    if (app->rot_target)
        SDL_DestroyTexture(app->rot_target);
    app->rot_target = NULL;
    if (app->rotation == 0)
        return true;
    app->rot_target = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, app->w, app->h);
    return app->rot_target != NULL;
}

void ui_handle_event(ui_app_t *app, const SDL_Event *ev)
{
    if (ui_jobs_event(app, ev))
        return;
    switch (ev->type) {
    case SDL_QUIT:
        if (app->opt.windowed_w > 0) /* a citizen has no way out of the kiosk; a developer's window closes */
            app->quit = true;
        break;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            if (!setup_rotation(app)) { /* upright rather than nothing */
                app->rotation = 0;
                setup_rotation(app);
            }
            ui_relayout_all(app);
        }
        app->dirty = true;
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        app->last_finger_t = app->now;
        int x = (int)(ev->tfinger.x * (float)app->phys_w), y = (int)(ev->tfinger.y * (float)app->phys_h);
        to_logical(app, &x, &y);
        if (ev->type == SDL_FINGERDOWN)
            pointer_down(app, x, y);
        else if (ev->type == SDL_FINGERMOTION)
            pointer_move(app, x, y);
        else
            pointer_up(app, x, y);
        break;
    }
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
            break; /* the touchscreen's copy of a finger event, or a right click */
        {
            int x = ev->button.x, y = ev->button.y;
            to_logical(app, &x, &y);
            if (ev->type == SDL_MOUSEBUTTONDOWN)
                pointer_down(app, x, y);
            else
                pointer_up(app, x, y);
        }
        break;
    case SDL_MOUSEMOTION:
        if (ev->motion.which != SDL_TOUCH_MOUSEID) {
            int x = ev->motion.x, y = ev->motion.y;
            to_logical(app, &x, &y);
            pointer_move(app, x, y);
        }
        break;
    case SDL_KEYDOWN:
        app->last_input = app->now;
        if (app->countdown) { /* as a touch: the key that cancels the countdown does nothing else */
            app->countdown = false;
            app->dirty = true;
        } else if (ev->key.keysym.sym == SDLK_ESCAPE && app->opt.windowed_w > 0)
            app->quit = true;
        else if (ev->key.keysym.sym == SDLK_BACKSPACE || ev->key.keysym.sym == SDLK_AC_BACK)
            dispatch(app, ACT_BACK, 0);
        else if (ev->key.keysym.sym == SDLK_HOME)
            dispatch(app, ACT_HOME, 0);
        else if (ev->key.keysym.sym == SDLK_PAGEDOWN || ev->key.keysym.sym == SDLK_DOWN)
            dispatch(app, ACT_PAGE_DOWN, 0);
        else if (ev->key.keysym.sym == SDLK_PAGEUP || ev->key.keysym.sym == SDLK_UP)
            dispatch(app, ACT_PAGE_UP, 0);
        break;
    case SDL_TEXTINPUT:
        app->last_input = app->now;
        if (app->countdown) { /* as a key: what cancels the countdown types nothing */
            app->countdown = false;
            app->dirty = true;
        } else if (ui_current(app) && ui_current(app)->cls->on_text) {
            ui_current(app)->cls->on_text(ui_current(app), app, ev->text.text);
            app->dirty = true;
        }
        break;
    default:
        break;
    }
}

/* The session is worth resetting when the citizen left any trace: a screen, a size, elder mode. */
static bool session_dirty(const ui_app_t *app)
{
    return app->depth > 1 || app->elder_mode || app->theme.size_step != 0 || app->session.visited ||
           app->session.printed || app->session.nrated || app->print_banner.active;
}

/* How long no touch may last before the countdown: longer on a reading screen (a page takes minutes to read; every
 * page turn or scroll is a touch, so it starts again), longer still while 朗读 plays (listening needs no touch) —
 * but not for ever: a reading left playing after the citizen has gone ends with the session. */
static uint32_t idle_limit_ms(const ui_app_t *app)
{
    const ui_screen_t *s = app->depth > 0 ? &app->stack[app->depth - 1] : NULL;
    int secs =
        s && (s->chrome & UI_CHROME_READING) ? app->opt.config.reading_idle_seconds : app->opt.config.idle_seconds;
    if (ui_read_playing(app) && secs < app->opt.config.listen_idle_seconds)
        secs = app->opt.config.listen_idle_seconds;
    if (secs < app->opt.config.idle_seconds) /* an admin who set a long idle time keeps it on reading screens too */
        secs = app->opt.config.idle_seconds;
    return (uint32_t)secs * 1000u;
}

void ui_advance(ui_app_t *app, uint32_t ms)
{
    /* Step in frames of at most 16 ms so a glide is the same whether the clock moved by one frame or a minute. */
    while (ms > 0) {
        uint32_t dt = ms > 16 ? 16 : ms;
        ms -= dt;
        app->now += dt;
        ui_screen_t *s = ui_current(app);
        ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller(s) : NULL;
        if (sc && !sc->dragging && ui_scroll_step(sc, (float)dt / 1000.0f))
            app->dirty = true;
        /* A finished update overlay leaves by itself: 8 s after success, 20 s after a refusal (to be read). */
        ui_overlay_t *o = &app->overlay;
        if (o->active && o->done && app->now - o->shown_at > (o->ok ? 8000u : 20000u)) {
            o->active = false;
            app->dirty = true;
        }
        ui_read_update(app); /* 朗读: highlight, page turns, the next sentences; while it plays, no idle */
        ui_print_tick(app);
        uint32_t idle = app->now - app->last_input;
        uint32_t idle_ms = idle_limit_ms(app);
        uint32_t count_ms = (uint32_t)app->opt.config.countdown_seconds * 1000u;
        if (!app->pointer_down && session_dirty(app)) {
            if (idle >= idle_ms + count_ms) {
                reset_session(app);
            } else if (idle >= idle_ms && !app->countdown) {
                app->countdown = true;
                app->dirty = true;
            } else if (app->countdown && (idle - idle_ms) / 1000 != (idle - idle_ms - dt) / 1000) {
                app->dirty = true; /* the countdown's number changed */
            }
        }
    }
}

static void draw_countdown(ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    uint32_t idle = app->now - app->last_input, idle_ms = idle_limit_ms(app);
    int left = app->opt.config.countdown_seconds - (int)((idle - idle_ms) / 1000);
    for (int i = 0; i < app->nelems; i++) /* modal: what lies under the dimmed screen cannot be tapped */
        app->elems[i].action = 0;
    if (left < 1)
        left = 1;
    render_fill_rect(app->rd, (SDL_Rect){0, 0, app->w, app->h}, 0, (SDL_Color){0, 0, 0, 150});
    int w = app->w - 2 * t->margin, h = t->target * 4;
    SDL_Rect box = {t->margin, (app->h - h) / 2, w, h};
    render_fill_rect(app->rd, box, t->gap, t->card);
    ui_emit(app, ROLE_DIALOG, "即将返回首页", -1, box, 0, 0);
    char *msg = app->countdown_msg;
    snprintf(msg, sizeof app->countdown_msg, "%d秒后返回首页", left);
    int fw = render_text_width(app->rd, app->f_title, msg, strlen(msg));
    render_text(app->rd, app->f_title, box.x + (w - fw) / 2, box.y + t->gap * 2, msg, strlen(msg), t->fg);
    ui_elem_t *e = ui_emit(
        app, ROLE_TEXT, msg, -1,
        (SDL_Rect){box.x + (w - fw) / 2, box.y + t->gap * 2, fw, render_font_height(app->rd, app->f_title)}, 0, 0);
    e->font_px = t->title_px;
    /* Why: a citizen who stepped away should know their screen is being cleared for the next person. */
    static const char why[] = "长时间无人操作，为保护您的隐私，即将回到首页。";
    int lh = t->ui_px * 3 / 2;
    ui_text_wrapped(app, app->f_ui, box.x + t->gap * 2, box.y + t->gap * 3 + render_font_height(app->rd, app->f_title),
                    w - t->gap * 4, why, t->muted, lh, ROLE_TEXT);
    ui_button(app, (SDL_Rect){box.x + w / 4, box.y + h - t->target - t->gap * 2, w / 2, t->target}, "继续浏览",
              ACT_IDLE_CANCEL, 0, true);
}

static uint64_t elems_hash(const ui_app_t *app)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a over what the dump shows */
    for (int i = 0; i < app->nelems; i++) {
        const ui_elem_t *e = &app->elems[i];
        int v[] = {e->role, e->r.x, e->r.y, e->r.w, e->r.h, e->value};
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
            h = (h ^ (uint64_t)(unsigned)v[k]) * 1099511628211ull;
        for (int k = 0; k < e->label_len; k++)
            h = (h ^ (unsigned char)e->label[k]) * 1099511628211ull;
    }
    return h;
}

void ui_draw(ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    if (app->rot_target) /* drawn upright; ui_frame turns it onto the panel */
        SDL_SetRenderTarget(app->ren, app->rot_target);
    app->nelems = 0;
    SDL_SetRenderDrawColor(app->ren, t->bg.r, t->bg.g, t->bg.b, 255);
    SDL_RenderClear(app->ren);
    ui_screen_t *s = ui_current(app);
    if (s) {
        s->cls->build(s, app);
        ui_draw_header(app, s->title, app->depth > 1);
        ui_draw_footer(app, s);
    }
    ui_print_draw(app);
    if (app->countdown)
        draw_countdown(app);
    ui_read_draw_notice(app);
    ui_overlay_draw(app);
    render_flush(app->rd);
    app->dirty = false;
    app->elems_hash = elems_hash(app);
    if (app->opt.dump_path && app->elems_hash != app->dumped_hash) {
        if (ui_dump_write(app, app->opt.dump_path))
            app->dumped_hash = app->elems_hash;
    }
}

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ui_present(ui_app_t *app)
{
    if (app->rot_target) {
        SDL_SetRenderTarget(app->ren, NULL);
        SDL_SetRenderDrawColor(app->ren, 0, 0, 0, 255);
        SDL_RenderClear(app->ren);
        SDL_Rect dst = {(app->phys_w - app->w) / 2, (app->phys_h - app->h) / 2, app->w, app->h};
        SDL_RenderCopyEx(app->ren, app->rot_target, NULL, &dst, app->rotation, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(app->ren);
}

void ui_frame(ui_app_t *app)
{
    double t0 = app->frame_ms ? clock_s(CLOCK_THREAD_CPUTIME_ID) : 0;
    ui_draw(app);
    ui_present(app);
    if (app->frame_ms) {
        if (app->nframes < app->frame_cap)
            app->frame_ms[app->nframes++] = (float)((clock_s(CLOCK_THREAD_CPUTIME_ID) - t0) * 1000.0);
        if (app->first_frame_mono == 0)
            app->first_frame_mono = clock_s(CLOCK_MONOTONIC);
    }
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Peak resident set size in KiB, from /proc/self/status (VmHWM). */
static long peak_rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib;
}

/* Writes the --frame-stats JSON: frames, median, p99 and max CPU ms per frame, first-frame time, peak RSS. */
static void write_frame_stats(ui_app_t *app)
{
    FILE *f = fopen(app->opt.frame_stats_path, "w");
    if (!f)
        return;
    int n = app->nframes;
    qsort(app->frame_ms, (size_t)n, sizeof *app->frame_ms, cmp_float);
    float med = n ? app->frame_ms[n / 2] : 0, p99 = n ? app->frame_ms[(int)((n - 1) * 0.99)] : 0,
          max = n ? app->frame_ms[n - 1] : 0;
    fprintf(f,
            "{\"frames\": %d, \"median_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, "
            "\"first_frame_monotonic\": %.6f, \"peak_rss_kib\": %ld",
            n, med, p99, max, app->first_frame_mono, peak_rss_kib());
    fprintf(f, ", \"taps\": [");
    for (int i = 0; i < app->ntaps; i++)
        fprintf(f, "%s{\"ms\": %.3f, \"raster_ms\": %.3f, \"glyphs\": %d}", i ? ", " : "", app->taps[i].ms,
                app->taps[i].raster_ms, app->taps[i].glyphs);
    fprintf(f, "]");
    ui_read_stats(app, f);
    fprintf(f, "}\n");
    fclose(f);
}

static bool animating(ui_app_t *app)
{
    ui_screen_t *s = ui_current(app);
    ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller(s) : NULL;
    return sc && !sc->dragging && (fabsf(sc->vel) > 1.0f || sc->pos < 0 || sc->pos > ui_scroll_max(sc));
}

static void run_live(ui_app_t *app)
{
    uint32_t last = SDL_GetTicks();
    int last_minute = -1;
    while (!app->quit) {
        SDL_Event ev;
        /* Sleep until input, or wake for the idle timer and the clock; never spin when nothing moves. */
        if (!app->dirty && !animating(app) && SDL_WaitEventTimeout(&ev, app->countdown ? 200 : 500))
            ui_handle_event(app, &ev);
        while (SDL_PollEvent(&ev))
            ui_handle_event(app, &ev);
        uint32_t real = SDL_GetTicks();
        ui_advance(app, real - last);
        last = real;
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        if (tm.tm_min != last_minute) { /* the home screen shows the time */
            last_minute = tm.tm_min;
            app->dirty = true;
        }
        if (app->dirty || animating(app))
            ui_frame(app);
    }
}

/* Opens SDL, the window, renderer, fonts and content, and shows home.  Returns false with the reason on stderr; the
 * caller then still calls app_shutdown. */
static bool app_init(ui_app_t *app, const ui_options_t *opt, const char *who)
{
    memset(app, 0, sizeof *app);
    app->opt = *opt;
    app->exit_code = 1;
    app->virtual_clock = opt->script_path != NULL;
    if (opt->frame_stats_path) { /* allocated once, before the first frame: measuring must not allocate per frame */
        app->frame_cap = 1 << 18;
        app->frame_ms = calloc((size_t)app->frame_cap, sizeof *app->frame_ms);
        app->tap_cap = 1 << 12;
        app->taps = calloc((size_t)app->tap_cap, sizeof *app->taps);
    }

    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, _("%s: cannot start SDL: %s\n"), who, SDL_GetError());
        return false;
    }
    int w = opt->windowed_w > 0 ? opt->windowed_w : 1080, h = opt->windowed_h > 0 ? opt->windowed_h : 1920;
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | (opt->windowed_w > 0 ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
    app->win = SDL_CreateWindow("政务公开", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!app->win) {
        fprintf(stderr, _("%s: cannot open a window: %s\n"), who, SDL_GetError());
        return false;
    }
    app->ren = SDL_CreateRenderer(app->win, -1, app->virtual_clock ? 0 : SDL_RENDERER_PRESENTVSYNC);
    if (!app->ren)
        app->ren = SDL_CreateRenderer(app->win, -1, SDL_RENDERER_SOFTWARE);
    if (!app->ren) {
        fprintf(stderr, _("%s: cannot create a renderer: %s\n"), who, SDL_GetError());
        return false;
    }
    SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_BLEND);
    if (opt->windowed_w <= 0)
        SDL_ShowCursor(SDL_DISABLE);
    char err[512];
    app->rd = render_create(app->ren, opt->config.font_regular, opt->config.font_bold, opt->config.font_face, err,
                            sizeof err);
    if (!app->rd) {
        fprintf(stderr, "%s: %s\n", who, err);
        return false;
    }
    if (app->taps)
        render_time_rasterizing(app->rd, true);
    /* With a data folder, the installed content wins over --content, which is the factory content shown until the
     * first package; even a damaged or read-only local.db does not hide it (ui_open_installed, updater.c). */
    if (opt->data_dir)
        ui_open_installed(app, who);
    if (app->local) { /* what the admin set on the kiosk (admin mode) overrides the config file */
        char v[32];
        if (local_setting_get(app->local, "idle_seconds", v, sizeof v) == ZWGK_OK && atoi(v) >= 10)
            app->opt.config.idle_seconds = atoi(v);
        if (local_setting_get(app->local, "rotation", v, sizeof v) == ZWGK_OK && atoi(v) % 90 == 0)
            app->opt.config.rotation = atoi(v) % 360;
    }
    if (!app->content) {
        app->content = content_open(opt->content_path, app->content_err, sizeof app->content_err);
        snprintf(app->content_path, sizeof app->content_path, "%s", opt->content_path);
    }
    if (!app->content)
        fprintf(stderr, "%s: %s\n", who, app->content_err); /* the home screen says so; never a blank kiosk */
    if (app->content && !(app->search = search_open(app->content, err, sizeof err)))
        fprintf(stderr, _("%s: no search: %s\n"), who, err); /* browsing still works */

    app->rotation = app->opt.config.rotation;
    if (!setup_rotation(app)) {
        fprintf(stderr, _("%s: cannot rotate the screen (%s); showing it upright\n"), who, SDL_GetError());
        app->rotation = 0;
        setup_rotation(app);
    }
    ui_relayout_all(app);
    ui_push(app, &screen_home, 0, 0);
    /* What the window system said while the window opened (shown, exposed, its size) is answered by the first
     * frame, not by a second, identical one. */
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        ui_handle_event(app, &ev);
    ui_frame(app);
    if (opt->data_dir) /* even without a usable local.db: an install rebuilds a damaged one */
        ui_updater_start(app);
    if (!app->jobs) /* no data folder: the queue still runs the slow work that needs none */
        ui_jobs_start(app, NULL, NULL);
    ui_print_start(app);
    return true;
}

static void app_shutdown(ui_app_t *app)
{
    ui_read_stop(app);    /* the sound device closes, synthesis jobs are cancelled */
    ui_updater_stop(app); /* the job queue too: before the content and local.db it reports about go away */
    ui_print_stop(app);
    if (app->frame_ms) {
        write_frame_stats(app);
        free(app->frame_ms);
        free(app->taps);
    }
    ui_read_shutdown(app); /* the worker is gone: the engine it made is ours to free */
    while (app->depth > 0)
        screen_close(&app->stack[--app->depth]);
    free(app->elems);
    if (app->rot_target)
        SDL_DestroyTexture(app->rot_target);
    text_lines_free(&app->scratch_lines);
    search_close(app->search);
    local_close(app->local);
    content_close(app->content);
    render_destroy(app->rd);
    if (app->ren)
        SDL_DestroyRenderer(app->ren);
    if (app->win)
        SDL_DestroyWindow(app->win);
    SDL_Quit();
}

int ui_run(const ui_options_t *opt)
{
    ui_app_t app_storage, *app = &app_storage;
    if (app_init(app, opt, "zwgk-kiosk")) {
        if (opt->script_path) {
            app->exit_code = ui_script_run(app, opt->script_path);
        } else {
            app->exit_code = 0; /* admin mode's 退出到桌面 may set its own */
            run_live(app);
        }
    }
    int rc = app->exit_request ? app->exit_request : app->exit_code;
    app_shutdown(app);
    return rc;
}

/* ---- rendering documents headless (zwgk-admin preview and review) ---- */

struct ui_preview {
    ui_app_t app;
    char who[64]; /* names the program in messages */
};

ui_preview_t *ui_preview_open(const ui_options_t *opt, int size_step, const char *who)
{
    ui_preview_t *p = calloc(1, sizeof *p);
    if (!p) {
        fprintf(stderr, _("%s: out of memory\n"), who);
        return NULL;
    }
    snprintf(p->who, sizeof p->who, "%s", who);
    ui_options_t o = *opt;
    o.script_path = "(preview)"; /* virtual clock, no vsync */
    o.data_dir = NULL;           /* exactly the given database: no installed content, no watching */
    if (!app_init(&p->app, &o, who) || !p->app.content) {
        ui_preview_close(p);
        return NULL;
    }
    p->app.theme.size_step = size_step;
    ui_relayout_all(&p->app);
    return p;
}

void ui_preview_close(ui_preview_t *p)
{
    if (!p)
        return;
    app_shutdown(&p->app);
    free(p);
}

/* Page k's file: png for page 1, stem-k.ext after it (page.png, page-2.png, …). */
static void page_path(char *buf, size_t cap, const char *png, int page)
{
    const char *dot = strrchr(png, '.'), *slash = strrchr(png, '/');
    if (dot && slash && dot < slash)
        dot = NULL;
    if (page == 1)
        snprintf(buf, cap, "%s", png);
    else
        snprintf(buf, cap, "%.*s-%d%s", (int)(dot ? dot - png : (long)strlen(png)), png, page, dot ? dot : "");
}

int ui_preview_doc(ui_preview_t *p, const char *doc, const char *png, int max_pages, int zlib_level, FILE *log,
                   bool *truncated)
{
    if (truncated)
        *truncated = false;
    ui_app_t *app = &p->app;
    long long id = content_doc_find(app->content, doc);
    content_doc_t d;
    if (!id || content_doc_get(app->content, id, &d) != ZWGK_OK) {
        fprintf(stderr, _("%s: no document with id '%s' in %s\n"), p->who, doc, app->content_path);
        return -1;
    }
    ui_home(app); /* each document opened from home, as a citizen would */
    ui_open_doc(app, &d.s);
    content_doc_free(&d);
    ui_screen_t *s = ui_current(app);
    ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller(s) : NULL;
    /* One PNG per page turn, as the pager turns them, until the end of the document. */
    int page = 1;
    for (;; page++) {
        char path[4096];
        page_path(path, sizeof path, png, page);
        ui_draw(app);
        if (!render_screenshot_level(app->ren, path, zlib_level)) {
            fprintf(stderr, _("%s: cannot write %s: %s\n"), p->who, path, SDL_GetError());
            return -1;
        }
        /* No SDL_RenderPresent: the pixels are read from the target already, and presenting an offscreen window
         * copies the whole frame through Mesa's GL (a quarter of review's time, for nothing). */
        if (log)
            fprintf(log, _("wrote %s\n"), path);
        if (!sc || sc->pos >= ui_scroll_max(sc))
            break;
        if (page >= max_pages) {
            if (truncated)
                *truncated = true;
            break;
        }
        ui_scroll_page(sc, 1);
    }
    return page;
}

int ui_preview(const ui_options_t *opt, const char *doc, int size_step, const char *png, bool all_pages)
{
    ui_preview_t *p = ui_preview_open(opt, size_step, "zwgk-admin preview");
    if (!p)
        return 1;
    int n = ui_preview_doc(p, doc, png, all_pages ? 999 : 1, RENDER_PNG_FAST, stdout, NULL);
    ui_preview_close(p);
    return n < 0 ? 1 : 0;
}
