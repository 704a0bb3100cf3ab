/* i18n.c — choosing the message language and finding the catalog (zwgk/i18n.h).
 *
 * It lives in the text module because every program and library links text.  The catalog's place is found at run
 * time, not compiled in as a build-tree path: a binary in the build tree finds build/locale beside it, an installed
 * one the LOCALEDIR it was configured with, and a test may point anywhere with ZWGK_LOCALEDIR. */
#include "zwgk/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ZWGK_LOCALEDIR
#define ZWGK_LOCALEDIR "/usr/share/locale"
#endif

static int chinese;

/* The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty: what setlocale(LC_MESSAGES, "") reads. */
static const char *requested_locale(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v;
    }
    return "";
}

/* The folder "locale" beside /proc/self/exe when it holds our catalog, else NULL. */
static const char *locale_beside_exe(char *buf, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    if (n <= 0 || (size_t)n >= cap - 1)
        return NULL;
    buf[n] = 0;
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    static const char tail[] = "/locale";
    if ((size_t)(slash - buf) + sizeof tail > cap)
        return NULL;
    memcpy(slash, tail, sizeof tail);
    struct stat st;
    return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? buf : NULL;
}

void zwgk_i18n_init(void)
{
    const char *want = requested_locale();
    chinese = want[0] == 'z' && want[1] == 'h';
    if (!setlocale(LC_MESSAGES, "") && chinese) {
        /* zh_CN.UTF-8 asked for but not generated: glibc honours LANGUAGE under any locale but plain "C". */
        if (setlocale(LC_MESSAGES, "C.UTF-8")) {
            const char *lang = getenv("LANGUAGE");
            if (!lang || !*lang)
                setenv("LANGUAGE", "zh_CN", 1);
        }
    }
    static char exe_dir[PATH_MAX];
    const char *dir = getenv("ZWGK_LOCALEDIR");
    if (!dir || !*dir)
        dir = locale_beside_exe(exe_dir, sizeof exe_dir);
    if (!dir)
        dir = ZWGK_LOCALEDIR;
    bindtextdomain(ZWGK_TEXTDOMAIN, dir);
    bind_textdomain_codeset(ZWGK_TEXTDOMAIN, "UTF-8");
    /* strerror() and friends come from glibc's own catalog in LC_CTYPE's charset, which stays the C locale's ASCII:
     * without this a Chinese system printed "?????" for "文件已存在". */
    bind_textdomain_codeset("libc", "UTF-8");
}

int zwgk_i18n_chinese(void)
{
    return chinese;
}
