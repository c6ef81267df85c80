/*
** fmt_json_out.c: the contra JSON exporter.
**
** Writes the shape of DESIGN.md so that the importer reads it back to the
** same annotations and statuses.  Output is deterministic (same library,
** same bytes): members in a fixed order, 2-space indentation, objects one
** member a line, while spans and lists of names stay on one line each
** ("mentions": [[0, 5], [17, 22]]) so that long articles stay readable.
** Absent optional members are left out rather than written as null; the
** four lists are always written, empty or not.  "removed_relations", the
** links a person removed (contra unlink), is written only when there are
** some: a file without it is what older contras wrote and read.
**
** ids are the library's own ("E12", "Q40", "C41"; quotes and claims share
** one table, so the number alone is unique).  An article that was never
** stored has no ids; then its annotations are numbered by position, which
** is still unique within the object.  A relation is written in the object
** of its "from" end.  When its "to" end lies in another article the id is
** library-wide, so exporting both articles into one file and importing
** that file restores it.  A relation whose other end is in an article left
** out of the export is left out too (and counted for the caller to say
** so): written, it would name an id the file does not contain, and the
** importer rightly refuses unknown ids, so the export would not import.
** Whether the other article is exported, and the kind (Q or C) of the
** assertion there, are asked of the caller (json_writer_t): contra export
** streams the library and has only the article it is writing in memory,
** and each answer costs a lookup by key, so a whole-library export stays
** linear in its relations between articles.
**
** Strings are valid UTF-8 on output whatever they held: control
** characters, C1 controls, DEL, U+2028/U+2029 and the bidirectional
** controls are written as \uXXXX escapes (so the file is safe to cat to a
** terminal and to paste into JavaScript), invalid sequences as U+FFFD.
*/
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "formats.h"
#include "text.h"

/* Marks that reorder the text around them on a terminal, the same text
** reading differently in a terminal and in an editor. */
static bool bidi_control(ucs4_t uc)
{
    return uc == 0x061C || uc == 0x200E || uc == 0x200F || (uc >= 0x202A && uc <= 0x202E)
           || (uc >= 0x2066 && uc <= 0x2069);
}

void json_quote(strbuf_t *b, const char *s, size_t len)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + len;
    sb_addc(b, '"');
    while (p < end) {
        ucs4_t uc;
        int n = u8_mbtoucr(&uc, p, (size_t)(end - p));
        if (n <= 0) {
            sb_adds(b, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        switch (uc) {
        case '"': sb_adds(b, "\\\""); break;
        case '\\': sb_adds(b, "\\\\"); break;
        case '\n': sb_adds(b, "\\n"); break;
        case '\r': sb_adds(b, "\\r"); break;
        case '\t': sb_adds(b, "\\t"); break;
        default:
            if (uc < 0x20 || (uc >= 0x7f && uc <= 0x9f) || uc == 0x2028 || uc == 0x2029
                || bidi_control(uc))
                sb_printf(b, "\\u%04X", (unsigned)uc);
            else
                sb_add(b, (const char *)p, (size_t)n);
        }
        p += n;
    }
    sb_addc(b, '"');
}

static void json_cstr(strbuf_t *b, const char *s)
{
    json_quote(b, s, strlen(s));
}

static void indent(strbuf_t *b, int level)
{
    for (int i = 0; i < level; i++)
        sb_adds(b, "  ");
}

/* "key": with the separator of the previous member. */
static void key(strbuf_t *b, int level, bool *first, const char *k)
{
    sb_adds(b, *first ? "\n" : ",\n");
    *first = false;
    indent(b, level);
    json_cstr(b, k);
    sb_adds(b, ": ");
}

static void str_member(strbuf_t *b, int level, bool *first, const char *k, const char *v)
{
    if (!v)
        return;
    key(b, level, first, k);
    json_cstr(b, v);
}

/* Objects inside the four lists: one per line, members indented below. */
static void item_open(strbuf_t *b, int level, bool *any)
{
    sb_adds(b, *any ? ",\n" : "\n");
    *any = true;
    indent(b, level);
    sb_addc(b, '{');
}

static void item_close(strbuf_t *b, int level)
{
    sb_addc(b, '\n');
    indent(b, level);
    sb_addc(b, '}');
}

/* An empty list stays "[]" on the line of its key. */
static void list_close(strbuf_t *b, int level, bool any)
{
    if (any) {
        sb_addc(b, '\n');
        indent(b, level);
    }
    sb_addc(b, ']');
}

typedef struct ectx {
    const article_t *a;
    cpmap_t m;
    bool lib_ents, lib_asserts;   /* every one carries a library id */
    err_t *e;
} ectx_t;

static int span_out(ectx_t *c, strbuf_t *b, span_t s)
{
    int64_t from = cpmap_to_cp(&c->m, s.start), to = cpmap_to_cp(&c->m, s.end);
    if (from < 0 || to < 0 || from > to) {
        err_set(c->e, "article %" PRId64 ": span %" PRId64 "-%" PRId64
                " is not on character boundaries of its text", c->a->id, s.start, s.end);
        return -1;
    }
    sb_printf(b, "[%" PRId64 ", %" PRId64 "]", from, to);
    return 0;
}

static void entity_id(const ectx_t *c, strbuf_t *b, size_t i)
{
    sb_printf(b, "\"E%" PRId64 "\"", c->lib_ents ? c->a->entities[i].id : (int64_t)i + 1);
}

static void assertion_id(const ectx_t *c, strbuf_t *b, size_t i)
{
    const assertion_t *q = &c->a->assertions[i];
    sb_printf(b, "\"%c%" PRId64 "\"", q->kind == ASSERT_QUOTE ? 'Q' : 'C',
              c->lib_asserts ? q->id : (int64_t)i + 1);
}

/* The "to" end of a relation into another article: its library id, with
** the prefix of its kind, which the caller looks up (that article is not
** in memory when the export streams). */
static int foreign_id(strbuf_t *b, const rel_end_t *end, const json_writer_t *w, err_t *e)
{
    if (end->id <= 0) {
        json_cstr(b, end->xid ? end->xid : "?");
        return 0;
    }
    int kind = w->kind_of(w->arg, end->id, e);
    if (kind == -2)
        return -1;
    sb_printf(b, "\"%c%" PRId64 "\"", kind == ASSERT_CLAIM ? 'C' : 'Q', end->id);
    return 0;
}

/* "relations", or "removed_relations" (the links a person removed, which
** have no origin): each in the object of its "from" end, as above.  The
** removed links' member is left out when it would be empty. */
static int write_relations(ectx_t *c, strbuf_t *b, int lv, bool *first, const char *name,
                           const relation_t *v, size_t n, size_t *left_out, json_writer_t *w)
{
    const article_t *a = c->a;
    bool removed = strcmp(name, "relations") != 0, was_first = *first;
    size_t mark = b->len;
    key(b, lv + 1, first, name);
    sb_addc(b, '[');
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const relation_t *r = &v[i];
        if (r->from.index < 0 || (size_t)r->from.index >= a->nassertions) {
            /* written with the article its "from" end is in, if exported */
            if (r->from.article_id == 0 || !w->exported(w->arg, r->from.article_id))
                (*left_out)++;
            continue;
        }
        bool local_to = r->to.index >= 0 && (size_t)r->to.index < a->nassertions;
        if (!local_to && (r->to.article_id == 0 || !w->exported(w->arg, r->to.article_id))) {
            (*left_out)++;
            continue;
        }
        bool f = true;
        item_open(b, lv + 2, &any);
        str_member(b, lv + 3, &f, "type", relation_type_name(r->type));
        key(b, lv + 3, &f, "from");
        assertion_id(c, b, (size_t)r->from.index);
        key(b, lv + 3, &f, "to");
        if (local_to)
            assertion_id(c, b, (size_t)r->to.index);
        else if (foreign_id(b, &r->to, w, c->e))
            return -1;
        if (!removed)
            str_member(b, lv + 3, &f, "origin", origin_name(r->origin));
        item_close(b, lv + 2);
    }
    if (removed && !any) {
        b->len = mark;
        if (b->s)
            b->s[mark] = '\0';
        *first = was_first;
        return 0;
    }
    list_close(b, lv + 1, any);
    return 0;
}

static int write_article(strbuf_t *b, const article_t *a, int lv, json_writer_t *w, err_t *e)
{
    ectx_t c = { a, {0}, a->nentities > 0, a->nassertions > 0, e };
    int rc = -1;
    for (size_t i = 0; i < a->nentities; i++)
        c.lib_ents &= a->entities[i].id > 0;
    for (size_t i = 0; i < a->nassertions; i++)
        c.lib_asserts &= a->assertions[i].id > 0;
    cpmap_init(&c.m, a->text ? a->text : "", a->text ? a->len : 0);

    bool first = true;
    indent(b, lv);
    sb_addc(b, '{');
    key(b, lv + 1, &first, "contra");
    sb_adds(b, "1");
    str_member(b, lv + 1, &first, "title", a->title);
    str_member(b, lv + 1, &first, "source", a->source);
    str_member(b, lv + 1, &first, "url", a->url);
    /* An unknown date is absent, never "" (which would not import). */
    str_member(b, lv + 1, &first, "published", a->published && *a->published ? a->published : NULL);
    key(b, lv + 1, &first, "text");
    json_quote(b, a->text ? a->text : "", a->text ? a->len : 0);

    key(b, lv + 1, &first, "entities");
    sb_addc(b, '[');
    bool any = false;
    for (size_t i = 0; i < a->nentities; i++) {
        const entity_t *en = &a->entities[i];
        bool f = true;
        item_open(b, lv + 2, &any);
        key(b, lv + 3, &f, "id");
        entity_id(&c, b, i);
        str_member(b, lv + 3, &f, "name", en->name ? en->name : "");
        str_member(b, lv + 3, &f, "kind", entity_kind_name(en->kind));
        if (en->naliases) {
            key(b, lv + 3, &f, "aliases");
            sb_addc(b, '[');
            for (size_t k = 0; k < en->naliases; k++) {
                if (k)
                    sb_adds(b, ", ");
                json_cstr(b, en->aliases[k]);
            }
            sb_addc(b, ']');
        }
        key(b, lv + 3, &f, "mentions");
        sb_addc(b, '[');
        for (size_t k = 0; k < en->nmentions; k++) {
            if (k)
                sb_adds(b, ", ");
            if (span_out(&c, b, en->mentions[k]))
                goto out;
        }
        sb_addc(b, ']');
        item_close(b, lv + 2);
    }
    list_close(b, lv + 1, any);

    for (int kind = ASSERT_QUOTE; kind <= ASSERT_CLAIM; kind++) {
        any = false;
        key(b, lv + 1, &first, kind == ASSERT_QUOTE ? "quotes" : "claims");
        sb_addc(b, '[');
        for (size_t i = 0; i < a->nassertions; i++) {
            const assertion_t *q = &a->assertions[i];
            if ((int)q->kind != kind)
                continue;
            bool f = true;
            item_open(b, lv + 2, &any);
            key(b, lv + 3, &f, "id");
            assertion_id(&c, b, i);
            if (q->speaker >= 0 && (size_t)q->speaker < a->nentities) {
                key(b, lv + 3, &f, kind == ASSERT_QUOTE ? "speaker" : "claimant");
                entity_id(&c, b, (size_t)q->speaker);
            }
            key(b, lv + 3, &f, "span");
            if (span_out(&c, b, q->span))
                goto out;
            /* Claims have a claimant mention and reporting words too (the
            ** annotator finds them, the importer reads them): dropping
            ** them would lose them in export and import. */
            if (span_present(q->speaker_span)) {
                key(b, lv + 3, &f, "speaker_span");
                if (span_out(&c, b, q->speaker_span))
                    goto out;
            }
            if (span_present(q->cue_span)) {
                key(b, lv + 3, &f, "cue_span");
                if (span_out(&c, b, q->cue_span))
                    goto out;
            }
            if (kind == ASSERT_QUOTE) {
                key(b, lv + 3, &f, "direct");
                sb_adds(b, q->direct ? "true" : "false");
            }
            str_member(b, lv + 3, &f, "status", status_name(q->status));
            str_member(b, lv + 3, &f, "note", q->note);
            item_close(b, lv + 2);
        }
        list_close(b, lv + 1, any);
    }

    if (write_relations(&c, b, lv, &first, "relations", a->relations, a->nrelations,
                        &w->left_out, w)
        || write_relations(&c, b, lv, &first, "removed_relations", a->removed, a->nremoved,
                           &w->removed_left_out, w))
        goto out;
    item_close(b, lv);
    rc = 0;
out:
    cpmap_free(&c.m);
    return rc;
}

void json_writer_init(json_writer_t *w, FILE *f, bool array)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    w->array = array;
}

/* The separators are written before an article, not after it: a stream
** does not know which article is the last.  The bytes are those of
** writing the whole list at once: "[\n" A ",\n" B "\n]\n". */
int json_write_article(json_writer_t *w, const article_t *a, err_t *e)
{
    strbuf_t b = {0};
    if (w->array)
        sb_adds(&b, w->n ? ",\n" : "[\n");
    if (write_article(&b, a, w->array ? 1 : 0, w, e)) {
        sb_free(&b);
        return -1;
    }
    if (!w->array)
        sb_addc(&b, '\n');
    w->n++;
    size_t put = fwrite(b.s, 1, b.len, w->f);
    bool short_write = put != b.len;
    sb_free(&b);
    if (short_write) {
        err_set(e, "cannot write the export: %s", errno_text(errno));
        return -1;
    }
    return 0;
}

int json_writer_finish(json_writer_t *w, err_t *e)
{
    if (w->array)
        fputs(w->n ? "\n]\n" : "[]\n", w->f);
    if (fflush(w->f) != 0 || ferror(w->f)) {
        err_set(e, "cannot write the export: %s", errno_text(errno));
        return -1;
    }
    return 0;
}

/* json_export's answers come from the articles in hand: their ids, and
** every assertion id with its kind, sorted once so that each relation
** costs two binary searches, not a walk over the whole set. */
typedef struct id_kind {
    int64_t id;
    int kind;
} id_kind_t;

typedef struct arts_index {
    int64_t *arts;
    size_t narts;
    id_kind_t *asserts;
    size_t nasserts;
} arts_index_t;

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static bool index_exported(void *arg, int64_t article_id)
{
    const arts_index_t *x = arg;
    return bsearch(&article_id, x->arts, x->narts, sizeof *x->arts, cmp_i64) != NULL;
}

static int index_kind(void *arg, int64_t assertion_id, err_t *e)
{
    (void)e;
    const arts_index_t *x = arg;
    /* id_kind_t starts with its id, so cmp_i64 compares the keys. */
    const id_kind_t *hit = bsearch(&assertion_id, x->asserts, x->nasserts, sizeof *x->asserts,
                                   cmp_i64);
    return hit ? hit->kind : -1;
}

int json_export(FILE *f, article_t *const *arts, size_t n, bool force_array,
                size_t *left_out, err_t *e)
{
    arts_index_t x = {0};
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += arts[i]->nassertions;
    x.arts = xmalloc((n + 1) * sizeof *x.arts);
    x.asserts = xmalloc((total + 1) * sizeof *x.asserts);
    for (size_t i = 0; i < n; i++) {
        if (arts[i]->id != 0)
            x.arts[x.narts++] = arts[i]->id;
        for (size_t k = 0; k < arts[i]->nassertions; k++)
            if (arts[i]->assertions[k].id > 0)
                x.asserts[x.nasserts++] = (id_kind_t){ arts[i]->assertions[k].id,
                                                       (int)arts[i]->assertions[k].kind };
    }
    qsort(x.arts, x.narts, sizeof *x.arts, cmp_i64);
    qsort(x.asserts, x.nasserts, sizeof *x.asserts, cmp_i64);

    json_writer_t w;
    json_writer_init(&w, f, n != 1 || force_array);
    w.exported = index_exported;
    w.kind_of = index_kind;
    w.arg = &x;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = json_write_article(&w, arts[i], e);
    if (rc == 0)
        rc = json_writer_finish(&w, e);
    if (left_out)
        *left_out = w.left_out;
    free(x.arts);
    free(x.asserts);
    return rc;
}
