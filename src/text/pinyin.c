/* pinyin.c — looking up the generated pinyin table (zwgk/pinyin.h).
 *
 * The table (pinyin_table.c in the build folder) holds about 40,000 code points in a sorted array, so a lookup is a
 * binary search: a few hundred nanoseconds, no allocation, no initialisation, safe from any thread.  The search index
 * builder calls it for every character of every title, name and keyword; the kiosk's search never needs it at run
 * time because the index stores the readings it was built with.  Read-aloud (src/speech) asks for the toned readings
 * of every character it speaks. */
#include "pinyin_table.h"
#include "zwgk/pinyin.h"

#include <assert.h>
#include <string.h>

/* The index of cp in the table, or pinyin_table_count when it has no reading. */
static size_t find(uint32_t cp)
{
    size_t lo = 0, hi = pinyin_table_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pinyin_table_cps[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < pinyin_table_count && pinyin_table_cps[lo] == cp ? lo : pinyin_table_count;
}

size_t pinyin_readings(uint32_t cp, const char **out, size_t max)
{
    assert(out || max == 0);
    size_t lo = find(cp);
    if (lo == pinyin_table_count)
        return 0;
    uint32_t info = pinyin_table_info[lo];
    size_t first = info >> 4, n = info & 15u;
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = pinyin_table_syllables[pinyin_table_readings[first + i]];
    return n;
}

size_t pinyin_toned_readings(uint32_t cp, pinyin_toned_t *out, size_t max)
{
    assert(out || max == 0);
    size_t at = find(cp);
    if (at == pinyin_table_count)
        return 0;
    uint32_t info = pinyin_table_tinfo[at];
    size_t first = info >> 4, n = info & 15u;
    for (size_t i = 0; i < n && i < max; i++) {
        uint16_t v = pinyin_table_toned[first + i];
        out[i] = (pinyin_toned_t){pinyin_table_syllables[v >> 3], v & 7};
    }
    return n;
}

bool pinyin_syllable_known(const char *s)
{
    size_t lo = 0, hi = pinyin_table_nsyllables; /* the generator wrote them sorted */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(pinyin_table_syllables[mid], s);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

const char *pinyin_data_version(void)
{
    return pinyin_table_version;
}
