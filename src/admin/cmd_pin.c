/* cmd_pin.c — `zwgk-admin pin`: sets a kiosk's admin PIN in its local.db (stored as an Argon2id hash). */
#include "admin.h"
#include "zwgk/i18n.h"
#include "zwgk/pin.h"

#include <string.h>

int admin_pin(int argc, char **argv)
{
    const char *data = NULL, *pin = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--pin") && i + 1 < argc)
            pin = argv[++i];
        else {
            fprintf(stderr, "%s", _("usage: zwgk-admin pin --data DIR [--pin DIGITS]\n"));
            return 2;
        }
    }
    if (!data) {
        fprintf(stderr, "%s", _("usage: zwgk-admin pin --data DIR [--pin DIGITS]\n"));
        return 2;
    }
    char line[64];
    if (!pin) { /* from standard input, so the PIN is not left in the shell history */
        fprintf(stderr, _("new admin PIN (%d-%d digits): "), PIN_MIN_DIGITS, PIN_MAX_DIGITS);
        if (!fgets(line, sizeof line, stdin)) {
            fprintf(stderr, "%s", _("\nzwgk-admin pin: no PIN given\n"));
            return 1;
        }
        line[strcspn(line, "\r\n")] = 0;
        pin = line;
    }
    char err[512];
    if (admin_become_owner(data, "pin") < 0)
        return 1;
    local_t *l = local_open(data, err, sizeof err);
    if (!l) {
        fprintf(stderr, _("zwgk-admin pin: %s\n"), err);
        return 1;
    }
    zwgk_result r = pin_set(l, pin);
    local_close(l);
    if (r == ZWGK_ERR_INVALID) {
        fprintf(stderr, _("zwgk-admin pin: a PIN is %d to %d digits\n"), PIN_MIN_DIGITS, PIN_MAX_DIGITS);
        return 1;
    }
    if (r != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin pin: cannot store the PIN: %s\n"), zwgk_result_str(r));
        return 1;
    }
    printf(_("admin PIN set in %s/local.db\n"), data);
    return 0;
}
