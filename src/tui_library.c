/*
** tui_library.c: the library screen, one article a line, newest first.
** Rows come from store_list() a page at a time (keyset pagination, the
** last row of one page is where the next begins), fetched only as the
** cursor or the window needs them, so opening a large library costs one
** page.  `/` filters through the store's full-text index; Esc takes the
** filter off and comes back to the article the cursor was on, in the
** whole library, loading a page on each side of it (and the rows above as
** the cursor goes up) rather than every row from the top; G loads the
** last page alike, and a reload (others' changes) the page each side of
** the cursor's article, filtered or not.  total is the number of rows
** the list has in all (the library's articles, or the filter's matches;
** -1: unknown), base the index of rows[0] among them.
*/
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexicon.h"
#include "tui_view.h"

#define PAGE 64

static int body_h(tui_t *t);

void lib_free(libview_t *l)
{
    for (size_t i = 0; i < l->n; i++)
        summary_clear(&l->rows[i]);
    free(l->rows);
    l->rows = NULL;
    l->n = l->cap = 0;
    l->complete = false;
    free(l->query);
    l->query = NULL;
    l->base = 0;
}

/* Make sure rows [0, need) are loaded if the library has them. */
static void lib_fetch(tui_t *t, size_t need)
{
    libview_t *l = &t->lib;
    while (l->n < need && !l->complete) {
        grow_array((void **)&l->rows, &l->cap, l->n + PAGE, sizeof *l->rows);
        memset(l->rows + l->n, 0, PAGE * sizeof *l->rows);
        err_t e = {{0}};
        int got = store_filter(t->s, l->query, l->n ? &l->rows[l->n - 1] : NULL,
                               l->rows + l->n, PAGE, &e);
        if (got < 0) {
            tui_message(t, true, "%s", e.msg);
            l->complete = true;
            break;
        }
        l->n += (size_t)got;
        if (got < PAGE)
            l->complete = true;
    }
}

/* Load up to want more rows above rows[0] when the list starts below the
** top (base > 0), a page at a time; cur and top move with the rows. */
static void lib_fetch_above(tui_t *t, int want)
{
    libview_t *l = &t->lib;
    article_summary_t page[PAGE];

    while (want > 0 && l->base > 0 && l->n > 0) {
        err_t e = {{0}};
        int got = l->query ? store_filter_newer(t->s, l->query, &l->rows[0], page, PAGE, NULL, &e)
                           : store_list_newer(t->s, &l->rows[0], page, PAGE, &e);
        if (got < 0) {
            tui_message(t, true, "%s", e.msg);
            return;
        }
        grow_array((void **)&l->rows, &l->cap, l->n + (size_t)got, sizeof *l->rows);
        memmove(l->rows + got, l->rows, l->n * sizeof *l->rows);
        memcpy(l->rows, page, (size_t)got * sizeof *l->rows);
        l->n += (size_t)got;
        l->cur += got;
        l->top += got;
        want -= got;
        /* A short page is the top, whatever the count said.  A full one
        ** when the count says it was the last means others added newer
        ** articles since: there may be more, and the position is out by
        ** as many until the next reload recounts. */
        if (got < PAGE)
            l->base = 0;
        else
            l->base = l->base > got ? l->base - got : 1;
    }
}

/* Empty the list, keeping its filter. */
static void lib_clear(libview_t *l)
{
    char *q = l->query;
    l->query = NULL;
    lib_free(l);
    l->query = q;
}

/* Show the list (the whole library, or the filter's matches) around the
** key (pub, id), the cursor on its row (on the next older one if it is
** gone or no longer matches) at row off of the list; pub NULL: from the
** top.  For speed (issue 5): a page on each side of the row and its
** index, not every row from the top down to it, filtered or not. */
static void lib_anchor(tui_t *t, const char *pub, int64_t id, int off)
{
    libview_t *l = &t->lib;
    int h = body_h(t) - 1, above = h > PAGE ? h : PAGE, before = 0, got;
    int64_t index = 0;
    err_t e = {{0}};

    lib_clear(l);
    grow_array((void **)&l->rows, &l->cap, (size_t)(above + PAGE), sizeof *l->rows);
    if (l->query) {
        got = store_filter_around(t->s, l->query, pub, id, above, PAGE, l->rows,
                                  &before, &index, &l->total, &e);
    } else {
        l->total = store_count_articles(t->s, &e);
        got = pub ? store_list_around(t->s, pub, id, above, PAGE, l->rows, &before, &index, &e)
                  : store_list(t->s, NULL, NULL, l->rows, PAGE, &e);
    }
    if (got < 0) {
        tui_message(t, true, "%s", e.msg);
        if (l->query)
            l->total = -1;      /* unknown: the status line counts rows */
        l->complete = true;
        return;
    }
    l->n = (size_t)got;
    l->complete = got - before < PAGE;
    l->base = before < above ? 0 : index;
    l->cur = got > before ? before : got - 1;
    if (l->cur < 0)
        l->cur = 0;
    l->top = l->cur > off ? l->cur - off : 0;
    /* Near the end, no blank rows under the last while there are rows
    ** above the screen: the list fills it, as it does when moved there. */
    if (l->complete && (int)l->n - l->top < h)
        l->top = (int)l->n > h ? (int)l->n - h : 0;
}

/* The list's last page, the cursor on its last row: for speed (issue
** 5), G reads one page, not every row down to it, filtered or not. */
static void lib_bottom(tui_t *t)
{
    libview_t *l = &t->lib;
    article_summary_t below = {0};     /* ("", 0) comes after every row */
    err_t e = {{0}};
    int got;

    lib_clear(l);
    grow_array((void **)&l->rows, &l->cap, PAGE, sizeof *l->rows);
    if (l->query) {
        got = store_filter_newer(t->s, l->query, &below, l->rows, PAGE, &l->total, &e);
    } else {
        l->total = store_count_articles(t->s, &e);
        got = store_list_newer(t->s, &below, l->rows, PAGE, &e);
    }
    l->complete = true;
    if (got < 0) {
        tui_message(t, true, "%s", e.msg);
        if (l->query)
            l->total = -1;
        return;
    }
    l->n = (size_t)got;
    l->base = got == PAGE && l->total > got ? l->total - got : 0;
    l->cur = got ? got - 1 : 0;
    l->top = 0;
}

void lib_reload(tui_t *t)
{
    libview_t *l = &t->lib;
    /* The list comes back to the cursor's article, at its row of the
    ** screen: others may have added or removed articles above it, which
    ** would move an index to another article.  A page each side costs
    ** the same however far down it is, where reading every row down to
    ** it did not (issue 5: 0.55 s after G in a filter of 18,750). */
    if (l->cur >= 0 && l->cur < (int)l->n) {
        char pub[sizeof l->rows[0].published];
        memcpy(pub, l->rows[l->cur].published, sizeof pub);
        lib_anchor(t, pub, l->rows[l->cur].id, l->cur - l->top);
    } else {
        lib_anchor(t, NULL, 0, 0);
    }
}

/* A library string as tui_put_safe and tui_put_safe_clip show it.
** Printable ASCII shows as itself, so it needs no sanitised copy; for
** speed (issue 5): making that copy of each date, source and title was a
** fifth of the instructions of the library screen's first frame. */
static int lib_put(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s,
                   bool clip)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p >= 0x20 && *p < 0x7f)
        p++;
    if (!*p)
        return clip ? tui_puts_clip(t, w, y, x, xmax, s) : tui_puts(t, w, y, x, xmax, s);
    return clip ? tui_put_safe_clip(t, w, y, x, xmax, s) : tui_put_safe(t, w, y, x, xmax, s);
}

static int body_h(tui_t *t)
{
    return t->body ? getmaxy(t->body) : 1;
}

/* s as a shell word: itself when it is plain, else in single quotes. */
static char *shell_word(const char *s)
{
    if (*s && !s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                          "0123456789/._-+,:@%~=")])
        return xstrdup(s);
    strbuf_t b = {0};
    sb_addc(&b, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            sb_adds(&b, "'\\''");
        else
            sb_addc(&b, *s);
    }
    sb_addc(&b, '\'');
    return sb_steal(&b);
}

/* The sample library beside the word lists contra uses (the installed
** one, $CONTRA_DATADIR's, or the source tree's share/ for a build run in
** place), or NULL when it is not there. */
static char *sample_library(void)
{
    char *dir = lexicon_default_dir();
    char *slash = strrchr(dir, '/');
    char *path = xasprintf("%.*s%ssamples/library.json", slash ? (int)(slash - dir) : 0,
                           dir, slash ? "/" : "");
    free(dir);
    char *abs = realpath(path, NULL);
    free(path);
    if (abs && access(abs, R_OK) != 0) {
        free(abs);
        abs = NULL;
    }
    return abs;
}

/* s from row *y, column x, on as many rows as it takes up to ymax,
** broken after a blank, or by columns where a word is wider than
** [x, W): a path or a command cut short would be useless (made safe
** first: a path is the user's). */
static void put_wrapped(tui_t *t, WINDOW *w, int *y, int x, int W, int ymax, const char *s)
{
    char *c = glyph_sanitize(s, strlen(s), t->utf8);
    size_t n = strlen(c), at = 0;
    do {
        size_t end = at, cols = 0, blank = 0;
        glyph_t g;
        while (end < n) {
            glyph_next(c, n, end, t->utf8, &g);
            if (g.len == 0 || (cols + (size_t)g.width > (size_t)(W - x) && cols > 0))
                break;
            cols += (size_t)g.width;
            end += g.len;
            if (c[end - 1] == ' ')
                blank = end;
        }
        if (end == at)
            break;
        if (end < n && blank > at)
            end = blank;
        if (*y < ymax)
            tui_put(t, w, *y, x, W, c + at, end - at);
        ++*y;
        at = end;
    } while (at < n);
    free(c);
}

/* An empty library says which it is and how to fill it: the default one
** the first time contra runs, or one whose articles were all removed.
** "The library is empty." alone did not say where; the commands name the
** library as --db does, but for the one contra opens without it. */
static void lib_draw_empty(tui_t *t, WINDOW *w, int W)
{
    int H = getmaxy(w), y = 2;
    const char *given = store_path(t->s);
    char *abs = realpath(given, NULL), *def = store_default_path(NULL);
    char *def_abs = realpath(def, NULL);
    const char *path = abs ? abs : given;
    bool by_default = strcmp(given, def) == 0 || (abs && def_abs && strcmp(abs, def_abs) == 0);
    char *word = shell_word(path), *sample = sample_library();
    char *db = by_default ? xstrdup("") : xasprintf("--db %s ", word);
    char *line;

    tui_set_role(w, R_DIM);
    tui_puts(t, w, y++, 2, W, "The library is empty:");
    tui_set_role(w, R_NORMAL);
    put_wrapped(t, w, &y, 4, W, H, path);
    tui_set_role(w, R_DIM);
    y++;
    if (y < H)
        tui_puts(t, w, y++, 2, W, "Add articles to it:");
    tui_set_role(w, R_NORMAL);
    line = xasprintf("contra %sadd FILE...", db);
    put_wrapped(t, w, &y, 4, W, H, line);
    free(line);
    tui_set_role(w, R_DIM);
    if (sample) {
        if (y < H)
            tui_puts(t, w, y++, 2, W, "or the sample articles:");
    } else {
        put_wrapped(t, w, &y, 2, W, H, "or the sample articles, share/samples/library.json "
                    "in contra's source ('make demo' there reads them).");
    }
    if (sample) {
        char *sw = shell_word(sample);
        line = xasprintf("contra %sadd %s", db, sw);
        tui_set_role(w, R_NORMAL);
        put_wrapped(t, w, &y, 4, W, H, line);
        free(line);
        free(sw);
    }
    tui_set_role(w, R_DIM);
    y++;
    const char *env = getenv("CONTRA_DB");
    bool from_env = env && *env && strcmp(env, given) == 0;
    put_wrapped(t, w, &y, 2, W, H,
                from_env ? "Not the library you meant?  Check CONTRA_DB."
                : by_default ? "Not the library you meant?  --db PATH or CONTRA_DB names another."
                : "Not the library you meant?  Check --db.");
    free(db);
    free(word);
    free(sample);
    free(abs);
    free(def);
    free(def_abs);
}

static void lib_draw(tui_t *t)
{
    libview_t *l = &t->lib;
    int h = body_h(t) - 1, W = t->cols;    /* first row: column heads */
    if (h < 1)
        h = 1;
    if (l->cur < l->top)
        l->top = l->cur;
    if (l->cur >= l->top + h)
        l->top = l->cur - h + 1;
    lib_fetch(t, (size_t)(l->top + h + 1));

    char buf[256];
    /* A library this reader cannot change says so (a colleague's): else
    ** nothing did until a tag failed. */
    const char *ro = store_readonly(t->s) ? ", read-only" : "";
    werase(t->title);
    tui_set_role(t->title, R_TITLE);
    tui_fill(t->title, 0, 0, W);
    if (l->query) {
        char *q = glyph_sanitize(l->query, strlen(l->query), t->utf8);
        /* The matches are counted as the rows around the cursor are read
        ** (the rowids the filter reads anyway); "+" only if that failed. */
        if (l->total >= 0)
            snprintf(buf, sizeof buf, "contra: library, filtered by \"%s\" (%lld found%s)",
                     q, (long long)l->total, ro);
        else
            snprintf(buf, sizeof buf, "contra: library, filtered by \"%s\" (%zu%s found%s)",
                     q, l->n, l->complete ? "" : "+", ro);
        free(q);
    } else {
        snprintf(buf, sizeof buf, "contra: library (%lld article%s%s)",
                 (long long)l->total, l->total == 1 ? "" : "s", ro);
    }
    tui_puts_clip(t, t->title, 0, 1, W, buf);

    WINDOW *w = t->body;
    werase(w);
    /* Columns two blank cells apart, as `contra list' has them: each is
    ** clipped to its own width (the title and source with an ellipsis), so
    ** however long a source is it stops short of the title; a single
    ** blank read as a space between words.  On a narrow screen the title
    ** keeps at least TITLE_MIN cells: the source gives way first, then
    ** the date (W >= 20, tui_layout's smallest). */
    enum { GAP = 2, DATEW = 10, TITLE_MIN = 12, CNTW = 15 };
    int srcw = W / 6;
    if (srcw > 18) srcw = 18;
    if (srcw < 6) srcw = 6;
    int xs = DATEW + GAP, xt = xs + srcw + GAP;
    /* Without the counts, the title ends a cell short of the edge. */
    if (W - 1 - xt < TITLE_MIN)
        srcw = 0, xt = xs;
    bool date = W - xt >= TITLE_MIN;
    if (!date)
        xs = xt = 0;
    /* The title ends before the counts' column, or a cell short of the
    ** edge without them. */
    int xc = W - CNTW, xe = xc - GAP;
    bool counts = xe - xt >= 10;
    if (!counts)
        xe = W - 1;
    tui_set_role(w, R_HEADER);
    if (date)
        tui_puts(t, w, 0, 0, DATEW, "Date");
    if (srcw)
        tui_puts(t, w, 0, xs, xs + srcw, "Source");
    tui_puts(t, w, 0, xt, xe, "Title");
    if (counts)
        tui_puts(t, w, 0, xc, W, "Disp Corr Unrev");
    if (l->n == 0 && !l->query && l->total == 0) {
        lib_draw_empty(t, w, W);
    } else if (l->n == 0) {
        tui_set_role(w, R_DIM);
        tui_puts(t, w, 2, 2, W, "No article matches.  Esc shows them all.");
        /* Wrapped, not cut: at 80 columns the cut took the end of it. */
        int y = 3;
        if (store_filter_whole_word(l->query))
            put_wrapped(t, w, &y, 2, W, getmaxy(w), "A word of fewer than four letters is "
                        "matched whole, not as the start of longer ones.");
    }
    for (int y = 0; y < h && l->top + y < (int)l->n; y++) {
        int i = l->top + y;
        article_summary_t *m = &l->rows[i];
        int row = y + 1;
        bool cur = i == l->cur;
        tui_set_role(w, cur ? R_CURSOR : R_NORMAL);
        if (cur)
            tui_fill(w, row, 0, W);
        if (date)
            lib_put(t, w, row, 0, DATEW, m->published[0] ? m->published : "-", false);
        /* Clipped with an ellipsis, as the article screen's title is,
        ** so a cut title reads as cut. */
        if (srcw)
            lib_put(t, w, row, xs, xs + srcw, m->source ? m->source : "", true);
        lib_put(t, w, row, xt, xe, m->title ? m->title : "(untitled)", true);
        if (counts) {
            snprintf(buf, sizeof buf, "%4d %4d %5d",
                     m->counts[STATUS_DISPUTED], m->counts[STATUS_CORROBORATED],
                     m->counts[STATUS_UNREVIEWED]);
            tui_puts(t, w, row, xc, W, buf);
        }
    }

    WINDOW *s = t->status;
    werase(s);
    tui_set_role(s, t->msg[0] ? (t->msg_err ? R_ERROR : R_NORMAL) : R_STATUS);
    tui_fill(s, 0, 0, W);
    /* The count is known before the list is paged to its end (kept by
    ** triggers; filtered, read with the rows): "1/100", as the title
    ** says, not "1/64+", and the position is the row's among them all,
    ** though the rows above it may not be read. */
    if (l->total >= 0)
        snprintf(buf, sizeof buf, " %lld/%lld",
                 l->n ? (long long)l->base + l->cur + 1 : 0, (long long)l->total);
    else
        snprintf(buf, sizeof buf, " %d/%zu%s", l->n ? l->cur + 1 : 0, l->n,
                 l->complete ? "" : "+");
    int rw = (int)strlen(buf);
    /* Where not all fit, help and the way out stay longest; filtered,
    ** the way back to the whole library too. */
    static const tui_hint_t all[] = {
        { "Enter: open", 2 }, { "/: filter", 3 }, { "j/k: move", 4 },
        { "?: help", 0 }, { "q: quit", 1 } };
    static const tui_hint_t filtered[] = {
        { "Enter: open", 3 }, { "Esc: all articles", 1 }, { "/: filter", 4 },
        { "?: help", 0 }, { "q: quit", 2 } };
    if (t->msg[0])
        tui_puts_clip(t, s, 0, 0, W - rw - 1, t->msg);
    else if (l->query)
        tui_put_hints(t, s, 0, 0, W - rw - 1, filtered, sizeof filtered / sizeof filtered[0]);
    else
        tui_put_hints(t, s, 0, 0, W - rw - 1, all, sizeof all / sizeof all[0]);
    tui_puts(t, s, 0, W - rw, W, buf);
}

/* Filter by q (taken; NULL, empty or blank: the whole library), from the top. */
static void lib_set_query(tui_t *t, char *q)
{
    libview_t *l = &t->lib;
    lib_free(l);        /* the old query too */
    /* Blank is no filter, as empty is: it has no word to search. */
    if (q && q[strspn(q, " \t")])
        l->query = q;
    else
        free(q);
    lib_anchor(t, NULL, 0, 0);
}

/* Take the filter off, as in tig and mutt.  The cursor stays on its
** article, at the same row of the screen, as mutt's limit leaves it; with
** no article there, the list starts at the top. */
static void lib_unfilter(tui_t *t)
{
    libview_t *l = &t->lib;
    if (l->cur >= 0 && l->cur < (int)l->n) {
        char pub[sizeof l->rows[0].published];
        memcpy(pub, l->rows[l->cur].published, sizeof pub);
        free(l->query);
        l->query = NULL;
        lib_anchor(t, pub, l->rows[l->cur].id, l->cur - l->top);
    } else {
        lib_set_query(t, NULL);
    }
}

static bool lib_request(tui_t *t, request_t r)
{
    libview_t *l = &t->lib;
    int h = body_h(t) - 1;
    if (h < 1)
        h = 1;
    switch (r) {
    case REQ_DOWN:      l->cur++; break;
    case REQ_UP:        l->cur--; break;
    case REQ_HALF_DOWN: l->cur += h / 2; break;
    case REQ_HALF_UP:   l->cur -= h / 2; break;
    case REQ_PAGE_DOWN: l->cur += h; l->top += h; break;
    case REQ_PAGE_UP:   l->cur -= h; l->top -= h; break;
    case REQ_TOP:
        if (l->base > 0)
            lib_anchor(t, NULL, 0, 0);  /* the top, afresh */
        l->cur = 0;
        break;
    case REQ_BOTTOM:
        if (!l->complete) {
            lib_bottom(t);
            break;
        }
        l->cur = (int)l->n - 1;
        break;
    case REQ_ENTER: {
        if (l->cur < 0 || l->cur >= (int)l->n)
            return true;
        err_t e = {{0}};
        int64_t id = l->rows[l->cur].id;
        if (art_open(t, id, 0, &e) < 0) {
            /* Removed by another contra since the last look (the list
            ** is read again when the reader is idle): the list is read
            ** again now, and the message says why the row went. */
            lib_reload(t);
            bool listed = false;
            for (size_t k = 0; k < l->n && !listed; k++)
                listed = l->rows[k].id == id;
            if (listed)
                tui_message(t, true, "%s", e.msg);
            else
                tui_message(t, true, "article %lld was removed from the library meanwhile",
                            (long long)id);
            return true;
        }
        tui_push_screen(t, SCR_ARTICLE);
        return true;
    }
    case REQ_SEARCH: {
        /* The filter in force to edit, as a shell's history line: a
        ** word added or changed, not all of it typed again.  The same
        ** filter again changes nothing, and none is Esc's. */
        char *q = tui_prompt(t, "filter (empty: all): ", l->query ? l->query : "");
        if (!q)
            return true;
        if (l->query && !strcmp(q, l->query))
            free(q);
        else if (!q[strspn(q, " \t")]) {
            free(q);
            if (l->query)
                lib_unfilter(t);
        } else {
            lib_set_query(t, q);
        }
        return true;
    }
    case REQ_CANCEL:
        /* Esc takes the filter off; with none it has nothing to undo,
        ** and says nothing. */
        if (l->query)
            lib_unfilter(t);
        return true;
    default:
        return false;
    }
    if (l->base > 0 && (l->cur < 0 || l->top < 0))
        lib_fetch_above(t, -(l->cur < l->top ? l->cur : l->top));
    lib_fetch(t, (size_t)(l->cur + 1));
    if (l->cur >= (int)l->n)
        l->cur = (int)l->n - 1;
    if (l->cur < 0)
        l->cur = 0;
    if (l->top < 0)
        l->top = 0;
    if (l->top > l->cur)
        l->top = l->cur;
    return true;
}

const view_ops_t library_view = { "library", lib_draw, lib_request };
