/*
** ptyrun.c: run one command with its stdout and stderr on a
** pseudo-terminal of a given size, for the command-line tests of what
** contra add shows on a terminal (tests/cli/add_progress.sh).  It can
** send a signal once some text has appeared, feed standard input from a
** file (and then hold the pipe open, as a slow writer would), and it
** replays what was written through a small line-terminal model (\r, \n,
** ESC [ K, auto-margin wrap) to say what a person would see.
**
**   ptyrun [-c COLS] [-r ROWS] [-t TEXT] [-d MS] [-s SIG] [-i FILE [-p BYTES] | -K [-k TEXT]]
**          [-O OUT] [-o LOG] [-l LINES] [-S SCREEN] [-T SECONDS] -- CMD [ARG...]
**
**   -t TEXT   wait for TEXT in the output before sending the signal
**   -d MS     and then MS milliseconds more (from the start without -t)
**   -s SIG    INT, TERM or HUP: kill(2) it to the command; ^C: type
**             Ctrl-C on the terminal (its driver signals and echoes ^C)
**   -i FILE   standard input is a pipe fed from FILE; with -p only its
**             first BYTES, the pipe then left open until the command ends;
**             without -i, the command has ptyrun's standard input
**   -K        standard input is the terminal, as when a person types
**   -k TEXT   and TEXT is typed on it at the start ("\n" for Enter)
**   -O OUT    standard output to the file OUT, not the terminal
**   -o LOG    every byte written to the terminal
**   -l LINES  the line as shown each time "ESC [ K" ends a redraw of it
**   -S SCREEN the screen at the end, one row a line, blanks trimmed
**   -T        give up (and kill the command) after this long (60)
**
** Prints "status N" (the exit status, or 128 + the signal that ended the
** command), "ended exit" or "ended signal" (whether the command exited
** or died of a signal: a shell script stops at Ctrl-C only when its
** command died of it), "wraps N" (how often a line ran past the right margin) and
** "ms N" (how long the command ran, to bound how often it redrew).
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct cell {
    char b[5];             /* one character's UTF-8 bytes, "" when blank */
} cell_t;

static int cols = 80, rows = 24;
static cell_t *grid;       /* grid_rows x cols */
static int grid_rows, row, col, wraps;
static bool pending_wrap;
static FILE *lines_out;

static cell_t *at(int r, int c)
{
    if (r >= grid_rows) {
        int n = r + 64;
        grid = realloc(grid, (size_t)n * (size_t)cols * sizeof *grid);
        if (!grid)
            exit(2);
        memset(grid + (size_t)grid_rows * (size_t)cols, 0,
               (size_t)(n - grid_rows) * (size_t)cols * sizeof *grid);
        grid_rows = n;
    }
    return &grid[(size_t)r * (size_t)cols + (size_t)c];
}

static void print_row(FILE *f, int r)
{
    int last = -1;
    for (int c = 0; c < cols; c++)
        if (at(r, c)->b[0] && at(r, c)->b[0] != ' ')
            last = c;
    for (int c = 0; c <= last; c++)
        fputs(at(r, c)->b[0] ? at(r, c)->b : " ", f);
    fputc('\n', f);
}

/* The terminal model: enough for a progress line and lines of text. */
static void feed(const unsigned char *s, size_t n)
{
    static int esc;        /* 0, 1 after ESC, 2 inside CSI */
    static char cbuf[5];
    static size_t clen, cneed;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = s[i];
        if (esc == 1) {
            esc = ch == '[' ? 2 : 0;
            continue;
        }
        if (esc == 2) {
            if (ch >= 0x40 && ch <= 0x7e) {
                esc = 0;
                if (ch == 'K') {
                    for (int c = col; c < cols; c++)
                        at(row, c)->b[0] = '\0';
                    pending_wrap = false;
                    if (lines_out) {
                        bool any = false;
                        for (int c = 0; c < cols; c++)
                            any |= at(row, c)->b[0] != '\0';
                        if (any)
                            print_row(lines_out, row);
                    }
                }
            }
            continue;
        }
        if (ch == 0x1b) {
            esc = 1;
        } else if (ch == '\r') {
            col = 0;
            pending_wrap = false;
        } else if (ch == '\n') {
            row++;
            pending_wrap = false;
        } else if (ch == '\b') {
            if (col > 0)
                col--;
            pending_wrap = false;
        } else if (ch < 0x20 || ch == 0x7f) {
            ;
        } else {
            if (clen == 0) {
                cneed = ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : ch >= 0xc0 ? 2 : 1;
            }
            cbuf[clen++] = (char)ch;
            if (clen < cneed && clen < 4)
                continue;
            cbuf[clen] = '\0';
            clen = 0;
            if (pending_wrap) {
                wraps++;
                row++;
                col = 0;
                pending_wrap = false;
            }
            memcpy(at(row, col)->b, cbuf, sizeof cbuf);
            if (col == cols - 1)
                pending_wrap = true;
            else
                col++;
        }
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void usage(void)
{
    fprintf(stderr, "usage: ptyrun [-c COLS] [-r ROWS] [-t TEXT] [-d MS] [-s SIG] [-i FILE [-p BYTES] | -K [-k TEXT]]\n"
                    "              [-O OUT] [-o LOG] [-l LINES] [-S SCREEN] [-T SECONDS]\n"
                    "              -- CMD [ARG...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *text = NULL, *sig = NULL, *in = NULL, *log = NULL, *lines = NULL, *screen = NULL;
    const char *out = NULL;
    bool keyboard = false;
    const char *typed = NULL;
    long part = -1;
    double timeout = 60, delay = 0;
    int opt;
    while ((opt = getopt(argc, argv, "c:r:t:d:s:i:p:O:o:l:S:T:Kk:")) != -1) {
        switch (opt) {
        case 'c': cols = atoi(optarg); break;
        case 'r': rows = atoi(optarg); break;
        case 't': text = optarg; break;
        case 'd': delay = atof(optarg); break;
        case 's': sig = optarg; break;
        case 'i': in = optarg; break;
        case 'K': keyboard = true; break;
        case 'k': typed = optarg; keyboard = true; break;
        case 'p': part = atol(optarg); break;
        case 'O': out = optarg; break;
        case 'o': log = optarg; break;
        case 'l': lines = optarg; break;
        case 'S': screen = optarg; break;
        case 'T': timeout = atof(optarg); break;
        default: usage();
        }
    }
    if (optind >= argc || cols < 2 || rows < 2)
        usage();
    int signo = 0;
    if (sig) {
        if (strcmp(sig, "INT") == 0) signo = SIGINT;
        else if (strcmp(sig, "TERM") == 0) signo = SIGTERM;
        else if (strcmp(sig, "HUP") == 0) signo = SIGHUP;
        else if (strcmp(sig, "^C") != 0) usage();
    }
    FILE *logf = log ? fopen(log, "wb") : NULL;
    lines_out = lines ? fopen(lines, "w") : NULL;
    if ((log && !logf) || (lines && !lines_out)) {
        perror("ptyrun");
        return 2;
    }

    /* Standard input: a pipe fed from the file, or ours. */
    int inpipe[2] = { -1, -1 }, infd = -1;
    if (in) {
        if ((infd = open(in, O_RDONLY)) < 0 || pipe(inpipe) != 0) {
            perror(in);
            return 2;
        }
        fcntl(inpipe[1], F_SETFL, O_NONBLOCK);
    }
    signal(SIGPIPE, SIG_IGN);

    int ourin = dup(0);     /* the child's standard input without -i */
    struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid < 0) {
        perror("forkpty");
        return 2;
    }
    if (pid == 0) {
        if (in) {
            dup2(inpipe[0], 0);
            close(inpipe[0]);
            close(inpipe[1]);
            close(infd);
        } else if (ourin >= 0 && !keyboard) {
            /* forkpty put the terminal on stdin too: give ours back. */
            dup2(ourin, 0);
            close(ourin);
        }
        if (out) {
            int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0) {
                perror(out);
                _exit(127);
            }
            dup2(fd, 1);
            close(fd);
        }
        signal(SIGPIPE, SIG_DFL);
        execvp(argv[optind], argv + optind);
        perror(argv[optind]);
        _exit(127);
    }
    if (in)
        close(inpipe[0]);
    if (ourin >= 0)
        close(ourin);

    /* Typed ahead: the terminal holds it until the command reads. */
    for (const char *k = typed; k && *k; k++) {
        char c = *k;
        if (c == '\\' && k[1] == 'n') {
            c = '\n';
            k++;
        }
        if (write(master, &c, 1) != 1)
            break;
    }
    double start = now_ms(), sent_at = -1, text_at = -1;
    size_t seen_cap = 1 << 16, seen_len = 0;
    char *seen = malloc(seen_cap);
    char feedbuf[65536];
    size_t feed_len = 0, feed_pos = 0;
    long fed = 0;
    bool in_done = !in, child_done = false, timed_out = false;
    int status = 0;
    for (;;) {
        if (!child_done) {
            pid_t w = waitpid(pid, &status, WNOHANG);
            if (w == pid)
                child_done = true;
        }
        struct pollfd pf[2] = { { master, POLLIN, 0 }, { inpipe[1], POLLOUT, 0 } };
        int npf = in_done ? 1 : 2;
        int r = poll(pf, (nfds_t)npf, child_done ? 50 : 20);
        if (r < 0 && errno != EINTR)
            break;
        if (r > 0 && (pf[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            char buf[8192];
            ssize_t n = read(master, buf, sizeof buf);
            if (n > 0) {
                if (logf)
                    fwrite(buf, 1, (size_t)n, logf);
                feed((unsigned char *)buf, (size_t)n);
                if (seen_len + (size_t)n + 1 > seen_cap) {
                    while (seen_len + (size_t)n + 1 > seen_cap)
                        seen_cap *= 2;
                    seen = realloc(seen, seen_cap);
                }
                memcpy(seen + seen_len, buf, (size_t)n);
                seen_len += (size_t)n;
                seen[seen_len] = '\0';
            } else if (child_done) {
                break;         /* EIO: the terminal has no one left on it */
            }
        } else if (child_done && r == 0) {
            break;
        }
        if (npf == 2 && (pf[1].revents & (POLLOUT | POLLERR))) {
            if (feed_pos == feed_len) {
                ssize_t n = read(infd, feedbuf, sizeof feedbuf);
                feed_len = n > 0 ? (size_t)n : 0;
                feed_pos = 0;
                if (part >= 0 && fed + (long)feed_len > part)
                    feed_len = (size_t)(part - fed);
                if (feed_len == 0) {
                    in_done = true;
                    if (part < 0) {
                        close(inpipe[1]);     /* the end of the input */
                        inpipe[1] = -1;
                    }
                }
            }
            if (!in_done) {
                ssize_t n = write(inpipe[1], feedbuf + feed_pos, feed_len - feed_pos);
                if (n > 0) {
                    feed_pos += (size_t)n;
                    fed += n;
                } else if (n < 0 && errno != EAGAIN) {
                    in_done = true;
                }
            }
        }
        if (text_at < 0 && (!text || (seen_len && strstr(seen, text))))
            text_at = now_ms();
        if (sig && sent_at < 0 && !child_done && text_at >= 0 && now_ms() - text_at >= delay) {
            if (signo)
                kill(pid, signo);
            else
                write(master, "\003", 1);
            sent_at = now_ms();
        }
        if (!child_done && now_ms() - start > timeout * 1000) {
            kill(pid, SIGKILL);
            timed_out = true;
        }
    }
    if (!child_done)
        waitpid(pid, &status, 0);
    if (inpipe[1] >= 0)
        close(inpipe[1]);
    if (infd >= 0)
        close(infd);
    if (logf)
        fclose(logf);
    if (lines_out)
        fclose(lines_out);
    if (screen) {
        FILE *f = fopen(screen, "w");
        if (f) {
            for (int r = 0; r <= row && r < grid_rows; r++)
                print_row(f, r);
            fclose(f);
        }
    }
    if (timed_out)
        printf("timeout\n");
    if (sig && sent_at < 0)
        printf("not signalled\n");
    printf("status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    printf("ended %s\n", WIFSIGNALED(status) ? "signal" : "exit");
    printf("wraps %d\n", wraps);
    printf("ms %.0f\n", now_ms() - start);
    free(seen);
    free(grid);
    return 0;
}
