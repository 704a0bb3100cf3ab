/* install.c — making a verified package the kiosk's content, atomically (zwgk/package.h).
 *
 * The order is what makes a power cut at any instant harmless:
 *   1. the package is copied and verified as DATA/content/.incoming-*.db and fsynced (package.c);
 *   2. it is renamed to content-<version>.db — never over an existing name, so no open database is ever replaced —
 *      and the directory is fsynced: the file is now durable under its final name;
 *   3. the current-content pointer in local.db is switched in one transaction (the commit is the switch);
 *   4. files that are neither current nor previous are removed.
 * A crash before 3 leaves the old pointer and a stray file that step 4 of the next install removes; after 3, the new
 * content is complete on disk.  Any failure of a write, fsync or rename before the switch refuses the install and
 * removes what it wrote.  If the switch's commit itself fails, the new file is kept (not removed): SQLite may have
 * written the commit before the error was reported, and a pointer to a removed file would leave the kiosk with no
 * content; the next install removes it if it is not current.
 *
 * One install per data directory at a time: an flock on DATA/install.lock, which the kernel releases when the
 * process dies, so a killed installer never blocks the next one. */
#define _GNU_SOURCE /* renameat2 */
#include "package_private.h"
#include "zwgk/i18n.h"
#include "zwgk/local.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Copies src into dst[cap], cut to fit. */
static void set_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

int package_lock_data_dir(const char *data_dir)
{
    char path[1100];
    if (mkdir(data_dir, 0755) != 0 && errno != EEXIST)
        return -1;
    snprintf(path, sizeof path, "%s/install.lock", data_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        fd = -1;
    }
    return fd;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Removes private copies and content files that are neither current nor previous.  Returns how many could not be
 * removed. */
static int cleanup_content_dir(const char *dir, const local_content_state_t *st)
{
    int failed = 0, removed = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        int ours = starts_with(n, PACKAGE_INCOMING_PREFIX) || (starts_with(n, "content-") && ends_with(n, ".db"));
        if (!ours || !strcmp(n, st->current_file) || !strcmp(n, st->previous_file))
            continue;
        if (unlinkat(dirfd(d), n, 0) == 0)
            removed++;
        else
            failed++;
    }
    closedir(d);
    if (removed && fsync_dir(dir) != 0)
        failed++;
    return failed;
}

/* Appends the refusal in res to local.db's history (best effort: a full disk may refuse this too). */
static void record(local_t *l, const char *action, const char *package, const package_result_t *res)
{
    local_history_row_t row;
    memset(&row, 0, sizeof row);
    snprintf(row.action, sizeof row.action, "%s", action);
    snprintf(row.package, sizeof row.package, "%s", package);
    row.version = res->version;
    snprintf(row.publisher, sizeof row.publisher, "%s", res->publisher_id);
    snprintf(row.reason, sizeof row.reason, "%s", package_reason_key(res->reason));
    set_str(row.detail, sizeof row.detail, res->history_detail);
    if (l)
        local_history_add(l, &row);
}

static void counts_of(const char *path, content_counts_t *out)
{
    char err[256];
    content_t *c = path[0] ? content_open(path, err, sizeof err) : NULL;
    memset(out, 0, sizeof *out);
    if (c)
        content_counts(c, out);
    content_close(c);
}

/* Picks content-<version>.db, or content-<version>-N.db when that name is taken (a reinstall). */
static int final_name(const char *content_dir, long long version, char *name, size_t cap)
{
    for (int k = 1; k < 1000; k++) {
        char path[1400];
        if (k == 1)
            snprintf(name, cap, "content-%lld.db", version);
        else
            snprintf(name, cap, "content-%lld-%d.db", version, k);
        snprintf(path, sizeof path, "%s/%s", content_dir, name);
        if (access(path, F_OK) != 0 && errno == ENOENT)
            return 0;
    }
    return -1;
}

/* What install and rollback both start with: the data directory's install lock held (one change at a time), local.db
 * open — rebuilt first when it is damaged, since an admin who brings a package wants the kiosk working — and the
 * current state read.  *repaired gets what the repair did ("" when nothing).  On a refusal, *l and *lock may hold
 * what was opened: the caller's cleanup frees them. */
static zwgk_result open_locked(const char *data_dir, local_t **l, int *lock, local_content_state_t *state,
                               char *repaired, size_t repaired_cap, package_result_t *res)
{
    char err[512];
    local_open_problem_t why = LOCAL_OPEN_FINE;
    repaired[0] = '\0';
    *l = local_open_checked(data_dir, &why, err, sizeof err); /* first, so that even "busy" is in the history */
    *lock = package_lock_data_dir(data_dir);
    if (*lock < 0) {
        int e = errno;
        package_refuse(res,
                       e == EWOULDBLOCK             ? PACKAGE_BUSY
                       : e == ENOSPC || e == EDQUOT ? PACKAGE_NO_SPACE
                                                    : PACKAGE_IO_ERROR,
                       N_("%s/install.lock: %s"), data_dir, strerror(e));
        if (e == EROFS || e == EACCES || e == EPERM)
            package_say(res,
                        _("The kiosk's data folder (%s) can be read but not written, so nothing can be installed; the "
                          "current content stays in use. Check the storage."),
                        data_dir);
        return package_reason_result(res->reason);
    }
    if (*l && local_content_state(*l, state) != ZWGK_OK && local_is_damaged(*l))
        why = LOCAL_OPEN_DAMAGED;
    if (why == LOCAL_OPEN_DAMAGED) {
        package_result_t fix;
        if (package_repair_locked(data_dir, l, &fix) != ZWGK_OK) {
            *res = fix;
            return package_reason_result(fix.reason);
        }
        snprintf(repaired, repaired_cap, "%s", fix.detail);
    }
    if (!*l) {
        package_refuse(res, PACKAGE_IO_ERROR, "%s", err);
        if (why == LOCAL_OPEN_READONLY)
            package_say(res,
                        _("The kiosk's data folder (%s) can be read but not written, so nothing can be installed; the "
                          "current content stays in use. Check the storage."),
                        data_dir);
        return package_reason_result(PACKAGE_IO_ERROR);
    }
    if (local_content_state(*l, state) != ZWGK_OK)
        return package_refuse(res, PACKAGE_IO_ERROR, N_("cannot read local.db: %s"), local_errmsg(*l));
    return ZWGK_OK;
}

zwgk_result package_install(const char *db_path, const char *data_dir, const package_options_t *opt,
                            package_result_t *res)
{
    char content_dir[1024], name[LOCAL_FILE_MAX], final[1400], publisher[64] = "", old_path[1400] = "", repaired[768];
    local_content_state_t state;
    package_stage_t st;
    local_t *l = NULL;
    int lock = -1, switched = 0;
    zwgk_result r;

    memset(res, 0, sizeof *res);
    memset(&st, 0, sizeof st);
    if (strlen(data_dir) > 800) /* every path below then fits its buffer */
        return package_refuse(res, PACKAGE_IO_ERROR, N_("the data directory's path is too long"));
    snprintf(st.file_name, sizeof st.file_name, "%s", strrchr(db_path, '/') ? strrchr(db_path, '/') + 1 : db_path);
    snprintf(content_dir, sizeof content_dir, "%s/content", data_dir);
    if ((r = open_locked(data_dir, &l, &lock, &state, repaired, sizeof repaired, res)) != ZWGK_OK)
        goto done;
    res->installed_version = state.current_version;
    if (state.current_file[0]) {
        snprintf(old_path, sizeof old_path, "%s/%s", content_dir, state.current_file);
        counts_of(old_path, &res->previous_counts);
    }
    if (opt->publisher_id && opt->publisher_id[0])
        snprintf(publisher, sizeof publisher, "%s", opt->publisher_id);
    else
        local_setting_get(l, "publisher_id", publisher, sizeof publisher);
    cleanup_content_dir(content_dir, &state);

    package_policy_t policy = {publisher, state.current_version, opt->reinstall, state.rollback_hold};
    if ((r = package_stage(db_path, content_dir, opt, &policy, &st, res)) != ZWGK_OK)
        goto done;
    if (package_progress(opt, PACKAGE_PHASE_INSTALL, 0, 0)) {
        r = package_refuse(res, PACKAGE_CANCELLED, N_("cancelled before the switch"));
        goto done;
    }
    if (final_name(content_dir, st.version, name, sizeof name) != 0) {
        r = package_refuse(res, PACKAGE_IO_ERROR, N_("no free file name for version %lld"), st.version);
        goto done;
    }
    snprintf(final, sizeof final, "%s/%s", content_dir, name);
    if (renameat2(AT_FDCWD, st.copy_path, AT_FDCWD, final, RENAME_NOREPLACE) != 0) {
        r = package_refuse(res, PACKAGE_IO_ERROR, N_("rename to %s: %s"), final, strerror(errno));
        goto done;
    }
    set_str(st.copy_path, sizeof st.copy_path, final); /* removed on failure from here on; fits (checked) */
    if (fsync_dir(content_dir) != 0) {
        r = package_refuse(res, PACKAGE_IO_ERROR, N_("fsync %s: %s"), content_dir, strerror(errno));
        goto done;
    }
    local_history_row_t row;
    memset(&row, 0, sizeof row);
    snprintf(row.action, sizeof row.action, "install");
    snprintf(row.package, sizeof row.package, "%s", st.file_name);
    row.version = st.version;
    snprintf(row.publisher, sizeof row.publisher, "%s", st.publisher_id);
    snprintf(row.reason, sizeof row.reason, "%s",
             opt->reinstall && st.version == state.current_version ? "reinstall" : "ok");
    snprintf(row.detail, sizeof row.detail, "installed as %s, signed by key %s", name, res->key_id);
    if (local_content_switch(l, name, st.version, st.publisher_id, &row) != ZWGK_OK) {
        st.copy_path[0] = '\0'; /* keep it: see the top of the file */
        r = package_refuse(res, local_disk_full(l) ? PACKAGE_NO_SPACE : PACKAGE_IO_ERROR,
                           N_("cannot switch the current content in local.db: %s"), local_errmsg(l));
        goto done;
    }
    switched = 1;
    st.copy_path[0] = '\0';
    if (local_content_state(l, &state) == ZWGK_OK && cleanup_content_dir(content_dir, &state) != 0)
        snprintf(res->detail, sizeof res->detail,
                 _("installed as %s; an old content file could not be removed%s%.300s"), name, repaired[0] ? "; " : "",
                 repaired);
    else
        snprintf(res->detail, sizeof res->detail, _("installed as %s (content version %lld of %s, key %s)%s%.300s"),
                 name, st.version, st.publisher_id, res->key_id, repaired[0] ? "; " : "", repaired);
    set_str(res->content_path, sizeof res->content_path, final);
    res->reason = PACKAGE_OK;
    package_say(res, _("The content was updated to version %lld (it was version %lld): %d items, %d documents."),
                st.version, res->installed_version, st.counts.items, st.counts.docs);
    r = ZWGK_OK;
done:
    package_stage_discard(&st);
    if (!switched && res->reason != PACKAGE_OK)
        record(l, "refuse", st.file_name, res);
    if (lock >= 0)
        close(lock);
    local_close(l);
    return r;
}

zwgk_result package_rollback(const char *data_dir, const package_options_t *opt, package_result_t *res)
{
    char path[1400], repaired[768];
    local_content_state_t state;
    local_t *l = NULL;
    int lock = -1;
    zwgk_result r;

    memset(res, 0, sizeof *res);
    if (strlen(data_dir) > 800)
        return package_refuse(res, PACKAGE_IO_ERROR, N_("the data directory's path is too long"));
    if ((r = open_locked(data_dir, &l, &lock, &state, repaired, sizeof repaired, res)) != ZWGK_OK)
        goto done;
    res->installed_version = state.current_version;
    if (!state.previous_file[0]) {
        r = package_refuse(res, PACKAGE_NO_PREVIOUS, N_("no previous content is kept"));
        goto done;
    }
    snprintf(path, sizeof path, "%s/content/%s", data_dir, state.previous_file);
    package_result_t check;
    if ((r = package_content_check_opt(path, opt, &check)) != ZWGK_OK) {
        *res = check;
        res->installed_version = state.current_version;
        goto done;
    }
    res->version = check.version;
    res->counts = check.counts;
    snprintf(res->publisher_id, sizeof res->publisher_id, "%s", check.publisher_id);
    snprintf(path, sizeof path, "%s/content/%s", data_dir, state.current_file);
    counts_of(path, &res->previous_counts);
    local_history_row_t row;
    memset(&row, 0, sizeof row);
    snprintf(row.action, sizeof row.action, "rollback");
    snprintf(row.package, sizeof row.package, "%s", state.previous_file);
    row.version = state.previous_version;
    snprintf(row.publisher, sizeof row.publisher, "%s", state.previous_publisher);
    snprintf(row.reason, sizeof row.reason, "ok");
    snprintf(row.detail, sizeof row.detail, "rolled back from version %lld", state.current_version);
    if (local_content_swap(l, &row) != ZWGK_OK) {
        r = package_refuse(res, local_disk_full(l) ? PACKAGE_NO_SPACE : PACKAGE_IO_ERROR,
                           N_("cannot switch the current content in local.db: %s"), local_errmsg(l));
        goto done;
    }
    snprintf(path, sizeof path, "%s/content/%s", data_dir, state.previous_file);
    set_str(res->content_path, sizeof res->content_path, path);
    package_refuse(res, PACKAGE_OK, N_("rolled back to %s (version %lld)"), state.previous_file,
                   state.previous_version);
    if (state.previous_version < state.current_version)
        package_say(res,
                    _("Went back to the previous version %lld. The package of version %lld is not installed "
                      "automatically again until a newer package arrives."),
                    state.previous_version, state.current_version);
    else
        package_say(res, _("Went back to version %lld."), state.previous_version);
    r = ZWGK_OK;
done:
    if (r != ZWGK_OK)
        record(l, "refuse", "rollback", res);
    if (lock >= 0)
        close(lock);
    local_close(l);
    return r;
}
