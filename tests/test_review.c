/* test_review.c — the parts of `zwgk-admin review` that can be checked alone (src/admin/review.h): the diff, against
 * a plain dynamic-programming LCS as the reference model on thousands of random sequences; its size cap; escaping of
 * hostile text and bad bytes; and a changed paragraph marked up as the report shows it. */
#include "check.h"
#include "review.h"

#include <stdlib.h>
#include <string.h>

/* The reference: the length of a longest common subsequence, by the textbook table. */
static size_t lcs_len(const uint32_t *a, size_t n, const uint32_t *b, size_t m)
{
    size_t *t = calloc((n + 1) * (m + 1), sizeof *t);
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++)
            t[i * (m + 1) + j] = a[i - 1] == b[j - 1]                                ? t[(i - 1) * (m + 1) + j - 1] + 1
                                 : t[(i - 1) * (m + 1) + j] > t[i * (m + 1) + j - 1] ? t[(i - 1) * (m + 1) + j]
                                                                                     : t[i * (m + 1) + j - 1];
    size_t r = t[n * (m + 1) + m];
    free(t);
    return r;
}

/* The script is an edit script from a to b: replaying it gives b, it walks both in order, and it keeps an LCS. */
static bool script_ok(const diff_t *d, const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t *same)
{
    size_t i = 0, j = 0;
    *same = 0;
    for (size_t k = 0; k < d->count; k++) {
        const diff_op_t *o = &d->ops[k];
        if (o->kind == DIFF_SAME) {
            if (o->a != i || o->b != j || a[i] != b[j])
                return false;
            i++, j++, (*same)++;
        } else if (o->kind == DIFF_DEL) {
            if (o->a != i)
                return false;
            i++;
        } else {
            if (o->b != j)
                return false;
            j++;
        }
    }
    return i == n && j == m;
}

static void test_diff_model(void)
{
    srand(9);
    int bad = 0;
    for (int round = 0; round < 3000; round++) {
        uint32_t a[40], b[40];
        size_t n = (size_t)(rand() % 40), m = (size_t)(rand() % 40);
        uint32_t alphabet = 1 + (uint32_t)(rand() % 6);
        for (size_t i = 0; i < n; i++)
            a[i] = (uint32_t)rand() % alphabet;
        for (size_t j = 0; j < m; j++) /* often an edit of a: what real versions are */
            b[j] = j < n && rand() % 4 ? a[j] : (uint32_t)rand() % alphabet;
        diff_t d;
        size_t same;
        if (!diff_compute(a, n, b, m, 1u << 20, &d) || d.coarse || !script_ok(&d, a, n, b, m, &same) ||
            same != lcs_len(a, n, b, m))
            bad++;
        diff_free(&d);
    }
    CHECK(bad == 0);

    /* Deletions before insertions within a changed run (the report pairs them into modified lines). */
    uint32_t x[] = {1, 2, 3}, y[] = {1, 4, 3};
    diff_t d;
    CHECK(diff_compute(x, 3, y, 3, 1000, &d) && d.count == 4);
    CHECK(d.ops[1].kind == DIFF_DEL && d.ops[1].a == 1 && d.ops[2].kind == DIFF_INS && d.ops[2].b == 1);
    diff_free(&d);

    /* Past the cap the middle is replaced whole, and still a valid script; the common ends are still SAME. */
    enum { N = 3000 };
    uint32_t *big_a = malloc(N * sizeof *big_a), *big_b = malloc(N * sizeof *big_b);
    for (size_t i = 0; i < N; i++) {
        big_a[i] = (uint32_t)i;
        big_b[i] = i == 0 || i == N - 1 ? (uint32_t)i : (uint32_t)(i + N);
    }
    size_t same;
    CHECK(diff_compute(big_a, N, big_b, N, 1000, &d) && d.coarse);
    CHECK(script_ok(&d, big_a, N, big_b, N, &same) && same == 2);
    diff_free(&d);
    free(big_a);
    free(big_b);

    /* Empty sides. */
    CHECK(diff_compute(x, 0, y, 3, 1000, &d) && d.count == 3 && !d.coarse && d.ops[0].kind == DIFF_INS);
    diff_free(&d);
    CHECK(diff_compute(x, 3, y, 0, 1000, &d) && d.count == 3 && d.ops[2].kind == DIFF_DEL);
    diff_free(&d);
}

static void test_symbols(void)
{
    const char *a[] = {"甲", "乙", "丙", "乙"}, *b[] = {"乙", "丁", NULL};
    uint32_t sa[4], sb[3];
    CHECK(diff_symbols(a, 4, b, 3, sa, sb));
    CHECK(sa[1] == sa[3] && sa[1] == sb[0]);
    CHECK(sa[0] != sa[1] && sa[0] != sa[2] && sb[1] != sa[0] && sb[1] != sa[2] && sb[2] != sb[1]);
}

/* Closes the memory stream f and returns what it wrote (NUL-terminated by open_memstream); the caller frees. */
static char *captured(FILE *f, char **buf)
{
    fclose(f);
    return *buf;
}

static void test_escaping(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    html_text(f, "<script>alert(\"x\")</script> & 'q'\n");
    html_text_n(f, "\xff\xc3(\x01\x7f\xc2\x85\t.", 9);
    html_printf(f, "<b>%s</b>%d%zu%%", "<i>", -3, (size_t)7);
    html_text(f, NULL);
    char *s = captured(f, &buf);
    CHECK_STR(s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;<br>"
                 "\xef\xbf\xbd\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\t."
                 "<b>&lt;i&gt;</b>-37%");
    free(s);
}

static void test_html_diff(void)
{
    char *was[] = {"标题：甲", "第一条 保障基本生活，根据办法制定。", "第二条 不变。", "第三条 坚持公开。"};
    char *now[] = {"标题：甲", "第一条 保障基本生活，兜住底线，根据办法制定。", "第二条 不变。",
                   "完全不同的一段新内容"};
    review_lines_t a = {was, 4, 4}, b = {now, 4, 4};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    size_t changed = html_diff(f, &a, &b);
    char *s = captured(f, &buf);
    CHECK(changed == 2);
    /* the edited line: once, with the inserted characters inline and tagged */
    CHECK(strstr(s, "<p class=\"mod\"><span class=\"mark\">[changed]</span>第一条 保障基本生活，<ins><span "
                    "class=\"tag\">ins</span>兜住底线，</ins>根据办法制定。</p>") != NULL);
    /* a rewrite: deleted and inserted whole, each marked in words */
    CHECK(strstr(s, "<p class=\"del\"><span class=\"mark\">[deleted]</span><del>第三条 坚持公开。</del></p>") != NULL);
    CHECK(strstr(s, "<p class=\"ins\"><span class=\"mark\">[added]</span><ins>完全不同的一段新内容</ins></p>") != NULL);
    CHECK(strstr(s, "第二条 不变。") != NULL); /* context around the changes */
    free(s);
}

int main(void)
{
    test_diff_model();
    test_symbols();
    test_escaping();
    test_html_diff();
    return check_summary("test_review");
}
