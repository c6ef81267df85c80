/*
** bench/pty.c: the benchmark's measuring tool.  Runs one command in a
** pseudo-terminal (120x40 and TERM=xterm-256color unless told otherwise),
** sends keys from a script, and measures what a person at the other end
** of an SSH connection pays: bytes written to the terminal, and time from
** key to screen.
**
**   pty [-c COLS] [-r ROWS] [-q QUIET_MS] [-w WAIT_MS] [-o LOG] [-s] SCRIPT -- CMD [ARG...]
**
** SCRIPT holds one step a line ('#' starts a comment):
**
**   first LABEL    time from exec to the first frame (must come first)
**   key LABEL KEYS [QUIET_MS]
**                  send KEYS, measure latency and bytes under LABEL (with
**                  its own quiet window, for answers that pause midway)
**   send KEYS      send KEYS and wait for the output to settle, unmeasured
**   sleep MS       wait, draining output
**   rss LABEL      record VmHWM (peak resident set) from /proc/PID/status
**   end KEYS       send KEYS (such as q) and wait for the program to exit
**
** KEYS take C escapes: \r \n \t \e \\ \xHH; "\s" is a space.
**
** Method.  After a key is written at t0, the tool waits up to WAIT_MS
** (3000) for the first byte of the answer, then keeps reading until the
** output has been quiet for QUIET_MS (15 here; bench/run uses 100, and
** 1000 for a search, whose answer pauses while the query runs, after the
** prompt's cursor switch).  The latency is the time of the
** read that returned the last byte, minus t0: the quiet window is not
** counted, because the end of the answer is stamped when it arrived, not
** when the silence was noticed.  A program that pauses for longer than the
** quiet window in the middle of an answer would be cut short: bytes
** already waiting when the next key is due are reported on stderr as
** "late", but the rest of an answer that pauses past the window can also
** arrive after that key and be counted with it, so the window must be
** longer than any pause (compare a step's bytes with a longer -q).  The first frame is measured the same way
** from just before fork().  Peak memory is VmHWM from /proc/PID/status,
** read at the "rss" steps and just before the "end" keys are sent (the
** largest of these); wait4()'s ru_maxrss is the fallback when /proc is
** not there, as it also counts this tool's forked image before exec.
**
** Output, on stdout, one line per label in the order first seen:
**
**   LABEL N MEDIAN_MS MIN_MS MAX_MS MEAN_BYTES MAX_BYTES
**
** preceded, with -s, by one line per measured step as it happens, so that
** a step can be compared with the one after it (a jump with a repaint of
** the screen it landed on):
**
**   step LABEL MS BYTES
**   rss LABEL KB
**   maxrss KB
*/
#define _GNU_SOURCE
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
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int master = -1;
static pid_t child = -1;
static int quiet_ms = 15, wait_ms = 3000;
static FILE *logf;
static int child_gone;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- results per label ---------------------------------------------------- */

typedef struct {
    char label[64];
    double *ms;
    long *bytes;
    size_t n, cap;
} series_t;

static series_t *series;
static size_t nseries;

static series_t *find_series(const char *label)
{
    for (size_t i = 0; i < nseries; i++)
        if (!strcmp(series[i].label, label))
            return &series[i];
    series = realloc(series, (nseries + 1) * sizeof *series);
    if (!series)
        exit(2);
    series_t *s = &series[nseries++];
    memset(s, 0, sizeof *s);
    snprintf(s->label, sizeof s->label, "%s", label);
    return s;
}

static void record(const char *label, double ms, long bytes)
{
    series_t *s = find_series(label);
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->ms = realloc(s->ms, s->cap * sizeof *s->ms);
        s->bytes = realloc(s->bytes, s->cap * sizeof *s->bytes);
        if (!s->ms || !s->bytes)
            exit(2);
    }
    s->ms[s->n] = ms;
    s->bytes[s->n] = bytes;
    s->n++;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ---- reading the terminal ------------------------------------------------- */

/* Read what is there; returns bytes read, 0 on timeout, -1 when the
** child has closed its side. */
static long read_some(int timeout_ms)
{
    struct pollfd p = { master, POLLIN, 0 };
    int r = poll(&p, 1, timeout_ms);
    if (r < 0 && errno == EINTR)
        return 0;
    if (r <= 0)
        return 0;
    char buf[65536];
    ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) {
        child_gone = 1;
        return -1;
    }
    if (logf)
        fwrite(buf, 1, (size_t)n, logf);
    return n;
}

/* Wait for an answer that began after t0: returns its bytes, and in *last
** when its last byte arrived. */
static long answer(double t0, double *last)
{
    long total = 0;
    *last = t0;
    long n = read_some(wait_ms);
    if (n <= 0)
        return n < 0 ? 0 : 0;
    total += n;
    *last = now_ms();
    while ((n = read_some(quiet_ms)) > 0) {
        total += n;
        *last = now_ms();
    }
    return total;
}

static void drain_late(const char *before)
{
    long late = 0, n;
    while ((n = read_some(0)) > 0)
        late += n;
    if (late)
        fprintf(stderr, "pty: %ld late bytes before step \"%s\" (raise -q?)\n", late, before);
}

/* ---- keys ------------------------------------------------------------------ */

static size_t unescape(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    for (; *s && o < cap; s++) {
        if (*s != '\\' || !s[1]) {
            out[o++] = *s;
            continue;
        }
        switch (*++s) {
        case 'r': out[o++] = '\r'; break;
        case 'n': out[o++] = '\n'; break;
        case 't': out[o++] = '\t'; break;
        case 'e': out[o++] = 27; break;
        case 's': out[o++] = ' '; break;
        case 'x': {
            unsigned v = 0;
            int k = 0;
            while (k < 2 && s[1] && strchr("0123456789abcdefABCDEF", s[1])) {
                char c = *++s;
                v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
                k++;
            }
            out[o++] = (char)v;
            break;
        }
        default: out[o++] = *s; break;
        }
    }
    return o;
}

static double send_keys(const char *keys)
{
    char buf[1024];
    size_t n = unescape(keys, buf, sizeof buf);
    double t0 = now_ms();
    if (write(master, buf, n) != (ssize_t)n)
        perror("pty: write");
    return t0;
}

static long vmhwm_kb(void)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)child);
    FILE *f = fopen(path, "r");
    long kb = -1;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM:", 6))
            kb = strtol(line + 6, NULL, 10);
    fclose(f);
    return kb;
}

static int usage(void)
{
    fputs("usage: pty [-c COLS] [-r ROWS] [-q QUIET_MS] [-w WAIT_MS] [-o LOG] [-s] "
          "SCRIPT -- CMD [ARG...]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    int cols = 120, rows = 40, opt;
    const char *logpath = NULL;
    int steps = 0;
    while ((opt = getopt(argc, argv, "+c:r:q:w:o:s")) != -1) {
        switch (opt) {
        case 'c': cols = atoi(optarg); break;
        case 'r': rows = atoi(optarg); break;
        case 'q': quiet_ms = atoi(optarg); break;
        case 'w': wait_ms = atoi(optarg); break;
        case 'o': logpath = optarg; break;
        case 's': steps = 1; break;
        default: return usage();
        }
    }
    if (optind + 2 > argc || strcmp(argv[optind + 1], "--") || optind + 3 > argc)
        return usage();
    FILE *script = fopen(argv[optind], "r");
    if (!script) {
        perror(argv[optind]);
        return 2;
    }
    char **cmd = argv + optind + 2;
    if (logpath && !(logf = fopen(logpath, "w"))) {
        perror(logpath);
        return 2;
    }

    struct winsize ws = { (unsigned short)rows, (unsigned short)cols, 0, 0 };
    double t_exec = now_ms();
    child = forkpty(&master, NULL, NULL, &ws);
    if (child < 0) {
        perror("pty: forkpty");
        return 2;
    }
    if (child == 0) {
        setenv("TERM", getenv("BENCH_TERM") ? getenv("BENCH_TERM") : "xterm-256color", 1);
        unsetenv("COLUMNS");
        unsetenv("LINES");
        execvp(cmd[0], cmd);
        perror(cmd[0]);
        _exit(127);
    }

    long peak = -1, maxrss = -1;
    int status = -1, ended = 0;
    char line[1024];
    while (fgets(line, sizeof line, script)) {
        line[strcspn(line, "\n")] = 0;
        char *p = line + strspn(line, " \t");
        if (!*p || *p == '#')
            continue;
        char verb[16] = "", a1[256] = "", a2[512] = "";
        int q = 0;
        sscanf(p, "%15s %255s %511s %d", verb, a1, a2, &q);
        if (child_gone && strcmp(verb, "end")) {
            fprintf(stderr, "pty: the program ended before step \"%s\"\n", p);
            break;
        }
        if (!strcmp(verb, "first")) {
            double last;
            long b = answer(t_exec, &last);
            record(a1, last - t_exec, b);
        } else if (!strcmp(verb, "key")) {
            drain_late(a1);
            int keep = quiet_ms;
            if (q > 0)
                quiet_ms = q;
            double last, t0 = send_keys(a2);
            long b = answer(t0, &last);
            quiet_ms = keep;
            record(a1, b ? last - t0 : -1, b);
            if (steps)
                printf("step %s %.3f %ld\n", a1, b ? last - t0 : -1, b);
        } else if (!strcmp(verb, "send")) {
            drain_late(a1);
            double last, t0 = send_keys(a1);
            answer(t0, &last);
        } else if (!strcmp(verb, "sleep")) {
            double until = now_ms() + atof(a1);
            while (now_ms() < until && !child_gone)
                read_some((int)(until - now_ms()) + 1);
        } else if (!strcmp(verb, "rss")) {
            long kb = vmhwm_kb();
            if (kb > peak)
                peak = kb;
            printf("rss %s %ld\n", a1, kb);
        } else if (!strcmp(verb, "end")) {
            if (!child_gone) {
                long kb = vmhwm_kb();
                if (kb > peak)
                    peak = kb;
                send_keys(a1);
            }
            double until = now_ms() + 5000;
            while (!child_gone && now_ms() < until)
                read_some(50);
            if (!child_gone) {
                fprintf(stderr, "pty: the program did not exit; killing it\n");
                kill(child, SIGTERM);
            }
            struct rusage ru;
            if (wait4(child, &status, 0, &ru) == child)
                maxrss = ru.ru_maxrss;
            ended = 1;
            break;
        } else {
            fprintf(stderr, "pty: unknown step \"%s\"\n", p);
            return 2;
        }
    }
    fclose(script);
    if (!ended) {
        kill(child, SIGTERM);
        struct rusage ru;
        if (wait4(child, &status, 0, &ru) == child)
            maxrss = ru.ru_maxrss;
    }

    for (size_t i = 0; i < nseries; i++) {
        series_t *s = &series[i];
        double *sorted = malloc(s->n * sizeof *sorted);
        size_t k = 0;
        long bsum = 0, bmax = 0;
        for (size_t j = 0; j < s->n; j++) {
            if (s->ms[j] >= 0)
                sorted[k++] = s->ms[j];
            bsum += s->bytes[j];
            if (s->bytes[j] > bmax)
                bmax = s->bytes[j];
        }
        qsort(sorted, k, sizeof *sorted, cmp_double);
        if (k)
            printf("%s %zu %.3f %.3f %.3f %.0f %ld\n", s->label, s->n, sorted[k / 2],
                   sorted[0], sorted[k - 1], (double)bsum / (double)s->n, bmax);
        else
            printf("%s %zu -1 -1 -1 0 0\n", s->label, s->n);
        free(sorted);
        free(s->ms);
        free(s->bytes);
    }
    free(series);
    /* VmHWM belongs to the exec'd program alone; ru_maxrss also counts the
    ** forked copy of this tool before exec, so it is only the fallback. */
    printf("maxrss %ld\n", peak >= 0 ? peak : maxrss);
    if (logf)
        fclose(logf);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    fprintf(stderr, "pty: %s exited with status 0x%x\n", cmd[0], status);
    return 1;
}
