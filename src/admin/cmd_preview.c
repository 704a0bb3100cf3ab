/* cmd_preview.c — `zwgk-admin preview`: what the kiosk will show for a document, as PNG, for reviewers (三审)
 * before anything is signed.  It runs the kiosk's own screens headless, so the picture is the kiosk's, not an
 * approximation. */
#include "admin.h"
#include "zwgk/i18n.h"
#include "zwgk/ui.h"

#include <stdlib.h>
#include <string.h>

int admin_preview(int argc, char **argv)
{
    ui_options_t opt = {0};
    config_defaults(&opt.config);
    opt.windowed_w = 1080;
    opt.windowed_h = 1920;
    const char *db = NULL, *doc = NULL, *out = NULL;
    int step = 0;
    bool all = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(a, "--size") && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &opt.windowed_w, &opt.windowed_h) != 2 || opt.windowed_w < 320 ||
                opt.windowed_h < 320 || opt.windowed_w > 8192 || opt.windowed_h > 8192) {
                fprintf(stderr, "%s", _("zwgk-admin preview: --size wants WxH, e.g. 1080x1920\n"));
                return 2;
            }
        } else if (!strcmp(a, "--step") && i + 1 < argc) {
            step = atoi(argv[++i]);
            if (step < 0 || step > 3) {
                fprintf(stderr, "%s", _("zwgk-admin preview: --step is 0 (40 px) to 3 (72 px)\n"));
                return 2;
            }
        } else if (!strcmp(a, "--all-pages"))
            all = true;
        else if (a[0] != '-' && !db)
            db = a;
        else if (a[0] != '-' && !doc)
            doc = a;
        else {
            fprintf(stderr, "%s",
                    _("usage: zwgk-admin preview DB DOC_ID -o page.png [--size WxH] [--step N] [--all-pages]\n"));
            return 2;
        }
    }
    if (!db || !doc || !out) {
        fprintf(stderr, "%s",
                _("usage: zwgk-admin preview DB DOC_ID -o page.png [--size WxH] [--step N] [--all-pages]\n"));
        return 2;
    }
    /* Headless unless the caller chose a driver: a reviewer's laptop or a CI box needs no screen. */
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    /* no GL for the window surface either: Mesa loaded only to be unloaded costs time and leaks at exit */
    setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 0);
    opt.content_path = db;
    return ui_preview(&opt, doc, step, out, all);
}
