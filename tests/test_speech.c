/* test_speech.c — the read-aloud core (zwgk/speech.h): sentences, numbers as said, pinyin with the 多音字 lexicon and
 * the tone changes of 一 and 不, the built-in espeak-ng engine (real PCM, phonemes with no language switch over both
 * real county documents), and tts_command engines that work and that fail.
 *
 * The documents are read from this build's demo.db (ZWGK_BUILD), which carries both seed documents in full: what
 * the kiosk reads aloud is what is checked.  ZWGK_SPEECH_REVIEW=1 prints every sentence of the demo content with
 * its pinyin (tone marks) to standard output, for reading it by eye. */
#include "check.h"
#include "speech/speech_private.h"
#include "zwgk/content.h"
#include "zwgk/pinyin.h"
#include "zwgk/speech.h"
#include "zwgk/text.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- helpers ---- */

static char *norm(const char *s)
{
    return speech_normalize(s, strlen(s));
}

static char *pin(const char *s)
{
    return speech_pinyin(s, strlen(s), NULL, 0);
}

#define CHECK_NORM(in, want)                                                                                           \
    do {                                                                                                               \
        char *got_ = norm(in);                                                                                         \
        CHECK_STR(got_, want);                                                                                         \
        free(got_);                                                                                                    \
    } while (0)

#define CHECK_PINYIN(in, want)                                                                                         \
    do {                                                                                                               \
        char *got_ = pin(in);                                                                                          \
        CHECK_STR(got_, want);                                                                                         \
        free(got_);                                                                                                    \
    } while (0)

/* ---- sentences ---- */

static void test_sentences(void)
{
    const char *s = "经县政府研究同意，现印发给你们。请认真抓好落实！“政务公开”是什么？  3.5万元；第二句\n新的一行";
    speech_span_t sp[8];
    size_t n = speech_sentences(s, strlen(s), sp, 8);
    CHECK(n == 6);
    const char *want[] = {"经县政府研究同意，现印发给你们。",
                          "请认真抓好落实！",
                          "“政务公开”是什么？",
                          "3.5万元；",
                          "第二句",
                          "新的一行"};
    for (size_t i = 0; i < 6 && i < n; i++)
        CHECK(sp[i].end - sp[i].start == strlen(want[i]) && !memcmp(s + sp[i].start, want[i], strlen(want[i])));
    /* the closing quote belongs to its sentence; punctuation alone is none */
    const char *q = "他说：“按时办结。”……  。。";
    n = speech_sentences(q, strlen(q), sp, 8);
    CHECK(n == 1 && sp[0].start == 0 && !strncmp(q + sp[0].end - 3, "…", 3));
    CHECK(speech_sentences("", 0, NULL, 0) == 0);
    CHECK(speech_sentences("。，  \n", strlen("。，  \n"), NULL, 0) == 0);
    /* a run-on sentence is cut after a comma, and nothing is longer than 600 bytes */
    char longs[4000] = "";
    for (int i = 0; i < 40; i++)
        strcat(longs, "推进政务公开标准化规范化，");
    strcat(longs, "完。");
    speech_span_t lp[32];
    n = speech_sentences(longs, strlen(longs), lp, 32);
    CHECK(n >= 3);
    size_t covered = 0;
    for (size_t i = 0; i < n && i < 32; i++) {
        CHECK(lp[i].end - lp[i].start <= 600);
        CHECK(i + 1 == n || !strncmp(longs + lp[i].end - 3, "，", 3));
        covered += lp[i].end - lp[i].start;
    }
    CHECK(covered == strlen(longs));
    /* no stop at all, and invalid UTF-8: bounded, and every byte belongs to a sentence */
    char *hostile = malloc(20001);
    for (int i = 0; i < 20000; i++)
        hostile[i] = i % 7 == 0 ? (char)0xFF : 'a';
    hostile[20000] = 0;
    n = speech_sentences(hostile, 20000, NULL, 0);
    CHECK(n >= 20000 / 600);
    free(hostile);
}

/* ---- numbers ---- */

static void test_numbers(void)
{
    CHECK_NORM("2024年7月12日", "二〇二四年七月十二日");
    CHECK_NORM("15%", "百分之十五");
    CHECK_NORM("达到100%。", "达到百分之百。");
    CHECK_NORM("65％", "百分之六十五");
    CHECK_NORM("3,200元", "三千二百元");
    CHECK_NORM("12345", "幺二三四五");
    CHECK_NORM("拨打12345政务服务便民热线", "拨打幺二三四五政务服务便民热线");
    CHECK_NORM("赣府厅字〔2024〕15号", "赣府厅字二〇二四年十五号");
    CHECK_NORM("（〔2024〕35号）", "（二〇二四年三十五号）");
    CHECK_NORM("0797-0000101", "零七九七，零零零零幺零幺");
    CHECK_NORM("上午8:00至12:00，下午14:30至17:30", "上午八点至十二点，下午十四点半至十七点半");
    CHECK_NORM("17:45", "十七点四十五分");
    CHECK_NORM("9:05", "九点零五分");
    CHECK_NORM("2024-07-01", "二〇二四年七月一日");
    CHECK_NORM("2人以上", "两人以上");
    CHECK_NORM("2万人", "两万人");
    CHECK_NORM("第2条", "第二条");
    CHECK_NORM("2月", "二月");
    CHECK_NORM("2楼15号窗口", "二楼十五号窗口");
    CHECK_NORM("20000元", "两万元");
    CHECK_NORM("20000", "二零零零零"); /* counts nothing: a code, read as written */
    CHECK_NORM("2500元", "两千五百元");
    CHECK_NORM("105", "一百零五");
    CHECK_NORM("1005", "一千零五");
    CHECK_NORM("10005元", "一万零五元");
    CHECK_NORM("10", "十");
    CHECK_NORM("110", "一百一十");
    CHECK_NORM("30个工作日", "三十个工作日");
    CHECK_NORM("3.5万元", "三点五万元");
    CHECK_NORM("0.5", "零点五");
    CHECK_NORM("“1269”", "“一二六九”");
    CHECK_NORM("2023-2024年", "二〇二三至二〇二四年");
    CHECK_NORM("3-5个", "三至五个");
    CHECK_NORM("１２月", "十二月");
    CHECK_NORM("1.及时公开", "一.及时公开");
    CHECK_NORM("网址：https://zwfw.xinfeng.example/bs/guide-dibao。", "网址：。");
    CHECK_NORM("发邮件到 gk@xinfeng.example 即可", "发邮件到  即可");
    CHECK_NORM("APP", "\x02"
                      "ei1 pi4 pi4"
                      "\x03");
    CHECK_NORM("30℃", "三十摄氏度");
    CHECK_NORM("a\x01\x02\x03"
               "b",
               "\x02"
               "ei1 bi4"
               "\x03");
    CHECK_NORM("123456789012345", "幺二三四五六七八九零幺二三四五");
    CHECK_NORM("1000000元", "一百万元");
    CHECK_NORM("100000000元", "一亿元");
    CHECK_NORM("100010000元", "一亿零一万元");
}

/* ---- pinyin ---- */

static void test_polyphones(void)
{
    /* the list of issue 11, and the words around them */
    CHECK_PINYIN("银行", "yin2 hang2");
    CHECK_PINYIN("行长", "hang2 zhang3");
    CHECK_PINYIN("银行行长", "yin2 hang2 hang2 zhang3");
    CHECK_PINYIN("重复", "chong2 fu4");
    CHECK_PINYIN("重要", "zhong4 yao4");
    CHECK_PINYIN("还款", "huan2 kuan3");
    CHECK_PINYIN("还有", "hai2 you3");
    CHECK_PINYIN("长者", "zhang3 zhe3");
    CHECK_PINYIN("处理", "chu3 li3");
    CHECK_PINYIN("办理", "ban4 li3");
    CHECK_PINYIN("执行", "zhi2 xing2");
    CHECK_PINYIN("长期", "chang2 qi1");
    CHECK_PINYIN("县长", "xian4 zhang3");
    CHECK_PINYIN("土地", "tu3 di4");
    CHECK_PINYIN("积极地参与", "ji1 ji2 de5 can1 yu4");
    CHECK_PINYIN("提出要求", "ti2 chu1 yao1 qiu2");
    CHECK_PINYIN("以习近平新时代中国特色社会主义思想为指导",
                 "yi3 xi2 jin4 ping2 xin1 shi2 dai4 zhong1 guo2 te4 se4 she4 hui4 zhu3 yi4 si1 xiang3 wei2 zhi3 dao3");
    CHECK_PINYIN("原件核对后当场退还。", "yuan2 jian4 he2 dui4 hou4 dang1 chang3 tui4 huan2.");
    /* 一 and 不 */
    CHECK_PINYIN("一样", "yi2 yang4");
    CHECK_PINYIN("一起", "yi4 qi3");
    CHECK_PINYIN("一次性告诉您", "yi2 ci4 xing4 gao4 su4 nin2");
    CHECK_PINYIN("第一", "di4 yi1");
    CHECK_PINYIN("十一", "shi2 yi1");
    CHECK_PINYIN("统一部署", "tong3 yi1 bu4 shu3");
    CHECK_PINYIN("一月", "yi1 yue4");
    CHECK_PINYIN("一百", "yi4 bai3");
    CHECK_PINYIN("一万", "yi2 wan4");
    CHECK_PINYIN("不是", "bu2 shi4");
    CHECK_PINYIN("不好", "bu4 hao3");
    CHECK_PINYIN("不予确认", "bu4 yu3 que4 ren4");
    CHECK_PINYIN("周一至周五", "zhou1 yi1 zhi4 zhou1 wu3");
    CHECK_PINYIN("1楼", "yi1 lou2");
    CHECK_PINYIN("标准为每人每年400元", "biao1 zhun3 wei2 mei3 ren2 mei3 nian2 si4 bai3 yuan2");
    CHECK_PINYIN("为人民服务", "wei4 ren2 min2 fu2 wu4");
    CHECK_PINYIN("本文件为政务公开专区演示内容",
                 "ben3 wen2 jian4 wei2 zheng4 wu4 gong1 kai1 zhuan1 qu1 yan3 shi4 nei4 rong2");
    /* the longest word first must not swallow the start of the next one: 执行情况, not 执 + 行情; 项目的 */
    CHECK_PINYIN("项目执行情况", "xiang4 mu4 zhi2 xing2 qing2 kuang4");
    CHECK_PINYIN("项目的执行", "xiang4 mu4 de5 zhi2 xing2");
    CHECK_PINYIN("写明了牵头单位", "xie3 ming2 le5 qian1 tou2 dan1 wei4");
    CHECK_PINYIN("内容写得清楚", "nei4 rong2 xie3 de5 qing1 chu5");
    CHECK_PINYIN("不得公开", "bu4 de2 gong1 kai1");
    CHECK_PINYIN("拓展", "tuo4 zhan3");
    /* numbers and marks become pinyin and pauses; nothing else gets through */
    CHECK_PINYIN("2024年，共15%。", "er4 ling2 er4 si4 nian2, gong4 bai3 fen1 zhi1 shi2 wu3.");
    CHECK_PINYIN("拨打12345", "bo1 da3 yao1 er4 san1 si4 wu3");
    CHECK_PINYIN("《通知》“码上办”", "tong1 zhi1 ma3 shang4 ban4");
    CHECK_PINYIN("用APP办", "yong4 ei1 pi4 pi4 ban4");
    CHECK_PINYIN("。，、", "");
    CHECK_PINYIN("", "");
    CHECK_PINYIN("\xFF\xFE", "");

    /* a document's own readings win over the lexicon and the characters' own */
    speech_reading_t own[] = {{"单县", "shàn xiàn"}, {"银行", "yin2 xing2"}, {"乐平", "yue4 ping2"}};
    char *p = speech_pinyin("单县的银行在乐平。", strlen("单县的银行在乐平。"), own, 3);
    CHECK_STR(p, "shan4 xian4 de5 yin2 xing2 zai4 yue4 ping2.");
    free(p);
    p = speech_pinyin("单位", strlen("单位"), own, 3);
    CHECK_STR(p, "dan1 wei4");
    free(p);
    /* a reading that is not pinyin, or of the wrong length, is ignored rather than spoken as letters */
    speech_reading_t bad[] = {{"单县", "xyz1 abc2"}, {"银行", "yin2"}};
    p = speech_pinyin("单县银行", strlen("单县银行"), bad, 2);
    CHECK_STR(p, "dan1 xian4 yin2 hang2");
    free(p);

    char d[8];
    CHECK(speech_syllable_digits("háng", strlen("háng"), d) == 5 && !strcmp(d, "hang2"));
    CHECK(speech_syllable_digits("lǜ", strlen("lǜ"), d) && !strcmp(d, "lv4"));
    CHECK(speech_syllable_digits("lü4", strlen("lü4"), d) && !strcmp(d, "lv4"));
    CHECK(speech_syllable_digits("de", 2, d) && !strcmp(d, "de5"));
    CHECK(speech_syllable_digits("Zhang3", 6, d) && !strcmp(d, "zhang3"));
    CHECK(speech_syllable_digits("xyz", 3, d) == 0);
    CHECK(speech_syllable_digits("ha2ng", 5, d) == 0);
    CHECK(speech_syllable_digits("há2", strlen("há2"), d) == 0);
}

/* Each lexicon word: one syllable per character, each a reading Unihan gives that character (the neutral tone and
 * the changed tones of 一 and 不 count as its readings). */
static void test_lexicon_readings(void)
{
    const char *word, *pinyin;
    size_t n = 0, bad = 0;
    for (size_t i = 0; speech_lexicon_entry(i, &word, &pinyin); i++, n++) {
        uint32_t cps[16];
        size_t nc = 0, len = strlen(word);
        for (size_t k = 0; k < len && nc < 16;) {
            size_t adv;
            cps[nc++] = utf8_decode(word + k, len - k, &adv);
            k += adv;
        }
        char syl[16][8];
        size_t ns = 0;
        for (const char *p = pinyin; *p && ns < 16;) {
            while (*p == ' ')
                p++;
            const char *e = strchr(p, ' ');
            size_t k = e ? (size_t)(e - p) : strlen(p);
            if (!speech_syllable_digits(p, k, syl[ns])) {
                fprintf(stderr, "lexicon: %s: '%.*s' is no syllable\n", word, (int)k, p);
                bad++;
            }
            ns++;
            p += k;
        }
        if (ns != nc) {
            fprintf(stderr, "lexicon: %s has %zu characters, %s %zu syllables\n", word, nc, pinyin, ns);
            bad++;
            continue;
        }
        for (size_t k = 0; k < nc; k++) {
            pinyin_toned_t r[PINYIN_MAX_READINGS];
            size_t nr = pinyin_toned_readings(cps[k], r, PINYIN_MAX_READINGS), sl = strlen(syl[k]);
            int tone = syl[k][sl - 1] - '0';
            bool found = false;
            for (size_t j = 0; j < nr && j < PINYIN_MAX_READINGS; j++)
                found |= !strncmp(r[j].syllable, syl[k], sl - 1) && r[j].syllable[sl - 1] == 0 &&
                         (r[j].tone == tone || tone == 5);
            if (!found) {
                fprintf(stderr, "lexicon: %s: '%s' is not a reading of its character %zu\n", word, syl[k], k + 1);
                bad++;
            }
        }
        const char *w2, *p2;
        for (size_t j = 0; j < i; j++) /* no word twice */
            if (speech_lexicon_entry(j, &w2, &p2) && !strcmp(w2, word)) {
                fprintf(stderr, "lexicon: %s twice\n", word);
                bad++;
            }
    }
    CHECK(n > 300);
    CHECK(bad == 0);
}

/* The toned table (zwgk/pinyin.h) that the readings come from. */
static void test_toned_table(void)
{
    pinyin_toned_t r[PINYIN_MAX_READINGS];
    size_t n = pinyin_toned_readings(0x884C /* 行 */, r, PINYIN_MAX_READINGS);
    CHECK(n >= 3 && !strcmp(r[0].syllable, "xing") && r[0].tone == 2);
    bool hang = false;
    for (size_t i = 0; i < n; i++)
        hang |= !strcmp(r[i].syllable, "hang") && r[i].tone == 2;
    CHECK(hang);
    CHECK(pinyin_toned_readings(0x7684 /* 的 */, r, 1) >= 1 && !strcmp(r[0].syllable, "de") && r[0].tone == 5);
    CHECK(pinyin_toned_readings(0x7EFF /* 绿 */, r, 1) >= 1 && !strcmp(r[0].syllable, "lv") && r[0].tone == 4);
    CHECK(pinyin_toned_readings('A', r, 1) == 0);
    CHECK(pinyin_syllable_known("zhuang") && pinyin_syllable_known("lve") && !pinyin_syllable_known("xyz"));
}

/* ---- the demo documents ---- */

typedef void (*text_fn)(void *user, const char *doc, const char *text, const content_doc_t *d);

static void each_text(const content_doc_t *d, text_fn fn, void *user)
{
    const char *key = d->s.key;
    fn(user, key, d->s.title, d);
    const char *fields[] = {d->conditions, d->scope, d->time_limit,      d->fee,    d->place,
                            d->hours,      d->phone, d->complaint_phone, d->target, d->respond};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i])
            fn(user, key, fields[i], d);
    for (size_t i = 0; i < d->nblocks; i++) {
        const content_block_t *b = &d->blocks[i];
        if (b->text)
            fn(user, key, b->text, d);
        if (b->lead)
            fn(user, key, b->lead, d);
        if (b->resp)
            fn(user, key, b->resp, d);
        for (int c = 0; b->cells && c < b->rows * b->cols; c++)
            if (b->cells[c])
                fn(user, key, b->cells[c], d);
    }
    for (size_t i = 0; i < d->nqas; i++) {
        fn(user, key, d->qas[i].question, d);
        fn(user, key, d->qas[i].answer, d);
    }
    for (size_t i = 0; i < d->nmaterials; i++) {
        fn(user, key, d->materials[i].name, d);
        if (d->materials[i].note)
            fn(user, key, d->materials[i].note, d);
    }
    for (size_t i = 0; i < d->nsteps; i++) {
        fn(user, key, d->steps[i].title, d);
        fn(user, key, d->steps[i].detail, d);
    }
}

static content_t *open_demo(void)
{
    const char *build = getenv("ZWGK_BUILD");
    char path[1024], err[256];
    snprintf(path, sizeof path, "%s/demo.db", build ? build : "../build");
    content_t *c = content_open(path, err, sizeof err);
    if (!c)
        fprintf(stderr, "cannot open %s: %s\n", path, err);
    return c;
}

/* Calls fn for every sentence of the documents whose keys are listed (NULL: every document). */
typedef struct sentence_walk {
    void (*fn)(void *user, const char *doc, const char *s, size_t len, const content_doc_t *d);
    void *user;
    size_t sentences;
} sentence_walk_t;

static void walk_text(void *user, const char *doc, const char *text, const content_doc_t *d)
{
    sentence_walk_t *w = user;
    size_t len = strlen(text), n = speech_sentences(text, len, NULL, 0);
    speech_span_t *sp = malloc((n + 1) * sizeof *sp);
    speech_sentences(text, len, sp, n);
    for (size_t i = 0; i < n; i++) {
        w->fn(w->user, doc, text + sp[i].start, sp[i].end - sp[i].start, d);
        w->sentences++;
    }
    free(sp);
}

static size_t walk_docs(content_t *c, const char *const *keys, sentence_walk_t *w)
{
    size_t docs = 0;
    for (int type = 1; type < DOC_TYPE_COUNT_PLUS_ONE; type++) {
        content_doc_list_t l;
        if (content_docs(c, type, 0, 0, &l) != ZWGK_OK)
            continue;
        for (size_t i = 0; i < l.count; i++) {
            bool wanted = !keys;
            for (size_t k = 0; keys && keys[k]; k++)
                wanted |= !strcmp(keys[k], l.items[i].key);
            content_doc_t d;
            if (!wanted || content_doc_get(c, l.items[i].id, &d) != ZWGK_OK)
                continue;
            each_text(&d, walk_text, w);
            content_doc_free(&d);
            docs++;
        }
        content_doc_list_free(&l);
    }
    return docs;
}

static void readings_of(const content_doc_t *d, speech_reading_t *out, size_t *n)
{
    *n = d->nreadings < 32 ? d->nreadings : 32;
    for (size_t i = 0; i < *n; i++)
        out[i] = (speech_reading_t){d->readings[i].word, d->readings[i].pinyin};
}

static size_t ascii_problems;

/* Only what the voice reads as Mandarin: syllables, digits for tones, spaces, ',' and '.'. */
static void check_ascii(void *user, const char *doc, const char *s, size_t len, const content_doc_t *d)
{
    (void)user;
    speech_reading_t r[32];
    size_t nr;
    readings_of(d, r, &nr);
    char *p = speech_pinyin(s, len, r, nr);
    for (const char *q = p; q && *q; q++)
        if (!((*q >= 'a' && *q <= 'z') || (*q >= '1' && *q <= '5') || *q == ' ' || *q == ',' || *q == '.')) {
            if (ascii_problems++ < 5)
                fprintf(stderr, "%s: \"%.*s\" → \"%s\"\n", doc, (int)len, s, p);
            break;
        }
    free(p);
}

/* ZWGK_SPEECH_REVIEW=1: the text and its pinyin with tone marks, for reading by eye. */
static void review(void *user, const char *doc, const char *s, size_t len, const content_doc_t *d)
{
    (void)user;
    static const char *const marks[6][4] = {{"ā", "á", "ǎ", "à"}, {"ē", "é", "ě", "è"}, {"ī", "í", "ǐ", "ì"},
                                            {"ō", "ó", "ǒ", "ò"}, {"ū", "ú", "ǔ", "ù"}, {"ǖ", "ǘ", "ǚ", "ǜ"}};
    speech_reading_t r[32];
    size_t nr;
    readings_of(d, r, &nr);
    char *p = speech_pinyin(s, len, r, nr);
    printf("%s: %.*s\n    ", doc, (int)len, s);
    for (const char *q = p; q && *q;) { /* syllable by syllable: the mark on a, e, the o of ou, else the last vowel */
        const char *e = q;
        while (*e && *e != ' ' && *e != ',' && *e != '.')
            e++;
        if (e > q && e[-1] >= '1' && e[-1] <= '5') {
            int tone = e[-1] - '0';
            const char *v = NULL;
            for (const char *x = q; x < e - 1; x++)
                if (*x == 'a' || *x == 'e')
                    v = x;
            for (const char *x = q; !v && x < e - 2; x++)
                if (x[0] == 'o' && x[1] == 'u')
                    v = x;
            for (const char *x = q; !v && x < e - 1; x++) /* the last vowel: guó, jiǔ, shuǐ */
                if (strchr("aeiouv", *x) && !(x + 1 < e - 1 && strchr("aeiouv", x[1])))
                    v = x;
            for (const char *x = q; x < e - 1; x++) {
                if (x == v && tone < 5)
                    fputs(marks[strchr("aeiouv", *x) - "aeiouv"][tone - 1], stdout);
                else if (*x == 'v')
                    fputs("ü", stdout);
                else
                    putchar(*x);
            }
        }
        while (*e == ' ' || *e == ',' || *e == '.')
            putchar(*e++);
        q = e;
    }
    printf("\n");
    free(p);
}

static void test_demo_pinyin(void)
{
    content_t *c = open_demo();
    CHECK(c != NULL);
    if (!c)
        return;
    sentence_walk_t w = {check_ascii, NULL, 0};
    size_t docs = walk_docs(c, NULL, &w);
    CHECK(docs >= 20 && w.sentences > 800);
    CHECK(ascii_problems == 0);
    if (getenv("ZWGK_SPEECH_REVIEW")) {
        sentence_walk_t r = {review, NULL, 0};
        walk_docs(c, NULL, &r);
    }
    content_close(c);
}

/* ---- the built-in engine ---- */

typedef struct pcm_sink {
    int16_t *v;
    size_t n, cap;
    int rate, calls, stop_after;
} pcm_sink_t;

static int sink(void *user, const int16_t *pcm, size_t n, int rate)
{
    pcm_sink_t *s = user;
    if (s->n + n > s->cap) {
        s->cap = (s->n + n) * 2;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
    }
    memcpy(s->v + s->n, pcm, n * sizeof *pcm);
    s->n += n;
    s->rate = rate;
    s->calls++;
    return s->stop_after && s->calls >= s->stop_after;
}

static double rms(const pcm_sink_t *s)
{
    double sum = 0;
    for (size_t i = 0; i < s->n; i++)
        sum += (double)s->v[i] * s->v[i];
    return s->n ? sqrt(sum / (double)s->n) : 0;
}

static int peak(const pcm_sink_t *s)
{
    int m = 0;
    for (size_t i = 0; i < s->n; i++)
        m = abs(s->v[i]) > m ? abs(s->v[i]) : m;
    return m;
}

/* What espeak-ng says for text, in its phoneme mnemonics with blanks squeezed (NULL on failure). */
static char *phonemes(speech_t *sp, const char *text, const speech_reading_t *r, size_t nr)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    speech_trace_phonemes(sp, f);
    pcm_sink_t s = {0};
    char err[256];
    speech_say(sp, text, strlen(text), r, nr, SPEECH_MEDIUM, sink, &s, err, sizeof err);
    speech_trace_phonemes(sp, NULL);
    fclose(f);
    free(s.v);
    size_t o = 0;
    for (size_t i = 0; buf && i < len; i++) { /* squeeze whitespace */
        char ch = buf[i] == '\n' || buf[i] == '\t' ? ' ' : buf[i];
        if (ch == ' ' && (o == 0 || buf[o - 1] == ' '))
            continue;
        buf[o++] = ch;
    }
    while (o && buf[o - 1] == ' ')
        o--;
    if (buf)
        buf[o] = 0;
    return buf;
}

typedef struct switch_scan {
    speech_t *sp;
    size_t switches, sentences;
    FILE *trace;
} switch_scan_t;

static void say_traced(void *user, const char *doc, const char *s, size_t len, const content_doc_t *d)
{
    switch_scan_t *sc = user;
    speech_reading_t r[32];
    size_t nr;
    readings_of(d, r, &nr);
    pcm_sink_t snk = {0};
    char err[256];
    long before = ftell(sc->trace);
    CHECK(speech_say(sc->sp, s, len, r, nr, SPEECH_FAST, sink, &snk, err, sizeof err) == ZWGK_OK);
    fflush(sc->trace);
    (void)before;
    free(snk.v);
    sc->sentences++;
    (void)doc;
}

static void test_espeak(void)
{
    char err[256];
    speech_options_t opt = {.volume = 100};
    speech_t *sp = speech_create(&opt, err, sizeof err);
    CHECK(sp != NULL);
    if (!sp) {
        fprintf(stderr, "speech_create: %s\n", err);
        return;
    }
    CHECK(strstr(speech_engine_name(sp), "espeak-ng") != NULL);
    /* a second built-in engine in the same process is refused with a reason, not a crash */
    CHECK(speech_create(&opt, err, sizeof err) == NULL && err[0]);

    /* a paragraph: real audio of plausible length at each speed, slower is longer */
    const char *para =
        "申请时请如实填写家庭收入和财产情况。隐瞒、虚报的，已经领取的低保金要退回，情节严重的还要承担法律责任。";
    size_t syllables = utf8_count(para, strlen(para)) - 4;
    double secs[SPEECH_SPEEDS];
    for (int v = 0; v < SPEECH_SPEEDS; v++) {
        pcm_sink_t s = {0};
        CHECK(speech_say(sp, para, strlen(para), NULL, 0, (speech_speed_t)v, sink, &s, err, sizeof err) == ZWGK_OK);
        CHECK(s.rate == 22050);
        secs[v] = (double)s.n / s.rate;
        CHECK(secs[v] > (double)syllables / 7.0 && secs[v] < (double)syllables / 2.0);
        CHECK(rms(&s) > 500); /* not silence */
        CHECK(s.calls > 3);   /* streamed in pieces, not in one block at the end */
        free(s.v);
    }
    CHECK(secs[SPEECH_SLOW] > secs[SPEECH_MEDIUM] * 1.1 && secs[SPEECH_MEDIUM] > secs[SPEECH_FAST] * 1.1);

    /* stopping: the callback's 1 ends synthesis at once */
    pcm_sink_t s = {.stop_after = 1};
    CHECK(speech_say(sp, para, strlen(para), NULL, 0, SPEECH_SLOW, sink, &s, err, sizeof err) == ZWGK_OK);
    CHECK(s.calls == 1 && s.n < 22050);
    free(s.v);
    /* nothing to say: no audio, no error */
    pcm_sink_t none = {0};
    CHECK(speech_say(sp, "。。", strlen("。。"), NULL, 0, SPEECH_SLOW, sink, &none, err, sizeof err) == ZWGK_OK);
    CHECK(none.n == 0);

    /* the polyphones at the phoneme level: what espeak-ng really says (its mnemonics for yín háng, …) */
    static const struct {
        const char *text, *want, *wrong;
    } poly[] = {
        {"银行", "j'i35n_| X'a35N_|", "S;'i35N"},
        {"行长", "X'a35N_| ts.'a214N_|", "S;'i35N"},
        {"重复", "ts.h'ong35_| f'u51_|", "ts.'ong51"},
        {"重要", "ts.'ong51_| j'Au51_|", "ts.h'ong35"},
        {"还款", "X'ua35n_| khw'a214n_|", "X'ai35"},
        {"还有", "X'ai35_| j'iou214_|", "X'ua35n"},
        {"长者", "ts.'a35N_| ts.'o-214_|", "ts.h'A35N"},
        {"处理", "ts.h'u35_| l'i214_|", "ts.h'u51"},
        {"办理", "p'a51n_| l'i214_|", NULL},
    };
    for (size_t i = 0; i < sizeof poly / sizeof poly[0]; i++) {
        char *ph = phonemes(sp, poly[i].text, NULL, 0);
        CHECK(ph && strstr(ph, poly[i].want));
        CHECK(ph && (!poly[i].wrong || !strstr(ph, poly[i].wrong)));
        if (!ph || !strstr(ph, poly[i].want))
            fprintf(stderr, "%s: phonemes \"%s\", want \"%s\"\n", poly[i].text, ph ? ph : "", poly[i].want);
        free(ph);
    }
    /* The check can fail: Chinese characters straight into the voice switch language (the trap of `cmn`). */
    char *bare = NULL;
    size_t bare_len = 0;
    {
        FILE *f = open_memstream(&bare, &bare_len);
        speech_trace_phonemes(sp, f);
        pcm_sink_t b = {0};
        /* speech_say never passes letters; the engine's own entry point shows what a raw text would do */
        speech_engine_t *e = speech_engine_of(sp);
        e->ops->say(e, "ok", 2, "ok hello", SPEECH_FAST, sink, &b, err, sizeof err);
        speech_trace_phonemes(sp, NULL);
        fclose(f);
        free(b.v);
    }
    CHECK(bare && strstr(bare, "(en)"));
    free(bare);

    /* Both seed documents in full, as the kiosk reads them: the phoneme stream never switches language. */
    content_t *c = open_demo();
    CHECK(c != NULL);
    if (c) {
        char *trace = NULL;
        size_t tlen = 0;
        FILE *f = open_memstream(&trace, &tlen);
        speech_trace_phonemes(sp, f);
        switch_scan_t sc = {sp, 0, 0, f};
        sentence_walk_t w = {say_traced, &sc, 0};
        static const char *const seeds[] = {"county-2023-zwgk-points", "xf-2024-zwgk-plan", NULL};
        CHECK(walk_docs(c, seeds, &w) == 2);
        speech_trace_phonemes(sp, NULL);
        fclose(f);
        CHECK(sc.sentences > 150);
        CHECK(tlen > 20000);
        CHECK(trace && !strchr(trace, '(')); /* espeak-ng marks every switch as (xx) … (cmn) */
        if (trace && strchr(trace, '('))
            fprintf(stderr, "language switch in: %.200s\n", strchr(trace, '('));
        free(trace);
        content_close(c);
    }
    speech_destroy(sp);
    /* and a new one may start after the first is gone */
    sp = speech_create(&opt, err, sizeof err);
    CHECK(sp != NULL);
    speech_destroy(sp);
}

/* ---- tts_command ---- */

static char tmpdir[256];

static const char *script(const char *name, const char *body)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    fprintf(f, "#!/bin/sh\n%s\n", body);
    fclose(f);
    chmod(path, 0755);
    return path;
}

static void test_command(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/zwgk-speech-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        CHECK(false);
        return;
    }
    char err[512], cmd[1024];
    const char *sentence = "请到二楼十五号窗口办理。";
    bool have_sox = system("command -v sox >/dev/null 2>&1") == 0;
    CHECK(have_sox); /* a test-only dependency (.ci/setup.sh) */

    /* A real engine: sox writes a WAV whose length follows the text (0.1 s a byte), stereo at 16 kHz so the reader
     * converts; what it read on standard input is kept to compare. */
    const char *tone =
        script("tone.sh", "text=$(cat)\nprintf '%s' \"$text\" > \"$(dirname \"$0\")/heard.txt\"\n"
                          "n=$(printf '%s' \"$text\" | wc -c)\n"
                          "exec sox -n -r 16000 -c 2 -b 16 -t wav - synth $(awk \"BEGIN{print $n*0.01}\") "
                          "sine 440");
    speech_options_t opt = {.command = tone, .volume = 50};
    speech_t *sp = speech_create(&opt, err, sizeof err);
    CHECK(sp && strstr(speech_engine_name(sp), "tone.sh"));
    if (sp) {
        pcm_sink_t s = {0};
        zwgk_result r = speech_say(sp, sentence, strlen(sentence), NULL, 0, SPEECH_SLOW, sink, &s, err, sizeof err);
        CHECK(r == ZWGK_OK);
        if (r != ZWGK_OK)
            fprintf(stderr, "tone.sh: %s\n", err);
        double want = (double)strlen(sentence) * 0.01;
        CHECK(s.rate == 16000 && fabs((double)s.n / 16000 - want) < 0.02);
        /* sox's sine peaks at 0.705 of full scale; volume 50 halves it */
        CHECK(peak(&s) > 32767 * 0.705 * 0.5 * 0.97 && peak(&s) < 32767 * 0.705 * 0.5 * 1.03);
        free(s.v);
        char heard[256] = "";
        snprintf(cmd, sizeof cmd, "%s/heard.txt", tmpdir);
        FILE *f = fopen(cmd, "r");
        if (f) {
            size_t k = fread(heard, 1, sizeof heard - 1, f);
            heard[k] = 0;
            fclose(f);
        }
        CHECK_STR(heard, sentence);
        /* stopping part way kills the program and returns at once */
        pcm_sink_t st = {.stop_after = 1};
        CHECK(speech_say(sp, sentence, strlen(sentence), NULL, 0, SPEECH_SLOW, sink, &st, err, sizeof err) == ZWGK_OK);
        CHECK(st.calls == 1);
        free(st.v);
        speech_destroy(sp);
    }

    /* espeak-ng's own command line as a tts_command (with quoted arguments) */
    opt = (speech_options_t){.command = "espeak-ng -v \"cmn\" --stdout", .volume = 100};
    sp = speech_create(&opt, err, sizeof err);
    CHECK(sp != NULL);
    if (sp) {
        pcm_sink_t s = {0};
        CHECK(speech_say(sp, sentence, strlen(sentence), NULL, 0, SPEECH_SLOW, sink, &s, err, sizeof err) == ZWGK_OK);
        CHECK(s.rate == 22050 && s.n > 22050 / 2 && rms(&s) > 300);
        free(s.v);
        speech_destroy(sp);
    }

    /* broken engines: a clear message each, no crash, and the next sentence starts afresh */
    static const struct {
        const char *name, *body, *want;
        zwgk_result r;
    } broken[] = {
        {"exit3.sh", "cat >/dev/null; echo '授权已过期' >&2; exit 3", "退出码 3", ZWGK_ERR_IO},
        {"garbage.sh", "cat >/dev/null; echo 'this is not audio at all, sorry'", "不是可以播放的声音", ZWGK_ERR_FORMAT},
        {"empty.sh", "cat >/dev/null", "没有输出任何音频", ZWGK_ERR_FORMAT},
        {"mp3.sh",
         "cat >/dev/null; printf 'RIFF\\044\\000\\000\\000WAVEfmt \\020\\000\\000\\000\\125\\000\\001\\000"
         "\\200\\076\\000\\000\\000\\175\\000\\000\\002\\000\\020\\000data\\000\\000\\000\\000'",
         "编码不支持", ZWGK_ERR_FORMAT},
        {"killed.sh", "cat >/dev/null; kill -9 $$", "异常终止", ZWGK_ERR_IO},
        {"deaf.sh", "exec sox -n -t wav - synth 0.2 sine 300", NULL, ZWGK_OK}, /* never reads its input: no SIGPIPE */
        {"slow.sh", "cat >/dev/null; exec sleep 30", "超过", ZWGK_ERR_IO},
    };
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        opt = (speech_options_t){.command = script(broken[i].name, broken[i].body), .volume = 100, .timeout_ms = 1500};
        sp = speech_create(&opt, err, sizeof err);
        CHECK(sp != NULL);
        if (!sp)
            continue;
        for (int round = 0; round < 2; round++) {
            pcm_sink_t s = {0};
            err[0] = 0;
            /* a long text, so a program that does not read it fills the pipe */
            char big[70000];
            memset(big, 'a', sizeof big - 1);
            big[sizeof big - 1] = 0;
            const char *text = !strcmp(broken[i].name, "deaf.sh") ? big : sentence;
            time_t t0 = time(NULL);
            zwgk_result r = speech_say(sp, text, strlen(text), NULL, 0, SPEECH_SLOW, sink, &s, err, sizeof err);
            CHECK(r == broken[i].r);
            CHECK(!broken[i].want || strstr(err, broken[i].want));
            CHECK(time(NULL) - t0 < 10);
            if (r != broken[i].r || (broken[i].want && !strstr(err, broken[i].want)))
                fprintf(stderr, "%s: %d \"%s\"\n", broken[i].name, r, err);
            if (i == 0)
                CHECK(strstr(err, "授权已过期") != NULL); /* what the program said is in the message */
            free(s.v);
        }
        speech_destroy(sp);
    }
    /* a command that names nothing runnable is refused when the engine is made */
    opt = (speech_options_t){.command = "/nonexistent/tts --fast", .volume = 100};
    CHECK(speech_create(&opt, err, sizeof err) == NULL && strstr(err, "/nonexistent/tts"));
    opt = (speech_options_t){.command = "no-such-tts-program-here", .volume = 100};
    CHECK(speech_create(&opt, err, sizeof err) == NULL && strstr(err, "不存在"));
    opt = (speech_options_t){.command = "sox \"unterminated", .volume = 100};
    CHECK(speech_create(&opt, err, sizeof err) == NULL && strstr(err, "引号"));
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    CHECK(system(cmd) == 0);
}

/* The WAV reader on its own: every supported encoding gives the same samples, fed in any pieces. */
static void test_wav_reader(void)
{
    /* 16-bit stereo, 8 kHz: frames (1000, 3000), (-1000, -3000) → mono 2000, -2000; a LIST chunk before data */
    unsigned char wav[] = {'R', 'I', 'F', 'F', 0,   0,    0,    0,    'W',  'A',  'V',  'E',  'f',  'm', 't', ' ', 16,
                           0,   0,   0,   1,   0,   2,    0,    0x40, 0x1F, 0,    0,    0,    0,    0,   0,   4,   0,
                           16,  0,   'L', 'I', 'S', 'T',  3,    0,    0,    0,    'a',  'b',  'c',  0,   'd', 'a', 't',
                           'a', 8,   0,   0,   0,   0xE8, 0x03, 0xB8, 0x0B, 0x18, 0xFC, 0x48, 0xF4, 'x', 'x'};
    for (size_t piece = 1; piece <= sizeof wav; piece++) {
        wav_reader_t w = {0};
        pcm_sink_t s = {0};
        int stop = 0;
        char err[128];
        bool ok = true;
        for (size_t i = 0; i < sizeof wav; i += piece) {
            size_t k = sizeof wav - i < piece ? sizeof wav - i : piece;
            ok &= wav_feed(&w, wav + i, k, sink, &s, &stop, err, sizeof err) == ZWGK_OK;
        }
        ok &= wav_finish(&w, err, sizeof err) == ZWGK_OK;
        CHECK(ok && s.n == 2 && s.v[0] == 2000 && s.v[1] == -2000 && s.rate == 8000);
        free(s.v);
    }
    wav_reader_t w = {0};
    int stop = 0;
    char err[128];
    CHECK(wav_feed(&w, (const unsigned char *)"ID3\x04", 4, sink, NULL, &stop, err, sizeof err) == ZWGK_ERR_FORMAT);
    CHECK(strstr(err, "RIFF") != NULL);
}

int main(void)
{
    test_sentences();
    test_numbers();
    test_toned_table();
    test_polyphones();
    test_lexicon_readings();
    test_demo_pinyin();
    test_wav_reader();
    test_espeak();
    test_command();
    return check_summary("test_speech");
}
