/*
** test_hostile.c: an article written to take over the terminal (issue 3,
** issue 6, DESIGN.md "Nothing from an article reaches the terminal raw"):
** CSI and OSC sequences (an OSC 52 clipboard write, a window title), a
** DCS string, C1 controls, bidi overrides and isolates, zero-width
** characters, next to CJK and emoji text.  The reader must show it with
** visible placeholders: none of the article's sequences may appear in
** what it writes, the screen must not be cleared or retitled by it, and
** wide characters take two columns each, whole, overwriting nothing.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "e2e.h"

/* Byte strings that only the article could have produced (not BEL, BS
** or a cursor move: curses itself writes those). */
static const struct { const char *bytes, *name; } evil[] = {
    { "\033]52;", "OSC 52 clipboard write" },
    { "\033]0;PWNED", "OSC 0 window title" },
    { "\033[31;45;1m", "the article's own SGR" },
    { "\033P1$q", "the DCS request" },
    { "\xc2\x9b", "C1 CSI (U+009B)" },
    { "\xc2\x9d", "C1 OSC (U+009D)" },
    { "\xc2\x90", "C1 DCS (U+0090)" },
    { "\xe2\x80\xae", "RIGHT-TO-LEFT OVERRIDE (U+202E)" },
    { "\xe2\x81\xa6", "LEFT-TO-RIGHT ISOLATE (U+2066)" },
    { "\xe2\x80\x8b", "ZERO WIDTH SPACE (U+200B)" },
};

static const char article[] =
    "Hostile article\n\n"
    "Clear: \033[2J\033[2;3H end of clear line.\n\n"
    "Clipboard: \033]52;c;ZXZpbCBwYXlsb2Fk\a end of clipboard line.\n\n"
    "Title: \033]0;PWNED\033\\ end of title line.\n\n"
    "Colour: \033[31;45;1mloud\033[0m end of colour line.\n\n"
    "Device: \033P1$qm\033\\ end of device line.\n\n"
    "Csi1: \xc2\x9b" "31m and \xc2\x9d" "0;x\xc2\x9c and \xc2\x90q end of C1 line.\n\n"
    "Bidi: abc\xe2\x80\xae" "fed\xe2\x80\xac ghi \xe2\x81\xa6" "iso\xe2\x81\xa9 end of bidi line.\n\n"
    "Zero: a\xe2\x80\x8b" "b\xef\xbb\xbf" "c end of zero line.\n\n"
    "Bells: \a\a\b\b\x7f end of bell line.\n\n"
    "CJK: 日本語のテキスト end\n\n"
    "Emoji: 😀 end\n\n"
    "Last line of the hostile article.\n";

int main(void)
{
    e2e_t e;
    e2e_init(&e);
    char path[400];
    snprintf(path, sizeof path, "%s/hostile.txt", e.dir);
    FILE *f = fopen(path, "wb");
    fwrite(article, 1, sizeof article - 1, f);
    fclose(f);
    char *err = NULL;
    int rc = e2e_run(&e, NULL, &err, "add", "--no-annotate",
                     "--title", "Hostile \033]0;TITLEPWN\a title \xe2\x80\xae end",
                     "--source", "Evil \033[2J source", path, NULL);
    is_int(rc, 0, "contra add --no-annotate imports the hostile article");
    if (rc)
        printf("#   %s\n", err);
    free(err);
    char *lib = e2e_list(&e);
    char *id = lib ? e2e_query1(lib, "SELECT json_extract(value, '$.id') FROM json_each(?1)") : NULL;
    if (!id) {
        printf("Bail out! the hostile article is not in the library\n");
        return 1;
    }

    /* Through the library screen (title and source), then the article. */
    term_t *t = e2e_reader(&e, 40, 120, NULL, NULL);
    e2e_see(t, "Hostile", "the library lists the hostile article");
    term_send(t, TK_ENTER);
    e2e_see(t, "Last line of the hostile article.", "the article opens, all of it shown");
    term_wait_quiet(t, 100, TERM_TIMEOUT);

    for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
        long at = term_log_find(t, evil[i].bytes, strlen(evil[i].bytes));
        ok(at < 0, "never written: %s", evil[i].name);
        if (at >= 0) {
            size_t len;
            const unsigned char *log = term_log(t, &len);
            printf("#   at byte %ld:", at);
            for (long j = at > 8 ? at - 8 : 0; j < at + 24 && j < (long)len; j++)
                printf(" %02x", log[j]);
            printf("\n");
        }
    }
    ok(term_log_find(t, "\033]0;TITLEPWN", 12) < 0, "the title's OSC is not written");

    /* The screen was not cleared from inside the article: the lines before
    ** and after each sequence are all still there, and each sequence is
    ** visible as something. */
    static const char *const lines[] = { "Clear:", "Clipboard:", "Title:", "Colour:",
        "Device:", "Csi1:", "Bidi:", "Zero:", "Bells:" };
    int border = e2e_wait_article(t, TERM_TIMEOUT);
    if (border < 0)
        border = 120;
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        int r, c;
        bool found = term_find_in(t, lines[i], 1, 39, 0, border, &r, &c);
        ok(found && c == 0, "\"%s\" line is shown at the left edge", lines[i]);
        if (!found)
            continue;
        char row[512];
        snprintf(row, sizeof row, "%s", term_text(t, r, 0, border));
        ok(strstr(row, "end of") != NULL, "  and its end on the same row: %s", row);
        /* Between the label and "end of" something visible stands for
        ** the sequence (a placeholder), not just blanks. */
        const char *p = row + strlen(lines[i]), *q = strstr(row, " end of");
        bool visible = false;
        for (; q && p < q; p++)
            if (*p != ' ')
                visible = true;
        ok(visible, "  with a visible placeholder");
    }
    ok(strstr(term_row(t, 0), "Hostile") != NULL, "the title line shows the title");
    ok(strstr(term_screen(t), "\xef\xbf\xbd") == NULL,
       "no replacement character on screen (nothing cut mid-character)");

    /* CJK: each character two cells, whole, in order, "end" right after. */
    {
        int r, c;
        bool found = term_find_in(t, "CJK: ", 1, 39, 0, border, &r, &c);
        ok(found, "the CJK line is shown");
        if (found) {
            static const char *const cjk[] = { "日", "本", "語", "の", "テ", "キ", "ス", "ト" };
            int col = c + 5, good = 0;
            for (int i = 0; i < 8; i++, col += 2) {
                term_cell_t a, b;
                term_cell(t, r, col, &a);
                term_cell(t, r, col + 1, &b);
                if (strcmp(a.text, cjk[i]) == 0 && a.width == 2 && b.width == 0)
                    good++;
                else
                    printf("#   column %d: \"%s\" width %d, next width %d; want %s\n",
                           col, a.text, a.width, b.width, cjk[i]);
            }
            is_int(good, 8, "  each CJK character takes two cells");
            is_str(term_text(t, r, col, col + 4), " end", "  and \"end\" follows at column %d", col + 1);
        }
        found = term_find_in(t, "Emoji: ", 1, 39, 0, border, &r, &c);
        ok(found, "the emoji line is shown");
        if (found) {
            term_cell_t a;
            term_cell(t, r, c + 7, &a);
            ok(strcmp(a.text, "😀") == 0 && a.width == 2, "  the emoji takes two cells");
            is_str(term_text(t, r, c + 9, c + 13), " end", "  and \"end\" follows it");
        }
    }

    /* At a width that cuts the CJK line, it is cut between characters:
    ** the rows from "CJK:" on, blanks removed, hold the whole line. */
    term_resize(t, 12, 24);
    term_send(t, "g");
    bool seen = false;
    for (int i = 0; i < 40 && !seen; i++) {
        term_wait_quiet(t, 50, TERM_TIMEOUT);
        seen = term_find(t, "CJK:", NULL, NULL);
        int r;
        if (seen && term_find(t, "CJK:", &r, NULL) && r > 7)
            seen = false;      /* scroll until its continuation is shown */
        if (!seen)
            term_send(t, "j");
    }
    ok(seen, "at 24 columns the CJK line can be scrolled to");
    if (seen) {
        int r;
        term_find(t, "CJK:", &r, NULL);
        char joined[512] = "";
        for (int i = r; i < r + 3; i++) {
            const char *row = term_row(t, i);
            for (const char *p = row; *p; p++)
                if (*p != ' ' && strlen(joined) < sizeof joined - 1)
                    strncat(joined, p, 1);
        }
        ok(strstr(joined, "CJK:日本語のテキストend") != NULL,
           "  the wrapped CJK line keeps every character, whole and in order");
        if (!strstr(joined, "CJK:日本語のテキストend"))
            term_dump(t, "24 columns");
    }
    ok(strstr(term_screen(t), "\xef\xbf\xbd") == NULL, "  no character cut in half");
    ok(term_log_find(t, "\033]52;", 5) < 0, "  still no OSC 52 after the narrow redraw");
    ok(!term_exited(t, NULL), "still running");

    ok(e2e_quit(t), "Q quits with status 0");
    for (size_t i = 0; i < sizeof evil / sizeof *evil; i++)
        if (term_log_find(t, evil[i].bytes, strlen(evil[i].bytes)) >= 0)
            ok(0, "after quitting, %s was written", evil[i].name);
    term_free(t);
    free(id);
    free(lib);
    rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
