/* driver.c — runs a libFuzzer target without libFuzzer, so every CI build (gcc, ASan+UBSan) exercises the fuzz
 * targets for a few seconds.
 *
 *     fuzz_csv_replay [-runs=N] [-seed=S] [-max_len=L] PATH...
 *
 * Each PATH is a file or a folder of files (read in name order).  First every file is run once as it is (the seed
 * corpus and the crashers kept as regression inputs), then N mutated inputs: a corpus file picked at random with
 * one to eight stacked mutations of the kinds libFuzzer's MutationDispatcher makes (bit flips, byte changes,
 * interesting integers, erase, insert, repeat, copy within, crossover with another file, tokens from a small
 * dictionary of UTF-8 and syntax fragments).  The random generator is a seeded xorshift, so a run is repeatable: a
 * failure names its seed and mutation number, and `-only=K` reruns just that one.  An input is passed in a buffer of
 * exactly its size, so AddressSanitizer sees a read past its end.
 *
 * This finds far less than coverage-guided fuzzing (ZWGK_FUZZ=ON builds the libFuzzer binaries; ROBUSTNESS.md has
 * the commands); its job is to keep the corpus and the regression inputs passing on every change. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
/* AddressSanitizer calls this before it ends the process on a finding; absent without the sanitizer. */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

typedef struct input {
    uint8_t *data;
    size_t size;
    char *name;
} input_t;

static input_t *corpus;
static size_t ncorpus, corpus_cap;
static uint64_t rng_state;

/* The input being run, so a finding can be saved (a crash- file in the working directory). */
static const uint8_t *current;
static size_t current_size;
static char current_what[128];

static uint64_t rnd(void)
{
    uint64_t x = rng_state; /* xorshift64* */
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static size_t rnd_below(size_t n)
{
    return n ? (size_t)(rnd() % n) : 0;
}

static void save_current(void)
{
    if (!current)
        return;
    char path[64];
    snprintf(path, sizeof path, "crash-driver-%d", (int)(current_size * 2654435761u % 1000000u));
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(current, 1, current_size, f);
        fclose(f);
    }
    fprintf(stderr, "fuzz driver: finding while running %s; the input is saved as %s\n", current_what, path);
}

static void add_input(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "fuzz driver: cannot read %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *d = malloc(n > 0 ? (size_t)n : 1);
    if (!d || (n > 0 && fread(d, 1, (size_t)n, f) != (size_t)n)) {
        fprintf(stderr, "fuzz driver: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    if (ncorpus == corpus_cap) {
        corpus_cap = corpus_cap ? corpus_cap * 2 : 64;
        corpus = realloc(corpus, corpus_cap * sizeof *corpus);
        if (!corpus)
            exit(2);
    }
    corpus[ncorpus++] = (input_t){d, (size_t)(n > 0 ? n : 0), strdup(path)};
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "fuzz driver: no %s\n", path);
        exit(2);
    }
    if (!S_ISDIR(st.st_mode)) {
        add_input(path);
        return;
    }
    DIR *dir = opendir(path);
    if (!dir)
        exit(2);
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            if (!names)
                exit(2);
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        struct stat fst;
        if (stat(names[i], &fst) == 0 && S_ISREG(fst.st_mode))
            add_input(names[i]);
        free(names[i]);
    }
    free(names);
}

/* Fragments worth inserting whole: UTF-8 edge cases, CSV and Markdown syntax, script and query punctuation. */
static const char *const tokens[] = {
    "\xE4\xB8\xAD",     /* 中 */
    "\xE3\x80\x82",     /* 。 (no line start) */
    "\xEF\xBC\x88",     /* （ (no line end) */
    "\xE3\x80\x94",     /* 〔 */
    "\xEF\xBF\xBF",     /* U+FFFF, libunibreak's sentinel */
    "\xEF\xBF\xBD",     /* U+FFFD */
    "\xF0\x9F\x98\x80", /* an emoji, plane 1 */
    "\xF4\x8F\xBF\xBF", /* U+10FFFF */
    "\xED\xA0\x80",     /* a surrogate */
    "\xC0\x80",         /* overlong NUL */
    "\xE2\x80\x8B",     /* zero-width space */
    "\xE2\x80\xAE",     /* right-to-left override */
    "\xE2\x80\xA8",     /* line separator */
    "\xE3\x80\x80",     /* ideographic space */
    "\r\n",
    "\"",
    "\"\"",
    ",",
    "\n---\n",
    "# ",
    "## ",
    "- ",
    "1. ",
    "|---|---|\n",
    "**",
    "`",
    "[a](http://x)",
    "untrusted comment: ",
    "trusted comment: ",
    "RWQ",
    "RWR",
    "RUR",
    "ED",
    "Ed",
    "=",
    "SQLite format 3",
    "ZWGK",
    "tap ",
    "drag ",
    "wait ",
    "press ",
    "-2147483648",
    "99999999999999999999",
    "%",
    "*",
    "\\",
};

/* Opens a gap of len bytes at a random place of d[0..*size) when it fits in max; returns where, or SIZE_MAX. */
static size_t open_gap(uint8_t *d, size_t *size, size_t max, size_t len)
{
    if (*size + len > max)
        return SIZE_MAX;
    size_t at = rnd_below(*size + 1);
    if (at > *size) /* never: rnd_below stays below its bound; says so to the compiler */
        return SIZE_MAX;
    memmove(d + at + len, d + at, *size - at);
    *size += len;
    return at;
}

static size_t mutate(uint8_t *d, size_t size, size_t max)
{
    int n = 1 + (int)rnd_below(8);
    for (int m = 0; m < n; m++) {
        switch (rnd_below(11)) {
        case 0: /* flip a bit */
            if (size)
                d[rnd_below(size)] ^= (uint8_t)(1u << rnd_below(8));
            break;
        case 1: /* change a byte */
            if (size)
                d[rnd_below(size)] = (uint8_t)rnd();
            break;
        case 2: { /* an interesting integer, little or big endian */
            static const uint64_t vals[] = {0,      1,      0x7F,       0x80,       0xFF,       0x7FFF,
                                            0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, ~0ull};
            size_t w = (size_t)1 << rnd_below(4);
            if (size < w)
                break;
            size_t at = rnd_below(size - w + 1);
            uint64_t v = vals[rnd_below(sizeof vals / sizeof vals[0])];
            int big = (int)rnd_below(2);
            for (size_t i = 0; i < w; i++)
                d[at + i] = (uint8_t)(v >> (8 * (big ? w - 1 - i : i)));
            break;
        }
        case 3: { /* erase bytes */
            if (!size)
                break;
            size_t at = rnd_below(size), len = 1 + rnd_below(size - at < 64 ? size - at : 64);
            memmove(d + at, d + at + len, size - at - len);
            size -= len;
            break;
        }
        case 4: { /* insert random bytes */
            size_t len = 1 + rnd_below(8), at = open_gap(d, &size, max, len);
            for (size_t i = 0; at != SIZE_MAX && i < len; i++)
                d[at + i] = (uint8_t)rnd();
            break;
        }
        case 5: { /* insert a repeated byte */
            int byte = rnd_below(2) || !size ? (int)(uint8_t)rnd() : d[rnd_below(size)];
            size_t len = 1 + rnd_below(256), at = open_gap(d, &size, max, len);
            if (at != SIZE_MAX)
                memset(d + at, byte, len);
            break;
        }
        case 6: { /* copy a part over another place */
            if (size < 2)
                break;
            size_t from = rnd_below(size), to = rnd_below(size);
            size_t len = 1 + rnd_below(size - (from > to ? from : to));
            memmove(d + to, d + from, len);
            break;
        }
        case 7: { /* insert a copy of a part */
            if (!size)
                break;
            size_t from = rnd_below(size), len = 1 + rnd_below(size - from);
            uint8_t *tmp = malloc(len);
            if (!tmp)
                break;
            memcpy(tmp, d + from, len);
            size_t at = open_gap(d, &size, max, len);
            if (at != SIZE_MAX)
                memcpy(d + at, tmp, len);
            free(tmp);
            break;
        }
        case 8: { /* crossover: a piece of another corpus file */
            const input_t *o = &corpus[rnd_below(ncorpus)];
            if (!o->size)
                break;
            size_t from = rnd_below(o->size), len = 1 + rnd_below(o->size - from < 512 ? o->size - from : 512);
            size_t at = open_gap(d, &size, max, len);
            if (at != SIZE_MAX)
                memcpy(d + at, o->data + from, len);
            break;
        }
        case 9: { /* a dictionary token */
            const char *t = tokens[rnd_below(sizeof tokens / sizeof tokens[0])];
            size_t len = strlen(t), at = open_gap(d, &size, max, len);
            if (at != SIZE_MAX)
                memcpy(d + at, t, len);
            break;
        }
        default: /* truncate */
            if (size)
                size = rnd_below(size + 1);
            break;
        }
    }
    return size;
}

static void run_one(const uint8_t *data, size_t size, const char *what)
{
    uint8_t *copy = malloc(size ? size : 1); /* exactly size bytes: a read past the end is a finding */
    if (!copy)
        exit(2);
    memcpy(copy, data, size);
    current = copy;
    current_size = size;
    snprintf(current_what, sizeof current_what, "%s", what);
    LLVMFuzzerTestOneInput(copy, size);
    current = NULL;
    free(copy);
}

int main(int argc, char **argv)
{
    long runs = 1000, only = -1;
    unsigned long long seed = 1;
    size_t max_len = 0;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(save_current);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strncmp(a, "-runs=", 6))
            runs = atol(a + 6);
        else if (!strncmp(a, "-seed=", 6))
            seed = strtoull(a + 6, NULL, 10);
        else if (!strncmp(a, "-max_len=", 9))
            max_len = (size_t)atol(a + 9);
        else if (!strncmp(a, "-only=", 6))
            only = atol(a + 6);
        else if (a[0] == '-') {
            fprintf(stderr, "usage: %s [-runs=N] [-seed=S] [-max_len=L] [-only=K] PATH...\n", argv[0]);
            return 2;
        } else
            add_path(a);
    }
    if (!ncorpus) {
        fprintf(stderr, "fuzz driver: no inputs (give corpus folders or files)\n");
        return 2;
    }
    const char *env_runs = getenv("ZWGK_FUZZ_RUNS"); /* a longer run without editing the test */
    if (env_runs && *env_runs)
        runs = atol(env_runs);
    size_t biggest = 0;
    for (size_t i = 0; i < ncorpus; i++)
        biggest = corpus[i].size > biggest ? corpus[i].size : biggest;
    if (!max_len)
        max_len = biggest + biggest / 4 + 64;

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (only < 0)
        for (size_t i = 0; i < ncorpus; i++)
            run_one(corpus[i].data, corpus[i].size, corpus[i].name);
    uint8_t *buf = malloc(max_len);
    if (!buf)
        return 2;
    for (long k = 0; k < runs; k++) {
        rng_state = (seed * 0x9E3779B97F4A7C15ull) ^ ((unsigned long long)k * 0xBF58476D1CE4E5B9ull) ^ 1;
        const input_t *base = &corpus[rnd_below(ncorpus)];
        if (only >= 0 && k != only)
            continue;
        size_t size = base->size < max_len ? base->size : max_len;
        memcpy(buf, base->data, size);
        size = mutate(buf, size, max_len);
        char what[128];
        snprintf(what, sizeof what, "mutation %ld of seed %llu (rerun: -seed=%llu -only=%ld)", k, seed, seed, k);
        run_one(buf, size, what);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%s: %zu corpus inputs and %ld mutations (seed %llu) in %.2f s: no finding\n", argv[0], ncorpus,
           only >= 0 ? 1 : runs, seed, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    free(buf);
    for (size_t i = 0; i < ncorpus; i++) {
        free(corpus[i].data);
        free(corpus[i].name);
    }
    free(corpus);
    return 0;
}
