/*
** tui_article.c: the article screen.  It owns the open article and its
** layout, the selection (the current quote or claim), the jumps between
** annotations (J/K, x, s/S, ]/[) with their Ctrl-O history, tagging, text
** search, and the text pane.  The sidebar and the claims panel draw from
** the same state (tui_sidebar.c, tui_claims.c).
**
** The text pane draws only the rows in view: layout_row() hands out one
** display line at a time, wrapped lazily per paragraph, and the marks of
** the annotations covering a line are found by binary search, so a long
** article costs no more per screen than a short one.
*/
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>

#include "cli.h"             /* cli_parse_assertion_id, as contra link reads ids */
#include "text.h"
#include "tui_view.h"
#include "util.h"

static int lpos_cmp(lpos_t a, lpos_t b)
{
    if (a.para != b.para)
        return a.para < b.para ? -1 : 1;
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    return 0;
}

/* ---- opening and closing ------------------------------------------------ */

static int mark_cmp(const void *pa, const void *pb)
{
    const mark_t *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;     /* outer first */
    return 0;
}

/* maxend[b] is the largest end of marks [0, (b + 1) * MARK_BLOCK): one
** per block rather than per mark, to keep a long article's memory down
** (issue 5); a walk back over the marks may look at up to a block more. */
#define MARK_BLOCK 16

/* The marks' sources are in order already: the quotes and claims by
** where they start, each entity's mentions likewise.  Merging them (a
** heap over the lists, ties to the earlier list) and then ordering each
** run of one start by end, longest first, gives what sorting them with
** mark_cmp, stably, gives; without qsort's scratch copy of them all, which
** was a third of a megabyte at the peak of opening a 10 MB article, and
** in a fifth of the time (issue 5).  A list found out of order makes
** build_marks sort instead. */
typedef struct msrc { mark_t m; uint32_t list; size_t at; } msrc_t;

/* The next mark of list l from position *at on; false at its end. */
static bool list_next(const article_t *a, uint32_t l, size_t *at, mark_t *m)
{
    size_t n = l == 0 ? a->nassertions : a->entities[l - 1].nmentions;
    for (; *at < n; (*at)++) {
        span_t s = l == 0 ? a->assertions[*at].span : a->entities[l - 1].mentions[*at];
        if (!span_present(s) || s.end <= s.start || (size_t)s.end > a->len
            || s.end > UINT32_MAX)
            continue;
        *m = (mark_t){ (uint32_t)s.start, (uint32_t)s.end,
                       l == 0 ? (int32_t)*at : -1 - (int32_t)(l - 1) };
        (*at)++;
        return true;
    }
    return false;
}

static bool msrc_less(const msrc_t *x, const msrc_t *y)
{
    return x->m.start != y->m.start ? x->m.start < y->m.start : x->list < y->list;
}

static void heap_down(msrc_t *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        if (l < n && msrc_less(&h[l], &h[m]))
            m = l;
        if (l + 1 < n && msrc_less(&h[l + 1], &h[m]))
            m = l + 1;
        if (m == i)
            return;
        msrc_t tmp = h[i];
        h[i] = h[m];
        h[m] = tmp;
        i = m;
    }
}

/* Merge into v->marks; false if a list was out of order. */
static bool merge_marks(artview_t *v, size_t *count)
{
    article_t *a = v->a;
    size_t nl = a->nentities + 1, nh = 0, k = 0;
    msrc_t *h = xcalloc(nl, sizeof *h);
    for (uint32_t l = 0; l < nl; l++) {
        h[nh].list = l;
        if (list_next(a, l, &h[nh].at, &h[nh].m))
            nh++;
    }
    for (size_t i = nh; i-- > 0;)
        heap_down(h, nh, i);
    bool sorted = true;
    while (nh) {
        v->marks[k++] = h[0].m;
        uint32_t last = h[0].m.start;
        if (list_next(a, h[0].list, &h[0].at, &h[0].m)) {
            if (h[0].m.start < last) {
                sorted = false;
                break;
            }
        } else {
            h[0] = h[--nh];
        }
        heap_down(h, nh, 0);
    }
    free(h);
    /* Within a run of one start, longest first (insertion: runs are short
    ** and this keeps their order otherwise). */
    for (size_t i = 1; sorted && i < k; i++) {
        mark_t m = v->marks[i];
        size_t j = i;
        while (j > 0 && v->marks[j - 1].start == m.start && v->marks[j - 1].end < m.end) {
            v->marks[j] = v->marks[j - 1];
            j--;
        }
        v->marks[j] = m;
    }
    *count = k;
    return sorted;
}

static void build_marks(artview_t *v)
{
    article_t *a = v->a;
    size_t n = a->nassertions;
    for (size_t i = 0; i < a->nentities; i++)
        n += a->entities[i].nmentions;
    v->marks = xcalloc(n ? n : 1, sizeof *v->marks);
    v->maxend = xcalloc(n / MARK_BLOCK + 1, sizeof *v->maxend);
    size_t k = 0;
    if (merge_marks(v, &k))
        goto ends;
    k = 0;
    for (size_t i = 0; i < a->nassertions; i++) {
        span_t s = a->assertions[i].span;
        if (!span_present(s) || s.end <= s.start || (size_t)s.end > a->len
            || s.end > UINT32_MAX)
            continue;
        v->marks[k++] = (mark_t){ (uint32_t)s.start, (uint32_t)s.end, (int32_t)i };
    }
    for (size_t i = 0; i < a->nentities; i++) {
        entity_t *en = &a->entities[i];
        for (size_t j = 0; j < en->nmentions; j++) {
            span_t s = en->mentions[j];
            if (!span_present(s) || s.end <= s.start || (size_t)s.end > a->len
                || s.end > UINT32_MAX)
                continue;
            v->marks[k++] = (mark_t){ (uint32_t)s.start, (uint32_t)s.end, -1 - (int32_t)i };
        }
    }
    qsort(v->marks, k, sizeof *v->marks, mark_cmp);
ends:
    v->nmarks = k;
    uint32_t mx = 0;
    for (size_t i = 0; i < k; i++) {
        if (v->marks[i].end > mx)
            mx = v->marks[i].end;
        v->maxend[i / MARK_BLOCK] = mx;
    }
}

/* The form of an entity's name for a narrow column: a person's last
** word ("Vandersloot" for "Piet Vandersloot"), or anything else's
** shortest alias that is part of its name ("Marrowick" for "Port of
** Marrowick").  An alias that is not part of the name is another name
** (a capital for its country, "institute"), which would mislead here. */
static char *short_name(tui_t *t, const entity_t *en, const char *full)
{
    const char *best = full;
    size_t bw = glyph_width(full, strlen(full), t->utf8);
    if (en->kind == KIND_PERSON) {
        const char *sp = strrchr(full, ' ');
        if (sp && sp[1])
            best = sp + 1;
        return xstrdup(best);
    }
    char *out = NULL;
    for (size_t k = 0; k < en->naliases; k++) {
        const char *al = en->aliases[k];
        if (!al || !*al || !strstr(full, al))
            continue;
        char *c = glyph_sanitize(al, strlen(al), t->utf8);
        size_t cw = glyph_width(c, strlen(c), t->utf8);
        if (cw > 0 && cw < bw) {
            free(out);
            out = c;
            bw = cw;
        } else {
            free(c);
        }
    }
    return out ? out : xstrdup(full);
}

static void build_relations(tui_t *t)
{
    artview_t *v = &t->art;
    article_t *a = v->a;
    size_t n = a->nassertions ? a->nassertions : 1;
    v->rel = xcalloc(n, sizeof *v->rel);
    v->speaker_names = xcalloc(n, sizeof *v->speaker_names);
    for (size_t i = 0; i < a->nrelations; i++) {
        relation_t *r = &a->relations[i];
        bool x = r->type == REL_CONTRADICTS;
        if (r->from.index >= 0 && (size_t)r->from.index < a->nassertions)
            v->rel[r->from.index][x ? REL_OUT_X : REL_OUT_S]++;
        if (r->to.index >= 0 && (size_t)r->to.index < a->nassertions &&
            r->to.index != r->from.index)
            v->rel[r->to.index][x ? REL_IN_X : REL_IN_S]++;
    }
    /* One sanitized name per entity, shared by its assertions: a long
    ** article has thousands of quotes by a few speakers. */
    v->entity_names = xcalloc(a->nentities + 1, sizeof *v->entity_names);
    v->entity_short = xcalloc(a->nentities + 1, sizeof *v->entity_short);
    for (size_t i = 0; i < a->nentities; i++) {
        const char *name = a->entities[i].name ? a->entities[i].name : "?";
        v->entity_names[i] = glyph_sanitize(name, strlen(name), t->utf8);
        v->entity_short[i] = short_name(t, &a->entities[i], v->entity_names[i]);
    }
    v->entity_names[a->nentities] = xstrdup("?");
    v->entity_short[a->nentities] = xstrdup("?");
    for (size_t i = 0; i < a->nassertions; i++) {
        int sp = a->assertions[i].speaker;
        v->speaker_names[i] = v->entity_names[sp >= 0 && (size_t)sp < a->nentities
                                              ? (size_t)sp : a->nentities];
    }
}

/* Free what build_marks and build_relations made. */
static void free_derived(artview_t *v)
{
    if (v->entity_names && v->a)
        for (size_t i = 0; i <= v->a->nentities; i++) {
            free(v->entity_names[i]);
            if (v->entity_short)
                free(v->entity_short[i]);
        }
    free(v->entity_names);
    free(v->entity_short);
    free(v->speaker_names);
    v->speaker_names = v->entity_names = v->entity_short = NULL;
    free(v->rel);
    free(v->marks);
    free(v->maxend);
    v->rel = NULL;
    v->marks = NULL;
    v->maxend = NULL;
    v->nmarks = 0;
}

void art_close(tui_t *t)
{
    artview_t *v = &t->art;
    free_derived(v);
    free(v->srows);
    v->srows = NULL;
    v->nsrows = 0;
    v->drawn.valid = false;
    if (v->L)
        layout_free(v->L);
    v->L = NULL;
    if (v->a)
        article_free(v->a);
    v->a = NULL;
    store_part_end(t->s, &v->part);
    memset(&v->part, 0, sizeof v->part);
}

/* ---- a long article in two steps (issue 5) ---------------------------------
** An article of PART_MIN bytes or more opens with what its first frame
** shows (store_load_part): the text of its first screens, the
** annotations in it, the first quotes and claims, and the counts the
** sidebar, the claims panel and the status line show for the whole
** article.  That frame goes to the terminal, and the rest is loaded
** before the next key is read (keys typed meanwhile wait in the tty).
** Nothing on that frame changes when the rest comes: it shows only what
** was loaded, and when the screen would need more (a terminal taller
** than guessed, an article whose first paragraphs are longer than what
** was read) the rest is loaded before drawing. */
#define PART_MIN ((size_t)128 << 10)
#define PART_WANT ((size_t)16 << 10)

static bool partial(const artview_t *v)
{
    return v->a && !v->part.complete;
}

/* The terminal's size, before curses has it too. */
static void term_size(const tui_t *t, int *rows, int *cols)
{
    struct winsize ws;
    *rows = t->rows;
    *cols = t->cols;
    if (*rows > 0 && *cols > 0)
        return;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col) {
        *rows = ws.ws_row;
        *cols = ws.ws_col;
    } else {
        *rows = 100;
        *cols = 200;
    }
}

/* The end of the last whole line in the text read: the layout of a
** partly read article stops there, so that its paragraphs are those of
** the whole text. */
static size_t whole_lines(const article_t *a, size_t loaded)
{
    size_t n = loaded;
    while (n > 0 && a->text[n - 1] != '\n' && a->text[n - 1] != '\r')
        n--;
    return n;
}

/* Load the rest of an article opened in part.  What the screen shows
** stays as it is, and so does the panes' record of what they drew: the
** rest changes nothing on the first frame (one snapshot; see above). */
static void art_finish(tui_t *t)
{
    artview_t *v = &t->art;
    if (!partial(v))
        return;
    err_t e = {{0}};
    /* What was built for the part goes first: the whole article's marks
    ** are built anew, and a 10 MB article's peak memory is issue 5's. */
    free_derived(v);
    if (store_load_rest(t->s, v->a, &v->part, &e) < 0) {
        /* The article is only part there: it cannot stay open. */
        int64_t id = v->a->id;
        art_close(t);
        if (TOP_SCREEN(t) == SCR_ARTICLE)
            tui_close_screen(t);
        if (t->quit)
            t->exit_status = 1;
        tui_message(t, true, "cannot read article %lld: %s", (long long)id, e.msg);
        return;
    }
    unsigned gen = v->gen;
    __typeof__(v->drawn) drawn = v->drawn;
    layout_t *L = layout_new(v->a->text, v->a->len, t->utf8);
    layout_set_width(L, layout_width(v->L));
    layout_free(v->L);
    v->L = L;
    build_marks(v);
    build_relations(t);
    art_count_statuses(v);
    v->gen = gen;
    v->drawn = drawn;
}

/* Show article a, read as part says, from its start, with nothing
** selected. */
static void art_install(tui_t *t, article_t *a, const article_part_t *part)
{
    artview_t *v = &t->art;
    art_close(t);
    v->a = a;
    v->part = *part;
    v->L = layout_new(a->text, part->complete ? a->len : whole_lines(a, part->loaded),
                      t->utf8);
    layout_set_width(v->L, v->text_w > 0 ? v->text_w : 80);
    if (v->text_h <= 0)
        v->text_h = 20;
    v->top = (lpos_t){0, 0};
    v->sel = -1;
    v->hl_entity = v->hl_mention = -1;
    v->ctop = 0;
    v->have_match = false;
    build_marks(v);
    build_relations(t);
    sidebar_build(v);
    art_count_statuses(v);
    v->drawn.valid = false;
}

int art_open(tui_t *t, int64_t id, int64_t sel_id, err_t *e)
{
    article_part_t part;
    article_t *a;
    if (sel_id) {
        /* Opened at a quote or claim: the whole article at once. */
        a = store_load_article(t->s, id, e);
        memset(&part, 0, sizeof part);
        part.complete = true;
    } else {
        int rows, cols;
        term_size(t, &rows, &cols);
        size_t want = (size_t)rows * (size_t)cols * 4;
        /* The claims panel's rows: under the sidebar, three fifths of the
        ** rows between the title and the status line at most, when the
        ** panes are side by side (tui_layout); else up to all of them.
        ** A guess: part_fits checks it, and a wrong one costs time only. */
        int H = rows - 2, claims = rows;
        if (!t->art.zoom && cols >= 80 && H >= 10)
            claims = H - H * 2 / 5;
        a = store_load_part(t->s, id, PART_MIN, want > PART_WANT ? want : PART_WANT,
                            (size_t)(claims > 0 ? claims : 0), &part, e);
    }
    if (!a)
        return -1;
    art_install(t, a, &part);
    if (sel_id) {
        for (size_t i = 0; i < a->nassertions; i++)
            if (a->assertions[i].id == sel_id)
                art_select(t, (int)i, true);
    }
    return 0;
}

/* The status line shows these on every key; counting them over the
** article's assertions each time cost more than the rest of a line
** scroll in a long article (issue 5), so they are counted at open and
** after each change of status. */
void art_count_statuses(artview_t *v)
{
    memset(v->nstatus, 0, sizeof v->nstatus);
    if (partial(v))
        memcpy(v->nstatus, v->part.nstatus, sizeof v->nstatus);
    for (size_t i = 0; v->a && !partial(v) && i < v->a->nassertions; i++)
        if ((unsigned)v->a->assertions[i].status < STATUS_COUNT)
            v->nstatus[v->a->assertions[i].status]++;
    v->gen++;
}

/* ---- scrolling ------------------------------------------------------------ */

static lpos_t max_top(artview_t *v)
{
    size_t np = layout_npara(v->L);
    if (np == 0)
        return (lpos_t){0, 0};
    size_t n = 0;
    layout_para_lines(v->L, np - 1, &n);
    lpos_t p = { np - 1, n ? n - 1 : 0 };
    layout_move(v->L, &p, -(long)(v->text_h > 1 ? v->text_h - 1 : 0));
    return p;
}

/* Whether the last row is on screen with the view's top at top.  For
** speed (issue 5): this walks one screen's rows down from top, where
** max_top wraps the article to its end, which a first frame never needs. */
static bool end_in_view(artview_t *v, lpos_t top)
{
    long k = v->text_h > 1 ? v->text_h - 1 : 0;
    return layout_move(v->L, &top, k + 1) <= k;
}

static void clamp_top(artview_t *v)
{
    /* The start is never past the end: an article just opened is not
    ** wrapped to its end before its first frame (issue 5). */
    if (v->top.para == 0 && v->top.line == 0)
        return;
    lpos_t m = max_top(v);
    if (lpos_cmp(v->top, m) > 0)
        v->top = m;
}

void art_scroll(tui_t *t, long rows)
{
    artview_t *v = &t->art;
    layout_move(v->L, &v->top, rows);
    clamp_top(v);
}

void art_relayout(tui_t *t)
{
    artview_t *v = &t->art;
    if (!v->a || v->text_w <= 0)
        return;
    if (layout_width(v->L) != v->text_w) {
        /* Keep the reading place: the first byte shown stays in view.
        ** At the top (an article just opened) there is nothing to keep,
        ** and finding the byte would wrap a paragraph at the old width
        ** for nothing. */
        bool at_top = v->top.para == 0 && v->top.line == 0;
        size_t b = at_top ? 0 : layout_byte_of_pos(v->L, v->top);
        layout_set_width(v->L, v->text_w);
        if (!at_top)
            v->top = layout_pos_of_byte(v->L, b);
    }
    clamp_top(v);
}

void art_show_byte(tui_t *t, size_t b)
{
    artview_t *v = &t->art;
    lpos_t pos = layout_pos_of_byte(v->L, b);
    lpos_t bottom = v->top;
    layout_move(v->L, &bottom, v->text_h - 1);
    if (lpos_cmp(pos, v->top) >= 0 && lpos_cmp(pos, bottom) <= 0)
        return;
    v->top = pos;
    layout_move(v->L, &v->top, -(long)(v->text_h / 4));   /* some context */
    clamp_top(v);
}

void art_select(tui_t *t, int idx, bool scroll_text)
{
    artview_t *v = &t->art;
    if (idx < 0 || (size_t)idx >= v->a->nassertions)
        return;
    v->sel = idx;
    /* Selected by anything but x, it starts a ring of its own at the next
    ** x, even where an x landed on it before: J then K back to it went on
    ** round the old ring, and its own contradictions were out of reach. */
    if (!t->xc.jumping)
        t->xc.last = 0;
    if (scroll_text && span_present(v->a->assertions[idx].span))
        art_show_byte(t, (size_t)v->a->assertions[idx].span.start);
}

/* ---- history and jumps ------------------------------------------------- */

void art_push_history(tui_t *t)
{
    artview_t *v = &t->art;
    if (!v->a)
        return;
    grow_array((void **)&t->hist, &t->caphist, t->nhist + 1, sizeof *t->hist);
    hist_t *h = &t->hist[t->nhist++];
    h->article_id = v->a->id;
    h->sel_id = v->sel >= 0 ? v->a->assertions[v->sel].id : 0;
    h->top_byte = layout_byte_of_pos(v->L, v->top);
}

static int find_assertion(artview_t *v, int64_t id)
{
    for (size_t i = 0; i < v->a->nassertions; i++)
        if (v->a->assertions[i].id == id)
            return (int)i;
    return -1;
}

/* The entity with library id id, -1 when the article has none. */
static int entity_index(const article_t *a, int64_t id)
{
    for (size_t i = 0; id && i < a->nentities; i++)
        if (a->entities[i].id == id)
            return (int)i;
    return -1;
}

static const char *kind_letter(const assertion_t *q)
{
    return q->kind == ASSERT_QUOTE ? "Q" : "C";
}

static const assertion_t *assertion_by_id(const article_t *a, int64_t id)
{
    for (size_t i = 0; i < a->nassertions; i++)
        if (a->assertions[i].id == id)
            return &a->assertions[i];
    return NULL;
}

/* Who made a change to quote or claim id that is in force, by its tag
** history, read after the change: with want_note NULL the latest entry
** that set the status to want (it differs from the entry before it),
** else the latest that set the note to *want_note (NULL in it: none);
** with others_only, one by another login name than ours.  Sanitized and
** malloc'd; NULL when there is none or the history cannot be read.  The
** history says who, not whether an entry was a tag or someone's undo,
** so neither do the messages made from it. */
static char *changed_by(tui_t *t, int64_t id, status_t want, const char *const *want_note,
                        bool others_only)
{
    tag_entry_t *h = NULL;
    err_t e = {{0}};
    int n = store_tag_history(t->s, id, &h, &e);
    char *who = NULL;
    for (int i = n - 1; i >= 0 && !who; i--) {
        if (!h[i].who || (others_only && strcmp(h[i].who, login_name()) == 0))
            continue;
        bool set = want_note
            ? note_same(h[i].note, *want_note) && (i == 0 || !note_same(h[i].note, h[i - 1].note))
            : h[i].status == want && (i == 0 || h[i].status != h[i - 1].status);
        if (set)
            who = glyph_sanitize(h[i].who, strlen(h[i].who), t->utf8);
    }
    if (n > 0)
        tag_entries_free(h, n);
    return who;
}

/* Another process changed the quote or claim the message tells of (old
** is the reader's copy, a the library's): the message is stale ("Q16
** tagged disputed (saved)" beside a panel that shows it corroborated),
** and says instead what changed and who changed it.  A message about
** one in another article stays: this article's reading cannot tell. */
static void restate_message(tui_t *t, const article_t *old, const article_t *a)
{
    int64_t id = t->msg_about;
    const assertion_t *was = id && t->msg[0] ? assertion_by_id(old, id) : NULL;
    if (!was)
        return;
    const assertion_t *now = assertion_by_id(a, id);
    const char *k = kind_letter(was);
    if (!now) {
        tui_message(t, false, "%s%lld is no longer in this article (changed elsewhere)",
                    k, (long long)id);
        return;
    }
    bool st = was->status != now->status, nt = !note_same(was->note, now->note);
    if (!st && !nt)
        return;
    const char *nn = now->note && *now->note ? now->note : NULL;
    char *who = st ? changed_by(t, id, now->status, NULL, false)
                   : changed_by(t, id, now->status, &nn, false);
    const char *w = who ? who : "someone";
    if (st)
        tui_message(t, false, "%s%lld: %s changed it to %s%s", k, (long long)id, w,
                    status_name(now->status), nt ? ", and its note" : "");
    else
        tui_message(t, false, "%s%lld: %s %s", k, (long long)id, w,
                    !nn ? "removed its note"
                    : was->note && *was->note ? "changed its note" : "wrote a note on it");
    free(who);
    t->msg_about = id;
}

void art_refresh(tui_t *t)
{
    artview_t *v = &t->art;
    if (!v->a)
        return;
    /* The text is as it was imported and never changes; what others
    ** change is its annotations, statuses, notes and relations.  So the
    ** place is kept: the same top line, and by library id the same
    ** quote, entity and sidebar row if they are still there. */
    int64_t id = v->a->id;
    int64_t sel_id = v->sel >= 0 ? v->a->assertions[v->sel].id : 0;
    int64_t hl_id = v->hl_entity >= 0 ? v->a->entities[v->hl_entity].id : 0;
    int hl_mention = v->hl_mention;
    int64_t side_id = v->scur >= 0 && (size_t)v->scur < v->nsrows && v->srows[v->scur] >= 0
        ? v->a->entities[v->srows[v->scur]].id : 0;
    int side_at = v->scur - v->stop;
    lpos_t top = v->top;
    int ctop = v->ctop;
    bool have_match = v->have_match;
    size_t match_start = v->match_start, match_end = v->match_end;

    /* Whether this article changed is one row's read (migration 5), for
    ** speed (issue 5): any commit to the library brings the reader here,
    ** and reading a 10 MB article again took 5 ms. */
    err_t e = {{0}};
    int64_t rev = 0;
    int there = store_article_rev(t->s, id, &rev, &e);
    article_t *a = NULL;
    if (there > 0 && rev >= 0 && rev == v->a->rev)
        return;
    if (there > 0)
        a = v->part.complete ? store_reload_article(t->s, v->a, &e)
                             : store_load_article(t->s, id, &e);
    if (there < 0 || (there > 0 && !a)) {
        /* Busy or unreadable for now: the next look tries again. */
        tui_message(t, true, "cannot read article %lld again: %s", (long long)id, e.msg);
        t->data_version = -1;   /* so that the next look tries again */
        return;
    }
    if (there == 0) {
        /* Deleted: its screen goes, wherever it is in the stack (help
        ** may be over it), and the library shows where it was the only
        ** screen, rather than the reader ending under the user. */
        art_close(t);
        int n = 0;
        for (int i = 0; i < t->nstack; i++)
            if (t->stack[i] != SCR_ARTICLE)
                t->stack[n++] = t->stack[i];
        if (n == 0 || t->stack[0] != SCR_LIBRARY) {
            memmove(t->stack + 1, t->stack, (size_t)n * sizeof t->stack[0]);
            t->stack[0] = SCR_LIBRARY;
            n++;
        }
        t->nstack = n;
        lib_reload(t);
        tui_layout(t);
        tui_message(t, true, "article %lld was deleted from the library", (long long)id);
        return;
    }
    restate_message(t, v->a, a);
    article_part_t whole;
    memset(&whole, 0, sizeof whole);
    whole.complete = true;
    art_install(t, a, &whole);
    v->sel = sel_id ? find_assertion(v, sel_id) : -1;
    v->hl_entity = entity_index(a, hl_id);
    if (v->hl_entity >= 0 && hl_mention >= 0
        && (size_t)hl_mention < a->entities[v->hl_entity].nmentions)
        v->hl_mention = hl_mention;
    int side = entity_index(a, side_id);
    for (size_t r = 0; side >= 0 && r < v->nsrows; r++)
        if (v->srows[r] == side) {
            v->scur = (int)r;
            v->stop = v->scur - side_at > 0 ? v->scur - side_at : 0;
        }
    v->ctop = ctop;
    v->have_match = have_match;
    v->match_start = match_start;
    v->match_end = match_end;
    /* The same text at the same width: the same layout, and the same
    ** position in it (a byte would land a blank row on the next line). */
    v->top = top;
    clamp_top(v);
    v->gen++;
}

/* Select assertion id, opening its article if it lies elsewhere. */
static bool goto_assertion(tui_t *t, int64_t id, int64_t art_id)
{
    artview_t *v = &t->art;
    int i = find_assertion(v, id);
    if (i >= 0) {
        art_select(t, i, true);
        return true;
    }
    err_t e = {{0}};
    if (!art_id)
        art_id = store_assertion_article(t->s, id, &e);
    if (!art_id) {
        tui_message(t, true, "%s", err_is_set(&e) ? e.msg
                    : "that quote or claim is no longer in the library");
        return false;
    }
    if (art_open(t, art_id, id, &e) < 0) {
        tui_message(t, true, "%s", e.msg);
        return false;
    }
    return true;
}

static void jump_back(tui_t *t)
{
    artview_t *v = &t->art;
    if (t->nhist == 0) {
        tui_message(t, false, "no earlier place to go back to");
        return;
    }
    hist_t h = t->hist[--t->nhist];
    if (!v->a || v->a->id != h.article_id) {
        err_t e = {{0}};
        if (art_open(t, h.article_id, h.sel_id, &e) < 0) {
            tui_message(t, true, "%s", e.msg);
            return;
        }
        art_finish(t);          /* the place to go back to may be anywhere */
        if (!v->a)
            return;
    } else {
        v->sel = h.sel_id ? find_assertion(v, h.sel_id) : -1;
    }
    v->top = layout_pos_of_byte(v->L, h.top_byte);
    clamp_top(v);
}

/* A key for the selected quote or claim with none selected: J/K selects
** one, unless the article has none, which is the thing to say then (it
** said to select one, and J then said there was none). */
static void say_select_first(tui_t *t)
{
    if (t->art.a && t->art.a->nassertions == 0)
        tui_message(t, false, "this article has no quotes or claims");
    else
        tui_message(t, false, "select a quote or claim first (J/K)");
}

/* x: the ring is the origin followed by every assertion it contradicts
** or that contradicts it; each x moves one step round it. */
static void jump_contradiction(tui_t *t)
{
    artview_t *v = &t->art;
    article_t *a = v->a;
    if (v->sel < 0) {
        say_select_first(t);
        return;
    }
    int64_t cur = a->assertions[v->sel].id;
    if (!(t->xc.n > 1 && t->xc.last == cur)) {
        int64_t *arts = NULL;
        size_t n = 0, cap = 0, acap = 0;
        free(t->xc.ids);
        t->xc.ids = NULL;
        grow_array((void **)&t->xc.ids, &cap, 1, sizeof *t->xc.ids);
        grow_array((void **)&arts, &acap, 1, sizeof *arts);
        t->xc.ids[n] = cur;
        arts[n++] = a->id;
        for (size_t i = 0; i < a->nrelations; i++) {
            relation_t *r = &a->relations[i];
            if (r->type != REL_CONTRADICTS)
                continue;
            const rel_end_t *other = NULL;
            if (r->from.index == v->sel || (r->from.index < 0 && r->from.id == cur))
                other = &r->to;
            else if (r->to.index == v->sel || (r->to.index < 0 && r->to.id == cur))
                other = &r->from;
            if (!other)
                continue;
            int64_t oid = other->index >= 0 ? a->assertions[other->index].id : other->id;
            if (!oid || oid == cur)
                continue;
            grow_array((void **)&t->xc.ids, &cap, n + 1, sizeof *t->xc.ids);
            t->xc.ids[n++] = oid;
        }
        free(arts);
        t->xc.n = n;
        t->xc.k = 0;
        if (n == 1) {
            tui_message(t, false, "%s%lld contradicts nothing and nothing contradicts it",
                        kind_letter(&a->assertions[v->sel]), (long long)cur);
            t->xc.n = 0;
            return;
        }
    }
    t->xc.k = (t->xc.k + 1) % t->xc.n;
    int64_t target = t->xc.ids[t->xc.k];
    art_push_history(t);
    t->xc.jumping = true;
    bool landed = goto_assertion(t, target, 0);
    t->xc.jumping = false;
    if (!landed) {
        t->nhist--;
        return;
    }
    t->xc.last = target;
    if (t->xc.k == 0)
        tui_message(t, false, "back at the start (%zu contradiction%s)",
                    t->xc.n - 1, t->xc.n == 2 ? "" : "s");
    else if (t->xc.n == 2)
        tui_message(t, false, "contradiction 1 of 1; x or Ctrl-O goes back");
    else
        tui_message(t, false, "contradiction %zu of %zu; x for the next, Ctrl-O to go back",
                    t->xc.k, t->xc.n - 1);
}

static void jump_speaker(tui_t *t, int dir)
{
    artview_t *v = &t->art;
    if (v->sel < 0) {
        say_select_first(t);
        return;
    }
    const char *name = v->speaker_names[v->sel];
    err_t e = {{0}};
    int64_t id = store_next_by_speaker(t->s, v->a->assertions[v->sel].id, dir, &e);
    if (id <= 0) {
        if (err_is_set(&e))
            tui_message(t, true, "%s", e.msg);
        else
            /* The library lists the newest first; s goes on in that
            ** order (down the list, to older articles), S back up it. */
            tui_message(t, false, dir > 0
                        ? "no quote or claim by %s further down the library list "
                          "(S goes back up)"
                        : "no quote or claim by %s further up the library list "
                          "(s goes down)",
                        name);
        return;
    }
    art_push_history(t);
    if (!goto_assertion(t, id, 0))
        t->nhist--;
}

static void step_annotation(tui_t *t, int dir)
{
    artview_t *v = &t->art;
    int n = (int)v->a->nassertions;
    if (n == 0) {
        tui_message(t, false, "this article has no quotes or claims");
        return;
    }
    int i;
    if (v->sel < 0) {
        /* Nothing selected: start from what is on screen. */
        int64_t b = (int64_t)layout_byte_of_pos(v->L, v->top);
        if (dir > 0) {
            for (i = 0; i < n && v->a->assertions[i].span.start < b; i++)
                ;
            if (i == n)
                i = 0;
        } else {
            for (i = n - 1; i > 0 && v->a->assertions[i].span.start >= b; i--)
                ;
        }
    } else {
        i = v->sel + dir;
        if (i < 0 || i >= n) {
            tui_message(t, false, dir > 0 ? "last quote or claim" : "first quote or claim");
            return;
        }
    }
    art_select(t, i, true);
}

static void step_mention(tui_t *t, int dir)
{
    artview_t *v = &t->art;
    int en = v->hl_entity;
    if (en < 0) {
        if (v->focus == P_SIDEBAR && sidebar_entity_at_cursor(v, &en)) {
            v->hl_entity = en;
            v->hl_mention = -1;
        } else {
            tui_message(t, false, "highlight an entity first (Enter in the sidebar)");
            return;
        }
    }
    entity_t *e = &v->a->entities[en];
    if (e->nmentions == 0) {
        tui_message(t, false, "no mentions in this article");
        return;
    }
    int n = (int)e->nmentions;
    int m = v->hl_mention;
    if (m < 0) {
        size_t b = layout_byte_of_pos(v->L, v->top);
        for (m = 0; m < n && (size_t)e->mentions[m].start < b; m++)
            ;
        if (dir < 0)
            m--;
        if (m >= n) m = 0;
        if (m < 0) m = n - 1;
    } else {
        m = (m + dir + n) % n;
    }
    v->hl_mention = m;
    art_show_byte(t, (size_t)e->mentions[m].start);
    char *name = glyph_sanitize(e->name, strlen(e->name), t->utf8);
    tui_message(t, false, "%s: mention %d of %d", name, m + 1, n);
    free(name);
}

/* ---- tagging ---------------------------------------------------------------- */

/* A change that could not be saved: keys typed while it waited (as long
** as the busy timeout, 5 s, behind another contra's import) were typed
** blind, and the first of them put its own message over this one, so
** that only a count said the tag had failed; the next could have tagged
** another claim.  They are dropped, as vi drops typeahead after an
** error. */
static void save_failed(tui_t *t)
{
    flushinp();
}

static bool can_write(tui_t *t)
{
    if (store_readonly(t->s)) {
        tui_message(t, true, "cannot save: library is read-only");
        return false;
    }
    return true;
}

/* After this reader's own change to the open article: its copy is at the
** library's revision if the change raised it by exactly one (nobody else
** changed the article meanwhile); else the next look reads it again. */
static void own_change(tui_t *t)
{
    artview_t *v = &t->art;
    int64_t rev = store_last_rev(t->s, v->a->id);
    if (rev == v->a->rev + 1)
        v->a->rev = rev;
}

/* Tag the selected quote or claim st, or with st NULL set its note
** alone.  A note is not a tag at the status shown: someone may have
** tagged it while the note was being written, and the note must not undo
** that (store_note keeps the status in force, and says which it is); nor
** may it replace a note saved meanwhile unsaid. */
static void save_tag_as(tui_t *t, const status_t *st, const char *note);

static void save_tag(tui_t *t, const status_t *st, const char *note)
{
    /* Blanks around a note are none of it ("two   spaces  " kept them,
    ** and they showed as nothing where the note was cut). */
    if (!note) {
        save_tag_as(t, st, NULL);
        return;
    }
    size_t b = strspn(note, " \t"), n = strlen(note + b);
    while (n > 0 && (note[b + n - 1] == ' ' || note[b + n - 1] == '\t'))
        n--;
    char *trimmed = xstrndup(note + b, n);
    save_tag_as(t, st, trimmed);
    free(trimmed);
}

static void save_tag_as(tui_t *t, const status_t *st, const char *note)
{
    artview_t *v = &t->art;
    if (v->sel < 0) {
        say_select_first(t);
        return;
    }
    if (!can_write(t))
        return;
    assertion_t *q = &v->a->assertions[v->sel];
    err_t e = {{0}};
    status_t now = st ? *st : q->status;
    bool replaced = false;
    /* The screen changes only once the commit has returned. */
    if ((st ? store_tag(t->s, q->id, *st, note, login_name(), &e)
            : store_note(t->s, q->id, note, q->note, login_name(), &now, &replaced, &e)) < 0) {
        save_failed(t);
        /* One removed meanwhile (its article, by another contra): the
        ** store can only say "no quote or claim 172"; the reader knows
        ** which of the two it was. */
        err_t gone = {{0}};
        if (store_assertion_kind(t->s, q->id, &gone) == -1)
            tui_message(t, true, "cannot save: %s%lld is no longer in the library",
                        kind_letter(q), (long long)q->id);
        else
            tui_message(t, true, "cannot save: %s", e.msg);
        return;
    }
    own_change(t);
    bool moved = !st && now != q->status;
    q->status = now;
    if (note) {
        free(q->note);
        q->note = *note ? xstrdup(note) : NULL;
    }
    art_count_statuses(v);
    t->last_link.what = LC_NONE;
    grow_array((void **)&t->tagged, &t->captagged, t->ntagged + 1, sizeof *t->tagged);
    t->tagged[t->ntagged++] = (struct tagged){ q->id, !st, now };
    /* An empty note is none: the panel shows none, and "note saved" over
    ** it read as if something had been kept. */
    bool removed = note && !*note;
    const char *did = removed ? "note removed" : "note saved";
    if (replaced)
        tui_message(t, false, "%s%lld: %s saved meanwhile (U brings that back)%s%s",
                    kind_letter(q), (long long)q->id,
                    removed ? "note removed, and with it one" : "note saved over one",
                    moved ? "; it is " : "", moved ? status_name(now) : "");
    else if (moved)
        tui_message(t, false, "%s%lld: %s; someone tagged it %s meanwhile",
                    kind_letter(q), (long long)q->id, did, status_name(now));
    else if (note)
        tui_message(t, false, "%s%lld: %s", kind_letter(q), (long long)q->id, did);
    else
        tui_message(t, false, "%s%lld tagged %s (saved)", kind_letter(q),
                    (long long)q->id, status_name(now));
    t->msg_about = q->id;
}

static void tag(tui_t *t, status_t st, const char *note)
{
    save_tag(t, &st, note);
}

/* U undoes this session's last change, a tag or a note: both are rows of
** the tag history, so the store undoes either alike.  The message says
** which of the two the undo changed, since a note undone under the words
** "tag undone" went unnoticed, and the reader's copy of the note is the
** one the store now holds (the panel shows it). */
static void untag(tui_t *t)
{
    artview_t *v = &t->art;
    /* A link is no tag, and U must not undo the tag or note before it
    ** unsaid (after :unlink it undid a note of long before): the person
    ** who has just linked, confirmed or unlinked the wrong claim is told
    ** how to take that back, and U again goes on to the tags.  A
    ** confirmation is not taken back by :unlink, which would remove the
    ** link for good: it says so. */
    if (t->last_link.what != LC_NONE) {
        /* The command as typed, and where: "on C2, " when the selection
        ** is no longer the one it must be typed from (a ":unlink C6 on
        ** C2" looked like a command, and was refused when typed). */
        int64_t here = v->sel >= 0 ? v->a->assertions[v->sel].id : 0;
        char on[48] = "";
        if (t->last_link.what != LC_UNLINKED && t->last_link.on != here)
            snprintf(on, sizeof on, "on %s, ", t->last_link.self);
        if (t->last_link.what == LC_LINKED) {
            tui_message(t, false, "U undoes tags and notes; %s:unlink %s takes the link back",
                        on, t->last_link.them);
        } else if (t->last_link.what == LC_CONFIRMED) {
            tui_message(t, false, "U undoes tags and notes; the link you confirmed stays "
                        "(%s:unlink %s removes it for good)", on, t->last_link.them);
        } else {
            char redo[320];
            size_t o = 0;
            redo[0] = '\0';
            for (int k = 0; k < t->last_link.nredo; k++) {
                char where[48] = "";
                if (t->last_link.redo[k].on != here)
                    snprintf(where, sizeof where, "on %s, ", t->last_link.redo[k].on_name);
                int w = snprintf(redo + o, sizeof redo - o, "%s%s%s", k ? " and " : "", where,
                                 t->last_link.redo[k].cmd);
                if (w > 0 && (size_t)w < sizeof redo - o)
                    o += (size_t)w;
            }
            tui_message(t, false, "U undoes tags and notes; %s links them again", redo);
        }
        t->last_link.what = LC_NONE;
        return;
    }
    /* What the change undone set, when it is this session's. */
    struct tagged mine = { 0, false, STATUS_COUNT };
    if (t->ntagged)
        mine = t->tagged[t->ntagged - 1];
    else if (v->sel >= 0)
        mine.id = v->a->assertions[v->sel].id;
    else {
        tui_message(t, false, "nothing to undo");
        return;
    }
    int64_t id = mine.id;
    if (!can_write(t))
        return;
    err_t e = {{0}};
    untag_info_t u;
    if (store_untag_info(t->s, id, login_name(), &u, &e) < 0) {
        /* A change to something removed since (contra rm) cannot be
        ** undone, and must not stand in the way of the ones before it. */
        err_t e2 = {{0}};
        bool gone = t->ntagged && store_assertion_article(t->s, id, &e2) == 0;
        if (gone)
            t->ntagged--;
        save_failed(t);
        tui_message(t, true, "cannot undo: %s%s", e.msg,
                    gone ? " (removed); U again undoes your change before it" : "");
        return;
    }
    if (t->ntagged)
        t->ntagged--;
    own_change(t);
    int i = find_assertion(v, id);
    if (i >= 0) {
        assertion_t *q = &v->a->assertions[i];
        q->status = u.now;
        free(q->note);
        q->note = u.now_note && *u.now_note ? xstrdup(u.now_note) : NULL;
        art_count_statuses(v);      /* and a new gen: the panel redraws */
        art_select(t, i, true);
    }
    bool note_changed = !note_same(u.was_note, u.now_note);
    bool noted = u.now_note && *u.now_note;
    if (note_changed && u.was == u.now)
        tui_message(t, false, noted ? "note on %c%lld undone; its earlier note is back"
                                    : "note on %c%lld undone; it has no note now",
                    u.letter, (long long)id);
    else if (note_changed)
        tui_message(t, false, "tag and note on %c%lld undone; it is %s again, %s",
                    u.letter, (long long)id, status_name(u.now),
                    noted ? "with its earlier note" : "with no note");
    else if (u.was != u.now)
        tui_message(t, false, "tag undone; %c%lld is %s again", u.letter,
                    (long long)id, status_name(u.now));
    else if (mine.note) {
        /* Nothing changed: what the undone change set is not in force,
        ** or is so through another's change too, which stays (f7b4b57);
        ** "is disputed again" said it had been undone to that. */
        const char *nn = noted ? u.now_note : NULL;
        char *who = changed_by(t, id, u.now, &nn, true);
        tui_message(t, false, who ? "your note on %c%lld undone; it keeps the note %s wrote since"
                                  : "your note on %c%lld undone; its note stays%s",
                    u.letter, (long long)id, who ? who : "");
        free(who);
    } else {
        char *who = changed_by(t, id, u.now, NULL, true);
        /* Another's change to this status since ours, if ours set another. */
        bool since = mine.status != STATUS_COUNT && mine.status != u.was;
        if (who)
            tui_message(t, false, since ? "your tag undone; %c%lld stays %s (%s tagged it since)"
                                        : "your tag undone; %c%lld stays %s, as %s tagged it",
                        u.letter, (long long)id, status_name(u.now), who);
        else
            tui_message(t, false, "your tag undone; %c%lld stays %s", u.letter,
                        (long long)id, status_name(u.now));
        free(who);
    }
    t->msg_about = id;
    untag_info_free(&u);
}

static void note(tui_t *t)
{
    artview_t *v = &t->art;
    if (v->sel < 0) {
        say_select_first(t);
        return;
    }
    if (!can_write(t))
        return;
    assertion_t *q = &v->a->assertions[v->sel];
    char *n = tui_prompt(t, "note: ", q->note ? q->note : "");
    if (!n)
        return;
    /* Enter on the note as it was changes nothing, and so saves nothing:
    ** a history row for it would be a U that seems to do nothing. */
    if (note_same(n, q->note))
        tui_message(t, false, "%s%lld: note unchanged", kind_letter(q), (long long)q->id);
    else
        save_tag(t, NULL, n);
    free(n);
}

/* ---- search ------------------------------------------------------------ */

/* The combining marks that accents are made of (the blocks of general
** diacritics).  A search passes over them where they sit on a Latin
** letter, as the library's full-text search does (FTS5's
** remove_diacritics, for Latin letters alone), so that a name typed
** without its accents ("Mrazek", and on a terminal that cannot type
** them) finds "Mrázek", precomposed or not.  On the letters of other
** scripts they stay: there they make other letters (Cyrillic й is и with
** a breve, ё is е with a diaeresis). */
static bool diacritic(ucs4_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF)
        || (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF)
        || (c >= 0xFE20 && c <= 0xFE2F);
}

/* What a search compares of c, a character other than a diacritic: its
** full case folding, decomposed (NFD), and without diacritics when c is
** a Latin letter; or, for the letters that have no decomposition and for
** punctuation, the ASCII a non-UTF-8 locale shows for them (glyph_translit:
** "l" for ł, "ae" for æ, ' for ’, "--" for an em dash), so that what
** LANG=C shows can be typed, and a straight quote finds a curly one; at
** most 3 code points, into f.  Its length; *latin says
** whether c is a Latin letter, for the diacritics that may follow it
** (fold_next).  A cache of recent characters, because u32_casefold costs
** about 100 ns and a search of a long article in a non-Latin script
** folds millions of them (issue 5). */
static inline ucs4_t ascii_lower(ucs4_t c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static size_t fold_char(ucs4_t c, ucs4_t f[3], bool *latin)
{
    static struct { ucs4_t c; bool valid, latin; uint8_t n; ucs4_t f[3]; } cache[256];
    if (c < 0x80) {
        f[0] = ascii_lower(c);
        *latin = (f[0] >= 'a' && f[0] <= 'z');
        return 1;
    }
    unsigned h = (c ^ (c >> 8)) & 255;
    if (cache[h].valid && cache[h].c == c) {
        memcpy(f, cache[h].f, sizeof cache[h].f);
        *latin = cache[h].latin;
        return cache[h].n;
    }
    static const uc_script_t *latin_script;
    if (!latin_script)
        latin_script = uc_script_byname("Latin");
    bool lat = latin_script && uc_script(c) == latin_script;
    const char *tr = glyph_translit(c);
    size_t kept = 0;
    if (tr && strlen(tr) <= 3 && (lat || !uc_is_alpha(c))) {
        for (; tr[kept]; kept++)
            f[kept] = ascii_lower((unsigned char)tr[kept]);
    } else {
        ucs4_t buf[16];
        size_t n = sizeof buf / sizeof buf[0];
        ucs4_t *r = u32_casefold(&c, 1, NULL, UNINORM_NFD, buf, &n);
        for (size_t i = 0; r && i < n && kept <= 3; i++)
            if (!lat || !diacritic(r[i])) {
                if (kept < 3)
                    f[kept] = r[i];
                kept++;
            }
        if (r && r != buf)
            free(r);
        if (!r || kept == 0 || kept > 3) {
            f[0] = uc_tolower(c);
            kept = 1;
        }
    }
    cache[h].c = c;
    cache[h].valid = true;
    cache[h].latin = lat;
    cache[h].n = (uint8_t)kept;
    memcpy(cache[h].f, f, sizeof cache[h].f);
    *latin = lat;
    return kept;
}

/* The folding of the character at s (of n bytes) into f, and its length
** in *len; *latin carries from one character to the next whether the
** last letter was Latin, whose diacritics (in decomposed text, characters
** of their own) fold to nothing. */
static size_t fold_next(const char *s, size_t n, ucs4_t f[3], bool *latin, int *len)
{
    ucs4_t c;
    *len = u8_mbtouc(&c, (const uint8_t *)s, n);
    if (*len <= 0)
        *len = 1;
    /* What is no letter of a word, and mostly shows as nothing, is passed
    ** over: a soft hyphen ("soft\u00ADhyphen" shows "softhyphen"), joiners,
    ** variation selectors, and the zero-width spaces and direction marks
    ** the reader shows by name so that hidden text can be seen. */
    if (c >= 0x80 && uc_is_property_default_ignorable_code_point(c))
        return 0;
    if (diacritic(c)) {
        if (*latin)
            return 0;
        f[0] = c;
        return 1;
    }
    return fold_char(c, f, latin);
}

/* Does the needle (folded, see search()) match the text at byte at?  The
** text is folded a character at a time and a match must use up whole
** characters of it, so *end is a character boundary of the original text
** however the lengths change ("STRASSE" finds "Straße", 7 letters in 6).
** It must also start and end between glyphs: never on a mark of the
** glyph before it, never before a mark of its last glyph, except the
** diacritics of a Latin letter, which it takes with it. */
static bool match_one(artview_t *v, const uint32_t *needle, size_t nneedle, size_t at,
                      size_t *end)
{
    const char *s = v->a->text;
    size_t len = v->a->len, start = at;
    bool latin = false;
    for (size_t k = 0; k < nneedle;) {
        if (at >= len)
            return false;
        ucs4_t f[3];
        int l;
        size_t n = fold_next(s + at, len - at, f, &latin, &l);
        if (n > nneedle - k || memcmp(f, needle + k, n * sizeof *f) != 0)
            return false;
        /* A match starts on something seen: else "hyphen" would match
        ** twice in "soft\u00ADhyphen", from the hyphen and after it. */
        if (n == 0 && k == 0)
            return false;
        k += n;
        at += (size_t)l;
    }
    /* Only a match of the needle gets here: the glyph checks are rare. */
    ucs4_t first, prev, last, next;
    u8_mbtouc(&first, (const uint8_t *)s + start, len - start);
    if (start > 0 && u8_prev(&prev, (const uint8_t *)s + start, (const uint8_t *)s)
        && !uc_is_grapheme_break(prev, first))
        return false;
    u8_prev(&last, (const uint8_t *)s + at, (const uint8_t *)s);
    while (at < len) {
        int l = u8_mbtouc(&next, (const uint8_t *)s + at, len - at);
        if (latin && diacritic(next)) {
            at += (size_t)(l > 0 ? l : 1);
            last = next;
            continue;
        }
        if (!uc_is_grapheme_break(last, next))
            return false;
        break;
    }
    *end = at;
    return true;
}

/* A match of any spelling searched for (v->needle), the first that
** matches at byte at. */
static bool match_at(artview_t *v, size_t at, size_t *end)
{
    for (int i = 0; i < v->nneedles; i++)
        if (match_one(v, v->needle[i], v->nneedle[i], at, end))
            return true;
    return false;
}

static size_t next_char(const artview_t *v, size_t at)
{
    at++;
    while (at < v->a->len && ((unsigned char)v->a->text[at] & 0xc0) == 0x80)
        at++;
    return at;
}

static bool search_from(tui_t *t, size_t from, int dir, size_t *ms, size_t *me)
{
    artview_t *v = &t->art;
    size_t len = v->a->len;
    if (dir > 0) {
        for (size_t at = from; at < len; at = next_char(v, at))
            if (match_at(v, at, me)) {
                *ms = at;
                return true;
            }
    } else {
        size_t at = from;
        while (at > 0) {
            at--;
            while (at > 0 && ((unsigned char)v->a->text[at] & 0xc0) == 0x80)
                at--;
            if (match_at(v, at, me)) {
                *ms = at;
                return true;
            }
        }
    }
    return false;
}

/* How many matches start before byte end (all of them for len): the
** status line's "match 3 of 7".  A scan of the text, done when a search
** starts or lands somewhere new, not on every n. */
static size_t count_matches(artview_t *v, size_t end)
{
    size_t n = 0, me;
    for (size_t at = 0; at < end && at < v->a->len; at = next_char(v, at))
        if (match_at(v, at, &me))
            n++;
    return n;
}

static void search_step(tui_t *t, int dir)
{
    artview_t *v = &t->art;
    if (!v->nneedles) {
        tui_message(t, false, "no search yet; / to search");
        return;
    }
    v->marks_off = false;
    size_t from;
    bool had = v->have_match;
    if (v->have_match)
        from = dir > 0 ? next_char(v, v->match_start) : v->match_start;
    else
        from = layout_byte_of_pos(v->L, v->top);
    size_t ms, me;
    bool wrapped = false;
    if (!search_from(t, from, dir, &ms, &me)) {
        wrapped = true;
        if (!search_from(t, dir > 0 ? 0 : v->a->len, dir, &ms, &me)) {
            v->have_match = false;
            v->gen++;
            tui_message(t, true, "no match for '%s'", v->search_text);
            return;
        }
    }
    v->have_match = true;
    v->match_start = ms;
    v->match_end = me;
    v->gen++;
    /* With another pane zoomed the match would be found and not shown:
    ** the text pane takes the zoom. */
    if (v->zoom && v->focus != P_TEXT) {
        v->focus = P_TEXT;
        tui_layout(t);
    }
    art_show_byte(t, ms);
    if (!had || !v->nmatches) {
        v->nmatches = count_matches(v, v->a->len);
        v->match_no = count_matches(v, ms) + 1;
    } else if (wrapped) {
        v->match_no = dir > 0 ? 1 : v->nmatches;
    } else {
        v->match_no += dir > 0 ? 1 : -1;
    }
    if (wrapped)
        tui_message(t, false, "match %zu of %zu ('%s'), wrapped to the %s", v->match_no,
                    v->nmatches, v->search_text, dir > 0 ? "top" : "end");
    else
        tui_message(t, false, "match %zu of %zu ('%s')", v->match_no, v->nmatches,
                    v->search_text);
}

/* Fold q[0..len) as match_at folds the text: full case folding, so that
** "ß" and "SS" find each other, and without the accents of Latin
** letters.  The code points, *n of them (0 when nothing is left). */
static uint32_t *fold_query(const char *q, size_t len, size_t *n)
{
    uint32_t *needle = NULL;
    size_t cap = 0;
    bool latin = false;
    *n = 0;
    for (size_t at = 0; at < len;) {
        ucs4_t f[3];
        int l;
        size_t k = fold_next(q + at, len - at, f, &latin, &l);
        if (k) {
            grow_array((void **)&needle, &cap, *n + k, sizeof *needle);
            memcpy(needle + *n, f, k * sizeof *f);
            *n += k;
        }
        at += (size_t)l;
    }
    return needle;
}

static void search(tui_t *t)
{
    artview_t *v = &t->art;
    char *q = tui_prompt(t, "/", "");
    if (!q)
        return;
    if (!*q) {               /* empty: repeat the last search */
        free(q);
        search_step(t, 1);
        return;
    }
    size_t len = strlen(q), nneedle;
    uint32_t *needle = fold_query(q, len, &nneedle);
    if (!nneedle) {
        /* Only what a search passes over (fold_next): say so, and keep
        ** the last search for n and N. */
        free(needle);
        free(q);
        tui_message(t, true, "nothing to search for: a search passes over soft hyphens, "
                    "zero-width spaces, joiners and direction marks");
        return;
    }
    for (int i = 0; i < v->nneedles; i++)
        free(v->needle[i]);
    v->needle[0] = needle;
    v->nneedle[0] = v->needle_max = nneedle;
    v->nneedles = 1;
    char *other[2];
    text_other_spellings(q, len, &other[0], &other[1]);
    for (int k = 0; k < 2; k++) {
        if (!other[k])
            continue;
        size_t n;
        uint32_t *f = fold_query(other[k], strlen(other[k]), &n);
        if (n && (n != nneedle || memcmp(f, needle, n * sizeof *f) != 0)) {
            v->needle[v->nneedles] = f;
            v->nneedle[v->nneedles++] = n;
            if (n > v->needle_max)
                v->needle_max = n;
        } else {
            free(f);
        }
        free(other[k]);
    }
    free(v->search_text);
    v->search_text = glyph_sanitize(q, len, t->utf8);
    free(q);
    v->have_match = false;
    v->nmatches = 0;
    v->gen++;
    search_step(t, 1);
}

/* Esc: the search's marks off (n and N find the matches again), and
** then the entity's highlight, one at a time, as less's Esc-u and vim's
** :nohlsearch take marks off; with neither, nothing, quietly. */
static void cancel_marks(tui_t *t)
{
    artview_t *v = &t->art;
    if (v->nneedles && !v->marks_off) {
        v->marks_off = true;
        v->have_match = false;
        v->gen++;
        tui_message(t, false, "search marks off; n and N find '%s' again", v->search_text);
    } else if (v->hl_entity >= 0) {
        v->hl_entity = v->hl_mention = -1;
        v->gen++;
        tui_message(t, false, "entity highlight off");
    }
}

/* ---- commands ------------------------------------------------------------ */

/* :link contradicts|supports ID and :unlink ID, from the selected quote
** or claim: contra link and contra unlink, for the one in view.  The
** links are read again from the library, as after another process's
** change, since the other end may lie in another article. */
static void link_command(tui_t *t, bool add, const char *args)
{
    artview_t *v = &t->art;
    const char *usage = add ? "usage: :link contradicts|supports ID (a claim or quote, like C12)"
                            : "usage: :unlink ID (a claim or quote, like C12)";
    char word[2][64] = { "", "" };
    int nw = 0;
    for (const char *p = args; *p && nw < 3; ) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (p == w)
            break;
        /* A word too long for word[] is no type or id anyway. */
        if (nw < 2 && (size_t)(p - w) < sizeof word[nw])
            snprintf(word[nw], sizeof word[nw], "%.*s", (int)(p - w), w);
        nw++;
    }
    int type = add && nw == 2 ? relation_type_parse(word[0]) : -1;
    int64_t other;
    if (nw != (add ? 2 : 1) || (add && type < 0)
        || !cli_parse_assertion_id(word[add ? 1 : 0], &other)) {
        tui_message(t, true, "%s", usage);
        return;
    }
    if (v->sel < 0) {
        say_select_first(t);
        return;
    }
    if (!can_write(t))
        return;
    const assertion_t *q = &v->a->assertions[v->sel];
    /* q goes with the article's copy, which art_refresh below reads again. */
    const int64_t self_id = q->id;
    char self[32];
    snprintf(self, sizeof self, "%s%lld", kind_letter(q), (long long)q->id);
    err_t e = {{0}};
    int kind = store_assertion_kind(t->s, other, &e);
    if (kind == -1) {
        char *w = glyph_sanitize(word[add ? 1 : 0], strlen(word[add ? 1 : 0]), t->utf8);
        tui_message(t, true, "no quote or claim %s in the library", w);
        free(w);
        return;
    }
    if (kind < 0) {
        tui_message(t, true, "%s", e.msg);
        return;
    }
    char them[32], letter = kind == ASSERT_QUOTE ? 'Q' : 'C', typed = word[add ? 1 : 0][0];
    snprintf(them, sizeof them, "%c%lld", letter, (long long)other);
    if ((typed | 0x20) >= 'a' && (typed | 0x20) <= 'z' && (typed & ~0x20) != letter) {
        tui_message(t, true, "no %s %c%lld (%lld is a %s: %s)", letter == 'Q' ? "claim" : "quote",
                    typed & ~0x20, (long long)other, (long long)other,
                    letter == 'Q' ? "quote" : "claim", them);
        return;
    }
    if (add) {
        link_was_t was;
        bool reversed, both;
        if (store_link(t->s, (relation_type_t)type, q->id, other, &was, &reversed, &both,
                       &e) < 0) {
            save_failed(t);
            tui_message(t, true, "cannot link: %s", e.msg);
            return;
        }
        art_refresh(t);
        if (was != LINK_THERE) {
            t->last_link.what = was == LINK_NEW ? LC_LINKED : LC_CONFIRMED;
            t->last_link.on = self_id;
            snprintf(t->last_link.self, sizeof t->last_link.self, "%s", self);
            snprintf(t->last_link.them, sizeof t->last_link.them, "%s", them);
        }
        const char *x = reversed ? them : self, *y = reversed ? self : them;
        tui_message(t, false, "%s %s %s%s%s", x, relation_type_name((relation_type_t)type), y,
                    was == LINK_NEW ? " (saved)"
                    : was == LINK_AUTO ? ": the annotator's link, now confirmed" : " already",
                    !both ? "" : type == REL_CONTRADICTS ? "; they are linked as supporting too"
                    : "; they are linked as contradicting too");
    } else {
        unlinked_t gone[4];
        int n = store_unlink(t->s, q->id, other, login_name(), gone, &e);
        if (n < 0) {
            save_failed(t);
            tui_message(t, true, "cannot unlink: %s", e.msg);
            return;
        }
        if (n == 0) {
            tui_message(t, true, "no link between %s and %s", self, them);
            return;
        }
        bool autos = false;
        for (int k = 0; k < n && k < 4; k++) {
            autos |= gone[k].origin == ORIGIN_AUTO;
            /* From the end it went from: a support has a direction. */
            bool mine = gone[k].from_id == self_id;
            t->last_link.redo[k].on = mine ? self_id : other;
            snprintf(t->last_link.redo[k].on_name, sizeof t->last_link.redo[k].on_name, "%s",
                     mine ? self : them);
            snprintf(t->last_link.redo[k].cmd, sizeof t->last_link.redo[k].cmd, ":link %s %s",
                     relation_type_name(gone[k].type), mine ? them : self);
        }
        t->last_link.nredo = n < 4 ? n : 4;
        t->last_link.what = LC_UNLINKED;
        art_refresh(t);
        tui_message(t, false, "%d link%s between %s and %s removed%s", n, n == 1 ? "" : "s",
                    self, them, autos ? "; the annotator will not propose it again" : "");
    }
}

void art_command(tui_t *t, const char *cmd)
{
    if (strncmp(cmd, "link ", 5) == 0 || strncmp(cmd, "unlink ", 7) == 0
        || !strcmp(cmd, "link") || !strcmp(cmd, "unlink")) {
        bool add = cmd[0] == 'l';
        link_command(t, add, cmd + (add ? 4 : 6));
        return;
    }
    if (strncmp(cmd, "tag", 3) == 0) {
        const char *p = cmd + 3;
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        char word[32];
        size_t n = (size_t)(p - w);
        if (n >= sizeof word)
            n = sizeof word - 1;
        memcpy(word, w, n);
        word[n] = '\0';
        while (*p == ' ')
            p++;
        int st = status_parse(word);
        if (st < 0) {
            tui_message(t, true, "usage: :tag disputed|corroborated|unreviewed [note]");
            return;
        }
        tag(t, (status_t)st, *p ? p : NULL);
        if (*p && t->art.sel >= 0 && !t->msg_err) {
            const assertion_t *q = &t->art.a->assertions[t->art.sel];
            tui_message(t, false, "%s%lld tagged %s, with a note (saved)", kind_letter(q),
                        (long long)q->id, status_name((status_t)st));
            t->msg_about = q->id;
        }
    }
}

/* ---- the text pane --------------------------------------------------------- */

#define MAXLOCAL 64

/* The look of the text at byte at: its marks (local, in descending start
** order) and search matches (ms, me) merged over the base role, outer
** annotations first; *next is the first byte after at where any of them
** starts or ends, up to which the look stays the same. */
static void look_of(tui_t *t, size_t at, bool caption, const mark_t *const *local, int nl,
                    const size_t *ms, const size_t *me, int nm, role_attr_t *out, size_t *next)
{
    artview_t *v = &t->art;
    article_t *a = v->a;
    size_t nx = SIZE_MAX;
    role_attr_t ra = tui_roles[caption ? R_CAPTION : R_NORMAL];
    bool cur = false;
    for (int j = nl - 1; j >= 0; j--) {
        const mark_t *m = local[j];
        size_t b = at < m->start ? m->start : at < m->end ? m->end : SIZE_MAX;
        if (b < nx)
            nx = b;
        if (m->what < 0 || at < m->start || at >= m->end)
            continue;
        const assertion_t *q = &a->assertions[m->what];
        int role = q->kind == ASSERT_QUOTE
                   ? R_QUOTE + (q->speaker >= 0 ? q->speaker % QUOTE_COLOURS : 0)
                   : R_CLAIM + (int)q->status;
        ra = tui_merge(ra, tui_roles[role]);
        if (m->what == v->sel)
            cur = true;
    }
    for (int j = nl - 1; j >= 0; j--) {
        const mark_t *m = local[j];
        if (m->what >= 0 || at < m->start || at >= m->end)
            continue;
        /* The mention's role and whether it is the current one come
        ** from its entity: a mark keeps only its span and owner (a
        ** long article has tens of thousands; issue 5's memory). */
        int en = -1 - m->what;
        if (en == v->hl_entity) {
            ra = tui_merge(ra, tui_roles[R_ENTITY_HL]);
            const entity_t *he = &a->entities[en];
            if (v->hl_mention >= 0 && (size_t)v->hl_mention < he->nmentions
                && (size_t)he->mentions[v->hl_mention].start == m->start
                && (size_t)he->mentions[v->hl_mention].end == m->end)
                cur = true;
        } else {
            ra = tui_merge(ra, tui_roles[R_MENTION + (int)a->entities[en].kind]);
        }
    }
    bool match = false;
    for (int j = 0; j < nm; j++) {
        size_t b = at < ms[j] ? ms[j] : at < me[j] ? me[j] : SIZE_MAX;
        if (b < nx)
            nx = b;
        if (at >= ms[j] && at < me[j]) {
            ra = tui_merge(ra, tui_roles[R_MATCH]);
            match = true;
        }
    }
    if (cur)
        ra = tui_merge(ra, tui_roles[R_CURRENT]);
    /* Without colour a match and the current annotation are both reverse
    ** video, and a match inside it could not be seen: there it shows as a
    ** gap in the reverse (a user trial, TERM=vt100 and NO_COLOR). */
    if (match && cur && !t->colour)
        ra.attr &= ~(attr_t)A_REVERSE;
    *out = ra;
    *next = nx;
}

static void draw_dline(tui_t *t, WINDOW *w, int y, int W, const dline_t *dl, bool caption)
{
    artview_t *v = &t->art;
    article_t *a = v->a;
    const mark_t *local[MAXLOCAL];
    int nl = 0;
    size_t lo = 0, hi = v->nmarks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v->marks[mid].start < dl->end)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0;) {
        if (v->maxend[i / MARK_BLOCK] <= dl->start)
            break;
        if (v->marks[i].end > dl->start && nl < MAXLOCAL)
            local[nl++] = &v->marks[i];
    }
    /* Search matches touching this line. */
    size_t ms[16], me[16];
    int nm = 0;
    if (v->nneedles && !v->marks_off) {
        /* A match that reaches this line starts at most as many
        ** characters back as the longest needle has code points, not
        ** counting the diacritics it passes over. */
        const uint8_t *text = (const uint8_t *)a->text;
        size_t at = dl->start;
        for (size_t k = 0; at > 0 && k < v->needle_max;) {
            ucs4_t c;
            const uint8_t *p = u8_prev(&c, text + at, text);
            if (!p) {
                at--;           /* not UTF-8 here: a byte is a character */
                k++;
                continue;
            }
            at = (size_t)(p - text);
            if (!diacritic(c))
                k++;
        }
        for (; at < dl->end && nm < 16; at = next_char(v, at)) {
            size_t e;
            if (match_at(v, at, &e) && e > dl->start) {
                ms[nm] = at;
                me[nm++] = e;
            }
        }
    }
    int x = 0;
    glyph_t g;
    /* Printable ASCII goes to curses in runs of one look, not a glyph at
    ** a time: a call per glyph cost a tenth of drawing a row (issue 5).
    ** Only ASCII, whose width curses cannot count otherwise; any other
    ** glyph is placed on its own, at the column layout.c counted for it. */
    char run[256];
    int nrun = 0, runx = 0;
    role_attr_t runa = { 0, 0 };
    role_attr_t ra = { 0, 0 };
    size_t next = 0;            /* where the look is worked out again */
    for (size_t at = dl->start; at < dl->end; at += g.len) {
        if (glyph_ascii_alone(a->text, a->len, at)) {
            /* What the general case below does with such a glyph, for a
            ** run of them up to where the look may change, in a loop of
            ** its own: most of a row is this (for speed, issue 5). */
            if (x >= W)
                break;
            if (at >= next)
                look_of(t, at, caption, local, nl, ms, me, nm, &ra, &next);
            if (nrun && (ra.attr != runa.attr || ra.pair != runa.pair
                         || nrun == (int)sizeof run)) {
                tui_set_attr(w, runa);
                tui_put_ascii(w, y, runx, run, nrun);
                nrun = 0;
            }
            if (!nrun) {
                runx = x;
                runa = ra;
            }
            size_t stop = dl->end < next ? dl->end : next;
            do {
                run[nrun++] = a->text[at++];
                x++;
            } while (at < stop && x < W && nrun < (int)sizeof run
                     && glyph_ascii_alone(a->text, a->len, at));
            g.len = 0;
            continue;
        }
        glyph_next(a->text, a->len, at, t->utf8, &g);
        if (g.len == 0)
            break;
        if (g.width <= 0)
            continue;
        if (x + g.width > W)
            break;
        /* The look changes only where a mark or a match starts or ends:
        ** it is worked out again only there, not for every glyph (for
        ** speed, issue 5), and the next such place kept. */
        if (at >= next)
            look_of(t, at, caption, local, nl, ms, me, nm, &ra, &next);
        bool ascii = g.width == 1 && g.out[1] == '\0'
            && (unsigned char)g.out[0] >= 0x20 && (unsigned char)g.out[0] < 0x7f;
        if (nrun && (!ascii || ra.attr != runa.attr || ra.pair != runa.pair
                     || nrun == (int)sizeof run)) {
            tui_set_attr(w, runa);
            tui_put_ascii(w, y, runx, run, nrun);
            nrun = 0;
        }
        if (ascii) {
            if (!nrun) {
                runx = x;
                runa = ra;
            }
            run[nrun++] = g.out[0];
        } else {
            tui_set_attr(w, ra);
            tui_put_glyph(t, w, y, x, g.out);
        }
        x += g.width;
    }
    if (nrun) {
        tui_set_attr(w, runa);
        tui_put_ascii(w, y, runx, run, nrun);
    }
}

/* Draw rows [y0, y1) of the text pane, the first showing pos. */
static void text_rows(tui_t *t, WINDOW *w, int y0, int y1, lpos_t pos)
{
    artview_t *v = &t->art;
    pane_t *p = &t->pane[P_TEXT];
    for (int y = y0; y < y1; y++) {
        dline_t dl;
        bool blank = false;
        if (!layout_row(v->L, pos, &dl, &blank))
            break;
        if (!blank)
            draw_dline(t, w, y, p->w, &dl, layout_para_caption(v->L, pos.para));
        if (layout_move(v->L, &pos, 1) != 1)
            break;
    }
    tui_set_role(w, R_NORMAL);
}

/* How many rows from a to b (positive: b is below), if fewer than limit
** apart; 0 otherwise (or when they are the same row). */
static long rows_apart(layout_t *L, lpos_t a, lpos_t b, long limit)
{
    int dir = lpos_cmp(b, a);
    if (dir == 0)
        return 0;
    lpos_t p = a;
    for (long d = 1; d < limit; d++) {
        if (layout_move(L, &p, dir) != dir)
            return 0;
        if (lpos_cmp(p, b) == 0)
            return d * dir;
    }
    return 0;
}

static void text_draw(tui_t *t)
{
    artview_t *v = &t->art;
    pane_t *p = &t->pane[P_TEXT];
    v->shifted = 0;
    if (!p->shown)
        return;
    WINDOW *w = p->body;
    bool same = v->drawn.valid && v->drawn.sel == v->sel && v->drawn.gen == v->gen
        && v->drawn.hl_entity == v->hl_entity && v->drawn.hl_mention == v->hl_mention;
    if (same && lpos_cmp(v->drawn.top, v->top) == 0)
        return;
    long d = same ? rows_apart(v->L, v->drawn.top, v->top, p->h) : 0;
    if (d) {
        /* Only the view moved, by less than a screen: shift what is shown
        ** and draw the rows that came into view, so only they are laid
        ** out.  tui.c's scroll_text then scrolls the terminal's rows with
        ** the scrolling region (v->shifted says by how much).  scrollok
        ** only for the shift: with it on, a glyph written in the
        ** bottom-right cell would scroll the window. */
        scrollok(w, TRUE);
        wscrl(w, (int)d);
        scrollok(w, FALSE);
        v->shifted = (int)d;
        if (d > 0) {
            lpos_t pos = v->top;
            layout_move(v->L, &pos, p->h - d);
            text_rows(t, w, p->h - (int)d, p->h, pos);
        } else {
            text_rows(t, w, 0, (int)-d, v->top);
        }
        return;
    }
    werase(w);
    text_rows(t, w, 0, p->h, v->top);
}

static bool text_request(tui_t *t, request_t r)
{
    int h = t->art.text_h;
    switch (r) {
    case REQ_DOWN:      art_scroll(t, 1); return true;
    case REQ_UP:        art_scroll(t, -1); return true;
    case REQ_HALF_DOWN: art_scroll(t, h / 2); return true;
    case REQ_HALF_UP:   art_scroll(t, -(h / 2)); return true;
    case REQ_PAGE_DOWN: art_scroll(t, h > 2 ? h - 1 : 1); return true;
    case REQ_PAGE_UP:   art_scroll(t, -(h > 2 ? h - 1 : 1)); return true;
    case REQ_TOP:       t->art.top = (lpos_t){0, 0}; return true;
    case REQ_BOTTOM:    t->art.top = max_top(&t->art); return true;
    default:            return false;
    }
}

const view_ops_t text_pane = { "text", text_draw, text_request };

/* ---- the article screen as a whole ------------------------------------ */

static const view_ops_t *const panes[P_COUNT] = { &text_pane, &sidebar_pane, &claims_pane };

static int percent(artview_t *v)
{
    /* Partly read, the article is longer than the screen (see
    ** part_fits): the view is not at its end. */
    if (partial(v))
        return v->a->len ? (int)(layout_byte_of_pos(v->L, v->top) * 100 / v->a->len) : 100;
    if (end_in_view(v, v->top))
        return 100;
    if (v->a->len == 0)
        return 100;
    return (int)(layout_byte_of_pos(v->L, v->top) * 100 / v->a->len);
}

static void draw_status(tui_t *t);

/* The title line: the title, its source and its date, and "read-only"
** for a library this reader cannot change (a colleague's: else nothing
** said so until a tag failed).  The title is clipped (with an ellipsis)
** so that the others stay in view; only when even a short start of the
** title would not fit are the source, then the date, left out. */
static void draw_title(tui_t *t, int W)
{
    article_t *a = t->art.a;
    const char *sep = W >= 80 ? "  |  " : " | ";
    const char *ro = store_readonly(t->s) ? "read-only" : NULL;
    char *title = glyph_sanitize(a->title ? a->title : "(untitled)",
                                 strlen(a->title ? a->title : "(untitled)"), t->utf8);
    char *src = a->source && *a->source
        ? glyph_sanitize(a->source, strlen(a->source), t->utf8) : NULL;
    char *date = a->published && *a->published
        ? glyph_sanitize(a->published, strlen(a->published), t->utf8) : NULL;
    int tw = tui_width(t, title), sepw = tui_width(t, sep);
    int need = tw < 12 ? tw : 12;
    int row = ro ? sepw + tui_width(t, ro) : 0;
    for (int drop = 0; drop < 2; drop++) {
        int tail = (src ? sepw + tui_width(t, src) : 0) + (date ? sepw + tui_width(t, date) : 0)
                   + row;
        if (1 + need + tail <= W)
            break;
        if (src) {
            free(src);
            src = NULL;
        } else {
            free(date);
            date = NULL;
        }
    }
    int tail = (src ? sepw + tui_width(t, src) : 0) + (date ? sepw + tui_width(t, date) : 0)
               + row;
    int x = tui_puts_clip(t, t->title, 0, 1, W - tail, title);
    if (src) {
        x = tui_puts(t, t->title, 0, x, W, sep);
        x = tui_puts_clip(t, t->title, 0, x, W, src);
    }
    if (date) {
        x = tui_puts(t, t->title, 0, x, W, sep);
        x = tui_puts_clip(t, t->title, 0, x, W, date);
    }
    if (ro) {
        x = tui_puts(t, t->title, 0, x, W, sep);
        tui_puts_clip(t, t->title, 0, x, W, ro);
    }
    free(title);
    free(src);
    free(date);
}

/* Does what was read of a partly read article hold everything the
** screen shows?  The text pane's rows and one more (so that the whole
** text is longer than the pane, as the position in the status line
** takes it), and the claims panel's rows. */
static bool part_fits(tui_t *t)
{
    artview_t *v = &t->art;
    long h = v->text_h > t->pane[P_TEXT].h ? v->text_h : t->pane[P_TEXT].h;
    lpos_t pos = v->top;
    if (h <= 0 || layout_move(v->L, &pos, h) != h)
        return false;
    if (t->pane[P_CLAIMS].shown) {
        size_t need = (size_t)(v->ctop > 0 ? v->ctop : 0) + (size_t)t->pane[P_CLAIMS].h;
        if (need > v->a->nassertions)
            need = v->a->nassertions;
        if (need > v->part.nloaded)
            return false;
    }
    return true;
}

static void article_draw(tui_t *t)
{
    artview_t *v = &t->art;
    int W = t->cols;

    if (partial(v) && !part_fits(t)) {
        art_finish(t);
        if (!v->a)
            return;
    }

    if (!v->drawn.valid) {
        werase(t->title);
        tui_set_role(t->title, R_TITLE);
        tui_fill(t->title, 0, 0, W);
        draw_title(t, W);
        if (t->vline) {
            werase(t->vline);
            tui_set_role(t->vline, R_BORDER);
            tui_vline(t, t->vline, getmaxx(t->vline) - 1, 0, getmaxy(t->vline));
        }
    }

    /* Each pane repaints only what changed since v->drawn. */
    for (int p = 0; p < P_COUNT; p++)
        if (t->pane[p].shown)
            panes[p]->draw(t);
    v->drawn.valid = true;
    v->drawn.top = v->top;
    v->drawn.sel = v->sel;
    v->drawn.hl_entity = v->hl_entity;
    v->drawn.hl_mention = v->hl_mention;
    v->drawn.scur = v->scur;
    v->drawn.stop = v->stop;
    v->drawn.ctop = v->ctop;
    v->drawn.gen = v->gen;

    draw_status(t);
    if (partial(v)) {
        tui_flush(t);     /* the first frame of a partly read article goes out
                           ** before the rest is read */
        /* and so does what curses kept back of it: the reader writes the
        ** rows itself, and a colour reset curses queued meanwhile would
        ** otherwise go out with its next write, after the rest is read,
        ** and end the frame 15 ms late (issue 5). */
        doupdate();
        v->shifted = 0;   /* and any shift went out with it, through curses */
        art_finish(t);
    }
}

/* The status line.  At the right, as many of these as fit, chosen in
** this order: the position, the focused pane, the selection and the
** counts of statuses; at the left the message, clipped with an ellipsis,
** or else as many whole key hints as fit (tui_put_hints). */
#define STATUS_MAX 512

static void draw_status(tui_t *t)
{
    artview_t *v = &t->art;
    article_t *a = v->a;
    int W = t->cols;
    WINDOW *s = t->status;
    /* The same line as last drawn, still in the window (a prompt or
    ** another screen may have drawn over it since): leave it, which saves
    ** a tenth of a one-line scroll's CPU (issue 5).  Whether it is the
    ** same is told by what the line is made of, compared before any of it
    ** is formatted: the formatting (a dozen snprintf and width counts)
    ** was most of what this cost on a key that changed nothing here. */
    struct status_in {
        WINDOW *w;
        int W, focus, pct, sel, kind;
        bool zoom, utf8, msg_err, claims;
        long long id;
        unsigned gen;           /* a note or status changed */
        size_t nass, nstatus[STATUS_COUNT];
    } in;
    memset(&in, 0, sizeof in);      /* padding too: compared with memcmp */
    in.w = s;
    in.W = W;
    in.focus = v->focus;
    in.pct = percent(v);
    in.sel = v->sel;
    in.zoom = v->zoom;
    in.utf8 = t->utf8;
    in.msg_err = t->msg_err;
    in.claims = t->pane[P_CLAIMS].shown;
    in.gen = v->gen;
    in.nass = a->nassertions;
    if (v->sel >= 0) {
        in.kind = (int)a->assertions[v->sel].kind;
        in.id = (long long)a->assertions[v->sel].id;
    }
    for (int k = 0; k < STATUS_COUNT; k++)
        in.nstatus[k] = v->nstatus[k];
    static struct {
        bool valid;
        struct status_in in;
        char msg[sizeof t->msg];
        cchar_t row[STATUS_MAX + 1];
    } last;
    cchar_t row[STATUS_MAX + 1];
    if (last.valid && W <= STATUS_MAX && memcmp(&last.in, &in, sizeof in) == 0
        && strcmp(last.msg, t->msg) == 0
        && mvwin_wchnstr(s, 0, 0, row, W) != ERR
        && memcmp(row, last.row, sizeof row[0] * (size_t)W) == 0)
        return;

    static const char *const fname[P_COUNT] = { "text", "entities", "claims" };
    char part[4][64];           /* in the order shown */
    enum { S_FOCUS, S_POS, S_SEL, S_COUNTS };
    static const int prio[4] = { S_POS, S_FOCUS, S_SEL, S_COUNTS };
    /* With the claims panel off the screen, the selection's note
    ** (tui_claims.c) takes the room it wants from the pane's name, which
    ** the one pane shown tells, and the counts. */
    static const int prio_room[4] = { S_POS, S_SEL, S_FOCUS, S_COUNTS };
    int room = claims_status_room(t);
    const int *order = room ? prio_room : prio;
    snprintf(part[S_FOCUS], sizeof part[0], "[%s]%s", fname[v->focus],
             v->zoom ? " zoom" : "");
    snprintf(part[S_POS], sizeof part[0], "%d%%", in.pct);
    part[S_SEL][0] = '\0';
    /* The selection's status is shown by the claims panel's mark; with
    ** the panel off the screen, it is said here. */
    if (v->sel >= 0)
        snprintf(part[S_SEL], sizeof part[0], "%s%lld%s%s %d/%zu",
                 kind_letter(&a->assertions[v->sel]), (long long)a->assertions[v->sel].id,
                 in.claims ? "" : " ", in.claims ? "" : status_name(a->assertions[v->sel].status),
                 v->sel + 1, a->nassertions);
    snprintf(part[S_COUNTS], sizeof part[0], "%c%zu %c%zu %c%zu",
             status_mark(STATUS_DISPUTED), v->nstatus[STATUS_DISPUTED],
             status_mark(STATUS_CORROBORATED), v->nstatus[STATUS_CORROBORATED],
             status_mark(STATUS_UNREVIEWED), v->nstatus[STATUS_UNREVIEWED]);

    /* A message is the answer to the key just pressed, and goes with the
    ** next one: all of these give way to it, the least wanted first, and
    ** only then is it cut (at 80 columns the position, the pane, the
    ** selection and the counts took half the line and cut "24 mentions
    ** highlighted; ] and [ step through them" short of its keys).  The
    ** note gives way to the message (tui_claims.c), and only the pane's
    ** name and the counts to the note.  Two blanks between parts where
    ** all that is wanted fits so, else one, and one also where that keeps
    ** more of them beside a message. */
    int msgw = t->msg[0] ? tui_width(t, t->msg) + 1 : 0;   /* and a blank */
    bool use[2][4] = {{ false }};
    int nuse[2] = { 0, 0 }, want = 0;
    for (int g = 0; g < 2; g++) {
        int gap = 2 - g, w = 1;
        for (int k = 0; k < 4; k++) {
            const char *pt = part[order[k]];
            if (!*pt)
                continue;
            bool to_note = order[k] == S_FOCUS || order[k] == S_COUNTS;
            int need = to_note && room > msgw ? room : msgw;
            want += !need && g == 0;
            int pw = tui_width(t, pt) + (nuse[g] ? gap : 0);
            if (w + pw + 1 > W - need)
                break;
            use[g][order[k]] = true;
            w += pw;
            nuse[g]++;
        }
    }
    int g = nuse[0] < want || (msgw && nuse[1] > nuse[0]);
    char right[300];
    int n = snprintf(right, sizeof right, " ");
    bool first = true;
    for (int k = 0; k < 4; k++) {
        if (!use[g][k])
            continue;
        n += snprintf(right + n, sizeof right - (size_t)n, "%s%s",
                      first ? "" : (g ? " " : "  "), part[k]);
        first = false;
    }
    snprintf(right + n, sizeof right - (size_t)n, " ");
    int rw = nuse[g] ? tui_width(t, right) : 0;
    if (!nuse[g])
        right[0] = '\0';

    werase(s);
    tui_set_role(s, R_STATUS);
    tui_fill(s, 0, 0, W);
    tui_puts(t, s, 0, W - rw, W, right);
    int lmax = W - rw - 1;
    /* Where not all fit, help and the way out stay longest. */
    static const tui_hint_t all_hints[] = {
        { "J/K: next/prev", 2 }, { "x: contradicts", 3 }, { "d/c/u: tag", 4 },
        { "Tab: pane", 5 }, { "?: help", 0 }, { "q: back", 1 } };
    /* With no quote or claim, the keys for them do nothing, and in a
    ** library this reader cannot change, the tags: not offered. */
    tui_hint_t hints[sizeof all_hints / sizeof all_hints[0]];
    size_t nhints = 0;
    bool ro = store_readonly(t->s);
    for (size_t k = 0; k < sizeof all_hints / sizeof all_hints[0]; k++)
        if ((k >= 3 || a->nassertions) && !(k == 2 && ro))
            hints[nhints++] = all_hints[k];
    if (!t->msg_err && claims_note_hidden(t)) {
        claims_status_note(t, s, lmax, hints, nhints);
    } else if (t->msg[0]) {
        tui_set_role(s, t->msg_err ? R_ERROR : R_STATUS);
        if (t->msg_err)
            tui_fill(s, 0, 0, W - rw);
        tui_puts_clip(t, s, 0, 0, lmax, t->msg);
    } else {
        tui_put_hints(t, s, 0, 0, lmax, hints, nhints);
    }
    last.valid = false;
    if (W <= STATUS_MAX && mvwin_wchnstr(s, 0, 0, last.row, W) != ERR) {
        last.valid = true;
        memcpy(&last.in, &in, sizeof in);
        memcpy(last.msg, t->msg, sizeof last.msg);
    }
}

static bool article_request(tui_t *t, request_t r)
{
    artview_t *v = &t->art;
    if (panes[v->focus]->request(t, r))
        return true;
    switch (r) {
    case REQ_DOWN: case REQ_UP: case REQ_HALF_DOWN: case REQ_HALF_UP:
    case REQ_PAGE_DOWN: case REQ_PAGE_UP: case REQ_TOP: case REQ_BOTTOM:
        return text_request(t, r);
    case REQ_NEXT_PANE:
        v->focus = (v->focus + 1) % P_COUNT;
        tui_layout(t);
        return true;
    case REQ_PREV_PANE:
        v->focus = (v->focus + P_COUNT - 1) % P_COUNT;
        tui_layout(t);
        return true;
    case REQ_ZOOM:
        v->zoom = !v->zoom;
        tui_layout(t);
        return true;
    case REQ_NEXT_ANNOT:     step_annotation(t, 1); return true;
    case REQ_PREV_ANNOT:     step_annotation(t, -1); return true;
    case REQ_CONTRA:         jump_contradiction(t); return true;
    case REQ_BACK:           jump_back(t); return true;
    case REQ_NEXT_SPEAKER:   jump_speaker(t, 1); return true;
    case REQ_PREV_SPEAKER:   jump_speaker(t, -1); return true;
    case REQ_NEXT_MENTION:   step_mention(t, 1); return true;
    case REQ_PREV_MENTION:   step_mention(t, -1); return true;
    case REQ_TAG_DISPUTED:   tag(t, STATUS_DISPUTED, NULL); return true;
    case REQ_TAG_CORROBORATED: tag(t, STATUS_CORROBORATED, NULL); return true;
    case REQ_TAG_UNREVIEWED: tag(t, STATUS_UNREVIEWED, NULL); return true;
    case REQ_UNDO:           untag(t); return true;
    case REQ_NOTE:           note(t); return true;
    case REQ_CANCEL:         cancel_marks(t); return true;
    case REQ_SEARCH:         search(t); return true;
    case REQ_SEARCH_NEXT:    search_step(t, 1); return true;
    case REQ_SEARCH_PREV:    search_step(t, -1); return true;
    case REQ_ENTER:          return true;
    default:                 return false;
    }
}

const view_ops_t article_view = { "article", article_draw, article_request };
