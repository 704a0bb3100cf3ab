/* screenshot.c — the renderer's current target as a PNG, for `--script` screen tests, `preview` and the review report.
 *
 * Pixels are read as RGB24, so the file has no alpha channel: what a window shows is opaque, and an ARGB target's
 * alpha (the by-product of blending) would only make viewers show a checkerboard.  The size read is the viewport in
 * output pixels, which is the whole target because the kiosk sets no viewport or logical size.
 *
 * Written with libpng directly (not SDL2_image's IMG_SavePNG) for one reason: the compression effort.  IMG_SavePNG
 * always uses zlib's default level and libpng's adaptive filter choice, which together take some 70 % of the time of
 * a page of `zwgk-admin review` (perf, 1080×1920); a report of a county's documents renders hundreds of pages.  Level
 * 1 without filtering writes such a page several times faster, and a screen of flat colour and text even comes out
 * smaller (the demo's 133 pages: 32 MB against 39 MB with the "up" filter and 37 MB at the defaults): its rows repeat
 * whole, which deflate finds as long matches when no filter has turned them into differences.  The script's `shot`
 * and `preview` use the same fast setting (RENDER_PNG_FAST): at libpng's defaults the PNG took half of a start →
 * document → screenshot run (issue 10, Figures). */
#include "zwgk/render.h"

#include <assert.h>
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes the w×h RGB24 rows (pitch bytes apart) to path.  level: 0–9, or -1 for libpng's defaults. */
static bool write_png(const char *path, const unsigned char *pixels, int w, int h, int pitch, int level)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        SDL_SetError("cannot create %s: %s", path, strerror(errno));
        return false;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep *rows = malloc((size_t)h * sizeof *rows);
    /* volatile: read after a longjmp from libpng */
    volatile bool ok = false;
    if (!png || !info || !rows) {
        SDL_SetError("screenshot: out of memory");
        goto done;
    }
    if (setjmp(png_jmpbuf(png))) {
        SDL_SetError("cannot write %s (disk full?)", path);
        goto done;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (level >= 0) {
        png_set_compression_level(png, level);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    }
    for (int y = 0; y < h; y++)
        rows[y] = (png_bytep)(pixels + (size_t)y * (size_t)pitch);
    png_set_rows(png, info, rows);
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    ok = true;
done:
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    free(rows);
    if (fclose(f) != 0 && ok) {
        SDL_SetError("cannot write %s: %s", path, strerror(errno));
        ok = false;
    }
    if (!ok)
        remove(path);
    return ok;
}

bool render_screenshot_level(SDL_Renderer *r, const char *png_path, int level)
{
    assert(r && png_path && level >= -1 && level <= 9);
    SDL_Rect vp;
    float sx = 1.0f, sy = 1.0f;
    SDL_RenderGetViewport(r, &vp);
    SDL_RenderGetScale(r, &sx, &sy);
    int w = (int)((float)vp.w * sx), h = (int)((float)vp.h * sy);
    if (w <= 0 || h <= 0) {
        SDL_SetError("screenshot: empty render target");
        return false;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (!s)
        return false;
    bool ok = SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) == 0 &&
              write_png(png_path, s->pixels, w, h, s->pitch, level);
    SDL_FreeSurface(s);
    return ok;
}

bool render_screenshot(SDL_Renderer *r, const char *png_path)
{
    return render_screenshot_level(r, png_path, RENDER_PNG_FAST);
}
