/*
** e2e.h: fixtures shared by the end-to-end reader tests: a private temp
** directory and library per test program, running `contra` commands as
** separate processes, and reading their JSON export (with SQLite's JSON
** functions, so expectations come from the library itself rather than
** from copies of the sample text), and reading the library screen's list
** (the cursor's row, its position, paging) for the tests of long lists.
*/
#ifndef CONTRA_E2E_H
#define CONTRA_E2E_H

#include <stdbool.h>
#include "term.h"

typedef struct e2e {
    const char *contra;    /* $CONTRA: the binary under test */
    const char *datadir;   /* $CONTRA_DATADIR: share/ of the source tree */
    char dir[256];         /* private temp dir, removed by e2e_done */
    char db[300];          /* dir/lib.db */
} e2e_t;

/* Set up from the environment make check provides; with no $CONTRA or no
** built binary, prints a TAP skip plan and exits 0 (visibly skipped). */
void e2e_init(e2e_t *e);
/* Remove the temp dir, unless failed (then say where it is). */
void e2e_done(e2e_t *e, bool failed);

/* Run contra with --db e->db and the given args (NULL-terminated), to
** completion.  Returns the exit status (-1 on a signal); *out and *err
** (either may be NULL) get malloc'd stdout / stderr. */
int e2e_run(e2e_t *e, char **out, char **err, ...) __attribute__((sentinel));
/* The same with the args as a NULL-terminated vector. */
int e2e_runv(e2e_t *e, char **out, char **err, char *const args[]);

/* Import $CONTRA_DATADIR/samples/library.json; false with a diagnostic. */
bool e2e_import_samples(e2e_t *e);
/* Write json (contra JSON or JSON Lines) to e->dir/name and import it;
** false with a diagnostic. */
bool e2e_import_json(e2e_t *e, const char *name, const char *json);
/* Import n made articles as JSON Lines written to e->dir/name: line(i)
** is article i's JSON object, on one line, in a buffer that may be the
** same at each call.  False with a diagnostic. */
bool e2e_import_made(e2e_t *e, const char *name, int n, const char *(*line)(int i));

/* The whole library as one JSON array (whatever of one object, an array or
** JSON Lines `contra export` writes); NULL with a diagnostic on failure. */
char *e2e_export(e2e_t *e);

/* The library as a JSON array in library order (newest first, as the
** library screen and `contra list` show it): each article exported by
** its id.  With ids non-NULL, *ids gets the article ids in the same order
** (free with e2e_strv_free).  NULL with a diagnostic on failure. */
char *e2e_export_library(e2e_t *e, char ***ids);

/* Run sql (one column) with ?1 bound to json; the rows as strings, NULL
** terminated, malloc'd (free with e2e_strv_free).  NULL values become "". */
char **e2e_query(const char *json, const char *sql);
/* First row of e2e_query, malloc'd, or NULL if there is none. */
char *e2e_query1(const char *json, const char *sql);
int e2e_strv_len(char **v);
void e2e_strv_free(char **v);

/* Start the reader: contra --db e->db args... in a rows x cols pty with
** the test's HOME/XDG dirs and env on top (see term_spawn).  With
** $E2E_WRAPPER set (e.g. "valgrind -q --log-file=/tmp/vg.%p"), the reader
** runs under that command. */
term_t *e2e_reader(e2e_t *e, int rows, int cols, char *const env[],
                   char *const args[]);

/* The current status ("disputed", ...) of assertion aid ("Q12", "C3") as
** a second process sees it (`contra export`); malloc'd, NULL if absent. */
char *e2e_status(e2e_t *e, const char *aid);
/* Wait (bounded by timeout_ms, polling export) for aid to have status
** want; returns true if it does. */
bool e2e_wait_status(e2e_t *e, const char *aid, const char *want, int timeout_ms);

/* `contra list --json`: an array of {id, published, source, title, ...},
** newest first (library order); NULL with a diagnostic on failure. */
char *e2e_list(e2e_t *e);

/* A word of span (at least 4 bytes, letters/digits/non-ASCII) that occurs
** exactly once in text, to find the span on the screen whatever the
** wrapping; falls back to the span's first such word.  Static buffer. */
const char *e2e_unique_word(const char *text, const char *span);

/* The column of the vertical border between the text pane and the side
** panes: the column holding a line character ('│' or '|') on the most
** rows of [r0, r1).  *nrows gets that count; -1 if no column has any. */
int e2e_border_col(term_t *t, int r0, int r1, int *nrows);

/* Wait for a whole article screen in three panes: a border the height
** of the panes and the status line (drawn last, with the position in %).
** Returns the border's column, or -1 at the timeout. */
int e2e_wait_article(term_t *t, int timeout_ms);

/* The first n code points of s (whole characters), in a static buffer
** (for looking up a title or a name that the screen may have cut). */
const char *e2e_prefix(const char *s, int n);

/* A bounded wait for text that is one TAP check and dumps the screen when
** it fails: the usual way a test step checks what the reader shows.  Once
** the text is seen, the rest of its frame is waited for too (the reader
** waiting for a key again, term_wait_quiet), so that checks of other rows
** made next see the whole frame.  A macro because tap.h's counters are
** per program file. */
#define e2e_see(t, text, ...)                                              \
    e2e_see_(tap_ok(term_wait_text((t), (text), TERM_TIMEOUT), __FILE__,   \
                    __LINE__, __VA_ARGS__), (t), (text))
bool e2e_see_(bool seen, term_t *t, const char *text);

/* e2e_init, then import the sample library; with lib, *lib gets e2e_list,
** with exp, *exp gets e2e_export_library (no ids).  Any failure prints
** a TAP "Bail out!" and exits 1: nothing after it could be checked. */
void e2e_setup_samples(e2e_t *e, char **lib, char **exp);

/* json_extract(value, '$.field') of the first element of the JSON array
** json (the newest article, for the list or the library export);
** malloc'd, "" for a JSON null, NULL if the array is empty. */
char *e2e_first(const char *json, const char *field);

/* Start the reader on article id (`contra read id`) at 40x120. */
term_t *e2e_read(e2e_t *e, const char *id);
/* After the article's title is seen: wait for the output to pause and
** the whole first frame (e2e_wait_article).  The border's column or -1. */
int e2e_first_frame(term_t *t);

/* The ids of the quotes and claims of the article at JSON path path of
** json ("$" for one exported article, "$[0]" for the newest of a library
** export) in reading order: by where their span starts, then by id (the
** order J steps through).  Free with e2e_strv_free. */
char **e2e_reading_order(const char *json, const char *path);

/* Press J n times: the n-th quote or claim in reading order is selected
** (counting from an article just opened, where none is). */
void e2e_select(term_t *t, int n);
/* The claims panel row of assertion aid shows status mark m (left of the
** id, as "! Q12 ..."); border is the text pane's border column.  The
** arg of term_wait_for(t, e2e_mark_shown, &(e2e_mark_t){...}, ms). */
typedef struct e2e_mark { const char *aid; char m; int border; } e2e_mark_t;
bool e2e_mark_shown(term_t *t, void *mark);

/* Press Q and wait (TERM_TIMEOUT) for the reader to exit: true if it
** exited with status 0. */
bool e2e_quit(term_t *t);

/* e2e_init, then import json as e2e_import_json(e, name, json) does; a
** failure prints a TAP "Bail out!" and exits 1, as e2e_setup_samples. */
void e2e_setup_json(e2e_t *e, const char *name, const char *json);

/* Start the reader on the newest article of the library (`contra read
** id`) in a rows x cols pty with env on top (see e2e_reader).  With no
** article to read, a TAP "Bail out!" and exit 1. */
term_t *e2e_read_newest(e2e_t *e, int rows, int cols, char *const env[]);

/* The status line: the text of the screen's last row (term_row's
** buffer). */
const char *e2e_bottom(term_t *t);
/* Is the text (arg) on the status line?  For term_wait_for. */
bool e2e_on_status(term_t *t, void *text);
/* Does the status line start with the text (arg), as an open prompt does
** ("note: " and what it holds)?  For term_wait_for. */
bool e2e_status_starts(term_t *t, void *text);
/* Is the status line the text (arg) and nothing more?  An empty prompt is
** its label alone ("note:": term_row leaves out the blank after it).  For
** term_wait_for. */
bool e2e_status_is(term_t *t, void *text);
/* e2e_see for the status line: a bounded wait for text there, one TAP
** check, the screen dumped when it fails. */
#define e2e_see_status(t, text, ...)                                       \
    e2e_see_(tap_ok(term_wait_for((t), e2e_on_status, (void *)(text),      \
                                  TERM_TIMEOUT), __FILE__, __LINE__,       \
                    __VA_ARGS__), (t), (text))

/* The library screen (list rows from row 2 to the one above the status
** line): helpers for the tests that move through a long list. */

/* Send keys and wait for the output to pause. */
void e2e_press(term_t *t, const char *keys);
/* Press Esc and let the reader settle (curses waits a moment after a lone
** Esc to tell it from the start of a key's sequence). */
void e2e_esc(term_t *t);
/* Filter the library by word: "/", the word, Enter. */
void e2e_filter(term_t *t, const char *word);
/* The list row the cursor is on (reverse video from its first cell), or
** -1. */
int e2e_cursor_row(term_t *t);
/* The "n" of the status line's "n/N" (N into *of, if of is non-NULL), or
** -1.  A count still growing ("n/N+") is -1 too: the library screen
** counts every match from the first page on (test_lib_reload checks it). */
int e2e_position(term_t *t, int *of);
/* The index in titles (NULL terminated) of the first title that row r
** shows, or -1 (also for r < 0). */
int e2e_index_on(term_t *t, char **titles, int r);
/* Page up until the position is 1: false if the position shown was ever
** not that of the title on the cursor's row (its index in titles + 1), or
** if the position never gets to 1 (bounded by the length of titles). */
bool e2e_page_up(term_t *t, char **titles);

#endif
