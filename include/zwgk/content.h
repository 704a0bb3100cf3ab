/* content.h — the content database: its vocabulary, and the read-only API the kiosk and the admin tool use.
 *
 * A content database (format v1, see src/content/schema.sql) is one SQLite file in rollback-journal mode, built by
 * `zwgk-admin build` and replaced whole by a signed package.  The kiosk opens it read-only; every query it runs is
 * prepared once when the database is opened.  Results are returned in caller-owned structs freed by the matching
 * *_free call; strings inside are valid UTF-8 (invalid bytes from a hostile file become U+FFFD). */
#ifndef ZWGK_CONTENT_H
#define ZWGK_CONTENT_H

#include "zwgk/doctype.h"
#include "zwgk/result.h"

#include <stddef.h>

/* The format zwgk-admin writes, and the oldest one the kiosk still reads (src/content/schema.c says what changed). */
#define CONTENT_FORMAT_VERSION     3
#define CONTENT_FORMAT_MIN_VERSION 1
/* SQLite application_id of a content database ("ZWGK"), readable from the file header at offset 68. */
#define CONTENT_APPLICATION_ID 0x5A57474B
/* The largest table one document block may hold.  zwgk-admin refuses to build a bigger one; content_doc_get leaves
 * a bigger one (only a hostile database has it) out as an empty table, so that no table can take the kiosk's memory:
 * laid out for reading, a cell costs some 180 bytes (tests/hostile_content.py measured 1.1 GiB for 6.4 million). */
#define CONTENT_TABLE_COLS_MAX  64
#define CONTENT_TABLE_CELLS_MAX 200000

/* ---- vocabulary (numbers are stored in the database: never renumber) ---- */
/* enum doc_type and everything that depends on the list of types: zwgk/doctype.h. */
enum block_kind { BLOCK_HEADING = 1, BLOCK_PARAGRAPH, BLOCK_LIST_ITEM, BLOCK_TABLE };
/* How a block sits on the line (format 2; `::: 落款` … `:::` in a document's Markdown, docs/authoring.md). */
enum block_align {
    BLOCK_ALIGN_DEFAULT = 0, /* as its kind: a body paragraph indents two characters */
    BLOCK_ALIGN_FLUSH,       /* 顶格: no indent (主送机关, 附件说明 lines) */
    BLOCK_ALIGN_RIGHT,       /* 落款: each line flush right, no indent (署名, 成文日期) */
    BLOCK_ALIGN_CENTER,      /* 居中: each line centred (an attachment's own title) */
    BLOCK_ALIGN_COUNT
};
enum span_style { SPAN_STRONG = 1, SPAN_EMPH = 2 };
enum validity {
    VALIDITY_CURRENT = 1 /* 现行有效 */,
    VALIDITY_AMENDED /* 已修改 */,
    VALIDITY_REPEALED /* 已废止 */,
    VALIDITY_COUNT_PLUS_ONE
};
enum project_status {
    PROJECT_NOT_STARTED = 1 /* 未开工 */,
    PROJECT_IN_PROGRESS /* 进行中 */,
    PROJECT_DONE /* 已完成 */,
    PROJECT_STATUS_COUNT_PLUS_ONE
};
enum audience { AUDIENCE_PUBLIC = 1u /* 全社会 */, AUDIENCE_GROUP = 2u /* 特定群体 */ };
enum mode { MODE_ACTIVE = 1u /* 主动 */, MODE_ON_REQUEST = 2u /* 依申请 */ };
enum level { LEVEL_COUNTY = 1u /* 县级 */, LEVEL_TOWNSHIP = 2u /* 乡级 */, LEVEL_VILLAGE = 4u /* 村级 */ };
enum channel {
    CHANNEL_WEBSITE,     /* 政府网站 */
    CHANNEL_GAZETTE,     /* 政府公报 */
    CHANNEL_NEWMEDIA,    /* 两微一端 */
    CHANNEL_PRESSCONF,   /* 发布会/听证会 */
    CHANNEL_BROADCAST,   /* 广播电视 */
    CHANNEL_PRINT,       /* 纸质媒体 */
    CHANNEL_READING,     /* 公开查阅点 */
    CHANNEL_SERVICEHALL, /* 政务服务中心 */
    CHANNEL_SERVICESTN,  /* 便民服务站 */
    CHANNEL_ONSITE,      /* 入户/现场 */
    CHANNEL_NOTICEBOARD, /* 社区/企事业单位/村公示栏（电子屏） */
    CHANNEL_PUSH,        /* 精准推送 */
    CHANNEL_HOTLINE,     /* 12345政务服务热线 */
    CHANNEL_OTHER,       /* 其他 */
    CHANNEL_COUNT
};

/* Chinese names of the vocabulary, as shown on screen and accepted in source files.  Never NULL for a valid value;
 * "" for an invalid one. */
const char *content_doc_type_name(int type); /* 政策文件 … */
const char *content_doc_type_key(int type);  /* policy … (front matter `type:`) */
const char *content_validity_name(int v);
const char *content_project_status_name(int s);
const char *content_channel_name(int ch);
const char *content_interp_section_names(size_t i); /* 背景依据 … 简明问答; NULL past the end */

/* ---- reading a content database ---- */

typedef struct content content_t;

/* Result structs own their strings through an arena: one *_free call releases everything inside. */
typedef struct content_arena {
    struct content_arena_chunk *head;
} content_arena_t;

typedef struct content_meta {
    int format_version;
    long long content_version;
    const char *publisher_id, *publisher, *region, *title, *created; /* owned by the content_t */
} content_meta_t;

typedef struct content_named {
    long long id;
    const char *name;
    int count;  /* areas: items in it; topics: items in it; items: documents filed under it */
    int docs;   /* areas: documents of the area on this machine (0 for topics and items) */
    int online; /* items: 1 when it has a 码上知 URL (0 for areas and topics) */
} content_named_t;

typedef struct content_named_list {
    content_named_t *items;
    size_t count;
    content_arena_t arena;
} content_named_list_t;

typedef struct content_doc_summary {
    long long id;
    const char *key, *title, *doc_number, *publish_date, *issuer, *summary;
    int type, validity;
    int progress, status; /* projects; -1 / 0 otherwise */
    const char *deadline; /* consultations; NULL otherwise */
    long long area_id;    /* 0 when the document names no area */
} content_doc_summary_t;

typedef struct content_doc_list {
    content_doc_summary_t *items;
    size_t count;
    content_arena_t arena;
} content_doc_list_t;

typedef struct content_item {
    long long id;
    const char *key, *area, *topic, *name;
    const char *content, *basis, *time_limit, *subject, *url; /* url may be NULL */
    unsigned channels, audience, mode, levels;
    const char **aliases;
    size_t naliases;
    content_doc_list_t docs; /* documents filed under the item */
    content_arena_t arena;
} content_item_t;

typedef struct content_span {
    size_t start, end;
    int style;
} content_span_t;

typedef struct content_block {
    int kind, level, ordered, number;
    const char *text;        /* NULL for tables */
    const char *lead, *resp; /* 牵头单位 / 责任单位, may be NULL */
    const content_span_t *spans;
    size_t nspans;
    int rows, cols;
    const char *const *cells; /* rows * cols, row-major; row 0 is the header */
    int align;                /* BLOCK_ALIGN_*; BLOCK_ALIGN_DEFAULT for anything out of range */
} content_block_t;

typedef struct content_qa {
    const char *question, *answer;
} content_qa_t;
typedef struct content_material {
    const char *name, *form, *note;
    int count;
} content_material_t;
/* A step of a guide's 办理流程: what happens, what to bring to it (需带材料) and where it is done (办理地点/窗口, e.g.
 * 县政务服务中心二楼12号窗口).  bring and where are NULL when the author gave none (and always in a format 1 or 2
 * file); a step without its own where is done at the guide's place. */
typedef struct content_step {
    const char *title, *detail;
    const char *bring, *where;
} content_step_t;
/* A document's own reading of a word (a name or a place), for read-aloud: pinyin syllables with tone marks, one per
 * character of word, separated by spaces ("单县" → "shàn xiàn"). */
typedef struct content_reading {
    const char *word, *pinyin;
} content_reading_t;

typedef struct content_doc {
    content_doc_summary_t s; /* what every document has */
    const char *area, *url, *valid_until;
    const char **keywords;
    size_t nkeywords;
    /* interpretation */
    long long policy_id;
    const char *unit, *interpreter;
    /* guide */
    const char *conditions, *scope, *time_limit, *fee, *place, *hours, *phone, *complaint_phone, *service_url;
    /* project */
    const char *target, *lead_unit;
    /* consultation */
    const char *respond, *respond_url;
    content_block_t *blocks;
    size_t nblocks;
    content_qa_t *qas;
    size_t nqas;
    content_material_t *materials;
    size_t nmaterials;
    content_step_t *steps;
    size_t nsteps;
    content_reading_t *readings;
    size_t nreadings;
    /* the document that replaces this one (0: none), with its title, for the reader's 已废止 banner */
    long long replaced_by;
    const char *replaced_by_title;
    /* the source file it was built from (docs/NAME.md), for the review report's messages */
    const char *source_file;
    /* 政策＋解读＋办事: for a policy, its interpretations and guides; for an interpretation or guide, its policies */
    content_doc_list_t related;
    content_arena_t arena;
} content_doc_t;

typedef struct content_counts {
    int areas, topics, items, docs;
    int by_type[DOC_TYPE_COUNT_PLUS_ONE]; /* index DOC_* */
} content_counts_t;

/* Opens a content database read-only, checks its header (application id, format version) and prepares every query
 * the kiosk runs.  Returns NULL with a reason in err (Chinese-free, for logs and the admin screen) when the file is
 * missing, not a content database, or of an unsupported format.  Close with content_close. */
content_t *content_open(const char *path, char *err, size_t errlen);
void content_close(content_t *c); /* accepts NULL */

const content_meta_t *content_meta(const content_t *c);
zwgk_result content_counts(content_t *c, content_counts_t *out);

/* Lists, in their display order.  Free with content_named_list_free / content_doc_list_free. */
zwgk_result content_areas(content_t *c, content_named_list_t *out);
zwgk_result content_topics(content_t *c, long long area_id, content_named_list_t *out);
zwgk_result content_items(content_t *c, long long topic_id, content_named_list_t *out);
void content_named_list_free(content_named_list_t *l);

/* Documents of a type, newest first.  area_id 0 = every area; validity 0 = every validity (policies only). */
zwgk_result content_docs(content_t *c, int type, long long area_id, int validity, content_doc_list_t *out);
/* How many documents content_docs would list for the same arguments, without reading them. */
zwgk_result content_docs_count(content_t *c, int type, long long area_id, int validity, int *out);
void content_doc_list_free(content_doc_list_t *l);

/* One directory item with every column and the documents filed under it.  ZWGK_ERR_NOT_FOUND for an unknown id. */
zwgk_result content_item_get(content_t *c, long long id, content_item_t *out);
void content_item_free(content_item_t *it);

/* One document with its body and links.  ZWGK_ERR_NOT_FOUND for an unknown id. */
zwgk_result content_doc_get(content_t *c, long long id, content_doc_t *out);
void content_doc_free(content_doc_t *d);

/* Ids by stable names, or 0 when absent: a document by its key (source id), an item by its key
 * (领域/一级事项/二级事项), an area by its name.  Ids may differ between content versions; these do not. */
long long content_doc_find(content_t *c, const char *key);
long long content_item_find(content_t *c, const char *key);
long long content_area_find(content_t *c, const char *name);

#endif
