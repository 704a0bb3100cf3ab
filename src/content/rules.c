/* rules.c — rules on values stored in a content database, written once and used by both sides: the authoring tool
 * reports a broken value at its file:line (src/author/validate.c), and the install check refuses a package that holds
 * one (src/package/dbcheck.c), so a value `zwgk-admin check` accepts is exactly a value a kiosk installs. */
#include "zwgk/schema.h"
#include "zwgk/i18n.h"

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
