/* fault_alloc.c — the allocation hooks of fault_alloc.h (see there for the design). */
#define _GNU_SOURCE
#include "fault_alloc.h"

#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_long calls;    /* allocations since arm/count */
static atomic_long failures; /* refused since arm */
static atomic_long fail_at;  /* 0: never */
static atomic_int persistent, counting, held;

void fault_alloc_arm(long n, int persist)
{
    atomic_store(&calls, 0);
    atomic_store(&failures, 0);
    atomic_store(&persistent, persist);
    atomic_store(&fail_at, n);
    atomic_store(&counting, 1);
}

void fault_alloc_count(void)
{
    fault_alloc_arm(0, 0);
}

long fault_alloc_disarm(void)
{
    atomic_store(&counting, 0);
    atomic_store(&fail_at, 0);
    return atomic_load(&calls);
}

long fault_alloc_failures(void)
{
    return atomic_load(&failures);
}

void fault_alloc_hold(int on)
{
    atomic_store(&held, on);
}

/* One allocation is about to be made: 1 when it must fail. */
static int step(void)
{
    if (!atomic_load(&counting) || atomic_load(&held))
        return 0;
    long k = atomic_fetch_add(&calls, 1) + 1, n = atomic_load(&fail_at);
    if (n <= 0 || k < n || (k > n && !atomic_load(&persistent)))
        return 0;
    atomic_fetch_add(&failures, 1);
    return 1;
}

/* ---- the blocks not yet freed: an open-addressing set of pointers (tombstones for removed ones) ---- */

#define LIVE_SLOTS (1u << 20)
#define TOMBSTONE  ((void *)1)
static void *live[LIVE_SLOTS];
static long nlive;
static atomic_flag live_lock = ATOMIC_FLAG_INIT;

static size_t slot_of(const void *p)
{
    return (size_t)(((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull >> 44) & (LIVE_SLOTS - 1);
}

static void live_lock_take(void)
{
    while (atomic_flag_test_and_set(&live_lock))
        ;
}

static void live_add(void *p)
{
    if (!p)
        return;
    live_lock_take();
    for (size_t i = slot_of(p), k = 0; k < LIVE_SLOTS; i = (i + 1) & (LIVE_SLOTS - 1), k++)
        if (!live[i] || live[i] == TOMBSTONE) {
            live[i] = p;
            nlive++;
            break;
        }
    atomic_flag_clear(&live_lock);
}

static void live_remove(void *p)
{
    if (!p)
        return;
    live_lock_take();
    for (size_t i = slot_of(p), k = 0; live[i] && k < LIVE_SLOTS; i = (i + 1) & (LIVE_SLOTS - 1), k++)
        if (live[i] == p) {
            live[i] = TOMBSTONE;
            nlive--;
            break;
        }
    atomic_flag_clear(&live_lock);
}

long fault_alloc_live(void)
{
    live_lock_take();
    long n = nlive;
    atomic_flag_clear(&live_lock);
    return n;
}

/* ---- SQLite: its default methods, wrapped ---- */

static sqlite3_mem_methods real_methods;

static void *sq_malloc(int n)
{
    return step() ? NULL : real_methods.xMalloc(n);
}

static void sq_free(void *p)
{
    real_methods.xFree(p);
}

static void *sq_realloc(void *p, int n)
{
    return step() ? NULL : real_methods.xRealloc(p, n);
}

static int sq_size(void *p)
{
    return real_methods.xSize(p);
}

static int sq_roundup(int n)
{
    return real_methods.xRoundup(n);
}

static int sq_init(void *app)
{
    (void)app;
    return real_methods.xInit(real_methods.pAppData);
}

static void sq_shutdown(void *app)
{
    (void)app;
    real_methods.xShutdown(real_methods.pAppData);
}

int fault_alloc_install(void)
{
    static const sqlite3_mem_methods hooked = {sq_malloc,  sq_free, sq_realloc,  sq_size,
                                               sq_roundup, sq_init, sq_shutdown, NULL};
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_methods) != SQLITE_OK)
        return -1;
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &hooked) == SQLITE_OK ? 0 : -1;
}

/* ---- ours: -Wl,--wrap=NAME sends the project's calls of NAME here; __real_NAME is libc's (or the sanitizer's) ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
FILE *__real_open_memstream(char **buf, size_t *size);
ssize_t __real_getline(char **line, size_t *cap, FILE *f);
FILE *__real_fopen(const char *path, const char *mode);
DIR *__real_opendir(const char *path);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
FILE *__wrap_open_memstream(char **buf, size_t *size);
ssize_t __wrap_getline(char **line, size_t *cap, FILE *f);
FILE *__wrap_fopen(const char *path, const char *mode);
DIR *__wrap_opendir(const char *path);

#define REFUSE(value)                                                                                                  \
    do {                                                                                                               \
        if (step()) {                                                                                                  \
            errno = ENOMEM;                                                                                            \
            return value;                                                                                              \
        }                                                                                                              \
    } while (0)

void *__wrap_malloc(size_t n)
{
    REFUSE(NULL);
    void *p = __real_malloc(n);
    live_add(p);
    return p;
}

void *__wrap_calloc(size_t k, size_t n)
{
    REFUSE(NULL);
    void *p = __real_calloc(k, n);
    live_add(p);
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    REFUSE(NULL);
    void *q = __real_realloc(p, n);
    if (q || n == 0) {
        live_remove(p);
        live_add(q);
    }
    return q;
}

/* A block libc allocated itself (getline's line, open_memstream's buffer) is not in the set: removing it is a no-op. */
void __wrap_free(void *p)
{
    live_remove(p);
    __real_free(p);
}

char *__wrap_strdup(const char *s)
{
    REFUSE(NULL);
    char *p = __real_strdup(s);
    live_add(p);
    return p;
}

char *__wrap_strndup(const char *s, size_t n)
{
    REFUSE(NULL);
    char *p = __real_strndup(s, n);
    live_add(p);
    return p;
}

FILE *__wrap_open_memstream(char **buf, size_t *size)
{
    REFUSE(NULL);
    return __real_open_memstream(buf, size);
}

ssize_t __wrap_getline(char **line, size_t *cap, FILE *f)
{
    REFUSE(-1);
    return __real_getline(line, cap, f);
}

FILE *__wrap_fopen(const char *path, const char *mode)
{
    REFUSE(NULL);
    return __real_fopen(path, mode);
}

DIR *__wrap_opendir(const char *path)
{
    REFUSE(NULL);
    return __real_opendir(path);
}
