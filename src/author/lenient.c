/* lenient.c — reading what a staffer obviously meant: the forms of dates, spaces and words that Chinese office
 * software and Chinese input methods produce, normalised before the strict checks see them (doc_internal.h).
 *
 * Each rule here accepts one input whose intent is not in doubt and turns it into the standard form; the caller warns
 * with the normalised value, so the staffer learns the standard and nothing is silently changed:
 *   - dates typed the Chinese way or with other separators: 2024年7月12日, 2024/7/12, 2024-7-12, 2024.7.12;
 *   - full-width spaces (U+3000, what the space bar gives in 全角 mode) and no-break spaces (U+00A0, pasted from web
 *     pages and Word) in a YAML line's indentation, after "key:" or "- ", and at its end — YAML would otherwise see
 *     another structure or no key at all; a U+3000 inside a value is the value's own and stays;
 *   - a '#' inside a title: YAML starts a comment at " #", which would cut 关于第3号 #补充 short;
 *   - material forms: 原件核验 and 电子证照 are forms of their own, 原件及复印件 is 原件和复印件;
 *   - keywords in one list item separated by ，、；. */
#include "doc_internal.h"
#include "zwgk/text.h"

#include <stdbool.h>

static bool valid_ymd(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* Reads 1 to max digits at *p. */
static int digits(const char **p, int max)
{
    int v = 0, n = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n ? v : -1;
}

static bool skip(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*p, word, n))
        return false;
    *p += n;
    return true;
}

int lenient_date(const char *s, char out[11])
{
    const char *p = s;
    int y = digits(&p, 4), m, d;
    if (y < 0 || p - s != 4)
        return 0;
    if (skip(&p, "年")) {
        m = digits(&p, 2);
        if (m < 0 || !skip(&p, "月"))
            return 0;
        d = digits(&p, 2);
        if (d < 0 || !skip(&p, "日"))
            return 0;
    } else {
        char sep = *p;
        if (sep != '-' && sep != '/' && sep != '.')
            return 0;
        p++;
        m = digits(&p, 2);
        if (m < 0 || *p != sep)
            return 0;
        p++;
        d = digits(&p, 2);
        if (d < 0)
            return 0;
    }
    if (*p || !valid_ymd(y, m, d))
        return 0;
    /* valid_ymd bounded them; the modulos only tell the compiler so (-Wformat-truncation in unoptimised builds). */
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
    return 1;
}

/* Length of a U+3000 or U+00A0 at s (0 when there is neither). */
static size_t wide_space(const char *s, size_t n)
{
    if (n >= 3 && !memcmp(s, "\xE3\x80\x80", 3))
        return 3;
    if (n >= 2 && !memcmp(s, "\xC2\xA0", 2))
        return 2;
    return 0;
}

/* Appends one line of YAML to out with its wide spaces in structural places as ASCII spaces; *changed set when any
 * was.  A `title:` whose plain value holds " #" is written double-quoted. */
static void fix_line(const char *s, size_t n, doc_buf_t *out, bool *changed)
{
    size_t i = 0, w;
    /* indentation, and "- " of list items */
    for (;;) {
        if (i < n && (s[i] == ' ' || s[i] == '\t')) {
            doc_buf_put(out, s + i, 1);
            i++;
        } else if ((w = wide_space(s + i, n - i))) {
            doc_buf_put(out, " ", 1);
            i += w;
            *changed = true;
        } else if (i < n && s[i] == '-' && i + 1 < n && (s[i + 1] == ' ' || wide_space(s + i + 1, n - i - 1))) {
            doc_buf_put(out, "-", 1);
            i++;
        } else {
            break;
        }
    }
    /* the end of the line */
    size_t end = n;
    for (;;) {
        if (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
            end--;
        else if (end >= i + 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3))
            end -= 3, *changed = true;
        else if (end >= i + 2 && !memcmp(s + end - 2, "\xC2\xA0", 2))
            end -= 2, *changed = true;
        else
            break;
    }
    /* "key:" followed by a wide space, or by spaces and then wide spaces */
    size_t k = i;
    while (k < end && s[k] != ':' && s[k] != ' ' && s[k] != '"' && s[k] != '\'' && s[k] != '#')
        k++;
    if (k < end && s[k] == ':' && k > i) {
        doc_buf_put(out, s + i, k + 1 - i);
        size_t v = k + 1;
        bool spaced = false;
        for (;;) {
            if (v < end && (s[v] == ' ' || s[v] == '\t'))
                v++, spaced = true;
            else if ((w = wide_space(s + v, end - v)))
                v += w, spaced = true, *changed = true;
            else
                break;
        }
        if (spaced && v < end)
            doc_buf_put(out, " ", 1);
        bool title = k - i == 5 && !memcmp(s + i, "title", 5);
        const char *val = s + v;
        size_t vn = end - v;
        bool hash = false;
        for (size_t j = 1; j < vn; j++)
            hash |= val[j] == '#' && (val[j - 1] == ' ' || val[j - 1] == '\t');
        if (title && vn && (hash || val[0] == '#') && val[0] != '"' && val[0] != '\'') {
            doc_buf_put(out, "\"", 1);
            for (size_t j = 0; j < vn; j++) {
                if (val[j] == '"' || val[j] == '\\')
                    doc_buf_put(out, "\\", 1);
                doc_buf_put(out, val + j, 1);
            }
            doc_buf_put(out, "\"", 1);
        } else {
            doc_buf_put(out, val, vn);
        }
    } else {
        doc_buf_put(out, s + i, end - i);
    }
}

char *lenient_yaml(const char *yaml, size_t len, size_t *out_len, int **changed_lines, size_t *nchanged)
{
    doc_buf_t out = {0};
    bool any = false;
    *changed_lines = NULL;
    *nchanged = 0;
    int line = 0;
    for (size_t at = 0; at < len; line++) {
        const char *eol = memchr(yaml + at, '\n', len - at);
        size_t n = eol ? (size_t)(eol - (yaml + at)) : len - at;
        bool changed = false;
        size_t before = out.len;
        fix_line(yaml + at, n, &out, &changed);
        if (!changed && (out.len - before != n || memcmp(out.s + before, yaml + at, n)))
            any = true; /* a quoted title or trimmed ASCII spaces: no warning needed */
        if (changed) {
            any = true;
            *changed_lines = doc_xrealloc(*changed_lines, (*nchanged + 1) * sizeof **changed_lines);
            (*changed_lines)[(*nchanged)++] = line;
        }
        if (eol)
            doc_buf_put(&out, "\n", 1);
        at += n + (eol ? 1 : 0);
    }
    if (!any) {
        free(out.s);
        return NULL;
    }
    *out_len = out.len;
    return out.s ? out.s : doc_xstrndup("", 0);
}

const char *lenient_form(const char *s, int *synonym)
{
    static const char *const standard[] = {"原件", "复印件", "原件和复印件", "原件核验", "电子证照"};
    static const struct {
        const char *word, *form;
    } others[] = {{"原件及复印件", "原件和复印件"},
                  {"原件、复印件", "原件和复印件"},
                  {"原件+复印件", "原件和复印件"},
                  {"原件和复印件各一份", "原件和复印件"},
                  {"复印件（验原件）", "原件和复印件"},
                  {"原件核对", "原件核验"},
                  {"验原件", "原件核验"},
                  {"电子证件", "电子证照"}};
    *synonym = 0;
    for (size_t i = 0; i < sizeof standard / sizeof standard[0]; i++)
        if (!strcmp(s, standard[i]))
            return standard[i];
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        if (!strcmp(s, others[i].word)) {
            *synonym = 1;
            return others[i].form;
        }
    return NULL;
}

void lenient_keywords(const char *s, strlist_t *out)
{
    static const char *const seps[] = {"，", "、", "；", ",", ";"};
    size_t start = 0, i = 0, n = strlen(s);
    while (i <= n) {
        size_t seplen = i == n ? 1 : 0;
        for (size_t k = 0; !seplen && k < sizeof seps / sizeof seps[0]; k++)
            if (!strncmp(s + i, seps[k], strlen(seps[k])))
                seplen = strlen(seps[k]);
        if (!seplen) {
            i++;
            continue;
        }
        size_t a = start, b = i;
        while (a < b && s[a] == ' ')
            a++;
        while (b > a && s[b - 1] == ' ')
            b--;
        if (b > a) {
            char *w = doc_xstrndup(s + a, b - a);
            strlist_push(out, w);
            free(w);
        }
        i += seplen;
        start = i;
    }
}
