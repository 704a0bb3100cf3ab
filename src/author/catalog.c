/* catalog.c — reading catalog.csv, the 基层政务公开标准目录, into catalog rows (catalog_parse, model.h).
 *
 * The file is what WPS or Excel writes for "另存为 CSV": RFC 4180-ish, cells with commas or line breaks in quotes,
 * CRLF or LF line ends, and whatever the county's sheet looked like above the data.  libcsv does the tokenising; this
 * file adds what libcsv does not know:
 *
 * Lines.  Every message names the line where a record starts, even when an earlier cell spans several lines.  libcsv
 * reports a record only when it ends, so the text is fed to it one byte at a time while this file counts line breaks
 * (LF, CRLF, or a lone CR) and notes the line of the first byte of each record and of each cell.  A catalog is a few
 * hundred kilobytes; the per-byte calls cost nothing measurable.
 *
 * Structure errors.  The parser runs in libcsv's strict mode so that it stops where a CSV is malformed; this file then
 * decides, like Excel, to go on: a quote inside an unquoted cell (ab"c) is taken literally and not reported; text after
 * the closing quote of a quoted cell ("ab"c) is an error, because from there libcsv reads up to the next quote as part
 * of the cell, which is not what the admin sees in Excel.  A quoted cell still open at the end of the file is an error
 * naming the line where it opened (CSV_STRICT_FINI is switched on only for that check).
 *
 * The header.  Real catalogs have one or two header rows: the first has 公开事项 over two merged columns, the second
 * names them 一级事项 and 二级事项.  Rows before the header that hold a single cell (a sheet title) are skipped. Header
 * cells are compared without any whitespace (a header written "公开内容\n（要素）" is 公开内容（要素）) and with ASCII
 * parentheses read as full-width ones.  Columns are found by name in any order; the name as written is the field
 * name in messages, so the admin sees the column they know.
 *
 * Rows.  A row whose known cells are all blank is skipped (Excel exports trailing empty rows and rows holding only a
 * 序号).  A row repeating the header (sheets pasted one under another) is skipped with a warning.  Every missing
 * required cell is one error naming its column; a row is still added when it has 领域, 一级事项 and 二级事项, so the
 * cross-file checks can run.  Merged cells are not filled down: Excel exports a merged cell's text in its first row
 * only, and the error for the empty cells says how to unmerge and fill them.  Cells are trimmed of ASCII and
 * full-width whitespace; a line break inside a free-text cell is kept as '\n'; in the three name cells (领域 and the
 * two 事项) line breaks are removed, since they only ever come from wrapping a long name by hand. */
#include "model.h"
#include "zwgk/text.h"

#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum field {
    F_SEQ,
    F_AREA,
    F_LEVEL1,
    F_LEVEL2,
    F_CONTENT,
    F_BASIS,
    F_TIME,
    F_SUBJECT,
    F_CHANNELS,
    F_AUDIENCE,
    F_MODE,
    F_LEVELS,
    F_URL,
    F_DOCS,
    F_ALIASES,
    F_COUNT
};
enum { COL_UNKNOWN = -1, COL_UNNAMED = -2 };

/* Header names as compared (no whitespace, full-width parentheses); the first is the name used in messages. */
static const struct column_spec {
    const char *names[4];
    int required;
} columns[F_COUNT] = {
    [F_SEQ] = {{"序号"}, 0},
    [F_AREA] = {{"领域", "公开领域", "事项领域"}, 1},
    [F_LEVEL1] = {{"一级事项"}, 1},
    [F_LEVEL2] = {{"二级事项"}, 1},
    [F_CONTENT] = {{"公开内容（要素）", "公开内容"}, 1},
    [F_BASIS] = {{"公开依据"}, 1},
    [F_TIME] = {{"公开时限"}, 1},
    [F_SUBJECT] = {{"公开主体"}, 1},
    [F_CHANNELS] = {{"公开渠道和载体"}, 1},
    [F_AUDIENCE] = {{"公开对象"}, 1},
    [F_MODE] = {{"公开方式"}, 1},
    [F_LEVELS] = {{"公开层级"}, 1},
    [F_URL] = {{"码上知", "网址", "在线栏目"}, 0},
    [F_DOCS] = {{"关联文件"}, 0},
    [F_ALIASES] = {{"别名", "关键词"}, 0},
};
#define MERGED_LEVELS_HEADER "公开事项"

/* Short forms of channel names (docs/authoring.md). */
static const struct {
    const char *name;
    int channel;
} channel_short[] = {
    {"公示栏", CHANNEL_NOTICEBOARD}, {"村公示栏", CHANNEL_NOTICEBOARD}, {"发布会", CHANNEL_PRESSCONF},
    {"听证会", CHANNEL_PRESSCONF},   {"入户", CHANNEL_ONSITE},          {"现场", CHANNEL_ONSITE},
};

typedef struct record {
    char **cells; /* cleaned cells: valid UTF-8, trimmed, line breaks as '\n' */
    size_t count, cap;
    int line;
} record_t;

enum { FIND_HEADER, HEADER_ROW2, DATA };

typedef struct parser {
    const char *file;
    diag_list_t *d;
    catalog_t *out;
    /* reading */
    record_t rec;    /* the record being read */
    int line;        /* line of the byte being fed */
    int in_record;   /* a byte of the current record has been seen */
    int in_cell;     /* a byte of the current cell has been seen */
    int cell_line;   /* line of the first byte of the current cell */
    int quote_error; /* text after a closing quote already reported in this record */
    int utf8_error;  /* bytes that are not UTF-8 already reported in this record */
    int at_eof_open; /* the record being handled ends in an unterminated quote */
    /* the header */
    int state;                 /* FIND_HEADER, HEADER_ROW2, DATA */
    record_t header1;          /* the first of two header rows, while the second is awaited */
    char **head;               /* header key of each column, owned */
    int *col_field;            /* F_* of each column, or COL_UNKNOWN / COL_UNNAMED */
    unsigned char *col_warned; /* an unnamed column with data was reported */
    size_t ncols;
    int field_col[F_COUNT]; /* column of each field, or -1 */
    int extra_warned;       /* cells beyond the last header column were reported */
} parser_t;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "zwgk-admin: out of memory\n");
        abort();
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

/* ---- cells ---------------------------------------------------------------------------------------------------- */

static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
           cp == 0x3000 || cp == 0xFEFF;
}

/* Returns a clean copy of a raw cell: line breaks (CRLF, CR) as '\n', bytes that are not UTF-8 and NUL bytes as
 * U+FFFD (*bad set when there were any), whitespace trimmed at both ends. */
static char *cell_clean(const char *s, size_t len, int *bad)
{
    char *out = xrealloc(NULL, 3 * len + 1), *o = out;
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
        if (o == out && is_space_cp(cp))
            continue;
        o += utf8_encode(cp, o); /* valid input re-encodes to the same bytes */
        if (!is_space_cp(cp))
            keep = o;
    }
    *keep = '\0';
    return out;
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

/* The comparable form of a header cell or a vocabulary word: every whitespace code point removed, ( ) read as （ ）
 * and ／ as /. */
static char *header_key(const char *s)
{
    size_t len = strlen(s), adv;
    char *out = xrealloc(NULL, 3 * len + 1), *o = out;
    for (size_t i = 0; i < len; i += adv) {
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (is_space_cp(cp))
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
    for (int f = 0; f < F_COUNT; f++) {
        for (int k = 0; k < 4 && columns[f].names[k]; k++) {
            if (strcmp(key, columns[f].names[k]) == 0)
                return f;
        }
    }
    return COL_UNKNOWN;
}

/* Spreadsheet column letters of 0-based column i (A, B, …, Z, AA, …). */
static const char *col_letters(size_t i, char buf[8])
{
    char tmp[8];
    int n = 0;
    i++;
    while (i > 0 && n < 7) {
        tmp[n++] = (char)('A' + (i - 1) % 26);
        i = (i - 1) / 26;
    }
    for (int k = 0; k < n; k++)
        buf[k] = tmp[n - 1 - k];
    buf[n] = '\0';
    return buf;
}

/* ---- records -------------------------------------------------------------------------------------------------- */

static void record_clear(record_t *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->cells[i]);
    r->count = 0;
}

static void record_free(record_t *r)
{
    record_clear(r);
    free(r->cells);
    memset(r, 0, sizeof *r);
}

static const char *record_cell(const record_t *r, size_t i)
{
    return i < r->count ? r->cells[i] : "";
}

static size_t record_nonblank(const record_t *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++)
        n += r->cells[i][0] != '\0';
    return n;
}

/* ---- the header ----------------------------------------------------------------------------------------------- */

/* True when any cell of r is a known header name (or 公开事项). */
static int record_is_header(const record_t *r, int *has_merged, int *has_level1)
{
    int known = 0;
    *has_merged = *has_level1 = 0;
    for (size_t i = 0; i < r->count; i++) {
        char *key = header_key(r->cells[i]);
        int f = field_of_key(key);
        if (f != COL_UNKNOWN)
            known = 1;
        if (f == F_LEVEL1 || f == F_LEVEL2)
            *has_level1 = 1;
        if (strcmp(key, MERGED_LEVELS_HEADER) == 0)
            *has_merged = known = 1;
        free(key);
    }
    return known;
}

/* The header cells joined for a message: "序号, 领域, …".  Caller frees. */
static char *header_list(const parser_t *p)
{
    size_t cap = 1, n = 0;
    for (size_t i = 0; i < p->ncols; i++)
        cap += strlen(p->head[i]) + 2;
    char *s = xrealloc(NULL, cap);
    s[0] = '\0';
    for (size_t i = 0; i < p->ncols; i++) {
        if (!p->head[i][0])
            continue;
        n += (size_t)snprintf(s + n, cap - n, "%s%s", n ? ", " : "", p->head[i]);
    }
    return s;
}

/* Sets the header from names[0..n) (keys are computed here) and reports unknown, duplicate and missing columns. */
static void header_set(parser_t *p, char *const *names, size_t n, int line)
{
    char letters[8], letters2[8];
    for (int f = 0; f < F_COUNT; f++)
        p->field_col[f] = -1;
    if (n == 1 && strpbrk(names[0], "\t;")) {
        /* Excel's "Unicode 文本" or "Text (Tab delimited)", or a CSV from a locale that separates with ';': one
         * error, rather than one per missing column.  No column is known, so every row is skipped. */
        diag_add(p->d, DIAG_ERROR, p->file, line, NULL,
                 "the header is a single cell holding %s, so the file is not comma-separated; save it as CSV "
                 "UTF-8（逗号分隔）",
                 strchr(names[0], '\t') ? "tabs" : "semicolons");
        p->extra_warned = 1;
        n = 0;
    }
    p->ncols = n;
    p->head = xrealloc(NULL, n * sizeof *p->head);
    p->col_field = xrealloc(NULL, n * sizeof *p->col_field);
    p->col_warned = xrealloc(NULL, n);
    memset(p->col_warned, 0, n);
    for (size_t i = 0; i < n; i++) {
        p->head[i] = header_key(names[i]);
        int f = p->head[i][0] ? field_of_key(p->head[i]) : COL_UNNAMED;
        if (f >= 0 && p->field_col[f] >= 0) {
            diag_add(p->d, DIAG_WARNING, p->file, line, p->head[i],
                     "column %s repeats column %s (%s); only the first is read", col_letters(i, letters),
                     col_letters((size_t)p->field_col[f], letters2), p->head[p->field_col[f]]);
            f = COL_UNKNOWN;
        } else if (f >= 0) {
            p->field_col[f] = (int)i;
        } else if (f == COL_UNKNOWN && strcmp(p->head[i], MERGED_LEVELS_HEADER) != 0) {
            /* (an unsplit 公开事项 is explained by the missing 一级事项 and 二级事项 below) */
            diag_add(p->d, DIAG_WARNING, p->file, line, p->head[i],
                     "unknown column (column %s) is ignored; the known columns are listed in docs/authoring.md",
                     col_letters(i, letters));
        }
        p->col_field[i] = f;
    }
    for (int f = 0; f < F_COUNT && p->ncols > 0; f++) {
        if (!columns[f].required || p->field_col[f] >= 0)
            continue;
        char *found = header_list(p);
        char also[128] = "";
        for (int k = 1; k < 4 && columns[f].names[k]; k++)
            snprintf(also + strlen(also), sizeof also - strlen(also), "%s%s",
                     k > 1 ? ", " : " (also accepted: ", columns[f].names[k]);
        if (also[0])
            strcat(also, ")");
        const char *hint = "";
        for (size_t i = 0; i < n && (f == F_LEVEL1 || f == F_LEVEL2); i++) {
            if (strcmp(p->head[i], MERGED_LEVELS_HEADER) == 0)
                hint = "; 公开事项 must be split into two columns, 一级事项 and 二级事项 (a second header row naming "
                       "them under 公开事项 works too)";
        }
        diag_add(p->d, DIAG_ERROR, p->file, line, columns[f].names[0],
                 "the catalog has no %s column%s; the header has: %s%s", columns[f].names[0], also,
                 found[0] ? found : "(nothing)", hint);
        free(found);
    }
}

/* ---- value cells ---------------------------------------------------------------------------------------------- */

enum { TOK_SPACES = 1, TOK_SLASH = 2, TOK_MARKS = 4 };
enum { MARK_NONE = 0, MARK_CHOSEN = 1, MARK_NOT = 2 };

typedef void (*token_fn)(void *ctx, char *tok, int mark);

/* Splits s at 、，,;；, line breaks and (with TOK_SPACES) spaces, (with TOK_SLASH) / and ／, and (with TOK_MARKS)
 * before ■ ☑ (chosen) and □ ☐ (not chosen), calling fn with each non-empty token, trimmed, and the mark before it. */
static void split_tokens(const char *s, int flags, token_fn fn, void *ctx)
{
    size_t len = strlen(s), adv, start = 0;
    int mark = MARK_NONE;
    for (size_t i = 0;; i += adv) {
        uint32_t cp = i < len ? utf8_decode(s + i, len - i, &adv) : 0;
        int new_mark = -1;
        if ((flags & TOK_MARKS) && (cp == 0x25A0 || cp == 0x2611))
            new_mark = MARK_CHOSEN;
        else if ((flags & TOK_MARKS) && (cp == 0x25A1 || cp == 0x2610))
            new_mark = MARK_NOT;
        int sep = i >= len || new_mark >= 0 || cp == 0x3001 || cp == 0xFF0C || cp == ',' || cp == ';' || cp == 0xFF1B ||
                  cp == '\n' || ((flags & TOK_SPACES) && is_space_cp(cp)) ||
                  ((flags & TOK_SLASH) && (cp == '/' || cp == 0xFF0F));
        if (!sep)
            continue;
        int bad = 0;
        char *tok = cell_clean(s + start, i - start, &bad);
        if (tok[0]) {
            fn(ctx, tok, mark);
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

typedef struct word {
    const char *name;
    unsigned bit;
} word_t;
static const word_t audience_words[2] = {{"全社会", AUDIENCE_PUBLIC}, {"特定群体", AUDIENCE_GROUP}};
static const word_t mode_words[2] = {{"主动", MODE_ACTIVE}, {"依申请", MODE_ON_REQUEST}};

/* What a value cell's tokens add up to, and where to report problems. */
typedef struct value_ctx {
    parser_t *p;
    int line;
    const char *field; /* column name as written in the header */
    unsigned bits;
    int chosen;          /* tokens not marked □ */
    const word_t *words; /* for word_token */
    strlist_t *list;     /* for list_token */
} value_ctx_t;

static const char *channel_allowed(char buf[1024])
{
    size_t n = 0;
    for (int c = 0; c < CHANNEL_COUNT; c++)
        n += (size_t)snprintf(buf + n, 1024 - n, "%s%s", c ? "、" : "", content_channel_name(c));
    snprintf(buf + n, 1024 - n, " (short forms: 公示栏, 村公示栏, 发布会, 听证会, 入户, 现场)");
    return buf;
}

/* A channel token, with ( ) and ／ read as （ ） and /. */
static void channel_token(void *ctx, char *tok, int mark)
{
    value_ctx_t *v = ctx;
    if (mark == MARK_NOT)
        return; /* unchosen boxes are the county's template, not checked */
    v->chosen++;
    char *key = header_key(tok); /* also drops inner spaces, harmless in channel names */
    int found = -1;
    for (int c = 0; c < CHANNEL_COUNT && found < 0; c++) {
        if (strcmp(key, content_channel_name(c)) == 0)
            found = c;
    }
    for (size_t i = 0; i < sizeof channel_short / sizeof channel_short[0] && found < 0; i++) {
        if (strcmp(key, channel_short[i].name) == 0)
            found = channel_short[i].channel;
    }
    if (found >= 0) {
        v->bits |= 1u << found;
    } else {
        char buf[1024];
        diag_add(v->p->d, DIAG_ERROR, v->p->file, v->line, v->field, "unknown channel \"%s\"; use names from: %s", tok,
                 channel_allowed(buf));
    }
    free(key);
}

/* A token of a two-word vocabulary (公开对象: 全社会 / 特定群体, 公开方式: 主动 / 依申请). */
static void word_token(void *ctx, char *tok, int mark)
{
    value_ctx_t *v = ctx;
    if (mark == MARK_NOT)
        return;
    v->chosen++;
    if (strcmp(tok, v->words[0].name) == 0)
        v->bits |= v->words[0].bit;
    else if (strcmp(tok, v->words[1].name) == 0)
        v->bits |= v->words[1].bit;
    else
        diag_add(v->p->d, DIAG_ERROR, v->p->file, v->line, v->field, "unknown value \"%s\"; use %s or %s", tok,
                 v->words[0].name, v->words[1].name);
}

/* A level token: 县, 乡 (or 乡镇, 镇) and 村 in any combination, optionally followed by 级, so that 县级, 乡村级 and
 * the parts of "县、乡、村级" are all read. */
static void level_token(void *ctx, char *tok, int mark)
{
    value_ctx_t *v = ctx;
    if (mark == MARK_NOT)
        return;
    v->chosen++;
    size_t len = strlen(tok), adv;
    if (len >= 3 && strcmp(tok + len - 3, "级") == 0)
        len -= 3;
    unsigned bits = 0;
    int ok = len > 0;
    for (size_t i = 0; i < len && ok; i += adv) {
        uint32_t cp = utf8_decode(tok + i, len - i, &adv);
        if (cp == 0x53BF) /* 县 */
            bits |= LEVEL_COUNTY;
        else if (cp == 0x4E61 || cp == 0x9547) /* 乡 镇 */
            bits |= LEVEL_TOWNSHIP;
        else if (cp == 0x6751) /* 村 */
            bits |= LEVEL_VILLAGE;
        else
            ok = 0;
    }
    if (ok)
        v->bits |= bits;
    else
        diag_add(v->p->d, DIAG_ERROR, v->p->file, v->line, v->field,
                 "unknown level \"%s\"; use 县级, 乡级, 村级 or 乡村级 (= 乡级 and 村级), separated by 、", tok);
}

static void list_token(void *ctx, char *tok, int mark)
{
    value_ctx_t *v = ctx;
    (void)mark;
    strlist_push(v->list, tok);
}

/* Parses a value cell into bits.  A cell naming nothing (only □ items, or only separators) is an error. */
static unsigned parse_values(parser_t *p, int line, const char *field, const char *cell, int flags, token_fn fn,
                             const word_t *words)
{
    value_ctx_t v = {.p = p, .line = line, .field = field, .words = words};
    split_tokens(cell, flags, fn, &v);
    if (v.chosen == 0)
        diag_add(p->d, DIAG_ERROR, p->file, line, field,
                 "nothing is chosen; name at least one item (in a ■/□ list, mark the chosen ones ■)");
    return v.bits;
}

static void catalog_free_rows(catalog_t *c)
{
    for (size_t i = 0; i < c->count; i++) {
        catalog_row_t *r = &c->rows[i];
        free(r->area);
        free(r->level1);
        free(r->level2);
        free(r->content);
        free(r->basis);
        free(r->time_limit);
        free(r->subject);
        free(r->url);
        strlist_free(&r->doc_ids);
        strlist_free(&r->aliases);
    }
}

/* ---- data rows ------------------------------------------------------------------------------------------------ */

static const char *field_name(const parser_t *p, int f)
{
    return p->field_col[f] >= 0 ? p->head[p->field_col[f]] : columns[f].names[0];
}

static const char *row_cell(const parser_t *p, const record_t *r, int f)
{
    return p->field_col[f] >= 0 ? record_cell(r, (size_t)p->field_col[f]) : "";
}

/* Reports data in columns that have no header (once per column, and once for cells past the last column). */
static void row_check_unnamed(parser_t *p, const record_t *r)
{
    char letters[8];
    for (size_t i = 0; i < r->count; i++) {
        if (!r->cells[i][0])
            continue;
        if (i >= p->ncols && !p->extra_warned) {
            p->extra_warned = 1;
            diag_add(p->d, DIAG_WARNING, p->file, r->line, NULL,
                     "this row has cells to the right of the last header column (column %s); they are ignored",
                     col_letters(i, letters));
        } else if (i < p->ncols && p->col_field[i] == COL_UNNAMED && !p->col_warned[i]) {
            p->col_warned[i] = 1;
            diag_add(p->d, DIAG_WARNING, p->file, r->line, NULL,
                     "column %s has no header, so its cells (the first on this line) are ignored; give it a header",
                     col_letters(i, letters));
        }
    }
}

static int row_repeats_header(const parser_t *p, const record_t *r)
{
    char *k1 = header_key(row_cell(p, r, F_LEVEL1)), *k2 = header_key(row_cell(p, r, F_LEVEL2));
    char *ka = header_key(row_cell(p, r, F_AREA));
    int rep = field_of_key(ka) == F_AREA || field_of_key(k1) == F_LEVEL1 || field_of_key(k2) == F_LEVEL2 ||
              strcmp(k1, MERGED_LEVELS_HEADER) == 0;
    free(k1);
    free(k2);
    free(ka);
    return rep;
}

static void row_handle(parser_t *p, const record_t *r)
{
    row_check_unnamed(p, r);
    int blank = 1;
    for (int f = F_AREA; f < F_COUNT && blank; f++)
        blank = row_cell(p, r, f)[0] == '\0';
    if (blank)
        return;
    if (row_repeats_header(p, r)) {
        diag_add(p->d, DIAG_WARNING, p->file, r->line, NULL, "this row repeats the header and is skipped");
        return;
    }

    int line = r->line, complete = 1;
    for (int f = F_AREA; f < F_COUNT; f++) {
        if (!columns[f].required || p->field_col[f] < 0 || row_cell(p, r, f)[0])
            continue;
        if (f <= F_LEVEL2)
            complete = 0;
        if (p->at_eof_open)
            continue; /* the unterminated quote swallowed the rest of the row; that error says it all */
        if (f <= F_LEVEL2)
            diag_add(p->d, DIAG_ERROR, p->file, line, field_name(p, f),
                     "the cell is empty; every row needs %s, %s and %s (a merged cell in Excel keeps its text in its "
                     "first row only: unmerge it and fill the text into every row)",
                     field_name(p, F_AREA), field_name(p, F_LEVEL1), field_name(p, F_LEVEL2));
        else
            diag_add(p->d, DIAG_ERROR, p->file, line, field_name(p, f), "the cell is empty; fill in %s for this row",
                     field_name(p, f));
    }
    catalog_row_t row = {.line = line};
    char **names[] = {&row.area, &row.level1, &row.level2};
    for (int f = F_AREA; f <= F_LEVEL2; f++) {
        *names[f - F_AREA] = xstrdup(row_cell(p, r, f));
        join_lines(*names[f - F_AREA]);
    }
    char **texts[] = {&row.content, &row.basis, &row.time_limit, &row.subject};
    for (int f = F_CONTENT; f <= F_SUBJECT; f++)
        *texts[f - F_CONTENT] = xstrdup(row_cell(p, r, f));
    /* Channel names contain '/' (发布会/听证会); the other vocabularies do not, so there it separates. */
    static const struct {
        int flags;
        token_fn fn;
        const word_t *words;
    } value_cells[] = {{TOK_SPACES | TOK_MARKS, channel_token, NULL},
                       {TOK_SPACES | TOK_SLASH | TOK_MARKS, word_token, audience_words},
                       {TOK_SPACES | TOK_SLASH | TOK_MARKS, word_token, mode_words},
                       {TOK_SPACES | TOK_SLASH | TOK_MARKS, level_token, NULL}};
    unsigned *bits[] = {&row.channels, &row.audience, &row.mode, &row.levels};
    for (int f = F_CHANNELS; f <= F_LEVELS; f++) {
        const char *cell = row_cell(p, r, f);
        const int k = f - F_CHANNELS;
        if (cell[0])
            *bits[k] = parse_values(p, line, field_name(p, f), cell, value_cells[k].flags, value_cells[k].fn,
                                    value_cells[k].words);
    }
    if (row_cell(p, r, F_URL)[0])
        row.url = xstrdup(row_cell(p, r, F_URL)); /* checked by validate.c */
    value_ctx_t docs = {.p = p, .list = &row.doc_ids}, aliases = {.p = p, .list = &row.aliases};
    split_tokens(row_cell(p, r, F_DOCS), TOK_SPACES, list_token, &docs);
    split_tokens(row_cell(p, r, F_ALIASES), 0, list_token, &aliases); /* an alias may contain a space */

    if (!complete || p->field_col[F_AREA] < 0 || p->field_col[F_LEVEL1] < 0 || p->field_col[F_LEVEL2] < 0) {
        catalog_t one = {.rows = &row, .count = 1};
        catalog_free_rows(&one); /* without its names a row cannot be checked against anything later */
        return;
    }
    if (p->out->count == p->out->cap) {
        p->out->cap = p->out->cap ? p->out->cap * 2 : 64;
        p->out->rows = xrealloc(p->out->rows, p->out->cap * sizeof *p->out->rows);
    }
    p->out->rows[p->out->count++] = row;
}

/* ---- libcsv callbacks and the feed loop ----------------------------------------------------------------------- */

static void record_handle(parser_t *p, record_t *r)
{
    int has_merged, has_level1;
    switch (p->state) {
    case FIND_HEADER:
        /* A single cell is a sheet title, unless it holds tabs or semicolons: then it is a header saved with the
         * wrong separator, which header_set reports. */
        if (record_is_header(r, &has_merged, &has_level1) || record_nonblank(r) > 1 ||
            (r->count == 1 && strpbrk(r->cells[0], "\t;"))) {
            if (has_merged && !has_level1) {
                record_free(&p->header1);
                p->header1 = *r; /* takes the cells; r is emptied below */
                memset(r, 0, sizeof *r);
                p->state = HEADER_ROW2;
            } else {
                header_set(p, r->cells, r->count, r->line);
                p->state = DATA;
            }
        } /* else: empty, or a title above the header */
        return;
    case HEADER_ROW2:
        record_is_header(r, &has_merged, &has_level1);
        if (has_level1) {
            size_t n = r->count > p->header1.count ? r->count : p->header1.count;
            char **merged = xrealloc(NULL, n * sizeof *merged);
            for (size_t i = 0; i < n; i++)
                merged[i] = (char *)(record_cell(r, i)[0] ? record_cell(r, i) : record_cell(&p->header1, i));
            header_set(p, merged, n, p->header1.line);
            free(merged);
            p->state = DATA;
            return;
        }
        header_set(p, p->header1.cells, p->header1.count, p->header1.line);
        p->state = DATA;
        row_handle(p, r);
        return;
    default:
        row_handle(p, r);
    }
}

static void on_cell(void *s, size_t len, void *data)
{
    parser_t *p = data;
    int bad = 0;
    if (p->rec.count == p->rec.cap) {
        p->rec.cap = p->rec.cap ? p->rec.cap * 2 : 16;
        p->rec.cells = xrealloc(p->rec.cells, p->rec.cap * sizeof *p->rec.cells);
    }
    p->rec.cells[p->rec.count++] = cell_clean(s ? s : "", s ? len : 0, &bad);
    if (bad && !p->utf8_error++)
        diag_add(p->d, DIAG_ERROR, p->file, p->cell_line, NULL,
                 "a cell has bytes that are not UTF-8 (shown as �); save the file as CSV UTF-8");
    p->in_cell = 0;
}

static void on_record(int c, void *data)
{
    parser_t *p = data;
    (void)c;
    record_handle(p, &p->rec);
    record_clear(&p->rec);
    p->in_record = p->in_cell = p->quote_error = p->utf8_error = 0;
}

/* Name of the column the current cell is in, for structure errors (NULL before the header is known). */
static const char *current_column(const parser_t *p)
{
    size_t i = p->rec.count;
    return p->state == DATA && i < p->ncols && p->head[i][0] ? p->head[i] : NULL;
}

void catalog_parse(const char *text, size_t len, const char *display_name, catalog_t *out, diag_list_t *d)
{
    parser_t p = {.file = display_name, .d = d, .out = out, .line = 1};
    struct csv_parser csv;
    if (csv_init(&csv, CSV_STRICT) != 0) {
        fprintf(stderr, "zwgk-admin: out of memory\n");
        abort();
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (!p.in_record && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            p.in_record = 1;
            p.rec.line = p.line;
        }
        if (!p.in_cell && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',') {
            p.in_cell = 1;
            p.cell_line = p.line;
        }
        if (csv_parse(&csv, text + i, 1, on_cell, on_record, &p) != 1) {
            if (csv_error(&csv) != CSV_EPARSE) {
                fprintf(stderr, "zwgk-admin: out of memory\n");
                abort();
            }
            /* Strict mode stopped at a quote inside an unquoted cell (taken literally, as Excel does) or at text
             * after a closing quote (reported).  Either way, go on leniently from this byte. */
            if (c != '"' && !p.quote_error) {
                p.quote_error = 1;
                diag_add(
                    d, DIAG_ERROR, p.file, p.line, current_column(&p),
                    "text after the closing quote of a quoted cell (the cell began on line %d), so the cell runs "
                    "on to the next quote; put the whole cell in quotes and double any quote inside it (\"a\"\"b\"), "
                    "or save the file again from WPS/Excel",
                    p.cell_line);
            }
            csv_set_opts(&csv, 0);
            csv_parse(&csv, text + i, 1, on_cell, on_record, &p);
            csv_set_opts(&csv, CSV_STRICT);
        }
        if (c == '\n' || (c == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
            p.line++;
    }
    csv_set_opts(&csv, CSV_STRICT | CSV_STRICT_FINI);
    if (csv_fini(&csv, on_cell, on_record, &p) != 0) {
        if (!p.quote_error) /* else text after a closing quote began it, and was reported */
            diag_add(
                d, DIAG_ERROR, p.file, p.cell_line, current_column(&p),
                "a quoted cell starts on this line but its closing quote is missing, so the rest of the file became "
                "part of the cell; add the closing \"");
        p.at_eof_open = 1;
        csv_set_opts(&csv, 0);
        csv_fini(&csv, on_cell, on_record, &p);
    }
    csv_free(&csv);

    if (p.state == HEADER_ROW2) /* the file ended after the first header row */
        header_set(&p, p.header1.cells, p.header1.count, p.header1.line);
    else if (p.state == FIND_HEADER)
        diag_add(d, DIAG_ERROR, p.file, 0, NULL,
                 "the file has no header row; its first row must name the columns (领域, 一级事项, 二级事项, "
                 "公开内容（要素）, …; see docs/authoring.md)");
    record_free(&p.rec);
    record_free(&p.header1);
    for (size_t i = 0; i < p.ncols; i++)
        free(p.head[i]);
    free(p.head);
    free(p.col_field);
    free(p.col_warned);
}

void catalog_free(catalog_t *c)
{
    if (!c)
        return;
    catalog_free_rows(c);
    free(c->rows);
    memset(c, 0, sizeof *c);
}
