/*
** tui_prompt.c: a one-line editor on the status line, for the :, / and
** note prompts, the reading of keys as characters under it, and the key
** hints the screens' status lines show when no prompt is open.  What is
** typed is drawn through glyph_next like every other text, so a pasted
** escape sequence shows as a placeholder.
**
** Editing: Left/Right, Home/End (Ctrl-A/Ctrl-E), Backspace, Delete
** (Ctrl-D), Ctrl-U (erase to the start), Ctrl-W (erase a word), Enter,
** Esc/Ctrl-C/Ctrl-G (cancel).
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

int tui_get_wch(WINDOW *w, int delay_ms, wint_t *out)
{
    int c = wgetch(w);
    if (c == ERR)
        return ERR;
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

/* What is said of a key left out (TUI_KEY_UNREADABLE), at the right of
** the line, in the first wording that leaves the label and the text (with
** the cursor after it) their room, or at least 16 cells;
** search says accents need not be typed, since it ignores them (and a
** letter without its accent is what such a terminal can send). */
static const char *notice_text(tui_t *t, const char *label, int W, int used,
                               char *buf, size_t size)
{
    const char *cs = codeset_name();
    bool utf8 = strcmp(cs, "UTF-8") == 0;
    bool search = label[0] == '/' || strncmp(label, "filter", 6) == 0;
    const char *accents = search ? "; accents need not be typed" : "";
    for (int form = 0; form < 4; form++) {
        if (form == 0 && utf8)
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

static void draw_line(tui_t *t, const char *label, const line_t *l, bool left_out)
{
    WINDOW *w = t->status;
    int W = getmaxx(w);
    werase(w);
    if (left_out) {
        char buf[160];
        int used = tui_width(t, label) + 2;
        for (size_t i = 0; i < l->n; i++)
            used += cp_glyph(t, l->c[i]).width;
        const char *m = notice_text(t, label, W, used, buf, sizeof buf);
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
    bool was_in = t->in_prompt, left_out = false;
    t->in_prompt = true;
    curs_set(1);
    for (;;) {
        if (t->too_small) {
            tui_draw_all(t);
        } else {
            draw_line(t, label, &l, left_out);
        }
        int k = tui_read_key(t);
        if (k < 0)
            break;
        /* Said until the prompt closes: keys typed on at once would
        ** take a notice that lasted one key off before it was seen. */
        if (k == FK(TUI_KEY_UNREADABLE)) {
            left_out = true;
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
        } else if (k >= 0x20 && k < 0x110000 && k != 0x7f &&
                   !(k >= 0x80 && k < 0xa0) && !(k >= 0xd800 && k < 0xe000)) {
            line_insert(&l, (uint32_t)k);
        }
    }
    t->in_prompt = was_in;
    curs_set(0);
    free(l.c);
    return result;
}
