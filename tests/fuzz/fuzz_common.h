/*
** fuzz_common.h: invariants every importer's output must keep, shared by
** the format fuzz targets (fuzz_json.c, fuzz_brat.c, fuzz_plain.c).
** Header only; aborts on a broken invariant so libFuzzer reports it.
*/
#ifndef CONTRA_FUZZ_COMMON_H
#define CONTRA_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "import.h"
#include "text.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "check failed: %s (%s:%d)\n", #c, __FILE__, __LINE__); abort(); } } while (0)

static void check_span(const article_t *a, const cpmap_t *m, span_t s, int optional)
{
    if (optional && !span_present(s))
        return;
    CHECK(s.start >= 0 && s.start <= s.end && (size_t)s.end <= a->len);
    CHECK(cpmap_to_cp(m, s.start) >= 0 && cpmap_to_cp(m, s.end) >= 0);
}

static void check_str(const char *s)
{
    if (s)
        CHECK(utf8_invalid_at(s, strlen(s)) < 0);
}

/* What the library and the reader rely on from any importer. */
static void check_article(const article_t *a)
{
    cpmap_t m;
    CHECK(a->text && a->len == strlen(a->text));
    CHECK(utf8_invalid_at(a->text, a->len) < 0);
    check_str(a->title);
    check_str(a->source);
    check_str(a->url);
    if (a->published)
        CHECK(iso_date_valid(a->published, strlen(a->published)));
    cpmap_init(&m, a->text, a->len);
    for (size_t i = 0; i < a->nentities; i++) {
        const entity_t *en = &a->entities[i];
        CHECK(en->name && en->kind < KIND_COUNT);
        check_str(en->name);
        for (size_t k = 0; k < en->naliases; k++)
            check_str(en->aliases[k]);
        for (size_t k = 0; k < en->nmentions; k++) {
            check_span(a, &m, en->mentions[k], 0);
            if (k)
                CHECK(en->mentions[k - 1].start <= en->mentions[k].start);
        }
    }
    for (size_t i = 0; i < a->nassertions; i++) {
        const assertion_t *q = &a->assertions[i];
        check_span(a, &m, q->span, 0);
        check_span(a, &m, q->speaker_span, 1);
        check_span(a, &m, q->cue_span, 1);
        CHECK(q->speaker >= -1 && q->speaker < (int)a->nentities);
        CHECK(q->status < STATUS_COUNT);
        check_str(q->note);
        if (i)
            CHECK(a->assertions[i - 1].span.start <= q->span.start);
    }
    /* The links, then the removed links: the same shape. */
    for (size_t i = 0; i < a->nrelations + a->nremoved; i++) {
        const relation_t *r = i < a->nrelations ? &a->relations[i]
                                                : &a->removed[i - a->nrelations];
        CHECK(r->type < REL_COUNT && r->origin < ORIGIN_COUNT);
        CHECK(r->from.index >= -1 && r->from.index < (int)a->nassertions);
        CHECK(r->to.index >= -1 && r->to.index < (int)a->nassertions);
        CHECK(r->from.index >= 0 || r->from.xid);
        CHECK(r->to.index >= 0 || r->to.xid);
    }
    cpmap_free(&m);
}

/* Run an export into memory. */
static char *exported(int (*fn)(FILE *, const article_t *, err_t *), const article_t *a,
                      size_t *len)
{
    char *buf = NULL;
    err_t e = {{0}};
    FILE *f = open_memstream(&buf, len);
    CHECK(f);
    CHECK(fn(f, a, &e) == 0);
    fclose(f);
    return buf;
}

#endif
