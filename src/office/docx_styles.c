/* docx_styles.c — a .docx's styles (styles.xml) and automatic numbering (numbering.xml), reduced to what shows.
 *
 * Styles: for each paragraph and character style, the properties a 公文 reader goes by (alignment, indents, outline
 * level, numbering; bold, size, East Asian font, hidden) and the style it is based on; chains are followed with a
 * bound, so a loop in basedOn cannot hang the reader.
 *
 * Numbering: Word stores "一、" not as text but as a list (w:num → w:abstractNum) whose level says the format
 * (chineseCounting) and the pattern ("%1、").  The label of a paragraph depends on every numbered paragraph before it,
 * so counters run here as the document is read, the way Word counts: a level's counter starts at its start value
 * (or the list's startOverride), steps with each paragraph at that level and restarts when a higher level steps.
 * Two lists (w:num) of the same abstract list without overrides share their counters, as in Word.  The formats a
 * Chinese document uses — 一二三 (chineseCounting), 甲乙丙, ①②③, full-width digits, letters and roman numbers — are
 * written out by office_number_format. */
#include "docx_private.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_STYLES 20000
#define MAX_LISTS  20000
#define MAX_CHAIN  32

/* ---- fonts ---- */

int office_font_kind(const char *name)
{
    static const struct {
        const char *word;
        int kind;
    } words[] = {
        {"小标宋", OFFICE_FONT_XBS},        {"标宋", OFFICE_FONT_XBS},          {"仿宋", OFFICE_FONT_FANGSONG},
        {"FangSong", OFFICE_FONT_FANGSONG}, {"Fangsong", OFFICE_FONT_FANGSONG}, {"黑体", OFFICE_FONT_HEI},
        {"SimHei", OFFICE_FONT_HEI},        {"Hei", OFFICE_FONT_HEI},           {"楷体", OFFICE_FONT_KAI},
        {"KaiTi", OFFICE_FONT_KAI},         {"Kaiti", OFFICE_FONT_KAI},         {"宋体", OFFICE_FONT_SONG},
        {"SimSun", OFFICE_FONT_SONG},       {"Song", OFFICE_FONT_SONG},
    };
    if (!name)
        return OFFICE_FONT_OTHER;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(name, words[i].word))
            return words[i].kind;
    return OFFICE_FONT_OTHER;
}

/* ---- properties ---- */

void docx_rpr_clear(docx_rpr_t *r)
{
    r->bold = r->size = r->vanish = r->font = DOCX_UNSET;
}

void docx_ppr_clear(docx_ppr_t *p)
{
    p->align = p->ind_left = p->ind_right = p->ind_first = p->first_chars = p->outline = DOCX_UNSET;
    p->num_id = p->num_level = DOCX_UNSET;
}

#define TAKE(f)                                                                                                        \
    do {                                                                                                               \
        if (from->f != DOCX_UNSET)                                                                                     \
            into->f = from->f;                                                                                         \
    } while (0)

void docx_rpr_merge(docx_rpr_t *into, const docx_rpr_t *from)
{
    TAKE(bold);
    TAKE(size);
    TAKE(vanish);
    TAKE(font);
}

void docx_ppr_merge(docx_ppr_t *into, const docx_ppr_t *from)
{
    TAKE(align);
    TAKE(ind_left);
    TAKE(ind_right);
    TAKE(ind_first);
    TAKE(first_chars);
    TAKE(outline);
    TAKE(num_id);
    TAKE(num_level);
}

/* A bounded integer attribute (a damaged file may hold anything). */
static int attr_int(office_xml_t *x, const char *name, int unset)
{
    const char *v = office_xml_attr(x, name);
    if (!v || !*v)
        return unset;
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v)
        return unset;
    if (n > 1000000)
        n = 1000000;
    if (n < -1000000)
        n = -1000000;
    return (int)n;
}

/* <w:b/> is on; w:val="0", "false", "off" turn it off. */
static int attr_on(office_xml_t *x)
{
    const char *v = office_xml_attr(x, "val");
    return !(v && (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "none")));
}

int docx_rpr_read(office_xml_t *x, docx_rpr_t *r)
{
    if (office_xml_is(x, "b"))
        r->bold = attr_on(x);
    else if (office_xml_is(x, "vanish"))
        r->vanish = attr_on(x);
    else if (office_xml_is(x, "sz")) {
        int v = attr_int(x, "val", DOCX_UNSET);
        if (v != DOCX_UNSET && v > 0 && v <= 3276)
            r->size = v;
    } else if (office_xml_is(x, "rFonts")) {
        const char *f = office_xml_attr(x, "eastAsia");
        if (!f)
            f = office_xml_attr(x, "ascii");
        if (!f)
            f = office_xml_attr(x, "hAnsi");
        if (f)
            r->font = office_font_kind(f);
    } else
        return 0;
    return 1;
}

int docx_ppr_read(office_xml_t *x, docx_ppr_t *p)
{
    if (office_xml_is(x, "jc")) {
        const char *v = office_xml_attr(x, "val");
        if (!v)
            return 1;
        if (!strcmp(v, "center"))
            p->align = OFFICE_ALIGN_CENTER;
        else if (!strcmp(v, "right") || !strcmp(v, "end"))
            p->align = OFFICE_ALIGN_END;
        else if (!strcmp(v, "both") || !strcmp(v, "distribute") || !strncmp(v, "thai", 4) || !strcmp(v, "lowKashida") ||
                 !strcmp(v, "mediumKashida") || !strcmp(v, "highKashida"))
            p->align = OFFICE_ALIGN_BOTH;
        else
            p->align = OFFICE_ALIGN_START;
    } else if (office_xml_is(x, "ind")) {
        int v = attr_int(x, "left", DOCX_UNSET);
        if (v == DOCX_UNSET)
            v = attr_int(x, "start", DOCX_UNSET);
        if (v != DOCX_UNSET)
            p->ind_left = v;
        v = attr_int(x, "right", DOCX_UNSET);
        if (v == DOCX_UNSET)
            v = attr_int(x, "end", DOCX_UNSET);
        if (v != DOCX_UNSET)
            p->ind_right = v;
        if ((v = attr_int(x, "firstLine", DOCX_UNSET)) != DOCX_UNSET)
            p->ind_first = v;
        if ((v = attr_int(x, "hanging", DOCX_UNSET)) != DOCX_UNSET)
            p->ind_first = -v;
        if ((v = attr_int(x, "firstLineChars", DOCX_UNSET)) != DOCX_UNSET)
            p->first_chars = v;
        if ((v = attr_int(x, "hangingChars", DOCX_UNSET)) != DOCX_UNSET)
            p->first_chars = -v;
    } else if (office_xml_is(x, "outlineLvl")) {
        int v = attr_int(x, "val", DOCX_UNSET);
        if (v != DOCX_UNSET && v >= 0 && v <= 9)
            p->outline = v;
    } else if (office_xml_is(x, "numId")) {
        int v = attr_int(x, "val", DOCX_UNSET);
        if (v != DOCX_UNSET && v >= 0)
            p->num_id = v;
    } else if (office_xml_is(x, "ilvl")) {
        int v = attr_int(x, "val", DOCX_UNSET);
        if (v != DOCX_UNSET && v >= 0 && v < DOCX_LEVELS)
            p->num_level = v;
    } else
        return 0;
    return 1;
}

/* ---- styles.xml ---- */

static char *xdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static zwgk_result read_styles(office_zip_t *z, const char *part, docx_styles_t *st, char *err, size_t errlen)
{
    zwgk_result why = ZWGK_ERR_FORMAT;
    office_xml_t *x = office_xml_open(z, part, &why, err, errlen);
    if (!x)
        return why == ZWGK_ERR_NOT_FOUND ? ZWGK_OK : why;
    zwgk_result r = ZWGK_OK;
    size_t cap = 0;
    docx_style_t *cur = NULL;
    int in = 0; /* 1 in rPrDefault, 2 in pPrDefault */
    int cur_default = 0;
    for (int ev; r == ZWGK_OK && (ev = office_xml_next(x)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR) {
            office_set_error(err, errlen, "%s", office_xml_error(x));
            r = ZWGK_ERR_FORMAT;
            break;
        }
        if (ev == OFFICE_XML_END) {
            if (office_xml_is(x, "style")) {
                if (cur && cur_default && !cur->is_char)
                    st->default_para = cur; /* fixed up below: the array may still move */
                cur = NULL;
            } else if (office_xml_is(x, "rPrDefault") || office_xml_is(x, "pPrDefault"))
                in = 0;
            continue;
        }
        if (ev != OFFICE_XML_START)
            continue;
        if (office_xml_is(x, "rPrDefault"))
            in = 1;
        else if (office_xml_is(x, "pPrDefault"))
            in = 2;
        else if (office_xml_is(x, "style")) {
            const char *type = office_xml_attr(x, "type");
            if (!type || (strcmp(type, "paragraph") != 0 && strcmp(type, "character") != 0)) {
                if (office_xml_skip(x) == OFFICE_XML_ERROR) {
                    office_set_error(err, errlen, "%s", office_xml_error(x));
                    r = ZWGK_ERR_FORMAT;
                }
                continue;
            }
            if (st->nstyles == MAX_STYLES) {
                office_set_error(err, errlen, _("%s has more than %d styles; the file is refused"), office_zip_name(z),
                                 MAX_STYLES);
                r = ZWGK_ERR_FORMAT;
                break;
            }
            if (st->nstyles == cap) {
                cap = cap ? cap * 2 : 64;
                docx_style_t *v = realloc(st->styles, cap * sizeof *v);
                if (!v) {
                    r = ZWGK_ERR_NOMEM;
                    office_set_error(err, errlen, _("out of memory"));
                    break;
                }
                if (st->default_para) /* keep the pointer into the array valid */
                    st->default_para = v + (st->default_para - st->styles);
                st->styles = v;
            }
            cur = &st->styles[st->nstyles++];
            memset(cur, 0, sizeof *cur);
            docx_ppr_clear(&cur->ppr);
            docx_rpr_clear(&cur->rpr);
            cur->is_char = !strcmp(type, "character");
            cur->id = xdup(office_xml_attr(x, "styleId"));
            if (!cur->id)
                cur->id = strdup("");
            const char *d = office_xml_attr(x, "default");
            cur_default = d && (!strcmp(d, "1") || !strcmp(d, "true"));
        } else if (cur && office_xml_is(x, "basedOn")) {
            free(cur->based_on);
            cur->based_on = xdup(office_xml_attr(x, "val"));
        } else if (cur) {
            if (!docx_ppr_read(x, &cur->ppr))
                docx_rpr_read(x, &cur->rpr);
        } else if (in == 1) {
            docx_rpr_read(x, &st->doc_rpr);
        } else if (in == 2) {
            docx_ppr_read(x, &st->doc_ppr);
        }
    }
    office_xml_close(x);
    return r;
}

const docx_style_t *docx_style_find(const docx_styles_t *st, const char *id, int is_char)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < st->nstyles; i++)
        if (st->styles[i].is_char == is_char && !strcmp(st->styles[i].id, id))
            return &st->styles[i];
    return NULL;
}

/* The chain from style up through basedOn, outermost (the base) last; at most MAX_CHAIN long. */
static size_t style_chain(const docx_styles_t *st, const docx_style_t *s, const docx_style_t **chain)
{
    size_t n = 0;
    while (s && n < MAX_CHAIN) {
        chain[n++] = s;
        s = s->based_on ? docx_style_find(st, s->based_on, s->is_char) : NULL;
    }
    return n;
}

void docx_style_resolve(const docx_styles_t *st, const docx_style_t *style, docx_ppr_t *ppr, docx_rpr_t *rpr)
{
    *ppr = st->doc_ppr;
    *rpr = st->doc_rpr;
    const docx_style_t *chain[MAX_CHAIN];
    size_t n = style_chain(st, style ? style : st->default_para, chain);
    while (n--) {
        docx_ppr_merge(ppr, &chain[n]->ppr);
        docx_rpr_merge(rpr, &chain[n]->rpr);
    }
}

void docx_char_style_apply(const docx_styles_t *st, const docx_style_t *style, docx_rpr_t *rpr)
{
    const docx_style_t *chain[MAX_CHAIN];
    size_t n = style_chain(st, style, chain);
    while (n--)
        docx_rpr_merge(rpr, &chain[n]->rpr);
}

/* ---- numbering.xml ---- */

static void level_defaults(docx_level_t *l, int ilvl)
{
    l->start = 1;
    snprintf(l->fmt, sizeof l->fmt, "decimal");
    snprintf(l->text, sizeof l->text, "%%%d.", ilvl + 1);
    l->legal = 0;
}

static zwgk_result read_numbering(office_zip_t *z, const char *part, docx_styles_t *st, char *err, size_t errlen)
{
    zwgk_result why = ZWGK_ERR_FORMAT;
    office_xml_t *x = office_xml_open(z, part, &why, err, errlen);
    if (!x)
        return why == ZWGK_ERR_NOT_FOUND ? ZWGK_OK : why;
    zwgk_result r = ZWGK_OK;
    size_t acap = 0, ncap = 0;
    docx_abstract_t *abs = NULL;
    docx_level_t *lvl = NULL;
    docx_num_t *num = NULL;
    int override_level = -1;
    for (int ev; r == ZWGK_OK && (ev = office_xml_next(x)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR) {
            office_set_error(err, errlen, "%s", office_xml_error(x));
            r = ZWGK_ERR_FORMAT;
            break;
        }
        if (ev == OFFICE_XML_END) {
            if (office_xml_is(x, "abstractNum"))
                abs = NULL;
            else if (office_xml_is(x, "lvl"))
                lvl = NULL;
            else if (office_xml_is(x, "num"))
                num = NULL;
            else if (office_xml_is(x, "lvlOverride"))
                override_level = -1;
            continue;
        }
        if (ev != OFFICE_XML_START)
            continue;
        if (office_xml_is(x, "abstractNum") || office_xml_is(x, "num")) {
            int is_abs = office_xml_is(x, "abstractNum");
            if (st->nabstracts + st->nnums >= MAX_LISTS) {
                office_set_error(err, errlen, _("%s has more than %d lists; the file is refused"), office_zip_name(z),
                                 MAX_LISTS);
                r = ZWGK_ERR_FORMAT;
                break;
            }
            if (is_abs && st->nabstracts == acap) {
                acap = acap ? acap * 2 : 16;
                docx_abstract_t *v = realloc(st->abstracts, acap * sizeof *v);
                if (!v) {
                    r = ZWGK_ERR_NOMEM;
                    break;
                }
                st->abstracts = v;
            } else if (!is_abs && st->nnums == ncap) {
                ncap = ncap ? ncap * 2 : 16;
                docx_num_t *v = realloc(st->nums, ncap * sizeof *v);
                if (!v) {
                    r = ZWGK_ERR_NOMEM;
                    break;
                }
                st->nums = v;
            }
            if (is_abs) {
                abs = &st->abstracts[st->nabstracts++];
                abs->id = attr_int(x, "abstractNumId", -1);
                for (int i = 0; i < DOCX_LEVELS; i++)
                    level_defaults(&abs->lvl[i], i);
            } else {
                num = &st->nums[st->nnums++];
                num->id = attr_int(x, "numId", -1);
                num->abstract = -1;
                for (int i = 0; i < DOCX_LEVELS; i++)
                    num->start[i] = num->count[i] = DOCX_UNSET;
            }
        } else if (abs && office_xml_is(x, "lvl")) {
            int i = attr_int(x, "ilvl", -1);
            lvl = i >= 0 && i < DOCX_LEVELS ? &abs->lvl[i] : NULL;
        } else if (lvl && office_xml_is(x, "start")) {
            lvl->start = attr_int(x, "val", 1);
        } else if (lvl && office_xml_is(x, "numFmt")) {
            const char *v = office_xml_attr(x, "val");
            snprintf(lvl->fmt, sizeof lvl->fmt, "%s", v ? v : "decimal");
        } else if (lvl && office_xml_is(x, "lvlText")) {
            const char *v = office_xml_attr(x, "val");
            snprintf(lvl->text, sizeof lvl->text, "%s", v ? v : "");
        } else if (lvl && office_xml_is(x, "isLgl")) {
            lvl->legal = attr_on(x);
        } else if (lvl && (office_xml_is(x, "pPr") || office_xml_is(x, "rPr"))) {
            if (office_xml_skip(x) == OFFICE_XML_ERROR) {
                office_set_error(err, errlen, "%s", office_xml_error(x));
                r = ZWGK_ERR_FORMAT;
            }
        } else if (num && office_xml_is(x, "abstractNumId")) {
            num->abstract = attr_int(x, "val", -1);
        } else if (num && office_xml_is(x, "lvlOverride")) {
            override_level = attr_int(x, "ilvl", -1);
        } else if (num && override_level >= 0 && override_level < DOCX_LEVELS && office_xml_is(x, "startOverride")) {
            num->start[override_level] = attr_int(x, "val", 1);
        }
    }
    if (r == ZWGK_ERR_NOMEM)
        office_set_error(err, errlen, _("out of memory"));
    office_xml_close(x);
    /* Lists of one abstract list without a start override share their counters. */
    for (size_t i = 0; i < st->nnums; i++) {
        docx_num_t *n = &st->nums[i];
        n->counter_owner = (int)i;
        int overridden = 0;
        for (int k = 0; k < DOCX_LEVELS; k++)
            overridden |= n->start[k] != DOCX_UNSET;
        if (overridden)
            continue;
        for (size_t j = 0; j < i; j++) {
            const docx_num_t *m = &st->nums[j];
            int m_over = 0;
            for (int k = 0; k < DOCX_LEVELS; k++)
                m_over |= m->start[k] != DOCX_UNSET;
            if (!m_over && m->abstract == n->abstract) {
                n->counter_owner = m->counter_owner;
                break;
            }
        }
    }
    return r;
}

zwgk_result docx_styles_load(office_zip_t *z, const char *styles_part, const char *numbering_part, docx_styles_t *st,
                             char *err, size_t errlen)
{
    memset(st, 0, sizeof *st);
    docx_ppr_clear(&st->doc_ppr);
    docx_rpr_clear(&st->doc_rpr);
    zwgk_result r = styles_part ? read_styles(z, styles_part, st, err, errlen) : ZWGK_OK;
    if (r == ZWGK_OK && numbering_part)
        r = read_numbering(z, numbering_part, st, err, errlen);
    return r;
}

void docx_styles_free(docx_styles_t *st)
{
    for (size_t i = 0; i < st->nstyles; i++) {
        free(st->styles[i].id);
        free(st->styles[i].based_on);
    }
    free(st->styles);
    free(st->abstracts);
    free(st->nums);
    memset(st, 0, sizeof *st);
}

/* ---- counting ---- */

static const docx_abstract_t *abstract_of(const docx_styles_t *st, const docx_num_t *n)
{
    for (size_t i = 0; i < st->nabstracts; i++)
        if (st->abstracts[i].id == n->abstract)
            return &st->abstracts[i];
    return NULL;
}

static size_t put(char *buf, size_t cap, size_t at, const char *s)
{
    size_t n = strlen(s);
    if (at + n + 1 > cap)
        return at;
    memcpy(buf + at, s, n + 1);
    return at + n;
}

size_t docx_number_next(docx_styles_t *st, int num_id, int level, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (num_id <= 0 || level < 0 || level >= DOCX_LEVELS) /* numId 0: numbering switched off */
        return 0;
    docx_num_t *n = NULL;
    for (size_t i = 0; i < st->nnums && !n; i++)
        if (st->nums[i].id == num_id)
            n = &st->nums[i];
    const docx_abstract_t *a = n ? abstract_of(st, n) : NULL;
    if (!a)
        return 0;
    docx_num_t *owner = &st->nums[n->counter_owner];
    int *count = owner->count;
    int start = n->start[level] != DOCX_UNSET ? n->start[level] : a->lvl[level].start;
    count[level] = count[level] == DOCX_UNSET ? start : count[level] + 1;
    for (int k = level + 1; k < DOCX_LEVELS; k++)
        count[k] = DOCX_UNSET;
    const char *t = a->lvl[level].text;
    size_t at = 0;
    for (size_t i = 0; t[i];) {
        if (t[i] == '%' && t[i + 1] >= '1' && t[i + 1] <= '9') {
            int k = t[i + 1] - '1';
            int v = count[k];
            if (v == DOCX_UNSET)
                v = n->start[k] != DOCX_UNSET ? n->start[k] : a->lvl[k].start;
            char num[64];
            const char *fmt = a->lvl[level].legal && k < level ? "decimal" : a->lvl[k].fmt;
            at = put(buf, cap, at, office_number_format(v, fmt, num, sizeof num));
            i += 2;
            continue;
        }
        char one[2] = {t[i], 0};
        at = put(buf, cap, at, one);
        i++;
    }
    /* A bullet set in Symbol or Wingdings is a private-use code point: show a plain bullet. */
    if (strcmp(a->lvl[level].fmt, "bullet") == 0) {
        size_t adv;
        uint32_t cp = at ? utf8_decode(buf, at, &adv) : 0;
        if (cp >= 0xE000 && cp <= 0xF8FF) {
            buf[0] = '\0';
            at = put(buf, cap, 0, "•");
        }
    }
    return at;
}

/* ---- number formats ---- */

static const char *const CN_DIGITS[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 1 → 一, 10 → 十, 15 → 十五, 21 → 二十一, 105 → 一百零五, up to 9999. */
static void chinese_counting(int n, char *buf, size_t cap, int thousand)
{
    static const char *const units[] = {"", "十", "百", "千"};
    size_t at = 0;
    buf[0] = '\0';
    int digits[4] = {n % 10, n / 10 % 10, n / 100 % 10, n / 1000 % 10};
    int top = n >= 1000 ? 3 : n >= 100 ? 2 : n >= 10 ? 1 : 0;
    int zero = 0;
    for (int k = top; k >= 0; k--) {
        int d = digits[k];
        if (d == 0) {
            zero = 1;
            continue;
        }
        if (zero && at)
            at = put(buf, cap, at, "零");
        zero = 0;
        if (!(k == 1 && d == 1 && top == 1)) /* 十五, not 一十五 */
            at = put(buf, cap, at, CN_DIGITS[d]);
        at = put(buf, cap, at, units[k]);
    }
    (void)thousand;
}

static void letters(int n, char *buf, size_t cap, char base)
{
    /* Word repeats the letter: a … z, aa … zz */
    int times = (n - 1) / 26 + 1, letter = (n - 1) % 26;
    size_t at = 0;
    for (int i = 0; i < times && at + 2 < cap && i < 20; i++)
        buf[at++] = (char)(base + letter);
    buf[at] = '\0';
}

static void roman(int n, char *buf, size_t cap, int upper)
{
    static const struct {
        int v;
        const char *s;
    } r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
             {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        while (n >= r[i].v) {
            at = put(buf, cap, at, r[i].s);
            n -= r[i].v;
        }
    if (upper)
        for (size_t i = 0; i < at; i++)
            buf[i] = (char)(buf[i] - 'a' + 'A');
}

const char *office_number_format(int n, const char *fmt, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (!fmt)
        fmt = "decimal";
    if (!strcmp(fmt, "none") || !strcmp(fmt, "bullet"))
        return buf;
    if (n < 0)
        n = 0;
    if (n > 9999 && strcmp(fmt, "decimal") != 0)
        fmt = "decimal";
    if (!strcmp(fmt, "chineseCounting") || !strcmp(fmt, "chineseCountingThousand") ||
        !strcmp(fmt, "japaneseCounting") || !strcmp(fmt, "taiwaneseCounting") ||
        !strcmp(fmt, "taiwaneseCountingThousand") || !strcmp(fmt, "koreanCounting")) {
        if (n == 0)
            snprintf(buf, cap, "〇");
        else
            chinese_counting(n, buf, cap, strstr(fmt, "Thousand") != NULL);
    } else if (!strcmp(fmt, "ideographDigital") || !strcmp(fmt, "taiwaneseDigital") ||
               !strcmp(fmt, "japaneseDigitalTenThousand")) {
        char d[16];
        snprintf(d, sizeof d, "%d", n);
        size_t at = 0;
        for (const char *p = d; *p; p++)
            at = put(buf, cap, at, CN_DIGITS[*p - '0']);
    } else if (!strcmp(fmt, "chineseLegalSimplified")) {
        static const char *const legal[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
        char tmp[64];
        chinese_counting(n ? n : 1, tmp, sizeof tmp, 1);
        size_t at = 0;
        for (size_t i = 0; tmp[i];) {
            size_t adv;
            uint32_t cp = utf8_decode(tmp + i, strlen(tmp + i), &adv);
            const char *s = NULL;
            for (int k = 0; k < 10 && !s; k++) {
                size_t dl = strlen(CN_DIGITS[k]);
                if (!strncmp(tmp + i, CN_DIGITS[k], dl) && dl == adv)
                    s = legal[k];
            }
            if (!s)
                s = cp == 0x5341 ? "拾" : cp == 0x767E ? "佰" : cp == 0x5343 ? "仟" : NULL;
            char one[5] = {0};
            if (!s) {
                memcpy(one, tmp + i, adv);
                s = one;
            }
            at = put(buf, cap, at, s);
            i += adv;
        }
    } else if (!strcmp(fmt, "ideographTraditional")) {
        static const char *const stems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
        snprintf(buf, cap, "%s", stems[(n > 0 ? n - 1 : 0) % 10]);
    } else if (!strcmp(fmt, "ideographZodiac")) {
        static const char *const branches[] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"};
        snprintf(buf, cap, "%s", branches[(n > 0 ? n - 1 : 0) % 12]);
    } else if (!strncmp(fmt, "decimalEnclosedCircle", 21) && n >= 1 && n <= 20) {
        char enc[4];
        size_t m = utf8_encode(0x2460 + (uint32_t)(n - 1), enc);
        snprintf(buf, cap, "%.*s", (int)m, enc);
    } else if (!strncmp(fmt, "decimalEnclosedParen", 20) && n >= 1 && n <= 20) {
        char enc[4];
        size_t m = utf8_encode(0x2474 + (uint32_t)(n - 1), enc);
        snprintf(buf, cap, "%.*s", (int)m, enc);
    } else if (!strncmp(fmt, "decimalFullWidth", 16)) {
        char d[16];
        snprintf(d, sizeof d, "%d", n);
        size_t at = 0;
        for (const char *p = d; *p; p++) {
            char enc[4] = {0};
            utf8_encode(0xFF10 + (uint32_t)(*p - '0'), enc);
            at = put(buf, cap, at, enc);
        }
    } else if (!strcmp(fmt, "lowerLetter") && n >= 1) {
        letters(n, buf, cap, 'a');
    } else if (!strcmp(fmt, "upperLetter") && n >= 1) {
        letters(n, buf, cap, 'A');
    } else if (!strcmp(fmt, "lowerRoman") && n >= 1) {
        roman(n, buf, cap, 0);
    } else if (!strcmp(fmt, "upperRoman") && n >= 1) {
        roman(n, buf, cap, 1);
    } else if (!strcmp(fmt, "decimalZero")) {
        snprintf(buf, cap, "%02d", n);
    } else {
        snprintf(buf, cap, "%d", n);
    }
    return buf;
}
