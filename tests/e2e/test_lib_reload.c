/*
** test_lib_reload.c: a filtered library list that others change while
** it is open.  The filter's title and status line count every match from
** the first page on ("(600 found)", "1/600"), where they used to say
** "(64+ found)" and "1/64+" until the list was read to its end.  After G
** (the last page only) and after each reload that another process's
** change brings (articles added above, the cursor's own article removed,
** an unrelated change in the middle of the list), the cursor stays on its
** article, or the next older match, at its row of the screen, with the
** right rows around it and the right position; paging up from there
** reads the matches above with the position right all the way to 1, and
** g goes back to the top with the filter kept.  A filter of blanks is
** none (it used to list everything as "filtered").  An empty library
** names its path and how to fill it; a --db that names no file is
** refused, and makes none.
** The filter matches many articles here (more than the store's plain
** query takes), so the store reads it through the date index.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "../tap.h"
#include "e2e.h"

enum { NART = 800, ROWS = 30, COLS = 100 };

static e2e_t e;

/* Article i ("Story 0123"): the library order is i descending; three in
** four have "zephyr" (600 of them), every 40th from 1 "breeze" (20). */
static const char *story(int i)
{
    static char j[300];
    snprintf(j, sizeof j,
             "{\"contra\": 1, \"title\": \"Story %04d\", \"source\": \"Wire\","
             " \"published\": \"%04d-%02d-%02d\", \"text\": \"Officials met on"
             " day %d.%s%s\"}", i, 2001 + i / 336, 1 + i % 336 / 28,
             1 + i % 28, i, i % 4 ? " A zephyr blew." : "",
             i % 40 == 1 ? " A breeze came." : "");
    return j;
}

static bool is_match(const char *title)
{
    if (strncmp(title, "Newer zephyr", 12) == 0)
        return true;
    return strncmp(title, "Story ", 6) == 0 && atoi(title + 6) % 4 != 0;
}

/* The titles of the matches in library order, as another process sees
** the library now; *ids gets their ids (both NULL terminated). */
static char **matches(char ***ids)
{
    char *lib = e2e_list(&e);
    char **t = lib ? e2e_query(lib, "SELECT json_extract(value, '$.title') FROM json_each(?1)") : NULL;
    char **d = lib ? e2e_query(lib, "SELECT json_extract(value, '$.id') FROM json_each(?1)") : NULL;
    int len = e2e_strv_len(t), n = 0;
    char **mt = calloc((size_t)len + 1, sizeof *mt), **md = calloc((size_t)len + 1, sizeof *md);
    for (int i = 0; i < len && d && d[i]; i++)
        if (is_match(t[i])) {
            mt[n] = strdup(t[i]);
            md[n++] = strdup(d[i]);
        }
    e2e_strv_free(t);
    e2e_strv_free(d);
    free(lib);
    *ids = md;
    return mt;
}

/* Every list row on screen shows the match it should, given the one on
** the cursor's row: false (and which row) if not. */
static bool rows_right(term_t *t, char **titles)
{
    int r0 = e2e_cursor_row(t), at = e2e_index_on(t, titles, r0), n = e2e_strv_len(titles);
    if (at < 0)
        return false;
    for (int r = 2; r < ROWS - 1; r++) {
        int want = at + (r - r0);
        if (want < 0 || want >= n)
            continue;
        if (e2e_index_on(t, titles, r) != want) {
            printf("# row %d: want %s, see \"%s\"\n", r, titles[want], term_row(t, r));
            return false;
        }
    }
    return true;
}

/* The cursor is on titles[want] at row, with the right rows around it
** and position want + 1 of n. */
static void on(term_t *t, char **titles, int want, int row, const char *what)
{
    int n = e2e_strv_len(titles), of = -1;
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    is_int(e2e_index_on(t, titles, e2e_cursor_row(t)), want, "%s: the cursor on %s", what,
           want >= 0 && want < n ? titles[want] : "?");
    if (row > 0)
        is_int(e2e_cursor_row(t), row, "... on row %d of the screen", row);
    is_int(e2e_position(t, &of), want + 1, "... at its position");
    is_int(of, n, "... of %d matches", n);
    ok(rows_right(t, titles), "... the matches around it in order");
}

/* A --db that names no file is refused, as a typo: the reader made a new,
** empty library there and left the file behind.  The message names the
** path and how to make a library, and nothing is created. */
static void no_library(int rows, int cols)
{
    e2e_t e2 = e;
    snprintf(e2.db, sizeof e2.db, "%s/typo%dx%d/dir/x.db", e.dir, cols, rows);
    term_t *t = e2e_reader(&e2, rows, cols, NULL, NULL);
    char want[700];
    snprintf(want, sizeof want, "contra: no library at %s (check --db; 'contra add' makes a library)",
             e2.db);
    int status = -1;
    ok(term_wait_exit(t, TERM_TIMEOUT, &status) && WIFEXITED(status)
       && WEXITSTATUS(status) == 1, "%dx%d, --db naming no file: the reader exits 1", cols, rows);
    ok(term_wait_text(t, want, TERM_TIMEOUT), "  saying: %s", want);
    struct stat st;
    snprintf(want, sizeof want, "%s/typo%dx%d", e.dir, cols, rows);
    ok(stat(want, &st) != 0, "  and makes nothing there (no %s)", want);
    term_free(t);
}

/* An empty library (all its articles removed, or the default one the
** first time) names itself, with the commands that add articles to it
** and the sample library's path; it said "The library is empty." and no
** more.  Then another process adds the samples there, and the list shows
** them. */
static void empty_library(int rows, int cols)
{
    e2e_t e2 = e;
    snprintf(e2.db, sizeof e2.db, "%s/new%dx%d/dir/x.db", e.dir, cols, rows);
    bool made = e2e_import_json(&e2, "one.json",
                                "{\"contra\": 1, \"title\": \"Gone\", \"text\": \"Soon gone.\"}");
    char *list = made ? e2e_list(&e2) : NULL, *id = list ? e2e_query1(list, "SELECT ?1->>'$[0].id'") : NULL;
    ok(id && e2e_run(&e2, NULL, NULL, "rm", id, NULL) == 0, "a library whose one article is removed");
    free(list);
    free(id);
    term_t *t = e2e_reader(&e2, rows, cols, NULL, NULL);
    e2e_see(t, "The library is empty:", "%dx%d, the library is empty", cols, rows);
    char *path = realpath(e2.db, NULL), want[700];
    ok(path && term_contains(t, path), "  the screen names it: %s", path ? path : e2.db);
    snprintf(want, sizeof want, "contra --db %s add FILE...", path ? path : e2.db);
    ok(term_contains(t, want), "  and how to add articles to it: %s", want);
    snprintf(want, sizeof want, "%s/samples/library.json", e.datadir);
    char *sample = realpath(want, NULL);
    ok(sample && term_contains(t, sample), "  and where the sample library is: %s",
       sample ? sample : want);
    ok(term_contains(t, "Check --db."), "  and to check --db");
    if (tap_failed)
        term_dump(t, "the empty library");
    ok(e2e_import_samples(&e2), "another process adds the samples there");
    list = e2e_list(&e2);
    char *n = list ? e2e_query1(list, "SELECT json_array_length(?1)") : NULL;
    snprintf(want, sizeof want, "library (%s articles)", n ? n : "?");
    e2e_see(t, want, "  and the list shows them");
    free(list);
    free(n);
    ok(!term_contains(t, "is empty"), "  with no word of an empty library");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
    free(path);
    free(sample);
}

/* Enter on an article another contra removed since the list's last
** look (the reader looks when idle): it said "no article N" with the row
** still listed.  The reader is stopped while the article is removed and
** Enter typed, so that no idle look comes between. */
static void removed_under_cursor(void)
{
    char *list = e2e_list(&e);
    char *first = list ? e2e_query1(list, "SELECT json_extract(?1, '$[0].id')") : NULL;
    char *title = list ? e2e_query1(list, "SELECT json_extract(?1, '$[0].title')") : NULL;
    free(list);
    if (!ok(first && title, "the newest article, to remove under the cursor")) {
        free(first);
        free(title);
        return;
    }
    term_t *t = e2e_reader(&e, ROWS, COLS, NULL, NULL);
    e2e_see(t, title, "the library opens, the cursor on %s", title);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(term_kill(t, SIGSTOP), "the reader stopped");
    ok(e2e_run(&e, NULL, NULL, "rm", first, NULL) == 0, "another process removes article %s", first);
    term_send(t, TK_ENTER);
    ok(term_kill(t, SIGCONT), "Enter typed, and the reader goes on");
    char want[128];
    snprintf(want, sizeof want, "article %s was removed from the library meanwhile", first);
    e2e_see_status(t, want, "Enter on it says it was removed");
    ok(term_wait_gone(t, title, TERM_TIMEOUT), "  and its row is gone");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
    free(first);
    free(title);
}

/* The library removed under an open reader: it went on showing the file
** it had open, which nobody would open again, and only a tag's refusal
** said so.  Said once, when the reader is idle. */
static void library_removed(void)
{
    e2e_t e2 = e;
    snprintf(e2.db, sizeof e2.db, "%s/doomed.db", e.dir);
    ok(e2e_import_json(&e2, "doomed.json",
                       "{\"contra\": 1, \"title\": \"Doomed\", \"text\": \"Soon gone.\"}"),
       "a library of one article");
    term_t *t = e2e_reader(&e2, 24, 120, NULL, NULL);
    e2e_see(t, "Doomed", "the reader shows it");
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm'", e2.db, e2.db, e2.db);
    ok(system(cmd) == 0, "the library's files are removed");
    e2e_see_status(t, "the library was removed or replaced since it was opened; quit and open it again",
                   "  the reader says so");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

int main(void)
{
    e2e_init(&e);
    if (!e2e_import_made(&e, "many.jsonl", NART, story)) {
        printf("Bail out! cannot import the test library\n");
        return 1;
    }
    char **ids;
    char **m = matches(&ids);
    if (e2e_strv_len(m) != 600) {
        printf("Bail out! the test library has not 600 matches\n");
        return 1;
    }

    term_t *t = e2e_reader(&e, ROWS, COLS, NULL, NULL);
    e2e_see(t, "library (800 articles)", "the library opens");
    term_wait_quiet(t, 100, TERM_TIMEOUT);

    /* The count, from the first page on. */
    e2e_filter(t, "zephyr");
    e2e_see(t, "filtered by \"zephyr\" (600 found)",
            "the filter counts all its matches before they are read");
    on(t, m, 0, 2, "/zephyr");
    e2e_filter(t, "breeze");
    e2e_see(t, "filtered by \"breeze\" (20 found)", "so does a filter of few");
    e2e_press(t, "G");
    is_int(e2e_position(t, NULL), 20, "... G: 20/20");

    /* G: the last page. */
    e2e_filter(t, "zephyr");
    e2e_press(t, "G");
    on(t, m, 599, ROWS - 2, "G");
    e2e_see(t, "filtered by \"zephyr\" (600 found)", "... still 600 found");
    e2e_press(t, "kkk");
    on(t, m, 596, ROWS - 5, "kkk");

    /* Two newer matches come in above: the cursor stays on its article,
    ** two places further down the list. */
    const char *mine = m[596];
    char *keep = strdup(mine);
    ok(e2e_import_json(&e, "newer.jsonl",
                       "{\"contra\": 1, \"title\": \"Newer zephyr a\", \"published\": \"2012-02-01\", \"text\": \"A zephyr came.\"}\n"
                       "{\"contra\": 1, \"title\": \"Newer zephyr b\", \"published\": \"2012-02-02\", \"text\": \"Another zephyr.\"}\n"),
       "another process adds two newer matching articles");
    e2e_see(t, "(602 found)", "the filtered list counts them");
    e2e_strv_free(m);
    e2e_strv_free(ids);
    m = matches(&ids);
    int cur = e2e_index_on(t, m, e2e_cursor_row(t));
    is_int(cur >= 0 ? strcmp(m[cur], keep) : -1, 0, "the cursor is still on %s", keep);
    on(t, m, 598, ROWS - 5, "after the reload");

    /* The cursor's article removed: the cursor goes to the next older
    ** match, and the list, near its end, keeps the screen full: the last
    ** match stays on the last row, one row below the cursor's old one. */
    ok(e2e_run(&e, NULL, NULL, "rm", ids[598], NULL) == 0, "another process removes %s", keep);
    e2e_see(t, "(601 found)", "the filtered list counts one fewer");
    e2e_strv_free(m);
    e2e_strv_free(ids);
    m = matches(&ids);
    on(t, m, 598, ROWS - 4, "after its removal");

    /* Up from there, the matches above are read a page at a time. */
    ok(e2e_page_up(t, m), "each page up shows the position of the match the cursor is on");
    is_int(e2e_index_on(t, m, 2), 0, "... up to the newest match, on the first row");

    /* A change elsewhere, with the cursor in the middle of the list: a
    ** reload there keeps everything in place. */
    for (int k = 0; k < 11; k++)
        term_key(t, TK_PGDN);
    e2e_press(t, "jjjjjjjjjj");
    int row = e2e_cursor_row(t), at = e2e_index_on(t, m, row);
    ok(at > 250 && at < 350 && row == 12, "eleven pages down and ten rows: match %d, row %d",
       at, row);
    ok(e2e_import_json(&e, "other.jsonl",
                       "{\"contra\": 1, \"title\": \"Unrelated\", \"published\": \"2005-06-07\", \"text\": \"Calm.\"}\n"),
       "another process adds an article that does not match");
    e2e_see(t, "library, filtered by \"zephyr\" (601 found)", "the count stays");
    term_send(t, "\f");     /* Ctrl-L: the reload, if the idle look has not */
    on(t, m, at, row, "after a reload in the middle");

    /* G then g: the top again, still filtered. */
    e2e_press(t, "G");
    on(t, m, 600, ROWS - 2, "G again");
    e2e_press(t, "g");
    on(t, m, 0, 2, "g");
    ok(term_contains(t, "filtered by \"zephyr\" (601 found)"), "... the filter kept");
    for (int k = 0; k < 11; k++)
        term_key(t, TK_PGDN);
    e2e_press(t, "jjjjjjjjjj");
    on(t, m, at, row, "back down");

    /* Esc: the whole library, on the same article. */
    e2e_esc(t);
    e2e_see(t, "library (802 articles)", "Esc shows the whole library");
    ok(strstr(term_row(t, e2e_cursor_row(t)), m[at]) != NULL, "... on the same article, %s", m[at]);

    /* Blanks are no filter, as an empty line is. */
    e2e_filter(t, "   ");
    e2e_see(t, "library (802 articles)", "/ and blanks: the whole library");
    ok(!term_contains(t, "filtered"), "... not a filter that lists everything");

    e2e_press(t, "q");
    int status;
    ok(term_wait_exit(t, TERM_TIMEOUT, &status) && status == 0, "q quits");
    term_free(t);
    free(keep);
    e2e_strv_free(m);
    e2e_strv_free(ids);
    removed_under_cursor();
    library_removed();
    no_library(24, 200);
    empty_library(24, 80);
    empty_library(40, 120);
    int failed = tap_failed;
    e2e_done(&e, failed != 0);
    return done_testing();
}
