/* atlas.c — the glyph atlas: every glyph rasterized once into a texture page, then drawn as a quad.
 *
 * Pages are ATLAS_PAGE_SIZE² ARGB8888 static textures, blended, sampled nearest.  Space in a page is handed out in
 * shelves: a glyph goes onto the open shelf whose height fits it with the least waste (within a quarter), else onto a
 * new shelf at the bottom of a page, else onto any shelf it fits, else onto a new page.  Glyphs of one size and script
 * have nearly one height, so shelves stay full.  Each slot keeps one spare column and row, and everything is drawn 1:1
 * at integer positions, so a quad never samples its neighbour and pages need no clearing.
 *
 * A glyph is TTF_RenderGlyph32_Blended, cropped to its inked pixels and uploaded with SDL_UpdateTexture.  SDL_ttf lays
 * the glyph out as a one-character line: the surface's row ystart is the line top (the font's ascent above the
 * baseline) and its column xstart is the pen position, where xstart = max(0, -minx) and ystart = max(0, maxy - ascent)
 * from TTF_GlyphMetrics32 (SDL_ttf 2.20 TTF_Size_Internal).  The record keeps the crop's offset from (pen, line top),
 * so Chinese, Latin and punctuation of one font share the baseline at line top + ascent, and ink that rises above the
 * ascent or falls below the descent is kept, not clipped.
 *
 * Colour: see render_private.h — glyphs are baked in one of RENDER_COLOUR_SLOTS colours so the software renderer can
 * blit without modulation.
 *
 * When every page is full (ATLAS_MAX_PAGES; a page holds about 300 glyphs of 60 px), the atlas first flushes the
 * draw queue — queued quads still point at the current pages — then forgets every glyph and colour slot and starts
 * again on the same textures.  A screen that needs more than the whole atlas therefore still draws correctly, just
 * slowly (it rasterizes every frame); the reset count in render_stats_t shows it. */
#include "render_private.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ATLAS_INITIAL_CAP 1024
#define ATLAS_PAD         1

bool atlas_init(render_t *rd)
{
    atlas_t *a = &rd->atlas;
    a->cap = ATLAS_INITIAL_CAP;
    a->glyphs = malloc(a->cap * sizeof *a->glyphs);
    if (!a->glyphs) {
        return false;
    }
    for (size_t i = 0; i < a->cap; i++) {
        a->glyphs[i].key = RENDER_KEY_EMPTY;
    }
    a->colours[0] = 0xFFFFFF;
    a->ncolours = 1;
    return true;
}

void atlas_free(atlas_t *a)
{
    for (int i = 0; i < a->npages; i++) {
        SDL_DestroyTexture(a->pages[i].tex);
    }
    free(a->glyphs);
    memset(a, 0, sizeof *a);
}

SDL_Texture *atlas_page_texture(const render_t *rd, int page)
{
    assert(page >= 0 && page < rd->atlas.npages);
    return rd->atlas.pages[page].tex;
}

/* ---- the hash table ---------------------------------------------------------------------------------------------- */

static render_glyph_t *table_find(atlas_t *a, uint32_t key)
{
    size_t mask = a->cap - 1;
    for (size_t i = render_hash(key, mask);; i = (i + 1) & mask) {
        if (a->glyphs[i].key == key) {
            return &a->glyphs[i];
        }
        if (a->glyphs[i].key == RENDER_KEY_EMPTY) {
            return NULL;
        }
    }
}

static void table_put(render_glyph_t *t, size_t cap, const render_glyph_t *g)
{
    size_t i = render_hash(g->key, cap - 1);
    while (t[i].key != RENDER_KEY_EMPTY) {
        i = (i + 1) & (cap - 1);
    }
    t[i] = *g;
}

/* Inserts g (whose key is absent) and returns where it now lives.  NULL when out of memory. */
static const render_glyph_t *table_insert(atlas_t *a, const render_glyph_t *g)
{
    if (2 * (a->count + 1) > a->cap) {
        size_t cap = a->cap * 2;
        render_glyph_t *t = malloc(cap * sizeof *t);
        if (!t) {
            return NULL;
        }
        for (size_t i = 0; i < cap; i++) {
            t[i].key = RENDER_KEY_EMPTY;
        }
        for (size_t i = 0; i < a->cap; i++) {
            if (a->glyphs[i].key != RENDER_KEY_EMPTY) {
                table_put(t, cap, &a->glyphs[i]);
            }
        }
        free(a->glyphs);
        a->glyphs = t;
        a->cap = cap;
    }
    table_put(a->glyphs, a->cap, g);
    a->count++;
    return table_find(a, g->key);
}

/* ---- pages and shelves ------------------------------------------------------------------------------------------- */

static bool page_add(render_t *rd)
{
    atlas_t *a = &rd->atlas;
    if (a->npages == ATLAS_MAX_PAGES) {
        return false;
    }
    SDL_Texture *t =
        SDL_CreateTexture(rd->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, ATLAS_PAGE_SIZE, ATLAS_PAGE_SIZE);
    if (!t) {
        return false;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    render_texture_nearest(t);
    atlas_page_t *p = &a->pages[a->npages++];
    memset(p, 0, sizeof *p);
    p->tex = t;
    return true;
}

static bool shelf_take(atlas_page_t *p, int s, int w, int *x, int *y)
{
    atlas_shelf_t *sh = &p->shelves[s];
    *x = sh->x;
    *y = sh->y;
    sh->x = (uint16_t)(sh->x + w);
    return true;
}

static bool shelf_open(atlas_page_t *p, int h, int w, int *x, int *y)
{
    int sh = (h + 3) & ~3; /* round shelf heights so near-equal glyphs share them */
    if (sh > ATLAS_PAGE_SIZE - p->bottom) {
        sh = ATLAS_PAGE_SIZE - p->bottom;
    }
    if (sh < h || p->nshelves == ATLAS_MAX_SHELVES) {
        return false;
    }
    p->shelves[p->nshelves++] = (atlas_shelf_t){.y = (uint16_t)p->bottom, .h = (uint16_t)sh, .x = 0};
    p->bottom += sh;
    return shelf_take(p, p->nshelves - 1, w, x, y);
}

/* Finds room for a w x h slot (padding included).  False when every page is full. */
static bool place(render_t *rd, int w, int h, int *page, int *x, int *y)
{
    atlas_t *a = &rd->atlas;
    int best_page = -1, best_shelf = -1, best_waste = 1 << 30, loose_page = -1, loose_shelf = -1;
    for (int p = 0; p < a->npages; p++) {
        for (int s = 0; s < a->pages[p].nshelves; s++) {
            const atlas_shelf_t *sh = &a->pages[p].shelves[s];
            if (sh->h < h || sh->x + w > ATLAS_PAGE_SIZE) {
                continue;
            }
            int waste = sh->h - h;
            if (waste <= h / 4 + 4 && waste < best_waste) {
                best_page = p, best_shelf = s, best_waste = waste;
            } else if (loose_page < 0) {
                loose_page = p, loose_shelf = s;
            }
        }
    }
    if (best_page >= 0) {
        *page = best_page;
        return shelf_take(&a->pages[best_page], best_shelf, w, x, y);
    }
    for (int p = 0; p < a->npages; p++) {
        if (shelf_open(&a->pages[p], h, w, x, y)) {
            *page = p;
            return true;
        }
    }
    if (loose_page >= 0) {
        *page = loose_page;
        return shelf_take(&a->pages[loose_page], loose_shelf, w, x, y);
    }
    if (page_add(rd) && shelf_open(&a->pages[a->npages - 1], h, w, x, y)) {
        *page = a->npages - 1;
        return true;
    }
    return false;
}

/* Every page full: draw what is queued (it refers to the current pages), then start the atlas over. */
static void atlas_reset(render_t *rd)
{
    atlas_t *a = &rd->atlas;
    render_flush(rd);
    for (int p = 0; p < a->npages; p++) {
        a->pages[p].nshelves = 0;
        a->pages[p].bottom = 0;
    }
    for (size_t i = 0; i < a->cap; i++) {
        a->glyphs[i].key = RENDER_KEY_EMPTY;
    }
    a->count = 0;
    a->ncolours = 1;
    a->resets++;
}

/* ---- rasterizing ------------------------------------------------------------------------------------------------- */

enum { PUT_OK, PUT_FULL, PUT_NOMEM };

/* Uploads the inked part of the ARGB8888 surface s (all of it when !crop) to a new slot and fills g's placement:
 * (dx, dy) are relative to surface pixel (sx0, sy0), which is the pen position on the line top.  A blank surface
 * leaves g->page at -1. */
static int upload(render_t *rd, SDL_Surface *s, int sx0, int sy0, bool crop, render_glyph_t *g)
{
    assert(s->format->format == SDL_PIXELFORMAT_ARGB8888);
    int x0 = 0, y0 = 0, x1 = s->w - 1, y1 = s->h - 1;
    if (crop) {
        x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
        for (int y = 0; y < s->h; y++) {
            const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
            for (int x = 0; x < s->w; x++) {
                if (row[x] >> 24) {
                    x0 = x < x0 ? x : x0;
                    x1 = x > x1 ? x : x1;
                    y0 = y < y0 ? y : y0;
                    y1 = y;
                }
            }
        }
    }
    g->page = -1;
    int w = x1 - x0 + 1, h = y1 - y0 + 1, page, x, y;
    if (w <= 0 || h <= 0 || w + ATLAS_PAD > ATLAS_PAGE_SIZE || h + ATLAS_PAD > ATLAS_PAGE_SIZE) {
        return PUT_OK; /* blank, or too big for a page (cannot happen within RENDER_MAX_PX): draw nothing */
    }
    if (!place(rd, w + ATLAS_PAD, h + ATLAS_PAD, &page, &x, &y)) {
        return PUT_FULL;
    }
    SDL_Rect dst = {x, y, w, h};
    const Uint8 *src = (const Uint8 *)s->pixels + (size_t)y0 * (size_t)s->pitch + (size_t)x0 * 4;
    if (SDL_UpdateTexture(rd->atlas.pages[page].tex, &dst, src, s->pitch) != 0) {
        return PUT_NOMEM;
    }
    *g = (render_glyph_t){.key = g->key,
                          .page = (int16_t)page,
                          .x = (uint16_t)x,
                          .y = (uint16_t)y,
                          .w = (uint16_t)w,
                          .h = (uint16_t)h,
                          .dx = (int16_t)(x0 - sx0),
                          .dy = (int16_t)(y0 - sy0)};
    return PUT_OK;
}

static double thread_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int raster_glyph_untimed(render_t *rd, int font, uint32_t cp, uint32_t rgb, render_glyph_t *g);

/* A glyph's rasterization and upload (and the face's size switch when its size changes), timed when asked. */
static int raster_glyph(render_t *rd, int font, uint32_t cp, uint32_t rgb, render_glyph_t *g)
{
    rd->atlas.rasterized++;
    if (!rd->atlas.timed)
        return raster_glyph_untimed(rd, font, cp, rgb, g);
    double t0 = thread_cpu_s();
    int rc = raster_glyph_untimed(rd, font, cp, rgb, g);
    rd->atlas.raster_s += thread_cpu_s() - t0;
    return rc;
}

static int raster_glyph_untimed(render_t *rd, int font, uint32_t cp, uint32_t rgb, render_glyph_t *g)
{
    TTF_Font *f = render_ttf(rd, font);
    SDL_Color fg = {(Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255};
    g->page = -1;
    SDL_Surface *s = f ? TTF_RenderGlyph32_Blended(f, cp, fg) : NULL;
    if (!s) {
        return PUT_OK; /* e.g. "Text has zero width": nothing to draw */
    }
    if (s->format->format != SDL_PIXELFORMAT_ARGB8888) {
        SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(s);
        if (!c) {
            return PUT_NOMEM;
        }
        s = c;
    }
    int minx = 0, maxy = 0, ascent = TTF_FontAscent(f);
    TTF_GlyphMetrics32(f, cp, &minx, NULL, NULL, &maxy, NULL);
    int rc = upload(rd, s, minx < 0 ? -minx : 0, maxy > ascent ? maxy - ascent : 0, true, g);
    SDL_FreeSurface(s);
    return rc;
}

/* Coverage of a pixel whose centre lies at distance d from the centre of a disc of radius r (a 1 px ramp). */
static float disc_cover(float d, float r)
{
    float c = r - d + 0.5f;
    return c < 0.0f ? 0.0f : c > 1.0f ? 1.0f : c;
}

/* A white disc (thickness 0) or ring of outer radius `radius`, 2r x 2r, kept whole so each quadrant is r x r. */
static int raster_round(render_t *rd, int radius, int thickness, render_glyph_t *g)
{
    int side = 2 * radius;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        return PUT_NOMEM;
    }
    float r = (float)radius, inner = (float)(radius - thickness);
    for (int y = 0; y < side; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < side; x++) {
            float dx = (float)x + 0.5f - r, dy = (float)y + 0.5f - r;
            float d = sqrtf(dx * dx + dy * dy);
            float cover = disc_cover(d, r) - (thickness > 0 ? disc_cover(d, inner) : 0.0f);
            row[x] = (Uint32)(cover * 255.0f + 0.5f) << 24 | 0xFFFFFFu;
        }
    }
    int rc = upload(rd, s, 0, 0, false, g);
    SDL_FreeSurface(s);
    return rc;
}

/* ---- lookups ----------------------------------------------------------------------------------------------------- */

/* The colour slot baked for c, adding it while slots remain; -1 when all are taken by other colours. */
static int colour_slot(atlas_t *a, SDL_Color c)
{
    uint32_t rgb = (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
    for (int i = 0; i < a->ncolours; i++) {
        if (a->colours[i] == rgb) {
            return i;
        }
    }
    if (a->ncolours == RENDER_COLOUR_SLOTS) {
        return -1;
    }
    a->colours[a->ncolours] = rgb;
    return a->ncolours++;
}

/* Looks key up, else rasterizes it with make(); on a full atlas resets once and asks the caller to retry (the key
 * may depend on colour slots, which the reset forgets).  Returns the entry, or NULL with *retry set or not. */
typedef int (*raster_fn)(render_t *rd, int a, uint32_t b, uint32_t c, render_glyph_t *g);

static const render_glyph_t *lookup(render_t *rd, uint32_t key, raster_fn make, int a, uint32_t b, uint32_t c,
                                    bool *retry)
{
    *retry = false;
    const render_glyph_t *hit = table_find(&rd->atlas, key);
    if (hit) {
        return hit;
    }
    render_glyph_t g = {.key = key, .page = -1};
    int rc = make(rd, a, b, c, &g);
    if (rc == PUT_FULL) {
        *retry = rd->atlas.count > 0; /* a reset only helps if something can be forgotten */
        if (*retry) {
            atlas_reset(rd);
        }
        return NULL;
    }
    if (rc == PUT_NOMEM) {
        return NULL;
    }
    return table_insert(&rd->atlas, &g);
}

static int make_round(render_t *rd, int radius, uint32_t thickness, uint32_t unused, render_glyph_t *g)
{
    (void)unused;
    return raster_round(rd, radius, (int)thickness, g);
}

const render_glyph_t *atlas_glyph(render_t *rd, int font, uint32_t cp, SDL_Color c, SDL_Color *vertex)
{
    assert(font >= 0 && font < rd->nfonts && cp <= 0x10FFFF);
    for (int attempt = 0; attempt < 2; attempt++) {
        atlas_t *a = &rd->atlas;
        int slot = colour_slot(a, c);
        *vertex = slot >= 0 ? (SDL_Color){255, 255, 255, c.a} : c;
        if (slot < 0) {
            slot = 0;
        }
        bool retry;
        const render_glyph_t *g = lookup(rd, render_key(ATLAS_KIND_GLYPH, (unsigned)font, (unsigned)slot, cp),
                                         raster_glyph, font, cp, a->colours[slot], &retry);
        if (g || !retry) {
            return g;
        }
    }
    return NULL;
}

const render_glyph_t *atlas_round(render_t *rd, int radius, int thickness)
{
    assert(radius > 0 && radius < 1024 && thickness >= 0 && thickness < 1024);
    uint32_t key = render_key(thickness > 0 ? ATLAS_KIND_RING : ATLAS_KIND_DISC, 0, 0,
                              (uint32_t)radius | (uint32_t)thickness << 10);
    for (int attempt = 0; attempt < 2; attempt++) {
        bool retry;
        const render_glyph_t *g = lookup(rd, key, make_round, radius, (uint32_t)thickness, 0, &retry);
        if (g || !retry) {
            return g;
        }
    }
    return NULL;
}

render_stats_t render_get_stats(const render_t *rd)
{
    return (render_stats_t){.atlas_pages = rd->atlas.npages,
                            .glyphs_cached = (int)rd->atlas.count,
                            .batch_capacity = rd->batch.cap_vertices,
                            .atlas_resets = rd->atlas.resets,
                            .glyphs_rasterized = rd->atlas.rasterized,
                            .raster_ms = rd->atlas.raster_s * 1000.0};
}

void render_time_rasterizing(render_t *rd, bool on)
{
    rd->atlas.timed = on;
}

void render_forget_glyphs(render_t *rd)
{
    int resets = rd->atlas.resets;
    atlas_reset(rd);
    rd->atlas.resets = resets; /* not the atlas filling up: the count shows that alone */
}
