/* batch.c — the draw queue: text, rectangles, textures and clips, drawn in the order they were queued.
 *
 * The UI queues a whole frame and calls render_flush once.  The queue is a list of commands over two shared arrays
 * (vertices and indices).  Consecutive glyph quads from one atlas page extend one GEOMETRY command, drawn with a single
 * SDL_RenderGeometry call; a new call starts only when the page changes or a rectangle, texture or clip comes between.
 * Quads are axis-aligned, 1:1 and one colour each, which SDL's software renderer recognizes and turns into plain blits.
 *
 * Rectangles are FILL commands drawn with SDL_RenderFillRect, not quads of a white atlas pixel: on the software
 * renderer an opaque fill with blending off is a memset (0.4 ms for a full 1080x1920 screen), while the same area as
 * a stretched, modulated texture costs 9 ms and as untextured geometry 3.4 ms (measured).  Rounded corners are the
 * quadrants of an anti-aliased disc or ring kept in the atlas (atlas_round), so they batch like glyphs and are smooth;
 * the straight parts are fills.  Pieces never overlap, so translucent colours blend once.
 *
 * The arrays grow (doubling) while the first frames are queued and are never shrunk: render_flush only resets the
 * counts, so a steady UI allocates nothing per frame.  When growing fails the item is dropped, not the frame. */
#include "render_private.h"
#include "zwgk/text.h"

#include <assert.h>
#include <stdlib.h>

void batch_free(batch_t *b)
{
    free(b->vertices);
    free(b->indices);
    free(b->cmds);
    *b = (batch_t){0};
}

/* Makes room for `more` elements of size elem after n in *p (capacity *cap); false when out of memory. */
static bool reserve(void **p, size_t *cap, size_t n, size_t more, size_t elem)
{
    if (n + more <= *cap) {
        return true;
    }
    size_t c = *cap ? *cap : 256;
    while (c < n + more) {
        c *= 2;
    }
    void *q = realloc(*p, c * elem);
    if (!q) {
        return false;
    }
    *p = q;
    *cap = c;
    return true;
}

static batch_cmd_t *push_cmd(batch_t *b, int kind)
{
    if (!reserve((void **)&b->cmds, &b->cap_cmds, b->ncmds, 1, sizeof *b->cmds)) {
        return NULL;
    }
    batch_cmd_t *c = &b->cmds[b->ncmds++];
    *c = (batch_cmd_t){.kind = kind};
    return c;
}

void batch_quad(render_t *rd, SDL_Texture *page, int x, int y, int sx, int sy, int w, int h, SDL_Color c)
{
    batch_t *b = &rd->batch;
    if (!reserve((void **)&b->vertices, &b->cap_vertices, b->nvertices, 4, sizeof *b->vertices) ||
        !reserve((void **)&b->indices, &b->cap_indices, b->nindices, 6, sizeof *b->indices)) {
        return;
    }
    batch_cmd_t *cmd = b->ncmds ? &b->cmds[b->ncmds - 1] : NULL;
    if (!cmd || cmd->kind != BATCH_GEOMETRY || cmd->tex != page) {
        if (!(cmd = push_cmd(b, BATCH_GEOMETRY))) {
            return;
        }
        cmd->tex = page;
        cmd->first_vertex = (int)b->nvertices;
        cmd->first_index = (int)b->nindices;
    }
    const float k = 1.0f / ATLAS_PAGE_SIZE; /* exact: a power of two */
    float x0 = (float)x, y0 = (float)y, x1 = (float)(x + w), y1 = (float)(y + h);
    float u0 = (float)sx * k, v0 = (float)sy * k, u1 = (float)(sx + w) * k, v1 = (float)(sy + h) * k;
    batch_vertex_t *v = &b->vertices[b->nvertices];
    v[0] = (batch_vertex_t){{x0, y0}, c, {u0, v0}};
    v[1] = (batch_vertex_t){{x1, y0}, c, {u1, v0}};
    v[2] = (batch_vertex_t){{x1, y1}, c, {u1, v1}};
    v[3] = (batch_vertex_t){{x0, y1}, c, {u0, v1}};
    int base = cmd->nvertex;
    int *i = &b->indices[b->nindices];
    i[0] = base, i[1] = base + 1, i[2] = base + 2;
    i[3] = base, i[4] = base + 2, i[5] = base + 3;
    b->nvertices += 4;
    b->nindices += 6;
    cmd->nvertex += 4;
    cmd->nindex += 6;
}

/* Queues the glyph of cp with its origin at (pen, y); returns its advance. */
static int queue_glyph(render_t *rd, int font, uint32_t cp, int pen, int y, SDL_Color c)
{
    bool missing;
    int adv = render_font_advance(rd, font, cp, &missing);
    if (c.a) {
        SDL_Color vc;
        const render_glyph_t *g = atlas_glyph(rd, font, missing ? rd->fonts[font].replacement : cp, c, &vc);
        if (g && g->page >= 0) {
            batch_quad(rd, atlas_page_texture(rd, g->page), pen + g->dx, y + g->dy, g->x, g->y, g->w, g->h, vc);
        }
    }
    return adv;
}

int render_text(render_t *rd, int font, int x, int y, const char *s, size_t len, SDL_Color c)
{
    assert(rd && font >= 0 && font < rd->nfonts && (s || len == 0));
    int pen = x;
    for (size_t i = 0; i < len;) {
        size_t n;
        uint32_t cp = utf8_decode(s + i, len - i, &n);
        i += n;
        if (render_cp_is_invisible(cp)) {
            continue;
        }
        pen += queue_glyph(rd, font, cp, pen, y, c);
    }
    return pen - x;
}

void render_text_placed(render_t *rd, int font, int x, int y, const char *s, size_t len, const int16_t *xs, SDL_Color c)
{
    assert(rd && font >= 0 && font < rd->nfonts && (s || len == 0) && (xs || len == 0));
    size_t k = 0;
    for (size_t i = 0; i < len; k++) {
        size_t n;
        uint32_t cp = utf8_decode(s + i, len - i, &n);
        i += n;
        if (!render_cp_is_invisible(cp) && cp != ' ' && cp != 0x3000u) {
            (void)queue_glyph(rd, font, cp, x + xs[k], y, c);
        }
    }
}

static void push_fill(render_t *rd, int x, int y, int w, int h, SDL_Color c)
{
    if (w <= 0 || h <= 0) {
        return;
    }
    batch_cmd_t *cmd = push_cmd(&rd->batch, BATCH_FILL);
    if (cmd) {
        cmd->rect = (SDL_Rect){x, y, w, h};
        cmd->colour = c;
    }
}

/* The four r x r quadrants of an atlas disc or ring at the corners of rect r. */
static void push_corners(render_t *rd, const render_glyph_t *g, SDL_Rect r, int rad, SDL_Color c)
{
    SDL_Texture *page = atlas_page_texture(rd, g->page);
    batch_quad(rd, page, r.x, r.y, g->x, g->y, rad, rad, c);
    batch_quad(rd, page, r.x + r.w - rad, r.y, g->x + rad, g->y, rad, rad, c);
    batch_quad(rd, page, r.x, r.y + r.h - rad, g->x, g->y + rad, rad, rad, c);
    batch_quad(rd, page, r.x + r.w - rad, r.y + r.h - rad, g->x + rad, g->y + rad, rad, rad, c);
}

static int clamp_radius(SDL_Rect r, int radius)
{
    int lim = (r.w < r.h ? r.w : r.h) / 2;
    lim = lim < (ATLAS_PAGE_SIZE - 2) / 2 ? lim : (ATLAS_PAGE_SIZE - 2) / 2;
    return radius < 0 ? 0 : radius > lim ? lim : radius;
}

void render_fill_rect(render_t *rd, SDL_Rect r, int radius, SDL_Color c)
{
    assert(rd);
    if (r.w <= 0 || r.h <= 0 || c.a == 0) {
        return;
    }
    radius = clamp_radius(r, radius);
    const render_glyph_t *g = radius ? atlas_round(rd, radius, 0) : NULL;
    if (!g || g->page < 0) {
        push_fill(rd, r.x, r.y, r.w, r.h, c);
        return;
    }
    push_fill(rd, r.x + radius, r.y, r.w - 2 * radius, radius, c);
    push_fill(rd, r.x, r.y + radius, r.w, r.h - 2 * radius, c);
    push_fill(rd, r.x + radius, r.y + r.h - radius, r.w - 2 * radius, radius, c);
    push_corners(rd, g, r, radius, c);
}

void render_stroke_rect(render_t *rd, SDL_Rect r, int radius, int thickness, SDL_Color c)
{
    assert(rd);
    if (r.w <= 0 || r.h <= 0 || c.a == 0 || thickness <= 0) {
        return;
    }
    int t = thickness, lim = (r.w < r.h ? r.w : r.h) / 2;
    if (t >= lim) {
        render_fill_rect(rd, r, radius, c); /* the outline fills the rectangle */
        return;
    }
    radius = clamp_radius(r, radius);
    if (radius > 0 && radius < t) {
        radius = t; /* the inner corner is square; keeps the corner and the sides from overlapping */
    }
    const render_glyph_t *g = radius ? atlas_round(rd, radius, t) : NULL;
    if (!g || g->page < 0) {
        push_fill(rd, r.x, r.y, r.w, t, c);
        push_fill(rd, r.x, r.y + r.h - t, r.w, t, c);
        push_fill(rd, r.x, r.y + t, t, r.h - 2 * t, c);
        push_fill(rd, r.x + r.w - t, r.y + t, t, r.h - 2 * t, c);
        return;
    }
    push_fill(rd, r.x + radius, r.y, r.w - 2 * radius, t, c);
    push_fill(rd, r.x + radius, r.y + r.h - t, r.w - 2 * radius, t, c);
    push_fill(rd, r.x, r.y + radius, t, r.h - 2 * radius, c);
    push_fill(rd, r.x + r.w - t, r.y + radius, t, r.h - 2 * radius, c);
    push_corners(rd, g, r, radius, c);
}

void render_texture(render_t *rd, SDL_Texture *t, SDL_Rect dst)
{
    assert(rd && t);
    batch_cmd_t *cmd = push_cmd(&rd->batch, BATCH_TEXTURE);
    if (cmd) {
        cmd->tex = t;
        cmd->rect = dst;
    }
}

void render_clip(render_t *rd, const SDL_Rect *clip)
{
    assert(rd);
    batch_cmd_t *cmd = push_cmd(&rd->batch, BATCH_CLIP);
    if (cmd) {
        cmd->clip_on = clip != NULL;
        cmd->rect = clip ? *clip : (SDL_Rect){0, 0, 0, 0};
    }
}

#if !RENDER_GEOMETRY
/* The fallback for SDL older than 2.0.18 (render_private.h): each quad of a GEOMETRY command as one SDL_RenderCopy,
 * its colour as the page's modulation (set only when it changes; white again afterwards, as geometry leaves it).  The
 * coordinates are the integers batch_quad was given: x / 1024.0f and back is exact. */
static void draw_quads(render_t *rd, const batch_cmd_t *c)
{
    const batch_vertex_t *v = rd->batch.vertices + c->first_vertex;
    SDL_Color last = {255, 255, 255, 255};
    for (int q = 0; q + 3 < c->nvertex; q += 4, v += 4) {
        SDL_Color k = v[0].color;
        if (k.r != last.r || k.g != last.g || k.b != last.b || k.a != last.a) {
            SDL_SetTextureColorMod(c->tex, k.r, k.g, k.b);
            SDL_SetTextureAlphaMod(c->tex, k.a);
            last = k;
        }
        int x0 = (int)v[0].position.x, y0 = (int)v[0].position.y;
        int sx = (int)(v[0].tex_coord.x * ATLAS_PAGE_SIZE), sy = (int)(v[0].tex_coord.y * ATLAS_PAGE_SIZE);
        SDL_Rect dst = {x0, y0, (int)v[2].position.x - x0, (int)v[2].position.y - y0};
        SDL_Rect src = {sx, sy, dst.w, dst.h};
        SDL_RenderCopy(rd->r, c->tex, &src, &dst);
    }
    if (last.r != 255 || last.g != 255 || last.b != 255 || last.a != 255) {
        SDL_SetTextureColorMod(c->tex, 255, 255, 255);
        SDL_SetTextureAlphaMod(c->tex, 255);
    }
}
#endif

void render_flush(render_t *rd)
{
    assert(rd);
    batch_t *b = &rd->batch;
    for (size_t i = 0; i < b->ncmds; i++) {
        const batch_cmd_t *c = &b->cmds[i];
        switch (c->kind) {
        case BATCH_GEOMETRY:
#if RENDER_GEOMETRY
            SDL_RenderGeometry(rd->r, c->tex, b->vertices + c->first_vertex, c->nvertex, b->indices + c->first_index,
                               c->nindex);
#else
            draw_quads(rd, c);
#endif
            break;
        case BATCH_FILL:
            SDL_SetRenderDrawBlendMode(rd->r, c->colour.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(rd->r, c->colour.r, c->colour.g, c->colour.b, c->colour.a);
            SDL_RenderFillRect(rd->r, &c->rect);
            break;
        case BATCH_TEXTURE:
            SDL_RenderCopy(rd->r, c->tex, NULL, &c->rect);
            break;
        case BATCH_CLIP:
            SDL_RenderSetClipRect(rd->r, c->clip_on ? &c->rect : NULL);
            break;
        default:
            assert(!"unknown batch command");
        }
    }
    b->ncmds = 0;
    b->nvertices = 0;
    b->nindices = 0;
}
