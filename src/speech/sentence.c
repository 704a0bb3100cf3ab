/* sentence.c — cutting text into the sentences read aloud one at a time (speech_sentences, zwgk/speech.h).
 *
 * A sentence is what the kiosk highlights while it is read, and the unit of synthesis: short enough that the first
 * one sounds soon after 朗读, long enough to keep its intonation.  It ends after a full stop, question or exclamation
 * mark or semicolon (full-width or ASCII) or an ellipsis, together with the closing quotes and brackets right after
 * it (“……。”), and at every line break.  An ASCII '.' ends a sentence only before a space or the end, so 3.5 and
 * www.example stay whole.  A sentence longer than SENTENCE_MAX bytes (a run-on task of a work plan, a hostile
 * paragraph without a stop) is cut after its last comma before that, or at the limit when it has none: what is
 * highlighted stays on a screen and what is synthesised at once stays bounded. */
#include "zwgk/speech.h"
#include "zwgk/text.h"

#include <stdbool.h>

#define SENTENCE_MAX 600 /* bytes: some 200 characters, a minute of speech */

static bool is_end(uint32_t cp)
{
    return cp == 0x3002 /* 。 */ || cp == 0xFF01 /* ！ */ || cp == 0xFF1F /* ？ */ || cp == 0xFF1B /* ； */ ||
           cp == '!' || cp == '?' || cp == ';' || cp == 0x2026 /* … */ || cp == 0xFF61 /* ｡ */;
}

static bool is_comma(uint32_t cp)
{
    return cp == 0xFF0C /* ， */ || cp == 0x3001 /* 、 */ || cp == 0xFF1A /* ： */ || cp == ',' || cp == ':';
}

static bool is_closing(uint32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0xFF09 || cp == ')' || cp == 0x300B || cp == 0x3009 || cp == 0x300D ||
           cp == 0x300F || cp == 0x3011 || cp == 0x3015 || cp == 0x3017 || cp == '"' || cp == '\'' || cp == 0x2026 ||
           cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

/* Something to say: a letter, digit or ideograph (anything but spaces, punctuation and symbols, roughly). */
static bool is_sayable(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp >= 0x3000 && cp <= 0x303F) /* CJK punctuation; 〇 (U+3007) is a numeral */
        return cp == 0x3007;
    if (cp >= 0xFF00 && cp <= 0xFFEF) /* full-width forms: their digits and letters */
        return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
    if (cp >= 0x2000 && cp <= 0x2BFF) /* general punctuation, arrows, shapes */
        return false;
    return cp != TEXT_REPLACEMENT && cp != 0xA0 && cp != 0xB7;
}

size_t speech_sentences(const char *s, size_t len, speech_span_t *out, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len) {
        /* skip what precedes the sentence: spaces and line breaks */
        size_t adv;
        while (i < len) {
            uint32_t cp = utf8_decode(s + i, len - i, &adv);
            if (!(text_is_space(cp) || cp == '\n' || cp == '\r'))
                break;
            i += adv;
        }
        size_t start = i, end = i, comma = 0;
        bool sayable = false;
        while (i < len) {
            uint32_t cp = utf8_decode(s + i, len - i, &adv);
            if (cp == '\n' || cp == '\r')
                break;
            if (i + adv - start > SENTENCE_MAX) { /* too long: back to its last comma, if there is one */
                if (comma > start)
                    i = end = comma;
                break;
            }
            i += adv;
            if (is_comma(cp))
                comma = i;
            sayable |= is_sayable(cp);
            if (!text_is_space(cp))
                end = i;
            bool stop = is_end(cp);
            if (cp == '.' && (i == len || s[i] == ' ' || s[i] == '\n'))
                stop = true;
            if (stop) {
                while (i < len) { /* the closing marks that belong to it */
                    uint32_t next = utf8_decode(s + i, len - i, &adv);
                    if (!is_closing(next) && !is_end(next))
                        break;
                    i += adv;
                    end = i;
                }
                break;
            }
        }
        if (sayable && end > start) {
            if (n < max)
                out[n] = (speech_span_t){start, end};
            n++;
        }
    }
    return n;
}
