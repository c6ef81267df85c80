/*
** cmd_tag.c: the commands that change what is already in the library:
** `contra tag` (the reader's tag action, for scripts) and `contra rm`.
*/
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A note as one line of a message: safe for the terminal, and its start
** only when it is long (it is saved whole). */
static char *note_brief(const cli_t *c, const char *note)
{
    enum { NOTE_SHOWN = 50 };
    char *safe = cli_safe(c, note);
    size_t cps = 0, i = 0;
    for (; safe[i]; i++)
        if (((unsigned char)safe[i] & 0xC0) != 0x80 && ++cps > NOTE_SHOWN - 1)
            break;
    if (!safe[i])
        return safe;
    /* i is at the start of a code point: cut there, with an ellipsis. */
    char *cut = xasprintf("%.*s%s", (int)i, safe, c->utf8 ? "\u2026" : "...");
    free(safe);
    return cut;
}

/* The usage error for n operands other than a claim and a status: say
** which is missing or which one is too many, rather than the rule alone
** (a user's trial: an unquoted --note the audit figures say otherwise). */
static int tag_operands_wrong(int n, char **ops, bool noted)
{
    int64_t id;
    if (n == 0)
        return cli_usage("tag", "want a claim id and a status");
    if (n == 1)
        return status_parse(ops[0]) >= 0
            ? cli_usage("tag", "no claim id given before '%s' (like C12 or Q7)", ops[0])
            : cli_usage("tag", "no status given (disputed, corroborated or unreviewed)");
    /* The first operand that is a claim id is the claim, the first that
    ** is a status the status; the first of the rest is the one too many. */
    bool have_id = false, have_status = false;
    int extra = n - 1;
    for (int i = 0; i < n; i++) {
        if (!have_id && cli_parse_assertion_id(ops[i], &id))
            have_id = true;
        else if (!have_status && status_parse(ops[i]) >= 0)
            have_status = true;
        else {
            extra = i;
            break;
        }
    }
    if (noted)
        return cli_usage("tag", "unexpected argument '%s'; quote a note of several words: "
                         "--note \"...\"", ops[extra]);
    /* After a claim and its status, a word or a quoted text is a note
    ** given without --note more often than anything else. */
    if (have_id && have_status)
        return cli_usage("tag", "unexpected argument '%s'; a note goes after --note: "
                         "--note \"...\"", ops[extra]);
    return cli_usage("tag", "unexpected argument '%s'", ops[extra]);
}

int cmd_tag(cli_t *c, int argc, char **argv)
{
    enum { O_NOTE = OPT_FIRST_OWN };
    static const struct option longopts[] = {
        { "note", required_argument, NULL, O_NOTE },
        CLI_COMMON_LONGOPTS
    };
    const char *note = NULL;
    int ch;
    while ((ch = getopt_long(argc, argv, ":hm:", longopts, NULL)) != -1) {
        if (ch == O_NOTE || ch == 'm') {
            note = optarg;
            continue;
        }
        int st = cli_common_option(c, "tag", ch, argv);
        if (st >= 0)
            return st;
    }
    if (argc - optind != 2)
        return tag_operands_wrong(argc - optind, argv + optind, note != NULL);
    const char *idarg = argv[optind], *starg = argv[optind + 1];
    int64_t id;
    if (!cli_parse_assertion_id(idarg, &id))
        return cli_usage("tag", "'%s' is not a claim or quote id (like C12 or Q7)", idarg);
    int st = status_parse(starg);
    if (st < 0)
        return cli_usage("tag", "unknown status '%s' (disputed, corroborated or unreviewed)",
                         starg);

    store_t *s = cli_open(c, false);
    if (!s)
        return EXIT_USER;
    err_t e = {{0}};
    int status = EXIT_USER;
    article_t *a = NULL;
    int64_t art = store_assertion_article(s, id, &e);
    if (art <= 0) {
        if (err_is_set(&e))
            cli_error("%s", e.msg);
        else
            cli_error("no claim or quote %s in the library", idarg);
        goto out;
    }
    a = store_load_article(s, art, &e);
    if (!a) {
        cli_error("%s", e.msg);
        goto out;
    }
    const assertion_t *q = NULL;
    for (size_t i = 0; i < a->nassertions; i++)
        if (a->assertions[i].id == id)
            q = &a->assertions[i];
    if (!q) {
        cli_error("no claim or quote %s in the library", idarg);
        goto out;
    }
    char kind = q->kind == ASSERT_QUOTE ? 'Q' : 'C';
    if (cli_wrong_letter(idarg, q->kind, id))
        goto out;
    status_t was = q->status;
    if (store_tag(s, id, (status_t)st, note, login_name(), &e) != 0) {
        cli_error("%c%lld: %s", kind, (long long)id, e.msg);
        goto out;
    }
    printf("%c%lld: %s (was %s)", kind, (long long)id, status_name((status_t)st),
           status_name(was));
    /* What became of the note, which --note "" removed without a word
    ** (a user's trial).  Without --note it stays as it was. */
    if (note && !*note)
        fputs(q->note && *q->note ? "; note removed" : "; no note to remove", stdout);
    else if (note) {
        char *shown = note_brief(c, note);
        printf("; note %s: \"%s\"", note_same(note, q->note) ? "unchanged" : "saved", shown);
        free(shown);
    }
    putchar('\n');
    status = EXIT_OK;
out:
    article_free(a);
    store_close(s);
    return status;
}

static bool has_id(const int64_t *ids, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

/* What else goes with article a: the links between its quotes and claims
** and those of articles that stay, which the other articles lose without
** a word otherwise (a user's trial: a contradiction shown in article 10
** was gone after 'contra rm 9').  " (and 2 links with articles 3 and 5)",
** or "" when there are none. */
static char *links_lost(const article_t *a, const int64_t *gone, int ngone)
{
    int64_t *others = NULL;
    size_t nothers = 0, cap = 0, nlinks = 0;
    for (size_t i = 0; i < a->nrelations; i++) {
        const relation_t *r = &a->relations[i];
        int64_t other = r->from.index < 0 ? r->from.article_id
                      : r->to.index < 0 ? r->to.article_id : 0;
        if (other <= 0 || has_id(gone, ngone, other))
            continue;
        nlinks++;
        if (!has_id(others, (int)nothers, other)) {
            grow_array((void **)&others, &cap, nothers + 1, sizeof *others);
            others[nothers++] = other;
        }
    }
    strbuf_t b = {0};
    if (nlinks) {
        sb_printf(&b, " (and %zu link%s with article%s ", nlinks, nlinks == 1 ? "" : "s",
                  nothers == 1 ? "" : "s");
        for (size_t k = 0; k < nothers; k++)
            sb_printf(&b, "%s%lld", k == 0 ? "" : k + 1 == nothers ? " and " : ", ",
                      (long long)others[k]);
        sb_adds(&b, ")");
    }
    free(others);
    return sb_steal(&b);
}

int cmd_rm(cli_t *c, int argc, char **argv)
{
    int st = cli_only_common_options(c, "rm", argc, argv);
    if (st >= 0)
        return st;
    if (optind >= argc)
        return cli_usage("rm", "no article id given");
    /* An article named twice ("rm 1 1", "rm 11 011") is removed once, as
    ** 'contra export 1 1' writes it once; the second removal found it
    ** gone and undid the first. */
    int n = 0;
    int64_t *ids = xcalloc((size_t)(argc - optind), sizeof *ids);
    for (int i = optind; i < argc; i++) {
        int64_t id;
        if (!cli_parse_id(argv[i], &id)) {
            free(ids);
            return cli_usage("rm", "'%s' is not an article id", argv[i]);
        }
        if (!has_id(ids, n, id))
            ids[n++] = id;
    }

    store_t *s = cli_open(c, false);
    if (!s) {
        free(ids);
        return EXIT_USER;
    }
    /* All or nothing: one transaction, and every id is checked before
    ** anything is said to be removed. */
    err_t e = {{0}};
    char **titles = xcalloc((size_t)n, sizeof *titles);
    char **links = xcalloc((size_t)n, sizeof *links);
    int status = EXIT_USER;
    if (store_begin(s, &e) != 0) {
        cli_error("%s", e.msg);
        goto out;
    }
    for (int i = 0; i < n; i++) {
        article_t *a = store_load_article(s, ids[i], &e);
        if (!a) {
            cli_error("%s", err_is_set(&e) ? e.msg : "no such article");
            store_rollback(s);
            goto out;
        }
        titles[i] = cli_safe(c, a->title ? a->title : "(untitled)");
        links[i] = links_lost(a, ids, n);
        article_free(a);
        if (store_delete_article(s, ids[i], &e) != 0) {
            cli_error("%lld: %s", (long long)ids[i], e.msg);
            store_rollback(s);
            goto out;
        }
    }
    if (store_commit(s, &e) != 0) {
        cli_error("%s", e.msg);
        goto out;
    }
    for (int i = 0; i < n; i++)
        printf("removed %lld \"%s\"%s\n", (long long)ids[i], titles[i], links[i]);
    status = EXIT_OK;
out:
    for (int i = 0; i < n; i++) {
        free(titles[i]);
        free(links[i]);
    }
    free(titles);
    free(links);
    free(ids);
    store_close(s);
    return status;
}
