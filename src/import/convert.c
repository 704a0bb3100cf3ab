/* convert.c — the programs the importer borrows: LibreOffice for the formats it does not read itself, poppler's
 * pdftotext for PDFs.
 *
 * Why other programs and not libraries: a .doc or .wps is a binary format that only an office suite reads well, and
 * LibreOffice headless is the maintained one on Debian; PDF text is poppler's.  Running them as child processes
 * keeps a damaged or hostile file from taking zwgk-admin down with it, and lets a conversion that hangs be killed.
 *
 * Each run is bounded: its own process group (LibreOffice starts helpers; the whole group is killed on a timeout),
 * stdin from /dev/null, a private temporary folder holding both the output and LibreOffice's user profile
 * (-env:UserInstallation, so a staffer's open LibreOffice and its lock files are never touched and two imports never
 * share a profile), removed afterwards whatever happened. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "import_private.h"
#include "zwgk/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

char *imp_which(const char *name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0 ? imp_xstrdup(name) : NULL;
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (const char *p = path; *p;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        if (n) {
            imp_buf_t b = {0};
            imp_buf_put(&b, p, n);
            imp_buf_printf(&b, "/%s", name);
            if (access(b.s, X_OK) == 0)
                return b.s;
            imp_buf_free(&b);
        }
        p += n + (colon ? 1 : 0);
    }
    return NULL;
}

int imp_run(char *const argv[], const char *out_path, int timeout_s)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setpgid(0, 0);
        int in = open("/dev/null", O_RDONLY);
        int out = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int errfd = open("/dev/null", O_WRONLY);
        if (in < 0 || out < 0 || errfd < 0)
            _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(errfd, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    setpgid(pid, pid); /* also here: the child may not have run yet when a timeout kills the group */
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        int status;
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        if (w < 0 && errno != EINTR)
            return -1;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= timeout_s) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            return -2;
        }
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void imp_convert_cleanup(char *docx, char *tmpdir)
{
    if (tmpdir)
        nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    free(docx);
    free(tmpdir);
}

zwgk_result imp_convert_to_docx(const char *path, const char *display, const import_options_t *opt, char **docx,
                                char **tmpdir, char *err, size_t errlen)
{
    *docx = *tmpdir = NULL;
    char *soffice = imp_which(opt->soffice ? opt->soffice : "soffice");
    if (!soffice) {
        snprintf(err, errlen,
                 _("%s: reading this format needs LibreOffice, which is not installed: install the Debian package "
                   "libreoffice-writer-nogui (sudo apt-get install libreoffice-writer-nogui), or open the file in "
                   "Word/WPS and save it as .docx"),
                 display);
        return ZWGK_ERR_UNSUPPORTED;
    }
    const char *base = getenv("TMPDIR");
    imp_buf_t dir = {0};
    imp_buf_printf(&dir, "%s/zwgk-import-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir.s)) {
        snprintf(err, errlen, _("cannot make a temporary folder for the conversion: %s"), strerror(errno));
        imp_buf_free(&dir);
        free(soffice);
        return ZWGK_ERR_IO;
    }
    imp_buf_t profile = {0}, outdir = {0}, input = {0};
    imp_buf_printf(&profile, "-env:UserInstallation=file://%s/profile", dir.s);
    imp_buf_printf(&outdir, "%s/out", dir.s);
    mkdir(outdir.s, 0700);
    /* The input goes in under a plain name: LibreOffice names its output after the input, and a name with spaces,
     * quotes or a leading '-' must not reach its command line as anything but a file. */
    const char *dot = strrchr(path, '.');
    imp_buf_printf(&input, "%s/input%s", dir.s, dot && !strchr(dot, '/') ? dot : "");
    zwgk_result r = ZWGK_OK;
    char *abs = realpath(path, NULL);
    if (!abs || symlink(abs, input.s) != 0) { /* a folder without symlinks: the path as given */
        imp_buf_free(&input);
        imp_buf_puts(&input, abs ? abs : path);
    }
    free(abs);
    char *argv[] = {soffice,    profile.s, "--headless", "--norestore", "--nolockcheck", "--convert-to", "docx",
                    "--outdir", outdir.s,  input.s,      NULL};
    int timeout = opt->timeout_s > 0 ? opt->timeout_s : 120;
    int st = imp_run(argv, NULL, timeout);
    imp_buf_t out = {0};
    imp_buf_printf(&out, "%s/input.docx", outdir.s);
    struct stat sb;
    if (stat(out.s, &sb) != 0) { /* the input went in under its own name: take the .docx LibreOffice wrote */
        DIR *d = opendir(outdir.s);
        for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
            size_t n = strlen(e->d_name);
            if (n > 5 && !strcmp(e->d_name + n - 5, ".docx")) {
                imp_buf_free(&out);
                imp_buf_printf(&out, "%s/%s", outdir.s, e->d_name);
                break;
            }
        }
        if (d)
            closedir(d);
    }
    if (st == -2) {
        snprintf(err, errlen, _("%s: LibreOffice did not finish converting it within %d seconds; the file is skipped"),
                 display, timeout);
        r = ZWGK_ERR_FORMAT;
    } else if (st != 0 || stat(out.s, &sb) != 0 || sb.st_size == 0) {
        snprintf(err, errlen,
                 _("%s: LibreOffice could not convert it to .docx (the file may be damaged or not a document): open "
                   "it in Word/WPS and save it as .docx"),
                 display);
        r = ZWGK_ERR_FORMAT;
    }
    free(soffice);
    imp_buf_free(&profile);
    imp_buf_free(&outdir);
    imp_buf_free(&input);
    if (r != ZWGK_OK) {
        imp_buf_free(&out);
        imp_convert_cleanup(NULL, dir.s);
        return r;
    }
    *docx = out.s;
    *tmpdir = dir.s;
    return ZWGK_OK;
}
