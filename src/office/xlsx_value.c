/* xlsx_value.c — a cell's text as Excel shows it: escapes, numbers, dates, and cell references.
 *
 * SpreadsheetML stores text with its own escape for characters XML cannot carry (_x000D_ is a carriage return,
 * _x005F_ a literal underscore before something that looks like an escape); line breaks typed with Alt+Enter are LF.
 * Numbers are doubles: shown as Excel's General format shows them (15 significant digits, no trailing zeros), as a
 * percentage when the cell's format says so, and as a date or time when the format is one.  Date serials count days
 * from 1899-12-30 in the 1900 system — which keeps Lotus 1-2-3's fictitious 1900-02-29 as serial 60 — or from
 * 1904-01-01 in the 1904 system of old Mac workbooks; the fraction is the time of day. */
#include "xlsx_private.h"
#include "zwgk/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int hex4(const char *s, uint32_t *cp)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + (uint32_t)d;
    }
    *cp = v;
    return 0;
}

int office_text_append(office_buf_t *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t adv = 1;
        if (s[i] == '_' && n - i >= 7 && s[i + 1] == 'x' && s[i + 6] == '_' && hex4(s + i + 2, &cp) == 0) {
            adv = 7;
            if (cp == 0x5F && n - i - 7 >= 7 && s[i + 7] == '_' && s[i + 8] == 'x' && s[i + 13] == '_') {
                /* _x005F_ before an escape-shaped text: that text is literal */
                if (office_buf_put(b, s + i + 7, 7) != 0)
                    return -1;
                i += 14;
                continue;
            }
        } else {
            cp = utf8_decode(s + i, n - i, &adv);
        }
        if (cp == '\r') {
            cp = '\n';
            if (i + adv < n && s[i + adv] == '\n')
                adv++; /* CR LF */
            else if (n - i - adv >= 7 && !memcmp(s + i + adv, "_x000A_", 7))
                adv += 7;
        } else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0xD800 && cp <= 0xDFFF) ||
                   cp == 0xFFFE || cp == 0xFFFF) {
            cp = TEXT_REPLACEMENT;
        }
        char enc[4];
        if (office_buf_put(b, enc, utf8_encode(cp, enc)) != 0)
            return -1;
        i += adv;
    }
    return 0;
}

const char *office_number_text(double v, char buf[32])
{
    if (!isfinite(v)) {
        snprintf(buf, 32, "#NUM!");
        return buf;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, 32, "%.0f", v == 0 ? 0.0 : v); /* never "-0" */
        return buf;
    }
    snprintf(buf, 32, "%.15g", v);
    char *e = strchr(buf, 'e');
    char *dot = strchr(buf, '.');
    if (dot && !e) { /* %g already drops trailing zeros; keep the code honest if it did not */
        size_t n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[n - 1] = '\0';
    }
    if (e) { /* 1.5e+20 → 1.5E+20, as Excel writes it */
        *e = 'E';
    }
    return buf;
}

/* Civil date of a day count from 1970-01-01 (Howard Hinnant's algorithm, exact for every Excel date). */
static void civil_from_days(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long yy = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int xlsx_date_text(double serial, int date1904, int kind, char buf[32])
{
    if (!isfinite(serial) || serial < 0 || serial >= 2958466.0)
        return -1; /* after 9999-12-31: Excel shows ##### */
    long long days = (long long)floor(serial);
    long long secs = llround((serial - (double)days) * 86400.0);
    if (secs >= 86400) {
        days++;
        secs -= 86400;
    }
    int y = 1900, m = 2, d = 29;
    if (date1904)
        civil_from_days(days - 24107, &y, &m, &d); /* 1904-01-01 is day 24107 before 1970 */
    else if (days < 60)
        civil_from_days(days - 25568, &y, &m, &d); /* from 1899-12-31 */
    else if (days > 60)
        civil_from_days(days - 25569, &y, &m, &d); /* from 1899-12-30 */
    int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60), ss = (int)(secs % 60);
    if (kind == XF_TIME) {
        if (serial >= 1.0) /* elapsed time beyond a day: [h]:mm */
            hh += (int)(days * 24);
        if (ss)
            snprintf(buf, 32, "%02d:%02d:%02d", hh, mm, ss);
        else
            snprintf(buf, 32, "%02d:%02d", hh, mm);
    } else if (kind == XF_DATETIME && secs) {
        if (ss)
            snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mm, ss);
        else
            snprintf(buf, 32, "%04d-%02d-%02d %02d:%02d", y, m, d, hh, mm);
    } else {
        snprintf(buf, 32, "%04d-%02d-%02d", y, m, d);
    }
    return 0;
}

/* ---- cell references ---- */

const char *office_col_letters(uint32_t col, char buf[4])
{
    char tmp[4];
    int n = 0;
    uint32_t c = col + 1;
    while (c > 0 && n < 3) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (int k = 0; k < n; k++)
        buf[k] = tmp[n - 1 - k];
    buf[n] = '\0';
    return buf;
}

const char *office_cell_ref(uint32_t row, uint32_t col, char buf[16])
{
    char letters[4];
    snprintf(buf, 16, "%s%u", office_col_letters(col, letters), (unsigned)row);
    return buf;
}

int office_cell_ref_parse(const char *ref, uint32_t *row, uint32_t *col)
{
    const char *p = ref;
    uint32_t c = 0, r = 0;
    int letters = 0, digits = 0;
    if (*p == '$')
        p++;
    while (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') && letters < 4) {
        c = c * 26 + (uint32_t)((*p | 0x20) - 'a' + 1);
        p++;
        letters++;
    }
    if (*p == '$')
        p++;
    while (*p >= '0' && *p <= '9' && digits < 8) {
        r = r * 10 + (uint32_t)(*p - '0');
        p++;
        digits++;
    }
    if (*p || letters == 0 || letters > 3 || digits == 0 || r < 1 || r > 1048576 || c < 1 || c > 16384)
        return -1;
    *row = r;
    *col = c - 1;
    return 0;
}
