/*
** test_tui_keys.c: the reader's key table.  Issue 3 fixes the default
** keys; the end-to-end tests and the man page rely on them, so check each
** binding, and that the man fragment lists every key the help screen does.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "tui.h"
#include "tui_keys.h"

static char *man_text(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tui_keys_man(f);
    fclose(f);
    return buf;
}

int main(void)
{
    static const struct { int code; request_t req; const char *what; } want[] = {
        { 'j', REQ_DOWN, "j" }, { FK(KEY_DOWN), REQ_DOWN, "Down" },
        { 'k', REQ_UP, "k" }, { FK(KEY_UP), REQ_UP, "Up" },
        { CTRL('d'), REQ_HALF_DOWN, "Ctrl-D" }, { CTRL('u'), REQ_HALF_UP, "Ctrl-U" },
        { ' ', REQ_PAGE_DOWN, "Space" }, { FK(KEY_NPAGE), REQ_PAGE_DOWN, "PgDn" },
        { 'b', REQ_PAGE_UP, "b" }, { FK(KEY_PPAGE), REQ_PAGE_UP, "PgUp" },
        { 'g', REQ_TOP, "g" }, { FK(KEY_HOME), REQ_TOP, "Home" },
        { 'G', REQ_BOTTOM, "G" }, { FK(KEY_END), REQ_BOTTOM, "End" },
        { '\t', REQ_NEXT_PANE, "Tab" }, { FK(KEY_BTAB), REQ_PREV_PANE, "Shift-Tab" },
        { 'z', REQ_ZOOM, "z" }, { '\r', REQ_ENTER, "Enter" },
        { 'J', REQ_NEXT_ANNOT, "J" }, { 'K', REQ_PREV_ANNOT, "K" },
        { 'x', REQ_CONTRA, "x" },
        { CTRL('o'), REQ_BACK, "Ctrl-O" }, { FK(KEY_BACKSPACE), REQ_BACK, "Backspace" },
        { 0x7f, REQ_BACK, "DEL as Backspace" },
        { 's', REQ_NEXT_SPEAKER, "s" }, { 'S', REQ_PREV_SPEAKER, "S" },
        { ']', REQ_NEXT_MENTION, "]" }, { '[', REQ_PREV_MENTION, "[" },
        { 'd', REQ_TAG_DISPUTED, "d" }, { 'c', REQ_TAG_CORROBORATED, "c" },
        { 'u', REQ_TAG_UNREVIEWED, "u" }, { 'U', REQ_UNDO, "U" },
        { 'a', REQ_NOTE, "a" }, { '/', REQ_SEARCH, "/" },
        { 'n', REQ_SEARCH_NEXT, "n" }, { 'N', REQ_SEARCH_PREV, "N" },
        { ':', REQ_PROMPT, ":" }, { 'q', REQ_CLOSE, "q" }, { 'Q', REQ_QUIT, "Q" },
        { '?', REQ_HELP, "?" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        is_int(key_lookup(want[i].code), want[i].req, "key %s", want[i].what);

    ok(key_lookup(0x102) == REQ_NONE, "U+0102 is not mistaken for KEY_DOWN");
    ok(key_lookup('y') == REQ_NONE, "an unbound key is no request");

    /* Every request has keys and help text, and is in the man fragment. */
    char *man = man_text();
    for (size_t i = 0; i < key_table_len; i++) {
        const key_info_t *k = &key_table[i];
        ok(k->keys && *k->keys && k->help && *k->help, "entry %zu has keys and help", i);
        /* The man fragment escapes '-' as "\-"; compare without that. */
        char want_line[256], *o = want_line;
        o += sprintf(o, ".B ");
        for (const char *p = k->keys; *p && o < want_line + sizeof want_line - 3; p++) {
            if (*p == '-')
                *o++ = '\\';
            *o++ = *p;
        }
        *o = '\0';
        like(man, want_line, "man page lists %s", k->keys);
    }
    for (int s = 0; s < SEC_COUNT; s++) {
        char h[80];
        snprintf(h, sizeof h, ".SS %s\n", key_section_name(s));
        like(man, h, "man page has section %s", key_section_name(s));
    }
    free(man);
    return done_testing();
}
