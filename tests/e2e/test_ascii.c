/*
** test_ascii.c: LANG=C over TERM=vt100, as on a bare server (issue 3):
** the reader works, writes not one byte above 0x7f (non-ASCII text is
** transliterated or replaced, box drawing falls back to ASCII), and the
** panes are separated by ASCII lines.  Also NO_COLOR: no colour at all.
*/
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

/* Any cell with a colour other than the default? */
static int coloured_cells(term_t *t)
{
    int rows, cols, n = 0;
    term_size(t, &rows, &cols);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            term_cell_t cell;
            term_cell(t, r, c, &cell);
            if (cell.fg != -1 || cell.bg != -1)
                n++;
        }
    return n;
}

/* Open the library, the newest article, select and move around, quit. */
static term_t *session(char *const env[], const char *ascii_title, int *border)
{
    term_t *t = e2e_reader(&e, 40, 120, env, NULL);
    e2e_see(t, ascii_title, "library screen shows the newest article");
    term_send(t, TK_ENTER);
    long deadline = term_now_ms() + TERM_TIMEOUT;
    *border = -1;
    while (term_now_ms() < deadline) {
        int nb;
        term_wait_quiet(t, 50, 1000);
        *border = e2e_border_col(t, 1, 39, &nb);
        if (*border > 0 && nb >= 30)
            break;
    }
    ok(*border > 0, "Enter opens the article in three panes");
    e2e_select(t, 2);
    term_send(t, TK_TAB);
    term_send(t, TK_TAB);
    term_send(t, "?");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    term_send(t, "q");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    return t;
}

int main(void)
{
    char *lib;
    e2e_setup_samples(&e, &lib, NULL);
    char *title = e2e_first(lib, "title");
    /* The title's leading ASCII part, as it must show under LANG=C. */
    char ascii[32];
    size_t n = 0;
    while (title && title[n] && (unsigned char)title[n] < 0x80 && n < 20)
        n++;
    memcpy(ascii, title ? title : "", n);
    ascii[n] = 0;

    {
        char *env[] = { "LANG=C", "TERM=vt100", NULL };
        int border;
        term_t *t = session(env, ascii, &border);
        long high = term_log_find_high(t);
        ok(high < 0, "LANG=C TERM=vt100: no byte above 0x7f written");
        if (high >= 0) {
            size_t len;
            const unsigned char *log = term_log(t, &len);
            printf("#   at byte %ld:", high);
            for (long i = high > 16 ? high - 16 : 0; i < high + 16 && i < (long)len; i++)
                printf(" %02x", log[i]);
            printf("\n");
        }
        int nb;
        border = e2e_border_col(t, 1, 39, &nb);
        term_cell_t c;
        term_cell(t, 5, border, &c);
        ok(border > 0 && strcmp(c.text, "|") == 0, "the pane border is ASCII '|' (column %d)", border);
        ok(term_log_find(t, "\033(0", 3) < 0, "no switch to the DEC line-drawing set");
        /* Names with letters beyond ASCII still show, transliterated or
        ** replaced: their ASCII start and something after it. */
        char *exp = e2e_export_library(&e, NULL);
        char **names = exp ? e2e_query(exp,
            "SELECT json_extract(value, '$.name') FROM json_each(json_extract(?1, '$[0].entities'))"
            " WHERE json_extract(value, '$.name') GLOB '*[^ -~]*'") : NULL;
        int shown = 0, tried = 0;
        for (int i = 0; names && names[i]; i++) {
            size_t k = 0;
            while ((unsigned char)names[i][k] < 0x80 && names[i][k])
                k++;
            if (k < 4)
                continue;
            char pre[128];
            snprintf(pre, sizeof pre, "%.*s", (int)k, names[i]);
            int r, c;
            if (!term_find_in(t, pre, 1, 39, border + 1, 120, &r, &c))
                continue;        /* not in view: the sidebar may be short */
            tried++;
            term_cell_t next;
            term_cell(t, r, c + (int)k, &next);
            if (next.text[0] && next.text[0] != ' ')
                shown++;
            else
                printf("#   %s shows as \"%s\"\n", names[i], term_text(t, r, c, c + 30));
        }
        ok(tried > 0, "the sidebar shows names with non-ASCII letters (%d)", tried);
        is_int(shown, tried, "  each in full, its non-ASCII letters transliterated or replaced");
        e2e_strv_free(names);
        free(exp);
        ok(!term_exited(t, NULL), "still running");
        ok(e2e_quit(t), "Q quits with status 0");
        ok(term_log_find_high(t) < 0, "still no byte above 0x7f, quitting included");
        term_free(t);
    }

    {
        char *env[] = { "NO_COLOR=1", NULL };
        int border;
        term_t *t = session(env, e2e_prefix(title, 20), &border);
        is_int(coloured_cells(t), 0, "NO_COLOR: no cell has a colour");
        term_send(t, "J");
        term_wait_quiet(t, 100, TERM_TIMEOUT);
        int rev = 0;
        for (int r = 1; r < 39; r++)
            for (int c = 0; c < border; c++) {
                term_cell_t cell;
                term_cell(t, r, c, &cell);
                rev += cell.reverse;
            }
        ok(rev > 0, "NO_COLOR: the current annotation still stands out (reverse)");
        /* A search match inside it shows as a gap in its reverse video;
        ** both in reverse, it could not be seen (a user trial). */
        char word[64] = "";
        int wr = -1, wc = -1;
        for (int r = 1; r < 39 && !word[0]; r++)
            for (int c = 0; c + 6 < border && !word[0]; c++) {
                int k = 0;
                term_cell_t cell;
                while (c + k < border && term_cell(t, r, c + k, &cell) && cell.reverse
                       && ((cell.text[0] | 32) >= 'a' && (cell.text[0] | 32) <= 'z')
                       && !cell.text[1])
                    k++;
                term_cell_t before, after;
                bool alone = (c == 0 || (term_cell(t, r, c - 1, &before) && before.reverse
                                         && !(((before.text[0] | 32) >= 'a'
                                               && (before.text[0] | 32) <= 'z'))))
                             && term_cell(t, r, c + k, &after) && after.reverse;
                if (k >= 5 && alone) {
                    snprintf(word, sizeof word, "%s", term_text(t, r, c, c + k));
                    wr = r;
                    wc = c;
                }
            }
        ok(word[0] != '\0', "NO_COLOR: a word of the current annotation (\"%s\")", word);
        if (word[0]) {
            char keys[80];
            snprintf(keys, sizeof keys, "/%s" TK_ENTER, word);
            term_send(t, keys);
            ok(term_wait_text(t, "match ", TERM_TIMEOUT), "NO_COLOR: /%s finds it", word);
            term_wait_quiet(t, 100, TERM_TIMEOUT);
            int at_r = -1, at_c = -1;
            bool found = term_find_in(t, word, wr, wr + 1, wc, wc + (int)strlen(word),
                                      &at_r, &at_c);
            term_cell_t in, out;
            bool gap = found && term_cell(t, wr, wc, &in) && !in.reverse
                       && term_cell(t, wr, wc + (int)strlen(word), &out) && out.reverse;
            ok(gap, "NO_COLOR: the match inside the current annotation is not reverse, "
               "the rest of it is");
            if (!gap)
                term_dump(t, "match in the selection");
        }
        term_send(t, "Q");
        ok(term_wait_exit(t, TERM_TIMEOUT, NULL), "Q quits");
        term_free(t);
    }
    {
        char *env[] = { NULL };
        int border;
        term_t *t = session(env, e2e_prefix(title, 20), &border);
        ok(coloured_cells(t) > 0, "xterm-256color: colours are used");
        term_cell_t c;
        term_cell(t, 5, border, &c);
        is_str(c.text, "│", "LANG=C.UTF-8: the border is a box-drawing line");
        term_send(t, "Q");
        ok(term_wait_exit(t, TERM_TIMEOUT, NULL), "Q quits");
        term_free(t);
    }

    free(title);
    free(lib);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
