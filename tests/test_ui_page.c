/* test_ui_page.c — the page's own promises, checked white-box with the kiosk's real font (src/ui/page.h, pages.c,
 * arena.c, dump.c).
 *
 * Pages are laid out from generated content — paragraphs of every length, headings, list items, table cards, rows,
 * tiles, a tile taller than any view — and broken for many view heights.  For each, over the page's own elements:
 * the starts ascend from 0 and the scroll extent ends at the last one; every element that fits a view is wholly
 * inside the shown part of some page; no page but one inside a taller element begins inside an element; a heading
 * never ends a page when something follows it; from page 1, M−1 page turns (ui_scroll_page) reach the end and the
 * counter (ui_scroll_page_of) names each page.  The text arena keeps what it handed out, and a layout repeated after
 * a reset allocates no new chunk.  The UI dump writes every byte that is not UTF-8 as U+FFFD (regression: a raw
 * file name in the update overlay). */
#include "check.h"
#include "ui/page.h"
#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_arena(void)
{
    ui_arena_t a = {0};
    const char *s[400];
    char *big = malloc(100 * 1024 + 1);
    memset(big, 'x', 100 * 1024);
    big[100 * 1024] = 0;
    for (int round = 0; round < 3; round++) {
        ui_arena_reset(&a);
        for (int i = 0; i < 400; i++)
            s[i] = i == 200 ? ui_arena_printf(&a, "%s", big) : ui_arena_printf(&a, "第%d条：%0*d", i, i % 97, 7);
        int n = (int)ui_arena_chunks(&a);
        bool same = true;
        for (int i = 0; i < 400; i++) {
            char want[256];
            if (i == 200)
                same &= strlen(s[i]) == 100 * 1024;
            else
                same &= snprintf(want, sizeof want, "第%d条：%0*d", i, i % 97, 7) > 0 && !strcmp(s[i], want);
        }
        CHECK(same); /* nothing handed out was overwritten by later requests */
        static int first_chunks;
        if (round == 0)
            first_chunks = n;
        else
            CHECK(n == first_chunks); /* the same layout after a reset reuses the chunks it had */
    }
    CHECK(*ui_arena_strndup(&a, "受理条件\n第二行", strlen("受理条件")) && !strcmp(ui_arena_strndup(&a, "ab", 1), "a"));
    ui_arena_free(&a);
    ui_arena_free(&a); /* twice is fine */
    free(big);
}

/* A page of generated content: n blocks of the kinds screens use. */
static void fill(page_t *p, ui_app_t *app, unsigned seed, char **texts, int ntexts)
{
    static page_tile_t tiles[7];
    for (int i = 0; i < 60; i++) {
        seed = seed * 1103515245u + 12345u;
        const char *t = texts[(seed >> 8) % (unsigned)ntexts];
        switch ((seed >> 16) % 8) {
        case 0:
            page_heading(p, app, t, 1 + (int)((seed >> 20) % 3));
            break;
        case 1:
        case 2:
            page_para(p, app, t, true, NULL, 0);
            break;
        case 3:
            page_list_item(p, app, page_printf(p, "%d.", i), t, 1, NULL, 0);
            break;
        case 4:
            page_row(p, app, t, "政策文件 · 2024-06-20", 100, i);
            break;
        case 5: {
            content_block_t b = {.kind = BLOCK_TABLE, .rows = 3, .cols = 2};
            const char *cells[6] = {"类别", "标准", "城市", t, "农村", "每人每月600元"};
            b.cells = cells;
            page_block(p, app, &b);
            break;
        }
        case 6:
            for (int k = 0; k < 7; k++)
                tiles[k] = (page_tile_t){.label = k == 3 ? t : "社会救助", .sub = "3项", .action = 100, .arg = k};
            page_tiles(p, app, tiles, 7, 2);
            break;
        default:
            page_muted(p, app, t);
            break;
        }
    }
}

/* The invariants of page breaks for the page as laid out, broken for view_h. */
static void check_breaks(page_t *p, int view_h, const char *where)
{
    page_end(p, view_h);
    int n = p->nstarts, bad = 0;
    CHECK(n >= 1 && p->starts[0] == 0);
    for (int k = 1; k < n; k++)
        bad += p->starts[k] <= p->starts[k - 1];
    CHECK(bad == 0);
    CHECK(n < 2 || (int)ui_scroll_max(&p->scroll) == p->starts[n - 1]);
    int unseen = 0, cut_tops = 0;
    for (int i = 0; i < p->nunits; i++) {
        const page_unit_t *u = &p->units[i];
        bool tall = u->bottom - u->top > view_h;
        bool seen = tall;
        for (int k = 0; k < n && !seen; k++)
            seen = p->starts[k] <= u->top && u->bottom <= p->starts[k] + p->fills[k];
        unseen += !seen;
        if (!seen && unseen < 3) {
            int k = 0;
            while (k + 1 < n && p->starts[k + 1] <= u->top)
                k++;
            fprintf(stderr, "%s: unit [%d, %d) keep %d: page %d [%d, +%d), next page %d\n", where, u->top, u->bottom,
                    u->keep, k + 1, p->starts[k], p->fills[k], k + 1 < n ? p->starts[k + 1] : -1);
        }
        for (int k = 1; k < n; k++) /* a page begins inside this element: only when it is taller than the view */
            if (u->top < p->starts[k] && p->starts[k] < u->bottom && !tall) {
                bool inside_tall = false; /* the page is one scrolled through a taller element */
                for (int j = 0; j < p->nunits && !inside_tall; j++)
                    inside_tall = p->units[j].bottom - p->units[j].top > view_h && p->units[j].top < p->starts[k] &&
                                  p->starts[k] < p->units[j].bottom;
                cut_tops += !inside_tall;
                if (!inside_tall)
                    fprintf(stderr, "%s: page %d starts at %d inside [%d, %d)\n", where, k + 1, p->starts[k], u->top,
                            u->bottom);
            }
        /* a heading's line is never the last thing a page shows when more follows */
        if (u->keep && i + 1 < p->nunits && !p->units[i + 1].keep)
            for (int k = 0; k + 1 < n; k++)
                if (u->bottom <= p->starts[k] + p->fills[k] && p->units[i + 1].top >= p->starts[k] + p->fills[k] &&
                    u->top > p->starts[k] + p->pad) {
                    fprintf(stderr, "%s: heading ends page %d\n", where, k + 1);
                    bad++;
                }
    }
    if (unseen)
        fprintf(stderr, "%s: %d elements never wholly shown (view %d, %d pages)\n", where, unseen, view_h, n);
    CHECK(unseen == 0);
    CHECK(cut_tops == 0);
    CHECK(bad == 0);
    /* M−1 turns reach the end, the counter naming each page; and back */
    p->scroll.pos = 0;
    int taps = 0, pages, wrong = 0;
    while (p->scroll.pos < ui_scroll_max(&p->scroll) && taps < 10000) {
        ui_scroll_page(&p->scroll, 1);
        taps++;
        wrong += ui_scroll_page_of(&p->scroll, &pages) != taps;
    }
    CHECK(taps == n - 1 && wrong == 0 && pages == n);
    for (int k = n - 1; k > 0; k--)
        ui_scroll_page(&p->scroll, -1);
    CHECK(p->scroll.pos == 0);
}

static void test_breaks(ui_app_t *app)
{
    /* texts of every length, from one character to a paragraph taller than a small view */
    static const char unit[] = "根据《中华人民共和国政府信息公开条例》，结合本县实际，制定本方案。";
    char *texts[12];
    for (int i = 0; i < 12; i++) {
        int reps = i < 10 ? i * i / 3 + 1 : 60;
        texts[i] = malloc(sizeof unit * (size_t)reps);
        texts[i][0] = 0;
        for (int r = 0; r < reps; r++)
            strcat(texts[i], unit);
    }
    page_t p = {0};
    static const int views[] = {180, 300, 451, 777, 1203, 1600, 4000};
    for (unsigned seed = 1; seed <= 6; seed++)
        for (int step = 0; step < UI_SIZE_STEPS; step += 3) {
            app->theme.size_step = step;
            page_begin(&p, app, 1000);
            fill(&p, app, seed, texts, 12);
            for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
                char where[64];
                snprintf(where, sizeof where, "seed %u step %d view %d", seed, step, views[v]);
                check_breaks(&p, views[v], where);
            }
        }
    /* a tile taller than every view is scrolled through, and the page after it starts on what follows */
    page_begin(&p, app, 600);
    page_para(&p, app, texts[3], true, NULL, 0);
    page_tile_t tall = {.label = texts[11], .sub = "1项", .action = 100};
    page_tiles(&p, app, &tall, 1, 1);
    page_heading(&p, app, "之后", 2);
    page_para(&p, app, texts[2], true, NULL, 0);
    check_breaks(&p, 500, "tall tile");
    CHECK(p.nstarts > 3);
    page_free(&p);
    for (int i = 0; i < 12; i++)
        free(texts[i]);
}

/* Regression (issue 10, a leftover of the pages work): a field's label ended a page with its value on the next.
 * Fields of one and several lines at every offset, at the smallest and largest size, broken for views of many
 * heights: no page but the last ends on a label. */
static void test_field_label_kept(ui_app_t *app)
{
    static const char label[] = "公开依据",
                      value[] = "《中华人民共和国政府信息公开条例》《社会救助暂行办法》《最低生活保障审核确认办法》";
    page_t p = {0};
    int ended = 0, pages = 0;
    for (int lead = 0; lead < 18; lead++) {
        app->theme.size_step = lead % 2 ? UI_SIZE_STEPS - 1 : 0;
        page_begin(&p, app, 1000);
        for (int i = 0; i < lead; i++)
            page_muted(&p, app, "信丰县民政局");
        for (int i = 0; i < 12; i++)
            page_field(&p, app, label, i % 3 ? value : "每年3月");
        /* views that hold a label and a line of its value at the largest size (below that, it cannot be kept) */
        for (int view_h = 300; view_h < 1000; view_h += 37) {
            page_end(&p, view_h);
            for (int k = 0; k + 1 < p.nstarts; k++) {
                int end = p.starts[k] + p.fills[k];
                const tv_line_t *last = NULL; /* the last line wholly on page k */
                for (int i = 0; i < p.tv.nlines; i++) {
                    const tv_line_t *l = &p.tv.lines[i];
                    if (l->y + p.pad >= p.starts[k] && l->y + l->h + p.pad <= end)
                        last = l;
                }
                pages++;
                ended += last && last->text == label;
            }
        }
    }
    CHECK(pages > 100);
    CHECK(ended == 0);
    if (ended)
        fprintf(stderr, "test_field_label_kept: %d of %d pages end on a field's label\n", ended, pages);
    page_free(&p);
}

/* The letters of a laid-out line (ideographs, Latin letters, digits). */
static int line_letters(const page_text_t *t)
{
    int n = 0;
    for (size_t a = 0, adv; a < (size_t)t->len; a += adv) {
        uint32_t cp = utf8_decode(t->text + a, (size_t)t->len - a, &adv);
        n += (cp >= '0' && cp <= '9') || (cp >= 0x4E00u && cp <= 0x9FFFu);
    }
    return n;
}

/* Regression (孤字 in summaries and row titles: "…自2024年7月1日起施/行。", "…牵头单位和责任单/位。"): a row's
 * lines at natural advances never end a paragraph with one character alone where the line before can spare one,
 * over a sweep of widths at every size. */
static void test_no_lone_last_character(ui_app_t *app)
{
    static const char *const texts[] = {
        "受理后30个工作日内作出决定，自2024年7月1日起施行。",
        "本方案共四个部分二十项任务，每项任务都写明了牵头单位和责任单位。",
        "县政府办公室关于印发信丰县2024年政务公开工作要点的通知政策解读",
        "共同生活的家庭成员人均收入低于本县当年公布的最低生活保障标准。",
    };
    page_t p = {0};
    int rows = 0, lone = 0;
    for (int step = 0; step < UI_SIZE_STEPS; step++) {
        app->theme.size_step = step;
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
            for (int width = 360; width <= 1080; width += 9) {
                page_begin(&p, app, width);
                page_row(&p, app, "标题", texts[i], 1, 0);
                page_end(&p, 1000);
                rows++;
                const page_text_t *last = &p.texts[p.ntexts - 1];
                bool two = p.ntexts >= 3; /* the title, and the summary's lines */
                if (two && line_letters(last) == 1) {
                    const page_text_t *before = &p.texts[p.ntexts - 2];
                    /* avoidable: the line before holds more than half the measure and a character to spare */
                    lone += before->w > width / 2 + 2 * before->px && line_letters(before) > 2;
                }
            }
    }
    CHECK(rows > 300);
    CHECK(lone == 0);
    if (lone)
        fprintf(stderr, "test_no_lone_last_character: %d of %d rows end on one character alone\n", lone, rows);
    page_free(&p);
}

static void test_dump_utf8(ui_app_t *app)
{
    /* a file name from a stick, a label cut inside a character, and text that is fine as it is */
    static const char name[] = "\xff\xfe\xe5\x9d更新包.db", cut[] = "码上知", fine[] = "第1页/共5页 \xef\xbf\xbd";
    ui_elem_t els[3] = {{.role = ROLE_TEXT, .label = name, .label_len = (int)strlen(name), .r = {0, 0, 10, 10}},
                        {.role = ROLE_TEXT, .label = cut, .label_len = 4, .r = {0, 20, 10, 10}},
                        {.role = ROLE_TEXT, .label = fine, .label_len = (int)strlen(fine), .r = {0, 40, 10, 10}}};
    app->elems = els;
    app->nelems = 3;
    char path[] = "/tmp/zwgk-test-dump-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    close(fd);
    CHECK(ui_dump_write(app, path));
    FILE *f = fopen(path, "rb");
    char buf[4096];
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = 0;
    unlink(path);
    size_t badpos;
    CHECK(utf8_valid(buf, n, &badpos));
    CHECK(strstr(buf, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd更新包.db\"") != NULL); /* four bad bytes */
    CHECK(strstr(buf, "\"码\xef\xbf\xbd\"") != NULL);           /* 码 and the lone lead byte */
    CHECK(strstr(buf, "\"第1页/共5页 \xef\xbf\xbd\"") != NULL); /* a real U+FFFD stays one */
    app->elems = NULL;
    app->nelems = 0;
}

/* A header name longer than the title buffer is cut between characters (it was cut inside one: a stray byte). */
static void test_title_cut(void)
{
    ui_screen_t s;
    for (int shift = 0; shift < 3; shift++) { /* each of the three places in a character a cut can fall */
        char name[400] = "";
        for (int i = 0; i < shift; i++)
            strcat(name, "x");
        while (strlen(name) + 3 < sizeof name)
            strcat(name, "社");
        ui_screen_set_title(&s, name);
        size_t n = strlen(s.title), bad;
        CHECK(n < sizeof s.title && n + 3 >= sizeof s.title);
        CHECK(utf8_valid(s.title, n, &bad));
        CHECK(!strncmp(s.title, name, n));
    }
    ui_screen_set_title(&s, "社会救助");
    CHECK(!strcmp(s.title, "社会救助"));
    ui_screen_set_title(&s, NULL);
    CHECK(s.title[0] == 0);
}

int main(void)
{
    test_title_cut();
    test_arena();
    char err[512];
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *ren = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    ui_app_t *app = calloc(1, sizeof *app);
    app->rd = ren ? render_create(ren, ZWGK_FONT_REGULAR, ZWGK_FONT_BOLD, ZWGK_FONT_FACE, err, sizeof err) : NULL;
    CHECK(app->rd != NULL);
    if (app->rd) {
        app->w = 1080;
        app->h = 1920;
        ui_relayout_all(app); /* theme and fonts, no screens */
        test_breaks(app);
        test_field_label_kept(app);
        test_no_lone_last_character(app);
        test_dump_utf8(app);
    }
    text_lines_free(&app->scratch_lines);
    render_destroy(app->rd);
    free(app);
    if (ren)
        SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surface);
    SDL_Quit();
    return check_summary("test_ui_page");
}
