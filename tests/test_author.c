/* test_author.c — whole source folders through author_check and author_build: what spans files, and what a build
 * promises (deterministic bytes, nothing written on error).
 *
 * Fixture folders are in data/src/ (the working directory is tests/): links/ has every cross-file mistake, glyphs/
 * characters the kiosk's font lacks, meta_missing/ and meta_bad/ broken meta.yaml files, minimal/ is a clean folder
 * that tests copy into a temporary folder and then damage (bad URLs in every URL field, bytes that are not UTF-8 —
 * written here, so the repository holds no binary fixture).  Problems are checked as diag_print writes them
 * ("file:line: field: message"), so a test fails when a line number, a field name or a message changes. */
#include "check.h"
#include "zwgk/author.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEMO_SRC  "../assets/demo"
#define SRC(name) "data/src/" name

static char tmp_root[] = "/tmp/zwgk-test-author-XXXXXX";

/* ---- files ---- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n;
    *len = 0;
    do {
        if (*len == cap)
            buf = realloc(buf, cap = cap ? cap * 2 : 65536);
        n = fread(buf + *len, 1, cap - *len, f);
        *len += n;
    } while (n > 0);
    fclose(f);
    return buf;
}

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

/* Writes len bytes to dir/name. */
static void put_bytes(const char *dir, const char *name, const void *data, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK(write_file(path, data, len) == 0);
}

static void put(const char *dir, const char *name, const char *text)
{
    put_bytes(dir, name, text, strlen(text));
}

/* True when both files exist and hold the same bytes. */
static int same_bytes(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    char *x = read_file(a, &na), *y = read_file(b, &nb);
    int same = x && y && na == nb && memcmp(x, y, na) == 0;
    free(x);
    free(y);
    return same;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void copy_tree(const char *from, const char *to)
{
    DIR *dp = opendir(from);
    CHECK(dp != NULL && mkdir(to, 0700) == 0);
    for (struct dirent *e; dp && (e = readdir(dp));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char a[512], b[512];
        struct stat st;
        snprintf(a, sizeof a, "%s/%s", from, e->d_name);
        snprintf(b, sizeof b, "%s/%s", to, e->d_name);
        if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
            copy_tree(a, b);
        } else {
            size_t n = 0;
            char *data = read_file(a, &n);
            CHECK(data && write_file(b, data, n) == 0);
            free(data);
        }
    }
    if (dp)
        closedir(dp);
}

static void remove_tree(const char *path)
{
    DIR *dp = opendir(path);
    for (struct dirent *e; dp && (e = readdir(dp));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char p[512];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
    }
    if (dp)
        closedir(dp);
    rmdir(path);
}

/* tmp_root/name in buf. */
static const char *tmp(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmp_root, name);
    return buf;
}

/* A fresh copy of data/src/minimal at tmp_root/name, in buf. */
static const char *copy_minimal(char *buf, size_t size, const char *name)
{
    tmp(buf, size, name);
    remove_tree(buf);
    copy_tree(SRC("minimal"), buf);
    return buf;
}

/* True when a file whose name starts with prefix is left in tmp_root (a build's temporary file). */
static int tmp_left(const char *prefix)
{
    DIR *dp = opendir(tmp_root);
    int found = 0;
    for (struct dirent *e; dp && (e = readdir(dp));)
        found |= !strncmp(e->d_name, prefix, strlen(prefix));
    if (dp)
        closedir(dp);
    return found;
}

/* ---- problems ---- */

static char *diag_text(const diag_list_t *d)
{
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    diag_print(d, f);
    fclose(f);
    return out;
}

/* True when some printed problem line starts with prefix and contains part (NULL: anything). */
static int has_diag_with(const diag_list_t *d, const char *prefix, const char *part)
{
    char *all = diag_text(d);
    int found = 0;
    for (char *line = all; line && *line && !found;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        found = !strncmp(line, prefix, strlen(prefix)) && (!part || strstr(line, part));
        line = nl ? nl + 1 : NULL;
    }
    if (!found) {
        free(all);
        all = diag_text(d);
        fprintf(stderr, "  no problem starts with \"%s\"%s%s%s; reported:\n%s", prefix, part ? " containing \"" : "",
                part ? part : "", part ? "\"" : "", all);
    }
    free(all);
    return found;
}

static int has_diag(const diag_list_t *d, const char *prefix)
{
    return has_diag_with(d, prefix, NULL);
}

/* ---- tests ---- */

/* The same folder gives the same bytes, whatever the output's name and whether it existed. */
static void test_deterministic_build(void)
{
    static const char *const folders[] = {DEMO_SRC, SRC("roundtrip")};
    for (size_t i = 0; i < 2; i++) {
        char a[512], b[512], err[512] = "";
        diag_list_t d = {0};
        tmp(a, sizeof a, "first.db");
        tmp(b, sizeof b, "second.db");
        CHECK(author_build(folders[i], a, NULL, &d, err, sizeof err) == ZWGK_OK);
        CHECK(d.errors == 0);
        diag_clear(&d);
        CHECK(author_build(folders[i], b, NULL, &d, err, sizeof err) == ZWGK_OK);
        diag_clear(&d);
        CHECK(same_bytes(a, b));
        CHECK(author_build(folders[i], a, NULL, &d, err, sizeof err) == ZWGK_OK); /* over the old file */
        diag_clear(&d);
        CHECK(same_bytes(a, b));
        CHECK(!tmp_left("first.db.") && !tmp_left("second.db."));
        unlink(a);
        unlink(b);
    }
}

static void test_demo_is_clean(void)
{
    diag_list_t d = {0};
    CHECK(author_check(DEMO_SRC, NULL, &d) == ZWGK_OK);
    CHECK(d.errors == 0);
    if (d.errors)
        diag_print(&d, stderr);
    diag_clear(&d);

    CHECK(author_check(SRC("no-such-folder"), NULL, &d) == ZWGK_ERR_IO);
    CHECK(has_diag(&d, "data/src/no-such-folder: not a folder"));
    diag_clear(&d);
}

/* Characters outside the kiosk's font (Noto Sans CJK SC): private use, Linear B, Old Italic, plane 16. */
static void test_glyphs(void)
{
    diag_list_t d = {0};
    CHECK(author_check(SRC("glyphs"), NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag(&d, "catalog.csv D2: 公开内容（要素）: the kiosk's font cannot draw '\xF0\x90\x8C\x80' (U+10300)"));
    /* Front-matter fields are placed at their key's line; body blocks at their own line. */
    CHECK(has_diag(&d, "docs/glyphs.md:7: summary: the kiosk's font cannot draw '\xF0\x90\x80\x80' (U+10000)"));
    CHECK(has_diag(&d, "docs/glyphs.md:11: body: the kiosk's font cannot draw '\xEE\x80\x80' (U+E000)"));
    CHECK(has_diag(&d, "docs/glyphs.md:13: body: the kiosk's font cannot draw '\xF4\x8F\xBF\xBD' (U+10FFFD)"));
    CHECK(has_diag(&d, "docs/glyphs.md:15: table: the kiosk's font cannot draw '\xF0\x90\x8C\x80' (U+10300)"));
    CHECK(d.errors == 5);
    diag_clear(&d);

    /* A font that cannot be opened is itself an error: the check must not pass for lack of a font. */
    author_options_t opt = {.font_regular = "data/no-such-font.ttc", .font_bold = NULL, .font_face = -1};
    CHECK(author_check(SRC("minimal"), &opt, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag(&d, "data/no-such-font.ttc: font: cannot open face 2 of the kiosk's font"));
    CHECK(d.errors == 1);
    diag_clear(&d);
}

/* Bytes that are not UTF-8 in each kind of source file: an error at the file and line, and no crash. */
static void test_invalid_utf8(void)
{
    char dir[512], out[512], err[512] = "";
    copy_minimal(dir, sizeof dir, "bad-utf8");
    put(dir, "docs/bad.md",
        "---\nid: bad-bytes\ntype: notice\ntitle: 关于政务公开专区开放时间的通知\npublish_date: 2024-01-01\n"
        "issuer: 信丰县人民政府办公室\n---\n政务公开专区每周一至周五开放。\n\n请群众\xFF按时前来查阅。\n");
    put(dir, "catalog.csv",
        "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,"
        "公开层级\n社会救助,最低生活保障,办事指南,办理条件\xFF申请材料,《社会救助暂行办法》,20个工作日内,县民政局,"
        "政府网站,全社会,主动,县级\n");
    put(dir, "meta.yaml",
        "publisher_id: xinfeng-test\npublisher: 信丰县人民政府办公室\nregion: 信丰\xFF县\ncontent_version: 1\n"
        "title: 信丰县政务公开专区\ncreated: 2024-12-01\n");
    /* A file of nothing but bad bytes is neither UTF-8 nor GBK. */
    put_bytes(dir, "docs/junk.md", "\xFF\xFF\xFF\xFF\n\xFF\xFE", 7);

    diag_list_t d = {0};
    CHECK(author_check(dir, NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag(&d, "docs/bad.md:10: invalid UTF-8 (byte 0xFF)"));
    CHECK(has_diag(&d, "catalog.csv:2: invalid UTF-8 (byte 0xFF)"));
    CHECK(has_diag(&d, "meta.yaml:3: invalid UTF-8 (byte 0xFF)"));
    CHECK(has_diag(&d, "docs/junk.md:1: the file is neither UTF-8 (first bad byte 0xFF on this line) nor GBK"));
    diag_clear(&d);

    tmp(out, sizeof out, "bad-utf8.db");
    CHECK(author_build(dir, out, NULL, &d, err, sizeof err) == ZWGK_ERR_INVALID);
    CHECK(!exists(out));
    diag_clear(&d);
}

/* The issuer is what the kiosk shows above a document: a note such as （原文未署发文机关） standing in for it is
 * refused (it reached citizens in the demo as if it were the issuing body); a policy without one is only a warning. */
static void test_issuer_placeholder(void)
{
    char dir[512];
    copy_minimal(dir, sizeof dir, "issuer");
    put(dir, "docs/p1.md",
        "---\nid: p-note\ntype: policy\ntitle: 2023年全县政务公开工作要点\npublish_date: 2023-01-01\n"
        "issuer: （原文未署发文机关）\nvalidity: 现行有效\n---\n正文。\n");
    put(dir, "docs/p2.md",
        "---\nid: p-none\ntype: policy\ntitle: 工作要点\npublish_date: 2023-01-01\nvalidity: 现行有效\n---\n正文。\n");
    put(dir, "docs/p3.md",
        "---\nid: p-unknown\ntype: policy\ntitle: 工作要点\npublish_date: 2023-01-01\nissuer: 发文机关不详\n"
        "validity: 现行有效\n---\n正文。\n");
    diag_list_t d = {0};
    CHECK(author_check(dir, NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag(&d, "docs/p1.md:6: issuer: '（原文未署发文机关）' is a note, not an issuing body"));
    CHECK(has_diag(&d, "docs/p3.md:6: issuer: '发文机关不详' is a note"));
    CHECK(has_diag(&d, "docs/p2.md:2: issuer: warning: no issuing body"));
    CHECK(d.errors == 2);
    diag_clear(&d);
}

/* Any error: nothing is written, a new output never appears and an old one keeps every byte. */
static void test_build_refuses(void)
{
    char out[512], err[512] = "";
    diag_list_t d = {0};
    tmp(out, sizeof out, "refused.db");
    CHECK(author_build(SRC("links"), out, NULL, &d, err, sizeof err) == ZWGK_ERR_INVALID);
    CHECK_STR(err, "9 error(s): nothing written");
    CHECK(!exists(out));
    CHECK(!tmp_left("refused.db"));
    diag_clear(&d);

    static const char old[] = "an older content database, which must survive a failed build\n";
    CHECK(write_file(out, old, sizeof old - 1) == 0);
    CHECK(author_build(SRC("glyphs"), out, NULL, &d, err, sizeof err) == ZWGK_ERR_INVALID);
    size_t n = 0;
    char *now = read_file(out, &n);
    CHECK(now && n == sizeof old - 1 && memcmp(now, old, n) == 0);
    free(now);
    CHECK(!tmp_left("refused.db."));
    unlink(out);
    diag_clear(&d);

    /* A meta.yaml error alone also stops the build. */
    CHECK(author_build(SRC("meta_bad"), out, NULL, &d, err, sizeof err) == ZWGK_ERR_INVALID);
    CHECK(!exists(out));
    diag_clear(&d);
}

/* Links between files, ids, areas and catalog rows: each problem at its file, line and field. */
static void test_cross_file(void)
{
    diag_list_t d = {0};
    CHECK(author_check(SRC("links"), NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag(&d, "catalog.csv L2: 关联文件: 'no-such-doc' is not the id of any document in docs/"));
    CHECK(has_diag(
        &d, "catalog.csv C4: 二级事项: '社会救助 › 最低生活保障 › 办事指南' is already at catalog.csv row 2: merge "
            "the two rows"));
    CHECK(has_diag(&d, "docs/a-policy.md:8: area: '不存在的领域' is not an area of the catalog"));
    CHECK(has_diag(&d, "docs/a-policy.md:9: guides: 'lk-notice' is a 通知公告, not a service guide"));
    CHECK(has_diag(&d, "docs/a-policy.md:9: guides: 'lk-missing' is not the id of any document in docs/"));
    CHECK(has_diag(&d, "docs/b-interp-nowhere.md:6: interprets: 'lk-nowhere' is not the id of any document"));
    CHECK(has_diag(&d, "docs/c-interp-notice.md:6: interprets: 'lk-notice' is a 通知公告, not a policy (政策文件)"));
    CHECK(has_diag(&d, "docs/g-interp-guide.md:6: interprets: 'lk-guide' is a 办事指南, not a policy (政策文件)"));
    CHECK(has_diag(&d, "docs/e-notice-dup.md:2: id: 'lk-notice' is already the id of docs/d-notice.md: ids must be "
                       "unique"));
    /* …and nothing about the links that are right (lk-guide in guides and in 关联文件, h-interp-ok). */
    CHECK(d.errors == 9);
    if (d.errors != 9)
        diag_print(&d, stderr);
    diag_clear(&d);
}

/* Writes s as a double-quoted YAML scalar: control characters as \xNN, so the YAML stays valid and the URL check,
 * not the YAML reader, sees them. */
static void yaml_quote(char *out, size_t size, const char *s)
{
    size_t o = 0;
    out[o++] = '"';
    for (; *s && o + 6 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7F || c == '"' || c == '\\')
            o += (size_t)snprintf(out + o, size - o, "\\x%02X", c);
        else
            out[o++] = (char)c;
    }
    out[o++] = '"';
    out[o] = '\0';
}

/* Writes a folder with url in each of the four URL fields: url (line 8), service_url (line 6), respond_url (line 8),
 * 码上知 (catalog line 2). */
static void write_url_folder(const char *dir, const char *url)
{
    char q[4200], text[8192];
    yaml_quote(q, sizeof q, url);
    snprintf(text, sizeof text,
             "---\nid: u-policy\ntype: policy\ntitle: 政策文件\npublish_date: 2024-01-01\nissuer: 信丰县人民政府\n"
             "validity: 现行有效\nurl: %s\n---\n正文。\n",
             q);
    put(dir, "docs/u-policy.md", text);
    snprintf(text, sizeof text,
             "---\nid: u-guide\ntype: guide\ntitle: 办事指南\npublish_date: 2024-01-01\nservice_url: %s\n"
             "conditions: 具有本县户籍\nmaterials:\n  - {name: 身份证, form: 原件, count: 1}\nsteps:\n"
             "  - {title: 申请, detail: 提交申请}\ntime_limit: 当场办结\nfee: 不收费\nplace: 便民服务中心\n"
             "hours: 工作日\nphone: 0797-3322110\ncomplaint_phone: \"12345\"\n---\n",
             q);
    put(dir, "docs/u-guide.md", text);
    snprintf(text, sizeof text,
             "---\nid: u-consult\ntype: consultation\ntitle: 征求意见\npublish_date: 2024-01-01\n"
             "deadline: 2024-02-01\nrespond: 来信来电\nrespond_url: %s\n---\n",
             q);
    put(dir, "docs/u-consult.md", text);
    snprintf(text, sizeof text,
             "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,"
             "公开层级,码上知\n社会救助,最低生活保障,办事指南,办理条件,《社会救助暂行办法》,20个工作日内,县民政局,"
             "政府网站,全社会,主动,县级,%s\n",
             url);
    put(dir, "catalog.csv", text);
}

/* Every kind of bad URL in every URL field; a URL of exactly 2000 bytes is fine. */
/* Root causes first: a document that cannot be read is one error; what links to it is listed after every cause, as
 * consequences that do not count as errors.  A file in docs/ that is not Markdown is named. */
static void test_root_causes_first(void)
{
    char dir[512], path[600];
    copy_minimal(dir, sizeof dir, "causes");
    snprintf(path, sizeof path, "%s/docs", dir);
    put(path, "a-broken.md", "---\nid: xf-broken\ntype: policy\ntitle: [不闭合\n---\n正文\n");
    put(path, "b-jd.md",
        "---\nid: xf-jd\ntype: interpretation\ntitle: 解读\npublish_date: 2024-01-01\ninterprets: xf-broken\n"
        "unit: 县政府办\n---\n正文\n");
    put(path, "通知.docx", "PK");
    put(path, "~$通知.docx", "lock");
    diag_list_t d = {0};
    CHECK(author_check(dir, NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(d.errors == 1);
    CHECK(d.consequences == 1);
    CHECK(has_diag_with(&d, "docs/a-broken.md:4: front matter: YAML syntax error", NULL));
    CHECK(has_diag(&d, "docs/b-jd.md:6: interprets: consequence of an error above: 'xf-broken' is the id of "
                       "docs/a-broken.md, which cannot be read"));
    CHECK(d.count > 0 && d.items[d.count - 1].level == DIAG_CONSEQUENCE); /* after every cause */
    CHECK(has_diag(&d, "docs/通知.docx: warning: not a Markdown document (.md), so it is not read: turn a Word/WPS/PDF "
                       "file into one with zwgk-admin import"));
    char *all = diag_text(&d);
    CHECK(all && !strstr(all, "~$")); /* an Office lock file is nobody's document */
    free(all);
    diag_clear(&d);
}

static void test_urls(void)
{
    static char long_url[2200], max_url[2001];
    const int base = (int)strlen("https://xinfeng.example/");
    snprintf(long_url, sizeof long_url, "https://xinfeng.example/%0*d", 2001 - base, 0); /* 2001 bytes */
    snprintf(max_url, sizeof max_url, "https://xinfeng.example/%0*d", 2000 - base, 0);   /* 2000 bytes */
    CHECK(strlen(long_url) == 2001 && strlen(max_url) == 2000);
    static const struct {
        const char *url, *problem;
    } cases[] = {
        {"ftp://files.xinfeng.example/a.pdf", "' must start with http:// or https://"},
        {"https://xinfeng.example/a b", "' contains a space or a control character"},
        {"https://xinfeng.example/a\x01z", "' contains a space or a control character"},
        {"https://xinfeng.example/a\tb", "' contains a space or a control character"},
        {"https://xinfeng.example/政务公开", "' contains a non-ASCII character"},
        {long_url, "…' is longer than 2000 bytes"},
        {"https:///zwgk/1", "' has no host name"},
        {"http://", "' has no host name"},
    };
    static const char *const places[] = {"docs/u-policy.md:8: url: '", "docs/u-guide.md:6: service_url: '",
                                         "docs/u-consult.md:8: respond_url: '", "catalog.csv L2: 码上知: '"};
    char dir[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        copy_minimal(dir, sizeof dir, "urls");
        write_url_folder(dir, cases[i].url);
        diag_list_t d = {0};
        CHECK(author_check(dir, NULL, &d) == ZWGK_ERR_INVALID);
        for (size_t k = 0; k < 4; k++)
            CHECK(has_diag_with(&d, places[k], cases[i].problem));
        CHECK(d.errors == 4);
        diag_clear(&d);
    }
    copy_minimal(dir, sizeof dir, "urls");
    write_url_folder(dir, max_url);
    diag_list_t d = {0};
    CHECK(author_check(dir, NULL, &d) == ZWGK_OK);
    CHECK(d.count == 0);
    diag_clear(&d);
}

static void test_meta(void)
{
    diag_list_t d = {0};
    CHECK(author_check(SRC("meta_missing"), NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag(&d, "meta.yaml: region: missing: add a line 'region: …'"));
    CHECK(has_diag(&d, "meta.yaml: title: missing: add a line 'title: …'"));
    CHECK(has_diag(&d, "meta.yaml: created: missing: add a line 'created: …'"));
    CHECK(d.errors == 3);
    diag_clear(&d);

    CHECK(author_check(SRC("meta_bad"), NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag(&d, "meta.yaml:1: publisher_id: 'Xin_Feng' may contain only a-z, 0-9 and '-'"));
    CHECK(has_diag(&d, "meta.yaml:4: content_version: '2024-12' is not a positive whole number"));
    CHECK(has_diag(&d, "meta.yaml:6: created: '2024-02-30' is not a date (YYYY-MM-DD)"));
    CHECK(d.errors == 3);
    diag_clear(&d);
}

/* Bug: content_version 99999999999999999999 was taken as LLONG_MAX (strtoll saturates), after which no package
 * could ever have a higher version; created '2024-+1-01' and '2024- 1-01' passed as dates (sscanf's %d takes a sign
 * and skips spaces).  Both are errors at their line. */
static void test_meta_version_overflow_and_lenient_date(void)
{
    static const struct {
        const char *version, *created, *expect;
    } cases[] = {
        {"99999999999999999999", "2024-12-01", "meta.yaml:4: content_version: '99999999999999999999' is not a"},
        {"0", "2024-12-01", "meta.yaml:4: content_version: '0' is not a positive whole number"},
        {"2024120101", "2024-+1-01", "meta.yaml:6: created: '2024-+1-01' is not a date"},
        {"2024120101", "2024- 1-01", "meta.yaml:6: created: '2024- 1-01' is not a date"},
        {"2024120101", "2024-13-01", "meta.yaml:6: created: '2024-13-01' is not a date"},
    };
    char dir[512], text[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        copy_minimal(dir, sizeof dir, "meta");
        snprintf(text, sizeof text,
                 "publisher_id: xinfeng-test\npublisher: 信丰县人民政府办公室\nregion: 信丰县\ncontent_version: %s\n"
                 "title: 信丰县政务公开专区\ncreated: \"%s\"\n",
                 cases[i].version, cases[i].created);
        put(dir, "meta.yaml", text);
        diag_list_t d = {0};
        CHECK(author_check(dir, NULL, &d) == ZWGK_ERR_INVALID);
        CHECK(has_diag(&d, cases[i].expect));
        CHECK(d.errors == 1);
        diag_clear(&d);
    }
}

/* Bug (walked as a staffer): meta.yaml typed in WPS with a full-width space after "region:" gave five errors — four
 * "missing: add a line" for keys that were there, then, last, libyaml's English "could not find expected ':'" one
 * line below the mistake.  The spaces are now read as in front matter (a warning at their line); a full-width '：'
 * is one error at its line, in the staffer's words, first, and the keys it hid are its consequences; 2024年12月1日 as
 * created is read as 2024-12-01 with a warning, as publish_date is. */
static void test_meta_typed_in_wps(void)
{
    char dir[512];
    copy_minimal(dir, sizeof dir, "meta-wps");
    put(dir, "meta.yaml",
        "publisher_id: xinfeng-test\npublisher: 信丰县人民政府办公室\nregion:\xE3\x80\x80信丰县\n"
        "content_version: 2024120101\ntitle:\xC2\xA0信丰县政务公开专区\ncreated: 2024年12月1日\n");
    diag_list_t d = {0};
    CHECK(author_check(dir, NULL, &d) == ZWGK_OK);
    CHECK(has_diag(&d, "meta.yaml:3: warning: the line has full-width spaces (含有全角空格)"));
    CHECK(has_diag(&d, "meta.yaml:5: warning: the line has full-width spaces (含有全角空格)"));
    CHECK(has_diag(&d, "meta.yaml:6: created: warning: '2024年12月1日' is read as 2024-12-01"));
    CHECK(d.errors == 0 && d.count == 3);
    diag_clear(&d);

    put(dir, "meta.yaml",
        "publisher_id: xinfeng-test\npublisher：信丰县人民政府办公室\nregion: 信丰县\ncontent_version: 2024120101\n"
        "title: 信丰县政务公开专区\ncreated: 2024-12-01\n");
    CHECK(author_check(dir, NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(d.errors == 1);
    CHECK(d.count > 0 && d.items[0].level == DIAG_ERROR);
    CHECK(has_diag(&d, "meta.yaml:2: YAML syntax error: a key without its ':'; write a half-width ':' after the key"));
    CHECK(has_diag(&d, "meta.yaml: region: consequence of an error above: cannot be read until the YAML syntax "
                       "error is fixed"));
    char *all = diag_text(&d);
    CHECK(all && !strstr(all, "could not find") && !strstr(all, "missing: add a line"));
    free(all);
    diag_clear(&d);
}

/* Bug: items.key is 领域/一级事项/二级事项 joined with '/', UNIQUE in the database.  Two rows whose names contain '/'
 * can join to the same key (最低生活保障/特困 › 办事指南 and 最低生活保障 › 特困/办事指南): check said "no errors" and
 * the build then failed with "UNIQUE constraint failed: items.key".  Check now reports it, and the build refuses
 * cleanly. */
static void test_item_key_collision(void)
{
    char dir[512], out[512], err[512] = "";
    copy_minimal(dir, sizeof dir, "key-collision");
    put(dir, "catalog.csv",
        "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,"
        "公开层级\n社会救助,最低生活保障,审核信息,内容,依据,时限,主体,政府网站,全社会,主动,县级\n"
        "社会救助,最低生活保障/特困,办事指南,内容,依据,时限,主体,政府网站,全社会,主动,县级\n"
        "社会救助,最低生活保障,特困/办事指南,内容,依据,时限,主体,政府网站,全社会,主动,县级\n");
    diag_list_t d = {0};
    CHECK(author_check(dir, NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag_with(&d, "catalog.csv C4: 二级事项: '社会救助 › 最低生活保障 › 特困/办事指南' and ",
                        "at catalog.csv row 3 have the same key '社会救助/最低生活保障/特困/办事指南'"));
    CHECK(d.errors == 1);
    diag_clear(&d);
    tmp(out, sizeof out, "key-collision.db");
    CHECK(author_build(dir, out, NULL, &d, err, sizeof err) == ZWGK_ERR_INVALID);
    CHECK(!exists(out));
    diag_clear(&d);
}

/* Regression: an area one or two characters away from a standard one (社会求助) gets a warning naming the nearest
 * standard area, at its cell; a county's own area far from all of them (政务公开) and a standard one get none.
 * Without the suggestion (validate.c check_area_names) the typo would build silently into the kiosk's area list. */
static void test_nearest_area(void)
{
    char dir[512];
    copy_minimal(dir, sizeof dir, "nearest-area");
    put(dir, "catalog.csv",
        "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
        "社会求助,最低生活保障,办事指南,条件,依据,时限,主体,政府网站,全社会,主动,县级\n"
        "政务公开,政府信息公开,指南,条件,依据,时限,主体,政府网站,全社会,主动,县级\n"
        "就业,就业创业证申领,办事指南,条件,依据,时限,主体,政府网站,全社会,主动,县级\n");
    diag_list_t d = {0};
    CHECK(author_check(dir, NULL, &d) == ZWGK_OK);
    CHECK(has_diag(&d, "catalog.csv A2: 领域: warning: '社会求助' is not one of the 26 standard areas of "
                       "基层政务公开标准指引; should it be 社会救助?"));
    size_t suggestions = 0;
    for (size_t i = 0; i < d.count; i++)
        suggestions += d.items[i].msg && strstr(d.items[i].msg, "should it be") != NULL;
    CHECK(suggestions == 1); /* not for 政务公开 nor 就业 */
    diag_clear(&d);
}

/* Bug (walked as a staffer): a document's area one character off a catalog area (养老服物) was only "not an area of
 * the catalog (check the spelling…)", with no word of which area was meant; and a guide with the standard 社会救助,
 * in a catalog whose sheet was named 社会求助, was told its right name was wrong.  The error now names the catalog's
 * nearest area, or says to correct the catalog; an area far from all of them keeps the plain message. */
static void test_unknown_area_names_the_nearest(void)
{
    char dir[512], docs[600];
    copy_minimal(dir, sizeof dir, "unknown-area");
    put(dir, "catalog.csv",
        "领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
        "社会求助,最低生活保障,办事指南,条件,依据,时限,主体,政府网站,全社会,主动,县级\n"
        "养老服务,高龄津贴,办事指南,条件,依据,时限,主体,政府网站,全社会,主动,县级\n");
    snprintf(docs, sizeof docs, "%s/docs", dir);
    static const char *const areas[] = {"社会救助", "养老服物", "政务公开"};
    for (size_t i = 0; i < 3; i++) {
        char name[32], text[512];
        snprintf(name, sizeof name, "n%zu.md", i);
        snprintf(text, sizeof text,
                 "---\nid: n-%zu\ntype: notice\ntitle: 通知\npublish_date: 2024-01-01\nissuer: 信丰县人民政府办公室\n"
                 "area: %s\n---\n正文。\n",
                 i, areas[i]);
        put(docs, name, text);
    }
    diag_list_t d = {0};
    CHECK(author_check(dir, NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag(&d, "docs/n0.md:7: area: '社会救助' is not an area of the catalog, which writes it '社会求助': "
                       "correct the area's name in the catalog"));
    CHECK(has_diag(&d, "docs/n1.md:7: area: '养老服物' is not an area of the catalog; should it be 养老服务?"));
    CHECK(has_diag(&d, "docs/n2.md:7: area: '政务公开' is not an area of the catalog (check the spelling"));
    CHECK(d.errors == 3);
    diag_clear(&d);
}

/* Bug (walked as a staffer): interprets, replaced_by and 关联文件 want an id, and a staffer writes what she knows the
 * document by — its 文号, its title, its file's name — and was told only "is not the id of any document in docs/".
 * The error now names the document she meant and its id. */
static void test_link_by_doc_number_title_or_file(void)
{
    char dir[512], docs[600];
    copy_minimal(dir, sizeof dir, "link-names");
    snprintf(docs, sizeof docs, "%s/docs", dir);
    put(docs, "低保办法.md",
        "---\nid: xf-dibao\ntype: policy\ntitle: 信丰县最低生活保障办法\ndoc_number: 信府发〔2024〕1号\n"
        "issuer: 信丰县人民政府\npublish_date: 2024-01-01\nvalidity: 现行有效\n---\n正文。\n");
    put(docs, "j1.md",
        "---\nid: xf-j1\ntype: interpretation\ntitle: 解读一\npublish_date: 2024-01-02\nunit: 县民政局\n"
        "interprets: 信府发〔2024〕1号\n---\n正文。\n");
    put(docs, "j2.md",
        "---\nid: xf-j2\ntype: interpretation\ntitle: 解读二\npublish_date: 2024-01-02\nunit: 县民政局\n"
        "interprets: 信丰县最低生活保障办法\n---\n正文。\n");
    put(docs, "old.md",
        "---\nid: xf-old\ntype: policy\ntitle: 旧办法\nissuer: 信丰县人民政府\npublish_date: 2020-01-01\n"
        "validity: 已废止\nreplaced_by: 低保办法\n---\n正文。\n");
    diag_list_t d = {0};
    CHECK(author_check(dir, NULL, &d) == ZWGK_ERR_INVALID);
    CHECK(has_diag(&d,
                   "docs/j1.md:7: interprets: '信府发〔2024〕1号' is the doc number (文号) of docs/低保办法.md, not "
                   "its id: write xf-dibao"));
    CHECK(has_diag(&d, "docs/j2.md:7: interprets: '信丰县最低生活保障办法' is the title of docs/低保办法.md, not its "
                       "id: write xf-dibao"));
    CHECK(has_diag(&d, "docs/old.md:8: replaced_by: '低保办法' is the file name of docs/低保办法.md, not its id: "
                       "write xf-dibao"));
    CHECK(d.errors == 3);
    diag_clear(&d);
}

int main(void)
{
    if (!mkdtemp(tmp_root)) {
        perror("mkdtemp");
        return 1;
    }
    test_deterministic_build();
    test_demo_is_clean();
    test_glyphs();
    test_invalid_utf8();
    test_build_refuses();
    test_cross_file();
    test_urls();
    test_root_causes_first();
    test_meta();
    test_meta_version_overflow_and_lenient_date();
    test_meta_typed_in_wps();
    test_item_key_collision();
    test_issuer_placeholder();
    test_nearest_area();
    test_unknown_area_names_the_nearest();
    test_link_by_doc_number_title_or_file();
    remove_tree(tmp_root);
    return check_summary("test_author");
}
