/* cmd_review.c — `zwgk-admin review SRC -o DIR [--since OLD.db]`: one static HTML page for 三审 (初审、复审、终审).
 *
 * Reviewers sign off on exactly what kiosks will show, so the report is made from the database itself: the source is
 * built (as `build` does, src/author/salvage.c when it has errors) into a temporary folder — nothing is written into
 * SRC — and every page of every document is rendered from that database by the kiosk's own screens (ui_preview_*,
 * the renderer of `preview`), at 1080×1920.  The page carries the database's BLAKE2b-512, the hash the signed
 * package's trusted comment names, so the package can be matched to the report that was signed.  With --since, the
 * published database is compared with the new one (review_changes.c).
 *
 * DIR gets index.html and img/dNNN[-P].png, nothing else: it opens from a USB stick with no server and no network.
 * A DIR holding an earlier report is replaced; any other non-empty DIR is refused, so no one's files are lost.
 * Exit status: 0 the report is written and the source has no error; 1 the report is written and shows errors, or no
 * report could be written (said on stderr); 2 usage. */
#include "admin.h"
#include "review.h"
#include "zwgk/author.h"
#include "zwgk/i18n.h"
#include "zwgk/minisign.h"
#include "zwgk/ui.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Pages rendered per document at most: a document longer than this is cut (and says so), never the whole run. */
#define REVIEW_MAX_PAGES 300
/* zlib level of the page images: 1 writes a page several times faster than the default, barely larger. */
#define REVIEW_PNG_LEVEL 1
/* The page images on screen: a third of the kiosk's 1080×1920, each a link to the full size. */
#define THUMB_W 360
#define THUMB_H 640

void admin_review_print_options(FILE *f, const char *command)
{
    if (strcmp(command, "review") != 0)
        return;
    fprintf(f, "%s",
            _("  -o DIR             the folder of the report: DIR/index.html and DIR/img/ (an earlier report "
              "there is replaced)\n"
              "  --since OLD.db     the published content database: the report shows what changed since\n"
              "  --font FILE, --font-bold FILE, --font-face N   as for check\n"
              "\nOpen DIR/index.html in any browser; it needs no network.  Nothing is written into SRC_DIR.\n"));
}

typedef struct review_doc {
    content_doc_summary_t *s; /* in the lists of review_docs */
    const char *source_file;  /* owned copy */
    int pages;                /* written; -1: rendering failed */
    bool truncated;           /* more pages than REVIEW_MAX_PAGES */
} review_doc_t;

typedef struct review {
    const char *src, *out_dir, *since;
    author_options_t aopt;
    char tmp_dir[PATH_MAX], db_path[PATH_MAX + 16];
    diag_list_t diags;
    char build_note[512]; /* what the partial build could not write */
    content_t *db, *old;
    char hash_hex[2 * MINISIGN_HASH_BYTES + 1], old_hash_hex[2 * MINISIGN_HASH_BYTES + 1];
    unsigned long long db_size;
    content_doc_list_t lists[DOC_TYPE_COUNT_PLUS_ONE];
    review_doc_t *docs;
    size_t ndocs;
    long total_pages;
} review_t;

/* ---- the output folder ---- */

/* True when name is one of the page images this command writes: d<digits>[-<digits>].png. */
static bool is_page_image(const char *name)
{
    const char *p = name;
    if (*p++ != 'd' || *p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '-') {
        p++;
        if (*p < '0' || *p > '9')
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return !strcmp(p, ".png");
}

/* Makes DIR ready: created when missing; an earlier report's files removed; refused when it holds anything else. */
static bool prepare_out_dir(const char *dir)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, _("zwgk-admin review: cannot create the folder %s: %s\n"), dir, strerror(errno));
        return false;
    }
    char img[PATH_MAX];
    snprintf(img, sizeof img, "%s/img", dir);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, _("zwgk-admin review: cannot open the folder %s: %s\n"), dir, strerror(errno));
        return false;
    }
    bool ok = true;
    for (struct dirent *e; ok && (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "index.html") &&
            strcmp(e->d_name, "img")) {
            fprintf(stderr,
                    _("zwgk-admin review: %s holds other files (%s): give an empty folder or one with an earlier "
                      "report\n"),
                    dir, e->d_name);
            ok = false;
        }
    closedir(d);
    if (!ok)
        return false;
    if (mkdir(img, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, _("zwgk-admin review: cannot create the folder %s: %s\n"), img, strerror(errno));
        return false;
    }
    d = opendir(img);
    if (!d) {
        fprintf(stderr, _("zwgk-admin review: cannot open the folder %s: %s\n"), img, strerror(errno));
        return false;
    }
    for (struct dirent *e; ok && (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (!is_page_image(e->d_name)) {
            fprintf(stderr,
                    _("zwgk-admin review: %s holds other files (%s): give an empty folder or one with an earlier "
                      "report\n"),
                    img, e->d_name);
            ok = false;
        } else if (unlinkat(dirfd(d), e->d_name, 0) != 0) {
            fprintf(stderr, _("zwgk-admin review: cannot remove the earlier report's %s/%s: %s\n"), img, e->d_name,
                    strerror(errno));
            ok = false;
        }
    }
    closedir(d);
    return ok;
}

/* True when path (existing, or to be created in an existing folder) is src or inside it. */
static bool is_inside(const char *path, const char *src)
{
    char a[PATH_MAX], b[PATH_MAX];
    if (!realpath(src, b))
        return false;
    if (!realpath(path, a)) { /* not there yet: where its parent is */
        char parent[PATH_MAX];
        snprintf(parent, sizeof parent, "%s", path);
        size_t len = strlen(parent);
        while (len > 1 && parent[len - 1] == '/')
            parent[--len] = '\0';
        char *slash = strrchr(parent, '/');
        if (!slash)
            snprintf(parent, sizeof parent, ".");
        else if (slash == parent)
            parent[1] = '\0';
        else
            *slash = '\0';
        if (!realpath(parent, a))
            return false;
        size_t n = strlen(a);
        if (n + 1 < sizeof a)
            snprintf(a + n, sizeof a - n, "/x");
    }
    size_t n = strlen(b);
    return !strncmp(a, b, n) && (a[n] == '\0' || a[n] == '/' || (n == 1 && b[0] == '/'));
}

/* ---- building and hashing ---- */

static bool build_db(review_t *rv)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(rv->tmp_dir, sizeof rv->tmp_dir, "%s/zwgk-review-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(rv->tmp_dir)) {
        fprintf(stderr, _("zwgk-admin review: cannot make a temporary folder: %s\n"), strerror(errno));
        rv->tmp_dir[0] = '\0';
        return false;
    }
    snprintf(rv->db_path, sizeof rv->db_path, "%s/content.db", rv->tmp_dir);
    zwgk_result r =
        author_build_partial(rv->src, rv->db_path, &rv->aopt, &rv->diags, rv->build_note, sizeof rv->build_note);
    if (r == ZWGK_ERR_IO) { /* not a source folder at all: its one problem says so */
        diag_print(&rv->diags, stderr);
        return false;
    }
    if (r != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin review: no database could be built for the report: %s\n"),
                rv->build_note[0] ? rv->build_note : zwgk_result_str(r));
        return false;
    }
    int fd = open(rv->db_path, O_RDONLY | O_CLOEXEC);
    unsigned char hash[MINISIGN_HASH_BYTES];
    if (fd < 0 || minisign_hash_fd(fd, hash, &rv->db_size) != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin review: cannot read %s: %s\n"), rv->db_path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    close(fd);
    for (int i = 0; i < MINISIGN_HASH_BYTES; i++)
        snprintf(rv->hash_hex + 2 * i, 3, "%02x", hash[i]);
    char err[512];
    rv->db = content_open(rv->db_path, err, sizeof err);
    if (!rv->db) {
        fprintf(stderr, _("zwgk-admin review: cannot open the database made for the report: %s\n"), err);
        return false;
    }
    return true;
}

static bool hash_file(const char *path, char hex[2 * MINISIGN_HASH_BYTES + 1])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    unsigned char hash[MINISIGN_HASH_BYTES];
    bool ok = fd >= 0 && minisign_hash_fd(fd, hash, NULL) == ZWGK_OK;
    if (fd >= 0)
        close(fd);
    for (int i = 0; ok && i < MINISIGN_HASH_BYTES; i++)
        snprintf(hex + 2 * i, 3, "%02x", hash[i]);
    return ok;
}

/* ---- rendering ---- */

static bool collect_docs(review_t *rv)
{
    if (!review_docs(rv->db, rv->lists))
        return false;
    size_t n = 0;
    for (int t = DOC_POLICY; t < DOC_TYPE_COUNT_PLUS_ONE; t++)
        n += rv->lists[t].count;
    rv->docs = calloc(n ? n : 1, sizeof *rv->docs);
    if (!rv->docs)
        return false;
    for (int t = DOC_POLICY; t < DOC_TYPE_COUNT_PLUS_ONE; t++)
        for (size_t i = 0; i < rv->lists[t].count; i++) {
            review_doc_t *d = &rv->docs[rv->ndocs++];
            d->s = &rv->lists[t].items[i];
            content_doc_t full;
            if (content_doc_get(rv->db, d->s->id, &full) == ZWGK_OK) {
                d->source_file = full.source_file ? strdup(full.source_file) : NULL;
                content_doc_free(&full);
            }
        }
    return true;
}

static void render_pages(review_t *rv)
{
    if (!rv->ndocs)
        return;
    ui_options_t opt = {0};
    config_defaults(&opt.config);
    opt.windowed_w = 1080;
    opt.windowed_h = 1920;
    opt.content_path = rv->db_path;
    if (rv->aopt.font_regular)
        snprintf(opt.config.font_regular, sizeof opt.config.font_regular, "%s", rv->aopt.font_regular);
    if (rv->aopt.font_bold)
        snprintf(opt.config.font_bold, sizeof opt.config.font_bold, "%s", rv->aopt.font_bold);
    if (rv->aopt.font_face >= 0)
        opt.config.font_face = rv->aopt.font_face;
    /* Headless unless the caller chose a driver: a reviewer's laptop or a CI box needs no screen. */
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    /* no GL for the window surface either: Mesa loaded only to be unloaded costs time and leaks at exit */
    setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 0);
    ui_preview_t *p = ui_preview_open(&opt, 0, "zwgk-admin review");
    bool progress = isatty(STDERR_FILENO);
    for (size_t i = 0; i < rv->ndocs; i++) {
        review_doc_t *d = &rv->docs[i];
        d->pages = -1;
        if (!p)
            continue;
        char png[PATH_MAX];
        snprintf(png, sizeof png, "%s/img/d%03zu.png", rv->out_dir, i + 1);
        if (progress) { /* a staffer waits some seconds per long document: show that it moves */
            fputc('\r', stderr);
            fprintf(stderr, _("rendering the pages of document %zu of %zu …"), i + 1, rv->ndocs);
        }
        d->pages = ui_preview_doc(p, d->s->key, png, REVIEW_MAX_PAGES, REVIEW_PNG_LEVEL, NULL, &d->truncated);
        if (d->pages >= 0)
            rv->total_pages += d->pages;
    }
    if (progress)
        fputc('\n', stderr);
    ui_preview_close(p);
}

/* ---- the page ---- */

static const char *level_mark(diag_level_t l)
{
    return l == DIAG_ERROR ? _("[error]") : l == DIAG_CONSEQUENCE ? _("[follows]") : _("[warning]");
}

/* Problems that are neither errors nor their consequences. */
static size_t warnings(const diag_list_t *d)
{
    return d->count - d->errors - d->consequences;
}

/* The document built from file, as its 1-based position in the report, or 0. */
static size_t doc_of_file(const review_t *rv, const char *file)
{
    for (size_t i = 0; file && i < rv->ndocs; i++)
        if (rv->docs[i].source_file && !strcmp(rv->docs[i].source_file, file))
            return i + 1;
    return 0;
}

static void write_where(FILE *f, const diag_t *p)
{
    fputs("<td class=\"where\">", f);
    if (p->table) { /* a cell of a sheet or CSV, as Excel shows it: catalog.xlsx 社会救助!C12（序号5） */
        char place[512];
        diag_place_text(p, place, sizeof place);
        html_text(f, place);
    } else {
        html_text(f, p->file ? p->file : "");
        if (p->line > 0) {
            fputc(' ', f);
            html_printf(f, _("line %d"), p->line);
        }
    }
    if (p->field) {
        fputs("<br>", f);
        html_printf(f, _("field %s"), p->field);
    }
    fputs("</td>", f);
}

static void write_problem_row(FILE *f, const review_t *rv, const diag_t *p, bool link)
{
    html_printf(f, "<tr><td class=\"%s\">%s</td>", p->level == DIAG_WARNING ? "warn" : "err", level_mark(p->level));
    write_where(f, p);
    fputs("<td>", f);
    html_text(f, p->msg);
    size_t doc = link ? doc_of_file(rv, p->file) : 0;
    if (doc)
        html_printf(f, " <a href=\"#doc-%zu\">%s</a>", doc, _("(see the document)"));
    fputs("</td></tr>\n", f);
}

static void write_problems(FILE *f, const review_t *rv)
{
    const diag_list_t *d = &rv->diags;
    html_printf(f, "<h2 class=\"first\" id=\"problems\">%s</h2>\n", _("1. Problems"));
    if (!d->count) {
        html_printf(f, "<p>%s</p>\n", _("zwgk-admin check found no problem."));
        return;
    }
    html_printf(f, "<p>");
    html_printf(f,
                _("%zu errors, %zu problems that follow from them and %zu warnings, in that order. An error stops "
                  "the build: fix it in the file and place named, then make this report again (what follows from "
                  "an error goes away with it). A warning does not stop the build, but check it."),
                d->errors, d->consequences, warnings(d));
    html_printf(f, "</p>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n", _("Level"), _("Where"),
                _("What is wrong and how to fix it"));
    /* Causes first, then what follows from them, then warnings (diag.h). */
    static const diag_level_t order[] = {DIAG_ERROR, DIAG_CONSEQUENCE, DIAG_WARNING};
    for (size_t pass = 0; pass < sizeof order / sizeof order[0]; pass++)
        for (size_t i = 0; i < d->count; i++)
            if (d->items[i].level == order[pass])
                write_problem_row(f, rv, &d->items[i], true);
    fputs("</table>\n", f);
    if (rv->build_note[0]) {
        html_printf(f, "<p class=\"err\">%s ", _("[error]"));
        html_printf(f, _("Some documents could not be put into the report's database (%s); they are not shown."),
                    rv->build_note);
        fputs("</p>\n", f);
    }
}

static void write_header(FILE *f, const review_t *rv, const content_counts_t *n, const review_changes_t *ch)
{
    const content_meta_t *m = content_meta(rv->db);
    html_printf(f, "<body>\n<div class=\"wrap\">\n<h1>%s</h1>\n", _("Content review report"));
    html_printf(f, "<p class=\"small\">%s</p>\n",
                _("For the three reviews (初审、复审、终审) before publishing: every problem found, every page of "
                  "every document exactly as the kiosk shows it, and what changed since the published version."));
    html_printf(f, "<table class=\"facts\">\n");
    char ver[32];
    snprintf(ver, sizeof ver, "%lld", m->content_version);
    html_printf(f, "<tr><th>%s</th><td>%s</td></tr>\n", _("Content title"), m->title ? m->title : "");
    html_printf(f, "<tr><th>%s</th><td>%s（%s）</td></tr>\n", _("Publisher"), m->publisher ? m->publisher : "",
                m->publisher_id ? m->publisher_id : "");
    if (m->region && *m->region)
        html_printf(f, "<tr><th>%s</th><td>%s</td></tr>\n", _("Region"), m->region);
    html_printf(f, "<tr><th>%s</th><td>%s</td></tr>\n", _("Content version"), ver);
    if (m->created && *m->created)
        html_printf(f, "<tr><th>%s</th><td>%s</td></tr>\n", _("Content date"), m->created);
    html_printf(f, "<tr><th>%s</th><td>", _("Directory"));
    html_printf(f, _("%d areas, %d first-level items, %d second-level items"), n->areas, n->topics, n->items);
    html_printf(f, "</td></tr>\n<tr><th>%s</th><td>", _("Documents"));
    html_printf(f, _("%d in all: "), n->docs);
    for (int t = DOC_POLICY; t < DOC_TYPE_COUNT_PLUS_ONE; t++)
        html_printf(f, "%s%s %d", t > DOC_POLICY ? "、" : "", content_doc_type_name(t), n->by_type[t]);
    html_printf(f, _("; %ld pages at 1080×1920"), rv->total_pages);
    html_printf(f, "</td></tr>\n<tr><th>%s</th><td>", _("Problems"));
    html_printf(f, _("%zu errors, %zu warnings"), rv->diags.errors, warnings(&rv->diags));
    if (rv->diags.consequences) {
        fputs(_("; "), f);
        html_printf(f, _("%zu more that follow from the errors"), rv->diags.consequences);
    }
    html_printf(f, "</td></tr>\n<tr><th>%s</th><td><span class=\"hash\">%s</span><br><span class=\"small\">",
                _("Database BLAKE2b"), rv->hash_hex);
    html_printf(f,
                _("%llu bytes. The package signed after review must have this hash: it is the blake2b= of its "
                  ".minisig trusted comment, and what `b2sum content.db` prints."),
                rv->db_size);
    fputs("</span></td></tr>\n", f);
    if (rv->old) {
        const content_meta_t *o = content_meta(rv->old);
        char ov[32];
        snprintf(ov, sizeof ov, "%lld", o->content_version);
        html_printf(f, "<tr><th>%s</th><td>", _("Compared with"));
        html_printf(f, _("published version %s (%s)"), ov, rv->since);
        html_printf(f, "<br><span class=\"hash\">BLAKE2b %s</span><br>", rv->old_hash_hex);
        html_printf(f,
                    _("documents: %zu added, %zu removed, %zu changed; directory items: %zu added, %zu removed, "
                      "%zu changed"),
                    ch->docs_added, ch->docs_removed, ch->docs_changed, ch->items_added, ch->items_removed,
                    ch->items_changed);
        fputs("</td></tr>\n", f);
    }
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char when[64];
    snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
             tm.tm_min);
    html_printf(f, "<tr><th>%s</th><td>%s</td></tr>\n</table>\n", _("Report made"), when);

    if (rv->diags.errors) {
        html_printf(f, "<p class=\"status bad\">%s ", _("[error]"));
        html_printf(f,
                    _("%zu errors: this content cannot be published (zwgk-admin build refuses it). Fix them and "
                      "make the report again; the hash above is of an incomplete database and matches no package."),
                    rv->diags.errors);
        fputs("</p>\n", f);
    } else {
        html_printf(f, "<p class=\"status good\">%s</p>\n",
                    _("[ok] No errors: zwgk-admin build makes exactly the database of this report."));
    }

    html_printf(f, "<h2 class=\"first\">%s</h2>\n<table class=\"signoff\">\n", _("Sign-off"));
    html_printf(f, "<tr><th class=\"step\">%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n", _("Review"),
                _("Reviewer (signature)"), _("Date"), _("Opinion"));
    const char *steps[] = {_("First review (初审)"), _("Second review (复审)"), _("Final review (终审)")};
    for (int i = 0; i < 3; i++)
        html_printf(f, "<tr><th class=\"step\">%s</th><td></td><td></td><td></td></tr>\n", steps[i]);
    fputs("</table>\n", f);
    html_printf(f,
                "<p class=\"nav\"><a href=\"#problems\">%s</a><a href=\"#changes\">%s</a><a href=\"#docs\">%s</a>"
                "<a href=\"#catalog\">%s</a></p>\n",
                _("1. Problems"), _("2. Changes"), _("3. Documents"), _("4. Directory"));
}

static void write_unreadable(FILE *f, const review_t *rv)
{
    /* Files with problems that gave no document: what the reviewer will not see, and why. */
    bool any = false;
    for (size_t i = 0; i < rv->diags.count; i++) {
        const diag_t *p = &rv->diags.items[i];
        if (!p->file || strncmp(p->file, "docs/", 5) != 0 || doc_of_file(rv, p->file))
            continue;
        bool seen = false;
        for (size_t k = 0; k < i; k++)
            seen |= rv->diags.items[k].file && !strcmp(rv->diags.items[k].file, p->file);
        if (seen)
            continue;
        if (!any)
            html_printf(f, "<p class=\"status bad\">%s</p>\n<table>\n",
                        _("[error] These files could not be read as documents and are not shown; their problems:"));
        any = true;
        for (size_t k = i; k < rv->diags.count; k++)
            if (rv->diags.items[k].file && !strcmp(rv->diags.items[k].file, p->file))
                write_problem_row(f, rv, &rv->diags.items[k], false);
    }
    if (any)
        fputs("</table>\n", f);
}

static void write_documents(FILE *f, const review_t *rv, const review_changes_t *ch)
{
    html_printf(f, "<h2 id=\"docs\">%s</h2>\n", _("3. Documents as the kiosk shows them"));
    html_printf(f, "<p class=\"small\">%s</p>\n",
                _("Every page of every document at the kiosk's size, 1080×1920, at the normal reading size, in the "
                  "order the pager turns them. Click a page to see it full size."));
    write_unreadable(f, rv);
    if (!rv->ndocs) {
        html_printf(f, "<p>%s</p>\n", _("There are no documents."));
        return;
    }
    html_printf(f, "<table>\n<tr><th>#</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>%s</tr>\n", _("Type"),
                _("Title"), _("Pages"), _("Problems"), "");
    for (size_t i = 0; i < rv->ndocs; i++) {
        const review_doc_t *d = &rv->docs[i];
        size_t nerr = 0, nwarn = 0;
        for (size_t k = 0; k < rv->diags.count; k++)
            if (d->source_file && rv->diags.items[k].file && !strcmp(rv->diags.items[k].file, d->source_file))
                *(rv->diags.items[k].level == DIAG_WARNING ? &nwarn : &nerr) += 1;
        html_printf(f, "<tr><td>%zu</td><td>%s</td><td><a href=\"#doc-%zu\">%s</a>", i + 1,
                    content_doc_type_name(d->s->type), i + 1, review_title(d->s->title));
        if (ch && i < ch->ndocs && ch->doc_change[i])
            html_printf(f, " <b>%s</b>", ch->doc_change[i] == CHANGE_ADDED ? _("[added]") : _("[changed]"));
        html_printf(f, "</td><td>%d</td><td>", d->pages > 0 ? d->pages : 0);
        if (nerr)
            html_printf(f, "<span class=\"err\">%s %zu</span> ", _("[error]"), nerr);
        if (nwarn)
            html_printf(f, "<span class=\"warn\">%s %zu</span>", _("[warning]"), nwarn);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);

    for (size_t i = 0; i < rv->ndocs; i++) {
        const review_doc_t *d = &rv->docs[i];
        html_printf(f, "<div class=\"doc\" id=\"doc-%zu\">\n<h3>%zu. %s</h3>\n<p class=\"meta\">%s", i + 1, i + 1,
                    review_title(d->s->title), content_doc_type_name(d->s->type));
        const char *parts[] = {d->s->doc_number, d->s->issuer, d->s->publish_date};
        for (size_t k = 0; k < 3; k++)
            if (parts[k] && *parts[k])
                html_printf(f, " · %s", parts[k]);
        html_printf(f, "<br>%s %s", _("id"), d->s->key);
        if (d->source_file)
            html_printf(f, " · %s %s", _("source"), d->source_file);
        if (d->s->type == DOC_POLICY)
            html_printf(f, " · %s", content_validity_name(d->s->validity));
        fputs("</p>\n", f);
        bool any = false;
        for (size_t k = 0; k < rv->diags.count; k++) {
            const diag_t *p = &rv->diags.items[k];
            if (!d->source_file || !p->file || strcmp(p->file, d->source_file) != 0)
                continue;
            if (!any)
                fputs("<table>\n", f);
            any = true;
            write_problem_row(f, rv, p, false);
        }
        if (any)
            fputs("</table>\n", f);
        if (d->pages < 0) {
            html_printf(f, "<p class=\"err\">%s</p>\n", _("[error] Its pages could not be rendered."));
        } else {
            fputs("<div class=\"pages\">\n", f);
            for (int pg = 1; pg <= d->pages; pg++) {
                char name[64];
                if (pg == 1)
                    snprintf(name, sizeof name, "img/d%03zu.png", i + 1);
                else
                    snprintf(name, sizeof name, "img/d%03zu-%d.png", i + 1, pg);
                char alt[96];
                snprintf(alt, sizeof alt, _("page %d of %d"), pg, d->pages);
                html_printf(f,
                            "<div class=\"page\"><a href=\"%s\"><img src=\"%s\" width=\"%d\" height=\"%d\" alt=\"%s\">"
                            "</a>%s</div>\n",
                            name, name, THUMB_W, THUMB_H, alt, alt);
            }
            fputs("</div>\n", f);
            if (d->truncated) {
                html_printf(f, "<p class=\"warn\">%s ", _("[warning]"));
                html_printf(f, _("Only the first %d pages are shown: the document is longer."), REVIEW_MAX_PAGES);
                fputs("</p>\n", f);
            }
        }
        fputs("</div>\n", f);
    }
}

static void write_catalog(FILE *f, const review_t *rv)
{
    html_printf(f, "<h2 id=\"catalog\">%s</h2>\n", _("4. Directory items"));
    review_items_t items;
    if (!review_items_load(rv->db, &items)) {
        html_printf(f, "<p class=\"err\">%s</p>\n", _("[error] A database could not be read."));
        return;
    }
    const char *area = NULL;
    for (size_t i = 0; i < items.count; i++) {
        const content_item_t *it = &items.items[i];
        if (!area || strcmp(area, it->area) != 0) {
            if (area)
                fputs("</table>\n", f);
            area = it->area;
            html_printf(f, "<h3>%s</h3>\n<table class=\"catalog\">\n", area);
            fputs("<colgroup><col style=\"width:14%\"><col style=\"width:19%\"><col style=\"width:18%\">"
                  "<col style=\"width:11%\"><col style=\"width:10%\"><col style=\"width:12%\">"
                  "<col style=\"width:16%\"></colgroup>\n",
                  f);
            html_printf(f, "<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                        _("Item"), _("Content (elements)"), _("Basis"), _("Time limit for disclosure"),
                        _("Disclosing body"), _("Audience, mode, levels, channels"), _("Documents, QR"));
        }
        char aud[128], mode[128], lvl[128], ch[1024];
        review_audience(it->audience, aud, sizeof aud);
        review_mode(it->mode, mode, sizeof mode);
        review_levels(it->levels, lvl, sizeof lvl);
        review_channels(it->channels, ch, sizeof ch);
        html_printf(f,
                    "<tr><td>%s › <b>%s</b></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s<br>%s<br>%s<br>%s"
                    "</td><td>",
                    it->topic, it->name, it->content, it->basis, it->time_limit, it->subject, aud, mode, lvl, ch);
        for (size_t k = 0; k < it->docs.count; k++) {
            size_t at = 0;
            for (size_t j = 0; j < rv->ndocs && !at; j++)
                if (rv->docs[j].s->id == it->docs.items[k].id)
                    at = j + 1;
            if (at)
                html_printf(f, "<a href=\"#doc-%zu\">%s</a><br>", at, review_title(it->docs.items[k].title));
            else
                html_printf(f, "%s<br>", review_title(it->docs.items[k].title));
        }
        if (it->url)
            html_printf(f, "%s <span class=\"url\">%s</span>", _("QR:"), it->url);
        fputs("</td></tr>\n", f);
    }
    if (area)
        fputs("</table>\n", f);
    if (!items.count)
        html_printf(f, "<p>%s</p>\n", _("The directory is empty."));
    review_items_free(&items);
}

static bool write_report(review_t *rv)
{
    char path[PATH_MAX], tmp[PATH_MAX];
    snprintf(path, sizeof path, "%s/index.html", rv->out_dir);
    snprintf(tmp, sizeof tmp, "%s/.index.html.tmp", rv->out_dir);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, _("zwgk-admin review: cannot write %s: %s\n"), tmp, strerror(errno));
        return false;
    }
    content_counts_t n = {0};
    content_counts(rv->db, &n);
    const content_meta_t *m = content_meta(rv->db);
    char title[512];
    snprintf(title, sizeof title, _("Review report: %s, version %lld"), m->title ? m->title : "", m->content_version);

    /* The changes are written first into memory: the header counts them. */
    review_changes_t ch = {0};
    char *changes = NULL;
    size_t changes_len = 0;
    if (rv->old) {
        FILE *mem = open_memstream(&changes, &changes_len);
        if (mem) {
            review_changes_write(mem, rv->old, rv->db, &ch);
            fclose(mem);
        }
    }
    html_head(f, title);
    write_header(f, rv, &n, &ch);
    write_problems(f, rv);
    html_printf(f, "<h2 id=\"changes\">%s</h2>\n", _("2. Changes since the published version"));
    if (rv->old && changes)
        fwrite(changes, 1, changes_len, f);
    else
        html_printf(f, "<p>%s</p>\n",
                    _("Not compared: give the published content database with --since OLD.db to see what changed."));
    free(changes);
    write_documents(f, rv, rv->old ? &ch : NULL);
    write_catalog(f, rv);
    fputs("</div>\n</body>\n</html>\n", f);
    review_changes_free(&ch);
    bool ok = !ferror(f);
    ok = fflush(f) == 0 && ok && fsync(fileno(f)) == 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, _("zwgk-admin review: cannot write %s: %s\n"), path, strerror(errno));
        unlink(tmp);
        return false;
    }
    return true;
}

static void review_free(review_t *rv)
{
    content_close(rv->db);
    content_close(rv->old);
    review_docs_free(rv->lists);
    for (size_t i = 0; i < rv->ndocs; i++)
        free((char *)rv->docs[i].source_file);
    free(rv->docs);
    diag_clear(&rv->diags);
    if (rv->tmp_dir[0]) {
        unlink(rv->db_path);
        rmdir(rv->tmp_dir);
    }
}

int admin_review(int argc, char **argv)
{
    review_t rv = {0};
    rv.aopt.font_face = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") && i + 1 < argc)
            rv.out_dir = argv[++i];
        else if (!strcmp(a, "--since") && i + 1 < argc)
            rv.since = argv[++i];
        else if (!strcmp(a, "--font") && i + 1 < argc)
            rv.aopt.font_regular = argv[++i];
        else if (!strcmp(a, "--font-bold") && i + 1 < argc)
            rv.aopt.font_bold = argv[++i];
        else if (!strcmp(a, "--font-face") && i + 1 < argc)
            rv.aopt.font_face = atoi(argv[++i]);
        else if (a[0] != '-' && !rv.src)
            rv.src = a;
        else {
            rv.src = NULL;
            break;
        }
    }
    if (!rv.src || !rv.out_dir) {
        fprintf(stderr, "%s", _("usage: zwgk-admin review SRC_DIR -o DIR [--since OLD.db]\n"));
        return 2;
    }
    int rc = 1;
    if (rv.since) { /* first, so a mistyped path costs nothing */
        char err[512];
        rv.old = content_open(rv.since, err, sizeof err);
        if (!rv.old || !hash_file(rv.since, rv.old_hash_hex)) {
            fprintf(stderr, _("zwgk-admin review: --since %s: %s\n"), rv.since, rv.old ? strerror(errno) : err);
            goto done;
        }
    }
    struct stat st;
    if (stat(rv.src, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr,
                _("zwgk-admin review: %s is not a folder: give the content source folder (meta.yaml, "
                  "catalog, docs/)\n"),
                rv.src);
        goto done;
    }
    if (is_inside(rv.out_dir, rv.src)) {
        fprintf(stderr,
                _("zwgk-admin review: the report folder %s is inside the source folder %s: put it "
                  "elsewhere (review writes nothing into the source)\n"),
                rv.out_dir, rv.src);
        goto done;
    }
    if (!prepare_out_dir(rv.out_dir))
        goto done;
    if (!build_db(&rv) || !collect_docs(&rv))
        goto done;
    render_pages(&rv);
    if (!write_report(&rv))
        goto done;
    printf(_("wrote %s/index.html: %zu documents, %ld pages; %zu errors, %zu warnings\n"), rv.out_dir, rv.ndocs,
           rv.total_pages, rv.diags.errors, warnings(&rv.diags));
    rc = rv.diags.errors ? 1 : 0;
done:
    review_free(&rv);
    return rc;
}
