/* pin.c — the admin PIN: Argon2id hash in local.db settings, failure count, lockout (zwgk/pin.h). */
#include "zwgk/pin.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIN_OPSLIMIT 3
#define PIN_MEMLIMIT (8u * 1024u * 1024u)

static bool pin_shape_ok(const char *pin)
{
    size_t n = strlen(pin);
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

zwgk_result pin_set(local_t *l, const char *pin)
{
    if (!pin_shape_ok(pin))
        return ZWGK_ERR_INVALID;
    if (sodium_init() < 0)
        return ZWGK_ERR_NOMEM;
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
        return ZWGK_ERR_NOMEM;
    zwgk_result r = local_setting_set(l, "admin_pin_hash", hash);
    if (r == ZWGK_OK)
        r = local_setting_set(l, "admin_pin_failures", "0");
    if (r == ZWGK_OK)
        r = local_setting_set(l, "admin_pin_locked_until", "0");
    return r;
}

static long long setting_int(local_t *l, const char *key)
{
    char buf[32];
    return local_setting_get(l, key, buf, sizeof buf) == ZWGK_OK ? strtoll(buf, NULL, 10) : 0;
}

static zwgk_result setting_set_int(local_t *l, const char *key, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return local_setting_set(l, key, buf);
}

pin_status_t pin_check(local_t *l, const char *pin, time_t now, int *tries_left, time_t *locked_until)
{
    char hash[crypto_pwhash_STRBYTES];
    if (local_setting_get(l, "admin_pin_hash", hash, sizeof hash) != ZWGK_OK || !hash[0])
        return PIN_NOT_SET;
    long long until = setting_int(l, "admin_pin_locked_until");
    /* A lock never lasts longer than its duration from now: a clock that went back (an RTC reset, a wrong date set
     * by hand) would otherwise hold it for years.  The bounded time is written back (best effort). */
    if (until > (long long)now + PIN_LOCK_SECONDS) {
        until = (long long)now + PIN_LOCK_SECONDS;
        setting_set_int(l, "admin_pin_locked_until", until);
    }
    if (locked_until)
        *locked_until = (time_t)until;
    if (until > (long long)now)
        return PIN_LOCKED; /* not even checked: a locked kiosk gives no oracle */
    long long failures = setting_int(l, "admin_pin_failures");
    if (failures >= PIN_MAX_FAILURES) { /* a lock that could not be written before: lock now */
        if (setting_set_int(l, "admin_pin_locked_until", (long long)now + PIN_LOCK_SECONDS) == ZWGK_OK)
            setting_set_int(l, "admin_pin_failures", 0);
        if (locked_until)
            *locked_until = now + PIN_LOCK_SECONDS;
        return PIN_LOCKED;
    }
    /* Fail closed: the attempt is counted before the PIN is checked, and a PIN whose attempt cannot be counted (a
     * full or read-only disk, another writer) is not checked at all — so failing writes give no free guesses. */
    if (setting_set_int(l, "admin_pin_failures", failures + 1) != ZWGK_OK)
        return PIN_ERROR;
    if (sodium_init() < 0)
        return PIN_ERROR;
    bool right = pin_shape_ok(pin) && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
    if (right) {
        setting_set_int(l, "admin_pin_failures", 0); /* a failure here only leaves one counted attempt */
        return PIN_OK;
    }
    failures++;
    if (failures >= PIN_MAX_FAILURES) {
        if (setting_set_int(l, "admin_pin_locked_until", (long long)now + PIN_LOCK_SECONDS) == ZWGK_OK)
            setting_set_int(l, "admin_pin_failures", 0);
        if (locked_until)
            *locked_until = now + PIN_LOCK_SECONDS;
        return PIN_LOCKED;
    }
    if (tries_left)
        *tries_left = (int)(PIN_MAX_FAILURES - failures);
    return PIN_WRONG;
}
