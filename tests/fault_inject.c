/* fault_inject.c — an LD_PRELOAD shim that makes the Nth write, fsync or rename of a process fail.
 *
 *   ZWGK_FAULT=CALL:N:ERRNO   CALL is write (write, pwrite, pwrite64, writev), fsync (fsync, fdatasync) or
 *                             rename (rename, renameat, renameat2); N counts that family's calls from 1; ERRNO is
 *                             ENOSPC, EIO or EDQUOT, or KILL: the process SIGKILLs itself instead of making the
 *                             call (a crash exactly there).  Only the Nth call fails; the others go through.
 *   ZWGK_FAULT_MARK=FILE      created when the fault fires, so a test knows whether the Nth call happened at all
 *                             (and so when it has tried every call of an install).
 *   ZWGK_SLOW=CALL:MS         every call of that family first sleeps MS milliseconds (a slow SD card or stick:
 *                             admin_jobs_e2e.sh shows the kiosk keeps drawing while a job waits on the disk).
 *
 * It stands in for Debian's fiu-utils (not packaged for every release) and covers SQLite's own I/O too, since
 * libsqlite3 reaches the same libc symbols.  Used by package_e2e.sh; not linked into anything.  Failing the Nth
 * allocation is tests/fault_alloc.h (compiled into test_oom: under ASan a preloaded malloc cannot work). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

enum family { F_WRITE, F_FSYNC, F_RENAME, F_NONE };

static atomic_long calls[F_NONE];
static enum family fault_family = F_NONE;
static long fault_n;
static int fault_errno, fault_kill;
static atomic_int configured;
static enum family slow_family = F_NONE;
static long slow_ms;

static void configure(void)
{
    if (atomic_exchange(&configured, 1))
        return;
    const char *slow = getenv("ZWGK_SLOW");
    char scall[16] = "";
    if (slow && sscanf(slow, "%15[a-z]:%ld", scall, &slow_ms) == 2 && slow_ms > 0)
        slow_family = !strcmp(scall, "write")    ? F_WRITE
                      : !strcmp(scall, "fsync")  ? F_FSYNC
                      : !strcmp(scall, "rename") ? F_RENAME
                                                 : F_NONE;
    const char *spec = getenv("ZWGK_FAULT");
    char call[16] = "", err[16] = "";
    long n = 0;
    if (!spec || sscanf(spec, "%15[a-z]:%ld:%15[A-Z]", call, &n, err) != 3 || n < 1)
        return;
    fault_family = !strcmp(call, "write")    ? F_WRITE
                   : !strcmp(call, "fsync")  ? F_FSYNC
                   : !strcmp(call, "rename") ? F_RENAME
                                             : F_NONE;
    fault_n = n;
    fault_errno = !strcmp(err, "ENOSPC") ? ENOSPC : !strcmp(err, "EDQUOT") ? EDQUOT : EIO;
    fault_kill = !strcmp(err, "KILL");
}

/* True when this call of family f is the one to fail (errno is then set). */
static int fire(enum family f)
{
    configure();
    if (f == slow_family) {
        struct timespec ts = {slow_ms / 1000, (slow_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (f != fault_family || atomic_fetch_add(&calls[f], 1) + 1 != fault_n)
        return 0;
    const char *mark = getenv("ZWGK_FAULT_MARK");
    if (mark) {
        int fd = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd >= 0)
            close(fd);
    }
    if (fault_kill)
        kill(getpid(), SIGKILL);
    errno = fault_errno;
    return 1;
}

#define REAL(name, type) ((type)dlsym(RTLD_NEXT, name))

ssize_t write(int fd, const void *buf, size_t n)
{
    if (fire(F_WRITE))
        return -1;
    return REAL("write", ssize_t(*)(int, const void *, size_t))(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    if (fire(F_WRITE))
        return -1;
    return REAL("pwrite", ssize_t(*)(int, const void *, size_t, off_t))(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
    if (fire(F_WRITE))
        return -1;
    return REAL("pwrite64", ssize_t(*)(int, const void *, size_t, off64_t))(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
    if (fire(F_WRITE))
        return -1;
    return REAL("writev", ssize_t(*)(int, const struct iovec *, int))(fd, iov, cnt);
}

int fsync(int fd)
{
    if (fire(F_FSYNC))
        return -1;
    return REAL("fsync", int (*)(int))(fd);
}

int fdatasync(int fd)
{
    if (fire(F_FSYNC))
        return -1;
    return REAL("fdatasync", int (*)(int))(fd);
}

int rename(const char *a, const char *b)
{
    if (fire(F_RENAME))
        return -1;
    return REAL("rename", int (*)(const char *, const char *))(a, b);
}

int renameat(int da, const char *a, int db, const char *b)
{
    if (fire(F_RENAME))
        return -1;
    return REAL("renameat", int (*)(int, const char *, int, const char *))(da, a, db, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned flags)
{
    if (fire(F_RENAME))
        return -1;
    return REAL("renameat2", int (*)(int, const char *, int, const char *, unsigned))(da, a, db, b, flags);
}
