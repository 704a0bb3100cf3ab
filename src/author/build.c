/* build.c — loading a source folder and the two entry points, author_check and author_build.
 *
 * Loading never stops at the first problem: every file is read and every problem collected, so an admin fixes a
 * folder in one pass.  Documents are read in file-name order so the build is deterministic whatever order the file
 * system lists them in. */
#include "author_private.h"
#include "zwgk/i18n.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *path_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The id a document that cannot be parsed names on an `id:` line near its top, or NULL. */
static char *sniff_id(const char *text)
{
    const char *p = text;
    for (int line = 0; p && *p && line < 80; line++) {
        if (!strncmp(p, "id:", 3)) {
            p += 3;
            while (*p == ' ' || *p == '\t')
                p++;
            size_t n = 0;
            while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9') || p[n] == '-')
                n++;
            return n && n <= 64 ? strndup(p, n) : NULL;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return NULL;
}

static void load_docs(const char *dir, author_src_t *src, diag_list_t *d)
{
    char *docs_dir = path_join(dir, "docs");
    DIR *dp = docs_dir ? opendir(docs_dir) : NULL;
    if (!dp) {
        diag_add(d, DIAG_WARNING, "docs", 0, NULL, "%s", _("no docs/ folder: the kiosk will have no documents"));
        free(docs_dir);
        return;
    }
    strlist_t names = {0}, others = {0};
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.' || !strncmp(e->d_name, "~$", 2) || ends_with(e->d_name, "~"))
            continue; /* hidden files, Office lock files, editor backups */
        if (ends_with(e->d_name, ".md"))
            strlist_push(&names, e->d_name);
        else
            strlist_push(&others, e->d_name);
    }
    closedir(dp);
    if (others.count)
        qsort(others.items, others.count, sizeof *others.items, name_cmp);
    for (size_t i = 0; i < others.count; i++) {
        char *display = path_join("docs", others.items[i]);
        diag_add(d, DIAG_WARNING, display, 0, NULL, "%s",
                 _("not a Markdown document (.md), so it is not read: turn a Word/WPS/PDF file into one with "
                   "zwgk-admin import, or move the file out of docs/"));
        free(display);
    }
    strlist_free(&others);
    if (names.count)
        qsort(names.items, names.count, sizeof *names.items, name_cmp);
    for (size_t i = 0; i < names.count; i++) {
        char *path = path_join(docs_dir, names.items[i]);
        char *display = path_join("docs", names.items[i]);
        size_t len;
        char *text = path && display ? src_read_text(path, display, &len, d) : NULL;
        doc_t *doc = text ? doc_parse(text, len, display, d) : NULL;
        char *id = text && !doc ? sniff_id(text) : NULL;
        if (id) { /* links to it are consequences of its own errors */
            strlist_push(&src->broken_ids, id);
            strlist_push(&src->broken_files, display);
        }
        free(id);
        if (doc) {
            if (src->docs.count == src->docs.cap) {
                size_t cap = src->docs.cap ? src->docs.cap * 2 : 32;
                doc_t **v = realloc(src->docs.docs, cap * sizeof *v);
                if (!v) {
                    doc_free(doc);
                    doc = NULL;
                    diag_add(d, DIAG_ERROR, display, 0, NULL, "%s", _("out of memory"));
                } else {
                    src->docs.docs = v;
                    src->docs.cap = cap;
                }
            }
            if (doc)
                src->docs.docs[src->docs.count++] = doc;
        }
        free(text);
        free(path);
        free(display);
    }
    strlist_free(&names);
    free(docs_dir);
}

static int is_file(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* catalog.xlsx when there is one, else catalog.csv. */
static void load_catalog(const char *dir, author_src_t *src, diag_list_t *d)
{
    char *xlsx = path_join(dir, "catalog.xlsx"), *csv = path_join(dir, "catalog.csv");
    const char *region = src->meta.region;
    if (is_file(xlsx)) {
        if (is_file(csv))
            diag_add(d, DIAG_ERROR, "catalog.csv", 0, NULL, "%s",
                     _("the folder has both catalog.xlsx and catalog.csv, so it is not clear which one is the catalog: "
                       "catalog.xlsx is read; delete or rename the other"));
        catalog_parse_xlsx(xlsx, "catalog.xlsx", region, &src->catalog, d);
    } else if (!is_file(csv)) {
        diag_add(d, DIAG_ERROR, "catalog.csv", 0, NULL, "%s",
                 _("the folder has no catalog: put the 基层政务公开标准目录 in it as catalog.xlsx (as Excel/WPS saves "
                   "it) or catalog.csv"));
    } else {
        size_t len;
        char *text = src_read_text(csv, "catalog.csv", &len, d);
        if (text)
            catalog_parse(text, len, "catalog.csv", region, &src->catalog, d);
        free(text);
    }
    free(xlsx);
    free(csv);
}

/* Areas in order of first appearance; topics are (area, 一级事项) pairs in order of first appearance. */
static void index_catalog(author_src_t *src)
{
    src->row_topic = calloc(src->catalog.count ? src->catalog.count : 1, sizeof *src->row_topic);
    src->topics = calloc(src->catalog.count ? src->catalog.count : 1, sizeof *src->topics);
    if (!src->row_topic || !src->topics)
        return;
    for (size_t i = 0; i < src->catalog.count; i++) {
        const catalog_row_t *r = &src->catalog.rows[i];
        long long a = author_area_index(src, r->area);
        if (a < 0) {
            strlist_push(&src->areas, r->area);
            a = (long long)src->areas.count - 1;
        }
        size_t t = 0;
        while (t < src->ntopics && !(src->topics[t].area == a && strcmp(src->topics[t].name, r->level1) == 0))
            t++;
        if (t == src->ntopics) {
            src->topics[t].area = a;
            src->topics[t].name = r->level1;
            src->ntopics++;
        }
        src->row_topic[i] = (long long)t;
    }
}

zwgk_result author_load(const char *dir, author_src_t *src, diag_list_t *d)
{
    memset(src, 0, sizeof *src);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(d, DIAG_ERROR, dir, 0, NULL, "%s",
                 _("not a folder: give the authoring source folder (meta.yaml, catalog.xlsx or catalog.csv, docs/)"));
        return ZWGK_ERR_IO;
    }
    char *meta = path_join(dir, "meta.yaml");
    if (meta)
        meta_parse(meta, "meta.yaml", &src->meta, d);
    free(meta);

    load_catalog(dir, src, d);
    index_catalog(src);
    load_docs(dir, src, d);
    char *guides = path_join(dir, "guides.xlsx"); /* 办事指南 kept as a workbook (guides_xlsx.c) */
    if (is_file(guides))
        guides_parse_xlsx(guides, "guides.xlsx", &src->docs, &src->broken_ids, &src->broken_files, d);
    free(guides);
    return ZWGK_OK;
}

void author_src_free(author_src_t *src)
{
    meta_free(&src->meta);
    catalog_free(&src->catalog);
    doc_set_free(&src->docs);
    strlist_free(&src->areas);
    strlist_free(&src->broken_ids);
    strlist_free(&src->broken_files);
    free(src->topics); /* names belong to the catalog rows */
    free(src->row_topic);
    memset(src, 0, sizeof *src);
}

void author_item_key(const catalog_row_t *r, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s/%s", r->area, r->level1, r->level2);
}

long long author_doc_index(const author_src_t *src, const char *id)
{
    for (size_t i = 0; id && i < src->docs.count; i++)
        if (src->docs.docs[i]->id && strcmp(src->docs.docs[i]->id, id) == 0)
            return (long long)i;
    return -1;
}

long long author_area_index(const author_src_t *src, const char *name)
{
    for (size_t i = 0; name && i < src->areas.count; i++)
        if (strcmp(src->areas.items[i], name) == 0)
            return (long long)i;
    return -1;
}

zwgk_result author_check(const char *src_dir, const author_options_t *opt, diag_list_t *d)
{
    author_src_t src;
    zwgk_result r = author_load(src_dir, &src, d);
    if (r == ZWGK_OK)
        author_validate(&src, opt, d);
    author_src_free(&src);
    diag_sort(d);
    if (r == ZWGK_OK && d->errors)
        r = ZWGK_ERR_INVALID;
    return r;
}

zwgk_result author_build(const char *src_dir, const char *out_path, const author_options_t *opt, diag_list_t *d,
                         char *err, size_t errlen)
{
    author_src_t src;
    zwgk_result r = author_load(src_dir, &src, d);
    if (r == ZWGK_OK)
        author_validate(&src, opt, d);
    diag_sort(d);
    if (r == ZWGK_OK && d->errors) {
        snprintf(err, errlen, _("%zu error(s): nothing written"), d->errors);
        r = ZWGK_ERR_INVALID;
    }
    if (r == ZWGK_OK)
        r = author_emit(&src, out_path, err, errlen);
    author_src_free(&src);
    return r;
}
