/*
** test_tagging.c: d / c / u tag the current quote or claim and U undoes
** the last tag (issue 3); each tag is committed before the screen shows
** it, so `contra export` run as a second process while the reader is
** still open sees it at once.  Also: a tag survives quitting, and the
** library screen's counts follow.
*/
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

static bool three_panes(term_t *t, void *unused)
{
    int nb;
    return e2e_border_col(t, 1, 39, &nb) > 0 && nb >= 36;
}

/* Press key, then check the screen shows mark m for aid, and that a
** second process already sees status want in the library. */
static void tag(term_t *t, const char *key, const char *aid, char m,
                const char *want, int border)
{
    e2e_mark_t a = { aid, m, border };
    term_send(t, key);
    bool shown = term_wait_for(t, e2e_mark_shown, &a, TERM_TIMEOUT);
    ok(shown, "'%s' shows %s as '%c' in the claims panel", key, aid, m);
    if (!shown)
        term_dump(t, NULL);
    /* Once shown it must be committed: one export, no waiting. */
    char *st = e2e_status(&e, aid);
    if (shown) {
        is_str(st, want, "  and a second process sees %s %s", aid, want);
    } else {
        free(st);
        ok(e2e_wait_status(&e, aid, want, TERM_TIMEOUT),
           "  a second process sees %s %s (within the timeout)", aid, want);
        st = NULL;
    }
    free(st);
}

int main(void)
{
    char *lib, *exp;
    e2e_setup_samples(&e, &lib, &exp);
    char *id = e2e_first(lib, "id"), *title = e2e_first(exp, "title");
    char **ord = e2e_reading_order(exp, "$[0]");
    if (e2e_strv_len(ord) < 2) {
        printf("Bail out! the newest sample article needs two annotations\n");
        return 1;
    }

    term_t *t = e2e_read(&e, id);
    e2e_see(t, e2e_prefix(title, 20), "the article opens");
    int border = e2e_first_frame(t);
    ok(border > 0, "three panes (border at %d)", border);

    term_send(t, "J");
    tag(t, "d", ord[0], '!', "disputed", border);
    tag(t, "c", ord[0], '+', "corroborated", border);
    tag(t, "u", ord[0], '?', "unreviewed", border);
    tag(t, "U", ord[0], '+', "corroborated", border);   /* undoes the u */
    tag(t, "d", ord[0], '!', "disputed", border);

    /* a: a note, typed on the status line, saved with the assertion. */
    {
        const char *note = "checked against the port records";
        term_send(t, "a");
        /* The prompt starts with the current note (the samples have one):
        ** Ctrl-U clears it, as in a shell. */
        term_send(t, TK_CTRL_U);
        term_send(t, note);
        term_send(t, TK_ENTER);
        char sql[600];
        snprintf(sql, sizeof sql,
            "SELECT json_extract(x.value, '$.note') FROM json_each(?1) a,"
            " json_each(json_extract(a.value, '$.quotes')) x WHERE json_extract(x.value, '$.id') = '%s'"
            " UNION ALL SELECT json_extract(x.value, '$.note') FROM json_each(?1) a,"
            " json_each(json_extract(a.value, '$.claims')) x WHERE json_extract(x.value, '$.id') = '%s'",
            ord[0], ord[0]);
        char *got = NULL;
        long deadline = term_now_ms() + TERM_TIMEOUT;
        while (term_now_ms() < deadline) {
            char *now = e2e_export(&e);
            free(got);
            got = now ? e2e_query1(now, sql) : NULL;
            free(now);
            if (got && strcmp(got, note) == 0)
                break;
            term_wait_quiet(t, 50, 1000);
        }
        is_str(got, note, "a saves a note on %s, seen by a second process", ord[0]);
        char *s0 = e2e_status(&e, ord[0]);
        is_str(s0, "disputed", "  and keeps its status");
        free(s0);

        /* The note emptied is the note removed, and the reader says so
        ** (it said "note saved"); then U brings it back. */
        term_send(t, "a");
        e2e_see_status(t, note, "a shows the note in the prompt");
        term_send(t, TK_CTRL_U TK_ENTER);
        char want[64];
        snprintf(want, sizeof want, "%s: note removed", ord[0]);
        e2e_see_status(t, want, "emptying it says '%s'", want);
        ok(!strstr(e2e_bottom(t), "saved"), "  and not that it was saved: %s", e2e_bottom(t));
        deadline = term_now_ms() + TERM_TIMEOUT;
        for (;;) {
            char *now = e2e_export(&e);
            free(got);
            got = now ? e2e_query1(now, sql) : NULL;
            free(now);
            if ((got && !*got) || term_now_ms() >= deadline)
                break;
            term_wait_quiet(t, 50, 1000);
        }
        ok(got && !*got, "  and a second process sees no note on %s (%s)", ord[0],
           got ? got : "none read");
        free(got);
        term_send(t, "U");
        e2e_see_status(t, "its earlier note is back", "U brings the note back");
    }

    term_send(t, "J");
    tag(t, "c", ord[1], '+', "corroborated", border);
    {
        char *s = e2e_status(&e, ord[0]);
        is_str(s, "disputed", "tagging %s leaves %s as it was", ord[1], ord[0]);
        free(s);
    }

    /* Quit: q back to where it was opened from (nothing: it quits). */
    ok(e2e_quit(t), "Q quits with status 0");
    term_free(t);
    {
        char *a = e2e_status(&e, ord[0]), *b = e2e_status(&e, ord[1]);
        is_str(a, "disputed", "after quitting %s is still disputed", ord[0]);
        is_str(b, "corroborated", "and %s corroborated", ord[1]);
        free(a);
        free(b);
    }

    /* The library screen counts them: its line for the article ends with
    ** the numbers of disputed, corroborated and unreviewed assertions. */
    t = e2e_reader(&e, 40, 120, NULL, NULL);
    e2e_see(t, e2e_prefix(title, 20), "library screen");
    {
        char *now = e2e_export_library(&e, NULL);
        char *want = e2e_query1(now,
            "WITH s(st) AS (SELECT json_extract(x.value, '$.status')"
            "  FROM json_each(json_extract(?1, '$[0].quotes')) x"
            "  UNION ALL SELECT json_extract(x.value, '$.status')"
            "  FROM json_each(json_extract(?1, '$[0].claims')) x)"
            "SELECT sum(st = 'disputed') || ' ' || sum(st = 'corroborated') || ' ' ||"
            "       sum(st = 'unreviewed') FROM s");
        int r;
        term_find(t, e2e_prefix(title, 20), &r, NULL);
        const char *row = term_row(t, r);
        /* The last three numbers on the row. */
        int n[3] = { -1, -1, -1 }, k = 0;
        const char *p = row + strlen(row);
        while (k < 3 && p > row) {
            while (p > row && (p[-1] < '0' || p[-1] > '9'))
                p--;
            const char *end = p;
            while (p > row && p[-1] >= '0' && p[-1] <= '9')
                p--;
            if (end > p)
                n[2 - k++] = atoi(p);
        }
        char got[64];
        snprintf(got, sizeof got, "%d %d %d", n[0], n[1], n[2]);
        is_str(got, want, "its line counts disputed, corroborated, unreviewed: %s", row);
        free(want);
        free(now);
    }
    term_send(t, "Q");
    int st;
    ok(term_wait_exit(t, TERM_TIMEOUT, &st), "Q quits");
    term_free(t);

    /* Two people on one library at once: both tag, both tags are kept,
    ** and each sees the other's after reopening the article. */
    if (e2e_strv_len(ord) >= 4) {
        term_t *a = e2e_read(&e, id);
        term_t *b = e2e_reader(&e, 40, 120, NULL, NULL);
        e2e_see(a, e2e_prefix(title, 20), "reader A opens the article");
        e2e_see(b, e2e_prefix(title, 20), "reader B shows the library");
        term_send(b, TK_ENTER);
        e2e_mark_t ma = { ord[2], '?', 0 };
        ma.border = e2e_first_frame(a);
        term_send(a, "JJJ");
        ok(term_wait_for(a, e2e_mark_shown, &(e2e_mark_t){ ord[1], '+', ma.border }, TERM_TIMEOUT),
           "reader A is on the article");
        ok(term_wait_for(b, three_panes, NULL, TERM_TIMEOUT), "reader B opened it too");
        int bb = e2e_first_frame(b);
        term_send(b, "JJJJ");
        /* Both tag, one right after the other, neither waiting. */
        term_send(a, "d");
        term_send(b, "c");
        ma.m = '!';
        ok(term_wait_for(a, e2e_mark_shown, &ma, TERM_TIMEOUT), "A sees its tag on %s", ord[2]);
        e2e_mark_t mb = { ord[3], '+', bb };
        ok(term_wait_for(b, e2e_mark_shown, &mb, TERM_TIMEOUT), "B sees its tag on %s", ord[3]);
        char *sa = e2e_status(&e, ord[2]), *sb = e2e_status(&e, ord[3]);
        is_str(sa, "disputed", "A's tag is in the library");
        is_str(sb, "corroborated", "B's tag is in the library");
        free(sa);
        free(sb);
        ok(!term_contains(a, "locked") && !term_contains(b, "locked"),
           "no one is told the database is locked");
        /* B goes back to the library and opens the article again. */
        term_send(b, "q");
        char *second = e2e_query1(lib, "SELECT json_extract(value, '$.title') FROM json_each(?1)"
                                       " WHERE key = 1");
        e2e_see(b, e2e_prefix(second, 20), "B is back on the library");
        free(second);
        term_send(b, TK_ENTER);
        e2e_mark_t mc = { ord[2], '!', bb };
        ok(term_wait_for(b, e2e_mark_shown, &mc, TERM_TIMEOUT), "B, reopening, sees A's tag on %s", ord[2]);
        term_send(a, "Q");
        term_send(b, "Q");
        ok(term_wait_exit(a, TERM_TIMEOUT, &st) && term_wait_exit(b, TERM_TIMEOUT, &st),
           "both quit");
        term_free(a);
        term_free(b);
    }

    e2e_strv_free(ord);
    free(id);
    free(title);
    free(lib);
    free(exp);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
