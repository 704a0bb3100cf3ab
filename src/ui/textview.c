/* textview.c — laying out long text once and drawing only what is visible (textview.h). */
#include "textview.h"

#include <stdlib.h>
#include <string.h>

void tv_clear(textview_t *tv, int width)
{
    tv->nlines = 0;
    tv->nboxes = 0;
    tv->height = 0;
    tv->npara = 0;
    tv->width = width;
    tv->ngx = 0;
    tv->nmark = 0;
}

void tv_free(textview_t *tv)
{
    free(tv->lines);
    free(tv->boxes);
    free(tv->gx);
    text_lines_free(&tv->scratch);
    memset(tv, 0, sizeof *tv);
}

static tv_line_t *new_line(textview_t *tv)
{
    if (tv->nlines == tv->cap) {
        int cap = tv->cap ? tv->cap * 2 : 256;
        tv_line_t *v = realloc(tv->lines, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        tv->lines = v;
        tv->cap = cap;
    }
    return &tv->lines[tv->nlines++];
}

/* Room for n more glyph positions; false when out of memory. */
static bool reserve_gx(textview_t *tv, size_t n)
{
    if (tv->ngx + n <= tv->gx_cap)
        return true;
    size_t cap = tv->gx_cap ? tv->gx_cap : 4096;
    while (cap < tv->ngx + n)
        cap *= 2;
    int16_t *v = realloc(tv->gx, cap * sizeof *v);
    if (!v)
        return false;
    tv->gx = v;
    tv->gx_cap = cap;
    return true;
}

int tv_add(textview_t *tv, ui_app_t *app, const char *s, const tv_style_t *st, const content_span_t *spans, int nspans)
{
    int para = tv->npara++;
    render_measure_t m = {app->rd, st->font};
    text_lines_clear(&tv->scratch);
    text_setting_t set = {.max_width = tv->width - st->left, .first_indent = st->indent, .align = st->align};
    int n = text_set_paragraph(s, strlen(s), &set, render_measure_cb, &m, &tv->scratch);
    for (int i = 0; i < n; i++) {
        const text_line_t *l = &tv->scratch.lines[i];
        const text_glyph_t *g = &tv->scratch.glyphs[l->glyph];
        /* The line's box starts at its first cell (after the indent, or where flush-end text begins). */
        int cell0 = l->nglyphs ? g[0].x + g[0].lead : l->indent;
        int glyph = -1;
        if (l->nglyphs && reserve_gx(tv, (size_t)l->nglyphs)) {
            glyph = (int)tv->ngx;
            for (int k = 0; k < l->nglyphs; k++) {
                int x = g[k].x - cell0; /* within the line: a few pixels left of 0 at most, never past the column */
                tv->gx[tv->ngx++] = (int16_t)(x < INT16_MIN ? INT16_MIN : x > INT16_MAX ? INT16_MAX : x);
            }
        }
        tv_line_t *t = new_line(tv);
        if (!t)
            break;
        *t = (tv_line_t){.text = s + l->start,
                         .len = (int)(l->end - l->start),
                         .x = st->left + cell0,
                         .y = tv->height,
                         .w = l->width - cell0,
                         .h = st->line_h,
                         .font = st->font,
                         .px = st->px,
                         .para = para,
                         .offset = (int)l->start,
                         .color = st->color,
                         .role = st->role,
                         .spans = spans,
                         .nspans = nspans,
                         .span_base = (int)l->start,
                         .glyph = glyph,
                         .align = (uint8_t)st->align,
                         .flags = (uint8_t)l->flags,
                         .keep = st->keep || st->role == ROLE_HEADING};
        tv->height += st->line_h;
    }
    tv->height += st->space_after;
    return para;
}

void tv_add_marker(textview_t *tv, const char *marker, int len, int x, const tv_style_t *st)
{
    /* Added before its paragraph, on the paragraph's first line, so lines stay in y order. */
    int y = tv->height;
    tv_line_t *t = new_line(tv);
    if (!t)
        return;
    *t = (tv_line_t){.text = marker,
                     .len = len,
                     .x = x,
                     .y = y,
                     .w = 0,
                     .h = st->line_h,
                     .font = st->font,
                     .px = st->px,
                     .para = tv->npara,
                     .offset = 0,
                     .color = st->color,
                     .role = ROLE_TEXT,
                     .glyph = -1};
}

void tv_add_space(textview_t *tv, int px)
{
    tv->height += px;
}

void tv_add_box(textview_t *tv, SDL_Rect r, SDL_Color c)
{
    if (tv->nboxes == tv->box_cap) {
        int cap = tv->box_cap ? tv->box_cap * 2 : 32;
        tv_box_t *v = realloc(tv->boxes, (size_t)cap * sizeof *v);
        if (!v)
            return;
        tv->boxes = v;
        tv->box_cap = cap;
    }
    tv->boxes[tv->nboxes++] = (tv_box_t){r, c};
}

/* Draws one line at the positions the text module gave its glyphs (or at natural advances: markers), switching to
 * the bold face inside strong/emphasis spans. */
static void draw_line(ui_app_t *app, const textview_t *tv, const tv_line_t *l, int x, int y)
{
    const int16_t *xs = l->glyph >= 0 ? tv->gx + l->glyph : NULL;
    if (!xs) {
        render_text(app->rd, l->font, x, y, l->text, (size_t)l->len, l->color);
        return;
    }
    if (!l->nspans) {
        render_text_placed(app->rd, l->font, x, y, l->text, (size_t)l->len, xs, l->color);
        return;
    }
    int bold = render_font(app->rd, l->px, true);
    int pos = 0;
    size_t k = 0; /* code points before pos */
    while (pos < l->len) {
        int abs = l->span_base + pos, next = l->len, in = 0;
        for (int j = 0; j < l->nspans; j++) {
            int st = (int)l->spans[j].start, en = (int)l->spans[j].end;
            if (abs >= st && abs < en) {
                in = 1;
                if (en - l->span_base < next)
                    next = en - l->span_base;
            } else if (st > abs && st - l->span_base < next) {
                next = st - l->span_base;
            }
        }
        render_text_placed(app->rd, in && bold >= 0 ? bold : l->font, x, y, l->text + pos, (size_t)(next - pos), xs + k,
                           l->color);
        k += utf8_count(l->text + pos, (size_t)(next - pos));
        pos = next;
    }
}

void tv_draw(const textview_t *tv, ui_app_t *app, SDL_Rect view, int scroll)
{
    ui_clip(app, &view);
    for (int i = 0; i < tv->nboxes; i++) {
        SDL_Rect r = tv->boxes[i].r;
        r.x += view.x;
        r.y += view.y - scroll;
        if (r.y + r.h >= view.y && r.y < view.y + view.h)
            render_fill_rect(app->rd, r, (int)(8 * app->theme.scale), tv->boxes[i].color);
    }
    /* The sentence being read aloud: tinted and underlined, under the glyphs, so colour is not the only cue. */
    int ul = (int)(4 * app->theme.scale) + 1, pad = (int)(4 * app->theme.scale);
    for (int i = 0; i < tv->nmark; i++) {
        SDL_Rect r = tv->mark[i];
        r.x += view.x - pad;
        r.w += 2 * pad;
        r.y += view.y - scroll;
        if (r.y + r.h >= view.y && r.y < view.y + view.h) {
            render_fill_rect(app->rd, r, 0, app->theme.mark);
            render_fill_rect(app->rd, (SDL_Rect){r.x, r.y + r.h - ul, r.w, ul}, 0, app->theme.fg);
        }
    }
    /* Lines are in y order (markers share their paragraph's first line): binary search the first visible one. */
    int lo = 0, hi = tv->nlines;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (tv->lines[mid].y + tv->lines[mid].h < scroll)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int i = lo; i < tv->nlines; i++) {
        const tv_line_t *l = &tv->lines[i];
        if (l->y >= scroll + view.h)
            break;
        int fh = render_font_height(app->rd, l->font);
        int x = view.x + l->x, y = view.y + l->y - scroll + (l->h - fh) / 2;
        draw_line(app, tv, l, x, y);
        /* Every drawn line is an element; one the view cuts is marked cut (ui_emit), so the dump shows a sliced line
         * as what it is — the paging tests look for pages that begin with one. */
        if (y + fh > view.y && y < view.y + view.h) {
            int w = l->w ? l->w : render_text_width(app->rd, l->font, l->text, (size_t)l->len);
            ui_elem_t *e = ui_emit(app, l->role, l->text, l->len, (SDL_Rect){x, y, w, fh}, 0, 0);
            e->font_px = l->px;
        }
    }
    ui_clip(app, NULL);
}

void tv_position_at(const textview_t *tv, int y, int *para, int *offset)
{
    *para = 0;
    *offset = 0;
    for (int i = 0; i < tv->nlines; i++) {
        if (tv->lines[i].y + tv->lines[i].h > y) {
            *para = tv->lines[i].para;
            *offset = tv->lines[i].offset;
            return;
        }
    }
}

int tv_y_of(const textview_t *tv, int para, int offset)
{
    int best = 0;
    for (int i = 0; i < tv->nlines; i++) {
        const tv_line_t *l = &tv->lines[i];
        if (l->para < para || (l->para == para && l->offset <= offset))
            best = l->y;
        else
            break;
    }
    return best;
}
