/*
** sqlexec.c: run SQL on a database file, for the command-line tests that
** need a database contra would not make itself (a foreign SQLite file, a
** library from a newer contra) without depending on the sqlite3 shell.
**
**   sqlexec FILE SQL [HOLD_MS]
**                       exit 0 on success, 1 with SQLite's message; with
**                       HOLD_MS, print "held" once the SQL has run and
**                       keep the database open that long, with whatever
**                       lock the SQL took (BEGIN EXCLUSIVE: a busy library)
**
** It knows the full-text index's tokenizer (store_fts.c), as contra does.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "store_fts.h"

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: sqlexec FILE SQL [HOLD_MS]\n");
        return 2;
    }
    sqlite3 *db;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) {
        fprintf(stderr, "sqlexec: %s: %s\n", argv[1], sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    char *msg = NULL;
    int rc = store_fts_register(db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, argv[2], NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "sqlexec: %s\n", msg ? msg : sqlite3_errstr(rc));
    if (rc == SQLITE_OK && argc == 4) {
        long ms = atol(argv[3]);
        struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
        printf("held\n");
        fflush(stdout);
        nanosleep(&ts, NULL);
    }
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}
