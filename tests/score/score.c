/*
** score.c: contra-score, the annotator measured against the gold set.
**
**   contra-score [--lexicon DIR] [--verbose] GOLD.json...
**   contra-score --floor FILE [--lexicon DIR] GOLD.json...   (TAP output)
**
** For each gold article (contra JSON, read with json_import) the text
** alone is annotated afresh and compared with the gold annotations under
** the matching rules of issue 4 (tests/gold/README):
**   - quotes and claims: a prediction matches a gold assertion of the same
**     kind when it covers at least 30% of the gold span's bytes (greedy,
**     each used once, best overlap first);
**   - speaker: right when the predicted speaker span overlaps the gold one
**     or the predicted speaker names the same entity (shares a name or an
**     alias, case-folded); counted over matched quotes;
**   - entities: by name (or alias) and kind;
**   - contradicts / supports: by their two ends (either order for
**     contradicts), each end matched as above.
** Totals are micro-averaged over all files.  With --floor, each line
** "METRIC MIN" of FILE (e.g. "quote.f1 0.80") becomes one TAP test.
*/
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "formats.h"
#include "lexicon.h"
#include "model.h"
#include "util.h"

typedef struct counts {
    long tp, pred, gold;
} counts_t;

enum { C_QUOTE, C_SPEAKER, C_CLAIM, C_CLAIMANT, C_ENTITY, C_CONTRA, C_SUPPORT, C_N };
static const char *const cname[C_N] = {"quote", "speaker", "claim", "claimant",
                                       "entity", "contradicts", "supports"};
static counts_t total[C_N];
static bool verbose;
static long entity_ptp;       /* predicted entities matching a gold one */

static double prec(const counts_t *c) { return c->pred ? (double)c->tp / c->pred : 1.0; }
static double rec(const counts_t *c) { return c->gold ? (double)c->tp / c->gold : 1.0; }

static int64_t overlap(span_t a, span_t b)
{
    int64_t s = a.start > b.start ? a.start : b.start, e = a.end < b.end ? a.end : b.end;
    return e > s ? e - s : 0;
}

static char *fold(const char *s)
{
    char buf[1024];
    size_t n = lexicon_fold(s, strlen(s), buf, sizeof buf);
    return xstrndup(buf, n);
}

static bool names_match(const entity_t *a, const entity_t *b)
{
    const char *an[64], *bn[64];
    size_t na = 0, nb = 0;
    an[na++] = a->name;
    for (size_t i = 0; i < a->naliases && na < 64; i++)
        an[na++] = a->aliases[i];
    bn[nb++] = b->name;
    for (size_t i = 0; i < b->naliases && nb < 64; i++)
        bn[nb++] = b->aliases[i];
    for (size_t i = 0; i < na; i++) {
        char *x = fold(an[i]);
        for (size_t k = 0; k < nb; k++) {
            char *y = fold(bn[k]);
            bool eq = strcmp(x, y) == 0;
            free(y);
            if (eq) {
                free(x);
                return true;
            }
        }
        free(x);
    }
    return false;
}

/* Match predicted assertions of one kind to gold ones; map[g] = predicted
** index or -1.  Returns the number matched. */
static long match_assertions(const article_t *g, const article_t *p, assertion_kind_t kind,
                             int *map, long *npred, long *ngold)
{
    long tp = 0;
    *npred = *ngold = 0;
    bool *used = xcalloc(p->nassertions + 1, 1);
    for (size_t i = 0; i < p->nassertions; i++)
        *npred += p->assertions[i].kind == kind;
    for (size_t gi = 0; gi < g->nassertions; gi++) {
        map[gi] = map[gi] >= 0 ? map[gi] : -1;
        const assertion_t *ga = &g->assertions[gi];
        if (ga->kind != kind)
            continue;
        (*ngold)++;
        int64_t glen = ga->span.end - ga->span.start, best = 0;
        int bi = -1;
        for (size_t pi = 0; pi < p->nassertions; pi++) {
            const assertion_t *pa = &p->assertions[pi];
            if (pa->kind != kind || used[pi])
                continue;
            int64_t ov = overlap(ga->span, pa->span);
            if (ov * 10 >= glen * 3 && ov > best) {
                best = ov;
                bi = (int)pi;
            }
        }
        if (bi >= 0) {
            used[bi] = true;
            map[gi] = bi;
            tp++;
        }
    }
    free(used);
    return tp;
}

static bool speaker_right(const article_t *g, const assertion_t *ga, const article_t *p,
                          const assertion_t *pa)
{
    if (span_present(ga->speaker_span) && span_present(pa->speaker_span) &&
        overlap(ga->speaker_span, pa->speaker_span) > 0)
        return true;
    if (ga->speaker >= 0 && pa->speaker >= 0 &&
        names_match(&g->entities[ga->speaker], &p->entities[pa->speaker]))
        return true;
    return false;
}

static void show(const article_t *a, const char *tag, const assertion_t *q)
{
    printf("#   %s [%.*s] by %s\n", tag, (int)(q->span.end - q->span.start > 70 ? 70 : q->span.end - q->span.start),
           a->text + q->span.start, q->speaker >= 0 ? a->entities[q->speaker].name : "-");
}

static bool rel_has(const article_t *a, relation_type_t type, int x, int y, bool either)
{
    for (size_t i = 0; i < a->nrelations; i++) {
        const relation_t *r = &a->relations[i];
        if (r->type != type)
            continue;
        if (r->from.index == x && r->to.index == y)
            return true;
        if (either && r->from.index == y && r->to.index == x)
            return true;
    }
    return false;
}

static void score_relations(const article_t *g, const article_t *p, const int *map,
                            relation_type_t type, counts_t *c)
{
    bool either = type == REL_CONTRADICTS;
    /* predicted index -> gold index */
    int *back = xmalloc((p->nassertions + 1) * sizeof *back);
    for (size_t i = 0; i < p->nassertions; i++)
        back[i] = -1;
    for (size_t gi = 0; gi < g->nassertions; gi++)
        if (map[gi] >= 0)
            back[map[gi]] = (int)gi;
    for (size_t i = 0; i < g->nrelations; i++)
        c->gold += g->relations[i].type == type;
    for (size_t i = 0; i < p->nrelations; i++) {
        const relation_t *r = &p->relations[i];
        if (r->type != type || r->from.index < 0 || r->to.index < 0)
            continue;
        c->pred++;
        int gf = back[r->from.index], gt = back[r->to.index];
        bool hit = gf >= 0 && gt >= 0 && rel_has(g, type, gf, gt, either);
        if (hit)
            c->tp++;
        else if (verbose) {
            printf("# wrong %s:\n", relation_type_name(type));
            show(p, "from", &p->assertions[r->from.index]);
            show(p, "to  ", &p->assertions[r->to.index]);
        }
    }
    free(back);
}

static void score_article(const char *name, const article_t *g, const lexicon_t *lex)
{
    article_t *p = article_new();
    p->text = xstrndup(g->text, g->len);
    p->len = g->len;
    annotate_article(p, lex);

    counts_t c[C_N];
    memset(c, 0, sizeof c);
    int *map = xmalloc((g->nassertions + 1) * sizeof *map);
    for (size_t i = 0; i < g->nassertions; i++)
        map[i] = -1;
    c[C_QUOTE].tp = match_assertions(g, p, ASSERT_QUOTE, map, &c[C_QUOTE].pred, &c[C_QUOTE].gold);
    c[C_CLAIM].tp = match_assertions(g, p, ASSERT_CLAIM, map, &c[C_CLAIM].pred, &c[C_CLAIM].gold);
    for (size_t gi = 0; gi < g->nassertions; gi++) {
        const assertion_t *ga = &g->assertions[gi];
        int k = ga->kind == ASSERT_QUOTE ? C_SPEAKER : C_CLAIMANT;
        if (map[gi] < 0) {
            if (verbose)
                show(g, ga->kind == ASSERT_QUOTE ? "missed quote" : "missed claim", ga);
            continue;
        }
        const assertion_t *pa = &p->assertions[map[gi]];
        c[k].gold++;
        c[k].pred++;
        if (speaker_right(g, ga, p, pa))
            c[k].tp++;
        else if (verbose) {
            show(g, "wrong speaker, gold", ga);
            show(p, "               got ", pa);
        }
    }
    if (verbose) {
        for (size_t pi = 0; pi < p->nassertions; pi++) {
            bool hit = false;
            for (size_t gi = 0; gi < g->nassertions && !hit; gi++)
                hit = map[gi] == (int)pi;
            if (!hit)
                show(p, p->assertions[pi].kind == ASSERT_QUOTE ? "extra quote" : "extra claim",
                     &p->assertions[pi]);
        }
    }
    /* entities */
    c[C_ENTITY].gold = (long)g->nentities;
    c[C_ENTITY].pred = (long)p->nentities;
    long gtp = 0;
    for (size_t i = 0; i < g->nentities; i++) {
        bool hit = false;
        for (size_t k = 0; k < p->nentities && !hit; k++)
            hit = g->entities[i].kind == p->entities[k].kind &&
                names_match(&g->entities[i], &p->entities[k]);
        gtp += hit;
        if (!hit && verbose)
            printf("#   missed entity %s (%s)\n", g->entities[i].name,
                   entity_kind_name(g->entities[i].kind));
    }
    long ptp = 0;
    for (size_t k = 0; k < p->nentities; k++) {
        bool hit = false;
        for (size_t i = 0; i < g->nentities && !hit; i++)
            hit = g->entities[i].kind == p->entities[k].kind &&
                names_match(&g->entities[i], &p->entities[k]);
        ptp += hit;
        if (!hit && verbose)
            printf("#   extra entity %s (%s)\n", p->entities[k].name,
                   entity_kind_name(p->entities[k].kind));
    }
    score_relations(g, p, map, REL_CONTRADICTS, &c[C_CONTRA]);
    score_relations(g, p, map, REL_SUPPORTS, &c[C_SUPPORT]);

    printf("# %-28s", name);
    for (int k = 0; k < C_N; k++) {
        if (k == C_ENTITY) {
            printf(" %s %ld/%ld/%ld", cname[k], ptp, (long)p->nentities, gtp);
        } else {
            printf(" %s %ld/%ld/%ld", cname[k], c[k].tp, c[k].pred, c[k].gold);
        }
    }
    printf("\n");
    /* entities: recall counts gold entities found, precision predicted
    ** entities that match one (the two numerators differ) */
    c[C_ENTITY].tp = gtp;
    entity_ptp += ptp;
    for (int k = 0; k < C_N; k++) {
        total[k].tp += c[k].tp;
        total[k].pred += c[k].pred;
        total[k].gold += c[k].gold;
    }
    free(map);
    article_free(p);
}

static double metric(const char *m, bool *known)
{
    *known = true;
    for (int k = 0; k < C_N; k++) {
        size_t n = strlen(cname[k]);
        if (strncmp(m, cname[k], n) != 0 || m[n] != '.')
            continue;
        const char *what = m + n + 1;
        counts_t c = total[k];
        double p = prec(&c), r = rec(&c);
        if (k == C_ENTITY)
            p = c.pred ? (double)entity_ptp / c.pred : 1.0;
        if (strcmp(what, "p") == 0)
            return p;
        if (strcmp(what, "r") == 0 || strcmp(what, "acc") == 0)
            return k == C_SPEAKER || k == C_CLAIMANT ? prec(&c) : r;
        if (strcmp(what, "f1") == 0)
            return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
    *known = false;
    return 0;
}

int main(int argc, char **argv)
{
    const char *floor = NULL, *ldir = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--floor") == 0 && i + 1 < argc)
            floor = argv[++i];
        else if (strcmp(argv[i], "--lexicon") == 0 && i + 1 < argc)
            ldir = argv[++i];
        else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0)
            verbose = true;
        else {
            fprintf(stderr, "usage: contra-score [--floor FILE] [--lexicon DIR] [-v] GOLD.json...\n");
            return 2;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "contra-score: no gold files\n");
        return 2;
    }
    err_t e = {{0}};
    char *dir = ldir ? xstrdup(ldir) : lexicon_default_dir();
    lexicon_t *lex = lexicon_load(dir, &e);
    free(dir);
    if (!lex) {
        fprintf(stderr, "contra-score: %s\n", e.msg);
        return floor ? (printf("1..0 # SKIP no lexicon\n"), 1) : 1;
    }
    int rc = 0;
    for (; i < argc; i++) {
        size_t len;
        char *data = read_file(argv[i], &len, &e);
        article_list_t l = {0};
        if (!data || json_import(argv[i], data, len, &l, &e) != 0) {
            fprintf(stderr, "contra-score: %s\n", e.msg);
            free(data);
            article_list_free(&l);
            rc = 1;
            continue;
        }
        const char *base = strrchr(argv[i], '/');
        for (size_t k = 0; k < l.n; k++)
            score_article(base ? base + 1 : argv[i], l.v[k], lex);
        article_list_free(&l);
        free(data);
    }
    printf("# %-12s %6s %6s %6s   (tp/pred/gold)\n", "category", "P", "R", "F1");
    for (int k = 0; k < C_N; k++) {
        counts_t c = total[k];
        double p = k == C_ENTITY ? (c.pred ? (double)entity_ptp / c.pred : 1.0) : prec(&c);
        double r = rec(&c);
        if (k == C_SPEAKER || k == C_CLAIMANT)
            printf("# %-12s accuracy %.3f over %ld matched\n", cname[k], prec(&c), c.pred);
        else
            printf("# %-12s %6.3f %6.3f %6.3f   (%ld/%ld/%ld)\n", cname[k], p, r,
                   p + r > 0 ? 2 * p * r / (p + r) : 0, c.tp, c.pred, c.gold);
    }
    if (floor) {
        size_t flen;
        char *fl = read_file(floor, &flen, &e);
        if (!fl) {
            printf("1..0 # SKIP %s\n", e.msg);
            return 1;
        }
        int n = 0, failed = 0;
        for (char *line = strtok(fl, "\n"); line; line = strtok(NULL, "\n")) {
            char m[64];
            double min;
            if (line[0] == '#' || sscanf(line, "%63s %lf", m, &min) != 2)
                continue;
            bool known;
            double v = metric(m, &known);
            bool good = known && v + 1e-9 >= min;
            printf("%sok %d - %s %.3f >= %.3f\n", good ? "" : "not ", ++n, m, v, min);
            failed += !good;
        }
        printf("1..%d\n", n);
        free(fl);
        rc = rc || failed;
    }
    lexicon_free(lex);
    return rc;
}
