/*
** test_prompt.c: typing into the reader's prompts (/, :, the note and the
** library's filter) whatever the locale.  Under LANG=C a key the locale
** has no character for used to stall the prompt: curses went on reading
** bytes in the hope of completing it, and what was typed after it
** vanished with it ("/ORLÉNY" showed "/ORL" and took nothing more until a
** pause).  Now a terminal that sends UTF-8 gets its letters (shown as the
** article shows them, transliterated, and / ignores the accents anyway),
** and bytes that are text in neither the locale nor UTF-8 are left out
** with a message, the rest of the line kept.  Also: the prompt's editing
** keys (Ctrl-U, Ctrl-W, Backspace, Ctrl-G) and that ? lists them all.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "e2e.h"

static e2e_t e;

/* The row the prompt is on: the bottom one. */
static const char *bottom(term_t *t)
{
    int rows;
    term_size(t, &rows, NULL);
    return term_row(t, rows - 1);
}

static bool bottom_is(term_t *t, void *want)
{
    return strcmp(bottom(t), want) == 0;
}

/* Wait until the bottom row starts with want (the prompt line; a notice
** may follow at its right). */
static bool bottom_starts(term_t *t, void *want)
{
    const char *b = bottom(t);
    size_t n = strlen(want);
    return strncmp(b, want, n) == 0 && (b[n] == '\0' || b[n] == ' ');
}

static void see_bottom(term_t *t, const char *want, const char *what)
{
    bool seen = term_wait_for(t, bottom_starts, (void *)want, TERM_TIMEOUT);
    ok(seen, "%s", what);
    if (!seen)
        printf("#   want \"%s\", the bottom row is \"%s\"\n", want, bottom(t));
}

/* Open article id at 30x100 in the given locale; the article screen. */
static term_t *open_in(const char *id, const char *lang)
{
    char env_lang[32];
    snprintf(env_lang, sizeof env_lang, "LANG=%s", lang);
    char *env[] = { env_lang, NULL };
    char *args[] = { "read", (char *)id, NULL };
    term_t *t = e2e_reader(&e, 30, 100, env, args);
    ok(e2e_wait_article(t, TERM_TIMEOUT) > 0, "%s: the article opens", lang);
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    return t;
}

/* Cancel whatever prompt is open and wait for the status line to come
** back (it shows the position in %). */
static void cancel(term_t *t)
{
    term_send(t, TK_CTRL('c'));
    term_wait_quiet(t, 100, TERM_TIMEOUT);
}

int main(void)
{
    char *exp;
    char **ids;
    e2e_init(&e);
    if (!e2e_import_samples(&e)) {
        printf("Bail out! cannot import the samples\n");
        return 1;
    }
    exp = e2e_export_library(&e, &ids);
    if (!exp) {
        printf("Bail out! cannot export the library\n");
        return 1;
    }
    /* The article that names Veréb, a name with an accent in it. */
    char *idx = e2e_query1(exp, "SELECT key FROM json_each(?1) "
                           "WHERE json_extract(value, '$.text') LIKE '%Veréb%' LIMIT 1");
    if (!idx) {
        printf("Bail out! no sample article names Veréb\n");
        return 1;
    }
    const char *id = ids[atoi(idx)];

    /* LANG=C, a terminal that sends UTF-8 (the common case over SSH):
    ** the É reaches the prompt, shown as the article shows it, and what
    ** follows it is not lost. */
    term_t *t = open_in(id, "C");
    term_send(t, "/VERÉB");
    see_bottom(t, "/VEREB", "LANG=C: /VERÉB shows as /VEREB, nothing after the É lost");
    term_send(t, TK_ENTER);
    ok(term_wait_text(t, "match 1 of", TERM_TIMEOUT), "  and Enter finds Veréb");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    ok(term_log_find_high(t) < 0, "  not a byte above 0x7f reached the terminal");

    /* Bytes that are text neither in ASCII nor in UTF-8 (a Latin-1
    ** terminal's é, 0xE9): left out, said so, the rest kept. */
    term_send(t, "/Ver");
    term_send_bytes(t, "\xe9", 1);
    term_send(t, "b");
    see_bottom(t, "/Verb", "LANG=C: a Latin-1 é is left out, the b after it kept");
    ok(term_wait_text(t, "left out", TERM_TIMEOUT), "  and the status line says so");
    /* Further along the row than "left out", which can be read first. */
    ok(term_wait_text(t, "ASCII", TERM_TIMEOUT), "  naming the locale's character set");
    ok(term_wait_text(t, "accents", TERM_TIMEOUT), "  and that the search needs no accents");
    term_send(t, "x");
    see_bottom(t, "/Verbx", "  the prompt goes on taking keys");
    ok(term_contains(t, "left out"), "  the message staying while the prompt is open");
    term_send(t, TK_BS);
    term_send(t, TK_BS);
    term_send(t, "éb" TK_ENTER);
    ok(term_wait_text(t, "match 1 of", TERM_TIMEOUT), "  then /Veréb finds it");
    ok(!term_contains(t, "left out"), "  and the message goes with the prompt");
    term_wait_quiet(t, 100, TERM_TIMEOUT);

    /* A lone lead byte at the end, then nothing: the prompt does not
    ** wait on it for ever; the keys after a pause come through. */
    term_send(t, "/ab");
    term_send_bytes(t, "\xc3", 1);
    term_wait_quiet(t, 300, TERM_TIMEOUT);
    term_send(t, "c");
    see_bottom(t, "/abc", "LANG=C: a cut-off UTF-8 sequence is left out, c typed after it kept");
    cancel(t);

    /* Outside a prompt, such a key is a key the reader does not take,
    ** and the next key works. */
    term_send_bytes(t, "\xe9", 1);
    term_send(t, "?");
    ok(term_wait_text(t, "contra: keys", TERM_TIMEOUT), "LANG=C: ? right after a Latin-1 byte shows help");
    term_send(t, "q");
    ok(e2e_wait_article(t, TERM_TIMEOUT) > 0, "  and q goes back");
    ok(e2e_quit(t), "Q quits");
    term_free(t);

    /* A UTF-8 locale: the same stray byte used to stall the prompt too. */
    t = open_in(id, "C.UTF-8");
    term_send(t, "/Ver");
    term_send_bytes(t, "\xe9", 1);
    term_send(t, "b");
    see_bottom(t, "/Verb", "C.UTF-8: a Latin-1 é is left out, the b after it kept");
    ok(term_wait_text(t, "left out", TERM_TIMEOUT), "  and the status line says so");
    term_send(t, TK_BS "éb");
    see_bottom(t, "/Veréb", "  UTF-8 é is typed as it is");
    term_send(t, TK_ENTER);
    ok(term_wait_text(t, "match 1 of", TERM_TIMEOUT), "  and /Veréb finds it");

    /* Editing keys: Ctrl-W erases a word, Ctrl-U the line before the
    ** cursor, Backspace a character, Backspace on an empty line cancels. */
    term_send(t, ":tag disputed");
    see_bottom(t, ":tag disputed", ": opens the command prompt");
    term_send(t, TK_CTRL('w'));
    see_bottom(t, ":tag", "Ctrl-W erases the word before the cursor");
    term_send(t, "x" TK_BS);
    see_bottom(t, ":tag", "Backspace erases the character before the cursor");
    term_send(t, TK_CTRL_U);
    ok(term_wait_for(t, bottom_is, ":", TERM_TIMEOUT), "Ctrl-U erases the line");
    term_send(t, TK_BS);
    ok(e2e_wait_article(t, TERM_TIMEOUT) > 0 && !term_contains(t, "unknown"),
       "Backspace on the empty line closes the prompt");
    term_send(t, "/zz");
    see_bottom(t, "/zz", "/ opens the search prompt");
    term_send(t, TK_CTRL('g'));
    ok(term_wait_gone(t, "/zz", TERM_TIMEOUT), "Ctrl-G cancels it");
    /* Ctrl-U and Ctrl-W on an empty line erase nothing and keep the
    ** prompt (the line has no buffer yet: under UBSan this was a report
    ** of memmove given NULL, written onto the screen). */
    term_send(t, ":" TK_CTRL_U);
    term_send(t, TK_CTRL('w'));
    term_send(t, "q");
    see_bottom(t, ":q", "Ctrl-U and Ctrl-W on an empty prompt leave it open and empty");
    ok(!term_contains(t, "runtime error"), "  with nothing reported");
    term_send(t, TK_CTRL('g'));
    ok(term_wait_gone(t, ":q", TERM_TIMEOUT), "  and Ctrl-G cancels it");

    /* ? lists a prompt's keys, Ctrl-C with Esc (it cancels a prompt,
    ** where elsewhere it quits), and the man page's list is made from
    ** the same table (tests/cli/basics.sh). */
    term_send(t, "?");
    ok(term_wait_text(t, "contra: keys", TERM_TIMEOUT), "? shows the help screen");
    term_send(t, "G");
    ok(term_wait_text(t, "In a prompt (/, :, a)", TERM_TIMEOUT), "  with a section for the prompt's keys");
    static const char *const pk[] = {
        "Esc, Ctrl-C", "Cancel the prompt", "Backspace", "Delete, Ctrl-D",
        "Left, Right", "Home, End", "Ctrl-U", "Ctrl-W", "Erase the word",
    };
    for (size_t i = 0; i < sizeof pk / sizeof pk[0]; i++)
        ok(term_contains(t, pk[i]), "  \"%s\" among them", pk[i]);
    term_send(t, "q");
    ok(e2e_wait_article(t, TERM_TIMEOUT) > 0, "q goes back to the article");

    /* A note given with :tag is saved whole, however long: a buffer of
    ** 600 bytes cut it, in the middle of a letter, and said "saved". */
    term_send(t, "J");
    term_wait_quiet(t, 100, TERM_TIMEOUT);
    static char keys[2 * 700 + 64];
    size_t k = (size_t)snprintf(keys, sizeof keys, ":tag disputed n");
    for (int i = 0; i < 700; i++)
        k += (size_t)snprintf(keys + k, sizeof keys - k, "\xc3\xa9");
    term_send(t, keys);
    term_send(t, TK_ENTER);
    ok(term_wait_text(t, "with a note (saved)", TERM_TIMEOUT), ":tag disputed with a note of 701 letters: saved");
    char *all = e2e_export(&e);
    char *len = all ? e2e_query1(all, "SELECT max(length(json_extract(x.value, '$.note')))"
                                      " FROM json_each(?1) a, json_each(json_extract(a.value, '$.quotes')) x"
                                      " UNION ALL SELECT max(length(json_extract(x.value, '$.note')))"
                                      " FROM json_each(?1) a, json_each(json_extract(a.value, '$.claims')) x"
                                      " ORDER BY 1 DESC LIMIT 1") : NULL;
    is_str(len, "701", "  the whole note is in the library");
    free(len);
    free(all);
    /* Blanks around a note are none of it. */
    term_send(t, ":tag corroborated   two   spaces  " TK_ENTER);
    ok(term_wait_text(t, "tagged corroborated, with a note (saved)", TERM_TIMEOUT),
       ":tag with blanks around its note: saved");
    all = e2e_export(&e);
    char *nt = all ? e2e_query1(all, "SELECT json_extract(x.value, '$.note')"
                                     " FROM json_each(?1) a, json_each(json_extract(a.value, '$.claims')) x"
                                     " WHERE json_extract(x.value, '$.note') LIKE '%two%'") : NULL;
    is_str(nt, "two   spaces", "  the note is saved without them, the blanks inside kept");
    free(nt);
    free(all);

    /* :open takes blanks after the id, and a number too long for one. */
    term_send(t, ":open 99999999999999999999" TK_ENTER);
    ok(term_wait_text(t, "no article 99999999999999999999 in the library", TERM_TIMEOUT),
       ":open of a number too long for an id: no such article, as typed");
    term_send(t, ":open 999999   " TK_ENTER);
    ok(term_wait_text(t, "no article 999999 in the library", TERM_TIMEOUT),
       ":open with blanks after the id looks for it");

    if (tap_failed)
        term_dump(t, "at the end");
    ok(e2e_quit(t), "Q quits");
    term_free(t);

    free(idx);
    free(exp);
    e2e_strv_free(ids);
    e2e_done(&e, tap_failed);
    return done_testing();
}
