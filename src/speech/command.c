/* command.c — a county's own engine: `tts_command = PROGRAM ARGS` (kiosk.conf), a program that reads the sentence as
 * UTF-8 text on standard input and writes a WAV on standard output.
 *
 * One run of the program per sentence, started with posix_spawnp (no shell: the command is split at blanks, with
 * "double quotes" to keep a blank in an argument), its three standard streams on pipes.  One poll loop writes the
 * text, reads the WAV as it comes — handing samples on before the program has finished, like the built-in engine —
 * and keeps the start of what it says on standard error for the message.  Everything that can go wrong with a
 * program someone else wrote ends in a clear Chinese message and no harm to the kiosk: it does not start (not
 * found, not executable), it exits non-zero or dies of a signal, it writes something that is no WAV, or it takes
 * longer than the timeout (it is killed).  Writing to a program that has already exited raises SIGPIPE, which would
 * end the kiosk: the signal is blocked on this thread for the call and any pending one is taken before unblocking. */
#include "speech_private.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_ARGS 32

typedef struct command_engine {
    speech_engine_t base;
    char buf[1024]; /* the arguments, NUL-separated */
    char *argv[MAX_ARGS + 1];
    int timeout_ms;
    char name[160];
} command_engine_t;

static const char *command_name(const speech_engine_t *e)
{
    return ((const command_engine_t *)e)->name;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Ends the child: TERM, a moment, then KILL; always reaps it.  Returns its wait status. */
static int end_child(pid_t pid, bool kill_it)
{
    int status = 0;
    if (kill_it) {
        kill(pid, SIGTERM);
        for (int i = 0; i < 20; i++) {
            if (waitpid(pid, &status, WNOHANG) == pid)
                return status;
            struct timespec d = {0, 10 * 1000000};
            nanosleep(&d, NULL);
        }
        kill(pid, SIGKILL);
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

/* A pipe whose ends a program started by another thread does not inherit. */
static int cloexec_pipe(int fd[2])
{
    if (pipe(fd) != 0)
        return -1;
    fcntl(fd[0], F_SETFD, FD_CLOEXEC);
    fcntl(fd[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

static zwgk_result command_say(speech_engine_t *e, const char *text, size_t len, const char *pinyin,
                               speech_speed_t speed, speech_pcm_fn pcm, void *user, char *err, size_t errlen)
{
    command_engine_t *ce = (command_engine_t *)e;
    (void)pinyin;
    (void)speed;
    int in[2] = {-1, -1}, out[2] = {-1, -1}, errp[2] = {-1, -1};
    zwgk_result r = ZWGK_ERR_IO;
    pid_t pid = -1;
    bool reaped = false;
    int status = 0;
    char errtext[320] = "";
    size_t nerr = 0;
    wav_reader_t *w = calloc(1, sizeof *w);
    sigset_t pipe_set, old_set;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
    if (!w) {
        snprintf(err, errlen, "内存不足");
        r = ZWGK_ERR_NOMEM;
        goto done;
    }
    if (cloexec_pipe(in) || cloexec_pipe(out) || cloexec_pipe(errp)) {
        snprintf(err, errlen, "无法启动朗读程序“%s”：%s", ce->argv[0], strerror(errno));
        goto done;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none); /* the program gets a normal SIGPIPE, not this thread's mask */
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    int se = posix_spawnp(&pid, ce->argv[0], &fa, &attr, ce->argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(in[0]);
    close(out[1]);
    close(errp[1]);
    in[0] = out[1] = errp[1] = -1;
    if (se != 0) {
        pid = -1;
        snprintf(err, errlen, "无法启动朗读程序“%s”：%s", ce->argv[0], strerror(se));
        goto done;
    }
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    size_t written = 0;
    if (len == 0) {
        close(in[1]);
        in[1] = -1;
    }
    long long deadline = now_ms() + ce->timeout_ms;
    int stop = 0;
    unsigned char buf[8192];
    while ((out[0] >= 0 || errp[0] >= 0) && !stop) {
        struct pollfd p[3];
        int np = 0, io = -1, ie = -1, iw = -1;
        if (out[0] >= 0)
            p[io = np++] = (struct pollfd){out[0], POLLIN, 0};
        if (errp[0] >= 0)
            p[ie = np++] = (struct pollfd){errp[0], POLLIN, 0};
        if (in[1] >= 0)
            p[iw = np++] = (struct pollfd){in[1], POLLOUT, 0};
        long long left = deadline - now_ms();
        if (left <= 0) {
            status = end_child(pid, true);
            reaped = true;
            snprintf(err, errlen, "朗读程序“%s”超过 %d 秒没有完成，已停止它", ce->argv[0], ce->timeout_ms / 1000);
            goto done;
        }
        int pr = poll(p, (nfds_t)np, (int)(left > 1000 ? 1000 : left));
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0) {
            snprintf(err, errlen, "朗读程序“%s”：%s", ce->argv[0], strerror(errno));
            goto done;
        }
        if (iw >= 0 && p[iw].revents) {
            ssize_t k = write(in[1], text + written, len - written);
            if (k > 0)
                written += (size_t)k;
            if ((k < 0 && errno != EAGAIN && errno != EINTR) || written == len) {
                close(in[1]); /* done, or the program stopped reading (EPIPE): it may still answer */
                in[1] = -1;
            }
        }
        if (io >= 0 && p[io].revents) {
            ssize_t k = read(out[0], buf, sizeof buf);
            if (k > 0) {
                if (wav_feed(w, buf, (size_t)k, pcm, user, &stop, err, errlen) != ZWGK_OK) {
                    char why[256];
                    snprintf(why, sizeof why, "%s", err);
                    snprintf(err, errlen, "朗读程序“%s”的输出不是可以播放的声音：%s", ce->argv[0], why);
                    status = end_child(pid, true);
                    reaped = true;
                    r = ZWGK_ERR_FORMAT;
                    goto done;
                }
            } else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
                close(out[0]);
                out[0] = -1;
            }
        }
        if (ie >= 0 && p[ie].revents) {
            ssize_t k = read(errp[0], buf, sizeof buf);
            if (k > 0) {
                size_t take = (size_t)k < sizeof errtext - 1 - nerr ? (size_t)k : sizeof errtext - 1 - nerr;
                memcpy(errtext + nerr, buf, take);
                nerr += take;
                errtext[nerr] = '\0';
            } else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
                close(errp[0]);
                errp[0] = -1;
            }
        }
    }
    status = end_child(pid, stop != 0); /* 停止: the program need not finish the sentence */
    reaped = true;
    if (stop) {
        r = ZWGK_OK;
        goto done;
    }
    while (nerr && (errtext[nerr - 1] == '\n' || errtext[nerr - 1] == '\r'))
        errtext[--nerr] = '\0';
    if (WIFSIGNALED(status)) {
        snprintf(err, errlen, "朗读程序“%s”异常终止（信号 %d）%s%s", ce->argv[0], WTERMSIG(status), nerr ? "：" : "",
                 errtext);
        goto done;
    }
    if (WEXITSTATUS(status) != 0) {
        snprintf(err, errlen, "朗读程序“%s”出错退出（退出码 %d）%s%s", ce->argv[0], WEXITSTATUS(status),
                 nerr ? "：" : "", errtext);
        goto done;
    }
    if (wav_finish(w, err, errlen) != ZWGK_OK) {
        char why[256];
        snprintf(why, sizeof why, "%s", err);
        snprintf(err, errlen, "朗读程序“%s”的输出不是可以播放的声音：%s", ce->argv[0], why);
        r = ZWGK_ERR_FORMAT;
        goto done;
    }
    r = ZWGK_OK;
done:
    if (pid > 0 && !reaped)
        end_child(pid, true);
    for (int i = 0; i < 2; i++) {
        if (in[i] >= 0)
            close(in[i]);
        if (out[i] >= 0)
            close(out[i]);
        if (errp[i] >= 0)
            close(errp[i]);
    }
    free(w);
    /* a SIGPIPE raised while blocked is pending on this thread: take it before the old mask comes back */
    struct timespec zero = {0, 0};
    while (sigtimedwait(&pipe_set, NULL, &zero) == SIGPIPE)
        ;
    pthread_sigmask(SIG_SETMASK, &old_set, NULL);
    return r;
}

static void command_trace(speech_engine_t *e, FILE *f)
{
    (void)e;
    (void)f;
}

static void command_destroy(speech_engine_t *e)
{
    free(e);
}

/* True when prog is an executable file: as given when it has a '/', else somewhere on PATH (as posix_spawnp looks). */
static bool runnable(const char *prog)
{
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);
        char full[1024];
        snprintf(full, sizeof full, "%.*s/%s", (int)(n ? n : 1), n ? path : ".", prog);
        if (access(full, X_OK) == 0)
            return true;
        path += n + (colon != NULL);
    }
    return false;
}

static const speech_engine_ops_t command_ops = {command_name, command_say, command_trace, command_destroy};

speech_engine_t *command_engine_create(const char *command, int timeout_ms, char *err, size_t errlen)
{
    command_engine_t *ce = calloc(1, sizeof *ce);
    if (!ce) {
        snprintf(err, errlen, "内存不足");
        return NULL;
    }
    ce->base.ops = &command_ops;
    ce->timeout_ms = timeout_ms > 0 ? timeout_ms : 30000;
    /* split at blanks; "…" keeps blanks inside an argument */
    size_t o = 0;
    int argc = 0;
    const char *p = command;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (argc == MAX_ARGS || o >= sizeof ce->buf - 1) {
            snprintf(err, errlen, "tts_command 太长（最多 %d 个参数）", MAX_ARGS);
            free(ce);
            return NULL;
        }
        ce->argv[argc++] = ce->buf + o;
        bool quoted = false;
        while (*p && (quoted || (*p != ' ' && *p != '\t')) && o < sizeof ce->buf - 1) {
            if (*p == '"')
                quoted = !quoted;
            else
                ce->buf[o++] = *p;
            p++;
        }
        ce->buf[o++] = '\0';
        if (quoted) {
            snprintf(err, errlen, "tts_command 的引号没有配对：%s", command);
            free(ce);
            return NULL;
        }
    }
    if (argc == 0) {
        snprintf(err, errlen, "tts_command 没有写程序名");
        free(ce);
        return NULL;
    }
    ce->argv[argc] = NULL;
    if (!runnable(ce->argv[0])) {
        snprintf(err, errlen, "tts_command 的程序“%s”不存在或不能执行", ce->argv[0]);
        free(ce);
        return NULL;
    }
    snprintf(ce->name, sizeof ce->name, "tts_command: %s", ce->argv[0]);
    return &ce->base;
}
