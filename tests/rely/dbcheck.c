/*
** dbcheck.c: look inside a library for the reliability tests, without the
** sqlite3 shell (CI has none).
**
**   dbcheck FILE         PRAGMA integrity_check; prints its verdict, exit 0
**                        only if it is "ok"
**   dbcheck FILE SQL     prints the first column of each row, one a line
**                        (exit 1 with SQLite's message on error)
*/
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: dbcheck FILE [SQL]\n");
        return 2;
    }
    sqlite3 *db;
    /* Read-write, so that a WAL left by a killed process is recovered as
    ** contra itself would, and so that a test can set user_version. */
    int flags = SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(argv[1], &db, flags, NULL) != SQLITE_OK) {
        fprintf(stderr, "dbcheck: %s: %s\n", argv[1], sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    sqlite3_busy_timeout(db, 10000);
    const char *sql = argc == 3 ? argv[2] : "PRAGMA integrity_check";
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL), good = argc == 3, n = 0;
    if (rc != SQLITE_OK) {
        fprintf(stderr, "dbcheck: %s\n", sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        printf("%s\n", v ? (const char *)v : "");
        if (argc == 2 && n++ == 0 && v && strcmp((const char *)v, "ok") == 0)
            good = 1;
    }
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "dbcheck: %s\n", sqlite3_errmsg(db));
        good = 0;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return good ? 0 : 1;
}
