/*
** layout.c: owns how article text is shown: glyphs (the visible form of
** each grapheme of untrusted text), paragraphs and captions, and lazy
** per-paragraph wrapping.  See layout.h for the API; the decisions about
** what is shown for what are listed here, at the code that makes them.
**
** Glyphs.  A glyph is one grapheme cluster (libunistring's unigbrk) whose
** width is the sum of uc_width() over its code points, which is also what
** curses counts when it is handed the same string.  Exceptions, all
** marked placeholder unless said otherwise:
**   - C0 controls and DEL: caret notation, "^[" for ESC, "^?" for DEL
**     (2 columns).  A control never takes marks with it: marks after it
**     are shown on their own (see below).
**   - TAB: four spaces, not a placeholder (no column context exists here,
**     and prose uses tabs only as wide spaces).
**   - C1 controls U+0080..U+009F: "<U+009B>".
**   - bidi controls, zero-width and other invisible format characters:
**     "<RLO>", "<ZWSP>", "<BOM>", ... for the well-known ones, "<U+xxxx>"
**     for any other default-ignorable, format (Cf), separator (Zl, Zp) or
**     unassigned code point (as libunistring's tables know them).
**   - SOFT HYPHEN: nothing (width 0): it is invisible in running text by
**     design, and no line is broken after it.
**   - U+FFFD: itself (a placeholder, so the reader can mark repaired text).
**   - invalid UTF-8 (cannot come from the library, but glyph_next must not
**     trust that): "\xNN" for each bad byte.
**   - a combining mark with no base (at the start of a paragraph or after
**     a control): drawn on a space, 1 column, so it cannot attach itself
**     to whatever the terminal drew before.
**   - regional indicators pair up into one flag glyph (libunistring 1.0
**     does not pair them); emoji ZWJ sequences are kept in one glyph as
**     far as glyph_t.out holds them; a tag sequence after U+1F3F4 (the
**     flags of England, Scotland, Wales) shows as the black flag.
**   - private use characters are shown as they are (1 column).
**   - a cluster longer than glyph_t.out can hold is cut at a code point
**     boundary; the rest becomes the next glyph (nothing is hidden).
** Under a non-UTF-8 locale out is printable ASCII only (0x20..0x7e):
** common punctuation and letters are transliterated (a table, then the
** compatibility decomposition without its marks: "é" -> "e",
** "Ａ" -> "A", "½" -> "1/2"); anything else is "?" (a placeholder).  The
** width is then strlen(out).
**
** Wrapping.  Greedy, at the break opportunities of u8_possible_linebreaks,
** measured with the glyph widths above.  Spaces and tabs at the end of a
** line belong to it but hang: those past the width are not drawn and not
** counted in dline.cols.  A word wider than the line is cut between
** glyphs; a single glyph wider than the whole line (a CJK character at
** width 1, a long placeholder in a narrow pane) sits alone on its line and
** is cut down by glyph_fit.  layout_glyph() applies both rules, so a
** reader that draws through it draws exactly dline.cols columns.
*/
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "layout.h"
#include "util.h"

#define TAB_COLS 4

/* How far ahead one glyph may look.  Everything a glyph can hold fits in
** glyph_t.out (23 bytes) except a flag tag sequence (4 + 8 * 4 bytes), so
** scanning further would only cost time: a paragraph that is one base
** followed by megabytes of combining marks must stay linear. */
#define GLYPH_WINDOW 64
#define MAX_FLAG_TAGS 8

/* ---- glyphs ------------------------------------------------------------ */

static void set_out(glyph_t *g, const char *s, size_t n)
{
    if (n > sizeof g->out - 1)
        n = sizeof g->out - 1;
    memcpy(g->out, s, n);
    g->out[n] = 0;
}

static void placeholder(glyph_t *g, const char *text, size_t len)
{
    set_out(g, text, strlen(text));
    g->width = (int)strlen(g->out);
    g->len = len;
    g->placeholder = true;
}

static const struct named {
    ucs4_t c;
    const char *name;
} named_cps[] = {
    {0x061C, "<ALM>"},  {0x180E, "<MVS>"},  {0x200B, "<ZWSP>"},
    {0x200C, "<ZWNJ>"}, {0x200D, "<ZWJ>"},  {0x200E, "<LRM>"},
    {0x200F, "<RLM>"},  {0x2028, "<LS>"},   {0x2029, "<PS>"},
    {0x202A, "<LRE>"},  {0x202B, "<RLE>"},  {0x202C, "<PDF>"},
    {0x202D, "<LRO>"},  {0x202E, "<RLO>"},  {0x2060, "<WJ>"},
    {0x2066, "<LRI>"},  {0x2067, "<RLI>"},  {0x2068, "<FSI>"},
    {0x2069, "<PDI>"},  {0xFEFF, "<BOM>"},
};

static const char *named_cp(ucs4_t c)
{
    size_t lo = 0, hi = sizeof named_cps / sizeof named_cps[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (named_cps[mid].c == c)
            return named_cps[mid].name;
        if (named_cps[mid].c < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* A code point that must never reach the terminal as itself when it
** starts a glyph. */
static bool hidden_base(ucs4_t c)
{
    /* The six categories in one look-up of the table of them all rather
    ** than one a category (for speed, issue 5: this was a third of a
    ** glyph_next of a curly quote; the same answer for every code point). */
    return uc_is_property_default_ignorable_code_point(c)
        || uc_is_general_category_withtable(c, UC_CATEGORY_MASK_Cc
               | UC_CATEGORY_MASK_Cf | UC_CATEGORY_MASK_Cn | UC_CATEGORY_MASK_Cs
               | UC_CATEGORY_MASK_Zl | UC_CATEGORY_MASK_Zp);
}

/* May c ride along in a glyph after its base?  Marks (including the
** variation selectors), the joiners and whatever else the grapheme rules
** attach, but no control, format or unassigned character: those get
** their own placeholders. */
static bool rides_along(ucs4_t c)
{
    if (c == 0x200C || c == 0x200D)
        return true;
    if (uc_is_general_category(c, UC_CATEGORY_M))
        return true;
    return !hidden_base(c);
}

static bool is_ri(ucs4_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
static bool is_tag(ucs4_t c) { return c >= 0xE0020 && c <= 0xE007F; }

static int cp_width(ucs4_t c)
{
    int w = uc_width(c, "UTF-8");
    return w > 0 ? w : 0;
}

/* Decode one code point of s[at..end); 0 if the bytes there are not
** valid UTF-8. */
static size_t decode(const char *s, size_t at, size_t end, ucs4_t *c)
{
    if (at >= end)
        return 0;
    int n = u8_mbtoucr(c, (const uint8_t *)s + at, end - at);
    return n > 0 ? (size_t)n : 0;
}

/* ---- ASCII transliteration (non-UTF-8 locales) ---- */

/* The library's full-text index writes its letters as this table does
** (store_fts.c), and holds the tokens made when each article was added:
** changing what a letter becomes here would leave the articles indexed
** before unfindable by the new spelling.  Such a change needs a new
** tokenizer version (STORE_FTS_TOKENIZE) and a migration that makes the
** index again; test_store_list pins the letters' tokens. */

static const struct translit {
    ucs4_t c;
    const char *ascii;
} translit_tab[] = {
    {0x00A0, " "},    {0x00A1, "!"},    {0x00A2, "c"},    {0x00A3, "GBP"},
    {0x00A5, "JPY"},  {0x00A6, "|"},    {0x00A7, "S"},    {0x00A9, "(c)"},
    {0x00AB, "<<"},   {0x00AC, "!"},    {0x00AE, "(R)"},  {0x00B0, "deg"},
    {0x00B1, "+/-"},  {0x00B6, "P"},    {0x00B7, "."},    {0x00BB, ">>"},
    {0x00BF, "?"},    {0x00C6, "AE"},   {0x00D0, "D"},    {0x00D7, "x"},
    {0x00D8, "O"},    {0x00DE, "Th"},   {0x00DF, "ss"},   {0x00E6, "ae"},
    {0x00F0, "d"},    {0x00F7, "/"},    {0x00F8, "o"},    {0x00FE, "th"},
    {0x0110, "D"},    {0x0111, "d"},    {0x0126, "H"},    {0x0127, "h"},
    {0x0131, "i"},    {0x0141, "L"},    {0x0142, "l"},    {0x0152, "OE"},
    {0x0153, "oe"},   {0x0166, "T"},    {0x0167, "t"},    {0x0192, "f"},
    {0x02B9, "'"},    {0x02BA, "\""},   {0x02BB, "'"},    {0x02BC, "'"},
    {0x02C6, "^"},    {0x02DC, "~"},    {0x2010, "-"},    {0x2011, "-"},
    {0x2012, "-"},    {0x2013, "-"},    {0x2014, "--"},   {0x2015, "--"},
    {0x2016, "||"},   {0x2018, "'"},    {0x2019, "'"},    {0x201A, ","},
    {0x201B, "'"},    {0x201C, "\""},   {0x201D, "\""},   {0x201E, "\""},
    {0x201F, "\""},   {0x2020, "+"},    {0x2022, "*"},    {0x2023, ">"},
    {0x2026, "..."},  {0x2030, "%o"},   {0x2032, "'"},    {0x2033, "\""},
    {0x2039, "<"},    {0x203A, ">"},    {0x2043, "-"},    {0x2044, "/"},
    {0x20AC, "EUR"},  {0x20B4, "UAH"},  {0x20BD, "RUB"},  {0x2122, "(TM)"},
    {0x2190, "<-"},   {0x2192, "->"},   {0x2212, "-"},    {0x2215, "/"},
    {0x2219, "*"},    {0x2260, "!="},   {0x2264, "<="},   {0x2265, ">="},
    {0x25CF, "*"},    {0x3000, " "},    {0x3001, ","},    {0x3002, "."},
};

const char *glyph_translit(ucs4_t c)
{
    size_t lo = 0, hi = sizeof translit_tab / sizeof translit_tab[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (translit_tab[mid].c == c)
            return translit_tab[mid].ascii;
        if (translit_tab[mid].c < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Append the ASCII form of c to buf[*n..cap); false if c has none. */
static bool ascii_of(ucs4_t c, char *buf, size_t *n, size_t cap, int depth)
{
    if (c >= 0x20 && c < 0x7f) {
        if (*n < cap)
            buf[(*n)++] = (char)c;
        return true;
    }
    if (uc_is_general_category(c, UC_CATEGORY_M))
        return true;               /* accents go; the letter stays */
    const char *t = glyph_translit(c);
    if (t) {
        for (; *t && *n < cap; t++)
            buf[(*n)++] = *t;
        return true;
    }
    ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
    int tag;
    int k = depth < 4 ? uc_decomposition(c, &tag, d) : -1;
    if (k <= 0)
        return false;
    size_t keep = *n;
    for (int i = 0; i < k; i++)
        if (!ascii_of(d[i], buf, n, cap, depth + 1)) {
            *n = keep;
            return false;
        }
    return true;
}

/* The ASCII form of a glyph whose base is c (its marks are dropped). */
static void ascii_glyph(glyph_t *g, ucs4_t c)
{
    char buf[sizeof g->out];
    size_t n = 0;
    if (ascii_of(c, buf, &n, sizeof buf - 1, 0) && n > 0) {
        set_out(g, buf, n);
        g->placeholder = false;
    } else {
        set_out(g, "?", 1);
        g->placeholder = true;
    }
    g->width = (int)strlen(g->out);
}

void glyph_next(const char *s, size_t len, size_t at, bool utf8, glyph_t *g)
{
    memset(g, 0, sizeof *g);
    if (!s || at >= len)
        return;
    const unsigned char *u = (const unsigned char *)s;

    /* Most text is ASCII; an ASCII letter followed by ASCII is one glyph. */
    if (glyph_ascii_alone(s, len, at)) {
        g->out[0] = s[at];
        g->width = 1;
        g->len = 1;
        return;
    }

    ucs4_t c;
    size_t n = decode(s, at, len, &c);
    char tmp[24];
    if (n == 0) {
        snprintf(tmp, sizeof tmp, "\\x%02X", u[at]);
        placeholder(g, tmp, 1);
        return;
    }
    if (c == '\t') {
        memset(g->out, ' ', TAB_COLS);
        g->width = TAB_COLS;
        g->len = 1;
        return;
    }
    if (c < 0x20 || c == 0x7f) {
        tmp[0] = '^';
        tmp[1] = (char)(c ^ 0x40);
        tmp[2] = 0;
        placeholder(g, tmp, n);
        return;
    }
    if (c == 0x00AD) {
        placeholder(g, "", n);
        return;
    }
    const char *name = named_cp(c);
    if (name) {
        placeholder(g, name, n);
        return;
    }
    if (hidden_base(c)) {
        snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)c);
        placeholder(g, tmp, n);
        return;
    }
    if (c == 0xFFFD) {
        if (utf8)
            set_out(g, s + at, n);
        else
            set_out(g, "?", 1);
        g->width = 1;
        g->len = n;
        g->placeholder = true;
        return;
    }

    /* A real grapheme: the base, then what rides along with it. */
    size_t end = len - at > GLYPH_WINDOW ? at + GLYPH_WINDOW : len;
    size_t cend = (size_t)((const char *)u8_grapheme_next(u + at, u + end) - s);
    int width = cp_width(c);
    size_t o = 0, cap = sizeof g->out - 1;
    if (width == 0) {               /* a mark with nothing to sit on */
        g->out[o++] = ' ';
        width = 1;
        g->placeholder = true;
    }
    memcpy(g->out + o, s + at, n);
    o += n;
    size_t pos = at + n;
    ucs4_t last = c;
    if (is_ri(c)) {
        ucs4_t d;
        size_t m = decode(s, pos, end, &d);
        if (m && is_ri(d)) {        /* a flag: exactly two indicators */
            memcpy(g->out + o, s + pos, m);
            o += m;
            pos += m;
            width += cp_width(d);
        }
        cend = pos;
    }
    while (pos < end) {
        if (pos >= cend) {
            /* Unicode's GB11, which libunistring 1.0 lacks: an emoji
            ** ZWJ emoji sequence is one grapheme. */
            ucs4_t d;
            if (last != 0x200D || !decode(s, pos, end, &d)
                || !uc_is_property(d, UC_PROPERTY_EXTENDED_PICTOGRAPHIC)
                || !uc_is_property(c, UC_PROPERTY_EXTENDED_PICTOGRAPHIC))
                break;
            cend = (size_t)((const char *)u8_grapheme_next(u + pos, u + end) - s);
        }
        ucs4_t d;
        size_t m = decode(s, pos, cend, &d);
        if (!m)
            break;
        if (is_tag(d)) {
            /* Only the subdivision flags use tags legitimately: U+1F3F4,
            ** a few tag letters, CANCEL TAG.  Shown as the black flag. */
            size_t p = pos;
            int k = 0;
            bool done = false;
            while (k <= MAX_FLAG_TAGS && (m = decode(s, p, cend, &d)) && is_tag(d)) {
                p += m;
                k++;
                if (d == 0xE007F) {
                    done = true;
                    break;
                }
            }
            if (c != 0x1F3F4 || !done || k < 2)
                break;
            pos = p;
            continue;
        }
        if (!rides_along(d) || is_ri(d) || o + m > cap)
            break;
        memcpy(g->out + o, s + pos, m);
        o += m;
        pos += m;
        width += cp_width(d);
        last = d;
    }
    g->out[o] = 0;
    g->len = pos - at;
    g->width = width;
    if (!utf8) {
        if (g->placeholder)         /* the lone mark */
            set_out(g, "?", 1), g->width = 1;
        else
            ascii_glyph(g, c);
    }
}

void glyph_fit(glyph_t *g, int cols)
{
    if (cols < 0)
        cols = 0;
    if (g->width <= cols)
        return;
    bool ascii = true;
    for (const char *p = g->out; *p; p++)
        if ((unsigned char)*p >= 0x80)
            ascii = false;
    if (ascii && (int)strlen(g->out) == g->width) {
        g->out[cols] = 0;
    } else {
        /* As vim does for a wide character in the last column. */
        memset(g->out, ' ', (size_t)cols);
        if (cols > 0)
            g->out[0] = '>';
        g->out[cols] = 0;
    }
    g->width = cols;
    g->placeholder = true;
}

/* The bytes from s[at] that glyph_next would take one at a time, each
** glyph_ascii_alone.  For speed (issue 5): names, titles and claims are
** measured and cleaned on every frame, and a glyph_next call a letter
** was most of it. */
static size_t ascii_run(const char *s, size_t at, size_t len)
{
    size_t e = at;
    while (e < len && glyph_ascii_alone(s, len, e))
        e++;
    return e - at;
}

size_t glyph_width(const char *s, size_t len, bool utf8)
{
    return glyph_width_max(s, len, utf8, SIZE_MAX);
}

size_t glyph_width_max(const char *s, size_t len, bool utf8, size_t max)
{
    size_t w = 0;
    glyph_t g;
    for (size_t at = 0; at < len && w <= max; at += g.len) {
        /* Past max + 1 columns of ASCII the answer is known; the byte at
        ** the cut counts as one column whatever follows it, and a glyph
        ** it begins is at least that wide. */
        size_t lim = max - w < len - at ? at + (max - w) + 1 : len;
        size_t n = ascii_run(s, at, lim);
        if (n) {
            w += n;
            g.len = n;
            continue;
        }
        glyph_next(s, len, at, utf8, &g);
        if (g.len == 0)
            break;
        w += (size_t)g.width;
    }
    return w;
}

char *glyph_sanitize(const char *s, size_t len, bool utf8)
{
    strbuf_t b = {0};
    glyph_t g;
    sb_add(&b, "", 0);
    for (size_t at = 0; s && at < len; at += g.len) {
        if (s[at] == '\r' && at + 1 < len && s[at + 1] == '\n')
            at++;
        if (s[at] == '\n' || s[at] == '\r' || s[at] == '\t') {
            sb_addc(&b, ' ');
            g.len = 1;
            continue;
        }
        size_t n = ascii_run(s, at, len);
        if (n) {
            sb_add(&b, s + at, n);
            g.len = n;
            continue;
        }
        glyph_next(s, len, at, utf8, &g);
        if (g.len == 0)
            break;
        sb_adds(&b, g.out);
    }
    return sb_steal(&b);
}

/* ---- paragraphs -------------------------------------------------------- */

static bool ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Does s[a..b) hold only white space (ASCII or Unicode Zs)? */
static bool blank_line(const char *s, size_t a, size_t b)
{
    while (a < b) {
        if (ascii_space((unsigned char)s[a])) {
            a++;
            continue;
        }
        ucs4_t c;
        size_t n = decode(s, a, b, &c);
        if (!n || !uc_is_general_category(c, UC_CATEGORY_Zs))
            return false;
        a += n;
    }
    return true;
}

/* Scraped news comes with one paragraph per line, often with no blank
** line between them, so every non-blank line is a paragraph of its own;
** blank lines only add space.  A line ends at LF, CRLF or a lone CR.
** ASCII white space at either end of a line is not part of the paragraph
** (a space of another script, like an ideographic indent, is). */
/* Each paragraph found goes to put(ctx, start, end). */
typedef void split_put_fn(void *ctx, size_t start, size_t end);

static size_t split(const char *text, size_t len, split_put_fn *put, void *ctx)
{
    size_t n = 0;
    size_t a = 0;
    /* Line ends are found with memchr (vectorised in the C library), one
    ** search for each kind kept until passed: a byte loop over a 10 MB
    ** article was a tenth of the time to its first frame. */
    const char *lf = len ? memchr(text, '\n', len) : NULL;
    const char *cr = len ? memchr(text, '\r', len) : NULL;
    while (a < len) {
        if (lf && (size_t)(lf - text) < a)
            lf = memchr(text + a, '\n', len - a);
        if (cr && (size_t)(cr - text) < a)
            cr = memchr(text + a, '\r', len - a);
        size_t b = len;
        if (lf && (size_t)(lf - text) < b)
            b = (size_t)(lf - text);
        if (cr && (size_t)(cr - text) < b)
            b = (size_t)(cr - text);
        size_t next = b;
        if (next < len) {
            next += (text[next] == '\r' && next + 1 < len && text[next + 1] == '\n') ? 2 : 1;
        }
        if (!blank_line(text, a, b)) {
            size_t s = a, e = b;
            while (s < e && ascii_space((unsigned char)text[s]))
                s++;
            while (e > s && ascii_space((unsigned char)text[e - 1]))
                e--;
            put(ctx, s, e);
            n++;
        }
        a = next;
    }
    return n;
}

typedef struct para_sink {
    const char *text;
    para_t *v;
    size_t n, cap;
} para_sink_t;

static void put_para(void *ctx, size_t start, size_t end)
{
    para_sink_t *k = ctx;
    grow_array((void **)&k->v, &k->cap, k->n + 1, sizeof *k->v);
    k->v[k->n].start = start;
    k->v[k->n].end = end;
    k->v[k->n].caption = is_caption(k->text + start, end - start);
    k->n++;
}

size_t split_paragraphs(const char *text, size_t len, para_t **out)
{
    para_sink_t k = { text, NULL, 0, 0 };
    split(text, len, put_para, &k);
    *out = k.v;
    return k.n;
}

static bool credit_punct(ucs4_t c)
{
    return c == ' ' || c == '/' || c == '.' || c == '-' || c == '\''
        || c == 0x2019 || c == '&';
}

/* A caption is a line of text, then " - " (or " – "), then a credit in
** capitals: "Rescue workers outside the hall. - MAXIM ORLOV/REUTERS".
** So that a sentence which merely ends in an acronym ("...from the fund
** - UN") is not taken for one, the credit must name a photographer and
** an agency ("NAME/AGENCY"), or be at least two words, or be one word of
** three or more capitals after text that ends a sentence ("... city.
** - AFP"). */
bool is_caption(const char *s, size_t len)
{
    if (!s || len == 0 || memchr(s, '\n', len) || memchr(s, '\r', len))
        return false;

    /* Credits with a label or an agency before a slash, at the end of the
    ** line or as the whole line: "PHOTO: MAXIM ORLOV/REUTERS", "Photo:
    ** Ana Sousa/Northline", "... (AP Photo/Jon Berg)", "... REUTERS/Ana
    ** Sousa", "Image: NASA".  The credit's words must each begin with a
    ** capital, so that "the photo: a man at the wall" is no credit, and
    ** the line must end with it. */
    {
        static const char *const labels[] = {"photo credit:", "photograph:", "photo:",
                                             "picture:", "pictures:", "image:", "credit:",
                                             "photo/", NULL};
        size_t lab = (size_t)-1, cred = 0;
        bool labelled = false;
        /* every label and agency credit ends in a ':' or a '/', and the
        ** credit ends the line within 120 bytes: look back from each ':'
        ** and '/' there, not at every byte (this runs over every paragraph
        ** the annotator reads) */
        size_t from = len > 120 ? len - 120 : 0;
        for (size_t p = from; p < len; p++) {
            /* to the next ':' or '/' (memchr is much faster than a loop) */
            const char *c1 = memchr(s + p, ':', len - p), *c2 = memchr(s + p, '/', len - p);
            if (!c1 && !c2)
                break;
            p = (size_t)((c1 && (!c2 || c1 < c2) ? c1 : c2) - s);
            bool found = false;
            for (int k = 0; labels[k] && !found; k++) {
                size_t ln = strlen(labels[k]);
                if (labels[k][ln - 1] != s[p] || p + 1 < ln)
                    continue;
                size_t i = p + 1 - ln;
                if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '(')
                    continue;
                bool m = true;
                for (size_t j = 0; m && j < ln; j++) {
                    char c = s[i + j];
                    if (c >= 'A' && c <= 'Z')
                        c = (char)(c - 'A' + 'a');
                    m = c == labels[k][j];
                }
                if (m) {
                    lab = i;
                    cred = p + 1;
                    labelled = found = true;
                }
            }
            /* "REUTERS/Ana Sousa" after a sentence: capitals, then a slash */
            if (!found && s[p] == '/') {
                size_t i = p;
                while (i > 0 && s[i - 1] >= 'A' && s[i - 1] <= 'Z')
                    i--;
                bool after_end = i == 0 || s[i - 1] == '(' ||
                    (s[i - 1] == ' ' && i >= 2 &&
                     (s[i - 2] == '.' || s[i - 2] == '!' || s[i - 2] == '?' ||
                      (s[i - 2] == '-' && i >= 3 && s[i - 3] == ' ')));
                if (p - i >= 2 && after_end) {
                    lab = i;
                    cred = i;
                    labelled = false;
                }
            }
        }
        if (lab != (size_t)-1) {
            while (cred < len && s[cred] == ' ')
                cred++;
            size_t ce = len;
            while (ce > cred && s[ce - 1] == ' ')
                ce--;
            /* "(AP Photo/...)": the parenthesis may open before an agency */
            size_t open = lab;
            while (open > 0 && lab - open < 16 && ((s[open - 1] >= 'A' && s[open - 1] <= 'Z') ||
                                                   s[open - 1] == ' '))
                open--;
            bool paren = open > 0 && s[open - 1] == '(';
            if (paren)
                lab = open;
            else if (lab > 0 && s[lab - 1] == '(')
                paren = true;
            if (paren && ce > cred && s[ce - 1] == ')')
                ce--;
            bool ok = ce > cred && ce - cred <= 80 && (!paren || ce < len);
            int words = 0, caps_words = 0;
            bool slash = cred > 0 && s[cred - 1] == '/', word_start = true, all_caps = true;
            int wl = 0;
            for (size_t p = cred; ok && p <= ce;) {
                ucs4_t c = ' ';
                if (p < ce) {
                    size_t n = decode(s, p, ce, &c);
                    if (!n)
                        return false;
                    p += n;
                } else {
                    p++;
                }
                if (uc_is_alpha(c)) {
                    if (word_start && !uc_is_upper(c))
                        ok = false;
                    if (!uc_is_upper(c))
                        all_caps = false;
                    word_start = false;
                    wl++;
                } else if (c == ' ' || c == '/') {
                    if (wl) {
                        words++;
                        caps_words += all_caps && wl >= 2;
                    }
                    if (c == '/') {
                        if (!wl && !slash)
                            ok = false;
                        slash = true;
                    }
                    word_start = true;
                    all_caps = true;
                    wl = 0;
                } else if (credit_punct(c)) {   /* ' ' and '/' are taken above */
                    if (word_start && c != '\'' && c != 0x2019)
                        ok = false;
                } else {
                    ok = false;
                }
            }
            /* the text before, if any, has ended its sentence */
            size_t b = lab;
            while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '('))
                b--;
            bool before_ok = b == 0 || s[b - 1] == '.' || s[b - 1] == '!' || s[b - 1] == '?' ||
                s[b - 1] == '-' || s[b - 1] == '|' || s[b - 1] == ')' ||
                (b >= 3 && (unsigned char)s[b - 3] == 0xE2 && (unsigned char)s[b - 2] == 0x80 &&
                 ((unsigned char)s[b - 1] == 0x93 || (unsigned char)s[b - 1] == 0x9D ||
                  (unsigned char)s[b - 1] == 0x94)) || paren;
            if (ok && before_ok && words >= 1 && words <= 8 &&
                (slash || (labelled && caps_words >= 1)))
                return true;
        }
    }

    size_t dash = 0, credit = 0;
    /* Only the last dash counts, and a credit longer than 100 bytes is
    ** refused below, so the dash lies in the line's last 110 bytes (past
    ** trailing blanks): look only there, not along the whole paragraph
    ** (this runs over every paragraph the annotator reads). */
    size_t tl = len;
    while (tl > 0 && s[tl - 1] == ' ')
        tl--;
    for (size_t i = tl > 110 ? tl - 110 : 1; i + 2 < len; i++) {
        /* to the next blank (memchr is much faster than a loop) */
        const char *b = memchr(s + i - 1, ' ', len - (i - 1));
        if (!b)
            break;
        i = (size_t)(b - s) + 1;
        if (i + 2 >= len)
            break;
        if (s[i] == '-' && s[i + 1] == ' ') {
            dash = i - 1;
            credit = i + 2;
        } else if (i + 4 < len && memcmp(s + i, "\xE2\x80\x93 ", 4) == 0) {
            dash = i - 1;
            credit = i + 4;
        }
    }
    if (!credit)
        return false;

    /* The text before must say something. */
    size_t e = dash;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    bool letter = false;
    for (size_t p = 0; p < e;) {
        ucs4_t c;
        size_t n = decode(s, p, e, &c);
        if (!n)
            return false;
        if (uc_is_alpha(c))
            letter = true;
        p += n;
    }
    if (!letter)
        return false;
    ucs4_t endc = 0;
    u8_prev(&endc, (const uint8_t *)s + e, (const uint8_t *)s);
    bool sentence_end = endc == '.' || endc == '!' || endc == '?' || endc == '"'
        || endc == ')' || endc == 0x201D || endc == 0x2019;

    size_t ce = len;
    while (ce > credit && s[ce - 1] == ' ')
        ce--;
    if (ce - credit < 2 || ce - credit > 100)
        return false;
    /* word: a run of capitals (with dots, hyphens, apostrophes); words
    ** are separated by spaces and slashes, and a slash must have a word
    ** on each side. */
    int letters = 0, words = 0, word_letters = 0, long_words = 0;
    bool slash = false, slash_open = false;
    for (size_t p = credit; p <= ce;) {
        ucs4_t c = ' ';
        if (p < ce) {
            size_t n = decode(s, p, ce, &c);
            if (!n)
                return false;
            p += n;
        } else {
            p++;                    /* the end closes the last word */
        }
        if (uc_is_alpha(c)) {
            if (!uc_is_upper(c))
                return false;
            letters++;
            word_letters++;
            slash_open = false;
        } else if (c == ' ' || c == '/') {
            if (word_letters > 0) {
                words++;
                if (word_letters >= 2)
                    long_words++;
            }
            if (c == '/') {
                if (words == 0 || slash_open)
                    return false;
                slash = slash_open = true;
            }
            word_letters = 0;
        } else if (credit_punct(c)) {
            if (word_letters == 0 && c != '\'' && c != 0x2019)
                return false;       /* a word starts with a capital */
        } else {
            return false;
        }
    }
    if (slash_open || letters < 2)
        return false;
    if (slash)
        return true;
    if (long_words >= 2)
        return true;
    return words == 1 && letters >= 3 && sentence_end;
}

/* ---- wrapping ---------------------------------------------------------- */

typedef struct pwrap {
    dline_t *lines;     /* NULL: not wrapped at the current width */
    size_t n;
} pwrap_t;

struct layout {
    const char *text;
    size_t len;
    bool utf8;
    /* Paragraphs as 32-bit offsets, not para_t (24 bytes): a 10 MB
    ** article has tens of thousands and they stay for as long as it is
    ** open (issue 5's memory target).  Article texts are far below 4 GB
    ** (SQLite's own limit is 1 GB). */
    struct lpara { uint32_t start, end; } *paras;
    size_t npara, cappara;
    para_t scratch;     /* what layout_para() hands out */
    int width;
    pwrap_t *wrap;      /* one slot per paragraph */
    /* Per paragraph: 0 caption not tested yet, 1 not a caption, 2 one.
    ** Tested when first drawn, not at open: a 10 MB article has tens of
    ** thousands of paragraphs and the first frame shows a few. */
    unsigned char *capt;
    size_t *wrapped;    /* which slots hold lines, to drop them on resize */
    size_t nwrapped, capwrapped;
    size_t wraps;       /* paragraphs wrapped since layout_new */
};

static void put_lpara(void *ctx, size_t start, size_t end)
{
    layout_t *L = ctx;
    grow_array((void **)&L->paras, &L->cappara, L->npara + 1, sizeof *L->paras);
    L->paras[L->npara].start = (uint32_t)start;
    L->paras[L->npara].end = (uint32_t)end;
    L->npara++;
}

layout_t *layout_new(const char *text, size_t len, bool utf8)
{
    layout_t *L = xcalloc(1, sizeof *L);
    L->text = text ? text : "";
    L->len = text ? len : 0;
    L->utf8 = utf8;
    L->width = 80;
    if (L->len > UINT32_MAX)
        L->len = UINT32_MAX;
    L->npara = split(L->text, L->len, put_lpara, L);
    L->wrap = xcalloc(L->npara ? L->npara : 1, sizeof *L->wrap);
    L->capt = xcalloc(L->npara ? L->npara : 1, 1);
    return L;
}

static void drop_wrapping(layout_t *L)
{
    for (size_t i = 0; i < L->nwrapped; i++) {
        pwrap_t *w = &L->wrap[L->wrapped[i]];
        free(w->lines);
        w->lines = NULL;
        w->n = 0;
    }
    L->nwrapped = 0;
}

void layout_free(layout_t *L)
{
    if (!L)
        return;
    drop_wrapping(L);
    free(L->wrapped);
    free(L->wrap);
    free(L->capt);
    free(L->paras);
    free(L);
}

void layout_set_width(layout_t *L, int width)
{
    if (width < 1)
        width = 1;
    if (width == L->width)
        return;
    drop_wrapping(L);
    L->width = width;
}

int layout_width(const layout_t *L) { return L->width; }
size_t layout_npara(const layout_t *L) { return L->npara; }
size_t layout_wrapped_count(const layout_t *L) { return L->wraps; }

const para_t *layout_para(const layout_t *L, size_t p)
{
    if (p >= L->npara)
        return NULL;
    /* The layout is the caller's to change; the pointer is const only
    ** for the caller. */
    para_t *q = &((layout_t *)L)->scratch;
    q->start = L->paras[p].start;
    q->end = L->paras[p].end;
    q->caption = false;
    return q;
}

bool layout_para_caption(layout_t *L, size_t p)
{
    if (p >= L->npara)
        return false;
    if (!L->capt[p]) {
        const struct lpara *q = &L->paras[p];
        L->capt[p] = is_caption(L->text + q->start, q->end - q->start) ? 2 : 1;
    }
    return L->capt[p] == 2;
}

static bool hangs(const char *s, size_t at, const glyph_t *g)
{
    return g->len == 1 && (s[at] == ' ' || s[at] == '\t');
}

static void push_line(dline_t **v, size_t *n, size_t *cap, size_t a, size_t b, int cols)
{
    grow_array((void **)v, cap, *n + 1, sizeof **v);
    (*v)[*n].start = a;
    (*v)[*n].end = b;
    (*v)[*n].cols = cols;
    (*n)++;
}

/* Greedy fitting over the break opportunities.  `full` is every column
** the line's glyphs take, `drawn` what is drawn of them (hanging spaces
** past the width are not); a glyph that is not a space goes on the line
** only if full + its width fits, so a line with hidden spaces takes no
** more text.  When a glyph does not fit, the line ends at the last break
** opportunity (and scanning resumes there), or if there is none, just
** before the glyph. */
static void wrap_para(layout_t *L, size_t p)
{
    const char *s = L->text;
    size_t ps = L->paras[p].start, pe = L->paras[p].end;
    int W = L->width;
    char *brk = xmalloc(pe - ps + 1);
    u8_possible_linebreaks((const uint8_t *)s + ps, pe - ps, "UTF-8", brk);

    dline_t *v = NULL;
    size_t n = 0, cap = 0;
    size_t ls = ps, at = ps, bp = 0;
    long full = 0, bp_drawn = 0;
    int drawn = 0;
    bool have_bp = false, after_shy = false;
    glyph_t g;
    while (at < pe) {
        /* What the general case below does with a glyph of printable
        ** ASCII that fits, in a loop of its own: most text is this (for
        ** speed, issue 5).  A glyph that does not fit, or with a
        ** mandatory break, is left to the general case. */
        while (at < pe && glyph_ascii_alone(s, pe, at)) {
            char b = brk[at - ps];
            if (b == UC_BREAK_MANDATORY)
                break;
            /* Done again by the general case when it breaks below: the
            ** same values. */
            if (at > ls && b == UC_BREAK_POSSIBLE && !after_shy) {
                have_bp = true;
                bp = at;
                bp_drawn = drawn;
            }
            if (s[at] == ' ') {
                full++;
                if (drawn < W)
                    drawn++;
            } else if (full < W) {
                full++;
                drawn = (int)full;
            } else {
                break;
            }
            after_shy = false;
            at++;
        }
        if (at >= pe)
            break;
        /* Only the glyph's width and length are used here. */
        glyph_next(s, pe, at, L->utf8, &g);
        char b = brk[at - ps];
        if (at > ls && b == UC_BREAK_POSSIBLE && !after_shy) {
            have_bp = true;
            bp = at;
            bp_drawn = drawn;
        }
        if (hangs(s, at, &g)) {
            full += g.width;
            if (drawn + g.width <= W)
                drawn += g.width;
        } else if (full + g.width <= W) {
            full += g.width;
            drawn = (int)full;
        } else if (have_bp) {
            push_line(&v, &n, &cap, ls, bp, (int)bp_drawn);
            ls = at = bp;
            full = drawn = 0;
            have_bp = after_shy = false;
            continue;
        } else if (at > ls) {
            push_line(&v, &n, &cap, ls, at, drawn);
            ls = at;
            full = drawn = 0;
            after_shy = false;
            continue;
        } else {
            full = g.width;         /* alone and too wide: glyph_fit */
            drawn = W;
        }
        after_shy = g.len == 2 && (unsigned char)s[at] == 0xC2
            && (unsigned char)s[at + 1] == 0xAD;
        at += g.len;
        if (b == UC_BREAK_MANDATORY && at < pe) {
            push_line(&v, &n, &cap, ls, at, drawn);
            ls = at;
            full = drawn = 0;
            have_bp = after_shy = false;
        }
    }
    if (at > ls || n == 0)
        push_line(&v, &n, &cap, ls, at, drawn);
    free(brk);

    L->wrap[p].lines = v;
    L->wrap[p].n = n;
    grow_array((void **)&L->wrapped, &L->capwrapped, L->nwrapped + 1, sizeof *L->wrapped);
    L->wrapped[L->nwrapped++] = p;
    L->wraps++;
}

const dline_t *layout_para_lines(layout_t *L, size_t p, size_t *n)
{
    if (p >= L->npara) {
        if (n)
            *n = 0;
        return NULL;
    }
    if (!L->wrap[p].lines)
        wrap_para(L, p);
    if (n)
        *n = L->wrap[p].n;
    return L->wrap[p].lines;
}

void layout_glyph(const layout_t *L, const dline_t *d, size_t at, int col, glyph_t *g)
{
    glyph_next(L->text, d->end, at, L->utf8, g);
    if (g->len == 0 || col + g->width <= L->width)
        return;
    if (hangs(L->text, at, g)) {
        g->out[0] = 0;
        g->width = 0;
    } else {
        glyph_fit(g, L->width - col);
    }
}

size_t layout_para_rows(layout_t *L, size_t p)
{
    size_t n;
    if (p >= L->npara)
        return 0;
    layout_para_lines(L, p, &n);
    return n + (p + 1 < L->npara ? 1 : 0);
}

/* Bring pos onto a row that exists. */
static void clamp_pos(layout_t *L, lpos_t *pos)
{
    if (L->npara == 0) {
        pos->para = pos->line = 0;
        return;
    }
    if (pos->para >= L->npara) {
        pos->para = L->npara - 1;
        pos->line = SIZE_MAX;
    }
    size_t rows = layout_para_rows(L, pos->para);
    if (pos->line >= rows)
        pos->line = rows - 1;
}

long layout_move(layout_t *L, lpos_t *pos, long delta)
{
    clamp_pos(L, pos);
    if (L->npara == 0 || delta == 0)
        return 0;
    unsigned long want = delta > 0 ? (unsigned long)delta : 0UL - (unsigned long)delta;
    unsigned long moved = 0;
    if (delta > 0) {
        while (moved < want) {
            size_t below = layout_para_rows(L, pos->para) - 1 - pos->line;
            if (want - moved <= below) {
                pos->line += want - moved;
                moved = want;
                break;
            }
            pos->line += below;
            moved += below;
            if (pos->para + 1 >= L->npara)
                break;
            pos->para++;
            pos->line = 0;
            moved++;
        }
        return (long)moved;
    }
    while (moved < want) {
        if (want - moved <= pos->line) {
            pos->line -= want - moved;
            moved = want;
            break;
        }
        moved += pos->line;
        pos->line = 0;
        if (pos->para == 0)
            break;
        pos->para--;
        pos->line = layout_para_rows(L, pos->para) - 1;
        moved++;
    }
    return -(long)moved;
}

bool layout_row(layout_t *L, lpos_t pos, dline_t *line, bool *is_blank)
{
    if (pos.para >= L->npara)
        return false;
    size_t n;
    const dline_t *v = layout_para_lines(L, pos.para, &n);
    if (pos.line < n) {
        if (line)
            *line = v[pos.line];
        if (is_blank)
            *is_blank = false;
        return true;
    }
    if (pos.line == n && pos.para + 1 < L->npara) {
        if (line) {
            line->start = line->end = L->paras[pos.para].end;
            line->cols = 0;
        }
        if (is_blank)
            *is_blank = true;
        return true;
    }
    return false;
}

/* Bytes between two paragraphs (line ends, blank lines, trimmed spaces)
** belong to the row of the paragraph after them; bytes past the last
** paragraph to its last row. */
lpos_t layout_pos_of_byte(layout_t *L, size_t b)
{
    lpos_t pos = {0, 0};
    if (L->npara == 0)
        return pos;
    size_t lo = 0, hi = L->npara;   /* first paragraph with end > b */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->paras[mid].end > b)
            hi = mid;
        else
            lo = mid + 1;
    }
    size_t n;
    if (lo == L->npara) {
        pos.para = L->npara - 1;
        layout_para_lines(L, pos.para, &n);
        pos.line = n - 1;
        return pos;
    }
    pos.para = lo;
    if (b < L->paras[lo].start)
        return pos;
    const dline_t *v = layout_para_lines(L, lo, &n);
    size_t l = 0, h = n;            /* last line with start <= b */
    while (h - l > 1) {
        size_t mid = l + (h - l) / 2;
        if (v[mid].start <= b)
            l = mid;
        else
            h = mid;
    }
    pos.line = l;
    return pos;
}

size_t layout_byte_of_pos(layout_t *L, lpos_t pos)
{
    if (pos.para >= L->npara)
        return L->len;
    size_t n;
    const dline_t *v = layout_para_lines(L, pos.para, &n);
    if (pos.line < n)
        return v[pos.line].start;
    return L->paras[pos.para].end;
}
