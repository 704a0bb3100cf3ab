/* qr.c — QR codes for "scan to continue on your phone" links.
 *
 * libqrencode encodes the URL's bytes in 8-bit mode (no ECI: scanners read UTF-8 bytes such as a Chinese query
 * parameter as UTF-8), smallest version that fits, error correction M.  The pixels are built here rather than scaled
 * by the renderer: every module is an integer square of the largest size that fits max_px with the 4-module quiet zone
 * the standard asks for, so edges stay sharp on any renderer; the texture is opaque and sampled nearest in case a
 * caller scales it anyway.  A module smaller than 2 px would not scan reliably from a kiosk screen, so that is NULL. */
#include "render_private.h"

#include <assert.h>
#include <qrencode.h>
#include <string.h>

#define QR_QUIET_MODULES 4
#define QR_MIN_MODULE_PX 2

SDL_Texture *render_qr_texture(render_t *rd, const char *url, int max_px, int *size_px)
{
    assert(rd && url);
    QRcode *q = QRcode_encodeData((int)strlen(url), (const unsigned char *)url, 0, QR_ECLEVEL_M);
    if (!q) {
        SDL_SetError("QR: cannot encode %zu bytes", strlen(url));
        return NULL;
    }
    SDL_Texture *t = NULL;
    SDL_Surface *s = NULL;
    int modules = q->width + 2 * QR_QUIET_MODULES;
    int scale = max_px > 0 ? max_px / modules : 0;
    if (scale < QR_MIN_MODULE_PX) {
        SDL_SetError("QR: %d modules do not fit %d px at %d px per module", modules, max_px, QR_MIN_MODULE_PX);
        goto done;
    }
    int side = modules * scale;
    s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        goto done;
    }
    SDL_FillRect(s, NULL, 0xFFFFFFFFu);
    for (int my = 0; my < q->width; my++) {
        for (int mx = 0; mx < q->width; mx++) {
            if (q->data[my * q->width + mx] & 1) { /* bit 0: dark module */
                SDL_Rect m = {(mx + QR_QUIET_MODULES) * scale, (my + QR_QUIET_MODULES) * scale, scale, scale};
                SDL_FillRect(s, &m, 0xFF000000u);
            }
        }
    }
    t = SDL_CreateTextureFromSurface(rd->r, s);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
        render_texture_nearest(t);
        if (size_px) {
            *size_px = side;
        }
    }
done:
    SDL_FreeSurface(s);
    QRcode_free(q);
    return t;
}
