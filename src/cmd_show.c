/*
** cmd_show.c: `contra show ID`, an article as plain text for pipes and
** pagers.  The text keeps its lines; annotations are marked inline
** (mentions [[...]], quotes «...», claims ⟦...⟧, each quote or claim
** followed by {id who, status, relations}), and a legend with the
** entities and every quote and claim follows the text.  Every piece of
** library text goes through glyph_next/glyph_sanitize, so control
** characters and escape sequences come out visible, never raw.
*/
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "layout.h"

struct marks {
    const char *q_open, *q_close, *c_open, *c_close, *sep;
};
static const struct marks marks_utf8 = {
    "\xC2\xAB", "\xC2\xBB", "\xE2\x9F\xA6", "\xE2\x9F\xA7", " \xC2\xB7 " };
static const struct marks marks_ascii = { "<<", ">>", "[|", "|]", " | " };

typedef struct event {
    size_t pos;
    bool open;
    bool mention;          /* else an assertion */
    size_t start, end;     /* of the span, for nesting order */
    int index;             /* assertion index (for its label) */
} event_t;

static int event_cmp(const void *pa, const void *pb)
{
    const event_t *a = pa, *b = pb;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    if (a->open != b->open)
        return a->open ? 1 : -1;            /* close what ends here first */
    if (a->open) {
        if (a->end != b->end)
            return a->end > b->end ? -1 : 1;   /* outer spans open first */
        if (a->mention != b->mention)
            return a->mention ? 1 : -1;
    } else {
        if (a->start != b->start)
            return a->start > b->start ? -1 : 1; /* inner spans close first */
        if (a->mention != b->mention)
            return a->mention ? -1 : 1;
    }
    return a->index - b->index;
}

/* "C12" or "Q12" for an assertion of this article. */
static void local_label(const article_t *a, int idx, char *buf, size_t n)
{
    const assertion_t *q = &a->assertions[idx];
    snprintf(buf, n, "%c%lld", q->kind == ASSERT_QUOTE ? 'Q' : 'C', (long long)q->id);
}

/* The label of a relation end, looking into its own article when it lies
** in another one. */
static void end_label(store_t *s, const article_t *a, const rel_end_t *end,
                      char *buf, size_t n)
{
    if (end->index >= 0 && (size_t)end->index < a->nassertions) {
        local_label(a, end->index, buf, n);
        return;
    }
    int64_t art = end->article_id;
    err_t e = {{0}};
    if (art <= 0 && end->id > 0)
        art = store_assertion_article(s, end->id, &e);
    char kind = '#';
    if (art > 0) {
        article_t *other = store_load_article(s, art, &e);
        if (other) {
            for (size_t i = 0; i < other->nassertions; i++)
                if (other->assertions[i].id == end->id)
                    kind = other->assertions[i].kind == ASSERT_QUOTE ? 'Q' : 'C';
            article_free(other);
        }
        snprintf(buf, n, "%c%lld (article %lld)", kind, (long long)end->id, (long long)art);
    } else {
        snprintf(buf, n, "%c%lld", kind, (long long)end->id);
    }
}

static bool end_is(const rel_end_t *end, const article_t *a, int idx)
{
    if (end->index >= 0)
        return end->index == idx;
    return end->id > 0 && end->id == a->assertions[idx].id;
}

static const char *who(const article_t *a, const assertion_t *q)
{
    if (q->speaker >= 0 && (size_t)q->speaker < a->nentities)
        return a->entities[q->speaker].name;
    return NULL;
}

/* Relations of assertion idx: outgoing ones ("contradicts C5"), and with
** incoming ones too ("contradicted by Q3") when both is set. */
static void add_relations(strbuf_t *b, store_t *s, const article_t *a, int idx,
                          bool both, const char *sep)
{
    for (size_t r = 0; r < a->nrelations; r++) {
        const relation_t *rel = &a->relations[r];
        char other[64];
        const char *verb;
        if (end_is(&rel->from, a, idx)) {
            end_label(s, a, &rel->to, other, sizeof other);
            verb = relation_type_name(rel->type);
        } else if (both && end_is(&rel->to, a, idx)) {
            end_label(s, a, &rel->from, other, sizeof other);
            verb = rel->type == REL_CONTRADICTS ? "contradicted by" : "supported by";
        } else {
            continue;
        }
        sb_printf(b, "%s%s %s", sep, verb, other);
        if (rel->origin == ORIGIN_AUTO)
            sb_adds(b, " (auto)");
    }
}

static void print_label(const cli_t *c, store_t *s, const article_t *a, int idx)
{
    const assertion_t *q = &a->assertions[idx];
    char id[32];
    local_label(a, idx, id, sizeof id);
    strbuf_t b = {0};
    char *name = cli_safe(c, who(a, q) ? who(a, q) : "unattributed");
    sb_printf(&b, "{%s %s, %s", id, name, status_name(q->status));
    free(name);
    add_relations(&b, s, a, idx, false, ", ");
    sb_addc(&b, '}');
    fputs(b.s, stdout);
    sb_free(&b);
}

static void print_text(const cli_t *c, store_t *s, const article_t *a,
                       const struct marks *mk)
{
    size_t nev = 0, cap = 0;
    event_t *ev = NULL;
    for (size_t i = 0; i < a->nentities; i++) {
        const entity_t *en = &a->entities[i];
        for (size_t k = 0; k < en->nmentions; k++) {
            span_t m = en->mentions[k];
            if (!span_present(m) || m.end <= m.start || (size_t)m.end > a->len)
                continue;
            grow_array((void **)&ev, &cap, nev + 2, sizeof *ev);
            ev[nev++] = (event_t){ (size_t)m.start, true, true, (size_t)m.start, (size_t)m.end, -1 };
            ev[nev++] = (event_t){ (size_t)m.end, false, true, (size_t)m.start, (size_t)m.end, -1 };
        }
    }
    for (size_t i = 0; i < a->nassertions; i++) {
        span_t m = a->assertions[i].span;
        if (!span_present(m) || m.end <= m.start || (size_t)m.end > a->len)
            continue;
        grow_array((void **)&ev, &cap, nev + 2, sizeof *ev);
        ev[nev++] = (event_t){ (size_t)m.start, true, false, (size_t)m.start, (size_t)m.end, (int)i };
        ev[nev++] = (event_t){ (size_t)m.end, false, false, (size_t)m.start, (size_t)m.end, (int)i };
    }
    if (nev)
        qsort(ev, nev, sizeof *ev, event_cmp);

    size_t k = 0, at = 0;
    for (;;) {
        for (; k < nev && ev[k].pos <= at; k++) {
            const event_t *v = &ev[k];
            bool quote = !v->mention && a->assertions[v->index].kind == ASSERT_QUOTE;
            if (v->mention)
                fputs(v->open ? "[[" : "]]", stdout);
            else if (v->open)
                fputs(quote ? mk->q_open : mk->c_open, stdout);
            else {
                fputs(quote ? mk->q_close : mk->c_close, stdout);
                print_label(c, s, a, v->index);
            }
        }
        if (at >= a->len)
            break;
        /* Lines stay lines; everything else is shown as the glyph layer
        ** says, which makes controls and escapes visible. */
        if (a->text[at] == '\n') {
            putchar('\n');
            at++;
            continue;
        }
        if (a->text[at] == '\r' && at + 1 < a->len && a->text[at + 1] == '\n') {
            at++;
            continue;
        }
        glyph_t g;
        glyph_next(a->text, a->len, at, c->utf8, &g);
        if (g.len == 0)
            break;
        fputs(g.out, stdout);
        at += g.len;
    }
    if (a->len && a->text[a->len - 1] != '\n')
        putchar('\n');
    free(ev);
}

static void print_legend(const cli_t *c, store_t *s, const article_t *a,
                         const struct marks *mk)
{
    printf("\n--\nMarks: [[...]] entity mention; %s...%s quote; %s...%s claim;\n"
           "{ID who, status, relations} after each quote and claim.\n",
           mk->q_open, mk->q_close, mk->c_open, mk->c_close);
    if (a->nentities) {
        printf("\nEntities:\n");
        for (size_t i = 0; i < a->nentities; i++) {
            const entity_t *en = &a->entities[i];
            char *name = cli_safe(c, en->name);
            printf("  E%-5lld %-13s %s", (long long)en->id, entity_kind_name(en->kind), name);
            free(name);
            for (size_t k = 0; k < en->naliases; k++) {
                char *al = cli_safe(c, en->aliases[k]);
                printf("%s%s", k ? ", " : " (also ", al);
                free(al);
            }
            printf("%s, %zu mention%s\n", en->naliases ? ")" : "", en->nmentions,
                   en->nmentions == 1 ? "" : "s");
        }
    }
    if (a->nassertions) {
        printf("\nQuotes and claims:\n");
        for (size_t i = 0; i < a->nassertions; i++) {
            const assertion_t *q = &a->assertions[i];
            char id[32];
            local_label(a, (int)i, id, sizeof id);
            char *name = cli_safe(c, who(a, q) ? who(a, q) : "unattributed");
            strbuf_t b = {0};
            sb_printf(&b, "  %-6s %c %-12s %s%s", id, status_mark(q->status),
                      status_name(q->status), q->kind == ASSERT_QUOTE
                          ? (q->direct ? "quote by " : "indirect quote by ")
                          : "claim by ", name);
            free(name);
            add_relations(&b, s, a, (int)i, true, "; ");
            if (q->note && *q->note) {
                char *note = cli_safe(c, q->note);
                sb_printf(&b, "; note: %s", note);
                free(note);
            }
            puts(b.s);
            sb_free(&b);
        }
    }
}

int cmd_show(cli_t *c, int argc, char **argv)
{
    int st = cli_only_common_options(c, "show", argc, argv);
    if (st >= 0)
        return st;
    if (optind >= argc)
        return cli_usage("show", "no article id given");
    if (optind + 1 < argc)
        return cli_usage("show", "one article at a time");
    int64_t id;
    if (!cli_parse_id(argv[optind], &id))
        return cli_usage("show", "'%s' is not an article id", argv[optind]);

    store_t *s = cli_open(c, false);
    if (!s)
        return EXIT_USER;
    err_t e = {{0}};
    article_t *a = store_load_article(s, id, &e);
    if (!a) {
        cli_error("%s", err_is_set(&e) ? e.msg : "no such article");
        store_close(s);
        return EXIT_USER;
    }
    const struct marks *mk = c->utf8 ? &marks_utf8 : &marks_ascii;
    char *title = cli_safe(c, a->title ? a->title : "(untitled)");
    printf("%s\n", title);
    free(title);
    const char *meta[] = { a->source, a->published, a->url };
    bool any = false;
    for (size_t i = 0; i < 3; i++) {
        if (!meta[i] || !*meta[i])
            continue;
        char *m = cli_safe(c, meta[i]);
        printf("%s%s", any ? mk->sep : "", m);
        free(m);
        any = true;
    }
    printf("%sarticle %lld\n\n", any ? mk->sep : "", (long long)a->id);
    print_text(c, s, a, mk);
    print_legend(c, s, a, mk);
    article_free(a);
    store_close(s);
    return EXIT_OK;
}
