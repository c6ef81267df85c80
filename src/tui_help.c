/*
** tui_help.c: the `?` screen, generated from the key table (tui_keys.h),
** the same table the man page's key list comes from, then a prompt's
** editing keys and the claims panel's marks (PROMPT_KEYS and MARKS in
** tui_keys.h).  Help texts are
** wrapped to the screen at spaces; they are our own ASCII text.
*/
#include "config.h"

#include <string.h>

#include "tui_view.h"

/* Produce the help lines for a width; calls emit(y, key, text, is_head)
** for each and returns the number of lines. */
typedef void (*emit_fn)(tui_t *t, int row, const char *keys, const char *text,
                        size_t len, bool head);

/* The description column: two blanks after the longest key name (or
** mark), indented by three. */
static int key_col(void)
{
    size_t m = 0;
    for (size_t i = 0; i < key_table_len; i++)
        if (strlen(key_table[i].keys) > m)
            m = strlen(key_table[i].keys);
    for (size_t i = 0; i < mark_table_len; i++)
        if (strlen(mark_table[i].mark) > m)
            m = strlen(mark_table[i].mark);
    for (size_t i = 0; i < prompt_key_table_len; i++)
        if (strlen(prompt_key_table[i].mark) > m)
            m = strlen(prompt_key_table[i].mark);
    return 3 + (int)m + 2;
}
#define KEYCOL key_col()

/* Emit one entry, its help wrapped to tw columns at spaces. */
static int help_entry(tui_t *t, int row, int tw, const char *keys, const char *h,
                      emit_fn emit)
{
    size_t len = strlen(h);
    do {
        size_t n = len;
        if ((int)n > tw) {
            n = (size_t)tw;
            while (n > 0 && h[n] != ' ')
                n--;
            if (n == 0)
                n = (size_t)tw;
        }
        if (emit) emit(t, row, keys, h, n, false);
        row++;
        keys = NULL;
        h += n;
        len -= n;
        while (len > 0 && *h == ' ')
            h++, len--;
    } while (len > 0);
    return row;
}

/* The key sections, then a prompt's keys, then the claims panel's marks. */
static int help_lines(tui_t *t, int width, emit_fn emit)
{
    int row = 0;
    int tw = width - KEYCOL - 1;
    if (tw < 10)
        tw = 10;
    for (int sec = 0; sec <= SEC_COUNT + 1; sec++) {
        if (row > 0) {
            if (emit) emit(t, row, NULL, "", 0, false);
            row++;
        }
        const char *name = sec < SEC_COUNT ? key_section_name(sec)
            : sec == SEC_COUNT ? PROMPT_SECTION : MARKS_SECTION;
        if (emit) emit(t, row, NULL, name, strlen(name), true);
        row++;
        if (sec >= SEC_COUNT) {
            const mark_info_t *tab = sec == SEC_COUNT ? prompt_key_table : mark_table;
            size_t n = sec == SEC_COUNT ? prompt_key_table_len : mark_table_len;
            for (size_t i = 0; i < n; i++)
                row = help_entry(t, row, tw, tab[i].mark, tab[i].help, emit);
            continue;
        }
        for (size_t i = 0; i < key_table_len; i++)
            if ((int)key_table[i].section == sec)
                row = help_entry(t, row, tw, key_table[i].keys, key_table[i].help, emit);
    }
    return row;
}

static void emit_line(tui_t *t, int row, const char *keys, const char *text,
                      size_t len, bool head)
{
    WINDOW *w = t->body;
    int y = row - t->help.top;
    if (y < 0 || y >= getmaxy(w))
        return;
    int W = getmaxx(w);
    if (head) {
        tui_set_role(w, R_HEADER);
        tui_put(t, w, y, 1, W, text, len);
        return;
    }
    if (keys) {
        tui_set_role(w, R_HEADER);
        tui_puts(t, w, y, 3, KEYCOL, keys);
    }
    tui_set_role(w, R_NORMAL);
    tui_put(t, w, y, KEYCOL, W, text, len);
}

static int help_max_top(tui_t *t)
{
    int n = help_lines(t, getmaxx(t->body), NULL);
    int m = n - getmaxy(t->body);
    return m > 0 ? m : 0;
}

static void help_draw(tui_t *t)
{
    int max = help_max_top(t);
    if (t->help.top > max)
        t->help.top = max;
    werase(t->title);
    wbkgdset(t->title, ' ');
    tui_set_role(t->title, R_TITLE);
    tui_fill(t->title, 0, 0, t->cols);
    tui_puts(t, t->title, 0, 1, t->cols, "contra: keys");
    werase(t->body);
    help_lines(t, getmaxx(t->body), emit_line);

    WINDOW *s = t->status;
    werase(s);
    tui_set_role(s, t->msg[0] ? (t->msg_err ? R_ERROR : R_NORMAL) : R_STATUS);
    tui_fill(s, 0, 0, t->cols);
    static const tui_hint_t hints[] = {
        { "j/k, Space/b: scroll", 2 }, { "q: back", 0 }, { "Q: quit", 1 } };
    if (t->msg[0])
        tui_puts_clip(t, s, 0, 0, t->cols, t->msg);
    else
        tui_put_hints(t, s, 0, 0, t->cols, hints, sizeof hints / sizeof hints[0]);
}

static bool help_request(tui_t *t, request_t r)
{
    int h = getmaxy(t->body);
    int max = help_max_top(t);
    int *top = &t->help.top;
    switch (r) {
    case REQ_DOWN:      (*top)++; break;
    case REQ_UP:        (*top)--; break;
    case REQ_HALF_DOWN: *top += h / 2; break;
    case REQ_HALF_UP:   *top -= h / 2; break;
    case REQ_PAGE_DOWN: *top += h; break;
    case REQ_PAGE_UP:   *top -= h; break;
    case REQ_TOP:       *top = 0; break;
    case REQ_BOTTOM:    *top = max; break;
    case REQ_ENTER:
    case REQ_CANCEL:    tui_close_screen(t); return true;
    default:            return false;
    }
    if (*top > max) *top = max;
    if (*top < 0) *top = 0;
    return true;
}

const view_ops_t help_view = { "help", help_draw, help_request };
