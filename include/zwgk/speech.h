/* speech.h — read-aloud (语音播报), offline: Chinese text → sentences → pinyin with tones → PCM.
 *
 * The kiosk reads a document to a citizen who cannot read it, sentence by sentence, highlighting the sentence being
 * read.  This module is the SDL-free core of that: it cuts text into sentences (speech_sentences), turns a sentence
 * into what a person would say — numbers as Chinese (2024年7月12日 → 二〇二四年七月十二日, 15% → 百分之十五), phone
 * and hotline numbers digit by digit (12345 → 幺二三四五), 文号 years as years (〔2024〕15号 → 二〇二四年十五号), Latin
 * letters by their names — and then into toned pinyin from the kiosk's own readings: the document's own readings of
 * names (content format 2's `readings:`), a word lexicon for 多音字 (银行 yín háng, 行长 háng zhǎng, 重复 chóng fù …),
 * and each character's most common reading from the Unihan table (zwgk/pinyin.h), with the tone changes of 一 and
 * 不 (speech_pinyin).
 *
 * That pinyin is spoken by an engine (speech_create): the built-in one is Debian's espeak-ng through libespeak-ng
 * with its `cmn-latn-pinyin` voice — its `cmn` voice switches to English for Chinese characters, so the kiosk never
 * hands it a character, only pinyin syllables with tone digits and ASCII punctuation.  A county with a licensed
 * engine names a program instead (kiosk.conf `tts_command = PROGRAM ARGS`): it reads the sentence as UTF-8 text on
 * standard input and writes a WAV on standard output.
 *
 * Threads: every function here may run on any thread, but one speech_t is used by one thread at a time, and
 * libespeak-ng keeps one synthesiser per process: at most one speech_t with the built-in engine exists at a time
 * (speech_create refuses a second). */
#ifndef ZWGK_SPEECH_H
#define ZWGK_SPEECH_H

#include "zwgk/result.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- text ---- */

typedef struct speech_span {
    size_t start, end; /* bytes [start, end) of the text */
} speech_span_t;

/* Cuts s[0..len) into the sentences read one at a time and highlighted: each ends after 。！？；!?; or …… (with the
 * closing quotes and brackets that follow it), at a line break, or at the end.  Spaces around a sentence are left
 * out, and a stretch with nothing to say (only spaces and punctuation) is no sentence.  Writes up to max spans into
 * out (NULL when max is 0) and returns how many there are. */
size_t speech_sentences(const char *s, size_t len, speech_span_t *out, size_t max);

/* A document's own reading of a word (content_reading_t's shape): pinyin with tone marks or digits, one syllable per
 * character, separated by spaces ("单县" → "shàn xiàn" or "shan4 xian4").  Borrowed. */
typedef struct speech_reading {
    const char *word, *pinyin;
} speech_reading_t;

/* What s[0..len) says, spelt out in Chinese: numbers, dates, times, percentages, phone numbers and 文号 years as they
 * are read aloud, URLs left out, Latin letters spelt by name (in pinyin between the control bytes 0x02 and 0x03:
 * "PDF" → "\x02pi4 di4 ai2 fu5\x03"), control characters dropped; the rest as it is.  Returns a malloc'd string
 * (caller frees), NULL when out of memory.  Invalid UTF-8 reads as U+FFFD, which says nothing. */
char *speech_normalize(const char *s, size_t len);

/* The pinyin espeak-ng's cmn-latn-pinyin voice reads for s[0..len): syllables with tone digits (1-4, 5 neutral)
 * separated by spaces, "," for a pause within a sentence and "." at its end ("yin2 hang2 hang2 zhang3 ."), nothing
 * else — no Chinese character, no letter that is not pinyin.  The reading of a word is, in order: the document's own
 * (readings, n of them; may be NULL), the built-in 多音字 lexicon (the longest word that matches wins), the
 * character's most common reading; 一 and 不 then change tone before the next syllable as spoken (一样 yí, 一起 yì,
 * 不是 bú).  Numbers and letters go through speech_normalize first.  Returns a malloc'd string (caller frees), NULL
 * when out of memory; "" when there is nothing to say. */
char *speech_pinyin(const char *s, size_t len, const speech_reading_t *readings, size_t n);

/* The built-in lexicon, for tests and review: the i-th word and its reading with tone marks ("银行", "yín háng");
 * returns 0 past the end. */
int speech_lexicon_entry(size_t i, const char **word, const char **pinyin);

/* Writes the tone-digit form of one pinyin syllable written with a tone mark or digit ("háng" or "hang2" → "hang2",
 * "lǜ" or "lv4" or "lü4" → "lv4", "de" → "de5") into out; returns its length, 0 when s[0..len) is no syllable. */
size_t speech_syllable_digits(const char *s, size_t len, char out[8]);

/* ---- engines ---- */

typedef enum speech_speed { SPEECH_SLOW = 0, SPEECH_MEDIUM, SPEECH_FAST, SPEECH_SPEEDS } speech_speed_t;

typedef struct speech_options {
    const char *command; /* tts_command: "PROGRAM ARGS" (split at blanks, "double quotes" group); NULL or "": the
                          * built-in espeak-ng engine */
    int volume;          /* 0-100 (kiosk.conf volume) */
    int timeout_ms;      /* a command that takes longer for one sentence is killed; 0: 30 s */
} speech_options_t;

typedef struct speech speech_t;

/* Starts an engine.  The built-in one loads espeak-ng's data and the cmn-latn-pinyin voice; a command is only
 * checked to be a program that can run.  Returns NULL with the reason in err (Chinese, for the admin and the log):
 * espeak-ng's data or voice missing, a second built-in engine, a command that names no program.  Free with
 * speech_destroy. */
speech_t *speech_create(const speech_options_t *opt, char *err, size_t errlen);
void speech_destroy(speech_t *sp); /* accepts NULL */

/* "espeak-ng 1.51 (cmn-latn-pinyin)" or "tts_command: PROGRAM"; static or owned by sp. */
const char *speech_engine_name(const speech_t *sp);

/* Receives audio as it is made: n signed 16-bit mono samples at rate Hz (pcm is only valid during the call).  Returns
 * nonzero to stop: speech_say then stops as soon as it can and returns ZWGK_OK. */
typedef int (*speech_pcm_fn)(void *user, const int16_t *pcm, size_t n, int rate);

/* Says one sentence s[0..len) (readings as speech_pinyin) at speed, handing the audio to pcm as it comes: the built-in
 * engine delivers a first piece after a few tens of milliseconds.  Returns ZWGK_OK (also when there was nothing to
 * say), ZWGK_ERR_NOMEM, or for a command ZWGK_ERR_IO (it did not start, failed, timed out: killed) or
 * ZWGK_ERR_FORMAT (what it wrote is no WAV of PCM audio), with the reason in err in Chinese; nothing crashes and the
 * next call starts afresh. */
zwgk_result speech_say(speech_t *sp, const char *s, size_t len, const speech_reading_t *readings, size_t n,
                       speech_speed_t speed, speech_pcm_fn pcm, void *user, char *err, size_t errlen);

/* Built-in engine: from now on, espeak-ng writes the phonemes of everything speech_say says to f, in its mnemonics
 * (as `espeak-ng -x` prints them: a language switch shows as "(en)"); NULL stops.  For tests: the phoneme stream of
 * a whole document must switch language nowhere.  No effect for a command. */
void speech_trace_phonemes(speech_t *sp, FILE *f);

#endif
