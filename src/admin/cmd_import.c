/* cmd_import.c — `zwgk-admin import FILE... -o DIR`: 公文 (.docx .doc .wps .odt .pdf) into document files.
 *
 * Each input is imported on its own: one that cannot be read, or whose output file already exists, is reported and
 * the others go on.  For each written file the command says what it recognised and what the staffer must still
 * check.  Exit status: 0 every input was written, 1 at least one was not (the reason was printed), 2 usage. */
#include "admin.h"
#include "zwgk/i18n.h"
#include "zwgk/import.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(void)
{
    fprintf(stderr, "%s", _("usage: zwgk-admin import FILE... -o DIR [--timeout SECONDS] [--soffice PROGRAM]\n"));
}

void admin_import_print_options(FILE *f)
{
    fprintf(f, "%s",
            _("  FILE...            .docx, .doc, .wps, .odt or .pdf files (.doc/.wps/.odt need LibreOffice:\n"
              "                     libreoffice-writer-nogui; .pdf needs poppler-utils)\n"
              "  -o DIR             the folder for the .md files (usually SRC/docs); NAME.docx becomes DIR/NAME.md,\n"
              "                     and an existing file is never replaced\n"
              "  --timeout SECONDS  how long one conversion may take (default 120)\n"
              "  --soffice PROGRAM  the LibreOffice program for .doc/.wps/.odt (default: soffice on PATH)\n"
              "\nEach file gets its front matter filled from the document (doc number, title, date, issuer) and a\n"
              "comment at its top listing what to check; then run zwgk-admin check and preview.\n"));
}

int admin_import(int argc, char **argv)
{
    import_options_t opt = {0};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    if (!files)
        return 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") && i + 1 < argc)
            opt.out_dir = argv[++i];
        else if (!strcmp(a, "--timeout") && i + 1 < argc)
            opt.timeout_s = atoi(argv[++i]);
        else if (!strcmp(a, "--soffice") && i + 1 < argc) /* tests: a LibreOffice that is not on PATH */
            opt.soffice = argv[++i];
        else if (!strcmp(a, "--pdftotext") && i + 1 < argc)
            opt.pdftotext = argv[++i];
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, _("zwgk-admin import: unknown or incomplete option '%s'\n"), a);
            usage();
            free(files);
            return 2;
        } else
            files[nfiles++] = a;
    }
    if (!opt.out_dir || !nfiles) {
        usage();
        free(files);
        return 2;
    }
    struct stat st;
    if (stat(opt.out_dir, &st) != 0 && mkdir(opt.out_dir, 0755) != 0) {
        fprintf(stderr, _("zwgk-admin import: cannot make the folder %s: %s\n"), opt.out_dir, strerror(errno));
        free(files);
        return 1;
    }
    char err[1024];
    import_session_t session;
    if (import_session_open(&session, opt.out_dir, err, sizeof err) != ZWGK_OK) {
        fprintf(stderr, "zwgk-admin import: %s\n", err);
        free(files);
        return 1;
    }
    size_t written = 0, failed = 0;
    for (size_t i = 0; i < nfiles; i++) {
        import_report_t rep;
        zwgk_result r = import_file(&session, files[i], &opt, &rep, err, sizeof err);
        if (r != ZWGK_OK) {
            fprintf(stderr, _("%s: not imported: %s\n"), files[i], err);
            failed++;
            continue;
        }
        written++;
        printf(_("%s → %s\n"), files[i], rep.md_path);
        printf(_("  recognised:\n"));
        for (size_t k = 0; k < rep.nfound; k++)
            printf("    %s\n", rep.found[k]);
        printf(_("  to check before publishing:\n"));
        for (size_t k = 0; k < rep.ncheck; k++)
            printf("    %s\n", rep.check[k]);
        import_report_free(&rep);
    }
    import_session_close(&session);
    free(files);
    if (nfiles > 1 || failed)
        printf(_("%zu file(s) written, %zu not imported\n"), written, failed);
    if (written)
        printf("%s\n", _("next: zwgk-admin check SRC, then zwgk-admin build and preview each document"));
    return failed ? 1 : 0;
}
