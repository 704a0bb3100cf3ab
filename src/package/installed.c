/* installed.c — finding the installed content when local.db cannot say, and repairing a data directory
 * (zwgk/package.h).
 *
 * Every file in DATA/content/ named content-<version>[-<n>].db was verified before it got that name (install.c), so
 * when local.db is damaged, read-only, missing or points at a file that is gone, the kiosk still has intact content
 * to show — and must show it rather than its factory demo.  The order of trust is: local.db's current file, its
 * previous file, the copy of the pointer in DATA/content-state (local_state.c), and last the newest file whose meta
 * holds the version its name says.  Opening is enough to show a file; a repair, which changes what is current,
 * re-runs the full package check (package_content_check) on whatever it makes current.
 *
 * A repair either rebuilds local.db (local_rebuild: the damaged file is kept beside it, its readable rows carried
 * over) or, when local.db is fine but its current file is not, makes the best intact file current, recording a
 * "repair" row.  It runs under the install lock, like an install. */
#include "package_private.h"
#include "zwgk/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct candidate {
    char file[LOCAL_FILE_MAX];
    long long version;
    long k; /* content-<version>-<k>.db, 1 for content-<version>.db: a reinstall of the same version is newer */
} candidate_t;

/* Reads the version (and reinstall number) out of content-<version>[-<k>].db; 0 when the name is not ours. */
static int parse_name(const char *name, long long *version, long *k)
{
    char *end;
    if (strncmp(name, "content-", 8) != 0 || name[8] < '0' || name[8] > '9' || strlen(name) >= LOCAL_FILE_MAX)
        return 0;
    errno = 0;
    *version = strtoll(name + 8, &end, 10);
    if (errno || *version <= 0)
        return 0;
    *k = 1;
    if (*end == '-') {
        const char *p = end + 1;
        if (*p < '0' || *p > '9')
            return 0;
        *k = strtol(p, &end, 10);
        if (errno || *k < 2)
            return 0;
    }
    return !strcmp(end, ".db");
}

static int candidate_cmp(const void *a, const void *b)
{
    const candidate_t *x = a, *y = b;
    if (x->version != y->version)
        return x->version < y->version ? 1 : -1;
    return (x->k < y->k) - (x->k > y->k);
}

/* The content files of DATA/content, newest first, in a malloc'ed array (NULL when none). */
static size_t scan_content(const char *data_dir, candidate_t **out)
{
    char dir[1100];
    size_t n = 0, cap = 0;
    candidate_t *v = NULL;
    snprintf(dir, sizeof dir, "%s/content", data_dir);
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        candidate_t c;
        size_t len = strlen(e->d_name);
        if (len >= sizeof c.file || !parse_name(e->d_name, &c.version, &c.k))
            continue; /* (a name longer than any content file name is not one) */
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            candidate_t *nv = realloc(v, ncap * sizeof *nv);
            if (!nv)
                break;
            v = nv;
            cap = ncap;
        }
        memcpy(c.file, e->d_name, len + 1);
        v[n++] = c;
    }
    closedir(d);
    if (n > 1)
        qsort(v, n, sizeof *v, candidate_cmp);
    *out = v;
    return n;
}

/* Opens DATA/content/file when its meta holds want_version (0: any); NULL otherwise, with the reason in why. */
static content_t *open_file(const char *data_dir, const char *file, long long want_version, char *path, size_t cap,
                            char *why, size_t whycap)
{
    char p[1400], err[512];
    snprintf(p, sizeof p, "%s/content/%s", data_dir, file);
    content_t *c = content_open(p, err, sizeof err);
    if (!c) {
        snprintf(why, whycap, "%s", access(p, F_OK) != 0 ? _("does not exist") : _("cannot be opened"));
        return NULL;
    }
    if (want_version && content_meta(c)->content_version != want_version) {
        snprintf(why, whycap, _("holds version %lld, not %lld"), content_meta(c)->content_version, want_version);
        content_close(c);
        return NULL;
    }
    snprintf(path, cap, "%s", p);
    return c;
}

content_t *package_open_installed(const char *data_dir, local_t *l, char *path, size_t cap, char *note, size_t notecap)
{
    local_content_state_t st, hint;
    char why[128] = "", first_why[128 + LOCAL_FILE_MAX + 64] = "";
    content_t *c = NULL;
    int have_state = l && local_content_state(l, &st) == ZWGK_OK;
    note[0] = '\0';
    if (have_state && st.current_file[0]) {
        if ((c = open_file(data_dir, st.current_file, st.current_version, path, cap, why, sizeof why)))
            return c;
        snprintf(first_why, sizeof first_why, _("The current content file %s %s"), st.current_file, why);
        if (st.previous_file[0] &&
            (c = open_file(data_dir, st.previous_file, st.previous_version, path, cap, why, sizeof why))) {
            snprintf(note, notecap,
                     _("%s; showing the previous version %lld. Install the package again, or run zwgk-admin status "
                       "--repair."),
                     first_why, st.previous_version);
            return c;
        }
    }
    if ((!have_state || !st.current_file[0]) && local_state_hint_read(data_dir, &hint) == ZWGK_OK) {
        const char *files[2] = {hint.current_file, hint.previous_file};
        long long versions[2] = {hint.current_version, hint.previous_version};
        for (int i = 0; i < 2; i++) {
            if (files[i][0] && (c = open_file(data_dir, files[i], versions[i], path, cap, why, sizeof why))) {
                snprintf(note, notecap,
                         i ? _("Showing the installed previous version %lld (from this kiosk's copy of its content "
                               "record).")
                           : _("Showing the installed version %lld (from this kiosk's copy of its content record)."),
                         versions[i]);
                return c;
            }
        }
    }
    candidate_t *v = NULL;
    size_t n = scan_content(data_dir, &v);
    for (size_t i = 0; i < n && !c; i++) {
        if (have_state && !strcmp(v[i].file, st.current_file))
            continue; /* already tried */
        if ((c = open_file(data_dir, v[i].file, v[i].version, path, cap, why, sizeof why))) {
            if (first_why[0])
                snprintf(note, notecap, _("%s; showing the newest content version kept on this kiosk, %lld."),
                         first_why, v[i].version);
            else
                snprintf(note, notecap, _("Showing the newest content version kept on this kiosk, %lld."),
                         v[i].version);
        }
    }
    free(v);
    if (!c && first_why[0])
        snprintf(note, notecap,
                 _("%s, and this kiosk has no other usable installed content: showing the factory demo "
                   "content."),
                 first_why);
    return c;
}

/* Checks DATA/content/file fully and fills *c's version and publisher; 0 when it passes. */
static int check_file(const char *data_dir, const char *file, long long *version, char *publisher, size_t cap)
{
    char p[1400];
    package_result_t r;
    snprintf(p, sizeof p, "%s/content/%s", data_dir, file);
    if (package_content_check(p, &r) != ZWGK_OK)
        return -1;
    *version = r.version;
    snprintf(publisher, cap, "%s", r.publisher_id);
    return 0;
}

/* The state a rebuilt local.db starts from: the copy of the pointer when its files pass the check, else the newest
 * two files that do.  how says which (English, for the detail). */
static void find_state(const char *data_dir, const char *skip, local_content_state_t *st, char *how, size_t howcap)
{
    local_content_state_t hint;
    memset(st, 0, sizeof *st);
    if (local_state_hint_read(data_dir, &hint) == ZWGK_OK && hint.current_file[0] && strcmp(hint.current_file, skip) &&
        check_file(data_dir, hint.current_file, &st->current_version, st->current_publisher,
                   sizeof st->current_publisher) == 0) {
        snprintf(st->current_file, sizeof st->current_file, "%s", hint.current_file);
        if (hint.previous_file[0] && strcmp(hint.previous_file, skip) &&
            check_file(data_dir, hint.previous_file, &st->previous_version, st->previous_publisher,
                       sizeof st->previous_publisher) == 0)
            snprintf(st->previous_file, sizeof st->previous_file, "%s", hint.previous_file);
        st->rollback_hold = hint.rollback_hold;
        snprintf(how, howcap, "from content-state");
        return;
    }
    candidate_t *v = NULL;
    size_t n = scan_content(data_dir, &v);
    for (size_t i = 0; i < n && !st->previous_file[0]; i++) {
        long long version;
        char publisher[LOCAL_ID_MAX];
        if (!strcmp(v[i].file, skip) || check_file(data_dir, v[i].file, &version, publisher, sizeof publisher) != 0)
            continue;
        if (!st->current_file[0]) {
            snprintf(st->current_file, sizeof st->current_file, "%s", v[i].file);
            st->current_version = version;
            snprintf(st->current_publisher, sizeof st->current_publisher, "%s", publisher);
        } else if (version < st->current_version) {
            snprintf(st->previous_file, sizeof st->previous_file, "%s", v[i].file);
            st->previous_version = version;
            snprintf(st->previous_publisher, sizeof st->previous_publisher, "%s", publisher);
        }
    }
    free(v);
    snprintf(how, howcap, "%s", st->current_file[0] ? "from the newest intact content file" : "with no content");
}

zwgk_result package_repair_locked(const char *data_dir, local_t **l, package_result_t *res)
{
    char err[512], how[64], saved[160];
    local_open_problem_t why = LOCAL_OPEN_FINE;
    local_content_state_t st;
    memset(res, 0, sizeof *res);
    if (!*l)
        *l = local_open_checked(data_dir, &why, err, sizeof err);
    if (*l && local_content_state(*l, &st) != ZWGK_OK) {
        why = local_is_damaged(*l) ? LOCAL_OPEN_DAMAGED : LOCAL_OPEN_FAILED;
        snprintf(err, sizeof err, _("cannot read local.db: %s"), local_errmsg(*l));
    }
    if (*l && why == LOCAL_OPEN_FINE && local_check(*l, err, sizeof err) != ZWGK_OK)
        why = LOCAL_OPEN_DAMAGED;
    if (why == LOCAL_OPEN_READONLY) {
        local_close(*l);
        *l = NULL;
        package_refuse(res, PACKAGE_IO_ERROR, "%s", err);
        package_say(
            res,
            _("The kiosk's data folder (%s) can be read but not written, so it cannot be repaired. Check the storage."),
            data_dir);
        return package_reason_result(PACKAGE_IO_ERROR);
    }
    if (why == LOCAL_OPEN_FAILED) {
        local_close(*l);
        *l = NULL;
        return package_refuse(res, PACKAGE_IO_ERROR, "%s", err);
    }
    if (why == LOCAL_OPEN_DAMAGED) {
        local_close(*l);
        *l = NULL;
        find_state(data_dir, "", &st, how, sizeof how);
        char rebuild_err[512];
        if (local_rebuild(data_dir, &st, saved, sizeof saved, rebuild_err, sizeof rebuild_err) != ZWGK_OK) {
            package_refuse(res, PACKAGE_IO_ERROR, N_("local.db is damaged (%s) and cannot be rebuilt: %s"), err,
                           rebuild_err);
            package_say(res, _("The kiosk's database is damaged and cannot be rebuilt (%.200s). Check the storage."),
                        rebuild_err);
            return package_reason_result(PACKAGE_IO_ERROR);
        }
        *l = local_open(data_dir, err, sizeof err);
        if (!*l)
            return package_refuse(res, PACKAGE_IO_ERROR, N_("the rebuilt local.db does not open: %s"), err);
        res->version = st.current_version;
        snprintf(res->publisher_id, sizeof res->publisher_id, "%s", st.current_publisher);
        package_refuse(res, PACKAGE_OK, N_("local.db was damaged (%.200s): rebuilt %s; the damaged file is kept as %s"),
                       err, how, saved);
        if (st.current_file[0])
            package_say(res,
                        _("The kiosk's database was damaged and has been rebuilt (the old file is kept as %s); the "
                          "current content is version %lld."),
                        saved, st.current_version);
        else
            package_say(res,
                        _("The kiosk's database was damaged and has been rebuilt (the old file is kept as %s); this "
                          "kiosk has no usable installed content."),
                        saved);
        return ZWGK_OK;
    }

    /* local.db is fine: is what it points to? */
    char path[1400];
    package_result_t check;
    res->version = st.current_version;
    if (st.current_file[0]) {
        snprintf(path, sizeof path, "%s/content/%s", data_dir, st.current_file);
        if (package_content_check(path, &check) == ZWGK_OK && check.version == st.current_version) {
            package_refuse(res, PACKAGE_OK, "%s", "");
            package_say(res, _("The kiosk's data is intact; nothing to repair."));
            return ZWGK_OK;
        }
    } else {
        candidate_t *v = NULL;
        size_t n = scan_content(data_dir, &v);
        free(v);
        if (n == 0) { /* nothing installed: a new kiosk (a local.db made afresh beside content files is not) */
            package_refuse(res, PACKAGE_OK, "%s", "");
            package_say(res, _("No package has been installed on this kiosk yet; nothing to repair."));
            return ZWGK_OK;
        }
    }
    local_content_state_t fixed;
    char bad[LOCAL_FILE_MAX];
    snprintf(bad, sizeof bad, "%s", st.current_file);
    memset(&fixed, 0, sizeof fixed);
    if (st.previous_file[0] && check_file(data_dir, st.previous_file, &fixed.current_version, fixed.current_publisher,
                                          sizeof fixed.current_publisher) == 0) {
        snprintf(fixed.current_file, sizeof fixed.current_file, "%s", st.previous_file);
        snprintf(how, sizeof how, "the previous file");
    } else
        find_state(data_dir, bad, &fixed, how, sizeof how);
    local_history_row_t row;
    memset(&row, 0, sizeof row);
    snprintf(row.action, sizeof row.action, "repair");
    snprintf(row.package, sizeof row.package, "%s", fixed.current_file);
    row.version = fixed.current_version;
    snprintf(row.publisher, sizeof row.publisher, "%s", fixed.current_publisher);
    snprintf(row.reason, sizeof row.reason, "current-missing");
    snprintf(row.detail, sizeof row.detail, "the current file %s is missing or fails its check; now %s (%s)",
             bad[0] ? bad : "(none)", fixed.current_file[0] ? fixed.current_file : "nothing", how);
    if (local_content_set(*l, &fixed, &row) != ZWGK_OK)
        return package_refuse(res, local_disk_full(*l) ? PACKAGE_NO_SPACE : PACKAGE_IO_ERROR,
                              N_("cannot write local.db: %s"), local_errmsg(*l));
    res->version = fixed.current_version;
    snprintf(res->publisher_id, sizeof res->publisher_id, "%s", fixed.current_publisher);
    package_refuse(res, PACKAGE_OK, "%s", row.detail);
    if (fixed.current_file[0])
        package_say(res, _("The current content file %s is missing or damaged; version %lld is current now."),
                    bad[0] ? bad : "", fixed.current_version);
    else
        package_say(res,
                    _("The current content file %s is missing or damaged, and this kiosk has no other usable content: "
                      "it shows its factory demo content."),
                    bad);
    return ZWGK_OK;
}

zwgk_result package_repair(const char *data_dir, package_result_t *res)
{
    local_t *l = NULL;
    memset(res, 0, sizeof *res);
    if (strlen(data_dir) > 800)
        return package_refuse(res, PACKAGE_IO_ERROR, N_("the data directory's path is too long"));
    int lock = package_lock_data_dir(data_dir);
    if (lock < 0) {
        int e = errno;
        package_refuse(res, e == EWOULDBLOCK ? PACKAGE_BUSY : PACKAGE_IO_ERROR, N_("%s/install.lock: %s"), data_dir,
                       strerror(e));
        if (e == EROFS || e == EACCES || e == EPERM)
            package_say(res,
                        _("The kiosk's data folder (%s) can be read but not written, so it cannot be repaired. Check "
                          "the storage."),
                        data_dir);
        return package_reason_result(res->reason);
    }
    zwgk_result r = package_repair_locked(data_dir, &l, res);
    local_close(l);
    close(lock);
    return r;
}
