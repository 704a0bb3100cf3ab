/* pinyin_table.h — the generated pinyin table (written at build time by src/text/gen/gen_pinyin.c; private to
 * src/text/pinyin.c). */
#ifndef ZWGK_PINYIN_TABLE_H
#define ZWGK_PINYIN_TABLE_H

#include <stdint.h>

extern const char pinyin_table_version[];
extern const unsigned pinyin_table_nsyllables;
extern const char pinyin_table_syllables[][8]; /* sorted, toneless, ü as v */
extern const unsigned pinyin_table_count;      /* code points with at least one reading */
extern const uint32_t pinyin_table_cps[];      /* sorted */
extern const uint32_t pinyin_table_info[];     /* per code point: first << 4 | count, into pinyin_table_readings */
extern const unsigned pinyin_table_max_readings;
extern const uint16_t pinyin_table_readings[]; /* syllable numbers */
extern const uint32_t pinyin_table_tinfo[];    /* per code point: first << 4 | count, into pinyin_table_toned */
extern const uint16_t pinyin_table_toned[];    /* syllable number << 3 | tone (1-4, 5 neutral) */

#endif
