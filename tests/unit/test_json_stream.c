/*
** test_json_stream.c: the streaming JSON reader (json_stream_*) against
** the whole-file one (json_import), which it must agree with byte for
** byte: the same articles, the same relations between objects, and on
** bad input the same message.  Every input is also read in reads of a few
** bytes, so that values, strings, escapes and UTF-8 sequences fall across
** reads.  The bad inputs are good files with one byte changed or cut off
** at many places.
*/
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "formats.h"
#include "import.h"

/* What one reading gave: its message, or the articles exported one by
** one and the relations between objects. */
typedef struct outcome {
    int rc;
    char msg[sizeof ((err_t *)0)->msg];
    strbuf_t arts;
    size_t ncross;         /* relations between objects */
    strbuf_t rels;         /* those resolved: "from>to" by fake library ids */
} outcome_t;

static void export_one(strbuf_t *b, article_t *a)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    err_t e = {{0}};
    json_export(f, &a, 1, false, NULL, &e);
    fclose(f);
    sb_add(b, buf, len);
    free(buf);
}

/* The relations between objects of article k (its links or removed
** links), as the stream resolves them: taken out into o->rels. */
static void take_cross(outcome_t *o, const article_list_t *l, const xid_ent_t *xt, size_t nx,
                       size_t k, relation_t *v, size_t *nv, bool removed)
{
    const article_t *a = l->v[k];
    size_t keep = 0;
    for (size_t r = 0; r < *nv; r++) {
        relation_t *rel = &v[r];
        if (rel->from.index >= 0 && rel->to.index >= 0) {
            relation_t tmp = *rel;
            memset(rel, 0, sizeof *rel);
            v[keep++] = tmp;
            continue;
        }
        int64_t ids[2];
        rel_end_t *ends[2] = { &rel->from, &rel->to };
        for (int end = 0; end < 2; end++) {
            if (ends[end]->index >= 0) {
                ids[end] = a->assertions[ends[end]->index].id;
                continue;
            }
            ids[end] = 0;
            for (size_t i = xid_first(xt, nx, ends[end]->xid);
                 i < nx && strcmp(xt[i].xid, ends[end]->xid) == 0; i++)
                if (xt[i].article != k) {
                    ids[end] = l->v[xt[i].article]->assertions[xt[i].index].id;
                    break;
                }
        }
        sb_printf(&o->rels, "%s%lld>%lld ", removed ? "x" : "", (long long)ids[0],
                  (long long)ids[1]);
        o->ncross += !removed;
        relation_clear(rel);
    }
    *nv = keep;
}

static void whole(const char *doc, size_t n, outcome_t *o)
{
    memset(o, 0, sizeof *o);
    char *data = xmalloc(n + 1);
    memcpy(data, doc, n);
    size_t len = n;
    err_t e = {{0}};
    article_list_t l = {0};
    o->rc = text_check_input("t.jsonl", &data, &len, false, &e) == 0
            ? json_import("t.jsonl", data, len, &l, &e) : -1;
    snprintf(o->msg, sizeof o->msg, "%s", o->rc ? e.msg : "");
    /* Fake library ids: article k's i-th quote or claim is 1000k + i. */
    for (size_t k = 0; k < l.n; k++)
        for (size_t i = 0; i < l.v[k]->nassertions; i++)
            l.v[k]->assertions[i].id = 1000 * (int64_t)(k + 1) + (int64_t)i;
    size_t nx = 0;
    xid_ent_t *xt = xid_table(&l, 0, &nx);
    /* The stream hands every live relation over before any removed link. */
    for (int removed = 0; removed < 2; removed++)
        for (size_t k = 0; k < l.n; k++) {
            article_t *a = l.v[k];
            if (removed)
                take_cross(o, &l, xt, nx, k, a->removed, &a->nremoved, true);
            else
                take_cross(o, &l, xt, nx, k, a->relations, &a->nrelations, false);
        }
    for (size_t k = 0; k < l.n; k++) {
        for (size_t i = 0; i < l.v[k]->nassertions; i++)
            l.v[k]->assertions[i].id = 0;
        export_one(&o->arts, l.v[k]);
    }
    free(xt);
    article_list_free(&l);
    free(data);
}

static int collect(void *arg, relation_type_t t, origin_t o_, int64_t from, int64_t to,
                   bool removed, err_t *e)
{
    (void)t, (void)o_, (void)e;
    sb_printf(arg, "%s%lld>%lld ", removed ? "x" : "", (long long)from, (long long)to);
    return 0;
}

/* The stream over a file holding doc, the first nhead bytes handed over
** as already read, then chunk bytes a read. */
static void stream(const char *doc, size_t n, size_t nhead, size_t chunk, outcome_t *o)
{
    memset(o, 0, sizeof *o);
    FILE *f = tmpfile();
    fwrite(doc, 1, n, f);
    fflush(f);
    int fd = fileno(f);
    if (nhead > n)
        nhead = n;
    lseek(fd, (off_t)nhead, SEEK_SET);
    err_t e = {{0}};
    json_stream_t *js = json_stream_open("t.jsonl", fd, doc, nhead, false, &e);
    o->rc = js ? 0 : -1;
    if (js)
        json_stream_chunk(js, chunk);
    for (size_t k = 0; js && o->rc == 0; k++) {
        article_t *a = NULL;
        size_t nrel = 0;
        int r = json_stream_next(js, &a, &nrel, &e);
        if (r <= 0) {
            o->rc = r;
            break;
        }
        o->ncross += nrel - a->nrelations;
        export_one(&o->arts, a);
        for (size_t i = 0; i < a->nassertions; i++)
            a->assertions[i].id = 1000 * (int64_t)(k + 1) + (int64_t)i;
        if (json_stream_stored(js, a, &e))
            o->rc = -1;
        article_free(a);
    }
    if (js && o->rc == 0)
        o->rc = json_stream_relations(js, collect, &o->rels, &e);
    snprintf(o->msg, sizeof o->msg, "%s", o->rc ? e.msg : "");
    json_stream_close(js);
    fclose(f);
}

static void outcome_free(outcome_t *o)
{
    sb_free(&o->arts);
    sb_free(&o->rels);
}

static const char *str(const strbuf_t *b)
{
    return b->s ? b->s : "";
}

/* import_json.c streams a file only when it opens with an object or an
** array; anything else is read whole. */
static bool streamable(const char *doc, size_t n)
{
    size_t i = n >= 3 && memcmp(doc, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && strchr(" \t\r\n", doc[i]) && doc[i])
        i++;
    return i < n && (doc[i] == '{' || doc[i] == '[');
}

/* The one place the two may differ: a file with a syntax error after an
** object with a content error.  The whole file is checked for syntax
** first; the stream reads, checks and hands over one value before it
** reads the next, so it names the content error, which comes first in
** the file.  Both refuse the file. */
static bool earlier(const char *stream_msg, const char *whole_msg)
{
    int wl, wc, sl;
    if (sscanf(whole_msg, "t.jsonl:%d:%d:", &wl, &wc) != 2)
        return false;
    if (strncmp(stream_msg, "t.jsonl: ", 9) == 0)
        return true;      /* an object or an array element before it */
    return sscanf(stream_msg, "t.jsonl:%d:", &sl) == 1 && sl <= wl
           && sscanf(stream_msg, "t.jsonl:%d:%d:", &sl, &wc) != 2;
}

static int cases, disagree;

/* Quietly compare; report the first few disagreements in full. */
static void compare(const char *doc, size_t n, const char *what, size_t nchunks)
{
    if (!streamable(doc, n))
        return;
    outcome_t w, s;
    whole(doc, n, &w);
    static const size_t chunks[][2] = { { 5, 3 }, { 0, 65536 }, { 0, 1 } };
    for (size_t c = 0; c < nchunks && c < sizeof chunks / sizeof chunks[0]; c++) {
        stream(doc, n, chunks[c][0], chunks[c][1], &s);
        cases++;
        bool same = (w.rc == 0) == (s.rc == 0);
        if (same && w.rc == 0)
            same = strcmp(str(&w.arts), str(&s.arts)) == 0 && w.ncross == s.ncross
                   && strcmp(str(&w.rels), str(&s.rels)) == 0;
        else if (same)
            same = strcmp(w.msg, s.msg) == 0 || earlier(s.msg, w.msg);
        if (!same && disagree++ < 5) {
            ok(0, "%s (reads of %zu bytes): the stream agrees with the whole file", what,
               chunks[c][1]);
            printf("#   input:  %.*s\n#   whole:  rc %d %s\n#   stream: rc %d %s\n",
                   (int)(n < 300 ? n : 300), doc, w.rc, w.msg, s.rc, s.msg);
            printf("#   whole:  %zu between objects: %s\n#   stream: %zu between objects: %s\n",
                   w.ncross, str(&w.rels), s.ncross, str(&s.rels));
            if (strcmp(str(&w.arts), str(&s.arts)) != 0)
                printf("#   the articles differ:\n%s\n----\n%s\n", str(&w.arts), str(&s.arts));
        }
        outcome_free(&s);
    }
    outcome_free(&w);
}

#define A "{\"title\":\"A\",\"text\":\"Alpha said: \\\"We w\xc3\xb6n.\\\"\",\"quotes\":[{\"id\":\"Q1\",\"span\":[13,20]}]}"
#define B "{\"title\":\"B\",\"text\":\"Beta said: \\\"No \\u00e9.\\\"\",\"claims\":[{\"id\":\"C1\",\"span\":[11,17]}],\"relations\":[{\"type\":\"contradicts\",\"from\":\"C1\",\"to\":\"Q1\"},{\"type\":\"supports\",\"from\":\"C1\",\"to\":\"Q7\"}]}"
#define C "{\"text\":\"Gamma said: \\\"Later.\\\"\",\n \"quotes\": [{\"id\": \"Q7\", \"span\": [12, 20]}],\n \"relations\": [{\"type\": \"supports\", \"from\": \"Q7\", \"to\": \"C1\"}],\n \"removed_relations\": [{\"type\": \"contradicts\", \"from\": \"Q7\", \"to\": \"Q1\"}]}"

int main(void)
{
    static const char *const docs[] = {
        A "\n" B "\n" C "\n",
        "[" A ",\n  " B ", " C "]\n",
        "\xEF\xBB\xBF  " A "\r\n",
        "[" C "]",
    };
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        const char *doc = docs[d];
        size_t n = strlen(doc);
        int before = disagree;
        outcome_t w;
        whole(doc, n, &w);
        if (d < 3)
            ok(w.rc == 0 && w.msg[0] == '\0', "document %zu is good", d + 1);
        else
            ok(w.rc != 0, "document %zu is bad: %s", d + 1, w.msg);
        outcome_free(&w);
        compare(doc, n, "whole document", 3);
        /* Every seventh place, in reads of 3 bytes: CI runs the unit
        ** tests under valgrind too. */
        char *m = xmalloc(n + 1);
        static const char repl[] = "\"}],\n\0";
        for (size_t i = d % 7; i < n; i += 7) {
            compare(doc, i, "cut short", 1);
            for (size_t r = 0; r < sizeof repl - 1; r++) {
                memcpy(m, doc, n);
                m[i] = repl[r];
                compare(m, n, "one byte changed", 1);
            }
        }
        free(m);
        ok(disagree == before, "document %zu: the stream agrees with the whole file, "
           "cut short or with one byte changed anywhere", d + 1);
    }
    ok(cases > 500, "%d readings compared", cases);

    return done_testing();
}
