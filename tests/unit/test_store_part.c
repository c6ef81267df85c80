/*
** test_store_part.c: unit tests for the reader's quick open of a long
** article (store.c: store_load_part, store_load_rest, store_part_end) and
** for the per-article counts of migration 4 that it reads (the tables
** article_entities and article_statuses, kept by triggers): the part
** holds exactly what it promises, the part then the rest is the article
** store_load_article gives, and the counts stay equal to a recount
** through adds, tags, re-annotation and deletes.
*/
#include "config.h"

#include "store.h"
#include "../tap.h"
#include "fixture.h"

#include <sqlite3.h>

/* The counts as migration 4 keeps them, compared with a recount from the
** mentions and assertions: the number of rows that differ (0 is right). */
static long long count_drift(const char *path)
{
    static const char sql[] =
        "WITH m AS (SELECT article, entity, count(*) AS n FROM mentions GROUP BY 1, 2),"
        " q AS (SELECT article, speaker AS entity, count(*) AS n FROM assertions"
        "       WHERE speaker IS NOT NULL GROUP BY 1, 2),"
        " k AS (SELECT article, entity FROM m UNION SELECT article, entity FROM q),"
        " r AS (SELECT k.article, k.entity, coalesce(m.n, 0) AS mentions,"
        "       coalesce(q.n, 0) AS speaks FROM k"
        "       LEFT JOIN m ON m.article = k.article AND m.entity = k.entity"
        "       LEFT JOIN q ON q.article = k.article AND q.entity = k.entity),"
        " st AS (SELECT article, status, count(*) AS n FROM assertions GROUP BY 1, 2),"
        /* rows that fell to zero stay; they count for nothing */
        " e AS (SELECT * FROM article_entities WHERE mentions > 0 OR speaks > 0),"
        " s AS (SELECT * FROM article_statuses WHERE n > 0)"
        " SELECT (SELECT count(*) FROM (SELECT * FROM r EXCEPT"
        "          SELECT article, entity, mentions, speaks FROM e))"
        "  + (SELECT count(*) FROM (SELECT article, entity, mentions, speaks"
        "          FROM e EXCEPT SELECT * FROM r))"
        "  + (SELECT count(*) FROM (SELECT * FROM st EXCEPT"
        "          SELECT article, status, n FROM s))"
        "  + (SELECT count(*) FROM (SELECT article, status, n FROM s"
        "          EXCEPT SELECT * FROM st))"
        /* and none is below zero */
        "  + (SELECT count(*) FROM article_entities WHERE mentions < 0 OR speaks < 0)"
        "  + (SELECT count(*) FROM article_statuses WHERE n < 0)";
    sqlite3 *db;
    sqlite3_stmt *st;
    long long v = -1;

    sqlite3_open(path, &db);
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    } else {
        printf("# %s\n", sqlite3_errmsg(db));
    }
    sqlite3_close(db);
    return v;
}

static span_t span_at(const char *text, const char *from, const char *needle)
{
    const char *p = strstr(from, needle);
    if (!p)
        return SPAN_NONE;
    return (span_t){ p - text, p - text + (int64_t)strlen(needle) };
}

/* A long article: n paragraphs, each naming Anna Berg and the Ministry
** of Ports, with a quote by Berg and a claim by the Ministry; every
** fifth quote is by Piet Dekker, who is never mentioned; every third
** quote contradicts the claim before it. */
static article_t *long_article(int n, const char *title)
{
    strbuf_t b = {0};
    for (int i = 0; i < n; i++)
        sb_printf(&b, "%d. Minister Anna Berg said: \xe2\x80\x9cWe had no part in "
                  "attack number %d.\xe2\x80\x9d The Ministry of Ports claimed that "
                  "the Northern Front was behind attack %d, and Berg denied it.\n\n",
                  i, i, i);
    article_t *a = article_new();
    a->title = xstrdup(title);
    a->source = xstrdup("Test Wire");
    a->published = xstrdup("2024-03-01");
    a->len = b.len;
    a->text = sb_steal(&b);

    entity_t *berg = article_add_entity(a);
    berg->name = xstrdup("Anna Berg");
    berg->kind = KIND_PERSON;
    entity_add_alias(berg, "Berg");
    entity_t *min = article_add_entity(a);
    min->name = xstrdup("Ministry of Ports");
    min->kind = KIND_ORGANIZATION;
    entity_t *dek = article_add_entity(a);
    dek->name = xstrdup("Piet Dekker");
    dek->kind = KIND_PERSON;
    const char *p = a->text;
    for (int i = 0; i < n; i++) {
        char num[32];
        snprintf(num, sizeof num, "%d. ", i);
        const char *para = strstr(p, num);
        span_t s;
        s = span_at(a->text, para, "Anna Berg");
        entity_add_mention(&a->entities[0], s);
        s = span_at(a->text, para, "Berg denied");
        s.end = s.start + 4;
        entity_add_mention(&a->entities[0], s);
        entity_add_mention(&a->entities[1], span_at(a->text, para, "Ministry of Ports"));
        assertion_t *q = article_add_assertion(a);
        q->kind = ASSERT_QUOTE;
        q->speaker = i % 5 == 4 ? 2 : 0;
        q->span = span_at(a->text, para, "We had no part");
        q->span.end += 20;
        q->direct = true;
        q->status = i % 7 == 1 ? STATUS_DISPUTED : STATUS_UNREVIEWED;
        if (i % 11 == 3)
            q->note = xstrdup("checked");
        assertion_t *c = article_add_assertion(a);
        c->kind = ASSERT_CLAIM;
        c->speaker = 1;
        c->span = span_at(a->text, para, "the Northern Front");
        c->status = i % 4 == 2 ? STATUS_CORROBORATED : STATUS_UNREVIEWED;
        p = para + 3;
    }
    for (int i = 2; i + 1 < n * 2; i += 6) {
        relation_t *r = article_add_relation(a);
        r->type = i % 12 == 2 ? REL_CONTRADICTS : REL_SUPPORTS;
        r->origin = ORIGIN_AUTO;
        r->from.index = i;
        r->to.index = i - 1;
    }
    article_sort(a);
    return a;
}

static bool same_span(span_t x, span_t y)
{
    return x.start == y.start && x.end == y.end;
}

static bool same_str(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Is got what store_load_article gave (want), field by field? */
static bool same_article(const article_t *got, const article_t *want)
{
    if (got->id != want->id || got->len != want->len
        || memcmp(got->text, want->text, want->len + 1) != 0
        || !same_str(got->title, want->title) || !same_str(got->source, want->source)
        || !same_str(got->url, want->url) || !same_str(got->published, want->published)
        || got->nentities != want->nentities || got->nassertions != want->nassertions
        || got->nrelations != want->nrelations)
        return false;
    for (size_t i = 0; i < want->nentities; i++) {
        const entity_t *x = &got->entities[i], *y = &want->entities[i];
        if (x->id != y->id || !same_str(x->name, y->name) || x->kind != y->kind
            || x->naliases != y->naliases || x->nmentions != y->nmentions)
            return false;
        for (size_t k = 0; k < y->naliases; k++)
            if (!same_str(x->aliases[k], y->aliases[k]))
                return false;
        for (size_t k = 0; k < y->nmentions; k++)
            if (!same_span(x->mentions[k], y->mentions[k]))
                return false;
    }
    for (size_t i = 0; i < want->nassertions; i++) {
        const assertion_t *x = &got->assertions[i], *y = &want->assertions[i];
        if (x->id != y->id || x->kind != y->kind || x->speaker != y->speaker
            || !same_span(x->span, y->span) || !same_span(x->speaker_span, y->speaker_span)
            || !same_span(x->cue_span, y->cue_span) || x->direct != y->direct
            || x->status != y->status || !same_str(x->note, y->note))
            return false;
    }
    for (size_t i = 0; i < want->nrelations; i++) {
        const relation_t *x = &got->relations[i], *y = &want->relations[i];
        if (x->id != y->id || x->type != y->type || x->origin != y->origin
            || x->from.index != y->from.index || x->from.id != y->from.id
            || x->from.article_id != y->from.article_id || x->to.index != y->to.index
            || x->to.id != y->to.id || x->to.article_id != y->to.article_id)
            return false;
    }
    return true;
}

/* Does the part hold what store_load_part promises, against the whole? */
static void check_part(const article_t *a, const article_part_t *p, const article_t *full,
                       size_t want, size_t min, const char *what)
{
    ok(!p->complete && p->in != NULL, "%s: a part, its snapshot open", what);
    ok(p->loaded >= want && p->loaded <= full->len, "%s: at least the text asked for", what);
    ok(memcmp(a->text, full->text, p->loaded) == 0, "%s: the text read is the article's", what);
    is_int(a->len, full->len, "%s: the whole length", what);
    is_int(a->nentities, full->nentities, "%s: every entity", what);
    bool ents = a->nentities == full->nentities, counts = ents, mentions = ents;
    for (size_t i = 0; ents && i < full->nentities; i++) {
        const entity_t *x = &a->entities[i], *y = &full->entities[i];
        ents &= x->id == y->id && same_str(x->name, y->name) && x->kind == y->kind
            && x->naliases == y->naliases;
        counts &= x->nmentions == y->nmentions;
        /* the mentions that start in the text read, then placeholders */
        size_t k = 0;
        for (; counts && k < y->nmentions && (size_t)y->mentions[k].start < p->loaded; k++)
            mentions &= same_span(x->mentions[k], y->mentions[k]);
        for (; counts && k < y->nmentions; k++)
            mentions &= x->mentions[k].start == 0 && x->mentions[k].end == 0;
    }
    ok(ents, "%s: names, kinds and aliases", what);
    ok(counts, "%s: each entity's number of mentions is the whole article's", what);
    ok(mentions, "%s: the mentions in the text read, and no others", what);
    is_int(a->nassertions, full->nassertions, "%s: the number of quotes and claims", what);
    is_int(p->nassertions, full->nassertions, "%s: ... in the part's count too", what);
    size_t before = 0;
    while (before < full->nassertions && (size_t)full->assertions[before].span.start < p->loaded)
        before++;
    ok(p->nloaded >= before && p->nloaded >= (min < full->nassertions ? min : full->nassertions),
       "%s: those starting in the text read, and at least %zu (%zu)", what, min, p->nloaded);
    bool same = p->nloaded <= full->nassertions, shown = true, rest = true;
    for (size_t i = 0; same && i < p->nloaded; i++) {
        const assertion_t *x = &a->assertions[i], *y = &full->assertions[i];
        same &= x->id == y->id && x->kind == y->kind && x->speaker == y->speaker
            && same_span(x->span, y->span) && x->status == y->status
            && same_str(x->note, y->note);
        size_t end = (size_t)y->span.end;
        if (end > (size_t)y->span.start + 400)
            end = (size_t)y->span.start + 400;
        shown &= end <= p->loaded;
    }
    for (size_t i = p->nloaded; i < a->nassertions; i++)
        rest &= a->assertions[i].id == 0 && a->assertions[i].span.start == 0
            && a->assertions[i].span.end == 0;
    ok(same, "%s: the first %zu quotes and claims as the whole article has them", what,
       p->nloaded);
    ok(shown, "%s: ... and the text the claims panel shows of them", what);
    ok(rest, "%s: the others are empty placeholders", what);
    size_t st[STATUS_COUNT] = {0};
    for (size_t i = 0; i < full->nassertions; i++)
        st[full->assertions[i].status]++;
    ok(memcmp(st, p->nstatus, sizeof st) == 0, "%s: the counts by status", what);
    /* The relation marks of the quotes and claims loaded. */
    bool rel = true;
    for (size_t i = 0; i < p->nloaded; i++) {
        int cx[2] = {0, 0}, cy[2] = {0, 0};
        for (size_t k = 0; k < a->nrelations; k++)
            cx[0] += a->relations[k].from.index == (int)i, cx[1] += a->relations[k].to.index == (int)i;
        for (size_t k = 0; k < full->nrelations; k++)
            cy[0] += full->relations[k].from.index == (int)i, cy[1] += full->relations[k].to.index == (int)i;
        rel &= cx[0] == cy[0] && cx[1] == cy[1];
    }
    ok(rel, "%s: the relations of those loaded", what);
}

int main(void)
{
    fixture_t fx;
    store_t *s = fx_library(&fx, "part");
    const char *path = fx.path;
    err_t e = {{0}};
    if (!ok(s != NULL, "a new library"))
        return done_testing();

    article_t *other = long_article(3, "Other");
    other->text[0] = '9';               /* not the same text as below */
    ok(store_add_article(s, other, NULL, &e) == 0, "add a short article");
    article_t *a = long_article(400, "Long");
    ok(store_add_article(s, a, NULL, &e) == 0, "add a long one (%zu bytes, %zu quotes and claims)",
       a->len, a->nassertions);
    /* a relation across articles, to a quote well into the long one */
    ok(store_add_relation(s, REL_CONTRADICTS, ORIGIN_USER, other->assertions[0].id,
                          a->assertions[2].id, &e) == 0, "relate the two");
    store_tag(s, a->assertions[3].id, STATUS_CORROBORATED, "seen", "tester", &e);
    is_int(count_drift(path), 0, "the per-article counts agree with a recount");

    article_t *full = store_load_article(s, a->id, &e);
    ok(full != NULL, "load the long article whole");
    if (!full)
        return done_testing();

    /* Short: whole at once, the snapshot ended. */
    article_part_t p;
    article_t *b = store_load_part(s, other->id, 100000, 1000, 10, &p, &e);
    article_t *ofull = store_load_article(s, other->id, &e);
    ok(b && p.complete && p.in == NULL && p.loaded == b->len && p.nloaded == b->nassertions,
       "an article below the size is loaded whole");
    ok(b && ofull && same_article(b, ofull), "... as store_load_article loads it");
    ok(b && store_load_rest(s, b, &p, &e) == 0, "... and store_load_rest has nothing to do");
    article_free(b);
    article_free(ofull);

    static const struct { size_t want, min; } cases[] = {
        { 1000, 5 }, { 1, 0 }, { 5000, 200 }, { 30000, 3 }, { 1000000, 0 } };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char what[64];
        snprintf(what, sizeof what, "part of %zu bytes, %zu rows", cases[c].want, cases[c].min);
        memset(&e, 0, sizeof e);
        b = store_load_part(s, a->id, 10000, cases[c].want, cases[c].min, &p, &e);
        ok(b != NULL, "%s: loaded", what);
        if (!b)
            continue;
        size_t want = cases[c].want < full->len ? cases[c].want : full->len;
        check_part(b, &p, full, want, cases[c].min, what);
        ok(store_load_rest(s, b, &p, &e) == 0, "%s: the rest", what);
        ok(p.complete && p.in == NULL && p.loaded == b->len, "%s: ... complete, snapshot ended",
           what);
        ok(same_article(b, full), "%s: ... the article as store_load_article loads it", what);
        article_free(b);
    }

    /* One snapshot: a change made between the part and the rest by
    ** another connection is not seen by either. */
    b = store_load_part(s, a->id, 10000, 2000, 5, &p, &e);
    store_t *s2 = store_open(path, 0, &e);
    ok(s2 && store_tag(s2, a->assertions[0].id, STATUS_DISPUTED, NULL, "other", &e) == 0,
       "another connection tags a quote while the part is open");
    ok(b && store_load_rest(s, b, &p, &e) == 0 && same_article(b, full),
       "... the rest is of the same snapshot as the part");
    article_free(b);
    store_close(s2);

    /* Closed before the rest: the snapshot ends, and then the tag shows. */
    b = store_load_part(s, a->id, 10000, 2000, 5, &p, &e);
    store_part_end(s, &p);
    ok(p.in == NULL, "store_part_end ends the snapshot");
    article_free(b);
    b = store_load_article(s, a->id, &e);
    ok(b && b->assertions[0].status == STATUS_DISPUTED, "... after which the tag is seen");
    article_free(b);

    /* A library of schema 3 gets the counts of what it holds. */
    store_close(s);
    {
        static const char *const v3[] = {
            "DROP TRIGGER article_entities_mention_insert",
            "DROP TRIGGER article_entities_mention_delete",
            "DROP TRIGGER article_counts_assertion_insert",
            "DROP TRIGGER article_counts_assertion_delete",
            "DROP TRIGGER article_counts_assertion_update",
            "DROP TABLE article_entities", "DROP TABLE article_statuses",
            "DROP TRIGGER tags_raise_rev", "DROP TABLE article_revs",
            "DROP TABLE rejected_relations",
            "PRAGMA user_version = 3" };
        sqlite3 *db;
        int bad = 0;
        sqlite3_open(path, &db);
        for (size_t i = 0; i < sizeof v3 / sizeof v3[0]; i++)
            bad += sqlite3_exec(db, v3[i], NULL, NULL, NULL) != SQLITE_OK;
        sqlite3_close(db);
        ok(bad == 0, "make the library one of schema 3");
    }
    s = store_open(path, 0, &e);
    ok(s != NULL, "... it opens, upgraded");
    is_int(count_drift(path), 0, "... with the counts of the articles it holds");
    b = s ? store_load_part(s, a->id, 10000, 2000, 5, &p, &e) : NULL;
    ok(b != NULL, "... and a long one opens in part");
    article_t *now = s ? store_load_article(s, a->id, &e) : NULL;
    if (b && now) {
        check_part(b, &p, now, 2000, 5, "after the upgrade");
        store_part_end(s, &p);
    }
    article_free(now);
    article_free(b);

    /* The counts through changes. */
    memset(&e, 0, sizeof e);
    ok(store_untag(s, a->assertions[3].id, "tester", NULL, &e) == 0, "untag");
    is_int(count_drift(path), 0, "... the counts agree");
    article_t *f = long_article(350, "Long");
    for (size_t i = 0; i < f->nassertions; i += 3)
        f->assertions[i].speaker = 2;
    memset(&e, 0, sizeof e);
    ok(store_replace_auto(s, a->id, f, &e) == 0, "re-annotate the long article");
    if (e.msg[0])
        printf("# %s\n", e.msg);
    is_int(count_drift(path), 0, "... the counts agree");
    b = store_load_part(s, a->id, 10000, 3000, 5, &p, &e);
    article_t *g = store_load_article(s, a->id, &e);
    ok(b && g, "load it in part and whole");
    if (b && g) {
        check_part(b, &p, g, 3000, 5, "after re-annotation");
        ok(store_load_rest(s, b, &p, &e) == 0 && same_article(b, g),
           "after re-annotation: part and rest are the whole");
    }
    article_free(b);
    article_free(g);
    article_free(f);
    ok(store_delete_article(s, other->id, &e) == 0, "delete the short article");
    is_int(count_drift(path), 0, "... the counts agree");
    ok(store_delete_article(s, a->id, &e) == 0, "delete the long one");
    is_int(count_drift(path), 0, "... the counts agree");
    {
        sqlite3 *db;
        sqlite3_stmt *st;
        long long rows = -1;
        sqlite3_open(path, &db);
        if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM article_entities"
                               " WHERE mentions <> 0 OR speaks <> 0)"
                               " + (SELECT count(*) FROM article_statuses WHERE n <> 0)", -1, &st,
                               NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            rows = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
        is_int(rows, 0, "... and no counts are left behind");
    }

    article_free(full);
    article_free(a);
    article_free(other);
    store_close(s);
    fx_done(&fx);
    return done_testing();
}
