/* result.h — the one result enum of the project.
 *
 * Errors are values: functions that can fail at run time return a zwgk_result and, where a person must read the
 * reason, also write it into a caller's buffer.  Programmer errors are asserts, never results. */
#ifndef ZWGK_RESULT_H
#define ZWGK_RESULT_H

typedef enum zwgk_result {
    ZWGK_OK = 0,
    ZWGK_ERR_NOMEM,       /* out of memory */
    ZWGK_ERR_IO,          /* a file could not be read, written, synced or renamed */
    ZWGK_ERR_NOT_FOUND,   /* the thing asked for does not exist */
    ZWGK_ERR_FORMAT,      /* input is not in the expected format (bad CSV, bad YAML, not a content database) */
    ZWGK_ERR_INVALID,     /* input is well-formed but breaks a rule (missing field, bad date, dangling link) */
    ZWGK_ERR_UNSUPPORTED, /* a format or schema version this build does not understand */
    ZWGK_ERR_SQL,         /* SQLite reported an error */
    ZWGK_ERR_SIGNATURE,   /* a signature or key did not verify */
} zwgk_result;

/* A short English name for a result, for logs.  Never NULL; the string is static. */
const char *zwgk_result_str(zwgk_result r);

#endif
