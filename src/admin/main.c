/* main.c — zwgk-admin, the county's tool: one sub-command per job, each with --help.
 *
 * The commands are thin: they parse arguments, call the core library (author, content, package) and print what a
 * county admin needs to read.  Exit status: 0 success, 1 the input has problems (they were printed), 2 usage. */
#include "admin.h"
#include "zwgk/i18n.h"

#include <stdio.h>
#include <string.h>

static const admin_command_t commands[] = {
    {"build", "build SRC_DIR -o content.db", N_("check an authoring folder and build the content database"),
     admin_build},
    {"check", "check SRC_DIR", N_("list every problem in an authoring folder, as file:line: field: message"),
     admin_check},
    {"import", "import FILE... -o DIR",
     N_("official documents (.docx .doc .wps .odt .pdf) into document files with their fields filled"), admin_import},
    {"info", "info content.db", N_("what a content database holds: meta, counts per type and per area"), admin_info},
    {"search", "search DB QUERY [--limit N]", N_("what a citizen typing QUERY finds, ranked, and why"), admin_search},
    {"preview", "preview DB DOC_ID -o page.png", N_("render what the kiosk shows for a document, as PNG"),
     admin_preview},
    {"review", "review SRC_DIR -o DIR [--since OLD.db]",
     N_("one HTML page for the three reviews: every problem, every page, what changed"), admin_review},
    {"print", "print DOC_ID --content DB -o page.pdf", N_("the page the kiosk prints for a guide or policy, as PDF"),
     admin_print},
    {"pin", "pin --data DIR [--pin DIGITS]", N_("set the kiosk's admin PIN (stored as a salted hash)"), admin_pin},
    {"keygen", "keygen [-p PUB] [-s SECRET]", N_("make a signing key pair (minisign format, unencrypted)"),
     admin_keygen},
    {"sign", "sign PKG --key SECRET", N_("sign a content database: writes PKG.minisig"), admin_sign},
    {"verify", "verify PKG --trust PUB", N_("check a signed package as a kiosk would (exit 0: valid)"), admin_verify},
    {"install", "install PKG --data DIR --trust PUB", N_("install a package into a kiosk data directory"),
     admin_install},
    {"rollback", "rollback --data DIR", N_("make the previous content current again"), admin_rollback},
    {"status", "status --data DIR", N_("installed content, its check, and the install history"), admin_status},
    {"stats", "stats EXPORT... [--html DIR]", N_("merge kiosks' statistics exports into one report"), admin_stats},
};

static void usage(FILE *f)
{
    fprintf(f, "%s",
            _("usage: zwgk-admin COMMAND [ARGS]   (zwgk-admin COMMAND --help for its options)\n\ncommands:\n"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-34s %s\n", commands[i].synopsis, _(commands[i].summary));
}

int main(int argc, char **argv)
{
    zwgk_i18n_init();
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        for (int k = 2; k < argc; k++)
            if (!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) {
                printf(_("usage: zwgk-admin %s\n\n%s.\n"), commands[i].synopsis, _(commands[i].summary));
                admin_print_options(stdout, commands[i].name);
                return 0;
            }
        return commands[i].run(argc - 2, argv + 2);
    }
    fprintf(stderr, _("zwgk-admin: unknown command '%s'\n\n"), argv[1]);
    usage(stderr);
    return 2;
}
