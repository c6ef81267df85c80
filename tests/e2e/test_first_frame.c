/*
** test_first_frame.c: the first frame and every repaint from scratch
** (Ctrl-L, a resize) are written by the reader's own row writer, not by
** curses' update (tui_screen.c, repaint_send; issue 5).  Whatever writes
** them, the screen must be the one curses draws: after the help screen
** is closed, curses' own update repaints every row that differs from it,
** and that screen, the first frame and the screen after Ctrl-L must be
** the same cell for cell, text and attributes, under the terminal types
** and locales people use, with wide glyphs (rows left to curses), a
** search's highlight, and after a resize.  The first frame must also come
** after what resumes the screen (the alternate screen) and leave the
** terminal as curses leaves it at exit (the normal screen back).
*/
#define _GNU_SOURCE     /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

#define ROWS 30
#define COLS 120

static e2e_t e;

typedef struct shot { term_cell_t c[ROWS][COLS]; } shot_t;

static void snap(term_t *t, shot_t *s, int rows, int cols)
{
    memset(s, 0, sizeof *s);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            term_cell(t, r, c, &s->c[r][c]);
}

/* The first cell of two screens that differs (its index), or -1. */
static int differ(const shot_t *a, const shot_t *b, int rows, int cols)
{
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            const term_cell_t *x = &a->c[r][c], *y = &b->c[r][c];
            if (x->width == 0 && y->width == 0)
                continue;       /* the right half of a wide glyph */
            /* An erased cell and a written blank look the same. */
            const char *tx = *x->text ? x->text : " ", *ty = *y->text ? y->text : " ";
            if (strcmp(tx, ty) || x->underline != y->underline || x->reverse != y->reverse
                || x->fg != y->fg || x->bg != y->bg
                || (strcmp(tx, " ") && x->bold != y->bold))
                return r * COLS + c;
        }
    return -1;
}

static shot_t first, curses_drawn, redrawn;

static void same(term_t *t, const shot_t *a, const shot_t *b, int rows, int cols,
                 const char *what, const char *how)
{
    int d = differ(a, b, rows, cols);
    ok(d < 0, "%s: %s", what, how);
    if (d >= 0) {
        int r = d / COLS, c = d % COLS;
        printf("#   first difference at row %d, column %d: \"%s\" then \"%s\"\n", r, c,
               a->c[r][c].text, b->c[r][c].text);
        term_dump(t, what);
    }
}

/* An article with Chinese, Japanese and an emoji in its title and text:
** their rows hold wide glyphs, which the row writer leaves to curses. */
static bool add_wide(void)
{
    return e2e_import_json(&e, "wide.jsonl",
        "{\"contra\": 1, \"title\": \"\xe6\xb8\xaf\xe5\x8f\xa3 harbour "
        "\xf0\x9f\x98\x80 report\", \"source\": \"Test Wire\", \"published\": "
        "\"2030-01-01\", \"text\": \"The minister said the \xe6\xb8\xaf\xe5\x8f\xa3 "
        "(harbour) was closed. \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e text "
        "\xf0\x9f\x98\x80 sits beside plain words.\\n\\nA second paragraph is "
        "all ASCII, and the auditors said it ran over budget.\"}\n");
}

/* Wait for the reader to finish what it is writing. */
static void settle(term_t *t)
{
    term_wait_quiet(t, 250, TERM_TIMEOUT);
}

static void session(const char *id, const char *title, const char *term, const char *lang,
                    bool search)
{
    char te[64], la[64], what[200];
    snprintf(te, sizeof te, "TERM=%s", term);
    snprintf(la, sizeof la, "LANG=%s", lang);
    char *env[] = { te, la, NULL };
    char *args[] = { "read", (char *)id, NULL };
    snprintf(what, sizeof what, "article %s, TERM=%s, LANG=%s%s", id, term, lang,
             search ? ", a search" : "");
    term_t *t = e2e_reader(&e, ROWS, COLS, env, args);
    if (!t)
        return;
    e2e_see(t, title, "%s: the title", what);
    settle(t);
    long alt = term_log_find(t, "\033[?1049h", 8);
    long at = term_log_find(t, title, strlen(title));
    if (strncmp(term, "xterm", 5) == 0)
        ok(alt >= 0 && at > alt, "%s: the alternate screen, then the frame", what);
    /* With a search, every "the" marked in the text and the panes, and
    ** a repaint of that; its message on the status line goes with the
    ** help screen, so that row is not compared. */
    int rows = ROWS;
    if (search) {
        term_send(t, "/the\r");
        settle(t);
        term_send(t, TK_CTRL('l'));
        settle(t);
        rows--;
    }
    snap(t, &first, ROWS, COLS);
    term_send(t, "?");
    settle(t);
    term_send(t, "q");
    settle(t);
    snap(t, &curses_drawn, ROWS, COLS);
    same(t, &first, &curses_drawn, rows, COLS, what,
         search ? "the repaint is what curses draws" : "the first frame is what curses draws");
    term_send(t, TK_CTRL('l'));
    settle(t);
    snap(t, &redrawn, ROWS, COLS);
    same(t, &curses_drawn, &redrawn, rows, COLS, what, "Ctrl-L draws it again");
    /* A resize away and back: the frame in between is a repaint too. */
    term_resize(t, ROWS - 6, COLS - 20);
    settle(t);
    term_resize(t, ROWS, COLS);
    settle(t);
    snap(t, &redrawn, ROWS, COLS);
    same(t, &curses_drawn, &redrawn, rows, COLS, what, "after a resize, the same screen");
    term_send(t, "q");
    settle(t);
    term_send(t, "q");
    int st;
    ok(term_wait_exit(t, TERM_TIMEOUT, &st), "%s: q leaves", what);
    if (strncmp(term, "xterm", 5) == 0) {
        /* The last of the switches between the screens. */
        size_t len;
        const unsigned char *log = term_log(t, &len), *p = log, *back = NULL;
        while ((p = memmem(p, len - (size_t)(p - log), "\033[?1049", 7)) != NULL) {
            back = p;
            p += 7;
        }
        ok(back && back + 7 < log + len && back[7] == 'l' && back - log > at,
           "%s: and the normal screen is back", what);
    }
    term_free(t);
}

int main(void)
{
    char *lib;
    e2e_setup_samples(&e, &lib, NULL);
    char *title = e2e_first(lib, "title"), *id = e2e_first(lib, "id");
    free(lib);
    if (!title || !id || !add_wide()) {
        printf("Bail out! cannot set up the library\n");
        return 1;
    }
    char *out = NULL;
    e2e_run(&e, &out, NULL, "list", "--json", (char *)NULL);
    char *wide = out ? e2e_first(out, "id") : NULL;
    free(out);
    if (!wide) {
        printf("Bail out! cannot list the library\n");
        return 1;
    }

    static const char *const terms[] = { "xterm-256color", "xterm", "vt100",
                                         "screen-256color" };
    static const char *const langs[] = { "C.UTF-8", "C" };
    for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
        for (size_t j = 0; j < sizeof langs / sizeof *langs; j++)
            session(id, e2e_prefix(title, 20), terms[i], langs[j], false);
    session(id, e2e_prefix(title, 20), "xterm-256color", "C.UTF-8", true);
    session(id, e2e_prefix(title, 20), "vt100", "C", true);
    session(wide, "harbour", "xterm-256color", "C.UTF-8", false);
    session(wide, "harbour", "screen-256color", "C.UTF-8", true);
    session(wide, "harbour", "xterm-256color", "C", false);

    free(title);
    free(id);
    free(wide);
    e2e_done(&e, tap_failed != 0);
    return done_testing();
}
