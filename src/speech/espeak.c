/* espeak.c — the built-in engine: pinyin → PCM through libespeak-ng's cmn-latn-pinyin voice.
 *
 * libespeak-ng is one synthesiser per process with global state, so this engine exists at most once at a time
 * (espeak_engine_create refuses a second while one lives).  The library is initialised once, by the first engine,
 * and never terminated: espeak_Terminate in Debian's 1.51 waits forever for its internal queue thread when it was
 * initialised for synchronous output (seen in tests/test_speech.c), so a later engine reuses the synthesiser.  It runs
 * in AUDIO_OUTPUT_SYNCHRONOUS mode: espeak_Synth returns when the text is spoken, having called the synth callback with
 * each piece of audio as it was made (every SYNTH_CHUNK_MS), which hands it straight on — so the first piece of a
 * sentence reaches the loudspeaker after a few tens of milliseconds instead of after the whole sentence.  The callback
 * gets this call's context through the events' user_data; returning 1 from it stops espeak-ng at once (停止).
 *
 * Speed: espeak-ng's rate is in words per minute, and it counts a pinyin syllable as a word.  Measured on
 * Debian 12's 1.51 with long sentences of county documents, 165 → 3.0 syllables a second (慢: what a
 * broadcaster uses for the elderly), 210 → 4.0 (中: ordinary speech), 260 → 5.0 (快: a news reader).
 * Volume is applied by speech.c to every engine alike; espeak-ng itself stays at its normal amplitude. */
#include "speech_private.h"

#include <espeak-ng/speak_lib.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYNTH_CHUNK_MS 60
#define VOICE          "cmn-latn-pinyin"

static atomic_flag espeak_in_use = ATOMIC_FLAG_INIT;
static int espeak_rate; /* the sample rate once initialised (only ever touched by the holder of espeak_in_use) */

typedef struct espeak_engine {
    speech_engine_t base;
    int rate;
    char name[96];
} espeak_engine_t;

typedef struct say_ctx {
    speech_pcm_fn pcm;
    void *user;
    int rate;
    int stopped;
} say_ctx_t;

static int synth_cb(short *wav, int nsamples, espeak_EVENT *events)
{
    say_ctx_t *c = events ? events[0].user_data : NULL;
    if (!c)
        return 0;
    if (c->stopped)
        return 1;
    if (wav && nsamples > 0 && c->pcm(c->user, wav, (size_t)nsamples, c->rate))
        c->stopped = 1;
    return c->stopped;
}

static const char *espeak_name(const speech_engine_t *e)
{
    return ((const espeak_engine_t *)e)->name;
}

static zwgk_result espeak_say(speech_engine_t *e, const char *text, size_t len, const char *pinyin,
                              speech_speed_t speed, speech_pcm_fn pcm, void *user, char *err, size_t errlen)
{
    espeak_engine_t *es = (espeak_engine_t *)e;
    (void)text;
    (void)len;
    static const int rates[SPEECH_SPEEDS] = {165, 210, 260};
    say_ctx_t c = {pcm, user, es->rate, 0};
    espeak_SetParameter(espeakRATE, rates[speed < SPEECH_SPEEDS ? speed : SPEECH_MEDIUM], 0);
    espeak_ERROR r =
        espeak_Synth(pinyin, strlen(pinyin) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 | espeakENDPAUSE, NULL, &c);
    if (r != EE_OK && !c.stopped) {
        snprintf(err, errlen, "语音合成失败（espeak-ng 错误 %d）", (int)r);
        return ZWGK_ERR_IO;
    }
    return ZWGK_OK;
}

static void espeak_trace(speech_engine_t *e, FILE *f)
{
    (void)e;
    espeak_SetPhonemeTrace(f ? espeakPHONEMES_SHOW : 0, f);
}

static void espeak_destroy(speech_engine_t *e)
{
    espeak_SetPhonemeTrace(0, NULL);
    free(e);
    atomic_flag_clear(&espeak_in_use);
}

static const speech_engine_ops_t espeak_ops = {espeak_name, espeak_say, espeak_trace, espeak_destroy};

speech_engine_t *espeak_engine_create(char *err, size_t errlen)
{
    if (atomic_flag_test_and_set(&espeak_in_use)) {
        snprintf(err, errlen, "内置语音引擎已在使用中（espeak-ng 每个进程只能有一个）");
        return NULL;
    }
    espeak_engine_t *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, errlen, "内存不足");
        atomic_flag_clear(&espeak_in_use);
        return NULL;
    }
    e->base.ops = &espeak_ops;
    if (espeak_rate <= 0)
        espeak_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, SYNTH_CHUNK_MS, NULL, espeakINITIALIZE_DONT_EXIT);
    e->rate = espeak_rate;
    if (e->rate <= 0) {
        snprintf(err, errlen, "无法启动内置语音引擎 espeak-ng：找不到它的数据（请安装 espeak-ng-data）");
        free(e);
        atomic_flag_clear(&espeak_in_use);
        return NULL;
    }
    if (espeak_SetVoiceByName(VOICE) != EE_OK) {
        snprintf(err, errlen, "内置语音引擎 espeak-ng 没有普通话拼音语音 %s（请安装 espeak-ng-data）", VOICE);
        free(e);
        atomic_flag_clear(&espeak_in_use);
        return NULL;
    }
    espeak_SetSynthCallback(synth_cb);
    const char *path = NULL, *version = espeak_Info(&path);
    snprintf(e->name, sizeof e->name, "espeak-ng %s (%s)", version ? version : "", VOICE);
    return &e->base;
}
