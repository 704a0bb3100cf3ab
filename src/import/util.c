/* util.c — the importer's growing strings, its paragraph list, and the id a document gets when the staffer has not
 * chosen one.
 *
 * An id must be [a-z0-9-] (docs/authoring.md).  A 公文 has a natural one in its 发文字号: the initials of the 机关代字
 * in pinyin, the year and the number (信府办字〔2024〕15号 → xfbz-2024-15), which the staffer recognises and which
 * stays the same when the document is imported again.  Without a 文号 the file name is used the same way (ASCII
 * kept, Han characters by their initials). */
#include "import_private.h"
#include "zwgk/pinyin.h"
#include "zwgk/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *imp_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("zwgk-admin: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *imp_xstrndup(const char *s, size_t n)
{
    char *r = imp_xrealloc(NULL, n + 1);
    if (n)
        memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

char *imp_xstrdup(const char *s)
{
    return s ? imp_xstrndup(s, strlen(s)) : NULL;
}

void imp_buf_put(imp_buf_t *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->s = imp_xrealloc(b->s, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void imp_buf_puts(imp_buf_t *b, const char *s)
{
    imp_buf_put(b, s, strlen(s));
}

void imp_buf_printf(imp_buf_t *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        char *tmp = imp_xrealloc(NULL, (size_t)n + 1);
        vsnprintf(tmp, (size_t)n + 1, fmt, ap2);
        imp_buf_put(b, tmp, (size_t)n);
        free(tmp);
    }
    va_end(ap2);
}

void imp_buf_free(imp_buf_t *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

imp_para_t *imp_source_add(imp_source_t *s)
{
    if (s->count == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->paras = imp_xrealloc(s->paras, s->cap * sizeof *s->paras);
    }
    imp_para_t *p = &s->paras[s->count++];
    memset(p, 0, sizeof *p);
    p->outline = -1;
    p->num_level = -1;
    return p;
}

void imp_source_free(imp_source_t *s)
{
    for (size_t i = 0; i < s->count; i++) {
        imp_para_t *p = &s->paras[i];
        free(p->text);
        for (size_t k = 0; p->cells && k < (size_t)p->rows * p->cols; k++)
            free(p->cells[k]);
        free(p->cells);
    }
    free(s->paras);
    memset(s, 0, sizeof *s);
}

/* ---- ids ---- */

/* Appends what a code point gives an id: ASCII letters and digits lowercased, a Han character its pinyin initial,
 * anything else a separator (one '-', never at the start or doubled). */
static void id_put(imp_buf_t *b, uint32_t cp, bool han_initials)
{
    char c = 0;
    if (cp >= 0xFF10 && cp <= 0xFF19)
        cp = cp - 0xFF10 + '0';
    if (cp >= 0xFF21 && cp <= 0xFF3A)
        cp = cp - 0xFF21 + 'a';
    if (cp >= 0xFF41 && cp <= 0xFF5A)
        cp = cp - 0xFF41 + 'a';
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
        c = (char)cp;
    else if (cp >= 'A' && cp <= 'Z')
        c = (char)(cp - 'A' + 'a');
    else if (han_initials) {
        const char *r[PINYIN_MAX_READINGS];
        if (pinyin_readings(cp, r, 1) > 0)
            c = r[0][0];
    }
    if (c) {
        imp_buf_put(b, &c, 1);
    } else if (b->len && b->s[b->len - 1] != '-') {
        imp_buf_put(b, "-", 1);
    }
}

static char *id_finish(imp_buf_t *b)
{
    while (b->len && b->s[b->len - 1] == '-')
        b->s[--b->len] = '\0';
    if (b->len > 48) { /* room for a "-2" suffix within the 64 the schema allows */
        b->len = 48;
        b->s[48] = '\0';
        while (b->len && b->s[b->len - 1] == '-')
            b->s[--b->len] = '\0';
    }
    if (!b->len) {
        imp_buf_free(b);
        return NULL;
    }
    return b->s;
}

char *imp_id_from_number(const char *num)
{
    if (!num)
        return NULL;
    imp_buf_t b = {0};
    size_t n = strlen(num);
    uint32_t prev_kind = 0; /* 1 han, 2 digit, 3 other */
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t cp = utf8_decode(num + i, n - i, &adv);
        i += adv;
        if (cp == 0x53F7 && i == n) /* the final 号 */
            break;
        uint32_t kind = (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) ? 2
                        : pinyin_readings(cp, NULL, 0) > 0                         ? 1
                                                                                   : 3;
        if (prev_kind && kind != prev_kind && kind != 3 && prev_kind != 3)
            imp_buf_put(&b, "-", 1); /* xfbz-2024 */
        id_put(&b, cp, true);
        prev_kind = kind;
    }
    return id_finish(&b);
}

char *imp_id_from_name(const char *name, const char *date)
{
    imp_buf_t b = {0};
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    size_t han = 0;
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t cp = utf8_decode(base + i, n - i, &adv);
        i += adv;
        if (pinyin_readings(cp, NULL, 0) > 0 && ++han > 16)
            continue; /* a long Chinese file name: the initials of its first 16 characters */
        id_put(&b, cp, true);
    }
    char *id = id_finish(&b);
    if (id && (id[0] < 'a' || id[0] > 'z') && date) { /* "2024…" is fine; a bare number reads better dated */
        imp_buf_t d = {0};
        imp_buf_printf(&d, "doc-%s", id);
        free(id);
        id = id_finish(&d);
    }
    if (!id) {
        imp_buf_t d = {0};
        imp_buf_printf(&d, "doc-%.4s", date ? date : "0000");
        id = id_finish(&d);
    }
    return id;
}
