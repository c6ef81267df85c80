/*
** test_store_rev.c: unit tests for the articles' revisions (migration 5
** in store.c), by which an open reader tells whether another process
** changed its article or only some other one: store_article_rev,
** store_last_rev, the revision an article loads at, and
** store_reload_article, which reads an article again but for its text.
** What must raise an article's revision: a tag, an undo and a note on
** its quotes and claims, a relation added to them from either end, the
** deletion of an article related to it, and its re-annotation; what must
** not: any of those on another article.
*/
#include "config.h"

#include "store.h"
#include "../tap.h"
#include "fixture.h"

#include <sqlite3.h>
#include <unistd.h>

/* Run sql on the library as another program would (an older contra, the
** sqlite3 shell): 0 when it ran. */
static int raw(const char *path, const char *sql)
{
    sqlite3 *db;
    int rc = sqlite3_open(path, &db);
    sqlite3_busy_timeout(db, 5000);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

/* An article of two claims, the second contradicting the first. */
static article_t *two_claims(const char *text, const char *c1, const char *c2)
{
    article_t *a = fx_article("Pair", "2024-03-02", text);
    fx_claim(a, c1);
    fx_claim(a, c2);
    relation_t *r = article_add_relation(a);
    r->type = REL_CONTRADICTS;
    r->origin = ORIGIN_AUTO;
    r->from.index = 1;
    r->to.index = 0;
    return a;
}


/* An article of one claim, "claim", and its stored ids. */
static int64_t add_one(store_t *s, const char *title, const char *text,
                       const char *claim, int64_t *claim_id)
{
    err_t e = {{0}};
    article_t *a = fx_article(title, "2024-03-01", text);
    fx_claim(a, claim);
    int64_t id = store_add_article(s, a, NULL, &e) == 0 ? a->id : 0;
    *claim_id = id ? a->assertions[0].id : 0;
    article_free(a);
    return id;
}

static int64_t rev_of(store_t *s, int64_t id)
{
    err_t e = {{0}};
    int64_t rev = -7;
    int there = store_article_rev(s, id, &rev, &e);
    return there > 0 ? rev : there == 0 ? -2 : -3;
}

int main(void)
{
    fixture_t f;
    store_t *s = fx_library(&f, "rev");
    const char *path = f.path;
    err_t e = {{0}};
    if (!ok(s != NULL, "a new library"))
        return done_testing();

    int64_t ca, cb, cc;
    int64_t a = add_one(s, "Ports", "The ministry claimed that the ship left on time.",
                        "the ship left on time", &ca);
    int64_t b = add_one(s, "Docks", "The harbour master said the ship was two days late.",
                        "the ship was two days late", &cb);
    int64_t c = add_one(s, "Roads", "The mayor claimed the bridge is safe.",
                        "the bridge is safe", &cc);
    ok(a && b && c, "three articles of one claim each");
    is_int(rev_of(s, a), 0, "an article as imported is at revision 0");
    is_int(rev_of(s, 999), -2, "no such article: store_article_rev says 0");
    article_t *x = store_load_article(s, a, &e);
    is_int(x ? x->rev : -1, 0, "... and loads at revision 0");
    article_free(x);

    /* Tags, notes and undos: the tagged one's article only. */
    ok(store_tag(s, ca, STATUS_DISPUTED, NULL, "alice", &e) == 0, "tag a's claim");
    is_int(rev_of(s, a), 1, "... a is at revision 1");
    is_int(store_last_rev(s, a), 1, "... which the writer is told");
    is_int(store_last_rev(s, b), -1, "... and told nothing of b");
    is_int(rev_of(s, b), 0, "... b is not changed");
    x = store_load_article(s, a, &e);
    is_int(x ? x->rev : -1, 1, "... a loads at revision 1");
    article_free(x);
    ok(store_tag(s, ca, STATUS_DISPUTED, "a note", "alice", &e) == 0, "a note on it");
    is_int(rev_of(s, a), 2, "... revision 2");
    ok(store_untag(s, ca, "alice", NULL, &e) == 0, "undone");
    is_int(rev_of(s, a), 3, "... revision 3");
    is_int(store_last_rev(s, a), 3, "... which the writer is told");
    ok(store_tag(s, cb, STATUS_CORROBORATED, NULL, "bob", &e) == 0, "tag b's claim");
    is_int(store_last_rev(s, a), -1, "... the writer is told nothing of a");
    is_int(rev_of(s, a), 3, "... a is not changed");
    is_int(rev_of(s, b), 1, "... b is at revision 1");

    /* Another connection's change is seen, and is not the writer's. */
    store_t *other = store_open(path, 0, &e);
    ok(other && store_tag(other, ca, STATUS_CORROBORATED, NULL, "carol", &e) == 0,
       "another connection tags a's claim");
    is_int(rev_of(s, a), 4, "... the first sees revision 4");
    is_int(store_last_rev(s, a), -1, "... not as its own change");
    is_int(store_last_rev(other, a), 4, "... the other does");
    store_close(other);

    /* A contra started before the upgrade tags with its own SQL, which
    ** raises nothing; migration 6's trigger raises the revision anyway. */
    ok(raw(path, "BEGIN; INSERT INTO tags(assertion, status, who, at, prev_status)"
               " SELECT id, 'unreviewed', 'old', '2026-01-01T00:00:00Z', status"
               " FROM assertions WHERE kind = 'claim' AND article = (SELECT min(id)"
               " FROM articles); UPDATE assertions SET status = 'unreviewed'"
               " WHERE article = (SELECT min(id) FROM articles); COMMIT") == SQLITE_OK,
       "an older contra's tag, by its own SQL");
    is_int(rev_of(s, a), 5, "... raises a's revision all the same");
    ok(store_tag(s, ca, STATUS_CORROBORATED, NULL, "carol", &e) == 0, "carol's tag again");
    is_int(store_last_rev(s, a), 6, "... the writer is told revision 6");

    /* A failed tag changes no revision, and tells the writer nothing. */
    ok(store_tag(s, 12345, STATUS_DISPUTED, NULL, "alice", &e) < 0, "tag a claim that is not there");
    is_int(store_last_rev(s, a), -1, "... nothing to tell");

    /* Relations: both ends' articles, whichever article adds them. */
    ok(store_add_relation(s, REL_CONTRADICTS, ORIGIN_USER, cb, ca, &e) == 0,
       "b's claim contradicts a's");
    is_int(rev_of(s, a), 7, "... a changes (it is contradicted)");
    is_int(rev_of(s, b), 2, "... b changes");
    is_int(rev_of(s, c), 0, "... c does not");
    ok(store_add_relation(s, REL_CONTRADICTS, ORIGIN_USER, cb, ca, &e) == 0,
       "the same relation again");
    is_int(rev_of(s, a), 7, "... changes nothing: a stays");
    is_int(rev_of(s, b), 2, "... and b");


    /* store_reload_article: the annotations afresh, the text moved. */
    x = store_load_article(s, a, &e);
    ok(x && x->nassertions == 1 && x->assertions[0].status == STATUS_CORROBORATED,
       "a loads with carol's tag");
    if (x) {
        const char *text = x->text;
        size_t len = x->len;
        ok(store_tag(s, ca, STATUS_DISPUTED, "again", "alice", &e) == 0, "tag it again");
        article_t *y = store_reload_article(s, x, &e);
        ok(y != NULL, "read again");
        ok(y && y->text == text && y->len == len, "... with the same text, not read twice");
        ok(x->text == NULL, "... taken from the old copy");
        ok(y && y->nassertions == 1 && y->assertions[0].status == STATUS_DISPUTED
           && y->assertions[0].note && strcmp(y->assertions[0].note, "again") == 0,
           "... and the tag and note of now");
        ok(y && y->nrelations == 1, "... and its relation");
        is_int(y ? y->rev : -1, 8, "... at revision 8");
        is_str(y ? y->title : NULL, "Ports", "... and its title");
        article_free(y);
        article_t *gone = article_new();
        gone->id = 999;
        gone->text = xstrdup("kept");
        gone->len = 4;
        ok(store_reload_article(s, gone, &e) == NULL, "an article gone is not read again");
        is_str(gone->text, "kept", "... and the copy keeps its text");
        article_free(gone);
    }
    article_free(x);

    /* Re-annotation changes the article and those related to it. */
    article_t *fresh = article_new();
    ok(store_replace_auto(s, c, fresh, &e) == 0, "re-annotate c");
    is_int(rev_of(s, c), 1, "... c changes");
    is_int(rev_of(s, a), 8, "... a, not related to c, does not");
    article_free(fresh);

    /* Deleting b takes its relation to a with it: a changes. */
    ok(store_delete_article(s, b, &e) == 0, "delete b");
    is_int(rev_of(s, a), 9, "... a changes (nothing contradicts it now)");
    is_int(rev_of(s, b), -2, "... b is gone");
    is_int(rev_of(s, c), 1, "... c does not change");


    /* A new article's own relations, and its import again. */
    const char *pair = "The minister claimed that the port is open. Dockers said the port is closed.";
    article_t *p = two_claims(pair, "the port is open", "the port is closed");
    ok(store_add_article(s, p, NULL, &e) == 0, "an article whose claims contradict each other");
    int64_t pid = p->id;
    article_free(p);
    is_int(rev_of(s, pid), 0, "... is at revision 0 as imported");
    int64_t dup = 0;
    p = two_claims(pair, "the port is open", "the port is closed");
    ok(store_add_article(s, p, &dup, &e) == 0 && dup == pid, "imported again: a duplicate");
    article_free(p);
    is_int(rev_of(s, pid), 0, "... still at revision 0");
    is_int(rev_of(s, a), 9, "... and a unchanged");

    /* A bulk import (contra add) relating what it adds to what is
    ** stored: only the stored article changes. */
    store_close(s);
    s = store_open(path, 0, &e);
    store_bulk_mode(s);
    ok(s && store_begin(s, &e) == 0, "a bulk transaction");
    int64_t cn, cm;
    int64_t n = add_one(s, "Nets", "The union claimed that the nets were cut.",
                        "the nets were cut", &cn);
    int64_t m = add_one(s, "Masts", "The captain claimed the masts held.",
                        "the masts held", &cm);
    ok(n && m && store_add_relation(s, REL_SUPPORTS, ORIGIN_IMPORT, cm, cn, &e) == 0
       && store_add_relation(s, REL_CONTRADICTS, ORIGIN_IMPORT, cn, ca, &e) == 0,
       "... adds two articles, relates them, and one to a");
    ok(store_commit(s, &e) == 0, "... and commits");
    is_int(rev_of(s, n), 0, "... the articles added are at revision 0");
    is_int(rev_of(s, m), 0, "... both");
    is_int(rev_of(s, a), 10, "... a, stored before, changes");

    /* A person's links (contra link, unlink): both ends' articles. */
    link_was_t was;
    bool reversed, both;
    int64_t ra = rev_of(s, a), rn = rev_of(s, n), rm = rev_of(s, m);
    ok(store_link(s, REL_CONTRADICTS, ca, cn, &was, &reversed, &both, &e) == 0
       && was == LINK_THERE && reversed, "linking a's claim to n's finds n's link to a");
    is_int(rev_of(s, a), ra, "... and changes nothing: a stays");
    ok(store_link(s, REL_SUPPORTS, cm, ca, &was, &reversed, &both, &e) == 0
       && was == LINK_NEW && !reversed, "m's claim supports a's");
    is_int(rev_of(s, a), ra + 1, "... a changes");
    is_int(rev_of(s, m), rm + 1, "... m changes");
    is_int(rev_of(s, n), rn, "... n does not");
    unlinked_t gone[4];
    is_int(store_unlink(s, ca, cm, "alice", gone, &e), 1, "unlink a's claim and m's");
    ok(gone[0].type == REL_SUPPORTS && gone[0].from_id == cm && gone[0].to_id == ca,
       "... the link removed, as it was");
    is_int(rev_of(s, a), ra + 2, "... a changes");
    is_int(rev_of(s, m), rm + 2, "... m changes");
    is_int(store_unlink(s, ca, cm, "alice", gone, &e), 0, "unlink again: there is none");
    is_int(rev_of(s, a), ra + 2, "... and nothing changes");
    is_int(store_unlink(s, cn, ca, "alice", gone, &e), 1, "unlink n's contradiction of a");
    ok(store_add_relation(s, REL_CONTRADICTS, ORIGIN_AUTO, ca, cn, &e) == 0,
       "... the annotator proposes it the other way round");
    is_int(store_unlink(s, ca, cn, "alice", gone, &e), 0,
           "... and it is not added: a contradiction removed is removed both ways");
    ok(store_link(s, REL_CONTRADICTS, ca, cn, &was, &reversed, &both, &e) == 0 && was == LINK_NEW,
       "a person links them again");
    ok(store_unlink(s, ca, cn, "alice", gone, &e) == 1 && gone[0].origin == ORIGIN_USER,
       "... which is theirs to remove");

    /* A library of schema 4, read-only to us: it opens as it is. */
    store_close(s);
    char *old = xasprintf("%s/old.db", f.dir);
    char *cp = xasprintf("VACUUM INTO '%s'", old);
    ok(raw(path, cp) == SQLITE_OK, "a copy of the library");
    ok(raw(old, "DROP TABLE rejected_relations; DROP TRIGGER tags_raise_rev; DROP TABLE article_revs;"
              " PRAGMA user_version = 4") == SQLITE_OK, "... made one of schema 4");
    s = store_open(old, STORE_READONLY, &e);
    ok(s != NULL, "it opens read-only without an upgrade: %s", s ? "" : e.msg);
    x = s ? store_load_article(s, a, &e) : NULL;
    ok(x != NULL && x->nassertions == 1, "... an article loads");
    is_int(x ? x->rev : 0, -1, "... its revision unknown");
    article_free(x);
    is_int(s ? rev_of(s, a) : 0, -1, "... store_article_rev says unknown");
    is_int(s ? rev_of(s, b) : 0, -2, "... and knows a deleted one is gone");
    store_close(s);
    is_int((int)raw(old, "SELECT 1 FROM article_revs") != SQLITE_OK, 1,
           "... and it is left at schema 4");
    s = store_open(old, 0, &e);
    ok(s != NULL, "opened for writing, it is upgraded");
    is_int(s ? rev_of(s, a) : -9, 0, "... with revisions from 0");
    store_close(s);
    free(cp);
    fx_unlink_db(old);
    free(old);

    fx_done(&f);
    return done_testing();
}
