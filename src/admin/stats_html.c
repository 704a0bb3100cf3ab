/* stats_html.c — `zwgk-admin stats EXPORT... --html DIR`: one page a county office can read and forward.
 *
 * DIR/index.html is the whole report: no script, no network, no image or style file beside it — the charts are SVG
 * written here, the style is in the page — so it opens the same in any browser on an office PC, from a stick or as
 * a mail attachment, and prints.  Every question gets a chart and, beside it, a table with the exact numbers (a chart
 * for the eye, the table for the report the office writes):
 *   各领域浏览量        views per area: directory items by their 领域 (the first part of the item key), documents by
 *                      their area when --content names it;
 *   文件浏览量          the most read documents;
 *   群众关切            the top searches that found nothing — what citizens looked for and the kiosk lacks;
 *   好差评              ratings per document (and for the kiosk as a whole), per kiosk, and the reasons given;
 *   按周趋势            views, unmet searches and ratings per week, from successive exports of each kiosk (counters
 *                      are cumulative: a week's number is what grew between a kiosk's export and its previous one).
 * Everything shown that came from a kiosk — a citizen's search words above all — is HTML-escaped by html_text
 * (review_html.c), as in the review report: invalid UTF-8 and control characters become U+FFFD. */
#include "admin.h"
#include "review.h" /* html_text: the one HTML escaper of content (bad UTF-8 → U+FFFD) */
#include "stats.h"
#include "zwgk/content.h"
#include "zwgk/i18n.h"
#include "zwgk/local.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TOP_N 15

typedef struct bar {
    char label[256];
    long long v;
    long long lv[6]; /* ratings: count per level 1..5 */
    long long reasons[LOCAL_RATING_REASON_COUNT];
} bar_t;

typedef struct bars {
    bar_t *v;
    size_t n, cap;
} bars_t;

static bar_t *bar_get(bars_t *b, const char *label)
{
    for (size_t i = 0; i < b->n; i++)
        if (!strcmp(b->v[i].label, label))
            return &b->v[i];
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        bar_t *nv = realloc(b->v, cap * sizeof *nv);
        if (!nv)
            return NULL;
        b->v = nv;
        b->cap = cap;
    }
    bar_t *x = &b->v[b->n++];
    memset(x, 0, sizeof *x);
    snprintf(x->label, sizeof x->label, "%s", label);
    return x;
}

static int by_value(const void *a, const void *b)
{
    const bar_t *x = a, *y = b;
    return x->v != y->v ? (x->v < y->v ? 1 : -1) : strcmp(x->label, y->label);
}

static int by_label(const void *a, const void *b)
{
    return strcmp(((const bar_t *)a)->label, ((const bar_t *)b)->label);
}

/* ---- HTML and SVG ---- */

/* The start of s that fits `chars` Chinese characters (an ASCII letter counts half), whole code points, with … when
 * cut, escaped. */
static void esc_short(FILE *f, const char *s, int chars)
{
    const unsigned char *p = (const unsigned char *)s;
    int n = 0;
    while (*p && n < chars * 2) {
        n += *p < 0x80 ? 1 : 2;
        p++;
        while ((*p & 0xC0) == 0x80)
            p++;
    }
    char buf[1024];
    size_t len = (size_t)((const char *)p - s);
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    html_text(f, buf);
    if (*p)
        fputs("…", f);
}

static const char *const level_names[6] = {"", "非常不满意", "不满意", "基本满意", "满意", "非常满意"};
static const char *const level_colors[6] = {"", "#b3261e", "#e8710a", "#d9a400", "#5b9b3b", "#1e6b34"};
#define BAR_COLOR    "#1f4e8c"
#define SEARCH_COLOR "#a61b1b"

/* A horizontal bar chart of the first n bars. */
static void svg_bars(FILE *f, const bar_t *b, size_t n, const char *color, const char *what)
{
    long long max = 1;
    for (size_t i = 0; i < n; i++)
        if (b[i].v > max)
            max = b[i].v;
    int row = 30, label_w = 230, bar_w = 330, h = (int)n * row + 10;
    fprintf(f, "<svg class=\"chart\" role=\"img\" width=\"640\" height=\"%d\" viewBox=\"0 0 640 %d\">", h, h);
    fprintf(f, "<title>%s</title>", what);
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * row + 5, w = (int)((double)b[i].v / (double)max * bar_w);
        if (w < 2 && b[i].v > 0)
            w = 2;
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"lab\"><title>", label_w - 8, y + 19);
        html_text(f, b[i].label);
        fputs("</title>", f);
        esc_short(f, b[i].label, 13);
        fprintf(f, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"%s\" rx=\"3\"/>", label_w, y + 4,
                w, color);
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"val\">%lld</text>", label_w + w + 6, y + 19, b[i].v);
    }
    fputs("</svg>\n", f);
}

/* Stacked bars of ratings: one row per bar, the five levels side by side in proportion, with a legend. */
static void svg_ratings(FILE *f, const bar_t *b, size_t n, const char *what)
{
    int row = 30, label_w = 230, bar_w = 330, top = 34, h = top + (int)n * row + 10;
    fprintf(f, "<svg class=\"chart\" role=\"img\" width=\"640\" height=\"%d\" viewBox=\"0 0 640 %d\">", h, h);
    fprintf(f, "<title>%s</title>", what);
    for (int l = 5, x = 10; l >= 1; l--) {
        fprintf(f, "<rect x=\"%d\" y=\"8\" width=\"14\" height=\"14\" fill=\"%s\"/>", x, level_colors[l]);
        fprintf(f, "<text x=\"%d\" y=\"20\" class=\"leg\">%s</text>", x + 18, level_names[l]);
        x += 18 + (int)strlen(level_names[l]) / 3 * 14 + 18;
    }
    for (size_t i = 0; i < n; i++) {
        int y = top + (int)i * row;
        long long total = 0;
        for (int l = 1; l <= 5; l++)
            total += b[i].lv[l];
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"lab\"><title>", label_w - 8, y + 19);
        html_text(f, b[i].label);
        fputs("</title>", f);
        esc_short(f, b[i].label, 13);
        fputs("</text>", f);
        double x = label_w;
        for (int l = 5; l >= 1 && total > 0; l--) {
            double w = (double)b[i].lv[l] / (double)total * bar_w;
            if (w <= 0)
                continue;
            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"%s\"><title>%s %lld</title></rect>",
                    x, y + 4, w, level_colors[l], level_names[l], b[i].lv[l]);
            x += w;
        }
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"val\">%lld次</text>", label_w + bar_w + 6, y + 19, total);
    }
    fputs("</svg>\n", f);
}

/* The value axis of a chart whose largest value is max: a step of 1, 2 or 5 times a power of ten, the smallest that
 * needs at most five intervals, so the gridlines read 0, 50, 100, 150 — round numbers a reader can take a value off —
 * rather than a quarter of the maximum (0, 34, 69, 103, 138).  Returns the step; *intervals gets the count. */
static long long axis_step(long long max, int *intervals)
{
    static const int mantissa[3] = {1, 2, 5};
    long long power = 1, step = 1;
    /* intervals = max / step rounded up, without max + step overflowing on a hostile export's huge count */
    for (int m = 0; max / step + (max % step != 0) > 5;) {
        if (++m == 3) {
            m = 0;
            power *= 10;
        }
        step = mantissa[m] * power;
    }
    *intervals = (int)(max / step + (max % step != 0));
    if (*intervals < 1)
        *intervals = 1;
    return step;
}

/* A line chart of series over weeks (weeks sorted by label). */
static void svg_lines(FILE *f, const bar_t *weeks, size_t n, const char *const *names, const char *const *colors,
                      int nseries)
{
    long long top_value = 1;
    for (size_t i = 0; i < n; i++)
        for (int s = 0; s < nseries; s++)
            if (weeks[i].lv[s] > top_value)
                top_value = weeks[i].lv[s];
    int intervals;
    long long axis = axis_step(top_value, &intervals);
    long long max = axis * intervals; /* the top gridline */
    int left = 70, top = 36, w = 500, hgt = 220, H = top + hgt + 50;
    fprintf(f, "<svg class=\"chart\" role=\"img\" width=\"640\" height=\"%d\" viewBox=\"0 0 640 %d\">", H, H);
    fputs("<title>按周趋势</title>", f);
    for (int s = 0, x = 10; s < nseries; s++) {
        fprintf(f, "<rect x=\"%d\" y=\"10\" width=\"14\" height=\"14\" fill=\"%s\"/>", x, colors[s]);
        fprintf(f, "<text x=\"%d\" y=\"22\" class=\"leg\">%s</text>", x + 18, names[s]);
        x += 18 + (int)strlen(names[s]) / 3 * 14 + 24;
    }
    for (int g = 0; g <= intervals; g++) {
        int y = top + hgt - g * hgt / intervals;
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>", left, y, left + w, y);
        fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"val axis\">%lld</text>", left - 6, y + 4,
                axis * g);
    }
    double step = n > 1 ? (double)w / (double)(n - 1) : 0;
    for (size_t i = 0; i < n; i++) {
        double x = left + (n > 1 ? step * (double)i : w / 2.0);
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"val\">", x, top + hgt + 20);
        html_text(f, weeks[i].label);
        fputs("</text>", f);
    }
    for (int s = 0; s < nseries; s++) {
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"3\" points=\"", colors[s]);
        for (size_t i = 0; i < n; i++)
            fprintf(f, "%.1f,%.1f ", left + (n > 1 ? step * (double)i : w / 2.0),
                    top + hgt - (double)weeks[i].lv[s] / (double)max * hgt);
        fputs("\"/>", f);
        for (size_t i = 0; i < n; i++)
            fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>",
                    left + (n > 1 ? step * (double)i : w / 2.0), top + hgt - (double)weeks[i].lv[s] / (double)max * hgt,
                    colors[s]);
    }
    fputs("</svg>\n", f);
}

static void table_bars(FILE *f, const bar_t *b, size_t n, const char *col, const char *unit)
{
    fprintf(f, "<table><tr><th>序号</th><th>%s</th><th>%s</th></tr>", col, unit);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "<tr><td>%zu</td><td>", i + 1);
        html_text(f, b[i].label);
        fprintf(f, "</td><td class=\"num\">%lld</td></tr>", b[i].v);
    }
    fputs("</table>\n", f);
}

static void table_ratings(FILE *f, const bar_t *b, size_t n, const char *col, bool reasons)
{
    fprintf(f, "<table><tr><th>%s</th>", col);
    for (int l = 5; l >= 1; l--)
        fprintf(f, "<th>%s</th>", level_names[l]);
    fputs("<th>好评率</th>", f);
    if (reasons)
        fputs("<th>不满意的原因</th>", f);
    fputs("</tr>", f);
    for (size_t i = 0; i < n; i++) {
        long long total = 0, good = 0;
        for (int l = 1; l <= 5; l++)
            total += b[i].lv[l];
        good = b[i].lv[3] + b[i].lv[4] + b[i].lv[5];
        fputs("<tr><td>", f);
        html_text(f, b[i].label);
        fputs("</td>", f);
        for (int l = 5; l >= 1; l--)
            fprintf(f, "<td class=\"num\">%lld</td>", b[i].lv[l]);
        fprintf(f, "<td class=\"num\">%.0f%%</td>", total ? 100.0 * (double)good / (double)total : 0.0);
        if (reasons) {
            fputs("<td>", f);
            bool any = false;
            for (int r = 0; r < LOCAL_RATING_REASON_COUNT; r++)
                if (b[i].reasons[r]) {
                    fprintf(f, "%s%s %lld", any ? "、" : "", local_rating_reasons_zh[r], b[i].reasons[r]);
                    any = true;
                }
            fputs(any ? "</td>" : "—</td>", f);
        }
        fputs("</tr>", f);
    }
    fputs("</table>\n", f);
}

/* ---- names from the content database ---- */

typedef struct names {
    content_t *c;
} names_t;

/* The title of document key into buf (the key itself without --content or when unknown); its area into area. */
static void doc_name(names_t *nm, const char *key, char *buf, size_t cap, char *area, size_t acap)
{
    snprintf(buf, cap, "%s", key);
    if (area)
        area[0] = '\0';
    long long id = nm->c ? content_doc_find(nm->c, key) : 0;
    content_doc_t d;
    if (id && content_doc_get(nm->c, id, &d) == ZWGK_OK) {
        snprintf(buf, cap, "%s", d.s.title);
        if (area && d.area)
            snprintf(area, acap, "%s", d.area);
        content_doc_free(&d);
    }
}

/* ISO week of an export's time ("2024-11-01T08:00:00Z") as "2024年第44周", sortable as "2024-W44". */
static void week_of(const char *when, char *sortable, size_t cap)
{
    struct tm tm = {0};
    if (sscanf(when, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) {
        snprintf(sortable, cap, "?");
        return;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 12;
    time_t t = timegm(&tm);
    struct tm g;
    gmtime_r(&t, &g);
    strftime(sortable, cap, "%G-W%V", &g);
}

static void section(FILE *f, const char *id, const char *title, const char *note)
{
    fprintf(f, "<section id=\"%s\"><h2>%s</h2><p class=\"note\">%s</p><div class=\"row\">", id, title, note);
}

static void empty_section(FILE *f, const char *what)
{
    fprintf(f, "<p class=\"empty\">这些导出里还没有%s。</p>", what);
}

int stats_html_write(const char *dir, const stats_input_t *in)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, _("zwgk-admin stats: %s: %s\n"), dir, strerror(errno));
        return 1;
    }
    char path[4096], tmp[4096];
    snprintf(path, sizeof path, "%s/index.html", dir);
    snprintf(tmp, sizeof tmp, "%s/.index.html.tmp", dir);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, _("zwgk-admin stats: %s: %s\n"), tmp, strerror(errno));
        return 1;
    }
    names_t nm = {0};
    char err[512];
    if (in->content_db && !(nm.c = content_open(in->content_db, err, sizeof err)))
        fprintf(stderr, _("zwgk-admin stats: %s: %s (documents are named by their ids)\n"), in->content_db, err);

    bars_t areas = {0}, docs = {0}, unmet = {0}, rated = {0}, kiosks = {0}, weeks = {0}, reasons = {0};
    char name[512], area[256];
    for (size_t i = 0; i < in->ncounters; i++) {
        const stats_counter_t *c = &in->counters[i];
        bar_t *b = NULL;
        if (!strcmp(c->kind, "view_item")) {
            snprintf(area, sizeof area, "%.*s", (int)strcspn(c->key, "/"), c->key);
            if ((b = bar_get(&areas, area)))
                b->v += c->count;
        } else if (!strcmp(c->kind, "view_doc")) {
            doc_name(&nm, c->key, name, sizeof name, area, sizeof area);
            if ((b = bar_get(&docs, name)))
                b->v += c->count;
            if (area[0] && (b = bar_get(&areas, area)))
                b->v += c->count;
        } else if (!strcmp(c->kind, "unmet_search")) {
            if ((b = bar_get(&unmet, c->key)))
                b->v += c->count;
        } else if (!strcmp(c->kind, "rating") && c->key[0] >= '1' && c->key[0] <= '5' && c->key[1] == ':') {
            if (c->key[2])
                doc_name(&nm, c->key + 2, name, sizeof name, NULL, 0);
            else
                snprintf(name, sizeof name, "整体服务（本机）");
            if ((b = bar_get(&rated, name))) {
                b->lv[c->key[0] - '0'] += c->count;
                b->v += c->count;
            }
        } else if (!strcmp(c->kind, "rating_reason")) {
            const char *colon = strchr(c->key, ':');
            int r = -1;
            for (int k = 0; colon && k < LOCAL_RATING_REASON_COUNT; k++)
                if (strlen(local_rating_reasons[k]) == (size_t)(colon - c->key) &&
                    !strncmp(c->key, local_rating_reasons[k], (size_t)(colon - c->key)))
                    r = k;
            if (r < 0)
                continue;
            if (colon[1])
                doc_name(&nm, colon + 1, name, sizeof name, NULL, 0);
            else
                snprintf(name, sizeof name, "整体服务（本机）");
            if ((b = bar_get(&rated, name)))
                b->reasons[r] += c->count;
            if ((b = bar_get(&reasons, local_rating_reasons_zh[r])))
                b->v += c->count;
        }
    }
    /* Per kiosk: its newest export's ratings.  Per week: growth between a kiosk's successive exports. */
    for (size_t i = 0; i < in->nfiles; i++) {
        const stats_rows_t *e = &in->exports[i];
        if (!e->n)
            continue;
        bool newest = true;
        const stats_rows_t *prev = NULL; /* the kiosk's export just before this one */
        for (size_t j = 0; j < in->nfiles; j++) {
            const stats_rows_t *o = &in->exports[j];
            if (j == i || !o->n || strcmp(o->v[0].kiosk, e->v[0].kiosk))
                continue;
            int cmp = strcmp(o->v[0].exported, e->v[0].exported);
            if (cmp > 0 || (cmp == 0 && j > i))
                newest = false;
            if ((cmp < 0 || (cmp == 0 && j < i)) && (!prev || strcmp(o->v[0].exported, prev->v[0].exported) > 0))
                prev = o;
        }
        long long tot[3] = {0}, before[3] = {0};
        for (int pass = 0; pass < 2; pass++) {
            const stats_rows_t *x = pass ? prev : e;
            for (size_t r = 0; x && r < x->n; r++) {
                const stats_row_t *row = &x->v[r];
                int k = !strncmp(row->kind, "view_", 5)      ? 0
                        : !strcmp(row->kind, "unmet_search") ? 1
                        : !strcmp(row->kind, "rating")       ? 2
                                                             : -1;
                if (k >= 0)
                    (pass ? before : tot)[k] += row->count;
                if (!pass && newest && !strcmp(row->kind, "rating") && row->key[0] >= '1' && row->key[0] <= '5') {
                    bar_t *b = bar_get(&kiosks, row->kiosk);
                    if (b) {
                        b->lv[row->key[0] - '0'] += row->count;
                        b->v += row->count;
                    }
                }
            }
        }
        char wk[32];
        week_of(e->v[0].exported, wk, sizeof wk);
        bar_t *w = bar_get(&weeks, wk);
        for (int k = 0; w && k < 3; k++)
            w->lv[k] += tot[k] - before[k] > 0 ? tot[k] - before[k] : 0;
    }
    content_close(nm.c);
    qsort(areas.v, areas.n, sizeof *areas.v, by_value);
    qsort(docs.v, docs.n, sizeof *docs.v, by_value);
    qsort(unmet.v, unmet.n, sizeof *unmet.v, by_value);
    qsort(rated.v, rated.n, sizeof *rated.v, by_value);
    qsort(kiosks.v, kiosks.n, sizeof *kiosks.v, by_label);
    qsort(reasons.v, reasons.n, sizeof *reasons.v, by_value);
    qsort(weeks.v, weeks.n, sizeof *weeks.v, by_label);
    for (size_t i = 0; i < weeks.n; i++) { /* "2024-W44" → "2024年第44周" */
        int y = 0, wn = 0;
        if (sscanf(weeks.v[i].label, "%d-W%d", &y, &wn) == 2)
            snprintf(weeks.v[i].label, sizeof weeks.v[i].label, "%d年第%d周", y, wn);
    }

    char first[32] = "", last[32] = "";
    for (size_t i = 0; i < in->nfiles; i++)
        if (in->exports[i].n) {
            const char *x = in->exports[i].v[0].exported;
            if (!first[0] || strcmp(x, first) < 0)
                snprintf(first, sizeof first, "%.10s", x);
            if (strcmp(x, last) > 0)
                snprintf(last, sizeof last, "%.10s", x);
        }
    time_t now = time(NULL);
    struct tm lt;
    localtime_r(&now, &lt);

    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width\"><title>政务公开专区自助终端使用情况</title><style>"
          "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;"
          "margin:24px auto;max-width:1320px;color:#1a1a1a;background:#fff;line-height:1.6}"
          "h1{font-size:28px;margin:0 0 4px}h2{font-size:22px;margin:28px 0 4px;border-left:6px solid #a61b1b;"
          "padding-left:10px}p.note{color:#555;margin:0 0 10px}p.empty{color:#555;font-style:italic}"
          ".row{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}"
          "svg.chart{flex:0 0 auto;background:#fafafa;border:1px solid #ddd;border-radius:6px}"
          "svg text{font-size:14px;fill:#1a1a1a}svg text.val{fill:#444;font-size:13px}svg text.leg{font-size:13px}"
          "svg line.grid{stroke:#ddd}table{border-collapse:collapse;font-size:15px;flex:1 1 420px}"
          "th,td{border:1px solid #ccc;padding:4px "
          "8px;text-align:left;vertical-align:top}th{background:#f0ece4;white-space:nowrap}"
          "td.num{text-align:right;font-variant-numeric:tabular-nums}"
          ".summary{display:flex;gap:16px;flex-wrap:wrap;margin:12px 0}.card{border:1px solid #ddd;border-radius:6px;"
          "padding:8px 16px;background:#fafafa}.card b{font-size:24px;display:block}"
          "@media print{section{break-inside:avoid}}"
          "</style></head><body>\n",
          f);
    fputs("<h1>政务公开专区自助终端使用情况</h1>", f);
    fprintf(f,
            "<p class=\"note\">汇总 %zu 台终端的统计导出（%s 至 %s）。生成于 %d年%d月%d日，由 zwgk-admin stats 生成。"
            "统计是匿名的：只有浏览次数、没有找到结果的搜索词和评价，不含任何个人信息。</p>\n",
            in->nkiosks, first, last, lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday);
    long long total_views = 0, total_unmet = 0, total_rated = 0, total_good = 0;
    for (size_t i = 0; i < in->ncounters; i++) {
        const stats_counter_t *c = &in->counters[i];
        if (!strncmp(c->kind, "view_", 5))
            total_views += c->count;
        else if (!strcmp(c->kind, "unmet_search"))
            total_unmet += c->count;
        else if (!strcmp(c->kind, "rating")) {
            total_rated += c->count;
            if (c->key[0] >= '3' && c->key[0] <= '5')
                total_good += c->count;
        }
    }
    fprintf(
        f,
        "<div class=\"summary\"><div class=\"card\"><b>%zu</b>台终端</div><div class=\"card\"><b>%lld</b>次浏览</div>"
        "<div class=\"card\"><b>%lld</b>次没有找到结果的搜索</div><div class=\"card\"><b>%lld</b>次评价，好评率"
        " %.0f%%</div></div>\n",
        in->nkiosks, total_views, total_unmet, total_rated,
        total_rated ? 100.0 * (double)total_good / (double)total_rated : 0.0);

    size_t n;
    section(f, "areas", "各领域浏览量",
            "群众在终端上看了哪些领域：目录事项按所属领域汇总，文件按其所属领域（用 --content 指定内容数据库时）。");
    n = areas.n < TOP_N ? areas.n : TOP_N;
    if (n) {
        svg_bars(f, areas.v, n, BAR_COLOR, "各领域浏览量");
        table_bars(f, areas.v, areas.n, "领域", "浏览次数");
    } else
        empty_section(f, "浏览记录");
    fputs("</div></section>\n", f);

    section(f, "docs", "文件浏览量", "看得最多的政策文件、解读和办事指南。");
    n = docs.n < TOP_N ? docs.n : TOP_N;
    if (n) {
        svg_bars(f, docs.v, n, BAR_COLOR, "文件浏览量");
        table_bars(f, docs.v, n, "文件", "浏览次数");
    } else
        empty_section(f, "文件浏览记录");
    fputs("</div></section>\n", f);

    section(f, "unmet", "群众关切：没有找到结果的搜索",
            "群众搜了却没有找到的词，按次数排列——这是终端上还缺的内容，建议补充公开或者增加关键词。");
    n = unmet.n < TOP_N ? unmet.n : TOP_N;
    if (n) {
        svg_bars(f, unmet.v, n, SEARCH_COLOR, "没有找到结果的搜索");
        table_bars(f, unmet.v, n, "搜索词", "次数");
    } else
        empty_section(f, "没有找到结果的搜索");
    fputs("</div></section>\n", f);

    section(
        f, "ratings", "好差评：各文件的评价",
        "五级评价（国办发〔2019〕51号）：非常满意、满意、基本满意、不满意、非常不满意。好评率＝前三级占全部评价的比例。"
        "差评应在15个工作日内核实整改。");
    n = rated.n < TOP_N ? rated.n : TOP_N;
    if (n) {
        svg_ratings(f, rated.v, n, "各文件的评价");
        table_ratings(f, rated.v, rated.n, "评价对象", true);
    } else
        empty_section(f, "评价");
    fputs("</div></section>\n", f);

    section(f, "kiosks", "好差评：各终端的评价", "每台终端收到的评价（取每台终端最新的一份导出）。");
    if (kiosks.n) {
        svg_ratings(f, kiosks.v, kiosks.n, "各终端的评价");
        table_ratings(f, kiosks.v, kiosks.n, "终端", false);
    } else
        empty_section(f, "评价");
    fputs("</div></section>\n", f);

    section(f, "reasons", "不满意的原因", "群众选“不满意”“非常不满意”后点选的原因（只能点选，不能输入文字）。");
    if (reasons.n) {
        svg_bars(f, reasons.v, reasons.n, level_colors[1], "不满意的原因");
        table_bars(f, reasons.v, reasons.n, "原因", "次数");
    } else
        empty_section(f, "不满意的原因");
    fputs("</div></section>\n", f);

    section(f, "weeks", "按周趋势",
            "每周新增的浏览、没有找到结果的搜索和评价：同一台终端相邻两次导出之间增加的数，计入后一次导出所在的周"
            "（每台终端的第一份导出计入它所在的周）。");
    if (weeks.n) {
        static const char *const series[] = {"浏览", "没有找到结果的搜索", "评价"};
        static const char *const colors[] = {BAR_COLOR, SEARCH_COLOR, "#1e6b34"};
        svg_lines(f, weeks.v, weeks.n, series, colors, 3);
        fputs("<table><tr><th>周</th><th>浏览</th><th>没有找到结果的搜索</th><th>评价</th></tr>", f);
        for (size_t i = 0; i < weeks.n; i++) {
            fputs("<tr><td>", f);
            html_text(f, weeks.v[i].label);
            fprintf(f, "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
                    weeks.v[i].lv[0], weeks.v[i].lv[1], weeks.v[i].lv[2]);
        }
        fputs("</table>\n", f);
    } else
        empty_section(f, "导出");
    fputs("</div></section>\n", f);
    fputs("<p class=\"note\">导出文件：", f);
    for (size_t i = 0; i < in->nfiles; i++) {
        const char *base = strrchr(in->files[i], '/');
        html_text(f, base ? base + 1 : in->files[i]);
        fputs(i + 1 < in->nfiles ? "、" : "", f);
    }
    fputs("</p>\n</body></html>\n", f);

    free(areas.v);
    free(docs.v);
    free(unmet.v);
    free(rated.v);
    free(kiosks.v);
    free(weeks.v);
    free(reasons.v);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
        fprintf(stderr, _("zwgk-admin stats: %s: %s\n"), path, strerror(errno));
        unlink(tmp);
        return 1;
    }
    printf("%s\n", path);
    return 0;
}
