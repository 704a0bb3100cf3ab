/* scroll.c — a finger-following scroll with momentum and soft edges.
 *
 * Physics in one place so every scrolling screen feels the same: while dragging, the page follows the finger
 * (app.c); released with speed, it glides and slows exponentially (about 95 % of the speed gone per second);
 * beyond an edge it resists and springs back.  All in floats per step, no allocation.  Page turns go from one page
 * start to the next when the screen gave them (page.h computes them from what it laid out). */
#include "ui_private.h"

#include <math.h>

float ui_scroll_max(const ui_scroll_t *s)
{
    int m = s->content_h - s->view_h;
    return m > 0 ? (float)m : 0.0f;
}

bool ui_scroll_step(ui_scroll_t *s, float dt)
{
    float max = ui_scroll_max(s);
    bool out = s->pos < 0 || s->pos > max;
    if (!out && fabsf(s->vel) < 5.0f) {
        s->vel = 0;
        return false;
    }
    s->pos += s->vel * dt;
    s->vel *= expf(-3.0f * dt);
    if (s->pos < 0 || s->pos > max) {
        float edge = s->pos < 0 ? 0 : max;
        s->vel *= expf(-20.0f * dt); /* an edge eats the glide quickly */
        s->pos += (edge - s->pos) * (1.0f - expf(-14.0f * dt));
        if (fabsf(edge - s->pos) < 0.5f) {
            s->pos = edge;
            s->vel = 0;
        }
    }
    return true;
}

/* Positions within this many pixels of a page start count as on it (a float position after a drag or a resize). */
#define STOP_TOLERANCE 2.0f

int ui_scroll_page_of(const ui_scroll_t *s, int *npages)
{
    if (!s->stops || s->nstops < 1) {
        int n = s->content_h > s->view_h && s->view_h > 0 ? (s->content_h + s->view_h - 1) / s->view_h : 1;
        float max = ui_scroll_max(s);
        int page = max > 0 ? (int)((s->pos / max) * (float)(n - 1) + 0.5f) : 0;
        *npages = n;
        return page < 0 ? 0 : page >= n ? n - 1 : page;
    }
    *npages = s->nstops;
    int lo = 0, hi = s->nstops - 1; /* the last start <= pos + tolerance */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if ((float)s->stops[mid] <= s->pos + STOP_TOLERANCE)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

void ui_scroll_page(ui_scroll_t *s, int dir)
{
    float max = ui_scroll_max(s);
    if (s->stops && s->nstops > 0) {
        /* From page k (counted as the pager counts it), to the start of page k ± 1: every tap moves the counter by
         * one, so from page 1, M−1 taps reach the end.  From the top of page 1, 上一页 goes to its top. */
        int n, k = ui_scroll_page_of(s, &n);
        if (dir > 0)
            s->pos = k + 1 < n ? (float)s->stops[k + 1] : max;
        else
            s->pos = (float)s->stops[k > 0 ? k - 1 : 0];
    } else {
        s->pos += (float)dir * (float)s->view_h * 0.85f;
    }
    if (s->pos > max)
        s->pos = max;
    if (s->pos < 0)
        s->pos = 0;
    s->vel = 0;
}
