/*
** annot_speech.c: direct quotes with their speakers, and claims in
** indirect speech.
**
** A speaker is found from a reporting verb near the quote: first in the
** rest of the sentence the quote closes (“…,” X said / said X / X, the
** head of Y, said), then in the sentence before the quote opens (X said:
** “…” and framing sentences such as X suggested the attack was “…”), then
** at the start of the next sentence (“…” He added …), then by inheritance
** from the previous quote when it sits in the same or the previous
** paragraph (a speech continued over several paragraphs), and last, for a
** quote that is a sentence of its own, from the subject of the sentence
** before it ("X was defiant. “…”") or from who reports something at the
** end of the paragraph before.  Pronouns go to the last person (he, she:
** one not known to be of the other gender, from share/lexicon/gender.txt
** via given names, Mr/Mrs/Ms and gendered roles) or organisation (it,
** they) named outside quotes; "the ministry", "the spokesman" go to the
** last entity with that word in its name or role (or named just after
** it: "Holm's spokesman, Nils Berg"), provided its other words fit ("the
** central bank" is not the Lesna Bank); "the company" to the last firm
** named nearby.  "told X" names whom X was told, never the speaker.
**
** A short quote (three words or fewer) is speech only when a reporting
** verb frames it and it ends its clause; otherwise it is a scare quote or
** a title.  A longer quote nobody is found to have said is kept as a
** quote without a speaker, unless it is short enough to be a title.
**
** Decision: a direct quote is itself the assertion that carries its
** content; no separate claim is made for it.  Claims are what indirect
** speech reports (X said that …, according to X, …, X denied …).
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "annot_internal.h"

static const char *const group_nouns[] = {
    "officials", "authorities", "sources", "investigators", "police", "prosecutors",
    "experts", "analysts", "residents", "witnesses", "intelligence", "diplomats",
    "lawmakers", "officers", "agencies", "services", "spokesperson", "government",
    "ministry", "military", "army", "leadership", "woman", "man", "survivor", "resident",
    "witness", "driver", "farmer", "worker", "nurse", "doctor", "teacher", "student",
    "neighbour", "neighbor", "protester", "official", "source", "relative", "mother",
    "father", "fisherman", "owner", "volunteer", "passenger", "villager", "member", "wife",
    "husband", "son", "daughter", "brother", "sister", "widow", "friend", "colleague",
    "reader", "voter", "shopkeeper", "parent", "patient", "fan", "customer", "tenant",
    "librarian", "guard", "miner", "soldier", "pilot", "victim", NULL};

static bool is_aux(const doc_t *d, uint32_t t)
{
    static const char *const w[] = {"has", "have", "had", "also", "later", "again", "flatly",
                                    "repeatedly", "previously", "strongly", "publicly",
                                    "categorically", "firmly", "earlier", "then", "quickly",
                                    "swiftly", "immediately", "was", "is", "had", "would",
                                    "will", "vehemently", "angrily", "reportedly", "once",
                                    "further", "told", NULL};
    return tok_in(d, t, w);
}

static bool is_verb(const doc_t *d, uint32_t t)
{
    const tok_t *k = &d->toks[t];
    return (k->flags & TF_WORD) && !(k->flags & TF_CAP) && k->q < 0 &&
        (tok_cls(d, t) & LEX_REPORT);
}

static span_t tspan(const doc_t *d, uint32_t t0, uint32_t t1)
{
    span_t s = {d->toks[t0].start, d->toks[t1 - 1].end};
    return s;
}

/* Index of the last mention starting before token t. */
static long ment_before(const doc_t *d, uint32_t t)
{
    size_t lo = 0, hi = d->nments;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->ments[mid].t0 < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}

static bool kind_fits(const doc_t *d, int ent, int pron)
{
    entity_kind_t k = d->a->entities[ent].kind;
    return pron == LEX_PRON_PERSON ? k == KIND_PERSON : k != KIND_PERSON && k != KIND_OTHER;
}

static char word_gender(const doc_t *d, const char *w, size_t n)
{
    const lex_info_t *li = lexicon_lookup(d->lex, w, n);
    return li ? li->gender : 0;
}

static void note_gender(entx_t *x, char g)
{
    if (g && x->gender != g)
        x->gender = x->gender ? 'x' : g;
}

/* What the text tells of each person's gender: a given name ("Anna
** Berg"), a form of address before a mention ("Mrs. Berg", "Mr Ek") or
** a role ("a spokeswoman for ...").  Evidence both ways leaves it
** unknown. */
static void learn_genders(doc_t *d)
{
    for (size_t i = 0; i < d->nments; i++) {
        const ment_t *m = &d->ments[i];
        if (d->a->entities[m->ent].kind != KIND_PERSON)
            continue;
        entx_t *x = annot_entx(d, m->ent);
        if (m->t0 > 0 && (d->toks[m->t0 - 1].flags & TF_WORD))
            note_gender(x, d->toks[m->t0 - 1].lex ? d->toks[m->t0 - 1].lex->gender : 0);
        if (m->t1 - m->t0 >= 2 && d->toks[m->t0].lex)
            note_gender(x, d->toks[m->t0].lex->gender);
    }
    for (size_t e = 0; e < d->a->nentities; e++) {
        if (d->a->entities[e].kind != KIND_PERSON)
            continue;
        entx_t *x = annot_entx(d, (int)e);
        if (x->title) {
            const char *sp = strrchr(x->title, ' ');
            const char *w = sp ? sp + 1 : x->title;
            note_gender(x, word_gender(d, w, strlen(w)));
        }
        const char *name = d->a->entities[e].name;
        const char *sp = strchr(name, ' ');
        if (sp && !x->gender) {
            char buf[128];
            size_t n = lexicon_fold(name, (size_t)(sp - name), buf, sizeof buf);
            if (n) {
                const lex_info_t *li = lexicon_lookup(d->lex, buf, n);
                if (li)
                    note_gender(x, li->gender);
            }
        }
    }
}

/* he / she against what is known of the person */
static bool gender_fits(doc_t *d, int ent, char g)
{
    if (!g || ent < 0 || d->a->entities[ent].kind != KIND_PERSON)
        return true;
    char eg = annot_entx(d, ent)->gender;
    return eg != (g == 'm' ? 'f' : 'm');
}

/* The last person (or group) named that fits, preferring one that opens
** its sentence (a subject: "Ivan Marek accused Brandt of lying. He said"
** is Marek speaking) when it is in this sentence or the one before. */
/* "Tarik Wendel arrived on Monday. ... he said.": with no person to
** refer to, "he" or "she" makes a person of a two-word name taken for an
** organisation for want of evidence, when it opened this sentence or
** the one before. */
static int promote_person(doc_t *d, uint32_t t)
{
    int32_t sent = d->toks[t].sent;
    for (long m = ment_before(d, t), n = 0; m >= 0 && n < 8; m--, n++) {
        const ment_t *x = &d->ments[m];
        int32_t xs = d->toks[x->t0].sent;
        if (xs < sent - 1)
            break;
        entity_t *e = &d->a->entities[x->ent];
        if (x->in_quote || x->t1 - x->t0 != 2 || (size_t)x->ent < d->first_new_entity ||
            e->kind != KIND_ORGANIZATION || !annot_entx(d, x->ent)->tentative ||
            x->t0 != d->sents[xs].t0 || !e->name || !strchr(e->name, ' ') ||
            strchr(strchr(e->name, ' ') + 1, ' '))
            continue;
        e->kind = KIND_PERSON;
        annot_entx(d, x->ent)->tentative = false;
        return x->ent;
    }
    return -1;
}

static int resolve_pronoun(doc_t *d, uint32_t t, int pron)
{
    long m = ment_before(d, t);
    int last = -1;
    int32_t sent = d->toks[t].sent;
    char g = d->toks[t].lex ? d->toks[t].lex->gender : 0;
    for (int n = 0; m >= 0 && n < 400; m--, n++) {
        const ment_t *x = &d->ments[m];
        if (x->in_quote || !kind_fits(d, x->ent, pron) || !gender_fits(d, x->ent, g))
            continue;
        if (last < 0)
            last = x->ent;
        int32_t xs = d->toks[x->t0].sent;
        if (xs < sent - 1)
            break;
        /* a subject: nothing but a role before it ("The opposition
        ** leader, Ivan Marek, ...", "Interior Minister Ana Rossi") */
        uint32_t b = x->t0, s0 = d->sents[xs].t0;
        while (b > s0 && x->t0 - b < 7 && d->toks[b - 1].ent < 0) {
            const tok_t *k = &d->toks[b - 1];
            /* ... or a word opening the sentence before a lowercase role:
            ** "Team manager Karin Berg" */
            bool fits = (k->flags & TF_WORD)
                ? ((tok_cls(d, b - 1) & (LEX_TITLE | LEX_DEMONYM | LEX_STOP)) ||
                   (!(k->flags & TF_CAP) && !(tok_cls(d, b - 1) & LEX_REPORT)) ||
                   (b - 1 == s0 && b < x->t0 && !(d->toks[b].flags & TF_CAP) &&
                    (tok_cls(d, b) & LEX_TITLE)))
                : k->cp == ',';
            if (!fits)
                break;
            b--;
        }
        if (b == s0)
            return x->ent;
    }
    if (last < 0 && pron == LEX_PRON_PERSON)
        last = promote_person(d, t);
    return last;
}

/* "the ministry", "the spokesman": the last entity with that word in its
** name or its role. */
/* Does the folded word w stand as a whole word in the folded phrase s? */
static bool has_word(const char *s, const char *w)
{
    size_t wl = strlen(w);
    for (const char *p = s; (p = strstr(p, w)); p++)
        if ((p == s || p[-1] == ' ') && (p[wl] == '\0' || p[wl] == ' '))
            return true;
    return false;
}

/* "the central bank" is not the Lesna Bank: a plain modifier before the
** head must be in the entity's name or role too ("the foreign ministry"
** is the Foreign Ministry). */
static bool modifiers_fit(doc_t *d, uint32_t t0, uint32_t head, int ent)
{
    const char *name = d->a->entities[ent].name;
    char buf[512];
    if (!lexicon_fold(name, strlen(name), buf, sizeof buf))
        return true;
    const char *title = annot_entx(d, ent)->title;
    /* the words back to a determiner ("the central bank"), if one is near */
    uint32_t b = head;
    while (b > 0 && head - b < 4 && (d->toks[b - 1].flags & TF_WORD) && d->toks[b - 1].q < 0 &&
           !tok_is(d, b - 1, "the") && !tok_is(d, b - 1, "a") && !tok_is(d, b - 1, "an") &&
           !(tok_cls(d, b - 1) & LEX_REPORT))
        b--;
    if (b > 0 && b < t0 && (tok_is(d, b - 1, "the") || tok_is(d, b - 1, "a") ||
                            tok_is(d, b - 1, "an")))
        t0 = b;
    for (uint32_t t = t0; t < head; t++) {
        const tok_t *k = &d->toks[t];
        if (!(k->flags & TF_WORD) || (k->flags & (TF_CAP | TF_POSS)) || k->ent >= 0 ||
            tok_is(d, t, "the") || tok_is(d, t, "a") || tok_is(d, t, "an") ||
            (tok_cls(d, t) & (LEX_DEMONYM | LEX_FUNC)))
            continue;
        const char *w = tok_fold(d, t);
        if (!has_word(buf, w) && !(title && has_word(title, w)))
            return false;
    }
    return true;
}

static int resolve_nominal(doc_t *d, uint32_t head)
{
    const char *w = tok_fold(d, head);
    size_t wl = strlen(w);
    long m = ment_before(d, head);
    /* An entity's title and name are looked at once per call, however
    ** many of its mentions the walk passes, and its folded name is kept:
    ** on a long article the walk back over 400 mentions, folding each
    ** name again, was the annotator's largest cost (perf). */
    uint32_t stamp = ++d->nominal_stamp;
    for (int n = 0; m >= 0 && n < 400; m--, n++) {
        const ment_t *x = &d->ments[m];
        entx_t *ex = annot_entx(d, x->ent);
        /* "Holm's spokesman, Nils Berg," / "spokesman Nils Berg" */
        uint32_t r = x->t0;
        if (r >= 2 && tok_punct(d, r - 1, ','))
            r--;
        if (r >= 1 && !x->in_quote && d->a->entities[x->ent].kind == KIND_PERSON &&
            tok_is(d, r - 1, w))
            return x->ent;
        if (ex->stamp == stamp)
            continue;
        ex->stamp = stamp;
        if (ex->title) {
            size_t tl = strlen(ex->title);
            if (tl >= wl && strcmp(ex->title + tl - wl, w) == 0 &&
                (tl == wl || ex->title[tl - wl - 1] == ' '))
                return x->ent;
        }
        if (annot_has_word(annot_entity_fold(d, x->ent), w, wl))
            return x->ent;
    }
    return -1;
}

/* "the company said" after "Brennard Marine has denied ...": a generic
** word for a firm or a group stands for the last organisation named in
** this paragraph or the one before whose name has no organisation word
** that would say otherwise (not the Harbour Ministry, which is passed
** over for a firm named before it). */
static int resolve_generic(doc_t *d, uint32_t head)
{
    static const char *const generic[] = {"company", "firm", "group", "charity", "operator",
                                          "organisation", "organization", "airline", NULL};
    if (!tok_in(d, head, generic))
        return -1;
    int32_t para = d->toks[head].para;
    long m = ment_before(d, head);
    for (int n = 0; m >= 0 && n < 60; m--, n++) {
        const ment_t *x = &d->ments[m];
        if (d->toks[x->t0].para < para - 1)
            break;
        if (x->in_quote || d->a->entities[x->ent].kind != KIND_ORGANIZATION)
            continue;
        const char *name = d->a->entities[x->ent].name;
        char buf[512];
        size_t fl = lexicon_fold(name, strlen(name), buf, sizeof buf);
        bool other = false;
        for (size_t i = 0; i < fl && !other;) {
            size_t j = i;
            while (j < fl && buf[j] != ' ')
                j++;
            const lex_info_t *li = lexicon_lookup(d->lex, buf + i, j - i);
            if (li && (li->cls & LEX_ORG) && !(j - i == strlen(tok_fold(d, head)) &&
                                               memcmp(buf + i, tok_fold(d, head), j - i) == 0))
                other = true;
            i = j + 1;
        }
        /* "the company" after "Halvard Dairy ... the Food Safety Board
        ** said": a body whose own word says otherwise is passed over */
        if (!other)
            return x->ent;
    }
    return -1;
}

static np_t np_none(void)
{
    np_t n = {-1, SPAN_NONE, 0, 0};
    return n;
}

static np_t np_mention(doc_t *d, uint32_t t)
{
    const ment_t *m = &d->ments[d->toks[t].ment];
    np_t n = {m->ent, tspan(d, m->t0, m->t1), m->t0, m->t1};
    return n;
}

/* "Marovian officials" when the text names Marovia: a people's adjective
** the lists do not hold, and a place of the article sharing its first
** five letters.  -1 if none (the country is then not guessed). */
static int unlisted_demonym_place(doc_t *d, uint32_t t)
{
    const char *f = tok_fold(d, t);
    size_t n = strlen(f);
    if (n < 6 || !(strcmp(f + n - 3, "ian") == 0 || strcmp(f + n - 3, "ean") == 0 ||
                   strcmp(f + n - 3, "ese") == 0 || strcmp(f + n - 2, "an") == 0))
        return -1;
    int found = -1;
    for (size_t e = 0; e < d->a->nentities; e++) {
        const entity_t *en = &d->a->entities[e];
        if (en->kind != KIND_PLACE || !en->name)
            continue;
        char buf[64];
        size_t bn = lexicon_fold(en->name, strlen(en->name), buf, sizeof buf);
        if (bn >= 5 && bn < n && memcmp(buf, f, 5) == 0 && !memchr(buf, ' ', bn)) {
            if (found >= 0)
                return -1;         /* two places share it: say nothing */
            found = (int)e;
        }
    }
    return found;
}

/* A noun phrase ending at head (a role, an organisation word or a group
** noun): its span reaches back over modifiers to the determiner. */
static np_t np_nominal(doc_t *d, uint32_t head, uint32_t lower)
{
    uint32_t t0 = head;
    int owner = -1, place = -1;
    while (t0 > lower && head - t0 < 4) {
        uint32_t p = t0 - 1;
        const tok_t *k = &d->toks[p];
        if (!(k->flags & TF_WORD) || k->q >= 0)
            break;
        if (tok_is(d, p, "the") || tok_is(d, p, "a") || tok_is(d, p, "an")) {
            t0 = p;
            break;
        }
        if (k->ent >= 0 && owner < 0)
            owner = k->ent;
        /* "the minister's office": the minister named before */
        if (k->ent < 0 && owner < 0 && (k->flags & TF_POSS) && (tok_cls(d, p) & LEX_TITLE) &&
            !(k->flags & TF_CAP))
            owner = resolve_nominal(d, p);
        if (tok_cls(d, p) & LEX_DEMONYM) {
            const lex_info_t *li = NULL;
            if (annot_phrase(d, p, LEX_DEMONYM, &li) && li)
                place = li->place;
        } else if (k->ent < 0 && owner < 0 && (k->flags & TF_CAP) && !k->lex) {
            owner = unlisted_demonym_place(d, p);   /* "Marovian officials" */
        }
        if ((tok_cls(d, p) & LEX_REPORT) && !(k->flags & TF_CAP))
            break;
        if ((k->flags & TF_CAP) || (tok_cls(d, p) & (LEX_TITLE | LEX_ORG)) ||
            k->ent >= 0 || tok_in(d, p, group_nouns) || (k->flags & TF_POSS)) {
            t0 = p;
            continue;
        }
        /* "Velmora's interior ministry", "the Velmoran foreign ministry":
        ** a plain modifier of an organisation word, kept only if an
        ** owner, a people's adjective or a determiner comes before it */
        if ((tok_cls(d, head) & LEX_ORG) && !(d->toks[head].flags & TF_CAP) && p + 2 >= head &&
            !(k->flags & TF_DIGIT) &&
            !(tok_cls(d, p) & (LEX_STOP | LEX_FUNC | LEX_PRONOUN | LEX_DENIAL)) && p > lower &&
            ((d->toks[p - 1].flags & (TF_POSS | TF_CAP)) || tok_is(d, p - 1, "the"))) {
            t0 = p;
            continue;
        }
        break;
    }
    np_t n = {-1, tspan(d, t0, head + 1), t0, head + 1};
    /* "a spokesman for the Foo Ministry": the ministry speaks */
    uint32_t f = head + 1;
    /* ... but "one reader of the Velden Post", "a resident of Dobrava"
    ** speak for themselves */
    static const char *const agents[] = {"official", "officials", "source", "sources",
                                         "spokesperson", "member", "members", "leadership",
                                         "officer", "officers", "representative",
                                         "representatives", NULL};
    bool speaks_for = (tok_cls(d, head) & (LEX_TITLE | LEX_ORG)) || tok_in(d, head, agents);
    if (speaks_for && f < d->ntoks && (tok_is(d, f, "for") || tok_is(d, f, "of")) &&
        d->toks[f].q < 0) {
        f++;
        if (tok_is(d, f, "the"))
            f++;
        if (f < d->ntoks && d->toks[f].ment >= 0 && d->toks[f].q < 0)
            n.ent = d->toks[f].ent;
    }
    /* "Hestria's army", "Kalvanian officials": the owner speaks */
    if (n.ent < 0 && owner >= 0)
        n.ent = owner;
    if (n.ent < 0 && place >= 0)
        n.ent = annot_country_entity(d, place);
    if (n.ent < 0 && (tok_cls(d, head) & (LEX_TITLE | LEX_ORG))) {
        n.ent = resolve_nominal(d, head);
        if (n.ent >= 0 && !modifiers_fit(d, t0, head, n.ent))
            n.ent = -1;
    }
    if (n.ent < 0 && t0 < head && tok_is(d, t0, "the"))
        n.ent = resolve_generic(d, head);
    return n;
}

static np_t np_pronoun(doc_t *d, uint32_t t)
{
    np_t n = {resolve_pronoun(d, t, d->toks[t].lex->pron), tspan(d, t, t + 1), t, t + 1};
    return n;
}

static bool np_head(const doc_t *d, uint32_t t)
{
    const tok_t *k = &d->toks[t];
    if (!(k->flags & TF_WORD) || k->q >= 0)
        return false;
    unsigned c = tok_cls(d, t);
    if ((c & LEX_TITLE) && !(k->flags & TF_DOT))
        return true;
    if ((c & LEX_ORG) && !(k->flags & TF_CAP))
        return true;
    return tok_in(d, t, group_nouns);
}

/* ", Major Konstantin Rell," : a comma, maybe titles, then the name. */
static bool comma_before_name(const doc_t *d, uint32_t t0)
{
    while (t0 > 0 && (d->toks[t0 - 1].flags & TF_CAP) && (tok_cls(d, t0 - 1) & LEX_TITLE))
        t0--;
    return t0 > 0 && tok_punct(d, t0 - 1, ',');
}

/* The subject of the verb at v, looking back no further than lower. */
static np_t find_subject(doc_t *d, uint32_t v, uint32_t lower)
{
    if (v <= lower)
        return np_none();
    uint32_t p = v - 1;
    for (int skip = 0; p > lower && skip < 4; skip++) {
        if (is_aux(d, p)) {
            p--;
        } else if (p > lower + 1 && (d->toks[p].flags & TF_CAP) && (tok_cls(d, p) & LEX_STOP) &&
                   (tok_is(d, p - 1, "on") || tok_is(d, p - 1, "last"))) {
            p -= 2;        /* "Ostrevia on Tuesday flatly denied" */
        } else {
            break;
        }
    }
    if (p < lower)
        return np_none();
    const tok_t *k = &d->toks[p];
    /* "X, the commander of the 4th Brigade, which holds the river line,
    ** said": the relative clause is no part of the subject */
    if (tok_punct(d, p, ',')) {
        for (uint32_t b = p; b > lower + 1 && p - b < 14; b--) {
            if (d->toks[b - 1].flags & (TF_QCLOSE | TF_QOPEN))
                break;
            if (tok_punct(d, b - 1, ',') && b - 1 < p) {
                if (tok_is(d, b, "which") || tok_is(d, b, "who") || tok_is(d, b, "whose") ||
                    tok_is(d, b, "where")) {
                    /* only after an apposition ("X, the commander of Y,
                    ** which ..."); "X, who ..., said" and "a senior
                    ** official at the directorate, who ..., told" keep
                    ** the rules below */
                    bool appos = false;
                    for (uint32_t c = b - 1; c > lower + 1 && b - 1 - c < 14 && !appos; c--)
                        appos = tok_punct(d, c - 1, ',');
                    if (appos && d->toks[b - 2].ment < 0) {
                        p = b - 1;
                        k = &d->toks[p];
                    }
                }
                break;
            }
        }
    }
    if (tok_punct(d, p, ',')) {
        /* X, the head of Y, said */
        for (uint32_t b = p; b > lower && p - b < 18; b--) {
            const tok_t *x = &d->toks[b - 1];
            if (x->ment >= 0 && !d->ments[x->ment].in_quote &&
                ((d->ments[x->ment].appos_end >= p && d->ments[x->ment].t1 < p) ||
                 (d->ments[x->ment].t1 == p && comma_before_name(d, d->ments[x->ment].t0))))
                return np_mention(d, b - 1);
            if (x->flags & (TF_QCLOSE | TF_QOPEN))
                break;
        }
        /* "Anneli Vos, a theatre nurse with 22 years here, said": the
        ** name before the comma that opens the inserted phrase */
        for (uint32_t b = p; b > lower + 1 && p - b < 18; b--) {
            const tok_t *x = &d->toks[b - 1];
            if (x->flags & (TF_QCLOSE | TF_QOPEN))
                break;
            if (tok_punct(d, b - 1, ',') && b - 1 < p) {
                /* ", the Sons of the Ridge, claimed": the inserted phrase is
                ** itself the name */
                uint32_t in = b;
                if (tok_is(d, in, "the"))
                    in++;
                if (in < p && d->toks[in].ment >= 0 && d->ments[d->toks[in].ment].t1 == p &&
                    !d->ments[d->toks[in].ment].in_quote)
                    return np_mention(d, in);
                uint32_t n = b - 2;
                /* "Varga, 61, a former general, told": past the age */
                if (n >= lower + 2 && (d->toks[n].flags & TF_DIGIT) && tok_punct(d, n - 1, ','))
                    n -= 2;
                if (d->toks[n].ment >= 0 && !d->ments[d->toks[n].ment].in_quote)
                    return np_mention(d, n);
                if ((tok_cls(d, n) & LEX_PRONOUN) && d->toks[n].q < 0)
                    return np_pronoun(d, n);
                /* "one survivor, a 17-year-old boy, told" */
                if (np_head(d, n))
                    return np_nominal(d, n, lower);
                break;
            }
        }
        /* X, however, said */
        if (p >= lower + 3 && (d->toks[p - 1].flags & TF_WORD) && tok_punct(d, p - 2, ',')) {
            p -= 3;
            k = &d->toks[p];
        } else {
            return np_none();
        }
    }
    if (k->q >= 0 || !(k->flags & TF_WORD))
        return np_none();
    /* "Ilona Reviczky, who told local television that": the antecedent */
    if ((tok_is(d, p, "who") || tok_is(d, p, "which")) && p >= lower + 2 &&
        tok_punct(d, p - 1, ',') && d->toks[p - 2].ment >= 0 && d->toks[p - 2].q < 0)
        return np_mention(d, p - 2);
    if (k->ment >= 0) {
        uint32_t m0 = d->ments[k->ment].t0;
        /* "Villagers in Dobrava said": the place does not speak */
        if (m0 > lower && (tok_is(d, m0 - 1, "in") || tok_is(d, m0 - 1, "at") ||
                           tok_is(d, m0 - 1, "near") || tok_is(d, m0 - 1, "outside"))) {
            /* "The Ostrevian Embassy in Dravna said": the embassy */
            if (m0 - 1 > lower && d->toks[m0 - 2].ment >= 0 &&
                !d->ments[d->toks[m0 - 2].ment].in_quote &&
                d->a->entities[d->toks[m0 - 2].ent].kind != KIND_PLACE)
                return np_mention(d, m0 - 2);
            /* "Officials in Kyiv said": the officials of a country or
            ** capital speak for its government, which the place stands for */
            static const char *const govt[] = {"officials", "authorities", "government",
                                               "ministers", "diplomats", NULL};
            if (m0 - 1 > lower && tok_is(d, m0 - 1, "in") && tok_in(d, m0 - 2, govt) &&
                (tok_cls(d, p) & (LEX_COUNTRY | LEX_CAPITAL) ||
                 d->a->entities[k->ent].kind == KIND_PLACE)) {
                np_t n = np_mention(d, p);
                n.span.start = d->toks[m0 - 2].start;
                n.t0 = m0 - 2;
                return n;
            }
            if (m0 - 1 > lower && np_head(d, m0 - 2)) {
                np_t n = np_nominal(d, m0 - 2, lower);
                n.span.end = d->toks[p].end;
                n.t1 = p + 1;
                return n;
            }
            return np_none();
        }
        /* "Residents of Hallowmere said": the people of a place speak,
        ** not the place, and no one named among them (but "Officials of
        ** Marovia" speak for its government, as "Officials in Kyiv", and
        ** "members of" a body for the body) */
        static const char *const govt_of[] = {"officials", "ministers", "diplomats", "members",
                                              "officers", NULL};
        if (m0 > lower + 1 && tok_is(d, m0 - 1, "of") && annot_people_plural(d, m0 - 2) &&
            !tok_in(d, m0 - 2, govt_of) && d->toks[m0 - 2].ent < 0 && d->toks[m0 - 2].q < 0 &&
            d->a->entities[k->ent].kind == KIND_PLACE) {
            np_t n = np_nominal(d, m0 - 2, lower);
            n.span.end = d->toks[p].end;
            n.t1 = p + 1;
            return n;
        }
        /* "Ana Rossi of the Trade Council said": Rossi speaks */
        uint32_t c = m0;
        while (c > lower && c > m0 - 3 && (tok_is(d, c - 1, "of") || tok_is(d, c - 1, "the") ||
                                          tok_is(d, c - 1, "for") || tok_is(d, c - 1, "at")))
            c--;
        if (c < m0 && c > lower && d->toks[c - 1].ment >= 0 && d->toks[c - 1].q < 0 &&
            d->a->entities[d->toks[c - 1].ent].kind == KIND_PERSON)
            return np_mention(d, c - 1);
        return np_mention(d, p);
    }
    if (tok_cls(d, p) & LEX_PRONOUN)
        return np_pronoun(d, p);
    if (np_head(d, p))
        return np_nominal(d, p, lower);
    return np_none();
}

/* The speaker after the verb at v: "said Rossi", "said the ministry",
** "said Foo Ministry spokeswoman Ana Rossi". */
static np_t find_object(doc_t *d, uint32_t v, uint32_t upper)
{
    np_t best = np_none();
    for (uint32_t t = v + 1; t < upper && t < v + 10; t++) {
        const tok_t *k = &d->toks[t];
        if (k->q >= 0 || (k->flags & TF_QMARK))
            break;
        if (!(k->flags & TF_WORD)) {
            if (k->cp == ',' || k->cp == '.' || k->cp == ':' || k->cp == ';')
                break;
            continue;
        }
        if (k->ment >= 0) {
            best = np_mention(d, t);
            t = d->ments[k->ment].t1 - 1;
            /* an organisation followed by its officer: the officer speaks */
            if (d->a->entities[best.ent].kind == KIND_PERSON)
                return best;
            continue;
        }
        if (best.ent >= 0 && !(tok_cls(d, t) & LEX_TITLE))
            return best;
        if (tok_cls(d, t) & LEX_PRONOUN)
            return best.ent >= 0 ? best : np_pronoun(d, t);
        /* "the union chief, Sven Dahl": the last noun is the head */
        bool compound = t + 1 < upper && np_head(d, t + 1);
        if (np_head(d, t) && !(d->toks[t].flags & TF_POSS) && !compound &&
            !(t + 1 < upper && (d->toks[t + 1].flags & TF_CAP) &&
              (d->toks[t + 1].flags & TF_WORD))) {
            if (best.ent >= 0)
                return best;
            /* "the mayor's wife, Ilona Reviczky,": the apposed name */
            if (tok_punct(d, t + 1, ',') && t + 2 < upper && d->toks[t + 2].ment >= 0 &&
                d->toks[t + 2].q < 0)
                return np_mention(d, t + 2);
            return np_nominal(d, t, v + 1);
        }
        if (k->flags & TF_POSS)
            continue;          /* "the mayor's ..." modifies what follows */
        /* "said opposition leader Henrik Aalto": a modifier of a role */
        if (compound || (t + 2 < upper && np_head(d, t + 2) && (d->toks[t + 1].flags & TF_WORD) &&
                         !(d->toks[t + 1].flags & TF_CAP)))
            continue;
        /* "said the librarian, Anna Berg,": a role we do not list, then
        ** the name apposed to it */
        if (best.ent < 0 && !(k->flags & TF_CAP) && tok_punct(d, t + 1, ',') && t + 2 < upper &&
            d->toks[t + 2].ment >= 0 && d->toks[t + 2].q < 0 &&
            d->a->entities[d->toks[t + 2].ent].kind == KIND_PERSON && t > v + 1 &&
            (tok_is(d, t - 1, "the") || (d->toks[t - 1].flags & TF_POSS)))
            return np_mention(d, t + 2);
        if (!(tok_cls(d, t) & (LEX_TITLE | LEX_DEMONYM | LEX_STOP)) && !(k->flags & TF_CAP))
            break;
    }
    return best;
}

bool annot_overlaps_existing(doc_t *d, assertion_kind_t kind, span_t s)
{
    for (size_t i = 0; i < d->first_new_assertion; i++) {
        const assertion_t *q = &d->a->assertions[i];
        if (q->kind == kind && q->span.start < s.end && s.start < q->span.end)
            return true;
    }
    return false;
}

/* dup: the span may repeat another source's (a backer claims what it backs) */
static int add_assertion_dup(doc_t *d, assertion_kind_t kind, span_t span, np_t sp,
                             span_t cue, bool dup)
{
    if (span.end <= span.start || (!dup && annot_overlaps_existing(d, kind, span)))
        return -1;
    /* two reports of one clause ("said ... and added that ...") make one
    ** claim: the first */
    for (size_t i = d->a->nassertions, n = 0; !dup && i-- > d->first_new_assertion && n < 8; n++) {
        const assertion_t *q = &d->a->assertions[i];
        if (q->kind == kind && q->span.start < span.end && span.start < q->span.end)
            return -1;
    }
    /* a claim is worth checking only when someone named makes it */
    if (kind == ASSERT_CLAIM && sp.ent < 0)
        return -1;
    assertion_t *q = article_add_assertion(d->a);
    q->kind = kind;
    q->span = span;
    q->speaker = sp.ent;
    q->speaker_span = sp.span;
    q->cue_span = cue;
    q->direct = kind == ASSERT_QUOTE;
    q->status = STATUS_UNREVIEWED;
    return (int)(q - d->a->assertions);
}

static int add_assertion(doc_t *d, assertion_kind_t kind, span_t span, np_t sp, span_t cue)
{
    return add_assertion_dup(d, kind, span, sp, cue, false);
}

static bool np_found(np_t n) { return n.ent >= 0 || span_present(n.span); }

static bool object_verb(const doc_t *d, uint32_t v);

/* ---- direct quotes ------------------------------------------------------- */

typedef struct qres {
    np_t sp;
    span_t cue;
    bool framed;          /* a verb in the quote's own sentences */
} qres_t;

/* "told X": who comes after is the one addressed, never the speaker
** (unlike '“…?” asked Tamm', where the asker follows) */
static bool addressee_verb(const doc_t *d, uint32_t v)
{
    static const char *const w[] = {"told", "tell", "tells", NULL};
    return tok_in(d, v, w);
}

static bool try_verb(doc_t *d, uint32_t v, uint32_t lower, uint32_t upper, qres_t *r)
{
    /* "quoted a senior official as saying": the one quoted speaks */
    if (v >= lower + 3 && tok_is(d, v - 1, "as") && strncmp(tok_fold(d, v), "say", 3) == 0) {
        for (uint32_t t = v - 2; t > lower && v - t < 10; t--) {
            if (strncmp(tok_fold(d, t - 1), "quot", 4) == 0 && (d->toks[t - 1].flags & TF_WORD)) {
                np_t s = find_object(d, t - 1, v - 1);
                if (!np_found(s))
                    break;
                r->sp = s;
                r->cue = tspan(d, v, v + 1);
                d->toks[v].flags |= TF_USED;
                return true;
            }
        }
    }
    np_t s = find_subject(d, v, lower);
    /* "She said that ... and accused X of “…”": the verb shares the
    ** subject of an earlier one; X is its object */
    bool coord = v > lower && (tok_is(d, v - 1, "and") || tok_is(d, v - 1, "but"));
    if (!np_found(s) && !addressee_verb(d, v) && !coord)
        s = find_object(d, v, upper);
    if (!np_found(s))
        return false;
    r->sp = s;
    r->cue = tspan(d, v, v + 1);
    d->toks[v].flags |= TF_USED;
    return true;
}

static bool according_to(doc_t *d, uint32_t t, uint32_t upper, qres_t *r)
{
    if (!(tok_is(d, t, "according") && tok_is(d, t + 1, "to")))
        return false;
    /* "according to a statement from the Norvik Mining Company": the
    ** body the statement came from */
    uint32_t o = t + 2;
    if (tok_is(d, o, "a") || tok_is(d, o, "an") || tok_is(d, o, "the"))
        o++;
    static const char *const media[] = {"statement", "report", "post", "letter", "message",
                                        "communique", "release", "document", "note", NULL};
    if (o + 1 < upper && tok_in(d, o, media) &&
        (tok_is(d, o + 1, "from") || tok_is(d, o + 1, "by") || tok_is(d, o + 1, "of"))) {
        np_t s = find_object(d, o + 1, upper);
        if (np_found(s) && s.ent >= 0) {
            r->sp = s;
            r->cue = tspan(d, t, t + 2);
            d->toks[t].flags |= TF_USED;
            return true;
        }
    }
    np_t s = find_object(d, t + 1, upper);
    if (!np_found(s))
        return false;
    r->sp = s;
    r->cue = tspan(d, t, t + 2);
    d->toks[t].flags |= TF_USED;
    return true;
}

/* Does what stands between two quotes of one sentence, the tokens [t0,
** t1), leave the second in what the first one's speaker says?  Words
** that join two objects of one verb do ('called it “absurd” and a
** “provocation”'), and so does a report going on, by "that" or a
** reporting word ('had been “counted behind locked doors”, and that
** observers had been “kept out”', '“...,” he said, adding that it was
** “far from finished”').  A clause of its own does not: in 'called the
** plan “new” but it was “never” tested' the second pair of marks is the
** writer's. */
static bool report_goes_on(const doc_t *d, uint32_t t0, uint32_t t1)
{
    static const char *const join[] = {"and", "or", "nor", "but", "a", "an", "the", "even",
                                       "then", "also", "as", "not", NULL};
    bool joined = t1 <= t0 + 4;
    for (uint32_t t = t0; t < t1; t++) {
        const tok_t *k = &d->toks[t];
        if (!(k->flags & TF_WORD)) {
            joined = joined && (tok_punct(d, t, ',') || (k->flags & TF_QMARK));
            continue;
        }
        if (tok_is(d, t, "that") || (!(k->flags & TF_CAP) && (tok_cls(d, t) & LEX_REPORT)))
            return true;
        joined = joined && tok_in(d, t, join);
    }
    return joined;
}

static bool speaker_in_tail(doc_t *d, const quote_t *q, qres_t *r)
{
    if (q->close == UINT32_MAX)
        return false;
    uint32_t c = q->close, send = d->sents[d->toks[c].sent].t1;
    /* wide enough for "a senior official at the directorate, who spoke on
    ** condition of anonymity, told ..." */
    for (uint32_t t = c + 1; t < send && t < c + 24; t++) {
        if (d->toks[t].flags & TF_QOPEN)
            break;
        if (according_to(d, t, send, r))
            return true;
        /* '“…” and called on Brill to ...', '“…” and reserved the right
        ** to respond': the sentence goes on with its subject's next act */
        if (t == c + 1 && (tok_is(d, t, "and") || tok_is(d, t, "but")))
            return false;
        if (is_verb(d, t) && !(d->toks[t].flags & TF_USED)) {
            if (t > c + 1 && (tok_is(d, t - 1, "and") || tok_is(d, t - 1, "but")))
                return false;
            if (tok_is(d, t - 1, "to"))
                continue;          /* "the right to respond" */
            return try_verb(d, t, c + 1, send, r);
        }
    }
    return false;
}

static bool speaker_in_head(doc_t *d, const quote_t *q, qres_t *r)
{
    uint32_t o = q->open, s0 = d->sents[d->toks[o].sent].t0;
    uint32_t lower = s0;
    for (uint32_t t = o; t > s0; t--)
        if (d->toks[t - 1].flags & TF_QCLOSE) {
            lower = t;
            break;
        }
    for (uint32_t t = lower; t + 1 < o; t++)
        if (according_to(d, t, o, r))
            return true;
    /* the nearest reporting word with a subject ("the first call it
    ** received" has none: a noun, look further) */
    for (uint32_t t = o; t > lower; t--)
        if (is_verb(d, t - 1) && !(d->toks[t - 1].flags & TF_USED) &&
            try_verb(d, t - 1, lower, o, r))
            return true;
    /* 'called it "absurd" and a "provocation"': the verb before an earlier
    ** quote of the same sentence frames this one too */
    if (lower > s0 && q > d->quotes && q[-1].close != UINT32_MAX &&
        q[-1].close + 1 == lower && d->toks[q[-1].open].sent == d->toks[o].sent &&
        report_goes_on(d, lower, o)) {
        const assertion_t *p = NULL;
        for (size_t i = d->a->nassertions; i-- > d->first_new_assertion;) {
            const assertion_t *x = &d->a->assertions[i];
            if (x->kind == ASSERT_QUOTE && x->span.start == q[-1].start) {
                p = x;
                break;
            }
            if (x->span.start < q[-1].start)
                break;
        }
        if (p && span_present(p->cue_span)) {
            r->sp.ent = p->speaker;
            r->sp.span = p->speaker_span;
            r->cue = p->cue_span;
            return true;
        }
    }
    return false;
}

/* The sentence after the quote, when it opens with "He added ...". */
static bool speaker_next(doc_t *d, const quote_t *q, qres_t *r)
{
    uint32_t endt = q->close != UINT32_MAX ? q->close : q->last - 1;
    int32_t s = d->toks[endt].sent;
    /* only if the quote ends its sentence */
    uint32_t send = d->sents[s].t1;
    for (uint32_t t = endt + 1; t < send; t++)
        if (d->toks[t].flags & TF_WORD)
            return false;
    if ((size_t)s + 1 >= d->nsents)
        return false;
    /* and only a quote that is a sentence of its own */
    for (uint32_t t = d->sents[d->toks[q->open].sent].t0; t < q->open; t++)
        if (d->toks[t].flags & TF_WORD)
            return false;
    const sent_t *n = &d->sents[s + 1];
    if ((d->toks[n->t0].flags & TF_CAPTION) || d->toks[n->t0].para != d->toks[endt].para)
        return false;
    for (uint32_t t = n->t0; t < n->t1 && t < n->t0 + 6; t++) {
        if (d->toks[t].flags & TF_QMARK)
            return false;
        if (is_verb(d, t) && !(d->toks[t].flags & TF_USED)) {
            /* "He added that ..." reports something else */
            if (tok_is(d, t + 1, "that") || object_verb(d, t))
                return false;
            return try_verb(d, t, n->t0, n->t1, r);
        }
    }
    return false;
}

/* "X said:" closing the sentence (or paragraph) before the quote. */
static bool speaker_colon(doc_t *d, const quote_t *q, qres_t *r)
{
    uint32_t o = q->open;
    if (o == 0)
        return false;
    uint32_t p = o - 1;
    if (!tok_punct(d, p, ':'))
        return false;
    int32_t s = d->toks[p].sent;
    uint32_t s0 = d->sents[s].t0;
    for (uint32_t t = p; t > s0; t--)
        if (is_verb(d, t - 1) && !(d->toks[t - 1].flags & TF_USED))
            return try_verb(d, t - 1, s0, p, r);
    /* 'Rye: “The president is hiding.”': a name alone before the colon
    ** (interview and live-blog style) */
    uint32_t b = p;
    while (b > s0 && d->toks[b - 1].ment >= 0 && !d->ments[d->toks[b - 1].ment].in_quote)
        b = d->ments[d->toks[b - 1].ment].t0;
    for (uint32_t t = s0; t < b; t++)
        if ((d->toks[t].flags & TF_WORD) && !(tok_cls(d, t) & LEX_TITLE))
            return false;
    if (b < p && d->a->entities[d->toks[b].ent].kind != KIND_PLACE) {
        r->sp = np_mention(d, b);
        return true;
    }
    return false;
}

/* "the so-called “grain war”", "known locally as “the Chimney”" */
static bool scare_marked(const doc_t *d, const quote_t *q)
{
    static const char *const w[] = {"so-called", "dubbed", "nicknamed", "known", "labelled",
                                    "labeled", "branded", "termed", "titled", "entitled",
                                    "named", "headlined", "slogan", "slogans", "hashtag",
                                    "motto", "banner", "banners", "placard", "placards",
                                    "sign", "signs", "codenamed", "code-named", NULL};
    for (uint32_t t = q->open, n = 0; t > 0 && n < 3; t--, n++)
        if (tok_in(d, t - 1, w))
            return true;
    return false;
}

/* “The Long Table”, the “Obedient Courts Act”: every word capitalised
** (or a short function word inside) is a title, not speech. */
static bool title_case(const doc_t *d, const quote_t *q)
{
    if (q->nwords < 2 || q->nwords > 8)
        return false;
    for (uint32_t t = q->open + 1; t < q->last; t++) {
        const tok_t *k = &d->toks[t];
        if (!(k->flags & TF_WORD)) {
            if (k->cp == '.' || k->cp == ',' || k->cp == '!' || k->cp == '?')
                return false;
            continue;
        }
        if (!(k->flags & TF_CAP) && !(tok_cls(d, t) & LEX_STOP))
            return false;
    }
    return (d->toks[q->open + 1].flags & TF_CAP) != 0;
}

/* 'Maria Sill was less optimistic. “We need a new strategy ...”' and
** 'Ivan Kral said the party would fight on.¶“We have lost a battle ...”':
** a quote standing alone, with nothing to attribute it, goes to whoever
** reports something in the sentence just before it (the last of the
** paragraph before, when the quote opens a paragraph), or else to the
** person or body that sentence opens with. */
static bool opens_paragraph(const doc_t *d, const quote_t *q)
{
    return q->open == 0 || d->toks[q->open - 1].para != d->toks[q->open].para;
}

static bool speaker_prev(doc_t *d, const quote_t *q, qres_t *r)
{
    int32_t s = d->toks[q->open].sent;
    for (uint32_t t = d->sents[s].t0; t < q->open; t++)
        if (d->toks[t].flags & TF_WORD)
            return false;
    if (s == 0)
        return false;
    const sent_t *ps = &d->sents[s - 1];
    int32_t para = d->toks[q->open].para, ppara = d->toks[ps->t0].para;
    if ((d->toks[ps->t0].flags & TF_CAPTION) || para - ppara > 1)
        return false;
    for (uint32_t t = ps->t0; t < ps->t1; t++)
        if (d->toks[t].flags & TF_QMARK)
            return false;          /* its own quote has its own speaker */
    if (ppara != para && !opens_paragraph(d, q))
        return false;
    for (uint32_t t = ps->t0; t < ps->t1; t++)
        if (is_verb(d, t)) {
            np_t n = find_subject(d, t, ps->t0);
            if (n.ent >= 0 && span_present(n.span)) {
                r->sp = n;
                return true;
            }
            break;
        }
    uint32_t t = ps->t0;
    while (t < ps->t1 && t < ps->t0 + 3 && d->toks[t].ment < 0 &&
           (tok_cls(d, t) & (LEX_TITLE | LEX_STOP)))
        t++;
    if (t < ps->t1 && d->toks[t].ment >= 0 && d->a->entities[d->toks[t].ent].kind != KIND_PLACE) {
        r->sp = np_mention(d, t);
        return true;
    }
    if (t < ps->t1 && (tok_cls(d, t) & LEX_PRONOUN)) {
        r->sp = np_pronoun(d, t);
        return r->sp.ent >= 0;
    }
    return false;
}

/* A quote that is its sentence: no word outside its marks. */
static bool whole_sentence(const doc_t *d, const quote_t *q)
{
    if (q->close == UINT32_MAX)
        return false;
    const sent_t *s0 = &d->sents[d->toks[q->open].sent], *s1 = &d->sents[d->toks[q->close].sent];
    for (uint32_t t = s0->t0; t < q->open; t++)
        if (d->toks[t].flags & TF_WORD)
            return false;
    for (uint32_t t = q->close + 1; t < s1->t1; t++)
        if (d->toks[t].flags & (TF_WORD | TF_QMARK))
            return false;
    return true;
}

void annot_quotes(doc_t *d)
{
    learn_genders(d);
    int prev_ass = -1;
    int32_t prev_para = -10;
    /* A word or two in quote marks in a headline is the writer's irony or
    ** stress far more often than testimony, which the story gives with
    ** its source: scare quotes, whatever verb the headline has. */
    uint32_t head = d->headline_end;
    for (size_t i = 0; i < d->nquotes; i++) {
        const quote_t *q = &d->quotes[i];
        if (q->nwords == 0 || (d->toks[q->open].flags & TF_CAPTION))
            continue;
        if (q->open < head && q->nwords <= 2)
            continue;
        qres_t r = {np_none(), SPAN_NONE, false};
        bool framed = speaker_in_tail(d, q, &r) || speaker_in_head(d, q, &r) ||
            speaker_colon(d, q, &r);
        bool found = framed;
        int32_t para = d->toks[q->open].para;
        /* '“…,” Nyberg says. “Not once.”': a short sentence of its own
        ** right after someone's quote goes on with their words */
        bool short_more = q->nwords <= 3 && !framed && prev_ass >= 0 && para == prev_para &&
            whole_sentence(d, q);
        if (q->nwords <= 3 && !framed && !short_more)
            continue;              /* scare quotes, titles, single words */
        if (scare_marked(d, q) || title_case(d, q))
            continue;
        /* Unattributed, it goes on with the previous speaker's words: in
        ** the same paragraph, or opening the next one. */
        bool opens_para = q->open == 0 || d->toks[q->open - 1].para != para;
        if (!found && prev_ass >= 0 &&
            (para == prev_para || (para - prev_para == 1 && opens_para))) {
            const assertion_t *p = &d->a->assertions[prev_ass];
            r.sp.ent = p->speaker;
            r.sp.span = p->speaker_span;
            r.cue = p->cue_span;
            found = true;
        }
        if (!found)
            found = speaker_next(d, q, &r);
        if (!found && q->nwords >= 4 && (q->close == UINT32_MAX || whole_sentence(d, q)))
            found = speaker_prev(d, q, &r);
        if (!found && q->nwords < 8)
            continue;
        span_t span = {q->start, q->end};
        int a = add_assertion(d, ASSERT_QUOTE, span, r.sp, r.cue);
        if (a >= 0) {
            prev_ass = a;
            uint32_t lastt = q->close != UINT32_MAX ? q->close : q->last - 1;
            prev_para = d->toks[lastt].para;
        }
    }
}

/* ---- claims ------------------------------------------------------------------ */

/* Verbs whose object is itself what is asserted ("denied any role"). */
/* "X rejected the accusation. Its spokesman said ...": when the rest of
** the sentence or the next one in the paragraph reports what was said,
** that is the claim, and the bare rejection only announces it. */
static bool elaborated(const doc_t *d, uint32_t v)
{
    int32_t si = d->toks[v].sent;
    uint32_t end = d->sents[si].t1;
    if ((size_t)si + 1 < d->nsents && d->toks[d->sents[si + 1].t0].para == d->toks[v].para)
        end = d->sents[si + 1].t1;
    for (uint32_t t = v + 1; t < end; t++) {
        /* "rejected the accusation as “absurd”" is the rejection itself */
        if ((d->toks[t].flags & TF_QMARK) && t >= d->sents[si].t1)
            return true;
        if ((d->toks[t].flags & TF_WORD) && !(d->toks[t].flags & TF_CAP) &&
            (tok_cls(d, t) & LEX_REPORT) && !tok_is(d, t, "accusation"))
            return true;
    }
    return false;
}

static bool object_verb(const doc_t *d, uint32_t v)
{
    /* not "rejected" or "dismissed": their object names what is rejected
    ** ("the accusation"), it does not assert anything */
    static const char *const stems[] = {"den", "acknowledg", "blam", "accus", "admit",
                                        "confirm", "alleg", NULL};
    const char *f = tok_fold(d, v);
    /* "denied bail to Hale", "was denied entry": an act of refusing, with
    ** no assertion in its object */
    if (annot_refusal(d, v))
        return false;
    for (int i = 0; stems[i]; i++)
        if (strncmp(f, stems[i], strlen(stems[i])) == 0)
            return true;
    if (strncmp(f, "claim", 5) == 0 && tok_is(d, v + 1, "responsibility"))
        return true;
    /* ... unless what is rejected is a charge: "rejected the accusation
    ** as absurd" answers an accusation, as a denial does */
    if (strncmp(f, "reject", 6) == 0 || strncmp(f, "dismiss", 7) == 0) {
        static const char *const charges[] = {"accusation", "accusations", "allegation",
                                              "allegations", "charge", "charges", "claim",
                                              "claims", "suggestion", NULL};
        bool charge = false;
        for (uint32_t t = v + 1; t < v + 4 && t < d->ntoks && !charge; t++)
            charge = tok_in(d, t, charges);
        return charge && !elaborated(d, v);
    }
    return false;
}

/* Verbs that take a reported clause without "that" ("said the talks
** failed").  Others ("told reporters", "urged judges", "called on") name
** an addressee or an action first and report a claim only with "that". */
static bool bare_clause_verb(const doc_t *d, uint32_t v)
{
    static const char *const stems[] = {"sa", "claim", "insist", "suggest", "believ", "argu",
                                        "maintain", "warn", "stat", "add", "alleg", "assert",
                                        "contend", "predict", "think", "thought", NULL};
    const char *f = tok_fold(d, v);
    for (int i = 0; stems[i]; i++)
        if (strncmp(f, stems[i], strlen(stems[i])) == 0)
            return true;
    return false;
}

static bool clause_opener(const doc_t *d, uint32_t t)
{
    /* words after "said" that do not open the reported clause */
    static const char *const not_clause[] = {
        "on", "in", "at", "after", "before", "during", "while", "when", "yesterday",
        "today", "earlier", "later", "late", "also", "again", "to", "through", "by",
        "with", "as", "so", "and", "but", "or", "of", "for", "from", "about", "in",
        "last", "this", "next", "repeatedly", "publicly", "privately", "only", "once",
        "then", "afterwards", "nothing", "something", "anything", "goodbye", "sorry",
        "thanks", "yes", "no.", "not", "was", "were", "is", "are", "had", "has", "would",
        "will", "could", "should", "may", "might", "must", "can", "outside", "inside",
        "near", "behind", "under", "over", "into", "across", "against", "without", "via",
        "following", "amid", "ahead", "upon", "within", "late", NULL};
    static const char *const w[] = {"the", "a", "an", "it", "he", "she", "they", "there",
                                    "this", "his", "her", "its", "their", "no", "we", "i",
                                    "those", "these", "some", "any", "nothing", NULL};
    const tok_t *k = &d->toks[t];
    if (!(k->flags & TF_WORD))
        return false;
    if (k->flags & TF_CAP)
        return !(tok_cls(d, t) & LEX_STOP) || tok_in(d, t, w);
    if (tok_in(d, t, w))
        return true;
    return !tok_in(d, t, not_clause) && !(tok_cls(d, t) & (LEX_REPORT | LEX_PRONOUN)) &&
        !(k->flags & TF_DIGIT);
}

/* The end of a claimed clause starting at t0: the sentence end, before a
** quote or a trailing "according to" / backing phrase. */
static uint32_t clause_end(const doc_t *d, uint32_t t0, uint32_t send)
{
    uint32_t e = t0;
    for (uint32_t t = t0; t < send; t++) {
        const tok_t *k = &d->toks[t];
        /* a partial quote inside the clause stays in it; a quote opening
        ** after a comma or colon is a new statement */
        if ((k->flags & TF_QOPEN) && t > t0 && !(d->toks[t - 1].flags & TF_WORD))
            break;
        if ((k->flags & TF_QMARK) && !(k->flags & (TF_QOPEN | TF_QCLOSE)))
            break;
        /* ", but the ministry claimed ...": a second report */
        if (tok_punct(d, t, ',') || tok_punct(d, t, ';')) {
            bool report = false;
            for (uint32_t x = t + 1; x < send && x < t + 7 && !report; x++)
                report = (d->toks[x].flags & TF_WORD) && !(d->toks[x].flags & TF_CAP) &&
                    d->toks[x].q < 0 && (tok_cls(d, x) & LEX_REPORT) &&
                    !tok_is(d, x, "state") && !tok_is(d, x, "report");
            if (report)
                break;
        }
        /* what follows a comma and one of these is circumstance, not
        ** what is claimed ("..., hours after the group claimed ...") */
        static const char *const stop[] = {
            "according", "which", "he", "she", "said", "hours", "days", "weeks", "after",
            "before", "while", "when", "as", "despite", "although", "though", "even",
            "since", "until", "who", "whose", "where", "amid",
            /* ", calling the request ...": a second statement of the
            ** subject's, often a quote with its own source */
            "calling", "saying", "adding", "describing", "accusing", "insisting", "arguing",
            "noting", "claiming", "warning", "branding", "dismissing", NULL};
        if (tok_punct(d, t, ',') && (tok_in(d, t + 1, stop) ||
                                      (tok_is(d, t + 1, "a") && tok_is(d, t + 2, "claim"))))
            break;
        if (tok_is(d, t, "and") && t + 1 < send && is_verb(d, t + 1))
            break;      /* "... and said ...": a second report */
        if (!(k->flags & TF_WORD) && (k->cp == '.' || k->cp == '!' || k->cp == '?' ||
                                      k->cp == ';'))
            break;
        e = t + 1;
    }
    while (e > t0 && !(d->toks[e - 1].flags & TF_WORD) && d->toks[e - 1].cp != ')')
        e--;
    /* 'a work of fiction”': a quote opened inside the clause keeps its
    ** closing mark */
    if (e < send && (d->toks[e].flags & TF_QCLOSE)) {
        int open = 0;
        for (uint32_t t = t0; t < e; t++)
            open += (d->toks[t].flags & TF_QOPEN) ? 1 : (d->toks[t].flags & TF_QCLOSE) ? -1 : 0;
        if (open > 0)
            e++;
    }
    return e;
}

static int words_in(const doc_t *d, uint32_t t0, uint32_t t1)
{
    int n = 0;
    for (uint32_t t = t0; t < t1; t++)
        n += (d->toks[t].flags & TF_WORD) != 0;
    return n;
}

/* Is v the cue after a closing quote mark (“…,” Lind said ...)? */
static bool quote_tail(const doc_t *d, uint32_t v, const sent_t *s)
{
    for (uint32_t t = v, n = 0; t > s->t0 && n < 8; t--, n++)
        if (d->toks[t - 1].flags & TF_QCLOSE)
            return true;
    return false;
}

/* Is the "that" at t, some words after the reporting verb at v, a
** relative pronoun of the verb's object rather than the start of a
** reported clause?  "denied any role in the blast that destroyed the
** depot", "said the blast that destroyed the depot was an accident":
** what is denied or said is the whole phrase, not "destroyed the
** depot".  Not after an addressee ("told the court that"), a time or
** place ("said on Monday that"), a charge ("denied the reports that"),
** a comma or another reporting word ("..., saying that"). */
static bool relative_that(const doc_t *d, uint32_t v, uint32_t t)
{
    static const char *const det[] = {"the", "a", "an", "any", "all", "its", "their", "his",
                                       "her", "some", NULL};
    static const char *const charges[] = {"accusation", "accusations", "allegation",
                                          "allegations", "charge", "charges", "claim",
                                          "claims", "suggestion", "suggestions", "report",
                                          "reports", "rumour", "rumours", "rumor", "rumors",
                                          "assertion", "assertions", "view", "idea", "fact",
                                          "notion", "impression", "evidence", "belief",
                                          "statement", "statements", NULL};
    if (t <= v + 2 || addressee_verb(d, v))
        return false;
    uint32_t w1 = v + 1;
    const tok_t *k = &d->toks[w1];
    if (!(k->flags & TF_WORD) || (k->flags & TF_CAP))
        return false;
    if (!tok_in(d, w1, det) && !(object_verb(d, v) && clause_opener(d, w1) &&
                                  !(tok_cls(d, w1) & (LEX_STOP | LEX_FUNC))))
        return false;
    for (uint32_t u = w1; u < t; u++) {
        if (!(d->toks[u].flags & TF_WORD) || (tok_cls(d, u) & LEX_REPORT))
            return false;
    }
    /* the word before: a noun of the object, not a charge, a preposition
    ** or a word of time */
    return !tok_in(d, t - 1, charges) && !(tok_cls(d, t - 1) & (LEX_STOP | LEX_FUNC)) &&
           !(d->toks[t - 1].flags & (TF_CAP | TF_DIGIT));
}

/* "rejected claims that budget cuts led to the collapse", "denied
** reports that troops had crossed": what is rejected is the charge, and
** the claim is that whole object, as for "rejected the accusation" or
** "denied all charges".  Its clause alone, "budget cuts led to the
** collapse", would read as the very thing the rejecter asserts.  True
** when v is such a verb and the "that" at t follows a charge word,
** after at most a determiner and a modifier or two. */
static bool rejects_charge(const doc_t *d, uint32_t v, uint32_t t)
{
    /* (the charge words annot_relations.c reads the same way) */
    static const char *const charges[] = {"accusation", "accusations", "allegation",
                                          "allegations", "charge", "charges", "claim",
                                          "claims", "suggestion", "suggestions", "report",
                                          "reports", NULL};
    const char *f = tok_fold(d, v);
    if (!(strncmp(f, "den", 3) == 0 || strncmp(f, "reject", 6) == 0 ||
          strncmp(f, "dismiss", 7) == 0) || annot_refusal(d, v))
        return false;
    if (t < v + 2 || t > v + 5 || !tok_in(d, t - 1, charges))
        return false;
    for (uint32_t u = v + 1; u < t; u++)
        if (!(d->toks[u].flags & TF_WORD) || d->toks[u].q >= 0 ||
            ((tok_cls(d, u) & LEX_REPORT) && u != t - 1))
            return false;
    return true;
}

static int claim_from_verb(doc_t *d, uint32_t v, const sent_t *s, np_t *last)
{
    /* "X claimed responsibility for the bombing, saying its fighters had
    ** ...": the participle's subject is the last report's, in this
    ** sentence */
    static const char *const participles[] = {"saying", "adding", "insisting", "arguing",
                                              "claiming", NULL};
    if (v > s->t0 + 1 && tok_punct(d, v - 1, ',') && tok_in(d, v, participles) &&
        np_found(*last) && last->t1 > s->t0 && last->t1 < v && last->ent >= 0) {
        np_t sp = *last;
        uint32_t c0 = v + 1;
        if (tok_is(d, c0, "that"))
            c0++;
        uint32_t c1 = clause_end(d, c0, s->t1);
        if (c1 > c0 + 2 && !(d->toks[c0].flags & TF_QMARK) && d->toks[c0].q < 0) {
            d->toks[v].flags |= TF_USED | TF_CLAIMED;
            return add_assertion(d, ASSERT_CLAIM, tspan(d, c0, c1), sp, tspan(d, v, v + 1));
        }
        return -1;
    }
    np_t sp = find_subject(d, v, s->t0);
    /* "X rejected the accusation and said ...": X again; failing a
    ** claim before, the name that opens the sentence */
    if (!np_found(sp) && v > s->t0 && tok_is(d, v - 1, "and")) {
        if (last->t1 > s->t0 && last->t1 < v) {
            sp = *last;
        } else {
            for (uint32_t t = s->t0; t < v && t < s->t0 + 4; t++) {
                if (d->toks[t].ment >= 0 && d->toks[t].q < 0 &&
                    d->ments[d->toks[t].ment].t1 < v) {
                    sp = np_mention(d, t);
                    break;
                }
            }
        }
    }
    if (!np_found(sp))
        return -1;
    /* "two men it accuses of starting the fire": the accused is the
    ** antecedent, and "of starting the fire" alone claims nothing */
    if ((strncmp(tok_fold(d, v), "accus", 5) == 0 || strncmp(tok_fold(d, v), "blam", 4) == 0) &&
        (tok_is(d, v + 1, "of") || tok_is(d, v + 1, "for")))
        return -1;
    *last = sp;
    uint32_t c0 = 0;
    for (uint32_t t = v + 1; t < s->t1 && t < v + 12; t++) {
        if ((d->toks[t].flags & TF_QMARK) || tok_punct(d, t, ':') || tok_punct(d, t, '.'))
            break;
        /* "said they had intelligence confirming that ...": the clause
        ** has begun before any "that" */
        if ((tok_cls(d, t) & LEX_PRONOUN) || tok_is(d, t, "there"))
            break;
        if (tok_is(d, t, "that")) {
            /* "said the exits had not been locked and that ...": the
            ** report began before the first clause, which has no "that" */
            if (t > v + 3 && tok_is(d, t - 1, "and") && (d->toks[v + 1].flags & TF_WORD))
                c0 = v + 1;
            else if (rejects_charge(d, v, t))
                c0 = v + 1;
            else if (!relative_that(d, v, t))
                c0 = t + 1;
            break;
        }
    }
    /* "told local television she had heard ...": after the addressee, a
    ** subject pronoun opens the reported clause */
    if (!c0 && (strncmp(tok_fold(d, v), "tol", 3) == 0 || strncmp(tok_fold(d, v), "tell", 4) == 0)) {
        static const char *const subj[] = {"he", "she", "they", "it", "we", "i", NULL};
        for (uint32_t t = v + 2; t < s->t1 && t < v + 6; t++) {
            if (!(d->toks[t].flags & TF_WORD))
                break;
            if (tok_in(d, t, subj)) {
                c0 = t;
                break;
            }
        }
    }
    if (!c0 && sp.ent >= 0 && !quote_tail(d, v, s)) {
        /* "The death toll rose to 52, the ministry said.": the clause
        ** before the comma, when the report closes the sentence */
        uint32_t e = v + 1;
        while (e < s->t1 && !(d->toks[e].flags & TF_WORD))
            e++;
        uint32_t c = sp.t0;
        while (c > s->t0 && (tok_is(d, c - 1, "the") || tok_is(d, c - 1, "a")))
            c--;
        if ((e >= s->t1 || tok_is(d, e, "on") || tok_is(d, e, "in")) && c > s->t0 + 2 &&
            tok_punct(d, c - 1, ',')) {
            uint32_t c1 = c - 1;
            bool quoted = false;
            for (uint32_t t = s->t0; t < c1 && !quoted; t++)
                quoted = d->toks[t].q >= 0 || (d->toks[t].flags & TF_QMARK);
            if (!quoted && words_in(d, s->t0, c1) >= 3) {
                d->toks[v].flags |= TF_USED | TF_CLAIMED;
                *last = sp;
                return add_assertion(d, ASSERT_CLAIM, tspan(d, s->t0, c1), sp,
                                     tspan(d, v, v + 1));
            }
        }
    }
    if (!c0) {
        if (v + 1 >= s->t1 || (d->toks[v + 1].flags & TF_QMARK))
            return -1;
        /* a quote's cue ("..., Lind said outside the court") reports no
        ** further clause unless "that" introduces one */
        if (object_verb(d, v) ||
            (bare_clause_verb(d, v) && clause_opener(d, v + 1) && !quote_tail(d, v, s)))
            c0 = v + 1;
        else
            return -1;
    }
    if (d->toks[c0].flags & TF_QMARK)
        return -1;          /* X said “...”: a direct quote, which the quote pass has */
    uint32_t c1 = clause_end(d, c0, s->t1);
    if (words_in(d, c0, c1) < 2)
        return -1;
    int outside = 0;
    for (uint32_t t = c0; t < c1; t++)
        outside += (d->toks[t].flags & TF_WORD) && d->toks[t].q < 0;
    if (outside < 2)
        return -1;          /* all quote: the quote pass has it */
    d->toks[v].flags |= TF_USED | TF_CLAIMED;
    return add_assertion(d, ASSERT_CLAIM, tspan(d, c0, c1), sp, tspan(d, v, v + 1));
}

/* "according to the port authority", "according to local officials":
** a body named by common nouns, ending in an organisation word or a noun
** for a group of people (not "the provisional count"). */
static bool body_phrase(doc_t *d, np_t *sp, uint32_t from)
{
    if (sp->ent >= 0 || !span_present(sp->span) || sp->t1 <= from || sp->t1 - from > 4)
        return false;
    sp->t0 = from;
    uint32_t h = sp->t1 - 1;
    for (uint32_t t = sp->t0; t < sp->t1; t++)
        if (!(d->toks[t].flags & TF_WORD) || (d->toks[t].flags & TF_CAP) || d->toks[t].q >= 0)
            return false;
    if (!(tok_cls(d, h) & LEX_ORG) && !tok_in(d, h, group_nouns))
        return false;
    const char *f = tok_fold(d, h);
    size_t n = strlen(f);
    /* a body or a group speaks; one "official" or "source" is no entity */
    if (!(tok_cls(d, h) & LEX_ORG) && f[n - 1] != 's' && !tok_is(d, h, "police"))
        return false;
    sp->ent = annot_phrase_entity(d, sp->t0, sp->t1);
    sp->span.start = d->toks[sp->t0].start;
    return sp->ent >= 0;
}

static void claim_according(doc_t *d, uint32_t t, const sent_t *s)
{
    np_t sp = find_object(d, t + 1, s->t1);
    /* "according to a statement from X" */
    if (!np_found(sp) || sp.ent < 0) {
        uint32_t o = t + 2;
        if (tok_is(d, o, "a") || tok_is(d, o, "an") || tok_is(d, o, "the"))
            o++;
        static const char *const media[] = {"statement", "report", "post", "letter", "message",
                                            "communique", "release", "document", "note", NULL};
        if (o + 1 < s->t1 && tok_in(d, o, media) &&
            (tok_is(d, o + 1, "from") || tok_is(d, o + 1, "by") || tok_is(d, o + 1, "of"))) {
            np_t x = find_object(d, o + 1, s->t1);
            if (np_found(x) && x.ent >= 0)
                sp = x;
        }
    }
    if (!np_found(sp))
        return;
    if (sp.ent < 0 && !body_phrase(d, &sp, t + 2))
        return;
    uint32_t c0, c1;
    bool front = true;
    for (uint32_t k = s->t0; k < t; k++)
        if (d->toks[k].flags & TF_WORD)
            front = false;
    if (front) {
        uint32_t k = sp.t1;
        while (k < s->t1 && !tok_punct(d, k, ','))
            k++;
        c0 = k + 1;
        c1 = clause_end(d, c0, s->t1);
    } else {
        c0 = s->t0;
        c1 = t;
        while (c1 > c0 && !(d->toks[c1 - 1].flags & TF_WORD))
            c1--;
    }
    if (c0 >= c1 || words_in(d, c0, c1) < 3)
        return;
    for (uint32_t k = c0; k < c1; k++)
        if (d->toks[k].q >= 0 || (d->toks[k].flags & TF_QMARK))
            return;
    d->toks[t].flags |= TF_USED;
    add_assertion(d, ASSERT_CLAIM, tspan(d, c0, c1), sp, tspan(d, t, t + 2));
}

/* "..., a claim backed up by X": X's claim, supporting what came before. */
/* "The claim was backed up by X." as a sentence of its own: the
** subject is a word for what was said ("The claim", "Her account",
** "These figures"), and what is backed is the last statement before it,
** in the sentence before or the one before that.  -1 if the sentence
** opens otherwise or no statement is found. */
static int backed_before(doc_t *d, uint32_t t, const sent_t *s)
{
    static const char *const det[] = {"the", "this", "that", "these", "those", "its", "his",
                                      "her", "their", NULL};
    /* not "The accusation was echoed by X": that names an accusation
    ** made anywhere before, seldom the statement just before it (often
    ** the accused's answer) */
    static const char *const said[] = {"claim", "claims", "account", "accounts", "version",
                                       "assertion", "statement", "figure", "figures",
                                       "finding", "findings", "report", "estimate", NULL};
    static const char *const aux[] = {"was", "were", "is", "are", "has", "have", "been",
                                      "later", "also", "since", "quickly", NULL};
    uint32_t u = s->t0;
    if (!tok_in(d, u, det) || !tok_in(d, u + 1, said))
        return -1;
    for (u += 2; u < t; u++)
        if (!tok_in(d, u, aux))
            return -1;
    int32_t si = d->toks[s->t0].sent;
    if (si == 0)
        return -1;
    int64_t lo = (int64_t)d->toks[d->sents[si > 1 ? si - 2 : 0].t0].start;
    int64_t hi = (int64_t)d->toks[s->t0].start;
    int best = -1;
    for (size_t i = 0; i < d->a->nassertions; i++) {
        const assertion_t *q = &d->a->assertions[i];
        if (q->span.end <= hi && q->span.start >= lo &&
            (best < 0 || q->span.end > d->a->assertions[best].span.end))
            best = (int)i;
    }
    return best;
}

static void claim_backing(doc_t *d, uint32_t t, int len, const sent_t *s)
{
    uint32_t by = t + (uint32_t)len - 1;
    if (!tok_is(d, by, "by")) {
        by++;
        if (!tok_is(d, by, "by"))
            return;
    }
    np_t sp = find_object(d, by, s->t1);
    if (!np_found(sp))
        return;
    /* what is backed: the clause before the comma that opens the phrase */
    uint32_t comma = t;
    while (comma > s->t0 && !tok_punct(d, comma, ','))
        comma--;
    int prev = -1;
    if (comma <= s->t0) {
        prev = backed_before(d, t, s);
    } else {
        span_t what = tspan(d, s->t0, comma);
        for (size_t i = d->a->nassertions, n = 0; i-- > 0 && n < 8; n++) {
            const assertion_t *q = &d->a->assertions[i];
            if (q->span.start < what.end && what.start < q->span.end) {
                prev = (int)i;
                break;
            }
        }
    }
    if (prev < 0 || sp.ent < 0 || d->a->assertions[prev].speaker == sp.ent)
        return;
    /* The backer's own words, when the sentence goes on to report them
    ** ("..., who told local television that ..."), are its claim; else
    ** the backing phrase stands for it. */
    size_t before = d->a->nassertions;
    np_t last = sp;
    for (uint32_t v = sp.t1; v < s->t1; v++)
        if (is_verb(d, v) && claim_from_verb(d, v, s, &last) >= 0)
            break;
    int me = -1;
    for (size_t i = before; i < d->a->nassertions; i++)
        if (d->a->assertions[i].speaker == sp.ent)
            me = (int)i;
    /* Else the backer claims what it backs: that span, not the words
    ** "backed up by X" */
    if (me < 0)
        me = add_assertion_dup(d, ASSERT_CLAIM, d->a->assertions[prev].span, sp,
                               tspan(d, t, by + 1), true);
    if (me >= 0) {
        relation_t *r = article_add_relation(d->a);
        r->type = REL_SUPPORTS;
        r->origin = ORIGIN_AUTO;
        r->from.index = me;
        r->to.index = prev;
    }
}

void annot_claims(doc_t *d)
{
    for (size_t si = 0; si < d->nsents; si++) {
        const sent_t *s = &d->sents[si];
        if (d->toks[s->t0].flags & TF_CAPTION)
            continue;
        np_t last = np_none();
        for (uint32_t t = s->t0; t < s->t1; t++) {
            const tok_t *k = &d->toks[t];
            if (!(k->flags & TF_WORD) || k->q >= 0 || (k->flags & TF_CLAIMED))
                continue;
            if (tok_is(d, t, "according") && tok_is(d, t + 1, "to")) {
                claim_according(d, t, s);
                continue;
            }
            int len;
            if (!(k->flags & TF_CAP) && (tok_cls(d, t) & (LEX_SUPPORT | LEX_PREFIX)) &&
                (len = annot_phrase(d, t, LEX_SUPPORT, NULL)) > 0 &&
                (tok_is(d, t + (uint32_t)len - 1, "by") || tok_is(d, t + (uint32_t)len, "by"))) {
                claim_backing(d, t, len, s);
                t += (uint32_t)len;
                continue;
            }
            if (is_verb(d, t))
                claim_from_verb(d, t, s, &last);
        }
    }
}
