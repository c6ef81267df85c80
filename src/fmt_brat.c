/*
** fmt_brat.c: brat standoff import and export (brat.nlplab.org/standoff.html).
**
** A brat document is X.txt (the text) and X.ann, one annotation a line,
** offsets in code points, half-open.  How contra reads the lines:
**
**   T  text-bound:  "T1\tPerson 0 5\tJohn " (or "0 5;10 15" discontinuous,
**      the text field then holding the fragments joined by one space).
**      The type is matched without regard to case:
**        Person, PER                          -> entity, kind person
**        Organization, Organisation, ORG      -> entity, kind organization
**        Location, Place, GPE, LOC            -> entity, kind place
**        Quote                                -> a quote
**        Claim                                -> a claim
**        Cue                                  -> reporting words (cue_span)
**        Speaker                              -> the mention an attribution
**                                                rests on ("he" of "he said")
**        anything else                        -> entity, kind other
**      Entity T's of the same kind and the same text are one entity, named
**      by that text, with one mention per T.  A discontinuous entity T
**      gives one mention per fragment; a discontinuous quote or claim
**      covers its fragments from the first start to the last end (contra
**      keeps one span per assertion).
**      Every T's text must equal the text at its offsets (a newline or tab
**      in the text may stand as a space in the .ann, as tools write them).
**   R  relation:  "R1\tContradicts Arg1:T3 Arg2:T4" (also Supports) between
**      quotes and claims, from Arg1 to Arg2.
**      "Speaker Arg1:T5 Arg2:T1" (also Claimant) attributes quote or claim
**      T1: an entity T5 makes its entity the speaker and, unless a Speaker
**      T is linked too, its span the speaker_span; a Speaker T5 sets only
**      the speaker_span.  "Cue Arg1:T6 Arg2:T1" sets the cue_span.  The
**      arguments may come in either order.  Other relation types are
**      somebody else's annotation scheme and are skipped.
**   A/M attribute: "A1\tStatus T3 disputed" sets a review status,
**      "A2\tIndirect T3" (or "Direct T3 false") marks indirect speech,
**      "A3\tSpeaker T3 T5" (or Claimant) is the Speaker relation written
**      as an attribute whose value is a T id; other attributes are skipped.
**   #  note: "#1\tAnnotatorNotes T3\ttext" becomes the note of a quote or
**      claim (notes on anything else are skipped).
**   *  equivalence: "*\tEquiv T1 T4" makes those T's one entity, named by
**      the text of the first, the other texts becoming aliases (brat's
**      coreference sets).  A set decides before text does: T's in a set
**      never join an entity by text; T's in no set group by kind and text.
**   E, N events and normalisations are read past without complaint.
**
** The title is the first line of the text; a scraped "date YYYY-MM-DD"
** prefix there gives the published date but stays in the text.
**
** The exporter writes exactly these lines, so export then import gives the
** same annotations (entities whose mentions differ in text are written as
** an equivalence set), with losses brat cannot express: relations to
** quotes in other articles, a speaker entity with no mention in the
** article, entity names that are no mention's text (the first mention's
** text names it instead) and aliases that are no mention's text.  A quote
** whose speaker is known but whose speaker_span is not comes back with the
** speaker's first mention as its speaker_span.
*/
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats.h"
#include "import.h"
#include "text.h"

enum role { R_ENTITY, R_QUOTE, R_CLAIM, R_CUE, R_SPEAKER };

typedef struct tb {
    char *id;
    int line;
    int role;
    entity_kind_t kind;
    span_t *frags;         /* bytes */
    size_t nfrags;
    span_t cover;
    char *surface;         /* fragments joined by one space */
    int entity, assertion; /* index in the article, or -1 */
    bool speaker_from_t;   /* assertions: a Speaker T set speaker_span */
} tb_t;

/* A string -> index hash table (open addressing).  Keys are not copied:
** they point at strings that outlive the table.  A .ann can hold a
** hundred thousand T lines, so lookups by id and by text must not scan. */
typedef struct strmap {
    const char **key;
    size_t *klen;
    int *val;
    size_t cap, n;         /* cap: a power of two, or 0 */
} strmap_t;

static uint64_t str_hash(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ULL;    /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static int strmap_get(const strmap_t *m, const char *k, size_t n)
{
    if (!m->cap)
        return -1;
    for (size_t i = str_hash(k, n) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->key[i])
            return -1;
        if (m->klen[i] == n && memcmp(m->key[i], k, n) == 0)
            return m->val[i];
    }
}

static void strmap_put(strmap_t *m, const char *k, size_t n, int v);

static void strmap_grow(strmap_t *m)
{
    strmap_t old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->n = 0;
    m->key = xcalloc(m->cap, sizeof *m->key);
    m->klen = xcalloc(m->cap, sizeof *m->klen);
    m->val = xcalloc(m->cap, sizeof *m->val);
    for (size_t i = 0; i < old.cap; i++)
        if (old.key[i])
            strmap_put(m, old.key[i], old.klen[i], old.val[i]);
    free(old.key);
    free(old.klen);
    free(old.val);
}

/* Add a key that is not in the map yet. */
static void strmap_put(strmap_t *m, const char *k, size_t n, int v)
{
    if ((m->n + 1) * 2 > m->cap)
        strmap_grow(m);
    size_t i = str_hash(k, n) & (m->cap - 1);
    while (m->key[i])
        i = (i + 1) & (m->cap - 1);
    m->key[i] = k;
    m->klen[i] = n;
    m->val[i] = v;
    m->n++;
}

static void strmap_free(strmap_t *m)
{
    free(m->key);
    free(m->klen);
    free(m->val);
    memset(m, 0, sizeof *m);
}

typedef struct bctx {
    const char *txt_name, *ann_name;
    err_t *e;
    cpmap_t m;
    const char *text;
    tb_t *t;
    size_t nt, capt;
    strmap_t ids;                  /* T id -> index in t */
    strmap_t names[KIND_COUNT];    /* entity text -> entity index, per kind */
} bctx_t;

static const struct { const char *name; int role; entity_kind_t kind; } type_map[] = {
    { "person", R_ENTITY, KIND_PERSON },
    { "per", R_ENTITY, KIND_PERSON },
    { "organization", R_ENTITY, KIND_ORGANIZATION },
    { "organisation", R_ENTITY, KIND_ORGANIZATION },
    { "org", R_ENTITY, KIND_ORGANIZATION },
    { "location", R_ENTITY, KIND_PLACE },
    { "place", R_ENTITY, KIND_PLACE },
    { "gpe", R_ENTITY, KIND_PLACE },
    { "loc", R_ENTITY, KIND_PLACE },
    { "quote", R_QUOTE, KIND_OTHER },
    { "claim", R_CLAIM, KIND_OTHER },
    { "cue", R_CUE, KIND_OTHER },
    { "speaker", R_SPEAKER, KIND_OTHER },
};

static void map_type(const char *type, size_t n, int *role, entity_kind_t *kind)
{
    *role = R_ENTITY;
    *kind = KIND_OTHER;
    for (size_t i = 0; i < sizeof type_map / sizeof type_map[0]; i++)
        if (strlen(type_map[i].name) == n && strncasecmp(type_map[i].name, type, n) == 0) {
            *role = type_map[i].role;
            *kind = type_map[i].kind;
            return;
        }
}

static int lfail(bctx_t *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int lfail(bctx_t *c, int line, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(c->e, "%s:%d: %s", c->ann_name, line, msg);
    return -1;
}

/* Code points of file text quoted in a message (see text_clip). */
#define SHOW_MAX 60

/* Equal, counting a newline, carriage return or tab in the text as a
** space in the .ann. */
static bool same_text(const char *want, size_t wn, const char *got, size_t gn)
{
    if (wn != gn)
        return false;
    for (size_t i = 0; i < wn; i++) {
        char a = want[i], b = got[i];
        if (a == '\n' || a == '\r' || a == '\t')
            a = ' ';
        if (b == '\t')
            b = ' ';
        if (a != b)
            return false;
    }
    return true;
}

static tb_t *find_t(bctx_t *c, const char *id, size_t n)
{
    int i = strmap_get(&c->ids, id, n);
    return i >= 0 ? &c->t[i] : NULL;
}

/* A non-negative decimal number; *p is advanced past it. */
static int read_offset(bctx_t *c, int line, const char **p, const char *end, int64_t *out)
{
    const char *s = *p;
    if (s < end && *s == '-') {
        const char *q = s + 1;
        while (q < end && isdigit((unsigned char)*q))
            q++;
        return lfail(c, line, "offset %.*s is negative", (int)(q - s), s);
    }
    if (s >= end || !isdigit((unsigned char)*s)) {
        char *w = text_clip(s, (size_t)(end - s), SHOW_MAX);
        lfail(c, line, "expected offsets \"START END\" after the type, found \"%s\"", w);
        free(w);
        return -1;
    }
    int64_t v = 0;
    while (s < end && isdigit((unsigned char)*s)) {
        if (v > (INT64_MAX - 9) / 10) {
            /* Name the number only, not the rest of the line, cut short. */
            const char *q = s;
            while (q < end && isdigit((unsigned char)*q))
                q++;
            char *w = text_clip(*p, (size_t)(q - *p), 24);
            lfail(c, line, "offset %s is too large", w);
            free(w);
            return -1;
        }
        v = v * 10 + (*s++ - '0');
    }
    *p = s;
    *out = v;
    return 0;
}

static void tb_free(tb_t *t)
{
    free(t->id);
    free(t->frags);
    free(t->surface);
}

/* "T1\tType 0 5;7 9\ttext" */
static int read_t(bctx_t *c, int line, const char *s, size_t n)
{
    const char *end = s + n;
    const char *tab1 = memchr(s, '\t', n);
    if (!tab1)
        return lfail(c, line, "expected a tab after the id");
    const char *mid = tab1 + 1;
    const char *tab2 = memchr(mid, '\t', (size_t)(end - mid));
    if (!tab2)
        return lfail(c, line, "expected a tab and the annotated text after the offsets");
    if (find_t(c, s, (size_t)(tab1 - s)))
        return lfail(c, line, "id %.*s is used twice", (int)(tab1 - s), s);

    const char *sp = mid;
    while (sp < tab2 && *sp != ' ')
        sp++;
    if (sp == mid || sp == tab2)
        return lfail(c, line, "expected \"TYPE START END\" between the tabs");

    tb_t t = {0};
    t.line = line;
    t.entity = t.assertion = -1;
    map_type(mid, (size_t)(sp - mid), &t.role, &t.kind);
    size_t capf = 0;
    strbuf_t want = {0}, ranges = {0};
    const char *p = sp + 1;
    for (;;) {
        int64_t a, b;
        if (read_offset(c, line, &p, tab2, &a))
            goto fail;
        if (p >= tab2 || *p != ' ') {
            lfail(c, line, "expected \"START END\" offsets, found only one number");
            goto fail;
        }
        p++;
        if (read_offset(c, line, &p, tab2, &b))
            goto fail;
        sb_printf(&ranges, "%s%" PRId64 "-%" PRId64, ranges.len ? ";" : "", a, b);
        if (a > b) {
            lfail(c, line, "start %" PRId64 " is after end %" PRId64, a, b);
            goto fail;
        }
        if ((uint64_t)b > c->m.ncp) {
            lfail(c, line, "offsets %" PRId64 "-%" PRId64 " are past the end of the text "
                  "(%s has %zu code points)", a, b, c->txt_name, c->m.ncp);
            goto fail;
        }
        span_t f = { cpmap_to_byte(&c->m, a), cpmap_to_byte(&c->m, b) };
        grow_array((void **)&t.frags, &capf, t.nfrags + 1, sizeof *t.frags);
        t.frags[t.nfrags++] = f;
        if (want.len)
            sb_addc(&want, ' ');
        sb_add(&want, c->text + f.start, (size_t)(f.end - f.start));
        if (p < tab2 && *p == ';') {
            p++;
            continue;
        }
        if (p != tab2) {
            char *w = text_clip(p, (size_t)(tab2 - p), SHOW_MAX);
            lfail(c, line, "unexpected \"%s\" after the offsets", w);
            free(w);
            goto fail;
        }
        break;
    }
    const char *got = tab2 + 1;
    size_t gn = (size_t)(end - got);
    if (!want.s)
        sb_add(&want, "", 0);
    if (!same_text(want.s, want.len, got, gn)) {
        char *g = text_clip(got, gn, SHOW_MAX), *w = text_clip(want.s, want.len, SHOW_MAX);
        lfail(c, line, "text \"%s\" does not match offsets %s (\"%s\")", g, ranges.s, w);
        free(g);
        free(w);
        goto fail;
    }
    t.cover.start = t.frags[0].start;
    t.cover.end = t.frags[0].end;
    for (size_t i = 1; i < t.nfrags; i++) {
        if (t.frags[i].start < t.cover.start)
            t.cover.start = t.frags[i].start;
        if (t.frags[i].end > t.cover.end)
            t.cover.end = t.frags[i].end;
    }
    t.surface = sb_steal(&want);
    t.id = xstrndup(s, (size_t)(tab1 - s));
    sb_free(&ranges);
    grow_array((void **)&c->t, &c->capt, c->nt + 1, sizeof *c->t);
    strmap_put(&c->ids, t.id, strlen(t.id), (int)c->nt);
    c->t[c->nt++] = t;
    return 0;
fail:
    free(t.frags);
    sb_free(&want);
    sb_free(&ranges);
    return -1;
}

/* Next whitespace-separated word of [*p, end). */
static bool word(const char **p, const char *end, const char **w, size_t *n)
{
    const char *s = *p;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (s >= end)
        return false;
    *w = s;
    while (s < end && *s != ' ' && *s != '\t')
        s++;
    *n = (size_t)(s - *w);
    *p = s;
    return true;
}

static bool is_assertion(const tb_t *t)
{
    return t->role == R_QUOTE || t->role == R_CLAIM;
}

static const char *role_name(const tb_t *t)
{
    switch (t->role) {
    case R_QUOTE: return "a Quote";
    case R_CLAIM: return "a Claim";
    case R_CUE: return "a Cue";
    case R_SPEAKER: return "a Speaker";
    default: return "an entity";
    }
}

/* The T named by a relation or attribute argument. */
static tb_t *arg_t(bctx_t *c, int line, const char *w, size_t n)
{
    const char *colon = memchr(w, ':', n);
    if (colon) {
        n -= (size_t)(colon + 1 - w);
        w = colon + 1;
    }
    tb_t *t = find_t(c, w, n);
    if (!t)
        lfail(c, line, "unknown id \"%.*s\"", (int)n, w);
    return t;
}

/* The attribution of quote or claim T qt (assertion q) rests on T from. */
static int set_speaker(bctx_t *c, assertion_t *q, tb_t *qt, const tb_t *from, int line,
                       const char *type)
{
    if (from->role == R_SPEAKER) {
        q->speaker_span = from->cover;
        qt->speaker_from_t = true;
    } else if (from->role == R_ENTITY) {
        q->speaker = from->entity;
        if (!qt->speaker_from_t)
            q->speaker_span = from->cover;
    } else {
        return lfail(c, line, "%s links a person or a Speaker to a quote, but %s is %s",
                     type, from->id, role_name(from));
    }
    return 0;
}

static int read_r(bctx_t *c, article_t *a, int line, const char *s, size_t n)
{
    const char *end = s + n, *p = memchr(s, '\t', n), *w;
    size_t wn;
    if (!p)
        return lfail(c, line, "expected a tab after the id");
    const char *tab2 = memchr(p + 1, '\t', (size_t)(end - p - 1));
    if (tab2)
        end = tab2;
    if (!word(&p, end, &w, &wn))
        return lfail(c, line, "expected a relation type");
    char type[32];
    snprintf(type, sizeof type, "%.*s", (int)(wn < 31 ? wn : 31), w);
    const char *a1, *a2;
    size_t n1, n2;
    if (!word(&p, end, &a1, &n1) || !word(&p, end, &a2, &n2))
        return lfail(c, line, "expected two arguments (Arg1:T1 Arg2:T2)");

    int rt = -1;
    bool cue = false;
    if (strcasecmp(type, "contradicts") == 0)
        rt = REL_CONTRADICTS;
    else if (strcasecmp(type, "supports") == 0)
        rt = REL_SUPPORTS;
    else if (strcasecmp(type, "speaker") == 0 || strcasecmp(type, "claimant") == 0)
        ;
    else if (strcasecmp(type, "cue") == 0)
        cue = true;
    else
        return 0;       /* another scheme's relation */

    tb_t *from = arg_t(c, line, a1, n1), *to = from ? arg_t(c, line, a2, n2) : NULL;
    if (!to)
        return -1;
    if (rt >= 0) {
        if (!is_assertion(from) || !is_assertion(to))
            return lfail(c, line, "%s joins quotes and claims, but %s is %s", type,
                         is_assertion(from) ? to->id : from->id,
                         role_name(is_assertion(from) ? to : from));
        if (from == to)
            return lfail(c, line, "%s relation from %s to itself", type, from->id);
        relation_t *r = article_add_relation(a);
        r->type = (relation_type_t)rt;
        r->origin = ORIGIN_IMPORT;
        r->from.index = from->assertion;
        r->to.index = to->assertion;
        return 0;
    }
    if (is_assertion(from) && !is_assertion(to)) {
        tb_t *x = from;
        from = to;
        to = x;
    }
    if (!is_assertion(to))
        return lfail(c, line, "%s needs a Quote or Claim argument", type);
    assertion_t *q = &a->assertions[to->assertion];
    if (cue) {
        if (from->role != R_CUE)
            return lfail(c, line, "Cue links a Cue to a quote, but %s is %s", from->id,
                         role_name(from));
        q->cue_span = from->cover;
        return 0;
    }
    return set_speaker(c, q, to, from, line, type);
}

/* "A1\tStatus T3 disputed", "A2\tIndirect T3" */
static int cmp_rel(const void *x, const void *y)
{
    const relation_t *p = *(const relation_t *const *)x, *q = *(const relation_t *const *)y;
    if (p->type != q->type)
        return p->type < q->type ? -1 : 1;
    if (p->from.index != q->from.index)
        return p->from.index < q->from.index ? -1 : 1;
    if (p->to.index != q->to.index)
        return p->to.index < q->to.index ? -1 : 1;
    return p < q ? -1 : p > q;
}

/* The same relation on two R lines is one, as the library stores it:
** the later lines are dropped, so that "added" counts what is stored
** (it said "2 relations" of a file that stored 1).  Sorted, not compared
** pair by pair, since a .ann may hold many thousands of them. */
static void drop_repeated_relations(article_t *a)
{
    if (a->nrelations < 2)
        return;
    relation_t **by = xmalloc(a->nrelations * sizeof *by);
    for (size_t i = 0; i < a->nrelations; i++)
        by[i] = &a->relations[i];
    qsort(by, a->nrelations, sizeof *by, cmp_rel);
    bool *drop = xcalloc(a->nrelations, sizeof *drop);
    for (size_t i = 1; i < a->nrelations; i++)
        if (by[i - 1]->type == by[i]->type && by[i - 1]->from.index == by[i]->from.index
            && by[i - 1]->to.index == by[i]->to.index)
            drop[by[i] - a->relations] = true;
    size_t keep = 0;
    for (size_t i = 0; i < a->nrelations; i++) {
        if (drop[i])
            relation_clear(&a->relations[i]);
        else
            a->relations[keep++] = a->relations[i];
    }
    a->nrelations = keep;
    free(drop);
    free(by);
}

static int read_a(bctx_t *c, article_t *a, int line, const char *s, size_t n)
{
    const char *end = s + n, *p = memchr(s, '\t', n), *w, *tw, *vw = NULL;
    size_t wn, tn, vn = 0;
    if (!p)
        return lfail(c, line, "expected a tab after the id");
    if (!word(&p, end, &w, &wn) || !word(&p, end, &tw, &tn))
        return lfail(c, line, "expected \"NAME ID [VALUE]\"");
    word(&p, end, &vw, &vn);
    bool status = wn == 6 && strncasecmp(w, "status", 6) == 0;
    bool indirect = wn == 8 && strncasecmp(w, "indirect", 8) == 0;
    bool direct = wn == 6 && strncasecmp(w, "direct", 6) == 0;
    bool speaker = (wn == 7 && strncasecmp(w, "speaker", 7) == 0)
                   || (wn == 8 && strncasecmp(w, "claimant", 8) == 0);
    if (!status && !indirect && !direct && !speaker)
        return 0;
    tb_t *t = arg_t(c, line, tw, tn);
    if (!t)
        return -1;
    if (!is_assertion(t))
        return lfail(c, line, "%.*s applies to quotes and claims, but %s is %s",
                     (int)wn, w, t->id, role_name(t));
    assertion_t *q = &a->assertions[t->assertion];
    if (speaker) {
        if (!vw)
            return lfail(c, line, "%.*s needs the id of a person or Speaker T", (int)wn, w);
        tb_t *from = arg_t(c, line, vw, vn);
        return from ? set_speaker(c, q, t, from, line, "Speaker") : -1;
    }
    char val[32];
    snprintf(val, sizeof val, "%.*s", (int)(vn < 31 ? vn : 31), vw ? vw : "");
    for (char *v = val; *v; v++)
        *v = (char)tolower((unsigned char)*v);
    if (status) {
        int st = status_parse(val);
        if (st < 0)
            return lfail(c, line, "unknown status \"%s\" (expected unreviewed, disputed or "
                         "corroborated)", val);
        q->status = (status_t)st;
    } else if (indirect) {
        q->direct = !(vn == 0 || strcmp(val, "true") == 0 || strcmp(val, "yes") == 0);
    } else {
        q->direct = !(strcmp(val, "false") == 0 || strcmp(val, "no") == 0);
    }
    return 0;
}

/* "#1\tAnnotatorNotes T3\tthe note" */
static int read_note(bctx_t *c, article_t *a, int line, const char *s, size_t n)
{
    const char *end = s + n, *p = memchr(s, '\t', n), *w, *tw;
    size_t wn, tn;
    if (!p)
        return lfail(c, line, "expected a tab after the id");
    const char *tab2 = memchr(p + 1, '\t', (size_t)(end - p - 1));
    if (!word(&p, tab2 ? tab2 : end, &w, &wn) || !word(&p, tab2 ? tab2 : end, &tw, &tn))
        return lfail(c, line, "expected \"AnnotatorNotes ID\"");
    if (!(wn == 14 && strncasecmp(w, "annotatornotes", 14) == 0))
        return 0;
    tb_t *t = find_t(c, tw, tn);
    if (!t) {
        /* Notes on relations and events are fine; on a T that is not
        ** there they point at a mistake. */
        if (tn && tw[0] == 'T')
            return lfail(c, line, "unknown id \"%.*s\"", (int)tn, tw);
        return 0;
    }
    if (!is_assertion(t) || !tab2)
        return 0;
    assertion_t *q = &a->assertions[t->assertion];
    free(q->note);
    q->note = xstrndup(tab2 + 1, (size_t)(end - tab2 - 1));
    return 0;
}

/* "*\tEquiv T1 T4 T7": those T's are one entity.  rep[] holds, for each
** T, the T that names its set (the first one listed), or -1. */
static int read_equiv(bctx_t *c, int *rep, int line, const char *s, size_t n)
{
    const char *end = s + n, *p = memchr(s, '\t', n), *w;
    size_t wn;
    if (!p || !word(&p, end, &w, &wn))
        return 0;
    int target = -1;
    while (word(&p, end, &w, &wn)) {
        tb_t *t = arg_t(c, line, w, wn);
        if (!t)
            return -1;
        int i = (int)(t - c->t);
        if (t->role != R_ENTITY)
            continue;
        int g = rep[i] >= 0 ? rep[i] : i;
        if (target < 0) {
            target = g;
            rep[target] = target;
            continue;
        }
        if (g == target || c->t[g].kind != c->t[target].kind)
            continue;
        for (size_t k = 0; k < c->nt; k++)
            if (rep[k] == g || (int)k == g)
                rep[k] = target;
    }
    return 0;
}

typedef struct aline {
    const char *s;
    size_t n;
    int no;
} aline_t;

/* A Speaker (or Claimant) relation one of whose arguments is a Speaker T:
** those are read first, so that they decide speaker_span whatever the
** order of the lines.  Mistakes are left for read_r to report. */
static bool speaker_t_relation(bctx_t *c, const aline_t *l)
{
    const char *end = l->s + l->n, *p = memchr(l->s, '\t', l->n), *w;
    size_t wn;
    if (!p || !word(&p, end, &w, &wn))
        return false;
    if (!((wn == 7 && strncasecmp(w, "speaker", 7) == 0)
          || (wn == 8 && strncasecmp(w, "claimant", 8) == 0)))
        return false;
    for (int k = 0; k < 2 && word(&p, end, &w, &wn); k++) {
        const char *colon = memchr(w, ':', wn);
        if (colon) {
            wn -= (size_t)(colon + 1 - w);
            w = colon + 1;
        }
        const tb_t *t = find_t(c, w, wn);
        if (t && t->role == R_SPEAKER)
            return true;
    }
    return false;
}

int brat_import(const char *txt_name, const char *txt, size_t txt_len,
                const char *ann_name, const char *ann, size_t ann_len,
                article_list_t *out, err_t *e)
{
    bctx_t c = { .txt_name = txt_name, .ann_name = ann_name, .e = e, .text = txt };
    aline_t *lines = NULL;
    size_t nlines = 0, caplines = 0;
    int *rep = NULL;       /* equivalence set of each T */
    article_t *a = article_new();
    int rc = -1;

    a->text = xstrndup(txt, txt_len);
    a->len = txt_len;
    /* A scraped "date YYYY-MM-DD" prefix stays in the text (the offsets
    ** count it) but gives the date, and the title starts after it. */
    char date[11];
    size_t plen = date_prefix(txt, txt_len, date);
    if (plen)
        a->published = xstrdup(date);
    a->title = title_from_text(txt + plen, txt_len - plen);
    cpmap_init(&c.m, a->text, a->len);
    c.text = a->text;

    /* Split into lines; T lines first, since the others refer to them.
    ** Some editors start the .ann with a byte order mark: not a line. */
    if (ann_len >= 3 && memcmp(ann, "\xEF\xBB\xBF", 3) == 0) {
        ann += 3;
        ann_len -= 3;
    }
    int64_t bad = utf8_invalid_at(ann, ann_len);
    const char *nul = memchr(ann, 0, ann_len);
    if (bad >= 0 || nul) {
        size_t at = nul && (bad < 0 || nul - ann < bad) ? (size_t)(nul - ann) : (size_t)bad;
        int line = 1;
        for (size_t i = 0; i < at; i++)
            line += ann[i] == '\n';
        lfail(&c, line, "%s", nul && (size_t)(nul - ann) == at ? "NUL byte (binary file?)"
                                                               : "invalid UTF-8");
        goto out;
    }
    int no = 0;
    for (size_t at = 0; at < ann_len; ) {
        const char *nl = memchr(ann + at, '\n', ann_len - at);
        size_t end = nl ? (size_t)(nl - ann) : ann_len;
        aline_t l = { ann + at, end - at, ++no };
        at = nl ? end + 1 : ann_len;
        if (l.n && l.s[l.n - 1] == '\r')
            l.n--;
        bool blank = true;
        for (size_t i = 0; i < l.n && blank; i++)
            blank = isspace((unsigned char)l.s[i]);
        if (blank)
            continue;
        if (!strchr("TRAMEN#*", l.s[0])) {
            char *w = text_clip(l.s, l.n < 20 ? l.n : 20, SHOW_MAX);
            lfail(&c, l.no, "not a brat annotation line (\"%s\"; lines start with "
                  "T, R, E, A, M, N, * or #)", w);
            free(w);
            goto out;
        }
        grow_array((void **)&lines, &caplines, nlines + 1, sizeof *lines);
        lines[nlines++] = l;
        if (l.s[0] == 'T' && read_t(&c, l.no, l.s, l.n))
            goto out;
    }

    /* Equivalence sets first: they decide entities before text does. */
    rep = xmalloc((c.nt + 1) * sizeof *rep);
    for (size_t i = 0; i < c.nt; i++)
        rep[i] = -1;
    for (size_t i = 0; i < nlines; i++)
        if (lines[i].s[0] == '*' && read_equiv(&c, rep, lines[i].no, lines[i].s, lines[i].n))
            goto out;

    /* Entities: a set is one entity named by its first T; T's in no set
    ** are one entity per kind and text.  Then the quotes and claims. */
    for (size_t i = 0; i < c.nt; i++) {
        tb_t *t = &c.t[i];
        if (t->role == R_ENTITY) {
            int r = rep[i];
            if (r >= 0 && r != (int)i && c.t[r].entity >= 0) {
                t->entity = c.t[r].entity;
            } else if (r < 0) {
                t->entity = strmap_get(&c.names[t->kind], t->surface, strlen(t->surface));
            }
            if (t->entity < 0) {
                const tb_t *namer = r >= 0 ? &c.t[r] : t;
                entity_t *en = article_add_entity(a);
                en->kind = namer->kind;
                en->name = xstrdup(namer->surface);
                en->xid = xstrdup(namer->id);   /* marks it imported, not auto */
                t->entity = (int)a->nentities - 1;
                if (r >= 0)
                    c.t[r].entity = t->entity;
                else
                    strmap_put(&c.names[t->kind], t->surface, strlen(t->surface), t->entity);
            }
            entity_t *en = &a->entities[t->entity];
            if (strcmp(en->name, t->surface) != 0)
                entity_add_alias(en, t->surface);
            for (size_t f = 0; f < t->nfrags; f++)
                entity_add_mention(en, t->frags[f]);
        } else if (is_assertion(t)) {
            assertion_t *q = article_add_assertion(a);
            q->kind = t->role == R_QUOTE ? ASSERT_QUOTE : ASSERT_CLAIM;
            q->direct = q->kind == ASSERT_QUOTE;
            q->xid = xstrdup(t->id);
            q->span = t->cover;
            t->assertion = (int)a->nassertions - 1;
        }
    }
    /* Speaker T's first, so that they win over entity spans whatever the
    ** order of the R lines. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < nlines; i++) {
            const aline_t *l = &lines[i];
            if (l->s[0] != 'R')
                continue;
            if (speaker_t_relation(&c, l) != (pass == 0))
                continue;
            if (read_r(&c, a, l->no, l->s, l->n))
                goto out;
        }
    drop_repeated_relations(a);
    for (size_t i = 0; i < nlines; i++) {
        const aline_t *l = &lines[i];
        int r = 0;
        switch (l->s[0]) {
        case 'A':
        case 'M':
            r = read_a(&c, a, l->no, l->s, l->n);
            break;
        case '#':
            r = read_note(&c, a, l->no, l->s, l->n);
            break;
        }
        if (r)
            goto out;
    }
    article_sort(a);
    article_list_push(out, a);
    a = NULL;
    rc = 0;
out:
    for (size_t i = 0; i < c.nt; i++)
        tb_free(&c.t[i]);
    free(c.t);
    free(lines);
    free(rep);
    strmap_free(&c.ids);
    for (int k = 0; k < KIND_COUNT; k++)
        strmap_free(&c.names[k]);
    cpmap_free(&c.m);
    article_free(a);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Export.                                                             */

static const char *brat_type(entity_kind_t k)
{
    switch (k) {
    case KIND_PERSON: return "Person";
    case KIND_ORGANIZATION: return "Organization";
    case KIND_PLACE: return "Location";
    default: return "Other";
    }
}

/* A text field or note on one line: tabs and line breaks as spaces. */
static void one_line(strbuf_t *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        sb_addc(b, ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch);
    }
}

typedef struct ectx {
    const article_t *a;
    cpmap_t m;
    strbuf_t b;
    int nt;
    err_t *e;
} ectx_t;

static int write_t(ectx_t *c, const char *type, span_t s)
{
    int64_t from = cpmap_to_cp(&c->m, s.start), to = cpmap_to_cp(&c->m, s.end);
    if (from < 0 || to < 0 || from > to) {
        err_set(c->e, "article %" PRId64 ": span %" PRId64 "-%" PRId64
                " is not on character boundaries of its text", c->a->id, s.start, s.end);
        return -1;
    }
    sb_printf(&c->b, "T%d\t%s %" PRId64 " %" PRId64 "\t", ++c->nt, type, from, to);
    one_line(&c->b, c->a->text + s.start, (size_t)(s.end - s.start));
    sb_addc(&c->b, '\n');
    return c->nt;
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

int brat_export_ann(FILE *f, const article_t *a, err_t *e)
{
    ectx_t c = { a, {0}, {0}, 0, e };
    int nr = 0, na = 0, nn = 0, rc = -1;
    int **ment = xcalloc(a->nentities + 1, sizeof *ment);   /* T of each mention */
    int *qt = xcalloc(a->nassertions + 1, sizeof *qt);     /* T of each assertion */
    cpmap_init(&c.m, a->text ? a->text : "", a->text ? a->len : 0);
    sb_add(&c.b, "", 0);

    for (size_t i = 0; i < a->nentities; i++) {
        const entity_t *en = &a->entities[i];
        ment[i] = xcalloc(en->nmentions + 1, sizeof **ment);
        /* The mention that spells the name goes first, so an equivalence
        ** set read back is named by it. */
        size_t lead = 0;
        for (size_t k = 0; k < en->nmentions; k++) {
            span_t s = en->mentions[k];
            if (en->name && strlen(en->name) == (size_t)(s.end - s.start)
                && memcmp(a->text + s.start, en->name, (size_t)(s.end - s.start)) == 0) {
                lead = k;
                break;
            }
        }
        for (size_t j = 0; j < en->nmentions; j++) {
            size_t k = j == 0 ? lead : j <= lead ? j - 1 : j;
            if ((ment[i][k] = write_t(&c, brat_type(en->kind), en->mentions[k])) < 0)
                goto out;
        }
    }
    for (size_t i = 0; i < a->nassertions; i++) {
        const assertion_t *q = &a->assertions[i];
        if ((qt[i] = write_t(&c, q->kind == ASSERT_QUOTE ? "Quote" : "Claim", q->span)) < 0)
            goto out;
    }
    /* Equivalence sets for entities whose mentions differ in text. */
    for (size_t i = 0; i < a->nentities; i++) {
        const entity_t *en = &a->entities[i];
        bool differ = false;
        for (size_t k = 1; k < en->nmentions && !differ; k++) {
            span_t x = en->mentions[0], y = en->mentions[k];
            differ = x.end - x.start != y.end - y.start
                     || memcmp(a->text + x.start, a->text + y.start, (size_t)(x.end - x.start));
        }
        if (!differ)
            continue;
        sb_adds(&c.b, "*\tEquiv");
        /* In T order, which puts the naming mention first. */
        int *ts = xmalloc(en->nmentions * sizeof *ts);
        for (size_t k = 0; k < en->nmentions; k++)
            ts[k] = ment[i][k];
        qsort(ts, en->nmentions, sizeof *ts, cmp_int);
        for (size_t k = 0; k < en->nmentions; k++)
            sb_printf(&c.b, " T%d", ts[k]);
        free(ts);
        sb_addc(&c.b, '\n');
    }
    for (size_t i = 0; i < a->nassertions; i++) {
        const assertion_t *q = &a->assertions[i];
        int spk_mention = 0;
        if (q->speaker >= 0 && (size_t)q->speaker < a->nentities) {
            const entity_t *en = &a->entities[q->speaker];
            for (size_t k = 0; k < en->nmentions; k++)
                if (span_present(q->speaker_span) && en->mentions[k].start == q->speaker_span.start
                    && en->mentions[k].end == q->speaker_span.end)
                    spk_mention = ment[q->speaker][k];
            if (spk_mention) {
                sb_printf(&c.b, "R%d\tSpeaker Arg1:T%d Arg2:T%d\n", ++nr, spk_mention, qt[i]);
            } else if (en->nmentions) {
                /* The earliest mention, by place in the text, not by place
                ** in the array: an importer may have gathered the mentions
                ** in any order, and export must depend on the model only
                ** (export, import, export gives the same file). */
                size_t first = 0;
                for (size_t k = 1; k < en->nmentions; k++)
                    if (en->mentions[k].start < en->mentions[first].start)
                        first = k;
                sb_printf(&c.b, "R%d\tSpeaker Arg1:T%d Arg2:T%d\n", ++nr, ment[q->speaker][first], qt[i]);
            }
        }
        if (span_present(q->speaker_span) && !spk_mention) {
            int t = write_t(&c, "Speaker", q->speaker_span);
            if (t < 0)
                goto out;
            sb_printf(&c.b, "R%d\tSpeaker Arg1:T%d Arg2:T%d\n", ++nr, t, qt[i]);
        }
        if (span_present(q->cue_span)) {
            int t = write_t(&c, "Cue", q->cue_span);
            if (t < 0)
                goto out;
            sb_printf(&c.b, "R%d\tCue Arg1:T%d Arg2:T%d\n", ++nr, t, qt[i]);
        }
        if (q->status != STATUS_UNREVIEWED)
            sb_printf(&c.b, "A%d\tStatus T%d %s\n", ++na, qt[i], status_name(q->status));
        if (q->kind == ASSERT_QUOTE && !q->direct)
            sb_printf(&c.b, "A%d\tIndirect T%d\n", ++na, qt[i]);
        if (q->note) {
            sb_printf(&c.b, "#%d\tAnnotatorNotes T%d\t", ++nn, qt[i]);
            one_line(&c.b, q->note, strlen(q->note));
            sb_addc(&c.b, '\n');
        }
    }
    for (size_t i = 0; i < a->nrelations; i++) {
        const relation_t *r = &a->relations[i];
        if (r->from.index < 0 || r->to.index < 0 || (size_t)r->from.index >= a->nassertions
            || (size_t)r->to.index >= a->nassertions)
            continue;   /* brat has no way to point into another document */
        sb_printf(&c.b, "R%d\t%s Arg1:T%d Arg2:T%d\n", ++nr,
                  r->type == REL_SUPPORTS ? "Supports" : "Contradicts",
                  qt[r->from.index], qt[r->to.index]);
    }
    if (fwrite(c.b.s, 1, c.b.len, f) != c.b.len || fflush(f) != 0) {
        err_set(e, "cannot write the annotations: %s", errno_text(errno));
        goto out;
    }
    rc = 0;
out:
    for (size_t i = 0; i < a->nentities; i++)
        free(ment[i]);
    free(ment);
    free(qt);
    sb_free(&c.b);
    cpmap_free(&c.m);
    return rc;
}
