/* gen_pinyin.c — build-time generator of the pinyin table (src/text/pinyin.c reads what it writes).
 *
 * Usage: zwgk-gen-pinyin Unihan_Readings.txt[.bz2] OUT.c
 *
 * Reads Unicode's Unihan readings (Debian's unicode-data ships them bzip2-compressed; libbz2 reads them directly) and
 * writes a C source with, for every Han code point that has a Mandarin reading, the set of its readings without tones
 * (for search) and the list of its readings with tones (for read-aloud, zwgk/speech.h).
 *
 * Which fields: kMandarin gives only the most common reading(s) (行 xíng, 长 zhǎng), so it alone would miss the
 * 多音字 a citizen types (行 háng in 银行, 长 cháng in 长寿金).  The two modern dictionaries, kXHC1983 (现代汉语词典)
 * and kTGHZ2013 (通用规范汉字字典), list every reading in current use, so the table is the union of those three, with
 * kMandarin's first.  kHanyuPinyin (汉语大字典) is used only for a character none of them covers: it lists classical
 * readings (重 tóng, 行 héng, 女 rǔ) that would make pinyin search match characters nobody reads that way today.
 *
 * Spelling: tones stripped, ü written v (lǜ → lv, lüè → lve) as on every Chinese keyboard; readings without a vowel
 * (the interjections m, n, ng, hm, hng) are dropped.  Readings are interned into a sorted syllable list; the table is
 * three arrays: code points (sorted), for each a (first << 4 | count) into the reading list, and the reading list of
 * syllable numbers; the toned readings are two more arrays of the same shape, each entry syllable << 3 | tone (tone
 * 1-4, 5 for the neutral tone of an unmarked reading such as 的 de).  The output depends only on the input file, so
 * builds are reproducible.  The data's version (the file header's "Unicode version" and "Date") is written into the
 * table. */
#include <bzlib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SYL      8  /* longest syllable is 6 letters (zhuang); room for a NUL and a stray */
#define MAX_READINGS 15 /* per code point: fits the 4-bit count in the table */
#define NCP          0x110000

enum source { SRC_MANDARIN, SRC_XHC, SRC_TGHZ, SRC_HANYU, SRC_COUNT };

typedef struct cp_readings {
    uint16_t syl[SRC_COUNT][MAX_READINGS];
    uint8_t n[SRC_COUNT];
    /* the same readings with their tones (1-4, 5 neutral): a syllable may come twice here with two tones */
    uint16_t tsyl[SRC_COUNT][MAX_READINGS];
    uint8_t tone[SRC_COUNT][MAX_READINGS];
    uint8_t tn[SRC_COUNT];
} cp_readings_t;

static char syllables[2048][MAX_SYL];
static size_t nsyllables;
static cp_readings_t *table[NCP]; /* sparse: allocated for code points with a reading */
static char version[128] = "unknown", date[128] = "unknown";

/* Reads the whole input, decompressing when it ends in .bz2.  Returns a NUL-terminated buffer or NULL. */
static char *read_input(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = strlen(path), cap = 1 << 24, used = 0;
    char *buf = malloc(cap);
    int bz = n > 4 && strcmp(path + n - 4, ".bz2") == 0, bzerr = BZ_OK;
    BZFILE *b = bz ? BZ2_bzReadOpen(&bzerr, f, 0, 0, NULL, 0) : NULL;
    if (!buf || (bz && bzerr != BZ_OK))
        goto fail;
    for (;;) {
        if (cap - used < 65536) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                goto fail;
            buf = nb;
        }
        int got;
        if (bz) {
            got = BZ2_bzRead(&bzerr, b, buf + used, 65536);
            if (bzerr != BZ_OK && bzerr != BZ_STREAM_END)
                goto fail;
        } else {
            got = (int)fread(buf + used, 1, 65536, f);
        }
        used += (size_t)got;
        if (bz ? bzerr == BZ_STREAM_END : got == 0)
            break;
    }
    if (b)
        BZ2_bzReadClose(&bzerr, b);
    fclose(f);
    buf[used] = '\0';
    *len = used;
    return buf;
fail:
    if (b)
        BZ2_bzReadClose(&bzerr, b);
    fclose(f);
    free(buf);
    return NULL;
}

/* Decodes one UTF-8 sequence (the input is Unicode's own file: well-formed). */
static uint32_t decode(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    uint32_t c = s[0];
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > 1) {
        c &= 0x3Fu >> (n - 1);
        for (int i = 1; i < n; i++)
            c = (c << 6) | (s[i] & 0x3Fu);
    }
    *p += n;
    return c;
}

/* The toneless letter of an accented pinyin vowel (v for ü), 0 for a combining mark (skipped), -1 when unknown;
 * *tone gets the tone the mark writes (1-4), left alone for an unmarked letter. */
static int fold(uint32_t c, int *tone)
{
    static const struct {
        uint32_t cp;
        char to;
        char tone;
    } map[] = {
        {0xE0, 'a', 4},  {0xE1, 'a', 2},   {0x101, 'a', 1}, {0x1CE, 'a', 3},  {0xE8, 'e', 4},   {0xE9, 'e', 2},
        {0xEA, 'e', 0},  {0x113, 'e', 1},  {0x11B, 'e', 3}, {0x1EBF, 'e', 2}, {0x1EC1, 'e', 4}, {0xEC, 'i', 4},
        {0xED, 'i', 2},  {0x12B, 'i', 1},  {0x1D0, 'i', 3}, {0xF2, 'o', 4},   {0xF3, 'o', 2},   {0x14D, 'o', 1},
        {0x1D2, 'o', 3}, {0xF9, 'u', 4},   {0xFA, 'u', 2},  {0x16B, 'u', 1},  {0x1D4, 'u', 3},  {0xFC, 'v', 0},
        {0x1D6, 'v', 1}, {0x1D8, 'v', 2},  {0x1DA, 'v', 3}, {0x1DC, 'v', 4},  {0x144, 'n', 2},  {0x148, 'n', 3},
        {0x1F9, 'n', 4}, {0x1E3F, 'm', 2},
    };
    /* combining macron, acute, caron, grave: the tone of the letter before */
    if (c == 0x304 || c == 0x301 || c == 0x30C || c == 0x300)
        *tone = c == 0x304 ? 1 : c == 0x301 ? 2 : c == 0x30C ? 3 : 4;
    if (c >= 0x300 && c <= 0x36F)
        return 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].cp == c) {
            if (map[i].tone)
                *tone = map[i].tone;
            return map[i].to;
        }
    return -1;
}

/* Turns one reading (s[0..len)) into a toneless syllable in out and its tone (1-4; 5 when unmarked: the neutral
 * tone, 的 de); returns 0 when it is not usable. */
static int normalize(const char *s, size_t len, char out[MAX_SYL], int *tone)
{
    const char *end = s + len;
    size_t n = 0;
    int vowel = 0;
    *tone = 5;
    while (s < end) {
        uint32_t c = decode(&s);
        int ch;
        if (c >= 'a' && c <= 'z')
            ch = (int)c;
        else if (c >= 'A' && c <= 'Z')
            ch = (int)(c - 'A' + 'a');
        else
            ch = fold(c, tone);
        if (ch < 0)
            return 0;
        if (ch == 0)
            continue;
        if (n + 1 >= MAX_SYL)
            return 0;
        if (strchr("aeiouv", ch))
            vowel = 1;
        out[n++] = (char)ch;
    }
    out[n] = '\0';
    return n > 0 && vowel;
}

static int intern(const char *syl)
{
    for (size_t i = 0; i < nsyllables; i++)
        if (!strcmp(syllables[i], syl))
            return (int)i;
    if (nsyllables == sizeof syllables / sizeof syllables[0])
        return -1;
    memcpy(syllables[nsyllables], syl, MAX_SYL);
    return (int)nsyllables++;
}

static void add(uint32_t cp, enum source src, const char *s, size_t len)
{
    char syl[MAX_SYL];
    int tone;
    if (cp >= NCP || !normalize(s, len, syl, &tone))
        return;
    int id = intern(syl);
    if (id < 0)
        return;
    if (!table[cp] && !(table[cp] = calloc(1, sizeof *table[cp]))) {
        fprintf(stderr, "gen_pinyin: out of memory\n");
        exit(1);
    }
    cp_readings_t *r = table[cp];
    int seen = 0, tseen = 0;
    for (int i = 0; i < r->n[src]; i++)
        seen |= r->syl[src][i] == id;
    for (int i = 0; i < r->tn[src]; i++)
        tseen |= r->tsyl[src][i] == id && r->tone[src][i] == tone;
    if (!seen && r->n[src] < MAX_READINGS)
        r->syl[src][r->n[src]++] = (uint16_t)id;
    if (!tseen && r->tn[src] < MAX_READINGS) {
        r->tsyl[src][r->tn[src]] = (uint16_t)id;
        r->tone[src][r->tn[src]++] = (uint8_t)tone;
    }
}

/* Parses the value of one field: kMandarin is space-separated readings; the dictionary fields are space-separated
 * entries "location[,location]:reading[,reading]". */
static void parse_value(uint32_t cp, enum source src, const char *v, const char *end)
{
    while (v < end) {
        while (v < end && *v == ' ')
            v++;
        const char *e = v;
        while (e < end && *e != ' ')
            e++;
        const char *r = v;
        if (src != SRC_MANDARIN) {
            const char *colon = memchr(v, ':', (size_t)(e - v));
            r = colon ? colon + 1 : e;
        }
        while (r < e) {
            const char *c = memchr(r, ',', (size_t)(e - r));
            const char *stop = c ? c : e;
            add(cp, src, r, (size_t)(stop - r));
            r = stop + (c != NULL);
        }
        v = e;
    }
}

static void header_value(const char *line, const char *end, const char *key, char *out, size_t outlen)
{
    size_t k = strlen(key);
    if ((size_t)(end - line) > k && !strncmp(line, key, k)) {
        size_t n = (size_t)(end - line) - k;
        if (n >= outlen)
            n = outlen - 1;
        memcpy(out, line + k, n);
        out[n] = '\0';
    }
}

static int syl_cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* The readings of one code point into list (sorted syllable numbers): kMandarin's, then the modern dictionaries', in
 * file order without repeats; kHanyuPinyin's only when there is nothing else.  Returns the count. */
static size_t collect(const cp_readings_t *r, const uint16_t *renum, uint16_t *list)
{
    size_t n = 0;
    for (int s = 0; s < SRC_COUNT; s++) {
        if (s == SRC_HANYU && n > 0)
            break;
        for (int i = 0; i < r->n[s]; i++) {
            uint16_t id = renum[r->syl[s][i]];
            size_t j = 0;
            while (j < n && list[j] != id)
                j++;
            if (j == n && n < MAX_READINGS)
                list[n++] = id;
        }
    }
    return n;
}

/* The toned readings of one code point into list (syllable number << 3 | tone), in the order and with the fallback
 * of collect.  Returns the count. */
static size_t collect_toned(const cp_readings_t *r, const uint16_t *renum, uint16_t *list)
{
    size_t n = 0;
    for (int s = 0; s < SRC_COUNT; s++) {
        if (s == SRC_HANYU && n > 0)
            break;
        for (int i = 0; i < r->tn[s]; i++) {
            uint16_t v = (uint16_t)(renum[r->tsyl[s][i]] << 3 | r->tone[s][i]);
            size_t j = 0;
            while (j < n && list[j] != v)
                j++;
            if (j == n && n < MAX_READINGS)
                list[n++] = v;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s Unihan_Readings.txt[.bz2] OUT.c\n", argv[0]);
        return 2;
    }
    size_t len = 0;
    char *text = read_input(argv[1], &len);
    if (!text) {
        fprintf(stderr, "gen_pinyin: cannot read %s\n", argv[1]);
        return 1;
    }
    static const char *const fields[SRC_COUNT] = {"kMandarin", "kXHC1983", "kTGHZ2013", "kHanyuPinyin"};
    for (char *line = text; line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        char *end = nl ? nl : text + len;
        if (end > line && end[-1] == '\r')
            end--;
        if (line[0] == '#') {
            header_value(line, end, "# Unicode version: ", version, sizeof version);
            header_value(line, end, "# Date: ", date, sizeof date);
        } else if (!strncmp(line, "U+", 2)) {
            char *tab1 = memchr(line, '\t', (size_t)(end - line));
            char *tab2 = tab1 ? memchr(tab1 + 1, '\t', (size_t)(end - tab1 - 1)) : NULL;
            if (tab2) {
                uint32_t cp = (uint32_t)strtoul(line + 2, NULL, 16);
                for (int f = 0; f < SRC_COUNT; f++)
                    if ((size_t)(tab2 - tab1 - 1) == strlen(fields[f]) &&
                        !strncmp(tab1 + 1, fields[f], strlen(fields[f])))
                        parse_value(cp, (enum source)f, tab2 + 1, end);
            }
        }
        line = nl ? nl + 1 : text + len;
    }
    free(text);

    /* Sort the syllables and renumber. */
    static char sorted[2048][MAX_SYL];
    static uint16_t renum[2048];
    memcpy(sorted, syllables, sizeof sorted);
    qsort(sorted, nsyllables, MAX_SYL, syl_cmp);
    for (size_t i = 0; i < nsyllables; i++)
        for (size_t k = 0; k < nsyllables; k++)
            if (!strcmp(syllables[i], sorted[k]))
                renum[i] = (uint16_t)k;

    /* Written under a temporary name and renamed, so a failed run never leaves a half table for make to trust. */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    FILE *out = fopen(tmp, "w");
    if (!out) {
        fprintf(stderr, "gen_pinyin: cannot write %s\n", tmp);
        return 1;
    }
    fprintf(out, "/* Generated by src/text/gen/gen_pinyin.c from Unihan_Readings.txt. Do not edit. */\n");
    fprintf(out, "#include \"pinyin_table.h\"\n\n");
    fprintf(out,
            "const char pinyin_table_version[] = \"Unihan %s (%s); kMandarin+kXHC1983+kTGHZ2013, kHanyuPinyin "
            "as fallback\";\n",
            version, date);
    fprintf(out, "const unsigned pinyin_table_nsyllables = %zu;\n", nsyllables);
    fprintf(out, "const char pinyin_table_syllables[][%d] = {", MAX_SYL);
    for (size_t i = 0; i < nsyllables; i++)
        fprintf(out, "%s\"%s\",", i % 12 ? " " : "\n    ", sorted[i]);
    fprintf(out, "\n};\n\n");

    size_t count = 0, total = 0, maxn = 0;
    for (uint32_t cp = 0; cp < NCP; cp++)
        if (table[cp])
            count++;
    fprintf(out, "const unsigned pinyin_table_count = %zu;\n", count);
    fprintf(out, "const uint32_t pinyin_table_cps[] = {");
    size_t k = 0;
    for (uint32_t cp = 0; cp < NCP; cp++)
        if (table[cp])
            fprintf(out, "%s0x%X,", k++ % 10 ? " " : "\n    ", cp);
    fprintf(out, "\n};\n\n");

    fprintf(out, "const uint32_t pinyin_table_info[] = {");
    uint16_t list[SRC_COUNT * MAX_READINGS];
    k = 0;
    for (uint32_t cp = 0; cp < NCP; cp++) {
        if (!table[cp])
            continue;
        size_t nlist = collect(table[cp], renum, list);
        fprintf(out, "%s0x%zX,", k++ % 10 ? " " : "\n    ", total << 4 | nlist);
        total += nlist;
        if (nlist > maxn)
            maxn = nlist;
    }
    fprintf(out, "\n};\n\n");
    fprintf(out, "const unsigned pinyin_table_max_readings = %zu;\n", maxn);
    fprintf(out, "const uint16_t pinyin_table_readings[] = {");
    k = 0;
    for (uint32_t cp = 0; cp < NCP; cp++) {
        if (!table[cp])
            continue;
        size_t nlist = collect(table[cp], renum, list);
        for (size_t i = 0; i < nlist; i++)
            fprintf(out, "%s%u,", k++ % 16 ? " " : "\n    ", list[i]);
    }
    fprintf(out, "\n};\n\n");

    /* The toned readings: the same code points, in the same order. */
    fprintf(out, "const uint32_t pinyin_table_tinfo[] = {");
    total = 0;
    k = 0;
    for (uint32_t cp = 0; cp < NCP; cp++) {
        if (!table[cp])
            continue;
        size_t nlist = collect_toned(table[cp], renum, list);
        fprintf(out, "%s0x%zX,", k++ % 10 ? " " : "\n    ", total << 4 | nlist);
        total += nlist;
    }
    fprintf(out, "\n};\n\n");
    fprintf(out, "const uint16_t pinyin_table_toned[] = {");
    k = 0;
    for (uint32_t cp = 0; cp < NCP; cp++) {
        if (!table[cp])
            continue;
        size_t nlist = collect_toned(table[cp], renum, list);
        for (size_t i = 0; i < nlist; i++)
            fprintf(out, "%s%u,", k++ % 16 ? " " : "\n    ", list[i]);
    }
    fprintf(out, "\n};\n");
    for (uint32_t cp = 0; cp < NCP; cp++)
        free(table[cp]);
    if (fclose(out) != 0 || rename(tmp, argv[2]) != 0) {
        fprintf(stderr, "gen_pinyin: cannot write %s\n", argv[2]);
        remove(tmp);
        return 1;
    }
    return 0;
}
