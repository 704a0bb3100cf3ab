/* validate.c — the checks that span files: ids, links, areas, URLs, and characters the kiosk cannot draw.
 *
 * Per-file parsers check what one file can know (a date, an enumeration); this file checks what needs the whole
 * folder.  The glyph check opens the kiosk's own fonts with FreeType (the library SDL_ttf draws with) and asks for
 * every code point used anywhere, so a kiosk never shows a tofu box: a missing glyph is an error at its file:line. */
#include "author_private.h"
#include "zwgk/schema.h"
#include "zwgk/text.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_url(diag_list_t *d, const char *file, int line, const char *field, const char *url)
{
    const char *why = url && *url ? content_url_problem(url) : NULL;
    if (why)
        diag_add(d, DIAG_ERROR, file, line, field, "'%.80s%s' %s", url, strlen(url) > 80 ? "…" : "", why);
}

/* ---- glyph coverage ---- */

typedef struct glyph_check {
    FT_Library lib;
    FT_Face faces[2];
    int nfaces;
    uint8_t *known, *missing; /* bitmaps over all code points */
    diag_list_t *d;
} glyph_check_t;

static int glyph_missing(glyph_check_t *g, uint32_t cp)
{
    if (cp > 0x10FFFF)
        return 1;
    uint8_t bit = (uint8_t)(1u << (cp & 7));
    if (!(g->known[cp >> 3] & bit)) {
        g->known[cp >> 3] |= bit;
        for (int i = 0; i < g->nfaces; i++)
            if (FT_Get_Char_Index(g->faces[i], cp) == 0)
                g->missing[cp >> 3] |= bit;
    }
    return (g->missing[cp >> 3] & bit) != 0;
}

static void check_glyphs(glyph_check_t *g, const char *file, int line, const char *field, const char *s)
{
    if (!s || !g->nfaces)
        return;
    size_t len = strlen(s), i = 0, adv;
    uint32_t reported[8];
    int nrep = 0;
    while (i < len) {
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        i += adv;
        if (cp == '\n' || cp == '\t' || cp == '\r' || !glyph_missing(g, cp))
            continue;
        int seen = 0;
        for (int k = 0; k < nrep; k++)
            seen |= reported[k] == cp;
        if (seen)
            continue;
        if (nrep < 8)
            reported[nrep++] = cp;
        char ch[5] = {0};
        utf8_encode(cp, ch);
        diag_add(g->d, DIAG_ERROR, file, line, field,
                 "the kiosk's font cannot draw '%s' (U+%04X): it would show as an empty box; replace it with a "
                 "character the font has",
                 cp < 0x20 ? "?" : ch, (unsigned)cp);
    }
}

static int glyph_open(glyph_check_t *g, const author_options_t *opt, diag_list_t *d)
{
    memset(g, 0, sizeof *g);
    g->d = d;
    const char *paths[2] = {opt && opt->font_regular ? opt->font_regular : ZWGK_FONT_REGULAR,
                            opt && opt->font_bold ? opt->font_bold : ZWGK_FONT_BOLD};
    int face = opt && opt->font_face >= 0 ? opt->font_face : ZWGK_FONT_FACE;
    g->known = calloc(0x110000 / 8, 1);
    g->missing = calloc(0x110000 / 8, 1);
    if (!g->known || !g->missing || FT_Init_FreeType(&g->lib) != 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, NULL, "out of memory opening the fonts");
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        if (FT_New_Face(g->lib, paths[i], face, &g->faces[g->nfaces]) != 0) {
            diag_add(d, DIAG_ERROR, paths[i], 0, "font",
                     "cannot open face %d of the kiosk's font: install fonts-noto-cjk or give --font", face);
            continue;
        }
        g->nfaces++;
    }
    return 0;
}

static void glyph_close(glyph_check_t *g)
{
    for (int i = 0; i < g->nfaces; i++)
        FT_Done_Face(g->faces[i]);
    if (g->lib)
        FT_Done_FreeType(g->lib);
    free(g->known);
    free(g->missing);
}

static void check_doc_glyphs(glyph_check_t *g, const doc_t *doc)
{
    const char *f = doc->file;
    int l = doc->line;
    struct {
        const char *name, *value;
    } fields[] = {{"title", doc->title},
                  {"issuer", doc->issuer},
                  {"doc_number", doc->doc_number},
                  {"summary", doc->summary},
                  {"unit", doc->unit},
                  {"interpreter", doc->interpreter},
                  {"conditions", doc->conditions},
                  {"scope", doc->scope},
                  {"time_limit", doc->time_limit},
                  {"fee", doc->fee},
                  {"place", doc->place},
                  {"hours", doc->hours},
                  {"phone", doc->phone},
                  {"complaint_phone", doc->complaint_phone},
                  {"target", doc->target},
                  {"lead_unit", doc->lead_unit},
                  {"respond", doc->respond}};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        check_glyphs(g, f, l, fields[i].name, fields[i].value);
    for (size_t i = 0; i < doc->keywords.count; i++)
        check_glyphs(g, f, l, "keywords", doc->keywords.items[i]);
    for (size_t i = 0; i < doc->nmaterials; i++) {
        check_glyphs(g, f, l, "materials", doc->materials[i].name);
        check_glyphs(g, f, l, "materials", doc->materials[i].note);
    }
    for (size_t i = 0; i < doc->nsteps; i++) {
        check_glyphs(g, f, l, "steps", doc->steps[i].title);
        check_glyphs(g, f, l, "steps", doc->steps[i].detail);
    }
    for (size_t i = 0; i < doc->nqas; i++) {
        check_glyphs(g, f, l, "简明问答", doc->qas[i].question);
        check_glyphs(g, f, l, "简明问答", doc->qas[i].answer);
    }
    for (size_t i = 0; i < doc->nblocks; i++) {
        const block_t *b = &doc->blocks[i];
        int bl = b->line ? b->line : l;
        check_glyphs(g, f, bl, "body", b->text);
        check_glyphs(g, f, bl, "牵头单位", b->lead);
        check_glyphs(g, f, bl, "责任单位", b->resp);
        for (int k = 0; b->cells && k < b->rows * b->cols; k++)
            check_glyphs(g, f, bl, "table", b->cells[k]);
    }
}

static void check_row_glyphs(glyph_check_t *g, const catalog_row_t *r)
{
    const char *f = "catalog.csv";
    struct {
        const char *name, *value;
    } cols[] = {
        {"领域", r->area},      {"一级事项", r->level1},     {"二级事项", r->level2}, {"公开内容（要素）", r->content},
        {"公开依据", r->basis}, {"公开时限", r->time_limit}, {"公开主体", r->subject}};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        check_glyphs(g, f, r->line, cols[i].name, cols[i].value);
    for (size_t i = 0; i < r->aliases.count; i++)
        check_glyphs(g, f, r->line, "别名", r->aliases.items[i]);
}

/* ---- links and ids ---- */

/* A note standing where the issuing body goes — （原文未署发文机关）, 不详, 待定 — which the kiosk would show citizens
 * as if it were the issuer. */
static bool issuer_is_placeholder(const char *s)
{
    static const char *const words[] = {"未署", "不详", "未知", "待定", "待补", "暂无", "未注明", "未写明"};
    size_t n = strlen(s);
    bool bracketed = (!strncmp(s, "（", 3) && n >= 6 && !strcmp(s + n - 3, "）")) ||
                     (s[0] == '(' && n >= 2 && s[n - 1] == ')') || (!strncmp(s, "【", 3) && n >= 6);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(s, words[i]))
            return true;
    return bracketed || !strcmp(s, "无") || !strcmp(s, "-") || !strcmp(s, "—");
}

static void check_issuer(const doc_t *doc, diag_list_t *d)
{
    if (doc->issuer && issuer_is_placeholder(doc->issuer))
        diag_add(d, DIAG_ERROR, doc->file, doc->line, "issuer",
                 "'%s' is a note, not an issuing body (发文机关): the kiosk would show it as the issuer; when the "
                 "original names none, leave `issuer:` out",
                 doc->issuer);
    else if (!doc->issuer && doc->type == DOC_POLICY)
        diag_add(d, DIAG_WARNING, doc->file, doc->line, "issuer",
                 "no issuing body (发文机关): the kiosk shows none; give it if the original names one");
}

static void check_docs(const author_src_t *src, diag_list_t *d)
{
    for (size_t i = 0; i < src->docs.count; i++) {
        const doc_t *doc = src->docs.docs[i];
        if (!doc->id)
            continue;
        long long first = author_doc_index(src, doc->id);
        if (first >= 0 && (size_t)first != i)
            diag_add(d, DIAG_ERROR, doc->file, doc->line, "id", "'%s' is already the id of %s: ids must be unique",
                     doc->id, src->docs.docs[first]->file);
        if (doc->area && author_area_index(src, doc->area) < 0)
            diag_add(d, DIAG_ERROR, doc->file, doc->line_area ? doc->line_area : doc->line, "area",
                     "'%s' is not an area of catalog.csv (check the spelling, or add the area there)", doc->area);
        if (doc->type == DOC_INTERPRETATION && doc->interprets) {
            long long p = author_doc_index(src, doc->interprets);
            if (p < 0)
                diag_add(d, DIAG_ERROR, doc->file, doc->line_interprets, "interprets",
                         "'%s' is not the id of any document in docs/", doc->interprets);
            else if (src->docs.docs[p]->type != DOC_POLICY)
                diag_add(d, DIAG_ERROR, doc->file, doc->line_interprets, "interprets",
                         "'%s' is a %s, not a policy (政策文件)", doc->interprets,
                         content_doc_type_name(src->docs.docs[p]->type));
        }
        for (size_t k = 0; k < doc->guides.count; k++) {
            long long g = author_doc_index(src, doc->guides.items[k]);
            if (g < 0)
                diag_add(d, DIAG_ERROR, doc->file, doc->line_guides, "guides",
                         "'%s' is not the id of any document in docs/", doc->guides.items[k]);
            else if (src->docs.docs[g]->type != DOC_GUIDE)
                diag_add(d, DIAG_ERROR, doc->file, doc->line_guides, "guides", "'%s' is a %s, not a service guide",
                         doc->guides.items[k], content_doc_type_name(src->docs.docs[g]->type));
        }
        if (doc->replaced_by) {
            int line = doc->line_replaced_by ? doc->line_replaced_by : doc->line;
            long long r = author_doc_index(src, doc->replaced_by);
            if (r < 0)
                diag_add(d, DIAG_ERROR, doc->file, line, "replaced_by", "'%s' is not the id of any document in docs/",
                         doc->replaced_by);
            else if ((size_t)r == i)
                diag_add(d, DIAG_ERROR, doc->file, line, "replaced_by",
                         "a document cannot replace itself: give the id of the newer document");
            else if (doc->validity == VALIDITY_CURRENT)
                diag_add(d, DIAG_WARNING, doc->file, line, "replaced_by",
                         "the document is 现行有效 but names a replacement: should its validity be 已废止 or 已修改?");
        }
        check_issuer(doc, d);
        check_url(d, doc->file, doc->line_url ? doc->line_url : doc->line, "url", doc->url);
        check_url(d, doc->file, doc->line_service_url ? doc->line_service_url : doc->line, "service_url",
                  doc->service_url);
        check_url(d, doc->file, doc->line_respond_url ? doc->line_respond_url : doc->line, "respond_url",
                  doc->respond_url);
    }
}

/* The item's stored key, exactly as emit.c writes it into the UNIQUE column items.key. */
/* Rows sorted by item key, then by position: equal keys become neighbours, the first of them the earliest row. */
typedef struct key_ref {
    char *key;
    size_t row;
} key_ref_t;

static int cmp_key_ref(const void *a, const void *b)
{
    const key_ref_t *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* For each row, the earliest earlier row with the same item key (SIZE_MAX when none), found by sorting: comparing
 * every pair formatted each key again n² / 2 times, 13 s for 20,000 rows and 12 minutes for 100,000
 * (hostile_content.py, qr-100k).  Returns NULL when out of memory (the caller then checks nothing). */
static size_t *first_same_key(const author_src_t *src)
{
    size_t n = src->catalog.count;
    size_t *first = malloc((n ? n : 1) * sizeof *first);
    key_ref_t *refs = calloc(n ? n : 1, sizeof *refs);
    bool ok = first && refs;
    for (size_t i = 0; ok && i < n; i++) {
        char key[1024];
        author_item_key(&src->catalog.rows[i], key, sizeof key);
        refs[i] = (key_ref_t){strdup(key), i};
        ok = refs[i].key != NULL;
    }
    if (ok) {
        qsort(refs, n, sizeof *refs, cmp_key_ref);
        size_t head = 0;
        for (size_t i = 0; i < n; i++) {
            if (i == 0 || strcmp(refs[i].key, refs[i - 1].key) != 0) {
                head = refs[i].row; /* the earliest row of a run of equal keys */
                first[head] = SIZE_MAX;
            } else {
                first[refs[i].row] = head;
            }
        }
    }
    for (size_t i = 0; refs && i < n; i++)
        free(refs[i].key);
    free(refs);
    if (!ok) {
        free(first);
        return NULL;
    }
    return first;
}

static void check_catalog(const author_src_t *src, diag_list_t *d)
{
    if (src->catalog.count == 0)
        diag_add(d, DIAG_ERROR, "catalog.csv", 0, NULL, "the directory has no rows: the kiosk needs at least one");
    size_t *first = first_same_key(src);
    if (!first) {
        diag_add(d, DIAG_ERROR, "catalog.csv", 0, NULL, "out of memory checking the directory");
        return;
    }
    for (size_t i = 0; i < src->catalog.count; i++) {
        const catalog_row_t *r = &src->catalog.rows[i];
        if (first[i] != SIZE_MAX) {
            /* The same 一级事项 and 二级事项 is a repeated row; the same key from other names is a '/' in a name
             * (rows of the same topic and name always have the same key, so the earliest such row is first[i]). */
            const catalog_row_t *o = &src->catalog.rows[first[i]];
            if (src->row_topic[i] == src->row_topic[first[i]] && r->level2 && o->level2 &&
                !strcmp(r->level2, o->level2)) {
                diag_add(d, DIAG_ERROR, "catalog.csv", r->line, "二级事项",
                         "'%s › %s › %s' is already on line %d: merge the two rows", r->area, r->level1, r->level2,
                         o->line);
            } else {
                char key[1024];
                author_item_key(r, key, sizeof key);
                diag_add(d, DIAG_ERROR, "catalog.csv", r->line, "二级事项",
                         "'%s › %s › %s' and '%s › %s › %s' on line %d have the same key '%.200s': rename one of them "
                         "(a '/' in a name reads as a level separator)",
                         r->area, r->level1, r->level2, o->area, o->level1, o->level2, o->line, key);
            }
        }
        for (size_t k = 0; k < r->doc_ids.count; k++)
            if (author_doc_index(src, r->doc_ids.items[k]) < 0)
                diag_add(d, DIAG_ERROR, "catalog.csv", r->line, "关联文件",
                         "'%s' is not the id of any document in docs/", r->doc_ids.items[k]);
        check_url(d, "catalog.csv", r->line, "码上知", r->url);
    }
    free(first);
}

void author_validate(const author_src_t *src, const author_options_t *opt, diag_list_t *d)
{
    check_catalog(src, d);
    check_docs(src, d);
    glyph_check_t g;
    if (glyph_open(&g, opt, d) == 0) {
        check_glyphs(&g, "meta.yaml", 0, "publisher", src->meta.publisher);
        check_glyphs(&g, "meta.yaml", 0, "region", src->meta.region);
        check_glyphs(&g, "meta.yaml", 0, "title", src->meta.title);
        for (size_t i = 0; i < src->catalog.count; i++)
            check_row_glyphs(&g, &src->catalog.rows[i]);
        for (size_t i = 0; i < src->docs.count; i++)
            check_doc_glyphs(&g, src->docs.docs[i]);
    }
    glyph_close(&g);
}
