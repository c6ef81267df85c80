/*
** test_note_status.c: where the claims panel is off the screen (the text
** pane zoomed with z, or a terminal too small for three panes, where one
** pane shows at a time), the selected quote or claim's note and status
** are on the status line: "note: " and the note on one row, cut with an
** ellipsis, ahead of "?: help" where there is room, after the message a
** key gave (x), and sanitised like the panel's note (a hostile note's ESC,
** BEL and RLO as ^[, ^G and <RLO>; under LANG=C not a byte above 0x7f).
** Where the panel shows the note, the status line does not repeat it.
** The note is cut by columns, not bytes: one letter carrying 200
** combining accents is one column, and the note after it still fits.
** At 40x12 a corroborated claim's status ("C1 corroborated 1/4") leaves
** the note 14 cells: it shows there, cut, where the old reader wanted 16
** and showed "?: help" alone, as if there were no note.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

/* One article, in reading order: C1 a claim with a short note, Q2 a
** disputed quote with none, Q3 a quote with a long hostile note that
** contradicts C1, C4 a corroborated claim with none. */
static const char *json =
    "{\"contra\": 1, \"title\": \"Harbour ship left on time, port says\","
    " \"source\": \"Test Wire\", \"published\": \"2026-05-02\", \"text\":"
    " \"The Port Authority said on Monday that the ship had left on time."
    "\\n\\n\\u201cWe saw nothing unusual,\\u201d said Mara Olsen, the har"
    "bour master. \\u201cThe ship was late.\\u201d\\n\\nThe Trade Ministr"
    "y claimed that the cargo was inspected twice.\", \"entities\": [{\"i"
    "d\": \"E1\", \"name\": \"Port Authority\", \"kind\": \"organization"
    "\", \"mentions\": [[4, 18]]}, {\"id\": \"E2\", \"name\": \"Mara Olse"
    "n\", \"kind\": \"person\", \"mentions\": [[98, 108]]}, {\"id\": \"E3"
    "\", \"name\": \"Trade Ministry\", \"kind\": \"organization\", \"ment"
    "ions\": [[156, 170]]}], \"quotes\": [{\"id\": \"Q2\", \"speaker\": "
    "\"E2\", \"span\": [68, 91], \"direct\": true, \"status\": \"disputed"
    "\"}, {\"id\": \"Q3\", \"speaker\": \"E2\", \"span\": [131, 149], \"d"
    "irect\": true, \"status\": \"unreviewed\", \"note\": \"Evil \\u001b]"
    "52;c;aGk=\\u0007 clip \\u001b[31mred\\u001b[0m \\u202eright-to-left"
    "\\u202c done; then a long tail that no status line is wide enough fo"
    "r, over several pages of notes ENDMARK\"}], \"claims\": [{\"id\": \""
    "C1\", \"claimant\": \"E1\", \"span\": [39, 64], \"status\": \"unrevi"
    "ewed\", \"note\": \"Checked against the port records of 4 March.\"},"
    " {\"id\": \"C4\", \"claimant\": \"E3\", \"span\": [184, 213], \"stat"
    "us\": \"corroborated\"}], \"relations\": [{\"type\": \"contradicts\""
    ", \"from\": \"Q3\", \"to\": \"C1\", \"origin\": \"user\"}]}";

static char **ord;   /* library ids in reading order */

/* The status line without text, once what is awaited (after) is on it. */
static void status_lacks(term_t *t, const char *after, const char *text, const char *what)
{
    bool seen = term_wait_for(t, e2e_on_status, (void *)after, TERM_TIMEOUT);
    if (!ok(seen && !strstr(e2e_bottom(t), text), "%s: %s", what, e2e_bottom(t)))
        term_dump(t, what);
}

static term_t *open_article(int rows, int cols, char *const env[])
{
    term_t *t = e2e_read_newest(&e, rows, cols, env);
    e2e_see(t, "Harbour", "the article opens (%dx%d)", cols, rows);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    return t;
}

/* The status line's text ends, at the left of the hints, in "…"/"...". */
static bool cut_before(term_t *t, const char *ell, const char *hint)
{
    const char *b = e2e_bottom(t), *h = strstr(b, hint);
    size_t n = strlen(ell);
    if (!h)
        return false;
    while (h > b && h[-1] == ' ')
        h--;
    return h - b >= (long)n && strncmp(h - n, ell, n) == 0;
}

static void zoomed(void)
{
    char want[200];
    term_t *t = open_article(40, 120, NULL);
    term_send(t, "z");
    e2e_see(t, "zoom", "z zooms the text pane");

    term_send(t, "J");
    e2e_see_status(t, "note: Checked against the port records of 4 March.",
                   "zoomed, J to %s: its note is on the status line", ord[0]);
    ok(strstr(e2e_bottom(t), "?: help") != NULL, "  with '?: help' still there: %s", e2e_bottom(t));
    snprintf(want, sizeof want, "%s unreviewed 1/4", ord[0]);
    ok(strstr(e2e_bottom(t), want) != NULL, "  and its status: '%s'", want);
    {
        int c = -1, rows;
        term_size(t, &rows, NULL);
        term_find_in(t, "note:", rows - 1, rows, 0, 120, NULL, &c);
        term_cell_t cl;
        ok(c >= 0 && term_cell(t, rows - 1, c, &cl) && cl.bold, "  'note:' in bold");
    }

    term_send(t, "J");
    snprintf(want, sizeof want, "%s disputed 2/4", ord[1]);
    e2e_see_status(t, want, "J to %s, which has no note: its status, '%s'", ord[1], want);
    status_lacks(t, want, "note:", "  and no note");
    ok(strstr(e2e_bottom(t), "J/K: next/prev") != NULL, "  the key hints are back: %s",
       e2e_bottom(t));

    term_send(t, "J");
    e2e_see_status(t, "note: Evil", "J to %s: its hostile note", ord[2]);
    ok(strstr(e2e_bottom(t), "^[") && strstr(e2e_bottom(t), "<RLO>") && strstr(e2e_bottom(t), "^G"),
       "  ESC, BEL and RLO show as ^[, ^G and <RLO>: %s", e2e_bottom(t));
    ok(term_log_find(t, "\033]52", 4) < 0, "  its OSC 52 is not sent");
    ok(term_log_find(t, "aGk=\007", 5) < 0, "  nor its BEL");
    ok(term_log_find(t, "\xe2\x80\xae", 3) < 0, "  nor its right-to-left override");
    ok(cut_before(t, "…", "?: help"), "  cut with an ellipsis before '?: help': %s",
       e2e_bottom(t));
    ok(!term_contains(t, "ENDMARK"), "  what does not fit is not shown");

    /* x lands on C1: the message says what x did, the note follows. */
    term_send(t, "x");
    e2e_see_status(t, "contradiction 1 of 1", "x to %s: the message", ord[0]);
    ok(strstr(e2e_bottom(t), "note: Checked against") != NULL, "  and the note after it: %s",
       e2e_bottom(t));

    term_send(t, "d");
    snprintf(want, sizeof want, "%s tagged disputed", ord[0]);
    e2e_see_status(t, want, "d: '%s'", want);
    snprintf(want, sizeof want, "%s disputed 1/4", ord[0]);
    ok(strstr(e2e_bottom(t), want) && strstr(e2e_bottom(t), "note: Checked"),
       "  the status line says '%s', and the note: %s", want, e2e_bottom(t));

    /* Three panes: the panel shows the note; the status line is as it
    ** was, without the note or the status word. */
    term_send(t, "z");
    ok(term_wait_gone(t, "zoom", TERM_TIMEOUT), "z again: three panes");
    snprintf(want, sizeof want, "%s 1/4", ord[0]);
    e2e_see_status(t, want, "  the status line names %s: '%s'", ord[0], want);
    status_lacks(t, want, "note:", "  without the note");
    ok(term_count_rows(t, "note: Checked") == 1, "  which the claims panel shows, once");
    ok(!strstr(e2e_bottom(t), "disputed 1/4"), "  nor its status, which the panel's mark shows");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

static void narrow(void)
{
    term_t *t = open_article(20, 60, NULL);
    term_send(t, "J");
    e2e_see_status(t, "note: Checked against",
                   "60x20, one pane, J: the note is on the status line");
    char want[200];
    snprintf(want, sizeof want, "%s disputed", ord[0]);
    ok(strstr(e2e_bottom(t), want) != NULL, "  with its status (d above): %s", e2e_bottom(t));
    ok(strstr(e2e_bottom(t), "…") != NULL, "  cut with an ellipsis: %s", e2e_bottom(t));

    term_send(t, "JJ");
    e2e_see_status(t, "note: Evil", "JJ to %s: its note", ord[2]);
    ok(strstr(e2e_bottom(t), "^[") != NULL, "  sanitised: %s", e2e_bottom(t));
    ok(term_log_find(t, "\033]52", 4) < 0 && term_log_find(t, "\xe2\x80\xae", 3) < 0,
       "  nothing of it raw");

    /* Tab to the claims pane: the panel shows it, the status line not. */
    term_send(t, TK_TAB TK_TAB);
    e2e_see(t, "Quotes and claims", "Tab Tab: the claims pane");
    status_lacks(t, "[claims]", "note:", "  the note is not on the status line");
    ok(term_count_rows(t, "note: Evil") == 1, "  the panel shows it");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

static void ascii(void)
{
    char *env[] = { "LANG=C", "TERM=vt100", NULL };
    term_t *t = open_article(20, 60, env);
    term_send(t, "J");
    e2e_see_status(t, "note: Checked against", "LANG=C, 60x20: the note");
    ok(strstr(e2e_bottom(t), "...") != NULL, "  cut with '...': %s", e2e_bottom(t));
    term_send(t, "JJ");
    e2e_see_status(t, "note: Evil", "  the hostile note");
    ok(strstr(e2e_bottom(t), "<RLO>") || strstr(e2e_bottom(t), "^["), "  sanitised: %s",
       e2e_bottom(t));
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(term_log_find_high(t) < 0, "  not a byte above 0x7f was written");
    ok(term_log_find(t, "\033]52", 4) < 0, "  nor its OSC 52");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

/* A note of "a", 200 combining acute accents and a short tail: 415
** bytes in 33 columns (a glyph holds 11 of the accents, and the rest
** show on blanks of their own).  It fits at 120 columns whole.  It was
** cut at four bytes a cell, before the tail, though it fitted. */
static void combining(void)
{
    char note[600], *p = note;
    *p++ = 'a';
    for (int i = 0; i < 200; i++)
        p += sprintf(p, "\xcc\x81");
    strcpy(p, "bbbbbbbbbbTAIL");
    char *err = NULL;
    int rc = e2e_run(&e, NULL, &err, "tag", ord[3], "corroborated", "--note", note, NULL);
    if (!ok(rc == 0, "contra tag gives %s a note of a letter with 200 accents", ord[3]))
        printf("# %s\n", err ? err : "");
    free(err);

    term_t *t = open_article(40, 120, NULL);
    term_send(t, "z");
    e2e_see(t, "zoom", "z zooms the text pane");
    term_send(t, "JJJJ");
    e2e_see_status(t, "bbbbbbbbbbTAIL", "JJJJ to %s: its note whole on the status line", ord[3]);
    ok(!strstr(e2e_bottom(t), "…"), "  not marked cut: %s", e2e_bottom(t));
    ok(strstr(e2e_bottom(t), "?: help") != NULL, "  with '?: help' after it: %s", e2e_bottom(t));
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

/* 40x12, one pane at a time: the selection's status takes most of the
** row, and the note gets what is left, "note: " and a few cells. */
static void tiny(const char *const *env, const char *ell)
{
    const char *lang = env ? "LANG=C" : "UTF-8";
    char want[200];
    char *err = NULL;
    int rc = e2e_run(&e, NULL, &err, "tag", ord[0], "corroborated", "--note",
                     "Backed by the harbour log of 4 March.", NULL);
    if (!ok(rc == 0, "contra tag %s corroborated, with a note (%s)", ord[0], lang))
        printf("# %s\n", err ? err : "");
    free(err);

    term_t *t = open_article(12, 40, (char *const *)env);
    term_send(t, "J");
    snprintf(want, sizeof want, "%s corroborated 1/4", ord[0]);
    e2e_see_status(t, want, "40x12 (%s), J to %s: '%s'", lang, ord[0], want);
    e2e_see_status(t, "note: Bac", "  and its note, in what is left of the row: %s", e2e_bottom(t));
    {
        /* The note's end is cut off with the ellipsis, right before the
        ** selection's part (the percent). */
        const char *b = e2e_bottom(t), *n = strstr(b, "note: "), *p = strstr(b, "%");
        bool cut = false;
        if (n && p) {
            while (p > n && p[-1] != ' ')
                p--;
            while (p > n && p[-1] == ' ')
                p--;
            cut = p - n >= (long)strlen(ell) && strncmp(p - strlen(ell), ell, strlen(ell)) == 0;
        }
        ok(cut, "  cut with '%s': %s", ell, b);
    }
    ok(!term_contains(t, "March."), "  what does not fit is not shown");

    term_send(t, "J");
    snprintf(want, sizeof want, "%s disputed 2/4", ord[1]);
    e2e_see_status(t, want, "J to %s, which has no note: '%s'", ord[1], want);
    status_lacks(t, want, "note:", "  and no note");

    term_send(t, "J");
    e2e_see_status(t, "note: Evil", "J to %s: its note", ord[2]);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(term_log_find(t, "\033]52", 4) < 0 && term_log_find(t, "\xe2\x80\xae", 3) < 0,
       "  nothing of it raw");
    if (env)
        ok(term_log_find_high(t) < 0, "  not a byte above 0x7f was written");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

int main(void)
{
    e2e_setup_json(&e, "note_status.json", json);
    char *exp = e2e_export_library(&e, NULL);
    ord = e2e_reading_order(exp, "$[0]");
    free(exp);
    if (e2e_strv_len(ord) != 4) {
        printf("Bail out! the test article did not import as written\n");
        return 1;
    }
    zoomed();
    narrow();
    ascii();
    combining();
    tiny(NULL, "…");
    {
        static const char *const env[] = { "LANG=C", "TERM=vt100", NULL };
        tiny(env, "...");
    }
    e2e_strv_free(ord);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
