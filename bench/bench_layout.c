/* bench_layout.c — laying out a 30,000-character document with the kiosk's real font metrics.
 *
 * The text is both seed documents' body paragraphs from the demo database, repeated until it holds 30,000
 * characters; each run lays out every paragraph at the largest reading size (72 px) in the 1080-px reader column,
 * as a size change does: set as the reader sets it (text_set_paragraph: justified, punctuation compressed, no lone
 * last character), and, for comparison, broken only (text_layout_paragraph, what short labels use).  Prints median
 * and p99 of both over the runs.  Usage: bench_layout DEMO_DB [RUNS] [set|break]: with a third argument only that
 * one of the two is run (warm-ups included), so that an instruction count of two runs with RUNS and RUNS + 1
 * differs by exactly one layout of the document the one way (bench/arm64_icount.sh). */
#include "zwgk/content.h"
#include "zwgk/render.h"
#include "zwgk/text.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_layout DEMO_DB [RUNS] [set|break]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 200;
    const char *only = argc > 3 ? argv[3] : "";
    if (runs < 1 || (*only && strcmp(only, "set") && strcmp(only, "break"))) {
        fprintf(stderr, "usage: bench_layout DEMO_DB [RUNS] [set|break]  (RUNS at least 1)\n");
        return 2;
    }
    bool do_set = strcmp(only, "break") != 0, do_break = strcmp(only, "set") != 0;
    char err[512];
    content_t *c = content_open(argv[1], err, sizeof err);
    if (!c) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    /* Collect paragraphs until 30,000 characters. */
    const char *keys[] = {"xf-2024-zwgk-plan", "county-2023-zwgk-points"};
    content_doc_t docs[2];
    const char *paras[4096];
    int np = 0;
    size_t chars = 0;
    for (int d = 0; d < 2; d++)
        if (content_doc_get(c, content_doc_find(c, keys[d]), &docs[d]) != ZWGK_OK)
            return 1;
    while (chars < 30000 && np < 4096)
        for (int d = 0; d < 2 && chars < 30000; d++)
            for (size_t b = 0; b < docs[d].nblocks && chars < 30000 && np < 4096; b++)
                if (docs[d].blocks[b].text && *docs[d].blocks[b].text) {
                    paras[np++] = docs[d].blocks[b].text;
                    chars += utf8_count(docs[d].blocks[b].text, strlen(docs[d].blocks[b].text));
                }

    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *ren = SDL_CreateSoftwareRenderer(surface);
    render_t *rd = render_create(ren, ZWGK_FONT_REGULAR, ZWGK_FONT_BOLD, ZWGK_FONT_FACE, err, sizeof err);
    if (!rd) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    int font = render_font(rd, 72, false);
    render_measure_t m = {rd, font};
    text_lines_t lines = {0};
    int width = 1080 - 80 - 16, total_lines = 0;
    double *t = calloc((size_t)runs, sizeof *t), *tn = calloc((size_t)runs, sizeof *tn);
    text_setting_t set = {.max_width = width, .first_indent = 144, .align = TEXT_ALIGN_JUSTIFY};
    for (int r = -3; r < runs; r++) { /* three warm-up runs: the advance cache fills once, as on a kiosk */
        double t0 = now_ms();
        total_lines = 0;
        for (int p = 0; p < np && do_set; p++) {
            text_lines_clear(&lines);
            total_lines += text_set_paragraph(paras[p], strlen(paras[p]), &set, render_measure_cb, &m, &lines);
        }
        double t1 = now_ms();
        for (int p = 0; p < np && do_break; p++) {
            text_lines_clear(&lines);
            text_layout_paragraph(paras[p], strlen(paras[p]), width, 144, render_measure_cb, &m, &lines);
        }
        if (r >= 0) {
            t[r] = t1 - t0;
            tn[r] = now_ms() - t1;
        }
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    qsort(tn, (size_t)runs, sizeof *tn, cmp_double);
    printf("{\"chars\": %zu, \"paragraphs\": %d, \"lines\": %d, \"runs\": %d, \"median_ms\": %.3f, \"p99_ms\": %.3f, "
           "\"natural_median_ms\": %.3f, \"natural_p99_ms\": %.3f}\n",
           chars, np, total_lines, runs, t[runs / 2], t[(int)((runs - 1) * 0.99)], tn[runs / 2],
           tn[(int)((runs - 1) * 0.99)]);
    free(tn);
    free(t);
    text_lines_free(&lines);
    render_destroy(rd);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surface);
    content_doc_free(&docs[0]);
    content_doc_free(&docs[1]);
    content_close(c);
    SDL_Quit();
    return 0;
}
