/* speech.c — an engine behind one interface (speech_create, speech_say; zwgk/speech.h).
 *
 * The engine is chosen by the config: the built-in espeak-ng unless tts_command names a program.  Both get the
 * sentence already prepared — espeak-ng the pinyin of speech_pinyin, a command the sentence's own text (a licensed
 * engine reads Chinese itself) — and both hand back PCM through the caller's callback, scaled here by the configured
 * volume, so loudness is the same setting whichever engine speaks. */
#include "speech_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct speech {
    speech_engine_t *engine;
    int volume; /* 0-100 */
    int16_t scaled[4096];
    speech_pcm_fn pcm; /* of the call in progress */
    void *user;
};

speech_t *speech_create(const speech_options_t *opt, char *err, size_t errlen)
{
    speech_t *sp = calloc(1, sizeof *sp);
    if (!sp) {
        snprintf(err, errlen, "内存不足");
        return NULL;
    }
    sp->volume = opt->volume < 0 ? 0 : opt->volume > 100 ? 100 : opt->volume;
    if (opt->command && *opt->command)
        sp->engine = command_engine_create(opt->command, opt->timeout_ms, err, errlen);
    else
        sp->engine = espeak_engine_create(err, errlen);
    if (!sp->engine) {
        free(sp);
        return NULL;
    }
    return sp;
}

void speech_destroy(speech_t *sp)
{
    if (!sp)
        return;
    sp->engine->ops->destroy(sp->engine);
    free(sp);
}

const char *speech_engine_name(const speech_t *sp)
{
    return sp->engine->ops->name(sp->engine);
}

speech_engine_t *speech_engine_of(speech_t *sp)
{
    return sp->engine;
}

void speech_trace_phonemes(speech_t *sp, FILE *f)
{
    sp->engine->ops->trace(sp->engine, f);
}

/* Scales by the volume on the way to the caller, in pieces of the scratch buffer. */
static int scaled_pcm(void *user, const int16_t *pcm, size_t n, int rate)
{
    speech_t *sp = user;
    if (sp->volume == 100)
        return sp->pcm(sp->user, pcm, n, rate);
    while (n > 0) {
        size_t k = n < sizeof sp->scaled / sizeof sp->scaled[0] ? n : sizeof sp->scaled / sizeof sp->scaled[0];
        for (size_t i = 0; i < k; i++)
            sp->scaled[i] = (int16_t)(pcm[i] * sp->volume / 100);
        if (sp->pcm(sp->user, sp->scaled, k, rate))
            return 1;
        pcm += k;
        n -= k;
    }
    return 0;
}

zwgk_result speech_say(speech_t *sp, const char *s, size_t len, const speech_reading_t *readings, size_t n,
                       speech_speed_t speed, speech_pcm_fn pcm, void *user, char *err, size_t errlen)
{
    char *pinyin = speech_pinyin(s, len, readings, n);
    if (!pinyin) {
        snprintf(err, errlen, "内存不足");
        return ZWGK_ERR_NOMEM;
    }
    zwgk_result r = ZWGK_OK;
    if (*pinyin) { /* only punctuation, a URL: nothing to say, and no program to start for it */
        sp->pcm = pcm;
        sp->user = user;
        r = sp->engine->ops->say(sp->engine, s, len, pinyin, speed, scaled_pcm, sp, err, errlen);
    }
    free(pinyin);
    return r;
}
