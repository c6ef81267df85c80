/*
** tui_claims.c: the claims panel.  Every quote and claim of the article
** in reading order: its status mark (model.h's STATUSES table), its
** library id (Q12 for a quote, C7 for a claim, as `contra tag' takes
** them), the speaker or claimant, the start of its text, and at the right
** its relations by direction: "x>2" when it contradicts two others, "x<1"
** when one contradicts it, "+>1" and "+<1" the same for support (the
** help screen explains them, from tui_keys.h's MARKS table).  Its cursor is the article's selection, so it
** follows J/K in the text, and moving it scrolls the text.
**
** Under the selected one, its note (a fact-checker's, from `a', `contra
** tag --note' or an import) on rows of its own: "note:" and the note
** wrapped to the pane, the last row cut with an ellipsis when the note is
** longer than the rows it may take.  The rows below move down to make
** room.  Only the selected one's note is shown, to keep the list in
** view; a star at the right marks the others that have one.
*/
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_view.h"

/* v in decimal at p, which has room for 21 bytes; returns the bytes
** written (no NUL).  Instead of snprintf, a fifth of drawing a claims
** row, on every row of every frame (for speed, issue 5). */
static size_t put_dec(char *p, long long v)
{
    char tmp[24];
    size_t n = 0, o = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        tmp[n++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        p[o++] = '-';
    while (n)
        p[o++] = tmp[--n];
    return o;
}

/* "x>2<1": contradicts two, contradicted by one; "+>1": supports one. */
static int rel_marks(char buf[static 64], const int c[4])
{
    size_t n = 0;
    static const struct { char letter; int out, in; } kinds[2] = {
        { 'x', REL_OUT_X, REL_IN_X }, { '+', REL_OUT_S, REL_IN_S } };
    for (int k = 0; k < 2; k++) {
        if (!c[kinds[k].out] && !c[kinds[k].in])
            continue;
        if (n)
            buf[n++] = ' ';
        buf[n++] = kinds[k].letter;
        if (c[kinds[k].out]) {
            buf[n++] = '>';
            n += put_dec(buf + n, c[kinds[k].out]);
        }
        if (c[kinds[k].in]) {
            buf[n++] = '<';
            n += put_dec(buf + n, c[kinds[k].in]);
        }
    }
    buf[n] = '\0';
    return (int)n;
}

static bool has_note(const assertion_t *q)
{
    return q->note && *q->note;
}

/* How much of s[0..n) to sanitize for one row of room columns: whole
** glyphs, counted as glyph_sanitize will show them (a line end, CRLF
** too, or a tab as one space), while they fit, and the one that does not,
** so that tui_puts_clip sees the cut and ends the row in an ellipsis.
** The cut counts columns, not bytes: a letter under a stack of accents is
** twenty bytes in one column, and a cut at 400 bytes showed half a row of
** it, unmarked, and split its last letter from its accents.  Counting
** stops at the row's end, so a long quote or a note of a megabyte costs
** the row and not its length (issue 5: every frame draws these rows). */
static size_t fit_bytes(const tui_t *t, const char *s, size_t n, size_t room)
{
    size_t at = 0, w = 0;
    glyph_t g;
    while (at < n && w <= room) {
        char b = s[at];
        if (glyph_ascii_alone(s, n, at) || b == '\n' || b == '\r' || b == '\t') {
            w++;
            at += b == '\r' && at + 1 < n && s[at + 1] == '\n' ? 2 : 1;
            continue;
        }
        glyph_next(s, n, at, t->utf8, &g);
        if (g.len == 0)
            break;
        w += (size_t)g.width;
        at += g.len;
    }
    return at;
}

/* s[0..n) on row y in [x, xmax), made safe and cut with an ellipsis by
** columns (fit_bytes). */
static void put_cut(tui_t *t, WINDOW *w, int y, int x, int xmax, const char *s, size_t n)
{
    if (xmax <= x)
        return;
    char *c = glyph_sanitize(s, fit_bytes(t, s, n, (size_t)(xmax - x)), t->utf8);
    tui_puts_clip(t, w, y, x, xmax, c);
    free(c);
}

static void claims_row(tui_t *t, WINDOW *w, int y, int i)
{
    artview_t *v = &t->art;
    article_t *a = v->a;
    pane_t *p = &t->pane[P_CLAIMS];
    char buf[96];
    const assertion_t *q = &a->assertions[i];
    bool cur = i == v->sel;
    role_attr_t base = tui_roles[cur ? R_CURSOR : R_NORMAL];
    tui_set_attr(w, base);
    tui_fill(w, y, 0, p->w);

    char marks[64];
    int mw = rel_marks(marks, v->rel[i]);
    /* A star for a note, so the noted ones can be found without
    ** selecting each (its text shows under the selected one). */
    if (has_note(q)) {
        if (mw)
            marks[mw++] = ' ';
        marks[mw++] = '*';
        marks[mw] = '\0';
    }
    int xmax = p->w - (mw ? mw + 1 : 0);

    char mark[2] = { status_mark(q->status), '\0' };
    tui_set_attr(w, tui_merge(base, tui_roles[R_CLAIM + (int)q->status]));
    int x = tui_puts(t, w, y, 0, xmax, mark);
    tui_set_attr(w, base);
    size_t nb = 0;
    buf[nb++] = ' ';
    buf[nb++] = q->kind == ASSERT_QUOTE ? 'Q' : 'C';
    nb += put_dec(buf + nb, (long long)q->id);
    buf[nb++] = ' ';
    buf[nb] = '\0';
    x = tui_puts(t, w, y, x, xmax, buf);

    /* The text is what the row is for: the name gets a share of the row
    ** that grows with the pane, and a short form when the full one does
    ** not fit in it. */
    int avail = xmax - x - 2;
    int nw = avail * 2 / 5;
    if (nw < 6)
        nw = avail / 2;
    const char *name = v->speaker_names[i];
    if (tui_width(t, name) > nw) {
        int sp = q->speaker;
        name = v->entity_short[sp >= 0 && (size_t)sp < a->nentities ? (size_t)sp : a->nentities];
        /* A short form a little wider than the share, up to half the
        ** row, reads better whole than clipped. */
        int sw = tui_width(t, name);
        if (sw > nw && sw <= avail / 2)
            nw = sw;
    }
    x = tui_puts_clip(t, w, y, x, x + nw < xmax ? x + nw : xmax, name);
    x = tui_puts(t, w, y, x, xmax, ": ");
    if (span_present(q->span) && q->span.end > q->span.start)
        put_cut(t, w, y, x, xmax, a->text + q->span.start,
                (size_t)(q->span.end - q->span.start));
    if (mw)
        tui_puts(t, w, y, p->w - mw, p->w, marks);
    tui_set_role(w, R_NORMAL);
}

/* The note's rows start here, after "note: " at NOTE_X - 6. */
#define NOTE_X 8

/* How many rows a note may take: a third of the panel, at most 6, so the
** list stays in view; none when the panel has room for its row alone. */
static int note_max_rows(int h)
{
    int k = h / 3;
    if (k > 6)
        k = 6;
    if (k < 1)
        k = 1;
    return h < 2 ? 0 : k;
}

/* How much of s[0..n), a note, its layout needs to fill rows rows of w
** columns and start one more, which says that the last shown is cut: a
** note of a megabyte is not laid out whole on every frame to show a few
** rows of it (issue 5).  Glyphs go into rows at least as tightly as the
** layout puts them (no word carried over to the next row, a space past
** the edge hanging, as the layout's do), so the layout of what this gives
** takes at least as many rows.  What fills no row (spaces at a row's
** start, blank lines, invisible glyphs) is bounded by a count of glyphs
** instead; the layout of a note cut in a run of it may take fewer rows,
** and the caller marks the last of them cut. */
static size_t note_prefix(const tui_t *t, const char *s, size_t n, int w, int rows)
{
    size_t at = 0, steps = 4 * (size_t)(rows + 2) * (size_t)(w + 1);
    int row = 0, col = 0;
    glyph_t g;
    for (; at < n && steps > 0; at += g.len, steps--) {
        char b = s[at];
        int cw = 1;
        g.len = 1;
        if (b == '\n' || b == '\r') {
            if (col > 0) {
                if (++row > rows)
                    break;
                col = 0;
            }
            continue;
        }
        if (!glyph_ascii_alone(s, n, at)) {
            glyph_next(s, n, at, t->utf8, &g);
            if (g.len == 0)
                break;
            cw = g.width;
        }
        if ((b == ' ' || b == '\t') && g.len == 1) {
            if (col > 0 && col < w)
                col += cw;
            continue;
        }
        if (col > 0 && col + cw > w) {
            if (++row > rows)
                break;
            col = 0;
        }
        col += cw;
    }
    return at;
}

/* The display lines of q's note wrapped to the panel (the layout's own
** line breaking and glyphs, as for article text, since a note is as
** untrusted), up to max of them in *lines; how many of them show, and
** in *cut whether more of the note follows the last shown.  *L holds the
** layout the lines point into; the caller frees it. */
static int note_lines(tui_t *t, const assertion_t *q, int max,
                      layout_t **L, dline_t *lines, bool *cut)
{
    int w = t->pane[P_CLAIMS].w - NOTE_X;
    if (w < 1)
        w = 1;
    size_t full = strlen(q->note), len = note_prefix(t, q->note, full, w, max);
    *L = layout_new(q->note, len, t->utf8);
    layout_set_width(*L, w);
    size_t n = 0;
    for (size_t p = 0; p < layout_npara(*L); p++) {
        size_t nl;
        const dline_t *d = layout_para_lines(*L, p, &nl);
        for (size_t j = 0; j < nl; j++, n++)
            if (n < (size_t)max)
                lines[n] = d[j];
        if (n > (size_t)max)
            break;
    }
    *cut = n > (size_t)max || len < full;
    if (n == 0 && len < full && max > 0) {
        /* All that was laid out was blank: the note from its start, on
        ** one row cut with an ellipsis, still says there is one. */
        lines[0] = (dline_t){ 0, 0, 0 };
        n = 1;
    }
    return n < (size_t)max ? (int)n : max;
}

/* Rows the selected one's note takes under it (0: none). */
static int note_rows(tui_t *t, int i)
{
    artview_t *v = &t->art;
    if (i < 0 || (size_t)i >= v->a->nassertions || !has_note(&v->a->assertions[i]))
        return 0;
    int max = note_max_rows(t->pane[P_CLAIMS].h);
    if (max == 0)
        return 0;
    layout_t *L;
    dline_t lines[6];
    bool cut;
    int n = note_lines(t, &v->a->assertions[i], max, &L, lines, &cut);
    layout_free(L);
    return n;
}

/* Draw assertion i's note on rows y0.. (k of them, from note_rows). */
static void note_draw(tui_t *t, WINDOW *w, int y0, int k, int i)
{
    artview_t *v = &t->art;
    const assertion_t *q = &v->a->assertions[i];
    pane_t *p = &t->pane[P_CLAIMS];
    layout_t *L;
    dline_t lines[6];
    bool cut;
    int n = note_lines(t, q, k, &L, lines, &cut);
    /* Apart from the quoted text: not in the cursor's reverse video, and
    ** marked by a word that colour or its absence does not change. */
    for (int r = 0; r < n; r++) {
        int y = y0 + r;
        tui_set_role(w, R_NORMAL);
        tui_fill(w, y, 0, p->w);
        if (r == 0) {
            tui_set_attr(w, tui_merge(tui_roles[R_NORMAL], (role_attr_t){ A_BOLD, 0 }));
            tui_puts(t, w, y, NOTE_X - 6, p->w, "note:");
        }
        tui_set_role(w, R_NORMAL);
        const dline_t *d = &lines[r];
        if (r == n - 1 && cut) {
            /* The rest of the note on one row, clipped with an ellipsis. */
            put_cut(t, w, y, NOTE_X, p->w, q->note + d->start, strlen(q->note + d->start));
        } else {
            tui_put(t, w, y, NOTE_X, p->w, q->note + d->start, d->end - d->start);
        }
    }
    layout_free(L);
}

/* The panel's heading: the count, and how many rows are above and below
** it when it is scrolled ("Quotes and claims (40) \u2191 12 \u2193 20"), which
** nothing said before (the sidebar says it, T4). */
static void claims_head(tui_t *t, int below)
{
    const artview_t *v = &t->art;
    int above = v->ctop > 0 ? v->ctop : 0;
    char buf[96];
    int n = snprintf(buf, sizeof buf, "Quotes and claims (%zu)", v->a->nassertions);
    if (above)
        n += snprintf(buf + n, sizeof buf - (size_t)n, " %s%d", t->utf8 ? "\xe2\x86\x91" : "^",
                      above);
    if (below > 0)
        snprintf(buf + n, sizeof buf - (size_t)n, " %s%d", t->utf8 ? "\xe2\x86\x93" : "v", below);
    tui_pane_head(t, P_CLAIMS, buf);
}

static void claims_draw(tui_t *t)
{
    artview_t *v = &t->art;
    article_t *a = v->a;
    pane_t *p = &t->pane[P_CLAIMS];
    WINDOW *w = p->body;
    /* The selection and its note's rows stay in view. */
    int nr = note_rows(t, v->sel);
    if (v->sel >= 0) {
        if (v->sel < v->ctop)
            v->ctop = v->sel;
        if (v->sel + nr >= v->ctop + p->h)
            v->ctop = v->sel + nr - p->h + 1;
    }
    if (v->ctop > (int)a->nassertions + nr - p->h)
        v->ctop = (int)a->nassertions + nr - p->h;
    if (v->ctop < 0)
        v->ctop = 0;
    int d = v->ctop - v->drawn.ctop;
    /* A note's rows move the rows under it, which the shifting below does
    ** not know of: with a note on either selection the panel is drawn
    ** whole, unless nothing it shows has changed.  Without notes this
    ** costs two tests of a pointer (issue 5). */
    bool noted = v->drawn.valid && v->drawn.gen == v->gen
        && (nr || (v->drawn.sel >= 0 && v->drawn.sel < (int)a->nassertions
                  && has_note(&a->assertions[v->drawn.sel])));
    if (noted && d == 0 && v->drawn.sel == v->sel)
        return;
    if (!noted && v->drawn.valid && v->drawn.gen == v->gen && d > -p->h && d < p->h) {
        /* The same rows are in view, or most of them: shift what is shown
        ** (as the text pane does) and draw only the rows that came into
        ** view, the row the selection left and the row it reached, so J/K
        ** and a jump that scrolls the panel a little cost those rows and
        ** not a panel (issue 5).  Beside the text pane the terminal cannot
        ** scroll these columns alone, so curses still rewrites the shifted
        ** rows, but only where they differ. */
        if (d) {
            scrollok(w, TRUE);
            wscrl(w, d);
            scrollok(w, FALSE);
        }
        int y0 = d > 0 ? p->h - d : 0, y1 = d > 0 ? p->h : -d;
        for (int y = y0; y < y1 && v->ctop + y < (int)a->nassertions; y++)
            claims_row(t, w, y, v->ctop + y);
        int rows[2] = { v->drawn.sel, v->sel };
        for (int k = 0; k < 2 && v->drawn.sel != v->sel; k++) {
            int y = rows[k] - v->ctop;
            if (rows[k] >= 0 && y >= 0 && y < p->h && rows[k] < (int)a->nassertions
                && !(y >= y0 && y < y1))
                claims_row(t, w, y, rows[k]);
        }
        if (d) {
            int below = (int)a->nassertions - v->ctop - p->h;
            claims_head(t, below > 0 ? below : 0);
        }
        return;
    }
    werase(w);
    if (a->nassertions == 0) {
        tui_set_role(w, R_DIM);
        tui_puts(t, w, 0, 1, p->w, "no quotes or claims");
    }
    int i = v->ctop;
    for (int y = 0; y < p->h && i < (int)a->nassertions; i++) {
        claims_row(t, w, y++, i);
        if (i == v->sel && nr) {
            note_draw(t, w, y, nr < p->h - y ? nr : p->h - y, i);
            y += nr;
        }
    }
    claims_head(t, (int)a->nassertions - i);
    tui_set_role(w, R_NORMAL);
}

static bool claims_request(tui_t *t, request_t r)
{
    artview_t *v = &t->art;
    int n = (int)v->a->nassertions;
    int h = t->pane[P_CLAIMS].h;
    int s = v->sel;
    switch (r) {
    case REQ_DOWN:      s = s < 0 ? 0 : s + 1; break;
    case REQ_UP:        s = s < 0 ? 0 : s - 1; break;
    case REQ_HALF_DOWN: s += h / 2; break;
    case REQ_HALF_UP:   s -= h / 2; break;
    case REQ_PAGE_DOWN: s += h; break;
    case REQ_PAGE_UP:   s -= h; break;
    case REQ_TOP:       s = 0; break;
    case REQ_BOTTOM:    s = n - 1; break;
    case REQ_ENTER:     if (s < 0) s = 0; break;
    default:            return false;
    }
    if (n == 0)
        return true;
    if (s >= n) s = n - 1;
    if (s < 0) s = 0;
    art_select(t, s, true);
    return true;
}

const view_ops_t claims_pane = { "claims", claims_draw, claims_request };

/* ---- the note on the status line ------------------------------------
** Where the claims panel is off the screen (the text pane zoomed, or a
** terminal too small for three panes, which shows one pane at a time),
** the note under the selection could be seen only after Tab to the
** panel, and a quote reached by x, s or J looked like one without.  The
** status line carries it there instead: "note: " and the note on one
** row, cut with an ellipsis, in place of the key hints but ahead of
** "?: help" where there is room for both, and after a message, which
** says what the key did and so comes first.  Where the panel is on the
** screen it shows the note itself, and the status line is as it was. */

/* Cells the note needs to be worth showing: the label "note: " and a
** few cells of it (three letters and the ellipsis), which at least say
** that there is a note, where the hints' "?: help" alone said nothing
** of it.  It was 16, and at 40 columns a corroborated one's status
** ("C17 corroborated 2/16") left 12: the note never showed there.  And
** the cells it keeps before it shares the row with "?: help". */
#define STATUS_NOTE_MIN (6 + 4)
#define STATUS_NOTE_ROOM 24
/* What it would like, before the counts of statuses give way to it. */
#define STATUS_NOTE_WANT 40

bool claims_note_hidden(const tui_t *t)
{
    const artview_t *v = &t->art;
    return !t->pane[P_CLAIMS].shown && v->a && v->sel >= 0
        && (size_t)v->sel < v->a->nassertions && has_note(&v->a->assertions[v->sel]);
}

/* The note alone, label and text, in [x, xmax); the column after it. */
static int status_note(tui_t *t, WINDOW *s, int x, int xmax)
{
    if (xmax <= x)
        return x;
    const char *note = t->art.a->assertions[t->art.sel].note;
    /* Sanitize no more of a long note than could show, and mark it cut,
    ** which the width test of tui_puts_clip could not tell.  The cut
    ** counts columns, as the sanitized note will take them, by whole
    ** glyphs (fit_bytes): a letter under 200 accents is 400 bytes in a
    ** column or so, and a cut by bytes hid a note that fitted. */
    size_t full = strlen(note), len = fit_bytes(t, note, full, (size_t)(xmax - x));
    bool cut = len < full;
    char *c = glyph_sanitize(note, len, t->utf8);
    if (cut) {
        const char *ell = tui_ellipsis(t);
        size_t n = strlen(c);
        c = xrealloc(c, n + strlen(ell) + 1);
        strcpy(c + n, ell);
    }
    role_attr_t base = tui_roles[R_STATUS];
    tui_set_attr(s, tui_merge(base, (role_attr_t){ A_BOLD, 0 }));
    x = tui_puts(t, s, 0, x, xmax, "note:");
    tui_set_attr(s, base);
    x = tui_puts_clip(t, s, 0, x + 1, xmax, c);
    free(c);
    return x;
}

int claims_status_room(tui_t *t)
{
    if (t->pane[P_CLAIMS].shown || !t->art.a)
        return 0;
    int room = t->msg[0] ? tui_width(t, t->msg) : 0;
    if (!t->msg_err && claims_note_hidden(t))
        room += (room ? 2 : 0) + STATUS_NOTE_WANT;
    return room;
}

int claims_status_note(tui_t *t, WINDOW *s, int xmax,
                       const tui_hint_t *hints, size_t nhints)
{
    int x = 0;
    tui_set_role(s, R_STATUS);
    if (t->msg[0]) {
        /* The message whole where the note has room after it; else, on
        ** a row with room for a part of each, both cut. */
        int mmax = xmax;
        if (xmax - tui_width(t, t->msg) - 2 < STATUS_NOTE_MIN
            && xmax >= 2 + 2 * STATUS_NOTE_ROOM)
            mmax = xmax - 2 - STATUS_NOTE_ROOM;
        x = tui_puts_clip(t, s, 0, 0, mmax, t->msg) + 2;
        return xmax - x >= STATUS_NOTE_MIN ? status_note(t, s, x, xmax) : x - 2;
    }
    /* The hint kept longest (rank 0, "?: help") keeps its place after
    ** the note where the note still has some words' room beside it; the
    ** others follow a short note if they fit whole (tui_put_hints). */
    if (xmax < STATUS_NOTE_MIN)
        return tui_put_hints(t, s, 0, 0, xmax, hints, nhints);
    int keep = 0;
    for (size_t i = 0; i < nhints; i++)
        if (hints[i].rank == 0)
            keep = 2 + tui_width(t, hints[i].text);
    if (xmax - keep < STATUS_NOTE_ROOM)
        keep = 0;
    x = status_note(t, s, 0, xmax - keep);
    return tui_put_hints(t, s, 0, x + 2, xmax, hints, nhints);
}
