/* vocab.c — the Chinese names of the content vocabulary (zwgk/content.h).
 *
 * These strings are both what the kiosk shows and what source files may contain, so they live in one place. */
#include "zwgk/content.h"

static const char *const validity_names[VALIDITY_COUNT_PLUS_ONE] = {"", "现行有效", "已修改", "已废止"};
static const char *const status_names[PROJECT_STATUS_COUNT_PLUS_ONE] = {"", "未开工", "进行中", "已完成"};
static const char *const channel_names[CHANNEL_COUNT] = {"政府网站",
                                                         "政府公报",
                                                         "两微一端",
                                                         "发布会/听证会",
                                                         "广播电视",
                                                         "纸质媒体",
                                                         "公开查阅点",
                                                         "政务服务中心",
                                                         "便民服务站",
                                                         "入户/现场",
                                                         "社区/企事业单位/村公示栏（电子屏）",
                                                         "精准推送",
                                                         "12345政务服务热线",
                                                         "其他"};
static const char *const interp_sections[] = {"背景依据", "目标任务",     "主要内容",     "涉及范围", "执行标准",
                                              "注意事项", "惠民利企举措", "新旧政策差异", "关键词",   "简明问答"};

#define NAME_OF(table, i) ((i) >= 0 && (size_t)(i) < sizeof table / sizeof table[0] ? table[i] : "")

/* The document types are one table of their own (doctype.c). */
const char *content_doc_type_name(int type)
{
    const doc_type_info_t *t = content_doc_type(type);
    return t ? t->name : "";
}

const char *content_doc_type_key(int type)
{
    const doc_type_info_t *t = content_doc_type(type);
    return t ? t->key : "";
}

const char *content_validity_name(int v)
{
    return NAME_OF(validity_names, v);
}

const char *content_project_status_name(int s)
{
    return NAME_OF(status_names, s);
}

const char *content_channel_name(int ch)
{
    return NAME_OF(channel_names, ch);
}

const char *content_interp_section_names(size_t i)
{
    return i < sizeof interp_sections / sizeof interp_sections[0] ? interp_sections[i] : NULL;
}
