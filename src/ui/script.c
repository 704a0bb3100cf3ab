/* script.c — replaying a `--script` file: the automation contract tests and benchmarks rely on.
 *
 * One command a line: tap X Y · drag X1 Y1 X2 Y2 MS · key NAME · type TEXT · wait MS · shot FILE.png ·
 * dump FILE.json · press LABEL · quit; and, beyond the contract, `seek LABEL`, which turns pages (下一页) until an
 * element labelled LABEL is visible, then presses it — so a script does not depend on where a page break falls —
 * and `touch X Y`, which sends what a real touchscreen sends for one tap: finger events and SDL's synthetic mouse
 * copies of them, late (which the kiosk must not handle a second time).
 * Blank lines and lines starting with # are ignored.  Input is injected as
 * real SDL events (mouse button and motion), so a script exercises the same code as a finger.  The clock is
 * virtual: it advances only in `wait` and `drag`, in 16 ms frames, and a frame is drawn after every command, so
 * the element list `press` searches is always the current screen.  The first failing line ends the run with its
 * line number. */
#include "ui_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Handles every queued event, then draws a frame. */
static void settle(ui_app_t *app)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        ui_handle_event(app, &ev);
    ui_frame(app);
}

static void do_tap(ui_app_t *app, int x, int y)
{
    push_button(SDL_MOUSEBUTTONDOWN, 0, x, y);
    settle(app);
    ui_advance(app, 50);
    push_button(SDL_MOUSEBUTTONUP, 0, x, y);
    settle(app);
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
        push_motion(x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps);
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

static int run_line(ui_app_t *app, char *line, char *why, size_t whylen)
{
    char *cmd = line, *rest = line;
    while (*rest && *rest != ' ' && *rest != '\t')
        rest++;
    if (*rest)
        *rest++ = 0;
    rest = trim(rest);
    int a, b, c, d, e;
    if (!strcmp(cmd, "tap")) {
        if (sscanf(rest, "%d %d", &a, &b) != 2)
            goto usage;
        do_tap(app, a, b);
    } else if (!strcmp(cmd, "touch")) {
        if (sscanf(rest, "%d %d", &a, &b) != 2)
            goto usage;
        /* The copies arrive after the finger has lifted, the order in which handling them would repeat the tap. */
        push_finger(app, SDL_FINGERDOWN, a, b);
        settle(app);
        ui_advance(app, 50);
        push_finger(app, SDL_FINGERUP, a, b);
        settle(app);
        push_button(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, a, b);
        push_button(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, a, b);
        settle(app);
    } else if (!strcmp(cmd, "drag")) {
        if (sscanf(rest, "%d %d %d %d %d", &a, &b, &c, &d, &e) != 5)
            goto usage;
        do_drag(app, a, b, c, d, e);
    } else if (!strcmp(cmd, "wait")) {
        char *end;
        long ms = strtol(rest, &end, 10);
        if (end == rest || *end || ms < 0)
            goto usage;
        /* Frames only while something moves (a glide, a bounce, the countdown), so an idle minute costs nothing. */
        for (long t = 0; t < ms; t += 16) {
            ui_advance(app, (uint32_t)(ms - t < 16 ? ms - t : 16));
            if (app->dirty)
                ui_frame(app);
        }
        settle(app);
    } else if (!strcmp(cmd, "key")) {
        SDL_Keycode k = SDL_GetKeyFromName(rest);
        if (k == SDLK_UNKNOWN) {
            snprintf(why, whylen, "unknown key name '%s' (SDL key names: Return, Escape, PageDown, …)", rest);
            return -1;
        }
        SDL_Event ev = {0};
        ev.type = SDL_KEYDOWN;
        ev.key.keysym.sym = k;
        ev.key.state = SDL_PRESSED;
        SDL_PushEvent(&ev);
        ev.type = SDL_KEYUP;
        ev.key.state = SDL_RELEASED;
        SDL_PushEvent(&ev);
        settle(app);
    } else if (!strcmp(cmd, "type")) {
        SDL_Event ev = {0};
        ev.type = SDL_TEXTINPUT;
        snprintf(ev.text.text, sizeof ev.text.text, "%s", rest);
        SDL_PushEvent(&ev);
        settle(app);
    } else if (!strcmp(cmd, "press")) {
        const ui_elem_t *el = find_label(app, rest);
        if (!el) {
            snprintf(why, whylen, "no visible element labelled '%s' on screen '%s'", rest,
                     ui_current(app) ? ui_current(app)->cls->name : "none");
            return -1;
        }
        int x = el->r.x + el->r.w / 2, y = el->r.y + el->r.h / 2;
        ui_to_window(app, &x, &y); /* press works on a rotated panel too */
        do_tap(app, x, y);
    } else if (!strcmp(cmd, "seek")) {
        const ui_elem_t *el = find_label(app, rest);
        for (int page = 0; (!el || el->cut) && page < 200; page++) {
            ui_screen_t *s = ui_current(app);
            ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller(s) : NULL;
            if (!sc || sc->pos >= ui_scroll_max(sc))
                break;
            ui_scroll_page(sc, 1);
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
    } else if (!strcmp(cmd, "shot")) {
        /* Read the frame back before presenting it: after a present the back buffer is undefined. */
        ui_draw(app);
        bool ok = render_screenshot(app->ren, rest); /* the upright frame, even on a rotated panel */
        ui_present(app);
        if (!ok) {
            snprintf(why, whylen, "cannot save %s: %s", rest, SDL_GetError());
            return -1;
        }
    } else if (!strcmp(cmd, "dump")) {
        if (!ui_dump_write(app, rest)) {
            snprintf(why, whylen, "cannot write %s: %s", rest, strerror(errno));
            return -1;
        }
    } else if (!strcmp(cmd, "quit")) {
        return 1;
    } else {
        snprintf(why, whylen, "unknown command '%s'", cmd);
        return -1;
    }
    return 0;
usage:
    snprintf(why, whylen, "bad arguments to '%s'", cmd);
    return -1;
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
