/*
** fixture.h: the set-up the store's unit tests share: a private temp
** directory holding a new library, removed with SQLite's side files at
** the end; articles whose claims are found by their text; and a library
** of many made articles, read back by their keys.  Header only (static inline),
** as tap.h is: each test is a program of one file.
*/
#ifndef CONTRA_TEST_FIXTURE_H
#define CONTRA_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

typedef struct fixture {
    char dir[256];      /* $TMPDIR/contra-NAME-XXXXXX */
    char *path;         /* dir/lib.db, malloc'd */
} fixture_t;

/* Make the temp dir and name the library in it; without a temp dir
** nothing could be checked, so a TAP "Bail out!" and exit 1. */
static inline void fx_init(fixture_t *f, const char *name)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(f->dir, sizeof f->dir, "%s/contra-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
    if (!mkdtemp(f->dir)) {
        printf("Bail out! cannot make a temp dir %s\n", f->dir);
        exit(1);
    }
    f->path = xasprintf("%s/lib.db", f->dir);
}

/* fx_init, and a new library at f->path; NULL (with the store's message
** as a TAP comment) when it cannot be made, for the test to fail on. */
static inline store_t *fx_library(fixture_t *f, const char *name)
{
    err_t e = {{0}};
    fx_init(f, name);
    store_t *s = store_open(f->path, STORE_CREATE, &e);
    if (!s)
        printf("# %s\n", e.msg);
    return s;
}

/* Remove the library at path with its -wal and -shm. */
static inline void fx_unlink_db(const char *path)
{
    static const char *const side[] = { "", "-wal", "-shm" };
    for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
        char *p = xasprintf("%s%s", path, side[i]);
        unlink(p);
        free(p);
    }
}

/* Remove f's library and its directory, which the test has left holding
** nothing else (the store closed); a directory left over is said. */
static inline void fx_done(fixture_t *f)
{
    fx_unlink_db(f->path);
    if (rmdir(f->dir) != 0)
        printf("# could not remove %s\n", f->dir);
    free(f->path);
    f->path = NULL;
}

/* The span of the first needle in text.  A needle not there is a broken
** test, not a failed check: Bail out. */
static inline span_t span_of(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    if (!p) {
        printf("Bail out! \"%s\" is not in the test's text\n", needle);
        exit(1);
    }
    return (span_t){ p - text, p - text + (int64_t)strlen(needle) };
}

/* A new article of title, date (NULL: undated) and text. */
static inline article_t *fx_article(const char *title, const char *published,
                                    const char *text)
{
    article_t *a = article_new();
    a->title = xstrdup(title);
    a->published = published ? xstrdup(published) : NULL;
    a->text = xstrdup(text);
    a->len = strlen(a->text);
    return a;
}

/* Add to a the unreviewed claim, of no claimant, whose span is the text
** claim; valid until a's next assertion is added. */
static inline assertion_t *fx_claim(article_t *a, const char *claim)
{
    assertion_t *c = article_add_assertion(a);
    c->kind = ASSERT_CLAIM;
    c->speaker = -1;
    c->span = span_of(a->text, claim);
    c->status = STATUS_UNREVIEWED;
    return c;
}

/* Article i of a made library, as make(i) for fx_library_of builds it:
** "Item i" of the Test Wire, dated date ("" for undated), text taken
** (malloc'd). */
static inline article_t *fx_item(int i, const char *date, char *text)
{
    article_t *a = article_new();
    a->title = xasprintf("Item %d", i);
    a->source = xstrdup("Test Wire");
    a->published = *date ? xstrdup(date) : NULL;
    a->text = text;
    a->len = strlen(text);
    return a;
}

/* fx_library holding make(0) to make(n - 1), stored in one transaction.
** Without it nothing could be checked: a TAP "Bail out!" and exit 1. */
static inline store_t *fx_library_of(fixture_t *f, const char *name, int n,
                                     article_t *(*make)(int))
{
    err_t e = {{0}};
    store_t *s = fx_library(f, name);
    bool added = s && store_begin(s, &e) == 0;
    for (int i = 0; i < n && added; i++) {
        article_t *a = make(i);
        added = store_add_article(s, a, NULL, &e) == 0;
        article_free(a);
    }
    if (!added || store_commit(s, &e) != 0) {
        printf("Bail out! cannot build the test library: %s\n", e.msg);
        exit(1);
    }
    return s;
}

/* Keep only the keys (id, published) of rows[0, n): the tests that read
** a whole list compare rows by their keys. */
static inline void fx_keys_only(article_summary_t *rows, int n)
{
    for (int k = 0; k < n; k++) {
        free(rows[k].source);
        free(rows[k].title);
        rows[k].source = rows[k].title = NULL;
    }
}

#endif
