/*
** main.c: the entry point.  Sets up the locale, reads the options that
** come before the command name (--db, --version, --help), and hands the
** rest to the command table in cli.c.  No command means the reader.
*/
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tui.h"
#include "util.h"

int main(int argc, char **argv)
{
    /* Only the character set: it is all contra takes from the locale
    ** (its messages are English, its dates ISO, and a decimal comma has
    ** no place in what it prints).  Every category cost a dozen locale
    ** files opened and mapped before the first frame, about a twentieth
    ** of a typical article's (issue 5). */
    setlocale(LC_CTYPE, "");
    cli_t c = { .db_opt = NULL, .utf8 = locale_is_utf8() };
    cli_set_utf8(c.utf8);

    enum { OPT_VERSION = OPT_FIRST_OWN, OPT_KEYS_MAN };
    static const struct option longopts[] = {
        { "version", no_argument, NULL, OPT_VERSION },
        /* Not in --help: prints the reader's keys as roff for the man page. */
        { "keys-man", no_argument, NULL, OPT_KEYS_MAN },
        CLI_COMMON_LONGOPTS
    };
    /* "+": stop at the command name; its options are its own. */
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
        if (ch == OPT_VERSION) {
            printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
            return cli_finish_output(EXIT_OK);
        }
        if (ch == OPT_KEYS_MAN) {
            tui_keys_man(stdout);
            return cli_finish_output(EXIT_OK);
        }
        int st = cli_common_option(&c, NULL, ch, argv);
        if (st >= 0)
            return cli_finish_output(st);
    }
    argc -= optind;
    argv += optind;
    if (argc == 0) {
        char *read_argv[] = { "read", NULL };
        return cli_finish_output(cli_dispatch(&c, 1, read_argv));
    }
    return cli_finish_output(cli_dispatch(&c, argc, argv));
}
