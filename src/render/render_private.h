/* render_private.h — what font.c, atlas.c, batch.c, qr.c and screenshot.c share: the render_t struct and the calls
 * between the files.  Nothing outside src/render includes it.
 *
 * One render_t holds three caches, each filled during warm-up and then only read:
 *   - fonts:    an array of TTF_Font* indexed by the handle render_font() returns (font.c);
 *   - advances: an open-addressing table (font, code point) -> advance and "font lacks it" (font.c);
 *   - atlas:    an open-addressing table (kind, font, colour slot, code point) -> where the glyph sits in one of a few
 *               texture pages (atlas.c).
 * and one queue of draw commands with its vertex and index arrays (batch.c).  All tables use 32-bit keys, linear
 * probing and power-of-two capacities that double at half load; a key of RENDER_KEY_EMPTY marks a free slot.
 *
 * Colour slots: the software renderer blits a quad 4x faster when it does not modulate colour (SDL then picks its
 * per-pixel-alpha blitter, which skips transparent and copies opaque pixels, instead of the generic modulating one:
 * 2.3 ms against 9.3 ms for a screen of 60 px text, measured).  So the atlas rasterizes glyphs already in the text's
 * colour for up to RENDER_COLOUR_SLOTS colours and draws them with white vertices.  A colour that finds every slot
 * taken (an animation, a rarely used shade) still draws correctly: from the white slot 0 with the colour on the
 * vertices.  GPU renderers do not care either way. */
#ifndef ZWGK_RENDER_PRIVATE_H
#define ZWGK_RENDER_PRIVATE_H

#include "zwgk/render.h"

#include <SDL_ttf.h>

#define RENDER_MAX_FONTS    32  /* handles 0..31: fits 5 key bits */
#define RENDER_MAX_PX       480 /* a glyph must fit an atlas page */
#define RENDER_COLOUR_SLOTS 8   /* slot 0 is white; fits 3 key bits */
#define RENDER_KEY_EMPTY    0xFFFFFFFFu

/* SDL 2.0.18's SDL_RenderGeometry draws a page's glyph quads in one call.  Older SDL2 (麒麟 V10 ships 2.0.10), or a
 * build with -DZWGK_FORCE_SDL_FALLBACK=ON (how the path is tested on a newer SDL), draws the same queue quad by quad
 * with SDL_RenderCopy and the quad's colour as the texture's colour and alpha modulation: what SDL's software
 * renderer turns a geometry quad into anyway, so the pixels are the same (.ci/sdl_fallback.sh compares them). */
#if defined(ZWGK_SDL_FALLBACK) || !SDL_VERSION_ATLEAST(2, 0, 18)
#define RENDER_GEOMETRY 0
#else
#define RENDER_GEOMETRY 1
#endif

#define ATLAS_PAGE_SIZE   1024 /* power of two, so texture coordinates x / 1024.0f are exact floats */
#define ATLAS_MAX_PAGES   8
#define ATLAS_MAX_SHELVES 256 /* shelves are at least 4 px high */

/* Atlas key layout: kind(3) | font(5) | colour slot(3) | code point(21).  For the anti-aliased discs and rings that
 * round rectangle corners, the code point bits hold radius | thickness << 10 and font and slot are 0. */
enum { ATLAS_KIND_GLYPH = 0, ATLAS_KIND_DISC = 1, ATLAS_KIND_RING = 2 };
_Static_assert(RENDER_MAX_FONTS <= 32 && RENDER_COLOUR_SLOTS <= 8, "font handle and colour slot must fit the key");

static inline uint32_t render_key(unsigned kind, unsigned font, unsigned slot, uint32_t cp)
{
    return (uint32_t)kind << 29 | (uint32_t)font << 24 | (uint32_t)slot << 21 | (cp & 0x1FFFFFu);
}

/* Fibonacci hashing: the top bits of key * 2^32/phi, then reduced to the table's power-of-two mask. */
static inline size_t render_hash(uint32_t key, size_t mask)
{
    return (size_t)((key * 2654435769u) >> 7) & mask;
}

/* ---- fonts (font.c) ---------------------------------------------------------------------------------------------- */

typedef struct render_font_slot {
    int px;
    bool bold;
    int height, ascent;
    uint32_t replacement; /* drawn for what the font lacks: U+FFFD, else U+25A1 □ (Noto Sans CJK has no U+FFFD) */
} render_font_slot_t;

typedef struct render_advance_entry {
    uint32_t key;    /* render_key(0, font, 0, cp) or RENDER_KEY_EMPTY */
    int16_t advance; /* what render_text moves the pen by */
    bool missing;    /* the font lacks cp: draw the font's replacement in its place */
} render_advance_entry_t;

/* True for code points that take no space and draw nothing: C0/C1 controls, DEL, and the invisible format characters
 * a document may carry (soft hyphen, zero-width space/joiners, direction marks, word joiner, BOM, variation selectors
 * — the last matter for ideographic variation sequences in personal names). */
bool render_cp_is_invisible(uint32_t cp);

/* The weight's TTF_Font set to font's size, ready for SDL_ttf calls.  Valid until the next render_ttf call. */
TTF_Font *render_ttf(render_t *rd, int font);

/* Looks cp up in (or adds it to) the advance table.  *missing tells whether the font's replacement must be drawn
 * instead (the advance returned is then the replacement's).
 * font must be a valid handle; cp <= 0x10FFFF. */
int render_font_advance(render_t *rd, int font, uint32_t cp, bool *missing);

/* ---- atlas (atlas.c) --------------------------------------------------------------------------------------------- */

typedef struct render_glyph {
    uint32_t key;
    int16_t page;  /* -1: nothing to draw (a space, or rasterizing failed) */
    uint16_t x, y; /* source rectangle in the page */
    uint16_t w, h;
    int16_t dx, dy; /* where the source rectangle goes relative to (pen x, line top) */
} render_glyph_t;

typedef struct atlas_shelf {
    uint16_t y, h, x; /* x: first free column */
} atlas_shelf_t;

typedef struct atlas_page {
    SDL_Texture *tex;
    atlas_shelf_t shelves[ATLAS_MAX_SHELVES];
    int nshelves;
    int bottom; /* first row no shelf uses */
} atlas_page_t;

typedef struct atlas {
    atlas_page_t pages[ATLAS_MAX_PAGES];
    int npages;
    render_glyph_t *glyphs; /* open addressing, cap a power of two */
    size_t cap, count;
    uint32_t colours[RENDER_COLOUR_SLOTS]; /* 0xRRGGBB; [0] is always white */
    int ncolours;
    int resets;
    long rasterized; /* glyphs rasterized since the start (benchmarks: render_get_stats) */
    bool timed;      /* render_time_rasterizing: raster_s sums the thread CPU time of each rasterization */
    double raster_s;
} atlas_t;

bool atlas_init(render_t *rd);
void atlas_free(atlas_t *a);

/* The atlas entry for cp (already substituted: never missing, never invisible) in font, rasterizing it in colour c
 * on first use.  *vertex gets the colour to put on the quad's vertices (white when the glyph was baked in c's colour,
 * else c).  May flush the queue and reset the atlas when every page is full.  NULL only when out of memory. */
const render_glyph_t *atlas_glyph(render_t *rd, int font, uint32_t cp, SDL_Color c, SDL_Color *vertex);

/* A white anti-aliased disc of the given radius (thickness 0) or ring (thickness > 0): a (2r)x(2r) image whose
 * quadrants are the four corners of a rounded rectangle.  NULL when out of memory or too big for a page. */
const render_glyph_t *atlas_round(render_t *rd, int radius, int thickness);

SDL_Texture *atlas_page_texture(const render_t *rd, int page);

/* ---- the draw queue (batch.c) ------------------------------------------------------------------------------------ */

enum { BATCH_GEOMETRY, BATCH_FILL, BATCH_TEXTURE, BATCH_CLIP };

typedef struct batch_cmd {
    int kind;
    SDL_Texture *tex;          /* GEOMETRY: the atlas page; TEXTURE: the caller's texture */
    int first_vertex, nvertex; /* GEOMETRY: indices are relative to first_vertex */
    int first_index, nindex;
    SDL_Rect rect;    /* FILL, TEXTURE: destination; CLIP: the clip */
    SDL_Color colour; /* FILL */
    bool clip_on;     /* CLIP */
} batch_cmd_t;

#if RENDER_GEOMETRY
typedef SDL_Vertex batch_vertex_t;
#else
typedef struct batch_vertex { /* SDL_Vertex's fields (SDL_FPoint is 2.0.10) */
    struct {
        float x, y;
    } position;
    SDL_Color color;
    struct {
        float x, y;
    } tex_coord;
} batch_vertex_t;
#endif

/* Nearest-neighbour sampling for an atlas page or a QR code.  SDL_SetTextureScaleMode is 2.0.12; before it a texture
 * takes its mode from SDL_HINT_RENDER_SCALE_QUALITY when it is created, and render_create sets that hint to
 * "nearest" on the fallback path. */
static inline void render_texture_nearest(SDL_Texture *t)
{
#if RENDER_GEOMETRY
    SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);
#else
    (void)t;
#endif
}

typedef struct batch {
    batch_vertex_t *vertices;
    size_t nvertices, cap_vertices;
    int *indices;
    size_t nindices, cap_indices;
    batch_cmd_t *cmds;
    size_t ncmds, cap_cmds;
} batch_t;

void batch_free(batch_t *b);

/* Queues one textured quad: dst (x, y, w, h) from src (sx, sy, w, h) of an atlas page, 1:1. */
void batch_quad(render_t *rd, SDL_Texture *page, int x, int y, int sx, int sy, int w, int h, SDL_Color c);

/* ---- the whole -------------------------------------------------------------------------------------------------- */

struct render {
    SDL_Renderer *r;
    char *font_path[2]; /* regular, bold */
    int face;
    render_font_slot_t fonts[RENDER_MAX_FONTS];
    int nfonts;
    /* One FreeType face per weight, shared by every size: each TTF_Font is a face that parses the 20 MB CJK font's
     * tables, so a face per (size, weight) cost about 4 MiB each and ~30 MiB after a few size changes.  ttf_px is
     * the size each face is set to now; render_ttf() switches it (TTF_SetFontSize) when a handle of another size
     * is used, which happens only when a glyph or advance is not cached yet. */
    TTF_Font *ttf[2];
    int ttf_px[2];
    render_advance_entry_t *advances; /* open addressing, cap a power of two */
    size_t adv_cap, adv_count;
    atlas_t atlas;
    batch_t batch;
};

#endif
