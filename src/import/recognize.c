/* recognize.c — the parts of a GB/T 9704 公文 in a list of paragraphs (import_private.h).
 *
 * A 公文 is laid out by rule (../reference: GB/T 9704-2012), top to bottom:
 *   份号, 密级, 紧急程度 (rare on public documents)     dropped
 *   发文机关标志 (large, centred, "…文件")              issuer
 *   发文字号 (机关代字〔年份〕序号号)                   doc_number, brackets typed [] （） 【】 ［］ made 〔〕
 *   标题 (小标宋, centred, over one or more lines)       title
 *   主送机关 (flush left, ends with ：)                 a 顶格 block
 *   正文, its headings numbered 一、 （一） 1. （1）       ## ### #### #####, or a bold run-in lead
 *   附件说明 ("附件：1．…")                            paragraphs
 *   发文机关署名 and 成文日期 (right)                   a 落款 block; the date is publish_date
 *   附注 （此件主动公开）                               kept as a paragraph
 *   附件 (after the 落款, its own centred title)         a # heading and its text
 *   版记 (抄送：…, "…办公室  2024年7月12日印发")          dropped
 * The formats differ in what they say: a .docx tells fonts, bold and alignment exactly; a PDF only where lines sit.
 * So every rule first looks at the text (the numbering, the 〔〕, a date standing alone, a line ending with ：), and
 * uses the look (centred, large, 黑体/楷体, bold) to decide what the text leaves open.  Nothing is ever dropped but
 * the page furniture and the parts named above: what is not recognised is body text.
 *
 * A heading is a numbered line that is not a sentence: "一、总体要求" is a heading, "1.及时公开……成效。" is a task
 * paragraph that begins with its number.  A numbered paragraph whose first sentence is a short title ("（一）完善考核
 * 机制。坚持……") is a run-in heading, written as a paragraph with its lead in bold, as 公文 print it.
 *
 * A 政策解读 (title with 解读, or 问：/答： pairs) becomes an interpretation: its 问/答 pairs go to 简明问答. */
#include "import_private.h"
#include "zwgk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- characters ---- */

static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *adv)
{
    return i < n ? utf8_decode(s + i, n - i, adv) : (*adv = 0, 0);
}

static bool is_blank_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || c == '\r';
}

/* A copy of s without blanks at both ends (and with none left after a newline's line start). */
static char *trimmed(const char *s)
{
    size_t n = strlen(s), a = 0, adv;
    while (a < n && (is_blank_cp(cp_at(s, n, a, &adv)) || s[a] == '\n'))
        a += adv;
    size_t b = n;
    while (b > a) {
        size_t p = utf8_prev(s, b);
        uint32_t c = cp_at(s, n, p, &adv);
        if (!is_blank_cp(c) && c != '\n')
            break;
        b = p;
    }
    return imp_xstrndup(s + a, b - a);
}

/* Leading blanks in characters (full-width spaces count 1, ASCII 0.5): a paragraph "indented" by typing spaces. */
static double leading_blank_chars(const char *s)
{
    size_t n = strlen(s), i = 0, adv;
    double c = 0;
    for (uint32_t cp; (cp = cp_at(s, n, i, &adv)) && is_blank_cp(cp); i += adv)
        c += cp == 0x3000 ? 1 : cp == '\t' ? 2 : 0.5;
    return c;
}

static size_t nchars(const char *s)
{
    return utf8_count(s, strlen(s));
}

static uint32_t last_of(const char *s)
{
    size_t n = strlen(s), adv;
    return n ? cp_at(s, n, utf8_prev(s, n), &adv) : 0;
}

static bool starts(const char *s, const char *p)
{
    return !strncmp(s, p, strlen(p));
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !memcmp(s + n - m, suffix, m);
}

/* 。！？； anywhere, or … */
static bool has_sentence_punct(const char *s)
{
    return strstr(s, "。") || strstr(s, "！") || strstr(s, "？") || strstr(s, "；");
}

static int cn_digit(uint32_t c)
{
    static const uint32_t d[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    for (int i = 0; i < 10; i++)
        if (c == d[i])
            return i;
    if (c == 0x96F6 || c == 0x25CB || c == 'O' || c == 0xFF2F) /* 零 ○ O Ｏ */
        return 0;
    return -1;
}

static int ascii_digit(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 0xFF10 && c <= 0xFF19)
        return (int)(c - 0xFF10);
    return -1;
}

/* A number in Chinese counting (一 … 十 … 三十一, 一百二十) at s[*i]; -1 when none. */
static int cn_number(const char *s, size_t n, size_t *i)
{
    size_t at = *i, adv;
    int value = 0, digit = -1, any = 0;
    for (uint32_t c; (c = cp_at(s, n, at, &adv));) {
        int d = cn_digit(c);
        if (d >= 0) {
            digit = d;
            any = 1;
        } else if (c == 0x5341) { /* 十 */
            value += (digit < 0 ? 1 : digit) * 10;
            digit = -1;
            any = 1;
        } else if (c == 0x767E) { /* 百 */
            value += (digit < 0 ? 1 : digit) * 100;
            digit = -1;
            any = 1;
        } else
            break;
        at += adv;
        if (value > 9999)
            return -1;
    }
    if (!any)
        return -1;
    if (digit > 0)
        value += digit;
    *i = at;
    return value;
}

static int arabic_number(const char *s, size_t n, size_t *i, int max_digits)
{
    size_t at = *i, adv;
    int v = 0, k = 0;
    for (uint32_t c; (c = cp_at(s, n, at, &adv)) && ascii_digit(c) >= 0; at += adv) {
        if (++k > max_digits)
            return -1;
        v = v * 10 + ascii_digit(c);
    }
    if (!k)
        return -1;
    *i = at;
    return v;
}

/* ---- numbers, dates, 文号 ---- */

int imp_number_level(const char *s, size_t *len)
{
    size_t n = strlen(s), i = 0, adv;
    *len = 0;
    uint32_t c = cp_at(s, n, 0, &adv);
    if (c == 0xFF08 || c == '(') { /* （一） or （1） */
        i = adv;
        size_t at = i;
        int level = 0;
        if (cn_number(s, n, &at) > 0)
            level = 3;
        else if (at = i, arabic_number(s, n, &at, 3) > 0)
            level = 5;
        if (!level)
            return 0;
        uint32_t close = cp_at(s, n, at, &adv);
        if (close != 0xFF09 && close != ')')
            return 0;
        *len = at + adv;
        return level;
    }
    size_t at = 0;
    if (cn_number(s, n, &at) > 0) {
        if (cp_at(s, n, at, &adv) == 0x3001) { /* 、 */
            *len = at + adv;
            return 2;
        }
        return 0;
    }
    at = 0;
    if (arabic_number(s, n, &at, 3) > 0) {
        uint32_t sep = cp_at(s, n, at, &adv);
        if (sep != '.' && sep != 0xFF0E && sep != 0x3001)
            return 0;
        size_t adv2;
        uint32_t next = cp_at(s, n, at + adv, &adv2);
        if (ascii_digit(next) >= 0 || next == 0) /* 1.5万, a version number */
            return 0;
        *len = at + adv;
        return 4;
    }
    return 0;
}

int imp_parse_date(const char *s, char out[11])
{
    size_t n = strlen(s), i = 0, adv;
    while (i < n && is_blank_cp(cp_at(s, n, i, &adv)))
        i += adv;
    int y = 0, m, d, k = 0;
    /* the year: four digits, Arabic or Chinese */
    for (uint32_t c; k < 4 && (c = cp_at(s, n, i, &adv)); k++) {
        int v = ascii_digit(c) >= 0 ? ascii_digit(c) : cn_digit(c);
        if (v < 0)
            break;
        y = y * 10 + v;
        i += adv;
        while (i < n && cp_at(s, n, i, &adv) == ' ')
            i += adv;
    }
    if (k != 4 || cp_at(s, n, i, &adv) != 0x5E74) /* 年 */
        return 0;
    i += adv;
    while (i < n && cp_at(s, n, i, &adv) == ' ')
        i += adv;
    size_t at = i;
    if ((m = arabic_number(s, n, &at, 2)) < 0 && (at = i, m = cn_number(s, n, &at)) < 0)
        return 0;
    i = at;
    while (i < n && cp_at(s, n, i, &adv) == ' ')
        i += adv;
    if (cp_at(s, n, i, &adv) != 0x6708) /* 月 */
        return 0;
    i += adv;
    while (i < n && cp_at(s, n, i, &adv) == ' ')
        i += adv;
    at = i;
    if ((d = arabic_number(s, n, &at, 2)) < 0 && (at = i, d = cn_number(s, n, &at)) < 0)
        return 0;
    i = at;
    while (i < n && cp_at(s, n, i, &adv) == ' ')
        i += adv;
    uint32_t c = cp_at(s, n, i, &adv);
    if (c != 0x65E5 && c != 0x53F7) /* 日 号 */
        return 0;
    i += adv;
    while (i < n && is_blank_cp(cp_at(s, n, i, &adv)))
        i += adv;
    if (i != n)
        return 0;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1949 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    return 1;
}

static bool is_open_bracket(uint32_t c)
{
    return c == 0x3014 || c == '[' || c == 0xFF08 || c == '(' || c == 0x3010 || c == 0xFF3B || c == 0x3016;
}

static bool is_close_bracket(uint32_t c)
{
    return c == 0x3015 || c == ']' || c == 0xFF09 || c == ')' || c == 0x3011 || c == 0xFF3D || c == 0x3017;
}

static bool is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

int imp_find_doc_number(const char *s, char **out)
{
    size_t n = strlen(s), adv;
    *out = NULL;
    for (size_t i = 0; i < n; i += adv) {
        uint32_t c = cp_at(s, n, i, &adv);
        if (!is_open_bracket(c))
            continue;
        size_t at = i + adv, a2;
        int year = arabic_number(s, n, &at, 4);
        if (year < 1949 || year > 2200 || !is_close_bracket(cp_at(s, n, at, &a2)))
            continue;
        at += a2;
        while (cp_at(s, n, at, &a2) == ' ')
            at += a2;
        int seq = arabic_number(s, n, &at, 5);
        if (seq < 0 || cp_at(s, n, at, &a2) != 0x53F7) /* 号 */
            continue;
        /* the 机关代字 before the bracket: Han characters (and letters, as in 信府办字 or 赣府厅发) */
        size_t start = i;
        while (start > 0 && s[start - 1] == ' ') /* 信府办字 (2024) 15号 */
            start--;
        size_t agency_end = start;
        int count = 0;
        while (start > 0 && count < 16) {
            size_t p = utf8_prev(s, start), ap;
            uint32_t b = cp_at(s, n, p, &ap);
            if (!is_han(b))
                break;
            start = p;
            count++;
        }
        if (count == 0)
            continue; /* （〔2024〕35号）: a number without an agency is a reference, not this document's */
        imp_buf_t b = {0};
        imp_buf_put(&b, s + start, agency_end - start);
        imp_buf_printf(&b, "〔%d〕%d号", year, seq);
        *out = b.s;
        return 1;
    }
    return 0;
}

/* ---- the document being built ---- */

static imp_block_t *block_add(imp_doc_t *d, int kind, int level, char *text)
{
    if (d->nblocks == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->blocks = imp_xrealloc(d->blocks, d->cap * sizeof *d->blocks);
    }
    imp_block_t *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->text = text;
    return b;
}

void imp_doc_free(imp_doc_t *d)
{
    free(d->title);
    free(d->issuer);
    free(d->doc_number);
    free(d->publish_date);
    free(d->date_text);
    free(d->disclosure);
    free(d->interprets_title);
    for (size_t i = 0; i < d->nblocks; i++)
        free(d->blocks[i].text); /* cells are the source's */
    free(d->blocks);
    for (size_t i = 0; i < d->nqas; i++) {
        free(d->qas[i].question);
        free(d->qas[i].answer);
    }
    free(d->qas);
    memset(d, 0, sizeof *d);
}

/* ---- what a paragraph looks like ---- */

typedef struct para {
    const imp_para_t *src;
    char *text; /* trimmed, numbering normalised */
    int align;
    bool big;    /* set larger than the body text */
    bool used;   /* taken by the front part, the 落款 or the 版记 */
    int level;   /* numbering level 2-5, 0 none */
    size_t nlen; /* bytes of the number */
} para_t;

static const char *const ORG_ENDS[] = {"人民政府", "政府",   "办公室", "办公厅", "委员会", "局",   "厅",
                                       "部",       "委",     "办",     "中心",   "公司",   "院",   "会",
                                       "党委",     "党组",   "支队",   "大队",   "所",     "站",   "分局",
                                       "小组",     "指挥部", "法院",   "检察院", "学校",   "医院", "街道办事处"};

static bool looks_like_org(const char *s)
{
    if (nchars(s) > 40 || has_sentence_punct(s) || strstr(s, "，") || strstr(s, "：") || strstr(s, "《"))
        return false;
    for (size_t i = 0; i < sizeof ORG_ENDS / sizeof ORG_ENDS[0]; i++)
        if (ends_with(s, ORG_ENDS[i]))
            return true;
    return false;
}

static const char *const TITLE_ENDS[] = {
    "通知",     "通报", "意见", "方案",         "要点",     "办法",     "规定", "决定", "决议", "公告",
    "通告",     "报告", "请示", "批复",         "函",       "纪要",     "细则", "规划", "计划", "解读",
    "答记者问", "问答", "条例", "规则",         "指引",     "指南",     "清单", "目录", "命令", "议案",
    "制度",     "标准", "措施", "办法（试行）", "（试行）", "（暂行）", "总结", "公示", "说明"};

static bool looks_like_title(const char *s)
{
    if (strstr(s, "关于") || strstr(s, "《"))
        return true;
    for (size_t i = 0; i < sizeof TITLE_ENDS / sizeof TITLE_ENDS[0]; i++)
        if (ends_with(s, TITLE_ENDS[i]))
            return true;
    return false;
}

/* 份号 (digits only), 密级 (秘密★…), 紧急程度 (特急, 加急): the marks above the 发文机关标志. */
static bool is_top_mark(const char *s)
{
    size_t n = strlen(s), i = 0, adv;
    bool digits = n > 0;
    for (uint32_t c; (c = cp_at(s, n, i, &adv)); i += adv)
        digits &= ascii_digit(c) >= 0;
    if (digits && nchars(s) <= 8)
        return true;
    if (nchars(s) <= 12 && (strstr(s, "秘密") || strstr(s, "机密") || strstr(s, "绝密")))
        return true;
    return nchars(s) <= 4 && (!strcmp(s, "特急") || !strcmp(s, "加急") || !strcmp(s, "特提") || !strcmp(s, "平急"));
}

/* The 版记's lines: 抄送：… / 抄报：… / "…办公室  2024年7月12日印发". */
static bool is_banji(const char *s)
{
    if (starts(s, "抄送") || starts(s, "抄报") || starts(s, "分送"))
        return true;
    return ends_with(s, "印发") && strstr(s, "年") && strstr(s, "月") && strstr(s, "日") && nchars(s) < 80;
}

/* （此件主动公开）, (此件公开发布), （此件依申请公开）, （此件不予公开） */
static bool is_disclosure_note(const char *s)
{
    return (starts(s, "（此件") || starts(s, "(此件")) && (ends_with(s, "）") || ends_with(s, ")")) && nchars(s) <= 20;
}

/* Normalises the start of a numbered paragraph: (二) → （二）, and no blank after the number (so "1. 按照" is not a
 * Markdown list when written, and reads as 公文 print it). */
static char *normalize_number(const char *s, size_t *nlen, int *level)
{
    *level = imp_number_level(s, nlen);
    if (!*level)
        return imp_xstrdup(s);
    imp_buf_t b = {0};
    size_t n = strlen(s), adv;
    for (size_t i = 0; i < *nlen; i += adv) {
        uint32_t c = cp_at(s, n, i, &adv);
        if (c == '(')
            imp_buf_puts(&b, "（");
        else if (c == ')')
            imp_buf_puts(&b, "）");
        else
            imp_buf_put(&b, s + i, adv);
    }
    size_t new_len = b.len, i = *nlen;
    while (i < n && is_blank_cp(cp_at(s, n, i, &adv)))
        i += adv;
    imp_buf_put(&b, s + i, n - i);
    *nlen = new_len;
    return b.s;
}

/* Joins the lines of a paragraph typed with line breaks (a title over two lines): nothing between Chinese
 * characters, a space between Latin ones. */
static char *join_lines(const char *s)
{
    imp_buf_t b = {0};
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\n') {
            imp_buf_put(&b, s + i, 1);
            continue;
        }
        size_t adv;
        uint32_t before = b.len ? last_of(b.s) : 0, after = cp_at(s, n, i + 1, &adv);
        if (before < 0x80 && after < 0x80 && before != ' ' && after != ' ' && before && after)
            imp_buf_put(&b, " ", 1);
    }
    if (!b.s)
        imp_buf_put(&b, "", 0);
    return b.s;
}

static bool is_wide_cp(uint32_t c)
{
    return c >= 0x2E80 || (c >= 0x2018 && c <= 0x201D);
}

/* Drops the ASCII spaces (and no-break spaces) next to a Chinese character or mark: "2024 年" → "2024年",
 * "及 时 公 开" → "及时公开", "优化 “政务" → "优化“政务".  They come from typing and from extraction, never from
 * the 公文 (which sets no spaces in Chinese text); spaces between Latin words stay, and so do ideographic spaces. */
static char *drop_cjk_spaces(const char *s)
{
    imp_buf_t b = {0};
    size_t n = strlen(s), adv;
    uint32_t prev = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = cp_at(s, n, i, &adv);
        if (c == ' ' || c == 0xA0) {
            size_t j = i, a2;
            while (j < n && (cp_at(s, n, j, &a2) == ' ' || cp_at(s, n, j, &a2) == 0xA0))
                j += a2;
            uint32_t next = j < n ? cp_at(s, n, j, &a2) : 0;
            if (is_wide_cp(prev) || is_wide_cp(next)) {
                i = j;
                continue;
            }
        }
        imp_buf_put(&b, s + i, adv);
        prev = c;
        i += adv;
    }
    if (!b.s)
        imp_buf_put(&b, "", 0);
    return b.s;
}

static void prepare(const imp_source_t *src, para_t *P)
{
    for (size_t i = 0; i < src->count; i++) {
        const imp_para_t *s = &src->paras[i];
        para_t *p = &P[i];
        memset(p, 0, sizeof *p);
        p->src = s;
        if (s->is_table)
            continue;
        double lead = leading_blank_chars(s->text);
        char *t = trimmed(s->text), *u = drop_cjk_spaces(t);
        p->text = normalize_number(u, &p->nlen, &p->level);
        free(t);
        free(u);
        p->align = s->align;
        if (p->align == IMP_START && lead >= 8 && nchars(p->text) <= 30)
            p->align = IMP_END; /* a 落款 pushed right with spaces */
        p->big = src->body_size > 0 && s->size >= src->body_size * 5 / 4;
        if (s->font == OFFICE_FONT_XBS)
            p->big = true;
    }
}

static bool is_empty(const para_t *p)
{
    return !p->src->is_table && (!p->text || !p->text[0]);
}

/* ---- the front part ---- */

/* Finds 发文机关标志, 发文字号 and 标题 at the top; returns the index of the first paragraph after them. */
static size_t front(para_t *P, size_t n, imp_doc_t *d)
{
    size_t i = 0;
    while (i < n && (is_empty(&P[i]) || (!P[i].src->is_table && is_top_mark(P[i].text)))) {
        P[i].used = true;
        i++;
    }
    imp_buf_t issuer = {0};
    /* 发文机关标志: short, not a title, centred or large or ending with 文件, before the title */
    while (i < n && !P[i].src->is_table) {
        const char *t = P[i].text;
        char *num = NULL;
        bool mark = !looks_like_title(t) && nchars(t) <= 40 && !has_sentence_punct(t) && !strstr(t, "：") &&
                    !imp_find_doc_number(t, &num) &&
                    (ends_with(t, "文件") || ((P[i].align == IMP_CENTER || P[i].big) && looks_like_org(t)));
        free(num);
        if (!mark)
            break;
        size_t len = strlen(t);
        if (ends_with(t, "文件"))
            len -= strlen("文件");
        if (issuer.len)
            imp_buf_puts(&issuer, "、");
        imp_buf_put(&issuer, t, len);
        P[i++].used = true;
    }
    if (issuer.len)
        d->issuer = issuer.s;
    /* 发文字号 (with 签发人 on its line in an 上行文) */
    for (size_t k = i; k < n && k < i + 2 && !P[k].src->is_table; k++) {
        char *num = NULL;
        if (nchars(P[k].text) <= 40 && imp_find_doc_number(P[k].text, &num)) {
            d->doc_number = num;
            for (size_t j = i; j <= k; j++)
                P[j].used = true;
            i = k + 1;
            break;
        }
        free(num);
    }
    while (i < n && is_empty(&P[i]))
        i++;
    /* 标题: centred (or large) lines, joined; else the first line when it reads as a title */
    imp_buf_t title = {0};
    size_t start = i;
    while (i < n && !P[i].src->is_table && (P[i].align == IMP_CENTER || P[i].big) && !has_sentence_punct(P[i].text) &&
           nchars(P[i].text) <= 80 && !(P[i].text[0] && last_of(P[i].text) == 0xFF1A)) {
        char *t = join_lines(P[i].text);
        imp_buf_puts(&title, t);
        free(t);
        P[i++].used = true;
        if (i - start == 4)
            break;
    }
    if (!title.len && i < n && !P[i].src->is_table && nchars(P[i].text) <= 60 && !has_sentence_punct(P[i].text) &&
        last_of(P[i].text) != 0xFF1A && !imp_number_level(P[i].text, &(size_t){0})) {
        char *t = join_lines(P[i].text);
        imp_buf_puts(&title, t);
        free(t);
        P[i++].used = true;
    }
    if (title.len)
        d->title = title.s;
    return i;
}

/* ---- the 落款 ---- */

/* Finds the 成文日期 (the first paragraph after the title that is only a date) and the 署名 lines above it.
 * Returns the index of the date paragraph (n when there is none) and sets *first to the first 署名 line. */
static size_t signature(para_t *P, size_t n, size_t from, imp_doc_t *d, size_t *first)
{
    for (size_t i = from; i < n; i++) {
        char date[11];
        if (P[i].src->is_table || P[i].used || !imp_parse_date(P[i].text, date))
            continue;
        d->publish_date = imp_xstrdup(date);
        d->date_text = imp_xstrdup(P[i].text);
        size_t s = i;
        while (s > from && i - s < 3) {
            const para_t *q = &P[s - 1];
            if (q->src->is_table || q->used || q->level || is_empty(q))
                break;
            bool right = q->align == IMP_END || (q->align == IMP_START && q->src->indent >= 8);
            if (!(right || looks_like_org(q->text)) || has_sentence_punct(q->text) || nchars(q->text) > 40 ||
                last_of(q->text) == 0xFF1A)
                break;
            s--;
        }
        *first = s;
        if (!d->issuer && s < i) {
            imp_buf_t b = {0};
            for (size_t k = s; k < i; k++) {
                if (b.len)
                    imp_buf_puts(&b, "、");
                imp_buf_puts(&b, P[k].text);
            }
            d->issuer = b.s;
        }
        return i;
    }
    *first = n;
    return n;
}

/* ---- body paragraphs ---- */

/* Bytes of the first sentence of s up to (not including) its 。, when it is a short title followed by more text:
 * "（一）完善考核评估体系和培训机制。坚持……" → the bytes of "（一）完善考核评估体系和培训机制". 0 otherwise. */
static size_t run_in_lead(const char *s, size_t max_chars)
{
    const char *stop = strstr(s, "。");
    if (!stop || !stop[strlen("。")])
        return 0;
    size_t lead = (size_t)(stop - s);
    if (utf8_count(s, lead) > max_chars || memchr(s, '\n', lead) || strstr(s, "，") == s + lead)
        return 0;
    for (const char *p = s; p < stop; p++) /* a title holds no comma-separated clauses of a sentence */
        if (!strncmp(p, "；", 3) || !strncmp(p, "！", 3) || !strncmp(p, "？", 3))
            return 0;
    return lead;
}

/* The heading level a paragraph's look gives when it carries no number (docx only): 黑体 2, 楷体 3, bold 4. */
static int look_level(const imp_source_t *src, const para_t *p)
{
    if (!src->has_fonts || nchars(p->text) > 40 || has_sentence_punct(p->text) || last_of(p->text) == 0xFF1A ||
        last_of(p->text) == 0xFF0C)
        return 0;
    if (p->src->outline >= 0 && p->src->outline <= 8)
        return p->src->outline + 2 > 5 ? 5 : p->src->outline + 2;
    if (p->src->font == OFFICE_FONT_HEI)
        return 2;
    if (p->src->font == OFFICE_FONT_KAI)
        return 3;
    if (p->src->bold_len != SIZE_MAX && p->src->bold_len >= strlen(p->src->text) - 1 && p->src->bold_len > 0)
        return 4;
    return 0;
}

static bool is_question(const char *s, size_t *skip)
{
    static const char *const q[] = {"问：", "问:", "问题：", "提问：", "Q：", "Q:"};
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        if (starts(s, q[i])) {
            *skip = strlen(q[i]);
            return true;
        }
    return false;
}

static bool is_answer(const char *s, size_t *skip)
{
    static const char *const a[] = {"答：", "答:", "解答：", "A：", "A:"};
    for (size_t i = 0; i < sizeof a / sizeof a[0]; i++)
        if (starts(s, a[i])) {
            *skip = strlen(a[i]);
            return true;
        }
    return false;
}

static void qa_add(imp_doc_t *d, const char *q, size_t qn)
{
    if (d->nqas == d->qcap) {
        d->qcap = d->qcap ? d->qcap * 2 : 8;
        d->qas = imp_xrealloc(d->qas, d->qcap * sizeof *d->qas);
    }
    d->qas[d->nqas].question = imp_xstrndup(q, qn);
    d->qas[d->nqas].answer = NULL;
    d->nqas++;
}

static void answer_add(imp_doc_t *d, const char *s)
{
    imp_qa_t *q = &d->qas[d->nqas - 1];
    imp_buf_t b = {0};
    if (q->answer) {
        imp_buf_puts(&b, q->answer);
        imp_buf_puts(&b, "\n");
        free(q->answer);
    }
    imp_buf_puts(&b, s);
    q->answer = b.s;
}

static void body(const imp_source_t *src, para_t *P, size_t from, size_t to, imp_doc_t *d, bool interpretation)
{
    bool in_attachment_note = false, in_qa = false;
    for (size_t i = from; i < to; i++) {
        para_t *p = &P[i];
        if (p->used || is_empty(p))
            continue;
        if (p->src->is_table) {
            imp_block_t *b = block_add(d, IMP_TABLE, 0, NULL);
            b->rows = p->src->rows;
            b->cols = p->src->cols;
            b->cells = p->src->cells;
            d->tables++;
            in_attachment_note = false;
            continue;
        }
        const char *t = p->text;
        size_t skip;
        /* 问：/答： pairs of a 解读 */
        if (interpretation && is_question(t, &skip)) {
            imp_block_t *last = d->nblocks ? &d->blocks[d->nblocks - 1] : NULL;
            if (last && last->kind == IMP_HEADING && strstr(last->text, "问答")) { /* "二、一问一答": 简明问答 now */
                d->headings[last->level]--;
                free(last->text);
                d->nblocks--;
            }
            char *q = trimmed(t + skip);
            qa_add(d, q, strlen(q));
            free(q);
            in_qa = true;
            continue;
        }
        if (in_qa && is_answer(t, &skip)) {
            char *a = trimmed(t + skip);
            if (*a)
                answer_add(d, a);
            free(a);
            continue;
        }
        if (in_qa && !p->level && p->align == IMP_START && !look_level(src, p) && d->qas[d->nqas - 1].answer) {
            answer_add(d, t); /* an answer's next paragraph */
            continue;
        }
        in_qa = false;
        if (is_disclosure_note(t)) {
            free(d->disclosure);
            d->disclosure = imp_xstrdup(t);
            block_add(d, IMP_PARAGRAPH, 0, imp_xstrdup(t));
            continue;
        }
        if (starts(t, "附件") && (strstr(t, "：") || strstr(t, ":")) && nchars(t) < 200) {
            d->attachment_note = true;
            in_attachment_note = true;
            block_add(d, IMP_PARAGRAPH, 0, imp_xstrdup(t));
            continue;
        }
        if (in_attachment_note && p->level == 4 && !has_sentence_punct(t)) {
            block_add(d, IMP_PARAGRAPH, 0, imp_xstrdup(t)); /* 附件：1．… 2．… */
            continue;
        }
        in_attachment_note = false;
        /* an attachment's own marker and title */
        if ((!strcmp(t, "附件") || (starts(t, "附件") && nchars(t) <= 4 && ascii_digit(last_of(t)) >= 0))) {
            block_add(d, IMP_FLUSH, 0, imp_xstrdup(t));
            continue;
        }
        if (p->align == IMP_CENTER) {
            if (p->big || (src->has_fonts && p->src->font == OFFICE_FONT_XBS) || looks_like_title(t)) {
                block_add(d, IMP_HEADING, 1, join_lines(t))->centred = true;
                d->headings[1]++;
            } else {
                block_add(d, IMP_CENTERED, 0, imp_xstrdup(t));
            }
            continue;
        }
        if (p->align == IMP_END && nchars(t) <= 40) {
            char date[11];
            if (d->nblocks && d->blocks[d->nblocks - 1].kind == IMP_SIGNATURE) {
                imp_block_t *b = &d->blocks[d->nblocks - 1];
                imp_buf_t s = {0};
                imp_buf_puts(&s, b->text);
                imp_buf_puts(&s, "\n");
                imp_buf_puts(&s, t);
                free(b->text);
                b->text = s.s;
            } else if (imp_parse_date(t, date) || looks_like_org(t)) {
                block_add(d, IMP_SIGNATURE, 0, imp_xstrdup(t));
            } else {
                block_add(d, IMP_PARAGRAPH, 0, imp_xstrdup(t));
            }
            continue;
        }
        int level = p->level;
        if (!level && (starts(t, "第") && (strstr(t, "章") || strstr(t, "节")))) {
            size_t at = strlen("第");
            int v = cn_number(t, strlen(t), &at);
            if (v > 0 && (starts(t + at, "章") || starts(t + at, "节")) && nchars(t) <= 40 && !has_sentence_punct(t))
                level = starts(t + at, "章") ? 2 : 3;
        }
        if (level) {
            bool sentence = has_sentence_punct(t) || last_of(t) == 0xFF0C || last_of(t) == 0xFF1A ||
                            last_of(t) == 0x3001 || strstr(t, "〔牵头单位");
            if (!sentence && nchars(t) <= 60) {
                block_add(d, IMP_HEADING, level, imp_xstrdup(t));
                d->headings[level]++;
                continue;
            }
            size_t lead = run_in_lead(t, 40);
            bool bold = p->src->bold_len != SIZE_MAX && p->src->bold_len >= lead && lead > 0;
            if (lead && (level <= 3 || bold)) {
                imp_block_t *b = block_add(d, IMP_PARAGRAPH, 0, imp_xstrdup(t));
                b->bold_lead = lead;
                d->headings[level]++;
                if (strstr(t, "〔牵头单位") || strstr(t, "〔责任单位"))
                    d->tails++;
                continue;
            }
        } else if ((level = look_level(src, p)) > 0) {
            block_add(d, IMP_HEADING, level, imp_xstrdup(t));
            d->headings[level]++;
            continue;
        } else if (p->src->bold_len != SIZE_MAX && src->has_fonts) {
            /* "第一条　……" or a bold lead typed by hand: keep it bold */
            size_t lead = run_in_lead(t, 30);
            if (lead && p->src->bold_len >= lead) {
                imp_block_t *b = block_add(d, IMP_PARAGRAPH, 0, imp_xstrdup(t));
                b->bold_lead = lead;
                continue;
            }
        }
        if (strstr(t, "〔牵头单位") || strstr(t, "〔责任单位"))
            d->tails++;
        block_add(d, IMP_PARAGRAPH, 0, imp_xstrdup(t));
    }
}

/* ---- the whole ---- */

static int guess_type(const imp_doc_t *d, const para_t *P, size_t n)
{
    const char *t = d->title ? d->title : "";
    if (strstr(t, "解读") || strstr(t, "答记者问") || strstr(t, "一问一答") || strstr(t, "问答"))
        return IMPORT_TYPE_INTERPRETATION;
    size_t q = 0, a = 0, skip;
    for (size_t i = 0; i < n; i++)
        if (!P[i].src->is_table && P[i].text) {
            q += is_question(P[i].text, &skip);
            a += is_answer(P[i].text, &skip);
        }
    if (q >= 2 && a >= 2)
        return IMPORT_TYPE_INTERPRETATION;
    bool issues_policy = strstr(t, "印发") || strstr(t, "转发") || strstr(t, "办法") || strstr(t, "规定") ||
                         strstr(t, "方案") || strstr(t, "意见") || strstr(t, "细则") || strstr(t, "规划") ||
                         strstr(t, "要点") || strstr(t, "条例") || strstr(t, "措施");
    if (!issues_policy && d->issuer &&
        (ends_with(t, "通知") || ends_with(t, "通告") || ends_with(t, "公告") || ends_with(t, "通报") ||
         ends_with(t, "公示")))
        return IMPORT_TYPE_NOTICE;
    return IMPORT_TYPE_POLICY;
}

/* 《…》 in a title: what a 解读 interprets. */
static char *quoted_title(const char *t)
{
    const char *a = strstr(t, "《");
    if (!a)
        return NULL;
    a += strlen("《");
    const char *b = strstr(a, "》");
    return b && b > a ? imp_xstrndup(a, (size_t)(b - a)) : NULL;
}

void imp_recognize(const imp_source_t *src, imp_doc_t *d)
{
    memset(d, 0, sizeof *d);
    size_t n = src->count;
    para_t *P = imp_xrealloc(NULL, (n + 1) * sizeof *P);
    prepare(src, P);
    size_t i = front(P, n, d);
    /* 版记: from its first line among the last paragraphs to the end */
    size_t end = n;
    for (size_t k = n; k > i && n - k < 8; k--) {
        const para_t *p = &P[k - 1];
        if (is_empty(p))
            continue;
        if (!p->src->is_table && is_banji(p->text))
            end = k - 1;
        else if (end != n)
            break;
    }
    for (size_t k = end; k < n; k++) {
        if (!is_empty(&P[k]))
            d->dropped_banji++;
        P[k].used = true;
    }
    /* 主送机关 */
    while (i < end && is_empty(&P[i]))
        i++;
    if (i < end && !P[i].src->is_table && last_of(P[i].text) == 0xFF1A && nchars(P[i].text) <= 150 && !P[i].level &&
        !is_question(P[i].text, &(size_t){0}) && !starts(P[i].text, "附件")) {
        block_add(d, IMP_FLUSH, 0, imp_xstrdup(P[i].text));
        P[i].used = true;
        d->main_to = true;
        i++;
    }
    int type = guess_type(d, P, n);
    size_t sig_first, sig = signature(P, n, i, d, &sig_first);
    if (sig < end) {
        body(src, P, i, sig_first, d, type == IMPORT_TYPE_INTERPRETATION);
        imp_buf_t s = {0};
        for (size_t k = sig_first; k <= sig; k++) {
            if (s.len)
                imp_buf_puts(&s, "\n");
            imp_buf_puts(&s, P[k].text);
            P[k].used = true;
        }
        block_add(d, IMP_SIGNATURE, 0, s.s);
        body(src, P, sig + 1, end, d, type == IMPORT_TYPE_INTERPRETATION);
    } else {
        body(src, P, i, end, d, type == IMPORT_TYPE_INTERPRETATION);
    }
    d->type = type;
    if (type == IMPORT_TYPE_INTERPRETATION && d->title)
        d->interprets_title = quoted_title(d->title);
    if (type == IMPORT_TYPE_NOTICE && !d->issuer)
        d->type = IMPORT_TYPE_POLICY;
    for (size_t k = 0; k < n; k++)
        free(P[k].text);
    free(P);
}
