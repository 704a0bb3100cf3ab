/* readaloud.c — 朗读 on the kiosk: what a reading screen shows, read sentence by sentence through the speech module
 * (zwgk/speech.h) to SDL audio, with the sentence being read highlighted and the page turned to it.
 *
 * Three threads meet here, each doing one thing:
 *   - the UI thread collects the current screen's text from its current page on (the screen's read_collect hook),
 *     cuts it into sentences, posts one synthesis job per sentence a little ahead of the one playing, highlights the
 *     sentence the loudspeaker is playing (read_mark, which turns the page to it) and, after the screen's last
 *     sentence, asks it for more (read_next: the next step of a 办事流程演示) or stops;
 *   - the kiosk's worker (jobs.h, the INTERACTIVE lane) runs the jobs in order: the speech engine makes PCM and
 *     hands each piece to the player queue as it comes, so the first sound follows 朗读 by one synthesis chunk, not
 *     by a sentence; the engine lives on that thread, made on its first job from the config (built-in espeak-ng or
 *     tts_command);
 *   - SDL's audio thread pulls samples from the queue in its callback, counting every sample the device takes and
 *     noting which sentence it belongs to.
 * The queue and those counters share one mutex.  A generation number makes 停止 (and a speed change, which starts
 * again from the sentence being read) instant: the jobs are cancelled (a running one stops at its next piece of
 * audio) and any queued audio of an older generation is dropped by the callback.
 *
 * The device is open only while reading plays: 暂停 and 停止 close it, because an open SDL device keeps playing —
 * silence — and a 停止 must stop the stream (tests/read_aloud.py measures the file SDL's disk driver writes).  Without
 * a sound device the kiosk says so on screen, logs why once for the admin, and goes on.  While reading plays the
 * idle timer does not run: a citizen listening is using the kiosk.  Navigation, any other action on the screen and
 * the idle reset stop it (app.c).
 *
 * Script mode: the clock is virtual, audio is not — ui_read_sync makes each `wait` step last until as much audio
 * (speech, or the silence between sentences) has really reached the device, so `press 朗读` then `wait 3000` plays
 * three seconds, as on a live kiosk.  Not on SDL's dummy driver, which discards the audio: there the clock stays
 * virtual, so a soak that taps 朗读 at random keeps its minutes of virtual waiting cheap. */
#include "jobs.h"
#include "ui_private.h"
#include "zwgk/speech.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RATE         22050 /* the device's rate: espeak-ng's own; a tts_command's WAV is converted to it */
#define AHEAD        2     /* sentences synthesised ahead of the one playing */
#define NOTICE_MS    8000
#define SYNC_STALL_S 10.0 /* a wait stops waiting for audio that has not moved for this long */

enum { READ_IDLE, READ_PLAYING, READ_PAUSED };

typedef struct chunk {
    struct chunk *next;
    unsigned gen;
    int sentence;
    size_t n, pos;
    int16_t pcm[];
} chunk_t;

typedef struct sentence {
    int item;
    size_t start, end; /* bytes of the item's text */
} sentence_t;

typedef struct read_item {
    int key;
    const char *text;
    size_t len, base;
} read_item_t;

struct ui_read {
    /* ---- shared: under lock ---- */
    SDL_mutex *lock;
    chunk_t *head, *tail, *spent;
    unsigned gen;
    int playing;        /* sentence the device is playing; -1 before its first sound */
    uint64_t device;    /* samples the device has taken while open (speech and silence) */
    double first_sound; /* CLOCK_MONOTONIC of the first sound since 朗读; 0 before it */
    int done;           /* sentences of this generation synthesised (the worker runs them in order) */
    char error[512];    /* the engine's failure in this generation, for the UI to say; "" when none */
    /* ---- the worker's (jobs run one at a time) ---- */
    speech_t *speech;
    bool engine_failed;
    char engine_err[512];
    SDL_AudioStream *conv;
    int conv_rate;
    double synth_s, audio_s; /* totals: synthesis time and the audio it made (--frame-stats) */
    /* ---- the UI thread's ---- */
    ui_app_t *app;
    SDL_AudioDeviceID dev;
    int state;
    speech_speed_t speed;
    bool speed_chosen; /* the citizen chose one this session; else 慢 in 长者模式, 中 otherwise */
    read_item_t *items;
    int nitems, items_cap;
    const content_reading_t *readings; /* the document's own, borrowed from the screen for this reading */
    size_t nreadings;
    sentence_t *sent;
    int nsent, sent_cap;
    int posted, shown;
    uint64_t sync_mark;
    bool discarded; /* the device is SDL's dummy driver: a script's wait does not wait for it */
    double pressed, first_sound_ms;
    char notice[512];
    uint32_t notice_until;
    bool audio_logged;
};

typedef struct synth_job {
    struct ui_read *ra;
    unsigned gen;
    int sentence;
    speech_speed_t speed;
    zwgk_result result;
    char err[512];
    size_t len, nreadings;
    speech_reading_t *readings; /* into buf */
    char *text;                 /* into buf */
    char buf[];
} synth_job_t;

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the audio thread ---- */

static void SDLCALL audio_cb(void *user, Uint8 *stream, int len)
{
    struct ui_read *ra = user;
    int16_t *out = (int16_t *)(void *)stream;
    size_t n = (size_t)len / sizeof *out, o = 0;
    SDL_LockMutex(ra->lock);
    while (o < n && ra->head) {
        chunk_t *c = ra->head;
        if (c->gen == ra->gen) {
            size_t k = c->n - c->pos < n - o ? c->n - c->pos : n - o;
            memcpy(out + o, c->pcm + c->pos, k * sizeof *out);
            for (size_t i = 0; ra->first_sound == 0 && i < k; i++)
                if (out[o + i] > 64 || out[o + i] < -64)
                    ra->first_sound = mono_s();
            o += k;
            c->pos += k;
            ra->playing = c->sentence;
            if (c->pos < c->n)
                break;
        }
        ra->head = c->next; /* played, or of a stopped reading: the worker frees it */
        if (!ra->head)
            ra->tail = NULL;
        c->next = ra->spent;
        ra->spent = c;
    }
    ra->device += n;
    SDL_UnlockMutex(ra->lock);
    memset(out + o, 0, (n - o) * sizeof *out);
}

/* ---- synthesis: one job per sentence, on the kiosk's worker (jobs.h) ---- */

typedef struct pcm_ctx {
    struct ui_read *ra;
    ui_job_t *job;
    synth_job_t *sj;
    size_t made;
} pcm_ctx_t;

/* Appends k samples to the player queue unless the job's reading was stopped; returns false when it was. */
static bool queue_audio(pcm_ctx_t *c, const int16_t *pcm, size_t k)
{
    struct ui_read *ra = c->ra;
    chunk_t *ch = malloc(sizeof *ch + k * sizeof *pcm);
    SDL_LockMutex(ra->lock);
    bool stale = c->sj->gen != ra->gen;
    while (ra->spent) { /* what the audio thread is done with */
        chunk_t *s = ra->spent;
        ra->spent = s->next;
        free(s);
    }
    if (ch && !stale) {
        *ch = (chunk_t){NULL, c->sj->gen, c->sj->sentence, k, 0};
        memcpy(ch->pcm, pcm, k * sizeof *pcm);
        if (ra->tail)
            ra->tail->next = ch;
        else
            ra->head = ch;
        ra->tail = ch;
        ch = NULL;
    }
    SDL_UnlockMutex(ra->lock);
    free(ch);
    c->made += k;
    return !stale;
}

/* The engine's audio, at the device's rate (a tts_command's WAV is converted by SDL).  1 stops the engine. */
static int on_pcm(void *user, const int16_t *pcm, size_t n, int rate)
{
    pcm_ctx_t *c = user;
    struct ui_read *ra = c->ra;
    if (ui_job_cancelled(c->job))
        return 1;
    if (rate == RATE)
        return !queue_audio(c, pcm, n);
    if (!ra->conv || ra->conv_rate != rate) {
        SDL_FreeAudioStream(ra->conv);
        ra->conv = SDL_NewAudioStream(AUDIO_S16SYS, 1, rate, AUDIO_S16SYS, 1, RATE);
        ra->conv_rate = rate;
    }
    if (!ra->conv || SDL_AudioStreamPut(ra->conv, pcm, (int)(n * sizeof *pcm)) != 0)
        return 1;
    int16_t buf[4096];
    int got;
    while ((got = SDL_AudioStreamGet(ra->conv, buf, sizeof buf)) > 0)
        if (!queue_audio(c, buf, (size_t)got / sizeof *buf))
            return 1;
    return 0;
}

static void synth_run(ui_job_t *job, void *data)
{
    synth_job_t *sj = data;
    struct ui_read *ra = sj->ra;
    if (!ra->speech && !ra->engine_failed) {
        speech_options_t opt = {.command = ra->app->opt.config.tts_command, .volume = ra->app->opt.config.volume};
        ra->speech = speech_create(&opt, ra->engine_err, sizeof ra->engine_err);
        ra->engine_failed = !ra->speech;
        if (ra->speech)
            SDL_Log("read-aloud: %s", speech_engine_name(ra->speech));
    }
    if (!ra->speech) {
        sj->result = ZWGK_ERR_IO;
        snprintf(sj->err, sizeof sj->err, "%s", ra->engine_err);
        return;
    }
    pcm_ctx_t c = {ra, job, sj, 0};
    double t0 = mono_s();
    sj->result = speech_say(ra->speech, sj->text, sj->len, sj->readings, sj->nreadings, sj->speed, on_pcm, &c, sj->err,
                            sizeof sj->err);
    if (ra->conv) { /* what the converter still holds belongs to this sentence */
        SDL_AudioStreamFlush(ra->conv);
        int16_t buf[4096];
        int got;
        while ((got = SDL_AudioStreamGet(ra->conv, buf, sizeof buf)) > 0 && queue_audio(&c, buf, (size_t)got / 2))
            ;
        SDL_AudioStreamClear(ra->conv);
    }
    ra->synth_s += mono_s() - t0;
    ra->audio_s += (double)c.made / RATE;
    if (sj->result != ZWGK_OK)
        SDL_Log("read-aloud: %s", sj->err);
    SDL_LockMutex(ra->lock);
    if (sj->gen == ra->gen && !ui_job_cancelled(job)) {
        if (sj->result != ZWGK_OK && !ra->error[0])
            snprintf(ra->error, sizeof ra->error, "%s", sj->err);
        if (sj->sentence + 1 > ra->done)
            ra->done = sj->sentence + 1;
    }
    SDL_UnlockMutex(ra->lock);
}

/* The worker reports through the shared state (done, error), not through finish(): a script's wait handles no events
 * while it honours audio time, and the reading must still see its end. */
static const ui_job_class_t synth_class = {.name = "synthesis", .lane = UI_JOB_LANE_INTERACTIVE, .run = synth_run};

/* Posts sentence i of the current reading: a copy of its text and of the document's readings, for the worker. */
static void synth_post(struct ui_read *ra, int i)
{
    const sentence_t *s = &ra->sent[i];
    const char *text = ra->items[s->item].text + s->start;
    size_t len = s->end - s->start, need = len + 1;
    for (size_t r = 0; r < ra->nreadings; r++)
        need += strlen(ra->readings[r].word) + strlen(ra->readings[r].pinyin) + 2;
    size_t head = ra->nreadings * sizeof(speech_reading_t);
    synth_job_t *sj = malloc(sizeof *sj + head + need);
    if (!sj)
        return;
    *sj = (synth_job_t){.ra = ra, .gen = ra->gen, .sentence = i, .speed = ra->speed, .len = len};
    sj->readings = (speech_reading_t *)(void *)sj->buf;
    char *p = sj->buf + head;
    sj->text = p;
    memcpy(p, text, len);
    p[len] = '\0';
    p += len + 1;
    for (size_t r = 0; r < ra->nreadings; r++) {
        size_t a = strlen(ra->readings[r].word) + 1, b = strlen(ra->readings[r].pinyin) + 1;
        memcpy(p, ra->readings[r].word, a);
        memcpy(p + a, ra->readings[r].pinyin, b);
        sj->readings[r] = (speech_reading_t){p, p + a};
        p += a + b;
    }
    sj->nreadings = ra->nreadings;
    ui_jobs_post(ra->app->jobs, &synth_class, sj);
}

/* ---- the UI thread ---- */

static struct ui_read *ra_of(ui_app_t *app)
{
    if (app->read)
        return app->read;
    struct ui_read *ra = calloc(1, sizeof *ra);
    if (!ra || !(ra->lock = SDL_CreateMutex())) {
        free(ra);
        return NULL;
    }
    ra->app = app;
    ra->playing = -1;
    ra->shown = -1;
    return app->read = ra;
}

void ui_read_add(ui_app_t *app, int key, const char *text, size_t len, size_t base)
{
    struct ui_read *ra = app->read;
    if (!ra || !text || !len)
        return;
    if (ra->nitems == ra->items_cap) {
        int cap = ra->items_cap ? ra->items_cap * 2 : 64;
        read_item_t *v = realloc(ra->items, (size_t)cap * sizeof *v);
        if (!v)
            return;
        ra->items = v;
        ra->items_cap = cap;
    }
    ra->items[ra->nitems++] = (read_item_t){key, text, len, base};
}

void ui_read_readings(ui_app_t *app, const content_reading_t *readings, size_t n)
{
    if (app->read) {
        app->read->readings = readings;
        app->read->nreadings = n;
    }
}

/* The current screen's text from its current page on, as sentences.  False when there is nothing to read. */
static bool collect(ui_app_t *app)
{
    struct ui_read *ra = app->read;
    ui_screen_t *s = ui_current(app);
    ra->nitems = 0;
    ra->nsent = 0;
    ra->readings = NULL;
    ra->nreadings = 0;
    if (!s || !s->cls->read_collect)
        return false;
    s->cls->read_collect(s, app);
    for (int i = 0; i < ra->nitems; i++) {
        const read_item_t *it = &ra->items[i];
        size_t n = speech_sentences(it->text, it->len, NULL, 0);
        if (ra->nsent + (int)n > ra->sent_cap) {
            int cap = ra->sent_cap ? ra->sent_cap : 256;
            while (cap < ra->nsent + (int)n)
                cap *= 2;
            sentence_t *v = realloc(ra->sent, (size_t)cap * sizeof *v);
            if (!v)
                break;
            ra->sent = v;
            ra->sent_cap = cap;
        }
        speech_span_t few[64], *all = n <= 64 ? few : malloc(n * sizeof *all);
        if (!all)
            break;
        speech_sentences(it->text, it->len, all, n);
        for (size_t k = 0; k < n; k++)
            ra->sent[ra->nsent++] = (sentence_t){i, all[k].start, all[k].end};
        if (all != few)
            free(all);
    }
    return ra->nsent > 0;
}

static void mark(ui_app_t *app, int sentence)
{
    struct ui_read *ra = app->read;
    ui_screen_t *s = ui_current(app);
    if (!s || !s->cls->read_mark)
        return;
    if (sentence < 0 || sentence >= ra->nsent) {
        s->cls->read_mark(s, app, -1, 0, 0);
    } else {
        const sentence_t *se = &ra->sent[sentence];
        const read_item_t *it = &ra->items[se->item];
        s->cls->read_mark(s, app, it->key, it->base + se->start, it->base + se->end);
    }
    app->dirty = true;
}

static void notice(ui_app_t *app, const char *msg)
{
    struct ui_read *ra = app->read;
    snprintf(ra->notice, sizeof ra->notice, "%s", msg);
    ra->notice_until = app->now + NOTICE_MS;
    app->dirty = true;
}

static void close_device(struct ui_read *ra)
{
    if (ra->dev)
        SDL_CloseAudioDevice(ra->dev); /* returns once the callback has run for the last time */
    ra->dev = 0;
}

static bool open_device(ui_app_t *app)
{
    struct ui_read *ra = app->read;
    if (ra->dev)
        return true;
    SDL_AudioSpec want = {.freq = RATE,
                          .format = AUDIO_S16SYS,
                          .channels = 1,
                          .samples = 1024,
                          .callback = audio_cb,
                          .userdata = ra},
                  have;
    if ((SDL_WasInit(SDL_INIT_AUDIO) || SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) &&
        (ra->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0)) != 0) {
        /* SDL's dummy driver (the other tests' choice) throws the audio away in real time: nothing there to
         * measure, and a script's long waits must not last as long in real time (a soak's random taps reach 朗读) */
        const char *driver = SDL_GetCurrentAudioDriver();
        ra->discarded = driver && !strcmp(driver, "dummy");
        SDL_PauseAudioDevice(ra->dev, 0);
        return true;
    }
    if (!ra->audio_logged) /* for the admin, once: the citizen sees the notice */
        SDL_Log("read-aloud: no sound device (%s): 朗读 is off", SDL_GetError());
    ra->audio_logged = true;
    notice(app, "本机没有可用的声音设备，暂时不能朗读。请联系工作人员检查音箱。");
    return false;
}

/* Drops everything of the current reading (jobs, queued audio) by starting a new generation. */
static void new_generation(struct ui_read *ra)
{
    ui_jobs_cancel_class(ra->app->jobs, &synth_class);
    SDL_LockMutex(ra->lock);
    ra->gen++;
    ra->playing = -1;
    ra->done = 0;
    ra->error[0] = 0;
    SDL_UnlockMutex(ra->lock);
}

static void read_stop_with(ui_app_t *app, const char *msg)
{
    struct ui_read *ra = app->read;
    if (!ra)
        return;
    if (msg)
        notice(app, msg);
    if (ra->state == READ_IDLE)
        return;
    close_device(ra);
    new_generation(ra);
    ra->state = READ_IDLE;
    mark(app, -1);
    ra->shown = -1;
    app->dirty = true;
}

void ui_read_stop(ui_app_t *app)
{
    read_stop_with(app, NULL);
}

/* Starts reading at sentence `from` of what collect found, in a new generation. */
static void begin(ui_app_t *app, int from)
{
    struct ui_read *ra = app->read;
    new_generation(ra);
    SDL_LockMutex(ra->lock);
    ra->done = from;
    SDL_UnlockMutex(ra->lock);
    ra->posted = from;
    ra->shown = -1;
    ra->state = READ_PLAYING;
    app->dirty = true;
}

void ui_read_start(ui_app_t *app)
{
    struct ui_read *ra = ra_of(app);
    if (!ra)
        return;
    if (ra->state == READ_PAUSED) { /* 朗读 after 暂停 goes on where it stopped */
        if (open_device(app))
            ra->state = READ_PLAYING;
        app->dirty = true;
        return;
    }
    if (ra->state == READ_PLAYING)
        return;
    if (!app->jobs) {
        notice(app, "朗读暂时不可用。");
        return;
    }
    if (!collect(app)) {
        notice(app, "这一页没有可以朗读的文字。");
        return;
    }
    if (!ra->speed_chosen)
        ra->speed = app->elder_mode ? SPEECH_SLOW : SPEECH_MEDIUM;
    ra->notice[0] = 0;
    if (!open_device(app))
        return;
    SDL_LockMutex(ra->lock);
    ra->first_sound = 0;
    SDL_UnlockMutex(ra->lock);
    ra->pressed = mono_s();
    ra->first_sound_ms = -1;
    begin(app, 0);
    ui_read_update(app);
}

void ui_read_pause(ui_app_t *app)
{
    struct ui_read *ra = app->read;
    if (!ra || ra->state != READ_PLAYING)
        return;
    close_device(ra); /* the queued audio waits; the worker still fills it up to AHEAD sentences */
    ra->state = READ_PAUSED;
    app->dirty = true;
}

void ui_read_speed(ui_app_t *app, int speed)
{
    struct ui_read *ra = ra_of(app);
    if (!ra || speed < 0 || speed >= SPEECH_SPEEDS)
        return;
    bool changed = ra->speed != (speech_speed_t)speed;
    ra->speed = (speech_speed_t)speed;
    ra->speed_chosen = true;
    app->dirty = true;
    if (changed && ra->state != READ_IDLE) { /* heard at once: again from the sentence being read */
        SDL_LockMutex(ra->lock);
        int from = ra->shown >= 0 ? ra->shown : ra->done;
        SDL_UnlockMutex(ra->lock);
        int state = ra->state;
        begin(app, from);
        ra->state = state;
        mark(app, from);
        ra->shown = from;
    }
}

void ui_read_session_reset(ui_app_t *app)
{
    ui_read_stop(app);
    if (app->read) {
        app->read->speed_chosen = false;
        app->read->notice[0] = 0;
    }
}

bool ui_read_active(const ui_app_t *app)
{
    return app->read && app->read->state != READ_IDLE;
}

bool ui_read_playing(const ui_app_t *app)
{
    return app->read && app->read->state == READ_PLAYING;
}

void ui_read_update(ui_app_t *app)
{
    struct ui_read *ra = app->read;
    if (!ra)
        return;
    if (ra->notice[0] && (int32_t)(app->now - ra->notice_until) >= 0) {
        ra->notice[0] = 0;
        app->dirty = true;
    }
    if (ra->state == READ_IDLE)
        return;
    SDL_LockMutex(ra->lock);
    int playing = ra->playing;
    bool queued = false;
    for (chunk_t *c = ra->head; c && !queued; c = c->next)
        queued = c->gen == ra->gen;
    double first = ra->first_sound;
    int done = ra->done;
    char error[512];
    snprintf(error, sizeof error, "%s", ra->error);
    SDL_UnlockMutex(ra->lock);
    if (error[0]) { /* a broken engine says so once, and this reading ends */
        char msg[600];
        snprintf(msg, sizeof msg, "朗读出错，已停止：%s", error);
        read_stop_with(app, msg);
        return;
    }
    if (first > 0 && ra->first_sound_ms < 0)
        ra->first_sound_ms = (first - ra->pressed) * 1000;
    if (playing >= 0 && playing != ra->shown) {
        ra->shown = playing;
        mark(app, playing);
    }
    /* AHEAD sentences beyond the one playing; and on at once when everything posted is said and nothing is left
     * to play (sentences with nothing to say, a URL alone, make no sound to move on with) */
    int at = ra->shown < 0 ? 0 : ra->shown;
    while (ra->posted < ra->nsent && (ra->posted <= at + AHEAD || (!queued && done >= ra->posted)))
        synth_post(ra, ra->posted++);
    if (ra->state == READ_PLAYING && done >= ra->nsent && !queued) {
        /* everything of this page is said: the next step of a flow, or the end */
        ui_screen_t *s = ui_current(app);
        if (s && s->cls->read_next && s->cls->read_next(s, app) && collect(app))
            begin(app, 0);
        else
            ui_read_stop(app);
    }
}

void ui_read_sync_begin(ui_app_t *app)
{
    struct ui_read *ra = app->read;
    if (!ra)
        return;
    SDL_LockMutex(ra->lock);
    ra->sync_mark = ra->device;
    SDL_UnlockMutex(ra->lock);
}

void ui_read_sync(ui_app_t *app, uint32_t ms)
{
    struct ui_read *ra = app->read;
    if (!ra || ra->state != READ_PLAYING || !ra->dev || ra->discarded)
        return;
    ra->sync_mark += (uint64_t)ms * RATE / 1000;
    uint64_t last = 0;
    double moved = mono_s();
    for (;;) {
        SDL_LockMutex(ra->lock);
        uint64_t dev = ra->device;
        SDL_UnlockMutex(ra->lock);
        if (dev >= ra->sync_mark)
            break;
        if (dev != last) {
            last = dev;
            moved = mono_s();
        } else if (mono_s() - moved > SYNC_STALL_S) {
            SDL_Log("read-aloud: the sound device has not moved for %.0f s", SYNC_STALL_S);
            ra->sync_mark = dev;
            break;
        }
        SDL_Delay(2);
    }
}

static const char *const SPEED_LABEL[SPEECH_SPEEDS] = {"慢", "中", "快"};

/* Widths of the reading's controls in max_w (INT_MAX: natural): 暂停/停止 buttons, the 语速 label (0: left out) and
 * each speed tab.  What gives way when room is short: the label, then the buttons down to their words, then the
 * tabs down to theirs. */
typedef struct controls_layout {
    int bw, lw, sw, total;
} controls_layout_t;

static controls_layout_t controls_layout(const ui_app_t *app, int max_w)
{
    const ui_theme_t *t = &app->theme;
    controls_layout_t c = {ui_tool_button_width(app), render_text_width(app->rd, app->f_ui, "语速", strlen("语速")),
                           t->target, 0};
    int fixed = t->gap / 2 + t->gap; /* between the buttons, after them */
    c.total = 2 * c.bw + fixed + c.lw + t->gap / 2 + 3 * c.sw;
    if (c.total > max_w) {
        c.lw = 0;
        c.total = 2 * c.bw + fixed + 3 * c.sw;
    }
    if (c.total > max_w) {
        int min_bw = render_text_width(app->rd, app->f_ui_bold, "暂停", strlen("暂停")) + t->gap;
        c.bw = (max_w - fixed - 3 * c.sw) / 2;
        c.bw = c.bw < min_bw ? min_bw : c.bw;
        c.total = 2 * c.bw + fixed + 3 * c.sw;
    }
    if (c.total > max_w) {
        int min_sw = render_text_width(app->rd, app->f_ui_bold, "慢", strlen("慢")) + t->gap / 2;
        c.sw = (max_w - fixed - 2 * c.bw) / 3;
        c.sw = c.sw < min_sw ? min_sw : c.sw;
        c.total = 2 * c.bw + fixed + 3 * c.sw;
    }
    return c;
}

int ui_read_controls(ui_app_t *app, int x, int y, int max_w)
{
    struct ui_read *ra = app->read;
    const ui_theme_t *t = &app->theme;
    int h = t->target;
    if (!ui_read_active(app)) {
        int bw = ui_tool_button_width(app);
        ui_button(app, (SDL_Rect){x, y, bw, h}, "朗读", ACT_READ, 0, false);
        return bw;
    }
    controls_layout_t c = controls_layout(app, max_w);
    int x0 = x;
    if (ra->state == READ_PLAYING)
        ui_button(app, (SDL_Rect){x, y, c.bw, h}, "暂停", ACT_READ_PAUSE, 0, true);
    else
        ui_button(app, (SDL_Rect){x, y, c.bw, h}, "朗读", ACT_READ, 0, true);
    x += c.bw + t->gap / 2;
    ui_button(app, (SDL_Rect){x, y, c.bw, h}, "停止", ACT_READ_STOP, 0, false);
    x += c.bw + t->gap;
    if (c.lw) {
        ui_label(app, app->f_ui, x, y + (h - render_font_height(app->rd, app->f_ui)) / 2, c.lw, "语速", t->fg,
                 ROLE_TEXT);
        x += c.lw + t->gap / 2;
    }
    /* 语速: three tabs, the chosen one filled with its word in the light colour, so colour is not the only cue */
    for (int i = 0; i < SPEECH_SPEEDS; i++) {
        SDL_Rect r = {x + i * c.sw, y, c.sw, h};
        bool sel = ra->speed == (speech_speed_t)i;
        render_fill_rect(app->rd, r, t->gap / 2, sel ? t->accent : t->card);
        render_stroke_rect(app->rd, r, t->gap / 2, 2, t->accent);
        int tw = render_text_width(app->rd, app->f_ui_bold, SPEED_LABEL[i], strlen(SPEED_LABEL[i]));
        render_text(app->rd, app->f_ui_bold, r.x + (c.sw - tw) / 2,
                    y + (h - render_font_height(app->rd, app->f_ui_bold)) / 2, SPEED_LABEL[i], strlen(SPEED_LABEL[i]),
                    sel ? t->accent_fg : t->fg);
        ui_elem_t *e = ui_emit(app, ROLE_TAB, SPEED_LABEL[i], -1, r, ACT_READ_SPEED, i);
        e->value = sel;
        e->font_px = t->ui_px;
    }
    return x + 3 * c.sw - x0;
}

int ui_read_controls_width(const ui_app_t *app, bool active)
{
    return active ? controls_layout(app, INT_MAX).total : ui_tool_button_width(app);
}

void ui_read_draw_notice(ui_app_t *app)
{
    struct ui_read *ra = app->read;
    if (!ra || !ra->notice[0])
        return;
    const ui_theme_t *t = &app->theme;
    int w = app->w - 2 * t->margin, lh = t->ui_px * 3 / 2;
    int th = ui_measure_wrapped(app, app->f_ui_bold, w - 2 * t->gap, ra->notice, lh);
    SDL_Rect box = {t->margin, app->h - t->footer_h - th - 2 * t->gap - t->target - t->gap, w, th + 2 * t->gap};
    render_fill_rect(app->rd, box, t->gap / 2, t->fg);
    ui_emit(app, ROLE_DIALOG, ra->notice, -1, box, 0, 0);
    ui_text_wrapped(app, app->f_ui_bold, box.x + t->gap, box.y + t->gap, w - 2 * t->gap, ra->notice, t->bg, lh,
                    ROLE_TEXT);
}

/* JSON string of s[0..len) (the dump's own escaping is private to dump.c: only what sentences hold is escaped). */
static void json_text(FILE *f, const char *s, size_t len)
{
    fputc('"', f);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void ui_read_dump(const ui_app_t *app, void *stdio_file)
{
    FILE *f = stdio_file;
    const struct ui_read *ra = app->read;
    static const char *const states[] = {"idle", "playing", "paused"};
    int state = ra ? ra->state : READ_IDLE;
    fprintf(f, ", \"read_aloud\": {\"state\": \"%s\", \"speed\": \"%s\"", states[state],
            SPEED_LABEL[ra && (ra->speed_chosen || state) ? ra->speed
                        : app->elder_mode                 ? SPEECH_SLOW
                                                          : SPEECH_MEDIUM]);
    if (ra && state != READ_IDLE && ra->shown >= 0 && ra->shown < ra->nsent) {
        const sentence_t *s = &ra->sent[ra->shown];
        fprintf(f, ", \"sentence\": %d, \"sentences\": %d, \"text\": ", ra->shown, ra->nsent);
        json_text(f, ra->items[s->item].text + s->start, s->end - s->start);
    }
    if (ra && ra->notice[0]) {
        fprintf(f, ", \"notice\": ");
        json_text(f, ra->notice, strlen(ra->notice));
    }
    fprintf(f, "}");
}

void ui_read_stats(const ui_app_t *app, void *stdio_file)
{
    FILE *f = stdio_file;
    const struct ui_read *ra = app->read;
    if (!ra)
        return;
    fprintf(f, ", \"speech_first_sound_ms\": %.1f, \"speech_synth_s\": %.3f, \"speech_audio_s\": %.3f",
            ra->first_sound_ms, ra->synth_s, ra->audio_s);
}

void ui_read_shutdown(ui_app_t *app)
{
    struct ui_read *ra = app->read;
    if (!ra)
        return;
    close_device(ra);
    /* The job queue is stopped before this (app.c): no job runs, the engine is ours. */
    speech_destroy(ra->speech);
    SDL_FreeAudioStream(ra->conv);
    for (chunk_t *c = ra->head; c;) {
        chunk_t *next = c->next;
        free(c);
        c = next;
    }
    for (chunk_t *c = ra->spent; c;) {
        chunk_t *next = c->next;
        free(c);
        c = next;
    }
    SDL_DestroyMutex(ra->lock);
    free(ra->items);
    free(ra->sent);
    free(ra);
    app->read = NULL;
}
