/* speech_private.h — what the files of src/speech share: a growing string, the lexicon lookup, the engines. */
#ifndef ZWGK_SPEECH_PRIVATE_H
#define ZWGK_SPEECH_PRIVATE_H

#include "zwgk/speech.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- a growing NUL-terminated string; on out of memory it stops growing and remembers (oom) ---- */
typedef struct sbuf {
    char *s;
    size_t len, cap;
    bool oom;
} sbuf_t;

void sbuf_add(sbuf_t *b, const char *s, size_t n);
void sbuf_str(sbuf_t *b, const char *s);
void sbuf_cp(sbuf_t *b, uint32_t cp); /* appends one code point as UTF-8 */
/* Returns the string (caller frees) or NULL after out of memory (then frees what there was). */
char *sbuf_take(sbuf_t *b);

/* ---- lexicon.c ---- */
/* The longest built-in word that starts at cps[0..n): its length in code points (0 when none) and its reading with
 * tone marks. */
size_t lexicon_match(const uint32_t *cps, size_t n, const char **pinyin);
/* A character whose most common reading in county documents is not Unihan's first (地 dì, not de): its reading with a
 * tone mark, or NULL. */
const char *lexicon_char_reading(uint32_t cp);

/* ---- engines (espeak.c, command.c) ---- */
typedef struct speech_engine speech_engine_t;

typedef struct speech_engine_ops {
    const char *(*name)(const speech_engine_t *e);
    zwgk_result (*say)(speech_engine_t *e, const char *text, size_t len, const char *pinyin, speech_speed_t speed,
                       speech_pcm_fn pcm, void *user, char *err, size_t errlen);
    void (*trace)(speech_engine_t *e, FILE *f);
    void (*destroy)(speech_engine_t *e);
} speech_engine_ops_t;

struct speech_engine {
    const speech_engine_ops_t *ops;
};

/* The engine of sp (white-box tests). */
speech_engine_t *speech_engine_of(speech_t *sp);

speech_engine_t *espeak_engine_create(char *err, size_t errlen);
speech_engine_t *command_engine_create(const char *command, int timeout_ms, char *err, size_t errlen);

/* ---- wav.c: reading what a command engine writes ---- */
typedef struct wav_reader {
    int state; /* 0: reading the header, 1: in the data chunk, 2: past it (rest ignored) */
    unsigned char head[4096];
    size_t nhead;
    int rate, channels, bits, format; /* format 1 PCM, 3 IEEE float */
    uint64_t data_left;               /* bytes of the data chunk still to come (UINT64_MAX: up to the end) */
    unsigned char carry[16];          /* a partial frame between two reads */
    size_t ncarry;
    int16_t out[4096];
} wav_reader_t;

/* Feeds bytes of the WAV stream; calls pcm with mono 16-bit samples as frames complete.  Returns ZWGK_OK,
 * ZWGK_ERR_FORMAT with the reason in err (not RIFF/WAVE, no fmt chunk, an encoding other than 8/16/24/32-bit PCM or
 * 32-bit float, more than 8 channels), or ZWGK_OK with *stop set when pcm asked to stop. */
zwgk_result wav_feed(wav_reader_t *w, const unsigned char *p, size_t n, speech_pcm_fn pcm, void *user, int *stop,
                     char *err, size_t errlen);
/* At the end of the stream: ZWGK_ERR_FORMAT when no data chunk ever began (an empty or cut header). */
zwgk_result wav_finish(const wav_reader_t *w, char *err, size_t errlen);

#endif
