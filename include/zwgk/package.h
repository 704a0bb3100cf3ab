/* package.h — content packages: verifying, installing atomically, and finding them on sticks and in drop folders.
 *
 * A package is NAME.db (a content database) with NAME.db.minisig beside it (zwgk/minisign.h).  `zwgk-admin sign`
 * writes a trusted comment that binds the signature to the package:
 *
 *     zwgk-package file=NAME.db publisher=ID version=N size=BYTES blake2b=HEX128
 *
 * (blake2b is the BLAKE2b-512 of the file, the same hash an "ED" signature signs).  A signature made by Debian's
 * `minisign -Sm` has minisign's own "timestamp:T<TAB>file:NAME.db[<TAB>hashed]" comment, which binds the file name
 * only; the publisher and version then come from the database's meta alone.  Any other trusted comment is refused.
 *
 * Every check runs before anything is replaced, on a private copy in the kiosk's data directory (the file on the
 * stick is read once, with O_NOFOLLOW, while it is copied and hashed), and each refusal has its own reason code.
 * Installing writes DATA/content/content-<version>.db, fsyncs it and the directory, then switches the current-content
 * pointer in local.db in one transaction (zwgk/local.h): at every instant, including a power cut, the kiosk's current
 * content is a complete, verified file.  The previous version is kept for an admin rollback; older ones are removed.
 *
 * Threads: package_verify, package_install, package_rollback, package_repair and package_content_check share no
 * state; call them from a worker thread so the UI stays responsive (the kiosk's job queue, src/ui/jobs.h).  They open
 * their own files and local.db connection; the content the UI has open keeps working throughout (files are never
 * renamed or overwritten while open, only unlinked once neither current nor previous).  The progress callback runs on
 * the calling (worker) thread: marshal to the UI with an event (SDL_PushEvent is thread-safe).  Only one install per
 * data directory runs at a time (a lock file; a second one is refused with PACKAGE_BUSY). */
#ifndef ZWGK_PACKAGE_H
#define ZWGK_PACKAGE_H

#include "zwgk/config.h"
#include "zwgk/content.h"
#include "zwgk/local.h"
#include "zwgk/minisign.h"
#include "zwgk/result.h"

#include <stddef.h>

/* Why a package was refused.  The numbers are not stored (the key strings are); never reorder casually anyway. */
typedef enum package_reason {
    PACKAGE_OK = 0,
    PACKAGE_NOT_FOUND,          /* NAME.db is missing, a symlink, or not a regular file */
    PACKAGE_SIG_MISSING,        /* NAME.db.minisig is missing */
    PACKAGE_SIG_EMPTY,          /* NAME.db.minisig has zero bytes */
    PACKAGE_SIG_GARBLED,        /* NAME.db.minisig is not a minisign signature */
    PACKAGE_NO_TRUSTED_KEY,     /* this kiosk trusts no key at all (configuration) */
    PACKAGE_KEY_UNTRUSTED,      /* signed by a key this kiosk does not trust */
    PACKAGE_COMMENT_EDITED,     /* the trusted comment's global signature does not verify */
    PACKAGE_COMMENT_MISMATCH,   /* the trusted comment describes another file (name, size, hash, publisher, version) */
    PACKAGE_EMPTY_FILE,         /* NAME.db has zero bytes */
    PACKAGE_TOO_LARGE,          /* above the configured size cap */
    PACKAGE_INCOMPLETE,         /* shorter or longer than the size the signer recorded: a broken copy */
    PACKAGE_SIG_INVALID,        /* the bytes do not match the signature: changed or damaged */
    PACKAGE_NOT_SQLITE,         /* not an SQLite database */
    PACKAGE_NOT_CONTENT,        /* an SQLite database, but not a content database (foreign schema) */
    PACKAGE_FORMAT_UNSUPPORTED, /* a content format this kiosk does not read */
    PACKAGE_DB_DAMAGED,         /* fails PRAGMA integrity_check, or cannot be read */
    PACKAGE_CONTENT_INVALID,    /* missing required fields, links that point nowhere, bad URLs */
    PACKAGE_WRONG_PUBLISHER,    /* another publisher's content */
    PACKAGE_OLD_VERSION,        /* older than the installed content */
    PACKAGE_SAME_VERSION,       /* the installed version, outside an admin reinstall */
    PACKAGE_NO_SPACE,           /* the data directory's disk is full */
    PACKAGE_IO_ERROR,           /* reading, writing, fsync or rename failed */
    PACKAGE_BUSY,               /* another install is running on this data directory */
    PACKAGE_CANCELLED,          /* the progress callback asked to stop */
    PACKAGE_NO_PREVIOUS,        /* rollback: there is no previous content */
    PACKAGE_ROLLED_BACK,        /* an admin rolled back from this version (or a newer one): wait for a newer package */
    PACKAGE_REASON_COUNT
} package_reason_t;

/* A stable machine-readable key ("ok", "sig-invalid", …) stored in local.db's history and printed in logs. */
const char *package_reason_key(package_reason_t r);
/* A one-line plain explanation for the screen, in the reader's language (zwgk/i18n.h: "签名与文件内容不符……" on a
 * Chinese system, its English msgid under LANG=C).  Never NULL.  Translated when called, so a code read back from
 * local.db's history is shown in the language of whoever reads it. */
const char *package_reason_text(package_reason_t r);
/* The project-wide result class of a reason (ZWGK_ERR_SIGNATURE, ZWGK_ERR_IO, …). */
zwgk_result package_reason_result(package_reason_t r);

/* What happened, for the screen, the log and local.db.  Filled by every call below, success or not. */
typedef struct package_result {
    package_reason_t reason;
    char message[512];               /* plain words for the screen, in the caller's language (zwgk/i18n.h: Chinese
                                        on a Chinese system): what happened and what to do; with the numbers */
    char detail[768];                /* technical, for the log and the CLI, in the caller's language too */
    char history_detail[768];        /* the same in English (its msgid's words; system errors and names as they
                                        came), which local.db's history keeps: its readers may read another language */
    char key_id[MINISIGN_KEYID_LEN]; /* the signer's key id when the signature was read, else "" */
    char publisher_id[64];           /* the package's publisher when known */
    long long version;               /* the package's content version when known, else 0 */
    long long installed_version;     /* the version that was current before the call (0: none) */
    char content_path[1024];         /* after an install or rollback: the file the UI reopens */
    content_counts_t counts;         /* of the new content, and of the old one (zeros when none): "what changed" */
    content_counts_t previous_counts;
} package_result_t;

typedef enum package_phase {
    PACKAGE_PHASE_SIGNATURE, /* reading and checking NAME.db.minisig */
    PACKAGE_PHASE_COPY,      /* copying and hashing into the data directory: done/total are bytes */
    PACKAGE_PHASE_VERIFY,    /* signature over the copy, SQLite checks, content validation */
    PACKAGE_PHASE_INSTALL,   /* fsync, switch, cleanup */
} package_phase_t;

/* Called on the worker thread at each phase start and after every MiB copied; done/total are 0 when a phase has
 * no measure.  Return nonzero to cancel (the install is refused with PACKAGE_CANCELLED; nothing changes). */
typedef int (*package_progress_fn)(void *user, package_phase_t phase, unsigned long long done,
                                   unsigned long long total);

typedef struct package_options {
    const minisign_pubkey_t *trusted_keys; /* the keys this kiosk trusts (config trusted_key lines) */
    size_t ntrusted_keys;
    const char *publisher_id;     /* accept only this publisher; NULL or "" = the one remembered in local.db, or (when
                                     none is yet) the first package's, which is then remembered */
    long long max_bytes;          /* size cap; <= 0 = no cap */
    int reinstall;                /* admin mode: the installed version may be installed again (never a lower one) */
    package_progress_fn progress; /* may be NULL */
    void *progress_user;
} package_options_t;

/* Fills opt from the kiosk's configuration: its trusted keys are parsed into keys (room for CONFIG_MAX_LIST),
 * publisher_id and max_package_mb are taken over; progress and reinstall are left zero.  A trusted_key line that is
 * not a minisign public key is left out and named in err (with its line in the config file) — the good keys stay in
 * opt — and the call returns ZWGK_ERR_INVALID; opt is usable either way.  opt points into keys and cfg. */
zwgk_result package_options_from_config(package_options_t *opt, minisign_pubkey_t keys[CONFIG_MAX_LIST],
                                        const config_t *cfg, char *err, size_t errlen);

/* Checks the package db_path (and db_path.minisig) without installing it: every check of package_install except
 * the comparison with an installed version.  The private copy is made in work_dir (NULL: a fresh directory under
 * $TMPDIR or /tmp) and removed before returning.  ZWGK_OK only when the package would be accepted; otherwise the
 * reason's result class, with res explaining. */
zwgk_result package_verify(const char *db_path, const char *work_dir, const package_options_t *opt,
                           package_result_t *res);

/* Verifies db_path and, when every check passes, makes it the current content of the kiosk whose data directory is
 * data_dir (created when missing; see zwgk/local.h).  On ZWGK_OK res->content_path is the new file: close the old
 * content_t and content_open this one.  On a refusal nothing has changed and the old content is still current; the
 * refusal is recorded in local.db's history (when local.db can be written). */
zwgk_result package_install(const char *db_path, const char *data_dir, const package_options_t *opt,
                            package_result_t *res);

/* Admin rollback: makes the previous content current again (and the current one previous), after checking that the
 * previous file still passes package_content_check.  PACKAGE_NO_PREVIOUS when there is none.  Rolling back to a lower
 * version holds there (local_content_swap): packages up to the version rolled back from are then refused with
 * PACKAGE_ROLLED_BACK until a newer one arrives; rolling back again returns to it.  opt (may be NULL) lends only its
 * progress callback, which also cancels. */
zwgk_result package_rollback(const char *data_dir, const package_options_t *opt, package_result_t *res);

/* Checks an installed content file as a package's database is checked: SQLite header, schema, PRAGMA
 * integrity_check, format version and content validation.  Used by `zwgk-admin status` and before a rollback.
 * Fills res->version, publisher_id and counts on success. */
zwgk_result package_content_check(const char *db_path, package_result_t *res);

/* ---- the installed content when local.db cannot be trusted (installed.c) ---- */

/* Opens the content the kiosk whose data directory is data_dir should show, trying in order: local.db's current file
 * (l: an open local.db, may be NULL when it could not be opened), its previous file, the files named by
 * DATA/content-state (local.h), and the newest DATA/content/content-*.db whose meta says the version its name does.
 * Each is only opened (content_open), not checked again: every file there was verified when it was installed.
 * Returns NULL when none opens — the caller then shows its factory content.  path gets the file opened; note gets a
 * sentence for admin mode (in the caller's language) whenever anything but local.db's current file was taken (""
 * otherwise). */
content_t *package_open_installed(const char *data_dir, local_t *l, char *path, size_t cap, char *note, size_t notecap);

/* Repairs a data directory (`zwgk-admin status --repair`, and package_install before an install): a damaged
 * local.db is rebuilt (local_rebuild) from DATA/content-state or, failing that, from the content files themselves;
 * a current content file that is missing or fails package_content_check is replaced by the previous one (or the
 * newest intact one).  ZWGK_OK with res->message saying what was done ("" in res->detail's place when nothing was
 * needed: res->reason PACKAGE_OK, res->version the current version); a read-only data directory is PACKAGE_IO_ERROR. */
zwgk_result package_repair(const char *data_dir, package_result_t *res);

/* Builds the trusted comment `zwgk-admin sign` writes for a file (see above) into out.  ZWGK_ERR_INVALID when the
 * file name holds a blank or control character, or does not fit. */
zwgk_result package_comment_format(char *out, size_t cap, const char *file_name, const char *publisher_id,
                                   long long version, unsigned long long size,
                                   const unsigned char hash[MINISIGN_HASH_BYTES]);

/* ---- detection (watch.c) ---- */

typedef struct package_found {
    char db_path[1024];  /* NAME.db */
    char sig_path[1040]; /* NAME.db.minisig */
    char source[1024];   /* the mount point or drop folder it was found in */
    int removable;       /* 1: on removable media; 0: in a drop folder */
    long long size;      /* of NAME.db when seen */
} package_found_t;

typedef struct package_found_list {
    package_found_t *items;
    size_t count;
    size_t ignored; /* package_watch_wait: new packages beyond PACKAGE_WATCH_MAX_NEW per source, not reported */
} package_found_list_t;

/* At most this many new packages of one folder or stick are reported per listing (a real stick holds one or two):
 * a stick of thousands of junk pairs is listed once, and the rest are counted in ignored and taken as seen. */
#define PACKAGE_WATCH_MAX_NEW 32

void package_found_list_free(package_found_list_t *l); /* accepts a zeroed list */

/* Lists the packages in one folder (not its subfolders): every NAME.db that is a regular file (not a symlink) with
 * a NAME.db.minisig beside it, ignoring dot-files (rsync and Syncthing temporaries, macOS "._" files).  Sorted by
 * name.  ZWGK_ERR_IO when the folder cannot be read. */
zwgk_result package_scan_dir(const char *dir, int removable, package_found_list_t *out);

/* Mount points of removable media in a mounts table (the format of /proc/self/mounts): /media/USER/LABEL,
 * /run/media/system/LABEL and /run/media/USER/LABEL, octal escapes (\040 …) decoded.  Writes at most max of them
 * into out and returns how many it wrote. */
size_t package_removable_mounts(const char *mounts_text, char (*out)[1024], size_t max);

typedef struct package_watch package_watch_t;

/* Watches removable media (by polling mounts_path, normally NULL = /proc/self/mounts) and the drop folders
 * (inotify; a folder that does not exist yet is picked up when it appears).  NULL with err when inotify cannot
 * start.  Owned by one thread at a time: every call but package_watch_wake — wait, forget, forget_one, destroy —
 * is made by the thread that owns it, and it changes hands only where the threads are ordered (created before the
 * worker thread starts, destroyed after it is joined, as the kiosk's updater does).  package_watch_wake may be
 * called from any thread, and from a signal handler. */
package_watch_t *package_watch_create(const char *const *folders, size_t nfolders, const char *mounts_path, char *err,
                                      size_t errlen);
void package_watch_destroy(package_watch_t *w); /* accepts NULL */

/* Waits up to timeout_ms (-1: forever) until a complete package (both files) appears that was not reported before
 * — a package is reported again only after it changed (size, time or inode of either file) or was removed and came
 * back — and returns the new ones in out (possibly empty on a timeout or a wake), at most PACKAGE_WATCH_MAX_NEW
 * per source.  Drop folders are acted on when a file is renamed into them or closed after writing (IN_MOVED_TO,
 * IN_CLOSE_WRITE); the mounts table is read every 500 ms, and a stick is listed when it appears, when its folder
 * changes, and every 10 s.
 * The first call reports what is already present. */
zwgk_result package_watch_wait(package_watch_t *w, int timeout_ms, package_found_list_t *out);

/* Makes a package_watch_wait in progress (or the next one) return at once.  Thread-safe and async-signal-safe: the
 * UI calls it to stop the worker. */
void package_watch_wake(package_watch_t *w);

/* Forgets what was reported, so the next wait reports every package still present (admin: "install from stick"
 * after a refusal).  Owner thread only: another thread asks for it by a flag the owner reads (updater.c). */
void package_watch_forget(package_watch_t *w);

/* Forgets one reported package (by its db_path), so the next wait reports it again if still present: the retry of
 * an install refused for a reason that may pass (busy, disk full, I/O error).  Owner thread only. */
void package_watch_forget_one(package_watch_t *w, const char *db_path);

#endif
