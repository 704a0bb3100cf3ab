/* screen_reader.c — reading a document: policy, notice, interpretation, service guide, 民生实事, 征求意见.
 *
 * 政策＋解读＋办事: when a policy has an interpretation or a service guide, the reader shows tabs 原文 / 解读 / 办事
 * over one page, whichever of the three was opened; each tab keeps its own scroll position.  A fixed toolbar holds
 * the tabs and the document's own actions; the size control is the app's (the foot bar, or the header in landscape),
 * and changing size re-lays out and keeps the reading position.
 * Each document type has its own layout function below; all of them write into one page (page.h), which lays out
 * once and draws culled.  QR codes: 码上知 (the online original) and 码上办 (the online service) side by side, each
 * with a line saying what the scan opens. */
#include "page.h"
#include "zwgk/local.h"
#include "zwgk/print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_TAB = ACT_SCREEN, A_QA, A_FLOW, A_DOC, A_PRINT, A_PRINT_FORM, A_RATE, A_REASON, A_REPLACEMENT };
enum { TAB_ORIGINAL, TAB_INTERP, TAB_GUIDE, TAB_COUNT };

/* How the toolbar is arranged (see toolbar_measure): measured once per layout, used by the layout and the build. */
typedef struct toolbar {
    bool two_rows;     /* 朗读 and its controls on a second row */
    bool print_in_bar; /* 打印 in the first row; else in the page, under the title */
    int h;             /* its height */
} toolbar_t;

typedef struct reader {
    content_doc_t docs[TAB_COUNT]; /* a single document lives in docs[TAB_ORIGINAL] when there is no triad */
    bool has[TAB_COUNT];
    int tab, ntabs;
    const char *tab_labels[TAB_COUNT];
    int tab_of_chip[TAB_COUNT];
    float tab_pos[TAB_COUNT];
    bool *qa_open[TAB_COUNT]; /* per tab, one per question of its 简明问答: the answer is shown */
    page_t page;              /* owns every line the layouts below compose (page_printf) */
    toolbar_t bar;            /* as measured by the last reader_relayout */
} reader_t;

/* The toolbar over the page holds what belongs to this document: the tabs 原文 / 解读 / 办事 on the left, and on the
 * right its own actions, 朗读 and 打印.  The reading size and the way back are the app's (ui_draw_footer, the header),
 * the same on every screen.  When the tabs, 朗读 and 打印 do not fit in one row (长者模式's wider buttons on a
 * portrait panel), 朗读 and its controls get a second row of their own. */
static int tab_width(const ui_app_t *app, const char *label)
{
    const ui_theme_t *t = &app->theme;
    int w = render_text_width(app->rd, app->f_ui_bold, label, strlen(label)) + t->gap * 3;
    return w < t->target ? t->target : w;
}

static int toolbar_tabs_end(const reader_t *r, const ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    int x = t->margin;
    for (int i = 0; r->ntabs > 1 && i < r->ntabs; i++)
        x += tab_width(app, r->tab_labels[i]) + t->gap / 2;
    return x;
}

/* Measures the tabs once.  Two rows when the tabs, 打印 and 朗读's controls do not fit in one; 打印 goes in the first
 * row when the tabs leave room for it, else into the page, under the title, so it is never lost. */
static toolbar_t toolbar_measure(const reader_t *r, const ui_app_t *app)
{
    const ui_theme_t *t = &app->theme;
    int tabs_end = toolbar_tabs_end(r, app), bw = ui_tool_button_width(app), row = t->target + t->gap * 2;
    toolbar_t b;
    b.two_rows = tabs_end + bw + t->gap + ui_read_controls_width(app, false) + t->margin > app->w;
    b.print_in_bar = tabs_end + t->gap / 2 + bw + t->margin <= app->w;
    b.h = b.two_rows ? 2 * row - t->gap : row;
    return b;
}

static int print_what(const content_doc_t *d)
{
    return d->s.type == DOC_GUIDE ? PRINT_GUIDE : PRINT_POLICY;
}

/* Under the toolbar, down to the bottom: the page puts its pager in there when it needs one. */
static SDL_Rect reader_area(const reader_t *r, const ui_app_t *app)
{
    SDL_Rect body = ui_body_rect(app);
    return (SDL_Rect){body.x, body.y + r->bar.h, body.w, body.h - r->bar.h};
}

/* ---- per-type layouts ---- */

static void meta_line(page_t *p, ui_app_t *app, const content_doc_t *d)
{
    page_muted(p, app,
               page_printf(p, "%s%s%s%s%s", d->s.issuer ? d->s.issuer : "", d->s.issuer && d->s.doc_number ? " · " : "",
                           d->s.doc_number ? d->s.doc_number : "", d->s.issuer || d->s.doc_number ? " · " : "",
                           d->s.publish_date ? d->s.publish_date : ""));
}

static const char *cap_online(void)
{
    return "码上知：扫码在手机上看本文网上原文";
}

static const char *cap_service(reader_t *r, page_t *p)
{
    return page_printf(p, "码上办：扫码在网上办理%s", r->has[TAB_GUIDE] ? r->docs[TAB_GUIDE].s.title : "");
}

static void body_blocks(reader_t *r, page_t *p, ui_app_t *app, const content_doc_t *d)
{
    const bool *open = r->qa_open[r->tab];
    for (size_t i = 0; i < d->nblocks; i++) {
        const content_block_t *b = &d->blocks[i];
        page_block(p, app, b);
        /* 简明问答: the questions follow their section heading; each opens its answer below it.  Every question,
         * however many (a bitmask of 64 once dropped the rest: hostile_content.py, qa-500). */
        if (b->kind == BLOCK_HEADING && b->text && !strcmp(b->text, "简明问答"))
            for (size_t q = 0; q < d->nqas; q++) {
                bool shown = open && open[q];
                page_row(p, app, d->qas[q].question, shown ? "收起答案" : "点此查看答案", A_QA, (long long)q);
                if (shown)
                    page_para(p, app, d->qas[q].answer, true, NULL, 0);
            }
    }
}

/* 打印 under the title when the toolbar has no room for it. */
static void print_button_in_page(reader_t *r, page_t *p, ui_app_t *app, const content_doc_t *d)
{
    if (ui_print_available(app, d, print_what(d)) && !r->bar.print_in_bar)
        page_button(p, app, "打印", A_PRINT, print_what(d));
}

/* A document no longer in force says so before anything else, and leads to the one that replaced it. */
static void validity_banner(page_t *p, ui_app_t *app, const content_doc_t *d)
{
    if (!content_doc_type_has(d->s.type, DOC_HAS_VALIDITY) || d->s.validity == VALIDITY_CURRENT)
        return;
    bool repealed = d->s.validity == VALIDITY_REPEALED;
    page_banner(p, app, repealed ? "本文件已废止" : "本文件已修改",
                repealed ? "本文件已经不再执行，仅供查阅。" : "本文件的部分内容已经修改，请以修改后的规定为准。");
    if (d->replaced_by)
        page_row(p, app, page_printf(p, "请看现行文件：%s", d->replaced_by_title), "点此打开", A_REPLACEMENT,
                 d->replaced_by);
}

static void layout_policy(reader_t *r, page_t *p, ui_app_t *app, const content_doc_t *d)
{
    validity_banner(p, app, d);
    page_heading(p, app, d->s.title, 1);
    print_button_in_page(r, p, app, d);
    meta_line(p, app, d);
    page_badge(p, app, content_validity_name(d->s.validity), d->s.validity);
    if (d->valid_until)
        page_muted(p, app, page_printf(p, "有效期至：%s", d->valid_until));
    const char *service = r->has[TAB_GUIDE] ? r->docs[TAB_GUIDE].service_url : NULL;
    if (!p->nrail)
        page_qr_pair(p, app, d->url, cap_online(), service, cap_service(r, p));
    body_blocks(r, p, app, d);
}

static void layout_interp(reader_t *r, page_t *p, ui_app_t *app, const content_doc_t *d)
{
    page_heading(p, app, d->s.title, 1);
    page_muted(p, app, page_printf(p, "解读单位：%s", d->unit ? d->unit : ""));
    if (d->interpreter && *d->interpreter)
        page_muted(p, app, page_printf(p, "解读人：%s", d->interpreter));
    if (d->s.publish_date)
        page_muted(p, app, page_printf(p, "发布日期：%s", d->s.publish_date));
    if (!p->nrail)
        page_qr(p, app, d->url, cap_online());
    body_blocks(r, p, app, d);
}

static void layout_guide(reader_t *r, page_t *p, ui_app_t *app, const content_doc_t *d)
{
    page_heading(p, app, d->s.title, 1);
    print_button_in_page(r, p, app, d);
    /* The rehearsal comes first: it is what a first-time visitor most needs, and it must be visible on opening. */
    if (d->nsteps)
        page_button(p, app, "办事流程演示：一步一步看", A_FLOW, d->s.id);
    page_heading(p, app, "受理条件", 2);
    /* Conditions given as a list in the source arrive one per line: show them as a list, each line copied into the
     * page (once carved by hand into a 64 KiB block: 65 steps or 64 KB of conditions overflowed it,
     * hostile_content.py guide-200, guide-conditions-688, guide-50k). */
    const char *c = d->conditions ? d->conditions : "";
    if (strchr(c, '\n')) {
        for (const char *line = c; *line;) {
            const char *end = strchr(line, '\n');
            size_t n = end ? (size_t)(end - line) : strlen(line);
            if (n)
                page_list_item(p, app, "•", page_strndup(p, line, n), 1, NULL, 0);
            line += n + (end != NULL);
        }
    } else {
        page_para(p, app, c, false, NULL, 0);
    }
    page_field(p, app, "受理范围", d->scope);
    page_heading(p, app, "所需材料", 2);
    if (ui_print_available(app, d, PRINT_FORM)) /* the 依申请公开 guide: its form, blank, to fill in by hand */
        page_button(p, app, "打印空白申请表", A_PRINT_FORM, 0);
    for (size_t i = 0; i < d->nmaterials; i++) {
        const content_material_t *m = &d->materials[i];
        /* The checklist line carries form and count in words: 原件 1份; a count of 0 is 免提交 (shown at the window or
         * looked up, never handed in). */
        const char *line = m->count > 0
                               ? page_printf(p, "%s（%s %d份）%s%s", m->name ? m->name : "", m->form ? m->form : "",
                                             m->count, m->note ? "：" : "", m->note ? m->note : "")
                               : page_printf(p, "%s（%s，免提交）%s%s", m->name ? m->name : "", m->form ? m->form : "",
                                             m->note ? "：" : "", m->note ? m->note : "");
        page_list_item(p, app, "□", line, 1, NULL, 0);
    }
    page_heading(p, app, "办理流程", 2);
    for (size_t i = 0; i < d->nsteps; i++)
        page_list_item(p, app, page_printf(p, "%zu.", i + 1), d->steps[i].title ? d->steps[i].title : "", 1, NULL, 0);
    page_field(p, app, "办理时限", d->time_limit);
    page_field(p, app, "收费", d->fee);
    page_field(p, app, "办理地点", d->place);
    page_field(p, app, "办公时间", d->hours);
    page_field(p, app, "咨询电话", d->phone);
    page_field(p, app, "监督投诉电话", d->complaint_phone);
    if (!p->nrail)
        page_qr(p, app, d->service_url, cap_service(r, p));
    body_blocks(r, p, app, d);
}

static void layout_other(reader_t *r, page_t *p, ui_app_t *app, const content_doc_t *d)
{
    page_heading(p, app, d->s.title, 1);
    meta_line(p, app, d);
    if (d->s.type == DOC_PROJECT) {
        page_field(p, app, "目标任务", d->target);
        page_progress(p, app, d->s.progress);
        page_field(p, app, "牵头单位", d->lead_unit);
        page_field(p, app, "进展状态", content_project_status_name(d->s.status));
    } else if (d->s.type == DOC_CONSULTATION) {
        page_heading(p, app, page_printf(p, "意见反馈截止日期：%s", d->s.deadline ? d->s.deadline : ""), 3);
        page_field(p, app, "如何提出意见", d->respond);
        if (!p->nrail)
            page_qr(p, app, d->respond_url, "扫码在手机上提交意见");
    }
    if (d->s.type != DOC_CONSULTATION && !p->nrail)
        page_qr(p, app, d->url, cap_online());
    body_blocks(r, p, app, d);
}

static void reader_fill(page_t *p, ui_app_t *app, void *ctx)
{
    reader_t *r = ctx;
    const content_doc_t *d = &r->docs[r->tab];
    switch (d->s.type) {
    case DOC_POLICY:
        layout_policy(r, p, app, d);
        break;
    case DOC_INTERPRETATION:
        layout_interp(r, p, app, d);
        break;
    case DOC_GUIDE:
        layout_guide(r, p, app, d);
        break;
    default:
        layout_other(r, p, app, d);
        break;
    }
    /* 好差评, after the content the citizen came for: part of the page, never over it */
    ui_rating_card(app, p, d->s.key, A_RATE, A_REASON);
}

static void rail_card(page_t *p, const char *url, const char *title, const char *sub)
{
    if (url && *url && p->nrail < PAGE_RAIL_MAX)
        p->rail[p->nrail++] = (page_rail_card_t){.url = url, .title = title, .sub = sub};
}

/* Landscape: the QR codes stand in a rail beside the text (page.h), so the text begins on page 1 and the lines keep
 * a book's length (at most 34 characters) instead of running across 1920 pixels. */
static void reader_rail(reader_t *r, ui_app_t *app)
{
    page_t *p = &r->page;
    const content_doc_t *d = &r->docs[r->tab];
    p->nrail = 0;
    p->max_ems = app->w > app->h ? 34 : 0;
    if (app->w <= app->h)
        return;
    switch (d->s.type) {
    case DOC_POLICY:
        rail_card(p, d->url, "码上知", "看网上原文");
        if (r->has[TAB_GUIDE])
            rail_card(p, r->docs[TAB_GUIDE].service_url, "码上办", "在网上办理");
        break;
    case DOC_GUIDE:
        rail_card(p, d->service_url, "码上办", "在网上办理");
        break;
    case DOC_CONSULTATION:
        rail_card(p, d->respond_url, "扫码提意见", "在手机上提交");
        break;
    default:
        rail_card(p, d->url, "码上知", "看网上原文");
        break;
    }
}

static void reader_relayout(ui_screen_t *s, ui_app_t *app)
{
    reader_t *r = s->state;
    const content_doc_t *d = &r->docs[r->tab];
    reader_rail(r, app);
    r->bar = toolbar_measure(r, app);
    /* 16 px at the right besides the margins: the scrollbar never touches the text */
    page_layout(&r->page, app, reader_area(r, app), (int)(16 * app->theme.scale), reader_fill, r);
    s->name = d->s.type == DOC_GUIDE ? "guide" : d->s.type == DOC_INTERPRETATION ? "interpretation" : "reader";
    snprintf(s->title, sizeof s->title, "%s", content_doc_type_name(d->s.type));
}

/* Loads the document and, for the triad, its policy, interpretation and guide. */
static bool reader_open(ui_screen_t *s, ui_app_t *app)
{
    if (!app->content)
        return false;
    reader_t *r = calloc(1, sizeof *r);
    if (!r)
        return false;
    s->state = r;
    content_doc_t d;
    if (content_doc_get(app->content, s->arg, &d) != ZWGK_OK)
        return false;
    long long policy = d.s.type == DOC_POLICY ? d.s.id : 0;
    for (size_t i = 0; !policy && i < d.related.count; i++)
        if (d.related.items[i].type == DOC_POLICY)
            policy = d.related.items[i].id;
    int opened = d.s.type == DOC_INTERPRETATION ? TAB_INTERP : d.s.type == DOC_GUIDE ? TAB_GUIDE : TAB_ORIGINAL;
    if (!policy || (d.s.type != DOC_POLICY && d.s.type != DOC_INTERPRETATION && d.s.type != DOC_GUIDE)) {
        r->docs[opened] = d;
        r->has[opened] = true;
    } else {
        if (policy == d.s.id) {
            r->docs[TAB_ORIGINAL] = d;
        } else {
            r->docs[opened] = d;
            r->has[opened] = true;
            if (content_doc_get(app->content, policy, &r->docs[TAB_ORIGINAL]) != ZWGK_OK)
                return false;
        }
        r->has[TAB_ORIGINAL] = true;
        const content_doc_list_t *rel = &r->docs[TAB_ORIGINAL].related;
        for (size_t i = 0; i < rel->count; i++) {
            int tab = rel->items[i].type == DOC_INTERPRETATION ? TAB_INTERP
                      : rel->items[i].type == DOC_GUIDE        ? TAB_GUIDE
                                                               : -1;
            if (tab < 0 || r->has[tab])
                continue; /* the first of each kind: newest interpretation, first listed guide */
            if (content_doc_get(app->content, rel->items[i].id, &r->docs[tab]) == ZWGK_OK)
                r->has[tab] = true;
        }
    }
    r->tab = opened;
    for (int i = 0; i < TAB_COUNT; i++)
        if (r->has[i] && r->docs[i].nqas && !(r->qa_open[i] = calloc(r->docs[i].nqas, sizeof *r->qa_open[i])))
            return false;
    app->session.visited = true;
    ui_record_view(app, LOCAL_VIEW_DOC, r->docs[opened].s.key); /* anonymous: which document, never who */
    static const char *const labels[TAB_COUNT] = {"原文", "解读", "办事"};
    for (int i = 0; i < TAB_COUNT; i++)
        if (r->has[i]) {
            r->tab_of_chip[r->ntabs] = i;
            r->tab_labels[r->ntabs++] = labels[i];
        }
    reader_relayout(s, app);
    return true;
}

static void reader_close(ui_screen_t *s)
{
    reader_t *r = s->state;
    if (!r)
        return;
    page_free(&r->page);
    for (int i = 0; i < TAB_COUNT; i++) {
        content_doc_free(&r->docs[i]);
        free(r->qa_open[i]);
    }
}

static void reader_build(ui_screen_t *s, ui_app_t *app)
{
    reader_t *r = s->state;
    const ui_theme_t *t = &app->theme;
    SDL_Rect body = ui_body_rect(app);
    page_show(&r->page, app);

    /* The toolbar: tabs on the left when the triad exists, 朗读 and 打印 on the right; while reading aloud, the
     * reading's own controls instead (a tab change would stop it).  When that is too wide for one row, 朗读 and its
     * controls have a second row of their own. */
    bool rows2 = r->bar.two_rows;
    SDL_Rect bar = {0, body.y, app->w, r->bar.h};
    render_fill_rect(app->rd, bar, 0, t->bar);
    int x = t->margin, y = body.y + t->gap;
    if (rows2) {
        ui_read_controls(app, x, y + t->target + t->gap, app->w - 2 * t->margin);
    } else if (ui_read_active(app)) {
        ui_read_controls(app, x, y, app->w - 2 * t->margin);
        return;
    }
    if (r->ntabs > 1)
        for (int i = 0; i < r->ntabs; i++) {
            const char *label = r->tab_labels[i];
            int w = tab_width(app, label);
            SDL_Rect tr = {x, y, w, t->target};
            bool sel = r->tab_of_chip[i] == r->tab;
            render_fill_rect(app->rd, tr, t->gap / 2, sel ? t->accent : t->card);
            render_stroke_rect(app->rd, tr, t->gap / 2, 2, t->accent);
            int th = render_font_height(app->rd, app->f_ui_bold);
            render_text(app->rd, app->f_ui_bold, x + t->gap * 3 / 2, y + (t->target - th) / 2, label, strlen(label),
                        sel ? t->accent_fg : t->fg);
            ui_elem_t *e = ui_emit(app, ROLE_TAB, label, -1, tr, A_TAB, r->tab_of_chip[i]);
            e->value = sel;
            e->font_px = t->ui_px;
            x += w + t->gap / 2;
        }
    int right = app->w - t->margin;
    if (!rows2) {
        int rw = ui_read_controls_width(app, false);
        right -= rw;
        ui_read_controls(app, right, y, rw);
        right -= t->gap;
    }
    /* 打印: a guide's 明白纸, a policy's first page */
    const content_doc_t *d = &r->docs[r->tab];
    int bw = ui_tool_button_width(app);
    if (ui_print_available(app, d, print_what(d)) && r->bar.print_in_bar)
        ui_button(app, (SDL_Rect){right - bw, y, bw, t->target}, "打印", A_PRINT, print_what(d), true);
}

/* 朗读: the document shown, from the current page on, with its own readings of names. */
static void reader_read_collect(ui_screen_t *s, ui_app_t *app)
{
    reader_t *r = s->state;
    const content_doc_t *d = &r->docs[r->tab];
    ui_read_readings(app, d->readings, d->nreadings);
    page_read_collect(&r->page, app, 0);
}

static void reader_read_mark(ui_screen_t *s, ui_app_t *app, int key, size_t start, size_t end)
{
    page_read_mark(&((reader_t *)s->state)->page, app, key, start, end);
}

static void reader_action(ui_screen_t *s, ui_app_t *app, int action, long long arg)
{
    reader_t *r = s->state;
    switch (action) {
    case A_TAB:
        if (arg >= 0 && arg < TAB_COUNT && r->has[arg] && arg != r->tab) {
            r->tab_pos[r->tab] = r->page.scroll.pos;
            r->tab = (int)arg;
            r->page.scroll.pos = 0;
            reader_relayout(s, app);
            r->page.scroll.pos = r->tab_pos[r->tab];
            page_snap(&r->page); /* a size change since then moved the page starts */
        }
        break;
    case A_QA:
        if (r->qa_open[r->tab] && arg >= 0 && (size_t)arg < r->docs[r->tab].nqas) {
            r->qa_open[r->tab][arg] = !r->qa_open[r->tab][arg];
            reader_relayout(s, app);
        }
        break;
    case A_FLOW:
        ui_push(app, &screen_flow, arg, 0);
        break;
    case A_PRINT:
        ui_print_request(app, &r->docs[r->tab], (int)arg);
        break;
    case A_PRINT_FORM:
        ui_print_request(app, &r->docs[r->tab], PRINT_FORM);
        break;
    case A_RATE:
    case A_REASON:
        if (ui_rating_action(app, r->docs[r->tab].s.key, action == A_REASON, arg)) {
            reader_relayout(s, app);
            /* the card is the page's end: keep what it now says (the reasons, the thanks) in view */
            r->page.scroll.pos = ui_scroll_max(&r->page.scroll);
        }
        break;
    case A_REPLACEMENT: {
        content_doc_summary_t d = {.id = arg, .type = DOC_POLICY};
        ui_open_doc(app, &d);
        break;
    }
    default:
        break;
    }
}

static ui_scroll_t *reader_scroller(ui_screen_t *s)
{
    return s->state ? &((reader_t *)s->state)->page.scroll : NULL;
}

static void reader_key(ui_screen_t *s, char *buf, size_t cap)
{
    reader_t *r = s->state;
    snprintf(buf, cap, "%s", r->docs[r->tab].s.key ? r->docs[r->tab].s.key : "");
}

static void reader_dump(ui_screen_t *s, void *f)
{
    reader_t *r = s->state;
    page_dump(&r->page, f);
    fprintf(f, ", \"doc\": \"%s\"", r->docs[r->tab].s.key ? r->docs[r->tab].s.key : "");
}

const ui_screen_class_t screen_reader = {.name = "reader",
                                         .chrome = UI_CHROME_SIZE | UI_CHROME_READING,
                                         .open = reader_open,
                                         .close = reader_close,
                                         .relayout = reader_relayout,
                                         .build = reader_build,
                                         .on_action = reader_action,
                                         .scroller = reader_scroller,
                                         .dump_extra = reader_dump,
                                         .key = reader_key,
                                         .find = content_doc_find,
                                         .read_collect = reader_read_collect,
                                         .read_mark = reader_read_mark};

void ui_open_doc(ui_app_t *app, const content_doc_summary_t *d)
{
    ui_push(app, &screen_reader, d->id, 0); /* it names itself reader, interpretation or guide by what it shows */
}
