/* page_read.c — 朗读 on a page (page.h): what it reads from the top of its view on, and the highlight and page turn
 * for the sentence being read (readaloud.c calls these through the screens' read_collect and read_mark hooks).
 *
 * A page's readable things are its text paragraphs (headings, paragraphs, labelled fields, list items without their
 * bullets) and the pieces that carry words — 简明问答 question rows, badges (现行有效), progress — in the order they
 * stand on the page.  QR captions, buttons and chips are controls, not the document, and are not read.  Reading
 * starts at the first line at the top of the view, with the sentence that line is in when a paragraph began on the
 * page before.  The highlight is one rectangle per line of the sentence, placed with the glyph positions the text
 * module set (justified lines included) and drawn under the text with an underline (textview.c); a row being read
 * is outlined (page.c).  Pages turn the way 下一页 turns them (ui_scroll_page, the page starts of pages.c) until the
 * sentence's first line is whole on the page. */
#include "page.h"
#include "zwgk/speech.h"

#include <string.h>

#define PIECE_KEY 0x40000000 /* keys from here are pieces (PIECE_KEY + index); below, text paragraphs */

/* Where the paragraph whose last line is lines[last] keeps its text: a list marker is a line of its own, before the
 * paragraph's, so the last line always points into the paragraph. */
static void para_text(const textview_t *tv, int last, const char **text, size_t *len)
{
    const tv_line_t *l = &tv->lines[last];
    *text = l->text - l->offset;
    *len = (size_t)l->offset + (size_t)l->len;
}

static bool in_para(const tv_line_t *l, const char *text, size_t len)
{
    return l->text >= text && l->text <= text + len;
}

/* Content y of the top of what the page shows now, and how much of it it shows (a page at rest on its start ends
 * where the page does). */
static void shown(const page_t *p, int *top, int *height)
{
    *top = (int)p->scroll.pos - p->pad;
    *height = p->scroll.view_h;
    int n, k = ui_scroll_page_of(&p->scroll, &n);
    if (p->fills && k < p->nstarts && p->scroll.pos == (float)p->starts[k] && p->fills[k] < *height)
        *height = p->fills[k];
}

void page_read_collect(page_t *p, ui_app_t *app, int from_para)
{
    const textview_t *tv = &p->tv;
    int top, height;
    shown(p, &top, &height);
    int i = 0, k = 0;
    while (i < tv->nlines || k < p->npieces) {
        int j = i; /* the next paragraph: lines [i, j) */
        while (j < tv->nlines && tv->lines[j].para == tv->lines[i].para)
            j++;
        int py = i < tv->nlines ? tv->lines[i].y : 1 << 30;
        if (k < p->npieces && p->pieces[k].y <= py) {
            const piece_t *pc = &p->pieces[k];
            const char *s = pc->kind == PIECE_ROW || pc->kind == PIECE_BADGE ? pc->label
                            : pc->kind == PIECE_PROGRESS                     ? pc->words
                                                                             : NULL;
            if (s && pc->y + pc->h > top)
                ui_read_add(app, PIECE_KEY + k, s, strlen(s), 0);
            k++;
            continue;
        }
        const char *text;
        size_t len;
        para_text(tv, j - 1, &text, &len);
        const tv_line_t *last = &tv->lines[j - 1];
        if (last->y + last->h > top && len > 0 && tv->lines[i].para >= from_para) {
            size_t from = 0;
            for (int m = i; m < j; m++) { /* a paragraph begun above the view: from its first visible line's sentence */
                const tv_line_t *l = &tv->lines[m];
                if (!in_para(l, text, len) || l->y < top)
                    continue;
                if (l->offset > 0) {
                    speech_span_t sp[256];
                    size_t n = speech_sentences(text, len, sp, 256);
                    for (size_t q = 0; q < n && q < 256; q++)
                        if (sp[q].end > (size_t)l->offset) {
                            from = sp[q].start;
                            break;
                        }
                }
                break;
            }
            ui_read_add(app, tv->lines[i].para, text + from, len - from, from);
        }
        i = j;
    }
}

/* x of byte k (0..len) of line l, from the line's x, where it is drawn. */
static int x_at(const textview_t *tv, const tv_line_t *l, ui_app_t *app, size_t k)
{
    if (k >= (size_t)l->len)
        return l->w ? l->w : render_text_width(app->rd, l->font, l->text, (size_t)l->len);
    if (l->glyph >= 0)
        return tv->gx[l->glyph + (int)utf8_count(l->text, k)];
    return render_text_width(app->rd, l->font, l->text, k);
}

void page_read_mark(page_t *p, ui_app_t *app, int key, size_t start, size_t end)
{
    textview_t *tv = &p->tv;
    tv->nmark = 0;
    p->mark_piece = -1;
    if (key < 0)
        return;
    int first_top = 0, first_bottom = 0;
    if (key >= PIECE_KEY) {
        int k = key - PIECE_KEY;
        if (k >= p->npieces)
            return;
        p->mark_piece = k;
        first_top = p->pieces[k].y;
        first_bottom = first_top + p->pieces[k].h;
    } else {
        int f = 0;
        while (f < tv->nlines && tv->lines[f].para != key)
            f++;
        int g = f;
        while (g < tv->nlines && tv->lines[g].para == key)
            g++;
        if (g == f)
            return;
        const char *text;
        size_t len;
        para_text(tv, g - 1, &text, &len);
        for (int i = f; i < g && tv->nmark < TV_MARK_MAX; i++) {
            const tv_line_t *l = &tv->lines[i];
            size_t a = (size_t)l->offset, b = a + (size_t)l->len;
            size_t s = start > a ? start : a, e = end < b ? end : b;
            if (!in_para(l, text, len) || s >= e)
                continue;
            int fh = render_font_height(app->rd, l->font);
            int x0 = x_at(tv, l, app, s - a), x1 = x_at(tv, l, app, e - a);
            SDL_Rect r = {l->x + x0, l->y + (l->h - fh) / 2, x1 - x0, fh};
            if (tv->nmark == 0) {
                first_top = l->y;
                first_bottom = l->y + l->h;
            }
            tv->mark[tv->nmark++] = r;
        }
        if (tv->nmark == 0)
            return;
    }
    for (int turns = 0; turns < 10000; turns++) { /* the page that shows the sentence's first line whole */
        int top, height;
        shown(p, &top, &height);
        if (first_bottom > top + height && p->scroll.pos < ui_scroll_max(&p->scroll))
            ui_scroll_page(&p->scroll, 1);
        else if (first_top < top && p->scroll.pos > 0)
            ui_scroll_page(&p->scroll, -1);
        else
            break;
    }
}
