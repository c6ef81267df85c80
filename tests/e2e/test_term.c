/*
** test_term.c: checks the end-to-end harness itself (term.c) against
** programs whose output is known (sh, printf, stty), so that a failing
** reader test can be trusted to be about the reader.
*/
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "term.h"

static term_t *sh(int rows, int cols, const char *script, char *const env[])
{
    char *argv[] = { "sh", "-c", (char *)script, NULL };
    return term_spawn(rows, cols, argv, env);
}

int main(void)
{
    term_t *t;
    term_cell_t c;
    int st, r, col;

    /* Text, attributes and colours read back cell by cell. */
    t = sh(10, 40,
           "printf 'plain \\033[1;31mRED\\033[0m \\033[7mREV\\033[0m "
           "\\033[38;5;208mORANGE\\033[0m\\n'; printf '日本 x\\n'; "
           "printf 'wide😀end\\n'; read x; echo got:$x; read y", NULL);
    ok(t != NULL, "spawn sh in a pty");
    ok(term_wait_text(t, "wide😀end", TERM_TIMEOUT), "wait for text");
    is_str(term_row(t, 0), "plain RED REV ORANGE", "row 0 text");
    ok(term_find(t, "RED", &r, &col) && r == 0 && col == 6, "find RED at 0,6");
    term_cell(t, 0, 6, &c);
    ok(c.bold && c.fg == 1 && !c.reverse, "RED is bold, fg 1 (got bold=%d fg=%d)",
       c.bold, c.fg);
    term_cell(t, 0, 10, &c);
    ok(c.reverse && c.fg == -1, "REV is reverse with default fg");
    term_cell(t, 0, 14, &c);
    ok(c.fg == 208, "ORANGE has fg 208 (got %d)", c.fg);
    term_cell(t, 0, 0, &c);
    ok(!c.bold && !c.reverse && c.fg == -1 && c.bg == -1, "plain is plain");

    is_str(term_row(t, 1), "日本 x", "CJK row reads back once per character");
    term_cell(t, 1, 0, &c);
    ok(c.width == 2 && strcmp(c.text, "日") == 0, "日 is one cell of width 2");
    term_cell(t, 1, 1, &c);
    ok(c.width == 0 && c.text[0] == 0, "its right half is an empty tail");
    term_cell(t, 1, 2, &c);
    is_str(c.text, "本", "本 starts at column 2");
    ok(term_find(t, "x", &r, &col) && r == 1 && col == 5, "x at column 5");
    is_str(term_text(t, 1, 2, 4), "本", "term_text by cells");
    is_str(term_row(t, 2), "wide😀end", "emoji row");
    ok(term_find(t, "end", &r, &col) && col == 6, "emoji takes two columns");

    term_log_reset(t);
    term_send(t, "hello" TK_ENTER);
    ok(term_wait_text(t, "got:hello", TERM_TIMEOUT), "keys reach the program");
    ok(term_log_find(t, "got:hello", 9) >= 0, "raw log holds the output");
    term_send(t, TK_ENTER);
    ok(term_wait_exit(t, TERM_TIMEOUT, &st) && WIFEXITED(st) &&
       WEXITSTATUS(st) == 0, "sh exits 0");
    term_free(t);

    /* Raw bytes: the log sees what the screen hides. */
    t = sh(5, 20, "printf 'a\\033]52;c;aGk=\\007b\\302\\233c\\n'", NULL);
    ok(term_wait_exit(t, TERM_TIMEOUT, &st), "printf exits");
    ok(term_log_find(t, "\033]52", 4) >= 0, "OSC 52 found in the log");
    ok(term_log_find(t, "\xc2\x9b", 2) >= 0, "C1 CSI found in the log");
    ok(term_log_find_high(t) >= 0, "high byte found");
    term_free(t);

    t = sh(5, 20, "printf 'ascii only\\n'", NULL);
    ok(term_wait_exit(t, TERM_TIMEOUT, &st), "printf exits");
    ok(term_log_find_high(t) < 0, "no high byte in ASCII output");
    ok(term_contains(t, "ascii only"), "output still rendered after exit");
    term_free(t);

    /* Environment: defaults, overrides and removals. */
    {
        char *env[] = { "LANG=C", "NO_COLOR=1", "HOME", NULL };
        t = sh(5, 60, "echo T=$TERM L=$LANG N=$NO_COLOR H=${HOME-unset}; read x",
               env);
        ok(term_wait_text(t, "T=xterm-256color L=C N=1 H=unset", TERM_TIMEOUT),
           "environment set and unset");
        term_free(t);
    }

    /* Resizing: the child sees the new size and gets SIGWINCH. */
    t = sh(40, 120, "trap 'echo WINCH' WINCH; stty size; "
           "while :; do read x; stty size; done", NULL);
    ok(term_wait_text(t, "40 120", TERM_TIMEOUT), "initial size");
    term_resize(t, 12, 40);
    term_send(t, TK_ENTER);
    ok(term_wait_text(t, "12 40", TERM_TIMEOUT), "resized to 12x40");
    term_size(t, &r, &col);
    ok(r == 12 && col == 40, "screen resized too");
    ok(term_wait_text(t, "WINCH", TERM_TIMEOUT), "child got SIGWINCH");

    /* Signals and end of input. */
    ok(term_kill(t, SIGHUP), "send SIGHUP");
    ok(term_wait_exit(t, TERM_TIMEOUT, &st) && WIFSIGNALED(st) &&
       WTERMSIG(st) == SIGHUP, "killed by SIGHUP");
    ok(term_cpu_ms(t) >= 0, "cpu time known after exit");
    term_free(t);

    t = sh(5, 20, "read x; echo never", NULL);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    term_close(t);
    ok(term_wait_exit(t, TERM_TIMEOUT, &st), "closing the master ends sh");
    term_free(t);

    t = sh(5, 20, "sleep 100", NULL);
    ok(!term_wait_exit(t, 200, &st), "a running program times out the wait");
    term_free(t);   /* kills it */

    {
        char *argv[] = { "sh", "-c", "read x && echo has || echo EOF; read y", NULL };
        t = term_spawn_stdin(5, 20, argv, NULL, "/dev/null");
        ok(term_wait_text(t, "EOF", TERM_TIMEOUT), "stdin from /dev/null");
        ok(term_wait_exit(t, TERM_TIMEOUT, &st), "and it exits");
        term_free(t);
    }

    {
        char *argv[] = { "/nonexistent/prog", NULL };
        t = term_spawn(5, 40, argv, NULL);
        ok(term_wait_exit(t, TERM_TIMEOUT, &st) && WIFEXITED(st) &&
           WEXITSTATUS(st) == 127, "exec failure is status 127");
        term_free(t);
    }

    /* Keys that depend on modes: cursor keys in normal and application mode. */
    t = sh(5, 40, "stty raw -echo; printf '\\033[?1h'; echo READY; "
           "dd bs=1 count=3 2>/dev/null | od -An -c; read x", NULL);
    ok(term_wait_text(t, "READY", TERM_TIMEOUT), "raw mode set");
    term_key(t, TK_UP);
    ok(term_wait_text(t, "033   O   A", TERM_TIMEOUT),
       "Up in application mode is ESC O A");
    if (!term_contains(t, "033   O   A"))
        term_dump(t, "cursor key");
    term_free(t);

    /* Quiet: a program that keeps writing is never quiet. */
    t = sh(5, 20, "while :; do echo x; sleep 0.05; done", NULL);
    ok(!term_wait_quiet(t, 500, 1000), "a chatty program is not quiet");
    term_free(t);

    return done_testing();
}
