/* minisign.c — the minisign key and signature formats (zwgk/minisign.h), over libsodium.
 *
 * Parsing works on a whole file already in memory, split into lines that may end in LF or CRLF (and a leading
 * byte order mark is skipped), so a signature that passed through a Windows editor reads the same.  Every field is
 * decoded into a fixed-size struct and checked for its exact length: a file is either fully understood or refused,
 * never half-used.  The cryptography is libsodium's one-shot Ed25519 (crypto_sign_detached /
 * crypto_sign_verify_detached) — for "ED" over the 64-byte BLAKE2b-512 of the file, computed here with
 * crypto_generichash streaming.  libsodium's own multi-part crypto_sign_*_update API is Ed25519ph (SHA-512) and is
 * deliberately not used: minisign does not verify with it. */
#include "zwgk/minisign.h"
#include "zwgk/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COMMENT_PREFIX         "untrusted comment: "
#define TRUSTED_COMMENT_PREFIX "trusted comment: "
#define ALG_LEGACY             "Ed"
#define ALG_HASHED             "ED"
#define KDF_NONE               "\0\0"
#define KDF_SCRYPT             "Sc"
#define CHK_BLAKE2B            "B2"

enum {
    PUBKEY_BYTES = 2 + MINISIGN_KEYNUM_BYTES + 32,
    SIG_BYTES = 2 + MINISIGN_KEYNUM_BYTES + 64,
    /* sig_alg, kdf_alg, chk_alg, salt, opslimit, memlimit, keynum, sk, chk */
    SECKEY_BYTES = 2 + 2 + 2 + 32 + 8 + 8 + MINISIGN_KEYNUM_BYTES + 64 + 32,
    SECKEY_KEYNUM_AT = 2 + 2 + 2 + 32 + 8 + 8,
    SECKEY_SK_AT = SECKEY_KEYNUM_AT + MINISIGN_KEYNUM_BYTES,
    SECKEY_CHK_AT = SECKEY_SK_AT + 64,
};

/* One line of a text: [start, start+len) without its LF and a CR before it. */
typedef struct line {
    const char *start;
    size_t len;
} line_t;

/* Splits text into at most max lines; returns how many.  A UTF-8 byte order mark (Notepad) is skipped. */
static size_t split_lines(const char *text, size_t len, line_t *lines, size_t max)
{
    size_t n = 0, i = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len && n < max) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t l = end - i;
        if (l > 0 && text[i + l - 1] == '\r')
            l--;
        lines[n].start = text + i;
        lines[n].len = l;
        n++;
        i = end + 1;
    }
    return n;
}

static int starts_with(const line_t *l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l->len >= n && memcmp(l->start, prefix, n) == 0;
}

static int is_blank(const line_t *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->start[i] != ' ' && l->start[i] != '\t')
            return 0;
    return 1;
}

/* Decodes a base64 line (trailing blanks ignored) into exactly want bytes.  Returns 0 on success. */
static int b64_exact(const line_t *l, unsigned char *out, size_t want)
{
    size_t n = l->len, got = 0;
    while (n > 0 && (l->start[n - 1] == ' ' || l->start[n - 1] == '\t'))
        n--;
    if (n == 0 || n > 4 * ((want + 2) / 3))
        return -1;
    const char *end = NULL;
    if (sodium_base642bin(out, want, l->start, n, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == want && end == l->start + n ? 0 : -1;
}

static void b64_put(char *out, size_t cap, const unsigned char *bin, size_t len)
{
    sodium_bin2base64(out, cap, bin, len, sodium_base64_VARIANT_ORIGINAL);
}

static unsigned long long le64_load(const unsigned char b[8])
{
    unsigned long long v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | b[i];
    return v;
}

zwgk_result minisign_init(void)
{
    return sodium_init() < 0 ? ZWGK_ERR_UNSUPPORTED : ZWGK_OK;
}

void minisign_keyid(const unsigned char keynum[MINISIGN_KEYNUM_BYTES], char out[MINISIGN_KEYID_LEN])
{
    snprintf(out, MINISIGN_KEYID_LEN, "%016llX", le64_load(keynum));
}

/* Reads a small file whole into a malloc'ed buffer.  Returns NULL with a reason in err. */
static char *read_small(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
    char *buf = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto done;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < 0 || (unsigned long long)st.st_size > max) {
        snprintf(err, errlen, _("%s: not a key file (not a regular file of at most %zu bytes)"), path, max);
        goto done;
    }
    buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        snprintf(err, errlen, _("out of memory"));
        goto done;
    }
    ssize_t n = read(fd, buf, (size_t)st.st_size);
    if (n < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        free(buf);
        buf = NULL;
        goto done;
    }
    buf[n] = '\0';
    *len = (size_t)n;
done:
    if (fd >= 0)
        close(fd);
    return buf;
}

/* The first line that is neither blank nor an untrusted comment, or NULL. */
static const line_t *key_line(const line_t *lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_blank(&lines[i]) && !starts_with(&lines[i], COMMENT_PREFIX))
            return &lines[i];
    return NULL;
}

zwgk_result minisign_pubkey_parse(const char *text, size_t len, minisign_pubkey_t *out, char *err, size_t errlen)
{
    line_t lines[4];
    size_t n = split_lines(text, len, lines, 4);
    const line_t *l = key_line(lines, n);
    unsigned char raw[PUBKEY_BYTES];
    if (!l || b64_exact(l, raw, sizeof raw) != 0) {
        snprintf(err, errlen, _("not a minisign public key (expected a base64 line of %d bytes)"), PUBKEY_BYTES);
        return ZWGK_ERR_FORMAT;
    }
    if (memcmp(raw, ALG_LEGACY, 2) != 0) {
        snprintf(err, errlen, _("unsupported public key algorithm '%.2s'"), (const char *)raw);
        return ZWGK_ERR_FORMAT;
    }
    memcpy(out->keynum, raw + 2, MINISIGN_KEYNUM_BYTES);
    memcpy(out->pk, raw + 2 + MINISIGN_KEYNUM_BYTES, 32);
    return ZWGK_OK;
}

zwgk_result minisign_pubkey_load(const char *path, minisign_pubkey_t *out, char *err, size_t errlen)
{
    size_t len = 0;
    char *text = read_small(path, 4096, &len, err, errlen);
    if (!text)
        return ZWGK_ERR_IO;
    char why[160];
    zwgk_result r = minisign_pubkey_parse(text, len, out, why, sizeof why);
    if (r != ZWGK_OK)
        snprintf(err, errlen, "%s: %s", path, why);
    free(text);
    return r;
}

void minisign_pubkey_format(const minisign_pubkey_t *pk, int line_only, char out[MINISIGN_PUBKEY_TEXT_MAX])
{
    unsigned char raw[PUBKEY_BYTES];
    char b64[sodium_base64_ENCODED_LEN(PUBKEY_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    char id[MINISIGN_KEYID_LEN];
    memcpy(raw, ALG_LEGACY, 2);
    memcpy(raw + 2, pk->keynum, MINISIGN_KEYNUM_BYTES);
    memcpy(raw + 2 + MINISIGN_KEYNUM_BYTES, pk->pk, 32);
    b64_put(b64, sizeof b64, raw, sizeof raw);
    minisign_keyid(pk->keynum, id);
    if (line_only)
        snprintf(out, MINISIGN_PUBKEY_TEXT_MAX, "%s", b64);
    else
        snprintf(out, MINISIGN_PUBKEY_TEXT_MAX, COMMENT_PREFIX "minisign public key %s\n%s\n", id, b64);
}

/* BLAKE2b-256 over sig_alg || keynum || sk: minisign's secret key checksum. */
static void seckey_checksum(const unsigned char raw[SECKEY_BYTES], unsigned char chk[32])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    crypto_generichash_update(&st, raw, 2);
    crypto_generichash_update(&st, raw + SECKEY_KEYNUM_AT, MINISIGN_KEYNUM_BYTES);
    crypto_generichash_update(&st, raw + SECKEY_SK_AT, 64);
    crypto_generichash_final(&st, chk, 32);
}

static int all_zero(const unsigned char *p, size_t n)
{
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

zwgk_result minisign_seckey_parse(const char *text, size_t len, minisign_seckey_t *out, char *err, size_t errlen)
{
    line_t lines[4];
    size_t n = split_lines(text, len, lines, 4);
    const line_t *l = key_line(lines, n);
    unsigned char raw[SECKEY_BYTES], chk[32];
    zwgk_result r = ZWGK_ERR_FORMAT;
    if (!l || b64_exact(l, raw, sizeof raw) != 0) {
        snprintf(err, errlen, _("not a minisign secret key (expected a base64 line of %d bytes)"), SECKEY_BYTES);
        goto done;
    }
    if (memcmp(raw, ALG_LEGACY, 2) != 0 || memcmp(raw + 4, CHK_BLAKE2B, 2) != 0) {
        snprintf(err, errlen, _("unsupported secret key algorithm"));
        goto done;
    }
    if (memcmp(raw + 2, KDF_SCRYPT, 2) == 0) {
        snprintf(err, errlen, "%s",
                 _("the secret key is protected by a password; zwgk-admin signs with unencrypted keys only "
                   "(remove the password with `minisign -C -W -s KEYFILE`, or use `minisign -Sm`)"));
        r = ZWGK_ERR_UNSUPPORTED;
        goto done;
    }
    if (memcmp(raw + 2, KDF_NONE, 2) != 0) {
        snprintf(err, errlen, _("unsupported key derivation '%.2s'"), (const char *)raw + 2);
        goto done;
    }
    seckey_checksum(raw, chk);
    if (!all_zero(raw + SECKEY_CHK_AT, 32) && sodium_memcmp(chk, raw + SECKEY_CHK_AT, 32) != 0) {
        snprintf(err, errlen, _("the secret key is damaged (checksum mismatch)"));
        goto done;
    }
    memcpy(out->keynum, raw + SECKEY_KEYNUM_AT, MINISIGN_KEYNUM_BYTES);
    memcpy(out->sk, raw + SECKEY_SK_AT, 64);
    r = ZWGK_OK;
done:
    sodium_memzero(raw, sizeof raw);
    return r;
}

zwgk_result minisign_seckey_load(const char *path, minisign_seckey_t *out, char *err, size_t errlen)
{
    size_t len = 0;
    char *text = read_small(path, 4096, &len, err, errlen);
    if (!text)
        return ZWGK_ERR_IO;
    char why[256];
    zwgk_result r = minisign_seckey_parse(text, len, out, why, sizeof why);
    if (r != ZWGK_OK)
        snprintf(err, errlen, "%s: %s", path, why);
    sodium_memzero(text, len);
    free(text);
    return r;
}

void minisign_seckey_format(const minisign_seckey_t *sk, char out[MINISIGN_SECKEY_TEXT_MAX])
{
    unsigned char raw[SECKEY_BYTES];
    char b64[sodium_base64_ENCODED_LEN(SECKEY_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    memset(raw, 0, sizeof raw);
    memcpy(raw, ALG_LEGACY, 2);
    memcpy(raw + 2, KDF_NONE, 2);
    memcpy(raw + 4, CHK_BLAKE2B, 2);
    memcpy(raw + SECKEY_KEYNUM_AT, sk->keynum, MINISIGN_KEYNUM_BYTES);
    memcpy(raw + SECKEY_SK_AT, sk->sk, 64);
    seckey_checksum(raw, raw + SECKEY_CHK_AT);
    b64_put(b64, sizeof b64, raw, sizeof raw);
    snprintf(out, MINISIGN_SECKEY_TEXT_MAX, COMMENT_PREFIX "minisign encrypted secret key\n%s\n", b64);
    sodium_memzero(raw, sizeof raw);
    sodium_memzero(b64, sizeof b64);
}

void minisign_keygen(minisign_pubkey_t *pk, minisign_seckey_t *sk)
{
    randombytes_buf(sk->keynum, sizeof sk->keynum);
    crypto_sign_keypair(pk->pk, sk->sk);
    memcpy(pk->keynum, sk->keynum, sizeof pk->keynum);
}

void minisign_seckey_pubkey(const minisign_seckey_t *sk, minisign_pubkey_t *pk)
{
    memcpy(pk->keynum, sk->keynum, sizeof pk->keynum);
    crypto_sign_ed25519_sk_to_pk(pk->pk, sk->sk);
}

zwgk_result minisign_sig_parse(const char *text, size_t len, minisign_sig_t *out, char *err, size_t errlen)
{
    line_t lines[4];
    unsigned char raw[SIG_BYTES];
    size_t tp = strlen(TRUSTED_COMMENT_PREFIX);
    if (len == 0) {
        snprintf(err, errlen, _("the signature file is empty"));
        return ZWGK_ERR_FORMAT;
    }
    size_t n = split_lines(text, len, lines, 4);
    if (n < 1 || !starts_with(&lines[0], COMMENT_PREFIX)) {
        snprintf(err, errlen, _("line 1 should start with \"%s\""), COMMENT_PREFIX);
        return ZWGK_ERR_FORMAT;
    }
    if (n < 2 || b64_exact(&lines[1], raw, sizeof raw) != 0) {
        snprintf(err, errlen, _("line 2 is not a base64 signature of %d bytes"), SIG_BYTES);
        return ZWGK_ERR_FORMAT;
    }
    if (memcmp(raw, ALG_HASHED, 2) == 0)
        out->prehashed = 1;
    else if (memcmp(raw, ALG_LEGACY, 2) == 0)
        out->prehashed = 0;
    else {
        snprintf(err, errlen, _("line 2: unsupported signature algorithm"));
        return ZWGK_ERR_FORMAT;
    }
    if (n < 3 || !starts_with(&lines[2], TRUSTED_COMMENT_PREFIX)) {
        snprintf(err, errlen, _("line 3 should start with \"%s\""), TRUSTED_COMMENT_PREFIX);
        return ZWGK_ERR_FORMAT;
    }
    size_t tlen = lines[2].len - tp;
    if (tlen >= MINISIGN_TRUSTED_COMMENT_MAX || memchr(lines[2].start + tp, '\0', tlen) ||
        memchr(lines[2].start + tp, '\r', tlen)) {
        snprintf(err, errlen, _("line 3: the trusted comment is too long or holds a NUL or CR"));
        return ZWGK_ERR_FORMAT;
    }
    if (n < 4 || b64_exact(&lines[3], out->global_sig, sizeof out->global_sig) != 0) {
        snprintf(err, errlen, _("line 4 is not a base64 global signature of 64 bytes"));
        return ZWGK_ERR_FORMAT;
    }
    memcpy(out->keynum, raw + 2, MINISIGN_KEYNUM_BYTES);
    memcpy(out->sig, raw + 2 + MINISIGN_KEYNUM_BYTES, 64);
    memcpy(out->trusted_comment, lines[2].start + tp, tlen);
    out->trusted_comment[tlen] = '\0';
    return ZWGK_OK;
}

char *minisign_sig_format(const minisign_sig_t *sig, const char *untrusted_comment)
{
    unsigned char raw[SIG_BYTES];
    char b64sig[sodium_base64_ENCODED_LEN(SIG_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    char b64global[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)];
    memcpy(raw, sig->prehashed ? ALG_HASHED : ALG_LEGACY, 2);
    memcpy(raw + 2, sig->keynum, MINISIGN_KEYNUM_BYTES);
    memcpy(raw + 2 + MINISIGN_KEYNUM_BYTES, sig->sig, 64);
    b64_put(b64sig, sizeof b64sig, raw, sizeof raw);
    b64_put(b64global, sizeof b64global, sig->global_sig, 64);
    size_t cap = strlen(untrusted_comment) + strlen(sig->trusted_comment) + sizeof b64sig + sizeof b64global + 64;
    char *out = malloc(cap);
    if (out)
        snprintf(out, cap, COMMENT_PREFIX "%s\n%s\n" TRUSTED_COMMENT_PREFIX "%s\n%s\n", untrusted_comment, b64sig,
                 sig->trusted_comment, b64global);
    return out;
}

const minisign_pubkey_t *minisign_key_find(const minisign_sig_t *sig, const minisign_pubkey_t *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (memcmp(keys[i].keynum, sig->keynum, MINISIGN_KEYNUM_BYTES) == 0)
            return &keys[i];
    return NULL;
}

/* signature || trusted comment, the message of the global signature; malloc'ed. */
static unsigned char *global_message(const unsigned char sig[64], const char *comment, size_t *len)
{
    size_t clen = strlen(comment);
    unsigned char *m = malloc(64 + clen);
    if (m) {
        memcpy(m, sig, 64);
        memcpy(m + 64, comment, clen);
        *len = 64 + clen;
    }
    return m;
}

zwgk_result minisign_verify_comment(const minisign_sig_t *sig, const minisign_pubkey_t *pk)
{
    size_t len = 0;
    unsigned char *m = global_message(sig->sig, sig->trusted_comment, &len);
    if (!m)
        return ZWGK_ERR_NOMEM;
    int bad = memcmp(sig->keynum, pk->keynum, MINISIGN_KEYNUM_BYTES) != 0 ||
              crypto_sign_verify_detached(sig->global_sig, m, len, pk->pk) != 0;
    free(m);
    return bad ? ZWGK_ERR_SIGNATURE : ZWGK_OK;
}

zwgk_result minisign_verify_hash(const minisign_sig_t *sig, const minisign_pubkey_t *pk,
                                 const unsigned char hash[MINISIGN_HASH_BYTES])
{
    if (!sig->prehashed || memcmp(sig->keynum, pk->keynum, MINISIGN_KEYNUM_BYTES) != 0)
        return ZWGK_ERR_SIGNATURE;
    return crypto_sign_verify_detached(sig->sig, hash, MINISIGN_HASH_BYTES, pk->pk) == 0 ? ZWGK_OK : ZWGK_ERR_SIGNATURE;
}

zwgk_result minisign_verify_message(const minisign_sig_t *sig, const minisign_pubkey_t *pk, const unsigned char *msg,
                                    size_t len)
{
    if (sig->prehashed) {
        unsigned char hash[MINISIGN_HASH_BYTES];
        crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
        return minisign_verify_hash(sig, pk, hash);
    }
    if (memcmp(sig->keynum, pk->keynum, MINISIGN_KEYNUM_BYTES) != 0)
        return ZWGK_ERR_SIGNATURE;
    return crypto_sign_verify_detached(sig->sig, msg, len, pk->pk) == 0 ? ZWGK_OK : ZWGK_ERR_SIGNATURE;
}

/* Fills in the global signature and the comment of a signature whose sig is made. */
static zwgk_result sign_comment(const minisign_seckey_t *sk, const char *trusted_comment, minisign_sig_t *out)
{
    size_t clen = strlen(trusted_comment), len = 0;
    if (clen >= MINISIGN_TRUSTED_COMMENT_MAX || strpbrk(trusted_comment, "\r\n"))
        return ZWGK_ERR_INVALID;
    memcpy(out->trusted_comment, trusted_comment, clen + 1);
    memcpy(out->keynum, sk->keynum, MINISIGN_KEYNUM_BYTES);
    unsigned char *m = global_message(out->sig, trusted_comment, &len);
    if (!m)
        return ZWGK_ERR_NOMEM;
    crypto_sign_detached(out->global_sig, NULL, m, len, sk->sk);
    free(m);
    return ZWGK_OK;
}

zwgk_result minisign_sign_hash(const minisign_seckey_t *sk, const unsigned char hash[MINISIGN_HASH_BYTES],
                               const char *trusted_comment, minisign_sig_t *out)
{
    out->prehashed = 1;
    crypto_sign_detached(out->sig, NULL, hash, MINISIGN_HASH_BYTES, sk->sk);
    return sign_comment(sk, trusted_comment, out);
}

zwgk_result minisign_sign_legacy(const minisign_seckey_t *sk, const unsigned char *msg, size_t len,
                                 const char *trusted_comment, minisign_sig_t *out)
{
    out->prehashed = 0;
    crypto_sign_detached(out->sig, NULL, msg, len, sk->sk);
    return sign_comment(sk, trusted_comment, out);
}

zwgk_result minisign_hash_fd(int fd, unsigned char hash[MINISIGN_HASH_BYTES], unsigned long long *size)
{
    enum { BLOCK = 1 << 20 };
    unsigned char *buf = malloc(BLOCK);
    crypto_generichash_state st;
    zwgk_result r = ZWGK_OK;
    unsigned long long total = 0;
    if (!buf)
        return ZWGK_ERR_NOMEM;
    crypto_generichash_init(&st, NULL, 0, MINISIGN_HASH_BYTES);
    for (;;) {
        ssize_t n = read(fd, buf, BLOCK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            r = ZWGK_ERR_IO;
            break;
        }
        if (n == 0)
            break;
        crypto_generichash_update(&st, buf, (size_t)n);
        total += (unsigned long long)n;
    }
    crypto_generichash_final(&st, hash, MINISIGN_HASH_BYTES);
    if (size)
        *size = total;
    free(buf);
    return r;
}
