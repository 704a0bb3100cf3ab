/* minisign.h — keys and detached signatures in the minisign format, checked and made with libsodium.
 *
 * A package is signed with Ed25519 in the format of Frank Denis's minisign, so a county admin can sign with Debian's
 * `minisign` as well as with `zwgk-admin sign`.  Three text files matter:
 *
 *   public key   "untrusted comment: …\n" + base64("Ed" || key id[8] || Ed25519 public key[32])
 *                (the bare base64 line alone is accepted too: it is what kiosk.conf's trusted_key holds)
 *   secret key   "untrusted comment: …\n" + base64("Ed" || kdf "\0\0" || "B2" || salt[32] || opslimit[8] ||
 *                memlimit[8] || key id[8] || Ed25519 secret key[64] || checksum[32]) — unencrypted only
 *                (`minisign -G -W`, or `zwgk-admin keygen`)
 *   signature    "untrusted comment: …\n" + base64(alg[2] || key id[8] || signature[64]) + "\n"
 *                "trusted comment: TEXT\n" + base64(global signature[64]) + "\n"
 *
 * alg "ED" (what minisign ≥ 0.8 writes) signs the 64-byte BLAKE2b-512 hash of the file; alg "Ed" (legacy, `minisign
 * -l`) signs the file itself.  The global signature signs signature[64] || TEXT, so the trusted comment cannot be
 * edited.  Lines may end in CRLF.  Key ids are shown as minisign shows them: 16 upper-case hex digits of the id read
 * as a little-endian 64-bit number.
 *
 * Everything here is pure computation on caller-owned structs except the *_load and minisign_hash_fd helpers, which
 * read files.  All functions are thread-safe once sodium_init() has run (minisign_init does it). */
#ifndef ZWGK_MINISIGN_H
#define ZWGK_MINISIGN_H

#include "zwgk/result.h"

#include <stddef.h>

#define MINISIGN_KEYNUM_BYTES        8
#define MINISIGN_HASH_BYTES          64    /* BLAKE2b-512: what an "ED" signature signs */
#define MINISIGN_TRUSTED_COMMENT_MAX 8192  /* with the NUL, as minisign */
#define MINISIGN_KEYID_LEN           17    /* 16 hex digits and the NUL */
#define MINISIGN_PUBKEY_TEXT_MAX     160   /* a public key file: comment line and key line */
#define MINISIGN_SECKEY_TEXT_MAX     320   /* a secret key file */
#define MINISIGN_SIG_FILE_MAX        12288 /* the largest signature file read */

typedef struct minisign_pubkey {
    unsigned char keynum[MINISIGN_KEYNUM_BYTES];
    unsigned char pk[32];
} minisign_pubkey_t;

typedef struct minisign_seckey {
    unsigned char keynum[MINISIGN_KEYNUM_BYTES];
    unsigned char sk[64]; /* libsodium's Ed25519 secret key: seed || public key */
} minisign_seckey_t;

typedef struct minisign_sig {
    int prehashed; /* 1: "ED" (BLAKE2b-512 of the file), 0: legacy "Ed" (the file itself) */
    unsigned char keynum[MINISIGN_KEYNUM_BYTES];
    unsigned char sig[64];
    char trusted_comment[MINISIGN_TRUSTED_COMMENT_MAX]; /* without "trusted comment: " and the line end */
    unsigned char global_sig[64];
} minisign_sig_t;

/* Initialises libsodium; call once before anything else here (further calls are cheap).  ZWGK_ERR_UNSUPPORTED when
 * libsodium cannot start (no entropy source). */
zwgk_result minisign_init(void);

/* Writes the key id as minisign prints it ("8BE6D7DFEEF52B4E") into out. */
void minisign_keyid(const unsigned char keynum[MINISIGN_KEYNUM_BYTES], char out[MINISIGN_KEYID_LEN]);

/* Parses a public key: a whole .pub file (comment line + key line) or the bare base64 key line, CRLF or LF,
 * surrounding blanks ignored.  ZWGK_ERR_FORMAT with a reason in err when it is not a minisign Ed25519 public key. */
zwgk_result minisign_pubkey_parse(const char *text, size_t len, minisign_pubkey_t *out, char *err, size_t errlen);

/* Reads path (at most a few KB) and parses it as above.  ZWGK_ERR_IO when it cannot be read. */
zwgk_result minisign_pubkey_load(const char *path, minisign_pubkey_t *out, char *err, size_t errlen);

/* Formats pk as a .pub file ("untrusted comment: minisign public key ID\nBASE64\n") into out.  With line_only, only
 * the base64 line, without a newline (kiosk.conf's trusted_key).  out must hold MINISIGN_PUBKEY_TEXT_MAX bytes. */
void minisign_pubkey_format(const minisign_pubkey_t *pk, int line_only, char out[MINISIGN_PUBKEY_TEXT_MAX]);

/* Parses an unencrypted secret key file.  An encrypted key (made by `minisign -G` without -W) is refused with
 * ZWGK_ERR_UNSUPPORTED and the command that removes its password; a damaged one with ZWGK_ERR_FORMAT.  The checksum
 * is checked when present (minisign 0.11 writes zeros for -W keys). */
zwgk_result minisign_seckey_parse(const char *text, size_t len, minisign_seckey_t *out, char *err, size_t errlen);
zwgk_result minisign_seckey_load(const char *path, minisign_seckey_t *out, char *err, size_t errlen);

/* Formats sk as an unencrypted secret key file, byte for byte what `minisign -G -W` writes except that the
 * checksum is filled in.  out must hold MINISIGN_SECKEY_TEXT_MAX bytes.  Wipe it after use (sodium_memzero). */
void minisign_seckey_format(const minisign_seckey_t *sk, char out[MINISIGN_SECKEY_TEXT_MAX]);

/* Makes a new key pair with a random key id. */
void minisign_keygen(minisign_pubkey_t *pk, minisign_seckey_t *sk);

/* The public half of sk. */
void minisign_seckey_pubkey(const minisign_seckey_t *sk, minisign_pubkey_t *pk);

/* Parses a signature file.  ZWGK_ERR_FORMAT with the line at fault in err when a line is missing, lacks its
 * prefix, is not base64 of the right length, or names an unknown algorithm. */
zwgk_result minisign_sig_parse(const char *text, size_t len, minisign_sig_t *out, char *err, size_t errlen);

/* Formats sig as a signature file with the given untrusted comment (one line).  Returns a malloc'ed string the
 * caller frees, or NULL when out of memory. */
char *minisign_sig_format(const minisign_sig_t *sig, const char *untrusted_comment);

/* The key among keys[0..n) whose id is the signature's, or NULL when none is (an untrusted signer). */
const minisign_pubkey_t *minisign_key_find(const minisign_sig_t *sig, const minisign_pubkey_t *keys, size_t n);

/* ZWGK_OK when the global signature over (signature || trusted comment) verifies with pk, ZWGK_ERR_SIGNATURE
 * otherwise (the trusted comment was edited, or pk is not the signer). */
zwgk_result minisign_verify_comment(const minisign_sig_t *sig, const minisign_pubkey_t *pk);

/* ZWGK_OK when sig (which must be "ED") signs a file whose BLAKE2b-512 is hash. */
zwgk_result minisign_verify_hash(const minisign_sig_t *sig, const minisign_pubkey_t *pk,
                                 const unsigned char hash[MINISIGN_HASH_BYTES]);

/* ZWGK_OK when sig signs the message msg[0..len): a legacy "Ed" signature is checked over the bytes, an "ED" one
 * over their BLAKE2b-512. */
zwgk_result minisign_verify_message(const minisign_sig_t *sig, const minisign_pubkey_t *pk, const unsigned char *msg,
                                    size_t len);

/* Signs: an "ED" signature of the file whose BLAKE2b-512 is hash, with trusted_comment (one line, no CR or LF,
 * shorter than MINISIGN_TRUSTED_COMMENT_MAX; ZWGK_ERR_INVALID otherwise) and its global signature. */
zwgk_result minisign_sign_hash(const minisign_seckey_t *sk, const unsigned char hash[MINISIGN_HASH_BYTES],
                               const char *trusted_comment, minisign_sig_t *out);

/* Signs msg itself with the legacy "Ed" algorithm (for tests and old verifiers). */
zwgk_result minisign_sign_legacy(const minisign_seckey_t *sk, const unsigned char *msg, size_t len,
                                 const char *trusted_comment, minisign_sig_t *out);

/* BLAKE2b-512 of the rest of fd, read in 1 MiB blocks; *size gets the byte count.  ZWGK_ERR_IO on a read error. */
zwgk_result minisign_hash_fd(int fd, unsigned char hash[MINISIGN_HASH_BYTES], unsigned long long *size);

#endif
