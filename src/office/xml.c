/* xml.c — the XML layer: a pull parser over one part of a package, on libxml2's xmlTextReader (zwgk/office.h).
 *
 * Why libxml2 and a pull reader: OOXML parts are plain namespaced XML, but a sheet can be hundreds of megabytes, so
 * the reader streams from the ZIP entry (never the whole part in memory) and the callers walk elements in order,
 * which is how both workbooks and documents are laid out.  libxml2 is Debian's maintained, fuzzed XML parser; a
 * hand-written one would be the weakest part of the tool.
 *
 * What libxml2 is not trusted to decide alone:
 *   - DTDs.  OOXML never has one, and a DTD is where entity expansion and external loads live, so the bytes are
 *     watched before libxml2 sees them: a "<!DOCTYPE" or "<!ENTITY" before the root element refuses the part.  As
 *     a second guard the reader never substitutes entities, loads nothing from the network (XML_PARSE_NONET), and
 *     the process-wide external entity loader refuses every load.
 *   - Encoding.  Parts are UTF-8 (a UTF-16 part, recognised by its BOM, is passed through as libxml2 reads it).
 *     Bytes that are not UTF-8 and control characters XML forbids would make libxml2 give up on the whole file,
 *     so they become U+FFFD on the way in and are counted; the text a caller gets is always valid UTF-8.
 *   - Size and depth.  The ZIP stream enforces the package limits on every read; nesting deeper than max_depth is an
 *     error; libxml2's own limits (10 MB per text node, names) stay on, since XML_PARSE_HUGE is never set.
 * Errors never print: libxml2's structured error handler records the first one, and the caller gets a sentence in
 * the staffer's language naming the part and the line. */
#include "office_private.h"
#include "zwgk/i18n.h"
#include "zwgk/text.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define IN_CAP 16384

struct office_xml {
    xmlTextReaderPtr reader;
    office_zip_stream_t *stream; /* or, for office_xml_open_memory: */
    const char *mem;
    size_t mem_len, mem_pos;
    char part[256];
    const char *file;
    int max_depth;
    /* the input filter */
    unsigned char in[IN_CAP];
    size_t in_len, in_pos;
    int in_eof;
    int passthrough; /* UTF-16: bytes go to libxml2 unchanged */
    int started;     /* the first bytes were looked at */
    int prolog;      /* still before the root element */
    char window[10]; /* the last ASCII bytes of the prolog, NUL-terminated */
    size_t replaced;
    /* events */
    int state;       /* 0 running, else the event returned forever (DONE or ERROR) */
    int pending_end; /* an empty element's END comes next */
    int depth;
    char *attr; /* the last attribute value returned */
    char error[512];
};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* Refuses every external entity, DTD or XInclude load: a package is read from itself only. */
static xmlParserInputPtr refuse_load(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void init_libxml(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_load);
}

static void set_error(office_xml_t *x, const char *msg)
{
    if (!x->error[0])
        snprintf(x->error, sizeof x->error, "%s", msg);
}

static void set_malformed(office_xml_t *x, int line)
{
    char msg[512];
    snprintf(msg, sizeof msg,
             _("%s: the part %s is not well-formed XML (line %d), so the file is damaged: open it in Excel/WPS/Word "
               "and save it again"),
             x->file, x->part, line);
    set_error(x, msg);
}

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
    office_xml_t *x = ctx;
    if (e && e->level >= XML_ERR_ERROR)
        set_malformed(x, e->line);
}

/* Fills x->in from the source.  Returns -1 on a read error (x->error set). */
static int refill(office_xml_t *x)
{
    if (x->in_pos > 0) {
        memmove(x->in, x->in + x->in_pos, x->in_len - x->in_pos);
        x->in_len -= x->in_pos;
        x->in_pos = 0;
    }
    while (!x->in_eof && x->in_len < IN_CAP) {
        ssize_t got;
        if (x->stream) {
            got = office_zip_stream_read(x->stream, x->in + x->in_len, IN_CAP - x->in_len);
            if (got < 0) {
                set_error(x, office_zip_stream_error(x->stream));
                return -1;
            }
        } else {
            size_t n = x->mem_len - x->mem_pos < IN_CAP - x->in_len ? x->mem_len - x->mem_pos : IN_CAP - x->in_len;
            memcpy(x->in + x->in_len, x->mem + x->mem_pos, n);
            x->mem_pos += n;
            got = (ssize_t)n;
        }
        if (got == 0)
            x->in_eof = 1;
        x->in_len += (size_t)got;
    }
    return 0;
}

/* Watches the prolog for a DTD; returns -1 (error set) when one starts. */
static int watch_prolog(office_xml_t *x, unsigned char c)
{
    size_t n = strlen(x->window);
    if (n && x->window[n - 1] == '<' &&
        (c >= 0x80 || c == '_' || c == ':' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) {
        x->prolog = 0;
        return 0;
    }
    if (n == sizeof x->window - 1) {
        memmove(x->window, x->window + 1, n);
        n--;
    }
    x->window[n] = (char)c;
    x->window[n + 1] = '\0';
    if (strstr(x->window, "<!DOCTYPE") || strstr(x->window, "<!ENTITY")) {
        char msg[512];
        snprintf(msg, sizeof msg,
                 _("%s: the part %s declares a DTD, which no genuine office file does; the file is refused"), x->file,
                 x->part);
        set_error(x, msg);
        return -1;
    }
    return 0;
}

/* libxml2's input callback: valid UTF-8 without forbidden control characters, into buf. */
static int on_read(void *ctx, char *buf, int len)
{
    office_xml_t *x = ctx;
    int out = 0;
    if (x->error[0])
        return -1;
    if (!x->started) {
        if (refill(x) != 0)
            return -1;
        x->started = 1;
        x->prolog = 1;
        x->passthrough =
            x->in_len >= 2 && ((x->in[0] == 0xFF && x->in[1] == 0xFE) || (x->in[0] == 0xFE && x->in[1] == 0xFF));
        if (x->in_len >= 3 && !memcmp(x->in, "\xEF\xBB\xBF", 3))
            x->in_pos = 3; /* a UTF-8 BOM: the encoding is forced anyway */
    }
    while (out + 4 <= len) {
        if (x->in_len - x->in_pos < 4 && !x->in_eof && refill(x) != 0)
            return -1;
        size_t avail = x->in_len - x->in_pos;
        if (avail == 0)
            break;
        const unsigned char *p = x->in + x->in_pos;
        if (x->passthrough) {
            size_t n = avail < (size_t)(len - out) ? avail : (size_t)(len - out);
            memcpy(buf + out, p, n);
            out += (int)n;
            x->in_pos += n;
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode((const char *)p, avail, &adv);
        int bad = (cp == TEXT_REPLACEMENT && adv == 1) || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
                  cp == 0xFFFE || cp == 0xFFFF;
        if (bad) {
            memcpy(buf + out, "\xEF\xBF\xBD", 3);
            out += 3;
            x->replaced++;
            x->in_pos += adv;
            continue;
        }
        if (x->prolog && adv == 1 && watch_prolog(x, p[0]) != 0)
            return -1;
        memcpy(buf + out, p, adv);
        out += (int)adv;
        x->in_pos += adv;
    }
    return out;
}

static int on_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static office_xml_t *reader_start(office_xml_t *x, int max_depth, char *err, size_t errlen)
{
    pthread_once(&init_once, init_libxml);
    x->max_depth = max_depth;
    int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    /* The encoding is looked at in on_read; a UTF-8 part is read as UTF-8 whatever its declaration says. */
    x->reader = xmlReaderForIO(on_read, on_close, x, x->part, NULL, opts);
    if (!x->reader) {
        office_set_error(err, errlen, _("out of memory"));
        office_xml_close(x);
        return NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(x->reader, on_xml_error, x);
    return x;
}

office_xml_t *office_xml_open(office_zip_t *z, const char *part, zwgk_result *why, char *err, size_t errlen)
{
    office_xml_t *x = calloc(1, sizeof *x);
    if (!x) {
        if (why)
            *why = ZWGK_ERR_NOMEM;
        office_set_error(err, errlen, _("out of memory"));
        return NULL;
    }
    x->stream = office_zip_stream_open(z, part, why, err, errlen);
    if (!x->stream) {
        free(x);
        return NULL;
    }
    snprintf(x->part, sizeof x->part, "%s", part);
    x->file = office_zip_name(z);
    if (why)
        *why = ZWGK_ERR_NOMEM;
    return reader_start(x, office_zip_limits(z)->max_depth, err, errlen);
}

office_xml_t *office_xml_open_memory(const char *data, size_t len, const char *name, const office_limits_t *lim,
                                     char *err, size_t errlen)
{
    office_xml_t *x = calloc(1, sizeof *x);
    if (!x) {
        office_set_error(err, errlen, _("out of memory"));
        return NULL;
    }
    x->mem = data;
    x->mem_len = len;
    snprintf(x->part, sizeof x->part, "%s", name ? name : "(xml)");
    x->file = x->part;
    office_limits_t def;
    office_limits_default(&def);
    return reader_start(x, lim ? lim->max_depth : def.max_depth, err, errlen);
}

void office_xml_close(office_xml_t *x)
{
    if (!x)
        return;
    if (x->reader)
        xmlFreeTextReader(x->reader);
    office_zip_stream_close(x->stream);
    free(x->attr);
    free(x);
}

static int finish(office_xml_t *x, int event)
{
    x->state = event;
    return event;
}

int office_xml_next(office_xml_t *x)
{
    if (x->state)
        return x->state;
    free(x->attr);
    x->attr = NULL;
    if (x->pending_end) {
        x->pending_end = 0;
        return OFFICE_XML_END;
    }
    for (;;) {
        int r = xmlTextReaderRead(x->reader);
        if (r < 0 || x->error[0]) {
            if (!x->error[0])
                set_malformed(x, xmlTextReaderGetParserLineNumber(x->reader));
            return finish(x, OFFICE_XML_ERROR);
        }
        if (r == 0) {
            if (x->error[0])
                return finish(x, OFFICE_XML_ERROR);
            return finish(x, OFFICE_XML_DONE);
        }
        switch (xmlTextReaderNodeType(x->reader)) {
        case XML_READER_TYPE_ELEMENT:
            x->depth = xmlTextReaderDepth(x->reader);
            if (x->depth > x->max_depth) {
                char msg[512];
                snprintf(msg, sizeof msg,
                         _("%s: the part %s nests elements more than %d deep (line %d), which no genuine office file "
                           "does; the file is refused"),
                         x->file, x->part, x->max_depth, xmlTextReaderGetParserLineNumber(x->reader));
                set_error(x, msg);
                return finish(x, OFFICE_XML_ERROR);
            }
            x->pending_end = xmlTextReaderIsEmptyElement(x->reader) == 1;
            return OFFICE_XML_START;
        case XML_READER_TYPE_END_ELEMENT:
            x->depth = xmlTextReaderDepth(x->reader);
            return OFFICE_XML_END;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            return OFFICE_XML_TEXT;
        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_ENTITY: {
            char msg[512];
            snprintf(msg, sizeof msg,
                     _("%s: the part %s declares a DTD, which no genuine office file does; the file is refused"),
                     x->file, x->part);
            set_error(x, msg);
            return finish(x, OFFICE_XML_ERROR);
        }
        default: /* comments, processing instructions */
            break;
        }
    }
}

const char *office_xml_name(const office_xml_t *x)
{
    const xmlChar *n = xmlTextReaderConstLocalName(x->reader);
    return n ? (const char *)n : "";
}

const char *office_xml_ns(const office_xml_t *x)
{
    const xmlChar *n = xmlTextReaderConstNamespaceUri(x->reader);
    return n ? (const char *)n : "";
}

int office_xml_is(const office_xml_t *x, const char *local)
{
    return strcmp(office_xml_name(x), local) == 0;
}

const char *office_xml_attr(office_xml_t *x, const char *local)
{
    const char *found = NULL;
    int found_unprefixed = 0;
    if (xmlTextReaderMoveToFirstAttribute(x->reader) != 1)
        return NULL;
    do {
        const xmlChar *ln = xmlTextReaderConstLocalName(x->reader);
        const xmlChar *ns = xmlTextReaderConstNamespaceUri(x->reader);
        if (!ln || strcmp((const char *)ln, local) != 0)
            continue;
        if (ns && !strcmp((const char *)ns, "http://www.w3.org/2000/xmlns/"))
            continue;
        if (found && found_unprefixed)
            continue;
        const xmlChar *v = xmlTextReaderConstValue(x->reader);
        found = v ? (const char *)v : "";
        found_unprefixed = ns == NULL;
        free(x->attr);
        x->attr = strdup(found);
        found = x->attr;
    } while (xmlTextReaderMoveToNextAttribute(x->reader) == 1);
    xmlTextReaderMoveToElement(x->reader);
    return found;
}

const char *office_xml_text(const office_xml_t *x, size_t *len)
{
    const xmlChar *v = xmlTextReaderConstValue(x->reader);
    const char *s = v ? (const char *)v : "";
    if (len)
        *len = strlen(s);
    return s;
}

int office_xml_depth(const office_xml_t *x)
{
    return x->depth;
}

int office_xml_skip(office_xml_t *x)
{
    if (x->pending_end) {
        x->pending_end = 0;
        return OFFICE_XML_END;
    }
    int open = 1;
    for (;;) {
        int ev = office_xml_next(x);
        if (ev == OFFICE_XML_START)
            open++;
        else if (ev == OFFICE_XML_END && --open == 0)
            return OFFICE_XML_END;
        else if (ev == OFFICE_XML_ERROR || ev == OFFICE_XML_DONE)
            return OFFICE_XML_ERROR;
    }
}

const char *office_xml_error(const office_xml_t *x)
{
    return x->state == OFFICE_XML_ERROR ? x->error : "";
}

size_t office_xml_replaced(const office_xml_t *x)
{
    return x->replaced;
}
