/*
** test_escape.c: Esc on every screen of the reader.  On a filtered
** library it takes the filter off (the whole library again, as in tig or
** mutt); on help it goes back; in a prompt it cancels (as Ctrl-C does
** there, where elsewhere it quits); in an article it
** takes a search's marks off (n brings them back), then the entity's
** highlight; where there is
** nothing to cancel it does nothing, and never calls itself an unknown key
** (a user trial found "unknown key; ? shows the keys" after a filter).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

/* Whatever the reader says of a key it does not take. */
static bool complains(term_t *t)
{
    return term_contains(t, "unknown key") || term_contains(t, "does nothing");
}

/* How many cells of the text are marked as a search match (cyan). */
static int marked_cells(term_t *t)
{
    int n = 0, rows, cols;
    term_size(t, &rows, &cols);
    term_cell_t c;
    for (int r = 1; r < rows - 1; r++)
        for (int x = 0; x < cols; x++)
            if (term_cell(t, r, x, &c) && c.bg == 6)
                n++;
    return n;
}

/* How many cells of the text pane (left of border) show the entity
** highlight (black on yellow). */
static int highlighted_cells(term_t *t, int border)
{
    int n = 0, rows;
    term_size(t, &rows, NULL);
    term_cell_t c;
    for (int r = 1; r < rows - 1; r++)
        for (int x = 0; x < border; x++)
            if (term_cell(t, r, x, &c) && c.bg == 3)
                n++;
    return n;
}

/* The first word of the entity on the sidebar's cursor row (reverse
** video, ending with its count of mentions), right of border; "" if
** there is none. */
static const char *sidebar_word(term_t *t, int border)
{
    static char word[128];
    int rows, cols;
    term_size(t, &rows, &cols);
    word[0] = '\0';
    for (int r = 1; r < rows - 1 && !word[0]; r++) {
        term_cell_t cell;
        term_cell(t, r, border + 3, &cell);
        const char *row = term_text(t, r, border + 1, cols);
        size_t n = strlen(row);
        if (!cell.reverse || !n || row[n - 1] < '0' || row[n - 1] > '9')
            continue;
        while (*row == ' ')
            row++;
        n = strcspn(row, " ");
        snprintf(word, sizeof word, "%.*s", (int)n, row);
    }
    return word;
}

/* Press Esc and let the reader settle (curses waits a moment after a lone
** Esc to tell it from the start of a key's sequence). */
static void esc(term_t *t)
{
    term_send(t, TK_ESC);
    term_wait_quiet(t, 300, TERM_TIMEOUT);
}

int main(void)
{
    e2e_t e;
    char *lib;
    e2e_setup_samples(&e, &lib, NULL);
    char **titles = e2e_query(lib, "SELECT json_extract(value, '$.title') FROM json_each(?1)");
    int n = e2e_strv_len(titles);
    if (n < 2) {
        printf("Bail out! the sample library has fewer than 2 articles\n");
        return 1;
    }
    char all[64];
    snprintf(all, sizeof all, "contra: library (%d articles)", n);

    term_t *t = e2e_reader(&e, 30, 120, NULL, NULL);
    e2e_see(t, all, "the library opens unfiltered");
    term_wait_quiet(t, 100, TERM_TIMEOUT);

    /* Esc with nothing to cancel: nothing happens, quietly. */
    esc(t);
    ok(!complains(t), "Esc on the unfiltered library says nothing");
    ok(term_contains(t, all), "and the library stays as it was");

    /* A filter that matches some of the library, not all of it. */
    term_send(t, "/");
    e2e_see(t, "filter", "/ opens the filter prompt");
    term_send(t, "Marrowick" TK_ENTER);
    e2e_see(t, "filtered by \"Marrowick\"", "the filter applies");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(term_contains(t, "Esc"), "the filtered library's status line names Esc");
    esc(t);
    ok(!complains(t), "Esc on the filtered library is not an unknown key");
    e2e_see(t, all, "Esc takes the filter off: the whole library again");
    ok(!term_contains(t, "filtered by"), "and the title no longer says filtered");
    esc(t);
    ok(!complains(t) && term_contains(t, all), "a second Esc does nothing, quietly");

    /* A filter that matches nothing says how to get them all back. */
    term_send(t, "/");
    e2e_see(t, "filter", "/ opens the filter prompt");
    term_send(t, "zzqqxx" TK_ENTER);
    e2e_see(t, "No article matches.  Esc shows them all.", "no match: the screen names Esc");
    esc(t);
    e2e_see(t, all, "and Esc shows them all");

    /* Esc in the filter prompt cancels it and keeps the library as it was. */
    term_send(t, "/");
    e2e_see(t, "filter", "/ opens the filter prompt again");
    term_send(t, "Marrow");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    esc(t);
    ok(!term_contains(t, "filter (empty"), "Esc closes the filter prompt");
    ok(term_contains(t, all) && !complains(t), "without filtering or complaining");

    /* Help: Esc goes back to where it was opened. */
    term_send(t, "?");
    e2e_see(t, "contra: keys", "? shows the help screen");
    term_send(t, "G");
    e2e_see(t, "Esc ", "help lists Esc (at its end)");
    esc(t);
    e2e_see(t, all, "Esc on help goes back to the library");
    ok(!complains(t), "quietly");

    /* The article screen: nothing to cancel, so nothing is said. */
    term_send(t, TK_ENTER);
    ok(e2e_wait_article(t, TERM_TIMEOUT) > 0, "Enter opens the article");
    esc(t);
    ok(!complains(t), "Esc on the article screen says nothing");
    ok(e2e_wait_article(t, TERM_TIMEOUT) > 0, "and the article stays");

    /* A search's marks: Esc takes them off, n shows them again. */
    term_send(t, "/the" TK_ENTER);
    ok(term_wait_text(t, "match 1 of", TERM_TIMEOUT), "/the finds matches");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(marked_cells(t) > 0, "  and marks them");
    esc(t);
    ok(marked_cells(t) == 0, "Esc takes the search's marks off");
    ok(term_contains(t, "search marks off") && !complains(t), "  and says so");
    term_send(t, "n");
    ok(term_wait_text(t, "match ", TERM_TIMEOUT), "n finds a match again");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(marked_cells(t) > 0, "  with the marks back");
    esc(t);
    esc(t);
    ok(marked_cells(t) == 0 && !complains(t),
       "a second Esc, with no entity highlighted, does nothing, quietly");

    /* Both a search's marks and an entity's highlight: the first Esc
    ** takes the marks off, the second the highlight, the third nothing. */
    int border = e2e_wait_article(t, TERM_TIMEOUT);
    term_send(t, TK_TAB);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    char name[128];
    snprintf(name, sizeof name, "%s", sidebar_word(t, border));
    ok(name[0] != '\0', "Tab focuses the sidebar, on an entity (%s)", name);
    term_send(t, TK_ENTER);
    term_wait_quiet(t, 150, TERM_TIMEOUT);
    term_send(t, TK_BTAB);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(highlighted_cells(t, border) > 0, "Enter highlights its mentions in the text");
    char find[160];
    snprintf(find, sizeof find, "/%s" TK_ENTER, name);
    term_send(t, find);
    ok(term_wait_text(t, "match 1 of", TERM_TIMEOUT), "/%s finds its name", name);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(marked_cells(t) > 0, "  and marks it");
    esc(t);
    ok(marked_cells(t) == 0, "the first Esc takes the search's marks off");
    ok(highlighted_cells(t, border) > 0 && term_contains(t, "search marks off"),
       "  and leaves the entity highlighted");
    esc(t);
    ok(highlighted_cells(t, border) == 0, "the second Esc takes the entity's highlight off");
    ok(term_contains(t, "entity highlight off") && !complains(t), "  and says so");
    esc(t);
    ok(highlighted_cells(t, border) == 0 && marked_cells(t) == 0 && !complains(t)
       && !term_contains(t, "entity highlight off"),
       "a third Esc has nothing left to take off, and says nothing");
    ok(e2e_wait_article(t, TERM_TIMEOUT) == border, "  the article as it was");
    term_send(t, ":");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    term_send(t, "tag");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    esc(t);
    ok(!complains(t) && !term_contains(t, ":tag"), "Esc cancels the : prompt");
    term_send(t, "/");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    esc(t);
    ok(!complains(t) && e2e_wait_article(t, TERM_TIMEOUT) > 0,
       "Esc cancels the article's search prompt");
    /* Ctrl-C in a prompt cancels the line, as in readline and less; it
    ** quit the reader (a user trial). */
    term_send(t, "/zzqq");
    e2e_see(t, "/zzqq", "/ opens the search prompt once more");
    term_send(t, TK_CTRL('c'));
    ok(term_wait_gone(t, "/zzqq", TERM_TIMEOUT), "Ctrl-C cancels the prompt");
    term_wait_quiet(t, 200, TERM_TIMEOUT);
    ok(!term_exited(t, NULL) && e2e_wait_article(t, TERM_TIMEOUT) > 0,
       "  and the reader goes on, the article shown");
    term_send(t, "q");
    e2e_see(t, all, "q goes back to the library");

    if (tap_failed)
        term_dump(t, "at the end");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
    e2e_strv_free(titles);
    free(lib);
    e2e_done(&e, tap_failed);
    return done_testing();
}
