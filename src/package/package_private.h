/* package_private.h — what verification (package.c) shares with installing (install.c). */
#ifndef ZWGK_PACKAGE_PRIVATE_H
#define ZWGK_PACKAGE_PRIVATE_H

#include "zwgk/package.h"

/* What a package must be besides valid: the publisher to require ("" = any) and the installed version it must
 * exceed (-1 = no comparison, as in `zwgk-admin verify`). */
typedef struct package_policy {
    const char *publisher_id;
    long long installed_version;
    int reinstall;
    long long rollback_hold; /* local.h: refuse versions above the installed one up to this (0: none) */
} package_policy_t;

/* A verified private copy of a package, waiting to be installed or discarded. */
typedef struct package_stage {
    char copy_path[1024]; /* "" when there is no copy */
    char file_name[256];  /* the package's file name, NAME.db */
    long long version;
    char publisher_id[64];
    content_counts_t counts;
} package_stage_t;

/* Runs every check on db_path, copying it into work_dir (same file system as where it will be installed) as a
 * dot-named file.  On ZWGK_OK st->copy_path is a complete, fsynced, verified copy the caller renames or removes; on
 * a refusal res says why and no copy is left. */
zwgk_result package_stage(const char *db_path, const char *work_dir, const package_options_t *opt,
                          const package_policy_t *policy, package_stage_t *st, package_result_t *res);

/* The database checks (dbcheck.c): header, integrity_check, schema, content_open, content rules.  Fills st's
 * version, publisher and counts, and res's.  opt (may be NULL) only lends its progress callback. */
zwgk_result package_check_database(const char *path, const package_options_t *opt, package_result_t *res,
                                   package_stage_t *st);

/* package_content_check with a progress callback (opt may be NULL). */
zwgk_result package_content_check_opt(const char *db_path, const package_options_t *opt, package_result_t *res);

/* Takes the install lock of data_dir (DATA/install.lock, created with the folder when missing); returns its fd, or
 * -1 with errno (EWOULDBLOCK when another install holds it). */
int package_lock_data_dir(const char *data_dir);

/* The repair package_repair does, on a data directory whose install lock the caller holds.  *l is the caller's
 * local.db connection or NULL; on return it is an open, writable connection (or NULL on failure). */
zwgk_result package_repair_locked(const char *data_dir, local_t **l, package_result_t *res);

/* Removes the copy of st, if any. */
void package_stage_discard(package_stage_t *st);

/* Sets res->reason, the reason's text (package_reason_text) as res->message, and the detail formatted twice: in the
 * caller's language (res->detail) and as the English msgid says it (res->history_detail, for local.db); returns the
 * reason's result class.  fmt is an untranslated msgid, N_("…"), or "%s". */
zwgk_result package_refuse(package_result_t *res, package_reason_t reason, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Replaces res->message with a more precise message; fmt is a translated msgid, _("…").  Both run on the kiosk's
 * worker thread too: dgettext is thread-safe, and the locale is only set at start (zwgk_i18n_init). */
void package_say(package_result_t *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Calls the progress callback; nonzero when it asks to cancel. */
int package_progress(const package_options_t *opt, package_phase_t phase, unsigned long long done,
                     unsigned long long total);

/* The prefix of a private copy's name in the content directory. */
#define PACKAGE_INCOMING_PREFIX ".incoming-"

#endif
