/* cmd_stats.c — `zwgk-admin stats`: many kiosks' statistics exports merged into one report.
 *
 * Each kiosk exports <kiosk-id>-stats-<date>.csv (local_stats_export): "kiosk,exported,kind,key,count,last" rows of
 * cumulative counters.  Because they are cumulative, two exports of the same kiosk must not be added: only the newest
 * export of each kiosk counts (by its `exported` time), and the older ones are named in a note.  The rows of the
 * kept exports are sorted by (kind, key) and summed; the report lists each kind's top counters with how many kiosks
 * saw them.  Parsing is RFC 4180 (quoted fields, doubled quotes, CRLF), since the files may have passed through
 * Excel/WPS.  With --html DIR the same numbers (and the weekly growth between successive exports) become a page with
 * charts (stats_html.c). */
#include "admin.h"
#include "stats.h"
#include "zwgk/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER "kiosk,exported,kind,key,count,last"

typedef stats_row_t row_t;
typedef stats_rows_t rows_t;

static void rows_free(rows_t *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].kiosk);
        free(r->v[i].exported);
        free(r->v[i].kind);
        free(r->v[i].key);
        free(r->v[i].last);
    }
    free(r->v);
}

/* Reads one CSV field at *p (advancing past its separator); returns a malloc'ed copy, or NULL at end of input.
 * *eol is set when the field ended its line. */
static char *csv_field(const char **p, const char *end, int *eol)
{
    const char *s = *p;
    char *out = malloc((size_t)(end - s) + 1);
    size_t o = 0;
    if (!out || s >= end) {
        free(out);
        return NULL;
    }
    if (*s == '"') {
        for (s++; s < end; s++) {
            if (*s == '"' && s + 1 < end && s[1] == '"')
                out[o++] = *s++;
            else if (*s == '"') {
                s++;
                break;
            } else
                out[o++] = *s;
        }
    } else
        while (s < end && *s != ',' && *s != '\n' && *s != '\r')
            out[o++] = *s++;
    out[o] = '\0';
    *eol = s >= end || *s != ',';
    if (s < end && *s == ',')
        s++;
    else {
        while (s < end && *s != '\n')
            s++;
        if (s < end)
            s++;
    }
    *p = s;
    return out;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n + 4096 > cap) {
            char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Appends the rows of one export; -1 with a message when it is not an export. */
static int read_export(const char *path, size_t file, rows_t *out)
{
    size_t len = 0;
    char *text = slurp(path, &len);
    if (!text) {
        fprintf(stderr, _("zwgk-admin stats: %s: %s\n"), path, strerror(errno));
        return -1;
    }
    const char *p = text, *end = text + len;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3; /* a BOM added by a spreadsheet */
    size_t hl = strlen(HEADER);
    int rc = 0;
    if ((size_t)(end - p) < hl || memcmp(p, HEADER, hl) != 0) {
        fprintf(stderr, _("zwgk-admin stats: %s: not a kiosk statistics export (first line is not '%s')\n"), path,
                HEADER);
        rc = -1;
    }
    p = memchr(p, '\n', (size_t)(end - p));
    p = p ? p + 1 : end;
    for (int line = 2; rc == 0 && p < end; line++) {
        char *f[6] = {0};
        int eol = 0, k = 0;
        while (k < 6 && !eol && (f[k] = csv_field(&p, end, &eol)))
            k++;
        if (k == 1 && !f[0][0]) { /* blank line */
            free(f[0]);
            continue;
        }
        char *e = NULL;
        long long count = k == 6 ? strtoll(f[4], &e, 10) : -1;
        if (k == 6 && eol && !*e && count >= 0 && f[0][0] && out->n == out->cap) {
            row_t *nv = realloc(out->v, (out->cap ? out->cap * 2 : 256) * sizeof *nv);
            if (nv) {
                out->v = nv;
                out->cap = out->cap ? out->cap * 2 : 256;
            }
        }
        if (k != 6 || !eol || *e || count < 0 || !f[0][0] || out->n == out->cap) {
            fprintf(stderr, _("zwgk-admin stats: %s:%d: not a statistics row\n"), path, line);
            for (int i = 0; i < k; i++)
                free(f[i]);
            rc = -1;
            break;
        }
        out->v[out->n++] = (row_t){f[0], f[1], f[2], f[3], f[5], count, file};
        free(f[4]);
    }
    free(text);
    return rc;
}

static int by_counter(const void *a, const void *b)
{
    const row_t *x = *(const row_t *const *)a, *y = *(const row_t *const *)b;
    int c = strcmp(x->kind, y->kind);
    return c ? c : strcmp(x->key, y->key);
}

typedef stats_counter_t counter_t;

static int by_count(const void *a, const void *b)
{
    const counter_t *x = a, *y = b;
    int c = strcmp(x->kind, y->kind);
    if (c)
        return c;
    return x->count != y->count ? (x->count < y->count ? 1 : -1) : strcmp(x->key, y->key);
}

static void csv_out(const char *v, int last)
{
    if (strpbrk(v, ",\"\r\n")) {
        putchar('"');
        for (const char *p = v; *p; p++) {
            if (*p == '"')
                putchar('"');
            putchar(*p);
        }
        putchar('"');
    } else
        fputs(v, stdout);
    putchar(last ? '\n' : ',');
}

static void print_report(const counter_t *c, size_t n, size_t nkept, long top)
{
    static const struct {
        const char *kind, *title;
    } sections[] = {
        {"view_item", N_("事项浏览 (directory items viewed)")},
        {"view_doc", N_("文件浏览 (documents viewed)")},
        {"unmet_search", N_("没有找到结果的搜索 (searches that found nothing)")},
        {"search", N_("搜索次数 (searches committed: 搜索 pressed, a result opened, or its query read 3 s)")},
        {"found_search", N_("找到并打开了结果的搜索 (searches whose result was opened: 热门搜索)")},
        {"rating", N_("好差评 (ratings, LEVEL:TARGET; 5 = 非常满意, 1 = 非常不满意)")},
        {"rating_reason", N_("不满意的原因 (reasons, REASON:TARGET)")}};
    printf(_("%zu kiosk export(s) merged, %zu counter(s)\n"), nkept, n);
    for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
        long long total = 0;
        size_t entries = 0;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(c[i].kind, sections[s].kind)) {
                total += c[i].count;
                entries++;
            }
        printf(entries == 1 ? _("\n%s: %lld in %zu entry\n") : _("\n%s: %lld in %zu entries\n"), _(sections[s].title),
               total, entries);
        long shown = 0;
        for (size_t i = 0; i < n && shown < top; i++)
            if (!strcmp(c[i].kind, sections[s].kind)) {
                printf(_("  %8lld  %3zu kiosk(s)  %s\n"), c[i].count, c[i].kiosks, c[i].key);
                shown++;
            }
    }
}

int admin_stats(int argc, char **argv)
{
    int as_csv = 0, rc = 1, bad = 0;
    const char *html = NULL, *content_db = NULL;
    long top = 20;
    size_t nfiles = 0, nrows = 0, nkept = 0, nc = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    rows_t *exports = calloc((size_t)argc + 1, sizeof *exports);
    const row_t **kept = NULL;
    counter_t *c = NULL;
    for (int i = 0; files && i < argc && !bad; i++) {
        if (!strcmp(argv[i], "--csv"))
            as_csv = 1;
        else if (!strcmp(argv[i], "--top") && i + 1 < argc)
            top = atol(argv[++i]);
        else if (!strcmp(argv[i], "--html") && i + 1 < argc)
            html = argv[++i];
        else if (!strcmp(argv[i], "--content") && i + 1 < argc)
            content_db = argv[++i];
        else if (argv[i][0] == '-')
            bad = 1;
        else
            files[nfiles++] = argv[i];
    }
    if (!files || !exports || bad || nfiles == 0 || top <= 0) {
        fprintf(stderr, "%s", _("usage: zwgk-admin stats EXPORT... [--csv] [--top N] [--html DIR [--content DB]]\n"));
        rc = 2;
        goto done;
    }
    for (size_t i = 0; i < nfiles; i++) {
        if (read_export(files[i], i, &exports[i]) != 0)
            goto done;
        for (size_t r = 1; r < exports[i].n; r++)
            if (strcmp(exports[i].v[r].kiosk, exports[i].v[0].kiosk) != 0) {
                fprintf(stderr, _("zwgk-admin stats: %s: rows of several kiosks (%s, %s)\n"), files[i],
                        exports[i].v[0].kiosk, exports[i].v[r].kiosk);
                goto done;
            }
        nrows += exports[i].n;
    }
    /* counters are cumulative: of the exports of one kiosk only the newest counts */
    kept = calloc(nrows + 1, sizeof *kept);
    c = calloc(nrows + 1, sizeof *c);
    if (!kept || !c)
        goto done;
    size_t nk = 0;
    for (size_t i = 0; i < nfiles; i++) {
        if (!exports[i].n)
            continue;
        const row_t *a = &exports[i].v[0];
        size_t newer = nfiles;
        for (size_t j = 0; j < nfiles && newer == nfiles; j++) {
            const row_t *b = exports[j].n ? &exports[j].v[0] : NULL;
            if (j != i && b && !strcmp(a->kiosk, b->kiosk) &&
                (strcmp(b->exported, a->exported) > 0 || (!strcmp(b->exported, a->exported) && j > i)))
                newer = j;
        }
        if (newer < nfiles) {
            fprintf(stderr, _("note: %s: %s is older than %s and is not counted\n"), a->kiosk, files[i], files[newer]);
            continue;
        }
        nkept++;
        for (size_t r = 0; r < exports[i].n; r++)
            kept[nk++] = &exports[i].v[r];
    }
    qsort(kept, nk, sizeof *kept, by_counter);
    for (size_t i = 0; i < nk;) {
        counter_t m = {kept[i]->kind, kept[i]->key, kept[i]->last, 0, 0};
        size_t j = i;
        for (; j < nk && !by_counter(&kept[i], &kept[j]); j++) {
            m.count += kept[j]->count;
            m.kiosks++;
            if (strcmp(kept[j]->last, m.last) > 0)
                m.last = kept[j]->last;
        }
        c[nc++] = m;
        i = j;
    }
    qsort(c, nc, sizeof *c, by_count);
    if (html) {
        stats_input_t in = {files, exports, nfiles, c, nc, nkept, content_db};
        rc = stats_html_write(html, &in);
        goto done;
    }
    if (as_csv) {
        printf("kind,key,count,kiosks,last\n");
        for (size_t i = 0; i < nc; i++) {
            char n1[32], n2[32];
            snprintf(n1, sizeof n1, "%lld", c[i].count);
            snprintf(n2, sizeof n2, "%zu", c[i].kiosks);
            csv_out(c[i].kind, 0);
            csv_out(c[i].key, 0);
            csv_out(n1, 0);
            csv_out(n2, 0);
            csv_out(c[i].last, 1);
        }
    } else
        print_report(c, nc, nkept, top);
    rc = 0;
done:
    for (size_t i = 0; exports && i < nfiles; i++)
        rows_free(&exports[i]);
    free(exports);
    free(kept);
    free(c);
    free(files);
    return rc;
}
