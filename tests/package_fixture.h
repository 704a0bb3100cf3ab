/* package_fixture.h — the package fixtures test_package and test_oom share: files copied, written and removed, a
 * content database signed as `zwgk-admin sign`, `minisign -Sm` or `minisign -S -l` would sign it, and the version of
 * the content a kiosk on a data directory shows.  Header-only like check.h, so that its CHECKs count in the test that
 * includes it.  Define _GNU_SOURCE (nftw) before including anything. */
#ifndef ZWGK_TEST_PACKAGE_FIXTURE_H
#define ZWGK_TEST_PACKAGE_FIXTURE_H

#include "check.h"
#include "zwgk/content.h"
#include "zwgk/local.h"
#include "zwgk/minisign.h"
#include "zwgk/package.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static inline int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

/* Removes the tree at dir (nothing when it does not exist). */
static inline void rm_tree(const char *dir)
{
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static inline int copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
    char buf[65536];
    size_t n;
    int rc = a && b ? 0 : -1;
    while (!rc && (n = fread(buf, 1, sizeof buf, a)) > 0)
        rc = fwrite(buf, 1, n, b) == n ? 0 : -1;
    if (a)
        fclose(a);
    if (b && fclose(b) != 0)
        rc = -1;
    return rc;
}

static inline void write_text(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(text, 1, len, f) == len);
        fclose(f);
    }
}

enum sign_style { SIGN_ZWGK, SIGN_MINISIGN_DEFAULT, SIGN_LEGACY };

/* Writes NAME.minisig for the file at path as `zwgk-admin sign` (SIGN_ZWGK, with publisher and version), as plain
 * `minisign -Sm` (its default comment) or as `minisign -S -l` would.  name_in_comment: the file name to bind (NULL:
 * the file's own). */
static inline void sign_as(const char *path, const minisign_seckey_t *sk, enum sign_style style, const char *publisher,
                           long long version, const char *name_in_comment)
{
    char comment[1024], sig_path[1024];
    unsigned char hash[MINISIGN_HASH_BYTES];
    unsigned long long size = 0;
    minisign_sig_t sig;
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0 && minisign_hash_fd(fd, hash, &size) == ZWGK_OK);
    close(fd);
    const char *name = name_in_comment ? name_in_comment : strrchr(path, '/') + 1;
    if (style == SIGN_ZWGK || style == SIGN_LEGACY)
        CHECK(package_comment_format(comment, sizeof comment, name, publisher, version, size, hash) == ZWGK_OK);
    else
        snprintf(comment, sizeof comment, "timestamp:1700000000\tfile:%s\thashed", name);
    if (style == SIGN_LEGACY) {
        unsigned char *buf = malloc(size + 1);
        FILE *f = fopen(path, "rb");
        CHECK(f && buf && fread(buf, 1, size, f) == size);
        if (f)
            fclose(f);
        CHECK(minisign_sign_legacy(sk, buf, size, comment, &sig) == ZWGK_OK);
        free(buf);
    } else
        CHECK(minisign_sign_hash(sk, hash, comment, &sig) == ZWGK_OK);
    char *text = minisign_sig_format(&sig, "test signature");
    snprintf(sig_path, sizeof sig_path, "%s.minisig", path);
    CHECK(text != NULL);
    if (text)
        write_text(sig_path, text, strlen(text));
    free(text);
}

/* The version of the kiosk's current content in the data directory, opened as the UI would; -1 when it does not
 * open. */
static inline long long current_version(const char *data)
{
    char path[1024], err[256];
    local_t *l = local_open(data, err, sizeof err);
    long long v = -1;
    if (l && local_content_path(l, path, sizeof path) == ZWGK_OK) {
        content_t *c = content_open(path, err, sizeof err);
        if (c)
            v = content_meta(c)->content_version;
        content_close(c);
    }
    local_close(l);
    return v;
}

#endif
