/* local_export.c — the statistics export: the CSV, placing it on a stick atomically, and getting it onto a stick
 * that the kiosk itself may not write (zwgk/local.h).
 *
 * A stick may be pulled at any moment, so a file is written to a dot-named temporary file, fsynced and renamed with
 * RENAME_NOREPLACE (or hard-linked where renameat2 is missing), then the folder is fsynced: an export is complete
 * under its final name or absent, and never replaces an earlier one (NAME.csv, NAME-2.csv, …).
 *
 * As deployed, sticks are mounted read-only (assets/deploy/99-zwgk-usb.rules: a stick is also where packages come
 * from, and a read-only FAT survives being pulled), and the kiosk runs unprivileged with NoNewPrivileges.  So the
 * export to such a stick goes in two steps (local_stats_export_stick):
 *   1. the kiosk writes the CSV into DATA/outbox/, which it owns, atomically as above;
 *   2. it asks for zwgk-stick-export@NAME.service (systemctl over D-Bus, allowed for the kiosk user by one polkit
 *      rule, assets/deploy/50-zwgk-stick-export.rules), a oneshot run as root that remounts that one stick
 *      read-write, moves every outbox file onto it the same atomic way, and remounts it read-only
 *      (src/stickexport/main.c) — the writable window is the length of one copy.
 * The kiosk then reads the stick back: the export counts as done only when a file with exactly the CSV's bytes is
 * there.  A stick that is mounted writable (a desktop's automounter, a technician's laptop) is written directly. */
#define _GNU_SOURCE /* renameat2 */
#include "local_private.h"
#include "zwgk/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define HELPER_TIMEOUT_MS 120000

/* RFC 4180 field; a value a spreadsheet would run as a formula (= + - @) is prefixed with ' (citizens type the
 * search words, and county staff open the export in Excel/WPS). */
static void csv_field(FILE *f, const char *v, int last)
{
    int formula = v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@';
    if (strpbrk(v, ",\"\r\n") || formula || v[0] == ' ') {
        fputc('"', f);
        if (formula)
            fputc('\'', f);
        for (const char *p = v; *p; p++) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else
        fputs(v, f);
    fputc(last ? '\n' : ',', f);
}

typedef struct export_ctx {
    FILE *f;
    const char *kiosk, *exported;
} export_ctx_t;

static int export_row(void *user, const local_stat_t *s)
{
    export_ctx_t *x = user;
    char count[32];
    snprintf(count, sizeof count, "%lld", s->count);
    csv_field(x->f, x->kiosk, 0);
    csv_field(x->f, x->exported, 0);
    csv_field(x->f, s->kind, 0);
    csv_field(x->f, s->key ? s->key : "", 0);
    csv_field(x->f, count, 0);
    csv_field(x->f, s->last ? s->last : "", 1);
    return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Renames tmp to final unless final exists: 0 done, 1 exists, -1 error (errno set). */
static int rename_noreplace(const char *tmp, const char *final)
{
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno == EEXIST)
        return 1;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    if (link(tmp, final) == 0) {
        unlink(tmp);
        return 0;
    }
    return errno == EEXIST ? 1 : -1;
}

/* The CSV of every counter and the export's base name (<kiosk-id>-stats-<date>), malloc'ed into *csv. */
static zwgk_result stats_csv(local_t *l, const char *kiosk_id, time_t now, char **csv, size_t *len, char *base,
                             size_t base_cap, char *err, size_t errlen)
{
    char id[64], date[16], exported[32];
    struct tm tm;
    snprintf(id, sizeof id, "%s", kiosk_id && *kiosk_id ? kiosk_id : "kiosk");
    for (char *p = id; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '/' || *p == '\\' || *p == 0x7f || (p == id && *p == '.'))
            *p = '_';
    localtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    gmtime_r(&now, &tm);
    strftime(exported, sizeof exported, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(base, base_cap, "%s-stats-%s", id, date);
    *csv = NULL;
    *len = 0;
    FILE *f = open_memstream(csv, len);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return ZWGK_ERR_NOMEM;
    }
    fputs("kiosk,exported,kind,key,count,last\n", f);
    export_ctx_t x = {f, id, exported};
    zwgk_result r = local_stats_each(l, export_row, &x);
    if (fclose(f) != 0 && r == ZWGK_OK)
        r = ZWGK_ERR_NOMEM;
    if (r != ZWGK_OK) {
        snprintf(err, errlen, "cannot read the statistics: %s", sqlite3_errmsg(l->db));
        free(*csv);
        *csv = NULL;
    }
    return r;
}

zwgk_result local_export_place(const char *dir, const char *base, const char *data, size_t len, char *written,
                               size_t written_cap, char *err, size_t errlen)
{
    char tmp[4096], final[4096];
    int fd = -1, dfd = -1, tmp_made = 0, rc;
    zwgk_result r = ZWGK_ERR_IO;
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp%ld", dir, base, (long)getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
        goto done;
    }
    tmp_made = 1;
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
        goto done;
    }
    rc = close(fd);
    fd = -1;
    if (rc != 0) {
        snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
        goto done;
    }
    for (int k = 1;; k++) {
        if (k > 999) {
            snprintf(err, errlen, "too many exports named %s in %s", base, dir);
            goto done;
        }
        if (k == 1)
            snprintf(final, sizeof final, "%s/%s.csv", dir, base);
        else
            snprintf(final, sizeof final, "%s/%s-%d.csv", dir, base, k);
        rc = rename_noreplace(tmp, final);
        if (rc == 0)
            break;
        if (rc < 0) {
            snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, final, strerror(errno));
            goto done;
        }
    }
    tmp_made = 0;
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || fsync(dfd) != 0) {
        snprintf(err, errlen, "cannot sync %s: %s", dir, strerror(errno));
        goto done;
    }
    if (written)
        snprintf(written, written_cap, "%s", final);
    r = ZWGK_OK;
done:
    if (fd >= 0)
        close(fd);
    if (dfd >= 0)
        close(dfd);
    if (tmp_made)
        unlink(tmp);
    return r;
}

zwgk_result local_stats_export(local_t *l, const char *kiosk_id, const char *dir, time_t now, char *written,
                               size_t written_cap, char *err, size_t errlen)
{
    char base[128], *csv = NULL;
    size_t len = 0;
    zwgk_result r = stats_csv(l, kiosk_id, now, &csv, &len, base, sizeof base, err, errlen);
    if (r == ZWGK_OK)
        r = local_export_place(dir, base, csv, len, written, written_cap, err, errlen);
    free(csv);
    return r;
}

/* ---- onto a stick as deployed ---- */

/* A stick's name as the helper's unit instance: the mount point's last component, [A-Za-z0-9_-] only. */
static int stick_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
              *p == '-'))
            return 0;
    return 1;
}

/* 1 when path holds exactly data. */
static int same_bytes(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    int same = 0;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len) {
        char buf[65536];
        size_t off = 0;
        same = 1;
        while (same && off < len) {
            ssize_t n = pread(fd, buf, sizeof buf, (off_t)off);
            if (n <= 0 || memcmp(buf, data + off, (size_t)n) != 0)
                same = 0;
            else
                off += (size_t)n;
        }
    }
    if (fd >= 0)
        close(fd);
    return same;
}

enum { HELPER_NOT_RUN = -1, HELPER_TIMED_OUT = -2 };

/* Runs argv (no shell), its output collected into out; the exit status, or HELPER_NOT_RUN (it could not be started,
 * or it was killed by a signal) or HELPER_TIMED_OUT. */
static int run_helper(char *const argv[], char *out, size_t cap)
{
    int pipefd[2];
    out[0] = '\0';
    if (pipe2(pipefd, O_CLOEXEC) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[1]);
    if (rc != 0) {
        snprintf(out, cap, "%s: %s", argv[0], strerror(rc));
        close(pipefd[0]);
        return HELPER_NOT_RUN;
    }
    size_t got = 0;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int timed_out = 0;
    for (;;) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        long left = HELPER_TIMEOUT_MS - (long)((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000);
        if (left <= 0) {
            timed_out = 1;
            kill(pid, SIGKILL);
            break;
        }
        struct pollfd p = {pipefd[0], POLLIN, 0};
        if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
            break;
        char buf[512];
        ssize_t n = read(pipefd[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        size_t take = (size_t)n < cap - 1 - got ? (size_t)n : cap - 1 - got;
        memcpy(out + got, buf, take);
        got += take;
        out[got] = '\0';
    }
    close(pipefd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    while (got > 0 && (out[got - 1] == '\n' || out[got - 1] == '\r'))
        out[--got] = '\0';
    if (timed_out)
        return HELPER_TIMED_OUT;
    return WIFEXITED(status) ? WEXITSTATUS(status) : HELPER_NOT_RUN;
}

/* Looks on the stick for base.csv, base-2.csv … holding exactly data; 0 and its path in found when there is one. */
static int find_exported(const char *stick, const char *base, const char *data, size_t len, char *found, size_t cap)
{
    for (int k = 1; k <= 999; k++) {
        char path[4096];
        if (k == 1)
            snprintf(path, sizeof path, "%s/%s.csv", stick, base);
        else
            snprintf(path, sizeof path, "%s/%s-%d.csv", stick, base, k);
        if (access(path, F_OK) != 0)
            break; /* names are taken in order: the first free one ends the search */
        if (same_bytes(path, data, len)) {
            snprintf(found, cap, "%s", path);
            return 0;
        }
    }
    return -1;
}

zwgk_result local_stats_export_stick(local_t *l, const char *kiosk_id, const char *stick,
                                     const local_stick_helper_t *helper, time_t now, char *written, size_t written_cap,
                                     char *err, size_t errlen, char *detail, size_t detailcap)
{
    char base[128], why[1024], *csv = NULL;
    size_t len = 0;
    struct statvfs vfs;
    err[0] = detail[0] = '\0';
    zwgk_result r = stats_csv(l, kiosk_id, now, &csv, &len, base, sizeof base, why, sizeof why);
    if (r != ZWGK_OK) {
        snprintf(err, errlen, "%s", _("Reading this kiosk's statistics failed: try again later."));
        snprintf(detail, detailcap, "%s", why);
        goto done;
    }
    if (statvfs(stick, &vfs) != 0) {
        snprintf(detail, detailcap, "statvfs %s: %s", stick, strerror(errno));
        snprintf(err, errlen, "%s", _("The USB stick was removed or cannot be read: insert it again and try again."));
        r = ZWGK_ERR_IO;
        goto done;
    }
    if (!(vfs.f_flag & ST_RDONLY) && access(stick, W_OK) == 0) { /* a stick mounted writable: write it directly */
        r = local_export_place(stick, base, csv, len, written, written_cap, why, sizeof why);
        if (r != ZWGK_OK) {
            snprintf(err, errlen, "%s", _("Writing to the USB stick failed: try another stick."));
            snprintf(detail, detailcap, "%s", why);
        }
        goto done;
    }

    /* read-only, as the deployed udev rule mounts it: through the outbox and the privileged helper */
    const char *slash = strrchr(stick, '/');
    const char *name = slash ? slash + 1 : stick;
    size_t parent_len = slash ? (size_t)(slash - stick) : 0;
    r = ZWGK_ERR_IO;
    if (!helper || !helper->argv || !helper->argv[0]) {
        snprintf(err, errlen, "%s",
                 _("The USB stick is mounted read-only and this kiosk has no export helper configured: it cannot be "
                   "written."));
        goto done;
    }
    if (!stick_name_ok(name) || !helper->media || strlen(helper->media) != parent_len ||
        strncmp(stick, helper->media, parent_len) != 0) {
        snprintf(err, errlen,
                 _("The USB stick is mounted read-only and is not under %s: the export helper does not handle it."),
                 helper->media ? helper->media : "");
        goto done;
    }
    char outbox[4096], queued[4096];
    snprintf(outbox, sizeof outbox, "%s/outbox", l->dir);
    if (mkdir(outbox, 0750) != 0 && errno != EEXIST) {
        snprintf(detail, detailcap, "mkdir %s: %s", outbox, strerror(errno));
        snprintf(err, errlen, "%s",
                 _("The export file cannot be prepared in this kiosk's data folder: contact the administrator."));
        goto done;
    }
    if (local_export_place(outbox, base, csv, len, queued, sizeof queued, why, sizeof why) != ZWGK_OK) {
        snprintf(err, errlen, "%s",
                 _("The export file cannot be prepared in this kiosk's data folder: contact the administrator."));
        snprintf(detail, detailcap, "%s", why);
        goto done;
    }
    /* argv: the helper's, with %s (once, in any argument) replaced by the stick's name */
    char *argv[24], args[24][256];
    size_t n = 0;
    for (; helper->argv[n] && n < 23; n++) {
        const char *a = helper->argv[n], *pct = strstr(a, "%s");
        if (pct)
            snprintf(args[n], sizeof args[n], "%.*s%s%s", (int)(pct - a), a, name, pct + 2);
        else
            snprintf(args[n], sizeof args[n], "%s", a);
        argv[n] = args[n];
    }
    argv[n] = NULL;
    int status = run_helper(argv, why, sizeof why);
    if (status != 0) {
        /* The screen gets the admin's language only: what the helper printed (systemctl's "Job for … failed …",
         * English) is the detail, for the log. */
        const char *kept = _("The statistics are kept on this kiosk and go onto the stick with the next export.");
        if (status == HELPER_TIMED_OUT)
            snprintf(
                err, errlen,
                _("The USB stick is mounted read-only and the export helper did not finish within two minutes. %s"),
                kept);
        else if (status == HELPER_NOT_RUN)
            snprintf(err, errlen, _("The USB stick is mounted read-only and this kiosk's export helper cannot run. %s"),
                     kept);
        else if (strcasestr(why, "access denied") || strcasestr(why, "authentication required") ||
                 strcasestr(why, "not authorized"))
            snprintf(err, errlen,
                     _("The USB stick is mounted read-only and the system did not allow this kiosk to start the export "
                       "helper (administrator: check that polkitd is installed). %s"),
                     kept);
        else
            snprintf(
                err, errlen,
                _("The USB stick is mounted read-only and the export helper did not write the file (exit code %d). "
                  "%s Try another stick."),
                status, kept);
        if (status == HELPER_TIMED_OUT)
            snprintf(detail, detailcap, "the stick helper %s did not finish within %d s", argv[0],
                     HELPER_TIMEOUT_MS / 1000);
        else
            snprintf(detail, detailcap, "the stick helper %s %s: %.600s", argv[0],
                     status == HELPER_NOT_RUN ? "did not run" : "failed", why[0] ? why : "(no output)");
        goto done;
    }
    if (find_exported(stick, base, csv, len, written, written_cap) != 0) {
        snprintf(err, errlen, "%s",
                 _("The export helper reported success, but no matching export file is on the USB stick: insert the "
                   "stick again and try again."));
        goto done;
    }
    unlink(queued); /* normally the helper moved it already */
    r = ZWGK_OK;
done:
    free(csv);
    return r;
}
