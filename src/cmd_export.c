/*
** cmd_export.c: `contra export`, articles out as contra JSON or brat
** standoff.  To stdout: JSON (one object for one ID, an array otherwise)
** or the .ann of one article; with --output-dir, one file (JSON) or two
** (brat .txt and .ann) per article, named by article id.  Export writes
** library ids, so export then import gives the same annotations back.
*/
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "formats.h"
#include "layout.h"

static int cmp_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Relations between two different articles, each counted once. */
static size_t count_cross_relations(article_t *const *arts, size_t n)
{
    size_t cap = 0, m = 0;
    int64_t *ids = NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < arts[i]->nrelations; k++) {
            const relation_t *r = &arts[i]->relations[k];
            if (r->from.index >= 0 && r->to.index >= 0)
                continue;
            grow_array((void **)&ids, &cap, m + 1, sizeof *ids);
            ids[m++] = r->id;
        }
    qsort(ids, m, sizeof *ids, cmp_id);
    size_t distinct = 0;
    for (size_t i = 0; i < m; i++)
        distinct += i == 0 || ids[i] != ids[i - 1];
    free(ids);
    return distinct;
}

/* Write one file of DIR atomically enough for a user: to a temporary
** name, then rename, so an interrupted export leaves no half file. */
static int write_file(const char *dir, int64_t id, const char *ext,
                      const article_t *a, format_t fmt)
{
    char *path = xasprintf("%s/%lld.%s", dir, (long long)id, ext);
    char *tmp = xasprintf("%s.tmp", path);
    err_t e = {{0}};
    int rc = -1;
    FILE *f = fopen(tmp, "w");
    if (!f) {
        cli_error("%s: %s", tmp, strerror(errno));
        goto out;
    }
    int wr;
    if (fmt == FMT_JSON) {
        article_t *const one[] = { (article_t *)a };
        wr = json_export(f, one, 1, false, NULL, &e);
    } else if (strcmp(ext, "txt") == 0) {
        wr = fwrite(a->text, 1, a->len, f) == a->len ? 0 : -1;
    } else {
        wr = brat_export_ann(f, a, &e);
    }
    if (fclose(f) != 0 || wr != 0) {
        cli_error("%s: %s", path, err_is_set(&e) ? e.msg : strerror(errno));
        remove(tmp);
        goto out;
    }
    if (rename(tmp, path) != 0) {
        cli_error("%s: %s", path, strerror(errno));
        remove(tmp);
        goto out;
    }
    rc = 0;
out:
    free(tmp);
    free(path);
    return rc;
}

/* brat to standard output.  The .ann must hold the text exactly as it
** is, escape sequences included, so a file or a pipe gets it so; a
** terminal gets each tab-separated field made safe, since nothing from
** an article reaches the terminal raw. */
static int brat_to_stdout(const cli_t *c, const article_t *a, err_t *e)
{
    if (!isatty(STDOUT_FILENO))
        return brat_export_ann(stdout, a, e);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        err_set(e, "%s", strerror(errno));
        return -1;
    }
    int rc = brat_export_ann(mem, a, e);
    if (fclose(mem) != 0 && rc == 0) {
        err_set(e, "%s", strerror(errno));
        rc = -1;
    }
    for (size_t at = 0; rc == 0 && at < len; ) {
        size_t end = at;
        while (end < len && buf[end] != '\t' && buf[end] != '\n')
            end++;
        char *field = glyph_sanitize(buf + at, end - at, c->utf8);
        fputs(field, stdout);
        free(field);
        if (end < len)
            putchar(buf[end]);
        at = end + 1;
    }
    free(buf);
    return rc;
}

int cmd_export(cli_t *c, int argc, char **argv)
{
    enum { O_FORMAT = OPT_FIRST_OWN, O_OUTDIR };
    static const struct option longopts[] = {
        { "format", required_argument, NULL, O_FORMAT },
        { "output-dir", required_argument, NULL, O_OUTDIR },
        CLI_COMMON_LONGOPTS
    };
    format_t fmt = FMT_JSON;
    const char *outdir = NULL;
    int ch;
    while ((ch = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        switch (ch) {
        case O_FORMAT:
            if (strcmp(optarg, "json") == 0)
                fmt = FMT_JSON;
            else if (strcmp(optarg, "brat") == 0)
                fmt = FMT_BRAT;
            else
                return cli_usage("export", "unknown format '%s' (json or brat)", optarg);
            break;
        case 'o':
        case O_OUTDIR:
            outdir = optarg;
            break;
        default: {
            int st = cli_common_option(c, "export", ch, argv);
            if (st >= 0)
                return st;
        }
        }
    }
    size_t nids = (size_t)(argc - optind);
    int64_t *ids = xcalloc(nids ? nids : 1, sizeof *ids);
    for (size_t i = 0; i < nids; i++)
        if (!cli_parse_id(argv[optind + (int)i], &ids[i])) {
            free(ids);
            return cli_usage("export", "'%s' is not an article id", argv[optind + (int)i]);
        }
    if (fmt == FMT_BRAT && !outdir && nids != 1) {
        free(ids);
        return cli_usage("export", "brat to standard output takes exactly one ID; "
                         "use --output-dir DIR for more (see 'contra export --help')");
    }
    if (outdir) {
        struct stat st;
        if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            free(ids);
            return cli_error("%s: not a directory", outdir);
        }
    }

    store_t *s = cli_open(c, false);
    if (!s) {
        free(ids);
        return EXIT_USER;
    }
    err_t e = {{0}};
    bool all = nids == 0;
    if (all) {
        free(ids);    /* store_all_ids allocates its own array */
        ids = NULL;
    }
    if (all && store_all_ids(s, &ids, &nids, &e) != 0) {
        store_close(s);
        return cli_error("%s", e.msg);
    }
    /* The whole library goes out oldest first, the order it was most
    ** likely built in, so that importing the export into an empty library
    ** meets the shared entities in the same order and names them alike. */
    for (size_t i = 0; all && i < nids / 2; i++) {
        int64_t t = ids[i];
        ids[i] = ids[nids - 1 - i];
        ids[nids - 1 - i] = t;
    }

    /* Load everything before writing anything: a bad ID must not leave
    ** half an export behind. */
    article_t **arts = xcalloc(nids ? nids : 1, sizeof *arts);
    int status = EXIT_OK;
    size_t left_out = 0;
    for (size_t i = 0; i < nids && status == EXIT_OK; i++) {
        arts[i] = store_load_article(s, ids[i], &e);
        if (!arts[i])
            status = cli_error("%s", err_is_set(&e) ? e.msg : "no such article");
    }
    if (status == EXIT_OK) {
        if (outdir) {
            /* One file per article: every relation between two articles
            ** is lost, once however many files it touches. */
            left_out = count_cross_relations(arts, nids);
            for (size_t i = 0; i < nids && status == EXIT_OK; i++) {
                if (fmt == FMT_JSON) {
                    if (write_file(outdir, ids[i], "json", arts[i], FMT_JSON))
                        status = EXIT_USER;
                } else if (write_file(outdir, ids[i], "txt", arts[i], FMT_BRAT)
                           || write_file(outdir, ids[i], "ann", arts[i], FMT_BRAT)) {
                    status = EXIT_USER;
                }
            }
        } else if (fmt == FMT_JSON) {
            if (json_export(stdout, arts, nids, all, &left_out, &e) != 0)
                status = cli_error("%s", err_is_set(&e) ? e.msg : "export failed");
        } else {
            if (brat_to_stdout(c, arts[0], &e) != 0)
                status = cli_error("%s", err_is_set(&e) ? e.msg : "export failed");
        }
    }
    /* Not an error: the export is complete for what was asked, and says
    ** what it could not carry so nobody believes the file holds it. */
    if (status == EXIT_OK && left_out)
        fprintf(stderr, "%s: note: left out %zu relation%s to articles not in this export "
                "(export those articles together to keep them)\n",
                progname, left_out, left_out == 1 ? "" : "s");
    for (size_t i = 0; i < nids; i++)
        article_free(arts[i]);
    free(arts);
    free(ids);
    store_close(s);
    return status;
}
