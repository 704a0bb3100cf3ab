/* pinyin.c — looking up the generated pinyin table (zwgk/pinyin.h).
 *
 * The table (pinyin_table.c in the build folder) holds about 40,000 code points in a sorted array, so a lookup is a
 * binary search: a few hundred nanoseconds, no allocation, no initialisation, safe from any thread.  The search index
 * builder calls it for every character of every title, name and keyword; the kiosk never needs it at run time
 * because the index stores the readings it was built with. */
#include "pinyin_table.h"
#include "zwgk/pinyin.h"

#include <assert.h>

size_t pinyin_readings(uint32_t cp, const char **out, size_t max)
{
    assert(out || max == 0);
    size_t lo = 0, hi = pinyin_table_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pinyin_table_cps[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == pinyin_table_count || pinyin_table_cps[lo] != cp)
        return 0;
    uint32_t info = pinyin_table_info[lo];
    size_t first = info >> 4, n = info & 15u;
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = pinyin_table_syllables[pinyin_table_readings[first + i]];
    return n;
}

const char *pinyin_data_version(void)
{
    return pinyin_table_version;
}
