/*
** layout.h: article text as a terminal shows it.  Pure core, no curses.
**
** Three layers:
**   - glyphs: how one grapheme of untrusted text is shown (its visible
**     form and its width in columns).  Control characters, escape
**     sequences, C1 controls, bidi overrides/isolates and invisible
**     format characters become visible placeholders; under a non-UTF-8
**     locale everything is shown as ASCII (transliterated or replaced).
**     Nothing else in contra may put article bytes on the terminal.
**   - paragraphs: the text split at newlines; blank lines separate
**     paragraphs; photo captions are flagged.
**   - wrapping: a paragraph broken into display lines of at most `width`
**     columns at the break opportunities libunistring's unilbrk gives,
**     computed lazily per paragraph and cached for the current width, so
**     that a 10 MB article costs no more to scroll than a short one.
**
** Display lines are byte ranges into the article text, so the reader can
** look up which annotations cover any byte while drawing.
*/
#ifndef CONTRA_LAYOUT_H
#define CONTRA_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- glyphs ------------------------------------------------------------ */

typedef struct glyph {
    char out[24];      /* what to write (UTF-8, or ASCII when !utf8), NUL-terminated */
    int width;         /* columns out takes: 0, 1 or 2 (placeholders may be wider) */
    size_t len;        /* bytes of the source consumed (>= 1 unless at end) */
    bool placeholder;  /* out stands for something not shown as itself */
} glyph_t;

/* Decode the grapheme cluster starting at s[at] (s is valid UTF-8 of len
** bytes) into g.  utf8 says whether the terminal's locale is UTF-8. */
void glyph_next(const char *s, size_t len, size_t at, bool utf8, glyph_t *g);

/* The ASCII a non-UTF-8 locale shows for c from the transliteration
** table alone ("l" for U+0142, "--" for U+2014), or NULL: the letters
** with no decomposition, and punctuation, for search to match them too. */
const char *glyph_translit(uint32_t c);

/* Is s[at] a glyph of its own that stands for itself: printable ASCII
** that no byte past ASCII (a combining mark, perhaps) follows?  glyph_next
** gives it as it is, one column wide; callers on hot paths test this
** first, for speed (issue 5), to skip the call and its clearing of a
** whole glyph for each byte. */
static inline bool glyph_ascii_alone(const char *s, size_t len, size_t at)
{
    const unsigned char *u = (const unsigned char *)s;
    return u[at] >= 0x20 && u[at] < 0x7f && (at + 1 == len || u[at + 1] < 0x80);
}

/* Display width of s[0..len) as glyph_next would show it. */
size_t glyph_width(const char *s, size_t len, bool utf8);

/* The same, but it may stop counting once past max (the result is then
** some width over max): enough to tell whether s fits in max columns,
** without measuring all of a long text (for speed, issue 5). */
size_t glyph_width_max(const char *s, size_t len, bool utf8, size_t max);

/* Copy of s made safe for the terminal as one line (for titles, names,
** notes: anything from the library that is not wrapped).  Newlines and
** tabs become spaces.  Caller frees. */
char *glyph_sanitize(const char *s, size_t len, bool utf8);

/* Cut g down to at most cols columns: an ASCII placeholder is shortened,
** anything else becomes ">" (padded with spaces).  Only a glyph wider
** than a whole display line needs this (a CJK character at width 1, a
** "<U+202E>" in a very narrow pane); layout_glyph() applies it. */
void glyph_fit(glyph_t *g, int cols);

/* ---- paragraphs -------------------------------------------------------- */

typedef struct para {
    size_t start, end;   /* bytes of the paragraph's text, without newlines */
    bool caption;        /* a photo caption: one line ending " - CREDIT/AGENCY" */
} para_t;

/* Split text into paragraphs.  Scraped news has one paragraph per line,
** often with no blank line between them, so EVERY non-blank line (LF,
** CRLF or CR ended) is a paragraph of its own; blank lines (white space
** only) just separate.  ASCII white space at either end of a line is left
** out of the paragraph.  Returns the count; *out is malloc'd. */
size_t split_paragraphs(const char *text, size_t len, para_t **out);

/* Does this one paragraph look like a photo caption? */
bool is_caption(const char *s, size_t len);

/* ---- wrapping ---------------------------------------------------------- */

typedef struct dline {
    size_t start, end;   /* bytes in the article text; [start, end) */
    int cols;            /* display width of the line as drawn */
} dline_t;

/* A position in the display: paragraph p, display line l within it.  The
** blank line after a paragraph (separating it from the next) is l ==
** number of lines of p; the last paragraph has none. */
typedef struct lpos {
    size_t para, line;
} lpos_t;

typedef struct layout layout_t;

/* L keeps a pointer to text (no copy): text must outlive L. */
layout_t *layout_new(const char *text, size_t len, bool utf8);
void layout_free(layout_t *L);

/* Change the wrap width (>= 1); cached wrapping for other widths is
** dropped lazily. */
void layout_set_width(layout_t *L, int width);
int layout_width(const layout_t *L);

size_t layout_npara(const layout_t *L);
/* The paragraph's caption flag of layout_para() is always false: it is
** tested lazily, on first asking, by layout_para_caption().  The pointer
** is valid until the next layout_para() call on L. */
const para_t *layout_para(const layout_t *L, size_t p);
bool layout_para_caption(layout_t *L, size_t p);

/* Display lines of paragraph p at the current width (wrapped on first
** use, then cached).  The pointer stays valid until the width changes. */
const dline_t *layout_para_lines(layout_t *L, size_t p, size_t *n);

/* The glyph at byte at of display line d, as it is drawn at column col
** of that line.  Walk a line with at = d->start, col = 0, advancing by
** g->len and g->width while at < d->end.  It is glyph_next() except on an
** over-full line: spaces and tabs hanging past the width at the end of a
** line come back empty with width 0, and a lone glyph wider than the
** whole width is cut down by glyph_fit(); so the widths add up to exactly
** d->cols, which is never more than the width. */
void layout_glyph(const layout_t *L, const dline_t *d, size_t at, int col, glyph_t *g);

/* How many paragraph wrappings were done since layout_new (for tests:
** scrolling must wrap only the paragraphs it shows or crosses). */
size_t layout_wrapped_count(const layout_t *L);

/* Number of display rows paragraph p occupies including its separator. */
size_t layout_para_rows(layout_t *L, size_t p);

/* Move pos by delta display rows (negative: up).  Returns how many rows
** it actually moved (less at either end of the text, with the sign of
** delta).  Costs O(|delta|) plus wrapping of the paragraphs crossed. */
long layout_move(layout_t *L, lpos_t *pos, long delta);

/* The row at pos: *line gets the display line, or is_blank is set for a
** paragraph separator.  Returns false if pos is past the end. */
bool layout_row(layout_t *L, lpos_t pos, dline_t *line, bool *is_blank);

/* The position of the display row holding byte offset b. */
lpos_t layout_pos_of_byte(layout_t *L, size_t b);

/* First byte shown at pos (for "position %" and keeping the reading place
** across a resize). */
size_t layout_byte_of_pos(layout_t *L, lpos_t pos);

#endif
