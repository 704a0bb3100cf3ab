/* result.c — names of the project-wide result codes, for logs. */
#include "zwgk/result.h"

const char *zwgk_result_str(zwgk_result r)
{
    switch (r) {
    case ZWGK_OK:
        return "ok";
    case ZWGK_ERR_NOMEM:
        return "out of memory";
    case ZWGK_ERR_IO:
        return "input/output error";
    case ZWGK_ERR_NOT_FOUND:
        return "not found";
    case ZWGK_ERR_FORMAT:
        return "bad format";
    case ZWGK_ERR_INVALID:
        return "invalid";
    case ZWGK_ERR_UNSUPPORTED:
        return "unsupported version";
    case ZWGK_ERR_SQL:
        return "database error";
    case ZWGK_ERR_SIGNATURE:
        return "bad signature";
    }
    return "unknown error";
}
