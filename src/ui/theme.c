/* theme.c — sizes and colours, derived from the window so one design serves 1080×1920, 1920×1080 and 1280×800.
 *
 * Every size is a figure at 1080 px (the short side of the main portrait target) times scale = short side / 1080.
 * The figures are the project's accessibility bar (docs/accessibility.md): body text ≥ 40 px, 长者模式
 * ≥ 60 px, the largest step ≥ 72 px, tap targets ≥ 96 px, body contrast ≥ 7:1; no text anywhere is smaller than
 * 40 px — all at 1080 px, so at 1280×800 (scale 0.74) body text is 30 px and targets 83 px: the same share of the
 * screen, not the same millimetres (docs/accessibility.md).  Colours: near-black on warm white
 * (about 16:1), white on the header red (7.9:1), muted text #454545 (9:1); tests/test_ui_theme.c checks every pair. */
#include "ui_private.h"

static int px(float scale, int v)
{
    int r = (int)(v * scale + 0.5f);
    return r < 1 ? 1 : r;
}

const char *ui_size_name(int step)
{
    static const char *const names[UI_SIZE_STEPS] = {"标准", "大", "特大", "超大"};
    return step >= 0 && step < UI_SIZE_STEPS ? names[step] : "";
}

void ui_theme_init(ui_theme_t *t, int w, int h, int size_step, bool elder)
{
    float scale = (float)(w < h ? w : h) / 1080.0f;
    float big = elder ? 1.25f : 1.0f; /* 长者模式 enlarges every label, not only documents */
    static const int ladder[UI_SIZE_STEPS] = {40, 48, 60, 72};
    t->scale = scale;
    for (int i = 0; i < UI_SIZE_STEPS; i++)
        t->body_px[i] = px(scale, ladder[i]);
    /* 长者模式 reads at 60 px at least: its ladder starts at 特大 */
    t->size_min = elder ? UI_SIZE_ELDER_MIN : 0;
    t->size_step = size_step < t->size_min ? t->size_min : size_step >= UI_SIZE_STEPS ? UI_SIZE_STEPS - 1 : size_step;
    t->ui_px = px(scale * big, 40);
    t->title_px = px(scale * big, 52);
    t->small_px = px(scale * big, 40); /* secondary lines differ by colour, never below the 40 px bar */
    t->tile_px = px(scale * big, 46);
    t->margin = px(scale, 40);
    t->gap = px(scale, 20);
    t->header_h = px(scale, 160);
    t->footer_h = 0;
    /* above the 96 px bar (长者模式: the 120 px one), so borders and rounding never bring it under */
    t->target = px(scale, elder ? 136 : 112);
    t->bg = (SDL_Color){0xF7, 0xF5, 0xF0, 0xFF};
    t->fg = (SDL_Color){0x1A, 0x1A, 0x1A, 0xFF};
    t->muted = (SDL_Color){0x45, 0x45, 0x45, 0xFF};
    t->accent = (SDL_Color){0xA0, 0x18, 0x18, 0xFF}; /* 7.3:1 on the page, 7.9:1 under white */
    t->accent_fg = (SDL_Color){0xFF, 0xFF, 0xFF, 0xFF};
    t->card = (SDL_Color){0xFF, 0xFF, 0xFF, 0xFF};
    t->line = (SDL_Color){0xC9, 0xC3, 0xB8, 0xFF};
    t->warn = (SDL_Color){0x55, 0x55, 0x55, 0xFF}; /* 已废止: grey (7.5:1 under white), always with its words */
    t->ok = (SDL_Color){0x1E, 0x5E, 0x2E, 0xFF};   /* 现行有效: green, 7.8:1 with white */
    t->bar = (SDL_Color){0xEC, 0xE8, 0xE0, 0xFF};
    t->chip = (SDL_Color){0xE8, 0xE4, 0xDC, 0xFF};
    t->tint = (SDL_Color){0xEE, 0xEA, 0xE2, 0xFF};
    t->track = (SDL_Color){0xE4, 0xE0, 0xD8, 0xFF};
    t->mark = (SDL_Color){0xFF, 0xE3, 0x8A, 0xFF};
    t->amended = (SDL_Color){0x1F, 0x4E, 0x8C, 0xFF}; /* 8.4:1 under white */
}

SDL_Color ui_validity_color(const ui_theme_t *t, int validity)
{
    return validity == VALIDITY_CURRENT ? t->ok : validity == VALIDITY_AMENDED ? t->amended : t->warn;
}
