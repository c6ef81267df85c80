/*
** test_layout.c: unit tests of src/layout.c: what each glyph shows, that
** nothing from an article reaches the terminal raw, paragraphs and
** captions, and wrapping: every display line fits, no text is lost or
** doubled, and scrolling a huge article wraps only what it shows.
*/
#include "config.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "layout.h"
#include "../tap.h"

/* ---- helpers ------------------------------------------------------------ */

static bool forbidden_cp(ucs4_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
        || c == 0x061C || (c >= 0x200B && c <= 0x200F)
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F)
        || c == 0xFEFF || c == 0x2028 || c == 0x2029
        || (c >= 0xE0000 && c <= 0xE007F);
}

/* Is out safe to write to a terminal?  *why says what is wrong. */
static bool safe_out(const char *out, bool utf8, const char **why)
{
    size_t n = strlen(out);
    if (!utf8) {
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] > 0x7e) {
                *why = "non-printable-ASCII byte under !utf8";
                return false;
            }
        return true;
    }
    if (u8_check((const uint8_t *)out, n)) {
        *why = "invalid UTF-8 in out";
        return false;
    }
    const uint8_t *p = (const uint8_t *)out, *e = p + n;
    ucs4_t c;
    bool first = true;
    while (p < e) {
        p += u8_mbtouc(&c, p, e - p);
        /* Joiners may ride inside an emoji sequence, never lead. */
        if (forbidden_cp(c) && !(!first && (c == 0x200C || c == 0x200D))) {
            *why = "control, bidi or invisible code point in out";
            return false;
        }
        first = false;
    }
    return true;
}

/* Walk all of s with glyph_next: every glyph safe, lengths add up,
** widths add up to glyph_width. */
static bool glyphs_ok(const char *s, size_t len, bool utf8, const char **why)
{
    glyph_t g;
    size_t w = 0;
    for (size_t at = 0; at < len; at += g.len) {
        glyph_next(s, len, at, utf8, &g);
        if (g.len == 0 || at + g.len > len) {
            *why = "glyph length out of range";
            return false;
        }
        if (!safe_out(g.out, utf8, why))
            return false;
        if (g.width < 0 || (!utf8 && (size_t)g.width != strlen(g.out))) {
            *why = "bad width";
            return false;
        }
        w += (size_t)g.width;
    }
    if (w != glyph_width(s, len, utf8)) {
        *why = "glyph_width differs from the sum of glyph_next";
        return false;
    }
    return true;
}

/* The central invariants of wrapping, for one text at one width. */
static bool layout_ok(layout_t *L, const char *text, size_t len, int width, char *why, size_t whysz)
{
    layout_set_width(L, width);
    for (size_t p = 0; p < layout_npara(L); p++) {
        const para_t *pa = layout_para(L, p);
        size_t n;
        const dline_t *v = layout_para_lines(L, p, &n);
        if (n == 0) {
            snprintf(why, whysz, "para %zu has no lines", p);
            return false;
        }
        if (v[0].start != pa->start || v[n - 1].end != pa->end) {
            snprintf(why, whysz, "para %zu: lines do not span it", p);
            return false;
        }
        for (size_t i = 0; i < n; i++) {
            if (v[i].end <= v[i].start) {
                snprintf(why, whysz, "para %zu line %zu empty", p, i);
                return false;
            }
            if (i + 1 < n && v[i].end != v[i + 1].start) {
                snprintf(why, whysz, "para %zu line %zu: gap or overlap", p, i);
                return false;
            }
            if (v[i].cols > width || v[i].cols < 0) {
                snprintf(why, whysz, "para %zu line %zu: cols %d > width %d", p, i, v[i].cols, width);
                return false;
            }
            /* Drawn through layout_glyph: fits and adds up to cols. */
            int col = 0;
            glyph_t g;
            size_t at;
            for (at = v[i].start; at < v[i].end; at += g.len, col += g.width) {
                layout_glyph(L, &v[i], at, col, &g);
                if (g.len == 0 || col + g.width > width) {
                    snprintf(why, whysz, "para %zu line %zu: glyph at %zu overflows", p, i, at);
                    return false;
                }
                const char *w2;
                if (!safe_out(g.out, true, &w2) && !safe_out(g.out, false, &w2)) {
                    snprintf(why, whysz, "unsafe glyph: %s", w2);
                    return false;
                }
            }
            if (at != v[i].end || col != v[i].cols) {
                snprintf(why, whysz, "para %zu line %zu: drawn %d cols, line says %d (at %zu end %zu)",
                         p, i, col, v[i].cols, at, v[i].end);
                return false;
            }
            /* A reader walking the whole text with glyph_next lands on
            ** the line end too: no glyph straddles two lines. */
            glyph_t h;
            for (at = v[i].start; at < v[i].end; at += h.len)
                glyph_next(text, len, at, true, &h);
            if (at != v[i].end) {
                snprintf(why, whysz, "para %zu line %zu: a glyph straddles the line end", p, i);
                return false;
            }
        }
    }
    return true;
}

static char *repeat(const char *s, size_t times)
{
    size_t n = strlen(s);
    char *r = malloc(n * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(r + i * n, s, n);
    r[n * times] = 0;
    return r;
}

static const char *nasty[] = {
    "Officials said: \xE2\x80\x9CWe had no part in it,\xE2\x80\x9D the minister\xE2\x80\x99s aide added \xE2\x80\x94 twice \xE2\x80\x93 again\xE2\x80\xA6",
    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88\xE3\x81\xAF\xE5\xB9\x85\xE3\x81\x8C\xE4\xBA\x8C\xE3\x81\xA4\xE3\x80\x82 \xE4\xB8\xAD\xE6\x96\x87\xE4\xB9\x9F\xE4\xB8\x80\xE6\xA0\xB7 mixed with English words",
    "Family \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6 thumbs \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD flags \xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA\xF0\x9F\x87\xBA heart \xE2\x9D\xA4\xEF\xB8\x8F England \xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xA5\xF3\xA0\x81\xAE\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF end",
    "Zalgo Z\xCC\xB7\xCC\xA2\xCC\x9B" "a\xCC\xB8l\xCC\xB6g\xCC\xB5o\xCC\xB4 cafe\xCC\x81 na\xC3\xAFve \xCC\x81lone mark",
    "Escapes \x1b[31mred\x1b[0m \x1b]52;c;ZXZpbA==\x07 osc \x1b]0;title\x1b\\ bell\x07 nul-free",
    "C1 \xC2\x9B" "31m csi \xC2\x9D" "osc \xC2\x85 nel \xC2\x90 dcs",
    "Bidi abc \xE2\x80\xAE" "evil\xE2\x80\xAC \xE2\x81\xA6iso\xE2\x81\xA9 \xE2\x80\x8E\xE2\x80\x8F\xD8\x9C zw\xE2\x80\x8B" "x\xE2\x81\xA0y\xEF\xBB\xBFz soft\xC2\xADhy tags \xF3\xA0\x81\x81\xF3\xA0\x81\x82 done",
    "Tabs col1\tcol2\t\tcol3 \t end",
    "Controls \x01\x02\x7f vt\x0b" "ff\x0c" "end \xE2\x80\xA8 ls",
    "\xCC\x81\xCC\x82" "starts with marks \x1b\xCC\x81 esc with mark",
    "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xED\x85\x8D\xEC\x8A\xA4\xED\x8A\xB8 Thai \xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2",
    "Arabic \xD8\x80\xD9\xA1\xD9\xA2 \xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A private \xEE\x80\x80 unassigned \xCD\xB8 fffd \xEF\xBF\xBD",
    "Spaces a          b   c\xC2\xA0\xC2\xA0" "d\xE3\x80\x80" "e   ",
    "Supercalifragilisticexpialidocious-antidisestablishmentarianism/pneumonoultramicroscopicsilicovolcanoconiosis",
};

/* ---- glyphs --------------------------------------------------------------- */

static void test_glyphs(void)
{
    glyph_t g;
    const char *cjk = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";
    is_int(glyph_width(cjk, strlen(cjk), true), 6, "\"日本語\" is 6 columns");
    glyph_next(cjk, strlen(cjk), 0, true, &g);
    is_int(g.width, 2, "one CJK glyph is 2 columns");
    is_int(g.len, 3, "... of 3 bytes");

    const char *e = "e\xCC\x81x";
    glyph_next(e, strlen(e), 0, true, &g);
    is_int(g.len, 3, "e + combining acute is one glyph");
    is_int(g.width, 1, "... 1 column");
    is_str(g.out, "e\xCC\x81", "... shown as itself");
    is_int(glyph_width("e\xCC\x81", 3, true), 1, "\"e\\u0301\" is 1 column");

    const char *thumbs = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";
    glyph_next(thumbs, 8, 0, true, &g);
    is_int(g.len, 8, "emoji with skin tone is one glyph");
    ok(g.width >= 2, "... at least 2 columns (%d)", g.width);

    const char *fam = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
    glyph_next(fam, strlen(fam), 0, true, &g);
    is_int(g.len, strlen(fam), "emoji ZWJ sequence of three is one glyph");
    ok(!g.placeholder, "... not a placeholder");

    const char *flags = "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";
    glyph_next(flags, 16, 0, true, &g);
    is_int(g.len, 8, "two regional indicators make one flag");
    is_int(g.width, 2, "... 2 columns");
    glyph_next(flags, 16, 8, true, &g);
    is_int(g.len, 8, "and the next two the next flag");

    const char *eng = "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xA5\xF3\xA0\x81\xAE\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF";
    glyph_next(eng, strlen(eng), 0, true, &g);
    is_int(g.len, strlen(eng), "subdivision flag with tags is one glyph");
    is_str(g.out, "\xF0\x9F\x8F\xB4", "... shown as the black flag");

    const char *smuggle = "A\xF3\xA0\x81\x81\xF3\xA0\x81\x82";
    glyph_next(smuggle, strlen(smuggle), 0, true, &g);
    is_int(g.len, 1, "tag characters do not ride on a letter");
    glyph_next(smuggle, strlen(smuggle), 1, true, &g);
    is_str(g.out, "<U+E0041>", "a tag character is a visible placeholder");

    glyph_next("\x1b[31m", 5, 0, true, &g);
    is_str(g.out, "^[", "ESC shows as ^[");
    ok(g.placeholder && g.width == 2 && g.len == 1, "... a 2-column placeholder of 1 byte");
    glyph_next("\x7f", 1, 0, true, &g);
    is_str(g.out, "^?", "DEL shows as ^?");
    glyph_next("\x00", 1, 0, true, &g);
    is_str(g.out, "^@", "NUL shows as ^@");
    glyph_next("\xC2\x9B", 2, 0, true, &g);
    is_str(g.out, "<U+009B>", "C1 CSI shows as <U+009B>");
    is_int(g.len, 2, "... consuming its 2 bytes");
    glyph_next("\xE2\x80\xAE", 3, 0, true, &g);
    is_str(g.out, "<RLO>", "RIGHT-TO-LEFT OVERRIDE shows as <RLO>");
    glyph_next("\xE2\x81\xA7", 3, 0, false, &g);
    is_str(g.out, "<RLI>", "RLI shows as <RLI>, also under !utf8");
    glyph_next("\xE2\x80\x8B", 3, 0, true, &g);
    is_str(g.out, "<ZWSP>", "ZERO WIDTH SPACE shows as <ZWSP>");
    glyph_next("\xEF\xBB\xBF", 3, 0, true, &g);
    is_str(g.out, "<BOM>", "U+FEFF shows as <BOM>");
    glyph_next("\xE2\x81\xA3", 3, 0, true, &g);
    is_str(g.out, "<U+2063>", "other invisible format characters as <U+xxxx>");
    glyph_next("\xCD\xB8", 2, 0, true, &g);
    is_str(g.out, "<U+0378>", "unassigned code point as <U+0378>");
    glyph_next("\xEE\x80\x80", 3, 0, true, &g);
    ok(!g.placeholder && g.width == 1, "private use shown as itself, 1 column");
    glyph_next("\xEF\xBF\xBD", 3, 0, true, &g);
    ok(g.placeholder && g.width == 1 && strcmp(g.out, "\xEF\xBF\xBD") == 0, "U+FFFD shown, flagged placeholder");
    glyph_next("\xC2\xAD", 2, 0, true, &g);
    ok(g.placeholder && g.width == 0 && g.out[0] == 0 && g.len == 2, "soft hyphen is invisible, width 0");
    glyph_next("\t", 1, 0, true, &g);
    is_str(g.out, "    ", "tab shows as four spaces");
    is_int(g.width, 4, "... 4 columns");
    glyph_next("\xff" "abc", 4, 0, true, &g);
    is_str(g.out, "\\xFF", "an invalid byte shows as \\xFF");
    is_int(g.len, 1, "... and consumes one byte");

    const char *em = "\x1b\xCC\x81x";
    glyph_next(em, strlen(em), 0, true, &g);
    is_int(g.len, 1, "a control does not take the mark after it");
    glyph_next(em, strlen(em), 1, true, &g);
    is_str(g.out, " \xCC\x81", "the mark is drawn on a space of its own");
    ok(g.width == 1 && g.placeholder, "... 1 column, flagged");

    char *zalgo = malloc(2 + 2 * 5000 + 1);
    zalgo[0] = 'Z';
    for (int i = 0; i < 5000; i++)
        memcpy(zalgo + 1 + 2 * i, "\xCC\x81", 2);
    zalgo[1 + 10000] = 0;
    glyph_next(zalgo, strlen(zalgo), 0, true, &g);
    ok(g.len < 30 && g.len > 1, "a base with 5000 marks: the glyph holds what fits (%zu bytes)", g.len);
    const char *why = "";
    ok(glyphs_ok(zalgo, strlen(zalgo), true, &why), "... and the rest follows as visible glyphs (%s)", why);
    free(zalgo);

    glyph_next("abc", 3, 3, true, &g);
    ok(g.len == 0 && g.width == 0 && g.out[0] == 0, "glyph_next at the end is empty");

    for (size_t i = 0; i < sizeof nasty / sizeof nasty[0]; i++) {
        why = "";
        ok(glyphs_ok(nasty[i], strlen(nasty[i]), true, &why), "nasty text %zu: glyphs safe under UTF-8 %s", i, why);
        why = "";
        ok(glyphs_ok(nasty[i], strlen(nasty[i]), false, &why), "nasty text %zu: pure printable ASCII under LANG=C %s", i, why);
    }

    /* Every code point, one at a time and after a letter. */
    bool all = true;
    ucs4_t bad = 0;
    for (ucs4_t c = 0; c < 0x110000 && all; c++) {
        if (c >= 0xD800 && c < 0xE000)
            continue;
        uint8_t buf[16];
        buf[0] = 'a';
        int n = u8_uctomb(buf + 1, c, 8);
        for (int u = 0; u < 2 && all; u++) {
            why = "";
            if (!glyphs_ok((char *)buf, (size_t)n + 1, u, &why)
                || !glyphs_ok((char *)buf + 1, (size_t)n, u, &why)) {
                all = false;
                bad = c;
            }
        }
    }
    ok(all, "every code point alone or after a letter gives safe glyphs (U+%04X: %s)", (unsigned)bad, why);
}

static void test_ascii(void)
{
    const char *s = "\xE2\x80\x9CHello\xE2\x80\x9D \xE2\x80\x94 it\xE2\x80\x99s\xE2\x80\xA6 caf\xC3\xA9 \xC5\x81\xC3\xB3" "d\xC5\xBA na\xC3\xAFve \xC2\xBD \xEF\xBC\xA1\xC2\xA0" "x \xE2\x80\xA2 \xE2\x80\x93 e\xCC\x81";
    char *a = glyph_sanitize(s, strlen(s), false);
    is_str(a, "\"Hello\" -- it's... cafe Lodz naive 1/2 A x * - e", "LANG=C transliterates punctuation and strips accents");
    free(a);
    const char *cjk = "\xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x91\x8D \xD0\x9C";
    a = glyph_sanitize(cjk, strlen(cjk), false);
    is_str(a, "?? ? ?", "LANG=C: what has no ASCII form is ?");
    free(a);
    glyph_t g;
    glyph_next("\xE6\x97\xA5", 3, 0, false, &g);
    ok(g.placeholder && g.width == 1, "LANG=C: ? is a 1-column placeholder");
    glyph_next("\xC3\xA9", 2, 0, false, &g);
    ok(!g.placeholder && strcmp(g.out, "e") == 0, "LANG=C: an accented letter is its letter, not a placeholder");
    is_int(glyph_width(s, strlen(s), false), strlen("\"Hello\" -- it's... cafe Lodz naive 1/2 A x * - e"),
           "LANG=C: width is the length of the ASCII shown");
}

static void test_sanitize(void)
{
    char *a = glyph_sanitize("a\nb\tc\r\nd\x1b[2J", 12, true);
    is_str(a, "a b c d^[[2J", "sanitize: newlines and tabs become one space each, ESC visible");
    free(a);
    a = glyph_sanitize("", 0, true);
    is_str(a, "", "sanitize of nothing is an empty string");
    free(a);
    is_int(glyph_width("abc", 3, true), 3, "glyph_width(abc) is 3");
}

/* ---- paragraphs and captions ---------------------------------------------- */

static void test_paragraphs(void)
{
    const char *t = "One.\nTwo.\n\n  \t\nThree.\r\nFour.\rFive.  \n\n\n  Six  ";
    para_t *p;
    size_t n = split_paragraphs(t, strlen(t), &p);
    is_int(n, 6, "every non-blank line is a paragraph (LF, CRLF, CR)");
    const char *want[] = {"One.", "Two.", "Three.", "Four.", "Five.", "Six"};
    bool good = n == 6;
    for (size_t i = 0; good && i < n; i++)
        good = p[i].end - p[i].start == strlen(want[i]) && memcmp(t + p[i].start, want[i], strlen(want[i])) == 0;
    ok(good, "paragraph ranges hold the line's text, ASCII spaces trimmed");
    free(p);

    n = split_paragraphs(" \n\t\n\xC2\xA0\n\r\n", 9, &p);
    is_int(n, 0, "white space only (NBSP too) gives no paragraphs");
    free(p);
    n = split_paragraphs("", 0, &p);
    is_int(n, 0, "empty text, no paragraphs");
    free(p);

    t = "Story begins.\nRescue workers outside the hall. - MAXIM ORLOV/REUTERS\nStory goes on.";
    n = split_paragraphs(t, strlen(t), &p);
    ok(n == 3 && !p[0].caption && p[1].caption && !p[2].caption, "the caption line is flagged, the story is not");
    free(p);

    /* The layout tests captions only when asked (a long article opens
    ** without testing its every paragraph). */
    layout_t *L = layout_new(t, strlen(t), true);
    ok(layout_npara(L) == 3 && !layout_para_caption(L, 0) && layout_para_caption(L, 1)
       && !layout_para_caption(L, 2) && !layout_para_caption(L, 3),
       "the layout finds the same caption, on asking");
    ok(layout_para_caption(L, 1), "... and asking again gives the same answer");
    layout_free(L);
    /* Line ends of all three kinds, and a CR at the very end. */
    t = "one\r\ntwo\rthree\n\n  four  \r";
    n = split_paragraphs(t, strlen(t), &p);
    ok(n == 4 && p[0].start == 0 && p[0].end == 3 && p[1].start == 5 && p[1].end == 8
       && p[2].start == 9 && p[2].end == 14 && p[3].start == 18 && p[3].end == 22,
       "CRLF, CR and LF all end a line");
    free(p);
}

static void test_captions(void)
{
    static const char *yes[] = {
        "Rescue workers outside the hall. - MAXIM ORLOV/REUTERS",
        "Smoke rises over the port - ANA KOVAC/AFP",
        "Mourners gather in the square. - AFP",
        "The delegation arrives in Vienna - GETTY IMAGES",
        "Firefighters at the depot on Tuesday. \xE2\x80\x93 JOHN O'NEILL/AP",
        "Protesters in the capital. - \xC3\x89RIC DUPONT/AFP",
        "A view of the damaged bridge. - J. SMITH / REUTERS",
    };
    static const char *no[] = {
        "The aid was sent by the UN - UN officials said.",
        "The money came from the fund - UN",
        "KYIV (Reuters) - Officials said the attack was planned.",
        "He said the agency - UN - would help.",
        "Prices rose sharply - 5 PERCENT",
        "- MAXIM ORLOV/REUTERS",
        "MAXIM ORLOV/REUTERS",
        "A line without any dash at all.",
        "Talks went on - and on.",
        "First line. - AFP\nsecond line",
        "He blamed the west - NATO.",
        "We saw it. - AB",
        "",
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        ok(is_caption(yes[i], strlen(yes[i])), "caption: %s", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        char name[128];
        size_t k = 0;
        for (const char *c = no[i]; *c && k < sizeof name - 3; c++)
            if (*c == '\n')
                name[k++] = '\\', name[k++] = 'n';
            else
                name[k++] = *c;
        name[k] = 0;
        ok(!is_caption(no[i], strlen(no[i])), "not a caption: %s", name);
    }
}

/* ---- wrapping ------------------------------------------------------------- */

static void line_text(const char *t, const dline_t *d, char *buf)
{
    memcpy(buf, t + d->start, d->end - d->start);
    buf[d->end - d->start] = 0;
}

static void test_wrap_simple(void)
{
    const char *t = "the quick brown fox jumps";
    layout_t *L = layout_new(t, strlen(t), true);
    layout_set_width(L, 10);
    is_int(layout_width(L), 10, "width set");
    size_t n;
    const dline_t *v = layout_para_lines(L, 0, &n);
    char buf[64];
    is_int(n, 3, "\"the quick brown fox jumps\" at 10: 3 lines");
    line_text(t, &v[0], buf);
    is_str(buf, "the quick ", "line 1 keeps its trailing space");
    is_int(v[0].cols, 10, "... and it fits exactly");
    line_text(t, &v[1], buf);
    is_str(buf, "brown fox ", "line 2");
    line_text(t, &v[2], buf);
    is_str(buf, "jumps", "line 3");

    layout_set_width(L, 5);
    v = layout_para_lines(L, 0, &n);
    line_text(t, &v[0], buf);
    is_str(buf, "the ", "width 5: \"the \"");
    line_text(t, &v[1], buf);
    is_str(buf, "quick ", "a word that fills the width keeps its space, hanging");
    is_int(v[1].cols, 5, "... the hanging space is not counted");
    glyph_t g;
    layout_glyph(L, &v[1], v[1].start + 5, 5, &g);
    ok(g.width == 0 && g.out[0] == 0 && g.len == 1, "... and layout_glyph draws it as nothing");
    layout_free(L);

    t = "aaaa        bbbb";
    L = layout_new(t, strlen(t), true);
    layout_set_width(L, 5);
    v = layout_para_lines(L, 0, &n);
    is_int(n, 2, "many spaces hang at the end of the line");
    ok(n == 2 && v[0].cols == 5 && v[1].start == 12, "... all of them on the first line, 5 columns drawn");
    layout_free(L);

    t = "\xE6\x97\xA5\xE6\x9C\xAC";
    L = layout_new(t, strlen(t), true);
    layout_set_width(L, 1);
    v = layout_para_lines(L, 0, &n);
    is_int(n, 2, "two CJK characters at width 1: one per line");
    ok(v[0].cols == 1 && v[1].cols == 1, "... each line drawn in 1 column");
    layout_glyph(L, &v[0], v[0].start, 0, &g);
    ok(strcmp(g.out, ">") == 0 && g.width == 1 && g.placeholder, "... as a \">\" placeholder");
    layout_set_width(L, 3);
    v = layout_para_lines(L, 0, &n);
    ok(n == 2 && v[0].cols == 2, "at width 3 one CJK character per line, 2 columns");
    layout_set_width(L, 4);
    v = layout_para_lines(L, 0, &n);
    ok(n == 1 && v[0].cols == 4, "at width 4 both on one line");
    layout_free(L);

    t = "ab \xE2\x80\xAE cd";
    L = layout_new(t, strlen(t), true);
    layout_set_width(L, 3);
    v = layout_para_lines(L, 0, &n);
    ok(n == 3, "a 5-column placeholder at width 3 gets a line of its own");
    layout_glyph(L, &v[1], v[1].start, 0, &g);
    is_str(g.out, "<RL", "... cut to fit");
    layout_free(L);

    t = "one\x0btwo";
    L = layout_new(t, strlen(t), true);
    v = layout_para_lines(L, 0, &n);
    ok(n == 2 && v[0].end == 4, "a vertical tab inside a paragraph ends the display line");
    layout_free(L);

    t = "Donau\xC2\xAD" "dampf\xC2\xAD" "schiff";
    L = layout_new(t, strlen(t), true);
    layout_set_width(L, 8);
    v = layout_para_lines(L, 0, &n);
    bool after_shy = false;
    for (size_t i = 0; i + 1 < n; i++)
        if (v[i].end >= 2 && (unsigned char)t[v[i].end - 1] == 0xAD)
            after_shy = true;
    ok(!after_shy, "no line is broken after a soft hyphen (it would need a visible hyphen)");
    layout_free(L);

    /* wrap_para takes printable ASCII without glyph_next (issue 5), but
    ** not a letter that a combining mark follows: "caf\u00e9"-style text
    ** spelt with U+0301 is as wide as it looks. */
    t = "abcde\xCC\x81 fghij klmno";
    L = layout_new(t, strlen(t), true);
    layout_set_width(L, 5);
    v = layout_para_lines(L, 0, &n);
    ok(n == 3 && v[0].end == 8 && v[0].cols == 5,
       "e + combining acute at the end of a full line is one column: 5 glyphs fit in 5");
    line_text(t, &v[2], buf);
    is_str(buf, "klmno", "... and the paragraph's last ASCII byte ends the last line");
    layout_free(L);
}

static void test_width_changes(void)
{
    const char *t = "alpha beta gamma\ndelta epsilon\nzeta";
    layout_t *L = layout_new(t, strlen(t), true);
    layout_set_width(L, 0);
    is_int(layout_width(L), 1, "a width below 1 becomes 1");
    size_t n;
    layout_para_lines(L, 1, &n);
    is_int(n, 12, "width 1: one letter per line, the space hanging");
    is_int(layout_wrapped_count(L), 1, "only the paragraph asked for was wrapped");
    layout_para_lines(L, 1, &n);
    is_int(layout_wrapped_count(L), 1, "asking again uses the cache");
    layout_set_width(L, 1);
    layout_para_lines(L, 1, &n);
    is_int(layout_wrapped_count(L), 1, "setting the same width keeps the cache");
    layout_set_width(L, 40);
    layout_para_lines(L, 1, &n);
    ok(n == 1 && layout_wrapped_count(L) == 2, "a new width wraps again, lazily");
    is_int(layout_para_rows(L, 2), 1, "the last paragraph has no separator row");
    is_int(layout_para_rows(L, 3), 0, "no rows past the end");
    ok(layout_para(L, 3) == NULL, "no paragraph past the end");
    layout_free(L);

    t = "x\t\t\ty";
    L = layout_new(t, strlen(t), true);
    layout_set_width(L, 6);
    const dline_t *v = layout_para_lines(L, 0, &n);
    ok(n == 2 && v[0].end == 4 && v[0].cols == 5, "tabs hang: \"x\\t\\t\\t\" at width 6 draws x and one tab (5 columns)");
    layout_free(L);
}

static void test_wrap_invariants(void)
{
    char why[256];
    /* the nasty texts, one paragraph per text, all in one article */
    size_t tot = 0;
    for (size_t i = 0; i < sizeof nasty / sizeof nasty[0]; i++)
        tot += strlen(nasty[i]) + 2;
    char *big = repeat("a", 10000);
    char *cjkword = repeat("\xE4\xB8\xAD\xE6\x96\x87", 2000);
    char *marks = repeat("\xCC\x81", 3000);
    char *emojis = repeat("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\xE2\x80\x8D", 300);
    const char *extra[] = {big, cjkword, marks, emojis};
    for (size_t i = 0; i < 4; i++)
        tot += strlen(extra[i]) + 2;
    char *art = malloc(tot + 1), *p = art;
    for (size_t i = 0; i < sizeof nasty / sizeof nasty[0]; i++)
        p += sprintf(p, "%s\n\n", nasty[i]);
    for (size_t i = 0; i < 4; i++)
        p += sprintf(p, "%s\n", extra[i]);
    size_t len = (size_t)(p - art);

    for (int u = 1; u >= 0; u--) {
        layout_t *L = layout_new(art, len, u);
        is_int(layout_npara(L), sizeof nasty / sizeof nasty[0] + 4, "%s: paragraphs of the torture article", u ? "UTF-8" : "LANG=C");
        bool good = true;
        int bad_w = 0;
        for (int w = 1; w <= 80 && good; w++)
            if (!layout_ok(L, art, len, w, why, sizeof why)) {
                good = false;
                bad_w = w;
            }
        ok(good, "%s: widths 1..80: every line fits, lines tile each paragraph, drawn = cols%s%s (width %d)",
           u ? "UTF-8" : "LANG=C", good ? "" : ": ", good ? "" : why, bad_w);
        /* and the 10k-character word is cut into full lines */
        layout_set_width(L, 37);
        size_t n;
        const dline_t *v = layout_para_lines(L, layout_npara(L) - 4, &n);
        ok(n == (10000 + 36) / 37 && v[0].cols == 37, "%s: a 10000-letter word at 37 columns: %zu full lines", u ? "UTF-8" : "LANG=C", n);
        layout_free(L);
    }
    free(art);
    free(big);
    free(cjkword);
    free(marks);
    free(emojis);
}

/* ---- positions and scrolling ------------------------------------------- */

static void test_positions(void)
{
    const char *t = "\n\nFirst paragraph has some words in it.\n\nSecond.\n   \nThird paragraph, longer than the others by a good margin.\n";
    layout_t *L = layout_new(t, strlen(t), true);
    layout_set_width(L, 12);
    size_t rows0 = layout_para_rows(L, 0), rows1 = layout_para_rows(L, 1), rows2 = layout_para_rows(L, 2);
    size_t n0, n2;
    layout_para_lines(L, 0, &n0);
    layout_para_lines(L, 2, &n2);
    is_int(rows0, n0 + 1, "a paragraph's rows include its separator");
    is_int(rows1, 2, "\"Second.\" is one line plus separator");
    is_int(rows2, n2, "the last paragraph has no separator");
    size_t total = rows0 + rows1 + rows2;

    dline_t d;
    bool blank;
    lpos_t pos = {0, 0};
    ok(layout_row(L, pos, &d, &blank) && !blank && d.start == layout_para(L, 0)->start, "row 0 is the first line");
    pos.line = n0;
    ok(layout_row(L, pos, &d, &blank) && blank, "row after paragraph 0's lines is blank");
    pos.para = 2;
    pos.line = n2;
    ok(!layout_row(L, pos, &d, &blank), "no row past the last line");
    pos.para = 3;
    pos.line = 0;
    ok(!layout_row(L, pos, &d, &blank), "no row past the last paragraph");

    /* moving */
    pos.para = pos.line = 0;
    long m = layout_move(L, &pos, 1000);
    is_int(m, (long)total - 1, "move down 1000 stops at the last row");
    ok(pos.para == 2 && pos.line == n2 - 1, "... which is the last line of the last paragraph");
    m = layout_move(L, &pos, 1);
    is_int(m, 0, "no further down");
    m = layout_move(L, &pos, -1000);
    is_int(m, -((long)total - 1), "move up 1000 comes back the same number of rows");
    ok(pos.para == 0 && pos.line == 0, "... to the top");
    is_int(layout_move(L, &pos, -1), 0, "no further up");

    bool round = true;
    for (long start = 0; start < (long)total && round; start++)
        for (long delta = -(long)total; delta <= (long)total && round; delta++) {
            lpos_t a = {0, 0};
            layout_move(L, &a, start);
            lpos_t b = a;
            long got = layout_move(L, &b, delta);
            long back = layout_move(L, &b, -got);
            if (back != -got || b.para != a.para || b.line != a.line)
                round = false;
            long want = start + delta < 0 ? -start : start + delta > (long)total - 1 ? (long)total - 1 - start : delta;
            if (got != want)
                round = false;
        }
    ok(round, "move by N then by minus what it moved returns to the same row, from every row");

    /* bytes and rows */
    bool bytes = true;
    for (size_t p = 0; p < layout_npara(L); p++) {
        size_t n;
        const dline_t *v = layout_para_lines(L, p, &n);
        for (size_t l = 0; l < n; l++)
            for (size_t b = v[l].start; b < v[l].end; b++) {
                lpos_t q = layout_pos_of_byte(L, b);
                if (q.para != p || q.line != l)
                    bytes = false;
            }
        for (size_t l = 0; l < n; l++) {
            lpos_t q = {p, l};
            if (layout_byte_of_pos(L, q) != v[l].start)
                bytes = false;
        }
    }
    ok(bytes, "every byte of every line maps to its row, and each row to its first byte");
    pos = layout_pos_of_byte(L, 0);
    ok(pos.para == 0 && pos.line == 0, "leading blank lines belong to the first paragraph");
    size_t gap = layout_para(L, 1)->end + 1;
    pos = layout_pos_of_byte(L, gap);
    ok(pos.para == 2 && pos.line == 0, "bytes between paragraphs belong to the next one");
    pos = layout_pos_of_byte(L, strlen(t) + 100);
    ok(pos.para == 2 && pos.line == n2 - 1, "bytes past the end map to the last row");
    lpos_t sep = {0, n0};
    is_int(layout_byte_of_pos(L, sep), layout_para(L, 0)->end, "a separator row's byte is its paragraph's end");
    lpos_t past = {7, 0};
    is_int(layout_byte_of_pos(L, past), strlen(t), "past the end: the text length");
    layout_free(L);

    L = layout_new("", 0, true);
    pos.para = pos.line = 0;
    is_int(layout_npara(L), 0, "empty article: no paragraphs");
    is_int(layout_move(L, &pos, 5), 0, "empty article: nothing to move");
    ok(!layout_row(L, pos, &d, &blank), "empty article: no rows");
    layout_free(L);
}

static void test_huge(void)
{
    /* 5 MB: 100,000 paragraphs of about 50 bytes */
    size_t np = 100000;
    char *t = malloc(np * 60 + 1), *p = t;
    for (size_t i = 0; i < np; i++)
        p += sprintf(p, "Paragraph %06zu says the \xE2\x80\x9Cquick\xE2\x80\x9D brown fox jumps.\n", i);
    size_t len = (size_t)(p - t);
    ok(len > 5000000, "generated %zu bytes in %zu paragraphs", len, np);
    layout_t *L = layout_new(t, len, true);
    layout_set_width(L, 30);
    is_int(layout_npara(L), np, "all paragraphs found");
    is_int(layout_wrapped_count(L), 0, "nothing wrapped before anything is shown");
    lpos_t pos = layout_pos_of_byte(L, len / 2);
    ok(pos.para == np / 2 || pos.para == np / 2 - 1 || pos.para == np / 2 + 1, "the middle byte is in the middle paragraph (%zu)", pos.para);
    ok(layout_wrapped_count(L) <= 1, "finding it wrapped %zu paragraph(s)", layout_wrapped_count(L));
    size_t before = layout_wrapped_count(L);
    long m = layout_move(L, &pos, 40);
    is_int(m, 40, "scroll 40 rows");
    ok(layout_wrapped_count(L) - before <= 40, "... wrapping only the paragraphs crossed (%zu)", layout_wrapped_count(L) - before);
    for (int i = 0; i < 40; i++) {
        dline_t d;
        bool blank;
        layout_row(L, pos, &d, &blank);
        layout_move(L, &pos, 1);
    }
    ok(layout_wrapped_count(L) < 100, "a screenful scrolled: %zu paragraphs wrapped of %zu", layout_wrapped_count(L), np);
    pos = layout_pos_of_byte(L, len);
    ok(pos.para == np - 1, "End: the last paragraph");
    layout_move(L, &pos, -30);
    ok(layout_wrapped_count(L) < 120, "End and a screen up still wraps little (%zu)", layout_wrapped_count(L));
    size_t b = layout_byte_of_pos(L, pos);
    layout_set_width(L, 50);
    lpos_t q = layout_pos_of_byte(L, b);
    ok(q.para == pos.para, "after a resize the reading place stays in the same paragraph");
    layout_free(L);

    /* one 5 MB paragraph with no newline: wrapped once, in one piece */
    for (char *c = t; c < t + len; c++)
        if (*c == '\n')
            *c = ' ';
    L = layout_new(t, len, true);
    layout_set_width(L, 72);
    size_t n;
    const dline_t *v = layout_para_lines(L, 0, &n);
    bool good = n > 1 && v[0].start == layout_para(L, 0)->start && v[n - 1].end == layout_para(L, 0)->end;
    for (size_t i = 0; good && i < n; i++)
        good = v[i].cols <= 72 && (i + 1 == n || v[i].end == v[i + 1].start);
    ok(good, "a 5 MB paragraph wraps into %zu lines that fit and tile it", n);
    pos = layout_pos_of_byte(L, len / 2);
    ok(pos.line > 0 && v[pos.line].start <= len / 2 && len / 2 < v[pos.line].end, "a byte in its middle finds its line");
    is_int(layout_wrapped_count(L), 1, "wrapped once");
    layout_free(L);
    free(t);
}

/* glyph_width and glyph_sanitize take runs of printable ASCII whole
** (issue 5): what they give must be what glyph_next gives a glyph at a
** time, for text that mixes ASCII with controls, marks on an ASCII letter,
** wide glyphs, bidirectional controls and bytes that are not UTF-8. */
static void test_ascii_runs(void)
{
    static const char *const bits[] = {
        "a", "Z", " ", "~", "12", "e\xcc\x81", "\xe6\x97\xa5", "\t", "\n", "\r\n",
        "\x1b[31m", "\x7f", "\xe2\x80\xae", "\xff", "o\xcc\x88\xcc\x81", "\xc3\xa9",
    };
    unsigned seed = 7;
    int bad_w = 0, bad_s = 0, bad_m = 0;
    for (int i = 0; i < 3000; i++) {
        char s[128] = "";
        int k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
        for (int j = 0; j < k; j++) {
            seed = seed * 1103515245u + 12345u;
            strcat(s, bits[(seed >> 16) % (sizeof bits / sizeof bits[0])]);
        }
        size_t len = strlen(s);
        for (int u = 0; u < 2; u++) {
            /* the reference: glyph_next a glyph at a time */
            char want[1024] = "";
            glyph_t g;
            for (size_t at = 0; at < len; at += g.len) {
                if (s[at] == '\r' && at + 1 < len && s[at + 1] == '\n')
                    at++;
                if (s[at] == '\n' || s[at] == '\r' || s[at] == '\t') {
                    strcat(want, " ");
                    g.len = 1;
                    continue;
                }
                glyph_next(s, len, at, u, &g);
                if (g.len == 0)
                    break;
                strcat(want, g.out);
            }
            size_t gw = 0;
            for (size_t at = 0; at < len; at += g.len) {
                glyph_next(s, len, at, u, &g);
                if (g.len == 0)
                    break;
                gw += (size_t)g.width;
            }
            if (glyph_width(s, len, u) != gw)
                bad_w++;
            /* glyph_width_max tells the same fit for every max, and the
            ** width itself where it fits. */
            for (size_t max = 0; max <= gw + 2; max++) {
                size_t m = glyph_width_max(s, len, u, max);
                if (gw <= max ? m != gw : m <= max)
                    bad_m++;
            }
            char *got = glyph_sanitize(s, len, u);
            if (strcmp(got, want))
                bad_s++;
            free(got);
        }
    }
    is_int(bad_w, 0, "glyph_width of 3000 mixed strings, both locales: as glyph_next counts");
    is_int(bad_s, 0, "glyph_sanitize of them: as glyph_next gives them");
    is_int(bad_m, 0, "glyph_width_max of them, each max up to their width + 2: fits where glyph_width fits");
    is_int(glyph_width_max("abc\xcc\x81", 5, true, 2), 3, "a cut in ASCII before a mark still counts past max");
    ok(glyph_width_max("abcdefgh", 8, true, 3) > 3, "long ASCII: over max");
    is_int(glyph_width("abc\xcc\x81", 5, true), 3, "a mark after the last ASCII letter stays on it");
    char *c = glyph_sanitize("ab\x1b[0mc", 7, true);
    ok(!strchr(c, '\x1b'), "an escape inside ASCII is still replaced");
    free(c);
}

int main(void)
{
    test_glyphs();
    test_ascii();
    test_sanitize();
    test_paragraphs();
    test_captions();
    test_wrap_simple();
    test_width_changes();
    test_wrap_invariants();
    test_positions();
    test_huge();
    test_ascii_runs();
    return done_testing();
}
