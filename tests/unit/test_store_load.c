/*
** test_store_load.c: store.c's loading of an article (store_load_article,
** store_load_part, store_load_rest) against a reference that this file
** builds with the SQL loading used before issue 5 made it cheaper (the
** entities as an IN over a UNION ordered by id, each entity's aliases
** ordered by id, the relations as an IN over a UNION ordered by id).
** The library is bench/gen's (stories whose people and relations recur),
** made harder behind contra's back: relations across articles, quotes
** with no speaker, speakers with no mention in the article, aliases
** whose ids run against their index order.  Every article is loaded by
** every path and compared with the reference field by field.
*/
#include "config.h"

#include "store.h"
#include "import.h"
#include "../tap.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static char dir[256];

/* ---- the reference: the loading SQL as it was -------------------------- */

#define OLD_ENTITIES                                                        \
    "SELECT id, name, kind FROM entities WHERE id IN"                       \
    " (SELECT entity FROM mentions WHERE article = ?1"                      \
    "  UNION SELECT speaker FROM assertions WHERE article = ?1)"            \
    " ORDER BY id"
#define OLD_PART_ENTITIES                                                   \
    "SELECT e.id, e.name, e.kind FROM article_entities c"                   \
    " JOIN entities e ON e.id = c.entity WHERE c.article = ?1"              \
    " AND (c.mentions > 0 OR c.speaks > 0) ORDER BY c.entity"
#define OLD_ALIASES "SELECT alias FROM entity_aliases WHERE entity = ?1 ORDER BY id"
#define OLD_MENTIONS                                                        \
    "SELECT entity, span_start, span_end FROM mentions"                     \
    " WHERE article = ?1 ORDER BY entity, span_start, span_end"
#define OLD_ASSERTIONS                                                      \
    "SELECT id, kind, speaker, span_start, span_end, speaker_start,"        \
    " speaker_end, cue_start, cue_end, direct, status, note"                \
    " FROM assertions WHERE article = ?1 ORDER BY span_start, id"
#define OLD_RELATIONS                                                       \
    "SELECT r.id, r.type, r.origin, r.from_id, f.article, r.to_id,"         \
    " t.article FROM relations r"                                           \
    " JOIN assertions f ON f.id = r.from_id"                                \
    " JOIN assertions t ON t.id = r.to_id"                                  \
    " WHERE r.id IN (SELECT x.id FROM relations x"                          \
    "   JOIN assertions a ON a.id = x.from_id"                              \
    "   WHERE a.article = ?1 AND a.span_start <= ?2"                        \
    "  UNION SELECT y.id FROM relations y"                                  \
    "   JOIN assertions b ON b.id = y.to_id"                                \
    "   WHERE b.article = ?1 AND b.span_start <= ?2)"                       \
    " ORDER BY r.id"

static sqlite3_stmt *prep(sqlite3 *db, const char *sql, int64_t id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        printf("# %s\n", sqlite3_errmsg(db));
        exit(1);
    }
    sqlite3_bind_int64(st, 1, id);
    return st;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    return v ? xstrdup((const char *)v) : NULL;
}

static span_t col_span(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return SPAN_NONE;
    return (span_t){ sqlite3_column_int64(st, i), sqlite3_column_int64(st, i + 1) };
}

static int col_enum(sqlite3_stmt *st, int i, int (*parse)(const char *))
{
    const unsigned char *v = sqlite3_column_text(st, i);
    int n = v ? parse((const char *)v) : -1;
    return n < 0 ? 0 : n;
}

static int entity_index(const article_t *a, int64_t id)
{
    for (size_t i = 0; i < a->nentities; i++)
        if (a->entities[i].id == id)
            return (int)i;
    return -1;
}

/* Entities (from OLD_ENTITIES, or OLD_PART_ENTITIES when part) with
** their aliases. */
static void ref_entities(sqlite3 *db, article_t *a, bool part)
{
    sqlite3_stmt *st = prep(db, part ? OLD_PART_ENTITIES : OLD_ENTITIES, a->id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        entity_t *en = article_add_entity(a);
        en->id = sqlite3_column_int64(st, 0);
        en->name = col_dup(st, 1);
        en->kind = col_enum(st, 2, entity_kind_parse);
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < a->nentities; i++) {
        st = prep(db, OLD_ALIASES, a->entities[i].id);
        while (sqlite3_step(st) == SQLITE_ROW)
            entity_add_alias(&a->entities[i], (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
}

/* The relations touching the article's assertions that start at upto or
** before; ends indexed among the first nknown assertions. */
static void ref_relations(sqlite3 *db, article_t *a, int64_t upto, size_t nknown)
{
    sqlite3_stmt *st = prep(db, OLD_RELATIONS, a->id);
    sqlite3_bind_int64(st, 2, upto);
    while (sqlite3_step(st) == SQLITE_ROW) {
        relation_t *r = article_add_relation(a);
        rel_end_t *ends[2] = { &r->from, &r->to };
        r->id = sqlite3_column_int64(st, 0);
        r->type = col_enum(st, 1, relation_type_parse);
        r->origin = col_enum(st, 2, origin_parse);
        for (int k = 0; k < 2; k++) {
            ends[k]->id = sqlite3_column_int64(st, 3 + 2 * k);
            ends[k]->article_id = sqlite3_column_int64(st, 4 + 2 * k);
            ends[k]->index = -1;
            for (size_t i = 0; ends[k]->article_id == a->id && i < nknown; i++)
                if (a->assertions[i].id == ends[k]->id)
                    ends[k]->index = (int)i;
        }
    }
    sqlite3_finalize(st);
}

/* The whole article as the old SQL loads it. */
static article_t *ref_load(sqlite3 *db, int64_t id, bool part)
{
    article_t *a = article_new();
    sqlite3_stmt *st = prep(db, "SELECT title, source, url, published, text"
                            " FROM articles WHERE id = ?1", id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        article_free(a);
        return NULL;
    }
    a->id = id;
    a->title = col_dup(st, 0);
    a->source = col_dup(st, 1);
    a->url = col_dup(st, 2);
    a->published = col_dup(st, 3);
    if (a->published && !*a->published) {
        free(a->published);
        a->published = NULL;
    }
    a->len = (size_t)sqlite3_column_bytes(st, 4);
    a->text = xmalloc(a->len + 1);
    memcpy(a->text, sqlite3_column_text(st, 4), a->len + 1);
    sqlite3_finalize(st);

    ref_entities(db, a, part);
    st = prep(db, OLD_MENTIONS, id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int k = entity_index(a, sqlite3_column_int64(st, 0));
        if (k >= 0)
            entity_add_mention(&a->entities[k], col_span(st, 1));
    }
    sqlite3_finalize(st);
    st = prep(db, OLD_ASSERTIONS, id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        assertion_t *q = article_add_assertion(a);
        const char *kind = (const char *)sqlite3_column_text(st, 1);
        q->id = sqlite3_column_int64(st, 0);
        q->kind = kind && strcmp(kind, "claim") == 0 ? ASSERT_CLAIM : ASSERT_QUOTE;
        q->speaker = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1
            : entity_index(a, sqlite3_column_int64(st, 2));
        q->span = col_span(st, 3);
        q->speaker_span = col_span(st, 5);
        q->cue_span = col_span(st, 7);
        q->direct = sqlite3_column_int(st, 9) != 0;
        q->status = col_enum(st, 10, status_parse);
        q->note = col_dup(st, 11);
    }
    sqlite3_finalize(st);
    ref_relations(db, a, INT64_MAX, a->nassertions);
    return a;
}

/* ---- comparison ---------------------------------------------------------- */

static bool same_str(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static bool same_span(span_t x, span_t y)
{
    return x.start == y.start && x.end == y.end;
}

static bool same_end(const rel_end_t *x, const rel_end_t *y)
{
    return x->index == y->index && x->id == y->id && x->article_id == y->article_id
        && same_str(x->xid, y->xid);
}

static bool same_relations(const article_t *x, const article_t *y, char *why, size_t n)
{
    if (x->nrelations != y->nrelations) {
        snprintf(why, n, "%zu relations, not %zu", x->nrelations, y->nrelations);
        return false;
    }
    for (size_t i = 0; i < x->nrelations; i++) {
        const relation_t *r = &x->relations[i], *t = &y->relations[i];
        if (r->id != t->id || r->type != t->type || r->origin != t->origin
            || !same_end(&r->from, &t->from) || !same_end(&r->to, &t->to)) {
            snprintf(why, n, "relation %zu (%lld, not %lld)", i, (long long)r->id,
                     (long long)t->id);
            return false;
        }
    }
    return true;
}

/* Entities without their mentions when names_only. */
static bool same_entities(const article_t *x, const article_t *y, bool names_only,
                          char *why, size_t n)
{
    if (x->nentities != y->nentities) {
        snprintf(why, n, "%zu entities, not %zu", x->nentities, y->nentities);
        return false;
    }
    for (size_t i = 0; i < x->nentities; i++) {
        const entity_t *p = &x->entities[i], *q = &y->entities[i];
        bool same = p->id == q->id && same_str(p->xid, q->xid)
            && same_str(p->name, q->name) && p->kind == q->kind
            && p->naliases == q->naliases
            && (names_only || p->nmentions == q->nmentions);
        for (size_t k = 0; same && k < p->naliases; k++)
            same = same_str(p->aliases[k], q->aliases[k]);
        for (size_t k = 0; same && !names_only && k < p->nmentions; k++)
            same = same_span(p->mentions[k], q->mentions[k]);
        if (!same) {
            snprintf(why, n, "entity %zu (%lld %s)", i, (long long)p->id,
                     p->name ? p->name : "?");
            return false;
        }
    }
    return true;
}

static bool same_article(const article_t *x, const article_t *y, char *why, size_t n)
{
    if (x->id != y->id || !same_str(x->title, y->title) || !same_str(x->source, y->source)
        || !same_str(x->url, y->url) || !same_str(x->published, y->published)
        || x->len != y->len || memcmp(x->text, y->text, x->len) != 0) {
        snprintf(why, n, "metadata or text");
        return false;
    }
    if (!same_entities(x, y, false, why, n))
        return false;
    if (x->nassertions != y->nassertions) {
        snprintf(why, n, "%zu quotes and claims, not %zu", x->nassertions, y->nassertions);
        return false;
    }
    for (size_t i = 0; i < x->nassertions; i++) {
        const assertion_t *p = &x->assertions[i], *q = &y->assertions[i];
        if (p->id != q->id || !same_str(p->xid, q->xid) || p->kind != q->kind
            || p->speaker != q->speaker || !same_span(p->span, q->span)
            || !same_span(p->speaker_span, q->speaker_span)
            || !same_span(p->cue_span, q->cue_span) || p->direct != q->direct
            || p->status != q->status || !same_str(p->note, q->note)) {
            snprintf(why, n, "assertion %zu (%lld)", i, (long long)p->id);
            return false;
        }
    }
    return same_relations(x, y, why, n);
}

/* ---- the library ----------------------------------------------------------- */

static void sql(sqlite3 *db, const char *s)
{
    char *msg = NULL;
    if (sqlite3_exec(db, s, NULL, NULL, &msg) != SQLITE_OK) {
        printf("# %s: %s\n", s, msg ? msg : "?");
        exit(1);
    }
}

/* The ranges of consecutive ids an article's quotes and claims make. */
#define RUNS "SELECT count(*) FROM assertions q WHERE NOT EXISTS (SELECT 1"     \
    " FROM assertions p WHERE p.id = q.id - 1 AND p.article = q.article)"   \
    " AND q.article = "

static long long one(sqlite3 *db, const char *s)
{
    sqlite3_stmt *st = prep(db, s, 0);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static int run(const char *cmd)
{
    int rc = system(cmd);
    if (rc != 0)
        printf("# %s: status %d\n", cmd, rc);
    return rc;
}

int main(void)
{
    const char *tmp = getenv("TMPDIR"), *bdir = getenv("TESTS_BUILDDIR");
    snprintf(dir, sizeof dir, "%s/test_store_load.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char *gen = xasprintf("%s/../bench/gen", bdir && *bdir ? bdir : "tests");
    char *lib = xasprintf("%s/lib.db", dir);
    char *jsonl = xasprintf("%s/lib.jsonl", dir), *big = xasprintf("%s/big.json", dir);
    char *cmd = xasprintf("'%s' jsonl 150 > '%s' && '%s' big 1 json > '%s'",
                          gen, jsonl, gen, big);
    err_t e = {{0}};

    if (run(cmd) != 0) {
        ok(0, "bench/gen makes a library's articles");
        return done_testing();
    }
    free(cmd);
    store_t *s = store_open(lib, STORE_CREATE, &e);
    ok(s && import_path(s, jsonl, NULL, NULL, NULL, &e) == 0
       && import_path(s, big, NULL, NULL, NULL, &e) == 0,
       "import bench/gen's 150 articles and a long one (%s)", e.msg);

    /* Behind contra's back: what bench/gen does not make. */
    sqlite3 *db;
    sqlite3_open(lib, &db);
    sqlite3_busy_timeout(db, 5000);
    /* relations across articles, both ways, and to the long article */
    sql(db, "INSERT OR IGNORE INTO relations(type, origin, from_id, to_id)"
        " SELECT 'contradicts', 'user', a.id, b.id FROM assertions a, assertions b"
        " WHERE a.id % 7 = 0 AND b.id = a.id + 41 AND b.article <> a.article");
    sql(db, "INSERT OR IGNORE INTO relations(type, origin, from_id, to_id)"
        " SELECT 'supports', 'auto', a.id, b.id FROM assertions a, assertions b"
        " WHERE a.id % 11 = 3 AND b.id = a.id - 23 AND b.article <> a.article");
    sql(db, "INSERT OR IGNORE INTO relations(type, origin, from_id, to_id)"
        " SELECT 'contradicts', 'import', a.id, b.id FROM assertions a, assertions b"
        " WHERE a.article = (SELECT max(id) FROM articles) AND a.id % 97 = 0"
        " AND b.id = (SELECT min(id) FROM assertions) + a.id % 300");
    /* quotes with no speaker, and speakers the article never mentions */
    sql(db, "UPDATE assertions SET speaker = NULL WHERE id % 13 = 5");
    sql(db, "UPDATE assertions SET speaker = (SELECT max(id) FROM entities) - id % 17"
        " WHERE id % 19 = 2");
    /* articles whose quotes' ids are not consecutive (as after a
    ** re-annotation): in a few ranges, and in more than store.c reads
    ** range by range */
    sql(db, "UPDATE assertions SET article = 10 WHERE article = 11 AND id % 2 = 0");
    sql(db, "UPDATE assertions SET article = 14 WHERE article IN (12, 13) AND id % 2 = 1");
    /* aliases whose ids run against their folds' order */
    sql(db, "INSERT OR IGNORE INTO entity_aliases(entity, alias, fold)"
        " SELECT id, 'Zz ' || name, 'zz ' || fold FROM entities WHERE id % 3 = 0");
    sql(db, "INSERT OR IGNORE INTO entity_aliases(entity, alias, fold)"
        " SELECT id, 'Aa ' || name, 'aa ' || fold FROM entities WHERE id % 3 = 0");
    sql(db, "INSERT OR IGNORE INTO entity_aliases(entity, alias, fold)"
        " SELECT id, 'Mm ' || name, 'mm ' || fold FROM entities WHERE id % 6 = 0");
    ok(one(db, "SELECT count(*) FROM relations r JOIN assertions f ON f.id = r.from_id"
           " JOIN assertions t ON t.id = r.to_id WHERE f.article <> t.article") > 100
       && one(db, "SELECT count(*) FROM assertions WHERE speaker IS NULL") > 100
       && one(db, "SELECT count(*) FROM assertions q WHERE speaker IS NOT NULL"
              " AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article = q.article"
              " AND m.entity = q.speaker)") > 10
       && one(db, "SELECT count(*) FROM (SELECT entity FROM entity_aliases"
              " GROUP BY entity HAVING count(*) >= 3)") > 10
       && one(db, "SELECT count(*) FROM relations r JOIN assertions f ON f.id = r.from_id"
              " JOIN assertions t ON t.id = r.to_id WHERE f.article = t.article") > 100
       && one(db, RUNS "10") >= 2 && one(db, RUNS "14") > 8,
       "the library has relations across articles, quotes with no speaker, speakers"
       " not mentioned, entities with several aliases, articles whose quotes' ids"
       " are not consecutive");

    int64_t *ids = NULL;
    size_t n = 0, cap = 0, bad[4] = {0};
    char why[4][1100] = {{0}}, w[160];
    sqlite3_stmt *st = prep(db, "SELECT id FROM articles ORDER BY id", 0);
    while (sqlite3_step(st) == SQLITE_ROW) {
        grow_array((void **)&ids, &cap, n + 1, sizeof *ids);
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);

    for (size_t i = 0; s && i < n; i++) {
        article_t *ref = ref_load(db, ids[i], false);
        article_t *pref = ref_load(db, ids[i], true);
        article_part_t part;

        /* store_load_article */
        article_t *a = store_load_article(s, ids[i], &e);
        if (!a || !ref || !same_article(a, ref, w, sizeof w)) {
            if (!bad[0]++)
                snprintf(why[0], sizeof why[0], "article %lld: %s", (long long)ids[i],
                         a ? w : e.msg);
        }
        article_free(a);

        /* store_load_part of an article below `small`: loaded whole */
        a = store_load_part(s, ids[i], SIZE_MAX, 1000, 5, &part, &e);
        if (!a || !part.complete || !same_article(a, ref, w, sizeof w)) {
            if (!bad[1]++)
                snprintf(why[1], sizeof why[1], "article %lld: %s", (long long)ids[i],
                         a ? w : e.msg);
        }
        store_part_end(s, &part);
        article_free(a);

        /* store_load_part in part: its entities and relations as the old
        ** SQL found them for the quotes and claims loaded; then the rest */
        size_t want = 200 + 300 * (i % 7), rows = i % 4;
        a = store_load_part(s, ids[i], 0, want, rows, &part, &e);
        if (a && !part.complete) {
            article_t *r = article_new();
            r->id = ids[i];
            for (size_t k = 0; k < part.nloaded; k++)
                *article_add_assertion(r) = (assertion_t){
                    .id = a->assertions[k].id, .speaker = -1 };
            ref_relations(db, r, part.nloaded
                          ? a->assertions[part.nloaded - 1].span.start : -1,
                          part.nloaded);
            if (!same_entities(a, pref, true, w, sizeof w)
                || !same_relations(a, r, w, sizeof w)) {
                if (!bad[2]++)
                    snprintf(why[2], sizeof why[2], "article %lld: %s",
                             (long long)ids[i], w);
            }
            article_free(r);
        } else if (!bad[2]++) {
            snprintf(why[2], sizeof why[2], "article %lld: %s", (long long)ids[i],
                     a ? "loaded whole" : e.msg);
        }
        if (!a || store_load_rest(s, a, &part, &e) < 0
            || !same_article(a, pref, w, sizeof w)) {
            if (!bad[3]++)
                snprintf(why[3], sizeof why[3], "article %lld: %s", (long long)ids[i],
                         a ? w : e.msg);
        }
        store_part_end(s, &part);
        article_free(a);
        article_free(ref);
        article_free(pref);
    }
    ok(n == 151 && !bad[0], "store_load_article: %zu articles as the old SQL loads them"
       " (%zu differ; %s)", n, bad[0], why[0]);
    ok(!bad[1], "store_load_part below its size: the same (%zu differ; %s)", bad[1], why[1]);
    ok(!bad[2], "store_load_part in part: entities, aliases and the loaded quotes'"
       " relations as the old SQL found them (%zu differ; %s)", bad[2], why[2]);
    ok(!bad[3], "... then store_load_rest: the whole article (%zu differ; %s)",
       bad[3], why[3]);

    /* The reader's queries build no temporary b-tree (issue 5). */
    static const char *const plans[] = {
        "SELECT e.name, e.kind, a.id, a.alias FROM entities e"
        " LEFT JOIN entity_aliases a ON a.entity = e.id WHERE e.id = ?1",
        "SELECT r.id FROM assertions a JOIN relations r ON r.from_id = a.id"
        " JOIN assertions t ON t.id = r.to_id WHERE a.article = ?1 AND a.span_start <= ?2",
        "SELECT r.id FROM assertions b JOIN relations r ON r.to_id = b.id"
        " JOIN assertions f ON f.id = r.from_id WHERE b.article = ?1 AND b.span_start <= ?2"
        " AND NOT (f.article = ?1 AND f.span_start <= ?2)",
        OLD_MENTIONS, OLD_ASSERTIONS,
    };
    for (size_t i = 0; i < sizeof plans / sizeof *plans; i++) {
        char *q = xasprintf("EXPLAIN QUERY PLAN %s", plans[i]);
        strbuf_t b = {0};
        st = prep(db, q, 0);
        while (sqlite3_step(st) == SQLITE_ROW)
            sb_printf(&b, "%s; ", (const char *)sqlite3_column_text(st, 3));
        sqlite3_finalize(st);
        ok(b.s && !strstr(b.s, "TEMP B-TREE") && !strstr(b.s, "SUBQUERY")
           && !strstr(b.s, "SCAN"), "a loading query's plan: %s", b.s ? b.s : "");
        free(b.s);
        free(q);
    }

    sqlite3_close(db);
    store_close(s);
    free(ids);
    free(gen);
    free(lib);
    free(jsonl);
    free(big);
    cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
    free(cmd);
    return done_testing();
}
