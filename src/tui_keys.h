/*
** tui_keys.h: the reader's key table, the one place that says which key
** does what.  The request enum, the key bindings, the `?` help screen and
** the man page's key list (tui_keys_man) are all generated from KEYS()
** (and a prompt's editing keys from PROMPT_KEYS()).
**
** X(request, section, keys as shown to people, help text, key codes...)
** Key codes are characters (wide characters as tui_get_wch returns them) or
** FK(KEY_xxx) for curses function keys, which live in their own code space
** so that KEY_DOWN (0402) cannot collide with the character U+0102.
*/
#ifndef CONTRA_TUI_KEYS_H
#define CONTRA_TUI_KEYS_H

#include <stdio.h>
#include <curses.h>

#define FK(k)     ((k) + 0x200000)          /* above the last code point */
#undef CTRL                                /* curses may define its own */
#define CTRL(c)   ((c) & 0x1f)

#define KEY_SECTIONS(X)                              \
    X(SEC_MOVE,   "Moving")                          \
    X(SEC_PANES,  "Panes")                           \
    X(SEC_ANNOT,  "Annotations and jumps")           \
    X(SEC_TAG,    "Tagging")                         \
    X(SEC_SEARCH, "Searching and commands")          \
    X(SEC_SCREEN, "Screens")

#define KEYS(X)                                                              \
    X(REQ_DOWN,        SEC_MOVE, "j, Down",                                  \
      "Scroll down one line, or move to the next item in a list",            \
      'j', FK(KEY_DOWN))                                                     \
    X(REQ_UP,          SEC_MOVE, "k, Up",                                    \
      "Scroll up one line, or move to the previous item",                    \
      'k', FK(KEY_UP))                                                       \
    X(REQ_HALF_DOWN,   SEC_MOVE, "Ctrl-D", "Down half a page", CTRL('d'))    \
    X(REQ_HALF_UP,     SEC_MOVE, "Ctrl-U", "Up half a page", CTRL('u'))      \
    X(REQ_PAGE_DOWN,   SEC_MOVE, "Space, PgDn", "Down one page",             \
      ' ', FK(KEY_NPAGE))                                                    \
    X(REQ_PAGE_UP,     SEC_MOVE, "b, PgUp", "Up one page",                   \
      'b', FK(KEY_PPAGE))                                                    \
    X(REQ_TOP,         SEC_MOVE, "g, Home", "Go to the top", 'g', FK(KEY_HOME)) \
    X(REQ_BOTTOM,      SEC_MOVE, "G, End", "Go to the end", 'G', FK(KEY_END)) \
    X(REQ_NEXT_PANE,   SEC_PANES, "Tab", "Focus the next pane", '\t')        \
    X(REQ_PREV_PANE,   SEC_PANES, "Shift-Tab", "Focus the previous pane",    \
      FK(KEY_BTAB))                                                          \
    X(REQ_ZOOM,        SEC_PANES, "z",                                       \
      "Zoom the focused pane to the whole screen, and back", 'z')           \
    X(REQ_ENTER,       SEC_PANES, "Enter",                                   \
      "Open the article (library); highlight the entity's mentions "         \
      "(sidebar); show the quote or claim in the text (claims panel)",       \
      '\n', '\r', FK(KEY_ENTER))                                             \
    X(REQ_NEXT_ANNOT,  SEC_ANNOT, "J",                                       \
      "Select the next quote or claim in the text", 'J')                     \
    X(REQ_PREV_ANNOT,  SEC_ANNOT, "K",                                       \
      "Select the previous quote or claim", 'K')                             \
    X(REQ_CONTRA,      SEC_ANNOT, "x",                                       \
      "Jump to what the selected quote or claim contradicts, or what "       \
      "contradicts it; again to cycle (across articles)", 'x')               \
    X(REQ_BACK,        SEC_ANNOT, "Ctrl-O, Backspace",                       \
      "Jump back to where you were before the last jump",                    \
      CTRL('o'), FK(KEY_BACKSPACE), 0x7f, CTRL('h'))                         \
    X(REQ_NEXT_SPEAKER, SEC_ANNOT, "s",                                      \
      "Next quote or claim by the same speaker: on in this article, then "  \
      "down the library list (older articles)", 's')                         \
    X(REQ_PREV_SPEAKER, SEC_ANNOT, "S",                                      \
      "Previous quote or claim by the same speaker, back up the library "   \
      "list", 'S')                                                           \
    X(REQ_NEXT_MENTION, SEC_ANNOT, "]",                                      \
      "Next mention of the highlighted entity", ']')                         \
    X(REQ_PREV_MENTION, SEC_ANNOT, "[",                                      \
      "Previous mention of the highlighted entity", '[')                     \
    X(REQ_TAG_DISPUTED, SEC_TAG, "d",                                        \
      "Tag the selected quote or claim disputed (saved at once)", 'd')       \
    X(REQ_TAG_CORROBORATED, SEC_TAG, "c",                                    \
      "Tag it corroborated", 'c')                                            \
    X(REQ_TAG_UNREVIEWED, SEC_TAG, "u", "Tag it unreviewed", 'u')            \
    X(REQ_UNDO,        SEC_TAG, "U",                                         \
      "Undo your last change, a tag or a note (the message says which); "    \
      "after :link or :unlink, say what takes it back",                      \
      'U')                                                                   \
    X(REQ_NOTE,        SEC_TAG, "a",                                         \
      "Attach a note to the selected quote or claim (shown under it in the " \
      "claims panel, on the status line when the panel is not on the "      \
      "screen)", 'a')                                                        \
    X(REQ_SEARCH,      SEC_SEARCH, "/",                                      \
      "Search the text, case and accents ignored (library screen: filter "  \
      "by words in title or text)", '/')                                     \
    X(REQ_SEARCH_NEXT, SEC_SEARCH, "n", "Next match", 'n')                   \
    X(REQ_SEARCH_PREV, SEC_SEARCH, "N", "Previous match", 'N')               \
    X(REQ_PROMPT,      SEC_SEARCH, ":",                                      \
      "Command prompt: :tag disputed|corroborated|unreviewed [note], "       \
      ":link contradicts|supports ID, :unlink ID (as contra link and "       \
      "unlink, from the selected one), :open ID, :help, :quit (:q)", ':')   \
    X(REQ_CLOSE,       SEC_SCREEN, "q",                                      \
      "Close this screen (back to the library, or to the article from "      \
      "help); quits from the first screen", 'q')                             \
    X(REQ_CANCEL,      SEC_SCREEN, "Esc",                                    \
      "Clear the library's filter; close help; cancel a prompt; in an "      \
      "article, take the search's marks off, then the entity's highlight",   \
      27)                                                                    \
    X(REQ_QUIT,        SEC_SCREEN, "Q", "Quit at once", 'Q')                 \
    X(REQ_HELP,        SEC_SCREEN, "?", "Show this help", '?')               \
    X(REQ_REDRAW,      SEC_SCREEN, "Ctrl-L", "Redraw the screen, with what others changed", CTRL('l'))

/* The claims panel's marks, explained after the keys on the help screen
** (not in the man page's generated key list: its reader section says
** the same in prose).  X(mark as shown, what it means) */
#define MARKS_SECTION "Marks in the claims panel"
#define MARKS(X)                                                             \
    X("! + ?", "Left of the id: disputed, corroborated, unreviewed")         \
    X("x>2", "Contradicts 2 other quotes or claims (x jumps to them)")       \
    X("x<1", "Is contradicted by 1 other")                                   \
    X("x>2<1", "Both: contradicts 2, is contradicted by 1")                  \
    X("+>1", "Supports 1 other quote or claim")                              \
    X("+<1", "Is supported by 1 other")                                   \
    X("*", "Has a note, shown under it when it is selected (a edits it)")

/* The keys of a prompt (the /, : and a prompts and the library's filter),
** which edit the line rather than make a request: on the help screen
** after the key sections, and in the man page's key list.
** X(keys as shown, what they do) */
#define PROMPT_SECTION "In a prompt (/, :, a)"
#define PROMPT_KEYS(X)                                                       \
    X("Enter", "Search, filter, run the command, or save the note")          \
    X("Esc, Ctrl-C", "Cancel the prompt (Ctrl-G too); nothing is changed")   \
    X("Backspace", "Erase the character before the cursor; on an empty "     \
      "line, cancel the prompt")                                             \
    X("Delete, Ctrl-D", "Erase the character under the cursor")             \
    X("Left, Right", "Move the cursor")                                      \
    X("Home, End", "To the start or the end of the line (Ctrl-A, Ctrl-E "    \
      "too)")                                                                \
    X("Ctrl-U", "Erase from the start of the line to the cursor")           \
    X("Ctrl-W", "Erase the word before the cursor")                          \
    X("Paste", "Goes in as typed text, line breaks and tabs as spaces, up "  \
      "to " TUI_STR(PROMPT_MAX) " characters; outside a prompt a paste is "  \
      "ignored, never read as keys")

/* The most characters a prompt's line takes (typed or pasted): a note
** is a few sentences, and a runaway paste must not become one.  A note
** already longer is kept whole. */
#define PROMPT_MAX 4000
#define TUI_STR_(x) #x
#define TUI_STR(x) TUI_STR_(x)

/* Bracketed paste: where the terminal supports it (terminfo's BE, as
** xterm's and tmux's entries have), it marks pasted text with ESC [ 200 ~
** and ESC [ 201 ~, which curses returns as these codes; tui_get_wch reads
** what comes between and returns TUI_KEY_PASTE for the whole of it, so
** that a paste is never read as keys.  (KEY_MAX + 1 and + 2 are
** TUI_KEY_UNREADABLE and tui.c's KEY_LIBRARY_CHANGED.) */
#define TUI_KEY_PASTE     (KEY_MAX + 3)
#define TUI_KEY_PASTE_END (KEY_MAX + 4)

#define X_SEC_ENUM(e, n) e,
typedef enum { KEY_SECTIONS(X_SEC_ENUM) SEC_COUNT } key_section_t;
#undef X_SEC_ENUM

#define X_REQ_ENUM(r, sec, keys, help, ...) r,
typedef enum { REQ_NONE = 0, KEYS(X_REQ_ENUM) REQ_COUNT } request_t;
#undef X_REQ_ENUM

typedef struct key_info {
    request_t req;
    key_section_t section;
    const char *keys, *help;
} key_info_t;

typedef struct mark_info { const char *mark, *help; } mark_info_t;
extern const mark_info_t mark_table[];
extern const size_t mark_table_len;
/* PROMPT_KEYS expanded, in the same shape as the marks. */
extern const mark_info_t prompt_key_table[];
extern const size_t prompt_key_table_len;

extern const key_info_t key_table[];
extern const size_t key_table_len;
const char *key_section_name(key_section_t s);

/* The request bound to a key; code is a character or FK(function key). */
request_t key_lookup(int code);

#endif
