/* screen_search.c — search without a keyboard: big on-screen keys, pinyin and initials, a candidate bar of Chinese
 * words, results as the citizen types.
 *
 * A citizen at a kiosk may not know the official name (they say 低保; the directory says 最低生活保障) and has no IME.
 * So the keys are QWERTY letters and digits; what they type is pinyin, initials or a 文号's digits; the candidate bar
 * offers Chinese words that occur in the content for the pinyin typed (yanglao → 养老), and choosing one puts the
 * word into the query.  Every key press runs the search (search.h: prepared statements, in-memory names; well under
 * a frame) and lays the results out once; a frame only draws them.  A search that finds nothing shows what others
 * looked at most.  A search is counted in local.db once, when committed (the words only, never anything personal).
 *
 * Layout: portrait puts the keyboard at the bottom, results between query and keys; landscape puts query, candidates
 * and keys on the left and results on the right, so keys keep their ≥ 96 px size on a 1080-px-high screen.  While
 * the keys are up, a result is one line of title and one of where it is (cut with "…", its match kept in view), so
 * four and a half fit at 1080×1920, 1920×1080 and 1280×800; 搜索 gives them the screen and shows them whole.
 *
 * 长者模式 (issue 10 §4) has its own keys (ELDER_COLS below: alphabetical, eight to a row, digits behind 数字), every
 * target ≥ 120 px at 1080 (scaled as the theme scales: 89 px at 1280×800), and sets the rows at the reading size
 * (≥ 60 px at 1080).  Four and a half such rows do not fit beside keys of that size: while typing three are in view at
 * each of the three sizes; after 搜索 the portrait screen holds 4½ rows of a title line and a line of where it is
 * (rows shown whole, so a long one takes more), the landscape ones keep their rows a line each (three in view). */
#include "page.h"
#include "zwgk/local.h"
#include "zwgk/search.h"
#include "zwgk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    A_KEY = ACT_SCREEN,
    A_BACKSPACE,
    A_CLEAR,
    A_SPACE,
    A_SEARCH,
    A_CANDIDATE,
    A_RESULT,
    A_SUGGEST,
    A_EDIT,
    A_EXAMPLE,
    A_HOT,
    A_TYPED,
    A_DIGITS
};

#define QUERY_MAX   192 /* bytes: 64 characters of Chinese */
#define MAX_SHOWN   30
#define MAX_SUGGEST 6
#define NCANDIDATES 8
#define MAX_HOT     6
/* A query that stood this long unchanged, its results in view, was read: it counts as a search when the citizen moves
 * on (README "What a search is, for the statistics"). */
#define SETTLE_MS 3000u

static const char *const key_rows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};

/* 长者模式's keys (issue 10 §4: every target ≥ 120 px at 1080).  Ten columns of that size do not fit 1080 px, and an
 * 80-year-old who has never typed does not know where QWERTY hides a letter; what they do know is the order of the
 * 汉语拼音字母表 from school.  So the letters stand in that order, eight to a row (a–h, i–p, q–x, y z), the keys a
 * finger wide (≥ 120 px), and the fourth row ends with a double-width 删除 (the key used most after the letters),
 * 数字, 清空 and a double-width 搜索, in the same place on both pages.  No 空格: a search never needs one (pinyin runs
 * together, yanglao), and a key less leaves the others room for their words.  Digits (文号, 年份) are rarely wanted:
 * 数字 turns the letters into a telephone's 1–9 with 0 where y z were, and 拼音 turns them back.  Four rows instead
 * of five leave the results one row more. */
#define ELDER_COLS 8
#define ELDER_ROWS 4
static const char elder_letters[] = "abcdefghijklmnopqrstuvwxyz";
static const char elder_digits[] = "1234567890";

/* A result row as laid out: its texts (in the page's arena) and the marked bytes of title and sub line. */
typedef struct hit_view {
    const char *title, *sub;
    const char *badge; /* 已废止, 已修改: before the title, as in the lists (issue 10 §6), or NULL */
    int validity;
    size_t marks[4];
} hit_view_t;

typedef struct search_screen {
    char query[QUERY_MAX];
    size_t qlen;
    char typed[QUERY_MAX]; /* what a keyboard typed, cleaned, for A_TYPED */
    search_results_t results;
    search_words_t words;
    struct {
        char title[256];
        char key[512];
        long long id;
        int is_item, type;
    } suggest[MAX_SUGGEST];
    int nsuggest;
    page_t page; /* the results column; owns each result's sub line */
    hit_view_t views[MAX_SHOWN];
    const char *example_chips[8];
    int nexample_chips;
    char hot[MAX_HOT][QUERY_MAX]; /* 热门搜索: what was searched here most often and led to a result (local.db) */
    const char *hot_chips[MAX_HOT];
    int nhot;
    SDL_Rect query_box, cand_box, keys_box, results_box, bar_box, edit_box, count_box;
    int key_w, key_h, pager_bw;
    bool keys_hidden; /* after 搜索: the results have the screen until 修改搜索 or a tap on the query */
    bool digits;      /* 长者模式: the keys show the digits instead of the letters (数字 / 拼音) */
    char count[96];   /* "共18条", shown in the bar beside the pager */
    char keycap[40][2];
    /* Counting searches: the statistics count what the citizen settled on, never each key press.  A search runs
     * from the first key to the point the citizen starts over (清空, an example, a query that does not continue the
     * last one, leaving the screen); adding letters, deleting the last ones and choosing a word for the pinyin
     * continue it.  It counts once: when committed (搜索, a result opened), else with the latest of its queries
     * that stood SETTLE_MS. */
    ui_app_t *app;           /* for counting when the screen closes (close has no app) */
    uint32_t since;          /* app->now when the query took its present value */
    bool committed;          /* the present query was counted (搜索 or a result): it is not counted again */
    bool found_counted;      /* and a result of it was opened: 热门搜索 counts it once */
    char settled[QUERY_MAX]; /* the search's query to count at its end ("" when none stood long enough) */
    size_t settled_results;
} search_screen_t;

/* ---- layout ---- */

static int text_w(ui_app_t *app, int font, const char *s)
{
    return render_text_width(app->rd, font, s, strlen(s));
}

/* Where everything goes.  While typing (portrait): the query, the candidate bar, the results with their count and
 * pager in a bar right under them, and the keys at the bottom; the keys are a little lower than other targets
 * (still above the 96 px bar, and the full target in 长者模式) so that, with each row kept to a title line and a
 * line of where it is (results_fill), four and a half results are in view.  Before anything is typed there are no
 * candidates, no count and no pages: neither the candidate bar nor the pager's bar keeps its room, the examples and
 * 热门搜索 get it.  After 搜索 the candidate bar and the keys go away and the results take the screen down to the
 * bottom, with 修改搜索 beside the query to bring the keys back.  Landscape puts query, candidates and keys on the
 * left (wide enough for ten keys of the target size, also at 1280×800) and the results with their bar on the right;
 * after 搜索 the left column keeps only the query, 修改搜索 and the count, and the results get the rest of the width.
 * The count stands at the left of the pager's bar where both fit; else, in landscape while typing, under the
 * candidates or at the candidate bar's right end (the right column keeps its height for the results), else on its
 * own line above the results. */
static void boxes(search_screen_t *s, ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    SDL_Rect body = ui_body_rect(app);
    bool landscape = app->w > app->h, idle = s->qlen == 0;
    /* nothing found and no word to offer: no empty candidate bar above 没有找到 (while results show, the bar keeps
     * its place, so that rows do not jump as candidates come and go) */
    bool no_words = idle || (s->words.count == 0 && s->results.count == 0);
    int gap = (int)(6 * t->scale) + 2;
    int side = t->gap / 2; /* keys use nearly the full width: ten of them must each stay ≥ 96 px at 1080 */
    bool elder = app->elder_mode;
    int cols = elder ? ELDER_COLS : 10, rows = elder ? ELDER_ROWS : 5;
    int kh = elder ? t->target : t->target - t->gap / 2;
    /* the 96 px bar (长者模式: 120) at this size, rounded up, and a pixel to spare; in 长者模式 also room for 删除 */
    int min_kw = (int)((elder ? 120 : 96) * t->scale + 0.999f) + 1;
    if (elder && min_kw < text_w(app, app->f_ui_bold, "删除") + t->gap)
        min_kw = text_w(app, app->f_ui_bold, "删除") + t->gap;
    if (kh < min_kw)
        kh = min_kw;
    int left_w = landscape ? app->w * 56 / 100 : app->w;
    if (landscape && left_w < cols * min_kw + (cols - 1) * gap + 2 * side)
        left_w = cols * min_kw + (cols - 1) * gap + 2 * side;
    int qh = t->target, ch = no_words ? 0 : t->target, bar_h = t->target;
    int lh = render_font_height(app->rd, app->f_ui_bold) + t->gap / 2; /* the count on a line of its own */
    int keys_max = body.h - qh - ch - 3 * t->gap; /* a very short window: the keys shrink before anything overlaps */
    if (rows * kh + (rows - 1) * gap > keys_max)
        kh = (keys_max - (rows - 1) * gap) / rows;
    /* landscape, typing: is there room for the count under the candidates without the keys getting smaller? */
    bool count_left = landscape && !s->keys_hidden && rows * kh + (rows - 1) * gap <= keys_max - lh;
    s->key_w = (left_w - 2 * side - (cols - 1) * gap) / cols;
    s->key_h = kh;
    int keys_h = rows * kh + (rows - 1) * gap;
    int bottom = body.y + body.h;
    /* the pager's buttons: wide enough for their words; the count: room for the longest it can say */
    s->pager_bw = (int)(150 * t->scale * (app->elder_mode ? 1.25f : 1.0f));
    if (s->pager_bw < text_w(app, app->f_ui, "上一页") + 2 * t->gap)
        s->pager_bw = text_w(app, app->f_ui, "上一页") + 2 * t->gap;
    int pager_w = 2 * s->pager_bw + text_w(app, app->f_ui, "第88页/共88页") + 2 * t->gap;
    int count_w = s->count[0] ? text_w(app, app->f_ui_bold, s->count) + t->gap : 0; /* set before each layout */
    int edit_w = text_w(app, app->f_ui_bold, "修改搜索") + 2 * t->gap;
    if (edit_w < t->target)
        edit_w = t->target;
    s->keys_box = s->cand_box = s->edit_box = s->count_box = s->bar_box = (SDL_Rect){0, 0, 0, 0};
    if (s->keys_hidden && landscape) {
        int side_w = app->w * 32 / 100;
        s->query_box = (SDL_Rect){t->margin, body.y + t->gap, side_w - 2 * t->margin, qh};
        s->edit_box = (SDL_Rect){t->margin, s->query_box.y + qh + t->gap / 2, side_w - 2 * t->margin, qh};
        s->count_box = (SDL_Rect){t->margin, s->edit_box.y + qh + t->gap, side_w - 2 * t->margin, bar_h};
        s->bar_box =
            (SDL_Rect){side_w + t->gap, bottom - bar_h - t->gap / 2, app->w - side_w - t->gap - t->margin, bar_h};
        s->results_box = (SDL_Rect){side_w, body.y + t->gap / 2, app->w - side_w, s->bar_box.y - t->gap - body.y};
        return;
    }
    int col_w = landscape ? left_w : app->w;
    int top, end; /* the results' column, from top to end */
    if (s->keys_hidden) {
        s->query_box = (SDL_Rect){t->margin, body.y + t->gap, app->w - 2 * t->margin - edit_w - t->gap, qh};
        s->edit_box = (SDL_Rect){s->query_box.x + s->query_box.w + t->gap, s->query_box.y, edit_w, qh};
        top = s->query_box.y + qh + t->gap / 2;
        s->bar_box = (SDL_Rect){t->margin, bottom - bar_h - t->gap / 2, app->w - 2 * t->margin, bar_h};
        end = s->bar_box.y - t->gap / 2;
    } else {
        s->query_box = (SDL_Rect){t->margin, body.y + t->gap, col_w - 2 * t->margin, qh};
        if (ch)
            s->cand_box = (SDL_Rect){t->margin, s->query_box.y + qh + t->gap / 2, col_w - 2 * t->margin, ch};
        s->keys_box = (SDL_Rect){side, bottom - keys_h - t->gap / 2, col_w - 2 * side, keys_h};
        if (landscape) {
            top = body.y + t->gap / 4;
            if (!idle)
                s->bar_box = (SDL_Rect){left_w + t->gap, bottom - bar_h - t->gap / 2,
                                        app->w - left_w - t->gap - t->margin, bar_h};
            end = idle ? bottom - t->gap / 2 : s->bar_box.y - t->gap / 4;
        } else {
            top = s->query_box.y + qh + t->gap / 2 + (ch ? ch + t->gap / 2 : 0);
            /* on the results' side of the keyboard's band, which starts half a gap above the keys */
            if (!idle)
                s->bar_box = (SDL_Rect){t->margin, s->keys_box.y - t->gap - bar_h, app->w - 2 * t->margin, bar_h};
            end = idle ? s->keys_box.y - t->gap : s->bar_box.y - t->gap / 2;
        }
    }
    int x0 = landscape && !s->keys_hidden ? left_w : 0;
    if (idle) {
        /* nothing to count */
    } else if (count_w + pager_w <= s->bar_box.w) {
        s->count_box = (SDL_Rect){s->bar_box.x, s->bar_box.y, count_w, bar_h};
    } else if (count_left) { /* under the candidates, where the query's column has room */
        int y = s->cand_box.y + ch + (s->keys_box.y - t->gap / 2 - s->cand_box.y - ch - lh) / 2;
        s->count_box = (SDL_Rect){t->margin, y, col_w - 2 * t->margin, lh};
    } else if (landscape && !s->keys_hidden && ch) { /* at the candidate bar's right end: the results keep the height */
        s->count_box = (SDL_Rect){s->cand_box.x + s->cand_box.w - count_w, s->cand_box.y, count_w, ch};
        s->cand_box.w -= count_w + t->gap / 2;
    } else { /* a narrow column: the count on a line of its own above the results */
        s->count_box = (SDL_Rect){s->bar_box.x, top, s->bar_box.w, lh};
        top += lh;
    }
    s->results_box = (SDL_Rect){x0, top, app->w - x0, end - top};
}

/* The examples shown before anything is typed (and again when nothing is found): tapping one types it. */
static const struct {
    const char *typed, *chip;
} examples[] = {
    {"ylfw", "ylfw（养老服务）"},
    {"db", "db（低保）"},
    {"yanglao", "yanglao（养老）"},
    {"2024", "2024（文号、年份）"},
};
#define NEXAMPLES (int)(sizeof examples / sizeof examples[0])

/* Bytes [ms, me) of matched, found again at `at` in sub: the mark when they are the same text, else none. */
static void mark_at(hit_view_t *v, const char *sub, size_t at, const char *matched, size_t ms, size_t me)
{
    size_t n = strlen(sub);
    if (me <= ms || at + me > n || memcmp(sub + at + ms, matched + ms, me - ms) != 0)
        return;
    v->marks[2] = at + ms;
    v->marks[3] = at + me;
}

/* What a result row says, and where its match is marked (issue 10 §5):
 *   title:    the document's title or the item's name, the match marked in it;
 *   badge:    已废止 or 已修改 before the title when a policy is not simply in force (issue 10 §6: the badge first, as
 *             in the lists);
 *   sub line: a catalog item's whole path (社会救助 › 最低生活保障 › 办事指南 — its name alone, 办事指南, says little;
 *             the path says it is in the directory); for a document its type, 文号 and date; then why it was found
 *             when
 *             that is not in view: 又称“低保” only for an item's 别名 (a true other name), 关键词“低保” for a
 * document's keyword; for a match in the text, an excerpt. Matches are marked by a tint and an underline
 * (page_row_marks), never by brackets that read as punctuation. */
enum { ROW_WHOLE, ROW_TYPING, ROW_NARROW }; /* how much of an item's path a row says: hit_view's `fit` */

static void hit_view(page_t *p, const search_hit_t *h, hit_view_t *v, int fit)
{
    memset(v, 0, sizeof *v);
    const char *matched = h->matched ? h->matched : "", *ctx = h->context ? h->context : "";
    const char *sep = strstr(ctx, " › ");
    /* a narrow column: of the path, the 一级事项 alone (最低生活保障 says which 办事指南); not when the match is in
     * the 领域 */
    if (fit == ROW_NARROW && h->is_item && sep && h->field != SEARCH_FIELD_AREA)
        ctx = sep + strlen(" › ");
    const char *date = h->date ? h->date : "";
    bool lapsed = !h->is_item && content_doc_type_has(h->doc_type, DOC_HAS_VALIDITY) && h->validity != VALIDITY_CURRENT;
    const char *why = !*matched                          ? ""
                      : h->field == SEARCH_FIELD_ALIAS   ? "又称“"
                      : h->field == SEARCH_FIELD_KEYWORD ? "关键词“"
                                                         : "";
    /* an item's path says by itself that it is in the directory: no type before it, so it keeps to one line */
    const char *head = h->is_item ? "" : search_hit_type_name(h);
    v->badge = lapsed ? content_validity_name(h->validity) : NULL;
    v->validity = h->validity;
    /* while typing an item's path stops before its name: the title line above says it */
    const char *place = !h->is_item        ? ctx
                        : !*ctx            ? h->title
                        : fit != ROW_WHOLE ? ctx
                                           : page_printf(p, "%s › %s", ctx, h->title);
    const char *at_place = page_printf(p, "%s%s", head, *head && *place ? " · " : "");
    const char *before_why = page_printf(p, "%s%s%s%s%s", at_place, place, *date ? " · " : "", date, *why ? " · " : "");
    bool body = h->field == SEARCH_FIELD_BODY && *matched;
    v->sub = page_printf(p, "%s%s%s%s%s%s", before_why, why, *why ? matched : "", *why ? "”" : "", body ? "：" : "",
                         body ? matched : "");
    v->title = h->title;
    switch (h->field) {
    case SEARCH_FIELD_TITLE:
    case SEARCH_FIELD_NAME:
        v->marks[0] = h->mark_start;
        v->marks[1] = h->mark_end;
        break;
    case SEARCH_FIELD_ALIAS:
    case SEARCH_FIELD_KEYWORD:
        mark_at(v, v->sub, strlen(before_why) + strlen(why), matched, h->mark_start, h->mark_end);
        break;
    case SEARCH_FIELD_DOC_NUMBER:
    case SEARCH_FIELD_AREA: /* the 文号, or the path's first part */
        mark_at(v, v->sub, strlen(at_place), matched, h->mark_start, h->mark_end);
        break;
    case SEARCH_FIELD_TOPIC: { /* the path's second part: after "领域 › " (the path's start when narrow) */
        const char *t2 = strstr(ctx, " › ");
        size_t off = t2 ? (size_t)(t2 - ctx) + strlen(" › ") : 0;
        if (t2 || ctx != (h->context ? h->context : ""))
            mark_at(v, v->sub, strlen(at_place) + off, matched, h->mark_start, h->mark_end);
        break;
    }
    case SEARCH_FIELD_BODY:
        mark_at(v, v->sub, strlen(v->sub) - strlen(matched), matched, h->mark_start, h->mark_end);
        break;
    default:
        break;
    }
}

/* ---- a result row on one line each for title and sub line, while typing ---- */

static size_t cp_next(const char *s, size_t i, size_t n)
{
    if (i >= n)
        return n;
    i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The largest end k in [from, n], on a character boundary, with "…" + s[from, k) (+ "…" when k < n) at most w
 * wide; lead: whether the window starts with "…".  Binary search over the bytes, snapped back to a boundary. */
static size_t fit_end(ui_app_t *app, int font, const char *s, size_t from, size_t n, int w, bool lead)
{
    int ew = render_text_width(app->rd, font, "…", strlen("…"));
    int room = w - (lead ? ew : 0);
    if (render_text_width(app->rd, font, s + from, n - from) <= room)
        return n;
    room -= ew;
    size_t lo = from, hi = n; /* lo fits, hi does not */
    while (cp_next(s, lo, n) < hi) {
        size_t mid = lo + (hi - lo) / 2;
        while (mid > lo && ((unsigned char)s[mid] & 0xC0) == 0x80)
            mid--;
        if (mid == lo)
            mid = cp_next(s, lo, n);
        if (mid >= hi)
            break;
        if (render_text_width(app->rd, font, s + from, mid - from) <= room)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t snap_next(const char *s, size_t i, size_t n)
{
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The smallest start j, on a character boundary, with "…" + s[j, n) at most w wide. */
static size_t fit_start(ui_app_t *app, int font, const char *s, size_t n, int w)
{
    int room = w - render_text_width(app->rd, font, "…", strlen("…"));
    size_t lo = 0, hi = n; /* hi fits (the empty tail), lo does not (the whole did not) */
    while (lo + 1 < hi) {
        size_t mid = snap_next(s, lo + (hi - lo) / 2, n);
        if (mid >= hi || mid <= lo)
            break;
        if (render_text_width(app->rd, font, s + mid, n - mid) <= room)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

static const char *const seps[] = {" › ", " · ", "："}; /* where a part of a sub line begins */

static size_t sep_end_at(const char *s, size_t at, size_t limit)
{
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
        size_t sl = strlen(seps[i]);
        if (at + sl <= limit && memcmp(s + at, seps[i], sl) == 0)
            return at + sl;
    }
    return 0;
}

/* "…" + s[j, k) + "…" (each "…" only where something was cut off and the text does not already say so), marks
 * moved along. */
static const char *window(page_t *p, const char *s, size_t j, size_t k, size_t n, size_t *ms, size_t *me)
{
    bool lead = j > 0 && strncmp(s + j, "…", strlen("…")) != 0;
    size_t shift = lead ? strlen("…") : 0;
    *ms = *ms - j + shift;
    *me = *me - j + shift;
    return page_printf(p, "%s%.*s%s", lead ? "…" : "", (int)(k - j), s + j, k < n ? "…" : "");
}

/* s on one line of w pixels in font: itself when it fits, else cut with "…" so that the marked bytes [*ms, *me) stay
 * in view — the end cut off when the mark is near the start; else the end kept (the item's name and why it was
 * found), starting at a part of the path (after a › or ·); else, for a mark in a long excerpt, the line starts at
 * the excerpt or at the mark.  The marks are moved to the new text; returns it (the page's). */
static const char *one_line(page_t *p, ui_app_t *app, int font, const char *s, int w, size_t *ms, size_t *me,
                            bool keep_start)
{
    size_t n = ui_short_len(s);
    if (render_text_width(app->rd, font, s, n) <= w)
        return s;
    bool marked = *ms < *me && *me <= n;
    size_t k = fit_end(app, font, s, 0, n, w, false);
    if (keep_start && marked && *me > k) {    /* the start matters more: what of the mark fits */
        for (size_t at = k; at > k / 2; at--) /* never "… · 又称“居…": a part that does not fit goes whole */
            if (sep_end_at(s, at, n)) {
                k = at;
                break;
            }
        if (*ms >= k)
            *ms = *me = 0;
        else
            *me = k;
        return page_printf(p, "%.*s…", (int)k, s);
    }
    if (!marked || *me <= k) {
        if (!marked)
            *ms = *me = 0;
        for (size_t at = k; at > k / 2 && at > *me; at--) /* rather at the end of a part than inside a word */
            if (sep_end_at(s, at, n)) {
                k = at;
                break;
            }
        return page_printf(p, "%.*s…", (int)k, s);
    }
    size_t j = fit_start(app, font, s, n, w);
    if (j <= *ms) { /* the end fits with the mark: start it at the next part */
        for (size_t at = j; at < *ms; at++) {
            size_t e = at > 0 ? sep_end_at(s, at, *ms) : 0;
            if (e) {
                j = e;
                break;
            }
        }
        return window(p, s, j, n, n, ms, me);
    }
    j = 0; /* the part the mark is in, else the mark itself */
    for (size_t at = 0; at < *ms; at++) {
        size_t e = sep_end_at(s, at, *ms);
        if (e)
            j = e;
    }
    k = fit_end(app, font, s, j, n, w, true);
    if (k < *me) {
        j = *ms;
        k = fit_end(app, font, s, j, n, w, true);
    }
    if (k <= j) { /* not even one character of the mark fits: the line's start, unmarked */
        *ms = *me = 0;
        return page_printf(p, "%.*s…", (int)fit_end(app, font, s, 0, n, w, false), s);
    }
    if (k < *me)
        *me = k;
    return window(p, s, j, k, n, ms, me);
}

/* While typing, a result is a title line and a line of where it is, so that four and a half are in view beside
 * the keys at every size; after 搜索 they are shown whole. */
static void fit_row(page_t *p, ui_app_t *app, hit_view_t *v, bool narrow)
{
    int title_font, sub_font;
    page_row_faces(p, app, true, &title_font, &sub_font);
    int w = p->width - 2 * app->theme.gap - 2; /* as page_row_spec lays them out, a little to spare for rounding */
    int tw = page_row_title_w(p, app, v->badge) - 2;
    v->title = one_line(p, app, title_font, v->title, tw, &v->marks[0], &v->marks[1], false);
    if (v->sub && *v->sub) /* narrow: the 一级事项 at the start says which item; the why only as far as it fits */
        v->sub = one_line(p, app, sub_font, v->sub, w, &v->marks[2], &v->marks[3], narrow);
}

/* The results column: the examples before anything is typed; 没有找到 with what to try next; else a row per hit. */
static void results_fill(page_t *p, ui_app_t *app, void *ctx)
{
    search_screen_t *s = ctx;
    s->nexample_chips = 0;
    if (s->qlen == 0) {
        /* 长者模式: few words (the query box says 请输入拼音或首字母, the 2024 example says 文号), so that the four
         * examples are in view beside the keys at 1280×800 too */
        page_muted(p, app,
                   app->elder_mode ? "点一下例子试试："
                                   : "用拼音首字母或全拼查找，也可以输入文号中的数字。点一下例子试试：");
        for (int i = 0; i < NEXAMPLES; i++)
            s->example_chips[s->nexample_chips++] = examples[i].chip;
        page_chips(p, app, s->example_chips, s->nexample_chips, -1, A_EXAMPLE);
        if (s->nhot) {
            page_label(p, app, "热门搜索（本机上大家常搜的）：");
            page_chips(p, app, s->hot_chips, s->nhot, -1, A_HOT);
        }
    } else if (s->results.count == 0) {
        if (!app->search) {
            page_label(p, app, "本机内容没有搜索索引，请使用目录浏览。");
            return;
        }
        page_label(p, app, page_printf(p, "没有找到“%s”。", s->query));
        page_muted(p, app,
                   "可以试试：删掉最后几个字母；只输入每个字的第一个字母（如 db 找低保）；"
                   "或回到首页，从“政务公开目录”一级一级查找。也可以点一下例子：");
        for (int i = 0; i < NEXAMPLES; i++)
            s->example_chips[s->nexample_chips++] = examples[i].chip;
        page_chips(p, app, s->example_chips, s->nexample_chips, -1, A_EXAMPLE);
        if (s->nsuggest) {
            page_label(p, app, "大家常看：");
            for (int i = 0; i < s->nsuggest; i++)
                page_row(p, app, s->suggest[i].title, NULL, A_SUGGEST, i);
        }
    }
    /* After 搜索 the rows are whole; in 长者模式 an item's path without its name again (the title says it), and in
     * landscape 长者模式 (a view of three rows at the reading size) still a line each, so that 搜索 never shows
     * fewer rows than typing did. */
    bool whole = s->keys_hidden && !(app->elder_mode && app->w > app->h);
    for (size_t i = 0; i < s->results.count && i < MAX_SHOWN; i++) {
        hit_view_t *v = &s->views[i];
        if (whole) {
            hit_view(p, &s->results.hits[i], v, app->elder_mode ? ROW_TYPING : ROW_WHOLE);
        } else { /* a line of where it is: the 一级事项 alone when the path and why do not fit */
            hit_view(p, &s->results.hits[i], v, ROW_TYPING);
            int title_font, sub_font;
            page_row_faces(p, app, true, &title_font, &sub_font);
            int sw = render_text_width(app->rd, sub_font, v->sub, ui_short_len(v->sub));
            bool narrow = s->results.hits[i].is_item && sw > p->width - 2 * app->theme.gap - 2;
            if (narrow)
                hit_view(p, &s->results.hits[i], v, ROW_NARROW);
            fit_row(p, app, v, narrow);
        }
        page_row_spec(p, app,
                      &(page_row_spec_t){.badge = v->badge,
                                         .validity = v->validity,
                                         .label = v->title,
                                         .sub = v->sub,
                                         .mark_start = v->marks[0],
                                         .mark_end = v->marks[1],
                                         .sub_mark_start = v->marks[2],
                                         .sub_mark_end = v->marks[3],
                                         .sub_reading = true,
                                         .action = A_RESULT,
                                         .arg = (long long)i});
    }
}

static void results_relayout(ui_screen_t *scr, ui_app_t *app)
{
    search_screen_t *s = scr->state;
    boxes(s, app);
    s->page.own_pager = true; /* in the bar under the results, beside their count */
    /* 长者模式 sets title and path at the reading size (≥ 60 px at 1080), a line each while typing: fewer rows are in
     * view beside the keys than 4½, and 搜索 gives them the screen (the file's head says what holds where) */
    s->page.compact_rows = !app->elder_mode;
    page_layout(&s->page, app, s->results_box, 0, results_fill, s);
}

/* A title into a suggestion's slot, cut (if it must be) before a character, never inside one. */
static void copy_title(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = 0;
}

/* Suggestions when nothing is found: what others viewed most (local.db), else the service guides. */
static int collect_suggestion(void *user, const local_stat_t *st)
{
    search_screen_t *s = user;
    if (s->nsuggest >= MAX_SUGGEST)
        return 1;
    if (strcmp(st->kind, "view_doc") != 0)
        return 0;
    snprintf(s->suggest[s->nsuggest].key, sizeof s->suggest[0].key, "%s", st->key);
    s->nsuggest++;
    return 0;
}

static void load_suggestions(search_screen_t *s, ui_app_t *app)
{
    s->nsuggest = 0;
    if (app->local)
        local_stats_each(app->local, collect_suggestion, s);
    int kept = 0;
    for (int i = 0; i < s->nsuggest; i++) { /* keys of documents that are still in this content */
        long long id = content_doc_find(app->content, s->suggest[i].key);
        content_doc_t d;
        if (id && content_doc_get(app->content, id, &d) == ZWGK_OK) {
            s->suggest[kept].id = id;
            copy_title(s->suggest[kept].title, sizeof s->suggest[0].title, d.s.title);
            s->suggest[kept].type = d.s.type;
            kept++;
            content_doc_free(&d);
        }
    }
    s->nsuggest = kept;
    content_doc_list_t guides;
    if (s->nsuggest < MAX_SUGGEST && content_docs(app->content, DOC_GUIDE, 0, 0, &guides) == ZWGK_OK) {
        for (size_t i = 0; i < guides.count && s->nsuggest < MAX_SUGGEST; i++) {
            bool dup = false;
            for (int k = 0; k < s->nsuggest; k++)
                dup |= s->suggest[k].id == guides.items[i].id;
            if (dup)
                continue;
            s->suggest[s->nsuggest].id = guides.items[i].id;
            s->suggest[s->nsuggest].type = DOC_GUIDE;
            copy_title(s->suggest[s->nsuggest].title, sizeof s->suggest[0].title, guides.items[i].title);
            s->nsuggest++;
        }
        content_doc_list_free(&guides);
    }
}

/* Runs the query and the candidates for its trailing pinyin; called on every key press. */
static void run_query(ui_screen_t *scr, ui_app_t *app)
{
    search_screen_t *s = scr->state;
    search_results_free(&s->results);
    search_words_free(&s->words);
    s->page.scroll.pos = 0;
    if (app->search && s->qlen) {
        search_run(app->search, s->query, s->qlen, MAX_SHOWN + 1, &s->results);
        /* Candidates for the letters at the end of the query (what is still pinyin). */
        size_t start = s->qlen;
        while (start > 0 && ((s->query[start - 1] >= 'a' && s->query[start - 1] <= 'z') || s->query[start - 1] == ' '))
            start--;
        if (start < s->qlen)
            search_candidates(app->search, s->query + start, s->qlen - start, NCANDIDATES, &s->words);
        if (s->results.count == 0)
            load_suggestions(s, app);
    }
    s->count[0] = 0;
    if (s->results.count > MAX_SHOWN)
        snprintf(s->count, sizeof s->count, "共%d条以上", MAX_SHOWN);
    else if (s->results.count)
        snprintf(s->count, sizeof s->count, "共%zu条", s->results.count);
    results_relayout(scr, app);
}

/* ---- counting searches (README "What a search is, for the statistics") ---- */

static void count_search(ui_app_t *app, const char *query, size_t results)
{
    ui_record_search(app, query);
    if (results == 0)
        ui_record_unmet(app, query);
}

/* The present query stood SETTLE_MS (its results were read): it is the search's query to count, unless it was
 * counted already. */
static void note_settled(search_screen_t *s, ui_app_t *app)
{
    if (s->qlen && !s->committed && app->now - s->since >= SETTLE_MS) {
        memcpy(s->settled, s->query, s->qlen + 1);
        s->settled_results = s->results.count;
    }
}

/* The search ends: its settled query counts, once.  present: the query shown is the search's last (leaving the
 * screen), not already the next one's. */
static void end_search(search_screen_t *s, ui_app_t *app, bool present)
{
    if (present)
        note_settled(s, app);
    if (s->settled[0])
        count_search(app, s->settled, s->settled_results);
    s->settled[0] = 0;
}

/* 搜索 or a result opened: the present query counts now (once, however often it is committed). */
static void commit_search(search_screen_t *s, ui_app_t *app)
{
    if (!s->qlen || s->committed)
        return;
    count_search(app, s->query, s->results.count);
    s->committed = true;
    s->settled[0] = 0; /* what stood before it was this search's way here */
}

/* The query changed from old to the present one: does it continue the same search?  Typing on or deleting from the
 * end does (and so does a word chosen for the pinyin: `chose`); emptying the query or a different one starts over. */
static void query_changed(search_screen_t *s, ui_app_t *app, const char *old, size_t olen, bool chose)
{
    if (olen == s->qlen && memcmp(old, s->query, olen) == 0)
        return;
    bool on = s->qlen > 0 &&
              (chose || (s->qlen > olen ? memcmp(old, s->query, olen) == 0 : memcmp(old, s->query, s->qlen) == 0));
    if (!on || s->committed) /* a committed search is over: what follows is another */
        end_search(s, app, false);
    s->since = app->now;
    s->committed = s->found_counted = false;
}

/* 热门搜索's words for a result: what the query meant in it — an alias, keyword or name whole (低保, 养老服务补贴), of
 * a title or a text the marked part — never the letters typed.  In dst (cap bytes); "" when there is none. */
static void hit_term(const search_hit_t *h, char *dst, size_t cap)
{
    const char *m = h->matched ? h->matched : "";
    size_t n = strlen(m), a = h->mark_start, b = h->mark_end;
    bool whole = h->field == SEARCH_FIELD_ALIAS || h->field == SEARCH_FIELD_KEYWORD || h->field == SEARCH_FIELD_NAME ||
                 h->field == SEARCH_FIELD_AREA || h->field == SEARCH_FIELD_TOPIC;
    if (whole && n > 0 && n <= 16 * 3) { /* a term, not a sentence */
        a = 0;
        b = n;
    }
    if (b > n || a >= b) {
        dst[0] = 0;
        return;
    }
    char tmp[QUERY_MAX];
    size_t len = b - a < sizeof tmp - 1 ? b - a : sizeof tmp - 1;
    memcpy(tmp, m + a, len);
    tmp[len] = 0;
    copy_title(dst, cap, tmp);
}

/* 热门搜索: what people here searched for and found, most often first (local.db found_search), read once when the
 * screen opens.  Shown as words that mean something to the next citizen: a stored term that still finds something
 * in this content; a key of letters only (pinyin or initials stored by older versions, raw keystrokes) becomes the
 * term its best result matched (ylfw → 养老服务), or is left out.  Never the same words twice. */
#define HOT_SEEN 24
typedef struct hot_walk {
    search_screen_t *s;
    ui_app_t *app;
    int seen;
} hot_walk_t;

static bool letters_only(const char *k)
{
    for (; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == ' '))
            return false;
    return true;
}

static int collect_hot(void *user, const local_stat_t *st)
{
    hot_walk_t *w = user;
    search_screen_t *s = w->s;
    if (strcmp(st->kind, "found_search") != 0 || !st->key || !*st->key)
        return 0;
    if (++w->seen > HOT_SEEN) /* the rest are rarer: no need to search them all */
        return 1;
    search_results_t r = {0};
    char term[QUERY_MAX] = "";
    if (search_run(w->app->search, st->key, strlen(st->key), 1, &r) == ZWGK_OK && r.count > 0) {
        if (letters_only(st->key))
            hit_term(&r.hits[0], term, sizeof term);
        else
            copy_title(term, sizeof term, st->key);
    }
    search_results_free(&r);
    for (int i = 0; i < s->nhot && *term; i++)
        if (!strcmp(s->hot[i], term))
            term[0] = 0;
    if (!*term)
        return 0;
    memcpy(s->hot[s->nhot], term, strlen(term) + 1);
    s->hot_chips[s->nhot] = s->hot[s->nhot];
    return ++s->nhot >= MAX_HOT;
}

static bool search_open_screen(ui_screen_t *scr, ui_app_t *app)
{
    if (!app->content)
        return false;
    search_screen_t *s = calloc(1, sizeof *s);
    if (!s)
        return false;
    scr->state = s;
    s->app = app;
    s->since = app->now;
    snprintf(scr->title, sizeof scr->title, "搜索");
    if (app->local && app->search)
        local_stats_each(app->local, collect_hot, &(hot_walk_t){s, app, 0});
    results_relayout(scr, app);
    return true;
}

static void search_close_screen(ui_screen_t *scr)
{
    search_screen_t *s = scr->state;
    if (!s)
        return;
    end_search(s, s->app, true); /* leaving (返回, 首页, the idle reset) ends the search */
    page_free(&s->page);
    search_results_free(&s->results);
    search_words_free(&s->words);
}

/* ---- drawing ---- */

static void draw_query(search_screen_t *s, ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    SDL_Rect r = s->query_box;
    render_fill_rect(app->rd, r, t->gap / 2, t->card);
    render_stroke_rect(app->rd, r, t->gap / 2, (int)(3 * t->scale) + 1, t->accent);
    int fh = render_font_height(app->rd, app->f_ui);
    int y = r.y + (r.h - fh) / 2;
    if (s->qlen) {
        int room = r.w - 2 * t->gap - (int)(8 * t->scale) - 2; /* the caret's room too */
        int x = r.x + t->gap;
        size_t j = 0; /* a long query shows "…" and its end, whole characters: that is where typing happens */
        int w = render_text_width(app->rd, app->f_ui_bold, s->query, s->qlen);
        if (w > room) {
            j = fit_start(app, app->f_ui_bold, s->query, s->qlen, room);
            x += render_text(app->rd, app->f_ui_bold, x, y, "…", strlen("…"), t->muted);
            w = render_text_width(app->rd, app->f_ui_bold, s->query + j, s->qlen - j);
        }
        render_text(app->rd, app->f_ui_bold, x, y, s->query + j, s->qlen - j, t->fg);
        if (!s->keys_hidden) /* the caret says "type here": only while there are keys to type with */
            render_fill_rect(app->rd, (SDL_Rect){x + w + 2, y, (int)(4 * t->scale) + 1, fh}, 0, t->accent);
        /* Without keys the query is also the way back to them: the whole box is tappable. */
        ui_elem_t *e = s->keys_hidden
                           ? ui_emit(app, ROLE_BUTTON, s->query, (int)s->qlen, r, A_EDIT, 0)
                           : ui_emit(app, ROLE_TEXT, s->query + j, (int)(s->qlen - j), (SDL_Rect){x, y, w, fh}, 0, 0);
        e->font_px = t->ui_px;
        e->cut = j > 0;
    } else {
        ui_label(app, app->f_ui, r.x + t->gap, y, r.w, "请输入拼音或首字母", t->muted, ROLE_TEXT);
    }
    if (s->keys_hidden) /* the keys are away: 修改搜索, or a tap on the query itself, brings them back */
        ui_button(app, s->edit_box, "修改搜索", A_EDIT, 0, true);
}

/* How many were found, and under the results the pager that turns their pages. */
static void draw_bar(search_screen_t *s, ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    SDL_Rect pr = s->bar_box;
    if (pr.w <= 0) /* nothing typed: no bar */
        return;
    if (s->count_box.y == pr.y) { /* the count at the bar's left: the pager keeps the rest */
        pr.x += s->count_box.w;
        pr.w -= s->count_box.w;
    }
    ui_pager_inline(app, &s->page.scroll, pr, s->pager_bw);
    if (s->count[0]) {
        SDL_Rect c = s->count_box;
        ui_label(app, app->f_ui_bold, c.x, c.y + (c.h - render_font_height(app->rd, app->f_ui_bold)) / 2, c.w, s->count,
                 t->fg, ROLE_TEXT);
    }
}

static void draw_candidates(search_screen_t *s, ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    SDL_Rect r = s->cand_box;
    int x = r.x;
    for (size_t i = 0; i < s->words.count; i++) {
        const char *w = s->words.items[i].word;
        int cw = render_text_width(app->rd, app->f_ui_bold, w, strlen(w)) + t->gap * 2;
        if (cw < t->target)
            cw = t->target;
        if (x + cw > r.x + r.w)
            break;
        SDL_Rect c = {x, r.y, cw, r.h};
        render_fill_rect(app->rd, c, t->gap / 2, t->chip);
        int tw = render_text_width(app->rd, app->f_ui_bold, w, strlen(w));
        render_text(app->rd, app->f_ui_bold, x + (cw - tw) / 2,
                    r.y + (r.h - render_font_height(app->rd, app->f_ui_bold)) / 2, w, strlen(w), t->fg);
        ui_elem_t *e = ui_emit(app, ROLE_BUTTON, w, -1, c, A_CANDIDATE, (long long)i);
        e->font_px = t->ui_px;
        x += cw + t->gap / 2;
    }
}

static void key(ui_app_t *app, SDL_Rect r, const char *label, int action, long long arg, bool primary)
{
    const ui_theme_t *t = &app->theme;
    render_fill_rect(app->rd, r, t->gap / 3, primary ? t->accent : t->card);
    render_stroke_rect(app->rd, r, t->gap / 3, 2, primary ? t->accent : t->line);
    int font = app->f_ui_bold;
    int tw = render_text_width(app->rd, font, label, strlen(label));
    render_text(app->rd, font, r.x + (r.w - tw) / 2, r.y + (r.h - render_font_height(app->rd, font)) / 2, label,
                strlen(label), primary ? t->accent_fg : t->fg);
    ui_elem_t *e = ui_emit(app, ROLE_KEY, label, -1, r, action, arg);
    e->font_px = t->ui_px;
}

/* The band the keys stand on: the screen's width in portrait, the left column in landscape. */
static void keys_backdrop(ui_app_t *app, SDL_Rect box)
{
    const ui_theme_t *t = &app->theme;
    render_fill_rect(
        app->rd, (SDL_Rect){0, box.y - t->gap / 2, app->w > app->h ? box.x + box.w + box.x : app->w, box.h + t->gap}, 0,
        t->bar);
}

static void draw_keys(search_screen_t *s, ui_app_t *app)
{
    SDL_Rect box = s->keys_box;
    keys_backdrop(app, box);
    int gap = (box.w - 10 * s->key_w) / 9, n = 0;
    for (int row = 0; row < 4; row++) {
        const char *keys = key_rows[row];
        int count = (int)strlen(keys);
        int row_w = count * s->key_w + (count - 1) * gap;
        int x = box.x + (box.w - row_w) / 2 - (row == 3 ? (s->key_w + gap) : 0);
        int y = box.y + row * (s->key_h + gap);
        for (int k = 0; k < count; k++, n++) {
            s->keycap[n][0] = keys[k];
            s->keycap[n][1] = 0;
            key(app, (SDL_Rect){x + k * (s->key_w + gap), y, s->key_w, s->key_h}, s->keycap[n], A_KEY, keys[k], false);
        }
        if (row == 3) /* backspace after m, twice a key wide */
            key(app, (SDL_Rect){x + count * (s->key_w + gap), y, 2 * s->key_w + gap, s->key_h}, "删除", A_BACKSPACE, 0,
                false);
    }
    int y = box.y + 4 * (s->key_h + gap);
    int third = (box.w - 2 * gap) / 3;
    key(app, (SDL_Rect){box.x, y, third, s->key_h}, "清空", A_CLEAR, 0, false);
    key(app, (SDL_Rect){box.x + third + gap, y, third, s->key_h}, "空格", A_SPACE, 0, false);
    key(app, (SDL_Rect){box.x + 2 * (third + gap), y, third, s->key_h}, "搜索", A_SEARCH, 0, true);
}

/* 长者模式's keys: the letters in alphabetical order, or the digits as on a telephone (ELDER_COLS above says why);
 * the last row is the same on both pages. */
static void draw_keys_elder(search_screen_t *s, ui_app_t *app)
{
    SDL_Rect box = s->keys_box;
    keys_backdrop(app, box);
    int kw = s->key_w, kh = s->key_h, gap = (box.w - ELDER_COLS * kw) / (ELDER_COLS - 1);
    int n = 0;
    if (!s->digits) {
        for (int i = 0; elder_letters[i]; i++, n++) {
            s->keycap[n][0] = elder_letters[i];
            s->keycap[n][1] = 0;
            SDL_Rect r = {box.x + (i % ELDER_COLS) * (kw + gap), box.y + (i / ELDER_COLS) * (kh + gap), kw, kh};
            key(app, r, s->keycap[n], A_KEY, elder_letters[i], false);
        }
    } else { /* 1–9 three to a row across the letters' width, 0 where y z were */
        int dw = (box.w - 2 * gap) / 3;
        for (int i = 0; elder_digits[i]; i++, n++) {
            s->keycap[n][0] = elder_digits[i];
            s->keycap[n][1] = 0;
            SDL_Rect r = i < 9 ? (SDL_Rect){box.x + (i % 3) * (dw + gap), box.y + (i / 3) * (kh + gap), dw, kh}
                               : (SDL_Rect){box.x, box.y + 3 * (kh + gap), 2 * kw + gap, kh};
            key(app, r, s->keycap[n], A_KEY, elder_digits[i], false);
        }
    }
    int y = box.y + 3 * (kh + gap);
#define CELL(c, span) ((SDL_Rect){box.x + (c) * (kw + gap), y, (span)*kw + ((span)-1) * gap, kh})
    key(app, CELL(2, 2), "删除", A_BACKSPACE, 0, false);
    key(app, CELL(4, 1), s->digits ? "拼音" : "数字", A_DIGITS, 0, false);
    key(app, CELL(5, 1), "清空", A_CLEAR, 0, false);
    SDL_Rect go = CELL(6, 2);
    go.w = box.x + box.w - go.x; /* to the row's end, whatever the rounding left */
    key(app, go, "搜索", A_SEARCH, 0, true);
#undef CELL
}

static void search_build(ui_screen_t *scr, ui_app_t *app)
{
    search_screen_t *s = scr->state;
    page_show(&s->page, app);
    draw_query(s, app);
    draw_bar(s, app);
    if (s->keys_hidden)
        return;
    draw_candidates(s, app);
    if (app->elder_mode)
        draw_keys_elder(s, app);
    else
        draw_keys(s, app);
}

/* ---- input ---- */

static void append(search_screen_t *s, const char *text)
{
    size_t n = strlen(text);
    if (s->qlen + n < sizeof s->query) {
        memcpy(s->query + s->qlen, text, n + 1);
        s->qlen += n;
    }
}

static void search_action(ui_screen_t *scr, ui_app_t *app, int action, long long arg)
{
    search_screen_t *s = scr->state;
    char old[QUERY_MAX];
    size_t olen = s->qlen;
    memcpy(old, s->query, s->qlen + 1);
    note_settled(s, app); /* the query about to change may have stood long enough to count */
    bool chose = false;
    switch (action) {
    case A_KEY: {
        char c[2] = {(char)arg, 0};
        append(s, c);
        break;
    }
    case A_SPACE:
        if (s->qlen && s->query[s->qlen - 1] != ' ')
            append(s, " ");
        break;
    case A_BACKSPACE:
        if (s->qlen) {
            size_t at = s->qlen - 1;
            while (at > 0 && ((unsigned char)s->query[at] & 0xC0) == 0x80) /* a whole Chinese character */
                at--;
            s->qlen = at;
            s->query[at] = 0;
        }
        break;
    case A_CLEAR:
        s->qlen = 0;
        s->query[0] = 0;
        break;
    case A_SEARCH: /* results follow every key already: 搜索 commits the search and gives them the screen */
        commit_search(s, app);
        if (s->qlen && !s->keys_hidden) {
            s->keys_hidden = true;
            results_relayout(scr, app);
        }
        return;
    case A_DIGITS: /* 长者模式: the other page of keys; the query stays */
        s->digits = !s->digits;
        return;
    case A_EDIT:
        if (s->keys_hidden) {
            s->keys_hidden = false;
            results_relayout(scr, app);
        }
        return;
    case A_CANDIDATE:
        if (arg >= 0 && (size_t)arg < s->words.count) {
            /* The chosen word replaces the pinyin it was offered for. */
            while (s->qlen > 0 &&
                   ((s->query[s->qlen - 1] >= 'a' && s->query[s->qlen - 1] <= 'z') || s->query[s->qlen - 1] == ' '))
                s->qlen--;
            s->query[s->qlen] = 0;
            char word[128];
            snprintf(word, sizeof word, "%s", s->words.items[arg].word);
            append(s, word);
            chose = true;
        }
        break;
    case A_RESULT:
        if (arg >= 0 && (size_t)arg < s->results.count) {
            const search_hit_t *h = &s->results.hits[arg];
            commit_search(s, app);
            if (!s->found_counted) { /* it led somewhere: what it meant counts for 热门搜索, once a search */
                char term[QUERY_MAX];
                hit_term(h, term, sizeof term);
                ui_record_found(app, *term ? term : h->title);
                s->found_counted = true;
            }
            if (h->is_item) {
                ui_push(app, &screen_item, h->id, 0);
            } else {
                content_doc_summary_t d = {.id = h->id, .type = h->doc_type};
                ui_open_doc(app, &d);
            }
        }
        return;
    case A_HOT:
        if (arg >= 0 && arg < s->nhot) {
            s->qlen = 0;
            s->query[0] = 0;
            append(s, s->hot[arg]);
        }
        break;
    case A_TYPED:
        append(s, s->typed);
        break;
    case A_EXAMPLE: /* typed for the citizen, keys and all: the same as pressing them */
        if (arg >= 0 && arg < NEXAMPLES) {
            s->qlen = 0;
            s->query[0] = 0;
            append(s, examples[arg].typed);
        }
        break;
    case A_SUGGEST:
        if (arg >= 0 && arg < s->nsuggest) {
            commit_search(s, app); /* the search found nothing and the citizen took what others read instead */
            content_doc_summary_t d = {.id = s->suggest[arg].id, .type = s->suggest[arg].type};
            ui_open_doc(app, &d);
        }
        return;
    default:
        return;
    }
    run_query(scr, app);
    query_changed(s, app, old, olen, chose);
}

/* A keyboard or a keyboard-wedge scanner types as the on-screen keys do: letters as pinyin (lower case), anything
 * else (an IME's word, a code) as it is, invalid UTF-8 as U+FFFD; control characters are dropped and only whole
 * characters that fit are taken, so the query stays text the query bar, the dump and the statistics can hold. */
static void search_text(ui_screen_t *scr, ui_app_t *app, const char *text)
{
    search_screen_t *s = scr->state;
    size_t len = strlen(text), n = 0;
    for (size_t at = 0, adv; at < len; at += adv) {
        uint32_t cp = utf8_decode(text + at, len - at, &adv);
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            continue;
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        char one[4];
        size_t k = utf8_encode(cp, one);
        if (s->qlen + n + k >= sizeof s->query)
            break;
        memcpy(s->typed + n, one, k);
        n += k;
    }
    s->typed[n] = 0;
    if (n)
        search_action(scr, app, A_TYPED, 0);
}

static ui_scroll_t *search_scroller(ui_screen_t *scr)
{
    return scr->state ? &((search_screen_t *)scr->state)->page.scroll : NULL;
}

static void search_dump(ui_screen_t *scr, void *f)
{
    search_screen_t *s = scr->state;
    fprintf(f, ", \"query\": \"");
    for (size_t i = 0; i < s->qlen; i++) /* the query is letters, digits, spaces and Chinese: nothing to escape */
        fputc(s->query[i] == '"' || s->query[i] == '\\' ? '_' : s->query[i], f);
    fprintf(f, "\", \"results\": %zu, \"hits\": [", s->results.count);
    /* each row as laid out, with the text its marks cover (drawn as a tint and an underline) */
    for (size_t i = 0; i < s->results.count && i < MAX_SHOWN; i++) {
        const hit_view_t *v = &s->views[i];
        size_t tn = ui_short_len(v->title), sn = ui_short_len(v->sub); /* as the row lays them out */
        fprintf(f, "%s{\"title\": ", i ? ", " : "");
        ui_dump_json_str(f, v->title, (int)tn);
        fprintf(f, ", \"sub\": ");
        ui_dump_json_str(f, v->sub, (int)sn);
        fprintf(f, ", \"marked\": [");
        ui_dump_json_str(f, v->title + v->marks[0], v->marks[1] <= tn ? (int)(v->marks[1] - v->marks[0]) : 0);
        fprintf(f, ", ");
        ui_dump_json_str(f, v->sub + v->marks[2], v->marks[3] <= sn ? (int)(v->marks[3] - v->marks[2]) : 0);
        fprintf(f, "], \"field\": \"%s\", \"item\": %s}", search_field_key(s->results.hits[i].field),
                s->results.hits[i].is_item ? "true" : "false");
    }
    fprintf(f, "]");
    page_dump(&s->page, f);
}

const ui_screen_class_t screen_search = {.name = "search",
                                         .open = search_open_screen,
                                         .close = search_close_screen,
                                         .relayout = results_relayout,
                                         .build = search_build,
                                         .on_action = search_action,
                                         .on_text = search_text,
                                         .scroller = search_scroller,
                                         .dump_extra = search_dump};
