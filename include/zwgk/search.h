/* search.h — finding directory items and documents from what a citizen can type on the kiosk's on-screen keyboard.
 *
 * The index is built by `zwgk-admin build` and ships inside the content database (the kiosk does no indexing); its
 * version is in meta (search_index_version) and search_open refuses one it does not understand.  A query is data,
 * never syntax: any bytes (quotes, *, AND, %, invalid UTF-8, 100 KB) give results or none, never an error.
 *
 * What a query can be, and what it is matched against:
 *   - Chinese and digits, with or without letters (低保, 政务公开, 15号, 2024, 赣府厅字): every title, item name,
 * alias, keyword, 文号, 一级事项 and area name, and the full text of every document and item (bodies, tables, answers,
 *     materials, steps, guide fields).  One- and two-character queries work.  Punctuation and spaces are ignored on
 *     both sides, so 赣府厅字202415号 finds 赣府厅字〔2024〕15号; full-width digits and letters are folded.
 *   - Letters: pinyin against titles, names, aliases, keywords, topics and areas — full syllables with or without
 *     spaces (yanglao, yang lao), initials (ylfw → 养老服务, zdshbz → 最低生活保障, zh/ch/sh or z/c/s), any mix of the
 *     two (yanglfw), a partial last syllable while typing (yangl), Chinese mixed in (低保sq) — and Latin letters in
 *     those names as written.  Every reading of a 多音字 matches (银行 yinhang, 行政 xingzheng).  ü is v (lv); u typed
 *     for ü also matches (lu → 率, 绿).  Bodies are searched for the best candidate word of the pinyin (yinhang → the
 *     bodies containing 银行), below every name match.
 *
 * Ranking: matches in a title-like field (title, name, alias, keyword, 文号, topic, area) come before body matches;
 * within each, current documents and items before 已废止 ones; then how well it matched (the whole name, its start, or
 * inside it; the field); then current before older, documents before items. */
#ifndef ZWGK_SEARCH_H
#define ZWGK_SEARCH_H

#include "zwgk/content.h"
#include "zwgk/result.h"

#include <stddef.h>

/* At most this many hits or candidate words are returned, whatever limit asks. */
#define SEARCH_LIMIT_MAX 200
/* A query is read up to this many word characters (letters, digits, ideographs); the rest is ignored. */
#define SEARCH_QUERY_MAX 64

typedef struct search search_t;

/* Where a hit matched.  The numbers are stored in the index: never renumber. */
enum search_field {
    SEARCH_FIELD_TITLE = 1,  /* a document's title */
    SEARCH_FIELD_NAME,       /* a directory item's name (二级事项) */
    SEARCH_FIELD_DOC_NUMBER, /* 文号 */
    SEARCH_FIELD_KEYWORD,    /* a document's keywords */
    SEARCH_FIELD_ALIAS,      /* an item's 别名 */
    SEARCH_FIELD_TOPIC,      /* an item's 一级事项 */
    SEARCH_FIELD_AREA,       /* an item's 领域 */
    SEARCH_FIELD_BODY,       /* the full text; never stored */
};

enum search_how { SEARCH_HOW_TEXT = 1 /* the characters as typed */, SEARCH_HOW_PINYIN /* by reading */ };

typedef struct search_hit {
    int is_item;         /* 1: a directory item (content_item_get(id)); 0: a document (content_doc_get(id)) */
    long long id;        /* items.id or docs.id */
    int doc_type;        /* DOC_* for a document, 0 for an item */
    int validity;        /* VALIDITY_* (VALIDITY_CURRENT for everything but policies) */
    const char *key;     /* the document's key, or the item's 领域/一级事项/二级事项 key */
    const char *title;   /* the document's title or the item's name */
    const char *context; /* document: 文号 or "", item: "领域 › 一级事项" */
    const char *date;    /* document: publish date; item: "" */
    int field;           /* enum search_field: where it matched */
    int how;             /* enum search_how */
    const char *matched; /* the text that matched: the field's text, or for SEARCH_FIELD_BODY a short excerpt */
    size_t mark_start;   /* the matched part: bytes [mark_start, mark_end) of matched, for highlighting */
    size_t mark_end;
    int score; /* higher is better; for tests and the admin's explanations */
} search_hit_t;

typedef struct search_results {
    search_hit_t *hits; /* best first */
    size_t count;
    content_arena_t arena;
} search_results_t;

typedef struct search_word {
    const char *word; /* Han characters as they occur in the content */
    long long freq;   /* how often it occurs in the content */
} search_word_t;

typedef struct search_words {
    search_word_t *items; /* most frequent first */
    size_t count;
    content_arena_t arena;
} search_words_t;

/* Opens the search index of an open content database: checks its version, prepares every statement a search runs and
 * loads the names and candidate words into memory (0.5 MB for the demo content, 15 MB for 20,000 documents).  Returns
 * NULL with a reason in err when the database has no index or one of a version this build does not read (the content
 * itself is still usable).  c must outlive the searcher: close it with search_close before content_close. */
search_t *search_open(content_t *c, char *err, size_t errlen);
void search_close(search_t *s); /* accepts NULL */

/* Searches for query[0..len) (any bytes).  Fills out with at most limit hits (1..SEARCH_LIMIT_MAX; 0 means 20), best
 * first, one per item or document; strings are owned by out's arena: free with search_results_free.  An empty or
 * punctuation-only query gives no hits.  Returns ZWGK_ERR_NOMEM or ZWGK_ERR_SQL on failure (out is then empty). */
zwgk_result search_run(search_t *s, const char *query, size_t len, size_t limit, search_results_t *out);
void search_results_free(search_results_t *r); /* accepts NULL and a zeroed struct */

/* Words for the candidate bar: Han words occurring in the content whose pinyin is exactly input[0..len) (full
 * syllables, initials or a partial last syllable, as for search_run; Chinese in the input matches itself), most
 * frequent first, at most limit (0 means 10).  yanglao → 养老, yiliao → 医疗.  Free with search_words_free. */
zwgk_result search_candidates(search_t *s, const char *input, size_t len, size_t limit, search_words_t *out);
void search_words_free(search_words_t *w); /* accepts NULL and a zeroed struct */

/* A short English name of a field ("title", "alias", "body"…), for logs and zwgk-admin; "" for an unknown one. */
const char *search_field_key(int field);
/* The Chinese label of a hit's type, as the kiosk shows it beside a result: 公开事项 for an item, else the document
 * type's name (政策文件, 政策解读, 办事指南, 通知公告 …). */
const char *search_hit_type_name(const search_hit_t *h);

/* The search_index_version this build reads and writes. */
int search_index_version(void);

#endif
