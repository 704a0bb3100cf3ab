/* meta.c — reading meta.yaml, the publisher's few facts about a content build.
 *
 * The file is a flat YAML mapping of scalars; libyaml's event parser gives each key and value with its line, which
 * is all the messages need. */
#include "doc_internal.h"
#include "model.h"
#include "zwgk/i18n.h"
#include "zwgk/result.h"
#include "zwgk/schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

int meta_parse(const char *path, const char *name, src_meta_t *out, diag_list_t *d)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = src_read_text(path, name, &len, d);
    if (!text)
        return ZWGK_ERR_IO;
    /* Full-width and no-break spaces typed after "key:" or as indentation, as in front matter: read as spaces, with
     * a warning.  Unfixed, "region:　信丰县" is a key without ':' for libyaml, and every key after it is lost. */
    int *space_lines = NULL;
    size_t nspace = 0, fixed_len = 0;
    char *fixed = lenient_yaml(text, len, &fixed_len, &space_lines, &nspace);
    for (size_t i = 0; i < nspace; i++)
        diag_add(d, DIAG_WARNING, name, space_lines[i] + 1, NULL, "%s",
                 _("the line has full-width spaces (含有全角空格) or no-break spaces in its indentation or around its "
                   "value; they are read as ordinary spaces (type spaces in 半角 mode)"));
    free(space_lines);
    if (fixed) {
        free(text);
        text = fixed;
        len = fixed_len;
    }
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    char *key = NULL;
    int key_line = 0, depth = 0, done = 0, version_line = 0, id_line = 0, created_line = 0, unreadable = 0;
    char *version = NULL;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            /* The cause, in Chinese, at its line; the keys it hid are listed after it as its consequences. */
            frontmatter_yaml_error(&p, text, len, 1, name, NULL, d);
            unreadable = 1;
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            depth++;
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            depth--;
            break;
        case YAML_SCALAR_EVENT: {
            const char *v = (const char *)ev.data.scalar.value;
            int line = (int)ev.start_mark.line + 1;
            if (depth != 1) {
                diag_add(d, DIAG_ERROR, name, line, key, "%s", _("expected a plain value, not a list or mapping"));
            } else if (!key) {
                key = strdup(v);
                key_line = line;
                break;
            } else {
                char **slot = NULL;
                if (!strcmp(key, "publisher_id")) {
                    slot = &out->publisher_id;
                    id_line = line;
                } else if (!strcmp(key, "publisher"))
                    slot = &out->publisher;
                else if (!strcmp(key, "region"))
                    slot = &out->region;
                else if (!strcmp(key, "title"))
                    slot = &out->title;
                else if (!strcmp(key, "created")) {
                    slot = &out->created;
                    created_line = line;
                } else if (!strcmp(key, "content_version")) {
                    slot = &version;
                    version_line = line;
                } else
                    diag_add(d, DIAG_WARNING, name, key_line, key, "%s",
                             _("unknown key, ignored (the keys are publisher_id, publisher, region, title, created, "
                               "content_version)"));
                if (slot) {
                    free(*slot);
                    *slot = strdup(v);
                }
            }
            free(key);
            key = NULL;
            break;
        }
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    free(key);
    yaml_parser_delete(&p);
    free(text);

    struct {
        const char *key;
        char *value;
    } req[] = {{"publisher_id", out->publisher_id},
               {"publisher", out->publisher},
               {"region", out->region},
               {"title", out->title},
               {"created", out->created},
               {"content_version", version}};
    for (size_t i = 0; i < sizeof req / sizeof req[0]; i++)
        if (!req[i].value || !*req[i].value) {
            if (unreadable)
                diag_add(d, DIAG_CONSEQUENCE, name, 0, req[i].key, "%s",
                         _("cannot be read until the YAML syntax error is fixed"));
            else
                diag_add(d, DIAG_ERROR, name, 0, req[i].key, _("missing: add a line '%s: …' (see docs/authoring.md)"),
                         req[i].key);
        }
    /* The rules of src/content/rules.c: the install check applies the same ones (issue 12.13). */
    const char *why;
    if (out->publisher_id && *out->publisher_id && (why = content_publisher_id_problem(out->publisher_id)))
        diag_add(d, DIAG_ERROR, name, id_line, "publisher_id", _("'%s' %s"), out->publisher_id, _(why));
    char norm[11];
    if (out->created && content_date_problem(out->created) && lenient_date(out->created, norm)) {
        /* 2024年12月1日, 2024/12/1, 2024-12-1: what was meant is plain; the database gets YYYY-MM-DD */
        diag_add(d, DIAG_WARNING, name, created_line, "created", _("'%s' is read as %s; write dates as YYYY-MM-DD"),
                 out->created, norm);
        free(out->created);
        out->created = strdup(norm);
    }
    if (out->created && *out->created && (why = content_date_problem(out->created)))
        diag_add(d, DIAG_ERROR, name, created_line, "created", _("'%s' %s"), out->created, _(why));
    if (version && *version && (why = content_version_problem(version, &out->content_version)))
        diag_add(d, DIAG_ERROR, name, version_line, "content_version", _("'%s' %s"), version, _(why));
    free(version);
    return ZWGK_OK;
}

void meta_free(src_meta_t *m)
{
    if (!m)
        return;
    free(m->publisher_id);
    free(m->publisher);
    free(m->region);
    free(m->title);
    free(m->created);
    memset(m, 0, sizeof *m);
}
