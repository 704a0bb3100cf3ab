/* from_docx.c — a .docx as the importer sees a page (import_private.h): the office module reads the package
 * (zwgk/office.h, layer 4) and this file only translates Word's measures into a reader's: indents in characters of
 * the paragraph's own size (Word stores twips; 首行缩进 2 字符 at 三号 is 640 twips), alignment, face and size. */
#include "import_private.h"

#include <stdlib.h>
#include <string.h>

static int chars(int twips, int size)
{
    int em = (size ? size : 32) * 10; /* twips per character: half-points × 10 */
    return twips >= 0 ? (twips + em / 2) / em : -((-twips + em / 2) / em);
}

void imp_from_office(office_docx_t *d_, imp_source_t *src)
{
    office_docx_t d = *d_;
    size_t sizes[128] = {0};
    for (size_t i = 0; i < d.count; i++) {
        office_para_t *o = &d.paras[i];
        imp_para_t *p = imp_source_add(src);
        if (o->kind == OFFICE_PARA_TABLE) {
            p->is_table = true;
            p->rows = o->rows;
            p->cols = o->cols;
            p->cells = o->cells; /* moved */
            o->cells = NULL;
            continue;
        }
        p->text = o->text;
        o->text = NULL;
        p->label_len = o->label_len;
        p->align = o->align == OFFICE_ALIGN_CENTER ? IMP_CENTER : o->align == OFFICE_ALIGN_END ? IMP_END : IMP_START;
        p->indent = chars(o->ind_first, o->size);
        p->left = chars(o->ind_left, o->size);
        p->auto_number = o->num_level >= 0;
        p->num_level = o->num_level;
        p->outline = o->outline;
        p->bold_len = o->bold_len;
        p->size = o->size;
        p->font = o->font;
        if (o->size > 0 && o->size < 128)
            sizes[o->size] += strlen(p->text);
    }
    size_t best = 0;
    for (int k = 1; k < 128; k++)
        if (sizes[k] > best) {
            best = sizes[k];
            src->body_size = k;
        }
    src->has_fonts = true;
    src->replaced = d.replaced;
}

zwgk_result imp_from_docx(const char *path, const char *display, const office_limits_t *lim, imp_source_t *src,
                          char *err, size_t errlen)
{
    office_docx_t d;
    zwgk_result r = office_docx_load(path, display, lim, &d, err, errlen);
    if (r != ZWGK_OK)
        return r;
    imp_from_office(&d, src);
    office_docx_free(&d);
    return ZWGK_OK;
}
