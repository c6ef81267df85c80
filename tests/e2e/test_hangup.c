/*
** test_hangup.c: a dropped connection (issue 3 "SSH-friendly", issue 6):
** SIGHUP in the middle of a session, the terminal going away (our side
** of the pty closed, as sshd does), and end of input on stdin.  Each time
** the process must end by itself -- the time it took is printed, and only
** a generous 5 s bound is asserted, as a liveness check -- and every tag
** the screen showed must be in the library afterwards.  SIGTERM, SIGINT
** and Ctrl-\ must also restore the terminal (leave the alternate screen).
*/
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "e2e.h"

#define LIVENESS_MS 5000

static e2e_t e;
static char *id, *title, **ord;

/* Did it end by itself, cleanly (no crash signal, no core)? */
static bool clean_end(int st)
{
    if (WIFEXITED(st))
        return true;
    int sig = WTERMSIG(st);
    return !WCOREDUMP(st) && (sig == SIGHUP || sig == SIGTERM || sig == SIGINT ||
                              sig == SIGPIPE);
}

static const char *describe(int st)
{
    static char buf[64];
    if (WIFEXITED(st))
        snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(st));
    else
        snprintf(buf, sizeof buf, "signal %d%s", WTERMSIG(st),
                 WCOREDUMP(st) ? " (core dumped)" : "");
    return buf;
}

/* Open the article, select annotation k, tag it with key; wait until the
** screen shows the mark (then it is committed). */
static term_t *tagged_session(int k, const char *key, char mark)
{
    term_t *t = e2e_read(&e, id);
    e2e_see(t, e2e_prefix(title, 20), "the article opens");
    int border = e2e_first_frame(t);
    e2e_select(t, k + 1);
    term_send(t, key);
    e2e_mark_t a = { ord[k], mark, border };
    bool shown = term_wait_for(t, e2e_mark_shown, &a, TERM_TIMEOUT);
    ok(shown, "'%s' on %s shows '%c'", key, ord[k], mark);
    if (!shown)
        term_dump(t, NULL);
    return t;
}

static void expect_status(const char *aid, const char *want, const char *why)
{
    char *s = e2e_status(&e, aid);
    is_str(s, want, "%s: %s is %s in the library", why, aid, want);
    free(s);
}

int main(void)
{
    char *lib, *exp;
    e2e_setup_samples(&e, &lib, &exp);
    id = e2e_first(lib, "id");
    title = e2e_first(exp, "title");
    ord = e2e_reading_order(exp, "$[0]");
    if (e2e_strv_len(ord) < 3) {
        printf("Bail out! the newest sample article needs three annotations\n");
        return 1;
    }
    int st = 0;
    long t0;

    /* 1. SIGHUP after a tag. */
    term_t *t = tagged_session(0, "d", '!');
    t0 = term_now_ms();
    term_kill(t, SIGHUP);
    bool ended = term_wait_exit(t, LIVENESS_MS, &st);
    printf("# SIGHUP: ended after %ld ms (%s), %ld ms of CPU in all\n",
           term_now_ms() - t0, ended ? describe(st) : "still running", term_cpu_ms(t));
    ok(ended, "SIGHUP ends the reader (within the %d ms liveness bound)", LIVENESS_MS);
    ok(ended && clean_end(st), "  cleanly: %s", ended ? describe(st) : "-");
    term_free(t);
    expect_status(ord[0], "disputed", "after SIGHUP");

    /* 2. The terminal goes away: our side of the pty closed. */
    t = tagged_session(1, "c", '+');
    t0 = term_now_ms();
    term_close(t);
    ended = term_wait_exit(t, LIVENESS_MS, &st);
    printf("# hangup (pty closed): ended after %ld ms (%s)\n",
           term_now_ms() - t0, ended ? describe(st) : "still running");
    ok(ended, "closing the terminal ends the reader");
    ok(ended && clean_end(st), "  cleanly: %s", ended ? describe(st) : "-");
    term_free(t);
    expect_status(ord[1], "corroborated", "after the hangup");
    expect_status(ord[0], "disputed", "after the hangup");

    /* 3. SIGTERM: ends, and restores the terminal on the way out. */
    t = tagged_session(2, "d", '!');
    term_log_reset(t);
    t0 = term_now_ms();
    term_kill(t, SIGTERM);
    ended = term_wait_exit(t, LIVENESS_MS, &st);
    printf("# SIGTERM: ended after %ld ms (%s)\n", term_now_ms() - t0,
           ended ? describe(st) : "still running");
    ok(ended && clean_end(st), "SIGTERM ends the reader cleanly");
    ok(term_log_find(t, "\033[?1049l", 8) >= 0,
       "  leaving the alternate screen (terminal restored)");
    term_free(t);
    expect_status(ord[2], "disputed", "after SIGTERM");

    /* 3b. SIGINT (Ctrl-C from another process): the same. */
    t = tagged_session(0, "c", '+');
    term_log_reset(t);
    term_kill(t, SIGINT);
    ended = term_wait_exit(t, LIVENESS_MS, &st);
    ok(ended && clean_end(st), "SIGINT ends the reader cleanly (%s)", ended ? describe(st) : "-");
    ok(term_log_find(t, "\033[?1049l", 8) >= 0, "  leaving the alternate screen");
    term_free(t);
    expect_status(ord[0], "corroborated", "after SIGINT");

    /* 3c. Ctrl-\ (SIGQUIT from the terminal): the same, and no core;
    ** it used to leave the alternate screen on, its cursor hidden. */
    t = tagged_session(2, "c", '+');
    term_log_reset(t);
    term_send(t, "\034");
    ended = term_wait_exit(t, LIVENESS_MS, &st);
    ok(ended && clean_end(st) && WIFEXITED(st) && WEXITSTATUS(st) == 128 + SIGQUIT,
       "Ctrl-\\ ends the reader with status 131 (%s)", ended ? describe(st) : "-");
    ok(term_log_find(t, "\033[?1049l", 8) >= 0, "  leaving the alternate screen");
    term_free(t);
    expect_status(ord[2], "corroborated", "after Ctrl-\\");

    /* 4. End of input: standard input at end of file from the start (a
    ** closed pipe, a script's </dev/null).  Whether it refuses to start
    ** or starts and stops, it must end by itself and not spin. */
    {
        char *argv[] = { (char *)e.contra, "--db", e.db, "read", id, NULL };
        char home[300];
        snprintf(home, sizeof home, "HOME=%s", e.dir);
        char *env[] = { home, "CONTRA_DB", NULL };
        t = term_spawn_stdin(40, 120, argv, env, "/dev/null");
        t0 = term_now_ms();
        ended = term_wait_exit(t, LIVENESS_MS, &st);
        printf("# stdin at EOF: ended after %ld ms (%s), %ld ms of CPU\n",
               term_now_ms() - t0, ended ? describe(st) : "still running", term_cpu_ms(t));
        ok(ended, "end of input on stdin ends the reader");
        ok(ended && clean_end(st), "  cleanly: %s", ended ? describe(st) : "-");
        if (!ended)
            term_dump(t, "stdin at EOF");
        term_free(t);
    }
    expect_status(ord[0], "corroborated", "at the end");
    expect_status(ord[1], "corroborated", "at the end");

    e2e_strv_free(ord);
    free(id);
    free(title);
    free(lib);
    free(exp);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
