/* package.c — checking a package before anything is replaced (zwgk/package.h).
 *
 * The checks run cheapest first, so the common refusals (an old stick, a missing signature) cost no copying:
 * the signature file and its trusted comment (which, when written by `zwgk-admin sign`, already names the version,
 * publisher and size), then the package's size, then one pass over the stick's file that copies it into the data
 * directory while hashing it with BLAKE2b-512.  From there on only the private copy is used: the bytes that were
 * hashed are the bytes that are checked and installed, whatever happens to the stick.  The copy is checked for its
 * signature, its SQLite header, its schema (exactly the schema this build writes: no views, no triggers, no extra
 * tables), PRAGMA integrity_check, its meta and its content, each refusal with its own reason.
 *
 * The database checks are in dbcheck.c. */
#include "package_private.h"
#include "zwgk/i18n.h"
#include "zwgk/schema.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define COPY_BLOCK   (1u << 20)
#define SPACE_MARGIN (4ull << 20) /* free space kept besides the copy: local.db, its WAL */

/* The reasons' sentences for the screen, English msgids marked with N_() and translated where they are read
 * (package_reason_text): a table built at start-up cannot be in the reader's language. */
static const struct {
    const char *key, *text;
    zwgk_result result;
} reasons[PACKAGE_REASON_COUNT] = {
    [PACKAGE_OK] = {"ok", N_("The package passed every check."), ZWGK_OK},
    [PACKAGE_NOT_FOUND] = {"not-found", N_("The package file (.db) was not found, or it is not a regular file."),
                           ZWGK_ERR_NOT_FOUND},
    [PACKAGE_SIG_MISSING] = {"sig-missing",
                             N_("The package has no signature file (.db.minisig), so where it comes from cannot be "
                                "confirmed; not installed. Copy both files together."),
                             ZWGK_ERR_SIGNATURE},
    [PACKAGE_SIG_EMPTY] = {"sig-empty",
                           N_("The signature file is empty; not installed. Copy the signature file again."),
                           ZWGK_ERR_SIGNATURE},
    [PACKAGE_SIG_GARBLED] = {"sig-garbled",
                             N_("The signature file is damaged or in the wrong format; not installed. Copy the "
                                "signature file again."),
                             ZWGK_ERR_SIGNATURE},
    [PACKAGE_NO_TRUSTED_KEY] = {"no-trusted-key",
                                N_("No trusted signing key is set on this kiosk, so no package can be installed. "
                                   "Contact the administrator."),
                                ZWGK_ERR_SIGNATURE},
    [PACKAGE_KEY_UNTRUSTED] = {"key-untrusted",
                               N_("The package was not signed by an office this kiosk trusts; not installed."),
                               ZWGK_ERR_SIGNATURE},
    [PACKAGE_COMMENT_EDITED] = {"comment-edited",
                                N_("The description inside the signature was changed, so the signature is not valid; "
                                   "not installed."),
                                ZWGK_ERR_SIGNATURE},
    [PACKAGE_COMMENT_MISMATCH] = {"comment-mismatch",
                                  N_("The signature does not belong to this package (the file name, size or version "
                                     "differ); not installed."),
                                  ZWGK_ERR_SIGNATURE},
    [PACKAGE_EMPTY_FILE] = {"empty-file", N_("The package file is empty (0 bytes); not installed. Copy it again."),
                            ZWGK_ERR_FORMAT},
    [PACKAGE_TOO_LARGE] = {"too-large", N_("The package is larger than this kiosk allows; not installed."),
                           ZWGK_ERR_INVALID},
    [PACKAGE_INCOMPLETE] = {"incomplete",
                            N_("The package file is incomplete, perhaps not copied to the end; not installed. Copy it "
                               "again."),
                            ZWGK_ERR_IO},
    [PACKAGE_SIG_INVALID] = {"sig-invalid",
                             N_("The package does not match its signature: the file may be damaged or changed; not "
                                "installed."),
                             ZWGK_ERR_SIGNATURE},
    [PACKAGE_NOT_SQLITE] = {"not-sqlite", N_("This is not a content database file; not installed."), ZWGK_ERR_FORMAT},
    [PACKAGE_NOT_CONTENT] = {"not-content",
                             N_("This database is not the content of a disclosure zone kiosk; not installed."),
                             ZWGK_ERR_FORMAT},
    [PACKAGE_FORMAT_UNSUPPORTED] = {"format-unsupported",
                                    N_("The content format version does not match this kiosk's software; not "
                                       "installed. Update the kiosk's software, or make the package again with the "
                                       "matching version."),
                                    ZWGK_ERR_UNSUPPORTED},
    [PACKAGE_DB_DAMAGED] = {"db-damaged", N_("The content database is damaged; not installed."), ZWGK_ERR_FORMAT},
    [PACKAGE_CONTENT_INVALID] = {"content-invalid",
                                 N_("The content has errors (required fields missing, broken links or wrong web "
                                    "addresses); not installed."),
                                 ZWGK_ERR_INVALID},
    [PACKAGE_WRONG_PUBLISHER] = {"wrong-publisher",
                                 N_("This content was published by another office, which this kiosk does not accept; "
                                    "not installed."),
                                 ZWGK_ERR_INVALID},
    [PACKAGE_OLD_VERSION] = {"old-version",
                             N_("This package is older than the content on this kiosk now; not installed."),
                             ZWGK_ERR_INVALID},
    [PACKAGE_SAME_VERSION] = {"same-version", N_("This kiosk already has this version; nothing to install."),
                              ZWGK_ERR_INVALID},
    [PACKAGE_NO_SPACE] = {"no-space",
                          N_("The kiosk's storage is full; not installed. The current content stays in use."),
                          ZWGK_ERR_IO},
    [PACKAGE_IO_ERROR] = {"io-error",
                          N_("A file could not be read or written; not installed. The current content stays in use."),
                          ZWGK_ERR_IO},
    [PACKAGE_BUSY] = {"busy", N_("Another package is being installed. Please try again later."), ZWGK_ERR_IO},
    [PACKAGE_CANCELLED] = {"cancelled", N_("The installation was cancelled. The current content stays in use."),
                           ZWGK_ERR_IO},
    [PACKAGE_NO_PREVIOUS] = {"no-previous", N_("There is no previous version to go back to."), ZWGK_ERR_NOT_FOUND},
    [PACKAGE_ROLLED_BACK] = {"rolled-back",
                             N_("An administrator rolled back from this version, so it is no longer installed "
                                "automatically; insert a newer package."),
                             ZWGK_ERR_INVALID},
};

const char *package_reason_key(package_reason_t r)
{
    return (unsigned)r < PACKAGE_REASON_COUNT ? reasons[r].key : "unknown";
}

const char *package_reason_text(package_reason_t r)
{
    return (unsigned)r < PACKAGE_REASON_COUNT ? _(reasons[r].text) : _("Unknown error.");
}

zwgk_result package_reason_result(package_reason_t r)
{
    return (unsigned)r < PACKAGE_REASON_COUNT ? reasons[r].result : ZWGK_ERR_INVALID;
}

zwgk_result package_refuse(package_result_t *res, package_reason_t reason, const char *fmt, ...)
{
    va_list ap, ap2;
    res->reason = reason;
    snprintf(res->message, sizeof res->message, "%s", package_reason_text(reason));
    va_start(ap, fmt);
    va_copy(ap2, ap);
    vsnprintf(res->detail, sizeof res->detail, fmt[0] ? _(fmt) : fmt, ap); /* _(""): the catalog's header */
    vsnprintf(res->history_detail, sizeof res->history_detail, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    return package_reason_result(reason);
}

void package_say(package_result_t *res, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(res->message, sizeof res->message, fmt, ap);
    va_end(ap);
}

int package_progress(const package_options_t *opt, package_phase_t phase, unsigned long long done,
                     unsigned long long total)
{
    return opt->progress ? opt->progress(opt->progress_user, phase, done, total) : 0;
}

zwgk_result package_options_from_config(package_options_t *opt, minisign_pubkey_t keys[CONFIG_MAX_LIST],
                                        const config_t *cfg, char *err, size_t errlen)
{
    zwgk_result r = ZWGK_OK;
    size_t n = 0, used = 0;
    memset(opt, 0, sizeof *opt);
    if (errlen)
        err[0] = '\0';
    /* A bad line is reported, never allowed to drop the good keys beside it (issue 12.7: a typo in the rotation key
     * made the kiosk refuse every package). */
    for (int i = 0; i < cfg->ntrusted_keys && i < CONFIG_MAX_LIST; i++) {
        char why[160];
        if (minisign_pubkey_parse(cfg->trusted_keys[i], strlen(cfg->trusted_keys[i]), &keys[n], why, sizeof why) ==
            ZWGK_OK) {
            n++;
            continue;
        }
        r = ZWGK_ERR_INVALID;
        int line = cfg->trusted_key_lines[i];
        int w = line > 0
                    ? snprintf(err + used, errlen - used, _("%sline %d: trusted_key %d: %s"), used ? _("; ") : "", line,
                               i + 1, why)
                    : snprintf(err + used, errlen - used, _("%strusted_key %d: %s"), used ? _("; ") : "", i + 1, why);
        if (w > 0 && used + (size_t)w < errlen)
            used += (size_t)w;
    }
    if (r != ZWGK_OK && used + 40 < errlen)
        snprintf(err + used, errlen - used, _(" (ignored; keys still trusted: %zu)"), n);
    opt->trusted_keys = keys;
    opt->ntrusted_keys = n;
    opt->publisher_id = cfg->publisher_id;
    opt->max_bytes = cfg->max_package_mb * 1024 * 1024;
    return r;
}

/* ---- the trusted comment ---- */

#define COMMENT_TAG "zwgk-package "

typedef struct binding {
    int full; /* 1: zwgk-package comment (every field); 0: minisign's default (file name only) */
    char file[256];
    char publisher[64];
    long long version;
    unsigned long long size;
    unsigned char hash[MINISIGN_HASH_BYTES];
} binding_t;

static int name_ok(const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return 0;
    return *name != '\0';
}

zwgk_result package_comment_format(char *out, size_t cap, const char *file_name, const char *publisher_id,
                                   long long version, unsigned long long size,
                                   const unsigned char hash[MINISIGN_HASH_BYTES])
{
    char hex[2 * MINISIGN_HASH_BYTES + 1];
    if (!name_ok(file_name) || !name_ok(publisher_id) || strlen(file_name) >= 256)
        return ZWGK_ERR_INVALID;
    sodium_bin2hex(hex, sizeof hex, hash, MINISIGN_HASH_BYTES);
    int n = snprintf(out, cap, COMMENT_TAG "file=%s publisher=%s version=%lld size=%llu blake2b=%s", file_name,
                     publisher_id, version, size, hex);
    return n < 0 || (size_t)n >= cap ? ZWGK_ERR_INVALID : ZWGK_OK;
}

/* Parses a trusted comment; 0 on success. */
static int binding_parse(const char *comment, binding_t *b)
{
    memset(b, 0, sizeof *b);
    if (strncmp(comment, COMMENT_TAG, strlen(COMMENT_TAG)) == 0) {
        int have = 0;
        char buf[MINISIGN_TRUSTED_COMMENT_MAX], *save = NULL;
        snprintf(buf, sizeof buf, "%s", comment + strlen(COMMENT_TAG));
        for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            char *val = strchr(tok, '='), *end = NULL;
            int bad = 0;
            if (!val)
                return -1;
            *val++ = '\0';
            errno = 0;
            if (!strcmp(tok, "file")) {
                bad = strlen(val) >= sizeof b->file;
                snprintf(b->file, sizeof b->file, "%s", val);
                have |= 1;
            } else if (!strcmp(tok, "publisher")) { /* the rules of the database's own meta (zwgk/schema.h) */
                bad = content_publisher_id_problem(val) != NULL;
                snprintf(b->publisher, sizeof b->publisher, "%s", val);
                have |= 2;
            } else if (!strcmp(tok, "version")) {
                bad = content_version_problem(val, &b->version) != NULL;
                have |= 4;
            } else if (!strcmp(tok, "size")) {
                b->size = strtoull(val, &end, 10);
                bad = *val == '-' || *end || errno;
                have |= 8;
            } else if (!strcmp(tok, "blake2b")) {
                bad = strlen(val) != 2 * MINISIGN_HASH_BYTES ||
                      sodium_hex2bin(b->hash, sizeof b->hash, val, strlen(val), NULL, NULL, NULL) != 0;
                have |= 16;
            } /* unknown fields are left for later versions */
            if (bad)
                return -1;
        }
        b->full = 1;
        return have == 31 ? 0 : -1;
    }
    /* minisign's default: "timestamp:1700000000\tfile:NAME\thashed" */
    for (const char *p = comment; p && *p; p = strchr(p, '\t') ? strchr(p, '\t') + 1 : NULL) {
        if (strncmp(p, "file:", 5) == 0) {
            size_t n = strcspn(p + 5, "\t");
            if (n == 0 || n >= sizeof b->file)
                return -1;
            memcpy(b->file, p + 5, n);
            b->file[n] = '\0';
            return 0;
        }
    }
    return -1;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* ---- the signature file ---- */

static zwgk_result read_signature(const char *sig_path, minisign_sig_t *sig, package_result_t *res)
{
    char *text = NULL, why[160];
    zwgk_result r;
    struct stat st;
    int fd = open(sig_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        r = package_refuse(res, PACKAGE_SIG_MISSING, "%s: %s", sig_path,
                           errno == ELOOP ? _("is a symbolic link") : strerror(errno));
        goto done;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        r = package_refuse(res, PACKAGE_SIG_MISSING, N_("%s: not a regular file"), sig_path);
        goto done;
    }
    if (st.st_size == 0) {
        r = package_refuse(res, PACKAGE_SIG_EMPTY, N_("%s: empty file"), sig_path);
        goto done;
    }
    if (st.st_size > MINISIGN_SIG_FILE_MAX) {
        r = package_refuse(res, PACKAGE_SIG_GARBLED, N_("%s: %lld bytes, too large for a signature"), sig_path,
                           (long long)st.st_size);
        goto done;
    }
    text = malloc((size_t)st.st_size);
    ssize_t n = 0, got = 1;
    while (text && got > 0 && n < st.st_size) {
        got = read(fd, text + n, (size_t)(st.st_size - n));
        if (got < 0 && errno == EINTR)
            got = 1;
        else if (got > 0)
            n += got;
    }
    if (!text || got < 0) {
        r = package_refuse(res, PACKAGE_IO_ERROR, "%s: %s", sig_path, text ? strerror(errno) : "out of memory");
        goto done;
    }
    if (minisign_sig_parse(text, (size_t)n, sig, why, sizeof why) != ZWGK_OK) {
        r = package_refuse(res, n == 0 ? PACKAGE_SIG_EMPTY : PACKAGE_SIG_GARBLED, "%s: %s", sig_path, why);
        goto done;
    }
    r = ZWGK_OK;
done:
    if (fd >= 0)
        close(fd);
    free(text);
    return r;
}

/* ---- the private copy ---- */

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        if (w == 0) {
            errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static package_reason_t write_reason(int err)
{
    return err == ENOSPC || err == EDQUOT ? PACKAGE_NO_SPACE : PACKAGE_IO_ERROR;
}

/* Copies src (size bytes) to a new file in dir while hashing it, and leaves the copy open in *out for its fsync
 * (flush_start).  On a refusal no copy is left and *out is -1. */
static zwgk_result copy_and_hash(int src, unsigned long long size, const char *dir, const package_options_t *opt,
                                 package_stage_t *st, unsigned char hash[MINISIGN_HASH_BYTES], int *out,
                                 package_result_t *res)
{
    unsigned char *buf = malloc(COPY_BLOCK);
    crypto_generichash_state hs;
    unsigned long long done = 0;
    zwgk_result r = ZWGK_OK;
    unsigned char rnd[6];
    char rhex[13];
    int dst = -1;

    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(rhex, sizeof rhex, rnd, sizeof rnd);
    snprintf(st->copy_path, sizeof st->copy_path, "%s/" PACKAGE_INCOMING_PREFIX "%ld-%s.db", dir, (long)getpid(), rhex);
    if (!buf) {
        r = package_refuse(res, PACKAGE_IO_ERROR, N_("out of memory"));
        goto done;
    }
    dst = open(st->copy_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (dst < 0) {
        r = package_refuse(res, write_reason(errno), N_("cannot create %s: %s"), st->copy_path, strerror(errno));
        st->copy_path[0] = '\0';
        goto done;
    }
    posix_fadvise(src, 0, 0, POSIX_FADV_SEQUENTIAL);
    crypto_generichash_init(&hs, NULL, 0, MINISIGN_HASH_BYTES);
    for (;;) {
        ssize_t n = read(src, buf, COPY_BLOCK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            r = package_refuse(res, PACKAGE_IO_ERROR, N_("reading the package: %s"), strerror(errno));
            goto done;
        }
        if (n == 0)
            break;
        crypto_generichash_update(&hs, buf, (size_t)n);
        if (write_all(dst, buf, (size_t)n) != 0) {
            r = package_refuse(res, write_reason(errno), N_("writing %s: %s"), st->copy_path, strerror(errno));
            goto done;
        }
        done += (unsigned long long)n;
        if (done > size)
            break;
        if (package_progress(opt, PACKAGE_PHASE_COPY, done, size)) {
            r = package_refuse(res, PACKAGE_CANCELLED, N_("cancelled while copying"));
            goto done;
        }
    }
    crypto_generichash_final(&hs, hash, MINISIGN_HASH_BYTES);
    if (done != size) {
        r = package_refuse(res, PACKAGE_INCOMPLETE,
                           N_("the package changed while being copied (%llu bytes, then %llu)"), size, done);
        goto done;
    }
    *out = dst;
    dst = -1;
done:
    if (dst >= 0)
        close(dst);
    if (r != ZWGK_OK)
        package_stage_discard(st);
    free(buf);
    return r;
}

/* The copy's fsync and close, on a thread of their own while the copy is verified: the disk writes the copy out
 * while the CPU checks it (the checks read the page cache and need nothing durable).  The result is looked at
 * before any check's, as when the fsync came first, and before anything is renamed. */
typedef struct flush_job {
    int fd, err;
    int is_close; /* the call that failed: close, else fsync */
    pthread_t th;
    int threaded;
} flush_job_t;

static void *flush_main(void *arg)
{
    flush_job_t *j = arg;
    /* fsync before the switch, not only at it: a delayed-allocation file system reports a full disk only now */
    if (fsync(j->fd) != 0) {
        j->err = errno;
    }
    if (close(j->fd) != 0 && !j->err) {
        j->err = errno;
        j->is_close = 1;
    }
    return NULL;
}

static void flush_start(flush_job_t *j, int fd)
{
    memset(j, 0, sizeof *j);
    j->fd = fd;
    j->threaded = pthread_create(&j->th, NULL, flush_main, j) == 0;
    if (!j->threaded)
        flush_main(j);
}

/* Joins the flush (once: then, or when it never started, a no-op).  Returns its refusal, if any, in res. */
static zwgk_result flush_finish(flush_job_t *j, const package_stage_t *st, package_result_t *res)
{
    if (j->fd < 0)
        return ZWGK_OK;
    if (j->threaded)
        pthread_join(j->th, NULL);
    j->fd = -1;
    if (!j->err)
        return ZWGK_OK;
    return j->is_close ? package_refuse(res, write_reason(j->err), N_("close %s: %s"), st->copy_path, strerror(j->err))
                       : package_refuse(res, write_reason(j->err), N_("fsync %s: %s"), st->copy_path, strerror(j->err));
}

void package_stage_discard(package_stage_t *st)
{
    if (st->copy_path[0])
        unlink(st->copy_path);
    st->copy_path[0] = '\0';
}

/* Checks a legacy "Ed" signature over the whole copy (mapped: it is our own file, nobody changes it). */
static zwgk_result verify_legacy(const char *path, const minisign_sig_t *sig, const minisign_pubkey_t *key)
{
    zwgk_result r = ZWGK_ERR_IO;
    struct stat st;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size <= 0)
        goto done;
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED)
        goto done;
    r = minisign_verify_message(sig, key, map, (size_t)st.st_size);
    munmap(map, (size_t)st.st_size);
done:
    if (fd >= 0)
        close(fd);
    return r;
}

/* ---- policy ---- */

static zwgk_result check_policy(const package_policy_t *p, const char *publisher, long long version,
                                package_result_t *res)
{
    if (p->publisher_id && p->publisher_id[0] && strcmp(p->publisher_id, publisher) != 0) {
        package_refuse(res, PACKAGE_WRONG_PUBLISHER, N_("publisher '%s'; this kiosk accepts '%s' only"), publisher,
                       p->publisher_id);
        package_say(res,
                    _("This content was published by another office (%s); this kiosk accepts only the content of %s; "
                      "not installed."),
                    publisher, p->publisher_id);
        return package_reason_result(PACKAGE_WRONG_PUBLISHER);
    }
    if (p->installed_version >= 0 && version < p->installed_version) {
        package_refuse(res, PACKAGE_OLD_VERSION, N_("content version %lld is lower than the installed %lld"), version,
                       p->installed_version);
        package_say(
            res,
            _("This package (version %lld) is older than the content on this kiosk now (version %lld); not installed."),
            version, p->installed_version);
        return package_reason_result(PACKAGE_OLD_VERSION);
    }
    if (p->installed_version >= 0 && version == p->installed_version && !p->reinstall) {
        package_refuse(res, PACKAGE_SAME_VERSION, N_("content version %lld is already installed"), version);
        package_say(res, _("This kiosk already has this version (%lld); nothing to install."), version);
        return package_reason_result(PACKAGE_SAME_VERSION);
    }
    if (p->installed_version >= 0 && p->rollback_hold > 0 && version > p->installed_version &&
        version <= p->rollback_hold) {
        package_refuse(res, PACKAGE_ROLLED_BACK,
                       N_("content version %lld: an admin rolled back from version %lld to %lld; waiting for a version "
                          "above %lld"),
                       version, p->rollback_hold, p->installed_version, p->rollback_hold);
        package_say(res,
                    _("An administrator rolled back from version %lld to %lld, so this package (version %lld) is no "
                      "longer installed automatically. To go back to it, press \"Roll back to the previous version\" "
                      "once more in admin mode, or insert a package newer than %lld."),
                    p->rollback_hold, p->installed_version, version, p->rollback_hold);
        return package_reason_result(PACKAGE_ROLLED_BACK);
    }
    return ZWGK_OK;
}

/* ---- staging: every check, in order ---- */

zwgk_result package_stage(const char *db_path, const char *work_dir, const package_options_t *opt,
                          const package_policy_t *policy, package_stage_t *st, package_result_t *res)
{
    minisign_sig_t *sig = malloc(sizeof *sig);
    char *sig_path = malloc(strlen(db_path) + 16);
    unsigned char hash[MINISIGN_HASH_BYTES];
    binding_t b;
    int fd = -1;
    zwgk_result r;
    struct stat sb;
    struct statvfs vfs;
    flush_job_t flush = {.fd = -1};

    memset(st, 0, sizeof *st);
    snprintf(st->file_name, sizeof st->file_name, "%s", base_name(db_path));
    if (!sig || !sig_path || minisign_init() != ZWGK_OK) {
        r = package_refuse(res, PACKAGE_IO_ERROR, N_("out of memory or no libsodium"));
        goto done;
    }
    if (package_progress(opt, PACKAGE_PHASE_SIGNATURE, 0, 0)) {
        r = package_refuse(res, PACKAGE_CANCELLED, N_("cancelled"));
        goto done;
    }
    if (opt->ntrusted_keys == 0) {
        r = package_refuse(res, PACKAGE_NO_TRUSTED_KEY, N_("no trusted key is configured"));
        goto done;
    }
    sprintf(sig_path, "%s.minisig", db_path);
    if ((r = read_signature(sig_path, sig, res)) != ZWGK_OK)
        goto done;
    minisign_keyid(sig->keynum, res->key_id);
    const minisign_pubkey_t *key = minisign_key_find(sig, opt->trusted_keys, opt->ntrusted_keys);
    if (!key) {
        r = package_refuse(res, PACKAGE_KEY_UNTRUSTED, N_("signed by key %s, which this kiosk does not trust"),
                           res->key_id);
        goto done;
    }
    if (minisign_verify_comment(sig, key) != ZWGK_OK) {
        r = package_refuse(res, PACKAGE_COMMENT_EDITED, N_("the trusted comment's signature does not verify: '%.200s'"),
                           sig->trusted_comment);
        goto done;
    }
    if (binding_parse(sig->trusted_comment, &b) != 0 || strcmp(b.file, st->file_name) != 0) {
        r = package_refuse(res, PACKAGE_COMMENT_MISMATCH,
                           N_("the trusted comment '%.200s' does not name the file '%s'"), sig->trusted_comment,
                           st->file_name);
        goto done;
    }
    /* an authenticated zwgk comment already tells an old stick from a new one: refuse before copying */
    if (b.full) {
        snprintf(res->publisher_id, sizeof res->publisher_id, "%s", b.publisher);
        res->version = b.version;
        if ((r = check_policy(policy, b.publisher, b.version, res)) != ZWGK_OK)
            goto done;
    }

    fd = open(db_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        r = package_refuse(res, PACKAGE_NOT_FOUND, "%s: %s", db_path,
                           fd < 0 ? (errno == ELOOP ? _("is a symbolic link") : strerror(errno))
                                  : _("not a regular file"));
        goto done;
    }
    unsigned long long size = (unsigned long long)sb.st_size;
    if (size == 0) {
        r = package_refuse(res, PACKAGE_EMPTY_FILE, N_("%s: 0 bytes"), db_path);
        goto done;
    }
    if (opt->max_bytes > 0 && size > (unsigned long long)opt->max_bytes) {
        package_refuse(res, PACKAGE_TOO_LARGE, N_("%llu bytes; the cap is %lld"), size, opt->max_bytes);
        package_say(res, _("The package is %llu MB, more than the %lld MB this kiosk allows; not installed."),
                    (size + (1 << 20) - 1) >> 20, opt->max_bytes >> 20);
        r = package_reason_result(PACKAGE_TOO_LARGE);
        goto done;
    }
    if (b.full && size != b.size) {
        package_refuse(res, PACKAGE_INCOMPLETE, N_("%llu bytes; the signer recorded %llu"), size, b.size);
        package_say(res,
                    _("The package file has %llu bytes, not the %llu bytes recorded when it was signed: perhaps it was "
                      "not copied to the end; not installed. Copy it again."),
                    size, b.size);
        r = package_reason_result(PACKAGE_INCOMPLETE);
        goto done;
    }
    if (statvfs(work_dir, &vfs) == 0 && (unsigned long long)vfs.f_bavail * vfs.f_frsize < size + SPACE_MARGIN) {
        package_refuse(res, PACKAGE_NO_SPACE, N_("%llu bytes needed in %s, %llu free"), size + SPACE_MARGIN, work_dir,
                       (unsigned long long)vfs.f_bavail * vfs.f_frsize);
        package_say(res,
                    _("The kiosk's storage is full (%llu MB needed, %llu MB free); not installed. The current content "
                      "stays in use."),
                    (size + SPACE_MARGIN) >> 20, ((unsigned long long)vfs.f_bavail * vfs.f_frsize) >> 20);
        r = package_reason_result(PACKAGE_NO_SPACE);
        goto done;
    }
    int copy_fd = -1;
    if ((r = copy_and_hash(fd, size, work_dir, opt, st, hash, &copy_fd, res)) != ZWGK_OK)
        goto done;
    flush_start(&flush, copy_fd);

    if (package_progress(opt, PACKAGE_PHASE_VERIFY, 0, 0)) {
        r = package_refuse(res, PACKAGE_CANCELLED, N_("cancelled"));
        goto done;
    }
    r = sig->prehashed ? minisign_verify_hash(sig, key, hash) : verify_legacy(st->copy_path, sig, key);
    if (r != ZWGK_OK) {
        r = package_refuse(res, PACKAGE_SIG_INVALID, N_("the %s signature by key %s does not match the file's bytes"),
                           sig->prehashed ? "ED" : "legacy Ed", res->key_id);
        goto done;
    }
    if (b.full && sodium_memcmp(hash, b.hash, sizeof hash) != 0) {
        r = package_refuse(res, PACKAGE_COMMENT_MISMATCH, N_("the trusted comment's blake2b is not the file's"));
        goto done;
    }
    r = package_check_database(st->copy_path, opt, res, st);
    if (flush_finish(&flush, st, res) != ZWGK_OK) { /* the fsync came first: its refusal wins */
        r = package_reason_result(res->reason);
        goto done;
    }
    if (r != ZWGK_OK)
        goto done;
    if (b.full && (st->version != b.version || strcmp(st->publisher_id, b.publisher) != 0)) {
        r = package_refuse(res, PACKAGE_COMMENT_MISMATCH,
                           N_("the trusted comment says %s version %lld; the database says %s version %lld"),
                           b.publisher, b.version, st->publisher_id, st->version);
        goto done;
    }
    r = check_policy(policy, st->publisher_id, st->version, res);
done:
    if (flush_finish(&flush, st, res) != ZWGK_OK) /* refused before the checks (signature): the fsync came first */
        r = package_reason_result(res->reason);
    if (r != ZWGK_OK)
        package_stage_discard(st);
    else
        package_refuse(res, PACKAGE_OK, N_("%s: content version %lld of %s, signed by key %s"), st->file_name,
                       st->version, st->publisher_id, res->key_id);
    if (fd >= 0)
        close(fd);
    free(sig);
    free(sig_path);
    return r;
}

zwgk_result package_verify(const char *db_path, const char *work_dir, const package_options_t *opt,
                           package_result_t *res)
{
    char tmp[1024] = "";
    package_stage_t st;
    package_policy_t policy = {opt->publisher_id, -1, 0, 0};
    zwgk_result r;
    memset(res, 0, sizeof *res);
    if (!work_dir) {
        const char *t = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/zwgk-verify-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(tmp))
            return package_refuse(res, PACKAGE_IO_ERROR, N_("cannot create a work directory in %s: %s"),
                                  t && *t ? t : "/tmp", strerror(errno));
        work_dir = tmp;
    }
    r = package_stage(db_path, work_dir, opt, &policy, &st, res);
    package_stage_discard(&st);
    if (tmp[0])
        rmdir(tmp);
    return r;
}
