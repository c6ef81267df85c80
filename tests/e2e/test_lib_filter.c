/*
** test_lib_filter.c: the library screen's filter, on a library of many
** pages.  Esc takes the filter off and leaves the cursor on the article
** it was on, at the same row of the screen, with the whole library
** around it and its position ("221/300") right, as mutt's limit does;
** it used to go back to the top.  Moving up from there pages in the rows
** above, the position right all the way to 1/300; so does going up from
** the bottom, where G reads only the last page.  Coming back from the
** article keeps the place; an article removed meanwhile leaves the cursor
** on the next older one, and articles others add above it move it down
** with its article.  A word of four letters or more matches the
** words it begins (/zeph finds zephyr and zephyrs); a shorter one is
** matched whole.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

enum { NART = 300, ROWS = 30, COLS = 100 };

static e2e_t e;

/* Article i: dated so that the library order is i descending; every
** 37th has "zephyr", and every 37th from 20 "zephyrs". */
static const char *story(int i)
{
    static char j[300];
    snprintf(j, sizeof j,
             "{\"contra\": 1, \"title\": \"Story number %03d\", \"source\": \"Wire\","
             " \"published\": \"2010-%02d-%02d\", \"text\": \"Officials met on"
             " day %d.%s\"}", i, 1 + i / 28, 1 + i % 28, i,
             i % 37 == 5 ? " The zephyr report was filed."
             : i % 37 == 20 ? " Two zephyrs blew." : "");
    return j;
}

int main(void)
{
    e2e_init(&e);
    if (!e2e_import_made(&e, "many.jsonl", NART, story)) {
        printf("Bail out! cannot import the test library\n");
        return 1;
    }
    char *lib = e2e_list(&e);
    char **titles = lib ? e2e_query(lib, "SELECT json_extract(value, '$.title') FROM json_each(?1)") : NULL;
    char **ids = lib ? e2e_query(lib, "SELECT json_extract(value, '$.id') FROM json_each(?1)") : NULL;
    if (!titles || e2e_strv_len(titles) != NART) {
        printf("Bail out! the test library has not %d articles\n", NART);
        return 1;
    }

    term_t *t = e2e_reader(&e, ROWS, COLS, NULL, NULL);
    e2e_see(t, "library (300 articles)", "the library opens");
    term_wait_quiet(t, 100, TERM_TIMEOUT);

    /* Esc on a filtered library keeps the cursor's article. */
    e2e_filter(t, "zephyr");
    e2e_see(t, "filtered by \"zephyr\" (16 found)", "/zephyr filters (zephyr and zephyrs)");
    for (int k = 0; k < 9; k++)
        e2e_press(t, "j");
    int frow = e2e_cursor_row(t), at = e2e_index_on(t, titles, frow);
    ok(at > 100 && at < 250, "the 10th match is deep in the library (%d)", at);
    e2e_esc(t);
    e2e_see(t, "library (300 articles)", "Esc takes the filter off");
    int row = e2e_cursor_row(t), of = 0;
    is_int(e2e_index_on(t, titles, row), at, "the cursor is still on %s",
           at >= 0 ? titles[at] : "?");
    is_int(row, frow, "... at the same row of the screen");
    is_int(e2e_position(t, &of), at + 1, "the position is its place in the whole library");
    is_int(of, NART, "... of all the articles");
    is_int(e2e_index_on(t, titles, row - 1), at - 1,
           "the library's article above it is shown above it");
    is_int(e2e_index_on(t, titles, row + 1), at + 1, "... and the one below it below it");
    is_int(e2e_index_on(t, titles, 2), at - (row - 2), "the screen is full above it");

    e2e_press(t, "k");
    is_int(e2e_index_on(t, titles, e2e_cursor_row(t)), at - 1, "k moves up to the article above");
    is_int(e2e_position(t, NULL), at, "... one place up");

    /* Paging up loads the rows above, the position right all the way. */
    ok(e2e_page_up(t, titles), "each page up shows the position of the article the cursor is on");
    is_int(e2e_position(t, NULL), 1, "paging up reaches the first article");
    is_int(e2e_index_on(t, titles, 2), 0, "... the newest, on the first row");
    e2e_press(t, "j");
    is_int(e2e_index_on(t, titles, e2e_cursor_row(t)), 1, "j goes down from there (2/300)");

    /* G on the whole library: its last page, then up from there. */
    e2e_press(t, "G");
    is_int(e2e_index_on(t, titles, e2e_cursor_row(t)), NART - 1, "G goes to the oldest article");
    is_int(e2e_position(t, NULL), NART, "... 300/300");
    is_int(e2e_cursor_row(t), ROWS - 2, "... on the last row of the list");
    is_int(e2e_index_on(t, titles, 2), NART - (ROWS - 3), "... the screen full above it");
    e2e_press(t, "k");
    is_int(e2e_position(t, NULL), NART - 1, "k from there: 299/300");
    ok(e2e_page_up(t, titles), "each page up from the bottom shows the right position");
    is_int(e2e_index_on(t, titles, 2), 0, "... up to the newest");

    /* / shows the filter in force to change; the same again keeps the
    ** place, and an empty one takes the filter off as Esc does. */
    e2e_filter(t, "zephyr");
    e2e_press(t, "jjj");
    int rpos = e2e_position(t, NULL), rrow = e2e_cursor_row(t);
    e2e_press(t, "/");
    e2e_see(t, "filter (empty: all): zephyr", "/ shows the filter in force");
    e2e_press(t, TK_ENTER);
    ok(term_contains(t, "filtered by \"zephyr\"") && e2e_position(t, NULL) == rpos,
       "... Enter on it keeps the filter and the place (%d)", rpos);
    char rtitle[64];
    const char *rstory = rrow >= 0 ? strstr(term_row(t, rrow), "Story number") : NULL;
    snprintf(rtitle, sizeof rtitle, "%.16s", rstory ? rstory : "?");
    e2e_press(t, "/");
    term_send(t, TK_CTRL_U);
    e2e_press(t, TK_ENTER);
    e2e_see(t, "library (300 articles)", "... emptied, it takes the filter off");
    is_int(e2e_cursor_row(t), rrow, "... the cursor on the same row");
    ok(rrow >= 0 && strstr(term_row(t, e2e_cursor_row(t)), rtitle) != NULL,
       "... on the same article, as Esc leaves it");

    /* With no filter, an empty one changes nothing: the place stays. */
    e2e_press(t, "jj");
    int npos = e2e_position(t, NULL);
    e2e_press(t, "/");
    e2e_press(t, TK_ENTER);
    is_int(e2e_position(t, NULL), npos, "an empty filter with none on keeps the place");

    /* G then Esc from a filter near the end: g goes back to the top. */
    e2e_filter(t, "zephyr");
    e2e_press(t, "G");
    e2e_esc(t);
    int last = e2e_index_on(t, titles, e2e_cursor_row(t));
    ok(last > 250, "Esc after G: on the oldest match (%d)", last);
    is_int(e2e_position(t, NULL), last + 1, "... at its position");
    is_int(e2e_index_on(t, titles, ROWS - 2), NART - 1,
           "... the list fills the screen down to the oldest article");
    e2e_press(t, "g");
    is_int(e2e_position(t, NULL), 1, "g goes to the top");
    is_int(e2e_index_on(t, titles, e2e_cursor_row(t)), 0, "... the newest article");

    /* Back from the article, the place is kept. */
    e2e_filter(t, "zephyr");
    for (int k = 0; k < 5; k++)
        e2e_press(t, "j");
    at = e2e_index_on(t, titles, e2e_cursor_row(t));
    e2e_esc(t);
    e2e_press(t, TK_ENTER);
    e2e_see(t, "Officials met", "Enter opens the article");
    e2e_press(t, "q");
    e2e_see(t, "library (300 articles)", "q goes back to the library");
    is_int(e2e_index_on(t, titles, e2e_cursor_row(t)), at, "... on the same article");
    is_int(e2e_position(t, NULL), at + 1, "... at the same position");

    /* A word of four letters or more matches the words it begins. */
    e2e_filter(t, "zeph");
    e2e_see(t, "filtered by \"zeph\" (16 found)", "/zeph finds zephyr and zephyrs");
    e2e_filter(t, "zephyrs");
    e2e_see(t, "filtered by \"zephyrs\" (8 found)", "/zephyrs finds only zephyrs");
    e2e_filter(t, "zep");
    e2e_see(t, "No article matches", "/zep: three letters match only a whole word");
    e2e_see(t, "A word of fewer than four letters is matched whole",
            "  and the screen says why");
    e2e_filter(t, "MINIST\" OR \"x");
    e2e_see(t, "No article matches", "FTS syntax is taken as words, without an error");


    /* The article removed while the filter showed it. */
    e2e_filter(t, "zephyr");
    for (int k = 0; k < 3; k++)
        e2e_press(t, "j");
    at = e2e_index_on(t, titles, e2e_cursor_row(t));
    ok(at > 0 && e2e_run(&e, NULL, NULL, "rm", ids[at], NULL) == 0,
       "another process removes %s", at >= 0 ? titles[at] : "?");
    e2e_esc(t);
    e2e_see(t, "library (299 articles)", "Esc shows the whole library without it");
    is_int(e2e_index_on(t, titles, e2e_cursor_row(t)), at + 1,
           "the cursor is on the next older article");
    is_int(e2e_position(t, &of), at + 1, "... which has the removed one's place");
    is_int(of, NART - 1, "... of the articles left");

    /* Others add articles while the cursor is down the list: it stays
    ** on its article, which has moved down by as many places. */
    e2e_press(t, "g");
    for (int k = 0; k < 3; k++)
        term_key(t, TK_PGDN);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    row = e2e_cursor_row(t);
    char mine[64] = "";
    const char *story = row >= 0 ? strstr(term_row(t, row), "Story number") : NULL;
    snprintf(mine, sizeof mine, "%.16s", story ? story : "");
    ok(strncmp(mine, "Story number", 12) == 0 && e2e_position(t, NULL) > 64,
       "three pages down: %s, past the first page", mine);
    ok(e2e_import_json(&e, "newer.jsonl",
                       "{\"contra\": 1, \"title\": \"Newer one\", \"published\": \"2012-01-01\", \"text\": \"A.\"}\n"
                       "{\"contra\": 1, \"title\": \"Newer two\", \"published\": \"2012-01-02\", \"text\": \"B.\"}\n"
                       "{\"contra\": 1, \"title\": \"Newer three\", \"published\": \"2012-01-03\", \"text\": \"C.\"}\n"),
       "another process adds three newer articles");
    e2e_see(t, "library (302 articles)", "the library shows them");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    char *now = e2e_list(&e);
    char **nt = now ? e2e_query(now, "SELECT json_extract(value, '$.title') FROM json_each(?1)") : NULL;
    int want = -1;
    for (int i = 0; nt && nt[i]; i++)
        if (strcmp(nt[i], mine) == 0)
            want = i;
    ok(want > 0 && strstr(term_row(t, e2e_cursor_row(t)), mine) != NULL,
       "the cursor is still on %s", mine);
    is_int(e2e_position(t, NULL), want + 1, "... at its new place");
    is_int(e2e_cursor_row(t), row, "... on the same row of the screen");
    e2e_strv_free(nt);
    free(now);

    /* The same in a filtered list: newer matching articles come in above
    ** the cursor, which stays on its article. */
    e2e_filter(t, "zephyr");
    e2e_press(t, "jjj");
    frow = e2e_cursor_row(t);
    int fof = -1, fpos = e2e_position(t, &fof);
    char fmine[64] = "";
    story = frow >= 0 ? strstr(term_row(t, frow), "Story number") : NULL;
    snprintf(fmine, sizeof fmine, "%.16s", story ? story : "");
    ok(strncmp(fmine, "Story number", 12) == 0 && fpos == 4,
       "filtered: the cursor on the fourth match, %s", fmine);
    ok(e2e_import_json(&e, "newer2.jsonl",
                       "{\"contra\": 1, \"title\": \"Newer zephyr a\", \"published\": \"2012-02-01\", \"text\": \"A zephyr came.\"}\n"
                       "{\"contra\": 1, \"title\": \"Newer zephyr b\", \"published\": \"2012-02-02\", \"text\": \"Another zephyr.\"}\n"),
       "another process adds two newer matching articles");
    char found[64];
    snprintf(found, sizeof found, "(%d found)", fof + 2);
    e2e_see(t, found, "the filtered list counts them: %s", found);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    frow = e2e_cursor_row(t);
    ok(frow >= 0 && strstr(term_row(t, frow), fmine) != NULL, "the cursor is still on %s", fmine);
    is_int(e2e_position(t, NULL), fpos + 2, "... two places down the list");

    e2e_press(t, "q");
    int status;
    ok(term_wait_exit(t, TERM_TIMEOUT, &status) && status == 0, "q quits");
    term_free(t);
    e2e_strv_free(titles);
    e2e_strv_free(ids);
    free(lib);
    int failed = tap_failed;
    e2e_done(&e, failed != 0);
    return done_testing();
}
