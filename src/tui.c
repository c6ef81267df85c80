/*
** tui.c: the reader's entry point and main loop.  It owns the stack of
** screens (library, article, help), reads keys, turns them into requests
** through the key table, and hands each request to the top screen.
**
** The loop blocks in tui_get_wch() on one window (the status line, which
** it also refreshes), so an idle reader costs no CPU; a resize arrives as
** KEY_RESIZE, and SIGHUP/SIGINT/SIGTERM or the end of input make the read
** return so the loop can restore the terminal and leave.
*/
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "cli.h"             /* cli_parse_id, as contra read takes ids */
#include "tui.h"
#include "tui_view.h"

/* Append s[0..n) to out (cap bytes, NUL-terminated at o), as much as
** fits, cut on a character's boundary; the new end. */
static size_t msg_add(char *out, size_t cap, size_t o, const char *s, size_t n)
{
    if (o + 1 >= cap)
        return o;
    if (n > cap - 1 - o) {
        n = cap - 1 - o;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    memcpy(out + o, s, n);
    out[o + n] = '\0';
    return o + n;
}

/* The reader has one library, the one it was started on, and the
** store's messages name it by its path ("library /home/ana/.local/share/
** contra/contra.db is busy: ..."), which on one status line pushed what
** went wrong past the edge.  Here the path is "the library": where the
** store says "library PATH", "in PATH" or "holding PATH", whole.  The
** command line keeps the path, on standard error, where lines wrap. */
static void drop_path(char *out, size_t cap, const char *msg, const char *path)
{
    static const char *const before[] = { "library ", "in ", "holding " };
    enum { NBEFORE = sizeof before / sizeof before[0] };
    size_t plen = path ? strlen(path) : 0, o = 0;
    const char *p = msg, *hit;
    out[0] = '\0';
    while (plen && (hit = strstr(p, path)) != NULL) {
        size_t k = 0, blen = 0;
        for (; k < NBEFORE; k++) {
            blen = strlen(before[k]);
            if ((size_t)(hit - msg) >= blen && memcmp(hit - blen, before[k], blen) == 0
                && (hit - blen == msg || hit[-(long)blen - 1] == ' '))
                break;
        }
        if (k == NBEFORE || (hit[plen] && !strchr(" :;,)", hit[plen]))) {
            o = msg_add(out, cap, o, p, (size_t)(hit + 1 - p));
            p = hit + 1;
            continue;
        }
        /* "library PATH" is "the library"; "in PATH", "in the library". */
        const char *keep_to = k == 0 ? hit - blen : hit;
        o = msg_add(out, cap, o, p, (size_t)(keep_to - p));
        o = msg_add(out, cap, o, "the library", 11);
        p = hit + plen;
    }
    msg_add(out, cap, o, p, strlen(p));
}

void tui_message(tui_t *t, bool error, const char *fmt, ...)
{
    char full[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(full, sizeof full, fmt, ap);
    va_end(ap);
    drop_path(t->msg, sizeof t->msg, full, t->s ? store_path(t->s) : NULL);
    t->msg_err = error;
    t->msg_about = 0;
}

static const view_ops_t *screen_view(int scr)
{
    switch (scr) {
    case SCR_LIBRARY: return &library_view;
    case SCR_ARTICLE: return &article_view;
    default:          return &help_view;
    }
}

void tui_push_screen(tui_t *t, int scr)
{
    if (t->nstack < (int)(sizeof t->stack / sizeof t->stack[0]))
        t->stack[t->nstack++] = scr;
    tui_layout(t);
}

void tui_close_screen(tui_t *t)
{
    if (t->nstack <= 1) {
        t->quit = true;
        return;
    }
    int scr = t->stack[--t->nstack];
    if (scr == SCR_ARTICLE) {
        art_close(t);
        if (TOP_SCREEN(t) == SCR_LIBRARY)
            lib_reload(t);      /* counts may have changed by tagging */
    }
    tui_layout(t);
}

/* Has the terminal's size changed behind curses' back?  ncurses learns of
** a resize from its SIGWINCH flag, which it only looks at around a read; a
** signal that lands just before wget_wch blocks is seen only at the next
** key.  The read below therefore wakes now and then to compare. */
static bool size_changed(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
        return false;
    if (ws.ws_row == LINES && ws.ws_col == COLS)
        return false;
    resizeterm(ws.ws_row, ws.ws_col);
    return true;
}

/* tui_read_key's answer when another process changed the library. */
#define KEY_LIBRARY_CHANGED FK(KEY_MAX + 2)

/* Has another process (a colleague's contra on a shared server, contra
** tag in another shell) committed a change to the library since the last
** look?  Readers work side by side on one library, and a status shown
** stale invites tagging over a colleague's decision.  The look is one
** PRAGMA, a read of SQLite's shared memory; it is made while the reader
** is idle, so no key waits for it (issue 5). */
static bool library_changed(tui_t *t)
{
    int64_t v = store_data_version(t->s);
    if (v < 0)
        return false;
    bool changed = t->have_version && v != t->data_version;
    t->data_version = v;
    t->have_version = true;
    return changed;
}

/* Show what others changed: the open article read again, in its place
** (also under the help screen, for when it closes), or else the
** library's rows; the library under an article is read again when the
** article closes. */
static void show_others_changes(tui_t *t)
{
    if (t->art.a)
        art_refresh(t);
    else if (t->stack[0] == SCR_LIBRARY)
        lib_reload(t);
}

int tui_read_key(tui_t *t)
{
    int errs = 0;
    /* Half a second: a missed resize is repaired that fast, and an idle
    ** reader wakes twice a second for one ioctl, which costs nothing. */
    wtimeout(t->status, 500);
    for (;;) {
        /* Ctrl-C in a prompt cancels the line, as in readline and less,
        ** and leaves the reader be. */
        if (tui_signal == SIGINT && t->in_prompt) {
            tui_signal = 0;
            return CTRL('c');
        }
        if (tui_signal) {
            t->exit_status = 128 + tui_signal;
            t->quit = true;
            return -1;
        }
        wint_t ch;
        int r = tui_get_wch(t->status, 500, &ch);
        if (r == KEY_CODE_YES)
            return FK((int)ch);
        /* The terminal's signal keys, which come as keys once the reader
        ** is up (keys_not_signals), do what their signals did. */
        if (r == OK && ch == CTRL('z')) {
            raise(SIGTSTP);
            continue;
        }
        if (r == OK && (ch == CTRL('\\') || (ch == CTRL('c') && !t->in_prompt))) {
            t->exit_status = 128 + (ch == CTRL('c') ? SIGINT : SIGQUIT);
            t->quit = true;
            return -1;
        }
        if (r == OK)
            return (int)ch;
        if (tui_signal)
            continue;
        /* ERR with no signal: either the timeout passed with nothing to
        ** read, or the terminal is gone (EOF or EIO on a hung up tty),
        ** which poll tells apart: a live idle terminal has nothing ready.
        ** Leave rather than spin when it is gone. */
        struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
        int n = poll(&p, 1, 0);
        if (n == 0 || (n < 0 && errno == EINTR)) {
            errs = 0;
            if (size_changed())
                return FK(KEY_RESIZE);
            if (!t->in_prompt && library_changed(t))
                return KEY_LIBRARY_CHANGED;
            /* Removed, or replaced by another file, under this reader:
            ** it shows the file it has open, which nobody will open again,
            ** and only a tag's refusal said so.  Said once, when idle. */
            if (!t->in_prompt && !t->said_replaced && store_replaced(t->s)) {
                t->said_replaced = true;
                tui_message(t, true, "the library was removed or replaced since it was opened; "
                            "quit and open it again");
                return KEY_LIBRARY_CHANGED;
            }
            continue;
        }
        bool hup = n > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
        if (hup || ++errs >= 3) {
            t->exit_status = 128 + SIGHUP;
            t->quit = true;
            return -1;
        }
    }
}

/* ---- scrolling the text pane through the terminal -----------------------
** When text_draw shifted the text pane's window instead of redrawing it
** (v->shifted), the terminal's rows are scrolled to match with its
** scrolling region, and curses' records of the screen with them
** (tui_scroll_region), and the rows that then differ are sent with it,
** in one write (tui_flush): before, every row of the pane went through
** curses' copy, line hashing and comparison on every key, and every row of
** the side panes through its costing of cursor motions and colours, most
** of a one-line scroll's CPU (issue 5).  Beside the side panes the region
** spans the whole width (a terminal scrolls only whole lines), so their
** rows move too and are repainted where they differ: a line in the
** benchmark's 10 MB article costs about 2300 bytes instead of the pane's
** 2670-2870. */
static bool scroll_text(tui_t *t)
{
    artview_t *v = &t->art;
    pane_t *p = &t->pane[P_TEXT];
    int d = v->shifted;
    v->shifted = 0;
    if (!d || !p->shown || !p->body)
        return false;
    int n = d > 0 ? d : -d, h = p->h, top = getbegy(p->body);
    /* Beside the side panes, past a quarter of the pane the new text rows
    ** plus the side panes cost about what the pane's repaint does. */
    if (t->vline && n > h / 4)
        return false;
    /* Beside the side panes, what is to be shown moves only in the text
    ** pane's columns and the divider's (the divider is alike on every
    ** row): the side panes stay, and tui_flush puts their rows back where
    ** the terminal moved them, without copying their windows again
    ** (issue 5). */
    int cols = t->vline ? getbegx(t->vline) + getmaxx(t->vline) : t->cols;
    if (!tui_scroll_region_cols(t, top, top + h - 1, d, t->vline != NULL, cols))
        return false;
    /* The shifted rows are on the terminal and in curses' screens now;
    ** only the new rows are left to send. */
    wtouchln(p->body, d > 0 ? 0 : n, h - n, 0);
    /* The divider's rows that came in blank. */
    if (t->vline)
        wtouchln(t->vline, d > 0 ? h - n : 0, n, 1);
    return true;
}

/* Lines of m wrapped at its blanks and newlines into width W, at most H of
** them, into line[] (start and length); 0 if m does not fit so, or a
** word is wider than W. */
static int wrap_lines(const char *m, int W, int H, const char **line, int *len)
{
    int n = 0;
    while (*m) {
        int k = (int)strcspn(m, "\n");
        if (k > W) {
            k = W;
            while (k > 0 && m[k] != ' ')
                k--;
            if (k == 0)
                return 0;
        }
        if (n == H)
            return 0;
        line[n] = m;
        len[n++] = k;
        m += k;
        while (*m == ' ' || *m == '\n')
            m++;
    }
    return n;
}

/* Below 20x5 the whole screen is one window that says so, in the first
** of these that fits whole, centred: a cut one could lose what it needs
** (at 10x3 the size went).  Then "20x5" broken anywhere, then "!".  Our
** own ASCII, so a byte is a column.  curses cannot write the bottom
** right cell of a terminal one column wide (it writes that corner by
** inserting before it), so there the last row stays blank. */
static void draw_too_small(tui_t *t)
{
    static const struct { const char *m; int rows; } msgs[] = {
        { "terminal too small (need 20x5); q quits", 1 },
        { "terminal too small (need 20x5)\nq quits", 3 },
        { "terminal too small (need 20x5)", 4 },
        { "too small (need 20x5)", 4 },
        { "need 20x5", 2 },
        { "20x5", 1 },
    };
    WINDOW *w = t->status;
    if (!w)
        return;
    werase(w);
    tui_set_role(w, R_NORMAL);
    int W = getmaxx(w), H = getmaxy(w) - (getmaxx(w) == 1), n = 0;
    const char *line[4];
    int len[4];
    for (size_t i = 0; i < sizeof msgs / sizeof msgs[0] && !n; i++)
        n = wrap_lines(msgs[i].m, W, H < msgs[i].rows ? H : msgs[i].rows, line, len);
    if (!n && W * H >= 4) {
        for (const char *m = "20x5"; *m; m += len[n - 1]) {
            line[n] = m;
            len[n++] = (int)strlen(m) < W ? (int)strlen(m) : W;
        }
    }
    if (!n && H > 0) {
        line[0] = "!";
        len[n++] = 1;
    }
    for (int i = 0; i < n; i++)
        tui_put(t, w, (H - n) / 2 + i, (W - len[i]) / 2, W, line[i], (size_t)len[i]);
    wnoutrefresh(w);
    doupdate();
}

void tui_draw_all(tui_t *t)
{
    if (t->too_small) {
        t->art.drawn.valid = false;
        draw_too_small(t);
        return;
    }
    screen_view(TOP_SCREEN(t))->draw(t);
    bool scrolled = TOP_SCREEN(t) == SCR_ARTICLE && scroll_text(t);
    tui_flush(t);
    if (scrolled)
        tui_scroll_done();
}

/* ---- the : command prompt --------------------------------------------- */

static void run_command(tui_t *t, char *line)
{
    char *p = line;
    while (*p == ' ' || *p == ':')
        p++;
    char *cmd = p;
    while (*p && *p != ' ')
        p++;
    if (*p)
        *p++ = '\0';
    while (*p == ' ')
        p++;
    char *arg = p;

    if (!*cmd)
        return;
    if (!strcmp(cmd, "q") || !strcmp(cmd, "quit") || !strcmp(cmd, "q!") ||
        !strcmp(cmd, "qa")) {
        t->quit = true;
    } else if (!strcmp(cmd, "help") || !strcmp(cmd, "h")) {
        if (TOP_SCREEN(t) != SCR_HELP)
            tui_push_screen(t, SCR_HELP);
    } else if (!strcmp(cmd, "open") || !strcmp(cmd, "o")) {
        /* Blanks after the id are nothing, as after :link's. */
        size_t n = strlen(arg);
        while (n > 0 && arg[n - 1] == ' ')
            arg[--n] = '\0';
        int64_t id;
        if (!cli_parse_id(arg, &id)) {
            bool digits = *arg && strspn(arg, "0123456789") == n;
            if (digits && strspn(arg, "0") < n)     /* too long for an id */
                tui_message(t, true, "no article %s in the library", arg);
            else
                tui_message(t, true, "usage: :open ID (an article id, as 'contra list' shows)");
            return;
        }
        size_t nhist = t->nhist;
        if (t->art.a)
            art_push_history(t);    /* Ctrl-O comes back here */
        err_t e = {{0}};
        if (art_open(t, id, 0, &e) < 0) {
            t->nhist = nhist;       /* nowhere was left: Ctrl-O stays put */
            tui_message(t, true, "%s", e.msg);
            return;
        }
        if (TOP_SCREEN(t) == SCR_HELP)
            t->nstack--;
        if (TOP_SCREEN(t) != SCR_ARTICLE)
            tui_push_screen(t, SCR_ARTICLE);
        else
            tui_layout(t);
    } else if (!strcmp(cmd, "tag") || !strcmp(cmd, "t")) {
        if (TOP_SCREEN(t) != SCR_ARTICLE) {
            tui_message(t, true, ":tag works on the selected quote or claim of an article");
            return;
        }
        /* The note may be as long as the prompt takes: a buffer of 600
        ** bytes cut it, in the middle of a letter too, and said "saved". */
        char *c = xasprintf("tag %s", arg);
        art_command(t, c);
        free(c);
    } else if (!strcmp(cmd, "link") || !strcmp(cmd, "unlink")) {
        if (TOP_SCREEN(t) != SCR_ARTICLE) {
            tui_message(t, true, ":%s works on the selected quote or claim of an article", cmd);
            return;
        }
        char *c = xasprintf("%s %s", cmd, arg);
        art_command(t, c);
        free(c);
    } else {
        char *c = glyph_sanitize(cmd, strlen(cmd), t->utf8);
        tui_message(t, true, "unknown command :%s (try :tag, :link, :unlink, :open, :help, :quit)", c);
        free(c);
    }
}

static void dispatch(tui_t *t, request_t r)
{
    switch (r) {
    case REQ_QUIT:
        t->quit = true;
        return;
    case REQ_HELP:
        if (TOP_SCREEN(t) != SCR_HELP) {
            t->help.top = 0;
            tui_push_screen(t, SCR_HELP);
        }
        return;
    case REQ_REDRAW:
        /* Ctrl-L also shows at once what others changed. */
        if (library_changed(t))
            show_others_changes(t);
        clearok(curscr, TRUE);
        return;
    case REQ_CLOSE:
        tui_close_screen(t);
        return;
    case REQ_PROMPT: {
        char *line = tui_prompt(t, ":", "");
        if (line) {
            run_command(t, line);
            free(line);
        }
        return;
    }
    default:
        break;
    }
    /* Esc where there is nothing to cancel stays quiet: people press it
    ** to be sure they are out of something, not to ask for anything. */
    if (!screen_view(TOP_SCREEN(t))->request(t, r) && r != REQ_CANCEL)
        tui_message(t, false, "that key does nothing here; ? shows the keys");
}

static void tui_free(tui_t *t)
{
    art_close(t);
    lib_free(&t->lib);
    free(t->hist);
    free(t->tagged);
    free(t->xc.ids);
    for (int i = 0; i < t->art.nneedles; i++)
        free(t->art.needle[i]);
    free(t->art.search_text);
}

/* The locale is main's setlocale: a second call here cost 45K
** instructions before the first frame (issue 5). */
int tui_main(store_t *s, int64_t article_id, err_t *e)
{
    tui_t t;
    memset(&t, 0, sizeof t);
    t.s = s;
    t.art.sel = -1;
    t.art.hl_entity = -1;
    t.art.hl_mention = -1;
    t.utf8 = locale_is_utf8();

    store_small_cache(s);

    /* The first look at others' changes, before anything is read, so
    ** that a commit while the article loads and the terminal is set up
    ** is shown (at worst, one reading too many).  One PRAGMA: some 3,500
    ** instructions of the first frame.  If it fails (a busy library), the
    ** first idle look takes its place. */
    library_changed(&t);

    /* Open the article before touching the terminal, so that a bad id is
    ** a plain message on stderr. */
    if (article_id) {
        if (art_open(&t, article_id, 0, e) < 0) {
            tui_free(&t);
            return 1;
        }
        t.stack[t.nstack++] = SCR_ARTICLE;
    } else {
        t.stack[t.nstack++] = SCR_LIBRARY;
    }
    if (tui_screen_open(&t, e) < 0) {
        tui_free(&t);
        return 1;
    }
    if (!article_id)
        lib_reload(&t);
    tui_layout(&t);

    while (!t.quit) {
        tui_draw_all(&t);
        int k = tui_read_key(&t);
        if (k < 0)
            break;
        if (k == KEY_LIBRARY_CHANGED) {
            show_others_changes(&t);
            continue;
        }
        if (k == FK(KEY_RESIZE)) {
            /* Reflow at once, and repaint everything: terminals move or
            ** reflow their contents on a resize, so what curses believes
            ** is on the screen no longer is. */
            tui_layout(&t);
            clearok(curscr, TRUE);
            continue;
        }
        if (t.too_small) {
            request_t r = key_lookup(k);
            if (r == REQ_QUIT || r == REQ_CLOSE)
                t.quit = true;
            continue;
        }
        t.msg[0] = '\0';
        if (k == FK(TUI_KEY_PASTE)) {
            tui_paste_ignored(&t);      /* never read as keys */
            continue;
        }
        request_t r = key_lookup(k);
        if (r == REQ_NONE) {
            tui_message(&t, false, "unknown key; ? shows the keys");
            continue;
        }
        dispatch(&t, r);
    }
    tui_screen_close(&t);
    tui_free(&t);
    return t.exit_status;
}
