/* main.c — zwgk-admin, the county's tool: one sub-command per job, each with --help.
 *
 * The commands are thin: they parse arguments, call the core library (author, content, package) and print what a
 * county admin needs to read.  Exit status: 0 success, 1 the input has problems (they were printed), 2 usage. */
#include "admin.h"
#include "zwgk/i18n.h"

#include <stdio.h>
#include <string.h>

static const admin_command_t commands[] = {
    {"build", N_("build SRC_DIR -o content.db"), N_("check an authoring folder and build the content database"),
     admin_build},
    {"check", N_("check SRC_DIR"), N_("list every problem in an authoring folder, as file:line: field: message"),
     admin_check},
    {"import", N_("import FILE... -o DIR"),
     N_("official documents (.docx .doc .wps .odt .pdf) into document files with their fields filled"), admin_import},
    {"info", N_("info content.db"),
     N_("what a content database holds: meta, areas, documents, every item and guide in full"), admin_info},
    {"search", N_("search DB QUERY [--limit N]"), N_("what a citizen typing QUERY finds, ranked, and why"),
     admin_search},
    {"preview", N_("preview DB DOC_ID -o page.png"), N_("render what the kiosk shows for a document, as PNG"),
     admin_preview},
    {"review", N_("review SRC_DIR -o DIR [--since OLD.db]"),
     N_("one HTML page for the three reviews: every problem, every page, what changed"), admin_review},
    {"print", N_("print DOC_ID --content DB -o page.pdf"),
     N_("the page the kiosk prints for a guide or policy, as PDF"), admin_print},
    {"pin", N_("pin --data DIR [--pin DIGITS]"), N_("set the kiosk's admin PIN (stored as a salted hash)"), admin_pin},
    {"keygen", N_("keygen [-p PUB] [-s SECRET]"), N_("make a signing key pair (minisign format, unencrypted)"),
     admin_keygen},
    {"sign", N_("sign PKG --key SECRET"), N_("sign a content database: writes PKG.minisig"), admin_sign},
    {"verify", N_("verify PKG --trust PUB"), N_("check a signed package as a kiosk would (exit 0: valid)"),
     admin_verify},
    {"install", N_("install PKG --data DIR --trust PUB"), N_("install a package into a kiosk data directory"),
     admin_install},
    {"rollback", N_("rollback --data DIR"), N_("make the previous content current again"), admin_rollback},
    {"status", N_("status --data DIR"), N_("installed content, its check, and the install history"), admin_status},
    {"stats", N_("stats EXPORT... [--html DIR]"), N_("merge kiosks' statistics exports into one report"), admin_stats},
};

/* "  s", then spaces up to column `width` + 2 as a terminal shows it (a CJK character takes two columns); a line
 * break and that indent when s is wider, so that the summaries stay one column in both languages. */
static void print_padded(FILE *f, const char *s, int width)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) /* the first byte of a character; U+3000..U+FFFF (CJK) take two columns */
            cols += *p >= 0xE3 && *p <= 0xEF ? 2 : 1;
    fprintf(f, "  %s", s);
    if (cols > width) {
        fputc('\n', f);
        cols = -2;
    }
    for (; cols < width; cols++)
        fputc(' ', f);
}

static void usage(FILE *f)
{
    fprintf(f, "%s",
            _("usage: zwgk-admin COMMAND [ARGS]   (zwgk-admin COMMAND --help for its options)\n\ncommands:\n"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        print_padded(f, _(commands[i].synopsis), 34);
        fprintf(f, " %s\n", _(commands[i].summary));
    }
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
                printf(_("usage: zwgk-admin %s\n\n%s.\n"), _(commands[i].synopsis), _(commands[i].summary));
                admin_print_options(stdout, commands[i].name);
                return 0;
            }
        return commands[i].run(argc - 2, argv + 2);
    }
    fprintf(stderr, _("zwgk-admin: unknown command '%s'\n\n"), argv[1]);
    usage(stderr);
    return 2;
}
