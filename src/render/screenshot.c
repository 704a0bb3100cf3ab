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
 * document → screenshot run (issue 10, Figures).
 *
 * At a chosen level (no filter) the image data is deflated here, not row by row through libpng, for two reasons.
 * The frame is read once, straight into the bytes PNG compresses: each row is a filter byte (0, none) and the row's
 * RGB, so SDL_RenderReadPixels writes the rows one byte apart and nothing is copied again.  And the rows are deflated
 * in two halves on two threads (the second half by a worker), as pigz does: the first half ends with a sync flush
 * (a byte-aligned, non-final block), the second starts with the first's last 32 KB as its dictionary and ends the
 * stream, so the two are one deflate stream that any inflater reads as if made in one piece, and adler32_combine
 * joins the halves' checksums.  libpng still writes the file's framing (signature, IHDR, IDAT, IEND and their CRCs).
 * The pixels are those of the row-by-row writer; on a 1080×1920 screen the PNG takes about half the wall time when
 * a second core is free (BENCHMARKS.md). */
#include "zwgk/render.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* One half of the image data, deflated raw (no zlib header or trailer) by deflate_part. */
typedef struct part {
    const unsigned char *data, *dict; /* dict: the 32 KB before data, or NULL */
    size_t len, dict_len;
    int level;
    bool last; /* ends the stream (Z_FINISH); otherwise a sync flush */
    unsigned char *out;
    size_t out_len;
    uLong adler;
    bool ok;
} part_t;

static int deflate_part(void *arg)
{
    part_t *p = arg;
    p->adler = adler32_z(1L, p->data, p->len);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, p->level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return 0;
    }
    size_t cap = deflateBound(&z, (uLong)p->len) + 16; /* + the sync flush's empty stored block */
    p->out = malloc(cap);
    if (p->out && (!p->dict || deflateSetDictionary(&z, p->dict, (uInt)p->dict_len) == Z_OK)) {
        z.next_in = (Bytef *)p->data;
        z.avail_in = (uInt)p->len;
        z.next_out = p->out;
        z.avail_out = (uInt)cap;
        int rc = deflate(&z, p->last ? Z_FINISH : Z_SYNC_FLUSH);
        p->ok = p->last ? rc == Z_STREAM_END : rc == Z_OK && z.avail_in == 0;
        p->out_len = cap - z.avail_out;
    }
    deflateEnd(&z);
    return 0;
}

/* The zlib stream of the h rows of raw (filter byte + RGB, stride bytes a row) at level, deflated in two halves as
 * the top of this file says.  *out is malloc'd (the caller frees it); false when out of memory. */
static bool deflate_image(const unsigned char *raw, size_t stride, int h, int level, unsigned char **out,
                          size_t *out_len)
{
    size_t total = stride * (size_t)h, dict = 32768;
    size_t split = (size_t)(h / 2) * stride;
    bool two = split >= dict && total - split >= dict;
    part_t a = {.data = raw, .len = two ? split : total, .level = level, .last = !two};
    part_t b = {.data = raw + split, .len = total - split, .level = level, .last = true};
    if (two) {
        b.dict = raw + split - dict;
        b.dict_len = dict;
    }
    SDL_Thread *worker = two ? SDL_CreateThread(deflate_part, "png-deflate", &b) : NULL;
    deflate_part(&a);
    if (two && !worker) {
        deflate_part(&b); /* no thread: the same halves, one after the other */
    } else if (worker) {
        SDL_WaitThread(worker, NULL);
    }
    bool ok = a.ok && (!two || b.ok);
    size_t n = 2 + a.out_len + (two ? b.out_len : 0) + 4;
    unsigned char *z = ok ? malloc(n) : NULL;
    if (z) {
        /* The zlib header: deflate with a 32 KB window, FLEVEL as zlib writes it for the level, FCHECK. */
        unsigned flevel = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3, cmf = 0x78, flg = flevel << 6;
        flg += 31 - (cmf * 256 + flg) % 31;
        z[0] = (unsigned char)cmf;
        z[1] = (unsigned char)flg;
        memcpy(z + 2, a.out, a.out_len);
        uLong adler = a.adler;
        if (two) {
            memcpy(z + 2 + a.out_len, b.out, b.out_len);
            adler = adler32_combine(a.adler, b.adler, (z_off_t)b.len);
        }
        for (int i = 0; i < 4; i++) {
            z[n - 4 + i] = (unsigned char)(adler >> (24 - 8 * i));
        }
        *out = z;
        *out_len = n;
    }
    free(a.out);
    free(b.out);
    return z != NULL;
}

/* Writes the w×h RGB24 rows (pitch bytes apart) to f at libpng's defaults (level -1: adaptive filters). */
static bool write_png_libpng(FILE *f, const char *path, const unsigned char *pixels, int w, int h, int pitch)
{
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
    for (int y = 0; y < h; y++)
        rows[y] = (png_bytep)(pixels + (size_t)y * (size_t)pitch);
    png_set_rows(png, info, rows);
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    ok = true;
done:
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    free(rows);
    return ok;
}

/* Writes to f the signature, IHDR, one IDAT holding zdata (the zlib stream of the image data) and IEND. */
static bool write_png_framed(FILE *f, const char *path, int w, int h, const unsigned char *zdata, size_t zlen)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    volatile bool ok = false; /* read after a longjmp from libpng */
    if (!png || !info) {
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
    png_write_info(png, info);
    png_write_chunk(png, (png_const_bytep) "IDAT", zdata, zlen);
    png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
    ok = true;
done:
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
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
    /* Each row of raw is the PNG row: the filter byte (0: none) and then the RGB the renderer reads into it.  zlib
     * takes uInt lengths: a window is at most 16384 pixels a side, far below. */
    size_t stride = 1 + 3 * (size_t)w;
    if (stride > INT_MAX || (size_t)h > UINT_MAX / stride) {
        SDL_SetError("screenshot: %d×%d is too large", w, h);
        return false;
    }
    FILE *f = fopen(png_path, "wb");
    if (!f) {
        SDL_SetError("cannot create %s: %s", png_path, strerror(errno));
        return false;
    }
    unsigned char *raw = calloc((size_t)h, stride), *zdata = NULL;
    size_t zlen = 0;
    bool ok = raw != NULL;
    if (!ok) {
        SDL_SetError("screenshot: out of memory");
    }
    ok = ok && SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGB24, raw + 1, (int)stride) == 0;
    if (ok && level >= 0 && !(ok = deflate_image(raw, stride, h, level, &zdata, &zlen))) {
        SDL_SetError("screenshot: out of memory");
    }
    if (ok) {
        ok = level >= 0 ? write_png_framed(f, png_path, w, h, zdata, zlen)
                        : write_png_libpng(f, png_path, raw + 1, w, h, (int)stride);
    }
    if (fclose(f) != 0 && ok) {
        SDL_SetError("cannot write %s: %s", png_path, strerror(errno));
        ok = false;
    }
    if (!ok) {
        remove(png_path);
    }
    free(zdata);
    free(raw);
    return ok;
}

bool render_screenshot(SDL_Renderer *r, const char *png_path)
{
    return render_screenshot_level(r, png_path, RENDER_PNG_FAST);
}
