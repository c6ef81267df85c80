/*
** crash.c: the crash test of issue 6.  The reader runs in a pty on the
** sample library; the test selects claims with J and tags them with d, c
** and u, and kills the reader with SIGKILL at a random moment (a fixed
** seed, RELY_SEED to change it), many times over.  After every kill:
**
**   - every tag whose "tagged ... (saved)" confirmation reached the screen
**     is the assertion's status in the library (`contra export`, a second
**     process), unless a later, unconfirmed tag of the same assertion was
**     on its way (then either status is right, nothing else is);
**   - the tag history holds at least as many rows as confirmations seen;
**   - PRAGMA integrity_check says ok.
**
** The kill moments are spread over the whole cycle: right after a key,
** a little later (inside the commit, with luck) and after the confirmation.
*/
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>

#include "../tap.h"
#include "../e2e/e2e.h"

#define ROUNDS_DEFAULT 100
#define MAXA 512

static e2e_t e;
static uint64_t rng;

static unsigned rnd(unsigned n)
{
    /* xorshift64*: deterministic for a given seed on every platform. */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (unsigned)((rng * 2685821657736338717ULL) >> 33) % n;
}

/* What the library must hold: per assertion, the last confirmed status
** and, if a tag of it was sent but not confirmed before the kill, the
** status that tag would have set. */
static struct want { char id[32]; char status[32]; char maybe[32]; } want[MAXA];
static int nwant;

static struct want *find_want(const char *id, bool add)
{
    for (int i = 0; i < nwant; i++)
        if (strcmp(want[i].id, id) == 0)
            return &want[i];
    if (!add || nwant == MAXA)
        return NULL;
    snprintf(want[nwant].id, sizeof want[nwant].id, "%s", id);
    return &want[nwant++];
}

static const char *status_of_key(char k)
{
    return k == 'd' ? "disputed" : k == 'c' ? "corroborated" : "unreviewed";
}

/* The confirmation on the screen, if any: "<ID> tagged <status> (saved)".
** Fills id and status. */
static bool confirmation(term_t *t, char *id, size_t idn, char *st, size_t stn)
{
    int rows, cols;
    term_size(t, &rows, &cols);
    for (int r = 0; r < rows; r++) {
        const char *row = term_row(t, r);
        const char *p = strstr(row, " tagged ");
        if (!p || !strstr(p, "(saved)"))
            continue;
        const char *b = p;
        while (b > row && b[-1] != ' ')
            b--;
        snprintf(id, idn, "%.*s", (int)(p - b), b);
        const char *s = p + 8, *se = strchr(s, ' ');
        if (!se)
            continue;
        snprintf(st, stn, "%.*s", (int)(se - s), s);
        return true;
    }
    return false;
}

struct conf_arg { const char *id, *status; };
static bool conf_pred(term_t *t, void *v)
{
    struct conf_arg *a = v;
    char id[32], st[16];
    if (!confirmation(t, id, sizeof id, st, sizeof st))
        return false;
    return (!a->id || strcmp(id, a->id) == 0) && strcmp(st, a->status) == 0;
}

static int integrity(const char *path, char *msg, size_t n)
{
    sqlite3 *db;
    int good = 0;
    snprintf(msg, n, "cannot open");
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        sqlite3_busy_timeout(db, 5000);
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) {
                snprintf(msg, n, "%s", (const char *)sqlite3_column_text(st, 0));
                good = strcmp(msg, "ok") == 0;
            }
            sqlite3_finalize(st);
        } else {
            snprintf(msg, n, "%s", sqlite3_errmsg(db));
        }
    }
    sqlite3_close(db);
    return good;
}

static long history_rows(const char *path)
{
    sqlite3 *db;
    long n = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM tags", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                n = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return n;
}

/* Compare the library with want[]; one TAP check per round. */
static void check_library(int round, long confirmed)
{
    char *exp = e2e_export(&e);
    char **rows = exp ? e2e_query(exp,
        "SELECT json_extract(x.value, '$.id') || ' ' || json_extract(x.value, '$.status')"
        " FROM json_each(?1) a, json_each(json_extract(a.value, '$.quotes')) x"
        " UNION ALL SELECT json_extract(x.value, '$.id') || ' ' || json_extract(x.value, '$.status')"
        " FROM json_each(?1) a, json_each(json_extract(a.value, '$.claims')) x") : NULL;
    int bad = 0, seen = 0;
    for (int i = 0; rows && rows[i]; i++) {
        char id[32], st[32];
        if (sscanf(rows[i], "%31s %31s", id, st) != 2)
            continue;
        struct want *w = find_want(id, false);
        if (!w)
            continue;
        seen++;
        if (strcmp(st, w->status) == 0) {
            continue;
        } else if (w->maybe[0] && strcmp(st, w->maybe) == 0) {
            /* The unconfirmed tag made it: from now on it is the state. */
            snprintf(w->status, sizeof w->status, "%s", st);
        } else {
            if (bad++ < 5)
                printf("#   round %d: %s is %s, the screen confirmed %s%s%s\n",
                       round, id, st, w->status, w->maybe[0] ? " (or " : "",
                       w->maybe[0] ? w->maybe : "");
        }
    }
    for (int i = 0; i < nwant; i++)
        want[i].maybe[0] = 0;
    ok(exp && bad == 0 && seen == nwant,
       "round %d: every confirmed tag is in the library (%d assertions checked)", round, seen);
    char msg[256];
    ok(integrity(e.db, msg, sizeof msg), "round %d: integrity_check: %s", round, msg);
    long h = history_rows(e.db);
    ok(h >= confirmed, "round %d: history holds %ld rows for %ld confirmations", round, h, confirmed);
    e2e_strv_free(rows);
    free(exp);
}

int main(void)
{
    char *lib, *exp = NULL;
    e2e_setup_samples(&e, &lib, NULL);
    const char *s = getenv("RELY_SEED");
    rng = s && *s ? strtoull(s, NULL, 10) : 20261125ULL;
    if (!rng)
        rng = 1;
    printf("# seed %llu (set RELY_SEED to change)\n", (unsigned long long)rng);
    char *id = e2e_first(lib, "id"), *title = e2e_first(lib, "title");
    if (id && e2e_run(&e, &exp, NULL, "export", id, (char *)NULL) != 0) {
        free(exp);
        exp = NULL;
    }
    char **init = exp ? e2e_query(exp,
        "SELECT json_extract(x.value, '$.id') || ' ' || json_extract(x.value, '$.status')"
        " FROM json_each(json_extract(?1, '$.quotes')) x"
        " UNION ALL SELECT json_extract(x.value, '$.id') || ' ' || json_extract(x.value, '$.status')"
        " FROM json_each(json_extract(?1, '$.claims')) x") : NULL;
    if (!id || !title || e2e_strv_len(init) < 2) {
        printf("Bail out! the newest sample article needs two quotes or claims\n");
        return 1;
    }
    int nassert = e2e_strv_len(init);
    for (int i = 0; init[i]; i++) {
        char aid[32], st[32];
        if (sscanf(init[i], "%31s %31s", aid, st) == 2) {
            struct want *w = find_want(aid, true);
            if (w)
                snprintf(w->status, sizeof w->status, "%s", st);
        }
    }
    printf("# article %s, %d quotes and claims\n", id, nassert);

    const char *rs = getenv("RELY_ROUNDS");
    int ROUNDS = rs && atoi(rs) > 0 ? atoi(rs) : ROUNDS_DEFAULT;
    long confirmed = 0, kills_before = 0, kills_inside = 0, kills_after = 0;
    long t0 = term_now_ms();
    char *args[] = { "read", id, NULL };
    for (int round = 1; round <= ROUNDS; round++) {
        term_t *t = e2e_reader(&e, 40, 120, NULL, args);
        if (!t || !term_wait_text(t, e2e_prefix(title, 20), TERM_TIMEOUT)) {
            ok(0, "round %d: the reader opens the article", round);
            if (t)
                term_dump(t, NULL);
            term_free(t);
            continue;
        }
        /* Select a random claim: J steps to the next quote or claim. */
        int js = 1 + (int)rnd((unsigned)nassert);
        e2e_select(t, js);
        term_wait_quiet(t, 50, TERM_TIMEOUT);

        int ntags = 1 + (int)rnd(6);
        char cur[32] = "";    /* the selected assertion, once known */
        for (int k = 0; k < ntags; k++) {
            if (k > 0 && rnd(3) == 0) {
                term_send(t, "J");
                term_wait_quiet(t, 30, TERM_TIMEOUT);
                cur[0] = 0;
            }
            char key = "dcu"[rnd(3)];
            const char *st = status_of_key(key);
            /* Skip a tag whose confirmation would read as the one already
            ** on the screen: it could not be told apart. */
            char sid[32], sst[16];
            if (confirmation(t, sid, sizeof sid, sst, sizeof sst) &&
                strcmp(sst, st) == 0 && (!cur[0] || strcmp(sid, cur) == 0))
                continue;
            bool last = k == ntags - 1;
            /* Where this round ends: 0 right after the key, 1 a few ms
            ** later, 2 once confirmed (then one more key and a kill). */
            int when = last ? (int)rnd(3) : 2;
            term_send_bytes(t, &key, 1);
            if (when < 2) {
                if (when == 1)
                    usleep(rnd(4000));
                term_kill(t, SIGKILL);
                when == 0 ? kills_before++ : kills_inside++;
                /* What reached the screen before the kill still counts. */
                usleep(20000);
                term_pump(t);
                if (conf_pred(t, &(struct conf_arg){ cur[0] ? cur : NULL, st })) {
                    char cid[32], cst[16];
                    confirmation(t, cid, sizeof cid, cst, sizeof cst);
                    struct want *w = find_want(cid, false);
                    if (w) {
                        snprintf(w->status, sizeof w->status, "%s", cst);
                        confirmed++;
                    }
                } else {
                    /* Unconfirmed: either status is right for the
                    ** selected assertion (or any, if not yet known). */
                    for (int i = 0; i < nwant; i++)
                        if (!cur[0] || strcmp(want[i].id, cur) == 0)
                            snprintf(want[i].maybe, sizeof want[i].maybe, "%s", st);
                }
                break;
            }
            struct conf_arg a = { cur[0] ? cur : NULL, st };
            if (!term_wait_for(t, conf_pred, &a, TERM_TIMEOUT)) {
                ok(0, "round %d: '%c' is confirmed on the screen", round, key);
                term_dump(t, NULL);
                break;
            }
            char cid[32], cst[16];
            confirmation(t, cid, sizeof cid, cst, sizeof cst);
            snprintf(cur, sizeof cur, "%s", cid);
            struct want *w = find_want(cid, false);
            if (!w) {
                ok(0, "round %d: confirmation names a known assertion (%s)", round, cid);
                break;
            }
            snprintf(w->status, sizeof w->status, "%s", cst);
            confirmed++;
            if (last) {
                /* Kill right as the next keystroke lands. */
                /* A status other than the one confirmed, so that its
                ** confirmation can be told from the one on the screen. */
                char k2 = "dcu"[rnd(3)];
                while (strcmp(status_of_key(k2), cst) == 0)
                    k2 = "dcu"[rnd(3)];
                term_send_bytes(t, &k2, 1);
                usleep(rnd(3000));
                term_kill(t, SIGKILL);
                kills_after++;
                usleep(20000);
                term_pump(t);
                char nid[32], nst[16];
                if (confirmation(t, nid, sizeof nid, nst, sizeof nst) &&
                    strcmp(nid, cid) == 0 && strcmp(nst, status_of_key(k2)) == 0) {
                    snprintf(w->status, sizeof w->status, "%s", nst);
                    confirmed++;
                } else {
                    snprintf(w->maybe, sizeof w->maybe, "%s", status_of_key(k2));
                }
            }
        }
        term_kill(t, SIGKILL);
        term_free(t);
        check_library(round, confirmed);
    }
    printf("# %d rounds in %ld ms: %ld confirmed tags; killed %ld times right after a key,"
           " %ld a few ms later, %ld right after a confirmation\n",
           ROUNDS, term_now_ms() - t0, confirmed, kills_before, kills_inside, kills_after);
    ok(confirmed >= ROUNDS, "the rounds confirmed %ld tags in all", confirmed);

    e2e_strv_free(init);
    free(id);
    free(title);
    free(lib);
    free(exp);
    int rc = done_testing();
    e2e_done(&e, rc != 0);
    return rc;
}
