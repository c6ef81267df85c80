/*
** annot_entities.c: people, organisations and places.
**
** A name is a run of capitalised words in one sentence (with "of", "for",
** "the", "and" inside when an organisation or title word makes them part
** of one name).  Each run is cut into segments: titles ("Prime Minister",
** "Lt. Gen."), places and demonyms from the gazetteer, connectors, and
** plain name words.  An organisation word (Ministry, Service, State...)
** makes the words around it an organisation; a title before a name, an
** apposed role after it (", the head of the council,"), a reporting verb
** after it, or two or more name words make a person.  A single unknown
** capitalised word with none of that evidence is left alone: a missed
** mention costs less than a wrong entity.
**
** The first mention gives the entity its fullest name; later short forms
** ("Rossi" after "Ana Rossi"), possessives ("Rossi's") and, for people
** first seen by surname alone, a later full name all join it.  Entities
** already in the article (imported) are matched by name and alias first.
*/
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "annot_internal.h"

/* ---- the name registry ---------------------------------------------------- */

static uint64_t hash_key(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 31);
}

static struct nmap *nmap_probe(doc_t *d, const char *k, size_t n)
{
    size_t mask = d->nmap_slots - 1, i = (size_t)hash_key(k, n) & mask;
    for (;;) {
        struct nmap *m = &d->nmap[i];
        if (m->ent < 0 || (m->len == n && memcmp(d->nkeys.s + m->key, k, n) == 0))
            return m;
        i = (i + 1) & mask;
    }
}

int annot_find_name(doc_t *d, const char *folded, size_t n)
{
    if (!d->nmap_slots || !n)
        return -1;
    return nmap_probe(d, folded, n)->ent;
}

void annot_add_name(doc_t *d, const char *folded, size_t n, int ent)
{
    if (!n)
        return;
    if ((d->nmap_used + 1) * 2 > d->nmap_slots) {
        struct nmap *old = d->nmap;
        size_t nold = d->nmap_slots;
        d->nmap_slots = nold ? nold * 2 : 256;
        d->nmap = xmalloc(d->nmap_slots * sizeof *d->nmap);
        for (size_t i = 0; i < d->nmap_slots; i++)
            d->nmap[i].ent = -1;
        for (size_t i = 0; i < nold; i++)
            if (old[i].ent >= 0)
                *nmap_probe(d, d->nkeys.s + old[i].key, old[i].len) = old[i];
        free(old);
    }
    struct nmap *m = nmap_probe(d, folded, n);
    if (m->ent >= 0)
        return;          /* the first owner of a name keeps it */
    m->key = (uint32_t)d->nkeys.len;
    m->len = (uint32_t)n;
    m->ent = ent;
    sb_add(&d->nkeys, folded, n);
    sb_addc(&d->nkeys, '\0');
    d->nmap_used++;
}

/* Change the value of a key already registered (prescan bookkeeping). */
static void set_name_value(doc_t *d, const char *k, size_t n, int v)
{
    if (!d->nmap_slots)
        return;
    struct nmap *m = nmap_probe(d, k, n);
    if (m->ent >= 0)
        m->ent = v;
}

entx_t *annot_entx(doc_t *d, int ent)
{
    if ((size_t)ent >= d->capentx) {
        size_t old = d->capentx;
        grow_array((void **)&d->entx, &d->capentx, (size_t)ent + 1, sizeof *d->entx);
        for (size_t i = old; i < d->capentx; i++) {
            d->entx[i].title = NULL;
            d->entx[i].place = -1;
            d->entx[i].tentative = false;
            d->entx[i].poss_guess = false;
            d->entx[i].gender = 0;
            d->entx[i].fname = NULL;
            d->entx[i].fname_of = NULL;
            d->entx[i].stamp = 0;
            d->entx[i].owner[0] = '\0';
        }
    }
    return &d->entx[ent];
}

const char *annot_entity_fold(doc_t *d, int ent)
{
    entx_t *ex = annot_entx(d, ent);
    const char *name = d->a->entities[ent].name;
    if (!ex->fname || ex->fname_of != name) {
        char buf[512];
        size_t n = lexicon_fold(name, strlen(name), buf, sizeof buf);
        free(ex->fname);
        ex->fname = xstrndup(buf, n);
        ex->fname_of = name;
    }
    return ex->fname;
}

bool annot_has_word(const char *folded, const char *w, size_t wl)
{
    if (!*folded)
        return false;
    for (const char *p = folded; (p = strstr(p, w)); p++)
        if ((p == folded || p[-1] == ' ') && (p[wl] == '\0' || p[wl] == ' '))
            return true;
    return false;
}

static void add_name_str(doc_t *d, const char *s, int ent)
{
    char buf[512];
    size_t n = lexicon_fold(s, strlen(s), buf, sizeof buf);
    annot_add_name(d, buf, n, ent);
}

/* Register a person's last word as a short form (NK_SHORT "rossi"). */
static void add_short_form(doc_t *d, const char *name, int ent)
{
    const char *sp = strrchr(name, ' ');
    const char *last = sp ? sp + 1 : name;
    char buf[256];
    buf[0] = NK_SHORT;
    size_t n = lexicon_fold(last, strlen(last), buf + 1, sizeof buf - 1);
    if (n)
        annot_add_name(d, buf, n + 1, ent);
}

static int new_entity(doc_t *d, const char *name, entity_kind_t kind)
{
    entity_t *e = article_add_entity(d->a);
    e->name = xstrdup(name);
    e->kind = kind;
    int idx = (int)(e - d->a->entities);
    annot_entx(d, idx);
    add_name_str(d, name, idx);
    if (kind == KIND_PERSON)
        add_short_form(d, name, idx);
    if (kind == KIND_PLACE) {
        /* NK_PLACE_STEM + five letters: lets "Velmoran" find "Velmora" */
        char buf[256];
        size_t n = lexicon_fold(name, strlen(name), buf, sizeof buf);
        if (n >= 5 && !memchr(buf, ' ', 5)) {
            char key[8];
            annot_add_name(d, key, annot_name_key(key, sizeof key, NK_PLACE_STEM, buf, 5), idx);
        }
    }
    return idx;
}

static bool has_alias(const entity_t *e, const char *s)
{
    if (strcmp(e->name, s) == 0)
        return true;
    for (size_t i = 0; i < e->naliases; i++)
        if (strcmp(e->aliases[i], s) == 0)
            return true;
    return false;
}

static void add_alias(doc_t *d, int ent, const char *s)
{
    entity_t *e = &d->a->entities[ent];
    if (!has_alias(e, s))
        entity_add_alias(e, s);
    add_name_str(d, s, ent);
}

int annot_country_entity(doc_t *d, int place)
{
    const char *country = lexicon_place_country(d->lex, place);
    char buf[256];
    size_t n = lexicon_fold(country, strlen(country), buf, sizeof buf);
    int e = annot_find_name(d, buf, n);
    if (e >= 0)
        return e;
    e = new_entity(d, country, KIND_PLACE);
    annot_entx(d, e)->place = place;
    return e;
}

/* ---- mentions ------------------------------------------------------------------ */

static void add_mention(doc_t *d, int ent, uint32_t t0, uint32_t t1)
{
    for (uint32_t t = t0; t < t1; t++)
        if (d->toks[t].ent >= 0)
            return;            /* never overlap a mention already there */
    grow_array((void **)&d->ments, &d->capments, d->nments + 1, sizeof *d->ments);
    ment_t *m = &d->ments[d->nments];
    m->t0 = t0;
    m->t1 = t1;
    m->ent = ent;
    m->appos_end = t1;
    m->in_quote = d->toks[t0].q >= 0;
    for (uint32_t t = t0; t < t1; t++) {
        d->toks[t].ent = ent;
        d->toks[t].ment = (int32_t)d->nments;
    }
    d->nments++;
    span_t s = {d->toks[t0].start, d->toks[t1 - 1].end};
    entity_add_mention(&d->a->entities[ent], s);
}

/* Append s[0..n) without the soft hyphens, direction marks, word joiners
** and U+FEFF inside it: a name written "Wa\u00adlesa" in one text and
** "Walesa" in another is one name (the library matches entities by
** name), and these show in a list of names only as placeholders
** ("<LRM>").  The zero-width joiner and non-joiner stay: they are part of
** how Persian and Indic names are spelt. */
static void add_visible(strbuf_t *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; ) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        ucs4_t c;
        size_t k = (size_t)u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
        if (text_invisible_in_word(c) && c != 0x200C && c != 0x200D) {
            sb_add(b, s + from, i - from);
            from = i + k;
        }
        i += k;
    }
    sb_add(b, s + from, n - from);
}

static char *tok_text(const doc_t *d, uint32_t t0, uint32_t t1)
{
    /* Names keep their words but not line breaks or runs of blanks. */
    strbuf_t b = {0};
    for (uint32_t t = t0; t < t1; t++) {
        if (t > t0 && d->toks[t].start > d->toks[t - 1].end)
            sb_addc(&b, ' ');
        if (d->toks[t].flags & TF_INVIS)
            add_visible(&b, d->text + d->toks[t].start, d->toks[t].end - d->toks[t].start);
        else
            sb_add(&b, d->text + d->toks[t].start, d->toks[t].end - d->toks[t].start);
    }
    return sb_steal(&b);
}

static void fold_toks(const doc_t *d, uint32_t t0, uint32_t t1, char *buf, size_t cap, size_t *n)
{
    *n = 0;
    for (uint32_t t = t0; t < t1; t++) {
        const char *f = tok_fold(d, t);
        size_t fl = strlen(f);
        if (*n + fl + 2 > cap) {
            *n = 0;
            return;
        }
        if (t > t0 && d->toks[t].start > d->toks[t - 1].end)
            buf[(*n)++] = ' ';
        memcpy(buf + *n, f, fl);
        *n += fl;
    }
    buf[*n] = '\0';
}

/* Find or make the entity for tokens [t0,t1) of the given kind, and
** record the mention.  Returns the entity index or -1. */
static bool adjective_shaped(const doc_t *d, uint32_t t);

/* The first five letters of the country a word names or belongs to
** ("Russian", "Moscow" -> "russi"; "Marovian" -> "marov"), so that a
** people's adjective and its country meet.  false when too short. */
static bool country_stem(const doc_t *d, uint32_t t, char out[6])
{
    const char *f = tok_fold(d, t);
    const lex_info_t *li = d->toks[t].lex;
    char buf[256];
    if (li && (li->cls & (LEX_COUNTRY | LEX_CAPITAL | LEX_DEMONYM)) && li->place >= 0) {
        const char *c = lexicon_place_country(d->lex, li->place);
        size_t n = lexicon_fold(c, strlen(c), buf, sizeof buf);
        if (n)
            f = buf;
    }
    if (strlen(f) < 5)
        return false;
    memcpy(out, f, 5);
    out[5] = 0;
    return true;
}

/* "Marovia's National Guard" and "the Marovian National Guard" are one
** body: an organisation qualified by its country (a possessive before
** it, or a people's adjective opening it) is also filed under the
** country and the rest of its name.  A person's possessive ("Ana
** Rossi's Freedom Party") is no country's.  Returns the key length, 0 if
** none. */
static size_t country_org_key(doc_t *d, uint32_t t0, uint32_t t1, char *key, size_t cap)
{
    char stem[6];
    uint32_t r0;
    int owner = t0 > 0 ? d->toks[t0 - 1].ent : -1;
    if (t1 - t0 >= 2 && (d->toks[t0].flags & TF_CAP) &&
        ((tok_cls(d, t0) & LEX_DEMONYM) || adjective_shaped(d, t0)) && country_stem(d, t0, stem))
        r0 = t0 + 1;
    else if (t0 > 0 && (d->toks[t0 - 1].flags & TF_POSS) && (d->toks[t0 - 1].flags & TF_CAP) &&
             d->toks[t0 - 1].sent == d->toks[t0].sent &&
             !(owner >= 0 && d->a->entities[owner].kind == KIND_PERSON) &&
             country_stem(d, t0 - 1, stem))
        r0 = t0;
    else
        return 0;
    char rest[400];
    size_t n;
    fold_toks(d, r0, t1, rest, sizeof rest, &n);
    if (!n || n + 8 > cap || !strchr(rest, ' '))
        return 0;          /* a two-word rest at least: "National Guard", not "army" */
    key[0] = NK_COUNTRY_ORG;
    memcpy(key + 1, stem, 5);
    key[6] = '|';
    memcpy(key + 7, rest, n);
    return n + 7;
}

/* The people's adjective of the country at token t, for naming a body
** the text calls "Marovia's National Guard": the gazetteer's first
** demonym, else one made by the commonest English pattern (Marovia ->
** Marovian, Kalvany -> Kalvanian, Estvard -> Estvardian).  Both forms of
** a body's name then give one name, so that the library keeps one entity
** for "Marovia's National Guard" in one article and "the Marovian National
** Guard" in another (the store matches entities by name), and "National
** Guard" alone is not taken for any country's.  NULL when no form can be
** made. */
static char *country_demonym(const doc_t *d, uint32_t t)
{
    const lex_info_t *li = d->toks[t].lex;
    if (li && (li->cls & (LEX_COUNTRY | LEX_CAPITAL)) && li->place >= 0) {
        const char *dm = lexicon_place_demonym(d->lex, li->place);
        return dm[0] ? xstrdup(dm) : NULL;
    }
    if (li)
        return NULL;
    strbuf_t b = {0};
    add_visible(&b, d->text + d->toks[t].start, d->toks[t].end - d->toks[t].start);
    size_t n = b.len;
    const char *w = b.s;
    bool fits = n >= 4 && n <= 60;
    for (size_t i = 0; fits && i < n; i++)
        if ((unsigned char)w[i] < 0x80 && !((w[i] >= 'a' && w[i] <= 'z') ||
                                            (w[i] >= 'A' && w[i] <= 'Z')))
            fits = false;
    char *r = NULL;
    if (fits) {
        char last = w[n - 1];
        if (last == 'a' || last == 'e' || last == 'o' || last == 'i')
            r = xasprintf("%.*s%s", (int)n, w, last == 'a' ? "n" : "an");
        else if (last == 'y')
            r = xasprintf("%.*sian", (int)(n - 1), w);
        else
            r = xasprintf("%.*sian", (int)n, w);
    }
    sb_free(&b);
    return r;
}

/* "Ana Rossi's Freedom Party", "Marovia's Freedom Party": who owns the
** body named by tokens starting at t0, written into out (see entx_t's
** owner).  A person is known by their entity, a country or city by its
** country's stem (as country_org_key files it, so that "Moscow's" and
** "Russia's" army are one), another owner by its word.  false, out "",
** when no capitalised possessive stands before t0. */
static bool owner_key(doc_t *d, uint32_t t0, char out[12])
{
    out[0] = '\0';
    if (t0 == 0)
        return false;
    uint32_t k = t0 - 1;
    if ((d->toks[k].flags & (TF_POSS | TF_CAP)) != (TF_POSS | TF_CAP) ||
        d->toks[k].sent != d->toks[t0].sent)
        return false;
    int oe = d->toks[k].ent;
    char stem[6];
    if (oe >= 0 && d->a->entities[oe].kind == KIND_PERSON)
        snprintf(out, 12, "#%d", oe);
    else if (country_stem(d, k, stem))
        snprintf(out, 12, "c%s", stem);
    else if (oe >= 0)
        snprintf(out, 12, "#%d", oe);
    else
        snprintf(out, 12, "w%.10s", tok_fold(d, k));
    return true;
}

static int upsert(doc_t *d, entity_kind_t kind, uint32_t t0, uint32_t t1, bool single_ok)
{
    char buf[512];
    size_t n;
    fold_toks(d, t0, t1, buf, sizeof buf, &n);
    if (!n)
        return -1;
    int e = annot_find_name(d, buf, n);
    if (e < 0 && t1 - t0 == 1) {
        char sb[260];
        e = annot_find_name(d, sb, annot_name_key(sb, sizeof sb, NK_SHORT, buf, n));
    }
    if (e < 0 && kind == KIND_PERSON && t1 - t0 > 1) {
        /* "Rossi" seen first, "Ana Rossi" now: the fuller name wins. */
        const char *last = tok_fold(d, t1 - 1);
        int p = annot_find_name(d, last, strlen(last));
        /* (and "Vandersloot's lawyer", taken for a place for want of
        ** evidence, then "Piet Vandersloot, 54,": the man himself) */
        if (p >= 0 && (size_t)p >= d->first_new_entity &&
            (d->a->entities[p].kind == KIND_PERSON || annot_entx(d, p)->poss_guess) &&
            !strchr(d->a->entities[p].name, ' ')) {
            entity_t *pe = &d->a->entities[p];
            if (pe->kind != KIND_PERSON) {
                pe->kind = KIND_PERSON;
                annot_entx(d, p)->poss_guess = false;
                annot_entx(d, p)->place = -1;
                add_short_form(d, pe->name, p);
            }
            char *full = tok_text(d, t0, t1);
            entity_add_alias(pe, pe->name);
            free(pe->name);
            pe->name = full;
            annot_add_name(d, buf, n, p);
            e = p;
        }
    }
    /* A body named after its owner ("Ana Rossi's Freedom Party",
    ** "Marovia's Freedom Party") is that owner's: another owner's body of
    ** the same name is another body, found by NK_OWNED_ORG owner "|" name. */
    char own[12], ok[512];
    size_t okn = 0;
    if (kind == KIND_ORGANIZATION && owner_key(d, t0, own) && n + 14 < sizeof ok) {
        okn = (size_t)snprintf(ok, sizeof ok, "%c%s|", NK_OWNED_ORG, own);
        memcpy(ok + okn, buf, n);
        okn += n;
        if (e >= 0 && annot_entx(d, e)->owner[0] && strcmp(annot_entx(d, e)->owner, own) != 0)
            e = -1;
        if (e < 0)
            e = annot_find_name(d, ok, okn);
    }
    char ck[512];
    size_t ckn = kind == KIND_ORGANIZATION ? country_org_key(d, t0, t1, ck, sizeof ck) : 0;
    if (e < 0 && ckn) {
        e = annot_find_name(d, ck, ckn);
        if (e >= 0 && d->a->entities[e].kind != KIND_ORGANIZATION)
            e = -1;
    }
    /* "Marovia's National Guard" */
    bool poss_country = ckn && t0 > 0 && (d->toks[t0 - 1].flags & TF_POSS) &&
        !(d->toks[t0].flags & TF_CAP ? (tok_cls(d, t0) & LEX_DEMONYM) != 0 : false);
    /* "Ana Rossi's Freedom Party": any other owner stays in the name */
    bool poss_other = okn && !poss_country;
    if (e < 0) {
        if ((kind == KIND_OTHER && !single_ok) ||
            (!single_ok && t1 - t0 == 1 && kind == KIND_PERSON))
            return -1;
        char *name = tok_text(d, t0, t1);
        char *dm = poss_country ? country_demonym(d, t0 - 1) : NULL;
        if (dm) {
            char *full = xasprintf("%s %s", dm, name);
            free(name);
            name = full;
            free(dm);
        } else if (poss_other) {
            /* the owner's full name (its word when it is none of the
            ** text's entities) and the possessive as written: "Ana
            ** Rossi's Freedom Party", also where the text says "Rossi's" */
            uint32_t ps = d->toks[t0 - 1].end, pe = d->toks[t0].start;
            while (pe > ps && (d->text[pe - 1] == ' ' || d->text[pe - 1] == '\n' ||
                               d->text[pe - 1] == '\t'))
                pe--;
            int oe = d->toks[t0 - 1].ent;
            char *oname = oe >= 0 ? xstrdup(d->a->entities[oe].name) : tok_text(d, t0 - 1, t0);
            char *full = xasprintf("%s%.*s %s", oname, (int)(pe - ps), d->text + ps, name);
            free(oname);
            free(name);
            name = full;
        }
        e = new_entity(d, name, kind);
        free(name);
        if ((poss_country || poss_other) && annot_find_name(d, buf, n) < 0)
            annot_add_name(d, buf, n, e);   /* "the National Guard" later, in this text */
    } else if (kind == KIND_PERSON && single_ok && annot_entx(d, e)->tentative) {
        /* first seen with no evidence, now named as a person */
        d->a->entities[e].kind = KIND_PERSON;
        annot_entx(d, e)->tentative = false;
        add_short_form(d, d->a->entities[e].name, e);
    }
    if (ckn && annot_find_name(d, ck, ckn) < 0)
        annot_add_name(d, ck, ckn, e);
    if (okn && d->a->entities[e].kind == KIND_ORGANIZATION) {
        /* the first owner named claims a body met bare before */
        if (!annot_entx(d, e)->owner[0])
            memcpy(annot_entx(d, e)->owner, own, sizeof own);
        if (annot_find_name(d, ok, okn) < 0)
            annot_add_name(d, ok, okn, e);
    }
    if (!(d->toks[t1 - 1].flags & TF_POSS))
        annot_entx(d, e)->poss_guess = false;   /* "In Vandersloot": a place after all */
    add_mention(d, e, t0, t1);
    /* every other form the text uses becomes an alias ("Rossi") */
    if ((size_t)e >= d->first_new_entity) {
        char *form = tok_text(d, t0, t1);
        if (poss_country || poss_other) {
            /* the possessive as written too: "Marovia’s National Guard" */
            uint32_t ps = d->toks[t0 - 1].start, pe = d->toks[t0].start;
            while (pe > ps && (d->text[pe - 1] == ' ' || d->text[pe - 1] == '\n' ||
                               d->text[pe - 1] == '\t'))
                pe--;
            char *full = xasprintf("%.*s %s", (int)(pe - ps), d->text + ps, form);
            if (!has_alias(&d->a->entities[e], full))
                entity_add_alias(&d->a->entities[e], full);
            free(full);
        }
        if (!has_alias(&d->a->entities[e], form))
            entity_add_alias(&d->a->entities[e], form);
        free(form);
    }
    return e;
}

/* The place named by the one word at t0 that is also a person's
** surname: an entity of its own, found again by its name among the
** places, and never filed under the word, which keeps naming the person
** ("Lund said"). */
static int place_apart(doc_t *d, uint32_t t0, uint32_t t1)
{
    char buf[512], nb[512];
    size_t n;
    fold_toks(d, t0, t1, buf, sizeof buf, &n);
    int e = -1;
    for (size_t i = 0; i < d->a->nentities && e < 0 && n; i++) {
        const entity_t *x = &d->a->entities[i];
        if (x->kind == KIND_PLACE && x->name &&
            lexicon_fold(x->name, strlen(x->name), nb, sizeof nb) == n && !memcmp(nb, buf, n))
            e = (int)i;
    }
    if (e < 0) {
        entity_t *x = article_add_entity(d->a);
        x->name = tok_text(d, t0, t1);
        x->kind = KIND_PLACE;
        e = (int)(x - d->a->entities);
        annot_entx(d, e);
    }
    add_mention(d, e, t0, t1);
    return e;
}

static void process_run(doc_t *d, uint32_t a, uint32_t b);
static bool poss_word(const doc_t *d, uint32_t t);

int annot_phrase_entity(doc_t *d, uint32_t t0, uint32_t t1)
{
    while (t0 < t1 && (tok_is(d, t0, "the") || tok_is(d, t0, "a")))
        t0++;
    if (t0 >= t1)
        return -1;
    char buf[512];
    size_t n;
    fold_toks(d, t0, t1, buf, sizeof buf, &n);
    if (!n)
        return -1;
    int e = annot_find_name(d, buf, n);
    if (e < 0) {
        char *name = tok_text(d, t0, t1);
        e = new_entity(d, name, KIND_ORGANIZATION);
        free(name);
    }
    /* the mention goes to the article only: the speech passes read the
    ** mention list in text order, and this one comes after it was made */
    span_t sp = {d->toks[t0].start, d->toks[t1 - 1].end};
    entity_add_mention(&d->a->entities[e], sp);
    return e;
}

/* "Northway" after "Northway Construction Group": an organisation's
** first word, when it is no common word, is a short form of it. */
static void org_short_form(doc_t *d, int e, uint32_t o0, uint32_t o1)
{
    if (o1 - o0 < 2 || d->toks[o0].lex || (size_t)e < d->first_new_entity ||
        !(d->toks[o0].flags & TF_CAP))
        return;
    const char *f = tok_fold(d, o0);
    size_t n = strlen(f);
    if (n < 4 || n + 1 >= 256 || (n >= 3 && (strcmp(f + n - 3, "ian") == 0 ||
                                              strcmp(f + n - 3, "ese") == 0)))
        return;
    char key[260];
    annot_add_name(d, key, annot_name_key(key, sizeof key, NK_SHORT, f, n), e);
}

/* ---- runs ---------------------------------------------------------------------- */

enum seg_kind { SEG_NAME, SEG_TITLE, SEG_PLACE, SEG_DEMONYM, SEG_CONN };

typedef struct seg {
    enum seg_kind kind;
    uint32_t t0, t1;
    int place;
} seg_t;

static bool is_connector(const doc_t *d, uint32_t t)
{
    static const char *const c[] = {"of", "for", "the", "and", "de", "del", "da", "van",
                                    "von", "bin", "al", NULL};
    if (!(d->toks[t].flags & TF_WORD) || (d->toks[t].flags & TF_CAP))
        return false;
    for (int i = 0; c[i]; i++)
        if (tok_is(d, t, c[i]))
            return true;
    return false;
}

static bool name_word(const doc_t *d, uint32_t t)
{
    const tok_t *k = &d->toks[t];
    if (!(k->flags & TF_WORD) || (k->flags & (TF_CAPTION | TF_DIGIT)) || k->ent >= 0)
        return false;
    if (k->flags & (TF_CAP | TF_ALLCAP))
        return true;
    /* "al-Baghdadi", "el-Sisi" */
    const char *f = tok_fold(d, t);
    return (strncmp(f, "al-", 3) == 0 || strncmp(f, "el-", 3) == 0) &&
        k->end - k->start > 3;
}

static bool aux_word(const doc_t *d, uint32_t t)
{
    static const char *const w[] = {"has", "have", "had", "also", "later", "again", "flatly",
                                    "repeatedly", "previously", "strongly", "publicly",
                                    "categorically", "firmly", "earlier", "then", "quickly",
                                    "has also", "swiftly", "immediately", "was", "is", NULL};
    for (int i = 0; w[i]; i++)
        if (tok_is(d, t, w[i]))
            return true;
    return false;
}

/* Does a reporting verb follow tokens ending at t1 (past auxiliaries)? */
static bool verb_follows(const doc_t *d, uint32_t t1)
{
    uint32_t t = t1;
    for (int skip = 0; t < d->ntoks && skip < 3 && aux_word(d, t); skip++)
        t++;
    return t < d->ntoks && (d->toks[t].flags & TF_WORD) && !(d->toks[t].flags & TF_CAP) &&
        (tok_cls(d, t) & LEX_REPORT);
}

/* "said Rossi." / "said Rossi, the ..." / "said Rossi in a statement";
** not "said Dravia had no role", where the name opens a clause. */
static bool said_before(const doc_t *d, uint32_t t0, uint32_t t1)
{
    if (t0 == 0)
        return false;
    if (t1 < d->ntoks && (d->toks[t1].flags & TF_WORD) && d->toks[t1].sent == d->toks[t0].sent &&
        !tok_is(d, t1, "in") && !tok_is(d, t1, "on") && !tok_is(d, t1, "at") &&
        !tok_is(d, t1, "during") && !tok_is(d, t1, "after") && !tok_is(d, t1, "from"))
        return false;
    uint32_t p = t0 - 1;
    if (tok_punct(d, p, ',') && p > 0)
        p--;
    /* "told Northline Wire": after "told" comes the addressee */
    if (strncmp(tok_fold(d, p), "tol", 3) == 0 || strncmp(tok_fold(d, p), "tell", 4) == 0 ||
        strncmp(tok_fold(d, p), "ask", 3) == 0)
        return false;
    return (d->toks[p].flags & TF_QCLOSE) ? false :
        ((tok_cls(d, p) & LEX_REPORT) && !(d->toks[p].flags & TF_CAP) &&
         d->toks[p].sent == d->toks[t0].sent);
}

static bool according_to_before(const doc_t *d, uint32_t t0)
{
    return t0 >= 2 && tok_is(d, t0 - 1, "to") && tok_is(d, t0 - 2, "according");
}

/* ", the head of the council," after a name: returns the token after the
** apposition's closing comma (or where it stops), 0 if there is none.
** *title gets the role word's token. */
static uint32_t apposition(const doc_t *d, uint32_t t1, uint32_t *title)
{
    if (!tok_punct(d, t1, ','))
        return 0;
    uint32_t t = t1 + 1, end = t1 + 14;
    int32_t sent = d->toks[t1].sent;
    bool have_title = false;
    for (; t < d->ntoks && t < end && d->toks[t].sent == sent; t++) {
        const tok_t *k = &d->toks[t];
        if (!(k->flags & TF_WORD)) {
            if (k->cp == ',' || k->cp == 0x2014 || k->cp == 0x2013 || k->cp == ')')
                break;
            if (k->flags & TF_QMARK)
                return 0;
            continue;
        }
        if (!have_title && (tok_cls(d, t) & LEX_TITLE)) {
            have_title = true;
            *title = t;
        }
        if ((tok_cls(d, t) & LEX_REPORT) && !(k->flags & TF_CAP) && t > t1 + 1)
            return have_title ? t : 0;
    }
    if (!have_title || t >= end)
        return 0;
    if (t >= d->ntoks)
        return t;          /* the role closes the text */
    return d->toks[t].sent == sent ? t + 1 : t;
}

static void set_title(doc_t *d, int ent, uint32_t t0, uint32_t t1)
{
    if (ent < 0)
        return;
    entx_t *x = annot_entx(d, ent);
    char buf[256];
    size_t n;
    fold_toks(d, t0, t1, buf, sizeof buf, &n);
    if (!n)
        return;
    free(x->title);
    x->title = xstrndup(buf, n);
}

static size_t segment(const doc_t *d, uint32_t a, uint32_t b, seg_t *segs, size_t cap)
{
    size_t ns = 0;
    uint32_t i = a;
    while (i < b && ns < cap) {
        const lex_info_t *li = NULL;
        int len;
        seg_t s = {SEG_NAME, i, i + 1, -1};
        /* "Tarrow General Hospital", "the General Assembly": a title
        ** word inside a name that ends in a place or organisation word
        ** is part of that name */
        bool in_body = false;
        if (i > a && b - 1 > i && (tok_cls(d, b - 1) & (LEX_PLACEW | LEX_ORG))) {
            in_body = true;
            for (uint32_t u = i; u < b && in_body; u++)
                in_body = !is_connector(d, u);
        }
        if (!in_body && (d->toks[i].flags & (TF_CAP | TF_ALLCAP)) &&
            (len = annot_phrase(d, i, LEX_TITLE, NULL)) > 0 && i + (uint32_t)len <= b) {
            s.kind = SEG_TITLE, s.t1 = i + (uint32_t)len;
        } else if ((len = annot_phrase(d, i, LEX_COUNTRY | LEX_CAPITAL, &li)) > 0 &&
                   i + (uint32_t)len <= b && (d->toks[i].flags & TF_CAP)) {
            s.kind = SEG_PLACE, s.t1 = i + (uint32_t)len, s.place = li->place;
        } else if ((len = annot_phrase(d, i, LEX_DEMONYM, &li)) > 0 && i + (uint32_t)len <= b &&
                   (d->toks[i].flags & TF_CAP)) {
            s.kind = SEG_DEMONYM, s.t1 = i + (uint32_t)len, s.place = li->place;
        } else if (is_connector(d, i)) {
            s.kind = SEG_CONN;
        }
        if (s.kind == SEG_NAME && ns && segs[ns - 1].kind == SEG_NAME) {
            segs[ns - 1].t1 = s.t1;
        } else {
            segs[ns++] = s;
        }
        i = s.t1;
    }
    return ns;
}

static bool acronym_alias(doc_t *d, int ent, uint32_t t)
{
    if (tok_punct(d, t, '(') && t + 2 < d->ntoks && (d->toks[t + 1].flags & TF_ALLCAP) &&
        tok_punct(d, t + 2, ')') && d->toks[t + 1].ent < 0) {
        char *s = tok_text(d, t + 1, t + 2);
        add_alias(d, ent, s);
        free(s);
        add_mention(d, ent, t + 1, t + 2);
        return true;
    }
    return false;
}

/* A person name segment [t0,t1) with its evidence; returns the entity. */
static int person(doc_t *d, uint32_t t0, uint32_t t1, bool evidence)
{
    uint32_t title = 0;
    uint32_t ap = apposition(d, t1, &title);
    bool ev = evidence || ap || verb_follows(d, t1) || said_before(d, t0, t1) ||
        according_to_before(d, t0);
    int e = upsert(d, KIND_PERSON, t0, t1, ev);
    if (e >= 0 && ap) {
        d->ments[d->nments - 1].appos_end = ap;
        if (!annot_entx(d, e)->title)
            set_title(d, e, title, title + 1);
    }
    if (e >= 0 && d->a->entities[e].kind != KIND_PERSON)
        return e;
    return e;
}

static void place_seg(doc_t *d, const seg_t *s, bool lone)
{
    const lex_info_t *li = d->toks[s->t0].lex;
    char buf[256];
    size_t n;
    fold_toks(d, s->t0, s->t1, buf, sizeof buf, &n);
    li = lexicon_lookup(d->lex, buf, n);
    if (!li)
        return;
    bool capital = (li->cls & LEX_CAPITAL) && !(li->cls & LEX_COUNTRY);
    if (capital && lone && (verb_follows(d, s->t1) || according_to_before(d, s->t0) ||
                            said_before(d, s->t0, s->t1))) {
        /* "Kyiv denied ...": the capital speaks for its country's government */
        int e = annot_country_entity(d, li->place);
        char *name = tok_text(d, s->t0, s->t1);
        add_alias(d, e, name);
        free(name);
        add_mention(d, e, s->t0, s->t1);
        return;
    }
    int e = annot_find_name(d, buf, n);
    if (e < 0) {
        if (capital) {
            e = upsert(d, KIND_PLACE, s->t0, s->t1, true);
            if (e >= 0)
                annot_entx(d, e)->place = li->place;
            return;
        }
        e = annot_country_entity(d, li->place);
        char *name = tok_text(d, s->t0, s->t1);
        if (strcmp(name, d->a->entities[e].name) != 0)
            add_alias(d, e, name);
        free(name);
    }
    add_mention(d, e, s->t0, s->t1);
}

/* Sentence-initial for capitalisation: the first word of a sentence or
** of a quote. */
static bool initial(const doc_t *d, uint32_t t)
{
    if (d->toks[t].flags & TF_SSTART)
        return true;
    if (t == 0)
        return true;
    const tok_t *p = &d->toks[t - 1];
    return (p->flags & TF_QOPEN) || (!(p->flags & TF_WORD) && (p->cp == ':' || p->cp == '(' ||
                                                               p->cp == 0x2014));
}

/* "Quellen flatly denied ...", "Marovia has accused ...": an unlisted
** word opening a sentence and doing the reporting is a name (a country
** or body speaks), not a capitalised common noun.  Plurals ("Officials
** said") and listed words are left alone. */
static bool subject_of_report(const doc_t *d, uint32_t t0, uint32_t t1)
{
    const char *f = tok_fold(d, t0);
    size_t n = strlen(f);
    if (d->toks[t0].lex || n < 3 || f[n - 1] == 's' || (d->toks[t0].flags & TF_POSS))
        return false;
    uint32_t v = t1;
    for (int skip = 0; skip < 2 && v < d->ntoks; skip++) {
        const char *w = tok_fold(d, v);
        size_t wl = strlen(w);
        if (!(d->toks[v].flags & TF_WORD) || (d->toks[v].flags & TF_CAP))
            return false;
        if (!(tok_cls(d, v) & LEX_REPORT) &&
            (strcmp(w, "has") == 0 || strcmp(w, "have") == 0 || strcmp(w, "had") == 0 ||
             (wl > 4 && strcmp(w + wl - 2, "ly") == 0))) {
            v++;
            continue;
        }
        break;
    }
    return v < d->ntoks && d->toks[v].sent == d->toks[t0].sent && (d->toks[v].flags & TF_WORD) &&
        !(d->toks[v].flags & TF_CAP) && (tok_cls(d, v) & LEX_REPORT);
}

/* ", the Ostravan capital", ", Ostrava's capital", ", the capital of
** Ostrava" after tokens ending at t1: the text says the name is a
** country's capital, so it is a place (and speaks for that country;
** annot_relations.c). */
static bool capital_apposed(const doc_t *d, uint32_t t1)
{
    if (!tok_punct(d, t1, ','))
        return false;
    uint32_t u = t1 + 1;
    if (tok_is(d, u, "the"))
        u++;
    if (tok_is(d, u, "capital"))
        return tok_is(d, u + 1, "of");
    return u + 1 < d->ntoks && (d->toks[u].flags & TF_CAP) && tok_is(d, u + 1, "capital");
}

/* Shaped like a people's adjective ("Ostravan", "Belwickish"), known
** or not. */
static bool adjective_shaped(const doc_t *d, uint32_t t)
{
    const char *f = tok_fold(d, t);
    size_t n = strlen(f);
    return n >= 6 && (strcmp(f + n - 2, "an") == 0 || strcmp(f + n - 3, "ese") == 0 ||
                      strcmp(f + n - 3, "ish") == 0);
}

/* "Kalvanian", "Tarvenese": an adjective of a people, listed or not. */
static bool demonym_like(doc_t *d, uint32_t t)
{
    if (tok_cls(d, t) & LEX_DEMONYM)
        return true;
    const char *f = tok_fold(d, t);
    size_t n = strlen(f);
    if (n < 6)
        return false;
    if (strcmp(f + n - 3, "ian") == 0 || strcmp(f + n - 3, "ean") == 0 ||
        strcmp(f + n - 3, "ese") == 0)
        return true;
    /* "Velmoran" beside "Velmora": an -an, -i or -ish word whose first
    ** five letters begin a shorter capitalised word of the text */
    if (strcmp(f + n - 2, "an") == 0 || strcmp(f + n - 3, "ish") == 0 || f[n - 1] == 'i') {
        char key[8];
        int have = annot_find_name(d, key, annot_name_key(key, sizeof key, NK_CAP_STEM, f, 5));
        int shortest = have >= 0 ? have & 0xffff : -1;
        return shortest >= 5 && (size_t)shortest < n;
    }
    return false;
}

static bool after_locative(const doc_t *d, uint32_t a)
{
    static const char *const w[] = {"in", "at", "near", "outside", "across", "inside",
                                    "from", "to", "into", "towards", "toward", "of", "via",
                                    "through", "around", "between", NULL};
    if (a == 0 || (d->toks[a - 1].flags & TF_CAP) || d->toks[a - 1].sent != d->toks[a].sent)
        return false;
    for (int i = 0; w[i]; i++)
        if (tok_is(d, a - 1, w[i]))
            return true;
    return false;
}

/* "Its captain, Ansel Rourke, said", "the ministry's spokesman, Ivo
** Drozd,": a role, a comma, then the name. */
static bool role_before(const doc_t *d, uint32_t t0)
{
    if (t0 < 2 || !tok_punct(d, t0 - 1, ',') || d->toks[t0 - 2].sent != d->toks[t0].sent)
        return false;
    uint32_t r = t0 - 2;
    if ((d->toks[r].flags & TF_WORD) && !(d->toks[r].flags & TF_CAP) &&
        (tok_cls(d, r) & LEX_TITLE) && d->toks[r].q == d->toks[t0].q)
        return true;
    /* "A resident of Dressa, Mila Hora,", "one of the nurses, Ada Lenk,":
    ** a noun for a person opening the phrase before the comma */
    static const char *const people[] = {
        "resident", "woman", "man", "farmer", "witness", "survivor", "mother", "father",
        "teacher", "student", "worker", "nurse", "doctor", "driver", "owner", "neighbour",
        "neighbor", "villager", "fisherman", "shopkeeper", "lawyer", "pensioner", "activist",
        "volunteer", "passenger", "wife", "husband", "son", "daughter", "widow", "boy", "girl",
        "nurses", "residents", "workers", "doctors", "farmers", "one", NULL};
    for (uint32_t b = r; b > 0 && r - b < 6 && d->toks[b].sent == d->toks[t0].sent; b--) {
        const tok_t *k = &d->toks[b];
        if (!(k->flags & TF_WORD) || k->q != d->toks[t0].q ||
            ((tok_cls(d, b) & LEX_REPORT) && !(k->flags & TF_CAP)))
            return false;
        if (k->flags & TF_CAP)
            continue;
        for (int i = 0; people[i]; i++)
            if (tok_is(d, b, people[i]))
                return tok_is(d, b - 1, "a") || tok_is(d, b - 1, "an") ||
                    tok_is(d, b - 1, "the") || tok_is(d, b - 1, "one") ||
                    (tok_is(d, b, "one") && tok_is(d, b + 1, "of"));
    }
    return false;
}

/* "Maja Henning and Elias Roos": a name joined by "and" to a person. */
static bool coordinated_person(const doc_t *d, uint32_t t0)
{
    if (t0 < 2 || !tok_is(d, t0 - 1, "and"))
        return false;
    const tok_t *p = &d->toks[t0 - 2];
    return p->ent >= 0 && d->a->entities[p->ent].kind == KIND_PERSON;
}

/* "Teo Varga, 26,": an age after a name. */
static bool age_after(const doc_t *d, uint32_t t1)
{
    if (!tok_punct(d, t1, ',') || t1 + 1 >= d->ntoks)
        return false;
    const tok_t *k = &d->toks[t1 + 1];
    return (k->flags & TF_DIGIT) && k->end - k->start <= 3 && k->sent == d->toks[t1].sent;
}

/* "Vestria's prime minister", "Maravia's army": the owner of a role or an
** institution is a country or city. */
static bool owns_role(doc_t *d, uint32_t t)
{
    if (!(d->toks[t].flags & TF_POSS) || t + 1 >= d->ntoks)
        return false;
    uint32_t n = t + 1;
    if (demonym_like(d, n) || (tok_cls(d, n) & LEX_STOP))
        return false;
    for (int i = 0; i < 3 && n < d->ntoks && (d->toks[n].flags & TF_WORD); i++, n++)
        if (tok_cls(d, n) & (LEX_TITLE | LEX_ORG))
            return !(d->toks[n].flags & TF_CAP) || i == 0;
    return false;
}

/* A segment of plain name words [t0,t1) of the run starting at a. */
static bool lone_speaker(doc_t *d, uint32_t t0, uint32_t t1)
{
    if (!subject_of_report(d, t0, t1))
        return false;
    /* ... and speaks in quote marks: '"...," Holm said', 'Holm said:
    ** "..."'.  A lone name that reports in indirect speech ("Rostal said
    ** the images proved nothing", "Varn denied that ...") is as often a
    ** capital speaking for its country, and stays a place. */
    bool quoted = t0 > 0 && (d->toks[t0 - 1].flags & TF_QCLOSE);
    if (!quoted && t0 > 1 && tok_punct(d, t0 - 1, ',') && (d->toks[t0 - 2].flags & TF_QCLOSE))
        quoted = true;
    for (uint32_t v = t1; !quoted && v < t1 + 4 && v + 1 < d->ntoks; v++) {
        if (!(tok_cls(d, v) & LEX_REPORT))
            continue;
        uint32_t n = v + 1;
        if (tok_punct(d, n, ':') || tok_punct(d, n, ','))
            n++;
        quoted = n < d->ntoks && (d->toks[n].flags & TF_QOPEN);
        break;
    }
    if (!quoted)
        return false;
    const char *f = tok_fold(d, t0);
    size_t fl = strlen(f);
    char key[260];
    if (annot_find_name(d, key, annot_name_key(key, sizeof key, NK_AFTER_LOC, f, fl)) >= 0)
        return false;
    if (fl >= 5) {
        int have = annot_find_name(d, key, annot_name_key(key, sizeof key, NK_CAP_STEM, f, 5));
        int longest = have >= 0 ? have >> 16 : -1;
        if (longest > (int)fl)
            return false;          /* "Kalvany" beside "Kalvanian" */
    }
    static const char *const ends[] = {"ia", "land", "stan", "burg", "grad", NULL};
    for (int i = 0; ends[i]; i++) {
        size_t el = strlen(ends[i]);
        if (fl > el + 2 && strcmp(f + fl - el, ends[i]) == 0)
            return false;
    }
    return true;
}

/* "Mr", "Mrs.", "Dr": a form of address (process_run drops it from the
** run as a stop word) says that the name after it is a person's. */
static bool honorific(const doc_t *d, uint32_t t)
{
    static const char *const h[] = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.",
                                    "miss", "dr", "dr.", "prof", "prof.", "sir", "dame",
                                    "mme", "mme.", NULL};
    return t < d->ntoks && (d->toks[t].flags & TF_CAP) && tok_in(d, t, h);
}

static bool honorific_before(const doc_t *d, uint32_t t0)
{
    return t0 > 0 && d->toks[t0 - 1].sent == d->toks[t0].sent && honorific(d, t0 - 1);
}

/* "Piet Vandersloot's lawyer", "Mr Vandersloot's wife", "James's
** brother": a possessive says nothing of what owns, so the evidence
** that makes [t0,t1) a person's name is sought elsewhere: a given name
** first, a form of address before it, its last word already a person's,
** or that word standing after a form of address or a given name anywhere
** in the text (prescan's NK_PERSON_LAST keys), before or after it. */
static bool person_possessive(doc_t *d, uint32_t t0, uint32_t t1)
{
    if (!(d->toks[t1 - 1].flags & TF_POSS))
        return false;
    if ((tok_cls(d, t0) & LEX_GIVEN) || honorific_before(d, t0))
        return true;
    const char *f = tok_fold(d, t1 - 1);
    size_t fl = strlen(f);
    char key[260];
    int e = annot_find_name(d, f, fl);
    if (e < 0)
        e = annot_find_name(d, key, annot_name_key(key, sizeof key, NK_SHORT, f, fl));
    if (e >= 0 && d->a->entities[e].kind == KIND_PERSON)
        return true;
    return annot_find_name(d, key, annot_name_key(key, sizeof key, NK_PERSON_LAST, f, fl)) >= 0;
}

/* "Rivermark Hydro", "Harrow Ltd", "Nordfisk AS": the last word of a
** firm's name that org_words.txt leaves out, being a common noun
** elsewhere ("hydro", "gas"), a suffix ("Ltd" without its dot) or an
** acronym. */
static bool firm_word(const doc_t *d, uint32_t t)
{
    static const char *const w[] = {
        "ltd", "plc", "llc", "llp", "inc", "corp", "co", "co.", "gmbh", "holdings", "partners", "systems", "securities", "industries",
        "energy", "hydro", "marine", "construction", "shipping", "logistics", "mining",
        "coal", "gas", "oil", "power", "motors", "pharma", "pharmaceuticals", "telecom",
        "media", "capital", "investments", "technologies", "labs", "foods", "steel",
        "chemicals", "rail", "transport", "water", "electric", "insurance", "finance",
        "ventures", "solutions", "services", "developments", "properties", "engineering",
        "aviation", "freight", "dairy", "dairies", "farms", "resources", "wire", "watch", "united",
        "athletic", "rovers", "rangers", "wanderers", "albion", "city", "town", NULL};
    return (d->toks[t].flags & TF_ALLCAP) || tok_in(d, t, w);
}

/* "Piet Vandersloot said ...", "“...,” Piet Vandersloot said": two or
** three plain words met for the first time, opening a sentence (or
** following a quote) and doing the reporting, are a person's name.  A
** body that speaks there has mostly been named before with a cue ("a
** group calling itself Grey Lynx claimed", "the operator, Saltmarsh
** Ferries,"), or carries one the rules above see (an organisation word,
** "the" before it, an owner's possessive) or firm_word does. */
static bool speaker_opens(doc_t *d, uint32_t t0, uint32_t t1)
{
    /* "Black Meridian", "Free Greens", "New Dawn": adjectives that open
    ** the names of groups and parties, seldom a person's given name */
    static const char *const group_adj[] = {
        "black", "white", "red", "green", "blue", "grey", "gray", "golden", "silver", "iron",
        "free", "new", "true", "open", "clean", "safe", "fair", "civic", "popular", "sacred",
        "holy", "first", "last", "young", "old", "great", "little", "royal", "global", NULL};
    if (t1 - t0 > 3 || d->toks[t0].q >= 0 || demonym_like(d, t0) || firm_word(d, t1 - 1) ||
        tok_in(d, t0, group_adj))
        return false;
    bool opens = initial(d, t0);
    if (!opens && t0 > 0) {
        uint32_t p = t0 - 1;
        if (tok_punct(d, p, ',') && p > 0)
            p--;
        opens = (d->toks[p].flags & TF_QCLOSE) != 0;
    }
    if (!opens)
        return false;
    for (uint32_t u = t0; u < t1; u++)
        if (!(d->toks[u].flags & TF_WORD) || d->toks[u].end - d->toks[u].start < 2 ||
            (d->toks[u].flags & (TF_ALLCAP | TF_POSS)) || d->toks[u].lex)
            return false;
    /* "Korvel Terminals": a plural last word is a common noun's more
    ** often than a surname's */
    const char *lw = tok_fold(d, t1 - 1);
    size_t lwl = strlen(lw);
    if (lwl > 3 && lw[lwl - 1] == 's')
        return false;
    /* "Halvard Dairy said ... the Halvard plant": a first word the text
    ** also uses on its own is a brand's or a place's, not a given name */
    const char *fw = tok_fold(d, t0);
    size_t fwl = strlen(fw);
    char key[260];
    if (annot_find_name(d, key, annot_name_key(key, sizeof key, NK_ALONE, fw, fwl)) >= 0)
        return false;
    char buf[512];
    size_t n;
    fold_toks(d, t0, t1, buf, sizeof buf, &n);
    return n && annot_find_name(d, buf, n) < 0 && verb_follows(d, t1);
}

static void name_seg(doc_t *d, uint32_t t0, uint32_t t1, uint32_t a, bool title,
                     uint32_t tt0, uint32_t tt1)
{
    if (t1 - t0 == 1 && (d->toks[t0].flags & TF_ALLCAP) && !title &&
        d->toks[t0].end - d->toks[t0].start <= 6) {
        upsert(d, KIND_ORGANIZATION, t0, t1, true);     /* an acronym */
        return;
    }
    /* "Liberty Square", "Kolve Stadium": a place word last; first, only
    ** the words that begin place names ("Upper Tamlin", "Port Selm"), not
    ** "Sea Lantern", a charity */
    static const char *const lead[] = {"upper", "lower", "north", "south", "east", "west",
                                       "northern", "southern", "eastern", "western", "central",
                                       "mount", "port", "lake", "cape", "fort", NULL};
    bool placew = (tok_cls(d, t1 - 1) & LEX_PLACEW) != 0;
    for (int i = 0; lead[i] && !placew; i++)
        placew = tok_is(d, t0, lead[i]);
    if (title) {
        int p = person(d, t0, t1, true);
        set_title(d, p, tt0, tt1);
        return;
    }
    if (!placew && (honorific_before(d, t0) || person_possessive(d, t0, t1))) {
        person(d, t0, t1, true);
        return;
    }
    if (t1 - t0 >= 2) {
        uint32_t tt = 0;
        /* "the Social Democrats", "the Free Greens": people's names take
        ** no article and no plural */
        const char *lw = tok_fold(d, t1 - 1);
        size_t lwl = strlen(lw);
        if (t0 > 0 && tok_is(d, t0 - 1, "the") && lwl > 3 && lw[lwl - 1] == 's' &&
            lw[lwl - 2] != 's' && !(tok_cls(d, t0) & LEX_GIVEN) && !placew) {
            upsert(d, KIND_ORGANIZATION, t0, t1, true);
            return;
        }
        if ((tok_cls(d, t0) & LEX_GIVEN) || apposition(d, t1, &tt) || role_before(d, t0) ||
            coordinated_person(d, t0) || said_before(d, t0, t1) || age_after(d, t1) ||
            (tok_punct(d, t1, ',') && (tok_is(d, t1 + 1, "who") || tok_is(d, t1 + 1, "whose")) &&
             !(t0 > 0 && tok_is(d, t0 - 1, "the")))) {   /* "the Social Democrats, who" */
            person(d, t0, t1, true);
            return;
        }
        /* "Harbour Watch, a group that tracks shipping": the apposed noun
        ** says what it is, whatever its words suggest */
        if (tok_punct(d, t1, ',') && (tok_is(d, t1 + 1, "a") || tok_is(d, t1 + 1, "an")) &&
            t1 + 2 < d->ntoks && !(d->toks[t1 + 2].flags & TF_CAP) &&
            ((tok_cls(d, t1 + 2) & LEX_ORG) ||
             (t1 + 3 < d->ntoks && !(d->toks[t1 + 3].flags & TF_CAP) &&
              (tok_cls(d, t1 + 3) & LEX_ORG) && !(tok_cls(d, t1 + 3) & LEX_TITLE)))) {
            upsert(d, KIND_ORGANIZATION, t0, t1, true);
            return;
        }
        if (placew || (t0 == a && after_locative(d, a))) {
            upsert(d, KIND_PLACE, t0, t1, true);
            return;
        }
        /* A name joined by "of" or holding a possessive ("Lloyd's of
        ** London", "Children's Hospital of Kessel", "Sons of the Ridge")
        ** is no person's, and its last word is often a place: taken as a
        ** short form, "London's mayor" and "In London" would be the
        ** firm's. */
        bool person_shaped = true;
        for (uint32_t u = t0; u < t1 && person_shaped; u++)
            person_shaped = !poss_word(d, u) && !tok_is(d, u, "of") && !tok_is(d, u, "for") &&
                !tok_is(d, u, "the") && !tok_is(d, u, "and");
        bool said_org = t0 > 0 && (d->toks[t0 - 1].flags & TF_WORD) &&
            !(d->toks[t0 - 1].flags & TF_CAP) && (tok_cls(d, t0 - 1) & LEX_ORG);
        if (person_shaped && !said_org && speaker_opens(d, t0, t1)) {
            person(d, t0, t1, true);
            return;
        }
        /* Two capitalised words with no sign of a person: most often a
        ** company, party or group.  Later evidence may make it a person.
        ** "the militant group Black Meridian": the word before says so,
        ** and "the group" later means it. */
        int e = upsert(d, KIND_ORGANIZATION, t0, t1, true);
        if (e >= 0 && said_org && !annot_entx(d, e)->title)
            set_title(d, e, t0 - 1, t0);
        if (e >= 0 && !said_org && person_shaped && (size_t)e >= d->first_new_entity &&
            d->a->entities[e].nmentions == 1) {
            annot_entx(d, e)->tentative = true;
            add_short_form(d, d->a->entities[e].name, e);
        }
        return;
    }
    /* one word */
    char key[260];
    const char *f = tok_fold(d, t0);
    size_t fl = strlen(f);
    int known = annot_find_name(d, f, fl);
    if (known < 0)
        known = annot_find_name(d, key, annot_name_key(key, sizeof key, NK_SHORT, f, fl));
    /* "a rally in Ostvik, the opposition leader, ...": after "in" or "at"
    ** a lone name is where something happens, whatever role follows */
    bool where = t0 > 0 && d->toks[t0 - 1].sent == d->toks[t0].sent &&
        (tok_is(d, t0 - 1, "in") || tok_is(d, t0 - 1, "at") || tok_is(d, t0 - 1, "near"));
    /* "Officials in Lund said", in a text that names Interior Minister
    ** Sofia Lund: after "in" a lone name is where something is, a place
    ** that shares her surname, not her ("Lund's plan" and "Lund said"
    ** stay hers), unless it is what one has trust in ("confidence in
    ** Lund"); "at" and "near" take people too ("shouted at Lund") */
    static const char *const trust[] = {"confidence", "trust", "faith", "belief", "hope",
                                        "hopes", "interest", "pride", NULL};
    if (known >= 0 && d->a->entities[known].kind == KIND_PERSON && t0 > 0 &&
        d->toks[t0 - 1].sent == d->toks[t0].sent && tok_is(d, t0 - 1, "in") &&
        (t0 < 2 || !tok_in(d, t0 - 2, trust)) && !(d->toks[t0].flags & TF_POSS)) {
        place_apart(d, t0, t1);
        return;
    }
    /* ... and the other way round: the place met first ("Officials in
    ** Lund said"), then Interior Minister Sofia Lund; "Lund said" is she
    ** who speaks, not the place */
    if (known >= 0 && d->a->entities[known].kind == KIND_PLACE && verb_follows(d, t1)) {
        int p = annot_find_name(d, key, annot_name_key(key, sizeof key, NK_SHORT, f, fl));
        if (p >= 0 && p != known && d->a->entities[p].kind == KIND_PERSON) {
            add_mention(d, p, t0, t1);
            if ((size_t)p >= d->first_new_entity) {
                char *form = tok_text(d, t0, t1);
                if (!has_alias(&d->a->entities[p], form))
                    entity_add_alias(&d->a->entities[p], form);
                free(form);
            }
            return;
        }
    }
    if (known >= 0) {
        person(d, t0, t1, false);      /* joins whatever it names */
        return;
    }
    uint32_t tt = 0;
    if ((apposition(d, t1, &tt) && (tok_cls(d, tt) & LEX_TITLE) && !where) ||
        role_before(d, t0)) {
        person(d, t0, t1, true);
        return;
    }
    if (demonym_like(d, t0) || (tok_cls(d, t0) & (LEX_PLACEW | LEX_ORG | LEX_REPORT)))
        return;
    /* "the Ostravan army": an adjective before its noun names nothing */
    if (t0 > 0 && (tok_is(d, t0 - 1, "the") || tok_is(d, t0 - 1, "from") ||
                   tok_is(d, t0 - 1, "a") || tok_is(d, t0 - 1, "an")) &&
        adjective_shaped(d, t0) && t1 < d->ntoks &&
        (d->toks[t1].flags & TF_WORD) && !(d->toks[t1].flags & TF_CAP) &&
        !(tok_cls(d, t1) & (LEX_REPORT | LEX_FUNC | LEX_STOP)) && !tok_is(d, t1, "government") &&
        !tok_is(d, t1, "authorities") && !tok_is(d, t1, "officials"))
        return;     /* (but "the Ostravan government" speaks for a country) */
    if (initial(d, t0) && !owns_role(d, t0)) {
        /* A capitalised first word is a name only when the text also
        ** capitalises it elsewhere. */
        if (annot_find_name(d, key, annot_name_key(key, sizeof key, NK_CAPPED, f, fl)) < 0 &&
            !subject_of_report(d, t0, t1) &&
            !capital_apposed(d, t1))
            return;
    }
    /* "told Reuters": the one told is a news outlet or a body, not a place */
    if (t0 > 0 && (strncmp(tok_fold(d, t0 - 1), "told", 4) == 0 ||
                   strncmp(tok_fold(d, t0 - 1), "tell", 4) == 0)) {
        upsert(d, KIND_ORGANIZATION, t0, t1, true);
        return;
    }
    /* "Holm said: ..." with no full name before: the one who speaks is
    ** a person, unless the text says the word is a place (it stands after
    ** "in" or "from" somewhere, a people's adjective shares its stem,
    ** it ends like a country) */
    if (lone_speaker(d, t0, t1)) {
        person(d, t0, t1, true);
        return;
    }
    /* A lone unknown name in running text: in news, a place far more
    ** often than not (people are introduced by full name first).  Named
    ** by a possessive only, it may yet turn out a person's surname
    ** (upsert). */
    int e = upsert(d, KIND_PLACE, t0, t1, true);
    /* ... and a headline names people by surname before the story
    ** introduces them ("Lind calls plan ...", then "Housing Minister
    ** Petra Lind") */
    if (e >= 0 && (size_t)e >= d->first_new_entity && d->a->entities[e].nmentions == 1 &&
        ((d->toks[t1 - 1].flags & TF_POSS) || t1 <= d->headline_end))
        annot_entx(d, e)->poss_guess = true;
}

/* "Local council approves new bus route": a capitalised first word,
** capitalised nowhere else in the text, opens a sentence or a headline;
** it does not name the body its noun refers to. */
static bool headline_word(doc_t *d, uint32_t t)
{
    if (!initial(d, t))
        return false;
    const char *f = tok_fold(d, t);
    size_t fl = strlen(f);
    char key[260];
    return annot_find_name(d, key, annot_name_key(key, sizeof key, NK_CAPPED, f, fl)) < 0;
}

/* Does token t end in a possessive that absorb_possessive took into it
** ("Lloyd's")?  Folding made its apostrophe ASCII. */
static bool poss_word(const doc_t *d, uint32_t t)
{
    const char *f = tok_fold(d, t);
    size_t n = strlen(f);
    return n > 2 && f[n - 2] == '\'' && f[n - 1] == 's';
}

bool annot_people_plural(const doc_t *d, uint32_t t)
{
    static const char *const w[] = {
        "residents", "villagers", "workers", "officials", "parents", "farmers", "nurses",
        "doctors", "teachers", "students", "pupils", "families", "protesters", "protestors",
        "fishermen", "miners", "passengers", "witnesses", "survivors", "relatives",
        "shopkeepers", "traders", "employees", "staff", "patients", "voters", "tenants",
        "soldiers", "refugees", "locals", "neighbours", "neighbors", "activists",
        "volunteers", "investigators", "prosecutors", "experts", "analysts", "lawmakers",
        "diplomats", "rescuers", "firefighters", "engineers", "scientists", "researchers",
        "campaigners", "members", "lawyers", "owners", "drivers", "sailors", "crews",
        "citizens", "inhabitants", "people", "supporters", "opponents", "critics", "leaders",
        "delegates", "mourners", "commuters", "homeowners", "landlords", "retailers",
        "customers", "users", "visitors", "tourists", "spectators", "fans", "players",
        "pensioners", "victims", "hostages", "prisoners", "detainees", "migrants",
        "officers", "managers", "executives", "directors", "ministers",
        "senators", "councillors", "mps", "judges", "jurors", "medics", "paramedics",
        NULL};
    return !(d->toks[t].flags & (TF_ALLCAP | TF_POSS)) && tok_in(d, t, w);
}

static void process_run(doc_t *d, uint32_t a, uint32_t b)
{
    uint32_t a_orig = a;
    /* leading sentence openers, months and the like are not names */
    while (a < b && (tok_cls(d, a) & LEX_STOP) && !(d->toks[a].flags & TF_ALLCAP))
        a++;
    /* "Residents of Hallowmere said": a plural noun for people opening
    ** a sentence is capitalised for that alone, and what follows "of" is
    ** the name (here a place); the residents are no body.  Not when an
    ** organisation word makes the whole run one name ("Residents of
    ** Maldry Action Group"), nor inside a sentence, where only a name
    ** would capitalise it. */
    if (a + 1 < b && (d->toks[a].flags & TF_CAP) && initial(d, a) && annot_people_plural(d, a) &&
        is_connector(d, a + 1)) {
        bool org = false;
        for (uint32_t t = a + 1; t < b && !org; t++)
            org = (tok_cls(d, t) & LEX_ORG) != 0;
        if (!org) {
            a++;
            while (a < b && is_connector(d, a))
                a++;
        }
    }
    while (b > a && is_connector(d, b - 1))
        b--;
    if (a >= b)
        return;
    /* “The Long Table”: a name that fills a whole quote is a title */
    {
        uint32_t q0 = a_orig;
        while (q0 > 0 && (tok_cls(d, q0 - 1) & LEX_STOP) && d->toks[q0 - 1].q >= 0)
            q0--;
        if (q0 > 0 && (d->toks[q0 - 1].flags & TF_QOPEN) && b < d->ntoks &&
            (d->toks[b].flags & TF_QCLOSE))
            return;
    }
    seg_t segs[32];
    size_t ns = segment(d, a, b, segs, 32);
    if (ns == 32)
        return;
    /* "the Black Crescent group": a lower-case organisation word after the
    ** run makes the run an organisation */
    if (b < d->ntoks && !(d->toks[b - 1].flags & TF_POSS) && !demonym_like(d, a) &&
        !(b == a + 1 && adjective_shaped(d, a)) && !(b == a + 1 && headline_word(d, a)) &&
        (d->toks[b].flags & TF_WORD) && !(d->toks[b].flags & TF_CAP) &&
        (tok_cls(d, b) & LEX_ORG) && d->toks[b].sent == d->toks[a].sent && ns == 1 &&
        segs[0].kind == SEG_NAME) {
        int e = upsert(d, KIND_ORGANIZATION, a, b, true);
        if (e >= 0)
            acronym_alias(d, e, b);
        return;
    }
    /* An organisation word claims its neighbours up to a title. */
    int org = -1;
    for (size_t i = 0; i < ns; i++)
        if (segs[i].kind == SEG_NAME)
            for (uint32_t t = segs[i].t0; t < segs[i].t1; t++)
                if (tok_cls(d, t) & LEX_ORG)
                    org = (int)i;
    if (org >= 0) {
        size_t lo = (size_t)org, hi = (size_t)org + 1;
        /* leftwards only over names, places, demonyms and "and": an "of"
        ** or "the" marks where another name ends */
        while (lo > 0 && segs[lo - 1].kind != SEG_TITLE &&
               !(segs[lo - 1].kind == SEG_CONN && !tok_is(d, segs[lo - 1].t0, "and")))
            lo--;
        while (hi < ns && segs[hi].kind != SEG_TITLE) {
            /* "of Ukraine" continues; a second name after the org does not */
            if (segs[hi].kind == SEG_NAME && segs[hi - 1].kind != SEG_CONN)
                break;
            hi++;
        }
        while (lo < hi && segs[lo].kind == SEG_CONN)
            lo++;
        while (hi > lo && segs[hi - 1].kind == SEG_CONN)
            hi--;
        uint32_t o0 = segs[lo].t0, o1 = segs[hi - 1].t1;
        /* "Pell Quist of the Joint Border Commission": Quist is a run of
        ** his own (recursion is bounded: the left part has no org word
        ** after this cut, or a shorter one) */
        if (lo > 0 && segs[lo - 1].kind == SEG_CONN) {
            size_t k = lo;
            while (k > 0 && segs[k - 1].kind == SEG_CONN)
                k--;
            if (k > 0 && segs[k - 1].kind != SEG_TITLE) {
                process_run(d, segs[0].t0, segs[k - 1].t1);
            }
        }
        /* "Police", "Federation" alone are common nouns, not names */
        if (o1 - o0 > 1 || (d->toks[o0].flags & TF_ALLCAP)) {
            int e = upsert(d, KIND_ORGANIZATION, o0, o1, true);
            if (e >= 0) {
                acronym_alias(d, e, o1);
                org_short_form(d, e, o0, o1);
            }
        }
        /* a title, then a name, after the organisation: its officer */
        bool title_before = lo > 0 && segs[lo - 1].kind == SEG_TITLE;
        size_t k = hi;
        bool title_after = false;
        uint32_t tt0 = 0, tt1 = 0;
        if (k < ns && segs[k].kind == SEG_TITLE) {
            title_after = true;
            tt0 = segs[k].t0, tt1 = segs[k].t1;
            k++;
        }
        if (k < ns && segs[k].kind == SEG_NAME && (title_before || title_after)) {
            int p = person(d, segs[k].t0, segs[k].t1, true);
            if (title_after)
                set_title(d, p, tt0, tt1);
            else
                set_title(d, p, segs[lo - 1].t0, segs[lo - 1].t1);
        }
        return;
    }
    /* "Sons of the Ridge": names joined by "of" (not after a given name:
    ** "Ana Rossi of Dravia" is two names) are one name; so is a firm's
    ** possessive with its place ("Lloyd's of London"). */
    for (size_t i = 0; i + 2 < ns; i++) {
        if (segs[i].kind != SEG_NAME || (tok_cls(d, segs[i].t0) & LEX_GIVEN) ||
            segs[i + 1].kind != SEG_CONN || !tok_is(d, segs[i + 1].t0, "of"))
            continue;
        size_t j = i + 2;
        if (j < ns && segs[j].kind == SEG_CONN && tok_is(d, segs[j].t0, "the"))
            j++;
        if (j >= ns || !(segs[j].kind == SEG_NAME ||
                         (segs[j].kind == SEG_PLACE && poss_word(d, segs[i].t1 - 1))))
            continue;
        segs[i].t1 = segs[j].t1;
        memmove(&segs[i + 1], &segs[j + 1], (ns - j - 1) * sizeof *segs);
        ns -= j - i;
    }
    /* No organisation word: walk the segments. */
    bool title = a > 0 && (tok_cls(d, a - 1) & LEX_TITLE) && !(d->toks[a - 1].flags & TF_CAP) &&
        d->toks[a - 1].sent == d->toks[a].sent;
    uint32_t tt0 = title ? a - 1 : 0, tt1 = title ? a : 0;
    for (size_t i = 0; i < ns; i++) {
        seg_t *s = &segs[i];
        switch (s->kind) {
        case SEG_TITLE:
            title = true;
            tt0 = s->t0, tt1 = s->t1;
            break;
        case SEG_DEMONYM:
        case SEG_CONN:
            break;
        case SEG_PLACE:
            /* "Jordan Peterson": a place word starting a longer name is a
            ** name; after a title too when it is a given name or the title
            ** is right before it ("Interior Minister Sofia Lund"), not in
            ** "the Minister of Austria Hans Berg" */
            if (i + 1 < ns && segs[i + 1].kind == SEG_NAME &&
                (!title || (i > 0 && segs[i - 1].kind == SEG_TITLE) ||
                 (tok_cls(d, s->t0) & LEX_GIVEN))) {
                segs[i + 1].t0 = s->t0;
                break;
            }
            place_seg(d, s, ns == 1);
            title = false;
            break;
        case SEG_NAME:
            /* "Health Minister Greta Holm": a portfolio, not a name */
            if (i + 1 < ns && segs[i + 1].kind == SEG_TITLE && !title &&
                !(d->toks[segs[i + 1].t0].flags & TF_DOT)) {
                char buf[256];
                size_t n;
                fold_toks(d, s->t0, s->t1, buf, sizeof buf, &n);
                if (annot_find_name(d, buf, n) < 0)
                    break;
            }
            name_seg(d, s->t0, s->t1, a, title, tt0, tt1);
            title = false;
            break;
        }
    }
}

static void register_existing(doc_t *d)
{
    for (size_t i = 0; i < d->a->nentities; i++) {
        entity_t *e = &d->a->entities[i];
        annot_entx(d, (int)i);
        if (e->name)
            add_name_str(d, e->name, (int)i);
        for (size_t k = 0; k < e->naliases; k++)
            add_name_str(d, e->aliases[k], (int)i);
        if (e->kind == KIND_PERSON && e->name)
            add_short_form(d, e->name, (int)i);
        /* Tokens under an existing mention belong to it already. */
        for (size_t m = 0; m < e->nmentions; m++) {
            span_t s = e->mentions[m];
            size_t lo = 0, hi = d->ntoks;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (d->toks[mid].end <= (uint64_t)s.start)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            bool first = true;
            for (size_t t = lo; t < d->ntoks && d->toks[t].start < (uint64_t)s.end; t++) {
                if (first) {
                    grow_array((void **)&d->ments, &d->capments, d->nments + 1,
                               sizeof *d->ments);
                    ment_t *mm = &d->ments[d->nments++];
                    mm->t0 = (uint32_t)t;
                    mm->t1 = (uint32_t)t + 1;
                    mm->ent = (int)i;
                    mm->appos_end = mm->t1;
                    mm->in_quote = d->toks[t].q >= 0;
                    first = false;
                } else {
                    d->ments[d->nments - 1].t1 = (uint32_t)t + 1;
                    d->ments[d->nments - 1].appos_end = (uint32_t)t + 1;
                }
                d->toks[t].ent = (int32_t)i;
                d->toks[t].ment = (int32_t)d->nments - 1;
            }
        }
    }
}

static int cmp_ment(const void *x, const void *y)
{
    const ment_t *a = x, *b = y;
    return a->t0 < b->t0 ? -1 : a->t0 > b->t0;
}

/* Which words does the text capitalise in running text (not first in a
** sentence)?  Registered as NK_CAPPED "word" so that a sentence-initial
** word is taken as a name only when the text capitalises it elsewhere
** too. */
/* Is token t, a capitalised word, followed by the number that makes it
** one of a series: "Pier 7", "Gate 12", "Bridge 4", "the Ember 3
** heater"?  Then the word alone names nothing (a pier, a gate), and the
** name is the two together.  Not a year ("Paris 2024"), a date's day
** ("May 4": months are stop words), nor a count that begins a quantity
** ("the National Unity Front 71% of the vote", "placed the Saraband
** Star 38 kilometres from the coast"). */
static bool designated(const doc_t *d, uint32_t t)
{
    const tok_t *k = &d->toks[t], *n = t + 1 < d->ntoks ? &d->toks[t + 1] : NULL;
    if (!n || (k->flags & (TF_WORD | TF_CAP)) != (TF_WORD | TF_CAP) ||
        (k->flags & (TF_POSS | TF_DOT | TF_DIGIT | TF_CAPTION)) || !(n->flags & TF_DIGIT) ||
        n->sent != k->sent || (tok_cls(d, t) & LEX_STOP))
        return false;
    const char *w = tok_fold(d, t + 1);
    size_t digits = 0;
    while (w[digits] >= '0' && w[digits] <= '9')
        digits++;
    if (digits == 0 || digits > 4 || strlen(w + digits) > 1 ||
        (digits == 4 && (w[0] == '1' || w[0] == '2')))
        return false;
    if (t + 2 >= d->ntoks || d->toks[t + 2].sent != k->sent)
        return true;
    const tok_t *x = &d->toks[t + 2];
    if (!(x->flags & TF_WORD))
        return x->cp != '%';
    static const char *const units[] = {"people", "percent", "per", "cent", "million",
                                        "billion", "thousand", "hundred", "dozen", NULL};
    if ((x->flags & TF_CAP) || (tok_cls(d, t + 2) & (LEX_STOP | LEX_FUNC | LEX_REPORT |
                                                       LEX_PRONOUN)))
        return true;
    /* "20 minutes", "38 kilometres": a plural after the number counts */
    const char *f = tok_fold(d, t + 2);
    size_t fl = strlen(f);
    return !tok_in(d, t + 2, units) && !(fl > 3 && f[fl - 1] == 's' && f[fl - 2] != 's');
}

/* The key NK_CAPPED "word number" ("bridge 9"): the text writes the
** word capitalised before that number where no sentence starts (filed by
** prescan; a single word's key holds no blank). */
static size_t designation_key(const doc_t *d, uint32_t t, char *key, size_t cap)
{
    char buf[256];
    int n = snprintf(buf, sizeof buf, "%s %s", tok_fold(d, t), tok_fold(d, t + 1));
    if (n <= 0 || (size_t)n >= sizeof buf)
        return 0;
    return annot_name_key(key, cap, NK_CAPPED, buf, (size_t)n);
}

/* The name [a, b) with the number at b that designates it: a place when
** its noun makes places ("Kolve Pier 7", "Gate 12"), a body when it
** speaks ("Channel 4 said"), else some other named thing (a product, a
** flight). */
static void designator_run(doc_t *d, uint32_t a, uint32_t b)
{
    while (a < b && (tok_cls(d, a) & LEX_STOP) && !(d->toks[a].flags & TF_ALLCAP))
        a++;
    if (a >= b)
        return;
    entity_kind_t kind = KIND_OTHER;
    if (tok_cls(d, b - 1) & LEX_PLACEW)
        kind = KIND_PLACE;
    else if (verb_follows(d, b + 1) || said_before(d, a, b + 1) || according_to_before(d, a))
        kind = KIND_ORGANIZATION;
    /* "Bridge 9 was closed": the capital of a sentence's first word is
    ** no sign of a name, so a place word there with its number is read
    ** as "bridge 9" would be, unless the text capitalises "Bridge 9"
    ** where no sentence starts too ("the collapse of Bridge 9") */
    char key[260];
    size_t kn;
    if (b - a == 1 && kind == KIND_PLACE && initial(d, a) &&
        ((kn = designation_key(d, a, key, sizeof key)) == 0 || annot_find_name(d, key, kn) < 0))
        return;
    upsert(d, kind, a, b + 1, true);
}

static void prescan(doc_t *d)
{
    static const char *const loc[] = {"in", "at", "from", "to", "near", "into", "across",
                                      "outside", "inside", "visited", NULL};
    for (uint32_t t = 0; t < d->ntoks; t++) {
        const tok_t *k = &d->toks[t];
        if ((k->flags & (TF_WORD | TF_CAP)) != (TF_WORD | TF_CAP) || (k->flags & TF_CAPTION))
            continue;
        char key[260];
        const char *f = tok_fold(d, t);
        size_t fl = strlen(f);
        /* NK_AFTER_LOC + word: the word stands somewhere after "in",
        ** "from", "at" ..., as a place does (read by lone_speaker) */
        const tok_t *p = t ? &d->toks[t - 1] : NULL;
        if (p && (p->flags & TF_WORD) && p->end - p->start <= 7) {
            bool is_loc = false;
            for (int i = 0; loc[i] && !is_loc; i++)
                is_loc = tok_is(d, t - 1, loc[i]);
            if (is_loc)
                annot_add_name(d, key, annot_name_key(key, sizeof key, NK_AFTER_LOC, f, fl), 0);
        }
        /* NK_PERSON_LAST + word: the last word of a name after a form of
        ** address or opening with a given name ("Mr Vandersloot", "Ana
        ** Rossi"), a person's wherever it stands (read by person_possessive) */
        if (honorific(d, t) || ((k->lex && (k->lex->cls & LEX_GIVEN)) && !(k->flags & TF_POSS))) {
            uint32_t u = t + 1, last = 0;
            for (; u < d->ntoks && u < t + 4 && d->toks[u].sent == k->sent &&
                   (d->toks[u].flags & (TF_WORD | TF_CAP)) == (TF_WORD | TF_CAP) &&
                   !(tok_cls(d, u) & (LEX_ORG | LEX_PLACEW | LEX_TITLE | LEX_STOP)); u++) {
                last = u;
                if (d->toks[u].flags & TF_POSS)
                    break;
            }
            const char *lf = last ? tok_fold(d, last) : "";
            size_t ll = strlen(lf);
            if (last)
                annot_add_name(d, key, annot_name_key(key, sizeof key, NK_PERSON_LAST, lf, ll), 0);
        }
        /* "Pier 7" capitalises the word for the number's sake: the
        ** headline's "Pier collapse" names no pier called Pier */
        if (!initial(d, t) && designated(d, t)) {
            size_t kn = designation_key(d, t, key, sizeof key);
            if (kn)
                annot_add_name(d, key, kn, 0);
        }
        if (initial(d, t) || designated(d, t))
            continue;
        annot_add_name(d, key, annot_name_key(key, sizeof key, NK_CAPPED, f, fl), 0);
        /* NK_ALONE + word: the word stands alone in running text, with no
        ** capitalised word beside it ("the Halvard plant"), as a place or
        ** a brand does and a given name seldom (read by speaker_opens) */
        if (!k->lex && fl >= 3 &&
            !(p && (p->flags & (TF_WORD | TF_CAP)) == (TF_WORD | TF_CAP) && p->sent == k->sent) &&
            !(t + 1 < d->ntoks &&
              (d->toks[t + 1].flags & (TF_WORD | TF_CAP)) == (TF_WORD | TF_CAP) &&
              d->toks[t + 1].sent == k->sent)) {
            annot_add_name(d, key, annot_name_key(key, sizeof key, NK_ALONE, f, fl), 0);
        }
        /* NK_CAP_STEM + five letters -> the shortest such word's length
        ** (low 16 bits) and the longest (high bits), so that "Velmoran" can see
        ** "Velmora" wherever it stands, and "Velmora" "Velmoran" */
        if (fl >= 5 && fl < 0x7fff && !k->lex) {
            size_t kl = annot_name_key(key, sizeof key, NK_CAP_STEM, f, 5);
            int have = annot_find_name(d, key, kl);
            if (have < 0) {
                annot_add_name(d, key, kl, (int)(fl | fl << 16));
            } else {
                size_t lo = (size_t)have & 0xffff, hi = (size_t)have >> 16;
                if (fl < lo || fl > hi)
                    set_name_value(d, key, kl,
                                   (int)((fl < lo ? fl : lo) | (fl > hi ? fl : hi) << 16));
            }
        }
    }
}

/* "the Kellport Fishermen's Union", "the People’s Alliance", "St Mary's
** Hospital": a possessive that belongs to a name, not an owner before
** one.  A body can be owned by a country, a city, a person or another
** body ("Marovia's National Guard", "Rossi's office"), and those stay
** two names; but a plural of people (the irregular ones that take 's:
** regular plurals take a bare apostrophe, which the run already keeps,
** "Farmers' Union") owns nothing by itself, and a saint's name after
** "St" is a place's or an institution's name.  When the possessive at
** token t is one of those and a capitalised word follows, the 's becomes
** part of the word, so that the name is one run, its text keeps the
** apostrophe as written, and the passes after this one see no owner
** (poss_word finds such a word again).  Returns whether it did. */
static bool absorb_possessive(doc_t *d, uint32_t t)
{
    static const char *const people[] = {
        "men", "women", "children", "people", "fishermen", "seamen", "servicemen",
        "servicewomen", "firemen", "policemen", "craftsmen", "tradesmen", "workmen",
        "workingmen", "sportsmen", "sportswomen", "clergymen", "linemen", "aldermen",
        "longshoremen", "watermen", "boatmen", "yeomen", "freemen", "journeymen",
        "businessmen", "businesswomen", "gentlemen", "countrymen", "kinsmen", NULL};
    tok_t *k = &d->toks[t];
    if (!(k->flags & TF_POSS) || !(k->flags & TF_CAP) || t + 1 >= d->ntoks)
        return false;
    /* "Lloyd's of London": an owner is followed by what it owns, never
    ** by "of", so there the possessive is a firm's name */
    uint32_t n = tok_is(d, t + 1, "of") ? t + 2 : t + 1;
    if (n >= d->ntoks || !name_word(d, n) || d->toks[n].sent != k->sent || d->toks[n].q != k->q)
        return false;
    bool saint = t > 0 && (d->toks[t - 1].flags & TF_CAP) && d->toks[t - 1].sent == k->sent &&
        (tok_is(d, t - 1, "st") || tok_is(d, t - 1, "st.") || tok_is(d, t - 1, "saint"));
    if (n == t + 1 && !saint && !tok_in(d, t, people))
        return false;
    /* the tokenizer cut exactly "'s" or "’s" off the word */
    uint32_t e = k->end + ((unsigned char)d->text[k->end] == '\'' ? 2 : 4);
    if (e > d->toks[t + 1].start)
        return false;
    k->end = e;
    k->flags &= ~(uint32_t)TF_POSS;
    annot_refold(d, t);
    return true;
}

void annot_entities(doc_t *d)
{
    register_existing(d);
    prescan(d);
    size_t nexisting = d->nments;
    uint32_t t = 0;
    while (t < d->ntoks) {
        if (!name_word(d, t)) {
            t++;
            continue;
        }
        uint32_t a = t, b = t + 1;
        int32_t sent = d->toks[t].sent;
        while (b < d->ntoks && d->toks[b].sent == sent) {
            if ((d->toks[b - 1].flags & TF_POSS) && !absorb_possessive(d, b - 1))
                break;
            if (name_word(d, b)) {
                b++;
                continue;
            }
            /* "Nurses’ Federation": a plural possessive inside a name */
            if ((tok_punct(d, b, '\'') || tok_punct(d, b, 0x2019)) &&
                d->toks[b].start == d->toks[b - 1].end && b + 1 < d->ntoks &&
                name_word(d, b + 1) && d->toks[b + 1].sent == sent) {
                const char *f = tok_fold(d, b - 1);
                size_t fl = strlen(f);
                if (fl > 1 && f[fl - 1] == 's') {
                    b += 2;
                    continue;
                }
            }
            /* connectors join when what follows is still a name */
            uint32_t c = b;
            while (c < d->ntoks && c < b + 2 && is_connector(d, c) && d->toks[c].sent == sent)
                c++;
            /* "Edda Varne of the Ostravan army": a people's adjective
            ** before a common noun begins no name */
            bool adjective = c > b && c + 1 < d->ntoks && name_word(d, c) &&
                !name_word(d, c + 1) && (d->toks[c + 1].flags & TF_WORD) &&
                !(tok_cls(d, c + 1) & LEX_REPORT) &&
                (demonym_like(d, c) || (tok_is(d, c - 1, "the") && adjective_shaped(d, c)));
            /* "the Women's Institute and the People's Shield", "the
            ** Foreign Ministry and the Red Cross": "and the" before a
            ** capitalised word opens a second name; inside one name the
            ** article is not repeated ("Security and Defense Council") */
            if (c == b + 2 && tok_is(d, b, "and") && tok_is(d, b + 1, "the"))
                break;
            if (c > b && c < d->ntoks && name_word(d, c) && d->toks[c].sent == sent && !adjective) {
                /* "Ministry of Defence", "Secretary of State"; not "Ana
                ** Rossi of the Trade Council" */
                bool orgish = (tok_cls(d, b - 1) & LEX_TITLE) != 0 || tok_is(d, b, "of");
                for (uint32_t k = a; k < b && !orgish; k++)
                    orgish = (tok_cls(d, k) & LEX_ORG) != 0;
                /* "National Security and Defense Council" */
                if (tok_is(d, b, "and"))
                    for (uint32_t k = c; k < d->ntoks && k < c + 5 && name_word(d, k) && !orgish; k++)
                        orgish = (tok_cls(d, k) & LEX_ORG) != 0;
                if (orgish) {
                    b = c;
                    continue;
                }
            }
            break;
        }
        if (b < d->ntoks && designated(d, b - 1)) {
            designator_run(d, a, b);
            t = b + 1;
            continue;
        }
        process_run(d, a, b);
        t = b;
    }
    /* Existing mentions were listed first; keep the list in text order. */
    if (nexisting && d->nments > nexisting) {
        qsort(d->ments, d->nments, sizeof *d->ments, cmp_ment);
        for (size_t m = 0; m < d->nments; m++)
            for (uint32_t k = d->ments[m].t0; k < d->ments[m].t1; k++)
                d->toks[k].ment = (int32_t)m;
    }
}
