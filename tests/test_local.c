/* test_local.c — local.db: settings, the content pointer, history, anonymous statistics and their export.
 *
 * Every test works in a fresh directory under $TMPDIR.  The export is checked for its naming (never overwriting an
 * earlier export: -2, -3 …), its atomicity (no temporary file left, an existing file untouched, nothing written
 * into a directory that cannot take it) and its CSV (quoting, the spreadsheet-formula guard). */
#define _GNU_SOURCE /* nftw */
#include "check.h"
#include "zwgk/config.h"
#include "zwgk/local.h"

#include <dirent.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[256];

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0;
    if (!f)
        return NULL;
    buf = calloc(1, 1 << 16);
    if (buf)
        n = fread(buf, 1, (1 << 16) - 1, f);
    (void)n;
    fclose(f);
    return buf;
}

static local_t *open_fresh(const char *name, char *dir, size_t cap)
{
    char err[256];
    snprintf(dir, cap, "%s/%s", tmp, name);
    local_t *l = local_open(dir, err, sizeof err);
    if (!l)
        fprintf(stderr, "local_open: %s\n", err);
    CHECK(l != NULL);
    return l;
}

static void test_settings_and_pointer(void)
{
    char dir[512], buf[64], path[1024], err[256];
    local_t *l = open_fresh("a", dir, sizeof dir);
    if (!l)
        return;
    CHECK_STR(local_data_dir(l), dir);
    CHECK(local_setting_get(l, "idle", buf, sizeof buf) == ZWGK_ERR_NOT_FOUND && buf[0] == '\0');
    CHECK(local_setting_set(l, "idle", "90") == ZWGK_OK);
    CHECK(local_setting_set(l, "idle", "120") == ZWGK_OK);
    CHECK(local_setting_get(l, "idle", buf, sizeof buf) == ZWGK_OK);
    CHECK_STR(buf, "120");

    local_content_state_t st;
    CHECK(local_content_state(l, &st) == ZWGK_OK && st.current_file[0] == '\0' && st.current_version == 0);
    CHECK(local_content_path(l, path, sizeof path) == ZWGK_ERR_NOT_FOUND);
    CHECK(local_content_swap(l, NULL) == ZWGK_ERR_NOT_FOUND); /* nothing to roll back to */

    local_history_row_t row = {0};
    snprintf(row.action, sizeof row.action, "install");
    snprintf(row.reason, sizeof row.reason, "ok");
    CHECK(local_content_switch(l, "content-1.db", 1, "pub-a", &row) == ZWGK_OK);
    CHECK(local_content_switch(l, "content-2.db", 2, "pub-a", &row) == ZWGK_OK);
    CHECK(local_content_state(l, &st) == ZWGK_OK);
    CHECK_STR(st.current_file, "content-2.db");
    CHECK_STR(st.previous_file, "content-1.db");
    CHECK(st.current_version == 2 && st.previous_version == 1);
    CHECK(local_setting_get(l, "publisher_id", buf, sizeof buf) == ZWGK_OK);
    CHECK_STR(buf, "pub-a");
    CHECK(local_content_switch(l, "content-3.db", 3, "pub-b", NULL) == ZWGK_OK);
    CHECK(local_setting_get(l, "publisher_id", buf, sizeof buf) == ZWGK_OK);
    CHECK_STR(buf, "pub-a"); /* the first one is remembered */
    CHECK(local_content_path(l, path, sizeof path) == ZWGK_OK);
    char want[1024];
    snprintf(want, sizeof want, "%s/content/content-3.db", dir);
    CHECK_STR(path, want);
    CHECK(local_content_swap(l, NULL) == ZWGK_OK);
    CHECK(local_content_state(l, &st) == ZWGK_OK && st.current_version == 2 && st.previous_version == 3);

    /* history: newest first, ids increasing, time filled in */
    for (int i = 0; i < 5; i++) {
        local_history_row_t h = {0};
        snprintf(h.action, sizeof h.action, "refuse");
        snprintf(h.reason, sizeof h.reason, "sig-invalid");
        snprintf(h.package, sizeof h.package, "p%d.db", i);
        h.version = 100 + i;
        CHECK(local_history_add(l, &h) == ZWGK_OK);
    }
    local_history_row_t *rows = NULL;
    size_t n = 0;
    CHECK(local_history_list(l, 3, &rows, &n) == ZWGK_OK && n == 3);
    if (n == 3) {
        CHECK_STR(rows[0].package, "p4.db");
        CHECK(rows[0].version == 104 && rows[0].id > rows[1].id);
        CHECK(strlen(rows[0].time) == 20 && rows[0].time[19] == 'Z');
    }
    free(rows);
    local_close(l);

    /* reopening keeps everything, and it is WAL with synchronous=FULL */
    l = local_open(dir, err, sizeof err);
    CHECK(l && local_content_state(l, &st) == ZWGK_OK && st.current_version == 2);
    local_close(l);
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    snprintf(path, sizeof path, "%s/local.db", dir);
    CHECK(sqlite3_open(path, &db) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(s, 0), "wal");
    sqlite3_finalize(s);
    sqlite3_close(db);

    /* a database that is not a local.db is refused, not taken over */
    char other[512];
    snprintf(other, sizeof other, "%s/other", tmp);
    mkdir(other, 0755);
    snprintf(path, sizeof path, "%s/local.db", other);
    CHECK(sqlite3_open(path, &db) == SQLITE_OK &&
          sqlite3_exec(db, "PRAGMA application_id = 1515669323; CREATE TABLE meta(k)", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    CHECK(local_open(other, err, sizeof err) == NULL);
    CHECK(strstr(err, "not a local database") != NULL);
}

typedef struct collect {
    char text[4096];
} collect_t;

static int collect_row(void *user, const local_stat_t *s)
{
    collect_t *c = user;
    size_t n = strlen(c->text);
    snprintf(c->text + n, sizeof c->text - n, "%s|%s|%lld\n", s->kind, s->key, s->count);
    return 0;
}

static void test_stats(void)
{
    char dir[512];
    local_t *l = open_fresh("b", dir, sizeof dir);
    if (!l)
        return;
    CHECK(local_view_record(l, LOCAL_VIEW_ITEM, "社会救助/最低生活保障/办事指南") == ZWGK_OK);
    CHECK(local_view_record(l, LOCAL_VIEW_ITEM, "社会救助/最低生活保障/办事指南") == ZWGK_OK);
    CHECK(local_view_record(l, LOCAL_VIEW_ITEM, "政务公开/工作方案/年度方案") == ZWGK_OK);
    CHECK(local_view_record(l, LOCAL_VIEW_DOC, "guide-dibao") == ZWGK_OK);
    CHECK(local_view_record(l, LOCAL_VIEW_DOC, "") == ZWGK_ERR_INVALID);
    CHECK(local_view_record(l, (local_view_kind)7, "x") == ZWGK_ERR_INVALID);

    /* unmet searches: normalized; anything that may be a phone or ID number is never stored */
    CHECK(local_search_record_unmet(l, "  低保   怎么 办  ") == ZWGK_OK);
    CHECK(local_search_record_unmet(l, "低保 怎么 办") == ZWGK_OK);
    CHECK(local_search_record_unmet(l, "\xe3\x80\x80低保\t怎么\n办") == ZWGK_OK); /* ideographic space, tab */
    CHECK(local_search_record_unmet(l, "13812345678") == ZWGK_ERR_INVALID);
    CHECK(local_search_record_unmet(l, "身份证360722199001011234") == ZWGK_ERR_INVALID);
    CHECK(local_search_record_unmet(l, "电话１３８１２３４５") == ZWGK_ERR_INVALID); /* full-width digits */
    CHECK(local_search_record_unmet(l, "2024年") == ZWGK_OK);                        /* a year is fine */
    CHECK(local_search_record_unmet(l, "   ") == ZWGK_ERR_INVALID);
    CHECK(local_search_record_unmet(l, "") == ZWGK_ERR_INVALID);
    CHECK(local_search_record_unmet(l, "=HYPERLINK(\"x\",\"y\"),z") == ZWGK_OK);
    char longq[400] = "";
    for (int i = 0; i < 70; i++)
        strcat(longq, "长");
    CHECK(local_search_record_unmet(l, longq) == ZWGK_OK);
    /* the cut must not hide a number that runs past it */
    char cut[400] = "";
    for (int i = 0; i < 62; i++)
        strcat(cut, "字");
    strcat(cut, "13812345678");
    CHECK(local_search_record_unmet(l, cut) == ZWGK_ERR_INVALID);

    /* searches that led to a result (热门搜索): the same normalizing, the same refusal of numbers */
    CHECK(local_search_record_found(l, " ylfw ") == ZWGK_OK);
    CHECK(local_search_record_found(l, "ylfw") == ZWGK_OK);
    CHECK(local_search_record_found(l, "养老") == ZWGK_OK);
    CHECK(local_search_record_found(l, "13812345678") == ZWGK_ERR_INVALID);
    CHECK(local_search_record_found(l, "") == ZWGK_ERR_INVALID);
    /* every committed search, found or not: the same normalizing, the same refusal of numbers */
    CHECK(local_search_record(l, " dibao ") == ZWGK_OK);
    CHECK(local_search_record(l, "dibao") == ZWGK_OK);
    CHECK(local_search_record(l, "电话13812345678") == ZWGK_ERR_INVALID);
    CHECK(local_search_record(l, "  ") == ZWGK_ERR_INVALID);

    CHECK(local_rating_record(l, "", 5) == ZWGK_OK);
    CHECK(local_rating_record(l, "guide-dibao", 1) == ZWGK_OK);
    CHECK(local_rating_record(l, "", 0) == ZWGK_ERR_INVALID);
    CHECK(local_rating_record(l, "", 6) == ZWGK_ERR_INVALID);
    /* reasons are the fixed keys only: free text never reaches local.db */
    CHECK(local_rating_reason_record(l, "guide-dibao", "outdated") == ZWGK_OK);
    CHECK(local_rating_reason_record(l, "guide-dibao", "我叫张三，电话13800000000") == ZWGK_ERR_INVALID);
    CHECK(local_rating_reason_record(l, "guide-dibao", NULL) == ZWGK_ERR_INVALID);

    collect_t c = {""};
    CHECK(local_stats_each(l, collect_row, &c) == ZWGK_OK);
    char longn[400] = "";
    for (int i = 0; i < 64; i++)
        strcat(longn, "长");
    char want[4096];
    snprintf(want, sizeof want,
             "found_search|ylfw|2\nfound_search|养老|1\n"
             "rating|1:guide-dibao|1\nrating|5:|1\nrating_reason|outdated:guide-dibao|1\nsearch|dibao|2\n"
             "unmet_search|低保 怎么 办|3\nunmet_search|2024年|1\nunmet_search|=HYPERLINK(\"x\",\"y\"),z|1\n"
             "unmet_search|%s|1\n"
             "view_doc|guide-dibao|1\n"
             "view_item|社会救助/最低生活保障/办事指南|2\nview_item|政务公开/工作方案/年度方案|1\n",
             longn);
    CHECK_STR(c.text, want);
    local_close(l);
}

static int count_files(const char *dir, int *dotfiles)
{
    DIR *d = opendir(dir);
    int n = 0;
    *dotfiles = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (e->d_name[0] == '.')
            (*dotfiles)++;
        else
            n++;
    }
    if (d)
        closedir(d);
    return n;
}

static void test_export(void)
{
    char dir[512], stick[600], path[1024], want[1024], err[256];
    local_t *l = open_fresh("c", dir, sizeof dir);
    if (!l)
        return;
    snprintf(stick, sizeof stick, "%s/stick", tmp);
    CHECK(mkdir(stick, 0755) == 0);
    CHECK(local_view_record(l, LOCAL_VIEW_DOC, "guide-dibao") == ZWGK_OK);
    CHECK(local_search_record_unmet(l, "=cmd|' /C calc'!A0") == ZWGK_OK);
    CHECK(local_search_record_unmet(l, "低保,\"补贴\"") == ZWGK_OK);
    time_t now = 1730448000; /* 2024-11-01T08:00:00Z: a date in every time zone east of -08:00 */
    struct tm tm;
    char date[16];
    localtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);

    CHECK(local_stats_export(l, "xf-001", stick, now, path, sizeof path, err, sizeof err) == ZWGK_OK);
    snprintf(want, sizeof want, "%s/xf-001-stats-%s.csv", stick, date);
    CHECK_STR(path, want);
    char *first = slurp(path);
    CHECK(first != NULL);
    if (first) {
        CHECK(!strncmp(first, "kiosk,exported,kind,key,count,last\n", 35));
        CHECK(strstr(first, "xf-001,2024-11-01T08:00:00Z,view_doc,guide-dibao,1,") != NULL);
        CHECK(strstr(first, ",unmet_search,\"'=cmd|' /C calc'!A0\",1,") != NULL); /* formula guard */
        CHECK(strstr(first, ",unmet_search,\"低保,\"\"补贴\"\"\",1,") != NULL);   /* RFC 4180 quoting */
    }

    /* a second export the same day never overwrites the first; an unrelated file of the next name is kept too */
    CHECK(local_view_record(l, LOCAL_VIEW_DOC, "guide-dibao") == ZWGK_OK);
    CHECK(local_stats_export(l, "xf-001", stick, now, path, sizeof path, err, sizeof err) == ZWGK_OK);
    snprintf(want, sizeof want, "%s/xf-001-stats-%s-2.csv", stick, date);
    CHECK_STR(path, want);
    snprintf(want, sizeof want, "%s/xf-001-stats-%s-3.csv", stick, date);
    FILE *f = fopen(want, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("precious", f);
        fclose(f);
    }
    CHECK(local_stats_export(l, "xf-001", stick, now, path, sizeof path, err, sizeof err) == ZWGK_OK);
    snprintf(want, sizeof want, "%s/xf-001-stats-%s-4.csv", stick, date);
    CHECK_STR(path, want);
    snprintf(want, sizeof want, "%s/xf-001-stats-%s.csv", stick, date);
    char *again = slurp(want);
    CHECK(first && again && !strcmp(first, again));
    free(again);
    snprintf(want, sizeof want, "%s/xf-001-stats-%s-3.csv", stick, date);
    again = slurp(want);
    CHECK(again && !strcmp(again, "precious"));
    free(again);
    free(first);
    int dots = 0;
    CHECK(count_files(stick, &dots) == 4 && dots == 0); /* no temporary file left */

    /* a kiosk id that could escape the folder is made safe */
    CHECK(local_stats_export(l, "../evil", stick, now, path, sizeof path, err, sizeof err) == ZWGK_OK);
    CHECK(strstr(path, "/_._evil-stats-") != NULL);
    CHECK(count_files(stick, &dots) == 5 && dots == 0);

    /* a folder that is not there: a clear error, nothing written anywhere */
    snprintf(want, sizeof want, "%s/gone", tmp);
    CHECK(local_stats_export(l, "xf-001", want, now, path, sizeof path, err, sizeof err) == ZWGK_ERR_IO);
    CHECK(strstr(err, "gone") != NULL);
    CHECK(access(want, F_OK) != 0);
    local_close(l);
}

static void test_two_connections(void)
{
    char dir[512], err[256];
    local_t *a = open_fresh("d", dir, sizeof dir);
    local_t *b = local_open(dir, err, sizeof err);
    CHECK(a && b);
    if (!a || !b) {
        local_close(a);
        local_close(b);
        return;
    }
    /* the UI counts views while the installer switches: both land */
    for (int i = 0; i < 10; i++) {
        CHECK(local_view_record(a, LOCAL_VIEW_DOC, "d") == ZWGK_OK);
        CHECK(local_content_switch(b, "content-1.db", 1, "p", NULL) == ZWGK_OK);
    }
    collect_t c = {""};
    CHECK(local_stats_each(b, collect_row, &c) == ZWGK_OK);
    CHECK_STR(c.text, "view_doc|d|10\n");
    local_close(a);
    local_close(b);
}

/* 朗读's keys: tts_command keeps its arguments and quotes for the speech module; volume is bounded. */
static void test_config_speech(void)
{
    char path[600], err[512];
    snprintf(path, sizeof path, "%s/kiosk.conf", tmp);
    config_t c;
    config_defaults(&c);
    CHECK(c.volume == 80 && c.tts_command[0] == 0);
    FILE *f = fopen(path, "w");
    fprintf(f, "volume = 35\ntts_command = /opt/tts/say --voice \"female 2\"\n");
    fclose(f);
    CHECK(config_load(&c, path, err, sizeof err) == ZWGK_OK);
    CHECK(c.volume == 35);
    CHECK_STR(c.tts_command, "/opt/tts/say --voice \"female 2\"");
    f = fopen(path, "w");
    fprintf(f, "volume = 101\n");
    fclose(f);
    CHECK(config_load(&c, path, err, sizeof err) == ZWGK_ERR_INVALID && strstr(err, ":1: volume"));
    CHECK(c.volume == 35);
}

int main(void)
{
    snprintf(tmp, sizeof tmp, "%s/zwgk-test-local-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    CHECK(mkdtemp(tmp) != NULL);
    test_settings_and_pointer();
    test_stats();
    test_export();
    test_two_connections();
    test_config_speech();
    nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    return check_summary("test_local");
}
