/*
** test_panes.c: the reader on the sample library, as a person first sees
** it (issue 3): the library screen lists the articles newest first, Enter
** opens one, and the article screen shows a title line, the text, the
** entity sidebar (grouped by kind, with mention counts) and the claims
** panel, side by side and not overlapping.  Expectations come from the
** library itself (`contra list --json`, `contra export`).
*/
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "e2e.h"

struct in_pane { const char *text; int r0, r1, c0, c1; };
static bool in_pane_pred(term_t *t, void *v)
{
    struct in_pane *p = v;
    return term_find_in(t, p->text, p->r0, p->r1, p->c0, p->c1, NULL, NULL);
}

int main(void)
{
    e2e_t e;
    char *lib, *exp;
    e2e_setup_samples(&e, &lib, &exp);
    /* Titles newest first; articles with no title are left out of checks
    ** (the reader shows something else for them). */
    char **titles = e2e_query(lib,
        "SELECT json_extract(value, '$.title') FROM json_each(?1)");
    char **ids = e2e_query(lib,
        "SELECT json_extract(value, '$.id') FROM json_each(?1)");
    ok(e2e_strv_len(titles) >= 2, "sample library has articles (%d)",
       e2e_strv_len(titles));

    term_t *t = e2e_reader(&e, 40, 120, NULL, NULL);
    if (!t)
        return 1;

    /* ---- library screen ------------------------------------------------ */
    e2e_see(t, e2e_prefix(titles[0], 20), "library screen shows the newest article");
    int listed = 0, prev_row = -1;
    bool ordered = true;
    for (int i = 0; titles[i]; i++) {
        if (!*titles[i])
            continue;
        int r;
        /* The screen may still be drawing: wait for each in turn. */
        if (term_wait_text(t, e2e_prefix(titles[i], 20), TERM_TIMEOUT) &&
            term_find(t, e2e_prefix(titles[i], 20), &r, NULL)) {
            listed++;
            if (r <= prev_row)
                ordered = false;
            prev_row = r;
        } else {
            printf("#   not listed: %s\n", titles[i]);
        }
    }
    int titled = 0;
    for (int i = 0; titles[i]; i++)
        titled += *titles[i] != 0;
    is_int(listed, titled, "every titled article is listed");
    ok(ordered, "in library order, newest first");
    {
        int r;
        term_find(t, e2e_prefix(titles[0], 20), &r, NULL);
        char *pub = e2e_query1(lib, "SELECT json_extract(value, '$.published')"
                                    " FROM json_each(?1) LIMIT 1");
        like(term_row(t, r), pub ? pub : "?", "the article's line shows its date");
        free(pub);
    }
    if (tap_failed)
        term_dump(t, "library");

    /* ---- open the first article ---------------------------------------- */
    term_send(t, TK_ENTER);
    /* The newest article in the export: the one whose title matches. */
    char *art = NULL;
    {
        char **arts = e2e_query(exp, "SELECT value FROM json_each(?1)");
        for (int i = 0; arts && arts[i]; i++) {
            char *ti = e2e_query1(arts[i], "SELECT json_extract(?1, '$.title')");
            if (ti && strcmp(ti, titles[0]) == 0 && !art)
                art = strdup(arts[i]);
            free(ti);
        }
        e2e_strv_free(arts);
    }
    ok(art != NULL, "the newest article is in the export");
    if (!art)
        return done_testing();

    /* The title line is the top row; wait for the article to replace the
    ** library there (the library's header row may hold the same title). */
    bool title_ok = false;
    long deadline = term_now_ms() + TERM_TIMEOUT;
    while (term_now_ms() < deadline) {
        term_wait_quiet(t, 50, 1000);
        int nb0;
        /* The whole frame: curses draws top to bottom, the status line
        ** (with the position in %) last. */
        if (strstr(term_row(t, 0), e2e_prefix(titles[0], 20)) &&
            e2e_border_col(t, 1, 39, &nb0) > 0 && nb0 >= 36 &&
            strchr(term_row(t, 39), '%')) {
            title_ok = true;
            break;
        }
    }
    ok(title_ok, "Enter opens the article: its title on the title line");
    if (!title_ok)
        term_dump(t, "after Enter");

    int nb, border = e2e_border_col(t, 1, 39, &nb);
    ok(border >= 40 && border <= 100, "a vertical border between text and side panes (col %d)",
       border);
    ok(nb >= 36, "the border runs the height of the panes (%d of 38 rows)", nb);

    /* Text pane: left of the border, the article's opening words. */
    char *text = e2e_query1(art, "SELECT json_extract(?1, '$.text')");
    {
        char first[64];
        snprintf(first, sizeof first, "%s", e2e_prefix(text, 12));
        int r, c;
        ok(term_find_in(t, first, 1, 39, 0, border, &r, &c) && c < 3,
           "the text pane starts with the article's text (\"%s\")", first);
        /* Nothing drawn across the border on any row. */
        int crossed = 0;
        for (int row = 1; row < 39; row++) {
            term_cell_t cell;
            term_cell(t, row, border, &cell);
            if (cell.width == 0 || (cell.text[0] && strcmp(cell.text, "│") &&
                strcmp(cell.text, "|") && strcmp(cell.text, "─") &&
                strcmp(cell.text, "-") && strcmp(cell.text, "┤") &&
                strcmp(cell.text, "├") && strcmp(cell.text, "+")))
                crossed++;
        }
        is_int(crossed, 0, "no text pane line runs into the border column");
    }

    /* Sidebar: kinds as group headers and entity names with their counts,
    ** right of the border. */
    char **kinds = e2e_query(art,
        "SELECT DISTINCT json_extract(value, '$.kind') FROM json_each(json_extract(?1, '$.entities'))");
    bool has_person = false;
    for (int i = 0; kinds && kinds[i]; i++)
        has_person |= strcmp(kinds[i], "person") == 0;
    e2e_strv_free(kinds);
    int pr = -1;
    if (has_person)
        ok(term_find_in(t, "People", 1, 39, border + 1, 120, &pr, NULL),
           "sidebar has a People group");
    char **names = e2e_query(art,
        "SELECT json_extract(value, '$.name') || char(31) ||"
        "       json_array_length(json_extract(value, '$.mentions'))"
        " FROM json_each(json_extract(?1, '$.entities'))"
        " WHERE json_extract(value, '$.kind') = 'person'");
    int shown = 0, counted = 0;
    for (int i = 0; names && names[i]; i++) {
        char *sep = strchr(names[i], 31);
        *sep = 0;
        int r;
        if (term_find_in(t, e2e_prefix(names[i], 10), 1, 39, border + 1, 120, &r, NULL)) {
            shown++;
            if (strstr(term_text(t, r, border + 1, 120), sep + 1))
                counted++;
            else
                printf("#   %s: count %s not on its row \"%s\"\n", names[i], sep + 1,
                       term_text(t, r, border + 1, 120));
        }
    }
    ok(shown >= 1, "sidebar names the article's people (%d shown)", shown);
    is_int(counted, shown, "each with its number of mentions");
    e2e_strv_free(names);

    /* Claims panel: below the sidebar, the quotes and claims in reading
    ** order, each with its id, a status mark and its speaker. */
    char **rows = e2e_query(art,
        "WITH a(id, sp, st, status) AS ("
        "  SELECT json_extract(value, '$.id'), json_extract(value, '$.speaker'),"
        "         json_extract(value, '$.span[0]'), json_extract(value, '$.status')"
        "    FROM json_each(json_extract(?1, '$.quotes'))"
        "  UNION ALL"
        "  SELECT json_extract(value, '$.id'), json_extract(value, '$.claimant'),"
        "         json_extract(value, '$.span[0]'), json_extract(value, '$.status')"
        "    FROM json_each(json_extract(?1, '$.claims')))"
        "SELECT a.id || char(31) || coalesce(a.status, 'unreviewed') || char(31) ||"
        "       coalesce((SELECT json_extract(e.value, '$.name')"
        "                 FROM json_each(json_extract(?1, '$.entities')) e"
        "                 WHERE json_extract(e.value, '$.id') = a.sp), '')"
        "  FROM a ORDER BY st, a.id");
    int listed_c = 0, right = 0, last_row = 0;
    bool in_order = true;
    for (int i = 0; rows && rows[i]; i++) {
        char *aid = rows[i], *status = strchr(aid, 31) + 1, *name = strchr(status, 31) + 1;
        status[-1] = name[-1] = 0;
        char key[80];
        snprintf(key, sizeof key, "%s ", aid);
        int r, c;
        if (!term_find_in(t, key, 1, 39, border + 1, 120, &r, &c))
            continue;
        listed_c++;
        if (r <= last_row)
            in_order = false;
        last_row = r;
        char mark = strcmp(status, "disputed") == 0 ? '!' :
                    strcmp(status, "corroborated") == 0 ? '+' : '?';
        const char *row = term_text(t, r, border + 1, 120);
        bool has_mark = strchr(term_text(t, r, border + 1, c), mark) != NULL;
        /* The name, or when the row is tight its short form (a person's
        ** last word, a shorter alias), perhaps clipped to 4 letters. */
        const char *last = strrchr(name, ' ');
        bool has_name = !*name || strstr(row, e2e_prefix(name, 4)) != NULL
            || (last && strstr(row, e2e_prefix(last + 1, 4)) != NULL);
        if (has_mark && has_name)
            right++;
        else
            printf("#   %s (%s, %s): row \"%s\"\n", aid, status, name, row);
    }
    ok(listed_c >= 3, "claims panel lists the article's quotes and claims by id (%d shown)",
       listed_c);
    ok(in_order, "  in reading order");
    is_int(right, listed_c, "  each with its status mark and speaker");
    e2e_strv_free(rows);
    if (tap_failed)
        term_dump(t, "article");

    /* :open ID opens another article: the longest, whose end is off
    ** screen; / then searches its text for a word of its last paragraph. */
    {
        char **ids2 = NULL;
        char *lx = e2e_export_library(&e, &ids2);
        char *k = e2e_query1(lx, "SELECT key FROM json_each(?1)"
                                 " ORDER BY length(json_extract(value, '$.text')) DESC LIMIT 1");
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT json_extract(value, '$.text') || char(31) ||"
                 " coalesce(json_extract(value, '$.title'), '') FROM json_each(?1) WHERE key = %s", k);
        char *tt = e2e_query1(lx, sql);
        char *ltitle = strchr(tt, 31);
        *ltitle++ = 0;
        char cmd[100];
        snprintf(cmd, sizeof cmd, ":open %s" TK_ENTER, ids2[atoi(k)]);
        term_send(t, cmd);
        struct title_arg { const char *p; } ta = { e2e_prefix(ltitle, 20) };
        bool opened = false;
        long dl = term_now_ms() + TERM_TIMEOUT;
        while (!opened && term_now_ms() < dl) {
            term_wait_quiet(t, 50, 1000);
            opened = strstr(term_row(t, 0), ta.p) && strchr(term_row(t, 39), '%');
        }
        ok(opened, "%.*s opens \"%s\"", (int)strlen(cmd) - 1, cmd, ta.p);
        const char *last = strrchr(tt, '\n');
        last = last && last[1] ? last + 1 : tt + strlen(tt) / 2;
        char word[128];
        snprintf(word, sizeof word, "%s", e2e_unique_word(tt, last));
        int r;
        /* A short terminal, so that the end is off screen. */
        term_resize(t, 16, 120);
        term_send(t, "g");
        term_wait_quiet(t, 100, TERM_TIMEOUT);
        if (opened && *word && !term_find_in(t, word, 1, 15, 0, border, &r, NULL)) {
            term_log_reset(t);
            term_send(t, "/");
            term_send(t, word);
            term_send(t, TK_ENTER);
            /* In the text pane: the prompt line shows the word too. */
            struct in_pane ip = { word, 1, 15, 0, border };
            bool found = term_wait_for(t, in_pane_pred, &ip, TERM_TIMEOUT);
            ok(found, "/%s scrolls the text to the match", word);
            if (!found) {
                size_t len;
                const unsigned char *lg = term_log(t, &len);
                printf("# %zu bytes written since '/':\n# ", len);
                for (size_t q = 0; q < len && q < 3000; q++)
                    printf(lg[q] >= 32 && lg[q] < 127 ? "%c" : "\\x%02x", lg[q]);
                printf("\n");
                term_dump(t, "search");
                /* Late, or never?  (A diagnostic only.) */
                long t0 = term_now_ms();
                bool late = term_wait_for(t, in_pane_pred, &ip, 2 * TERM_TIMEOUT);
                printf("# the match %s after another %ld ms\n",
                       late ? "showed up" : "did not show up", term_now_ms() - t0);
            }
        } else if (opened) {
            printf("# \"%s\" is already on the screen: search not tested\n", word);
        }
        term_resize(t, 40, 120);
        free(tt);
        free(k);
        free(lx);
        e2e_strv_free(ids2);
    }

    /* q goes back to the library. */
    term_send(t, "q");
    e2e_see(t, e2e_prefix(titles[1], 20), "q goes back to the library");

    /* / on the library filters through the full-text index. */
    {
        char *dravna = e2e_query1(exp, "SELECT json_extract(value, '$.title') FROM json_each(?1)"
                                       " WHERE json_extract(value, '$.title') LIKE '%Dravna%' LIMIT 1");
        char *other = e2e_query1(exp, "SELECT json_extract(value, '$.title') FROM json_each(?1)"
                                      " WHERE json_extract(value, '$.text') NOT LIKE '%Dravna%'"
                                      " AND json_extract(value, '$.title') IS NOT NULL LIMIT 1");
        if (dravna && other) {
            term_send(t, "/Dravna" TK_ENTER);
            ok(term_wait_gone(t, e2e_prefix(other, 20), TERM_TIMEOUT),
               "/Dravna hides an article that does not mention it");
            ok(term_wait_text(t, e2e_prefix(dravna, 20), TERM_TIMEOUT),
               "  and keeps one that does");
        }
        free(dravna);
        free(other);
    }

    /* The : prompt: :quit ends it with status 0. */
    term_send(t, ":quit" TK_ENTER);
    int st = 0;
    ok(term_wait_exit(t, TERM_TIMEOUT, &st), ":quit quits");
    ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "with status 0");
    if (!term_exited(t, NULL)) {
        term_dump(t, ":quit");
        term_send(t, TK_ESC "Q");
    }

    term_free(t);

    /* The sidebar scrolled down says in its heading how many entities are
    ** above, as its last row says how many below. */
    char *args[] = { "read", ids[0], NULL };
    t = e2e_reader(&e, 24, 80, NULL, args);
    ok(e2e_wait_article(t, TERM_TIMEOUT) >= 0, "80x24: the newest article opens");
    ok(term_wait_text(t, "more", TERM_TIMEOUT), "  its sidebar says how many entities are below");
    ok(!term_contains(t, "above"), "  and none above");
    term_send(t, TK_TAB "jjjjjjjjjjjj");
    bool above = term_wait_text(t, "above)", TERM_TIMEOUT);
    ok(above, "Tab and j down the sidebar: the heading says how many are above: %s",
       term_row(t, 1));
    term_send(t, "gg");
    ok(term_wait_gone(t, "above)", TERM_TIMEOUT), "  and back at the top, no more");
    if (tap_failed)
        term_dump(t, "sidebar");
    ok(e2e_quit(t), "Q quits");
    term_free(t);

    /* The claims panel likewise, in its heading: how many rows are below
    ** it, and above it once scrolled. */
    t = e2e_reader(&e, 16, 80, NULL, args);
    ok(e2e_wait_article(t, TERM_TIMEOUT) >= 0, "80x16: the newest article opens");
    ok(term_wait_text(t, "Quotes and claims (10) \xe2\x86\x93", TERM_TIMEOUT),
       "  the claims panel's heading says how many are below");
    term_send(t, TK_TAB TK_TAB "G");
    bool up = term_wait_text(t, "Quotes and claims (10) \xe2\x86\x91", TERM_TIMEOUT);
    ok(up, "  Tab to it and G: how many are above");
    int hr = -1;
    ok(term_find(t, "Quotes and claims (", &hr, NULL)
       && !strstr(strstr(term_row(t, hr), "Quotes and claims ("), "\xe2\x86\x93"), "  and none below");
    if (tap_failed)
        term_dump(t, "claims panel");
    ok(e2e_quit(t), "Q quits");
    term_free(t);

    free(text);
    free(art);
    e2e_strv_free(titles);
    e2e_strv_free(ids);
    free(lib);
    free(exp);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
