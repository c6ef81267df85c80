/*
** model.c: construction, destruction and ordering of the in-memory
** article, and the name tables for its enums.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

#define X_NAME3(e, n, l) [e] = n,
#define X_NAME2(e, n) [e] = n,
#define X_LABEL3(e, n, l) [e] = l,
static const char *const kind_names[] = { ENTITY_KINDS(X_NAME3) };
static const char *const kind_labels[] = { ENTITY_KINDS(X_LABEL3) };
static const char *const status_names[] = { STATUSES(X_NAME3) };
#define X_MARK(e, n, m) [e] = m,
static const char status_marks[] = { STATUSES(X_MARK) };
static const char *const rel_names[] = { RELATION_TYPES(X_NAME2) };
static const char *const origin_names[] = { ORIGINS(X_NAME2) };

static int parse_name(const char *const *names, int n, const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

const char *entity_kind_name(entity_kind_t k) { return k < KIND_COUNT ? kind_names[k] : "other"; }
const char *entity_kind_label(entity_kind_t k) { return k < KIND_COUNT ? kind_labels[k] : "Other"; }
int entity_kind_parse(const char *s)
{
    /* British spelling is what the labels use, so accept it as input too. */
    if (s && strcmp(s, "organisation") == 0)
        return KIND_ORGANIZATION;
    return parse_name(kind_names, KIND_COUNT, s);
}
const char *status_name(status_t s) { return s < STATUS_COUNT ? status_names[s] : "unreviewed"; }
char status_mark(status_t s) { return s < STATUS_COUNT ? status_marks[s] : '?'; }
int status_parse(const char *s) { return parse_name(status_names, STATUS_COUNT, s); }

bool note_same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

const char *relation_type_name(relation_type_t t) { return t < REL_COUNT ? rel_names[t] : "contradicts"; }
int relation_type_parse(const char *s) { return parse_name(rel_names, REL_COUNT, s); }
const char *origin_name(origin_t o) { return o < ORIGIN_COUNT ? origin_names[o] : "import"; }
int origin_parse(const char *s) { return parse_name(origin_names, ORIGIN_COUNT, s); }

article_t *article_new(void)
{
    article_t *a = xcalloc(1, sizeof *a);
    return a;
}

void entity_clear(entity_t *e)
{
    free(e->xid);
    free(e->name);
    for (size_t i = 0; i < e->naliases; i++)
        free(e->aliases[i]);
    free(e->aliases);
    free(e->mentions);
    memset(e, 0, sizeof *e);
}

void assertion_clear(assertion_t *q)
{
    free(q->xid);
    free(q->note);
    memset(q, 0, sizeof *q);
}

void relation_clear(relation_t *r)
{
    free(r->from.xid);
    free(r->to.xid);
    memset(r, 0, sizeof *r);
}

void article_free(article_t *a)
{
    if (!a)
        return;
    free(a->title);
    free(a->source);
    free(a->url);
    free(a->published);
    free(a->text);
    for (size_t i = 0; i < a->nentities; i++)
        entity_clear(&a->entities[i]);
    free(a->entities);
    for (size_t i = 0; i < a->nassertions; i++)
        assertion_clear(&a->assertions[i]);
    free(a->assertions);
    for (size_t i = 0; i < a->nrelations; i++)
        relation_clear(&a->relations[i]);
    free(a->relations);
    for (size_t i = 0; i < a->nremoved; i++)
        relation_clear(&a->removed[i]);
    free(a->removed);
    free(a);
}

/* The arrays grow by doubling; capacity is not stored, so derive it from
** the count: a power of two (>= 8) is the only size at which to grow. */
static void *append(void *arr, size_t n, size_t sz)
{
    if (n == 0 || (n >= 8 && (n & (n - 1)) == 0))
        arr = xrealloc(arr, (n ? n * 2 : 8) * sz);
    memset((char *)arr + n * sz, 0, sz);
    return arr;
}

entity_t *article_add_entity(article_t *a)
{
    a->entities = append(a->entities, a->nentities, sizeof *a->entities);
    entity_t *e = &a->entities[a->nentities++];
    e->kind = KIND_OTHER;
    return e;
}

assertion_t *article_add_assertion(article_t *a)
{
    a->assertions = append(a->assertions, a->nassertions, sizeof *a->assertions);
    assertion_t *q = &a->assertions[a->nassertions++];
    q->speaker = -1;
    q->span = q->speaker_span = q->cue_span = SPAN_NONE;
    q->status = STATUS_UNREVIEWED;
    return q;
}

/* Links and removed links are one shape in two arrays. */
static relation_t *add_relation_to(relation_t **v, size_t *n)
{
    *v = append(*v, *n, sizeof **v);
    relation_t *r = &(*v)[(*n)++];
    r->from.index = r->to.index = -1;
    r->origin = ORIGIN_IMPORT;
    return r;
}

relation_t *article_add_relation(article_t *a)
{
    return add_relation_to(&a->relations, &a->nrelations);
}

relation_t *article_add_removed(article_t *a)
{
    return add_relation_to(&a->removed, &a->nremoved);
}

void entity_add_mention(entity_t *e, span_t s)
{
    e->mentions = append(e->mentions, e->nmentions, sizeof *e->mentions);
    e->mentions[e->nmentions++] = s;
}

void entity_add_alias(entity_t *e, const char *alias)
{
    if (e->name && strcmp(e->name, alias) == 0)
        return;
    for (size_t i = 0; i < e->naliases; i++)
        if (strcmp(e->aliases[i], alias) == 0)
            return;
    e->aliases = append(e->aliases, e->naliases, sizeof *e->aliases);
    e->aliases[e->naliases++] = xstrdup(alias);
}

static int cmp_span(const span_t *x, const span_t *y)
{
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return 0;
}

static int cmp_mention(const void *x, const void *y)
{
    return cmp_span(x, y);
}

/* Sorting assertions must carry their original index along so relations
** can be remapped; ties keep claims after quotes, then input order, so
** the result is the same on every libc (qsort is not stable). */
typedef struct { assertion_t q; size_t orig; } tagged_t;

static int cmp_tagged(const void *x, const void *y)
{
    const tagged_t *a = x, *b = y;
    int c = cmp_span(&a->q.span, &b->q.span);
    if (c)
        return c;
    if (a->q.kind != b->q.kind)
        return a->q.kind < b->q.kind ? -1 : 1;
    return a->orig < b->orig ? -1 : a->orig > b->orig;
}

static void remap_ends(relation_t *v, size_t nv, const int *newpos, size_t n)
{
    for (size_t i = 0; i < nv; i++) {
        relation_t *r = &v[i];
        if (r->from.index >= 0 && (size_t)r->from.index < n)
            r->from.index = newpos[r->from.index];
        if (r->to.index >= 0 && (size_t)r->to.index < n)
            r->to.index = newpos[r->to.index];
    }
}

void article_sort(article_t *a)
{
    for (size_t i = 0; i < a->nentities; i++) {
        entity_t *e = &a->entities[i];
        if (e->nmentions > 1)
            qsort(e->mentions, e->nmentions, sizeof *e->mentions, cmp_mention);
    }
    size_t n = a->nassertions;
    if (n < 2)
        return;
    tagged_t *t = xmalloc(n * sizeof *t);
    for (size_t i = 0; i < n; i++) {
        t[i].q = a->assertions[i];
        t[i].orig = i;
    }
    qsort(t, n, sizeof *t, cmp_tagged);
    int *newpos = xmalloc(n * sizeof *newpos);
    for (size_t i = 0; i < n; i++) {
        a->assertions[i] = t[i].q;
        newpos[t[i].orig] = (int)i;
    }
    remap_ends(a->relations, a->nrelations, newpos, n);
    remap_ends(a->removed, a->nremoved, newpos, n);
    free(newpos);
    free(t);
}

size_t article_count_status(const article_t *a, status_t s)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nassertions; i++)
        n += a->assertions[i].status == s;
    return n;
}
