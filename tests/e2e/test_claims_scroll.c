/*
** test_claims_scroll.c: the claims panel scrolled a row or a few at a
** time (J/K past its edge) shows what a full repaint would: consecutive
** quotes and claims in reading order, each once, the selected one among
** them.  The panel shifts its rows and draws only those that came into
** view (issue 5), so a row left behind or drawn twice would show here.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

#define ROWS 20
#define COLS 100

static e2e_t e;

/* The assertion ids the claims panel shows, top to bottom ("? Q12 ..."
** right of the border), into ids; their number. */
static int panel_ids(term_t *t, int border, char ids[][16], int max)
{
    int n = 0;
    for (int r = 1; r < ROWS - 1 && n < max; r++) {
        const char *s = term_text(t, r, border + 1, COLS);
        if (strlen(s) < 4 || s[1] != ' ' || (s[2] != 'Q' && s[2] != 'C')
            || !isdigit((unsigned char)s[3]))
            continue;
        size_t k = 2;
        while (s[k] && s[k] != ' ' && k - 2 < 15)
            k++;
        memcpy(ids[n], s + 2, k - 2);
        ids[n][k - 2] = 0;
        n++;
    }
    return n;
}

static int order_index(char **ord, const char *id)
{
    for (int i = 0; ord[i]; i++)
        if (strcmp(ord[i], id) == 0)
            return i;
    return -1;
}

/* One TAP check: the panel is a run of ord, without gaps or repeats,
** holding ord[sel]. */
static bool panel_ok(term_t *t, int border, char **ord, int sel, const char *what)
{
    char ids[ROWS][16];
    int n = panel_ids(t, border, ids, ROWS);
    bool good = n > 0;
    int first = n > 0 ? order_index(ord, ids[0]) : -1;
    for (int i = 0; good && i < n; i++)
        good = first >= 0 && order_index(ord, ids[i]) == first + i;
    if (sel < 0) {
        /* The selected row is the one in reverse video. */
        for (int r = 1, i = 0; r < ROWS - 1; r++) {
            term_cell_t c;
            const char *row = term_text(t, r, border + 1, COLS);
            if (strlen(row) < 4 || row[1] != ' ' || (row[2] != 'Q' && row[2] != 'C'))
                continue;
            if (term_cell(t, r, border + 3, &c) && c.reverse)
                sel = first + i;
            i++;
        }
    }
    good = good && sel >= 0 && sel >= first && sel < first + n;
    ok(good, "%s: the panel shows %d consecutive quotes and claims, %s among them",
       what, n, sel >= 0 ? ord[sel] : "the selected one");
    if (!good) {
        for (int i = 0; i < n; i++)
            printf("#   row %d: %s\n", i, ids[i]);
        term_dump(t, what);
    }
    return good;
}

int main(void)
{
    char *lib, *exp;
    e2e_setup_samples(&e, &lib, &exp);
    /* The article with the most quotes and claims. */
    char *k = e2e_query1(exp, "SELECT key FROM json_each(?1) ORDER BY"
                              " json_array_length(json_extract(value, '$.quotes'))"
                              " + json_array_length(json_extract(value, '$.claims')) DESC LIMIT 1");
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT value FROM json_each(?1) WHERE key = %s", k ? k : "0");
    char *art = e2e_query1(exp, sql);
    snprintf(sql, sizeof sql, "SELECT json_extract(value, '$.id') FROM json_each(?1) WHERE key = %s",
             k ? k : "0");
    char *id = e2e_query1(lib, sql);
    char **ord = e2e_reading_order(art, "$");
    int n = e2e_strv_len(ord);
    ok(n > ROWS / 2, "the sample article %s has more quotes and claims (%d) than the panel has rows",
       id ? id : "?", n);

    char *args[] = { "read", id, NULL };
    term_t *t = e2e_reader(&e, ROWS, COLS, NULL, args);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    int nb = 0, border = -1;
    long deadline = term_now_ms() + TERM_TIMEOUT;
    while (term_now_ms() < deadline) {
        border = e2e_border_col(t, 1, ROWS - 1, &nb);
        if (border > 0 && nb >= ROWS - 3)
            break;
        term_wait_quiet(t, 50, 1000);
    }
    ok(border > 0, "the article opens in three panes at %dx%d", COLS, ROWS);

    bool all = true;
    char what[64];
    for (int j = 0; j < n && all; j++) {
        term_send(t, "J");
        term_wait_quiet(t, 50, TERM_TIMEOUT);
        snprintf(what, sizeof what, "J %d", j + 1);
        all = panel_ok(t, border, ord, j, what);
    }
    for (int j = n - 2; j >= 0 && all; j--) {
        term_send(t, "K");
        term_wait_quiet(t, 50, TERM_TIMEOUT);
        snprintf(what, sizeof what, "K back to %d", j + 1);
        all = panel_ok(t, border, ord, j, what);
    }
    /* A jump of a few rows at once: Ctrl-D in the focused panel. */
    term_send(t, "\t\t");
    term_wait_quiet(t, 50, TERM_TIMEOUT);
    for (int i = 0; i < 3 && all; i++) {
        term_send(t, TK_CTRL_D);
        term_wait_quiet(t, 50, TERM_TIMEOUT);
        snprintf(what, sizeof what, "Ctrl-D %d in the claims panel", i + 1);
        all = panel_ok(t, border, ord, -1, what);
    }
    for (int i = 0; i < 3 && all; i++) {
        term_send(t, TK_CTRL_U);
        term_wait_quiet(t, 50, TERM_TIMEOUT);
        snprintf(what, sizeof what, "Ctrl-U %d", i + 1);
        all = panel_ok(t, border, ord, -1, what);
    }
    ok(e2e_quit(t), "Q quits");
    term_free(t);
    e2e_strv_free(ord);
    free(art);
    free(id);
    free(k);
    free(lib);
    free(exp);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
