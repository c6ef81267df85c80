/*
** test_tiny.c: what a terminal smaller than 20x5 shows.  Every size from
** 1x1 to 20x4 and 19x5, and very wide ones of one and two rows, shows the
** size it needs ("20x5") whole, in the longest wording that fits; a user
** trial found it cut to "terminal / too small / (need" at 10x3.  Where
** fewer than four cells can be written, a "!".  Nothing is drawn past the
** screen (the message's first row is where it was put, not scrolled
** off), and the reader comes back whole at full size.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "e2e.h"

/* The screen's text with its blanks and row breaks taken out. */
static const char *squeezed(term_t *t)
{
    static char buf[8192];
    const char *s = term_screen(t);
    size_t n = 0;
    for (; *s && n < sizeof buf - 1; s++)
        if (*s != ' ' && *s != '\n')
            buf[n++] = *s;
    buf[n] = '\0';
    return buf;
}

static bool shows(term_t *t, void *want)
{
    return strstr(squeezed(t), want) != NULL;
}

/* Resize to rows x cols and wait for the screen to show want
** (squeezed); false at the timeout. */
static bool resized_shows(term_t *t, int rows, int cols, const char *want)
{
    term_resize(t, rows, cols);
    return term_wait_for(t, shows, (void *)want, TERM_TIMEOUT);
}

/* Is the screen, row by row with each row's outer blanks taken off and
** a newline after each, exactly want?  Stricter than shows(): a frame
** drawn for the size before (20x4's "terminal too small / (need 20x5)"
** squeezes to a string holding 10x3's wording) does not pass, so a check
** made next is made on this size's frame, not on one the reader is about
** to replace.  CI once saw the row check below run on such a frame. */
static bool is_rows(term_t *t, void *want)
{
    char buf[4096];
    size_t n = 0;
    int rows, cols;
    term_size(t, &rows, &cols);
    for (int r = 0; r < rows; r++) {
        const char *s = term_row(t, r);
        size_t k = strlen(s);
        while (*s == ' ')
            s++, k--;
        while (k > 0 && s[k - 1] == ' ')
            k--;
        if (n + k + 2 > sizeof buf)
            return false;
        memcpy(buf + n, s, k);
        n += k;
        buf[n++] = '\n';
    }
    buf[n] = '\0';
    return strcmp(buf, want) == 0;
}

/* Resize and wait for the screen to be want exactly (is_rows); on a
** timeout the screen is dumped. */
static bool resized_is(term_t *t, int rows, int cols, const char *want)
{
    term_resize(t, rows, cols);
    if (term_wait_for(t, is_rows, (void *)want, TERM_TIMEOUT))
        return true;
    term_dump(t, "not the expected rows");
    return false;
}

int main(void)
{
    e2e_t e;
    char *lib;
    e2e_setup_samples(&e, &lib, NULL);
    term_t *t = e2e_reader(&e, 40, 120, NULL, NULL);
    e2e_see(t, "contra: library", "the library opens at 120x40");

    /* Every size below 20x5.  curses cannot fill the bottom right cell of
    ** a one-column terminal, so there the last row is not counted. */
    int bad = 0;
    for (int cols = 1; cols <= 20; cols++)
        for (int rows = 1; rows <= 5; rows++) {
            if (cols == 20 && rows == 5)
                continue;
            int cells = cols * (cols == 1 ? rows - 1 : rows);
            const char *want = cells >= 4 ? "20x5" : cells >= 1 ? "!" : "";
            if (!*want)
                continue;
            if (!resized_shows(t, rows, cols, want)) {
                bad++;
                char why[64];
                snprintf(why, sizeof why, "%dx%d shows no \"%s\"", cols, rows, want);
                term_dump(t, why);
            }
        }
    is_int(bad, 0, "every size from 1x1 to 20x4 shows \"20x5\" (or \"!\" in under 4 cells)");

    /* The wording at a few sizes, row by row. */
    ok(resized_is(t, 3, 10, "too small\n(need\n20x5)\n"), "10x3 says \"too small (need 20x5)\"");
    ok(resized_is(t, 4, 19, "terminal too small\n(need 20x5)\nq quits\n\n"),
       "19x4 says all of it, and that q quits");
    int r = -1;
    ok(term_find(t, "terminal too small", &r, NULL) && r == 0,
       "  from its first row (nothing scrolled off)");
    ok(resized_shows(t, 1, 200, "terminaltoosmall(need20x5);qquits")
       && term_contains(t, "terminal too small (need 20x5); q quits"),
       "200x1: the whole message on its one row");
    ok(resized_shows(t, 2, 200, "terminaltoosmall(need20x5);qquits")
       && term_contains(t, "terminal too small (need 20x5); q quits"),
       "200x2: the same");
    ok(resized_is(t, 1, 9, "need 20x5\n"), "9x1: \"need 20x5\"");
    ok(resized_is(t, 2, 2, "20\nx5\n"), "2x2: \"20\" over \"x5\"");

    /* Back at full size, the library again. */
    term_resize(t, 40, 120);
    e2e_see(t, "contra: library", "back at 120x40, the library again");
    ok(!term_contains(t, "too small"), "  and no trace of the message");

    /* q quits from a tiny screen, as it says. */
    term_resize(t, 3, 10);
    term_wait_for(t, shows, "20x5", TERM_TIMEOUT);
    term_send(t, "q");
    int st;
    ok(term_wait_exit(t, TERM_TIMEOUT, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0,
       "q quits from 10x3 with status 0");
    term_free(t);
    free(lib);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
