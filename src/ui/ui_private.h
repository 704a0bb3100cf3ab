/* ui_private.h — what the kiosk's UI files share: the app, the element list, screens, the theme.
 *
 * The shape (after rxi/microui): every frame the current screen *builds* itself — it draws through render_* and
 * emits one ui_elem_t per visible element (button, tile, text line, QR …).  The element list is at once the hit-test
 * table for taps, the source of `press LABEL` in scripts and the UI dump: what a test reads is exactly what was drawn.
 * Expensive work (database reads, paragraph layout, QR textures) happens when a screen opens or the size changes,
 * never in build; build only walks prepared data, and the element array keeps its capacity, so a steady frame
 * allocates nothing. */
#ifndef ZWGK_UI_PRIVATE_H
#define ZWGK_UI_PRIVATE_H

#include "zwgk/content.h"
#include "zwgk/render.h"
#include "zwgk/text.h"
#include "zwgk/ui.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

/* ---- elements ---- */
typedef enum ui_role {
    ROLE_BUTTON,
    ROLE_TILE,
    ROLE_TAB,
    ROLE_TEXT,
    ROLE_HEADING,
    ROLE_QR,
    ROLE_BADGE,
    ROLE_CHIP,
    ROLE_PROGRESS,
    ROLE_ROW, /* a tappable list row */
    ROLE_KEY, /* an on-screen keyboard key */
    ROLE_SCROLLBAR,
    ROLE_DIALOG,
} ui_role_t;

typedef struct ui_elem {
    ui_role_t role;
    const char *label; /* not owned: points into screen data or static text; label_len bytes */
    int label_len;
    SDL_Rect r;
    int font_px;     /* text: the font size */
    int action;      /* 0 = not tappable */
    long long arg;   /* passed to the screen's on_action */
    const char *url; /* QR: the exact encoded URL */
    int value;       /* progress: percent; tab/chip: 1 when selected */
    bool cut;        /* partly hidden by the clip (r is the visible part) */
    int text_w;      /* button: its one-line label's drawn width, which must fit r.w (dumped for the tests) */
} ui_elem_t;

/* ---- theme: sizes for the current window, colours ---- */
#define UI_SIZE_STEPS     4
#define UI_SIZE_ELDER_MIN 2 /* 长者模式 never reads below the third step (60 px at 1080 wide) */
typedef struct ui_theme {
    float scale;                /* min(w, h) / 1080 */
    int body_px[UI_SIZE_STEPS]; /* the reading ladder: 40, 48, 60, 72 at scale 1 */
    int size_step;              /* index into body_px for documents */
    int size_min;               /* the smallest step offered: 0, or UI_SIZE_ELDER_MIN in 长者模式 */
    int ui_px;                  /* labels and buttons */
    int title_px, small_px, tile_px;
    int margin, gap, header_h, footer_h, target; /* target: tap size, 112 at scale 1 (长者模式 136) */
    SDL_Color bg, fg, muted, accent, accent_fg, card, line, warn, ok;
    SDL_Color bar;     /* toolbars and the pager strip */
    SDL_Color chip;    /* chips and candidate words */
    SDL_Color tint;    /* the box behind 牵头单位/责任单位 */
    SDL_Color track;   /* empty part of progress bars and the scrollbar */
    SDL_Color mark;    /* behind a search match (with an underline: never colour alone) */
    SDL_Color amended; /* 已修改: blue, between 现行有效's green and 已废止's grey; always with its words */
} ui_theme_t;

void ui_theme_init(ui_theme_t *t, int w, int h, int size_step, bool elder);
/* The reading size's name as the size control shows it: 标准, 大, 特大, 超大. */
const char *ui_size_name(int step);

/* ---- screens ---- */
typedef struct ui_app ui_app_t;

/* One scripted tap's cost (--frame-stats): thread CPU ms from the release to the end of the frame drawn for it, the
 * glyph rasterization inside it, and how many glyphs that was. */
typedef struct ui_tap_stat {
    float ms, raster_ms;
    int glyphs;
} ui_tap_stat_t;
typedef struct search search_t;
typedef struct local local_t;
typedef struct ui_screen ui_screen_t;
struct page;

/* What the app draws around a screen's body (ui_screen_class_t.chrome, ui_screen_t.chrome). */
enum {
    /* The reading size control (字号－ 标准 字号＋): in portrait in a bar at the foot of the screen together with
     * ‹ 返回 and 首页 (the top corners, again at wheelchair height); in landscape in the header beside the title. */
    UI_CHROME_SIZE = 1u,
    /* A reading screen: the idle countdown waits reading_idle_seconds (kiosk.conf) since the last touch. */
    UI_CHROME_READING = 2u,
};

typedef struct ui_screen_class {
    const char *name; /* the dump's "screen" */
    unsigned chrome;  /* UI_CHROME_* the screen starts with */
    /* Loads what the screen shows (database reads, layout).  Returns false when it cannot open (the app stays). */
    bool (*open)(ui_screen_t *s, ui_app_t *app);
    void (*close)(ui_screen_t *s);
    /* Called after the window size or the reading size changed: redo layout, keep the reading position. */
    void (*relayout)(ui_screen_t *s, ui_app_t *app);
    /* Draws the screen's body (between header and footer) and emits its elements. */
    void (*build)(ui_screen_t *s, ui_app_t *app);
    void (*on_action)(ui_screen_t *s, ui_app_t *app, int action, long long arg);
    /* Text typed on a keyboard or by a keyboard-wedge scanner (SDL_TEXTINPUT: UTF-8 as SDL hands it, which may be
     * invalid); NULL where the screen takes no typing (the kiosk is run by touch: only search takes it). */
    void (*on_text)(ui_screen_t *s, ui_app_t *app, const char *utf8);
    /* Drag / flick input on the body, in window pixels; NULL when the screen does not scroll. */
    struct ui_scroll *(*scroller)(ui_screen_t *s);
    /* Extra JSON members for the UI dump (each starting with ", "); NULL when none. */
    void (*dump_extra)(ui_screen_t *s, void *stdio_file);
    /* For moving to new content in place: the stable name of what the screen shows (a document's key…), and its id
     * in a content database.  NULL for screens whose arg is not a content id (home, lists, search). */
    void (*key)(ui_screen_t *s, char *buf, size_t cap);
    long long (*find)(content_t *c, const char *key);
    /* 朗读 (readaloud.c); NULL where the screen has none.  read_collect hands the screen's text from its current page
     * on to ui_read_add (and the document's own readings to ui_read_readings); read_mark highlights bytes
     * [start, end) of the item with that key and turns the page to it (key < 0: no highlight); read_next, after the
     * last sentence, moves on to more (a flow's next step) and returns true, or returns false at the end. */
    void (*read_collect)(ui_screen_t *s, ui_app_t *app);
    void (*read_mark)(ui_screen_t *s, ui_app_t *app, int key, size_t start, size_t end);
    bool (*read_next)(ui_screen_t *s, ui_app_t *app);
} ui_screen_class_t;

struct ui_screen {
    const ui_screen_class_t *cls;
    long long arg;    /* what the screen shows (an id), given when pushed */
    int arg2;         /* a second parameter (a type, a step) */
    void *state;      /* the screen's own, freed by close */
    char title[256];  /* header text */
    const char *name; /* the dump's screen name when it differs from cls->name (a reader showing a guide) */
    unsigned chrome;  /* UI_CHROME_*: from the class when pushed; a screen may change it, then relays out */
};

/* ---- scrolling with momentum ---- */
typedef struct ui_scroll {
    float pos, vel; /* pixels, pixels per second */
    int content_h;  /* total height of what scrolls */
    int view_h;     /* visible height */
    bool dragging;
    float drag_start_pos;
    int drag_start_y;
    uint32_t last_t;
    float last_y;
    const int *stops; /* where each page starts (page.h: set by page_end), ascending from 0; NULL: no breaks known */
    int nstops;
    SDL_Rect view; /* where it scrolls on screen, for the UI dump (empty when the screen did not say) */
} ui_scroll_t;

float ui_scroll_max(const ui_scroll_t *s);
/* Advances the glide by dt seconds; returns true while moving. */
bool ui_scroll_step(ui_scroll_t *s, float dt);
/* To the next page's start (1) or the previous one's (-1); without stops, by 85 % of the view. */
void ui_scroll_page(ui_scroll_t *s, int dir);
/* The page the position is on (0-based: the last start at or above it) and, in *npages, how many there are. */
int ui_scroll_page_of(const ui_scroll_t *s, int *npages);

/* ---- the update overlay (updater.c) ---- */
typedef struct ui_overlay {
    bool active, done, ok;
    int percent; /* -1: no measure */
    uint32_t shown_at;
    char title[128], status[640], line[512], percent_text[16];
} ui_overlay_t;

/* ---- printing (printing.c) and what one citizen's session did (reset by the idle reset) ---- */
typedef struct ui_print_banner {
    bool active, done, ok;
    uint32_t shown_at;
    char title[64], line[512];
    char brief[256]; /* away from its screen: the line's first clause, shown in the header (printing.c) */
    /* the screen 打印 was tapped on: the banner is drawn there only (elsewhere the header says how it went) */
    int depth;
    const struct ui_screen_class *cls;
    long long arg;
} ui_print_banner_t;

#define UI_SESSION_RATED_MAX 32
typedef struct ui_session {
    int printed;                             /* pages asked for (the per-session print limit) */
    char rated[UI_SESSION_RATED_MAX][128];   /* keys rated this session ("" = the kiosk as a whole) */
    int rated_level[UI_SESSION_RATED_MAX];   /* the level given (1..5) */
    bool rated_reason[UI_SESSION_RATED_MAX]; /* a reason was given too */
    int nrated;
    bool visited;            /* opened anything: home offers to rate the visit */
    bool home_rating_closed; /* 不评了 on home's strip */
} ui_session_t;

/* ---- the app ---- */
#define UI_STACK_MAX 16

struct ui_app {
    SDL_Window *win;
    SDL_Renderer *ren;
    render_t *rd;
    content_t *content;
    char content_err[512];
    search_t *search;        /* the content's search index; NULL when it has none (search then says so) */
    local_t *local;          /* DATA/local.db with --data: view counts, unmet searches; NULL without */
    char content_path[1024]; /* the file app->content was opened from */
    struct updater *updater; /* with --data: the package watcher and its jobs (updater.c) */
    struct ui_jobs *jobs;    /* the one worker queue of slow work (jobs.h) */
    struct ui_read *read;    /* 朗读: created on first use (readaloud.c) */
    ui_overlay_t overlay;
    struct ui_print *print; /* the print worker (printing.c); NULL when printing is off */
    ui_print_banner_t print_banner;
    ui_session_t session;
    char last_refusal[512];
    char state_note[1024]; /* why the installed content is shown degraded (damaged local.db, …); "" when all is well */
    /* a panel mounted turned: the UI draws upright into rot_target (w × h), turned onto the panel (phys) */
    int rotation, phys_w, phys_h;
    SDL_Texture *rot_target;
    int corner_taps; /* admin gesture */
    uint32_t corner_first;
    ui_options_t opt;
    ui_theme_t theme;
    int w, h;
    /* screens */
    ui_screen_t stack[UI_STACK_MAX];
    int depth;           /* stack[depth - 1] is current */
    ui_screen_t *laying; /* the screen being opened or laid out (ui_body_rect measures for it), NULL: the current */
    /* elements of the last built frame */
    ui_elem_t *elems;
    int nelems, elems_cap;
    ui_elem_t scratch_elem; /* returned by ui_emit when the list cannot grow */
    SDL_Rect clip;
    bool clipping;
    char countdown_msg[96], pager_msg[64];
    text_lines_t scratch_lines; /* for short wrapped texts laid out while building; keeps its capacity */
    uint64_t elems_hash, dumped_hash;
    /* input */
    bool pointer_down;
    int down_x, down_y;
    bool moved;
    uint32_t last_finger_t; /* to drop the mouse events a touchscreen also sends */
    /* time: real ms, or virtual in script mode */
    bool virtual_clock;
    uint32_t now;
    uint32_t last_input;
    bool countdown;
    bool dirty, quit;
    int exit_code;
    int exit_request; /* nonzero: the process exit code asked for from inside (admin: 退出到桌面) */
    bool elder_mode;
    /* --frame-stats: CPU milliseconds of every frame (preallocated), when the first frame was presented */
    float *frame_ms;
    int nframes, frame_cap;
    double first_frame_mono; /* CLOCK_MONOTONIC seconds */
    ui_tap_stat_t *taps;     /* --frame-stats: every scripted tap's cost (script.c), allocated with frame_ms */
    int ntaps, tap_cap;
    /* fonts used everywhere */
    int f_ui, f_ui_bold, f_title, f_small, f_tile;
};

/* Sets (NULL: clears) the clip for drawing and for elements: an element emitted under a clip is cut to it, and one
 * wholly outside is not visible (no size, not tappable), so taps and `press` only find what can be seen. */
void ui_clip(ui_app_t *app, const SDL_Rect *clip);

/* Labels and short wrapped texts are cut to this many bytes (at a code point): a list row or tile lays out and draws
 * its text every frame, and a hostile 10 MB document title must not be laid out, hashed and dumped whole each time
 * (tests/hostile_content.py, title-10mb).  No real label comes near it (a long title is some 300 bytes). */
#define UI_SHORT_TEXT_MAX 1024
/* strlen(s), but at most UI_SHORT_TEXT_MAX, cut back to a code point boundary. */
size_t ui_short_len(const char *s);

/* Emits an element; returns it (valid until the next emit).  A label longer than UI_SHORT_TEXT_MAX is cut. */
ui_elem_t *ui_emit(ui_app_t *app, ui_role_t role, const char *label, int len, SDL_Rect r, int action, long long arg);

/* Re-derives theme and fonts after a size, orientation or 长者模式 change and relays out every open screen. */
void ui_relayout_all(ui_app_t *app);

/* Screen stack. */
void ui_push(ui_app_t *app, const ui_screen_class_t *cls, long long arg, int arg2);
void ui_back(ui_app_t *app);
void ui_home(ui_app_t *app);
void ui_stack_clear(ui_app_t *app); /* closes every screen, home too (before switching content) */
ui_screen_t *ui_current(ui_app_t *app);
/* The header text: a name longer than the title buffer (an area or 事项 of 300 bytes) is cut on a character
 * boundary, never inside one (the header draws what fits with an ellipsis). */
void ui_screen_set_title(ui_screen_t *s, const char *text);

/* Body area between header and footer (of the screen being laid out, else the current one). */
SDL_Rect ui_body_rect(const ui_app_t *app);
/* The height of the bar at the foot of screen s (UI_CHROME_SIZE in portrait), 0 when it has none. */
int ui_footer_h(const ui_app_t *app, const ui_screen_t *s);
/* One step along the reading ladder (dir +1 larger, -1 smaller), within what the mode offers; every open screen is
 * laid out again, keeping its reading position.  False at an end of the ladder. */
bool ui_size_change(ui_app_t *app, int dir);

/* ---- widgets (widgets.c) ---- */
void ui_draw_header(ui_app_t *app, const char *title, bool nav);
/* The size control: 字号－, the step's name (标准 / 大 / 特大 / 超大), 字号＋, the end buttons drawn disabled at the
 * ladder's ends; drawn in r (h tall), centred; returns its width.  ui_size_control_w measures it. */
int ui_size_control_w(ui_app_t *app);
void ui_size_control(ui_app_t *app, SDL_Rect r);
/* The foot bar of a screen with UI_CHROME_SIZE in portrait: ‹ 返回, the size control, 首页. */
void ui_draw_footer(ui_app_t *app, const ui_screen_t *s);
void ui_button(ui_app_t *app, SDL_Rect r, const char *label, int action, long long arg, bool primary);
void ui_tile(ui_app_t *app, SDL_Rect r, const char *label, const char *sub, int action, long long arg,
             SDL_Color accent);
int ui_label(ui_app_t *app, int font, int x, int y, int max_w, const char *s, SDL_Color c, ui_role_t role);
/* Wrapped text (Chinese line breaking) with the text module; emits a text element per line; returns the height.
 * Lays out every call: for short texts only (labels, list rows).  Documents use textview. */
int ui_text_wrapped(ui_app_t *app, int font, int x, int y, int max_w, const char *s, SDL_Color c, int line_h,
                    ui_role_t role);
void ui_badge(ui_app_t *app, int x, int y, const char *label, SDL_Color bg, SDL_Color fg, int *w_out);
/* The badge colour of a validity (VALIDITY_*): 现行有效 green, 已修改 blue, 已废止 grey. */
SDL_Color ui_validity_color(const ui_theme_t *t, int validity);
void ui_scrollbar(ui_app_t *app, const ui_scroll_t *s, SDL_Rect view);
int ui_measure_wrapped(ui_app_t *app, int font, int max_w, const char *s, int line_h);
/* ui_text_wrapped with bytes [mark_start, mark_end) of s highlighted (search matches); equal bounds mark nothing. */
int ui_text_marked(ui_app_t *app, int font, int x, int y, int max_w, const char *s, SDL_Color c, int line_h,
                   ui_role_t role, size_t mark_start, size_t mark_end);
/* The bottom bar of a scrolling screen: 上一页 / page indicator / 下一页, for people who do not drag. */
int ui_pager_height(const ui_app_t *app);  /* 0 in landscape, where the pager is a column at the right */
int ui_pager_width(const ui_app_t *app);   /* 0 in portrait */
int ui_content_width(const ui_app_t *app); /* the scroll view's width less the margins */
void ui_pager(ui_app_t *app, const ui_scroll_t *s, SDL_Rect view); /* view: what it pages (ui_scroll_view) */
/* The pager in a given strip (a column when taller than wide): 上一页 and 下一页 drawn disabled at the ends,
 * 第N页/共M页 from the scroll's page starts; nothing at all when the content fits the view.  For screens that place it.
 */
void ui_pager_in(ui_app_t *app, const ui_scroll_t *s, SDL_Rect strip);
/* The pager on one line at the right end of r (上一页, 第N页/共M页, 下一页; buttons bw wide), for a toolbar; returns
 * the width it took (0 when the content fits). */
int ui_pager_inline(ui_app_t *app, const ui_scroll_t *s, SDL_Rect r, int bw);
/* The scrolling area from y = top down to the pager. */
SDL_Rect ui_scroll_view(const ui_app_t *app, int top);

/* Screen classes. */
extern const ui_screen_class_t screen_home;
extern const ui_screen_class_t screen_areas;
extern const ui_screen_class_t screen_area;
extern const ui_screen_class_t screen_item;
extern const ui_screen_class_t screen_list;
extern const ui_screen_class_t screen_reader;
extern const ui_screen_class_t screen_flow;
extern const ui_screen_class_t screen_search;
extern const ui_screen_class_t screen_pin;
extern const ui_screen_class_t screen_admin;

/* Opens a document in the reader (which shows any type and names itself by it in the dump). */
void ui_open_doc(ui_app_t *app, const content_doc_summary_t *d);

/* Actions common to every screen (screens use values >= 100). */
enum {
    ACT_NONE = 0,
    ACT_BACK = 1,
    ACT_HOME = 2,
    ACT_PAGE_UP = 3,
    ACT_PAGE_DOWN = 4,
    ACT_IDLE_CANCEL = 5,
    ACT_OVERLAY_CLOSE = 6,
    ACT_READ = 7,        /* 朗读 (again after 暂停: goes on) */
    ACT_READ_PAUSE = 8,  /* 暂停 */
    ACT_READ_STOP = 9,   /* 停止 */
    ACT_READ_SPEED = 10, /* 慢 中 快: arg is the speech_speed_t */
    ACT_PRINT_CLOSE = 11,
    ACT_SMALLER = 12, /* the size control */
    ACT_LARGER = 13,
    ACT_SCREEN = 100
};

/* ---- 朗读 (readaloud.c) ---- */
/* From a screen's read_collect: one readable item, text[0..len) (borrowed: it must live until the screen lays out
 * again), whose bytes are bytes base.. of what read_mark's key names. */
void ui_read_add(ui_app_t *app, int key, const char *text, size_t len, size_t base);
void ui_read_readings(ui_app_t *app, const content_reading_t *readings, size_t n);
void ui_read_start(ui_app_t *app); /* 朗读: the current screen from its current page on, or on after 暂停 */
void ui_read_pause(ui_app_t *app);
void ui_read_stop(ui_app_t *app); /* also on navigation, a screen action, a relayout (app.c) */
void ui_read_speed(ui_app_t *app, int speed);
void ui_read_session_reset(ui_app_t *app); /* idle reset: stops, forgets the chosen speed */
bool ui_read_active(const ui_app_t *app);  /* playing or paused */
bool ui_read_playing(const ui_app_t *app); /* playing (not paused) */
void ui_read_update(ui_app_t *app);        /* every step of the clock: highlight, page turns, more jobs, the end */
/* The controls at (x, y), a row of theme.target height: 朗读 alone, or while reading 暂停/朗读, 停止, 语速 慢 中 快.
 * Returns the width drawn; ui_read_controls_width says it beforehand (max_w: what the screen can give). */
/* The width of a toolbar's action button (朗读, 打印): wider in 长者模式, like its type. */
int ui_tool_button_width(const ui_app_t *app);
int ui_read_controls(ui_app_t *app, int x, int y, int max_w);
int ui_read_controls_width(const ui_app_t *app, bool active); /* active: the reading's controls, else 朗读 */
void ui_read_draw_notice(ui_app_t *app);                      /* "no sound device" and engine failures, for a while */
void ui_read_dump(const ui_app_t *app, void *stdio_file);     /* `, "read_aloud": {…}` */
void ui_read_stats(const ui_app_t *app, void *stdio_file);    /* --frame-stats: first sound, synthesis speed */
/* Script mode: audio time is honoured — ui_read_sync_begin at a wait's start, then ui_read_sync(ms) after each step
 * returns once that much more audio has reached the device (at once when nothing plays). */
void ui_read_sync_begin(ui_app_t *app);
void ui_read_sync(ui_app_t *app, uint32_t ms);
void ui_read_shutdown(ui_app_t *app); /* after the job queue has stopped */

/* ---- content updates (updater.c) ---- */
bool ui_updater_start(ui_app_t *app); /* with --data: the job queue with the package watcher as its source */
void ui_updater_stop(ui_app_t *app);  /* stops the job queue (jobs.h) and the watcher; accepts a stopped one */
void ui_updater_rescan(ui_app_t *app, bool reinstall); /* admin: look at the sticks again (reinstall: same version) */
/* Admin: roll back / export the statistics to the stick as jobs, with the overlay; false when no job could start. */
bool ui_updater_rollback(ui_app_t *app);
/* screen_admin.c: shows text as the admin screen's result line when it is the current screen. */
void screen_admin_set_result(ui_app_t *app, const char *text);
bool ui_updater_export(ui_app_t *app);
/* Statistics writes, as background jobs (dropped quietly without a data directory). */
void ui_record_view(ui_app_t *app, int kind, const char *key);
void ui_record_unmet(ui_app_t *app, const char *query);
void ui_record_found(ui_app_t *app, const char *query);  /* a search whose result was opened (热门搜索) */
void ui_record_search(ui_app_t *app, const char *query); /* a committed search (screen_search.c says when) */
bool ui_jobs_event(ui_app_t *app, const SDL_Event *ev);  /* jobs.h: true when ev was the job queue's */
bool ui_content_reopen(ui_app_t *app, const char *path); /* switch to new content, keeping the screen by keys */
/* At start with --data: opens local.db (read-only when it cannot be written) and the installed content, falling back
 * past a damaged local.db or a missing file (package_open_installed); says why in app->state_note. */
void ui_open_installed(ui_app_t *app, const char *who);
void ui_overlay_draw(ui_app_t *app);

/* ---- printing (printing.c) ---- */
/* After the job queue started: false (printing off, no 打印 button) when print_limit is 0 or there is no queue. */
bool ui_print_start(ui_app_t *app);
void ui_print_stop(ui_app_t *app); /* after the job queue stopped */
/* Whether d has page `what` (PRINT_* of zwgk/print.h) and printing is on: the screens show 打印 then. */
bool ui_print_available(const ui_app_t *app, const content_doc_t *d, int what);
void ui_print_request(ui_app_t *app, const content_doc_t *d, int what); /* never blocks */
bool ui_print_busy(const ui_app_t *app);                                /* a job is queued or running */
void ui_print_draw(ui_app_t *app); /* the banner at the foot: 正在打印 / 已打印 / why not */
/* Away from the screen 打印 was tapped on, the header says how the print went in place of its title (slot: the
 * title's room, between the header's buttons).  Returns false when there is nothing to say there. */
bool ui_print_draw_header(ui_app_t *app, SDL_Rect slot);
void ui_print_dismiss(ui_app_t *app); /* 知道了 */
void ui_print_tick(ui_app_t *app);    /* a finished banner leaves by itself */

/* ---- 好差评 (rating.c) ---- */
/* The rating card at the end of a document's page: 请为本次服务评价, the five levels, then the reasons for 不满意 and
 * 非常不满意.  action_level / action_reason are the screen's actions; the screen passes them back to ui_rating_action.
 */
void ui_rating_card(ui_app_t *app, struct page *p, const char *key, int action_level, int action_reason);
/* Records level (arg 0..4 → 非常满意..非常不满意) or reason (arg 0..4) for key; true when the page must be laid out
 * again (the card changed). */
bool ui_rating_action(ui_app_t *app, const char *key, bool reason, long long arg);
/* Level given to key this session (1..5), or 0. */
int ui_rating_given(const ui_app_t *app, const char *key);
bool ui_rating_reason_given(const ui_app_t *app, const char *key); /* a reason was tapped for key this session */

/* ---- dump and script ---- */
bool ui_dump_write(const ui_app_t *app, const char *path);
/* Writes s[0, len) as a JSON string, always valid UTF-8 (bad bytes as U+FFFD), for a screen's dump_extra. */
void ui_dump_json_str(void *stdio_file, const char *s, int len);
int ui_script_run(ui_app_t *app, const char *path); /* returns exit code */
/* True when `line` (one script line, without its newline) is a blank line, a comment or a command ui_script_run
 * accepts: checks syntax and ranges with the runner's own parser, runs nothing.  Otherwise false with the reason in
 * why.  For tests/fuzz/fuzz_script.c. */
bool ui_script_check_line(const char *line, char *why, size_t whylen);

/* Builds and draws the current screen without presenting (a screenshot reads this), then ui_frame presents. */
void ui_draw(ui_app_t *app);
void ui_present(ui_app_t *app); /* turns the frame onto a rotated panel, then presents */
void ui_frame(ui_app_t *app);
/* UI coordinates → window (panel) pixels, the inverse of what input goes through. */
void ui_to_window(const ui_app_t *app, int *x, int *y);
/* Advances the (virtual) clock by ms, stepping animations and timers. */
void ui_advance(ui_app_t *app, uint32_t ms);
/* Handles one SDL event. */
void ui_handle_event(ui_app_t *app, const SDL_Event *ev);

#endif
