/*
** store.h: the library database.  store.c owns the schema, the migrations
** and every SQL statement in contra; nothing else includes sqlite3.h for
** library access (the JSON importer parses with SQLite's JSON functions on
** a private in-memory connection).
**
** Every function that changes the library runs in a transaction and
** either commits all of it or nothing; callers that group several changes
** (one imported file = one transaction) use store_begin/commit/rollback,
** which nest by counting.
*/
#ifndef CONTRA_STORE_H
#define CONTRA_STORE_H

#include <stdint.h>
#include <stdbool.h>
#include "model.h"
#include "util.h"

typedef struct store store_t;

enum {
    STORE_CREATE   = 1,   /* create the file (and its directory) if missing */
    STORE_READONLY = 2,   /* open read-only; writes fail with a clear message */
};

/* Resolve the database path: --db value, else $CONTRA_DB, else
** $XDG_DATA_HOME/contra/contra.db, else ~/.local/share/contra/contra.db. */
char *store_default_path(const char *opt_db);

/* Open (and migrate) the library.  Refuses files that are not SQLite, not
** a contra library, or newer than this contra, with a message in e; and
** without STORE_CREATE an empty database (an empty file too), which only
** a caller that may make a library makes one. */
store_t *store_open(const char *path, int flags, err_t *e);
/* An upgrade that rebuilds something the size of the library (the
** full-text index, in migration 7) tells fn how far it is now and then:
** done of total articles, total > 0, and done == total at the end.  For
** the whole process; NULL: quiet.  (A signal that ends contra meanwhile
** leaves the library as it was: the upgrade is one transaction.) */
typedef void store_progress_fn(void *arg, int64_t done, int64_t total);
void store_set_upgrade_progress(store_progress_fn *fn, void *arg);
void store_close(store_t *s);
bool store_readonly(const store_t *s);
/* Has the library's path stopped naming the file opened (removed, or
** another moved in its place)?  Changes are refused then (one stat(2)).
** Never for a library read as an immutable file, which follows its path. */
bool store_replaced(const store_t *s);
/* Has the filter q a word that store_filter matches whole, not as the
** start of longer words (fewer than four letters: see PREFIX_MIN)?  For
** saying so when it finds nothing. */
bool store_filter_whole_word(const char *q);
/* Whether store_open made the library's file (it was not there). */
bool store_created(const store_t *s);
const char *store_path(const store_t *s);
/* Keep SQLite's page cache small (the reader: it reads one page of the
** library or one article at a time, and the OS caches the file). */
void store_small_cache(store_t *s);
/* For many changes in one transaction (contra add of many files): a
** larger page cache and savepoint journals in memory.  Call it outside a
** transaction, on a store that will only add articles from then on: it
** also turns the triggers off and does their work in store_commit, once
** per transaction (see store.c). */
void store_bulk_mode(store_t *s);
/* Whether store_bulk_mode could defer the triggers (it cannot on a
** schema with a trigger it does not know). */
bool store_bulk_active(const store_t *s);
/* Copy what the write-ahead log holds into the library file as far as
** it can without waiting for anyone (SQLite's passive checkpoint): for a
** second connection, on its own thread, while another one imports.
** Returns 0, or -1 with e set. */
int store_checkpoint(store_t *s, err_t *e);

int store_begin(store_t *s, err_t *e);
int store_commit(store_t *s, err_t *e);
void store_rollback(store_t *s);

/* Add an article with all its annotations.  Entities are matched against
** the library by name and kind (and aliases) so one person is one entity.
** Relations whose ends carry only an xid are resolved by the caller first.
** Fills in every id.  If the same text is already stored, nothing is
** added, *dup is set to the existing article id and 0 is returned. */
int store_add_article(store_t *s, article_t *a, int64_t *dup, err_t *e);
/* The same, given the SHA-256 of a's text (sha256.h), worked out before
** on another thread (contra add's readers, for speed: issue 5); NULL
** works it out here. */
int store_add_article_hashed(store_t *s, article_t *a, const unsigned char *hash,
                             int64_t *dup, err_t *e);
/* 0 if store_add_article can fail on a only when SQLite does (the disk
** is full, say): its text, annotations and relations are all it checks,
** and every relation lies inside a.  Else -1 with what it would refuse. */
int store_check_article(const article_t *a, err_t *e);
/* In a bulk transaction (store_bulk_mode), store_begin and store_commit
** open and release no savepoint while this is on, for speed (issue 5):
** a failure then cannot be undone alone, store_rollback undoes nothing,
** and store_lean_lost says the whole transaction must be rolled back.
** For stores that store_check_article passed. */
void store_lean(store_t *s, bool on);
bool store_lean_lost(const store_t *s);

/* Load one article with its annotations, current statuses and notes, and
** every relation touching it (ends in other articles carry their ids).
** NULL with a message if there is no such article. */
article_t *store_load_article(store_t *s, int64_t id, err_t *e);

/* The reader's quick open of a long article (issue 5): what its first
** screens show, without reading all of a 10 MB article's text and
** annotations, then completed in place before the reader takes a key.
** An article shorter than `small` bytes is loaded whole (complete set).
** Otherwise the article has its metadata, every entity with the whole
** article's number of mentions in nmentions, and nassertions as many as
** the whole article has; of those, loaded are: the text's first `loaded`
** bytes (at least want, more to hold what the claims panel shows of the
** quotes and claims loaded), the mentions that start before it, the
** quotes and claims that start before it and at least min_assertions of
** them (the first nloaded in reading order), and the relations of those.
** The rest are placeholders of zero bytes (empty spans at 0, id 0) that
** must not be shown; a->text has room for all a->len bytes.  A read
** transaction stays open until store_load_rest or store_part_end, so the
** two parts are one snapshot. */
typedef struct article_part {
    size_t loaded;                  /* text bytes read: [0, loaded) */
    size_t nloaded;                 /* quotes and claims [0, nloaded) loaded */
    size_t nassertions;             /* the whole article's */
    size_t nstatus[STATUS_COUNT];   /* the whole article's, by status */
    bool complete;                  /* all of it is loaded */
    struct store_part *in;          /* the open snapshot, NULL once ended */
} article_part_t;
article_t *store_load_part(store_t *s, int64_t id, size_t small, size_t want,
                           size_t min_assertions, article_part_t *p, err_t *e);
/* Load the rest of a into it (the text into the same buffer) and end the
** snapshot; afterwards a is what store_load_article returns.  On failure
** the snapshot is ended and a, partly loaded, is only fit to be freed. */
int store_load_rest(store_t *s, article_t *a, article_part_t *p, err_t *e);
/* End the snapshot without loading the rest (the article is closed). */
void store_part_end(store_t *s, article_part_t *p);

/* Read old's article again, but for its text, which never changes and
** moves from old to the result (old keeps the rest, to be freed).  NULL
** with e set when it cannot be read (old is untouched then). */
article_t *store_reload_article(store_t *s, article_t *old, err_t *e);
/* An article's revision (migrations 5 and 6 in store.c): it changes
** whenever what the reader shows of the article changes after its
** import, and only then; a->rev is the revision it was loaded at.  -1
** is unknown (a library of an older schema, read-only): any change may
** be the article's.  1 with *rev set, 0 when there is no such article,
** -1 on error. */
int store_article_rev(store_t *s, int64_t id, int64_t *rev, err_t *e);
/* The revision this store's last committed change gave article_id, or
** -1 when that change was to other articles: a writer whose copy was at
** revision r, and who gets r + 1 here, knows nobody else changed it. */
int64_t store_last_rev(store_t *s, int64_t article_id);

int store_delete_article(store_t *s, int64_t id, err_t *e);

/* Replace an article's auto annotations (re-annotation): drops entities
** mentions, quotes, claims and relations of origin auto that carry no
** user tag, then adds those of a.  User-made and imported ones stay.
** What a finds again (same kind, span and speaker; same relation ends)
** keeps its row and id; a's ids are filled in. */
int store_replace_auto(store_t *s, int64_t article_id, article_t *fresh, err_t *e);

typedef struct article_summary {
    int64_t id;
    char published[16];
    char *source, *title;
    int counts[STATUS_COUNT];      /* assertions by status */
} article_summary_t;

void summary_clear(article_summary_t *m);

/* Page through the library newest first (published, then id).  Pass the
** last row of the previous page as after (NULL for the first page).  A
** non-NULL query is matched with FTS5 over title and text.  Returns the
** number of rows put in out (at most max), or -1. */
int store_list(store_t *s, const char *query, const article_summary_t *after,
               article_summary_t *out, int max, err_t *e);
/* store_list as the library screen's filter: a word whose last token
** has four letters or digits or more also matches the longer words it
** begins ("minist": ministers, ministry); a shorter one matches whole. */
int store_filter(store_t *s, const char *query, const article_summary_t *after,
                 article_summary_t *out, int max, err_t *e);
/* store_filter's matches around the key (published, id), as
** store_list_around has the whole library: up to nbefore matches newer
** than it, then up to nfrom from it on (its own row first if it matches,
** else the next older match), in library order into out (nbefore + nfrom
** long).  published NULL: the first nfrom matches.  *before gets how many
** of out are newer than the key, *index the match index of out[0] (0:
** the newest match), *found the number of matches.  All from one
** snapshot.  A query with no word to search (blank, or only
** punctuation) matches nothing here.  The number of rows, or -1. */
int store_filter_around(store_t *s, const char *query, const char *published,
                        int64_t id, int nbefore, int nfrom, article_summary_t *out,
                        int *before, int64_t *index, int64_t *found, err_t *e);
/* Up to max of store_filter's matches just newer than before, in library
** order (out[n - 1] is the match above before); *found (if not NULL)
** gets the number of matches.  The number of rows, or -1. */
int store_filter_newer(store_t *s, const char *query, const article_summary_t *before,
                       article_summary_t *out, int max, int64_t *found, err_t *e);
/* Up to max rows of the whole library just newer than before, in library
** order (out[n - 1] is the row above before).  The number, or -1. */
int store_list_newer(store_t *s, const article_summary_t *before,
                     article_summary_t *out, int max, err_t *e);
/* The whole library around the key (published, id), to come back to a
** row: up to nbefore rows newer than it, then up to nfrom from it on
** (its own row first, or the next older one if it is gone), in library
** order into out (nbefore + nfrom long).  *before gets how many are newer
** than the key, *index the library index of out[0] (0: the newest).
** All from one snapshot.  The number of rows, or -1. */
int store_list_around(store_t *s, const char *published, int64_t id,
                      int nbefore, int nfrom, article_summary_t *out,
                      int *before, int64_t *index, err_t *e);
int64_t store_count_articles(store_t *s, err_t *e);
/* A number that changes when another connection (another contra, or the
** sqlite3 shell) commits a change to the library, and only then; -1 when
** it cannot be read.  The reader polls it to show others' tags. */
int64_t store_data_version(store_t *s);

/* Tag an assertion (quote or claim): one transaction that appends to the
** tag history (login name, time) and sets the current status and note.
** note NULL keeps the current note. */
int store_tag(store_t *s, int64_t assertion_id, status_t st, const char *note,
              const char *who, err_t *e);
/* Set an assertion's note (NULL or "": none) as store_tag does, keeping
** the status in force when the transaction runs, which may be another
** person's tag made since the caller last read it; *now (if not NULL)
** gets that status, and *replaced (if not NULL) whether the note it
** replaced was other than `shown`, the one the caller showed. */
int store_note(store_t *s, int64_t assertion_id, const char *note, const char *shown,
               const char *who, status_t *now, bool *replaced, err_t *e);
/* Undo who's latest tag on that assertion: restores the status and note it
** replaced (as a new history row, so history is never rewritten).  Sets
** *restored to the status now in force. */
int store_untag(store_t *s, int64_t assertion_id, const char *who,
                status_t *restored, err_t *e);
/* What an undo changed, for saying so: the assertion's letter ('Q' or
** 'C', as its id is written) and its status and note before and after,
** read in the undo's own transaction. */
typedef struct untag_info {
    char letter;
    status_t was, now;
    char *was_note, *now_note;   /* malloc'd; NULL: no note */
} untag_info_t;
/* store_untag, filling *info (untag_info_free frees its notes). */
int store_untag_info(store_t *s, int64_t assertion_id, const char *who,
                     untag_info_t *info, err_t *e);
void untag_info_free(untag_info_t *info);

typedef struct tag_entry {
    status_t status;
    char *note, *who, *when;   /* when: ISO 8601 UTC */
} tag_entry_t;
/* History oldest first; returns count or -1; *out is malloc'd. */
int store_tag_history(store_t *s, int64_t assertion_id, tag_entry_t **out, err_t *e);
void tag_entries_free(tag_entry_t *t, int n);

/* Which article holds this assertion; 0 if none. */
int64_t store_assertion_article(store_t *s, int64_t assertion_id, err_t *e);

/* Add a relation between two stored assertions (origin user or import). */
int store_add_relation(store_t *s, relation_type_t t, origin_t o,
                       int64_t from_id, int64_t to_id, err_t *e);

/* A person's link (contra link): from contradicts or supports to.  The
** annotator's same link becomes the person's (confirmed), and a link
** removed before (store_unlink) is no longer remembered as removed.
** Contradiction goes both ways: when to already contradicts from, that
** link is the one confirmed (*reversed).  *was: what there was before;
** *both: whether the two are also linked the other kind of way (one
** contradicts and supports the other), which a person may mean but is
** more often a slip, and is said. */
typedef enum { LINK_NEW, LINK_AUTO, LINK_THERE } link_was_t;
int store_link(store_t *s, relation_type_t t, int64_t from_id, int64_t to_id,
               link_was_t *was, bool *reversed, bool *both, err_t *e);

/* Remove every link between a and b, either way and of either type (at
** most four), into out; remembered as removed by who, so that the
** annotator run again does not propose them again.  Their number (0:
** there was none), or -1. */
typedef struct unlinked {
    relation_type_t type;
    origin_t origin;
    int64_t from_id, to_id;
} unlinked_t;
int store_unlink(store_t *s, int64_t a, int64_t b, const char *who,
                 unlinked_t out[4], err_t *e);

/* Remember the link from -> to of type t as removed by a person, as an
** import brings it (contra JSON's "removed_relations"): the annotator
** does not propose it again, and its own same link goes.  A person's or
** an import's same link is not removed, and the removal is then not
** remembered: a file that states a link both ways keeps it live. */
int store_reject_relation(store_t *s, relation_type_t t, int64_t from_id, int64_t to_id,
                          err_t *e);
/* Fill a->removed (empty before) with the links a person removed from
** or to a's quotes and claims, ends as store_load_article gives a
** relation's; a must be loaded whole.  store_load_article leaves them
** out: only export carries them, and the reader never shows them.
** 0, or -1. */
int store_load_removed(store_t *s, article_t *a, err_t *e);

/* Quotes and claims by the same entity (speaker or claimant) after
** (dir > 0) or before (dir < 0) the given assertion, in library order
** (article newest-first order, then offset).
** Returns the assertion id, 0 at the end. */
int64_t store_next_by_speaker(store_t *s, int64_t assertion_id, int dir, err_t *e);

/* All article ids, in library order (for export with no ids). */
int store_all_ids(store_t *s, int64_t **ids, size_t *n, err_t *e);

/* For export (contra export streams the library).  A read snapshot that
** spans many calls: store_load_article and the functions below then see
** one state of the library however long the export takes; the two nest
** with store_begin's depth, and a read snapshot must not write. */
int store_read_begin(store_t *s, err_t *e);
void store_read_end(store_t *s);
/* Up to max article ids into out, oldest first (published, then id), of
** those after article `after` in that order (0: from the first).  Returns
** the number put in out (fewer than max at the end), or -1. */
int store_ids_oldest_first(store_t *s, int64_t after, int64_t *out, int max, err_t *e);
/* 1 if article id is in the library, 0 if not, -1 on a read error. */
int store_article_exists(store_t *s, int64_t id, err_t *e);
/* ASSERT_QUOTE or ASSERT_CLAIM for an assertion id, -1 if there is no
** such assertion, -2 on a read error (with e set). */
int store_assertion_kind(store_t *s, int64_t id, err_t *e);

#endif
