/*
** sqlexec.c: run SQL on a database file, for the command-line tests that
** need a database contra would not make itself (a foreign SQLite file, a
** library from a newer contra) without depending on the sqlite3 shell.
**
**   sqlexec FILE SQL    exit 0 on success, 1 with SQLite's message
*/
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: sqlexec FILE SQL\n");
        return 2;
    }
    sqlite3 *db;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) {
        fprintf(stderr, "sqlexec: %s: %s\n", argv[1], sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    char *msg = NULL;
    int rc = sqlite3_exec(db, argv[2], NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "sqlexec: %s\n", msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}
