/* meta.c — reading meta.yaml, the publisher's few facts about a content build.
 *
 * The file is a flat YAML mapping of scalars; libyaml's event parser gives each key and value with its line, which
 * is all the messages need. */
#include "model.h"
#include "zwgk/result.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static int valid_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    /* Digits only: sscanf's %d alone would take a sign or a space ("2024-+1-01", "2024- 1-01"). */
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static int valid_publisher_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

int meta_parse(const char *path, const char *name, src_meta_t *out, diag_list_t *d)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = src_read_text(path, name, &len, d);
    if (!text)
        return ZWGK_ERR_IO;
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    char *key = NULL;
    int key_line = 0, depth = 0, done = 0, version_line = 0, id_line = 0, created_line = 0;
    char *version = NULL;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            diag_add(d, DIAG_ERROR, name, (int)p.problem_mark.line + 1, NULL, "YAML syntax error: %s",
                     p.problem ? p.problem : "unknown");
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
                diag_add(d, DIAG_ERROR, name, line, key, "expected a plain value, not a list or mapping");
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
                    diag_add(d, DIAG_WARNING, name, key_line, key, "unknown key, ignored");
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
        if (!req[i].value || !*req[i].value)
            diag_add(d, DIAG_ERROR, name, 0, req[i].key, "missing: add a line '%s: …' (see docs/authoring.md)",
                     req[i].key);
    if (out->publisher_id && *out->publisher_id && !valid_publisher_id(out->publisher_id))
        diag_add(d, DIAG_ERROR, name, id_line, "publisher_id",
                 "'%s' may contain only a-z, 0-9 and '-' (at most 64 characters)", out->publisher_id);
    if (out->created && *out->created && !valid_date(out->created))
        diag_add(d, DIAG_ERROR, name, created_line, "created", "'%s' is not a date (YYYY-MM-DD)", out->created);
    if (version && *version) {
        char *end;
        errno = 0;
        long long v = strtoll(version, &end, 10);
        if (*end || v <= 0 || errno == ERANGE) /* a saturated LLONG_MAX could never be increased again */
            diag_add(d, DIAG_ERROR, name, version_line, "content_version",
                     "'%s' is not a positive whole number (e.g. 2024110101)", version);
        else
            out->content_version = v;
    }
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
