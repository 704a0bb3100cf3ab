/* local_private.h — what local.c (the database) shares with local_state.c (recovering it).  Private to src/local. */
#ifndef ZWGK_LOCAL_PRIVATE_H
#define ZWGK_LOCAL_PRIVATE_H

#include "zwgk/local.h"

#include <sqlite3.h>

#define LOCAL_APPLICATION_ID 0x5A574C43 /* "ZWLC" */
#define LOCAL_SCHEMA_VERSION 1

struct local {
    sqlite3 *db;
    char *dir;
    int readonly;
    int last_error; /* SQLite's extended code of the last failure */
    char last_msg[256];
};

/* The schema, created with IF NOT EXISTS (local.c). */
extern const char local_schema_sql[];

/* Records why the last statement failed and classifies it: I/O (disk full, read/write error, read-only) or SQL. */
zwgk_result local_failed(local_t *l);

/* Runs one statement with text/int64 arguments described by fmt ('s' text, 'i' int64) to completion. */
zwgk_result local_run(local_t *l, const char *sql, const char *fmt, ...);

/* Writes DATA/content-state from the state just committed (best effort: it is a hint; see local.h). */
void local_state_hint_write(local_t *l);

#endif
