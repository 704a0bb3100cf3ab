/* test_ui_layout.c — both seed documents and their interpretations set by the kiosk's own page code with the real
 * font, at every reading size of every supported screen, and checked as a typesetter would check a proof.
 *
 * test_text checks the rules with fixed-width metrics; this test goes through page.c and textview.c (the code the
 * reader screen uses, at the reader's column width) with Noto Sans CJK SC's real advances, so what is checked is
 * what a citizen sees.  For every line of every paragraph:
 *   - the Chinese line-breaking rules (no line starts with 、。，）… nor ends with （《“…) and the column's width;
 *   - 两端对齐: every line of justified text but its paragraph's last ends on the column's edge, within 1 px — or,
 *     when justifying would take more than an em per place, is left ragged only if the next line's first
 *     unbreakable piece could not have fitted (a telephone number, a 文号);
 *   - 标点挤压: two full-width marks side by side never leave more than half an em of blank between their inks'
 *     halves (”、 ）： 。」 》，), and an opening mark starting a line has its ink on the margin;
 *   - 公文 落款 (`::: 落款` in the source) ends on the column's right edge, without indent;
 *   - no last line of a paragraph or heading holds a single character (孤字) where the engine's own limits allowed
 *     avoiding it: the line before could give it company with a cut loosened by ≤ em/TEXT_LOOSEN_DIVISOR per place,
 *     or take it back;
 * and, once, that the SC font really draws each compressible mark's ink in the half the engine keeps. */
#include "check.h"
#include "ui/page.h"
#include "zwgk/content.h"
#include "zwgk/render.h"
#include "zwgk/text.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>

static const char *const seed_docs[] = {"xf-2024-zwgk-plan", "county-2023-zwgk-points", "xf-2024-zwgk-plan-jd",
                                        "county-2023-zwgk-points-jd"};

typedef struct stats {
    long lines, justified_lines, paragraphs, lone_last, rule_breaks, too_wide, not_justified, holes, not_flush;
    long flush_end_lines, not_flush_end, loose_ragged;
} stats_t;

static stats_t total;

/* The kiosk's SC forms: which half of the em box holds the ink of each compressible mark. */
static void test_font_forms(void)
{
    TTF_Init();
    TTF_Font *f = TTF_OpenFontIndex(ZWGK_FONT_REGULAR, 100, ZWGK_FONT_FACE);
    CHECK(f != NULL);
    if (!f)
        return;
    int checked = 0;
    for (uint32_t cp = 0x2000; cp < 0x10000; cp++) {
        text_blank_t b = text_punct_blank(cp);
        if (b == TEXT_BLANK_NONE || !TTF_GlyphIsProvided32(f, cp))
            continue;
        int minx, maxx, miny, maxy, adv;
        if (TTF_GlyphMetrics32(f, cp, &minx, &maxx, &miny, &maxy, &adv) != 0)
            continue;
        if (adv != 100)
            continue; /* not full width in this font: never compressed (text_glyph_kind) */
        checked++;
        bool ok = b == TEXT_BLANK_END ? maxx <= 50 : b == TEXT_BLANK_START ? minx >= 50 : minx >= 25 && maxx <= 75;
        if (!ok) {
            check_failed++;
            fprintf(stderr, "U+%04X: ink %d..%d of 100 is not where its blank class (%d) puts it\n", (unsigned)cp, minx,
                    maxx, (int)b);
        }
    }
    CHECK(checked >= 30);
    TTF_CloseFont(f);
    TTF_Quit();
}

/* The ink half of a compressible mark at origin x (END: left half, START: right half). */
static void ink_half(text_blank_t b, int x, int em, int *a, int *z)
{
    *a = b == TEXT_BLANK_START ? x + em / 2 : x;
    *z = b == TEXT_BLANK_START ? x + em : x + em / 2;
}

static int letters_in(const char *s, int len)
{
    int n = 0;
    size_t adv;
    for (int i = 0; i < len; i += (int)adv) {
        uint32_t cp = utf8_decode(s + i, (size_t)(len - i), &adv);
        bool letter = (cp >= '0' && cp <= '9') || ((cp | 0x20u) >= 'a' && (cp | 0x20u) <= 'z') ||
                      (cp >= 0x3400 && cp <= 0x9FFF) || cp >= 0x20000;
        n += letter;
    }
    return n;
}

/* Could the lone last character of paragraph lines [first, last] have been avoided within the engine's limits?  The
 * test's own reckoning: break the previous line at its last opportunity and measure the looseness by places. */
static bool lone_avoidable(render_t *rd, const textview_t *tv, int first, int last, int em)
{
    if (last == first)
        return false;
    const tv_line_t *prev = &tv->lines[last - 1], *l = &tv->lines[last];
    /* the paragraph text from prev's start to the end of l */
    const char *s = prev->text;
    size_t len = (size_t)(l->text + l->len - s);
    char *brk = malloc(len + 1);
    if (!brk)
        abort();
    text_breaks(s, len, brk);
    int cut = -1;
    for (int i = prev->len - 1; i > 0; i--)
        if (brk[i] == TEXT_BREAK_ALLOW) {
            cut = i;
            break;
        }
    free(brk);
    if (cut < 0)
        return false;
    /* Places on the shortened line, counted only between two ideographs — fewer than the engine may use (it also
     * spaces Latin boundaries and after stops), so what this calls avoidable the engine must have avoided. */
    int places = 0, width = 0;
    size_t adv;
    uint32_t prev_cp = 0;
    for (int i = 0; i < cut; i += (int)adv) {
        uint32_t cp = utf8_decode(s + i, (size_t)(cut - i), &adv);
        width += render_advance(rd, prev->font, cp);
        if (i > 0 && cp >= 0x3400 && cp <= 0x9FFF && prev_cp >= 0x3400 && prev_cp <= 0x9FFF)
            places++;
        prev_cp = cp;
    }
    int slack = tv->width - prev->x - width; /* the column less where the line starts */
    return places > 0 && slack * TEXT_LOOSEN_DIVISOR <= places * em && slack >= 0 && letters_in(s, cut) > 4;
}

/* A justified line left ragged is right only when nothing more could have come up to it: the next line's text up to
 * its first break opportunity is wider than the room left. */
static bool ragged_unavoidable(render_t *rd, const textview_t *tv, int i)
{
    const tv_line_t *l = &tv->lines[i], *next = i + 1 < tv->nlines ? &tv->lines[i + 1] : NULL;
    if (!next || next->para != l->para || next->glyph < 0)
        return false;
    size_t len = (size_t)next->len;
    char *brk = malloc(len + 1);
    if (!brk)
        abort();
    text_breaks(next->text, len, brk);
    size_t first = len, adv;
    for (size_t k = 1; k < len; k++)
        if (brk[k] == TEXT_BREAK_ALLOW) {
            first = k;
            break;
        }
    free(brk);
    int w = 0;
    for (size_t k = 0; k < first; k += adv)
        w += render_advance(rd, next->font, utf8_decode(next->text + k, first - k, &adv));
    return w - render_advance(rd, next->font, 0x56FD) / 2 > tv->width - (l->x + l->w);
}

static void check_page(render_t *rd, const page_t *p, const char *where, stats_t *st)
{
    const textview_t *tv = &p->tv;
    for (int i = 0; i < tv->nlines; i++) {
        const tv_line_t *l = &tv->lines[i];
        if (l->glyph < 0)
            continue; /* a list marker */
        st->lines++;
        int em = render_advance(rd, l->font, 0x56FD);
        const int16_t *xs = tv->gx + l->glyph;
        bool last = (l->flags & TEXT_LINE_LAST) != 0;
        bool para_first = i == 0 || tv->lines[i - 1].para != l->para;
        /* rules and width */
        if (!(para_first && l->len && text_is_no_line_start(utf8_decode(l->text, (size_t)l->len, &(size_t){0}))) &&
            text_line_breaks_rules(l->text, (size_t)l->len)) {
            st->rule_breaks++;
            fprintf(stderr, "%s: line breaks the rules: \"%.*s\"\n", where, l->len, l->text);
        }
        if (l->x + l->w > tv->width + 1 && utf8_count(l->text, (size_t)l->len) > 1) {
            st->too_wide++;
            fprintf(stderr, "%s: line ends at %d past the column %d: \"%.*s\"\n", where, l->x + l->w, tv->width, l->len,
                    l->text);
        }
        /* 两端对齐 */
        if (l->align == TEXT_ALIGN_JUSTIFY && !last) {
            st->justified_lines++;
            int edge = l->x + l->w;
            if ((edge < tv->width - 1 || edge > tv->width + 1) && ragged_unavoidable(rd, tv, i)) {
                st->loose_ragged++;
                printf("%s: ragged, as nothing more fits: \"%.*s\"\n", where, l->len, l->text);
            } else if (edge < tv->width - 1 || edge > tv->width + 1) {
                st->not_justified++;
                fprintf(stderr, "%s: justified line ends at %d, column %d: \"%.*s\"\n", where, edge, tv->width, l->len,
                        l->text);
            }
        }
        /* 落款: flush right, no indent */
        if (l->align == TEXT_ALIGN_END) {
            st->flush_end_lines++;
            if (l->x + l->w < tv->width - 1 || l->x + l->w > tv->width + 1) {
                st->not_flush_end++;
                fprintf(stderr, "%s: 落款 line ends at %d, column %d: \"%.*s\"\n", where, l->x + l->w, tv->width,
                        l->len, l->text);
            }
        }
        /* 标点挤压: walk code points with their x */
        size_t adv;
        int k = 0;
        uint32_t pcp = 0;
        int px = 0;
        for (int b = 0; b < l->len; b += (int)adv, k++) {
            uint32_t cp = utf8_decode(l->text + b, (size_t)(l->len - b), &adv);
            int x = xs[k];
            bool full = render_advance(rd, l->font, cp) == em;
            text_blank_t bc = full ? text_punct_blank(cp) : TEXT_BLANK_NONE;
            if (k == 0 && bc == TEXT_BLANK_START && !(para_first && l->x > 0 && l->align == TEXT_ALIGN_JUSTIFY)) {
                /* the ink half starts where the line does */
                if (x + em / 2 > 1 || x + em / 2 < -1) {
                    st->not_flush++;
                    fprintf(stderr, "%s: opening mark not flush at line start (ink at %+d): \"%.*s\"\n", where,
                            x + em / 2, l->len, l->text);
                }
            }
            text_blank_t pb = pcp && render_advance(rd, l->font, pcp) == em ? text_punct_blank(pcp) : TEXT_BLANK_NONE;
            bool facing = (pb == TEXT_BLANK_END && (bc == TEXT_BLANK_END || bc == TEXT_BLANK_START)) ||
                          (pb == TEXT_BLANK_START && bc == TEXT_BLANK_START);
            if (k > 0 && facing) {
                int a0, a1, b0, b1;
                ink_half(pb, px, em, &a0, &a1);
                ink_half(bc, x, em, &b0, &b1);
                if (b0 - a1 > em / 2 + 1) {
                    st->holes++;
                    fprintf(stderr, "%s: %d px of blank between two marks (em %d): \"%.*s\"\n", where, b0 - a1, em,
                            l->len, l->text);
                }
            }
            pcp = cp;
            px = x;
        }
        /* 孤字: at a paragraph's last line */
        if (last) {
            st->paragraphs++;
            int first = i;
            while (first > 0 && tv->lines[first - 1].para == l->para && tv->lines[first - 1].glyph >= 0 &&
                   !(tv->lines[first - 1].flags & TEXT_LINE_LAST))
                first--;
            if (first < i && letters_in(l->text, l->len) == 1 && lone_avoidable(rd, tv, first, i, em)) {
                st->lone_last++;
                fprintf(stderr, "%s: a lone last character: \"%.*s\" / \"%.*s\"\n", where, tv->lines[i - 1].len,
                        tv->lines[i - 1].text, l->len, l->text);
            }
        }
    }
}

/* The reader's body: what reader_relayout lays out for a policy or an interpretation, without its widgets. */
static void layout_doc(page_t *p, ui_app_t *app, const content_doc_t *d)
{
    page_begin(p, app, ui_content_width(app) - (int)(16 * app->theme.scale));
    page_heading(p, app, d->s.title, 1);
    for (size_t b = 0; b < d->nblocks; b++)
        page_block(p, app, &d->blocks[b]);
    for (size_t q = 0; q < d->nqas; q++)
        page_para(p, app, d->qas[q].answer, true, NULL, 0);
}

int main(void)
{
    const char *build = getenv("ZWGK_BUILD");
    char db[4096];
    snprintf(db, sizeof db, "%s/demo.db", build ? build : "../build");
    char err[512];
    content_t *c = content_open(db, err, sizeof err);
    CHECK(c != NULL);
    if (!c) {
        fprintf(stderr, "%s\n", err);
        return check_summary("test_ui_layout");
    }
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *ren = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    render_t *rd = ren ? render_create(ren, ZWGK_FONT_REGULAR, ZWGK_FONT_BOLD, ZWGK_FONT_FACE, err, sizeof err) : NULL;
    CHECK(rd != NULL);
    if (!rd)
        goto done;
    test_font_forms();

    static const int screens[][2] = {{1080, 1920}, {1920, 1080}, {1280, 800}};
    static ui_app_t app; /* only what page.c and textview.c read: the renderer, the size and the theme */
    page_t page = {0};
    for (size_t d = 0; d < sizeof seed_docs / sizeof seed_docs[0]; d++) {
        content_doc_t doc;
        long long id = content_doc_find(c, seed_docs[d]);
        CHECK(id != 0);
        if (!id || content_doc_get(c, id, &doc) != ZWGK_OK)
            continue;
        CHECK(doc.nblocks > 10);
        for (size_t sc = 0; sc < sizeof screens / sizeof screens[0]; sc++) {
            for (int step = 0; step < UI_SIZE_STEPS; step++) {
                app.rd = rd;
                app.content = c;
                app.w = screens[sc][0];
                app.h = screens[sc][1];
                ui_theme_init(&app.theme, app.w, app.h, step, false);
                char where[256];
                snprintf(where, sizeof where, "%s @%dx%d %dpx", seed_docs[d], app.w, app.h, app.theme.body_px[step]);
                layout_doc(&page, &app, &doc);
                stats_t st = {0};
                check_page(rd, &page, where, &st);
                printf("%-48s %5ld lines %5ld justified %4ld paragraphs\n", where, st.lines, st.justified_lines,
                       st.paragraphs);
                total.lines += st.lines;
                total.justified_lines += st.justified_lines;
                total.paragraphs += st.paragraphs;
                total.lone_last += st.lone_last;
                total.rule_breaks += st.rule_breaks;
                total.too_wide += st.too_wide;
                total.not_justified += st.not_justified;
                total.holes += st.holes;
                total.not_flush += st.not_flush;
                total.not_flush_end += st.not_flush_end;
                total.loose_ragged += st.loose_ragged;
                /* the 2024 notice's 成文日期 is marked `::: 落款` in assets/demo */
                if (d == 0)
                    CHECK(st.flush_end_lines >= 1);
            }
        }
        content_doc_free(&doc);
    }
    page_free(&page);
    printf("%ld lines (%ld justified), %ld paragraphs: %ld rule breaks, %ld too wide, %ld not justified (%ld more "
           "left ragged as nothing fits), %ld punctuation holes, %ld openings not flush, %ld lone last characters\n",
           total.lines, total.justified_lines, total.paragraphs, total.rule_breaks, total.too_wide, total.not_justified,
           total.loose_ragged, total.holes, total.not_flush, total.lone_last);
    /* Both documents have thousands of lines at the largest size: make sure the loop really ran. */
    CHECK(total.lines > 10000 && total.justified_lines > 5000);
    CHECK(total.rule_breaks == 0);
    CHECK(total.too_wide == 0);
    CHECK(total.not_justified == 0);
    CHECK(total.loose_ragged * 200 < total.justified_lines); /* rare: a handful in thousands */
    CHECK(total.holes == 0);
    CHECK(total.not_flush == 0);
    CHECK(total.lone_last == 0);
    CHECK(total.not_flush_end == 0);
done:
    render_destroy(rd);
    if (ren)
        SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surface);
    content_close(c);
    SDL_Quit();
    return check_summary("test_ui_layout");
}
