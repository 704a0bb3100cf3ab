/* jobs.c — the one worker queue of slow work (jobs.h has the contract).
 *
 * Shaped after Redis's bio.c: a mutex, a condition variable and lists of jobs, one worker that pops and runs them.
 * Where bio.c has one thread per job type, the kiosk has one thread and priority lanes: it has two cores, and the
 * rule that matters is that an install is never stuck behind a queue of lesser work, which the lanes and the
 * between-jobs poll of the source give.  Results travel back as SDL user events carrying the job itself; the UI
 * thread runs the class's finish() and frees the job, so the frame loop only dispatches.
 *
 * The queue's mutex guards the lanes, the running job, the outstanding count and every job's progress fields; a
 * job's cancel flag is an atomic the worker's run() polls. */
#include "jobs.h"
#include "zwgk/i18n.h"
#include "zwgk/local.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EV_PROGRESS = 1, EV_FINISH = 2 };

#define LOCAL_RETRY_MS 10000 /* the worker's local.db is tried again at most this often after a failure */

struct ui_job {
    ui_jobs_t *q;
    const ui_job_class_t *cls;
    void *data;
    uint64_t id;
    atomic_int cancelled;
    ui_job_status_t status;
    ui_job_t *next;
    /* under q->mutex */
    int phase;
    uint64_t done, total;
    bool progress_pending;
};

struct ui_jobs {
    SDL_mutex *mutex;
    SDL_cond *cond;
    ui_job_t *head[UI_JOB_LANE_COUNT], *tail[UI_JOB_LANE_COUNT];
    ui_job_t *running;
    int outstanding; /* posted and not yet finished on the UI thread */
    uint64_t next_id;
    bool stop;
    SDL_Thread *thread;
    Uint32 event_type;
    ui_job_source_t src;
    bool has_src;
    /* the worker's own */
    char *data_dir;
    local_t *local;
    uint32_t local_failed_at;
    bool local_tried;
};

static void job_free(ui_job_t *job)
{
    if (!job)
        return;
    if (job->cls->free)
        job->cls->free(job->data);
    else
        free(job->data);
    free(job);
}

static ui_job_t *pop(ui_jobs_t *q)
{
    for (int lane = 0; lane < UI_JOB_LANE_COUNT; lane++) {
        ui_job_t *j = q->head[lane];
        if (j) {
            q->head[lane] = j->next;
            if (!q->head[lane])
                q->tail[lane] = NULL;
            j->next = NULL;
            return j;
        }
    }
    return NULL;
}

static bool push_event(ui_jobs_t *q, int code, ui_job_t *job)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = q->event_type;
    ev.user.code = code;
    ev.user.data1 = job;
    return SDL_PushEvent(&ev) == 1;
}

static int worker(void *arg)
{
    ui_jobs_t *q = arg;
    if (q->has_src && q->src.start)
        q->src.start(q->src.user);
    uint32_t last_poll = SDL_GetTicks();
    SDL_LockMutex(q->mutex);
    while (!q->stop) {
        ui_job_t *job = pop(q);
        if (!job) {
            if (q->has_src) { /* nothing queued: wait in the source (a post wakes it) */
                SDL_UnlockMutex(q->mutex);
                q->src.poll(q->src.user, q, -1);
                last_poll = SDL_GetTicks();
                SDL_LockMutex(q->mutex);
            } else
                SDL_CondWait(q->cond, q->mutex);
            continue;
        }
        q->running = job;
        SDL_UnlockMutex(q->mutex);
        if (!atomic_load(&job->cancelled))
            job->cls->run(job, job->data);
        job->status = atomic_load(&job->cancelled) ? UI_JOB_CANCELLED : UI_JOB_DONE;
        SDL_LockMutex(q->mutex);
        q->running = NULL;
        bool stopping = q->stop;
        SDL_UnlockMutex(q->mutex);
        /* The result must reach the UI: a full event queue is waited out, except when shutting down. */
        bool sent = push_event(q, EV_FINISH, job);
        for (int tries = 0; !sent && !stopping && tries < 1000; tries++) {
            SDL_Delay(5);
            sent = push_event(q, EV_FINISH, job);
        }
        if (!sent) {
            SDL_Log(_("jobs: %s: no event for its result; dropped"), job->cls->name);
            SDL_LockMutex(q->mutex);
            q->outstanding--;
            SDL_UnlockMutex(q->mutex);
            job_free(job);
        }
        if (q->has_src && SDL_GetTicks() - last_poll >= (uint32_t)q->src.poll_ms) {
            q->src.poll(q->src.user, q, 0); /* between jobs too: a stream of short jobs cannot hide a new package */
            last_poll = SDL_GetTicks();
        }
        SDL_LockMutex(q->mutex);
    }
    /* Statistics writes still queued are done, not dropped: each is one short write nobody waits for, and a rating
     * tapped just before the kiosk is stopped must count.  No finish() (the screens are going away); the other
     * lanes' jobs are freed unstarted by ui_jobs_stop. */
    for (ui_job_t *j; (j = q->head[UI_JOB_LANE_BACKGROUND]);) {
        q->head[UI_JOB_LANE_BACKGROUND] = j->next;
        if (!j->next)
            q->tail[UI_JOB_LANE_BACKGROUND] = NULL;
        SDL_UnlockMutex(q->mutex);
        if (!atomic_load(&j->cancelled))
            j->cls->run(j, j->data);
        job_free(j);
        SDL_LockMutex(q->mutex);
    }
    SDL_UnlockMutex(q->mutex);
    if (q->has_src && q->src.stop)
        q->src.stop(q->src.user);
    local_close(q->local);
    q->local = NULL;
    return 0;
}

bool ui_jobs_start(ui_app_t *app, const char *data_dir, const ui_job_source_t *src)
{
    ui_jobs_t *q = calloc(1, sizeof *q);
    if (!q)
        return false;
    q->next_id = 1;
    q->mutex = SDL_CreateMutex();
    q->cond = SDL_CreateCond();
    q->event_type = SDL_RegisterEvents(1);
    if (data_dir)
        q->data_dir = strdup(data_dir);
    if (src) {
        q->src = *src;
        q->has_src = true;
        if (q->src.poll_ms <= 0)
            q->src.poll_ms = 500;
    }
    if (!q->mutex || !q->cond || q->event_type == (Uint32)-1 || (data_dir && !q->data_dir)) {
        SDL_Log(_("jobs: cannot start: %s"), SDL_GetError());
        goto fail;
    }
    app->jobs = q; /* before the thread: a source's start() may post */
    q->thread = SDL_CreateThread(worker, "zwgk-jobs", q);
    if (!q->thread) {
        SDL_Log(_("jobs: no worker thread: %s"), SDL_GetError());
        app->jobs = NULL;
        goto fail;
    }
    return true;
fail:
    if (q->mutex)
        SDL_DestroyMutex(q->mutex);
    if (q->cond)
        SDL_DestroyCond(q->cond);
    free(q->data_dir);
    free(q);
    return false;
}

void ui_jobs_stop(ui_app_t *app)
{
    ui_jobs_t *q = app->jobs;
    if (!q)
        return;
    SDL_LockMutex(q->mutex);
    q->stop = true;
    if (q->running)
        atomic_store(&q->running->cancelled, 1);
    SDL_CondSignal(q->cond);
    SDL_UnlockMutex(q->mutex);
    if (q->has_src)
        q->src.wake(q->src.user);
    SDL_WaitThread(q->thread, NULL);
    /* Finished jobs whose events nobody will handle now, then the jobs that never ran. */
    SDL_Event ev;
    while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, q->event_type, q->event_type) == 1)
        if (ev.user.code == EV_FINISH)
            job_free(ev.user.data1);
    for (ui_job_t *j; (j = pop(q));)
        job_free(j);
    SDL_DestroyCond(q->cond);
    SDL_DestroyMutex(q->mutex);
    free(q->data_dir);
    free(q);
    app->jobs = NULL;
}

uint64_t ui_jobs_post(ui_jobs_t *q, const ui_job_class_t *cls, void *data)
{
    ui_job_t *job = q ? calloc(1, sizeof *job) : NULL;
    if (!job) {
        if (cls->free)
            cls->free(data);
        else
            free(data);
        return 0;
    }
    job->q = q;
    job->cls = cls;
    job->data = data;
    atomic_init(&job->cancelled, 0);
    SDL_LockMutex(q->mutex);
    if (q->stop) {
        SDL_UnlockMutex(q->mutex);
        job_free(job);
        return 0;
    }
    job->id = q->next_id++;
    int lane = cls->lane >= 0 && cls->lane < UI_JOB_LANE_COUNT ? (int)cls->lane : UI_JOB_LANE_BACKGROUND;
    if (q->tail[lane])
        q->tail[lane]->next = job;
    else
        q->head[lane] = job;
    q->tail[lane] = job;
    q->outstanding++;
    uint64_t id = job->id;
    SDL_CondSignal(q->cond);
    SDL_UnlockMutex(q->mutex);
    if (q->has_src)
        q->src.wake(q->src.user);
    return id;
}

/* Marks the queued or running jobs that match (by id, or by class when id is 0). */
static void cancel_where(ui_jobs_t *q, uint64_t id, const ui_job_class_t *cls)
{
    if (!q)
        return;
    SDL_LockMutex(q->mutex);
    for (int lane = 0; lane < UI_JOB_LANE_COUNT; lane++)
        for (ui_job_t *j = q->head[lane]; j; j = j->next)
            if (id ? j->id == id : j->cls == cls)
                atomic_store(&j->cancelled, 1);
    if (q->running && (id ? q->running->id == id : q->running->cls == cls))
        atomic_store(&q->running->cancelled, 1);
    SDL_UnlockMutex(q->mutex);
}

void ui_jobs_cancel(ui_jobs_t *q, uint64_t id)
{
    if (id)
        cancel_where(q, id, NULL);
}

void ui_jobs_cancel_class(ui_jobs_t *q, const ui_job_class_t *cls)
{
    cancel_where(q, 0, cls);
}

bool ui_jobs_busy(ui_jobs_t *q)
{
    if (!q)
        return false;
    SDL_LockMutex(q->mutex);
    bool busy = q->outstanding > 0;
    SDL_UnlockMutex(q->mutex);
    return busy;
}

bool ui_jobs_event(ui_app_t *app, const SDL_Event *ev)
{
    ui_jobs_t *q = app->jobs;
    if (!q || ev->type != q->event_type)
        return false;
    ui_job_t *job = ev->user.data1;
    if (ev->user.code == EV_PROGRESS) {
        SDL_LockMutex(q->mutex);
        int phase = job->phase;
        uint64_t done = job->done, total = job->total;
        job->progress_pending = false;
        SDL_UnlockMutex(q->mutex);
        if (job->cls->progress)
            job->cls->progress(app, job->data, phase, done, total);
    } else if (ev->user.code == EV_FINISH) {
        if (job->cls->finish)
            job->cls->finish(app, job->data, job->status);
        SDL_LockMutex(q->mutex);
        q->outstanding--;
        SDL_UnlockMutex(q->mutex);
        job_free(job);
    }
    app->dirty = true;
    return true;
}

bool ui_job_cancelled(const ui_job_t *job)
{
    return atomic_load(&job->cancelled) != 0;
}

void ui_job_progress(ui_job_t *job, int phase, uint64_t done, uint64_t total)
{
    ui_jobs_t *q = job->q;
    SDL_LockMutex(q->mutex);
    job->phase = phase;
    job->done = done;
    job->total = total;
    bool send = !job->progress_pending;
    job->progress_pending = true;
    SDL_UnlockMutex(q->mutex);
    /* The job outlives this event: its finish event is pushed after it and handled after it (SDL's queue is FIFO). */
    if (send && !push_event(q, EV_PROGRESS, job)) {
        SDL_LockMutex(q->mutex);
        job->progress_pending = false;
        SDL_UnlockMutex(q->mutex);
    }
}

local_t *ui_job_local(ui_job_t *job)
{
    ui_jobs_t *q = job->q;
    if (q->local || !q->data_dir)
        return q->local;
    if (q->local_tried && SDL_GetTicks() - q->local_failed_at < LOCAL_RETRY_MS)
        return NULL;
    char err[512];
    q->local = local_open(q->data_dir, err, sizeof err);
    if (!q->local) {
        if (!q->local_tried)
            SDL_Log(_("jobs: local.db: %s: statistics are not recorded"), err);
        q->local_tried = true;
        q->local_failed_at = SDL_GetTicks();
    }
    return q->local;
}

uint64_t ui_job_id(const ui_job_t *job)
{
    return job->id;
}
