/* zwgk-stick-export — the privileged half of 导出统计到U盘 on a deployed kiosk (issue 12.6).
 *
 * The shipped udev rule mounts every USB stick read-only under /media/zwgk/<device>, so the kiosk (the unprivileged
 * user zwgk, NoNewPrivileges) cannot write its statistics export there.  It places the CSV in its data folder's
 * outbox/ and runs `systemctl start zwgk-stick-export@<device>.service` (allowed to the user zwgk by the shipped
 * polkit rule for exactly that unit).  That unit runs this program as root:
 *
 *   zwgk-stick-export [--media DIR] [--outbox DIR] DEVICE
 *
 * DEVICE is the stick's folder name under DIR (default /media/zwgk), [A-Za-z0-9_-] only; it must be a mount point.
 * The stick is remounted read-write (nosuid, nodev, noexec kept), every finished export in the outbox (default
 * /var/lib/zwgk-kiosk/outbox: regular files named *.csv, not dot-files, at most 16 MiB, opened without following
 * links) is written onto it atomically without replacing anything (local_export_place) and removed from the outbox,
 * and the stick is remounted read-only again — whatever happened in between.  Messages go to stderr in the locale's
 * language (the unit sets LANG=zh_CN.UTF-8), for the kiosk's log and the journal.  Exit 0 when everything in the outbox
 * is on the stick. */
#define _GNU_SOURCE
#include "zwgk/i18n.h"
#include "zwgk/local.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXPORT_MAX  (16L << 20)
#define STICK_FLAGS (MS_NOSUID | MS_NODEV | MS_NOEXEC)

static int name_ok(const char *name)
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

/* Reads the regular file name in dir fd (no links followed) into a new buffer; NULL with errno. */
static char *read_export(int dfd, const char *name, size_t *len)
{
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    char *buf = NULL;
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > EXPORT_MAX) {
        errno = EINVAL;
        goto done;
    }
    buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            free(buf);
            buf = NULL;
            errno = n == 0 ? EINVAL : errno;
            break;
        }
        got += (size_t)n;
    }
    *len = got;
done:
    close(fd);
    return buf;
}

int main(int argc, char **argv)
{
    zwgk_i18n_init();
    const char *media = "/media/zwgk", *outbox = "/var/lib/zwgk-kiosk/outbox", *name = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--media") && i + 1 < argc)
            media = argv[++i];
        else if (!strcmp(argv[i], "--outbox") && i + 1 < argc)
            outbox = argv[++i];
        else if (!name && argv[i][0] != '-')
            name = argv[i];
        else {
            fputs(_("usage: zwgk-stick-export [--media DIR] [--outbox DIR] DEVICE\n"), stderr);
            return 2;
        }
    }
    if (!name || !name_ok(name)) {
        fputs(_("The USB stick's device name is not valid (only letters, digits, - and _).\n"), stderr);
        return 2;
    }
    char stick[4096];
    snprintf(stick, sizeof stick, "%s/%s", media, name);
    struct stat sm, sp;
    if (stat(stick, &sm) != 0 || stat(media, &sp) != 0 || !S_ISDIR(sm.st_mode) || sm.st_dev == sp.st_dev) {
        fprintf(stderr, _("%s is not a mounted USB stick: insert the stick again and try again.\n"), stick);
        return 1;
    }
    int dfd = open(outbox, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0) {
        fprintf(stderr, _("Nothing to export (%s: %s).\n"), outbox, strerror(errno));
        return 1;
    }
    if (mount(NULL, stick, NULL, MS_REMOUNT | STICK_FLAGS, NULL) != 0) {
        fprintf(stderr,
                _("The USB stick cannot be made writable (%s): it may have a write-protect switch or be damaged.\n"),
                strerror(errno));
        close(dfd);
        return 1;
    }
    int failed = 0, moved = 0;
    DIR *d = fdopendir(dup(dfd));
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || n < 5 || n > 200 || strcmp(e->d_name + n - 4, ".csv") != 0)
            continue;
        size_t len = 0;
        char *data = read_export(dfd, e->d_name, &len), base[256], written[4096], err[1024];
        if (!data) {
            fprintf(stderr, _("The export file %s cannot be read (%s).\n"), e->d_name, strerror(errno));
            failed++;
            continue;
        }
        snprintf(base, sizeof base, "%.*s", (int)(n - 4), e->d_name);
        if (local_export_place(stick, base, data, len, written, sizeof written, err, sizeof err) != ZWGK_OK) {
            fprintf(stderr, _("Writing to the USB stick failed (%s). The stick may be full: try another stick.\n"),
                    err);
            failed++;
        } else if (unlinkat(dfd, e->d_name, 0) == 0) {
            moved++;
        }
        free(data);
    }
    if (d)
        closedir(d);
    close(dfd);
    sync();
    if (mount(NULL, stick, NULL, MS_REMOUNT | MS_RDONLY | STICK_FLAGS, NULL) != 0) {
        fprintf(stderr,
                _("The files are written, but the USB stick could not be made read-only again (%s): wait a few seconds "
                  "before removing it.\n"),
                strerror(errno));
        failed++;
    }
    if (!failed)
        printf(_("%d file(s) written to the USB stick %s\n"), moved, stick);
    return failed ? 1 : 0;
}
