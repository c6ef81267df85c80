/*
** tui_screen.c: the terminal itself.  Setup and teardown (newterm, so an
** unknown TERM is a message, not a crash), signals, the colour and
** monochrome schemes, the window geometry of each screen, and the only
** functions that put text into windows: every write is clipped by display
** width and every library string goes through glyph_next().
*/
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>
#include <unistr.h>

/* __fpurge: glibc, musl and Solaris have it (scroll_send). */
#if defined(__has_include)
#if __has_include(<stdio_ext.h>)
#include <stdio_ext.h>
#define HAVE_FPURGE 1
#endif
#endif

#include "tui_view.h"
#include <term.h>           /* tputs; after curses.h */
#include "tui.h"
#include "util.h"


/* A terminfo string capability the terminal has. */
#define CAP(c) ((c) != NULL && (c) != (char *)-1)

role_attr_t tui_roles[R_COUNT];
volatile sig_atomic_t tui_signal;

static SCREEN *screen;
/* The signals that end the reader (on_signal), and what they did before;
** SIGTSTP's own is kept for tui_screen_abandon (newterm puts in curses'
** handler). */
static const int end_signals[] = { SIGHUP, SIGINT, SIGTERM, SIGQUIT };
#define N_END_SIGNALS (sizeof end_signals / sizeof end_signals[0])
static struct sigaction old_end[N_END_SIGNALS], old_tstp;

/* Bracketed paste (tui_keys.h): on while the reader has the terminal,
** off whenever it gives it back (tui_screen_close, Ctrl-Z, an exit on an
** error), so that the shell after it gets pastes as it expects them.
** Asked for only where the terminal's description has BE and BD
** (ncurses 6.4 gives them to xterm's and tmux's entries and those built
** on them): a terminal should ignore a mode it does not know, but the
** entries without them (vt100, linux, screen) say nothing of whether it
** does, and a real vt100 or a serial console is not worth the risk of
** showing the sequence.  The sequences are copied out of terminfo, to be
** written from a signal handler. */
static char paste_seq_on[32], paste_seq_off[32];
static size_t paste_len_on, paste_len_off;
static volatile sig_atomic_t paste_on;
static struct sigaction curses_tstp;   /* the handler on_tstp calls on */
static bool tstp_chained;               /* on_tstp is SIGTSTP's handler */

/* The terminal's modes before newterm.  have_shell_tio is set after
** shell_tio is written, and read in on_signal on another thread. */
static struct termios shell_tio;
static atomic_int have_shell_tio;
static volatile sig_atomic_t reader_up;    /* screen_finish has begun */

/* SIGTSTP is held on the main thread from tui_screen_prestart until the
** reader is up or given up (tstp_release): curses' handler, which newterm
** installs, would leave and resume a screen not yet shown (the resume
** clears the terminal into the alternate screen while the library is
** still opening). */
static bool tstp_held;
static sigset_t tstp_mask;      /* the thread's signal mask before that */

/* Once the reader is up, a signal ends it through its key read, which
** puts the terminal back.  Before that (the library's open, the
** article's load, with the terminal being set up beside them) nothing is
** on the screen yet: the terminal's modes are put back here, and the
** signal does what it would have done, at once (a busy library must not
** keep a Ctrl-C waiting for its timeout). */
static void on_signal(int sig)
{
    tui_signal = sig;
    if (reader_up)
        return;
    if (atomic_load_explicit(&have_shell_tio, memory_order_acquire))
        tcsetattr(STDOUT_FILENO, TCSANOW, &shell_tio);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Bytes to the terminal, from a signal handler too. */
static void write_all(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, s, n);
        if (w > 0) {
            s += w;
            n -= (size_t)w;
        } else if (w == 0 || errno != EINTR) {
            return;
        }
    }
}

/* The flag is turned first, the mode then: a Ctrl-Z in between finds the
** mode as the flag says or sets it so itself (on_tstp). */
static void paste_off(void)
{
    if (paste_on) {
        paste_on = 0;
        write_all(paste_seq_off, paste_len_off);
    }
}

static void paste_at_exit(void)
{
    paste_off();
}

/* Ctrl-Z: curses' handler leaves the screen, stops contra and, on fg,
** takes the screen back; the paste mode goes off before and on after. */
static void on_tstp(int sig)
{
    int saved = errno;
    bool was = paste_on;
    paste_off();
    curses_tstp.sa_handler(sig);
    if (was) {
        paste_on = 1;
        write_all(paste_seq_on, paste_len_on);
    }
    errno = saved;
}

static char *cap_out;
static size_t cap_len, cap_size;

static int cap_putc(int c)
{
    if (cap_len < cap_size)
        cap_out[cap_len] = (char)c;
    cap_len++;
    return c;
}

/* Terminfo's string capability name as the bytes it sends, into buf
** (NUL-terminated); their count, 0 when there is none or too long. */
static size_t cap_copy(const char *name, char *buf, size_t size)
{
    char *s = tigetstr(name);
    if (!CAP(s))
        return 0;
    cap_out = buf;
    cap_size = size;
    cap_len = 0;
    tputs(s, 1, cap_putc);
    if (cap_len >= size)
        return 0;
    buf[cap_len] = '\0';
    return cap_len;
}

/* Where the terminal has bracketed paste: its sequences, and on_tstp
** before curses' SIGTSTP handler (which newterm installed). */
static void paste_setup(void)
{
    static bool at_exit;
    paste_on = 0;
    tstp_chained = false;
    paste_len_on = cap_copy("BE", paste_seq_on, sizeof paste_seq_on);
    paste_len_off = cap_copy("BD", paste_seq_off, sizeof paste_seq_off);
    if (!paste_len_on || !paste_len_off) {
        paste_len_on = paste_len_off = 0;
        return;
    }
    if (!at_exit)
        at_exit = atexit(paste_at_exit) == 0;
    if (sigaction(SIGTSTP, NULL, &curses_tstp) == 0
        && !(curses_tstp.sa_flags & SA_SIGINFO)
        && curses_tstp.sa_handler != SIG_DFL && curses_tstp.sa_handler != SIG_IGN) {
        struct sigaction sa = curses_tstp;
        sa.sa_handler = on_tstp;
        tstp_chained = sigaction(SIGTSTP, &sa, NULL) == 0;
    }
}

/* The handlers from before screen_begin, back. */
static void restore_handlers(void)
{
    for (size_t i = 0; i < N_END_SIGNALS; i++)
        sigaction(end_signals[i], &old_end[i], NULL);
}

static void tstp_release(void)
{
    if (tstp_held) {
        tstp_held = false;
        pthread_sigmask(SIG_SETMASK, &tstp_mask, NULL);
    }
}

static void set_role(int role, attr_t a, short fg, short bg, bool colour)
{
    tui_roles[role].attr = a;
    tui_roles[role].pair = 0;
    if (colour && (fg != -1 || bg != -1)) {
        short pair = (short)(role + 1);
        init_pair(pair, fg, bg);
        tui_roles[role].pair = pair;
    }
}

/* Colours only where the terminal has them and NO_COLOR (any non-empty
** value, see no-color.org) does not ask otherwise.  The monochrome scheme
** uses only bold, underline and reverse, which even a vt100 has. */
static bool setup_roles(void)
{
    const char *nc = getenv("NO_COLOR");
    bool c = has_colors() && !(nc && *nc);
    /* The default colours are asked for before start_color, for speed
    ** (issue 5): asked for after it, they changed colour pair 0, and
    ** curses then walked every cell of its record of the screen, 140,000
    ** instructions at 120x40, on the way to the first frame. */
    if (c)
        use_default_colors();
    if (c && start_color() == ERR)
        c = false;
    bool rich = c && COLORS >= 256;
    bool sixteen = c && COLORS >= 16;

    set_role(R_NORMAL, A_NORMAL, -1, -1, c);
    set_role(R_TITLE, A_BOLD | (c ? 0 : A_REVERSE), COLOR_WHITE, COLOR_BLUE, c);
    set_role(R_STATUS, A_REVERSE, -1, -1, c);
    set_role(R_ERROR, A_BOLD, COLOR_RED, -1, c);
    set_role(R_HEADER, A_BOLD | (c ? 0 : A_UNDERLINE), -1, -1, c);
    set_role(R_HEADER_FOCUS, A_BOLD | A_REVERSE, -1, -1, c);
    set_role(R_BORDER, A_NORMAL, sixteen ? 8 : -1, -1, c);
    set_role(R_CURSOR, A_REVERSE, -1, -1, c);
    set_role(R_DIM, A_DIM, sixteen ? 8 : -1, -1, c);
    set_role(R_CAPTION, A_DIM, sixteen ? 8 : -1, -1, c);
    set_role(R_CURRENT, A_REVERSE | A_BOLD, -1, -1, false);
    set_role(R_ENTITY_HL, c ? A_BOLD : (A_BOLD | A_UNDERLINE),
             COLOR_BLACK, COLOR_YELLOW, c);
    set_role(R_MATCH, c ? A_NORMAL : A_REVERSE, COLOR_BLACK, COLOR_CYAN, c);

    static const short kind_fg[KIND_COUNT] = {
        COLOR_CYAN, COLOR_MAGENTA, COLOR_BLUE, -1 };
    for (int k = 0; k < KIND_COUNT; k++)
        set_role(R_MENTION + k, A_BOLD, kind_fg[k], -1, c);

    /* Claims by review status: the colours people expect of a traffic
    ** light; in monochrome the weight of the underline tells them apart. */
    set_role(R_CLAIM + STATUS_UNREVIEWED, A_UNDERLINE | (c ? 0 : A_DIM),
             COLOR_YELLOW, -1, c);
    set_role(R_CLAIM + STATUS_DISPUTED, A_UNDERLINE | (c ? 0 : A_BOLD),
             COLOR_RED, -1, c);
    set_role(R_CLAIM + STATUS_CORROBORATED, A_UNDERLINE, COLOR_GREEN, -1, c);

    /* Quotes by speaker, avoiding the status colours. */
    static const short q8[QUOTE_COLOURS] = {
        COLOR_CYAN, COLOR_MAGENTA, COLOR_BLUE,
        COLOR_CYAN, COLOR_MAGENTA, COLOR_BLUE };
    static const short q256[QUOTE_COLOURS] = { 38, 170, 75, 139, 73, 176 };
    for (int i = 0; i < QUOTE_COLOURS; i++)
        set_role(R_QUOTE + i, c ? (rich || i < 3 ? A_NORMAL : A_BOLD) : A_UNDERLINE,
                 rich ? q256[i] : q8[i], -1, c);
    return c;
}

/* Once the reader is up, Ctrl-C, Ctrl-\ and Ctrl-Z reach it as keys
** (tui_read_key does what their signals did), and Ctrl-S and Ctrl-Q stop
** being flow control.  Else the terminal made signals of those bytes in
** a paste, before the reader could read the paste's start: the rest of
** the paste then ran as keys (a review: "my note^Cdd" cancelled the note
** and tagged the claim disputed; "^Zecho ..." stopped contra and the
** shell ran the command), and a pasted Ctrl-S froze the screen until
** Ctrl-Q.  Not before the reader is up: a busy library's open must still
** end at a Ctrl-C.  Curses keeps the mode (def_prog_mode) and brings it
** back at each resume, as it gives the shell's back at each leave. */
static void keys_not_signals(void)
{
    struct termios tio;
    if (tcgetattr(STDIN_FILENO, &tio) == 0) {
        tio.c_lflag &= ~(tcflag_t)ISIG;
        tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
        if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0)
            def_prog_mode();
    }
}

/* Ctrl-O is the "discard output" character of BSD terminals; it must
** reach us as a key. */
static void free_control_keys(void)
{
#ifdef VDISCARD
    struct termios tio;
    if (tcgetattr(STDIN_FILENO, &tio) == 0) {
        tio.c_cc[VDISCARD] = _POSIX_VDISABLE;
        tcsetattr(STDIN_FILENO, TCSANOW, &tio);
    }
#endif
}

/* Terminal descriptions such as vt100 lack Shift-Tab, Home, End and the
** page keys that terminal emulators send anyway; without these, ESC [ Z
** would arrive as ESC, '[' (a command of its own) and 'Z'. */
static void define_missing_keys(void)
{
    static const struct { const char *seq; int key; } keys[] = {
        { "\033[Z", KEY_BTAB },
        { "\033[H", KEY_HOME }, { "\033OH", KEY_HOME }, { "\033[1~", KEY_HOME },
        { "\033[7~", KEY_HOME },
        { "\033[F", KEY_END }, { "\033OF", KEY_END }, { "\033[4~", KEY_END },
        { "\033[8~", KEY_END },
        { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
        { "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
        { "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
        { "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
        { "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
        { "\033[3~", KEY_DC },
        /* Bracketed paste's marks: also where the reader did not ask
        ** for the mode, since a program before it may have left it on. */
        { "\033[200~", TUI_KEY_PASTE }, { "\033[201~", TUI_KEY_PASTE_END },
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (key_defined(keys[i].seq) == 0)
            define_key(keys[i].seq, keys[i].key);
    /* And the marks the terminal's description gives, if others. */
    char *ps = tigetstr("PS"), *pe = tigetstr("PE");
    if (CAP(ps) && CAP(pe) && key_defined(ps) == 0 && key_defined(pe) == 0) {
        define_key(ps, TUI_KEY_PASTE);
        define_key(pe, TUI_KEY_PASTE_END);
    }
}

int tui_check_terminal(int64_t id, err_t *e)
{
    /* Which of the two is not a terminal, and what prints instead: a
    ** user's trial met "standard input and output are not one" after
    ** 'contra read 4 | head', where only the output was not. */
    bool in = isatty(STDIN_FILENO), out = isatty(STDOUT_FILENO);
    if (in && out)
        return 0;
    char instead[64];
    if (id)
        snprintf(instead, sizeof instead, "%s show %lld", progname, (long long)id);
    else
        snprintf(instead, sizeof instead, "%s list", progname);
    err_set(e, "the reader needs a terminal; %s (try '%s')",
            !in && !out ? "neither input nor output is one"
            : !in ? "standard input is not one" : "standard output is not one", instead);
    return -1;
}

/* The screen newterm made, given up without a byte written to the
** terminal, with the terminal's modes and the signals' handlers as they
** were before screen_begin.  newterm queues its setup (the alternate
** screen and the rest) for the first update, and curses' own ways to
** leave send it and more; so its leaving goes to /dev/null.  This
** thread takes no signal meanwhile: on_signal would put the modes back
** there, not on the terminal; what comes now does what it would have
** done once the handlers are back. */
static void screen_discard(void)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    fflush(stdout);
    int out = dup(STDOUT_FILENO), nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
    bool hushed = out >= 0 && nul >= 0 && dup2(nul, STDOUT_FILENO) >= 0;
    tstp_chained = false;       /* old_tstp goes back, below */
    delscreen(screen);
    screen = NULL;
    if (hushed)
        dup2(out, STDOUT_FILENO);
    if (out >= 0)
        close(out);
    if (nul >= 0)
        close(nul);
    if (atomic_load_explicit(&have_shell_tio, memory_order_acquire))
        tcsetattr(STDOUT_FILENO, TCSADRAIN, &shell_tio);
    restore_handlers();
    sigaction(SIGTSTP, &old_tstp, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* The terminal up to its first frame, in two halves.  screen_begin
** touches nothing the article's load does, so that it can run on a
** thread of its own beside it (tui_screen_prestart), and writes nothing
** to the terminal, so that a library or an article that cannot be opened
** leaves the terminal as it was (tui_screen_abandon).  *colour: whether
** the colour scheme is in use. */
static int screen_begin(bool *colour, err_t *e)
{
    if (tui_check_terminal(0, e) < 0)
        return -1;

    /* Our handlers go in before newterm so that ncurses leaves them be. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;            /* no SA_RESTART: the key read must return */
    for (size_t i = 0; i < N_END_SIGNALS; i++)
        sigaction(end_signals[i], &sa, &old_end[i]);
    sigaction(SIGTSTP, NULL, &old_tstp);
    tui_signal = 0;
    reader_up = 0;

    const char *term = getenv("TERM");
    atomic_store_explicit(&have_shell_tio, tcgetattr(STDOUT_FILENO, &shell_tio) == 0,
                          memory_order_release);
    screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        restore_handlers();
        if (!term || !*term)
            err_set(e, "TERM is not set; try TERM=xterm-256color or TERM=vt100");
        else
            err_set(e, "terminal type '%s' is not known; try "
                    "TERM=xterm-256color or TERM=vt100", term);
        return -1;
    }
    /* One that cannot put the cursor where it is wanted (TERM=dumb, as in
    ** Emacs' shell) would show the panes as scattered pieces of lines. */
    if (!CAP(tigetstr("cup"))) {
        screen_discard();
        err_set(e, "terminal type '%s' cannot move the cursor, which the reader "
                "needs; try TERM=xterm-256color or TERM=vt100, or use '%s show' "
                "and '%s list'", term, progname, progname);
        return -1;
    }
    set_term(screen);
    cbreak();
    noecho();
    nonl();
    set_escdelay(25);
    free_control_keys();
    define_missing_keys();
    paste_setup();
    def_prog_mode();
    *colour = setup_roles();
    return 0;
}

static void screen_finish(tui_t *t)
{
    /* From the first byte written on, the reader's own way out is the one
    ** that puts the terminal back (on_signal), for Ctrl-\ as for Ctrl-C:
    ** SIGQUIT's own way (a core) left the terminal in the alternate
    ** screen, its cursor hidden, and a user had to type reset blind. */
    reader_up = 1;
    /* Until a screen has once been left and resumed, ncurses 6.4 treats
    ** it as not yet started and flushes its output after every cursor
    ** movement: a frame went out in some 55 write()s, each its own packet
    ** over SSH, and the per-key cost was mostly system calls.  Leaving it
    ** once, here, before anything is drawn, makes the first update resume
    ** it, and from then on curses buffers a whole frame into one write;
    ** the price is about 100 bytes at start (out of the alternate screen
    ** and back in).  The first frame is that resuming update: for speed
    ** (issue 5), no update of a blank screen of its own comes before it,
    ** which was a sixth of the instructions newterm and this setup take.
    ** It comes after the colours are set up, or the first frame would
    ** erase every blank cell again in the panes' background.  The cursor
    ** is hidden here, not in screen_begin: curs_set sends at once what
    ** newterm queued, the alternate screen with it. */
    curs_set(0);
    keys_not_signals();
    endwin();
    if (paste_len_on) {
        paste_on = 1;
        write_all(paste_seq_on, paste_len_on);
    }
    t->rows = LINES;
    t->cols = COLS;
    /* A Ctrl-Z typed meanwhile now leaves a screen that is left already. */
    tstp_release();
}

/* The setup begun on a second thread by tui_screen_prestart: the thread
** holds early_lock while it works, and the rest under it. */
static pthread_mutex_t early_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    bool started;               /* and not yet waited for */
    bool done;                  /* screen_begin has returned */
    bool colour;
    int rc;
    err_t e;
} early;

#if HAVE_THREAD_AFFINITY
static void *early_run(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&early_lock);
    early.rc = screen_begin(&early.colour, &early.e);
    early.done = true;
    pthread_mutex_unlock(&early_lock);
    return NULL;
}
#endif

/* For speed (issue 5): curses' setup (reading the terminal's description,
** its screens, the colours) is a sixth of a typical article's first
** frame, and needs nothing from the library; SQLite's open and the
** article's load are another half, and need nothing from curses.  So the
** reader starts the setup on a second thread before it opens the library,
** and takes it over once the article is loaded (tui_screen_open).
**
** Measured on a 2-CPU virtual machine, and each point was needed for the
** thread to pay at all (the first try, started after the library's open,
** was taken out again in d36654c):
** - started before the library's open, not after it: the setup and its
**   thread's start take longer than the article's load alone;
** - on another CPU than this thread's: Linux otherwise started it on this
**   one, where it ran only when the load was over;
** - waited for by spinning, not by a join: a thread asleep in a join was
**   woken 0.3-0.7 ms after the setup ended.
** With one CPU there is nothing to run it beside, and the setup is left
** to tui_screen_open; likewise where the thread cannot be started. */
void tui_screen_prestart(void)
{
#if HAVE_THREAD_AFFINITY
    /* In the background, the setup is left to stop the reader as it
    ** did (SIGTTOU at its first change of the terminal's modes). */
    if (early.started || screen || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)
        || tcgetpgrp(STDOUT_FILENO) != getpgrp())
        return;
    cpu_set_t cpus;
    int self = sched_getcpu();
    if (self < 0 || sched_getaffinity(0, sizeof cpus, &cpus) != 0
        || !CPU_ISSET(self, &cpus) || CPU_COUNT(&cpus) < 2)
        return;
    CPU_CLR(self, &cpus);
    /* Signals go to the main thread, whose key read they must end; but
    ** not SIGTTOU and SIGTTIN, or a reader put in the background would
    ** change the terminal's modes under the shell (Linux lets a thread
    ** that blocks them do so). */
    sigset_t sigs, old;
    sigfillset(&sigs);
    sigdelset(&sigs, SIGTTOU);
    sigdelset(&sigs, SIGTTIN);
    pthread_sigmask(SIG_SETMASK, &sigs, &old);
    pthread_attr_t at;
    pthread_t th;
    if (pthread_attr_init(&at) == 0) {
        pthread_attr_setstacksize(&at, 256 * 1024);
        pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
        pthread_attr_setaffinity_np(&at, sizeof cpus, &cpus);
        early.done = false;
        early.started = pthread_create(&th, &at, early_run, NULL) == 0;
        pthread_attr_destroy(&at);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (early.started) {
        sigemptyset(&sigs);
        sigaddset(&sigs, SIGTSTP);
        tstp_held = pthread_sigmask(SIG_BLOCK, &sigs, &tstp_mask) == 0;
    }
#endif
}

/* Wait for the setup tui_screen_prestart started, if it did; whether
** there was one.  The lock is tried, not waited for (which would sleep):
** it can also be had before the thread has taken it, so done says
** whether the setup is over.  sched_yield lets the thread run where it
** shares this CPU after all. */
static bool early_wait(void)
{
    if (!early.started)
        return false;
    early.started = false;
    for (;;) {
        if (pthread_mutex_trylock(&early_lock) == 0) {
            bool done = early.done;
            pthread_mutex_unlock(&early_lock);
            if (done)
                return true;
        }
        sched_yield();
    }
}

int tui_screen_open(tui_t *t, err_t *e)
{
    if (early_wait()) {
        if (early.rc < 0) {
            *e = early.e;
            return -1;
        }
        t->colour = early.colour;
    } else if (screen_begin(&t->colour, e) < 0) {
        return -1;
    }
    screen_finish(t);
    return 0;
}

/* When there is to be no reader after all (the library or the article
** could not be opened) after tui_screen_prestart: the terminal as it
** was, and nothing written to it (screen_discard), and the signals'
** handlers as they were.  Nothing to do when no setup was started, or
** the reader has run. */
void tui_screen_abandon(void)
{
    if (early_wait() && screen)
        screen_discard();
    /* A Ctrl-Z that came meanwhile now stops contra, with the terminal
    ** as it was. */
    tstp_release();
}

/* Rows and columns the reader's own row writer handles (send_row). */
#define MAXROW 512

static void shift_sub_delete(void);

/* Rows of newscr beside a scroll's shifted columns (scroll_send). */
static cchar_t *side;
static size_t side_cap;

void tui_delete_windows(tui_t *t)
{
    WINDOW **ws[] = { &t->title, &t->status, &t->body, &t->vline,
                      &t->pane[0].head, &t->pane[0].body,
                      &t->pane[1].head, &t->pane[1].body,
                      &t->pane[2].head, &t->pane[2].body };
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
        if (*ws[i]) {
            delwin(*ws[i]);
            *ws[i] = NULL;
        }
    shift_sub_delete();
    for (int p = 0; p < P_COUNT; p++)
        t->pane[p].shown = false;
}

/* Sequences sent beside curses (the scrolling region, and the rows it
** left to repaint) are collected here and go out in one write(): through
** stdio, the "\n" that is a scroll on most terminals flushed the
** line-buffered stdout mid-sequence, and a ^Z, a kill or a resize between
** two writes could leave a scrolling region set, which tmux keeps after
** the reader exits.  The buffer grows as needed; seq_full only when it
** cannot, and then nothing is sent. */
static char *seq;
static size_t seq_len, seq_cap;
static bool seq_full;

static int seq_putc(int c)
{
    if (seq_len == seq_cap && !seq_full) {
        size_t cap = seq_cap ? seq_cap * 2 : 4096;
        char *p = realloc(seq, cap);
        if (p) {
            seq = p;
            seq_cap = cap;
        }
    }
    if (seq_len < seq_cap)
        seq[seq_len++] = (char)c;
    else
        seq_full = true;
    return c;
}

static void seq_add(const char *s)
{
    if (s)
        tputs(s, 1, seq_putc);
}

/* Room for n more bytes, written directly at seq + seq_len. */
static bool seq_room(size_t n)
{
    while (seq_cap - seq_len < n && !seq_full) {
        size_t cap = seq_cap ? seq_cap * 2 : 4096;
        char *p = realloc(seq, cap);
        if (p) {
            seq = p;
            seq_cap = cap;
        } else {
            seq_full = true;
        }
    }
    return !seq_full;
}

/* Bytes that are not a terminfo string (no padding to interpret). */
static void seq_addn(const char *s, size_t n)
{
    if (seq_cap - seq_len >= n) {
        memcpy(seq + seq_len, s, n);
        seq_len += n;
        return;
    }
    for (size_t i = 0; i < n; i++)
        seq_putc((unsigned char)s[i]);
}

/* Send what was collected, after anything stdio still holds. */
static bool seq_send(void)
{
    bool ok = !seq_full;
    fflush(stdout);
    for (size_t off = 0; ok && off < seq_len; ) {
        ssize_t w = write(fileno(stdout), seq + off, seq_len - off);
        if (w > 0)
            off += (size_t)w;
        else if (w == 0 || errno != EINTR)
            ok = false;
    }
    seq_len = 0;
    seq_full = false;
    return ok;
}

/* The terminal's real size, which differs from curses' between a resize
** and the KEY_RESIZE that reports it; false when it cannot be read. */
static bool tty_size(int *rows, int *cols)
{
    struct winsize ws;
    if (ioctl(fileno(stdout), TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
        return false;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return true;
}


/* Set the scrolling region to the whole screen before leaving it: endwin
** does not, and a region left set (by a frame cut short) would confine
** the shell's output after exit.  Setting the region homes the cursor, so
** it is put back where curses believes it is, for endwin's last move. */
static void reset_region(void)
{
    char *csr = tigetstr("csr"), *cup = tigetstr("cup");
    if (!CAP(csr))
        return;
    int rows, cols;
    if (!tty_size(&rows, &cols))
        rows = LINES;
    seq_add(tiparm(csr, 0, rows - 1));
    if (CAP(cup))
        seq_add(tiparm(cup, getcury(curscr), getcurx(curscr)));
    seq_send();
}

void tui_screen_close(tui_t *t)
{
    if (!screen)
        return;
    tui_delete_windows(t);
    paste_off();
    if (tstp_chained) {
        sigaction(SIGTSTP, &curses_tstp, NULL);
        tstp_chained = false;
    }
    reset_region();
    /* Without an alternate screen (vt100, the Linux console) the last
    ** frame stays on the terminal, and the shell's prompt comes on its
    ** bottom row, where endwin leaves the cursor: over the status line,
    ** whose end then showed after the prompt.  That row is cleared first,
    ** as less clears its own. */
    if (!isendwin() && !CAP(tigetstr("rmcup")) && LINES > 0) {
        wmove(stdscr, LINES - 1, 0);
        wclrtoeol(stdscr);
        wrefresh(stdscr);
    }
    free(seq);
    seq = NULL;
    free(side);
    side = NULL;
    side_cap = 0;
    seq_cap = seq_len = 0;
    endwin();
    delscreen(screen);
    screen = NULL;
    restore_handlers();
}

/* The windows are stdscr's subwindows, which nothing else draws in: for
** speed (issue 5), their cells are stdscr's, not ten more screens' worth
** allocated and blanked (some 0.7M instructions and 30 page faults of the
** first frame).  None overlaps another. */
static WINDOW *mkwin(int h, int w, int y, int x)
{
    WINDOW *win = derwin(stdscr, h, w, y, x);
    if (win)
        idlok(win, TRUE);
    return win;
}

static void make_pane(tui_t *t, int p, int y, int x, int h, int w, bool head)
{
    pane_t *pn = &t->pane[p];
    if (head && h >= 2) {
        pn->head = mkwin(1, w, y, x);
        y++, h--;
    }
    pn->body = mkwin(h, w, y, x);
    pn->h = h;
    pn->w = w;
    pn->shown = pn->body != NULL;
}

/* The geometry of the current screen.  Minimum useful size is 20x5;
** below it one window says so.  Wide terminals show the article's three
** panes side by side; narrow or short ones, or zoom, show the focused pane
** alone and Tab switches between them. */
#define MIN_COLS 20
#define MIN_ROWS 5
void tui_layout(tui_t *t)
{
    /* New windows start blank, as newwin's did: the cells they share with
    ** stdscr still hold what the old windows drew (blank at the start). */
    if (t->title || t->status)
        werase(stdscr);
    tui_delete_windows(t);
    t->art.drawn.valid = false;     /* new windows: paint every pane */
    t->rows = LINES;
    t->cols = COLS;
    int R = t->rows, C = t->cols;
    t->too_small = R < MIN_ROWS || C < MIN_COLS;
    /* Keys are read from the status line's window only (tui_read_key),
    ** so only it decodes them: keypad() writes "keypad transmit" to the
    ** terminal at once, one write() per window (issue 5's first frame). */
    if (t->too_small) {
        t->status = mkwin(R > 0 ? R : 1, C > 0 ? C : 1, 0, 0);
        if (t->status)
            keypad(t->status, TRUE);
        return;
    }
    t->title = mkwin(1, C, 0, 0);
    t->status = mkwin(1, C, R - 1, 0);
    if (t->status)
        keypad(t->status, TRUE);
    int H = R - 2;
    if (TOP_SCREEN(t) != SCR_ARTICLE) {
        t->body = mkwin(H, C, 1, 0);
        return;
    }
    artview_t *v = &t->art;
    bool wide = !v->zoom && C >= 80 && H >= 10;
    if (wide) {
        int sw = C / 3;
        if (sw < 28) sw = 28;
        if (sw > 50) sw = 50;
        int tw = C - sw - 1;
        int sh = H * 2 / 5;
        if (sh < 4) sh = 4;
        /* One blank column between the text and the divider, kept by
        ** the divider's window so nothing stale shows in it. */
        v->text_w = tw - 1;
        v->text_h = H;
        make_pane(t, P_TEXT, 1, 0, H, tw - 1, false);
        t->vline = mkwin(H, 2, 1, tw - 1);
        make_pane(t, P_SIDEBAR, 1, tw + 1, sh, sw, true);
        make_pane(t, P_CLAIMS, 1 + sh, tw + 1, H - sh, sw, true);
    } else {
        v->text_w = C;
        v->text_h = H;
        make_pane(t, v->focus, 1, 0, H, C, v->focus != P_TEXT);
    }
    art_relayout(t);
}

/* ---- drawing ------------------------------------------------------------ */

void tui_set_attr(WINDOW *w, role_attr_t ra)
{
    wattr_set(w, ra.attr, ra.pair, NULL);
}

void tui_set_role(WINDOW *w, int role)
{
    tui_set_attr(w, tui_roles[role]);
}

role_attr_t tui_merge(role_attr_t base, role_attr_t over)
{
    role_attr_t r = { base.attr | over.attr, over.pair ? over.pair : base.pair };
    return r;
}

/* Printable ASCII at (y, x) of w in the window's current attributes,
** the cursor left after it.  For speed (issue 5): ncursesw's waddnstr
** decodes each byte as multibyte text, some 300 instructions a
** character (most of our own drawing of a first frame); waddchnstr
** copies cells, about 25.  It applies neither the window's attributes
** nor its background, so the attributes go into each cell here, and a
** window with a background of its own, or a colour pair a cell cannot
** hold, takes waddnstr. */
void tui_put_ascii(WINDOW *w, int y, int x, const char *s, int n)
{
    chtype cells[256];
    attr_t a;
    short pair;

    if (n <= 0)
        return;
    chtype bg = getbkgd(w);
    wattr_get(w, &a, &pair, NULL);
    if (n > (int)(sizeof cells / sizeof cells[0]) || pair < 0 || pair > 255
        || (bg != 0 && bg != ' ')) {
        mvwaddnstr(w, y, x, s, n);
        return;
    }
    if (wmove(w, y, x) == ERR)
        return;
    chtype ca = (a & A_ATTRIBUTES & ~A_COLOR) | COLOR_PAIR(pair);
    for (int i = 0; i < n; i++)
        cells[i] = (chtype)(unsigned char)s[i] | ca;
    waddchnstr(w, cells, n);
    /* Where waddnstr leaves the cursor, which is where curses leaves the
    ** terminal's: after the text, or past the last column on the next
    ** row's start, or on the last cell of the window's last row. */
    if (x + n < getmaxx(w))
        wmove(w, y, x + n);
    else if (y + 1 < getmaxy(w))
        wmove(w, y + 1, 0);
    else
        wmove(w, y, getmaxx(w) - 1);
}

/* One glyph's out (glyph_t.out) at (y, x) in the window's attributes,
** the cursor left where waddstr leaves it.  For speed (issue 5): waddstr
** takes its bytes one at a time through the C library's multibyte state,
** some 2,000 instructions a glyph.  Printable ASCII goes as cells
** (tui_put_ascii), and a glyph of one code point that the C library
** calls printable and at least a column wide as a wide character, which
** curses places as it places waddstr's once decoded.  Not a cluster of
** several: waddnwstr drops a ZERO WIDTH JOINER that waddstr keeps in the
** cell (checked byte for byte), so marks and emoji sequences take
** waddstr. */
void tui_put_glyph(tui_t *t, WINDOW *w, int y, int x, const char *out)
{
    size_t n = strlen(out);
    bool ascii = n > 0;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)out[i] >= 0x20 && (unsigned char)out[i] < 0x7f;
    if (ascii) {
        tui_put_ascii(w, y, x, out, (int)n);
        return;
    }
#ifdef __STDC_ISO_10646__
    ucs4_t c;
    if (t->utf8 && u8_mbtoucr(&c, (const uint8_t *)out, n) == (int)n
        && iswprint((wint_t)c) && wcwidth((wchar_t)c) > 0) {
        wchar_t wc = (wchar_t)c;
        mvwaddnwstr(w, y, x, &wc, 1);
        return;
    }
#endif
    mvwaddstr(w, y, x, out);
}

int tui_put(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s, size_t len)
{
    if (!w || x >= xmax || y < 0 || y >= getmaxy(w))
        return x;
    if (xmax > getmaxx(w))
        xmax = getmaxx(w);
    if (wmove(w, y, x) == ERR)
        return x;
    /* Printable ASCII that stands for itself goes to curses in runs, one
    ** call per run rather than per glyph: each call converts through the
    ** multibyte machinery, and the status line, sidebar and claims rows
    ** are drawn on every key (issue 5's per-key CPU). */
    const char *run = NULL;
    int nrun = 0, runx = x;
    glyph_t g;
    for (size_t at = 0; at < len; at += g.len) {
        /* A run of ASCII that glyph_next would give back one byte a glyph
        ** is taken here without it (for speed, issue 5: the call was
        ** half of drawing the claims and sidebar rows). */
        if (glyph_ascii_alone(s, len, at)) {
            if (x >= xmax)
                break;
            if (!nrun) {
                run = s + at;
                runx = x;
            }
            do {
                nrun++;
                x++;
                at++;
            } while (at < len && x < xmax && glyph_ascii_alone(s, len, at));
            g.len = 0;
            continue;
        }
        glyph_next(s, len, at, t->utf8, &g);
        if (g.len == 0)
            break;
        if (g.width <= 0)
            continue;
        if (x + g.width > xmax)
            break;      /* never half a wide glyph in the last column */
        if (g.len == 1 && s[at] >= 0x20 && s[at] < 0x7f && g.out[0] == s[at] && !g.out[1]) {
            if (!nrun) {
                run = s + at;
                runx = x;
            }
            nrun++;
            x++;
            continue;
        }
        if (nrun) {
            tui_put_ascii(w, y, runx, run, nrun);
            nrun = 0;
        }
        tui_put_glyph(t, w, y, x, g.out);
        /* Trust our own count of columns, not the C library's wcwidth,
        ** so one disagreement cannot shift the rest of the line. */
        x += g.width;
        if (getcurx(w) != x && x < getmaxx(w))
            wmove(w, y, x);
    }
    if (nrun)
        tui_put_ascii(w, y, runx, run, nrun);
    return x;
}

int tui_puts(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s)
{
    return s ? tui_put(t, w, y, x, xmax, s, strlen(s)) : x;
}

int tui_put_safe(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s)
{
    if (!s)
        return x;
    char *c = glyph_sanitize(s, strlen(s), t->utf8);
    x = tui_puts(t, w, y, x, xmax, c);
    free(c);
    return x;
}

int tui_width(tui_t *t, const char *s)
{
    return s ? (int)glyph_width(s, strlen(s), t->utf8) : 0;
}

/* "..." where the locale is not UTF-8, as `contra list' and the
** transliteration of U+2026 write it. */
const char *tui_ellipsis(const tui_t *t)
{
    return t->utf8 ? "\xe2\x80\xa6" : "...";
}

int tui_puts_clip(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s)
{
    if (!s || x >= xmax)
        return x;
    if (glyph_width_max(s, strlen(s), t->utf8, (size_t)(xmax - x)) <= (size_t)(xmax - x))
        return tui_puts(t, w, y, x, xmax, s);
    /* Room for the ellipsis; where not even the ASCII one fits with a
    ** character before it, as many dots as there are columns. */
    const char *ell = tui_ellipsis(t);
    int ew = tui_width(t, ell);
    if (xmax - x <= ew)
        return tui_puts(t, w, y, x, xmax, ell + (t->utf8 ? 0 : ew - (xmax - x)));
    x = tui_puts(t, w, y, x, xmax - ew, s);
    return tui_puts(t, w, y, x, xmax, ell);
}

int tui_put_safe_clip(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s)
{
    if (!s)
        return x;
    char *c = glyph_sanitize(s, strlen(s), t->utf8);
    x = tui_puts_clip(t, w, y, x, xmax, c);
    free(c);
    return x;
}

static void scroll_mark(WINDOW *const *ws, size_t n);
static bool scroll_send(void);
static bool update_pending(void);
static bool repaint_begin(WINDOW *const *ws, size_t n);
static bool repaint_send(void);

void tui_flush(tui_t *t)
{
    WINDOW *ws[] = { t->title, t->body, t->vline,
                     t->pane[0].head, t->pane[0].body,
                     t->pane[1].head, t->pane[1].body,
                     t->pane[2].head, t->pane[2].body, t->status };
    bool repaint = repaint_begin(ws, sizeof ws / sizeof ws[0]);
    scroll_mark(ws, sizeof ws / sizeof ws[0]);
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
        if (ws[i])
            wnoutrefresh(ws[i]);
    /* The windows are stdscr's subwindows (mkwin), and wnoutrefresh marks
    ** changed in a subwindow whatever is marked changed in its parent.
    ** stdscr is never refreshed itself, so what a re-layout's werase (or
    ** newterm) marked there stayed marked, and every window was copied
    ** whole on every key (90K instructions of a one-line scroll).  Once
    ** passed on to the windows, above, it is done with. */
    untouchwin(stdscr);
    /* A scroll or a repaint whose rows all went out with it is the whole
    ** frame. */
    if (repaint ? repaint_send() : scroll_send())
        return;
    doupdate();
}

/* Would an update find anything to send? */
static bool update_pending(void)
{
    if (isendwin() || is_cleared(curscr) || is_cleared(newscr))
        return true;
    for (int y = 0; y < LINES; y++)
        if (is_linetouched(newscr, y) || is_linetouched(curscr, y))
            return true;
    return false;
}

/* Blank from x to xmax in the current attributes (for bars).  One
** mvwhline_set rather than a call per cell: the status line is filled on
** every key (issue 5's per-key CPU). */
void tui_fill(WINDOW *w, int y, int x, int xmax)
{
    if (xmax > getmaxx(w))
        xmax = getmaxx(w);
    if (x >= xmax)
        return;
    attr_t a;
    short pair;
    cchar_t blank;
    wattr_get(w, &a, &pair, NULL);
    setcchar(&blank, L" ", a, pair, NULL);
    mvwhline_set(w, y, x, &blank, xmax - x);
}

/* Line drawing: the alternate character set only under a UTF-8 locale
** (elsewhere terminals show "lqqk"), ASCII otherwise. */
void tui_vline(tui_t *t, WINDOW *w, int x, int y0, int y1)
{
    for (int y = y0; y < y1; y++) {
        if (t->utf8)
            mvwadd_wch(w, y, x, WACS_VLINE);
        else
            mvwaddch(w, y, x, '|');
    }
}

/* Shift rows [top, bot] of one of curses' screens by n, as the terminal
** scrolls them, and mark them unchanged. */
static void shift_screen(WINDOW *scr, int top, int bot, int n)
{
    scrollok(scr, TRUE);
    wsetscrreg(scr, top, bot);
    wscrl(scr, n);
    wsetscrreg(scr, 0, getmaxy(scr) - 1);
    scrollok(scr, FALSE);
    wtouchln(scr, top, bot - top + 1, 0);
}

/* A scroll begun by tui_scroll_region and sent by tui_flush. */
static struct {
    bool active;            /* collected in seq, not yet sent */
    bool sync;              /* bracketed by synchronized output */
    bool open;              /* that bracket went out and is not yet closed */
    int top, bot, cy, cx;
    int n;                  /* rows scrolled, up when > 0 */
    int cols;               /* newscr and curscr were shifted in columns [0, cols) */
    bool same_side;         /* beside them curscr holds what newscr does */
} pend;

/* newscr's and curscr's columns [0, w) over a scroll's rows, to shift
** them alone (tui_scroll_region_cols).  Kept from one scroll to the
** next, and deleted with the windows of a layout (tui_delete_windows):
** deleting a subwindow marks the whole of its parent changed, which at
** every key would send curses comparing every row of the screen again
** (issue 5). */
static WINDOW *shift_sub, *shift_cur;

/* Delete *w, a subwindow of scr, with scr's rows keeping the change
** marks they had: deleting it marks every row changed, which would send
** the next update over every row, and into scrolling rows whose contents
** its line hashes (kept from update to update) no longer describe: more
** bytes, and blanks in other colours on the terminal than before (issue
** 5; found by tmux comparison). */
static void sub_delete(WINDOW **w, WINDOW *scr)
{
    if (!*w)
        return;
    static bool was[MAXROW];
    int n = getmaxy(scr) < MAXROW ? getmaxy(scr) : MAXROW;
    for (int y = 0; y < n; y++)
        was[y] = is_linetouched(scr, y);
    delwin(*w);
    *w = NULL;
    for (int y = 0; y < n; y++)
        if (!was[y])
            wtouchln(scr, y, 1, 0);
}

static void shift_sub_delete(void)
{
    sub_delete(&shift_sub, newscr);
    sub_delete(&shift_cur, curscr);
}

/* The subwindows for rows [top, bot] and columns [0, cols); false when
** there can be none. */
static bool shift_sub_for(int top, int bot, int cols)
{
    int h = bot - top + 1;
    if (shift_sub && (getbegy(shift_sub) != top || getmaxy(shift_sub) != h
                      || getmaxx(shift_sub) != cols || getbegx(shift_sub) != 0))
        shift_sub_delete();     /* not expected between layouts; correct, slow */
    if (!shift_sub || !shift_cur) {
        shift_sub_delete();
        shift_sub = derwin(newscr, h, cols, top, 0);
        shift_cur = derwin(curscr, h, cols, top, 0);
        if (!shift_sub || !shift_cur) {
            shift_sub_delete();
            return false;
        }
        scrollok(shift_sub, TRUE);
        scrollok(shift_cur, TRUE);
    }
    return true;
}

/* Scroll screen rows [top, bot] by n (up when n > 0) through the
** terminal's scrolling region, and both of curses' records of the screen
** with them (curscr, what the terminal shows, and newscr, what the next
** update is to show), so that the next update sends only what the caller
** then changes (tui.c's scroll_text).  Marking the rows unchanged is safe
** only when the two screens held the same rows before, that is when the
** last update finished (curses abandons one midway when keys are waiting,
** and leaves its rows marked): else nothing is done.  The sequence goes
** out in tui_flush, with the rows it leaves to repaint (scroll_send).
** With sync, it and the frame are bracketed by "synchronized output" (DEC
** private mode 2026, which terminals that lack it ignore), so that a
** terminal that has it never shows the rows scrolled without the frame;
** tui_scroll_done ends the bracket after the update.  Curses left the
** normal attributes set at the end of its last update, so the rows the
** terminal blanks are blank as curscr says.  False, and nothing done,
** when the terminal cannot (no csr, cup, ind or indn and ri or rin) or
** its real size is not the one curses draws for (a resize not yet read):
** then curses repaints the rows itself. */
static void seq_parm(const char *cap, int p1, int p2);

bool tui_scroll_region(tui_t *t, int top, int bot, int n, bool sync)
{
    return tui_scroll_region_cols(t, top, bot, n, sync, t->cols);
}

bool tui_scroll_region_cols(tui_t *t, int top, int bot, int n, bool sync, int cols)
{
    if (!screen || pend.active || n == 0 || top < 0 || bot >= t->rows || top >= bot
        || is_cleared(curscr))
        return false;
    char *csr = tigetstr("csr"), *cup = tigetstr("cup");
    char *one = tigetstr(n > 0 ? "ind" : "ri"), *many = tigetstr(n > 0 ? "indn" : "rin");
    if (!CAP(csr) || !CAP(cup) || (!CAP(one) && !CAP(many)))
        return false;
    for (int y = top; y <= bot; y++)
        if (is_linetouched(newscr, y) || is_linetouched(curscr, y))
            return false;
    int rows, tcols;
    if (!tty_size(&rows, &tcols) || rows != t->rows || tcols != t->cols)
        return false;
    bool part = cols > 0 && cols < t->cols;
    if (part && !shift_sub_for(top, bot, cols))
        return false;
    int k = n > 0 ? n : -n;
    seq_len = 0;
    seq_full = false;
    if (sync)
        seq_add("\033[?2026h");
    seq_parm(csr, top, bot);
    seq_parm(cup, n > 0 ? bot : top, 0);
    if (CAP(many) && (k > 1 || !CAP(one)))
        seq_add(tiparm(many, k));
    else
        for (int i = 0; i < k; i++)
            seq_add(one);
    /* Setting the region homes the cursor (scroll_send puts it back). */
    seq_parm(csr, 0, t->rows - 1);
    if (seq_full) {
        seq_len = 0;
        seq_full = false;
        return false;
    }
    pend.active = true;
    pend.sync = sync;
    pend.top = top;
    pend.bot = bot;
    pend.cy = getcury(curscr);
    pend.cx = getcurx(curscr);
    pend.n = n;
    pend.same_side = false;
    /* The terminal scrolled whole rows; newscr,
    ** what is to be shown, moves only in the caller's columns.  Beside
    ** them (the side panes) newscr keeps the rows it had, so their windows
    ** need not be copied into it again, and the rows are marked for
    ** scroll_send to put back where the terminal moved them (issue 5:
    ** the side panes' copy and their reading from two screens were most
    ** of a one-line scroll's instructions). */
    if (part) {
        /* The subwindows' cells are the screens'; only their own records
        ** of changes are marked, which nothing reads.  curscr is shifted
        ** in the same columns: beside them it says what the terminal
        ** showed before the scroll, which scroll_mark corrects, or, when
        ** the side panes did not change, scroll_send writes over on the
        ** terminal (see there). */
        wscrl(shift_sub, n);
        untouchwin(shift_sub);
        wscrl(shift_cur, n);
        untouchwin(shift_cur);
        wtouchln(newscr, top, bot - top + 1, 1);
        pend.cols = cols;
    } else {
        shift_screen(curscr, top, bot, n);
        shift_screen(newscr, top, bot, n);
        pend.cols = t->cols;
    }
    wmove(curscr, pend.cy, pend.cx);
    return true;
}

bool tui_scroll_rows(tui_t *t, int top, int bot, int n)
{
    return tui_scroll_region(t, top, bot, n, true);
}

/* ---- sending rows beside curses -------------------------------------------
** After a scroll, the rows left to repaint (the new rows, and beside the
** side panes every row of the panes, which moved with the text) are sent
** from here, from newscr, in the scroll's write.  Curses would send the
** same cells, but its update costs were most of a key's CPU: for each row
** it compares every cell, costs several cursor motions through tiparm and
** expands colour capabilities at every change of attributes (issue 5).
** Here a row costs one cursor address, its cells, and attribute changes
** remembered from earlier ones.  A row with anything unusual (a wide
** glyph, the alternate character set) is left to curses; so is every row
** on a terminal with magic-cookie attributes. */

/* Attribute changes, as curses writes them for this terminal: from one
** attribute and pair to another. */
static struct vmove {
    attr_t fa, ta;
    short fp, tp;
    unsigned char len;
    char s[45];
} vmoves[64];
static int nvmoves;
static SCREEN *vmoves_screen;

/* vmoves by their four keys, for speed (issue 5): a first frame asks for
** some 200 changes, and the list was searched from its start for each.
** An index into vmoves plus one, 0 for none; never full (twice as many
** slots as vmoves). */
static unsigned char vmove_slot[128];

static unsigned vmove_hash(attr_t fa, short fp, attr_t ta, short tp)
{
    unsigned h = (unsigned)fa * 31u ^ (unsigned)(unsigned short)fp * 131u
        ^ (unsigned)ta * 17u ^ (unsigned)(unsigned short)tp * 7u;
    return (h ^ h >> 7 ^ h >> 15) % (sizeof vmove_slot / sizeof vmove_slot[0]);
}

/* The capabilities seq_attr needs, read once per terminal (tigetstr
** searches the capability names: 16,000 instructions of a first frame). */
static const char *va_op, *va_sgr0;
static bool va_ax;

/* Cursor addresses and scrolling regions, as tiparm expands them: the
** same few come back on every key.  A scroll beside the side panes
** addresses some 40 rows at columns that move with their text; with 256
** slots (row * 37 + column) a tenth of them missed on every key, each
** miss a tiparm of some 2,400 instructions (issue 5): 1024 slots, and a
** row stride that keeps a screen's rows apart. */
static struct parmstr {
    const char *cap;
    short p1, p2;
    unsigned char len;
    char s[13];
} cups[1024];

/* The remembered sequences belong to one terminal. */
static void forget_sequences(void)
{
    if (vmoves_screen == screen)
        return;
    /* Before the first terminal they are still as the program started,
    ** all zero: clearing cups wrote to its eight pages, eight page faults
    ** before the first frame (issue 5), only to leave them zero. */
    if (vmoves_screen) {
        nvmoves = 0;
        memset(vmove_slot, 0, sizeof vmove_slot);
        for (size_t i = 0; i < sizeof cups / sizeof cups[0]; i++)
            cups[i].len = 0;
    }
    va_op = tigetstr("op");
    va_sgr0 = tigetstr("sgr0");
    va_ax = tigetflag("AX") > 0;
    vmoves_screen = screen;
}

static void seq_parm(const char *cap, int p1, int p2)
{
    forget_sequences();
    struct parmstr *c = &cups[((unsigned)p1 * 131u + (unsigned)p2) % (sizeof cups / sizeof cups[0])];
    if (c->len && c->cap == cap && c->p1 == p1 && c->p2 == p2) {
        seq_addn(c->s, c->len);
        return;
    }
    const char *s = tiparm(cap, p1, p2);
    size_t n = s ? strlen(s) : 0;
    /* Only a plain string: one with padding goes through tputs. */
    if (n && n < sizeof c->s && !strchr(s, '$')) {
        c->cap = cap;
        c->p1 = (short)p1;
        c->p2 = (short)p2;
        c->len = (unsigned char)n;
        memcpy(c->s, s, n);
        seq_addn(s, n);
    } else {
        seq_add(s);
    }
}

static void seq_cup(const char *cup, int y, int x)
{
    seq_parm(cup, y, x);
}

/* Where the terminal's cursor is while rows are written (at_y -1 when
** not known), and the capabilities that move it (move_begin). */
static int at_y = -1, at_x;
static const char *mv_cup, *mv_hpa, *mv_vpa, *mv_cr;

/* A movement capability read once a flush, when it only pushes its first
** two parameters, adds one to them and prints them in decimal, as cursor
** addresses do on most terminals; others go through tiparm (mv_parm).
** For speed (issue 5): tiparm costs some 2,000 instructions a call, and
** seq_move weighs two or three ways for each of the fifty moves a
** one-line scroll in three panes makes; from this form a way's length is
** a sum, and the way taken a copy. */
typedef struct mv_form {
    const char *cap;
    bool simple;                /* read: mv_len and mv_send need no tiparm */
    unsigned char lit;          /* its bytes that are not parameters */
    unsigned char nops;
    /* In order: a literal stretch of cap (len > 0 bytes from off), or a
    ** parameter printed in decimal (len 0; param 0 or 1, plus add from
    ** %i). */
    struct { unsigned char off, len, param, add; } op[9];
} mv_form_t;

static mv_form_t mvf_cup, mvf_hpa, mvf_vpa;

static void mv_compile(mv_form_t *m, const char *cap)
{
    m->cap = cap;
    m->simple = false;
    m->lit = m->nops = 0;
    if (!cap)
        return;
    unsigned char sparam[4], sadd[4], inc = 0;
    int sp = 0;
    for (const char *p = cap; *p; p++) {
        if (p - cap > 64 || m->nops == sizeof m->op / sizeof m->op[0])
            return;
        if (*p == '$' && p[1] == '<')
            return;
        if (*p == '%') {
            p++;
            if (*p == 'i' && inc < 2) {
                inc++;
                continue;
            } else if (*p == 'p' && (p[1] == '1' || p[1] == '2') && sp < 4) {
                sparam[sp] = (unsigned char)(*++p - '1');
                sadd[sp++] = inc;
                continue;
            } else if (*p == 'd' && sp > 0) {
                sp--;
                m->op[m->nops].len = 0;
                m->op[m->nops].param = sparam[sp];
                m->op[m->nops++].add = sadd[sp];
                continue;
            } else if (*p != '%') {
                return;
            }
        }
        /* One byte of text ("%%" is one): it joins the stretch before it
        ** when that ends where it begins. */
        m->lit++;
        if (m->nops && m->op[m->nops - 1].len
            && m->op[m->nops - 1].off + m->op[m->nops - 1].len == p - cap) {
            m->op[m->nops - 1].len++;
        } else {
            m->op[m->nops].off = (unsigned char)(p - cap);
            m->op[m->nops++].len = 1;
        }
    }
    m->simple = true;
}

static void move_begin(const char *cup, int y, int x)
{
    mv_cup = cup;
    mv_hpa = tigetstr("hpa");
    mv_vpa = tigetstr("vpa");
    mv_cr = tigetstr("cr");
    if (!CAP(mv_hpa))
        mv_hpa = NULL;
    if (!CAP(mv_vpa) || !CAP(mv_cr))
        mv_vpa = NULL;
    mv_compile(&mvf_cup, mv_cup);
    mv_compile(&mvf_hpa, mv_hpa);
    mv_compile(&mvf_vpa, mv_vpa);
    at_y = y;
    at_x = x;
}

/* Send cap with p1 and p2 when emit, as tiparm expands it, and say how
** many bytes it is: for a capability mv_compile cannot read, or a
** parameter past what it prints. */
static size_t mv_parm(const char *cap, int p1, int p2, bool emit)
{
    size_t at = seq_len;
    seq_parm(cap, p1, p2);
    size_t n = seq_len - at;
    if (!emit && !seq_full)
        seq_len = at;
    return n;
}

static inline int decimal_digits(int x)
{
    return x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10000 ? 4 : 5;
}

/* How many bytes m's capability is with p1 and p2: what mv_send would
** send, without making it. */
static size_t mv_len(const mv_form_t *m, int p1, int p2)
{
    if (!m->simple)
        return mv_parm(m->cap, p1, p2, false);
    int v[2] = { p1, p2 };
    size_t n = m->lit;
    for (int i = 0; i < m->nops; i++) {
        if (m->op[i].len)
            continue;
        int x = v[m->op[i].param] + m->op[i].add;
        if (x < 0 || x > 99999)
            return mv_parm(m->cap, p1, p2, false);
        n += (size_t)decimal_digits(x);
    }
    return n;
}

/* Send m's capability with p1 and p2. */
static void mv_send(const mv_form_t *m, int p1, int p2)
{
    char b[128];
    int v[2] = { p1, p2 };
    size_t n = 0;
    if (!m->simple) {
        mv_parm(m->cap, p1, p2, true);
        return;
    }
    for (int i = 0; i < m->nops; i++) {
        if (m->op[i].len) {
            /* A byte or two: a call to memcpy costs more. */
            for (const char *c = m->cap + m->op[i].off, *e = c + m->op[i].len; c < e; )
                b[n++] = *c++;
            continue;
        }
        int x = v[m->op[i].param] + m->op[i].add;
        if (x < 0 || x > 99999) {
            mv_parm(m->cap, p1, p2, true);
            return;
        }
        int k = decimal_digits(x);
        for (int j = k - 1; j >= 0; j--, x /= 10)
            b[n + (size_t)j] = (char)('0' + x % 10);
        n += (size_t)k;
    }
    seq_addn(b, n);
}

/* Move the cursor to (y, x) by the shortest of a cursor address, a
** column on the cursor's row, or a carriage return and a row: for the
** bytes (issue 5), a row's start costs "\r\033[5d" where an address is
** "\033[5;1H", and curses chooses among these and more.  The second
** parameter of hpa and vpa is a key for seq_parm's cache only. */
static void seq_move(int y, int x)
{
    if (at_y == y && at_x == x)
        return;
    size_t best = mv_len(&mvf_cup, y, x);
    int how = 0;
    if (at_y == y && mv_hpa) {
        size_t n = mv_len(&mvf_hpa, x, -1);
        if (n < best)
            best = n, how = 1;
    }
    bool col = at_y >= 0 && at_x == x;
    if (mv_vpa && (x == 0 || col)) {
        size_t n = (col ? 0 : strlen(mv_cr)) + mv_len(&mvf_vpa, y, -1);
        if (n < best)
            best = n, how = 2;
    }
    if (how == 1) {
        mv_send(&mvf_hpa, x, -1);
    } else if (how == 2) {
        if (!col)
            seq_add(mv_cr);
        mv_send(&mvf_vpa, y, -1);
    } else {
        mv_send(&mvf_cup, y, x);
    }
    at_y = y;
    at_x = x;
}

static int put_nothing(int c)
{
    return c;
}

/* Does a change from pair fp to pair tp take the terminal's colours back
** to its defaults (a default colour where fp had one of its own)?  Curses
** then sends orig_pair itself, straight into its own output and not
** through the function vid_puts is given (ncurses' lib_color.c), so what
** seq_attr keeps would lack it and the old background would run on; the
** reset is put in here instead. */
static bool resets_colours(short fp, short tp)
{
    short ff, fb, tf, tb, df, db;
    if (fp == tp || fp == 0)
        return false;
    if (pair_content(fp, &ff, &fb) == ERR || pair_content(tp, &tf, &tb) == ERR)
        return true;
    if (!((tf < 0 && ff >= 0) || (tb < 0 && fb >= 0)))
        return false;
    /* Where the terminal has SGR 39 and 49 apart ("AX"), and the default
    ** colours are in use, curses takes back one colour of the two with
    ** them, through the function, and sends orig_pair only when both were
    ** set: op here then would only cost bytes (some 180 of a first frame
    ** in 5,500, issue 5). */
    if (va_ax && pair_content(0, &df, &db) == OK && df < 0 && db < 0
        && ((ff >= 0 && fb < 0) || (ff < 0 && fb >= 0)))
        return false;
    return true;
}

static void seq_attr(attr_t fa, short fp, attr_t ta, short tp)
{
    if (fa == ta && fp == tp)
        return;
    short key_fp = fp;
    forget_sequences();
    unsigned h = vmove_hash(fa, fp, ta, tp);
    for (; vmove_slot[h]; h = (h + 1) % (sizeof vmove_slot / sizeof vmove_slot[0])) {
        struct vmove *m = &vmoves[vmove_slot[h] - 1];
        if (m->fa == fa && m->fp == key_fp && m->ta == ta && m->tp == tp) {
            seq_addn(m->s, m->len);
            return;
        }
    }
    /* Curses writes a change from what it believes the terminal shows:
    ** tell it (writing nothing), then keep what it writes.  What it would
    ** send of its own accord while being told goes out at the start of
    ** its next write, when the terminal and curses are back at normal
    ** (scroll_send ends there), where it changes nothing. */
    size_t at = seq_len;
    const char *op = va_op, *sgr0 = va_sgr0;
    attr_t told = fa;
    if (resets_colours(fp, tp) && CAP(op)) {
        seq_add(op);
        fp = 0;
        /* What the terminal shows of fa with the old colours is not
        ** always fa: curses leaves out the attributes that cannot go with
        ** colour there (ncv; dim on the Linux console, so a caption lost
        ** its dim after a search match in it).  After sgr0 it is known. */
        if ((fa & A_ATTRIBUTES & ~A_COLOR) && CAP(sgr0)) {
            seq_add(sgr0);
            told = A_NORMAL;
        }
    }
    vid_puts(told, fp, NULL, put_nothing);
    vid_puts(ta, tp, NULL, seq_putc);
    size_t n = seq_len - at;
    if (!seq_full && nvmoves < (int)(sizeof vmoves / sizeof vmoves[0])
        && n < sizeof vmoves[0].s) {
        struct vmove *m = &vmoves[nvmoves++];
        m->fa = fa;
        m->fp = key_fp;
        m->ta = ta;
        m->tp = tp;
        m->len = (unsigned char)n;
        memcpy(m->s, seq + at, n);
        vmove_slot[h] = (unsigned char)nvmoves;
    }
}

static bool same_cell(const cchar_t *a, const cchar_t *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* A blank that el clears to: bold, dim, blinking or italic show nothing
** on a blank (curses clears these too). */
static bool blank_cell(const cchar_t *c)
{
    return c->chars[0] == L' ' && c->chars[1] == 0
        && (c->attr & A_ATTRIBUTES & ~(attr_t)(A_BOLD | A_DIM | A_BLINK | A_ITALIC)) == 0
#if NCURSES_EXT_COLORS
        && c->ext_color == 0
#endif
        ;
}

/* A cell's attributes without its colour, and its colour pair, as
** getcchar gives them (ncurses 6.4: the extended pair where the cell has
** one, else the pair in its attributes); for speed (issue 5), without
** the call and the copy of the characters it also makes, some 110
** instructions at each change of attributes in a row. */
static void cell_attr(const cchar_t *c, attr_t *a, short *pair)
{
    *a = c->attr & A_ATTRIBUTES & ~A_COLOR;
#if NCURSES_EXT_COLORS
    *pair = (short)(c->ext_color ? c->ext_color : PAIR_NUMBER(c->attr));
#else
    *pair = (short)PAIR_NUMBER(c->attr);
#endif
}

/* The most bytes one cell can take in the locale's encoding. */
#define CELL_BYTES (CCHARW_MAX * MB_LEN_MAX)

/* c in UTF-8 at out, as the C library's wcrtomb writes it in a UTF-8
** locale, where c is a Unicode scalar value; 0, and nothing written, for
** anything else, which is left to wcrtomb.  For speed (issue 5): wcrtomb
** costs some 250 instructions a character, and every row beside the side
** panes has one (the divider). */
static size_t utf8_put(char *out, wchar_t c)
{
    unsigned long u = (unsigned long)c;
    if (u < 0x80) {
        out[0] = (char)u;
        return 1;
    }
    if (u < 0x800) {
        out[0] = (char)(0xc0 | u >> 6);
        out[1] = (char)(0x80 | (u & 0x3f));
        return 2;
    }
    if (u >= 0xd800 && u < 0xe000)
        return 0;
    if (u < 0x10000) {
        out[0] = (char)(0xe0 | u >> 12);
        out[1] = (char)(0x80 | (u >> 6 & 0x3f));
        out[2] = (char)(0x80 | (u & 0x3f));
        return 3;
    }
    if (u < 0x110000) {
        out[0] = (char)(0xf0 | u >> 18);
        out[1] = (char)(0x80 | (u >> 12 & 0x3f));
        out[2] = (char)(0x80 | (u >> 6 & 0x3f));
        out[3] = (char)(0x80 | (u & 0x3f));
        return 4;
    }
    return 0;       /* wcrtomb's */
}

/* In a repaint, curscr's rows, all blank alike, read once; and whether
** the cells of that row are all one cell, as they are after a clear. */
static const cchar_t *blank_row;
static bool blank_uniform;

/* One write of rows (scroll_send, repaint_send): how the terminal clears
** a row's end, whether it keeps attributes while the cursor moves, and
** the attributes the rows sent so far left it in. */
typedef struct rows_out {
    const char *el;         /* NULL: rows' ends are written, not cleared */
    bool msgr;
    bool utf8;              /* the locale's encoding is UTF-8 */
    attr_t ca;
    short cp;
} rows_out_t;

static void rows_begin(rows_out_t *o)
{
    o->el = tigetstr("el");
    /* el clears in the current attributes, sent as normal; "xhp" terminals
    ** clear attributes with it in ways curses works around itself. */
    if (!CAP(o->el) || tigetflag("xhp") > 0)
        o->el = NULL;
    o->msgr = tigetflag("msgr") > 0;
    o->utf8 = locale_is_utf8();
    o->ca = A_NORMAL;
    o->cp = 0;
}

/* The terminal's attributes to a, pair. */
static void rows_attr(rows_out_t *o, attr_t a, short pair)
{
    seq_attr(o->ca, o->cp, a, pair);
    o->ca = a;
    o->cp = pair;
}

/* Normal attributes before the cursor moves, where it cannot move in
** others (no msgr); whether they were changed. */
static bool rows_before_move(rows_out_t *o)
{
    if (!(o->ca || o->cp) || o->msgr)
        return false;
    rows_attr(o, A_NORMAL, 0);
    return true;
}

/* After the rows: the terminal at normal, as curses then believes. */
static void rows_end(rows_out_t *o)
{
    rows_attr(o, A_NORMAL, 0);
    vid_puts(A_NORMAL, 0, NULL, put_nothing);
}

static bool send_cells(rows_out_t *o, int y, int lo, int hi, int cols,
                       const cchar_t *nr, const cchar_t *orow, bool record);

/* Send row y of newscr where it differs from curscr; false when the row
** must be left to curses. */
static bool send_row(rows_out_t *o, int y, int lo, int hi, int cols)
{
    static cchar_t nbuf[MAXROW + 1], obuf[MAXROW + 1];
    /* One cell more on each side, so that a wide glyph across the edge
    ** shows (send_cells). */
    int a = lo > 0 ? lo - 1 : 0, b = hi < cols ? hi + 1 : cols;
    if (mvwin_wchnstr(newscr, y, a, nbuf, b - a) == ERR
        || (!blank_row && mvwin_wchnstr(curscr, y, a, obuf, b - a) == ERR))
        return false;
    return send_cells(o, y, lo, hi, cols, nbuf - a,
                      (blank_row ? blank_row : obuf) - a, true);
}

/* Compare cells [a, b) of nr and orow into same[], and find the first
** and last that differ (*f -1 when none); false when the row must be left
** to curses: a cell that is not there (the second half of a wide glyph,
** which win_wchnstr leaves out, ends the row early with a zeroed cell),
** or a changed cell in the alternate character set.  A function of its
** own, with restrict pointers, for speed (issue 5): the stores into
** same[] may otherwise alias the cells, and every cell's loads were made
** again after each store. */
/* Cell x of the new row differs: the first and last that do, and false
** for one that curses must write (the alternate character set). */
static inline bool note_diff(const cchar_t *c, int x, int *first, int *last)
{
    if (*first < 0)
        *first = x;
    *last = x;
    return !(c->attr & A_ALTCHARSET);
}

static bool diff_cells(const cchar_t *restrict nr, const cchar_t *restrict orow,
                       bool *restrict same, int a, int b, int *f, int *l)
{
    int first = -1, lastd = -1;
    for (int x = a; x < b; x++) {
        if (!nr[x].chars[0] || !orow[x].chars[0])
            return false;
        bool s = same_cell(&nr[x], &orow[x]);
        same[x] = s;
        if (!s && !note_diff(&nr[x], x, &first, &lastd))
            return false;
    }
    *f = first;
    *l = lastd;
    return true;
}

/* diff_cells where every cell of orow is blank (a repaint), for speed
** (issue 5): the blank is held in registers, not read again for each
** cell, and the blanks that end the row (most of a repaint's cells) are
** found first and only compared; *end is where they begin. */
static bool diff_blank(const cchar_t *restrict nr, const cchar_t blank,
                       bool *restrict same, int a, int b, int *f, int *l, int *end)
{
    if (!blank.chars[0])
        return false;
    int e = b;
    while (e > a && same_cell(&nr[e - 1], &blank))
        e--;
    memset(same + e, true, (size_t)(b - e) * sizeof *same);
    *end = e;
    int first = -1, lastd = -1;
    for (int x = a; x < e; x++) {
        /* Most cells that differ differ in their first character. */
        bool s = false;
        if (nr[x].chars[0] == blank.chars[0])
            s = same_cell(&nr[x], &blank);
        else if (!nr[x].chars[0])
            return false;
        same[x] = s;
        if (!s && !note_diff(&nr[x], x, &first, &lastd))
            return false;
    }
    *f = first;
    *l = lastd;
    return true;
}

/* The cells from c on, at most n, that are printable ASCII alone with
** attributes attr and extended colour ext (unused without extended
** colours), written to out; how many.  For speed (issue 5), as
** diff_cells: most cells of a row go through here. */
static int ascii_cells(char *restrict out, const cchar_t *restrict c, int n,
                       attr_t attr, int ext)
{
    int i = 0;
    (void)ext;
    while (i < n && c[i].attr == attr
#if NCURSES_EXT_COLORS
           && c[i].ext_color == ext
#endif
           && c[i].chars[0] < 0x80 && !c[i].chars[1]) {
        out[i] = (char)c[i].chars[0];
        i++;
    }
    return i;
}

/* Send the cells of row y in [lo, hi) that differ between nr (to be
** shown) and orow (shown now), both indexed by column and read from
** lo - 1 to hi + 1 (within the row); false when the row must be left to
** curses.  With record, the cells sent are copied into curscr, which
** otherwise holds them already. */
static bool send_cells(rows_out_t *o, int y, int lo, int hi, int cols,
                       const cchar_t *nr, const cchar_t *orow, bool record)
{
    int a = lo > 0 ? lo - 1 : 0, b = hi < cols ? hi + 1 : cols;
    static bool same_buf[MAXROW + 1];
    bool *same = same_buf - a;      /* indexed by column */
    int f = -1, l = -1, end = -1;   /* set by the diff; for gcc -O1 */
    bool blank_old = blank_uniform && orow == blank_row - a;
    if (!(blank_old ? diff_blank(nr, blank_row[0], same, a, b, &f, &l, &end)
          : diff_cells(nr, orow, same, a, b, &f, &l)))
        return false;
    if (f < 0)
        return true;
    /* Blanks to the end of the row, all alike, are cleared with el in
    ** their own attributes, as curses clears them, so that the terminal
    ** holds what curscr says.  Over a blank row they are the blanks
    ** diff_blank found, when they are the old row's blank. */
    int e = b;
    if (b == cols && blank_cell(&nr[cols - 1])) {
        if (blank_old && end < b && same_cell(&nr[cols - 1], &blank_row[0]))
            e = end;
        else
            while (e > f && same_cell(&nr[e - 1], &nr[cols - 1]))
                e--;
    }
    bool clear = o->el && b == cols && e <= l && cols - e > 4;
    int last = clear ? e - 1 : l;
    /* The bottom right cell (a full repaint's status line): after it, a
    ** terminal with automatic margins would scroll the screen, so it goes
    ** out with them turned off, as curses writes it; curses' other ways
    ** (insert mode) are left to it. */
    const char *rmam = NULL, *smam = NULL;
    if (y == LINES - 1 && last == cols - 1 && tigetflag("am") > 0) {
        rmam = tigetstr("rmam");
        smam = tigetstr("smam");
        if (!CAP(rmam) || !CAP(smam))
            return false;
    }
    rows_before_move(o);
    seq_move(y, f);
    attr_t ra = (attr_t)-1;
    int rp = -1;            /* the extended colour, where there is one */
    mbstate_t mb;
    memset(&mb, 0, sizeof mb);
    bool bad = false;
    /* Cells go straight into the buffer, with room for them made before
    ** each stretch, not at each cell: here, and again after anything else
    ** goes in (an attribute change, a move, the margins' switch). */
    int corner_x = rmam ? cols - 1 : -1;
    if (!seq_room((size_t)(last - f + 1) * CELL_BYTES))
        return false;       /* nothing will be sent (seq_full) */
    int run_end = f;        /* cells before it are not a move's stretch */
    for (int x = f; x <= last; ) {
        /* Over a stretch the terminal shows already, a cursor address
        ** is shorter than its cells (as curses does). */
        if (x >= run_end && same[x]) {
            int r = x;
            while (r <= last && same[r])
                r++;
            if (r - x > 8) {
                if (rows_before_move(o))
                    ra = (attr_t)-1, rp = -1;   /* the next cell sets them again */
                at_y = y;       /* after the cells before x */
                at_x = x;
                seq_move(y, r);
                if (!seq_room((size_t)(last - r + 1) * CELL_BYTES))
                    return false;
                x = r;
                continue;
            }
            run_end = r;
        }
        const cchar_t *c = &nr[x];
#if NCURSES_EXT_COLORS
        int cx = c->ext_color;
#else
        int cx = 0;
#endif
        if (c->attr != ra || cx != rp) {
            attr_t ca;
            short pair;
            cell_attr(c, &ca, &pair);
            rows_attr(o, ca, pair);
            ra = c->attr;
            rp = cx;
            if (!seq_room((size_t)(last - x + 1) * CELL_BYTES))
                return false;
        }
        if (x == corner_x) {
            seq_add(rmam);
            if (!seq_room(CELL_BYTES))
                return false;
        } else {
            /* ASCII in the same attributes (most cells), up to the corner
            ** or the next stretch long enough for a move: the stretches
            ** on the way (the spaces between words) are found here, once,
            ** and not looked at again (run_end). */
            int stop = last + 1;
            if (corner_x >= 0 && corner_x < stop)
                stop = corner_x;
            if (x >= run_end) {
                int r = x;
                while (r < stop) {
                    if (!same[r]) {
                        r++;
                        continue;
                    }
                    int q = r;
                    while (q <= last && same[q])
                        q++;
                    if (q - r > 8)
                        break;
                    r = q;
                }
                run_end = r;
            }
            if (run_end < stop)
                stop = run_end;
            int n = ascii_cells(seq + seq_len, c, stop - x, ra, rp);
            if (n > 0) {
                seq_len += (size_t)n;
                x += n;
                continue;
            }
        }
        for (int i = 0; i < CCHARW_MAX && c->chars[i]; i++) {
            size_t n = o->utf8 ? utf8_put(seq + seq_len, c->chars[i]) : 0;
            if (n == 0)
                n = wcrtomb(seq + seq_len, c->chars[i], &mb);
            if (n == (size_t)-1) {
                /* Not in this locale (curses would not have stored it):
                ** curscr keeps the old cells, so curses rewrites these. */
                seq[seq_len++] = '?';
                bad = true;
                memset(&mb, 0, sizeof mb);
            } else {
                seq_len += n;
            }
        }
        if (x == corner_x)
            seq_add(smam);
        x++;
    }
    /* After the last column the cursor waits at the margin, or has
    ** wrapped, as the terminal does it. */
    at_y = last < cols - 1 ? y : -1;
    at_x = last + 1;
    if (clear) {
        attr_t ea = nr[cols - 1].attr & A_ATTRIBUTES & ~A_COLOR;
        rows_attr(o, ea, 0);
        seq_add(o->el);
    }
    /* curses' record of the terminal: the row as sent (copywin copies
    ** cells as they are; writing them would merge in curscr's
    ** attributes, which are curses' record of the terminal's). */
    if (bad)
        return false;
    if (record)
        copywin(newscr, curscr, y, f, y, f, y, l, FALSE);
    return true;
}
/* For each row of a scroll, the columns its update may change: those
** of the windows with the row touched, seen before wnoutrefresh copies
** them into newscr.  The rest of the row is as the scroll left it, the
** same in newscr and curscr (both were shifted alike, from the same
** rows), so it need not be read. */
static short dirty_lo[MAXROW], dirty_hi[MAXROW];

/* Every row of the scroll to be sent beside the columns it shifted. */
static void mark_side_dirty(void)
{
    for (int y = pend.top; y <= pend.bot; y++) {
        if (pend.cols < dirty_lo[y])
            dirty_lo[y] = (short)pend.cols;
        dirty_hi[y] = (short)COLS;
    }
}

/* Beside the columns a scroll shifted: make curscr's row y what the
** terminal shows there now, that is newscr's row y + n (which is still
** what it was) or, for the rows that came in, blanks. */
static void side_truth(int y)
{
    int src = y + pend.n;
    if (src >= pend.top && src <= pend.bot) {
        copywin(newscr, curscr, src, pend.cols, y, pend.cols, y, COLS - 1, FALSE);
    } else {
        cchar_t blank;
        wgetbkgrnd(curscr, &blank);
        mvwhline_set(curscr, y, pend.cols, &blank, COLS - pend.cols);
    }
}

/* Can scroll_send write every row of the scroll itself? */
static bool scroll_sendable(void)
{
    /* Never the bottom row: its last cell scrolls some terminals. */
    return tigetnum("xmc") <= 0 && COLS <= MAXROW && pend.bot < MAXROW && pend.bot < LINES - 1;
}

static void scroll_mark(WINDOW *const *ws, size_t n)
{
    if (!pend.active)
        return;
    if (pend.cols < COLS) {
        /* When no window beside the shifted columns changed (the side
        ** panes, whose rows the terminal moved), newscr there holds what
        ** curscr does, and scroll_send compares newscr's rows with the
        ** rows of newscr the terminal moved to them: for speed (issue 5),
        ** curscr there is neither read nor written.  Otherwise curscr is
        ** told what the terminal shows, before the windows are copied. */
        bool changed = !scroll_sendable();
        for (int y = pend.top; y <= pend.bot && !changed; y++)
            changed = is_linetouched(stdscr, y);
        for (size_t i = 0; i < n && !changed; i++) {
            WINDOW *w = ws[i];
            if (!w || getbegx(w) + getmaxx(w) <= pend.cols)
                continue;
            int by = getbegy(w);
            for (int y = by; y < by + getmaxy(w) && !changed; y++)
                changed = y >= pend.top && y <= pend.bot && is_linetouched(w, y - by);
        }
        pend.same_side = !changed;
        if (changed) {
            for (int y = pend.top; y <= pend.bot; y++)
                side_truth(y);
            wtouchln(curscr, pend.top, pend.bot - pend.top + 1, 0);
            wmove(curscr, pend.cy, pend.cx);
        }
    }
    if (pend.bot >= MAXROW)
        return;
    for (int y = pend.top; y <= pend.bot; y++) {
        dirty_lo[y] = SHRT_MAX;
        dirty_hi[y] = -1;
    }
    for (size_t i = 0; i < n; i++) {
        WINDOW *w = ws[i];
        if (!w)
            continue;
        int by = getbegy(w), bx = getbegx(w), ex = bx + getmaxx(w);
        int y0 = by > pend.top ? by : pend.top;
        int y1 = by + getmaxy(w) - 1 < pend.bot ? by + getmaxy(w) - 1 : pend.bot;
        for (int y = y0; y <= y1; y++)
            if (is_linetouched(w, y - by)) {
                if (bx < dirty_lo[y])
                    dirty_lo[y] = (short)bx;
                if (ex > dirty_hi[y])
                    dirty_hi[y] = (short)ex;
            }
    }
    /* The columns the scroll left unshifted, with windows there changed
    ** (above). */
    if (pend.cols < COLS && !pend.same_side)
        mark_side_dirty();
}

/* After the reader's own write, give curses the terminal's cursor at y, x.
** Curses keeps its own idea of where the terminal's cursor is, apart from
** curscr's (with the cursor hidden it need not have moved it there), and
** moves relatively from it where that is cheaper, as on a vt100: moving
** from "unknown" makes it address the cursor absolutely and take this
** position as its own.  What it writes (through stdio) is where the cursor
** is already; for speed it is dropped where the C library can drop it,
** rather than cost a write() of its own. */
static void tell_cursor(int y, int x)
{
    fflush(stdout);
    mvcur(-1, -1, y, x);
#ifdef HAVE_FPURGE
    __fpurge(stdout);
#else
    fflush(stdout);
#endif
}

/* Send the scroll that tui_scroll_region began, with the rows it left
** to repaint, now that every window is in newscr (tui_flush); false when
** there was none or it could not be sent. */
static bool scroll_send(void)
{
    if (!pend.active)
        return false;
    pend.active = false;
    char *cup = tigetstr("cup");
    rows_out_t o;
    rows_begin(&o);
    /* Reading a row moves a window's cursor, and newscr's is where the
    ** update leaves the terminal's. */
    int ny = getcury(newscr), nx = getcurx(newscr);
    move_begin(cup, -1, 0);     /* the scrolling region moved the cursor */
    /* Beside the shifted columns, unchanged (scroll_mark): newscr's cells
    ** there, from the column before them, read once for the row itself
    ** and for the row the terminal moved to it. */
    int sa = pend.cols - 1, sw = COLS - sa, h = pend.bot - pend.top + 1;
    if (pend.same_side) {
        size_t need = (size_t)h * (size_t)(sw + 1);
        if (need > side_cap) {
            cchar_t *p = realloc(side, need * sizeof *side);
            if (p) {
                side = p;
                side_cap = need;
            }
        }
        bool read = need <= side_cap;
        for (int y = pend.top; y <= pend.bot && read; y++)
            read = mvwin_wchnstr(newscr, y, sa, side + (size_t)(y - pend.top) * (sw + 1), sw) != ERR;
        if (!read) {
            for (int y = pend.top; y <= pend.bot; y++)
                side_truth(y);
            pend.same_side = false;
            mark_side_dirty();
        }
    }
    if (tigetnum("xmc") <= 0 && COLS <= MAXROW && pend.bot < MAXROW)
        /* Never the bottom row: its last cell scrolls some terminals. */
        for (int y = pend.top; y <= pend.bot && y < LINES - 1; y++) {
            if (!is_linetouched(newscr, y) && !is_linetouched(curscr, y))
                continue;
            bool sent;
            if (dirty_hi[y] < 0) {
                sent = pend.same_side;  /* else no window changed it: left to curses */
            } else {
                int lo = dirty_lo[y] < COLS ? dirty_lo[y] : COLS, hi = dirty_hi[y] < COLS ? dirty_hi[y] : COLS;
                sent = lo < hi && send_row(&o, y, lo, hi, COLS);
            }
            if (pend.same_side && !sent) {
                /* A row left to curses is left to it whole, as before:
                ** where the terminal's idea of a glyph's width is not the
                ** locale's, only curses' writing the rest of the row after
                ** it puts that back where it belongs. */
                side_truth(y);
            } else if (pend.same_side) {
                /* What the terminal shows there now: the row the scroll
                ** moved to y, or blanks; in the column before, what the
                ** row itself holds (sent above or left as it was). */
                static cchar_t obuf[MAXROW + 1];
                const cchar_t *nr = side + (size_t)(y - pend.top) * (sw + 1);
                int src = y + pend.n;
                if (src >= pend.top && src <= pend.bot) {
                    memcpy(obuf, side + (size_t)(src - pend.top) * (sw + 1), (size_t)sw * sizeof *obuf);
                } else {
                    cchar_t blank;
                    wgetbkgrnd(curscr, &blank);
                    for (int x = 0; x < sw; x++)
                        obuf[x] = blank;
                }
                obuf[0] = nr[0];
                if (!send_cells(&o, y, pend.cols, COLS, COLS, nr - sa, obuf - sa, false)) {
                    side_truth(y);      /* left to curses, from what is shown */
                    sent = false;
                }
            }
            if (sent) {
                wtouchln(newscr, y, 1, 0);
                wtouchln(curscr, y, 1, 0);
            }
        }
    rows_end(&o);
    wmove(curscr, pend.cy, pend.cx);
    wmove(newscr, ny, nx);
    /* Setting the region homed the cursor: put it back where curses
    ** believes it is. */
    seq_cup(cup, pend.cy, pend.cx);
    /* When every row went out here, an update would find nothing to send:
    ** it is skipped, with its line hashing and the system calls around it,
    ** and the synchronized output ends in this same write (issue 5). */
    bool rest = update_pending();
    if (pend.sync && !rest)
        seq_add("\033[?2026l");
    if (!seq_send()) {
        /* Part of it may have gone out: trust nothing on the screen, and
        ** end the synchronized output it may have begun, after a CAN that
        ** ends any sequence it was cut short in. */
        if (pend.sync) {
            seq_add("\030\033[?2026l");
            seq_send();
        }
        clearok(curscr, TRUE);
        pend.open = false;
        return false;
    }
    pend.open = pend.sync && rest;
    tell_cursor(pend.cy, pend.cx);
    return !rest;
}

/* ---- full repaints ---------------------------------------------------------
** When curses would repaint the whole screen (the first frame, which
** resumes the screen tui_screen_open left; a Ctrl-L; a resize), the rows
** are written here too, through send_row, in one write.  For speed (issue
** 5): curses' update from scratch was 2.3M of the 7.7M instructions of a
** typical article's first frame at 120x40, most of it comparing cells,
** costing cursor motions and expanding each change of colour through
** tiparm; here a row costs a cursor address and attribute changes
** remembered from earlier ones.
**
** What curses sends to resume a screen (the alternate screen, the
** scrolling region, the cursor's visibility, the colours and modes put
** back, then the clear) depends on the terminal and on its private
** state, so curses still sends it all, from an update with nothing on the
** screen (repaint_begin); only the rows come from here.  A repaint with
** no resume (Ctrl-L, a resize) sends the clear here, in the same write as
** the rows.  Rows that send_row refuses (a wide glyph, the alternate
** character set, a character the locale lacks) stay marked for curses'
** update after it; and the whole repaint is left to curses on a terminal
** that needs what send_row does not do (magic cookies, the tilde glitch,
** padding after each character, no clear or no cursor addressing), when
** the screen is cleared in anything but the terminal's default colours,
** or when the terminal's size is not the one curses draws for.
**
** Under a UTF-8 locale the divider (tui_vline's WACS_VLINE) is U+2502 in
** a plain cell in ncursesw 6.4 whatever the terminal, not the alternate
** character set, so its rows are written here; where a curses chooses
** the alternate set they are left to it, because whether it then sends
** smacs or the Unicode form depends on what it privately believes of the
** terminal. */

/* The repaint began with curses resuming the screen (and clearing it). */
static bool repaint_resumed;

/* Is a repaint from scratch due, and can it be written here? */
static bool repaint_mine(void)
{
    if (!screen || pend.active)
        return false;
    if (!isendwin() && !is_cleared(curscr) && !is_cleared(newscr))
        return false;
    if (LINES < 1 || COLS < 1 || COLS > MAXROW)
        return false;
    if (tigetnum("xmc") > 0 || tigetflag("hz") > 0 || CAP(tigetstr("rmp")))
        return false;
    if (!CAP(tigetstr("cup")) || !CAP(tigetstr("clear")))
        return false;
    /* Curses clears in stdscr's background, and in colour pair 0 when
    ** that is not the terminal's own colours. */
    short f, b;
    if ((getbkgd(stdscr) & A_ATTRIBUTES) || (getbkgd(curscr) & A_ATTRIBUTES)
        || (pair_content(0, &f, &b) == OK && (f >= 0 || b >= 0)))
        return false;
    int rows, cols;
    return tty_size(&rows, &cols) && rows == LINES && cols == COLS;
}

/* Before the windows go into newscr (tui_flush): whether this frame is a
** repaint written here.  A suspended screen is resumed first, by curses,
** from a blank newscr, so that its update sends the resume and the clear
** and no rows; the windows are then copied into newscr whole. */
static bool newscr_short;   /* repaint_begin could not grow it back */

static bool repaint_begin(WINDOW *const *ws, size_t n)
{
    repaint_resumed = false;
    if (newscr_short) {
        /* Out of memory at the last resume: try again, and repaint. */
        if (wresize(newscr, LINES, COLS) == ERR)
            return false;
        newscr_short = false;
        clearok(curscr, TRUE);
    }
    if (!repaint_mine())
        return false;
    if (isendwin()) {
        /* For speed (issue 5): curses' update from scratch reads every
        ** row of newscr and curscr, blank and blank, five times over
        ** (ClrBottom twice and TransformLine three times in ncurses 6.4:
        ** 0.5M instructions at 120x40, a twelfth of a typical article's
        ** first frame), and sends nothing for them.  It reads as many rows
        ** as newscr has (min(screen lines, newscr's)), so newscr has one
        ** row during the update, and all its columns, which TransformLine
        ** reads by the screen's width: the same bytes go out (the resume,
        ** the clear, and no rows), curscr, cleared by the screen's size,
        ** is cleared whole as before, and newscr grows back blank (wresize
        ** fills new rows with its background, as werase does) and marked
        ** changed.  No subwindow of newscr may exist meanwhile: wresize
        ** would clip it.
        **
        ** Where WINDOW is not opaque (ncurses' default build, Debian's),
        ** newscr is shortened by its row count alone, its rows kept: the
        ** rows wresize freed and allocated again came from fresh memory
        ** (curses' setup thread had allocated the old ones in its own
        ** malloc arena), some 30 page faults of 2 us each on this
        ** machine, a twentieth of the first frame (issue 5).  The update
        ** reads newscr's rows by _maxy; the rows past it are werase's
        ** blanks, marked changed, as wresize leaves new ones.  Nothing
        ** else may see newscr so shortened: Ctrl-Z is held meanwhile (the
        ** handler curses installs updates the screen on fg), and if the
        ** terminal's size changed after repaint_mine looked, the update
        ** resizes its screens, newscr from its one row (the text of its
        ** other rows is lost: a leak, in a race of microseconds that a
        ** resize must win), and newscr is grown to the screen's size as
        ** the wresize above does, for curses to repaint. */
#if NCURSES_OPAQUE
        shift_sub_delete();
        bool shrunk = LINES > 1 && wresize(newscr, 1, COLS) == OK;
        werase(newscr);
        doupdate();
        if (shrunk && wresize(newscr, LINES, COLS) == ERR) {
            newscr_short = true;
            return false;
        }
#else
        werase(newscr);
        sigset_t tstp, mask;
        sigemptyset(&tstp);
        sigaddset(&tstp, SIGTSTP);
        pthread_sigmask(SIG_BLOCK, &tstp, &mask);
        int rows0 = LINES, cols0 = COLS;
        NCURSES_SIZE_T maxy = newscr->_maxy;
        newscr->_maxy = 0;
        doupdate();
        bool resized = newscr->_maxy != 0 || LINES != rows0 || COLS != cols0;
        if (!resized)
            newscr->_maxy = maxy;
        pthread_sigmask(SIG_SETMASK, &mask, NULL);
        if (resized) {
            if (wresize(newscr, LINES, COLS) == ERR)
                newscr_short = true;
            return false;
        }
#endif
        if (isendwin() || is_cleared(curscr) || is_cleared(newscr))
            return false;
        for (size_t i = 0; i < n; i++)
            if (ws[i])
                touchwin(ws[i]);
        repaint_resumed = true;
    }
    return true;
}

/* Send the repaint repaint_begin began, now that newscr holds the frame;
** false when curses has rows left to send (or all of them, on failure). */
static bool repaint_send(void)
{
    rows_out_t o;
    rows_begin(&o);
    int ny = getcury(newscr), nx = getcurx(newscr);
    seq_len = 0;
    seq_full = false;
    if (!repaint_resumed) {
        /* In the normal attributes, which curses left set at the end of
        ** its last update, as it clears; its record of the screen is then
        ** blank, and every row differs from it. */
        seq_add(tigetstr("clear"));
        werase(curscr);
    }
    move_begin(tigetstr("cup"), 0, 0);      /* the clear homed the cursor */
    clearok(curscr, FALSE);
    clearok(newscr, FALSE);
    static cchar_t blanks[MAXROW + 1];
    if (mvwin_wchnstr(curscr, 0, 0, blanks, COLS) != ERR) {
        blank_row = blanks;
        blank_uniform = true;
        for (int x = 1; x < COLS && blank_uniform; x++)
            blank_uniform = same_cell(&blanks[x], &blanks[0]);
    }
    for (int y = 0; y < LINES; y++)
        if (send_row(&o, y, 0, COLS, COLS)) {
            wtouchln(newscr, y, 1, 0);
            wtouchln(curscr, y, 1, 0);
        }
    blank_row = NULL;
    blank_uniform = false;
    rows_end(&o);
    /* Where curses' update leaves the cursor: newscr's (reading the rows
    ** moved it). */
    wmove(newscr, ny, nx);
    wmove(curscr, ny, nx);
    seq_move(ny, nx);
    bool rest = update_pending();
    if (!seq_send()) {
        clearok(curscr, TRUE);
        return false;
    }
    tell_cursor(ny, nx);
    return !rest;
}

/* After the update that follows a scroll: end its synchronized output. */
void tui_scroll_done(void)
{
    if (!pend.open)
        return;
    pend.open = false;
    seq_len = 0;
    seq_full = false;
    seq_add("\033[?2026l");
    seq_send();
}
