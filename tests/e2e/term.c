/*
** term.c: the pty + libvterm harness behind the end-to-end reader tests
** (see term.h).  Everything the child writes goes both into a raw log and
** into a VTerm screen; queries the program makes of its terminal (cursor
** position, device attributes) are answered by libvterm through the
** output callback, as a real terminal would answer them.
*/
#include "config.h"
#include "term.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

#define RING 32

struct term {
    pid_t pid;
    int fd;                 /* pty master, -1 once closed */
    bool eof;               /* the slave side is gone (EIO) */
    bool reaped;
    int status;
    struct rusage ru;
    int rows, cols;
    VTerm *vt;
    VTermScreen *vs;
    unsigned char *log;
    size_t loglen, logcap;
    long last_output;       /* term_now_ms() of the last byte read */
    char *ring[RING];       /* strings handed out by term_row & co */
    int ringpos;
};

long term_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void die_oom(void)
{
    fputs("term: out of memory\n", stderr);
    abort();
}

/* Write everything, waiting while the pty is full: the program may be
** busy drawing and not reading, so drain its output meanwhile or both
** sides would block on each other. */
static bool write_all(term_t *t, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0 && t->fd >= 0) {
        ssize_t w = write(t->fd, p, n);
        if (w > 0) {
            p += w;
            n -= (size_t)w;
        } else if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
            struct pollfd pf = { t->fd, POLLOUT, 0 };
            poll(&pf, 1, 10);
            term_pump(t);
        } else {
            return false;
        }
    }
    return n == 0;
}

static void on_output(const char *s, size_t len, void *user)
{
    term_t *t = user;
    write_all(t, s, len);
}

term_t *term_spawn(int rows, int cols, char *const argv[], char *const env[])
{
    return term_spawn_stdin(rows, cols, argv, env, NULL);
}

term_t *term_spawn_stdin(int rows, int cols, char *const argv[],
                         char *const env[], const char *stdin_path)
{
    struct winsize ws = { .ws_row = (unsigned short)rows,
                          .ws_col = (unsigned short)cols };
    int fd;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = forkpty(&fd, NULL, NULL, &ws);
    if (pid < 0) {
        perror("term: forkpty");
        return NULL;
    }
    if (pid == 0) {
        /* Signals ignored or blocked by whoever ran the tests would be
        ** inherited across exec and hide the behaviour under test. */
        static const int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM,
                                    SIGPIPE, SIGWINCH, SIGCHLD, SIGTSTP };
        for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
            signal(sigs[i], SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);

        static const char *const drop[] = { "LC_ALL", "LC_CTYPE",
            "LC_MESSAGES", "LANGUAGE", "COLUMNS", "LINES", NULL };
        for (int i = 0; drop[i]; i++)
            unsetenv(drop[i]);
        setenv("TERM", "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        for (int i = 0; env && env[i]; i++) {
            const char *eq = strchr(env[i], '=');
            if (eq) {
                char name[256];
                size_t n = (size_t)(eq - env[i]);
                if (n >= sizeof name)
                    continue;
                memcpy(name, env[i], n);
                name[n] = 0;
                setenv(name, eq + 1, 1);
            } else {
                unsetenv(env[i]);
            }
        }
        if (stdin_path) {
            int in = open(stdin_path, O_RDONLY);
            if (in < 0 || dup2(in, 0) < 0) {
                fprintf(stderr, "term: %s: %s\r\n", stdin_path, strerror(errno));
                _exit(127);
            }
            close(in);
        }
        execvp(argv[0], argv);
        fprintf(stderr, "term: cannot run %s: %s\r\n", argv[0], strerror(errno));
        _exit(127);
    }

    term_t *t = calloc(1, sizeof *t);
    if (!t)
        die_oom();
    t->pid = pid;
    t->fd = fd;
    t->rows = rows;
    t->cols = cols;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    t->vt = vterm_new(rows, cols);
    vterm_set_utf8(t->vt, 1);
    vterm_output_set_callback(t->vt, on_output, t);
    t->vs = vterm_obtain_screen(t->vt);
    vterm_screen_enable_altscreen(t->vs, 1);
    vterm_screen_reset(t->vs, 1);
    t->last_output = term_now_ms();
    return t;
}

static void reap(term_t *t, int flags)
{
    if (t->reaped)
        return;
    int st;
    pid_t r;
    do
        r = wait4(t->pid, &st, flags, &t->ru);
    while (r < 0 && errno == EINTR);
    if (r == t->pid) {
        t->reaped = true;
        t->status = st;
    }
}

void term_free(term_t *t)
{
    if (!t)
        return;
    reap(t, WNOHANG);
    if (!t->reaped) {
        kill(t->pid, SIGKILL);
        reap(t, 0);
    }
    if (t->fd >= 0)
        close(t->fd);
    vterm_free(t->vt);
    free(t->log);
    for (int i = 0; i < RING; i++)
        free(t->ring[i]);
    free(t);
}

pid_t term_pid(const term_t *t) { return t->pid; }

/* ---- input ---------------------------------------------------------- */

bool term_send_bytes(term_t *t, const void *buf, size_t n)
{
    return write_all(t, buf, n);
}

bool term_send(term_t *t, const char *keys)
{
    return write_all(t, keys, strlen(keys));
}

bool term_key(term_t *t, term_key_t k)
{
    static const VTermKey map[] = {
        [TK_UP] = VTERM_KEY_UP, [TK_DOWN] = VTERM_KEY_DOWN,
        [TK_LEFT] = VTERM_KEY_LEFT, [TK_RIGHT] = VTERM_KEY_RIGHT,
        [TK_HOME] = VTERM_KEY_HOME, [TK_END] = VTERM_KEY_END,
        [TK_PGUP] = VTERM_KEY_PAGEUP, [TK_PGDN] = VTERM_KEY_PAGEDOWN,
    };
    if (t->fd < 0)
        return false;
    /* The encoding goes out through on_output, straight to the program. */
    vterm_keyboard_key(t->vt, map[k], VTERM_MOD_NONE);
    return true;
}

/* ---- output --------------------------------------------------------- */

static void log_add(term_t *t, const char *buf, size_t n)
{
    if (t->loglen + n > t->logcap) {
        size_t cap = t->logcap ? t->logcap : 65536;
        while (cap < t->loglen + n)
            cap *= 2;
        unsigned char *p = realloc(t->log, cap);
        if (!p)
            die_oom();
        t->log = p;
        t->logcap = cap;
    }
    memcpy(t->log + t->loglen, buf, n);
    t->loglen += n;
}

/* Read what is there now; returns the number of bytes read. */
static size_t pump(term_t *t)
{
    size_t total = 0;
    char buf[65536];
    while (t->fd >= 0 && !t->eof) {
        ssize_t n = read(t->fd, buf, sizeof buf);
        if (n > 0) {
            log_add(t, buf, (size_t)n);
            vterm_input_write(t->vt, buf, (size_t)n);
            total += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && errno == EAGAIN) {
            break;
        } else {
            /* EIO on Linux once no process holds the slave open. */
            t->eof = true;
        }
    }
    if (total) {
        vterm_screen_flush_damage(t->vs);
        t->last_output = term_now_ms();
    }
    return total;
}

void term_pump(term_t *t) { pump(t); }

/* Wait up to ms for output (or for the child to go), then read it. */
static size_t pump_wait(term_t *t, int ms)
{
    if (t->fd >= 0 && !t->eof) {
        struct pollfd pf = { t->fd, POLLIN, 0 };
        int r = poll(&pf, 1, ms);
        if (r > 0)
            return pump(t);
        return 0;
    }
    struct timespec ts = { 0, (long)ms * 1000000L };
    nanosleep(&ts, NULL);
    return 0;
}

bool term_wait_for(term_t *t, bool (*pred)(term_t *, void *), void *arg,
                   int timeout_ms)
{
    long deadline = term_now_ms() + timeout_ms;
    pump(t);
    for (;;) {
        if (pred(t, arg))
            return true;
        long left = deadline - term_now_ms();
        if (left <= 0)
            return false;
        pump_wait(t, left < 20 ? (int)left : 20);
    }
}

static bool has_text(term_t *t, void *arg) { return term_contains(t, arg); }
static bool lacks_text(term_t *t, void *arg) { return !term_contains(t, arg); }

bool term_wait_text(term_t *t, const char *text, int timeout_ms)
{
    return term_wait_for(t, has_text, (void *)text, timeout_ms);
}

bool term_wait_gone(term_t *t, const char *text, int timeout_ms)
{
    return term_wait_for(t, lacks_text, (void *)text, timeout_ms);
}

/* Is the child asleep waiting for input, as the reader is between keys
** (in poll, select or read), or stopped, or gone?  Silence alone does
** not say that its answer is complete: on a loaded machine (two CPUs,
** tests six at a time under a sanitizer) a reader still working out a
** frame, or not yet scheduled after a key woke it, can be silent for
** longer than any quiet window, and a test that looked then saw the
** frame before.  Linux tells what a process is blocked in, in
** /proc/PID/stat and /proc/PID/syscall ("running" while it runs or is
** about to); where those cannot be read, silence is all there is.  The
** quiet window still counts: a key just written reaches the program a
** moment later, and until then it sleeps in poll as if done. */
static bool child_waiting(term_t *t)
{
#ifdef __linux__
    static const long waits[] = {
#ifdef SYS_poll
        SYS_poll,
#endif
#ifdef SYS_select
        SYS_select,
#endif
#ifdef SYS_epoll_wait
        SYS_epoll_wait,
#endif
#ifdef SYS_pause
        SYS_pause,
#endif
        SYS_ppoll, SYS_pselect6, SYS_epoll_pwait, SYS_read, SYS_wait4,
        SYS_waitid, SYS_rt_sigsuspend, SYS_nanosleep, SYS_clock_nanosleep,
    };
    char path[64], buf[512];
    if (t->reaped)
        return true;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)t->pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return true;
    buf[n] = '\0';
    /* The state follows the command's name in parentheses. */
    const char *p = strrchr(buf, ')');
    char state = p && p[1] == ' ' ? p[2] : '?';
    if (strchr("ZXTt", state))
        return true;          /* gone or stopped: no more output now */
    if (state != 'S')
        return false;         /* running, or in the disk's wait */
    snprintf(path, sizeof path, "/proc/%d/syscall", (int)t->pid);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return true;
    buf[n] = '\0';
    if (buf[0] < '0' || buf[0] > '9')
        return false;         /* "running", or -1 in a fault */
    long nr = strtol(buf, NULL, 10);
    for (size_t i = 0; i < sizeof waits / sizeof *waits; i++)
        if (nr == waits[i])
            return true;
    return false;             /* a write to the full pty, a lock, ... */
#else
    (void)t;
    return true;
#endif
}

bool term_wait_quiet(term_t *t, int quiet_ms, int timeout_ms)
{
    long start = term_now_ms();
    long deadline = start + timeout_ms;
    pump(t);
    /* Quiet is measured from now or the last byte, whichever is later,
    ** so a program that has not started to answer yet is not "quiet". */
    long since = t->last_output > start ? t->last_output : start;
    for (;;) {
        long now = term_now_ms();
        if (t->last_output > since)
            since = t->last_output;
        if (now - since >= quiet_ms && child_waiting(t))
            return true;
        if (now >= deadline)
            return false;
        /* Quiet, but the child is busy: look again soon. */
        long wait = now - since >= quiet_ms ? 10 : quiet_ms - (now - since);
        if (wait > deadline - now)
            wait = deadline - now;
        if (wait < 1)
            wait = 1;
        pump_wait(t, (int)wait);
    }
}

/* ---- the screen ----------------------------------------------------- */

void term_size(const term_t *t, int *rows, int *cols)
{
    if (rows)
        *rows = t->rows;
    if (cols)
        *cols = t->cols;
}

static char *ring_keep(term_t *t, char *s)
{
    free(t->ring[t->ringpos]);
    t->ring[t->ringpos] = s;
    t->ringpos = (t->ringpos + 1) % RING;
    return s;
}

static size_t put_utf8(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    } else if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    } else if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    } else if (c < 0x110000) {
        out[0] = (char)(0xF0 | (c >> 18));
        out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[3] = (char)(0x80 | (c & 0x3F));
        return 4;
    }
    out[0] = '?';
    return 1;
}

/* libvterm marks the right half of a double-width character this way. */
#define WIDE_TAIL ((uint32_t)-1)

/* Text of cells [c0, c1) of row r into a malloc'd string; if colmap is
** given, (*colmap)[i] is the cell column byte i came from. */
static char *row_text(term_t *t, int r, int c0, int c1, int **colmap)
{
    if (c0 < 0)
        c0 = 0;
    if (c1 > t->cols)
        c1 = t->cols;
    size_t cap = (size_t)(c1 > c0 ? c1 - c0 : 0) * 4 * VTERM_MAX_CHARS_PER_CELL + 1;
    char *s = malloc(cap);
    int *map = colmap ? malloc(cap * sizeof *map) : NULL;
    if (!s || (colmap && !map))
        die_oom();
    size_t n = 0, keep = 0;
    if (r >= 0 && r < t->rows) {
        for (int c = c0; c < c1; c++) {
            VTermScreenCell cell;
            VTermPos pos = { .row = r, .col = c };
            if (!vterm_screen_get_cell(t->vs, pos, &cell))
                continue;
            if (cell.chars[0] == WIDE_TAIL)
                continue;
            size_t before = n;
            if (cell.chars[0] == 0) {
                s[n++] = ' ';
            } else {
                for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
                    n += put_utf8(s + n, cell.chars[i]);
            }
            if (map)
                for (size_t i = before; i < n; i++)
                    map[i] = c;
            if (cell.chars[0] != 0 && cell.chars[0] != ' ')
                keep = n;
            /* Older libvterm reports width 2 and leaves the next cell
            ** empty rather than marking it. */
            if (cell.width == 2)
                c++;
        }
    }
    s[keep] = 0;
    if (colmap)
        *colmap = map;
    return s;
}

const char *term_row(term_t *t, int r)
{
    return ring_keep(t, row_text(t, r, 0, t->cols, NULL));
}

const char *term_text(term_t *t, int r, int c0, int c1)
{
    return ring_keep(t, row_text(t, r, c0, c1, NULL));
}

const char *term_screen(term_t *t)
{
    size_t cap = 1, len = 0;
    char *all = malloc(cap);
    if (!all)
        die_oom();
    for (int r = 0; r < t->rows; r++) {
        char *row = row_text(t, r, 0, t->cols, NULL);
        size_t n = strlen(row);
        char *p = realloc(all, cap + n + 1);
        if (!p)
            die_oom();
        all = p;
        cap += n + 1;
        memcpy(all + len, row, n);
        len += n;
        if (r + 1 < t->rows)
            all[len++] = '\n';
        free(row);
    }
    all[len] = 0;
    return ring_keep(t, all);
}

void term_dump(term_t *t, const char *why)
{
    printf("# screen %dx%d%s%s:\n", t->rows, t->cols, why ? " " : "",
           why ? why : "");
    for (int r = 0; r < t->rows; r++)
        printf("# %2d|%s\n", r, term_row(t, r));
    fflush(stdout);
}

bool term_find_in(term_t *t, const char *text, int r0, int r1, int c0, int c1,
                  int *row, int *col)
{
    if (r0 < 0)
        r0 = 0;
    if (r1 > t->rows)
        r1 = t->rows;
    for (int r = r0; r < r1; r++) {
        int *map;
        char *s = row_text(t, r, c0, c1, &map);
        char *hit = strstr(s, text);
        if (hit) {
            if (row)
                *row = r;
            if (col)
                *col = map[hit - s];
            free(s);
            free(map);
            return true;
        }
        free(s);
        free(map);
    }
    return false;
}

bool term_find(term_t *t, const char *text, int *row, int *col)
{
    return term_find_in(t, text, 0, t->rows, 0, t->cols, row, col);
}

bool term_contains(term_t *t, const char *text)
{
    return term_find(t, text, NULL, NULL);
}

int term_count_rows(term_t *t, const char *text)
{
    int n = 0;
    for (int r = 0; r < t->rows; r++)
        if (strstr(term_row(t, r), text))
            n++;
    return n;
}

static int colour_index(const VTermColor *c, bool fg)
{
    if (fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
        return -1;
    if (VTERM_COLOR_IS_INDEXED(c))
        return c->indexed.idx;
    return -2;
}

bool term_cell(term_t *t, int r, int c, term_cell_t *out)
{
    memset(out, 0, sizeof *out);
    VTermScreenCell cell;
    VTermPos pos = { .row = r, .col = c };
    if (r < 0 || r >= t->rows || c < 0 || c >= t->cols ||
        !vterm_screen_get_cell(t->vs, pos, &cell))
        return false;
    if (cell.chars[0] == WIDE_TAIL) {
        out->width = 0;
    } else {
        size_t n = 0;
        for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
            n += put_utf8(out->text + n, cell.chars[i]);
        out->text[n] = 0;
        out->width = cell.width;
    }
    out->bold = cell.attrs.bold;
    out->underline = cell.attrs.underline != 0;
    out->italic = cell.attrs.italic;
    out->reverse = cell.attrs.reverse;
    out->blink = cell.attrs.blink;
    out->strike = cell.attrs.strike;
    out->fg = colour_index(&cell.fg, true);
    out->bg = colour_index(&cell.bg, false);
    VTermColor fg = cell.fg, bg = cell.bg;
    vterm_screen_convert_color_to_rgb(t->vs, &fg);
    vterm_screen_convert_color_to_rgb(t->vs, &bg);
    out->fg_rgb[0] = fg.rgb.red;
    out->fg_rgb[1] = fg.rgb.green;
    out->fg_rgb[2] = fg.rgb.blue;
    out->bg_rgb[0] = bg.rgb.red;
    out->bg_rgb[1] = bg.rgb.green;
    out->bg_rgb[2] = bg.rgb.blue;
    return true;
}

void term_cursor(term_t *t, int *row, int *col)
{
    VTermPos p;
    vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &p);
    if (row)
        *row = p.row;
    if (col)
        *col = p.col;
}

/* ---- size, signals, exit ------------------------------------------- */

void term_resize(term_t *t, int rows, int cols)
{
    pump(t);
    t->rows = rows;
    t->cols = cols;
    vterm_set_size(t->vt, rows, cols);
    vterm_screen_flush_damage(t->vs);
    if (t->fd >= 0) {
        struct winsize ws = { .ws_row = (unsigned short)rows,
                              .ws_col = (unsigned short)cols };
        /* The kernel sends SIGWINCH to the pty's foreground group. */
        ioctl(t->fd, TIOCSWINSZ, &ws);
    }
}

bool term_kill(term_t *t, int sig)
{
    reap(t, WNOHANG);
    if (t->reaped)
        return false;
    return kill(t->pid, sig) == 0;
}

void term_close(term_t *t)
{
    pump(t);
    if (t->fd >= 0) {
        close(t->fd);
        t->fd = -1;
    }
}

bool term_exited(term_t *t, int *status)
{
    reap(t, WNOHANG);
    if (t->reaped && status)
        *status = t->status;
    return t->reaped;
}

long term_cpu_ms(const term_t *t)
{
    if (!t->reaped)
        return -1;
    return (t->ru.ru_utime.tv_sec + t->ru.ru_stime.tv_sec) * 1000L +
           (t->ru.ru_utime.tv_usec + t->ru.ru_stime.tv_usec) / 1000L;
}

bool term_wait_exit(term_t *t, int timeout_ms, int *status)
{
    long deadline = term_now_ms() + timeout_ms;
    for (;;) {
        reap(t, WNOHANG);
        if (t->reaped) {
            pump(t);   /* whatever it wrote last (the terminal reset) */
            if (status)
                *status = t->status;
            return true;
        }
        long left = deadline - term_now_ms();
        if (left <= 0)
            return false;
        pump_wait(t, left < 10 ? (int)left : 10);
    }
}

/* ---- the raw bytes -------------------------------------------------- */

const unsigned char *term_log(const term_t *t, size_t *len)
{
    if (len)
        *len = t->loglen;
    return t->log;
}

long term_log_find(const term_t *t, const void *needle, size_t n)
{
    if (n == 0 || t->loglen < n)
        return -1;
    const unsigned char *p = memmem(t->log, t->loglen, needle, n);
    return p ? (long)(p - t->log) : -1;
}

long term_log_find_high(const term_t *t)
{
    for (size_t i = 0; i < t->loglen; i++)
        if (t->log[i] > 0x7f)
            return (long)i;
    return -1;
}

void term_log_reset(term_t *t)
{
    pump(t);
    t->loglen = 0;
}
