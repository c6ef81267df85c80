/*
** cmd_annotate.c: `contra annotate` (re-run the annotator over stored
** articles, keeping what users and imports made) and `contra read` (the
** reader, which lives in tui*.c).
*/
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annotate.h"
#include "cli.h"
#include "formats.h"
#include "import.h"
#include "lexicon.h"
#include "tui.h"

/* The text and metadata of a, without annotations: what the annotator
** starts from, so that its output is the same whatever was stored. */
static article_t *bare_copy(const article_t *a)
{
    article_t *b = article_new();
    b->title = a->title ? xstrdup(a->title) : NULL;
    b->source = a->source ? xstrdup(a->source) : NULL;
    b->url = a->url ? xstrdup(a->url) : NULL;
    b->published = a->published ? xstrdup(a->published) : NULL;
    b->text = xstrndup(a->text, a->len);
    b->len = a->len;
    return b;
}

/* Articles not in the library have no ids; give them ones local to the
** article so that the JSON written is valid contra JSON. */
static void number_locally(article_t *a)
{
    for (size_t i = 0; i < a->nentities; i++)
        a->entities[i].id = (int64_t)i + 1;
    for (size_t i = 0; i < a->nassertions; i++)
        a->assertions[i].id = (int64_t)i + 1;
}

static lexicon_t *load_lexicon(void)
{
    err_t e = {{0}};
    char *dir = lexicon_default_dir();
    lexicon_t *lex = lexicon_load(dir, &e);
    if (!lex)
        cli_error("cannot load the annotator's word lists: %s",
                  err_is_set(&e) ? e.msg : dir);
    free(dir);
    return lex;
}

/* --dry-run: annotate files or stored articles and print contra JSON. */
static int dry_run(cli_t *c, char **args, int n, lexicon_t *lex)
{
    article_list_t out = {0};
    store_t *s = NULL;
    int status = EXIT_OK;
    for (int i = 0; i < n && status == EXIT_OK; i++) {
        err_t e = {{0}};
        struct stat st;
        int64_t id;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) != 0 && cli_parse_id(args[i], &id)) {
            if (!s && !(s = cli_open(c, false))) {
                status = EXIT_USER;
                break;
            }
            article_t *a = store_load_article(s, id, &e);
            if (!a) {
                status = cli_error("%s", err_is_set(&e) ? e.msg : "no such article");
                break;
            }
            article_list_push(&out, bare_copy(a));
            article_free(a);
            continue;
        }
        article_list_t got = {0};
        if (import_parse(args[i], NULL, NULL, &got, NULL, &e) != 0) {
            status = cli_error("%s", err_is_set(&e) ? e.msg : args[i]);
            article_list_free(&got);
            break;
        }
        for (size_t k = 0; k < got.n; k++)
            article_list_push(&out, bare_copy(got.v[k]));
        article_list_free(&got);
    }
    if (status == EXIT_OK) {
        for (size_t k = 0; k < out.n; k++) {
            annotate_article(out.v[k], lex);
            number_locally(out.v[k]);
        }
        err_t e = {{0}};
        if (json_export(stdout, out.v, out.n, false, NULL, &e) != 0)
            status = cli_error("%s", err_is_set(&e) ? e.msg : "cannot write JSON");
    }
    article_list_free(&out);
    if (s)
        store_close(s);
    return status;
}

int cmd_annotate(cli_t *c, int argc, char **argv)
{
    enum { O_DRY = OPT_FIRST_OWN, O_ALL };
    static const struct option longopts[] = {
        { "dry-run", no_argument, NULL, O_DRY },
        { "all", no_argument, NULL, O_ALL },
        CLI_COMMON_LONGOPTS
    };
    bool dry = false, all = false;
    int ch;
    while ((ch = getopt_long(argc, argv, ":hn", longopts, NULL)) != -1) {
        if (ch == O_DRY || ch == 'n') {
            dry = true;
            continue;
        }
        if (ch == O_ALL) {
            all = true;
            continue;
        }
        int st = cli_common_option(c, "annotate", ch, argv);
        if (st >= 0)
            return st;
    }
    int n = argc - optind;
    char **args = argv + optind;
    if (all && (dry || n))
        return cli_usage("annotate", "--all takes no ID and no --dry-run");
    if (dry && n == 0)
        return cli_usage("annotate", "--dry-run: no file or article id given");
    if (!all && n == 0)
        return cli_usage("annotate", "no article id given (or --all)");

    int64_t *ids = NULL;
    size_t nids = 0;
    if (!dry && !all) {
        ids = xcalloc((size_t)n, sizeof *ids);
        for (int i = 0; i < n; i++)
            if (!cli_parse_id(args[i], &ids[i])) {
                free(ids);
                return cli_usage("annotate", "'%s' is not an article id "
                                 "(to annotate a file, 'contra add' it or use --dry-run)",
                                 args[i]);
            }
        nids = (size_t)n;
    }

    lexicon_t *lex = load_lexicon();
    if (!lex) {
        free(ids);
        return EXIT_USER;
    }
    if (dry) {
        int st = dry_run(c, args, n, lex);
        lexicon_free(lex);
        return st;
    }

    int status = EXIT_OK;
    err_t e = {{0}};
    store_t *s = cli_open(c, false);
    if (!s) {
        status = EXIT_USER;
        goto out;
    }
    if (all && store_all_ids(s, &ids, &nids, &e) != 0) {
        status = cli_error("%s", e.msg);
        goto out;
    }
    for (size_t i = 0; i < nids; i++) {
        article_t *a = store_load_article(s, ids[i], &e);
        if (!a) {
            status = cli_error("%s", err_is_set(&e) ? e.msg : "no such article");
            break;
        }
        article_t *fresh = bare_copy(a);
        annotate_article(fresh, lex);
        size_t nq = 0, nc = 0;
        for (size_t k = 0; k < fresh->nassertions; k++)
            *(fresh->assertions[k].kind == ASSERT_QUOTE ? &nq : &nc) += 1;
        if (store_replace_auto(s, ids[i], fresh, &e) != 0) {
            status = cli_error("%lld: %s", (long long)ids[i], e.msg);
            article_free(fresh);
            article_free(a);
            break;
        }
        /* A link a person removed is found again but not stored (its id
        ** stays 0): saying "1 relation found" for it read as though the
        ** removal had not held. */
        size_t left_out = 0;
        for (size_t k = 0; k < fresh->nrelations; k++)
            left_out += fresh->relations[k].id == 0
                        && fresh->relations[k].from.id != fresh->relations[k].to.id;
        char *t = cli_safe(c, a->title ? a->title : "(untitled)");
        char tail[96] = " found";
        if (left_out)
            snprintf(tail, sizeof tail, " found; %zu left out, as removed by a person", left_out);
        printf("annotated %lld \"%s\" ", (long long)ids[i], t);
        cli_print_counts(stdout, fresh->nentities, nq, nc, fresh->nrelations, tail);
        fflush(stdout);
        free(t);
        article_free(fresh);
        article_free(a);
    }
out:
    if (s)
        store_close(s);
    lexicon_free(lex);
    free(ids);
    return status;
}

int cmd_read(cli_t *c, int argc, char **argv)
{
    int st = cli_only_common_options(c, "read", argc, argv);
    if (st >= 0)
        return st;
    int64_t id = 0;
    if (argc - optind > 1)
        return cli_usage("read", "one article at a time");
    if (argc - optind == 1 && !cli_parse_id(argv[optind], &id))
        return cli_usage("read", "'%s' is not an article id", argv[optind]);
    /* The terminal is set up beside the library's open and the article's
    ** load (tui_screen_prestart); given up unseen when either fails. */
    err_t e = {{0}};
    if (tui_check_terminal(id, &e) < 0 || cli_names_no_library(c, &e))
        return cli_error("%s", e.msg);
    tui_screen_prestart();
    /* Only the default library is made here (cli_names_no_library): a
    ** named one that is an empty SQLite database is refused by the open,
    ** where it was made a library. */
    store_t *s = cli_open_e(c, !cli_db_named(c), &e);
    if (!s) {
        tui_screen_abandon();
        return cli_error("%s", e.msg);
    }
    st = tui_main(s, id, &e);
    tui_screen_abandon();
    store_close(s);
    if (err_is_set(&e))
        cli_error("%s", e.msg);
    return st;
}
