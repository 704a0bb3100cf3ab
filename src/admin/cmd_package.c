/* cmd_package.c — `zwgk-admin verify`, `install`, `rollback` and `status`: the kiosk's own package code, from a shell.
 *
 * install is exactly what the kiosk runs when a stick is plugged in (package_install), so a county admin — or a test
 * that kills it at random moments — exercises the real code path.  Every refusal prints its machine-readable reason
 * key, the technical detail and the Chinese sentence the kiosk would show.  Exit status: 0 accepted / healthy,
 * 1 refused / unhealthy, 2 usage. */
#include "admin.h"
#include "zwgk/config.h"
#include "zwgk/i18n.h"
#include "zwgk/local.h"
#include "zwgk/package.h"
#include "zwgk/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void admin_package_print_options(FILE *f, const char *command)
{
    static const struct {
        const char *command, *text;
    } help[] = {
        {"keygen", N_("  -p FILE            the public key to write (default zwgk.pub)\n"
                      "  -s FILE            the secret key to write (default zwgk.key; mode 0600, unencrypted,\n"
                      "                     the format of `minisign -G -W`)\n"
                      "  -f                 replace existing files\n"
                      "\nPrints the trusted_key line for kiosk.conf.  `minisign -G -W` makes an equivalent pair.\n")},
        {"sign", N_("  PKG                a content database (NAME.db); a database a kiosk would refuse is not signed\n"
                    "  --key FILE         the secret key (zwgk-admin keygen, or minisign -G -W)\n"
                    "\nWrites PKG.minisig: an ED signature whose trusted comment binds the file name, publisher,\n"
                    "content version, size and BLAKE2b-512.  `minisign -Vm PKG -p PUB` accepts it.\n")},
        {"verify",
         N_("  --trust KEY        a trusted public key: a .pub file or the base64 key (repeatable)\n"
            "  --publisher ID     accept only this publisher\n"
            "  --max-mb N         the size cap (default 512, as a kiosk)\n"
            "\nRuns every check of a kiosk on a private copy (in $TMPDIR), except the version comparison.\n")},
        {"install",
         N_("  --data DIR         the kiosk's data directory (local.db and content/)\n"
            "  --trust KEY        a trusted public key: a .pub file or the base64 key (repeatable)\n"
            "  --config FILE      take trusted keys, publisher_id and max_package_mb from a kiosk.conf\n"
            "  --publisher ID     accept only this publisher (default: the one the kiosk remembers)\n"
            "  --reinstall        allow the installed version again (never a lower one)\n"
            "  --max-mb N         the size cap (default 512)\n"
            "\nRun with sudo, it works as the data directory's owner (the kiosk's user), so that every file\n"
            "it makes stays the kiosk's; rollback, status and pin do the same.\n")},
        {"rollback", N_("  --data DIR         the kiosk's data directory\n"
                        "\nMakes the previous content current again (the current one becomes the previous one).\n")},
        {"status",
         N_("  --data DIR         the kiosk's data directory\n"
            "  -n N               history rows to show (default 20)\n"
            "  --repair           rebuild a damaged local.db (the damaged file is kept beside it), or make\n"
            "                     the previous content current when the current file is missing or damaged\n"
            "\nExits 1 when local.db is damaged or read-only, or the current content is missing, does not open\n"
            "or fails integrity_check.  Run with sudo, it works as the data directory's owner.\n")},
        {"stats", N_("  EXPORT...          <kiosk-id>-stats-<date>.csv files exported by kiosks\n"
                     "  --csv              print the merged counters as CSV instead of a report\n"
                     "  --top N            rows per section of the report (default 20)\n"
                     "  --html DIR         write DIR/index.html: a page with a chart and a table per question\n"
                     "                     (views per area and document, searches that found nothing, ratings per\n"
                     "                     document and kiosk with their reasons, trends by week); no network needed\n"
                     "  --content DB       with --html: name documents and areas by their titles from DB\n"
                     "\nCounters are cumulative: of several exports of one kiosk only the newest is counted (the\n"
                     "weekly trend of --html uses the growth between a kiosk's successive exports).\n")},
    };
    for (size_t i = 0; i < sizeof help / sizeof help[0]; i++)
        if (!strcmp(command, help[i].command))
            fputs(_(help[i].text), f);
}

typedef struct pkg_args {
    const char *pkg, *data, *config, *publisher;
    long long max_mb;
    int reinstall;
    minisign_pubkey_t keys[CONFIG_MAX_LIST * 2];
    size_t nkeys;
} pkg_args_t;

/* A --trust value: a key file when one exists at that path, else the base64 key itself. */
static int add_trust(pkg_args_t *a, const char *v)
{
    char err[512];
    if (a->nkeys >= sizeof a->keys / sizeof a->keys[0]) {
        fprintf(stderr, "%s", _("zwgk-admin: too many --trust keys\n"));
        return -1;
    }
    zwgk_result r = access(v, F_OK) == 0 ? minisign_pubkey_load(v, &a->keys[a->nkeys], err, sizeof err)
                                         : minisign_pubkey_parse(v, strlen(v), &a->keys[a->nkeys], err, sizeof err);
    if (r != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin: --trust %s: %s\n"), v, err);
        return -1;
    }
    a->nkeys++;
    return 0;
}

/* Parses the options of verify/install/rollback/status; 0 when fine. */
static int parse_args(int argc, char **argv, pkg_args_t *a, int want_pkg)
{
    memset(a, 0, sizeof *a);
    a->max_mb = 512;
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--trust") && v) {
            if (add_trust(a, v) != 0)
                return -1;
            i++;
        } else if (!strcmp(o, "--data") && v)
            a->data = argv[++i];
        else if (!strcmp(o, "--config") && v)
            a->config = argv[++i];
        else if (!strcmp(o, "--publisher") && v)
            a->publisher = argv[++i];
        else if (!strcmp(o, "--max-mb") && v)
            a->max_mb = atoll(argv[++i]);
        else if (!strcmp(o, "--reinstall"))
            a->reinstall = 1;
        else if (o[0] != '-' && want_pkg && !a->pkg)
            a->pkg = o;
        else {
            fprintf(stderr, _("zwgk-admin: unknown or incomplete option '%s'\n"), o);
            return -1;
        }
    }
    return want_pkg && !a->pkg ? -1 : 0;
}

/* Builds package options from the arguments and, with --config, the kiosk's configuration. */
static int make_options(pkg_args_t *a, config_t *cfg, package_options_t *opt)
{
    char err[512];
    memset(opt, 0, sizeof *opt);
    opt->max_bytes = a->max_mb * 1024 * 1024;
    if (a->config) {
        minisign_pubkey_t keys[CONFIG_MAX_LIST];
        config_defaults(cfg);
        if (config_load(cfg, a->config, err, sizeof err) != ZWGK_OK) {
            fprintf(stderr, _("zwgk-admin: %s\n"), err);
            return -1;
        }
        if (package_options_from_config(opt, keys, cfg, err, sizeof err) != ZWGK_OK) /* as the kiosk: go on */
            fprintf(stderr, _("zwgk-admin: warning: %s: %s\n"), a->config, err);
        for (size_t i = 0; i < opt->ntrusted_keys && a->nkeys < sizeof a->keys / sizeof a->keys[0]; i++)
            a->keys[a->nkeys++] = keys[i];
    }
    opt->trusted_keys = a->keys;
    opt->ntrusted_keys = a->nkeys;
    if (a->publisher)
        opt->publisher_id = a->publisher;
    opt->reinstall = a->reinstall;
    return 0;
}

/* Prints before + text + after with text's control characters escaped (utf8_escape_controls): a file name from a
 * stick or a trusted comment must never reach the terminal raw. */
static void print_escaped(const char *before, const char *text, const char *after)
{
    size_t cap = strlen(text) * 4 + 1;
    char *out = malloc(cap);
    if (out) {
        utf8_escape_controls(text, out, cap);
        printf("%s%s%s", before, out, after);
        free(out);
    } else
        printf("%s%s%s", before, _("(out of memory)"), after);
}

static void print_refusal(const char *cmd, const char *what, const package_result_t *res)
{
    char w[4100], d[sizeof res->detail * 4];
    utf8_escape_controls(what, w, sizeof w);
    utf8_escape_controls(res->detail, d, sizeof d);
    fprintf(stderr, _("zwgk-admin %s: %s: refused (%s): %s\n  %s\n"), cmd, w, package_reason_key(res->reason), d,
            res->message);
}

int admin_verify(int argc, char **argv)
{
    pkg_args_t a;
    config_t cfg;
    package_options_t opt;
    package_result_t res;
    if (parse_args(argc, argv, &a, 1) != 0 || a.data) {
        fprintf(stderr, "%s", _("usage: zwgk-admin verify PKG --trust PUB\n"));
        return 2;
    }
    if (make_options(&a, &cfg, &opt) != 0)
        return 2;
    if (package_verify(a.pkg, NULL, &opt, &res) != ZWGK_OK) {
        print_refusal("verify", a.pkg, &res);
        return 1;
    }
    char line[2400];
    snprintf(line, sizeof line, _("%s: valid: content version %lld of %s, signed by key %s"), a.pkg, res.version,
             res.publisher_id, res.key_id);
    print_escaped("", line, "\n");
    return 0;
}

/* Shows the install's progress on a terminal. */
static int show_progress(void *user, package_phase_t phase, unsigned long long done, unsigned long long total)
{
    static const char *const names[] = {N_("checking the signature"), N_("copying"), N_("verifying"), N_("installing")};
    (void)user;
    if (phase == PACKAGE_PHASE_COPY && total)
        fprintf(stderr, "\r%s %3llu%%", _(names[phase]), done * 100 / total);
    else
        fprintf(stderr, "\r%-24s", _(names[phase]));
    return 0;
}

int admin_install(int argc, char **argv)
{
    pkg_args_t a;
    config_t cfg;
    package_options_t opt;
    package_result_t res;
    if (parse_args(argc, argv, &a, 1) != 0 || !a.data) {
        fprintf(stderr, "%s",
                _("usage: zwgk-admin install PKG --data DIR --trust PUB [--publisher ID] [--reinstall]\n"));
        return 2;
    }
    if (make_options(&a, &cfg, &opt) != 0)
        return 2;
    int became = admin_become_owner(a.data, "install");
    if (became < 0)
        return 1;
    if (isatty(2))
        opt.progress = show_progress;
    zwgk_result r = package_install(a.pkg, a.data, &opt, &res);
    if (r != ZWGK_OK && became && (res.reason == PACKAGE_NOT_FOUND || res.reason == PACKAGE_SIG_MISSING) &&
        access(a.pkg, R_OK) != 0 && errno == EACCES)
        fprintf(stderr,
                _("zwgk-admin install: the data directory's owner cannot read %s: copy the package (and its "
                  ".minisig) somewhere that user can read, such as /tmp\n"),
                a.pkg);
    if (opt.progress)
        fprintf(stderr, "\r%-24s\r", "");
    if (r != ZWGK_OK) {
        print_refusal("install", a.pkg, &res);
        return 1;
    }
    char line[2400];
    snprintf(line, sizeof line, _("%s: installed content version %lld of %s (was %lld): %s"), a.pkg, res.version,
             res.publisher_id, res.installed_version, res.detail);
    print_escaped("", line, "\n");
    printf("  %s\n", res.message);
    return 0;
}

int admin_rollback(int argc, char **argv)
{
    pkg_args_t a;
    package_result_t res;
    if (parse_args(argc, argv, &a, 0) != 0 || !a.data) {
        fprintf(stderr, "%s", _("usage: zwgk-admin rollback --data DIR\n"));
        return 2;
    }
    if (admin_become_owner(a.data, "rollback") < 0)
        return 1;
    if (package_rollback(a.data, NULL, &res) != ZWGK_OK) {
        print_refusal("rollback", a.data, &res);
        return 1;
    }
    char line[2400];
    snprintf(line, sizeof line, "%s: %s", a.data, res.detail);
    print_escaped("", line, "\n");
    printf("  %s\n", res.message);
    return 0;
}

int admin_status(int argc, char **argv)
{
    const char *data = NULL;
    long rows = 20;
    int bad = 0, repair = 0;
    for (int i = 0; i < argc && !bad; i++) {
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "-n") && i + 1 < argc)
            rows = atol(argv[++i]);
        else if (!strcmp(argv[i], "--repair"))
            repair = 1;
        else
            bad = 1;
    }
    if (bad || !data || rows < 0) {
        fprintf(stderr, "%s", _("usage: zwgk-admin status --data DIR [-n N] [--repair]\n"));
        return 2;
    }
    char path[1200], err[512], publisher[64];
    snprintf(path, sizeof path, "%s/local.db", data);
    if (access(path, F_OK) != 0 && access(data, F_OK) != 0) {
        fprintf(stderr, _("zwgk-admin status: %s: no such folder: not a kiosk data directory\n"), data);
        return 1;
    }
    if (admin_become_owner(data, "status") < 0) /* even reading: opening local.db may make its -wal and -shm */
        return 1;
    if (repair) {
        package_result_t fix;
        if (package_repair(data, &fix) != ZWGK_OK) {
            print_refusal("status --repair", data, &fix);
            return 1;
        }
        printf(_("repair:           %s%s%s\n"), fix.message, fix.detail[0] ? "\n                  " : "", fix.detail);
    }
    local_open_problem_t why = LOCAL_OPEN_FINE;
    local_t *l = access(path, F_OK) == 0 ? local_open_checked(data, &why, err, sizeof err) : NULL;
    int readonly = 0;
    if (!l && why == LOCAL_OPEN_READONLY && (l = local_open_readonly(data, err, sizeof err)))
        readonly = 1;
    local_content_state_t st;
    if (l && local_content_state(l, &st) != ZWGK_OK) {
        snprintf(err, sizeof err, "%s", local_errmsg(l));
        local_close(l);
        l = NULL;
        why = LOCAL_OPEN_DAMAGED;
    }
    if (l && !readonly && local_check(l, err, sizeof err) != ZWGK_OK) {
        local_close(l);
        l = NULL;
        why = LOCAL_OPEN_DAMAGED;
    }
    if (!l) {
        /* local.db cannot say: show what the kiosk itself falls back to, and how to repair */
        char shown[1024], note[768];
        content_t *c = package_open_installed(data, NULL, shown, sizeof shown, note, sizeof note);
        printf(_("data:             %s\n"), data);
        print_escaped(_("local.db:         "), access(path, F_OK) != 0 ? _("missing") : _("DAMAGED: "), "");
        if (access(path, F_OK) == 0)
            print_escaped("", err, "");
        printf("\n");
        if (c)
            printf(_("kiosk shows:      version %lld (%s), read-only\n"), content_meta(c)->content_version, shown);
        else
            printf("%s", _("kiosk shows:      its factory content (no installed content opens)\n"));
        content_close(c);
        printf(_("repair:           zwgk-admin status --data %s --repair  (keeps the damaged file beside it)\n"), data);
        return 1;
    }
    int rc = 1;
    local_history_row_t *hist = NULL;
    size_t n = 0;
    package_result_t res;
    local_setting_get(l, "publisher_id", publisher, sizeof publisher);
    printf(_("data:             %s\n"), data);
    if (readonly)
        printf(
            "%s",
            _("local.db:         READ-ONLY (the kiosk shows its content but records nothing and installs nothing)\n"));
    print_escaped(_("publisher:        "), publisher[0] ? publisher : _("(none yet: the first package's is taken)"),
                  "\n");
    if (st.current_file[0]) {
        printf(_("current version:  %lld\n"), st.current_version);
        print_escaped(_("current file:     content/"), st.current_file, " (");
        print_escaped("", st.current_publisher, ")\n");
        snprintf(path, sizeof path, "%s/content/%s", data, st.current_file);
        if (package_content_check(path, &res) == ZWGK_OK && res.version == st.current_version) {
            printf(
                _("check:            ok (opens; schema, integrity_check and content pass): %d items, %d documents\n"),
                res.counts.items, res.counts.docs);
            rc = readonly ? 1 : 0;
        } else if (res.reason == PACKAGE_OK)
            printf(_("check:            FAILED: the file holds version %lld, local.db says %lld\n"), res.version,
                   st.current_version);
        else {
            printf(_("check:            FAILED (%s): "), package_reason_key(res.reason));
            print_escaped("", res.detail, "\n");
        }
        if (rc != 0 && !readonly)
            printf(_("repair:           zwgk-admin status --data %s --repair\n"), data);
    } else
        printf("%s", _("current version:  none installed\n"));
    if (st.previous_file[0]) {
        printf(_("previous version: %lld (content/"), st.previous_version);
        print_escaped("", st.previous_file, _(", kept for rollback)\n"));
    }
    if (st.rollback_hold > 0)
        printf(_("rollback hold:    packages up to version %lld are refused (an admin rolled back from it)\n"),
               st.rollback_hold);
    if (local_history_list(l, (size_t)rows, &hist, &n) == ZWGK_OK && n) {
        printf("%s", _("\nhistory (newest first):\n"));
        for (size_t i = 0; i < n; i++) {
            char line[2600];
            snprintf(line, sizeof line, "%s  %-8s %-12s %s  %lld  %s  %s", hist[i].time, hist[i].action, hist[i].reason,
                     hist[i].package, hist[i].version, hist[i].publisher, hist[i].detail);
            print_escaped("  ", line, "\n");
            /* The reason in the reader's language: local.db keeps its code, never a sentence in someone's language. */
            for (int r = 1; r < PACKAGE_REASON_COUNT; r++)
                if (!strcmp(hist[i].reason, package_reason_key((package_reason_t)r)))
                    printf("      %s\n", package_reason_text((package_reason_t)r));
        }
    }
    free(hist);
    local_close(l);
    return rc;
}
