/*
** test_busy.c: a tag while another process holds the library's write
** lock says, on an 80-column status line, that the library is busy,
** where the store's message named the library by its whole path and the
** path filled the line ("cannot save: library /home/.../contra.db is b…").
** The reader has one library, so it says "the library"; the command line
** keeps the path, on standard error.  Keys typed while a save waited
** are dropped with its failure, which stays shown.  Once the lock is let
** go, the same key saves.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

static bool not_on_status(term_t *t, void *text)
{
    return !e2e_on_status(t, text);
}

/* Hold the library's write lock, as a contra in the middle of a long
** import would: readers go on, writers wait out the busy timeout. */
static sqlite3 *lock_library(void)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(e.db, &db) != SQLITE_OK
        || sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        printf("# cannot lock %s: %s\n", e.db, db ? sqlite3_errmsg(db) : "no memory");
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static void unlock_library(sqlite3 *db)
{
    if (db)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
}

int main(void)
{
    e2e_init(&e);
    /* A library where people keep theirs, a long way down: its path is
    ** most of an 80-column row. */
    char dir[300];
    snprintf(dir, sizeof dir, "%s/fact-checking", e.dir);
    mkdir(dir, 0700);
    snprintf(dir, sizeof dir, "%s/fact-checking/harbour-attack-2026", e.dir);
    mkdir(dir, 0700);
    if (snprintf(e.db, sizeof e.db, "%s/newsroom-library.db", dir) >= (int)sizeof e.db) {
        printf("Bail out! the temp dir's path is too long\n");
        return 1;
    }
    if (!e2e_import_samples(&e)) {
        printf("Bail out! cannot import the samples\n");
        return 1;
    }
    char **ids = NULL;
    char *exp = e2e_export_library(&e, &ids);
    char **ord = e2e_reading_order(exp, "$[0]");
    free(exp);
    if (!ids || !ids[0] || e2e_strv_len(ord) < 1) {
        printf("Bail out! the samples have no article with a claim\n");
        return 1;
    }

    char *args[] = { "read", ids[0], NULL };
    term_t *t = e2e_reader(&e, 24, 80, NULL, args);
    ok(e2e_wait_article(t, TERM_TIMEOUT) >= 0, "80x24: the newest sample article opens");
    e2e_select(t, 1);
    term_wait_quiet(t, 100, TERM_TIMEOUT);

    char *was = e2e_status(&e, ord[0]);
    sqlite3 *lock = lock_library();
    ok(lock != NULL, "another process holds the library's write lock");
    term_send(t, "d");
    /* The store waits out its busy timeout before it gives up. */
    bool seen = term_wait_for(t, e2e_on_status, "cannot save: the library is busy",
                              TERM_TIMEOUT);
    if (!ok(seen, "d: the status line says 'cannot save: the library is busy': %s",
            e2e_bottom(t)))
        term_dump(t, "busy");
    ok(!term_contains(t, "harbour-attack") && !term_contains(t, "newsroom-library"),
       "  without the library's path");
    char *st = e2e_status(&e, ord[0]);
    is_str(st, was, "  and %s is not tagged (still %s)", ord[0], was);
    free(st);

    /* Keys typed while the save waits are typed blind: the first put its
    ** message over the failure, and only a count said the tag had not
    ** been saved.  They are dropped with the failure. */
    term_send(t, "JK");
    ok(term_wait_for(t, not_on_status, "cannot save", TERM_TIMEOUT),
       "J and K: away and back, the message gone");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    term_send(t, "dJ");
    term_wait_for(t, e2e_on_status, "cannot save: the library is busy", TERM_TIMEOUT);
    term_wait_quiet(t, 300, TERM_TIMEOUT);
    ok(e2e_on_status(t, "cannot save: the library is busy"),
       "d then J typed at once: the failure stays on the status line: %s", e2e_bottom(t));
    if (tap_failed)
        term_dump(t, "typed blind");
    unlock_library(lock);
    free(was);

    term_send(t, "d");
    char want[64];
    snprintf(want, sizeof want, "%s tagged disputed", ord[0]);
    e2e_see_status(t, want, "the lock let go, d again: '%s'", want);
    ok(e2e_wait_status(&e, ord[0], "disputed", TERM_TIMEOUT), "  saved");
    ok(e2e_quit(t), "Q quits");
    term_free(t);

    /* contra tag on standard error keeps the path: lines wrap there, and
    ** a script may name several libraries. */
    lock = lock_library();
    char *err = NULL;
    int rc = e2e_run(&e, NULL, &err, "tag", ord[0], "corroborated", NULL);
    unlock_library(lock);
    ok(rc != 0 && err && strstr(err, e.db) && strstr(err, "is busy"),
       "contra tag on a locked library names it by its path: %s", err ? err : "");
    free(err);

    e2e_strv_free(ord);
    e2e_strv_free(ids);
    int rc2 = done_testing();
    e2e_done(&e, rc2 != 0);
    return rc2;
}
