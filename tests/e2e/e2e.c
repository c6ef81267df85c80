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
#include <time.h>
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
    char *args[60];
    int n = 0;
    va_list ap;
    va_start(ap, err);
    char *a;
    while ((a = va_arg(ap, char *)) && n < 59)
        args[n++] = a;
    va_end(ap);
    args[n] = NULL;
    return e2e_runv(e, out, err, args);
}

int e2e_runv(e2e_t *e, char **out, char **err, char *const args[])
{
    char *argv[64];
    int argc = 0;
    argv[argc++] = (char *)e->contra;
    argv[argc++] = "--db";
    argv[argc++] = e->db;
    for (int i = 0; args[i] && argc < 63; i++)
        argv[argc++] = args[i];
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

/* contra add path; false with a diagnostic. */
static bool import_file(e2e_t *e, const char *path)
{
    char *err = NULL;
    int rc = e2e_run(e, NULL, &err, "add", path, NULL);
    if (rc != 0)
        printf("# contra add %s: exit %d: %s\n", path, rc, err ? err : "");
    free(err);
    return rc == 0;
}

bool e2e_import_samples(e2e_t *e)
{
    char path[600];
    snprintf(path, sizeof path, "%s/samples/library.json", e->datadir);
    if (access(path, R_OK) != 0) {
        printf("# no sample library at %s\n", path);
        return false;
    }
    return import_file(e, path);
}

/* Write e->dir/name, json or else the n lines line(i), and import it. */
static bool write_import(e2e_t *e, const char *name, const char *json, int n,
                         const char *(*line)(int i))
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", e->dir, name);
    FILE *f = fopen(path, "w");
    bool written = f && (!json || fputs(json, f) >= 0);
    for (int i = 0; i < n && written; i++)
        written = fputs(line(i), f) >= 0 && fputc('\n', f) != EOF;
    if (f && fclose(f) != 0)
        written = false;
    if (!written) {
        printf("# cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    return import_file(e, path);
}

bool e2e_import_json(e2e_t *e, const char *name, const char *json)
{
    return write_import(e, name, json, 0, NULL);
}

bool e2e_import_made(e2e_t *e, const char *name, int n, const char *(*line)(int i))
{
    return write_import(e, name, NULL, n, line);
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

char *e2e_export_library(e2e_t *e, char ***idsp)
{
    char *lib = e2e_list(e);
    if (!lib)
        return NULL;
    char **ids = e2e_query(lib, "SELECT json_extract(value, '$.id') FROM json_each(?1)");
    free(lib);
    /* One export of all the ids, in list order: exported one at a time,
    ** articles would lose the relations that cross to other articles. */
    char *argv[64];
    int n = 0;
    argv[n++] = "export";
    for (int i = 0; ids && ids[i] && n < 62; i++)
        argv[n++] = ids[i];
    argv[n] = NULL;
    char *out = NULL, *err = NULL;
    int rc = e2e_runv(e, &out, &err, argv);
    char *arr = NULL;
    if (rc != 0) {
        printf("# contra export: exit %d: %s\n", rc, err);
    } else {
        arr = e2e_query1(out,
            "SELECT CASE WHEN json_valid(?1) AND json_type(?1) = 'array' THEN json(?1)"
            "            WHEN json_valid(?1) THEN json_array(json(?1)) END");
        if (!arr || !*arr) {
            printf("# contra export: output is not JSON\n");
            free(arr);
            arr = NULL;
        }
    }
    free(out);
    free(err);
    if (idsp && arr)
        *idsp = ids;
    else
        e2e_strv_free(ids);
    return arr;
}

term_t *e2e_reader(e2e_t *e, int rows, int cols, char *const env[],
                   char *const args[])
{
    char *argv[64], *envv[64];
    int argc = 0, envc = 0;
    static char home[300], xdg[400], cfg[400];
    /* $E2E_WRAPPER runs the reader under a tool, for example
    ** E2E_WRAPPER='valgrind -q --error-exitcode=99 --log-file=/tmp/vg.%p'
    ** (words split at spaces; the tool must not write to the terminal). */
    static char wrap[1024];
    const char *w = getenv("E2E_WRAPPER");
    if (w && *w) {
        snprintf(wrap, sizeof wrap, "%s", w);
        for (char *tok = strtok(wrap, " "); tok && argc < 16; tok = strtok(NULL, " "))
            argv[argc++] = tok;
    }
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

char *e2e_status(e2e_t *e, const char *aid)
{
    char *exp = e2e_export(e);
    if (!exp)
        return NULL;
    char sql[700];
    snprintf(sql, sizeof sql,
        "SELECT json_extract(x.value, '$.status') FROM json_each(?1) a,"
        " json_each(json_extract(a.value, '$.quotes')) x"
        " WHERE json_extract(x.value, '$.id') = '%s'"
        " UNION ALL SELECT json_extract(x.value, '$.status') FROM json_each(?1) a,"
        " json_each(json_extract(a.value, '$.claims')) x"
        " WHERE json_extract(x.value, '$.id') = '%s'", aid, aid);
    char *st = e2e_query1(exp, sql);
    free(exp);
    return st;
}

bool e2e_wait_status(e2e_t *e, const char *aid, const char *want, int timeout_ms)
{
    long deadline = term_now_ms() + timeout_ms;
    for (;;) {
        char *st = e2e_status(e, aid);
        bool same = st && strcmp(st, want) == 0;
        free(st);
        if (same)
            return true;
        if (term_now_ms() >= deadline)
            return false;
        struct timespec ts = { 0, 50 * 1000000L };
        nanosleep(&ts, NULL);
    }
}

char *e2e_list(e2e_t *e)
{
    char *out = NULL, *err = NULL;
    int rc = e2e_run(e, &out, &err, "list", "--json", NULL);
    if (rc != 0) {
        printf("# contra list --json: exit %d: %s\n", rc, err);
        free(out);
        out = NULL;
    }
    free(err);
    return out;
}

static bool wordch(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

const char *e2e_unique_word(const char *text, const char *span)
{
    static char best[128], first[128];
    best[0] = first[0] = 0;
    for (const char *p = span; *p;) {
        while (*p && !wordch((unsigned char)*p))
            p++;
        const char *w = p;
        while (*p && wordch((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w);
        if (n < 4 || n >= sizeof best)
            continue;
        /* Curly quotes and dashes are non-ASCII "word" bytes here; a word
        ** must not start or end inside one, so cut those off. */
        while (n >= 3 && strncmp(w, "\xe2\x80", 2) == 0) {
            w += 3;
            n -= 3;
        }
        while (n >= 3 && strncmp(w + n - 3, "\xe2\x80", 2) == 0)
            n -= 3;
        if (n < 4)
            continue;
        char word[128];
        memcpy(word, w, n);
        word[n] = 0;
        if (!first[0])
            strcpy(first, word);
        int count = 0;
        for (const char *q = text; (q = strstr(q, word)); q++)
            count++;
        if (count == 1) {
            strcpy(best, word);
            break;
        }
    }
    return best[0] ? best : first;
}

int e2e_border_col(term_t *t, int r0, int r1, int *nrows)
{
    int rows, cols, best = -1, bestn = 0;
    term_size(t, &rows, &cols);
    for (int c = 0; c < cols; c++) {
        int n = 0;
        for (int r = r0; r < r1; r++) {
            term_cell_t cell;
            if (term_cell(t, r, c, &cell) &&
                (strcmp(cell.text, "│") == 0 || strcmp(cell.text, "|") == 0))
                n++;
        }
        if (n > bestn) {
            bestn = n;
            best = c;
        }
    }
    if (nrows)
        *nrows = bestn;
    return best;
}

static bool article_pred(term_t *t, void *arg)
{
    int rows, nb;
    term_size(t, &rows, NULL);
    int b = e2e_border_col(t, 1, rows - 1, &nb);
    if (b <= 0 || nb < rows - 4 || !strchr(term_row(t, rows - 1), '%'))
        return false;
    *(int *)arg = b;
    return true;
}

int e2e_wait_article(term_t *t, int timeout_ms)
{
    int b = -1;
    if (!term_wait_for(t, article_pred, &b, timeout_ms))
        return -1;
    return b;
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
        return false;
    }
    /* The text can be read while the rest of its frame is on its way (a
    ** frame goes out in pieces a loaded machine can stretch): what the
    ** test looks at next is the whole frame, once the reader waits for a
    ** key again. */
    term_wait_quiet(t, 20, TERM_TIMEOUT);
    return true;
}

void e2e_setup_samples(e2e_t *e, char **lib, char **exp)
{
    e2e_init(e);
    if (!e2e_import_samples(e)) {
        printf("Bail out! cannot import the sample library\n");
        exit(1);
    }
    if (lib)
        *lib = e2e_list(e);
    if (exp)
        *exp = e2e_export_library(e, NULL);
    if ((lib && !*lib) || (exp && !*exp)) {
        printf("Bail out! cannot %s the library\n",
               !exp ? "list" : !lib ? "export" : "list or export");
        exit(1);
    }
}

char *e2e_first(const char *json, const char *field)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT json_extract(value, '$.%s') FROM json_each(?1) LIMIT 1", field);
    return e2e_query1(json, sql);
}

term_t *e2e_read(e2e_t *e, const char *id)
{
    char *args[] = { "read", (char *)id, NULL };
    return e2e_reader(e, 40, 120, NULL, args);
}

int e2e_first_frame(term_t *t)
{
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    return e2e_wait_article(t, TERM_TIMEOUT);
}

void e2e_select(term_t *t, int n)
{
    for (int i = 0; i < n; i++)
        term_send(t, "J");
}

bool e2e_mark_shown(term_t *t, void *mark)
{
    e2e_mark_t *a = mark;
    char id[80];
    int rows, cols, r, c;
    term_size(t, &rows, &cols);
    snprintf(id, sizeof id, "%s ", a->aid);
    if (!term_find_in(t, id, 1, rows - 1, a->border + 1, cols, &r, &c))
        return false;
    const char *before = term_text(t, r, a->border + 1, c);
    return strchr(before, a->m) != NULL;
}

bool e2e_quit(term_t *t)
{
    int st;
    term_send(t, "Q");
    return term_wait_exit(t, TERM_TIMEOUT, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

char **e2e_reading_order(const char *json, const char *path)
{
    char sql[600];
    snprintf(sql, sizeof sql,
        "SELECT id FROM (SELECT json_extract(x.value, '$.id') id, json_extract(x.value, '$.span[0]') st"
        "  FROM json_each(json_extract(?1, '%s.quotes')) x"
        " UNION ALL SELECT json_extract(x.value, '$.id'), json_extract(x.value, '$.span[0]')"
        "  FROM json_each(json_extract(?1, '%s.claims')) x) ORDER BY st, id", path, path);
    return e2e_query(json, sql);
}

void e2e_setup_json(e2e_t *e, const char *name, const char *json)
{
    e2e_init(e);
    if (!e2e_import_json(e, name, json)) {
        printf("Bail out! cannot import %s\n", name);
        exit(1);
    }
}

term_t *e2e_read_newest(e2e_t *e, int rows, int cols, char *const env[])
{
    char *lib = e2e_list(e);
    char *id = lib ? e2e_first(lib, "id") : NULL;
    free(lib);
    if (!id) {
        printf("Bail out! no article in the library to read\n");
        exit(1);
    }
    char *args[] = { "read", id, NULL };
    term_t *t = e2e_reader(e, rows, cols, env, args);
    free(id);
    return t;
}

const char *e2e_bottom(term_t *t)
{
    int rows;
    term_size(t, &rows, NULL);
    return term_row(t, rows - 1);
}

bool e2e_on_status(term_t *t, void *text)
{
    return strstr(e2e_bottom(t), text) != NULL;
}

bool e2e_status_starts(term_t *t, void *text)
{
    return strncmp(e2e_bottom(t), text, strlen(text)) == 0;
}

bool e2e_status_is(term_t *t, void *text)
{
    return strcmp(e2e_bottom(t), text) == 0;
}

void e2e_press(term_t *t, const char *keys)
{
    term_send(t, keys);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
}

void e2e_esc(term_t *t)
{
    term_send(t, TK_ESC);
    term_wait_quiet(t, 300, TERM_TIMEOUT);
}

void e2e_filter(term_t *t, const char *word)
{
    e2e_press(t, "/");
    /* The prompt holds the filter in force; Ctrl-U clears it. */
    term_send(t, TK_CTRL_U);
    term_send(t, word);
    e2e_press(t, TK_ENTER);
}

int e2e_cursor_row(term_t *t)
{
    int rows;
    term_cell_t c;
    term_size(t, &rows, NULL);
    for (int r = 2; r < rows - 1; r++)
        if (term_cell(t, r, 0, &c) && c.reverse)
            return r;
    return -1;
}

int e2e_position(term_t *t, int *of)
{
    int rows;
    term_size(t, &rows, NULL);
    const char *sp = strrchr(term_row(t, rows - 1), ' ');
    int n = -1, m = -1;
    char plus = 0;
    if (!sp || sscanf(sp, " %d/%d%c", &n, &m, &plus) < 2 || plus == '+')
        return -1;
    if (of)
        *of = m;
    return n;
}

int e2e_index_on(term_t *t, char **titles, int r)
{
    if (r < 0)
        return -1;
    const char *row = term_row(t, r);
    for (int i = 0; titles[i]; i++)
        if (strstr(row, titles[i]))
            return i;
    return -1;
}

bool e2e_page_up(term_t *t, char **titles)
{
    int rows;
    term_size(t, &rows, NULL);
    /* A bound, not a check of the page size: a page up moves a screenful
    ** of list rows, and twice as many pages as that needs is slack. */
    int most = 2 * e2e_strv_len(titles) / (rows > 4 ? rows - 3 : 1) + 2;
    bool right = true;
    for (int pages = 0; e2e_position(t, NULL) > 1; pages++) {
        if (pages == most) {
            printf("# %d pages up, the position still says %d\n", most,
                   e2e_position(t, NULL));
            return false;
        }
        term_key(t, TK_PGUP);
        term_wait_quiet(t, 100, TERM_TIMEOUT);
        int i = e2e_index_on(t, titles, e2e_cursor_row(t));
        if (i < 0 || e2e_position(t, NULL) != i + 1) {
            right = false;
            printf("# on %d, the position says %d\n", i, e2e_position(t, NULL));
        }
    }
    return right && e2e_position(t, NULL) == 1;
}
