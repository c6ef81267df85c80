/*
** test_terminals.c: any terminal (issue 3, issue 6).  An unknown TERM is
** a clear message and a non-zero exit, not a crash; vt100, screen,
** tmux-256color and linux all work, and leave the bottom row to the
** shell's prompt when they quit; and terminals far too small (1x1,
** 3x10, 10x3) neither crash nor hang, and recover when resized back.
*/
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

static bool crashed(int st)
{
    return WIFSIGNALED(st) && (WTERMSIG(st) == SIGSEGV || WTERMSIG(st) == SIGABRT ||
                               WTERMSIG(st) == SIGBUS || WTERMSIG(st) == SIGFPE ||
                               WTERMSIG(st) == SIGILL || WCOREDUMP(st));
}

int main(void)
{
    char *lib;
    e2e_setup_samples(&e, &lib, NULL);
    char *title = e2e_first(lib, "title"), *id = e2e_first(lib, "id");
    if (!title || !id) {
        printf("Bail out! cannot list the library\n");
        return 1;
    }
    int st;

    /* Unknown and missing TERM. */
    {
        char *env[] = { "TERM=no-such-terminal-xyz", NULL };
        term_t *t = e2e_reader(&e, 24, 80, env, NULL);
        bool ended = term_wait_exit(t, TERM_TIMEOUT, &st);
        ok(ended && WIFEXITED(st) && WEXITSTATUS(st) != 0,
           "unknown TERM: exits with a non-zero status");
        ok(!crashed(st), "  without crashing");
        ok(term_contains(t, "no-such-terminal-xyz"), "  naming the terminal type");
        ok(term_contains(t, "TERM="), "  and suggesting a TERM to use");
        if (!term_contains(t, "TERM="))
            term_dump(t, "unknown TERM");
        term_free(t);
    }
    {
        char *env[] = { "TERM", NULL };
        term_t *t = e2e_reader(&e, 24, 80, env, NULL);
        bool ended = term_wait_exit(t, TERM_TIMEOUT, &st);
        ok(ended && !crashed(st), "no TERM at all: ends without crashing (%s)",
           ended && WIFEXITED(st) ? "exit" : "signal");
        ok(!WIFEXITED(st) || WEXITSTATUS(st) != 0 || term_contains(t, e2e_prefix(title, 10)),
           "  either a message and non-zero status, or it works");
        term_free(t);
    }

    /* Common terminal types all work. */
    static const char *const terms[] = { "vt100", "screen", "tmux-256color", "linux",
                                         "xterm", "dumb" };
    for (size_t i = 0; i < sizeof terms / sizeof *terms; i++) {
        char te[64];
        snprintf(te, sizeof te, "TERM=%s", terms[i]);
        char *env[] = { te, NULL };
        term_t *t = e2e_reader(&e, 24, 80, env, NULL);
        if (strcmp(terms[i], "dumb") == 0) {
            /* A terminal that cannot address the cursor: a message, not a
            ** garbled screen. */
            bool ended = term_wait_exit(t, TERM_TIMEOUT, &st);
            if (!ended) {
                term_send(t, "Q");
                ended = term_wait_exit(t, TERM_TIMEOUT, &st);
            }
            ok(ended && !crashed(st), "TERM=dumb: ends without crashing");
            ok(ended && WIFEXITED(st) && WEXITSTATUS(st) == 1
               && term_contains(t, "cannot move the cursor"),
               "  with a message that says why, and status 1");
            term_free(t);
            continue;
        }
        e2e_see(t, e2e_prefix(title, 20), "TERM=%s: the library is shown", terms[i]);
        term_send(t, TK_ENTER);
        term_send(t, "J");
        term_wait_quiet(t, 100, TERM_TIMEOUT);
        ok(e2e_quit(t), "TERM=%s: Q quits with status 0", terms[i]);
        /* Where there is no alternate screen (vt100, linux) the last
        ** frame stays, but not the status line on the bottom row, where
        ** the shell's prompt comes: its end would show after the prompt. */
        const char *last = term_row(t, 23);
        ok(last && !strstr(last, "J/K") && !strstr(last, "[text]"),
           "  and leaves no status line on the bottom row");
        if (tap_failed)
            term_dump(t, terms[i]);
        term_free(t);
    }

    /* Tiny terminals, from the start and by resizing. */
    static const int tiny[][2] = { {1, 1}, {3, 10}, {10, 3}, {2, 2}, {5, 20} };
    for (size_t i = 0; i < sizeof tiny / sizeof *tiny; i++) {
        int R = tiny[i][0], C = tiny[i][1];
        char *args[] = { "read", id, NULL };
        term_t *t = e2e_reader(&e, R, C, NULL, args);
        term_wait_quiet(t, 200, TERM_TIMEOUT);
        /* Every key that draws, in the tiny screen. */
        term_send(t, "JJjk" TK_TAB "x" TK_CTRL_O "z" TK_BTAB "G" "g" "z");
        term_wait_quiet(t, 200, TERM_TIMEOUT);
        ok(!term_exited(t, &st), "%dx%d: alive after keys", C, R);
        term_resize(t, 40, 120);
        bool back = term_wait_text(t, e2e_prefix(title, 20), TERM_TIMEOUT);
        ok(back, "%dx%d: resized to 120x40, the article shows again", C, R);
        if (!back)
            term_dump(t, NULL);
        term_send(t, "Q");
        bool ended = term_wait_exit(t, TERM_TIMEOUT, &st);
        ok(ended && WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "%dx%d: Q quits with status 0", C, R);
        if (ended && crashed(st))
            printf("#   crashed: signal %d\n", WTERMSIG(st));
        term_free(t);
    }
    {
        term_t *t = e2e_read(&e, id);
        e2e_see(t, e2e_prefix(title, 20), "120x40: the article");
        for (int i = 0; i < 3; i++) {
            term_resize(t, 1, 1);
            term_pump(t);
            term_resize(t, 3, 10);
            term_pump(t);
        }
        term_wait_quiet(t, 200, TERM_TIMEOUT);
        ok(!term_exited(t, &st), "shrunk to 1x1 and 10x3 repeatedly: alive");
        term_resize(t, 40, 120);
        e2e_see(t, e2e_prefix(title, 20), "and back at 120x40, the article again");
        ok(e2e_quit(t), "Q quits with status 0");
        term_free(t);
    }

    free(title);
    free(id);
    free(lib);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
