/* test_render.c — fonts, atlas, batching, QR codes and screenshots, drawn for real with SDL's software renderer on a
 * surface (headless: no window, no GPU).  Pixels are checked against SDL_ttf's own rendering, against boxes the text
 * must stay in, and QR codes are decoded back with zbarimg. */
#include "check.h"
#include "zwgk/render.h"
#include "zwgk/text.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static const SDL_Color BLACK = {0, 0, 0, 255}, WHITE = {255, 255, 255, 255};

typedef struct canvas {
    SDL_Surface *s;
    SDL_Renderer *r;
} canvas_t;

static canvas_t canvas_new(int w, int h)
{
    canvas_t c = {SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888), NULL};
    if (c.s) {
        c.r = SDL_CreateSoftwareRenderer(c.s);
    }
    if (!c.s || !c.r) {
        fprintf(stderr, "cannot create a software renderer: %s\n", SDL_GetError());
        exit(1);
    }
    return c;
}

static void canvas_free(canvas_t *c)
{
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->s);
}

static void canvas_clear(canvas_t *c, SDL_Color col)
{
    SDL_SetRenderDrawColor(c->r, col.r, col.g, col.b, 255);
    SDL_RenderClear(c->r);
}

static Uint32 px(const canvas_t *c, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)c->s->pixels + (size_t)y * (size_t)c->s->pitch))[x] & 0xFFFFFFu;
}

static bool dark(Uint32 p)
{
    return ((p >> 16 & 255) + (p >> 8 & 255) + (p & 255)) < 3 * 160;
}

/* Dark pixels inside and outside the box [x0, x1) x [y0, y1). */
static void count_dark(const canvas_t *c, int x0, int y0, int x1, int y1, int *in, int *out)
{
    *in = *out = 0;
    for (int y = 0; y < c->s->h; y++) {
        for (int x = 0; x < c->s->w; x++) {
            if (dark(px(c, x, y))) {
                *(x >= x0 && x < x1 && y >= y0 && y < y1 ? in : out) += 1;
            }
        }
    }
}

static int differing_pixels(const canvas_t *a, const canvas_t *b, int tolerance)
{
    int n = 0;
    for (int y = 0; y < a->s->h; y++) {
        for (int x = 0; x < a->s->w; x++) {
            Uint32 p = px(a, x, y), q = px(b, x, y);
            for (int sh = 0; sh < 24; sh += 8) {
                if (abs((int)(p >> sh & 255) - (int)(q >> sh & 255)) > tolerance) {
                    n++;
                    break;
                }
            }
        }
    }
    return n;
}

static render_t *open_render(canvas_t *c, int face)
{
    char err[256];
    render_t *rd = render_create(c->r, ZWGK_FONT_REGULAR, ZWGK_FONT_BOLD, face, err, sizeof err);
    if (!rd) {
        fprintf(stderr, "render_create: %s\n", err);
        exit(1);
    }
    return rd;
}

static void test_fonts(void)
{
    canvas_t c = canvas_new(64, 64);
    char err[256] = "";
    CHECK(render_create(c.r, "/nonexistent/font.ttc", ZWGK_FONT_BOLD, 2, err, sizeof err) == NULL);
    CHECK(strstr(err, "/nonexistent/font.ttc") != NULL);

    render_t *rd = open_render(&c, ZWGK_FONT_FACE);
    int f40 = render_font(rd, 40, false), b40 = render_font(rd, 40, true), f60 = render_font(rd, 60, false);
    CHECK(f40 >= 0 && b40 >= 0 && f60 >= 0 && f40 != b40 && f40 != f60);
    CHECK(render_font(rd, 40, false) == f40); /* cached */
    CHECK(render_font(rd, 0, false) == -1);
    CHECK(render_font(rd, 100000, false) == -1);
    int adv = render_advance(rd, f40, 0x4E2D); /* 中 */
    CHECK(adv >= 38 && adv <= 42);
    CHECK(render_advance(rd, f60, 0x4E2D) >= 58 && render_advance(rd, f60, 0x4E2D) <= 62);
    CHECK(render_font_height(rd, f40) >= 40 && render_font_ascent(rd, f40) > 30);
    CHECK(render_font_ascent(rd, f40) < render_font_height(rd, f40));
    CHECK(render_has_glyph(rd, f40, 0x653F));    /* 政 */
    CHECK(!render_has_glyph(rd, f40, 0x10FFFD)); /* private use, plane 16 */
    CHECK(render_advance(rd, f40, '\n') == 0);
    CHECK(render_advance(rd, f40, 0x200B) == 0); /* zero-width space */
    CHECK(render_advance(rd, f40, 0x10FFFD) == render_advance(rd, f40, TEXT_REPLACEMENT));
    CHECK(render_text_width(rd, f40, "中文", strlen("中文")) == 2 * adv);
    render_measure_t m = {rd, f40};
    CHECK(render_measure_cb(&m, 0x4E2D) == adv);
    render_destroy(rd);
    render_destroy(NULL);
    canvas_free(&c);
}

/* Simplified and Japanese forms of 骨 and 直 differ, so the SC face must really be the one selected. */
static void test_face_selection(void)
{
    const char *chars[] = {"骨", "直"};
    int differing = 0;
    for (int i = 0; i < 2; i++) {
        canvas_t sc = canvas_new(120, 140), jp = canvas_new(120, 140);
        render_t *rs = open_render(&sc, ZWGK_FONT_FACE), *rj = open_render(&jp, 0);
        canvas_clear(&sc, WHITE);
        canvas_clear(&jp, WHITE);
        render_text(rs, render_font(rs, 96, false), 10, 10, chars[i], strlen(chars[i]), BLACK);
        render_text(rj, render_font(rj, 96, false), 10, 10, chars[i], strlen(chars[i]), BLACK);
        render_flush(rs);
        render_flush(rj);
        int d = differing_pixels(&sc, &jp, 64);
        printf("  %s: %d pixels differ between face %d and face 0\n", chars[i], d, ZWGK_FONT_FACE);
        differing += d > 50;
        render_destroy(rs);
        render_destroy(rj);
        canvas_free(&sc);
        canvas_free(&jp);
    }
    CHECK(differing >= 1);
}

/* Text sits in its line box [x, x + width) x [y, y + height): descenders, tall Latin and punctuation included. */
static void test_text_box(void)
{
    const char *s = "政府信息公开 Ågjpq（2024）〔15号〕，。";
    int sizes[] = {40, 60, 72};
    for (int i = 0; i < 3; i++) {
        for (int bold = 0; bold < 2; bold++) {
            canvas_t c = canvas_new(1600, 200);
            render_t *rd = open_render(&c, ZWGK_FONT_FACE);
            int f = render_font(rd, sizes[i], bold);
            canvas_clear(&c, WHITE);
            int w = render_text(rd, f, 30, 40, s, strlen(s), BLACK);
            render_flush(rd);
            CHECK(w == render_text_width(rd, f, s, strlen(s)));
            int in, out;
            count_dark(&c, 30, 40, 30 + w, 40 + render_font_height(rd, f), &in, &out);
            CHECK(in > 500);
            CHECK(out == 0);
            if (out) {
                fprintf(stderr, "  %d px %s: %d dark pixels outside the line box\n", sizes[i], bold ? "bold" : "", out);
            }
            render_destroy(rd);
            canvas_free(&c);
        }
    }
}

/* The atlas path must put every glyph exactly where SDL_ttf itself draws the same line.  No two Latin letters touch in
 * the string: SDL_ttf shapes with HarfBuzz, which applies GPOS pair kerning (g then j moves 2 px) even with kerning
 * off, while render places glyph by glyph with the advances layout measured. */
static void test_matches_sdl_ttf(void)
{
    const char *s = "中国g，Å(y)国j中"; /* j has a negative left bearing */
    canvas_t mine = canvas_new(700, 140), ref = canvas_new(700, 140);
    render_t *rd = open_render(&mine, ZWGK_FONT_FACE);
    int f = render_font(rd, 60, false);
    canvas_clear(&mine, WHITE);
    render_text(rd, f, 20, 30, s, strlen(s), BLACK);
    render_flush(rd);

    TTF_Init();
    TTF_Font *font = TTF_OpenFontIndex(ZWGK_FONT_REGULAR, 60, ZWGK_FONT_FACE);
    CHECK(font != NULL);
    if (font) {
        TTF_SetFontKerning(font, 0);
        SDL_Surface *line = TTF_RenderUTF8_Blended(font, s, BLACK);
        SDL_FillRect(ref.s, NULL, 0xFFFFFFu);
        SDL_Rect at = {20, 30, 0, 0};
        SDL_SetSurfaceBlendMode(line, SDL_BLENDMODE_BLEND);
        SDL_BlitSurface(line, NULL, ref.s, &at);
        int d = differing_pixels(&mine, &ref, 2);
        if (d) {
            fprintf(stderr, "  %d pixels differ from SDL_ttf's rendering\n", d);
        }
        CHECK(d == 0);
        SDL_FreeSurface(line);
        TTF_CloseFont(font);
    }
    TTF_Quit();
    render_destroy(rd);
    canvas_free(&mine);
    canvas_free(&ref);
}

/* Invalid bytes draw as U+FFFD, missing glyphs as U+FFFD, control characters as nothing. */
static void test_replacement(void)
{
    canvas_t a = canvas_new(400, 100), b = canvas_new(400, 100);
    render_t *ra = open_render(&a, ZWGK_FONT_FACE), *rb = open_render(&b, ZWGK_FONT_FACE);
    int fa = render_font(ra, 40, false), fb = render_font(rb, 40, false);
    int rep = render_advance(ra, fa, TEXT_REPLACEMENT), zhong = render_advance(ra, fa, 0x4E2D);
    CHECK(rep > 0);

    const char bad[] = "\xff中\xe4\xb8";
    const char good[] = "\xef\xbf\xbd中\xef\xbf\xbd\xef\xbf\xbd";
    canvas_clear(&a, WHITE);
    canvas_clear(&b, WHITE);
    CHECK(render_text(ra, fa, 10, 10, bad, strlen(bad), BLACK) == 3 * rep + zhong);
    CHECK(render_text(rb, fb, 10, 10, good, strlen(good), BLACK) == 3 * rep + zhong);
    render_flush(ra);
    render_flush(rb);
    CHECK(differing_pixels(&a, &b, 0) == 0);

    const char missing[] = "\xf4\x8f\xbf\xbd"; /* U+10FFFD */
    canvas_clear(&a, WHITE);
    canvas_clear(&b, WHITE);
    render_text(ra, fa, 10, 10, missing, strlen(missing), BLACK);
    render_text(rb, fb, 10, 10, good, 3, BLACK);
    render_flush(ra);
    render_flush(rb);
    CHECK(differing_pixels(&a, &b, 0) == 0);

    if (!render_has_glyph(ra, fa, TEXT_REPLACEMENT)) { /* Noto Sans CJK: the mark is □ */
        canvas_clear(&a, WHITE);
        canvas_clear(&b, WHITE);
        render_text(ra, fa, 10, 10, missing, strlen(missing), BLACK);
        render_text(rb, fb, 10, 10, "□", strlen("□"), BLACK);
        render_flush(ra);
        render_flush(rb);
        CHECK(differing_pixels(&a, &b, 0) == 0);
    }

    canvas_clear(&a, WHITE);
    canvas_clear(&b, WHITE);
    CHECK(render_text(ra, fa, 10, 10, "a\tb\x01\n\x7f", 6, BLACK) == render_text_width(rb, fb, "ab", 2));
    render_text(rb, fb, 10, 10, "ab", 2, BLACK);
    render_flush(ra);
    render_flush(rb);
    CHECK(differing_pixels(&a, &b, 0) == 0);
    CHECK(render_text(ra, fa, 0, 0, NULL, 0, BLACK) == 0);
    render_flush(ra);
    render_destroy(ra);
    render_destroy(rb);
    canvas_free(&a);
    canvas_free(&b);
}

static void draw_frame(render_t *rd, int f)
{
    const char *lines[] = {"关于做好2024年城乡居民最低生活保障工作的通知", "各乡镇人民政府，县直有关单位：",
                           "为进一步规范最低生活保障（低保）审核确认工作，现将有关事项通知如下。"};
    render_fill_rect(rd, (SDL_Rect){0, 0, 1000, 300}, 0, (SDL_Color){250, 248, 240, 255});
    render_fill_rect(rd, (SDL_Rect){20, 220, 300, 60}, 16, (SDL_Color){180, 30, 30, 255});
    for (int i = 0; i < 3; i++) {
        render_text(rd, f, 20, 10 + 60 * i, lines[i], strlen(lines[i]), (SDL_Color){30, 30, 30, 255});
    }
    render_text(rd, f, 40, 230, "查看详情", strlen("查看详情"), WHITE);
    render_flush(rd);
}

/* Drawing what was drawn before rasterizes nothing and grows nothing. */
static void test_cache_and_capacity(void)
{
    canvas_t c = canvas_new(1000, 300);
    render_t *rd = open_render(&c, ZWGK_FONT_FACE);
    int f = render_font(rd, 40, false);
    draw_frame(rd, f);
    render_stats_t first = render_get_stats(rd);
    CHECK(first.atlas_pages == 1);
    CHECK(first.glyphs_cached > 40);
    CHECK(first.batch_capacity > 0);
    for (int i = 0; i < 5; i++) {
        draw_frame(rd, f);
    }
    render_stats_t later = render_get_stats(rd);
    CHECK(later.glyphs_cached == first.glyphs_cached);
    CHECK(later.batch_capacity == first.batch_capacity);
    CHECK(later.atlas_pages == first.atlas_pages);
    CHECK(later.atlas_resets == 0);
    render_destroy(rd);
    canvas_free(&c);
}

static bool is_rgb(Uint32 p, Uint8 r, Uint8 g, Uint8 b)
{
    return p == ((Uint32)r << 16 | (Uint32)g << 8 | b);
}

/* Commands draw in the order queued; clips apply to what follows; rounded corners leave the corner alone. */
static void test_order_clip_shapes(void)
{
    canvas_t c = canvas_new(400, 300);
    render_t *rd = open_render(&c, ZWGK_FONT_FACE);
    int f = render_font(rd, 72, true);
    canvas_clear(&c, WHITE);
    render_fill_rect(rd, (SDL_Rect){0, 0, 400, 100}, 0, (SDL_Color){255, 0, 0, 255});
    render_text(rd, f, 0, 0, "国国国", strlen("国国国"), BLACK);
    render_fill_rect(rd, (SDL_Rect){0, 0, 100, 100}, 0, (SDL_Color){0, 0, 255, 255});
    render_clip(rd, &(SDL_Rect){200, 150, 50, 50});
    render_fill_rect(rd, (SDL_Rect){0, 100, 400, 200}, 0, (SDL_Color){0, 255, 0, 255});
    render_clip(rd, NULL);
    render_flush(rd);
    int blue = 0, black = 0;
    for (int y = 0; y < 100; y++) {
        for (int x = 0; x < 100; x++) {
            blue += is_rgb(px(&c, x, y), 0, 0, 255);
        }
        for (int x = 100; x < 200; x++) {
            black += dark(px(&c, x, y)) && !is_rgb(px(&c, x, y), 255, 0, 0);
        }
    }
    CHECK(blue == 100 * 100); /* the later rectangle covers the text */
    CHECK(black > 300);       /* the text covers the earlier one */
    CHECK(is_rgb(px(&c, 210, 160), 0, 255, 0));
    CHECK(is_rgb(px(&c, 190, 160), 255, 255, 255));
    CHECK(is_rgb(px(&c, 210, 210), 255, 255, 255));

    canvas_clear(&c, WHITE);
    SDL_Color red = {200, 0, 0, 255};
    render_fill_rect(rd, (SDL_Rect){50, 50, 200, 100}, 20, red);
    render_stroke_rect(rd, (SDL_Rect){270, 50, 120, 100}, 16, 4, red);
    render_flush(rd);
    CHECK(is_rgb(px(&c, 50, 50), 255, 255, 255) && is_rgb(px(&c, 249, 149), 255, 255, 255));
    CHECK(is_rgb(px(&c, 249, 50), 255, 255, 255) && is_rgb(px(&c, 50, 149), 255, 255, 255));
    CHECK(is_rgb(px(&c, 150, 100), 200, 0, 0) && is_rgb(px(&c, 70, 50), 200, 0, 0));
    CHECK(is_rgb(px(&c, 50, 70), 200, 0, 0) && is_rgb(px(&c, 56, 56), 200, 0, 0));
    int rim = 0; /* anti-aliased pixels in the top-left corner */
    for (int y = 50; y < 70; y++) {
        for (int x = 50; x < 70; x++) {
            rim += !is_rgb(px(&c, x, y), 200, 0, 0) && !is_rgb(px(&c, x, y), 255, 255, 255);
        }
    }
    CHECK(rim >= 20);
    CHECK(is_rgb(px(&c, 330, 100), 255, 255, 255)); /* inside the outline */
    CHECK(is_rgb(px(&c, 330, 51), 200, 0, 0) && is_rgb(px(&c, 271, 100), 200, 0, 0));
    CHECK(is_rgb(px(&c, 270, 50), 255, 255, 255)); /* outside the rounded corner */
    render_destroy(rd);
    canvas_free(&c);
}

/* More glyphs in one frame than the whole atlas holds: it flushes, resets and still draws every glyph right. */
static void test_atlas_reset(void)
{
    const char *s = "一二三四五六七八九十百千万亿上下左右东西南北春夏秋冬金木水火土日月星山川河海天地人";
    canvas_t one = canvas_new(2400, 3600), each = canvas_new(2400, 3600);
    render_t *r1 = open_render(&one, ZWGK_FONT_FACE), *r2 = open_render(&each, ZWGK_FONT_FACE);
    int f1 = render_font(r1, 400, false), f2 = render_font(r2, 400, false);
    CHECK(f1 >= 0 && f2 >= 0);
    canvas_clear(&one, WHITE);
    canvas_clear(&each, WHITE);
    size_t i = 0;
    for (int k = 0; i < strlen(s) && k < 36; k++) {
        size_t n;
        utf8_decode(s + i, strlen(s) - i, &n);
        int x = (k % 6) * 400, y = (k / 6) * 600;
        render_text(r1, f1, x, y, s + i, n, BLACK);
        render_text(r2, f2, x, y, s + i, n, BLACK);
        render_flush(r2);
        i += n;
    }
    render_flush(r1);
    render_stats_t st = render_get_stats(r1);
    printf("  400 px: %d pages, %d resets\n", st.atlas_pages, st.atlas_resets);
    CHECK(st.atlas_resets >= 1);
    CHECK(st.atlas_pages <= 8);
    CHECK(differing_pixels(&one, &each, 0) == 0);
    render_destroy(r1);
    render_destroy(r2);
    canvas_free(&one);
    canvas_free(&each);
}

/* Runs zbarimg on png; returns what it read (malloc'd, final newline removed) or NULL when it is missing.  binary asks
 * for the symbol's bytes as they are: by default zbar guesses a byte-mode symbol's charset and reads the UTF-8 of 中
 * (E4 B8 AD) as Shift-JIS. */
static char *zbar_decode(const char *png, bool binary)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q %s '%s' 2>/dev/null", binary ? "-Sbinary" : "", png);
    FILE *p = popen(cmd, "r");
    if (!p) {
        return NULL;
    }
    char *out = calloc(1, 4096);
    size_t n = out ? fread(out, 1, 4095, p) : 0;
    int st = pclose(p);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 127) {
        fprintf(stderr, "zbarimg is not installed (Debian: apt install zbar-tools); cannot check QR codes\n");
        free(out);
        return NULL;
    }
    while (out && n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r')) {
        out[--n] = '\0';
    }
    return out;
}

static void test_qr_and_screenshot(void)
{
    const char *url = "https://zwfw.xinfeng.example/bs/guide-dibao?x=1&y=中";
    canvas_t c = canvas_new(520, 520);
    render_t *rd = open_render(&c, ZWGK_FONT_FACE);
    int side = 0;
    SDL_Texture *t = render_qr_texture(rd, url, 440, &side);
    CHECK(t != NULL);
    QRcode *q = QRcode_encodeData((int)strlen(url), (const unsigned char *)url, 0, QR_ECLEVEL_M);
    CHECK(q != NULL);
    if (!t || !q) {
        goto done;
    }
    int modules = q->width + 8, scale = 440 / modules;
    CHECK(side == scale * modules && scale >= 2);
    int tw, th;
    SDL_QueryTexture(t, NULL, NULL, &tw, &th);
    CHECK(tw == side && th == side);

    canvas_clear(&c, (SDL_Color){120, 160, 200, 255});
    render_texture(rd, t, (SDL_Rect){40, 40, side, side});
    render_flush(rd);
    int other = 0, wrong = 0;
    for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
            Uint32 p = px(&c, 40 + x, 40 + y);
            other += p != 0 && p != 0xFFFFFF;
            int mx = x / scale - 4, my = y / scale - 4;
            bool want = mx >= 0 && my >= 0 && mx < q->width && my < q->width && (q->data[my * q->width + mx] & 1);
            wrong += (p == 0) != want;
        }
    }
    CHECK(other == 0); /* pure black and white: no blending, no smoothing */
    CHECK(wrong == 0); /* every module an integer square where libqrencode put it */

    const char *png = "/tmp/zwgk-test-render-qr.png";
    CHECK(render_screenshot(c.r, png));
    char *decoded = zbar_decode(png, true);
    CHECK(decoded != NULL);
    if (decoded) {
        CHECK_STR(decoded, url);
    }
    free(decoded);

    SDL_Surface *back = IMG_Load(png);
    CHECK(back != NULL);
    if (back) {
        CHECK(back->w == 520 && back->h == 520);
        SDL_Surface *rgb = SDL_ConvertSurfaceFormat(back, SDL_PIXELFORMAT_RGB888, 0);
        CHECK(rgb && (((Uint32 *)rgb->pixels)[0] & 0xFFFFFF) == 0x78A0C8);
        SDL_FreeSurface(rgb);
        SDL_FreeSurface(back);
    }
    remove(png);
    CHECK(render_qr_texture(rd, url, 60, &side) == NULL); /* < 2 px per module */
    CHECK(!render_screenshot(c.r, "/nonexistent-dir/x.png"));
done:
    QRcode_free(q);
    if (t) {
        SDL_DestroyTexture(t);
    }
    render_destroy(rd);
    canvas_free(&c);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    test_fonts();
    test_face_selection();
    test_text_box();
    test_matches_sdl_ttf();
    test_replacement();
    test_cache_and_capacity();
    test_order_clip_shapes();
    test_atlas_reset();
    test_qr_and_screenshot();
    SDL_Quit();
    return check_summary("test_render");
}
