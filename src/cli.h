/*
** cli.h: the command line.  Owns the command table (the one source of
** `contra --help`, `contra help COMMAND` and the dispatch), the helpers
** every command shares (options common to all, opening the library,
** error messages, making library text safe to print), and the handlers.
**
** Exit status, for every command: 0 success, 1 a user error (bad file,
** no such article, broken library), 2 a usage error (unknown command or
** option, missing argument).
*/
#ifndef CONTRA_CLI_H
#define CONTRA_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "store.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

/* What main() learned before the command name, shared with the handlers. */
typedef struct cli {
    const char *db_opt;   /* --db PATH, or NULL for CONTRA_DB / the default */
    bool utf8;            /* the locale's codeset is UTF-8 */
} cli_t;

typedef int cmd_fn(cli_t *c, int argc, char **argv);

/* The command table: name, handler, one-line summary, and the help text
** (synopsis lines, then a blank line, then the options).  The man page
** documents the same commands; keep them in step. */
#define COMMANDS(X)                                                          \
    X(read, cmd_read, "open the reader on the library or one article",     \
      "contra read [ID]\n"                                                   \
      "\n"                                                                   \
      "Opens the full-screen reader: the library when no ID is given,\n"    \
      "article ID otherwise.  'contra' with no command does the same.\n"    \
      "Press ? in the reader for its keys.\n")                               \
    X(add, cmd_add, "import articles (plain text, contra JSON, brat)",      \
      "contra add [options] FILE...\n"                                       \
      "\n"                                                                   \
      "Imports each FILE ('-' is standard input) in its own transaction.\n" \
      "Stops at the first file that cannot be imported; files before it\n"  \
      "stay imported.\n"                                                     \
      "\n"                                                                   \
      "  --format plain|json|brat   read FILE as this format (default: detect)\n" \
      "  --title TEXT               the article's title\n"                  \
      "  --source TEXT              its source (publication, agency)\n"     \
      "  --url URL                  its address\n"                           \
      "  --date YYYY-MM-DD          its publication date\n"                  \
      "                             (--title, --url: one FILE only; a file\n" \
      "                             of several articles keeps their own\n" \
      "                             titles, addresses and dates)\n"        \
      "  --no-annotate              store plain text without annotating it\n" \
      "  --repair                   replace invalid UTF-8 instead of failing\n" \
      "  -k, --keep-going           go on after a bad file (exit 1 at the end)\n") \
    X(list, cmd_list, "list the articles in the library",                   \
      "contra list [--json] [WORD...]\n"                                     \
      "\n"                                                                   \
      "One article a line, newest first: id, date, source, claim counts\n"  \
      "(N! disputed, N+ corroborated, N? unreviewed) and title.  With\n"    \
      "WORDs, only the articles whose title or text has them all.\n"        \
      "\n"                                                                   \
      "  --json       print a JSON array instead\n")                         \
    X(show, cmd_show, "print an article with its annotations marked",       \
      "contra show ID\n"                                                     \
      "\n"                                                                   \
      "Prints the article as plain text, one paragraph a line, with entity\n" \
      "mentions, quotes and claims marked inline and a legend at the end.\n") \
    X(export, cmd_export, "write articles as contra JSON or brat standoff", \
      "contra export [--format json|brat] [--output-dir DIR] [ID...]\n"     \
      "\n"                                                                   \
      "Writes the articles given (all of them when no ID is given).\n"      \
      "\n"                                                                   \
      "  --format json|brat    json (default): one object for one ID, else\n" \
      "                        an array; brat: the .ann of one article\n"   \
      "  -o, --output-dir DIR  write ID.json, or ID.txt and ID.ann, per\n"  \
      "                        article into DIR instead of standard output\n") \
    X(tag, cmd_tag, "set the review status of a claim or quote",            \
      "contra tag [--note TEXT] CLAIM disputed|corroborated|unreviewed\n"   \
      "\n"                                                                   \
      "CLAIM is a claim or quote id as 'contra export' and 'contra show'\n" \
      "write it: C12, Q7 or just 12.  The tag is kept in the history with\n" \
      "your login name and the time.\n"                                      \
      "\n"                                                                   \
      "  -m, --note TEXT   attach a note (replaces the current one; \"\"\n"   \
      "                    removes it)\n")                                   \
    X(link, cmd_link, "link two claims: one contradicts or supports the other", \
      "contra link CLAIM contradicts|supports CLAIM\n"                      \
      "\n"                                                                   \
      "Saves a link of your own between two quotes or claims, in one\n"     \
      "article or two, or confirms the annotator's same link (marked\n"     \
      "'auto' in exports) so that re-annotation keeps it.\n")              \
    X(unlink, cmd_unlink, "remove the links between two claims",            \
      "contra unlink CLAIM CLAIM\n"                                         \
      "\n"                                                                   \
      "Removes every link between the two, either way; the annotator will\n" \
      "not propose them again when it is run again on either article.\n")  \
    X(rm, cmd_rm, "remove articles from the library",                       \
      "contra rm ID...\n"                                                    \
      "\n"                                                                   \
      "Removes the articles with their annotations and tags, all of them\n" \
      "or none (when an ID does not exist), and their links with other\n"  \
      "articles, which each line counts.\n")                                \
    X(annotate, cmd_annotate, "re-run the annotator on stored articles",    \
      "contra annotate ID...|--all\n"                                        \
      "contra annotate --dry-run FILE|ID...\n"                               \
      "\n"                                                                   \
      "Replaces the automatic annotations of the articles with fresh ones,\n" \
      "keeping every tag, note and imported or user annotation.\n"          \
      "\n"                                                                   \
      "  --all            every article in the library (and no ID)\n"      \
      "  -n, --dry-run    print what the annotator finds as contra JSON and\n" \
      "                   store nothing; FILE is read like 'contra add' does\n") \
    X(help, cmd_help, "show help for contra or one command",                \
      "contra help [COMMAND]\n")

#define X_DECL(name, fn, summary, help) cmd_fn fn;
COMMANDS(X_DECL)
#undef X_DECL

/* Options every command takes; commands put CLI_COMMON_LONGOPTS at the end
** of their struct option array and "h" in their short options. */
enum { OPT_DB = 0x100, OPT_FIRST_OWN = 0x110 };
#define CLI_COMMON_LONGOPTS                     \
    { "db", required_argument, NULL, OPT_DB },  \
    { "help", no_argument, NULL, 'h' },         \
    { NULL, 0, NULL, 0 }

/* Handle an option every command shares, or getopt's complaint.  Returns
** -1 when parsing should go on, else the exit status to return now. */
int cli_common_option(cli_t *c, const char *cmd, int ch, char **argv);

/* The whole option loop of a command that takes no options of its own:
** -1 when the operands start at optind, else the exit status. */
int cli_only_common_options(cli_t *c, const char *cmd, int argc, char **argv);

/* Print the help of one command (stdout), or of contra itself (cmd NULL). */
int cli_help(FILE *f, const char *cmd);

/* Find and run a command; argv[0] is its name. */
int cli_dispatch(cli_t *c, int argc, char **argv);

/* Messages: one line on stderr, "contra: ...", made safe for the terminal
** (controls visible; ASCII unless cli_set_utf8(true)).  Return the exit
** status. */
void cli_set_utf8(bool utf8);
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Open the library.  write: create it when missing or an empty file
** (add, and the reader); otherwise either is a user error that says how
** to make one, and an empty file stays empty.  NULL after printing the
** message. */
store_t *cli_open(cli_t *c, bool write);
/* The same, with the message left in e for the caller to print: the
** reader prints it once the terminal is as it was. */
store_t *cli_open_e(cli_t *c, bool write, err_t *e);

/* Does --db or CONTRA_DB name a library that is not there (no file, or
** an empty one)?  Then true,
** with the message in e: the reader makes only the default library. */
bool cli_names_no_library(cli_t *c, err_t *e);
/* Is the library named by --db or CONTRA_DB (not the default one)? */
bool cli_db_named(const cli_t *c);

/* "12" -> 12; false for anything but a positive decimal number. */
bool cli_parse_id(const char *s, int64_t *id);
/* "C12", "Q12", "12" -> 12. */
bool cli_parse_assertion_id(const char *s, int64_t *id);
/* Whether arg names assertion id, of kind (assertion_kind_t), with the
** other kind's letter ("C12" for quote Q12); then the error is printed.
** Quotes and claims share one series of ids, so a script that says C12
** must not tag or link quote Q12 by mistake. */
bool cli_wrong_letter(const char *arg, int kind, int64_t id);

/* Library text made safe for the terminal as one line (controls visible,
** ASCII when the locale is not UTF-8); NULL gives "".  Caller frees. */
char *cli_safe(const cli_t *c, const char *s);

/* Write s as a JSON string literal (quotes included). */
void cli_json_string(FILE *f, const char *s);

/* Finish a line of `add` or `annotate` with what an article holds:
** "(2 entities, 1 quote, 0 claims, 3 relations<tail>)" and a newline,
** each noun singular for exactly one. */
void cli_print_counts(FILE *f, size_t nentities, size_t nquotes, size_t nclaims,
                      size_t nrelations, const char *tail);

/* Flush stdout and report a write error (disk full, closed pipe). */
int cli_finish_output(int status);

#endif
