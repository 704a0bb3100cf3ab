/* render.h — the SDL side of drawing: fonts, a glyph atlas, batched text, rectangles, QR textures, screenshots.
 *
 * SDL2_ttf's own glyph cache has 256 slots and thrashes on Chinese, and its *_Wrapped functions know no Chinese
 * line-breaking rules, so body text never goes through them.  Instead each glyph is rasterized once (TTF_RenderGlyph32)
 * into a texture atlas page and text is drawn as textured quads, batched per page with SDL_RenderGeometry.  Layout
 * (where lines break) is the text module's job; render only measures code points and draws runs.
 *
 * Ownership: render_t borrows the SDL_Renderer (the caller destroys it after render_destroy).  QR textures belong to
 * the caller (SDL_DestroyTexture).  After warm-up (every glyph of a screen seen once) drawing allocates nothing. */
#ifndef ZWGK_RENDER_H
#define ZWGK_RENDER_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct render render_t;

/* Opens the regular and bold fonts (face index `face` of a TTC: 2 is Simplified Chinese in Debian's Noto Sans CJK).
 * Returns NULL with a reason in err when a font cannot be opened. */
render_t *render_create(SDL_Renderer *r, const char *font_regular, const char *font_bold, int face, char *err,
                        size_t errlen);
void render_destroy(render_t *rd); /* accepts NULL */

/* A font handle for a pixel size (the em size: px is passed to TTF_OpenFontIndex as the point size at 72 dpi, so a
 * CJK ideograph advances px) and weight.  Opened on first use and kept; returns -1 when it cannot be opened, when px is
 * outside 1..480 (a glyph must fit an atlas page) or when 32 handles are already open. */
int render_font(render_t *rd, int px, bool bold);

int render_font_height(render_t *rd, int font); /* recommended line height without extra spacing */
int render_font_ascent(render_t *rd, int font);
int render_font_px(render_t *rd, int font); /* the pixel size the handle was opened at */
/* Cached per (font, cp).  0 for control characters and invisible format characters (soft hyphen, zero-width space
 * and joiners, direction marks, BOM, variation selectors); a code point the font lacks measures as its replacement. */
int render_advance(render_t *rd, int font, uint32_t cp);
int render_text_width(render_t *rd, int font, const char *s, size_t len);
bool render_has_glyph(render_t *rd, int font, uint32_t cp);

/* A text_measure_fn adapter: ctx points at a render_measure_t. */
typedef struct render_measure {
    render_t *rd;
    int font;
} render_measure_t;
int render_measure_cb(void *ctx, uint32_t cp);

/* Queues s[0..len) (UTF-8; invalid bytes draw as U+FFFD) with its top-left at (x, y), in colour c: the baseline is
 * at y + render_font_ascent.  Glyphs the font lacks draw as U+FFFD, or as □ U+25A1 when the font has no U+FFFD (Noto
 * Sans CJK has none); control and invisible format characters draw nothing.  Glyphs are placed one by one with
 * render_advance, without pair kerning, so the width always equals render_text_width.  Returns that width. */
int render_text(render_t *rd, int font, int x, int y, const char *s, size_t len, SDL_Color c);

/* Queues s[0..len) with the origin of its k-th code point at (x + xs[k], y): text the text module has set
 * (text_set_paragraph: justified, punctuation compressed).  xs has one entry per code point (as utf8_decode walks
 * s).  Spaces and invisible characters draw nothing; what the font lacks draws as in render_text. */
void render_text_placed(render_t *rd, int font, int x, int y, const char *s, size_t len, const int16_t *xs,
                        SDL_Color c);

/* Filled and outlined rectangles, rounded corners (radius 0 = square; clamped to half the shorter side; corners are
 * anti-aliased).  Queued in order with text.  Straight parts are SDL_RenderFillRect (blending off when opaque). */
void render_fill_rect(render_t *rd, SDL_Rect r, int radius, SDL_Color c);
void render_stroke_rect(render_t *rd, SDL_Rect r, int radius, int thickness, SDL_Color c);

/* Draws a texture (e.g. a QR code) at dst, in order with the queued text and rectangles. */
void render_texture(render_t *rd, SDL_Texture *t, SDL_Rect dst);

/* Clip rectangle for what follows (NULL = none), in order with the queue.  It is the renderer's clip, so it stays in
 * force after render_flush until the next render_clip. */
void render_clip(render_t *rd, const SDL_Rect *clip);

/* Draws everything queued, in order, and empties the queue (keeping its buffers). */
void render_flush(render_t *rd);

/* Encodes url byte for byte (libqrencode, 8-bit mode, error correction M, 4-module quiet zone) into a texture whose
 * module size is the largest integer that fits in max_px (dark modules #000, light #FFF, nearest-neighbour scaling).
 * *size_px gets the texture's side.  NULL when the URL cannot be encoded (too long) or out of memory. */
SDL_Texture *render_qr_texture(render_t *rd, const char *url, int max_px, int *size_px);

/* The zlib level of render_screenshot, `--script`'s shot and `zwgk-admin preview`: with no PNG filtering, a
 * 1080×1920 screen in about a quarter of the time of libpng's defaults (21 against 85 ms, 207 against 188 KB;
 * BENCHMARKS.md), which were half of a start → document → screenshot run. */
#define RENDER_PNG_FAST 1

/* Saves the renderer's current target as a PNG (libpng, zlib level RENDER_PNG_FAST, no filtering).  Returns false
 * with SDL_GetError() set on failure (and no file left behind). */
bool render_screenshot(SDL_Renderer *r, const char *png_path);
/* The same with zlib level 0–9 and no PNG filtering (`zwgk-admin review` uses 1), or -1 for libpng's default level
 * and adaptive filters (smallest files, four times slower). */
bool render_screenshot_level(SDL_Renderer *r, const char *png_path, int level);

/* Glyph atlas statistics, for benchmarks and the allocation test. */
typedef struct render_stats {
    int atlas_pages, glyphs_cached;
    size_t batch_capacity;  /* vertices the batch buffers can hold without growing */
    int atlas_resets;       /* times every page was full and the atlas started over (see atlas.c) */
    long glyphs_rasterized; /* glyphs rasterized into the atlas since render_create */
    double raster_ms;       /* their thread CPU time, counted while render_time_rasterizing is on */
} render_stats_t;
render_stats_t render_get_stats(const render_t *rd);
/* Benchmarks: time every glyph rasterization (a clock read per atlas miss, none per hit). */
void render_time_rasterizing(render_t *rd, bool on);
/* Benchmarks: empties the glyph atlas, so the next frame rasterizes every glyph it shows (a cold atlas). */
void render_forget_glyphs(render_t *rd);

#endif
