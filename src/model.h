/*
** model.h: the in-memory article and its annotations.
**
** This is the one shape every part of the core agrees on: importers fill
** it, the annotator fills it, the store saves and loads it, exporters and
** the reader walk it.  It owns no I/O and knows nothing of SQLite or curses.
**
** Offsets inside the model are BYTE offsets into article.text, half-open
** [start, end).  External formats count code points; they convert at their
** own boundary (see text.h).  A span whose start is negative is absent.
*/
#ifndef CONTRA_MODEL_H
#define CONTRA_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct span {
    int64_t start, end;             /* bytes; start < 0 means "none" */
} span_t;

#define SPAN_NONE ((span_t){-1, -1})
static inline bool span_present(span_t s) { return s.start >= 0; }

/* The X-macro tables below are the single source for enum values, their
** names in JSON / the database / the command line, and their labels. */
#define ENTITY_KINDS(X)                                 \
    X(KIND_PERSON,       "person",       "People")       \
    X(KIND_ORGANIZATION, "organization", "Organisations") \
    X(KIND_PLACE,        "place",        "Places")       \
    X(KIND_OTHER,        "other",        "Other")

#define STATUSES(X)                                       \
    X(STATUS_UNREVIEWED,   "unreviewed",   '?')           \
    X(STATUS_DISPUTED,     "disputed",     '!')           \
    X(STATUS_CORROBORATED, "corroborated", '+')

#define RELATION_TYPES(X)                 \
    X(REL_CONTRADICTS, "contradicts")     \
    X(REL_SUPPORTS,    "supports")

#define ORIGINS(X)                  \
    X(ORIGIN_AUTO,   "auto")        \
    X(ORIGIN_IMPORT, "import")      \
    X(ORIGIN_USER,   "user")

#define X_ENUM3(e, n, l) e,
#define X_ENUM2(e, n) e,
typedef enum { ENTITY_KINDS(X_ENUM3) KIND_COUNT } entity_kind_t;
typedef enum { STATUSES(X_ENUM3) STATUS_COUNT } status_t;
typedef enum { RELATION_TYPES(X_ENUM2) REL_COUNT } relation_type_t;
typedef enum { ORIGINS(X_ENUM2) ORIGIN_COUNT } origin_t;
#undef X_ENUM3
#undef X_ENUM2

const char *entity_kind_name(entity_kind_t k);   /* "person" */
const char *entity_kind_label(entity_kind_t k);  /* "People" */
int entity_kind_parse(const char *s);            /* -1 if unknown */
const char *status_name(status_t s);
char status_mark(status_t s);
int status_parse(const char *s);                 /* -1 if unknown */
/* Two notes the same as a user sees them: an empty note is no note. */
bool note_same(const char *a, const char *b);
const char *relation_type_name(relation_type_t t);
int relation_type_parse(const char *s);
const char *origin_name(origin_t o);
int origin_parse(const char *s);

typedef struct entity {
    int64_t id;            /* library id once stored, else 0 */
    char *xid;             /* id as written in an imported file, or NULL */
    char *name;
    entity_kind_t kind;
    char **aliases;
    size_t naliases;
    span_t *mentions;      /* in this article, sorted by start */
    size_t nmentions;
} entity_t;

/* Quotes and claims are both "assertions": they can be tagged and related
** the same way, and share one id space in the library. */
typedef enum { ASSERT_QUOTE, ASSERT_CLAIM } assertion_kind_t;

typedef struct assertion {
    int64_t id;            /* library id once stored, else 0 */
    char *xid;             /* id as written in an imported file, or NULL */
    assertion_kind_t kind;
    int speaker;           /* index into article.entities, -1 if unknown */
    span_t span;           /* the quoted or claimed text */
    span_t speaker_span;   /* mention the attribution rests on, or none */
    span_t cue_span;       /* reporting words, or none */
    bool direct;           /* direct speech (quotes) */
    status_t status;
    char *note;            /* latest note, or NULL */
} assertion_t;

/* One end of a relation.  Inside one article an end is an index into
** article.assertions; an end in another article carries that assertion's
** library id (and its article's id) with index -1. */
typedef struct rel_end {
    int index;             /* into article.assertions, or -1 */
    int64_t id;            /* library assertion id, 0 if not stored yet */
    int64_t article_id;    /* library article id of that end, 0 if unknown */
    char *xid;             /* unresolved id from an import, or NULL */
} rel_end_t;

typedef struct relation {
    int64_t id;
    relation_type_t type;
    origin_t origin;
    rel_end_t from, to;
} relation_t;

typedef struct article {
    int64_t id;            /* library id once stored, else 0 */
    char *title, *source, *url, *published;   /* any may be NULL */
    char *text;            /* valid UTF-8, NUL-terminated, as imported */
    size_t len;            /* bytes in text */
    entity_t *entities;    size_t nentities;
    assertion_t *assertions; size_t nassertions;  /* sorted by span.start */
    relation_t *relations; size_t nrelations;
    /* Links a person removed (contra unlink), that the annotator must not
    ** propose again: the same shape as relations, origin unused.  Only
    ** export and import carry them (store_load_removed); the library
    ** keeps them in its own table, apart from the links. */
    relation_t *removed; size_t nremoved;
    int64_t rev;           /* the library's revision of it when loaded */
} article_t;

article_t *article_new(void);
void article_free(article_t *a);
void entity_clear(entity_t *e);
void assertion_clear(assertion_t *q);
void relation_clear(relation_t *r);

/* Appenders return a pointer to the new zeroed element (fields set to
** "none" where that matters); they abort on out-of-memory via xrealloc.
** The arrays keep no capacity field: they grow at power-of-two counts, so
** grow them ONLY through these functions, never with a malloc of exact size. */
entity_t *article_add_entity(article_t *a);
assertion_t *article_add_assertion(article_t *a);
relation_t *article_add_relation(article_t *a);
relation_t *article_add_removed(article_t *a);
void entity_add_mention(entity_t *e, span_t s);
void entity_add_alias(entity_t *e, const char *alias);

/* Sort assertions by span and mentions by start, remapping relation
** indices (of removed links too) so they still point at the same
** assertions. */
void article_sort(article_t *a);

/* Count assertions of one status (both kinds). */
size_t article_count_status(const article_t *a, status_t s);

#endif
