/* frontmatter.c — the YAML header of a document file, read into doc_t fields.
 *
 * The header is found by lines (frontmatter_split) and then loaded whole with libyaml's document API, which gives
 * every node with its place: a node's start_mark.line is 0-based within the YAML text, so its file line is that plus
 * the file line of the YAML's first line.  Loading whole (rather than streaming events) lets the type be read first,
 * whatever line it is on, so every other key is judged against the right type.  libyaml resolves no tags: every
 * scalar arrives as text ("2024-11-01", "50"), which is what we want, since dates and numbers are checked here with
 * messages an admin can act on.
 *
 * The keys are one table (fields[]): kind, the types that use a key, the types that require it, where it goes in
 * doc_t, and where its line goes when a later stage (validate.c) needs it.  Every problem becomes a diag with the
 * key as its field and the line of the offending value; nothing stops at the first problem.  Items of `materials`
 * and `steps` are added to the document only when complete, so later stages never meet a half-filled one. */
#include "doc_internal.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

enum field_kind {
    FK_TYPE,
    FK_TEXT, /* one string; links and URLs too (validate.c checks them) */
    FK_ID,
    FK_DATE,
    FK_WORDS,      /* list of strings (a single string is split at 、，,；; and spaces) */
    FK_CONDITIONS, /* text, or a list of strings joined with '\n' */
    FK_VALIDITY,
    FK_STATUS,
    FK_PROGRESS,
    FK_MATERIALS,
    FK_STEPS,
    FK_READINGS, /* mapping word → pinyin */
};

#define T_(t)        (1u << (t))
#define T_ALL        ((1u << DOC_TYPE_COUNT_PLUS_ONE) - 2u) /* every type of zwgk/doctype.h */
#define T_POL        T_(DOC_POLICY)
#define T_INT        T_(DOC_INTERPRETATION)
#define T_GUI        T_(DOC_GUIDE)
#define T_PRJ        T_(DOC_PROJECT)
#define T_CON        T_(DOC_CONSULTATION)
#define AT(member)   offsetof(doc_t, member)
#define NO_LINE      0 /* offset 0 is doc_t.file, never a line member */
#define FIELD_COUNT  (sizeof fields / sizeof fields[0])
#define MAX_ID_BYTES 64

typedef struct field {
    const char *key;
    int kind;          /* FK_* */
    unsigned types;    /* T_ bits of the types that use the key */
    unsigned required; /* T_ bits of the types that must have it */
    size_t off;        /* member of doc_t that gets the value */
    size_t line_off;   /* int member of doc_t that gets the key's line, or NO_LINE */
} field_t;

static const field_t fields[] = {
    {"id", FK_ID, T_ALL, T_ALL, AT(id), NO_LINE},
    {"type", FK_TYPE, T_ALL, T_ALL, AT(type), NO_LINE},
    {"title", FK_TEXT, T_ALL, T_ALL, AT(title), NO_LINE},
    {"publish_date", FK_DATE, T_ALL, T_ALL, AT(publish_date), NO_LINE},
    /* a policy may lack one: some originals name no issuer (validate.c warns, and refuses a placeholder) */
    {"issuer", FK_TEXT, T_ALL, T_(DOC_NOTICE), AT(issuer), NO_LINE},
    {"doc_number", FK_TEXT, T_ALL, 0, AT(doc_number), NO_LINE},
    {"area", FK_TEXT, T_ALL, 0, AT(area), AT(line_area)},
    {"url", FK_TEXT, T_ALL, 0, AT(url), AT(line_url)},
    {"keywords", FK_WORDS, T_ALL, 0, AT(keywords), NO_LINE},
    {"summary", FK_TEXT, T_ALL, 0, AT(summary), NO_LINE},
    {"validity", FK_VALIDITY, T_POL, T_POL, AT(validity), NO_LINE},
    {"valid_until", FK_DATE, T_POL, 0, AT(valid_until), NO_LINE},
    {"guides", FK_WORDS, T_POL, 0, AT(guides), AT(line_guides)},
    {"replaced_by", FK_TEXT, T_POL, 0, AT(replaced_by), AT(line_replaced_by)},
    {"readings", FK_READINGS, T_ALL, 0, AT(readings), NO_LINE},
    {"interprets", FK_TEXT, T_INT, T_INT, AT(interprets), AT(line_interprets)},
    {"unit", FK_TEXT, T_INT, T_INT, AT(unit), NO_LINE},
    {"interpreter", FK_TEXT, T_INT, 0, AT(interpreter), NO_LINE},
    {"conditions", FK_CONDITIONS, T_GUI, T_GUI, AT(conditions), NO_LINE},
    {"materials", FK_MATERIALS, T_GUI, T_GUI, AT(materials), NO_LINE},
    {"steps", FK_STEPS, T_GUI, T_GUI, AT(steps), NO_LINE},
    {"time_limit", FK_TEXT, T_GUI, T_GUI, AT(time_limit), NO_LINE},
    {"fee", FK_TEXT, T_GUI, T_GUI, AT(fee), NO_LINE},
    {"place", FK_TEXT, T_GUI, T_GUI, AT(place), NO_LINE},
    {"hours", FK_TEXT, T_GUI, T_GUI, AT(hours), NO_LINE},
    {"phone", FK_TEXT, T_GUI, T_GUI, AT(phone), NO_LINE},
    {"complaint_phone", FK_TEXT, T_GUI, T_GUI, AT(complaint_phone), NO_LINE},
    {"service_url", FK_TEXT, T_GUI, 0, AT(service_url), AT(line_service_url)},
    {"scope", FK_TEXT, T_GUI, 0, AT(scope), NO_LINE},
    {"target", FK_TEXT, T_PRJ, T_PRJ, AT(target), NO_LINE},
    {"progress", FK_PROGRESS, T_PRJ, T_PRJ, AT(progress), NO_LINE},
    {"lead_unit", FK_TEXT, T_PRJ, T_PRJ, AT(lead_unit), NO_LINE},
    {"status", FK_STATUS, T_PRJ, T_PRJ, AT(status), NO_LINE},
    {"deadline", FK_DATE, T_CON, T_CON, AT(deadline), NO_LINE},
    {"respond", FK_TEXT, T_CON, T_CON, AT(respond), NO_LINE},
    {"respond_url", FK_TEXT, T_CON, 0, AT(respond_url), AT(line_respond_url)},
};

/* One front matter being read. */
typedef struct fm {
    yaml_document_t *ydoc;
    doc_t *doc;
    diag_list_t *d;
    int first_line; /* file line of the YAML's line 0 */
} fm_t;

static int node_line(const fm_t *fm, const yaml_node_t *n)
{
    return (int)n->start_mark.line + fm->first_line;
}

static yaml_node_t *node_at(const fm_t *fm, int index)
{
    return yaml_document_get_node(fm->ydoc, index);
}

static void add(const fm_t *fm, diag_level_t level, int line, const char *field, const char *fmt, const char *a)
    __attribute__((format(printf, 5, 0)));

/* Shorthand for the common case of one string argument. */
static void add(const fm_t *fm, diag_level_t level, int line, const char *field, const char *fmt, const char *a)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    doc_diag(fm->d, level, fm->doc, line, field, fmt, a);
#pragma GCC diagnostic pop
}

static const char *node_kind_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SEQUENCE_NODE:
        return _("a list");
    case YAML_MAPPING_NODE:
        return _("a set of `key: value` lines");
    default:
        return _("text");
    }
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A scalar's text without surrounding whitespace, as a new string; NULL for a non-scalar. */
static char *scalar_dup(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE)
        return NULL;
    const char *s = (const char *)n->data.scalar.value;
    size_t len = n->data.scalar.length;
    for (;;) { /* ASCII spaces, U+3000 and U+00A0 around the value */
        if (len && is_space(*s))
            s++, len--;
        else if (len >= 3 && !memcmp(s, "\xE3\x80\x80", 3))
            s += 3, len -= 3;
        else if (len >= 2 && !memcmp(s, "\xC2\xA0", 2))
            s += 2, len -= 2;
        else
            break;
    }
    for (;;) {
        if (len && is_space(s[len - 1]))
            len--;
        else if (len >= 3 && !memcmp(s + len - 3, "\xE3\x80\x80", 3))
            len -= 3;
        else if (len >= 2 && !memcmp(s + len - 2, "\xC2\xA0", 2))
            len -= 2;
        else
            break;
    }
    return doc_xstrndup(s, len);
}

/* True for a scalar that says nothing: empty, or a plain ~ / null. */
static bool scalar_is_empty(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE)
        return false;
    char *s = scalar_dup(n);
    bool empty = s[0] == '\0' || (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                                  (!strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL")));
    free(s);
    return empty;
}

/* The scalar text of n, or NULL with an error naming what was found instead. */
static char *expect_text(const fm_t *fm, const char *field, const char *what, const yaml_node_t *n)
{
    if (n->type == YAML_SCALAR_NODE)
        return scalar_dup(n);
    doc_diag(fm->d, DIAG_ERROR, fm->doc, node_line(fm, n), field, _("%s must be text, not %s"), what,
             node_kind_name(n));
    return NULL;
}

static bool is_date(const char *s)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), m = atoi(s + 5), day = atoi(s + 8);
    if (y < 1 || m < 1 || m > 12 || day < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return day <= days[m - 1] + (m == 2 && leap);
}

static bool is_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MAX_ID_BYTES)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return false;
    return true;
}

/* Parses a whole number of at most 3 digits (optionally followed by '%' when allow_percent); -1 when it is not. */
static int small_number(const char *s, bool allow_percent)
{
    size_t n = strlen(s);
    if (allow_percent && n && s[n - 1] == '%')
        n--;
    if (n == 0 || n > 3)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Index of s in a vocabulary name table (1-based, as stored), or 0. */
static int vocab_find(const char *(*name)(int), int count, const char *s)
{
    for (int i = 1; i <= count; i++)
        if (!strcmp(name(i), s))
            return i;
    return 0;
}

/* Splits a one-line list of words at 、，,；; and spaces. */
static void words_split(const char *s, strlist_t *out)
{
    static const char *const seps[] = {"、", "，", "；", ",", ";", " ", "\t", "\n"};
    size_t start = 0, i = 0, n = strlen(s);
    while (i <= n) {
        size_t seplen = 0;
        if (i == n)
            seplen = 1;
        for (size_t k = 0; !seplen && k < sizeof seps / sizeof seps[0]; k++)
            if (!strncmp(s + i, seps[k], strlen(seps[k])))
                seplen = strlen(seps[k]);
        if (!seplen) {
            i++;
            continue;
        }
        if (i > start) {
            char *w = doc_xstrndup(s + start, i - start);
            strlist_push(out, w);
            free(w);
        }
        i += seplen;
        start = i;
    }
}

static void read_words(const fm_t *fm, const field_t *f, const yaml_node_t *v)
{
    strlist_t *out = (strlist_t *)((char *)fm->doc + f->off);
    if (v->type == YAML_SCALAR_NODE) {
        char *s = scalar_dup(v);
        words_split(s, out);
        free(s);
        return;
    }
    if (v->type != YAML_SEQUENCE_NODE) {
        add(fm, DIAG_ERROR, node_line(fm, v), f->key, _("must be a list (`- word` lines or [a, b]), not %s"),
            node_kind_name(v));
        return;
    }
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
        yaml_node_t *item = node_at(fm, *it);
        char *s = expect_text(fm, f->key, _("each item"), item);
        if (s && s[0])
            lenient_keywords(s, out); /* 低保，申请低保 in one item is two words */
        free(s);
    }
}

/* Appends line s (trimmed, when not empty) to a '\n'-joined text. */
static void join_line(char **joined, size_t *len, const char *s, size_t n)
{
    size_t start = 0;
    while (start < n && is_space(s[start]))
        start++;
    while (n > start && is_space(s[n - 1]))
        n--;
    if (n == start)
        return;
    *joined = doc_xrealloc(*joined, *len + (n - start) + 2);
    if (*len)
        (*joined)[(*len)++] = '\n';
    memcpy(*joined + *len, s + start, n - start);
    *len += n - start;
    (*joined)[*len] = '\0';
}

static void read_conditions(const fm_t *fm, const field_t *f, const yaml_node_t *v)
{
    char **out = (char **)((char *)fm->doc + f->off);
    if (v->type == YAML_MAPPING_NODE) {
        add(fm, DIAG_ERROR, node_line(fm, v), f->key, _("must be text or a list of lines, not %s"), node_kind_name(v));
        return;
    }
    if (v->type == YAML_SCALAR_NODE) {
        *out = scalar_dup(v);
        return;
    }
    /* A list is kept as one string, one item a line: the kiosk shows each line as a list entry. */
    size_t len = 0;
    char *joined = doc_xstrndup("", 0);
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
        char *s = expect_text(fm, f->key, _("each item"), node_at(fm, *it));
        if (s)
            join_line(&joined, &len, s, strlen(s));
        free(s);
    }
    *out = joined;
}

/* Reads the mapping of one `materials` or `steps` item into the values of the keys in names[] (NULL when absent).
 * Reports items that are not mappings, unknown keys and non-text values.  Returns false when the item is unusable. */
static bool read_item(const fm_t *fm, const char *field, size_t index, const yaml_node_t *item,
                      const char *const names[], size_t count, char *values[], int lines[], const char *usage)
{
    if (item->type != YAML_MAPPING_NODE) {
        doc_diag(fm->d, DIAG_ERROR, fm->doc, node_line(fm, item), field, _("item %zu must be %s, not %s"), index, usage,
                 node_kind_name(item));
        return false;
    }
    bool ok = true;
    for (yaml_node_pair_t *p = item->data.mapping.pairs.start; p < item->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(fm, p->key), *v = node_at(fm, p->value);
        const char *key = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
        size_t i = 0;
        while (i < count && strcmp(names[i], key))
            i++;
        if (i == count) {
            doc_diag(fm->d, DIAG_WARNING, fm->doc, node_line(fm, k), field,
                     _("item %zu: unknown key '%s' is ignored (an item is %s)"), index, key, usage);
            continue;
        }
        if (v->type != YAML_SCALAR_NODE) {
            doc_diag(fm->d, DIAG_ERROR, fm->doc, node_line(fm, v), field, _("item %zu: %s must be text, not %s"), index,
                     key, node_kind_name(v));
            ok = false;
            continue;
        }
        free(values[i]);
        values[i] = scalar_dup(v);
        lines[i] = node_line(fm, v);
        if (!values[i][0]) {
            free(values[i]);
            values[i] = NULL;
        }
    }
    return ok;
}

/* Checks that a list field is a non-empty list; reports otherwise. */
static bool expect_list(const fm_t *fm, const field_t *f, const yaml_node_t *v, const char *usage)
{
    if (v->type == YAML_SEQUENCE_NODE && v->data.sequence.items.top > v->data.sequence.items.start)
        return true;
    if (v->type == YAML_SEQUENCE_NODE)
        add(fm, DIAG_ERROR, node_line(fm, v), f->key, _("the list is empty: add at least one `- %s` item"), usage);
    else
        doc_diag(fm->d, DIAG_ERROR, fm->doc, node_line(fm, v), f->key, _("must be a list of `- %s` items, not %s"),
                 usage, node_kind_name(v));
    return false;
}

/* The last part of reading a material, the same for a `materials` item and a row of guides.xlsx: the form is read
 * leniently (原件及复印件 → 原件和复印件), the count is a whole number (0 = 免提交), and the material is appended when
 * all is well (ok: the caller found nothing missing).  Takes val[] (name, form, count, note; NULL when empty).
 * field_names[] name the value of each in messages; prefix goes before them ("item 3: " in a file; "" for a row, whose
 * place says which). */
static void material_finish(const fm_t *fm, const char *const field_names[4], const char *prefix, char *val[4],
                            const int lines[4], int line, bool ok)
{
    doc_t *doc = fm->doc;
    int synonym = 0, count = 0;
    const char *form = val[1] ? lenient_form(val[1], &synonym) : NULL;
    if (val[1] && !form) {
        doc_diag(fm->d, DIAG_ERROR, doc, lines[1], field_names[1], _("%sform '%s' is not one of %s"), prefix, val[1],
                 "原件、复印件、原件和复印件、原件核验、电子证照");
        ok = false;
    } else if (synonym) {
        doc_diag(fm->d, DIAG_WARNING, doc, lines[1], field_names[1], _("%sform '%s' is read as %s"), prefix, val[1],
                 form);
        free(val[1]);
        val[1] = doc_xstrndup(form, strlen(form));
    }
    if (val[2] && ((count = small_number(val[2], false)) < 0)) {
        doc_diag(fm->d, DIAG_ERROR, doc, lines[2], field_names[2],
                 _("%scount '%s' is not a whole number (write the number of copies, e.g. 1; 0 means 免提交, not to be "
                   "handed in)"),
                 prefix, val[2]);
        ok = false;
    }
    if (ok) {
        doc->materials = doc_xrealloc(doc->materials, (doc->nmaterials + 1) * sizeof *doc->materials);
        doc->materials[doc->nmaterials++] = (material_t){val[0], val[1], val[3], count, line};
        free(val[2]); /* kept as the number */
    } else {
        for (int i = 0; i < 4; i++)
            free(val[i]);
    }
}

static void read_materials(const fm_t *fm, const field_t *f, const yaml_node_t *v)
{
    static const char *const names[] = {"name", "form", "count", "note"};
    const char *const field_names[] = {f->key, f->key, f->key, f->key};
    const char *usage = _("name: …, form: …, count: … (note: … optional)");
    if (!expect_list(fm, f, v, usage))
        return;
    size_t index = 0;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
        yaml_node_t *item = node_at(fm, *it);
        char *val[4] = {0};
        int lines[4] = {0};
        bool ok = read_item(fm, f->key, ++index, item, names, 4, val, lines, usage);
        if (item->type != YAML_MAPPING_NODE)
            continue; /* reported as a whole */
        int line = node_line(fm, item);
        for (int i = 0; i < 3; i++) {
            if (!val[i]) {
                doc_diag(fm->d, DIAG_ERROR, fm->doc, line, f->key, _("item %zu: %s is missing (an item is %s)"), index,
                         names[i], usage);
                ok = false;
            }
        }
        char prefix[64];
        snprintf(prefix, sizeof prefix, _("item %zu: "), index);
        material_finish(fm, field_names, prefix, val, lines, line, ok);
    }
}

static void read_steps(const fm_t *fm, const field_t *f, const yaml_node_t *v)
{
    static const char *const names[] = {"title", "detail", "bring", "where"};
    const char *usage = _("title: …, detail: … (bring: …, where: … optional)");
    if (!expect_list(fm, f, v, usage))
        return;
    doc_t *doc = fm->doc;
    size_t index = 0;
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
        yaml_node_t *item = node_at(fm, *it);
        char *val[4] = {0};
        int lines[4] = {0};
        bool ok = read_item(fm, f->key, ++index, item, names, 4, val, lines, usage);
        if (item->type != YAML_MAPPING_NODE)
            continue; /* reported as a whole */
        for (int i = 0; i < 2; i++) {
            if (!val[i]) {
                doc_diag(fm->d, DIAG_ERROR, doc, node_line(fm, item), f->key,
                         _("item %zu: %s is missing (an item is %s)"), index, names[i], usage);
                ok = false;
            }
        }
        if (ok)
            frontmatter_add_step(doc, val[0], val[1], val[2], val[3], node_line(fm, item));
        else {
            for (int i = 0; i < 4; i++)
                free(val[i]);
        }
    }
}

/* A syllable of pinyin as people type it: letters (ü or v allowed), tone as a mark on a vowel or a digit 1-5 at
 * the end, or neither (neutral tone).  Returns the bytes it takes, or 0 when s does not start with one. */
static size_t pinyin_syllable(const char *s, size_t len)
{
    static const char *const marked[] = {"ā", "á", "ǎ", "à", "ē", "é", "ě", "è", "ī", "í", "ǐ", "ì", "ō", "ó",
                                         "ǒ", "ò", "ū", "ú", "ǔ", "ù", "ü", "ǖ", "ǘ", "ǚ", "ǜ", "ń", "ň", "ǹ"};
    size_t i = 0;
    int letters = 0;
    while (i < len) {
        char ch = s[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            i++;
            letters++;
            continue;
        }
        size_t k = 0;
        while (k < sizeof marked / sizeof marked[0] && strncmp(s + i, marked[k], strlen(marked[k])))
            k++;
        if (k == sizeof marked / sizeof marked[0])
            break;
        i += strlen(marked[k]);
        letters++;
    }
    if (letters == 0 || letters > 6)
        return 0;
    if (i < len && s[i] >= '1' && s[i] <= '5')
        i++;
    return i;
}

/* Number of space-separated pinyin syllables in s, or -1 when something in it is not pinyin. */
static int pinyin_count(const char *s)
{
    size_t len = strlen(s), i = 0;
    int n = 0;
    while (i < len) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        size_t k = pinyin_syllable(s + i, len - i);
        if (!k || (i + k < len && s[i + k] != ' '))
            return -1;
        i += k;
        n++;
    }
    return n;
}

/* Number of Han characters in s, or -1 when s holds anything else (a reading is for a word of Chinese text). */
static int han_count(const char *s)
{
    size_t len = strlen(s), i = 0;
    int n = 0;
    while (i < len) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (!((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007))
            return -1;
        i += adv;
        n++;
    }
    return n;
}

/* `readings:` — a mapping of words to their pinyin, one syllable per character ("单县: shàn xiàn"). */
/* Checks one reading (word and pinyin at their lines) and adds it to the document (takes both). */
static void reading_finish(const fm_t *fm, const char *field, char *word, char *pinyin, int wline, int pline)
{
    doc_t *doc = fm->doc;
    int chars = han_count(word), syllables = pinyin_count(pinyin);
    if (chars <= 0)
        add(fm, DIAG_ERROR, wline, field, _("'%s' is not a word of Chinese characters"), word);
    else if (syllables < 0)
        add(fm, DIAG_ERROR, pline, field,
            _("'%s' is not pinyin: write syllables with tone marks or tone digits, separated by spaces (shàn xiàn or "
              "shan4 xian4)"),
            pinyin);
    else if (syllables != chars)
        doc_diag(fm->d, DIAG_ERROR, doc, pline, field,
                 _("'%s' has %d syllables but '%s' has %d characters: give one syllable per character"), pinyin,
                 syllables, word, chars);
    else {
        doc->readings = doc_xrealloc(doc->readings, (doc->nreadings + 1) * sizeof *doc->readings);
        doc->readings[doc->nreadings++] = (reading_t){word, pinyin};
        return;
    }
    free(word);
    free(pinyin);
}

/* `readings:` — a mapping of words to their pinyin, one syllable per character ("单县: shàn xiàn"). */
static void read_readings(const fm_t *fm, const field_t *f, const yaml_node_t *v)
{
    if (v->type != YAML_MAPPING_NODE) {
        doc_diag(fm->d, DIAG_ERROR, fm->doc, node_line(fm, v), f->key,
                 _("must be a mapping of words to their pinyin, one per line (e.g. `单县: shàn xiàn`), not %s"),
                 node_kind_name(v));
        return;
    }
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(fm, p->key), *val = node_at(fm, p->value);
        char *word = expect_text(fm, f->key, _("a word"), k);
        char *pinyin = word ? expect_text(fm, f->key, _("its pinyin"), val) : NULL;
        if (!word || !pinyin) {
            free(word);
            free(pinyin);
            continue;
        }
        reading_finish(fm, f->key, word, pinyin, node_line(fm, k), node_line(fm, val));
    }
}

/* Checks and stores the text of one scalar-valued field (every kind but words, conditions, materials, steps and
 * readings); takes s. */
static void value_scalar(const fm_t *fm, const field_t *f, char *s, int line)
{
    void *dst = (char *)fm->doc + f->off;
    int n;
    switch (f->kind) {
    case FK_ID:
        if (!is_id(s))
            add(fm, DIAG_ERROR, line, f->key,
                _("'%s' is not a valid id: use 1 to 64 characters from a-z, 0-9 and '-' (e.g. xf-2024-dibao)"), s);
        break;
    case FK_DATE:
        if (!is_date(s)) {
            char norm[11];
            if (lenient_date(s, norm)) {
                doc_diag(fm->d, DIAG_WARNING, fm->doc, line, f->key, _("'%s' is read as %s; write dates as YYYY-MM-DD"),
                         s, norm);
                free(s);
                s = doc_xstrndup(norm, 10);
            } else {
                add(fm, DIAG_ERROR, line, f->key, _("'%s' is not a date (YYYY-MM-DD, or 2024年7月12日)"), s);
            }
        }
        break;
    case FK_VALIDITY:
        if (!(*(int *)dst = vocab_find(content_validity_name, VALIDITY_REPEALED, s)))
            add(fm, DIAG_ERROR, line, f->key, _("'%s' is not one of 现行有效, 已修改, 已废止"), s);
        break;
    case FK_STATUS:
        if (!(*(int *)dst = vocab_find(content_project_status_name, PROJECT_DONE, s)))
            add(fm, DIAG_ERROR, line, f->key, _("'%s' is not one of 未开工, 进行中, 已完成"), s);
        break;
    case FK_PROGRESS:
        n = small_number(s, true);
        if (n < 0 || n > 100)
            add(fm, DIAG_ERROR, line, f->key, _("'%s' is not a whole number from 0 to 100 (the percent done)"), s);
        else
            *(int *)dst = n;
        break;
    default:
        break;
    }
    if (f->kind == FK_TEXT) /* "关于…的通知。 附件" → no space after the mark, as in the body */
        s[doc_drop_spaces_after_punct(0, s, strlen(s), s)] = '\0';
    if (f->kind == FK_TEXT || f->kind == FK_ID || f->kind == FK_DATE) {
        char **str = dst;
        free(*str);
        *str = s;
    } else {
        free(s);
    }
}

static void read_scalar(const fm_t *fm, const field_t *f, const yaml_node_t *v)
{
    char *s = expect_text(fm, f->key, _("the value"), v);
    if (s)
        value_scalar(fm, f, s, node_line(fm, v));
}

static void read_field(const fm_t *fm, const field_t *f, const yaml_node_t *v)
{
    switch (f->kind) {
    case FK_WORDS:
        read_words(fm, f, v);
        break;
    case FK_CONDITIONS:
        read_conditions(fm, f, v);
        break;
    case FK_MATERIALS:
        read_materials(fm, f, v);
        break;
    case FK_STEPS:
        read_steps(fm, f, v);
        break;
    case FK_READINGS:
        read_readings(fm, f, v);
        break;
    default:
        read_scalar(fm, f, v);
        break;
    }
}

static const field_t *field_find(const char *key)
{
    for (size_t i = 0; i < FIELD_COUNT; i++)
        if (!strcmp(fields[i].key, key))
            return &fields[i];
    return NULL;
}

/* "an interpretation (政策解读)" / "a document", or without the article "guide (办事指南)" / "document" — whom a rule
 * is about, for messages. */
static void type_phrase(int type, bool article, char *buf, size_t size)
{
    if (!type) {
        snprintf(buf, size, "%s", article ? _("a document") : _("document"));
        return;
    }
    const char *key = content_doc_type_key(type);
    const char *fmt = !article ? _("%s (%s)") : strchr("aeiou", key[0]) ? _("an %s (%s)") : _("a %s (%s)");
    snprintf(buf, size, fmt, key, content_doc_type_name(type));
}

/* Every type from the table as "policy (政策文件), guide (办事指南), …": either form is accepted. */
static const char *type_choices(char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int t = 1; t < DOC_TYPE_COUNT_PLUS_ONE && n < cap; t++)
        if (*content_doc_type_key(t))
            n += (size_t)snprintf(buf + n, cap - n, n ? _(", %s (%s)") : _("%s (%s)"), content_doc_type_key(t),
                                  content_doc_type_name(t));
    return buf;
}

/* Reads `type:`, accepting the key (policy) or the Chinese name (政策文件).  Returns DOC_* or 0 (reported). */
static int read_type(const fm_t *fm, const yaml_node_t *v)
{
    char *s = expect_text(fm, "type", _("the value"), v);
    if (!s)
        return 0;
    const doc_type_info_t *t = content_doc_type_find(s);
    int type = t ? t->type : 0;
    char keys[512];
    if (!type && s[0])
        doc_diag(fm->d, DIAG_ERROR, fm->doc, node_line(fm, v), "type", _("unknown type '%s': use one of %s"), s,
                 type_choices(keys, sizeof keys));
    free(s);
    return type;
}

static void warn_unknown_key(const fm_t *fm, const yaml_node_t *k, const char *key)
{
    char list[1024] = "", who[64];
    size_t used = 0;
    unsigned mask = fm->doc->type ? T_(fm->doc->type) : T_ALL;
    for (size_t i = 0; i < FIELD_COUNT && used < sizeof list; i++)
        if (fields[i].types & mask)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", fields[i].key);
    type_phrase(fm->doc->type, true, who, sizeof who);
    doc_diag(fm->d, DIAG_WARNING, fm->doc, node_line(fm, k), key,
             _("unknown key, ignored (check the spelling; the keys of %s are: %s)"), who, list);
}

/* Reads every key of the root mapping; seen[i] gets the line of fields[i] when present. */
static void read_keys(const fm_t *fm, const yaml_node_t *root, int seen[])
{
    doc_t *doc = fm->doc;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(fm, p->key), *v = node_at(fm, p->value);
        int line = node_line(fm, k);
        if (k->type != YAML_SCALAR_NODE) {
            doc_diag(fm->d, DIAG_ERROR, doc, line, _("front matter"),
                     _("a key must be a plain name such as `title`, not %s"), node_kind_name(k));
            continue;
        }
        const char *key = (const char *)k->data.scalar.value;
        const field_t *f = field_find(key);
        if (!f) {
            warn_unknown_key(fm, k, key);
            continue;
        }
        size_t i = (size_t)(f - fields);
        if (seen[i]) {
            doc_diag(fm->d, DIAG_ERROR, doc, line, key, _("appears twice (first on line %d): keep one of them"),
                     seen[i]);
            continue;
        }
        seen[i] = line;
        if (doc->type && !(f->types & T_(doc->type))) {
            char who[64];
            type_phrase(doc->type, true, who, sizeof who);
            doc_diag(fm->d, DIAG_WARNING, doc, line, key, _("is not used in %s and is ignored"), who);
            continue;
        }
        if (f->line_off != NO_LINE)
            *(int *)((char *)doc + f->line_off) = line;
        doc_key_line_set(doc, f->key, line);
        if (scalar_is_empty(v)) {
            if (f->required == T_ALL || (f->required & T_(doc->type)))
                doc_diag(fm->d, DIAG_ERROR, doc, line, key, "%s", _("is empty: fill it in"));
            continue;
        }
        if (f->kind != FK_TYPE) /* the type was read before the loop */
            read_field(fm, f, v);
    }
}

static void check_required(const fm_t *fm, const int seen[])
{
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        const field_t *f = &fields[i];
        bool needed = fm->doc->type ? (f->required & T_(fm->doc->type)) != 0 : f->required == T_ALL;
        if (!needed || seen[i])
            continue;
        char who[64];
        type_phrase(f->required == T_ALL ? 0 : fm->doc->type, false, who, sizeof who);
        doc_diag(fm->d, DIAG_ERROR, fm->doc, fm->doc->line, f->key, _("missing: every %s needs `%s: …`"), who, f->key);
    }
}

/* ---- the same fields from the cells of a workbook (guides_xlsx.c) ---- */

int frontmatter_key_use(const char *key, int type)
{
    const field_t *f = field_find(key);
    if (!f || !(f->types & T_(type)))
        return 0;
    return f->required & T_(type) ? 2 : 1;
}

int frontmatter_set_text(doc_t *doc, const char *key, const char *text, int line, diag_list_t *d)
{
    const field_t *f = field_find(key);
    if (!f || !doc->type || !(f->types & T_(doc->type)) || f->kind == FK_TYPE || f->kind == FK_MATERIALS ||
        f->kind == FK_STEPS)
        return 0;
    fm_t fm = {NULL, doc, d, 0};
    if (f->line_off != NO_LINE)
        *(int *)((char *)doc + f->line_off) = line;
    doc_key_line_set(doc, f->key, line);
    size_t n = strlen(text), len = 0;
    char *joined = NULL;
    switch (f->kind) {
    case FK_WORDS:
        words_split(text, (strlist_t *)((char *)doc + f->off));
        break;
    case FK_CONDITIONS: /* one line of the cell is one item of the list */
        for (size_t at = 0; at < n;) {
            const char *eol = memchr(text + at, '\n', n - at);
            size_t end = eol ? (size_t)(eol - text) : n;
            join_line(&joined, &len, text + at, end - at);
            at = end + 1;
        }
        free(doc->conditions);
        doc->conditions = joined ? joined : doc_xstrndup("", 0);
        break;
    case FK_READINGS: /* one `词: pinyin` (or 词：pinyin) a line */
        for (size_t at = 0; at < n;) {
            const char *eol = memchr(text + at, '\n', n - at);
            size_t end = eol ? (size_t)(eol - text) : n;
            char *one = doc_xstrndup(text + at, end - at);
            char *sep = strstr(one, "："), *colon = strchr(one, ':');
            size_t seplen = 3;
            if (!sep || (colon && colon < sep))
                sep = colon, seplen = 1;
            char *word = NULL, *pinyin = NULL;
            if (sep) {
                *sep = '\0';
                len = 0;
                join_line(&word, &len, one, strlen(one));
                len = 0;
                join_line(&pinyin, &len, sep + seplen, strlen(sep + seplen));
            }
            if (word && pinyin)
                reading_finish(&fm, f->key, word, pinyin, line, line);
            else if (word || pinyin || strspn(one, " \t\r") < strlen(one)) {
                add(&fm, DIAG_ERROR, line, f->key,
                    _("'%s' is not a reading: write one word and its pinyin a line, as 单县: shàn xiàn"), one);
                free(word);
                free(pinyin);
            }
            free(one);
            at = end + 1;
        }
        break;
    default:
        value_scalar(&fm, f, doc_xstrndup(text, n), line);
        break;
    }
    return 1;
}

void frontmatter_add_material(doc_t *doc, char *val[4], const int lines[4], int line, const char *const field_names[4],
                              bool ok, diag_list_t *d)
{
    fm_t fm = {NULL, doc, d, 0};
    material_finish(&fm, field_names, "", val, lines, line, ok);
}

void frontmatter_add_step(doc_t *doc, char *title, char *detail, char *bring, char *where, int line)
{
    doc->steps = doc_xrealloc(doc->steps, (doc->nsteps + 1) * sizeof *doc->steps);
    doc->steps[doc->nsteps++] = (step_t){title, detail, bring, where, line};
}

/* The libyaml line of a syntax error: where the unclosed thing started when that is what went wrong (a quote, a
 * bracket, a key without ':'), else where the parser gave up. */
static size_t yaml_error_line(const yaml_parser_t *p, const char *yaml, size_t len)
{
    if (p->error == YAML_READER_ERROR) {
        size_t line = 0;
        for (size_t i = 0; i < p->problem_offset && i < len; i++)
            line += yaml[i] == '\n';
        return line;
    }
    const char *ctx = p->context ? p->context : "";
    if (strstr(ctx, "simple key") || strstr(ctx, "quoted scalar") || strstr(ctx, "flow"))
        return p->context_mark.line;
    return p->problem_mark.line;
}

/* What libyaml's English problem means, in the staffer's words (the libyaml text is kept only in English). */
static const char *yaml_problem_text(const char *problem)
{
    static const struct {
        const char *libyaml, *ours;
    } known[] = {
        {"mapping values", N_("a ':' followed by a space where no new key can start")},
        {"could not find expected ':'", N_("a key without its ':'")},
        {"unexpected end of stream", N_("a quote or a bracket that is never closed")},
        {"cannot start any token", N_("a value starts with a character YAML reserves")},
        {"tab", N_("a tab in the indentation")},
        {"did not find expected key", N_("a line that is neither a key nor an item at this indentation")},
        {"did not find expected", N_("a list or a quote that is not closed where it should be")},
        {"control characters", N_("an invisible control character")},
        {"UTF-8", N_("bytes that are not UTF-8")},
        {"escape", N_("a backslash that starts no known escape inside double quotes")},
        {"block sequence entries", N_("a `- ` item where a value was expected")},
        {"alias", N_("a `*` that refers to nothing")},
    };
    for (size_t i = 0; problem && i < sizeof known / sizeof known[0]; i++)
        if (strstr(problem, known[i].libyaml))
            return _(known[i].ours);
    return _("the YAML cannot be read");
}

void frontmatter_yaml_error(const struct yaml_parser_s *p, const char *yaml, size_t len, int first_line,
                            const char *file, const char *field, diag_list_t *d)
{
    size_t line0 = yaml_error_line(p, yaml, len), at = 0;
    for (size_t l = 0; l < line0 && at < len; at++)
        l += yaml[at] == '\n';
    const char *eol = memchr(yaml + at, '\n', len - at);
    size_t linelen = eol ? (size_t)(eol - (yaml + at)) : len - at;
    char *text = doc_xstrndup(yaml + at, linelen);
    const char *problem = p->problem ? p->problem : "";
    const char *hint = _("check the indentation and the quotes on this line");
    if (strstr(text, "\xE3\x80\x80"))
        hint = _("the line has full-width spaces (含有全角空格): retype its spaces in 半角 mode");
    else if (strstr(text, "：") && !strchr(text, ':'))
        hint = _("write a half-width ':' after the key, not '：'");
    else if (strchr(text, '\t') || strstr(problem, "tab"))
        hint = _("indent with spaces, not tabs");
    else if (strstr(problem, "mapping values"))
        hint = _("a value that contains ': ' must be put in quotes");
    else if (strstr(problem, "cannot start any token"))
        /* xgettext:no-c-format */
        hint = _("a value that starts with a special character (@ ` % etc.) must be put in quotes");
    else if (strstr(problem, "control characters"))
        hint = _("remove the invisible control character");
    diag_add(d, DIAG_ERROR, file, (int)line0 + first_line, field, _("YAML syntax error: %s; %s"),
             yaml_problem_text(problem), hint);
    free(text);
}

int frontmatter_parse(const char *yaml, size_t len, int first_line, doc_t *doc, diag_list_t *d)
{
    yaml_parser_t parser;
    yaml_document_t ydoc;
    int usable = 0, loaded = 0;
    int seen[FIELD_COUNT] = {0};
    fm_t fm = {&ydoc, doc, d, first_line};

    doc->line = first_line > 1 ? first_line - 1 : 1;
    if (!yaml_parser_initialize(&parser)) {
        fputs("zwgk-admin: out of memory\n", stderr);
        abort();
    }
    int *space_lines = NULL;
    size_t nspace = 0, fixed_len = 0;
    char *fixed = lenient_yaml(yaml, len, &fixed_len, &space_lines, &nspace);
    for (size_t i = 0; i < nspace; i++)
        diag_add(d, DIAG_WARNING, doc->file, space_lines[i] + first_line, _("front matter"), "%s",
                 _("the line has full-width spaces (含有全角空格) or no-break spaces in its indentation or around its "
                   "value; they are read as ordinary spaces (type spaces in 半角 mode)"));
    free(space_lines);
    if (fixed) {
        yaml = fixed;
        len = fixed_len;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    if (!yaml_parser_load(&parser, &ydoc)) {
        frontmatter_yaml_error(&parser, yaml, len, first_line, doc->file, _("front matter"), d);
        goto done;
    }
    loaded = 1;
    yaml_node_t *root = yaml_document_get_root_node(&ydoc);
    if (root && root->type != YAML_MAPPING_NODE) {
        diag_add(d, DIAG_ERROR, doc->file, node_line(&fm, root), _("front matter"),
                 _("must be `key: value` lines (e.g. `title: …`), not %s"), node_kind_name(root));
        goto done;
    }
    if (root && root->data.mapping.pairs.top > root->data.mapping.pairs.start) {
        yaml_node_pair_t *pairs = root->data.mapping.pairs.start;
        doc->line = node_line(&fm, node_at(&fm, pairs[0].key));
        for (yaml_node_pair_t *p = pairs; p < root->data.mapping.pairs.top && !doc->type; p++) {
            yaml_node_t *k = node_at(&fm, p->key);
            if (k->type == YAML_SCALAR_NODE && !strcmp((const char *)k->data.scalar.value, "type") &&
                !scalar_is_empty(node_at(&fm, p->value)))
                doc->type = read_type(&fm, node_at(&fm, p->value));
        }
        read_keys(&fm, root, seen);
    }
    check_required(&fm, seen);
    usable = doc->type != 0 && doc->id != NULL;
done:
    if (loaded)
        yaml_document_delete(&ydoc);
    yaml_parser_delete(&parser);
    free(fixed);
    return usable;
}

/* True when text[at..] is a line holding only `mark` (three chars), trailing spaces and CR.  *next gets the start
 * of the following line. */
static bool is_fence_line(const char *text, size_t len, size_t at, const char *mark, size_t *next)
{
    if (len - at < 3 || memcmp(text + at, mark, 3))
        return false;
    size_t i = at + 3;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
        i++;
    if (i < len && text[i] != '\n')
        return false;
    *next = i < len ? i + 1 : len;
    return true;
}

int frontmatter_split(const char *text, size_t len, const char *file, fm_split_t *out, diag_list_t *d)
{
    size_t at = 0, next = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        at = 3;
    if (!is_fence_line(text, len, at, "---", &next)) {
        diag_add(d, DIAG_ERROR, file, 1, _("front matter"), "%s",
                 _("the file must start with a `---` line, then the document's fields (id, type, title, publish_date, "
                   "…), then another `---` line"));
        return 0;
    }
    out->yaml_off = next;
    out->yaml_line = 2;
    int line = 2;
    for (at = next; at < len; line++) {
        if (is_fence_line(text, len, at, "---", &next) || is_fence_line(text, len, at, "...", &next)) {
            out->yaml_len = at - out->yaml_off;
            out->body_off = next;
            out->body_line = line + 1;
            return 1;
        }
        const char *eol = memchr(text + at, '\n', len - at);
        at = eol ? (size_t)(eol - text) + 1 : len;
    }
    diag_add(d, DIAG_ERROR, file, 1, _("front matter"), "%s",
             _("the `---` on line 1 is never closed: add a `---` line after the last field, before the text"));
    return 0;
}
