/* search_match.c — matching a typed query against names and words held in memory (search_match.h).
 *
 * Pinyin typed on a keyboard is ambiguous: yanglao is yang+lao, but also yan+g+lao; ylfw is four initials; yangl ends
 * in a syllable still being typed.  No segmentation is fixed in advance: the matcher walks a name's characters and the
 * query's letters together, and at each character tries what the query could be saying about it — the character
 * itself (Chinese, digits, Latin in the query match as typed), one of its readings in full, the start of a reading if
 * the query ends there, or a reading's initial (first letter, or zh/ch/sh).  A depth-first search over these choices
 * finds a parse if there is one; it is bounded by a step budget so no name or query can make it slow, and it rarely
 * branches, because a character's first-letter mask rejects almost every start before any search begins.  A space
 * typed in the query is a syllable boundary no reading may straddle (yang lao, not yan glao).
 *
 * The tables are flat arrays (code point, first-letter mask, readings) built once when the searcher opens, so a scan
 * of every name per keystroke touches a few bytes per character and allocates nothing. */
#include "search_match.h"

#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>

#define STEP_BUDGET 4096 /* matcher steps per entry */

static int is_letter(uint32_t c)
{
    return c >= 'a' && c <= 'z';
}

void search_query_parse(const char *query, size_t len, search_query_t *q)
{
    memset(q, 0, sizeof *q);
    size_t pos = 0, start, prev_end = 0;
    uint32_t cp;
    while (q->n < SEARCH_QUERY_MAX && (cp = search_next_char(query, len, &pos, &start))) {
        q->brk[q->n] = q->n > 0 && start > prev_end;
        q->a[q->n++] = cp;
        q->letters += is_letter(cp);
        prev_end = pos;
    }
}

/* ---- building the tables ---- */

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t ncap = *cap ? *cap : 256;
    while (ncap < need)
        ncap *= 2;
    void *np = realloc(*p, ncap * elem);
    if (!np)
        return 0;
    *p = np;
    *cap = ncap;
    return 1;
}

static uint32_t syl_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The number of reading s[0..n), interning it; -1 when it is not a plausible reading or the table is full. */
static int syl_intern(search_syllables_t *y, const char *s, size_t n)
{
    if (n == 0 || n >= sizeof y->syl[0].s)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!is_letter((unsigned char)s[i]))
            return -1;
    size_t mask = sizeof y->hash / sizeof y->hash[0] - 1;
    for (size_t k = syl_hash(s, n) & mask;; k = (k + 1) & mask) {
        uint16_t id = y->hash[k];
        if (!id) {
            if (y->count == SEARCH_SYLLABLES_MAX)
                return -1;
            memcpy(y->syl[y->count].s, s, n);
            y->syl[y->count].s[n] = '\0';
            y->syl[y->count].len = (uint8_t)n;
            y->syl[y->count].initial = n > 2 && strchr("zcs", s[0]) && s[1] == 'h' ? 2 : 1;
            y->hash[k] = (uint16_t)++y->count;
            return (int)y->count - 1;
        }
        if (y->syl[id - 1].len == n && !memcmp(y->syl[id - 1].s, s, n))
            return id - 1;
    }
}

zwgk_result search_table_add(search_table_t *t, search_syllables_t *syl, const char *text, const char *pinyin,
                             long long freq)
{
    size_t len = strlen(text);
    char *fixed = utf8_valid(text, len, NULL) ? NULL : utf8_sanitize(text, len);
    if (fixed) {
        text = fixed;
        len = strlen(fixed);
    }
    zwgk_result r = ZWGK_ERR_NOMEM;
    size_t need = t->nchars + SEARCH_NAME_MAX + 1;
    if (!grow((void **)&t->e, &t->cap, t->count + 1, sizeof *t->e) ||
        !grow((void **)&t->pool, &t->pool_cap, t->pool_n + len + 1, 1) ||
        !grow((void **)&t->cp, &t->cp_cap, need, sizeof *t->cp) ||
        !grow((void **)&t->mask, &t->mask_cap, need, sizeof *t->mask) ||
        !grow((void **)&t->rd_first, &t->first_cap, need + 1, sizeof *t->rd_first))
        goto done;

    search_entry_t *e = &t->e[t->count];
    memset(e, 0, sizeof *e);
    e->text = (uint32_t)t->pool_n;
    e->first = (uint32_t)t->nchars;
    e->freq = freq;
    memcpy(t->pool + t->pool_n, text, len + 1);
    t->pool_n += len + 1;

    /* Characters first; then readings, only when the pinyin has exactly one entry per character. */
    size_t pos = 0, start, n = 0, entries = 1;
    uint32_t cp;
    while (n < SEARCH_NAME_MAX && (cp = search_next_char(text, len, &pos, &start))) {
        t->cp[t->nchars + n] = cp;
        t->mask[t->nchars + n] = is_letter(cp) ? 1u << (cp - 'a') : 0;
        n++;
    }
    for (const char *p = pinyin; p && *p; p++)
        entries += *p == ' ';
    const char *p = pinyin && entries == n ? pinyin : NULL;
    t->rd_first[t->nchars] = (uint32_t)t->nrd;
    for (size_t i = 0; i < n; i++) {
        while (p && *p && *p != ' ') {
            const char *end = p + strcspn(p, "/ ");
            int id = syl_intern(syl, p, (size_t)(end - p));
            if (id >= 0) {
                if (!grow((void **)&t->rd, &t->rd_cap, t->nrd + 1, sizeof *t->rd))
                    goto done;
                t->rd[t->nrd++] = (uint16_t)id;
                t->mask[t->nchars + i] |= 1u << (syl->syl[id].s[0] - 'a');
            }
            p = *end == '/' ? end + 1 : end;
        }
        if (p && *p == ' ')
            p++;
        t->rd_first[t->nchars + i + 1] = (uint32_t)t->nrd;
    }
    e->nchars = (uint32_t)n;
    t->nchars += n;
    t->count++;
    r = ZWGK_OK;
done:
    free(fixed);
    return r;
}

zwgk_result search_table_add_ref(search_table_t *t, uint32_t target, uint32_t field)
{
    if (!t->count || !grow((void **)&t->refs, &t->refs_cap, t->nrefs + 1, sizeof *t->refs))
        return t->count ? ZWGK_ERR_NOMEM : ZWGK_OK;
    search_entry_t *e = &t->e[t->count - 1];
    if (!e->nrefs)
        e->refs = (uint32_t)t->nrefs;
    t->refs[t->nrefs++] = (search_ref_t){target, field};
    e->nrefs++;
    return ZWGK_OK;
}

void search_table_free(search_table_t *t)
{
    if (!t)
        return;
    free(t->e);
    free(t->pool);
    free(t->cp);
    free(t->mask);
    free(t->rd_first);
    free(t->rd);
    free(t->refs);
    memset(t, 0, sizeof *t);
}

/* ---- matching ---- */

typedef struct walk {
    const search_table_t *t;
    const search_syllables_t *syl;
    const search_query_t *q;
    uint32_t base; /* the entry's first character */
    int n;         /* its characters */
    int anchored;
    int budget;
    int pinyin;
} walk_t;

/* True when the query's letters a[p..p+k) spell s[0..k) (u typed for ü = v) with no boundary inside. */
static int spells(const search_query_t *q, int p, const char *s, int k)
{
    if (p + k > q->n)
        return 0;
    for (int i = 0; i < k; i++) {
        uint32_t a = q->a[p + i];
        if (!(a == (unsigned char)s[i] || (a == 'u' && s[i] == 'v')) || (i > 0 && q->brk[p + i]))
            return 0;
    }
    return 1;
}

/* Matches the query from a[p] against the entry from character j; returns the character after the last one matched,
 * or -1. */
static int walk(walk_t *w, int j, int p)
{
    if (p == w->q->n)
        return !w->anchored || j == w->n ? j : -1;
    if (j == w->n || --w->budget < 0)
        return -1;
    uint32_t c = w->t->cp[w->base + j], a = w->q->a[p];
    int r;
    if (a == c && (r = walk(w, j + 1, p + 1)) >= 0)
        return r;
    if (!is_letter(a))
        return -1;
    const uint32_t *first = w->t->rd_first + w->base + j;
    for (uint32_t k = first[0]; k < first[1]; k++) {
        const char *s = w->syl->syl[w->t->rd[k]].s;
        int len = w->syl->syl[w->t->rd[k]].len, init = w->syl->syl[w->t->rd[k]].initial;
        int left = w->q->n - p;
        if (spells(w->q, p, s, len) && (r = walk(w, j + 1, p + len)) >= 0) /* the whole reading */
            goto found;
        if (left < len && spells(w->q, p, s, left) && (!w->anchored || j + 1 == w->n)) { /* still being typed */
            r = j + 1;
            goto found;
        }
        for (int i = init; i >= 1; i--) /* its initial: zh, or z */
            if (i < len && spells(w->q, p, s, i) && (r = walk(w, j + 1, p + i)) >= 0)
                goto found;
    }
    return -1;
found:
    w->pinyin = 1;
    return r;
}

int search_table_match(const search_table_t *t, const search_syllables_t *syl, size_t e, const search_query_t *q,
                       int anchored, int *j0, int *j1, int *pinyin)
{
    const search_entry_t *en = &t->e[e];
    if (q->n == 0 || en->nchars == 0)
        return 0;
    walk_t w = {t, syl, q, en->first, (int)en->nchars, anchored, STEP_BUDGET, 0};
    uint32_t a = q->a[0];
    uint32_t bit = is_letter(a) ? (1u << (a - 'a')) | (a == 'u' ? 1u << ('v' - 'a') : 0) : 0;
    int last = anchored ? 1 : w.n;
    for (int j = 0; j < last && w.budget > 0; j++) {
        uint32_t c = t->cp[en->first + j];
        if (c != a && !(t->mask[en->first + j] & bit))
            continue;
        w.pinyin = 0;
        int end = walk(&w, j, 0);
        if (end >= 0) {
            *j0 = j;
            *j1 = end;
            *pinyin = w.pinyin;
            return 1;
        }
    }
    return 0;
}

void search_table_offsets(const search_table_t *t, size_t e, int j0, int j1, size_t *start, size_t *end)
{
    const char *text = t->pool + t->e[e].text;
    size_t len = strlen(text), pos = 0, at = 0;
    *start = *end = 0;
    for (int j = 0; j < j1 && search_next_char(text, len, &pos, &at); j++) {
        if (j == j0)
            *start = at;
        *end = pos;
    }
}
