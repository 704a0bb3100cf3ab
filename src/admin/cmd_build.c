/* cmd_build.c — `zwgk-admin build` and `zwgk-admin check`: the authoring folder → a content database.
 *
 * Both print every problem as file:line: field: message; build writes nothing when there is an error. */
#include "admin.h"
#include "zwgk/author.h"
#include "zwgk/i18n.h"
#include "zwgk/search.h"

#include <stdlib.h>
#include <string.h>

/* Options shared by build and check: the fonts whose coverage is checked. */
static int parse_common(int argc, char **argv, const char **src, const char **out, author_options_t *opt)
{
    opt->font_regular = opt->font_bold = NULL;
    opt->font_face = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") && out && i + 1 < argc)
            *out = argv[++i];
        else if (!strcmp(a, "--font") && i + 1 < argc)
            opt->font_regular = argv[++i];
        else if (!strcmp(a, "--font-bold") && i + 1 < argc)
            opt->font_bold = argv[++i];
        else if (!strcmp(a, "--font-face") && i + 1 < argc)
            opt->font_face = atoi(argv[++i]);
        else if (a[0] == '-') {
            fprintf(stderr, _("zwgk-admin: unknown or incomplete option '%s'\n"), a);
            return -1;
        } else if (!*src)
            *src = a;
        else {
            fprintf(stderr, _("zwgk-admin: unexpected argument '%s'\n"), a);
            return -1;
        }
    }
    return *src ? 0 : -1;
}

void admin_print_options(FILE *f, const char *command)
{
    admin_package_print_options(f, command);
    admin_review_print_options(f, command);
    if (!strcmp(command, "import"))
        admin_import_print_options(f);
    admin_print_print_options(f, command);
    if (!strcmp(command, "preview"))
        fprintf(f, "%s",
                _("  DOC_ID             the document's id (the `id:` of its docs/NAME.md)\n"
                  "  -o FILE            the PNG to write\n"
                  "  --size WxH         the kiosk's screen (default 1080x1920; also 1920x1080, 1280x800)\n"
                  "  --step N           reading size: 0 = 40 px (default), 1 = 48, 2 = 60 (长者模式), 3 = 72\n"
                  "  --all-pages        one PNG per screenful: FILE, FILE-2, FILE-3 …\n"));
    if (!strcmp(command, "search"))
        fprintf(f,
                _("  DB                 a content database (zwgk-admin build)\n"
                  "  QUERY              what a citizen types: characters, or pinyin such as dibao\n"
                  "  --limit N          how many results to list (default 20, at most %d)\n"
                  "  --candidates       list the candidate-bar words for QUERY (as pinyin) instead\n"),
                SEARCH_LIMIT_MAX);
    if (!strcmp(command, "info"))
        fprintf(f, "%s",
                _("  content.db         a content database (zwgk-admin build)\n"
                  "\nLists its meta, the areas, every document by type, every directory item with every column and\n"
                  "every service guide with every field (materials, steps, FAQ, text), for the reviewers.\n"));
    if (!strcmp(command, "pin"))
        fprintf(f, "%s",
                _("  --data DIR         the kiosk's data directory\n"
                  "  --pin DIGITS       the new PIN; without it, it is read from standard input (not kept in the\n"
                  "                     shell's history)\n"
                  "\nRun with sudo, it works as the data directory's owner.\n"));
    if (!strcmp(command, "build") || !strcmp(command, "check")) {
        if (!strcmp(command, "build"))
            fprintf(f, "%s", _("  -o FILE            the database to write (written only when there is no error)\n"));
        fprintf(f,
                _("  --font FILE        regular font whose coverage is checked (default %s)\n"
                  "  --font-bold FILE   bold font (default %s)\n"
                  "  --font-face N      face index in a .ttc (default %d: Simplified Chinese)\n"
                  "\nSee docs/authoring.md for the folder's format (catalog.xlsx, guides.xlsx, docs/).\n"),
                ZWGK_FONT_REGULAR, ZWGK_FONT_BOLD, ZWGK_FONT_FACE);
    }
}

static void summarize(const diag_list_t *d)
{
    size_t warnings = d->count - d->errors;
    fflush(stdout); /* the problems (stdout) before their count (stderr), also through a pipe or into one file */
    if (d->errors || warnings)
        fprintf(stderr, _("%zu error(s), %zu warning(s)\n"), d->errors, warnings);
}

int admin_build(int argc, char **argv)
{
    const char *src = NULL, *out = NULL;
    author_options_t opt;
    if (parse_common(argc, argv, &src, &out, &opt) != 0 || !out) {
        fprintf(stderr, "%s", _("usage: zwgk-admin build SRC_DIR -o content.db\n"));
        return 2;
    }
    diag_list_t d = {0};
    char err[512] = "";
    zwgk_result r = author_build(src, out, &opt, &d, err, sizeof err);
    diag_print(&d, stderr);
    summarize(&d);
    diag_clear(&d);
    if (r != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin build: %s\n"), err[0] ? err : zwgk_result_str(r));
        return 1;
    }
    printf(_("wrote %s\n"), out);
    return 0;
}

int admin_check(int argc, char **argv)
{
    const char *src = NULL;
    author_options_t opt;
    if (parse_common(argc, argv, &src, NULL, &opt) != 0) {
        fprintf(stderr, "%s", _("usage: zwgk-admin check SRC_DIR\n"));
        return 2;
    }
    diag_list_t d = {0};
    zwgk_result r = author_check(src, &opt, &d);
    diag_print(&d, stdout);
    summarize(&d);
    diag_clear(&d);
    if (r == ZWGK_OK)
        printf(_("%s: no errors\n"), src);
    return r == ZWGK_OK ? 0 : 1;
}
