/*
** test_long.c: a long article (issue 5).  The reader opens an article of
** some hundreds of kilobytes in two steps: a first frame from what its
** first screens need, then the rest (tui_article.c, store_load_part).
** What a person sees must not depend on that: the first frame, left as
** it is once the rest is in, is cell for cell (text, colours, attributes)
** what the reader draws afresh from the whole article (toggling the zoom
** twice repaints every pane), at several terminal sizes; the counts it
** shows are the whole article's; and moving to the end and back works
** on the whole text.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

/* A growing string (the tests link no contra code). */
typedef struct buf { char *s; size_t len, cap; } buf_t;

static void sb_printf(buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

#define NPARA 900

/* Contra JSON for one article: NPARA paragraphs (ASCII, so code points
** are bytes), each with mentions of two people and an organisation, a
** quote and a claim; some tagged, some related.  The counts it has are
** returned for the checks. */
static char *long_json(int *nquotes, int *nclaims, int *ndisputed, int *ncorr, int *nberg)
{
    buf_t text = {0}, berg = {0}, dek = {0}, min = {0}, q = {0}, c = {0}, r = {0};
    int nq = 0, nc = 0, nd = 0, nco = 0, nb = 0;
    for (int i = 0; i < NPARA; i++) {
        size_t p = text.len;
        if (i % 10 == 5) {
            /* a caption, drawn differently */
            sb_printf(&text, "Rescue workers at the depot on day %d - JAN HOLM/NORTHLINE\n", i);
            continue;
        }
        sb_printf(&text, "%d. Minister Anna Berg said: \"We had no part in attack "
                  "number %d, and we never will.\" The Ministry of Ports claimed that "
                  "the Northern Front was behind attack %d. Piet Dekker, an engineer, "
                  "said the depot had been warned.%s\n",
                  i, i, i, i % 3 ? "" : " Berg again.");
        const char *s = text.s + p;
        size_t a = (size_t)(strstr(s, "Anna Berg") - text.s);
        sb_printf(&berg, "%s[%zu,%zu]", nb ? "," : "", a, a + 9);
        nb++;
        if (i % 3 == 0) {
            size_t b = (size_t)(strstr(s, "Berg again") - text.s);
            sb_printf(&berg, ",[%zu,%zu]", b, b + 4);
            nb++;
        }
        size_t m = (size_t)(strstr(s, "Ministry of Ports") - text.s);
        sb_printf(&min, "%s[%zu,%zu]", i ? "," : "", m, m + 17);
        size_t d = (size_t)(strstr(s, "Piet Dekker") - text.s);
        sb_printf(&dek, "%s[%zu,%zu]", i ? "," : "", d, d + 11);
        size_t qs = (size_t)(strstr(s, "We had") - text.s);
        size_t qe = (size_t)(strstr(s, "never will.") - text.s) + 11;
        const char *st = i % 7 == 2 ? "disputed" : i % 11 == 4 ? "corroborated" : "unreviewed";
        nd += i % 7 == 2;
        nco += i % 7 != 2 && i % 11 == 4;
        sb_printf(&q, "%s{\"id\":\"Q%d\",\"speaker\":\"%s\",\"span\":[%zu,%zu],"
                  "\"direct\":true,\"status\":\"%s\"}", nq ? "," : "", i,
                  i % 13 == 6 ? "E4" : i % 4 == 3 ? "E3" : "E1", qs, qe, st);
        nq++;
        size_t cs = (size_t)(strstr(s, "the Northern Front") - text.s);
        size_t ce = (size_t)(strstr(s, "behind attack") - text.s) + 13;
        sb_printf(&c, "%s{\"id\":\"C%d\",\"claimant\":\"E2\",\"span\":[%zu,%zu]}",
                  nc ? "," : "", i, cs, ce);
        nc++;
        if (i % 5 == 1)
            sb_printf(&r, "%s{\"type\":\"%s\",\"from\":\"Q%d\",\"to\":\"C%d\"}",
                      r.len ? "," : "", i % 2 ? "contradicts" : "supports", i, i);
    }
    buf_t j = {0};
    sb_printf(&j, "{\"contra\":1,\"title\":\"The long inquiry\",\"source\":\"Test Wire\","
              "\"published\":\"2024-05-06\",\"text\":\"");
    for (size_t i = 0; i < text.len; i++) {
        char ch = text.s[i];
        if (ch == '\n')
            sb_printf(&j, "\\n");
        else if (ch == '"')
            sb_printf(&j, "\\\"");
        else
            sb_printf(&j, "%c", ch);
    }
    sb_printf(&j, "\",\"entities\":["
              "{\"id\":\"E1\",\"name\":\"Anna Berg\",\"kind\":\"person\",\"aliases\":[\"Berg\"],"
              "\"mentions\":[%s]},"
              "{\"id\":\"E2\",\"name\":\"Ministry of Ports\",\"kind\":\"organization\","
              "\"mentions\":[%s]},"
              "{\"id\":\"E3\",\"name\":\"Piet Dekker\",\"kind\":\"person\",\"mentions\":[%s]},"
              "{\"id\":\"E4\",\"name\":\"Silent Speaker\",\"kind\":\"person\",\"mentions\":[]}],",
              berg.s, min.s, dek.s);
    sb_printf(&j, "\"quotes\":[%s],\"claims\":[%s],\"relations\":[%s]}\n",
              q.s, c.s, r.len ? r.s : "");
    free(text.s);
    free(berg.s);
    free(dek.s);
    free(min.s);
    free(q.s);
    free(c.s);
    free(r.s);
    *nquotes = nq;
    *nclaims = nc;
    *ndisputed = nd;
    *ncorr = nco;
    *nberg = nb;
    return j.s;
}

/* Every cell of the screen: text and look. */
static term_cell_t *cells(term_t *t, int rows, int cols)
{
    term_cell_t *c = calloc((size_t)rows * (size_t)cols, sizeof *c);
    for (int r = 0; r < rows; r++)
        for (int k = 0; k < cols; k++)
            term_cell(t, r, k, &c[r * cols + k]);
    return c;
}

/* A blank cell reads "" or " " depending on how it was cleared. */
static const char *shown(const term_cell_t *c)
{
    return c->text[0] ? c->text : " ";
}

/* The first cell that differs, or -1. */
static int differ(const term_cell_t *a, const term_cell_t *b, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(shown(&a[i]), shown(&b[i])) || a[i].bold != b[i].bold
            || a[i].reverse != b[i].reverse || a[i].underline != b[i].underline
            || a[i].fg != b[i].fg || a[i].bg != b[i].bg
            || memcmp(a[i].fg_rgb, b[i].fg_rgb, 3) || memcmp(a[i].bg_rgb, b[i].bg_rgb, 3))
            return i;
    return -1;
}

int main(void)
{
    e2e_t e;
    e2e_init(&e);
    int nq, nc, nd, nco, nberg;
    char *json = long_json(&nq, &nc, &nd, &nco, &nberg);
    char path[400];
    snprintf(path, sizeof path, "%s/long.json", e.dir);
    FILE *f = fopen(path, "w");
    ok(f && fputs(json, f) >= 0 && fclose(f) == 0, "write a long article (%zu bytes of JSON)",
       strlen(json));
    free(json);
    char *out = NULL, *err = NULL;
    int st = e2e_run(&e, &out, &err, "add", path, (char *)NULL);
    ok(st == 0, "contra add imports it");
    if (st != 0)
        printf("# %s%s\n", out ? out : "", err ? err : "");
    free(out);
    free(err);
    out = NULL;
    e2e_run(&e, &out, NULL, "list", "--json", (char *)NULL);
    char *id = out ? e2e_first(out, "id") : NULL;
    free(out);
    ok(id != NULL, "it is in the library");
    if (!id)
        return done_testing();

    static const struct { int rows, cols; } sizes[] = {
        { 40, 120 }, { 24, 80 }, { 60, 160 }, { 20, 70 }, { 100, 140 } };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int R = sizes[k].rows, C = sizes[k].cols;
        char *args[] = { "read", id, NULL };
        term_t *t = e2e_reader(&e, R, C, NULL, args);
        if (!t)
            return 1;
        e2e_see(t, "The long inquiry", "%dx%d: the title", R, C);
        term_wait_quiet(t, 300, TERM_TIMEOUT);
        term_cell_t *first = cells(t, R, C);
        if (C >= 80) {
            char want[64];
            snprintf(want, sizeof want, "Entities (4)");
            ok(term_contains(t, want), "%dx%d: the sidebar counts every entity", R, C);
            snprintf(want, sizeof want, "Quotes and claims (%d)", nq + nc);
            ok(term_contains(t, want), "%dx%d: the claims panel counts all quotes and claims",
               R, C);
            snprintf(want, sizeof want, "%d", nberg);
            bool seen = false;
            for (int row = 0; row < R; row++)
                seen |= strstr(term_row(t, row), "Anna Berg") && strstr(term_row(t, row), want);
            ok(seen, "%dx%d: Anna Berg's mentions in the whole article (%d)", R, C, nberg);
        }
        char counts[64];
        snprintf(counts, sizeof counts, "!%d +%d ?%d", nd, nco, nq + nc - nd - nco);
        ok(term_contains(t, counts), "%dx%d: the status line counts the whole article (%s)",
           R, C, counts);
        ok(term_contains(t, "0%"), "%dx%d: at the top", R, C);

        /* Drawn afresh from the whole article: the same screen. */
        term_send(t, "z");
        term_wait_quiet(t, 200, TERM_TIMEOUT);
        term_send(t, "z");
        term_wait_quiet(t, 200, TERM_TIMEOUT);
        term_cell_t *again = cells(t, R, C);
        int d = differ(first, again, R * C);
        ok(d < 0, "%dx%d: the first frame is what the whole article draws", R, C);
        if (d >= 0) {
            printf("# first difference at row %d col %d: '%s' then '%s'\n", d / C, d % C,
                   first[d].text, again[d].text);
            term_dump(t, "redrawn");
        }
        free(first);
        free(again);

        /* The whole text is there: the end, then back to the top. */
        term_send(t, "G");
        e2e_see(t, "100%", "%dx%d: G reaches the end", R, C);
        char last[32];
        snprintf(last, sizeof last, "%d. Minister", NPARA - 1);
        e2e_see(t, last, "%dx%d: ... the last paragraph", R, C);
        term_send(t, "g");
        e2e_see(t, "0%", "%dx%d: g goes back to the top", R, C);
        ok(e2e_quit(t), "%dx%d: quits cleanly", R, C);
        term_free(t);
    }
    free(id);
    e2e_done(&e, tap_failed);
    return done_testing();
}
