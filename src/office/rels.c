/* rels.c — OPC relationships: how one part of a package names the others (zwgk/office.h).
 *
 * A workbook finds its sheets, shared strings and styles (a document its numbering and styles) not by fixed entry
 * names but through _rels/NAME.rels parts, whose targets are URIs relative to the part that holds them.  Resolving
 * them is where "no path games" is decided for the reader: a target is resolved segment by segment, percent-escapes
 * decoded, and one that climbs above the package root, or holds a backslash or a NUL, is dropped.  The entry names
 * themselves were checked when the package was opened (zip.c), so a resolved name either exists as a checked entry or
 * is simply not found. */
#include "office_private.h"
#include "zwgk/i18n.h"

#include <stdlib.h>
#include <string.h>

static int hex_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

int office_part_resolve(const char *source_part, const char *target, char *out, size_t cap)
{
    if (!target || !*target || cap < 2 || strchr(target, '\\'))
        return -1;
    char joined[2048];
    size_t n = 0;
    if (*target != '/') { /* relative: from the folder of the source part */
        const char *slash = strrchr(source_part, '/');
        size_t dir = slash ? (size_t)(slash - source_part) + 1 : 0;
        if (*source_part == '/') {
            source_part++;
            dir = dir ? dir - 1 : 0;
        }
        if (dir >= sizeof joined)
            return -1;
        memcpy(joined, source_part, dir);
        n = dir;
    }
    for (const char *t = target; *t && *t != '#'; t++) {
        char c = *t;
        if (c == '%' && hex_value(t[1]) >= 0 && hex_value(t[2]) >= 0) {
            c = (char)(hex_value(t[1]) * 16 + hex_value(t[2]));
            t += 2;
            if (c == '\0' || c == '\\')
                return -1;
        }
        if (n + 1 >= sizeof joined)
            return -1;
        joined[n++] = c;
    }
    joined[n] = '\0';

    /* Segments: "" and "." vanish, ".." removes the previous one and may not climb above the root. */
    size_t o = 0;
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && joined[j] != '/')
            j++;
        size_t seg = j - i;
        if (seg == 2 && joined[i] == '.' && joined[i + 1] == '.') {
            if (o == 0)
                return -1;
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* the '/' before the removed segment */
        } else if (seg > 0 && !(seg == 1 && joined[i] == '.')) {
            if (o + (o > 0) + seg + 1 > cap)
                return -1;
            if (o > 0)
                out[o++] = '/';
            memcpy(out + o, joined + i, seg);
            o += seg;
        }
        i = j + 1;
    }
    out[o] = '\0';
    return o > 0 ? 0 : -1;
}

/* The .rels entry of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels", "" → "_rels/.rels". */
static int rels_name(const char *part, char *out, size_t cap)
{
    if (*part == '/')
        part++;
    const char *slash = strrchr(part, '/');
    size_t dir = slash ? (size_t)(slash - part) + 1 : 0;
    int n = snprintf(out, cap, "%.*s_rels/%s.rels", (int)dir, part, part + dir);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

zwgk_result office_rels_load(office_zip_t *z, const char *part, office_rels_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char name[1200];
    if (rels_name(part, name, sizeof name) != 0 || !office_zip_has(z, name))
        return ZWGK_OK;
    zwgk_result why = ZWGK_ERR_FORMAT;
    office_xml_t *x = office_xml_open(z, name, &why, err, errlen);
    if (!x)
        return why;
    size_t cap = 0;
    zwgk_result r = ZWGK_OK;
    for (int ev; (ev = office_xml_next(x)) != OFFICE_XML_DONE;) {
        if (ev == OFFICE_XML_ERROR) {
            office_set_error(err, errlen, "%s", office_xml_error(x));
            r = ZWGK_ERR_FORMAT;
            break;
        }
        if (ev != OFFICE_XML_START || !office_xml_is(x, "Relationship"))
            continue;
        office_rel_t rel = {0};
        const char *mode = office_xml_attr(x, "TargetMode");
        rel.external = mode && !strcmp(mode, "External");
        rel.id = dup_or_null(office_xml_attr(x, "Id"));
        rel.type = dup_or_null(office_xml_attr(x, "Type"));
        const char *target = office_xml_attr(x, "Target");
        char resolved[1024];
        if (rel.external)
            rel.target = dup_or_null(target);
        else if (office_part_resolve(part, target, resolved, sizeof resolved) == 0)
            rel.target = strdup(resolved);
        if (!rel.id || !rel.type || !rel.target) { /* unusable, or out of memory: dropped */
            free(rel.id);
            free(rel.type);
            free(rel.target);
            continue;
        }
        if (out->count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            office_rel_t *items =
                out->count < office_zip_limits(z)->max_entries ? realloc(out->items, ncap * sizeof *items) : NULL;
            if (!items) {
                free(rel.id);
                free(rel.type);
                free(rel.target);
                office_set_error(err, errlen, _("out of memory"));
                r = ZWGK_ERR_NOMEM;
                break;
            }
            out->items = items;
            cap = ncap;
        }
        out->items[out->count++] = rel;
    }
    office_xml_close(x);
    if (r != ZWGK_OK)
        office_rels_free(out);
    return r;
}

const office_rel_t *office_rels_by_id(const office_rels_t *r, const char *id)
{
    for (size_t i = 0; id && i < r->count; i++)
        if (!strcmp(r->items[i].id, id))
            return &r->items[i];
    return NULL;
}

const office_rel_t *office_rels_by_type(const office_rels_t *r, const char *type_name)
{
    size_t n = strlen(type_name);
    for (size_t i = 0; i < r->count; i++) {
        const char *t = r->items[i].type;
        size_t m = strlen(t);
        if (m > n && t[m - n - 1] == '/' && !strcmp(t + m - n, type_name))
            return &r->items[i];
    }
    return NULL;
}

void office_rels_free(office_rels_t *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].id);
        free(r->items[i].type);
        free(r->items[i].target);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}
