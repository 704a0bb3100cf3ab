/* import.c — one input file to one document file (zwgk/import.h): choose the reader by what the file is, recognise
 * the 公文, name it, write it without ever replacing a file, and say in the staffer's words what was found.
 *
 * The reader is chosen by the file's extension and checked against its first bytes: a ".docx" that is really an old
 * binary Word or WPS file (an OLE compound file) goes through LibreOffice like a .doc, because that is what the
 * staffer meant.  The output file is DIR/<the input's name>.md, so 通知.docx becomes 通知.md; it is created with
 * O_EXCL, so an existing file is never touched even when two imports run at once. */
#include "import_private.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *import_type_key(int type)
{
    return type == IMPORT_TYPE_NOTICE ? "notice" : type == IMPORT_TYPE_INTERPRETATION ? "interpretation" : "policy";
}

const char *import_type_label(int type)
{
    return type == IMPORT_TYPE_NOTICE ? "通知公告" : type == IMPORT_TYPE_INTERPRETATION ? "政策解读" : "政策文件";
}

/* ---- the session: what DIR already holds ---- */

static void known_add(import_session_t *s, const char *id, int type, const char *title, const char *issuer)
{
    if (s->nknown == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->known = imp_xrealloc(s->known, s->cap * sizeof *s->known);
    }
    import_known_t *k = &s->known[s->nknown++];
    k->id = imp_xstrdup(id);
    k->title = imp_xstrdup(title ? title : "");
    k->issuer = imp_xstrdup(issuer ? issuer : "");
    k->type = type;
}

/* The value of "key:" on a front-matter line, unquoted and without a trailing comment (caller frees), or NULL. */
static char *fm_value(const char *line, const char *key)
{
    size_t k = strlen(key);
    if (strncmp(line, key, k) || line[k] != ':')
        return NULL;
    const char *v = line + k + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    imp_buf_t b = {0};
    if (*v == '"' || *v == '\'') {
        char q = *v++;
        for (; *v && *v != q; v++) {
            if (q == '"' && *v == '\\' && v[1])
                v++;
            imp_buf_put(&b, v, 1);
        }
    } else {
        const char *end = strstr(v, " #");
        size_t n = end ? (size_t)(end - v) : strlen(v);
        while (n && (v[n - 1] == ' ' || v[n - 1] == '\r' || v[n - 1] == '\n'))
            n--;
        imp_buf_put(&b, v, n);
    }
    if (!b.s)
        imp_buf_put(&b, "", 0);
    return b.s;
}

static void read_known(import_session_t *s, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char line[4096];
    char *id = NULL, *type = NULL, *title = NULL, *issuer = NULL;
    int n = 0;
    while (fgets(line, sizeof line, f) && n++ < 200) {
        if (n == 1) {
            if (strncmp(line, "---", 3) != 0)
                break;
            continue;
        }
        if (!strncmp(line, "---", 3))
            break;
        char *v;
        if (!id && (v = fm_value(line, "id")))
            id = v;
        else if (!type && (v = fm_value(line, "type")))
            type = v;
        else if (!title && (v = fm_value(line, "title")))
            title = v;
        else if (!issuer && (v = fm_value(line, "issuer")))
            issuer = v;
    }
    fclose(f);
    if (id && *id)
        known_add(s, id,
                  type && !strcmp(type, "interpretation") ? IMPORT_TYPE_INTERPRETATION
                  : type && !strcmp(type, "notice")       ? IMPORT_TYPE_NOTICE
                                                          : IMPORT_TYPE_POLICY,
                  title, issuer);
    free(id);
    free(type);
    free(title);
    free(issuer);
}

zwgk_result import_session_open(import_session_t *s, const char *out_dir, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    DIR *d = opendir(out_dir);
    if (!d) {
        snprintf(err, errlen, _("cannot open the output folder %s: %s"), out_dir, strerror(errno));
        return ZWGK_ERR_IO;
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 3, ".md") != 0 || e->d_name[0] == '.')
            continue;
        imp_buf_t p = {0};
        imp_buf_printf(&p, "%s/%s", out_dir, e->d_name);
        read_known(s, p.s);
        imp_buf_free(&p);
    }
    closedir(d);
    return ZWGK_OK;
}

void import_session_close(import_session_t *s)
{
    for (size_t i = 0; i < s->nknown; i++) {
        free(s->known[i].id);
        free(s->known[i].title);
        free(s->known[i].issuer);
    }
    free(s->known);
    memset(s, 0, sizeof *s);
}

static bool id_taken(const import_session_t *s, const char *id)
{
    for (size_t i = 0; i < s->nknown; i++)
        if (!strcmp(s->known[i].id, id))
            return true;
    return false;
}

/* The policy a 解读 interprets: the known policy whose title is the one in 《》, or contains it, or the reverse. */
static const import_known_t *find_policy(const import_session_t *s, const char *title)
{
    if (!title || !*title)
        return NULL;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < s->nknown; i++) {
            const import_known_t *k = &s->known[i];
            if (k->type != IMPORT_TYPE_POLICY || !k->title[0]) /* what `check` accepts */
                continue;
            if (pass == 0 ? !strcmp(k->title, title) : (strstr(k->title, title) || strstr(title, k->title)))
                return k;
        }
    return NULL;
}

/* ---- the report ---- */

static void say(char ***list, size_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char ***list, size_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    imp_buf_t b = {0};
    char tmp[2048];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    imp_buf_puts(&b, tmp);
    char *s = b.s;
    *list = imp_xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = s;
}

void import_report_free(import_report_t *r)
{
    free(r->md_path);
    free(r->id);
    free(r->title);
    free(r->doc_number);
    free(r->issuer);
    free(r->publish_date);
    for (size_t i = 0; i < r->nfound; i++)
        free(r->found[i]);
    free(r->found);
    for (size_t i = 0; i < r->ncheck; i++)
        free(r->check[i]);
    free(r->check);
    memset(r, 0, sizeof *r);
}

static void report(import_report_t *r, const imp_doc_t *d, const imp_source_t *src, const imp_write_t *w)
{
    say(&r->found, &r->nfound, _("type: %s (%s)"), import_type_label(d->type), import_type_key(d->type));
    if (d->title)
        say(&r->found, &r->nfound, _("title: %s"), d->title);
    if (d->issuer)
        say(&r->found, &r->nfound, _("issuer: %s"), d->issuer);
    if (d->doc_number)
        say(&r->found, &r->nfound, _("doc_number: %s"), d->doc_number);
    if (d->publish_date && !d->date_guessed)
        say(&r->found, &r->nfound, _("date: %s (the original says %s)"), d->publish_date, d->date_text);
    if (d->main_to)
        say(&r->found, &r->nfound, "%s", _("主送机关: kept at the margin (::: 顶格)"));
    size_t sig = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        sig += d->blocks[i].kind == IMP_SIGNATURE;
    if (sig)
        say(&r->found, &r->nfound, "%s", _("落款: set flush right (::: 落款)"));
    size_t h = 0;
    for (int l = 1; l <= 5; l++)
        h += d->headings[l];
    if (h)
        say(&r->found, &r->nfound,
            _("headings: level 1 %zu, level 2 (一、) %zu, level 3 (（一）) %zu, level 4 (1.) %zu, "
              "level 5 (（1）) %zu"),
            d->headings[1], d->headings[2], d->headings[3], d->headings[4], d->headings[5]);
    if (d->tables)
        say(&r->found, &r->nfound, _("tables: %zu"), d->tables);
    if (d->tails)
        say(&r->found, &r->nfound, _("tasks with 〔牵头单位：…；责任单位：…〕: %zu (shown as their own lines)"),
            d->tails);
    if (d->disclosure)
        say(&r->found, &r->nfound, _("附注: %s"), d->disclosure);
    if (d->attachment_note)
        say(&r->found, &r->nfound, "%s", _("附件说明: kept as a paragraph"));
    if (d->nqas)
        say(&r->found, &r->nfound, _("简明问答: %zu questions"), d->nqas);
    if (d->dropped_banji)
        say(&r->found, &r->nfound, _("版记 (抄送, 印发): %zu lines left out of the body"), d->dropped_banji);
    if (src->dropped_page_lines)
        say(&r->found, &r->nfound, _("page numbers and running headers left out: %zu lines"), src->dropped_page_lines);
    if (src->replaced)
        say(&r->check, &r->ncheck, _("%zu bytes that were not text were shown as U+FFFD (�)"), src->replaced);
    if (!d->title)
        say(&r->check, &r->ncheck, "%s", _("no title was recognised: the file name was used"));
    if (d->date_guessed)
        say(&r->check, &r->ncheck, _("no 成文日期 was found: publish_date is the file's date, %s"), d->publish_date);
    if (w->id_guessed)
        say(&r->check, &r->ncheck, _("no 发文字号: the id %s was made from the file name"), w->id);
    if (d->type == IMPORT_TYPE_POLICY)
        say(&r->check, &r->ncheck, "%s", _("validity: 现行有效 was assumed"));
    if (d->type == IMPORT_TYPE_INTERPRETATION && !w->interprets)
        say(&r->check, &r->ncheck, "%s",
            _("interprets: the policy it interprets is not in the output folder; fill in its id (import the policy "
              "too, then the id is found)"));
    say(&r->check, &r->ncheck, "%s", _("area, url, keywords and summary are empty: fill them in if they apply"));
}

/* ---- one file ---- */

static const char *extension(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

static bool ext_is(const char *ext, const char *what)
{
    return !strcasecmp(ext, what);
}

static bool is_ole(const char *path)
{
    unsigned char h[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    return n == 8 && !memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

/* DIR/<name without extension>.md (caller frees). */
static char *output_path(const char *dir, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    imp_buf_t b = {0};
    imp_buf_printf(&b, "%s/%.*s.md", dir, (int)n, base);
    return b.s;
}

static const char *display_name(const char *path)
{
    const char *base = strrchr(path, '/');
    return base ? base + 1 : path;
}

zwgk_result import_file(import_session_t *s, const char *path, const import_options_t *opt, import_report_t *rep,
                        char *err, size_t errlen)
{
    memset(rep, 0, sizeof *rep);
    err[0] = '\0';
    const char *name = display_name(path);
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, _("cannot read %s: %s"), path, strerror(errno));
        return ZWGK_ERR_IO;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, _("%s is not a file"), path);
        return ZWGK_ERR_IO;
    }
    char *out = output_path(opt->out_dir, path);
    if (access(out, F_OK) == 0) {
        snprintf(err, errlen, _("%s already exists: nothing was written for %s (move or rename the old file first)"),
                 out, name);
        free(out);
        return ZWGK_ERR_INVALID;
    }
    const char *ext = extension(path);
    office_limits_t lim;
    office_limits_default(&lim);
    imp_source_t src = {0};
    zwgk_result r;
    if (ext_is(ext, "pdf")) {
        r = imp_from_pdf(path, name, opt, &src, err, errlen);
    } else if (ext_is(ext, "doc") || ext_is(ext, "wps") || ext_is(ext, "odt") || ext_is(ext, "rtf") ||
               ext_is(ext, "wpt") || ext_is(ext, "dot") || ext_is(ext, "fodt") ||
               ((ext_is(ext, "docx") || ext_is(ext, "docm")) && is_ole(path))) {
        char *docx = NULL, *tmp = NULL;
        r = imp_convert_to_docx(path, name, opt, &docx, &tmp, err, errlen);
        if (r == ZWGK_OK)
            r = imp_from_docx(docx, name, &lim, &src, err, errlen);
        imp_convert_cleanup(docx, tmp);
    } else if (ext_is(ext, "docx") || ext_is(ext, "docm") || ext_is(ext, "dotx")) {
        r = imp_from_docx(path, name, &lim, &src, err, errlen);
    } else {
        snprintf(err, errlen,
                 _("%s: import reads .docx, .doc, .wps, .odt and .pdf files; save this one from Word/WPS as .docx"),
                 name);
        r = ZWGK_ERR_UNSUPPORTED;
    }
    if (r == ZWGK_OK && src.count == 0) {
        snprintf(err, errlen, _("%s has no text to import"), name);
        r = ZWGK_ERR_FORMAT;
    }
    if (r != ZWGK_OK) {
        imp_source_free(&src);
        free(out);
        return r;
    }

    imp_doc_t d;
    imp_recognize(&src, &d);
    if (!d.publish_date) { /* the file's own date, marked 请核对 */
        char date[16];
        struct tm tm;
        time_t t = st.st_mtime;
        localtime_r(&t, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        d.publish_date = imp_xstrdup(date);
        d.date_guessed = true;
    }
    imp_write_t w = {0};
    char *id = imp_id_from_number(d.doc_number);
    w.id_guessed = id == NULL;
    if (!id)
        id = imp_id_from_name(name, d.publish_date);
    if (id_taken(s, id)) {
        for (int k = 2; k < 1000; k++) {
            imp_buf_t b = {0};
            imp_buf_printf(&b, "%s-%d", id, k);
            if (!id_taken(s, b.s)) {
                free(id);
                id = b.s;
                break;
            }
            imp_buf_free(&b);
        }
    }
    w.id = id;
    w.source_name = name;
    const import_known_t *policy = d.type == IMPORT_TYPE_INTERPRETATION ? find_policy(s, d.interprets_title) : NULL;
    if (policy) {
        w.interprets = policy->id;
        w.unit = d.issuer ? d.issuer : policy->issuer[0] ? policy->issuer : NULL;
    }
    char *md = imp_markdown(&d, &w);

    int fd = open(out, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        if (errno == EEXIST)
            snprintf(err, errlen,
                     _("%s already exists: nothing was written for %s (move or rename the old file first)"), out, name);
        else
            snprintf(err, errlen, _("cannot write %s: %s"), out, strerror(errno));
        r = errno == EEXIST ? ZWGK_ERR_INVALID : ZWGK_ERR_IO;
    } else {
        size_t len = strlen(md), done = 0;
        while (done < len) {
            ssize_t k = write(fd, md + done, len - done);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            done += (size_t)k;
        }
        if (done < len || fsync(fd) != 0 || close(fd) != 0) {
            snprintf(err, errlen, _("cannot write %s: %s"), out, strerror(errno ? errno : EIO));
            unlink(out);
            r = ZWGK_ERR_IO;
        }
        if (done < len)
            close(fd);
    }
    if (r == ZWGK_OK) {
        report(rep, &d, &src, &w);
        rep->md_path = out;
        out = NULL;
        rep->id = imp_xstrdup(id);
        rep->title = imp_xstrdup(d.title);
        rep->doc_number = imp_xstrdup(d.doc_number);
        rep->issuer = imp_xstrdup(d.issuer);
        rep->publish_date = imp_xstrdup(d.publish_date);
        rep->type = d.type;
        known_add(s, id, d.type, d.title, d.issuer);
    }
    free(md);
    free(id);
    free(out);
    imp_doc_free(&d);
    imp_source_free(&src);
    return r;
}
