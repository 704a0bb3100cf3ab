/* test_print.c — the printed page without CUPS: what is on the page, read back from the PDF as a person would.
 *
 * Every demo guide's 明白纸 is rendered (from the demo content database the build makes) and read back with
 * pdftotext (poppler-utils): one page, every material, every step title, the contact fields; its QR codes are
 * rasterised with pdftoppm and decoded with zbarimg to the database's URLs.  The printed lines keep the Chinese rules
 * (no line starts with closing punctuation), as the kiosk's do.  A guide too long for a page (hostile sizes) is still
 * one page, keeps a clean prefix of whole items and says 完整内容请扫码查看.  Also the 申请表, a policy's first page,
 * roll paper, and the Chinese for CUPS's state reasons. */
#include "check.h"
#include "zwgk/content.h"
#include "zwgk/print.h"
#include "zwgk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[256];

static bool write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f)
        ok = fclose(f) == 0 && ok;
    return ok;
}

/* Runs cmd and returns its standard output (malloc'ed, NUL-terminated), or NULL. */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t n = 0, cap = 65536;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n - 1, p)) > 0;) {
        n += got;
        if (cap - n < 4096) {
            char *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                buf = NULL;
            }
            buf = b;
        }
    }
    if (pclose(p) != 0 || !buf) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

/* The page's text as pdftotext reads it (one output line per printed line), or NULL. */
static char *page_text(const print_page_t *pg, const char *name)
{
    char path[512], cmd[1024];
    snprintf(path, sizeof path, "%s/%s.pdf", tmpdir, name);
    if (!write_file(path, pg->pdf, pg->len))
        return NULL;
    snprintf(cmd, sizeof cmd, "pdftotext -q '%s' -", path);
    return run(cmd);
}

static int page_count(const print_page_t *pg, const char *name)
{
    char path[512], cmd[1024];
    snprintf(path, sizeof path, "%s/%s.pdf", tmpdir, name);
    write_file(path, pg->pdf, pg->len);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Pages: *//p'", path);
    char *out = run(cmd);
    int n = out ? atoi(out) : -1;
    free(out);
    return n;
}

/* Every QR code on the page, one decoded text a line (zbarimg), or NULL. */
static char *page_qr(const print_page_t *pg, const char *name)
{
    char path[512], cmd[2048];
    snprintf(path, sizeof path, "%s/%s.pdf", tmpdir, name);
    write_file(path, pg->pdf, pg->len);
    snprintf(cmd, sizeof cmd,
             "pdftoppm -r 150 -gray -png '%s' '%s/%s' && zbarimg -q --raw -Sdisable -Sqrcode.enable '%s/%s'-1.png "
             "2>/dev/null",
             path, tmpdir, name, tmpdir, name);
    return run(cmd);
}

/* Text with the line breaks pdftotext keeps removed: an item wrapped over two lines is found whole. */
static char *joined(const char *text)
{
    char *j = strdup(text);
    size_t o = 0;
    for (size_t i = 0; j && text[i]; i++)
        if (text[i] != '\n')
            j[o++] = text[i];
    if (j)
        j[o] = '\0';
    return j;
}

static void check_lines_keep_rules(const char *text)
{
    int bad = 0;
    for (const char *l = text; *l;) {
        const char *e = strchr(l, '\n');
        size_t n = e ? (size_t)(e - l) : strlen(l);
        if (n && text_line_breaks_rules(l, n)) {
            fprintf(stderr, "  line breaks the Chinese rules: %.*s\n", (int)n, l);
            bad++;
        }
        l += n + (e != NULL);
    }
    CHECK(bad == 0);
}

static void test_guides(content_t *c)
{
    static const char *const guides[] = {"guide-dibao", "guide-gaoling", "guide-ruxue", "guide-yishenqing"};
    for (size_t g = 0; g < sizeof guides / sizeof guides[0]; g++) {
        content_doc_t d;
        long long id = content_doc_find(c, guides[g]);
        CHECK(id > 0);
        if (!id || content_doc_get(c, id, &d) != ZWGK_OK)
            continue;
        CHECK(print_kinds(&d) & (1u << PRINT_GUIDE));
        print_options_t o;
        print_options_default(&o);
        o.date = "2024年11月1日";
        o.content_version = 20241101;
        o.know_url = "https://www.xinfeng.example/zwgk/policy";
        print_page_t pg;
        char err[256];
        CHECK(print_render(&d, PRINT_GUIDE, &o, &pg, err, sizeof err) == ZWGK_OK);
        CHECK(pg.len > 1000 && !memcmp(pg.pdf, "%PDF-", 5));
        CHECK(!pg.truncated); /* the demo guides fit one page */
        CHECK(pg.body_pt >= 9.0 && pg.body_pt <= 13.5);
        CHECK(pg.width_mm > 209 && pg.width_mm < 211 && pg.height_mm > 296 && pg.height_mm < 298);
        CHECK(page_count(&pg, guides[g]) == 1);
        char *text = page_text(&pg, guides[g]);
        char *all = text ? joined(text) : NULL;
        CHECK(all != NULL);
        if (all) {
            CHECK(strstr(all, d.s.title) != NULL);
            for (size_t i = 0; i < d.nmaterials; i++)
                if (!strstr(all, d.materials[i].name)) {
                    fprintf(stderr, "  %s: material missing on paper: %s\n", guides[g], d.materials[i].name);
                    CHECK(false);
                }
            for (size_t i = 0; i < d.nsteps; i++)
                CHECK(strstr(all, d.steps[i].title) != NULL);
            CHECK(strstr(all, "受理条件") && strstr(all, "所需材料") && strstr(all, "办理流程"));
            CHECK(strstr(all, "办理地点") && strstr(all, "办公时间") && strstr(all, "咨询电话") &&
                  strstr(all, "监督投诉电话"));
            CHECK(!d.phone || strstr(all, d.phone));
            CHECK(strstr(all, "打印日期：2024年11月1日") && strstr(all, "内容版本：20241101"));
            CHECK(strstr(all, "码上办") && strstr(all, "码上知"));
            CHECK(!strstr(all, "完整内容请扫码查看"));
            check_lines_keep_rules(text);
        }
        char *qr = page_qr(&pg, guides[g]);
        CHECK(qr != NULL);
        if (qr) {
            CHECK(d.service_url && strstr(qr, d.service_url));
            CHECK(strstr(qr, "https://www.xinfeng.example/zwgk/policy") != NULL);
        }
        /* roll paper: 80 mm wide, as long as its content, the same text */
        o.media = PRINT_MEDIA_ROLL80;
        print_page_t roll;
        CHECK(print_render(&d, PRINT_GUIDE, &o, &roll, err, sizeof err) == ZWGK_OK);
        CHECK(roll.width_mm > 79 && roll.width_mm < 81 && roll.height_mm > 150 && !roll.truncated);
        char name[64];
        snprintf(name, sizeof name, "%s-roll", guides[g]);
        char *rt = page_text(&roll, name);
        char *rall = rt ? joined(rt) : NULL;
        for (size_t i = 0; rall && i < d.nmaterials; i++)
            CHECK(strstr(rall, d.materials[i].name) != NULL);
        free(rt);
        free(rall);
        print_page_free(&roll);
        free(qr);
        free(text);
        free(all);
        print_page_free(&pg);
        content_doc_free(&d);
    }
}

static void test_form_and_policy(content_t *c)
{
    content_doc_t d;
    char err[256];
    print_options_t o;
    print_options_default(&o);
    long long id = content_doc_find(c, "guide-yishenqing");
    if (id && content_doc_get(c, id, &d) == ZWGK_OK) {
        CHECK(print_kinds(&d) & (1u << PRINT_FORM));
        print_page_t pg;
        CHECK(print_render(&d, PRINT_FORM, &o, &pg, err, sizeof err) == ZWGK_OK);
        CHECK(page_count(&pg, "form") == 1);
        char *t = page_text(&pg, "form");
        char *all = t ? joined(t) : NULL;
        CHECK(all && strstr(all, "政府信息公开申请表"));
        static const char *const fields[] = {"姓",
                                             "证件号码",
                                             "联系电话",
                                             "通信地址",
                                             "统一社会信用代码",
                                             "受理机关名称",
                                             "所需信息的名称、文号或者有助于查找的说明",
                                             "申请人签名或者盖章",
                                             "申请日期",
                                             "纸质",
                                             "邮寄",
                                             "当面领取"};
        for (size_t i = 0; all && i < sizeof fields / sizeof fields[0]; i++)
            CHECK(strstr(all, fields[i]) != NULL);
        /* a two-line label never ends in one character alone: it was 法定代表人或者负责 / 人 in its 36 mm cell */
        CHECK(t && strstr(t, "\n法定代表人\n或者负责人\n"));
        char *qr = page_qr(&pg, "form");
        CHECK(qr && d.service_url && strstr(qr, d.service_url));
        free(qr);
        free(t);
        free(all);
        print_page_free(&pg);
        content_doc_free(&d);
    } else
        CHECK(false);
    /* a guide without the form among its materials has no form to print */
    id = content_doc_find(c, "guide-dibao");
    if (id && content_doc_get(c, id, &d) == ZWGK_OK) {
        CHECK(!(print_kinds(&d) & (1u << PRINT_FORM)));
        print_page_t pg;
        CHECK(print_render(&d, PRINT_FORM, &o, &pg, err, sizeof err) == ZWGK_ERR_INVALID);
        CHECK(pg.pdf == NULL);
        content_doc_free(&d);
    }
    id = content_doc_find(c, "xf-dibao-policy");
    if (id && content_doc_get(c, id, &d) == ZWGK_OK) {
        CHECK(print_kinds(&d) == 1u << PRINT_POLICY);
        print_page_t pg;
        CHECK(print_render(&d, PRINT_POLICY, &o, &pg, err, sizeof err) == ZWGK_OK);
        CHECK(page_count(&pg, "policy") == 1);
        CHECK(pg.truncated); /* a whole policy is longer than a page */
        char *t = page_text(&pg, "policy");
        char *all = t ? joined(t) : NULL;
        CHECK(all && strstr(all, d.s.title) && strstr(all, "完整内容请扫码查看"));
        CHECK(all && d.s.doc_number && strstr(all, d.s.doc_number));
        if (t)
            check_lines_keep_rules(t);
        char *qr = page_qr(&pg, "policy");
        CHECK(qr && d.url && strstr(qr, d.url));
        free(qr);
        free(t);
        free(all);
        print_page_free(&pg);
        content_doc_free(&d);
    } else
        CHECK(false);
}

/* Every word's box on the page, from pdftotext -bbox: true when all lie inside the page (nothing drawn past an edge:
 * a clipped line would be half outside). */
static bool words_inside(const print_page_t *pg, const char *name, int *nwords)
{
    char path[512], cmd[1024];
    snprintf(path, sizeof path, "%s/%s.pdf", tmpdir, name);
    write_file(path, pg->pdf, pg->len);
    snprintf(cmd, sizeof cmd, "pdftotext -q -bbox '%s' -", path);
    char *out = run(cmd);
    bool ok = out != NULL;
    double pw = pg->width_mm * 72 / 25.4, ph = pg->height_mm * 72 / 25.4;
    *nwords = 0;
    for (const char *p = out ? strstr(out, "<word ") : NULL; p; p = strstr(p + 1, "<word ")) {
        double x0, y0, x1, y1;
        if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1, &y1) != 4)
            continue;
        (*nwords)++;
        if (x0 < 0 || y0 < 0 || x1 > pw + 0.5 || y1 > ph + 0.5) {
            fprintf(stderr, "  %s: a word outside the page: %.1f %.1f %.1f %.1f\n", name, x0, y0, x1, y1);
            ok = false;
        }
    }
    free(out);
    return ok;
}

/* A guide of hostile sizes: 200 materials, a 20 KB condition.  Still one page, a prefix of whole items, the note. */
static void test_too_long(void)
{
    static content_material_t mats[200];
    static char names[200][64];
    static content_step_t steps[80];
    for (int i = 0; i < 200; i++) {
        snprintf(names[i], sizeof names[i], "第%d号证明材料的名称很长很长", i + 1);
        mats[i] = (content_material_t){names[i], "原件", "核对后退还", 1};
    }
    for (int i = 0; i < 80; i++)
        steps[i] = (content_step_t){"步骤", "在窗口办理。", NULL, NULL};
    char *cond = malloc(20001);
    for (int i = 0; i < 20000; i += 3)
        memcpy(cond + i, "条", 3);
    cond[19998] = '\0';
    content_doc_t d = {0};
    d.s.type = DOC_GUIDE;
    d.s.key = "guide-huge";
    d.s.title = "一份很长的办事指南";
    d.conditions = "短条件";
    d.materials = mats;
    d.nmaterials = 200;
    d.steps = steps;
    d.nsteps = 80;
    d.service_url = "https://zwfw.xinfeng.example/bs/huge";
    d.place = "政务服务中心";
    print_options_t o;
    print_options_default(&o);
    print_page_t pg;
    char err[256];
    CHECK(print_render(&d, PRINT_GUIDE, &o, &pg, err, sizeof err) == ZWGK_OK);
    CHECK(pg.truncated && pg.items_shown > 5 && pg.items_shown < pg.items);
    CHECK(pg.body_pt == 9.0); /* shrunk to the readable minimum, no further */
    CHECK(page_count(&pg, "huge") == 1);
    char *t = page_text(&pg, "huge");
    char *all = t ? joined(t) : NULL;
    CHECK(all && strstr(all, "完整内容请扫码查看"));
    /* whole items only: the materials on paper are 1..k, each complete, and none after k */
    int k = 0;
    for (int i = 0; all && i < 200; i++) {
        char want[128];
        snprintf(want, sizeof want, "%.63s（原件 1份）：核对后退还", names[i]); /* %.63s: a name is < 64 bytes */
        if (strstr(all, want))
            k = i + 1;
        else
            break;
    }
    CHECK(k > 5);
    char after[64];
    snprintf(after, sizeof after, "第%d号证明材料", k + 1);
    CHECK(all && !strstr(all, after));
    CHECK(all && strstr(all, "办理地点") && strstr(all, "码上办")); /* the foot is always there */
    int words = 0;
    CHECK(words_inside(&pg, "huge", &words) && words > 50); /* never a clipped line */
    char *qr = page_qr(&pg, "huge");
    CHECK(qr && strstr(qr, "https://zwfw.xinfeng.example/bs/huge"));
    free(qr);
    free(t);
    free(all);
    print_page_free(&pg);

    d.conditions = cond; /* 6,666 characters of conditions: the page is the title, the note and the foot */
    CHECK(print_render(&d, PRINT_GUIDE, &o, &pg, err, sizeof err) == ZWGK_OK);
    CHECK(pg.truncated && page_count(&pg, "huge2") == 1);
    print_page_free(&pg);
    free(cond);
}

/* A hostile guide: a 100 KB title and a 50 KB 办理地点.  The title stops at three lines with …, the foot stays on the
 * page with its QR code, and no word is outside the page. */
static void test_hostile_fields(void)
{
    size_t n = 100000;
    char *title = malloc(n + 1), *place = malloc(n / 2 + 1);
    for (size_t i = 0; i + 3 <= n; i += 3)
        memcpy(title + i, "题", 3);
    title[n - n % 3] = '\0';
    for (size_t i = 0; i + 3 <= n / 2; i += 3)
        memcpy(place + i, "地", 3);
    place[n / 2 - (n / 2) % 3] = '\0';
    static content_material_t mat[1] = {{"身份证", "原件", NULL, 1}};
    content_doc_t d = {0};
    d.s.type = DOC_GUIDE;
    d.s.key = "guide-hostile";
    d.s.title = title;
    d.place = place;
    d.materials = mat;
    d.nmaterials = 1;
    d.service_url = "https://zwfw.xinfeng.example/bs/hostile";
    print_options_t o;
    print_options_default(&o);
    print_page_t pg;
    char err[256];
    CHECK(print_render(&d, PRINT_GUIDE, &o, &pg, err, sizeof err) == ZWGK_OK);
    CHECK(page_count(&pg, "hostile") == 1);
    CHECK(pg.len < 2000000); /* not 100 KB of title drawn off the page */
    int words = 0;
    CHECK(words_inside(&pg, "hostile", &words) && words > 10);
    char *t = page_text(&pg, "hostile");
    CHECK(t && strstr(t, "…"));
    char *qr = page_qr(&pg, "hostile");
    CHECK(qr && strstr(qr, "https://zwfw.xinfeng.example/bs/hostile"));
    free(qr);
    free(t);
    print_page_free(&pg);
    d.s.type = DOC_POLICY; /* a policy's first page with the same title */
    d.url = "https://zwgk.xinfeng.example/hostile";
    CHECK(print_render(&d, PRINT_POLICY, &o, &pg, err, sizeof err) == ZWGK_OK);
    CHECK(page_count(&pg, "hostile-policy") == 1 && words_inside(&pg, "hostile-policy", &words));
    print_page_free(&pg);
    free(title);
    free(place);
}

static void test_errors(void)
{
    content_doc_t notice = {0};
    notice.s.type = DOC_NOTICE;
    print_options_t o;
    print_options_default(&o);
    print_page_t pg;
    char err[256] = "";
    CHECK(print_kinds(&notice) == 0);
    CHECK(print_render(&notice, PRINT_GUIDE, &o, &pg, err, sizeof err) == ZWGK_ERR_INVALID && err[0]);
    content_doc_t g = {0};
    g.s.type = DOC_GUIDE;
    g.s.title = "无字体";
    o.font_regular = o.font_bold = "/nonexistent/font.ttc";
    CHECK(print_render(&g, PRINT_GUIDE, &o, &pg, err, sizeof err) == ZWGK_ERR_IO && strstr(err, "/nonexistent"));
    CHECK(pg.pdf == NULL);
    print_page_free(&pg);
    print_page_free(NULL);
}

static void test_reasons(void)
{
    CHECK_STR(print_reason_zh("media-empty-error"), "打印机缺纸");
    CHECK_STR(print_reason_zh("media-empty"), "打印机缺纸");
    CHECK_STR(print_reason_zh("offline-report"), "打印机离线（没有连通）");
    CHECK_STR(print_reason_zh("media-jam-error"), "打印机卡纸");
    CHECK_STR(print_reason_zh("paused"), "打印机已暂停使用");
    CHECK_STR(print_reason_zh("cover-open-warning"), "打印机的盖子没有盖好");
    CHECK(print_reason_zh("none") == NULL);
    CHECK(print_reason_zh("com.vendor-thing-report") == NULL);
    CHECK(print_reason_zh(NULL) == NULL);
    content_doc_t d = {0};
    d.s.key = "guide-dibao";
    char t[64];
    print_job_title(&d, PRINT_GUIDE, t, sizeof t);
    CHECK_STR(t, "明白纸-guide-dibao.pdf");
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/zwgk-test-print-XXXXXX");
    if (!mkdtemp(tmpdir))
        return 1;
    if (system("command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null && command -v zbarimg >/dev/null")) {
        fprintf(stderr, "test_print: needs poppler-utils and zbar-tools (bash .ci/setup.sh test installs them)\n");
        return 77;
    }
    const char *build = getenv("ZWGK_BUILD");
    char db[1024], err[512];
    snprintf(db, sizeof db, "%s/demo.db", build ? build : "../build");
    content_t *c = content_open(db, err, sizeof err);
    CHECK(c != NULL);
    if (c) {
        test_guides(c);
        test_form_and_policy(c);
        content_close(c);
    }
    test_too_long();
    test_hostile_fields();
    test_errors();
    test_reasons();
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "test_print: could not remove %s\n", tmpdir);
    return check_summary("test_print");
}
