/*
** test_paste.c: a paste is text, never keys.  A user pasted two lines
** into a note: the line break ended the prompt and the rest ran as reader
** keys (s jumped to another quote, d tagged it disputed, a wrote a note
** on it).  Now the reader asks the terminal for bracketed paste (ESC [ ?
** 2004 h, where its terminfo entry has BE) and gives it back (ESC [ ?
** 2004 l) whenever it leaves the terminal: on quit and around Ctrl-Z.
** What comes between ESC [ 200 ~ and ESC [ 201 ~ goes into a prompt as
** text, its line breaks as spaces and its control characters left out,
** up to what the prompt holds; outside a prompt it is ignored, with a
** message.  A paste whose end mark never comes ends after a pause.  On a
** vt100, whose description has no BE, nothing is asked of the terminal,
** and a paste it sends marked anyway is still text.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

#define PASTE_START "\033[200~"
#define PASTE_END   "\033[201~"
#define MODE_ON     "\033[?2004h"
#define MODE_OFF    "\033[?2004l"

static e2e_t e;

static bool in_log(term_t *t, const char *s)
{
    return term_log_find(t, s, strlen(s)) >= 0;
}

/* Is s in the log after offset from? */
static bool log_find_from(term_t *t, long from, const char *s)
{
    size_t len, n = strlen(s);
    const unsigned char *log = term_log(t, &len);
    for (size_t i = (size_t)from; i + n <= len; i++)
        if (memcmp(log + i, s, n) == 0)
            return true;
    return false;
}

static void paste(term_t *t, const char *text)
{
    term_send(t, PASTE_START);
    term_send(t, text);
    term_send(t, PASTE_END);
}

/* Every quote and claim of the library as "id status note", in order:
** what a stray key would change. */
static char **annotations(void)
{
    char *exp = e2e_export(&e);
    if (!exp)
        return NULL;
    char **rows = e2e_query(exp,
        "SELECT id || ' ' || st || ' ' || note FROM ("
        " SELECT json_extract(x.value, '$.id') id,"
        "  json_extract(x.value, '$.status') st,"
        "  coalesce(json_extract(x.value, '$.note'), '') note"
        " FROM json_each(?1) a, json_each(json_extract(a.value, '$.quotes')) x"
        " UNION ALL"
        " SELECT json_extract(x.value, '$.id'),"
        "  json_extract(x.value, '$.status'),"
        "  coalesce(json_extract(x.value, '$.note'), '')"
        " FROM json_each(?1) a, json_each(json_extract(a.value, '$.claims')) x)"
        " ORDER BY 1");
    free(exp);
    return rows;
}

/* before and after differ in nothing but aid's row, which after has as
** "aid status note" with the note want (NULL: no row differs). */
static bool only_change(char **before, char **after, const char *aid,
                        const char *want)
{
    if (!before || !after || e2e_strv_len(before) != e2e_strv_len(after))
        return false;
    size_t alen = strlen(aid);
    bool ok = true;
    for (int i = 0; before[i]; i++) {
        if (strcmp(before[i], after[i]) == 0)
            continue;
        const char *note = strchr(after[i] + alen + 1, ' ');
        if (want && strncmp(after[i], aid, alen) == 0 && after[i][alen] == ' '
            && note && strcmp(note + 1, want) == 0)
            continue;
        printf("#   changed: \"%s\" -> \"%s\"\n", before[i], after[i]);
        ok = false;
    }
    return ok;
}

/* The note that the export has on aid ("" for none); malloc'd. */
static char *note_of(const char *aid)
{
    char **rows = annotations();
    char *n = NULL;
    for (int i = 0; rows && rows[i] && !n; i++)
        if (strncmp(rows[i], aid, strlen(aid)) == 0 && rows[i][strlen(aid)] == ' ') {
            const char *p = strchr(rows[i] + strlen(aid) + 1, ' ');
            n = strdup(p ? p + 1 : "");
        }
    e2e_strv_free(rows);
    return n;
}

static bool bottom_starts(term_t *t, void *want)
{
    return strncmp(e2e_bottom(t), want, strlen(want)) == 0;
}

static void see_bottom(term_t *t, const char *want, const char *what)
{
    bool seen = term_wait_for(t, bottom_starts, (void *)want, TERM_TIMEOUT);
    ok(seen, "%s", what);
    if (!seen)
        printf("#   want \"%s\", the bottom row is \"%s\"\n", want, e2e_bottom(t));
}

/* Open the note prompt on the selected one and empty it.  Empty, it is
** "note:" alone: no row ends in a blank, and a wait for "note: " ran out
** its ten seconds there, where one for the note still in it passed
** before Ctrl-U was read. */
static void note_prompt(term_t *t)
{
    term_send(t, "a");
    term_wait_for(t, e2e_status_starts, "note:", TERM_TIMEOUT);
    term_send(t, TK_CTRL_U);
    term_wait_for(t, e2e_status_is, "note:", TERM_TIMEOUT);
}

int main(void)
{
    char *exp;
    e2e_setup_samples(&e, NULL, &exp);
    char **ord = e2e_reading_order(exp, "$[0]");
    if (e2e_strv_len(ord) < 3) {
        printf("Bail out! the newest sample has fewer than 3 quotes and claims\n");
        return 1;
    }
    const char *aid = ord[1];
    char sel[40];
    snprintf(sel, sizeof sel, "%s 2/", aid);   /* the status line's place */

    /* ---- xterm-256color, UTF-8 ---- */
    term_t *t = e2e_read_newest(&e, 40, 120, NULL);
    ok(e2e_first_frame(t) > 0, "the article opens");
    ok(in_log(t, MODE_ON), "the reader asks for bracketed paste (ESC [ ? 2004 h)");

    e2e_select(t, 2);
    e2e_see_status(t, sel, "J J selects %s", aid);
    char **before = annotations();

    /* The user's paste: reader keys after the line break, and a tab, a
    ** control character and a pasted cursor key (ESC [ A) to leave out. */
    note_prompt(t);
    paste(t, "first line\r\n  sdq\001\tq\033[Ax");
    see_bottom(t, "note: first line sdq qx",
               "the paste goes into the note prompt whole, its line break a space");
    term_send(t, TK_ENTER);
    e2e_see_status(t, "note saved", "Enter saves the note");
    char **after = annotations();
    ok(only_change(before, after, aid, "first line sdq qx"),
       "the note saved is the whole paste, and no other quote or claim changed");
    e2e_strv_free(before);
    before = after;

    /* Outside a prompt: nothing but a message. */
    paste(t, "sdJJd\rcq");
    e2e_see_status(t, "paste ignored (press a to write a note, / to search)",
                   "a paste outside a prompt is ignored, and said so");
    term_wait_quiet(t, 200, TERM_TIMEOUT);
    ok(e2e_on_status(t, sel), "  the selection stays on %s", aid);
    after = annotations();
    ok(only_change(before, after, aid, NULL), "  and nothing is tagged or noted");
    e2e_strv_free(after);
    ok(!term_exited(t, NULL), "  and its q did not close the reader");

    /* The terminal's signal keys and flow control inside a paste: text
    ** to leave out, not signals.  As signals they ended the note or the
    ** reader, and what followed them in the paste ran as keys; Ctrl-S
    ** froze the screen. */
    note_prompt(t);
    paste(t, "my note\003dd\032 and\023 more\034");
    see_bottom(t, "note: my notedd and more",
               "a paste's Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-\\ are left out of the note");
    term_send(t, TK_ENTER);
    e2e_see_status(t, "note saved", "  and Enter saves it");
    after = annotations();
    ok(only_change(before, after, aid, "my notedd and more"),
       "  nothing but the note changed (no dd ran as keys)");
    e2e_strv_free(before);
    before = after;
    paste(t, "abc\003def\034q");
    e2e_see_status(t, "paste ignored", "outside a prompt, a paste with them is ignored too");
    term_wait_quiet(t, 200, TERM_TIMEOUT);
    ok(!term_exited(t, NULL), "  and the reader is still running");
    /* An end mark in the text pasted, to have what follows run as keys. */
    paste(t, "harmless" PASTE_END "dq");
    e2e_see_status(t, "paste ignored", "a paste with an end mark inside is one paste");
    term_wait_quiet(t, 200, TERM_TIMEOUT);
    after = annotations();
    ok(only_change(before, after, aid, NULL) && !term_exited(t, NULL),
       "  its d tagged nothing, and its q did not quit");
    e2e_strv_free(after);

    /* In the search prompt, the same. */
    term_send(t, "/");
    paste(t, "the\rminister\n");
    see_bottom(t, "/the minister", "a paste into / is one line of words");
    term_send(t, TK_CTRL('c'));
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    term_send(t, "/");
    paste(t, "port\033]0;a title\007 \033[1;31mlog\033[0m\033P1$r\033\\s");
    see_bottom(t, "/port logs", "a pasted title, colour or device string is left out whole");
    term_send(t, TK_CTRL('c'));
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    /* An Esc before a letter that is not ASCII took the letter's first
    ** byte with it, and the rest was "left out". */
    term_send(t, "/");
    paste(t, "caf\033\xc3\xa9s");
    see_bottom(t, "/caf\xc3\xa9s", "a pasted Esc before \xc3\xa9 goes alone, the letter kept whole");
    ok(!term_contains(t, "left out"), "  and nothing is said to be left out");
    term_send(t, TK_CTRL('c'));
    term_wait_quiet(t, 100, TERM_TIMEOUT);

    /* A paste longer than a prompt holds: cut, and said so. */
    note_prompt(t);
    size_t big = 5000;
    char *longp = malloc(big + 1);
    memset(longp, 'y', big);
    longp[big] = '\0';
    paste(t, longp);
    free(longp);
    e2e_see_status(t, "the line holds 4000 characters",
                   "a paste longer than the prompt holds is cut, with a message");
    term_send(t, TK_ENTER);
    e2e_see_status(t, "note saved", "  Enter saves what the prompt held");
    char *n = note_of(aid);
    ok(n && strlen(n) == 4000 && strspn(n, "y") == 4000,
       "  the note is the first 4000 characters (%zu)", n ? strlen(n) : 0);
    free(n);

    /* An end mark that never comes: the paste ends after a pause, and
    ** keys are keys again. */
    term_send(t, "/");
    term_send(t, PASTE_START "abc");
    see_bottom(t, "/abc", "a paste with no end mark ends after a pause");
    term_send(t, "d");
    see_bottom(t, "/abcd", "  and the next key is read as typed");
    term_send(t, TK_CTRL('c'));
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(e2e_on_status(t, sel), "  nothing was tagged meanwhile (still on %s)", aid);

    /* Ctrl-Z gives the terminal back without the mode, and fg takes it
    ** again with it.  (In the test's pty contra is not stopped: its
    ** process group has no shell to stop it for; curses' handler runs
    ** through all the same.) */
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    term_log_reset(t);
    term_kill(t, SIGTSTP);
    term_wait_quiet(t, 300, TERM_TIMEOUT);
    long off = term_log_find(t, MODE_OFF, strlen(MODE_OFF));
    long leave = term_log_find(t, "\033[?1049l", 8);
    ok(off >= 0 && leave >= 0, "Ctrl-Z: the mode goes off as the screen is left");
    ok(off >= 0 && log_find_from(t, off, MODE_ON), "  and on again at the resume");
    paste(t, "d");
    e2e_see_status(t, "paste ignored", "  and a paste after it is still ignored");

    term_log_reset(t);
    ok(e2e_quit(t), "Q quits");
    ok(in_log(t, MODE_OFF) && !in_log(t, MODE_ON), "  turning bracketed paste off");
    term_free(t);

    /* ---- the library screen ---- */
    t = e2e_reader(&e, 24, 80, NULL, NULL);
    e2e_see(t, "contra: library", "the library screen opens");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    paste(t, "q");
    e2e_see_status(t, "paste ignored (press / to filter the list)",
                   "a paste on the library screen is ignored, and said so");
    ok(!term_exited(t, NULL), "  its q did not quit");
    ok(e2e_quit(t), "Q quits");
    term_free(t);

    /* ---- vt100 under LANG=C: no BE, so nothing asked; marks still read ---- */
    char *env[] = { "TERM=vt100", "LANG=C", NULL };
    t = e2e_read_newest(&e, 24, 80, env);
    ok(e2e_first_frame(t) > 0, "vt100, LANG=C: the article opens");
    e2e_select(t, 2);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    note_prompt(t);
    paste(t, "caf\xc3\xa9 au lait\rnext");
    see_bottom(t, "note: cafe au lait next",
               "  a paste is text, shown transliterated as typed text is");
    term_send(t, TK_ENTER);
    e2e_see_status(t, "note saved", "  Enter saves it");
    n = note_of(aid);
    ok(n && strcmp(n, "caf\xc3\xa9 au lait next") == 0,
       "  with its accent (\"%s\")", n ? n : "(none)");
    free(n);
    ok(e2e_quit(t), "  Q quits");
    ok(!in_log(t, "\033[?2004"), "  and bracketed paste was never asked of a vt100");
    ok(term_log_find_high(t) < 0, "  not a byte above 0x7f reached the terminal");
    term_free(t);

    e2e_strv_free(before);
    e2e_strv_free(ord);
    free(exp);
    e2e_done(&e, tap_failed);
    return done_testing();
}
