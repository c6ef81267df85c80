/*
** store_fts.h: the tokenizer of the library's full-text index.  Part of
** the store; the tests that open a library with SQLite directly register
** it too, or the index cannot be read or written.
*/
#ifndef CONTRA_STORE_FTS_H
#define CONTRA_STORE_FTS_H

#include <sqlite3.h>

/* The tokenize= argument of the index's CREATE VIRTUAL TABLE.  The "1"
** is the version of what the tokenizer does: one that changes a token
** must be "contra 2", with a migration that rebuilds the index, since
** the index holds the tokens made when each article was added. */
#define STORE_FTS_TOKENIZE "contra 1"

/* Make the tokenizer known to db (SQLite knows it per connection).  It
** reads nothing of the database, so it may come before the first read.
** Returns an SQLite result code. */
int store_fts_register(sqlite3 *db);

#endif
