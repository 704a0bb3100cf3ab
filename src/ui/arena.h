/* arena.h — text a screen composes while laying out, owned by its page and released all at once.
 *
 * A page's lines borrow their text (textview.h), so every string a screen builds for it — a meta line, a material
 * line "申请书（原件 1份）", a list marker "12.", a row's sub line — must stay put until the page is laid out again.
 * Hand-carved buffers for that (fixed slots in a scratch block, arrays of char[160]) overflowed or cut characters in
 * half (issue 12 §1 item 1).  An arena hands out stable storage of any size instead: ui_arena_reset, called when the
 * page starts its layout, makes every chunk reusable at once, so after the first layout of a screen the same layout
 * allocates nothing; a request larger than what is left gets a chunk of its own.  Nothing here is per frame. */
#ifndef ZWGK_UI_ARENA_H
#define ZWGK_UI_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ui_arena_chunk ui_arena_chunk_t;

typedef struct ui_arena {
    ui_arena_chunk_t *head; /* every chunk, in the order they are filled */
    ui_arena_chunk_t *cur;  /* the chunk being filled */
    size_t failed;          /* allocations refused since the last reset (memory exhausted) */
} ui_arena_t;

/* Forgets everything handed out since the last reset (every pointer from this arena becomes invalid); keeps the
 * chunks for the next layout. */
void ui_arena_reset(ui_arena_t *a);
/* Frees every chunk; the arena is then empty and reusable.  Accepts a zeroed arena. */
void ui_arena_free(ui_arena_t *a);

/* How many chunks the arena holds (for tests: a repeated layout must not add any). */
size_t ui_arena_chunks(const ui_arena_t *a);
/* n bytes aligned for any type, valid until the next reset or free; NULL only when memory is exhausted. */
void *ui_arena_alloc(ui_arena_t *a, size_t n);
/* A NUL-terminated copy of s[0, n); never NULL (an empty string when memory is exhausted). */
const char *ui_arena_strndup(ui_arena_t *a, const char *s, size_t n);
/* printf into the arena, the whole result however long; never NULL ("" when memory is exhausted). */
const char *ui_arena_printf(ui_arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *ui_arena_vprintf(ui_arena_t *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
