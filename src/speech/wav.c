/* wav.c — reading the WAV a tts_command writes, as it arrives (speech_private.h).
 *
 * A program that writes to a pipe cannot seek back to fill in sizes, so streaming writers (espeak-ng --stdout, sox
 * to "-") leave the RIFF and data sizes 0 or 0xFFFFFFFF: a data chunk of size 0 or past 2^31 is read to the end.
 * Chunks before the data (LIST, fact, …) are skipped.  The samples come out as 16-bit mono at the file's rate
 * whatever the file holds — 8-, 16-, 24- or 32-bit integer PCM or 32-bit float, up to 8 channels averaged — so the
 * player has one format to resample.  Everything else is a clear ZWGK_ERR_FORMAT, never a guess: a program that
 * prints an error message or MP3 on standard output is reported, not played as noise. */
#include "speech_private.h"

#include <stdio.h>
#include <string.h>

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* Looks for the data chunk in what has arrived.  Returns 1 when found (w->state 1, *consumed = bytes of head used),
 * 0 to wait for more, -1 with err on a bad header. */
static int parse_header(wav_reader_t *w, size_t *consumed, char *err, size_t errlen)
{
    const unsigned char *h = w->head;
    if (w->nhead >= 4 && memcmp(h, "RIFF", 4) != 0) {
        snprintf(err, errlen, "输出不是 WAV 音频（开头不是 RIFF）");
        return -1;
    }
    if (w->nhead >= 12 && memcmp(h + 8, "WAVE", 4) != 0) {
        snprintf(err, errlen, "输出不是 WAV 音频（RIFF 里不是 WAVE）");
        return -1;
    }
    size_t pos = 12;
    bool have_fmt = false;
    while (pos + 8 <= w->nhead) {
        uint32_t size = le32(h + pos + 4);
        if (!memcmp(h + pos, "data", 4)) {
            if (!have_fmt) {
                snprintf(err, errlen, "WAV 音频缺少格式说明（fmt 块在 data 之后或没有）");
                return -1;
            }
            w->data_left = size == 0 || size >= 0x80000000u ? UINT64_MAX : size;
            w->state = 1;
            *consumed = pos + 8;
            return 1;
        }
        if (pos + 8 + (size_t)size > w->nhead) { /* the chunk has not all arrived */
            if ((size_t)size > sizeof w->head - pos - 8) {
                snprintf(err, errlen, "WAV 音频的头部太大");
                return -1;
            }
            return 0;
        }
        if (!memcmp(h + pos, "fmt ", 4)) {
            if (size < 16) {
                snprintf(err, errlen, "WAV 音频的格式说明不完整");
                return -1;
            }
            const unsigned char *f = h + pos + 8;
            w->format = le16(f);
            w->channels = le16(f + 2);
            w->rate = (int)le32(f + 4);
            w->bits = le16(f + 14);
            if (w->format == 0xFFFE && size >= 26) /* WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes */
                w->format = le16(f + 24);
            bool ok = (w->format == 1 && (w->bits == 8 || w->bits == 16 || w->bits == 24 || w->bits == 32)) ||
                      (w->format == 3 && w->bits == 32);
            if (!ok || w->channels < 1 || w->channels > 8 || w->rate < 4000 || w->rate > 192000) {
                snprintf(err, errlen, "WAV 音频的编码不支持（格式 %d，%d 位，%d 声道，%d Hz）：需要 PCM", w->format,
                         w->bits, w->channels, w->rate);
                return -1;
            }
            have_fmt = true;
        }
        pos += 8 + size + (size & 1); /* chunks are padded to an even size */
    }
    if (w->nhead == sizeof w->head) {
        snprintf(err, errlen, "WAV 音频的头部太大");
        return -1;
    }
    return 0;
}

static int sample_of(const wav_reader_t *w, const unsigned char *p)
{
    switch (w->bits) {
    case 8:
        return (p[0] - 128) << 8;
    case 16:
        return (int16_t)le16(p);
    case 24:
        return (int32_t)((uint32_t)p[0] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 24) >> 16;
    default:
        if (w->format == 3) {
            uint32_t u = le32(p);
            float f;
            memcpy(&f, &u, sizeof f);
            f = f > 1.0f ? 1.0f : f < -1.0f ? -1.0f : f;
            return (int)(f * 32767.0f);
        }
        return (int32_t)le32(p) >> 16;
    }
}

zwgk_result wav_feed(wav_reader_t *w, const unsigned char *p, size_t n, speech_pcm_fn pcm, void *user, int *stop,
                     char *err, size_t errlen)
{
    while (n > 0 && !*stop) {
        if (w->state == 0) {
            size_t take = sizeof w->head - w->nhead < n ? sizeof w->head - w->nhead : n, used = 0;
            memcpy(w->head + w->nhead, p, take);
            size_t before = w->nhead;
            w->nhead += take;
            int r = parse_header(w, &used, err, errlen);
            if (r < 0)
                return ZWGK_ERR_FORMAT;
            if (r == 0) {
                p += take;
                n -= take;
                continue;
            }
            /* the bytes after the data chunk's header are samples: feed them from where they are in p */
            size_t from_p = used - before;
            p += from_p;
            n -= from_p;
            continue;
        }
        if (w->state == 2)
            return ZWGK_OK;
        size_t frame = (size_t)(w->bits / 8) * (size_t)w->channels;
        size_t avail = n < w->data_left ? n : (size_t)w->data_left, nout = 0;
        size_t i = 0;
        while (i < avail) {
            /* complete a frame from carry + p */
            size_t want = frame - w->ncarry, got = avail - i < want ? avail - i : want;
            memcpy(w->carry + w->ncarry, p + i, got);
            w->ncarry += got;
            i += got;
            if (w->ncarry < frame)
                break;
            int sum = 0;
            for (int ch = 0; ch < w->channels; ch++)
                sum += sample_of(w, w->carry + (size_t)ch * (size_t)(w->bits / 8));
            w->out[nout++] = (int16_t)(sum / w->channels);
            w->ncarry = 0;
            if (nout == sizeof w->out / sizeof w->out[0]) {
                if (pcm(user, w->out, nout, w->rate))
                    *stop = 1;
                nout = 0;
                if (*stop)
                    break;
            }
        }
        if (nout && !*stop && pcm(user, w->out, nout, w->rate))
            *stop = 1;
        if (w->data_left != UINT64_MAX)
            w->data_left -= i;
        if (w->data_left == 0)
            w->state = 2;
        p += i;
        n -= i;
        if (i == 0)
            break;
    }
    return ZWGK_OK;
}

zwgk_result wav_finish(const wav_reader_t *w, char *err, size_t errlen)
{
    if (w->state == 0) {
        snprintf(err, errlen, w->nhead ? "WAV 音频不完整（没有 data 块）" : "没有输出任何音频");
        return ZWGK_ERR_FORMAT;
    }
    return ZWGK_OK;
}
