/*
** reader.c: the reader under stress (issue 6), in a pty through the e2e
** harness.  It must end by itself on SIGHUP and at end of input (the time
** is printed; only a generous liveness bound is asserted), and never spin:
** after each ordeal, 2 s with no input must cost (next to) no CPU time,
** read from /proc/PID/stat.  The ordeals: a 1x1 terminal, a 500x200 one,
** 20 resizes in a row, a burst of 10,000 keys, an article of one 10 MB
** line, one of 100,000 paragraphs, and one full of escape sequences
** (whose OSC, DCS and C1 bytes must never reach the terminal).  And a
** tag in a read-only library or on a full disk says it cannot be saved.
*/
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "../e2e/e2e.h"

#define LIVENESS_MS 5000      /* to end after SIGHUP / EOF: generous */
#define IDLE_MS 2000
#define IDLE_MAX_MS 200       /* CPU allowed in 2 s of idling: "about 0" */

static e2e_t e;

/* utime + stime of pid in ms, or -1 if it is gone. */
static long cpu_ms(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = 0;
    /* The command name may hold spaces and parentheses: skip to the last
    ** ')', then fields 3.. follow; utime and stime are fields 14 and 15. */
    char *p = strrchr(buf, ')');
    if (!p)
        return -1;
    unsigned long ut = 0, st = 0;
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
        return -1;
    return (long)((ut + st) * 1000 / (unsigned long)sysconf(_SC_CLK_TCK));
}

/* One check: 2 s without input cost about no CPU.  Up to three windows
** of 2 s: work that finishes late (a long paragraph wrapped under a
** sanitizer) passes in a later window, a busy loop burns every one. */
static void idle_check(term_t *t, const char *when)
{
    long cost[3] = { -1, -1, -1 };
    int w;
    term_wait_quiet(t, 300, 60000);
    for (w = 0; w < 3; w++) {
        long a = cpu_ms(term_pid(t));
        long t0 = term_now_ms();
        while (term_now_ms() - t0 < IDLE_MS) {
            usleep(100000);
            term_pump(t);
        }
        long b = cpu_ms(term_pid(t));
        cost[w] = a >= 0 && b >= 0 ? b - a : -1;
        if (cost[w] >= 0 && cost[w] <= IDLE_MAX_MS)
            break;
    }
    ok(w < 3, "%s: 2 s idle cost %ld ms of CPU (no busy loop)%s", when,
       cost[w < 3 ? w : 2], w > 0 && w < 3 ? " after a busy window" : "");
    if (w > 0)
        printf("#   windows: %ld %ld %ld ms\n", cost[0], cost[1], cost[2]);
}

static bool alive(term_t *t)
{
    term_pump(t);
    return !term_exited(t, NULL);
}

static const char *describe(int st)
{
    static char buf[64];
    if (WIFEXITED(st))
        snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(st));
    else
        snprintf(buf, sizeof buf, "signal %d%s", WTERMSIG(st), WCOREDUMP(st) ? ", core" : "");
    return buf;
}

static bool crashed(int st)
{
    if (WIFEXITED(st))
        return false;
    int s = WTERMSIG(st);
    return s == SIGSEGV || s == SIGABRT || s == SIGBUS || s == SIGFPE || s == SIGILL || WCOREDUMP(st);
}

static void quit(term_t *t, const char *when)
{
    int st = 0;
    term_send(t, "Q");
    bool ended = term_wait_exit(t, 30000, &st);
    ok(ended && WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: Q quits with status 0 (%s)",
       when, ended ? describe(st) : "still running");
    term_free(t);
}

static char *import(const char *path, const char *title, bool annotate)
{
    char *out = NULL, *err = NULL;
    int rc = annotate ? e2e_run(&e, &out, &err, "add", "--title", title, path, (char *)NULL)
                      : e2e_run(&e, &out, &err, "add", "--no-annotate", "--title", title, path, (char *)NULL);
    char *id = NULL;
    long n;
    if (rc == 0 && out && sscanf(out, "added %ld", &n) == 1) {
        id = malloc(32);
        snprintf(id, 32, "%ld", n);
    } else {
        printf("# import of %s failed (%d): %s\n", path, rc, err ? err : "");
    }
    free(out);
    free(err);
    return id;
}

int main(void)
{
    char *lib;
    e2e_setup_samples(&e, &lib, NULL);
    char *id = e2e_first(lib, "id"), *title = e2e_first(lib, "title");
    if (!id || !title) {
        printf("Bail out! cannot list the library\n");
        return 1;
    }
    const char *head = e2e_prefix(title, 20);
    {
        /* The CPU clock itself must work, or the idle checks prove nothing. */
        long a = cpu_ms(getpid()), b = a, t0 = term_now_ms();
        volatile unsigned long x = 0;
        while (b - a < 50 && term_now_ms() - t0 < 10000) {
            for (int i = 0; i < 1000000; i++)
                x++;
            b = cpu_ms(getpid());
        }
        ok(a >= 0 && b - a >= 50, "/proc/PID/stat CPU times move when spinning (%ld ms in %ld ms)",
           b - a, term_now_ms() - t0);
    }
    char *args[] = { "read", id, NULL };
    int st;

    /* ---- SIGHUP and end of input ------------------------------------- */
    {
        term_t *t = e2e_reader(&e, 40, 120, NULL, args);
        e2e_see(t, head, "the reader opens the article");
        idle_check(t, "the article open");
        long t0 = term_now_ms();
        term_kill(t, SIGHUP);
        bool ended = term_wait_exit(t, LIVENESS_MS, &st);
        printf("# SIGHUP to exit: %ld ms\n", term_now_ms() - t0);
        ok(ended && !crashed(st), "SIGHUP ends the reader (%s)", ended ? describe(st) : "still running");
        if (!ended)
            idle_check(t, "after SIGHUP, still running");
        term_free(t);
    }
    {
        char *const env[] = { NULL };
        char **argv = malloc(6 * sizeof *argv);
        argv[0] = (char *)e.contra;
        argv[1] = "--db";
        argv[2] = e.db;
        argv[3] = "read";
        argv[4] = id;
        argv[5] = NULL;
        long t0 = term_now_ms();
        term_t *t = term_spawn_stdin(40, 120, argv, env, "/dev/null");
        bool ended = t && term_wait_exit(t, LIVENESS_MS, &st);
        printf("# end of input (stdin /dev/null) to exit: %ld ms\n", term_now_ms() - t0);
        ok(ended && !crashed(st), "end of input on stdin ends the reader (%s)",
           ended ? describe(st) : "still running");
        if (t && !ended)
            idle_check(t, "at end of input, still running");
        if (t && ended)
            printf("# it used %ld ms of CPU in all\n", term_cpu_ms(t));
        term_free(t);
        free(argv);
    }
    {
        term_t *t = e2e_reader(&e, 40, 120, NULL, args);
        e2e_see(t, head, "the reader opens again");
        long t0 = term_now_ms();
        term_close(t);
        bool ended = term_wait_exit(t, LIVENESS_MS, &st);
        printf("# terminal closed to exit: %ld ms\n", term_now_ms() - t0);
        ok(ended && !crashed(st), "closing the terminal ends the reader (%s)",
           ended ? describe(st) : "still running");
        term_free(t);
    }

    /* ---- sizes ------------------------------------------------------------ */
    {
        term_t *t = e2e_reader(&e, 1, 1, NULL, args);
        term_wait_quiet(t, 300, TERM_TIMEOUT);
        ok(alive(t), "1x1: the reader runs");
        idle_check(t, "1x1");
        term_resize(t, 200, 500);
        e2e_see(t, head, "resized to 500x200: the article shows");
        idle_check(t, "500x200");
        /* 20 resizes in a row, with no wait between them */
        static const int sz[][2] = { {1, 1}, {200, 500}, {5, 20}, {24, 80}, {2, 3}, {100, 300},
                                     {40, 120}, {1, 500}, {200, 1}, {30, 60}, {3, 3}, {50, 200},
                                     {12, 40}, {199, 499}, {7, 7}, {60, 160}, {1, 1}, {25, 81},
                                     {80, 250}, {40, 120} };
        for (size_t i = 0; i < sizeof sz / sizeof sz[0]; i++)
            term_resize(t, sz[i][0], sz[i][1]);
        e2e_see(t, head, "after 20 resizes in a row, at 120x40 the article shows");
        ok(alive(t), "  still running");
        idle_check(t, "after 20 resizes");
        quit(t, "after the resizes");
    }
    {
        term_t *t = e2e_reader(&e, 200, 500, NULL, args);
        e2e_see(t, head, "500x200 from the start: the article shows");
        quit(t, "500x200");
    }

    /* ---- a burst of 10,000 keys ---------------------------------------- */
    {
        term_t *t = e2e_reader(&e, 40, 120, NULL, args);
        e2e_see(t, head, "the article, before the burst");
        /* Moves only: no quit, no tag, no prompt. */
        static const char keys[] = "jkJK bgGzxsS][\t\004\025jjjjkkkkJJ";
        char *burst = malloc(10001);
        unsigned r = 12345;
        for (int i = 0; i < 10000; i++) {
            r = r * 1103515245u + 12345u;
            burst[i] = keys[(r >> 16) % (sizeof keys - 1)];
        }
        long t0 = term_now_ms();
        bool sent = true;
        for (int i = 0; i < 10000 && sent; i += 500)
            sent = term_send_bytes(t, burst + i, 500);
        free(burst);
        ok(sent, "10,000 keys sent");
        bool settled = term_wait_quiet(t, 500, 120000);
        printf("# the burst took %ld ms to settle\n", term_now_ms() - t0);
        ok(settled && alive(t), "after 10,000 keys it settles and still runs");
        idle_check(t, "after 10,000 keys");
        quit(t, "after 10,000 keys");
    }

    /* ---- writes that cannot happen ------------------------------------------ */
    /* A read-only library: as root, permissions do not stop writes, so the
    ** reader runs as nobody (setpriv) on the root-owned library; otherwise
    ** the file and its directory are made read-only.  A full disk: a file
    ** size limit (prlimit) with SIGXFSZ ignored, so writes fail with EFBIG
    ** as they fail with ENOSPC on a full disk.  Either way a tag must say
    ** that it could not be saved, change nothing, and the reader go on. */
    for (int mode = 0; mode < 2; mode++) {
        const char *name = mode == 0 ? "read-only library" : "full disk";
        bool root = geteuid() == 0;
        if (mode == 0 && root && access("/usr/bin/setpriv", X_OK) != 0) {
            printf("ok %d - %s # SKIP running as root without setpriv\n", ++tap_n, name);
            continue;
        }
        if (mode == 1 && access("/usr/bin/prlimit", X_OK) != 0) {
            printf("ok %d - %s # SKIP no prlimit\n", ++tap_n, name);
            continue;
        }
        char *before = e2e_export(&e);
        char dbdir[300];
        snprintf(dbdir, sizeof dbdir, "%s", e.db);
        *strrchr(dbdir, '/') = 0;
        if (mode == 0 && root) {
            chmod(e.dir, 0755);
            setenv("E2E_WRAPPER", "setpriv --reuid=65534 --regid=65534 --clear-groups", 1);
        } else if (mode == 0) {
            chmod(e.db, 0444);
            chmod(dbdir, 0555);
        } else {
            signal(SIGXFSZ, SIG_IGN);
            setenv("E2E_WRAPPER", "prlimit --fsize=2048", 1);
        }
        term_t *t = e2e_reader(&e, 40, 120, NULL, args);
        e2e_see(t, head, "%s: the article opens", name);
        e2e_select(t, 1);
        term_wait_quiet(t, 100, TERM_TIMEOUT);
        term_send(t, "d");
        e2e_see(t, "cannot save", "%s: a tag says it cannot be saved", name);
        term_send(t, "j");
        term_wait_quiet(t, 200, TERM_TIMEOUT);
        ok(alive(t), "%s: the reader goes on", name);
        quit(t, name);
        unsetenv("E2E_WRAPPER");
        signal(SIGXFSZ, SIG_DFL);
        chmod(e.db, 0644);
        chmod(dbdir, 0700);
        chmod(e.dir, 0700);
        char *after = e2e_export(&e);
        ok(before && after && strcmp(before, after) == 0, "%s: the library is unchanged", name);
        free(before);
        free(after);
    }

    /* ---- big and hostile articles ------------------------------------------- */
    char path[400];
    snprintf(path, sizeof path, "%s/line.txt", e.dir);
    FILE *f = fopen(path, "w");
    for (int i = 0; f && i < 156000; i++)
        fputs("the minister said the figures were wrong and the agency denied it ", f);
    if (f)
        fclose(f);
    char *big = import(path, "One long line", false);
    snprintf(path, sizeof path, "%s/paras.txt", e.dir);
    f = fopen(path, "w");
    for (int i = 0; f && i < 100000; i++)
        fprintf(f, "Paragraph %d: Ana Sola said the dam at %d was safe.\n\n", i, i);
    if (f)
        fclose(f);
    char *many = import(path, "Many paragraphs", true);
    snprintf(path, sizeof path, "%s/evil.txt", e.dir);
    f = fopen(path, "w");
    if (f) {
        fputs("Before \033]52;c;ZXZpbA==\007 clip, \033]0;pwned\007 title, \033P1$r0m\033\\ dcs, "
              "\302\2331m c1, \342\200\256rlo\342\200\254 bidi, \033[2J clear, \033[?1049l alt. After.\n", f);
        fclose(f);
    }
    char *evil = import(path, "Escapes", true);
    ok(big && many && evil, "the big and hostile articles are imported");

    struct { const char *name, *id, *see; } arts[] = {
        { "one 10 MB line", big, "minister" },
        { "100,000 paragraphs", many, "Paragraph" },
        { "escape sequences", evil, "Before" },
    };
    for (size_t i = 0; i < sizeof arts / sizeof arts[0]; i++) {
        if (!arts[i].id)
            continue;
        char *a2[] = { "read", (char *)arts[i].id, NULL };
        long t0 = term_now_ms();
        term_t *t = e2e_reader(&e, 40, 120, NULL, a2);
        e2e_see(t, arts[i].see, "%s: the article opens", arts[i].name);
        printf("# %s: opened in %ld ms\n", arts[i].name, term_now_ms() - t0);
        t0 = term_now_ms();
        term_send(t, "G");
        term_wait_quiet(t, 300, 120000);
        term_send(t, "g");
        term_wait_quiet(t, 300, 120000);
        term_send(t, "        jjjjj");
        bool settled = term_wait_quiet(t, 300, 120000);
        printf("# %s: G, g and paging settled in %ld ms\n", arts[i].name, term_now_ms() - t0);
        ok(settled && alive(t), "%s: to the end, back and paging, still running", arts[i].name);
        term_resize(t, 12, 30);
        term_resize(t, 40, 120);
        e2e_see(t, arts[i].see, "%s: shown again after a resize", arts[i].name);
        idle_check(t, arts[i].name);
        ok(term_log_find(t, "\033]52", 4) < 0 && term_log_find(t, "\033]0;pwned", 9) < 0 &&
           term_log_find(t, "\033P1$", 4) < 0 && term_log_find(t, "\302\233", 2) < 0 &&
           term_log_find(t, "\342\200\256", 3) < 0,
           "%s: no OSC, DCS, C1 or bidi override from the article reached the terminal", arts[i].name);
        quit(t, arts[i].name);
    }

    free(big);
    free(many);
    free(evil);
    free(id);
    free(title);
    free(lib);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
