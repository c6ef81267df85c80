/*
** text.h: UTF-8 facts about article text: validation and repair, and
** conversion between code-point offsets (what files count) and byte
** offsets (what the model counts).  Built on libunistring.
*/
#ifndef CONTRA_TEXT_H
#define CONTRA_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Move a line and code-point column (messages count both from 1) over
** s[0..n): a newline starts the next line; each character but a UTF-8
** continuation byte moves one column. */
void text_line_col(const char *s, size_t n, size_t *line, size_t *col);

/* The characters scraped text carries inside words that no reader sees:
** U+00AD soft hyphen, U+200C/D zero-width non-joiner and joiner (parts of
** Persian and Indic spelling), U+200E/F direction marks, U+2060 word
** joiner, U+FEFF (a zero-width no-break space inside a text).  Inside a
** word they keep it one word, for the annotator (annotate.c,
** lexicon_fold: "Wa\u00adlesa" is the name Walesa) and for the library's
** full-text index (store_fts.c) alike; the zero-width space is not one of
** them, since Thai and Khmer put it between words. */
static inline bool text_invisible_in_word(uint32_t c)
{
    return c == 0xAD || (c >= 0x200C && c <= 0x200F) || c == 0x2060 || c == 0xFEFF;
}

/* Two other spellings of a search, q[0..n), for names from German and
** the Nordic languages as they are written on an ASCII keyboard and in
** English-language text (Mueller for Müller, Soeren for Søren, Aarhus
** for Århus), so that each spelling finds the others:
** *spelt: ä ö ü ø å, either case, written out as ae oe ue oe aa
**   ("Müller" -> "Mueller"); NULL when q has none of them.
** *folded: the other way, oe ue aa taken for the one letter they may
**   stand for, in each word still four letters long or more after it
**   ("Mueller" -> "Muller", "Aarhus" -> "Arhus"; not "toe" -> "to"); not
**   ae, which Michael and Rafael have of their own; NULL when no word
**   changes.
** The library's index holds "muller" for Müller (its accent removed) and
** "mueller" for Mueller: its search looks for all three spellings
** (store_fts.c), as does the search in an article (tui_article.c).
** Caller frees both. */
void text_other_spellings(const char *q, size_t n, char **spelt, char **folded);

/* Byte offset of the first invalid UTF-8 sequence, or -1 if s is valid. */
int64_t utf8_invalid_at(const char *s, size_t len);

/* Copy of s with every invalid sequence replaced by U+FFFD. */
char *utf8_repair(const char *s, size_t len, size_t *out_len);

/* Number of code points in s[0..len). */
size_t utf8_count(const char *s, size_t len);

/* s[0..len) to quote in a one-line message: at most max code points (then
** an ellipsis), control characters shown as '?', so that a long or hostile
** value cannot flood the terminal.  Caller frees. */
char *text_clip(const char *s, size_t len, size_t max);

/* A precomputed map for many conversions on one text: O(1) byte->cp is not
** needed, but cp->byte is asked once per offset in a file, so keep one
** checkpoint per 64 code points and scan from there. */
typedef struct cpmap {
    const char *s;
    size_t len, ncp;
    size_t *marks;         /* byte offset of code point k*64 */
    size_t nmarks;
} cpmap_t;

void cpmap_init(cpmap_t *m, const char *s, size_t len);
void cpmap_free(cpmap_t *m);
/* Byte offset of code point cp (cp == ncp gives len); -1 if out of range. */
int64_t cpmap_to_byte(const cpmap_t *m, int64_t cp);
/* Code point index of byte offset b (must be on a boundary); -1 if not. */
int64_t cpmap_to_cp(const cpmap_t *m, int64_t b);

#endif
