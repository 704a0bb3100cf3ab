/* pages.c — breaking a laid-out page into true pages, keeping the reading position, and placing the page and its
 * pager in a screen (page.h).
 *
 * Everything the page laid out is an element with a top and a bottom: every text line and table or tail card of the
 * textview, every piece (a QR card, a row, a grid row of tiles, each wrapped row of chips).  In scroll coordinates
 * (content y + pad), page 1 starts at 0.  From a page that starts at P with its first element at s, the next page's
 * first element is the topmost element that starts below s and does not end inside [P, P + view_h): everything
 * above it on this page is shown whole.  The next page starts a little above that element — as much of the pad as
 * the space above it allows, so no part of anything above shows — or, when only an element taller than the view
 * reaches past the page (a huge QR card, a long table card is no such case: its lines are elements too), one view
 * further, scrolling through it.  The last page is the first that shows every element's bottom, and the scroll
 * extent ends at its start, so the last page shows the end of the content.
 *
 * This runs at layout (page_end), O(n log n) in the elements; a frame only looks the current page up by binary
 * search (ui_scroll_page_of). */
#include "page.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int cmp_unit(const void *a, const void *b)
{
    const page_unit_t *x = a, *y = b;
    return x->top != y->top ? (x->top > y->top) - (x->top < y->top) : (x->bottom > y->bottom) - (x->bottom < y->bottom);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static bool add_unit(page_t *p, int top, int bottom, bool keep)
{
    if (bottom <= top)
        return true;
    if (p->nunits == p->units_cap) {
        int cap = p->units_cap ? p->units_cap * 2 : 256;
        page_unit_t *u = realloc(p->units, (size_t)cap * sizeof *u);
        if (!u)
            return false;
        p->units = u;
        int *b = realloc(p->bottoms, (size_t)cap * sizeof *b);
        if (!b)
            return false;
        p->bottoms = b;
        p->units_cap = cap;
    }
    p->units[p->nunits++] = (page_unit_t){top, bottom, keep};
    return true;
}

static bool collect_units(page_t *p)
{
    p->nunits = 0;
    bool ok = true;
    for (int i = 0; ok && i < p->tv.nlines; i++)
        ok = add_unit(p, p->tv.lines[i].y + p->pad, p->tv.lines[i].y + p->tv.lines[i].h + p->pad, p->tv.lines[i].keep);
    for (int i = 0; ok && i < p->tv.nboxes; i++)
        ok = add_unit(p, p->tv.boxes[i].r.y + p->pad, p->tv.boxes[i].r.y + p->tv.boxes[i].r.h + p->pad, false);
    for (int i = 0; ok && i < p->npieces; i++) {
        const piece_t *pc = &p->pieces[i];
        /* 72 area filters wrap into rows: break between them (not between a question's answers, page_answers) */
        if (pc->kind == PIECE_CHIPS && pc->rows > 1 && !pc->whole)
            for (int r = 0; ok && r < pc->rows; r++)
                ok = add_unit(p, pc->y + p->pad + r * pc->row_h,
                              r + 1 < pc->rows ? pc->y + p->pad + (r + 1) * pc->row_h : pc->y + pc->h + p->pad, false);
        else
            ok = add_unit(p, pc->y + p->pad, pc->y + pc->h + p->pad, false);
    }
    if (!ok)
        return false;
    bool sorted = true; /* layout appends in reading order; only markers and boxes come out of turn */
    for (int i = 1; sorted && i < p->nunits; i++)
        sorted = cmp_unit(&p->units[i - 1], &p->units[i]) <= 0;
    if (!sorted)
        qsort(p->units, (size_t)p->nunits, sizeof *p->units, cmp_unit);
    for (int i = 0; i < p->nunits; i++)
        p->bottoms[i] = p->units[i].bottom;
    qsort(p->bottoms, (size_t)p->nunits, sizeof *p->bottoms, cmp_int);
    return true;
}

static bool push_start(page_t *p, int start, int fill)
{
    if (p->nstarts == p->starts_cap) {
        int cap = p->starts_cap ? p->starts_cap * 2 : 64;
        int *s = realloc(p->starts, (size_t)cap * sizeof *s);
        if (!s)
            return false;
        p->starts = s;
        int *f = realloc(p->fills, (size_t)cap * sizeof *f);
        if (!f)
            return false;
        p->fills = f;
        p->starts_cap = cap;
    }
    p->starts[p->nstarts] = start;
    p->fills[p->nstarts++] = fill;
    return true;
}

/* The first unit whose top is below y (units sorted by top). */
static int first_below(const page_t *p, int y)
{
    int lo = 0, hi = p->nunits;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (p->units[mid].top <= y)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The lowest bottom at or above y, or INT_MIN when nothing ends there. */
static int bottom_above(const page_t *p, int y)
{
    int lo = 0, hi = p->nunits;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (p->bottoms[mid] <= y)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 ? p->bottoms[lo - 1] : INT_MIN;
}

/* Where a page that begins with the element(s) at `top` starts: the pad above them, or less when something ends
 * closer above (so nothing of it shows) or when the pad would push them past the view's bottom. */
static int start_for(const page_t *p, int top, int view_h)
{
    int above = bottom_above(p, top);
    int margin = above == INT_MIN || top - above > p->pad ? p->pad : top - above;
    int tallest = 0;
    for (int i = first_below(p, top - 1); i < p->nunits && p->units[i].top == top; i++)
        if (p->units[i].bottom - top > tallest)
            tallest = p->units[i].bottom - top;
    if (margin > view_h - tallest)
        margin = view_h - tallest > 0 ? view_h - tallest : 0;
    return top - margin;
}

/* Fills p->starts and p->fills for a view of view_h.  With force >= 0 (the reading position kept across a size
 * change), a page begins with the element at force: the page before it ends there, short.  False when memory ran
 * out (the caller then has one page). */
static bool paginate(page_t *p, int view_h, int force)
{
    p->nstarts = 0;
    if (!collect_units(p))
        return false;
    int max_bottom = p->nunits ? p->bottoms[p->nunits - 1] : 0;
    int start = 0, first = 0; /* this page's scroll position and the top of its first element */
    for (;;) {
        int end = start + view_h;
        if (max_bottom <= end || view_h < 1)
            return push_start(p, start, view_h);
        int next = INT_MAX, lo = first_below(p, first);
        for (int i = lo; i < p->nunits; i++)
            if (p->units[i].bottom > end) { /* the topmost element after the first that this page cannot show whole */
                next = p->units[i].top;
                /* A heading never ends a page: it goes over with what it heads (not when it began this page). */
                for (int j = i - 1; j >= lo && p->units[j].keep && p->units[j].bottom <= next; j--)
                    next = p->units[j].top;
                break;
            }
        int next_start, fill;
        if (force > first && force < next && start_for(p, force, view_h) > start)
            next = force; /* the kept reading position begins the next page */
        if (next != INT_MAX) {
            next_start = start_for(p, next, view_h);
            fill = next - start < view_h ? next - start : view_h;
        } else {
            next_start = end; /* only an element taller than the view goes on: scroll through it */
            fill = view_h;
            next = end;
        }
        if (next_start <= start) { /* the element starts this page and is taller than it */
            next_start = end;
            next = end;
            fill = view_h;
        }
        if (!push_start(p, start, fill))
            return false;
        start = next_start;
        first = next;
    }
}

/* Paginates and sets the scroll extent (see page_end). */
static void set_pages(page_t *p, int view_h, int force)
{
    int natural = p->tv.height + p->body.px * 2;
    p->scroll.view_h = view_h;
    if (!paginate(p, view_h, force)) {
        p->nstarts = 0; /* no memory for the breaks: one long page, scrolled by finger and by views */
        p->scroll.stops = NULL;
        p->scroll.nstops = 0;
        p->scroll.content_h = natural;
    } else {
        p->scroll.stops = p->starts;
        p->scroll.nstops = p->nstarts;
        /* The scroll extent ends at the last page's start, so 下一页 and a flick both stop where the last page
         * begins; a book's last page may be half empty. */
        p->scroll.content_h = p->nstarts > 1 ? p->starts[p->nstarts - 1] + view_h : natural < view_h ? natural : view_h;
    }
    float max = ui_scroll_max(&p->scroll);
    if (p->scroll.pos > max)
        p->scroll.pos = max;
    if (p->scroll.pos < 0)
        p->scroll.pos = 0;
}

void page_end(page_t *p, int view_h)
{
    set_pages(p, view_h, -1);
}

/* ---- the reading position ---- */

page_anchor_t page_anchor(const page_t *p)
{
    page_anchor_t a = {.piece = -1};
    int y = (int)p->scroll.pos - p->pad; /* the content at the top of the view */
    tv_position_at(&p->tv, y, &a.para, &a.offset);
    int line_y = INT_MAX; /* no line reaches below the top of the view: the page ends in widgets */
    for (int i = 0; i < p->tv.nlines; i++)
        if (p->tv.lines[i].y + p->tv.lines[i].h > y) {
            line_y = p->tv.lines[i].y;
            break;
        }
    for (int i = 0; i < p->npieces; i++) /* a piece above the first line under the top wins (a 简明问答 row) */
        if (p->pieces[i].y + p->pieces[i].h > y) {
            if (p->pieces[i].y < line_y)
                a.piece = i;
            break;
        }
    return a;
}

/* The start of the page that shows scroll position y (content y + pad) at or below its top. */
static float page_at(const page_t *p, int y)
{
    if (!p->scroll.stops || p->scroll.nstops < 1)
        return (float)y;
    ui_scroll_t probe = p->scroll;
    probe.pos = (float)y;
    int n, k = ui_scroll_page_of(&probe, &n);
    return (float)p->starts[k];
}

void page_restore(page_t *p, page_anchor_t a)
{
    /* A question toggled near the end once sent the reader back to the top: its rows are pieces, not lines
     * (hostile_content.py, qa-500). */
    int y = a.piece >= 0 && a.piece < p->npieces ? p->pieces[a.piece].y : tv_y_of(&p->tv, a.para, a.offset);
    int u = y + p->pad;
    /* After a size change the line being read begins a page (the one before it ends short), rather than hiding
     * somewhere down the page that happens to hold it. */
    if (p->nstarts > 1 && page_at(p, u) != (float)start_for(p, u, p->scroll.view_h))
        set_pages(p, p->scroll.view_h, u);
    p->scroll.pos = page_at(p, u);
    float max = ui_scroll_max(&p->scroll);
    if (p->scroll.pos > max)
        p->scroll.pos = max;
    if (p->scroll.pos < 0)
        p->scroll.pos = 0;
}

void page_snap(page_t *p)
{
    float max = ui_scroll_max(&p->scroll);
    if (p->scroll.pos > max)
        p->scroll.pos = max;
    if (p->scroll.pos < 0)
        p->scroll.pos = 0;
    p->scroll.pos = page_at(p, (int)p->scroll.pos);
}

/* ---- page_layout: the page and its pager in an area of the screen ---- */

static void lay(page_t *p, ui_app_t *app, int view_w, int view_h, page_fill_fn fill, void *ctx)
{
    int w = view_w - 2 * app->theme.margin - p->inset;
    int cap = p->max_ems * app->theme.body_px[app->theme.size_step];
    page_begin(p, app, cap > 0 && w > cap ? cap : w);
    fill(p, app, ctx);
    page_end(p, view_h);
}

static void rail_free(page_t *p)
{
    for (int i = 0; i < PAGE_RAIL_MAX; i++) {
        if (p->rail[i].tex)
            SDL_DestroyTexture(p->rail[i].tex);
        p->rail[i].tex = NULL;
    }
}

/* The rail's cards share its height: each a code as large as fits (at most 320 px at 1080 high) over its two short
 * caption lines.  Returns the rail's width, 0 without cards; makes the textures. */
static int rail_layout(page_t *p, ui_app_t *app, SDL_Rect area)
{
    rail_free(p);
    if (p->nrail <= 0)
        return 0;
    const ui_theme_t *t = &app->theme;
    int cap_h = 2 * (t->ui_px * 3 / 2);
    int per = area.h / p->nrail;
    int qr = per - cap_h - 3 * t->gap, most = (int)(320 * t->scale);
    if (qr > most)
        qr = most;
    if (qr < t->target)
        qr = t->target;
    int w = 0;
    for (int i = 0; i < p->nrail; i++) {
        page_rail_card_t *c = &p->rail[i];
        c->tex = render_qr_texture(app->rd, c->url, qr, &c->px);
        int tw = render_text_width(app->rd, app->f_ui_bold, c->title, strlen(c->title));
        int sw = c->sub ? render_text_width(app->rd, app->f_ui, c->sub, strlen(c->sub)) : 0;
        int need = (c->px > tw ? c->px : tw) > sw ? (c->px > tw ? c->px : tw) : sw;
        if (need + 2 * t->gap > w)
            w = need + 2 * t->gap;
    }
    int y = area.y + t->gap / 2;
    for (int i = 0; i < p->nrail; i++) {
        page_rail_card_t *c = &p->rail[i];
        int h = c->px + cap_h + 2 * t->gap;
        c->r = (SDL_Rect){0, y, w, h}; /* x is set when the rail is placed */
        y += h + t->gap / 2;
    }
    return w + t->gap;
}

void page_layout(page_t *p, ui_app_t *app, SDL_Rect area, int inset, page_fill_fn fill, void *ctx)
{
    page_anchor_t anchor = page_anchor(p);
    bool at_top = p->scroll.pos <= 0.5f; /* the top stays the top: a page opening on a banner begins with it */
    p->area = area;
    p->inset = inset;
    /* landscape: the pager is a column at the right (and where a screen asks for it) */
    bool column = !p->own_pager && (ui_pager_width(app) > 0 || p->pager_column);
    int col_w = !column                   ? 0
                : ui_pager_width(app) > 0 ? ui_pager_width(app)
                                          : (int)(app->theme.target * 1.8f) + app->theme.gap * 2;
    int strip_h = p->own_pager || column ? 0 : ui_pager_height(app);
    SDL_Rect rail_area = area;
    int rail_w = rail_layout(p, app, rail_area);
    area.w -= rail_w; /* the rail stands between the text and the pager */
    SDL_Rect view = area;
    view.w -= col_w;
    lay(p, app, view.w, area.h, fill, ctx);
    bool fits = p->nstarts <= 1;
    if (fits && column) { /* the column would stand empty: give the text the whole width */
        lay(p, app, area.w, area.h, fill, ctx);
        if (p->nstarts > 1) /* wider fits worse only in freak cases; then keep the pager after all */
            lay(p, app, view.w, area.h, fill, ctx);
        else
            view = area;
        fits = p->nstarts <= 1;
    }
    p->strip = (SDL_Rect){0, 0, 0, 0};
    if (fits || p->own_pager) {
        if (fits)
            view = area;
    } else if (column) {
        p->strip = (SDL_Rect){area.x + view.w + rail_w, area.y, col_w, area.h};
    } else {
        view.h = area.h - strip_h;
        page_end(p, view.h);
        p->strip = (SDL_Rect){area.x, view.y + view.h, area.w, strip_h};
    }
    p->view = view;
    p->scroll.view = view;
    p->rail_rect = (SDL_Rect){view.x + view.w, rail_area.y, rail_w, rail_area.h};
    for (int i = 0; i < p->nrail; i++)
        p->rail[i].r.x = p->rail_rect.x;
    if (at_top)
        p->scroll.pos = 0;
    else
        page_restore(p, anchor);
}

static void rail_draw(page_t *p, ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    int lh = t->ui_px * 3 / 2;
    for (int i = 0; i < p->nrail; i++) {
        const page_rail_card_t *c = &p->rail[i];
        render_fill_rect(app->rd, c->r, t->gap / 2, t->card);
        render_stroke_rect(app->rd, c->r, t->gap / 2, 2, t->line);
        if (c->tex) {
            SDL_Rect dst = {c->r.x + (c->r.w - c->px) / 2, c->r.y + t->gap, c->px, c->px};
            render_texture(app->rd, c->tex, dst);
            ui_elem_t *e = ui_emit(app, ROLE_QR, c->title, -1, dst, 0, 0);
            e->url = c->url;
        }
        int y = c->r.y + t->gap + c->px + t->gap / 2;
        ui_label(app, app->f_ui_bold, c->r.x + t->gap, y + (lh - render_font_height(app->rd, app->f_ui_bold)) / 2,
                 c->r.w, c->title, t->fg, ROLE_TEXT);
        if (c->sub)
            ui_label(app, app->f_ui, c->r.x + t->gap, y + lh + (lh - render_font_height(app->rd, app->f_ui)) / 2,
                     c->r.w, c->sub, t->fg, ROLE_TEXT);
    }
}

void page_show(page_t *p, ui_app_t *app)
{
    page_draw(p, app, p->view);
    rail_draw(p, app);
    if (p->strip.w > 0 && p->strip.h > 0)
        ui_pager_in(app, &p->scroll, p->strip);
}
