/*
** term.h: a pseudo-terminal driven by a test, read back through libvterm.
**
** The end-to-end tests run the real program in a pty of a chosen size and
** environment, send it keys, and look at what a person would see: the
** screen as libvterm renders every byte the program wrote.  A raw log of
** those bytes is kept too, so tests can assert on what reached the wire
** (no byte above 0x7f under LANG=C, no escape sequence from an article).
**
** Waiting is always for a condition (text on the screen, output going
** quiet, the process exiting) with a generous timeout; a timeout fails the
** test that waited, it never measures speed.
*/
#ifndef CONTRA_E2E_TERM_H
#define CONTRA_E2E_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct term term_t;

/* The default timeout for waits, in milliseconds.  Generous on purpose:
** tests run under valgrind and sanitizers on loaded CI machines. */
#define TERM_TIMEOUT 10000

/* Spawn argv[0] (searched in PATH) in a new pty of rows x cols.  The child
** inherits the environment with LC_ALL, LC_CTYPE, LC_MESSAGES, LANGUAGE,
** COLUMNS and LINES removed, TERM=xterm-256color and LANG=C.UTF-8; then
** each entry of env (NULL-terminated, may be NULL) applies on top:
** "NAME=value" sets, "NAME" alone unsets.  Returns NULL (with a message on
** stderr) if the pty or the fork fails; a failing exec shows up as exit
** status 127. */
term_t *term_spawn(int rows, int cols, char *const argv[], char *const env[]);
/* As term_spawn, with the child's standard input taken from stdin_path
** (for example /dev/null, for end of input) instead of the pty. */
term_t *term_spawn_stdin(int rows, int cols, char *const argv[],
                         char *const env[], const char *stdin_path);

/* Kill the child if it still runs (SIGKILL), reap it, free everything. */
void term_free(term_t *t);

pid_t term_pid(const term_t *t);

/* ---- input ---------------------------------------------------------- */

/* Write bytes to the program as typed keys.  Returns false on error. */
bool term_send(term_t *t, const char *keys);
bool term_send_bytes(term_t *t, const void *buf, size_t n);

/* Special keys whose encoding does not depend on terminal modes. */
#define TK_TAB    "\t"
#define TK_BTAB   "\033[Z"     /* Shift-Tab */
#define TK_ENTER  "\r"
#define TK_ESC    "\033"
#define TK_BS     "\177"
#define TK_CTRL(c) ((char[]){ (char)((c) & 0x1f), 0 })
#define TK_CTRL_O "\017"
#define TK_CTRL_D "\004"
#define TK_CTRL_U "\025"

/* Keys whose encoding depends on the modes the program set (cursor keys
** in application mode after smkx, for instance): libvterm encodes them as
** the terminal would. */
typedef enum {
    TK_UP, TK_DOWN, TK_LEFT, TK_RIGHT,
    TK_HOME, TK_END, TK_PGUP, TK_PGDN,
} term_key_t;
bool term_key(term_t *t, term_key_t k);

/* ---- waiting -------------------------------------------------------- */

/* Read and render output until the screen contains text (UTF-8, within
** one row), or timeout_ms passes.  Returns true if it was found. */
bool term_wait_text(term_t *t, const char *text, int timeout_ms);
/* Until the screen no longer contains text. */
bool term_wait_gone(term_t *t, const char *text, int timeout_ms);
/* Until pred(t, arg) holds (checked after each chunk of output). */
bool term_wait_for(term_t *t, bool (*pred)(term_t *, void *), void *arg,
                   int timeout_ms);
/* Until the program has written nothing for quiet_ms and is waiting for
** input (on Linux: asleep in poll, select or read, or stopped, or gone),
** or timeout_ms passes (then false).  Use after an action whose result
** cannot be named as text, before looking at the screen. */
bool term_wait_quiet(term_t *t, int quiet_ms, int timeout_ms);
/* Read whatever output is available now, without waiting. */
void term_pump(term_t *t);

/* ---- the screen ----------------------------------------------------- */

void term_size(const term_t *t, int *rows, int *cols);

/* Row r (0-based) as UTF-8, trailing blanks removed.  A double-width
** character is given once (its second cell is skipped).  The string
** belongs to t and stays valid for the next 32 calls of term_row /
** term_text / term_screen. */
const char *term_row(term_t *t, int r);
/* Cells [c0, c1) of row r, as term_row (trailing blanks removed). */
const char *term_text(term_t *t, int r, int c0, int c1);
/* The whole screen, rows joined by '\n'. */
const char *term_screen(term_t *t);
/* Print the screen as TAP diagnostics ("# |row|"). */
void term_dump(term_t *t, const char *why);

/* Where text first occurs: row, and the column (in cells) it starts at.
** Returns false if it is not on the screen. */
bool term_find(term_t *t, const char *text, int *row, int *col);
bool term_contains(term_t *t, const char *text);
/* term_find within rows [r0, r1) and cells [c0, c1) only (one pane). */
bool term_find_in(term_t *t, const char *text, int r0, int r1, int c0, int c1,
                  int *row, int *col);
/* Number of rows containing text. */
int term_count_rows(term_t *t, const char *text);

typedef struct term_cell {
    char text[32];     /* UTF-8 of the cell; "" for an empty cell or the
                          right half of a double-width character */
    int width;         /* 1 or 2; 0 for the right half of a wide char */
    bool bold, underline, italic, reverse, blink, strike;
    int fg, bg;        /* palette index 0..255, -1 default, -2 RGB */
    uint8_t fg_rgb[3], bg_rgb[3];   /* the colours as RGB, always set */
} term_cell_t;
bool term_cell(term_t *t, int r, int c, term_cell_t *out);

void term_cursor(term_t *t, int *row, int *col);

/* ---- size, signals, exit ------------------------------------------- */

/* Set the pty's window size (the child gets SIGWINCH) and the screen's. */
void term_resize(term_t *t, int rows, int cols);
bool term_kill(term_t *t, int sig);
/* Close our side of the pty: the program sees end of input (and a hangup
** on its terminal).  After this nothing more is read. */
void term_close(term_t *t);
/* Wait for the child to exit, reading its output meanwhile.  Returns true
** and the wait status in *status if it exited within timeout_ms. */
bool term_wait_exit(term_t *t, int timeout_ms, int *status);
bool term_exited(term_t *t, int *status);
/* CPU time (user + system, ms) the child used; -1 until it was reaped. */
long term_cpu_ms(const term_t *t);

/* ---- the raw bytes -------------------------------------------------- */

const unsigned char *term_log(const term_t *t, size_t *len);
/* Offset of the first occurrence of needle in the log, or -1. */
long term_log_find(const term_t *t, const void *needle, size_t n);
/* Offset of the first byte above 0x7f in the log, or -1. */
long term_log_find_high(const term_t *t);
/* Forget the log so far (to look at what one action wrote). */
void term_log_reset(term_t *t);

/* Milliseconds on a monotonic clock, for reporting (never asserting). */
long term_now_ms(void);

#endif
