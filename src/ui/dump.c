/* dump.c — the UI dump: a JSON description of what the screen shows, like an accessibility tree.
 *
 * Written from the element list of the last built frame, so it is exactly what was drawn.  The file is replaced
 * atomically (write a temporary file, rename it over), so a reader never sees half a dump. */
#include "ui_private.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *role_name(ui_role_t r)
{
    static const char *const names[] = {
        [ROLE_BUTTON] = "button",     [ROLE_TILE] = "tile", [ROLE_TAB] = "tab",     [ROLE_TEXT] = "text",
        [ROLE_HEADING] = "heading",   [ROLE_QR] = "qr",     [ROLE_BADGE] = "badge", [ROLE_CHIP] = "chip",
        [ROLE_PROGRESS] = "progress", [ROLE_ROW] = "row",   [ROLE_KEY] = "key",     [ROLE_SCROLLBAR] = "scrollbar",
        [ROLE_DIALOG] = "dialog"};
    return (size_t)r < sizeof names / sizeof names[0] && names[r] ? names[r] : "unknown";
}

/* A JSON string of s[0, len): always valid UTF-8, whatever the bytes — a byte that is not part of a valid sequence
 * (a file name from a stick, text cut in the middle of a character) is written as U+FFFD, as the screen draws it
 * (regression: kiosk_e2e.py test_overlay_file_name_utf8; every dump a test reads is checked by tests/uidump.py). */
static void json_str(FILE *f, const char *s, int len)
{
    fputc('"', f);
    for (int i = 0; s && i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t adv;
            uint32_t cp = utf8_decode(s + i, (size_t)(len - i), &adv);
            if (cp == TEXT_REPLACEMENT && adv == 1) /* a valid U+FFFD takes 3 bytes */
                fputs("\xEF\xBF\xBD", f);
            else
                fwrite(s + i, 1, adv, f);
            i += (int)adv;
            continue;
        }
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
        i++;
    }
    fputc('"', f);
}

void ui_dump_json_str(void *stdio_file, const char *s, int len)
{
    json_str(stdio_file, s, len);
}

bool ui_dump_write(const ui_app_t *app, const char *path)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return false;
    FILE *f = fopen(tmp, "w");
    if (!f)
        return false;
    const ui_screen_t *s = app->depth > 0 ? &app->stack[app->depth - 1] : NULL;
    fprintf(f, "{\"screen\": ");
    const char *name = app->countdown ? "idle_countdown" : !s ? "none" : s->name ? s->name : s->cls->name;
    json_str(f, name, (int)strlen(name));
    fprintf(f, ", \"width\": %d, \"height\": %d, \"size_step\": %d, \"elder_mode\": %s", app->w, app->h,
            app->theme.size_step, app->elder_mode ? "true" : "false");
    if (app->content)
        fprintf(f, ", \"content_version\": %lld", content_meta(app->content)->content_version);
    ui_scroll_t *sc = s && s->cls->scroller ? s->cls->scroller((ui_screen_t *)s) : NULL;
    if (sc) { /* the page the pager names (1-based) and how many, and where the view is, for the paging tests */
        int pages, page = ui_scroll_page_of(sc, &pages) + 1;
        fprintf(f, ", \"scroll\": {\"pos\": %d, \"max\": %d, \"page\": %d, \"pages\": %d", (int)sc->pos,
                (int)ui_scroll_max(sc), page, pages);
        if (sc->view.w > 0)
            fprintf(f, ", \"view\": [%d, %d, %d, %d]", sc->view.x, sc->view.y, sc->view.w, sc->view.h);
        if (sc->stops) {
            fprintf(f, ", \"starts\": [");
            for (int i = 0; i < sc->nstops; i++)
                fprintf(f, "%s%d", i ? ", " : "", sc->stops[i]);
            fputc(']', f);
        }
        fputc('}', f);
    }
    if (s && s->cls->dump_extra)
        s->cls->dump_extra((ui_screen_t *)s, f);
    ui_read_dump(app, f);
    fprintf(f, ",\n \"elements\": [");
    int n = 0;
    for (int i = 0; i < app->nelems; i++) {
        const ui_elem_t *e = &app->elems[i];
        if (e->r.w <= 0 || e->r.h <= 0)
            continue; /* clipped away: not visible */
        fprintf(f, "%s\n  {\"role\": \"%s\", \"label\": ", n++ ? "," : "", role_name(e->role));
        json_str(f, e->label, e->label_len);
        fprintf(f, ", \"x\": %d, \"y\": %d, \"w\": %d, \"h\": %d", e->r.x, e->r.y, e->r.w, e->r.h);
        if (e->font_px)
            fprintf(f, ", \"px\": %d", e->font_px);
        if (e->action)
            fprintf(f, ", \"tappable\": true");
        if (e->text_w)
            fprintf(f, ", \"text_w\": %d", e->text_w); /* a button's label: wider than w is text over its edge */
        if (e->cut)
            fprintf(f, ", \"cut\": true"); /* partly hidden by a scrolling view's edge: r is the visible part */
        if (e->url) {
            fprintf(f, ", \"url\": ");
            json_str(f, e->url, (int)strlen(e->url));
        }
        if (e->role == ROLE_PROGRESS || e->role == ROLE_SCROLLBAR || e->role == ROLE_TAB || e->role == ROLE_CHIP)
            fprintf(f, ", \"value\": %d", e->value);
        else if (e->role == ROLE_BUTTON && e->value)
            fprintf(f, ", \"primary\": true"); /* filled: what to tap next */
        fputc('}', f);
    }
    fprintf(f, "\n]}\n");
    bool ok = fflush(f) == 0 && !ferror(f);
    ok = fclose(f) == 0 && ok;
    if (ok && rename(tmp, path) == 0)
        return true;
    unlink(tmp);
    return false;
}
