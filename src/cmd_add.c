/*
** cmd_add.c: `contra add`, importing files into the library.  Each file
** is one transaction (import_path); a bad file stops the run unless
** --keep-going, and files imported before it stay imported.
*/
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "import.h"
#include "lexicon.h"

static bool valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void print_item(const cli_t *c, const import_item_t *it)
{
    char *t = cli_safe(c, it->title ? it->title : "(untitled)");
    if (it->duplicate)
        printf("already in library: %lld \"%s\"\n", (long long)it->id, t);
    else
        printf("added %lld \"%s\" (%zu %s, %zu %s, %zu %s, %zu %s)\n",
               (long long)it->id, t,
               it->nentities, it->nentities == 1 ? "entity" : "entities",
               it->nquotes, it->nquotes == 1 ? "quote" : "quotes",
               it->nclaims, it->nclaims == 1 ? "claim" : "claims",
               it->nrelations, it->nrelations == 1 ? "relation" : "relations");
    free(t);
}

int cmd_add(cli_t *c, int argc, char **argv)
{
    enum { O_NOANN = OPT_FIRST_OWN, O_KEEP, O_REPAIR, O_TITLE, O_SOURCE,
           O_URL, O_DATE, O_FORMAT };
    static const struct option longopts[] = {
        { "no-annotate", no_argument, NULL, O_NOANN },
        { "keep-going", no_argument, NULL, O_KEEP },
        { "repair", no_argument, NULL, O_REPAIR },
        { "title", required_argument, NULL, O_TITLE },
        { "source", required_argument, NULL, O_SOURCE },
        { "url", required_argument, NULL, O_URL },
        { "date", required_argument, NULL, O_DATE },
        { "format", required_argument, NULL, O_FORMAT },
        CLI_COMMON_LONGOPTS
    };
    import_meta_t meta = {0};
    bool annotate = true, keep_going = false;
    int ch;
    while ((ch = getopt_long(argc, argv, ":hk", longopts, NULL)) != -1) {
        switch (ch) {
        case O_NOANN: annotate = false; break;
        case 'k':
        case O_KEEP: keep_going = true; break;
        case O_REPAIR: meta.repair = true; break;
        case O_TITLE: meta.title = optarg; break;
        case O_SOURCE: meta.source = optarg; break;
        case O_URL: meta.url = optarg; break;
        case O_DATE:
            if (!valid_date(optarg))
                return cli_usage("add", "--date wants YYYY-MM-DD, not '%s'", optarg);
            meta.date = optarg;
            break;
        case O_FORMAT:
            if (strcmp(optarg, "plain") == 0 || strcmp(optarg, "text") == 0)
                meta.format = FMT_PLAIN;
            else if (strcmp(optarg, "json") == 0)
                meta.format = FMT_JSON;
            else if (strcmp(optarg, "brat") == 0)
                meta.format = FMT_BRAT;
            else
                return cli_usage("add", "unknown format '%s' (plain, json or brat)", optarg);
            break;
        default: {
            int st = cli_common_option(c, "add", ch, argv);
            if (st >= 0)
                return st;
        }
        }
    }
    if (optind >= argc)
        return cli_usage("add", "no file given");

    /* The word lists are needed only for plain text.  A broken
    ** installation should not stop the import of JSON or brat files, but
    ** must stop a plain text file from being stored unannotated. */
    lexicon_t *lex = NULL;
    err_t lex_err = {{0}};
    if (annotate) {
        char *dir = lexicon_default_dir();
        lex = lexicon_load(dir, &lex_err);
        if (!lex && !err_is_set(&lex_err))
            err_set(&lex_err, "%s", dir);
        free(dir);
    }

    store_t *s = cli_open(c, true);
    if (!s) {
        lexicon_free(lex);
        return EXIT_USER;
    }
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        err_t e = {{0}};
        import_result_t res = {0};
        format_t by_name = meta.format ? meta.format : format_detect(argv[i], "", 0);
        int rc;
        if (annotate && !lex && by_name != FMT_JSON && by_name != FMT_BRAT) {
            err_set(&e, "%s: cannot load the annotator's word lists: %s "
                    "(use --no-annotate to import without them)",
                    strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i], lex_err.msg);
            rc = -1;
        } else {
            rc = import_path(s, argv[i], &meta, lex, &res, &e);
        }
        if (rc != 0) {
            cli_error("%s", err_is_set(&e) ? e.msg : argv[i]);
            status = EXIT_USER;
            import_result_free(&res);
            if (!keep_going) {
                if (i + 1 < argc)
                    cli_error("stopped; %d file%s not imported (use --keep-going to go on)",
                              argc - i - 1, argc - i - 1 == 1 ? "" : "s");
                break;
            }
            continue;
        }
        for (size_t k = 0; k < res.n; k++)
            print_item(c, &res.v[k]);
        fflush(stdout);
        import_result_free(&res);
    }
    store_close(s);
    lexicon_free(lex);
    return status;
}
