/*
** test_lib_columns.c: the library screen's columns stay apart at every
** width.  A source as long as its column or longer (18 characters ran
** straight into the title, one blank between them, in a user trial), or
** of double-width characters, is cut with the ellipsis before the two
** blank cells that part it from the title; on a narrow screen the title
** keeps its room (the source, then the date, give way) and is never
** pushed off the screen.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

/* Sources of the lengths around the column's widest (18 cells), and of
** double-width characters; each article's title is short and unique. */
static const struct { const char *source, *title; } rows[] = {
    { "Seventeen Chars X",                        "T01 story" },
    { "Eighteen Chars XYZ",                       "T02 story" },
    { "Nineteen Chars WXYZ",                      "T03 story" },
    { "A Source Name Far Longer Than Any Column",  "T04 story" },
    { "\xe6\x9d\xb1\xe4\xba\xac\xe6\x96\xb0\xe8\x81\x9e\xe6\x9d\xb1"
      "\xe4\xba\xac\xe6\x96\xb0\xe8\x81\x9e\xe6\x9d\xb1",      /* 9 CJK: 18 cells */
                                                  "T05 story" },
    { "\xe6\x9d\xb1\xe4\xba\xac\xe6\x96\xb0\xe8\x81\x9e\xe6\x9d\xb1"
      "\xe4\xba\xac\xe6\x96\xb0\xe8\x81\x9e\xe6\x9d\xb1\xe4\xba\xac",  /* 10: 20 */
                                                  "T06 story" },
    { "A\xe6\x9d\xb1\xe4\xba\xac\xe6\x96\xb0\xe8\x81\x9e\xe6\x9d\xb1"
      "\xe4\xba\xac\xe6\x96\xb0\xe8\x81\x9e",     /* 1 + 8 CJK: 17 cells */
                                                  "T07 story" },
};
#define NROWS (sizeof rows / sizeof rows[0])

static bool add_articles(void)
{
    char j[4096];
    size_t n = 0;
    for (size_t i = 0; i < NROWS; i++)
        n += (size_t)snprintf(j + n, sizeof j - n,
                              "{\"contra\": 1, \"title\": \"%s\", \"source\": \"%s\","
                              " \"published\": \"2024-03-%02zu\", \"text\": \"Body %zu.\"}\n",
                              rows[i].title, rows[i].source, i + 1, i);
    return e2e_import_json(&e, "columns.jsonl", j);
}

/* Is cell (r, c) blank: nothing in it, and not the right half of a wide
** character? */
static bool blank(term_t *t, int r, int c)
{
    term_cell_t cell;
    if (!term_cell(t, r, c, &cell))
        return false;
    return cell.width != 0 && (cell.text[0] == '\0' || strcmp(cell.text, " ") == 0);
}

static void check_width(char *const env[], const char *lang, int cols, const char *ell)
{
    term_t *t = e2e_reader(&e, 14, cols, env, NULL);
    ok(term_wait_text(t, "T01", TERM_TIMEOUT), "%s %d cols: the library shows", lang, cols);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    int hr, src_col = -1, title_col = -1;
    bool has_src = term_find(t, "Source", &hr, &src_col);
    ok(term_find(t, "Title", &hr, &title_col), "%s %d cols: the title column has its head", lang, cols);
    if (has_src)
        ok(title_col - src_col >= 8, "%s %d cols: \"Source\" and \"Title\" apart", lang, cols);
    /* Beside a source the title keeps 12 cells (on a screen too narrow
    ** for the counts, up to a cell short of the edge): at 32 columns it
    ** had 11, for a source of 5. */
    if (has_src && !term_contains(t, "Unrev"))
        ok(cols - 1 - title_col >= 12, "%s %d cols: the title keeps 12 cells beside the source",
           lang, cols);
    for (size_t i = 0; i < NROWS; i++) {
        int r, c;
        if (!term_find(t, rows[i].title, &r, &c)) {
            ok(0, "%s %d cols: %s is shown whole", lang, cols, rows[i].title);
            continue;
        }
        bool gap = c == 0 || (c >= 2 && blank(t, r, c - 1) && blank(t, r, c - 2));
        ok(gap, "%s %d cols: two blank cells before %s's title", lang, cols, rows[i].title);
        ok(c == title_col, "%s %d cols: %s's title starts under \"Title\"", lang, cols,
           rows[i].title);
        if (!has_src)
            continue;
        /* What the source column shows: the source whole, or its start and
        ** the ellipsis (under LANG=C the CJK ones are placeholders). */
        const char *shown = term_text(t, r, src_col, c);
        size_t sl = strlen(shown), el = strlen(ell);
        bool ascii = true;
        for (const char *p = rows[i].source; *p; p++)
            ascii = ascii && (unsigned char)*p < 0x80;
        bool placeholders = !ascii && strcmp(lang, "LANG=C") == 0;
        bool whole = placeholders ? sl > 0 : strcmp(shown, rows[i].source) == 0;
        bool cut = sl > el && strcmp(shown + sl - el, ell) == 0
                   && (placeholders || strncmp(shown, rows[i].source, sl - el) == 0);
        ok(whole || cut, "%s %d cols: source of %s shown whole or cut with \"%s\" (\"%s\")",
           lang, cols, rows[i].title, ell, shown);
    }
    if (tap_failed)
        term_dump(t, lang);
    ok(e2e_quit(t), "%s %d cols: Q quits", lang, cols);
    term_free(t);
}

int main(void)
{
    e2e_init(&e);
    if (!add_articles()) {
        printf("Bail out! could not add the test articles\n");
        return 1;
    }
    static const int widths[] = { 120, 100, 80, 60, 40, 33, 32, 24, 20 };
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
        check_width(NULL, "UTF-8", widths[i], "\xe2\x80\xa6");
    char *c_env[] = { "LANG=C", NULL };
    check_width(c_env, "LANG=C", 120, "...");
    check_width(c_env, "LANG=C", 40, "...");
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
