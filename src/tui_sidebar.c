/*
** tui_sidebar.c: the entity sidebar.  The article's entities grouped by
** kind (people, organisations, places, other), busiest first, each with
** its number of mentions.  Enter highlights an entity's mentions in the
** text; ] and [ (tui_article.c) then step through them.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui_view.h"

void sidebar_build(artview_t *v)
{
    article_t *a = v->a;
    free(v->srows);
    v->srows = xcalloc(a->nentities + KIND_COUNT + 1, sizeof *v->srows);
    size_t n = 0;
    for (int k = 0; k < KIND_COUNT; k++) {
        size_t first = n + 1;
        bool any = false;
        for (size_t i = 0; i < a->nentities; i++) {
            if ((int)a->entities[i].kind != k)
                continue;
            if (!any) {
                v->srows[n++] = -1 - k;
                any = true;
            }
            /* Insertion sort: most mentions first, then by name. */
            size_t j = n++;
            while (j > first) {
                const entity_t *p = &a->entities[v->srows[j - 1]], *e = &a->entities[i];
                if (p->nmentions > e->nmentions ||
                    (p->nmentions == e->nmentions && strcmp(p->name, e->name) <= 0))
                    break;
                v->srows[j] = v->srows[j - 1];
                j--;
            }
            v->srows[j] = (int)i;
        }
    }
    v->nsrows = n;
    v->scur = n > 1 ? 1 : 0;
    v->stop = 0;
}

bool sidebar_entity_at_cursor(artview_t *v, int *entity)
{
    if (v->scur < 0 || (size_t)v->scur >= v->nsrows || v->srows[v->scur] < 0)
        return false;
    *entity = v->srows[v->scur];
    return true;
}

/* The one-line heading of a pane; reversed when it has the focus. */
void tui_pane_head(tui_t *t, int p, const char *label)
{
    WINDOW *h = t->pane[p].head;
    if (!h)
        return;
    werase(h);
    tui_set_role(h, t->art.focus == p ? R_HEADER_FOCUS : R_HEADER);
    tui_fill(h, 0, 0, getmaxx(h));
    tui_puts(t, h, 0, 1, getmaxx(h), label);
}

static void sidebar_draw(tui_t *t)
{
    artview_t *v = &t->art;
    pane_t *p = &t->pane[P_SIDEBAR];
    char buf[64];
    if (v->scur < 0 || (size_t)v->scur >= v->nsrows)
        v->scur = 0;
    if (v->scur < v->stop)
        v->stop = v->scur;
    if (v->scur >= v->stop + p->h)
        v->stop = v->scur - p->h + 1;
    if (v->stop < 0)
        v->stop = 0;
    /* When the list goes on below the pane, its last row says how far
    ** ("v 4 more"), so one row fewer holds entities. */
    int rows = p->h;
    if (rows > 1 && v->stop + rows < (int)v->nsrows) {
        rows--;
        if (v->scur >= v->stop + rows)
            v->stop = v->scur - rows + 1;
        if (v->stop + rows + 1 >= (int)v->nsrows)
            rows++;             /* scrolled to the end: all fits again */
    }
    /* Unchanged since the last draw: leave it (issue 5). */
    if (v->drawn.valid && v->drawn.scur == v->scur && v->drawn.stop == v->stop
        && v->drawn.hl_entity == v->hl_entity)
        return;
    /* Scrolled down, the heading says how many are above, as the last
    ** row says how many below: a list that seemed to start mid-way
    ** (T3). */
    int above = 0;
    for (int r = 0; r < v->stop && (size_t)r < v->nsrows; r++)
        above += v->srows[r] >= 0;
    if (above)
        snprintf(buf, sizeof buf, "Entities (%zu, %s %d above)", v->a->nentities,
                 t->utf8 ? "\xe2\x86\x91" : "^", above);
    else
        snprintf(buf, sizeof buf, "Entities (%zu)", v->a->nentities);
    tui_pane_head(t, P_SIDEBAR, buf);
    WINDOW *w = p->body;
    werase(w);
    if (v->nsrows == 0) {
        tui_set_role(w, R_DIM);
        tui_puts(t, w, 0, 1, p->w, "no entities");
    }
    bool focus = v->focus == P_SIDEBAR;
    for (int y = 0; y < rows && v->stop + y < (int)v->nsrows; y++) {
        int r = v->stop + y;
        int row = v->srows[r];
        if (row < 0) {
            tui_set_role(w, R_HEADER);
            tui_puts(t, w, y, 0, p->w, entity_kind_label((entity_kind_t)(-1 - row)));
            continue;
        }
        const entity_t *e = &v->a->entities[row];
        bool cur = focus && r == v->scur;
        tui_set_role(w, cur ? R_CURSOR : R_NORMAL);
        if (cur)
            tui_fill(w, y, 0, p->w);
        /* Not snprintf, for speed (issue 5): every row, every frame. */
        int cw = 0;
        char dig[24];
        size_t m = e->nmentions;
        do
            dig[cw++] = (char)('0' + m % 10);
        while ((m /= 10) != 0);
        for (int k = 0; k < cw; k++)
            buf[k] = dig[cw - 1 - k];
        buf[cw] = '\0';
        if (row == v->hl_entity)
            tui_puts(t, w, y, 0, p->w, "*");
        if (!cur)
            tui_set_role(w, row == v->hl_entity ? R_ENTITY_HL : R_MENTION + (int)e->kind);
        char *name = glyph_sanitize(e->name, strlen(e->name), t->utf8);
        tui_puts_clip(t, w, y, 2, p->w - cw - 1, name);
        free(name);
        tui_set_role(w, cur ? R_CURSOR : R_DIM);
        tui_puts(t, w, y, p->w - cw, p->w, buf);
    }
    if (rows < p->h) {
        int more = 0;
        for (size_t r = (size_t)(v->stop + rows); r < v->nsrows; r++)
            more += v->srows[r] >= 0;
        snprintf(buf, sizeof buf, "%s %d more", t->utf8 ? "\xe2\x86\x93" : "v", more);
        tui_set_role(w, R_DIM);
        tui_puts(t, w, rows, 2, p->w, buf);
    }
    tui_set_role(w, R_NORMAL);
}

static void move_cursor(artview_t *v, int delta)
{
    if (v->nsrows == 0)
        return;
    int n = (int)v->nsrows;
    int c = v->scur + delta;
    if (c < 0) c = 0;
    if (c >= n) c = n - 1;
    /* Land on an entity, not on a group heading. */
    int dir = delta >= 0 ? 1 : -1;
    while (c >= 0 && c < n && v->srows[c] < 0)
        c += dir;
    if (c < 0 || c >= n) {
        c = v->scur;
        if (c < 0 || c >= n || v->srows[c] < 0)
            for (c = 0; c < n && v->srows[c] < 0; c++)
                ;
    }
    if (c < n)
        v->scur = c;
}

static bool sidebar_request(tui_t *t, request_t r)
{
    artview_t *v = &t->art;
    int h = t->pane[P_SIDEBAR].h;
    switch (r) {
    case REQ_DOWN:      move_cursor(v, 1); return true;
    case REQ_UP:        move_cursor(v, -1); return true;
    case REQ_HALF_DOWN: move_cursor(v, h / 2); return true;
    case REQ_HALF_UP:   move_cursor(v, -(h / 2)); return true;
    case REQ_PAGE_DOWN: move_cursor(v, h); return true;
    case REQ_PAGE_UP:   move_cursor(v, -h); return true;
    case REQ_TOP:       v->scur = 0; move_cursor(v, 0); return true;
    case REQ_BOTTOM:
        v->scur = v->nsrows ? (int)v->nsrows - 1 : 0;
        move_cursor(v, 0);
        return true;
    case REQ_ENTER: {
        int en;
        if (!sidebar_entity_at_cursor(v, &en))
            return true;
        if (v->hl_entity == en) {
            v->hl_entity = v->hl_mention = -1;
            tui_message(t, false, "highlighting off");
            return true;
        }
        v->hl_entity = en;
        v->hl_mention = -1;
        const entity_t *e = &v->a->entities[en];
        char *name = glyph_sanitize(e->name, strlen(e->name), t->utf8);
        tui_message(t, false, "%s: %zu mention%s highlighted; ] and [ step through them",
                    name, e->nmentions, e->nmentions == 1 ? "" : "s");
        free(name);
        return true;
    }
    default:
        return false;
    }
}

const view_ops_t sidebar_pane = { "entities", sidebar_draw, sidebar_request };
