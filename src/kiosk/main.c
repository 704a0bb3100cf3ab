/* main.c — zwgk-kiosk: parses its flags and hands over to the UI.
 *
 * The flags are a contract that tests, benchmarks and deployment rely on (see --help and the README). */
#include "zwgk/config.h"
#include "zwgk/i18n.h"
#include "zwgk/ui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The content shown without --content: demo.db beside the executable when there is one (a build tree: build/demo.db
 * beside build/zwgk-kiosk), else the installed demo ZWGK_DEFAULT_CONTENT.  No build-tree path is compiled in. */
static const char *default_content(void)
{
    static char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n > 0 && (size_t)n < sizeof path - 1) {
        path[n] = 0;
        char *slash = strrchr(path, '/');
        static const char name[] = "demo.db";
        if (slash && (size_t)(slash + 1 - path) + sizeof name <= sizeof path) {
            memcpy(slash + 1, name, sizeof name);
            if (access(path, R_OK) == 0)
                return path;
        }
    }
    return ZWGK_DEFAULT_CONTENT;
}

static void usage(FILE *f)
{
    /* Read by the county admin who installs the kiosk: Chinese on a Chinese system (po/zh_CN/kiosk_main.po). */
    fprintf(f,
            _("usage: zwgk-kiosk [--content DB] [--data DIR] [--windowed WxH] [--script FILE] [--ui-dump FILE]\n"
              "                  [--watch DIR]... [--config FILE]\n\n"
              "The full-screen kiosk of a 政务公开专区.\n\n"
              "  --content DB     content database to show (default: the bundled demo, %s)\n"
              "  --data DIR       the kiosk's own data folder (local.db, installed content)\n"
              "  --windowed WxH   a window of this size instead of full screen (development; Escape quits)\n"
              "  --script FILE    replay FILE (tap X Y, drag X1 Y1 X2 Y2 MS, key NAME, type TEXT, wait MS,\n"
              "                   shot FILE.png, dump FILE.json, press LABEL, seek LABEL, touch X Y, await MS,\n"
              "                   sleep MS, quit) with a virtual clock, then exit (await MS: real time, until slow\n"
              "                   work ends; sleep MS: real time, the clock still; while 朗读 plays, wait MS\n"
              "                   lasts until MS of audio has reached the sound device, unless it is SDL's dummy)\n"
              "  --ui-dump FILE   keep a JSON description of the current screen in FILE\n"
              "  --watch DIR      a drop folder to watch for signed packages (repeatable)\n"
              "  --config FILE    configuration (key = value; see assets/kiosk.conf)\n"
              "  --frame-stats FILE  benchmarks: write per-frame CPU time (median, p99), first-frame time and peak\n"
              "                   RSS as JSON at exit\n\n"
              "Headless: SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software.\n"),
            default_content());
}

int main(int argc, char **argv)
{
    zwgk_i18n_init(); /* what the package and local modules report reaches admin mode and the overlay in Chinese */
    ui_options_t opt = {0};
    config_defaults(&opt.config);
    opt.content_path = default_content();
    const char *config_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        }
        if (!v) {
            fprintf(stderr, _("zwgk-kiosk: unknown option or missing value: %s\n\n"), a);
            usage(stderr);
            return 2;
        }
        i++;
        if (!strcmp(a, "--content"))
            opt.content_path = v;
        else if (!strcmp(a, "--data"))
            opt.data_dir = v;
        else if (!strcmp(a, "--script"))
            opt.script_path = v;
        else if (!strcmp(a, "--ui-dump"))
            opt.dump_path = v;
        else if (!strcmp(a, "--config"))
            config_path = v;
        else if (!strcmp(a, "--frame-stats"))
            opt.frame_stats_path = v;
        else if (!strcmp(a, "--watch")) {
            if (opt.config.nwatch == CONFIG_MAX_LIST) {
                fprintf(stderr, _("zwgk-kiosk: at most %d --watch folders\n"), CONFIG_MAX_LIST);
                return 2;
            }
            snprintf(opt.config.watch[opt.config.nwatch++], sizeof opt.config.watch[0], "%s", v);
        } else if (!strcmp(a, "--windowed")) {
            if (sscanf(v, "%dx%d", &opt.windowed_w, &opt.windowed_h) != 2 || opt.windowed_w < 320 ||
                opt.windowed_h < 320 || opt.windowed_w > 16384 || opt.windowed_h > 16384) {
                fprintf(stderr, "%s", _("zwgk-kiosk: --windowed wants WxH, e.g. 1080x1920\n"));
                return 2;
            }
        } else {
            fprintf(stderr, _("zwgk-kiosk: unknown option %s\n\n"), a);
            usage(stderr);
            return 2;
        }
    }
    if (config_path) {
        char err[512];
        /* Read over the defaults, but keep --watch folders given on the command line. */
        config_t c = opt.config;
        if (config_load(&c, config_path, err, sizeof err) != ZWGK_OK) {
            fprintf(stderr, _("zwgk-kiosk: %s\n"), err);
            return 2;
        }
        opt.config = c;
    }
    return ui_run(&opt);
}
