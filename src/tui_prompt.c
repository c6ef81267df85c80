/*
** tui_prompt.c: a one-line editor on the status line, for the :, / and
** note prompts.  Keys arrive as wide characters through wget_wch, so any
** UTF-8 input works; what is typed is drawn through glyph_next like every
** other text, so a pasted escape sequence shows as a placeholder.
**
** Editing: Left/Right, Home/End (Ctrl-A/Ctrl-E), Backspace, Delete,
** Ctrl-U (erase to the start), Ctrl-W (erase a word), Enter, Esc/Ctrl-G.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "tui_view.h"
#include "util.h"

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

static void draw_line(tui_t *t, const char *label, const line_t *l)
{
    WINDOW *w = t->status;
    int W = getmaxx(w);
    werase(w);
    tui_set_role(w, R_NORMAL);
    int x = tui_puts(t, w, 0, 0, W, label);
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
        cx = tui_width(t, label);
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
    t->in_prompt = true;
    curs_set(1);
    for (;;) {
        if (t->too_small) {
            tui_draw_all(t);
        } else {
            draw_line(t, label, &l);
        }
        int k = tui_read_key(t);
        if (k < 0)
            break;
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
