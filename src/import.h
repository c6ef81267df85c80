/*
** import.h: reading one input file into the library.
**
** import_path() is the one driver behind `contra add`: it reads a file (or
** "-" for stdin), checks that it is text at all, detects its format, parses
** it with the importers of formats.h, runs the annotator over plain text,
** and stores every article of the file in ONE store transaction.  On any
** error the transaction is rolled back, so the library is exactly as it was
** before, and e holds one line naming the file and the place.
**
** format_detect, text_check_input and the article_list_* helpers declared
** in formats.h are implemented in import.c as well.
*/
#ifndef CONTRA_IMPORT_H
#define CONTRA_IMPORT_H

#include <stdbool.h>
#include <stdint.h>
#include "formats.h"
#include "lexicon.h"
#include "store.h"

/* What happened to one article of the file. */
typedef struct import_item {
    int64_t id;             /* library id (the existing one for a duplicate) */
    char *title;            /* as stored, or NULL */
    bool duplicate;         /* same text already in the library: nothing added */
    size_t nentities, nquotes, nclaims, nrelations;   /* in the imported file */
} import_item_t;

typedef struct import_result {
    import_item_t *v;
    size_t n, cap;
    format_t format;        /* the format the file was read as */
} import_result_t;

void import_result_free(import_result_t *r);   /* clears it for reuse */
/* Append what was stored of article a (its library id, title and counts). */
void import_result_add(import_result_t *res, const article_t *a, bool dup, size_t nrel);

/* Read path (or "-" = stdin) and parse it without touching the library.
** A brat file may be named by its .txt or its .ann.  Plain text goes
** through annotate_article() when lex is not NULL.  On success out holds
** at least one article and *fmt (if not NULL) the detected format. */
int import_parse(const char *path, const import_meta_t *meta, const lexicon_t *lex,
                 article_list_t *out, format_t *fmt, err_t *e);

/* Import one file into the library in one transaction (see above).  meta
** may be NULL.  res (if not NULL) is filled on success only; call
** import_result_free() after.  Returns 0, or -1 with the message in e. */
int import_path(store_t *s, const char *path, const import_meta_t *meta,
                const lexicon_t *lex, import_result_t *res, err_t *e);

/* The second half of import_path(): store what import_parse() read from
** path, in one transaction.  Takes the articles (parsed is emptied). */
int import_store(store_t *s, const char *path, article_list_t *parsed, format_t fmt,
                 import_result_t *res, err_t *e);
/* The same, given the SHA-256 of each article's text (hash[i] for
** parsed->v[i], SHA256_SIZE bytes each), worked out on the thread that
** parsed them (NULL: none; see store_add_article_hashed), and leaving
** the articles in parsed for the caller to free: on the thread that
** allocated them, say (contra add's readers, for speed: issue 5).  lean:
** inside a bulk transaction, the file needs no savepoint of its own when
** only SQLite can make it fail half way (store_lean); -2 then says it
** did, and the caller must roll the whole transaction back. */
int import_store_hashed(store_t *s, const char *path, article_list_t *parsed,
                        const unsigned char *hash, bool lean, format_t fmt,
                        import_result_t *res, err_t *e);

/* import_path() for contra JSON (import_json.c): reads and stores one
** article at a time, in one transaction, so memory stays flat however
** long the file.  Returns 1, having used nothing of the file, when it is
** not contra JSON it can read so (the caller goes on as before), else
** 0 or -1 as import_path(). */
int import_json_stream(store_t *s, const char *path, const import_meta_t *meta,
                       import_result_t *res, err_t *e);
/* Standard input through a pipe cannot be read twice: the bytes that
** import_json_stream read from it to learn that it is not contra JSON
** are handed back here (data is taken), and the next import_parse of
** "-" reads them first. */
void import_unread_stdin(char *data, size_t len);
/* A duplicate article (already stored) takes the ids of the stored
** copy's quotes and claims, matched by kind and span. */
void import_adopt_ids(store_t *s, article_t *a, int64_t id);

/* Helpers the importers share (implemented in import.c). */

/* Every file id (xid) of an assertion in articles [first, l->n) of l,
** sorted by id and then by article, so that the end of a cross-article
** relation is a binary search (json_import checks them, import_store
** resolves them).  *n gets the count; free() the table.  The xid
** pointers stay the articles'. */
typedef struct xid_ent {
    const char *xid;
    size_t article;        /* index in l */
    int index;             /* assertion index in that article */
} xid_ent_t;
xid_ent_t *xid_table(const article_list_t *l, size_t first, size_t *n);
/* Where the entries for xid start in t[0..n) (n when there are none);
** they run on while t[i].xid is xid. */
size_t xid_first(const xid_ent_t *t, size_t n, const char *xid);

/* s[0..n) is a real calendar date written YYYY-MM-DD. */
bool iso_date_valid(const char *s, size_t n);

/* Length of a scraped "date YYYY-MM-DD" prefix at the start of s (after
** white space, with the blanks that follow it), 0 if there is none; the
** date goes to date[]. */
size_t date_prefix(const char *s, size_t len, char date[11]);

/* A title made from the first non-blank line of text: trimmed, inner
** white space collapsed, cut at a word boundary near 80 code points with
** an ellipsis.  NULL when the text has no non-blank line. */
char *title_from_text(const char *text, size_t len);

#endif
