/* cmd_print.c — `zwgk-admin print`: the page the kiosk prints for a document, as a PDF file, for the admin who
 * reviews it (三审) or hands copies out at the window.  It is the kiosk's own page (src/print), byte for byte the
 * same layout as the job a kiosk sends to its printer. */
#include "admin.h"
#include "zwgk/i18n.h"
#include "zwgk/print.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "%s",
            _("usage: zwgk-admin print DOC_ID --content DB -o page.pdf [--form] [--roll] [--date TEXT]\n"));
    return 2;
}

void admin_print_print_options(FILE *f, const char *command)
{
    if (strcmp(command, "print") != 0)
        return;
    fprintf(f, "%s",
            _("  DOC_ID             the document's id: a service guide (its 明白纸) or a policy (its first page)\n"
              "  --content DB       the content database\n"
              "  -o FILE            the PDF to write (one page)\n"
              "  --form             a guide's blank 政府信息公开申请表 instead of its 明白纸\n"
              "  --roll             80 mm roll paper (a receipt printer) instead of A4\n"
              "  --date TEXT        the print date as printed (default: today, 2024年11月1日)\n"));
}

int admin_print(int argc, char **argv)
{
    const char *db = NULL, *doc = NULL, *out = NULL, *date = NULL;
    bool form = false, roll = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(a, "--content") && i + 1 < argc)
            db = argv[++i];
        else if (!strcmp(a, "--date") && i + 1 < argc)
            date = argv[++i];
        else if (!strcmp(a, "--form"))
            form = true;
        else if (!strcmp(a, "--roll"))
            roll = true;
        else if (a[0] != '-' && !doc)
            doc = a;
        else
            return usage();
    }
    if (!db || !doc || !out)
        return usage();
    char err[512];
    content_t *c = content_open(db, err, sizeof err);
    if (!c) {
        fprintf(stderr, _("zwgk-admin print: %s: %s\n"), db, err);
        return 1;
    }
    int rc = 1;
    char *know = NULL;
    print_page_t page = {0};
    content_doc_t d = {0};
    long long id = content_doc_find(c, doc);
    if (!id || content_doc_get(c, id, &d) != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin print: %s: no document with this id in %s\n"), doc, db);
        goto done;
    }
    unsigned kinds = print_kinds(&d);
    print_what_t what = form ? PRINT_FORM : d.s.type == DOC_GUIDE ? PRINT_GUIDE : PRINT_POLICY;
    if (!(kinds & (1u << what))) {
        if (form)
            fprintf(stderr,
                    _("zwgk-admin print: %s: this guide has no blank application form (none of its materials "
                      "is a 政府信息公开申请表)\n"),
                    doc);
        else
            fprintf(stderr, _("zwgk-admin print: %s: only service guides and policies have a printed page\n"), doc);
        goto done;
    }
    print_options_t o;
    print_options_default(&o);
    o.media = roll ? PRINT_MEDIA_ROLL80 : PRINT_MEDIA_A4;
    o.date = date;
    o.content_version = content_meta(c)->content_version;
    know = d.url ? NULL : print_know_url(c, &d);
    o.know_url = know;
    if (print_render(&d, what, &o, &page, err, sizeof err) != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin print: %s: cannot make the page: %s\n"), doc, err);
        goto done;
    }
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(page.pdf, 1, page.len, f) != page.len || fclose(f) != 0) {
        fprintf(stderr, _("zwgk-admin print: %s: cannot write: %s\n"), out, strerror(errno));
        goto done;
    }
    printf(_("%s: one page, %.0f × %.0f mm, body type %.1f pt\n"), out, page.width_mm, page.height_mm, page.body_pt);
    if (page.truncated)
        printf(_("not everything fits on one page: %d of %d items are printed, and the page says 完整内容请扫码查看\n"),
               page.items_shown, page.items);
    rc = 0;
done:
    print_page_free(&page);
    free(know);
    content_doc_free(&d);
    content_close(c);
    return rc;
}
