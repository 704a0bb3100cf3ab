/* schema.h — the content database format, owned by the content module and shared with the two modules that must
 * agree with it without reading through content_open: the writer (src/author: emit.c, search_index.c) and the
 * install check (src/package/dbcheck.c).
 *
 * It holds the schema the writer creates and the checker compares against, the rules every stored value obeys (so
 * a rule is written once and checked identically at build and at install), and the search index: how text is cut
 * into characters, the tables of the index, and the SQL that gathers a target's text.  Any change here that changes
 * what a built index means must bump SEARCH_INDEX_VERSION; any change to the schema is a new format version. */
#ifndef ZWGK_SCHEMA_H
#define ZWGK_SCHEMA_H

#include "zwgk/search.h"

#include <stddef.h>
#include <stdint.h>

/* ---- the schema (src/content/schema.c) ---- */

/* The SQL that creates an empty database of format CONTENT_FORMAT_VERSION (zwgk/content.h). */
extern const char content_schema_sql[];

/* ---- rules on stored values (src/content/rules.c) ---- */

/* Checks one URL (items.url, docs.url, guides.service_url, consultations.respond_url): NULL when fine, else a static
 * English description of what is wrong. */
const char *content_url_problem(const char *url);

/* meta.content_version: decimal digits only, a positive number that fits 63 bits (so a later version can always
 * exceed it).  NULL when fine (the value into *out, which may be NULL), else a static English description. */
const char *content_version_problem(const char *text, long long *out);
/* meta.publisher_id: 1-63 of a-z, 0-9 and '-' (it names the publisher in trusted comments and in local.db). */
const char *content_publisher_id_problem(const char *id);
/* A date written YYYY-MM-DD that exists in the calendar, from 1900 (meta.created, publish dates). */
const char *content_date_problem(const char *date);

/* meta key holding the index version; a searcher refuses an index whose version it does not know. */
#define SEARCH_META_VERSION_KEY "search_index_version"
#define SEARCH_META_PINYIN_KEY  "search_pinyin_data"
#define SEARCH_INDEX_VERSION    1

/* Names (titles, aliases, …) longer than this many characters are indexed by their first SEARCH_NAME_MAX ones. */
#define SEARCH_NAME_MAX 256
/* Words offered as candidates are 1 to SEARCH_WORD_MAX Han characters. */
#define SEARCH_WORD_MAX 8

/* What a search target is (search_targets.kind).  Stored: never renumber. */
enum search_target_kind_stored { SEARCH_KIND_ITEM = 1, SEARCH_KIND_DOC = 2 };

/* ---- characters ---- */

/* The character search sees for cp: ASCII letters lowercased, full-width ASCII letters and digits folded to ASCII,
 * other letters and ideographs as they are; 0 for what is not part of a word (spaces, punctuation, symbols, controls,
 * U+FFFD, private use, emoji).  Text is compared after this folding and with those characters removed, so 赣府厅字
 * 〔2024〕15号 is found by 赣府厅字202415号 typed on a keyboard without brackets. */
uint32_t search_fold(uint32_t cp);

/* The next word character of s[*pos..len): returns its folded code point, sets *start to its first byte and *pos past
 * it; returns 0 (and *pos = len) when there is none.  Invalid UTF-8 is skipped byte by byte. */
uint32_t search_next_char(const char *s, size_t len, size_t *pos, size_t *start);

/* ---- the search index (tables created by content_schema_sql) ----
 *
 * search_targets(rank, kind, id)      every document and directory item, rank = order of preference among equal
 *                                     matches: current documents newest first, then items in catalog order, then
 *                                     repealed documents.  rank is also the rowid of the target's search_body row.
 * search_names(id, text, pinyin)      distinct short texts a target is known by; pinyin has one entry per word
 *                                     character of text (as search_next_char walks it), entries separated by one
 *                                     space, a character's readings separated by '/', "-" for none.
 * search_name_refs(name_id, target, field)  which targets a name belongs to, and as what (enum search_field).
 * search_body(tokens)                 FTS5, contentless, ascii tokenizer: per target (rowid = rank), the character
 *                                     bigrams of its body text (see search_index.c for why).
 * search_chars(chars)                 FTS5, contentless, detail=none: per target, the distinct characters of its
 *                                     body text, for one-character queries.
 * search_words(word, freq, pinyin)    Han words occurring in the content, for the candidate bar. */

/* The body text of one document (?1 = docs.id), in reading order: one row per segment (paragraph, cell, answer, …).
 * Bigrams never span two segments.  A 办事流程 step is its title, detail, what to bring (带齐) and where (窗口): the
 * last two are format 3's, so a kiosk reading a format 2 database (which has neither) asks SEARCH_DOC_TEXT_SQL_V2. */
#define SEARCH_STEP_TEXT                                                                                               \
    "title || char(10) || detail || char(10) || coalesce(bring, '') || char(10) || coalesce(location, '')"
#define SEARCH_STEP_TEXT_V2    "title || char(10) || detail"
#define SEARCH_DOC_TEXT_SQL    SEARCH_DOC_TEXT_SQL_OF(SEARCH_STEP_TEXT)
#define SEARCH_DOC_TEXT_SQL_V2 SEARCH_DOC_TEXT_SQL_OF(SEARCH_STEP_TEXT_V2)
#define SEARCH_DOC_TEXT_SQL_OF(step_text)                                                                              \
    "SELECT summary FROM docs WHERE id = ?1 AND summary IS NOT NULL "                                                  \
    "UNION ALL SELECT issuer FROM docs WHERE id = ?1 AND issuer IS NOT NULL "                                          \
    "UNION ALL SELECT * FROM (SELECT coalesce(text, '') || char(10) || coalesce(lead, '') || char(10) || "             \
    "coalesce(resp, '') FROM blocks WHERE doc_id = ?1 ORDER BY seq) "                                                  \
    "UNION ALL SELECT * FROM (SELECT text FROM table_cells WHERE doc_id = ?1 ORDER BY seq, row, col) "                 \
    "UNION ALL SELECT * FROM (SELECT question || char(10) || answer FROM qas WHERE doc_id = ?1 ORDER BY seq) "         \
    "UNION ALL SELECT * FROM (SELECT name || char(10) || coalesce(note, '') FROM materials WHERE doc_id = ?1 "         \
    "ORDER BY seq) "                                                                                                   \
    "UNION ALL SELECT * FROM (SELECT " step_text " FROM steps WHERE doc_id = ?1 ORDER BY seq) "                        \
    "UNION ALL SELECT conditions || char(10) || coalesce(scope, '') || char(10) || time_limit || char(10) || fee || "  \
    "char(10) || place || char(10) || hours || char(10) || phone || char(10) || complaint_phone FROM guides "          \
    "WHERE doc_id = ?1 "                                                                                               \
    "UNION ALL SELECT target || char(10) || lead_unit FROM projects WHERE doc_id = ?1 "                                \
    "UNION ALL SELECT respond FROM consultations WHERE doc_id = ?1 "                                                   \
    "UNION ALL SELECT unit || char(10) || coalesce(interpreter, '') FROM interpretations WHERE doc_id = ?1"

/* The body text of one directory item (?1 = items.id). */
#define SEARCH_ITEM_TEXT_SQL                                                                                           \
    "SELECT content FROM items WHERE id = ?1 UNION ALL SELECT basis FROM items WHERE id = ?1 "                         \
    "UNION ALL SELECT subject FROM items WHERE id = ?1"

/* Segments joined by char(10) above are separate segments: a newline ends a run of bigrams like a new row does. */
#define SEARCH_SEGMENT_BREAK '\n'

#endif
