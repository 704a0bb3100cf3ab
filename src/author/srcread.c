/* srcread.c — reading one source file as UTF-8 text (src_read_text, model.h).
 *
 * County staff save catalog.csv from Excel or WPS and write documents in whatever editor the office has, so a file
 * arrives in one of four shapes, recognised in this order:
 *   1. UTF-8, with or without a BOM (the BOM is dropped)                      → accepted silently;
 *   2. UTF-16 with a BOM (Excel's "Unicode 文本")                              → converted, with a warning;
 *   3. not UTF-8 but valid GB18030 (older WPS/Excel "CSV (逗号分隔)" on a Chinese Windows saves GBK, a subset)
 *                                                                             → converted, with a warning;
 *   4. anything else                                                          → an error naming the line of the first
 *                                                                               bad byte, and the text with every bad
 *                                                                               byte replaced by U+FFFD.
 * The warnings and the error say how to re-save the file, since fixing the encoding once is better than converting it
 * on every build.
 *
 * Telling UTF-8 from GBK is a heuristic, and it can be wrong in two rare ways:
 *   - A short GBK text can be valid UTF-8 by chance (a GBK pair such as C4 E3 never is, but runs like D6 A1 are):
 *     it is then accepted as UTF-8 and shows as wrong characters.  Real files have enough Chinese text that this
 *     practically never happens; `check` lists characters the fonts cannot draw, which catches most such mojibake.
 *   - GB18030 accepts almost any pair of high bytes, so a UTF-8 file with one damaged byte would "convert cleanly"
 *     into nonsense.  To prevent that, a file whose multi-byte sequences are mostly valid UTF-8 (at least
 *     DAMAGED_UTF8_RATIO valid sequences per bad byte) or that starts with a UTF-8 BOM is taken to be damaged UTF-8
 *     and never tried as GB18030; real GBK text has far fewer valid-looking UTF-8 sequences than invalid bytes.
 * Conversion uses the C library's iconv ("GB18030", "UTF-16"); glibc has both. */
#include "model.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Valid UTF-8 multi-byte sequences per invalid byte above which a file is damaged UTF-8 rather than GBK. */
#define DAMAGED_UTF8_RATIO 4

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "zwgk-admin: out of memory\n");
        abort();
    }
    return q;
}

/* Reads the whole file.  Returns a malloc'd buffer with a NUL after the *len bytes, or NULL with *err = errno. */
static char *read_all(const char *path, size_t *len, int *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return NULL;
    }
    size_t cap = 64 * 1024, n = 0;
    char *buf = xrealloc(NULL, cap + 1);
    for (;;) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        buf = xrealloc(buf, cap + 1);
    }
    if (ferror(f)) {
        *err = errno ? errno : EIO;
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* 1-based line of byte offset off: counts LF, and CR not followed by LF (old Mac "CSV (Macintosh)" files), the same
 * way catalog.c counts. */
static int line_of_offset(const char *s, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
            line++;
    }
    return line;
}

/* Converts s[0..len) from the encoding `from` to UTF-8.  Returns a malloc'd NUL-terminated buffer (*out_len bytes),
 * or NULL when the input is not valid in that encoding, with *bad_off the offset where conversion stopped. */
static char *convert_to_utf8(const char *from, const char *s, size_t len, size_t *out_len, size_t *bad_off)
{
    *bad_off = 0;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = 2 * len + 16; /* enough for GB18030 and UTF-16 input; grown on E2BIG anyway */
    char *out = xrealloc(NULL, cap);
    char *in = (char *)s; /* iconv's prototype is not const-correct; it does not write the input */
    size_t in_left = len, used = 0;
    int ok = 1;
    while (in_left > 0) {
        char *o = out + used;
        size_t o_left = cap - used - 1;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        used = (size_t)(o - out);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            cap *= 2;
            out = xrealloc(out, cap);
            continue;
        }
        ok = 0; /* EILSEQ: an invalid sequence; EINVAL: one cut off by the end of the file */
        *bad_off = (size_t)(in - s);
        break;
    }
    iconv_close(cd);
    if (!ok) {
        free(out);
        return NULL;
    }
    out[used] = '\0';
    *out_len = used;
    return out;
}

/* True when s (not valid UTF-8) has at least DAMAGED_UTF8_RATIO valid multi-byte UTF-8 sequences per invalid byte. */
static int looks_like_damaged_utf8(const char *s, size_t len)
{
    size_t good = 0, bad = 0, adv;
    for (size_t i = 0; i < len; i += adv) {
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (adv > 1)
            good++;
        else if (cp == TEXT_REPLACEMENT && (unsigned char)s[i] >= 0x80)
            bad++;
    }
    return good >= DAMAGED_UTF8_RATIO * bad;
}

/* Copies s[0..len) with every byte that is not part of valid UTF-8 replaced by U+FFFD (EF BF BD).  Unlike
 * utf8_sanitize it reports the length, so a file with NUL bytes keeps them instead of being cut short. */
static char *replace_bad_bytes(const char *s, size_t len, size_t *out_len)
{
    char *out = xrealloc(NULL, 3 * len + 1), *o = out;
    size_t adv;
    for (size_t i = 0; i < len; i += adv) {
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp == TEXT_REPLACEMENT && adv == 1) {
            o += utf8_encode(TEXT_REPLACEMENT, o);
        } else {
            memcpy(o, s + i, adv);
            o += adv;
        }
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* How to re-save the file as UTF-8, in the words of the program the file most likely came from. */
static const char *resave_hint(const char *name)
{
    size_t n = strlen(name);
    if (n >= 4 && strcasecmp(name + n - 4, ".csv") == 0)
        return _("in WPS/Excel use 文件 → 另存为, 文件类型「CSV UTF-8（逗号分隔）(*.csv)」");
    return _("in the text editor use 另存为 and choose 编码 UTF-8");
}

/* Drops a leading BOM (EF BB BF) from the NUL-terminated s of *len bytes, in place. */
static void strip_bom(char *s, size_t *len)
{
    if (*len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        memmove(s, s + 3, *len - 3 + 1);
        *len -= 3;
    }
}

char *src_read_text(const char *path, const char *display_name, size_t *len, diag_list_t *d)
{
    const char *name = display_name ? display_name : path;
    size_t n = 0, conv_len = 0, bad_off = 0;
    int err = 0;
    *len = 0;
    char *raw = read_all(path, &n, &err);
    if (!raw) {
        diag_add(d, DIAG_ERROR, name, 0, NULL, _("cannot read the file: %s"), strerror(err));
        return NULL;
    }

    const unsigned char *u = (const unsigned char *)raw;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        char *conv = convert_to_utf8("UTF-16", raw, n, &conv_len, &bad_off);
        if (conv) {
            strip_bom(conv, &conv_len); /* glibc drops the UTF-16 BOM; be sure */
            diag_add(d, DIAG_WARNING, name, 0, NULL,
                     _("the file is saved as UTF-16 (Unicode 文本) and was converted to UTF-8; save it as UTF-8 "
                       "instead (%s)"),
                     resave_hint(name));
            free(raw);
            *len = conv_len;
            return conv;
        }
        /* Not UTF-16 after all: fall through and report it as undecodable. */
    }

    int had_bom = n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0;
    strip_bom(raw, &n);
    size_t bad = 0;
    if (utf8_valid(raw, n, &bad)) {
        *len = n;
        return raw;
    }

    int damaged = had_bom || looks_like_damaged_utf8(raw, n);
    if (!damaged) {
        char *conv = convert_to_utf8("GB18030", raw, n, &conv_len, &bad_off);
        if (conv) {
            strip_bom(conv, &conv_len); /* a GB18030 BOM (84 31 95 33) converts to a UTF-8 one */
            diag_add(d, DIAG_WARNING, name, 0, NULL,
                     _("the file is saved as GBK/GB18030 and was converted to UTF-8; save it as UTF-8 instead (%s)"),
                     resave_hint(name));
            free(raw);
            *len = conv_len;
            return conv;
        }
    }

    int line = line_of_offset(raw, bad);
    unsigned byte = (unsigned char)raw[bad];
    if (damaged)
        diag_add(d, DIAG_ERROR, name, line, NULL,
                 _("invalid UTF-8 (byte 0x%02X): the rest of the file is UTF-8, so the text here is damaged; retype "
                   "it (it is shown as �)"),
                 byte);
    else
        diag_add(d, DIAG_ERROR, name, line, NULL,
                 _("the file is neither UTF-8 (first bad byte 0x%02X on this line) nor GBK/GB18030 (not GBK at line "
                   "%d); save it again as UTF-8: %s"),
                 byte, line_of_offset(raw, bad_off), resave_hint(name));
    char *clean = replace_bad_bytes(raw, n, len);
    free(raw);
    return clean;
}
