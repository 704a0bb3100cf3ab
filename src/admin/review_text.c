/* review_text.c — a document or a directory item as labelled lines, the unit the review report's diff compares.
 *
 * Every field the kiosk shows gets one line, "label: value", then the body one line per block (a table one line per
 * row, cells between " | "), so that a diff of two versions names the field or the paragraph that changed and
 * nothing the kiosk shows can change unseen.  Labels are translated (the report is Chinese on a Chinese system);
 * values are content, kept exactly. */
#include "review.h"
#include "zwgk/i18n.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static bool add(review_lines_t *l, char *s)
{
    if (!s)
        return false;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        char **v = realloc(l->items, cap * sizeof *v);
        if (!v) {
            free(s);
            return false;
        }
        l->items = v;
        l->cap = cap;
    }
    l->items[l->count++] = s;
    return true;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap, again;
    va_start(ap, f);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, f, ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)n + 1, f, again);
    va_end(again);
    va_end(ap);
    return s;
}

/* "label：value" when value is set (and not empty). */
static bool field(review_lines_t *l, const char *label, const char *value)
{
    if (!value || !*value)
        return true;
    return add(l, fmt("%s%s%s", label, _(": "), value));
}

const char *review_title(const char *t)
{
    return t && *t ? t : _("(no title)");
}

void review_lines_free(review_lines_t *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static void join_bits(unsigned bits, const char *const *names, int n, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n; i++)
        if (bits & (1u << i)) {
            int w = snprintf(buf + used, cap - used, "%s%s", used ? "、" : "", names[i]);
            if (w < 0 || (size_t)w >= cap - used)
                return;
            used += (size_t)w;
        }
}

/* The names the kiosk shows on the item screen (src/ui/screen_item.c): data vocabulary, Chinese in every locale. */
void review_audience(unsigned bits, char *buf, size_t cap)
{
    static const char *const names[] = {"全社会", "特定群体"};
    join_bits(bits, names, 2, buf, cap);
}

void review_mode(unsigned bits, char *buf, size_t cap)
{
    static const char *const names[] = {"主动公开", "依申请公开"};
    join_bits(bits, names, 2, buf, cap);
}

void review_levels(unsigned bits, char *buf, size_t cap)
{
    static const char *const names[] = {"县级", "乡级", "村级"};
    join_bits(bits, names, 3, buf, cap);
}

void review_channels(unsigned bits, char *buf, size_t cap)
{
    const char *names[CHANNEL_COUNT];
    for (int ch = 0; ch < CHANNEL_COUNT; ch++)
        names[ch] = content_channel_name(ch);
    join_bits(bits, names, CHANNEL_COUNT, buf, cap);
}

/* Strings joined with 、 (keywords, titles), malloc'd. */
static char *join_list(const char *const *v, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(v[i] ? v[i] : "") + 3;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(s, "、");
        strcat(s, v[i] ? v[i] : "");
    }
    return s;
}

static bool block_line(review_lines_t *l, const content_block_t *b)
{
    if (b->kind == BLOCK_TABLE) {
        for (int r = 0; r < b->rows; r++) {
            size_t len = 1;
            for (int c = 0; c < b->cols; c++)
                len += strlen(b->cells[r * b->cols + c] ? b->cells[r * b->cols + c] : "") + 3;
            char *s = malloc(len);
            if (!s)
                return false;
            s[0] = '\0';
            for (int c = 0; c < b->cols; c++) {
                if (c)
                    strcat(s, " | ");
                strcat(s, b->cells[r * b->cols + c] ? b->cells[r * b->cols + c] : "");
            }
            if (!add(l, s))
                return false;
        }
        return true;
    }
    const char *text = b->text ? b->text : "";
    char num[32] = "";
    if (b->kind == BLOCK_LIST_ITEM)
        snprintf(num, sizeof num, b->ordered ? "%d. " : "• ", b->number);
    if (b->lead || b->resp)
        return add(l, fmt("%s%s〔%s%s%s%s%s%s%s〕", num, text, b->lead ? _("Lead unit") : "", b->lead ? _(": ") : "",
                          b->lead ? b->lead : "", b->lead && b->resp ? "；" : "", b->resp ? _("Responsible units") : "",
                          b->resp ? _(": ") : "", b->resp ? b->resp : ""));
    return add(l, fmt("%s%s", num, text));
}

bool review_doc_lines(const content_doc_t *d, review_lines_t *l)
{
    const content_doc_summary_t *s = &d->s;
    bool ok = field(l, _("Type"), content_doc_type_name(s->type)) && field(l, _("Title"), s->title) &&
              field(l, _("Document number"), s->doc_number) && field(l, _("Issuer"), s->issuer) &&
              field(l, _("Publish date"), s->publish_date) && field(l, _("Area"), d->area) &&
              field(l, _("Summary"), s->summary) && field(l, _("Online original (QR)"), d->url);
    if (ok && s->type == DOC_POLICY)
        ok = field(l, _("Validity"), content_validity_name(s->validity)) &&
             field(l, _("Valid until"), d->valid_until) && field(l, _("Replaced by"), d->replaced_by_title);
    if (ok && d->nkeywords) {
        char *k = join_list(d->keywords, d->nkeywords);
        ok = k && field(l, _("Keywords"), k);
        free(k);
    }
    if (ok && d->related.count) {
        const char **titles = malloc(d->related.count * sizeof *titles);
        for (size_t i = 0; titles && i < d->related.count; i++)
            titles[i] = d->related.items[i].title;
        char *t = titles ? join_list(titles, d->related.count) : NULL;
        ok = t && field(l, _("Related documents"), t);
        free(t);
        free(titles);
    }
    switch (s->type) {
    case DOC_INTERPRETATION:
        ok = ok && field(l, _("Interpreting unit"), d->unit) && field(l, _("Interpreter"), d->interpreter);
        break;
    case DOC_GUIDE:
        ok = ok && field(l, _("Conditions"), d->conditions) && field(l, _("Scope"), d->scope);
        for (size_t i = 0; ok && i < d->nmaterials; i++) {
            const content_material_t *m = &d->materials[i];
            ok =
                add(l, fmt("%s%s%s（%s %d%s）%s%s", _("Material"), _(": "), m->name ? m->name : "",
                           m->form ? m->form : "", m->count, _(" copies"), m->note ? " " : "", m->note ? m->note : ""));
        }
        for (size_t i = 0; ok && i < d->nsteps; i++) {
            ok = add(l, fmt(_("Step %zu: %s — %s"), i + 1, d->steps[i].title ? d->steps[i].title : "",
                            d->steps[i].detail ? d->steps[i].detail : ""));
            if (ok && d->steps[i].bring)
                ok = add(l, fmt(_("Step %zu, to bring: %s"), i + 1, d->steps[i].bring));
            if (ok && d->steps[i].where)
                ok = add(l, fmt(_("Step %zu, where: %s"), i + 1, d->steps[i].where));
        }
        ok = ok && field(l, _("Time limit"), d->time_limit) && field(l, _("Fee"), d->fee) &&
             field(l, _("Place"), d->place) && field(l, _("Office hours"), d->hours) &&
             field(l, _("Phone"), d->phone) && field(l, _("Complaint phone"), d->complaint_phone) &&
             field(l, _("Online service (QR)"), d->service_url);
        break;
    case DOC_PROJECT: {
        char pct[16];
        snprintf(pct, sizeof pct, "%d%%", s->progress);
        ok = ok && field(l, _("Target"), d->target) && field(l, _("Progress"), pct) &&
             field(l, _("Lead unit"), d->lead_unit) && field(l, _("Status"), content_project_status_name(s->status));
        break;
    }
    case DOC_CONSULTATION:
        ok = ok && field(l, _("Deadline for comments"), s->deadline) && field(l, _("How to comment"), d->respond) &&
             field(l, _("Comment online (QR)"), d->respond_url);
        break;
    default:
        break;
    }
    for (size_t i = 0; ok && i < d->nreadings; i++)
        ok = add(l, fmt("%s%s%s（%s）", _("Reading"), _(": "), d->readings[i].word, d->readings[i].pinyin));
    for (size_t i = 0; ok && i < d->nblocks; i++)
        ok = block_line(l, &d->blocks[i]);
    for (size_t i = 0; ok && i < d->nqas; i++)
        ok = field(l, _("Q"), d->qas[i].question) && field(l, _("A"), d->qas[i].answer);
    return ok;
}

bool review_item_lines(const content_item_t *it, review_lines_t *l)
{
    char aud[128], mode[128], lvl[128], ch[1024];
    review_audience(it->audience, aud, sizeof aud);
    review_mode(it->mode, mode, sizeof mode);
    review_levels(it->levels, lvl, sizeof lvl);
    review_channels(it->channels, ch, sizeof ch);
    bool ok = add(l, fmt("%s › %s › %s", it->area, it->topic, it->name)) &&
              field(l, _("Content (elements)"), it->content) && field(l, _("Basis"), it->basis) &&
              field(l, _("Time limit for disclosure"), it->time_limit) && field(l, _("Disclosing body"), it->subject) &&
              field(l, _("Audience"), aud) && field(l, _("Mode"), mode) && field(l, _("Levels"), lvl) &&
              field(l, _("Channels"), ch) && field(l, _("Online column (QR)"), it->url);
    if (ok && it->naliases) {
        char *a = join_list(it->aliases, it->naliases);
        ok = a && field(l, _("Aliases"), a);
        free(a);
    }
    for (size_t i = 0; ok && i < it->docs.count; i++)
        ok = add(l, fmt("%s%s%s（%s）", _("Document"), _(": "), it->docs.items[i].title, it->docs.items[i].key));
    return ok;
}
