/* config.c — reading the kiosk's key = value configuration file (zwgk/config.h). */
#include "zwgk/config.h"
#include "zwgk/i18n.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void config_defaults(config_t *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->kiosk_id, sizeof c->kiosk_id, "kiosk");
    c->idle_seconds = 90;
    c->countdown_seconds = 10;
    c->reading_idle_seconds = 180; /* an elderly reader takes minutes over a page */
    c->listen_idle_seconds = 600;  /* 朗读 of a long document: ten minutes, then the countdown as always */
    c->max_package_mb = 512;
    snprintf(c->font_regular, sizeof c->font_regular, "%s", ZWGK_FONT_REGULAR);
    snprintf(c->font_bold, sizeof c->font_bold, "%s", ZWGK_FONT_BOLD);
    c->font_face = ZWGK_FONT_FACE;
    c->volume = 80;
    c->print_limit = 5;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = 0;
    return s;
}

static int parse_int(const char *v, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi)
        return -1;
    *out = n;
    return 0;
}

static int set_str(char *dst, size_t cap, const char *v)
{
    if (strlen(v) >= cap)
        return -1;
    memcpy(dst, v, strlen(v) + 1);
    return 0;
}

zwgk_result config_load(config_t *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, _("%s: cannot open: %s"), path, strerror(errno));
        return ZWGK_ERR_IO;
    }
    char buf[1024];
    int line = 0;
    zwgk_result r = ZWGK_OK;
    while (r == ZWGK_OK && fgets(buf, sizeof buf, f)) {
        line++;
        char *s = trim(buf);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, _("%s:%d: expected 'key = value'"), path, line);
            r = ZWGK_ERR_INVALID;
            break;
        }
        *eq = 0;
        char *key = trim(s), *val = trim(eq + 1);
        long long n = 0;
        int bad = 0;
        if (!strcmp(key, "kiosk_id"))
            bad = set_str(c->kiosk_id, sizeof c->kiosk_id, val);
        else if (!strcmp(key, "publisher_id"))
            bad = set_str(c->publisher_id, sizeof c->publisher_id, val);
        else if (!strcmp(key, "idle_seconds"))
            bad = parse_int(val, 10, 86400, &n) || (c->idle_seconds = (int)n, 0);
        else if (!strcmp(key, "reading_idle_seconds"))
            bad = parse_int(val, 10, 86400, &n) || (c->reading_idle_seconds = (int)n, 0);
        else if (!strcmp(key, "listen_idle_seconds"))
            bad = parse_int(val, 10, 86400, &n) || (c->listen_idle_seconds = (int)n, 0);
        else if (!strcmp(key, "countdown_seconds"))
            bad = parse_int(val, 3, 600, &n) || (c->countdown_seconds = (int)n, 0);
        else if (!strcmp(key, "rotation"))
            bad = parse_int(val, 0, 270, &n) || n % 90 || (c->rotation = (int)n, 0);
        else if (!strcmp(key, "max_package_mb"))
            bad = parse_int(val, 1, 1 << 20, &n) || (c->max_package_mb = n, 0);
        else if (!strcmp(key, "font_regular"))
            bad = set_str(c->font_regular, sizeof c->font_regular, val);
        else if (!strcmp(key, "font_bold"))
            bad = set_str(c->font_bold, sizeof c->font_bold, val);
        else if (!strcmp(key, "font_face"))
            bad = parse_int(val, 0, 64, &n) || (c->font_face = (int)n, 0);
        else if (!strcmp(key, "trusted_key")) {
            bad = c->ntrusted_keys >= CONFIG_MAX_LIST ||
                  set_str(c->trusted_keys[c->ntrusted_keys], sizeof c->trusted_keys[0], val);
            if (!bad)
                c->trusted_key_lines[c->ntrusted_keys++] = line;
        } else if (!strcmp(key, "printer"))
            bad = set_str(c->printer, sizeof c->printer, val);
        else if (!strcmp(key, "print_limit"))
            bad = parse_int(val, 0, 100, &n) || (c->print_limit = (int)n, 0);
        else if (!strcmp(key, "watch"))
            bad = c->nwatch >= CONFIG_MAX_LIST || set_str(c->watch[c->nwatch++], sizeof c->watch[0], val);
        else if (!strcmp(key, "tts_command"))
            bad = set_str(c->tts_command, sizeof c->tts_command, val);
        else if (!strcmp(key, "volume"))
            bad = parse_int(val, 0, 100, &n) || (c->volume = (int)n, 0);
        else {
            snprintf(err, errlen, _("%s:%d: unknown key '%s'"), path, line, key);
            r = ZWGK_ERR_INVALID;
            break;
        }
        if (bad) {
            snprintf(err, errlen, _("%s:%d: %s: '%s' is not a valid value"), path, line, key, val);
            r = ZWGK_ERR_INVALID;
        }
    }
    fclose(f);
    return r;
}
