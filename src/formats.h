/*
** formats.h: the importers and exporters (contra JSON, brat standoff,
** plain text).  They turn bytes into article_t and back; none of them
** touches the library.  Offsets in files are code points and are
** converted here, at the boundary, with the helpers of text.h.
**
** Every importer validates all of its input before returning anything:
** on error it returns -1 with one line in e naming the file and place
** ("file:line:column: ...", "file:line: ...", "file: article N: ..."), and
** the caller has nothing to roll back.
*/
#ifndef CONTRA_FORMATS_H
#define CONTRA_FORMATS_H

#include <stdio.h>
#include "model.h"
#include "util.h"

typedef struct article_list {
    article_t **v;
    size_t n, cap;
} article_list_t;

void article_list_push(article_list_t *l, article_t *a);
void article_list_free(article_list_t *l);   /* frees the articles too */

typedef enum { FMT_AUTO, FMT_PLAIN, FMT_JSON, FMT_BRAT } format_t;

/* Metadata given on the command line; override headers in the file. */
typedef struct import_meta {
    const char *title, *source, *url, *date;
    bool repair;        /* replace invalid UTF-8 with U+FFFD instead of failing */
    format_t format;    /* `contra add --format`: FMT_AUTO (0) detects */
    const char *no_lexicon; /* why the word lists did not load, when plain
                            ** text must be annotated: it is refused with
                            ** this reason once its format is known */
    /* Called, when set, after each article of a file read piece by piece
    ** (contra JSON is), with the articles of the file stored so far and
    ** the bytes of it read so far: contra add draws its progress bar from
    ** it.  A non-zero return stops the file ("interrupted"), undone. */
    int (*progress)(void *arg, size_t articles, unsigned long long bytes);
    /* The same, called when the next read would wait (a pipe with
    ** nothing in it yet), so that what is shown is up to date. */
    int (*waiting)(void *arg, size_t articles, unsigned long long bytes);
    void *progress_arg;
} import_meta_t;

/* Decide the format of a file from its name and first bytes:
** *.json / *.jsonl or text starting with '{' or '[' is JSON, *.ann or a
** *.txt with a sibling *.ann is brat, anything else is plain text. */
format_t format_detect(const char *path, const char *data, size_t len);

/* Check that data is acceptable text at all: not empty, no NUL byte, not
** binary, valid UTF-8 (or repaired when meta->repair).  May replace *data.
** name is used in messages. */
int text_check_input(const char *name, char **data, size_t *len,
                     bool repair, err_t *e);

/* contra JSON: one object, an array of objects, or JSON Lines.  Relation
** ends are resolved within each object first, then across the objects of
** the file; ends left unresolved are an error. */
int json_import(const char *name, const char *data, size_t len,
                article_list_t *out, err_t *e);
/* contra JSON read one article at a time, so that memory does not grow
** with the file (contra add of a long JSON Lines file or array).  fd is
** read from after head[0..nhead), the bytes already read from it (to
** detect the format).  Every value is checked as json_import checks it,
** with the same messages.  Relations between objects are taken out of
** the articles and kept by the stream: once the caller has stored an
** article, json_stream_stored() notes the library ids of its quotes and
** claims; at the end json_stream_relations() resolves every relation
** between objects (an unknown or ambiguous end is an error, as in
** json_import) and hands each to add(), whose ids are 0 for an end that
** was not stored; the links a person removed ("removed_relations",
** removed true) come after every live relation, so that a file stating
** a link both ways can keep the live one (store_reject_relation).  The caller stores the articles in one transaction and
** rolls it back on any error, the file being all or nothing. */
typedef struct json_stream json_stream_t;
json_stream_t *json_stream_open(const char *name, int fd, const char *head, size_t nhead,
                                bool repair, err_t *e);
/* 1 with *out (the caller's to free) and *nrel the relations its object
** had, those between objects included; 0 at the end; -1 on an error. */
int json_stream_next(json_stream_t *js, article_t **out, size_t *nrel, err_t *e);
/* After the first article: the file holds that one object only. */
bool json_stream_single(const json_stream_t *js);
int json_stream_stored(json_stream_t *js, const article_t *a, err_t *e);
int json_stream_relations(json_stream_t *js,
                          int (*add)(void *arg, relation_type_t t, origin_t o,
                                     int64_t from, int64_t to, bool removed, err_t *e),
                          void *arg, err_t *e);
void json_stream_close(json_stream_t *js);   /* does not close fd */
/* Bytes of the file read so far (head included). */
unsigned long long json_stream_bytes(const json_stream_t *js);
/* Call wait(arg) before a read that would wait for input; a non-zero
** return fails the read ("interrupted"). */
void json_stream_on_wait(json_stream_t *js, int (*wait)(void *arg), void *arg);
/* For tests: read at most n bytes at a time (values then cross many
** reads). */
void json_stream_chunk(json_stream_t *js, size_t n);

/* Write articles as contra JSON (an array when n != 1, one object when n
** == 1 and !force_array), ids being library ids ("E12", "Q40", "C41").
** Relations to articles not among arts are left out (the file could not
** be imported with them); *left_out (if not NULL) says how many. */
int json_export(FILE *f, article_t *const *arts, size_t n, bool force_array,
                size_t *left_out, err_t *e);

/* The same, one article at a time, so that an export of the whole
** library holds one article in memory, not the library (contra export).
** Relation ends in other articles are asked of the caller: exported()
** says whether that article is part of the export (a relation to one
** that is not is left out and counted in left_out), kind_of() gives the
** kind of the assertion at the other end (ASSERT_QUOTE or ASSERT_CLAIM;
** -1 if unknown, written as a quote; -2 on an error, with e set), for
** the prefix of its id.  Both are called only for relations between two
** articles.  json_export() is this with answers from its array. */
typedef struct json_writer {
    FILE *f;
    bool array;              /* a JSON array, else exactly one object */
    size_t n;                /* articles written so far */
    size_t left_out;         /* relations left out so far */
    size_t removed_left_out; /* the same of removed links ("removed_relations") */
    bool (*exported)(void *arg, int64_t article_id);
    int (*kind_of)(void *arg, int64_t assertion_id, err_t *e);
    void *arg;
} json_writer_t;
/* Sets f and array and clears the rest; the caller sets the two hooks. */
void json_writer_init(json_writer_t *w, FILE *f, bool array);
int json_write_article(json_writer_t *w, const article_t *a, err_t *e);
/* Closes the array and flushes; -1 if anything could not be written. */
int json_writer_finish(json_writer_t *w, err_t *e);

/* Append s[0..len) to b as a JSON string literal, quotes included, safe
** to print on a terminal: control characters, C1 controls, DEL,
** U+2028/U+2029 and bidirectional controls become \uXXXX escapes, invalid
** UTF-8 becomes U+FFFD. */
void json_quote(strbuf_t *b, const char *s, size_t len);

/* brat standoff: txt is the text file's content, ann the .ann content. */
int brat_import(const char *txt_name, const char *txt, size_t txt_len,
                const char *ann_name, const char *ann, size_t ann_len,
                article_list_t *out, err_t *e);
/* Write the .ann lines of one article (the text is written separately). */
int brat_export_ann(FILE *f, const article_t *a, err_t *e);

/* Plain text with optional RFC 822-style headers and a scraped
** "date YYYY-MM-DD" prefix. */
int plain_import(const char *name, const char *data, size_t len,
                 const import_meta_t *meta, article_list_t *out, err_t *e);

#endif
