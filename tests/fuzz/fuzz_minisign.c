/* fuzz_minisign.c — the minisign parsers (src/package/minisign.c) on arbitrary bytes: a public key, a secret key and
 * a signature file, as they arrive from a USB stick or a kiosk.conf line.
 *
 * Each parser runs on the whole input.  Whatever parses must survive a round trip: formatted again and parsed again
 * it gives the same key or signature.  A parsed signature is also checked against a parsed key (it must only say no,
 * never crash). */
#include "fuzz.h"

#include "zwgk/minisign.h"

#include <sodium.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    FUZZ_ASSERT(minisign_init() == ZWGK_OK);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready++)
        LLVMFuzzerInitialize(NULL, NULL); /* libFuzzer calls it first; this keeps a target usable without */
    const char *text = (const char *)data;
    char err[256];

    minisign_pubkey_t pk, pk2;
    int have_pk = minisign_pubkey_parse(text, size, &pk, err, sizeof err) == ZWGK_OK;
    if (have_pk) {
        char out[MINISIGN_PUBKEY_TEXT_MAX];
        for (int line_only = 0; line_only < 2; line_only++) {
            minisign_pubkey_format(&pk, line_only, out);
            FUZZ_ASSERT(minisign_pubkey_parse(out, strlen(out), &pk2, err, sizeof err) == ZWGK_OK);
            FUZZ_ASSERT(!memcmp(&pk, &pk2, sizeof pk));
        }
        char id[MINISIGN_KEYID_LEN];
        minisign_keyid(pk.keynum, id);
        FUZZ_ASSERT(strlen(id) == 16);
    }

    minisign_seckey_t sk, sk2;
    if (minisign_seckey_parse(text, size, &sk, err, sizeof err) == ZWGK_OK) {
        char out[MINISIGN_SECKEY_TEXT_MAX];
        minisign_seckey_format(&sk, out);
        FUZZ_ASSERT(minisign_seckey_parse(out, strlen(out), &sk2, err, sizeof err) == ZWGK_OK);
        FUZZ_ASSERT(!memcmp(&sk, &sk2, sizeof sk));
        sodium_memzero(out, sizeof out);
    }

    static minisign_sig_t sig, sig2; /* 8 KB of trusted comment each: off the stack */
    if (minisign_sig_parse(text, size, &sig, err, sizeof err) == ZWGK_OK) {
        FUZZ_ASSERT(strlen(sig.trusted_comment) < MINISIGN_TRUSTED_COMMENT_MAX);
        FUZZ_ASSERT(!strchr(sig.trusted_comment, '\n'));
        char *out = minisign_sig_format(&sig, "fuzz");
        FUZZ_ASSERT(out != NULL);
        FUZZ_ASSERT(minisign_sig_parse(out, strlen(out), &sig2, err, sizeof err) == ZWGK_OK);
        FUZZ_ASSERT(sig.prehashed == sig2.prehashed && !memcmp(sig.keynum, sig2.keynum, sizeof sig.keynum) &&
                    !memcmp(sig.sig, sig2.sig, sizeof sig.sig) && !strcmp(sig.trusted_comment, sig2.trusted_comment) &&
                    !memcmp(sig.global_sig, sig2.global_sig, sizeof sig.global_sig));
        free(out);
        if (have_pk) {
            minisign_verify_comment(&sig, &pk);
            unsigned char msg[3] = {'a', 'b', 'c'};
            minisign_verify_message(&sig, &pk, msg, sizeof msg);
            FUZZ_ASSERT(minisign_key_find(&sig, &pk, 1) == (memcmp(sig.keynum, pk.keynum, 8) ? NULL : &pk));
        }
    }
    return 0;
}
