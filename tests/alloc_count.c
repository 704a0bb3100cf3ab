/* alloc_count.c — an LD_PRELOAD shim that counts heap allocations per presented frame, for frame_alloc.sh.
 *
 * STYLE.md says the frame loop allocates nothing after warm-up; this measures it on the real kiosk binary with no
 * hook in its code.  malloc, calloc, realloc and the aligned allocators are wrapped (forwarding to glibc's own
 * __libc_* functions, so no dlsym is needed before the first allocation) and SDL_RenderPresent is wrapped to close a
 * frame: the allocations made since the previous present belong to this frame.  Each allocation is charged to the
 * first caller on the stack outside libc (strdup, fopen and qsort allocate on their caller's behalf): the kiosk
 * executable itself (our code: zwgk_core and zwgk_ui are linked in statically), SDL2, the font stack (SDL_ttf,
 * FreeType, HarfBuzz), SQLite, or other.  Frees are counted too.
 *
 * At exit the per-frame table is written to $ZWGK_ALLOC_LOG, one line per frame:
 *     frame N allocs A ours O sdl S font F sqlite Q other X frees R
 * followed by a "total" line for the whole run (start-up and shutdown included).  ZWGK_ALLOC_TRACE=N prints the
 * stack of every allocation made during frame N to stderr (symbols need the -dbg packages or addr2line).  Storage is
 * static: the shim allocates nothing itself.  Thread-safe counting (the package worker allocates on its own thread); a
 * thread inside the shim's own stack walk (which may allocate while libgcc loads) is not counted. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <execinfo.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void *__libc_memalign(size_t align, size_t size);
void __libc_free(void *p);

enum origin { O_OURS, O_SDL, O_FONT, O_SQLITE, O_OTHER, O_COUNT };
static const char *const origin_names[O_COUNT] = {"ours", "sdl", "font", "sqlite", "other"};

#define MAX_FRAMES 65536
typedef struct counts {
    atomic_long by[O_COUNT];
    atomic_long frees;
} counts_t;

static counts_t current, total;
static struct {
    long by[O_COUNT], frees;
} frames[MAX_FRAMES];
static atomic_int nframes;
static __thread int in_shim;
static int trace_frame = -1; /* ZWGK_ALLOC_TRACE=N: the stacks of frame N's allocations go to stderr */

static int ends_with_lib(const char *path, const char *lib)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strncmp(base, lib, strlen(lib)) == 0;
}

static enum origin classify(const char *path)
{
    if (ends_with_lib(path, "libSDL2_ttf") || ends_with_lib(path, "libfreetype") || ends_with_lib(path, "libharfbuzz"))
        return O_FONT;
    if (ends_with_lib(path, "libSDL2"))
        return O_SDL;
    if (ends_with_lib(path, "libsqlite3"))
        return O_SQLITE;
    return O_OTHER;
}

/* Address ranges of the kiosk executable's loaded segments (the first object dl_iterate_phdr reports). */
static struct {
    uintptr_t start, end;
} exe_seg[16];
static int nexe_seg;

static int note_exe(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (int i = 0; i < info->dlpi_phnum && nexe_seg < 16; i++)
        if (info->dlpi_phdr[i].p_type == PT_LOAD) {
            uintptr_t a = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
            exe_seg[nexe_seg].start = a;
            exe_seg[nexe_seg++].end = a + info->dlpi_phdr[i].p_memsz;
        }
    return 1; /* the first object is the program itself */
}

static int in_exe(const void *p)
{
    for (int i = 0; i < nexe_seg; i++)
        if ((uintptr_t)p >= exe_seg[i].start && (uintptr_t)p < exe_seg[i].end)
            return 1;
    return 0;
}

/* The first frame above the shim that is neither in libc nor in the loader, as an origin. */
static enum origin origin_of(void)
{
    void *stack[12];
    int n = backtrace(stack, 12);
    Dl_info self;
    dladdr((void *)origin_of, &self);
    for (int i = 1; i < n; i++) {
        if (in_exe(stack[i]))
            return O_OURS;
        Dl_info info;
        if (!dladdr(stack[i], &info) || !info.dli_fname)
            continue;
        if (info.dli_fbase == self.dli_fbase || ends_with_lib(info.dli_fname, "libc.so") ||
            ends_with_lib(info.dli_fname, "ld-linux") || ends_with_lib(info.dli_fname, "libgcc_s"))
            continue;
        return classify(info.dli_fname);
    }
    return O_OTHER;
}

__attribute__((constructor)) static void find_exe(void)
{
    in_shim = 1;
    dl_iterate_phdr(note_exe, NULL);
    const char *t = getenv("ZWGK_ALLOC_TRACE");
    if (t && *t)
        trace_frame = atoi(t);
    in_shim = 0;
}

static void count_alloc(void)
{
    if (in_shim)
        return;
    in_shim = 1;
    enum origin o = origin_of();
    if (trace_frame >= 0 && atomic_load(&nframes) == trace_frame) {
        void *stack[16];
        int n = backtrace(stack, 16);
        if (write(2, "-- allocation\n", 14) == 14)
            backtrace_symbols_fd(stack, n, 2);
    }
    atomic_fetch_add(&current.by[o], 1);
    atomic_fetch_add(&total.by[o], 1);
    in_shim = 0;
}

void *malloc(size_t size)
{
    count_alloc();
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    count_alloc();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    if (size) /* realloc(p, 0) frees */
        count_alloc();
    return __libc_realloc(p, size);
}

void *memalign(size_t align, size_t size)
{
    count_alloc();
    return __libc_memalign(align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
    count_alloc();
    return __libc_memalign(align, size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    count_alloc();
    void *p = __libc_memalign(align, size);
    if (!p)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}

void free(void *p)
{
    if (p && !in_shim) {
        atomic_fetch_add(&current.frees, 1);
        atomic_fetch_add(&total.frees, 1);
    }
    __libc_free(p);
}

typedef struct SDL_Renderer SDL_Renderer;
void SDL_RenderPresent(SDL_Renderer *r);

void SDL_RenderPresent(SDL_Renderer *r)
{
    static void (*real)(SDL_Renderer *);
    if (!real) {
        in_shim = 1; /* dlsym may allocate its error buffer */
        real = (void (*)(SDL_Renderer *))dlsym(RTLD_NEXT, "SDL_RenderPresent");
        in_shim = 0;
    }
    real(r);
    int n = atomic_fetch_add(&nframes, 1);
    if (n < MAX_FRAMES) {
        for (int o = 0; o < O_COUNT; o++)
            frames[n].by[o] = atomic_exchange(&current.by[o], 0);
        frames[n].frees = atomic_exchange(&current.frees, 0);
    }
}

static void put_counts(int fd, const char *head, const long *by, long frees)
{
    char line[256];
    long all = 0;
    for (int o = 0; o < O_COUNT; o++)
        all += by[o];
    int len = snprintf(line, sizeof line, "%s allocs %ld", head, all);
    for (int o = 0; o < O_COUNT; o++)
        len += snprintf(line + len, sizeof line - (size_t)len, " %s %ld", origin_names[o], by[o]);
    len += snprintf(line + len, sizeof line - (size_t)len, " frees %ld\n", frees);
    if (write(fd, line, (size_t)len) != len)
        return;
}

__attribute__((destructor)) static void write_log(void)
{
    const char *path = getenv("ZWGK_ALLOC_LOG");
    if (!path)
        return;
    in_shim = 1;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    int n = atomic_load(&nframes);
    for (int i = 0; i < n && i < MAX_FRAMES; i++) {
        char head[32];
        snprintf(head, sizeof head, "frame %d", i);
        put_counts(fd, head, frames[i].by, frames[i].frees);
    }
    long by[O_COUNT];
    for (int o = 0; o < O_COUNT; o++)
        by[o] = atomic_load(&total.by[o]);
    put_counts(fd, "total", by, atomic_load(&total.frees));
    close(fd);
}
