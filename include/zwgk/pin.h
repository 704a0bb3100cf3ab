/* pin.h — the admin PIN of a kiosk: stored salted and slow-hashed in local.db, with a lockout.
 *
 * The PIN is never stored: local.db keeps libsodium's crypto_pwhash_str (Argon2id, random salt) of it.  The memory
 * cost is 8 MiB rather than libsodium's 64 MiB "interactive" preset because the kiosk runs in < 60 MiB; a 4–8 digit
 * PIN is protected by the lockout far more than by the hash cost: five wrong PINs in a row lock admin mode for five
 * minutes (the count and the time survive a restart).  Functions take `now` (UNIX seconds) so tests control time.
 *
 * The lock is bounded from now: it never has more than PIN_LOCK_SECONDS left, however far the clock moved back.
 * It fails closed: each attempt is counted in local.db before the PIN is verified, and when the count cannot be
 * written the PIN is not verified at all (PIN_ERROR) — a full, read-only or busy local.db gives no free guesses,
 * and even the right PIN does not open admin mode then. */
#ifndef ZWGK_PIN_H
#define ZWGK_PIN_H

#include "zwgk/local.h"
#include "zwgk/result.h"

#include <time.h>

#define PIN_MIN_DIGITS   4
#define PIN_MAX_DIGITS   8
#define PIN_MAX_FAILURES 5
#define PIN_LOCK_SECONDS 300

typedef enum pin_status {
    PIN_OK = 0,  /* the PIN is right; the failure count is reset */
    PIN_WRONG,   /* wrong; *tries_left says how many before the lock */
    PIN_LOCKED,  /* locked until *locked_until (too many wrong PINs) */
    PIN_NOT_SET, /* no PIN has been set: zwgk-admin pin --data DIR */
    PIN_ERROR,   /* local.db could not be written: the attempt could not be counted, so the PIN was not checked */
} pin_status_t;

/* Sets the PIN (PIN_MIN_DIGITS..PIN_MAX_DIGITS decimal digits).  ZWGK_ERR_INVALID for another shape. */
zwgk_result pin_set(local_t *l, const char *pin);

/* Checks a PIN at time now.  tries_left and locked_until may be NULL. */
pin_status_t pin_check(local_t *l, const char *pin, time_t now, int *tries_left, time_t *locked_until);

#endif
