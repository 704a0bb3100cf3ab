/* utf8.c — decoding, encoding and repairing UTF-8.
 *
 * Everything the kiosk shows arrives as bytes from files an admin edited in WPS or a text editor, so invalid UTF-8 is
 * a normal input, not an error: the edge turns each bad byte into U+FFFD and moves on.  The policy is deliberately the
 * simplest one that always makes progress — one U+FFFD per bad byte, never the "maximal subpart" rule — because then
 * every loop that calls utf8_decode advances by at least one byte and a byte offset is always a code point boundary
 * or inside exactly one well-formed sequence.  utf8_prev relies on that to walk backwards consistently.
 *
 * Well-formed means RFC 3629: no overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.  The
 * noncharacters U+FFFE/U+FFFF are well-formed and decode as themselves (text_break.c knows libunibreak 1.1 uses
 * U+FFFF as its end-of-string sentinel and keeps it away from it). */
#include "zwgk/text.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_cont(unsigned char b)
{
    return (b & 0xC0u) == 0x80u;
}

/* Decodes one well-formed sequence, or returns false (the caller then consumes one byte as U+FFFD). */
static bool decode_valid(const unsigned char *s, size_t len, uint32_t *cp, size_t *adv)
{
    unsigned char b0 = s[0];
    if (b0 < 0x80u) {
        *cp = b0;
        *adv = 1;
        return true;
    }
    if (b0 < 0xC2u || b0 > 0xF4u) /* continuation byte, overlong 2-byte lead (C0/C1), or beyond U+10FFFF */
        return false;
    if (b0 < 0xE0u) {
        if (len < 2 || !is_cont(s[1]))
            return false;
        *cp = ((uint32_t)(b0 & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        *adv = 2;
        return true;
    }
    if (b0 < 0xF0u) {
        if (len < 3 || !is_cont(s[1]) || !is_cont(s[2]))
            return false;
        uint32_t c = ((uint32_t)(b0 & 0x0Fu) << 12) | ((uint32_t)(s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        if (c < 0x800u || (c >= 0xD800u && c <= 0xDFFFu))
            return false;
        *cp = c;
        *adv = 3;
        return true;
    }
    if (len < 4 || !is_cont(s[1]) || !is_cont(s[2]) || !is_cont(s[3]))
        return false;
    uint32_t c = ((uint32_t)(b0 & 0x07u) << 18) | ((uint32_t)(s[1] & 0x3Fu) << 12) | ((uint32_t)(s[2] & 0x3Fu) << 6) |
                 (s[3] & 0x3Fu);
    if (c < 0x10000u || c > 0x10FFFFu)
        return false;
    *cp = c;
    *adv = 4;
    return true;
}

uint32_t utf8_decode(const char *s, size_t len, size_t *adv)
{
    assert(s && len > 0 && adv);
    uint32_t cp;
    if (decode_valid((const unsigned char *)s, len, &cp, adv))
        return cp;
    *adv = 1;
    return TEXT_REPLACEMENT;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    assert(out);
    unsigned char *o = (unsigned char *)out;
    if (cp > 0x10FFFFu || (cp >= 0xD800u && cp <= 0xDFFFu))
        cp = TEXT_REPLACEMENT;
    if (cp < 0x80u) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800u) {
        o[0] = (unsigned char)(0xC0u | (cp >> 6));
        o[1] = (unsigned char)(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp < 0x10000u) {
        o[0] = (unsigned char)(0xE0u | (cp >> 12));
        o[1] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
        o[2] = (unsigned char)(0x80u | (cp & 0x3Fu));
        return 3;
    }
    o[0] = (unsigned char)(0xF0u | (cp >> 18));
    o[1] = (unsigned char)(0x80u | ((cp >> 12) & 0x3Fu));
    o[2] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
    o[3] = (unsigned char)(0x80u | (cp & 0x3Fu));
    return 4;
}

bool utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    assert(s || len == 0);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80u) { /* ASCII dominates even Chinese text's markup and numbers: skip it cheaply */
            i++;
            continue;
        }
        uint32_t cp;
        size_t adv;
        if (!decode_valid(u + i, len - i, &cp, &adv)) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += adv;
    }
    return true;
}

char *utf8_sanitize(const char *s, size_t len)
{
    assert(s || len == 0);
    const unsigned char *u = (const unsigned char *)s;
    /* First pass sizes the result exactly: a bad byte grows to the three bytes of U+FFFD. */
    size_t need = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t adv;
        if (decode_valid(u + i, len - i, &cp, &adv)) {
            need += adv;
            i += adv;
        } else {
            need += 3;
            i++;
        }
    }
    char *out = malloc(need + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t adv;
        if (decode_valid(u + i, len - i, &cp, &adv)) {
            memcpy(out + o, s + i, adv);
            o += adv;
            i += adv;
        } else {
            o += utf8_encode(TEXT_REPLACEMENT, out + o);
            i++;
        }
    }
    assert(o == need);
    out[o] = '\0';
    return out;
}

size_t utf8_count(const char *s, size_t len)
{
    assert(s || len == 0);
    size_t n = 0, adv;
    for (size_t i = 0; i < len; i += adv, n++) {
        if ((unsigned char)s[i] < 0x80u)
            adv = 1;
        else
            (void)utf8_decode(s + i, len - i, &adv);
    }
    return n;
}

/* A byte that is not a continuation byte is never swallowed by the sequence before it, so forward decoding always
 * starts a code point there.  Scanning back to the nearest such byte (at most 4 back) and decoding forward from it
 * with len cut at pos therefore reproduces the forward walk: if that sequence ends exactly at pos it is the code
 * point, otherwise the byte before pos is a stray continuation byte that decoded on its own. */
size_t utf8_prev(const char *s, size_t pos)
{
    assert(s && pos > 0);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t k = 1; k <= 4 && k <= pos; k++) {
        if (!is_cont(u[pos - k])) {
            uint32_t cp;
            size_t adv;
            if (decode_valid(u + pos - k, k, &cp, &adv) && adv == k)
                return pos - k;
            break;
        }
    }
    return pos - 1;
}

/* True for the code points utf8_escape_controls writes as \u{NNNN}. */
static bool is_disguise(uint32_t cp)
{
    return (cp >= 0x80 && cp < 0xA0) || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

size_t utf8_escape_controls(const char *s, char *out, size_t cap)
{
    assert(out && cap > 0);
    size_t len = s ? strlen(s) : 0, o = 0;
    for (size_t i = 0; i < len;) {
        char piece[16];
        size_t n, adv = 1;
        unsigned char b = (unsigned char)s[i];
        uint32_t cp;
        if (b < 0x80u) {
            if (b == '\n' || b == '\r' || b == '\t')
                n = (size_t)snprintf(piece, sizeof piece, "\\%c", b == '\n' ? 'n' : b == '\r' ? 'r' : 't');
            else if (b < 0x20u || b == 0x7Fu)
                n = (size_t)snprintf(piece, sizeof piece, "\\x%02x", b);
            else {
                piece[0] = (char)b;
                n = 1;
            }
        } else if (!decode_valid((const unsigned char *)s + i, len - i, &cp, &adv)) {
            adv = 1;
            n = (size_t)snprintf(piece, sizeof piece, "\\x%02x", b);
        } else if (is_disguise(cp)) {
            n = (size_t)snprintf(piece, sizeof piece, "\\u{%04x}", (unsigned)cp);
        } else {
            memcpy(piece, s + i, adv);
            n = adv;
        }
        if (o + n >= cap)
            break;
        memcpy(out + o, piece, n);
        o += n;
        i += adv;
    }
    out[o] = '\0';
    return o;
}
