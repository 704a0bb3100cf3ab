/* doctype.h — the document types: one table drives everything that depends on which types there are.
 *
 * The table (src/content/doctype.c, one row per type, columns by name) gives each type's number, its front-matter key
 * and Chinese name (the vocabulary of zwgk/content.h), the measure word and colour family of its home-screen tile,
 * the side table holding its own fields (which the install check requires, src/package/dbcheck.c), and which of the
 * common behaviours it has (a validity filter, a progress bar, a deadline).  The authoring tool's type list and
 * messages, the home screen's tiles, `zwgk-admin info` and the install checks all walk it.
 *
 * A new type whose fields are the common ones (title, date, issuer, 文号, area, body…) is a new enum value here, a row
 * in doctype.c and a line in docs/authoring.md; a type with fields of its own also needs its side table (schema),
 * its front-matter fields (src/author/frontmatter.c), their emission and their reading. */
#ifndef ZWGK_DOCTYPE_H
#define ZWGK_DOCTYPE_H

#include <stddef.h>

/* Stored in docs.type: never renumber; a new type goes at the end. */
enum doc_type {
    DOC_POLICY = 1,     /* 政策文件 */
    DOC_INTERPRETATION, /* 政策解读 */
    DOC_GUIDE,          /* 办事指南 */
    DOC_NOTICE,         /* 通知公告 */
    DOC_PROJECT,        /* 民生实事 */
    DOC_CONSULTATION,   /* 征求意见 */
    DOC_TYPE_COUNT_PLUS_ONE
};

/* What a type's home tile is coloured as: the colour is a cue beside the words, never the only one. */
enum doc_family {
    DOC_FAMILY_POLICY,  /* 政策 and 解读: blue */
    DOC_FAMILY_SERVICE, /* 办事 and 民生实事: green */
    DOC_FAMILY_NOTICE,  /* 公告 and 征求意见: gold */
    DOC_FAMILY_COUNT
};

/* Behaviours shared by the screens and the tools. */
enum doc_type_flag {
    DOC_HAS_VALIDITY = 1u << 0, /* 现行有效 / 已修改 / 已废止: lists filter by it, rows and `info` show it */
    DOC_HAS_PROGRESS = 1u << 1, /* a progress bar and a status (projects.progress, projects.status) */
    DOC_HAS_DEADLINE = 1u << 2, /* a deadline in lists (consultations.deadline) */
};

typedef struct doc_type_info {
    int type;                 /* enum doc_type */
    const char *key;          /* front matter `type:` (policy …); English, lower case */
    const char *name;         /* 政策文件 …: on screen, in messages, and accepted in front matter */
    const char *count_unit;   /* measure word of the home tile's count: 12件, 3篇, 4项, 5条 */
    const char *detail_table; /* side table with one row per document of the type (doc_id), or NULL */
    int family;               /* enum doc_family */
    unsigned flags;           /* enum doc_type_flag */
} doc_type_info_t;

/* The row of type, or NULL when type is not one. */
const doc_type_info_t *content_doc_type(int type);
/* The row whose key or Chinese name is s, or NULL. */
const doc_type_info_t *content_doc_type_find(const char *s);
/* True when type is a type and has flag. */
int content_doc_type_has(int type, unsigned flag);
/* "policy, interpretation, …": every key in order, separated by ", ", into buf (for messages).  Returns buf. */
const char *content_doc_type_keys(char *buf, size_t cap);

#endif
