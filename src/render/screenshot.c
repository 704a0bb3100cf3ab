/* screenshot.c — the renderer's current target as a PNG, for `--script` screen tests and bug reports.
 *
 * Pixels are read as RGB24, so the file has no alpha channel: what a window shows is opaque, and an ARGB target's
 * alpha (the by-product of blending) would only make viewers show a checkerboard.  The size read is the viewport in
 * output pixels, which is the whole target because the kiosk sets no viewport or logical size. */
#include "zwgk/render.h"

#include <SDL_image.h>
#include <assert.h>

bool render_screenshot(SDL_Renderer *r, const char *png_path)
{
    assert(r && png_path);
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
    if (!s) {
        return false;
    }
    bool ok =
        SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) == 0 && IMG_SavePNG(s, png_path) == 0;
    SDL_FreeSurface(s);
    return ok;
}
