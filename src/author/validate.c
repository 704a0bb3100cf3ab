/* validate.c — the checks that span files: ids, links, areas, URLs, and characters the kiosk cannot draw.
 *
 * Per-file parsers check what one file can know (a date, an enumeration); this file checks what needs the whole
 * folder.  The glyph check opens the kiosk's own fonts with FreeType (the library SDL_ttf draws with) and asks for
 * every code point used anywhere, so a kiosk never shows a tofu box: a missing glyph is an error at its file:line. */
#include "author_private.h"
#include "catalog_table.h"
#include "zwgk/schema.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a problem is: a line of a text file, or a cell of the catalog. */
typedef struct where {
    const char *file;
    int line;
    const diag_place_t *at; /* a table cell when not NULL */
    const doc_t *doc;       /* when not NULL, line is a "line" of this document (a cell of a workbook guide) */
} where_t;

static void where_add(diag_list_t *d, diag_level_t level, const where_t *w, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void where_add(diag_list_t *d, diag_level_t level, const where_t *w, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (w->at) {
        diag_vadd_at(d, level, w->at, field, fmt, ap);
    } else if (w->doc) {
        doc_vdiag(d, level, w->doc, w->line, field, fmt, ap);
    } else {
        char msg[4096];
        vsnprintf(msg, sizeof msg, fmt, ap);
        diag_add(d, level, w->file, w->line, field, "%s", msg);
    }
    va_end(ap);
}

static void check_url(diag_list_t *d, const where_t *w, const char *field, const char *url)
{
    const char *why = url && *url ? content_url_problem(url) : NULL;
    if (why)
        where_add(d, DIAG_ERROR, w, field, _("'%.80s%s' %s"), url, strlen(url) > 80 ? "…" : "", _(why));
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

static void check_glyphs_at(glyph_check_t *g, const where_t *w, const char *field, const char *s)
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
        where_add(g->d, DIAG_ERROR, w, field,
                  _("the kiosk's font cannot draw '%s' (U+%04X): it would show as an empty box; replace it with a "
                    "character the font has"),
                  cp < 0x20 ? "?" : ch, (unsigned)cp);
    }
}

static void check_glyphs(glyph_check_t *g, const char *file, int line, const char *field, const char *s)
{
    where_t w = {file, line, NULL, NULL};
    check_glyphs_at(g, &w, field, s);
}

/* The same at a "line" of a document (a cell, for a guide of guides.xlsx). */
static void check_doc_glyphs_at(glyph_check_t *g, const doc_t *doc, int line, const char *field, const char *s)
{
    where_t w = {doc->file, line, NULL, doc};
    check_glyphs_at(g, &w, field, s);
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
        diag_add(d, DIAG_ERROR, NULL, 0, NULL, "%s", _("out of memory opening the fonts"));
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        if (FT_New_Face(g->lib, paths[i], face, &g->faces[g->nfaces]) != 0) {
            diag_add(d, DIAG_ERROR, paths[i], 0, _("font"),
                     _("cannot open face %d of the kiosk's font: install fonts-noto-cjk or give --font"), face);
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
    const doc_t *f = doc;
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
        check_doc_glyphs_at(g, f, doc_key_line(doc, fields[i].name), fields[i].name, fields[i].value);
    for (size_t i = 0; i < doc->keywords.count; i++)
        check_doc_glyphs_at(g, f, doc_key_line(doc, "keywords"), "keywords", doc->keywords.items[i]);
    for (size_t i = 0; i < doc->nmaterials; i++) {
        int ml = doc->materials[i].line ? doc->materials[i].line : l;
        check_doc_glyphs_at(g, f, ml, "materials", doc->materials[i].name);
        check_doc_glyphs_at(g, f, ml, "materials", doc->materials[i].note);
    }
    for (size_t i = 0; i < doc->nsteps; i++) {
        int sl = doc->steps[i].line ? doc->steps[i].line : l;
        check_doc_glyphs_at(g, f, sl, "steps", doc->steps[i].title);
        check_doc_glyphs_at(g, f, sl, "steps", doc->steps[i].detail);
        if (doc->steps[i].bring)
            check_doc_glyphs_at(g, f, sl, "steps", doc->steps[i].bring);
        if (doc->steps[i].where)
            check_doc_glyphs_at(g, f, sl, "steps", doc->steps[i].where);
    }
    for (size_t i = 0; i < doc->nqas; i++) {
        check_doc_glyphs_at(g, f, l, "简明问答", doc->qas[i].question);
        check_doc_glyphs_at(g, f, l, "简明问答", doc->qas[i].answer);
    }
    for (size_t i = 0; i < doc->nblocks; i++) {
        const block_t *b = &doc->blocks[i];
        int bl = b->line ? b->line : l;
        check_doc_glyphs_at(g, f, bl, "body", b->text);
        check_doc_glyphs_at(g, f, bl, "牵头单位", b->lead);
        check_doc_glyphs_at(g, f, bl, "责任单位", b->resp);
        for (int k = 0; b->cells && k < b->rows * b->cols; k++)
            check_doc_glyphs_at(g, f, bl, "table", b->cells[k]);
    }
}

static void check_row_glyphs(glyph_check_t *g, const catalog_t *c, const catalog_row_t *r)
{
    struct {
        int f;
        const char *value;
    } cols[] = {{CATF_AREA, r->area},       {CATF_LEVEL1, r->level1}, {CATF_LEVEL2, r->level2},
                {CATF_CONTENT, r->content}, {CATF_BASIS, r->basis},   {CATF_TIME, r->time_limit},
                {CATF_SUBJECT, r->subject}};
    char key[96];
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        diag_place_t at = catalog_place(c, r, cols[i].f, key, sizeof key);
        where_t w = {NULL, 0, &at, NULL};
        check_glyphs_at(g, &w, catalog_field_name(cols[i].f), cols[i].value);
    }
    diag_place_t at = catalog_place(c, r, CATF_ALIASES, key, sizeof key);
    where_t w = {NULL, 0, &at, NULL};
    for (size_t i = 0; i < r->aliases.count; i++)
        check_glyphs_at(g, &w, catalog_field_name(CATF_ALIASES), r->aliases.items[i]);
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
        doc_diag(d, DIAG_ERROR, doc, doc_key_line(doc, "issuer"), "issuer",
                 _("'%s' is a note, not an issuing body (发文机关): the kiosk would show it as the issuer; when the "
                   "original names none, leave `issuer:` out"),
                 doc->issuer);
    else if (!doc->issuer && doc->type == DOC_POLICY)
        doc_diag(d, DIAG_WARNING, doc, doc->line, "issuer", "%s",
                 _("no issuing body (发文机关): the kiosk shows none; give it if the original names one"));
}

/* The file of a document that links to id but could not be read (its id found by author_load), or NULL. */
static const char *broken_file(const author_src_t *src, const char *id)
{
    for (size_t i = 0; id && i < src->broken_ids.count; i++)
        if (!strcmp(src->broken_ids.items[i], id))
            return src->broken_files.items[i];
    return NULL;
}

/* A link to id that points nowhere: an error, or a consequence when id is the id of a document that cannot be read
 * (its own error is the cause, reported where it is). */
static void bad_link(const author_src_t *src, diag_list_t *d, const where_t *w, const char *field, const char *id)
{
    const char *file = broken_file(src, id);
    if (file)
        where_add(d, DIAG_CONSEQUENCE, w, field, _("'%s' is the id of %s, which cannot be read (see its errors)"), id,
                  file);
    else {
        /* A staffer who does not know what an id is writes what she knows the document by: its 文号, its title or
         * its file's name.  Say which document that is, and its id. */
        for (size_t i = 0; i < src->docs.count; i++) {
            const doc_t *o = src->docs.docs[i];
            if (!o->id)
                continue;
            const char *base = strrchr(o->file, '/');
            base = base ? base + 1 : o->file;
            size_t n = strlen(base), m = strlen(id);
            if (o->doc_number && !strcmp(o->doc_number, id)) {
                where_add(d, DIAG_ERROR, w, field, _("'%s' is the doc number (文号) of %s, not its id: write %s"), id,
                          o->file, o->id);
                return;
            }
            if (o->title && !strcmp(o->title, id)) {
                where_add(d, DIAG_ERROR, w, field, _("'%s' is the title of %s, not its id: write %s"), id, o->file,
                          o->id);
                return;
            }
            if (n > 3 && !strcmp(base + n - 3, ".md") && ((m == n - 3 && !strncmp(base, id, m)) || !strcmp(base, id))) {
                where_add(d, DIAG_ERROR, w, field, _("'%s' is the file name of %s, not its id: write %s"), id, o->file,
                          o->id);
                return;
            }
        }
        where_add(d, DIAG_ERROR, w, field, _("'%s' is not the id of any document in docs/"), id);
    }
}

static int name_distance(const char *a, const char *b);
static int is_standard_area_name(const char *name);

/* The error for a document's area that is not in the catalog, with the catalog's area it nearly is (社会救组 →
 * 社会救助), found as check_area_names finds a standard one.  When the document has the standard name and the catalog a
 * near miss of it (the catalog's sheet says 社会求助), the catalog is what to correct. */
static void unknown_area(const author_src_t *src, const doc_t *doc, diag_list_t *d)
{
    const char *best = NULL;
    int best_d = 1 << 30;
    for (size_t a = 0; a < src->areas.count; a++) {
        int dist = name_distance(doc->area, src->areas.items[a]);
        if (dist < best_d) {
            best_d = dist;
            best = src->areas.items[a];
        }
    }
    size_t chars = utf8_count(doc->area, strlen(doc->area));
    int line = doc->line_area ? doc->line_area : doc->line;
    if (!best || best_d > (chars >= 6 ? 2 : 1))
        doc_diag(d, DIAG_ERROR, doc, line, "area",
                 _("'%s' is not an area of the catalog (check the spelling, or add the area there)"), doc->area);
    else if (is_standard_area_name(doc->area) && !is_standard_area_name(best))
        doc_diag(d, DIAG_ERROR, doc, line, "area",
                 _("'%s' is not an area of the catalog, which writes it '%s': correct the area's name in the catalog"),
                 doc->area, best);
    else
        doc_diag(d, DIAG_ERROR, doc, line, "area", _("'%s' is not an area of the catalog; should it be %s?"), doc->area,
                 best);
}

static void check_docs(const author_src_t *src, diag_list_t *d)
{
    int catalog_lost = src->catalog.count == 0; /* then every area is unknown because of the catalog's own error */
    for (size_t i = 0; i < src->docs.count; i++) {
        const doc_t *doc = src->docs.docs[i];
        if (!doc->id)
            continue;
        long long first = author_doc_index(src, doc->id);
        if (first >= 0 && (size_t)first != i) {
            char where[256];
            const doc_t *other = src->docs.docs[first];
            doc_place_text(other, other->line, where, sizeof where);
            doc_diag(d, DIAG_ERROR, doc, doc_key_line(doc, "id"), "id",
                     _("'%s' is already the id of %s: ids must be unique"), doc->id,
                     other->cells ? where : other->file);
        }
        if (doc->area && author_area_index(src, doc->area) < 0) {
            if (catalog_lost)
                doc_diag(d, DIAG_CONSEQUENCE, doc, doc->line_area ? doc->line_area : doc->line, "area",
                         _("'%s' cannot be checked: the catalog could not be read (see its errors)"), doc->area);
            else
                unknown_area(src, doc, d);
        }
        where_t wi = {doc->file, doc->line_interprets, NULL, doc}, wg = {doc->file, doc->line_guides, NULL, doc};
        if (doc->type == DOC_INTERPRETATION && doc->interprets) {
            long long p = author_doc_index(src, doc->interprets);
            if (p < 0)
                bad_link(src, d, &wi, "interprets", doc->interprets);
            else if (src->docs.docs[p]->type != DOC_POLICY)
                doc_diag(d, DIAG_ERROR, doc, doc->line_interprets, "interprets",
                         _("'%s' is a %s, not a policy (政策文件)"), doc->interprets,
                         content_doc_type_name(src->docs.docs[p]->type));
        }
        for (size_t k = 0; k < doc->guides.count; k++) {
            long long g = author_doc_index(src, doc->guides.items[k]);
            if (g < 0)
                bad_link(src, d, &wg, "guides", doc->guides.items[k]);
            else if (src->docs.docs[g]->type != DOC_GUIDE)
                doc_diag(d, DIAG_ERROR, doc, doc->line_guides, "guides", _("'%s' is a %s, not a service guide"),
                         doc->guides.items[k], content_doc_type_name(src->docs.docs[g]->type));
        }
        if (doc->replaced_by) {
            int line = doc->line_replaced_by ? doc->line_replaced_by : doc->line;
            long long r = author_doc_index(src, doc->replaced_by);
            where_t wl = {doc->file, line, NULL, doc};
            if (r < 0)
                bad_link(src, d, &wl, "replaced_by", doc->replaced_by);
            else if ((size_t)r == i)
                doc_diag(d, DIAG_ERROR, doc, line, "replaced_by", "%s",
                         _("a document cannot replace itself: give the id of the newer document"));
            else if (doc->validity == VALIDITY_CURRENT)
                doc_diag(
                    d, DIAG_WARNING, doc, line, "replaced_by", "%s",
                    _("the document is 现行有效 but names a replacement: should its validity be 已废止 or 已修改?"));
        }
        check_issuer(doc, d);
        where_t wu = {doc->file, doc->line_url ? doc->line_url : doc->line, NULL, doc};
        where_t ws = {doc->file, doc->line_service_url ? doc->line_service_url : doc->line, NULL, doc};
        where_t wr = {doc->file, doc->line_respond_url ? doc->line_respond_url : doc->line, NULL, doc};
        check_url(d, &wu, "url", doc->url);
        check_url(d, &ws, "service_url", doc->service_url);
        check_url(d, &wr, "respond_url", doc->respond_url);
    }
}

/* Edit distance between two names, in characters (both at most 64 characters; longer ones count as far apart). */
static int name_distance(const char *a, const char *b)
{
    uint32_t x[64], y[64];
    size_t n = 0, m = 0, adv;
    for (size_t i = 0; a[i] && n < 64; i += adv)
        x[n++] = utf8_decode(a + i, strlen(a + i), &adv);
    for (size_t i = 0; b[i] && m < 64; i += adv)
        y[m++] = utf8_decode(b + i, strlen(b + i), &adv);
    int row[65];
    for (size_t j = 0; j <= m; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= m; j++) {
            int up = row[j];
            int best = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

static int is_standard_area_name(const char *name)
{
    for (size_t i = 0; catalog_standard_area(i); i++)
        if (!strcmp(name, catalog_standard_area(i)))
            return 1;
    return 0;
}

/* An area that is not one of the standard names but nearly is (社会求助 → 社会救助) is probably a typo; an area far
 * from every standard name is a county's own (政务公开) and is fine. */
static void check_area_names(const author_src_t *src, diag_list_t *d)
{
    for (size_t a = 0; a < src->areas.count; a++) {
        const char *name = src->areas.items[a], *best = NULL;
        int best_d = 1 << 30;
        for (size_t i = 0; catalog_standard_area(i); i++) {
            int dist = name_distance(name, catalog_standard_area(i));
            if (dist < best_d) {
                best_d = dist;
                best = catalog_standard_area(i);
            }
        }
        size_t chars = utf8_count(name, strlen(name));
        if (best_d == 0 || !best || best_d > (chars >= 6 ? 2 : 1))
            continue;
        for (size_t i = 0; i < src->catalog.count; i++) {
            const catalog_row_t *r = &src->catalog.rows[i];
            if (strcmp(r->area, name) != 0)
                continue;
            char key[96];
            diag_place_t at = catalog_place(&src->catalog, r, CATF_AREA, key, sizeof key);
            diag_add_at(d, DIAG_WARNING, &at, catalog_field_name(CATF_AREA),
                        _("'%s' is not one of the 26 standard areas of 基层政务公开标准指引; should it be %s?"), name,
                        best);
            break;
        }
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
size_t *author_first_same_key(const author_src_t *src)
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
    const catalog_t *c = &src->catalog;
    const char *file = c->file ? c->file : "catalog.csv";
    if (c->count == 0) {
        size_t own = 0; /* errors the catalog's reader already reported: then "no rows" is their consequence */
        for (size_t i = 0; i < d->count; i++)
            own += d->items[i].level == DIAG_ERROR && d->items[i].file && !strcmp(d->items[i].file, file);
        diag_add(d, own ? DIAG_CONSEQUENCE : DIAG_ERROR, file, 0, NULL, "%s",
                 _("the directory has no rows: the kiosk needs at least one"));
    }
    size_t *first = author_first_same_key(src);
    if (!first) {
        diag_add(d, DIAG_ERROR, file, 0, NULL, "%s", _("out of memory checking the directory"));
        return;
    }
    char key[96], okey[96], where[256];
    for (size_t i = 0; i < c->count; i++) {
        const catalog_row_t *r = &c->rows[i];
        diag_place_t at = catalog_place(c, r, CATF_LEVEL2, key, sizeof key);
        if (first[i] != SIZE_MAX) {
            /* The same 一级事项 and 二级事项 is a repeated row; the same key from other names is a '/' in a name
             * (rows of the same topic and name always have the same key, so the earliest such row is first[i]). */
            const catalog_row_t *o = &c->rows[first[i]];
            diag_place_t oat = catalog_place(c, o, -1, okey, sizeof okey);
            diag_t tmp = {.file = (char *)oat.file,
                          .table = 1,
                          .sheet = (char *)oat.sheet,
                          .line = oat.row,
                          .col = -1,
                          .key = (char *)oat.key};
            diag_place_text(&tmp, where, sizeof where);
            if (src->row_topic[i] == src->row_topic[first[i]] && r->level2 && o->level2 &&
                !strcmp(r->level2, o->level2)) {
                diag_add_at(d, DIAG_ERROR, &at, catalog_field_name(CATF_LEVEL2),
                            _("'%s › %s › %s' is already at %s: merge the two rows"), r->area, r->level1, r->level2,
                            where);
            } else {
                char ikey[1024];
                author_item_key(r, ikey, sizeof ikey);
                diag_add_at(d, DIAG_ERROR, &at, catalog_field_name(CATF_LEVEL2),
                            _("'%s › %s › %s' and '%s › %s › %s' at %s have the same key '%.200s': rename one of "
                              "them (a '/' in a name reads as a level separator)"),
                            r->area, r->level1, r->level2, o->area, o->level1, o->level2, where, ikey);
            }
        }
        diag_place_t dat = catalog_place(c, r, CATF_DOCS, key, sizeof key);
        where_t wd = {NULL, 0, &dat, NULL};
        for (size_t k = 0; k < r->doc_ids.count; k++)
            if (author_doc_index(src, r->doc_ids.items[k]) < 0)
                bad_link(src, d, &wd, catalog_field_name(CATF_DOCS), r->doc_ids.items[k]);
        diag_place_t uat = catalog_place(c, r, CATF_URL, key, sizeof key);
        where_t wu = {NULL, 0, &uat, NULL};
        check_url(d, &wu, catalog_field_name(CATF_URL), r->url);
    }
    free(first);
    check_area_names(src, d);
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
            check_row_glyphs(&g, &src->catalog, &src->catalog.rows[i]);
        for (size_t i = 0; i < src->docs.count; i++)
            check_doc_glyphs(&g, src->docs.docs[i]);
    }
    glyph_close(&g);
}
