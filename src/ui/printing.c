/* printing.c — 打印 on the kiosk: the job on a worker, the banner that says how it went, the per-session limit.
 *
 * A tap on 打印 hands a job — which document (by its key), which page, which printer — to the print worker and
 * returns at once; the worker opens the content file itself (a content_t is one thread's), renders the page
 * (src/print), asks CUPS for the printer's paper first so a roll printer gets the roll layout, sends the job and
 * follows it until CUPS says it is printed, it failed, or PRINT_WAIT_MS passed (then the job is cancelled: a page
 * that comes out ten minutes later is for nobody).  Every change of state comes back as an SDL event, and the banner
 * at the foot of the screen shows it: 正在打印 / 已打印 / the reason in plain Chinese (缺纸、离线、没有打印机 …).
 * The banner is not modal — the citizen can read on, go back, or start over while the printer works.
 *
 * The banner belongs to the screen 打印 was tapped on.  Drawn over the next screen it once stayed 10–30 s on home's
 * tiles and on search's keys, where a citizen taps next.  So it is drawn only on its own screen (the same document
 * again, at the same depth, counts); elsewhere the header says, in place of the screen's title, how the print went
 * — "已打印 / 请到打印机出纸口取纸", "没有打印 / 打印机缺纸" — for the rest of the banner's time.  Why so: an elderly
 * citizen who taps 返回 while 正在打印 shows (or who leaves before reading the result) must still learn whether a page
 * is waiting at the printer or will never come — walking over to a printer out of paper and waiting there is the
 * worst outcome — yet on the new screen every tile and key must stay where it is and tappable.  The header's title
 * band is the one place on every screen where nothing is tapped, and the first place a citizen looks on a new
 * screen; the screen's name can wait a few seconds.  The header's note has no 知道了 (nothing tappable there): it
 * leaves by itself, and going back to the document shows the whole banner again until then.
 *
 * Printing goes through the kiosk's one queue of slow work (jobs.h), in its INTERACTIVE lane: one job renders and
 * sends (a few hundred ms), then short follow-up jobs ask CUPS how the job is, each waiting 0.3 s first, re-posted by
 * the previous one's finish() until the job is printed, failed or PRINT_WAIT_MS passed (then it is cancelled in CUPS).
 * So no job holds the worker longer than one poll: an install or an admin's rollback queued meanwhile waits at most
 * 0.3 s, and the job's data is only ever in one thread's hands, as the queue's contract wants.
 *
 * A child who finds the button must not empty the paper tray: a session (until the idle reset) prints at most
 * config.print_limit pages, and the banner says so, with the number, when the limit is reached. */
#include "jobs.h"
#include "ui_private.h"
#include "zwgk/print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PRINT_WAIT_MS_DEFAULT 60000

typedef struct print_job {
    /* in */
    char content_path[1024], key[256], printer[128], font_regular[512], font_bold[512];
    int font_face;
    print_what_t what;
    int wait_ms;
    double t0; /* CLOCK_MONOTONIC ms of the tap */
    /* out (run), read by finish */
    print_status_t st;
} print_job_t;

typedef struct print_poll {
    print_status_t st;
    double deadline; /* CLOCK_MONOTONIC ms: past it a job still waiting is cancelled */
} print_poll_t;

typedef struct ui_print {
    bool busy; /* a job is being sent or followed */
} ui_print_t;

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of the calling thread, ms: what the job itself cost, apart from waiting for a core or for CUPS. */
static double thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void banner(ui_app_t *app, bool done, bool ok, const char *title, const char *line);
static void print_over(ui_app_t *app, const print_status_t *st);

/* ---- the jobs (run on the queue's worker) ---- */

/* Renders the page and sends it: CUPS's media first, so a roll printer gets the roll layout. */
static void submit_run(ui_job_t *qjob, void *data)
{
    (void)qjob;
    print_job_t *job = data;
    char err[512];
    print_status_t *st = &job->st;
    double started = mono_ms(), cpu0 = thread_cpu_ms();
    print_media_t media = PRINT_MEDIA_A4;
    if (print_printer_media(job->printer, &media, st) != ZWGK_OK) {
        SDL_Log("print: %s (%s)", st->message, st->detail);
        return;
    }
    double page_t0 = mono_ms();
    content_t *c = content_open(job->content_path, err, sizeof err);
    content_doc_t d = {0};
    long long id = c ? content_doc_find(c, job->key) : 0;
    if (!id || content_doc_get(c, id, &d) != ZWGK_OK) {
        st->state = PRINT_STATE_FAILED;
        snprintf(st->message, sizeof st->message, "这份材料现在不能打印（内容已更新），请重新打开再试");
        content_close(c);
        return;
    }
    print_options_t o;
    print_options_default(&o);
    o.media = media;
    o.font_regular = job->font_regular;
    o.font_bold = job->font_bold;
    o.font_face = job->font_face;
    o.content_version = content_meta(c)->content_version;
    char *know = d.url ? NULL : print_know_url(c, &d);
    o.know_url = know;
    print_page_t page;
    zwgk_result r = print_render(&d, job->what, &o, &page, err, sizeof err);
    char title[300];
    print_job_title(&d, job->what, title, sizeof title);
    free(know);
    content_doc_free(&d);
    content_close(c);
    if (r != ZWGK_OK) {
        st->state = PRINT_STATE_FAILED;
        snprintf(st->message, sizeof st->message, "这份材料没有排好版，不能打印。请联系工作人员");
        SDL_Log("print: %s: %s", job->key, err);
        return;
    }
    double send_t0 = mono_ms();
    r = print_submit(job->printer, title, page.pdf, page.len, st);
    print_page_free(&page);
    if (r != ZWGK_OK) {
        SDL_Log("print: %s: %s (%s; %s)", job->key, st->message, st->reasons, st->detail);
        return;
    }
    double end = mono_ms();
    SDL_Log("print: %s: job %d on %s, %.0f ms from the tap (%.0f ms queued, %.0f ms asking CUPS for the paper, %.0f ms "
            "opening and drawing the page, %.0f ms sending it; %.0f ms of CPU on the worker)",
            job->key, st->job_id, st->printer, end - job->t0, started - job->t0, page_t0 - started, send_t0 - page_t0,
            end - send_t0, thread_cpu_ms() - cpu0);
}

/* One look at the job, after a short wait; past the deadline a job still waiting is cancelled. */
static void poll_run(ui_job_t *qjob, void *data)
{
    print_poll_t *p = data;
    for (int t = 0; t < 300 && !ui_job_cancelled(qjob); t += 25)
        SDL_Delay(25);
    if (ui_job_cancelled(qjob))
        return;
    print_job_status(&p->st);
    if ((p->st.state == PRINT_STATE_QUEUED || p->st.state == PRINT_STATE_PRINTING) && mono_ms() > p->deadline) {
        print_job_cancel(&p->st);
        char why[256];
        snprintf(why, sizeof why, "%s", p->st.message);
        p->st.state = PRINT_STATE_FAILED;
        snprintf(p->st.message, sizeof p->st.message, "%.200s。等待太久，已取消这次打印", why);
    }
    if (p->st.state == PRINT_STATE_DONE || p->st.state == PRINT_STATE_FAILED)
        SDL_Log("print: job %d: %s (%s)", p->st.job_id, p->st.message, p->st.reasons);
}

static void poll_finish(ui_app_t *app, void *data, ui_job_status_t status);
static const ui_job_class_t poll_class = {"print-status", UI_JOB_LANE_INTERACTIVE, poll_run, NULL, poll_finish, NULL};

/* Follows st: another poll, or the end. */
static void follow(ui_app_t *app, const print_status_t *st, double deadline)
{
    if (st->state == PRINT_STATE_DONE || st->state == PRINT_STATE_FAILED) {
        print_over(app, st);
        return;
    }
    banner(app, false, true, "正在打印", st->message);
    print_poll_t *p = malloc(sizeof *p);
    if (p) {
        p->st = *st;
        p->deadline = deadline;
    }
    if (!p || !ui_jobs_post(app->jobs, &poll_class, p)) {
        app->print->busy = false;
        banner(app, true, false, "没有打印", "本机暂时不能跟踪这次打印，请到打印机看一看，或者联系工作人员。");
    }
}

static void poll_finish(ui_app_t *app, void *data, ui_job_status_t status)
{
    print_poll_t *p = data;
    if (!app->print)
        return;
    if (status == UI_JOB_CANCELLED) {
        app->print->busy = false;
        return;
    }
    follow(app, &p->st, p->deadline);
}

static void submit_finish(ui_app_t *app, void *data, ui_job_status_t status)
{
    print_job_t *job = data;
    if (!app->print)
        return;
    if (status == UI_JOB_CANCELLED) {
        app->print->busy = false;
        return;
    }
    follow(app, &job->st, mono_ms() + job->wait_ms);
}

static const ui_job_class_t submit_class = {"print", UI_JOB_LANE_INTERACTIVE, submit_run, NULL, submit_finish, NULL};

/* ---- the UI side ---- */

bool ui_print_start(ui_app_t *app)
{
    if (app->opt.config.print_limit <= 0 || !app->jobs)
        return false; /* no 打印 button */
    app->print = calloc(1, sizeof *app->print);
    return app->print != NULL;
}

void ui_print_stop(ui_app_t *app)
{
    /* after ui_jobs_stop (the queue frees what it still holds without its finish) */
    free(app->print);
    app->print = NULL;
}

bool ui_print_available(const ui_app_t *app, const content_doc_t *d, int what)
{
    return app->print && d && (print_kinds(d) & (1u << what));
}

bool ui_print_busy(const ui_app_t *app)
{
    return app->print && app->print->busy;
}

static void banner(ui_app_t *app, bool done, bool ok, const char *title, const char *line)
{
    ui_print_banner_t *b = &app->print_banner;
    b->active = true;
    b->done = done;
    b->ok = ok;
    b->shown_at = app->now;
    snprintf(b->title, sizeof b->title, "%s", title);
    snprintf(b->line, sizeof b->line, "%s", line);
    /* the header's short form: the line's first clause (打印机缺纸, 本机的打印服务没有运行, 没有找到打印机) */
    size_t n = strlen(b->line);
    static const char *const stops[] = {"，", "。", "；", "（"};
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        const char *at = strstr(b->line, stops[i]);
        if (at && at > b->line && (size_t)(at - b->line) < n)
            n = (size_t)(at - b->line);
    }
    snprintf(b->brief, sizeof b->brief, "%.*s", (int)n, b->line);
    app->dirty = true;
}

/* The banner's own screen is the one shown: the one 打印 was tapped on (or the same document reopened in its place). */
static bool banner_here(const ui_app_t *app)
{
    const ui_print_banner_t *b = &app->print_banner;
    const ui_screen_t *s = ui_current((ui_app_t *)app);
    return s && app->depth == b->depth && s->cls == b->cls && s->arg == b->arg;
}

void ui_print_request(ui_app_t *app, const content_doc_t *d, int what)
{
    ui_print_t *p = app->print;
    if (!ui_print_available(app, d, what))
        return;
    const ui_screen_t *here = ui_current(app); /* every banner of this print is drawn on this screen */
    app->print_banner.depth = app->depth;
    app->print_banner.cls = here ? here->cls : NULL;
    app->print_banner.arg = here ? here->arg : 0;
    int limit = app->opt.config.print_limit;
    if (p->busy) {
        banner(app, false, true, "正在打印", "上一份还没有打完，请稍候。");
        return;
    }
    if (app->session.printed >= limit) {
        char line[256];
        snprintf(line, sizeof line, "每位群众每次最多打印%d份，已经打印了%d份。还需要的话，请到窗口找工作人员。", limit,
                 app->session.printed);
        banner(app, true, false, "不能再打印了", line);
        return;
    }
    print_job_t *job = calloc(1, sizeof *job);
    if (!job)
        return;
    snprintf(job->content_path, sizeof job->content_path, "%s", app->content_path);
    snprintf(job->key, sizeof job->key, "%s", d->s.key ? d->s.key : "");
    snprintf(job->printer, sizeof job->printer, "%s", app->opt.config.printer);
    snprintf(job->font_regular, sizeof job->font_regular, "%s", app->opt.config.font_regular);
    snprintf(job->font_bold, sizeof job->font_bold, "%s", app->opt.config.font_bold);
    job->font_face = app->opt.config.font_face;
    job->what = (print_what_t)what;
    const char *w = getenv("ZWGK_PRINT_WAIT_MS"); /* tests: how long a stuck job is followed */
    job->wait_ms = w && atoi(w) > 0 ? atoi(w) : PRINT_WAIT_MS_DEFAULT;
    job->t0 = mono_ms();
    if (!ui_jobs_post(app->jobs, &submit_class, job)) { /* the queue freed job */
        banner(app, true, false, "没有打印", "本机暂时不能打印。请联系工作人员。");
        return;
    }
    p->busy = true;
    app->session.printed++; /* counted at the tap: ten fast taps are ten pages asked for */
    banner(app, false, true, "正在打印", what == PRINT_FORM ? "正在打印空白申请表，请稍候……" : "请稍候……");
}

/* The job is over: 已打印 with the copies left, or why not (which then does not count against the limit). */
static void print_over(ui_app_t *app, const print_status_t *st)
{
    app->print->busy = false;
    int left = app->opt.config.print_limit - app->session.printed;
    char line[400];
    if (st->state == PRINT_STATE_DONE) {
        if (left > 0)
            snprintf(line, sizeof line, "请到打印机出纸口取纸。本次还可以打印%d份。", left);
        else
            snprintf(line, sizeof line, "请到打印机出纸口取纸。本次打印的份数已经用完。");
        banner(app, true, true, "已打印", line);
    } else {
        if (app->session.printed > 0)
            app->session.printed--; /* nothing came out */
        snprintf(line, sizeof line, "%s。", st->message);
        banner(app, true, false, "没有打印", line);
    }
}

void ui_print_dismiss(ui_app_t *app)
{
    app->print_banner.active = false;
    app->dirty = true;
}

void ui_print_tick(ui_app_t *app)
{
    ui_print_banner_t *b = &app->print_banner;
    if (b->active && b->done && app->now - b->shown_at > (b->ok ? 10000u : 30000u)) {
        b->active = false;
        app->dirty = true;
    }
}

void ui_print_draw(ui_app_t *app)
{
    ui_print_banner_t *b = &app->print_banner;
    if (!b->active || !banner_here(app))
        return; /* on another screen the header says it (ui_print_draw_header), over nothing tappable */
    const ui_theme_t *t = &app->theme;
    int w = app->w - 2 * t->margin - ui_pager_width(app), lh = t->ui_px * 3 / 2; /* the pager column stays free */
    int bw = b->done ? (int)(220 * t->scale) : 0;
    int tw = w - t->gap * 4 - (bw ? bw + t->gap * 2 : 0);
    int text_h = t->title_px * 3 / 2 + ui_measure_wrapped(app, app->f_ui, tw, b->line, lh);
    int h = text_h + t->gap * 4;
    if (h < t->target + t->gap * 4)
        h = t->target + t->gap * 4;
    /* above the footer and the pager: what the citizen reads stays readable above it */
    SDL_Rect body = ui_body_rect(app);
    SDL_Rect box = {t->margin, body.y + body.h - ui_pager_height(app) - h - t->gap, w, h};
    /* the frame's colour and the title both say how it went (never colour alone) */
    render_fill_rect(app->rd, box, t->gap, !b->done ? t->line : b->ok ? t->ok : t->accent);
    render_fill_rect(app->rd, (SDL_Rect){box.x + 4, box.y + 4, box.w - 8, box.h - 8}, t->gap, t->card);
    ui_emit(app, ROLE_DIALOG, b->title, -1, box, 0, 0);
    int x = box.x + t->gap * 2, y = box.y + t->gap * 2;
    ui_label(app, app->f_title, x, y, tw, b->title, b->done && !b->ok ? t->accent : t->fg, ROLE_HEADING);
    y += t->title_px * 3 / 2;
    ui_text_wrapped(app, app->f_ui, x, y, tw, b->line, t->fg, lh, ROLE_TEXT);
    if (bw)
        ui_button(app, (SDL_Rect){box.x + w - bw - t->gap * 2, box.y + (h - t->target) / 2, bw, t->target}, "知道了",
                  ACT_PRINT_CLOSE, 0, true);
}

/* Draws s (n bytes) at x, y in font, cut at a character with an ellipsis to fit max_w; emits it whole as a text. */
static int header_text(ui_app_t *app, int font, int px, int x, int y, int max_w, const char *s, SDL_Color c)
{
    static const char ell[] = "…";
    size_t len = strlen(s), full = len;
    int w = render_text_width(app->rd, font, s, len);
    int ew = render_text_width(app->rd, font, ell, sizeof ell - 1);
    while (w > max_w && len > 0) {
        do
            len--;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80);
        w = render_text_width(app->rd, font, s, len) + ew;
    }
    int drawn = render_text(app->rd, font, x, y, s, len, c);
    if (len < full)
        render_text(app->rd, font, x + drawn, y, ell, sizeof ell - 1, c);
    ui_elem_t *e = ui_emit(app, ROLE_TEXT, s, (int)full, (SDL_Rect){x, y, w, render_font_height(app->rd, font)}, 0, 0);
    e->font_px = px;
    return w;
}

bool ui_print_draw_header(ui_app_t *app, SDL_Rect slot)
{
    ui_print_banner_t *b = &app->print_banner;
    if (!b->active || banner_here(app))
        return false;
    const ui_theme_t *t = &app->theme;
    int pad = t->gap, inner = slot.w - 2 * pad - 8, px = t->ui_px;
    int hb = render_font_height(app->rd, app->f_ui_bold), hl = render_font_height(app->rd, app->f_ui);
    if (inner < px * 4)
        return false; /* no room beside the header's buttons (no window the kiosk supports is so narrow) */
    SDL_Color head = b->done && !b->ok ? t->accent : t->fg;
    int tw = render_text_width(app->rd, app->f_ui_bold, b->title, strlen(b->title));
    int lw = render_text_width(app->rd, app->f_ui, b->brief, strlen(b->brief));
    int sep = render_text_width(app->rd, app->f_ui_bold, "：", strlen("："));
    /* One line, the outcome first in bold (已打印：请到打印机取纸); where that does not fit between the buttons
     * (portrait, 长者模式) the outcome over the note, set solid (5/4 em apart) so both fit the band with room around
     * them. */
    int pitch = px * 5 / 4, span = pitch + px;
    bool one = tw + sep + lw <= inner || span + pad + 8 > slot.h - t->gap;
    int want = one ? tw + sep + lw : (tw > lw ? tw : lw);
    int w = (want < inner ? want : inner) + 2 * pad + 8, h = one ? hb + 2 * pad : span + pad + 8;
    SDL_Rect box = {slot.x + (slot.w - w) / 2, slot.y + (slot.h - h) / 2, w, h};
    render_fill_rect(app->rd, box, t->gap / 2, !b->done ? t->line : b->ok ? t->ok : t->card);
    render_fill_rect(app->rd, (SDL_Rect){box.x + 4, box.y + 4, box.w - 8, box.h - 8}, t->gap / 2, t->card);
    ui_emit(app, ROLE_DIALOG, b->title, -1, box, 0, 0);
    int x = box.x + 4 + pad, room = box.w - 8 - 2 * pad;
    int top = box.y + box.h / 2 - (one ? px : span) / 2; /* the glyphs' top: each face's box is centred on its em */
    if (one) {
        int used = header_text(app, app->f_ui_bold, px, x, top - (hb - px) / 2, room, b->title, head);
        if (used + sep < room) {
            render_text(app->rd, app->f_ui_bold, x + used, top - (hb - px) / 2, "：", strlen("："), head);
            header_text(app, app->f_ui, px, x + used + sep, top - (hl - px) / 2, room - used - sep, b->brief, t->fg);
        }
    } else {
        header_text(app, app->f_ui_bold, px, x + (room - (tw < room ? tw : room)) / 2, top - (hb - px) / 2, room,
                    b->title, head);
        header_text(app, app->f_ui, px, x + (room - (lw < room ? lw : room)) / 2, top + pitch - (hl - px) / 2, room,
                    b->brief, t->fg);
    }
    return true;
}
