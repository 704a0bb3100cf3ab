/* review_changes.c — what changed since the published version: documents and directory items added, removed and
 * changed, each change as a text diff (review_html.c), for the review report's 变更 section.
 *
 * Documents are matched by their source id (docs.key) and items by their key 领域/一级事项/二级事项: the names that
 * stay the same across versions (database ids do not).  A document or item counts as changed when any line of its
 * text form (review_text.c) differs — every field the kiosk shows and every paragraph — so nothing can change
 * unseen; a renamed item is one removed and one added. */
#include "review.h"
#include "zwgk/i18n.h"

#include <stdlib.h>
#include <string.h>

bool review_docs(content_t *c, content_doc_list_t lists[DOC_TYPE_COUNT_PLUS_ONE])
{
    memset(lists, 0, DOC_TYPE_COUNT_PLUS_ONE * sizeof *lists);
    for (int t = DOC_POLICY; t < DOC_TYPE_COUNT_PLUS_ONE; t++)
        if (content_docs(c, t, 0, 0, &lists[t]) != ZWGK_OK) {
            review_docs_free(lists);
            return false;
        }
    return true;
}

void review_docs_free(content_doc_list_t lists[DOC_TYPE_COUNT_PLUS_ONE])
{
    for (int t = 0; t < DOC_TYPE_COUNT_PLUS_ONE; t++)
        content_doc_list_free(&lists[t]);
}

void review_changes_free(review_changes_t *ch)
{
    free(ch->doc_change);
    memset(ch, 0, sizeof *ch);
}

static bool lines_equal(const review_lines_t *a, const review_lines_t *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->items[i], b->items[i]) != 0)
            return false;
    return true;
}

/* The text form of document key in c; false when it is not there or cannot be read. */
static bool doc_lines(content_t *c, long long id, review_lines_t *out)
{
    content_doc_t d;
    memset(out, 0, sizeof *out);
    if (!id || content_doc_get(c, id, &d) != ZWGK_OK)
        return false;
    bool ok = review_doc_lines(&d, out);
    content_doc_free(&d);
    return ok;
}

static void meta_row(FILE *f, const char *label, const char *was, const char *now)
{
    was = was ? was : "";
    now = now ? now : "";
    if (!strcmp(was, now))
        return;
    html_printf(f, "<tr><th>%s</th><td><del>%s</del></td><td><ins>%s</ins></td></tr>\n", label, was, now);
}

static void write_meta_changes(FILE *f, const content_meta_t *a, const content_meta_t *b)
{
    char va[32], vb[32];
    snprintf(va, sizeof va, "%lld", a->content_version);
    snprintf(vb, sizeof vb, "%lld", b->content_version);
    html_printf(f, "<table class=\"facts\"><tr><th></th><th>%s</th><th>%s</th></tr>\n", _("Published"),
                _("This version"));
    html_printf(f, "<tr><th>%s</th><td>%s</td><td>%s</td></tr>\n", _("Content version"), va, vb);
    meta_row(f, _("Title"), a->title, b->title);
    meta_row(f, _("Publisher"), a->publisher, b->publisher);
    meta_row(f, _("Publisher id"), a->publisher_id, b->publisher_id);
    meta_row(f, _("Region"), a->region, b->region);
    meta_row(f, _("Content date"), a->created, b->created);
    fputs("</table>\n", f);
    /* What a kiosk would do with it: the checks of package_verify, said before anyone signs. */
    if (b->content_version <= a->content_version)
        html_printf(f, "<p class=\"status warn\">%s</p>\n",
                    _("[warning] The content version is not higher than the published one: kiosks will refuse this "
                      "package. Raise content_version in meta.yaml."));
    if (strcmp(a->publisher_id ? a->publisher_id : "", b->publisher_id ? b->publisher_id : "") != 0)
        html_printf(f, "<p class=\"status warn\">%s</p>\n",
                    _("[warning] The publisher id differs from the published one: kiosks accept content only from "
                      "their own publisher."));
}

/* A text written aside, then poured into the page where it belongs (the counts come before the lists). */
typedef struct aside {
    FILE *f;
    char *data;
    size_t len;
} aside_t;

static bool aside_open(aside_t *a)
{
    memset(a, 0, sizeof *a);
    a->f = open_memstream(&a->data, &a->len);
    return a->f != NULL;
}

/* Closes a and writes what it holds into out (NULL: drops it). */
static void aside_pour(aside_t *a, FILE *out)
{
    if (a->f) {
        fclose(a->f);
        if (out && a->data)
            fwrite(a->data, 1, a->len, out);
    }
    free(a->data);
    memset(a, 0, sizeof *a);
}

/* ---- documents ---- */

static void write_doc_changes(FILE *f, content_t *old, content_t *new_, review_changes_t *ch)
{
    content_doc_list_t now[DOC_TYPE_COUNT_PLUS_ONE], was[DOC_TYPE_COUNT_PLUS_ONE];
    if (!review_docs(new_, now) || !review_docs(old, was)) {
        review_docs_free(now);
        html_printf(f, "<p class=\"err\">%s</p>\n", _("[error] A database could not be read."));
        return;
    }
    size_t n = 0;
    for (int t = DOC_POLICY; t < DOC_TYPE_COUNT_PLUS_ONE; t++)
        n += now[t].count;
    ch->doc_change = calloc(n ? n : 1, sizeof *ch->doc_change);
    ch->ndocs = ch->doc_change ? n : 0;

    /* Lists of added and removed documents first, then the changed ones with their diffs, in the report's order. */
    aside_t added, changed, removed;
    if (!aside_open(&added) || !aside_open(&changed) || !aside_open(&removed)) {
        html_printf(f, "<p class=\"err\">%s</p>\n", _("Out of memory comparing the two versions."));
        goto done;
    }
    size_t pos = 0;
    for (int t = DOC_POLICY; t < DOC_TYPE_COUNT_PLUS_ONE; t++)
        for (size_t i = 0; i < now[t].count; i++, pos++) {
            const content_doc_summary_t *s = &now[t].items[i];
            long long old_id = content_doc_find(old, s->key);
            if (!old_id) {
                ch->docs_added++;
                if (pos < ch->ndocs)
                    ch->doc_change[pos] = CHANGE_ADDED;
                html_printf(added.f, "<li><a href=\"#doc-%zu\">%s</a> <span class=\"small\">%s · %s</span></li>\n",
                            pos + 1, review_title(s->title), content_doc_type_name(s->type), s->key);
                continue;
            }
            review_lines_t a, b;
            bool ok_a = doc_lines(old, old_id, &a), ok_b = doc_lines(new_, s->id, &b);
            if (ok_a && ok_b && !lines_equal(&a, &b)) {
                ch->docs_changed++;
                if (pos < ch->ndocs)
                    ch->doc_change[pos] = CHANGE_CHANGED;
                html_printf(changed.f, "<h4>%s <a href=\"#doc-%zu\">%s</a> <span class=\"small\">%s · %s</span></h4>\n",
                            _("[changed]"), pos + 1, review_title(s->title), content_doc_type_name(s->type), s->key);
                html_diff(changed.f, &a, &b);
            }
            review_lines_free(&a);
            review_lines_free(&b);
        }
    for (int t = DOC_POLICY; t < DOC_TYPE_COUNT_PLUS_ONE; t++)
        for (size_t i = 0; i < was[t].count; i++) {
            const content_doc_summary_t *s = &was[t].items[i];
            if (content_doc_find(new_, s->key))
                continue;
            ch->docs_removed++;
            html_printf(removed.f, "<li><del>%s</del> <span class=\"small\">%s · %s%s%s</span></li>\n",
                        review_title(s->title), content_doc_type_name(s->type), s->key, s->doc_number ? " · " : "",
                        s->doc_number ? s->doc_number : "");
        }
    html_printf(f, "<h3>%s</h3>\n<p>", _("Documents"));
    html_printf(f, _("%zu added, %zu removed, %zu changed."), ch->docs_added, ch->docs_removed, ch->docs_changed);
    fputs("</p>\n", f);
    if (ch->docs_added)
        html_printf(f, "<h4>%s</h4>\n<ul>\n", _("[added] Documents"));
    aside_pour(&added, ch->docs_added ? f : NULL);
    if (ch->docs_added)
        fputs("</ul>\n", f);
    if (ch->docs_removed)
        html_printf(f, "<h4>%s</h4>\n<ul>\n", _("[removed] Documents (kiosks will no longer show them)"));
    aside_pour(&removed, ch->docs_removed ? f : NULL);
    if (ch->docs_removed)
        fputs("</ul>\n", f);
    aside_pour(&changed, f);
done:
    aside_pour(&added, NULL);
    aside_pour(&changed, NULL);
    aside_pour(&removed, NULL);
    review_docs_free(now);
    review_docs_free(was);
}

/* ---- directory items ---- */

void review_items_free(review_items_t *s)
{
    for (size_t i = 0; i < s->count; i++)
        content_item_free(&s->items[i]);
    free(s->items);
    memset(s, 0, sizeof *s);
}

bool review_items_load(content_t *c, review_items_t *s)
{
    memset(s, 0, sizeof *s);
    content_named_list_t areas = {0};
    bool ok = content_areas(c, &areas) == ZWGK_OK;
    for (size_t a = 0; ok && a < areas.count; a++) {
        content_named_list_t topics = {0};
        ok = content_topics(c, areas.items[a].id, &topics) == ZWGK_OK;
        for (size_t t = 0; ok && t < topics.count; t++) {
            content_named_list_t items = {0};
            ok = content_items(c, topics.items[t].id, &items) == ZWGK_OK;
            for (size_t i = 0; ok && i < items.count; i++) {
                if (s->count == s->cap) {
                    size_t cap = s->cap ? s->cap * 2 : 64;
                    content_item_t *v = realloc(s->items, cap * sizeof *v);
                    if (!(ok = v != NULL))
                        break;
                    s->items = v;
                    s->cap = cap;
                }
                ok = content_item_get(c, items.items[i].id, &s->items[s->count]) == ZWGK_OK;
                s->count += ok;
            }
            content_named_list_free(&items);
        }
        content_named_list_free(&topics);
    }
    content_named_list_free(&areas);
    if (!ok)
        review_items_free(s);
    return ok;
}

static const content_item_t *item_find(const review_items_t *s, const char *key)
{
    for (size_t i = 0; i < s->count; i++) /* hundreds of items: a linear search is fine beside rendering pages */
        if (!strcmp(s->items[i].key, key))
            return &s->items[i];
    return NULL;
}

static void write_item_changes(FILE *f, content_t *old, content_t *new_, review_changes_t *ch)
{
    review_items_t was, now;
    if (!review_items_load(old, &was)) {
        html_printf(f, "<p class=\"err\">%s</p>\n", _("[error] A database could not be read."));
        return;
    }
    if (!review_items_load(new_, &now)) {
        review_items_free(&was);
        html_printf(f, "<p class=\"err\">%s</p>\n", _("[error] A database could not be read."));
        return;
    }
    for (size_t i = 0; i < now.count; i++)
        if (!item_find(&was, now.items[i].key))
            ch->items_added++;
    for (size_t i = 0; i < was.count; i++)
        if (!item_find(&now, was.items[i].key))
            ch->items_removed++;
    html_printf(f, "<h3>%s</h3>\n<p>", _("Directory items"));
    aside_t body; /* the lists and diffs, after the counts (the changed ones are counted while writing them) */
    if (!aside_open(&body)) {
        html_printf(f, "</p><p class=\"err\">%s</p>\n", _("Out of memory comparing the two versions."));
        goto done;
    }
    if (ch->items_added) {
        html_printf(body.f, "<h4>%s</h4>\n<ul>\n", _("[added] Items"));
        for (size_t i = 0; i < now.count; i++)
            if (!item_find(&was, now.items[i].key))
                html_printf(body.f, "<li><ins>%s › %s › %s</ins></li>\n", now.items[i].area, now.items[i].topic,
                            now.items[i].name);
        fputs("</ul>\n", body.f);
    }
    if (ch->items_removed) {
        html_printf(body.f, "<h4>%s</h4>\n<ul>\n", _("[removed] Items"));
        for (size_t i = 0; i < was.count; i++)
            if (!item_find(&now, was.items[i].key))
                html_printf(body.f, "<li><del>%s › %s › %s</del></li>\n", was.items[i].area, was.items[i].topic,
                            was.items[i].name);
        fputs("</ul>\n", body.f);
    }
    for (size_t i = 0; i < now.count; i++) {
        const content_item_t *o = item_find(&was, now.items[i].key);
        if (!o)
            continue;
        review_lines_t a = {0}, b = {0};
        if (review_item_lines(o, &a) && review_item_lines(&now.items[i], &b) && !lines_equal(&a, &b)) {
            ch->items_changed++;
            html_printf(body.f, "<h4>%s %s › %s › %s</h4>\n", _("[changed]"), now.items[i].area, now.items[i].topic,
                        now.items[i].name);
            html_diff(body.f, &a, &b);
        }
        review_lines_free(&a);
        review_lines_free(&b);
    }
    html_printf(f, _("%zu added, %zu removed, %zu changed."), ch->items_added, ch->items_removed, ch->items_changed);
    fputs("</p>\n", f);
    aside_pour(&body, f);
done:
    review_items_free(&was);
    review_items_free(&now);
}

bool review_changes_write(FILE *f, content_t *old, content_t *new_, review_changes_t *ch)
{
    memset(ch, 0, sizeof *ch);
    write_meta_changes(f, content_meta(old), content_meta(new_));
    write_doc_changes(f, old, new_, ch);
    write_item_changes(f, old, new_, ch);
    return true;
}
