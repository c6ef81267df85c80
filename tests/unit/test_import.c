/*
** test_import.c: import_path() against a real library: every article of
** a file in one transaction, duplicates, relations across the articles of
** a file, and for every bad input the message and a library left exactly
** as it was.  Also export -> import through two libraries.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "fmt_dump.h"
#include "formats.h"
#include "import.h"
#include "lexicon.h"
#include "store.h"
#include "store_fts.h"

static char tmpdir[] = "/tmp/contra-test-import-XXXXXX";

static const char *datadir(void)
{
    const char *d = getenv("TESTDATA");
    return d ? d : "tests/data";
}

static char *data(const char *rel)
{
    return xasprintf("%s/%s", datadir(), rel);
}

static store_t *fresh_store(const char *name)
{
    err_t e = {{0}};
    char *p = xasprintf("%s/%s.db", tmpdir, name);
    store_t *s = store_open(p, STORE_CREATE, &e);
    if (!s)
        printf("# cannot open %s: %s\n", p, e.msg);
    free(p);
    return s;
}

static int64_t count(store_t *s)
{
    err_t e = {{0}};
    return store_count_articles(s, &e);
}

/* A file written for one test, in the scratch directory. */
static char *scratch(const char *name, const char *content, size_t len)
{
    char *p = xasprintf("%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    fwrite(content, 1, len, f);
    fclose(f);
    return p;
}

/* Import a file that must fail: the message contains want and the
** library holds as many articles as before. */
static void refused(store_t *s, const char *path, const char *want, const char *what)
{
    err_t e = {{0}};
    import_result_t res = {0};
    int64_t before = count(s);
    ok(import_path(s, path, NULL, NULL, &res, &e) == -1, "%s: refused", what);
    like(e.msg, want, "%s: message", what);
    is_int(count(s), before, "%s: library unchanged", what);
    ok(res.n == 0, "%s: no result rows", what);
    import_result_free(&res);
}

static void test_json_file(store_t *s)
{
    err_t e = {{0}};
    import_result_t res = {0};
    char *p = data("json/two.json");
    ok(import_path(s, p, NULL, NULL, &res, &e) == 0, "two.json imports");
    if (err_is_set(&e))
        printf("#   %s\n", e.msg);
    is_int(res.n, 2, "two articles reported");
    is_int(res.format, FMT_JSON, "read as JSON");
    is_int(count(s), 2, "two articles stored");
    if (res.n == 2) {
        ok(!res.v[0].duplicate && res.v[0].id > 0, "first is new, with an id");
        is_str(res.v[0].title, "Valmora blames Kestria for depot attack", "title reported");
        is_int(res.v[0].nentities, 4, "entities counted");
        is_int(res.v[0].nquotes, 1, "quotes counted");
        is_int(res.v[0].nclaims, 2, "claims counted");
        is_int(res.v[1].nrelations, 2, "relations counted, the cross-article one too");

        /* The relation from article 2 into article 1 is in the library. */
        article_t *a1 = store_load_article(s, res.v[0].id, &e);
        article_t *a2 = store_load_article(s, res.v[1].id, &e);
        int cross_in = 0, cross_out = 0;
        for (size_t i = 0; a1 && i < a1->nrelations; i++)
            if (a1->relations[i].from.index < 0 && a1->relations[i].to.index >= 0
                && a1->assertions[a1->relations[i].to.index].kind == ASSERT_QUOTE)
                cross_in++;
        for (size_t i = 0; a2 && i < a2->nrelations; i++)
            if (a2->relations[i].to.index < 0 && a2->relations[i].to.article_id == res.v[0].id)
                cross_out++;
        is_int(cross_in, 1, "article 1's quote has the relation from article 2");
        is_int(cross_out, 1, "article 2 has the relation into article 1");
        article_free(a1);
        article_free(a2);
    }
    import_result_free(&res);

    ok(import_path(s, p, NULL, NULL, &res, &e) == 0, "the same file again");
    ok(res.n == 2 && res.v[0].duplicate && res.v[1].duplicate, "both reported as duplicates");
    is_int(count(s), 2, "nothing added twice");
    import_result_free(&res);
    free(p);

    /* JSON Lines of the same articles: duplicates too. */
    p = data("json/lines.jsonl");
    ok(import_path(s, p, NULL, NULL, &res, &e) == 0, "lines.jsonl imports");
    ok(res.n == 2 && res.v[0].duplicate, "JSON Lines: same articles recognised");
    import_result_free(&res);
    free(p);
}

static void test_other_formats(store_t *s)
{
    err_t e = {{0}};
    import_result_t res = {0};
    int64_t before = count(s);

    char *p = data("brat/depot.ann");
    ok(import_path(s, p, NULL, NULL, &res, &e) == 0, "brat by its .ann");
    if (err_is_set(&e))
        printf("#   %s\n", e.msg);
    is_int(res.format, FMT_BRAT, "read as brat");
    ok(res.n == 1 && res.v[0].nquotes == 2 && res.v[0].nclaims == 3, "brat counts");
    import_result_free(&res);
    free(p);
    p = data("brat/depot.txt");
    ok(import_path(s, p, NULL, NULL, &res, &e) == 0, "brat by its .txt");
    ok(res.n == 1 && res.v[0].duplicate, "the same document");
    import_result_free(&res);
    free(p);

    p = data("plain-dateprefix.txt");
    ok(import_path(s, p, NULL, NULL, &res, &e) == 0, "plain text");
    is_int(res.format, FMT_PLAIN, "read as plain");
    if (res.n == 1) {
        article_t *a = store_load_article(s, res.v[0].id, &e);
        ok(a && a->published && strcmp(a->published, "2024-03-27") == 0, "date prefix stored as the date");
        ok(a && strncmp(a->text, "Officials", 9) == 0, "and stripped from the text");
        article_free(a);
    }
    import_result_free(&res);
    free(p);

    p = data("json/one.json");
    import_meta_t meta = { .format = FMT_PLAIN, .title = "JSON as text" };
    ok(import_path(s, p, &meta, NULL, &res, &e) == 0, "--format=plain overrides detection");
    ok(res.n == 1 && res.format == FMT_PLAIN && strcmp(res.v[0].title, "JSON as text") == 0,
       "stored as plain text with the given title");
    import_result_free(&res);
    free(p);

    p = data("bad/latin1.txt");
    meta = (import_meta_t){ .repair = true };
    ok(import_path(s, p, &meta, NULL, &res, &e) == 0, "--repair imports invalid UTF-8");
    import_result_free(&res);
    free(p);
    is_int(count(s), before + 4, "four new articles");
}

static void test_bad_inputs(store_t *s)
{
    char *p;
#define BAD(rel, want, what) p = data(rel); refused(s, p, want, what); free(p)
    BAD("bad/empty.txt", "bad/empty.txt: file is empty", "empty file");
    BAD("bad/nul.txt", "bad/nul.txt:1:15: NUL byte at file offset 14 from 0 (binary file?)", "NUL byte");
    BAD("bad/binary.dat", "bad/binary.dat: looks like a binary file", "binary file");
    BAD("bad/latin1.txt", "bad/latin1.txt:1:34: invalid UTF-8 byte 0xE9 at file offset 33 from 0 (use --repair to replace it)", "invalid UTF-8");
    BAD("bad/syntax.json", "bad/syntax.json:4:3: expected ',' or '}'", "JSON syntax error");
    BAD("bad/trailing-comma.json", "bad/trailing-comma.json:2:33: expected a member name", "trailing comma");
    BAD("bad/newer.json", "written by a newer contra", "newer format");
    BAD("bad/unknown-id.json", "bad/unknown-id.json: relations[0].to: unknown id \"Q99\"", "unknown id");
    BAD("bad/third-bad.json", "bad/third-bad.json: article 3: claims[0].span: end 9000 is past the end",
        "third object of an array bad");
    BAD("bad/mismatch.ann", "bad/mismatch.ann:2: text \"Moreaux\" does not match offsets 4-10 (\"Moreau\")",
        "brat text mismatch");
    BAD("bad/range.txt", "bad/range.ann:3: offsets 17-90 are past the end of the text", "brat offsets out of range");
    BAD("json", "json", "a directory");
    BAD("bad/no-such-file.json", "no-such-file.json", "a missing file");
#undef BAD
    char *orphan = scratch("orphan.ann", "T1\tPerson 0 1\tx\n", 16);
    refused(s, orphan, "orphan.ann: no text file", "an .ann without its .txt");
    free(orphan);

    /* Unreadable (unless we are root, who reads everything). */
    char *locked = scratch("locked.txt", "Some text.\n", 11);
    chmod(locked, 0);
    if (access(locked, R_OK) != 0)
        refused(s, locked, "locked.txt", "an unreadable file");
    else
        ok(1, "# SKIP running as root: cannot make an unreadable file");
    free(locked);

    /* A library opened read-only: the first write fails and nothing of
    ** the file is kept. */
    err_t e = {{0}};
    char *dbp = xasprintf("%s/main.db", tmpdir);
    store_t *ro = store_open(dbp, STORE_READONLY, &e);
    ok(ro != NULL, "read-only library opens");
    if (ro) {
        p = data("json/one.json");
        int64_t before = count(ro);
        char *copy = NULL;
        size_t n;
        copy = read_file(p, &n, &e);
        /* A text the library does not have yet, so a write is attempted. */
        char *q = strstr(copy, "denied any involvement");
        if (q)
            memcpy(q, "rejected any involvemen", 22);
        char *np = scratch("new.json", copy, n);
        refused(ro, np, "", "read-only library");
        is_int(count(ro), before, "read-only: library unchanged");
        free(np);
        free(copy);
        free(p);
        store_close(ro);
    }
    free(dbp);
}

/* A file whose second article fails in the store, after the first was
** added inside the same transaction: the first must be gone too.  The
** failure is injected with a trigger, through a second connection. */
static void test_rollback(store_t *s)
{
    err_t e = {{0}};
    import_result_t res = {0};
    sqlite3 *db = NULL;
    char *dbp = xasprintf("%s/main.db", tmpdir);
    int64_t before = count(s);
    ok(sqlite3_open(dbp, &db) == SQLITE_OK
       && sqlite3_exec(db, "CREATE TRIGGER fail_two BEFORE INSERT ON articles"
                       " WHEN NEW.text LIKE 'Rollback two%'"
                       " BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
                       NULL, NULL, NULL) == SQLITE_OK, "fault injected");
    const char *two = "[{\"text\": \"Rollback one.\", \"claims\": [{\"id\": \"C1\", \"span\": [0, 8]}]},\n"
                      " {\"text\": \"Rollback two.\", \"claims\": [{\"id\": \"C2\", \"span\": [0, 8]}],"
                      " \"relations\": [{\"type\": \"supports\", \"from\": \"C2\", \"to\": \"C1\"}]}]";
    char *p = scratch("two-new.json", two, strlen(two));
    ok(import_path(s, p, NULL, NULL, &res, &e) == -1, "second article fails in the store");
    like(e.msg, "two-new.json: ", "the message names the file");
    like(e.msg, "injected failure", "and says what failed");
    is_int(count(s), before, "the first article of the file is not kept either");
    import_result_free(&res);
    sqlite3_exec(db, "DROP TRIGGER fail_two", NULL, NULL, NULL);
    sqlite3_close(db);
    ok(import_path(s, p, NULL, NULL, &res, &e) == 0, "without the fault it imports");
    is_int(count(s), before + 2, "both stored in one go");
    ok(res.n == 2 && res.v[1].nrelations == 1, "with the relation between them");
    import_result_free(&res);
    free(p);
    free(dbp);
}

static void test_export_roundtrip(store_t *s)
{
    err_t e = {{0}};
    import_result_t res = {0};
    store_t *s2 = fresh_store("second");
    char *p = data("json/two.json");
    int64_t id1 = 0, id2 = 0;
    ok(import_path(s, p, NULL, NULL, &res, &e) == 0, "two.json (already there)");
    if (res.n == 2) {
        id1 = res.v[0].id;
        id2 = res.v[1].id;
    }
    import_result_free(&res);
    free(p);

    /* Tag something so the status has history to carry. */
    article_t *a1 = store_load_article(s, id1, &e), *a2 = store_load_article(s, id2, &e);
    ok(a1 && a2, "loaded both");
    if (!a1 || !a2 || !s2) {
        article_free(a1);
        article_free(a2);
        store_close(s2);
        return;
    }
    int64_t claim = 0;
    for (size_t i = 0; i < a1->nassertions; i++)
        if (a1->assertions[i].kind == ASSERT_CLAIM && a1->assertions[i].status == STATUS_UNREVIEWED)
            claim = a1->assertions[i].id;
    ok(claim > 0 && store_tag(s, claim, STATUS_DISPUTED, "Tagged in a test", "tester", &e) == 0,
       "tag a claim disputed");
    article_free(a1);
    a1 = store_load_article(s, id1, &e);

    char *buf = NULL;
    size_t blen = 0;
    FILE *f = open_memstream(&buf, &blen);
    article_t *arts[2] = { a1, a2 };
    ok(json_export(f, arts, 2, false, NULL, &e) == 0, "export both articles");
    fclose(f);
    like(buf, "\"status\": \"disputed\"", "status exported");
    like(buf, "\"note\": \"Tagged in a test\"", "note exported");
    char *ex = scratch("export.json", buf, blen);
    ok(import_path(s2, ex, NULL, NULL, &res, &e) == 0, "export imports into another library");
    if (err_is_set(&e))
        printf("#   %s\n", e.msg);
    if (res.n == 2) {
        article_t *b1 = store_load_article(s2, res.v[0].id, &e);
        article_t *b2 = store_load_article(s2, res.v[1].id, &e);
        char *d1 = dump(a1), *d2 = b1 ? dump(b1) : xstrdup("");
        is_str(d2, d1, "article 1: same annotations and statuses");
        free(d1);
        free(d2);
        d1 = dump(a2);
        d2 = b2 ? dump(b2) : xstrdup("");
        is_str(d2, d1, "article 2: same annotations and statuses, the cross-article relation too");
        free(d1);
        free(d2);

        /* Exported again from the second library: the same file but for
        ** the ids, which are that library's. */
        article_free(b1);
        article_free(b2);
    }
    import_result_free(&res);

    /* The same export imported a second time is all duplicates. */
    ok(import_path(s2, ex, NULL, NULL, &res, &e) == 0 && res.n == 2 && res.v[1].duplicate,
       "re-import of the export: duplicates");
    import_result_free(&res);
    free(ex);
    free(buf);
    article_free(a1);
    article_free(a2);
    store_close(s2);
}

/* ---- bulk mode (issue 5) ---------------------------------------------- */

/* Everything an import leaves in a library but the time it was added:
** one line per row of every table it writes, in id order, the full-text
** index asked for words of the test texts, and whether FTS5 finds its
** index consistent with the articles. */
static char *library_rows(const char *name)
{
    static const char *const queries[] = {
        "SELECT id, title, source, url, published, hex(hash), length(text) FROM articles ORDER BY id",
        "SELECT * FROM entities ORDER BY id",
        "SELECT * FROM entity_aliases ORDER BY id",
        "SELECT * FROM mentions ORDER BY id",
        "SELECT id, kind, article, speaker, span_start, span_end, speaker_start, speaker_end,"
        " cue_start, cue_end, direct, status, note, origin FROM assertions ORDER BY id",
        "SELECT * FROM relations ORDER BY id",
        "SELECT name, seq FROM sqlite_sequence ORDER BY name",
        "SELECT n, (SELECT count(*) FROM articles) FROM article_count",
        "SELECT * FROM article_entities ORDER BY article, entity",
        "SELECT * FROM article_statuses ORDER BY article, status",
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'said' ORDER BY rowid",
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'kestria OR minister' ORDER BY rowid",
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'title:bulk' ORDER BY rowid",
        "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
    };
    strbuf_t b = {0};
    sqlite3 *db = NULL;
    char *p = xasprintf("%s/%s.db", tmpdir, name);
    if (sqlite3_open(p, &db) != SQLITE_OK || store_fts_register(db) != SQLITE_OK)
        sb_printf(&b, "cannot open %s\n", p);
    for (size_t q = 0; db && q < sizeof queries / sizeof queries[0]; q++) {
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(db, queries[q], -1, &st, NULL);
        sb_printf(&b, "-- %s\n", queries[q]);
        while (rc == SQLITE_OK || rc == SQLITE_ROW) {
            if ((rc = sqlite3_step(st)) != SQLITE_ROW)
                break;
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const unsigned char *v = sqlite3_column_text(st, c);
                sb_printf(&b, "%s%s", c ? "|" : "", v ? (const char *)v : "NULL");
            }
            sb_addc(&b, '\n');
        }
        if (rc != SQLITE_DONE)
            sb_printf(&b, "ERROR %s\n", sqlite3_errmsg(db));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    free(p);
    return sb_steal(&b);
}

/* store_bulk_mode turns the triggers off and does their work once per
** transaction.  The same files, imported one at a time into one library
** and in one bulk transaction into another, with a file that fails in
** the store half way (its savepoint undone) and a file seen twice, must
** leave the same rows, ids, counts and full-text index.  Bulk mode must
** also be on for the schema as it is: a migration that adds a trigger
** store_bulk_mode does not know makes it fail here, rather than making
** imports quietly slower. */
static void test_bulk(void)
{
    static const char annotated[] =
        "[{\"title\": \"Bulk one\", \"published\": \"2025-01-02\","
        "  \"text\": \"Anna Berg said the bridge was safe. Berg said so twice. The ministry disagreed.\","
        "  \"entities\": [{\"id\": \"E1\", \"name\": \"Anna Berg\", \"kind\": \"person\","
        "                 \"aliases\": [\"Berg\", \"A. Berg\"], \"mentions\": [[0, 9], [36, 40], [36, 40]]},"
        "                {\"id\": \"E2\", \"name\": \"the ministry\", \"kind\": \"organization\","
        "                 \"mentions\": [[56, 68]]}],"
        "  \"quotes\": [],"
        "  \"claims\": [{\"id\": \"C1\", \"span\": [15, 35], \"speaker\": \"E1\", \"status\": \"disputed\","
        "               \"note\": \"checked\"},"
        "              {\"id\": \"C2\", \"span\": [56, 79], \"speaker\": \"E2\", \"status\": \"corroborated\"}],"
        "  \"relations\": [{\"type\": \"contradicts\", \"from\": \"C2\", \"to\": \"C1\"}]},"
        " {\"title\": \"Bulk two\", \"text\": \"Berg said nothing more. Kestria said less.\","
        "  \"entities\": [{\"id\": \"E1\", \"name\": \"Berg\", \"kind\": \"person\", \"mentions\": [[0, 4]]},"
        "                {\"id\": \"E3\", \"name\": \"Kestria\", \"kind\": \"place\", \"mentions\": [[24, 31]]}],"
        "  \"claims\": [{\"id\": \"C3\", \"span\": [5, 22], \"speaker\": \"E1\"}],"
        "  \"relations\": [{\"type\": \"supports\", \"from\": \"C3\", \"to\": \"C1\"}]}]";
    /* The second article fails (an empty alias, refused by the reader
    ** with its place in the file) after the first was stored: the file's
    ** savepoint takes both back. */
    static const char bad[] =
        "[{\"title\": \"Bulk bad one\", \"text\": \"A first article that is fine, said Kestria.\","
        "  \"entities\": [{\"id\": \"E9\", \"name\": \"Kestria\", \"kind\": \"place\", \"mentions\": [[35, 42]]}],"
        "  \"claims\": [{\"id\": \"C9\", \"span\": [0, 28], \"speaker\": \"E9\"}]},"
        " {\"title\": \"Bulk bad two\", \"text\": \"Nora Lind spoke.\","
        "  \"entities\": [{\"id\": \"E1\", \"name\": \"Nora Lind\", \"kind\": \"person\","
        "                 \"aliases\": [\"\"], \"mentions\": [[0, 9]]}]}]";
    static const char plain[] =
        "Title: Bulk plain text\n\n"
        "Interior Minister Ilona Vereb said on Monday that the attack was planned abroad.\n"
        "\"We had nothing to do with it,\" the Kestrian Foreign Ministry said in a statement.\n"
        "Vereb said later that she stood by every word.\n";
    err_t e = {{0}};
    char *dir = lexicon_default_dir();
    lexicon_t *lex = lexicon_load(dir, &e);
    free(dir);
    char *files[] = {
        data("json/two.json"),
        scratch("bulk-annotated.json", annotated, strlen(annotated)),
        scratch("bulk-bad.json", bad, strlen(bad)),
        scratch("bulk-plain.txt", plain, strlen(plain)),
        data("json/lines.jsonl"),
        scratch("bulk-again.json", annotated, strlen(annotated)),
    };
    enum { NFILES = sizeof files / sizeof files[0], BAD = 2 };
    store_t *one = fresh_store("bulk-one"), *bulk = fresh_store("bulk-bulk");
    if (!one || !bulk) {
        ok(false, "two libraries for the bulk test");
        goto out;
    }
    ok(!store_bulk_active(bulk), "a store is not in bulk mode until asked");
    store_bulk_mode(bulk);
    ok(store_bulk_active(bulk), "bulk mode defers every trigger of the current schema");

    int fails_one = 0, fails_bulk = 0;
    for (int i = 0; i < NFILES; i++) {
        import_result_t res = {0};
        e = (err_t){{0}};
        if (import_path(one, files[i], NULL, lex, &res, &e))
            fails_one |= 1 << i;
        import_result_free(&res);
    }
    ok(store_begin(bulk, &e) == 0, "one transaction for all the files");
    for (int i = 0; i < NFILES; i++) {
        import_result_t res = {0};
        e = (err_t){{0}};
        if (import_path(bulk, files[i], NULL, lex, &res, &e)) {
            fails_bulk |= 1 << i;
            if (i == BAD)
                like(e.msg, "bulk-bad.json: article 2: entities[0].aliases[0]: empty alias",
                     "the bad file fails at its second article, with the same message as alone");
        }
        import_result_free(&res);
    }
    ok(store_commit(bulk, &e) == 0, "the bulk transaction commits");
    is_int(fails_one, 1 << BAD, "alone: only the bad file fails");
    is_int(fails_bulk, 1 << BAD, "in bulk: only the bad file fails");
    store_close(one);
    store_close(bulk);
    one = bulk = NULL;

    char *want = library_rows("bulk-one"), *got = library_rows("bulk-bulk");
    is_str(got, want, "bulk and one at a time leave the same library");
    ok(!strstr(got, "ERROR") && strstr(got, "Bulk plain text"), "every table read, the plain text there");
    free(want);
    free(got);

    /* Killed before the commit, with everything stored but not yet
    ** indexed or counted: nothing of it is left. */
    char *before = library_rows("bulk-bulk");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        err_t ce = {{0}};
        import_result_t res = {0};
        char *p = xasprintf("%s/bulk-bulk.db", tmpdir);
        store_t *s = store_open(p, 0, &ce);
        char *f = scratch("bulk-killed.txt", plain, strlen(plain));
        /* What it inherited, freed so that valgrind sees no leak in it. */
        free(p);
        free(before);
        lexicon_free(lex);
        for (int i = 0; i < NFILES; i++)
            free(files[i]);
        if (s) {
            store_bulk_mode(s);
            if (store_begin(s, &ce) == 0 && import_path(s, f, NULL, NULL, &res, &ce) == 0)
                raise(SIGKILL);
        }
        _exit(1);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
       "a bulk import is killed before its commit");
    char *after = library_rows("bulk-bulk");
    is_str(after, before, "... and leaves the library as it was, its index consistent");
    free(before);
    free(after);
out:
    store_close(one);
    store_close(bulk);
    for (int i = 0; i < NFILES; i++)
        free(files[i]);
    lexicon_free(lex);
}

/* When SQLite itself undoes the whole transaction (here a trigger's
** RAISE(ROLLBACK) stands in for an I/O error or a full disk), a nested
** store_begin must fail, not open a transaction of its own that a later
** release would commit (H1, for reviewer R). */
static void test_undone_outer(void)
{
    err_t e = {{0}};
    char *p = xasprintf("%s/undone.db", tmpdir);
    store_t *s = store_open(p, STORE_CREATE, &e);
    store_close(s);
    sqlite3 *db;
    sqlite3_open(p, &db);
    ok(sqlite3_exec(db, "CREATE TRIGGER undo BEFORE INSERT ON articles"
                    " WHEN NEW.title = 'Undo' BEGIN SELECT RAISE(ROLLBACK, 'undone'); END",
                    NULL, NULL, NULL) == SQLITE_OK, "undone: a trigger that rolls back");
    sqlite3_close(db);
    s = store_open(p, 0, &e);
    article_t *a = article_new(), *b = article_new();
    a->title = xstrdup("Undo");
    a->text = xstrdup("An article the trigger refuses.");
    b->title = xstrdup("Kept");
    b->text = xstrdup("An article that would be stored alone.");
    ok(s && store_begin(s, &e) == 0, "undone: an outer transaction begins");
    ok(store_add_article(s, a, NULL, &e) < 0, "undone: the add is refused");
    memset(&e, 0, sizeof e);
    ok(store_begin(s, &e) < 0, "undone: a nested begin then fails");
    like(e.msg, "earlier error", "undone: saying an earlier error undid it");
    store_rollback(s);
    is_int(count(s), 0, "undone: nothing is stored");
    ok(store_begin(s, &e) == 0 && store_add_article(s, b, NULL, &e) == 0
       && store_commit(s, &e) == 0, "undone: a new transaction works after the rollback");
    is_int(count(s), 1, "undone: and stores its article");
    article_free(a);
    article_free(b);
    store_close(s);
    free(p);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        printf("Bail out! cannot make a scratch directory\n");
        return 1;
    }
    store_t *s = fresh_store("main");
    if (!s) {
        printf("Bail out! no library\n");
        return 1;
    }
    test_json_file(s);
    test_other_formats(s);
    test_bad_inputs(s);
    test_rollback(s);
    test_export_roundtrip(s);
    store_close(s);
    test_bulk();
    test_undone_outer();

    char *cmd = xasprintf("rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", tmpdir);
    free(cmd);
    return done_testing();
}
