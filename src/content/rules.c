/* rules.c — rules on values stored in a content database, written once and used by both sides: the authoring tool
 * reports a broken value at its file:line (src/author/validate.c), and the install check refuses a package that holds
 * one (src/package/dbcheck.c), so a value `zwgk-admin check` accepts is exactly a value a kiosk installs. */
#include "zwgk/schema.h"
#include "zwgk/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reasons are English msgids marked for translation; callers show them with _(). */
const char *content_url_problem(const char *url)
{
    size_t n = strlen(url);
    if (n > 2000)
        return N_("is longer than 2000 bytes");
    if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
        return N_("must start with http:// or https://");
    const char *host = url + (url[4] == 's' ? 8 : 7);
    if (!*host || *host == '/')
        return N_("has no host name");
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p <= 0x20 || *p == 0x7f)
            return N_("contains a space or a control character (write spaces as %20)");
        if (*p >= 0x80)
            return N_("contains a non-ASCII character (percent-encode it, e.g. with the browser's copied address)");
    }
    return NULL;
}

const char *content_version_problem(const char *text, long long *out)
{
    char *end;
    if (!text || !*text)
        return N_("is missing");
    for (const char *p = text; *p; p++)
        if (*p < '0' || *p > '9') /* no sign, no blank, no hex: exactly what a version looks like */
            return N_("is not a positive whole number (e.g. 2024110101)");
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (*end || v <= 0 || errno == ERANGE) /* a saturated LLONG_MAX could never be increased again */
        return N_("is not a positive whole number below 9223372036854775807 (e.g. 2024110101)");
    if (out)
        *out = v;
    return NULL;
}

const char *content_publisher_id_problem(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n == 0)
        return N_("is missing");
    if (n > 63)
        return N_("is longer than 63 characters");
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return N_("may contain only a-z, 0-9 and '-'");
    return NULL;
}

const char *content_date_problem(const char *s)
{
    int y, m, d;
    char tail;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return N_("is not a date (YYYY-MM-DD)");
    for (int i = 0; i < 10; i++) /* digits only: sscanf's %d alone would take a sign or a space */
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return N_("is not a date (YYYY-MM-DD)");
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return N_("is not a date (YYYY-MM-DD)");
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
        (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
        return N_("is not a date (YYYY-MM-DD)");
    return NULL;
}
