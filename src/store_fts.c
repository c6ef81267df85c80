/*
** store_fts.c: "contra", the tokenizer of the library's full-text index
** (the library screen's filter, contra list WORD).
**
** It is FTS5's unicode61 (case folded, accents removed) with two things
** added, both for names a journalist types on an ASCII keyboard:
**
** - The Latin letters that have no decomposition, and so keep what
**   unicode61 calls their accent, are written as the ASCII the reader
**   shows for them under a non-UTF-8 locale (glyph_translit): "oldak"
**   for Ołdak, "soren" for Søren, "strasse" for Straße, "aydin" for
**   Aydın.  Before, the reader showed "Oldak" under LANG=C, and a search
**   for what it showed found nothing.  The in-article search folds the
**   same letters the same way (tui_article.c), so the two agree.
**   Documents and queries go through the same tokenizer, so "Ołdak"
**   still finds Ołdak; the index holds only the folded form.
** - Soft hyphens, joiners and direction marks are kept inside the word
**   and then left out of its token.  unicode61 cut words at them: a
**   scraped "inter\u00ADnational" was two words, and a search for the
**   word found nothing, nor did one for a Persian word written with its
**   zero-width non-joiner.  The zero-width space stays a separator: Thai
**   and Khmer text uses it between words.
** - A query also looks for its other spellings (text_other_spellings):
**   "Mueller" for "muller" too, the token of Müller, and "Müller" for
**   "mueller" too, as FTS5's colocated tokens beside each word.  Only
**   queries: the index holds what it held, and "Muller" still finds
**   Müller alone (nothing says that its u was ever an ü).
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "layout.h"
#include "store_fts.h"
#include "text.h"

/* What unicode61 is told to take as part of words (UTF-8): the
** characters of text_invisible_in_word, one by one. */
#define IN_WORD "\xc2\xad" "\xe2\x80\x8c" "\xe2\x80\x8d" "\xe2\x80\x8e" \
    "\xe2\x80\x8f" "\xe2\x81\xa0" "\xef\xbb\xbf"

/* One tokenizer, as FTS5 makes one per index: unicode61's, inside. */
typedef struct contra_tok {
    fts5_tokenizer uni;         /* unicode61's methods */
    Fts5Tokenizer *inner;
} contra_tok_t;

static int tok_create(void *api_v, const char **argv, int argc, Fts5Tokenizer **out)
{
    fts5_api *api = api_v;
    static const char *uni_argv[] = { "remove_diacritics", "2", "tokenchars", IN_WORD };
    void *uni_ctx;
    fts5_tokenizer uni;

    *out = NULL;
    /* Only the version this code makes (store_fts.h): an index made by
    ** another version would be searched with tokens that differ from the
    ** ones it holds, and miss without a word. */
    if (argc != 1 || strcmp(argv[0], "1") != 0)
        return SQLITE_ERROR;
    int rc = api->xFindTokenizer(api, "unicode61", &uni_ctx, &uni);
    if (rc != SQLITE_OK)
        return rc;
    contra_tok_t *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    t->uni = uni;
    rc = uni.xCreate(uni_ctx, uni_argv, (int)(sizeof uni_argv / sizeof uni_argv[0]), &t->inner);
    if (rc != SQLITE_OK) {
        sqlite3_free(t);
        return rc;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
    contra_tok_t *t = (contra_tok_t *)p;
    if (t) {
        t->uni.xDelete(t->inner);
        sqlite3_free(t);
    }
}

/* One xTokenize call's state: FTS5's callback, and a buffer for the
** tokens that change. */
typedef struct pass {
    void *ctx;
    int (*token)(void *, int, const char *, int, int, int);
    char *buf;
    size_t cap;
    const char *last;           /* the token last passed on */
    int nlast;
} pass_t;

/* A token from unicode61: passed on as it is when it is ASCII (nearly
** every token of an English text), else rewritten. */
static int on_token(void *pv, int tflags, const char *tok, int n, int start, int end)
{
    pass_t *p = pv;
    int i = 0;

    while (i < n && !(tok[i] & 0x80))
        i++;
    if (i == n) {
        p->last = tok;
        p->nlast = n;
        return p->token(p->ctx, tflags, tok, n, start, end);
    }

    /* Each character turns into at most itself (4 bytes) or a
    ** transliteration of at most 3 letters. */
    size_t need = (size_t)n * 2 + 4;
    if (need > p->cap) {
        char *nb = sqlite3_realloc64(p->buf, need);
        if (!nb)
            return SQLITE_NOMEM;
        p->buf = nb;
        p->cap = need;
    }
    memcpy(p->buf, tok, (size_t)i);
    size_t len = (size_t)i;
    while (i < n) {
        ucs4_t c;
        int k = u8_mbtouc(&c, (const uint8_t *)tok + i, (size_t)(n - i));
        const char *tr;
        if (text_invisible_in_word(c)) {
            /* left out */
        } else if (c >= 0x80 && uc_is_alpha(c) && (tr = glyph_translit(c)) != NULL
                   && strlen(tr) <= 3 && strspn(tr, "abcdefghijklmnopqrstuvwxyz"
                                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(tr)) {
            for (; *tr; tr++)
                p->buf[len++] = (char)(*tr | 0x20);
        } else {
            memcpy(p->buf + len, tok + i, (size_t)k);
            len += (size_t)k;
        }
        i += k;
    }
    /* A "word" of soft hyphens alone is no word. */
    if (len == 0)
        return SQLITE_OK;
    p->last = p->buf;
    p->nlast = (int)len;
    return p->token(p->ctx, tflags, p->buf, (int)len, start, end);
}

/* The tokens of another spelling of a query, kept to go beside the
** query's own (text_other_spellings). */
typedef struct spelling {
    char **tok;
    int *len;
    size_t n, cap;
} spelling_t;

static int keep_token(void *pv, int tflags, const char *tok, int n, int start, int end)
{
    spelling_t *sp = pv;
    (void)start, (void)end;
    if (tflags & FTS5_TOKEN_COLOCATED)
        return SQLITE_OK;
    if (sp->n == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 8;
        char **nt = sqlite3_realloc64(sp->tok, cap * sizeof *nt);
        if (!nt)
            return SQLITE_NOMEM;
        sp->tok = nt;
        int *nl = sqlite3_realloc64(sp->len, cap * sizeof *nl);
        if (!nl)
            return SQLITE_NOMEM;
        sp->len = nl;
        sp->cap = cap;
    }
    char *c = sqlite3_malloc(n > 0 ? n : 1);
    if (!c)
        return SQLITE_NOMEM;
    memcpy(c, tok, (size_t)n);
    sp->tok[sp->n] = c;
    sp->len[sp->n++] = n;
    return SQLITE_OK;
}

static void spelling_free(spelling_t *sp)
{
    for (size_t i = 0; i < sp->n; i++)
        sqlite3_free(sp->tok[i]);
    sqlite3_free(sp->tok);
    sqlite3_free(sp->len);
}

/* A query's tokens, each with the same word of its other spellings
** (alt) after it, as FTS5's colocated tokens: the query then matches a
** document holding any of them. */
typedef struct with_alts {
    pass_t *p;
    spelling_t *alt[2];
    size_t at;                  /* the query's token count so far */
} with_alts_t;

static int emit_with_alts(void *pv, int tflags, const char *tok, int n, int start, int end)
{
    with_alts_t *w = pv;
    pass_t *p = w->p;
    p->last = NULL;
    int rc = on_token(p, tflags, tok, n, start, end);
    if (rc != SQLITE_OK || (tflags & FTS5_TOKEN_COLOCATED) || !p->last)
        return rc;
    /* An alternative the same as the token passed on, or as the one
    ** before it, is left out. */
    size_t i = w->at++;
    for (int k = 0; k < 2 && rc == SQLITE_OK; k++) {
        spelling_t *sp = w->alt[k];
        if (!sp || i >= sp->n
            || (sp->len[i] == p->nlast && !memcmp(sp->tok[i], p->last, (size_t)p->nlast)))
            continue;
        if (k == 1 && w->alt[0] && i < w->alt[0]->n && w->alt[0]->len[i] == sp->len[i]
            && !memcmp(w->alt[0]->tok[i], sp->tok[i], (size_t)sp->len[i]))
            continue;
        rc = p->token(p->ctx, FTS5_TOKEN_COLOCATED, sp->tok[i], sp->len[i], start, end);
    }
    return rc;
}

static int tok_tokenize(Fts5Tokenizer *pt, void *ctx, int flags, const char *text, int n,
                        int (*token)(void *, int, const char *, int, int, int))
{
    contra_tok_t *t = (contra_tok_t *)pt;
    pass_t p = { .ctx = ctx, .token = token };
    char *other[2] = { NULL, NULL };
    spelling_t sp[2];
    int rc = SQLITE_OK;

    memset(sp, 0, sizeof sp);
    /* Queries only: a document's tokens are the index's, which stay as
    ** they are (the tokenizer's version, store_fts.h). */
    if (flags & FTS5_TOKENIZE_QUERY)
        text_other_spellings(text, (size_t)n, &other[0], &other[1]);
    with_alts_t w = { .p = &p };
    spelling_t own;
    memset(&own, 0, sizeof own);
    if (other[0] || other[1]) {
        pass_t q = { .ctx = &own, .token = keep_token };
        rc = t->uni.xTokenize(t->inner, &q, flags, text, n, on_token);
        sqlite3_free(q.buf);
    }
    for (int k = 0; k < 2 && rc == SQLITE_OK; k++) {
        if (!other[k])
            continue;
        pass_t q = { .ctx = &sp[k], .token = keep_token };
        rc = t->uni.xTokenize(t->inner, &q, flags, other[k], (int)strlen(other[k]), on_token);
        sqlite3_free(q.buf);
        /* Word for word, or not at all: a spelling changes letters, never
        ** where words end, but should one cut the query otherwise, its
        ** tokens would go beside the wrong words. */
        if (sp[k].n == own.n)
            w.alt[k] = &sp[k];
    }
    if (rc == SQLITE_OK && (w.alt[0] || w.alt[1]))
        rc = t->uni.xTokenize(t->inner, &w, flags, text, n, emit_with_alts);
    else if (rc == SQLITE_OK)
        rc = t->uni.xTokenize(t->inner, &p, flags, text, n, on_token);
    for (int k = 0; k < 2; k++) {
        free(other[k]);
        spelling_free(&sp[k]);
    }
    spelling_free(&own);
    sqlite3_free(p.buf);
    return rc;
}

int store_fts_register(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    /* FTS5's documented way to its API: a pointer passed out through a
    ** bound parameter of its fts5() function. */
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    rc = sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;
    if (!api || api->iVersion < 2)
        return SQLITE_ERROR;
    fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
    return api->xCreateTokenizer(api, "contra", api, &tok, NULL);
}
