/* config.h — the kiosk's configuration file.
 *
 * A plain `key = value` file (lines starting with # are comments) that a county admin edits once per kiosk, e.g.
 * /etc/zwgk-kiosk/kiosk.conf.  Unknown keys are errors with their line, so a typo never silently does nothing.
 * Repeatable keys (trusted_key, watch) accumulate. */
#ifndef ZWGK_CONFIG_H
#define ZWGK_CONFIG_H

#include "zwgk/result.h"

#include <stddef.h>

#define CONFIG_MAX_LIST 8

typedef struct config {
    char kiosk_id[64];        /* names stats exports; default "kiosk" */
    char publisher_id[64];    /* the only publisher whose packages this kiosk accepts; "" = take the first one */
    int idle_seconds;         /* no touch for this long → countdown; default 90 */
    int countdown_seconds;    /* the countdown's length; default 10 */
    int reading_idle_seconds; /* the same on a reading screen (a document, a guide, a list): default 180 */
    int listen_idle_seconds;  /* while 朗读 plays (listening needs no touch): default 600, then the countdown */
    int rotation;             /* 0, 90, 180, 270 */
    long long max_package_mb; /* size cap for a package; default 512 */
    char font_regular[512], font_bold[512];
    int font_face;
    char trusted_keys[CONFIG_MAX_LIST][128]; /* minisign public keys (base64 line) */
    int trusted_key_lines[CONFIG_MAX_LIST];  /* the line of each in the config file (0: not from a file) */
    int ntrusted_keys;
    char watch[CONFIG_MAX_LIST][512]; /* drop folders to watch besides removable media */
    int nwatch;
    char tts_command[512]; /* 朗读: "PROGRAM ARGS" reading text on stdin, writing a WAV on stdout; "" = built-in */
    int volume;            /* 朗读's loudness, 0-100; default 80 */
    char printer[128];     /* the CUPS queue 打印 sends to; "" = CUPS's default destination */
    int print_limit;       /* pages one citizen may print in a session (until the idle reset); 0 = no 打印 button */
} config_t;

/* Fills c with the defaults. */
void config_defaults(config_t *c);

/* Reads path over the current values of c.  On a problem returns ZWGK_ERR_INVALID (or ZWGK_ERR_IO) and writes
 * "path:line: what is wrong" into err; c keeps every value read before the problem. */
zwgk_result config_load(config_t *c, const char *path, char *err, size_t errlen);

#endif
