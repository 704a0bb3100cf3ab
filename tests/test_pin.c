/* test_pin.c — the admin PIN: hashed, never stored in clear, five wrong PINs lock for five minutes. */
#include "check.h"
#include "zwgk/pin.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

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
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return check_summary("test_pin");
}
