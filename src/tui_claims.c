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
    if (span_present(q->span) && q->span.end > q->span.start) {
        size_t len = (size_t)(q->span.end - q->span.start);
        if (len > 400) {
            len = 400;
            while (len > 0 && ((unsigned char)a->text[q->span.start + len] & 0xc0) == 0x80)
                len--;
        }
        char *snip = glyph_sanitize(a->text + q->span.start, len, t->utf8);
        tui_puts_clip(t, w, y, x, xmax, snip);
        free(snip);
    }
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

/* The display lines of q's note wrapped to the panel (the layout's own
** line breaking and glyphs, as for article text, since a note is as
** untrusted), up to max of them in *lines; the number that the whole
** note needs, so that more than max says the last shown is cut.  *L
** holds the layout the lines point into; the caller frees it. */
static size_t note_lines(tui_t *t, const assertion_t *q, int max,
                         layout_t **L, dline_t *lines)
{
    int w = t->pane[P_CLAIMS].w - NOTE_X;
    *L = layout_new(q->note, strlen(q->note), t->utf8);
    layout_set_width(*L, w > 1 ? w : 1);
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
    return n;
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
    size_t n = note_lines(t, &v->a->assertions[i], max, &L, lines);
    layout_free(L);
    return n < (size_t)max ? (int)n : max;
}

/* Draw assertion i's note on rows y0.. (k of them, from note_rows). */
static void note_draw(tui_t *t, WINDOW *w, int y0, int k, int i)
{
    artview_t *v = &t->art;
    const assertion_t *q = &v->a->assertions[i];
    pane_t *p = &t->pane[P_CLAIMS];
    layout_t *L;
    dline_t lines[6];
    size_t n = note_lines(t, q, k, &L, lines);
    /* Apart from the quoted text: not in the cursor's reverse video, and
    ** marked by a word that colour or its absence does not change. */
    for (int r = 0; r < k && (size_t)r < n; r++) {
        int y = y0 + r;
        tui_set_role(w, R_NORMAL);
        tui_fill(w, y, 0, p->w);
        if (r == 0) {
            tui_set_attr(w, tui_merge(tui_roles[R_NORMAL], (role_attr_t){ A_BOLD, 0 }));
            tui_puts(t, w, y, NOTE_X - 6, p->w, "note:");
        }
        tui_set_role(w, R_NORMAL);
        const dline_t *d = &lines[r];
        if (r == k - 1 && n > (size_t)k) {
            /* The rest of the note on one row, clipped with an ellipsis. */
            size_t len = strlen(q->note) - d->start;
            if (len > 400)
                len = 400;
            while (len > 0 && ((unsigned char)q->note[d->start + len] & 0xc0) == 0x80)
                len--;
            char *rest = glyph_sanitize(q->note + d->start, len, t->utf8);
            tui_puts_clip(t, w, y, NOTE_X, p->w, rest);
            free(rest);
        } else {
            tui_put(t, w, y, NOTE_X, p->w, q->note + d->start, d->end - d->start);
        }
    }
    layout_free(L);
}

static void claims_draw(tui_t *t)
{
    artview_t *v = &t->art;
    article_t *a = v->a;
    pane_t *p = &t->pane[P_CLAIMS];
    char buf[96];
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
        return;
    }
    snprintf(buf, sizeof buf, "Quotes and claims (%zu)", a->nassertions);
    tui_pane_head(t, P_CLAIMS, buf);
    werase(w);
    if (a->nassertions == 0) {
        tui_set_role(w, R_DIM);
        tui_puts(t, w, 0, 1, p->w, "no quotes or claims");
    }
    for (int y = 0, i = v->ctop; y < p->h && i < (int)a->nassertions; i++) {
        claims_row(t, w, y++, i);
        if (i == v->sel && nr) {
            note_draw(t, w, y, nr < p->h - y ? nr : p->h - y, i);
            y += nr;
        }
    }
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
    ** glyphs: a letter under 200 accents is 400 bytes in a column or
    ** so, and a cut by bytes hid a note that fitted. */
    size_t full = strlen(note), len = 0, room = (size_t)(xmax - x), w = 0;
    glyph_t g;
    for (; len < full && w <= room; len += g.len) {
        char b = note[len];
        if (glyph_ascii_alone(note, full, len) || b == '\n' || b == '\r' || b == '\t') {
            /* glyph_sanitize makes a line end (CRLF too) or tab one space. */
            w++;
            g.len = b == '\r' && len + 1 < full && note[len + 1] == '\n' ? 2 : 1;
            continue;
        }
        glyph_next(note, full, len, t->utf8, &g);
        if (g.len == 0)
            break;
        w += (size_t)g.width;
    }
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
