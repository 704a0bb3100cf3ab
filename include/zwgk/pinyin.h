/* pinyin.h — the Mandarin readings of Han characters, for searching by pinyin on a keyboard without an input method.
 *
 * The table is generated at build time from Unicode's Unihan database (Unihan_Readings.txt from Debian's unicode-data
 * package; src/text/gen/gen_pinyin.c): the union of kMandarin, kXHC1983 and kTGHZ2013, so every reading in current use
 * of a 多音字 is there (行 xing and hang, 长 chang and zhang, 重 zhong and chong, 率 lv and shuai); kHanyuPinyin's
 * classical readings are used only for characters the three do not cover.
 *
 * Spelling of a reading: lowercase ASCII letters, no tones, ü written v (lv, nv, lve, nve), as on Chinese keyboards.
 * The search matcher also accepts u typed for v (so `lu` finds 率 and 绿 as well as 路); the table itself only ever
 * says v.  Readings without a vowel (the interjections m, n, ng, hm, hng) are left out. */
#ifndef ZWGK_PINYIN_H
#define ZWGK_PINYIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* No code point has more readings than this. */
#define PINYIN_MAX_READINGS 15

/* Writes up to max readings of cp into out (static strings: never freed, valid for the program's life), the most
 * common first (kMandarin's order), and returns how many cp has (0 for a code point without a Mandarin reading:
 * punctuation, Latin, digits, or a character Unihan gives no reading).  out may be NULL when max is 0. */
size_t pinyin_readings(uint32_t cp, const char **out, size_t max);

/* A reading with its tone, for read-aloud: the syllable spelt as above (static string) and the tone, 1-4, or 5 for
 * the neutral tone (的 de, 了 le). */
typedef struct pinyin_toned {
    const char *syllable;
    int tone;
} pinyin_toned_t;

/* Writes up to max toned readings of cp into out, kMandarin's first (Unihan's "most customary" reading: 行 xíng,
 * 长 zhǎng, 地 de), then the dictionaries' in their order, and returns how many cp has; 0 as pinyin_readings.  One
 * toneless reading may appear with several tones (长 cháng and zhǎng are two syllables; 一 yī yí yì three entries). */
size_t pinyin_toned_readings(uint32_t cp, pinyin_toned_t *out, size_t max);

/* True when s is a toneless syllable some character is read as (spelt as above: "hang", "lv"). */
bool pinyin_syllable_known(const char *s);

/* The version of the Unihan data the table was generated from, e.g. "Unihan 15.0.0 (2022-08-01 16:36:07 GMT); …".
 * Static string. */
const char *pinyin_data_version(void);

#endif
