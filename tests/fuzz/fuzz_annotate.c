/*
** fuzz_annotate.c: libFuzzer target for the annotator (src/annot*.c,
** src/lexicon.c) on arbitrary article text.  The input, repaired to valid
** UTF-8 as `contra add --repair` would, is the text of one article.  The
** annotator must finish (libFuzzer's -timeout bounds it), and what it adds
** must be a well-formed article: every span inside the text, on character
** boundaries, start <= end; speaker and relation indices in range;
** relations auto, between two different assertions; assertions sorted.
** It must also be deterministic: a second run on a fresh copy exports to
** the same bytes.
**
** The word lists come from $CONTRA_DATADIR/lexicon (tests/fuzz/run sets it).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "formats.h"
#include "lexicon.h"
#include "model.h"
#include "text.h"
#include "util.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "check failed: %s (%s:%d)\n", #c, __FILE__, __LINE__); abort(); } } while (0)

static lexicon_t *lex;

static int on_boundary(const article_t *a, int64_t b)
{
    if (b == (int64_t)a->len)
        return 1;
    return ((unsigned char)a->text[b] & 0xC0) != 0x80;
}

static void check_span(const article_t *a, span_t s, int optional)
{
    if (!span_present(s)) {
        CHECK(optional);
        return;
    }
    CHECK(s.start >= 0 && s.start <= s.end && s.end <= (int64_t)a->len);
    CHECK(on_boundary(a, s.start) && on_boundary(a, s.end));
}

static void check_article(const article_t *a)
{
    for (size_t i = 0; i < a->nentities; i++) {
        const entity_t *en = &a->entities[i];
        CHECK(en->name && *en->name);
        CHECK(utf8_invalid_at(en->name, strlen(en->name)) < 0);
        for (size_t m = 0; m < en->nmentions; m++) {
            check_span(a, en->mentions[m], 0);
            if (m)
                CHECK(en->mentions[m - 1].start <= en->mentions[m].start);
        }
    }
    for (size_t i = 0; i < a->nassertions; i++) {
        const assertion_t *q = &a->assertions[i];
        check_span(a, q->span, 0);
        check_span(a, q->speaker_span, 1);
        check_span(a, q->cue_span, 1);
        CHECK(q->speaker >= -1 && q->speaker < (int)a->nentities);
        if (i)
            CHECK(a->assertions[i - 1].span.start <= q->span.start);
    }
    for (size_t i = 0; i < a->nrelations; i++) {
        const relation_t *r = &a->relations[i];
        CHECK(r->origin == ORIGIN_AUTO);
        CHECK(r->from.index >= 0 && r->from.index < (int)a->nassertions);
        CHECK(r->to.index >= 0 && r->to.index < (int)a->nassertions);
        CHECK(r->from.index != r->to.index);
    }
}

static char *annotate_export(const char *text, size_t len, size_t *outlen)
{
    article_t *a = article_new();
    a->text = xmalloc(len + 1);
    memcpy(a->text, text, len);
    a->text[len] = 0;
    a->len = len;
    annotate_article(a, lex);
    check_article(a);
    char *buf = NULL;
    FILE *f = open_memstream(&buf, outlen);
    err_t e = {{0}};
    article_t *const arts[1] = { a };
    CHECK(json_export(f, arts, 1, false, NULL, &e) == 0);
    fclose(f);
    article_free(a);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!lex) {
        char *dir = lexicon_default_dir();
        err_t e = {{0}};
        lex = lexicon_load(dir, &e);
        if (!lex) {
            fprintf(stderr, "fuzz_annotate: cannot load the word lists: %s\n", e.msg);
            abort();
        }
        free(dir);
    }
    size_t len;
    char *text = utf8_repair((const char *)data, size, &len);
    /* The text is NUL-terminated in the model: stop at an embedded NUL,
    ** as the importers refuse or cut such input. */
    len = strnlen(text, len);
    size_t n1, n2;
    char *j1 = annotate_export(text, len, &n1);
    char *j2 = annotate_export(text, len, &n2);
    CHECK(n1 == n2 && memcmp(j1, j2, n1) == 0);
    free(j1);
    free(j2);
    free(text);
    return 0;
}
