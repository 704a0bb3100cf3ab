/* content.h — the content database: its vocabulary, and the read-only API the kiosk and the admin tool use.
 *
 * A content database (format v1, see src/content/schema.sql) is one SQLite file in rollback-journal mode, built by
 * `zwgk-admin build` and replaced whole by a signed package.  The kiosk opens it read-only; every query it runs is
 * prepared once when the database is opened.  Results are returned in caller-owned structs freed by the matching
 * *_free call; strings inside are valid UTF-8 (invalid bytes from a hostile file become U+FFFD). */
#ifndef ZWGK_CONTENT_H
#define ZWGK_CONTENT_H

#include "zwgk/result.h"

#include <stddef.h>

#define CONTENT_FORMAT_VERSION 1
/* SQLite application_id of a content database ("ZWGK"), readable from the file header at offset 68. */
#define CONTENT_APPLICATION_ID 0x5A57474B

/* ---- vocabulary (numbers are stored in the database: never renumber) ---- */
enum doc_type {
    DOC_POLICY = 1,     /* 政策文件 */
    DOC_INTERPRETATION, /* 政策解读 */
    DOC_GUIDE,          /* 办事指南 */
    DOC_NOTICE,         /* 通知公告 */
    DOC_PROJECT,        /* 民生实事 */
    DOC_CONSULTATION,   /* 征求意见 */
    DOC_TYPE_COUNT_PLUS_ONE
};
enum block_kind { BLOCK_HEADING = 1, BLOCK_PARAGRAPH, BLOCK_LIST_ITEM, BLOCK_TABLE };
enum span_style { SPAN_STRONG = 1, SPAN_EMPH = 2 };
enum validity { VALIDITY_CURRENT = 1 /* 现行有效 */, VALIDITY_AMENDED /* 已修改 */, VALIDITY_REPEALED /* 已废止 */ };
enum project_status {
    PROJECT_NOT_STARTED = 1 /* 未开工 */,
    PROJECT_IN_PROGRESS /* 进行中 */,
    PROJECT_DONE /* 已完成 */
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

#endif
