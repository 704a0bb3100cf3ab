/* gen_corpus.c — a deterministic synthetic authoring folder for the benchmarks: N documents of county-government
 * Chinese and a catalog of every area with thousands of items.
 *
 * Usage: gen_corpus --docs N --out DIR [--seed S] [--seeds DIR] [--demo DIR]
 *
 * --seeds defaults to tests/data/seeds, relative to the working directory (the repository root, where the bench scripts
 * run).
 *
 * The text is real text recombined: every clause (the run between two of ，。；：、！？) of the seed documents
 * (the .txt files in tests/data/seeds: the two real county documents) and of the demo documents (assets/demo/docs)
 * goes into a pool, and paragraphs are clauses drawn from it, so the character and word statistics — what an index and
 * a search are sensitive to — are those of the real documents.  Around them the generator writes what real documents
 * have: 文号 (信民字〔2023〕12号), dates, numbered headings (一、 (一)), lists, the occasional table, titles built from
 * the catalog's topics with the usual suffixes (实施细则, 管理办法, 关于……的通知), keywords from the catalog's aliases,
 * every document type with its required fields, 现行有效 and 已废止 policies, interpretations of earlier policies.  The
 * catalog has every area of the demo, each 一级事项 repeated per township, and items filed with documents.
 *
 * Same arguments, same bytes: one seeded xorshift generator, files written in order, nothing from the clock.  Sizes:
 * about 5 KB of text per document, so 20,000 documents are about 100 MB. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The demo catalog's areas: area|topic:alias、alias|topic:… */
static const char *const catalog_src[] = {
    "城乡规划|规划编制:总体规划、国土空间规划、村规划、建房规划|规划许可:规划许可证",
    "重大建设项目|批准服务信息:项目审批、项目备案|实施信息:招投标、项目进度、竣工验收",
    "公共资源交易|工程建设项目招标投标:招标公告、中标公示|政府采购:政府采购、采购公告",
    "财政预决算|政府预决算:预算、决算、财政收支|部门预决算:三公经费、部门预算|乡镇预决算:乡镇预算",
    "安全生产|安全生产监管:安全检查|生产安全事故:事故通报|安全生产宣传:防火、防溺水、安全常识",
    "税收管理|税收政策:减税降费、税收优惠|纳税服务:交税、办税厅|定期定额征收:定额、个体户交税",
    "征地补偿|征收土地:征地公告、征地补偿标准、安置方案|补偿落实:补偿款",
    "国有土地上房屋征收与补偿|征收决定:拆迁、征收公告|补偿方案:拆迁补偿方案|补偿结果:分户补偿、拆迁款",
    "环境保护|环境质量:空气质量、水质|环境影响评价:环评|环境执法:环保处罚、污染举报",
    "公共文化服务|公共文化设施:图书馆、文化馆、文化站|文化活动:送戏下乡、看电影、文艺演出|农家书屋:借书、读书",
    "公共法律服务|法律援助:免费律师、法律援助、打官司|人民调解:调解、邻里纠纷|公共法律服务平台:法律咨询、12348",
    "扶贫|政策文件:防返贫、乡村振兴、巩固脱贫|资金项目:帮扶项目、衔接资金|帮扶对象:监测户公示",
    "救灾|应急预案:防汛、灾害预案|救灾款物:救灾款、受灾补助|应急避难:避难场所、躲灾",
    "社会救助|最低生活保障:"
    "低保、低保政策、低保标准、低保申请、吃低保、申请低保、低保公示、低保评议、低保名单、低保户、低保金|"
    "特困人员救助供养:五保、五保户、特困供养标准、五保申请、特困申请、进敬老院、五保公示|临时救助:"
    "急难救助、应急救助、临时困难补助、突发困难、临时救助名单|医疗救助:大病救助、看病救助、医疗救助|社会救助监督:"
    "举报低保、骗保举报、救助热线",
    "养老服务|老年人补贴:"
    "高龄补贴、长寿金、老年人补贴、80岁补贴、居家养老补贴、服务补贴、失能补贴、护理费、瘫痪老人补贴、补贴公示、长寿金名"
    "单|养老机构:养老院、敬老院、养老机构名单、养老院检查、养老院备案、开养老院|居家和社区养老服务:"
    "幸福院、居家养老服务站、日间照料、老年食堂、长者食堂、助餐|老年人权益保障:老年证、老年人优待证、免费乘车",
    "户籍管理|户口登记:上户口、报户口、新生儿落户|户口迁移:迁户口、落户、户口迁移|居民身份证:"
    "身份证、补办身份证、身份证到期",
    "涉农补贴|耕地地力保护补贴:种粮补贴、地力补贴、补贴名单、种粮补贴公示|农机购置补贴:农机补贴、买农机|补贴“一卡通”:"
    "一卡通、补贴查询",
    "就业|就业政策法规:就业政策、创业政策|就业创业服务:"
    "招工、找工作、岗位信息、招聘会、春风行动、现场招聘、技能培训、免费培训、培训补贴、创业贷款、贴息贷款、小额贷款|"
    "就业援助:就业困难、就业援助、公益岗、公益性岗位|就业补贴:就业补贴公示、社保补贴|失业保险和登记:"
    "失业证、失业登记、失业金",
    "社会保险|城乡居民基本养老保险:农保、新农保、城乡居民养老保险、养老金、领养老金、资格认证|城乡居民基本医疗保险:"
    "医保、医保缴费、农村合作医疗、新农合",
    "义务教育|招生管理:"
    "入学政策、招生方案、划片、学区、招生片区、招几个班、学位数、入学、报名、新生入学、一年级报名、小升初、录取结果、派"
    "位结果|学生资助:贫困生补助、寄宿生生活补助、助学金、补助名单|教育收费:学费、收费、乱收费举报|学校管理:"
    "学校名单、学校电话、课后托管、延时服务",
    "医疗卫生|医疗机构信息:医院、卫生院、诊所|基本公共卫生服务:免费体检、老年人体检、打疫苗|家庭医生签约服务:"
    "家庭医生、签约医生|监督检查:医院检查",
    "市政服务|供水:停水、水费|供电供气:停电、停气|市政设施:修路、封路",
    "农村危房改造|政策文件:危房改造补助、危改|申请审批:危房改造公示|竣工验收:危改补助发放",
    "城市综合执法|执法依据:城管、执法依据|执法结果:城管处罚|投诉举报:占道经营举报、乱搭乱建举报",
    "保障性住房|公共租赁住房:公租房、廉租房、申请住房、公租房名单、配租结果|保障性租赁住房和棚户区改造:棚改、保租房",
    "食品药品监管|监督抽检:食品抽检、食品安全|行政许可:开饭店、食品许可证|投诉举报:12315、食品投诉、买到假药",
    "政务公开|政府信息公开制度:信息公开指南|依申请公开:"
    "依申请公开、申请公开、信息公开申请、查政府文件、申请地址、在线申请|政务公开工作:"
    "政务公开方案、工作要点、年度报告、专区、自助查询、满意度评价、好差评",
};

static const char *const townships[] = {"嘉定镇", "大塘埠镇", "古陂镇", "大桥镇", "新田镇", "安西镇",
                                        "小江镇", "铁石口镇", "大阿镇", "油山镇", "小河镇", "西牛镇",
                                        "正平镇", "虎山乡",   "崇仙乡", "万隆乡"};
static const char *const item_kinds[] = {"政策文件", "办事指南", "审核信息", "结果公示",
                                         "资金发放", "监督检查", "标准调整", "年度报告"};
static const char *const policy_suffixes[] = {"实施细则", "管理办法", "工作方案", "实施意见",
                                              "工作要点", "暂行办法", "考核办法", "专项行动方案"};
static const char *const doc_prefixes[] = {"信府办字", "信府发",   "信府办发",   "信民字",   "信财字",   "信人社字",
                                           "信教字",   "信卫健字", "信自然资字", "信住建字", "赣府厅字", "赣市府办字"};
static const char *const issuers[] = {
    "信丰县人民政府办公室", "信丰县民政局",         "信丰县财政局",     "信丰县人力资源和社会保障局",
    "信丰县教育体育局",     "信丰县卫生健康委员会", "信丰县自然资源局", "信丰县住房和城乡建设局",
    "信丰县农业农村局",     "信丰县应急管理局"};
static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
static const char *const step_titles[] = {"提出申请", "受理", "审核", "公示", "确认", "发放", "办结"};
static const char *const material_names[] = {"申请表",   "居民身份证", "户口簿",   "银行卡或者社会保障卡",
                                             "收入证明", "委托书",     "诊断证明", "房屋产权证明"};

/* ---- random ---- */
static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}
static size_t pick(size_t n)
{
    return (size_t)(rnd() % n);
}
#define PICK(a) (a)[pick(sizeof(a) / sizeof((a)[0]))]

/* ---- the clause pool ---- */
typedef struct pool {
    char **s;
    size_t n, cap;
} pool_t;
static pool_t clauses, shorts;

static void pool_add(pool_t *p, const char *s, size_t len)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 1024;
        p->s = realloc(p->s, p->cap * sizeof *p->s);
        if (!p->s)
            exit(1);
    }
    p->s[p->n] = strndup(s, len);
    if (!p->s[p->n])
        exit(1);
    p->n++;
}

static size_t cp_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Splits one line into clauses and keeps those that are plain Chinese text of 4..40 characters. */
static void add_line(const char *line, size_t len)
{
    static const char *const delims[] = {"，", "。", "；", "：", "、", "！", "？", ",", ";", "："};
    size_t start = 0;
    for (size_t i = 0; i <= len;) {
        size_t dl = 0;
        if (i == len)
            dl = 1;
        else
            for (size_t d = 0; d < sizeof delims / sizeof delims[0] && !dl; d++)
                if (!strncmp(line + i, delims[d], strlen(delims[d])))
                    dl = strlen(delims[d]);
        if (!dl) {
            i++;
            continue;
        }
        const char *c = line + start;
        size_t cl = i - start, n = cp_count(c, cl), bad = 0, ascii = 0;
        for (size_t k = 0; k < cl; k++) {
            bad |= strchr("*#|[]<>_`\\{}\"'$&", c[k]) != NULL && c[k];
            ascii += (unsigned char)c[k] < 0x80;
        }
        if (!bad && n >= 4 && n <= 40 && ascii * 4 < n) {
            pool_add(&clauses, c, cl);
            if (n <= 12)
                pool_add(&shorts, c, cl);
        }
        i += dl;
        start = i;
    }
}

static void read_pool(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "gen_corpus: cannot read %s\n", dir);
        exit(1);
    }
    char *names[512];
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) && nn < 512) {
        size_t l = strlen(e->d_name), sl = strlen(suffix);
        if (l > sl && !strcmp(e->d_name + l - sl, suffix) && strcmp(e->d_name, "README.md"))
            names[nn++] = strdup(e->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < nn; i++) /* sorted: the pool must not depend on directory order */
        for (size_t k = i + 1; k < nn; k++)
            if (strcmp(names[i], names[k]) > 0) {
                char *t = names[i];
                names[i] = names[k];
                names[k] = t;
            }
    for (size_t i = 0; i < nn; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "r");
        char line[65536];
        int front = 0, lineno = 0;
        while (f && fgets(line, sizeof line, f)) {
            lineno++;
            size_t len = strcspn(line, "\r\n");
            if (lineno == 1 && !strncmp(line, "---", 3)) {
                front = 1;
                continue;
            }
            if (front) {
                front = strncmp(line, "---", 3) != 0;
                continue;
            }
            const char *p = line;
            while (*p == '#' || *p == '-' || *p == ' ' || *p == '>' || (*p >= '0' && *p <= '9') || *p == '.')
                p++;
            if (*p != '|')
                add_line(p, len - (size_t)(p - line));
        }
        if (f)
            fclose(f);
        free(names[i]);
    }
}

/* ---- the catalog model ---- */
typedef struct topic {
    char area[64], name[128], aliases[512];
} topic_t;
static topic_t *topics;
static size_t ntopics;

typedef struct item {
    size_t topic;
    const char *kind;
    char docs[1024];
} item_t;
static item_t *items;
static size_t nitems;

static void load_topics(size_t want_items)
{
    size_t nbase = 0;
    topic_t base[256];
    for (size_t a = 0; a < sizeof catalog_src / sizeof catalog_src[0]; a++) {
        char buf[2048];
        snprintf(buf, sizeof buf, "%s", catalog_src[a]);
        char *save = NULL, *area = strtok_r(buf, "|", &save), *t;
        while ((t = strtok_r(NULL, "|", &save)) && nbase < 256) {
            char *colon = strchr(t, ':');
            *colon = '\0';
            snprintf(base[nbase].area, sizeof base[nbase].area, "%s", area);
            snprintf(base[nbase].name, sizeof base[nbase].name, "%s", t);
            snprintf(base[nbase].aliases, sizeof base[nbase].aliases, "%s", colon + 1);
            nbase++;
        }
    }
    /* Each base topic, then per township, until there are enough items (8 per topic). */
    size_t per_topic = sizeof item_kinds / sizeof item_kinds[0];
    size_t rounds = (want_items + nbase * per_topic - 1) / (nbase * per_topic);
    if (rounds > 1 + sizeof townships / sizeof townships[0])
        rounds = 1 + sizeof townships / sizeof townships[0];
    topics = calloc(nbase * rounds, sizeof *topics);
    items = calloc(nbase * rounds * per_topic, sizeof *items);
    for (size_t r = 0; r < rounds; r++)
        for (size_t b = 0; b < nbase; b++) {
            topic_t *t = &topics[ntopics];
            *t = base[b];
            if (r > 0)
                snprintf(t->name, sizeof t->name, "%s%s", townships[r - 1], base[b].name);
            for (size_t k = 0; k < per_topic; k++)
                items[nitems++] = (item_t){ntopics, item_kinds[k], ""};
            ntopics++;
        }
}

/* ---- writing ---- */
static void para(FILE *f, size_t nclauses)
{
    for (size_t i = 0; i < nclauses; i++) {
        unsigned r = (unsigned)pick(100);
        if (r < 4)
            fprintf(f, "根据《%s》（%s〔%u〕%u号）", shorts.s[pick(shorts.n)], PICK(doc_prefixes),
                    2015u + (unsigned)pick(11), 1u + (unsigned)pick(60));
        else if (r < 8)
            fprintf(f, "自%u年%u月%u日起", 2015u + (unsigned)pick(11), 1u + (unsigned)pick(12),
                    1u + (unsigned)pick(28));
        else
            fputs(clauses.s[pick(clauses.n)], f);
        fputs(i + 1 < nclauses ? (pick(6) ? "，" : "；") : "。", f);
    }
    fputs("\n\n", f);
}

static void yaml_str(FILE *f, const char *key, const char *v)
{
    fprintf(f, "%s: \"", key);
    for (; *v; v++)
        if (*v == '"' || *v == '\\')
            fprintf(f, "\\%c", *v);
        else
            fputc(*v, f);
    fputs("\"\n", f);
}

static void summary_text(char *out, size_t size)
{
    snprintf(out, size, "%s，%s。", clauses.s[pick(clauses.n)], clauses.s[pick(clauses.n)]);
}

static void body(FILE *f)
{
    para(f, 2 + pick(4));
    size_t sections = 3 + pick(4);
    for (size_t s = 0; s < sections; s++) {
        fprintf(f, "## %s、%s\n\n", numerals[s % 10], shorts.s[pick(shorts.n)]);
        size_t subs = pick(3);
        for (size_t k = 0; k <= subs; k++) {
            if (subs)
                fprintf(f, "### （%s）%s\n\n", numerals[k % 10], shorts.s[pick(shorts.n)]);
            size_t paras = 1 + pick(3);
            for (size_t p = 0; p < paras; p++)
                para(f, 3 + pick(6));
            if (pick(4) == 0) {
                size_t n = 3 + pick(4);
                for (size_t i = 0; i < n; i++)
                    fprintf(f, "%zu. %s，%s。\n", i + 1, clauses.s[pick(clauses.n)], clauses.s[pick(clauses.n)]);
                fputs("\n", f);
            }
        }
        if (pick(12) == 0) {
            fputs("| 项目 | 标准 | 说明 |\n|---|---|---|\n", f);
            for (size_t i = 0; i < 3 + pick(4); i++)
                fprintf(f, "| %s | 每人每月%u元 | %s |\n", shorts.s[pick(shorts.n)], 50u + 10u * (unsigned)pick(50),
                        shorts.s[pick(shorts.n)]);
            fputs("\n", f);
        }
    }
    fprintf(f, "%s\n\n%u年%u月%u日\n", PICK(issuers), 2015u + (unsigned)pick(11), 1u + (unsigned)pick(12),
            1u + (unsigned)pick(28));
}

static void keywords(FILE *f, const topic_t *t)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", t->aliases);
    fprintf(f, "keywords:\n  - %s\n", t->name);
    for (char *a = buf; a && *a;) { /* split at 、 (a multi-byte separator: not strtok) */
        char *sep = strstr(a, "、");
        if (sep)
            *sep = '\0';
        if (pick(2))
            fprintf(f, "  - %s\n", a);
        a = sep ? sep + strlen("、") : NULL;
    }
}

int main(int argc, char **argv)
{
    size_t ndocs = 1000;
    const char *out = NULL, *seeds = "tests/data/seeds", *demo = NULL;
    uint64_t seed = 20241101;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--docs"))
            ndocs = strtoul(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--out"))
            out = argv[i + 1];
        else if (!strcmp(argv[i], "--seed"))
            seed = strtoull(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--seeds"))
            seeds = argv[i + 1];
        else if (!strcmp(argv[i], "--demo"))
            demo = argv[i + 1];
    }
    if (!out || !ndocs) {
        fprintf(stderr, "usage: gen_corpus --docs N --out DIR [--seed S] [--seeds DIR] [--demo DIR/docs]\n");
        return 2;
    }
    rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
    read_pool(seeds, ".txt");
    if (demo)
        read_pool(demo, ".md");
    if (clauses.n < 100 || shorts.n < 10) {
        fprintf(stderr, "gen_corpus: too little seed text (%zu clauses)\n", clauses.n);
        return 1;
    }
    size_t want_items = ndocs / 4 > 2000 ? ndocs / 4 : 2000;
    load_topics(want_items);

    char path[4096];
    mkdir(out, 0755);
    snprintf(path, sizeof path, "%s/docs", out);
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        perror(path);
        return 1;
    }
    FILE *f;
    snprintf(path, sizeof path, "%s/meta.yaml", out);
    if (!(f = fopen(path, "w")))
        return 1;
    fprintf(f,
            "publisher_id: bench-corpus\npublisher: 信丰县人民政府办公室（基准测试）\nregion: 信丰县\n"
            "content_version: 1\ntitle: 信丰县政务公开专区（基准测试，%zu篇）\ncreated: 2024-11-01\n",
            ndocs);
    fclose(f);

    char(*policy_ids)[48] = calloc(ndocs, 48), (*policy_titles)[256] = calloc(ndocs, 256);
    size_t npolicies = 0;
    for (size_t i = 0; i < ndocs; i++) {
        size_t ti = pick(ntopics);
        const topic_t *t = &topics[ti];
        unsigned r = (unsigned)pick(100), year = 2015u + (unsigned)pick(11);
        const char *type = r < 35   ? "policy"
                           : r < 50 ? "interpretation"
                           : r < 62 ? "guide"
                           : r < 87 ? "notice"
                           : r < 93 ? "project"
                                    : "consultation";
        if (!strcmp(type, "interpretation") && npolicies == 0)
            type = "policy";
        char id[48], title[512], sum[1024];
        snprintf(id, sizeof id, "c%06zu-%s", i, type);
        summary_text(sum, sizeof sum);
        size_t pi = npolicies ? pick(npolicies) : 0;
        if (!strcmp(type, "policy")) {
            if (pick(3) == 0)
                snprintf(title, sizeof title, "信丰县人民政府办公室关于印发《信丰县%s%s》的通知", t->name,
                         PICK(policy_suffixes));
            else
                snprintf(title, sizeof title, "信丰县%s%s（%u年）", t->name, PICK(policy_suffixes), year);
        } else if (!strcmp(type, "interpretation")) {
            snprintf(title, sizeof title, "《%s》政策解读", policy_titles[pi]);
        } else if (!strcmp(type, "guide")) {
            snprintf(title, sizeof title, "%s%s", t->name, pick(2) ? "申请" : "审核确认");
        } else if (!strcmp(type, "notice")) {
            snprintf(title, sizeof title, "关于%u年%s%s的公告", year, t->name, pick(2) ? "名单公示" : "资金发放情况");
        } else if (!strcmp(type, "project")) {
            snprintf(title, sizeof title, "%s%s提升工程（%u年）", PICK(townships), t->name, year);
        } else {
            snprintf(title, sizeof title, "《信丰县%s%s（征求意见稿）》公开征求意见", t->name, PICK(policy_suffixes));
        }
        snprintf(path, sizeof path, "%s/docs/%s.md", out, id);
        if (!(f = fopen(path, "w"))) {
            perror(path);
            return 1;
        }
        fprintf(f, "---\nid: %s\ntype: %s\n", id, type);
        yaml_str(f, "title", title);
        fprintf(f, "publish_date: %u-%02u-%02u\narea: %s\n", year, 1u + (unsigned)pick(12), 1u + (unsigned)pick(28),
                t->area);
        yaml_str(f, "summary", sum);
        keywords(f, t);
        if (!strcmp(type, "policy") || !strcmp(type, "notice")) {
            fprintf(f, "issuer: %s\n", PICK(issuers));
            if (pick(10) < 7)
                fprintf(f, "doc_number: %s〔%u〕%u号\n", PICK(doc_prefixes), year, 1u + (unsigned)pick(80));
        }
        if (!strcmp(type, "policy")) {
            unsigned v = (unsigned)pick(100);
            fprintf(f, "validity: %s\n", v < 80 ? "现行有效" : v < 88 ? "已修改" : "已废止");
            snprintf(policy_ids[npolicies], 48, "%s", id);
            snprintf(policy_titles[npolicies], 256, "%.200s", title);
            npolicies++;
        } else if (!strcmp(type, "interpretation")) {
            fprintf(f, "interprets: %s\nunit: %s\n", policy_ids[pi], PICK(issuers));
        } else if (!strcmp(type, "guide")) {
            fprintf(f, "conditions:\n");
            for (size_t k = 0; k < 2 + pick(3); k++)
                fprintf(f, "  - %s。\n", clauses.s[pick(clauses.n)]);
            fprintf(f, "materials:\n");
            for (size_t k = 0; k < 2 + pick(4); k++)
                fprintf(f, "  - name: %s\n    form: 原件和复印件\n    count: 1\n", PICK(material_names));
            fprintf(f, "steps:\n");
            for (size_t k = 0; k < 3 + pick(3); k++)
                fprintf(f, "  - title: %s\n    detail: %s。\n", step_titles[k], clauses.s[pick(clauses.n)]);
            fprintf(f,
                    "time_limit: %u个工作日\nfee: 不收费\nplace: %s便民服务中心\nhours: 工作日上午8:00至12:00\n"
                    "phone: 0797-33%05u\ncomplaint_phone: 12345\n",
                    1u + (unsigned)pick(30), PICK(townships), (unsigned)pick(100000));
        } else if (!strcmp(type, "project")) {
            unsigned p = (unsigned)pick(101);
            fprintf(f, "target: %s。\nprogress: %u\nlead_unit: %s\nstatus: %s\n", clauses.s[pick(clauses.n)], p,
                    PICK(issuers),
                    p == 0     ? "未开工"
                    : p == 100 ? "已完成"
                               : "进行中");
        } else if (!strcmp(type, "consultation")) {
            fprintf(f, "issuer: %s\ndeadline: %u-%02u-28\nrespond: 可以通过信函或者在政务公开专区当面提出意见。\n",
                    PICK(issuers), year, 1u + (unsigned)pick(12));
        }
        fputs("---\n", f);
        body(f);
        fclose(f);
        /* file it under one of its topic's items */
        item_t *it =
            &items[ti * (sizeof item_kinds / sizeof item_kinds[0]) + pick(sizeof item_kinds / sizeof item_kinds[0])];
        if (strlen(it->docs) + strlen(id) + 2 < sizeof it->docs)
            snprintf(it->docs + strlen(it->docs), sizeof it->docs - strlen(it->docs), "%s%s", it->docs[0] ? " " : "",
                     id);
    }

    snprintf(path, sizeof path, "%s/catalog.csv", out);
    if (!(f = fopen(path, "w")))
        return 1;
    fputs("序号,领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,"
          "公开层级,关联文件,别名\n",
          f);
    for (size_t i = 0; i < nitems; i++) {
        const item_t *it = &items[i];
        const topic_t *t = &topics[it->topic];
        fprintf(f,
                "%zu,%s,%s,%s,\"%s、%s\",《中华人民共和国政府信息公开条例》,信息形成或者变更之日起20个工作日内,%s,"
                "政府网站、政务服务中心、便民服务站,全社会,主动,县级、乡级,%s,%s\n",
                i + 1, t->area, t->name, it->kind, shorts.s[pick(shorts.n)], shorts.s[pick(shorts.n)], PICK(issuers),
                it->docs, t->aliases);
    }
    fclose(f);
    for (size_t i = 0; i < clauses.n; i++)
        free(clauses.s[i]);
    for (size_t i = 0; i < shorts.n; i++)
        free(shorts.s[i]);
    free(clauses.s);
    free(shorts.s);
    free(topics);
    free(items);
    free(policy_ids);
    free(policy_titles);
    return 0;
}
