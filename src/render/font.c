/* font.c — the render_t lifetime, the font cache and the advance cache.
 *
 * A font handle is an index into a small array of (pixel size, weight) slots.  Behind them are just two TTF_Fonts,
 * one per weight, opened with TTF_OpenFontIndex so the TTC's Simplified Chinese face is chosen and resized on demand
 * (render_ttf); metrics and advances are cached per handle, so resizing happens only on a cache miss.  Handles stay
 * small
 * (< RENDER_MAX_FONTS) because they are packed into the cache keys.
 *
 * Layout asks for the advance of every code point of every paragraph, far more often than anything is drawn, so
 * advances are cached in their own open-addressing table keyed by (font, code point).  The table grows (doubling at
 * half load) only when a code point is seen for the first time; after warm-up a lookup is a hash and a probe or two.
 * Each entry also remembers whether the font lacks the code point, so drawing and measuring agree that it shows as
 * the replacement mark with the mark's advance.  The mark is U+FFFD when the font has it; Noto Sans CJK does not, and
 * rather than its .notdef box we then draw □ U+25A1, which Chinese typesetting uses for a character that cannot be
 * shown (缺字符号), so a reader sees a familiar convention and not a printing error.
 *
 * SDL_ttf's own init is reference-counted since 2.0.18, so each render_t calls TTF_Init once and TTF_Quit once. */
#include "render_private.h"
#include "zwgk/text.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADV_INITIAL_CAP 1024

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
}

render_t *render_create(SDL_Renderer *r, const char *font_regular, const char *font_bold, int face, char *err,
                        size_t errlen)
{
    assert(r && font_regular && font_bold);
    set_err(err, errlen, "%s", "");
    render_t *rd = calloc(1, sizeof *rd);
    if (!rd) {
        set_err(err, errlen, "out of memory");
        return NULL;
    }
    if (TTF_Init() != 0) {
        set_err(err, errlen, "cannot initialise SDL_ttf: %s", TTF_GetError());
        free(rd);
        return NULL;
    }
    rd->r = r;
#if !RENDER_GEOMETRY
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest"); /* before the first atlas page (render_texture_nearest) */
#endif
    rd->face = face;
    rd->font_path[0] = strdup(font_regular);
    rd->font_path[1] = strdup(font_bold);
    rd->adv_cap = ADV_INITIAL_CAP;
    rd->advances = malloc(rd->adv_cap * sizeof *rd->advances);
    if (!rd->font_path[0] || !rd->font_path[1] || !rd->advances || !atlas_init(rd)) {
        set_err(err, errlen, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < rd->adv_cap; i++) {
        rd->advances[i].key = RENDER_KEY_EMPTY;
    }
    /* Open both weights now so a missing or broken font file is reported here, not as blank text later. */
    if (render_font(rd, 40, false) < 0) {
        set_err(err, errlen, "cannot open font %s (face %d): %s", font_regular, face, TTF_GetError());
        goto fail;
    }
    if (render_font(rd, 40, true) < 0) {
        set_err(err, errlen, "cannot open font %s (face %d): %s", font_bold, face, TTF_GetError());
        goto fail;
    }
    return rd;

fail:
    render_destroy(rd);
    return NULL;
}

void render_destroy(render_t *rd)
{
    if (!rd) {
        return;
    }
    batch_free(&rd->batch);
    atlas_free(&rd->atlas);
    for (int w = 0; w < 2; w++) {
        if (rd->ttf[w]) {
            TTF_CloseFont(rd->ttf[w]);
        }
    }
    free(rd->advances);
    free(rd->font_path[0]);
    free(rd->font_path[1]);
    free(rd);
    TTF_Quit();
}

int render_font(render_t *rd, int px, bool bold)
{
    assert(rd);
    for (int i = 0; i < rd->nfonts; i++) {
        if (rd->fonts[i].px == px && rd->fonts[i].bold == bold) {
            return i;
        }
    }
    if (px <= 0 || px > RENDER_MAX_PX || rd->nfonts == RENDER_MAX_FONTS) {
        return -1;
    }
    int w = bold ? 1 : 0;
    if (!rd->ttf[w]) {
        rd->ttf[w] = TTF_OpenFontIndex(rd->font_path[w], px, rd->face);
        if (!rd->ttf[w]) {
            return -1;
        }
        TTF_SetFontKerning(rd->ttf[w], 0); /* layout places glyph by glyph with render_advance; no pair kerning */
        rd->ttf_px[w] = px;
    }
    render_font_slot_t *s = &rd->fonts[rd->nfonts];
    s->px = px;
    s->bold = bold;
    rd->nfonts++; /* render_ttf needs the slot */
    TTF_Font *f = render_ttf(rd, rd->nfonts - 1);
    rd->nfonts--;
    if (!f) {
        return -1;
    }
    s->height = TTF_FontHeight(f);
    s->ascent = TTF_FontAscent(f);
    s->replacement =
        TTF_GlyphIsProvided32(f, TEXT_REPLACEMENT) || !TTF_GlyphIsProvided32(f, 0x25A1) ? TEXT_REPLACEMENT : 0x25A1;
    return rd->nfonts++;
}

static const render_font_slot_t *slot(const render_t *rd, int font)
{
    assert(rd && font >= 0 && font < rd->nfonts);
    return &rd->fonts[font];
}

TTF_Font *render_ttf(render_t *rd, int font)
{
    const render_font_slot_t *s = slot(rd, font);
    int w = s->bold ? 1 : 0;
    if (rd->ttf_px[w] != s->px) {
        if (TTF_SetFontSize(rd->ttf[w], s->px) != 0) {
            return NULL;
        }
        rd->ttf_px[w] = s->px;
    }
    return rd->ttf[w];
}

int render_font_height(render_t *rd, int font)
{
    return slot(rd, font)->height;
}

int render_font_px(render_t *rd, int font)
{
    return slot(rd, font)->px;
}

int render_font_ascent(render_t *rd, int font)
{
    return slot(rd, font)->ascent;
}

bool render_cp_is_invisible(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
        return true;
    }
    if (cp < 0xAD) {
        return false;
    }
    return cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0xE0100 && cp <= 0xE01EF);
}

static bool advances_grow(render_t *rd)
{
    size_t cap = rd->adv_cap * 2;
    render_advance_entry_t *t = malloc(cap * sizeof *t);
    if (!t) {
        return false;
    }
    for (size_t i = 0; i < cap; i++) {
        t[i].key = RENDER_KEY_EMPTY;
    }
    for (size_t i = 0; i < rd->adv_cap; i++) {
        if (rd->advances[i].key != RENDER_KEY_EMPTY) {
            size_t j = render_hash(rd->advances[i].key, cap - 1);
            while (t[j].key != RENDER_KEY_EMPTY) {
                j = (j + 1) & (cap - 1);
            }
            t[j] = rd->advances[i];
        }
    }
    free(rd->advances);
    rd->advances = t;
    rd->adv_cap = cap;
    return true;
}

static int ttf_advance(TTF_Font *f, uint32_t cp)
{
    int adv = 0;
    if (TTF_GlyphMetrics32(f, cp, NULL, NULL, NULL, NULL, &adv) != 0) {
        return 0;
    }
    return adv;
}

int render_font_advance(render_t *rd, int font, uint32_t cp, bool *missing)
{
    const render_font_slot_t *s = slot(rd, font);
    assert(cp <= 0x10FFFF);
    uint32_t key = render_key(0, (unsigned)font, 0, cp);
    size_t mask = rd->adv_cap - 1;
    size_t i = render_hash(key, mask);
    while (rd->advances[i].key != RENDER_KEY_EMPTY) {
        if (rd->advances[i].key == key) {
            *missing = rd->advances[i].missing;
            return rd->advances[i].advance;
        }
        i = (i + 1) & mask;
    }
    /* First sight of cp in this font: ask FreeType, then remember. */
    TTF_Font *f = render_ttf(rd, font);
    bool lacks = !f || !TTF_GlyphIsProvided32(f, cp);
    int adv = f ? ttf_advance(f, lacks ? s->replacement : cp) : 0;
    *missing = lacks;
    if (2 * (rd->adv_count + 1) > rd->adv_cap) {
        if (!advances_grow(rd)) {
            return adv; /* out of memory: still correct, just not cached */
        }
        mask = rd->adv_cap - 1;
        i = render_hash(key, mask);
        while (rd->advances[i].key != RENDER_KEY_EMPTY) {
            i = (i + 1) & mask;
        }
    }
    rd->advances[i] = (render_advance_entry_t){.key = key, .advance = (int16_t)adv, .missing = lacks};
    rd->adv_count++;
    return adv;
}

int render_advance(render_t *rd, int font, uint32_t cp)
{
    if (cp > 0x10FFFF) {
        cp = TEXT_REPLACEMENT;
    }
    if (render_cp_is_invisible(cp)) {
        return 0;
    }
    bool missing;
    return render_font_advance(rd, font, cp, &missing);
}

int render_text_width(render_t *rd, int font, const char *s, size_t len)
{
    int w = 0;
    size_t i = 0;
    while (i < len) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        i += adv;
        w += render_advance(rd, font, cp);
    }
    return w;
}

bool render_has_glyph(render_t *rd, int font, uint32_t cp)
{
    TTF_Font *f = render_ttf(rd, font);
    return cp <= 0x10FFFF && f && TTF_GlyphIsProvided32(f, cp) != 0;
}

int render_measure_cb(void *ctx, uint32_t cp)
{
    const render_measure_t *m = ctx;
    return render_advance(m->rd, m->font, cp);
}
