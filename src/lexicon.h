/*
** lexicon.h: the annotator's word lists (reporting verbs, titles,
** organisation words, denial words, the gazetteer), loaded from data
** files under share/lexicon at start.
*/
#ifndef CONTRA_LEXICON_H
#define CONTRA_LEXICON_H

#include "util.h"

typedef struct lexicon lexicon_t;

/* The directory holding the word lists: $CONTRA_DATADIR/lexicon, else the
** installed PKGDATADIR/lexicon, else share/lexicon beside the executable. */
char *lexicon_default_dir(void);

/* Load every list; NULL with a message naming the file and line on error. */
lexicon_t *lexicon_load(const char *dir, err_t *e);
void lexicon_free(lexicon_t *lex);

#endif
