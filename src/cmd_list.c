/*
** cmd_list.c: `contra list`, the library one article a line (or JSON).
** Rows are read a page at a time through store_filter (the library
** screen's filter, so that both find the same articles) and kept so that
** the columns can be aligned to the widest value.
*/
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "layout.h"

#define PAGE 256
#define SOURCE_MAX 24      /* columns; longer sources are cut */

/* s cut to at most max display columns, "..." or "…" marking the cut. */
static char *cut_to_width(const cli_t *c, char *s, size_t max)
{
    size_t len = strlen(s);
    if (glyph_width(s, len, c->utf8) <= max)
        return s;
    const char *ell = c->utf8 ? "\xE2\x80\xA6" : "...";
    size_t ellw = c->utf8 ? 1 : 3;
    size_t at = 0, w = 0;
    while (at < len) {
        glyph_t g;
        glyph_next(s, len, at, c->utf8, &g);
        if (g.len == 0 || w + (size_t)g.width + ellw > max)
            break;
        w += (size_t)g.width;
        at += g.len;
    }
    char *r = xasprintf("%.*s%s", (int)at, s, ell);
    free(s);
    return r;
}

/* ", "key": "value"", or null for a value the article does not have. */
static void json_member(const char *key, const char *v)
{
    printf(", \"%s\": ", key);
    if (v && *v)
        cli_json_string(stdout, v);
    else
        printf("null");
}

static void print_json(const article_summary_t *rows, size_t n)
{
    printf("[");
    for (size_t i = 0; i < n; i++) {
        const article_summary_t *m = &rows[i];
        printf("%s\n  {\"id\": %lld", i ? "," : "", (long long)m->id);
        json_member("published", m->published);
        json_member("source", m->source);
        json_member("title", m->title);
        printf(", \"claims\": {");
        for (int k = 0; k < STATUS_COUNT; k++)
            printf("%s\"%s\": %d", k ? ", " : "", status_name((status_t)k),
                   m->counts[k]);
        printf("}}");
    }
    printf("%s]\n", n ? "\n" : "");
}

int cmd_list(cli_t *c, int argc, char **argv)
{
    enum { O_JSON = OPT_FIRST_OWN };
    static const struct option longopts[] = {
        { "json", no_argument, NULL, O_JSON },
        CLI_COMMON_LONGOPTS
    };
    bool json = false;
    int ch;
    while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (ch == O_JSON) {
            json = true;
            continue;
        }
        int st = cli_common_option(c, "list", ch, argv);
        if (st >= 0)
            return st;
    }
    /* Words after the options filter by title and text (FTS5). */
    strbuf_t q = {0};
    for (int i = optind; i < argc; i++) {
        if (q.len)
            sb_addc(&q, ' ');
        sb_adds(&q, argv[i]);
    }

    store_t *s = cli_open(c, false);
    if (!s) {
        sb_free(&q);
        return EXIT_USER;
    }
    article_summary_t *rows = NULL;
    size_t n = 0, cap = 0;
    err_t e = {{0}};
    int status = EXIT_OK;
    for (;;) {
        grow_array((void **)&rows, &cap, n + PAGE, sizeof *rows);
        memset(rows + n, 0, PAGE * sizeof *rows);
        int got = store_filter(s, q.len ? q.s : NULL, n ? &rows[n - 1] : NULL,
                             rows + n, PAGE, &e);
        if (got < 0) {
            status = cli_error("%s", err_is_set(&e) ? e.msg : "cannot list the library");
            break;
        }
        n += (size_t)got;
        if (got < PAGE)
            break;
    }
    /* A search that finds nothing exits 1, as grep does, so that a
    ** script can test it; stdout has nothing (or "[]" with --json, still
    ** JSON).  A person at a terminal is told, since an empty answer
    ** looked like a command that did nothing; a pipe is not. */
    bool none = status == EXIT_OK && q.len && n == 0;
    if (none && isatty(STDOUT_FILENO)) {
        char *w = cli_safe(c, q.s);
        /* A short word is matched whole: "Mue" finding nothing where
        ** "Muel" finds Mueller read as a fault. */
        bool short_word = store_filter_whole_word(q.s);
        cli_error("no article matches '%s'%s", w,
                  short_word ? " (a word of fewer than four letters is matched whole, "
                               "not as the start of longer ones)" : "");
        free(w);
    }
    if (status == EXIT_OK && json) {
        print_json(rows, n);
    } else if (status == EXIT_OK) {
        /* Widths: the widest id, source (up to SOURCE_MAX) and counts. */
        char **src = xcalloc(n ? n : 1, sizeof *src);
        int cw[STATUS_COUNT] = {0};     /* digits of each count column */
        size_t idw = 2, srcw = 0;
        for (size_t i = 0; i < n; i++) {
            char buf[32];
            size_t l = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)rows[i].id);
            if (l > idw)
                idw = l;
            src[i] = cut_to_width(c, cli_safe(c, rows[i].source ? rows[i].source : "-"),
                                  SOURCE_MAX);
            size_t w = glyph_width(src[i], strlen(src[i]), c->utf8);
            if (w > srcw)
                srcw = w;
            for (int k = 0; k < STATUS_COUNT; k++) {
                int d = snprintf(buf, sizeof buf, "%d", rows[i].counts[k]);
                if (d > cw[k])
                    cw[k] = d;
            }
        }
        size_t cntw = (size_t)(cw[0] + cw[1] + cw[2]) + 5;
        /* On a terminal, cut titles to its width rather than let them wrap. */
        size_t cols = 0;
        struct winsize ws;
        if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
            cols = ws.ws_col;
        size_t used = idw + 2 + 10 + 2 + srcw + 2 + cntw + 2;
        /* A narrow one: the source column gives up cells first, down to
        ** SOURCE_MIN, so that the title keeps TITLE_MIN and the line
        ** fits; narrower still, the source column goes, then the date
        ** (below 43 columns every line wrapped, a lone ellipsis on the
        ** next row): the id, the counts a reviewer looks for and a title
        ** fit on 30.  Below that the line is cut at the edge. */
        enum { SOURCE_MIN = 4, TITLE_MIN = 8 };
        bool show_src = true, show_date = true;
        if (cols && used + TITLE_MIN + 1 > cols && srcw > SOURCE_MIN) {
            size_t over = used + TITLE_MIN + 1 - cols;
            size_t w = srcw > over + SOURCE_MIN ? srcw - over : SOURCE_MIN;
            for (size_t i = 0; i < n; i++)
                src[i] = cut_to_width(c, src[i], w);
            used -= srcw - w;
            srcw = w;
        }
        if (cols && used + TITLE_MIN + 1 > cols) {
            show_src = false;
            used -= srcw + 2;
        }
        if (cols && used + TITLE_MIN + 1 > cols) {
            show_date = false;
            used -= 10 + 2;
        }
        strbuf_t line = {0};
        for (size_t i = 0; i < n; i++) {
            const article_summary_t *m = &rows[i];
            char *title = cli_safe(c, m->title ? m->title : "(untitled)");
            line.len = 0;
            sb_printf(&line, "%*lld  ", (int)idw, (long long)m->id);
            if (show_date) {
                char *date = cli_safe(c, m->published[0] ? m->published : "-");
                sb_printf(&line, "%-10s  ", date);
                free(date);
            }
            if (show_src) {
                sb_adds(&line, src[i]);
                for (size_t w = glyph_width(src[i], strlen(src[i]), c->utf8); w < srcw; w++)
                    sb_addc(&line, ' ');
                sb_adds(&line, "  ");
            }
            /* disputed first: it is what a reviewer looks for */
            sb_printf(&line, "%*d%c %*d%c %*d%c  %s",
                      cw[STATUS_DISPUTED], m->counts[STATUS_DISPUTED], status_mark(STATUS_DISPUTED),
                      cw[STATUS_CORROBORATED], m->counts[STATUS_CORROBORATED],
                      status_mark(STATUS_CORROBORATED),
                      cw[STATUS_UNREVIEWED], m->counts[STATUS_UNREVIEWED],
                      status_mark(STATUS_UNREVIEWED), title);
            free(title);
            free(src[i]);
            char *out = xstrdup(line.s);
            if (cols)
                out = cut_to_width(c, out, cols > 1 ? cols - 1 : 1);
            puts(out);
            free(out);
        }
        sb_free(&line);
        free(src);
    }
    for (size_t i = 0; i < n; i++)
        summary_clear(&rows[i]);
    free(rows);
    sb_free(&q);
    store_close(s);
    return none ? EXIT_USER : status;
}
