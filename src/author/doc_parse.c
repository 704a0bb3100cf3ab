/* doc_parse.c — one document file (docs/NAME.md) into a doc_t: front matter fields (frontmatter.c) and body blocks
 * (here).
 *
 * The body goes through md4c, whose callbacks arrive as a nested stream (enter block, text, enter span, text, leave
 * …).  We keep one "leaf" being built — a heading, a paragraph, a list item or a table cell — and append text to it;
 * leaving the leaf turns it into a block_t.  Emphasis becomes spans: byte ranges in the leaf's text, opened and
 * closed as md4c reports them.  A list item's text is everything directly in it (the paragraphs of a loose item are
 * joined with '\n') up to a nested list, which flushes the item so that the nested items follow it in order.
 *
 * Lines.  md4c reports no lines, but every MD_TEXT_NORMAL/CODE/ENTITY pointer it passes points into our buffer (line
 * breaks and NUL replacements point to static strings, so the range is checked).  The first such pointer of a leaf
 * gives its offset, and a table of line starts turns the offset into the exact file line.
 *
 * Chinese text.  md4c has no option for CJK line joining, so a soft break is resolved by hand: when the text after it
 * arrives, the break becomes nothing if the character before or after it is East Asian wide (汉字, 全角 punctuation,
 * kana), and a space otherwise ("政务\n公开" → 政务公开, "open\ngovernment" → open government).  Flags:
 * MD_FLAG_PERMISSIVEATXHEADERS accepts `##背景依据` (Chinese typists often omit the space), and
 * MD_FLAG_NOINDENTEDCODEBLOCKS keeps a paragraph indented with spaces a paragraph, not code.  Leading ideographic
 * spaces (the 　　 indent of a pasted Word paragraph) are dropped: the kiosk indents by itself; so are spaces typed
 * after Chinese punctuation ("。 下一句"), which the kiosk's justification would otherwise widen into holes.
 *
 * Paragraphs and list items then lose a trailing 〔牵头单位：…；责任单位：…〕 to tail_split, and an interpretation's
 * `## 简明问答` section is turned into question/answer pairs after the whole body is read. */
#include "doc_internal.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <md4c.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#define QA_HEADING "简明问答"

typedef struct buf {
    char *s;
    size_t len, cap;
} buf_t;

typedef struct open_span {
    int style;
    size_t start;
} open_span_t;

typedef struct list_level {
    int ordered, next;
} list_level_t;

enum { LEAF_NONE = 0, LEAF_CELL = 100 }; /* other leaf kinds are BLOCK_* */

typedef struct parse {
    doc_t *doc;
    diag_list_t *d;
    const char *text; /* the whole file; md4c's pointers point into it */
    size_t len;
    size_t *line_starts; /* offset of each line's first byte */
    size_t nlines;
    int last_line; /* line of the latest text, for a leaf that has none */
    int *stack;    /* md4c block types, outermost first */
    size_t depth, stack_cap;
    list_level_t *lists;
    size_t nlists, lists_cap;
    /* the leaf being built */
    int leaf, leaf_level, leaf_ordered, leaf_number, leaf_line;
    buf_t out;
    span_t *spans;
    size_t nspans, spans_cap;
    open_span_t *open;
    size_t nopen, open_cap;
    bool softbr;       /* a soft break waits for the next text to decide between "" and " " */
    bool warned_stars; /* "**" left in this leaf's text was already reported */
    int in_image;      /* text inside ![…](…) is dropped */
    /* the table being built */
    char **cells;
    size_t ncells, cells_cap;
    int table_cols, table_rows, table_line, row_cells;
    /* `::: 落款` … `:::` containers: the lines each covers and the alignment it gives */
    struct align_range {
        int first, last, align;
    } * ranges;
    size_t nranges, ranges_cap;
    char *work;     /* a copy of the text with the container fences blanked, when there are any */
    int at_line;    /* parsing a cell of a workbook guide (doc_parse_body): every block and problem is at this line */
    int cell_lines; /* the lines of that cell's text */
} parse_t;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t cap2 = *cap ? *cap : 8;
    while (cap2 < need)
        cap2 *= 2;
    *cap = cap2;
    return doc_xrealloc(p, cap2 * size);
}

static void buf_put(buf_t *b, const char *s, size_t n)
{
    b->s = grow(b->s, &b->cap, b->len + n + 1, 1);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* ---- lines ---- */

static void body_diag(parse_t *ps, diag_level_t level, int line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A problem at a line of the body.  In a cell of a workbook guide, the place is the cell, and the line inside the
 * cell is said when the cell has more than one. */
static void body_diag(parse_t *ps, diag_level_t level, int line, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!ps->at_line) {
        doc_vdiag(ps->d, level, ps->doc, line, field, fmt, ap);
    } else {
        char msg[4096];
        vsnprintf(msg, sizeof msg, fmt, ap);
        if (ps->cell_lines > 1 && line > 0)
            doc_diag(ps->d, level, ps->doc, ps->at_line, field, _("line %d of the cell: %s"), line, msg);
        else
            doc_diag(ps->d, level, ps->doc, ps->at_line, field, "%s", msg);
    }
    va_end(ap);
}

static void lines_index(parse_t *ps)
{
    size_t cap = 0;
    ps->line_starts = grow(NULL, &cap, 1, sizeof *ps->line_starts);
    ps->line_starts[ps->nlines++] = 0;
    for (size_t i = 0; i < ps->len; i++) {
        if (ps->text[i] == '\n') {
            ps->line_starts = grow(ps->line_starts, &cap, ps->nlines + 1, sizeof *ps->line_starts);
            ps->line_starts[ps->nlines++] = i + 1;
        }
    }
}

/* 1-based line of a pointer md4c passed, or 0 when it does not point into the file. */
static int line_of(const parse_t *ps, const char *p)
{
    if (p < ps->text || p >= ps->text + ps->len)
        return 0;
    size_t off = (size_t)(p - ps->text), lo = 0, hi = ps->nlines;
    while (hi - lo > 1) { /* the last line start <= off */
        size_t mid = lo + (hi - lo) / 2;
        if (ps->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo + 1;
}

/* ---- characters ---- */

/* East Asian wide or fullwidth, Hangul excepted (Korean separates words with spaces). */
static bool is_wide(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
           (c >= 0x20000 && c <= 0x3FFFD);
}

static uint32_t last_code_point(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    size_t adv;
    return utf8_decode(s + i, len - i, &adv);
}

/* Length of leading blanks: ASCII space/tab and U+3000 (E3 80 80). */
static size_t leading_blanks(const char *s, size_t len)
{
    size_t i = 0;
    for (;;) {
        if (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        else if (len - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3))
            i += 3;
        else
            return i;
    }
}

/* Length of s without trailing blanks, line breaks and U+3000. */
static size_t trim_end(const char *s, size_t len)
{
    for (;;) {
        if (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
            len--;
        else if (len >= 3 && !memcmp(s + len - 3, "\xE3\x80\x80", 3))
            len -= 3;
        else
            return len;
    }
}

/* ---- `::: 落款` containers ---- */

/* The alignment the containers give to a block starting at line (BLOCK_ALIGN_DEFAULT outside them). */
static int align_at(const parse_t *ps, int line)
{
    for (size_t i = 0; i < ps->nranges; i++)
        if (line >= ps->ranges[i].first && line <= ps->ranges[i].last)
            return ps->ranges[i].align;
    return BLOCK_ALIGN_DEFAULT;
}

/* s[0..len) without the blanks, tabs, CR and ideographic spaces around it: *start and the returned length. */
static size_t trim_both(const char *s, size_t len, size_t *start)
{
    size_t a = leading_blanks(s, len);
    *start = a;
    return trim_end(s + a, len - a);
}

/* Finds the container fences of the body (from body_off), records the lines between them and blanks the fences in
 * a private copy of the text (spaces keep every offset, so md4c's pointers still give the right lines; a line of
 * spaces is a blank line, so the lines inside become paragraphs of their own).  Nothing is copied when the body has
 * no ":::" at all. */
static void containers_scan(parse_t *ps, size_t body_off)
{
    static const struct {
        const char *name;
        int align;
    } names[] = {{"落款", BLOCK_ALIGN_RIGHT}, {"顶格", BLOCK_ALIGN_FLUSH}, {"居中", BLOCK_ALIGN_CENTER}};
    size_t at = body_off;
    while (at + 3 <= ps->len && memcmp(ps->text + at, ":::", 3) != 0)
        at++;
    if (at + 3 > ps->len)
        return;
    ps->work = doc_xstrndup(ps->text, ps->len);
    int open_line = 0, open_align = 0;
    for (size_t ln = 0; ln < ps->nlines; ln++) {
        size_t off = ps->line_starts[ln];
        if (off < body_off)
            continue;
        size_t end = ln + 1 < ps->nlines ? ps->line_starts[ln + 1] : ps->len, start;
        size_t n = trim_both(ps->work + off, end - off, &start);
        const char *t = ps->work + off + start;
        if (n < 3 || memcmp(t, ":::", 3) != 0)
            continue;
        int line = (int)ln + 1;
        size_t name_start, name_len = trim_both(t + 3, n - 3, &name_start);
        const char *name = t + 3 + name_start;
        if (name_len == 0) {
            if (open_line)
                ps->ranges[ps->nranges - 1].last = line - 1;
            else
                body_diag(ps, DIAG_WARNING, line, _("body"), "%s",
                          _("this ':::' closes no container (a container starts with '::: 落款', '::: 顶格' or "
                            "'::: 居中'); the line is ignored"));
            open_line = 0;
        } else if (open_line) {
            body_diag(ps, DIAG_ERROR, line, _("body"),
                      _("'::: %.*s' starts inside the container opened at line %d: close that one first with a "
                        "line ':::'"),
                      (int)name_len, name, open_line);
        } else {
            open_align = -1;
            for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
                if (strlen(names[i].name) == name_len && !memcmp(names[i].name, name, name_len))
                    open_align = names[i].align;
            if (open_align < 0) {
                body_diag(ps, DIAG_WARNING, line, _("body"),
                          _("'::: %.*s' is not a container this tool knows (落款 right-aligns the signature and "
                            "date, 顶格 removes the indent, 居中 centres); its text is shown as usual"),
                          (int)name_len, name);
                open_align = BLOCK_ALIGN_DEFAULT;
            }
            open_line = line;
            ps->ranges = grow(ps->ranges, &ps->ranges_cap, ps->nranges + 1, sizeof *ps->ranges);
            ps->ranges[ps->nranges++] = (struct align_range){line + 1, INT32_MAX, open_align};
        }
        for (size_t i = off; i < end; i++) /* the fence becomes a blank line */
            if (ps->work[i] != '\n')
                ps->work[i] = ' ';
    }
    if (open_line)
        body_diag(ps, DIAG_WARNING, open_line, _("body"), "%s",
                  _("this container is never closed with a line ':::', so it runs to the end of the document"));
    ps->text = ps->work;
}

/* ---- the leaf ---- */

static void leaf_begin(parse_t *ps, int kind, int level)
{
    ps->leaf = kind;
    ps->leaf_level = level;
    ps->leaf_ordered = 0;
    ps->leaf_number = 0;
    ps->leaf_line = 0;
    ps->out.len = 0;
    if (ps->out.s)
        ps->out.s[0] = '\0';
    ps->nspans = 0;
    ps->softbr = false;
    ps->warned_stars = false;
}

/* Appends s[0..n) to the leaf without the spaces an author typed after Chinese punctuation ("。 下" → "。下"; the
 * kiosk spaces the line itself).  Spans opened at the end of the text stay valid: nothing before them moves. */
static void put_tidy(parse_t *ps, const char *s, size_t n)
{
    uint32_t prev = ps->out.len ? last_code_point(ps->out.s, ps->out.len) : 0;
    char *tmp = doc_xrealloc(NULL, n);
    size_t m = doc_drop_spaces_after_punct(prev, s, n, tmp);
    buf_put(&ps->out, tmp, m);
    free(tmp);
}

/* Appends text to the leaf, first resolving a pending soft break (see the top of the file). */
static void leaf_end(parse_t *ps);
static void leaf_begin(parse_t *ps, int kind, int level);

/* True when text ends a sentence the way pasted WPS text ends a paragraph: 。！？；〕, or a closing quote or bracket
 * right after 。！？. */
static bool ends_sentence(const char *text, size_t len)
{
    uint32_t last = last_code_point(text, len);
    if (last == 0x3002 || last == 0xFF01 || last == 0xFF1F || last == 0xFF1B || last == 0x3015)
        return true;
    if (last != 0x201D && last != 0x2019 && last != 0x300D && last != 0x300F && last != 0xFF09)
        return false;
    size_t at = utf8_prev(text, len);
    if (at == 0)
        return false;
    uint32_t before = last_code_point(text, at);
    return before == 0x3002 || before == 0xFF01 || before == 0xFF1F;
}

/* In Chinese text a line that ends a sentence starts a new paragraph, even without a blank line: text pasted from
 * WPS or Word has none (docs/authoring.md).  Emphasis open across the break continues in the new paragraph. */
static void paragraph_split(parse_t *ps)
{
    for (size_t i = 0; i < ps->nopen; i++) {
        if (ps->open[i].start >= ps->out.len)
            continue;
        ps->spans = grow(ps->spans, &ps->spans_cap, ps->nspans + 1, sizeof *ps->spans);
        ps->spans[ps->nspans++] = (span_t){ps->open[i].start, ps->out.len, ps->open[i].style};
    }
    leaf_end(ps);
    leaf_begin(ps, BLOCK_PARAGRAPH, 0);
    ps->leaf_line = ps->last_line;
    for (size_t i = 0; i < ps->nopen; i++)
        ps->open[i].start = 0;
}

static void leaf_put(parse_t *ps, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (ps->leaf == LEAF_NONE) /* text after a nested list inside a list item */
        leaf_begin(ps, BLOCK_PARAGRAPH, 0);
    int align = ps->softbr ? align_at(ps, ps->leaf_line) : BLOCK_ALIGN_DEFAULT;
    if (ps->softbr && ps->out.len > 0 && (align == BLOCK_ALIGN_RIGHT || align == BLOCK_ALIGN_CENTER)) {
        buf_put(&ps->out, "\n", 1); /* a 落款 keeps its lines: 署名 above 成文日期 */
    } else if (ps->softbr && ps->out.len > 0 && ps->leaf == BLOCK_PARAGRAPH && ends_sentence(ps->out.s, ps->out.len)) {
        paragraph_split(ps);
    } else if (ps->softbr && ps->out.len > 0) {
        size_t adv;
        uint32_t before = last_code_point(ps->out.s, ps->out.len), after = utf8_decode(s, n, &adv);
        if (!is_wide(before) && !is_wide(after) && before != ' ') {
            /* Spans opened after the break start where the space goes; they begin after it. */
            for (size_t i = 0; i < ps->nopen; i++)
                if (ps->open[i].start == ps->out.len)
                    ps->open[i].start++;
            buf_put(&ps->out, " ", 1);
        }
    }
    ps->softbr = false;
    /* md4c turns a NUL into MD_TEXT_NULLCHAR only in normal text: inside a code span it arrives raw, and a NUL in
     * the leaf would cut the block's text short of its spans (fuzz_markdown, regression-nul-in-code-span). */
    for (const char *nul; (nul = memchr(s, 0, n)) != NULL; n -= (size_t)(nul - s) + 1, s = nul + 1) {
        put_tidy(ps, s, (size_t)(nul - s));
        buf_put(&ps->out, "\xEF\xBF\xBD", 3);
    }
    put_tidy(ps, s, n);
}

static void spans_fit(block_t *b, size_t cut_front, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < b->nspans; i++) {
        span_t sp = b->spans[i];
        sp.start = sp.start > cut_front ? sp.start - cut_front : 0;
        sp.end = sp.end > cut_front ? sp.end - cut_front : 0;
        if (sp.end > len)
            sp.end = len;
        if (sp.start < sp.end)
            b->spans[k++] = sp;
    }
    b->nspans = k;
    if (k == 0) {
        free(b->spans);
        b->spans = NULL;
    }
}

static block_t *block_add(parse_t *ps)
{
    doc_t *doc = ps->doc;
    doc->blocks = doc_xrealloc(doc->blocks, (doc->nblocks + 1) * sizeof *doc->blocks);
    block_t *b = &doc->blocks[doc->nblocks++];
    memset(b, 0, sizeof *b);
    return b;
}

/* Turns the leaf into a block (nothing for an empty one) and closes it. */
static void leaf_end(parse_t *ps)
{
    int kind = ps->leaf;
    ps->leaf = LEAF_NONE;
    if (kind == LEAF_NONE || kind == LEAF_CELL)
        return;
    /* A leaf that got no text has no buffer yet, and NULL + 0 is undefined (regression-empty-leaf-ub.md). */
    const char *out = ps->out.s ? ps->out.s : "";
    size_t front = leading_blanks(out, ps->out.len);
    size_t len = trim_end(out + front, ps->out.len - front);
    char *text = doc_xstrndup(out + front, len), *lead = NULL, *resp = NULL;
    if (kind != BLOCK_HEADING && tail_split(text, &lead, &resp))
        len = strlen(text);
    if (len == 0 && !lead && !resp) {
        free(text);
        return;
    }
    block_t *b = block_add(ps);
    b->kind = kind;
    b->level = ps->leaf_level;
    b->ordered = ps->leaf_ordered;
    b->number = ps->leaf_number;
    b->text = text;
    b->lead = lead;
    b->resp = resp;
    b->line = ps->leaf_line ? ps->leaf_line : ps->last_line;
    b->align = align_at(ps, b->line);
    if (ps->nspans) {
        b->spans = doc_xrealloc(NULL, ps->nspans * sizeof *b->spans);
        memcpy(b->spans, ps->spans, ps->nspans * sizeof *b->spans);
        b->nspans = ps->nspans;
        spans_fit(b, front, len);
    }
}

/* ---- tables ---- */

static void cell_end(parse_t *ps)
{
    const char *out = ps->out.s ? ps->out.s : ""; /* an empty first cell: no buffer yet */
    size_t front = leading_blanks(out, ps->out.len);
    char *cell = doc_xstrndup(out + front, trim_end(out + front, ps->out.len - front));
    ps->leaf = LEAF_NONE;
    if (ps->row_cells >= ps->table_cols) { /* md4c drops extra cells; never trust that blindly */
        free(cell);
        return;
    }
    ps->cells = grow(ps->cells, &ps->cells_cap, ps->ncells + 1, sizeof *ps->cells);
    ps->cells[ps->ncells++] = cell;
    ps->row_cells++;
}

static void row_end(parse_t *ps)
{
    while (ps->row_cells < ps->table_cols) {
        ps->cells = grow(ps->cells, &ps->cells_cap, ps->ncells + 1, sizeof *ps->cells);
        ps->cells[ps->ncells++] = doc_xstrndup("", 0);
        ps->row_cells++;
    }
}

static void table_end(parse_t *ps)
{
    block_t *b = block_add(ps);
    b->kind = BLOCK_TABLE;
    b->rows = ps->table_rows;
    b->cols = ps->table_cols;
    b->cells = ps->cells;
    b->line = ps->table_line ? ps->table_line : ps->last_line;
    if (b->cols > CONTENT_TABLE_COLS_MAX || (long long)b->rows * b->cols > CONTENT_TABLE_CELLS_MAX)
        body_diag(ps, DIAG_ERROR, b->line, _("body"),
                  _("this table has %d rows and %d columns; the kiosk shows at most %d columns and %d cells in one "
                    "table: split it into smaller tables or documents"),
                  b->rows, b->cols, CONTENT_TABLE_COLS_MAX, CONTENT_TABLE_CELLS_MAX);
    ps->cells = NULL;
    ps->ncells = ps->cells_cap = 0;
}

/* ---- md4c callbacks ---- */

static int parent_block(const parse_t *ps)
{
    return ps->depth >= 2 ? ps->stack[ps->depth - 2] : -1;
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    parse_t *ps = user;
    ps->stack = grow(ps->stack, &ps->stack_cap, ps->depth + 1, sizeof *ps->stack);
    ps->stack[ps->depth++] = (int)type;
    switch (type) {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL: {
        leaf_end(ps); /* the text of the item this list is nested in */
        ps->lists = grow(ps->lists, &ps->lists_cap, ps->nlists + 1, sizeof *ps->lists);
        int start = type == MD_BLOCK_OL ? (int)((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
        ps->lists[ps->nlists++] = (list_level_t){type == MD_BLOCK_OL, start};
        break;
    }
    case MD_BLOCK_LI: {
        leaf_end(ps);
        list_level_t *l = &ps->lists[ps->nlists - 1];
        leaf_begin(ps, BLOCK_LIST_ITEM, (int)ps->nlists);
        ps->leaf_ordered = l->ordered;
        ps->leaf_number = l->ordered ? l->next++ : 0;
        break;
    }
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
        if (parent_block(ps) == MD_BLOCK_LI && ps->leaf != LEAF_NONE) {
            if (ps->out.len) { /* the next paragraph of a loose list item */
                buf_put(&ps->out, "\n", 1);
                ps->softbr = false;
            }
        } else {
            leaf_end(ps);
            leaf_begin(ps, BLOCK_PARAGRAPH, 0);
        }
        break;
    case MD_BLOCK_H:
        leaf_end(ps);
        leaf_begin(ps, BLOCK_HEADING, (int)((MD_BLOCK_H_DETAIL *)detail)->level);
        break;
    case MD_BLOCK_TABLE:
        leaf_end(ps);
        ps->table_cols = (int)((MD_BLOCK_TABLE_DETAIL *)detail)->col_count;
        ps->table_rows = 0;
        ps->table_line = 0;
        break;
    case MD_BLOCK_TR:
        ps->table_rows++;
        ps->row_cells = 0;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        leaf_begin(ps, LEAF_CELL, 0);
        break;
    default:
        break;
    }
    return 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    parse_t *ps = user;
    (void)detail;
    switch (type) {
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
        if (parent_block(ps) != MD_BLOCK_LI)
            leaf_end(ps);
        break;
    case MD_BLOCK_H:
    case MD_BLOCK_LI:
        leaf_end(ps);
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        ps->nlists--;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        cell_end(ps);
        break;
    case MD_BLOCK_TR:
        row_end(ps);
        break;
    case MD_BLOCK_TABLE:
        table_end(ps);
        break;
    default:
        break;
    }
    ps->depth--;
    return 0;
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *user)
{
    parse_t *ps = user;
    if (type == MD_SPAN_EM || type == MD_SPAN_STRONG) {
        ps->open = grow(ps->open, &ps->open_cap, ps->nopen + 1, sizeof *ps->open);
        ps->open[ps->nopen++] = (open_span_t){type == MD_SPAN_STRONG ? SPAN_STRONG : SPAN_EMPH, ps->out.len};
    } else if (type == MD_SPAN_IMG && ps->in_image++ == 0) {
        int line = line_of(ps, ((MD_SPAN_IMG_DETAIL *)detail)->src.text);
        body_diag(ps, DIAG_WARNING, line ? line : ps->last_line, _("body"), "%s",
                  _("the kiosk shows no images: the image is left out (describe it in words if it matters)"));
    }
    return 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *user)
{
    parse_t *ps = user;
    (void)detail;
    if (type == MD_SPAN_EM || type == MD_SPAN_STRONG) {
        open_span_t o = ps->open[--ps->nopen];
        if (ps->leaf != LEAF_CELL && ps->leaf != LEAF_NONE && ps->out.len > o.start) {
            ps->spans = grow(ps->spans, &ps->spans_cap, ps->nspans + 1, sizeof *ps->spans);
            ps->spans[ps->nspans++] = (span_t){o.start, ps->out.len, o.style};
        }
    } else if (type == MD_SPAN_IMG) {
        ps->in_image--;
    }
    return 0;
}

/* Decodes an HTML entity md4c passed (&amp; &#20013; &#x4E2D;); unknown ones are kept as written. */
static void put_entity(parse_t *ps, const char *s, size_t n)
{
    static const struct {
        const char *name;
        uint32_t cp;
    } named[] = {{"&amp;", '&'},      {"&lt;", '<'},       {"&gt;", '>'},        {"&quot;", '"'},
                 {"&apos;", '\''},    {"&nbsp;", ' '},     {"&middot;", 0xB7},   {"&times;", 0xD7},
                 {"&divide;", 0xF7},  {"&yen;", 0xA5},     {"&copy;", 0xA9},     {"&reg;", 0xAE},
                 {"&mdash;", 0x2014}, {"&ndash;", 0x2013}, {"&hellip;", 0x2026}, {"&ldquo;", 0x201C},
                 {"&rdquo;", 0x201D}, {"&lsquo;", 0x2018}, {"&rsquo;", 0x2019}};
    uint32_t cp = 0;
    if (n > 3 && s[1] == '#') {
        bool hex = s[2] == 'x' || s[2] == 'X';
        for (size_t i = hex ? 3 : 2; i + 1 < n && cp <= 0x10FFFF; i++) {
            char c = s[i];
            int v = c >= '0' && c <= '9'          ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                  : 0;
            cp = cp * (hex ? 16 : 10) + (uint32_t)v;
        }
        if (cp == 0 || cp > 0x10FFFF)
            cp = TEXT_REPLACEMENT;
    } else {
        for (size_t i = 0; i < sizeof named / sizeof named[0] && !cp; i++)
            if (strlen(named[i].name) == n && !memcmp(named[i].name, s, n))
                cp = named[i].cp;
    }
    if (!cp) {
        leaf_put(ps, s, n);
        return;
    }
    char enc[4];
    leaf_put(ps, enc, utf8_encode(cp, enc));
}

static bool has_stars(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '*' && s[i + 1] == '*')
            return true;
    return false;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
    parse_t *ps = user;
    if (ps->in_image)
        return 0;
    int line = line_of(ps, text);
    if (line) {
        ps->last_line = line;
        if (!ps->leaf_line)
            ps->leaf_line = line;
        if (!ps->table_line && ps->leaf == LEAF_CELL)
            ps->table_line = line;
    }
    switch (type) {
    case MD_TEXT_SOFTBR:
        ps->softbr = true;
        break;
    case MD_TEXT_BR:
        leaf_put(ps, "\n", 1);
        break;
    case MD_TEXT_NULLCHAR:
        leaf_put(ps, "\xEF\xBF\xBD", 3);
        break;
    case MD_TEXT_ENTITY:
        put_entity(ps, text, size);
        break;
    case MD_TEXT_NORMAL:
        if (!ps->warned_stars && line && has_stars(text, size)) {
            ps->warned_stars = true;
            body_diag(ps, DIAG_WARNING, line, _("body"), "%s",
                      _("'**' is shown as is, not as bold: Markdown sees no bold next to Chinese quotes or brackets "
                        "(“**”), so put the ** inside them: “**低保**”"));
        }
        leaf_put(ps, text, size);
        break;
    default: /* code, HTML (off), LaTeX (off): the text as written */
        leaf_put(ps, text, size);
        break;
    }
    return 0;
}

/* ---- 简明问答 ---- */

static void block_release(block_t *b)
{
    free(b->text);
    free(b->lead);
    free(b->resp);
    free(b->spans);
    for (int i = 0; b->cells && i < b->rows * b->cols; i++)
        free(b->cells[i]);
    free(b->cells);
}

static bool is_qa_heading(const block_t *b)
{
    return b->kind == BLOCK_HEADING && b->level == 2 && !strcmp(b->text, QA_HEADING);
}

/* Appends one answer block's text to the answer being built. */
static void answer_add(buf_t *answer, const block_t *b)
{
    char num[24];
    if (answer->len)
        buf_put(answer, "\n", 1);
    if (b->kind == BLOCK_LIST_ITEM && b->ordered) {
        int n = snprintf(num, sizeof num, "%d. ", b->number);
        buf_put(answer, num, (size_t)n);
    }
    buf_put(answer, b->text, strlen(b->text));
}

static void qa_finish(parse_t *ps, buf_t *answer, int line)
{
    doc_t *doc = ps->doc;
    if (!doc->nqas)
        return;
    qa_t *q = &doc->qas[doc->nqas - 1];
    if (q->answer)
        return;
    if (answer->len == 0)
        body_diag(ps, DIAG_ERROR, line, QA_HEADING,
                  _("the question '%s' has no answer: write it as a paragraph under the question"), q->question);
    q->answer = doc_xstrndup(answer->s ? answer->s : "", answer->len);
    answer->len = 0;
}

/* Moves the blocks under each `## 简明问答` into doc->qas: every `###` heading is a question, the paragraphs and
 * list items after it its answer.  The `## 简明问答` heading itself stays a block. */
static void qa_extract(parse_t *ps)
{
    doc_t *doc = ps->doc;
    buf_t answer = {0};
    size_t keep = 0;
    int qline = 0;
    bool in_qa = false;
    for (size_t i = 0; i < doc->nblocks; i++) {
        block_t *b = &doc->blocks[i];
        if (b->kind == BLOCK_HEADING && b->level <= 2) {
            qa_finish(ps, &answer, qline);
            in_qa = is_qa_heading(b);
            doc->blocks[keep++] = *b;
            continue;
        }
        if (!in_qa) {
            doc->blocks[keep++] = *b;
            continue;
        }
        if (b->kind == BLOCK_HEADING && b->level == 3) {
            qa_finish(ps, &answer, qline);
            doc->qas = doc_xrealloc(doc->qas, (doc->nqas + 1) * sizeof *doc->qas);
            doc->qas[doc->nqas++] = (qa_t){b->text, NULL};
            b->text = NULL;
            qline = b->line;
        } else if (!doc->nqas || doc->qas[doc->nqas - 1].answer) {
            body_diag(ps, DIAG_WARNING, b->line, QA_HEADING, "%s",
                      _("text before the first question is not shown: start each question with `### `"));
        } else if (b->kind == BLOCK_TABLE) {
            body_diag(ps, DIAG_WARNING, b->line, QA_HEADING, "%s",
                      _("a table in an answer is not shown: write the answer as text"));
        } else {
            answer_add(&answer, b);
        }
        block_release(b);
    }
    qa_finish(ps, &answer, qline);
    doc->nblocks = keep;
    free(answer.s);
}

/* ---- the document ---- */

static void parse_body(parse_t *ps, size_t body_off)
{
    MD_PARSER parser = {0};
    parser.flags = MD_FLAG_TABLES | MD_FLAG_NOHTML | MD_FLAG_PERMISSIVEATXHEADERS | MD_FLAG_NOINDENTEDCODEBLOCKS;
    parser.enter_block = on_enter_block;
    parser.leave_block = on_leave_block;
    parser.enter_span = on_enter_span;
    parser.leave_span = on_leave_span;
    parser.text = on_text;
    lines_index(ps);
    containers_scan(ps, body_off);
    if (md_parse(ps->text + body_off, (MD_SIZE)(ps->len - body_off), &parser, ps) != 0)
        body_diag(ps, DIAG_ERROR, 0, _("body"), "%s", _("the text could not be read (out of memory)"));
    if (ps->doc->type == DOC_INTERPRETATION)
        qa_extract(ps);
}

static void parse_free(parse_t *ps)
{
    free(ps->line_starts);
    free(ps->stack);
    free(ps->lists);
    free(ps->out.s);
    free(ps->spans);
    free(ps->open);
    for (size_t i = 0; i < ps->ncells; i++)
        free(ps->cells[i]);
    free(ps->cells);
    free(ps->ranges);
    free(ps->work);
}

/* A copy of text with each invalid byte as U+FFFD, or NULL when it is valid UTF-8 (reported in d). */
static char *sanitize(const char *text, size_t *len, const char *file, diag_list_t *d)
{
    size_t bad;
    if (utf8_valid(text, *len, &bad))
        return NULL;
    int line = 1;
    for (size_t i = 0; i < bad; i++)
        line += text[i] == '\n';
    diag_add(d, DIAG_ERROR, file, line, NULL, "%s",
             _("invalid UTF-8 (shown as U+FFFD): save the file as UTF-8 (另存为 → 编码 UTF-8)"));
    buf_t out = {0};
    for (size_t i = 0; i < *len;) {
        size_t adv;
        uint32_t cp = utf8_decode(text + i, *len - i, &adv);
        if (cp == TEXT_REPLACEMENT && adv == 1)
            buf_put(&out, "\xEF\xBF\xBD", 3);
        else
            buf_put(&out, text + i, adv);
        i += adv;
    }
    *len = out.len;
    return out.s;
}

doc_t *doc_parse(const char *text, size_t len, const char *display_name, diag_list_t *d)
{
    const char *file = display_name ? display_name : "(input)";
    char *clean = sanitize(text, &len, file, d);
    doc_t *doc = NULL;
    parse_t ps = {0};
    fm_split_t split;

    if (clean)
        text = clean;
    if (!frontmatter_split(text, len, file, &split, d))
        goto done;
    doc = doc_xrealloc(NULL, sizeof *doc);
    memset(doc, 0, sizeof *doc);
    doc->file = doc_xstrndup(file, strlen(file));
    if (!frontmatter_parse(text + split.yaml_off, split.yaml_len, split.yaml_line, doc, d)) {
        doc_free(doc);
        doc = NULL;
        goto done;
    }
    ps.doc = doc;
    ps.d = d;
    ps.text = text;
    ps.len = len;
    ps.last_line = split.body_line;
    parse_body(&ps, split.body_off);
done:
    parse_free(&ps);
    free(clean);
    return doc;
}

void doc_parse_body(doc_t *doc, const char *text, size_t len, int at_line, diag_list_t *d)
{
    parse_t ps = {0};
    size_t first = doc->nblocks;
    ps.doc = doc;
    ps.d = d;
    ps.text = text;
    ps.len = len;
    ps.last_line = 1;
    ps.at_line = at_line;
    ps.cell_lines = 1;
    for (size_t i = 0; i < len; i++)
        ps.cell_lines += text[i] == '\n';
    parse_body(&ps, 0);
    for (size_t i = first; ps.at_line && i < doc->nblocks; i++)
        doc->blocks[i].line = ps.at_line;
    parse_free(&ps);
}

/* ---- 〔牵头单位：…；责任单位：…〕 ---- */

static bool starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static const char *skip_blanks(const char *s)
{
    return s + leading_blanks(s, strlen(s));
}

/* After `label` and a full- or half-width colon, or NULL when s does not start so. */
static const char *after_label(const char *s, const char *label)
{
    if (!starts_with(s, label))
        return NULL;
    s = skip_blanks(s + strlen(label));
    if (starts_with(s, "："))
        return skip_blanks(s + strlen("："));
    if (*s == ':')
        return skip_blanks(s + 1);
    return NULL;
}

/* A trimmed copy of s[0..n), or NULL when that is empty. */
static char *value_dup(const char *s, size_t n)
{
    n = trim_end(s, n);
    return n ? doc_xstrndup(s, n) : NULL;
}

/* Parses the inside of a tail: 牵头单位：X；责任单位：Y, or only one of the two. */
static bool tail_parse(const char *in, char **lead, char **resp)
{
    static const char *const seps[] = {"；", ";", "，", ","};
    const char *v = after_label(skip_blanks(in), "牵头单位");
    if (!v) {
        v = after_label(skip_blanks(in), "责任单位");
        *resp = v ? value_dup(v, strlen(v)) : NULL;
        return *resp != NULL;
    }
    for (const char *p = strstr(v, "责任单位"); p; p = strstr(p + 1, "责任单位")) {
        const char *r = after_label(p, "责任单位");
        size_t before = trim_end(v, (size_t)(p - v));
        for (size_t k = 0; r && k < sizeof seps / sizeof seps[0]; k++) {
            size_t sl = strlen(seps[k]);
            if (before >= sl && !memcmp(v + before - sl, seps[k], sl)) {
                *lead = value_dup(v, before - sl);
                *resp = value_dup(r, strlen(r));
                return *lead || *resp;
            }
        }
    }
    *lead = value_dup(v, strlen(v));
    return *lead != NULL;
}

int tail_split(char *text, char **lead, char **resp)
{
    static const char *const pairs[][2] = {{"〔", "〕"}, {"（", "）"}, {"【", "】"}, {"(", ")"}, {"[", "]"}};
    *lead = *resp = NULL;
    size_t end = trim_end(text, strlen(text));
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        const char *open = pairs[k][0], *close = pairs[k][1];
        size_t ol = strlen(open), cl = strlen(close);
        if (end < cl || memcmp(text + end - cl, close, cl))
            continue;
        /* Find the matching opener, counting nested pairs such as 各乡（镇）. */
        size_t i = end - cl;
        int depth = 1;
        while (i > 0 && depth > 0) {
            i--;
            if (i + cl <= end - cl && !memcmp(text + i, close, cl))
                depth++;
            else if (i + ol <= end - cl && !memcmp(text + i, open, ol))
                depth--;
        }
        if (depth != 0)
            continue;
        char *inner = doc_xstrndup(text + i + ol, end - cl - (i + ol));
        bool found = tail_parse(inner, lead, resp);
        free(inner);
        if (found) {
            text[trim_end(text, i)] = '\0';
            return 1;
        }
    }
    return 0;
}

/* ---- freeing ---- */

void doc_free(doc_t *d)
{
    if (!d)
        return;
    char *strings[] = {d->file,        d->id,         d->title,           d->publish_date, d->issuer,     d->doc_number,
                       d->area,        d->url,        d->summary,         d->valid_until,  d->interprets, d->unit,
                       d->interpreter, d->conditions, d->scope,           d->time_limit,   d->fee,        d->place,
                       d->hours,       d->phone,      d->complaint_phone, d->service_url,  d->target,     d->lead_unit,
                       d->deadline,    d->respond,    d->respond_url,     d->replaced_by};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(strings[i]);
    strlist_free(&d->keywords);
    strlist_free(&d->guides);
    for (size_t i = 0; i < d->nqas; i++) {
        free(d->qas[i].question);
        free(d->qas[i].answer);
    }
    free(d->qas);
    for (size_t i = 0; i < d->nmaterials; i++) {
        free(d->materials[i].name);
        free(d->materials[i].form);
        free(d->materials[i].note);
    }
    free(d->materials);
    for (size_t i = 0; i < d->nsteps; i++) {
        free(d->steps[i].title);
        free(d->steps[i].detail);
        free(d->steps[i].bring);
        free(d->steps[i].where);
    }
    free(d->steps);
    for (size_t i = 0; i < d->nreadings; i++) {
        free(d->readings[i].word);
        free(d->readings[i].pinyin);
    }
    free(d->readings);
    for (size_t i = 0; i < d->nblocks; i++)
        block_release(&d->blocks[i]);
    free(d->blocks);
    for (size_t i = 0; i < d->ncells; i++) {
        free(d->cells[i].sheet);
        free(d->cells[i].head);
    }
    free(d->cells);
    free(d->key_lines);
    free(d->sort_name);
    free(d);
}

void doc_set_free(doc_set_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        doc_free(s->docs[i]);
    free(s->docs);
    memset(s, 0, sizeof *s);
}
