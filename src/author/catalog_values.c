/* catalog_values.c — the vocabulary of the catalog's value columns, with the words counties really write.
 *
 * 公开渠道和载体, 公开对象, 公开方式 and 公开层级 take values from short fixed lists (content.h), but real catalogs
 * write them in several ways: full forms (依申请公开, 主动公开), the names of the channels that make up 两微一端
 * (微信公众号, 政务微博, 政务客户端), 乡（镇）级 for 乡级, 特定对象 for 特定群体, channel names without their slashes
 * (发布会听证会).  Each is accepted and mapped to the standard value; the caller says so once per file, so the
 * staffer learns the standard name without a warning on every row.  Split sub-columns are ticked with a mark; the
 * marks of Excel, WPS and hand-typed catalogs are listed here. */
#include "catalog_table.h"
#include "zwgk/text.h"

#include <stdio.h>
#include <string.h>

/* Removes '/' from a key in place (发布会/听证会 and 发布会听证会 compare equal). */
static void drop_slashes(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++)
        if (*p != '/' && *p != '\\')
            *o++ = *p;
    *o = '\0';
}

static int same_without_slashes(const char *a, const char *b)
{
    char x[256], y[256];
    snprintf(x, sizeof x, "%s", a);
    snprintf(y, sizeof y, "%s", b);
    drop_slashes(x);
    drop_slashes(y);
    return strcmp(x, y) == 0;
}

int catalog_channel_find(const char *key, const char **standard)
{
    /* documented: the short forms docs/authoring.md lists, read silently; the others are explained once */
    static const struct {
        const char *name;
        int channel, documented;
    } other_names[] = {
        {"公示栏", CHANNEL_NOTICEBOARD, 1},
        {"村公示栏", CHANNEL_NOTICEBOARD, 1},
        {"发布会", CHANNEL_PRESSCONF, 1},
        {"听证会", CHANNEL_PRESSCONF, 1},
        {"入户", CHANNEL_ONSITE, 1},
        {"现场", CHANNEL_ONSITE, 1},
        {"社区公示栏", CHANNEL_NOTICEBOARD, 0},
        {"村务公开栏", CHANNEL_NOTICEBOARD, 0},
        {"电子屏", CHANNEL_NOTICEBOARD, 0},
        {"新闻发布会", CHANNEL_PRESSCONF, 0},
        {"微信公众号", CHANNEL_NEWMEDIA, 0},
        {"政务微博", CHANNEL_NEWMEDIA, 0},
        {"政务客户端", CHANNEL_NEWMEDIA, 0},
        {"微信", CHANNEL_NEWMEDIA, 0},
        {"微博", CHANNEL_NEWMEDIA, 0},
        {"政务新媒体", CHANNEL_NEWMEDIA, 0},
        {"12345热线", CHANNEL_HOTLINE, 0},
        {"政务服务热线", CHANNEL_HOTLINE, 0},
        {"便民服务中心", CHANNEL_SERVICESTN, 0},
        {"便民服务站点", CHANNEL_SERVICESTN, 0},
        {"广播", CHANNEL_BROADCAST, 0},
        {"电视", CHANNEL_BROADCAST, 0},
        {"报刊", CHANNEL_PRINT, 0},
    };
    *standard = NULL;
    for (int c = 0; c < CHANNEL_COUNT; c++)
        if (!strcmp(key, content_channel_name(c)) || same_without_slashes(key, content_channel_name(c)))
            return c;
    for (size_t i = 0; i < sizeof other_names / sizeof other_names[0]; i++) {
        if (!strcmp(key, other_names[i].name)) {
            if (!other_names[i].documented)
                *standard = content_channel_name(other_names[i].channel);
            return other_names[i].channel;
        }
    }
    return -1;
}

unsigned catalog_audience_find(const char *key, const char **standard)
{
    *standard = NULL;
    if (!strcmp(key, "全社会"))
        return AUDIENCE_PUBLIC;
    if (!strcmp(key, "特定群体"))
        return AUDIENCE_GROUP;
    if (!strcmp(key, "社会公众") || !strcmp(key, "公众")) {
        *standard = "全社会";
        return AUDIENCE_PUBLIC;
    }
    if (!strcmp(key, "特定对象") || !strcmp(key, "特定人群") || !strcmp(key, "特定群众")) {
        *standard = "特定群体";
        return AUDIENCE_GROUP;
    }
    return 0;
}

unsigned catalog_mode_find(const char *key, const char **standard)
{
    *standard = NULL;
    if (!strcmp(key, "主动"))
        return MODE_ACTIVE;
    if (!strcmp(key, "依申请"))
        return MODE_ON_REQUEST;
    if (!strcmp(key, "主动公开")) {
        *standard = "主动";
        return MODE_ACTIVE;
    }
    if (!strcmp(key, "依申请公开")) {
        *standard = "依申请";
        return MODE_ON_REQUEST;
    }
    return 0;
}

/* 县, 乡 (or 乡镇, 镇, 乡（镇）, 街道) and 村 (or 社区) in any combination, optionally ending in 级, so that 县级,
 * 乡村级, 乡（镇）级 and the parts of "县、乡、村级" are all read. */
unsigned catalog_level_find(const char *key, const char **standard)
{
    static const struct {
        const char *word;
        unsigned bits;
        int synonym;
    } parts[] = {
        {"乡（镇）", LEVEL_TOWNSHIP, 1},
        {"乡镇", LEVEL_TOWNSHIP, 0},
        {"街道", LEVEL_TOWNSHIP, 1},
        {"社区", LEVEL_VILLAGE, 1},
        {"县", LEVEL_COUNTY, 0},
        {"区", LEVEL_COUNTY, 1},
        {"乡", LEVEL_TOWNSHIP, 0},
        {"镇", LEVEL_TOWNSHIP, 0},
        {"村", LEVEL_VILLAGE, 0},
        {"（", 0, 0},
        {"）", 0, 0},
    };
    *standard = NULL;
    size_t len = strlen(key);
    if (len >= 3 && !strcmp(key + len - 3, "级"))
        len -= 3;
    unsigned bits = 0;
    int synonym = 0;
    for (size_t i = 0; i < len;) {
        size_t k = 0, n = 0;
        for (; k < sizeof parts / sizeof parts[0]; k++) {
            n = strlen(parts[k].word);
            if (n <= len - i && !memcmp(key + i, parts[k].word, n))
                break;
        }
        if (k == sizeof parts / sizeof parts[0])
            return 0;
        bits |= parts[k].bits;
        synonym |= parts[k].synonym;
        i += n;
    }
    if (bits && synonym) {
        static const char *const names[8] = {"",     "县级",       "乡级",   "县级、乡级",
                                             "村级", "县级、村级", "乡村级", "县级、乡村级"};
        *standard = names[bits & 7];
    }
    return bits;
}

int catalog_mark(const char *cell)
{
    static const char *const chosen[] = {"√", "✓", "✔", "■", "●", "☑", "☒", "★", "是", "有", "Y", "y", "v", "V", "1"};
    static const char *const not_chosen[] = {"",   "□", "☐", "○", "×", "✗", "✘", "否",
                                             "无", "-", "—", "/", "0", "N", "n"};
    for (size_t i = 0; i < sizeof chosen / sizeof chosen[0]; i++)
        if (!strcmp(cell, chosen[i]))
            return 1;
    for (size_t i = 0; i < sizeof not_chosen / sizeof not_chosen[0]; i++)
        if (!strcmp(cell, not_chosen[i]))
            return 0;
    return -1;
}

const char *catalog_channel_list(char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int c = 0; c < CHANNEL_COUNT && n < cap; c++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", c ? "、" : "", content_channel_name(c));
    return buf;
}

/* The 26 areas of 基层政务公开标准指引 (国办发〔2019〕54号), and the local names the reference lists for two of them.
 */
static const char *const standard_areas[] = {
    "城乡规划",   "重大建设项目", "公共资源交易", "财政预决算",
    "安全生产",   "税收管理",     "征地补偿",     "国有土地上房屋征收与补偿",
    "环境保护",   "公共文化服务", "公共法律服务", "扶贫",
    "救灾",       "社会救助",     "养老服务",     "户籍管理",
    "涉农补贴",   "就业",         "社会保险",     "义务教育",
    "医疗卫生",   "市政服务",     "农村危房改造", "城市综合执法",
    "保障性住房", "食品药品监管", "卫生健康",     "生态环境",
};

const char *catalog_standard_area(size_t i)
{
    return i < sizeof standard_areas / sizeof standard_areas[0] ? standard_areas[i] : NULL;
}
