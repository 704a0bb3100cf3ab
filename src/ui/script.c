/* script.c — replaying a `--script` file: the automation contract tests and benchmarks rely on.
 *
 * One command a line: tap X Y · drag X1 Y1 X2 Y2 MS · key NAME · type TEXT · wait MS · shot FILE.png ·
 * dump FILE.json · press LABEL · quit; and, beyond the contract, `seek LABEL`, which turns pages (下一页) until an
 * element labelled LABEL is visible, then presses it — so a script does not depend on where a page break falls —
 * and `touch X Y`, which sends what a real touchscreen sends for one tap: finger events and SDL's synthetic mouse
 * copies of them, late (which the kiosk must not handle a second time); `sleep MS`, real time in which the
 * virtual clock stands still (what the sound device plays meanwhile is what the 朗读 tests measure); and `await MS`,
 * which waits in real time, up to MS, until no background work the script started (printing, statistics) is still
 * running — the virtual clock does not move while it waits, so what a worker reports is seen exactly as a citizen
 * would see it, without the idle reset.  While 朗读 plays, `wait` honours audio time: each of its steps lasts until
 * as much audio has reached the device.
 * Blank lines and lines starting with # are ignored.  Input is injected as
 * real SDL events (mouse button and motion), so a script exercises the same code as a finger.  The clock is
 * virtual: it advances only in `wait` and `drag`, in 16 ms frames, and after every command a frame is drawn when
 * what the screen shows has changed (app->dirty, the live loop's rule), so the element list `press` searches is
 * always the current screen; a finger's press alone changes nothing, so it costs no frame.  `shot` saves the frame
 * on screen: when nothing changed since it was presented and the renderer draws into the window's own surface (the
 * software renderer, upright), that surface is read as it is; otherwise the frame is drawn again and read before it
 * is presented (after a present a GPU back buffer is undefined).  The first failing line ends the run with its
 * line number.
 *
 * A line is parsed (parse_line: syntax and ranges, nothing runs) before it is run (run_cmd), so that
 * ui_script_check_line can validate a line with exactly the parser the runner uses — the fuzz target of
 * tests/fuzz/fuzz_script.c drives it.  Numbers are bounded there, so running never overflows: coordinates within
 * ±SCRIPT_COORD_MAX (a window is at most 16384 pixels), a drag at most an hour, a wait at most a day. */
#include "jobs.h"
#include "ui_private.h"
#include "zwgk/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCRIPT_COORD_MAX   100000L
#define SCRIPT_DRAG_MS_MAX 3600000L  /* an hour */
#define SCRIPT_WAIT_MS_MAX 86400000L /* a day of virtual time */

/* A left-button event from the mouse (which 0) or the copy SDL makes of a finger (which SDL_TOUCH_MOUSEID). */
static void push_button(int type, Uint32 which, int x, int y)
{
    SDL_Event ev = {0};
    ev.type = (Uint32)type;
    ev.button.which = which;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    ev.button.clicks = 1;
    ev.button.x = x;
    ev.button.y = y;
    SDL_PushEvent(&ev);
}

static void push_motion(int x, int y)
{
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEMOTION;
    ev.motion.which = 0;
    ev.motion.state = SDL_BUTTON_LMASK;
    ev.motion.x = x;
    ev.motion.y = y;
    SDL_PushEvent(&ev);
}

/* A finger event, normalized to the window as SDL reports touch. */
static void push_finger(ui_app_t *app, int type, int x, int y)
{
    SDL_Event ev = {0};
    ev.type = (Uint32)type;
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = ((float)x + 0.5f) / (float)app->w;
    ev.tfinger.y = ((float)y + 0.5f) / (float)app->h;
    ev.tfinger.pressure = 1.0f;
    SDL_PushEvent(&ev);
}

/* Handles every queued event, then draws a frame if they changed what the screen shows. */
static void settle(ui_app_t *app)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        ui_handle_event(app, &ev);
    if (app->dirty)
        ui_frame(app);
}

/* Whether the frame last presented can still be read from the renderer's target: true for the software renderer
 * drawing upright into the window's surface, which a present leaves as it is. */
static bool frame_retained(const ui_app_t *app)
{
    SDL_RendererInfo info;
    return !app->rot_target && SDL_GetRendererInfo(app->ren, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
}

static double thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* With --frame-stats, each tap's cost is recorded: the thread CPU time from the finger's release (where a button
 * acts: a document opens, lays out) to the end of the frame drawn for it, and the glyph rasterization inside. */
static void do_tap(ui_app_t *app, int x, int y)
{
    push_button(SDL_MOUSEBUTTONDOWN, 0, x, y);
    settle(app);
    ui_advance(app, 50);
    push_button(SDL_MOUSEBUTTONUP, 0, x, y);
    double t0 = app->taps ? thread_cpu_ms() : 0;
    render_stats_t r0 = render_get_stats(app->rd);
    settle(app);
    if (app->taps && app->ntaps < app->tap_cap) {
        render_stats_t r1 = render_get_stats(app->rd);
        app->taps[app->ntaps++] = (ui_tap_stat_t){(float)(thread_cpu_ms() - t0), (float)(r1.raster_ms - r0.raster_ms),
                                                  (int)(r1.glyphs_rasterized - r0.glyphs_rasterized)};
    }
}

static void do_drag(ui_app_t *app, int x1, int y1, int x2, int y2, int ms)
{
    if (ms < 16)
        ms = 16;
    push_button(SDL_MOUSEBUTTONDOWN, 0, x1, y1);
    settle(app);
    int steps = ms / 16;
    for (int i = 1; i <= steps; i++) { /* a frame per 16 ms, as a finger on a live kiosk sees it */
        ui_advance(app, 16);
        /* In 64 bits: (x2 - x1) * i exceeds an int for a long drag across the bounded coordinate range. */
        push_motion((int)(x1 + (long long)(x2 - x1) * i / steps), (int)(y1 + (long long)(y2 - y1) * i / steps));
        settle(app);
    }
    push_button(SDL_MOUSEBUTTONUP, 0, x2, y2);
    settle(app);
}

/* The visible element labelled exactly `label`; tappable ones first, then any (a text line can be pressed too). */
static const ui_elem_t *find_label(const ui_app_t *app, const char *label)
{
    size_t n = strlen(label);
    const ui_elem_t *any = NULL;
    for (int i = 0; i < app->nelems; i++) {
        const ui_elem_t *e = &app->elems[i];
        if ((size_t)e->label_len != n || memcmp(e->label, label, n) != 0)
            continue;
        if (e->r.w <= 0 || e->r.h <= 0 || e->r.y + e->r.h <= 0 || e->r.y >= app->h)
            continue; /* clipped away or off screen */
        if (e->action)
            return e;
        if (!any)
            any = e;
    }
    return any;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = 0;
    return s;
}

enum script_op {
    OP_TAP,
    OP_TOUCH,
    OP_DRAG,
    OP_WAIT,
    OP_AWAIT,
    OP_SLEEP,
    OP_KEY,
    OP_TYPE,
    OP_PRESS,
    OP_SEEK,
    OP_SHOT,
    OP_DUMP,
    OP_QUIT,
    OP_FORGET_GLYPHS
};

/* One parsed line: the numbers and the argument text (pointing into the line) a command runs with. */
typedef struct script_cmd {
    enum script_op op;
    int v[5];
    long ms;
    SDL_Keycode key;
    const char *arg;
} script_cmd_t;

/* Parses exactly n decimal integers separated by blanks, each within [lo, hi], and nothing after them. */
static bool parse_ints(const char *s, int *out, int n, long lo, long hi)
{
    for (int i = 0; i < n; i++) {
        while (*s == ' ' || *s == '\t')
            s++;
        char *end;
        errno = 0;
        long v = strtol(s, &end, 10);
        if (end == s || errno == ERANGE || v < lo || v > hi || (*end && *end != ' ' && *end != '\t'))
            return false;
        out[i] = (int)v;
        s = end;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == 0;
}

/* Splits a trimmed, non-comment line into a command.  Runs nothing and touches no SDL state beyond the key-name
 * table.  Returns false with the reason in why. */
static bool parse_line(char *line, script_cmd_t *cmd, char *why, size_t whylen)
{
    static const struct {
        const char *name;
        enum script_op op;
        int nint; /* integer arguments; -1: the rest of the line is text */
        bool need_text;
    } ops[] = {{"tap", OP_TAP, 2, false},     {"touch", OP_TOUCH, 2, false},
               {"drag", OP_DRAG, 5, false},   {"wait", OP_WAIT, 0, false},
               {"key", OP_KEY, -1, true},     {"type", OP_TYPE, -1, false},
               {"press", OP_PRESS, -1, true}, {"seek", OP_SEEK, -1, true},
               {"shot", OP_SHOT, -1, true},   {"dump", OP_DUMP, -1, true},
               {"quit", OP_QUIT, 0, false},   {"await", OP_AWAIT, 0, false},
               {"sleep", OP_SLEEP, 0, false}, {"forget-glyphs", OP_FORGET_GLYPHS, 0, false}};
    char *name = line, *rest = line;
    while (*rest && *rest != ' ' && *rest != '\t')
        rest++;
    if (*rest)
        *rest++ = 0;
    rest = trim(rest);
    memset(cmd, 0, sizeof *cmd);
    cmd->arg = rest;
    size_t i = 0;
    while (i < sizeof ops / sizeof ops[0] && strcmp(ops[i].name, name) != 0)
        i++;
    if (i == sizeof ops / sizeof ops[0]) {
        snprintf(why, whylen, "unknown command '%.64s'", name);
        return false;
    }
    cmd->op = ops[i].op;
    if (ops[i].need_text && !*rest) {
        snprintf(why, whylen, "'%s' needs an argument", name);
        return false;
    }
    if (ops[i].nint > 0) {
        if (!parse_ints(rest, cmd->v, ops[i].nint, -SCRIPT_DRAG_MS_MAX, SCRIPT_DRAG_MS_MAX))
            goto usage;
        for (int k = 0; k < 4 && k < ops[i].nint; k++) /* coordinates; a drag's fifth number is its duration */
            if (cmd->v[k] < -SCRIPT_COORD_MAX || cmd->v[k] > SCRIPT_COORD_MAX)
                goto usage;
        if (cmd->op == OP_DRAG && cmd->v[4] < 0)
            goto usage;
    } else if (cmd->op == OP_WAIT || cmd->op == OP_AWAIT || cmd->op == OP_SLEEP) {
        char *end;
        errno = 0;
        cmd->ms = strtol(rest, &end, 10);
        if (end == rest || *end || errno == ERANGE || cmd->ms < 0 || cmd->ms > SCRIPT_WAIT_MS_MAX)
            goto usage;
    } else if (cmd->op == OP_KEY) {
        cmd->key = SDL_GetKeyFromName(rest);
        if (cmd->key == SDLK_UNKNOWN) {
            snprintf(why, whylen, "unknown key name '%.64s' (SDL key names: Return, Escape, PageDown, …)", rest);
            return false;
        }
    }
    return true;
usage:
    snprintf(why, whylen, "bad arguments to '%s'", name);
    return false;
}

bool ui_script_check_line(const char *line, char *why, size_t whylen)
{
    char buf[4096];
    script_cmd_t cmd;
    snprintf(buf, sizeof buf, "%s", line); /* as ui_script_run's fgets would cut it */
    char *l = trim(buf);
    if (!*l || *l == '#')
        return true;
    return parse_line(l, &cmd, why, whylen);
}

/* Runs a parsed command.  Returns 0 to go on, 1 for quit, -1 with the reason in why. */
static int run_cmd(ui_app_t *app, const script_cmd_t *cmd, char *why, size_t whylen)
{
    const int *v = cmd->v;
    const char *rest = cmd->arg;
    switch (cmd->op) {
    case OP_TAP:
        do_tap(app, v[0], v[1]);
        break;
    case OP_TOUCH:
        /* The copies arrive after the finger has lifted, the order in which handling them would repeat the tap. */
        push_finger(app, SDL_FINGERDOWN, v[0], v[1]);
        settle(app);
        ui_advance(app, 50);
        push_finger(app, SDL_FINGERUP, v[0], v[1]);
        settle(app);
        push_button(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, v[0], v[1]);
        push_button(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, v[0], v[1]);
        settle(app);
        break;
    case OP_DRAG:
        do_drag(app, v[0], v[1], v[2], v[3], v[4]);
        break;
    case OP_WAIT:
        /* Frames only while something moves (a glide, a bounce, the countdown), so an idle minute costs nothing.
         * While 朗读 plays, each step lasts until as much audio has really reached the sound device. */
        ui_read_sync_begin(app);
        for (long t = 0; t < cmd->ms; t += 16) {
            uint32_t step = (uint32_t)(cmd->ms - t < 16 ? cmd->ms - t : 16);
            ui_advance(app, step);
            ui_read_sync(app, step);
            if (app->dirty)
                ui_frame(app);
        }
        settle(app);
        break;
    case OP_SLEEP: {
        /* Real time passes, the virtual clock does not: what the sound device does meanwhile (it must stay silent
         * after 停止) is what tests measure.  Frames keep coming for what changes on its own (the highlight). */
        uint32_t start = SDL_GetTicks();
        while (SDL_GetTicks() - start < (uint32_t)cmd->ms) {
            SDL_Delay(10);
            ui_read_update(app);
            if (app->dirty)
                ui_frame(app);
        }
        settle(app);
        break;
    }
    case OP_AWAIT: {
        /* Real time, unlike wait: until the job queue (jobs.h) has nothing queued, running or unreported. */
        uint32_t start = SDL_GetTicks();
        settle(app);
        while ((ui_jobs_busy(app->jobs) || ui_print_busy(app)) && SDL_GetTicks() - start < (uint32_t)cmd->ms) {
            SDL_Delay(10);
            settle(app);
        }
        if ((ui_jobs_busy(app->jobs) || ui_print_busy(app))) {
            snprintf(why, whylen, "await %ld: slow work still running", cmd->ms);
            return -1;
        }
        break;
    }
    case OP_KEY: {
        SDL_Event ev = {0};
        ev.type = SDL_KEYDOWN;
        ev.key.keysym.sym = cmd->key;
        ev.key.state = SDL_PRESSED;
        SDL_PushEvent(&ev);
        ev.type = SDL_KEYUP;
        ev.key.state = SDL_RELEASED;
        SDL_PushEvent(&ev);
        settle(app);
        break;
    }
    case OP_TYPE: { /* as SDL delivers a long text: in events of at most 31 bytes, cut between characters */
        for (size_t at = 0, len = strlen(rest); at < len;) {
            SDL_Event ev = {0};
            ev.type = SDL_TEXTINPUT;
            size_t n = 0, adv;
            while (at + n < len) {
                utf8_decode(rest + at + n, len - at - n, &adv);
                if (n + adv >= sizeof ev.text.text)
                    break;
                n += adv;
            }
            memcpy(ev.text.text, rest + at, n);
            at += n;
            SDL_PushEvent(&ev);
        }
        settle(app);
        break;
    }
    case OP_PRESS: {
        const ui_elem_t *el = find_label(app, rest);
        if (!el) {
            snprintf(why, whylen, "no visible element labelled '%s' on screen '%s'", rest,
                     ui_current(app) ? ui_current(app)->cls->name : "none");
            return -1;
        }
        int x = el->r.x + el->r.w / 2, y = el->r.y + el->r.h / 2;
        ui_to_window(app, &x, &y); /* press works on a rotated panel too */
        do_tap(app, x, y);
        break;
    }
    case OP_SEEK: {
        const ui_elem_t *el = find_label(app, rest);
        for (int page = 0; (!el || el->cut) && page < 200; page++) {
            ui_screen_t *s = ui_current(app);
            ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller(s) : NULL;
            if (!sc || sc->pos >= ui_scroll_max(sc))
                break;
            ui_scroll_page(sc, 1);
            app->dirty = true; /* as the 下一页 button's action does */
            settle(app);
            el = find_label(app, rest);
        }
        if (!el) { /* a cut element on the last page still counts: it is as visible as it gets */
            snprintf(why, whylen, "no element labelled '%s' on any page of screen '%s'", rest,
                     ui_current(app) ? ui_current(app)->cls->name : "none");
            return -1;
        }
        int x = el->r.x + el->r.w / 2, y = el->r.y + el->r.h / 2;
        ui_to_window(app, &x, &y);
        do_tap(app, x, y);
        break;
    }
    case OP_SHOT: {
        bool ok;
        if (!app->dirty && frame_retained(app)) {   /* app_init presented the first frame */
            ok = render_screenshot(app->ren, rest); /* what the window shows, as it is */
        } else {
            /* Read the frame back before presenting it: after a present the back buffer is undefined. */
            ui_draw(app);
            ok = render_screenshot(app->ren, rest); /* the upright frame, even on a rotated panel */
            ui_present(app);
        }
        if (!ok) {
            snprintf(why, whylen, "cannot save %s: %s", rest, SDL_GetError());
            return -1;
        }
        break;
    }
    case OP_FORGET_GLYPHS: /* benchmarks: the next frame starts from a cold glyph atlas */
        render_forget_glyphs(app->rd);
        break;
    case OP_DUMP:
        if (!ui_dump_write(app, rest)) {
            snprintf(why, whylen, "cannot write %s: %s", rest, strerror(errno));
            return -1;
        }
        break;
    case OP_QUIT:
        return 1;
    }
    return 0;
}

static int run_line(ui_app_t *app, char *line, char *why, size_t whylen)
{
    script_cmd_t cmd;
    if (!parse_line(line, &cmd, why, whylen))
        return -1;
    return run_cmd(app, &cmd, why, whylen);
}

int ui_script_run(ui_app_t *app, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "zwgk-kiosk: cannot open script %s: %s\n", path, strerror(errno));
        return 1;
    }
    char buf[4096], why[512];
    int lineno = 0, rc = 0;
    while (fgets(buf, sizeof buf, f)) {
        lineno++;
        char *line = trim(buf);
        if (!*line || *line == '#')
            continue;
        why[0] = 0;
        int r = run_line(app, line, why, sizeof why);
        if (r < 0) {
            fprintf(stderr, "%s:%d: %s\n", path, lineno, why);
            rc = 1;
            break;
        }
        if (r > 0 || app->quit)
            break;
    }
    fclose(f);
    return rc;
}
