/* updater.c — content updates while the kiosk runs: a worker thread watches sticks and drop folders, verifies and
 * installs packages (zwgk/package.h), and reports to the UI through SDL events; the UI shows an overlay and, on
 * success, moves to the new content without a restart.
 *
 * The worker owns the watcher and does every slow thing (copy, hash, integrity check, fsync); the UI thread only
 * receives events — found, progress, result — and draws the overlay from them, so the kiosk stays responsive while a
 * 100 MB package is checked.  Events carry heap-allocated payloads the UI frees.  The worker never touches the
 * content the UI has open: package_install writes a new versioned file and switches the pointer in local.db; the UI
 * then closes its content and opens the new file, and rebuilds its screens by stable keys (a document's id may
 * differ between versions, its key does not), falling back to home. */
#include "ui_private.h"
#include "zwgk/local.h"
#include "zwgk/package.h"
#include "zwgk/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EV_FOUND, EV_PROGRESS, EV_RESULT };

typedef struct updater {
    SDL_Thread *thread;
    package_watch_t *watch;
    SDL_atomic_t stop;
    Uint32 event_type;
    char data_dir[1024];
    config_t config;
    SDL_atomic_t reinstall; /* admin: the next install may repeat the installed version */
} updater_t;

typedef struct progress_payload {
    int phase;
    unsigned long long done, total;
} progress_payload_t;

static void post(updater_t *u, int code, void *payload)
{
    SDL_Event ev = {0};
    ev.type = u->event_type;
    ev.user.code = code;
    ev.user.data1 = payload;
    if (SDL_PushEvent(&ev) != 1)
        free(payload);
}

static int on_progress(void *user, package_phase_t phase, unsigned long long done, unsigned long long total)
{
    updater_t *u = user;
    progress_payload_t *p = malloc(sizeof *p);
    if (p) {
        *p = (progress_payload_t){(int)phase, done, total};
        post(u, EV_PROGRESS, p);
    }
    return SDL_AtomicGet(&u->stop); /* quitting cancels: nothing changes, the next start sees the package again */
}

static int worker(void *arg)
{
    updater_t *u = arg;
    minisign_pubkey_t keys[CONFIG_MAX_LIST];
    package_options_t opt;
    char err[512];
    if (package_options_from_config(&opt, keys, &u->config, err, sizeof err) != ZWGK_OK)
        SDL_Log("updater: %s", err); /* every package will be refused with PACKAGE_NO_TRUSTED_KEY, visibly */
    opt.progress = on_progress;
    opt.progress_user = u;
    while (!SDL_AtomicGet(&u->stop)) {
        package_found_list_t found = {0};
        if (package_watch_wait(u->watch, -1, &found) != ZWGK_OK) {
            SDL_Delay(500);
            continue;
        }
        for (size_t i = 0; i < found.count && !SDL_AtomicGet(&u->stop); i++) {
            char *path = strdup(found.items[i].db_path);
            if (path)
                post(u, EV_FOUND, path);
            package_result_t *res = calloc(1, sizeof *res);
            if (!res)
                continue;
            opt.reinstall = SDL_AtomicSet(&u->reinstall, 0);
            package_install(found.items[i].db_path, u->data_dir, &opt, res);
            SDL_Log("updater: %s: %s", found.items[i].db_path, res->detail);
            post(u, EV_RESULT, res);
        }
        package_found_list_free(&found);
    }
    return 0;
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
    u->event_type = SDL_RegisterEvents(1);
    const char *folders[CONFIG_MAX_LIST];
    for (int i = 0; i < u->config.nwatch; i++)
        folders[i] = u->config.watch[i];
    char err[512];
    u->watch = package_watch_create(folders, (size_t)u->config.nwatch, getenv("ZWGK_MOUNTS"), err, sizeof err);
    if (u->event_type == (Uint32)-1 || !u->watch) {
        SDL_Log("updater: cannot watch for packages: %s", u->watch ? "no SDL event type" : err);
        package_watch_destroy(u->watch);
        free(u);
        return false;
    }
    u->thread = SDL_CreateThread(worker, "zwgk-updater", u);
    if (!u->thread) {
        package_watch_destroy(u->watch);
        free(u);
        return false;
    }
    app->updater = u;
    return true;
}

void ui_updater_stop(ui_app_t *app)
{
    updater_t *u = app->updater;
    if (!u)
        return;
    SDL_AtomicSet(&u->stop, 1);
    package_watch_wake(u->watch);
    SDL_WaitThread(u->thread, NULL);
    package_watch_destroy(u->watch);
    /* Payloads still queued belong to events nobody will handle now. */
    SDL_Event ev;
    while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, u->event_type, u->event_type) == 1)
        free(ev.user.data1);
    free(u);
    app->updater = NULL;
}

void ui_updater_rescan(ui_app_t *app, bool reinstall)
{
    updater_t *u = app->updater;
    if (!u)
        return;
    SDL_AtomicSet(&u->reinstall, reinstall ? 1 : 0);
    package_watch_forget(u->watch);
    package_watch_wake(u->watch);
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
                app->local ? "reading it only: statistics and installs are off" : "statistics are off");
    app->content = package_open_installed(dir, app->local, path, sizeof path, note, sizeof note);
    if (app->content)
        snprintf(app->content_path, sizeof app->content_path, "%s", path);
    if (note[0])
        fprintf(stderr, "%s: installed content: %s\n", who, note);
    const char *shown = app->content ? "正在只读显示已安装的内容" : "本机没有可用的已安装内容，正在显示出厂演示内容";
    switch (why) {
    case LOCAL_OPEN_DAMAGED:
        snprintf(app->state_note, sizeof app->state_note,
                 "本机数据库（local.db）已损坏：%s，浏览统计暂停记录。插入新的内容包安装时会自动重建；也可以在本机运行 "
                 "zwgk-admin status --data %.200s --repair 立即修复。%.400s",
                 shown, dir, note);
        break;
    case LOCAL_OPEN_READONLY:
        snprintf(app->state_note, sizeof app->state_note,
                 "本机数据目录（%.200s）只能读取、不能写入：%"
                 "s，浏览统计和内容更新暂停，管理密码也无法核对。请检查存储后重启本机。%.400s",
                 dir, shown, note);
        break;
    case LOCAL_OPEN_FAILED:
        snprintf(app->state_note, sizeof app->state_note, "无法打开本机数据库（%.200s）：%s。%.400s", err, shown, note);
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
        SDL_Log("cannot open new content %s: %s", path, err);
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

static const char *phase_zh(int phase)
{
    switch (phase) {
    case PACKAGE_PHASE_SIGNATURE:
        return "正在检查签名";
    case PACKAGE_PHASE_COPY:
        return "正在复制并校验";
    case PACKAGE_PHASE_VERIFY:
        return "正在核验内容";
    case PACKAGE_PHASE_INSTALL:
        return "正在安装";
    default:
        return "正在处理";
    }
}

bool ui_updater_event(ui_app_t *app, const SDL_Event *ev)
{
    updater_t *u = app->updater;
    if (!u || ev->type != u->event_type)
        return false;
    ui_overlay_t *o = &app->overlay;
    switch (ev->user.code) {
    case EV_FOUND:
        o->active = true;
        o->done = false;
        o->percent = -1;
        snprintf(o->title, sizeof o->title, "发现内容更新包");
        snprintf(o->line, sizeof o->line, "%s", (const char *)ev->user.data1);
        snprintf(o->status, sizeof o->status, "正在检查签名");
        break;
    case EV_PROGRESS: {
        const progress_payload_t *p = ev->user.data1;
        o->active = true;
        snprintf(o->status, sizeof o->status, "%s", phase_zh(p->phase));
        o->percent = p->total ? (int)(p->done * 100 / p->total) : -1;
        break;
    }
    case EV_RESULT: {
        const package_result_t *r = ev->user.data1;
        o->active = true;
        o->done = true;
        o->shown_at = app->now;
        o->percent = -1;
        if (r->reason == PACKAGE_OK && ui_content_reopen(app, r->content_path)) {
            o->ok = true;
            snprintf(o->title, sizeof o->title, "内容已更新");
            snprintf(o->status, sizeof o->status, "版本 %lld → %lld", r->installed_version, r->version);
            snprintf(o->line, sizeof o->line, "文件 %d → %d 份，目录事项 %d → %d 项", r->previous_counts.docs,
                     r->counts.docs, r->previous_counts.items, r->counts.items);
        } else if (r->reason == PACKAGE_SAME_VERSION || r->reason == PACKAGE_OLD_VERSION) {
            /* A package left in a drop folder is seen again at every start: already installed, nothing to show. */
            o->active = false;
            snprintf(app->last_refusal, sizeof app->last_refusal, "%s", r->message);
        } else {
            o->ok = false;
            snprintf(o->title, sizeof o->title, "更新包未安装");
            snprintf(o->status, sizeof o->status, "%s", r->message);
            snprintf(o->line, sizeof o->line, "原有内容继续显示。");
            snprintf(app->last_refusal, sizeof app->last_refusal, "%s", r->message);
        }
        break;
    }
    default:
        break;
    }
    free(ev->user.data1);
    app->dirty = true;
    return true;
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
    int w = app->w - 2 * t->margin, h = t->target * 6;
    SDL_Rect box = {t->margin, (app->h - h) / 2, w, h};
    render_fill_rect(app->rd, box, t->gap, t->card);
    ui_emit(app, ROLE_DIALOG, o->title, -1, box, 0, 0);
    int x = box.x + t->gap * 2, y = box.y + t->gap * 2, tw = w - t->gap * 4, lh = t->ui_px * 3 / 2;
    ui_label(app, app->f_title, x, y, tw, o->title, o->done && !o->ok ? t->accent : t->fg, ROLE_HEADING);
    y += t->title_px * 3 / 2 + t->gap;
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
        ui_button(app, (SDL_Rect){box.x + w / 4, box.y + h - t->target - t->gap * 2, w / 2, t->target}, "知道了",
                  ACT_OVERLAY_CLOSE, 0, true);
}
