/* cmd_keys.c — `zwgk-admin keygen` and `zwgk-admin sign`: the county's signing key and the package signature.
 *
 * Both write minisign's formats (zwgk/minisign.h), so Debian's `minisign` can check or replace either step.  The
 * secret key is unencrypted, as `minisign -G -W` writes it: it is meant to live on the admin's computer only, never
 * on a kiosk.  sign refuses a database the kiosk would refuse (package_content_check), so a bad package is caught at
 * the desk and not at every kiosk, and it writes the .minisig atomically (temporary file, fsync, rename). */
#include "admin.h"
#include "zwgk/i18n.h"
#include "zwgk/minisign.h"
#include "zwgk/package.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes text to path (mode, refusing to replace an existing file unless force); 0 on success. */
static int write_key_file(const char *path, const char *text, mode_t mode, int force)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (force ? O_TRUNC : O_EXCL), mode);
    if (fd < 0) {
        fprintf(stderr, _("zwgk-admin keygen: %s: %s%s\n"), path, strerror(errno),
                errno == EEXIST ? _(" (use -f to replace it)") : "");
        return -1;
    }
    size_t n = strlen(text);
    int bad = write(fd, text, n) != (ssize_t)n || fchmod(fd, mode) != 0 || fsync(fd) != 0;
    if (close(fd) != 0 || bad) {
        fprintf(stderr, _("zwgk-admin keygen: cannot write %s: %s\n"), path, strerror(errno));
        return -1;
    }
    return 0;
}

int admin_keygen(int argc, char **argv)
{
    const char *pub_path = "zwgk.pub", *sec_path = "zwgk.key";
    int force = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-p") && i + 1 < argc)
            pub_path = argv[++i];
        else if (!strcmp(argv[i], "-s") && i + 1 < argc)
            sec_path = argv[++i];
        else if (!strcmp(argv[i], "-f"))
            force = 1;
        else {
            fprintf(stderr, "%s", _("usage: zwgk-admin keygen [-p PUB] [-s SECRET] [-f]\n"));
            return 2;
        }
    }
    if (minisign_init() != ZWGK_OK) {
        fprintf(stderr, "%s", _("zwgk-admin keygen: libsodium cannot start\n"));
        return 1;
    }
    minisign_pubkey_t pk;
    minisign_seckey_t sk;
    char sec_text[MINISIGN_SECKEY_TEXT_MAX], pub_text[MINISIGN_PUBKEY_TEXT_MAX], line[MINISIGN_PUBKEY_TEXT_MAX];
    char id[MINISIGN_KEYID_LEN];
    int rc = 1;
    minisign_keygen(&pk, &sk);
    minisign_seckey_format(&sk, sec_text);
    minisign_pubkey_format(&pk, 0, pub_text);
    minisign_pubkey_format(&pk, 1, line);
    minisign_keyid(pk.keynum, id);
    if (write_key_file(sec_path, sec_text, 0600, force) != 0)
        goto done;
    if (write_key_file(pub_path, pub_text, 0644, force) != 0) {
        unlink(sec_path); /* a secret key without its public key is of no use */
        goto done;
    }
    printf(_("key id:     %s\n"
             "secret key: %s   (keep it on the signing computer only; anyone who has it can publish to the kiosks)\n"
             "public key: %s\n\n"
             "For each kiosk's kiosk.conf:\n"
             "trusted_key = %s\n"),
           id, sec_path, pub_path, line);
    rc = 0;
done:
    sodium_memzero(&sk, sizeof sk);
    sodium_memzero(sec_text, sizeof sec_text);
    return rc;
}

/* Writes text as path atomically: a dot-named temporary beside it, fsynced, renamed over path, directory fsynced. */
static int write_atomic(const char *path, const char *text)
{
    char tmp[4200], dir[4096];
    const char *slash = strrchr(path, '/');
    if (strlen(path) >= sizeof dir)
        return -1;
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        snprintf(dir, sizeof dir, ".");
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp%ld", dir, slash ? slash + 1 : path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    size_t n = strlen(text);
    int bad = write(fd, text, n) != (ssize_t)n || fsync(fd) != 0;
    bad |= close(fd) != 0;
    if (bad || rename(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        return -1;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bad = dfd < 0 || fsync(dfd) != 0;
    if (dfd >= 0)
        close(dfd);
    return bad ? -1 : 0;
}

int admin_sign(int argc, char **argv)
{
    const char *pkg = NULL, *key_path = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--key") && i + 1 < argc)
            key_path = argv[++i];
        else if (argv[i][0] != '-' && !pkg)
            pkg = argv[i];
        else {
            pkg = NULL;
            break;
        }
    }
    if (!pkg || !key_path) {
        fprintf(stderr, "%s", _("usage: zwgk-admin sign PKG --key SECRET\n"));
        return 2;
    }
    minisign_seckey_t sk;
    minisign_pubkey_t pk;
    minisign_sig_t *sig = calloc(1, sizeof *sig);
    package_result_t *check = calloc(1, sizeof *check);
    unsigned char hash[MINISIGN_HASH_BYTES];
    unsigned long long size = 0;
    char err[512], comment[1024], sig_path[4200], *text = NULL;
    int fd = -1, rc = 1;
    memset(&sk, 0, sizeof sk);
    if (!sig || !check || minisign_init() != ZWGK_OK) {
        fprintf(stderr, "%s", _("zwgk-admin sign: out of memory or no libsodium\n"));
        goto done;
    }
    if (minisign_seckey_load(key_path, &sk, err, sizeof err) != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin sign: %s\n"), err);
        goto done;
    }
    if (package_content_check(pkg, check) != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin sign: %s: a kiosk would refuse this database (%s): %s\n"), pkg,
                package_reason_key(check->reason), check->detail);
        goto done;
    }
    fd = open(pkg, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || minisign_hash_fd(fd, hash, &size) != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin sign: cannot read %s: %s\n"), pkg, strerror(errno));
        goto done;
    }
    const char *name = strrchr(pkg, '/') ? strrchr(pkg, '/') + 1 : pkg;
    if (package_comment_format(comment, sizeof comment, name, check->publisher_id, check->version, size, hash) !=
        ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin sign: the file name '%s' may not hold spaces or control characters\n"), name);
        goto done;
    }
    minisign_seckey_pubkey(&sk, &pk);
    if (minisign_sign_hash(&sk, hash, comment, sig) != ZWGK_OK || minisign_verify_hash(sig, &pk, hash) != ZWGK_OK ||
        minisign_verify_comment(sig, &pk) != ZWGK_OK) {
        fprintf(stderr, _("zwgk-admin sign: the signature does not verify: is %s damaged?\n"), key_path);
        goto done;
    }
    text = minisign_sig_format(sig, "signature from zwgk-admin secret key");
    snprintf(sig_path, sizeof sig_path, "%s.minisig", pkg);
    if (!text || write_atomic(sig_path, text) != 0) {
        fprintf(stderr, _("zwgk-admin sign: cannot write %s: %s\n"), sig_path, strerror(errno));
        goto done;
    }
    char id[MINISIGN_KEYID_LEN];
    minisign_keyid(sk.keynum, id);
    printf(_("wrote %s (key %s)\ntrusted comment: %s\n"), sig_path, id, comment);
    rc = 0;
done:
    if (fd >= 0)
        close(fd);
    sodium_memzero(&sk, sizeof sk);
    free(text);
    free(sig);
    free(check);
    return rc;
}
