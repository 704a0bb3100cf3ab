/* catalog.c — the 基层政务公开标准目录 as a table: its title, header, area and rows (catalog_table_read).
 *
 * catalog.csv and every sheet of catalog.xlsx arrive here as the same thing, a table of cleaned cells numbered as
 * Excel shows them, with merged ranges filled in (catalog_table.h).  What counties publish varies, and this file
 * accepts the layouts seen in real catalogs without hand edits:
 *
 * Title, note and signature rows.  Rows above the header are titles; the first one that names an area ("信丰县社会
 * 救助领域基层政务公开标准目录") gives the table's area when there is no 领域 column, else the sheet's name does
 * ("3.社会救助" → 社会救助).  Rows under the table that hold only notes (注：…, a text merged across the table) or
 * signatures (填报单位：…  填报日期：…) are skipped.
 *
 * The header.  The first row naming a known column starts it; it runs on over the rows its own vertical merges
 * cover (a two- or three-row header made in Excel), or, where nothing is merged (a CSV), over rows that hold only
 * header words.  Each column's labels from top to bottom decide what it is: the deepest known name (一级事项 under
 * 公开事项), or, under 公开对象 / 公开方式 / 公开层级 / 公开渠道和载体, a sub-column for one value (全社会, 依申请,
 * 县级, 政府网站 …) whose cells are ticked √ ✓ ■ ● or 是.  Labels between (线上 / 线下 over channels) are ignored.
 * Header cells are compared without whitespace and with ASCII parentheses read as full-width ones; the name as
 * written is the field name in messages, so the staffer sees the column they know.
 *
 * Rows.  Hidden rows are skipped and named in one warning.  A row whose known cells are all blank is skipped, a row
 * repeating the header is skipped with a warning.  In a CSV, a row with fewer cells than the header where a required
 * column should be is one error ("this row has 13 cells; the header has 14") instead of a cascade of errors about
 * shifted cells.  Every missing required cell is one error naming its column; a row is still added when it has 领域,
 * 一级事项 and 二级事项, so the cross-file checks can run.  Merged cells were filled from the sheet's own merge
 * ranges (never guessed from blanks); in a CSV, whose merges are lost, an empty 一级事项 is an error that says how to
 * fill it.  Every message names the file, sheet, cell (C12) and the row's 序号. */
#include "catalog_table.h"
#include "zwgk/i18n.h"
#include "zwgk/office.h"
#include "zwgk/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { COL_UNKNOWN = -1, COL_UNNAMED = -2, COL_SUB = -3 };
#define MERGED_LEVELS_HEADER "公开事项"
#define MAX_HEADER_ROWS      3

/* Header names as compared (cat_key form); the first is the name used in messages. */
static const struct column_spec {
    const char *names[4];
    int required;
} columns[CATF_COUNT] = {
    [CATF_SEQ] = {{"序号"}, 0},
    [CATF_AREA] = {{"领域", "公开领域", "事项领域"}, 1},
    [CATF_LEVEL1] = {{"一级事项"}, 1},
    [CATF_LEVEL2] = {{"二级事项"}, 1},
    [CATF_CONTENT] = {{"公开内容（要素）", "公开内容"}, 1},
    [CATF_BASIS] = {{"公开依据"}, 1},
    [CATF_TIME] = {{"公开时限"}, 1},
    [CATF_SUBJECT] = {{"公开主体"}, 1},
    [CATF_CHANNELS] = {{"公开渠道和载体", "公开渠道", "公开载体", "公开渠道及载体"}, 1},
    [CATF_AUDIENCE] = {{"公开对象"}, 1},
    [CATF_MODE] = {{"公开方式"}, 1},
    [CATF_LEVELS] = {{"公开层级"}, 1},
    [CATF_URL] = {{"码上知", "网址", "在线栏目"}, 0},
    [CATF_DOCS] = {{"关联文件"}, 0},
    [CATF_ALIASES] = {{"别名", "关键词"}, 0},
};

static int is_group(int f)
{
    return f == CATF_CHANNELS || f == CATF_AUDIENCE || f == CATF_MODE || f == CATF_LEVELS;
}

const char *catalog_field_name(int f)
{
    return f >= 0 && f < CATF_COUNT ? columns[f].names[0] : "";
}

/* ---- shared helpers ------------------------------------------------------------------------------------------- */

void *cat_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "zwgk-admin: out of memory\n");
        abort();
    }
    return q;
}

char *cat_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(cat_xrealloc(NULL, n), s, n);
}

int cat_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
           cp == 0x3000 || cp == 0xFEFF;
}

char *cat_cell_clean(const char *s, size_t len, int *bad)
{
    char *out = cat_xrealloc(NULL, 3 * len + 1), *o = out;
    char *keep = out; /* end of the last non-space code point */
    size_t adv;
    for (size_t i = 0; i < len; i += adv) {
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp == '\r') {
            cp = '\n';
            if (i + 1 < len && s[i + 1] == '\n')
                adv = 2;
        }
        if ((cp == TEXT_REPLACEMENT && adv == 1) || cp == 0) {
            *bad = 1;
            cp = TEXT_REPLACEMENT;
        }
        if (o == out && cat_is_space(cp))
            continue;
        o += utf8_encode(cp, o); /* valid input re-encodes to the same bytes */
        if (!cat_is_space(cp))
            keep = o;
    }
    *keep = '\0';
    return out;
}

char *cat_key(const char *s)
{
    size_t len = strlen(s), adv;
    char *out = cat_xrealloc(NULL, 3 * len + 1), *o = out;
    for (size_t i = 0; i < len; i += adv) {
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cat_is_space(cp))
            continue;
        if (cp == '(')
            cp = 0xFF08;
        else if (cp == ')')
            cp = 0xFF09;
        else if (cp == 0xFF0F)
            cp = '/';
        o += utf8_encode(cp, o);
    }
    *o = '\0';
    return out;
}

static int field_of_key(const char *key)
{
    for (int f = 0; f < CATF_COUNT; f++)
        for (int k = 0; k < 4 && columns[f].names[k]; k++)
            if (strcmp(key, columns[f].names[k]) == 0)
                return f;
    return COL_UNKNOWN;
}

/* The value bits a sub-column label stands for under group f (0 when it is not a value of f). */
static unsigned sub_value(int f, const char *key)
{
    const char *standard;
    int c;
    switch (f) {
    case CATF_CHANNELS:
        c = catalog_channel_find(key, &standard);
        return c >= 0 ? 1u << c : 0;
    case CATF_AUDIENCE:
        return catalog_audience_find(key, &standard);
    case CATF_MODE:
        return catalog_mode_find(key, &standard);
    case CATF_LEVELS:
        return catalog_level_find(key, &standard);
    default:
        return 0;
    }
}

/* True when key names a column, 公开事项, or a value some group has as a sub-column. */
static int is_header_word(const char *key)
{
    if (field_of_key(key) != COL_UNKNOWN || !strcmp(key, MERGED_LEVELS_HEADER))
        return 1;
    for (int f = CATF_CHANNELS; f <= CATF_LEVELS; f++)
        if (sub_value(f, key))
            return 1;
    return 0;
}

void ctable_push(ctable_t *t, int row, char **cells, unsigned char *cover, size_t ncells, int hidden)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->rows = cat_xrealloc(t->rows, t->cap * sizeof *t->rows);
    }
    t->rows[t->nrows++] = (ctable_row_t){row, cells, cover, ncells, hidden};
}

void ctable_free(ctable_t *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t k = 0; k < t->rows[i].ncells; k++)
            free(t->rows[i].cells[k]);
        free(t->rows[i].cells);
        free(t->rows[i].cover);
    }
    free(t->rows);
    free(t->merges);
    memset(t, 0, sizeof *t);
}

/* ---- one table being read ------------------------------------------------------------------------------------- */

typedef struct column {
    int field;     /* CATF_*, COL_SUB, COL_UNKNOWN or COL_UNNAMED */
    int group;     /* COL_SUB: the group field */
    unsigned bits; /* COL_SUB: the value's bits */
    char *name;    /* for messages: the label as written ("公开对象 › 全社会" for a sub-column) */
} column_t;

typedef struct table {
    catalog_reader_t *rd;
    const ctable_t *t;
    column_t *cols;
    size_t ncols;
    int field_col[CATF_COUNT]; /* the plain column of a field, or -1 */
    int first_sub[CATF_COUNT]; /* the first sub-column of a group, or -1 */
    size_t header, header_end; /* indexes of the header's first and last rows in t->rows */
    char *area;                /* the table's area when it has no 领域 column */
    int sheet;                 /* index into rd->out->sheets, -1 for a CSV */
    int extra_warned;
} table_t;

static const char *cell(const ctable_row_t *r, size_t i)
{
    return i < r->ncells ? r->cells[i] : "";
}

static int covered(const ctable_row_t *r, size_t i)
{
    return r->cover && i < r->ncells && r->cover[i];
}

static diag_place_t place(const table_t *tb, const ctable_row_t *r, int col, const char *seq, char *keybuf, size_t cap)
{
    keybuf[0] = '\0';
    if (seq && seq[0])
        snprintf(keybuf, cap, _("No. %s"), seq);
    return (diag_place_t){tb->t->file,    tb->t->sheet, tb->t->sheet_index,
                          r ? r->row : 0, col,          keybuf[0] ? keybuf : NULL};
}

static void report(const table_t *tb, diag_level_t level, const ctable_row_t *r, int col, const char *field,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* A problem at column col (-1 = the whole row) of row r (NULL = the whole table), with the row's 序号. */
static void report(const table_t *tb, diag_level_t level, const ctable_row_t *r, int col, const char *field,
                   const char *fmt, ...)
{
    char key[96];
    const char *seq = r && tb->field_col[CATF_SEQ] >= 0 ? cell(r, (size_t)tb->field_col[CATF_SEQ]) : NULL;
    diag_place_t at = place(tb, r, col, seq, key, sizeof key);
    va_list ap;
    va_start(ap, fmt);
    diag_vadd_at(tb->rd->d, level, &at, field, fmt, ap);
    va_end(ap);
}

/* Explains a synonym or a mark once per catalog. */
static int first_time(table_t *tb, const char *what)
{
    for (size_t i = 0; i < tb->rd->warned.count; i++)
        if (!strcmp(tb->rd->warned.items[i], what))
            return 0;
    strlist_push(&tb->rd->warned, what);
    return 1;
}

/* ---- the header ----------------------------------------------------------------------------------------------- */

/* True when some cell of r is a known column name (or 公开事项). */
static int row_names_columns(const ctable_row_t *r)
{
    for (size_t i = 0; i < r->ncells; i++) {
        char *key = cat_key(r->cells[i]);
        int known = field_of_key(key) != COL_UNKNOWN || !strcmp(key, MERGED_LEVELS_HEADER);
        free(key);
        if (known)
            return 1;
    }
    return 0;
}

/* True when row index j continues the header that starts at tb->header: the header's own vertical merges cover it,
 * or (without merges) every cell of it is a header word. */
static int continues_header(const table_t *tb, size_t j)
{
    const ctable_t *t = tb->t;
    const ctable_row_t *r = &t->rows[j];
    if (r->row != t->rows[j - 1].row + 1 || j - tb->header >= MAX_HEADER_ROWS)
        return 0;
    int top = t->rows[tb->header].row;
    for (size_t m = 0; m < t->nmerges; m++)
        if (t->merges[m].r1 >= top && t->merges[m].r1 < r->row && t->merges[m].r2 >= r->row &&
            t->merges[m].r1 <= t->rows[j - 1].row)
            return 1;
    int words = 0;
    for (size_t i = 0; i < r->ncells; i++) {
        if (!r->cells[i][0] || covered(r, i))
            continue;
        char *key = cat_key(r->cells[i]);
        int w = is_header_word(key);
        free(key);
        if (!w)
            return 0;
        words++;
    }
    return words > 0;
}

/* Classifies column c from its labels, top to bottom (labels[0..n), cat_key form). */
static void classify(column_t *col, char *const *labels, size_t n)
{
    col->field = COL_UNNAMED;
    int at = -1;
    for (size_t k = 0; k < n; k++) {
        if (!labels[k][0])
            continue;
        if (col->field == COL_UNNAMED)
            col->field = COL_UNKNOWN;
        int f = field_of_key(labels[k]);
        if (f != COL_UNKNOWN) {
            col->field = f;
            at = (int)k;
        }
    }
    if (at < 0 || !is_group(col->field))
        return;
    for (size_t k = (size_t)at + 1; k < n; k++) {
        unsigned bits = labels[k][0] ? sub_value(col->field, labels[k]) : 0;
        if (bits) {
            col->group = col->field;
            col->field = COL_SUB;
            col->bits = bits;
        }
    }
}

/* Finds the header block, classifies its columns and reports problems with it. */
static void header_read(table_t *tb)
{
    const ctable_t *t = tb->t;
    tb->header_end = tb->header;
    while (tb->header_end + 1 < t->nrows && continues_header(tb, tb->header_end + 1))
        tb->header_end++;
    size_t nrows = tb->header_end - tb->header + 1, n = 0;
    for (size_t j = tb->header; j <= tb->header_end; j++)
        n = t->rows[j].ncells > n ? t->rows[j].ncells : n;
    tb->ncols = n;
    tb->cols = cat_xrealloc(NULL, (n ? n : 1) * sizeof *tb->cols);
    char ***labels = cat_xrealloc(NULL, nrows * sizeof *labels);
    for (size_t k = 0; k < nrows; k++) {
        const ctable_row_t *r = &t->rows[tb->header + k];
        labels[k] = cat_xrealloc(NULL, (n ? n : 1) * sizeof **labels);
        for (size_t c = 0; c < n; c++) {
            labels[k][c] = cat_key(cell(r, c));
            /* A vertical merge repeats its label down: keep it once. */
            if (k > 0 && covered(r, c) && !strcmp(labels[k][c], labels[k - 1][c]))
                labels[k][c][0] = '\0';
        }
    }
    /* Without merges a group's label stands over its first sub-column only: it also heads the empty cells to its
     * right that have a label below them (公开对象,"" over 全社会,特定群体). */
    for (size_t k = 0; k + 1 < nrows; k++) {
        for (size_t c = 1; c < n; c++) {
            const ctable_row_t *r = &t->rows[tb->header + k];
            if (labels[k][c][0] || covered(r, c) || !labels[k + 1][c][0])
                continue;
            int left = field_of_key(labels[k][c - 1]);
            if (is_group(left) || !strcmp(labels[k][c - 1], MERGED_LEVELS_HEADER)) {
                free(labels[k][c]);
                labels[k][c] = cat_xstrdup(labels[k][c - 1]);
            }
        }
    }
    for (int f = 0; f < CATF_COUNT; f++)
        tb->field_col[f] = tb->first_sub[f] = -1;
    const ctable_row_t *hr = &t->rows[tb->header];
    for (size_t c = 0; c < n; c++) {
        char *path[MAX_HEADER_ROWS];
        for (size_t k = 0; k < nrows; k++)
            path[k] = labels[k][c];
        column_t *col = &tb->cols[c];
        memset(col, 0, sizeof *col);
        classify(col, path, nrows);
        /* The name as written: the deepest label, under its group for a sub-column. */
        const char *shown = "";
        for (size_t k = 0; k < nrows; k++)
            if (cell(&t->rows[tb->header + k], c)[0])
                shown = cell(&t->rows[tb->header + k], c);
        char name[256];
        if (col->field == COL_SUB)
            snprintf(name, sizeof name, "%s › %s", columns[col->group].names[0], shown);
        else
            snprintf(name, sizeof name, "%s", col->field >= 0 ? columns[col->field].names[0] : shown);
        col->name = cat_xstrdup(name);
        if (col->field >= 0 && col->field != COL_UNKNOWN) {
            for (size_t k = 0; k < nrows; k++) /* the name exactly as the header writes it */
                if (field_of_key(path[k]) == col->field) {
                    free(col->name);
                    char *plain = cat_xstrdup(cell(&t->rows[tb->header + k], c));
                    for (char *p = plain; *p; p++)
                        if (*p == '\n')
                            *p = ' ';
                    col->name = plain;
                }
        }
        int f = col->field;
        char letters[4], first[4];
        if (f >= 0 && tb->field_col[f] >= 0) {
            report(tb, DIAG_WARNING, hr, (int)c, col->name,
                   _("column %s repeats column %s (%s); only the first is read"),
                   office_col_letters((uint32_t)c, letters), office_col_letters((uint32_t)tb->field_col[f], first),
                   tb->cols[tb->field_col[f]].name);
            col->field = COL_UNKNOWN;
        } else if (f >= 0) {
            tb->field_col[f] = (int)c;
        } else if (f == COL_SUB) {
            if (tb->first_sub[col->group] < 0)
                tb->first_sub[col->group] = (int)c;
        } else if (f == COL_UNKNOWN) {
            int merged_levels = 0;
            for (size_t k = 0; k < nrows; k++)
                merged_levels |= !strcmp(path[k], MERGED_LEVELS_HEADER);
            if (!merged_levels) /* an unsplit 公开事项 is explained by the missing 一级事项 and 二级事项 below */
                report(tb, DIAG_WARNING, hr, (int)c, col->name,
                       _("unknown column, ignored; the known columns are listed in docs/authoring.md"));
        }
    }
    for (int f = 0; f < CATF_COUNT; f++) {
        if (!columns[f].required || tb->field_col[f] >= 0 || tb->first_sub[f] >= 0)
            continue;
        if (f == CATF_AREA)
            continue; /* the table's area may come from its title or its sheet: see table_area */
        char found[1024] = "", also[128] = "";
        size_t used = 0;
        for (size_t c = 0; c < n && used < sizeof found; c++)
            if (tb->cols[c].field != COL_UNNAMED)
                used += (size_t)snprintf(found + used, sizeof found - used, "%s%s", used ? "、" : "", tb->cols[c].name);
        for (int k = 1; k < 4 && columns[f].names[k]; k++)
            snprintf(also + strlen(also), sizeof also - strlen(also), "%s%s", k > 1 ? "、" : "", columns[f].names[k]);
        int unsplit = 0;
        for (size_t k = 0; k < nrows && (f == CATF_LEVEL1 || f == CATF_LEVEL2); k++)
            for (size_t c = 0; c < n; c++)
                unsplit |= !strcmp(labels[k][c], MERGED_LEVELS_HEADER);
        if (unsplit)
            report(tb, DIAG_ERROR, hr, -1, columns[f].names[0],
                   _("the catalog has no %s column: 公开事项 must be split into two columns, 一级事项 and 二级事项 "
                     "(a second header row naming them under 公开事项 works too); the header has: %s"),
                   columns[f].names[0], found[0] ? found : "-");
        else if (also[0])
            report(tb, DIAG_ERROR, hr, -1, columns[f].names[0],
                   _("the catalog has no %s column (also accepted: %s); the header has: %s"), columns[f].names[0], also,
                   found[0] ? found : "-");
        else
            report(tb, DIAG_ERROR, hr, -1, columns[f].names[0], _("the catalog has no %s column; the header has: %s"),
                   columns[f].names[0], found[0] ? found : "-");
    }
    for (size_t k = 0; k < nrows; k++) {
        for (size_t c = 0; c < n; c++)
            free(labels[k][c]);
        free(labels[k]);
    }
    free(labels);
}

/* ---- the table's area ----------------------------------------------------------------------------------------- */

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static int is_standard_area(const char *s)
{
    for (size_t i = 0; catalog_standard_area(i); i++)
        if (!strcmp(s, catalog_standard_area(i)))
            return 1;
    return 0;
}

/* The area a title names ("信丰县社会救助领域基层政务公开标准目录" → 社会救助), or NULL. */
static char *area_of_title(const char *title, const char *region)
{
    static const char *const cuts[] = {"领域",         "基层政务公开", "政务公开标准", "政务公开事项",
                                       "公开标准目录", "标准目录",     "事项目录"};
    char *key = cat_key(title);
    char *end = NULL;
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char *p = strstr(key, cuts[i]);
        if (p && (!end || p < end))
            end = p;
    }
    if (!end) {
        free(key);
        return NULL;
    }
    *end = '\0';
    char *s = key;
    if (region && region[0] && starts_with(s, region))
        s += strlen(region);
    char *found = NULL;
    for (size_t i = 0; catalog_standard_area(i) && !found; i++)
        if (ends_with(s, catalog_standard_area(i)))
            found = cat_xstrdup(catalog_standard_area(i));
    if (!found && s[0] && strlen(s) <= 60)
        found = cat_xstrdup(s);
    free(key);
    return found;
}

/* The area a sheet's name gives ("3.社会救助" → 社会救助), or NULL for Sheet1, 工作表1 and the like. */
static char *area_of_sheet(const char *name)
{
    if (!name)
        return NULL;
    char *key = cat_key(name), *s = key;
    size_t adv;
    while (*s) { /* numbering: 3. 03- （三） 一、 */
        uint32_t cp = utf8_decode(s, strlen(s), &adv);
        if ((cp >= '0' && cp <= '9') || cp == '.' || cp == '-' || cp == '_' || cp == 0x3001 || cp == 0xFF0E ||
            cp == 0xFF08 || cp == 0xFF09 || cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 || cp == 0x56DB ||
            cp == 0x4E94 || cp == 0x516D || cp == 0x4E03 || cp == 0x516B || cp == 0x4E5D || cp == 0x5341)
            s += adv;
        else
            break;
    }
    char *found = NULL;
    if (*s && strncasecmp(s, "sheet", 5) != 0 && !starts_with(s, "工作表") && !starts_with(s, "表"))
        found = cat_xstrdup(s);
    free(key);
    if (found && !is_standard_area(found)) {
        char *t = area_of_title(found, NULL); /* a sheet named like a title */
        if (t) {
            free(found);
            found = t;
        }
    }
    return found;
}

static char *table_area(const table_t *tb, const char *title)
{
    char *a = title ? area_of_title(title, tb->rd->region) : NULL;
    char *b = area_of_sheet(tb->t->sheet);
    char *pick = a && is_standard_area(a) ? a : b && is_standard_area(b) ? b : a ? a : b;
    if (pick != a)
        free(a);
    if (pick != b)
        free(b);
    return pick;
}

/* ---- value cells ---------------------------------------------------------------------------------------------- */

enum { TOK_SPACES = 1, TOK_SLASH = 2, TOK_MARKS = 4 };
enum { MARK_NONE = 0, MARK_CHOSEN = 1, MARK_NOT = 2 };

typedef struct value_ctx {
    table_t *tb;
    const ctable_row_t *r;
    int col;
    const char *field; /* column name as written in the header */
    int f;             /* CATF_* */
    unsigned bits;
    int chosen;      /* tokens not marked □ */
    strlist_t *list; /* for lists */
} value_ctx_t;

typedef void (*token_fn)(value_ctx_t *v, char *tok, int mark);

/* Splits s at 、，,;；, line breaks and (with TOK_SPACES) spaces, (with TOK_SLASH) / and ／, and (with TOK_MARKS)
 * before ■ ☑ (chosen) and □ ☐ (not chosen), calling fn with each non-empty token, trimmed, and the mark before it. */
static void split_tokens(const char *s, int flags, token_fn fn, value_ctx_t *v)
{
    size_t len = strlen(s), adv = 1, start = 0;
    int mark = MARK_NONE;
    for (size_t i = 0;; i += adv) {
        uint32_t cp = i < len ? utf8_decode(s + i, len - i, &adv) : 0;
        int new_mark = -1;
        if ((flags & TOK_MARKS) && (cp == 0x25A0 || cp == 0x2611))
            new_mark = MARK_CHOSEN;
        else if ((flags & TOK_MARKS) && (cp == 0x25A1 || cp == 0x2610))
            new_mark = MARK_NOT;
        int sep = i >= len || new_mark >= 0 || cp == 0x3001 || cp == 0xFF0C || cp == ',' || cp == ';' || cp == 0xFF1B ||
                  cp == '\n' || ((flags & TOK_SPACES) && cat_is_space(cp)) ||
                  ((flags & TOK_SLASH) && (cp == '/' || cp == 0xFF0F));
        if (!sep)
            continue;
        int bad = 0;
        char *tok = cat_cell_clean(s + start, i - start, &bad);
        if (tok[0]) {
            fn(v, tok, mark);
            mark = MARK_NONE;
        }
        free(tok);
        if (i >= len)
            break;
        if (new_mark >= 0)
            mark = new_mark;
        start = i + adv;
    }
}

/* Says once per catalog that a word was read as its standard form. */
static void note_synonym(value_ctx_t *v, const char *tok, const char *standard)
{
    char what[256];
    snprintf(what, sizeof what, "%s→%s", tok, standard);
    if (first_time(v->tb, what))
        report(v->tb, DIAG_WARNING, v->r, v->col, v->field,
               _("\"%s\" is read as %s (the standard name; this is said once for the whole catalog)"), tok, standard);
}

static void value_token(value_ctx_t *v, char *tok, int mark)
{
    if (mark == MARK_NOT)
        return; /* unchosen boxes are the county's template, not checked */
    v->chosen++;
    char *key = cat_key(tok);
    const char *standard = NULL;
    unsigned bits = 0;
    int c;
    switch (v->f) {
    case CATF_CHANNELS:
        c = catalog_channel_find(key, &standard);
        bits = c >= 0 ? 1u << c : 0;
        break;
    case CATF_AUDIENCE:
        bits = catalog_audience_find(key, &standard);
        break;
    case CATF_MODE:
        bits = catalog_mode_find(key, &standard);
        break;
    default:
        bits = catalog_level_find(key, &standard);
        break;
    }
    free(key);
    if (bits && standard)
        note_synonym(v, tok, standard);
    if (bits) {
        v->bits |= bits;
        return;
    }
    char buf[1024];
    switch (v->f) {
    case CATF_CHANNELS:
        report(
            v->tb, DIAG_ERROR, v->r, v->col, v->field,
            _("unknown channel \"%s\"; use names from: %s (short forms: 公示栏, 村公示栏, 发布会, 听证会, 入户, 现场)"),
            tok, catalog_channel_list(buf, sizeof buf));
        break;
    case CATF_AUDIENCE:
        report(v->tb, DIAG_ERROR, v->r, v->col, v->field, _("unknown value \"%s\"; use %s or %s"), tok, "全社会",
               "特定群体");
        break;
    case CATF_MODE:
        report(v->tb, DIAG_ERROR, v->r, v->col, v->field, _("unknown value \"%s\"; use %s or %s"), tok, "主动",
               "依申请");
        break;
    default:
        report(v->tb, DIAG_ERROR, v->r, v->col, v->field,
               _("unknown level \"%s\"; use 县级, 乡级, 村级 or 乡村级 (= 乡级 and 村级), separated by 、"), tok);
        break;
    }
}

static void list_token(value_ctx_t *v, char *tok, int mark)
{
    (void)mark;
    strlist_push(v->list, tok);
}

/* The bits of group f in row r: from its plain column and from its ticked sub-columns. */
static unsigned row_values(table_t *tb, const ctable_row_t *r, int f)
{
    value_ctx_t v = {.tb = tb, .r = r, .f = f};
    int plain = tb->field_col[f];
    if (plain >= 0 && cell(r, (size_t)plain)[0]) {
        v.col = plain;
        v.field = tb->cols[plain].name;
        /* Channel names contain '/' (发布会/听证会); the other vocabularies do not, so there it separates. */
        split_tokens(cell(r, (size_t)plain), TOK_SPACES | TOK_MARKS | (f == CATF_CHANNELS ? 0 : TOK_SLASH), value_token,
                     &v);
    }
    int first = -1, last = -1, unknown = 0;
    for (size_t c = 0; c < tb->ncols; c++) {
        const column_t *col = &tb->cols[c];
        if (col->field != COL_SUB || col->group != f)
            continue;
        if (first < 0)
            first = (int)c;
        last = (int)c;
        const char *s = cell(r, c);
        int m = catalog_mark(s);
        if (m == 1) {
            v.bits |= col->bits;
            v.chosen++;
        } else if (m < 0) {
            unknown = 1;
            report(tb, DIAG_ERROR, r, (int)c, col->name,
                   _("\"%s\" is not a tick: mark the chosen ones with √ (or ✓ ■ ● 是) and leave the others empty"), s);
        }
    }
    if (v.chosen == 0 && !unknown && (plain >= 0 || first >= 0)) {
        if (first >= 0) {
            char a[16], b[16], names[512] = "";
            size_t used = 0;
            for (int c = first; c <= last && used < sizeof names; c++)
                if (tb->cols[c].field == COL_SUB && tb->cols[c].group == f) {
                    const char *sub = strstr(tb->cols[c].name, " › ");
                    used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", used ? "、" : "",
                                             sub ? sub + strlen(" › ") : tb->cols[c].name);
                }
            report(tb, DIAG_ERROR, r, first, columns[f].names[0],
                   _("nothing is ticked in %s:%s (%s); tick at least one with √"),
                   office_cell_ref((uint32_t)r->row, (uint32_t)first, a),
                   office_cell_ref((uint32_t)r->row, (uint32_t)last, b), names);
        } else if (cell(r, (size_t)plain)[0]) {
            report(tb, DIAG_ERROR, r, plain, tb->cols[plain].name,
                   _("nothing is chosen; name at least one item (in a ■/□ list, mark the chosen ones ■)"));
        }
    }
    return v.bits;
}

/* ---- rows ----------------------------------------------------------------------------------------------------- */

static const char *row_cell(const table_t *tb, const ctable_row_t *r, int f)
{
    return tb->field_col[f] >= 0 ? cell(r, (size_t)tb->field_col[f]) : "";
}

/* True when the group has something in row r (a plain cell or a tick). */
static int group_filled(const table_t *tb, const ctable_row_t *r, int f)
{
    if (row_cell(tb, r, f)[0])
        return 1;
    for (size_t c = 0; c < tb->ncols; c++)
        if (tb->cols[c].field == COL_SUB && tb->cols[c].group == f && cell(r, c)[0])
            return 1;
    return 0;
}

/* Removes line breaks and the spaces around them, in place (for names wrapped by hand inside a cell). */
static void join_lines(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p == '\n') {
            while (o > s && (o[-1] == ' ' || o[-1] == '\t'))
                o--;
            while (p[1] == ' ' || p[1] == '\t')
                p++;
            continue;
        }
        *o++ = *p;
    }
    *o = '\0';
}

/* A note or a signature under the table: 注：…, 备注, 填报单位：…, or a single text merged across the table. */
static int is_note_row(const table_t *tb, const ctable_row_t *r)
{
    static const char *const labels[] = {"注",   "备注", "说明", "附注",       "填报",    "填表",
                                         "制表", "审核", "审批", "负责人",     "联系人",  "联系电话",
                                         "日期", "签字", "盖章", "单位负责人", "分管领导"};
    size_t own = 0, notes = 0;
    int wide = 0;
    for (size_t c = 0; c < r->ncells; c++) {
        if (!r->cells[c][0] || covered(r, c))
            continue;
        own++;
        for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
            if (starts_with(r->cells[c], labels[k])) {
                notes++;
                break;
            }
        for (size_t m = 0; m < tb->t->nmerges; m++) {
            const ctable_merge_t *g = &tb->t->merges[m];
            if (g->r1 == r->row && g->c1 == (int)c && g->c2 - g->c1 >= 2)
                wide = 1;
        }
    }
    return own > 0 && (notes == own || (own == 1 && wide));
}

static int row_repeats_header(const table_t *tb, const ctable_row_t *r)
{
    static const int fields[] = {CATF_AREA, CATF_LEVEL1, CATF_LEVEL2};
    for (size_t i = 0; i < 3; i++) {
        char *k = cat_key(row_cell(tb, r, fields[i]));
        int rep = field_of_key(k) == fields[i] || (fields[i] == CATF_LEVEL1 && !strcmp(k, MERGED_LEVELS_HEADER));
        free(k);
        if (rep)
            return 1;
    }
    return 0;
}

/* Cells with data in columns that have no header (once per column, and once for cells past the last column). */
static void row_check_unnamed(table_t *tb, const ctable_row_t *r)
{
    char letters[4];
    for (size_t i = 0; i < r->ncells; i++) {
        if (!r->cells[i][0] || covered(r, i))
            continue;
        if (i >= tb->ncols && !tb->extra_warned) {
            tb->extra_warned = 1;
            report(tb, DIAG_WARNING, r, (int)i, NULL,
                   _("this row has cells to the right of the last header column (column %s); they are ignored"),
                   office_col_letters((uint32_t)i, letters));
        } else if (i < tb->ncols && tb->cols[i].field == COL_UNNAMED) {
            tb->cols[i].field = COL_UNKNOWN; /* reported once */
            report(tb, DIAG_WARNING, r, (int)i, NULL,
                   _("column %s has no header, so its cells (the first in this row) are ignored; give it a header"),
                   office_col_letters((uint32_t)i, letters));
        }
    }
}

/* The name of field f as the header writes it, or its standard name when the header has no such column. */
static const char *field_shown(const table_t *tb, int f)
{
    return tb->field_col[f] >= 0 ? tb->cols[tb->field_col[f]].name : columns[f].names[0];
}

static void row_handle(table_t *tb, const ctable_row_t *r)
{
    catalog_t *out = tb->rd->out;
    row_check_unnamed(tb, r);
    int blank = 1;
    for (int f = CATF_AREA; f < CATF_COUNT && blank; f++)
        blank = is_group(f) ? !group_filled(tb, r, f) : row_cell(tb, r, f)[0] == '\0';
    if (blank || is_note_row(tb, r))
        return;
    if (row_repeats_header(tb, r)) {
        report(tb, DIAG_WARNING, r, -1, NULL, _("this row repeats the header and is skipped"));
        return;
    }
    if (tb->t->csv && r->ncells < tb->ncols) { /* Excel and WPS always write every cell of the table */
        report(tb, DIAG_ERROR, r, -1, NULL,
               _("this row has %zu cells; the header has %zu: a cell is missing (a comma deleted by hand?), so every "
                 "cell after it would be in the wrong column; the row is skipped until it is fixed"),
               r->ncells, tb->ncols);
        return;
    }

    int complete = 1;
    for (int f = CATF_AREA; f < CATF_COUNT; f++) {
        if (!columns[f].required || (tb->field_col[f] < 0 && tb->first_sub[f] < 0))
            continue;
        if (is_group(f) ? group_filled(tb, r, f) : row_cell(tb, r, f)[0] != '\0')
            continue;
        int col = tb->field_col[f] >= 0 ? tb->field_col[f] : tb->first_sub[f];
        const char *name = tb->field_col[f] >= 0 ? tb->cols[col].name : columns[f].names[0];
        if (f <= CATF_LEVEL2) {
            complete = 0;
            if (tb->t->csv)
                report(tb, DIAG_ERROR, r, col, name,
                       _("the cell is empty; every row needs %s, %s and %s (a merged cell in Excel keeps its text in "
                         "its first row only, and a CSV loses the merge: unmerge it and fill the text into every row, "
                         "or save the catalog as catalog.xlsx)"),
                       field_shown(tb, CATF_AREA), field_shown(tb, CATF_LEVEL1), field_shown(tb, CATF_LEVEL2));
            else
                report(tb, DIAG_ERROR, r, col, name, _("the cell is empty; every row needs %s"), name);
        } else {
            report(tb, DIAG_ERROR, r, col, name, _("the cell is empty; fill in %s for this row"), name);
        }
    }
    if (tb->field_col[CATF_LEVEL1] < 0 || tb->field_col[CATF_LEVEL2] < 0 || (tb->field_col[CATF_AREA] < 0 && !tb->area))
        complete = 0;

    catalog_row_t row = {.row = r->row, .sheet = tb->sheet};
    for (int f = 0; f < CATF_COUNT; f++)
        row.col[f] = (short)(tb->field_col[f] >= 0 ? tb->field_col[f] : tb->first_sub[f]);
    if (row_cell(tb, r, CATF_SEQ)[0])
        row.seq = cat_xstrdup(row_cell(tb, r, CATF_SEQ));
    row.area = cat_xstrdup(tb->field_col[CATF_AREA] >= 0 ? row_cell(tb, r, CATF_AREA) : tb->area ? tb->area : "");
    row.level1 = cat_xstrdup(row_cell(tb, r, CATF_LEVEL1));
    row.level2 = cat_xstrdup(row_cell(tb, r, CATF_LEVEL2));
    join_lines(row.area);
    join_lines(row.level1);
    join_lines(row.level2);
    row.content = cat_xstrdup(row_cell(tb, r, CATF_CONTENT));
    row.basis = cat_xstrdup(row_cell(tb, r, CATF_BASIS));
    row.time_limit = cat_xstrdup(row_cell(tb, r, CATF_TIME));
    row.subject = cat_xstrdup(row_cell(tb, r, CATF_SUBJECT));
    row.channels = row_values(tb, r, CATF_CHANNELS);
    row.audience = row_values(tb, r, CATF_AUDIENCE);
    row.mode = row_values(tb, r, CATF_MODE);
    row.levels = row_values(tb, r, CATF_LEVELS);
    if (row_cell(tb, r, CATF_URL)[0])
        row.url = cat_xstrdup(row_cell(tb, r, CATF_URL)); /* checked by validate.c */
    value_ctx_t docs = {.tb = tb, .r = r, .list = &row.doc_ids}, aliases = {.tb = tb, .r = r, .list = &row.aliases};
    split_tokens(row_cell(tb, r, CATF_DOCS), TOK_SPACES, list_token, &docs);
    split_tokens(row_cell(tb, r, CATF_ALIASES), 0, list_token, &aliases); /* an alias may contain a space */

    /* "同上" (as above) in a text cell, as many county catalogs write it: the kiosk shows each item on its own, where
     * "公开依据：同上" means nothing.  What it stands for is plain — the same column of the row above on this sheet —
     * so it is read as that, with a warning showing the text. */
    const catalog_row_t *above =
        out->count && out->rows[out->count - 1].sheet == tb->sheet ? &out->rows[out->count - 1] : NULL;
    static const int ditto_fields[] = {CATF_LEVEL1, CATF_CONTENT, CATF_BASIS, CATF_TIME, CATF_SUBJECT};
    for (size_t i = 0; i < sizeof ditto_fields / sizeof ditto_fields[0]; i++) {
        int f = ditto_fields[i];
        char **mine = f == CATF_LEVEL1    ? &row.level1
                      : f == CATF_CONTENT ? &row.content
                      : f == CATF_BASIS   ? &row.basis
                      : f == CATF_TIME    ? &row.time_limit
                                          : &row.subject;
        if (strcmp(*mine, "同上") && strcmp(*mine, "同上。"))
            continue;
        const char *theirs = !above              ? NULL
                             : f == CATF_LEVEL1  ? above->level1
                             : f == CATF_CONTENT ? above->content
                             : f == CATF_BASIS   ? above->basis
                             : f == CATF_TIME    ? above->time_limit
                                                 : above->subject;
        if (!theirs || !theirs[0]) {
            report(tb, DIAG_ERROR, r, tb->field_col[f], field_shown(tb, f), "%s",
                   _("'同上' (as above), but there is no item above it on this sheet: write the text out"));
            complete = 0;
            continue;
        }
        report(tb, DIAG_WARNING, r, tb->field_col[f], field_shown(tb, f),
               _("'同上' is read as the text of row %d above: %s (the kiosk shows each item on its own)"), above->row,
               theirs);
        free(*mine);
        *mine = cat_xstrdup(theirs);
    }

    if (!complete) {
        catalog_t one = {.rows = &row, .count = 1};
        catalog_free(&one); /* without its names a row cannot be checked against anything later */
        return;
    }
    if (out->count == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 64;
        out->rows = cat_xrealloc(out->rows, out->cap * sizeof *out->rows);
    }
    out->rows[out->count++] = row;
}

/* One warning for the hidden rows of a table that hold data: "rows 9, 12–14". */
static void report_hidden(table_t *tb)
{
    char list[512] = "";
    size_t used = 0, count = 0;
    const ctable_row_t *first = NULL;
    for (size_t i = tb->header_end + 1; i < tb->t->nrows; i++) {
        const ctable_row_t *r = &tb->t->rows[i];
        if (!r->hidden)
            continue;
        int data = 0;
        for (size_t c = 0; c < r->ncells && !data; c++)
            data = r->cells[c][0] != '\0';
        if (!data)
            continue;
        if (!first)
            first = r;
        size_t j = i;
        while (j + 1 < tb->t->nrows && tb->t->rows[j + 1].hidden && tb->t->rows[j + 1].row == tb->t->rows[j].row + 1)
            j++;
        if (used < sizeof list - 32) {
            if (j > i)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%d–%d", used ? "、" : "", r->row,
                                         tb->t->rows[j].row);
            else
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%d", used ? "、" : "", r->row);
        }
        count += j - i + 1;
        i = j;
    }
    /* Said of the sheet, not at the first hidden row: the message names the rows, and a place "第8行" before
     * "第 8 行在 Excel 中被隐藏" said the row twice (and in two spacings). */
    if (first && count == 1)
        report(tb, DIAG_WARNING, NULL, -1, NULL,
               _("row %s is hidden in Excel and was skipped; unhide it (取消隐藏) if it belongs in the catalog, or "
                 "delete it"),
               list);
    else if (first)
        report(tb, DIAG_WARNING, NULL, -1, NULL,
               _("rows %s are hidden in Excel and were skipped; unhide them (取消隐藏) if they belong in the catalog, "
                 "or delete them"),
               list);
}

int catalog_table_read(catalog_reader_t *rd, const ctable_t *t)
{
    table_t tb = {.rd = rd, .t = t, .sheet = -1};
    for (int f = 0; f < CATF_COUNT; f++)
        tb.field_col[f] = tb.first_sub[f] = -1;
    size_t h = 0;
    const char *title = NULL;
    for (; h < t->nrows; h++) {
        const ctable_row_t *r = &t->rows[h];
        if (row_names_columns(r))
            break;
        /* A CSV saved with tabs or semicolons is one cell per row: say so once, not once per missing column. */
        if (t->csv && r->ncells == 1 && strpbrk(r->cells[0], "\t;")) {
            report(&tb, DIAG_ERROR, r, -1, NULL,
                   _("the header is a single cell holding %s, so the file is not comma-separated; save it as CSV "
                     "UTF-8（逗号分隔）"),
                   strchr(r->cells[0], '\t') ? _("tabs") : _("semicolons"));
            return 1;
        }
        for (size_t c = 0; c < r->ncells && !title; c++)
            if (r->cells[c][0] && !covered(r, c))
                title = r->cells[c];
    }
    if (h == t->nrows)
        return 0;
    rd->tables_with_header++;
    if (t->sheet) {
        for (size_t i = 0; i < rd->out->sheets.count && tb.sheet < 0; i++)
            if (!strcmp(rd->out->sheets.items[i], t->sheet))
                tb.sheet = (int)i;
        if (tb.sheet < 0) {
            strlist_push(&rd->out->sheets, t->sheet);
            tb.sheet = (int)rd->out->sheets.count - 1;
        }
    }
    tb.header = h;
    header_read(&tb);
    if (tb.field_col[CATF_AREA] < 0) {
        tb.area = table_area(&tb, title);
        if (!tb.area)
            report(&tb, DIAG_ERROR, NULL, -1, columns[CATF_AREA].names[0],
                   t->sheet ? _("the table has no 领域 column, and neither the sheet's name nor a title row above the "
                                "header names its area: name the sheet after the area (社会救助), or add a 领域 column")
                            : _("the catalog has no 领域 column (also accepted: 公开领域、事项领域), and no title row "
                                "above the header names its area (社会救助领域基层政务公开标准目录)"));
    }
    for (size_t i = tb.header_end + 1; i < t->nrows; i++)
        if (!t->rows[i].hidden)
            row_handle(&tb, &t->rows[i]);
    report_hidden(&tb);
    for (size_t c = 0; c < tb.ncols; c++)
        free(tb.cols[c].name);
    free(tb.cols);
    free(tb.area);
    return 1;
}

/* ---- the catalog ---------------------------------------------------------------------------------------------- */

diag_place_t catalog_place(const catalog_t *c, const catalog_row_t *r, int f, char *keybuf, size_t cap)
{
    keybuf[0] = '\0';
    if (r->seq)
        snprintf(keybuf, cap, _("No. %s"), r->seq);
    return (diag_place_t){c->file ? c->file : "catalog.csv",
                          r->sheet >= 0 && (size_t)r->sheet < c->sheets.count ? c->sheets.items[r->sheet] : NULL,
                          r->sheet,
                          r->row,
                          f >= 0 && f < CATF_COUNT ? r->col[f] : -1,
                          keybuf[0] ? keybuf : NULL};
}

void catalog_free(catalog_t *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++) {
        catalog_row_t *r = &c->rows[i];
        char *strings[] = {r->seq,   r->area,       r->level1,  r->level2, r->content,
                           r->basis, r->time_limit, r->subject, r->url};
        for (size_t k = 0; k < sizeof strings / sizeof strings[0]; k++)
            free(strings[k]);
        strlist_free(&r->doc_ids);
        strlist_free(&r->aliases);
    }
    if (c->rows != NULL && c->cap) /* a stack catalog of one row (row_handle) has cap 0 */
        free(c->rows);
    free(c->file);
    strlist_free(&c->sheets);
    memset(c, 0, sizeof *c);
}
