/* office_private.h — what the files of src/office share: the entry stream under limits, and small helpers.
 *
 * The XML layer reads a ZIP entry as a stream (a sheet can be far larger than anything worth holding twice in
 * memory), so zip.c offers a stream that enforces the package's limits on every read; xml.c pulls from it. */
#ifndef ZWGK_OFFICE_PRIVATE_H
#define ZWGK_OFFICE_PRIVATE_H

#include "zwgk/office.h"

#include <stdio.h>
#include <sys/types.h>

/* One entry being read.  Reads past a limit fail with a reason (office_zip_stream_error). */
typedef struct office_zip_stream office_zip_stream_t;

/* Opens an entry of z.  Returns NULL with *why = ZWGK_ERR_NOT_FOUND when there is none, ZWGK_ERR_FORMAT when it is
 * encrypted, damaged or declared over a limit (reason in err). */
office_zip_stream_t *office_zip_stream_open(office_zip_t *z, const char *part, zwgk_result *why, char *err,
                                            size_t errlen);
/* Reads up to n bytes.  Returns the count (0 at the end of the entry) or -1 on an error or a broken limit. */
ssize_t office_zip_stream_read(office_zip_stream_t *s, void *buf, size_t n);
/* Why the last read failed ("" when none). */
const char *office_zip_stream_error(const office_zip_stream_t *s);
void office_zip_stream_close(office_zip_stream_t *s); /* accepts NULL */

/* snprintf into err (when err is not NULL and errlen > 0), for reasons. */
void office_set_error(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Case-insensitive ASCII comparison of part names, ignoring one leading '/'. */
int office_part_equal(const char *a, const char *b);

/* A growing byte buffer; office_buf_put returns -1 when out of memory (the buffer is then unchanged). */
typedef struct office_buf {
    char *s;
    size_t len, cap;
} office_buf_t;
int office_buf_put(office_buf_t *b, const char *s, size_t n);
void office_buf_free(office_buf_t *b);

/* Appends text as it is stored in a SpreadsheetML <t> (or WordprocessingML <w:t>) element to b: the _xHHHH_
 * escapes decoded (_x000D_ a carriage return, _x005F_ a literal underscore), CR LF and CR as '\n', other control
 * characters but tab as U+FFFD.  Returns -1 when out of memory. */
int office_text_append(office_buf_t *b, const char *s, size_t n);

/* Formats a number as Excel's General format shows it: integers without a decimal point, others with up to 15
 * significant digits and no trailing zeros.  buf needs 32 bytes. */
const char *office_number_text(double v, char buf[32]);

#endif
