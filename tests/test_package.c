/* test_package.c — minisign parsing and verification, every refusal of a package, atomic install, detection.
 *
 * Signatures are checked against fixtures made by Debian's minisign 0.11 (a throw-away test key): ours must verify
 * them, and signing the same message with the same key and comment must give the very same bytes (Ed25519 is
 * deterministic), which is what "byte-compatible with minisign" means.  Packages are built from ../assets/demo with
 * author_build (the working directory is tests/) and varied with SQL.  After every refusal the test reopens the
 * kiosk's current content and checks it is still the old version. */
#define _GNU_SOURCE /* nftw */
#include "check.h"
#include "package_fixture.h"
#include "test_locale.h"
#include "zwgk/author.h"
#include "zwgk/i18n.h"
#include "zwgk/local.h"
#include "zwgk/minisign.h"
#include "zwgk/package.h"

#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- fixtures from `minisign -G -W`, `minisign -Sm fx.txt -t "fixture comment" -c fixture` and `-S -l` ---- */
static const char fx_message[] = "zwgk minisign fixture\n";
static const char fx_seckey[] =
    "untrusted comment: minisign encrypted secret key\n"
    "RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAATiv17t/X5ovfCAYeDiclqbba9uNert+a/28h8JGpF5"
    "YgDVlMY4Ob6IdlQbgfk121iX/jFiTzNdffA9cfg8iZPuWcHOSOdg6IAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
static const char fx_pubkey[] = "untrusted comment: minisign public key 8BE6D7DFEEF52B4E\n"
                                "RWROK/Xu39fmi4dlQbgfk121iX/jFiTzNdffA9cfg8iZPuWcHOSOdg6I\n";
static const char fx_sig[] =
    "untrusted comment: fixture\n"
    "RUROK/Xu39fmi4wrKSDdrkUVwpl8KotqmBTH1VN7IC/zEL2rI52slYzRBC8rvmSO3vt6x4xOiATkLcDM4ulGgXHERJjgsqHEaQM=\n"
    "trusted comment: fixture comment\n"
    "V6yCsbrC6Odbi30ut4lCgZv6U6clHfos5+7fNsDbeC+B9y/ipgvvONC7UoMEwUOZyB1dCppFatmED7KiHRz3Cw==\n";
static const char fx_sig_legacy[] =
    "untrusted comment: fixture\n"
    "RWROK/Xu39fmi64ZRspo/tYyPiHo6fVffGCpZOLwsPfyl2hhaKJ7h6PWFpDZUger7SQLgmJV6nusOm7CfWx8Ldp1ANLDAGUYxQw=\n"
    "trusted comment: fixture legacy\n"
    "XOd3k0AlBVgLjf1L3peNU2L1WqCnHJlUgHPlamPICLR9U6reDW8xutD6gTKCzU+71nuD2RpZoeUj7F+zZrdaAw==\n";

/* text with every LF turned into CRLF; malloc'ed */
static char *crlf(const char *s)
{
    char *out = malloc(2 * strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (*s == '\n')
            *o++ = '\r';
        *o++ = *s;
    }
    *o = '\0';
    return out;
}

static void test_minisign_fixtures(void)
{
    minisign_pubkey_t pk, pk2;
    minisign_seckey_t sk;
    minisign_sig_t sig, legacy, mine;
    char err[256], id[MINISIGN_KEYID_LEN], line[MINISIGN_PUBKEY_TEXT_MAX];
    const unsigned char *msg = (const unsigned char *)fx_message;
    size_t len = strlen(fx_message);

    CHECK(minisign_pubkey_parse(fx_pubkey, strlen(fx_pubkey), &pk, err, sizeof err) == ZWGK_OK);
    minisign_keyid(pk.keynum, id);
    CHECK_STR(id, "8BE6D7DFEEF52B4E");
    minisign_pubkey_format(&pk, 1, line); /* the bare line, as kiosk.conf holds it */
    CHECK_STR(line, "RWROK/Xu39fmi4dlQbgfk121iX/jFiTzNdffA9cfg8iZPuWcHOSOdg6I");
    CHECK(minisign_pubkey_parse(line, strlen(line), &pk2, err, sizeof err) == ZWGK_OK);
    CHECK(memcmp(&pk, &pk2, sizeof pk) == 0);
    minisign_pubkey_format(&pk, 0, line);
    CHECK_STR(line, fx_pubkey);

    CHECK(minisign_sig_parse(fx_sig, strlen(fx_sig), &sig, err, sizeof err) == ZWGK_OK);
    CHECK(sig.prehashed == 1);
    CHECK_STR(sig.trusted_comment, "fixture comment");
    CHECK(minisign_key_find(&sig, &pk, 1) == &pk);
    CHECK(minisign_verify_comment(&sig, &pk) == ZWGK_OK);
    CHECK(minisign_verify_message(&sig, &pk, msg, len) == ZWGK_OK);
    CHECK(minisign_verify_message(&sig, &pk, msg, len - 1) == ZWGK_ERR_SIGNATURE);

    CHECK(minisign_sig_parse(fx_sig_legacy, strlen(fx_sig_legacy), &legacy, err, sizeof err) == ZWGK_OK);
    CHECK(legacy.prehashed == 0);
    CHECK(minisign_verify_comment(&legacy, &pk) == ZWGK_OK);
    CHECK(minisign_verify_message(&legacy, &pk, msg, len) == ZWGK_OK);
    CHECK(minisign_verify_message(&legacy, &pk, (const unsigned char *)"x", 1) == ZWGK_ERR_SIGNATURE);

    /* CRLF everywhere */
    char *s = crlf(fx_sig), *p = crlf(fx_pubkey), *k = crlf(fx_seckey);
    CHECK(minisign_sig_parse(s, strlen(s), &mine, err, sizeof err) == ZWGK_OK);
    CHECK_STR(mine.trusted_comment, "fixture comment");
    CHECK(minisign_verify_comment(&mine, &pk) == ZWGK_OK);
    CHECK(minisign_pubkey_parse(p, strlen(p), &pk2, err, sizeof err) == ZWGK_OK && !memcmp(&pk, &pk2, sizeof pk));
    CHECK(minisign_seckey_parse(k, strlen(k), &sk, err, sizeof err) == ZWGK_OK);
    char bom[1024];
    snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", s); /* saved by Notepad */
    CHECK(minisign_sig_parse(bom, strlen(bom), &mine, err, sizeof err) == ZWGK_OK);
    CHECK(minisign_verify_message(&mine, &pk, msg, len) == ZWGK_OK);
    free(s);
    free(p);
    free(k);

    /* our signature of the same message with the same key and comment is minisign's, byte for byte */
    CHECK(minisign_seckey_parse(fx_seckey, strlen(fx_seckey), &sk, err, sizeof err) == ZWGK_OK);
    unsigned char hash[MINISIGN_HASH_BYTES];
    crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
    CHECK(minisign_sign_hash(&sk, hash, "fixture comment", &mine) == ZWGK_OK);
    char *text = minisign_sig_format(&mine, "fixture");
    CHECK_STR(text, fx_sig);
    free(text);
    CHECK(minisign_sign_legacy(&sk, msg, len, "fixture legacy", &mine) == ZWGK_OK);
    text = minisign_sig_format(&mine, "fixture");
    CHECK_STR(text, fx_sig_legacy);
    free(text);

    /* our secret key file reads back; minisign -W's zero checksum and ours are both accepted, a wrong one is not */
    char sec[MINISIGN_SECKEY_TEXT_MAX];
    minisign_seckey_t sk2;
    minisign_seckey_format(&sk, sec);
    CHECK(!strncmp(sec, "untrusted comment: ", 19));
    CHECK(minisign_seckey_parse(sec, strlen(sec), &sk2, err, sizeof err) == ZWGK_OK && !memcmp(&sk, &sk2, sizeof sk));
    char *tail = strrchr(sec, '=') ? strrchr(sec, '=') - 3 : NULL; /* inside the checksum */
    if (tail) {
        *tail = *tail == 'A' ? 'B' : 'A';
        CHECK(minisign_seckey_parse(sec, strlen(sec), &sk2, err, sizeof err) == ZWGK_ERR_FORMAT);
    }
}

static void test_minisign_garbled(void)
{
    minisign_sig_t sig;
    minisign_pubkey_t pk;
    minisign_seckey_t sk;
    char err[256];
    const char *bad[] = {
        "",
        "hello\n",
        "untrusted comment: x\n",
        "untrusted comment: x\nnot base64!\ntrusted comment: y\nAAAA\n",
        /* valid lines but no trusted comment prefix */
        "untrusted comment: x\n"
        "RUROK/Xu39fmi4wrKSDdrkUVwpl8KotqmBTH1VN7IC/zEL2rI52slYzRBC8rvmSO3vt6x4xOiATkLcDM4ulGgXHERJjgsqHEaQM=\n"
        "comment: fixture comment\n"
        "V6yCsbrC6Odbi30ut4lCgZv6U6clHfos5+7fNsDbeC+B9y/ipgvvONC7UoMEwUOZyB1dCppFatmED7KiHRz3Cw==\n",
        /* the global signature cut short */
        "untrusted comment: x\n"
        "RUROK/Xu39fmi4wrKSDdrkUVwpl8KotqmBTH1VN7IC/zEL2rI52slYzRBC8rvmSO3vt6x4xOiATkLcDM4ulGgXHERJjgsqHEaQM=\n"
        "trusted comment: fixture comment\n"
        "V6yCsbrC6Odbi30ut4lCgZv6U6clHfos5+7fNsDbeC+B9y/ipgvvONC7UoMEwUOZyB1dCppFatmED7KiHRz3C\n",
        /* unknown algorithm "EX" */
        "untrusted comment: x\n"
        "RVhOK/Xu39fmi4wrKSDdrkUVwpl8KotqmBTH1VN7IC/zEL2rI52slYzRBC8rvmSO3vt6x4xOiATkLcDM4ulGgXHERJjgsqHEaQM=\n"
        "trusted comment: fixture comment\n"
        "V6yCsbrC6Odbi30ut4lCgZv6U6clHfos5+7fNsDbeC+B9y/ipgvvONC7UoMEwUOZyB1dCppFatmED7KiHRz3Cw==\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(minisign_sig_parse(bad[i], strlen(bad[i]), &sig, err, sizeof err) == ZWGK_ERR_FORMAT);
    CHECK(minisign_pubkey_parse("RWRO", 4, &pk, err, sizeof err) == ZWGK_ERR_FORMAT);
    CHECK(minisign_pubkey_parse("", 0, &pk, err, sizeof err) == ZWGK_ERR_FORMAT);
    /* an encrypted secret key (kdf "Sc") is refused with a way out */
    unsigned char raw[158] = {'E', 'd', 'S', 'c', 'B', '2'};
    char b64[300], text[400];
    sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
    snprintf(text, sizeof text, "untrusted comment: x\n%s\n", b64);
    CHECK(minisign_seckey_parse(text, strlen(text), &sk, err, sizeof err) == ZWGK_ERR_UNSUPPORTED);
    CHECK(strstr(err, "minisign -C") != NULL);
}

/* ---- packages ---- */

static char tmp[256];
static minisign_pubkey_t pk_trusted, pk_other;
static minisign_seckey_t sk_trusted, sk_other;

#define V1 2024110101LL
#define V2 2024120101LL

static void path_of(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", tmp, name);
}

static int sql(const char *path, const char *statements)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open(path, &db) == SQLITE_OK && sqlite3_exec(db, statements, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    return rc ? 0 : -1;
}

/* The root page number of a table. */
static long root_page(const char *path, const char *table)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    long page = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_schema WHERE name = ?1", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            page = sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return page;
}

/* A package NAME.db copied from the v1 build, changed by statements, signed as style (version and publisher for
 * the comment are given). */
static void make_pkg(const char *name, const char *statements, enum sign_style style, long long version,
                     const char *publisher, char *out, size_t cap)
{
    char v1[512];
    path_of(v1, sizeof v1, "v1.db");
    path_of(out, cap, name);
    CHECK(copy_file(v1, out) == 0);
    if (statements)
        CHECK(sql(out, statements) == 0);
    sign_as(out, &sk_trusted, style, publisher, version, NULL);
}

static package_options_t options(void)
{
    package_options_t o = {&pk_trusted, 1, NULL, 64LL << 20, 0, NULL, NULL};
    return o;
}

static int refusals; /* expect_refusal calls: each is one history row */

/* Installs pkg and checks the refusal reason and that the old content (version old) is still current. */
static void expect_refusal(const char *pkg, const package_options_t *opt, package_reason_t want, long long old)
{
    char data[512];
    package_result_t res;
    path_of(data, sizeof data, "data");
    zwgk_result r = package_install(pkg, data, opt, &res);
    refusals++;
    CHECK(r != ZWGK_OK);
    CHECK(res.reason == want);
    if (res.reason != want)
        fprintf(stderr, "  %s: expected %s, got %s: %s\n", pkg, package_reason_key(want),
                package_reason_key(res.reason), res.detail);
    CHECK(res.message[0] != '\0' && res.detail[0] != '\0');
    CHECK(current_version(data) == old);
    /* no private copy is left behind */
    char content[600];
    snprintf(content, sizeof content, "%s/content", data);
    package_found_list_t none;
    CHECK(package_scan_dir(content, 0, &none) == ZWGK_OK && none.count == 0);
    package_found_list_free(&none);
}

typedef struct progress_log {
    int calls, copies, last_phase, cancel_at;
} progress_log_t;

static int on_progress(void *user, package_phase_t phase, unsigned long long done, unsigned long long total)
{
    progress_log_t *p = user;
    p->calls++;
    CHECK((int)phase >= p->last_phase); /* phases only move forward */
    p->last_phase = (int)phase;
    if (phase == PACKAGE_PHASE_COPY) {
        p->copies++;
        CHECK(done <= total && total > 0);
    }
    return p->cancel_at && (int)phase == p->cancel_at;
}

static void test_install_and_refusals(void)
{
    char data[512], v1[512], pkg[512], err[512];
    package_result_t res;
    package_options_t opt = options();
    author_options_t aopt = {NULL, NULL, -1};
    diag_list_t d = {0};
    path_of(data, sizeof data, "data");
    path_of(v1, sizeof v1, "v1.db");
    CHECK(author_build("../assets/demo", v1, &aopt, &d, err, sizeof err) == ZWGK_OK);
    diag_clear(&d);

    /* first install: no content yet; the publisher is remembered */
    sign_as(v1, &sk_trusted, SIGN_ZWGK, "xinfeng-demo", V1, NULL);
    CHECK(package_install(v1, data, &opt, &res) == ZWGK_OK);
    CHECK(res.reason == PACKAGE_OK && res.version == V1 && res.installed_version == 0);
    CHECK(res.counts.docs > 0 && res.previous_counts.docs == 0);
    CHECK(current_version(data) == V1);

    const char *to_v2 = "UPDATE meta SET value = '2024120101' WHERE key = 'content_version'";
    const char *pub_v2 = "xinfeng-demo";

    /* one byte flipped after signing */
    make_pkg("flip.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    FILE *f = fopen(pkg, "r+b");
    CHECK(f && fseek(f, 20000, SEEK_SET) == 0);
    int c = fgetc(f);
    fseek(f, 20000, SEEK_SET);
    fputc(c ^ 0x01, f);
    fclose(f);
    expect_refusal(pkg, &opt, PACKAGE_SIG_INVALID, V1);

    /* signed by a key this kiosk does not trust */
    make_pkg("other-key.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    sign_as(pkg, &sk_other, SIGN_ZWGK, pub_v2, V2, NULL);
    expect_refusal(pkg, &opt, PACKAGE_KEY_UNTRUSTED, V1);

    /* trusted comment edited: a higher version claimed */
    make_pkg("edited.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    char sig_path[600], text[4096];
    snprintf(sig_path, sizeof sig_path, "%s.minisig", pkg);
    f = fopen(sig_path, "rb");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    char *ver = strstr(text, "version=2024120101");
    CHECK(ver != NULL);
    if (ver)
        ver[strlen("version=2024120101") - 1] = '9';
    write_text(sig_path, text, n);
    expect_refusal(pkg, &opt, PACKAGE_COMMENT_EDITED, V1);

    /* signature file missing, empty, garbled */
    make_pkg("nosig.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    snprintf(sig_path, sizeof sig_path, "%s.minisig", pkg);
    unlink(sig_path);
    expect_refusal(pkg, &opt, PACKAGE_SIG_MISSING, V1);
    write_text(sig_path, "", 0);
    expect_refusal(pkg, &opt, PACKAGE_SIG_EMPTY, V1);
    write_text(sig_path, "untrusted comment: x\nRUROK/Xu39f\n", 32);
    expect_refusal(pkg, &opt, PACKAGE_SIG_GARBLED, V1);

    /* lower version: refused before copying (zwgk comment) and after (minisign's comment: the meta decides) */
    const char *to_v0 = "UPDATE meta SET value = '2024100101' WHERE key = 'content_version'";
    make_pkg("lower.db", to_v0, SIGN_ZWGK, 2024100101LL, pub_v2, pkg, sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_OLD_VERSION, V1);
    make_pkg("lower2.db", to_v0, SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_OLD_VERSION, V1);

    /* the same version outside an admin reinstall */
    make_pkg("same.db", NULL, SIGN_ZWGK, V1, pub_v2, pkg, sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_SAME_VERSION, V1);

    /* another publisher, both when remembered and when configured */
    make_pkg("other-pub.db",
             "UPDATE meta SET value = '2024120101' WHERE key = 'content_version';"
             "UPDATE meta SET value = 'ganxian-gov' WHERE key = 'publisher_id'",
             SIGN_ZWGK, V2, "ganxian-gov", pkg, sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_WRONG_PUBLISHER, V1);
    package_options_t configured = opt;
    configured.publisher_id = "ganxian-gov";
    make_pkg("pub-ok-but-configured.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    expect_refusal(pkg, &configured, PACKAGE_WRONG_PUBLISHER, V1);

    /* truncated database: the signer's recorded size tells; with minisign's comment the signature does */
    make_pkg("trunc.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    CHECK(truncate(pkg, 40960) == 0);
    expect_refusal(pkg, &opt, PACKAGE_INCOMPLETE, V1);
    make_pkg("trunc2.db", to_v2, SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    CHECK(truncate(pkg, 40960) == 0);
    expect_refusal(pkg, &opt, PACKAGE_SIG_INVALID, V1);

    /* zero-byte file */
    path_of(pkg, sizeof pkg, "zero.db");
    write_text(pkg, "", 0);
    sign_as(pkg, &sk_trusted, SIGN_MINISIGN_DEFAULT, NULL, 0, NULL);
    expect_refusal(pkg, &opt, PACKAGE_EMPTY_FILE, V1);

    /* random bytes with a valid signature */
    path_of(pkg, sizeof pkg, "random.db");
    char *noise = malloc(65536);
    randombytes_buf(noise, 65536);
    write_text(pkg, noise, 65536);
    free(noise);
    sign_as(pkg, &sk_trusted, SIGN_MINISIGN_DEFAULT, NULL, 0, NULL);
    expect_refusal(pkg, &opt, PACKAGE_NOT_SQLITE, V1);

    /* valid SQLite files that are not content: a foreign schema; the content's ids on another schema; a newer
     * format; a content database with an extra table */
    path_of(pkg, sizeof pkg, "foreign.db");
    CHECK(sql(pkg, "CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES('hello')") == 0);
    sign_as(pkg, &sk_trusted, SIGN_MINISIGN_DEFAULT, NULL, 0, NULL);
    expect_refusal(pkg, &opt, PACKAGE_NOT_CONTENT, V1);
    path_of(pkg, sizeof pkg, "foreign2.db");
    CHECK(sql(pkg, "PRAGMA application_id = 1515669323; PRAGMA user_version = 3; CREATE TABLE meta(key, value);"
                   "INSERT INTO meta VALUES('content_version', '2024120101'), ('publisher_id', 'xinfeng-demo')") == 0);
    sign_as(pkg, &sk_trusted, SIGN_MINISIGN_DEFAULT, NULL, 0, NULL);
    expect_refusal(pkg, &opt, PACKAGE_NOT_CONTENT, V1);
    make_pkg("format-next.db", "PRAGMA user_version = 4", SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_FORMAT_UNSUPPORTED, V1);
    /* Format 1, from an older zwgk-admin: still shown when installed, never installed anew. */
    make_pkg("format-old.db", "PRAGMA user_version = 1", SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_FORMAT_UNSUPPORTED, V1);
    make_pkg("extra.db", "CREATE TABLE extra(x); CREATE VIEW v AS SELECT 1", SIGN_MINISIGN_DEFAULT, 0, NULL, pkg,
             sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_NOT_CONTENT, V1);

    /* content that breaks the rules: a javascript: URL, a dangling link */
    make_pkg("badurl.db",
             "UPDATE meta SET value = '2024120101' WHERE key = 'content_version';"
             "UPDATE docs SET url = 'javascript:alert(1)' WHERE id = (SELECT min(id) FROM docs)",
             SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_CONTENT_INVALID, V1);
    make_pkg("dangling.db",
             "UPDATE meta SET value = '2024120101' WHERE key = 'content_version';"
             "INSERT INTO item_docs(item_id, doc_id, seq) VALUES((SELECT min(id) FROM items), 99999, 1)",
             SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_CONTENT_INVALID, V1);

    /* the rules written from the document-type table (zwgk/doctype.h): a type past the last, a guide without its
     * guides row, a guides row of a notice, a project status past the last */
    static const char *const type_breaks[][2] = {
        {"badtype.db", "UPDATE docs SET type = 7 WHERE id = (SELECT min(id) FROM docs)"},
        {"nodetail.db", "DELETE FROM guides WHERE doc_id = (SELECT min(doc_id) FROM guides)"},
        {"wrongdetail.db", "INSERT INTO guides(doc_id, conditions, scope, time_limit, fee, place, hours, phone, "
                           "complaint_phone) SELECT min(id), '', '', '', '', '', '', '', '' FROM docs WHERE type = 4"},
        {"badstatus.db", "UPDATE projects SET status = 4"},
    };
    for (size_t i = 0; i < sizeof type_breaks / sizeof type_breaks[0]; i++) {
        char q[600];
        snprintf(q, sizeof q, "UPDATE meta SET value = '2024120101' WHERE key = 'content_version'; %s",
                 type_breaks[i][1]);
        make_pkg(type_breaks[i][0], q, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
        expect_refusal(pkg, &opt, PACKAGE_CONTENT_INVALID, V1);
    }

    /* a damaged page (signed after the damage, so only integrity_check can tell) */
    make_pkg("damaged.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    long root = root_page(pkg, "items");
    CHECK(root > 1);
    f = fopen(pkg, "r+b");
    CHECK(f && fseek(f, (root - 1) * 4096, SEEK_SET) == 0);
    for (int i = 0; f && i < 8; i++)
        fputc(0xff, f); /* the b-tree page header */
    if (f)
        fclose(f);
    sign_as(pkg, &sk_trusted, SIGN_ZWGK, pub_v2, V2, NULL);
    expect_refusal(pkg, &opt, PACKAGE_DB_DAMAGED, V1);

    /* a valid signature of another file name (mix and match) */
    make_pkg("renamed.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    sign_as(pkg, &sk_trusted, SIGN_ZWGK, pub_v2, V2, "xinfeng-2025.db");
    expect_refusal(pkg, &opt, PACKAGE_COMMENT_MISMATCH, V1);
    /* a comment that claims another version than the database's meta */
    make_pkg("claims.db", to_v2, SIGN_ZWGK, 2024120102LL, pub_v2, pkg, sizeof pkg);
    expect_refusal(pkg, &opt, PACKAGE_COMMENT_MISMATCH, V1);

    /* above the size cap */
    package_options_t small = opt;
    small.max_bytes = 100000;
    make_pkg("big.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    expect_refusal(pkg, &small, PACKAGE_TOO_LARGE, V1);

    /* no trusted key configured; a symlink instead of the package; another install running; cancelled */
    package_options_t nokeys = opt;
    nokeys.ntrusted_keys = 0;
    expect_refusal(pkg, &nokeys, PACKAGE_NO_TRUSTED_KEY, V1);
    char link_path[600];
    path_of(link_path, sizeof link_path, "link.db");
    CHECK(symlink(pkg, link_path) == 0);
    sign_as(link_path, &sk_trusted, SIGN_ZWGK, pub_v2, V2, NULL); /* a genuine signature for the name link.db */
    expect_refusal(link_path, &opt, PACKAGE_NOT_FOUND, V1);
    char lock_path[600];
    snprintf(lock_path, sizeof lock_path, "%s/install.lock", data);
    int lock = open(lock_path, O_RDWR | O_CREAT, 0644);
    CHECK(lock >= 0 && flock(lock, LOCK_EX) == 0);
    expect_refusal(pkg, &opt, PACKAGE_BUSY, V1);
    close(lock);
    progress_log_t log = {0, 0, 0, PACKAGE_PHASE_VERIFY};
    package_options_t cancel = opt;
    cancel.progress = on_progress;
    cancel.progress_user = &log;
    expect_refusal(pkg, &cancel, PACKAGE_CANCELLED, V1);

    /* every refusal went into the history */
    local_t *l = local_open(data, err, sizeof err);
    local_history_row_t *rows = NULL;
    size_t nrows = 0;
    CHECK(l && local_history_list(l, 100, &rows, &nrows) == ZWGK_OK);
    CHECK(nrows == (size_t)refusals + 1);
    if (nrows) {
        CHECK_STR(rows[0].action, "refuse");
        CHECK_STR(rows[0].reason, "cancelled");
        CHECK_STR(rows[nrows - 1].action, "install");
    }
    free(rows);
    local_close(l);

    /* a legacy (Ed) signature is accepted, with progress reported */
    make_pkg("v2.db", to_v2, SIGN_LEGACY, V2, pub_v2, pkg, sizeof pkg);
    log = (progress_log_t){0, 0, 0, 0};
    package_options_t watched = opt;
    watched.progress = on_progress;
    watched.progress_user = &log;
    CHECK(package_install(pkg, data, &watched, &res) == ZWGK_OK);
    CHECK(res.version == V2 && res.installed_version == V1 && res.previous_counts.docs == res.counts.docs);
    CHECK(log.copies >= 1 && log.last_phase == PACKAGE_PHASE_INSTALL);
    CHECK(current_version(data) == V2);
    CHECK(strstr(res.content_path, "content-2024120101.db") != NULL);

    /* admin reinstall of the same version: a new file name, the open one is never replaced */
    make_pkg("v2again.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    package_options_t reinstall = opt;
    reinstall.reinstall = 1;
    CHECK(package_install(pkg, data, &reinstall, &res) == ZWGK_OK);
    CHECK(strstr(res.content_path, "content-2024120101-2.db") != NULL);
    /* and never a lower one, even then */
    make_pkg("lower3.db", to_v0, SIGN_ZWGK, 2024100101LL, pub_v2, pkg, sizeof pkg);
    expect_refusal(pkg, &reinstall, PACKAGE_OLD_VERSION, V2);

    /* v1's file is gone (neither current nor previous); the previous one is kept for rollback */
    char old[600];
    snprintf(old, sizeof old, "%s/content/content-2024110101.db", data);
    CHECK(access(old, F_OK) != 0);
    snprintf(old, sizeof old, "%s/content/content-2024120101.db", data);
    CHECK(access(old, F_OK) == 0);
    CHECK(package_rollback(data, NULL, &res) == ZWGK_OK);
    CHECK_STR(res.content_path, old);
    CHECK(current_version(data) == V2);
    CHECK(package_content_check(old, &res) == ZWGK_OK && res.version == V2);

    /* verify (no data directory) accepts the good package and refuses the flipped one */
    make_pkg("verify.db", to_v2, SIGN_ZWGK, V2, pub_v2, pkg, sizeof pkg);
    char id[MINISIGN_KEYID_LEN];
    minisign_keyid(pk_trusted.keynum, id);
    CHECK(package_verify(pkg, NULL, &opt, &res) == ZWGK_OK && res.version == V2);
    CHECK_STR(res.key_id, id);
    path_of(pkg, sizeof pkg, "flip.db");
    CHECK(package_verify(pkg, tmp, &opt, &res) == ZWGK_ERR_SIGNATURE && res.reason == PACKAGE_SIG_INVALID);
}

/* ---- issue 12: regressions ---- */

/* Installs a package of version v (the v1 build with its meta changed) into data; returns the result. */
static zwgk_result install_version(const char *data, long long v, const char *name, package_result_t *res)
{
    char pkg[512], stmt[128];
    package_options_t opt = options();
    snprintf(stmt, sizeof stmt, "UPDATE meta SET value = '%lld' WHERE key = 'content_version'", v);
    make_pkg(name, stmt, SIGN_ZWGK, v, "xinfeng-demo", pkg, sizeof pkg);
    return package_install(pkg, data, &opt, res);
}

/* 12.4: after an admin rollback from v3 to v2, the v3 package still in the drop folder was installed again at the
 * next start.  The rollback now holds until a package newer than v3 arrives; rolling back again returns to v3. */
static void regress_12_4_rollback_holds(void)
{
    char data[512];
    package_result_t res;
    path_of(data, sizeof data, "data-12-4");
    CHECK(install_version(data, V1, "r1.db", &res) == ZWGK_OK);
    CHECK(install_version(data, V2, "r2.db", &res) == ZWGK_OK);
    CHECK(install_version(data, 2025010101LL, "r3.db", &res) == ZWGK_OK);
    CHECK(package_rollback(data, NULL, &res) == ZWGK_OK && res.version == V2);
    CHECK(current_version(data) == V2);
    /* the watcher sees r3.db again (a restart): refused, v2 stays */
    char pkg[512];
    package_options_t opt = options();
    path_of(pkg, sizeof pkg, "r3.db");
    CHECK(package_install(pkg, data, &opt, &res) != ZWGK_OK);
    CHECK(res.reason == PACKAGE_ROLLED_BACK);
    if (res.reason != PACKAGE_ROLLED_BACK)
        fprintf(stderr, "  12.4: the rolled-back version was installed again: %s\n", package_reason_key(res.reason));
    CHECK(strstr(res.message, "回退") != NULL);
    CHECK(current_version(data) == V2);
    /* the hold survives reopening local.db, and is written in the state copy */
    local_content_state_t st;
    CHECK(local_state_hint_read(data, &st) == ZWGK_OK && st.rollback_hold == 2025010101LL);
    /* rolling back again goes forward to v3 and ends the hold */
    CHECK(package_rollback(data, NULL, &res) == ZWGK_OK && res.version == 2025010101LL);
    char err[256];
    local_t *l = local_open(data, err, sizeof err);
    CHECK(l && local_content_state(l, &st) == ZWGK_OK && st.rollback_hold == 0);
    local_close(l);
    /* back to v2, then a newer package than v3 is accepted and ends the hold */
    CHECK(package_rollback(data, NULL, &res) == ZWGK_OK && res.version == V2);
    CHECK(install_version(data, 2025020101LL, "r4.db", &res) == ZWGK_OK);
    l = local_open(data, err, sizeof err);
    CHECK(l && local_content_state(l, &st) == ZWGK_OK && st.rollback_hold == 0 && st.current_version == 2025020101LL);
    local_close(l);
}

/* 12.7: a typo in the second (rotation) trusted_key made package_options_from_config drop every key: the kiosk
 * started without complaint and refused every package.  The bad line is named, the good key stays trusted. */
static void regress_12_7_bad_rotation_key_keeps_the_good_one(void)
{
    char conf[512], text[1024], line[MINISIGN_PUBKEY_TEXT_MAX], err[512], data[512];
    minisign_pubkey_format(&pk_trusted, 1, line);
    snprintf(text, sizeof text, "# kiosk.conf\ntrusted_key = %s\ntrusted_key = RWQBad+typo/ThisIsNotAKey\n", line);
    path_of(conf, sizeof conf, "rotation.conf");
    write_text(conf, text, strlen(text));
    config_t cfg;
    config_defaults(&cfg);
    CHECK(config_load(&cfg, conf, err, sizeof err) == ZWGK_OK && cfg.ntrusted_keys == 2);
    minisign_pubkey_t keys[CONFIG_MAX_LIST];
    package_options_t opt;
    CHECK(package_options_from_config(&opt, keys, &cfg, err, sizeof err) == ZWGK_ERR_INVALID);
    CHECK(opt.ntrusted_keys == 1 && !memcmp(&keys[0], &pk_trusted, sizeof keys[0]));
    CHECK(strstr(err, "第 3 行") != NULL && strstr(err, "第 2 个 trusted_key") != NULL); /* main: zh_CN */
    /* a package signed by the good key installs */
    package_result_t res;
    char pkg[512];
    path_of(data, sizeof data, "data-12-7");
    make_pkg("rot.db", NULL, SIGN_ZWGK, V1, "xinfeng-demo", pkg, sizeof pkg);
    opt.max_bytes = 64LL << 20;
    CHECK(package_install(pkg, data, &opt, &res) == ZWGK_OK);
    if (res.reason != PACKAGE_OK)
        fprintf(stderr, "  12.7: %s\n", package_reason_key(res.reason));
}

/* Installs pkg into a fresh data directory dir_name and returns the reason. */
static package_reason_t fresh_install(const char *pkg, const char *dir_name)
{
    char data[512];
    package_result_t res;
    package_options_t opt = options();
    path_of(data, sizeof data, dir_name);
    package_install(pkg, data, &opt, &res);
    if (res.reason != PACKAGE_OK)
        printf("  %s: %s: %s\n", dir_name, package_reason_key(res.reason), res.detail);
    return res.reason;
}

/* 12.13: the install read meta loosely: a 20-digit content_version became LLONG_MAX (and no later package could
 * ever be newer), publisher_id's characters were not checked.  The install now applies the authoring rules. */
static void regress_12_13_meta_checked_as_authoring_does(void)
{
    char pkg[512];
    make_pkg("huge-version.db", "UPDATE meta SET value = '99999999999999999999' WHERE key = 'content_version'",
             SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    CHECK(fresh_install(pkg, "data-12-13a") == PACKAGE_CONTENT_INVALID);
    make_pkg("bad-publisher.db", "UPDATE meta SET value = 'Xin Feng!' WHERE key = 'publisher_id'",
             SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    CHECK(fresh_install(pkg, "data-12-13b") == PACKAGE_CONTENT_INVALID);
    make_pkg("bad-created.db", "UPDATE meta SET value = '2024-02-30' WHERE key = 'created'", SIGN_MINISIGN_DEFAULT, 0,
             NULL, pkg, sizeof pkg);
    CHECK(fresh_install(pkg, "data-12-13c") == PACKAGE_CONTENT_INVALID);
    make_pkg("no-region.db", "DELETE FROM meta WHERE key = 'region'", SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    CHECK(fresh_install(pkg, "data-12-13d") == PACKAGE_CONTENT_INVALID);
    /* the sound package still installs */
    make_pkg("sound.db", NULL, SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    CHECK(fresh_install(pkg, "data-12-13e") == PACKAGE_OK);
}

/* 12.14: a damaged FTS5 search index passed the install (integrity_check in SQLite 3.40 does not look inside FTS5);
 * FTS5's own integrity-check now runs, and leaves the file as it was. */
static void regress_12_14_damaged_search_index(void)
{
    char pkg[512];
    make_pkg("fts-damaged.db",
             "UPDATE search_body_data SET block = randomblob(length(block)) WHERE id > 10 AND length(block) > 40",
             SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    package_result_t res;
    CHECK(package_content_check(pkg, &res) == ZWGK_ERR_FORMAT && res.reason == PACKAGE_DB_DAMAGED);
    CHECK(strstr(res.detail, "FTS5") != NULL);
    CHECK(fresh_install(pkg, "data-12-14") == PACKAGE_DB_DAMAGED);
    /* the check changes nothing: the signature (over the file's bytes) still verifies after it */
    package_options_t opt = options();
    char work[512];
    path_of(work, sizeof work, "work-12-14");
    mkdir(work, 0755);
    make_pkg("fts-sound.db", NULL, SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    CHECK(package_content_check(pkg, &res) == ZWGK_OK);
    CHECK(package_verify(pkg, work, &opt, &res) == ZWGK_OK);
}

/* Issue 12 §3: the search index check runs on its own thread beside the other database checks.  The refusal must
 * still be the first in the checks' order (meta, then the search index, then the content rules), not whichever
 * thread finished first: the content rules finish long before FTS5's check, the meta check long before too. */
static void parallel_checks_refuse_in_order(void)
{
    static const char damage_fts[] =
        "UPDATE search_body_data SET block = randomblob(length(block)) WHERE id > 10 AND length(block) > 40";
    char pkg[512], sql[512];
    package_result_t res;
    snprintf(sql, sizeof sql, "%s; UPDATE items SET name = '' WHERE id = (SELECT min(id) FROM items)", damage_fts);
    make_pkg("fts-and-content.db", sql, SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    CHECK(package_content_check(pkg, &res) == ZWGK_ERR_FORMAT && res.reason == PACKAGE_DB_DAMAGED);
    CHECK(strstr(res.detail, "FTS5") != NULL);
    CHECK(fresh_install(pkg, "data-order-a") == PACKAGE_DB_DAMAGED);
    snprintf(sql, sizeof sql, "%s; DELETE FROM meta WHERE key = 'region'", damage_fts);
    make_pkg("fts-and-meta.db", sql, SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    CHECK(package_content_check(pkg, &res) != ZWGK_OK && res.reason == PACKAGE_CONTENT_INVALID);
    CHECK(strstr(res.detail, "region") != NULL);
    CHECK(fresh_install(pkg, "data-order-b") == PACKAGE_CONTENT_INVALID);
    /* the content rule alone is still found */
    make_pkg("content-only.db", "UPDATE items SET name = '' WHERE id = (SELECT min(id) FROM items)",
             SIGN_MINISIGN_DEFAULT, 0, NULL, pkg, sizeof pkg);
    CHECK(fresh_install(pkg, "data-order-c") == PACKAGE_CONTENT_INVALID);
}

/* Overwrites path with bytes that are no SQLite database and removes its -wal/-shm. */
static void garble(const char *path)
{
    char side[1100];
    write_text(path, "this is not a database, it was overwritten\n", 43);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* 12.5: a damaged local.db, a missing current file or a lost local.db made the kiosk show its factory demo.  The
 * installed content is found (package_open_installed), and a repair or the next install rebuilds local.db. */
static void regress_12_5_damaged_local_state(void)
{
    char data[512], path[1024], note[768], local_db[600], err[256];
    package_result_t res;
    content_t *c;
    path_of(data, sizeof data, "data-12-5");
    snprintf(local_db, sizeof local_db, "%s/local.db", data);
    CHECK(install_version(data, V1, "s1.db", &res) == ZWGK_OK);
    CHECK(install_version(data, V2, "s2.db", &res) == ZWGK_OK);
    local_t *l = local_open(data, err, sizeof err);
    CHECK(l && local_setting_set(l, "admin_pin_hash", "kept-across-the-rebuild") == ZWGK_OK);
    CHECK(l && local_view_record(l, LOCAL_VIEW_DOC, "guide-dibao") == ZWGK_OK);
    local_close(l);

    /* healthy: local.db's current file, no note */
    l = local_open(data, err, sizeof err);
    c = package_open_installed(data, l, path, sizeof path, note, sizeof note);
    CHECK(c && content_meta(c)->content_version == V2 && note[0] == '\0');
    content_close(c);
    local_close(l);

    /* the current file is gone: the previous one, with a note that says so */
    char current[1024], saved[1100];
    snprintf(current, sizeof current, "%s/content/content-%lld.db", data, V2);
    snprintf(saved, sizeof saved, "%s.away", current);
    CHECK(rename(current, saved) == 0);
    l = local_open(data, err, sizeof err);
    c = package_open_installed(data, l, path, sizeof path, note, sizeof note);
    CHECK(c && content_meta(c)->content_version == V1 && strstr(note, "上一版本") != NULL);
    content_close(c);
    local_close(l);
    CHECK(rename(saved, current) == 0);

    /* local.db overwritten: the state copy names v2 */
    garble(local_db);
    CHECK(local_open(data, err, sizeof err) == NULL);
    local_open_problem_t why;
    CHECK(local_open_checked(data, &why, err, sizeof err) == NULL && why == LOCAL_OPEN_DAMAGED);
    c = package_open_installed(data, NULL, path, sizeof path, note, sizeof note);
    CHECK(c && content_meta(c)->content_version == V2);
    content_close(c);
    /* …and with no state copy either, the newest content file */
    char hint[600], hint_away[700];
    snprintf(hint, sizeof hint, "%s/content-state", data);
    snprintf(hint_away, sizeof hint_away, "%s.away", hint);
    CHECK(rename(hint, hint_away) == 0);
    c = package_open_installed(data, NULL, path, sizeof path, note, sizeof note);
    CHECK(c && content_meta(c)->content_version == V2 && strstr(note, "最新") != NULL);
    content_close(c);
    CHECK(rename(hint_away, hint) == 0);

    /* the next install rebuilds local.db (keeping the damaged file) and goes ahead */
    CHECK(install_version(data, 2025010101LL, "s3.db", &res) == ZWGK_OK);
    CHECK(strstr(res.detail, "已重建") != NULL);
    CHECK(current_version(data) == 2025010101LL);
    l = local_open(data, err, sizeof err);
    local_content_state_t st;
    CHECK(l && local_content_state(l, &st) == ZWGK_OK && st.previous_version == V2);
    CHECK(l && local_setting_set(l, "admin_pin_hash", "kept-across-the-rebuild") == ZWGK_OK); /* lost with the garble */
    local_close(l);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "ls %s | grep -q '^local.db.damaged-'", data);
    CHECK(system(cmd) == 0);

    /* a local.db whose content_state page is damaged but whose other tables read: rebuilt by a repair, keeping the
     * PIN hash and the statistics */
    long root = -1;
    {
        sqlite3 *db = NULL;
        sqlite3_stmt *s = NULL;
        if (sqlite3_open(local_db, &db) == SQLITE_OK &&
            sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_schema WHERE name = 'content_state'", -1, &s, NULL) ==
                SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW)
            root = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
        sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
        sqlite3_close(db);
    }
    CHECK(root > 1);
    FILE *f = fopen(local_db, "r+b");
    CHECK(f && fseek(f, (root - 1) * 4096, SEEK_SET) == 0);
    for (int i = 0; f && i < 16; i++)
        fputc(0xee, f);
    if (f)
        fclose(f);
    CHECK(package_repair(data, &res) == ZWGK_OK);
    CHECK(strstr(res.message, "已重建") != NULL);
    l = local_open(data, err, sizeof err);
    char v[64];
    CHECK(l && local_content_state(l, &st) == ZWGK_OK && st.current_version == 2025010101LL);
    CHECK(l && local_setting_get(l, "admin_pin_hash", v, sizeof v) == ZWGK_OK && !strcmp(v, "kept-across-the-rebuild"));
    local_history_row_t *rows = NULL;
    size_t n = 0;
    CHECK(l && local_history_list(l, 5, &rows, &n) == ZWGK_OK && n >= 2 && !strcmp(rows[0].action, "repair"));
    free(rows);
    local_close(l);
    /* a repair of a healthy data directory changes nothing */
    CHECK(package_repair(data, &res) == ZWGK_OK && strstr(res.message, "不需要修复") != NULL);

    /* the current file damaged while local.db is fine: a repair makes the previous one current */
    snprintf(current, sizeof current, "%s/content/content-2025010101.db", data);
    truncate(current, 8192);
    CHECK(package_repair(data, &res) == ZWGK_OK && res.version == V2);
    CHECK(current_version(data) == V2);

    /* local.db read-only (opened for reading only): the pointer is still read */
    l = local_open_readonly(data, err, sizeof err);
    CHECK(l && local_is_readonly(l));
    CHECK(l && local_content_state(l, &st) == ZWGK_OK && st.current_version == V2);
    CHECK(l && local_setting_set(l, "x", "y") == ZWGK_ERR_IO);
    c = package_open_installed(data, l, path, sizeof path, note, sizeof note);
    CHECK(c && content_meta(c)->content_version == V2);
    content_close(c);
    local_close(l);
}

/* ---- detection ---- */

static void touch(const char *dir, const char *name)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    write_text(p, "x", 1);
}

static void test_scan_and_mounts(void)
{
    char dir[512];
    package_found_list_t l;
    path_of(dir, sizeof dir, "drop");
    CHECK(mkdir(dir, 0755) == 0);
    touch(dir, "a.db");
    touch(dir, "a.db.minisig");
    touch(dir, "b.db"); /* no signature yet */
    touch(dir, ".c.db.XXXXXX");
    touch(dir, "._a.db");
    touch(dir, "._a.db.minisig");
    touch(dir, ".syncthing.d.db.tmp");
    char target[600], link[600];
    snprintf(target, sizeof target, "%s/a.db", dir);
    snprintf(link, sizeof link, "%s/e.db", dir);
    CHECK(symlink(target, link) == 0);
    touch(dir, "e.db.minisig");
    CHECK(package_scan_dir(dir, 0, &l) == ZWGK_OK);
    CHECK(l.count == 1);
    if (l.count == 1) {
        CHECK_STR(strrchr(l.items[0].db_path, '/'), "/a.db");
        CHECK_STR(strrchr(l.items[0].sig_path, '/'), "/a.db.minisig");
    }
    package_found_list_free(&l);

    const char *mounts = "/dev/sda1 / ext4 rw 0 0\n"
                         "/dev/sdb1 /media/kiosk/COUNTY\\040STICK vfat ro,nosuid,nodev,noexec 0 0\n"
                         "/dev/sdc1 /run/media/system/DATA exfat ro 0 0\n"
                         "/dev/sdd1 /run/media/admin/U exfat ro 0 0\n"
                         "tmpfs /run/user/1000 tmpfs rw 0 0\n"
                         "/dev/sde1 /media/kiosk tmpfs rw 0 0\n"
                         "/dev/sdf1 /media/a/b/c vfat rw 0 0\n";
    char out[8][1024];
    size_t n = package_removable_mounts(mounts, out, 8);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(out[0], "/media/kiosk/COUNTY STICK");
        CHECK_STR(out[1], "/run/media/system/DATA");
        CHECK_STR(out[2], "/run/media/admin/U");
    }
}

/* 12.12: a stick (or folder) of 5,000 junk pairs cost 31 % of a core for as long as it stayed in (a nested-loop
 * comparison every 500 ms) and a history row per pair per insertion.  Now one listing reports at most
 * PACKAGE_WATCH_MAX_NEW new packages and counts the rest; the next listings report nothing. */
static void regress_12_12_junk_stick_is_bounded(void)
{
    char dir[512], err[256], empty[600];
    path_of(dir, sizeof dir, "junk-5000");
    CHECK(mkdir(dir, 0755) == 0);
    for (int i = 0; i < 5000; i++) {
        char name[64];
        snprintf(name, sizeof name, "junk-%05d.db", i);
        touch(dir, name);
        snprintf(name, sizeof name, "junk-%05d.db.minisig", i);
        touch(dir, name);
    }
    path_of(empty, sizeof empty, "mounts-12-12");
    write_text(empty, "", 0);
    const char *folders[] = {dir};
    package_watch_t *w = package_watch_create(folders, 1, empty, err, sizeof err);
    CHECK(w != NULL);
    if (!w)
        return;
    package_found_list_t l;
    CHECK(package_watch_wait(w, 1000, &l) == ZWGK_OK);
    CHECK(l.count == PACKAGE_WATCH_MAX_NEW && l.ignored == 5000 - PACKAGE_WATCH_MAX_NEW);
    if (l.count != PACKAGE_WATCH_MAX_NEW)
        fprintf(stderr, "  12.12: %zu packages reported from one listing\n", l.count);
    package_found_list_free(&l);
    CHECK(package_watch_wait(w, 700, &l) == ZWGK_OK && l.count == 0 && l.ignored == 0);
    package_found_list_free(&l);
    /* one new package among them is still seen */
    touch(dir, "zz-new.db.minisig");
    touch(dir, "zz-new.db");
    CHECK(package_watch_wait(w, 2000, &l) == ZWGK_OK && l.count == 1);
    if (l.count == 1)
        CHECK(strstr(l.items[0].db_path, "zz-new.db") != NULL);
    package_found_list_free(&l);
    package_watch_destroy(w);

    /* the history stays bounded however many refusals come */
    char data[512];
    path_of(data, sizeof data, "data-12-12");
    local_t *lo = local_open(data, err, sizeof err);
    local_close(lo);
    char db[700];
    snprintf(db, sizeof db, "%s/local.db", data); /* 1,199 old rows in one transaction (fsyncs cost seconds) */
    CHECK(sql(db, "BEGIN; WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1198) "
                  "INSERT INTO history(time, action, package, version, publisher, reason, detail) "
                  "SELECT '2024-11-01T00:00:00Z', 'refuse', printf('junk-%05d.db', i), 0, '', 'sig-garbled', '' "
                  "FROM n; COMMIT") == 0);
    lo = local_open(data, err, sizeof err);
    local_history_row_t one = {0};
    snprintf(one.action, sizeof one.action, "refuse");
    snprintf(one.package, sizeof one.package, "junk-01199.db");
    snprintf(one.reason, sizeof one.reason, "sig-garbled");
    CHECK(lo && local_history_add(lo, &one) == ZWGK_OK);
    local_history_row_t *rows = NULL;
    size_t n = 0;
    CHECK(lo && local_history_list(lo, 5000, &rows, &n) == ZWGK_OK && n == LOCAL_HISTORY_MAX);
    if (n)
        CHECK_STR(rows[0].package, "junk-01199.db");
    free(rows);
    local_close(lo);
}

static void *wake_later(void *w)
{
    usleep(100 * 1000);
    package_watch_wake(w);
    return NULL;
}

static void test_watch(void)
{
    char drop[512], mounts[512], err[256];
    path_of(drop, sizeof drop, "watched");
    path_of(mounts, sizeof mounts, "mounts");
    CHECK(mkdir(drop, 0755) == 0);
    touch(drop, "old.db");
    touch(drop, "old.db.minisig");
    write_text(mounts, "", 0);
    const char *folders[] = {drop};
    package_watch_t *w = package_watch_create(folders, 1, mounts, err, sizeof err);
    CHECK(w != NULL);
    if (!w)
        return;
    package_found_list_t l;
    /* what is already there is reported once */
    CHECK(package_watch_wait(w, 1000, &l) == ZWGK_OK && l.count == 1 && !l.items[0].removable);
    package_found_list_free(&l);
    CHECK(package_watch_wait(w, 200, &l) == ZWGK_OK && l.count == 0);
    package_found_list_free(&l);

    /* rsync's way: a dot-named temporary renamed into place; the signature arrives first */
    touch(drop, "new.db.minisig");
    char from[600], to[600];
    snprintf(from, sizeof from, "%s/.new.db.Xy12Ab", drop);
    snprintf(to, sizeof to, "%s/new.db", drop);
    write_text(from, "content", 7);
    CHECK(package_watch_wait(w, 200, &l) == ZWGK_OK && l.count == 0); /* dot-file only: nothing */
    package_found_list_free(&l);
    CHECK(rename(from, to) == 0);
    CHECK(package_watch_wait(w, 2000, &l) == ZWGK_OK && l.count == 1);
    if (l.count == 1)
        CHECK_STR(l.items[0].db_path, to);
    package_found_list_free(&l);

    /* a wake from another thread ends a long wait at once */
    pthread_t t;
    pthread_create(&t, NULL, wake_later, w);
    CHECK(package_watch_wait(w, 10000, &l) == ZWGK_OK && l.count == 0);
    pthread_join(t, NULL);
    package_found_list_free(&l);

    /* forget: everything present is reported again */
    package_watch_forget(w);
    CHECK(package_watch_wait(w, 1000, &l) == ZWGK_OK && l.count == 2);
    package_found_list_free(&l);
    package_watch_destroy(w);
}

/* A stick: its mount point appears in the mounts table.  Mount points must be under /media or /run/media, so this
 * needs a writable /run/media (root).  It is its own CTest test (`test_package --stick`, registered as
 * test_package_stick), skipped with code 77 where /run/media cannot be written: it used to print a note inside
 * test_package, which then passed whether or not the stick had been polled (issue 12.20).  Returns 77 or 0. */
static int test_watch_stick(void)
{
    char mounts[512], stick[512], err[256];
    int made_run_media = mkdir("/run/media", 0755) == 0;
    snprintf(stick, sizeof stick, "/run/media/zwgk-test-%ld", (long)getpid());
    if (!(made_run_media || access("/run/media", W_OK) == 0) || mkdir(stick, 0755) != 0) {
        printf(
            "test_package_stick: SKIP: /run/media is not writable here (needs root): the stick poll is not tested\n");
        return 77;
    }
    path_of(mounts, sizeof mounts, "mounts");
    write_text(mounts, "", 0);
    snprintf(stick + strlen(stick), sizeof stick - strlen(stick), "/STICK");
    CHECK(mkdir(stick, 0755) == 0);
    touch(stick, "pkg.db");
    touch(stick, "pkg.db.minisig");
    package_watch_t *w = package_watch_create(NULL, 0, mounts, err, sizeof err);
    CHECK(w != NULL);
    package_found_list_t l;
    if (w) {
        CHECK(package_watch_wait(w, 300, &l) == ZWGK_OK && l.count == 0); /* not in the mounts table: not a stick */
        package_found_list_free(&l);
        char table[1200];
        snprintf(table, sizeof table, "/dev/sdb1 %s vfat ro,nosuid,nodev,noexec 0 0\n", stick);
        write_text(mounts, table, strlen(table));
        CHECK(package_watch_wait(w, 2000, &l) == ZWGK_OK && l.count == 1 && l.items[0].removable);
        if (l.count == 1)
            CHECK(strncmp(l.items[0].db_path, stick, strlen(stick)) == 0);
        package_found_list_free(&l);
        CHECK(package_watch_wait(w, 700, &l) == ZWGK_OK && l.count == 0); /* polled again: not new */
        package_found_list_free(&l);
        package_watch_forget(w); /* forget: reported again */
        CHECK(package_watch_wait(w, 1000, &l) == ZWGK_OK && l.count == 1);
        package_found_list_free(&l);
        package_watch_destroy(w);
    }
    char parent[600];
    snprintf(parent, sizeof parent, "%.*s", (int)(strrchr(stick, '/') - stick), stick);
    nftw(parent, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    if (made_run_media)
        rmdir("/run/media");
    return 0;
}

static int has_han(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0xE4 && (unsigned char)*s <= 0xE9)
            return 1;
    return 0;
}

/* The package module's sentences came as Chinese literals: LANG=C zwgk-admin install/status and the kiosk's admin
 * screen printed Chinese where English was asked for.  Now English msgids with a zh_CN translation: the reason
 * table, package_say's precise sentences with their numbers, and the config's bad trusted_key lines. */
static void regress_9_5_package_messages_follow_the_locale(void)
{
    static const char *const langs[] = {"zh_CN.UTF-8", "C"};
    for (int zh = 1; zh >= 0; zh--) {
        use_locale(langs[!zh]);
        int all = 1;
        for (int r = 0; r < PACKAGE_REASON_COUNT; r++)
            all &= has_han(package_reason_text((package_reason_t)r)) == zh;
        CHECK(all);
        CHECK_STR(package_reason_text(PACKAGE_SIG_INVALID),
                  zh ? "内容包和签名不符，文件可能损坏或被改动过，未安装。"
                     : "The package does not match its signature: the file may be damaged or changed; not installed.");
        /* package_say with numbers, through a real install: an older package after a newer one */
        char data[512], want[256];
        package_result_t res;
        path_of(data, sizeof data, zh ? "data-9-5-zh" : "data-9-5-en");
        CHECK(install_version(data, V2, "l2.db", &res) == ZWGK_OK);
        snprintf(want, sizeof want,
                 zh ? "内容已更新到版本 %lld（原版本 0）："
                    : "The content was updated to version %lld (it was version 0):",
                 V2);
        CHECK(strncmp(res.message, want, strlen(want)) == 0);
        if (strncmp(res.message, want, strlen(want)))
            fprintf(stderr, "  9.5 (%s): '%s'\n", langs[!zh], res.message);
        CHECK(install_version(data, V1, "l1.db", &res) != ZWGK_OK && res.reason == PACKAGE_OLD_VERSION);
        snprintf(want, sizeof want,
                 zh ? "这个内容包（版本 %lld）比本机现在的内容（版本 %lld）旧，未安装。"
                    : "This package (version %lld) is older than the content on this kiosk now (version %lld); not "
                      "installed.",
                 V1, V2);
        CHECK_STR(res.message, want);
        CHECK(has_han(res.detail) == zh); /* "内容版本 … 低于已安装的 …" */
        /* status --repair on a kiosk with nothing installed */
        path_of(data, sizeof data, zh ? "data-9-5-new-zh" : "data-9-5-new-en");
        CHECK(package_repair(data, &res) == ZWGK_OK);
        CHECK_STR(res.message, zh ? "本机还没有安装内容包，不需要修复。"
                                  : "No package has been installed on this kiosk yet; nothing to repair.");
        /* a trusted_key line that is no key: the kiosk's log and zwgk-admin install --config */
        config_t cfg;
        config_defaults(&cfg);
        snprintf(cfg.trusted_keys[0], sizeof cfg.trusted_keys[0], "RWQnotakey");
        cfg.trusted_key_lines[0] = 4;
        cfg.ntrusted_keys = 1;
        minisign_pubkey_t keys[CONFIG_MAX_LIST];
        package_options_t opt;
        char err[512];
        CHECK(package_options_from_config(&opt, keys, &cfg, err, sizeof err) == ZWGK_ERR_INVALID);
        const char *want_err =
            zh ? "第 4 行：第 1 个 trusted_key：不是 minisign 公钥" : "line 4: trusted_key 1: not a minisign";
        CHECK(strstr(err, want_err) != NULL && has_han(err) == zh);
        if (!strstr(err, want_err))
            fprintf(stderr, "  9.5 (%s): '%s'\n", langs[!zh], err);
    }
    use_locale("zh_CN.UTF-8");
}

int main(int argc, char **argv)
{
    use_locale("zh_CN.UTF-8"); /* the Chinese the tests below read is the catalog's */
    CHECK(minisign_init() == ZWGK_OK);
    snprintf(tmp, sizeof tmp, "%s/zwgk-test-package-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    CHECK(mkdtemp(tmp) != NULL);
    if (argc > 1 && !strcmp(argv[1], "--stick")) {
        int skipped = test_watch_stick() == 77;
        nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
        return skipped && !check_failed ? 77 : check_summary("test_package_stick");
    }
    minisign_keygen(&pk_trusted, &sk_trusted);
    minisign_keygen(&pk_other, &sk_other);
    test_minisign_fixtures();
    test_minisign_garbled();
    test_install_and_refusals();
    regress_12_4_rollback_holds();
    regress_12_7_bad_rotation_key_keeps_the_good_one();
    regress_12_13_meta_checked_as_authoring_does();
    regress_12_14_damaged_search_index();
    parallel_checks_refuse_in_order();
    regress_12_5_damaged_local_state();
    test_scan_and_mounts();
    test_watch();
    regress_12_12_junk_stick_is_bounded();
    regress_9_5_package_messages_follow_the_locale();
    nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    return check_summary("test_package");
}
