/*
** test_moves.c: the reader's defining moves on the sample library
** (issue 3): J/K select annotations in reading order, the current one
** standing out (reverse video); x jumps from a quote or claim to what it
** contradicts, across articles, and Ctrl-O comes back; s/S step through
** one speaker's quotes and claims into other articles; in the sidebar Enter
** highlights an entity's mentions and ] / [ step through them.
**
** Which article and which annotation to use is worked out from the
** library's own export, so the test follows the samples as they change.
*/
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;
static char *lib, *exp;

/* The article object (export) holding assertion id, its index in the
** export array, or NULL. */
static char *article_of(const char *aid, int *index)
{
    char sql[600];
    snprintf(sql, sizeof sql,
        "SELECT a.key || char(31) || a.value FROM json_each(?1) a WHERE EXISTS ("
        " SELECT 1 FROM json_each(json_extract(a.value, '$.quotes')) q"
        "  WHERE json_extract(q.value, '$.id') = '%s'"
        " UNION ALL SELECT 1 FROM json_each(json_extract(a.value, '$.claims')) c"
        "  WHERE json_extract(c.value, '$.id') = '%s')", aid, aid);
    char *r = e2e_query1(exp, sql);
    if (!r)
        return NULL;
    char *sep = strchr(r, 31);
    if (index)
        *index = atoi(r);
    char *obj = strdup(sep + 1);
    free(r);
    return obj;
}

/* The text of assertion aid in art (code-point offsets into the text). */
static char *span_text(const char *art, const char *aid)
{
    char sql[600];
    snprintf(sql, sizeof sql,
        "SELECT substr(json_extract(?1, '$.text'), json_extract(value, '$.span[0]') + 1,"
        "  json_extract(value, '$.span[1]') - json_extract(value, '$.span[0]'))"
        " FROM (SELECT value FROM json_each(json_extract(?1, '$.quotes'))"
        "       UNION ALL SELECT value FROM json_each(json_extract(?1, '$.claims')))"
        " WHERE json_extract(value, '$.id') = '%s'", aid);
    return e2e_query1(art, sql);
}

/* Library article id (for `contra read`) of the export's article: list
** and export share the library order. */
static char *lib_id(int export_index)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT json_extract(value, '$.id') FROM json_each(?1) WHERE key = %d",
             export_index);
    return e2e_query1(lib, sql);
}

static char *title_of(const char *art)
{
    char *t = e2e_query1(art, "SELECT coalesce(json_extract(?1, '$.title'), '')");
    return t ? t : strdup("");
}

/* Is the unique word of aid's span shown in reverse video in the text
** pane (columns [0, border))? */
static bool is_current(term_t *t, const char *art, const char *aid, int border)
{
    char *span = span_text(art, aid), *text = e2e_query1(art, "SELECT json_extract(?1, '$.text')");
    const char *w = e2e_unique_word(text, span ? span : "");
    int r, c;
    term_cell_t cell = { 0 };
    bool found = *w && term_find_in(t, w, 1, 39, 0, border, &r, &c);
    if (found)
        term_cell(t, r, c, &cell);
    free(span);
    free(text);
    return found && cell.reverse;
}

struct cur_arg { const char *art, *aid; int border; bool want; };
static bool cur_pred(term_t *t, void *v)
{
    struct cur_arg *a = v;
    return is_current(t, a->art, a->aid, a->border) == a->want;
}

static bool wait_current(term_t *t, const char *art, const char *aid, int border, bool want)
{
    struct cur_arg a = { art, aid, border, want };
    return term_wait_for(t, cur_pred, &a, TERM_TIMEOUT);
}

/* Wait until the title line (row 0) shows title. */
struct title_arg { const char *prefix; };
static bool title_pred(term_t *t, void *v)
{
    return strstr(term_row(t, 0), ((struct title_arg *)v)->prefix) != NULL;
}
static bool wait_title(term_t *t, const char *title)
{
    struct title_arg a = { e2e_prefix(title, 20) };
    bool okk = term_wait_for(t, title_pred, &a, TERM_TIMEOUT);
    if (!okk) {
        printf("#   title line does not show \"%s\"\n", a.prefix);
        term_dump(t, NULL);
    }
    return okk;
}

static term_t *open_article(int export_index, const char *title)
{
    char *id = lib_id(export_index);
    term_t *t = e2e_read(&e, id);
    ok(wait_title(t, title), "contra read %s opens \"%s\"", id, e2e_prefix(title, 30));
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    free(id);
    return t;
}

static void test_jk(void)
{
    char *art = e2e_query1(exp, "SELECT value FROM json_each(?1) WHERE key = 0");
    char *title = title_of(art);
    char **ord = e2e_reading_order(art, "$");
    if (e2e_strv_len(ord) < 2) {
        ok(0, "the newest article has two annotations");
        goto out;
    }
    term_t *t = open_article(0, title);
    int border = e2e_wait_article(t, TERM_TIMEOUT);
    ok(!is_current(t, art, ord[0], border), "nothing is selected when an article opens");
    term_send(t, "J");
    ok(wait_current(t, art, ord[0], border, true), "J selects the first annotation (%s)", ord[0]);
    term_send(t, "J");
    ok(wait_current(t, art, ord[1], border, true), "J again selects the second (%s)", ord[1]);
    ok(!is_current(t, art, ord[0], border), "and the first no longer stands out");
    term_send(t, "K");
    ok(wait_current(t, art, ord[0], border, true), "K goes back to the first");
    ok(wait_current(t, art, ord[1], border, false), "and the second no longer stands out");
    if (tap_failed)
        term_dump(t, "J/K");
    term_free(t);
out:
    e2e_strv_free(ord);
    free(title);
    free(art);
}

/* J k+1 times selects the k-th annotation. */
static void select_nth(term_t *t, char **ord, const char *aid)
{
    for (int i = 0; ord && ord[i]; i++) {
        term_send(t, "J");
        if (strcmp(ord[i], aid) == 0)
            break;
    }
}

static void test_contradiction(void)
{
    /* A contradicts relation between two articles whose "from" end has no
    ** other contradicts relation, so the first x has one place to go. */
    char *rel = e2e_query1(exp,
        "WITH r(f, t) AS (SELECT json_extract(r.value, '$.from'), json_extract(r.value, '$.to')"
        "  FROM json_each(?1) a, json_each(json_extract(a.value, '$.relations')) r"
        "  WHERE json_extract(r.value, '$.type') = 'contradicts'),"
        " home(aid, art) AS ("
        "  SELECT json_extract(q.value, '$.id'), a.key FROM json_each(?1) a,"
        "   json_each(json_extract(a.value, '$.quotes')) q"
        "  UNION ALL SELECT json_extract(c.value, '$.id'), a.key FROM json_each(?1) a,"
        "   json_each(json_extract(a.value, '$.claims')) c)"
        "SELECT r.f || ' ' || r.t FROM r"
        " JOIN home hf ON hf.aid = r.f JOIN home ht ON ht.aid = r.t"
        " WHERE hf.art <> ht.art"
        "  AND (SELECT count(*) FROM r r2 WHERE r2.f = r.f OR r2.t = r.f) = 1"
        " LIMIT 1");
    if (!rel) {
        ok(0, "the samples have a contradiction across articles");
        return;
    }
    char from[64], to[64];
    sscanf(rel, "%63s %63s", from, to);
    int ia, ib;
    char *a = article_of(from, &ia), *b = article_of(to, &ib);
    char *ta = title_of(a), *tb = title_of(b);
    char **ord = e2e_reading_order(a, "$");
    printf("# x from %s (article %d) to %s (article %d)\n", from, ia, to, ib);

    term_t *t = open_article(ia, ta);
    int border = e2e_wait_article(t, TERM_TIMEOUT);
    select_nth(t, ord, from);
    ok(wait_current(t, a, from, border, true), "J selects %s", from);
    term_send(t, "x");
    ok(wait_title(t, tb), "x opens the article holding what %s contradicts", from);
    border = e2e_wait_article(t, TERM_TIMEOUT);
    ok(wait_current(t, b, to, border, true), "with %s selected", to);
    term_send(t, TK_CTRL_O);
    ok(wait_title(t, ta), "Ctrl-O comes back");
    border = e2e_wait_article(t, TERM_TIMEOUT);
    ok(wait_current(t, a, from, border, true), "to %s, still selected", from);
    /* Backspace is the other key for going back. */
    term_send(t, "x");
    ok(wait_title(t, tb), "x again");
    term_send(t, TK_BS);
    ok(wait_title(t, ta), "Backspace comes back too");
    term_free(t);
    e2e_strv_free(ord);
    free(ta);
    free(tb);
    free(a);
    free(b);
    free(rel);
}

/* Open article ia (its key in the library export), select aid, and see s
** go on to article ib, to aid `to` there when it is given, and S come
** back to aid; the checks are named by the four names given (selected,
** s, S, back on aid). */
static void s_and_back(int ia, const char *aid, int ib, const char *to, const char *n_sel,
                       const char *n_s, const char *n_back, const char *n_on)
{
    char sql[100];
    snprintf(sql, sizeof sql, "SELECT value FROM json_each(?1) WHERE key = %d", ia);
    char *a = e2e_query1(exp, sql);
    snprintf(sql, sizeof sql, "SELECT value FROM json_each(?1) WHERE key = %d", ib);
    char *b = e2e_query1(exp, sql);
    char *ta = title_of(a), *tb = title_of(b);
    char **ord = e2e_reading_order(a, "$");

    term_t *t = open_article(ia, ta);
    int border = e2e_wait_article(t, TERM_TIMEOUT);
    select_nth(t, ord, aid);
    ok(wait_current(t, a, aid, border, true), n_sel, aid);
    term_send(t, "s");
    ok(wait_title(t, tb), "%s", n_s);
    if (to) {
        border = e2e_wait_article(t, TERM_TIMEOUT);
        ok(wait_current(t, b, to, border, true), "  %s", to);
    }
    term_send(t, "S");
    ok(wait_title(t, ta), "%s", n_back);
    border = e2e_wait_article(t, TERM_TIMEOUT);
    ok(wait_current(t, a, aid, border, true), n_on, aid);
    term_free(t);
    e2e_strv_free(ord);
    free(ta);
    free(tb);
    free(a);
    free(b);
}

static void test_speaker(void)
{
    /* The last quote, in its article, of a speaker who also speaks in a
    ** later article (library order); s from it goes to that article. */
    char *pick = e2e_query1(exp,
        "WITH q(art, aid, sp, st) AS (SELECT a.key, json_extract(q.value, '$.id'),"
        "   json_extract(q.value, '$.speaker'), json_extract(q.value, '$.span[0]')"
        "  FROM json_each(?1) a, json_each(json_extract(a.value, '$.quotes')) q"
        "  WHERE json_extract(q.value, '$.speaker') IS NOT NULL)"
        "SELECT q1.art || ' ' || q1.aid || ' ' || (SELECT min(q2.art) FROM q q2"
        "   WHERE q2.sp = q1.sp AND q2.art > q1.art)"
        " FROM q q1 WHERE NOT EXISTS (SELECT 1 FROM q q3 WHERE q3.art = q1.art"
        "   AND q3.sp = q1.sp AND q3.st > q1.st)"
        "  AND EXISTS (SELECT 1 FROM q q2 WHERE q2.sp = q1.sp AND q2.art > q1.art)"
        " ORDER BY q1.art LIMIT 1");
    if (!pick) {
        ok(0, "the samples have a speaker quoted in two articles");
        return;
    }
    int ia, ib;
    char aid[64];
    sscanf(pick, "%d %63s %d", &ia, aid, &ib);
    printf("# s from %s in article %d to article %d\n", aid, ia, ib);
    s_and_back(ia, aid, ib, NULL, "J selects %s",
               "s continues to the same speaker in a later article",
               "S comes back to the earlier article", "to %s");
    free(pick);
}

/* s and S go through a speaker's claims as well as quotes: from a claim
** whose speaker's next quote or claim in library order is a claim in a
** later article, s goes there and S comes back.  s skipped claims, and
** from an article holding only a speaker's claims said "no quote by
** ..." though there were more. */
static void test_speaker_claims(void)
{
    char *pick = e2e_query1(exp,
        "WITH x(art, aid, sp, st) AS ("
        "  SELECT a.key, json_extract(q.value, '$.id'), json_extract(q.value, '$.speaker'),"
        "   json_extract(q.value, '$.span[0]')"
        "  FROM json_each(?1) a, json_each(json_extract(a.value, '$.quotes')) q"
        "  UNION ALL SELECT a.key, json_extract(c.value, '$.id'),"
        "   json_extract(c.value, '$.claimant'), json_extract(c.value, '$.span[0]')"
        "  FROM json_each(?1) a, json_each(json_extract(a.value, '$.claims')) c),"
        " n AS (SELECT art, aid, lead(art) OVER w AS nart, lead(aid) OVER w AS naid"
        "  FROM x WHERE sp IS NOT NULL WINDOW w AS (PARTITION BY sp"
        "  ORDER BY art, st, CAST(substr(aid, 2) AS INTEGER)))"
        "SELECT art || ' ' || aid || ' ' || nart || ' ' || naid FROM n"
        " WHERE aid LIKE 'C%' AND naid LIKE 'C%' AND nart > art ORDER BY art LIMIT 1");
    if (!pick) {
        ok(0, "the samples have a claimant whose next is a claim in another article");
        return;
    }
    int ia, ib;
    char from[64], to[64];
    sscanf(pick, "%d %63s %d %63s", &ia, from, &ib, to);
    printf("# s from claim %s in article %d to claim %s in article %d\n", from, ia, to, ib);
    s_and_back(ia, from, ib, to, "J selects the claim %s",
               "s goes on to the same claimant's claim in a later article",
               "S comes back", "  to %s");
    free(pick);
}

static bool screen_differs(term_t *t, void *v)
{
    return strcmp(term_screen(t), (const char *)v) != 0;
}

/* Attributes of the text pane's cells, to see what a key changed. */
typedef struct snap { int rows, cols; term_cell_t *c; } snap_t;

static snap_t snapshot(term_t *t, int border)
{
    snap_t s;
    term_size(t, &s.rows, NULL);
    s.cols = border;
    s.c = calloc((size_t)(s.rows * s.cols), sizeof *s.c);
    for (int r = 0; r < s.rows; r++)
        for (int c = 0; c < s.cols; c++)
            term_cell(t, r, c, &s.c[r * s.cols + c]);
    return s;
}

static bool same_look(const term_cell_t *a, const term_cell_t *b)
{
    return strcmp(a->text, b->text) == 0 && a->bold == b->bold &&
           a->underline == b->underline && a->reverse == b->reverse &&
           a->fg == b->fg && a->bg == b->bg;
}

/* Runs of text-pane cells (same text, new look) that changed from before:
** how many of them lie inside name. */
static int changed_runs_in(term_t *t, const snap_t *before, const char *name, int *runs)
{
    snap_t now = snapshot(t, before->cols);
    int inside = 0;
    *runs = 0;
    for (int r = 1; r < now.rows - 1; r++) {
        char run[256] = "";
        for (int c = 0; c <= now.cols; c++) {
            const term_cell_t *a = c < now.cols ? &before->c[r * now.cols + c] : NULL;
            const term_cell_t *b = c < now.cols ? &now.c[r * now.cols + c] : NULL;
            if (a && strcmp(a->text, b->text) == 0 && !same_look(a, b)) {
                if (strlen(run) + strlen(b->text) < sizeof run - 1)
                    strcat(run, b->text[0] ? b->text : " ");
            } else if (run[0]) {
                (*runs)++;
                size_t n = strlen(run);
                while (n && run[n - 1] == ' ')
                    run[--n] = 0;
                if (n >= 3 && strstr(name, run))
                    inside++;
                else
                    printf("#   changed: \"%s\" (not in \"%s\")\n", run, name);
                run[0] = 0;
            }
        }
    }
    free(now.c);
    return inside;
}

static bool look_changed(term_t *t, void *v)
{
    const snap_t *before = v;
    snap_t now = snapshot(t, before->cols);
    bool changed = false;
    for (int i = before->cols; i < (now.rows - 1) * now.cols && !changed; i++)
        changed = !same_look(&before->c[i], &now.c[i]);
    free(now.c);
    return changed;
}

static void test_entities(void)
{
    char *art = e2e_query1(exp, "SELECT value FROM json_each(?1) WHERE key = 0");
    char *title = title_of(art);
    term_t *t = open_article(0, title);
    int border = e2e_wait_article(t, TERM_TIMEOUT);
    term_send(t, TK_TAB);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    /* The sidebar's cursor row names an entity of the article. */
    int crow = -1;
    for (int r = 1; r < 39 && crow < 0; r++) {
        term_cell_t cell;
        term_cell(t, r, border + 3, &cell);
        /* The cursor row, not the pane's (focused) header: an entity's
        ** row ends with its mention count. */
        const char *row = term_text(t, r, border + 1, 120);
        size_t n = strlen(row);
        if (cell.reverse && n && row[n - 1] >= '0' && row[n - 1] <= '9')
            crow = r;
    }
    ok(crow > 0, "Tab focuses the sidebar, its cursor in reverse video");
    char name[256];
    snprintf(name, sizeof name, "%s", crow > 0 ? term_text(t, crow, border + 1, 120) : "");
    /* Drop the mention count and the padding around the name. */
    char *p = name + strlen(name);
    while (p > name && (p[-1] == ' ' || (p[-1] >= '0' && p[-1] <= '9')))
        *--p = 0;
    p = name;
    while (*p == ' ')
        p++;
    memmove(name, p, strlen(p) + 1);
    printf("# sidebar cursor on \"%s\"\n", name);
    snap_t before = snapshot(t, border);
    term_send(t, TK_ENTER);
    /* The mentions take a new look; the text itself stays. */
    ok(term_wait_for(t, look_changed, &before, TERM_TIMEOUT), "Enter changes the text's look");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    int runs, inside = changed_runs_in(t, &before, name, &runs);
    ok(runs > 0 && inside == runs,
       "Enter on \"%s\" highlights its mentions in the text (%d of %d changed runs)",
       name, inside, runs);
    free(before.c);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    char *s0 = strdup(term_screen(t));
    term_send(t, "]");
    ok(term_wait_for(t, screen_differs, s0, TERM_TIMEOUT), "] moves to the next mention");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    char *s1 = strdup(term_screen(t));
    term_send(t, "]");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    term_send(t, "[");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    bool back = strcmp(term_screen(t), s1) == 0;
    ok(back, "] then [ comes back to the same mention");
    if (!back) {
        printf("# after ] ] [ the screen is not the one after the first ]\n");
        term_dump(t, NULL);
    }
    free(s0);
    free(s1);
    term_free(t);
    free(title);
    free(art);
}

int main(void)
{
    e2e_setup_samples(&e, &lib, &exp);
    /* The tests pair list rows with export objects by position. */
    char *l0 = e2e_query1(lib, "SELECT group_concat(coalesce(json_extract(value, '$.title'), ''), '|') FROM json_each(?1)");
    char *x0 = e2e_query1(exp, "SELECT group_concat(coalesce(json_extract(value, '$.title'), ''), '|') FROM json_each(?1)");
    is_str(x0, l0, "export and list give the library in the same order");
    free(l0);
    free(x0);

    test_jk();
    test_contradiction();
    test_speaker();
    test_speaker_claims();
    test_entities();

    free(lib);
    free(exp);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
