/*
** tui_prompt.c: a one-line editor on the status line, for the :, / and
** note prompts, the reading of keys as characters under it, and the key
** hints the screens' status lines show when no prompt is open.  What is
** typed is drawn through glyph_next like every other text, so a pasted
** escape sequence shows as a placeholder.
**
** Editing: Left/Right, Home/End (Ctrl-A/Ctrl-E), Backspace, Delete
** (Ctrl-D), Ctrl-U (erase to the start), Ctrl-W (erase a word), Enter,
** Esc/Ctrl-C/Ctrl-G (cancel).  A bracketed paste goes in as text.
*/
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <wchar.h>

#include "tui_view.h"
#include "util.h"

/* ---- keys as characters ------------------------------------------------
** curses' wget_wch gathers a multibyte character by reading on until the
** bytes make one, across its timeouts and up to some 150 bytes: a byte
** that starts no character in the locale (any byte past ASCII under
** LANG=C, a Latin-1 terminal's é under UTF-8) took with it every key typed
** until a pause, and left the prompt looking stuck.  The bytes are
** therefore read one by one here and made into characters: as the
** locale's character set has them, else as UTF-8 (over SSH a terminal
** that sends UTF-8 into a LANG=C session is the common case, and what it
** means is clear), else left out, one byte at a time, as
** TUI_KEY_UNREADABLE, so that the prompt can say so and the keys after it
** are read as they come.  (wgetch keeps a byte's eighth bit wherever the
** terminal's line does: curses strips it only on a 7-bit line.) */

/* How long the rest of a character may lag behind its first byte: the
** bytes of one key travel together, even over SSH. */
#define CHAR_REST_MS 100

/* The bytes after the first one back to curses, to be read again. */
static void give_back(const unsigned char *b, size_t n, int after)
{
    if (after != ERR)
        ungetch(after);
    while (n > 1)
        ungetch(b[--n]);
}

static void paste_read(WINDOW *w);

int tui_get_wch(WINDOW *w, int delay_ms, wint_t *out)
{
    int c;
    do
        c = wgetch(w);
    while (c == TUI_KEY_PASTE_END);     /* an end with no start ends nothing */
    if (c == ERR)
        return ERR;
    if (c == TUI_KEY_PASTE) {
        paste_read(w);
        wtimeout(w, delay_ms);
        *out = TUI_KEY_PASTE;
        return KEY_CODE_YES;
    }
    if (c >= KEY_MIN || c > UCHAR_MAX) {
        *out = (wint_t)c;
        return KEY_CODE_YES;
    }
    wint_t wc = btowc(c);
    if (wc != WEOF) {
        *out = wc;
        return OK;
    }
    unsigned char b[MB_LEN_MAX > 8 ? MB_LEN_MAX : 8];
    size_t n = 0;
    b[n++] = (unsigned char)c;
    int rc = KEY_CODE_YES;
    *out = TUI_KEY_UNREADABLE;
    wtimeout(w, CHAR_REST_MS);
    for (;;) {
        mbstate_t st;
        memset(&st, 0, sizeof st);
        wchar_t w1;
        size_t r = mbrtowc(&w1, (const char *)b, n, &st);
        if (r != (size_t)-1 && r != (size_t)-2) {
            *out = (wint_t)w1;
            rc = OK;
            break;
        }
        ucs4_t uc;
        int u = r == (size_t)-1 ? u8_mbtoucr(&uc, b, n) : -2;
        if (u > 0) {
            *out = (wint_t)uc;
            rc = OK;
            break;
        }
        if (u == -1 || n == sizeof b) {
            give_back(b, n, ERR);
            break;
        }
        int d = wgetch(w);
        if (d == ERR)
            break;          /* a lead byte alone: left out */
        if (d >= KEY_MIN || d > UCHAR_MAX) {
            give_back(b, n, d);
            break;
        }
        b[n++] = (unsigned char)d;
    }
    wtimeout(w, delay_ms);
    return rc;
}

/* ---- pasted text -------------------------------------------------------
** Between the terminal's marks (TUI_KEY_PASTE and TUI_KEY_PASTE_END) the
** bytes are text, whatever they are: a pasted "d" must not tag a quote,
** nor a line break end a prompt and run the next line as keys.  They are
** read to the end mark, and made into characters by the rules that keys
** follow (above): as the locale's, else as UTF-8, else left out.  A
** prompt has one line, so a line break, with the blanks around it,
** becomes one space, and a tab a space; other control characters are
** left out, as when typed.  A terminal that loses the end mark must not
** leave the reader taking keys as a paste for ever: a pause of
** PASTE_GAP_MS ends it too (the bytes of one paste come together, even
** over SSH).  What a prompt cannot hold is read, so as not to be taken
** for keys, and left out. */

#define PASTE_GAP_MS 2000
#define PASTE_BYTES (64 * 1024)
#define NO_CHAR 0xffffffffu

static struct {
    unsigned char raw[PASTE_BYTES];
    size_t nraw;
    bool raw_cut;               /* more came than raw holds */
    uint32_t text[PROMPT_MAX];  /* the characters a prompt takes */
    size_t n;
    bool more;                  /* and more than text holds */
    bool left_out;              /* bytes that were no character */
} paste;

static void paste_add(unsigned char c)
{
    if (paste.nraw < sizeof paste.raw)
        paste.raw[paste.nraw++] = c;
    else
        paste.raw_cut = true;
}

/* The character at b[0..n), by the rules of tui_get_wch; NO_CHAR for a
** byte that is none.  The bytes it takes. */
static size_t paste_char(const unsigned char *b, size_t n, uint32_t *c)
{
    wint_t wc = btowc(b[0]);
    if (wc != WEOF) {
        *c = (uint32_t)wc;
        return 1;
    }
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t w1;
    size_t r = mbrtowc(&w1, (const char *)b, n, &st);
    if (r != (size_t)-1 && r != (size_t)-2 && r > 0) {
        *c = (uint32_t)w1;
        return r;
    }
    ucs4_t uc;
    int u = u8_mbtoucr(&uc, b, n);
    if (u > 0) {
        *c = uc;
        return (size_t)u;
    }
    *c = NO_CHAR;
    return 1;
}

/* What a prompt takes as text, typed or pasted: no control character
** (C0, DEL, C1), no surrogate, nothing past Unicode. */
static bool text_char(uint32_t c)
{
    return c >= 0x20 && c < 0x110000 && c != 0x7f && !(c >= 0x80 && c < 0xa0)
        && !(c >= 0xd800 && c < 0xe000);
}

static void paste_put(uint32_t c)
{
    if (paste.n < PROMPT_MAX)
        paste.text[paste.n++] = c;
    else
        paste.more = true;
}

/* The length of the escape sequence at b[0] (an ESC), to leave out of a
** paste whole: a pasted colour or window title left its parameters
** behind as text ("]0;title") when only its ESC and BEL went.  CSI runs
** to its final byte; OSC, DCS and the other strings to BEL or ESC \;
** any other ESC takes one more printable ASCII byte. */
static size_t escape_len(const unsigned char *b, size_t n)
{
    if (n < 2)
        return n;
    /* An escape takes a printable ASCII byte after it; before anything
    ** else (a letter in UTF-8, a control) the Esc alone goes, and the
    ** letter stays whole. */
    if (b[1] < 0x20 || b[1] > 0x7e)
        return 1;
    size_t i = 2;
    if (b[1] == '[') {
        while (i < n && !(b[i] >= 0x40 && b[i] <= 0x7e))
            i++;
        return i < n ? i + 1 : n;
    }
    if (b[1] == ']' || b[1] == 'P' || b[1] == 'X' || b[1] == '^' || b[1] == '_') {
        for (; i < n; i++) {
            if (b[i] == 0x07)
                return i + 1;
            if (b[i] == 0x1b && i + 1 < n && b[i + 1] == '\\')
                return i + 2;
        }
        return n;
    }
    return 2;
}

static void paste_decode(void)
{
    paste.n = 0;
    paste.more = paste.raw_cut;
    paste.left_out = false;
    bool brk = false;
    for (size_t i = 0; i < paste.nraw; ) {
        uint32_t c;
        if (paste.raw[i] == 0x1b) {
            i += escape_len((const unsigned char *)paste.raw + i, paste.nraw - i);
            continue;
        }
        i += paste_char(paste.raw + i, paste.nraw - i, &c);
        if (c == NO_CHAR) {
            paste.left_out = true;
            continue;
        }
        if (c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029) {
            brk = true;
            while (paste.n > 0 && paste.text[paste.n - 1] == ' ')
                paste.n--;
            continue;
        }
        if (c == '\t')
            c = ' ';
        if (!text_char(c))
            continue;
        if (brk) {
            if (c == ' ')
                continue;       /* the next line's indent */
            if (paste.n > 0)
                paste_put(' ');
            brk = false;
        }
        paste_put(c);
    }
}

/* Read the paste whose start mark curses has just returned, to its end
** mark.  Keys that curses made of bytes in it (a pasted escape sequence)
** are left out.  An end mark that came in pieces (split by a pause longer
** than curses waits for the rest of a key) is found among the bytes.
** An end mark with more of the paste right behind it was in the text
** pasted (a page can put one on the clipboard, to have what follows it
** run as keys), and is left out: the real end comes last. */
#define PASTE_MORE_MS 5

static bool more_follows(WINDOW *w)
{
    wtimeout(w, PASTE_MORE_MS);
    int c = wgetch(w);
    wtimeout(w, PASTE_GAP_MS);
    if (c == ERR)
        return false;
    ungetch(c);
    return true;
}

static void paste_read(WINDOW *w)
{
    static const char end[] = "\033[201~";
    size_t held = 0;            /* bytes of such an end mark so far */
    bool resized = false;
    paste.nraw = 0;
    paste.raw_cut = false;
    wtimeout(w, PASTE_GAP_MS);
    for (;;) {
        int c = wgetch(w);
        /* ERR: a pause, the end mark lost; or a signal, which the key
        ** read that follows sees; or the end of input, likewise. */
        if (c == ERR)
            break;
        if (c == TUI_KEY_PASTE_END) {
            if (!more_follows(w))
                break;
            continue;
        }
        if (c == KEY_RESIZE) {
            resized = true;
            continue;
        }
        if (c >= KEY_MIN || c > UCHAR_MAX)
            continue;
        if (c == (unsigned char)end[held]) {
            if (++held == sizeof end - 1) {
                held = 0;
                if (!more_follows(w))
                    break;
            }
            continue;
        }
        for (size_t i = 0; i < held; i++)
            paste_add((unsigned char)end[i]);
        held = c == end[0];
        if (!held)
            paste_add((unsigned char)c);
    }
    for (size_t i = 0; i < held; i++)
        paste_add((unsigned char)end[i]);
    if (resized)
        ungetch(KEY_RESIZE);
    paste_decode();
}

void tui_paste_ignored(tui_t *t)
{
    if (TOP_SCREEN(t) == SCR_ARTICLE)
        tui_message(t, false, "paste ignored (press a to write a note, / to search)");
    else if (TOP_SCREEN(t) == SCR_LIBRARY)
        tui_message(t, false, "paste ignored (press / to filter the list)");
    else
        tui_message(t, false, "paste ignored");
}

/* The character set a key was not text in, as people know it. */
static const char *codeset_name(void)
{
    const char *cs = nl_langinfo(CODESET);
    if (!cs || !*cs || strcmp(cs, "ANSI_X3.4-1968") == 0)
        return "ASCII";
    return cs;
}

/* ---- key hints ---------------------------------------------------------
** A hint cut in the middle ("Esc: all art") reads as a wrong key or a
** wrong meaning, so hints are shown whole or not at all: the most
** important ones are chosen first, and those chosen are drawn in their
** own order, two blanks apart. */

int tui_put_hints(tui_t *t, WINDOW *w, int y, int x, int xmax,
                  const tui_hint_t *h, size_t n)
{
    bool use[16] = { false };
    if (n > sizeof use / sizeof use[0])
        n = sizeof use / sizeof use[0];
    int width = 0;
    for (int rank = 0; rank < 16; rank++)
        for (size_t i = 0; i < n; i++) {
            if (h[i].rank != rank)
                continue;
            int hw = tui_width(t, h[i].text) + (width ? 2 : 0);
            if (x + width + hw <= xmax) {
                use[i] = true;
                width += hw;
            }
        }
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (!use[i])
            continue;
        x = tui_puts(t, w, y, first ? x : x + 2, xmax, h[i].text);
        first = false;
    }
    return x;
}

/* ---- the line ---------------------------------------------------------- */

typedef struct line {
    uint32_t *c;
    size_t n, cap, cur;
} line_t;

static void line_insert(line_t *l, uint32_t ch)
{
    grow_array((void **)&l->c, &l->cap, l->n + 1, sizeof *l->c);
    memmove(l->c + l->cur + 1, l->c + l->cur, (l->n - l->cur) * sizeof *l->c);
    l->c[l->cur++] = ch;
    l->n++;
}

static void line_insert_n(line_t *l, const uint32_t *c, size_t n)
{
    if (n == 0)
        return;
    grow_array((void **)&l->c, &l->cap, l->n + n, sizeof *l->c);
    memmove(l->c + l->cur + n, l->c + l->cur, (l->n - l->cur) * sizeof *l->c);
    memcpy(l->c + l->cur, c, n * sizeof *c);
    l->cur += n;
    l->n += n;
}

static void line_erase(line_t *l, size_t from, size_t to)
{
    /* Nothing to erase: an empty line has no buffer yet, and memmove
    ** must not be given its NULL, even for no bytes. */
    if (from == to)
        return;
    memmove(l->c + from, l->c + to, (l->n - to) * sizeof *l->c);
    l->n -= to - from;
    l->cur = from;
}

static char *line_utf8(const line_t *l)
{
    size_t len = 0;
    uint8_t *u = u32_to_u8(l->c, l->n, NULL, &len);
    char *s = xmalloc(len + 1);
    if (u)
        memcpy(s, u, len);
    s[len] = '\0';
    free(u);
    return s;
}

static glyph_t cp_glyph(tui_t *t, uint32_t ch)
{
    char b[8];
    int k = u8_uctomb((uint8_t *)b, ch, sizeof b);
    glyph_t g;
    if (k <= 0) {
        b[0] = '?';
        k = 1;
    }
    glyph_next(b, (size_t)k, 0, t->utf8, &g);
    return g;
}

/* What the right of the line says, until the prompt closes: the last of
** these that happened. */
enum { NOTICE_NONE, NOTICE_LEFT_OUT, NOTICE_FULL };

/* What is said of a key left out (TUI_KEY_UNREADABLE), or of text that
** the line had no room for, at the right of the line, in the first
** wording that leaves the label and the text (with the cursor after it)
** their room, or at least 16 cells;
** search says accents need not be typed, since it ignores them (and a
** letter without its accent is what such a terminal can send). */
static const char *notice_text(tui_t *t, const char *label, int notice, int W,
                               int used, char *buf, size_t size)
{
    const char *cs = codeset_name();
    bool utf8 = strcmp(cs, "UTF-8") == 0;
    bool search = label[0] == '/' || strncmp(label, "filter", 6) == 0;
    const char *accents = search ? "; accents need not be typed" : "";
    for (int form = 0; form < 4; form++) {
        if (notice == NOTICE_FULL)
            snprintf(buf, size, "%s", form == 0 ? "the line holds " TUI_STR(PROMPT_MAX)
                     " characters; the rest is left out"
                     : form == 1 ? "line full: " TUI_STR(PROMPT_MAX) " characters"
                     : form == 2 ? "line full" : "full");
        else if (form == 0 && utf8)
            snprintf(buf, size, "left out a key that is not UTF-8, the "
                     "locale's character set%s", accents);
        else if (form == 0)
            snprintf(buf, size, "left out a key not in this locale's "
                     "character set (%s) nor UTF-8%s", cs, accents);
        else if (form == 1 && !search)
            continue;
        else if (form == 1 || form == 2)
            snprintf(buf, size, "left out: not %s%s%s", cs,
                     utf8 ? "" : " nor UTF-8", form == 1 ? accents : "");
        else
            snprintf(buf, size, "left out");
        int nw = tui_width(t, buf) + 2;
        if (W - nw >= (used < 16 ? used : 16))
            return buf;
    }
    return NULL;
}

static void draw_line(tui_t *t, const char *label, const line_t *l, int notice)
{
    WINDOW *w = t->status;
    int W = getmaxx(w);
    werase(w);
    if (notice != NOTICE_NONE) {
        char buf[160];
        int used = tui_width(t, label) + 2;
        for (size_t i = 0; i < l->n && used < W; i++)
            used += cp_glyph(t, l->c[i]).width;
        const char *m = notice_text(t, label, notice, W, used, buf, sizeof buf);
        if (m) {
            int mw = tui_width(t, m);
            tui_set_role(w, R_ERROR);
            tui_puts(t, w, 0, W - mw, W, m);
            W -= mw + 1;
        }
    }
    tui_set_role(w, R_NORMAL);
    /* A label that would leave the text under 10 cells is cut (with an
    ** ellipsis) so that what is typed can be seen: "filter (empty:
    ** all): " is wider than a 20-column terminal. */
    int lmax = tui_width(t, label) > W - 10 ? W - 10 : W;
    int x = tui_puts_clip(t, w, 0, 0, lmax > 1 ? lmax : 1, label);
    int lx = x;
    int avail = W - x - 1;
    if (avail < 1)
        avail = 1;
    /* Scroll so that the cursor stays in view. */
    size_t start = 0;
    int before = 0;
    for (size_t i = 0; i < l->cur; i++)
        before += cp_glyph(t, l->c[i]).width;
    while (before > avail - 1 && start < l->cur)
        before -= cp_glyph(t, l->c[start++]).width;
    int cx = x;
    for (size_t i = start; i < l->n; i++) {
        glyph_t g = cp_glyph(t, l->c[i]);
        if (g.width <= 0)
            continue;
        if (x + g.width > W - 1)
            break;
        mvwaddstr(w, 0, x, g.out);
        x += g.width;
        if (i + 1 == l->cur)
            cx = x;
    }
    if (l->cur == start)
        cx = lx;
    wmove(w, 0, cx < W ? cx : W - 1);
    wnoutrefresh(w);
    doupdate();
}

char *tui_prompt(tui_t *t, const char *label, const char *initial)
{
    line_t l = {0};
    if (initial && *initial) {
        size_t n = 0;
        uint32_t *u = u8_to_u32((const uint8_t *)initial, strlen(initial), NULL, &n);
        for (size_t i = 0; u && i < n; i++)
            line_insert(&l, u[i]);
        free(u);
    }
    char *result = NULL;
    bool was_in = t->in_prompt;
    int notice = NOTICE_NONE;
    t->in_prompt = true;
    curs_set(1);
    for (;;) {
        if (t->too_small) {
            tui_draw_all(t);
        } else {
            draw_line(t, label, &l, notice);
        }
        int k = tui_read_key(t);
        if (k < 0)
            break;
        /* Said until the prompt closes: keys typed on at once would
        ** take a notice that lasted one key off before it was seen. */
        if (k == FK(TUI_KEY_UNREADABLE)) {
            notice = NOTICE_LEFT_OUT;
            continue;
        }
        if (k == FK(TUI_KEY_PASTE)) {
            size_t room = l.n < PROMPT_MAX ? PROMPT_MAX - l.n : 0;
            size_t n = paste.n < room ? paste.n : room;
            line_insert_n(&l, paste.text, n);
            if (paste.left_out)
                notice = NOTICE_LEFT_OUT;
            if (n < paste.n || paste.more)
                notice = NOTICE_FULL;
            continue;
        }
        if (k == FK(KEY_RESIZE)) {
            tui_layout(t);
            clearok(curscr, TRUE);
            tui_draw_all(t);
            continue;
        }
        if (k == '\r' || k == '\n' || k == FK(KEY_ENTER)) {
            result = line_utf8(&l);
            break;
        }
        if (k == 27 || k == CTRL('g') || k == CTRL('c'))
            break;
        if (k == FK(KEY_LEFT)) {
            if (l.cur > 0) l.cur--;
        } else if (k == FK(KEY_RIGHT)) {
            if (l.cur < l.n) l.cur++;
        } else if (k == FK(KEY_HOME) || k == CTRL('a')) {
            l.cur = 0;
        } else if (k == FK(KEY_END) || k == CTRL('e')) {
            l.cur = l.n;
        } else if (k == FK(KEY_BACKSPACE) || k == 0x7f || k == CTRL('h')) {
            if (l.n == 0)
                break;          /* backspace on an empty line cancels */
            if (l.cur > 0)
                line_erase(&l, l.cur - 1, l.cur);
        } else if (k == FK(KEY_DC) || k == CTRL('d')) {
            if (l.cur < l.n)
                line_erase(&l, l.cur, l.cur + 1);
        } else if (k == CTRL('u')) {
            line_erase(&l, 0, l.cur);
        } else if (k == CTRL('w')) {
            size_t i = l.cur;
            while (i > 0 && l.c[i - 1] == ' ')
                i--;
            while (i > 0 && l.c[i - 1] != ' ')
                i--;
            line_erase(&l, i, l.cur);
        } else if (k >= 0 && text_char((uint32_t)k)) {
            if (l.n < PROMPT_MAX)
                line_insert(&l, (uint32_t)k);
            else
                notice = NOTICE_FULL;
        }
    }
    t->in_prompt = was_in;
    curs_set(0);
    free(l.c);
    return result;
}
