/* updater.c — content updates while the kiosk runs, and the admin's slow actions, as jobs of the one worker queue
 * (jobs.h): the package watcher is the queue's source, each package it finds is an install job, and an admin
 * rollback or statistics export is a job too; the UI shows the overlay from their progress and results.
 *
 * The watcher lives entirely on the worker thread (package.h: created, waited on and destroyed there).  The UI
 * never touches it: "install from stick" sets a flag (forget, and whether the same version may be reinstalled) and
 * wakes the worker, which forgets what it reported before and lists everything again.  An install refused for a
 * reason that may pass (busy, disk full, an I/O error) is retried with a growing delay while the package is still
 * there (issue 12.11).  The worker never touches the content the UI has open: package_install writes a new
 * versioned file and switches the pointer in local.db; the UI then closes its content and opens the new file, and
 * rebuilds its screens by stable keys (a document's id may differ between versions, its key does not). */
#include "jobs.h"
#include "zwgk/i18n.h"
#include "zwgk/local.h"
#include "zwgk/package.h"
#include "zwgk/search.h"
#include "zwgk/text.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RETRY_MAX     16     /* packages whose transient refusal is remembered for a retry */
#define RETRY_BASE_MS 15000  /* first retry after 15 s, then 30 s, 60 s … */
#define RETRY_CAP_MS  600000 /* at most every 10 minutes */

typedef struct retry {
    char db_path[1024];
    uint32_t due;  /* SDL_GetTicks() */
    uint32_t wait; /* the delay that led to due */
} retry_t;

typedef struct updater {
    char data_dir[1024];
    config_t config;
    /* set by the UI, read by the worker */
    atomic_int forget;    /* admin: list every package again */
    atomic_int reinstall; /* admin: the installs of that listing may repeat the installed version */
    /* the worker's own */
    package_watch_t *watch;
    minisign_pubkey_t keys[CONFIG_MAX_LIST];
    package_options_t opt;
    retry_t retry[RETRY_MAX];
    int nretry;
    uint32_t retry_base_ms;
} updater_t;

/* ---- installs ---- */

typedef struct install_job {
    updater_t *u;
    char db_path[1024];
    int reinstall;
    package_result_t res;
    bool shown; /* the UI showed "found" */
} install_job_t;

static int job_progress(void *user, package_phase_t phase, unsigned long long done, unsigned long long total)
{
    ui_job_t *job = user;
    ui_job_progress(job, (int)phase, done, total);
    return ui_job_cancelled(job); /* quitting cancels: nothing changes, the next start sees the package again */
}

static bool transient(package_reason_t r)
{
    return r == PACKAGE_BUSY || r == PACKAGE_NO_SPACE || r == PACKAGE_IO_ERROR;
}

/* Worker: remembers (or forgets) a package for a retry after its refusal. */
static void retry_note(updater_t *u, const char *db_path, package_reason_t r)
{
    int i = 0;
    while (i < u->nretry && strcmp(u->retry[i].db_path, db_path))
        i++;
    if (!transient(r)) {
        if (i < u->nretry)
            u->retry[i] = u->retry[--u->nretry];
        return;
    }
    if (i == u->nretry) {
        if (u->nretry == RETRY_MAX)
            return; /* a stick of many broken packages: the first RETRY_MAX are retried */
        snprintf(u->retry[i].db_path, sizeof u->retry[i].db_path, "%s", db_path);
        u->retry[i].wait = 0;
        u->nretry++;
    }
    uint32_t wait = u->retry[i].wait ? u->retry[i].wait * 2 : u->retry_base_ms;
    if (wait > RETRY_CAP_MS)
        wait = RETRY_CAP_MS;
    u->retry[i].wait = wait;
    u->retry[i].due = SDL_GetTicks() + wait;
    SDL_Log(_("updater: %s: %s; trying again in %u s"), db_path, package_reason_key(r), (unsigned)(wait / 1000));
}

static void install_run(ui_job_t *job, void *data)
{
    install_job_t *j = data;
    updater_t *u = j->u;
    package_options_t opt = u->opt;
    opt.reinstall = j->reinstall;
    opt.progress = job_progress;
    opt.progress_user = job;
    ui_job_progress(job, -1, 0, 0); /* "found" */
    package_install(j->db_path, u->data_dir, &opt, &j->res);
    SDL_Log(_("updater: %s: %s"), j->db_path, j->res.detail);
    if (j->res.reason != PACKAGE_CANCELLED)
        retry_note(u, j->db_path, j->res.reason);
}

/* Copies src into dst[cap], cut at a code point boundary when it does not fit (the dump must stay UTF-8). */
static void set_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0u) == 0x80u)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static const char *phase_text(int phase);

static void install_progress(ui_app_t *app, void *data, int phase, uint64_t done, uint64_t total)
{
    install_job_t *j = data;
    ui_overlay_t *o = &app->overlay;
    if (!j->shown) {
        const char *name = strrchr(j->db_path, '/') ? strrchr(j->db_path, '/') + 1 : j->db_path;
        j->shown = true;
        o->active = true;
        o->done = false;
        o->percent = -1;
        snprintf(o->title, sizeof o->title, "%s", _("Content update package found"));
        set_text(o->line, sizeof o->line, name); /* drawn and dumped with invalid bytes as U+FFFD */
        snprintf(o->status, sizeof o->status, "%s", _("Checking the signature"));
    }
    if (phase < 0)
        return;
    o->active = true;
    snprintf(o->status, sizeof o->status, "%s", phase_text(phase));
    o->percent = total ? (int)(done * 100 / total) : -1;
}

/* After an install or a repair rebuilt local.db, the UI's own connection may be missing or read-only. */
static void reopen_local(ui_app_t *app)
{
    char err[512];
    if (app->local && !local_is_readonly(app->local))
        return;
    local_t *l = local_open(app->opt.data_dir, err, sizeof err);
    if (l) {
        local_close(app->local);
        app->local = l;
        app->state_note[0] = '\0';
    }
}

static void install_finish(ui_app_t *app, void *data, ui_job_status_t status)
{
    install_job_t *j = data;
    const package_result_t *r = &j->res;
    ui_overlay_t *o = &app->overlay;
    (void)status;
    o->done = true;
    o->shown_at = app->now;
    o->percent = -1;
    if (r->reason == PACKAGE_OK && ui_content_reopen(app, r->content_path)) {
        reopen_local(app);
        o->active = true;
        o->ok = true;
        snprintf(o->title, sizeof o->title, "%s", _("Content updated"));
        snprintf(o->status, sizeof o->status, _("Version %lld → %lld"), r->installed_version, r->version);
        snprintf(o->line, sizeof o->line, _("Documents %d → %d, catalog items %d → %d"), r->previous_counts.docs,
                 r->counts.docs, r->previous_counts.items, r->counts.items);
    } else if (r->reason == PACKAGE_SAME_VERSION || r->reason == PACKAGE_OLD_VERSION ||
               r->reason == PACKAGE_ROLLED_BACK || r->reason == PACKAGE_CANCELLED) {
        /* A package left in a drop folder is seen again at every start: nothing to show. */
        o->active = false;
        if (r->reason != PACKAGE_CANCELLED)
            snprintf(app->last_refusal, sizeof app->last_refusal, "%s", r->message);
    } else {
        o->active = true;
        o->ok = false;
        snprintf(o->title, sizeof o->title, "%s", _("Update package not installed"));
        snprintf(o->status, sizeof o->status, "%s", r->message);
        const char *name = strrchr(j->db_path, '/') ? strrchr(j->db_path, '/') + 1 : j->db_path;
        char line[sizeof o->line];
        snprintf(line, sizeof line, _("File: %.300s. The current content stays on screen. %s"), name,
                 transient(r->reason) ? _("It is tried again automatically later.") : "");
        set_text(o->line, sizeof o->line, line); /* which package: the name drawn with invalid bytes as U+FFFD */
        snprintf(app->last_refusal, sizeof app->last_refusal, "%s", r->message);
    }
}

static const ui_job_class_t install_class = {"install",        UI_JOB_LANE_ADMIN, install_run,
                                             install_progress, install_finish,    NULL};

/* ---- the watcher, as the queue's source (worker thread) ---- */

static void source_poll(void *user, ui_jobs_t *q, int timeout_ms)
{
    updater_t *u = user;
    if (!u->watch) {
        if (timeout_ms) /* nothing to watch: only jobs wake the worker */
            SDL_Delay(timeout_ms < 0 ? 200 : (uint32_t)timeout_ms);
        return;
    }
    if (atomic_exchange(&u->forget, 0)) {
        package_watch_forget(u->watch);
        u->nretry = 0;
    }
    uint32_t now = SDL_GetTicks();
    for (int i = 0; i < u->nretry; i++) {
        if ((int32_t)(now - u->retry[i].due) >= 0) {
            package_watch_forget_one(u->watch, u->retry[i].db_path); /* reported again if still there */
            u->retry[i].due = now + RETRY_CAP_MS;                    /* until its install says otherwise */
        } else {
            int left = (int)(u->retry[i].due - now);
            if (timeout_ms < 0 || left < timeout_ms)
                timeout_ms = left;
        }
    }
    package_found_list_t found = {0};
    if (package_watch_wait(u->watch, timeout_ms, &found) != ZWGK_OK) {
        SDL_Delay(100);
        return;
    }
    if (found.ignored)
        SDL_Log(_("updater: %zu more new packages were not tried (at most %d per folder or stick)"), found.ignored,
                PACKAGE_WATCH_MAX_NEW);
    int reinstall = atomic_exchange(&u->reinstall, 0);
    for (size_t i = 0; i < found.count; i++) {
        install_job_t *j = calloc(1, sizeof *j);
        if (!j)
            break;
        j->u = u;
        j->reinstall = reinstall;
        snprintf(j->db_path, sizeof j->db_path, "%s", found.items[i].db_path);
        ui_jobs_post(q, &install_class, j);
    }
    package_found_list_free(&found);
}

static void source_wake(void *user)
{
    updater_t *u = user;
    if (u->watch)
        package_watch_wake(u->watch);
}

bool ui_updater_start(ui_app_t *app)
{
    if (!app->opt.data_dir)
        return false;
    updater_t *u = calloc(1, sizeof *u);
    if (!u)
        return false;
    snprintf(u->data_dir, sizeof u->data_dir, "%s", app->opt.data_dir);
    u->config = app->opt.config;
    u->retry_base_ms = RETRY_BASE_MS;
    const char *base = getenv("ZWGK_RETRY_BASE_MS"); /* tests: retry transient refusals sooner */
    if (base && atoi(base) > 0)
        u->retry_base_ms = (uint32_t)atoi(base);
    atomic_init(&u->forget, 0);
    atomic_init(&u->reinstall, 0);
    /* Made here, before the worker exists, and destroyed after it is joined: in between only the worker uses the
     * watcher and the options (thread creation and join order the hand-overs), except package_watch_wake. */
    char err[512];
    const char *folders[CONFIG_MAX_LIST];
    for (int i = 0; i < u->config.nwatch; i++)
        folders[i] = u->config.watch[i];
    if (package_options_from_config(&u->opt, u->keys, &u->config, err, sizeof err) != ZWGK_OK)
        SDL_Log(_("updater: kiosk configuration: %s"), err); /* and admin mode names the line */
    u->watch = package_watch_create(folders, (size_t)u->config.nwatch, getenv("ZWGK_MOUNTS"), err, sizeof err);
    if (!u->watch)
        SDL_Log(_("updater: cannot watch for packages: %s"), err);
    ui_job_source_t src = {NULL, source_poll, source_wake, NULL, u, 500};
    app->updater = u;
    if (!ui_jobs_start(app, app->opt.data_dir, &src)) {
        app->updater = NULL;
        package_watch_destroy(u->watch);
        free(u);
        return false;
    }
    return true;
}

void ui_updater_stop(ui_app_t *app)
{
    updater_t *u = app->updater;
    ui_jobs_stop(app); /* joins the worker: from here the watcher is ours again */
    if (u)
        package_watch_destroy(u->watch);
    free(u);
    app->updater = NULL;
}

void ui_updater_rescan(ui_app_t *app, bool reinstall)
{
    updater_t *u = app->updater;
    if (!u)
        return;
    atomic_store(&u->reinstall, reinstall ? 1 : 0);
    atomic_store(&u->forget, 1); /* read by the worker, which owns the watcher (issue 12.2) */
    source_wake(u);
}
/* ---- the admin's slow actions ---- */

typedef struct admin_job {
    char data_dir[1024];
    char kiosk_id[64];
    package_result_t res; /* rollback */
    char written[1024];   /* export: the file written */
    char err[768];        /* export: why it failed, for the admin */
    zwgk_result r;
} admin_job_t;

static void overlay_start(ui_app_t *app, const char *title, const char *status)
{
    ui_overlay_t *o = &app->overlay;
    o->active = true;
    o->done = false;
    o->ok = false;
    o->percent = -1;
    set_text(o->title, sizeof o->title, title);
    set_text(o->status, sizeof o->status, status);
    o->line[0] = '\0';
    app->dirty = true;
}

static void overlay_end(ui_app_t *app, bool ok, const char *title, const char *status, const char *line)
{
    ui_overlay_t *o = &app->overlay;
    o->active = true;
    o->done = true;
    o->ok = ok;
    o->percent = -1;
    o->shown_at = app->now;
    set_text(o->title, sizeof o->title, title);
    set_text(o->status, sizeof o->status, status);
    set_text(o->line, sizeof o->line, line);
}

static void rollback_run(ui_job_t *job, void *data)
{
    admin_job_t *a = data;
    package_options_t opt;
    memset(&opt, 0, sizeof opt);
    opt.progress = job_progress;
    opt.progress_user = job;
    a->r = package_rollback(a->data_dir, &opt, &a->res);
    SDL_Log(_("rollback: %s"), a->res.detail);
}

static void rollback_progress(ui_app_t *app, void *data, int phase, uint64_t done, uint64_t total)
{
    (void)data, (void)phase, (void)done, (void)total;
    snprintf(app->overlay.status, sizeof app->overlay.status, "%s", _("Checking that the previous version is intact…"));
}

static void rollback_finish(ui_app_t *app, void *data, ui_job_status_t status)
{
    admin_job_t *a = data;
    char text[1200];
    if (status == UI_JOB_CANCELLED) {
        app->overlay.active = false;
        return;
    }
    if (a->r == ZWGK_OK && ui_content_reopen(app, a->res.content_path)) {
        ui_push(app, &screen_admin, 0, 0); /* the stack was rebuilt from home: back to admin mode */
        snprintf(text, sizeof text, _("Rolled back to version %lld. %s"), a->res.version, a->res.message);
        screen_admin_set_result(app, text);
        overlay_end(app, true, _("Rolled back to the previous version"), a->res.message, "");
    } else {
        snprintf(text, sizeof text, _("Not rolled back: %s"), a->res.message);
        screen_admin_set_result(app, text);
        overlay_end(app, false, _("Could not roll back"), a->res.message, _("The current content stays in use."));
    }
}

static const ui_job_class_t rollback_class = {"rollback",        UI_JOB_LANE_ADMIN, rollback_run,
                                              rollback_progress, rollback_finish,   NULL};

bool ui_updater_rollback(ui_app_t *app)
{
    admin_job_t *a = app->opt.data_dir ? calloc(1, sizeof *a) : NULL;
    if (!a)
        return false;
    snprintf(a->data_dir, sizeof a->data_dir, "%s", app->opt.data_dir);
    if (!ui_jobs_post(app->jobs, &rollback_class, a))
        return false;
    overlay_start(app, _("Rolling back to the previous version"), _("Checking that the previous version is intact…"));
    return true;
}

/* The first removable medium in the mounts table (ZWGK_MOUNTS in tests, else /proc/self/mounts); "" when none. */
static void first_stick(char *out, size_t cap)
{
    const char *path = getenv("ZWGK_MOUNTS");
    FILE *f = fopen(path && *path ? path : "/proc/self/mounts", "re");
    char *text = NULL, *line = NULL, mounts[4][1024];
    size_t len = 0, lcap = 0;
    ssize_t got;
    out[0] = '\0';
    while (f && (got = getline(&line, &lcap, f)) > 0) { /* /proc files report size 0: read to the end */
        char *nt = realloc(text, len + (size_t)got + 1);
        if (!nt)
            break;
        text = nt;
        memcpy(text + len, line, (size_t)got + 1);
        len += (size_t)got;
    }
    if (f)
        fclose(f);
    free(line);
    if (text && package_removable_mounts(text, mounts, 4) > 0)
        snprintf(out, cap, "%s", mounts[0]);
    free(text);
}

static void export_run(ui_job_t *job, void *data)
{
    admin_job_t *a = data;
    local_t *l = ui_job_local(job);
    char stick[1024];
    a->r = ZWGK_ERR_IO;
    first_stick(stick, sizeof stick);
    if (!stick[0]) {
        snprintf(a->err, sizeof a->err, "%s", _("No USB stick found: insert one, wait a few seconds and try again."));
        return;
    }
    if (!l) {
        snprintf(a->err, sizeof a->err, "%s",
                 _("This kiosk's database does not open: there are no statistics to export."));
        return;
    }
    /* As deployed, the systemd helper; tests name their own (a command line without quoting, and its media) */
    static const char *const deployed[] = {"systemctl", "--no-ask-password", "start", "zwgk-stick-export@%s.service",
                                           NULL};
    const char *argv[24];
    char cmd[2048];
    local_stick_helper_t helper = {deployed, "/media/zwgk"};
    const char *custom = getenv("ZWGK_STICK_HELPER");
    if (custom && *custom) {
        size_t n = 0;
        snprintf(cmd, sizeof cmd, "%s", custom);
        for (char *save = NULL, *t = strtok_r(cmd, " ", &save); t && n < 23; t = strtok_r(NULL, " ", &save))
            argv[n++] = t;
        argv[n] = NULL;
        helper.argv = argv;
        helper.media = getenv("ZWGK_STICK_MEDIA") ? getenv("ZWGK_STICK_MEDIA") : "/media/zwgk";
    }
    char detail[1024];
    a->r = local_stats_export_stick(l, a->kiosk_id, stick, &helper, time(NULL), a->written, sizeof a->written, a->err,
                                    sizeof a->err, detail, sizeof detail);
    SDL_Log(_("export to %s: %s%s%s"), stick, a->r == ZWGK_OK ? a->written : a->err, detail[0] ? " — " : "", detail);
}

static void export_finish(ui_app_t *app, void *data, ui_job_status_t status)
{
    admin_job_t *a = data;
    char text[1400];
    if (status == UI_JOB_CANCELLED) {
        app->overlay.active = false;
        return;
    }
    if (a->r == ZWGK_OK) {
        const char *name = strrchr(a->written, '/') ? strrchr(a->written, '/') + 1 : a->written;
        snprintf(text, sizeof text, _("Exported to the USB stick: %s"), name);
        overlay_end(app, true, _("Statistics exported to the USB stick"), text, _("You can remove the USB stick now."));
    } else {
        snprintf(text, sizeof text, _("Export failed: %s"), a->err);
        overlay_end(app, false, _("Statistics not exported"), a->err, "");
    }
    screen_admin_set_result(app, text);
}

static const ui_job_class_t export_class = {"export", UI_JOB_LANE_ADMIN, export_run, NULL, export_finish, NULL};

bool ui_updater_export(ui_app_t *app)
{
    admin_job_t *a = app->opt.data_dir ? calloc(1, sizeof *a) : NULL;
    if (!a)
        return false;
    snprintf(a->kiosk_id, sizeof a->kiosk_id, "%s", app->opt.config.kiosk_id);
    if (!ui_jobs_post(app->jobs, &export_class, a))
        return false;
    overlay_start(app, _("Exporting statistics to the USB stick"), _("Do not remove the USB stick…"));
    return true;
}

/* ---- statistics writes ---- */

enum { STAT_FOUND = -1, STAT_SEARCH = -2 };

typedef struct stat_job {
    int kind; /* LOCAL_VIEW_ITEM, LOCAL_VIEW_DOC, 0: an unmet search, STAT_FOUND: a search whose result was opened,
               * STAT_SEARCH: a committed search */
    char text[];
} stat_job_t;

static void stat_run(ui_job_t *job, void *data)
{
    stat_job_t *st = data;
    local_t *l = ui_job_local(job);
    if (!l)
        return;
    if (st->kind == STAT_FOUND)
        local_search_record_found(l, st->text);
    else if (st->kind == STAT_SEARCH)
        local_search_record(l, st->text);
    else if (st->kind)
        local_view_record(l, (local_view_kind)st->kind, st->text);
    else
        local_search_record_unmet(l, st->text);
}

static const ui_job_class_t stat_class = {"statistics", UI_JOB_LANE_BACKGROUND, stat_run, NULL, NULL, NULL};

static void post_stat(ui_app_t *app, int kind, const char *text)
{
    size_t n = strlen(text);
    if (!app->opt.data_dir || !app->jobs || n > 4096)
        return;
    stat_job_t *st = malloc(sizeof *st + n + 1);
    if (!st)
        return;
    st->kind = kind;
    memcpy(st->text, text, n + 1);
    ui_jobs_post(app->jobs, &stat_class, st);
}

void ui_record_view(ui_app_t *app, int kind, const char *key)
{
    if (key && *key)
        post_stat(app, kind, key);
}

void ui_record_unmet(ui_app_t *app, const char *query)
{
    if (query)
        post_stat(app, 0, query);
}

void ui_record_found(ui_app_t *app, const char *query)
{
    if (query && *query)
        post_stat(app, STAT_FOUND, query);
}

void ui_record_search(ui_app_t *app, const char *query)
{
    if (query && *query)
        post_stat(app, STAT_SEARCH, query);
}

/* ---- the UI side ---- */

void ui_open_installed(ui_app_t *app, const char *who)
{
    const char *dir = app->opt.data_dir;
    char err[512], note[768] = "", path[1024];
    local_open_problem_t why = LOCAL_OPEN_FINE;
    local_content_state_t st;
    app->state_note[0] = '\0';
    app->local = local_open_checked(dir, &why, err, sizeof err);
    if (!app->local && why == LOCAL_OPEN_READONLY) {
        char ro_err[512];
        app->local = local_open_readonly(dir, ro_err, sizeof ro_err);
    }
    if (app->local && local_content_state(app->local, &st) != ZWGK_OK && local_is_damaged(app->local)) {
        snprintf(err, sizeof err, "local.db: %s", local_errmsg(app->local));
        local_close(app->local);
        app->local = NULL;
        why = LOCAL_OPEN_DAMAGED;
    }
    if (why != LOCAL_OPEN_FINE)
        fprintf(stderr, "%s: %s: %s\n", who, err,
                app->local ? _("reading it only: statistics and installs are off") : _("statistics are off"));
    app->content = package_open_installed(dir, app->local, path, sizeof path, note, sizeof note);
    if (app->content)
        snprintf(app->content_path, sizeof app->content_path, "%s", path);
    if (note[0])
        fprintf(stderr, _("%s: installed content: %s\n"), who, note);
    const char *shown = app->content ? _("showing the installed content, read-only")
                                     : _("no installed content is usable, so the factory demo content is shown");
    switch (why) {
    case LOCAL_OPEN_DAMAGED:
        snprintf(app->state_note, sizeof app->state_note,
                 _("This kiosk's database (local.db) is damaged: %s; usage statistics are not recorded. Installing a "
                   "new content package rebuilds it, or run zwgk-admin status --data %.200s --repair on this kiosk "
                   "to repair it now. %.400s"),
                 shown, dir, note);
        break;
    case LOCAL_OPEN_READONLY:
        snprintf(app->state_note, sizeof app->state_note,
                 _("This kiosk's data directory (%.200s) is read-only: %s; usage statistics and content updates are "
                   "paused, and the admin PIN cannot be checked. Check the storage, then restart the kiosk. %.400s"),
                 dir, shown, note);
        break;
    case LOCAL_OPEN_FAILED:
        snprintf(app->state_note, sizeof app->state_note,
                 _("Cannot open this kiosk's database: %s. %.400s (technical details: %.200s)"), shown, note, err);
        break;
    default:
        snprintf(app->state_note, sizeof app->state_note, "%s", note);
    }
}

/* Reopens content from path and rebuilds the screen stack by keys.  Returns false (old content kept) when the new
 * file does not open — which package_install has already ruled out, but a kiosk is never left blank. */
bool ui_content_reopen(ui_app_t *app, const char *path)
{
    char err[512];
    content_t *fresh = content_open(path, err, sizeof err);
    if (!fresh) {
        SDL_Log(_("cannot open new content %s: %s"), path, err);
        return false;
    }
    /* Remember where the citizen was, by what does not change between versions. */
    struct {
        const ui_screen_class_t *cls;
        int arg2;
        char key[512];
    } trail[UI_STACK_MAX];
    int n = app->depth;
    for (int i = 0; i < n; i++) {
        if (app->stack[i].arg && !app->stack[i].cls->find) { /* an id with no stable name: stop here */
            n = i;
            break;
        }
        trail[i].cls = app->stack[i].cls;
        trail[i].arg2 = app->stack[i].arg2;
        trail[i].key[0] = 0;
        if (app->stack[i].cls->key)
            app->stack[i].cls->key(&app->stack[i], trail[i].key, sizeof trail[i].key);
    }
    ui_stack_clear(app);
    search_close(app->search);
    content_close(app->content);
    app->content = fresh;
    app->search = search_open(fresh, err, sizeof err);
    snprintf(app->content_path, sizeof app->content_path, "%s", path);
    /* Home is rebuilt (new counts, title); then each screen above it while its key still resolves. */
    ui_push(app, &screen_home, 0, 0);
    for (int i = 1; i < n; i++) {
        long long arg = 0;
        if (trail[i].cls->find && !(arg = trail[i].cls->find(fresh, trail[i].key)))
            break; /* what the citizen was reading is gone in the new version: stay where the path still holds */
        int before = app->depth;
        ui_push(app, trail[i].cls, arg, trail[i].arg2);
        if (app->depth == before)
            break;
    }
    return true;
}

static const char *phase_text(int phase)
{
    switch (phase) {
    case PACKAGE_PHASE_SIGNATURE:
        return _("Checking the signature");
    case PACKAGE_PHASE_COPY:
        return _("Copying and checking");
    case PACKAGE_PHASE_VERIFY:
        return _("Verifying the content");
    case PACKAGE_PHASE_INSTALL:
        return _("Installing");
    default:
        return _("Working");
    }
}

void ui_overlay_draw(ui_app_t *app)
{
    ui_overlay_t *o = &app->overlay;
    if (!o->active)
        return;
    const ui_theme_t *t = &app->theme;
    for (int i = 0; i < app->nelems; i++) /* modal */
        app->elems[i].action = 0;
    render_fill_rect(app->rd, (SDL_Rect){0, 0, app->w, app->h}, 0, (SDL_Color){0, 0, 0, 160});
    int w = app->w - 2 * t->margin, tw = w - t->gap * 4, lh = t->ui_px * 3 / 2, title_lh = t->title_px * 3 / 2;
    /* Every text wraps and the box grows to hold it: an English title or refusal is longer than the Chinese. */
    int title_h = ui_measure_wrapped(app, app->f_title, tw, o->title, title_lh);
    int text_h = ui_measure_wrapped(app, app->f_ui_bold, tw, o->status, lh) +
                 ui_measure_wrapped(app, app->f_ui, tw, o->line, lh);
    int need = t->gap * 2 + title_h + t->gap + text_h + t->gap * 4 + t->target + t->gap * 2;
    int h = need > t->target * 6 ? need : t->target * 6;
    if (h > app->h)
        h = app->h;
    SDL_Rect box = {t->margin, (app->h - h) / 2, w, h};
    render_fill_rect(app->rd, box, t->gap, t->card);
    ui_emit(app, ROLE_DIALOG, o->title, -1, box, 0, 0);
    int x = box.x + t->gap * 2, y = box.y + t->gap * 2;
    y += ui_text_wrapped(app, app->f_title, x, y, tw, o->title, o->done && !o->ok ? t->accent : t->fg, title_lh,
                         ROLE_HEADING) +
         t->gap;
    y += ui_text_wrapped(app, app->f_ui_bold, x, y, tw, o->status, t->fg, lh, ROLE_TEXT);
    y += ui_text_wrapped(app, app->f_ui, x, y, tw, o->line, t->muted, lh, ROLE_TEXT);
    if (!o->done && o->percent >= 0) {
        SDL_Rect track = {x, y + t->gap, tw * 3 / 4, t->gap * 2};
        render_fill_rect(app->rd, track, t->gap, t->track);
        render_fill_rect(app->rd, (SDL_Rect){x, track.y, track.w * o->percent / 100, track.h}, t->gap, t->ok);
        snprintf(o->percent_text, sizeof o->percent_text, "%d%%", o->percent);
        ui_elem_t *e = ui_emit(app, ROLE_PROGRESS, o->percent_text, -1, track, 0, 0);
        e->value = o->percent;
        ui_label(app, app->f_ui_bold, x + track.w + t->gap, track.y - t->gap / 2, 0, o->percent_text, t->fg, ROLE_TEXT);
    }
    if (o->done)
        ui_button(app, (SDL_Rect){box.x + w / 4, box.y + h - t->target - t->gap * 2, w / 2, t->target}, _("OK"),
                  ACT_OVERLAY_CLOSE, 0, true);
}
