/*
** cmd_link.c: `contra link` and `contra unlink`, a person's say on what
** contradicts or supports what: a link of their own, the annotator's
** confirmed, or one removed for good (re-annotation does not bring it
** back; see store_unlink).
*/
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The quote or claim arg names ("C12", "Q7", "12"): its id, and its
** label with the right letter in label.  A wrong letter is an error, as
** in contra tag (cli_wrong_letter).  Returns EXIT_OK or the status to
** exit with, the message printed. */
static int resolve(store_t *s, const char *arg, int64_t *id, char label[32])
{
    err_t e = {{0}};
    if (!cli_parse_assertion_id(arg, id))
        return EXIT_USAGE;      /* said by ids_usage before the library's open */
    int kind = store_assertion_kind(s, *id, &e);
    if (kind == -2)
        return cli_error("%s", e.msg), EXIT_USER;
    if (kind < 0)
        return cli_error("no claim or quote %s in the library", arg), EXIT_USER;
    if (cli_wrong_letter(arg, kind, *id))
        return EXIT_USER;
    snprintf(label, 32, "%c%lld", kind == ASSERT_QUOTE ? 'Q' : 'C', (long long)*id);
    return EXIT_OK;
}

/* A usage error for an operand that is no claim id, said as other usage
** errors are ("link: ... (see 'contra link --help')", exit 2), before the
** library is opened; or -1 when all are ids. */
static int ids_usage(const char *cmd, char **args, int n)
{
    int64_t id;
    for (int k = 0; k < n; k++)
        if (!cli_parse_assertion_id(args[k], &id))
            return cli_usage(cmd, "'%s' is not a claim or quote id (like C12 or Q7)", args[k]);
    return -1;
}

int cmd_link(cli_t *c, int argc, char **argv)
{
    int st = cli_only_common_options(c, "link", argc, argv);
    if (st >= 0)
        return st;
    /* argv[optind + 3] only when it is there: past argv's end is not
    ** ours to read, even for a format that would not print it. */
    if (argc - optind < 3)
        return cli_usage("link", "want a claim, contradicts or supports, and another claim");
    if (argc - optind > 3)
        return cli_usage("link", "unexpected argument '%s'", argv[optind + 3]);
    int type = relation_type_parse(argv[optind + 1]);
    if (type < 0)
        return cli_usage("link", "unknown link '%s' (contradicts or supports)",
                         argv[optind + 1]);
    char *ends[2] = { argv[optind], argv[optind + 2] };
    if ((st = ids_usage("link", ends, 2)) >= 0)
        return st;

    store_t *s = cli_open(c, false);
    if (!s)
        return EXIT_USER;
    int64_t from, to;
    char a[32], b[32];
    if ((st = resolve(s, argv[optind], &from, a)) != EXIT_OK
        || (st = resolve(s, argv[optind + 2], &to, b)) != EXIT_OK) {
        store_close(s);
        return st;
    }
    err_t e = {{0}};
    link_was_t was;
    bool reversed, both;
    st = EXIT_USER;
    if (store_link(s, (relation_type_t)type, from, to, &was, &reversed, &both, &e) != 0) {
        cli_error("%s", e.msg);
    } else {
        const char *verb = relation_type_name((relation_type_t)type);
        const char *x = reversed ? b : a, *y = reversed ? a : b;
        if (was == LINK_NEW)
            printf("%s %s %s (saved)", x, verb, y);
        else if (was == LINK_AUTO)
            printf("%s %s %s: the annotator's link, now confirmed", x, verb, y);
        else
            printf("%s %s %s already", x, verb, y);
        printf("%s\n", !both ? "" : type == REL_CONTRADICTS
               ? "; note: they are linked as supporting too (contra unlink removes both)"
               : "; note: they are linked as contradicting too (contra unlink removes both)");
        st = EXIT_OK;
    }
    store_close(s);
    return st;
}

int cmd_unlink(cli_t *c, int argc, char **argv)
{
    int st = cli_only_common_options(c, "unlink", argc, argv);
    if (st >= 0)
        return st;
    if (argc - optind < 2)
        return cli_usage("unlink", "want two claims");
    if (argc - optind > 2)
        return cli_usage("unlink", "unexpected argument '%s'", argv[optind + 2]);
    if ((st = ids_usage("unlink", argv + optind, 2)) >= 0)
        return st;

    store_t *s = cli_open(c, false);
    if (!s)
        return EXIT_USER;
    int64_t ids[2];
    char label[2][32];
    for (int k = 0; k < 2; k++)
        if ((st = resolve(s, argv[optind + k], &ids[k], label[k])) != EXIT_OK) {
            store_close(s);
            return st;
        }
    err_t e = {{0}};
    unlinked_t gone[4];
    int n = store_unlink(s, ids[0], ids[1], login_name(), gone, &e);
    if (n < 0)
        cli_error("%s", e.msg);
    else if (n == 0)
        cli_error("no link between %s and %s", label[0], label[1]);
    for (int k = 0; k < n; k++) {
        bool fwd = gone[k].from_id == ids[0];
        printf("removed: %s %s %s%s\n", label[fwd ? 0 : 1],
               relation_type_name(gone[k].type), label[fwd ? 1 : 0],
               gone[k].origin == ORIGIN_AUTO
               ? " (the annotator's; it will not propose it again)" : "");
    }
    store_close(s);
    return n > 0 ? EXIT_OK : EXIT_USER;
}
