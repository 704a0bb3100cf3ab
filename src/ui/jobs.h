/* jobs.h — the kiosk's one queue of slow work, after Redis's bio.c: the UI thread posts, one worker thread runs, and
 * results come back as SDL events that the frame loop only dispatches.
 *
 * Everything that may take longer than a frame goes through it: installing a package, looking at the sticks again,
 * an admin rollback (a full integrity_check, seconds on a cold 100 MB file), the statistics export (fsync on a USB
 * stick), every statistics write (an fsync of local.db each) — and, later, speech synthesis (one job per sentence)
 * and printing.  The frame loop never waits for any of them.
 *
 * Contract
 *   - A job is (class, data).  The class says which lane it runs in and holds its callbacks; data is the job's own
 *     heap object.  From ui_jobs_post on, the queue owns data: run() uses it on the worker thread, then progress()
 *     and finish() use it on the UI thread, then free() releases it (free(3) when the class has none).  No two
 *     threads ever hold data at once: it is handed over through the queue's mutex and SDL's event queue, so the job
 *     needs no locking of its own.  Results go into data in run() and are read in finish().
 *   - Lanes, in strict priority: ADMIN (installs, rescans, rollback, export: the content may change, or an admin
 *     waits at the screen), then INTERACTIVE (speech, printing: a citizen waits), then BACKGROUND (statistics writes:
 *     nobody waits).  Within a lane, first in first out.  A job runs to its end once started, so a long one delays
 *     the next by its length; a per-sentence speech job is short by design, and an install that arrives while
 *     speech is queued runs as soon as the current sentence is done — the watcher is polled between jobs (see
 *     source below), so a stream of speech jobs cannot starve an install.
 *   - Cancellation: ui_jobs_cancel (one job, by the id ui_jobs_post returned) and ui_jobs_cancel_class (every job
 *     of a class: "stop reading aloud").  A queued job is then never run: finish() gets UI_JOB_CANCELLED.  A running
 *     job sees ui_job_cancelled() turn true and should return early; finish() then gets UI_JOB_CANCELLED too.
 *   - Progress: run() calls ui_job_progress() as often as it likes; the UI gets at most one progress event pending
 *     per job (the latest values win), so a fast loop cannot flood the event queue.
 *   - Shutdown (ui_jobs_stop): running jobs are asked to cancel, the queued statistics writes (BACKGROUND) are run,
 *     the worker is joined, and every job not finished is freed without its finish() (the screens it would report
 *     to are going away).
 *   - The worker has its own connection to local.db (ui_job_local), for jobs that write statistics.
 *
 * A source (the package watcher, updater.c) lives on the worker thread too: the worker calls its poll() when the
 * queue is empty (blocking until work or a wake) and poll(0) between jobs at least every poll_ms, and poll() posts
 * jobs of its own (installs).  Its start() and stop() run on the worker, so what it owns is only ever touched there;
 * wake() is the one call made from other threads (it must be async-signal-safe, like package_watch_wake). */
#ifndef ZWGK_UI_JOBS_H
#define ZWGK_UI_JOBS_H

#include "ui_private.h"

#include <stdint.h>

typedef struct ui_jobs ui_jobs_t;
typedef struct ui_job ui_job_t;

typedef enum ui_job_lane {
    UI_JOB_LANE_ADMIN,
    UI_JOB_LANE_INTERACTIVE,
    UI_JOB_LANE_BACKGROUND,
    UI_JOB_LANE_COUNT
} ui_job_lane_t;

typedef enum ui_job_status {
    UI_JOB_DONE,      /* run() returned without being cancelled */
    UI_JOB_CANCELLED, /* cancelled before it ran (run() was not called), or while it ran */
} ui_job_status_t;

typedef struct ui_job_class {
    const char *name; /* for logs */
    ui_job_lane_t lane;
    /* Worker thread.  Does the slow work, puts its result into data. */
    void (*run)(ui_job_t *job, void *data);
    /* UI thread, optional: the latest ui_job_progress values. */
    void (*progress)(ui_app_t *app, void *data, int phase, uint64_t done, uint64_t total);
    /* UI thread, optional: the job is over (status says how); show the result. */
    void (*finish)(ui_app_t *app, void *data, ui_job_status_t status);
    /* Any thread, after finish (or instead of it at shutdown), optional: releases data.  NULL: free(data). */
    void (*free)(void *data);
} ui_job_class_t;

typedef struct ui_job_source {
    void (*start)(void *user);                              /* worker thread, once, before any job */
    void (*poll)(void *user, ui_jobs_t *q, int timeout_ms); /* worker: up to timeout_ms (-1: until woken); posts to q */
    void (*wake)(void *user);                               /* any thread: a poll in progress returns at once */
    void (*stop)(void *user);                               /* worker thread, once, after the last job */
    void *user;
    int poll_ms; /* while jobs run, poll(user, 0) between them at least this often */
} ui_job_source_t;

/* Starts the queue and its worker for app (app->jobs).  data_dir (may be NULL) is where the worker's local.db
 * connection opens; src (may be NULL) is copied.  False with the reason logged when SDL cannot give an event type or
 * a thread; the kiosk then runs without background work (and updates). */
bool ui_jobs_start(ui_app_t *app, const char *data_dir, const ui_job_source_t *src);

/* Cancels what runs, joins the worker (the source's stop() runs there), frees every unfinished job without its
 * finish().  Accepts a stopped queue. */
void ui_jobs_stop(ui_app_t *app);

/* Queues a job; returns its id (> 0), or 0 when the queue is stopped or out of memory — data is then freed through
 * the class.  Any thread (the source posts from the worker). */
uint64_t ui_jobs_post(ui_jobs_t *q, const ui_job_class_t *cls, void *data);

/* Cancels a job by id / every job of a class (see the contract).  UI thread or worker. */
void ui_jobs_cancel(ui_jobs_t *q, uint64_t id);
void ui_jobs_cancel_class(ui_jobs_t *q, const ui_job_class_t *cls);

/* True while jobs of the queue are queued, running, or have events the UI has not handled yet. */
bool ui_jobs_busy(ui_jobs_t *q);

/* The UI side: handles ev when it is one of the queue's (progress or finish); true when it was. */
bool ui_jobs_event(ui_app_t *app, const SDL_Event *ev);

/* ---- for run(), on the worker thread ---- */
bool ui_job_cancelled(const ui_job_t *job);
void ui_job_progress(ui_job_t *job, int phase, uint64_t done, uint64_t total);
/* The worker's connection to DATA/local.db, opened on first use and again after a failure; NULL without one. */
struct local *ui_job_local(ui_job_t *job);
uint64_t ui_job_id(const ui_job_t *job);

#endif
