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
} pass_t;

/* A token from unicode61: passed on as it is when it is ASCII (nearly
** every token of an English text), else rewritten. */
static int on_token(void *pv, int tflags, const char *tok, int n, int start, int end)
{
    pass_t *p = pv;
    int i = 0;

    while (i < n && !(tok[i] & 0x80))
        i++;
    if (i == n)
        return p->token(p->ctx, tflags, tok, n, start, end);

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
    return p->token(p->ctx, tflags, p->buf, (int)len, start, end);
}

static int tok_tokenize(Fts5Tokenizer *pt, void *ctx, int flags, const char *text, int n,
                        int (*token)(void *, int, const char *, int, int, int))
{
    contra_tok_t *t = (contra_tok_t *)pt;
    pass_t p = { .ctx = ctx, .token = token };
    int rc = t->uni.xTokenize(t->inner, &p, flags, text, n, on_token);
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
