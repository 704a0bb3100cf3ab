/* doctype.c — the table of document types (zwgk/doctype.h).  The one place that says which types there are. */
#include "zwgk/doctype.h"

#include <stdio.h>
#include <string.h>

static const doc_type_info_t types[DOC_TYPE_COUNT_PLUS_ONE] = {
    [DOC_POLICY] = {.type = DOC_POLICY,
                    .key = "policy",
                    .name = "政策文件",
                    .count_unit = "件",
                    .detail_table = "policies",
                    .family = DOC_FAMILY_POLICY,
                    .flags = DOC_HAS_VALIDITY},
    [DOC_INTERPRETATION] = {.type = DOC_INTERPRETATION,
                            .key = "interpretation",
                            .name = "政策解读",
                            .count_unit = "篇",
                            .detail_table = "interpretations",
                            .family = DOC_FAMILY_POLICY},
    [DOC_GUIDE] = {.type = DOC_GUIDE,
                   .key = "guide",
                   .name = "办事指南",
                   .count_unit = "项",
                   .detail_table = "guides",
                   .family = DOC_FAMILY_SERVICE},
    [DOC_NOTICE] =
        {.type = DOC_NOTICE, .key = "notice", .name = "通知公告", .count_unit = "条", .family = DOC_FAMILY_NOTICE},
    [DOC_PROJECT] = {.type = DOC_PROJECT,
                     .key = "project",
                     .name = "民生实事",
                     .count_unit = "项",
                     .detail_table = "projects",
                     .family = DOC_FAMILY_SERVICE,
                     .flags = DOC_HAS_PROGRESS},
    [DOC_CONSULTATION] = {.type = DOC_CONSULTATION,
                          .key = "consultation",
                          .name = "征求意见",
                          .count_unit = "项",
                          .detail_table = "consultations",
                          .family = DOC_FAMILY_NOTICE,
                          .flags = DOC_HAS_DEADLINE},
};

const doc_type_info_t *content_doc_type(int type)
{
    return type > 0 && type < DOC_TYPE_COUNT_PLUS_ONE && types[type].type == type ? &types[type] : NULL;
}

const doc_type_info_t *content_doc_type_find(const char *s)
{
    for (int t = 1; s && t < DOC_TYPE_COUNT_PLUS_ONE; t++)
        if (types[t].type == t && (!strcmp(s, types[t].key) || !strcmp(s, types[t].name)))
            return &types[t];
    return NULL;
}

int content_doc_type_has(int type, unsigned flag)
{
    const doc_type_info_t *t = content_doc_type(type);
    return t && (t->flags & flag) != 0;
}

const char *content_doc_type_keys(char *buf, size_t cap)
{
    size_t n = 0;
    if (cap)
        buf[0] = '\0';
    for (int t = 1; t < DOC_TYPE_COUNT_PLUS_ONE && n < cap; t++)
        if (types[t].type == t)
            n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", types[t].key);
    return buf;
}
