/*
** cmd_export.c: `contra export`, articles out as contra JSON or brat
** standoff.  To stdout: JSON (one object for one ID, an array otherwise)
** or the .ann of one article; with --output-dir, one file (JSON) or two
** (brat .txt and .ann) per article, named by article id.  Export writes
** library ids, so export then import gives the same annotations back.
**
** Export streams: it loads, writes and frees one article at a time, the
** whole library paged through by key inside one read snapshot, so its
** memory does not grow with the library (issue 5: 100,000 articles held
** at once took gigabytes).  What a relation into another article needs,
** whether that article is exported and the kind of its end, comes from a
** sorted table of the ids asked for (or "all of them") and from the store
** by key, never from the articles already written.
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
#include "import.h"
#include "layout.h"

static int cmp_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* The same id given twice ("contra export 5 5") is exported once, where
** it first appears: twice would give a file that imports the article
** twice over.  Returns the new count. */
static size_t dedupe_ids(int64_t *ids, size_t n)
{
    if (n < 2)
        return n;
    int64_t *sorted = xmalloc(n * sizeof *sorted);
    memcpy(sorted, ids, n * sizeof *ids);
    qsort(sorted, n, sizeof *sorted, cmp_id);
    char *seen = xcalloc(n, 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = n;     /* the first place ids[i] sorts to */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (sorted[mid] < ids[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        if (seen[lo])
            continue;
        seen[lo] = 1;
        ids[k++] = ids[i];
    }
    free(seen);
    free(sorted);
    return k;
}

/* The articles of the export: all of them, or the sorted distinct ids
** asked for (with whether each one's relations have been counted yet). */
typedef struct export_set {
    bool all;
    int64_t *ids;
    size_t n;
    bool *counted;
    store_t *s;
} export_set_t;

static bool set_has(void *arg, int64_t article_id)
{
    const export_set_t *x = arg;
    if (x->all)
        return article_id != 0;
    return bsearch(&article_id, x->ids, x->n, sizeof *x->ids, cmp_id) != NULL;
}

static int set_kind(void *arg, int64_t assertion_id, err_t *e)
{
    const export_set_t *x = arg;
    return store_assertion_kind(x->s, assertion_id, e);
}

/* With --output-dir, and in brat, every relation between two articles
** is lost (a file or a brat document holds one article), and is counted
** once: by the article of its "from" end, or by its "to" end's when the
** "from" article is not exported.  An article asked for twice counts
** once. */
static size_t count_cross(export_set_t *x, const relation_t *v, size_t nv)
{
    size_t n = 0;
    for (size_t k = 0; k < nv; k++) {
        const relation_t *r = &v[k];
        if (r->from.index >= 0 && r->to.index >= 0)
            continue;
        n += r->from.index >= 0 || !set_has(x, r->from.article_id);
    }
    return n;
}

/* The same of its removed links go to *removed. */
static size_t count_cross_relations(export_set_t *x, const article_t *a, size_t *removed)
{
    if (!x->all) {
        int64_t *hit = bsearch(&a->id, x->ids, x->n, sizeof *x->ids, cmp_id);
        if (!hit || x->counted[hit - x->ids])
            return 0;
        x->counted[hit - x->ids] = true;
    }
    *removed += count_cross(x, a->removed, a->nremoved);
    return count_cross(x, a->relations, a->nrelations);
}

/* What of an article's metadata a brat document cannot carry, as bits.
** Import takes the title from the text's first line and the date from
** a scraped "date YYYY-MM-DD" prefix there, so only a title or date
** other than those is lost; a source or URL always is. */
enum { LOST_TITLE = 1, LOST_SOURCE = 2, LOST_URL = 4, LOST_DATE = 8 };

static unsigned brat_meta_lost(const article_t *a)
{
    unsigned lost = 0;
    char date[11];
    size_t plen = date_prefix(a->text, a->len, date);
    if (a->title && a->title[0]) {
        char *t = title_from_text(a->text + plen, a->len - plen);
        if (!t || strcmp(t, a->title) != 0)
            lost |= LOST_TITLE;
        free(t);
    }
    if (a->source && a->source[0])
        lost |= LOST_SOURCE;
    if (a->url && a->url[0])
        lost |= LOST_URL;
    if (a->published && a->published[0] && (!plen || strcmp(date, a->published) != 0))
        lost |= LOST_DATE;
    return lost;
}

/* One line on standard error for what brat left out of n articles'
** metadata: a user who exports to brat and imports it again would
** otherwise find the titles, sources and dates gone without a word. */
static void note_meta_lost(unsigned lost, size_t n)
{
    static const char *const one[] = { "title", "source", "URL", "date" };
    static const char *const many[] = { "titles", "sources", "URLs", "dates" };
    strbuf_t b = {0};
    size_t k = 0, count = 0;
    for (size_t i = 0; i < 4; i++)
        count += (lost >> i) & 1;
    for (size_t i = 0; i < 4; i++) {
        if (!((lost >> i) & 1))
            continue;
        if (k)
            sb_adds(&b, k + 1 == count ? " and " : ", ");
        sb_adds(&b, n == 1 ? one[i] : many[i]);
        k++;
    }
    char *what = sb_steal(&b);
    const char *it = count == 1 && n == 1 ? "it" : "them";
    fprintf(stderr, "%s: note: left out the %s of %zu article%s (a brat document has no "
            "place for %s; contra JSON keeps %s)\n", progname, what, n,
            n == 1 ? "" : "s", it, it);
    free(what);
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
        cli_error("%s: %s", tmp, errno_text(errno));
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
        cli_error("%s: %s", path, err_is_set(&e) ? e.msg : errno_text(errno));
        remove(tmp);
        goto out;
    }
    if (rename(tmp, path) != 0) {
        cli_error("%s: %s", path, errno_text(errno));
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
        err_set(e, "%s", errno_text(errno));
        return -1;
    }
    int rc = brat_export_ann(mem, a, e);
    if (fclose(mem) != 0 && rc == 0) {
        err_set(e, "%s", errno_text(errno));
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
    nids = dedupe_ids(ids, nids);
    if (fmt == FMT_BRAT && !outdir && nids != 1) {
        free(ids);
        return cli_usage("export", "brat to standard output takes exactly one ID; "
                         "use --output-dir DIR for more (see 'contra export --help')");
    }
    if (outdir) {
        struct stat st;
        /* "not a directory" for one that is not there sent people
        ** looking for a file in its place. */
        if (stat(outdir, &st) != 0) {
            int err = errno;
            free(ids);
            if (err == ENOENT)
                return cli_error("%s: no such directory (--output-dir writes into one "
                                 "that exists)", outdir);
            return cli_error("%s: %s", outdir, errno_text(err));
        }
        if (!S_ISDIR(st.st_mode)) {
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
    export_set_t set = { all, NULL, 0, NULL, s };
    int status = EXIT_OK;
    json_writer_t w;
    json_writer_init(&w, stdout, nids != 1);
    w.exported = set_has;
    w.kind_of = set_kind;
    w.arg = &set;
    size_t cross = 0, cross_removed = 0, meta_articles = 0, brat_removed = 0;
    unsigned meta_lost = 0;

    /* One snapshot for the whole export, so that an article deleted
    ** meanwhile cannot leave a relation naming it. */
    if (store_read_begin(s, &e) != 0) {
        free(ids);
        store_close(s);
        return cli_error("%s", e.msg);
    }
    /* Check every ID before writing anything: a bad ID must not leave
    ** half an export behind. */
    for (size_t i = 0; i < nids && status == EXIT_OK; i++) {
        int there = store_article_exists(s, ids[i], &e);
        if (there < 0)
            status = cli_error("%s", e.msg);
        else if (there == 0)
            status = cli_error("no article %lld in the library", (long long)ids[i]);
    }
    if (!all) {
        set.ids = xmalloc(nids * sizeof *set.ids);
        memcpy(set.ids, ids, nids * sizeof *ids);
        qsort(set.ids, nids, sizeof *set.ids, cmp_id);
        for (size_t i = 0; i < nids; i++)
            if (set.n == 0 || set.ids[set.n - 1] != set.ids[i])
                set.ids[set.n++] = set.ids[i];
        set.counted = xcalloc(set.n, sizeof *set.counted);
    }

    /* The whole library goes out oldest first, the order it was most
    ** likely built in, so that importing the export into an empty library
    ** meets the shared entities in the same order and names them alike.
    ** It is read a page of ids at a time. */
    enum { PAGE = 256 };
    int64_t page[PAGE];
    size_t npage = 0, at = 0, next = 0;
    int64_t after = 0;
    while (status == EXIT_OK) {
        int64_t id;
        if (all) {
            if (at == npage) {
                if (npage != 0 && npage < PAGE)
                    break;
                int got = store_ids_oldest_first(s, after, page, PAGE, &e);
                if (got < 0) {
                    status = cli_error("%s", e.msg);
                    break;
                }
                npage = (size_t)got;
                at = 0;
                if (npage == 0)
                    break;
                after = page[npage - 1];
            }
            id = page[at++];
        } else {
            if (next == nids)
                break;
            id = ids[next++];
        }
        article_t *a = store_load_article(s, id, &e);
        if (!a) {
            status = cli_error("%s", err_is_set(&e) ? e.msg : "no such article");
            break;
        }
        /* The links a person removed go with the article, so that an
        ** import elsewhere keeps the annotator from proposing them. */
        if (store_load_removed(s, a, &e) != 0) {
            status = cli_error("%s", e.msg);
            article_free(a);
            break;
        }
        if (outdir || fmt == FMT_BRAT)
            cross += count_cross_relations(&set, a, &cross_removed);
        if (fmt == FMT_BRAT) {
            unsigned l = brat_meta_lost(a);
            meta_lost |= l;
            meta_articles += l != 0;
            brat_removed += a->nremoved;
        }
        if (outdir) {
            if (fmt == FMT_JSON) {
                if (write_file(outdir, id, "json", a, FMT_JSON))
                    status = EXIT_USER;
            } else if (write_file(outdir, id, "txt", a, FMT_BRAT)
                       || write_file(outdir, id, "ann", a, FMT_BRAT)) {
                status = EXIT_USER;
            }
        } else if (fmt == FMT_JSON) {
            if (json_write_article(&w, a, &e) != 0)
                status = cli_error("%s", err_is_set(&e) ? e.msg : "export failed");
        } else if (brat_to_stdout(c, a, &e) != 0) {
            status = cli_error("%s", err_is_set(&e) ? e.msg : "export failed");
        }
        article_free(a);
    }
    if (status == EXIT_OK && fmt == FMT_JSON && !outdir
        && json_writer_finish(&w, &e) != 0)
        status = cli_error("%s", err_is_set(&e) ? e.msg : "export failed");
    size_t left_out = outdir || fmt == FMT_BRAT ? cross : w.left_out;
    /* Not an error: the export is complete for what was asked, and says
    ** what it could not carry so nobody believes the file holds it.  The
    ** advice depends on why: only JSON to standard output can hold a
    ** relation between articles, and only when both are in it. */
    const char *why = fmt == FMT_BRAT
        ? "a brat document is one article and cannot refer to another; "
          "contra JSON keeps them"
        : outdir
        ? "each file holds one article and cannot refer to another; "
          "export without --output-dir to keep them"
        : "export those articles together to keep them";
    if (status == EXIT_OK && left_out)
        fprintf(stderr, "%s: note: left out %zu relation%s %s (%s)\n", progname, left_out,
                left_out == 1 ? "" : "s",
                fmt == FMT_JSON && !outdir ? "to articles not in this export"
                                           : "between articles", why);
    size_t removed_left_out = outdir ? cross_removed : w.removed_left_out;
    if (status == EXIT_OK && fmt == FMT_JSON && removed_left_out)
        fprintf(stderr, "%s: note: left out %zu removed link%s %s (%s)\n", progname,
                removed_left_out, removed_left_out == 1 ? "" : "s",
                outdir ? "between articles" : "to articles not in this export", why);
    /* brat has no place for them at all: imported again, the annotator
    ** proposes them again, as nothing had said (T4). */
    if (status == EXIT_OK && brat_removed)
        fprintf(stderr, "%s: note: left out %zu link%s a person removed (brat has no place "
                "for them, and the annotator will propose them again after an import; "
                "contra JSON keeps them)\n", progname, brat_removed,
                brat_removed == 1 ? "" : "s");
    if (status == EXIT_OK && meta_articles)
        note_meta_lost(meta_lost, meta_articles);
    store_read_end(s);
    free(set.ids);
    free(set.counted);
    free(ids);
    store_close(s);
    return status;
}
