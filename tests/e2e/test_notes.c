/*
** test_notes.c: a note on a quote or claim is shown in the reader, under
** the selected one in the claims panel, marked "note:", out of the
** cursor's reverse video, wrapped and cut with an ellipsis at the
** pane's width: in three panes, one pane, zoomed, in monochrome and
** under LANG=C, and with nothing of a hostile note reaching the terminal
** raw; a star at the right of each row that has a note.  U undoes the
** last change, tag or note, and says which: the
** note on screen and in the library is the one the undo put back.
** Undoing a tag from another article names it with its letter (C5).
** A quote and a note of letters heavy with accents are cut by columns,
** not bytes: they fill the row, zoomed too, and end in the ellipsis
** with no letter parted from its accents.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

/* Two articles: the newer with four annotations (C1 with a short note,
** Q2 none, Q3 a long one, C4 a hostile one), the older with one claim. */
static const char *json =
    "[{\"contra\": 1, \"title\": \"Harbour ship left on time, port says\""
    ", \"source\": \"Test Wire\", \"published\": \"2026-05-02\", \"text\""
    ": \"The Port Authority said on Monday that the ship had left on time"
    ".\\n\\n\\u201cWe saw nothing unusual,\\u201d said Mara Olsen, the ha"
    "rbour master. \\u201cThe crew was calm.\\u201d\\n\\nThe Trade Minist"
    "ry claimed that the cargo was inspected twice.\", \"entities\": [{\""
    "id\": \"E1\", \"name\": \"Port Authority\", \"kind\": \"organization"
    "\", \"mentions\": [[4, 18]]}, {\"id\": \"E2\", \"name\": \"Mara Olse"
    "n\", \"kind\": \"person\", \"mentions\": [[98, 108]]}, {\"id\": \"E3"
    "\", \"name\": \"Trade Ministry\", \"kind\": \"organization\", \"ment"
    "ions\": [[156, 170]]}], \"quotes\": [{\"id\": \"Q2\", \"speaker\": \""
    "E2\", \"span\": [68, 90], \"direct\": true, \"status\": \"unreviewed"
    "\"}, {\"id\": \"Q4\", \"speaker\": \"E2\", \"span\": [131, 148], \"d"
    "irect\": true, \"status\": \"unreviewed\", \"note\": \"Caf\\u00e9 ow"
    "ners on the quay confirm it; so do two dockers, the pilot's log, the"
    " harbour's own camera footage and a customs officer who asked not to"
    " be named, each of them in words of their own, at length, over sever"
    "al pages of notes, and more besides ENDMARK\"}], \"claims\": [{\"id\""
    ": \"C1\", \"claimant\": \"E1\", \"span\": [39, 64], \"status\": \"un"
    "reviewed\", \"note\": \"Checked against the port records of 4 March."
    "\"}, {\"id\": \"C3\", \"claimant\": \"E3\", \"span\": [184, 213], \""
    "status\": \"unreviewed\", \"note\": \"Evil \\u001b]52;c;aGk=\\u0007 "
    "clip \\u001b[31mred\\u001b[0m \\u202eright-to-left\\u202c done.\"}],"
    " \"relations\": []}, {\"contra\": 1, \"title\": \"Ministry calls ins"
    "pections routine\", \"source\": \"Test Wire\", \"published\": \"2026"
    "-05-01\", \"text\": \"The Customs Office said that inspections were "
    "routine.\", \"entities\": [{\"id\": \"E1\", \"name\": \"Customs Offi"
    "ce\", \"kind\": \"organization\", \"mentions\": [[4, 18]]}], \"quote"
    "s\": [], \"claims\": [{\"id\": \"C1\", \"claimant\": \"E1\", \"span\""
    ": [29, 53], \"status\": \"unreviewed\"}], \"relations\": []}]";

static char **ord, **ordb;   /* ids in reading order, newer and older */

/* The row of the claims panel (right of border) holding text, or -1. */
static int panel_row(term_t *t, const char *text, int border)
{
    int rows, cols, r;
    term_size(t, &rows, &cols);
    return term_find_in(t, text, 1, rows - 1, border + 1, cols, &r, NULL) ? r : -1;
}

/* For term_wait_for: text in the claims panel right of the border. */
typedef struct in_panel { const char *text; int border; } in_panel_t;
static bool panel_shows(term_t *t, void *arg)
{
    in_panel_t *p = arg;
    return panel_row(t, p->text, p->border) >= 0;
}

/* A bounded wait for text in the claims panel that is one TAP check,
** the screen dumped when it fails. */
#define see_in_panel(t, text, border, ...)                                \
    do {                                                                  \
        if (!ok(term_wait_for((t), panel_shows, &(in_panel_t){ (text), (border) }, \
                              TERM_TIMEOUT), __VA_ARGS__))                \
            term_dump((t), (text));                                       \
    } while (0)

/* The rows of a and b in the claims panel are one above the other.  The
** panel is drawn row by row, and a row not yet drawn still holds what
** the frame before had there. */
typedef struct adjacent { const char *a, *b; int border; } adjacent_t;
static bool rows_adjacent(term_t *t, void *arg)
{
    adjacent_t *p = arg;
    int ra = panel_row(t, p->a, p->border);
    return ra > 0 && panel_row(t, p->b, p->border) == ra + 1;
}

/* The note that starts with text is drawn down to the row above the next
** quote or claim, id (that row ends in an ellipsis). */
typedef struct cut_above { const char *text, *id; int border; } cut_above_t;
static bool cut_above(term_t *t, void *arg)
{
    cut_above_t *p = arg;
    int r = panel_row(t, p->id, p->border), rn = panel_row(t, p->text, p->border);
    if (rn < 1 || r - 1 <= rn)
        return false;
    const char *row = term_text(t, r - 1, p->border + 1, 120);
    size_t n = strlen(row);
    return n >= 3 && strcmp(row + n - 3, "…") == 0;
}

/* The note of aid as a second process sees it ("" for none). */
static char *note_of(const char *aid)
{
    char *exp = e2e_export(&e), sql[600];
    snprintf(sql, sizeof sql,
        "SELECT coalesce(json_extract(x.value, '$.note'), '') FROM json_each(?1) a,"
        " json_each(json_extract(a.value, '$.quotes')) x WHERE json_extract(x.value, '$.id') = '%s'"
        " UNION ALL SELECT coalesce(json_extract(x.value, '$.note'), '') FROM json_each(?1) a,"
        " json_each(json_extract(a.value, '$.claims')) x WHERE json_extract(x.value, '$.id') = '%s'",
        aid, aid);
    char *got = exp ? e2e_query1(exp, sql) : NULL;
    free(exp);
    return got;
}

static term_t *open_newer(int rows, int cols, char *const env[])
{
    term_t *t = e2e_read_newest(&e, rows, cols, env);
    e2e_see(t, "Harbour", "the article opens (%dx%d)", cols, rows);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    return t;
}

/* A message on the status line (the last row), waited for. */
#define see_msg(t, text, ...)                                             \
    do {                                                                  \
        bool seen_ = term_wait_text((t), (text), TERM_TIMEOUT);           \
        int r_ = -1, rows_, cols_;                                        \
        term_size((t), &rows_, &cols_);                                   \
        if (seen_)                                                        \
            term_find((t), (text), &r_, NULL);                            \
        if (!ok(seen_ && r_ == rows_ - 1, __VA_ARGS__))                   \
            term_dump((t), (text));                                       \
    } while (0)

static void three_panes(void)
{
    term_t *t = open_newer(40, 120, NULL);
    int border = e2e_first_frame(t);
    ok(border > 0, "three panes (border at %d)", border);
    ok(!term_contains(t, "note:"), "no note shown while nothing is selected");
    for (int k = 0; k < 4; k++) {
        int r = panel_row(t, ord[k], border);
        const char *row = r > 0 ? term_text(t, r, border + 1, 120) : "";
        size_t n = strlen(row);
        bool star = n > 2 && strcmp(row + n - 2, " *") == 0;
        ok(star == (k != 1), "%s's row %s a star at its end: %s", ord[k],
           k != 1 ? "ends in" : "has no", row);
    }

    /* C1: its imported note, under its row, not in reverse video. */
    term_send(t, "J");
    e2e_see(t, "note: Checked against the port records", "J: C1's note is shown");
    int rn = panel_row(t, "note: Checked", border);
    int rs = panel_row(t, ord[0], border);
    ok(rn > 0 && rn == rs + 1, "in the claims panel, on the row under %s (%d, %d)",
       ord[0], rs, rn);
    term_cell_t cs, cn, cl;
    term_cell(t, rs, border + 4, &cs);
    term_cell(t, rn, border + 10, &cn);
    int c0;
    term_find_in(t, "note:", rn, rn + 1, border + 1, 120, NULL, &c0);
    term_cell(t, rn, c0, &cl);
    ok(cs.reverse && !cn.reverse, "the selected row is in reverse video, its note is not");
    ok(cl.bold, "'note:' is bold");
    /* Its second row is drawn after its first. */
    term_wait_for(t, panel_shows, &(in_panel_t){ "of 4 March.", border }, TERM_TIMEOUT);
    ok(panel_row(t, "of 4 March.", border) == rn + 1, "the note wraps to the pane");

    /* Q2 has no note: no note row. */
    term_send(t, "J");
    ok(term_wait_gone(t, "note:", TERM_TIMEOUT), "J to %s, which has none: no note shown", ord[1]);
    term_wait_for(t, rows_adjacent, &(adjacent_t){ ord[1], ord[2], border }, TERM_TIMEOUT);
    ok(panel_row(t, ord[2], border) == panel_row(t, ord[1], border) + 1,
       "and the rows under it are back in place");

    /* Q3: a long note, cut at the panel's third with an ellipsis. */
    term_send(t, "J");
    e2e_see(t, "note: Café owners", "J: %s's long note", ord[2]);
    /* The rest of the note, and the next row under it, come after. */
    term_wait_for(t, cut_above, &(cut_above_t){ "note: Café", ord[3], border }, TERM_TIMEOUT);
    int r3 = panel_row(t, "note: Café", border), rc4 = panel_row(t, ord[3], border);
    ok(rc4 > r3 && rc4 - r3 <= 7, "it takes at most 6 rows (%d)", rc4 - r3);
    const char *last = term_text(t, rc4 - 1, border + 1, 120);
    size_t ll = strlen(last);
    ok(ll >= 3 && strcmp(last + ll - 3, "…") == 0, "its last row ends in an ellipsis: %s", last);
    ok(!term_contains(t, "ENDMARK"), "what does not fit is not shown");

    /* C4: a hostile note; nothing of it reaches the terminal raw. */
    term_send(t, "J");
    e2e_see(t, "note: Evil", "J: %s's note", ord[3]);
    e2e_see(t, "clip", "  shown on");
    ok(term_log_find(t, "\033]52", 4) < 0, "  its OSC 52 is not sent");
    ok(term_log_find(t, "aGk=\007", 5) < 0, "  nor its BEL");
    ok(term_log_find(t, "\xe2\x80\xae", 3) < 0, "  nor its right-to-left override");
    term_wait_text(t, "<RLO>", TERM_TIMEOUT);     /* on the note's later rows */
    ok(term_contains(t, "^[") && term_contains(t, "<RLO>"), "  they show as placeholders");

    /* Zoomed claims panel: the note, on the wider rows. */
    term_send(t, "K");
    term_send(t, TK_TAB TK_TAB "z");
    e2e_see(t, "zoom", "z zooms the claims panel");
    e2e_see(t, "note: Café owners on the quay confirm it; so do two dockers",
            "zoomed, %s's note is shown on the wider rows", ord[2]);
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

/* A row of the six under "note: Cafe" ends in "..." (one pane of 40 by
** 24, LANG=C). */
static bool ascii_cut(term_t *t, void *arg)
{
    (void)arg;
    int r;
    if (!term_find(t, "note: Cafe", &r, NULL))
        return false;
    for (int k = r; k < r + 7 && k < 23; k++) {
        const char *row = term_row(t, k);
        size_t n = strlen(row);
        if (n >= 3 && strcmp(row + n - 3, "...") == 0)
            return true;
    }
    return false;
}

static void one_pane_ascii(void)
{
    char *env[] = { "LANG=C", "TERM=vt100", NULL };
    term_t *t = open_newer(24, 40, env);
    term_send(t, TK_TAB TK_TAB "JJJ");
    e2e_see(t, "note: Cafe owners", "LANG=C, one pane of 40: the note, transliterated");
    term_wait_for(t, ascii_cut, NULL, TERM_TIMEOUT);  /* its later rows */
    int r = -1;
    bool found = term_find(t, "note: Cafe", &r, NULL);
    ok(found && r > 0, "  found at row %d", r);
    bool ell = false;
    for (int k = r; k < r + 7 && k < 23; k++) {
        const char *row = term_row(t, k);
        size_t n = strlen(row);
        if (n >= 3 && strcmp(row + n - 3, "...") == 0)
            ell = true;
    }
    ok(ell, "  cut with '...'");
    term_send(t, "J");
    e2e_see(t, "note: Evil", "  the hostile note");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(term_log_find_high(t) < 0, "  not a byte above 0x7f was written");
    ok(term_log_find(t, "\033]52", 4) < 0, "  nor its OSC 52");
    ok(e2e_quit(t), "Q quits");
    term_free(t);

    char *env2[] = { "NO_COLOR=1", NULL };
    t = open_newer(40, 120, env2);
    int border = e2e_first_frame(t);
    term_send(t, "J");
    e2e_see(t, "note: Checked against", "NO_COLOR: the note is shown");
    int rn = panel_row(t, "note: Checked", border);
    term_cell_t cn;
    term_cell(t, rn, border + 10, &cn);
    ok(rn > 0 && !cn.reverse && cn.fg == -1, "  in plain text, not reverse video");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

/* aid's row in the claims panel shows mark m, waited for. */
static void see_mark(term_t *t, const char *aid, char m, int border, const char *what)
{
    bool seen = term_wait_for(t, e2e_mark_shown, &(e2e_mark_t){ aid, m, border }, TERM_TIMEOUT);
    if (!ok(seen, "%s", what))
        term_dump(t, what);
}

/* a, a note, Enter; clear: the prompt holds a note to take off first
** (Ctrl-U; not on an empty prompt, where it does nothing).  The prompt
** is waited for on the status line: "note: " is in the claims panel
** already, under a selection with a note, and an empty prompt is
** "note:" with the blank after it (no row ends in a blank). */
static void write_note(term_t *t, const char *text, bool clear)
{
    term_send(t, "a");
    term_wait_for(t, e2e_status_starts, "note:", TERM_TIMEOUT);
    if (clear) {
        term_send(t, TK_CTRL_U);
        term_wait_for(t, e2e_status_is, "note:", TERM_TIMEOUT);
    }
    term_send(t, text);
    term_send(t, TK_ENTER);
}

static void undo(void)
{
    term_t *t = open_newer(40, 120, NULL);
    int border = e2e_first_frame(t);
    char want[160];
    term_send(t, "J");
    e2e_see(t, "note: Checked against", "C1's imported note");

    write_note(t, "first check", true);
    snprintf(want, sizeof want, "%s: note saved", ord[0]);
    see_msg(t, want, "a saves a note: '%s'", want);
    e2e_see(t, "note: first check", "  and the panel shows it");
    term_send(t, "U");
    snprintf(want, sizeof want, "note on %s undone; its earlier note is back", ord[0]);
    see_msg(t, want, "U says the note was undone: '%s'", want);
    e2e_see(t, "note: Checked against", "  the imported note is shown again");
    char *n = note_of(ord[0]);
    is_str(n, "Checked against the port records of 4 March.", "  and is in the library");
    free(n);

    term_send(t, "a");
    term_wait_for(t, e2e_status_starts, "note: Checked", TERM_TIMEOUT);   /* the prompt */
    term_send(t, TK_ENTER);
    snprintf(want, sizeof want, "%s: note unchanged", ord[0]);
    see_msg(t, want, "a and Enter on the same note saves nothing");

    /* Q2: a note1, c, U, d, a note2, U. */
    term_send(t, "J");
    write_note(t, "note1", false);
    /* In the panel: the prompt on the status line held "note: note1" as
    ** it was typed. */
    see_in_panel(t, "note: note1", border, "%s: note1 shown", ord[1]);
    term_send(t, "c");
    see_mark(t, ord[1], '+', border, "c: corroborated");
    term_send(t, "U");
    snprintf(want, sizeof want, "tag undone; %s is unreviewed again", ord[1]);
    see_msg(t, want, "U undoes the tag: '%s'", want);
    ok(term_contains(t, "note: note1"), "  and leaves the note");
    term_send(t, "d");
    see_mark(t, ord[1], '!', border, "d: disputed");
    write_note(t, "note2", true);
    see_in_panel(t, "note: note2", border, "a: note2 shown");
    term_send(t, "U");
    snprintf(want, sizeof want, "note on %s undone; its earlier note is back", ord[1]);
    see_msg(t, want, "U undoes the note, and says so: '%s'", want);
    e2e_see(t, "note: note1", "  note1 is shown again");
    see_mark(t, ord[1], '!', border, "  still disputed");
    n = note_of(ord[1]);
    is_str(n, "note1", "  the library has note1");
    free(n);
    term_send(t, "a");
    ok(term_wait_for(t, e2e_on_status, "note: note1", TERM_TIMEOUT),
       "  and a starts from it");
    term_send(t, TK_ESC);
    term_send(t, "U");
    snprintf(want, sizeof want, "tag undone; %s is unreviewed again", ord[1]);
    see_msg(t, want, "U: '%s'", want);
    term_send(t, "U");
    snprintf(want, sizeof want, "note on %s undone; it has no note now", ord[1]);
    see_msg(t, want, "U: '%s'", want);
    if (!ok(term_wait_gone(t, "note:", TERM_TIMEOUT), "  no note shown"))
        term_dump(t, "note:");
    {
        int r = panel_row(t, ord[1], border);
        const char *row = r > 0 ? term_text(t, r, border + 1, 120) : "*";
        ok(!strchr(row, '*'), "  nor a star on its row: %s", row);
    }
    n = note_of(ord[1]);
    is_str(n, "", "  none in the library");
    free(n);

    /* One change of both, by the command prompt: U says both. */
    term_send(t, ":tag disputed seen in the log" TK_ENTER);
    e2e_see(t, "note: seen in the log", ":tag with a note shows the note");
    term_send(t, "U");
    snprintf(want, sizeof want,
             "tag and note on %s undone; it is unreviewed again, with no note", ord[1]);
    see_msg(t, want, "U: '%s'", want);
    ok(term_wait_gone(t, "note:", TERM_TIMEOUT), "  no note shown");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

/* Undoing a tag made in another article names it with its letter. */
static void undo_elsewhere(void)
{
    term_t *t = e2e_reader(&e, 40, 120, NULL, NULL);
    e2e_see(t, "Harbour ship", "the library");
    term_send(t, "j" TK_ENTER);
    e2e_see(t, "inspections were routine", "the older article opens");
    e2e_first_frame(t);
    term_send(t, "Jd");
    char want[160];
    snprintf(want, sizeof want, "%s tagged disputed", ordb[0]);
    see_msg(t, want, "d tags %s", ordb[0]);
    term_send(t, "q");
    term_wait_text(t, "Harbour ship", TERM_TIMEOUT);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    term_send(t, "k" TK_ENTER);
    e2e_see(t, "ship had left on time", "the newer article opens");
    e2e_first_frame(t);
    term_send(t, "U");
    snprintf(want, sizeof want, "tag undone; %s is unreviewed again", ordb[0]);
    see_msg(t, want, "U from the other article: '%s'", want);

    /* A change to an article removed since: U says so and goes on to
    ** the change before it. */
    term_send(t, "Jd");
    snprintf(want, sizeof want, "%s tagged disputed", ord[0]);
    see_msg(t, want, "d tags %s", ord[0]);
    term_send(t, "q");
    term_wait_text(t, "Ministry calls", TERM_TIMEOUT);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    term_send(t, "j" TK_ENTER);
    e2e_see(t, "inspections were routine", "the older article opens again");
    term_send(t, "Jd");
    snprintf(want, sizeof want, "%s tagged disputed", ordb[0]);
    see_msg(t, want, "d tags %s", ordb[0]);
    term_send(t, "q");
    term_wait_text(t, "Harbour ship", TERM_TIMEOUT);
    char *lib = e2e_list(&e);
    char *older = e2e_query1(lib, "SELECT json_extract(value, '$.id') FROM json_each(?1) WHERE key = 1");
    ok(older && e2e_run(&e, NULL, NULL, "rm", older, (char *)NULL) == 0,
       "a second process removes the older article");
    free(older);
    free(lib);
    ok(term_wait_gone(t, "Ministry calls", TERM_TIMEOUT), "the library shows it gone");
    term_send(t, TK_ENTER);
    e2e_see(t, "ship had left on time", "the newer article opens");
    term_send(t, "U");
    see_msg(t, "(removed); U again undoes your change before it",
            "U on the removed one says so");
    term_send(t, "U");
    snprintf(want, sizeof want, "tag undone; %s is unreviewed again", ord[0]);
    see_msg(t, want, "U again undoes the change before it: '%s'", want);
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

/* Four combining accents on every letter (acute, dot below, circumflex,
** diaeresis), as many as a terminal cell of curses holds: nine bytes a
** column, where the panel used to cut a quote or a note at 400 bytes. */
#define MARKS "\xcc\x81\xcc\xa3\xcc\x82\xcc\x88"
static const char *heavy_quote =
    "Nothing unusual was seen at the harbour that night and the crew stayed"
    " calm on the quay until the first light came over the water";
static const char *heavy_note =
    "Checked with the pilots and the customs office and the log of the"
    " night; it holds in every part that we could check. ";

/* words at p, every letter carrying MARKS; the end, and the code points
** written added to *ncp. */
static char *heavy(char *p, const char *words, long *ncp)
{
    for (; *words; words++) {
        *p++ = *words;
        ++*ncp;
        if (*words != ' ') {
            p += sprintf(p, MARKS);
            *ncp += 4;
        }
    }
    *p = '\0';
    return p;
}

/* The cell shows plain character c as the heavy text writes it: a
** blank, or the letter with all its accents. */
static bool cell_is(term_t *t, int r, int col, char c)
{
    term_cell_t cell;
    if (!term_cell(t, r, col, &cell))
        return false;
    if (c == ' ')
        return !*cell.text || strcmp(cell.text, " ") == 0;
    char want[16];
    snprintf(want, sizeof want, "%c" MARKS, c);
    return strcmp(cell.text, want) == 0;
}

/* Row r from column c0 shows the quote from its start, whole letters,
** up to the ellipsis in column ell. */
static bool quote_fills(term_t *t, int r, int c0, int ell)
{
    term_cell_t cell;
    for (int c = c0; c < ell; c++)
        if (!heavy_quote[c - c0] || !cell_is(t, r, c, heavy_quote[c - c0]))
            return false;
    return term_cell(t, r, ell, &cell) && strcmp(cell.text, "…") == 0;
}

/* Columns [c0, ell) of row r are the note's letters (each whole) and
** spaces, at least two thirds letters, and column ell the ellipsis. */
static bool note_fills(term_t *t, int r, int c0, int ell)
{
    term_cell_t cell;
    int letters = 0;
    for (int c = c0; c < ell; c++) {
        if (cell_is(t, r, c, ' '))
            continue;
        if (!term_cell(t, r, c, &cell) || !strchr("abcdefghijklmnopqrstuvwxyzC;.", cell.text[0])
            || !cell_is(t, r, c, cell.text[0]))
            return false;
        letters++;
    }
    return letters * 3 >= (ell - c0) * 2 && term_cell(t, r, ell, &cell)
        && strcmp(cell.text, "…") == 0;
}

/* The last row of the note under row rq (its rows up to the one before a
** row with nothing from column c0 + 8 on, or the screen's end). */
static int note_last(term_t *t, int rq, int c0)
{
    int rows, cols, r = rq + 1;
    term_size(t, &rows, &cols);
    while (r + 1 < rows - 1 && *term_text(t, r + 1, c0 + 8, cols)
           && !*term_text(t, r + 1, c0, c0 + 8))
        r++;
    return r;
}

/* For term_wait_for: the note under the selected quote is drawn to its
** last row, cut by the ellipsis in the screen's last column; *arg is the
** left column of the note's rows (its "note: "). */
static bool heavy_cut(term_t *t, void *arg)
{
    int c0 = *(int *)arg, rows, cols, rq;
    term_size(t, &rows, &cols);
    if (!term_find_in(t, "note: ", 1, rows - 1, c0, cols, &rq, NULL))
        return false;
    int last = note_last(t, rq, c0);
    return last > rq && note_fills(t, last, c0 + 8, cols - 1);
}

/* Zoomed: the quote's row, and the note's six under it, are drawn. */
static bool heavy_zoomed(term_t *t, void *arg)
{
    (void)arg;
    int rq, cq, cols;
    term_size(t, NULL, &cols);
    if (!term_find(t, "Mara Olsen: ", &rq, &cq)
        || !quote_fills(t, rq, cq + (int)strlen("Mara Olsen: "), cols - 3))
        return false;
    int c0 = 0;
    return heavy_cut(t, &c0);
}

static void heavy_marks(void)
{
    static char json[40000], q[2048], n[20000];
    /* The quote starts after its opening quotation mark: code point 18. */
    const char *pre = "Mara Olsen said: \xe2\x80\x9c";
    long qs = 18, qe = qs, nn = 0;
    heavy(q, heavy_quote, &qe);
    char *p = n;
    for (int k = 0; k < 12; k++)
        p = heavy(p, heavy_note, &nn);
    snprintf(json, sizeof json,
        "{\"contra\": 1, \"title\": \"Accents on the quay\", \"source\": \"Test Wire\","
        " \"published\": \"2026-04-01\", \"text\": \"%s%s.\xe2\x80\x9d\","
        " \"entities\": [{\"id\": \"E1\", \"name\": \"Mara Olsen\", \"kind\": \"person\","
        " \"mentions\": [[0, 10]]}], \"quotes\": [{\"id\": \"Q1\", \"speaker\": \"E1\","
        " \"span\": [%ld, %ld], \"direct\": true, \"status\": \"unreviewed\","
        " \"note\": \"%s\"}], \"claims\": [], \"relations\": []}", pre, q, qs, qe, n);
    if (!ok(e2e_import_json(&e, "accents.json", json), "an article with a quote and a note heavy with accents"))
        return;
    char *lib = e2e_list(&e);
    char *id = lib ? e2e_query1(lib, "SELECT json_extract(value, '$.id') FROM json_each(?1)"
                                " WHERE json_extract(value, '$.title') = 'Accents on the quay'") : NULL;
    free(lib);
    term_t *t = e2e_read(&e, id ? id : "0");
    free(id);
    e2e_see(t, "Accents on the quay", "it opens");
    int border = e2e_first_frame(t), rows, cols, rq, cq;
    term_size(t, &rows, &cols);
    term_send(t, "J");
    e2e_see(t, "note: C" MARKS "h" MARKS, "J: the quote's note, accents and all");

    /* Three panes: the note's last row is cut at the panel's edge.  Its
    ** first row is seen while the rest of the frame is on its way. */
    term_wait_for(t, heavy_cut, &(int){ border + 1 }, TERM_TIMEOUT);
    bool found = term_find_in(t, "note: ", 1, rows - 1, border + 1, cols, &rq, NULL);
    int last = found ? note_last(t, rq, border + 1) : -1;
    if (!ok(found && last > rq && note_fills(t, last, border + 1 + 8, cols - 1),
            "its last row (%d) is whole letters up to the ellipsis in the last column", last))
        term_dump(t, "note");

    /* Zoomed, the rows are 120 columns: more than 400 bytes of the quote
    ** and of the note fit in them. */
    term_send(t, TK_TAB TK_TAB "z");
    e2e_see(t, "zoom", "z zooms the claims panel");
    term_wait_for(t, heavy_zoomed, NULL, TERM_TIMEOUT);
    found = term_find(t, "Mara Olsen: ", &rq, &cq);
    cq += (int)strlen("Mara Olsen: ");
    /* The star of the note in the last column, a blank before it. */
    if (!ok(found && quote_fills(t, rq, cq, cols - 3),
            "zoomed, the quote fills its row, whole letters, to the ellipsis in column %d",
            cols - 3))
        term_dump(t, "quote");
    found = term_find(t, "note: ", &rq, NULL);
    last = found ? note_last(t, rq, 0) : -1;
    if (!ok(found && last - rq == 5 && note_fills(t, last, 8, cols - 1),
            "and the note its six rows, its last (%d) whole letters up to the ellipsis"
            " in the last column", last))
        term_dump(t, "note");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
}

int main(void)
{
    e2e_setup_json(&e, "notes.json", json);
    char *exp = e2e_export_library(&e, NULL);
    ord = e2e_reading_order(exp, "$[0]");
    ordb = e2e_reading_order(exp, "$[1]");
    free(exp);
    if (e2e_strv_len(ord) != 4 || e2e_strv_len(ordb) != 1) {
        printf("Bail out! the test articles did not import as written\n");
        return 1;
    }
    three_panes();
    one_pane_ascii();
    undo();
    undo_elsewhere();
    heavy_marks();
    e2e_strv_free(ord);
    e2e_strv_free(ordb);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
