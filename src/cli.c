/*
** cli.c: the command table's dispatch and help, and the small helpers
** every command shares (options, opening the library, messages, safe
** output of library text).  The commands themselves live in cmd_*.c.
*/
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "formats.h"
#include "layout.h"
#include "text.h"
#include "util.h"

static const struct command {
    const char *name;
    cmd_fn *fn;
    const char *summary, *help;
} commands[] = {
#define X_ROW(name, fn, summary, help) { #name, fn, summary, help },
    COMMANDS(X_ROW)
#undef X_ROW
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* store_default_path's order, in --help and every command's help. */
#define DB_HELP                                                  \
    "  --db PATH    the library; default: $CONTRA_DB, else\n"    \
    "               $XDG_DATA_HOME/contra/contra.db, else\n"     \
    "               ~/.local/share/contra/contra.db\n"

int cli_help(FILE *f, const char *cmd)
{
    if (cmd) {
        const struct command *k = find_command(cmd);
        if (!k)
            return cli_usage(NULL, "unknown command '%s' (see 'contra --help')", cmd);
        fprintf(f, "usage: %s", k->help);
        if (strcmp(k->name, "help") != 0)
            fprintf(f, "\n" DB_HELP "  -h, --help   show this help\n");
        return EXIT_OK;
    }
    fprintf(f,
            "usage: contra [--db PATH] [COMMAND [ARGS]]\n"
            "       contra --version | --help\n"
            "\n"
            "A terminal reader for annotated news articles.  With no command,\n"
            "contra opens the reader on the library.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\n"
            "Options:\n"
            DB_HELP
            "  --version    print the version and exit\n"
            "  -h, --help   show this help\n"
            "\n"
            "'contra help COMMAND' or 'contra COMMAND --help' tells more;\n"
            "'man contra' tells everything.\n");
    return EXIT_OK;
}

int cli_dispatch(cli_t *c, int argc, char **argv)
{
    const struct command *k = find_command(argv[0]);
    if (!k)
        return cli_usage(NULL, "unknown command '%s' (see 'contra --help')", argv[0]);
    /* Each command parses its own options from scratch; optind = 0 makes
    ** glibc's getopt reinitialise, argv[0] being the command's name. */
    optind = 0;
    opterr = 0;
    return k->fn(c, argc, argv);
}

int cmd_help(cli_t *c, int argc, char **argv)
{
    (void)c;
    if (argc > 2)
        return cli_usage("help", "too many arguments");
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))
        return cli_help(stdout, "help");
    return cli_help(stdout, argc == 2 ? argv[1] : NULL);
}

int cli_common_option(cli_t *c, const char *cmd, int ch, char **argv)
{
    switch (ch) {
    case OPT_DB:
        /* An empty value is a mistake (an unset shell variable, say), not
        ** a request for the default library: the command would go on to
        ** list, tag or remove in another library than the one meant. */
        if (!*optarg)
            return cli_usage(cmd, "--db wants the library's path, not an empty string");
        c->db_opt = optarg;
        return -1;
    case 'h':
        return cli_help(stdout, cmd);
    case ':':
        return cli_usage(cmd, "option '%s' needs a value", argv[optind - 1]);
    case '?':
        if (optopt && optopt < 0x100)
            return cli_usage(cmd, "unknown option '-%c'", optopt);
        return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
    default:
        return cli_usage(cmd, "unexpected option");
    }
}

int cli_only_common_options(cli_t *c, const char *cmd, int argc, char **argv)
{
    static const struct option longopts[] = { CLI_COMMON_LONGOPTS };
    int ch;
    while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        int st = cli_common_option(c, cmd, ch, argv);
        if (st >= 0)
            return st;
    }
    return -1;
}

static bool msg_utf8 = true;

void cli_set_utf8(bool utf8)
{
    msg_utf8 = utf8;
}

/* Messages quote file names, ids and sometimes pieces of the input, none
** of which may put raw control sequences on the terminal: the line is
** repaired to UTF-8 and sanitised like any library text. */
static void put_message(const char *prefix, const char *msg, const char *suffix)
{
    char *line = xasprintf("%s%s%s", prefix, msg, suffix);
    size_t len = strlen(line);
    if (utf8_invalid_at(line, len) >= 0) {
        size_t n;
        char *fixed = utf8_repair(line, len, &n);
        free(line);
        line = fixed;
        len = n;
    }
    char *safe = glyph_sanitize(line, len, msg_utf8);
    fflush(stdout);   /* keep stdout and stderr in order on a terminal */
    fprintf(stderr, "%s: %s\n", progname, safe);
    free(safe);
    free(line);
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    if (n > 0)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    else
        s[0] = '\0';
    return s;
}

int cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    put_message("", msg, "");
    free(msg);
    return EXIT_USER;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    char *prefix = cmd ? xasprintf("%s: ", cmd) : xstrdup("");
    char *suffix = strstr(fmt, "(see") ? xstrdup("")
                   : cmd ? xasprintf(" (see 'contra %s --help')", cmd)
                         : xstrdup(" (see 'contra --help')");
    put_message(prefix, msg, suffix);
    free(msg);
    free(prefix);
    free(suffix);
    return EXIT_USAGE;
}

/* migration 7's refill of the search index (store_set_upgrade_progress):
** on a terminal, once it has taken long enough to be noticed, one line
** that says what the wait is for and how long it will be.  Quiet
** elsewhere, like contra add's progress. */
typedef struct upgrade_line {
    double start;
    bool shown;
} upgrade_line_t;

static void upgrade_progress(void *arg, int64_t done, int64_t total)
{
    upgrade_line_t *u = arg;
    double t = now_s(), el = t - u->start;
    if (done >= total) {
        if (u->shown)
            fputs("\r\033[K", stderr);
        u->shown = false;
        return;
    }
    pid_t fg = tcgetpgrp(STDERR_FILENO);
    if (el < 0.3 || done == 0 || !isatty(STDERR_FILENO) || (fg != -1 && fg != getpgrp()))
        return;
    long left = (long)(el / (double)done * (double)(total - done) + 0.5);
    char when[32] = "a moment left";
    if (left > 0)
        snprintf(when, sizeof when, "%ld:%02ld left", left / 60, left % 60);
    fprintf(stderr, "\r%s: upgrading the library's search index: %lld/%lld articles, "
            "%s\033[K", progname, (long long)done, (long long)total, when);
    fflush(stderr);
    u->shown = true;
}

/* An empty file is no library yet: SQLite would take it for a new
** database, and a command that only reads would leave a library of
** 150 KB where the user had a 0-byte file (a "--db notes.txt" typo, a
** file made by touch).  The commands that may make a library (add, the
** reader on its default library) make one in it as in a missing file. */
static bool empty_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0;
}

/* Without HOME (a cron job, env -i) store_default_path falls back on
** contra.db in the current directory: a library that would change with
** the directory contra is run in, and leave stray libraries behind, one
** of them holding the tags made today.  Refused instead, with the ways
** to name one.  NULL then, with the message in e. */
static char *library_path(const cli_t *c, err_t *e)
{
    const char *env = getenv("CONTRA_DB"), *xdg = getenv("XDG_DATA_HOME"),
               *home = getenv("HOME");
    if (!(c->db_opt && *c->db_opt) && !(env && *env) && !(xdg && xdg[0] == '/')
        && !(home && *home)) {
        err_set(e, "HOME is %s, so there is no default library "
                "(give --db PATH or set CONTRA_DB)", home ? "empty" : "not set");
        return NULL;
    }
    return store_default_path(c->db_opt);
}

store_t *cli_open_e(cli_t *c, bool write, err_t *e)
{
    char *path = library_path(c, e);
    if (!path)
        return NULL;
    struct stat st;
    store_t *s = NULL;
    upgrade_line_t u = { .start = now_s() };
    store_set_upgrade_progress(upgrade_progress, &u);
    if (!write && stat(path, &st) != 0 && errno == ENOENT)
        err_set(e, "no library at %s (import articles with 'contra add')", path);
    else if (!write && empty_file(path))
        err_set(e, "no library at %s: the file is empty (import articles with "
                "'contra add')", path);
    else if (!(s = store_open(path, write ? STORE_CREATE : 0, e)) && !err_is_set(e))
        err_set(e, "cannot open the library");
    store_set_upgrade_progress(NULL, NULL);
    if (u.shown)
        fputs("\r\033[K", stderr);
    free(path);
    return s;
}

bool cli_db_named(const cli_t *c)
{
    const char *env = getenv("CONTRA_DB");
    return (c->db_opt && *c->db_opt) || (env && *env);
}

bool cli_names_no_library(cli_t *c, err_t *e)
{
    char *path = library_path(c, e);
    if (!path)
        return true;
    struct stat st;
    bool named = cli_db_named(c);
    bool empty = named && empty_file(path);
    bool none = empty || (named && stat(path, &st) != 0 && errno == ENOENT);
    /* The default library is made the first time contra runs, and the
    ** reader then says how to fill it.  A path given by hand that names
    ** nothing (or an empty file) is a typo far more often than a wish for
    ** a new library: the reader made one there, and left the file behind. */
    if (none)
        err_set(e, "no library at %s%s (check %s; 'contra add' makes a library)", path,
                empty ? ": the file is empty" : "", c->db_opt ? "--db" : "CONTRA_DB");
    free(path);
    return none;
}

store_t *cli_open(cli_t *c, bool write)
{
    err_t e = {{0}};
    store_t *s = cli_open_e(c, write, &e);
    if (!s)
        cli_error("%s", e.msg);
    return s;
}

bool cli_parse_id(const char *s, int64_t *id)
{
    if (!s || !*s)
        return false;
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        if (v > (INT64_MAX - (*p - '0')) / 10)
            return false;
        v = v * 10 + (*p - '0');
    }
    if (v <= 0)
        return false;
    *id = v;
    return true;
}

bool cli_parse_assertion_id(const char *s, int64_t *id)
{
    if (s && (*s == 'C' || *s == 'c' || *s == 'Q' || *s == 'q'))
        s++;
    return cli_parse_id(s, id);
}

bool cli_wrong_letter(const char *arg, int kind, int64_t id)
{
    char letter = kind == ASSERT_QUOTE ? 'Q' : 'C';
    if (!isalpha((unsigned char)arg[0]) || toupper((unsigned char)arg[0]) == letter)
        return false;
    cli_error("no %s %s in the library (%lld is a %s: %c%lld)",
              letter == 'Q' ? "claim" : "quote", arg, (long long)id,
              letter == 'Q' ? "quote" : "claim", letter, (long long)id);
    return true;
}

char *cli_safe(const cli_t *c, const char *s)
{
    if (!s)
        return xstrdup("");
    return glyph_sanitize(s, strlen(s), c->utf8);
}

void cli_json_string(FILE *f, const char *s)
{
    /* The exporter's quoting: a title with C1 controls or invalid bytes
    ** must not reach a terminal raw from 'contra list --json' either. */
    strbuf_t b = {0};
    json_quote(&b, s ? s : "", s ? strlen(s) : 0);
    fwrite(b.s, 1, b.len, f);
    sb_free(&b);
}

void cli_print_counts(FILE *f, size_t nentities, size_t nquotes, size_t nclaims,
                      size_t nrelations, const char *tail)
{
    fprintf(f, "(%zu %s, %zu %s, %zu %s, %zu %s%s)\n",
            nentities, nentities == 1 ? "entity" : "entities",
            nquotes, nquotes == 1 ? "quote" : "quotes",
            nclaims, nclaims == 1 ? "claim" : "claims",
            nrelations, nrelations == 1 ? "relation" : "relations", tail);
}

int cli_finish_output(int status)
{
    /* A command that failed with its output already in error has said
    ** why (export: "cannot write the export: no space left on device"),
    ** or failed of something else it said; a second message, with an
    ** errno left by whatever ran last, only confused (a user saw
    ** "resource temporarily unavailable" after the right one). */
    bool told = status != EXIT_OK && ferror(stdout);
    errno = 0;
    bool failed = fflush(stdout) != 0;
    int err = failed ? errno : 0;
    if (failed || ferror(stdout)) {
        if (!told)
            cli_error("cannot write to standard output%s%s", err ? ": " : "",
                      err ? errno_text(err) : "");
        return EXIT_USER;
    }
    return status;
}
