/*
** e2e.c: fixtures for the end-to-end reader tests (see e2e.h).
*/
#include "config.h"
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>


static e2e_t *current;   /* for the child environment of e2e_reader */

static void oom(void)
{
    fputs("e2e: out of memory\n", stderr);
    abort();
}

void e2e_init(e2e_t *e)
{
    memset(e, 0, sizeof *e);
    setvbuf(stdout, NULL, _IOLBF, 0);
    e->contra = getenv("CONTRA");
    e->datadir = getenv("CONTRA_DATADIR");
    if (!e->contra || !*e->contra || access(e->contra, X_OK) != 0) {
        printf("1..0 # SKIP $CONTRA (the contra binary) is not set or not built\n");
        exit(0);
    }
    if (!e->datadir)
        e->datadir = "share";
    const char *tmp = getenv("TMPDIR");
    snprintf(e->dir, sizeof e->dir, "%s/contra-e2e-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(e->dir)) {
        printf("Bail out! cannot make a temp dir: %s\n", strerror(errno));
        exit(1);
    }
    snprintf(e->db, sizeof e->db, "%s/lib.db", e->dir);
    current = e;
}

void e2e_done(e2e_t *e, bool failed)
{
    /* The temp dir is kept when a test failed, to look at the library. */
    if (failed) {
        printf("# library kept in %s\n", e->dir);
        return;
    }
    char *argv[] = { "rm", "-rf", e->dir, NULL };
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[0], argv);
        _exit(127);
    }
    if (pid > 0)
        waitpid(pid, NULL, 0);
}

static void child_env(const e2e_t *e)
{
    char buf[400];
    setenv("HOME", e->dir, 1);
    snprintf(buf, sizeof buf, "%s/data", e->dir);
    setenv("XDG_DATA_HOME", buf, 1);
    snprintf(buf, sizeof buf, "%s/config", e->dir);
    setenv("XDG_CONFIG_HOME", buf, 1);
    unsetenv("CONTRA_DB");
}

static void slurp(int fd, char **buf, size_t *len, size_t *cap, bool *open_)
{
    char tmp[8192];
    ssize_t n = read(fd, tmp, sizeof tmp);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        *open_ = false;
        return;
    }
    if (*len + (size_t)n + 1 > *cap) {
        *cap = (*len + (size_t)n + 1) * 2;
        *buf = realloc(*buf, *cap);
        if (!*buf)
            oom();
    }
    memcpy(*buf + *len, tmp, (size_t)n);
    *len += (size_t)n;
    (*buf)[*len] = 0;
}

int e2e_run(e2e_t *e, char **out, char **err, ...)
{
    char *argv[64];
    int argc = 0;
    argv[argc++] = (char *)e->contra;
    argv[argc++] = "--db";
    argv[argc++] = e->db;
    va_list ap;
    va_start(ap, err);
    char *a;
    while ((a = va_arg(ap, char *)) && argc < 63)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;

    int po[2], pe[2];
    if (pipe(po) || pipe(pe))
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        dup2(in, 0);
        dup2(po[1], 1);
        dup2(pe[1], 2);
        close(po[0]); close(po[1]); close(pe[0]); close(pe[1]);
        child_env(e);
        execv(argv[0], argv);
        _exit(127);
    }
    close(po[1]);
    close(pe[1]);
    char *ob = calloc(1, 1), *eb = calloc(1, 1);
    size_t ol = 0, oc = 1, el = 0, ec = 1;
    bool oo = true, eo = true;
    if (!ob || !eb)
        oom();
    while (oo || eo) {
        struct pollfd pf[2] = { { oo ? po[0] : -1, POLLIN, 0 },
                                { eo ? pe[0] : -1, POLLIN, 0 } };
        if (poll(pf, 2, -1) < 0 && errno != EINTR)
            break;
        if (pf[0].revents)
            slurp(po[0], &ob, &ol, &oc, &oo);
        if (pf[1].revents)
            slurp(pe[0], &eb, &el, &ec, &eo);
    }
    close(po[0]);
    close(pe[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (out) *out = ob; else free(ob);
    if (err) *err = eb; else free(eb);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool e2e_import_samples(e2e_t *e)
{
    char path[600], *err = NULL;
    snprintf(path, sizeof path, "%s/samples/library.json", e->datadir);
    if (access(path, R_OK) != 0) {
        printf("# no sample library at %s\n", path);
        return false;
    }
    int rc = e2e_run(e, NULL, &err, "add", path, NULL);
    if (rc != 0)
        printf("# contra add %s: exit %d: %s\n", path, rc, err);
    free(err);
    return rc == 0;
}

/* One statement's first column as a string vector. */
static char **query(sqlite3 *db, const char *sql, const char *arg)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        printf("# e2e_query: %s\n", sqlite3_errmsg(db));
        return NULL;
    }
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    char **v = calloc(1, sizeof *v);
    int n = 0;
    if (!v)
        oom();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        v = realloc(v, (size_t)(n + 2) * sizeof *v);
        if (!v || !(v[n] = strdup(s ? s : "")))
            oom();
        v[++n] = NULL;
    }
    if (rc != SQLITE_DONE)
        printf("# e2e_query: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return v;
}

char **e2e_query(const char *json, const char *sql)
{
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return NULL;
    char **v = query(db, sql, json);
    sqlite3_close(db);
    return v;
}

char *e2e_query1(const char *json, const char *sql)
{
    char **v = e2e_query(json, sql);
    char *s = v && v[0] ? strdup(v[0]) : NULL;
    e2e_strv_free(v);
    return s;
}

int e2e_strv_len(char **v)
{
    int n = 0;
    while (v && v[n])
        n++;
    return n;
}

void e2e_strv_free(char **v)
{
    for (int i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

char *e2e_export(e2e_t *e)
{
    char *out = NULL, *err = NULL;
    int rc = e2e_run(e, &out, &err, "export", NULL);
    if (rc != 0) {
        printf("# contra export: exit %d: %s\n", rc, err);
        free(out);
        free(err);
        return NULL;
    }
    free(err);
    /* Normalise to an array: a single object, an array, or JSON Lines. */
    char *arr = e2e_query1(out,
        "SELECT CASE WHEN json_valid(?1) AND json_type(?1) = 'array' THEN json(?1)"
        "            WHEN json_valid(?1) THEN json_array(json(?1)) END");
    if (!arr || !*arr) {
        free(arr);
        arr = e2e_query1(out,
            "WITH RECURSIVE l(line, rest) AS ("
            "  SELECT NULL, ?1 || char(10)"
            "  UNION ALL SELECT substr(rest, 1, instr(rest, char(10)) - 1),"
            "                   substr(rest, instr(rest, char(10)) + 1)"
            "  FROM l WHERE rest <> '')"
            "SELECT json_group_array(json(line)) FROM l"
            " WHERE line IS NOT NULL AND trim(line) <> ''");
    }
    if (!arr)
        printf("# contra export: output is not JSON\n");
    free(out);
    return arr;
}

term_t *e2e_reader(e2e_t *e, int rows, int cols, char *const env[],
                   char *const args[])
{
    char *argv[64], *envv[64];
    int argc = 0, envc = 0;
    static char home[300], xdg[400], cfg[400];
    argv[argc++] = (char *)e->contra;
    argv[argc++] = "--db";
    argv[argc++] = e->db;
    for (int i = 0; args && args[i] && argc < 63; i++)
        argv[argc++] = args[i];
    argv[argc] = NULL;
    snprintf(home, sizeof home, "HOME=%s", e->dir);
    snprintf(xdg, sizeof xdg, "XDG_DATA_HOME=%s/data", e->dir);
    snprintf(cfg, sizeof cfg, "XDG_CONFIG_HOME=%s/config", e->dir);
    envv[envc++] = home;
    envv[envc++] = xdg;
    envv[envc++] = cfg;
    envv[envc++] = "CONTRA_DB";
    for (int i = 0; env && env[i] && envc < 63; i++)
        envv[envc++] = env[i];
    envv[envc] = NULL;
    term_t *t = term_spawn(rows, cols, argv, envv);
    if (!t)
        printf("Bail out! cannot start the reader in a pty\n");
    return t;
}

const char *e2e_prefix(const char *s, int n)
{
    static char ring[8][256];
    static int pos;
    char *out = ring[pos++ % 8];
    size_t i = 0;
    while (s && s[i] && n > 0 && i < 250) {
        i++;
        while ((s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    memcpy(out, s ? s : "", i);
    out[i] = 0;
    return out;
}

bool e2e_see_(bool seen, term_t *t, const char *text)
{
    if (!seen) {
        printf("#   \"%s\" not on the screen\n", text);
        term_dump(t, NULL);
    }
    return seen;
}
