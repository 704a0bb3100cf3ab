/* search_text.c — the characters search sees (zwgk/schema.h), shared by the index builder and the searcher.
 *
 * Both sides must cut text identically or a query cannot find what was indexed, so this is the one place that
 * decides.  The rule is deliberately simple and has no tables beyond a few ranges: a citizen's keyboard has letters
 * and digits only, and a document's punctuation (〔〕《》，、) is never something anyone searches for, so punctuation,
 * spaces and symbols are dropped rather than kept as separators, and case and full-width forms are folded.  What is
 * left — letters, digits, ideographs — is compared code point by code point. */
#include "zwgk/schema.h"

#include "zwgk/text.h"

uint32_t search_fold(uint32_t cp)
{
    if (cp < 0x80u) {
        if (cp >= 'A' && cp <= 'Z')
            return cp - 'A' + 'a';
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            return cp;
        return 0;
    }
    if (cp >= 0xFF10u && cp <= 0xFF19u) /* full-width digits */
        return cp - 0xFF10u + '0';
    if (cp >= 0xFF21u && cp <= 0xFF3Au) /* full-width A-Z */
        return cp - 0xFF21u + 'a';
    if (cp >= 0xFF41u && cp <= 0xFF5Au) /* full-width a-z */
        return cp - 0xFF41u + 'a';
    if (cp == 0x3005u || cp == 0x3007u) /* 々 and 〇 are word characters inside the CJK punctuation block */
        return cp;
    static const struct {
        uint32_t lo, hi;
    } drop[] = {
        {0x0080u, 0x00BFu},   /* C1 controls, Latin-1 punctuation and symbols */
        {0x00D7u, 0x00D7u},   /* × */
        {0x00F7u, 0x00F7u},   /* ÷ */
        {0x0300u, 0x036Fu},   /* combining marks */
        {0x2000u, 0x2BFFu},   /* general punctuation, zero-width, symbols, arrows, math, box drawing, shapes */
        {0x2E00u, 0x2E7Fu},   /* supplemental punctuation */
        {0x3000u, 0x303Fu},   /* CJK symbols and punctuation: 、。〔〕《》「」 and the ideographic space */
        {0x3200u, 0x33FFu},   /* enclosed CJK letters, CJK compatibility squares */
        {0xD800u, 0xF8FFu},   /* surrogates, private use */
        {0xFE10u, 0xFE1Fu},   /* vertical forms */
        {0xFE30u, 0xFE6Fu},   /* CJK compatibility forms, small forms */
        {0xFEFFu, 0xFEFFu},   /* BOM */
        {0xFF00u, 0xFF65u},   /* the rest of full-width ASCII and half-width punctuation */
        {0xFFE0u, 0xFFFFu},   /* full-width symbols, specials, U+FFFD */
        {0x1F000u, 0x1FAFFu}, /* mahjong, cards, enclosed alphanumerics, emoji */
        {0xE0000u, 0x10FFFFu} /* tags, variation selectors, private use planes */
    };
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        if (cp >= drop[i].lo && cp <= drop[i].hi)
            return 0;
    return cp;
}

uint32_t search_next_char(const char *s, size_t len, size_t *pos, size_t *start)
{
    while (*pos < len) {
        size_t at = *pos, adv;
        uint32_t cp = search_fold(utf8_decode(s + at, len - at, &adv));
        *pos = at + adv;
        if (cp) {
            *start = at;
            return cp;
        }
    }
    return 0;
}
