/*
** test_readonly.c: a library the reader can read but not change (a
** colleague's, on a shared server) says so before a tag fails: the
** library's title line ends "read-only", as does an article's, where
** nothing said so until a key's save was refused.  The refusal still
** says why.  The reader runs as nobody (setpriv), since root writes
** whatever it likes; as anyone else, or without setpriv, the test is
** skipped.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tap.h"
#include "e2e.h"

#define SETPRIV "/usr/bin/setpriv"

int main(void)
{
    if (geteuid() != 0 || access(SETPRIV, X_OK) != 0) {
        printf("1..0 # SKIP needs root and setpriv, to read as a user who cannot write\n");
        return 0;
    }
    e2e_t e;
    char *lib;
    e2e_setup_samples(&e, &lib, NULL);
    /* nobody may read it, not write it */
    chmod(e.dir, 0755);
    chmod(e.db, 0644);
    setenv("E2E_WRAPPER", SETPRIV " --reuid=65534 --regid=65534 --clear-groups", 1);

    term_t *t = e2e_reader(&e, 24, 80, NULL, NULL);
    e2e_see(t, "articles, read-only)", "the library screen's title says read-only");
    term_send(t, TK_ENTER);
    ok(e2e_wait_article(t, TERM_TIMEOUT) >= 0, "an article opens");
    const char *top = term_row(t, 0);
    ok(strstr(top, "read-only") != NULL, "  its title line ends read-only: %s", top);
    e2e_select(t, 1);
    ok(!term_contains(t, "d/c/u: tag"), "  its status line offers no tags");
    term_send(t, "d");
    e2e_see_status(t, "cannot save", "d: the tag is refused");
    ok(e2e_on_status(t, "read-only"), "  the status line saying the library is read-only");
    if (tap_failed)
        term_dump(t, "read-only");
    ok(e2e_quit(t), "Q quits");
    term_free(t);

    /* The owner's reader says nothing of the kind. */
    unsetenv("E2E_WRAPPER");
    t = e2e_reader(&e, 24, 80, NULL, NULL);
    e2e_see(t, "contra: library (", "the owner's library screen");
    ok(!term_contains(t, "read-only"), "  does not say read-only");
    ok(e2e_quit(t), "Q quits");
    term_free(t);
    free(lib);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
