/*
** import.c: from a file name to articles in the library.
**
** Owns format detection, the "is this text at all" check every importer
** relies on, the article list, and import_path(), which stores all the
** articles of one file in a single transaction.  Relations whose ends lie
** in different articles of the file can only be stored once both articles
** have library ids, so they are held back and added at the end of the same
** transaction.
*/
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "annotate.h"
#include "import.h"
#include "sha256.h"
#include "text.h"

void article_list_push(article_list_t *l, article_t *a)
{
    grow_array((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n++] = a;
}

void article_list_free(article_list_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        article_free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

void import_result_add(import_result_t *res, const article_t *a, bool dup, size_t nrel)
{
    grow_array((void **)&res->v, &res->cap, res->n + 1, sizeof *res->v);
    import_item_t *it = &res->v[res->n++];
    memset(it, 0, sizeof *it);
    it->id = a->id;
    it->title = a->title ? xstrdup(a->title) : NULL;
    it->duplicate = dup;
    it->nentities = a->nentities;
    for (size_t k = 0; k < a->nassertions; k++) {
        if (a->assertions[k].kind == ASSERT_QUOTE)
            it->nquotes++;
        else
            it->nclaims++;
    }
    it->nrelations = nrel;
}

void import_result_free(import_result_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].title);
    free(r->v);
    r->v = NULL;
    r->n = r->cap = 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* "x.txt" -> "x.ann" and back: same stem, other extension (4 chars). */
static char *sibling(const char *path, const char *ext)
{
    size_t n = strlen(path);
    return xasprintf("%.*s%s", (int)(n - 4), path, ext);
}

format_t format_detect(const char *path, const char *data, size_t len)
{
    if (path && strcmp(path, "-") != 0) {
        if (ends_with(path, ".json") || ends_with(path, ".jsonl"))
            return FMT_JSON;
        if (ends_with(path, ".ann"))
            return FMT_BRAT;
        if (ends_with(path, ".txt")) {
            char *ann = sibling(path, ".ann");
            bool has = access(ann, F_OK) == 0;
            free(ann);
            if (has)
                return FMT_BRAT;
        }
    }
    /* By content.  '{' is JSON; '[' only when an object or the end of the
    ** array follows, so that plain text opening with "[Photo]" or a
    ** bracketed dateline stays plain text. */
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    if (i < len && data[i] == '{')
        return FMT_JSON;
    if (i < len && data[i] == '[') {
        i++;
        while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
            i++;
        if (i == len || data[i] == '{' || data[i] == ']')
            return FMT_JSON;
    }
    return FMT_PLAIN;
}

/* A byte that has no business in article text.  Tab, newline, carriage
** return, form feed and vertical tab do occur in scraped text; ESC does
** too (stray colour codes), but only a few of them. */
/* 1 for a control character other than white space (\t \n \v \f \r):
** by table, for speed (issue 5), as a test of each byte of every file
** was 4% of the readers' instructions in an import of small files. */
static const unsigned char control_byte[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
    [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1,
    [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1,
    [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1,
    [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, [0x7F] = 1,
};

/* Line and column (both from 1, the column in characters) of byte pos,
** for messages in the form editors and compilers use. */
static void line_col_of(const char *s, size_t pos, size_t *line, size_t *col)
{
    *line = *col = 1;
    text_line_col(s, pos, line, col);
}

int text_check_input(const char *name, char **data, size_t *len, bool repair, err_t *e)
{
    const unsigned char *p = (const unsigned char *)*data;
    size_t n = *len;

    if (n == 0) {
        err_set(e, "%s: file is empty", name);
        return -1;
    }
    /* UTF-16 is full of NUL bytes; say what it is rather than "binary". */
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        err_set(e, "%s: looks like UTF-16 text; contra reads UTF-8 "
                "(convert it with iconv -f UTF-16 -t UTF-8)", name);
        return -1;
    }
    const unsigned char *nul = memchr(p, 0, n);
    if (nul) {
        size_t line, col;
        line_col_of(*data, (size_t)(nul - p), &line, &col);
        err_set(e, "%s:%zu:%zu: NUL byte at file offset %zu from 0 (binary file?)", name,
                line, col, (size_t)(nul - p));
        return -1;
    }
    /* Judge by the first 64 KiB: more than one byte in ten a control
    ** character is not text anyone meant to read. */
    size_t probe = n < 65536 ? n : 65536, ctl = 0;
    for (size_t i = 0; i < probe; i++)
        ctl += control_byte[p[i]];
    if (ctl >= 4 && ctl * 10 > probe) {
        err_set(e, "%s: looks like a binary file", name);
        return -1;
    }
    int64_t bad = utf8_invalid_at(*data, n);
    if (bad >= 0) {
        if (!repair) {
            size_t line, col;
            line_col_of(*data, (size_t)bad, &line, &col);
            err_set(e, "%s:%zu:%zu: invalid UTF-8 byte 0x%02X at file offset %lld from 0 "
                    "(use --repair to replace it)", name, line, col, p[bad], (long long)bad);
            return -1;
        }
        size_t nlen;
        char *fixed = utf8_repair(*data, n, &nlen);
        free(*data);
        *data = fixed;
        *len = nlen;
    }
    size_t i = 0;
    if (*len >= 3 && memcmp(*data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < *len && isspace((unsigned char)(*data)[i]))
        i++;
    if (i == *len) {
        err_set(e, "%s: file is empty (only white space)", name);
        return -1;
    }
    return 0;
}

/* Apply --title/--source/--url/--date to an article parsed from a
** structured file.  For JSON only when the file holds a single article,
** except the source, which is the same for all of them. */
static void apply_meta(article_list_t *l, const import_meta_t *meta)
{
    if (!meta)
        return;
    for (size_t i = 0; i < l->n; i++) {
        article_t *a = l->v[i];
        if (meta->source) {
            free(a->source);
            a->source = xstrdup(meta->source);
        }
        if (l->n != 1)
            continue;
        if (meta->title) {
            free(a->title);
            a->title = xstrdup(meta->title);
        }
        if (meta->url) {
            free(a->url);
            a->url = xstrdup(meta->url);
        }
        if (meta->date) {
            free(a->published);
            a->published = xstrdup(meta->date);
        }
    }
}

/* What import_json_stream read from standard input and gave back. */
static char *stdin_head;
static size_t stdin_nhead;

void import_unread_stdin(char *data, size_t len)
{
    free(stdin_head);
    stdin_head = data;
    stdin_nhead = len;
}

/* The rest of standard input after head[0..nhead) (taken, freed on an
** error). */
static char *read_stdin_after(char *head, size_t nhead, size_t *len, err_t *e)
{
    size_t rest;
    char *more = read_file("-", &rest, e);
    if (!more) {
        free(head);
        return NULL;
    }
    head = xrealloc(head, nhead + rest + 1);
    memcpy(head + nhead, more, rest);
    head[nhead + rest] = '\0';
    free(more);
    *len = nhead + rest;
    return head;
}

int import_parse(const char *path, const import_meta_t *meta, const lexicon_t *lex,
                 article_list_t *out, format_t *fmtp, err_t *e)
{
    static const import_meta_t none;
    if (!meta)
        meta = &none;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    char *txt_path = NULL, *ann_path = NULL;
    char *data = NULL, *ann = NULL;
    size_t len = 0, ann_len = 0, nhead = 0;
    int rc = -1;
    char *head = NULL;
    if (is_stdin) {
        head = stdin_head;
        nhead = stdin_nhead;
        stdin_head = NULL;
        stdin_nhead = 0;
    }

    if (meta->date && !iso_date_valid(meta->date, strlen(meta->date))) {
        err_set(e, "%s: --date \"%s\" is not a date (write YYYY-MM-DD)", name, meta->date);
        free(head);
        return -1;
    }
    if (stop_signal) {
        /* A read would wait for input no one will stop it for. */
        err_set(e, "%s: interrupted", name);
        free(head);
        return -1;
    }
    format_t fmt = meta->format;
    if (fmt != FMT_AUTO && fmt != FMT_BRAT)
        ;   /* the caller said what it is */
    else if (!is_stdin && ends_with(path, ".ann")) {
        fmt = FMT_BRAT;
        ann_path = xstrdup(path);
        txt_path = sibling(path, ".txt");
        if (access(txt_path, F_OK) != 0) {
            err_set(e, "%s: no text file %s beside it", path, txt_path);
            goto out;
        }
    } else if (!is_stdin && ends_with(path, ".txt")) {
        char *a = sibling(path, ".ann");
        if (access(a, F_OK) == 0) {
            fmt = FMT_BRAT;
            ann_path = a;
            txt_path = xstrdup(path);
        } else {
            free(a);
        }
    }
    if (meta->format == FMT_BRAT && !ann_path) {
        err_set(e, "%s: brat standoff needs X.txt with X.ann beside it", name);
        goto out;
    }

    if (head) {
        data = read_stdin_after(head, nhead, &len, e);
        head = NULL;
    } else {
        data = read_file(fmt == FMT_BRAT ? txt_path : path, &len, e);
    }
    if (!data)
        goto out;
    if (stop_signal) {
        /* Told to stop while it read: a writer stopped by the same
        ** Ctrl-C (cat FILE | contra add -) left only part of the text,
        ** which is not to be stored as the article. */
        err_set(e, "%s: interrupted", name);
        goto out;
    }
    if (text_check_input(fmt == FMT_BRAT ? txt_path : name, &data, &len, meta->repair, e))
        goto out;
    if (fmt == FMT_AUTO)
        fmt = format_detect(is_stdin ? NULL : path, data, len);
    if (fmt == FMT_BRAT && !ann_path)
        fmt = FMT_PLAIN;    /* the .ann vanished since we looked */

    switch (fmt) {
    case FMT_JSON:
        rc = json_import(name, data, len, out, e);
        if (rc == 0)
            apply_meta(out, meta);
        break;
    case FMT_BRAT:
        ann = read_file(ann_path, &ann_len, e);
        if (!ann)
            goto out;
        /* An empty .ann is a text nobody has annotated yet: fine. */
        if (ann_len && (memchr(ann, 0, ann_len) || utf8_invalid_at(ann, ann_len) >= 0)) {
            if (text_check_input(ann_path, &ann, &ann_len, false, e))
                goto out;
        }
        rc = brat_import(txt_path, data, len, ann_path, ann, ann_len, out, e);
        if (rc == 0)
            apply_meta(out, meta);
        break;
    default:
        fmt = FMT_PLAIN;
        if (meta->no_lexicon) {
            /* Known only now for standard input or a pipe: JSON or brat
            ** there needs no word lists, plain text must not be stored
            ** unannotated. */
            err_set(e, "%s: cannot load the annotator's word lists: %s; or use --no-annotate "
                    "to store the text unannotated", name, meta->no_lexicon);
            goto out;
        }
        rc = plain_import(name, data, len, meta, out, e);
        if (rc == 0 && lex)
            for (size_t i = 0; i < out->n; i++)
                annotate_article(out->v[i], lex);
        break;
    }
    if (rc == 0 && fmtp)
        *fmtp = fmt;
out:
    free(head);
    free(data);
    free(ann);
    free(txt_path);
    free(ann_path);
    return rc;
}

/* A relation of the file whose ends lie in different articles: article
** and assertion index of each end, resolved before anything is stored. */
typedef struct pending_rel {
    relation_type_t type;
    origin_t origin;
    bool removed;      /* a link a person removed ("removed_relations") */
    size_t fa, ta;     /* article index in the list */
    int fi, ti;        /* assertion index in that article */
} pending_rel_t;

static int cmp_xid_ent(const void *x, const void *y)
{
    const xid_ent_t *a = x, *b = y;
    int c = strcmp(a->xid, b->xid);
    return c ? c : (a->article > b->article) - (a->article < b->article);
}

xid_ent_t *xid_table(const article_list_t *l, size_t first, size_t *n)
{
    size_t total = 0;
    for (size_t j = first; j < l->n; j++)
        total += l->v[j]->nassertions;
    xid_ent_t *t = xmalloc((total + 1) * sizeof *t);
    *n = 0;
    for (size_t j = first; j < l->n; j++)
        for (size_t k = 0; k < l->v[j]->nassertions; k++)
            if (l->v[j]->assertions[k].xid)
                t[(*n)++] = (xid_ent_t){ l->v[j]->assertions[k].xid, j, (int)k };
    qsort(t, *n, sizeof *t, cmp_xid_ent);
    return t;
}

size_t xid_first(const xid_ent_t *t, size_t n, const char *xid)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(t[mid].xid, xid) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The end of a cross-article relation: an assertion whose file id is xid
** in an article of the list other than self (json_import has made sure
** there is exactly one). */
static int find_xid(const xid_ent_t *t, size_t n, size_t self, const char *xid,
                    size_t *art, int *idx)
{
    for (size_t i = xid_first(t, n, xid); i < n && strcmp(t[i].xid, xid) == 0; i++)
        if (t[i].article != self) {
            *art = t[i].article;
            *idx = t[i].index;
            return 0;
        }
    return -1;
}

/* Take the relations of v[0..*nv) (article i's relations, or its removed
** links) whose ends lie in other articles of the file out into pend. */
static int take_pending(const char *name, const xid_ent_t *xt, size_t nxt, size_t i,
                        relation_t *v, size_t *nv, bool removed, pending_rel_t **pend,
                        size_t *npend, size_t *cappend, err_t *e)
{
    const char *what = removed ? "removed link" : "relation";
    size_t keep = 0;
    for (size_t r = 0; r < *nv; r++) {
        relation_t *rel = &v[r];
        if (rel->from.index >= 0 && rel->to.index >= 0) {
            /* Move it down; the old slot must not own its strings too. */
            relation_t tmp = *rel;
            memset(rel, 0, sizeof *rel);
            v[keep++] = tmp;
            continue;
        }
        pending_rel_t p = { rel->type, rel->origin, removed, i, i, rel->from.index,
                            rel->to.index };
        if (rel->from.index < 0
            && (!rel->from.xid || find_xid(xt, nxt, i, rel->from.xid, &p.fa, &p.fi))) {
            err_set(e, "%s: %s from unknown id \"%s\"", name, what,
                    rel->from.xid ? rel->from.xid : "?");
            return -1;
        }
        if (rel->to.index < 0
            && (!rel->to.xid || find_xid(xt, nxt, i, rel->to.xid, &p.ta, &p.ti))) {
            err_set(e, "%s: %s to unknown id \"%s\"", name, what,
                    rel->to.xid ? rel->to.xid : "?");
            return -1;
        }
        grow_array((void **)pend, cappend, *npend + 1, sizeof **pend);
        (*pend)[(*npend)++] = p;
        relation_clear(rel);
    }
    *nv = keep;
    return 0;
}

/* A duplicate article was not stored again, so its assertions have no
** ids yet: take them from the stored copy, matching kind and span.  Its
** title too: "already in library" names the article the library holds,
** not the --title or the file's title that was not stored. */
static void adopt_ids(store_t *s, article_t *a, int64_t id)
{
    err_t e = {{0}};
    article_t *old = store_load_article(s, id, &e);
    if (!old)
        return;
    free(a->title);
    a->title = old->title;
    old->title = NULL;
    for (size_t i = 0; i < a->nassertions; i++) {
        assertion_t *q = &a->assertions[i];
        for (size_t k = 0; k < old->nassertions; k++) {
            const assertion_t *o = &old->assertions[k];
            if (o->kind == q->kind && o->span.start == q->span.start
                && o->span.end == q->span.end) {
                q->id = o->id;
                break;
            }
        }
    }
    article_free(old);
}

/* For import_json.c, which stores one article at a time. */
void import_adopt_ids(store_t *s, article_t *a, int64_t id)
{
    adopt_ids(s, a, id);
}

int import_path(store_t *s, const char *path, const import_meta_t *meta,
                const lexicon_t *lex, import_result_t *res, err_t *e)
{
    article_list_t l = {0};
    format_t fmt = FMT_AUTO;

    /* contra JSON is stored one article at a time (import_json.c). */
    int streamed = import_json_stream(s, path, meta, res, e);
    if (streamed <= 0)
        return streamed;
    if (import_parse(path, meta, lex, &l, &fmt, e)) {
        article_list_free(&l);
        return -1;
    }
    return import_store(s, path, &l, fmt, res, e);
}

int import_store(store_t *s, const char *path, article_list_t *parsed, format_t fmt,
                 import_result_t *res, err_t *e)
{
    int rc = import_store_hashed(s, path, parsed, NULL, false, fmt, res, e);
    article_list_free(parsed);
    return rc;
}

int import_store_hashed(store_t *s, const char *path, article_list_t *parsed,
                        const unsigned char *hash, bool lean, format_t fmt,
                        import_result_t *res, err_t *e)
{
    article_list_t l = *parsed;
    pending_rel_t *pend = NULL;
    size_t npend = 0, cappend = 0, nxt = 0;
    xid_ent_t *xt = NULL;
    bool *dup = NULL;
    size_t *nrel = NULL;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    int failed = -1;

    /* Take the cross-article relations (and removed links) out of their
    ** articles now, while the file ids can still be looked up. */
    nrel = xcalloc(l.n, sizeof *nrel);
    xt = xid_table(&l, 0, &nxt);
    for (size_t i = 0; i < l.n; i++) {
        article_t *a = l.v[i];
        nrel[i] = a->nrelations;
        if (take_pending(name, xt, nxt, i, a->relations, &a->nrelations, false,
                         &pend, &npend, &cappend, e)
            || take_pending(name, xt, nxt, i, a->removed, &a->nremoved, true,
                            &pend, &npend, &cappend, e))
            goto fail_parsed;
    }

    /* No savepoint of its own when only SQLite can make the store fail
    ** half way (store_lean), for speed (issue 5); the caller then rolls
    ** the whole transaction back if it does. */
    bool lean_on = lean && npend == 0;
    for (size_t i = 0; i < l.n && lean_on; i++) {
        err_t ignore = {{0}};
        lean_on = store_check_article(l.v[i], &ignore) == 0;
    }
    store_lean(s, lean_on);
    if (store_begin(s, e)) {
        store_lean(s, false);
        goto fail_parsed;
    }
    dup = xcalloc(l.n, sizeof *dup);
    for (size_t i = 0; i < l.n; i++) {
        int64_t dup_id = 0;
        if (store_add_article_hashed(s, l.v[i], hash ? hash + i * SHA256_SIZE : NULL,
                                     &dup_id, e))
            goto fail_store;
        if (dup_id > 0) {
            dup[i] = true;
            l.v[i]->id = dup_id;
            adopt_ids(s, l.v[i], dup_id);
        }
    }
    /* The live relations first, then the removed links: a link the file
    ** states both ways stays live (store_reject_relation). */
    for (int removed = 0; removed < 2; removed++)
        for (size_t k = 0; k < npend; k++) {
            const pending_rel_t *p = &pend[k];
            if (p->removed != removed)
                continue;
            /* Adding a relation that is already there changes nothing (the
            ** store merges it), so duplicates need no special case. */
            int64_t from = l.v[p->fa]->assertions[p->fi].id;
            int64_t to = l.v[p->ta]->assertions[p->ti].id;
            if (from <= 0 || to <= 0)
                continue;
            if (removed ? store_reject_relation(s, p->type, from, to, e)
                        : store_add_relation(s, p->type, p->origin, from, to, e))
                goto fail_store;
        }
    if (store_commit(s, e))
        goto fail_store;
    store_lean(s, false);

    if (res) {
        res->format = fmt;
        for (size_t i = 0; i < l.n; i++)
            import_result_add(res, l.v[i], dup[i], nrel[i]);
    }
    free(dup);
    free(nrel);
    free(pend);
    free(xt);
    return 0;

fail_store:
    {
        /* Keep the store's message but say which file it was about. */
        char msg[sizeof e->msg];
        snprintf(msg, sizeof msg, "%s", e->msg);
        if (strncmp(msg, name, strlen(name)) != 0)
            err_set(e, "%s: %s", name, msg);
    }
    store_rollback(s);
    store_lean(s, false);
    if (store_lean_lost(s))
        failed = -2;
fail_parsed:
    free(dup);
    free(nrel);
    free(pend);
    free(xt);
    return failed;
}

bool iso_date_valid(const char *s, size_t n)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

size_t date_prefix(const char *s, size_t len, char date[11])
{
    size_t i = 0;
    while (i < len && isspace((unsigned char)s[i]))
        i++;
    if (len - i < 15 || strncasecmp(s + i, "date", 4) != 0 || (s[i + 4] != ' ' && s[i + 4] != '\t'))
        return 0;
    i += 4;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i + 10 > len || !iso_date_valid(s + i, 10))
        return 0;
    memcpy(date, s + i, 10);
    date[10] = '\0';
    i += 10;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* Titles are for lists one line wide: long first lines (a whole lede
** paragraph is common in scraped text) are cut near this many code points. */
#define TITLE_MAX 80

char *title_from_text(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    /* First non-blank line. */
    for (;;) {
        size_t j = i;
        while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
            j++;
        if (j >= len)
            return NULL;
        if (text[j] != '\n') {
            i = j;
            break;
        }
        i = j + 1;
    }
    strbuf_t b = {0};
    size_t ncp = 0, last_space = 0;
    bool space = false, cut = false;
    for (; i < len && text[i] != '\n'; ) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
            i++;
            continue;
        }
        if (space && b.len) {
            last_space = b.len;
            sb_addc(&b, ' ');
            ncp++;
        }
        space = false;
        size_t n = 1;
        if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
        if (i + n > len)
            n = len - i;
        if (ncp >= TITLE_MAX) {
            cut = true;
            break;
        }
        /* Control characters have no place in a title line. */
        if (c < 0x20 || c == 0x7f)
            sb_addc(&b, ' ');
        else
            sb_add(&b, text + i, n);
        ncp++;
        i += n;
    }
    if (cut) {
        /* Prefer a word boundary unless it would throw away too much. */
        if (last_space > b.len / 2)
            b.len = last_space;
        b.s[b.len] = '\0';
        sb_adds(&b, "\xE2\x80\xA6");
    }
    return b.len ? sb_steal(&b) : (sb_free(&b), NULL);
}
