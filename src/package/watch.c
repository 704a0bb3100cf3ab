/* watch.c — noticing packages on USB sticks and in synced drop folders (zwgk/package.h).
 *
 * Two kinds of source, watched differently because they change differently:
 *   - removable media appear as mount points, so /proc/self/mounts is re-read every 500 ms and each mount point of a
 *     stick (/media/USER/LABEL, /run/media/system/LABEL, /run/media/USER/LABEL) is listed; a stick's files are
 *     complete by the time it is mounted;
 *   - drop folders are filled by rsync or Syncthing, which write a dot-named temporary file and rename it, or by cp,
 *     which writes in place: so a folder is listed only when inotify reports a file renamed into it (IN_MOVED_TO) or
 *     closed after writing (IN_CLOSE_WRITE), never half-way through a copy.  Events about dot-files are ignored.
 * A source's listing replaces its previous one; a package is new when its identity (device, inode, size and time of
 * both files) was not in the previous listing, so a refused package on a stick left in the slot is reported once,
 * and again only when it changes or the stick comes back.
 *
 * The watcher belongs to one thread at a time (the kiosk's job worker); package_watch_wake, which writes to an
 * eventfd, is the only call other threads may make. */
#include "zwgk/i18n.h"
#include "zwgk/package.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TICK_MS    500
#define RELIST_MS  10000 /* a stick whose folder did not change is listed again this often, for a rw mount's sake */
#define MAX_MOUNTS 32
#define DIR_EVENTS (IN_MOVED_TO | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)

typedef struct ident {
    dev_t dev[2];
    ino_t ino[2];
    off_t size[2];
    struct timespec mtime[2];
} ident_t;

typedef struct item {
    package_found_t found;
    ident_t id;
} item_t;

typedef struct source {
    char path[1024];
    int removable;
    int wd;    /* inotify watch of a drop folder; -1 when not (yet) watched */
    int dirty; /* to be listed again */
    /* sticks: the folder as last listed, so an unchanged one is not listed every tick (issue 12.12) */
    struct stat dir_st;
    long long listed_ms;
    item_t *items;
    size_t count;
} source_t;

struct package_watch {
    int ifd, wake_fd;
    char *mounts_path;
    source_t *sources; /* drop folders first (nfolders), then mounted sticks */
    size_t nfolders, nsources;
};

void package_found_list_free(package_found_list_t *l)
{
    free(l->items);
    l->items = NULL;
    l->count = 0;
    l->ignored = 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

static int item_cmp(const void *a, const void *b)
{
    return strcmp(((const item_t *)a)->found.db_path, ((const item_t *)b)->found.db_path);
}

/* Lists the complete packages of dir into a malloc'ed array.  -1 when dir cannot be read. */
static int scan(const char *dir, int removable, item_t **items, size_t *count)
{
    DIR *d = opendir(dir);
    size_t n = 0, cap = 0;
    item_t *v = NULL;
    *items = NULL;
    *count = 0;
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *name = e->d_name;
        char sig[300];
        struct stat a, b;
        if (name[0] == '.' || !ends_with(name, ".db") || strlen(name) > 250)
            continue;
        snprintf(sig, sizeof sig, "%s.minisig", name);
        if (fstatat(dirfd(d), name, &a, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(a.st_mode) ||
            fstatat(dirfd(d), sig, &b, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(b.st_mode))
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            item_t *nv = realloc(v, ncap * sizeof *nv);
            if (!nv)
                break;
            v = nv;
            cap = ncap;
        }
        item_t *it = &v[n++];
        memset(it, 0, sizeof *it);
        snprintf(it->found.db_path, sizeof it->found.db_path, "%s/%s", dir, name);
        snprintf(it->found.sig_path, sizeof it->found.sig_path, "%s/%s", dir, sig);
        snprintf(it->found.source, sizeof it->found.source, "%s", dir);
        it->found.removable = removable;
        it->found.size = (long long)a.st_size;
        it->id = (ident_t){{a.st_dev, b.st_dev}, {a.st_ino, b.st_ino}, {a.st_size, b.st_size}, {a.st_mtim, b.st_mtim}};
    }
    closedir(d);
    if (n > 1)
        qsort(v, n, sizeof *v, item_cmp);
    *items = v;
    *count = n;
    return 0;
}

zwgk_result package_scan_dir(const char *dir, int removable, package_found_list_t *out)
{
    item_t *items = NULL;
    size_t n = 0;
    out->items = NULL;
    out->count = 0;
    if (scan(dir, removable, &items, &n) != 0)
        return ZWGK_ERR_IO;
    if (n) {
        out->items = malloc(n * sizeof *out->items);
        if (!out->items) {
            free(items);
            return ZWGK_ERR_NOMEM;
        }
        for (size_t i = 0; i < n; i++)
            out->items[i] = items[i].found;
        out->count = n;
    }
    free(items);
    return ZWGK_OK;
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Decodes the octal escapes of a mounts-table field in place. */
static void unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
            *o++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
            p += 3;
        } else
            *o++ = *p;
    }
    *o = '\0';
}

/* True for /media/USER/LABEL and /run/media/WHO/LABEL (exactly those depths, no empty or dot components). */
static int is_removable_mount(const char *path)
{
    const char *rest;
    if (!strncmp(path, "/media/", 7))
        rest = path + 7;
    else if (!strncmp(path, "/run/media/", 11))
        rest = path + 11;
    else
        return 0;
    int parts = 0;
    for (const char *p = rest; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 0 || p[0] == '.')
            return 0;
        parts++;
        p += n;
        if (*p == '/')
            p++;
    }
    return parts == 2;
}

size_t package_removable_mounts(const char *mounts_text, char (*out)[1024], size_t max)
{
    size_t n = 0;
    const char *line = mounts_text;
    while (line && *line && n < max) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        char buf[2048], *save = NULL;
        if (len < sizeof buf) {
            memcpy(buf, line, len);
            buf[len] = '\0';
            char *dev = strtok_r(buf, " ", &save);
            char *mnt = dev ? strtok_r(NULL, " ", &save) : NULL;
            if (mnt) {
                unescape(mnt);
                if (is_removable_mount(mnt) && strlen(mnt) < sizeof out[0]) {
                    int dup = 0;
                    for (size_t i = 0; i < n; i++)
                        dup |= !strcmp(out[i], mnt);
                    if (!dup)
                        snprintf(out[n++], sizeof out[0], "%s", mnt);
                }
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    return n;
}

package_watch_t *package_watch_create(const char *const *folders, size_t nfolders, const char *mounts_path, char *err,
                                      size_t errlen)
{
    package_watch_t *w = calloc(1, sizeof *w);
    if (w)
        w->ifd = w->wake_fd = -1;
    if (!w || !(w->mounts_path = strdup(mounts_path ? mounts_path : "/proc/self/mounts")) ||
        !(w->sources = calloc(nfolders + MAX_MOUNTS, sizeof *w->sources))) {
        snprintf(err, errlen, "%s", _("out of memory"));
        goto fail;
    }
    w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    w->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (w->ifd < 0 || w->wake_fd < 0) {
        snprintf(err, errlen, _("cannot watch for new files (inotify/eventfd): %s"), strerror(errno));
        goto fail;
    }
    for (size_t i = 0; i < nfolders; i++) {
        source_t *s = &w->sources[i];
        snprintf(s->path, sizeof s->path, "%s", folders[i]);
        s->wd = -1;
        s->dirty = 1;
    }
    w->nfolders = w->nsources = nfolders;
    return w;
fail:
    package_watch_destroy(w);
    return NULL;
}

void package_watch_destroy(package_watch_t *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->nsources; i++)
        free(w->sources[i].items);
    if (w->ifd >= 0)
        close(w->ifd);
    if (w->wake_fd >= 0)
        close(w->wake_fd);
    free(w->sources);
    free(w->mounts_path);
    free(w);
}

void package_watch_wake(package_watch_t *w)
{
    uint64_t one = 1;
    ssize_t rc = write(w->wake_fd, &one, sizeof one);
    (void)rc; /* full counter: a wake is pending anyway */
}

void package_watch_forget(package_watch_t *w)
{
    for (size_t i = 0; i < w->nsources; i++) {
        free(w->sources[i].items);
        w->sources[i].items = NULL;
        w->sources[i].count = 0;
        w->sources[i].dirty = 1;
    }
}

void package_watch_forget_one(package_watch_t *w, const char *db_path)
{
    for (size_t i = 0; i < w->nsources; i++) {
        source_t *s = &w->sources[i];
        for (size_t j = 0; j < s->count; j++) {
            if (strcmp(s->items[j].found.db_path, db_path) != 0)
                continue;
            memmove(&s->items[j], &s->items[j + 1], (s->count - j - 1) * sizeof *s->items);
            s->count--;
            s->dirty = 1;
            return;
        }
    }
}

static int ident_eq(const ident_t *a, const ident_t *b)
{
    for (int i = 0; i < 2; i++)
        if (a->dev[i] != b->dev[i] || a->ino[i] != b->ino[i] || a->size[i] != b->size[i] ||
            a->mtime[i].tv_sec != b->mtime[i].tv_sec || a->mtime[i].tv_nsec != b->mtime[i].tv_nsec)
            return 0;
    return 1;
}

/* Appends found to out, growing it by doubling (*cap is out's room). */
static int append(package_found_list_t *out, size_t *cap, const package_found_t *found)
{
    if (out->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        package_found_t *v = realloc(out->items, ncap * sizeof *v);
        if (!v)
            return -1;
        out->items = v;
        *cap = ncap;
    }
    out->items[out->count++] = *found;
    return 0;
}

/* Lists s again and appends to out what was not in its previous listing — at most PACKAGE_WATCH_MAX_NEW of them
 * (the rest are counted in out->ignored and taken as seen: a stick of junk costs one listing, not one install
 * attempt and one history row per file).  Both listings are sorted by path, so the comparison is one merge: it was
 * a nested loop, 25 million comparisons for a stick of 5,000 pairs every 500 ms. */
static zwgk_result rescan(source_t *s, package_found_list_t *out, size_t *cap)
{
    item_t *items = NULL;
    size_t n = 0, j = 0, reported = 0;
    s->dirty = 0;
    scan(s->path, s->removable, &items, &n); /* an unreadable folder lists as empty */
    for (size_t i = 0; i < n; i++) {
        int order = 1;
        while (j < s->count && (order = strcmp(s->items[j].found.db_path, items[i].found.db_path)) < 0)
            j++;
        if (order == 0 && ident_eq(&items[i].id, &s->items[j].id))
            continue; /* seen before, unchanged */
        if (reported == PACKAGE_WATCH_MAX_NEW) {
            out->ignored++;
            continue;
        }
        if (append(out, cap, &items[i].found) != 0) {
            free(items);
            return ZWGK_ERR_NOMEM;
        }
        reported++;
    }
    free(s->items);
    s->items = items;
    s->count = n;
    return ZWGK_OK;
}

/* Re-reads the mounts table: drops sources of sticks that are gone, adds new ones, marks every stick dirty. */
static void refresh_mounts(package_watch_t *w)
{
    char(*mounts)[1024] = malloc(MAX_MOUNTS * sizeof *mounts);
    char *text = NULL;
    size_t n = 0;
    FILE *f = fopen(w->mounts_path, "re");
    if (f && mounts) {
        /* /proc files report size 0: read line by line to the end */
        ssize_t got;
        char *line = NULL;
        size_t lcap = 0, len = 0;
        while ((got = getline(&line, &lcap, f)) > 0) {
            char *nt = realloc(text, len + (size_t)got + 1);
            if (!nt)
                break;
            text = nt;
            memcpy(text + len, line, (size_t)got + 1);
            len += (size_t)got;
        }
        free(line);
        n = text ? package_removable_mounts(text, mounts, MAX_MOUNTS) : 0;
    }
    if (f)
        fclose(f);
    /* keep the sticks still mounted, in place */
    size_t k = w->nfolders;
    for (size_t i = w->nfolders; i < w->nsources; i++) {
        int still = 0;
        for (size_t j = 0; j < n && !still; j++)
            still = !strcmp(w->sources[i].path, mounts[j]);
        if (still)
            w->sources[k++] = w->sources[i];
        else
            free(w->sources[i].items);
    }
    w->nsources = k;
    for (size_t j = 0; j < n && w->nsources < w->nfolders + MAX_MOUNTS; j++) {
        int known = 0;
        for (size_t i = w->nfolders; i < w->nsources && !known; i++)
            known = !strcmp(w->sources[i].path, mounts[j]);
        if (!known) {
            source_t *s = &w->sources[w->nsources++];
            memset(s, 0, sizeof *s);
            snprintf(s->path, sizeof s->path, "%s", mounts[j]);
            s->removable = 1;
            s->wd = -1;
        }
    }
    /* A stick is listed again when its folder changed (or every RELIST_MS): not every tick, whatever it holds. */
    long long now = now_ms();
    for (size_t i = w->nfolders; i < w->nsources; i++) {
        source_t *s = &w->sources[i];
        struct stat st;
        if (stat(s->path, &st) != 0 || st.st_dev != s->dir_st.st_dev || st.st_ino != s->dir_st.st_ino ||
            st.st_mtim.tv_sec != s->dir_st.st_mtim.tv_sec || st.st_mtim.tv_nsec != s->dir_st.st_mtim.tv_nsec ||
            st.st_ctim.tv_sec != s->dir_st.st_ctim.tv_sec || st.st_ctim.tv_nsec != s->dir_st.st_ctim.tv_nsec ||
            now - s->listed_ms >= RELIST_MS) {
            s->dirty = 1;
            s->dir_st = st;
            s->listed_ms = now;
        }
    }
    free(text);
    free(mounts);
}

/* Watches the drop folders that are not watched yet (they may have appeared); a new watch lists its folder. */
static void add_watches(package_watch_t *w)
{
    for (size_t i = 0; i < w->nfolders; i++) {
        source_t *s = &w->sources[i];
        if (s->wd >= 0)
            continue;
        s->wd = inotify_add_watch(w->ifd, s->path, DIR_EVENTS | IN_ONLYDIR);
        if (s->wd >= 0)
            s->dirty = 1;
    }
}

/* Reads the pending inotify events and marks the folders they concern. */
static void read_events(package_watch_t *w)
{
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->ifd, buf, sizeof buf);
        if (n <= 0)
            return;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            p += sizeof *ev + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) /* events were lost: list every folder again */
                for (size_t i = 0; i < w->nfolders; i++)
                    w->sources[i].dirty = 1;
            for (size_t i = 0; i < w->nfolders; i++) {
                source_t *s = &w->sources[i];
                if (s->wd != ev->wd)
                    continue;
                if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
                    if (ev->mask & IN_MOVE_SELF)
                        inotify_rm_watch(w->ifd, s->wd);
                    s->wd = -1; /* re-added by add_watches when the folder is back */
                    s->dirty = 1;
                } else if (ev->len && ev->name[0] != '.')
                    s->dirty = 1;
            }
        }
    }
}

zwgk_result package_watch_wait(package_watch_t *w, int timeout_ms, package_found_list_t *out)
{
    long long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    long long next_tick = 0; /* the first round polls the mounts at once */
    size_t cap = 0;
    out->items = NULL;
    out->count = 0;
    out->ignored = 0;
    for (;;) {
        long long now = now_ms();
        if (now >= next_tick) {
            add_watches(w);
            refresh_mounts(w);
            next_tick = now + TICK_MS;
        }
        for (size_t i = 0; i < w->nsources; i++)
            if (w->sources[i].dirty && rescan(&w->sources[i], out, &cap) != ZWGK_OK)
                return ZWGK_ERR_NOMEM;
        if (out->count || out->ignored)
            return ZWGK_OK;
        now = now_ms();
        if (deadline >= 0 && now >= deadline)
            return ZWGK_OK;
        long long wait = next_tick - now;
        if (deadline >= 0 && deadline - now < wait)
            wait = deadline - now;
        struct pollfd fds[2] = {{w->ifd, POLLIN, 0}, {w->wake_fd, POLLIN, 0}};
        int rc = poll(fds, 2, (int)(wait > 0 ? wait : 0));
        if (rc < 0 && errno != EINTR)
            return ZWGK_ERR_IO;
        if (rc > 0 && (fds[1].revents & POLLIN)) {
            uint64_t v;
            ssize_t got = read(w->wake_fd, &v, sizeof v);
            (void)got;
            return ZWGK_OK;
        }
        if (rc > 0 && (fds[0].revents & POLLIN))
            read_events(w);
    }
}
