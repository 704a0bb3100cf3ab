/* search_match.h — the searcher's in-memory tables of names and words, and the matcher that runs a query over them
 * (search_match.c; private to src/content). */
#ifndef ZWGK_SEARCH_MATCH_H
#define ZWGK_SEARCH_MATCH_H

#include "zwgk/schema.h"

#include <stddef.h>
#include <stdint.h>

/* A query as the matcher sees it: its word characters (search_fold), and where spaces or punctuation separated them. */
typedef struct search_query {
    uint32_t a[SEARCH_QUERY_MAX];
    uint8_t brk[SEARCH_QUERY_MAX]; /* brk[p]: something not a word character came before a[p] (p > 0) */
    int n;
    int letters; /* how many of a[] are ASCII letters (candidates for pinyin) */
} search_query_t;

/* Reads query[0..len) (any bytes) up to SEARCH_QUERY_MAX word characters. */
void search_query_parse(const char *query, size_t len, search_query_t *q);

#define SEARCH_SYLLABLES_MAX 2048

/* The distinct readings of an index, interned: a character's readings are small numbers into this. */
typedef struct search_syllables {
    struct {
        char s[8];
        uint8_t len;
        uint8_t initial; /* letters of its initial: 2 for zh ch sh, else 1 */
    } syl[SEARCH_SYLLABLES_MAX];
    size_t count;
    uint16_t hash[SEARCH_SYLLABLES_MAX * 2]; /* open addressing, index + 1 */
} search_syllables_t;

typedef struct search_ref {
    uint32_t target; /* index into the searcher's targets */
    uint32_t field;  /* enum search_field */
} search_ref_t;

typedef struct search_entry {
    uint32_t text;   /* offset of its text (valid UTF-8, NUL-terminated) in the pool */
    uint32_t first;  /* its first character in the per-character arrays */
    uint32_t nchars; /* word characters (at most SEARCH_NAME_MAX) */
    uint32_t refs;   /* names: first ref */
    uint32_t nrefs;  /* names: how many */
    long long freq;  /* words: occurrences */
} search_entry_t;

/* Names or words.  Every array is owned; search_table_free releases them. */
typedef struct search_table {
    search_entry_t *e;
    size_t count, cap;
    char *pool;
    size_t pool_n, pool_cap;
    uint32_t *cp;       /* per character: the folded code point */
    uint32_t *mask;     /* per character: bit (letter - 'a') for the first letter of each reading, or the letter */
    uint32_t *rd_first; /* per character: its readings are rd[rd_first[i] .. rd_first[i + 1]) */
    size_t nchars, cp_cap, mask_cap, first_cap;
    uint16_t *rd;
    size_t nrd, rd_cap;
    search_ref_t *refs;
    size_t nrefs, refs_cap;
} search_table_t;

/* Adds an entry: text (any bytes: repaired to valid UTF-8) and its pinyin as zwgk/schema.h describes it (an entry
 * whose pinyin does not line up with its characters matches as text only).  Returns ZWGK_OK or ZWGK_ERR_NOMEM. */
zwgk_result search_table_add(search_table_t *t, search_syllables_t *syl, const char *text, const char *pinyin,
                             long long freq);
/* Adds a ref to the last entry added. */
zwgk_result search_table_add_ref(search_table_t *t, uint32_t target, uint32_t field);
void search_table_free(search_table_t *t);

/* Matches q against entry e.  anchored: the match must start at the entry's first character and cover all of it
 * (candidate words); otherwise it may start and end anywhere (names) and the earliest start wins.  On a match returns
 * 1 and sets the characters matched [*j0, *j1) and *pinyin (1 when a reading was used, 0 when the characters matched
 * as typed).  Work is bounded whatever the input. */
int search_table_match(const search_table_t *t, const search_syllables_t *syl, size_t e, const search_query_t *q,
                       int anchored, int *j0, int *j1, int *pinyin);

/* Byte offsets in entry e's text of its characters [j0, j1): *start of j0, *end just past j1 - 1. */
void search_table_offsets(const search_table_t *t, size_t e, int j0, int j1, size_t *start, size_t *end);

#endif
