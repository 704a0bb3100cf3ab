/* screen_flow.c — 办事流程演示: a service guide's steps, one per screen, with 上一步 / 下一步 and a progress
 * indicator ("第2步，共5步" and a row of step marks), so a citizen can rehearse a procedure before the counter.  Each
 * step says what happens, what to bring (需要带：…) and where (去哪里办：…, the step's own window, else the guide's
 * 办理地点), so the rehearsal answers the two questions a citizen has at every counter. */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_PREV = ACT_SCREEN, A_NEXT };

typedef struct flow {
    content_doc_t guide;
    int step;
    page_t page;
    char progress[64];
} flow_t;

static int bar_h(const ui_app_t *app)
{
    return app->theme.target + app->theme.gap * 2;
}

static SDL_Rect flow_view(const ui_app_t *app)
{
    SDL_Rect body = ui_body_rect(app);
    int top = body.y + bar_h(app); /* the progress strip */
    return (SDL_Rect){0, top, app->w, body.y + body.h - bar_h(app) - top};
}

static void flow_fill(page_t *p, ui_app_t *app, void *ctx)
{
    flow_t *f = ctx;
    const content_step_t *st = &f->guide.steps[f->step];
    page_muted(p, app, f->guide.s.title ? f->guide.s.title : "");
    page_heading(p, app, st->title ? st->title : "", 1);
    page_para(p, app, st->detail ? st->detail : "", true, NULL, 0);
    page_field(p, app, "需要带：", st->bring);
    page_field(p, app, "去哪里办：", st->where ? st->where : f->guide.place);
}

/* A step that does not fit (a long detail at the largest size) gets the pager above the step bar. */
static void flow_relayout(ui_screen_t *s, ui_app_t *app)
{
    flow_t *f = s->state;
    page_layout(&f->page, app, flow_view(app), 0, flow_fill, f);
    snprintf(f->progress, sizeof f->progress, "第%d步，共%zu步", f->step + 1, f->guide.nsteps);
}

static bool flow_open(ui_screen_t *s, ui_app_t *app)
{
    if (!app->content)
        return false;
    flow_t *f = calloc(1, sizeof *f);
    if (!f)
        return false;
    s->state = f;
    if (content_doc_get(app->content, s->arg, &f->guide) != ZWGK_OK || f->guide.nsteps == 0)
        return false;
    snprintf(s->title, sizeof s->title, "办事流程演示");
    flow_relayout(s, app);
    return true;
}

static void flow_close(ui_screen_t *s)
{
    flow_t *f = s->state;
    if (!f)
        return;
    page_free(&f->page);
    content_doc_free(&f->guide);
}

static void flow_build(ui_screen_t *s, ui_app_t *app)
{
    flow_t *f = s->state;
    const ui_theme_t *t = &app->theme;
    SDL_Rect body = ui_body_rect(app);

    /* Progress: the words, and one mark per step (done filled, current outlined thick, ahead outlined thin). */
    int y = body.y + t->gap;
    int tw = ui_label(app, app->f_ui_bold, t->margin, y + (t->target - render_font_height(app->rd, app->f_ui_bold)) / 2,
                      0, f->progress, t->fg, ROLE_TEXT);
    int n = (int)f->guide.nsteps, x0 = t->margin + tw + t->gap * 2;
    /* 朗读 at the strip's right end; while reading, its controls take the place of the step marks */
    int rw = ui_read_controls_width(app, false);
    if (ui_read_active(app)) {
        ui_read_controls(app, x0, y, app->w - t->margin - x0);
    } else {
        ui_read_controls(app, app->w - t->margin - rw, y, rw);
        int avail = app->w - t->margin - x0 - rw - t->gap * 2, d = (int)(40 * t->scale);
        int stepw = n > 1 ? (avail - d) / (n - 1) : 0;
        if (stepw > d * 3)
            stepw = d * 3;
        int marks_w = n > 1 ? (n - 1) * stepw + d : d;
        if (n > 1 && stepw < d * 5 / 4) { /* more steps than marks fit (a hostile 50,000): a bar, not 50,000 circles */
            marks_w = avail;
            SDL_Rect track = {x0, y + (t->target - d) / 2, avail, d};
            render_fill_rect(app->rd, track, d / 2, t->track);
            int done = (int)((long long)avail * (f->step + 1) / n);
            render_fill_rect(app->rd, (SDL_Rect){x0, track.y, done > d ? done : d, d}, d / 2, t->accent);
        } else {
            for (int i = 0; i < n; i++) {
                SDL_Rect m = {x0 + i * stepw, y + (t->target - d) / 2, d, d};
                if (i < f->step)
                    render_fill_rect(app->rd, m, d / 2, t->ok);
                else if (i == f->step)
                    render_fill_rect(app->rd, m, d / 2, t->accent);
                else
                    render_stroke_rect(app->rd, m, d / 2, 3, t->muted);
            }
        }
        ui_elem_t *e = ui_emit(app, ROLE_PROGRESS, f->progress, -1, (SDL_Rect){x0, y, marks_w, t->target}, 0, 0);
        e->value = (int)((long long)(f->step + 1) * 100 / n);
    }
    page_show(&f->page, app);

    int by = body.y + body.h - bar_h(app) + t->gap;
    int bw = (app->w - 2 * t->margin - t->gap) / 2;
    render_fill_rect(app->rd, (SDL_Rect){0, by - t->gap, app->w, bar_h(app)}, 0, t->bar);
    if (f->step > 0)
        ui_button(app, (SDL_Rect){t->margin, by, bw, t->target}, "上一步", A_PREV, 0, false);
    /* One filled button says what to tap next: 下一页 while the step has more to read (a step's text can take pages
     * at 1280×800 in 长者模式), 下一步 once its end is in view; 下一步 stays tappable before that. */
    int npages = 1, page = ui_scroll_page_of(&f->page.scroll, &npages);
    ui_button(app, (SDL_Rect){t->margin + bw + t->gap, by, bw, t->target},
              f->step + 1 < n ? "下一步" : "看完了，返回指南", A_NEXT, 0, page + 1 >= npages);
}

static void flow_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    flow_t *f = s->state;
    (void)arg;
    if (action == A_PREV && f->step > 0)
        f->step--;
    else if (action == A_NEXT && (size_t)f->step + 1 < f->guide.nsteps)
        f->step++;
    else if (action == A_NEXT) {
        ui_back(app);
        return;
    } else
        return;
    f->page.scroll.pos = 0;
    flow_relayout(s, app);
}

static ui_scroll_t *flow_scroller(ui_screen_t *s)
{
    return s->state ? &((flow_t *)s->state)->page.scroll : NULL;
}

static void flow_key(ui_screen_t *s, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", ((flow_t *)s->state)->guide.s.key);
}

static void flow_dump(ui_screen_t *s, void *f)
{
    flow_t *fl = s->state;
    fprintf(f, ", \"step\": %d, \"steps\": %zu", fl->step + 1, fl->guide.nsteps);
    page_dump(&fl->page, f);
}

/* 朗读: the step shown; after it, the next step, to the last. */
static void flow_read_collect(ui_screen_t *s, ui_app_t *app)
{
    flow_t *f = s->state;
    ui_read_readings(app, f->guide.readings, f->guide.nreadings);
    page_read_collect(&f->page, app, f->step > 0); /* the guide's name once, at the first step */
}

static void flow_read_mark(ui_screen_t *s, ui_app_t *app, int key, size_t start, size_t end)
{
    page_read_mark(&((flow_t *)s->state)->page, app, key, start, end);
}

static bool flow_read_next(ui_screen_t *s, ui_app_t *app)
{
    flow_t *f = s->state;
    if ((size_t)f->step + 1 >= f->guide.nsteps)
        return false;
    f->step++;
    f->page.scroll.pos = 0;
    flow_relayout(s, app);
    app->dirty = true;
    return true;
}

const ui_screen_class_t screen_flow = {.name = "flow",
                                       .chrome = UI_CHROME_SIZE | UI_CHROME_READING,
                                       .open = flow_open,
                                       .close = flow_close,
                                       .relayout = flow_relayout,
                                       .build = flow_build,
                                       .on_action = flow_action,
                                       .scroller = flow_scroller,
                                       .dump_extra = flow_dump,
                                       .key = flow_key,
                                       .find = content_doc_find,
                                       .read_collect = flow_read_collect,
                                       .read_mark = flow_read_mark,
                                       .read_next = flow_read_next};
