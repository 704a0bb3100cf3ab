/* guides_xlsx.c — service guides (办事指南) from SRC/guides.xlsx (guides_parse_xlsx, model.h).
 *
 * An office keeps its 办事指南 as tables, so the workbook has one sheet per kind of row, each with a header row that
 * names its columns (title rows above it are skipped):
 *   基本信息  one row per guide: 编号 (the id), 事项名称, 发布日期, and every other guide field of docs/authoring.md
 *            (受理条件, 办理时限, 收费标准, 办理地点, 办公时间, 咨询电话, 监督投诉电话, …) and 正文 (Markdown);
 *   申请材料  guide, 材料名称, 材料形式 (原件/复印件/…), 份数, 备注;
 *   办理流程  guide, 顺序, 环节, 办理内容, and optionally 需带材料 and 办理地点 (the step's own window);
 *   常见问题  guide, 问题, 回答 (shown at the end of the text, under 常见问题, as a Markdown guide writes them).
 * A row names its guide by the guide's 编号 or its 事项名称; a vertically merged guide cell names it for every row it
 * covers (the sheet's own merge ranges, never a guess from blanks).  Headers are matched loosely: spaces and the
 * width of brackets do not matter, and "编号（id）" matches by either part.
 *
 * Each guide becomes the doc_t a Markdown guide parses into, through the same checks (frontmatter_set_text,
 * frontmatter_add_material, doc_parse_body), so every rule and normalisation is the same; the difference is the
 * place: every value's "line" is a cell (doc_cell_add), and messages read "guides.xlsx 申请材料!C5（guide-dibao）: …".
 * Hidden rows and sheets are skipped with a warning, as in catalog.xlsx. */
#include "catalog_table.h"
#include "doc_internal.h"
#include "zwgk/i18n.h"
#include "zwgk/office.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HEADER_SCAN_ROWS 20    /* the header is within the first rows: title rows go above it */
#define MAX_MERGES       20000 /* far more than a workbook of guides has; more is refused, not scanned */

/* A column a sheet may have: the key it fills and the header names that mean it (cat_key form, '|' between). */
typedef struct column {
    const char *key;
    const char *names;
} column_t;

static const column_t info_columns[] = {
    {"id", "编号|指南编号|id"},
    {"title", "事项名称|指南名称|标题|名称|title"},
    {"publish_date", "发布日期|发布时间|publish_date"},
    {"area", "领域|所属领域|area"},
    {"issuer", "发布机关|发布单位|实施主体|实施机关|issuer"},
    {"doc_number", "文号|doc_number"},
    {"url", "原文网址|原文链接|网址|url"},
    {"keywords", "关键词|搜索词|keywords"},
    {"summary", "摘要|简介|summary"},
    {"scope", "受理范围|适用范围|scope"},
    {"conditions", "受理条件|申请条件|办理条件|conditions"},
    {"time_limit", "办理时限|承诺时限|time_limit"},
    {"fee", "收费标准|收费|是否收费|fee"},
    {"place", "办理地点|受理地点|place"},
    {"hours", "办公时间|办理时间|受理时间|hours"},
    {"phone", "咨询电话|咨询方式|phone"},
    {"complaint_phone", "监督投诉电话|投诉电话|监督电话|complaint_phone"},
    {"service_url", "网上办理|网上办理地址|在线办理|service_url"},
    {"readings", "读音|readings"},
    {"body", "正文|温馨提示|其他说明|body"},
};

#define GUIDE_NAMES "指南编号|编号|办事指南|指南|事项名称|指南名称|guide"
static const column_t material_columns[] = {
    {"guide", GUIDE_NAMES},       {"name", "材料名称|名称|name"},  {"form", "材料形式|形式|提交形式|form"},
    {"count", "份数|数量|count"}, {"note", "备注|说明|要求|note"},
};
static const column_t step_columns[] = {
    {"guide", GUIDE_NAMES},
    {"order", "顺序|序号|步骤序号|order"},
    {"title", "环节|环节名称|步骤|步骤名称|title"},
    {"detail", "办理内容|内容|说明|detail"},
    {"bring", "需带材料|需要带|携带材料|带齐材料|bring"},
    {"where", "办理地点|办理窗口|窗口|地点|where"},
};
static const column_t qa_columns[] = {
    {"guide", GUIDE_NAMES},
    {"question", "问题|问|question"},
    {"answer", "回答|答复|解答|答|answer"},
};

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

/* One loaded sheet with its header found: the column of each wanted key (-1 when absent) and its header text. */
typedef struct sheet {
    const char *name;
    int index; /* in the workbook */
    office_sheet_t s;
    uint32_t header_row; /* 0: no header */
    int col[NCOLS(info_columns)];
    const char *head[NCOLS(info_columns)];
} sheet_t;

typedef struct reader {
    const char *file;
    diag_list_t *d;
    doc_set_t *docs;
    size_t first;                      /* the first guide of the workbook in docs */
    strlist_t *broken, *broken_places; /* ids of guides whose row is unusable, and where each row is */
    const sheet_t *info;               /* for messages naming the 基本信息 sheet */
} reader_t;

static void sheet_diag(const reader_t *r, const sheet_t *sh, uint32_t row, int col, diag_level_t level,
                       const char *field, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void sheet_diag(const reader_t *r, const sheet_t *sh, uint32_t row, int col, diag_level_t level,
                       const char *field, const char *fmt, ...)
{
    diag_place_t at = {r->file, sh->name, sh->index, (int)row, col, NULL};
    va_list ap;
    va_start(ap, fmt);
    diag_vadd_at(r->d, level, &at, field, fmt, ap);
    va_end(ap);
}

/* The text of a cell as the staffer sees it: a cell a merged range covers shows its range's first cell. */
static const char *cell_text(const office_sheet_t *s, uint32_t row, uint32_t col)
{
    const office_cell_t *c = office_sheet_cell(s, row, col);
    if (c)
        return c->text;
    for (size_t m = 0; m < s->nmerges; m++) {
        const office_range_t *g = &s->merges[m];
        if (row >= g->r1 && row <= g->r2 && col >= g->c1 && col <= g->c2) {
            c = office_sheet_cell(s, g->r1, g->c1);
            return c ? c->text : NULL;
        }
    }
    return NULL;
}

/* A cleaned copy of a cell (NULL when empty or only spaces): line breaks as '\n', spaces trimmed. */
static char *cell_value(const office_sheet_t *s, uint32_t row, int col)
{
    const char *t = col < 0 ? NULL : cell_text(s, row, (uint32_t)col);
    if (!t)
        return NULL;
    int bad = 0;
    char *v = cat_cell_clean(t, strlen(t), &bad);
    if (!v[0]) {
        free(v);
        return NULL;
    }
    return v;
}

/* True when the header cell h (cat_key form) is one of names: as a whole, or by its part before or inside a
 * bracket ("编号（id）"). */
static bool header_is(const char *h, const char *names)
{
    char part[2][256] = {"", ""};
    const char *open = strstr(h, "（");
    if (open) {
        size_t n = (size_t)(open - h);
        if (n < sizeof part[0])
            memcpy(part[0], h, n), part[0][n] = '\0';
        const char *in = open + strlen("（"), *close = strstr(in, "）");
        n = close ? (size_t)(close - in) : strlen(in);
        if (n < sizeof part[1])
            memcpy(part[1], in, n), part[1][n] = '\0';
    }
    for (const char *p = names; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if ((strlen(h) == n && !strncmp(h, p, n)) || (part[0][0] && strlen(part[0]) == n && !strncmp(part[0], p, n)) ||
            (part[1][0] && strlen(part[1]) == n && !strncasecmp(part[1], p, n)))
            return true;
        p += n + (bar != NULL);
    }
    return false;
}

/* Finds the header row of sh for cols: the first row (of the first HEADER_SCAN_ROWS) where at least two cells name
 * columns, one of them a column of need (bits of cols[]).  Fills sh->col / sh->head.  Returns 1 when found. */
static int find_header(sheet_t *sh, const column_t *cols, size_t ncols, unsigned need)
{
    const office_sheet_t *s = &sh->s;
    for (uint32_t row = 1; row <= s->max_row && row <= HEADER_SCAN_ROWS; row++) {
        int found = 0;
        unsigned have = 0;
        for (size_t k = 0; k < NCOLS(sh->col); k++) {
            sh->col[k] = -1;
            sh->head[k] = NULL;
        }
        for (uint32_t c = 0; c <= s->max_col && c < 256; c++) {
            const office_cell_t *cell = office_sheet_cell(s, row, c);
            if (!cell)
                continue;
            char *key = cat_key(cell->text);
            for (size_t k = 0; k < ncols; k++)
                if (sh->col[k] < 0 && header_is(key, cols[k].names)) {
                    sh->col[k] = (int)c;
                    sh->head[k] = cell->text;
                    have |= 1u << k;
                    found++;
                    break;
                }
            free(key);
        }
        if (found >= 2 && (have & need)) {
            sh->header_row = row;
            return 1;
        }
    }
    return 0;
}

static int sheet_named(office_xlsx_t *x, const char *name)
{
    for (size_t i = 0; i < office_xlsx_sheet_count(x); i++) {
        char *key = cat_key(office_xlsx_sheet_name(x, i));
        bool same = !strcmp(key, name);
        free(key);
        if (same)
            return (int)i;
    }
    return -1;
}

/* Loads the sheet called name into sh.  Returns 1 when it is there, visible and has its header; 0 otherwise (the
 * reason reported, except for an optional sheet that is simply absent). */
static int sheet_open(reader_t *r, office_xlsx_t *x, const char *name, const column_t *cols, size_t ncols,
                      unsigned need, const char *expect, bool required, sheet_t *sh)
{
    memset(sh, 0, sizeof *sh);
    sh->name = name;
    int i = sheet_named(x, name);
    if (i < 0) {
        if (required)
            diag_add(r->d, DIAG_ERROR, r->file, 0, NULL,
                     _("the workbook has no sheet named %s: the guides are its rows (see the template "
                       "guides-template.xlsx and docs/authoring.md)"),
                     name);
        return 0;
    }
    sh->name = office_xlsx_sheet_name(x, (size_t)i);
    sh->index = i;
    char err[1024] = "";
    if (office_xlsx_sheet_load(x, (size_t)i, &sh->s, err, sizeof err) != ZWGK_OK) {
        sheet_diag(r, sh, 0, -1, DIAG_ERROR, NULL, "%s", err);
        return 0;
    }
    if (office_xlsx_sheet_state(x, (size_t)i) != OFFICE_SHEET_VISIBLE) {
        sheet_diag(r, sh, 0, -1, DIAG_WARNING, NULL, "%s",
                   _("the sheet is hidden in Excel and is skipped; unhide it (取消隐藏) if its rows belong to the "
                     "guides, or delete it"));
        return 0;
    }
    if (sh->s.nmerges > MAX_MERGES) {
        sheet_diag(r, sh, 0, -1, DIAG_ERROR, NULL, "%s",
                   _("the sheet has more merged cells than any table of guides; it is not read (unmerge the cells in "
                     "Excel/WPS)"));
        return 0;
    }
    if (sh->s.replaced)
        sheet_diag(r, sh, 0, -1, DIAG_WARNING, NULL, "%s",
                   _("the sheet has text that is not valid UTF-8; it is shown as � (retype it in Excel/WPS)"));
    if (!find_header(sh, cols, ncols, need)) {
        if (sh->s.ncells)
            sheet_diag(r, sh, 0, -1, DIAG_ERROR, NULL,
                       _("no header row found: one of the first %d rows must name the columns (%s)"), HEADER_SCAN_ROWS,
                       expect);
        return 0;
    }
    return 1;
}

/* True when the data row has any text in the sheet's known columns. */
static bool row_has_text(const sheet_t *sh, uint32_t row, size_t ncols)
{
    for (size_t k = 0; k < ncols; k++)
        if (sh->col[k] >= 0 && cell_text(&sh->s, row, (uint32_t)sh->col[k]))
            return true;
    return false;
}

/* The rows below the header that hold data; hidden ones are reported and skipped.  Calls each for every row. */
static bool row_usable(const reader_t *r, const sheet_t *sh, uint32_t row, size_t ncols)
{
    if (!row_has_text(sh, row, ncols))
        return false;
    if (office_sheet_row_hidden(&sh->s, row)) {
        sheet_diag(r, sh, row, -1, DIAG_WARNING, NULL, "%s",
                   _("the row is hidden in Excel and is skipped; unhide it (取消隐藏) if it belongs to the guides, or "
                     "delete it"));
        return false;
    }
    return true;
}

/* The id of the example guide in guides-template.xlsx. */
#define TEMPLATE_ID "guide-example"

/* The guide of the workbook whose id or title is name, or NULL. */
static doc_t *guide_named(const reader_t *r, const char *name)
{
    for (size_t i = r->first; i < r->docs->count; i++) {
        doc_t *g = r->docs->docs[i];
        if (g->id && !strcmp(g->id, name))
            return g;
    }
    for (size_t i = r->first; i < r->docs->count; i++) {
        doc_t *g = r->docs->docs[i];
        if (g->title && !strcmp(g->title, name))
            return g;
    }
    return NULL;
}

/* The guide a row of 申请材料/办理流程/常见问题 belongs to (column 0 of its columns), or NULL (reported). */
static doc_t *row_guide(const reader_t *r, const sheet_t *sh, uint32_t row)
{
    if (sh->col[0] < 0)
        return NULL;
    char *name = cell_value(&sh->s, row, sh->col[0]);
    doc_t *g = name ? guide_named(r, name) : NULL;
    if (!name)
        sheet_diag(r, sh, row, sh->col[0], DIAG_ERROR, sh->head[0], "%s",
                   _("the row names no guide: write the guide's 编号 (or 事项名称), or merge the cell with the one "
                     "above when the rows belong to the same guide"));
    else if (!g && !strcmp(name, TEMPLATE_ID))
        sheet_diag(r, sh, row, sh->col[0], DIAG_ERROR, sh->head[0], "%s",
                   _("the row belongs to the example guide of guides-template.xlsx (guide-example): delete the row"));
    else if (!g) {
        bool broken = false;
        for (size_t i = 0; r->broken && i < r->broken->count; i++)
            broken |= !strcmp(r->broken->items[i], name);
        sheet_diag(r, sh, row, sh->col[0], broken ? DIAG_CONSEQUENCE : DIAG_ERROR, sh->head[0],
                   broken ? _("'%s' is a guide whose row on sheet %s cannot be read (see its errors)")
                          : _("'%s' is not the 编号 or 事项名称 of a guide on sheet %s"),
                   name, r->info->name);
    }
    free(name);
    return g;
}

/* ---- the template's example, left in ----
 * guides-template.xlsx (tests/office/make_guides.py template) comes with an example guide, guide-example
 * "（示例）最低生活保障审核确认", and texts that only say what to write.  A staffer who types her guide over the
 * example row keeps whatever cell she did not need (the 正文 "这里可以写温馨提示等正文", phone 0797-0000000), and one
 * who adds her rows below keeps the example guide: both would reach citizens, so each is an error at its cell. */

static bool is_example_guide(const doc_t *g)
{
    return (g->id && !strcmp(g->id, TEMPLATE_ID)) || (g->title && !strncmp(g->title, "（示例）", strlen("（示例）")));
}

/* True when v is one of the template's placeholder texts, or a phone number whose digits after the area code are
 * all 0 (0797-0000000). */
static bool is_template_text(const char *v)
{
    static const char *const texts[] = {"一两句话说明谁可以办、去哪里办。", "这里可以写温馨提示等正文（可不填）。",
                                        "问题写在这里？", "回答写在这里。"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (!strcmp(v, texts[i]))
            return true;
    if (strstr(v, "Alt+Enter") || strstr(v, "（示例）"))
        return true;
    const char *dash = strchr(v, '-');
    if (dash && dash > v && dash[1]) {
        for (const char *p = v; p < dash; p++)
            if (*p < '0' || *p > '9')
                return false;
        for (const char *p = dash + 1; *p; p++)
            if (*p != '0')
                return false;
        return true;
    }
    return false;
}

static void check_template_text(const reader_t *r, const doc_t *g, int line, const char *field, const char *v)
{
    if (v && !is_example_guide(g) && is_template_text(v))
        doc_diag(r->d, DIAG_ERROR, g, line, field, "%s",
                 _("this is the example text of guides-template.xlsx, not your guide's: replace it with your own, or "
                   "clear the cell (the kiosk would show it to citizens)"));
}

/* The place of a cell of guide g, as a doc "line" (col -1: the whole row). */
static int cell_line(doc_t *g, const sheet_t *sh, uint32_t row, int col)
{
    const char *head = NULL;
    for (size_t k = 0; col >= 0 && k < NCOLS(sh->col); k++)
        if (sh->col[k] == col)
            head = sh->head[k];
    return doc_cell_add(g, sh->name, sh->index, (int)row, col, head);
}

/* ---- 基本信息 ---- */

static void read_info_row(reader_t *r, const sheet_t *sh, uint32_t row)
{
    doc_t *g = doc_xrealloc(NULL, sizeof *g);
    memset(g, 0, sizeof *g);
    g->file = doc_xstrndup(r->file, strlen(r->file));
    g->type = DOC_GUIDE;
    g->line = cell_line(g, sh, row, -1);
    /* The id first, so that every other message names the guide. */
    size_t order[NCOLS(info_columns)], n = 0;
    for (size_t k = 0; k < NCOLS(info_columns); k++)
        if (!strcmp(info_columns[k].key, "id"))
            order[n++] = k;
    for (size_t k = 0; k < NCOLS(info_columns); k++)
        if (strcmp(info_columns[k].key, "id"))
            order[n++] = k;
    char *body = NULL;
    int body_line = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = order[i];
        const char *key = info_columns[k].key;
        if (sh->col[k] < 0)
            continue;
        char *v = cell_value(&sh->s, row, sh->col[k]);
        int line = cell_line(g, sh, row, sh->col[k]);
        if (!strcmp(key, "body")) {
            body = v;
            body_line = line;
            check_template_text(r, g, line, sh->head[k], v);
            continue;
        }
        if (!v) {
            if (frontmatter_key_use(key, DOC_GUIDE) == 2)
                doc_diag(r->d, DIAG_ERROR, g, line, sh->head[k], "%s", _("is empty: fill it in"));
            continue;
        }
        frontmatter_set_text(g, key, v, line, r->d);
        if (strcmp(key, "id") && strcmp(key, "title"))
            check_template_text(r, g, line, sh->head[k], v);
        free(v);
    }
    if (is_example_guide(g))
        doc_diag(r->d, DIAG_ERROR, g, g->line, NULL, "%s",
                 _("this is the example guide of guides-template.xlsx: write your own guide over it, or delete the "
                   "row (and its rows on the other sheets)"));
    /* a required column the sheet does not have at all was reported once, at the header */
    if (g->id && g->title) {
        if (r->docs->count == r->docs->cap) {
            r->docs->cap = r->docs->cap ? r->docs->cap * 2 : 32;
            r->docs->docs = doc_xrealloc(r->docs->docs, r->docs->cap * sizeof *r->docs->docs);
        }
        r->docs->docs[r->docs->count++] = g;
        if (body)
            doc_parse_body(g, body, strlen(body), body_line, r->d);
    } else {
        if (g->id) {
            char where[256];
            doc_place_text(g, g->line, where, sizeof where);
            strlist_push(r->broken, g->id);
            strlist_push(r->broken_places, where);
        }
        if (!g->id && !g->title)
            doc_diag(r->d, DIAG_ERROR, g, g->line, NULL, "%s",
                     _("the row has no 编号 and no 事项名称: every guide needs both (the 编号 is its id, e.g. "
                       "guide-dibao)"));
        else if (!g->title)
            doc_diag(r->d, DIAG_ERROR, g, g->line, NULL, "%s",
                     _("the row has no 事项名称: every guide needs the name citizens know it by"));
        doc_free(g);
    }
    free(body);
}

static void read_info(reader_t *r, const sheet_t *sh)
{
    for (size_t k = 0; k < NCOLS(info_columns); k++) {
        const char *key = info_columns[k].key;
        if (sh->col[k] < 0 && strcmp(key, "body") && frontmatter_key_use(key, DOC_GUIDE) == 2) {
            const char *names = info_columns[k].names, *bar = strchr(names, '|');
            sheet_diag(r, sh, sh->header_row, -1, DIAG_ERROR, NULL,
                       _("the header has no %.*s column (%s): every guide needs it"),
                       (int)(bar ? (size_t)(bar - names) : strlen(names)), names, key);
        }
    }
    for (uint32_t row = sh->header_row + 1; row <= sh->s.max_row; row++)
        if (row_usable(r, sh, row, NCOLS(info_columns)))
            read_info_row(r, sh, row);
}

/* ---- 申请材料, 办理流程, 常见问题 ---- */

static void read_materials(reader_t *r, const sheet_t *sh)
{
    for (uint32_t row = sh->header_row + 1; row <= sh->s.max_row; row++) {
        if (!row_usable(r, sh, row, NCOLS(material_columns)))
            continue;
        doc_t *g = row_guide(r, sh, row);
        if (!g)
            continue;
        char *val[4] = {0};
        int lines[4] = {0};
        const char *names[4];
        int line = cell_line(g, sh, row, -1);
        bool ok = true;
        for (int i = 0; i < 4; i++) {
            int c = sh->col[i + 1];
            names[i] = sh->head[i + 1] ? sh->head[i + 1] : material_columns[i + 1].key;
            val[i] = cell_value(&sh->s, row, c);
            lines[i] = c >= 0 ? cell_line(g, sh, row, c) : line;
            if (i < 3 && !val[i]) {
                doc_diag(r->d, DIAG_ERROR, g, lines[i], names[i], "%s",
                         i == 0 ? _("the material has no name: fill it in")
                         : i == 1 ? _("the form is empty: write 原件, 复印件, 原件和复印件, 原件核验 or 电子证照")
                                  : _("the count is empty: write the number of copies (0 means 免提交)"));
                ok = false;
            }
        }
        frontmatter_add_material(g, val, lines, line, names, ok, r->d);
    }
}

typedef struct step_row {
    double order;
    int has_order;
    uint32_t row;
} step_row_t;

static int step_cmp(const void *a, const void *b)
{
    const step_row_t *x = a, *y = b;
    if (x->has_order && y->has_order && x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

static void read_steps(reader_t *r, const sheet_t *sh)
{
    /* The rows in the order of the 顺序 column when every row has a number there, else in the sheet's order. */
    step_row_t *rows = doc_xrealloc(NULL, (sh->s.max_row + 1) * sizeof *rows);
    size_t n = 0;
    bool numbered = sh->col[1] >= 0;
    for (uint32_t row = sh->header_row + 1; row <= sh->s.max_row; row++) {
        if (!row_usable(r, sh, row, NCOLS(step_columns)))
            continue;
        rows[n] = (step_row_t){0, 0, row};
        const office_cell_t *c = sh->col[1] >= 0 ? office_sheet_cell(&sh->s, row, (uint32_t)sh->col[1]) : NULL;
        if (c && c->type == OFFICE_CELL_NUMBER)
            rows[n].order = c->number, rows[n].has_order = 1;
        else if (c) {
            char *end = NULL;
            rows[n].order = strtod(c->text, &end);
            rows[n].has_order = end && end != c->text && !*end;
        }
        numbered &= rows[n].has_order;
        n++;
    }
    if (numbered)
        qsort(rows, n, sizeof *rows, step_cmp);
    for (size_t i = 0; i < n; i++) {
        uint32_t row = rows[i].row;
        doc_t *g = row_guide(r, sh, row);
        if (!g)
            continue;
        char *title = cell_value(&sh->s, row, sh->col[2]), *detail = cell_value(&sh->s, row, sh->col[3]);
        int line = cell_line(g, sh, row, -1);
        if (!title || !detail) {
            int c = !title ? sh->col[2] : sh->col[3];
            const char *head = !title ? sh->head[2] : sh->head[3];
            doc_diag(r->d, DIAG_ERROR, g, c >= 0 ? cell_line(g, sh, row, c) : line,
                     head ? head : (!title ? "title" : "detail"), "%s",
                     !title ? _("the step has no name (环节): fill it in")
                            : _("the step has no 办理内容: say what happens in it"));
            free(title);
            free(detail);
            continue;
        }
        /* optional: what to bring to this step, and where it is done (the guide's 办理地点 when empty) */
        frontmatter_add_step(g, title, detail, cell_value(&sh->s, row, sh->col[4]), cell_value(&sh->s, row, sh->col[5]),
                             line);
    }
    free(rows);
}

/* The questions and answers of each guide become the end of its text: a 常见问题 heading, then each question in bold
 * (问：…) and its answer, as a Markdown guide writes them. */
static void read_qas(reader_t *r, const sheet_t *sh)
{
    strlist_t with_heading = {0}; /* the guides that have their 常见问题 heading */
    for (uint32_t row = sh->header_row + 1; row <= sh->s.max_row; row++) {
        if (!row_usable(r, sh, row, NCOLS(qa_columns)))
            continue;
        doc_t *g = row_guide(r, sh, row);
        if (!g)
            continue;
        char *q = cell_value(&sh->s, row, sh->col[1]), *a = cell_value(&sh->s, row, sh->col[2]);
        int qline = sh->col[1] >= 0 ? cell_line(g, sh, row, sh->col[1]) : cell_line(g, sh, row, -1);
        int aline = sh->col[2] >= 0 ? cell_line(g, sh, row, sh->col[2]) : qline;
        if (!q || !a) {
            doc_diag(r->d, DIAG_ERROR, g, !q ? qline : aline, !q ? sh->head[1] : sh->head[2], "%s",
                     !q ? _("the row has an answer but no question: fill in the question")
                        : _("the question has no answer: fill in the answer"));
        } else {
            check_template_text(r, g, qline, sh->head[1], q);
            check_template_text(r, g, aline, sh->head[2], a);
            bool heading = false;
            for (size_t i = 0; i < with_heading.count && !heading; i++)
                heading = !strcmp(with_heading.items[i], g->id);
            if (!heading) {
                doc_parse_body(g, "## 常见问题", strlen("## 常见问题"), qline, r->d);
                strlist_push(&with_heading, g->id);
            }
            const char *ask = !strncmp(q, "问：", strlen("问：")) ? "" : "问：";
            size_t len = strlen(q) + strlen(ask) + 8;
            char *md = doc_xrealloc(NULL, len);
            snprintf(md, len, "**%s%s**", ask, q);
            doc_parse_body(g, md, strlen(md), qline, r->d);
            free(md);
            doc_parse_body(g, a, strlen(a), aline, r->d);
        }
        free(q);
        free(a);
    }
    strlist_free(&with_heading);
}

int guides_parse_xlsx(const char *path, const char *display_name, doc_set_t *docs, strlist_t *broken_ids,
                      strlist_t *broken_places, diag_list_t *d)
{
    char err[1024] = "";
    office_limits_t lim;
    office_limits_default(&lim);
    office_xlsx_t *x = office_xlsx_open(path, display_name, &lim, err, sizeof err);
    if (!x) {
        diag_add(d, DIAG_ERROR, display_name, 0, NULL, "%s", err);
        return -1;
    }
    if (office_xlsx_replaced(x))
        diag_add(d, DIAG_WARNING, display_name, 0, NULL,
                 _("the workbook has %zu bytes of text that are not valid UTF-8; they are shown as � (retype that "
                   "text in Excel/WPS)"),
                 office_xlsx_replaced(x));
    reader_t r = {display_name, d, docs, docs->count, broken_ids, broken_places, NULL};
    sheet_t info, part;
    unsigned id_or_title = 1u << 0 | 1u << 1;
    if (sheet_open(&r, x, "基本信息", info_columns, NCOLS(info_columns), id_or_title,
                   "编号、事项名称、发布日期、受理条件、办理时限……", true, &info)) {
        r.info = &info;
        read_info(&r, &info);
        if (sheet_open(&r, x, "申请材料", material_columns, NCOLS(material_columns), 1u << 1,
                       "指南编号、材料名称、材料形式、份数、备注", false, &part))
            read_materials(&r, &part);
        office_sheet_free(&part.s);
        if (sheet_open(&r, x, "办理流程", step_columns, NCOLS(step_columns), 1u << 2, "指南编号、顺序、环节、办理内容",
                       false, &part))
            read_steps(&r, &part);
        office_sheet_free(&part.s);
        if (sheet_open(&r, x, "常见问题", qa_columns, NCOLS(qa_columns), 1u << 1, "指南编号、问题、回答", false, &part))
            read_qas(&r, &part);
        office_sheet_free(&part.s);
        /* what every guide must have, once its rows are all read */
        for (size_t i = r.first; i < docs->count; i++) {
            doc_t *g = docs->docs[i];
            if (!g->nmaterials)
                doc_diag(d, DIAG_ERROR, g, g->line, NULL,
                         _("the guide has no 申请材料: add its rows to sheet 申请材料, with its 编号 %s in the guide "
                           "column"),
                         g->id);
            if (!g->nsteps)
                doc_diag(d, DIAG_ERROR, g, g->line, NULL,
                         _("the guide has no 办理流程: add its steps to sheet 办理流程, with its 编号 %s in the guide "
                           "column"),
                         g->id);
        }
    }
    office_sheet_free(&info.s);
    office_xlsx_close(x);
    return 0;
}
