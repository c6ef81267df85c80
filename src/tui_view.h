/*
** tui_view.h: what the reader's parts share.  The reader is a stack of
** screens (library, article, help); the article screen is three panes
** (text, entity sidebar, claims panel).  Each screen and pane is a view
** with its own operations, as tig does it: the main loop only asks the
** focused view to draw itself and to handle a request.
**
** Views never write to the terminal directly: they draw into their curses
** windows with tui_put() and friends (tui_screen.c), which clip every
** write to the window by display width and pass all library text through
** glyph_next(); the main loop then sends only the differences.
*/
#ifndef CONTRA_TUI_VIEW_H
#define CONTRA_TUI_VIEW_H

#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <curses.h>
#include "layout.h"
#include "model.h"
#include "store.h"
#include "tui_keys.h"

typedef struct tui tui_t;

typedef struct view_ops {
    const char *name;
    void (*draw)(tui_t *t);                  /* into its windows, no refresh */
    bool (*request)(tui_t *t, request_t r);  /* false: not handled here */
} view_ops_t;

extern const view_ops_t library_view, article_view, help_view;
extern const view_ops_t text_pane, sidebar_pane, claims_pane;

/* ---- how things look ------------------------------------------------- */

typedef enum {
    R_NORMAL, R_TITLE, R_STATUS, R_ERROR, R_HEADER, R_HEADER_FOCUS,
    R_BORDER, R_CURSOR, R_DIM, R_CAPTION, R_CURRENT, R_ENTITY_HL, R_MATCH,
    R_MENTION,                                   /* + entity kind */
    R_CLAIM = R_MENTION + KIND_COUNT,            /* + status */
    R_QUOTE = R_CLAIM + STATUS_COUNT,            /* + speaker % QUOTE_COLOURS */
    R_COUNT = R_QUOTE + 6
} role_t;
#define QUOTE_COLOURS 6

typedef struct role_attr { attr_t attr; short pair; } role_attr_t;

/* ---- the article screen's state --------------------------------------- */

enum { P_TEXT, P_SIDEBAR, P_CLAIMS, P_COUNT };

typedef struct pane {
    WINDOW *head, *body;      /* head may be NULL (the text pane has none) */
    int h, w;                 /* of body */
    bool shown;
} pane_t;

/* Annotated byte ranges in reading order, for looking up what covers a
** byte while drawing a line: binary search on start, then walk back
** while the running maximum of ends (kept per block of marks, maxend)
** still reaches the line. */
typedef struct mark {
    /* 32-bit offsets (the layout's too): a 10 MB article has tens of
    ** thousands of marks, kept while it is open (memory, issue 5). */
    uint32_t start, end;
    int32_t what;             /* assertion index, or -1 - entity index */
} mark_t;

typedef struct artview {
    article_t *a;
    layout_t *L;
    lpos_t top;               /* first display row shown */
    int sel;                  /* selected assertion, -1 none */
    mark_t *marks; size_t nmarks; uint32_t *maxend;
    char **speaker_names;     /* per assertion, sanitized, never NULL */
    char **entity_names;      /* per entity, then "?": what those point to */
    char **entity_short;      /* per entity, then "?": a short form of the name */
    int (*rel)[4];            /* per assertion, counts of REL_OUT_X etc. */
    /* sidebar: rows are entity indices, or -1 - kind for a group header */
    int *srows; size_t nsrows; int scur, stop;
    int hl_entity;            /* entity whose mentions are highlighted */
    int hl_mention;           /* index into its mentions, -1 none */
    int ctop;                 /* claims panel scroll */
    int focus; bool zoom;
    /* A long article opens in two steps (store_load_part): its first
    ** frame from what its first screens need, then the rest, before the
    ** next key (tui_article.c, issue 5).  part.complete once all is in. */
    article_part_t part;
    int text_w, text_h;       /* the text pane's size, shown or not */
    /* search */
    /* What was searched for, folded (see search()), and its other
    ** spellings folded likewise (text_other_spellings): a match is a
    ** match of any of the nneedles; needle_max is the longest. */
    uint32_t *needle[3]; size_t nneedle[3]; int nneedles; size_t needle_max;
    char *search_text;
    bool marks_off;           /* Esc took the matches' marks off; n, N, / show them */
    bool have_match; size_t match_start, match_end;
    size_t match_no, nmatches;    /* "match 3 of 7"; nmatches 0: not counted */
    /* Repainting only what changed (issue 5: a key should cost the
    ** terminal, and the CPU, what its change needs).  Each pane compares
    ** the state it depends on with what it showed at the last draw, as
    ** neomutt separates recalculation from repainting; drawn.valid is
    ** cleared whenever the windows are new (tui_layout) or the article
    ** changes, which repaints everything. */
    unsigned gen;             /* bumped when statuses, notes or the search change */
    /* Rows the text pane's window was shifted by in this draw, rather
    ** than redrawn (up when > 0); tui.c then scrolls the terminal and
    ** curses' screens to match, so that only the new rows are sent. */
    int shifted;
    size_t nstatus[STATUS_COUNT];   /* the status line's counts, kept on tag */
    struct {
        bool valid;
        lpos_t top;
        int sel, hl_entity, hl_mention, scur, stop, ctop;
        unsigned gen;
    } drawn;
} artview_t;

/* The claims panel's relation marks: what an assertion contradicts or
** supports (out), and what contradicts or supports it (in). */
enum { REL_OUT_X, REL_IN_X, REL_OUT_S, REL_IN_S };

/* ---- the library screen's state --------------------------------------- */

typedef struct libview {
    article_summary_t *rows; size_t n, cap;
    bool complete;            /* the last page has been read */
    int cur, top;
    char *query;              /* FTS filter, or NULL */
    int64_t total;
    int64_t base;             /* library index of rows[0]: above 0 after
                              ** Esc came back to a row deep in the list */
} libview_t;

typedef struct helpview {
    int top;
} helpview_t;

/* A place to come back to with Ctrl-O. */
typedef struct hist {
    int64_t article_id, sel_id;
    size_t top_byte;
} hist_t;

enum { SCR_LIBRARY, SCR_ARTICLE, SCR_HELP };

struct tui {
    store_t *s;
    bool utf8, colour;
    int rows, cols;
    WINDOW *title, *status, *body, *vline;
    pane_t pane[P_COUNT];
    bool too_small;
    int stack[4]; int nstack;
    char msg[512]; bool msg_err;
    /* The quote or claim the message tells of (a tag, a note, an undo),
    ** 0 for none: when another process changes that one, the message
    ** is stale, and art_refresh says what changed instead. */
    int64_t msg_about;
    bool quit; int exit_status;
    bool in_prompt;           /* Ctrl-C cancels the line, not the reader */
    /* The library's data_version when last read (store_data_version):
    ** what others commit shows without reopening (tui.c). */
    int64_t data_version; bool have_version;
    libview_t lib; artview_t art; helpview_t help;
    hist_t *hist; size_t nhist, caphist;
    struct tagged {           /* this session's changes, for U */
        int64_t id;
        bool note;            /* a note, else a tag to status */
        status_t status;
    } *tagged;
    size_t ntagged, captagged;
    struct {                  /* x cycling: the origin's other ends */
        int64_t last;             /* where the last x landed; 0 once the
                                  ** selection moved otherwise */
        int64_t *ids; size_t n, k;
        bool jumping;             /* x is selecting (art_select) */
    } xc;
    bool said_replaced;       /* the library removed under it: said */
    /* This session's last change, when to a link: what U says to do
    ** instead, since U undoes tags and notes only. */
    struct {
        enum { LC_NONE, LC_LINKED, LC_CONFIRMED, LC_UNLINKED } what;
        int64_t on;               /* the selection it was made from */
        char self[32], them[32];  /* its ends ("C20", "Q21") */
        int nredo;                /* LC_UNLINKED: the links removed, */
        struct {                  /* as the :link that makes each again */
            int64_t on;           /* from the selection of this one */
            char on_name[32];     /* "C2" */
            char cmd[64];         /* ":link supports C3" */
        } redo[4];
    } last_link;
};

#define TOP_SCREEN(t) ((t)->stack[(t)->nstack - 1])

/* tui_screen.c */
extern role_attr_t tui_roles[R_COUNT];
extern volatile sig_atomic_t tui_signal;
int  tui_screen_open(tui_t *t, err_t *e);
void tui_screen_close(tui_t *t);
void tui_set_role(WINDOW *w, int role);
void tui_set_attr(WINDOW *w, role_attr_t ra);
role_attr_t tui_merge(role_attr_t base, role_attr_t over);
/* Write s[0..len) at (y, x) glyph by glyph, never past column xmax
** (exclusive); returns the column after the last glyph written. */
int  tui_put(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s, size_t len);
void tui_put_ascii(WINDOW *w, int y, int x, const char *s, int n);
/* One glyph's out (glyph_t.out) at (y, x), as mvwaddstr would put it. */
void tui_put_glyph(tui_t *t, WINDOW *w, int y, int x, const char *out);
int  tui_puts(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s);
/* Same for library strings that may hold newlines: sanitized first. */
int  tui_put_safe(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s);
int  tui_width(tui_t *t, const char *s);
/* tui_puts, but text too wide for [x, xmax) ends in an ellipsis ("..." in
** a locale that is not UTF-8), so a clipped name reads as clipped. */
int  tui_puts_clip(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s);
/* tui_put_safe, clipped with an ellipsis as tui_puts_clip does. */
int  tui_put_safe_clip(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s);
const char *tui_ellipsis(const tui_t *t);
void tui_fill(WINDOW *w, int y, int x, int xmax);
/* Send every window's changes to the terminal, in one doupdate (after a
** tui_scroll_region, with the scroll, often in one write and no doupdate). */
void tui_flush(tui_t *t);
void tui_vline(tui_t *t, WINDOW *w, int x, int y0, int y1);
void tui_delete_windows(tui_t *t);
/* Scroll screen rows [top, bot] by n through the terminal, and curses'
** screens with them (see tui_screen.c); sent by the next tui_flush;
** false when it cannot. */
bool tui_scroll_rows(tui_t *t, int top, int bot, int n);
/* The same, the scroll and its frame bracketed by synchronized output
** only with sync (when other windows share the rows). */
bool tui_scroll_region(tui_t *t, int top, int bot, int n, bool sync);
/* The same, with what is to be shown (newscr) shifted only in columns
** [0, cols): the windows beside them stay as they were on the screen, and
** their rows, which the terminal moved, are put back by tui_flush. */
bool tui_scroll_region_cols(tui_t *t, int top, int bot, int n, bool sync, int cols);
/* After the tui_flush that follows a tui_scroll_rows: ends the bracket. */
void tui_scroll_done(void);
void tui_layout(tui_t *t);

/* tui.c */
void tui_message(tui_t *t, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tui_push_screen(tui_t *t, int scr);
void tui_close_screen(tui_t *t);
void tui_draw_all(tui_t *t);
/* Read one key: a character, FK(code), or -1 when the loop must end. */
int  tui_read_key(tui_t *t);

/* tui_prompt.c: a line editor on the status line; NULL on Esc. */
char *tui_prompt(tui_t *t, const char *label, const char *initial);
/* wget_wch for the reader (see tui_prompt.c): OK and a character,
** KEY_CODE_YES and a curses key or TUI_KEY_UNREADABLE (a byte that is no
** character in the locale nor in UTF-8, left out) or TUI_KEY_PASTE (a
** whole bracketed paste, which only a prompt takes, as text), or ERR
** when nothing came within w's timeout, which is delay_ms (set again on
** return). */
int tui_get_wch(WINDOW *w, int delay_ms, wint_t *out);
#define TUI_KEY_UNREADABLE (KEY_MAX + 1)
/* A paste (TUI_KEY_PASTE) outside a prompt: said to be ignored. */
void tui_paste_ignored(tui_t *t);
/* A key hint for a status line ("?: help"); rank 0 is kept longest. */
typedef struct tui_hint { const char *text; int rank; } tui_hint_t;
/* As many of the n hints (at most 16, ranks 0-15) as fit whole in
** [x, xmax) of row y, two blanks apart, in their order; those left out
** are the highest ranks.  Returns the column after the last. */
int tui_put_hints(tui_t *t, WINDOW *w, int y, int x, int xmax,
                  const tui_hint_t *h, size_t n);

/* tui_article.c */
int  art_open(tui_t *t, int64_t id, int64_t sel_id, err_t *e);
void art_close(tui_t *t);
void art_select(tui_t *t, int idx, bool scroll_text);
void art_show_byte(tui_t *t, size_t b);
void art_scroll(tui_t *t, long rows);
void art_command(tui_t *t, const char *cmd);
void art_push_history(tui_t *t);
void art_relayout(tui_t *t);
void art_count_statuses(artview_t *v);
/* Read the open article again, keeping the place, after another process
** changed the library; closes it with a message if it was deleted. */
void art_refresh(tui_t *t);

/* tui_sidebar.c */
void tui_pane_head(tui_t *t, int p, const char *label);
void sidebar_build(artview_t *v);
bool sidebar_entity_at_cursor(artview_t *v, int *entity);

/* tui_claims.c: where the claims panel is off the screen, the selected
** quote or claim's note goes on the status line.  Whether there is one
** to show so; the cells the status line's left would like for it and
** the message (0: the panel is on the screen, or neither is there); and
** draw the left, up to xmax: the message and the note, or the note and
** the hints that fit. */
bool claims_note_hidden(const tui_t *t);
int  claims_status_room(tui_t *t);
int  claims_status_note(tui_t *t, WINDOW *s, int xmax,
                        const tui_hint_t *hints, size_t nhints);

/* tui_library.c */
void lib_free(libview_t *l);
void lib_reload(tui_t *t);

#endif
