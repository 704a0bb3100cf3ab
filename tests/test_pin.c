/* test_pin.c — the admin PIN: hashed, never stored in clear, five wrong PINs lock for five minutes. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "check.h"
#include "zwgk/pin.h"

#include <dlfcn.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

/* Counts how often a PIN is verified: this definition wins over libsodium's for the code linked into this test, and
 * forwards to it.  12.10 asks whether a PIN is verified at all when its attempt cannot be counted. */
static int verifications;
int crypto_pwhash_str_verify(const char *str, const char *passwd, unsigned long long passwdlen);
int crypto_pwhash_str_verify(const char *str, const char *passwd, unsigned long long passwdlen)
{
    static int (*real)(const char *, const char *, unsigned long long);
    if (!real)
        real = (int (*)(const char *, const char *, unsigned long long))dlsym(RTLD_NEXT, "crypto_pwhash_str_verify");
    verifications++;
    return real(str, passwd, passwdlen);
}

/* 12.10: a lock time in the future (clock wrong) held for years; with local.db unwritable, wrong PINs were verified
 * and not counted.  Now the lock is bounded from now, and an attempt that cannot be counted is not verified. */
static void regress_12_10_pin_lock_bounded_and_fail_closed(const char *dir)
{
    char err[256];
    local_t *l = local_open(dir, err, sizeof err);
    time_t now = 1700000000, until = 0;
    CHECK(l && pin_set(l, "246810") == ZWGK_OK);
    /* locked "until" ten years ahead: the RTC was reset after the lock was taken */
    char v[32];
    snprintf(v, sizeof v, "%lld", (long long)now + 10LL * 365 * 86400);
    CHECK(local_setting_set(l, "admin_pin_locked_until", v) == ZWGK_OK);
    CHECK(pin_check(l, "246810", now, NULL, &until) == PIN_LOCKED);
    CHECK(until > now && until <= now + PIN_LOCK_SECONDS);
    CHECK(pin_check(l, "246810", now + PIN_LOCK_SECONDS + 1, NULL, NULL) == PIN_OK);
    CHECK(local_setting_set(l, "admin_pin_locked_until", "0") == ZWGK_OK); /* unlocked, whatever the code above did */
    local_close(l);

    /* local.db that cannot be written: no PIN is verified, wrong or right */
    local_t *ro = local_open_readonly(dir, err, sizeof err);
    CHECK(ro != NULL);
    int before = verifications;
    for (int i = 0; ro && i < 20; i++)
        CHECK(pin_check(ro, "111111", now + 1000, NULL, NULL) == PIN_ERROR);
    CHECK(ro && pin_check(ro, "246810", now + 1000, NULL, NULL) == PIN_ERROR);
    CHECK(verifications == before);
    if (verifications != before)
        fprintf(stderr, "  12.10: %d PINs verified without being counted\n", verifications - before);
    local_close(ro);
}

int main(void)
{
    char dir[] = "/tmp/zwgk-pin-XXXXXX", err[256];
    CHECK(mkdtemp(dir) != NULL);
    local_t *l = local_open(dir, err, sizeof err);
    CHECK(l != NULL);
    if (!l)
        return check_summary("test_pin");
    time_t now = 1700000000;
    CHECK(pin_check(l, "123456", now, NULL, NULL) == PIN_NOT_SET);
    CHECK(pin_set(l, "12a4") == ZWGK_ERR_INVALID);
    CHECK(pin_set(l, "123") == ZWGK_ERR_INVALID);
    CHECK(pin_set(l, "123456789") == ZWGK_ERR_INVALID);
    CHECK(pin_set(l, "246810") == ZWGK_OK);

    /* Never in clear: the stored value is an Argon2id string, and the digits appear nowhere in local.db. */
    char hash[256];
    CHECK(local_setting_get(l, "admin_pin_hash", hash, sizeof hash) == ZWGK_OK);
    CHECK(strncmp(hash, "$argon2id$", 10) == 0 && !strstr(hash, "246810"));
    char path[512];
    snprintf(path, sizeof path, "%s/local.db", dir);
    FILE *f = fopen(path, "rb");
    char buf[1 << 16];
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    bool in_clear = false;
    for (size_t i = 0; i + 6 <= n; i++)
        in_clear |= memcmp(buf + i, "246810", 6) == 0;
    CHECK(n > 0 && !in_clear);

    CHECK(pin_check(l, "246810", now, NULL, NULL) == PIN_OK);
    int left = -1;
    time_t until = 0;
    CHECK(pin_check(l, "111111", now, &left, NULL) == PIN_WRONG && left == 4);
    CHECK(pin_check(l, "246810", now, NULL, NULL) == PIN_OK); /* a right PIN resets the count */
    for (int i = 0; i < 4; i++)
        CHECK(pin_check(l, "111111", now + i, &left, NULL) == PIN_WRONG && left == 4 - i);
    CHECK(pin_check(l, "111111", now + 5, NULL, &until) == PIN_LOCKED && until == now + 5 + PIN_LOCK_SECONDS);
    /* Locked: even the right PIN is refused, and the lock survives reopening local.db. */
    CHECK(pin_check(l, "246810", now + 10, NULL, NULL) == PIN_LOCKED);
    local_close(l);
    l = local_open(dir, err, sizeof err);
    CHECK(pin_check(l, "246810", now + 100, NULL, NULL) == PIN_LOCKED);
    CHECK(pin_check(l, "246810", now + 5 + PIN_LOCK_SECONDS + 1, NULL, NULL) == PIN_OK);
    local_close(l);
    regress_12_10_pin_lock_bounded_and_fail_closed(dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return check_summary("test_pin");
}
