/*
** test_fit.c: text that does not fit, and text that is spelt another way.
** The library screen cuts a title too long for its column with an
** ellipsis ("..." under LANG=C), as the article screen does; a short one
** is left whole.  Search in the reader folds case fully (libunistring's
** case folding), so "strasse" finds "Straße" and "große" finds "GROSSE",
** and passes over the accents of Latin letters, so "mrazek" finds
** "Mrázek" (precomposed or not, and under LANG=C too) but Cyrillic "мои"
** does not find "мой", and the match shown is exactly the original
** characters it covers, whole glyphs.  A name spelt as on an ASCII
** keyboard ("mueller", "aarhus") finds it with its letters ("Müller",
** "Århus"), and the other way round.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

#define LONG_TITLE "The harbour council of Marrowick votes on the extension " \
    "plan after a long night of debate in the old town hall, with amendments"
#define SHORT_TITLE "Straße closed"
#define TEXT "Die Straße war leer, sagte der GROSSE Mann am Hafen.\\n\\n" \
    "A second paragraph says nothing more about it.\\n\\n" \
    "Petr Mr\\u00e1zek met Jan Mra\\u0301zek and Tom Mrazek.\\n\\n" \
    "\\u041e\\u043d: \\u043c\\u043e\\u0439 \\u0434\\u043e\\u043c. " \
    "\\u041c\\u043e\\u0438 \\u0434\\u0440\\u0443\\u0437\\u044c\\u044f.\\n\\n" \
    "Radomi\\u0142 Sokal voted in \\u0141\\u00f3d\\u017a on Sunday\\u2019s poll \\u2014 twice. A soft\\u00adhyphen, a zero\\u200bwidth.\\n\\n" \
    "Thomas M\\u00fcller met Anna Mueller in \\u00c5rhus."

static bool add_articles(void)
{
    return e2e_import_json(&e, "fit.jsonl",
        "{\"contra\": 1, \"title\": \"" LONG_TITLE "\", \"source\": \"Test Wire\","
        " \"published\": \"2024-03-01\", \"text\": \"Nothing to see.\"}\n"
        "{\"contra\": 1, \"title\": \"" SHORT_TITLE "\", \"source\": \"Test Wire\","
        " \"published\": \"2024-03-02\", \"text\": \"" TEXT "\"}\n");
}

/* The row of the library screen showing the start of title, or -1. */
static int title_row(term_t *t, const char *start)
{
    int r;
    return term_find(t, start, &r, NULL) ? r : -1;
}

static void test_library(char *const env[], const char *ell, const char *what)
{
    term_t *t = e2e_reader(&e, 40, 120, env, NULL);
    e2e_see(t, "closed", "%s: the library shows", what);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    int r = title_row(t, "The harbour council of Marrowick");
    ok(r > 0, "%s: the long title is listed", what);
    if (r > 0) {
        const char *row = term_row(t, r);
        const char *cut = strstr(row, "The harbour council");
        /* The row ends with the counts; the title's column just before. */
        const char *end = cut ? strstr(cut, ell) : NULL;
        ok(end != NULL, "%s: the cut title ends in \"%s\"", what, ell);
        ok(!strstr(row, "with amendments"), "%s: and its end is not shown", what);
        if (end) {
            /* The ellipsis takes the place of the text it stands for: the
            ** title before it is a prefix of the real one. */
            size_t n = (size_t)(end - cut);
            ok(n > 20 && strncmp(cut, LONG_TITLE, n) == 0,
               "%s: what is shown before it is the title's start (%zu bytes)", what, n);
        } else {
            ok(0, "%s: what is shown before it is the title's start", what);
        }
        if (tap_failed)
            term_dump(t, what);
    }
    int s = title_row(t, "closed");
    const char *srow = s > 0 ? term_row(t, s) : "";
    ok(s > 0 && !strstr(srow, ell), "%s: a title that fits has no ellipsis", what);
    ok(e2e_quit(t), "%s: Q quits", what);
    term_free(t);
}

/* Are the cells of the first occurrence of word in rows [1, 38) shown as a
** search match (cyan background), and the cell after it not? */
static bool marked(term_t *t, const char *word, int cells)
{
    int r, c;
    if (!term_find_in(t, word, 1, 38, 0, 80, &r, &c))
        return false;
    term_cell_t cell;
    for (int k = 0; k < cells; k++)
        if (!term_cell(t, r, c + k, &cell) || cell.bg != 6)
            return false;
    return term_cell(t, r, c + cells, &cell) && cell.bg != 6;
}

struct mark_arg { const char *word; int cells; };
static bool marked_pred(term_t *t, void *v)
{
    struct mark_arg *a = v;
    return marked(t, a->word, a->cells);
}

static void search(term_t *t, const char *q, const char *word, int cells,
                   const char *status)
{
    char keys[64];
    snprintf(keys, sizeof keys, "/%s" TK_ENTER, q);
    term_send(t, keys);
    struct mark_arg a = { word, cells };
    ok(term_wait_for(t, marked_pred, &a, TERM_TIMEOUT),
       "/%s marks \"%s\" (%d cells) as the match", q, word, cells);
    ok(term_wait_text(t, status, TERM_TIMEOUT), "  and the status line says \"%s\"", status);
    if (tap_failed)
        term_dump(t, q);
}

static void test_search(void)
{
    char *list = e2e_list(&e);
    char *id = e2e_query1(list, "SELECT json_extract(value, '$.id') FROM json_each(?1)"
                                " WHERE json_extract(value, '$.title') = '" SHORT_TITLE "'");
    ok(id != NULL, "the article to search is in the library");
    if (!id) {
        free(list);
        return;
    }
    term_t *t = e2e_read(&e, id);
    e2e_see(t, "GROSSE", "the article opens");
    e2e_first_frame(t);
    /* Each search marks another word than the one before. */
    search(t, "strasse", "Straße", 6, "match 1 of 1");
    search(t, "große", "GROSSE", 6, "match 1 of 1");
    search(t, "STRASSE", "Straße", 6, "match 1 of 1");
    search(t, "Grosse", "GROSSE", 6, "match 1 of 1");
    /* "ss" is in both, once as one letter. */
    search(t, "ss", "ß", 1, "match 1 of 2");
    term_send(t, "n");
    ok(term_wait_text(t, "match 2 of 2", TERM_TIMEOUT), "n goes on to the second (in GROSSE)");
    /* A match never ends inside a letter: "stras" is not in "Straße". */
    term_send(t, "/stras" TK_ENTER);
    ok(term_wait_text(t, "no match for 'stras'", TERM_TIMEOUT),
       "/stras matches nothing (its \"s\" would be half of \"ß\")");
    /* Accents: precomposed á, a with a combining acute, and plain a. */
    search(t, "mrazek", "Mrázek", 6, "match 1 of 3");
    term_send(t, "n");
    ok(term_wait_text(t, "match 2 of 3", TERM_TIMEOUT),
       "n goes on to the second, spelt with a combining accent");
    /* Its glyph á is one cell holding a and the accent: all of
    ** "Mrázek" is marked (6 cells), and nothing after it. */
    int r, c;
    bool whole = term_find(t, "Jan Mr", &r, &c);
    term_cell_t cell;
    for (int k = 4; whole && k < 10; k++)
        whole = term_cell(t, r, c + k, &cell) && cell.bg == 6;
    whole = whole && term_cell(t, r, c + 10, &cell) && cell.bg != 6;
    ok(whole, "  the whole of the combining spelling is marked, and no more");
    term_send(t, "n");
    ok(term_wait_text(t, "match 3 of 3", TERM_TIMEOUT), "and to the third, without accent");
    search(t, "MRÁZEK", "Mrázek", 6, "match 1 of 3");
    /* A match ends after its last letter's accent, never between them. */
    search(t, "mra", "Mrá", 3, "match 1 of 3");
    term_send(t, "n");
    ok(term_wait_text(t, "match 2 of 3", TERM_TIMEOUT), "  n: the combining spelling");
    whole = term_find(t, "Jan Mr", &r, &c);
    for (int k = 4; whole && k < 7; k++)
        whole = term_cell(t, r, c + k, &cell) && cell.bg == 6;
    whole = whole && term_cell(t, r, c + 7, &cell) && cell.bg != 6;
    ok(whole, "  marked up to and with its accented a");
    /* In Cyrillic the breve makes another letter: й is not и. */
    search(t, "\xd0\xbc\xd0\xbe\xd0\xb9", "\xd0\xbc\xd0\xbe\xd0\xb9", 3, "match 1 of 1");
    search(t, "\xd0\x9c\xd0\x9e\xd0\x98", "\xd0\x9c\xd0\xbe\xd0\xb8", 3, "match 1 of 1");
    /* Letters with no decomposition, and punctuation, fold to what LANG=C
    ** shows of them: ł to l, a curly apostrophe to a straight one, an em
    ** dash to two hyphens. */
    search(t, "radomil", "Radomi\xc5\x82", 7, "match 1 of 1");
    search(t, "LODZ", "\xc5\x81\xc3\xb3" "d\xc5\xba", 4, "match 1 of 1");
    search(t, "sunday's", "Sunday\xe2\x80\x99s", 8, "match 1 of 1");
    search(t, "poll -- twice", "poll \xe2\x80\x94 twice", 12, "match 1 of 1");
    /* What shows as nothing is passed over, and no match starts on it. */
    search(t, "softhyphen", "softhyphen", 10, "match 1 of 1");
    search(t, "hyphen", "hyphen", 6, "match 1 of 1");
    /* A name as it is spelt on an ASCII keyboard finds it spelt with its
    ** letters (text_other_spellings), and the other way round. */
    search(t, "mueller", "M\xc3\xbcller", 6, "match 1 of 2");
    term_send(t, "n");
    ok(term_wait_text(t, "match 2 of 2", TERM_TIMEOUT), "  n goes on to Mueller");
    search(t, "M\xc3\x9cLLER", "M\xc3\xbcller", 6, "match 1 of 2");
    search(t, "aarhus", "\xc3\x85rhus", 5, "match 1 of 1");
    /* A zero-width space shows, as <ZWSP>, so that hidden text can be
    ** seen; a search passes over it all the same. */
    term_send(t, "/zerowidth" TK_ENTER);
    ok(term_wait_text(t, "match 1 of 1", TERM_TIMEOUT), "/zerowidth finds zero<ZWSP>width");
    /* A search of only what is passed over says so, and keeps the last
    ** one for n. */
    term_send(t, "/\xc2\xad" TK_ENTER);
    ok(term_wait_text(t, "nothing to search for", TERM_TIMEOUT),
       "/ and a soft hyphen alone: says there is nothing to search for");
    term_send(t, "n");
    ok(term_wait_text(t, "match 1 of 1 ('zerowidth')", TERM_TIMEOUT), "  and n goes on with the last search");
    /* With another pane zoomed, the text pane takes the zoom to show the
    ** match (it was found and not shown). */
    term_send(t, TK_TAB TK_TAB "z");
    ok(term_wait_gone(t, "Die Stra\xc3\x9f" "e war", TERM_TIMEOUT), "the claims pane zoomed hides the text");
    search(t, "strasse", "Stra\xc3\x9f" "e", 6, "match 1 of 1");
    term_send(t, "z");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    /* A query of an accent alone matches nothing: it sits on no letter. */
    term_send(t, "/\xcc\x81" TK_ENTER);
    ok(term_wait_text(t, "no match for", TERM_TIMEOUT),
       "/ and a combining accent alone: no match");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
    /* Where the terminal cannot type the accent at all. */
    char *c_env[] = { "LANG=C", NULL };
    char *args[] = { "read", id, NULL };
    t = e2e_reader(&e, 40, 120, c_env, args);
    e2e_see(t, "GROSSE", "LANG=C: the article opens");
    e2e_first_frame(t);
    search(t, "mrazek", "Mrazek", 6, "match 1 of 3");
    search(t, "radomil", "Radomil", 7, "match 1 of 1");
    ok(e2e_quit(t), "LANG=C: Q quits");
    term_free(t);
    free(id);
    free(list);
}

/* A library longer than the reader's first page of rows (64): the status
** line counts all of it from the start, as the title does, not "1/64+". */
static void test_count(void)
{
    static char j[70 * 160];
    size_t n = 0;
    for (int i = 0; i < 70; i++)
        n += (size_t)snprintf(j + n, sizeof j - n,
                              "{\"contra\": 1, \"title\": \"Filler %d\", \"source\": \"Test Wire\","
                              " \"published\": \"2023-01-%02d\", \"text\": \"Filler article %d.\"}\n",
                              i, i % 28 + 1, i);
    ok(e2e_import_json(&e, "count.jsonl", j), "70 more articles imported");
    term_t *t = e2e_reader(&e, 24, 80, NULL, NULL);
    e2e_see(t, "72 articles", "the title counts the library");
    ok(term_wait_text(t, "1/72", TERM_TIMEOUT), "the status line counts it too: 1/72");
    ok(!term_contains(t, "64+"), "  not the first page's 64+");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

int main(void)
{
    e2e_init(&e);
    if (!add_articles()) {
        printf("Bail out! could not add the test articles\n");
        return 1;
    }
    test_library(NULL, "\xe2\x80\xa6", "UTF-8");
    char *c_env[] = { "LANG=C", NULL };
    test_library(c_env, "...", "LANG=C");
    test_search();
    test_count();
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
