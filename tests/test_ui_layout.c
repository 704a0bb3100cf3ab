/* test_ui_layout.c — both seed documents laid out with the kiosk's real font at every reading size and every
 * supported screen, checked against the Chinese line-breaking rules.
 *
 * test_text checks the rules with fixed-width metrics; this test uses Noto Sans CJK SC's real advances (proportional
 * Latin and digits, full-width punctuation), the sizes of the kiosk's ladder scaled to each screen, and the reader's
 * text width, so what is checked is what a citizen sees.  Every body block of both seed documents and of their
 * interpretations is laid out; no line may start with 、。，）… nor end with （《“…, and none may be wider than the
 * column (a single over-wide code point aside). */
#include "check.h"
#include "zwgk/content.h"
#include "zwgk/render.h"
#include "zwgk/text.h"

#include <SDL.h>
#include <stdlib.h>

static const char *const seed_docs[] = {"xf-2024-zwgk-plan", "county-2023-zwgk-points", "xf-2024-zwgk-plan-jd",
                                        "county-2023-zwgk-points-jd"};

static int lines_checked;

static void check_paragraph(render_t *rd, int font, const char *s, int width, int indent, text_lines_t *lines,
                            const char *where)
{
    render_measure_t m = {rd, font};
    text_lines_clear(lines);
    size_t len = strlen(s);
    int n = text_layout_paragraph(s, len, width, indent, render_measure_cb, &m, lines);
    CHECK(n > 0);
    size_t first_adv;
    bool starts_bad = len && text_is_no_line_start(utf8_decode(s, len, &first_adv));
    for (int i = 0; i < n; i++) {
        const text_line_t *l = &lines->lines[i];
        lines_checked++;
        if (!(i == 0 && starts_bad) && text_line_breaks_rules(s + l->start, l->end - l->start)) {
            check_failed++;
            fprintf(stderr, "%s: line breaks the rules at width %d: \"%.*s\"\n", where, width, (int)(l->end - l->start),
                    s + l->start);
        }
        if (l->width > width && utf8_count(s + l->start, l->end - l->start) > 1) {
            check_failed++;
            fprintf(stderr, "%s: line %d px wider than %d: \"%.*s\"\n", where, l->width, width,
                    (int)(l->end - l->start), s + l->start);
        }
    }
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

    /* The kiosk's ladder (40, 48, 60, 72 px at 1080) on each screen, and the reader's column: the short side sets
     * the scale, the margins are 40 px each side plus the scrollbar (ui/theme.c, ui/screen_reader.c). */
    static const int screens[][2] = {{1080, 1920}, {1920, 1080}, {1280, 800}};
    static const int ladder[] = {40, 48, 60, 72};
    text_lines_t lines = {0};
    for (size_t d = 0; d < sizeof seed_docs / sizeof seed_docs[0]; d++) {
        content_doc_t doc;
        long long id = content_doc_find(c, seed_docs[d]);
        CHECK(id != 0);
        if (!id || content_doc_get(c, id, &doc) != ZWGK_OK)
            continue;
        CHECK(doc.nblocks > 10);
        for (size_t sc = 0; sc < sizeof screens / sizeof screens[0]; sc++) {
            int w = screens[sc][0], h = screens[sc][1];
            float scale = (float)(w < h ? w : h) / 1080.0f;
            int width = w - 2 * (int)(40 * scale + 0.5f) - (int)(16 * scale);
            for (size_t k = 0; k < sizeof ladder / sizeof ladder[0]; k++) {
                int px = (int)(ladder[k] * scale + 0.5f);
                int body = render_font(rd, px, false), heading = render_font(rd, px * 5 / 4, true);
                char where[256];
                snprintf(where, sizeof where, "%s @%dx%d %dpx", seed_docs[d], w, h, px);
                check_paragraph(rd, heading, doc.s.title, width, 0, &lines, where);
                for (size_t b = 0; b < doc.nblocks; b++) {
                    const content_block_t *blk = &doc.blocks[b];
                    if (!blk->text || !*blk->text)
                        continue;
                    bool para = blk->kind == BLOCK_PARAGRAPH;
                    check_paragraph(rd, blk->kind == BLOCK_HEADING ? heading : body, blk->text,
                                    blk->kind == BLOCK_LIST_ITEM ? width - px * 3 / 2 * blk->level : width,
                                    para ? 2 * px : 0, &lines, where);
                    if (blk->lead)
                        check_paragraph(rd, body, blk->lead, width - px, 0, &lines, where);
                    if (blk->resp)
                        check_paragraph(rd, body, blk->resp, width - px, 0, &lines, where);
                }
                for (size_t q = 0; q < doc.nqas; q++) {
                    check_paragraph(rd, body, doc.qas[q].question, width, 0, &lines, where);
                    check_paragraph(rd, body, doc.qas[q].answer, width, 2 * px, &lines, where);
                }
            }
        }
        content_doc_free(&doc);
    }
    text_lines_free(&lines);
    /* Both documents have thousands of lines at the largest size: make sure the loop really ran. */
    CHECK(lines_checked > 10000);
    printf("checked %d laid-out lines\n", lines_checked);
done:
    render_destroy(rd);
    if (ren)
        SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surface);
    content_close(c);
    SDL_Quit();
    return check_summary("test_ui_layout");
}
