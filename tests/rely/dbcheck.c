/*
** dbcheck.c: look inside a library for the reliability tests, without the
** sqlite3 shell (CI has none).
**
**   dbcheck FILE         PRAGMA integrity_check; prints its verdict, exit 0
**                        only if it is "ok"
**   dbcheck FILE SQL     prints the first column of each row, one a line
**                        (exit 1 with SQLite's message on error)
**   dbcheck FILE --hold N   take the write lock (BEGIN IMMEDIATE), print
**                        "locked", hold it N seconds, roll back: a writer
**                        that outstays contra's busy timeout
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3 && !(argc == 4 && strcmp(argv[2], "--hold") == 0)) {
        fprintf(stderr, "usage: dbcheck FILE [SQL | --hold SECONDS]\n");
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
    if (argc == 4) {
        char *msg = NULL;
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK) {
            fprintf(stderr, "dbcheck: %s\n", msg ? msg : "cannot lock");
            sqlite3_free(msg);
            sqlite3_close(db);
            return 1;
        }
        printf("locked\n");
        fflush(stdout);
        sleep((unsigned)atoi(argv[3]));
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db);
        return 0;
    }
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
