/* review_diff.c — what changed between two texts, for the review report: paragraphs first, then characters.
 *
 * A reviewer compares the published version with the new one line by line, the way Word's 修订 shows it: a paragraph
 * that was deleted, one that was inserted, and inside a paragraph that was edited, the characters.  Both levels are
 * the same algorithm over numbers — paragraphs become symbols (equal text, equal symbol), characters are their code
 * points — a longest common subsequence by dynamic programming after the common prefix and suffix are taken off
 * (which is most of any real edit).  The table is (n+1)×(m+1) lengths of the middle only; past a cap it is not
 * built, and the middle is reported as replaced whole (coarse), so no hostile size can take the memory. */
#include "review.h"
#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>

static bool push(diff_t *d, size_t *cap, diff_kind_t kind, size_t a, size_t b)
{
    if (d->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        diff_op_t *v = realloc(d->ops, ncap * sizeof *v);
        if (!v)
            return false;
        d->ops = v;
        *cap = ncap;
    }
    d->ops[d->count++] = (diff_op_t){kind, a, b};
    return true;
}

bool diff_compute(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t max_cells, diff_t *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0, pre = 0, suf = 0;
    while (pre < na && pre < nb && a[pre] == b[pre])
        pre++;
    while (suf < na - pre && suf < nb - pre && a[na - 1 - suf] == b[nb - 1 - suf])
        suf++;
    size_t n = na - pre - suf, m = nb - pre - suf; /* the middle: a[pre..pre+n), b[pre..pre+m) */
    bool ok = true;
    for (size_t i = 0; ok && i < pre; i++)
        ok = push(out, &cap, DIFF_SAME, i, i);
    uint32_t *len = NULL;
    if (n && m && (n + 1) <= max_cells / (m + 1))
        len = malloc((n + 1) * (m + 1) * sizeof *len);
    if (ok && len) {
        /* len[i][j]: the LCS of a[pre+i..pre+n) and b[pre+j..pre+m) */
        const uint32_t *x = a + pre, *y = b + pre;
        size_t w = m + 1;
        for (size_t j = 0; j <= m; j++)
            len[n * w + j] = 0;
        for (size_t i = n; i-- > 0;) {
            len[i * w + m] = 0;
            for (size_t j = m; j-- > 0;) {
                uint32_t down = len[(i + 1) * w + j], right = len[i * w + j + 1];
                len[i * w + j] = x[i] == y[j] ? len[(i + 1) * w + j + 1] + 1 : (down >= right ? down : right);
            }
        }
        size_t i = 0, j = 0;
        while (ok && (i < n || j < m)) {
            if (i < n && j < m && x[i] == y[j]) {
                ok = push(out, &cap, DIFF_SAME, pre + i, pre + j);
                i++, j++;
            } else if (i < n && (j == m || len[(i + 1) * w + j] >= len[i * w + j + 1])) {
                ok = push(out, &cap, DIFF_DEL, pre + i, pre + j);
                i++;
            } else {
                ok = push(out, &cap, DIFF_INS, pre + i, pre + j);
                j++;
            }
        }
    } else {
        out->coarse = n && m; /* only both sides non-empty needs a search */
        if (n && m && (n + 1) <= max_cells / (m + 1))
            ok = false; /* the table fitted the cap but not the memory */
        for (size_t i = 0; ok && i < n; i++)
            ok = push(out, &cap, DIFF_DEL, pre + i, pre);
        for (size_t j = 0; ok && j < m; j++)
            ok = push(out, &cap, DIFF_INS, pre + n, pre + j);
    }
    free(len);
    for (size_t k = 0; ok && k < suf; k++)
        ok = push(out, &cap, DIFF_SAME, pre + n + k, pre + m + k);
    if (!ok)
        diff_free(out);
    return ok;
}

void diff_free(diff_t *d)
{
    free(d->ops);
    memset(d, 0, sizeof *d);
}

typedef struct sym_ref {
    const char *s;
    size_t at; /* index into a, or na + index into b */
} sym_ref_t;

static int cmp_sym(const void *x, const void *y)
{
    return strcmp(((const sym_ref_t *)x)->s, ((const sym_ref_t *)y)->s);
}

bool diff_symbols(const char *const *a, size_t na, const char *const *b, size_t nb, uint32_t *a_sym, uint32_t *b_sym)
{
    size_t n = na + nb;
    sym_ref_t *refs = malloc((n ? n : 1) * sizeof *refs);
    if (!refs)
        return false;
    for (size_t i = 0; i < na; i++)
        refs[i] = (sym_ref_t){a[i] ? a[i] : "", i};
    for (size_t j = 0; j < nb; j++)
        refs[na + j] = (sym_ref_t){b[j] ? b[j] : "", na + j};
    qsort(refs, n, sizeof *refs, cmp_sym);
    uint32_t sym = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && strcmp(refs[k].s, refs[k - 1].s) != 0)
            sym++;
        if (refs[k].at < na)
            a_sym[refs[k].at] = sym;
        else
            b_sym[refs[k].at - na] = sym;
    }
    free(refs);
    return true;
}

uint32_t *diff_codepoints(const char *s, size_t *n)
{
    size_t len = s ? strlen(s) : 0, k = 0, adv;
    uint32_t *cps = malloc((len ? len : 1) * sizeof *cps);
    if (!cps)
        return NULL;
    for (size_t i = 0; i < len; i += adv)
        cps[k++] = utf8_decode(s + i, len - i, &adv);
    *n = k;
    return cps;
}
