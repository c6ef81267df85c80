/*
** fmt_dump.h: a canonical text form of an article's annotations for the
** format tests, so that round trips can be compared with one string
** compare whatever order entities happen to come in.  Header only.
*/
#ifndef CONTRA_FMT_DUMP_H
#define CONTRA_FMT_DUMP_H

#include <stdlib.h>
#include <string.h>
#include "model.h"
#include "util.h"

/* Everything an import carries, in an order that does not depend on how
** entities happen to be numbered: for comparing round trips. */
static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static char *dump(const article_t *a)
{
    strbuf_t b = {0};
    char **lines = xcalloc(a->nentities + a->nassertions + a->nrelations + a->nremoved + 1,
                           sizeof *lines);
    size_t n = 0;
    sb_printf(&b, "title=%s source=%s url=%s published=%s len=%zu\n",
              a->title ? a->title : "-", a->source ? a->source : "-",
              a->url ? a->url : "-", a->published ? a->published : "-", a->len);
    for (size_t i = 0; i < a->nentities; i++) {
        const entity_t *en = &a->entities[i];
        strbuf_t l = {0};
        sb_printf(&l, "entity %s %s aliases", entity_kind_name(en->kind), en->name);
        for (size_t k = 0; k < en->naliases; k++)
            sb_printf(&l, " '%s'", en->aliases[k]);
        sb_adds(&l, " mentions");
        for (size_t k = 0; k < en->nmentions; k++)
            sb_printf(&l, " %lld-%lld", (long long)en->mentions[k].start,
                      (long long)en->mentions[k].end);
        lines[n++] = sb_steal(&l);
    }
    for (size_t i = 0; i < a->nassertions; i++) {
        const assertion_t *q = &a->assertions[i];
        lines[n++] = xasprintf("%s %lld-%lld speaker=%s sspan=%lld-%lld cue=%lld-%lld "
                               "direct=%d status=%s note=%s",
                               q->kind == ASSERT_QUOTE ? "quote" : "claim",
                               (long long)q->span.start, (long long)q->span.end,
                               q->speaker >= 0 ? a->entities[q->speaker].name : "-",
                               (long long)q->speaker_span.start, (long long)q->speaker_span.end,
                               (long long)q->cue_span.start, (long long)q->cue_span.end,
                               q->kind == ASSERT_QUOTE ? q->direct : 0, status_name(q->status),
                               q->note ? q->note : "-");
    }
    for (size_t i = 0; i < a->nrelations + a->nremoved; i++) {
        bool removed = i >= a->nrelations;
        const relation_t *r = removed ? &a->removed[i - a->nrelations] : &a->relations[i];
        char ends[2][64];
        const rel_end_t *re[2] = { &r->from, &r->to };
        for (int k = 0; k < 2; k++) {
            if (re[k]->index >= 0) {
                const assertion_t *q = &a->assertions[re[k]->index];
                snprintf(ends[k], sizeof ends[k], "%lld-%lld", (long long)q->span.start,
                         (long long)q->span.end);
            } else {
                snprintf(ends[k], sizeof ends[k], "elsewhere:%s", re[k]->xid ? re[k]->xid : "lib");
            }
        }
        if (removed)
            lines[n++] = xasprintf("removed %s %s -> %s", relation_type_name(r->type),
                                   ends[0], ends[1]);
        else
            lines[n++] = xasprintf("relation %s %s %s -> %s", relation_type_name(r->type),
                                   origin_name(r->origin), ends[0], ends[1]);
    }
    qsort(lines, n, sizeof *lines, cmp_str);
    for (size_t i = 0; i < n; i++) {
        sb_adds(&b, lines[i]);
        sb_addc(&b, '\n');
        free(lines[i]);
    }
    free(lines);
    return sb_steal(&b);
}

#endif
