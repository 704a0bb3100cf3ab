/* markdown.c — the recognised 公文 as a document file (docs/authoring.md): YAML front matter, then the body.
 *
 * The file must build as written and be easy for a staffer to finish, so:
 *   - the front matter opens with a comment, in the staffer's language, listing what to check and add; fields the
 *     document could not tell carry a safe default with "请核对" in a comment on their line; optional fields the
 *     kiosk uses (area, url, keywords, summary) are there commented out, ready to fill;
 *   - every value is written double-quoted, so no text of a title (a '#', a ':', a leading '《') changes its meaning;
 *   - body text is escaped where Markdown would read it as markup: a '*', '_', '`', '[', '\\', '<', '&' or '|'
 *     anywhere, and at a line's start what starts a block ('#', '>', '-', '+', '=', ':::', "1. "), so that what the
 *     kiosk shows is the document's text;
 *   - the parts of a 公文 that are not plain paragraphs use the containers of content format 2: `::: 顶格` (主送机关),
 *     `::: 落款` (署名 and 成文日期, flush right), `::: 居中` (a centred title inside the body: an attachment's own
 *     title, a `#` heading in the container). */
#include "import_private.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <stdlib.h>
#include <string.h>

/* A YAML double-quoted scalar. */
static void yaml_str(imp_buf_t *b, const char *s)
{
    imp_buf_put(b, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\')
            imp_buf_put(b, "\\", 1);
        if (*p == '\n') {
            imp_buf_puts(b, " ");
            continue;
        }
        if ((unsigned char)*p < 0x20 && *p != '\t')
            continue;
        imp_buf_put(b, p, 1);
    }
    imp_buf_put(b, "\"", 1);
}

static void field(imp_buf_t *b, const char *key, const char *value, const char *note)
{
    imp_buf_printf(b, "%s: ", key);
    yaml_str(b, value);
    if (note)
        imp_buf_printf(b, "  # %s", note);
    imp_buf_puts(b, "\n");
}

/* One line of body text, escaped (see the top of the file). */
static void md_line(imp_buf_t *b, const char *s, size_t n, bool in_table)
{
    size_t i = 0;
    /* block starts */
    if (n && (s[0] == '#' || s[0] == '>' || s[0] == '-' || s[0] == '+' || s[0] == '=' || s[0] == ':' || s[0] == '~')) {
        imp_buf_put(b, "\\", 1);
    } else {
        size_t d = 0;
        while (d < n && s[d] >= '0' && s[d] <= '9')
            d++;
        if (d && d < 10 && d + 1 <= n && (s[d] == '.' || s[d] == ')') && (d + 1 == n || s[d + 1] == ' ')) {
            imp_buf_put(b, s, d);
            imp_buf_put(b, "\\", 1);
            i = d;
        }
    }
    for (; i < n; i++) {
        char c = s[i];
        if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '\\' || c == '<' || c == '&' ||
            (c == '|' && in_table) || c == '|')
            imp_buf_put(b, "\\", 1);
        imp_buf_put(b, &c, 1);
    }
}

/* Text that may hold '\n': each line escaped on its own. */
static void md_text(imp_buf_t *b, const char *s)
{
    const char *p = s;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        md_line(b, p, n, false);
        if (!nl)
            break;
        imp_buf_puts(b, "\n");
        p = nl + 1;
    }
}

/* A table cell on one line: its line breaks joined (nothing between Chinese characters, a space otherwise). */
static void md_cell(imp_buf_t *b, const char *s)
{
    imp_buf_t one = {0};
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
            if (one.len && one.s[one.len - 1] != ' ' && (unsigned char)one.s[one.len - 1] < 0x80 && i + 1 < n &&
                (unsigned char)s[i + 1] < 0x80)
                imp_buf_put(&one, " ", 1);
            continue;
        }
        imp_buf_put(&one, s + i, 1);
    }
    if (one.len)
        md_line(b, one.s, one.len, true);
    imp_buf_free(&one);
}

static void table(imp_buf_t *b, const imp_block_t *t)
{
    for (uint32_t r = 0; r < t->rows; r++) {
        imp_buf_puts(b, "|");
        for (uint32_t c = 0; c < t->cols; c++) {
            imp_buf_puts(b, " ");
            md_cell(b, t->cells[(size_t)r * t->cols + c]);
            imp_buf_puts(b, " |");
        }
        imp_buf_puts(b, "\n");
        if (r == 0) {
            imp_buf_puts(b, "|");
            for (uint32_t c = 0; c < t->cols; c++)
                imp_buf_puts(b, "---|");
            imp_buf_puts(b, "\n");
        }
    }
}

static void container(imp_buf_t *b, const char *name, const char *text)
{
    imp_buf_printf(b, "::: %s\n", name);
    md_text(b, text);
    imp_buf_puts(b, "\n:::\n");
}

char *imp_markdown(const imp_doc_t *d, const imp_write_t *w)
{
    imp_buf_t b = {0};
    imp_buf_puts(&b, "---\n");
    /* the comment: what the staffer must still do */
    imp_buf_printf(&b, _("# Made by zwgk-admin import from \"%s\". Before publishing, check and complete:\n"),
                   w->source_name);
    imp_buf_printf(&b, "%s\n", _("#   - title, doc_number, issuer and publish_date against the original;"));
    imp_buf_printf(&b, "%s\n",
                   _("#   - the body: heading levels, the 落款 (signature and date) and tables, with zwgk-admin "
                     "preview;"));
    if (d->type == IMPORT_TYPE_POLICY)
        imp_buf_printf(&b, "%s\n", _("#   - validity: 现行有效, 已修改 or 已废止 (现行有效 was assumed);"));
    if (d->type == IMPORT_TYPE_INTERPRETATION) {
        imp_buf_printf(&b, "%s\n", _("#   - interprets: the id of the policy this interpretation explains;"));
        imp_buf_printf(&b, "%s\n", _("#   - unit: the unit that wrote the interpretation (解读单位);"));
    }
    imp_buf_printf(&b, "%s\n",
                   _("#   - area: the catalog area the document belongs to; url: its address on the government "
                     "website (the QR code);"));
    imp_buf_printf(&b, "%s\n",
                   _("#   - keywords and summary: the words citizens search for and one or two sentences;"));
    imp_buf_printf(&b, "%s\n", _("#   - every field marked 请核对 below."));
    imp_buf_printf(&b, "%s\n", _("# Remove the # in front of a commented field to use it; see docs/authoring.md."));

    field(&b, "id", w->id,
          w->id_guessed ? _("请核对: made from the file name; any [a-z0-9-] id will do")
                        : _("made from the doc_number; any [a-z0-9-] id will do"));
    imp_buf_printf(&b, "type: %s  # %s\n", import_type_key(d->type), import_type_label(d->type));
    field(&b, "title", d->title ? d->title : w->source_name, d->title ? NULL : _("请核对: no title was recognised"));
    if (d->issuer)
        field(&b, "issuer", d->issuer, NULL);
    if (d->doc_number)
        field(&b, "doc_number", d->doc_number, NULL);
    if (d->publish_date)
        imp_buf_printf(&b, "publish_date: %s  # %s\n", d->publish_date,
                       d->date_guessed ? _("请核对: the document gives no date; this is the file's date")
                       : d->date_text  ? d->date_text
                                       : "");
    if (d->type == IMPORT_TYPE_POLICY)
        imp_buf_printf(&b, "validity: 现行有效  # %s\n", _("请核对"));
    if (d->type == IMPORT_TYPE_INTERPRETATION) {
        if (w->interprets)
            field(&b, "interprets", w->interprets, _("请核对"));
        else
            imp_buf_printf(&b, "interprets:   # %s\n",
                           _("请填写: the id of the policy it interprets (the build refuses the file until then)"));
        field(&b, "unit", w->unit ? w->unit : (d->issuer ? d->issuer : ""), _("请核对"));
    }
    imp_buf_printf(&b, "# area: \n# url: \n# keywords: []\n# summary: \n");
    imp_buf_puts(&b, "---\n");

    for (size_t i = 0; i < d->nblocks; i++) {
        const imp_block_t *k = &d->blocks[i];
        imp_buf_puts(&b, "\n");
        switch (k->kind) {
        case IMP_HEADING:
            if (k->centred) /* centred as the original sets it: an attachment's own title */
                imp_buf_puts(&b, "::: 居中\n");
            for (int l = 0; l < k->level; l++)
                imp_buf_puts(&b, "#");
            imp_buf_puts(&b, " ");
            md_line(&b, k->text, strlen(k->text), false);
            imp_buf_puts(&b, "\n");
            if (k->centred)
                imp_buf_puts(&b, ":::\n");
            break;
        case IMP_SIGNATURE:
            container(&b, "落款", k->text);
            break;
        case IMP_FLUSH:
            container(&b, "顶格", k->text);
            break;
        case IMP_CENTERED:
            container(&b, "居中", k->text);
            break;
        case IMP_TABLE:
            table(&b, k);
            break;
        default:
            if (k->bold_lead) {
                imp_buf_puts(&b, "**");
                md_line(&b, k->text, k->bold_lead, false);
                imp_buf_puts(&b, "**");
                md_text(&b, k->text + k->bold_lead);
            } else {
                md_text(&b, k->text);
            }
            imp_buf_puts(&b, "\n");
            break;
        }
    }
    for (size_t i = 0; i < d->nqas; i++) /* a question the original leaves unanswered stays body text */
        if (!d->qas[i].answer) {
            imp_buf_puts(&b, "\n");
            md_line(&b, d->qas[i].question, strlen(d->qas[i].question), false);
            imp_buf_puts(&b, "\n");
        }
    size_t answered = 0;
    for (size_t i = 0; i < d->nqas; i++)
        answered += d->qas[i].answer != NULL;
    if (answered) {
        imp_buf_puts(&b, "\n## 简明问答\n");
        for (size_t i = 0; i < d->nqas; i++) {
            if (!d->qas[i].answer)
                continue;
            imp_buf_puts(&b, "\n### ");
            md_line(&b, d->qas[i].question, strlen(d->qas[i].question), false);
            imp_buf_puts(&b, "\n\n");
            md_text(&b, d->qas[i].answer);
            imp_buf_puts(&b, "\n");
        }
    }
    return b.s;
}
