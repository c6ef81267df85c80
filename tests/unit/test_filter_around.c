/*
** test_filter_around.c: unit tests for coming back to a place in the
** library screen's filtered list (store_filter_around, store_filter_newer
** in store.c): the matches on each side of a row's key, the position of
** the first among all the matches and their number, checked against the
** whole filtered list read page by page.  Both ways of reading a filter
** are covered (many matches walk the date index, few are looked up), with
** the matches spread over the library or gathered in one stretch of it,
** keys of rows that match and of rows that do not, rows removed since,
** and the last page (G).
*/
#include "config.h"

#include "store.h"
#include "../tap.h"
#include "fixture.h"

enum { N = 1500, BIG = 80 };

/* Article i: newer as i grows, two to a day (ties broken by id), every
** 97th undated (the oldest).  "minist..." in six of seven (many, all
** over), "zephyr" in 500-1099 (many, in one stretch), "castellan" in
** every 50th (few). */
static article_t *make(int i)
{
    char date[24] = "";
    int d = i / 2;
    if (i % 97)
        snprintf(date, sizeof date, "%04d-%02d-%02d", 2000 + d / 300, 1 + d % 300 / 25,
                 1 + d % 25);
    char *text = xasprintf("Report %d.%s%s%s", i,
                           i % 7 ? " The ministers met." : " Nothing of note.",
                           i >= 500 && i < 1100 ? " A zephyr blew." : "",
                           i % 50 == 0 ? " The Castellans arrived." : "");
    return fx_item(i, date, text);
}

/* Every row of the list through q (NULL: the whole library) in order,
** keys only, from store_filter's pages. */
static article_summary_t *read_all(store_t *s, const char *q, int *n)
{
    article_summary_t *all = calloc(N + 64, sizeof *all);
    err_t e = {{0}};
    int got;

    *n = 0;
    while ((got = store_filter(s, q, *n ? &all[*n - 1] : NULL, all + *n, 64, &e)) > 0) {
        fx_keys_only(all + *n, got);
        *n += got;
    }
    if (got < 0)
        printf("# %s: %s\n", q ? q : "(all)", e.msg);
    return all;
}

/* How many of the matches m[0, nm) are newer than the library's row k
** (lib[0, nl) in order; the ids are 1 to N). */
static int matches_above(const article_summary_t *lib, int k, const article_summary_t *m, int nm)
{
    static bool newer[N + 1];
    int above = 0;
    memset(newer, 0, sizeof newer);
    for (int i = 0; i < k; i++)
        newer[lib[i].id] = true;
    for (int j = 0; j < nm; j++)
        above += newer[m[j].id];
    return above;
}

/* store_filter_around at (pub, id), want being the index among the
** matches of the first one from the key on. */
static void check(store_t *s, const char *q, const article_summary_t *m, int nm,
                  const char *pub, int64_t id, int want, int nb, int nf, const char *what)
{
    article_summary_t out[2 * BIG];
    int before = -1;
    int64_t index = -1, found = -1;
    err_t e = {{0}};
    int got = store_filter_around(s, q, pub, id, nb, nf, out, &before, &index, &found, &e);
    int wb = !pub ? 0 : want < nb ? want : nb;
    int wf = nm - want < nf ? nm - want : nf;
    bool same = got == wb + wf;
    for (int k = 0; same && k < got; k++)
        same = out[k].id == m[want - wb + k].id && out[k].title
               && out[k].counts[STATUS_UNREVIEWED] == 0;
    ok(same && before == wb && index == want - wb && found == nm,
       "%s %s: %d above and %d from it, at %d of %d", q, what, wb, wf, want - wb, nm);
    if (!same || before != wb || index != want - wb || found != nm)
        printf("#   got %d rows, %d above, index %lld, found %lld (%s)\n", got, before,
               (long long)index, (long long)found, e.msg);
    for (int k = 0; k < got; k++)
        summary_clear(&out[k]);
}

static void check_newer(store_t *s, const char *q, const article_summary_t *m, int nm,
                        const article_summary_t *key, int want, int max, const char *what)
{
    article_summary_t out[BIG];
    int64_t found = -1;
    err_t e = {{0}};
    int got = store_filter_newer(s, q, key, out, max, &found, &e);
    int wb = want < max ? want : max;
    bool same = got == wb && found == nm;
    for (int k = 0; same && k < got; k++)
        same = out[k].id == m[want - wb + k].id;
    ok(same, "%s newer than %s: the %d matches above it, in order", q, what, wb);
    if (!same)
        printf("#   got %d rows, found %lld (%s)\n", got, (long long)found, e.msg);
    for (int k = 0; k < (got > 0 ? got : 0); k++)
        summary_clear(&out[k]);
}

static void test_query(store_t *s, const char *q, const article_summary_t *lib, int nl)
{
    int nm;
    article_summary_t *m = read_all(s, q, &nm);
    ok(nm > 0, "%s: %d matches, for reference", q, nm);

    /* Keys of rows all down the library, matching or not. */
    int at[] = { 0, 1, 2, 5, 63, 64, 65, 100, 399, 400, 401, 700, 750, 1000,
                 1099, 1100, 1101, 1200, nl - 20, nl - 2, nl - 1 };
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        int k = at[i], want = matches_above(lib, k, m, nm);
        char what[64];
        snprintf(what, sizeof what, "around row %d (%s)", k,
                 lib[k].published[0] ? lib[k].published : "undated");
        check(s, q, m, nm, lib[k].published, lib[k].id, want, 5, 5, what);
    }
    /* More than a page each side, as the reader asks for. */
    int k = nl / 2, want = matches_above(lib, k, m, nm);
    check(s, q, m, nm, lib[k].published, lib[k].id, want, BIG, BIG, "a page each side");
    check(s, q, m, nm, lib[k].published, lib[k].id, want, 0, 3, "none asked for above");
    check(s, q, m, nm, lib[k].published, lib[k].id, want, 3, 0, "none asked for from it");
    check(s, q, m, nm, NULL, 0, 0, 0, BIG, "from the top");

    /* G: the last page, from below every row. */
    article_summary_t below = {0};
    check_newer(s, q, m, nm, &below, nm, BIG, "the end");
    check_newer(s, q, m, nm, &m[nm / 2], nm / 2, 7, "the middle match");
    check_newer(s, q, m, nm, &m[0], 0, 7, "the first match");
    free(m);
}

/* A matching row removed: around its key, the next older match, at the
** removed one's place. */
static void test_removed(store_t *s, const char *q, int which)
{
    int nm, n2;
    article_summary_t *m = read_all(s, q, &nm);
    article_summary_t gone = m[which];
    err_t e = {{0}};
    ok(store_delete_article(s, gone.id, &e) == 0, "%s: remove match %d", q, which);
    article_summary_t *m2 = read_all(s, q, &n2);
    is_int(n2, nm - 1, "... one match fewer");
    check(s, q, m2, n2, gone.published, gone.id, which, 5, 5, "around the removed match");
    free(m);
    free(m2);
}

int main(void)
{
    fixture_t f;
    store_t *s = fx_library_of(&f, "filter-around", N, make);
    err_t e = {{0}};

    int nl;
    article_summary_t *lib = read_all(s, NULL, &nl);
    is_int(nl, N, "the whole library, for reference");
    test_query(s, "minist", lib, nl);       /* many, all over */
    test_query(s, "zephyr", lib, nl);       /* many, in one stretch */
    test_query(s, "castellan", lib, nl);    /* few */
    free(lib);

    /* Nothing to search, or nothing found: no rows, none counted. */
    const char *none[] = { "nowhere", "   ", ",;" };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        article_summary_t out[4];
        int before = -1;
        int64_t index = -1, found = -1;
        int got = store_filter_around(s, none[i], "2001-01-01", 5, 2, 2, out, &before,
                                      &index, &found, &e);
        ok(got == 0 && before == 0 && index == 0 && found == 0,
           "\"%s\": no rows, 0 found", none[i]);
    }

    test_removed(s, "minist", 700);
    test_removed(s, "zephyr", 0);
    test_removed(s, "castellan", 10);

    store_close(s);
    fx_done(&f);
    return done_testing();
}
