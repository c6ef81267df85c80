/*
** test_store_untag.c: unit tests for store_untag_info (store.c), the undo
** the reader's U makes: it undoes a note edit as it undoes a tag (both
** are rows of the tag history), and reports the assertion's letter and
** its status and note before and after, so that the reader can say which
** of the two changed and show the note now in force.
*/
#include "config.h"

#include "store.h"
#include "../tap.h"
#include "fixture.h"

static bool same(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

int main(void)
{
    fixture_t f;
    store_t *s = fx_library(&f, "untag");
    err_t e = {{0}};
    if (!ok(s != NULL, "a new library"))
        return done_testing();

    article_t *a = fx_article("Ports", "2024-03-01",
                              "Anna Berg said: \xe2\x80\x9cWe had no part in it.\xe2\x80\x9d "
                              "The ministry claimed that the ship left on time.");
    a->source = xstrdup("Test Wire");
    entity_t *berg = article_add_entity(a);
    berg->name = xstrdup("Anna Berg");
    berg->kind = KIND_PERSON;
    entity_add_mention(berg, span_of(a->text, "Anna Berg"));
    assertion_t *q = article_add_assertion(a);
    q->kind = ASSERT_QUOTE;
    q->speaker = 0;
    q->span = span_of(a->text, "We had no part in it.");
    q->direct = true;
    q->status = STATUS_UNREVIEWED;
    assertion_t *c = fx_claim(a, "the ship left on time");
    c->note = xstrdup("imported note");
    ok(store_add_article(s, a, NULL, &e) == 0, "add an article with a quote and a claim");
    int64_t qid = a->assertions[0].id, cid = a->assertions[1].id;
    if (a->assertions[0].kind != ASSERT_QUOTE) {
        int64_t t = qid;
        qid = cid;
        cid = t;
    }
    article_free(a);

    untag_info_t u;
    /* A note edit, undone: the status stays, the imported note is back. */
    ok(store_tag(s, cid, STATUS_UNREVIEWED, "my note", "alice", &e) == 0, "alice writes a note");
    ok(store_untag_info(s, cid, "alice", &u, &e) == 0, "and undoes it");
    is_int(u.letter, 'C', "... on a claim: C");
    ok(u.was == STATUS_UNREVIEWED && u.now == STATUS_UNREVIEWED, "... the status unchanged");
    is_str(u.was_note, "my note", "... the note it undid");
    is_str(u.now_note, "imported note", "... the note back in force");
    untag_info_free(&u);

    /* a note1, c, U, d, a note2, U: the last U puts note1 back. */
    store_tag(s, qid, STATUS_UNREVIEWED, "note1", "alice", &e);
    store_tag(s, qid, STATUS_CORROBORATED, NULL, "alice", &e);
    ok(store_untag_info(s, qid, "alice", &u, &e) == 0, "tag, then undo it");
    is_int(u.letter, 'Q', "... on a quote: Q");
    ok(u.was == STATUS_CORROBORATED && u.now == STATUS_UNREVIEWED, "... the status back");
    ok(same(u.was_note, "note1") && same(u.now_note, "note1"), "... the note unchanged");
    untag_info_free(&u);
    store_tag(s, qid, STATUS_DISPUTED, NULL, "alice", &e);
    store_tag(s, qid, STATUS_DISPUTED, "note2", "alice", &e);
    ok(store_untag_info(s, qid, "alice", &u, &e) == 0, "d, a note2, then undo");
    ok(u.was == STATUS_DISPUTED && u.now == STATUS_DISPUTED, "... still disputed");
    ok(same(u.was_note, "note2") && same(u.now_note, "note1"), "... note2 undone, note1 back");
    untag_info_free(&u);
    ok(store_untag_info(s, qid, "alice", &u, &e) == 0, "undo the d");
    ok(u.now == STATUS_UNREVIEWED && same(u.now_note, "note1"), "... unreviewed, note1");
    untag_info_free(&u);
    ok(store_untag_info(s, qid, "alice", &u, &e) == 0, "undo note1");
    ok(u.now == STATUS_UNREVIEWED && u.now_note == NULL, "... no note at all");
    untag_info_free(&u);
    article_t *back = store_load_article(s, 1, &e);
    bool none = back && back->nassertions == 2;
    for (size_t i = 0; none && i < back->nassertions; i++)
        if (back->assertions[i].id == qid)
            none = back->assertions[i].note == NULL
                && back->assertions[i].status == STATUS_UNREVIEWED;
    ok(none, "... as the library has it");
    article_free(back);

    memset(&e, 0, sizeof e);
    ok(store_untag_info(s, qid, "alice", &u, &e) < 0, "nothing left to undo");
    like(e.msg, "no tag by alice", "... saying so");
    status_t st = STATUS_COUNT;
    store_tag(s, cid, STATUS_DISPUTED, NULL, "bob", &e);
    ok(store_untag(s, cid, "bob", &st, &e) == 0 && st == STATUS_UNREVIEWED,
       "store_untag gives the status restored, as before");

    /* Two people: a note keeps the status in force, and must not keep a
    ** withdrawn tag's status alive; a tag copies the note in force, and
    ** must not keep a withdrawn note alive. */
    ok(store_tag(s, cid, STATUS_DISPUTED, NULL, "bob", &e) == 0
       && store_note(s, cid, "alice's", NULL, "alice", NULL, NULL, &e) == 0,
       "bob tags disputed, then alice writes a note");
    ok(store_untag_info(s, cid, "bob", &u, &e) == 0, "bob undoes his tag");
    ok(u.now == STATUS_UNREVIEWED, "... unreviewed again, as before his tag (%s)",
       status_name(u.now));
    ok(same(u.now_note, "alice's"), "... alice's note stays");
    untag_info_free(&u);
    ok(store_note(s, cid, "bob's", "alice's", "bob", NULL, NULL, &e) == 0
       && store_tag(s, cid, STATUS_CORROBORATED, NULL, "alice", &e) == 0,
       "bob writes a note, then alice tags corroborated");
    ok(store_untag_info(s, cid, "bob", &u, &e) == 0, "bob undoes his note");
    ok(u.now == STATUS_CORROBORATED, "... alice's tag stays (%s)", status_name(u.now));
    ok(same(u.now_note, "alice's"), "... and the note before his is back");
    untag_info_free(&u);

    /* A tag that names the status in force is a decision too: alice's
    ** undo of her earlier tag must not throw bob's away (a review: his
    ** "disputed (was disputed)" went, and the claim was corroborated
    ** again). */
    ok(store_tag(s, cid, STATUS_DISPUTED, NULL, "alice", &e) == 0
       && store_tag(s, cid, STATUS_DISPUTED, NULL, "bob", &e) == 0,
       "alice tags disputed, then bob tags it disputed too");
    ok(store_untag_info(s, cid, "alice", &u, &e) == 0, "alice undoes her tag");
    ok(u.now == STATUS_DISPUTED, "... bob's disputed stays (%s)", status_name(u.now));
    untag_info_free(&u);

    store_close(s);
    fx_done(&f);
    return done_testing();
}
