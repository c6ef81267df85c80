/*
** tui.h: the reader, contra's terminal user interface.
**
** The command line calls tui_main() for `contra` and `contra read [ID]`.
** Everything below it (screen setup, key table, panes, prompt, help) is
** private to the src/tui*.c files; it reaches the library only through
** store.h and puts article text on the terminal only through layout.h.
*/
#ifndef CONTRA_TUI_H
#define CONTRA_TUI_H

#include <stdint.h>
#include <stdio.h>
#include "store.h"
#include "util.h"

/* Run the reader on an open library: the library screen when article_id
** is 0, else that article.  Returns the process exit status: 0 after a
** normal quit; 1 with a message in e when the reader could not start (no
** terminal, unknown TERM, no such article); 128+N when signal N (SIGHUP,
** SIGINT, SIGTERM) or the loss of the terminal ended it -- the terminal is
** restored either way and every tag shown was already committed. */
int tui_main(store_t *s, int64_t article_id /*0 = library screen*/, err_t *e);

/* Optional, for a faster start: begin setting the terminal up on a second
** thread, before the library is opened, for tui_main to take over.
** Writes nothing to the terminal.  After it, tui_screen_abandon must be
** called whether or not tui_main was: it puts the terminal back, unseen,
** when the reader did not start (and does nothing when it did). */
void tui_screen_prestart(void);
void tui_screen_abandon(void);

/* 0 when standard input and output are a terminal; else -1 and why in e,
** with what prints instead (contra show id, or contra list for id 0)
** (the reader checks this first, before it opens, or makes, a library). */
int tui_check_terminal(int64_t id, err_t *e);

/* Print the reader's key list as a man page fragment (roff), generated
** from the same table as the `?` help screen.  For `contra --keys-man`. */
void tui_keys_man(FILE *out);

#endif
