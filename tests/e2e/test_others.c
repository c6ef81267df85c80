/*
** test_others.c: what other people do to a shared library shows in an
** open reader without reopening anything: a tag made by another process
** (a colleague's contra, `contra tag` in another shell) appears in the
** claims panel and the status line's counts within a second, with no
** key pressed, and the reader keeps its place, also after a tag of its
** own; a note written meanwhile keeps another's tag; the library screen's
** counts follow too; an article deleted under the reader closes with a
** message and leaves the library on screen, not a dead reader.  Also:
** a failed :open leaves nothing for Ctrl-O to come back to.  Two readers
** on one claim: a message about it that the other's change made stale
** says what changed, and U says when the other's tag stays.
*/
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

static bool run_ok(const char *what, char *const args[])
{
    char *err = NULL;
    int st = e2e_runv(&e, NULL, &err, args);
    ok(st == 0, "%s (another process)", what);
    if (st != 0)
        printf("# exit %d: %s\n", st, err ? err : "");
    free(err);
    return st == 0;
}

/* Two readers, alice's and bob's, on one quote or claim: a message about
** it goes stale when the other changes it, and says so; and U, once the
** other's tag is in force, says that it stays, and why.  The article is
** the second of the library list (lib), which the rest leaves be. */
static void two_readers(const char *lib, const char *exp)
{
    char *id = e2e_query1(lib, "SELECT json_extract(value, '$.id') FROM json_each(?1)"
                               " WHERE key = 1");
    char **ord = e2e_reading_order(exp, "$[1]");
    if (!id || e2e_strv_len(ord) < 1) {
        ok(false, "the second article of the library has a quote or claim");
        free(id);
        e2e_strv_free(ord);
        return;
    }
    char *args[] = { "read", id, NULL };
    char *ea[] = { "CONTRA_USER=alice", NULL }, *eb[] = { "CONTRA_USER=bob", NULL };
    term_t *a = e2e_reader(&e, 40, 120, ea, args), *b = e2e_reader(&e, 40, 120, eb, args);
    int border = e2e_first_frame(a);
    ok(border > 0 && e2e_first_frame(b) > 0, "alice and bob read article %s", id);
    const char *q = ord[0];
    char want[160];
    snprintf(want, sizeof want, "%s 1/", q);
    e2e_press(a, "J");
    e2e_press(b, "J");
    e2e_see_status(a, want, "alice selects %s", q);
    e2e_see_status(b, want, "bob selects %s", q);

    e2e_press(a, "d");
    snprintf(want, sizeof want, "%s tagged disputed (saved)", q);
    e2e_see_status(a, want, "alice tags %s disputed", q);
    e2e_press(b, "c");
    e2e_mark_t m = { q, '+', border };
    ok(term_wait_for(a, e2e_mark_shown, &m, 3000), "alice's panel shows bob's tag");
    snprintf(want, sizeof want, "%s: bob changed it to corroborated", q);
    e2e_see_status(a, want, "alice's message says what bob did");
    ok(!term_contains(a, "tagged disputed (saved)"), "  and her own, stale, is gone");

    /* U: alice's tag goes, bob's stays, and the message says so; it
    ** said "is corroborated again", which it never was before. */
    e2e_press(a, "U");
    snprintf(want, sizeof want, "your tag undone; %s stays corroborated (bob tagged it since)", q);
    e2e_see_status(a, want, "alice's U says bob's tag stays");
    ok(!term_contains(a, "corroborated again"), "  and not that it is so again");

    /* A note of bob's: alice's message about it says so too. */
    e2e_press(b, "a" TK_CTRL_U "seen by bob" TK_ENTER);
    snprintf(want, sizeof want, "%s: bob ", q);
    e2e_see_status(a, "its note", "alice's message says bob changed the note");
    e2e_see_status(a, want, "  naming %s and bob", q);

    ok(e2e_quit(a) && e2e_quit(b), "both quit with status 0");
    term_free(a);
    term_free(b);
    free(id);
    e2e_strv_free(ord);
}

int main(void)
{
    char *lib, *exp;
    e2e_setup_samples(&e, &lib, &exp);
    char *id = e2e_first(lib, "id"), *title = e2e_first(exp, "title");
    char **ord = e2e_reading_order(exp, "$[0]");
    if (e2e_strv_len(ord) < 3) {
        printf("Bail out! the newest sample article needs three annotations\n");
        return 1;
    }
    two_readers(lib, exp);

    /* An article open on the first quote or claim; someone else tags the
    ** second and the third. */
    /* 20 rows: the article is longer than the text pane, so that its
    ** place can be seen to stay. */
    char *rargs[] = { "read", id, NULL };
    term_t *t = e2e_reader(&e, 20, 120, NULL, rargs);
    e2e_see(t, e2e_prefix(title, 20), "the article opens");
    int border = e2e_first_frame(t);
    ok(border > 0, "three panes (border at %d)", border);
    term_send(t, "J");
    {
        char want[64];
        snprintf(want, sizeof want, "%s 1/", ord[0]);
        e2e_see(t, want, "J selects %s", ord[0]);
    }
    const char *srow = term_row(t, 19);
    char before[256];
    snprintf(before, sizeof before, "%s", srow ? srow : "");

    char *a1[] = { "tag", ord[1], "disputed", NULL };
    run_ok("contra tag disputes the second", a1);
    e2e_mark_t m1 = { ord[1], '!', border };
    ok(term_wait_for(t, e2e_mark_shown, &m1, 3000),
       "the reader shows %s disputed, with no key pressed", ord[1]);
    {
        char want[64];
        snprintf(want, sizeof want, "%s 1/", ord[0]);
        ok(term_contains(t, want), "and %s is still the one selected", ord[0]);
        const char *now = term_row(t, 19);
        ok(now && strcmp(now, before) != 0, "the status line's counts changed: %s", now ? now : "");
    }

    /* The place in the text stays: scroll, then another tag. */
    char top[256];
    snprintf(top, sizeof top, "%s", term_text(t, 1, 0, border));
    term_send(t, "jjjjj");
    term_wait_quiet(t, 100, 2000);
    ok(strcmp(term_text(t, 1, 0, border), top) != 0, "j scrolls the text");
    /* On to a blank row between paragraphs at the top: kept as a place
    ** in the text, it used to come back as the next paragraph's first
    ** line, one row down. */
    for (int i = 0; i < 40 && *term_text(t, 1, 0, border); i++) {
        term_send(t, "j");
        term_wait_quiet(t, 50, 2000);
    }
    ok(!*term_text(t, 1, 0, border), "the top row is a blank one");
    snprintf(top, sizeof top, "%s", term_text(t, 2, 0, border));
    char *a2[] = { "tag", ord[2], "corroborated", NULL };
    run_ok("contra tag corroborates the third", a2);
    e2e_mark_t m2 = { ord[2], '+', border };
    ok(term_wait_for(t, e2e_mark_shown, &m2, 3000), "the reader shows %s corroborated", ord[2]);
    is_str(term_text(t, 2, 0, border), top, "the text pane's lines are where they were");

    /* The reader's own tag, then another's on the same article: the
    ** reader's copy is at the library's revision after its own change,
    ** and the other's change is still seen as one. */
    term_send(t, "d");
    e2e_see(t, "tagged disputed (saved)", "the reader tags %s disputed itself", ord[0]);
    e2e_mark_t m0 = { ord[0], '!', border };
    ok(e2e_mark_shown(t, &m0), "... and shows it");
    char *a5[] = { "tag", ord[1], "corroborated", NULL };
    run_ok("contra tag corroborates the second", a5);
    e2e_mark_t m5 = { ord[1], '+', border };
    ok(term_wait_for(t, e2e_mark_shown, &m5, 3000),
       "after its own tag, the reader still shows another's: %s corroborated", ord[1]);
    ok(e2e_mark_shown(t, &m0), "... and its own tag stays");

    /* A note written while another process tags the same claim: the
    ** note keeps that tag, not the status shown when the note began. */
    /* The prompt is waited for on the status line: the claims panel shows
    ** the selected one's note, "note: ..." too, before a is read. */
    term_send(t, "a");
    e2e_see_status(t, "note:", "a opens the note prompt on %s", ord[0]);
    term_send(t, TK_CTRL_U "checked with the port");
    char *a6[] = { "tag", ord[0], "corroborated", NULL };
    run_ok("contra tag corroborates it meanwhile", a6);
    term_send(t, TK_ENTER);
    e2e_see(t, "someone tagged it corroborated meanwhile",
            "saving the note says someone tagged it meanwhile");
    e2e_mark_t m6 = { ord[0], '+', border };
    ok(term_wait_for(t, e2e_mark_shown, &m6, 3000),
       "... and %s stays corroborated, on screen and in the library", ord[0]);

    /* A note saved by another process while ours is typed: ours is
    ** saved, and says it replaced one, which U brings back. */
    term_send(t, "a");
    e2e_see_status(t, "note: checked with the port", "a again shows the note");
    term_send(t, TK_CTRL_U "ours");
    char *a7[] = { "tag", "--note", "theirs", ord[0], "corroborated", NULL };
    run_ok("contra tag --note saves another note meanwhile", a7);
    term_send(t, TK_ENTER);
    e2e_see(t, "note saved over one saved meanwhile",
            "saving ours says it replaced a note saved meanwhile");

    /* A failed :open leaves nothing behind for Ctrl-O. */
    term_send(t, ":open 999999" TK_ENTER);
    e2e_see(t, "999999", "a failed :open says so");
    term_send(t, TK_CTRL_O);
    e2e_see(t, "no earlier place", "Ctrl-O after it has nowhere to go back to");

    /* The article is deleted under the reader while a note is typed:
    ** saving it says which quote or claim is gone ("no quote or claim
    ** 172" left out its letter); then the library shows, with a
    ** message, and the reader goes on. */
    term_send(t, "a");
    e2e_see_status(t, "note: ours", "a opens the note prompt once more");
    term_send(t, TK_CTRL_U "too late");
    char *a3[] = { "rm", id, NULL };
    run_ok("contra rm deletes the open article", a3);
    term_send(t, TK_ENTER);
    {
        char want[96];
        snprintf(want, sizeof want, "cannot save: %s is no longer in the library", ord[0]);
        e2e_see(t, want, "saving the note says %s is gone", ord[0]);
    }
    e2e_see(t, "was deleted from the library", "the reader says the article was deleted");
    ok(term_wait_gone(t, e2e_prefix(title, 20), 3000), "its title is gone from the screen");
    ok(term_contains(t, "library ("), "the library screen shows in its place");
    ok(e2e_quit(t), "Q quits with status 0");
    term_free(t);

    /* The library screen: its title counts what another process removes. */
    t = e2e_reader(&e, 40, 120, NULL, NULL);
    char *list = e2e_list(&e);
    char *n0 = list ? e2e_query1(list, "SELECT json_array_length(?1)") : NULL;
    char *next = list ? e2e_query1(list, "SELECT json_extract(?1, '$[0].id')") : NULL;
    free(list);
    char want0[64];
    snprintf(want0, sizeof want0, "library (%s articles)", n0 ? n0 : "?");
    e2e_see(t, want0, "the library screen counts %s articles", n0 ? n0 : "?");
    char *a4[] = { "rm", next, NULL };
    run_ok("contra rm deletes another article", a4);
    char want1[64];
    snprintf(want1, sizeof want1, "library (%d articles)", n0 ? atoi(n0) - 1 : -1);
    e2e_see(t, want1, "the library screen follows, with no key pressed");
    ok(e2e_quit(t), "Q quits with status 0");
    term_free(t);

    free(n0);
    free(next);
    e2e_strv_free(ord);
    free(id);
    free(title);
    free(lib);
    free(exp);
    e2e_done(&e, tap_failed);
    return done_testing();
}
