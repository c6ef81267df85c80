/*
** lexicon.h: the annotator's word lists (reporting verbs, titles,
** organisation words, denial words, the gazetteer), loaded from data
** files under share/lexicon at start.
*/
#ifndef CONTRA_LEXICON_H
#define CONTRA_LEXICON_H

#include <stdbool.h>
#include <stdint.h>

#include "text.h"
#include "util.h"

typedef struct lexicon lexicon_t;

/* The directory holding the word lists: $CONTRA_DATADIR/lexicon, else the
** installed PKGDATADIR/lexicon, else share/lexicon beside the executable. */
char *lexicon_default_dir(void);

/* Load every list; NULL with a message naming the file and line on error.
** When dir is no folder and is lexicon_default_dir()'s answer, the
** message names every place that was looked at, and CONTRA_DATADIR. */
lexicon_t *lexicon_load(const char *dir, err_t *e);
void lexicon_free(lexicon_t *lex);

/* ---- lookups for the annotator (added by the annotator's owner) -------
** Entries are case-folded phrases: words joined by single spaces. */

/* Which lists an entry belongs to (bits of lexicon_lookup's result). */
enum {
    LEX_REPORT   = 1u << 0,   /* reporting verb */
    LEX_TITLE    = 1u << 1,   /* title or role */
    LEX_ORG      = 1u << 2,   /* organisation word */
    LEX_DENIAL   = 1u << 3,   /* denial / negation */
    LEX_SUPPORT  = 1u << 4,   /* backing cue */
    LEX_ABBREV   = 1u << 5,   /* abbreviation that does not end a sentence */
    LEX_PRONOUN  = 1u << 6,
    LEX_STOP     = 1u << 7,   /* capitalised word that is not a name */
    LEX_COUNTRY  = 1u << 8,   /* country name (or other name of one) */
    LEX_CAPITAL  = 1u << 9,
    LEX_DEMONYM  = 1u << 10,
    LEX_SYNONYM  = 1u << 11,  /* member of a synonym group */
    LEX_PLACEW   = 1u << 12,  /* word that makes a name a place (Square, River) */
    LEX_GIVEN    = 1u << 13,  /* a given name (first names of people) */
    LEX_FUNC     = 1u << 14,  /* function word: no content for matching */
    LEX_PREFIX   = 1u << 15,  /* a proper prefix of some longer entry */
    LEX_STATE    = 1u << 16   /* word of state: puts a body or role on a country's side */
};

enum { LEX_PRON_PERSON = 1, LEX_PRON_GROUP = 2 };

typedef struct lex_info {
    unsigned cls;     /* LEX_* bits */
    int place;        /* gazetteer index for COUNTRY/CAPITAL/DEMONYM, else -1 */
    int pron;         /* LEX_PRON_* for pronouns, else 0 */
    int group;        /* synonym group for SYNONYM, else -1 */
    char gender;      /* 'm' or 'f' from gender.txt (names, titles, pronouns), else 0 */
} lex_info_t;

/* Case-fold s[0..n) into out (NUL-terminated, at most cap-1 bytes) the
** same way the lists were folded, without text_invisible_in_word() ones;
** returns the folded length, or 0 when it does not fit.  Locale
** independent (libunistring, ASCII fast path). */
size_t lexicon_fold(const char *s, size_t n, char *out, size_t cap);

/* Look up a folded phrase; NULL when it is in no list. */
const lex_info_t *lexicon_lookup(const lexicon_t *lex, const char *folded, size_t n);

/* Longest entry, in words (bounds phrase lookups). */
int lexicon_max_words(const lexicon_t *lex);

/* Gazetteer records (index from lex_info_t.place). */
size_t lexicon_nplaces(const lexicon_t *lex);
const char *lexicon_place_country(const lexicon_t *lex, int place);
const char *lexicon_place_capital(const lexicon_t *lex, int place); /* "" if none */
const char *lexicon_place_demonym(const lexicon_t *lex, int place); /* first listed, "" if none */

#endif
