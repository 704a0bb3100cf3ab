/* test_locale.h — a C test that reads messages sets their language itself (issue 9 §5), whatever the caller's
 * environment: LANG as given, nothing that overrides it, and the catalogs of the build (ZWGK_BUILD/locale) rather
 * than an installed copy.  zwgk_i18n_init sets LANGUAGE when zh_CN is not generated: unset here, so it is never
 * carried into a later LANG=C. */
#ifndef ZWGK_TEST_LOCALE_H
#define ZWGK_TEST_LOCALE_H

#include "zwgk/i18n.h"

#include <stdio.h>
#include <stdlib.h>

static inline void use_locale(const char *lang)
{
    setenv("LANG", lang, 1);
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANGUAGE");
    if (getenv("ZWGK_BUILD")) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/locale", getenv("ZWGK_BUILD"));
        setenv("ZWGK_LOCALEDIR", dir, 1);
    }
    zwgk_i18n_init();
}

#endif
