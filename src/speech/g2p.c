/* g2p.c — from Chinese text to the toned pinyin espeak-ng reads (speech_pinyin, speech_syllable_digits).
 *
 * The reading of each character is chosen by the word it is in, as a reader does: at each position the longest word
 * that matches wins, first among the document's own readings (names of people and places its author gave:
 * `readings:` in the front matter), then in the built-in 多音字 lexicon (lexicon.c); a character no word covers gets
 * its most common reading — lexicon.c's per-character choice where Unihan's first is not the common one in county
 * documents (地 dì, not de), otherwise Unihan's kMandarin (zwgk/pinyin.h).  〇 reads líng; a character without any
 * reading (a rare one outside Unihan's Mandarin, a symbol) says nothing rather than something wrong.
 *
 * Then the tone changes a speaker makes that the engine does not (espeak-ng already makes the third-tone one, 你好
 * ní hǎo): 不 is bú before a fourth tone (不是), 一 is yí before a fourth tone and yì before the others (一样, 一起),
 * but stays yī as a numeral (第一, 十一, 一二三, 一月, 周一) and at the end of a phrase (统一。); 得 is the particle de
 * before the complement it introduces (写得清楚, 领得越多).  Readings from a word keep the
 * tones written there, so the lexicon spells 统一部署 tǒng yī and the rule does not change it.
 *
 * The result is only ASCII: syllables with tone digits, separated by spaces, with "," for a pause and "." at the end
 * of a sentence; so the cmn-latn-pinyin voice never meets a character it would read in another language. */
#include "speech_private.h"
#include "zwgk/pinyin.h"
#include "zwgk/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PINYIN_OPEN  0x02
#define PINYIN_CLOSE 0x03

typedef struct syl {
    char s[8];   /* "hang2"; "," or "." for a pause */
    uint32_t cp; /* the character it reads (0 for letters and pauses) */
    bool fixed;  /* its tone comes from a word: no tone change */
} syl_t;

typedef struct syls {
    syl_t *v;
    size_t n, cap;
    bool oom;
} syls_t;

static syl_t *push(syls_t *l)
{
    if (l->oom)
        return NULL;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        syl_t *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            l->oom = true;
            return NULL;
        }
        l->v = v;
        l->cap = cap;
    }
    syl_t *s = &l->v[l->n++];
    memset(s, 0, sizeof *s);
    return s;
}

size_t speech_syllable_digits(const char *s, size_t len, char out[8])
{
    static const struct {
        const char *mark;
        char letter, tone;
    } marks[] = {{"ā", 'a', 1}, {"á", 'a', 2}, {"ǎ", 'a', 3}, {"à", 'a', 4}, {"ē", 'e', 1}, {"é", 'e', 2},
                 {"ě", 'e', 3}, {"è", 'e', 4}, {"ī", 'i', 1}, {"í", 'i', 2}, {"ǐ", 'i', 3}, {"ì", 'i', 4},
                 {"ō", 'o', 1}, {"ó", 'o', 2}, {"ǒ", 'o', 3}, {"ò", 'o', 4}, {"ū", 'u', 1}, {"ú", 'u', 2},
                 {"ǔ", 'u', 3}, {"ù", 'u', 4}, {"ü", 'v', 0}, {"ǖ", 'v', 1}, {"ǘ", 'v', 2}, {"ǚ", 'v', 3},
                 {"ǜ", 'v', 4}, {"ń", 'n', 2}, {"ň", 'n', 3}, {"ǹ", 'n', 4}, {"ê", 'e', 0}};
    size_t i = 0, n = 0;
    int tone = 0;
    while (i < len) {
        char ch = s[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            if (n >= 6)
                return 0;
            out[n++] = (char)(ch | 0x20);
            i++;
            continue;
        }
        if (ch >= '1' && ch <= '5') {
            if (tone || i + 1 != len)
                return 0; /* a digit only at the end, and not after a mark */
            tone = ch - '0';
            i++;
            continue;
        }
        size_t k = 0;
        while (k < sizeof marks / sizeof marks[0] &&
               (strlen(marks[k].mark) > len - i || memcmp(s + i, marks[k].mark, strlen(marks[k].mark)) != 0))
            k++;
        if (k == sizeof marks / sizeof marks[0] || n >= 6)
            return 0;
        out[n++] = marks[k].letter;
        if (marks[k].tone) {
            if (tone)
                return 0;
            tone = marks[k].tone;
        }
        i += strlen(marks[k].mark);
    }
    if (n == 0)
        return 0;
    out[n] = '\0';
    if (!pinyin_syllable_known(out))
        return 0;
    out[n++] = (char)('0' + (tone ? tone : 5));
    out[n] = '\0';
    return n;
}

/* Splits a word's reading ("yín háng", "yin2 hang2") into syllables; returns how many, or 0 when one is no
 * syllable or there are not exactly want of them. */
static size_t split_reading(const char *p, char out[][8], size_t want)
{
    size_t n = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e == p)
            break;
        if (n == want || !speech_syllable_digits(p, (size_t)(e - p), out[n]))
            return 0;
        n++;
        p = e;
    }
    return n == want ? n : 0;
}

/* Code points of a NUL-terminated UTF-8 word, at most max; returns the count (0 when longer than max). */
static size_t word_cps(const char *w, uint32_t *out, size_t max)
{
    size_t n = 0, len = strlen(w);
    for (size_t i = 0; i < len;) {
        size_t adv;
        uint32_t cp = utf8_decode(w + i, len - i, &adv);
        if (n == max)
            return 0;
        out[n++] = cp;
        i += adv;
    }
    return n;
}

static bool is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
           cp == 0x3007;
}

/* ',' for a pause inside a sentence, '.' for its end, 0 for a mark that is not heard (quotes, 《》, spaces). */
static char pause_of(uint32_t cp)
{
    switch (cp) {
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1B: /* ； */
    case '!':
    case '?':
    case ';':
    case 0x2026: /* … */
    case '\n':
        return '.';
    case 0xFF0C: /* ， */
    case 0x3001: /* 、 */
    case 0xFF1A: /* ： */
    case ',':
    case ':':
    case '.':
    case 0xFF08: /* （ */
    case 0xFF09: /* ） */
    case '(':
    case ')':
    case 0x3014: /* 〔 */
    case 0x3015: /* 〕 */
    case 0x3010: /* 【 */
    case 0x3011: /* 】 */
    case '[':
    case ']':
    case 0x2014: /* — */
    case 0x00B7: /* · */
    case 0x30FB: /* ・ */
    case '/':
        return ',';
    default:
        return 0;
    }
}

static void add_pause(syls_t *l, char p)
{
    if (l->n == 0)
        return; /* nothing to pause after */
    syl_t *last = &l->v[l->n - 1];
    if (last->s[0] == ',' || last->s[0] == '.') {
        if (p == '.')
            last->s[0] = '.';
        return;
    }
    syl_t *s = push(l);
    if (s)
        s->s[0] = p;
}

static void add_syllable(syls_t *l, const char *digits, uint32_t cp, bool fixed)
{
    syl_t *s = push(l);
    if (s) {
        /* A bounded copy, not snprintf: every caller's syllable fits, and GCC for aarch64 sees through the inlined
         * callers to a 128-byte buffer and fails the build with -Wformat-truncation. */
        size_t len = strnlen(digits, sizeof s->s - 1);
        memcpy(s->s, digits, len);
        s->s[len] = '\0';
        s->cp = cp;
        s->fixed = fixed;
    }
}

/* The default reading of one character (no word covered it) in tone-digit form, or "" when it has none. */
static void char_reading(uint32_t cp, char out[8])
{
    out[0] = '\0';
    if (cp == 0x3007) { /* 〇 */
        snprintf(out, 8, "ling2");
        return;
    }
    const char *own = lexicon_char_reading(cp);
    if (own && speech_syllable_digits(own, strlen(own), out))
        return;
    pinyin_toned_t r;
    if (pinyin_toned_readings(cp, &r, 1) > 0) {
        size_t n = strlen(r.syllable);
        if (n < 7) {
            memcpy(out, r.syllable, n);
            out[n] = (char)('0' + r.tone);
            out[n + 1] = '\0';
        }
    }
}

static int tone_of(const syl_t *s)
{
    size_t n = strlen(s->s);
    return n && s->s[n - 1] >= '1' && s->s[n - 1] <= '5' ? s->s[n - 1] - '0' : 0;
}

static bool is_numeral(uint32_t cp)
{
    static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                    0x516B, 0x4E5D, 0x5341, 0x96F6, 0x3007, 0x4E24, 0x5E7A}; /* 一…九 十 零 〇 两 幺 */
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        if (nums[i] == cp)
            return true;
    return false;
}

static bool is_big_unit(uint32_t cp)
{
    return cp == 0x767E /* 百 */ || cp == 0x5343 /* 千 */ || cp == 0x4E07 /* 万 */ || cp == 0x4EBF /* 亿 */;
}

/* 得 before the complement it introduces (写得清楚, 办得更好, 领得越多) is the particle de; as a verb (不得, 得到) dé.
 */
static bool before_complement(uint32_t next)
{
    static const char words[] = "越更很较太清好快慢早晚多少准明非最真挺";
    for (const char *p = words; *p;) {
        size_t adv;
        if (utf8_decode(p, strlen(p), &adv) == next)
            return true;
        p += adv;
    }
    return false;
}

/* 一 and 不 as spoken (see the top of the file), the particle 得, and 为 wéi "is" before an amount (标准为每人400元,
 * 分为五个). */
static void tone_changes(syls_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        syl_t *s = &l->v[i];
        if (!s->fixed && s->cp == 0x4E3A /* 为 */ && i + 1 < l->n &&
            (is_numeral(l->v[i + 1].cp) || l->v[i + 1].cp == 0x6BCF /* 每 */)) {
            snprintf(s->s, sizeof s->s, "wei2");
            continue;
        }
        if (!s->fixed && s->cp == 0x5F97 /* 得 */ && i + 1 < l->n && before_complement(l->v[i + 1].cp) &&
            !(i && l->v[i - 1].cp == 0x4E0D /* 不 */)) {
            snprintf(s->s, sizeof s->s, "de5");
            continue;
        }
        if (s->fixed || (s->cp != 0x4E00 /* 一 */ && s->cp != 0x4E0D /* 不 */))
            continue;
        const syl_t *next = i + 1 < l->n && l->v[i + 1].cp ? &l->v[i + 1] : NULL;
        uint32_t prev = i ? l->v[i - 1].cp : 0;
        int nt = next ? tone_of(next) : 0;
        if (s->cp == 0x4E0D) {
            snprintf(s->s, sizeof s->s, "bu%d", nt == 4 ? 2 : 4);
            continue;
        }
        bool numeral = !next || (is_numeral(next->cp) && !is_big_unit(next->cp)) || prev == 0x5468 /* 周 */ ||
                       next->cp == 0x6708 /* 月 */ || next->cp == 0x697C /* 楼 */ || next->cp == 0x5C42 /* 层 */ ||
                       next->cp == 0x65E5 /* 日 */ || next->cp == 0x53F7 /* 号 */ ||
                       ((prev == 0x7B2C /* 第 */ || is_numeral(prev)) && !is_big_unit(next->cp));
        snprintf(s->s, sizeof s->s, "yi%d", numeral ? 1 : nt == 4 || nt == 5 ? 2 : 4);
    }
}

char *speech_pinyin(const char *s, size_t len, const speech_reading_t *readings, size_t nreadings)
{
    char *norm = speech_normalize(s, len);
    if (!norm)
        return NULL;
    size_t nlen = strlen(norm), n = 0;
    uint32_t *cps = malloc((nlen + 1) * sizeof *cps);
    syls_t l = {0};
    sbuf_t out = {0};
    if (!cps) {
        free(norm);
        return NULL;
    }
    for (size_t i = 0; i < nlen;) {
        size_t adv;
        cps[n++] = utf8_decode(norm + i, nlen - i, &adv);
        i += adv;
    }
    for (size_t i = 0; i < n && !l.oom;) {
        uint32_t cp = cps[i];
        if (cp == PINYIN_OPEN) { /* letters spelt by normalize: syllables already */
            size_t k = i + 1;
            while (k < n && cps[k] != PINYIN_CLOSE) {
                while (k < n && cps[k] == ' ')
                    k++;
                char word[16];
                size_t w = 0;
                while (k < n && cps[k] != ' ' && cps[k] != PINYIN_CLOSE) {
                    if (w < sizeof word - 1)
                        word[w++] = (char)cps[k];
                    k++;
                }
                char d[8];
                if (w && speech_syllable_digits(word, w, d))
                    add_syllable(&l, d, 0, true);
            }
            i = k + 1;
            continue;
        }
        if (!is_han(cp)) {
            char p = pause_of(cp);
            if (p)
                add_pause(&l, p);
            i++;
            continue;
        }
        /* The longest word at i: the document's own readings first, then the lexicon; a reading that does not
         * split into one syllable per character is passed over. */
        size_t best = 0;
        char split[16][8], cand[16][8];
        for (size_t r = 0; r < nreadings; r++) {
            uint32_t w[16];
            size_t wn = readings[r].word && readings[r].pinyin ? word_cps(readings[r].word, w, 16) : 0;
            if (wn > best && wn <= n - i && !memcmp(w, cps + i, wn * sizeof *w) &&
                split_reading(readings[r].pinyin, cand, wn) == wn) {
                best = wn;
                memcpy(split, cand, sizeof split);
            }
        }
        const char *lex = NULL;
        size_t ln = lexicon_match(cps + i, n - i, &lex);
        if (ln > best && ln <= 16 && split_reading(lex, cand, ln) == ln) {
            best = ln;
            memcpy(split, cand, sizeof split);
        }
        if (best) {
            for (size_t k = 0; k < best; k++)
                add_syllable(&l, split[k], cps[i + k], true);
            i += best;
            continue;
        }
        char d[8];
        char_reading(cp, d);
        if (d[0])
            add_syllable(&l, d, cp, false);
        i++;
    }
    tone_changes(&l);
    for (size_t i = 0; i < l.n; i++) {
        bool pause = l.v[i].s[0] == ',' || l.v[i].s[0] == '.';
        if (i && !pause)
            sbuf_str(&out, " ");
        sbuf_str(&out, l.v[i].s);
    }
    if (l.oom)
        out.oom = true;
    free(norm);
    free(cps);
    free(l.v);
    return sbuf_take(&out);
}
