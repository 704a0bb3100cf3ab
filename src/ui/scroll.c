/* scroll.c — a finger-following scroll with momentum and soft edges.
 *
 * Physics in one place so every scrolling screen feels the same: while dragging, the page follows the finger
 * (app.c); released with speed, it glides and slows exponentially (about 95 % of the speed gone per second);
 * beyond an edge it resists and springs back.  All in floats per step, no allocation. */
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

void ui_scroll_page(ui_scroll_t *s, int dir)
{
    float step = (float)s->view_h * 0.85f; /* keep a few lines of context across the page turn */
    s->pos += (float)dir * step;
    float max = ui_scroll_max(s);
    if (s->pos > max)
        s->pos = max;
    if (s->pos < 0)
        s->pos = 0;
    s->vel = 0;
}
