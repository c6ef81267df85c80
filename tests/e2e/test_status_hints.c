/*
** test_status_hints.c: the key hints on the status line are whole or not
** there.  At narrow widths they used to be cut mid-item ("Enter: open
** /:", "Esc: all art", "j/k, Space/b: scroll   q: ba"), which reads as a
** wrong key or a wrong meaning.  Checked on the library screen, the
** filtered library, an article and help, at 20, 30, 40, 60 and 100
** columns, in UTF-8 and under LANG=C; and at 20 columns the filter's
** prompt still shows what is typed.  At 80 columns a message is whole:
** the right-hand side gives way to it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

/* Every hint any screen shows. */
static const char *const known[] = {
    "Enter: open", "/: filter", "j/k: move", "?: help", "q: quit",
    "Esc: all articles", "J/K: next/prev", "x: contradicts", "d/c/u: tag",
    "Tab: pane", "q: back", "j/k, Space/b: scroll", "Q: quit",
};

static const char *bottom(term_t *t)
{
    int rows;
    term_size(t, &rows, NULL);
    return term_row(t, rows - 1);
}

/* The bottom row, cut at runs of two blanks or more: every piece with a
** colon in it (a hint: the position, the counts and the selection have
** none) is one of the hints, whole, and no piece is the start of one
** ("Es").  The first bad piece goes to bad. */
static bool hints_whole(term_t *t, char *bad, size_t size)
{
    char row[512];
    snprintf(row, sizeof row, "%s", bottom(t));
    char *p = row;
    while (*p) {
        while (*p == ' ')
            p++;
        char *end = p;
        while (*end && !(end[0] == ' ' && end[1] == ' ') && !(end[0] == ' ' && !end[1]))
            end++;
        char c = *end;
        *end = '\0';
        bool found = true;
        for (size_t i = 0; *p && i < sizeof known / sizeof known[0]; i++)
            if (strncmp(p, known[i], strlen(p)) == 0 && strcmp(p, known[i]) != 0)
                found = false;      /* the start of a hint: cut */
        if (found && strchr(p, ':')) {
            found = false;
            for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
                if (strcmp(p, known[i]) == 0)
                    found = true;
        }
        if (!found) {
            snprintf(bad, size, "%s", p);
            return false;
        }
        *end = c;
        p = end;
    }
    return true;
}

/* The status line of the screen a check is about is drawn: the
** library's ends with the position "1/6" (filtered, with fewer), the
** article's has the position in %, help's names q. */
typedef struct screen_is { const char *where; int total; } screen_is_t;

static bool status_drawn(term_t *t, void *arg)
{
    const screen_is_t *s = arg;
    const char *b = bottom(t);
    const char *slash = strrchr(b, '/');
    int n = slash && slash[1] >= '0' && slash[1] <= '9' ? atoi(slash + 1) : -1;
    if (strcmp(s->where, "the library") == 0)
        return n == s->total;
    if (strcmp(s->where, "the filtered library") == 0)
        return n > 0 && n < s->total && !strstr(b, "filter (");
    if (strcmp(s->where, "an article") == 0)
        return strchr(b, '%') != NULL;
    return strstr(b, "q: back") != NULL;
}

static int total;

static void check(term_t *t, const char *where, int cols, const char *lang,
                  const char *must, int must_from)
{
    char bad[128] = "";
    screen_is_t is = { where, total };
    if (!term_wait_for(t, status_drawn, &is, TERM_TIMEOUT))
        printf("#   %s's status line was not seen\n", where);
    term_wait_quiet(t, 150, TERM_TIMEOUT);
    bool whole = hints_whole(t, bad, sizeof bad);
    ok(whole, "%s, %d columns, LANG=%s: no hint is cut", where, cols, lang);
    if (!whole)
        printf("#   \"%s\" in \"%s\"\n", bad, bottom(t));
    if (must && cols >= must_from) {
        bool has = strstr(bottom(t), must) != NULL;
        ok(has, "  and \"%s\" is shown", must);
        if (!has)
            printf("#   the bottom row: \"%s\"\n", bottom(t));
    }
}

/* The status line's text at the left, from column 0 to the first run
** of three blanks or more (where the right-hand side begins). */
static const char *left_text(term_t *t)
{
    static char row[512];
    snprintf(row, sizeof row, "%s", bottom(t));
    char *gap = strstr(row, "   ");
    if (gap)
        *gap = '\0';
    return row;
}

/* At 80 columns a message is whole: the right-hand side (the pane's
** name, the position, the selection and the counts, half the row) gives
** way to it, and comes back whole with the next key.  It used to keep
** its width and cut the message: "Darius Venn: 2 mentions highlighted;
** ] and [ step th...". */
static void message_whole(void)
{
    char *env[] = { "CONTRA_USER=somebody-with-a-long-login-name", NULL };
    term_t *t = e2e_read_newest(&e, 24, 80, env);
    ok(e2e_first_frame(t) > 0, "80x24: the article opens in three panes");
    e2e_press(t, "J");
    e2e_see_status(t, "!", "the counts are on the status line: %s", bottom(t));
    char counts[64] = "";
    const char *c = strrchr(bottom(t), '!');
    if (c)
        snprintf(counts, sizeof counts, "%s", c);
    /* The sidebar's first entity highlighted: its mentions' message. */
    e2e_press(t, TK_TAB TK_ENTER);
    e2e_see_status(t, "highlighted; ] and [ step through them",
                   "80x24: the sidebar's message is whole");
    ok(!strstr(left_text(t), "\xe2\x80\xa6"), "  not cut: %s", bottom(t));
    ok(strchr(bottom(t), '%') != NULL, "  and the position is still there: %s", bottom(t));
    /* The next key takes the message off, and the right-hand side is
    ** whole again. */
    e2e_press(t, TK_TAB);
    e2e_see_status(t, counts, "the next key brings the counts back (%s)", counts);
    ok(strstr(bottom(t), "[claims]") != NULL, "  and the pane's name: %s", bottom(t));
    /* An error is whole too. */
    e2e_press(t, "U");
    e2e_see_status(t, "has no tag by somebody-with-a-long-login-name to undo",
                   "80x24: U's error is whole");
    /* x's message. */
    e2e_press(t, "x");
    e2e_see_status(t, "x for the next, Ctrl-O to go back", "80x24: x's message is whole");
    if (tap_failed)
        term_dump(t, "after a failure");
    ok(e2e_quit(t), "  Q quits");
    term_free(t);
}

/* An article with no quote or claim offers no keys for them (J/K, x,
** d/c/u did nothing there). */
static void no_claims(void)
{
    ok(e2e_import_json(&e, "bare.json",
                       "{\"contra\": 1, \"title\": \"Bare notice\", \"published\": \"2030-01-01\","
                       " \"text\": \"The library opens at nine.\", \"quotes\": [], \"claims\": []}"),
       "an article with no quote or claim");
    term_t *t = e2e_read_newest(&e, 24, 100, NULL);
    ok(e2e_first_frame(t) > 0, "100x24: it opens");
    e2e_see_status(t, "?: help", "its status line has hints: %s", bottom(t));
    ok(!strstr(bottom(t), "J/K") && !strstr(bottom(t), "x: contradicts")
       && !strstr(bottom(t), "d/c/u"), "  none for quotes and claims: %s", bottom(t));
    ok(strstr(bottom(t), "Tab: pane") != NULL, "  Tab's still: %s", bottom(t));
    term_send(t, "d");
    e2e_see_status(t, "this article has no quotes or claims",
                   "  d says the article has none, not to select one first");
    ok(e2e_quit(t), "  Q quits");
    term_free(t);
}

int main(void)
{
    static const int widths[] = { 20, 30, 40, 60, 100 };
    static const char *const langs[] = { "C.UTF-8", "C" };
    char *lib;
    e2e_setup_samples(&e, &lib, NULL);
    char *n = e2e_query1(lib, "SELECT json_array_length(?1)");
    total = n ? atoi(n) : 0;
    free(n);
    free(lib);

    for (size_t li = 0; li < 2; li++)
        for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++) {
            int w = widths[wi];
            const char *lang = langs[li];
            char env_lang[32];
            snprintf(env_lang, sizeof env_lang, "LANG=%s", lang);
            char *env[] = { env_lang, NULL };
            term_t *t = e2e_reader(&e, 16, w, env, NULL);

            check(t, "the library", w, lang, "?: help", 20);
            term_send(t, "/");
            term_wait_quiet(t, 100, TERM_TIMEOUT);
            term_send(t, "Marrow");
            if (w == 20) {
                bool seen = term_wait_text(t, "Marrow", TERM_TIMEOUT);
                ok(seen, "20 columns, LANG=%s: the filter prompt shows what is typed", lang);
                if (!seen)
                    printf("#   the bottom row: \"%s\"\n", bottom(t));
            }
            term_send(t, "ick" TK_ENTER);
            check(t, "the filtered library", w, lang, "Esc: all articles", 40);
            term_send(t, TK_ESC);
            term_wait_quiet(t, 300, TERM_TIMEOUT);
            term_send(t, TK_ENTER);
            check(t, "an article", w, lang, "?: help", 30);
            term_send(t, "?");
            check(t, "help", w, lang, "q: back", 20);
            if (tap_failed)
                term_dump(t, "after a failure");
            ok(e2e_quit(t), "  Q quits");
            term_free(t);
        }

    message_whole();
    no_claims();

    e2e_done(&e, tap_failed);
    return done_testing();
}
