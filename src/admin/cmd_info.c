/* cmd_info.c — `zwgk-admin info`: what a content database holds, for a reviewer before it is signed. */
#include "admin.h"
#include "zwgk/content.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void print_indented(const char *value);

/* Everything info prints passes here: the database is whatever its author made it, so control characters, bidi
 * overrides and invalid bytes in any value are written visibly escaped (utf8_escape_controls) and can never drive
 * the reviewer's terminal or disguise what is shown (issue 12.9).  Line breaks of the output itself are kept. */
static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
    char stack[2048], *text = stack;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(stack, sizeof stack, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof stack) {
        text = malloc((size_t)n + 1);
        if (!text)
            return;
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    /* line by line, so that only the breaks the format itself writes stay breaks */
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        size_t cap = strlen(line) * 4 + 1;
        char *esc = malloc(cap);
        if (esc) {
            utf8_escape_controls(line, esc, cap);
            fputs(esc, stdout);
            free(esc);
        }
        if (!nl)
            break;
        putchar('\n');
        line = nl + 1;
    }
    if (text != stack)
        free(text);
}

/* "    label: value", the value's own line breaks indented under it. */
static void print_text(const char *label, const char *value)
{
    if (!value || !*value)
        return;
    out("    %s: ", label);
    print_indented(value);
}

/* value, its own line breaks indented, then a line break. */
static void print_indented(const char *value)
{
    for (const char *p = value;;) {
        size_t n = strcspn(p, "\n");
        out("%.*s", (int)n, p);
        if (!p[n])
            break;
        out("\n      ");
        p += n + 1;
    }
    out("\n");
}

/* Names of the bits of a vocabulary field, joined with 、 ("县级、乡级"). */
static const char *bits_text(unsigned bits, int kind, char *buf, size_t cap)
{
    static const char *const audience[] = {"全社会", "特定群体"}, *const mode[] = {"主动", "依申请"},
                             *const level[] = {"县级", "乡级", "村级"};
    size_t n = 0;
    buf[0] = '\0';
    int count = kind == 0 ? CHANNEL_COUNT : kind == 3 ? 3 : 2;
    for (int i = 0; i < count && n < cap; i++) {
        if (!(bits & (1u << i)))
            continue;
        const char *name = kind == 0   ? content_channel_name(i)
                           : kind == 1 ? audience[i]
                           : kind == 2 ? mode[i]
                                       : level[i];
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? "、" : "", name);
    }
    return buf;
}

/* Every item of the directory with every column, under its area and 一级事项: what the reviewer checks against the
 * county's catalog. */
static int print_items(content_t *c, const content_named_list_t *areas)
{
    for (size_t a = 0; a < areas->count; a++) {
        out("\n%s\n", areas->items[a].name);
        content_named_list_t topics = {0};
        if (content_topics(c, areas->items[a].id, &topics) != ZWGK_OK)
            return -1;
        for (size_t t = 0; t < topics.count; t++) {
            content_named_list_t items = {0};
            if (content_items(c, topics.items[t].id, &items) != ZWGK_OK) {
                content_named_list_free(&topics);
                return -1;
            }
            for (size_t i = 0; i < items.count; i++) {
                content_item_t it;
                if (content_item_get(c, items.items[i].id, &it) != ZWGK_OK)
                    continue;
                char b[1024];
                out("  %s › %s\n", it.topic, it.name);
                print_text("公开内容（要素）", it.content);
                print_text("公开依据", it.basis);
                print_text("公开时限", it.time_limit);
                print_text("公开主体", it.subject);
                out("    公开渠道和载体: %s\n", bits_text(it.channels, 0, b, sizeof b));
                out("    公开对象: %s\n", bits_text(it.audience, 1, b, sizeof b));
                out("    公开方式: %s\n", bits_text(it.mode, 2, b, sizeof b));
                out("    公开层级: %s\n", bits_text(it.levels, 3, b, sizeof b));
                if (it.url)
                    out("    码上知: %s\n", it.url);
                for (size_t k = 0; k < it.naliases; k++)
                    out("%s%s%s", k ? "、" : "    别名: ", it.aliases[k], k + 1 == it.naliases ? "\n" : "");
                for (size_t k = 0; k < it.docs.count; k++)
                    out("%s%s%s", k ? "、" : "    关联文件: ", it.docs.items[k].key,
                        k + 1 == it.docs.count ? "\n" : "");
                content_item_free(&it);
            }
            content_named_list_free(&items);
        }
        content_named_list_free(&topics);
    }
    return 0;
}

/* A block's text with its line breaks indented under the label; a table row by row, its cells joined by " | ". */
static void print_block(const content_block_t *b)
{
    if (b->kind == BLOCK_TABLE) {
        out("      [表格 %d行×%d列]\n", b->rows, b->cols);
        for (int r = 0; r < b->rows; r++) {
            out("      ");
            for (int col = 0; col < b->cols; col++) {
                const char *cell = b->cells[(size_t)r * (size_t)b->cols + (size_t)col];
                out("%s%s", col ? " | " : "", cell ? cell : "");
            }
            out("\n");
        }
        return;
    }
    const char *text = b->text ? b->text : "";
    if (b->kind == BLOCK_HEADING)
        out("      %.*s ", b->level > 0 && b->level <= 6 ? b->level : 1, "######");
    else if (b->kind == BLOCK_LIST_ITEM && b->ordered)
        out("      %*s%d. ", 2 * (b->level > 0 ? b->level - 1 : 0), "", b->number);
    else if (b->kind == BLOCK_LIST_ITEM)
        out("      %*s· ", 2 * (b->level > 0 ? b->level - 1 : 0), "");
    else
        out("      ");
    for (const char *p = text;;) {
        size_t n = strcspn(p, "\n");
        out("%.*s", (int)n, p);
        if (!p[n])
            break;
        out("\n        ");
        p += n + 1;
    }
    if (b->lead)
        out("〔牵头单位：%s", b->lead);
    if (b->resp)
        out("%s责任单位：%s", b->lead ? "；" : "〔", b->resp);
    if (b->lead || b->resp)
        out("〕");
    out("%s\n", b->align == BLOCK_ALIGN_RIGHT ? "  （右对齐）" : b->align == BLOCK_ALIGN_CENTER ? "  （居中）" : "");
}

/* The guide's text (正文) block by block, as Markdown-like lines a staffer can compare with the original. */
static void print_body(const content_doc_t *g)
{
    if (!g->nblocks)
        return;
    out("    正文（%zu段）:\n", g->nblocks);
    for (size_t k = 0; k < g->nblocks; k++)
        print_block(&g->blocks[k]);
}

/* 常见问题: the questions of the text's 常见问题 section (a paragraph starting 问：, its answer the paragraphs after
 * it, as guides.xlsx and the Markdown guides write them), and any 简明问答 the database holds as question and answer.
 */
static void print_faq(const content_doc_t *g)
{
    int in_faq = 0, nq = 0;
    for (size_t k = 0; k < g->nblocks; k++) {
        const content_block_t *b = &g->blocks[k];
        const char *t = b->text ? b->text : "";
        if (b->kind == BLOCK_HEADING) {
            in_faq = strstr(t, "常见问题") != NULL;
            continue;
        }
        if (!in_faq || b->kind == BLOCK_TABLE)
            continue;
        if (!strncmp(t, "问：", strlen("问："))) {
            out("    常见问题 %d: ", ++nq);
            print_indented(t);
        } else if (nq) {
            out("      ");
            print_indented(t);
        }
    }
    for (size_t k = 0; k < g->nqas; k++) {
        out("    常见问题 %d: 问：", ++nq);
        print_indented(g->qas[k].question ? g->qas[k].question : "");
        out("      答：");
        print_indented(g->qas[k].answer ? g->qas[k].answer : "");
    }
}

/* Every service guide with every field, as the kiosk shows it. */
static void print_guides(content_t *c)
{
    content_doc_list_t docs;
    if (content_docs(c, DOC_GUIDE, 0, 0, &docs) != ZWGK_OK)
        return;
    if (docs.count)
        out("\n%s\n", _("service guides (办事指南), every field:"));
    for (size_t i = 0; i < docs.count; i++) {
        content_doc_t g;
        if (content_doc_get(c, docs.items[i].id, &g) != ZWGK_OK)
            continue;
        out("  %s  %s  %s\n", g.s.key, g.s.title, g.s.publish_date);
        print_text("领域", g.area);
        print_text("摘要", g.s.summary);
        print_text("受理范围", g.scope);
        print_text("受理条件", g.conditions);
        for (size_t k = 0; k < g.nmaterials; k++) {
            const content_material_t *m = &g.materials[k];
            if (m->count > 0)
                out("    申请材料 %zu: %s（%s %d份）%s%s\n", k + 1, m->name, m->form, m->count, m->note ? "：" : "",
                    m->note ? m->note : "");
            else
                out("    申请材料 %zu: %s（%s，免提交）%s%s\n", k + 1, m->name, m->form, m->note ? "：" : "",
                    m->note ? m->note : "");
        }
        for (size_t k = 0; k < g.nsteps; k++) {
            char label[48];
            snprintf(label, sizeof label, "办理流程 %zu", k + 1);
            out("    %s: %s — ", label, g.steps[k].title);
            print_indented(g.steps[k].detail);
            if (g.steps[k].bring)
                out("      需要带: %s\n", g.steps[k].bring);
            if (g.steps[k].where)
                out("      去哪里办: %s\n", g.steps[k].where);
        }
        print_text("办理时限", g.time_limit);
        print_text("收费标准", g.fee);
        print_text("办理地点", g.place);
        print_text("办公时间", g.hours);
        print_text("咨询电话", g.phone);
        print_text("监督投诉电话", g.complaint_phone);
        print_text("网上办理", g.service_url);
        print_text("网址", g.url);
        for (size_t k = 0; k < g.nkeywords; k++)
            out("%s%s%s", k ? "、" : "    关键词: ", g.keywords[k], k + 1 == g.nkeywords ? "\n" : "");
        print_text("发布机关", g.s.issuer);
        print_text("文号", g.s.doc_number);
        for (size_t k = 0; k < g.nreadings; k++)
            out("%s%s: %s%s", k ? "、" : "    读音: ", g.readings[k].word, g.readings[k].pinyin,
                k + 1 == g.nreadings ? "\n" : "");
        for (size_t k = 0; k < g.related.count; k++)
            out("%s%s（%s）%s", k ? "、" : "    相关政策: ", g.related.items[k].title, g.related.items[k].key,
                k + 1 == g.related.count ? "\n" : "");
        print_faq(&g);
        print_body(&g);
        content_doc_free(&g);
    }
    content_doc_list_free(&docs);
}

int admin_info(int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "%s", _("usage: zwgk-admin info content.db\n"));
        return 2;
    }
    char err[512];
    content_t *c = content_open(argv[0], err, sizeof err);
    if (!c) {
        fprintf(stderr, _("zwgk-admin info: %s\n"), err);
        return 1;
    }
    const content_meta_t *m = content_meta(c);
    out(_("title:           %s\n"), m->title);
    out(_("publisher:       %s (%s)\n"), m->publisher, m->publisher_id);
    out(_("region:          %s\n"), m->region ? m->region : "");
    out(_("content version: %lld\n"), m->content_version);
    out(_("created:         %s\n"), m->created ? m->created : "");
    out(_("format version:  %d\n"), m->format_version);

    int rc = 1;
    content_counts_t n;
    content_named_list_t areas = {0};
    if (content_counts(c, &n) != ZWGK_OK || content_areas(c, &areas) != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin info: cannot read %s\n"), argv[0]);
        goto done;
    }
    out(_("\ndirectory: %d areas, %d 一级事项, %d 二级事项\n"), n.areas, n.topics, n.items);
    for (size_t i = 0; i < areas.count; i++)
        out("  %2zu. %s (%d)\n", i + 1, areas.items[i].name, areas.items[i].count);
    out(_("\ndocuments: %d\n"), n.docs);
    for (int t = 1; t < DOC_TYPE_COUNT_PLUS_ONE; t++) { /* every type of zwgk/doctype.h, in its order */
        out("  %s: %d\n", content_doc_type_name(t), n.by_type[t]);
        content_doc_list_t docs;
        if (content_docs(c, t, 0, 0, &docs) != ZWGK_OK)
            goto done;
        for (size_t i = 0; i < docs.count; i++) {
            const content_doc_summary_t *s = &docs.items[i];
            out("    %s  %s%s%s%s%s\n", s->publish_date, s->title, s->doc_number ? "  " : "",
                s->doc_number ? s->doc_number : "", content_doc_type_has(t, DOC_HAS_VALIDITY) ? "  " : "",
                content_doc_type_has(t, DOC_HAS_VALIDITY) ? content_validity_name(s->validity) : "");
        }
        content_doc_list_free(&docs);
    }
    out("\n%s\n", _("directory items, every column:"));
    if (print_items(c, &areas) != 0)
        goto done;
    print_guides(c);
    rc = 0;
done:
    content_named_list_free(&areas);
    content_close(c);
    return rc;
}
