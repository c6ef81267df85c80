/*
** store.c: the library database.  This file owns the schema, its
** migrations and every SQL statement contra runs against a library.
**
** Schema decisions (migration 1):
**
** - articles: the text exactly as imported, its metadata, and the SHA-256
**   of the text (UNIQUE), which is how the same article imported twice is
**   recognised.  "published" is 'YYYY-MM-DD' or '' when unknown, never
**   NULL: keyset pagination compares (published, id) as a row value, and
**   NULL would not compare; '' sorts last in newest-first order, which is
**   where undated articles belong.
** - articles_fts: an FTS5 index with external content (the text is not
**   stored twice), kept in sync by triggers on insert, update and delete
**   (a bulk import does the insert triggers' work once per transaction:
**   store_bulk_mode).
** - entities are shared by the whole library: one person is one row, found
**   again by kind plus a case-folded name ("fold", libunistring, NFC): an
**   incoming name matches a library name first, else a library alias, and
**   an incoming entity's own aliases never decide the match (see
**   match_entity).  UNIQUE(kind, fold) keeps two rows from claiming one
**   name, and no alias is ever added that names another entity of the
**   same kind.
**   Entities that no article mentions or quotes any more are removed with
**   the last article that did.
** - mentions: where an entity occurs in one article (byte offsets).
** - assertions: quotes and claims in ONE table with a "kind" column, so
**   they share one id space: export writes "Q<id>" or "C<id>" and `contra
**   tag` takes either.  status/note are the current values; the history is
**   in tags.
** - mentions and assertions carry an origin (auto, import, user) so that
**   re-annotation replaces only what the annotator made, and only what it
**   no longer finds: what it finds again keeps its row and id (see
**   store_replace_auto).  The model has no origin for them, so
**   store_add_article takes one from the xid: things that came from a
**   file carry the id they had there; the annotator's do not.
** - Every value from an article, a file or a user reaches SQL as a bound
**   parameter; the only SQL text built at run time is the PRAGMA that
**   records the schema version, from two constants.
** - relations: contradicts/supports between two assertions, possibly in
**   different articles, with ON DELETE CASCADE on both ends and
**   UNIQUE(type, from, to).  Adding an existing relation is not an error;
**   a user or import origin upgrades an auto one, so re-annotation will not
**   drop a relation a person confirmed.
** - tags: the tag history, appended to and never rewritten.  Each row
**   keeps the status and note it replaced, so untag can restore them by
**   appending a row that "undoes" the tag.
** - Enumerations are stored as their names (readable with the sqlite3
**   shell) and guarded by CHECK constraints, as is the order of every span.
** - Indexes serve every lookup a statement makes by something other than
**   a primary key; in particular mentions_by_entity (an entity's mentions,
**   and whether it is still used) and assertions_by_speaker (stepping
**   through a speaker's quotes with s/S).  Library order is the article's
**   date, which lives in another table, so that step sorts one speaker's
**   quotes in a temporary B-tree; that is a small set, and keeping the
**   date in assertions as well would cost more than it saves.
**   test_store checks these plans with EXPLAIN QUERY PLAN.
** - articles, entities and assertions use AUTOINCREMENT: their ids are
**   what users type and what exports write, so a deleted one's id must
**   never come back as someone else's.
**
** Migration 2 adds article_count, one row holding the number of articles,
** kept by triggers on articles, so that counting them costs one row read
** whatever the library's size.
**
** Every statement is prepared once, on first use, with
** SQLITE_PREPARE_PERSISTENT and kept in the store for reuse: importing
** thousands of articles or paging through a library would otherwise spend
** its time compiling the same SQL again and again.
*/
#include "config.h"

#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "sha256.h"
#include "store_fts.h"
#include "text.h"

/* "CoNt": marks a file as a contra library in the SQLite header, so that
** contra never mistakes some other program's database for its own. */
#define CONTRA_APPLICATION_ID 0x436f4e74
#define BUSY_TIMEOUT_MS 5000

/* ---------------------------------------------------------------------
** Migrations.  migrations[i] takes user_version i to i + 1; append new
** ones, never edit an old one.  They run as scripts inside the same
** transaction that sets user_version.
*/
static const char *const migrations[] = {
    /* 1: the initial schema */
    "CREATE TABLE articles ("
    "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  title     TEXT,"
    "  source    TEXT,"
    "  url       TEXT,"
    "  published TEXT NOT NULL DEFAULT '' CHECK (published = '' OR published"
    "              GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  text      TEXT NOT NULL,"
    "  hash      BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),"
    "  added     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX articles_by_date ON articles(published, id);"

    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text,"
    "  content='articles', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    "  INSERT INTO articles_fts(rowid, title, text)"
    "    VALUES (new.id, new.title, new.text);"
    "END;"
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "END;"
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN"
    "  INSERT INTO articles_fts(articles_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "  INSERT INTO articles_fts(rowid, title, text)"
    "    VALUES (new.id, new.title, new.text);"
    "END;"

    "CREATE TABLE entities ("
    "  id   INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  name TEXT NOT NULL CHECK (name <> ''),"
    "  kind TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'place', 'other')),"
    "  fold TEXT NOT NULL,"
    "  UNIQUE (kind, fold)"
    ");"
    "CREATE TABLE entity_aliases ("
    "  id     INTEGER PRIMARY KEY,"
    "  entity INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
    "  alias  TEXT NOT NULL CHECK (alias <> ''),"
    "  fold   TEXT NOT NULL,"
    "  UNIQUE (entity, fold)"
    ");"
    "CREATE INDEX entity_aliases_by_fold ON entity_aliases(fold);"

    "CREATE TABLE mentions ("
    "  id         INTEGER PRIMARY KEY,"
    "  article    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  entity     INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
    "  span_start INTEGER NOT NULL,"
    "  span_end   INTEGER NOT NULL,"
    "  origin     TEXT NOT NULL CHECK (origin IN ('auto', 'import', 'user')),"
    "  CHECK (0 <= span_start AND span_start <= span_end),"
    "  UNIQUE (article, entity, span_start, span_end)"
    ");"
    "CREATE INDEX mentions_by_entity ON mentions(entity);"

    "CREATE TABLE assertions ("
    "  id            INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  kind          TEXT NOT NULL CHECK (kind IN ('quote', 'claim')),"
    "  article       INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  speaker       INTEGER REFERENCES entities(id) ON DELETE SET NULL,"
    "  span_start    INTEGER NOT NULL,"
    "  span_end      INTEGER NOT NULL,"
    "  speaker_start INTEGER,"
    "  speaker_end   INTEGER,"
    "  cue_start     INTEGER,"
    "  cue_end       INTEGER,"
    "  direct        INTEGER NOT NULL DEFAULT 0 CHECK (direct IN (0, 1)),"
    "  status        TEXT NOT NULL DEFAULT 'unreviewed'"
    "                  CHECK (status IN ('unreviewed', 'disputed', 'corroborated')),"
    "  note          TEXT,"
    "  origin        TEXT NOT NULL CHECK (origin IN ('auto', 'import', 'user')),"
    "  CHECK (0 <= span_start AND span_start <= span_end),"
    "  CHECK ((speaker_start IS NULL) = (speaker_end IS NULL) AND (speaker_start IS NULL"
    "         OR (0 <= speaker_start AND speaker_start <= speaker_end))),"
    "  CHECK ((cue_start IS NULL) = (cue_end IS NULL) AND (cue_start IS NULL"
    "         OR (0 <= cue_start AND cue_start <= cue_end)))"
    ");"
    "CREATE INDEX assertions_by_article ON assertions(article, span_start);"
    "CREATE INDEX assertions_by_speaker ON assertions(speaker);"

    "CREATE TABLE relations ("
    "  id      INTEGER PRIMARY KEY,"
    "  type    TEXT NOT NULL CHECK (type IN ('contradicts', 'supports')),"
    "  origin  TEXT NOT NULL CHECK (origin IN ('auto', 'import', 'user')),"
    "  from_id INTEGER NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,"
    "  to_id   INTEGER NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,"
    "  CHECK (from_id <> to_id),"
    "  UNIQUE (type, from_id, to_id)"
    ");"
    "CREATE INDEX relations_by_from ON relations(from_id);"
    "CREATE INDEX relations_by_to ON relations(to_id);"

    "CREATE TABLE tags ("
    "  id          INTEGER PRIMARY KEY,"
    "  assertion   INTEGER NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,"
    "  status      TEXT NOT NULL"
    "                CHECK (status IN ('unreviewed', 'disputed', 'corroborated')),"
    "  note        TEXT,"
    "  who         TEXT NOT NULL,"
    "  at          TEXT NOT NULL CHECK (at GLOB"
    "    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),"
    "  prev_status TEXT NOT NULL"
    "                CHECK (prev_status IN ('unreviewed', 'disputed', 'corroborated')),"
    "  prev_note   TEXT,"
    "  undoes      INTEGER REFERENCES tags(id) ON DELETE CASCADE"
    ");"
    "CREATE INDEX tags_by_assertion ON tags(assertion, who);"
    "CREATE INDEX tags_by_undoes ON tags(undoes);",

    /* 2: the number of articles in one row, kept by triggers.  The
    ** library screen shows it in its first frame, and count(*) walks a
    ** whole index: the first frame must cost the same at 100 and 100,000
    ** articles (issue 5). */
    "CREATE TABLE article_count ("
    "  one INTEGER PRIMARY KEY CHECK (one = 1),"
    "  n   INTEGER NOT NULL CHECK (n >= 0)"
    ");"
    "INSERT INTO article_count VALUES (1, (SELECT count(*) FROM articles));"
    "CREATE TRIGGER article_count_insert AFTER INSERT ON articles BEGIN"
    "  UPDATE article_count SET n = n + 1;"
    "END;"
    "CREATE TRIGGER article_count_delete AFTER DELETE ON articles BEGIN"
    "  UPDATE article_count SET n = n - 1;"
    "END;",

    /* 3: mentions by place in their article.  Re-annotation asks, for
    ** every fresh mention, whether an imported or user one sits at the
    ** same span; the UNIQUE index leads with the entity after the article,
    ** so without this each question scanned all of the article's mentions
    ** (50,000 mentions: minutes instead of a second). */
    "CREATE INDEX mentions_by_span ON mentions(article, span_start, span_end);",

    /* 4: per-article counts, kept by triggers, for the reader's first
    ** frame of a long article (issue 5, store_load_part): the sidebar
    ** lists every entity with its number of mentions and the status line
    ** counts the statuses, and counting them walked all of a 10 MB
    ** article's 20,000 mentions and 5,000 quotes and claims (3 ms) before
    ** anything was shown.  Triggers rather than the code that writes, so
    ** that no path that adds, deletes, re-annotates or tags can leave the
    ** counts behind (a bulk import does their work per transaction:
    ** store_bulk_mode).  An entity belongs to an article while it has a
    ** mention there or speaks in one of its quotes or claims (what
    ** store_load_article finds: load_whole).  The triggers are
    ** kept short, since every open of the library parses them: rows that
    ** fall to zero stay (readers skip them), no trigger follows a change
    ** of a mention's entity or an assertion's speaker or article (contra
    ** makes none; an entity losing its last mention and quote is deleted,
    ** so ON DELETE SET NULL never reaches a speaker). */
    "CREATE TABLE article_entities ("
    "  article  INTEGER NOT NULL,"
    "  entity   INTEGER NOT NULL,"
    "  mentions INTEGER NOT NULL DEFAULT 0,"
    "  speaks   INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (article, entity)"
    ") WITHOUT ROWID;"
    "CREATE TABLE article_statuses ("
    "  article INTEGER NOT NULL,"
    "  status  TEXT NOT NULL,"
    "  n       INTEGER NOT NULL,"
    "  PRIMARY KEY (article, status)"
    ") WITHOUT ROWID;"
    "INSERT INTO article_entities(article, entity, mentions)"
    "  SELECT article, entity, count(*) FROM mentions GROUP BY article, entity;"
    "INSERT INTO article_entities(article, entity, speaks)"
    "  SELECT article, speaker, count(*) FROM assertions"
    "  WHERE speaker IS NOT NULL GROUP BY article, speaker"
    "  ON CONFLICT (article, entity) DO UPDATE SET speaks = excluded.speaks;"
    "INSERT INTO article_statuses(article, status, n)"
    "  SELECT article, status, count(*) FROM assertions GROUP BY article, status;"
    "CREATE TRIGGER article_entities_mention_insert AFTER INSERT ON mentions BEGIN"
    " INSERT INTO article_entities VALUES (new.article, new.entity, 1, 0)"
    " ON CONFLICT DO UPDATE SET mentions = mentions + 1; END;"
    "CREATE TRIGGER article_entities_mention_delete AFTER DELETE ON mentions BEGIN"
    " UPDATE article_entities SET mentions = mentions - 1"
    " WHERE article = old.article AND entity = old.entity; END;"
    "CREATE TRIGGER article_counts_assertion_insert AFTER INSERT ON assertions BEGIN"
    " INSERT INTO article_statuses VALUES (new.article, new.status, 1)"
    " ON CONFLICT DO UPDATE SET n = n + 1;"
    " INSERT INTO article_entities SELECT new.article, new.speaker, 0, 1"
    " WHERE new.speaker IS NOT NULL ON CONFLICT DO UPDATE SET speaks = speaks + 1; END;"
    "CREATE TRIGGER article_counts_assertion_delete AFTER DELETE ON assertions BEGIN"
    " UPDATE article_statuses SET n = n - 1"
    " WHERE article = old.article AND status = old.status;"
    " UPDATE article_entities SET speaks = speaks - 1"
    " WHERE article = old.article AND entity = old.speaker; END;"
    "CREATE TRIGGER article_counts_assertion_update AFTER UPDATE OF status ON assertions"
    " BEGIN UPDATE article_statuses SET n = n - 1"
    " WHERE article = old.article AND status = old.status;"
    " INSERT INTO article_statuses VALUES (new.article, new.status, 1)"
    " ON CONFLICT DO UPDATE SET n = n + 1; END;",

    /* 5: a revision number per article, raised by every change to what
    ** the reader shows of an article after its import: a tag or note on
    ** one of its quotes or claims, a relation added to or taken from
    ** them (from whichever article), its re-annotation.  A reader open on
    ** an article while others work on the library (issue 5) compares one
    ** row here instead of reading the article again at every commit
    ** anywhere: on a 10 MB article that read was 5 ms and a second copy
    ** of it in memory.  No row means revision 0.
    ** Raised by the code that writes (bump_rev and its callers), not by
    ** triggers: every open of the library parses the triggers, on the
    ** way to the first frame, and a trigger on mentions or quotes would
    ** run for every row of every import, where only changes to articles
    ** already stored matter.  An entity's new alias, added by another
    ** article's import, raises no revision: the sidebar shows it at the
    ** next open. */
    "CREATE TABLE article_revs ("
    "  article INTEGER PRIMARY KEY,"
    "  rev     INTEGER NOT NULL"
    ");",

    /* 6: tags raise their article's revision by a trigger after all.  A
    ** contra started before the library was upgraded goes on writing
    ** tags with the code it has, which raises nothing, and a reader open
    ** on the article would not show them; a trigger is part of the
    ** schema, which every connection reads again once it changes, so
    ** the older contra's tags raise it too.  Tags are few (a person's
    ** keystrokes; imports write none), so it costs one row per tag; and
    ** one trigger more to parse at each open. */
    "CREATE TRIGGER tags_raise_rev AFTER INSERT ON tags BEGIN"
    " INSERT INTO article_revs(article, rev)"
    " SELECT article, 1 FROM assertions WHERE id = new.assertion"
    " ON CONFLICT (article) DO UPDATE SET rev = rev + 1; END;",

    /* 7: the full-text index with contra's own tokenizer (store_fts.c),
    ** so that a name is found by the ASCII the reader shows for it under
    ** LANG=C ("Oldak" finds Ołdak), and a word across a soft hyphen.  An
    ** index holds the tokens made when each article went in, so it is
    ** made again: refill_fts(), after this script, in steps that report
    ** progress.  The triggers that keep it go on as they are: they name
    ** the table, not its tokenizer.  The price: a program that does not
    ** know the tokenizer (the sqlite3 shell) can read and tag a library,
    ** and back it up, but not search it, nor add or remove articles. */
    "DROP TABLE articles_fts;"
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text,"
    "  content='articles', content_rowid='id', tokenize='" STORE_FTS_TOKENIZE "');",

    /* 8: the links a person removed (store_unlink), so that the
    ** annotator, run again on either article, does not propose them
    ** again: a fact-checker's "these do not contradict each other"
    ** outlives re-annotation as a tag does.  Who and when, as for tags.
    ** The key starts with from_id and to_id has an index, so that
    ** removing a quote or claim finds its rows here (ON DELETE CASCADE)
    ** without reading the whole table. */
    "CREATE TABLE rejected_relations ("
    "  from_id INTEGER NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,"
    "  to_id   INTEGER NOT NULL REFERENCES assertions(id) ON DELETE CASCADE,"
    "  type    TEXT NOT NULL CHECK (type IN ('contradicts', 'supports')),"
    "  who     TEXT NOT NULL,"
    "  at      TEXT NOT NULL,"
    "  PRIMARY KEY (from_id, to_id, type)"
    ") WITHOUT ROWID;"
    "CREATE INDEX rejected_relations_by_to ON rejected_relations(to_id);",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))
/* The oldest schema contra reads (read-only) without upgrading it. */
#define READ_MIN_VERSION 4
/* The first with revisions that every writer raises (migrations 5, 6). */
#define REVS_VERSION 6
/* The one whose full-text index refill_fts() fills. */
#define FTS_VERSION 7
/* The first that remembers the links a person removed (migration 8). */
#define REJECT_VERSION 8

/* ---------------------------------------------------------------------
** Statements.  The enum and the SQL come from one table.
*/

/* Rows for the inserts that store many rows in one statement (issue 5:
** alone, each mention or quote paid for a statement's setup, journal and
** constraint checks).  ?1 is the article; a bare ? takes the number after
** the largest so far, so row r's k-th value is parameter 2 + r * W + k,
** W being the number of ?s in a row.
** OR FAIL, for speed (issue 5): by default (OR ABORT) SQLite undoes a
** failed statement alone, so a statement of many rows first copied each
** page it changed to a statement journal; an error here undoes the
** whole article anyway (store_add_article's savepoint), and in a bulk
** import that was 782 statement journals and 2% of the storing thread's
** instructions for 200 files. */
#define MENTION_ROW "(?1,?,?,?,?)"
#define MENTION_ROWS8 MENTION_ROW "," MENTION_ROW "," MENTION_ROW ","   \
    MENTION_ROW "," MENTION_ROW "," MENTION_ROW "," MENTION_ROW "," MENTION_ROW
#define MENTION_ROWS32 MENTION_ROWS8 "," MENTION_ROWS8 "," MENTION_ROWS8 "," MENTION_ROWS8
#define MENTION_W 4
#define INSERT_MENTIONS                                                     \
    "INSERT OR FAIL INTO mentions(article, entity, span_start, span_end, origin) VALUES "
#define ASSERTION_ROW "(?1,?,?,?,?,?,?,?,?,?,?,?,?,?)"
#define ASSERTION_ROWS8 ASSERTION_ROW "," ASSERTION_ROW "," ASSERTION_ROW "," \
    ASSERTION_ROW "," ASSERTION_ROW "," ASSERTION_ROW "," ASSERTION_ROW "," ASSERTION_ROW
#define ASSERTION_W 13
#define INSERT_ASSERTIONS                                                   \
    "INSERT OR FAIL INTO assertions(article, id, kind, speaker, span_start, span_end,"\
    " speaker_start, speaker_end, cue_start, cue_end, direct, status, note,"  \
    " origin) VALUES "
#define STATEMENTS(X)                                                       \
    X(ST_BEGIN, "BEGIN IMMEDIATE")                                          \
    X(ST_BEGIN_READ, "BEGIN")                                               \
    X(ST_COMMIT, "COMMIT")                                                  \
    X(ST_ROLLBACK, "ROLLBACK")                                              \
    X(ST_SAVEPOINT, "SAVEPOINT contra_nested")                              \
    X(ST_RELEASE, "RELEASE contra_nested")                                  \
    X(ST_ROLLBACK_TO, "ROLLBACK TO contra_nested")                          \
    /* What probe() reads, one statement each (it says why). */             \
    X(ST_PROBE_APP, "PRAGMA application_id")                                \
    X(ST_PROBE_VERSION, "PRAGMA user_version")                              \
    X(ST_DATA_VERSION, "PRAGMA data_version")                               \
    X(ST_PROBE_NSCHEMA, "SELECT count(*) FROM sqlite_master")               \
    X(ST_JOURNAL_MODE, "PRAGMA journal_mode")                               \
    X(ST_SET_WAL, "PRAGMA journal_mode = WAL")                              \
    X(ST_FOREIGN_KEYS, "PRAGMA foreign_keys = ON")                          \
    /* WAL with synchronous=NORMAL stays consistent but may lose the last  \
    ** commits when the machine loses power; a tag the screen showed as     \
    ** saved must survive that too, so every commit syncs the WAL. */       \
    X(ST_SYNCHRONOUS, "PRAGMA synchronous = FULL")                          \
    X(ST_FIND_HASH, "SELECT id FROM articles WHERE hash = ?1")              \
    X(ST_INSERT_ARTICLE,                                                    \
      "INSERT INTO articles(title, source, url, published, text, hash)"     \
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                   \
    X(ST_ARTICLE_LEN,                                                       \
      "SELECT length(CAST(text AS BLOB)) FROM articles WHERE id = ?1")      \
    X(ST_ENTITY_BY_NAME,                                                    \
      "SELECT id, fold FROM entities WHERE kind = ?1 AND fold = ?2")        \
    X(ST_ENTITY_BY_ALIAS,                                                   \
      "SELECT e.id, e.fold FROM entity_aliases x"                           \
      " JOIN entities e ON e.id = x.entity"                                 \
      " WHERE x.fold = ?2 AND e.kind = ?1 ORDER BY e.id LIMIT 1")           \
    X(ST_INSERT_ENTITY,                                                     \
      "INSERT INTO entities(name, kind, fold) VALUES (?1, ?2, ?3)")         \
    X(ST_INSERT_ALIAS,                                                      \
      "INSERT INTO entity_aliases(entity, alias, fold) VALUES (?1, ?2, ?3)" \
      " ON CONFLICT DO NOTHING")                                            \
    X(ST_INSERT_MENTION,                                                    \
      "INSERT INTO mentions(article, entity, span_start, span_end, origin)" \
      " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")                \
    X(ST_INSERT_ASSERTION,                                                  \
      "INSERT INTO assertions(kind, article, speaker, span_start, span_end,"\
      " speaker_start, speaker_end, cue_start, cue_end, direct, status,"    \
      " note, origin)"                                                      \
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")   \
    X(ST_INSERT_MENTIONS_8, INSERT_MENTIONS MENTION_ROWS8                   \
      " ON CONFLICT DO NOTHING")                                            \
    X(ST_INSERT_MENTIONS_32, INSERT_MENTIONS MENTION_ROWS32                 \
      " ON CONFLICT DO NOTHING")                                            \
    X(ST_INSERT_ASSERTIONS_1, INSERT_ASSERTIONS ASSERTION_ROW)              \
    X(ST_INSERT_ASSERTIONS_8, INSERT_ASSERTIONS ASSERTION_ROWS8)            \
    /* The id AUTOINCREMENT would give the next assertion. */               \
    X(ST_NEXT_ASSERTION_ID,                                                 \
      "SELECT max(coalesce((SELECT seq FROM sqlite_sequence"                \
      " WHERE name = 'assertions'), 0),"                                    \
      " coalesce((SELECT max(id) FROM assertions), 0)) + 1")                \
    /* Bulk import (store_bulk_mode): what the insert triggers would have */\
    /* done, for the articles above ?1, once per transaction. */           \
    X(ST_TRIGGER_NAMES, "SELECT name FROM sqlite_master WHERE type = 'trigger'")\
    X(ST_MAX_ARTICLE_ID, "SELECT coalesce(max(id), 0) FROM articles")      \
    X(ST_BULK_FTS,                                                          \
      "INSERT INTO articles_fts(rowid, title, text)"                        \
      " SELECT id, title, text FROM articles WHERE id > ?1")                \
    X(ST_BULK_COUNT,                                                        \
      "UPDATE article_count SET n = n +"                                    \
      " (SELECT count(*) FROM articles WHERE id > ?1)")                     \
    X(ST_BULK_ENTITY_MENTIONS,                                              \
      "INSERT INTO article_entities(article, entity, mentions)"             \
      " SELECT article, entity, count(*) FROM mentions WHERE article > ?1"  \
      " GROUP BY article, entity"                                           \
      " ON CONFLICT (article, entity)"                                      \
      " DO UPDATE SET mentions = mentions + excluded.mentions")             \
    X(ST_BULK_ENTITY_SPEAKS,                                                \
      "INSERT INTO article_entities(article, entity, speaks)"               \
      " SELECT article, speaker, count(*) FROM assertions"                  \
      " WHERE article > ?1 AND speaker IS NOT NULL GROUP BY article, speaker"\
      " ON CONFLICT (article, entity)"                                      \
      " DO UPDATE SET speaks = speaks + excluded.speaks")                   \
    X(ST_BULK_STATUSES,                                                     \
      "INSERT INTO article_statuses(article, status, n)"                    \
      " SELECT article, status, count(*) FROM assertions WHERE article > ?1"\
      " GROUP BY article, status"                                           \
      " ON CONFLICT (article, status) DO UPDATE SET n = n + excluded.n")    \
    /* A row comes back only when the relation is new or a person's or \
    ** an import's now where it was the annotator's: what changed, and   \
    ** so raises revisions (insert_relation); else ST_RELATION_ID. */     \
    /* The annotator's are not added where a person removed the same   \
    ** link (migration 8), nor a contradiction the other way round of    \
    ** one there is (a person's: the pair was shown linked twice); a     \
    ** contradiction, either way round. */                                \
    X(ST_INSERT_RELATION,                                                   \
      "INSERT INTO relations(type, origin, from_id, to_id)"                 \
      " SELECT ?1, ?2, ?3, ?4 WHERE ?2 <> 'auto' OR (NOT EXISTS"            \
      "  (SELECT 1 FROM rejected_relations WHERE type = ?1 AND"             \
      "   ((from_id = ?3 AND to_id = ?4)"                                   \
      "    OR (?1 = 'contradicts' AND from_id = ?4 AND to_id = ?3)))"       \
      "  AND NOT (?1 = 'contradicts' AND EXISTS (SELECT 1 FROM relations"   \
      "   WHERE type = ?1 AND from_id = ?4 AND to_id = ?3)))"               \
      " ON CONFLICT (type, from_id, to_id) DO UPDATE SET origin ="          \
      "   excluded.origin"                                                  \
      "   WHERE relations.origin = 'auto' AND excluded.origin <> 'auto'"    \
      " RETURNING id")                                                      \
    /* A contradiction may be there the other way round. */              \
    X(ST_RELATION_ID,                                                       \
      "SELECT id FROM relations WHERE type = ?1 AND ((from_id = ?3"         \
      " AND to_id = ?4) OR (?1 = 'contradicts' AND from_id = ?4"            \
      " AND to_id = ?3)) ORDER BY from_id = ?3 DESC LIMIT 1")               \
    X(ST_ASSERTION_ARTICLE, "SELECT article FROM assertions WHERE id = ?1") \
    X(ST_ASSERTION_STATE,                                                   \
      "SELECT status, note, kind FROM assertions WHERE id = ?1")            \
    /* Not the text: store_load_article reads it with the blob API, */    \
    /* straight into the article's buffer. */                              \
    X(ST_LOAD_ARTICLE,                                                      \
      "SELECT title, source, url, published,"                               \
      " (SELECT rev FROM article_revs WHERE article = ?1)"                  \
      " FROM articles WHERE id = ?1")                                       \
    /* Migrations 5 and 6's revisions (bump_rev).  An article's row is    \
    ** made on its first change, at 1.  A library read at an older       \
    ** schema (read-only: store_open) has no revisions: -1, unknown. */   \
    X(ST_LOAD_ARTICLE_NOREV,                                                \
      "SELECT title, source, url, published, -1 FROM articles WHERE id = ?1")\
    X(ST_ARTICLE_REV,                                                       \
      "SELECT (SELECT rev FROM article_revs WHERE article = ?1)"            \
      " FROM articles WHERE id = ?1")                                       \
    X(ST_ARTICLE_REV_NOREV, "SELECT -1 FROM articles WHERE id = ?1")        \
    X(ST_BUMP_REV,                                                          \
      "INSERT INTO article_revs(article, rev) VALUES (?1, 1)"               \
      " ON CONFLICT (article) DO UPDATE SET rev = rev + 1"                  \
      " RETURNING article, rev")                                            \
    /* A quote's or claim's article and its revision, as a tag just left \
    ** it (migration 6's trigger), for store_last_rev. */                  \
    X(ST_REV_OF_ASSERTION,                                                  \
      "SELECT r.article, r.rev FROM assertions a"                           \
      " JOIN article_revs r ON r.article = a.article WHERE a.id = ?1")      \
    /* The other articles that a relation ties to article ?1: before it   \
    ** is deleted or re-annotated, since the relations that go with its   \
    ** quotes and claims (ON DELETE CASCADE) change those articles too. */ \
    X(ST_BUMP_RELATED,                                                      \
      "INSERT INTO article_revs(article, rev)"                              \
      " SELECT o.article, 1 FROM assertions m"                              \
      "  JOIN relations r ON r.from_id = m.id"                              \
      "  JOIN assertions o ON o.id = r.to_id"                               \
      "  WHERE m.article = ?1 AND o.article <> ?1"                          \
      " UNION SELECT o.article, 1 FROM assertions m"                        \
      "  JOIN relations r ON r.to_id = m.id"                                \
      "  JOIN assertions o ON o.id = r.from_id"                             \
      "  WHERE m.article = ?1 AND o.article <> ?1"                          \
      " ON CONFLICT (article) DO UPDATE SET rev = rev + 1")                 \
    X(ST_DELETE_REV, "DELETE FROM article_revs WHERE article = ?1")         \
    /* One entity and its aliases by its id, in the aliases' index order \
    ** (load_entity puts them in id order): an article's entities come   \
    ** from the ids its mentions and quotes name (issue 5: load_whole).  \
    ** No ORDER BY, which cost a sorter per entity. */                     \
    X(ST_LOAD_ENTITY,                                                       \
      "SELECT e.name, e.kind, a.id, a.alias FROM entities e"                \
      " LEFT JOIN entity_aliases a ON a.entity = e.id WHERE e.id = ?1")     \
    X(ST_LOAD_MENTIONS,                                                     \
      "SELECT entity, span_start, span_end FROM mentions"                   \
      " WHERE article = ?1 ORDER BY entity, span_start, span_end")          \
    X(ST_LOAD_ASSERTIONS,                                                   \
      "SELECT id, kind, speaker, span_start, span_end, speaker_start,"      \
      " speaker_end, cue_start, cue_end, direct, status, note"              \
      " FROM assertions WHERE article = ?1 ORDER BY span_start, id")        \
    /* The relations from and to the article's quotes and claims that    \
    ** start at ?2 or before (a long article's part; INT64_MAX: all of    \
    ** them), each through an index; the second leaves out what the      \
    ** first finds, and load_relations sorts them by id.  One query with  \
    ** UNION and ORDER BY built two temporary b-trees, each with a pager  \
    ** of its own (issue 5: page faults before a typical article's first  \
    ** frame). */                                                          \
    X(ST_LOAD_RELATIONS_FROM,                                               \
      "SELECT r.id, r.type, r.origin, r.from_id, a.article, r.to_id,"       \
      " t.article FROM assertions a"                                        \
      " JOIN relations r ON r.from_id = a.id"                               \
      " JOIN assertions t ON t.id = r.to_id"                                \
      " WHERE a.article = ?1 AND a.span_start <= ?2")                       \
    X(ST_LOAD_RELATIONS_TO,                                                 \
      "SELECT r.id, r.type, r.origin, r.from_id, f.article, r.to_id,"       \
      " b.article FROM assertions b"                                        \
      " JOIN relations r ON r.to_id = b.id"                                 \
      " JOIN assertions f ON f.id = r.from_id"                              \
      " WHERE b.article = ?1 AND b.span_start <= ?2"                        \
      " AND NOT (f.article = ?1 AND f.span_start <= ?2)")                   \
    /* The same for a whole article, by its quotes' and claims' ids: a   \
    ** range of consecutive ids at a time (an article's are, unless it    \
    ** was re-annotated), one seek into the index instead of one for     \
    ** each of them, and no join, which made them dearer to prepare:     \
    ** most relations are between quotes of one article, and             \
    ** load_relations looks up the article of an end outside it (issue   \
    ** 5: 380K -> 140K instructions for a typical article's). */          \
    X(ST_LOAD_RELATIONS_FROM_IDS,                                           \
      "SELECT id, type, origin, from_id, to_id FROM relations"              \
      " WHERE from_id BETWEEN ?1 AND ?2")                                   \
    X(ST_LOAD_RELATIONS_TO_IDS,                                             \
      "SELECT id, type, origin, from_id, to_id FROM relations"              \
      " WHERE to_id BETWEEN ?1 AND ?2")                                     \
    X(ST_ARTICLE_ENTITY_IDS,                                                \
      "SELECT entity FROM mentions WHERE article = ?1"                      \
      " UNION SELECT speaker FROM assertions"                               \
      "  WHERE article = ?1 AND speaker IS NOT NULL")                       \
    X(ST_DELETE_ORPHAN,                                                     \
      "DELETE FROM entities WHERE id = ?1"                                  \
      " AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity = ?1)"          \
      " AND NOT EXISTS (SELECT 1 FROM assertions WHERE speaker = ?1)")      \
    X(ST_DELETE_ARTICLE, "DELETE FROM articles WHERE id = ?1")              \
    /* Re-annotation (store_replace_auto). */                              \
    X(ST_UPSERT_AUTO_MENTION,                                               \
      "INSERT INTO mentions(article, entity, span_start, span_end, origin)" \
      " VALUES (?1, ?2, ?3, ?4, 'auto')"                                    \
      " ON CONFLICT (article, entity, span_start, span_end)"                \
      " DO UPDATE SET origin = mentions.origin RETURNING id")               \
    X(ST_KEPT_MENTION_AT,                                                   \
      "SELECT id FROM mentions WHERE article = ?1 AND span_start = ?2"      \
      " AND span_end = ?3 AND origin <> 'auto' ORDER BY id LIMIT 1")        \
    X(ST_AUTO_MENTION_IDS,                                                  \
      "SELECT id FROM mentions WHERE article = ?1 AND origin = 'auto'")     \
    X(ST_DELETE_MENTION, "DELETE FROM mentions WHERE id = ?1")              \
    /* The last column says whether a person has touched the assertion:  \
    ** a tag (even one undone), a note, a relation someone made or       \
    ** imported, or one someone removed (migration 8: the removal goes    \
    ** with the assertion, and the annotator would propose the link       \
    ** again between its fresh ids).  Such an auto assertion stays when   \
    ** the annotator no longer finds it. */                                \
    X(ST_REPLACE_ASSERTIONS,                                                \
      "SELECT id, kind, span_start, span_end, speaker, origin,"             \
      " speaker_start, speaker_end, cue_start, cue_end, direct,"            \
      " status <> 'unreviewed' OR note IS NOT NULL"                         \
      " OR EXISTS (SELECT 1 FROM tags WHERE assertion = assertions.id)"     \
      " OR EXISTS (SELECT 1 FROM relations WHERE origin <> 'auto'"          \
      "   AND (from_id = assertions.id OR to_id = assertions.id))"          \
      " OR EXISTS (SELECT 1 FROM rejected_relations"                        \
      "   WHERE from_id = assertions.id OR to_id = assertions.id)"          \
      " FROM assertions WHERE article = ?1 ORDER BY id")                    \
    X(ST_UPDATE_ASSERTION_DETAIL,                                           \
      "UPDATE assertions SET speaker_start = ?2, speaker_end = ?3,"         \
      " cue_start = ?4, cue_end = ?5, direct = ?6 WHERE id = ?1")           \
    X(ST_DELETE_ASSERTION, "DELETE FROM assertions WHERE id = ?1")          \
    X(ST_AUTO_RELATION_IDS,                                                 \
      "SELECT id FROM relations WHERE origin = 'auto' AND"                  \
      " (from_id IN (SELECT id FROM assertions WHERE article = ?1)"         \
      "  OR to_id IN (SELECT id FROM assertions WHERE article = ?1))")      \
    X(ST_DELETE_RELATION, "DELETE FROM relations WHERE id = ?1")            \
    /* store_unlink: the links between two quotes or claims, either way, \
    ** each remembered as removed (migration 8). */                       \
    X(ST_UNLINK,                                                            \
      "DELETE FROM relations WHERE (from_id = ?1 AND to_id = ?2)"           \
      " OR (from_id = ?2 AND to_id = ?1) RETURNING type, origin, from_id, to_id") \
    X(ST_REJECT_RELATION,                                                   \
      "INSERT INTO rejected_relations(from_id, to_id, type, who, at)"       \
      " VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"     \
      " ON CONFLICT DO UPDATE SET who = excluded.who, at = excluded.at")    \
    X(ST_OTHER_TYPE_LINK,                                                   \
      "SELECT 1 FROM relations WHERE type <> ?3 AND"                        \
      " ((from_id = ?1 AND to_id = ?2) OR (from_id = ?2 AND to_id = ?1))")  \
    X(ST_RELATION_ORIGIN,                                                   \
      "SELECT origin FROM relations WHERE from_id = ?1 AND to_id = ?2"      \
      " AND type = ?3")                                                     \
    X(ST_UNREJECT_RELATION,                                                 \
      "DELETE FROM rejected_relations WHERE type = ?3 AND"                  \
      " ((from_id = ?1 AND to_id = ?2)"                                     \
      "  OR (?3 = 'contradicts' AND from_id = ?2 AND to_id = ?1))")         \
    /* A removal an import brings (reject_link): remembered unless the  \
    ** same link is there, a person's or an import's (that the file may  \
    ** state too: the live link wins, as contra link makes it win);      \
    ** then the annotator's same link goes, either way round for a       \
    ** contradiction, as ST_INSERT_RELATION would not have added it.     \
    ** A removal remembered already keeps its who and when. */           \
    X(ST_IMPORT_REJECTION,                                                  \
      "INSERT INTO rejected_relations(from_id, to_id, type, who, at)"       \
      " SELECT ?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"       \
      " WHERE NOT EXISTS (SELECT 1 FROM relations WHERE type = ?3"          \
      "  AND origin <> 'auto' AND ((from_id = ?1 AND to_id = ?2)"           \
      "   OR (?3 = 'contradicts' AND from_id = ?2 AND to_id = ?1)))"        \
      " ON CONFLICT DO NOTHING")                                            \
    X(ST_DELETE_REJECTED_AUTO,                                              \
      "DELETE FROM relations WHERE origin = 'auto' AND type = ?3"           \
      " AND ((from_id = ?1 AND to_id = ?2)"                                 \
      "  OR (?3 = 'contradicts' AND from_id = ?2 AND to_id = ?1))"          \
      " AND EXISTS (SELECT 1 FROM rejected_relations WHERE type = ?3"       \
      "  AND ((from_id = ?1 AND to_id = ?2)"                                \
      "   OR (?3 = 'contradicts' AND from_id = ?2 AND to_id = ?1)))"        \
      " RETURNING id")                                                      \
    /* The removed links from and to an article's quotes and claims      \
    ** (store_load_removed), with the articles of both ends, in a fixed  \
    ** order for export. */                                               \
    X(ST_LOAD_REMOVED,                                                      \
      "SELECT r.type, r.from_id, q.article, r.to_id, t.article"             \
      " FROM assertions q JOIN rejected_relations r ON r.from_id = q.id"    \
      " JOIN assertions t ON t.id = r.to_id WHERE q.article = ?1"           \
      " UNION ALL SELECT r.type, r.from_id, f.article, r.to_id, q.article"  \
      " FROM assertions q JOIN rejected_relations r ON r.to_id = q.id"      \
      " JOIN assertions f ON f.id = r.from_id"                              \
      " WHERE q.article = ?1 AND f.article <> ?1"                           \
      " ORDER BY 2, 4, 1")                                                  \
    X(ST_LIST,                                                              \
      "SELECT id, published, source, title FROM articles"                   \
      " ORDER BY published DESC, id DESC LIMIT ?1")                         \
    X(ST_LIST_AFTER,                                                        \
      "SELECT id, published, source, title FROM articles"                   \
      " WHERE (published, id) < (?2, ?3)"                                   \
      " ORDER BY published DESC, id DESC LIMIT ?1")                         \
    /* Coming back to a place in the library (the library screen's Esc): \
    ** the rows from it on, the rows just above it (nearest first), and  \
    ** its index, counted on the date index. */                           \
    X(ST_LIST_FROM,                                                         \
      "SELECT id, published, source, title FROM articles"                   \
      " WHERE (published, id) <= (?2, ?3)"                                  \
      " ORDER BY published DESC, id DESC LIMIT ?1")                         \
    X(ST_LIST_NEWER,                                                        \
      "SELECT id, published, source, title FROM articles"                   \
      " WHERE (published, id) > (?2, ?3)"                                   \
      " ORDER BY published, id LIMIT ?1")                                   \
    X(ST_COUNT_NEWER,                                                       \
      "SELECT count(*) FROM articles WHERE (published, id) > (?1, ?2)")     \
    X(ST_SEARCH,                                                            \
      "SELECT id, published, source, title FROM articles WHERE id IN"       \
      " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?4)"       \
      " ORDER BY published DESC, id DESC LIMIT ?1")                         \
    X(ST_SEARCH_AFTER,                                                      \
      "SELECT id, published, source, title FROM articles WHERE id IN"       \
      " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?4)"       \
      " AND (published, id) < (?2, ?3)"                                     \
      " ORDER BY published DESC, id DESC LIMIT ?1")                         \
    /* A large match set: its rowids, then the date index in order. */     \
    X(ST_FTS_ROWIDS,                                                        \
      "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1"          \
      " ORDER BY rowid")                                                    \
    X(ST_DATE_IDS,                                                          \
      "SELECT id FROM articles ORDER BY published DESC, id DESC")           \
    X(ST_DATE_IDS_AFTER,                                                    \
      "SELECT id FROM articles WHERE (published, id) < (?1, ?2)"            \
      " ORDER BY published DESC, id DESC")                                  \
    /* The filter around a place (store_filter_around): the matches on   \
    ** each side of a key, and how many are newer than it; the date      \
    ** index's walks for many matches, the plain queries for few. */     \
    X(ST_DATE_IDS_FROM,                                                     \
      "SELECT id FROM articles WHERE (published, id) <= (?1, ?2)"           \
      " ORDER BY published DESC, id DESC")                                  \
    X(ST_DATE_IDS_NEWER,                                                    \
      "SELECT id FROM articles WHERE (published, id) > (?1, ?2)"            \
      " ORDER BY published, id")                                            \
    X(ST_SEARCH_FROM,                                                       \
      "SELECT id, published, source, title FROM articles WHERE id IN"       \
      " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?4)"       \
      " AND (published, id) <= (?2, ?3)"                                    \
      " ORDER BY published DESC, id DESC LIMIT ?1")                         \
    X(ST_SEARCH_NEWER,                                                      \
      "SELECT id, published, source, title FROM articles WHERE id IN"       \
      " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?4)"       \
      " AND (published, id) > (?2, ?3)"                                     \
      " ORDER BY published, id LIMIT ?1")                                   \
    X(ST_SEARCH_COUNT_NEWER,                                                \
      "SELECT count(*) FROM articles WHERE id IN"                           \
      " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?3)"       \
      " AND (published, id) > (?1, ?2)")                                    \
    X(ST_SUMMARY,                                                           \
      "SELECT id, published, source, title FROM articles WHERE id = ?1")    \
    /* From migration 4's counts, for speed (issue 5): grouping each        \
    ** article's quotes and claims by status was a fifth of the             \
    ** instructions to the library screen's first frame (64 rows). */       \
    X(ST_STATUS_COUNTS,                                                     \
      "SELECT status, n FROM article_statuses WHERE article = ?1")          \
    X(ST_COUNT_ARTICLES, "SELECT n FROM article_count")                     \
    X(ST_ALL_IDS,                                                           \
      "SELECT id FROM articles ORDER BY published DESC, id DESC")           \
    X(ST_INSERT_TAG,                                                        \
      "INSERT INTO tags(assertion, status, note, who, at, prev_status,"     \
      " prev_note, undoes) VALUES (?1, ?2, ?3, ?4,"                         \
      " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?5, ?6, ?7)")                \
    X(ST_SET_STATUS,                                                        \
      "UPDATE assertions SET status = ?2, note = ?3 WHERE id = ?1")         \
    X(ST_LAST_TAG_BY,                                                       \
      "SELECT t.id, t.prev_status, t.prev_note FROM tags t"                 \
      " WHERE t.assertion = ?1 AND t.who = ?2 AND t.undoes IS NULL"         \
      " AND NOT EXISTS (SELECT 1 FROM tags u WHERE u.undoes = t.id)"        \
      " ORDER BY t.id DESC LIMIT 1")                                        \
    /* The status, and the note, of the latest tag nobody withdrew that  \
    ** changed it (a note written keeps the status in force, and a tag   \
    ** the note in force: neither decides the other).  A tag that names  \
    ** the status in force and leaves the note is a person's decision    \
    ** too (contra tag C54 disputed, when it was): it decides the status, \
    ** or an undo of an earlier tag of another's threw it away; a row     \
    ** that changed the note alone is a note.                           */\
    X(ST_SURVIVING_STATUS,                                                  \
      "SELECT t.status FROM tags t"                                         \
      " WHERE t.assertion = ?1 AND t.id <> ?2 AND t.undoes IS NULL"         \
      " AND (t.status <> t.prev_status"                                     \
      "      OR coalesce(t.note, '') = coalesce(t.prev_note, ''))"          \
      " AND NOT EXISTS (SELECT 1 FROM tags u WHERE u.undoes = t.id)"        \
      " ORDER BY t.id DESC LIMIT 1")                                        \
    X(ST_SURVIVING_NOTE,                                                    \
      "SELECT t.note FROM tags t"                                           \
      " WHERE t.assertion = ?1 AND t.id <> ?2 AND t.undoes IS NULL"         \
      " AND coalesce(t.note, '') <> coalesce(t.prev_note, '')"              \
      " AND NOT EXISTS (SELECT 1 FROM tags u WHERE u.undoes = t.id)"        \
      " ORDER BY t.id DESC LIMIT 1")                                        \
    X(ST_ORIGINAL_STATE,                                                    \
      "SELECT prev_status, prev_note FROM tags WHERE assertion = ?1"        \
      " ORDER BY id LIMIT 1")                                               \
    X(ST_HISTORY,                                                           \
      "SELECT status, note, who, at FROM tags WHERE assertion = ?1"         \
      " ORDER BY id")                                                       \
    X(ST_SPEAKER_POS,                                                       \
      "SELECT q.speaker, q.span_start, q.article, a.published"              \
      " FROM assertions q JOIN articles a ON a.id = q.article"              \
      " WHERE q.id = ?1")                                                   \
    /* A speaker's quotes and claims alike: a claim is what its claimant  \
    ** said too, in indirect speech ("X said that ...").               */\
    X(ST_SPEAKER_NEXT,                                                      \
      "SELECT q.id FROM assertions q JOIN articles a ON a.id = q.article"   \
      " WHERE q.speaker = ?1"                                               \
      " AND ((a.published, a.id) < (?2, ?3)"                                \
      "      OR (a.id = ?3 AND (q.span_start, q.id) > (?4, ?5)))"           \
      " ORDER BY a.published DESC, a.id DESC, q.span_start, q.id LIMIT 1") \
    X(ST_SPEAKER_PREV,                                                      \
      "SELECT q.id FROM assertions q JOIN articles a ON a.id = q.article"   \
      " WHERE q.speaker = ?1"                                               \
      " AND ((a.published, a.id) > (?2, ?3)"                                \
      "      OR (a.id = ?3 AND (q.span_start, q.id) < (?4, ?5)))"           \
      " ORDER BY a.published, a.id, q.span_start DESC, q.id DESC LIMIT 1") \
    /* The first frame of a long article (store_load_part): counts from  \
    ** migration 4's tables, annotations by place in the text. */         \
    X(ST_PART_ENTITIES,                                                     \
      "SELECT e.id, e.name, e.kind, c.mentions FROM article_entities c"     \
      " JOIN entities e ON e.id = c.entity WHERE c.article = ?1"            \
      " AND (c.mentions > 0 OR c.speaks > 0) ORDER BY c.entity")            \
    X(ST_PART_STATUSES,                                                     \
      "SELECT status, n FROM article_statuses WHERE article = ?1")          \
    X(ST_PART_MENTIONS,                                                     \
      "SELECT entity, span_start, span_end FROM mentions"                   \
      " WHERE article = ?1 AND span_start < ?2"                             \
      " ORDER BY span_start, span_end")

#define X_ENUM(e, sql) e,
#define X_SQL(e, sql) sql,
enum { STATEMENTS(X_ENUM) ST_COUNT };
static const char *const statement_sql[] = { STATEMENTS(X_SQL) };
#undef X_ENUM
#undef X_SQL

struct store {
    sqlite3 *db;
    char *path;
    bool readonly;
    const char *ro_why;           /* why a writable-looking library opened
                                  ** read-only, or NULL when it simply is */
    int depth;                    /* store_begin nesting */
    sqlite3_stmt *st[ST_COUNT];
    /* Adding articles (issue 5; see store_bulk_mode and save_assertions). */
    int64_t next_assertion;       /* id of the next assertion, 0: ask */
    bool bulk;                    /* triggers off, their work per transaction */
    uint32_t bulk_fire;           /* bulk_triggers[] present, bit by index */
    int64_t bulk_from;            /* articles above it are this transaction's */
    struct ecache_slot *ec;       /* entity lookups of this transaction */
    size_t ec_used, ec_cap;
    int lean_from;                /* levels above it: no savepoint (store_lean) */
    bool lean_lost;               /* one of those failed: roll all back */
    int64_t rev_article, rev;     /* the last revision a change left
                                  ** (store_last_rev) */
    int version;                  /* schema version: below SCHEMA_VERSION
                                  ** only read-only (store_open) */
    bool small_cache;             /* store_small_cache was called */
    bool created;                 /* store_open made the file */
    /* Opened as an immutable file (store_open), the URI; NULL otherwise.
    ** Then the library's files stand for its version: their stamps, and
    ** a count of the changes seen (frozen_data_version). */
    char *frozen;
    struct file_stamp {
        dev_t dev;
        ino_t ino;
        off_t size;
        int64_t mtime_ns;
    } stamp[2];                   /* the library, its -wal */
    struct file_stamp read_stamp[2];  /* the same, as the connection
                                  ** last knew them (frozen_fresh_read) */
    struct retired_db *retired;   /* connections it set aside */
    int64_t frozen_version;
    /* The file opened, as stat names it, for writable() to tell that
    ** the path names it still. */
    bool have_ident;
    dev_t ident_dev;
    ino_t ident_ino;
};

static const char *const assertion_kind_names[] = { "quote", "claim" };

/* ---------------------------------------------------------------------
** Errors and statement helpers.
*/

/* Describe the connection's last error as the user should read it: what
** contra was doing, and why SQLite said no. */
static int fail(store_t *s, err_t *e, const char *what)
{
    int rc = sqlite3_extended_errcode(s->db);

    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        err_set(e, "library %s is busy: another contra has kept it locked "
                "for more than %d seconds; try again", s->path,
                BUSY_TIMEOUT_MS / 1000);
        break;
    case SQLITE_READONLY:
        if (s->ro_why)
            err_set(e, "cannot %s: library %s could not be opened for writing (%s)",
                    what, s->path, s->ro_why);
        else
            err_set(e, "library %s is read-only: cannot %s", s->path, what);
        break;
    case SQLITE_FULL:
        err_set(e, "cannot %s: the disk holding %s is full", what, s->path);
        break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        /* Read as an immutable file, a library its owner checkpoints
        ** meanwhile looks damaged to SQLite until it is opened again,
        ** which the next look at others' changes does (its stamps moved). */
        if (s->frozen)
            err_set(e, "library %s changed while it was read (its owner is writing it); "
                    "it is read again in a moment", s->path);
        else
            err_set(e, "library %s is damaged (%s)", s->path, sqlite3_errmsg(s->db));
        break;
    case SQLITE_IOERR:
        /* "disk I/O error" alone does not help; the system's reason does
        ** (a full disk often shows up here, as does a file size limit). */
        if (sqlite3_system_errno(s->db) == ENOSPC)
            err_set(e, "cannot %s: the disk holding %s is full", what, s->path);
        else if (sqlite3_system_errno(s->db) != 0)
            err_set(e, "cannot %s in %s: %s (%s)", what, s->path,
                    sqlite3_errmsg(s->db), errno_text(sqlite3_system_errno(s->db)));
        else
            err_set(e, "cannot %s in %s: %s (is the disk full?)", what,
                    s->path, sqlite3_errmsg(s->db));
        break;
    default:
        err_set(e, "cannot %s in %s: %s", what, s->path, sqlite3_errmsg(s->db));
        break;
    }
    return -1;
}

static void frozen_fresh_read(store_t *s);

static sqlite3_stmt *stmt(store_t *s, int which, err_t *e)
{
    if (s->frozen)
        frozen_fresh_read(s);
    if (!s->st[which]
        && sqlite3_prepare_v3(s->db, statement_sql[which], -1,
                              SQLITE_PREPARE_PERSISTENT, &s->st[which],
                              NULL) != SQLITE_OK) {
        fail(s, e, "prepare a query");
        s->st[which] = NULL;
        return NULL;
    }
    return s->st[which];
}

/* stmt() with its first parameter bound to id: most lookups are by one id. */
static sqlite3_stmt *stmt_id(store_t *s, int which, int64_t id, err_t *e)
{
    sqlite3_stmt *st = stmt(s, which, e);

    if (st)
        sqlite3_bind_int64(st, 1, id);
    return st;
}

static void done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/* The rows of a statement have run out, rc being its last step's code:
** report why if it stopped short of SQLITE_DONE, and make it ready for
** its next use either way. */
static int end_rows(store_t *s, sqlite3_stmt *st, int rc, err_t *e,
                    const char *what)
{
    if (rc != SQLITE_DONE)
        fail(s, e, what);
    done(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Step st once for a row that may be missing: on a row *id gets its
** first column, without one *id is left as it was.  0, or -1 after
** reporting why; st is ready for its next use either way. */
static int step_id(store_t *s, sqlite3_stmt *st, int64_t *id, err_t *e,
                   const char *what)
{
    int rc = sqlite3_step(st);

    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE)
        fail(s, e, what);
    done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Step a statement to its end, discarding rows. */
static int run(store_t *s, sqlite3_stmt *st, err_t *e, const char *what)
{
    int rc;

    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    return end_rows(s, st, rc, e, what);
}

/* Run a statement that needs no parameters. */
static int run_simple(store_t *s, int which, err_t *e, const char *what)
{
    sqlite3_stmt *st = stmt(s, which, e);
    return st ? run(s, st, e, what) : -1;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_id(sqlite3_stmt *st, int i, int64_t v)
{
    if (v > 0)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

static void bind_span(sqlite3_stmt *st, int i, span_t sp)
{
    if (span_present(sp)) {
        sqlite3_bind_int64(st, i, sp.start);
        sqlite3_bind_int64(st, i + 1, sp.end);
    } else {
        sqlite3_bind_null(st, i);
        sqlite3_bind_null(st, i + 1);
    }
}

static char *column_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    return v ? xstrdup((const char *)v) : NULL;
}

static span_t column_span(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return SPAN_NONE;
    return (span_t){ sqlite3_column_int64(st, i), sqlite3_column_int64(st, i + 1) };
}

static int column_enum(sqlite3_stmt *st, int i, int (*parse)(const char *))
{
    const unsigned char *v = sqlite3_column_text(st, i);
    int n = v ? parse((const char *)v) : -1;
    return n < 0 ? 0 : n;
}

bool store_replaced(const store_t *s)
{
    struct stat sb;
    /* An immutable open follows the file at its path by itself
    ** (frozen_data_version). */
    return s->have_ident && !s->frozen
        && (stat(s->path, &sb) != 0 || sb.st_dev != s->ident_dev || sb.st_ino != s->ident_ino);
}

static int writable(store_t *s, err_t *e, const char *what)
{
    /* A library removed, or another file moved in its place, while it was
    ** open: SQLite goes on writing the file it has open, which nobody
    ** will open again, and the reader said "saved" of tags that were
    ** lost.  One stat(2) per change. */
    if (!s->readonly && store_replaced(s)) {
        err_set(e, "library %s was removed or replaced while open; open it again", s->path);
        return -1;
    }
    if (!s->readonly)
        return 0;
    if (s->ro_why)
        err_set(e, "cannot %s: library %s could not be opened for writing (%s)",
                what, s->path, s->ro_why);
    else
        err_set(e, "library %s is read-only: cannot %s", s->path, what);
    return -1;
}

/* Why did a library we should be able to write open only for reading?
** NULL when permissions explain it (the plain "read-only" message is then
** right); otherwise the files beside it could not be made or grown, which
** on a writable file in a writable directory means the disk is full or a
** file size limit was hit: blaming permissions would send the user the
** wrong way. */
static const char *why_not_writable(const char *path, int rc)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    bool perm = access(path, W_OK) != 0 || access(slash ? dir : ".", W_OK) != 0;
    free(dir);
    if (perm)
        return NULL;
    if ((rc & 0xff) == SQLITE_FULL)
        return "the disk is full";
    return "its files could not be written: the disk may be full or a file size limit reached";
}

/* The id users see for an assertion: Q12 or C12. */
static void assertion_label(char *buf, size_t n, const char *kind, int64_t id)
{
    snprintf(buf, n, "%c%lld", kind && strcmp(kind, "claim") == 0 ? 'C' : 'Q',
             (long long)id);
}

/* ---------------------------------------------------------------------
** Transactions.  The outermost level is BEGIN IMMEDIATE: a reader that
** later wants to write would have to upgrade its lock, and in WAL mode an
** upgrade that collides with another writer fails at once instead of
** waiting out the busy timeout.  Inner levels are savepoints, so a failed
** inner step undoes only itself.
*/
static void ecache_clear(store_t *s);
static int bulk_start(store_t *s, err_t *e);
static int bulk_finish(store_t *s, err_t *e);

int store_begin(store_t *s, err_t *e)
{
    if (writable(s, e, "make changes"))
        return -1;
    if (s->depth && sqlite3_get_autocommit(s->db)) {
        /* SQLite rolled the outer transaction back (an I/O error, a full
        ** disk); a SAVEPOINT now would begin a transaction of its own,
        ** committed by its RELEASE without the bulk mode's deferred work. */
        err_set(e, "library %s: the change was not saved, an earlier error "
                "undid the transaction", s->path);
        return -1;
    }
    if (s->lean_from && s->depth >= s->lean_from) {
        s->depth++;
        return 0;
    }
    if (run_simple(s, s->depth ? ST_SAVEPOINT : ST_BEGIN, e, "save changes"))
        return -1;
    s->depth++;
    if (s->depth == 1) {
        s->lean_lost = false;
        /* What was cached from the library may have changed since the
        ** last transaction: another contra could have written. */
        s->next_assertion = 0;
        s->rev_article = 0;
        ecache_clear(s);
        if (bulk_start(s, e)) {
            store_rollback(s);
            return -1;
        }
    }
    return 0;
}

int store_commit(store_t *s, err_t *e)
{
    if (s->depth <= 0) {
        err_set(e, "library %s: commit without a transaction", s->path);
        return -1;
    }
    if (sqlite3_get_autocommit(s->db)) {
        /* SQLite already rolled everything back after an I/O error, a
        ** full disk or the like; nothing of this transaction survives. */
        s->depth--;
        err_set(e, "library %s: the change was not saved, an earlier error "
                "undid the transaction", s->path);
        return -1;
    }
    if (s->lean_from && s->depth > s->lean_from) {
        s->depth--;
        return 0;
    }
    if (s->depth > 1) {
        if (run_simple(s, ST_RELEASE, e, "save the changes")) {
            store_rollback(s);
            return -1;
        }
        s->depth--;
        return 0;
    }
    if (s->lean_lost) {
        /* Part of a store without a savepoint failed (store_lean): what
        ** it left must not be committed. */
        store_rollback(s);
        err_set(e, "library %s: the change was not saved, an earlier error "
                "undid the transaction", s->path);
        return -1;
    }
    if (bulk_finish(s, e) || run_simple(s, ST_COMMIT, e, "save the changes")) {
        store_rollback(s);
        return -1;
    }
    s->depth = 0;
    return 0;
}

void store_rollback(store_t *s)
{
    err_t ignore;

    if (s->depth <= 0)
        return;
    /* Ids and entities cached since may be undone now, and so may the
    ** last revision written. */
    s->next_assertion = 0;
    s->rev_article = 0;
    ecache_clear(s);
    if (s->lean_from && s->depth > s->lean_from) {
        s->lean_lost = true;    /* nothing to undo it alone with */
        s->depth--;
        return;
    }
    if (s->depth == 1)
        s->lean_lost = false;
    if (!sqlite3_get_autocommit(s->db)) {
        if (s->depth > 1) {
            run_simple(s, ST_ROLLBACK_TO, &ignore, "undo");
            run_simple(s, ST_RELEASE, &ignore, "undo");
        } else {
            run_simple(s, ST_ROLLBACK, &ignore, "undo");
        }
    }
    s->depth--;
}

/* ---------------------------------------------------------------------
** Opening.
*/
char *store_default_path(const char *opt_db)
{
    const char *v;

    if (opt_db && *opt_db)
        return xstrdup(opt_db);
    if ((v = getenv("CONTRA_DB")) && *v)
        return xstrdup(v);
    /* The XDG spec says a relative XDG_DATA_HOME is to be ignored. */
    if ((v = getenv("XDG_DATA_HOME")) && v[0] == '/')
        return xasprintf("%s/contra/contra.db", v);
    if ((v = getenv("HOME")) && *v)
        return xasprintf("%s/.local/share/contra/contra.db", v);
    return xstrdup("contra.db");
}

/* mkdir -p of the directory part of path. */
static int make_parent_dirs(const char *path, err_t *e)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');

    if (!slash || slash == dir) {
        free(dir);
        return 0;
    }
    *slash = '\0';
    for (char *p = dir + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
                err_set(e, "cannot create directory %s: %s", dir, errno_text(errno));
                free(dir);
                return -1;
            }
            *p = c;
            if (!c)
                break;
        }
    }
    free(dir);
    return 0;
}

/* SQLite's process-wide settings, made before its first use.  Memory
** statistics off, for speed (issue 5): contra never reads them, and
** keeping them took a global mutex around every allocation SQLite made,
** some 4% of the instructions to a typical article's first frame (the
** schema's parse allocates for each of its objects). */
static void configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    /* The page cache's first 20 pages stay one bulk allocation (issue 5,
    ** measured): without it, reading a typical article took 6 page faults
    ** fewer (the bulk comes before store_small_cache makes the reader's
    ** cache some 15 pages), but an import 0.25% more instructions, a
    ** malloc for each page of its many short-lived caches. */
}

static int open_db(store_t *s, const char *name, int oflags, err_t *e)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;

    pthread_once(&configured, configure_sqlite);
    if (s->db) {
        for (int i = 0; i < ST_COUNT; i++) {
            sqlite3_finalize(s->st[i]);
            s->st[i] = NULL;
        }
        sqlite3_close(s->db);
        s->db = NULL;
    }
    /* NOMUTEX: a store is used by one thread at a time, and SQLite's
    ** per-call locking was a few percent of an import (issue 5). */
    if (sqlite3_open_v2(name, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        err_set(e, "cannot open library %s: %s", s->path,
                s->db ? sqlite3_errmsg(s->db) : "out of memory");
        return -1;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    /* Before anything can touch the full-text index: its triggers on
    ** articles need the tokenizer as much as a search does. */
    if (store_fts_register(s->db) != SQLITE_OK) {
        err_set(e, "cannot open library %s: %s", s->path, sqlite3_errmsg(s->db));
        return -1;
    }
    /* A library file could come from anyone; refuse the features that let
    ** a crafted schema corrupt it.  (trusted_schema stays on: the FTS
    ** triggers write to a virtual table, which it would forbid.) */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    s->readonly = sqlite3_db_readonly(s->db, "main") == 1;
    return 0;
}

/* Read application_id, user_version and the number of schema objects.
** Only reads: a file that turns out not to be ours stays untouched.
** Returns the SQLite result code.
**
** The number of schema objects only tells a new library from another
** program's database, so it is read only when application_id is not
** ours.  Each value is read by a statement of its own, for speed (issue
** 5): one SELECT of the three through the pragmas' table-valued
** functions took 150,000 instructions to prepare, beside the schema's
** parse, on the way to every first frame.
**
** Read one at a time outside a transaction, the values could come from
** two snapshots: while another contra creates the library, application_id
** read before its commit (0, a new file) and the schema counted after it
** made a library being created look like another program's database.
** So when application_id is not ours, all three are read again inside one
** read transaction (a savepoint, which also nests in migrate()'s write
** transaction); ours, only user_version follows, and a newer one read
** late is the one to act on. */
static int probe_once(store_t *s, int *app, int *version, int *nschema, err_t *e)
{
    static const int which[] = { ST_PROBE_APP, ST_PROBE_VERSION, ST_PROBE_NSCHEMA };
    int *out[] = { app, version, nschema };

    *nschema = 0;
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *st;
        int rc;

        if (which[i] == ST_PROBE_NSCHEMA && *app == CONTRA_APPLICATION_ID)
            break;
        if (!(st = stmt(s, which[i], e)))
            return sqlite3_extended_errcode(s->db);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            *out[i] = sqlite3_column_int(st, 0);
        else
            fail(s, e, "read the library");
        done(st);
        if (rc != SQLITE_ROW)
            return rc;
    }
    return SQLITE_OK;
}

static int probe(store_t *s, int *app, int *version, int *nschema, err_t *e)
{
    int rc = probe_once(s, app, version, nschema, e);
    if (rc != SQLITE_OK || *app == CONTRA_APPLICATION_ID)
        return rc;
    if ((rc = sqlite3_exec(s->db, "SAVEPOINT contra_probe", NULL, NULL, NULL)) != SQLITE_OK) {
        fail(s, e, "read the library");
        return rc;
    }
    rc = probe_once(s, app, version, nschema, e);
    sqlite3_exec(s->db, "RELEASE contra_probe", NULL, NULL, NULL);
    return rc;
}

static bool cannot_write_files(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY || rc == SQLITE_IOERR
        || rc == SQLITE_PERM;
}

static store_progress_fn *upgrade_progress;
static void *upgrade_progress_arg;

void store_set_upgrade_progress(store_progress_fn *fn, void *arg)
{
    upgrade_progress = fn;
    upgrade_progress_arg = arg;
}

/* Articles per step of refill_fts: a step is one statement, whose end
** is where FTS5 writes out what it holds, so a step must be large enough
** not to leave the index in many small pieces, and small enough for the
** progress to move (about 0.1 s on the bench library). */
#define REFILL_STEP 1000

/* Fill the full-text index, new and empty (migration 7), with every
** article, inside migrate()'s transaction: a refill stopped by a signal
** or a crash leaves the library as it was before the upgrade.  FTS5's
** own 'rebuild' does the same in one statement, with nothing to say how
** far it is; on the 100,000-article bench library the refill takes about
** as long, some 15 s, and the merge of its pieces 3 s more.  Steps go by ranges of ids, which AUTOINCREMENT
** keeps dense but for removed articles. */
static int refill_fts(store_t *s, err_t *e)
{
    sqlite3_stmt *count = NULL, *fill = NULL;
    int64_t total = 0, max_id = 0, done = 0;
    int rc = sqlite3_prepare_v2(s->db, "SELECT count(*), max(id) FROM articles", -1,
                                &count, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(count)) == SQLITE_ROW) {
        total = sqlite3_column_int64(count, 0);
        max_id = sqlite3_column_int64(count, 1);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(count);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "INSERT INTO articles_fts(rowid, title, text)"
                                " SELECT id, title, text FROM articles"
                                " WHERE id > ?1 AND id <= ?2", -1, &fill, NULL);
    for (int64_t lo = 0; rc == SQLITE_OK && lo < max_id; lo += REFILL_STEP) {
        if (upgrade_progress && total > 0)
            upgrade_progress(upgrade_progress_arg, done, total);
        sqlite3_bind_int64(fill, 1, lo);
        sqlite3_bind_int64(fill, 2, lo + REFILL_STEP);
        rc = sqlite3_step(fill);
        done += sqlite3_changes(s->db);
        sqlite3_reset(fill);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(fill);
    /* The steps leave the index in some hundred pieces, which every
    ** search then reads and merges: first results took 13.6 ms on the
    ** bench library against 8.7-10.1 before the upgrade.  Merged into
    ** one, in about 3 s there. */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(s->db, "INSERT INTO articles_fts(articles_fts) VALUES ('optimize')",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail(s, e, "make the search index again");
    if (upgrade_progress && total > 0)
        upgrade_progress(upgrade_progress_arg, total, total);
    return 0;
}

static int migrate(store_t *s, err_t *e)
{
    int app = 0, version = 0, nschema = 0;
    char *msg = NULL;

    if (store_begin(s, e))
        return -1;
    /* Look again under the write lock: another contra may have created or
    ** upgraded the library since we first looked. */
    if (probe(s, &app, &version, &nschema, e) != SQLITE_OK)
        goto fail;
    if (app != CONTRA_APPLICATION_ID && (app != 0 || nschema != 0)) {
        err_set(e, "%s is not a contra library", s->path);
        goto fail;
    }
    if (app == 0)
        version = 0;
    for (int v = version; v < SCHEMA_VERSION; v++) {
        /* Migrations are multi-statement scripts that run once per
        ** library, so sqlite3_exec (which prepares each) is the tool. */
        if (sqlite3_exec(s->db, migrations[v], NULL, NULL, &msg) != SQLITE_OK) {
            err_set(e, "cannot upgrade library %s to schema %d: %s", s->path,
                    v + 1, msg ? msg : sqlite3_errmsg(s->db));
            sqlite3_free(msg);
            goto fail;
        }
        if (v + 1 == FTS_VERSION && refill_fts(s, e))
            goto fail;
    }
    if (version < SCHEMA_VERSION) {
        char sql[128];
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
                 CONTRA_APPLICATION_ID, SCHEMA_VERSION);
        if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
            fail(s, e, "record the schema version");
            goto fail;
        }
    }
    return store_commit(s, e);
fail:
    store_rollback(s);
    return -1;
}

/* Switch to WAL unless the library is in it already.  The switch needs
** the file to itself, and SQLite reports a collision with another
** process's open at once rather than through the busy handler, which
** happens when several contras open a new library together; so wait and
** retry here, up to the same timeout. */
static int set_wal(store_t *s, err_t *e)
{
    for (int waited = 0; ; waited += 20) {
        sqlite3_stmt *st = stmt(s, ST_JOURNAL_MODE, e);
        bool wal = false;
        int rc;

        if (!st)
            return -1;
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            wal = sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
        done(st);
        if (wal)
            return 0;
        if (rc == SQLITE_ROW) {
            if (!(st = stmt(s, ST_SET_WAL, e)))
                return -1;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW)
                ;
            done(st);
            if (rc == SQLITE_DONE)
                return 0;
        }
        if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
            return fail(s, e, "switch the library to WAL mode");
        sqlite3_sleep(20);
    }
}

/* What stat says of the library and its -wal, to tell that they changed
** (zeros for a file that is not there). */
static void stamp_files(const store_t *s, struct file_stamp st[2])
{
    static const char *const suffix[2] = { "", "-wal" };

    memset(st, 0, 2 * sizeof *st);
    for (int k = 0; k < 2; k++) {
        char *p = xasprintf("%s%s", s->path, suffix[k]);
        struct stat sb;
        if (stat(p, &sb) == 0) {
            st[k].dev = sb.st_dev;
            st[k].ino = sb.st_ino;
            st[k].size = sb.st_size;
            st[k].mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
        }
        free(p);
    }
}

/* Would reading the library make its -wal and -shm, ours?  On a shared
** server, a colleague's library we may read but not write often lies in
** a directory the group may write.  A read-only open there makes the
** -wal and -shm when nobody has the library open, owned by us with the
** library's mode (SQLite copies it), and the owner's contra could then
** not write its own -shm while ours was open: it found its library
** read-only, and its tags were refused.  Such a library is read as an
** immutable file instead, which makes nothing, until its owner opens it
** and the two files are theirs (frozen_data_version).  Root need not
** care: SQLite gives the files it makes as root to the library's owner.
** writable: whether we may write the library (access(2), asked once per
** open by the caller, for the three checks here). */
static bool would_make_files(const char *path, bool writable)
{
    if (writable)
        return false;
    char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
    bool there = access(wal, F_OK) == 0 && access(shm, F_OK) == 0;
    free(wal);
    free(shm);
    return !there;
}

/* Did this process make the -wal and -shm of a library it may only read?
** would_make_files looked before the open, and the owner's contra may
** have removed them in between (its close, as the last one in).  Read
** on like that, the files would be ours while we read, and the owner's
** contra read-only meanwhile. */
static bool made_files(const char *path, bool writable)
{
    if (writable)
        return false;
    char *shm = xasprintf("%s-shm", path);
    struct stat sb;
    bool ours = stat(shm, &sb) == 0 && sb.st_uid == geteuid();
    free(shm);
    return ours;
}

/* SQLite's locks on a -shm (os_unix.c): a connection that uses the file
** holds a read lock on its "dead man switch" byte, SHM_DMS, for as long
** as it does; SHM_LOCKS are the bytes of the locks before it. */
#define SHM_LOCK_FIRST 120
#define SHM_LOCK_BYTES 9

/* Our library, whose -shm another user made and we cannot write: their
** contra, reading it, made the -wal and -shm when nobody else had it
** open (an older contra always did; now only in a race, see
** would_make_files), and SQLite leaves them when that reader closes.
** Our library was then read-only to us for good.  When nobody uses the
** -shm any more (no process holds a lock on it) and the -wal holds
** nothing (a reader writes none), the two are stale, and removed: SQLite
** makes them afresh, ours.  0 when they were removed; 1 when they stay,
** with *why saying whose they are and until when (a library made
** group-writable after its files were made has files the group cannot
** write, and whose -wal may hold changes not yet in the library); -1
** when they are not the cause or cannot be removed. */
static int clear_stale_files(const char *path, bool writable, const char **why)
{
    static char msg[256];
    if (!writable)
        return -1;
    char *shm = xasprintf("%s-shm", path), *wal = xasprintf("%s-wal", path);
    struct stat sb;
    int rc = -1;

    if (stat(shm, &sb) != 0 || sb.st_uid == geteuid()
        || access(shm, W_OK) == 0)
        goto out;
    uid_t uid = sb.st_uid;
    bool changes = stat(wal, &sb) == 0 && sb.st_size > 0;
    int fd = open(shm, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        goto out;
    struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                        .l_start = SHM_LOCK_FIRST, .l_len = SHM_LOCK_BYTES };
    bool used = fcntl(fd, F_GETLK, &lk) != 0 || lk.l_type != F_UNLCK;
    close(fd);
    if (used || changes) {
        const struct passwd *pw = getpwuid(uid);
        char who[64];
        if (pw)
            snprintf(who, sizeof who, "%s", pw->pw_name);
        else
            snprintf(who, sizeof who, "user %lu", (unsigned long)uid);
        snprintf(msg, sizeof msg, used
                 ? "its -shm is %s's, whose program (a contra reading it, perhaps) has "
                   "it open; it can be written once that quits"
                 : "its -shm is %s's, and its -wal holds changes not yet in the library; "
                   "it can be written once %s's contra has opened it and quit",
                 who, who);
        *why = msg;
        rc = 1;
    } else if ((unlink(wal) == 0 || errno == ENOENT) && unlink(shm) == 0) {
        rc = 0;
    }
out:
    free(shm);
    free(wal);
    return rc;
}

/* Finalize a connection's statements and close it, leaving both unset:
** the store's own at store_close, one replaced (retired, or a fresh one
** not taken). */
static void close_conn(sqlite3 **db, sqlite3_stmt *st[ST_COUNT])
{
    for (int i = 0; i < ST_COUNT; i++) {
        sqlite3_finalize(st[i]);
        st[i] = NULL;
    }
    sqlite3_close(*db);
    *db = NULL;
}

/* A connection frozen_fresh_read replaced, kept open with its
** statements until none of them can still be in a caller's hands. */
typedef struct retired_db {
    struct retired_db *next;
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
} retired_db_t;

/* Close the connections set aside, those with no statement running, or
** all (store_close). */
static void close_retired(store_t *s, bool all)
{
    for (retired_db_t **p = &s->retired; *p;) {
        retired_db_t *r = *p;
        bool running = false;
        for (int i = 0; i < ST_COUNT && !all && !running; i++)
            running = r->st[i] && sqlite3_stmt_busy(r->st[i]);
        if (running) {
            p = &r->next;
            continue;
        }
        close_conn(&r->db, r->st);
        *p = r->next;
        free(r);
    }
}

static int reopen_as(store_t *into, const char *name, int flags);

/* SQLite trusts an immutable file never to change: it keeps its pages,
** and its length, from one read to the next.  Its owner changes it all
** the same, and a key pressed between the reader's idle looks (which
** open the library again, frozen_data_version) read stale pages, or new
** pages beside stale ones, or pages past the length it knew, which
** SQLite calls damage.  So before a read begins, if the files' stamps
** moved since the connection last read them, it is replaced by a fresh
** one: two stat(2) calls per statement, for such libraries only.  The old
** one is set aside, not closed, since a caller may hold a statement of it
** prepared for the read it is making now (close_retired, at the next
** idle look).  A checkpoint during the read itself can still tear it
** (fail's message says so, and the next look opens the file again). */
static void frozen_fresh_read(store_t *s)
{
    struct file_stamp now[2];

    /* Not inside a transaction, even one begun and not yet reading (a
    ** deferred BEGIN has no read open until its first statement): its
    ** COMMIT, or the rest of a long article read in it, would go to the
    ** new connection, and the old one, left in its BEGIN, could not be
    ** closed (R5). */
    if (!s->db || s->depth > 0 || !sqlite3_get_autocommit(s->db)
        || sqlite3_txn_state(s->db, NULL) != SQLITE_TXN_NONE)
        return;
    stamp_files(s, now);
    if (!memcmp(now, s->read_stamp, sizeof now))
        return;
    memcpy(s->read_stamp, now, sizeof now);
    store_t fresh;
    memset(&fresh, 0, sizeof fresh);
    fresh.path = s->path;
    /* Another schema (the owner upgraded it) is for the idle look to
    ** take on, with everything that depends on it. */
    if (reopen_as(&fresh, s->frozen, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI) != s->version) {
        close_conn(&fresh.db, fresh.st);
        sqlite3_db_release_memory(s->db);
        return;
    }
    retired_db_t *r = xcalloc(1, sizeof *r);
    r->db = s->db;
    memcpy(r->st, s->st, sizeof r->st);
    r->next = s->retired;
    s->retired = r;
    s->db = fresh.db;
    memcpy(s->st, fresh.st, sizeof s->st);
    if (s->small_cache)
        store_small_cache(s);
}

/* Above any PRAGMA data_version, so that the numbers of an immutable
** open and of the read-only one that may follow never meet. */
#define FROZEN_VERSION_BASE ((int64_t)1 << 40)

/* Open name (flags) into the fresh store `into` and check that it is a
** library contra reads; its schema version, or -1 (into is then to be
** closed). */
static int reopen_as(store_t *into, const char *name, int flags)
{
    int app = 0, version = 0, nschema = 0;
    err_t e = {{0}};

    if (open_db(into, name, flags, &e) != 0
        || probe(into, &app, &version, &nschema, &e) != SQLITE_OK
        || app != CONTRA_APPLICATION_ID || version < READ_MIN_VERSION
        || version > SCHEMA_VERSION)
        return -1;
    return version;
}

/* store_data_version for a library opened immutable (store_open: in a
** directory we cannot write, with no -shm made by its owner yet).  SQLite
** reads such a file as one nobody changes, and its data_version never
** moves; but the owner can change it, and a reader open on a colleague's
** library on a shared server must show those changes as it does
** elsewhere.  So the files' stamps stand for the version, and when they
** move the library is opened again: read-only through the -shm if the
** owner's contra has made one since (its log is read then, and
** data_version works from then on), else immutable again.  Never inside
** a read transaction (a long article's second half is read in one). */
static int64_t frozen_data_version(store_t *s)
{
    struct file_stamp now[2];

    close_retired(s, false);
    stamp_files(s, now);
    if (!memcmp(now, s->stamp, sizeof now) || s->depth > 0
        || (s->db && !sqlite3_get_autocommit(s->db)))
        return s->frozen_version;
    /* Into a store of its own, so that a library moved away, replaced by
    ** another file or unreadable now leaves the open one as it was (its
    ** descriptor still reads the file it opened); the stamps seen are
    ** kept either way, so that the file's coming back is a change too. */
    memcpy(s->stamp, now, sizeof now);
    store_t fresh;
    memset(&fresh, 0, sizeof fresh);
    fresh.path = s->path;
    bool writable = access(s->path, W_OK) == 0;
    bool shared = !would_make_files(s->path, writable);
    int version = shared ? reopen_as(&fresh, s->path, SQLITE_OPEN_READONLY) : -1;
    if (version >= 0 && made_files(s->path, writable)) {
        close_conn(&fresh.db, fresh.st);
        version = -1;
    }
    if (version < 0) {
        shared = false;
        version = reopen_as(&fresh, s->frozen, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    }
    if (version < 0) {
        close_conn(&fresh.db, fresh.st);
        return s->frozen_version;
    }
    close_conn(&s->db, s->st);
    memcpy(s->st, fresh.st, sizeof s->st);
    s->db = fresh.db;
    memcpy(s->read_stamp, now, sizeof now);
    s->version = version;
    if (shared) {
        free(s->frozen);
        s->frozen = NULL;
    }
    if (s->small_cache)
        store_small_cache(s);
    return ++s->frozen_version;
}

store_t *store_open(const char *path, int flags, err_t *e)
{
    store_t *s = xcalloc(1, sizeof *s);
    struct stat sb;
    int app = 0, version = 0, nschema = 0, rc;
    bool exists;
    char *uri = NULL;

    s->path = xstrdup(path);
    exists = stat(path, &sb) == 0;
    if (!exists) {
        if (errno != ENOENT) {
            err_set(e, "cannot open library %s: %s", path, errno_text(errno));
            goto fail;
        }
        if (!(flags & STORE_CREATE) || (flags & STORE_READONLY)) {
            err_set(e, "no library at %s", path);
            goto fail;
        }
        if (make_parent_dirs(path, e))
            goto fail;
        /* "new/../lib.db" names a library that is there once new is. */
        exists = stat(path, &sb) == 0;
    }
    if (exists && S_ISDIR(sb.st_mode)) {
        err_set(e, "%s is a directory, not a contra library", path);
        goto fail;
    }
    s->created = !exists;
    bool writable = exists && access(path, W_OK) == 0;
    bool make_nothing = exists && would_make_files(path, writable);

    if (open_db(s, path, (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY
                : SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE), e))
        goto fail;
    if (flags & STORE_READONLY)
        s->readonly = true;
    /* Before the first read, which would open the -shm as it is. */
    const char *in_use = NULL;
    if (exists && !(flags & STORE_READONLY) && !make_nothing
        && clear_stale_files(path, writable, &in_use) == 1) {
        s->readonly = true;
        s->ro_why = in_use;
    }
    rc = make_nothing ? SQLITE_CANTOPEN : probe(s, &app, &version, &nschema, e);
    if (rc == SQLITE_OK && exists && made_files(path, writable)) {
        make_nothing = true;    /* closed by the immutable open below */
        rc = SQLITE_CANTOPEN;
    }
    if (exists && cannot_write_files(rc)) {
        /* A WAL library in a directory we cannot write to: reading needs
        ** the -shm file, which cannot be created there.  Try read-only,
        ** then as an immutable file, which needs no -shm at all; its
        ** owner's changes are then seen by the files' stamps
        ** (frozen_data_version).  Straight to immutable where reading
        ** would make the owner's files ours (would_make_files). */
        if (!(flags & STORE_READONLY))
            s->ro_why = in_use ? in_use : why_not_writable(path, rc);
        if (!make_nothing && !(flags & STORE_READONLY)
            && open_db(s, path, SQLITE_OPEN_READONLY, e) == 0) {
            s->readonly = true;
            rc = probe(s, &app, &version, &nschema, e);
        }
        if (cannot_write_files(rc)) {
            /* Stamped before the open, so that a change made during it
            ** is one more, not one missed. */
            stamp_files(s, s->stamp);
            memcpy(s->read_stamp, s->stamp, sizeof s->stamp);
            s->frozen_version = FROZEN_VERSION_BASE;
            strbuf_t b = {0};
            sb_adds(&b, "file:");
            for (const char *p = path; *p; p++) {
                if (*p == '%' || *p == '?' || *p == '#')
                    sb_printf(&b, "%%%02X", (unsigned char)*p);
                else
                    sb_addc(&b, *p);
            }
            sb_adds(&b, "?immutable=1");
            uri = sb_steal(&b);
            if (open_db(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, e))
                goto fail;
            s->readonly = true;
            s->frozen = uri;
            uri = NULL;
            rc = probe(s, &app, &version, &nschema, e);
        }
    }
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_NOTADB)
            err_set(e, "%s is not a contra library (not an SQLite database)", path);
        goto fail;
    }
    if (app != CONTRA_APPLICATION_ID && (app != 0 || nschema != 0)) {
        err_set(e, "%s is not a contra library (an SQLite database of "
                "another program)", path);
        goto fail;
    }
    /* An SQLite database with nothing in it becomes a library only for a
    ** command that may make one: list or show made it one, 150 KB, where
    ** they change nothing (the same for an empty file: cli_open_e). */
    if (app == 0 && nschema == 0 && exists && !(flags & STORE_CREATE) && !s->readonly) {
        err_set(e, "%s is not a contra library (an empty SQLite database; 'contra add' "
                "makes a library in it)", path);
        goto fail;
    }
    if (app == CONTRA_APPLICATION_ID && version > SCHEMA_VERSION) {
        err_set(e, "library %s was written by a newer contra (schema %d > %d); "
                "upgrade contra to use it", path, version, SCHEMA_VERSION);
        goto fail;
    }
    if (app == 0)
        version = 0;
    /* A library read-only to us (a colleague's, on a shared server) is
    ** read at its own schema when the reader needs nothing newer: since
    ** migration 4, the later ones only serve the revisions (5, 6), and
    ** without them the reader reads its article again at any change; the
    ** ASCII spellings in search (7: its index is searched with its own
    ** tokenizer); and links removed (8), which only writers consult. */
    if (version < READ_MIN_VERSION && s->readonly) {
        err_set(e, version ? "library %s needs an upgrade but is read-only"
                : "library %s is empty and read-only", path);
        goto fail;
    }
    s->version = s->readonly ? version : SCHEMA_VERSION;

    /* Only a library that is new or ours gets here, so switching the
    ** journal mode cannot touch someone else's file. */
    if (!s->readonly && set_wal(s, e))
        goto fail;
    if (run_simple(s, ST_FOREIGN_KEYS, e, "turn on foreign keys")
        || run_simple(s, ST_SYNCHRONOUS, e, "set synchronous mode"))
        goto fail;
    if (version < SCHEMA_VERSION && !s->readonly && migrate(s, e)) {
        /* Another contra kept the library locked all the while (it may be
        ** upgrading it itself: migration 7 takes some seconds a 10,000
        ** articles).  What can be read at the schema it has is read, and
        ** what would write says why it cannot. */
        if ((sqlite3_extended_errcode(s->db) & 0xff) != SQLITE_BUSY
            || app != CONTRA_APPLICATION_ID || version < READ_MIN_VERSION)
            goto fail;
        s->readonly = true;
        s->version = version;
        s->ro_why = "another contra kept it locked while this one would have "
                    "upgraded it, perhaps upgrading it itself; open it again to write";
    }
    free(uri);
    if (stat(path, &sb) == 0) {
        s->have_ident = true;
        s->ident_dev = sb.st_dev;
        s->ident_ino = sb.st_ino;
    }
    /* What failed on the way to a read-only or immutable open is no
    ** error now (a caller printed it at exit as one). */
    if (e)
        e->msg[0] = '\0';
    return s;
fail:
    free(uri);
    store_close(s);
    return NULL;
}

void store_close(store_t *s)
{
    if (!s)
        return;
    close_conn(&s->db, s->st);
    close_retired(s, true);
    ecache_clear(s);
    free(s->ec);
    free(s->frozen);
    free(s->path);
    free(s);
}

bool store_readonly(const store_t *s) { return s->readonly; }
bool store_created(const store_t *s) { return s->created; }
const char *store_path(const store_t *s) { return s->path; }

/* 64 KB: the default 2 MB cache would add its size to the reader's peak memory
** for nothing: the reader's queries touch few pages, and the text of an
** article is read past the cache (issue 5's memory target). */
void store_small_cache(store_t *s)
{
    s->small_cache = true;
    sqlite3_exec(s->db, "PRAGMA cache_size = -64", NULL, NULL, NULL);
    /* Nor 120 KB of lookaside slots for a few statements at a time. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 0, 0);
}

/* A batch of imports in one transaction touches more pages than the
** default 2 MB cache holds: they were spilled to the WAL and written again
** and again, and each file's savepoint kept its journal in a temporary
** file; both cost more than the commits the batch saved (issue 5).  The
** log is copied into the library only past 64 MB rather than 4: contra add
** checkpoints on a connection of its own, beside the import, and a
** checkpoint in the middle of a commit held up the import (a tenth of its
** time on the 100,000-article library).
**
** Bulk mode also turns this connection's triggers off and does their work
** once per transaction instead, in store_commit: the FTS index of the
** transaction's articles in one statement, the counts in a few.  Each
** statement inside a transaction opens a statement savepoint, and FTS5
** writes what it holds to disk at every savepoint once it is part of the
** transaction: the per-row trigger made one index segment per article,
** then merged them, which was a fifth of an import; the count triggers
** cost a sub-program run for every mention and quote.  The transaction
** is still one: a killed import leaves no article without its index.
**
** The triggers bulk mode knows.  Those on insert have their work done by
** the statements named (-1: none; the other triggers fire on changes an
** import never makes: adding articles only inserts).  A trigger missing
** from this list keeps bulk mode off, so a migration that adds one must
** add it here too; test_import checks that bulk mode is on for the
** current schema and leaves the library as one import at a time does.
*/
static const struct bulk_trigger {
    const char *name;
    int st[2];
} bulk_triggers[] = {
    { "articles_fts_insert", { ST_BULK_FTS, -1 } },
    { "articles_fts_delete", { -1, -1 } },
    { "articles_fts_update", { -1, -1 } },
    { "article_count_insert", { ST_BULK_COUNT, -1 } },
    { "article_count_delete", { -1, -1 } },
    { "article_entities_mention_insert", { ST_BULK_ENTITY_MENTIONS, -1 } },
    { "article_entities_mention_delete", { -1, -1 } },
    { "article_entities_mention_update", { -1, -1 } },
    { "article_counts_assertion_insert", { ST_BULK_STATUSES, ST_BULK_ENTITY_SPEAKS } },
    { "article_counts_assertion_delete", { -1, -1 } },
    { "article_counts_assertion_update", { -1, -1 } },
    { "tags_raise_rev", { -1, -1 } },
};
#define N_BULK_TRIGGERS (sizeof bulk_triggers / sizeof bulk_triggers[0])

void store_bulk_mode(store_t *s)
{
    sqlite3_exec(s->db, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"
                 " PRAGMA wal_autocheckpoint = 16384", NULL, NULL, NULL);
    if (s->bulk || s->depth || s->readonly)
        return;
    err_t ignore = {{0}};
    sqlite3_stmt *st = stmt(s, ST_TRIGGER_NAMES, &ignore);
    uint32_t fire = 0;
    bool known = st != NULL;
    int rc = SQLITE_DONE;
    while (known && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        size_t i = 0;
        while (i < N_BULK_TRIGGERS && (!name || strcmp(name, bulk_triggers[i].name)))
            i++;
        if (i == N_BULK_TRIGGERS)
            known = false;
        else if (bulk_triggers[i].st[0] >= 0)
            fire |= 1u << i;
    }
    if (st)
        done(st);
    int on = 1;
    if (!known || rc != SQLITE_DONE
        || sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &on) != SQLITE_OK
        || on != 0)
        return;
    /* The CHECK constraints cost more than the rows they guard (SQLite
    ** builds a table for each "IN (...)" list, for every row: a sixth of
    ** a bulk import).  Everything an import inserts has passed validate()
    ** or store_add_relation's checks, which test what the constraints
    ** test, and the names written come from the model's tables. */
    sqlite3_exec(s->db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
    /* Nor foreign keys, for speed (issue 5): every id an import writes is
    ** one it has just inserted or looked up in the same transaction,
    ** under the write lock (the article's, match_entity's, resolve_end's
    ** and store_add_relation's), and an import deletes nothing.  Looking
    ** each mention's and quote's article and entity up again was 8% of
    ** the storing thread's instructions (200 files into the
    ** 100,000-article library: 507M -> 467M). */
    sqlite3_exec(s->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    /* Statements compiled with the triggers in them are compiled again,
    ** without, on their next use. */
    for (int i = 0; i < ST_COUNT; i++) {
        sqlite3_finalize(s->st[i]);
        s->st[i] = NULL;
    }
    s->bulk = true;
    s->bulk_fire = fire;
}

bool store_bulk_active(const store_t *s)
{
    return s->bulk;
}

/* A savepoint costs a copy of every page its changes touch, made before
** the first change to each: a tenth of the storing thread's time in a
** bulk import (issue 5), for what the caller knows cannot fail but for
** SQLite itself (store_check_article). */
void store_lean(store_t *s, bool on)
{
    s->lean_from = on && s->bulk && s->depth >= 1 ? s->depth : 0;
}

bool store_lean_lost(const store_t *s)
{
    return s->lean_lost;
}

int store_checkpoint(store_t *s, err_t *e)
{
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    /* Busy: someone else is checkpointing, which is as good. */
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        return fail(s, e, "copy the log into the library");
    return 0;
}

/* At the start of a bulk transaction: every article added in it will have
** a larger id than any now (AUTOINCREMENT). */
static int bulk_start(store_t *s, err_t *e)
{
    sqlite3_stmt *st;

    if (!s->bulk)
        return 0;
    s->bulk_from = 0;
    if (!(st = stmt(s, ST_MAX_ARTICLE_ID, e)))
        return -1;
    return step_id(s, st, &s->bulk_from, e, "read the library");
}

/* Before a bulk transaction commits: what the insert triggers would have
** done for its articles. */
static int bulk_finish(store_t *s, err_t *e)
{
    if (!s->bulk)
        return 0;
    for (size_t i = 0; i < N_BULK_TRIGGERS; i++) {
        if (!(s->bulk_fire & (1u << i)))
            continue;
        for (int k = 0; k < 2 && bulk_triggers[i].st[k] >= 0; k++) {
            sqlite3_stmt *st = stmt_id(s, bulk_triggers[i].st[k], s->bulk_from, e);
            if (!st || run(s, st, e, "index the new articles"))
                return -1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------------
** Adding articles.
*/

/* The matching key of a name: surrounding and repeated white space
** dropped, case folded with Unicode rules, NFC.  Caller frees. */
static char *name_fold(const char *name)
{
    strbuf_t b = {0};
    const char *p = name;
    uint8_t *f;
    size_t n = 0;

    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        if (b.len)
            sb_addc(&b, ' ');
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            sb_addc(&b, *p++);
    }
    if (!b.s)
        sb_adds(&b, "");
    f = u8_casefold((const uint8_t *)b.s, b.len, NULL, UNINORM_NFC, NULL, &n);
    if (!f)
        return sb_steal(&b);
    sb_free(&b);
    char *r = xstrndup((const char *)f, n);
    free(f);
    return r;
}

static bool span_ok(span_t sp, size_t len, bool optional)
{
    if (!span_present(sp))
        return optional && sp.end < 0;
    return sp.start <= sp.end && (uint64_t)sp.end <= len;
}

static bool date_ok(const char *d)
{
    static const char pat[] = "dddd-dd-dd";
    for (int i = 0; pat[i]; i++)
        if (pat[i] == 'd' ? (d[i] < '0' || d[i] > '9') : d[i] != pat[i])
            return false;
    return d[10] == '\0';
}

static int validate_relations(const article_t *a, const relation_t *v, size_t n,
                              const char *what, err_t *e);

/* Check everything SQLite's constraints would otherwise report in terms
** of tables and columns, so the message can name the annotation. */
static int validate(const article_t *a, size_t len, err_t *e)
{
    if (a->published && *a->published && !date_ok(a->published)) {
        err_set(e, "published date \"%s\" is not YYYY-MM-DD", a->published);
        return -1;
    }
    for (size_t i = 0; i < a->nentities; i++) {
        const entity_t *en = &a->entities[i];
        if (!en->name || !*en->name || (unsigned)en->kind >= KIND_COUNT) {
            err_set(e, "entity %s has no name or an unknown kind",
                    en->xid ? en->xid : "(unnamed)");
            return -1;
        }
        for (size_t k = 0; k < en->naliases; k++)
            if (!en->aliases[k] || !*en->aliases[k]) {
                err_set(e, "entity %s has an empty alias", en->name);
                return -1;
            }
        for (size_t k = 0; k < en->nmentions; k++)
            if (!span_ok(en->mentions[k], len, false)) {
                err_set(e, "entity %s: mention [%lld, %lld) is outside the "
                        "text (%zu bytes) or reversed", en->name,
                        (long long)en->mentions[k].start,
                        (long long)en->mentions[k].end, len);
                return -1;
            }
    }
    for (size_t i = 0; i < a->nassertions; i++) {
        const assertion_t *q = &a->assertions[i];
        const char *name = q->xid ? q->xid : q->kind == ASSERT_CLAIM ? "claim" : "quote";
        if ((unsigned)q->kind > ASSERT_CLAIM || (unsigned)q->status >= STATUS_COUNT
            || q->speaker < -1 || (q->speaker >= 0 && (size_t)q->speaker >= a->nentities)) {
            err_set(e, "%s: bad kind, status or speaker", name);
            return -1;
        }
        if (!span_ok(q->span, len, false) || !span_ok(q->speaker_span, len, true)
            || !span_ok(q->cue_span, len, true)) {
            err_set(e, "%s: a span is outside the text (%zu bytes) or reversed",
                    name, len);
            return -1;
        }
    }
    return validate_relations(a, a->relations, a->nrelations, "relation", e)
           || validate_relations(a, a->removed, a->nremoved, "removed link", e) ? -1 : 0;
}

/* validate() of a's relations, or of its removed links (what: "relation",
** "removed link"). */
static int validate_relations(const article_t *a, const relation_t *v, size_t n,
                              const char *what, err_t *e)
{
    for (size_t i = 0; i < n; i++) {
        const relation_t *r = &v[i];
        const rel_end_t *ends[2] = { &r->from, &r->to };
        if ((unsigned)r->type >= REL_COUNT || (unsigned)r->origin >= ORIGIN_COUNT) {
            err_set(e, "%s %zu: bad type or origin", what, i + 1);
            return -1;
        }
        for (int k = 0; k < 2; k++) {
            const rel_end_t *x = ends[k];
            if (x->index >= 0 ? (size_t)x->index >= a->nassertions
                : !(x->index == -1 && x->id > 0)) {
                err_set(e, "%s %zu: its %s end %s%s%sis not resolved", what, i + 1,
                        k ? "\"to\"" : "\"from\"", x->xid ? "\"" : "",
                        x->xid ? x->xid : "", x->xid ? "\" " : "");
                return -1;
            }
        }
        if ((r->from.index >= 0 && r->from.index == r->to.index)
            || (r->from.index < 0 && r->to.index < 0 && r->from.id == r->to.id)) {
            err_set(e, "%s %zu relates an assertion to itself", what, i + 1);
            return -1;
        }
    }
    return 0;
}

int store_check_article(const article_t *a, err_t *e)
{
    if (!a->text) {
        err_set(e, "article has no text");
        return -1;
    }
    if (validate(a, a->len, e))
        return -1;
    for (size_t i = 0; i < a->nrelations; i++)
        if (a->relations[i].from.index < 0 || a->relations[i].to.index < 0) {
            err_set(e, "relation %zu has an end in another article", i + 1);
            return -1;
        }
    for (size_t i = 0; i < a->nremoved; i++)
        if (a->removed[i].from.index < 0 || a->removed[i].to.index < 0) {
            err_set(e, "removed link %zu has an end in another article", i + 1);
            return -1;
        }
    return 0;
}

/* Entities are matched in two phases over a whole article, so that the
** order of its entities (and of articles in a file) cannot decide what
** merges with what:
**
** 1. Each incoming entity finds its library entity of the same kind by its
**    NAME: first a library entity with that name, else (lowest id first,
**    for determinism) one that has that name as an alias; else it becomes
**    a new entity.  An incoming entity's own aliases never take part: the
**    place "Velmora" (alias "Dravna") must not swallow a separate place
**    "Dravna" that happens to be in the library already.
** 2. Then the incoming names and aliases are added to the matched entity
**    as aliases, except any that is the name of an entity of that kind
**    (its own, or another one's: an alias that names another entity would
**    make the next import of that name land on the wrong one).  Doing this
**    after phase 1 means every name in the article is an entity by then.
**
** Names compare by name_fold(): Unicode case folding, never the locale. */
/* A bulk import looks the same few hundred names up again and again (the
** lookups, and folding the names for them, were a tenth of an import):
** within one transaction, which holds the write lock, the answers are
** kept here.  Keys are raw names, so a hit skips name_fold too: 'm', the
** kind and a name give what match_entity found; 'a', an entity id and a
** name say that merge_aliases has dealt with that alias.  Adding an alias
** can change what an alias lookup answers, so it empties the cache, as do
** a rollback and the start of a transaction.  Names are never removed
** during an import, so the other answers stay true. */
typedef struct ecache_slot {
    char *key;             /* NULL: empty */
    size_t len;
    int64_t id;
} ecache_slot_t;

static void ecache_clear(store_t *s)
{
    for (size_t i = 0; i < s->ec_cap && s->ec_used; i++)
        if (s->ec[i].key) {
            free(s->ec[i].key);
            s->ec[i].key = NULL;
            s->ec_used--;
        }
}

/* The slot holding key, or the empty one where it would go. */
static ecache_slot_t *ecache_slot(ecache_slot_t *t, size_t cap, const char *k, size_t n)
{
    uint64_t h = 1469598103934665603ull;          /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
    for (size_t i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1))
        if (!t[i].key || (t[i].len == n && memcmp(t[i].key, k, n) == 0))
            return &t[i];
}

static int64_t ecache_get(store_t *s, const strbuf_t *k)
{
    if (!s->ec_used)
        return 0;
    ecache_slot_t *x = ecache_slot(s->ec, s->ec_cap, k->s, k->len);
    return x->key ? x->id : 0;
}

static void ecache_put(store_t *s, const strbuf_t *k, int64_t id)
{
    if (2 * (s->ec_used + 1) > s->ec_cap) {
        size_t cap = s->ec_cap ? 2 * s->ec_cap : 1024;
        ecache_slot_t *t = xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < s->ec_cap; i++)
            if (s->ec[i].key)
                *ecache_slot(t, cap, s->ec[i].key, s->ec[i].len) = s->ec[i];
        free(s->ec);
        s->ec = t;
        s->ec_cap = cap;
    }
    ecache_slot_t *x = ecache_slot(s->ec, s->ec_cap, k->s, k->len);
    if (!x->key) {
        x->key = xmalloc(k->len);
        memcpy(x->key, k->s, k->len);
        x->len = k->len;
        s->ec_used++;
    }
    x->id = id;
}

/* The cache key of a name: tag, what it belongs to, the name. */
static void ecache_key(strbuf_t *k, char tag, int64_t of, const char *name)
{
    k->len = 0;
    sb_addc(k, tag);
    sb_add(k, (const char *)&of, sizeof of);
    sb_adds(k, name);
}

static int match_entity(store_t *s, entity_t *en, err_t *e)
{
    const char *kind = entity_kind_name(en->kind);
    strbuf_t key = {0};
    sqlite3_stmt *st;
    int64_t id = 0;
    int rc = -1;

    if (s->bulk) {
        ecache_key(&key, 'm', en->kind, en->name);
        if ((id = ecache_get(s, &key)) > 0) {
            en->id = id;
            sb_free(&key);
            return 0;
        }
    }
    char *fold = name_fold(en->name);
    for (int pass = 0; pass < 2 && !id; pass++) {
        if (!(st = stmt(s, pass ? ST_ENTITY_BY_ALIAS : ST_ENTITY_BY_NAME, e)))
            goto out;
        sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, fold, -1, SQLITE_STATIC);
        if (step_id(s, st, &id, e, "look up an entity"))
            goto out;
    }
    if (!id) {
        if (!(st = stmt(s, ST_INSERT_ENTITY, e)))
            goto out;
        sqlite3_bind_text(st, 1, en->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, fold, -1, SQLITE_STATIC);
        if (run(s, st, e, "add an entity"))
            goto out;
        id = sqlite3_last_insert_rowid(s->db);
    }
    en->id = id;
    if (s->bulk)
        ecache_put(s, &key, id);
    rc = 0;
out:
    free(fold);
    sb_free(&key);
    return rc;
}

static int merge_aliases(store_t *s, const entity_t *en, err_t *e)
{
    const char *kind = entity_kind_name(en->kind);
    strbuf_t key = {0};

    for (size_t k = 0; k <= en->naliases; k++) {
        const char *alias = k == 0 ? en->name : en->aliases[k - 1];
        if (s->bulk) {
            /* Done before: the name it would have to be is there now too,
            ** or the alias is. */
            ecache_key(&key, 'a', en->id, alias);
            if (ecache_get(s, &key))
                continue;
        }
        char *af = name_fold(alias);
        sqlite3_stmt *st = stmt(s, ST_ENTITY_BY_NAME, e);
        int r = SQLITE_ERROR;

        if (st) {
            sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, af, -1, SQLITE_STATIC);
            if ((r = sqlite3_step(st)) != SQLITE_ROW && r != SQLITE_DONE)
                fail(s, e, "look up an entity");
            done(st);
        }
        if (r == SQLITE_DONE) {
            if (!(st = stmt(s, ST_INSERT_ALIAS, e))) {
                r = SQLITE_ERROR;
            } else {
                sqlite3_bind_int64(st, 1, en->id);
                sqlite3_bind_text(st, 2, alias, -1, SQLITE_STATIC);
                sqlite3_bind_text(st, 3, af, -1, SQLITE_STATIC);
                if (run(s, st, e, "add an alias"))
                    r = SQLITE_ERROR;
                else if (sqlite3_changes(s->db) > 0)
                    ecache_clear(s);
            }
        }
        free(af);
        if (r != SQLITE_ROW && r != SQLITE_DONE) {
            sb_free(&key);
            return -1;
        }
        if (s->bulk)
            ecache_put(s, &key, 1);
    }
    sb_free(&key);
    return 0;
}

/* Both phases for every entity of a; sets each entity's id. */
static int save_entities(store_t *s, article_t *a, err_t *e)
{
    for (size_t i = 0; i < a->nentities; i++)
        if (match_entity(s, &a->entities[i], e))
            return -1;
    for (size_t i = 0; i < a->nentities; i++)
        if (merge_aliases(s, &a->entities[i], e))
            return -1;
    return 0;
}

/* Every mention of a, in entity order, up to 32 rows a statement (see
** MENTION_ROW; ST_INSERT_MENTION is the one-row form). */
static int save_mentions(store_t *s, const article_t *a, err_t *e)
{
    static const struct { int rows, st; } sizes[] = {
        { 32, ST_INSERT_MENTIONS_32 }, { 8, ST_INSERT_MENTIONS_8 }, { 1, ST_INSERT_MENTION },
    };
    size_t left = 0, ei = 0, mi = 0;

    for (size_t i = 0; i < a->nentities; i++)
        left += a->entities[i].nmentions;
    while (left) {
        int z = 0;
        while ((size_t)sizes[z].rows > left)
            z++;
        sqlite3_stmt *st = stmt_id(s, sizes[z].st, a->id, e);
        if (!st)
            return -1;
        for (int r = 0; r < sizes[z].rows; r++, mi++) {
            while (mi >= a->entities[ei].nmentions) {
                ei++;
                mi = 0;
            }
            const entity_t *en = &a->entities[ei];
            int p = 2 + r * MENTION_W;
            sqlite3_bind_int64(st, p, en->id);
            sqlite3_bind_int64(st, p + 1, en->mentions[mi].start);
            sqlite3_bind_int64(st, p + 2, en->mentions[mi].end);
            sqlite3_bind_text(st, p + 3, en->xid ? "import" : "auto", -1, SQLITE_STATIC);
        }
        if (run(s, st, e, "add a mention"))
            return -1;
        left -= (size_t)sizes[z].rows;
    }
    return 0;
}

static int insert_assertion(store_t *s, int64_t article_id, const article_t *a,
                            assertion_t *q, const char *origin, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_INSERT_ASSERTION, e);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, assertion_kind_names[q->kind], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, article_id);
    bind_id(st, 3, q->speaker >= 0 ? a->entities[q->speaker].id : 0);
    sqlite3_bind_int64(st, 4, q->span.start);
    sqlite3_bind_int64(st, 5, q->span.end);
    bind_span(st, 6, q->speaker_span);
    bind_span(st, 8, q->cue_span);
    sqlite3_bind_int(st, 10, q->direct ? 1 : 0);
    sqlite3_bind_text(st, 11, status_name(q->status), -1, SQLITE_STATIC);
    bind_text(st, 12, q->note);
    sqlite3_bind_text(st, 13, origin, -1, SQLITE_STATIC);
    if (run(s, st, e, "add a quote or claim"))
        return -1;
    q->id = sqlite3_last_insert_rowid(s->db);
    s->next_assertion = 0;
    return 0;
}

/* Every quote and claim of a, up to 8 rows a statement (ASSERTION_ROW).
** A statement of many rows has no last_insert_rowid for each, so the ids
** are given here: the ones AUTOINCREMENT would have given, counted on
** from the largest ever used, as the transaction holds the write lock. */
static int save_assertions(store_t *s, article_t *a, err_t *e)
{
    static const struct { int rows, st; } sizes[] = {
        { 8, ST_INSERT_ASSERTIONS_8 }, { 1, ST_INSERT_ASSERTIONS_1 },
    };
    size_t done_n = 0;

    if (a->nassertions && s->next_assertion <= 0) {
        sqlite3_stmt *st = stmt(s, ST_NEXT_ASSERTION_ID, e);
        if (!st || step_id(s, st, &s->next_assertion, e, "number the quotes and claims"))
            return -1;
    }
    while (done_n < a->nassertions) {
        int z = (size_t)sizes[0].rows <= a->nassertions - done_n ? 0 : 1;
        sqlite3_stmt *st = stmt_id(s, sizes[z].st, a->id, e);
        if (!st)
            return -1;
        for (int r = 0; r < sizes[z].rows; r++) {
            const assertion_t *q = &a->assertions[done_n + (size_t)r];
            int p = 2 + r * ASSERTION_W;
            sqlite3_bind_int64(st, p, s->next_assertion + r);
            sqlite3_bind_text(st, p + 1, assertion_kind_names[q->kind], -1, SQLITE_STATIC);
            bind_id(st, p + 2, q->speaker >= 0 ? a->entities[q->speaker].id : 0);
            sqlite3_bind_int64(st, p + 3, q->span.start);
            sqlite3_bind_int64(st, p + 4, q->span.end);
            bind_span(st, p + 5, q->speaker_span);
            bind_span(st, p + 7, q->cue_span);
            sqlite3_bind_int(st, p + 9, q->direct ? 1 : 0);
            sqlite3_bind_text(st, p + 10, status_name(q->status), -1, SQLITE_STATIC);
            bind_text(st, p + 11, q->note);
            sqlite3_bind_text(st, p + 12, q->xid ? "import" : "auto", -1, SQLITE_STATIC);
        }
        if (run(s, st, e, "add a quote or claim"))
            return -1;
        for (int r = 0; r < sizes[z].rows; r++)
            a->assertions[done_n++].id = s->next_assertion++;
    }
    return 0;
}

/* The article holding a stored assertion; 0 if there is none. */
static int64_t lookup_assertion_article(store_t *s, int64_t id, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_ASSERTION_ARTICLE, e);
    int64_t art = 0;

    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return step_id(s, st, &art, e, "look up a quote or claim") ? -1 : art;
}

/* Note the revision (migration 5) a change left article st's row at,
** for store_last_rev: st is stepped to its end. */
static int keep_rev(store_t *s, sqlite3_stmt *st, err_t *e)
{
    int rc;

    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        s->rev_article = sqlite3_column_int64(st, 0);
        s->rev = sqlite3_column_int64(st, 1);
    }
    return end_rows(s, st, rc, e, "record the change");
}

/* Raise article `article`'s revision (migration 5). */
static int bump_rev(store_t *s, int64_t article, err_t *e)
{
    sqlite3_stmt *st = stmt_id(s, ST_BUMP_REV, article, e);
    return st ? keep_rev(s, st, e) : -1;
}

/* bump_rev for an end of a relation, but for article `self`, whose
** change the caller records, and one this bulk transaction adds (no
** reader has it open yet). */
static int bump_end_rev(store_t *s, int64_t article, int64_t self, err_t *e)
{
    if (article == self || (s->bulk && article > s->bulk_from))
        return 0;
    return bump_rev(s, article, e);
}

int64_t store_last_rev(store_t *s, int64_t article_id)
{
    return s->rev_article && s->rev_article == article_id ? s->rev : -1;
}

int store_article_rev(store_t *s, int64_t id, int64_t *rev, err_t *e)
{
    /* Below it, another contra's tags may have raised nothing. */
    sqlite3_stmt *st = stmt_id(s, s->version >= REVS_VERSION ? ST_ARTICLE_REV
                               : ST_ARTICLE_REV_NOREV, id, e);
    int rc;

    if (!st)
        return -1;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *rev = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE)
        fail(s, e, "read the article");
    done(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Resolve one end of a relation to a stored assertion. */
static int resolve_end(store_t *s, int64_t article_id, const article_t *a,
                       rel_end_t *x, err_t *e)
{
    if (x->index >= 0) {
        x->id = a->assertions[x->index].id;
        x->article_id = article_id;
        return 0;
    }
    int64_t art = lookup_assertion_article(s, x->id, e);
    if (art < 0)
        return -1;
    if (art == 0) {
        err_set(e, "relation refers to quote or claim %lld, which is not in "
                "the library", (long long)x->id);
        return -1;
    }
    x->article_id = art;
    return 0;
}

/* Add a relation, or upgrade an auto one to origin o.  The articles of
** its ends (from_art, to_art) get a new revision if that changed
** anything, but for article `self`, whose change its caller records,
** and for articles this bulk transaction adds: a re-import of what is
** stored changes nothing and raises nothing, and an article being added
** needs none for its relations (no reader has it open yet). */
static int insert_relation(store_t *s, relation_type_t t, origin_t o,
                           int64_t from, int64_t to, int64_t *id, int64_t self,
                           int64_t from_art, int64_t to_art, err_t *e)
{
    int rc = SQLITE_DONE;
    bool changed = false;

    for (int pass = 0; pass < 2 && rc == SQLITE_DONE && !changed; pass++) {
        sqlite3_stmt *st = stmt(s, pass ? ST_RELATION_ID : ST_INSERT_RELATION, e);
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, relation_type_name(t), -1, SQLITE_STATIC);
        if (!pass)
            sqlite3_bind_text(st, 2, origin_name(o), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, from);
        sqlite3_bind_int64(st, 4, to);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            changed = !pass;
            if (id)
                *id = sqlite3_column_int64(st, 0);
            rc = sqlite3_step(st);
        }
        if (end_rows(s, st, rc, e, "add a relation"))
            return -1;
    }
    if (!changed)
        return 0;
    if (bump_end_rev(s, from_art, self, e))
        return -1;
    return to_art == from_art ? 0 : bump_end_rev(s, to_art, self, e);
}

static int save_relations(store_t *s, int64_t article_id, article_t *a, err_t *e)
{
    for (size_t i = 0; i < a->nrelations; i++) {
        relation_t *r = &a->relations[i];
        if (resolve_end(s, article_id, a, &r->from, e)
            || resolve_end(s, article_id, a, &r->to, e))
            return -1;
        if (r->from.id == r->to.id) {
            err_set(e, "relation %zu relates an assertion to itself", i + 1);
            return -1;
        }
        if (insert_relation(s, r->type, r->origin, r->from.id, r->to.id, &r->id,
                            article_id, r->from.article_id, r->to.article_id, e))
            return -1;
    }
    return 0;
}

/* Remember the link from -> to of type t as removed by a person
** (migration 8), unless that link is there as a person's or an
** import's, and drop the annotator's same link.  An end's article other
** than self gets a new revision when a link of it went (as in
** insert_relation). */
static int reject_link(store_t *s, relation_type_t t, int64_t from, int64_t to,
                       int64_t self, int64_t from_art, int64_t to_art, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_IMPORT_REJECTION, e);
    int rc;
    bool gone = false;

    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_text(st, 3, relation_type_name(t), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, login_name(), -1, SQLITE_TRANSIENT);
    if (run(s, st, e, "remember the removed link"))
        return -1;
    if (!(st = stmt(s, ST_DELETE_REJECTED_AUTO, e)))
        return -1;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_text(st, 3, relation_type_name(t), -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        gone = true;
    if (end_rows(s, st, rc, e, "remove the link"))
        return -1;
    if (!gone)
        return 0;
    if (bump_end_rev(s, from_art, self, e))
        return -1;
    return to_art == from_art ? 0 : bump_end_rev(s, to_art, self, e);
}

/* After the article's relations (save_relations), so that a link the
** file states both live and removed stays live (ST_IMPORT_REJECTION). */
static int save_removed(store_t *s, int64_t article_id, article_t *a, err_t *e)
{
    for (size_t i = 0; i < a->nremoved; i++) {
        relation_t *r = &a->removed[i];
        if (resolve_end(s, article_id, a, &r->from, e)
            || resolve_end(s, article_id, a, &r->to, e))
            return -1;
        if (r->from.id == r->to.id) {
            err_set(e, "removed link %zu relates an assertion to itself", i + 1);
            return -1;
        }
        if (reject_link(s, r->type, r->from.id, r->to.id, article_id, r->from.article_id,
                        r->to.article_id, e))
            return -1;
    }
    return 0;
}

/* After a failed save, ids written into a point at rows that were rolled
** back; forget them. */
static void forget_end_ids(relation_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        relation_t *r = &v[i];
        r->id = 0;
        if (r->from.index >= 0)
            r->from.id = r->from.article_id = 0;
        if (r->to.index >= 0)
            r->to.id = r->to.article_id = 0;
    }
}

static void forget_ids(article_t *a, bool article_too)
{
    if (article_too)
        a->id = 0;
    for (size_t i = 0; i < a->nentities; i++)
        a->entities[i].id = 0;
    for (size_t i = 0; i < a->nassertions; i++)
        a->assertions[i].id = 0;
    forget_end_ids(a->relations, a->nrelations);
    forget_end_ids(a->removed, a->nremoved);
}

int store_add_article(store_t *s, article_t *a, int64_t *dup, err_t *e)
{
    return store_add_article_hashed(s, a, NULL, dup, e);
}

int store_add_article_hashed(store_t *s, article_t *a, const unsigned char *given,
                             int64_t *dup, err_t *e)
{
    unsigned char hash[SHA256_SIZE];
    sqlite3_stmt *st;
    int64_t id;
    int rc;

    if (dup)
        *dup = 0;
    if (writable(s, e, "add articles"))
        return -1;
    if (!a->text) {
        err_set(e, "article has no text");
        return -1;
    }
    if (validate(a, a->len, e))
        return -1;
    if (given)
        memcpy(hash, given, sizeof hash);
    else
        sha256(a->text, a->len, hash);
    if (store_begin(s, e))
        return -1;

    if (!(st = stmt(s, ST_FIND_HASH, e)))
        goto fail;
    sqlite3_bind_blob(st, 1, hash, sizeof hash, SQLITE_STATIC);
    rc = sqlite3_step(st);
    id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        fail(s, e, "look for the article");
    done(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto fail;
    if (id) {
        if (dup)
            *dup = id;
        return store_commit(s, e);
    }

    if (!(st = stmt(s, ST_INSERT_ARTICLE, e)))
        goto fail;
    bind_text(st, 1, a->title);
    bind_text(st, 2, a->source);
    bind_text(st, 3, a->url);
    sqlite3_bind_text(st, 4, a->published ? a->published : "", -1, SQLITE_STATIC);
    sqlite3_bind_text64(st, 5, a->text, a->len, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_blob(st, 6, hash, sizeof hash, SQLITE_STATIC);
    if (run(s, st, e, "add the article"))
        goto fail;
    a->id = sqlite3_last_insert_rowid(s->db);

    if (save_entities(s, a, e) || save_mentions(s, a, e) || save_assertions(s, a, e))
        goto fail;
    if (save_relations(s, a->id, a, e) || save_removed(s, a->id, a, e))
        goto fail;
    if (store_commit(s, e)) {
        forget_ids(a, true);
        return -1;
    }
    return 0;
fail:
    store_rollback(s);
    forget_ids(a, true);
    return -1;
}

/* ---------------------------------------------------------------------
** Loading.
*/
static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Index of id in the sorted ids, or -1. */
static int find_id(const int64_t *ids, size_t n, int64_t id)
{
    if (!n)
        return -1;      /* ids may be NULL, which bsearch must not get */
    const int64_t *p = bsearch(&id, ids, n, sizeof *ids, cmp_i64);
    return p ? (int)(p - ids) : -1;
}

typedef struct id_index { int64_t id; int index; } id_index_t;

static int cmp_id_index(const void *x, const void *y)
{
    return cmp_i64(&((const id_index_t *)x)->id, &((const id_index_t *)y)->id);
}

/* The pieces of loading an article, shared by store_load_article and the
** reader's quick open of a long article (store_load_part and
** store_load_rest). */

static int load_meta(store_t *s, article_t *a, int64_t id, err_t *e)
{
    sqlite3_stmt *st = stmt_id(s, s->version >= REVS_VERSION ? ST_LOAD_ARTICLE
                               : ST_LOAD_ARTICLE_NOREV, id, e);
    int rc;

    if (!st)
        return -1;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        a->id = id;
        a->title = column_dup(st, 0);
        a->source = column_dup(st, 1);
        a->url = column_dup(st, 2);
        a->published = column_dup(st, 3);
        a->rev = sqlite3_column_int64(st, 4);       /* NULL reads as 0 */
        if (a->published && !*a->published) {
            free(a->published);
            a->published = NULL;
        }
    } else if (rc == SQLITE_DONE) {
        err_set(e, "no article %lld in the library", (long long)id);
    } else {
        fail(s, e, "read the article");
    }
    done(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* The rows of ST_LOAD_ENTITY (stepped once already, rc being that step's
** code) as en's aliases, in the order of their ids, which is the order
** they were added in.  The rows come in the order of the index the join
** reads (entity, fold): sorting the few aliases of one entity here is
** cheaper than a sorter in the statement (issue 5). */
static int read_aliases(store_t *s, sqlite3_stmt *st, int rc, entity_t *en, err_t *e)
{
    int64_t ids[16], *aid = ids;
    size_t cap = sizeof ids / sizeof *ids;

    for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
        size_t n = en->naliases;
        if (sqlite3_column_type(st, 2) == SQLITE_NULL)
            continue;
        entity_add_alias(en, (const char *)sqlite3_column_text(st, 3));
        if (en->naliases == n)
            continue;
        if (n >= cap) {
            int64_t *grown = xmalloc(2 * cap * sizeof *grown);
            memcpy(grown, aid, n * sizeof *aid);
            if (aid != ids)
                free(aid);
            aid = grown;
            cap *= 2;
        }
        aid[n] = sqlite3_column_int64(st, 2);
    }
    /* Insertion sort: an entity has a handful of aliases at most. */
    for (size_t i = 1; i < en->naliases; i++) {
        int64_t id = aid[i];
        char *alias = en->aliases[i];
        size_t j = i;
        for (; j > 0 && aid[j - 1] > id; j--) {
            aid[j] = aid[j - 1];
            en->aliases[j] = en->aliases[j - 1];
        }
        aid[j] = id;
        en->aliases[j] = alias;
    }
    if (aid != ids)
        free(aid);
    return end_rows(s, st, rc, e, "read the aliases");
}

/* Add the entity of library id `id`, with its aliases, to the article's
** entities.  1 if added, 0 if there is no such entity, -1 on error. */
static int load_entity(store_t *s, article_t *a, int64_t id, err_t *e)
{
    sqlite3_stmt *st = stmt_id(s, ST_LOAD_ENTITY, id, e);
    int rc;

    if (!st)
        return -1;
    if ((rc = sqlite3_step(st)) != SQLITE_ROW)
        return end_rows(s, st, rc, e, "read the entities");
    entity_t *en = article_add_entity(a);
    en->id = id;
    en->name = column_dup(st, 0);
    en->kind = column_enum(st, 1, entity_kind_parse);
    return read_aliases(s, st, rc, en, e) < 0 ? -1 : 1;
}

/* The article's entities in id order from ST_PART_ENTITIES (id, name,
** kind and the number of mentions, into *counts); *eids gets their ids. */
static int load_entities(store_t *s, article_t *a, int64_t **eids, size_t **counts,
                         err_t *e)
{
    sqlite3_stmt *st = stmt_id(s, ST_PART_ENTITIES, a->id, e);
    size_t cap = 0, ccap = 0;
    int rc;

    if (!st)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        entity_t *en = article_add_entity(a);
        en->id = sqlite3_column_int64(st, 0);
        en->name = column_dup(st, 1);
        en->kind = column_enum(st, 2, entity_kind_parse);
        grow_array((void **)eids, &cap, a->nentities, sizeof **eids);
        (*eids)[a->nentities - 1] = en->id;
        grow_array((void **)counts, &ccap, a->nentities, sizeof **counts);
        sqlite3_int64 n = sqlite3_column_int64(st, 3);
        (*counts)[a->nentities - 1] = n > 0 ? (size_t)n : 0;
    }
    if (end_rows(s, st, rc, e, "read the entities") < 0)
        return -1;
    for (size_t i = 0; i < a->nentities; i++) {
        if (!(st = stmt_id(s, ST_LOAD_ENTITY, a->entities[i].id, e)))
            return -1;
        if (read_aliases(s, st, sqlite3_step(st), &a->entities[i], e) < 0)
            return -1;
    }
    return 0;
}

/* model.c's appenders give an array of n elements room for the
** smallest power of two at least n, and 8 at least (model.h): the rest
** of a part (store_load_rest) goes into the arrays the part has, which
** the part made that big, instead of arrays grown again from nothing.
** Growing them again cost the time to copy them at every doubling, and
** the copies were at the peak of a 10 MB article's memory (issue 5). */
static size_t model_cap(size_t n)
{
    size_t c = 8;
    if (!n)
        return 0;
    while (c < n)
        c *= 2;
    return c;
}

static void add_mention(entity_t *en, size_t cap, span_t sp)
{
    if (en->nmentions < cap)
        en->mentions[en->nmentions++] = sp;
    else
        entity_add_mention(en, sp);
}

static assertion_t *add_assertion(article_t *a, size_t cap)
{
    if (a->nassertions >= cap)
        return article_add_assertion(a);
    assertion_t *q = &a->assertions[a->nassertions++];
    memset(q, 0, sizeof *q);
    q->speaker = -1;
    q->span = q->speaker_span = q->cue_span = SPAN_NONE;
    q->status = STATUS_UNREVIEWED;
    return q;
}

/* Every mention of the article (st is ST_LOAD_MENTIONS) or those before
** a byte (ST_PART_MENTIONS), into their entities' arrays (of room
** caps[i] already, or NULL). */
static int load_mentions(store_t *s, article_t *a, sqlite3_stmt *st,
                         const int64_t *eids, const size_t *caps, err_t *e)
{
    int rc;

    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = find_id(eids, a->nentities, sqlite3_column_int64(st, 0));
        if (k >= 0)
            add_mention(&a->entities[k], caps ? caps[k] : 0, column_span(st, 1));
    }
    return end_rows(s, st, rc, e, "read the mentions");
}

/* One row of ST_LOAD_ASSERTIONS into q. */
static void assertion_row(sqlite3_stmt *st, const article_t *a, const int64_t *eids,
                          assertion_t *q)
{
    const char *kind = (const char *)sqlite3_column_text(st, 1);
    q->id = sqlite3_column_int64(st, 0);
    q->kind = kind && strcmp(kind, "claim") == 0 ? ASSERT_CLAIM : ASSERT_QUOTE;
    q->speaker = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1
        : find_id(eids, a->nentities, sqlite3_column_int64(st, 2));
    q->span = column_span(st, 3);
    q->speaker_span = column_span(st, 5);
    q->cue_span = column_span(st, 7);
    q->direct = sqlite3_column_int(st, 9) != 0;
    q->status = column_enum(st, 10, status_parse);
    q->note = column_dup(st, 11);
}

static int cmp_relation_id(const void *x, const void *y)
{
    return cmp_i64(&((const relation_t *)x)->id, &((const relation_t *)y)->id);
}

/* A relation's end: assertion id of article art, 0 when not known yet
** (looked up, unless it is one of the article's first nknown assertions,
** which also give it its index).  1, 0 when there is no such assertion,
** -1 on error. */
static int relation_end(store_t *s, const article_t *a, rel_end_t *end, int64_t id,
                        int64_t art, const id_index_t *qmap, size_t nknown, err_t *e)
{
    id_index_t key = { id, 0 };
    const id_index_t *hit = nknown
        ? bsearch(&key, qmap, nknown, sizeof *qmap, cmp_id_index) : NULL;

    if (!art)
        art = hit ? a->id : lookup_assertion_article(s, id, e);
    if (art <= 0)
        return art < 0 ? -1 : 0;
    end->id = id;
    end->article_id = art;
    end->index = art == a->id && hit ? hit->index : -1;
    return 1;
}

/* The relations one statement gives, its parameters bound: those of a
** range of the article's assertion ids (side 0: from them, 1: to them
** but not from the article, which side 0 has), or (side -1) those the
** article-driven statements give, with both ends' articles. */
static int relation_rows(store_t *s, article_t *a, sqlite3_stmt *st, int side,
                         const id_index_t *qmap, size_t nknown, err_t *e)
{
    int rc, c = side < 0 ? 5 : 4;     /* column of to_id */

    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t from = sqlite3_column_int64(st, 3), to = sqlite3_column_int64(st, c);
        id_index_t key = { from, 0 };
        if (side == 1 && bsearch(&key, qmap, nknown, sizeof *qmap, cmp_id_index))
            continue;
        relation_t *r = article_add_relation(a);
        r->id = sqlite3_column_int64(st, 0);
        r->type = column_enum(st, 1, relation_type_parse);
        r->origin = column_enum(st, 2, origin_parse);
        int got = relation_end(s, a, &r->from, from, side < 0 ? sqlite3_column_int64(st, 4)
                               : side == 0 ? a->id : 0, qmap, nknown, e);
        if (got > 0)
            got = relation_end(s, a, &r->to, to, side < 0 ? sqlite3_column_int64(st, 6)
                               : side == 1 ? a->id : 0, qmap, nknown, e);
        if (got <= 0)
            a->nrelations--;      /* nothing of it allocated yet */
        if (got < 0) {
            done(st);
            return -1;
        }
    }
    return end_rows(s, st, rc, e, "read the relations");
}

/* Ranges of consecutive ids beyond which a whole article's relations are
** read by the article-driven statements instead. */
#define RELATION_RUNS 8

/* The relations from or to the article's quotes and claims that start
** at upto or before (INT64_MAX: all of them, all loaded), in id order;
** an end is given its index when it is one of the article's first nknown
** assertions. */
static int load_relations(store_t *s, article_t *a, int64_t upto, size_t nknown,
                          err_t *e)
{
    static const int which[] = { ST_LOAD_RELATIONS_FROM, ST_LOAD_RELATIONS_TO };
    id_index_t *qmap = xcalloc(nknown + 1, sizeof *qmap);
    size_t first = a->nrelations, runs = 0;
    int ok = -1;

    for (size_t i = 0; i < nknown; i++)
        qmap[i] = (id_index_t){ a->assertions[i].id, (int)i };
    qsort(qmap, nknown, sizeof *qmap, cmp_id_index);
    for (size_t i = 0; i < nknown; i++)
        runs += !i || qmap[i].id != qmap[i - 1].id + 1;
    if (upto == INT64_MAX && nknown == a->nassertions && runs <= RELATION_RUNS) {
        for (size_t i = 0, j; i < nknown; i = j) {
            for (j = i + 1; j < nknown && qmap[j].id == qmap[j - 1].id + 1; j++)
                ;
            for (int side = 0; side < 2; side++) {
                sqlite3_stmt *st = stmt(s, side ? ST_LOAD_RELATIONS_TO_IDS
                                        : ST_LOAD_RELATIONS_FROM_IDS, e);
                if (!st)
                    goto out;
                sqlite3_bind_int64(st, 1, qmap[i].id);
                sqlite3_bind_int64(st, 2, qmap[j - 1].id);
                if (relation_rows(s, a, st, side, qmap, nknown, e))
                    goto out;
            }
        }
    } else {
        for (int w = 0; w < 2; w++) {
            sqlite3_stmt *st = stmt_id(s, which[w], a->id, e);
            if (!st)
                goto out;
            sqlite3_bind_int64(st, 2, upto);
            if (relation_rows(s, a, st, -1, qmap, nknown, e))
                goto out;
        }
    }
    if (a->nrelations > first)      /* a->relations is NULL when none */
        qsort(a->relations + first, a->nrelations - first, sizeof *a->relations,
              cmp_relation_id);
    ok = 0;
out:
    free(qmap);
    return ok;
}

/* The text goes through the blob API, read straight into the buffer the
** article keeps: sqlite3_column_text would hand over its own copy first,
** and a 10 MB article would be held twice while opening. */
static int open_text(store_t *s, article_t *a, sqlite3_blob **blob, err_t *e)
{
    int rc = sqlite3_blob_open(s->db, "main", "articles", "text", a->id, 0, blob);
    if (rc != SQLITE_OK) {
        fail(s, e, "read the article's text");
        sqlite3_blob_close(*blob);
        *blob = NULL;
        return -1;
    }
    a->len = (size_t)sqlite3_blob_bytes(*blob);
    a->text = xmalloc(a->len + 1);
    a->text[a->len] = '\0';
    return 0;
}

static int read_text(store_t *s, sqlite3_blob *blob, article_t *a, size_t from,
                     size_t to, err_t *e)
{
    if (to > from && sqlite3_blob_read(blob, a->text + from, (int)(to - from),
                                       (int)from) != SQLITE_OK)
        return fail(s, e, "read the article's text");
    return 0;
}

/* Begin the read transaction that makes an article and its annotations
** one consistent snapshot even while others write; it nests in whatever
** transaction is open.  end_read takes the same *began. */
static int begin_read(store_t *s, bool *began, err_t *e)
{
    *began = false;
    if (!s->depth) {
        if (run_simple(s, ST_BEGIN_READ, e, "read the library"))
            return -1;
        *began = true;
    }
    s->depth++;
    return 0;
}

static void end_read(store_t *s, bool began, bool ok)
{
    err_t ignore;

    s->depth--;
    if (began && !sqlite3_get_autocommit(s->db))
        run_simple(s, ok ? ST_COMMIT : ST_ROLLBACK, &ignore, "finish reading");
}

/* Everything but the article's metadata and entities; mcaps and acap as
** for load_mentions and add_assertion (NULL and 0: arrays from nothing). */
static int load_all(store_t *s, article_t *a, const int64_t *eids, const size_t *mcaps,
                    size_t acap, err_t *e)
{
    sqlite3_stmt *st;
    int rc;

    if (!(st = stmt_id(s, ST_LOAD_MENTIONS, a->id, e))
        || load_mentions(s, a, st, eids, mcaps, e))
        return -1;
    if (!(st = stmt_id(s, ST_LOAD_ASSERTIONS, a->id, e)))
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        assertion_row(st, a, eids, add_assertion(a, acap));
    if (end_rows(s, st, rc, e, "read the quotes and claims") < 0)
        return -1;
    return load_relations(s, a, INT64_MAX, a->nassertions, e);
}

/* load_entity, and the entity's id into (*eids)[its index]: its index,
** -1 when there is no such entity, -2 on error. */
static int add_entity(store_t *s, article_t *a, int64_t id, int64_t **eids,
                      size_t *ecap, err_t *e)
{
    int got = load_entity(s, a, id, e);
    if (got <= 0)
        return got - 1;
    grow_array((void **)eids, ecap, a->nentities, sizeof **eids);
    (*eids)[a->nentities - 1] = id;
    return (int)a->nentities - 1;
}

/* The whole of an article's annotations, its entities too: those its
** mentions name and those that speak in its quotes and claims, in id
** order.  The ids come from the rows read anyway and each entity is
** read by its key (issue 5): one query for the set, an IN over a UNION,
** built two temporary b-trees, each with a pager and page cache of its
** own, which were most of the page faults of loading a typical article.
** The mentions come ordered by entity, so each entity is added as its
** first mention arrives, after the speakers of smaller ids. */
static int load_whole(store_t *s, article_t *a, err_t *e)
{
    int64_t *qsp = NULL, *sids = NULL, *eids = NULL;
    size_t qcap = 0, ns = 0, j = 0, ecap = 0;
    sqlite3_stmt *st;
    int rc, k = -1, ok = -1;

    if (!(st = stmt_id(s, ST_LOAD_ASSERTIONS, a->id, e)))
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        /* the speaker's id for now: its index once the entities are in */
        assertion_row(st, a, NULL, add_assertion(a, 0));
        grow_array((void **)&qsp, &qcap, a->nassertions, sizeof *qsp);
        qsp[a->nassertions - 1] = sqlite3_column_type(st, 2) == SQLITE_NULL ? 0
            : sqlite3_column_int64(st, 2);
        if (qsp[a->nassertions - 1])
            ns++;
    }
    if (end_rows(s, st, rc, e, "read the quotes and claims") < 0)
        goto out;
    sids = xmalloc((ns + 1) * sizeof *sids);
    ns = 0;
    for (size_t i = 0; i < a->nassertions; i++)
        if (qsp[i])
            sids[ns++] = qsp[i];
    qsort(sids, ns, sizeof *sids, cmp_i64);
    size_t nu = 0;
    for (size_t i = 0; i < ns; i++)
        if (!nu || sids[nu - 1] != sids[i])
            sids[nu++] = sids[i];
    ns = nu;

    if (!(st = stmt_id(s, ST_LOAD_MENTIONS, a->id, e)))
        goto out;
    int64_t cur = 0;
    bool any = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (!any || id != cur) {
            bool bad = false;
            any = true;
            cur = id;
            while (!bad && j < ns && sids[j] < id)
                bad = add_entity(s, a, sids[j++], &eids, &ecap, e) < -1;
            if (!bad && j < ns && sids[j] == id)
                j++;
            if (bad || (k = add_entity(s, a, id, &eids, &ecap, e)) < -1)
                break;
        }
        if (k >= 0)
            entity_add_mention(&a->entities[k], column_span(st, 1));
    }
    if (rc == SQLITE_ROW) {
        /* an entity's lookup failed, e says why */
        done(st);
        goto out;
    }
    if (end_rows(s, st, rc, e, "read the mentions") < 0)
        goto out;
    while (j < ns)
        if (add_entity(s, a, sids[j++], &eids, &ecap, e) < -1)
            goto out;

    for (size_t i = 0; i < a->nassertions; i++)
        if (qsp[i])
            a->assertions[i].speaker = find_id(eids, a->nentities, qsp[i]);
    ok = load_relations(s, a, INT64_MAX, a->nassertions, e);
out:
    free(qsp);
    free(sids);
    free(eids);
    return ok;
}

article_t *store_load_article(store_t *s, int64_t id, err_t *e)
{
    article_t *a = article_new();
    sqlite3_blob *blob = NULL;
    bool began;
    int ok = 0;

    if (begin_read(s, &began, e)) {
        article_free(a);
        return NULL;
    }
    ok = !load_meta(s, a, id, e)
        && !load_whole(s, a, e)
        && !open_text(s, a, &blob, e)
        && !read_text(s, blob, a, 0, a->len, e);
    sqlite3_blob_close(blob);
    end_read(s, began, ok);
    if (!ok) {
        article_free(a);
        return NULL;
    }
    return a;
}

/* The text is kept as imported and never changes (nothing updates it),
** so reading an article again for what others changed reads only its
** annotations, and the text moves over from the copy the reader holds:
** for memory (issue 5), two copies of a 10 MB article's text made the
** reader's peak 28 MB instead of 17. */
article_t *store_reload_article(store_t *s, article_t *old, err_t *e)
{
    article_t *a = article_new();
    bool began;
    int ok;

    if (begin_read(s, &began, e)) {
        article_free(a);
        return NULL;
    }
    ok = !load_meta(s, a, old->id, e) && !load_whole(s, a, e);
    end_read(s, began, ok);
    if (!ok) {
        article_free(a);
        return NULL;
    }
    a->text = old->text;
    a->len = old->len;
    old->text = NULL;
    old->len = 0;
    return a;
}

/* ---------------------------------------------------------------------
** The reader's quick open of a long article (issue 5: its first frame as
** fast as less shows the text).  A 10 MB article has some 20,000
** mentions and 5,000 quotes and claims; loading them all, and the text,
** took 20 ms before the first frame.  store_load_part reads what the
** first screens show: the text's first bytes, the annotations that start
** in them, and the counts the sidebar and status line show for the
** whole article (migration 4's tables).  store_load_rest completes the
** same article in place, in the same read transaction, so the two parts
** are one snapshot and the text is never held twice.
*/
struct store_part {
    sqlite3_blob *blob;
    bool began;
};

/* Grow an array of the model from n to want elements in one step, at
** the capacity model.c's appenders give that count (a power of two, 8 at
** least: model.h), so that they can go on appending to it; the new
** elements are zero bytes.  One step rather than 20,000 appends, and
** zeroed by calloc, which leaves a large block's pages untouched until
** used: this is on the way to the first frame. */
static void *pad_array(void *arr, size_t n, size_t want, size_t sz)
{
    if (want <= n)
        return arr;
    void *grown = xcalloc(model_cap(want), sz);
    if (n)
        memcpy(grown, arr, n * sz);
    free(arr);
    return grown;
}

article_t *store_load_part(store_t *s, int64_t id, size_t small, size_t want,
                           size_t min_assertions, article_part_t *p, err_t *e)
{
    article_t *a = article_new();
    int64_t *eids = NULL;
    size_t *counts = NULL;
    sqlite3_stmt *st;
    int rc;

    memset(p, 0, sizeof *p);
    p->in = xcalloc(1, sizeof *p->in);
    if (begin_read(s, &p->in->began, e)) {
        free(p->in);
        p->in = NULL;
        article_free(a);
        return NULL;
    }
    if (load_meta(s, a, id, e) || open_text(s, a, &p->in->blob, e))
        goto fail;
    if (a->len < small) {
        /* Short enough to load whole: store_load_article's way. */
        if (load_whole(s, a, e)
            || read_text(s, p->in->blob, a, 0, a->len, e))
            goto fail;
        p->loaded = a->len;
        p->nloaded = p->nassertions = a->nassertions;
        p->complete = true;
        store_part_end(s, p);
        free(eids);
        return a;
    }

    if (load_entities(s, a, &eids, &counts, e))
        goto fail;
    if (!(st = stmt_id(s, ST_PART_STATUSES, id, e)))
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = status_parse((const char *)sqlite3_column_text(st, 0));
        sqlite3_int64 n = sqlite3_column_int64(st, 1);
        if (k >= 0 && n > 0) {
            p->nstatus[k] += (size_t)n;
            p->nassertions += (size_t)n;
        }
    }
    if (end_rows(s, st, rc, e, "count the quotes and claims") < 0)
        goto fail;

    /* Quotes and claims in reading order: every one that starts in the
    ** text read, and at least min_assertions (the claims panel's first
    ** rows); the text read grows to hold what the panel shows of them
    ** (the first 400 bytes). */
    size_t upto = want < a->len ? want : a->len;
    int64_t last_start = -1;
    if (!(st = stmt_id(s, ST_LOAD_ASSERTIONS, id, e)))
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t start = sqlite3_column_int64(st, 3);
        if (start >= 0 && (size_t)start >= upto && a->nassertions >= min_assertions)
            break;
        assertion_t *q = article_add_assertion(a);
        assertion_row(st, a, eids, q);
        last_start = start;
        if (span_present(q->span)) {
            size_t end = (size_t)q->span.end;
            if (end > (size_t)q->span.start + 401)
                end = (size_t)q->span.start + 401;
            if (end > upto)
                upto = end < a->len ? end : a->len;
        }
    }
    done(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        fail(s, e, "read the quotes and claims");
        goto fail;
    }
    p->nloaded = a->nassertions;
    p->loaded = upto;

    if (!(st = stmt_id(s, ST_PART_MENTIONS, id, e)))
        goto fail;
    sqlite3_bind_int64(st, 2, (sqlite3_int64)upto);
    if (load_mentions(s, a, st, eids, NULL, e))
        goto fail;
    if (load_relations(s, a, last_start, p->nloaded, e))
        goto fail;
    if (read_text(s, p->in->blob, a, 0, upto, e))
        goto fail;

    /* The counts the whole article has: nmentions and nassertions as the
    ** full load will have them, the places not read yet held by entries
    ** of zero bytes (empty spans at 0, id 0) that nothing draws. */
    for (size_t i = 0; i < a->nentities; i++) {
        entity_t *en = &a->entities[i];
        en->mentions = pad_array(en->mentions, en->nmentions, counts[i], sizeof *en->mentions);
        if (counts[i] > en->nmentions)
            en->nmentions = counts[i];
    }
    if (p->nassertions > a->nassertions) {
        a->assertions = pad_array(a->assertions, a->nassertions, p->nassertions,
                                  sizeof *a->assertions);
        a->nassertions = p->nassertions;
    }
    free(eids);
    free(counts);
    return a;
fail:
    store_part_end(s, p);
    free(eids);
    free(counts);
    article_free(a);
    return NULL;
}

int store_load_rest(store_t *s, article_t *a, article_part_t *p, err_t *e)
{
    int64_t *eids;
    int ok;

    if (p->complete)
        return 0;
    if (!p->in) {
        err_set(e, "the article's text was not opened");
        return -1;
    }
    /* The part's arrays have the whole article's counts: the rest goes
    ** into them (model_cap). */
    size_t *mcaps = xcalloc(a->nentities + 1, sizeof *mcaps);
    for (size_t i = 0; i < a->nentities; i++) {
        mcaps[i] = model_cap(a->entities[i].nmentions);
        a->entities[i].nmentions = 0;
    }
    size_t acap = model_cap(a->nassertions);
    for (size_t i = 0; i < a->nassertions; i++)
        assertion_clear(&a->assertions[i]);
    a->nassertions = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        relation_clear(&a->relations[i]);
    free(a->relations);
    a->relations = NULL;
    a->nrelations = 0;

    eids = xcalloc(a->nentities + 1, sizeof *eids);
    for (size_t i = 0; i < a->nentities; i++)
        eids[i] = a->entities[i].id;
    ok = !load_all(s, a, eids, mcaps, acap, e)
        && !read_text(s, p->in->blob, a, p->loaded, a->len, e);
    free(eids);
    free(mcaps);
    if (ok) {
        p->loaded = a->len;
        p->nloaded = a->nassertions;
        p->complete = true;
    }
    store_part_end(s, p);
    return ok ? 0 : -1;
}

void store_part_end(store_t *s, article_part_t *p)
{
    if (!p->in)
        return;
    sqlite3_blob_close(p->in->blob);
    end_read(s, p->in->began, true);
    free(p->in);
    p->in = NULL;
}

/* ---------------------------------------------------------------------
** Deleting and re-annotating.
*/

/* The ids a one-parameter query returns (a non-NULL array, possibly
** empty); *n set.  NULL with a message on error. */
static int64_t *query_ids(store_t *s, int which, int64_t param, size_t *n,
                          err_t *e, const char *what)
{
    sqlite3_stmt *st = stmt(s, which, e);
    int64_t *ids = NULL;
    size_t cap = 0;
    int rc;

    *n = 0;
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, param);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        grow_array((void **)&ids, &cap, *n + 1, sizeof *ids);
        ids[(*n)++] = sqlite3_column_int64(st, 0);
    }
    if (rc != SQLITE_DONE) {
        fail(s, e, what);
        free(ids);
        ids = NULL;
    } else if (!ids) {
        ids = xmalloc(sizeof *ids);
    }
    done(st);
    return ids;
}

/* Ids of the entities an article mentions or quotes; *n set. */
static int64_t *article_entity_ids(store_t *s, int64_t article_id, size_t *n, err_t *e)
{
    return query_ids(s, ST_ARTICLE_ENTITY_IDS, article_id, n, e, "read the entities");
}

static int delete_orphans(store_t *s, const int64_t *ids, size_t n, err_t *e)
{
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = stmt_id(s, ST_DELETE_ORPHAN, ids[i], e);
        if (!st)
            return -1;
        if (run(s, st, e, "remove an unused entity"))
            return -1;
    }
    return 0;
}

static int run_with_id(store_t *s, int which, int64_t id, err_t *e, const char *what)
{
    sqlite3_stmt *st = stmt_id(s, which, id, e);
    if (!st)
        return -1;
    return run(s, st, e, what);
}

int store_delete_article(store_t *s, int64_t id, err_t *e)
{
    int64_t *ents = NULL;
    size_t n = 0;

    if (writable(s, e, "remove articles") || store_begin(s, e))
        return -1;
    if (!(ents = article_entity_ids(s, id, &n, e))
        || run_with_id(s, ST_BUMP_RELATED, id, e, "record the change")
        || run_with_id(s, ST_DELETE_ARTICLE, id, e, "remove the article"))
        goto fail;
    if (sqlite3_changes(s->db) == 0) {
        err_set(e, "no article %lld in the library", (long long)id);
        goto fail;
    }
    if (run_with_id(s, ST_DELETE_REV, id, e, "remove the article"))
        goto fail;
    if (delete_orphans(s, ents, n, e))
        goto fail;
    free(ents);
    return store_commit(s, e);
fail:
    free(ents);
    store_rollback(s);
    return -1;
}

/* Re-annotation keeps ids stable: the ids are what people type (`contra
** tag C12`) and what exports write, so an annotation the annotator finds
** again must stay the row it was.  The fresh annotations are compared
** with what is stored, not swapped in:
**
** - a mention is the same when article, entity and span are; an auto
**   mention at a span where an imported or user-made mention already is
**   would highlight the words twice and is skipped;
** - a quote or claim is the same when kind, span and speaker entity are;
**   it keeps its row, and only the details (speaker and cue spans, direct)
**   are updated.  A fresh one at the span of an imported, user-made or
**   touched (tagged, noted, related by a person) one, or of one already
**   matched, is that one and is not stored twice;
** - a relation is the same when type and ends are (UNIQUE in the schema);
** - auto ones that were not found again are deleted, unless a person has
**   touched them; relations into deleted ones go with them (CASCADE).
*/
typedef struct old_assertion {
    int64_t id, speaker;
    assertion_kind_t kind;
    span_t span, speaker_span, cue_span;
    bool direct, is_auto, touched, matched;
    bool covered;          /* a fresh one was taken for it by its words */
} old_assertion_t;

static int load_old_assertions(store_t *s, int64_t article_id, old_assertion_t **out,
                               size_t *n, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_REPLACE_ASSERTIONS, e);
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, article_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        grow_array((void **)out, &cap, *n + 1, sizeof **out);
        old_assertion_t *o = &(*out)[(*n)++];
        const char *kind = (const char *)sqlite3_column_text(st, 1);
        const char *origin = (const char *)sqlite3_column_text(st, 5);
        memset(o, 0, sizeof *o);
        o->id = sqlite3_column_int64(st, 0);
        o->kind = kind && strcmp(kind, "claim") == 0 ? ASSERT_CLAIM : ASSERT_QUOTE;
        o->span = column_span(st, 2);
        o->speaker = sqlite3_column_int64(st, 4);   /* NULL reads as 0 */
        o->is_auto = origin && strcmp(origin, "auto") == 0;
        o->speaker_span = column_span(st, 6);
        o->cue_span = column_span(st, 8);
        o->direct = sqlite3_column_int(st, 10) != 0;
        o->touched = sqlite3_column_int(st, 11) != 0;
    }
    return end_rows(s, st, rc, e, "read the quotes and claims");
}

static bool same_span(span_t a, span_t b)
{
    if (!span_present(a) || !span_present(b))
        return span_present(a) == span_present(b);
    return a.start == b.start && a.end == b.end;
}

/* How many bytes two spans share when they cover mostly the same words
** (half the longer one at least), else 0.  The annotator rarely cuts a
** claim where a person or another tool did ("its fighters had carried
** out the attack" beside "... the attack on Sunday"); half the longer,
** not the shorter, so that a short claim inside a long one (another
** speaker's words quoted in it) stays a claim of its own. */
static int64_t same_words(span_t a, span_t b)
{
    if (!span_present(a) || !span_present(b))
        return 0;
    int64_t lo = a.start > b.start ? a.start : b.start;
    int64_t hi = a.end < b.end ? a.end : b.end;
    int64_t la = a.end - a.start, lb = b.end - b.start;
    return hi > lo && 2 * (hi - lo) >= (la > lb ? la : lb) ? hi - lo : 0;
}

static int replace_mentions(store_t *s, int64_t article_id, const article_t *fresh,
                            err_t *e)
{
    int64_t *old, *kept = NULL;
    size_t nold, nkept = 0, cap = 0;
    int rc = -1;

    if (!(old = query_ids(s, ST_AUTO_MENTION_IDS, article_id, &nold, e,
                          "read the mentions")))
        return -1;
    for (size_t i = 0; i < fresh->nentities; i++) {
        const entity_t *en = &fresh->entities[i];
        for (size_t k = 0; k < en->nmentions; k++) {
            for (int which = ST_KEPT_MENTION_AT; ; which = ST_UPSERT_AUTO_MENTION) {
                sqlite3_stmt *st = stmt(s, which, e);
                int r;
                if (!st)
                    goto out;
                sqlite3_bind_int64(st, 1, article_id);
                if (which == ST_KEPT_MENTION_AT) {
                    sqlite3_bind_int64(st, 2, en->mentions[k].start);
                    sqlite3_bind_int64(st, 3, en->mentions[k].end);
                } else {
                    sqlite3_bind_int64(st, 2, en->id);
                    sqlite3_bind_int64(st, 3, en->mentions[k].start);
                    sqlite3_bind_int64(st, 4, en->mentions[k].end);
                }
                r = sqlite3_step(st);
                if (r == SQLITE_ROW && which == ST_UPSERT_AUTO_MENTION) {
                    grow_array((void **)&kept, &cap, nkept + 1, sizeof *kept);
                    kept[nkept++] = sqlite3_column_int64(st, 0);
                    r = sqlite3_step(st);
                }
                if (r != SQLITE_ROW && r != SQLITE_DONE)
                    fail(s, e, "add a mention");
                done(st);
                if (r != SQLITE_ROW && r != SQLITE_DONE)
                    goto out;
                /* A person's mention at this span: leave it at that. */
                if (which == ST_UPSERT_AUTO_MENTION || r == SQLITE_ROW)
                    break;
            }
        }
    }
    if (nkept)
        qsort(kept, nkept, sizeof *kept, cmp_i64);
    for (size_t i = 0; i < nold; i++)
        if (find_id(kept, nkept, old[i]) < 0
            && run_with_id(s, ST_DELETE_MENTION, old[i], e, "remove an old mention"))
            goto out;
    rc = 0;
out:
    free(old);
    free(kept);
    return rc;
}

static int replace_assertions(store_t *s, int64_t article_id, article_t *fresh,
                              err_t *e)
{
    old_assertion_t *old;
    size_t nold;
    int rc = -1;

    if (load_old_assertions(s, article_id, &old, &nold, e))
        return -1;
    for (size_t i = 0; i < fresh->nassertions; i++)
        fresh->assertions[i].id = 0;
    /* The same one first, for every fresh assertion, so that a fresh one
    ** falling back on a span match below cannot take a row that another
    ** fresh one matches exactly. */
    for (size_t i = 0; i < fresh->nassertions; i++) {
        assertion_t *q = &fresh->assertions[i];
        int64_t speaker = q->speaker >= 0 ? fresh->entities[q->speaker].id : 0;
        for (size_t k = 0; k < nold; k++) {
            old_assertion_t *o = &old[k];
            if (o->matched || !o->is_auto || o->kind != q->kind
                || !same_span(o->span, q->span) || o->speaker != speaker)
                continue;
            o->matched = true;
            q->id = o->id;
            if (same_span(o->speaker_span, q->speaker_span)
                && same_span(o->cue_span, q->cue_span) && o->direct == q->direct)
                break;
            sqlite3_stmt *st = stmt_id(s, ST_UPDATE_ASSERTION_DETAIL, o->id, e);
            if (!st)
                goto out;
            bind_span(st, 2, q->speaker_span);
            bind_span(st, 4, q->cue_span);
            sqlite3_bind_int(st, 6, q->direct ? 1 : 0);
            if (run(s, st, e, "update a quote or claim"))
                goto out;
            break;
        }
    }
    for (size_t i = 0; i < fresh->nassertions; i++) {
        assertion_t *q = &fresh->assertions[i];
        if (q->id)
            continue;
        /* At the span of one already there, it is that one.  Where an
        ** imported, user-made or touched one by the same speaker (or one
        ** not known on either side) covers
        ** mostly the same words, it is that one too: a person's or a
        ** tool's cut of the claim stands, and the annotator's beside it
        ** was a near copy under another id (a new user's trial: C79
        ** beside C24).  The closest such one, and each for one fresh
        ** one only, so that two claims never fold into one. */
        int64_t speaker = q->speaker >= 0 ? fresh->entities[q->speaker].id : 0;
        old_assertion_t *best = NULL;
        int64_t best_n = 0;
        for (size_t k = 0; k < nold && !q->id; k++) {
            old_assertion_t *o = &old[k];
            bool kept = !o->is_auto || o->touched;
            if (o->kind != q->kind)
                continue;
            if ((o->matched || kept) && same_span(o->span, q->span))
                q->id = o->id;
            bool who = o->speaker == speaker || !o->speaker || !speaker;
            int64_t n = kept && !o->covered && who ? same_words(o->span, q->span) : 0;
            if (n > best_n) {
                best = o;
                best_n = n;
            }
        }
        if (!q->id && best) {
            best->covered = true;
            q->id = best->id;
        }
        if (!q->id && insert_assertion(s, article_id, fresh, q, "auto", e))
            goto out;
    }
    for (size_t k = 0; k < nold; k++)
        if (old[k].is_auto && !old[k].matched && !old[k].touched
            && run_with_id(s, ST_DELETE_ASSERTION, old[k].id, e,
                           "remove an old quote or claim"))
            goto out;
    rc = 0;
out:
    free(old);
    return rc;
}

static int replace_relations(store_t *s, int64_t article_id, article_t *fresh,
                             err_t *e)
{
    int64_t *old, *kept;
    size_t nold;
    int rc = -1;

    for (size_t i = 0; i < fresh->nrelations; i++) {
        relation_t *r = &fresh->relations[i];
        r->id = 0;
        if (resolve_end(s, article_id, fresh, &r->from, e)
            || resolve_end(s, article_id, fresh, &r->to, e))
            return -1;
        /* Both ends fell back on one stored assertion (see above): there
        ** is nothing to relate. */
        if (r->from.id == r->to.id)
            continue;
        if (insert_relation(s, r->type, r->origin, r->from.id, r->to.id, &r->id,
                            article_id, r->from.article_id, r->to.article_id, e))
            return -1;
    }
    if (!(old = query_ids(s, ST_AUTO_RELATION_IDS, article_id, &nold, e,
                          "read the relations")))
        return -1;
    kept = xcalloc(fresh->nrelations + 1, sizeof *kept);
    for (size_t i = 0; i < fresh->nrelations; i++)
        kept[i] = fresh->relations[i].id;
    qsort(kept, fresh->nrelations, sizeof *kept, cmp_i64);
    for (size_t i = 0; i < nold; i++)
        if (find_id(kept, fresh->nrelations, old[i]) < 0
            && run_with_id(s, ST_DELETE_RELATION, old[i], e, "remove an old relation"))
            goto out;
    rc = 0;
out:
    free(old);
    free(kept);
    return rc;
}

int store_replace_auto(store_t *s, int64_t article_id, article_t *fresh, err_t *e)
{
    int64_t *ents = NULL, len = -1;
    size_t n = 0;
    sqlite3_stmt *st;
    int rc;

    if (writable(s, e, "save annotations") || store_begin(s, e))
        return -1;
    if (!(st = stmt_id(s, ST_ARTICLE_LEN, article_id, e)))
        goto fail;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        len = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_DONE)
        err_set(e, "no article %lld in the library", (long long)article_id);
    else
        fail(s, e, "read the article");
    done(st);
    if (len < 0 || validate(fresh, (size_t)len, e))
        goto fail;
    if (!(ents = article_entity_ids(s, article_id, &n, e))
        || run_with_id(s, ST_BUMP_RELATED, article_id, e, "record the change")
        || bump_rev(s, article_id, e)
        || save_entities(s, fresh, e)
        || replace_mentions(s, article_id, fresh, e)
        || replace_assertions(s, article_id, fresh, e)
        || replace_relations(s, article_id, fresh, e)
        || delete_orphans(s, ents, n, e))
        goto fail;
    /* A fresh entity whose every mention was skipped, and who speaks in
    ** nothing that was kept, would linger with no article; it goes too. */
    for (size_t i = 0; i < fresh->nentities; i++) {
        int64_t gone = fresh->entities[i].id;
        if (!gone)
            continue;
        if (delete_orphans(s, &gone, 1, e))
            goto fail;
        if (sqlite3_changes(s->db) > 0)
            for (size_t k = i; k < fresh->nentities; k++)
                if (fresh->entities[k].id == gone)
                    fresh->entities[k].id = 0;
    }
    free(ents);
    fresh->id = article_id;
    if (store_commit(s, e)) {
        forget_ids(fresh, false);
        return -1;
    }
    return 0;
fail:
    free(ents);
    store_rollback(s);
    forget_ids(fresh, false);
    return -1;
}

/* ---------------------------------------------------------------------
** Listing and searching.
*/
void summary_clear(article_summary_t *m)
{
    free(m->source);
    free(m->title);
    memset(m, 0, sizeof *m);
}

/* The first n rows of out, read before an error. */
static void summaries_clear(article_summary_t *out, int n)
{
    for (int k = 0; k < n; k++)
        summary_clear(&out[k]);
}

/* The letters and digits in the last token of the word [w, end), as
** the index's tokenizer cuts it (unicode61, in store_fts.c): letters,
** digits and private-use characters make tokens, combining marks and
** soft hyphens (text_invisible_in_word) stay in them, counting for nothing
** here, anything else separates them.  "Ukraine's" ends in a
** token of one letter, "minist," in one of six. */
static bool token_char(ucs4_t c)
{
    return uc_is_general_category(c, uc_general_category_or(
        uc_general_category_or(UC_CATEGORY_L, UC_CATEGORY_N), UC_CATEGORY_Co));
}

static size_t last_token_len(const char *w, const char *end)
{
    size_t run = 0, last = 0;

    while (w < end) {
        ucs4_t c;
        w += u8_mbtouc(&c, (const uint8_t *)w, (size_t)(end - w));
        if (token_char(c))
            last = ++run;
        else if (!uc_is_general_category(c, UC_CATEGORY_M) && !text_invisible_in_word(c))
            run = 0;
    }
    return last;
}

/* A word whose last token has fewer letters than this is matched whole
** even as a prefix, for speed (issue 5: first results in under 50 ms).
** FTS5 without a prefix index reads and merges the position lists of
** every term a prefix begins, all at once.  On the 100,000-article bench
** library (sqlite3 3.40), reading the matches' rowids took: "the*" 115 ms
** (it merges "the" itself, 6.8 million positions), "a*" 410, "th*"
** 180-270, "m*" 170; the other prefixes of three letters with the most
** positions 17-33 ms ("tha*" 33, "for*" 30), and those of four 10-18
** ("that*" 11, "repo*" 18).  The cost follows the positions merged.  The common short words that make
** a short prefix slow ("the", "and", "for") are whole words already, and
** a word of one to three letters ("EU", "war") is more often meant as
** itself than as the start of another. */
#define PREFIX_MIN 4

/* The next word of a filter at *p, words being what blanks separate:
** its start, *p left at its end; NULL when no word is left.  The words
** of fts_query and of store_filter_whole_word alike. */
static const char *next_word(const char **p)
{
    static const char blanks[] = " \t\n\r\f\v";
    const char *w = *p + strspn(*p, blanks);
    if (!*w)
        return NULL;
    *p = w + strcspn(w, blanks);
    return w;
}

bool store_filter_whole_word(const char *q)
{
    for (const char *p = q, *w; (w = next_word(&p)) != NULL;) {
        size_t n = last_token_len(w, p);
        if (n > 0 && n < PREFIX_MIN)
            return true;
    }
    return false;
}

/* Turn what a user typed into an FTS5 query that cannot be a syntax
** error: every word becomes a quoted string (inner quotes doubled), and
** the words are ANDed.  FTS5 tokenizes inside the quotes, so "Ukraine's"
** becomes the phrase "ukraine s", which is what the index holds.  Words
** with no letter or digit (a curly quote, a soft hyphen alone) would be
** empty phrases, which match nothing, and are dropped.  With
** prefix, a word whose last token has PREFIX_MIN letters or more gets a
** '*' after its closing quote, so that "minist" matches "ministers".
** Returns NULL when nothing searchable is left. */
static char *fts_query(const char *q, bool prefix)
{
    strbuf_t b = {0};

    for (const char *p = q, *w; (w = next_word(&p)) != NULL;) {
        bool useful = false;
        for (const char *c = w; c < p && !useful;) {
            ucs4_t u;
            int k = u8_mbtouc(&u, (const uint8_t *)c, (size_t)(p - c));
            c += k > 0 ? k : 1;
            useful = token_char(u);
        }
        if (!useful)
            continue;
        if (b.len)
            sb_adds(&b, " AND ");
        sb_addc(&b, '"');
        for (const char *c = w; c < p; c++) {
            if (*c == '"')
                sb_addc(&b, '"');
            sb_addc(&b, *c);
        }
        sb_addc(&b, '"');
        if (prefix && last_token_len(w, p) >= PREFIX_MIN)
            sb_addc(&b, '*');
    }
    return b.s;
}

static int status_counts(store_t *s, article_summary_t *m, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_STATUS_COUNTS, e);
    int rc;

    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, m->id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        int k = name ? status_parse(name) : -1;
        if (k >= 0)
            m->counts[k] = sqlite3_column_int(st, 1);
    }
    return end_rows(s, st, rc, e, "count the claims");
}

static void summary_from(sqlite3_stmt *st, article_summary_t *m)
{
    const char *pub = (const char *)sqlite3_column_text(st, 1);
    memset(m, 0, sizeof *m);
    m->id = sqlite3_column_int64(st, 0);
    snprintf(m->published, sizeof m->published, "%s", pub ? pub : "");
    m->source = column_dup(st, 2);
    m->title = column_dup(st, 3);
}

/* Up to this many matches, the plain query (ST_SEARCH) is fastest. */
#define SEARCH_SMALL 512

/* Up to max rows of st, a listing statement bound and ready, into out
** (done with st after); their number, or -1 with nothing left in out. */
static int read_summaries(store_t *s, sqlite3_stmt *st, article_summary_t *out,
                          int max, const char *what, err_t *e)
{
    int n = 0, rc = SQLITE_DONE;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        summary_from(st, &out[n++]);
    bool bad = n < max && rc != SQLITE_DONE;
    if (bad)
        fail(s, e, what);
    done(st);
    if (bad) {
        summaries_clear(out, n);
        return -1;
    }
    return n;
}

/* The status counts of the n rows of out; n, or -1 with out cleared. */
static int count_statuses(store_t *s, article_summary_t *out, int n, err_t *e)
{
    for (int i = 0; i < n; i++)
        if (status_counts(s, &out[i], e) != 0) {
            summaries_clear(out, n);
            return -1;
        }
    return n;
}

/* The rowids of the articles matching fts, ascending, into *ids
** (malloc'd, NULL when none) and their number into *n; 0, or -1. */
static int match_ids(store_t *s, const char *fts, int64_t **ids, size_t *n, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_FTS_ROWIDS, e);
    size_t cap = 0;
    int rc;

    *ids = NULL;
    *n = 0;
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        grow_array((void **)ids, &cap, *n + 1, sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    if (end_rows(s, st, rc, e, "search the library") < 0) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}

/* Walk the date index through which (ST_DATE_IDS: from the top;
** ST_DATE_IDS_AFTER: older than the key (pub, id); ST_DATE_IDS_FROM:
** from the key on; ST_DATE_IDS_NEWER: newer than it, nearest first),
** keeping the articles found among ids[0, n) (binary search), until max
** of them are in out, in the walk's order.  The rows put in out, or -1
** with out cleared. */
static int walk_matches(store_t *s, int which, const char *pub, int64_t key,
                        const int64_t *ids, size_t n, article_summary_t *out,
                        int max, err_t *e)
{
    sqlite3_stmt *st = stmt(s, which, e);
    int got = 0, rc = SQLITE_DONE;

    if (!st)
        return -1;
    if (which != ST_DATE_IDS) {
        sqlite3_bind_text(st, 1, pub, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, key);
    }
    while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (find_id(ids, n, id) < 0)
            continue;
        sqlite3_stmt *one = stmt(s, ST_SUMMARY, e);
        if (!one) {
            rc = SQLITE_ERROR;
            break;
        }
        sqlite3_bind_int64(one, 1, id);
        int r1 = sqlite3_step(one);
        if (r1 == SQLITE_ROW)
            summary_from(one, &out[got++]);
        else if (r1 != SQLITE_DONE)
            rc = r1;
        done(one);
        if (r1 != SQLITE_ROW && r1 != SQLITE_DONE)
            break;
    }
    bool bad = got < max && rc != SQLITE_DONE;
    if (bad && !err_is_set(e))
        fail(s, e, "search the library");
    done(st);
    if (bad) {
        summaries_clear(out, got);
        return -1;
    }
    return got;
}

/* One page of a search whose matches are many.  ST_SEARCH would gather
** every match and sort them by date before its LIMIT applies: a word in
** each of 100,000 articles took 170-300 ms for the first 64 (issue 5
** wants under 50).  Here the matches' rowids are read from the index
** alone (ascending, no sort: about 10 ms for 100,000), and the date index
** is walked newest first from the page's start, keeping the articles
** found among them (binary search) until the page is full.  The more
** articles match, the sooner it fills; with few matches the plain query
** wins, so it is kept for them.  Returns the rows put in out, -1 on an
** error, or -2 when the match set is small (the caller uses ST_SEARCH). */
static int search_many(store_t *s, const char *fts, const article_summary_t *after,
                       article_summary_t *out, int max, err_t *e)
{
    int64_t *ids;
    size_t n;

    if (match_ids(s, fts, &ids, &n, e) < 0)
        return -1;
    if (n <= SEARCH_SMALL) {
        free(ids);
        return -2;
    }
    int got = after ? walk_matches(s, ST_DATE_IDS_AFTER, after->published, after->id,
                                   ids, n, out, max, e)
                    : walk_matches(s, ST_DATE_IDS, NULL, 0, ids, n, out, max, e);
    free(ids);
    return got;
}

static int list_page(store_t *s, const char *query, bool prefix,
                     const article_summary_t *after, article_summary_t *out,
                     int max, err_t *e)
{
    char *fts = NULL;
    sqlite3_stmt *st;
    int n = 0;

    if (max <= 0)
        return 0;
    if (query) {
        bool blank = true;
        for (const char *p = query; *p; p++)
            if (!(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
                blank = false;
        if (blank)
            query = NULL;
        else if (!(fts = fts_query(query, prefix)))
            return 0;    /* only punctuation: nothing can match */
    }
    if (fts) {
        /* One snapshot for the two reads of search_many. */
        bool txn = !s->depth;
        if (txn && run_simple(s, ST_BEGIN_READ, e, "search the library")) {
            free(fts);
            return -1;
        }
        n = search_many(s, fts, after, out, max, e);
        if (txn) {
            err_t ignore;
            run_simple(s, n == -1 ? ST_ROLLBACK : ST_COMMIT, &ignore, "finish searching");
        }
        if (n == -1) {
            free(fts);
            return -1;
        }
        if (n >= 0) {
            free(fts);
            goto counts;
        }
        n = 0;
    }
    if (!(st = stmt(s, fts ? (after ? ST_SEARCH_AFTER : ST_SEARCH)
                    : (after ? ST_LIST_AFTER : ST_LIST), e))) {
        free(fts);
        return -1;
    }
    sqlite3_bind_int(st, 1, max);
    if (after) {
        sqlite3_bind_text(st, 2, after->published, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, after->id);
    }
    if (fts)
        sqlite3_bind_text(st, 4, fts, -1, SQLITE_STATIC);
    n = read_summaries(s, st, out, max, fts ? "search the library" : "list the library", e);
    free(fts);
    if (n < 0)
        return -1;
counts:
    return count_statuses(s, out, n, e);
}

int store_list(store_t *s, const char *query, const article_summary_t *after,
               article_summary_t *out, int max, err_t *e)
{
    return list_page(s, query, false, after, out, max, e);
}

int store_filter(store_t *s, const char *query, const article_summary_t *after,
                 article_summary_t *out, int max, err_t *e)
{
    return list_page(s, query, true, after, out, max, e);
}

/* Turn rows read nearest first into library order. */
static void reverse_summaries(article_summary_t *out, int n)
{
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        article_summary_t t = out[i];
        out[i] = out[j];
        out[j] = t;
    }
}

/* Up to max rows of the whole library on one side of the key (pub, id),
** through which (ST_LIST_FROM: from the key on; ST_LIST_NEWER: newer
** than it, nearest first, turned round here), with their counts, into
** out in library order.  The number of rows, or -1. */
static int list_side(store_t *s, int which, const char *pub, int64_t id,
                     article_summary_t *out, int max, err_t *e)
{
    sqlite3_stmt *st;
    int n;

    if (max <= 0)
        return 0;
    if (!(st = stmt(s, which, e)))
        return -1;
    sqlite3_bind_int(st, 1, max);
    sqlite3_bind_text(st, 2, pub, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, id);
    if ((n = read_summaries(s, st, out, max, "list the library", e)) < 0
        || (n = count_statuses(s, out, n, e)) < 0)
        return -1;
    if (which == ST_LIST_NEWER)
        reverse_summaries(out, n);
    return n;
}

int store_list_newer(store_t *s, const article_summary_t *before,
                     article_summary_t *out, int max, err_t *e)
{
    return list_side(s, ST_LIST_NEWER, before->published, before->id, out, max, e);
}

int store_list_around(store_t *s, const char *published, int64_t id,
                      int nbefore, int nfrom, article_summary_t *out,
                      int *before, int64_t *index, err_t *e)
{
    sqlite3_stmt *st;
    int nb, nf = -1;
    bool began, ok = false;

    *before = 0;
    *index = 0;
    /* One snapshot: the index must be that of out[0]. */
    if (begin_read(s, &began, e))
        return -1;
    nb = list_side(s, ST_LIST_NEWER, published, id, out, nbefore, e);
    if (nb >= 0)
        nf = list_side(s, ST_LIST_FROM, published, id, out + nb, nfrom, e);
    /* For the position shown ("n/N"): the articles newer than the key,
    ** counted on the date index alone.  It walks them, but reads no
    ** article: with the two pages, 0.15 ms at the 1,000th row of the
    ** 100,000-article bench library, 2.2 ms at the 50,000th, 5.2 ms at
    ** the last. */
    if (nf >= 0 && (st = stmt(s, ST_COUNT_NEWER, e))) {
        sqlite3_bind_text(st, 1, published, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            *index = sqlite3_column_int64(st, 0) - nb;
            ok = true;
        } else {
            fail(s, e, "count the library");
        }
        done(st);
    }
    end_read(s, began, ok);
    if (!ok) {
        summaries_clear(out, (nb > 0 ? nb : 0) + (nf > 0 ? nf : 0));
        return -1;
    }
    *before = nb;
    return nb + nf;
}

/* One side of the key (pub, id) among the matches of fts, whose rowids
** are ids[0, n) (read in the same snapshot), with their counts, in
** library order: the nearest max matches newer than the key (newer), or
** up to max from the key on (pub NULL: from the top).  For speed (issue
** 5), the two ways of a page of the filter: many matches walk the date
** index, few are looked up by rowid and sorted.  The number of rows, or
** -1 with out cleared. */
static int filter_side(store_t *s, const char *fts, const int64_t *ids, size_t n,
                       bool newer, const char *pub, int64_t id,
                       article_summary_t *out, int max, err_t *e)
{
    sqlite3_stmt *st;
    int got = 0;

    if (n > SEARCH_SMALL) {
        got = walk_matches(s, newer ? ST_DATE_IDS_NEWER : pub ? ST_DATE_IDS_FROM : ST_DATE_IDS,
                           pub, id, ids, n, out, max, e);
    } else if (n > 0 && max > 0) {
        if (!(st = stmt(s, newer ? ST_SEARCH_NEWER : pub ? ST_SEARCH_FROM : ST_SEARCH, e)))
            return -1;
        sqlite3_bind_int(st, 1, max);
        if (pub) {
            sqlite3_bind_text(st, 2, pub, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(st, 3, id);
        }
        sqlite3_bind_text(st, 4, fts, -1, SQLITE_STATIC);
        got = read_summaries(s, st, out, max, "search the library", e);
    }
    if (got < 0 || (got = count_statuses(s, out, got, e)) < 0)
        return -1;
    if (newer)
        reverse_summaries(out, got);
    return got;
}

/* How many of the matches of fts (rowids ids[0, n)) are newer than the
** key (pub, id), for the position shown ("n/N"); -1 on an error.  Few
** are looked up by rowid.  For many, the date index is walked from the
** key both ways at once, and the count is taken from the side that ends
** first (the other side's matches taken from n), or as soon as every
** match has been passed: for speed (issue 5), the cost is that of the
** rows to the nearer end of the library, so that a reload at the bottom
** (after G) costs what one at the top does, not a walk over the whole
** library. */
static int64_t count_newer(store_t *s, const char *fts, const int64_t *ids, size_t n,
                           const char *pub, int64_t id, err_t *e)
{
    sqlite3_stmt *up, *down;
    int64_t newer = 0, older = 0, r = -1;

    if (n == 0)
        return 0;
    if (n <= SEARCH_SMALL) {
        if (!(up = stmt(s, ST_SEARCH_COUNT_NEWER, e)))
            return -1;
        sqlite3_bind_text(up, 1, pub, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(up, 2, id);
        sqlite3_bind_text(up, 3, fts, -1, SQLITE_STATIC);
        if (sqlite3_step(up) == SQLITE_ROW)
            r = sqlite3_column_int64(up, 0);
        else
            fail(s, e, "count the matches");
        done(up);
        return r;
    }
    if (!(up = stmt(s, ST_DATE_IDS_NEWER, e)) || !(down = stmt(s, ST_DATE_IDS_FROM, e)))
        return -1;
    sqlite3_bind_text(up, 1, pub, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(up, 2, id);
    sqlite3_bind_text(down, 1, pub, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(down, 2, id);
    int rc_up, rc_down = SQLITE_ROW;
    for (;;) {
        if ((rc_up = sqlite3_step(up)) != SQLITE_ROW)
            break;
        newer += find_id(ids, n, sqlite3_column_int64(up, 0)) >= 0;
        if ((rc_down = sqlite3_step(down)) != SQLITE_ROW)
            break;
        older += find_id(ids, n, sqlite3_column_int64(down, 0)) >= 0;
        if ((size_t)(newer + older) == n)
            break;
    }
    if (rc_up == SQLITE_DONE || (size_t)(newer + older) == n)
        r = newer;
    else if (rc_down == SQLITE_DONE)
        r = (int64_t)n - older;
    else
        fail(s, e, "count the matches");
    done(up);
    done(down);
    return r;
}

/* store_filter_around, and without position store_filter_newer, which
** needs no count of the matches above (*index is then 0). */
static int filter_around(store_t *s, const char *query, const char *published,
                         int64_t id, int nbefore, int nfrom, bool position,
                         article_summary_t *out, int *before, int64_t *index,
                         int64_t *found, err_t *e)
{
    char *fts = query ? fts_query(query, true) : NULL;
    int64_t *ids = NULL, newer = 0;
    size_t n = 0;
    int nb = 0, nf = -1;
    bool began;

    *before = 0;
    *index = 0;
    *found = 0;
    if (!fts)
        return 0;       /* no word to search: nothing matches */
    /* One snapshot: the rows, the position and the count agree. */
    if (begin_read(s, &began, e)) {
        free(fts);
        return -1;
    }
    if (match_ids(s, fts, &ids, &n, e) == 0) {
        if (published)
            nb = filter_side(s, fts, ids, n, true, published, id, out, nbefore, e);
        if (nb >= 0)
            nf = filter_side(s, fts, ids, n, false, published, id, out + nb, nfrom, e);
        if (nf >= 0 && position && published
            && (newer = count_newer(s, fts, ids, n, published, id, e)) < 0) {
            summaries_clear(out + nb, nf);
            nf = -1;
        }
    }
    end_read(s, began, nf >= 0);
    free(ids);
    free(fts);
    if (nf < 0) {
        if (nb > 0)
            summaries_clear(out, nb);
        return -1;
    }
    *before = nb;
    *index = position ? newer - nb : 0;
    *found = (int64_t)n;
    return nb + nf;
}

int store_filter_around(store_t *s, const char *query, const char *published,
                        int64_t id, int nbefore, int nfrom, article_summary_t *out,
                        int *before, int64_t *index, int64_t *found, err_t *e)
{
    return filter_around(s, query, published, id, nbefore, nfrom, true, out,
                         before, index, found, e);
}

int store_filter_newer(store_t *s, const char *query, const article_summary_t *before,
                       article_summary_t *out, int max, int64_t *found, err_t *e)
{
    int nb;
    int64_t index, n;

    int got = filter_around(s, query, before->published, before->id, max, 0, false,
                            out, &nb, &index, &n, e);
    if (found)
        *found = n;
    return got;
}

int64_t store_count_articles(store_t *s, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_COUNT_ARTICLES, e);
    int64_t n = -1;

    if (!st)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    else
        fail(s, e, "count the articles");
    done(st);
    return n;
}

int64_t store_data_version(store_t *s)
{
    if (s->frozen)
        return frozen_data_version(s);
    err_t e = {{0}};
    sqlite3_stmt *st = stmt(s, ST_DATA_VERSION, &e);
    int64_t v = -1;

    if (!st)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    done(st);
    return v;
}

int store_all_ids(store_t *s, int64_t **ids, size_t *n, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_ALL_IDS, e);
    size_t cap = 0;
    int rc;

    *ids = NULL;
    *n = 0;
    if (!st)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        grow_array((void **)ids, &cap, *n + 1, sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    if (rc != SQLITE_DONE) {
        fail(s, e, "list the articles");
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    done(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---------------------------------------------------------------------
** Tags.
*/

/* Current status, note and kind of an assertion; -1 with a message if it
** does not exist.  *note and *kind are malloc'd. */
static int assertion_state(store_t *s, int64_t id, status_t *status, char **note,
                           char **kind, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_ASSERTION_STATE, e);
    int rc;

    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *status = column_enum(st, 0, status_parse);
        *note = column_dup(st, 1);
        *kind = column_dup(st, 2);
    } else if (rc == SQLITE_DONE) {
        err_set(e, "no quote or claim %lld in the library", (long long)id);
    } else {
        fail(s, e, "read the quote or claim");
    }
    done(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

static int append_tag(store_t *s, int64_t id, status_t st_new, const char *note_new,
                      const char *who, status_t st_old, const char *note_old,
                      int64_t undoes, err_t *e)
{
    sqlite3_stmt *st = stmt_id(s, ST_INSERT_TAG, id, e);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 2, status_name(st_new), -1, SQLITE_STATIC);
    bind_text(st, 3, note_new);
    sqlite3_bind_text(st, 4, who, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, status_name(st_old), -1, SQLITE_STATIC);
    bind_text(st, 6, note_old);
    bind_id(st, 7, undoes);
    if (run(s, st, e, "save the tag"))
        return -1;
    if (!(st = stmt_id(s, ST_SET_STATUS, id, e)))
        return -1;
    sqlite3_bind_text(st, 2, status_name(st_new), -1, SQLITE_STATIC);
    bind_text(st, 3, note_new);
    if (run(s, st, e, "save the tag"))
        return -1;
    /* Migration 6's trigger raised the revision; the writer learns it.
    ** (A store that writes is at the current schema: store_open.) */
    return (st = stmt_id(s, ST_REV_OF_ASSERTION, id, e)) ? keep_rev(s, st, e) : -1;
}

/* store_tag, and with status NULL store_note: the status in force is
** read in the transaction that keeps it, so that a note never undoes a
** tag someone made while it was being written.  *now (if not NULL) gets
** the status the assertion has after the change, and *replaced whether
** the note replaced was other than `shown`. */
static int tag_or_note(store_t *s, int64_t assertion_id, const status_t *status,
                       const char *note, const char *shown, const char *who,
                       status_t *now, bool *replaced, err_t *e)
{
    status_t old;
    char *old_note = NULL, *kind = NULL;
    const char *what = status ? "save the tag" : "save the note";

    if (status && (unsigned)*status >= STATUS_COUNT) {
        err_set(e, "unknown status");
        return -1;
    }
    if (writable(s, e, what) || store_begin(s, e))
        return -1;
    if (!who)
        who = login_name();
    if (assertion_state(s, assertion_id, &old, &old_note, &kind, e)
        || append_tag(s, assertion_id, status ? *status : old, note ? note : old_note, who,
                      old, old_note, 0, e)) {
        free(old_note);
        free(kind);
        store_rollback(s);
        return -1;
    }
    bool other = !note_same(old_note, shown);
    free(old_note);
    free(kind);
    if (store_commit(s, e))
        return -1;
    if (now)
        *now = status ? *status : old;
    if (replaced)
        *replaced = other;
    return 0;
}

int store_tag(store_t *s, int64_t assertion_id, status_t status, const char *note,
              const char *who, err_t *e)
{
    return tag_or_note(s, assertion_id, &status, note, NULL, who, NULL, NULL, e);
}

int store_note(store_t *s, int64_t assertion_id, const char *note, const char *shown,
               const char *who, status_t *now, bool *replaced, err_t *e)
{
    return tag_or_note(s, assertion_id, NULL, note ? note : "", shown, who, now, replaced, e);
}

/* Undoing a tag withdraws it: the status in force becomes that of the
** latest tag nobody withdrew that set one, and the note that of the
** latest that set one, or those before the first tag where none is left.
** For one person tagging alone this is exactly "what the tag replaced";
** when someone tagged or wrote a note after me, theirs stays in force, so
** undoing mine never silently drops it, nor keeps mine alive through it
** (a note is a row at the status in force, a tag a row with the note in
** force). */
int store_untag(store_t *s, int64_t assertion_id, const char *who,
                status_t *restored, err_t *e)
{
    untag_info_t info;
    if (store_untag_info(s, assertion_id, who, &info, e))
        return -1;
    if (restored)
        *restored = info.now;
    untag_info_free(&info);
    return 0;
}

void untag_info_free(untag_info_t *info)
{
    free(info->was_note);
    free(info->now_note);
    info->was_note = info->now_note = NULL;
}

/* The reader undoes a note as it undoes a tag (both are rows of the
** history), and says which of the two changed: so the state before and
** after is read in the same transaction as the undo, not around it,
** where another person's tag could fall in between. */
int store_untag_info(store_t *s, int64_t assertion_id, const char *who,
                     untag_info_t *info, err_t *e)
{
    status_t cur, to = STATUS_UNREVIEWED;
    char *cur_note = NULL, *to_note = NULL, *kind = NULL;
    int64_t tag_id = 0;
    sqlite3_stmt *st;
    int rc;

    if (writable(s, e, "undo the tag") || store_begin(s, e))
        return -1;
    if (!who)
        who = login_name();
    if (assertion_state(s, assertion_id, &cur, &cur_note, &kind, e))
        goto fail;
    if (!(st = stmt_id(s, ST_LAST_TAG_BY, assertion_id, e)))
        goto fail;
    sqlite3_bind_text(st, 2, who, -1, SQLITE_STATIC);
    if (step_id(s, st, &tag_id, e, "read the tag history"))
        goto fail;
    if (!tag_id) {
        char label[32];
        assertion_label(label, sizeof label, kind, assertion_id);
        err_set(e, "%s has no tag by %s to undo", label, who);
        goto fail;
    }
    /* The status and the note of the surviving tags that set them, each
    ** on its own, else those before the first tag: a colleague's note
    ** must not keep my withdrawn tag's status, nor their tag, which
    ** copied my note, keep my withdrawn note. */
    /* k: 0 the status, 1 the note, 2 both as before the first tag. */
    static const int which[3] = { ST_SURVIVING_STATUS, ST_SURVIVING_NOTE, ST_ORIGINAL_STATE };
    bool have_status = false, have_note = false;
    for (int k = 0; k < 3 && !(have_status && have_note); k++) {
        if (!(st = stmt_id(s, which[k], assertion_id, e)))
            goto fail;
        if (k < 2)
            sqlite3_bind_int64(st, 2, tag_id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            if (k != 1 && !have_status) {
                to = column_enum(st, 0, status_parse);
                have_status = true;
            }
            if (k != 0 && !have_note) {
                to_note = column_dup(st, k == 2);
                have_note = true;
            }
        } else if (rc != SQLITE_DONE) {
            fail(s, e, "read the tag history");
        }
        done(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            goto fail;
    }
    if (append_tag(s, assertion_id, to, to_note, who, cur, cur_note, tag_id, e))
        goto fail;
    if (store_commit(s, e)) {
        free(cur_note);
        free(to_note);
        free(kind);
        return -1;
    }
    info->letter = kind && strcmp(kind, "claim") == 0 ? 'C' : 'Q';
    info->was = cur;
    info->now = to;
    info->was_note = cur_note;
    info->now_note = to_note;
    free(kind);
    return 0;
fail:
    free(cur_note);
    free(to_note);
    free(kind);
    store_rollback(s);
    return -1;
}

int store_tag_history(store_t *s, int64_t assertion_id, tag_entry_t **out, err_t *e)
{
    status_t cur;
    char *note = NULL, *kind = NULL;
    sqlite3_stmt *st;
    size_t n = 0, cap = 0;
    int rc;

    *out = NULL;
    if (assertion_state(s, assertion_id, &cur, &note, &kind, e))
        return -1;
    free(note);
    free(kind);
    if (!(st = stmt_id(s, ST_HISTORY, assertion_id, e)))
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        grow_array((void **)out, &cap, n + 1, sizeof **out);
        tag_entry_t *t = &(*out)[n++];
        t->status = column_enum(st, 0, status_parse);
        t->note = column_dup(st, 1);
        t->who = column_dup(st, 2);
        t->when = column_dup(st, 3);
    }
    if (rc != SQLITE_DONE) {
        fail(s, e, "read the tag history");
        tag_entries_free(*out, (int)n);
        *out = NULL;
    }
    done(st);
    return rc == SQLITE_DONE ? (int)n : -1;
}

void tag_entries_free(tag_entry_t *t, int n)
{
    for (int i = 0; i < n; i++) {
        free(t[i].note);
        free(t[i].who);
        free(t[i].when);
    }
    free(t);
}

/* ---------------------------------------------------------------------
** Relations and navigation.
*/

/* 0 when there is no such assertion; -1 with a message on a read error. */
int64_t store_assertion_article(store_t *s, int64_t assertion_id, err_t *e)
{
    return lookup_assertion_article(s, assertion_id, e);
}

/* The start of a change to the links between a and b (of type t, or
** any when t is REL_COUNT): the checks, a transaction, and the articles
** of both ends into arts.  0, or -1 with nothing begun. */
static int begin_link_change(store_t *s, relation_type_t t, int64_t a, int64_t b,
                             int64_t arts[2], const char *what, err_t *e)
{
    int64_t ends[2] = { a, b };

    if (t != REL_COUNT && a == b) {
        err_set(e, "a quote or claim cannot %s itself",
                t == REL_SUPPORTS ? "support" : "contradict");
        return -1;
    }
    if (writable(s, e, what) || store_begin(s, e))
        return -1;
    for (int k = 0; k < 2; k++) {
        int64_t art = arts[k] = lookup_assertion_article(s, ends[k], e);
        if (art <= 0) {
            if (art == 0)
                err_set(e, "no quote or claim %lld in the library", (long long)ends[k]);
            store_rollback(s);
            return -1;
        }
    }
    return 0;
}

int store_add_relation(store_t *s, relation_type_t t, origin_t o,
                       int64_t from_id, int64_t to_id, err_t *e)
{
    int64_t arts[2];

    if ((unsigned)t >= REL_COUNT || (unsigned)o >= ORIGIN_COUNT) {
        err_set(e, "unknown relation type or origin");
        return -1;
    }
    if (begin_link_change(s, t, from_id, to_id, arts, "save the relation", e))
        return -1;
    if (insert_relation(s, t, o, from_id, to_id, NULL, 0, arts[0], arts[1], e)) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s, e);
}

/* The origin of the link from -> to of type t, or -1 when there is none;
** -2 on an error. */
static int relation_origin(store_t *s, int64_t from, int64_t to, relation_type_t t, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_RELATION_ORIGIN, e);
    int o = -1, rc;

    if (!st)
        return -2;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_text(st, 3, relation_type_name(t), -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        o = origin_parse((const char *)sqlite3_column_text(st, 0));
        rc = sqlite3_step(st);
    }
    return end_rows(s, st, rc, e, "read the links") ? -2 : o;
}

int store_link(store_t *s, relation_type_t t, int64_t from_id, int64_t to_id,
               link_was_t *was, bool *reversed, bool *both, err_t *e)
{
    int64_t arts[2];

    *was = LINK_NEW;
    *reversed = false;
    *both = false;
    if ((unsigned)t >= REL_COUNT) {
        err_set(e, "unknown relation type");
        return -1;
    }
    if (begin_link_change(s, t, from_id, to_id, arts, "save the link", e))
        return -1;
    /* Contradiction goes both ways: the same link the other way round is
    ** the one to confirm, not a second one beside it. */
    int o = relation_origin(s, from_id, to_id, t, e);
    if (o == -1 && t == REL_CONTRADICTS) {
        o = relation_origin(s, to_id, from_id, t, e);
        if (o >= 0) {
            int64_t x = from_id;
            from_id = to_id;
            to_id = x;
            x = arts[0];
            arts[0] = arts[1];
            arts[1] = x;
            *reversed = true;
        }
    }
    if (o == -2)
        goto fail;
    *was = o < 0 ? LINK_NEW : o == ORIGIN_AUTO ? LINK_AUTO : LINK_THERE;
    sqlite3_stmt *st = stmt(s, ST_UNREJECT_RELATION, e);
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, from_id);
    sqlite3_bind_int64(st, 2, to_id);
    sqlite3_bind_text(st, 3, relation_type_name(t), -1, SQLITE_STATIC);
    if (run(s, st, e, "save the link")
        || insert_relation(s, t, ORIGIN_USER, from_id, to_id, NULL, 0, arts[0], arts[1], e))
        goto fail;
    if (!(st = stmt(s, ST_OTHER_TYPE_LINK, e)))
        goto fail;
    sqlite3_bind_int64(st, 1, from_id);
    sqlite3_bind_int64(st, 2, to_id);
    sqlite3_bind_text(st, 3, relation_type_name(t), -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *both = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;       /* one row says enough */
    if (end_rows(s, st, rc, e, "read the links"))
        goto fail;
    return store_commit(s, e);
fail:
    store_rollback(s);
    return -1;
}

int store_unlink(store_t *s, int64_t a, int64_t b, const char *who,
                 unlinked_t out[4], err_t *e)
{
    int64_t arts[2];
    int n = 0, rc;

    if (a == b) {
        err_set(e, "a quote or claim has no link with itself");
        return -1;
    }
    if (begin_link_change(s, REL_COUNT, a, b, arts, "remove the link", e))
        return -1;
    sqlite3_stmt *st = stmt(s, ST_UNLINK, e);
    if (!st)
        goto fail;
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    /* At most four: two types, two ways. */
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 4) {
        out[n].type = relation_type_parse((const char *)sqlite3_column_text(st, 0));
        out[n].origin = origin_parse((const char *)sqlite3_column_text(st, 1));
        out[n].from_id = sqlite3_column_int64(st, 2);
        out[n].to_id = sqlite3_column_int64(st, 3);
        n++;
    }
    if (end_rows(s, st, rc, e, "remove the link"))
        goto fail;
    for (int k = 0; k < n; k++) {
        if (!(st = stmt(s, ST_REJECT_RELATION, e)))
            goto fail;
        sqlite3_bind_int64(st, 1, out[k].from_id);
        sqlite3_bind_int64(st, 2, out[k].to_id);
        sqlite3_bind_text(st, 3, relation_type_name(out[k].type), -1, SQLITE_STATIC);
        bind_text(st, 4, who);
        if (run(s, st, e, "remember the removed link"))
            goto fail;
    }
    if (n && (bump_rev(s, arts[0], e) || (arts[1] != arts[0] && bump_rev(s, arts[1], e))))
        goto fail;
    if (store_commit(s, e))
        return -1;
    return n;
fail:
    store_rollback(s);
    return -1;
}

int store_reject_relation(store_t *s, relation_type_t t, int64_t from_id, int64_t to_id,
                          err_t *e)
{
    int64_t arts[2];

    if ((unsigned)t >= REL_COUNT) {
        err_set(e, "unknown relation type");
        return -1;
    }
    if (begin_link_change(s, t, from_id, to_id, arts, "remember the removed link", e))
        return -1;
    if (reject_link(s, t, from_id, to_id, 0, arts[0], arts[1], e)) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s, e);
}

int store_load_removed(store_t *s, article_t *a, err_t *e)
{
    /* A library read at an older schema has no removals to carry. */
    if (s->version < REJECT_VERSION)
        return 0;
    sqlite3_stmt *st = stmt_id(s, ST_LOAD_REMOVED, a->id, e);
    if (!st)
        return -1;
    size_t n = a->nassertions;
    id_index_t *qmap = xcalloc(n + 1, sizeof *qmap);
    for (size_t i = 0; i < n; i++)
        qmap[i] = (id_index_t){ a->assertions[i].id, (int)i };
    qsort(qmap, n, sizeof *qmap, cmp_id_index);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        relation_t *r = article_add_removed(a);
        r->type = column_enum(st, 0, relation_type_parse);
        int got = relation_end(s, a, &r->from, sqlite3_column_int64(st, 1),
                               sqlite3_column_int64(st, 2), qmap, n, e);
        if (got > 0)
            got = relation_end(s, a, &r->to, sqlite3_column_int64(st, 3),
                               sqlite3_column_int64(st, 4), qmap, n, e);
        if (got <= 0)
            a->nremoved--;        /* nothing of it allocated yet */
        if (got < 0) {
            free(qmap);
            done(st);
            return -1;
        }
    }
    free(qmap);
    return end_rows(s, st, rc, e, "read the removed links");
}

/* Returns -1 with a message when the assertion does not exist. */
int64_t store_next_by_speaker(store_t *s, int64_t assertion_id, int dir, err_t *e)
{
    sqlite3_stmt *st = stmt(s, ST_SPEAKER_POS, e);
    int64_t speaker = 0, start = 0, article = 0, next = 0;
    char *published = NULL;
    int rc;

    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, assertion_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        speaker = sqlite3_column_int64(st, 0);   /* NULL reads as 0 */
        start = sqlite3_column_int64(st, 1);
        article = sqlite3_column_int64(st, 2);
        published = column_dup(st, 3);
    } else if (rc == SQLITE_DONE) {
        err_set(e, "no quote or claim %lld in the library", (long long)assertion_id);
    } else {
        fail(s, e, "read the quote");
    }
    done(st);
    if (rc != SQLITE_ROW)
        return -1;
    if (speaker == 0) {
        free(published);
        return 0;
    }
    if (!(st = stmt(s, dir < 0 ? ST_SPEAKER_PREV : ST_SPEAKER_NEXT, e))) {
        free(published);
        return -1;
    }
    sqlite3_bind_int64(st, 1, speaker);
    bind_text(st, 2, published ? published : "");
    sqlite3_bind_int64(st, 3, article);
    sqlite3_bind_int64(st, 4, start);
    sqlite3_bind_int64(st, 5, assertion_id);
    if (step_id(s, st, &next, e, "find the speaker's next quote or claim"))
        next = -1;
    free(published);
    return next;
}

/* ---------------------------------------------------------------------
** Export: one snapshot, the library paged through by key, and the kind
** of an assertion by its id.  contra export holds one article at a time,
** whatever the size of the library (issue 5).
*/

int store_read_begin(store_t *s, err_t *e)
{
    if (!s->depth && run_simple(s, ST_BEGIN_READ, e, "read the library"))
        return -1;
    s->depth++;
    return 0;
}

void store_read_end(store_t *s)
{
    err_t ignore;

    if (s->depth <= 0)
        return;
    if (--s->depth == 0 && !sqlite3_get_autocommit(s->db))
        run_simple(s, ST_COMMIT, &ignore, "finish reading");
}

/* Keyset paging on the (published, id) index: each page costs the same
** however far into the library it is.  Prepared per page, which is
** nothing next to loading the page's articles. */
int store_ids_oldest_first(store_t *s, int64_t after, int64_t *out, int max, err_t *e)
{
    static const char sql[] =
        "SELECT id FROM articles WHERE (published, id) >"
        " (coalesce((SELECT published FROM articles WHERE id = ?1), ''), ?1)"
        " ORDER BY published, id LIMIT ?2";
    sqlite3_stmt *st = NULL;
    int n = 0, rc;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        fail(s, e, "list the articles");
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int(st, 2, max);
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        out[n++] = sqlite3_column_int64(st, 0);
    if (n < max && rc != SQLITE_DONE) {
        fail(s, e, "list the articles");
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}

int store_article_exists(store_t *s, int64_t id, err_t *e)
{
    sqlite3_stmt *st = NULL;
    int rc;

    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM articles WHERE id = ?1", -1, &st,
                           NULL) != SQLITE_OK) {
        fail(s, e, "read the article");
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        fail(s, e, "read the article");
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_assertion_kind(store_t *s, int64_t id, err_t *e)
{
    sqlite3_stmt *st = stmt_id(s, ST_ASSERTION_STATE, id, e);
    int rc, kind = -1;

    if (!st)
        return -2;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 2);
        kind = k && strcmp(k, "claim") == 0 ? ASSERT_CLAIM : ASSERT_QUOTE;
    } else if (rc != SQLITE_DONE) {
        fail(s, e, "read the quote or claim");
        kind = -2;
    }
    done(st);
    return kind;
}
