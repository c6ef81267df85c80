/*
** test_store_list.c: unit tests for the library screen's side of the
** store's listing (store.c): the filter's prefix matching (store_filter),
** with FTS5's syntax in what a user types still harmless, and coming back
** to a row of the whole library (store_list_around, store_list_newer),
** its index included, also when the row has been removed.
*/
#include "config.h"

#include "store.h"
#include "store_fts.h"

#include <sqlite3.h>
#include "../tap.h"
#include "fixture.h"

enum { N = 700 };

/* Article i of the test library.  Every seventh has no word beginning
** "minist"; the others have one of three that do.  Dates repeat (ties
** broken by id) and every 97th article is undated, so the order mixes
** all three. */
static article_t *make(int i)
{
    static const char *const minist[] = {
        "Ministers met at the port.", "The ministry said nothing.",
        "A minister spoke, and the Ministère agreed.",
    };
    char date[16] = "";
    if (i % 97)
        snprintf(date, sizeof date, "2024-%02d-%02d", 1 + i % 12, 1 + i % 5);
    char *text = xasprintf("Report %d. %s%s%s%s", i,
                           i % 7 ? minist[i % 3] : "Nothing of note.",
                           i % 50 == 0 ? " The Castellans arrived." : "",
                           i % 100 == 1 ? " The EU replied; Europe waited." : " Europe waited.",
                           i % 70 == 3 ? " Ukraine's envoy left." : " Ukraine signed.");
    if (i == 9) {
        /* The names of test_translit, and words across invisible marks:
        ** a soft hyphen (U+00AD), a Persian word with its zero-width
        ** non-joiner (U+200C), and two words with a zero-width space
        ** (U+200B) between them, as Thai writes them. */
        char *more = xasprintf("%s Piotr O\u0142dak met S\u00f8ren Lindgaard in the "
                       "Stra\u00dfe of Ayd\u0131n, where the inter\u00adnational "
                       "\u00c6gir desk works. \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 "
                       "harbour\u200bwatch. M\u00fcller flew to \u00c5rhus.", text);
        free(text);
        text = more;
    }
    if (i == 10) {
        /* The same names as English-language text spells them. */
        char *more = xasprintf("%s Robert Mueller met Soeren Kjaer.", text);
        free(text);
        text = more;
    }
    article_t *a = fx_item(i, date, text);
    if (i == 5) {
        free(a->title);
        a->title = xstrdup("Jan Mrázek returns");
    }
    return a;
}

/* Every row of the library through q (NULL: all), in pages of 64, or -1. */
static int count_all(store_t *s, const char *q, bool prefix)
{
    article_summary_t page[64], last = {0};
    int total = 0, n;
    err_t e = {{0}};

    for (;;) {
        n = prefix ? store_filter(s, q, total ? &last : NULL, page, 64, &e)
                   : store_list(s, q, total ? &last : NULL, page, 64, &e);
        if (n < 0) {
            printf("# %s: %s\n", q ? q : "(all)", e.msg);
            return -1;
        }
        if (n == 0)
            break;
        summary_clear(&last);
        last = page[n - 1];
        last.source = last.title = NULL;
        for (int k = 0; k < n; k++)
            summary_clear(&page[k]);
        total += n;
    }
    return total;
}

static void test_prefix(store_t *s)
{
    int minist = 0, ministe = 0, accent = 0, castel = 0, both = 0, eu = 0, apos = 0;
    for (int i = 0; i < N; i++) {
        minist += i % 7 != 0;
        ministe += i % 7 != 0 && i % 3 != 1;
        accent += i % 7 != 0 && i % 3 == 2;
        castel += i % 50 == 0;
        both += i % 50 == 0 && i % 7 != 0;
        eu += i % 100 == 1;
        apos += i % 70 == 3;
    }

    is_int(count_all(s, "minist", false), 0, "contra list: \"minist\" is a whole word, found nowhere");
    is_int(count_all(s, "minist", true), minist,
           "the filter: \"minist\" finds ministers, ministry, minister (%d, by the date index)", minist);
    is_int(count_all(s, "castel", true), castel,
           "\"castel\" finds Castellans (%d, the plain query)", castel);
    is_int(count_all(s, "MINIST castel", true), both, "two prefixes are ANDed, case ignored (%d)", both);
    is_int(count_all(s, "ministe", true), ministe,
           "\"ministe\" finds ministers, minister and Ministère, not ministry (%d)", ministe);
    is_int(count_all(s, "ministere", true), accent, "accents are folded as before (%d)", accent);
    is_int(count_all(s, "mraz", true), 1, "\"mraz\" finds Mrázek");
    is_int(count_all(s, "mrá", true), 0, "three letters match a whole word only (no \"mrá\")");
    is_int(count_all(s, "min", true), 0, "\"min\" is a whole word: no prefix under four letters");
    is_int(count_all(s, "eu", true), eu, "\"EU\" matches the word EU, not Europe (%d)", eu);
    is_int(count_all(s, "Ukraine's", true), apos,
           "\"Ukraine's\" ends in a one-letter token, kept whole: not \"Ukraine signed\" (%d)", apos);
    is_int(count_all(s, "minist,", true), minist, "a trailing comma leaves the word a prefix");
    is_int(count_all(s, "report 12", true), 1, "a number of two digits is whole (Report 12, not 120)");

    /* What FTS5 would read as syntax stays text: quoted, with no error. */
    const char *same[] = {
        "minist*", "-minist", "(minist)", "\"minist\"", "minist\"", "^minist",
        "minist:", "+minist", "{minist}",
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        is_int(count_all(s, same[i], true), minist, "%s: the word minist, no error", same[i]);
    const char *odd[] = {
        "NEAR(minist castel)", "title:minist", "text : minist", "\"", "*", "-", "(",
        ")", ":", "NEAR", "AND OR NOT", "minist\" OR \"x", "\"\"\"", "a*b*c",
        "col:\"x\" * ^", "NEAR(a b, 2)", "** minist **",
    };
    bool fine = true;
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        if (count_all(s, odd[i], true) < 0)
            fine = false;
    ok(fine, "quotes, stars, dashes, NEAR, parentheses and colons never cause an error");
    is_int(count_all(s, "minist\" OR \"nothing", true), 0,
           "a quote cannot close the phrase: OR stays a word");
    is_int(count_all(s, "minist AND", true), accent,
           "AND is the word \"and\" (\"a minister spoke, and\"), not an operator");
    is_int(count_all(s, "NOT minist", true), 0, "NOT is the word \"not\", found nowhere");
    is_int(count_all(s, "minist OR", true), 0, "OR is the word \"or\", found nowhere");
}

/* The index's tokenizer (store_fts.c): Latin letters with no
** decomposition are found by the ASCII the reader shows for them, and
** invisible marks inside a word do not cut it. */
static void test_translit(store_t *s)
{
    static const struct { const char *q; const char *why; } one[] = {
        { "Oldak", "\"Oldak\" finds Ołdak (ł is l)" },
        { "O\u0141DAK", "... as \"OŁDAK\" does" },
        { "o\u0142dak", "... and \"ołdak\"" },
        { "Soren", "\"Soren\" finds Søren" },
        { "Strasse", "\"Strasse\" finds Straße" },
        { "STRASSE", "... in capitals too" },
        { "Stra\u00dfe", "\"Straße\" still finds it" },
        { "Aydin", "\"Aydin\" finds Aydın (dotless i)" },
        { "Aegir", "\"Aegir\" finds Ægir" },
        { "international", "a word with a soft hyphen in it is one word" },
        { "inter\u00adnational", "... also when typed with it" },
        { "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645",
          "a Persian word is found without its zero-width non-joiner" },
        { "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "... and with it" },
        { "watch", "a zero-width space still separates two words" },
    };
    for (size_t i = 0; i < sizeof one / sizeof *one; i++)
        is_int(count_all(s, one[i].q, false), 1, "contra list: %s", one[i].why);
    is_int(count_all(s, "internat", false), 0, "a part of the word is no word of its own");
    is_int(count_all(s, "national", false), 0, "... nor is the part after the soft hyphen");
    is_int(count_all(s, "Olda", true), 1, "the filter: \"Olda\" is a prefix of Ołdak");
    is_int(count_all(s, "Lindg", true), 1, "... \"Lindg\" of Lindgaard");
    is_int(count_all(s, "inter\u00adnat", true), 1,
           "... \"inter-nat\" with a soft hyphen, of international");
    is_int(count_all(s, "\u00ad", true), 0, "a soft hyphen alone finds nothing, and is no error");
    is_int(count_all(s, "Oldak \u00ad", false), 1, "... and beside a word, it is left out");
    is_int(count_all(s, "Oldak \u201c", false), 1, "so is a curly quote alone");

    /* Other spellings (text_other_spellings): a search finds each. */
    is_int(count_all(s, "Mueller", false), 2, "\"Mueller\" finds Mueller and M\u00fcller");
    is_int(count_all(s, "M\u00fcller", false), 2, "... and \"M\u00fcller\" both");
    is_int(count_all(s, "MUELLER", false), 2, "... in capitals too");
    is_int(count_all(s, "Muller", false), 1,
           "\"Muller\" finds M\u00fcller (its accent removed), not Mueller");
    is_int(count_all(s, "Soeren", false), 2, "\"Soeren\" finds Soeren and S\u00f8ren");
    is_int(count_all(s, "S\u00f8ren", false), 2, "... and \"S\u00f8ren\" both");
    is_int(count_all(s, "Aarhus", false), 1, "\"Aarhus\" finds \u00c5rhus");
    is_int(count_all(s, "Robert Mueller", false), 1, "two words, one of them spelt otherwise");
    is_int(count_all(s, "Muell", true), 2, "the filter: \"Muell\" is a prefix of both");
    is_int(count_all(s, "Kjaer", false), 1, "a word of four letters once folded keeps its own spelling");
}

/* What the tokenizer makes of every letter it transliterates, pinned:
** the index holds these tokens, so a change to glyph_translit's letters
** needs a new tokenizer version and a migration (layout.c says so). */
static void test_tokens_pinned(void)
{
    sqlite3 *db = NULL;
    char *got = NULL;
    if (sqlite3_open(":memory:", &db) == SQLITE_OK && store_fts_register(db) == SQLITE_OK
        && sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='" STORE_FTS_TOKENIZE "');"
                        "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');"
                        "INSERT INTO t VALUES ('x\u00e6x x\u00f0x x\u00f8x x\u00fex x\u00dfx"
                        " x\u0111x x\u0127x x\u0131x x\u0142x x\u0153x x\u0167x x\u0192x"
                        " X\u00c6X X\u00d0X X\u00d8X X\u00deX X\u0110X X\u0126X X\u0141X"
                        " X\u0152X X\u0166X"
                        " ab\u00adcd ef\u200cgh ij\u200dkl mn\u200eop qr\u200fst uv\u2060wx"
                        " yz\ufeffab caf\u00e9 na\u00efve \u00e5s Stra\u00dfe')",
                        NULL, NULL, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT group_concat(term, ' ') FROM"
                               " (SELECT term FROM v ORDER BY term)", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
                got = xstrdup((const char *)sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
        }
    }
    is_str(got, "abcd as cafe efgh ijkl mnop naive qrst strasse uvwx xaex xdx xfx xhx xix"
           " xlx xoex xox xssx xthx xtx yzab",
           "the tokenizer's tokens for every transliterated letter and invisible mark");
    free(got);
    sqlite3_close(db);
}

/* The whole library in order (ids and keys only), from store_list. */
static article_summary_t *everything(store_t *s, int *n)
{
    article_summary_t *all = calloc(N + 64, sizeof *all);
    err_t e = {{0}};
    int got;

    *n = 0;
    while ((got = store_list(s, NULL, *n ? &all[*n - 1] : NULL, all + *n, 64, &e)) > 0) {
        fx_keys_only(all + *n, got);
        *n += got;
    }
    return all;
}

/* around(row k's key, nb, nf) against the whole list: want is the index
** of the first row from the key on (k, or past it when k is gone). */
static void check_around(store_t *s, const article_summary_t *all, int n,
                         const char *pub, int64_t id, int want, int nb, int nf,
                         const char *what)
{
    article_summary_t out[32];
    int before = -1;
    int64_t index = -1;
    err_t e = {{0}};
    int got = store_list_around(s, pub, id, nb, nf, out, &before, &index, &e);
    int wb = want < nb ? want : nb;
    int wf = n - want < nf ? n - want : nf;
    bool same = got == wb + wf;
    for (int k = 0; same && k < got; k++)
        same = out[k].id == all[want - wb + k].id;
    ok(same && before == wb && index == want - wb,
       "%s: %d newer and %d from it, at index %d", what, wb, wf, want - wb);
    if (!same || before != wb || index != want - wb)
        printf("#   got %d rows, %d newer, index %lld (%s)\n", got, before,
               (long long)index, e.msg);
    for (int k = 0; k < got; k++)
        summary_clear(&out[k]);
}

static void test_around(store_t *s)
{
    int n;
    article_summary_t *all = everything(s, &n);
    is_int(n, N, "the whole library, for reference");

    int at[] = { 0, 1, 4, 5, 6, 63, 64, 65, 350, N - 6, N - 2, N - 1 };
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        char what[64];
        snprintf(what, sizeof what, "around row %d (%s)", at[i],
                 all[at[i]].published[0] ? all[at[i]].published : "undated");
        check_around(s, all, n, all[at[i]].published, all[at[i]].id, at[i], 5, 5, what);
    }
    check_around(s, all, n, all[300].published, all[300].id, 300, 0, 3, "none asked for above");
    check_around(s, all, n, all[300].published, all[300].id, 300, 3, 0, "none asked for from it");

    article_summary_t out[8];
    err_t e = {{0}};
    int got = store_list_newer(s, &all[200], out, 3, &e);
    ok(got == 3 && out[0].id == all[197].id && out[1].id == all[198].id && out[2].id == all[199].id,
       "store_list_newer gives the 3 rows above, in library order");
    for (int k = 0; k < (got > 0 ? got : 0); k++)
        summary_clear(&out[k]);
    got = store_list_newer(s, &all[2], out, 8, &e);
    ok(got == 2 && out[0].id == all[0].id && out[1].id == all[1].id,
       "... and stops at the top");
    for (int k = 0; k < (got > 0 ? got : 0); k++)
        summary_clear(&out[k]);
    is_int(store_list_newer(s, &all[0], out, 8, &e), 0, "... above the first there is nothing");
    got = store_list_newer(s, &all[100], out, 1, &e);
    ok(got == 1 && out[0].counts[STATUS_UNREVIEWED] == 0 && out[0].title
       && strcmp(out[0].title, "") != 0, "... with titles and counts");
    for (int k = 0; k < (got > 0 ? got : 0); k++)
        summary_clear(&out[k]);

    /* Rows removed while a filter showed them: the place is kept. */
    ok(store_delete_article(s, all[300].id, &e) == 0, "remove row 300");
    article_summary_t *now = everything(s, &n);
    check_around(s, now, n, all[300].published, all[300].id, 300, 5, 5,
                 "around the removed row: the next older one, at its index");
    free(now);
    ok(store_delete_article(s, all[N - 1].id, &e) == 0, "remove the last row");
    now = everything(s, &n);
    check_around(s, now, n, all[N - 1].published, all[N - 1].id, n, 5, 5,
                 "around the removed last row: the rows above it only");
    free(now);
    ok(store_delete_article(s, all[0].id, &e) == 0, "remove the first row");
    now = everything(s, &n);
    check_around(s, now, n, all[0].published, all[0].id, 0, 5, 5,
                 "around the removed first row: the new first one, at 0");
    free(now);
    free(all);
}

int main(void)
{
    fixture_t f;
    store_t *s = fx_library_of(&f, "list", N, make);

    test_prefix(s);
    test_translit(s);
    test_tokens_pinned();
    test_around(s);

    store_close(s);
    fx_done(&f);
    return done_testing();
}
