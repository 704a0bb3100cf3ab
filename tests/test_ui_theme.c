/* test_ui_theme.c — the accessibility bar of docs/accessibility.md, checked on the theme itself:
 * contrast ≥ 7:1 (WCAG 2.1 AAA, 1.4.6) for every pair of text colour and background the screens use, sizes of the
 * reading ladder (40 / 60 / ≥ 72 px at 1080 wide, scaled with the screen), tap targets ≥ 96 px, and no text size
 * below 40 px at 1080 wide. */
#include "check.h"
#include "ui/ui_private.h"

#include <math.h>
#include <string.h>

static double channel(Uint8 c)
{
    double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

static double contrast(SDL_Color a, SDL_Color b)
{
    double x = luminance(a), y = luminance(b);
    return (fmax(x, y) + 0.05) / (fmin(x, y) + 0.05);
}

int main(void)
{
    ui_theme_t t;
    ui_theme_init(&t, 1080, 1920, 0, false);
    /* Text colour on background, as the screens draw them. */
    struct {
        const char *what;
        SDL_Color fg, bg;
    } pairs[] = {
        {"body on page", t.fg, t.bg},
        {"body on card", t.fg, t.card},
        {"secondary on page", t.muted, t.bg},
        {"secondary on card", t.muted, t.card},
        {"tails on tint", t.muted, t.tint},
        {"text on toolbar", t.fg, t.bar},
        {"chip text", t.fg, t.chip},
        {"header title", t.accent_fg, t.accent},
        {"primary button", t.accent_fg, t.accent},
        {"现行有效 badge", t.accent_fg, t.ok},
        {"已废止 badge", t.accent_fg, t.warn},
        {"已修改 badge", t.accent_fg, t.amended},
        {"search match", t.fg, t.mark},
        {"heading (accent) on page", t.accent, t.bg},
        {"secondary on toolbar", t.muted, t.bar},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double c = contrast(pairs[i].fg, pairs[i].bg);
        if (c < 7.0)
            fprintf(stderr, "%s: contrast %.2f:1 < 7:1\n", pairs[i].what, c);
        CHECK(c >= 7.0);
    }
    /* Reading sizes and targets at 1080 wide. */
    CHECK(t.body_px[0] >= 40);
    CHECK(t.body_px[2] >= 60); /* 长者模式 */
    CHECK(t.body_px[UI_SIZE_STEPS - 1] >= 72);
    CHECK(t.target >= 96);
    CHECK(t.ui_px >= 40 && t.small_px >= 40 && t.tile_px >= 40 && t.title_px >= 40);
    ui_theme_t elder;
    ui_theme_init(&elder, 1080, 1920, 2, true);
    CHECK(elder.ui_px > t.ui_px && elder.body_px[elder.size_step] >= 60);
    /* 长者模式 (issue 10 §4): targets ≥ 120 px, and its ladder never offers less than 60 px, even when asked */
    CHECK(elder.target >= 120);
    ui_theme_t elder0;
    ui_theme_init(&elder0, 1080, 1920, 0, true);
    CHECK(elder0.size_step == elder0.size_min && elder0.body_px[elder0.size_step] >= 60);
    CHECK(t.size_min == 0);
    /* every step has its name for the size control */
    for (int i = 0; i < UI_SIZE_STEPS; i++)
        CHECK(ui_size_name(i)[0] != 0);
    CHECK(!strcmp(ui_size_name(0), "标准") && !strcmp(ui_size_name(2), "特大"));
    /* Scaled with the screen: 1920×1080 is the same scale (short side 1080), 1280×800 smaller. */
    ui_theme_t land, small;
    ui_theme_init(&land, 1920, 1080, 0, false);
    ui_theme_init(&small, 1280, 800, 0, false);
    CHECK(land.body_px[0] == t.body_px[0]);
    CHECK(small.body_px[0] < t.body_px[0] && small.body_px[0] == (int)(40 * 800 / 1080.0 + 0.5));
    return check_summary("test_ui_theme");
}
