/* normalize.c — what a line of text says, spelt out in Chinese (speech_normalize, zwgk/speech.h).
 *
 * A document is written for the eye: 2024年7月12日, 15%, 3,200元, 0797-0000101, 〔2024〕15号, 8:00至12:00, APP.
 * A person reading it aloud says 二〇二四年七月十二日, 百分之十五, 三千二百元, 零七九七 零零零零幺零幺,
 * 二〇二四年十五号, 八点至十二点, and the letters by name.  The rules, in the order they are tried at a run of digits:
 *   - an ISO date 2024-07-01 (or with / or .) → 二〇二四年七月一日; a time 14:30 → 十四点三十分 (8:00 → 八点);
 *   - a phone number: groups joined by '-' of which the first starts with 0 (0797-0000101), or one run of five or
 *     more digits not followed by a unit (12345热线, 身份证号) → digit by digit, 1 as 幺, 0 as 零, as on the phone;
 *   - a year: four digits before 年, or in the brackets of a 文号 (〔2024〕 → 二〇二四年) → digit by digit with 〇;
 *     the left side of a range of years (2023-2024年) too;
 *   - a code in quotes (“1269”行动计划) → digit by digit;
 *   - a percentage → 百分之…, 100% → 百分之百;
 *   - otherwise a cardinal number in Chinese, with its decimals (3.5 → 三点五), and 两 for a leading 2 before 千, 万
 *     and 亿 and for a lone 2 before a measure word (2人 → 两人; but 第2, 2月, 2楼 keep 二);
 *   - a dash or tilde between two numbers is 至.
 * Full-width digits and letters count as ASCII ones.  URLs (http…, www.…) and e-mail addresses are left out: they are
 * for the QR codes, and nobody can take one down by ear.  Letters are spelt by their names as Chinese speakers say
 * them, in pinyin between 0x02 and 0x03 (speech_pinyin copies it through), so the engine never sees a word it would
 * read in English. */
#include "speech_private.h"
#include "zwgk/text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define PINYIN_OPEN  '\x02'
#define PINYIN_CLOSE '\x03'

typedef struct cps {
    uint32_t *v;
    size_t n;
} cps_t;

/* Full-width digits, letters and the few signs that go with numbers, as ASCII; anything else unchanged. */
static uint32_t narrow(uint32_t cp)
{
    if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
        return cp - 0xFF10 + '0';
    switch (cp) {
    case 0xFF05: /* ％ */
        return '%';
    case 0xFF0E: /* ． */
        return '.';
    case 0xFF0D: /* － */
    case 0x2010: /* ‐ */
    case 0x2011:
    case 0x2012:
    case 0x2013: /* – */
        return '-';
    case 0xFF5E: /* ～ */
    case 0x301C: /* 〜 */
        return '~';
    case 0xFF0F: /* ／ */
        return '/';
    default:
        return cp;
    }
}

static bool is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static bool is_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static uint32_t at(const cps_t *c, size_t i)
{
    return i < c->n ? c->v[i] : 0;
}

static size_t digits_from(const cps_t *c, size_t i)
{
    size_t k = i;
    while (k < c->n && is_digit(c->v[k]))
        k++;
    return k - i;
}

static const char *const DIGIT_ZH[10] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* Characters that count things: after a long number they make it an amount, not a phone number. */
static bool is_unit(uint32_t cp)
{
    static const char units[] = "元万亿千百人户名个件份次项米平公亩吨台套辆家所座间张本岁天册条字余多倍斤克升";
    for (const char *p = units; *p;) {
        size_t adv;
        uint32_t u = utf8_decode(p, strlen(p), &adv);
        if (u == cp)
            return true;
        p += adv;
    }
    return false;
}

/* Measure words after which a lone 2 is 两 (2人 两人, 2个 两个), unlike 2月, 2号, 2楼 (二). */
static bool takes_liang(uint32_t cp)
{
    static const char words[] = "个人名位次项件份天家户种条本张台辆所套间岁周年倍类批点小分万千百亿米公斤吨亩元";
    for (const char *p = words; *p;) {
        size_t adv;
        uint32_t u = utf8_decode(p, strlen(p), &adv);
        if (u == cp)
            return true;
        p += adv;
    }
    return false;
}

/* Digit by digit: style 0 for years (〇), 1 for phone numbers (零, and 幺 for 1), 2 for codes (零). */
static void say_digits(sbuf_t *b, const uint32_t *d, size_t n, int style)
{
    for (size_t i = 0; i < n; i++) {
        int v = (int)(d[i] - '0');
        if (v == 0)
            sbuf_str(b, style == 0 ? "〇" : "零");
        else if (v == 1 && style == 1)
            sbuf_str(b, "幺");
        else
            sbuf_str(b, DIGIT_ZH[v]);
    }
}

/* 0..9999 in Chinese, as a section of a larger number.  leading: something came before it (12 is 十二 but 112 is
 * 一百一十二); first: it is the number's first section, where a 2 in the thousands is 两 (2500 两千五百). */
static void say_section(sbuf_t *b, int v, bool leading, bool first)
{
    static const char *const place[4] = {"千", "百", "十", ""};
    int d[4] = {v / 1000, v / 100 % 10, v / 10 % 10, v % 10};
    bool started = false, zero = false;
    for (int i = 0; i < 4; i++) {
        if (d[i] == 0) {
            zero = started;
            continue;
        }
        if (zero)
            sbuf_str(b, "零");
        zero = false;
        if (i == 0 && d[i] == 2 && first)
            sbuf_str(b, "两");
        else if (!(i == 2 && d[i] == 1 && !started && !leading)) /* 十二, not 一十二, at the very start */
            sbuf_str(b, DIGIT_ZH[d[i]]);
        sbuf_str(b, place[i]);
        started = true;
    }
}

/* A whole number of at most 12 digits in Chinese: 3200 → 三千二百, 20000 → 两万, 105 → 一百零五, 10005 → 一万零五. */
static void say_cardinal(sbuf_t *b, unsigned long long v)
{
    if (v == 0) {
        sbuf_str(b, "零");
        return;
    }
    static const char *const unit[3] = {"亿", "万", ""};
    int sec[3] = {(int)(v / 100000000ull), (int)(v / 10000 % 10000), (int)(v % 10000)};
    bool started = false, zero = false;
    for (int i = 0; i < 3; i++) {
        if (sec[i] == 0) {
            zero = started;
            continue;
        }
        if (started && (zero || sec[i] < 1000))
            sbuf_str(b, "零");
        zero = false;
        if (!started && sec[i] == 2 && i < 2)
            sbuf_str(b, "两"); /* 两万, 两亿 */
        else
            say_section(b, sec[i], started, !started);
        sbuf_str(b, unit[i]);
        started = true;
    }
}

/* A number's integer part d[0..n) (digits only) and its decimals f[0..nf). */
static void say_number(sbuf_t *b, const uint32_t *d, size_t n, const uint32_t *f, size_t nf)
{
    if (n > 12 || (n > 1 && d[0] == '0')) { /* no Chinese number that long; 007 is read as written */
        say_digits(b, d, n, 2);
    } else {
        unsigned long long v = 0;
        for (size_t i = 0; i < n; i++)
            v = v * 10 + (d[i] - '0');
        say_cardinal(b, v);
    }
    if (nf) {
        sbuf_str(b, "点");
        say_digits(b, f, nf, 2);
    }
}

/* Letter names as Chinese speakers say them, in pinyin. */
static const char *const LETTER[26] = {
    "ei1",     "bi4",  "xi1",     "di4",     "yi4",          "ai2 fu5",     "ji4",  "ai2 qi1", "ai4",
    "jie4",    "kai4", "ai2 le5", "ai2 mu5", "en1",          "ou1",         "pi4",  "qiu1",    "a4 er3",
    "ai2 si1", "ti4",  "you1",    "wei1",    "da2 bu5 liu1", "ai2 ke4 si1", "wai1", "zei4",
};

static void say_letters(sbuf_t *b, const uint32_t *v, size_t n)
{
    sbuf_add(b, (const char[]){PINYIN_OPEN}, 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sbuf_str(b, " ");
        sbuf_str(b, LETTER[(v[i] | 0x20) - 'a']);
    }
    sbuf_add(b, (const char[]){PINYIN_CLOSE}, 1);
}

/* A URL or an e-mail address starts at i: returns its length in code points, 0 when none does. */
static size_t url_at(const cps_t *c, size_t i)
{
    static const char *const starts[] = {"http://", "https://", "www.", "ftp://"};
    bool url = false;
    for (size_t k = 0; k < 4 && !url; k++) {
        size_t m = strlen(starts[k]), j = 0;
        while (j < m && (at(c, i + j) | 0x20) == (uint32_t)starts[k][j])
            j++;
        url = j == m;
    }
    size_t j = i;
    bool mail = false;
    while (j < c->n && c->v[j] < 0x80 && c->v[j] > ' ' && c->v[j] != '"' && c->v[j] != '\'' && c->v[j] != '<' &&
           c->v[j] != '>' && c->v[j] != ')') {
        mail |= c->v[j] == '@' && j > i && is_letter(at(c, j + 1));
        j++;
    }
    if (!url && !mail)
        return 0;
    while (j > i && (c->v[j - 1] == '.' || c->v[j - 1] == ',')) /* the sentence's own full stop */
        j--;
    return j - i;
}

static bool opening_bracket(uint32_t cp)
{
    return cp == 0x3014 /* 〔 */ || cp == '[' || cp == 0x3010 /* 【 */ || cp == '(' || cp == 0xFF08 /* （ */ ||
           cp == 0x3016 /* 〖 */;
}

static bool closing_bracket(uint32_t cp)
{
    return cp == 0x3015 || cp == ']' || cp == 0x3011 || cp == ')' || cp == 0xFF09 || cp == 0x3017;
}

static bool quote_open(uint32_t cp)
{
    return cp == 0x201C || cp == '"' || cp == 0x2018 || cp == 0x300C;
}

static bool quote_close(uint32_t cp)
{
    return cp == 0x201D || cp == '"' || cp == 0x2019 || cp == 0x300D;
}

static bool plausible_year(const uint32_t *d)
{
    return (d[0] == '1' && d[1] >= '5') || d[0] == '2';
}

/* Handles the run of digits at c[i]; returns the code points it consumed. */
static size_t number_at(sbuf_t *b, const cps_t *c, size_t i)
{
    const uint32_t *v = c->v;
    size_t n = digits_from(c, i);
    uint32_t next = at(c, i + n);
    uint32_t prev = i ? v[i - 1] : 0;

    /* ISO date: 2024-07-01, 2024/7/1, 2024.07.01 */
    if (n == 4 && (next == '-' || next == '/' || next == '.')) {
        size_t m1 = digits_from(c, i + 5), k = i + 5 + m1;
        size_t m2 = at(c, k) == next ? digits_from(c, k + 1) : 0;
        if (m1 >= 1 && m1 <= 2 && m2 >= 1 && m2 <= 2 && !is_digit(at(c, k + 1 + m2)) && !is_letter(at(c, k + 1 + m2))) {
            int mon = (int)(v[i + 5] - '0'), day = (int)(v[k + 1] - '0');
            if (m1 == 2)
                mon = mon * 10 + (int)(v[i + 6] - '0');
            if (m2 == 2)
                day = day * 10 + (int)(v[k + 2] - '0');
            if (mon >= 1 && mon <= 12 && day >= 1 && day <= 31) {
                say_digits(b, v + i, 4, 0);
                sbuf_str(b, "年");
                say_cardinal(b, (unsigned)mon);
                sbuf_str(b, "月");
                say_cardinal(b, (unsigned)day);
                sbuf_str(b, "日");
                return k + 1 + m2 - i;
            }
        }
    }
    /* time: 8:00, 14:30 (also with a full-width colon) */
    if (n <= 2 && (next == ':' || next == 0xFF1A) && digits_from(c, i + n + 1) == 2) {
        int h = (int)(v[i] - '0'), m = (int)((v[i + n + 1] - '0') * 10 + (v[i + n + 2] - '0'));
        if (n == 2)
            h = h * 10 + (int)(v[i + 1] - '0');
        if (h <= 24 && m < 60) {
            say_cardinal(b, (unsigned)h);
            sbuf_str(b, "点");
            if (m == 30) {
                sbuf_str(b, "半");
            } else if (m) {
                if (m < 10)
                    sbuf_str(b, "零");
                say_cardinal(b, (unsigned)m);
                sbuf_str(b, "分");
            }
            size_t used = n + 3;
            if (at(c, i + used) == ':' && digits_from(c, i + used + 1) == 2) /* seconds: not said */
                used += 3;
            return used;
        }
    }
    /* phone numbers: 0797-0000101, 138-0000-0000 */
    if (next == '-' && v[i] == '0' && n >= 3 && n <= 4 && digits_from(c, i + n + 1) >= 5) {
        size_t k = i;
        while (k < c->n && is_digit(v[k])) {
            size_t m = digits_from(c, k);
            say_digits(b, v + k, m, 1);
            k += m;
            if (at(c, k) == '-' && is_digit(at(c, k + 1))) {
                sbuf_str(b, "，");
                k++;
            }
        }
        return k - i;
    }
    /* a grouped amount: 3,200 or 1,000,000 */
    size_t end = i + n;
    uint32_t dig[32];
    size_t nd = 0;
    for (size_t k = i; k < end && nd < 32; k++)
        dig[nd++] = v[k];
    if (n <= 3 && next == ',' && digits_from(c, end + 1) == 3) {
        while (at(c, end) == ',' && digits_from(c, end + 1) == 3 && !is_digit(at(c, end + 4))) {
            for (size_t k = end + 1; k < end + 4 && nd < 32; k++)
                dig[nd++] = v[k];
            end += 4;
        }
    }
    size_t nf = 0, fstart = 0;
    if (at(c, end) == '.' && is_digit(at(c, end + 1))) {
        fstart = end + 1;
        nf = digits_from(c, fstart);
        end = fstart + nf;
    }
    next = at(c, end);
    bool grouped = nd != n;
    if (nf == 0 && !grouped) {
        /* a long number that counts nothing: a hotline, an ID, a code */
        if (n >= 5 && !is_unit(next) && next != 0x5E74 /* 年 */) {
            say_digits(b, v + i, n, 1);
            return n;
        }
        /* a year */
        if (n == 4 && next == 0x5E74 /* 年 */) {
            say_digits(b, v + i, n, 0);
            return n;
        }
        if (n == 4 && opening_bracket(prev) && closing_bracket(next) && plausible_year(v + i)) {
            say_digits(b, v + i, n, 0); /* 〔2024〕15号: the bracket itself is dropped by the caller */
            sbuf_str(b, "年");
            return n + 1;
        }
        /* the left side of a range of years: 2023-2024年 */
        if (n == 4 && (next == '-' || next == '~' || next == 0x2014) && digits_from(c, end + 1) == 4 &&
            at(c, end + 5) == 0x5E74) {
            say_digits(b, v + i, n, 0);
            sbuf_str(b, "至");
            return n + 1;
        }
        /* a code in quotes: “1269”, “7510” */
        if (n >= 3 && quote_open(prev) && quote_close(next)) {
            say_digits(b, v + i, n, 2);
            return n;
        }
    }
    if (next == '%') {
        sbuf_str(b, "百分之");
        if (nd == 3 && dig[0] == '1' && dig[1] == '0' && dig[2] == '0' && nf == 0)
            sbuf_str(b, "百");
        else
            say_number(b, dig, nd, v + fstart, nf);
        return end + 1 - i;
    }
    if (nd == 1 && dig[0] == '2' && nf == 0 && takes_liang(next) && prev != 0x7B2C /* 第 */)
        sbuf_str(b, "两");
    else
        say_number(b, dig, nd, v + fstart, nf);
    /* a range: 8:00-12:00 and 3-5个 read 至; a dash that joins nothing is left to the caller */
    if ((next == '-' || next == '~' || next == 0x2014 || next == 0x2015) && is_digit(at(c, end + 1))) {
        sbuf_str(b, "至");
        end++;
    }
    return end - i;
}

/* Signs that say something. */
static const char *sign_words(uint32_t cp)
{
    switch (cp) {
    case 0x2103: /* ℃ */
        return "摄氏度";
    case 0x33A1: /* ㎡ */
        return "平方米";
    case 0x00D7: /* × */
        return "乘";
    case 0x2265: /* ≥ */
        return "大于等于";
    case 0x2264: /* ≤ */
        return "小于等于";
    case '+':
    case 0xFF0B:
        return "加";
    case '&':
    case 0xFF06:
        return "和";
    case 0x2116: /* № */
        return "第";
    default:
        return NULL;
    }
}

char *speech_normalize(const char *s, size_t len)
{
    cps_t c = {malloc((len + 1) * sizeof(uint32_t)), 0};
    sbuf_t b = {0};
    if (!c.v)
        return NULL;
    for (size_t i = 0; i < len;) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        i += adv;
        if (cp < 0x20 && cp != '\n' && cp != '\t')
            continue; /* control bytes: never in what is said (0x02 and 0x03 mean something below) */
        c.v[c.n++] = narrow(cp);
    }
    for (size_t i = 0; i < c.n;) {
        uint32_t cp = c.v[i];
        size_t u;
        if ((is_letter(cp) || is_digit(cp)) && (u = url_at(&c, i)) > 0) {
            i += u;
            continue;
        }
        if (is_digit(cp)) {
            i += number_at(&b, &c, i);
            continue;
        }
        if (opening_bracket(cp) && digits_from(&c, i + 1) == 4 && closing_bracket(at(&c, i + 5)) &&
            plausible_year(c.v + i + 1)) {
            i += 1 + number_at(&b, &c, i + 1); /* 〔2024〕 → 二〇二四年, brackets dropped */
            continue;
        }
        if (is_letter(cp)) {
            size_t k = i;
            while (k < c.n && is_letter(c.v[k]))
                k++;
            say_letters(&b, c.v + i, k - i);
            i = k;
            continue;
        }
        const char *w = sign_words(cp);
        if (w)
            sbuf_str(&b, w);
        else if (cp != TEXT_REPLACEMENT)
            sbuf_cp(&b, cp);
        i++;
    }
    free(c.v);
    return sbuf_take(&b);
}
