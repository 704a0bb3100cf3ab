/* review_html.c — writing the review report's HTML: escaping, the style sheet, the marked-up diff.
 *
 * Everything that comes from content is hostile input here: a title may hold "<script>", a file name a quote, a
 * damaged database invalid UTF-8.  So content reaches the page only through html_text (and html_printf, whose %s
 * arguments go through it): & < > " ' become entities, invalid bytes and control characters U+FFFD, a newline <br>.
 * Markup is only ever a literal of this program.
 *
 * The page must open from a USB stick in any browser, an old one on a 信创 desktop included, and print for the
 * 三审 signatures: so one file with its style inline, no script, no web font (the fonts named are the desktop's own),
 * no layout newer than inline blocks and tables, and colour never the only sign of anything — every mark also says
 * what it is in words (【错误】, 【删除】 …), and deletions are struck through, insertions underlined, as in print. */
#include "review.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void html_text_n(FILE *f, const char *s, size_t len)
{
    size_t adv;
    for (size_t i = 0; i < len; i += adv) {
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        switch (cp) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        case '\n':
            fputs("<br>", f);
            break;
        case '\r':
            break;
        default:
            /* Controls (C0 but tab, DEL, C1) are not allowed in HTML text; U+FFFD from a bad byte stays as it is. */
            if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0))
                cp = TEXT_REPLACEMENT;
            char buf[4];
            fwrite(buf, 1, utf8_encode(cp, buf), f);
        }
    }
}

void html_text(FILE *f, const char *s)
{
    if (s)
        html_text_n(f, s, strlen(s));
}

void html_codepoints(FILE *f, const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char buf[4];
        html_text_n(f, buf, utf8_encode(cps[i], buf));
    }
}

void html_printf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            fputc(*p, f);
            continue;
        }
        p++;
        if (*p == 's') {
            html_text(f, va_arg(ap, const char *));
        } else if (*p == 'd') {
            fprintf(f, "%d", va_arg(ap, int));
        } else if (!strncmp(p, "llu", 3)) {
            fprintf(f, "%llu", va_arg(ap, unsigned long long));
            p += 2;
        } else if (!strncmp(p, "ld", 2)) {
            fprintf(f, "%ld", va_arg(ap, long));
            p++;
        } else if (!strncmp(p, "lld", 3)) {
            fprintf(f, "%lld", va_arg(ap, long long));
            p += 2;
        } else if (!strncmp(p, "zu", 2)) {
            fprintf(f, "%zu", va_arg(ap, size_t));
            p++;
        } else if (*p == '%') {
            fputc('%', f);
        } else {
            break; /* a format this writer does not know: a programming error, stop rather than misread va_args */
        }
    }
    va_end(ap);
}

/* The style: screen and print.  Plain CSS 2.1 apart from print-color-adjust, which old browsers ignore. */
static const char style[] =
    "body{margin:0;background:#f4f4f1;color:#1a1a1a;font:16px/1.6 \"Noto Sans CJK SC\",\"Source Han Sans SC\","
    "\"Microsoft YaHei\",\"WenQuanYi Micro Hei\",\"PingFang SC\",sans-serif}\n"
    ".wrap{max-width:1180px;margin:0 auto;padding:16px 24px;background:#fff}\n"
    "h1{font-size:28px;margin:8px 0 4px}h2{font-size:22px;margin:32px 0 8px;padding-bottom:4px;"
    "border-bottom:3px solid #1f4e79}\n"
    "h3{font-size:19px;margin:24px 0 6px}h4{font-size:16px;margin:14px 0 4px}\n"
    "table{border-collapse:collapse;margin:6px 0;width:100%}th,td{border:1px solid #b8b8b8;padding:4px 8px;"
    "text-align:left;vertical-align:top}th{background:#eef1f5;font-weight:bold}\n"
    "table.facts th{width:11em}.hash{font-family:monospace;font-size:14px;word-break:break-all}\n"
    ".status{margin:12px 0;padding:10px 14px;border:3px solid;font-size:18px;font-weight:bold}\n"
    ".status.bad{border-color:#b00020;color:#b00020;background:#fdecee}\n"
    ".status.good{border-color:#1b6e20;color:#1b6e20;background:#ecf6ec}\n"
    ".status.warn{border-color:#8a5300;color:#8a5300;background:#fff5e0}\n"
    ".err{color:#b00020;font-weight:bold;white-space:nowrap}.warn{color:#8a5300;font-weight:bold;white-space:nowrap}\n"
    ".where{white-space:nowrap;font-family:monospace;font-size:14px}\n"
    "table.signoff td{height:52px}table.signoff th.step{width:5em}\n"
    ".nav a{margin-right:1.5em}\n"
    ".doc{margin:18px 0 30px;padding-top:6px;border-top:1px solid #ccc}\n"
    ".meta{color:#444;font-size:15px}\n"
    ".pages{margin:8px 0}\n"
    ".page{display:inline-block;vertical-align:top;margin:0 12px 14px 0;text-align:center;font-size:14px}\n"
    ".page img{border:1px solid #888;display:block;background:#fff}\n"
    ".diff{border:1px solid #ccc;margin:6px 0 12px;padding:2px 0}\n"
    ".diff p{margin:0;padding:3px 10px 3px 6.5em;text-indent:-5.5em}\n"
    ".diff .same{color:#555}.diff .gap{color:#777;font-style:italic;text-indent:0;padding-left:10px}\n"
    ".diff p.del{background:#fde4e4}.diff p.ins{background:#e1f5e1}.diff p.mod{background:#fff7dc}\n"
    ".mark{display:inline-block;width:5em;text-indent:0;font-weight:bold}\n"
    "p.del .mark{color:#a00000}p.ins .mark{color:#006400}p.mod .mark{color:#7a5200}\n"
    "del{background:#f9c6c6;color:#7a0000;text-decoration:line-through}\n"
    "ins{background:#bfe8bf;color:#004d00;text-decoration:underline}\n"
    ".tag{font-size:12px;border:1px solid currentColor;padding:0 2px;margin:0 2px;text-decoration:none;"
    "display:inline-block;line-height:1.3;vertical-align:1px;text-indent:0}\n"
    ".small{font-size:14px;color:#555}\n"
    "table.catalog{table-layout:fixed;font-size:14px}table.catalog td{word-wrap:break-word;overflow-wrap:break-word}\n"
    ".url{word-break:break-all}\n"
    "@media print{body{background:#fff;font-size:10pt;line-height:1.45}.wrap{max-width:none;padding:0}"
    ".nav{display:none}h1{font-size:17pt;margin-top:0}h2{font-size:14pt}h3{font-size:12pt}th,td{padding:2px 6px}"
    ".small,.hash{font-size:8pt}.status{font-size:11pt;padding:5px 10px;margin:8px 0}"
    "table.signoff{page-break-inside:avoid}table.signoff td{height:34px}"
    "h2{page-break-before:always}h2.first{page-break-before:avoid}.doc,.page,tr{page-break-inside:avoid}"
    ".page img{width:220px;height:391px}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;text-decoration:none}}\n";

void html_head(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    html_text(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n", style);
}

/* ---- the diff, marked up ---- */

/* Characters of a changed line, inline: kept text plain, deleted struck through and tagged 删, inserted underlined
 * and tagged 增.  Returns false when the two lines have too little in common to read as one edited line (then they
 * are shown as one deleted and one inserted line). */
static bool write_char_diff(FILE *f, const char *a, const char *b, bool probe)
{
    size_t na, nb;
    uint32_t *x = diff_codepoints(a, &na), *y = diff_codepoints(b, &nb);
    diff_t d = {0};
    bool ok = x && y && diff_compute(x, na, y, nb, 4u << 20, &d) && !d.coarse;
    if (ok) {
        size_t same = 0;
        for (size_t i = 0; i < d.count; i++)
            same += d.ops[i].kind == DIFF_SAME;
        /* An edit keeps at least half the shorter line; a rewrite reads better as delete + insert. */
        size_t shorter = na < nb ? na : nb;
        ok = same * 2 >= shorter && same > 0;
    }
    if (ok && !probe) {
        for (size_t i = 0; i < d.count;) {
            diff_kind_t k = d.ops[i].kind;
            size_t j = i;
            while (j < d.count && d.ops[j].kind == k)
                j++;
            if (k == DIFF_SAME) {
                for (size_t t = i; t < j; t++)
                    html_codepoints(f, &x[d.ops[t].a], 1);
            } else {
                fprintf(f, k == DIFF_DEL ? "<del><span class=\"tag\">%s</span>" : "<ins><span class=\"tag\">%s</span>",
                        k == DIFF_DEL ? _("del") : _("ins"));
                for (size_t t = i; t < j; t++)
                    html_codepoints(f, k == DIFF_DEL ? &x[d.ops[t].a] : &y[d.ops[t].b], 1);
                fputs(k == DIFF_DEL ? "</del>" : "</ins>", f);
            }
            i = j;
        }
    }
    diff_free(&d);
    free(x);
    free(y);
    return ok;
}

static void line_out(FILE *f, const char *cls, const char *mark, const char *text)
{
    fprintf(f, "<p class=\"%s\"><span class=\"mark\">%s</span>", cls, mark);
    if (!strcmp(cls, "del")) {
        fputs("<del>", f);
        html_text(f, text);
        fputs("</del>", f);
    } else if (!strcmp(cls, "ins")) {
        fputs("<ins>", f);
        html_text(f, text);
        fputs("</ins>", f);
    } else {
        html_text(f, text);
    }
    fputs("</p>\n", f);
}

size_t html_diff(FILE *f, const review_lines_t *old, const review_lines_t *new_)
{
    uint32_t *a = malloc((old->count ? old->count : 1) * sizeof *a);
    uint32_t *b = malloc((new_->count ? new_->count : 1) * sizeof *b);
    diff_t d = {0};
    size_t changed = 0;
    if (!a || !b ||
        !diff_symbols((const char *const *)old->items, old->count, (const char *const *)new_->items, new_->count, a,
                      b) ||
        !diff_compute(a, old->count, b, new_->count, 16u << 20, &d)) {
        fprintf(f, "<p class=\"err\">%s</p>\n", _("Out of memory comparing the two versions."));
        goto done;
    }
    /* Which SAME lines to show: one before and one after each change; the rest are folded. */
    fputs("<div class=\"diff\">\n", f);
    size_t i = 0;
    while (i < d.count) {
        if (d.ops[i].kind == DIFF_SAME) {
            size_t j = i;
            while (j < d.count && d.ops[j].kind == DIFF_SAME)
                j++;
            bool before_change = j<d.count, after_change = i> 0;
            size_t run = j - i, show_head = after_change ? 1 : 0, show_tail = before_change ? 1 : 0;
            if (show_head + show_tail >= run) {
                for (size_t t = i; t < j; t++)
                    line_out(f, "same", "", old->items[d.ops[t].a]);
            } else {
                if (show_head)
                    line_out(f, "same", "", old->items[d.ops[i].a]);
                fprintf(f, "<p class=\"gap\">");
                html_printf(f, _("… %zu unchanged lines …"), run - show_head - show_tail);
                fprintf(f, "</p>\n");
                if (show_tail)
                    line_out(f, "same", "", old->items[d.ops[j - 1].a]);
            }
            i = j;
            continue;
        }
        /* A changed run: its deletions, then its insertions.  Pairs of them that are edits of one line are shown
         * as one modified line. */
        size_t j = i;
        while (j < d.count && d.ops[j].kind == DIFF_DEL)
            j++;
        size_t k = j;
        while (k < d.count && d.ops[k].kind == DIFF_INS)
            k++;
        size_t ndel = j - i, nins = k - j, pairs = ndel < nins ? ndel : nins;
        for (size_t p = 0; p < ndel || p < nins; p++) {
            const char *was = p < ndel ? old->items[d.ops[i + p].a] : NULL;
            const char *now = p < nins ? new_->items[d.ops[j + p].b] : NULL;
            if (p < pairs && write_char_diff(f, was, now, true)) {
                fprintf(f, "<p class=\"mod\"><span class=\"mark\">%s</span>", _("[changed]"));
                write_char_diff(f, was, now, false);
                fputs("</p>\n", f);
            } else {
                if (was)
                    line_out(f, "del", _("[deleted]"), was);
                if (now)
                    line_out(f, "ins", _("[added]"), now);
            }
            changed++;
        }
        i = k;
    }
    if (d.coarse)
        fprintf(f, "<p class=\"gap\">%s</p>\n",
                _("(Too long to compare line by line: the changed part is shown "
                  "whole, as deleted and added.)"));
    fputs("</div>\n", f);
done:
    diff_free(&d);
    free(a);
    free(b);
    return changed;
}
