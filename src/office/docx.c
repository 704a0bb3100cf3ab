/* docx.c — the paragraphs and tables of a .docx, in reading order, with what shows (zwgk/office.h, layer 4).
 *
 * The main document part (found through the package's officeDocument relationship) is walked once with the pull
 * reader.  A paragraph (w:p) collects the text of its runs (w:r/w:t, w:tab, w:br) and, for each run, the properties
 * Word would set it in — direct formatting over the character style over the paragraph style over the document
 * defaults (docx_styles.c) — so the caller learns what a reader sees: "一、" in 黑体, a title in 小标宋 二号 centred,
 * a 落款 right-aligned.  A paragraph numbered by Word gets the label Word shows in front of its text.
 *
 * Left out, as Word leaves them out of the page: deleted revisions (w:del), hidden text (w:vanish), field
 * instructions (w:instrText), the fallback copy of a drawing (mc:Fallback, which repeats the text box), and the
 * paragraph mark's own properties.  Text boxes (w:txbxContent) are paragraphs of their own, listed before the
 * paragraph that anchors them.  Tables are rows of cells; a horizontal merge (gridSpan) and a vertical one (vMerge)
 * leave the covered cells empty, as the page shows them; a table inside a cell is read as the cell's text.
 *
 * Only elements of the WordprocessingML vocabulary are read (transitional and strict), so DrawingML's own <a:t> in a
 * shape never mixes into the text. */
#include "docx_private.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_NEST 16 /* paragraphs open at once (text boxes in paragraphs), tables inside tables */
#define NHIST    8

typedef struct para_build {
    office_buf_t text;
    docx_ppr_t direct;
    char style_id[128];
    int resolved;
    docx_ppr_t eff;
    docx_rpr_t base; /* what the paragraph style gives every run */
    size_t label_len;
    size_t bold_len;
    int bold_open; /* the text so far is all bold */
    int sizes[NHIST];
    size_t size_bytes[NHIST];
    size_t font_bytes[OFFICE_FONT_XBS + 1];
    int table_depth; /* tables open when it started: it belongs to that table's current cell */
} para_build_t;

typedef struct table_build {
    char **cells; /* row by row, as built; rows of different lengths are padded at the end */
    uint32_t *row_len;
    size_t ncells, cells_cap;
    uint32_t rows, rows_cap, cols;
    office_buf_t cell;
    int in_cell, span, vmerge_continue;
} table_build_t;

typedef struct walk {
    office_docx_t *doc;
    office_zip_t *zip;
    docx_styles_t st;
    office_xml_t *x;
    const office_limits_t *lim;
    para_build_t para[MAX_NEST];
    int npara;
    table_build_t table[MAX_NEST];
    int ntable;
    size_t paras_seen, cells_seen, cap;
    docx_rpr_t run;
    int in_run, in_text;
    char *err;
    size_t errlen;
} walk_t;

static int is_w(office_xml_t *x, const char *local)
{
    return office_xml_is(x, local) && strstr(office_xml_ns(x), "wordprocessingml") != NULL;
}

static void set_nomem(walk_t *w)
{
    office_set_error(w->err, w->errlen, _("out of memory"));
}

/* ---- the document's list ---- */

static office_para_t *doc_add(walk_t *w)
{
    office_docx_t *d = w->doc;
    if (d->count == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        office_para_t *v = realloc(d->paras, cap * sizeof *v);
        if (!v)
            return NULL;
        d->paras = v;
        w->cap = cap;
    }
    office_para_t *p = &d->paras[d->count++];
    memset(p, 0, sizeof *p);
    p->outline = p->num_level = -1;
    return p;
}

/* ---- paragraphs ---- */

static void para_resolve(walk_t *w, para_build_t *p)
{
    if (p->resolved)
        return;
    p->resolved = 1;
    const docx_style_t *s = p->style_id[0] ? docx_style_find(&w->st, p->style_id, 0) : NULL;
    docx_style_resolve(&w->st, s, &p->eff, &p->base);
    docx_ppr_merge(&p->eff, &p->direct);
    if (p->eff.num_id != DOCX_UNSET && p->eff.num_id > 0) {
        char label[256];
        int level = p->eff.num_level == DOCX_UNSET ? 0 : p->eff.num_level;
        size_t n = docx_number_next(&w->st, p->eff.num_id, level, label, sizeof label);
        if (n && office_buf_put(&p->text, label, n) == 0)
            p->label_len = n;
        if (!n)
            p->eff.num_id = DOCX_UNSET; /* a list that shows nothing is no numbering */
    }
}

static int para_push(walk_t *w)
{
    if (++w->paras_seen > w->lim->max_paragraphs) {
        office_set_error(w->err, w->errlen,
                         _("%s has more than %zu paragraphs, far more than any document; the file is refused"),
                         office_zip_name(w->zip), w->lim->max_paragraphs);
        return -1;
    }
    if (w->npara == MAX_NEST) {
        office_set_error(w->err, w->errlen, _("%s nests text boxes more than %d deep; the file is refused"),
                         office_zip_name(w->zip), MAX_NEST);
        return -1;
    }
    para_build_t *p = &w->para[w->npara++];
    memset(p, 0, sizeof *p);
    docx_ppr_clear(&p->direct);
    p->bold_open = 1;
    p->table_depth = w->ntable;
    return 0;
}

static void para_text(walk_t *w, const char *s, size_t n)
{
    if (!w->npara || n == 0)
        return;
    para_build_t *p = &w->para[w->npara - 1];
    para_resolve(w, p);
    if (w->run.vanish == 1)
        return;
    if (office_buf_put(&p->text, s, n) != 0)
        return;
    int blank = 1;
    for (size_t i = 0; i < n && blank; i++)
        blank = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || (i + 3 <= n && !memcmp(s + i, "\xE3\x80\x80", 3));
    if (p->bold_open && w->run.bold == 1) {
        p->bold_len = p->text.len;
    } else if (!blank) {
        p->bold_open = 0;
    }
    if (blank)
        return;
    int size = w->run.size == DOCX_UNSET ? 0 : w->run.size;
    for (int i = 0; i < NHIST; i++) {
        if (p->size_bytes[i] && p->sizes[i] != size)
            continue;
        p->sizes[i] = size;
        p->size_bytes[i] += n;
        break;
    }
    int font = w->run.font == DOCX_UNSET ? OFFICE_FONT_OTHER : w->run.font;
    p->font_bytes[font] += n;
}

/* Whether the text holds anything but blanks. */
static int has_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, n - i, &adv);
        if (!text_is_space(cp) && cp != '\n' && cp != '\t')
            return 1;
        i += adv;
    }
    return 0;
}

static int cell_put(walk_t *w, const char *s, size_t n);

static int para_pop(walk_t *w)
{
    para_build_t *p = &w->para[--w->npara];
    para_resolve(w, p);
    int r = 0;
    if (!has_text(p->text.s ? p->text.s : "", p->text.len)) {
        office_buf_free(&p->text);
        return 0;
    }
    if (w->ntable && p->table_depth == w->ntable && w->table[w->ntable - 1].in_cell) {
        r = cell_put(w, p->text.s, p->text.len);
        office_buf_free(&p->text);
        return r;
    }
    office_para_t *o = doc_add(w);
    if (!o) {
        office_buf_free(&p->text);
        set_nomem(w);
        return -1;
    }
    o->kind = OFFICE_PARA_TEXT;
    o->text = p->text.s;
    p->text.s = NULL;
    o->label_len = p->label_len;
    o->align = p->eff.align == DOCX_UNSET ? OFFICE_ALIGN_START : p->eff.align;
    o->ind_left = p->eff.ind_left == DOCX_UNSET ? 0 : p->eff.ind_left;
    o->ind_right = p->eff.ind_right == DOCX_UNSET ? 0 : p->eff.ind_right;
    o->ind_first = p->eff.ind_first == DOCX_UNSET ? 0 : p->eff.ind_first;
    o->outline = p->eff.outline == DOCX_UNSET || p->eff.outline > 8 ? -1 : p->eff.outline;
    o->num_level =
        p->eff.num_id != DOCX_UNSET && p->eff.num_id > 0 ? (p->eff.num_level == DOCX_UNSET ? 0 : p->eff.num_level) : -1;
    o->bold_len = p->bold_len;
    size_t best = 0;
    for (int i = 0; i < NHIST; i++)
        if (p->size_bytes[i] > best) {
            best = p->size_bytes[i];
            o->size = p->sizes[i];
        }
    best = 0;
    for (int f = 0; f <= OFFICE_FONT_XBS; f++)
        if (p->font_bytes[f] > best) {
            best = p->font_bytes[f];
            o->font = f;
        }
    /* 首行缩进 2 字符 is stored as firstLineChars="200": in twips at the text's size. */
    if (p->eff.first_chars != DOCX_UNSET && p->eff.first_chars != 0) {
        int size = o->size ? o->size : 32;
        o->ind_first = p->eff.first_chars * size / 10;
    }
    return r;
}

/* ---- tables ---- */

static int table_cell_add(walk_t *w, table_build_t *t, char *s)
{
    if (++w->cells_seen > w->lim->max_cells) {
        free(s);
        office_set_error(w->err, w->errlen, _("%s has more than %zu table cells; the file is refused"),
                         office_zip_name(w->zip), w->lim->max_cells);
        return -1;
    }
    if (t->ncells == t->cells_cap) {
        size_t cap = t->cells_cap ? t->cells_cap * 2 : 16;
        char **v = realloc(t->cells, cap * sizeof *v);
        if (!v) {
            free(s);
            set_nomem(w);
            return -1;
        }
        t->cells = v;
        t->cells_cap = cap;
    }
    t->cells[t->ncells++] = s;
    t->row_len[t->rows - 1]++;
    return 0;
}

static int cell_put(walk_t *w, const char *s, size_t n)
{
    table_build_t *t = &w->table[w->ntable - 1];
    if (t->cell.len && office_buf_put(&t->cell, "\n", 1) != 0)
        return set_nomem(w), -1;
    if (office_buf_put(&t->cell, s, n) != 0)
        return set_nomem(w), -1;
    return 0;
}

static int table_push(walk_t *w)
{
    if (w->ntable == MAX_NEST) {
        office_set_error(w->err, w->errlen, _("%s nests tables more than %d deep; the file is refused"),
                         office_zip_name(w->zip), MAX_NEST);
        return -1;
    }
    table_build_t *t = &w->table[w->ntable++];
    memset(t, 0, sizeof *t);
    return 0;
}

static void table_free(table_build_t *t)
{
    for (size_t i = 0; i < t->ncells; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->row_len);
    office_buf_free(&t->cell);
    memset(t, 0, sizeof *t);
}

static int row_start(walk_t *w)
{
    table_build_t *t = &w->table[w->ntable - 1];
    if (++w->paras_seen > w->lim->max_paragraphs) {
        office_set_error(w->err, w->errlen,
                         _("%s has more than %zu paragraphs, far more than any document; the file is refused"),
                         office_zip_name(w->zip), w->lim->max_paragraphs);
        return -1;
    }
    if (t->rows == t->rows_cap) {
        uint32_t cap = t->rows_cap ? t->rows_cap * 2 : 8;
        uint32_t *v = realloc(t->row_len, cap * sizeof *v);
        if (!v)
            return set_nomem(w), -1;
        t->row_len = v;
        t->rows_cap = cap;
    }
    t->row_len[t->rows++] = 0;
    return 0;
}

static int cell_end(walk_t *w)
{
    table_build_t *t = &w->table[w->ntable - 1];
    t->in_cell = 0;
    if (!t->rows && row_start(w) != 0) /* a cell outside a row: a damaged file */
        return -1;
    char *s = t->vmerge_continue ? strdup("") : strndup(t->cell.s ? t->cell.s : "", t->cell.len);
    t->cell.len = 0;
    if (!s)
        return set_nomem(w), -1;
    if (table_cell_add(w, t, s) != 0)
        return -1;
    for (int k = 1; k < t->span && k < 64; k++) {
        char *e = strdup("");
        if (!e)
            return set_nomem(w), -1;
        if (table_cell_add(w, t, e) != 0)
            return -1;
    }
    if (t->row_len[t->rows - 1] > t->cols)
        t->cols = t->row_len[t->rows - 1];
    return 0;
}

/* Closes the innermost table: into the document, or (a table in a cell) into the outer cell's text. */
static int table_pop(walk_t *w)
{
    table_build_t t = w->table[--w->ntable];
    int r = 0;
    if (t.ncells == 0 || t.cols == 0) {
        table_free(&t);
        return 0;
    }
    if (w->ntable && w->table[w->ntable - 1].in_cell) {
        for (size_t i = 0; r == 0 && i < t.ncells; i++)
            if (t.cells[i][0])
                r = cell_put(w, t.cells[i], strlen(t.cells[i]));
        table_free(&t);
        return r;
    }
    char **cells = calloc((size_t)t.rows * t.cols, sizeof *cells);
    office_para_t *o = cells ? doc_add(w) : NULL;
    if (!o) {
        free(cells);
        table_free(&t);
        return set_nomem(w), -1;
    }
    size_t k = 0;
    for (uint32_t row = 0; row < t.rows; row++)
        for (uint32_t c = 0; c < t.cols; c++) {
            char **slot = &cells[(size_t)row * t.cols + c];
            if (c < t.row_len[row]) {
                *slot = t.cells[k];
                t.cells[k++] = NULL;
            } else if (!(*slot = strdup(""))) {
                r = -1;
            }
        }
    o->kind = OFFICE_PARA_TABLE;
    o->rows = t.rows;
    o->cols = t.cols;
    o->cells = cells;
    table_free(&t);
    if (r)
        set_nomem(w);
    return r;
}

/* ---- the walk ---- */

static int skip(walk_t *w)
{
    return office_xml_skip(w->x) == OFFICE_XML_ERROR ? -1 : 0;
}

/* Inside a paragraph's w:pPr: its style, alignment, indents, outline level and numbering. */
static int read_ppr(walk_t *w)
{
    office_xml_t *x = w->x;
    para_build_t *p = w->npara ? &w->para[w->npara - 1] : NULL;
    int depth = office_xml_depth(x);
    for (int ev; (ev = office_xml_next(x)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR)
            return -1;
        if (ev == OFFICE_XML_END && office_xml_depth(x) == depth)
            return 0;
        if (ev != OFFICE_XML_START)
            continue;
        if (office_xml_is(x, "pStyle")) {
            const char *v = office_xml_attr(x, "val");
            if (p && v)
                snprintf(p->style_id, sizeof p->style_id, "%s", v);
        } else if (office_xml_is(x, "numPr")) {
            continue; /* its children are read below */
        } else if (office_xml_is(x, "sectPr")) {
            continue; /* a section break: its page size is read below */
        } else if (office_xml_is(x, "pgSz") || office_xml_is(x, "pgMar")) {
            /* handled by the body's own sectPr; a paragraph's section gives the same page as a rule */
        } else if (p && docx_ppr_read(x, &p->direct)) {
            /* read */
        } else if (skip(w) != 0) { /* rPr (the paragraph mark), tabs, pPrChange, borders … */
            return -1;
        }
    }
    return 0;
}

/* Inside a run's w:rPr. */
static int read_rpr(walk_t *w)
{
    office_xml_t *x = w->x;
    int depth = office_xml_depth(x);
    for (int ev; (ev = office_xml_next(x)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR)
            return -1;
        if (ev == OFFICE_XML_END && office_xml_depth(x) == depth)
            return 0;
        if (ev != OFFICE_XML_START)
            continue;
        if (office_xml_is(x, "rStyle")) {
            const docx_style_t *s = docx_style_find(&w->st, office_xml_attr(x, "val"), 1);
            if (s)
                docx_char_style_apply(&w->st, s, &w->run);
        } else if (!docx_rpr_read(x, &w->run) && skip(w) != 0) {
            return -1;
        }
    }
    return 0;
}

static int page_size(walk_t *w, int *page_w, int *left, int *right)
{
    office_xml_t *x = w->x;
    if (office_xml_is(x, "pgSz")) {
        const char *v = office_xml_attr(x, "w");
        if (v)
            *page_w = atoi(v);
    } else {
        const char *v = office_xml_attr(x, "left"); /* valid until the next attribute is asked for */
        if (v)
            *left = atoi(v);
        if ((v = office_xml_attr(x, "right")) != NULL)
            *right = atoi(v);
    }
    return 0;
}

static int walk_body(walk_t *w)
{
    office_xml_t *x = w->x;
    int page_w = 0, left = 0, right = 0;
    for (int ev; (ev = office_xml_next(x)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR)
            return -1;
        if (ev == OFFICE_XML_TEXT) {
            if (w->in_text && w->in_run) {
                size_t n;
                const char *s = office_xml_text(x, &n);
                para_text(w, s, n);
            }
            continue;
        }
        if (ev == OFFICE_XML_END) {
            if (is_w(x, "p") && w->npara) {
                if (para_pop(w) != 0)
                    return -2;
            } else if (is_w(x, "r")) {
                w->in_run = 0;
            } else if (is_w(x, "t")) {
                w->in_text = 0;
            } else if (is_w(x, "tc") && w->ntable) {
                if (cell_end(w) != 0)
                    return -2;
            } else if (is_w(x, "tbl") && w->ntable) {
                if (table_pop(w) != 0)
                    return -2;
            }
            continue;
        }
        /* START */
        if (!strstr(office_xml_ns(x), "wordprocessingml")) {
            if (office_xml_is(x, "Fallback") && skip(w) != 0) /* mc:Fallback repeats the text box */
                return -1;
            continue;
        }
        if (office_xml_is(x, "p")) {
            if (para_push(w) != 0)
                return -2;
        } else if (office_xml_is(x, "pPr")) {
            if (read_ppr(w) != 0)
                return -1;
            if (w->npara)
                para_resolve(w, &w->para[w->npara - 1]);
        } else if (office_xml_is(x, "r")) {
            w->in_run = 1;
            if (w->npara) {
                para_resolve(w, &w->para[w->npara - 1]);
                w->run = w->para[w->npara - 1].base;
            } else {
                docx_rpr_clear(&w->run);
            }
        } else if (office_xml_is(x, "rPr") && w->in_run) {
            if (read_rpr(w) != 0)
                return -1;
        } else if (office_xml_is(x, "t") && w->in_run) {
            w->in_text = 1;
        } else if (office_xml_is(x, "tab") && w->in_run) {
            para_text(w, "\t", 1);
        } else if ((office_xml_is(x, "br") || office_xml_is(x, "cr")) && w->in_run) {
            const char *type = office_xml_attr(x, "type");
            if (!type || !strcmp(type, "textWrapping"))
                para_text(w, "\n", 1);
        } else if (office_xml_is(x, "noBreakHyphen") && w->in_run) {
            para_text(w, "-", 1);
        } else if (office_xml_is(x, "del") || office_xml_is(x, "moveFrom") || office_xml_is(x, "instrText") ||
                   office_xml_is(x, "delText") || office_xml_is(x, "sdtPr") || office_xml_is(x, "rPrChange") ||
                   office_xml_is(x, "tblPr") || office_xml_is(x, "tblGrid") || office_xml_is(x, "trPr") ||
                   office_xml_is(x, "footnoteReference") || office_xml_is(x, "endnoteReference") ||
                   office_xml_is(x, "commentReference")) {
            if (skip(w) != 0)
                return -1;
        } else if (office_xml_is(x, "tbl")) {
            if (table_push(w) != 0)
                return -2;
        } else if (office_xml_is(x, "tr") && w->ntable) {
            if (row_start(w) != 0)
                return -2;
        } else if (office_xml_is(x, "tc") && w->ntable) {
            table_build_t *t = &w->table[w->ntable - 1];
            t->in_cell = 1;
            t->span = 1;
            t->vmerge_continue = 0;
            t->cell.len = 0;
        } else if (office_xml_is(x, "gridSpan") && w->ntable) {
            const char *v = office_xml_attr(x, "val");
            int span = v ? atoi(v) : 1;
            w->table[w->ntable - 1].span = span > 0 && span < 64 ? span : 1;
        } else if (office_xml_is(x, "vMerge") && w->ntable) {
            const char *v = office_xml_attr(x, "val");
            w->table[w->ntable - 1].vmerge_continue = !v || strcmp(v, "restart") != 0;
        } else if (office_xml_is(x, "pgSz") || office_xml_is(x, "pgMar")) {
            page_size(w, &page_w, &left, &right);
        }
    }
    if (page_w > left + right && left >= 0 && right >= 0)
        w->doc->text_width = page_w - left - right;
    return 0;
}

/* Why a ZIP without a document part is not a Word document, in the staffer's words. */
static void not_document_error(office_zip_t *z, char *err, size_t errlen)
{
    char *mime = NULL;
    size_t len = 0;
    char dummy[8];
    if (office_zip_has(z, "mimetype") && office_zip_read(z, "mimetype", &mime, &len, dummy, sizeof dummy) == ZWGK_OK &&
        strstr(mime, "opendocument"))
        office_set_error(err, errlen,
                         _("%s is an OpenDocument file (.odt), not a Word document: open it and use Save As (另存为) "
                           "to save it as a Word document (*.docx)"),
                         office_zip_name(z));
    else if (office_zip_has(z, "xl/workbook.xml"))
        office_set_error(err, errlen, _("%s is an Excel workbook, not a Word document"), office_zip_name(z));
    else
        office_set_error(err, errlen,
                         _("%s is not a Word document (it has no document part): open it in Word/WPS and save it "
                           "again as .docx"),
                         office_zip_name(z));
    free(mime);
}

static zwgk_result load(office_zip_t *z, office_docx_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!z)
        return ZWGK_ERR_FORMAT;
    walk_t *w = calloc(1, sizeof *w);
    if (!w) {
        office_zip_close(z);
        office_set_error(err, errlen, _("out of memory"));
        return ZWGK_ERR_NOMEM;
    }
    w->doc = out;
    w->zip = z;
    w->lim = office_zip_limits(z);
    w->err = err;
    w->errlen = errlen;
    char part[512] = "";
    office_rels_t pkg = {0}, rels = {0};
    zwgk_result r = office_rels_load(z, "", &pkg, err, errlen);
    const office_rel_t *main = r == ZWGK_OK ? office_rels_by_type(&pkg, "officeDocument") : NULL;
    if (main && !main->external)
        snprintf(part, sizeof part, "%s", main->target);
    else if (r == ZWGK_OK && office_zip_has(z, "word/document.xml"))
        snprintf(part, sizeof part, "word/document.xml");
    office_rels_free(&pkg);
    if (r == ZWGK_OK && (!part[0] || !office_zip_has(z, part) || office_zip_has(z, "xl/workbook.xml"))) {
        not_document_error(z, err, errlen);
        r = ZWGK_ERR_FORMAT;
    }
    if (r == ZWGK_OK)
        r = office_rels_load(z, part, &rels, err, errlen);
    if (r == ZWGK_OK) {
        const office_rel_t *s = office_rels_by_type(&rels, "styles"), *n = office_rels_by_type(&rels, "numbering");
        r = docx_styles_load(z, s && !s->external ? s->target : NULL, n && !n->external ? n->target : NULL, &w->st, err,
                             errlen);
    }
    office_rels_free(&rels);
    if (r == ZWGK_OK) {
        zwgk_result why = ZWGK_ERR_FORMAT;
        w->x = office_xml_open(z, part, &why, err, errlen);
        if (!w->x)
            r = why == ZWGK_ERR_NOT_FOUND ? ZWGK_ERR_FORMAT : why;
    }
    if (r == ZWGK_OK) {
        int k = walk_body(w);
        if (k == -1) {
            office_set_error(err, errlen, "%s", office_xml_error(w->x));
            r = ZWGK_ERR_FORMAT;
        } else if (k == -2) {
            r = ZWGK_ERR_FORMAT;
        }
        out->replaced = office_xml_replaced(w->x);
    }
    office_xml_close(w->x);
    while (w->npara)
        office_buf_free(&w->para[--w->npara].text);
    while (w->ntable)
        table_free(&w->table[--w->ntable]);
    docx_styles_free(&w->st);
    free(w);
    office_zip_close(z);
    if (r != ZWGK_OK)
        office_docx_free(out);
    return r;
}

zwgk_result office_docx_load(const char *path, const char *display_name, const office_limits_t *lim, office_docx_t *out,
                             char *err, size_t errlen)
{
    return load(office_zip_open(path, display_name, lim, err, errlen), out, err, errlen);
}

zwgk_result office_docx_load_buffer(const void *data, size_t len, const char *display_name, const office_limits_t *lim,
                                    office_docx_t *out, char *err, size_t errlen)
{
    return load(office_zip_open_buffer(data, len, display_name, lim, err, errlen), out, err, errlen);
}

void office_docx_free(office_docx_t *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        office_para_t *p = &d->paras[i];
        free(p->text);
        for (size_t k = 0; p->cells && k < (size_t)p->rows * p->cols; k++)
            free(p->cells[k]);
        free(p->cells);
    }
    free(d->paras);
    memset(d, 0, sizeof *d);
}
