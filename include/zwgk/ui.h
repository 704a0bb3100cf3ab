/* ui.h — the kiosk's user interface: window, screens, input, idle handling, script automation, UI dump.
 *
 * ui_run owns the whole life of the kiosk's window.  The program's main only parses flags into ui_options_t. */
#ifndef ZWGK_UI_H
#define ZWGK_UI_H

#include "zwgk/config.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct ui_options {
    const char *content_path;     /* content database to show */
    const char *data_dir;         /* the kiosk's own data folder (local.db, installed content) */
    const char *script_path;      /* replay this script, then exit (virtual clock) */
    const char *dump_path;        /* keep a JSON description of the current screen here */
    int windowed_w, windowed_h;   /* > 0: a window of this size instead of full screen */
    const char *frame_stats_path; /* benchmarks: at exit, write per-frame CPU times, first-frame time, peak RSS */
    config_t config;
} ui_options_t;

/* Runs the kiosk until it is told to quit (script end, `quit`, or the admin's exit).  Returns the process exit code:
 * 0, or 1 with the reason on stderr (a script line that failed names its line). */
int ui_run(const ui_options_t *opt);

/* The exit code of "退出到桌面" in admin mode: the systemd unit does not restart the kiosk on it. */
#define UI_EXIT_TO_DESKTOP 64

/* Renders what the kiosk shows for the document whose source id is `doc` (opt: content path, window size, fonts)
 * at reading size step size_step (0–3) into png; with all_pages, every page as png, png-2, png-3….  Used by
 * `zwgk-admin preview`.  Returns 0, or 1 with the reason on stderr. */
int ui_preview(const ui_options_t *opt, const char *doc, int size_step, const char *png, bool all_pages);

/* Many documents in one session (`zwgk-admin review`: fonts and content opened once).  ui_preview_open runs the
 * kiosk's screens headless on opt->content_path at reading size step size_step; NULL with the reason on stderr
 * (prefixed with who).  Close with ui_preview_close (accepts NULL). */
typedef struct ui_preview ui_preview_t;
ui_preview_t *ui_preview_open(const ui_options_t *opt, int size_step, const char *who);
void ui_preview_close(ui_preview_t *p);
/* Opens document `doc` (source id) from home, as the kiosk does, and writes each page the pager turns to — up to
 * max_pages — as png, png-2, png-3 … (zlib_level: see render_screenshot_level; -1 the default).  With log, prints
 * "wrote PATH" for each; with truncated, says whether pages were left after max_pages.  Returns the number of pages
 * written, or -1 with the reason on stderr (an unknown id, a file that cannot be written). */
int ui_preview_doc(ui_preview_t *p, const char *doc, const char *png, int max_pages, int zlib_level, FILE *log,
                   bool *truncated);

#endif
