/* fault_alloc.h — out-of-memory injection compiled into a test binary (issue 12 §2, SQLite's habit).
 *
 * tests/fault_inject.c fails the Nth write, fsync or rename of a program from outside, by LD_PRELOAD.  Memory cannot
 * be failed that way in the build that matters most: under AddressSanitizer the sanitizer's own malloc is already the
 * interposer, and a preloaded one would either be bypassed or take the leak checker's allocator away.  So the same
 * "fail the Nth call" is built into the test binary, with two hooks that reach every allocation of the code under
 * test and leave the sanitizer's allocator underneath:
 *   - SQLite's: sqlite3_config(SQLITE_CONFIG_MALLOC) with methods that wrap SQLite's default ones (what SQLite's own
 *     test harness, src/test_malloc.c, does);
 *   - ours: the test is linked with -Wl,--wrap=malloc,… so that every allocating libc call of the project's static
 *     libraries goes through __wrap_malloc & co., which count and then call the real one (the sanitizer's).
 * Both count on one counter, so N walks SQLite's and our allocations in the order they happen.
 *
 * Wrapped: malloc, calloc, realloc, free, strdup, strndup, open_memstream, getline, fopen, opendir (the last four
 * allocate inside libc and report ENOMEM as a failure of their own).  Not reached: allocations inside other shared
 * libraries (libunibreak, libsodium), which these paths do not allocate through. */
#ifndef ZWGK_TEST_FAULT_ALLOC_H
#define ZWGK_TEST_FAULT_ALLOC_H

/* Installs SQLite's hook: call before any other SQLite call of the process.  0 on success. */
int fault_alloc_install(void);

/* From now on the nth allocation (n >= 1) fails, and with persistent every one after it too.  Counting restarts. */
void fault_alloc_arm(long n, int persistent);

/* Stops failing; returns how many allocations were made (or refused) since fault_alloc_arm or the last disarm. */
long fault_alloc_disarm(void);

/* How many allocations were refused since the last fault_alloc_arm. */
long fault_alloc_failures(void);

/* While held (on = 1), allocations are neither counted nor failed: a run's set-up that is another sweep's subject. */
void fault_alloc_hold(int on);

/* How many blocks from malloc, calloc, realloc, strdup and strndup of the code under test are not yet freed (every
 * such block is recorded until free): a run that ends with more than it started with leaked, whatever a
 * conservative scan of the heap (LeakSanitizer) happens to find still pointing at it. */
long fault_alloc_live(void);

/* Counts without failing (fault_alloc_disarm then returns the count). */
void fault_alloc_count(void);

#endif
