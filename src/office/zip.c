/* zip.c — the package layer: a ZIP read through libzip, with its entry names checked and every entry read under
 * limits (zwgk/office.h).
 *
 * Why libzip and not a hand-written reader: the central directory, ZIP64, data descriptors and the compression
 * methods are where hand-written unzips break, and libzip (Debian's libzip4) is maintained, fuzzed and already what
 * the distribution trusts.  What libzip does not decide for us is what a package may contain, so this file does:
 *
 * Names.  Nothing is ever extracted to disk, but part names come back as relationship targets and in messages, so a
 * package whose names play games (absolute, "..", backslashes, a drive letter, NUL or bytes that are not UTF-8, or two
 * entries that differ only in case — OPC compares part names case-insensitively and Excel refuses such files) is
 * refused as a whole when it is opened.
 *
 * Bombs.  Declared sizes are checked when an entry is opened (per entry, and against the ratio of uncompressed to
 * compressed bytes), and actual sizes on every read, because a hostile central directory can declare anything.  The
 * total read from one package is bounded too, so many modest entries cannot add up.  The ratio only judges entries
 * above ratio_floor: XML of a sparse sheet compresses 50:1, a deflate bomb 1000:1.
 *
 * OLE.  Old .xls and WPS .et files and every password-protected OOXML file are OLE compound files, not ZIPs; the
 * eight-byte signature is recognised so the staffer reads what to do instead of "not a ZIP". */
#include "office_private.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#define MAX_NAME_BYTES 1024

struct office_zip {
    zip_t *zip;
    char *name; /* for messages */
    office_limits_t lim;
    uint64_t total; /* uncompressed bytes handed out so far */
};

struct office_zip_stream {
    office_zip_t *z;
    zip_file_t *f;
    char part[MAX_NAME_BYTES];
    uint64_t declared, packed, produced;
    char error[512];
};

void office_limits_default(office_limits_t *l)
{
    l->max_entries = 10000;
    l->max_entry_bytes = 256u << 20;
    l->max_total_bytes = 1u << 30;
    l->ratio_floor = 1u << 20;
    l->max_ratio = 200;
    l->max_depth = 64;
    l->max_cells = 4000000;
    l->max_strings = 2000000;
    l->max_paragraphs = 20000;
}

void office_set_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

int office_part_equal(const char *a, const char *b)
{
    if (*a == '/')
        a++;
    if (*b == '/')
        b++;
    return strcasecmp(a, b) == 0;
}

/* libzip's error codes in the staffer's words. */
static const char *zip_error_words(int code)
{
    switch (code) {
    case ZIP_ER_CRC:
        return _("a checksum does not match");
    case ZIP_ER_EOF:
    case ZIP_ER_READ:
        return _("the file is cut short");
    case ZIP_ER_COMPNOTSUPP:
        return _("it is packed with a method this program does not know");
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
        return _("it is encrypted");
    case ZIP_ER_MEMORY:
        return _("out of memory");
    case ZIP_ER_ZLIB:
        return _("the packed data is damaged");
    default:
        return _("its ZIP structure is inconsistent");
    }
}

static int is_ole(const unsigned char *p, size_t n)
{
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    return n >= 8 && memcmp(p, sig, 8) == 0;
}

static void not_zip_error(const char *name, const unsigned char *head, size_t n, char *err, size_t errlen)
{
    if (n >= 4 && !memcmp(head, "PK\x03\x04", 4))
        office_set_error(err, errlen, _("%s is damaged (%s): open it in Excel/WPS/Word and save it again"), name,
                         _("the file is cut short"));
    else if (is_ole(head, n))
        office_set_error(err, errlen,
                         _("%s is an old Excel (.xls) or WPS (.et/.wps) file, or a file protected by a password: open "
                           "it in Excel/WPS and use Save As (另存为) to save it as an Excel workbook (*.xlsx) or Word "
                           "document (*.docx), without a password"),
                         name);
    else
        office_set_error(err, errlen,
                         _("%s is not an .xlsx or .docx file (it is not a ZIP package): open it in Excel/WPS/Word and "
                           "save it again as .xlsx or .docx"),
                         name);
}

/* Why a name is not allowed in a package, or NULL when it is fine. */
static const char *name_problem(const char *s, size_t n)
{
    if (n == 0 || n >= MAX_NAME_BYTES)
        return _("an empty or very long name");
    if (memchr(s, '\0', n) || !utf8_valid(s, n, NULL))
        return _("a name that is not UTF-8 text");
    if (s[0] == '/' || memchr(s, '\\', n))
        return _("an absolute path or a backslash");
    if (n >= 2 && s[1] == ':')
        return _("a drive letter");
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '/')
            j++;
        if ((j - i == 2 && s[i] == '.' && s[i + 1] == '.') || (j - i == 1 && s[i] == '.'))
            return _("a \"..\" or \".\" path component");
        i = j + 1;
    }
    return NULL;
}

static int name_cmp_ci(const void *a, const void *b)
{
    return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* Checks the number and the names of the entries.  Returns 0, or -1 with a reason in err. */
static int check_entries(office_zip_t *z, char *err, size_t errlen)
{
    zip_int64_t n = zip_get_num_entries(z->zip, 0);
    if (n < 0 || (uint64_t)n > z->lim.max_entries) {
        office_set_error(err, errlen,
                         _("%s has %lld entries, more than the %zu an office file may have: it is not a workbook or "
                           "document"),
                         z->name, (long long)n, z->lim.max_entries);
        return -1;
    }
    const char **names = malloc((size_t)(n ? n : 1) * sizeof *names);
    if (!names) {
        office_set_error(err, errlen, _("out of memory"));
        return -1;
    }
    int rc = 0;
    for (zip_int64_t i = 0; i < n && rc == 0; i++) {
        const char *nm = zip_get_name(z->zip, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        const char *why = nm ? name_problem(nm, strlen(nm)) : _("an unreadable name");
        if (why) {
            char shown[80] = "?";
            if (nm && utf8_valid(nm, strlen(nm), NULL)) {
                size_t k = strlen(nm) < 60 ? strlen(nm) : 60;
                while (k > 0 && k < strlen(nm) && ((unsigned char)nm[k] & 0xC0) == 0x80)
                    k--; /* cut at a character boundary */
                snprintf(shown, sizeof shown, "%.*s", (int)k, nm);
            }
            office_set_error(err, errlen,
                             _("%s holds an entry \"%s\" with %s, which no genuine office file has: the file is "
                               "refused (save it again from Excel/WPS/Word)"),
                             z->name, shown, why);
            rc = -1;
        }
        names[i] = nm;
    }
    if (rc == 0) {
        qsort(names, (size_t)n, sizeof *names, name_cmp_ci);
        for (zip_int64_t i = 1; i < n && rc == 0; i++) {
            if (strcasecmp(names[i - 1], names[i]) == 0) {
                office_set_error(err, errlen,
                                 _("%s holds two entries named \"%.60s\", which no genuine office file has: the file "
                                   "is refused (save it again from Excel/WPS/Word)"),
                                 z->name, names[i]);
                rc = -1;
            }
        }
    }
    free(names);
    return rc;
}

static office_zip_t *zip_wrap(zip_t *zp, const char *name, const office_limits_t *lim, char *err, size_t errlen)
{
    office_zip_t *z = calloc(1, sizeof *z);
    if (!z || !(z->name = strdup(name))) {
        free(z);
        zip_discard(zp);
        office_set_error(err, errlen, _("out of memory"));
        return NULL;
    }
    z->zip = zp;
    if (lim)
        z->lim = *lim;
    else
        office_limits_default(&z->lim);
    if (check_entries(z, err, errlen) != 0) {
        office_zip_close(z);
        return NULL;
    }
    return z;
}

office_zip_t *office_zip_open(const char *path, const char *display_name, const office_limits_t *lim, char *err,
                              size_t errlen)
{
    const char *name = display_name ? display_name : path;
    unsigned char head[8] = {0};
    size_t nhead = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        office_set_error(err, errlen, _("cannot read %s: %s"), name, strerror(errno));
        return NULL;
    }
    nhead = fread(head, 1, sizeof head, f);
    fclose(f);
    int code = 0;
    zip_t *zp = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!zp) {
        if (code == ZIP_ER_NOZIP || nhead < 4)
            not_zip_error(name, head, nhead, err, errlen);
        else if (code == ZIP_ER_OPEN || code == ZIP_ER_READ)
            office_set_error(err, errlen, _("cannot read %s: %s"), name, strerror(errno ? errno : EIO));
        else
            office_set_error(err, errlen, _("%s is damaged (%s): open it in Excel/WPS/Word and save it again"), name,
                             zip_error_words(code));
        return NULL;
    }
    return zip_wrap(zp, name, lim, err, errlen);
}

office_zip_t *office_zip_open_buffer(const void *data, size_t len, const char *display_name, const office_limits_t *lim,
                                     char *err, size_t errlen)
{
    const char *name = display_name ? display_name : "(buffer)";
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
    zip_t *zp = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!zp) {
        int code = zip_error_code_zip(&ze);
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        if (code == ZIP_ER_NOZIP || len < 4)
            not_zip_error(name, data, len, err, errlen);
        else
            office_set_error(err, errlen, _("%s is damaged (%s): open it in Excel/WPS/Word and save it again"), name,
                             zip_error_words(code));
        return NULL;
    }
    zip_error_fini(&ze);
    return zip_wrap(zp, name, lim, err, errlen);
}

void office_zip_close(office_zip_t *z)
{
    if (!z)
        return;
    if (z->zip)
        zip_discard(z->zip); /* read-only: nothing to write back */
    free(z->name);
    free(z);
}

const char *office_zip_name(const office_zip_t *z)
{
    return z->name;
}

const office_limits_t *office_zip_limits(const office_zip_t *z)
{
    return &z->lim;
}

static zip_int64_t locate(office_zip_t *z, const char *part)
{
    if (*part == '/')
        part++;
    return zip_name_locate(z->zip, part, ZIP_FL_NOCASE | ZIP_FL_ENC_RAW);
}

int office_zip_has(office_zip_t *z, const char *part)
{
    return locate(z, part) >= 0;
}

office_zip_stream_t *office_zip_stream_open(office_zip_t *z, const char *part, zwgk_result *why, char *err,
                                            size_t errlen)
{
    zwgk_result dummy;
    if (!why)
        why = &dummy;
    *why = ZWGK_ERR_FORMAT;
    zip_int64_t idx = locate(z, part);
    if (idx < 0) {
        *why = ZWGK_ERR_NOT_FOUND;
        office_set_error(err, errlen, _("%s has no part %s: it is not a complete workbook or document"), z->name, part);
        return NULL;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->zip, (zip_uint64_t)idx, 0, &st) != 0) {
        office_set_error(err, errlen, _("%s is damaged (%s): open it in Excel/WPS/Word and save it again"), z->name,
                         zip_error_words(zip_error_code_zip(zip_get_error(z->zip))));
        return NULL;
    }
    uint64_t size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0,
             packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        office_set_error(err, errlen, _("%s: the part %s is encrypted; save the file again without a password"),
                         z->name, part);
        return NULL;
    }
    if (size > z->lim.max_entry_bytes) {
        office_set_error(err, errlen,
                         _("%s: the part %s would unpack to %llu bytes, more than the limit of %llu; the file is "
                           "refused (a zip bomb, or far larger than any catalog)"),
                         z->name, part, (unsigned long long)size, (unsigned long long)z->lim.max_entry_bytes);
        return NULL;
    }
    if (size > z->lim.ratio_floor && size / (packed ? packed : 1) > z->lim.max_ratio) {
        office_set_error(err, errlen,
                         _("%s: the part %s unpacks to %llu times its packed size; a genuine file never does, so it "
                           "is refused as a zip bomb"),
                         z->name, part, (unsigned long long)(size / (packed ? packed : 1)));
        return NULL;
    }
    office_zip_stream_t *s = calloc(1, sizeof *s);
    if (!s) {
        office_set_error(err, errlen, _("out of memory"));
        return NULL;
    }
    s->f = zip_fopen_index(z->zip, (zip_uint64_t)idx, 0);
    if (!s->f) {
        office_set_error(err, errlen, _("%s: the part %s cannot be unpacked (%s); save the file again"), z->name, part,
                         zip_error_words(zip_error_code_zip(zip_get_error(z->zip))));
        free(s);
        return NULL;
    }
    s->z = z;
    snprintf(s->part, sizeof s->part, "%s", part);
    s->declared = size;
    s->packed = packed;
    return s;
}

ssize_t office_zip_stream_read(office_zip_stream_t *s, void *buf, size_t n)
{
    if (s->error[0])
        return -1;
    zip_int64_t got = zip_fread(s->f, buf, n);
    if (got < 0) {
        office_set_error(s->error, sizeof s->error, _("%s: the part %s cannot be unpacked (%s); save the file again"),
                         s->z->name, s->part, zip_error_words(zip_error_code_zip(zip_file_get_error(s->f))));
        return -1;
    }
    s->produced += (uint64_t)got;
    s->z->total += (uint64_t)got;
    const office_limits_t *l = &s->z->lim;
    if (s->produced > l->max_entry_bytes || s->produced > s->declared)
        office_set_error(s->error, sizeof s->error,
                         _("%s: the part %s unpacks to more than its declared %llu bytes or the limit of %llu; the "
                           "file is refused (a zip bomb, or damaged)"),
                         s->z->name, s->part, (unsigned long long)s->declared, (unsigned long long)l->max_entry_bytes);
    else if (s->z->total > l->max_total_bytes)
        office_set_error(s->error, sizeof s->error,
                         _("%s unpacks to more than %llu bytes in all; the file is refused (a zip bomb, or far "
                           "larger than any catalog)"),
                         s->z->name, (unsigned long long)l->max_total_bytes);
    else if (s->produced > l->ratio_floor && s->produced / (s->packed ? s->packed : 1) > l->max_ratio)
        office_set_error(s->error, sizeof s->error,
                         _("%s: the part %s unpacks to %llu times its packed size; a genuine file never does, so it "
                           "is refused as a zip bomb"),
                         s->z->name, s->part, (unsigned long long)(s->produced / (s->packed ? s->packed : 1)));
    return s->error[0] ? -1 : (ssize_t)got;
}

const char *office_zip_stream_error(const office_zip_stream_t *s)
{
    return s->error;
}

void office_zip_stream_close(office_zip_stream_t *s)
{
    if (!s)
        return;
    if (s->f)
        zip_fclose(s->f);
    free(s);
}

zwgk_result office_zip_read(office_zip_t *z, const char *part, char **out, size_t *len, char *err, size_t errlen)
{
    zwgk_result why;
    *out = NULL;
    *len = 0;
    office_zip_stream_t *s = office_zip_stream_open(z, part, &why, err, errlen);
    if (!s)
        return why;
    office_buf_t b = {0};
    char chunk[16384];
    zwgk_result r = ZWGK_OK;
    for (;;) {
        ssize_t got = office_zip_stream_read(s, chunk, sizeof chunk);
        if (got < 0) {
            office_set_error(err, errlen, "%s", office_zip_stream_error(s));
            r = ZWGK_ERR_FORMAT;
            break;
        }
        if (got == 0)
            break;
        if (office_buf_put(&b, chunk, (size_t)got) != 0) {
            office_set_error(err, errlen, _("out of memory"));
            r = ZWGK_ERR_NOMEM;
            break;
        }
    }
    office_zip_stream_close(s);
    if (r == ZWGK_OK && office_buf_put(&b, "", 0) != 0) {
        office_set_error(err, errlen, _("out of memory"));
        r = ZWGK_ERR_NOMEM;
    }
    if (r != ZWGK_OK) {
        office_buf_free(&b);
        return r;
    }
    *out = b.s;
    *len = b.len;
    return ZWGK_OK;
}

/* ---- buffers ---- */

int office_buf_put(office_buf_t *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p)
            return -1;
        b->s = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

void office_buf_free(office_buf_t *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}
