/*
** test_store.c: unit tests for the library store (store.c): opening,
** migrations and refusals, constraints, the article round trip, shared
** entities, tags and their history, concurrency, paging and search,
** deletion, re-annotation and read-only libraries.
*/
#include "config.h"

#include "store.h"
#include "store_fts.h"
#include "../tap.h"

#include <errno.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[256];

static char *path_in(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    buf = xmalloc((size_t)len + 1);
    *n = fread(buf, 1, (size_t)len, f);
    fclose(f);
    return buf;
}

static void spit(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, n, f);
    fclose(f);
}

static bool exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Run SQL on a library with a plain SQLite connection; returns the first
** column of the first row as an integer (or -1), or the error code in
** *rc. */
static long long raw(const char *path, const char *sql, int *rc_out)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    long long v = -1;
    int rc;

    sqlite3_open(path, &db);
    sqlite3_busy_timeout(db, 5000);
    store_fts_register(db);
    rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            v = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    if (rc_out)
        *rc_out = rc;
    return v;
}

static span_t find(const article_t *a, const char *needle)
{
    const char *p = strstr(a->text, needle);
    if (!p)
        return SPAN_NONE;
    return (span_t){ p - a->text, p - a->text + (int64_t)strlen(needle) };
}

static article_t *text_article(const char *title, const char *date, const char *text)
{
    article_t *a = article_new();
    a->title = title ? xstrdup(title) : NULL;
    a->source = xstrdup("Test Wire");
    a->published = date ? xstrdup(date) : NULL;
    a->text = xstrdup(text);
    a->len = strlen(text);
    return a;
}

static entity_t *add_entity(article_t *a, const char *xid, const char *name,
                            entity_kind_t kind, const char *mention)
{
    entity_t *en = article_add_entity(a);
    en->xid = xid ? xstrdup(xid) : NULL;
    en->name = xstrdup(name);
    en->kind = kind;
    if (mention)
        entity_add_mention(en, find(a, mention));
    return en;
}

static assertion_t *add_assertion(article_t *a, const char *xid, assertion_kind_t kind,
                                  int speaker, const char *span)
{
    assertion_t *q = article_add_assertion(a);
    q->xid = xid ? xstrdup(xid) : NULL;
    q->kind = kind;
    q->speaker = speaker;
    q->span = find(a, span);
    q->direct = kind == ASSERT_QUOTE;
    return q;
}

static const char text1[] =
    "Minister Anna Berg said: \xe2\x80\x9cWe had no part in the attack.\xe2\x80\x9d\n\n"
    "The Ministry of Ports claimed that the Northern Front was behind it.\n\n"
    "Berg later added: \xe2\x80\x9cThe ships were never in the strait.\xe2\x80\x9d\n";

static const char text2[] =
    "The Northern Front claimed responsibility for the attack on Ukraine's ports.\n\n"
    "\xe2\x80\x9cOur ships were in the strait,\xe2\x80\x9d said anna berg, contradicting herself.\n";

/* Article 1: Anna Berg (alias Berg), the Ministry; a quote by Berg
** contradicting the Ministry's claim; a second quote by Berg. */
static article_t *make_article1(void)
{
    article_t *a = text_article("Ports attack denied", "2024-03-01", text1);
    entity_t *berg = add_entity(a, "E1", "Anna Berg", KIND_PERSON, "Anna Berg");
    entity_add_alias(berg, "Berg");
    entity_add_mention(berg, find(a, "Berg later"));
    berg->mentions[1].end = berg->mentions[1].start + 4;
    add_entity(a, "E2", "Ministry of Ports", KIND_ORGANIZATION, "Ministry of Ports");
    assertion_t *q = add_assertion(a, "Q1", ASSERT_QUOTE, 0, "We had no part in the attack.");
    q->speaker_span = find(a, "Anna Berg");
    q->cue_span = find(a, "said");
    add_assertion(a, "C1", ASSERT_CLAIM, 1, "the Northern Front was behind it");
    add_assertion(a, "Q2", ASSERT_QUOTE, 0, "The ships were never in the strait.");
    relation_t *r = article_add_relation(a);
    r->type = REL_CONTRADICTS;
    r->origin = ORIGIN_IMPORT;
    r->from.index = 0;
    r->to.index = 1;
    return a;
}

static void test_open(void)
{
    err_t e = {{0}};
    char *p = path_in("new/deeper/lib.db");
    store_t *s = store_open(p, STORE_CREATE, &e);

    ok(s != NULL, "create a library in a directory that does not exist yet");
    if (!s) {
        printf("# %s\n", e.msg);
        exit(1);
    }
    ok(!store_readonly(s), "a new library is writable");
    is_str(store_path(s), p, "store_path gives the path");
    is_int(store_count_articles(s, &e), 0, "a new library is empty");
    store_close(s);
    is_int(raw(p, "PRAGMA user_version", NULL), 8, "user_version is the schema version");
    is_int(raw(p, "PRAGMA application_id", NULL), 0x436f4e74, "application_id marks a contra library");
    {
        sqlite3 *db;
        sqlite3_stmt *st;
        sqlite3_open(p, &db);
        sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
        sqlite3_step(st);
        is_str((const char *)sqlite3_column_text(st, 0), "wal", "journal mode is WAL");
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    s = store_open(p, 0, &e);
    ok(s != NULL, "reopen without STORE_CREATE");
    store_close(s);

    free(p);
    p = path_in("missing.db");
    memset(&e, 0, sizeof e);
    ok(store_open(p, 0, &e) == NULL, "a missing library without STORE_CREATE is refused");
    like(e.msg, "no library at", "... saying there is none");
    ok(!exists(p), "... and nothing is created");
    free(p);

    memset(&e, 0, sizeof e);
    ok(store_open(dir, STORE_CREATE, &e) == NULL, "a directory is refused");
    like(e.msg, "is a directory", "... with a message");

    /* an empty file is an empty database: it becomes a library when the
    ** caller may make one, and is left be when not (contra list on an
    ** empty file made it a library) */
    p = path_in("empty.db");
    spit(p, "", 0);
    memset(&e, 0, sizeof e);
    s = store_open(p, 0, &e);
    ok(s == NULL, "an empty file is no library to a store that may not make one");
    like(e.msg, "an empty SQLite database", "... which says so");
    {
        struct stat sb;
        ok(stat(p, &sb) == 0 && sb.st_size == 0, "... and leaves the file empty");
    }
    store_close(s);
    memset(&e, 0, sizeof e);
    s = store_open(p, STORE_CREATE, &e);
    ok(s != NULL, "an empty file becomes a new library with STORE_CREATE");
    store_close(s);
    is_int(raw(p, "PRAGMA user_version", NULL), 8, "... migrated to the schema version");
    free(p);

    /* store_default_path */
    setenv("CONTRA_DB", "/x/env.db", 1);
    char *d = store_default_path("/x/opt.db");
    is_str(d, "/x/opt.db", "--db wins");
    free(d);
    d = store_default_path(NULL);
    is_str(d, "/x/env.db", "then $CONTRA_DB");
    free(d);
    unsetenv("CONTRA_DB");
    setenv("XDG_DATA_HOME", "/x/data", 1);
    d = store_default_path(NULL);
    is_str(d, "/x/data/contra/contra.db", "then $XDG_DATA_HOME/contra/contra.db");
    free(d);
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/u", 1);
    d = store_default_path(NULL);
    is_str(d, "/home/u/.local/share/contra/contra.db", "else ~/.local/share/contra/contra.db");
    free(d);
}

/* How many articles contra list would show for q (up to 8), or -1. */
static int found(store_t *s, const char *q)
{
    article_summary_t page[8];
    err_t e = {{0}};
    int n = s ? store_list(s, q, NULL, page, 8, &e) : -1;
    for (int k = 0; k < n; k++)
        summary_clear(&page[k]);
    return n;
}

static int upgrade_calls;
static int64_t upgrade_done = -1, upgrade_total = -1;

static void on_upgrade(void *arg, int64_t done, int64_t total)
{
    (void)arg;
    upgrade_calls++;
    upgrade_done = done;
    upgrade_total = total;
}

/* Migration 7: a library of schema 6, whose index unicode61 made, gets
** contra's tokenizer (store_fts.c) and its index made again from the
** articles, saying how far it is; a name is then found by the ASCII the
** reader shows for it.  Read-only, it is searched as it was. */
static void test_migration7(void)
{
    err_t e = {{0}};
    char *p = path_in("v6.db");
    store_t *s = store_open(p, STORE_CREATE, &e);
    int64_t dup = 0;
    static const char *const texts[] = {
        "Piotr O\u0142dak met the council.", "S\u00f8ren Lindgaard left the port.",
        "Nothing happened on the Stra\u00dfe.",
    };
    for (int i = 0; i < 3; i++) {
        article_t *a = text_article("Old", "2020-01-02", texts[i]);
        store_add_article(s, a, &dup, &e);
        article_free(a);
    }
    store_close(s);
    int rc[5];
    raw(p, "DROP TABLE articles_fts", &rc[0]);
    raw(p, "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
        " content_rowid='id', tokenize='unicode61 remove_diacritics 2')", &rc[1]);
    raw(p, "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')", &rc[2]);
    raw(p, "DROP TABLE rejected_relations", &rc[3]);
    raw(p, "PRAGMA user_version = 6", &rc[4]);
    ok(!rc[0] && !rc[1] && !rc[2] && !rc[3] && !rc[4], "a library of schema 6, indexed by unicode61");

    s = store_open(p, STORE_READONLY, &e);
    is_int(found(s, "O\u0142dak"), 1, "read-only, it is searched with its own index: Ołdak is found");
    is_int(found(s, "Oldak"), 0, "... Oldak is not (yet)");
    store_close(s);
    is_int(upgrade_calls, 0, "... and there was no upgrade to tell of");

    /* Another contra holds the write lock (upgrading it, say) past the
    ** busy timeout: the library is read at its own schema meanwhile. */
    {
        sqlite3 *holder;
        sqlite3_open(p, &holder);
        ok(sqlite3_exec(holder, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK,
           "another connection holds the write lock");
        s = store_open(p, 0, &e);
        ok(s != NULL, "... the library opens all the same, after the busy timeout: %s",
           s ? "" : e.msg);
        ok(s && store_readonly(s), "... read-only, at schema 6");
        is_int(found(s, "O\u0142dak"), 1, "... and searched with its own index");
        ok(s && store_tag(s, 1, STATUS_DISPUTED, NULL, "me", &e) < 0
           && strstr(e.msg, "would have upgraded it"), "... a tag says why it cannot be saved");
        store_close(s);
        sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(holder);
        is_int(raw(p, "PRAGMA user_version", NULL), 6, "... and it is still at schema 6");
    }

    store_set_upgrade_progress(on_upgrade, NULL);
    s = store_open(p, 0, &e);
    store_set_upgrade_progress(NULL, NULL);
    ok(s != NULL, "opened to write, it is upgraded");
    is_int(raw(p, "PRAGMA user_version", NULL), 8, "... to schema 8");
    ok(upgrade_calls >= 2 && upgrade_done == 3 && upgrade_total == 3,
       "... saying how far the index is, to 3 of 3 (%d calls)", upgrade_calls);
    is_int(found(s, "Oldak"), 1, "\"Oldak\" now finds Ołdak");
    is_int(found(s, "O\u0142dak"), 1, "... as \"Ołdak\" still does");
    is_int(found(s, "Soren"), 1, "\"Soren\" finds Søren");
    is_int(found(s, "strasse"), 1, "\"strasse\" finds Straße");
    is_int(found(s, "council"), 1, "plain words are found as before");
    int irc = -1;
    raw(p, "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')", &irc);
    is_int(irc, 0, "the index agrees with the articles");
    article_t *a = text_article("New", "2021-01-01", "Ma\u0142gorzata arrived later.");
    ok(s && store_add_article(s, a, &dup, &e) == 0, "an article added after the upgrade");
    article_free(a);
    is_int(found(s, "Malgorzata"), 1, "... is found by \"Malgorzata\"");
    store_close(s);
    upgrade_calls = 0;
    s = store_open(p, 0, &e);
    store_close(s);
    is_int(upgrade_calls, 0, "the next open upgrades nothing");
    free(p);
}

/* Migration 2: a library of schema 1 (made here by taking schema 2's
** additions away again) gets the article counter, counting what it
** already holds; the triggers then keep it right through adds and
** deletes. */
static void test_migration2(void)
{
    err_t e = {{0}};
    char *p = path_in("v1.db");
    store_t *s = store_open(p, STORE_CREATE, &e);
    int64_t dup = 0, id1 = 0;
    for (int i = 0; i < 3; i++) {
        char text[64];
        snprintf(text, sizeof text, "Article number %d of the old library.", i);
        article_t *a = text_article("Old", "2020-01-02", text);
        store_add_article(s, a, &dup, &e);
        if (i == 0)
            id1 = a->id;
        article_free(a);
    }
    store_close(s);
    int rc1, rc2, rc3, rc4;
    raw(p, "DROP TRIGGER article_count_insert", &rc1);
    raw(p, "DROP TRIGGER article_count_delete", &rc2);
    raw(p, "DROP TABLE article_count", &rc3);
    raw(p, "DROP INDEX mentions_by_span", NULL);
    static const char *const v4[] = {
        "DROP TRIGGER article_entities_mention_insert",
        "DROP TRIGGER article_entities_mention_delete",
        "DROP TRIGGER article_entities_mention_update",
        "DROP TRIGGER article_counts_assertion_insert",
        "DROP TRIGGER article_counts_assertion_delete",
        "DROP TRIGGER article_counts_assertion_update",
        "DROP TABLE article_entities", "DROP TABLE article_statuses",
        "DROP TRIGGER tags_raise_rev", "DROP TABLE article_revs",
        "DROP TABLE rejected_relations" };
    for (size_t i = 0; i < sizeof v4 / sizeof v4[0]; i++)
        raw(p, v4[i], NULL);
    raw(p, "PRAGMA user_version = 1", &rc4);
    ok(!rc1 && !rc2 && !rc3 && !rc4, "a library of schema 1 with three articles");

    s = store_open(p, 0, &e);
    ok(s != NULL, "opens, and is upgraded");
    is_int(raw(p, "PRAGMA user_version", NULL), 8, "... to schema 8");
    is_int(raw(p, "SELECT count(*) FROM sqlite_master WHERE name = 'mentions_by_span'", NULL), 1,
           "... with the index on mentions by span (migration 3)");
    is_int(s ? store_count_articles(s, &e) : -1, 3, "... counting the articles it had");
    article_t *a = text_article("New", "2021-01-01", "A new article after the upgrade.");
    ok(s && store_add_article(s, a, &dup, &e) == 0, "add one more");
    article_free(a);
    is_int(s ? store_count_articles(s, &e) : -1, 4, "... and the count follows");
    a = text_article("New", "2021-01-01", "A new article after the upgrade.");
    ok(s && store_add_article(s, a, &dup, &e) == 0 && dup > 0, "the same again is a duplicate");
    article_free(a);
    is_int(s ? store_count_articles(s, &e) : -1, 4, "... and not counted");
    ok(s && store_delete_article(s, id1, &e) == 0, "delete one");
    is_int(s ? store_count_articles(s, &e) : -1, 3, "... and the count follows");
    is_int(raw(p, "SELECT n = (SELECT count(*) FROM articles) FROM article_count", NULL), 1,
           "the counter row agrees with count(*)");
    if (s) {
        store_begin(s, &e);
        a = text_article("Gone", "2021-01-01", "Added, then rolled back.");
        store_add_article(s, a, &dup, &e);
        article_free(a);
        store_rollback(s);
    }
    is_int(s ? store_count_articles(s, &e) : -1, 3, "an add rolled back is not counted");
    store_close(s);
    free(p);
}

/* Page through a search with pages of 64; check it returns want rows,
** newest first with no repeats. */
static void search_pages(store_t *s, const char *q, int want, const char *what)
{
    err_t e = {{0}};
    article_summary_t page[64], last;
    article_summary_t *after = NULL;
    int total = 0, n;
    bool ordered = true, first = true;
    char prev_pub[16] = "";
    int64_t prev_id = 0;
    while ((n = store_list(s, q, after, page, 64, &e)) > 0) {
        for (int i = 0; i < n; i++) {
            int c = first ? 1 : strcmp(prev_pub, page[i].published);
            if (c < 0 || (c == 0 && prev_id <= page[i].id))
                ordered = false;
            first = false;
            snprintf(prev_pub, sizeof prev_pub, "%s", page[i].published);
            prev_id = page[i].id;
        }
        total += n;
        if (after)
            summary_clear(&last);
        last = page[n - 1];
        page[n - 1] = (article_summary_t){0};
        after = &last;
        for (int i = 0; i < n; i++)
            summary_clear(&page[i]);
    }
    if (after)
        summary_clear(&last);
    ok(n == 0, "%s: paging ends without an error (%s)", what, e.msg);
    is_int(total, want, "%s: every match once", what);
    ok(ordered, "%s: newest first, then by id", what);
}

/* Searches with many matches take another path (search_many: the date
** index walked against the matches' rowids); both must page the same. */
static void test_search_many(void)
{
    err_t e = {{0}};
    char *p = path_in("search.db");
    store_t *s = store_open(p, STORE_CREATE, &e);
    store_begin(s, &e);
    for (int i = 0; i < 700; i++) {
        /* dates out of id order, some repeated, some missing */
        char date[16], *t;
        snprintf(date, sizeof date, "2023-%02d-%02d", 1 + (i * 7) % 12, 1 + (i * 13) % 28);
        t = xasprintf("Report %d on the lighthouse%s.", i, i % 3 == 0 ? " and its keeper" : "");
        article_t *a = text_article("Coast", i % 50 == 0 ? NULL : date, t);
        store_add_article(s, a, NULL, &e);
        article_free(a);
        free(t);
    }
    for (int i = 0; i < 20; i++) {
        char *t = xasprintf("Unrelated story %d about trains.", i);
        article_t *a = text_article("Rail", "2024-01-01", t);
        store_add_article(s, a, NULL, &e);
        article_free(a);
        free(t);
    }
    ok(store_commit(s, &e) == 0, "a library of 720 articles, 700 about a lighthouse");
    search_pages(s, "lighthouse", 700, "a word in 700 articles");
    search_pages(s, "keeper", 234, "a word in 234");
    search_pages(s, "lighthouse keeper", 234, "two words");
    search_pages(s, "trains", 20, "a word in 20");
    search_pages(s, "nowhere", 0, "a word in none");
    store_close(s);
    free(p);
}

/* A refused file must be exactly as it was, with no journal left beside. */
static void refused_unchanged(const char *name, const char *want_msg, const char *what)
{
    char *p = path_in(name), *wal = xasprintf("%s-wal", p), *jr = xasprintf("%s-journal", p);
    size_t n0, n1;
    char *before = slurp(p, &n0), *after;
    err_t e = {{0}};
    store_t *s = store_open(p, STORE_CREATE, &e);

    ok(s == NULL, "%s is refused", what);
    store_close(s);
    like(e.msg, want_msg, "... with a clear message");
    after = slurp(p, &n1);
    ok(before && after && n0 == n1 && memcmp(before, after, n0) == 0,
       "... and the file is byte for byte unchanged");
    ok(!exists(wal) && !exists(jr), "... with no journal left beside it");
    free(before);
    free(after);
    free(p);
    free(wal);
    free(jr);
}

static void test_refusals(void)
{
    char *p;
    int rc;

    /* a newer contra's library */
    p = path_in("newer.db");
    store_close(store_open(p, STORE_CREATE, &(err_t){{0}}));
    raw(p, "PRAGMA user_version = 99", &rc);
    raw(p, "PRAGMA journal_mode = DELETE", &rc);
    free(p);
    refused_unchanged("newer.db", "was written by a newer contra (schema 99 > 8)",
                      "a library from a newer contra");

    /* someone else's SQLite database */
    p = path_in("foreign.db");
    raw(p, "CREATE TABLE notes(x TEXT)", &rc);
    raw(p, "INSERT INTO notes VALUES ('mine')", &rc);
    free(p);
    refused_unchanged("foreign.db", "is not a contra library", "another program's SQLite database");

    /* an SQLite database with another application_id and no tables */
    p = path_in("other-app.db");
    raw(p, "PRAGMA application_id = 1234", &rc);
    free(p);
    refused_unchanged("other-app.db", "is not a contra library", "a database with another application_id");

    /* a text file */
    p = path_in("notes.txt");
    const char txt[] = "These are my notes, not a database.\n";
    spit(p, txt, sizeof txt - 1);
    free(p);
    refused_unchanged("notes.txt", "not an SQLite database", "a text file");

    /* a text file longer than an SQLite header */
    p = path_in("long.txt");
    strbuf_t b = {0};
    for (int i = 0; i < 300; i++)
        sb_adds(&b, "line of text that is not SQLite\n");
    spit(p, b.s, b.len);
    sb_free(&b);
    free(p);
    refused_unchanged("long.txt", "not an SQLite database", "a long text file");
}

static void test_constraints(store_t *s, const char *p)
{
    int rc;
    err_t e = {{0}};

    raw(p, "INSERT INTO articles(text, hash) VALUES ('x', zeroblob(32))", &rc);
    is_int(rc, SQLITE_OK, "a plain article row can be inserted directly");
    raw(p, "INSERT INTO assertions(kind, article, span_start, span_end, origin)"
        " VALUES ('rumour', 1, 0, 1, 'auto')", &rc);
    is_int(rc, SQLITE_CONSTRAINT, "an assertion kind other than quote|claim is rejected");
    raw(p, "INSERT INTO assertions(kind, article, span_start, span_end, status, origin)"
        " VALUES ('claim', 1, 0, 1, 'maybe', 'auto')", &rc);
    is_int(rc, SQLITE_CONSTRAINT, "an unknown status is rejected");
    raw(p, "INSERT INTO assertions(kind, article, span_start, span_end, origin)"
        " VALUES ('claim', 1, 5, 2, 'auto')", &rc);
    is_int(rc, SQLITE_CONSTRAINT, "a reversed span is rejected");
    raw(p, "INSERT INTO assertions(kind, article, span_start, span_end, speaker_start, origin)"
        " VALUES ('claim', 1, 0, 1, 3, 'auto')", &rc);
    is_int(rc, SQLITE_CONSTRAINT, "a speaker span with no end is rejected");
    raw(p, "INSERT INTO entities(name, kind, fold) VALUES ('X', 'animal', 'x')", &rc);
    is_int(rc, SQLITE_CONSTRAINT, "an unknown entity kind is rejected");
    raw(p, "INSERT INTO relations(type, origin, from_id, to_id) VALUES ('likes', 'user', 1, 2)", &rc);
    is_int(rc, SQLITE_CONSTRAINT, "an unknown relation type is rejected");
    raw(p, "INSERT INTO articles(text, hash) VALUES ('y', zeroblob(32))", &rc);
    is_int(rc, SQLITE_CONSTRAINT, "two articles with the same hash are rejected");
    raw(p, "DELETE FROM articles", &rc);

    /* the same through the API, with the message naming the annotation */
    article_t *a = text_article("Bad", "2024-01-01", "Short text.");
    assertion_t *q = add_assertion(a, "Q7", ASSERT_QUOTE, -1, "Short");
    q->span.end = 400;
    ok(store_add_article(s, a, NULL, &e) < 0, "a span past the end of the text is refused");
    like(e.msg, "Q7", "... naming the quote");
    is_int(store_count_articles(s, &e), 0, "... and nothing is stored");
    article_free(a);

    a = text_article("Bad date", "March 2024", "Some other text.");
    memset(&e, 0, sizeof e);
    ok(store_add_article(s, a, NULL, &e) < 0, "a published date not YYYY-MM-DD is refused");
    like(e.msg, "YYYY-MM-DD", "... saying so");
    article_free(a);

    a = make_article1();
    a->relations[0].to.index = -1;
    a->relations[0].to.xid = xstrdup("C99");
    memset(&e, 0, sizeof e);
    ok(store_add_article(s, a, NULL, &e) < 0, "an unresolved relation end is refused");
    like(e.msg, "C99", "... naming it");
    is_int(store_count_articles(s, &e), 0, "... and nothing is stored");
    ok(a->id == 0 && a->assertions[0].id == 0, "... and no ids are left in the article");
    article_free(a);

    a = make_article1();
    a->relations[0].to.index = -1;
    a->relations[0].to.id = 12345;
    memset(&e, 0, sizeof e);
    ok(store_add_article(s, a, NULL, &e) < 0, "a relation to an assertion not in the library is refused");
    like(e.msg, "12345", "... naming it");
    is_int(store_count_articles(s, &e), 0, "... and nothing is stored");
    article_free(a);
}

static int64_t art1, art2, q1, c1, q2, c2, q3;

static void test_round_trip(store_t *s)
{
    err_t e = {{0}};
    int64_t dup = -1;
    article_t *a = make_article1(), *b;

    ok(store_add_article(s, a, &dup, &e) == 0, "add an article with annotations");
    if (e.msg[0])
        printf("# %s\n", e.msg);
    is_int(dup, 0, "... not a duplicate");
    ok(a->id > 0, "... the article got an id");
    ok(a->entities[0].id > 0 && a->entities[1].id > 0, "... the entities got ids");
    ok(a->assertions[0].id > 0 && a->assertions[1].id > a->assertions[0].id,
       "... quotes and claims got ids from one sequence");
    ok(a->relations[0].id > 0 && a->relations[0].from.id == a->assertions[0].id
       && a->relations[0].to.id == a->assertions[1].id, "... the relation's ends were resolved");
    art1 = a->id;
    q1 = a->assertions[0].id;
    c1 = a->assertions[1].id;
    q2 = a->assertions[2].id;

    b = store_load_article(s, art1, &e);
    ok(b != NULL, "load it back");
    is_str(b->title, "Ports attack denied", "... title");
    is_str(b->source, "Test Wire", "... source");
    is_str(b->published, "2024-03-01", "... date");
    ok(b->url == NULL, "... no url stays no url");
    ok(b->len == a->len && memcmp(b->text, a->text, a->len) == 0, "... the text byte for byte");
    is_int(b->nentities, 2, "... two entities");
    is_str(b->entities[0].name, "Anna Berg", "... the person");
    is_int(b->entities[0].kind, KIND_PERSON, "... of kind person");
    is_int(b->entities[0].naliases, 1, "... with her alias");
    is_str(b->entities[0].naliases ? b->entities[0].aliases[0] : NULL, "Berg", "... Berg");
    is_int(b->entities[0].nmentions, 2, "... and her two mentions");
    ok(b->entities[0].mentions[0].start == a->entities[0].mentions[0].start
       && b->entities[0].mentions[0].end == a->entities[0].mentions[0].end,
       "... at the same bytes");
    is_int(b->entities[1].kind, KIND_ORGANIZATION, "... the organisation");
    is_int(b->nassertions, 3, "... three assertions");
    assertion_t *q = &b->assertions[0];
    is_int(q->id, q1, "... the quote first (by offset)");
    is_int(q->kind, ASSERT_QUOTE, "... is a quote");
    is_int(q->speaker, 0, "... by Anna Berg");
    ok(q->span.start == a->assertions[0].span.start && q->span.end == a->assertions[0].span.end,
       "... its span");
    ok(q->speaker_span.start == a->assertions[0].speaker_span.start
       && q->cue_span.end == a->assertions[0].cue_span.end, "... its speaker and cue spans");
    ok(q->direct, "... direct");
    is_int(q->status, STATUS_UNREVIEWED, "... unreviewed");
    ok(!span_present(b->assertions[1].speaker_span), "... an absent span stays absent");
    is_int(b->assertions[1].kind, ASSERT_CLAIM, "... then the claim");
    is_int(b->assertions[1].speaker, 1, "... by the Ministry");
    is_int(b->nrelations, 1, "... one relation");
    ok(b->relations[0].type == REL_CONTRADICTS && b->relations[0].origin == ORIGIN_IMPORT
       && b->relations[0].from.index == 0 && b->relations[0].to.index == 1,
       "... quote contradicts claim, imported, both ends in this article");
    article_free(b);

    /* Article 2: the same person written in lower case, and "Berg" as a
    ** separate entity that must resolve through the alias; a claim there
    ** supports the Ministry's claim in article 1. */
    b = text_article("Front claims attack", "2024-03-02", text2);
    add_entity(b, NULL, "anna berg", KIND_PERSON, "anna berg");
    add_entity(b, NULL, "Northern Front", KIND_ORGANIZATION, "Northern Front");
    add_entity(b, NULL, "Berg", KIND_PERSON, NULL);
    add_entity(b, NULL, "Anna Berg", KIND_PLACE, NULL);   /* other kind: not her */
    add_assertion(b, NULL, ASSERT_CLAIM, 1, "responsibility for the attack");
    add_assertion(b, NULL, ASSERT_QUOTE, 2, "Our ships were in the strait,");
    relation_t *r = article_add_relation(b);
    r->type = REL_SUPPORTS;
    r->origin = ORIGIN_AUTO;
    r->from.index = 0;
    r->to.id = c1;
    r = article_add_relation(b);
    r->type = REL_CONTRADICTS;
    r->origin = ORIGIN_AUTO;
    r->from.index = 1;
    r->to.id = q2;
    memset(&e, 0, sizeof e);
    ok(store_add_article(s, b, &dup, &e) == 0, "add a second article");
    if (e.msg[0])
        printf("# %s\n", e.msg);
    art2 = b->id;
    c2 = b->assertions[0].id;
    q3 = b->assertions[1].id;
    is_int(b->entities[0].id, a->entities[0].id, "the same person in another case is one entity");
    is_int(b->entities[2].id, a->entities[0].id, "a name equal to her alias is the same entity");
    ok(b->entities[3].id != a->entities[0].id, "the same name of another kind is another entity");
    is_int(b->relations[0].to.article_id, art1, "a cross-article end carries its article id");
    article_free(b);

    b = store_load_article(s, art1, &e);
    is_int(b ? b->nrelations : 0, 3, "article 1 now has its own relation and two from article 2");
    int found = 0;
    for (size_t i = 0; b && i < b->nrelations; i++) {
        relation_t *x = &b->relations[i];
        if (x->type == REL_SUPPORTS && x->from.id == c2 && x->from.index == -1
            && x->from.article_id == art2 && x->to.index == 1 && x->to.id == c1)
            found++;
    }
    is_int(found, 1, "... the incoming one has its far end in article 2 (index -1, ids set)");
    ok(b && b->entities[0].naliases >= 1, "... aliases merged, not duplicated");
    is_int(b ? b->entities[0].nmentions : 0, 2, "... entities carry only this article's mentions");
    article_free(b);

    b = store_load_article(s, art2, &e);
    ok(b != NULL, "load article 2");
    if (b) {
        is_int(b->nentities, 2, "... only entities mentioned or speaking in it");
        is_int(b->nrelations, 2, "... with its two outgoing relations");
        ok(b->relations[0].to.index == -1 && b->relations[0].to.article_id == art1,
           "... whose far ends are in article 1");
        int sp = b->assertions[1].speaker;
        ok(sp >= 0 && strcmp(b->entities[sp].name, "Anna Berg") == 0,
           "... the quote's speaker is the shared Anna Berg");
        ok(b->published && strcmp(b->published, "2024-03-02") == 0, "... its date");
    }
    article_free(b);

    /* the same text again */
    b = text_article("Another title", "2025-01-01", text1);
    memset(&e, 0, sizeof e);
    ok(store_add_article(s, b, &dup, &e) == 0, "adding the same text again is not an error");
    is_int(dup, art1, "... it reports the existing article");
    is_int(store_count_articles(s, &e), 2, "... and stores nothing new");
    article_free(b);
    article_free(a);

    memset(&e, 0, sizeof e);
    ok(store_load_article(s, 999, &e) == NULL, "loading a missing article fails");
    like(e.msg, "no article 999", "... saying so");
    is_int(store_assertion_article(s, q3, &e), art2, "store_assertion_article finds the article");
    is_int(store_assertion_article(s, 999, &e), 0, "... and 0 for no such assertion");
}

static bool iso_utc(const char *t)
{
    /* 2024-03-01T12:34:56Z */
    if (!t || strlen(t) != 20)
        return false;
    for (int i = 0; i < 20; i++) {
        char c = "dddd-dd-ddTdd:dd:ddZ"[i];
        if (c == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != c)
            return false;
    }
    return true;
}

static void test_tags(store_t *s)
{
    err_t e = {{0}};
    tag_entry_t *h;
    status_t st = STATUS_COUNT;
    article_t *a;
    int n;

    ok(store_tag(s, c1, STATUS_DISPUTED, "no evidence", "alice", &e) == 0, "tag a claim disputed");
    a = store_load_article(s, art1, &e);
    is_int(a->assertions[1].status, STATUS_DISPUTED, "... reloaded, it is disputed");
    is_str(a->assertions[1].note, "no evidence", "... with the note");
    article_free(a);

    ok(store_tag(s, c1, STATUS_CORROBORATED, NULL, "bob", &e) == 0, "bob tags it corroborated, no note");
    a = store_load_article(s, art1, &e);
    is_int(a->assertions[1].status, STATUS_CORROBORATED, "... now corroborated");
    is_str(a->assertions[1].note, "no evidence", "... a NULL note keeps the note");
    article_free(a);

    n = store_tag_history(s, c1, &h, &e);
    is_int(n, 2, "history has both tags");
    if (n == 2) {
        is_int(h[0].status, STATUS_DISPUTED, "... oldest first");
        is_str(h[0].who, "alice", "... who");
        is_str(h[0].note, "no evidence", "... note");
        ok(iso_utc(h[0].when), "... when, ISO 8601 UTC (%s)", h[0].when);
        is_str(h[1].who, "bob", "... then bob");
    }
    tag_entries_free(h, n);

    ok(store_untag(s, c1, "bob", &st, &e) == 0, "bob undoes his tag");
    is_int(st, STATUS_DISPUTED, "... restoring what it replaced");
    a = store_load_article(s, art1, &e);
    is_int(a->assertions[1].status, STATUS_DISPUTED, "... and that is what is stored");
    article_free(a);
    n = store_tag_history(s, c1, &h, &e);
    is_int(n, 3, "... the undo is a new history row");
    if (n == 3) {
        is_int(h[2].status, STATUS_DISPUTED, "... with the restored status");
        is_str(h[2].who, "bob", "... by bob");
        is_int(h[1].status, STATUS_CORROBORATED, "... and the tag it undid is still there");
    }
    tag_entries_free(h, n);

    memset(&e, 0, sizeof e);
    ok(store_untag(s, c1, "bob", &st, &e) < 0, "bob has nothing left to undo");
    like(e.msg, "no tag by bob", "... saying so");
    like(e.msg, "C", "... naming the claim");

    ok(store_untag(s, c1, "alice", &st, &e) == 0, "alice undoes hers");
    is_int(st, STATUS_UNREVIEWED, "... back to unreviewed");
    a = store_load_article(s, art1, &e);
    ok(a->assertions[1].note == NULL, "... and no note");
    article_free(a);

    /* someone else's later tag stays in force when I withdraw mine */
    store_tag(s, q1, STATUS_DISPUTED, "a", "alice", &e);
    store_tag(s, q1, STATUS_CORROBORATED, "b", "bob", &e);
    ok(store_untag(s, q1, "alice", &st, &e) == 0, "alice withdraws a tag bob has overtaken");
    is_int(st, STATUS_CORROBORATED, "... bob's tag stays in force");

    memset(&e, 0, sizeof e);
    ok(store_tag(s, 424242, STATUS_DISPUTED, NULL, "alice", &e) < 0, "tagging a missing claim fails");
    like(e.msg, "no quote or claim 424242", "... saying so");
}

#define CHILD_TAGS 30

static void test_concurrent(const char *p)
{
    pid_t kids[2];
    int status, good = 0;
    err_t e = {{0}};

    fflush(stdout);
    for (int k = 0; k < 2; k++) {
        kids[k] = fork();
        if (kids[k] == 0) {
            err_t ce = {{0}};
            store_t *cs = store_open(p, 0, &ce);
            char who[16], note[32];
            int bad = 0;
            snprintf(who, sizeof who, "proc%d", k);
            for (int i = 0; cs && i < CHILD_TAGS; i++) {
                snprintf(note, sizeof note, "%s #%d", who, i);
                if (store_tag(cs, q2, i % 2 ? STATUS_CORROBORATED : STATUS_DISPUTED,
                              note, who, &ce)
                    || store_tag(cs, k ? q3 : c2, STATUS_DISPUTED, note, who, &ce)) {
                    fprintf(stderr, "child %d: %s\n", k, ce.msg);
                    bad = 1;
                    break;
                }
            }
            store_close(cs);
            _exit(cs && !bad ? 0 : 1);
        }
    }
    for (int k = 0; k < 2; k++)
        if (waitpid(kids[k], &status, 0) == kids[k] && WIFEXITED(status)
            && WEXITSTATUS(status) == 0)
            good++;
    is_int(good, 2, "two processes tag at once without an error");

    store_t *s = store_open(p, 0, &e);
    tag_entry_t *h;
    int n = store_tag_history(s, q2, &h, &e), mine[2] = {0, 0};
    is_int(n, 2 * CHILD_TAGS, "... every tag of both is in the history of the shared quote");
    for (int i = 0; i < n; i++)
        mine[strcmp(h[i].who, "proc1") == 0]++;
    ok(mine[0] == CHILD_TAGS && mine[1] == CHILD_TAGS, "... %d from each", CHILD_TAGS);
    tag_entries_free(h, n);
    n = store_tag_history(s, c2, &h, &e);
    is_int(n, CHILD_TAGS, "... and on each one's own claim");
    tag_entries_free(h, n);
    store_close(s);
}

/* Several processes opening a library that does not exist yet: one
** creates it, the others wait for it and use it. */
static void test_concurrent_create(void)
{
    char *p = path_in("race/lib.db");
    pid_t kids[4];
    int status, good = 0;
    err_t e = {{0}};

    fflush(stdout);
    for (int k = 0; k < 4; k++) {
        kids[k] = fork();
        if (kids[k] == 0) {
            err_t ce = {{0}};
            store_t *cs = store_open(p, STORE_CREATE, &ce);
            char *t = xasprintf("Article written by process %d.", k);
            article_t *a = text_article("Race", "2024-01-01", t);
            int bad = !cs || store_add_article(cs, a, NULL, &ce) != 0;
            if (bad)
                fprintf(stderr, "child %d: %s\n", k, ce.msg);
            article_free(a);
            free(t);
            store_close(cs);
            free(p);        /* the parent's, but this process's to free too */
            _exit(bad);
        }
    }
    for (int k = 0; k < 4; k++)
        if (waitpid(kids[k], &status, 0) == kids[k] && WIFEXITED(status)
            && WEXITSTATUS(status) == 0)
            good++;
    is_int(good, 4, "four processes creating one new library at once all succeed");
    store_t *s = store_open(p, 0, &e);
    is_int(s ? store_count_articles(s, &e) : -1, 4, "... and all their articles are in it");
    store_close(s);
    free(p);
}

static void test_speaker(store_t *s)
{
    err_t e = {{0}};

    /* Library order: article 2 (newer) first, then article 1. */
    is_int(store_next_by_speaker(s, q3, 1, &e), q1, "next quote by Berg continues into an older article");
    is_int(store_next_by_speaker(s, q1, 1, &e), q2, "... then her next quote in that article");
    is_int(store_next_by_speaker(s, q2, 1, &e), 0, "... then the end");
    is_int(store_next_by_speaker(s, q2, -1, &e), q1, "previous goes back");
    is_int(store_next_by_speaker(s, q1, -1, &e), q3, "... into the newer article");
    is_int(store_next_by_speaker(s, q3, -1, &e), 0, "... and stops at the start");
    is_int(store_next_by_speaker(s, c1, 1, &e), 0, "the Ministry has said nothing else");
}

static void test_relations(store_t *s)
{
    err_t e = {{0}};
    article_t *a;

    ok(store_add_relation(s, REL_SUPPORTS, ORIGIN_USER, q1, q2, &e) == 0, "a user adds a relation");
    ok(store_add_relation(s, REL_SUPPORTS, ORIGIN_USER, q1, q2, &e) == 0, "... adding it twice is harmless");
    ok(store_add_relation(s, REL_CONTRADICTS, ORIGIN_USER, q3, q2, &e) == 0,
       "... confirming an auto relation is fine");
    a = store_load_article(s, art1, &e);
    int n = 0, user = 0;
    for (size_t i = 0; i < a->nrelations; i++) {
        if (a->relations[i].from.id == q1 && a->relations[i].to.id == q2)
            n++;
        if (a->relations[i].from.id == q3 && a->relations[i].to.id == q2
            && a->relations[i].origin == ORIGIN_USER)
            user++;
    }
    is_int(n, 1, "... stored once");
    is_int(user, 1, "... and the confirmed one is now the user's");
    article_free(a);
    memset(&e, 0, sizeof e);
    ok(store_add_relation(s, REL_SUPPORTS, ORIGIN_USER, q1, q1, &e) < 0, "a relation to itself is refused");
    memset(&e, 0, sizeof e);
    ok(store_add_relation(s, REL_SUPPORTS, ORIGIN_USER, q1, 777, &e) < 0, "a relation to nothing is refused");
    like(e.msg, "777", "... naming the missing end");
}

static void test_list(store_t *s)
{
    err_t e = {{0}};
    article_summary_t page[3], all[16];
    int n, total = 0;
    const char *dates[] = { "2024-03-05", "2024-03-03", NULL, "2024-03-03", "2024-02-28" };

    for (int i = 0; i < 5; i++) {
        char *t = xasprintf("Filler story %d about harbour cranes number%d.", i, i);
        article_t *a = text_article(NULL, dates[i], t);
        store_add_article(s, a, NULL, &e);
        article_free(a);
        free(t);
    }
    /* page through with pages of 3 */
    article_summary_t *after = NULL, last;
    for (;;) {
        n = store_list(s, NULL, after, page, 3, &e);
        if (n <= 0)
            break;
        for (int i = 0; i < n && total < 16; i++)
            all[total++] = page[i];
        last = page[n - 1];
        after = &last;
    }
    is_int(n, 0, "paging ends with an empty page");
    is_int(total, 7, "paging returns every article once");
    bool ordered = true;
    for (int i = 1; i < total; i++) {
        int c = strcmp(all[i - 1].published, all[i].published);
        if (c < 0 || (c == 0 && all[i - 1].id <= all[i].id))
            ordered = false;
    }
    ok(ordered, "... newest first, then by id, undated last");
    is_str(all[0].published, "2024-03-05", "... the newest first");
    is_str(all[total - 1].published, "", "... the undated one last");
    int idx1 = -1;
    for (int i = 0; i < total; i++)
        if (all[i].id == art1)
            idx1 = i;
    ok(idx1 >= 0 && strcmp(all[idx1].source, "Test Wire") == 0
       && strcmp(all[idx1].title, "Ports attack denied") == 0, "... with source and title");
    ok(idx1 >= 0 && all[idx1].counts[STATUS_UNREVIEWED] + all[idx1].counts[STATUS_DISPUTED]
       + all[idx1].counts[STATUS_CORROBORATED] == 3, "... and claim counts by status");
    for (int i = 0; i < total; i++)
        summary_clear(&all[i]);

    int64_t *ids;
    size_t nids;
    ok(store_all_ids(s, &ids, &nids, &e) == 0 && nids == 7, "store_all_ids gives every id");
    ok(nids == 7 && ids[0] != art1 && ids[nids - 1] != art2, "... in library order");
    free(ids);

    n = store_list(s, "Berg", NULL, page, 3, &e);
    is_int(n, 2, "search finds both Berg articles");
    for (int i = 0; i < (n > 0 ? n : 0); i++)
        summary_clear(&page[i]);
    n = store_list(s, "ports attack", NULL, page, 3, &e);
    is_int(n, 2, "search ANDs the words (title and text)");
    ok(n > 0 && page[0].id == art2, "... newest first");
    for (int i = 0; i < (n > 0 ? n : 0); i++)
        summary_clear(&page[i]);
    memset(&e, 0, sizeof e);
    n = store_list(s, "\"Ukraine's", NULL, page, 3, &e);
    is_int(n, 1, "a query with a stray quote and an apostrophe works");
    ok(!e.msg[0], "... with no syntax error (%s)", e.msg);
    for (int i = 0; i < (n > 0 ? n : 0); i++)
        summary_clear(&page[i]);
    const char *nasty[] = { "AND", "(", "\"", "*", "NEAR(", "berg:", "-berg", "^x", "a OR" };
    bool fine = true;
    for (size_t i = 0; i < sizeof nasty / sizeof *nasty; i++) {
        memset(&e, 0, sizeof e);
        n = store_list(s, nasty[i], NULL, page, 3, &e);
        if (n < 0) {
            fine = false;
            printf("# %s: %s\n", nasty[i], e.msg);
        }
        for (int k = 0; k < (n > 0 ? n : 0); k++)
            summary_clear(&page[k]);
    }
    ok(fine, "FTS operators and punctuation never cause an error");
    n = store_list(s, "cranes", NULL, page, 2, &e);
    is_int(n, 2, "search pages too");
    if (n == 2) {
        article_summary_t l = page[1];
        l.source = l.title = NULL;
        int m = store_list(s, "cranes", &l, page + 2 - 2, 0, &e);
        is_int(m, 0, "... max 0 gives nothing");
        summary_clear(&page[0]);
        summary_clear(&page[1]);
        article_summary_t rest[8];
        m = store_list(s, "cranes", &l, rest, 8, &e);
        is_int(m, 3, "... the next page has the rest");
        for (int k = 0; k < (m > 0 ? m : 0); k++)
            summary_clear(&rest[k]);
    }
    is_int(store_list(s, "   ", NULL, page, 1, &e), 1, "a blank query lists everything");
    summary_clear(&page[0]);
}

static void test_delete(store_t *s, const char *p)
{
    err_t e = {{0}};
    article_summary_t page[4];
    article_t *a;
    long long front;

    front = raw(p, "SELECT count(*) FROM entities WHERE name = 'Northern Front'", NULL);
    is_int(front, 1, "the Northern Front entity exists");
    ok(store_delete_article(s, art2, &e) == 0, "delete article 2");
    ok(store_load_article(s, art2, &e) == NULL, "... it is gone");
    is_int(store_list(s, "responsibility", NULL, page, 4, &e), 0, "... and gone from the search index");
    is_int(store_list(s, "Berg", NULL, page, 4, &e), 1, "... the other Berg article is still found");
    summary_clear(&page[0]);
    a = store_load_article(s, art1, &e);
    int cross = 0;
    for (size_t i = 0; a && i < a->nrelations; i++)
        if (a->relations[i].from.index < 0 || a->relations[i].to.index < 0)
            cross++;
    is_int(cross, 0, "... relations into it went with it");
    is_int(a ? a->nentities : 0, 2, "... shared entities stay");
    article_free(a);
    is_int(raw(p, "SELECT count(*) FROM tags WHERE assertion IN (" "SELECT id FROM assertions WHERE article NOT IN (SELECT id FROM articles))", NULL),
           0, "... no tags are left behind");
    is_int(raw(p, "SELECT count(*) FROM entities WHERE name = 'Northern Front'", NULL), 0,
           "... entities no article uses any more are removed");
    is_int(raw(p, "SELECT count(*) FROM tags", NULL) > 0, 1, "... other tags stay");
    memset(&e, 0, sizeof e);
    ok(store_delete_article(s, art2, &e) < 0, "deleting it again fails");
    like(e.msg, "no article", "... saying so");
    int rc;
    raw(p, "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')", &rc);
    is_int(rc, SQLITE_OK, "the FTS index passes its integrity check");
    is_int(raw(p, "SELECT count(*) FROM pragma_foreign_key_check", NULL), 0, "no dangling foreign keys");
}

static void test_replace_auto(store_t *s)
{
    err_t e = {{0}};
    const char *t = "Officials said the bridge was safe. Engineers said it was not. "
                    "Locals said nothing.";
    article_t *a = text_article("Bridge", "2023-05-05", t), *f, *b;
    add_entity(a, NULL, "Officials", KIND_ORGANIZATION, "Officials");
    add_assertion(a, NULL, ASSERT_CLAIM, 0, "the bridge was safe");      /* auto, tagged */
    add_assertion(a, NULL, ASSERT_CLAIM, -1, "it was not");              /* auto, dropped */
    add_assertion(a, "C5", ASSERT_CLAIM, -1, "nothing");                 /* imported */
    ok(store_add_article(s, a, NULL, &e) == 0, "add an article with auto annotations");
    int64_t tagged = a->assertions[0].id, dropped = a->assertions[1].id, imported = a->assertions[2].id;
    store_tag(s, tagged, STATUS_DISPUTED, NULL, "carol", &e);

    f = text_article(NULL, NULL, t);
    add_entity(f, NULL, "Engineers", KIND_ORGANIZATION, "Engineers");
    add_assertion(f, NULL, ASSERT_CLAIM, 0, "it was not");
    add_assertion(f, NULL, ASSERT_CLAIM, -1, "the bridge was safe");
    relation_t *r = article_add_relation(f);
    r->type = REL_CONTRADICTS;
    r->origin = ORIGIN_AUTO;
    r->from.index = 0;
    r->to.index = 1;
    memset(&e, 0, sizeof e);
    ok(store_replace_auto(s, a->id, f, &e) == 0, "re-annotate it");
    if (e.msg[0])
        printf("# %s\n", e.msg);
    b = store_load_article(s, a->id, &e);
    bool has_tagged = false, has_dropped = false, has_imported = false;
    size_t nsafe = 0;
    for (size_t i = 0; b && i < b->nassertions; i++) {
        has_tagged |= b->assertions[i].id == tagged;
        has_dropped |= b->assertions[i].id == dropped;
        has_imported |= b->assertions[i].id == imported;
        nsafe += strncmp(b->text + b->assertions[i].span.start, "the bridge", 10) == 0;
    }
    ok(has_tagged && has_imported, "... tagged and imported assertions stay");
    ok(!has_dropped, "... untagged auto ones are replaced");
    is_int(nsafe, 1, "... and one found again is not stored twice");
    is_int(b ? b->nassertions : 0, 3, "... the new one is added");
    is_int(b ? b->nrelations : 0, 1, "... with the new relation");
    is_int(f->assertions[1].id, tagged, "... the fresh article's ids point at what is stored");
    article_free(b);
    article_free(f);
    article_free(a);
}

/* A library removed, or replaced by another file, while it is open:
** SQLite writes on into the file it has open, which nobody opens again,
** and the reader said "saved" of tags that were lost.  The store refuses
** the change, saying why. */
static void test_removed(const char *p)
{
    err_t e = {{0}};
    char *away = xasprintf("%s.away", p);
    store_t *s = store_open(p, 0, &e);
    ok(s != NULL, "a library open for writing");
    ok(s && rename(p, away) == 0, "... moved away while it is open");
    ok(s && store_tag(s, c1, STATUS_DISPUTED, NULL, "dave", &e) < 0, "... a tag is refused");
    like(e.msg, "was removed or replaced while open; open it again", "... saying why");
    ok(rename(away, p) == 0, "... moved back");
    memset(&e, 0, sizeof e);
    ok(s && store_tag(s, c1, STATUS_DISPUTED, NULL, "dave", &e) == 0, "... the same file again: saved");
    ok(s && store_untag(s, c1, "dave", NULL, &e) == 0, "... and undone");
    store_close(s);
    free(away);
}

static void test_readonly(const char *p)
{
    err_t e = {{0}};
    store_t *s = store_open(p, STORE_READONLY, &e);
    size_t n0, n1;
    char *before = slurp(p, &n0), *after;

    ok(s != NULL, "open read-only with STORE_READONLY");
    ok(s && store_readonly(s), "... store_readonly says so");
    article_t *a = s ? store_load_article(s, art1, &e) : NULL;
    ok(a != NULL, "... articles load");
    article_free(a);
    memset(&e, 0, sizeof e);
    ok(s && store_tag(s, c1, STATUS_DISPUTED, NULL, "dave", &e) < 0, "... tagging fails");
    like(e.msg, "read-only", "... saying the library is read-only");
    store_close(s);
    after = slurp(p, &n1);
    ok(n0 == n1 && memcmp(before, after, n0) == 0, "... and the file is unchanged");
    free(before);
    free(after);

    if (geteuid() == 0) {
        for (int i = 0; i < 6; i++)
            printf("ok %d - read-only file opened without STORE_READONLY # SKIP running as root, "
                   "which ignores file modes\n", ++tap_n);
        return;
    }
    chmod(p, 0444);
    memset(&e, 0, sizeof e);
    s = store_open(p, 0, &e);
    ok(s && store_readonly(s), "a read-only file opens for reading without asking");
    if (!s)
        printf("# %s\n", e.msg);
    a = s ? store_load_article(s, art1, &e) : NULL;
    ok(a != NULL, "... articles load");
    article_free(a);
    memset(&e, 0, sizeof e);
    ok(s && store_tag(s, c1, STATUS_DISPUTED, NULL, "dave", &e) < 0 && strstr(e.msg, "read-only"),
       "... tagging says the library is read-only");
    store_close(s);
    chmod(p, 0644);
    /* SQLite gives the -wal and -shm files the database's mode. */
    char *side = xasprintf("%s-wal", p);
    chmod(side, 0644);
    free(side);
    side = xasprintf("%s-shm", p);
    chmod(side, 0644);
    free(side);

    /* a library in a directory nobody may write to */
    char *rodir = path_in("rodir"), *rop = path_in("rodir/lib.db");
    s = store_open(rop, STORE_CREATE, &e);
    a = text_article("Read only", "2024-01-01", "Text in a read-only directory.");
    add_assertion(a, NULL, ASSERT_CLAIM, -1, "read-only");
    store_add_article(s, a, NULL, &e);
    int64_t id = a->id, cid = a->assertions[0].id;
    article_free(a);
    store_close(s);
    chmod(rodir, 0555);
    memset(&e, 0, sizeof e);
    s = store_open(rop, 0, &e);
    ok(s && store_readonly(s), "a library in a read-only directory opens for reading");
    if (!s)
        printf("# %s\n", e.msg);
    a = s ? store_load_article(s, id, &e) : NULL;
    ok(a != NULL, "... articles load");
    article_free(a);
    memset(&e, 0, sizeof e);
    ok(s && store_tag(s, cid, STATUS_DISPUTED, NULL, "dave", &e) < 0 && strstr(e.msg, "read-only"),
       "... tagging says the library is read-only");
    store_close(s);
    chmod(rodir, 0755);
    free(rodir);
    free(rop);
}

static void test_busy(const char *p)
{
    err_t e = {{0}};
    store_t *s = store_open(p, 0, &e);
    sqlite3 *db;

    sqlite3_open(p, &db);
    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    ok(store_tag(s, c1, STATUS_DISPUTED, NULL, "erin", &e) < 0,
       "tagging while another writer holds the lock past the timeout fails");
    like(e.msg, "busy", "... saying the library is busy");
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    memset(&e, 0, sizeof e);
    ok(store_tag(s, c1, STATUS_DISPUTED, NULL, "erin", &e) == 0, "... and works once it is free");
    store_close(s);
}

/* A write that runs out of room (a file size limit stands in for a full
** disk) fails with a message and leaves the library as it was. */
static void test_full(const char *p)
{
    err_t e = {{0}};
    store_t *s = store_open(p, 0, &e);
    int64_t before = store_count_articles(s, &e);
    int fds[2], status = -1;
    char msg[1024] = "";

    store_close(s);
    fflush(stdout);
    if (pipe(fds) != 0)
        return;
    pid_t kid = fork();
    if (kid == 0) {
        err_t ce = {{0}};
        struct rlimit r;
        store_t *cs = store_open(p, 0, &ce);
        strbuf_t b = {0};
        signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &r);
        r.rlim_cur = 64 * 1024;
        setrlimit(RLIMIT_FSIZE, &r);
        for (int i = 0; i < 20000; i++)
            sb_printf(&b, "Word%d and more words. ", i);
        article_t *a = text_article("Too big", "2024-01-01", b.s);
        int rc = cs ? store_add_article(cs, a, NULL, &ce) : 0;
        if (write(fds[1], ce.msg, strlen(ce.msg)) < 0)
            rc = 0;
        article_free(a);
        sb_free(&b);
        store_close(cs);
        _exit(rc < 0 ? 0 : 1);
    }
    close(fds[1]);
    ssize_t n = read(fds[0], msg, sizeof msg - 1);
    msg[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    waitpid(kid, &status, 0);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "adding an article when the disk is full fails");
    like(msg, "cannot", "... with a message (%s)", msg);
    s = store_open(p, 0, &e);
    is_int(store_count_articles(s, &e), before, "... and the library has what it had");
    store_close(s);
    char *q = NULL;
    sqlite3 *db;
    sqlite3_stmt *st;
    sqlite3_open(p, &db);
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        q = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    is_str(q, "ok", "... and passes the integrity check");
    free(q);
}

static void test_nesting(store_t *s)
{
    err_t e = {{0}};
    int64_t before = store_count_articles(s, &e);
    article_t *a = text_article("Nested one", NULL, "First nested text."),
              *b = text_article("Nested two", NULL, "Second nested text.");

    ok(store_begin(s, &e) == 0, "begin an outer transaction");
    store_add_article(s, a, NULL, &e);
    store_add_article(s, b, NULL, &e);
    store_rollback(s);
    is_int(store_count_articles(s, &e), before, "rolling it back undoes the inner adds");
    ok(store_begin(s, &e) == 0 && store_add_article(s, a, NULL, &e) == 0
       && store_commit(s, &e) == 0, "commit an outer transaction");
    is_int(store_count_articles(s, &e), before + 1, "... its adds stay");
    article_free(a);
    article_free(b);
}

/* ---------------------------------------------------------------------
** Entity matching (store_add_article): by name, then by a library alias;
** never through the incoming entity's aliases.
*/
static const entity_t *entity_by_id(const article_t *b, int64_t id)
{
    for (size_t i = 0; b && i < b->nentities; i++)
        if (b->entities[i].id == id)
            return &b->entities[i];
    return NULL;
}

static bool has_alias(const entity_t *en, const char *alias)
{
    for (size_t i = 0; en && i < en->naliases; i++)
        if (strcmp(en->aliases[i], alias) == 0)
            return true;
    return false;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Name, kind, aliases and mentions of every entity of an article, one
** line each, sorted (library ids and alias order may differ between
** libraries): what must survive export and import. */
static char *entity_digest(const article_t *a)
{
    char **lines = xcalloc(a->nentities + 1, sizeof *lines);
    strbuf_t b = {0};

    for (size_t i = 0; i < a->nentities; i++) {
        const entity_t *en = &a->entities[i];
        char **al = xcalloc(en->naliases + 1, sizeof *al);
        strbuf_t l = {0};
        if (en->naliases)   /* memcpy from NULL is undefined even for 0 bytes */
            memcpy(al, en->aliases, en->naliases * sizeof *al);
        qsort(al, en->naliases, sizeof *al, cmp_str);
        sb_printf(&l, "%s|%s|", en->name, entity_kind_name(en->kind));
        for (size_t k = 0; k < en->naliases; k++)
            sb_printf(&l, "%s,", al[k]);
        sb_adds(&l, "|");
        for (size_t k = 0; k < en->nmentions; k++)
            sb_printf(&l, "[%lld,%lld]", (long long)en->mentions[k].start,
                      (long long)en->mentions[k].end);
        lines[i] = sb_steal(&l);
        free(al);
    }
    qsort(lines, a->nentities, sizeof *lines, cmp_str);
    for (size_t i = 0; i < a->nentities; i++) {
        sb_printf(&b, "%s\n", lines[i]);
        free(lines[i]);
    }
    free(lines);
    return sb_steal(&b);
}

static const char city1[] =
    "Gunmen attacked a concert hall in Dravna. Velmora blamed Ostrevia.";
static const char city2[] =
    "Velmora, which some call Dravna, sent aid. Dravna mourned.";

/* The Dravna story: two articles about two places.  In the second,
** Velmora carries the alias "Dravna" (a sloppy annotation) and comes
** before Dravna. */
static article_t *make_city(int which)
{
    article_t *a;
    if (which == 1) {
        a = text_article("Concert hall attack", "2024-03-22", city1);
        add_entity(a, "E1", "Dravna", KIND_PLACE, "Dravna");
        add_entity(a, "E2", "Velmora", KIND_PLACE, "Velmora");
    } else {
        a = text_article("Mourning", "2024-03-23", city2);
        entity_t *v = add_entity(a, "E1", "Velmora", KIND_PLACE, "Velmora");
        entity_add_alias(v, "Dravna");
        add_entity(a, "E2", "Dravna", KIND_PLACE, "Dravna mourned");
        a->entities[1].mentions[0].end = a->entities[1].mentions[0].start + 6;
    }
    return a;
}

/* Store a loaded article in another library as an import would: ids
** gone, xids set. */
static int readd(store_t *s, article_t *a, err_t *e)
{
    a->id = 0;
    for (size_t i = 0; i < a->nentities; i++) {
        a->entities[i].id = 0;
        a->entities[i].xid = xasprintf("E%zu", i + 1);
    }
    for (size_t i = 0; i < a->nassertions; i++) {
        a->assertions[i].id = 0;
        a->assertions[i].xid = xasprintf("Q%zu", i + 1);
    }
    return store_add_article(s, a, NULL, e);
}

static void test_entity_matching(void)
{
    err_t e = {{0}};
    char *pa = path_in("match-a.db"), *pb = path_in("match-b.db"), *pc = path_in("match-c.db");
    store_t *s = store_open(pa, STORE_CREATE, &e);
    article_t *a = make_city(1), *b = make_city(2), *x;
    int64_t dravna, velmora, ids[2];

    ok(store_add_article(s, a, NULL, &e) == 0 && store_add_article(s, b, NULL, &e) == 0,
       "add the two Dravna articles");
    dravna = a->entities[0].id;
    velmora = a->entities[1].id;
    ok(dravna != velmora, "Dravna and Velmora are two places");
    is_int(b->entities[0].id, velmora, "Velmora (alias Dravna) is matched by its name");
    is_int(b->entities[1].id, dravna, "... and Dravna by its name, not through Velmora's alias");
    x = store_load_article(s, b->id, &e);
    ok(x && !has_alias(entity_by_id(x, velmora), "Dravna"),
       "an alias that is another place's name is not added to Velmora");
    article_free(x);
    ids[0] = a->id;
    ids[1] = b->id;
    article_free(a);
    article_free(b);

    /* export -> import -> export: load both, add them newest first (the
    ** order an export writes) to a fresh library, and compare. */
    store_t *t = store_open(pb, STORE_CREATE, &e);
    bool same = true;
    for (int i = 1; i >= 0; i--) {
        article_t *orig = store_load_article(s, ids[i], &e);
        article_t *copy = store_load_article(s, ids[i], &e);
        if (!orig || !copy || readd(t, copy, &e) != 0) {
            same = false;
            printf("# %s\n", e.msg);
        } else {
            article_t *back = store_load_article(t, copy->id, &e);
            char *d1 = entity_digest(orig), *d2 = back ? entity_digest(back) : xstrdup("");
            if (strcmp(d1, d2) != 0) {
                same = false;
                printf("# before:\n# %s# after:\n# %s", d1, d2);
            }
            free(d1);
            free(d2);
            article_free(back);
        }
        article_free(orig);
        article_free(copy);
    }
    ok(same, "export then import into a fresh library gives the same entities, "
       "aliases and mentions");
    store_close(t);

    /* Both in ONE article, Velmora (alias Dravna) first: still two places. */
    t = store_open(pc, STORE_CREATE, &e);
    a = text_article("Both", "2024-03-24", city2);
    entity_t *v = add_entity(a, NULL, "Velmora", KIND_PLACE, "Velmora");
    entity_add_alias(v, "Dravna");
    add_entity(a, NULL, "Dravna", KIND_PLACE, "Dravna");
    ok(store_add_article(t, a, NULL, &e) == 0, "an article naming Velmora (alias Dravna) "
       "before Dravna");
    ok(a->entities[0].id != a->entities[1].id, "... stores two places");
    x = store_load_article(t, a->id, &e);
    ok(x && !has_alias(entity_by_id(x, a->entities[0].id), "Dravna"),
       "... and Velmora does not get Dravna as an alias");
    article_free(x);
    article_free(a);

    /* Case folding is Unicode's, not the locale's; the incoming aliases
    ** join the matched entity. */
    a = text_article("Folds", "2024-03-25", "Die Hauptstraße in \xc3\x89lysia.");
    add_entity(a, NULL, "Hauptstra\xc3\x9f" "e", KIND_PLACE, "Hauptstra");
    add_entity(a, NULL, "\xc3\x89lysia", KIND_PLACE, "\xc3\x89lysia");
    ok(store_add_article(t, a, NULL, &e) == 0, "add places with \xc3\x9f and \xc3\x89");
    b = text_article("Folds 2", "2024-03-26", "HAUPTSTRASSE and \xc3\xa9lysia again.");
    add_entity(b, NULL, "HAUPTSTRASSE", KIND_PLACE, "HAUPTSTRASSE");
    entity_t *el = add_entity(b, NULL, "\xc3\xa9lysia", KIND_PLACE, "\xc3\xa9lysia");
    entity_add_alias(el, "Elysia City");
    ok(store_add_article(t, b, NULL, &e) == 0, "add them again in other cases");
    is_int(b->entities[0].id, a->entities[0].id, "HAUPTSTRASSE is Hauptstra\xc3\x9f" "e (full case folding)");
    is_int(b->entities[1].id, a->entities[1].id, "\xc3\xa9lysia is \xc3\x89lysia");
    x = store_load_article(t, b->id, &e);
    ok(x && has_alias(entity_by_id(x, b->entities[1].id), "Elysia City"),
       "... and its new alias joins the library entity");
    article_free(x);
    article_free(a);
    article_free(b);

    /* A name equal to a library alias matches that entity, the lowest id
    ** when several share the alias. */
    a = text_article("Two Kovacs", "2024-03-27", "Anna Kovacs and Lena Kovacs spoke.");
    entity_t *k1 = add_entity(a, NULL, "Anna Kovacs", KIND_PERSON, "Anna Kovacs");
    entity_add_alias(k1, "Kovacs");
    entity_t *k2 = add_entity(a, NULL, "Lena Kovacs", KIND_PERSON, "Lena Kovacs");
    entity_add_alias(k2, "Kovacs");
    ok(store_add_article(t, a, NULL, &e) == 0, "two people who share the alias Kovacs");
    b = text_article("Kovacs", "2024-03-28", "KOVACS said nothing.");
    add_entity(b, NULL, "KOVACS", KIND_PERSON, "KOVACS");
    ok(store_add_article(t, b, NULL, &e) == 0, "an article naming just KOVACS");
    is_int(b->entities[0].id, a->entities[0].id < a->entities[1].id
           ? a->entities[0].id : a->entities[1].id, "... is the one with the lower id");
    article_free(a);
    article_free(b);

    /* A name beats an alias, even one stored by an older contra that let
    ** an alias name another entity. */
    a = text_article("Legacy", "2024-03-29", "Brenn and Corvale.");
    add_entity(a, NULL, "Corvale", KIND_PLACE, "Corvale");
    add_entity(a, NULL, "Brenn", KIND_PLACE, "Brenn");
    ok(store_add_article(t, a, NULL, &e) == 0, "add Corvale, then Brenn");
    store_close(t);
    char *sql = xasprintf("INSERT INTO entity_aliases(entity, alias, fold)"
                          " VALUES (%lld, 'Brenn', 'brenn')", (long long)a->entities[0].id);
    int rc;
    raw(pc, sql, &rc);
    free(sql);
    is_int(rc, SQLITE_OK, "give Corvale (the lower id) the alias Brenn behind contra's back");
    t = store_open(pc, 0, &e);
    b = text_article("Legacy 2", "2024-03-30", "Brenn again.");
    add_entity(b, NULL, "Brenn", KIND_PLACE, "Brenn");
    ok(store_add_article(t, b, NULL, &e) == 0, "add an article naming Brenn");
    is_int(b->entities[0].id, a->entities[1].id, "... it is Brenn, matched by name before any alias");
    article_free(a);
    article_free(b);
    store_close(t);

    store_close(s);
    free(pa);
    free(pb);
    free(pc);
}

/* ---------------------------------------------------------------------
** Re-annotation keeps the ids of what it finds again.
*/
static const char bridge[] =
    "Officials said the bridge was safe. Engineers said it was not. "
    "Locals said nothing. Mayor Oda Brandt said repairs would start soon.";

/* What the annotator would find in bridge[]; cue_said picks which "said"
** is the cue of the first claim (to change a detail between runs). */
static article_t *bridge_fresh(int cue_said)
{
    article_t *f = text_article(NULL, NULL, bridge);
    add_entity(f, NULL, "Officials", KIND_ORGANIZATION, "Officials");
    add_entity(f, NULL, "Engineers", KIND_ORGANIZATION, "Engineers");
    assertion_t *q = add_assertion(f, NULL, ASSERT_CLAIM, 0, "the bridge was safe");
    q->cue_span = find(f, cue_said ? "said the bridge" : "Officials said");
    q->cue_span.end = q->cue_span.start + (cue_said ? 4 : 9);
    add_assertion(f, NULL, ASSERT_CLAIM, 1, "it was not");
    add_assertion(f, NULL, ASSERT_CLAIM, -1, "repairs would start soon");
    relation_t *r = article_add_relation(f);
    r->type = REL_CONTRADICTS;
    r->origin = ORIGIN_AUTO;
    r->from.index = 1;
    r->to.index = 0;
    return f;
}

static void test_replace_stable(store_t *s, const char *p)
{
    err_t e = {{0}};
    article_t *a = bridge_fresh(1), *f, *b;
    int64_t art, ids[3], rel, mention_max, ent_max;

    add_assertion(a, "C9", ASSERT_CLAIM, -1, "nothing");             /* imported */
    ok(store_add_article(s, a, NULL, &e) == 0, "add the bridge article with auto annotations");
    art = a->id;
    for (int i = 0; i < 3; i++)
        ids[i] = a->assertions[i].id;
    rel = a->relations[0].id;
    int64_t imported = a->assertions[3].id;
    mention_max = raw(p, "SELECT max(id) FROM mentions", NULL);
    ent_max = raw(p, "SELECT max(id) FROM entities", NULL);
    store_tag(s, ids[1], STATUS_DISPUTED, "engineers disagree", "carol", &e);

    /* the same annotations again, one cue span changed */
    f = bridge_fresh(0);
    memset(&e, 0, sizeof e);
    ok(store_replace_auto(s, art, f, &e) == 0, "re-annotate with the same findings");
    if (e.msg[0])
        printf("# %s\n", e.msg);
    ok(f->assertions[0].id == ids[0] && f->assertions[1].id == ids[1]
       && f->assertions[2].id == ids[2], "... every claim keeps its id");
    is_int(f->relations[0].id, rel, "... the relation keeps its id");
    is_int(raw(p, "SELECT max(id) FROM mentions", NULL), mention_max, "... no mention is re-added");
    is_int(raw(p, "SELECT max(id) FROM entities", NULL), ent_max, "... nor any entity");
    b = store_load_article(s, art, &e);
    is_int(b ? b->nassertions : 0, 4, "... nothing is stored twice");
    ok(b && b->assertions[0].id == ids[0] && b->assertions[0].cue_span.start
       == f->assertions[0].cue_span.start && b->assertions[0].cue_span.end
       == f->assertions[0].cue_span.end, "... a changed detail (the cue) is updated in place");
    const assertion_t *t = NULL;
    for (size_t i = 0; b && i < b->nassertions; i++)
        if (b->assertions[i].id == ids[1])
            t = &b->assertions[i];
    ok(t && t->status == STATUS_DISPUTED && t->note && strcmp(t->note, "engineers disagree") == 0,
       "... the tagged claim keeps its id, its tag and its note");
    article_free(b);
    article_free(f);

    /* twice more: nothing changes at all */
    f = bridge_fresh(0);
    b = store_load_article(s, art, &e);
    ok(store_replace_auto(s, art, f, &e) == 0, "re-annotate again");
    article_t *c = store_load_article(s, art, &e);
    bool same = b && c && b->nassertions == c->nassertions && b->nentities == c->nentities
        && b->nrelations == c->nrelations;
    for (size_t i = 0; same && i < b->nassertions; i++)
        same = b->assertions[i].id == c->assertions[i].id
            && b->assertions[i].cue_span.start == c->assertions[i].cue_span.start;
    for (size_t i = 0; same && i < b->nentities; i++)
        same = b->entities[i].id == c->entities[i].id
            && b->entities[i].nmentions == c->entities[i].nmentions;
    for (size_t i = 0; same && i < b->nrelations; i++)
        same = b->relations[i].id == c->relations[i].id;
    ok(same, "... gives the identical article, ids and all");
    article_free(b);
    article_free(c);
    article_free(f);

    /* a different speaker is a different claim; a fresh claim at the span
    ** of an imported one is that one */
    f = bridge_fresh(0);
    f->assertions[2].speaker = 1;
    assertion_t *dup = add_assertion(f, NULL, ASSERT_CLAIM, 0, "nothing");
    (void)dup;
    memset(&e, 0, sizeof e);
    ok(store_replace_auto(s, art, f, &e) == 0, "re-annotate with a new speaker and a claim "
       "where an imported one is");
    ok(f->assertions[2].id != ids[2], "... the claim with another speaker is a new one");
    char *sql = xasprintf("SELECT count(*) FROM assertions WHERE article = %lld"
                          " AND span_start = %lld", (long long)art,
                          (long long)f->assertions[2].span.start);
    is_int(raw(p, sql, NULL), 1, "... which replaces the old one");
    free(sql);
    is_int(f->assertions[3].id, imported, "... the one at the imported claim's span is the imported one");
    b = store_load_article(s, art, &e);
    is_int(b ? b->nassertions : 0, 4, "... which is not stored twice, and the old claim went");
    article_free(b);
    article_free(f);

    /* a fresh claim covering mostly the imported one's words is that one
    ** too, and a tagged one's; one beside them is not */
    f = bridge_fresh(0);
    f->assertions[2].speaker = 1;
    add_assertion(f, NULL, ASSERT_CLAIM, 0, "said nothing");
    add_assertion(f, NULL, ASSERT_CLAIM, 0, "said it was not");
    add_assertion(f, NULL, ASSERT_CLAIM, 1, "said it was not");
    add_assertion(f, NULL, ASSERT_CLAIM, -1, "Locals said");
    memset(&e, 0, sizeof e);
    ok(store_replace_auto(s, art, f, &e) == 0, "re-annotate with claims that overlap others");
    is_int(f->assertions[3].id, imported, "... one over the imported claim's words is that claim");
    ok(f->assertions[4].id != ids[1] && f->assertions[4].id != imported,
       "... one over the tagged claim's words by another speaker is a claim of its own");
    is_int(f->assertions[5].id, ids[1], "... one by its speaker is that claim");
    b = store_load_article(s, art, &e);
    is_int(b ? b->nassertions : 0, 6, "... and only the claims beside them are added");
    article_free(b);
    article_free(f);

    /* an auto mention where an imported one is, for another entity, is
    ** skipped, and its entity does not linger with no mention */
    article_t *g = text_article("Mayor", "2024-06-01", "Mayor Oda Brandt opened the bridge.");
    add_entity(g, "E1", "Oda Brandt", KIND_PERSON, "Oda Brandt");
    ok(store_add_article(s, g, NULL, &e) == 0, "add an article with an imported mention");
    f = text_article(NULL, NULL, g->text);
    add_entity(f, NULL, "Brandt Oda", KIND_PERSON, "Oda Brandt");
    ok(store_replace_auto(s, g->id, f, &e) == 0, "re-annotate: another entity at that span");
    b = store_load_article(s, g->id, &e);
    ok(b && b->nentities == 1 && strcmp(b->entities[0].name, "Oda Brandt") == 0
       && b->entities[0].nmentions == 1, "... the imported mention alone marks the words");
    is_int(raw(p, "SELECT count(*) FROM entities WHERE name = 'Brandt Oda'", NULL), 0,
           "... and the skipped entity is not left in the library");
    article_free(b);
    article_free(f);
    article_free(g);
    article_free(a);
}

/* ---------------------------------------------------------------------
** The queries behind stepping through a speaker's quotes (s/S) and an
** entity's mentions must find their rows through an index, not by reading
** the whole table.  The SQL below mirrors ST_SPEAKER_NEXT, ST_SPEAKER_PREV
** and ST_DELETE_ORPHAN in store.c; change both together.
*/
static char *query_plan(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    strbuf_t b = {0};
    char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql);

    sqlite3_open(path, &db);
    if (sqlite3_prepare_v2(db, eqp, -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            sb_printf(&b, "%s; ", (const char *)sqlite3_column_text(st, 3));
        sqlite3_finalize(st);
    } else {
        sb_printf(&b, "error: %s", sqlite3_errmsg(db));
    }
    sqlite3_close(db);
    free(eqp);
    return sb_steal(&b);
}

static void test_indexes(const char *p)
{
    static const struct { const char *what, *sql, *index; } q[] = {
        { "the next quote by a speaker",
          "SELECT q.id FROM assertions q JOIN articles a ON a.id = q.article"
          " WHERE q.speaker = ?1 AND q.kind = 'quote'"
          " AND ((a.published, a.id) < (?2, ?3)"
          "      OR (a.id = ?3 AND (q.span_start, q.id) > (?4, ?5)))"
          " ORDER BY a.published DESC, a.id DESC, q.span_start, q.id LIMIT 1",
          "assertions_by_speaker" },
        { "the previous quote by a speaker",
          "SELECT q.id FROM assertions q JOIN articles a ON a.id = q.article"
          " WHERE q.speaker = ?1 AND q.kind = 'quote'"
          " AND ((a.published, a.id) > (?2, ?3)"
          "      OR (a.id = ?3 AND (q.span_start, q.id) < (?4, ?5)))"
          " ORDER BY a.published, a.id, q.span_start DESC, q.id DESC LIMIT 1",
          "assertions_by_speaker" },
        { "an entity's mentions",
          "SELECT article, span_start FROM mentions WHERE entity = ?1",
          "mentions_by_entity" },
        { "whether an entity is still used",
          "DELETE FROM entities WHERE id = ?1"
          " AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity = ?1)"
          " AND NOT EXISTS (SELECT 1 FROM assertions WHERE speaker = ?1)",
          "mentions_by_entity" },
    };
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        char *plan = query_plan(p, q[i].sql);
        ok(strstr(plan, q[i].index) && !strstr(plan, "SCAN assertions")
           && !strstr(plan, "SCAN mentions") && !strstr(plan, "SCAN q"),
           "%s is found through %s (%s)", q[i].what, q[i].index, plan);
        free(plan);
    }
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/test_store.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char *p = path_in("new/deeper/lib.db");
    err_t e = {{0}};

    test_open();
    test_migration2();
    test_migration7();
    test_search_many();
    test_refusals();
    store_t *s = store_open(p, 0, &e);
    test_constraints(s, p);
    test_round_trip(s);
    test_tags(s);
    store_close(s);
    test_concurrent(p);
    test_concurrent_create();
    s = store_open(p, 0, &e);
    test_speaker(s);
    test_relations(s);
    test_list(s);
    test_delete(s, p);
    test_replace_auto(s);
    test_replace_stable(s, p);
    test_nesting(s);
    store_close(s);
    test_removed(p);
    test_readonly(p);
    test_busy(p);
    test_full(p);
    test_indexes(p);
    test_entity_matching();
    free(p);

    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    free(cmd);
    return done_testing();
}
