/*
** annot_relations.c: proposed contradicts/supports relations between the
** article's assertions (quotes and claims, imported ones included).
**
** Two assertions contradict when their sources differ, exactly one of
** them negates (a denial word in its cue or in the first sentence of its
** text: "denied", "no connection", "refuse to believe"; a bare
** "not"/"never" only near its start, and then only when the words it
** governs are what the other one asserts, on its verb when it negates
** a predicate; idioms and hedges such as "not the first time" or "not
** yet clear what" deny nothing; nor does a bare negation dispute a
** statement that is itself negative in meaning about what it governs,
** "had received no pens" against "had run out of pens"), and they are
** about the same thing: they share an entity (what is named in the
** text; for a denial, or a claim naming nobody, also its source, since
** "Kyiv denied any involvement" is about Kyiv, though a claim opening on
** a thing, "samples of the tea contained ...", or accusing "him" is about
** that thing or person) AND a content word or synonym group ("behind" ~
** "involvement"); a sweeping denied clause ("denied that any officer
** closed the gate") may meet on any verb what names what it is about
** and one more of its words.  Statements about different members of a
** numbered series ("bridge 4", "bridge 9") or about different years
** answer each other neither way.  One backs another
** when it carries a backing cue ("confirmed", "echoed") and otherwise
** agrees on the same terms.  A wrong contradiction misleads a reader more
** than a missing one, so every test errs toward silence.
**
** Cost stays linear: each assertion is compared only with the last few
** assertions filed under each of its entities.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "annot_internal.h"

/* Built with -DRELATIONS_DEBUG, the pass says on stderr which test
** turned down each pair it looked at (by source line), for studying
** missed disputes; compiled out otherwise. */
#ifdef RELATIONS_DEBUG
#include <stdio.h>
#define RELDBG() fprintf(stderr, "RELDBG %lld %lld neg=%d/%d line=%d\n", \
                           (long long)a->assertions[i].span.start, (long long)a->assertions[j].span.start, \
                           fi->neg, f[j].neg, __LINE__)
#else
#define RELDBG() ((void)0)
#endif

#define MAX_TOPICS 8
#define MAX_KEYS 24
#define RECENT 8           /* assertions remembered per topic or key */
#define SPAN_TOKENS 200    /* tokens of one assertion looked at */

typedef struct facts {
    int speaker;
    bool neg, backing, usable;
    bool self;             /* speaks of itself: "its fighters carried out ..." */
    bool thing;            /* ... or names nobody but opens on a thing, not a pronoun
                           ** or a possessive ("samples of the tea contained ...") */
    bool weak;             /* negative only by a bare "not"/"no"/"never" */
    bool verbal;           /* ... and its scope is a predicate, not a thing ("no money") */
    uint32_t negtok;       /* ... the token of that bare negation */
    uint32_t obj;          /* the object of a denied clause's or negated predicate's
                           ** verb, as a key ("closed | the library"), or 0 */
    bool clause;           /* a cue denies a that-clause: scope holds its predicate */
    bool gerund;           /* ... or a gerund: "denied firing on the village" */
    uint32_t blanket;      /* ... a sweeping one ("denied that any officer closed the
                           ** gate", "the ship had ever switched off its beacon"): the
                           ** key of what it is about (officer, ship), else 0 */
    int nominal;           /* the body "the group" at its start stands for, or -1 */
    bool future_neg;       /* "would not raise prices": a negated future or intent */
    bool future;           /* speaks of what will be: will, would, shall, going to */
    uint32_t when;         /* days (bits 0-6) and months (7-18) it names */
    int ndes;              /* numbered things it names ("bridge 4", "Pier 7"): */
    uint32_t des[4];       /* ... the noun's key */
    uint32_t desnum[4];    /* ... and its number's */
    int nyears;
    uint32_t years[4];     /* the years it names (1800-2199) */
    bool judged;           /* negative by calling a charge false ("The accusations
                           ** ... are absurd"): it answers an accusation, or what
                           ** shares more than one word with it */
    int nact;
    uint32_t act[6];       /* keys of its first clause, less involvement and charge words:
                           ** the act a denial of a part in something names */
    int nscope;
    uint32_t scope[8];     /* keys and topics of the words that negation governs */
    bool scope_topic[8];   /* that one is a topic (an entity), not a key */
    int nspan;             /* topics named in the text itself (the first ones) */
    bool accuse;           /* lays an act at someone's door: "blamed X", "X was behind it" */
    bool invdeny;          /* denies a part in something: "denied any involvement" */
    bool foreign;          /* ... of any foreign hand, naming no one */
    bool where[MAX_TOPICS];/* that topic is where something happened ("in Tessaly") */
    int ntopics, nkeys;
    uint32_t topics[MAX_TOPICS];
    uint32_t keys[MAX_KEYS];
} facts_t;

/* The token holding byte b.  The search runs over a dense copy of the
** tokens' end offsets (tend, built once per pass) rather than over the
** tokens themselves: on a 10 MB article the token array is over 100 MB,
** and a binary search through it missed the cache at every step (a
** quarter of the pass's time, measured with perf). */
static uint32_t first_tok(const doc_t *d, int64_t b)
{
    const uint32_t *te = d->tend;
    size_t lo = 0, hi = d->ntoks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((int64_t)te[mid] <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

static bool weak_negation(const doc_t *d, uint32_t t)
{
    const char *f = tok_fold(d, t);
    size_t n = strlen(f);
    return strcmp(f, "not") == 0 || strcmp(f, "never") == 0 || strcmp(f, "no") == 0 ||
        strcmp(f, "nothing") == 0 || strcmp(f, "nobody") == 0 || strcmp(f, "none") == 0 ||
        strcmp(f, "cannot") == 0 || (n > 3 && strcmp(f + n - 3, "n't") == 0);
}

/* "Nobody decided this but the voters", "nothing but lies": an
** exceptive, which asserts ("only the voters decided") rather than
** negates.  True when t is nobody/nothing/none and "but" follows it
** within its clause. */
static bool exceptive(const doc_t *d, uint32_t t, int64_t end)
{
    if (!tok_is(d, t, "nobody") && !tok_is(d, t, "nothing") && !tok_is(d, t, "none"))
        return false;
    for (uint32_t u = t + 1; u < d->ntoks && u < t + 12 && (int64_t)d->toks[u].start < end;
         u++) {
        const tok_t *k = &d->toks[u];
        if (!(k->flags & TF_WORD)) {
            if (k->cp == ',' || k->cp == ';' || k->cp == '.' || k->cp == ':')
                return false;
            continue;
        }
        if (tok_is(d, u, "but") || tok_is(d, u, "except"))
            return true;
    }
    return false;
}

/* "This is not a fence, it is a border", "It was not a protest but a
** riot": a contrastive negation, which sets one name for a thing against
** another; it denies no event, and a statement that merely calls the thing
** a fence is no claim that it is one.  True when "not" follows a copula
** and its clause is answered, after a comma, by a new copula clause ("it
** is ...") or by "but".  "decided by a calculator, not by voters" is no
** such case: there "not" denies who decided. */
static bool contrastive(const doc_t *d, uint32_t t, int64_t end)
{
    if (!tok_is(d, t, "not"))
        return false;
    static const char *const cop[] = {"is", "was", "are", "were", "'s", NULL};
    bool after_copula = false;
    for (int i = 0; cop[i] && t > 0 && !after_copula; i++)
        after_copula = tok_is(d, t - 1, cop[i]);
    if (!after_copula)
        return false;
    bool comma = false;
    for (uint32_t u = t + 1; u < d->ntoks && u < t + 12 && (int64_t)d->toks[u].start < end;
         u++) {
        const tok_t *k = &d->toks[u];
        if (!(k->flags & TF_WORD)) {
            if (k->cp == ',')
                comma = true;
            else if (k->cp == '.' || k->cp == ';' || k->cp == ':')
                return false;
            continue;
        }
        if (tok_is(d, u, "but") && !comma)
            return true;
        if (comma) {
            /* ", it is a border", ", but a riot" */
            if (tok_is(d, u, "but"))
                return true;
            bool subj = tok_is(d, u, "it") || tok_is(d, u, "this") || tok_is(d, u, "that") ||
                        tok_is(d, u, "they");
            if (!subj)
                return false;
            for (int i = 0; cop[i]; i++)
                if (tok_is(d, u + 1, cop[i]))
                    return true;
            return false;
        }
    }
    return false;
}

/* Is the sentence holding token t a question ("Why did nobody stop the
** ferry?")?  A question asserts nothing, its negations least of all. */
static bool in_question(const doc_t *d, uint32_t t)
{
    /* the first stop after it ends its sentence, or the quoted one
    ** inside it ("Why did nobody stop it?" she asked.) */
    uint32_t end = d->sents[d->toks[t].sent].t1;
    for (uint32_t u = t + 1; u < end && u < t + 60; u++) {
        const tok_t *k = &d->toks[u];
        if (k->flags & TF_WORD)
            continue;
        if (k->cp == '?')
            return true;
        if (k->cp == '.' || k->cp == '!')
            return false;
    }
    return false;
}

/* Does the negation ending just before token t (its first word after
** it) leave a question open rather than deny ("not clear what caused
** it", "no evidence yet about who planted the bomb", "did not know
** whether")?  What it says is that nobody knows; a statement that does
** know is no contradiction of it. */
static bool open_question(const doc_t *d, uint32_t t)
{
    static const char *const wh[] = {"who", "what", "whether", "which", "how", "why",
                                     "where", "if", NULL};
    static const char *const yet[] = {"yet", "so", "far", "immediately", NULL};
    /* "nothing to do with what happened", "any part in what followed":
    ** the clause names the act, and the negation denies a part in it */
    static const char *const preps[] = {"with", "in", "to", "for", "from", "by", NULL};
    for (uint32_t u = t; u < t + 4 && u < d->ntoks; u++) {
        if (!(d->toks[u].flags & TF_WORD) || tok_in(d, u, preps))
            return false;
        if (tok_in(d, u, wh) || (u == t && tok_in(d, u, yet)))
            return true;
    }
    return false;
}

/* News idioms whose negation asserts, hedges or withholds rather than
** denies: "not only ... but also", "not the first time", "it is no
** secret", "no sooner had", "not surprised", "not clear", "does not
** mean", "never been closer", "had never seen anything like it",
** "cannot comment", and a negation in a question.  Each of these once
** turned a statement on the same matter into a false contradiction;
** a missed dispute costs less than a wrong one. */
static bool idiom_negation(const doc_t *d, uint32_t t)
{
    if (in_question(d, t))
        return true;
    uint32_t u = t + 1;
    /* a hedging adverb may come between: "not yet clear", "not
    ** immediately known", "not entirely surprised" */
    static const char *const adv[] = {"yet", "immediately", "entirely", "fully", "even",
                                      "always", NULL};
    if (u < d->ntoks && tok_in(d, u, adv))
        u++;
    if (u >= d->ntoks || !(d->toks[u].flags & TF_WORD))
        return false;
    if (open_question(d, u))
        return true;
    if (tok_is(d, t, "no")) {
        static const char *const no[] = {"secret", "doubt", "doubts", "surprise", "coincidence",
                                         "accident", "wonder", "sooner", "exaggeration",
                                         "question", "stranger", "comment", "longer", NULL};
        return tok_in(d, u, no);
    }
    if (tok_is(d, t, "never")) {
        static const char *const seen[] = {"seen", "witnessed", "experienced", "known", NULL};
        if (tok_in(d, u, seen))
            return true;
        /* "never been closer", "never been more determined" */
        if (tok_is(d, u, "been") && u + 1 < d->ntoks) {
            const char *w = tok_fold(d, u + 1);
            size_t n = strlen(w);
            return tok_is(d, u + 1, "more") || tok_is(d, u + 1, "so") ||
                   (n >= 5 && strcmp(w + n - 2, "er") == 0);
        }
        return false;
    }
    static const char *const notx[] = {"only", "just", "merely", "simply", "least",
                                       "necessarily", "surprised", "surprising", "clear",
                                       "known", "certain", "sure", "unlike", "mean", "means",
                                       "comment", "rule", "ruled", "enough", NULL};
    if (tok_in(d, u, notx))
        return true;
    /* "not the first time", "not the only group", "not for the first time" */
    if (tok_is(d, u, "for"))
        u++;
    return tok_is(d, u, "the") && (tok_is(d, u + 1, "first") || tok_is(d, u + 1, "only") ||
                                   tok_is(d, u + 1, "last"));
}

/* Does token t open its clause: the first word of its sentence (which
** may begin with an opening quote mark, holding the sentence-start flag),
** of the assertion's span (a reported clause: "said | no one at the
** embassy had ..."), or of a clause introduced by "that"? */
static bool opens_clause(const doc_t *d, uint32_t t, uint32_t t0)
{
    if (t == t0 || (t > 0 && tok_is(d, t - 1, "that")))
        return true;
    for (uint32_t u = t; ; u--) {
        if (u != t && (d->toks[u].flags & TF_WORD))
            return false;
        if (d->toks[u].flags & TF_SSTART)
            return true;
        if (u == 0 || d->toks[u - 1].sent != d->toks[t].sent)
            return false;
    }
}

/* Topics are entities (high bit set) or, for a capitalised word that is
** no known entity ("Dravia"), the word's key: invented or unlisted names
** still tie two assertions together. */
static void add_topic(facts_t *f, uint32_t e)
{
    for (int i = 0; i < f->ntopics; i++)
        if (f->topics[i] == e)
            return;
    if (f->ntopics < MAX_TOPICS)
        f->topics[f->ntopics++] = e;
}

static void add_key(facts_t *f, uint32_t k)
{
    for (int i = 0; i < f->nkeys; i++)
        if (f->keys[i] == k)
            return;
    if (f->nkeys < MAX_KEYS)
        f->keys[f->nkeys++] = k;
}

/* A crude stem, so that "fired" ~ "firing" and "shells" ~ "shelling":
** common English endings cut, then the first six letters. */
static uint32_t word_key(const char *s)
{
    /* The endings -ings, -ing, -ers, -ed, -es, -er, -s, the first that
    ** fits leaving at least three letters, tested on the last letters
    ** directly: with a strcmp per ending this was a sixth of the relation
    ** pass on the 10 MB bench article (perf). */
    size_t n = strlen(s);
    char z = n ? s[n - 1] : 0, y = n > 1 ? s[n - 2] : 0;
    if (n >= 7 && z == 's' && y == 'g' && s[n - 3] == 'n' && s[n - 4] == 'i')
        n -= 4;
    else if (n >= 6 && z == 'g' && y == 'n' && s[n - 3] == 'i')
        n -= 3;
    else if (n >= 6 && z == 's' && y == 'r' && s[n - 3] == 'e')
        n -= 3;
    else if (n >= 5 && y == 'e' && (z == 'd' || z == 's' || z == 'r'))
        n -= 2;
    else if (n >= 4 && z == 's')
        n -= 1;
    /* "close" ~ "closed", "fire" ~ "fired" */
    if (n >= 4 && s[n - 1] == 'e')
        n--;
    if (n > 6)
        n = 6;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return (h & 0x7fffffffu) | 1u;
}

/* Is w, a word that no word list files as a function word, long enough
** to say what a statement is about?  Three letters are: "the car was
** sold" and "the car was not sold" share only "car".  The three-letter
** words that say nothing ("are", "can", "out") are in
** function_words.txt, so that they do not tie two statements. */
static bool content_word(const char *w)
{
    return strlen(w) >= 3;
}

/* The place a people-adjective points to ("Kalvanian" -> Kalvany): a
** listed demonym's country, or a place of the article sharing its first
** five letters.  -1 if none. */
static int demonym_place(doc_t *d, uint32_t t)
{
    const lex_info_t *li = d->toks[t].lex;
    if (li && (li->cls & LEX_DEMONYM)) {
        const char *c = lexicon_place_country(d->lex, li->place);
        char buf[256];
        size_t n = lexicon_fold(c, strlen(c), buf, sizeof buf);
        return annot_find_name(d, buf, n);
    }
    const char *f = tok_fold(d, t);
    size_t n = strlen(f);
    if (n < 6 || !(strcmp(f + n - 3, "ian") == 0 || strcmp(f + n - 3, "ean") == 0 ||
                   strcmp(f + n - 3, "ese") == 0 || strcmp(f + n - 2, "an") == 0))
        return -1;
    char key[8];
    return annot_find_name(d, key, annot_name_key(key, sizeof key, NK_PLACE_STEM, f, 5));
}

static void register_place_prefixes(doc_t *d)
{
    for (size_t i = 0; i < d->a->nentities; i++) {
        const entity_t *e = &d->a->entities[i];
        if (e->kind != KIND_PLACE || !e->name)
            continue;
        char buf[256];
        size_t n = lexicon_fold(e->name, strlen(e->name), buf, sizeof buf);
        if (n < 5 || memchr(buf, ' ', 5))
            continue;
        char key[8];
        annot_add_name(d, key, annot_name_key(key, sizeof key, NK_PLACE_STEM, buf, 5), (int)i);
    }
}

/* The country whose capital the place entity e is said to be, for a
** capital the gazetteer does not know: "Varn, the Ostravan capital,",
** "Varn, Ostrava's capital,", "Varn, the capital of Ostrava,", "the
** Ostravan capital, Varn".  "Varn denied any role" then speaks for
** Ostrava, as "Kyiv denied" does for Ukraine.  -1 if none of its first
** mentions is so described. */
static int capital_of_uncached(doc_t *d, int e);
/* Kept per entity for the pass: asked for every denial, and the answer
** walks the entity's mentions (1% of the pass on a long article, perf). */
static int capital_of(doc_t *d, int e)
{
    if (!d->capof)
        return capital_of_uncached(d, e);
    if (d->capof[e] == -2)
        d->capof[e] = capital_of_uncached(d, e);
    return d->capof[e];
}

static int capital_of_uncached(doc_t *d, int e)
{
    const entity_t *en = &d->a->entities[e];
    if (en->kind != KIND_PLACE)
        return -1;
    for (size_t mi = 0; mi < en->nmentions && mi < 8; mi++) {
        uint32_t m0 = first_tok(d, en->mentions[mi].start), m1 = m0;
        while (m1 < d->ntoks && (int64_t)d->toks[m1].start < en->mentions[mi].end)
            m1++;
        if (m0 >= d->ntoks)
            continue;
        uint32_t c = UINT32_MAX, u = m1 + 1;
        /* after it: ", the Ostravan capital", ", Ostrava's capital",
        ** ", the capital of Ostrava" */
        if (tok_punct(d, m1, ',')) {
            if (tok_is(d, u, "the"))
                u++;
            if (tok_is(d, u, "capital") && tok_is(d, u + 1, "of"))
                c = tok_is(d, u + 2, "the") ? u + 3 : u + 2;
            else if (tok_is(d, u + 1, "capital"))
                c = u;
        }
        /* before it: "the Ostravan capital, Varn" */
        if (c == UINT32_MAX && m0 >= 3 && tok_punct(d, m0 - 1, ',') &&
            tok_is(d, m0 - 2, "capital"))
            c = m0 - 3;
        if (c == UINT32_MAX || c >= d->ntoks || !(d->toks[c].flags & TF_CAP))
            continue;
        int pl = d->toks[c].ent >= 0 && d->toks[c].ent != e &&
                         d->a->entities[d->toks[c].ent].kind == KIND_PLACE
                     ? d->toks[c].ent
                     : demonym_place(d, c);
        if (pl >= 0 && pl != e)
            return pl;
    }
    return -1;
}

/* What a source stands for beyond itself: the country in its name
** ("Kalvanian Defence Ministry" -> Kalvany). */
static void add_affiliation(doc_t *d, facts_t *f, int speaker);

/* The words a bare negation governs: the content words after it up to
** the end of its clause or the first preposition after them ("did not
** fire a single shot" -> fire, single, shot; "had not been informed of
** any casualties" -> informed).  A contradiction resting on such a negation must be about
** one of them, not about whatever else the sentence names. */
static void negated_scope(doc_t *d, uint32_t t, int64_t end, facts_t *f)
{
    f->nscope = 0;
    for (uint32_t u = t + 1; u < d->ntoks && u < t + 10 && (int64_t)d->toks[u].start < end &&
         f->nscope < 8; u++) {
        const tok_t *k = &d->toks[u];
        if (!(k->flags & TF_WORD)) {
            if (k->cp == ',' || k->cp == ';' || k->cp == '.' || k->cp == ':')
                break;
            continue;
        }
        if (tok_is(d, u, "and") || tok_is(d, u, "but") || tok_is(d, u, "because"))
            break;
        /* "had not seen the report | that said protesters threw stones":
        ** a clause of its own, which the negation does not govern */
        if (f->nscope && (tok_is(d, u, "that") || tok_is(d, u, "which") || tok_is(d, u, "who") ||
                          tok_is(d, u, "whose") || tok_is(d, u, "while") || tok_is(d, u, "when") ||
                          tok_is(d, u, "if")))
            break;
        /* the predicate ends at its first preposition: "informed | of any
        ** casualties", "fired | at Dobrava" */
        static const char *const preps[] = {"of", "in", "at", "on", "for", "from", "to", "with",
                                            "by", "about", "after", "before", "during", "until",
                                            "till", NULL};
        bool prep = false;
        for (int i = 0; preps[i] && !prep; i++)
            prep = tok_is(d, u, preps[i]);
        if (prep) {
            /* "would not reopen before June", "will not pay until ...":
            ** what is negated is the time, and "would reopen in June"
            ** agrees with it; such a negation contradicts nothing */
            if (f->nscope && (tok_is(d, u, "before") || tok_is(d, u, "until") ||
                              tok_is(d, u, "till")))
                f->nscope = 0;
            if (f->nscope)
                break;
            if (u > t + 1 && !f->nscope && (tok_is(d, u, "before") || tok_is(d, u, "until")))
                break;
            continue;
        }
        f->scope_topic[f->nscope] = k->ent >= 0;
        if (k->ent >= 0) {
            f->scope[f->nscope++] = 0x80000000u | (uint32_t)k->ent;
            continue;
        }
        if (k->lex && (k->lex->cls & LEX_SYNONYM)) {
            f->scope[f->nscope++] = 0x80000000u | (uint32_t)k->lex->group;
            continue;
        }
        unsigned cls = tok_cls(d, u);
        if (cls & (LEX_STOP | LEX_DENIAL | LEX_REPORT | LEX_PRONOUN | LEX_FUNC))
            continue;
        const char *w = tok_fold(d, u);
        if (content_word(w))
            f->scope[f->nscope++] = word_key(w);
    }
}

/* The predicate of the clause starting at token t0: past its subject,
** from the first auxiliary ("the water in Lake Orm is | poisoned", "any
** of its units had | fired across the border") or the first verb in -ed
** ("it | planned to close the plant").  Its content words become the
** scope, so that a denial of that clause meets only what asserts the
** same predicate, not whatever shares its subject.  false when no verb
** is found within the first words. */
static bool predicate_scope(doc_t *d, uint32_t t0, int64_t end, facts_t *f)
{
    static const char *const aux[] = {"is", "are", "was", "were", "be", "been", "has", "had",
                                      "have", "will", "would", "could", "can", "did", "does",
                                      "do", "may", "might", "must", "should", NULL};
    int words = 0, limit = 8;
    for (uint32_t t = t0; t < d->ntoks && (int64_t)d->toks[t].start < end && words < limit;
         t++) {
        const tok_t *k = &d->toks[t];
        if (!(k->flags & TF_WORD)) {
            if (k->cp == ',' || k->cp == ';' || k->cp == '.' || k->cp == ':')
                return false;
            continue;
        }
        words++;
        bool isaux = false;
        for (int i = 0; aux[i] && !isaux; i++)
            isaux = tok_is(d, t, aux[i]);
        if (isaux) {
            /* "had been", "could not have": the predicate follows them all */
            uint32_t u = t;
            while (u + 1 < d->ntoks && (d->toks[u + 1].flags & TF_WORD) &&
                   !(d->toks[u + 1].flags & TF_CAP)) {
                bool more = weak_negation(d, u + 1);
                for (int i = 0; aux[i] && !more; i++)
                    more = tok_is(d, u + 1, aux[i]);
                if (!more)
                    break;
                u++;
            }
            negated_scope(d, u, end, f);
            return f->nscope > 0;
        }
        const char *w = tok_fold(d, t);
        size_t n = strlen(w);
        if (n >= 5 && strcmp(w + n - 2, "ed") == 0 && !(k->flags & TF_CAP) && k->ent < 0) {
            /* "none of the workers injured at the depot | had serious
            ** wounds": a participle that an auxiliary follows in the
            ** same clause qualifies the subject; the verb is later */
            bool later = false;
            for (uint32_t u = t + 1; u < d->ntoks && u < t + 10 && !later &&
                 (int64_t)d->toks[u].start < end; u++) {
                if (!(d->toks[u].flags & TF_WORD)) {
                    if (d->toks[u].cp == ',' || d->toks[u].cp == ';' || d->toks[u].cp == '.' ||
                        d->toks[u].cp == ':')
                        break;
                    continue;
                }
                if (tok_is(d, u, "and") || tok_is(d, u, "but") || tok_is(d, u, "that") ||
                    tok_is(d, u, "which") || tok_is(d, u, "who"))
                    break;
                for (int i = 0; aux[i] && !later; i++)
                    later = tok_is(d, u, aux[i]);
            }
            if (later) {
                limit = 16;
                continue;
            }
            negated_scope(d, t - 1, end, f);
            return f->nscope > 0;
        }
    }
    return false;
}

/* The key of token t as gather files it (a synonym group or a word's
** stem), 0 for a word that is no key. */
static uint32_t tok_key(const doc_t *d, uint32_t t)
{
    const tok_t *k = &d->toks[t];
    if (!(k->flags & TF_WORD) || k->ent >= 0)
        return 0;
    if (k->lex && (k->lex->cls & LEX_SYNONYM))
        return 0x80000000u | (uint32_t)k->lex->group;
    if (tok_cls(d, t) & (LEX_STOP | LEX_DENIAL | LEX_REPORT | LEX_PRONOUN | LEX_FUNC))
        return 0;
    const char *w = tok_fold(d, t);
    return content_word(w) ? word_key(w) : 0;
}

/* The first token in [t0, end) whose key is key, or UINT32_MAX. */
static uint32_t key_tok(const doc_t *d, uint32_t t0, int64_t end, uint32_t key)
{
    for (uint32_t t = t0; t < d->ntoks && t < t0 + SPAN_TOKENS && (int64_t)d->toks[t].start < end;
         t++)
        if (tok_key(d, t) == key)
            return t;
    return UINT32_MAX;
}

/* The head of the object the verb at v takes, when a determiner opens
** it: "closed | the Tarvik library" -> library; 0 when a preposition or
** nothing follows ("fired | across the border"). */
static uint32_t object_head(const doc_t *d, uint32_t v, int64_t end)
{
    static const char *const det[] = {"the", "a", "an", "its", "their", "his", "her", "our",
                                       "my", "any", "all", "some", NULL};
    static const char *const stop[] = {"of", "in", "at", "on", "for", "from", "to", "with", "by",
                                        "about", "after", "before", "during", "until", "and",
                                        "or", "but", "that", "which", "who", "since", "when",
                                        "while", NULL};
    if (v == UINT32_MAX || v + 1 >= d->ntoks || (int64_t)d->toks[v + 1].start >= end)
        return 0;
    uint32_t u = v + 1;
    bool opened = false;
    for (int i = 0; det[i] && !opened; i++)
        opened = tok_is(d, u, det[i]);
    if (!opened)
        return 0;
    uint32_t head = UINT32_MAX;
    for (u++; u < d->ntoks && u < v + 8 && (int64_t)d->toks[u].start < end; u++) {
        const tok_t *k = &d->toks[u];
        if (!(k->flags & TF_WORD) || (k->flags & TF_POSS)) {
            if (k->flags & TF_POSS)     /* "the mayor's | brother" */
                head = UINT32_MAX;
            if (!(k->flags & TF_WORD))
                break;
            continue;
        }
        bool halt = false;
        for (int i = 0; stop[i] && !halt; i++)
            halt = tok_is(d, u, stop[i]);
        if (halt)
            break;
        head = u;
    }
    return head == UINT32_MAX ? 0 : tok_key(d, head);
}

/* Does the other one assert the first word of what ng negates that
** names no entity: for a clause, its verb ("had | approved the
** payments"), for a gerund the act ("ramming")? */
static bool verb_meets(const facts_t *ng, const facts_t *pos)
{
    for (int i = 0; i < ng->nscope; i++) {
        if (ng->scope_topic[i])
            continue;
        for (int j = 0; j < pos->nkeys; j++)
            if (pos->keys[j] == ng->scope[i])
                return true;
        return false;
    }
    return false;
}

/* How many of the words ng negates does the other one assert?  ("had
** not offered any training" and "had offered a pay rise": one.) */
static int scope_hits(const facts_t *ng, const facts_t *pos)
{
    int n = 0;
    for (int i = 0; i < ng->nscope; i++) {
        if (ng->scope_topic[i])
            continue;
        for (int j = 0; j < pos->nkeys; j++)
            if (pos->keys[j] == ng->scope[i]) {
                n++;
                break;
            }
    }
    return n;
}

/* Is the negation of ng about something the other one asserts? */
static bool scope_meets(const facts_t *ng, const facts_t *pos)
{
    if (!ng->weak && !ng->clause)
        return true;
    /* A denied clause is denied on its verb: "denied that the council
    ** had approved the payments" does not answer "hid the payments",
    ** though both name them.  Its first word that names no entity is
    ** that verb (predicate_scope starts there). */
    if (ng->clause)
        return verb_meets(ng, pos);
    for (int i = 0; i < ng->nscope; i++) {
        if (ng->scope_topic[i]) {
            for (int j = 0; j < pos->ntopics; j++)
                if (pos->topics[j] == ng->scope[i])
                    return true;
        } else {
            for (int j = 0; j < pos->nkeys; j++)
                if (pos->keys[j] == ng->scope[i])
                    return true;
        }
    }
    return false;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* Is the single denial word at t used as one?  "The claims are false",
** "these baseless accusations", "a lie" deny; "false advertising", "a
** false alarm" and "the village lies on the border" do not. */
static bool has_charge_word(const doc_t *d, uint32_t t);
static bool denial_applies(const doc_t *d, uint32_t t)
{
    const char *f = tok_fold(d, t);
    /* "Dahl had been dismissed by Hale", "voters rejected the plan":
    ** in what is asserted, these deny only a charge ("dismissed the
    ** claims", "rejected the account as ...") */
    /* "she had been denied entry", "denied bail": a refusal, no denial */
    if (strncmp(f, "den", 3) == 0)
        return !annot_refusal(d, t);
    if (strncmp(f, "dismiss", 7) == 0 || strncmp(f, "reject", 6) == 0) {
        for (uint32_t u = t + 1; u < t + 4 && u < d->ntoks; u++)
            if (has_charge_word(d, u) || tok_is(d, u, "account") || tok_is(d, u, "as"))
                return true;
        return false;
    }
    if (strcmp(f, "lie") == 0 || strcmp(f, "lies") == 0) {
        static const char *const before[] = {"a", "is", "are", "was", "were", "these", "those",
                                             "complete", "outright", "total", "blatant", "big",
                                             "all", "pure", "another", NULL};
        if (t == 0 || !(d->toks[t - 1].flags & TF_WORD))
            return t + 1 < d->ntoks && !(d->toks[t + 1].flags & TF_WORD);
        for (int i = 0; before[i]; i++)
            if (tok_is(d, t - 1, before[i]))
                return true;
        return false;
    }
    static const char *const adj[] = {"false", "untrue", "baseless", "unfounded", "groundless",
                                      "absurd", "fabricated", "unproven", NULL};
    bool is_adj = false;
    for (int i = 0; adj[i] && !is_adj; i++)
        is_adj = strcmp(f, adj[i]) == 0;
    if (!is_adj || t + 1 >= d->ntoks || !(d->toks[t + 1].flags & TF_WORD))
        return true;
    /* followed by a word: attributive, unless of a charge ("baseless
    ** accusations") or a conjunction ("false and malicious") */
    return has_charge_word(d, t + 1) || tok_is(d, t + 1, "and") || tok_is(d, t + 1, "or") ||
           tok_is(d, t + 1, "but") || tok_is(d, t + 1, "rumours") ||
           tok_is(d, t + 1, "rumors") || tok_is(d, t + 1, "stories");
}

static bool has_charge_word(const doc_t *d, uint32_t t)
{
    static const char *const charges[] = {"accusation", "accusations", "allegation", "allegations",
                                          "charge", "charges", "claim", "claims", "suggestion",
                                          "suggestions", "report", "reports", "wrongdoing",
                                          "whatsoever", NULL};
    if (t >= d->ntoks || !(d->toks[t].flags & TF_WORD) || !strchr("acrsw", tok_fold(d, t)[0]))
        return false;          /* most words: at once */
    for (int i = 0; charges[i]; i++)
        if (tok_is(d, t, charges[i]))
            return true;
    return false;
}

/* A word that is negative in meaning: "shortage", "lacked", "empty"
** (the synonym group of "shortage"), "without", "ran out". */
static bool lack_word(const doc_t *d, uint32_t t)
{
    const tok_t *k = &d->toks[t];
    if (!(k->flags & TF_WORD))
        return false;
    if (k->lex && (k->lex->cls & LEX_SYNONYM) && k->lex->group == d->lack_group)
        return true;
    if (tok_is(d, t, "without"))
        return true;
    return tok_is(d, t, "out") && t > 0 &&
        (tok_is(d, t - 1, "run") || tok_is(d, t - 1, "ran") || tok_is(d, t - 1, "runs") ||
         tok_is(d, t - 1, "running") || tok_is(d, t - 1, "sold"));
}

/* Does the bare negation at t govern a word negative in meaning ("there
** is no shortage", "had not run out")?  Then it asserts that something
** is there, and still disputes a statement that it is lacking. */
static bool negates_lack(const doc_t *d, uint32_t t, int64_t end)
{
    for (uint32_t u = t + 1; u < d->ntoks && u < t + 10 && (int64_t)d->toks[u].start < end; u++) {
        const tok_t *k = &d->toks[u];
        if (!(k->flags & TF_WORD) &&
            (k->cp == ',' || k->cp == ';' || k->cp == '.' || k->cp == ':'))
            return false;
        if (lack_word(d, u))
            return true;
    }
    return false;
}

/* Is a word ng governs among the n words from token u on, stepping by
** dir, in the same clause? */
static bool governs_near(const doc_t *d, uint32_t u, int dir, int n, uint32_t t0, int64_t end,
                         const facts_t *ng)
{
    for (; u >= t0 && u < d->ntoks && n > 0 && (int64_t)d->toks[u].start < end;
         u += (uint32_t)dir) {
        const tok_t *k = &d->toks[u];
        if (!(k->flags & TF_WORD)) {
            if (k->cp == ',' || k->cp == ';' || k->cp == '.' || k->cp == ':')
                return false;
        } else {
            n--;
            uint32_t key = k->ent >= 0 ? 0x80000000u | (uint32_t)k->ent : tok_key(d, u);
            for (int i = 0; key && i < ng->nscope; i++)
                if (ng->scope[i] == key && (k->ent >= 0) == ng->scope_topic[i])
                    return true;
        }
        if (u == 0)
            break;
    }
    return false;
}

/* Is the assertion at [t0, end) itself negative in meaning about what the
** bare negation ng governs: "the country had run out of the insulin pens"
** and "it had received no insulin pens", "the shelves were empty" and
** "nothing on its shelves"?  The two then agree, whatever words they
** share.  What is lacking follows the word of lack ("lacked beds", "run
** out of pens"), or, after a copula, is the subject before it ("the
** shelves were empty"); "fired on the crowd without warning" lacks only
** a warning and still meets "did not fire". */
static bool lacks_same(const doc_t *d, uint32_t t0, int64_t end, const facts_t *ng)
{
    static const char *const copula[] = {"is", "are", "was", "were", "been", "be", "remain",
                                         "remains", "remained", NULL};
    for (uint32_t t = t0; t < d->ntoks && t < t0 + SPAN_TOKENS && (int64_t)d->toks[t].start < end;
         t++) {
        if (!lack_word(d, t))
            continue;
        if (governs_near(d, t + 1, 1, 5, t0, end, ng))
            return true;
        /* "the shelves were empty", "stocks had run out": the subject */
        uint32_t c = t - 1;
        bool cop = false;
        if (tok_is(d, t, "out")) {
            c = t - 2;
            cop = c >= t0 && c < t;
            if (cop && (tok_is(d, c, "had") || tok_is(d, c, "has") || tok_is(d, c, "have")))
                c--;
            c++;
        }
        for (int i = 0; copula[i] && !cop && c >= t0 && c < t; i++)
            cop = tok_is(d, c, copula[i]);
        if (cop && c > t0 && c < t && governs_near(d, c - 1, -1, 5, t0, end, ng))
            return true;
    }
    return false;
}

/* Does the other one name whatever the denied clause's subject names
** ("the tea had ever contained mentradine" and "samples of the tea
** contained mentradine"; not "the officers had closed the gates" and
** "the company had closed the gates")?  The subject is the clause's
** words before its verb (the first word of its scope). */
static bool subject_named(const doc_t *d, int64_t start, int64_t end, const facts_t *ng,
                          const facts_t *pos)
{
    uint32_t vk = 0;
    for (int k = 0; k < ng->nscope && !vk; k++)
        vk = ng->scope_topic[k] ? 0 : ng->scope[k];
    uint32_t t0 = first_tok(d, start);
    uint32_t v = vk ? key_tok(d, t0, end, vk) : UINT32_MAX;
    if (v == UINT32_MAX)
        return false;
    for (uint32_t t = t0; t < v; t++) {
        const tok_t *k = &d->toks[t];
        bool found = false;
        if (k->ent >= 0) {
            for (int j = 0; j < pos->ntopics && !found; j++)
                found = pos->topics[j] == (0x80000000u | (uint32_t)k->ent);
        } else {
            uint32_t key = tok_key(d, t);
            if (!key)
                continue;
            for (int j = 0; j < pos->nkeys && !found; j++)
                found = pos->keys[j] == key;
        }
        if (!found)
            return false;
    }
    return true;
}

static int org_by_word(doc_t *d, uint32_t t, int self);

/* A number token: digits, perhaps a letter after them ("12B"). */
static bool number_tok(const doc_t *d, uint32_t t)
{
    if (t >= d->ntoks || !(d->toks[t].flags & TF_DIGIT))
        return false;
    const char *w = tok_fold(d, t);
    size_t i = 0;
    while (w[i] >= '0' && w[i] <= '9')
        i++;
    return i > 0 && i <= 6 && strlen(w + i) <= 1;
}

static uint32_t fnv(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h | 1u;
}

/* Does token t name one of a numbered series, "bridge 4", "Pier 7",
** "Gate 12": a word with a number right after it?  A number after a
** verb counts ("killed 12 people") rather than names, but two statements
** that count differently ("did not kill 4 people") dispute nothing
** either, so the two are not told apart: the rule below only ever
** keeps a pair apart, and errs toward silence. */
static bool designator(const doc_t *d, uint32_t t)
{
    const tok_t *k = &d->toks[t];
    if (!(k->flags & TF_WORD) || (k->flags & (TF_DIGIT | TF_POSS)) || !number_tok(d, t + 1) ||
        d->toks[t + 1].sent != k->sent)
        return false;
    if (tok_cls(d, t) & (LEX_STOP | LEX_DENIAL | LEX_REPORT | LEX_PRONOUN | LEX_FUNC))
        return false;
    return strlen(tok_fold(d, t)) >= 3;
}

/* A year: four digits from 1800 to 2199, standing alone. */
static bool year_tok(const doc_t *d, uint32_t t)
{
    if (!number_tok(d, t))
        return false;
    const char *w = tok_fold(d, t);
    return strlen(w) == 4 && ((w[0] == '1' && w[1] >= '8') || (w[0] == '2' && w[1] <= '1'));
}

static void gather(doc_t *d, const assertion_t *q, facts_t *f)
{
    memset(f, 0, sizeof *f);
    f->speaker = q->speaker;
    f->nominal = -1;
    if (q->speaker < 0 || !span_present(q->span))
        return;
    f->usable = true;
    const lex_info_t *inv = lexicon_lookup(d->lex, "involvement", 11);
    int invg = inv && (inv->cls & LEX_SYNONYM) ? inv->group : -1;
    const lex_info_t *atk = lexicon_lookup(d->lex, "attack", 6);
    int atkg = atk && (atk->cls & LEX_SYNONYM) ? atk->group : -1;
    bool has_inv = false, has_charge = false, accuse_cue = false, deny_cue = false;
    bool has_act = false, passive = false, by_agent = false, foreign = false;
    bool own_country = false;
    if (span_present(q->cue_span)) {
        uint32_t c = first_tok(d, q->cue_span.start);
        for (uint32_t t = c; t < d->ntoks && (int64_t)d->toks[t].start < q->cue_span.end; t++) {
            if (!(d->toks[t].flags & TF_WORD))
                continue;
            if ((tok_cls(d, t) & LEX_DENIAL) && !weak_negation(d, t))
                f->neg = true;
            if (annot_phrase(d, t, LEX_SUPPORT, NULL) &&
                !(tok_is(d, t + 1, "to") && strncmp(tok_fold(d, t), "agree", 5) == 0))
                f->backing = true;
            const char *w = tok_fold(d, t);
            if (strncmp(w, "blam", 4) == 0 || strncmp(w, "accus", 5) == 0)
                accuse_cue = true;
            if (strncmp(w, "den", 3) == 0 || strncmp(w, "reject", 6) == 0 ||
                strncmp(w, "dismiss", 7) == 0)
                deny_cue = true;
        }
        /* "did not deny", "refused to believe" just before the cue */
        if (c >= 2 && weak_negation(d, c - 1))
            f->neg = !f->neg;
    }
    uint32_t t0 = first_tok(d, q->span.start);
    /* "rejected | claims that budget cuts led to the collapse": the
    ** claim holds the charge rejected (annot_speech.c), what is denied is
    ** its clause, read as after "denied that" */
    if (f->neg && deny_cue) {
        for (uint32_t t = t0; t < d->ntoks && t < t0 + 5 && (int64_t)d->toks[t].start < q->span.end;
             t++) {
            if (!(d->toks[t].flags & TF_WORD))
                break;
            if (tok_is(d, t, "that")) {
                if (t > t0 && has_charge_word(d, t - 1) && t + 1 < d->ntoks &&
                    (int64_t)d->toks[t + 1].start < q->span.end)
                    t0 = t + 1;
                break;
            }
        }
    }
    int words = 0;
    bool strong = f->neg;
    int64_t charge_that = -1;      /* "claims ... that" : the token "that" */
    bool first_clause = true, seen_inv = false, acts_anaphoric = false, gerund = false;
    /* "denied that it planned to close the Tarrow plant": the cue denies
    ** the clause's predicate, so what it contradicts must assert that
    ** predicate ("planned"), not merely name the same plant.  A denied
    ** noun phrase ("denied any wrongdoing", "rejected the accusation")
    ** is left to the accusation rules. */
    if (f->neg && deny_cue && t0 > 0 && tok_is(d, t0 - 1, "that")) {
        if (!predicate_scope(d, t0, q->span.end, f))
            negated_scope(d, t0 - 1, q->span.end, f);
        f->clause = f->nscope > 0;
    } else if (f->neg && deny_cue && t0 < d->ntoks && (d->toks[t0].flags & TF_WORD) &&
               !(d->toks[t0].flags & TF_CAP)) {
        /* "denied ramming the patrol boat", "denied hiring his brother":
        ** the cue denies the act its gerund names, so what it
        ** contradicts must assert that act; "denied hiring his brother"
        ** answers nothing said of bribes, whoever else both name */
        const char *w = tok_fold(d, t0);
        size_t n = strlen(w);
        if (n >= 6 && strcmp(w + n - 3, "ing") == 0) {
            /* its first content word: the gerund, or after a light one
            ** ("taking | bribes") its object */
            negated_scope(d, t0 - 1, q->span.end, f);
            int k = 0;
            while (k < f->nscope && f->scope_topic[k])
                k++;
            if (k < f->nscope) {
                f->scope[0] = f->scope[k];
                f->scope_topic[0] = false;
                f->nscope = 1;
                f->clause = true;
                gerund = true;    /* "denied boarding any boat": one act */
                f->gerund = true;
            } else {
                f->nscope = 0;
            }
        }
    }
    /* "denied that any ballot boxes were tampered with", "denied the
    ** trawler ever entered Pethran waters": a denial that nothing of the
    ** kind ever happened, whatever verb the other side used for it */
    if (f->clause && deny_cue && !gerund) {
        int w = 0;
        for (uint32_t t = t0; t < d->ntoks && w < 6 && (int64_t)d->toks[t].start < q->span.end;
             t++) {
            if (!(d->toks[t].flags & TF_WORD)) {
                if (d->toks[t].cp == ',' || d->toks[t].cp == ';' || d->toks[t].cp == '.')
                    break;
                continue;
            }
            w++;
            bool any = tok_is(d, t, "any");
            if (any || tok_is(d, t, "anyone") || tok_is(d, t, "anybody") ||
                tok_is(d, t, "anything") || tok_is(d, t, "ever")) {
                /* what it is about: the noun after "any", else the
                ** clause's first content word ("the trawler ever ...",
                ** "anyone at the club ...") */
                for (uint32_t u = any ? t + 1 : t0; u < d->ntoks && u < t + 5 &&
                     (int64_t)d->toks[u].start < q->span.end && !f->blanket; u++)
                    f->blanket = tok_key(d, u);
                break;
            }
        }
    }
    /* and what that verb is done to: "denied that he had closed the
    ** Tarvik swimming pool" is no answer to "had closed the library" */
    if (f->clause) {
        for (int i = 0; i < f->nscope; i++)
            if (!f->scope_topic[i]) {
                f->obj = object_head(d, key_tok(d, t0, q->span.end, f->scope[i]), q->span.end);
                break;
            }
    }
    for (uint32_t t = t0; t < d->ntoks && t < t0 + SPAN_TOKENS &&
         (int64_t)d->toks[t].start < q->span.end; t++) {
        const tok_t *k = &d->toks[t];
        if (!(k->flags & TF_WORD)) {
            if (k->cp == ',' || k->cp == ';' || k->cp == '.' || k->cp == ':')
                first_clause = false;
            continue;
        }
        words++;
        /* what is numbered and when, before the entity test: "Pier 7"
        ** may be one name */
        if (designator(d, t) && f->ndes < 4) {
            f->des[f->ndes] = word_key(tok_fold(d, t));
            f->desnum[f->ndes++] = fnv(tok_fold(d, t + 1));
        } else if (year_tok(d, t) && !(t > 0 && designator(d, t - 1)) && f->nyears < 4) {
            f->years[f->nyears++] = fnv(tok_fold(d, t));
        }
        if (k->ent >= 0) {
            int before = f->ntopics;
            add_topic(f, 0x80000000u | (uint32_t)k->ent);
            /* "in Tessaly", "at the Korvel depot" */
            uint32_t p = t > 1 && tok_is(d, t - 1, "the") ? t - 2 : t - 1;
            if (f->ntopics > before && t > 0 &&
                (tok_is(d, p, "in") || tok_is(d, p, "at") || tok_is(d, p, "near")))
                f->where[before] = true;
            continue;
        }
        bool name_word = false;
        if (k->flags & TF_CAP) {
            int pl = demonym_place(d, t);
            if (pl >= 0)
                add_topic(f, 0x80000000u | (uint32_t)pl);
            else if (!(k->flags & TF_SSTART) && !k->lex)
                add_topic(f, word_key(tok_fold(d, t)));
            /* a name or a people's adjective is a topic, not also a word
            ** of what is asserted: "Kalvanian troops shelled Dobrava" and
            ** "the group had no connection with the Kalvanian state"
            ** share a country, not a predicate */
            name_word = pl >= 0 || (!(k->flags & TF_SSTART) && !k->lex);
        }
        unsigned cls = tok_cls(d, t);
        /* A denial opens what is said ("We had nothing to do with it");
        ** one in a later sentence of a long quote ("She told parliament
        ** ‘on budget’. Both halves were false") answers some third
        ** party's words, not the assertions around it. */
        int dl = k->sent == d->toks[t0].sent ? annot_phrase(d, t, LEX_DENIAL, NULL) : 0;
        if (dl == 1 && !denial_applies(d, t))
            dl = 0;
        /* "no evidence yet about who ...", "is there no link?" */
        if (dl > 1 && (in_question(d, t) || open_question(d, t + (uint32_t)dl)))
            dl = 0;
        if (dl > 1 || (dl == 1 && !weak_negation(d, t))) {
            /* "Claims on social media that the water is poisoned are
            ** false": what is denied is the reported clause; the denial
            ** meets only what asserts its predicate ("poisoned"), not
            ** what says the opposite of the same water */
            if (!f->neg && charge_that >= 0 && predicate_scope(d, (uint32_t)charge_that + 1,
                                                               q->span.end, f))
                f->clause = true;
            f->neg = true;
            strong = true;
        } else if (dl == 1 && words <= 8 && !f->neg && !exceptive(d, t, q->span.end) &&
                   !contrastive(d, t, q->span.end) && !idiom_negation(d, t)) {
            f->neg = true;
            f->negtok = t;
            /* A negation that opens its clause negates a quantity of the
            ** subject ("Not one district in Dalmoor recorded a high
            ** turnout", "No shells were fired", "nobody at the embassy
            ** had paid anyone"): what it denies is the predicate, so that
            ** is the scope, not the subject's noun, which any statement
            ** about the same districts shares. */
            if (opens_clause(d, t, t0) && predicate_scope(d, t + 1, q->span.end, f)) {
                f->verbal = true;
            } else {
                negated_scope(d, t, q->span.end, f);
                /* "had not crossed the border", "never paid": what is
                ** negated is a predicate; "no hidden money": a thing */
                f->verbal = !(tok_is(d, t, "no") || tok_is(d, t, "nothing") ||
                              tok_is(d, t, "nobody") || tok_is(d, t, "none"));
            }
            /* what the negated verb is done to ("had not closed | the
            ** swimming pool"), as for a denied clause */
            for (int i = 0; f->verbal && i < f->nscope; i++)
                if (!f->scope_topic[i]) {
                    f->obj = object_head(d, key_tok(d, t + 1, q->span.end, f->scope[i]),
                                         q->span.end);
                    break;
                }
            f->future_neg = tok_is(d, t, "won't") || tok_is(d, t, "wouldn't") ||
                (t > t0 && (tok_is(d, t - 1, "will") || tok_is(d, t - 1, "would") ||
                            tok_is(d, t - 1, "shall")));
        }
        int sl = annot_phrase(d, t, LEX_SUPPORT, NULL);
        /* "agreed to pay compensation": accepting to do, not backing */
        bool to_do = sl == 1 && tok_is(d, t + 1, "to") && strncmp(tok_fold(d, t), "agree", 5) == 0;
        if (sl && words <= 3 && !to_do)
            f->backing = true;
        if (sl) {
            /* "confirmed", "agreed": how it is said, not what */
            t += (uint32_t)sl - 1;
            words += sl - 1;
            continue;
        }
        /* "had been prepared and paid for by X": an act laid at X's door */
        if (tok_is(d, t, "been") || tok_is(d, t, "was") || tok_is(d, t, "were"))
            passive = true;
        /* "launched from Tarvenian territory", "fired from inside Kalvany" */
        if (passive && tok_is(d, t, "from"))
            for (uint32_t u = t + 1; u < d->ntoks && u < t + 4 && !by_agent; u++)
                by_agent = (d->toks[u].ent >= 0 &&
                            d->a->entities[d->toks[u].ent].kind == KIND_PLACE) ||
                    ((d->toks[u].flags & TF_CAP) && demonym_place(d, u) >= 0);
        if (passive && tok_is(d, t, "by")) {
            for (uint32_t u = t + 1; u < d->ntoks && u < t + 3; u++)
                if (d->toks[u].ent >= 0) {
                    entity_kind_t kd = d->a->entities[d->toks[u].ent].kind;
                    by_agent |= kd == KIND_PLACE || kd == KIND_ORGANIZATION;
                    break;
                }
        }
        if (tok_is(d, t, "foreign") || tok_is(d, t, "outside"))
            foreign = true;
        if (words <= 12 && (tok_is(d, t, "will") || tok_is(d, t, "would") ||
                            tok_is(d, t, "shall") || tok_is(d, t, "going") ||
                            tok_is(d, t, "plans") || tok_is(d, t, "planned")))
            f->future = true;
        if ((k->flags & TF_CAP) && (k->lex && (k->lex->cls & LEX_STOP))) {
            static const char *const cal[] = {"monday", "tuesday", "wednesday", "thursday",
                                              "friday", "saturday", "sunday", "january",
                                              "february", "march", "april", "may", "june",
                                              "july", "august", "september", "october",
                                              "november", "december", NULL};
            for (int ci = 0; cal[ci]; ci++)
                if (tok_is(d, t, cal[ci]))
                    f->when |= 1u << ci;
        }
        /* "the group had nothing to do with it": the body named before */
        if (words <= 2 && f->nominal < 0 && tok_is(d, t, "the") && t + 1 < d->ntoks &&
            !(d->toks[t + 1].flags & TF_CAP) && (tok_cls(d, t + 1) & LEX_ORG))
            f->nominal = org_by_word(d, t + 1, q->speaker);
        if (tok_is(d, t, "country") && t > t0 &&
            (tok_is(d, t - 1, "her") || tok_is(d, t - 1, "his") || tok_is(d, t - 1, "our") ||
             tok_is(d, t - 1, "my")))
            own_country = true;
        if (tok_is(d, t, "nothing") && tok_is(d, t + 1, "to") && tok_is(d, t + 2, "do"))
            has_inv = seen_inv = true;   /* "had nothing to do with this attack" */
        /* "nothing to do with this tragedy", "any part in it": the act
        ** is the one under discussion, named by a pointing word, not
        ** another one */
        if (seen_inv && first_clause && f->nact == 0 && !acts_anaphoric &&
            (tok_is(d, t, "this") || tok_is(d, t, "that") || tok_is(d, t, "these") ||
             tok_is(d, t, "those") || tok_is(d, t, "it")))
            acts_anaphoric = true;
        /* "We stand behind the Ember 3": backing, not a part in an act */
        bool stand_behind = tok_is(d, t, "behind") && t > 0 &&
            (strncmp(tok_fold(d, t - 1), "stand", 5) == 0 || tok_is(d, t - 1, "stood"));
        if (k->lex && (k->lex->cls & LEX_SYNONYM) && !stand_behind) {
            if (k->lex->group == invg && words <= 12)
                has_inv = true;
            if (k->lex->group == atkg)
                has_act = true;
            add_key(f, 0x80000000u | (uint32_t)k->lex->group);
            if (first_clause && seen_inv && !acts_anaphoric && k->lex->group != invg &&
                f->nact < 6)
                f->act[f->nact++] = 0x80000000u | (uint32_t)k->lex->group;
            if (k->lex->group == invg)
                seen_inv = true;
            continue;
        }
        if (words <= 4) {
            static const char *const charges[] = {"accusation", "accusations", "allegation",
                                                  "allegations", "charge", "charges", "claim",
                                                  "claims", "suggestion", "suggestions", "report",
                                                  "reports", "rumour", "rumours", "rumor",
                                                  "rumors", NULL};
            for (int ci = 0; charges[ci]; ci++)
                if (tok_is(d, t, charges[ci])) {
                    has_charge = true;
                    for (uint32_t u = t + 1; u < t + 8 && u < d->ntoks && charge_that < 0; u++) {
                        if (!(d->toks[u].flags & TF_WORD) && d->toks[u].cp != 0x2019 &&
                            d->toks[u].cp != '\'')
                            break;
                        if (tok_is(d, u, "that"))
                            charge_that = (int64_t)u;
                    }
                }
        }
        if (name_word || (cls & (LEX_STOP | LEX_DENIAL | LEX_REPORT | LEX_PRONOUN | LEX_FUNC)))
            continue;
        const char *w = tok_fold(d, t);
        if (content_word(w)) {
            add_key(f, word_key(w));
            if (first_clause && seen_inv && !acts_anaphoric && !has_charge_word(d, t) &&
                f->nact < 6)
                f->act[f->nact++] = word_key(w);
        }
    }
    f->weak = f->neg && !strong;
    f->judged = f->neg && strong && has_charge && !f->clause && !deny_cue;
    f->nspan = f->ntopics;
    /* after the named ones: a body called "the group" ties the pair to
    ** it, but is not one the text names (see the self rule) */
    if (f->nominal >= 0)
        add_topic(f, 0x80000000u | (uint32_t)f->nominal);
    /* The canonical dispute: one side is blamed for an act, the other
    ** denies any part in it.  An accusation names whom it blames (the
    ** first topics); a denial of involvement, or a rejection of "the
    ** accusation", answers whichever accusation names the denier. */
    /* whom it blames: a party it names, not only where it happened ("the
    ** blast at the Korvel depot had been caused by a gas leak" blames
    ** nobody, and is left to the rules for other statements) */
    bool party = false;
    for (int i = 0; i < f->nspan && !party; i++)
        party = (f->topics[i] & 0x80000000u) && !f->where[i] &&
                f->topics[i] != (0x80000000u | (uint32_t)q->speaker);
    f->accuse = !f->neg && (accuse_cue || has_inv || (by_agent && has_act)) && party;
    /* a bare negation denies a part in something only when it governs
    ** the word for that part ("did not believe his government was
    ** involved"), not when the part is named elsewhere: "no immediate
    ** claim of responsibility", "not an admission. We stand behind it" */
    bool inv_scoped = false;
    for (int i = 0; i < f->nscope && !inv_scoped; i++)
        inv_scoped = !f->scope_topic[i] && invg >= 0 && f->scope[i] == (0x80000000u | (uint32_t)invg);
    f->invdeny = f->neg && (has_inv || (deny_cue && has_charge)) && (!f->weak || inv_scoped);
    /* "found no evidence of foreign involvement": answers whichever
    ** accusation blames a country, though it names none */
    f->foreign = f->invdeny && foreign && f->nspan == 0;
    /* names nobody else: about the source itself; but an accusation
    ** ("accused him of photographing naval bases") is about whom it
    ** accuses, named or not */
    f->self = f->ntopics == 0 && !accuse_cue;
    if (f->self) {
        static const char *const own[] = {"we", "our", "i", "my", "it", "its", "they", "their",
                                          "he", "his", "she", "her", "us", "all", NULL};
        uint32_t u = t0;
        while (u < d->ntoks && !(d->toks[u].flags & TF_WORD) &&
               (int64_t)d->toks[u].start < q->span.end)
            u++;
        f->thing = u < d->ntoks && (int64_t)d->toks[u].start < q->span.end &&
            !tok_in(d, u, own) && !(tok_cls(d, u) & LEX_PRONOUN);
    }
    if (f->neg || f->ntopics == 0) {
        add_topic(f, 0x80000000u | (uint32_t)q->speaker);
        int cc = capital_of(d, q->speaker);
        if (cc >= 0)
            add_topic(f, 0x80000000u | (uint32_t)cc);
        add_affiliation(d, f, q->speaker);
    }
    /* "her country had no connection": the country last named as a
    ** sentence's subject just before ("Tarvenia's government rejected
    ** the accusation. Foreign Minister Lucja Wendt said her country ...") */
    if (f->neg && own_country) {
        int32_t s0 = d->toks[t0].sent;
        for (int32_t si = s0; si >= 0 && si >= s0 - 1; si--) {
            uint32_t st = d->sents[si].t0;
            if (d->toks[st].flags & TF_WORD && tok_is(d, st, "the"))
                st++;
            if (st < d->ntoks && d->toks[st].ent >= 0 && d->toks[st].ent != q->speaker &&
                d->a->entities[d->toks[st].ent].kind == KIND_PLACE) {
                add_topic(f, 0x80000000u | (uint32_t)d->toks[st].ent);
                break;
            }
        }
    }
    qsort(f->keys, (size_t)f->nkeys, sizeof *f->keys, cmp_u32);
#ifdef RELATIONS_DEBUG
    fprintf(stderr, "RELFACT %lld neg=%d weak=%d clause=%d verbal=%d self=%d accuse=%d invdeny=%d "
            "judged=%d nscope=%d nkeys=%d ntopics=%d nspan=%d\n", (long long)q->span.start, f->neg,
            f->weak, f->clause, f->verbal, f->self, f->accuse, f->invdeny, f->judged, f->nscope,
            f->nkeys, f->ntopics, f->nspan);
#endif
}

static void add_affiliation(doc_t *d, facts_t *f, int speaker)
{
    const entity_t *e = &d->a->entities[speaker];
    if (!e->nmentions)
        return;
    /* the words of its first mention in this text, a few words before it
    ** ("Ukraine's President ...", "Russian Foreign Minister ...") and its
    ** apposed role (", the secretary of Russia's Security Council,") */
    span_t m = e->mentions[0];
    uint32_t m0 = first_tok(d, m.start), m1 = m0;
    while (m1 < d->ntoks && (int64_t)d->toks[m1].start < m.end)
        m1++;
    uint32_t lo = m0 > 4 ? m0 - 4 : 0, hi = m1;
    if (m0 < d->ntoks && d->toks[m0].ment >= 0)
        hi = d->ments[d->toks[m0].ment].appos_end;
    if (hi > m1 + 16)
        hi = m1 + 16;
    for (uint32_t t = lo; t < hi && t < d->ntoks; t++) {
        const tok_t *k = &d->toks[t];
        if (k->sent != d->toks[m0].sent || k->q >= 0)
            continue;
        if (k->ent >= 0 && k->ent != speaker) {
            entity_kind_t kind = d->a->entities[k->ent].kind;
            if (kind == KIND_PLACE || kind == KIND_ORGANIZATION)
                add_topic(f, 0x80000000u | (uint32_t)k->ent);
            continue;
        }
        if (!(k->flags & TF_CAP))
            continue;
        int pl = demonym_place(d, t);
        if (pl >= 0 && pl != speaker)
            add_topic(f, 0x80000000u | (uint32_t)pl);
    }
}

/* ---- sides ----------------------------------------------------------------
** Two statements contradict or back each other only when they come from
** different sides.  A country, its capital standing for its government,
** its ministries, armed forces and officials ("Quellen's Foreign
** Ministry", "the Kalvanian Defence Ministry", "Lt. Gen. Oren Vasko, the
** commander of Hestria's eastern forces", "the ministry's spokeswoman,
** Mira Haskel") are one side; so are a company and its director.  A
** ministry's statement and its navy's answer nobody: reading them as a
** dispute would mislead.  An organisation or person is put on a
** country's side only by a word of state (state_words.txt: ministry,
** army, minister, ambassador ...): a country's Red Cross or its farmers
** are not its government.  An affiliation to an organisation always
** counts. */

/* Sides are entity indexes, or for a people's adjective whose country
** the text never names ("the Pellandran Navy", "a Pellandran ship"), a
** number past the entities standing for that country's stem. */
typedef struct sides {
    int *side;             /* memo per entity, -2 while unknown */
    size_t nent;
    char (*stem)[6];
    size_t nstem, capstem;
} sides_t;

static int stem_side(sides_t *sd, const char *stem)
{
    for (size_t i = 0; i < sd->nstem; i++)
        if (memcmp(sd->stem[i], stem, 5) == 0)
            return (int)(sd->nent + i);
    grow_array((void **)&sd->stem, &sd->capstem, sd->nstem + 1, sizeof *sd->stem);
    memcpy(sd->stem[sd->nstem], stem, 5);
    sd->stem[sd->nstem][5] = 0;
    return (int)(sd->nent + sd->nstem++);
}

/* The country a capitalised word names or belongs to: its place entity,
** else its stem's pseudo side; -1 if it is neither a place nor a
** people's adjective. */
static int country_side(doc_t *d, sides_t *sd, uint32_t t)
{
    int pl = demonym_place(d, t);
    if (pl >= 0)
        return pl;
    const lex_info_t *li = d->toks[t].lex;
    const char *f = tok_fold(d, t);
    char buf[256];
    if (li && (li->cls & (LEX_DEMONYM | LEX_COUNTRY)) && li->place >= 0) {
        const char *c = lexicon_place_country(d->lex, li->place);
        if (lexicon_fold(c, strlen(c), buf, sizeof buf) >= 5)
            return stem_side(sd, buf);
        return -1;
    }
    size_t n = strlen(f);
    if (li || (d->toks[t].flags & TF_SSTART) || n < 7 ||
        !(strcmp(f + n - 3, "ian") == 0 || strcmp(f + n - 3, "ean") == 0 ||
          strcmp(f + n - 3, "ese") == 0 || strcmp(f + n - 2, "an") == 0))
        return -1;
    return stem_side(sd, f);
}

/* Does tokens [t0,t1) hold a word of state? */
static bool has_state_word(const doc_t *d, uint32_t t0, uint32_t t1)
{
    for (uint32_t t = t0; t < t1 && t < d->ntoks; t++)
        if ((d->toks[t].flags & TF_WORD) && annot_phrase(d, t, LEX_STATE, NULL))
            return true;
    return false;
}

static bool folded_has_state_word(const doc_t *d, const char *s)
{
    if (!s)
        return false;
    for (const char *p = s; *p;) {
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        /* one word, or the word and the next ("foreign minister") */
        const lex_info_t *li = lexicon_lookup(d->lex, p, (size_t)(q - p));
        if (li && (li->cls & LEX_STATE))
            return true;
        if (*q) {
            const char *r = q + 1;
            while (*r && *r != ' ')
                r++;
            li = lexicon_lookup(d->lex, p, (size_t)(r - p));
            if (li && (li->cls & LEX_STATE))
                return true;
        }
        p = *q ? q + 1 : q;
    }
    return false;
}

/* "the ministry's spokeswoman": the last organisation named before t
** whose name holds that word.  For a word any firm or group may go by
** ("the company's director" after "Halvard Dairy"), else the last
** organisation named in this paragraph or the one before whose name has
** no organisation word of its own (not "the Food Safety Board").  -1 if
** none. */
static int org_by_word(doc_t *d, uint32_t t, int self)
{
    static const char *const generic[] = {"company", "firm", "group", "charity", "operator",
                                          "organisation", "organization", "airline", "union",
                                          NULL};
    const char *w = tok_fold(d, t);
    size_t wl = strlen(w);
    if (wl < 3)
        return -1;
    bool gen = false;
    for (int i = 0; generic[i] && !gen; i++)
        gen = strcmp(w, generic[i]) == 0;
    int seen = 0, fallback = -1;
    for (uint32_t u = t; u-- > 0 && seen < 200;) {
        int e = d->toks[u].ent;
        if (e < 0 || e == self || d->a->entities[e].kind != KIND_ORGANIZATION ||
            d->toks[u].q >= 0)
            continue;
        seen++;
        const char *buf = annot_entity_fold(d, e);
        size_t n = strlen(buf);
        if (annot_has_word(buf, w, wl))
            return e;
        if (gen && fallback < 0 && d->toks[u].para >= d->toks[t].para - 1) {
            bool other = false;
            for (size_t i = 0; i < n && !other;) {
                size_t j = i;
                while (j < n && buf[j] != ' ')
                    j++;
                const lex_info_t *li = lexicon_lookup(d->lex, buf + i, j - i);
                other = li && (li->cls & (LEX_ORG | LEX_STATE));
                i = j + 1;
            }
            if (!other)
                fallback = e;
        }
    }
    return fallback;
}

/* The place or body token t points to: an entity of either kind, a
** people's adjective, or a possessive common noun naming a body already
** named ("the ministry's").  -1 if none. */
static int affil_at(doc_t *d, sides_t *sd, uint32_t t, int self)
{
    const tok_t *k = &d->toks[t];
    if (!(k->flags & TF_WORD))
        return -1;
    if (k->ent >= 0 && k->ent != self) {
        entity_kind_t kd = d->a->entities[k->ent].kind;
        return kd == KIND_PLACE || kd == KIND_ORGANIZATION ? k->ent : -1;
    }
    if (k->ent >= 0)
        return -1;
    if (k->flags & TF_CAP) {
        int pl = country_side(d, sd, t);
        return pl != self ? pl : -1;
    }
    /* "the ministry's spokeswoman", "a navy spokesman", "a spokesman for
    ** the ministry": a common noun for a body already named */
    if (tok_cls(d, t) & (LEX_ORG | LEX_STATE))
        return org_by_word(d, t, self);
    return -1;
}

/* What an entity speaks for, from one of its mentions [m0,m1): a people's
** adjective or country inside its name, a possessive or adjective before
** it ("Estvard's Foreign Minister X", "the ministry's spokeswoman, X"),
** or a body in the role after it (", the commander of Hestria's eastern
** forces,", " of the Joint Border Commission").  *state tells whether a
** word of state went with it.  -1 if none. */
static int affiliation_at(doc_t *d, sides_t *sd, int e, uint32_t m0, uint32_t m1, bool *state)
{
    int32_t sent = d->toks[m0].sent;
    *state = false;
    /* inside the name */
    for (uint32_t t = m0; t < m1; t++) {
        if (!(d->toks[t].flags & TF_CAP))
            continue;
        const lex_info_t *li = d->toks[t].lex;
        int pl = -1;
        if (li && (li->cls & (LEX_DEMONYM | LEX_COUNTRY | LEX_CAPITAL)) && li->place >= 0) {
            const char *c = lexicon_place_country(d->lex, li->place);
            char buf[256];
            size_t n = lexicon_fold(c, strlen(c), buf, sizeof buf);
            pl = annot_find_name(d, buf, n);
        } else if (t == m0) {
            pl = country_side(d, sd, t);
        }
        if (pl >= 0 && pl != e) {
            *state = has_state_word(d, m0, m1);
            return pl;
        }
    }
    /* before it: titles and roles back to a possessive or an adjective,
    ** across one comma ("the ministry's spokeswoman, Mira Haskel") */
    uint32_t lo = m0 > 8 ? m0 - 8 : 0;
    bool comma = false;
    for (uint32_t t = m0; t-- > lo;) {
        const tok_t *k = &d->toks[t];
        if (k->sent != sent || k->q >= 0)
            break;
        if (!(k->flags & TF_WORD)) {
            if (k->cp == ',' && t + 1 == m0 && !comma) {
                comma = true;
                continue;
            }
            break;
        }
        int a = affil_at(d, sd, t, e);
        if (a >= 0) {
            *state = has_state_word(d, t, m1);
            return a;
        }
        unsigned cls = tok_cls(d, t);
        if (!(k->flags & TF_CAP) && !(cls & (LEX_TITLE | LEX_STATE | LEX_ORG)) &&
            !tok_is(d, t, "the") && !tok_is(d, t, "a") && !tok_is(d, t, "an"))
            break;
    }
    /* after it: the apposed role, or "of"/"for" and a body */
    uint32_t hi = m1;
    if (d->toks[m0].ment >= 0)
        hi = d->ments[d->toks[m0].ment].appos_end;
    if (hi == m1 && m1 < d->ntoks && (tok_is(d, m1, "of") || tok_is(d, m1, "for") ||
                                      tok_is(d, m1, "at")))
        hi = m1 + 4;
    if (hi > m1 + 16)
        hi = m1 + 16;
    for (uint32_t t = m1; t < hi && t < d->ntoks; t++) {
        if (d->toks[t].sent != sent)
            break;
        int a = affil_at(d, sd, t, e);
        if (a >= 0) {
            *state = has_state_word(d, m1, hi);
            return a;
        }
    }
    return -1;
}

/* The side of entity e (memoised in sd->side, -2 while unknown). */
static int side_of(doc_t *d, sides_t *sd, int e, int depth)
{
    if (e < 0 || (size_t)e >= sd->nent)
        return e;          /* a pseudo side stands for itself */
    int *side = sd->side;
    if (side[e] != -2)
        return side[e];
    const entity_t *en = &d->a->entities[e];
    int s = e;
    if (en->kind == KIND_PLACE) {
        /* a capital that became an entity of its own: its country's */
        char buf[256];
        size_t n = en->name ? lexicon_fold(en->name, strlen(en->name), buf, sizeof buf) : 0;
        const lex_info_t *li = n ? lexicon_lookup(d->lex, buf, n) : NULL;
        if (li && (li->cls & LEX_CAPITAL) && !(li->cls & LEX_COUNTRY) && li->place >= 0) {
            const char *c = lexicon_place_country(d->lex, li->place);
            size_t cn = lexicon_fold(c, strlen(c), buf, sizeof buf);
            int ce = cn ? annot_find_name(d, buf, cn) : -1;
            if (ce >= 0 && ce != e)
                s = ce;
        } else {
            int cc = capital_of(d, e);
            if (cc >= 0) {
                side[e] = e;       /* cycles end here */
                s = side_of(d, sd, cc, depth + 1);
            }
        }
        side[e] = s;
        return s;
    }
    side[e] = e;           /* cycles end here */
    if (depth > 3)
        return e;
    bool person = en->kind == KIND_PERSON;
    entx_t *x = annot_entx(d, e);
    bool titled = person && folded_has_state_word(d, x->title);
    for (size_t mi = 0; mi < en->nmentions && mi < 8; mi++) {
        span_t m = en->mentions[mi];
        uint32_t m0 = first_tok(d, m.start), m1 = m0;
        while (m1 < d->ntoks && (int64_t)d->toks[m1].start < m.end)
            m1++;
        if (m0 >= d->ntoks || d->toks[m0].q >= 0)
            continue;
        bool state = false;
        int a = affiliation_at(d, sd, e, m0, m1, &state);
        if (a < 0)
            continue;
        bool org = (size_t)a < sd->nent && d->a->entities[a].kind == KIND_ORGANIZATION;
        bool ok = org || state || titled ||
                  (!person && folded_has_state_word(d, x->title));
        if (!ok && !person && en->name) {
            char buf[256];
            size_t n = lexicon_fold(en->name, strlen(en->name), buf, sizeof buf);
            ok = n && folded_has_state_word(d, buf);
        }
        if (ok) {
            s = side_of(d, sd, a, depth + 1);
            break;
        }
    }
    side[e] = s;
    return s;
}

static bool one_side(doc_t *d, sides_t *sd, const facts_t *a, const facts_t *b)
{
    return side_of(d, sd, a->speaker, 0) == side_of(d, sd, b->speaker, 0);
}

static bool share_topic(const facts_t *a, const facts_t *b)
{
    for (int i = 0; i < a->ntopics; i++)
        for (int j = 0; j < b->ntopics; j++)
            if (a->topics[i] == b->topics[j])
                return true;
    return false;
}

/* Does the denial come from (or speak for) a party the accusation
** blames?  The accused are the entities the accusation names, less its
** own source; the denier is its source, the country that source belongs
** to ("Quellen's Foreign Ministry") and whoever the denial names. */
static bool accused_denies(const doc_t *d, const facts_t *pos, const facts_t *ng)
{
    uint32_t accuser = 0x80000000u | (uint32_t)pos->speaker;
    for (int i = 0; i < pos->nspan; i++) {
        /* the place where it happened is not whom it blames */
        if (pos->topics[i] == accuser || !(pos->topics[i] & 0x80000000u) || pos->where[i])
            continue;
        if (ng->foreign && d->a->entities[pos->topics[i] & 0x7fffffffu].kind == KIND_PLACE)
            return true;
        for (int j = 0; j < ng->ntopics; j++)
            if (ng->topics[j] == pos->topics[i])
                return true;
    }
    return false;
}

/* A denial that names the act it denies a part in ("any role in the
** bank raid") answers only an accusation of that act, not one of a fire
** on the same page; one that names none ("denied any involvement",
** "rejected the accusation"), or an accusation that names none ("Ukraine
** was behind it"), leaves the question open and the pair may meet. */
static bool same_act(const facts_t *ng, const facts_t *pos, uint32_t invkey)
{
    if (ng->nact == 0)
        return true;
    bool pos_act = false;
    for (int j = 0; j < pos->nkeys; j++) {
        if (pos->keys[j] == invkey)
            continue;
        pos_act = true;
        for (int i = 0; i < ng->nact; i++)
            if (pos->keys[j] == ng->act[i])
                return true;
    }
    return !pos_act;
}

/* Keys are sorted (see gather), so one merge counts the shared ones. */
static int shared_keys(const facts_t *a, const facts_t *b)
{
    int n = 0, i = 0, j = 0;
    while (i < a->nkeys && j < b->nkeys) {
        if (a->keys[i] == b->keys[j])
            n++, i++, j++;
        else if (a->keys[i] < b->keys[j])
            i++;
        else
            j++;
    }
    return n;
}

/* Does each of two assertions say something the other does not ("the
** fire started in the kitchen" / "... in the basement", "the bridge was
** safe" / "tests confirmed the bridge was unsafe")?  Then one does not
** back the other, whatever words they share; a backer may only add to
** what it backs, or leave things out. */
static bool differ(const facts_t *a, const facts_t *b)
{
    int i = 0, j = 0, only_a = 0, only_b = 0;
    while (i < a->nkeys || j < b->nkeys) {
        if (j >= b->nkeys || (i < a->nkeys && a->keys[i] < b->keys[j]))
            only_a++, i++;
        else if (i >= a->nkeys || b->keys[j] < a->keys[i])
            only_b++, j++;
        else
            i++, j++;
    }
    return only_a && only_b;
}

/* Do the two speak of different members of a numbered series, "bridge
** 4" and "bridge 9", or of different years, 2023 and 2024?  Then what
** one says is no answer to the other, whatever words they share.  A
** series both number is told apart only when no number is shared; one
** that numbers nothing ("the bridge") may be either, and is left to
** the other rules. */
static bool other_numbered(const facts_t *a, const facts_t *b)
{
    for (int i = 0; i < a->ndes; i++) {
        bool both = false, same = false;
        for (int j = 0; j < b->ndes; j++)
            both = both || b->des[j] == a->des[i];
        /* any number under this noun shared: "bridge 4 and bridge 9"
        ** against "bridge 9" */
        for (int k = 0; both && k < a->ndes && !same; k++)
            for (int j = 0; j < b->ndes && !same; j++)
                same = a->des[k] == a->des[i] && b->des[j] == a->des[i] &&
                       a->desnum[k] == b->desnum[j];
        if (both && !same)
            return true;
    }
    if (a->nyears && b->nyears) {
        for (int i = 0; i < a->nyears; i++)
            for (int j = 0; j < b->nyears; j++)
                if (a->years[i] == b->years[j])
                    return false;
        return true;
    }
    return false;
}

/* Is x already related to y?  Relations from before this pass are all
** looked at (an import may hold any); the new ones are unique per pair by
** construction, except for the few most recent (a supports relation made
** by the claim pass, a pair reached twice), so only those are scanned. */
static bool related(const article_t *a, size_t since, int x, int y)
{
    size_t recent = a->nrelations > since + 16 ? a->nrelations - 16 : since;
    for (size_t i = 0; i < a->nrelations; i++) {
        if (i == since && recent > since)
            i = recent;
        if (i >= a->nrelations)
            break;
        const relation_t *r = &a->relations[i];
        if ((r->from.index == x && r->to.index == y) || (r->from.index == y && r->to.index == x))
            return true;
    }
    return false;
}

static void relate(doc_t *d, size_t since, relation_type_t type, int from, int to)
{
    if (related(d->a, since, from, to))
        return;
    relation_t *r = article_add_relation(d->a);
    r->type = type;
    r->origin = ORIGIN_AUTO;
    r->from.index = from;
    r->to.index = to;
}

/* Each contradiction found is a question put to a person, who must
** confirm or reject it; a statement said again and again ("pipe 3 had
** failed", in sixty paragraphs) would otherwise be put against every
** answer to it, and hundreds of proposals are read by nobody.  So the
** contradictions found are ranked, the canonical dispute (a denial by
** whom an accusation blames) first, then by how much the two share
** (words, and an entity), then the nearer pair first, and each
** assertion takes part in at most MAX_PROPOSED of them.  The gold sets
** list at most five for one assertion, and the rules find far fewer. */
#define MAX_PROPOSED 3
#define STRENGTH_CANON 1000

typedef struct prop {
    int from, to;          /* the denial, what it answers */
    int strength;
    int64_t dist;          /* bytes between their starts */
    size_t seq;            /* order found, so that the sort is stable */
} prop_t;

typedef struct props {
    prop_t *v;
    size_t n, cap;
} props_t;

static void propose(props_t *ps, int from, int to, int strength, int64_t dist)
{
    grow_array((void **)&ps->v, &ps->cap, ps->n + 1, sizeof *ps->v);
    prop_t *p = &ps->v[ps->n];
    p->from = from;
    p->to = to;
    p->strength = strength;
    p->dist = dist < 0 ? -dist : dist;
    p->seq = ps->n++;
}

static int cmp_prop(const void *x, const void *y)
{
    const prop_t *a = x, *b = y;
    if (a->strength != b->strength)
        return a->strength > b->strength ? -1 : 1;
    if (a->dist != b->dist)
        return a->dist < b->dist ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int cmp_found(const void *x, const void *y)
{
    const prop_t *a = x, *b = y;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct ord {
    int64_t start;
    int idx;
};

static int cmp_ord(const void *x, const void *y)
{
    const struct ord *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

typedef struct recent {
    uint32_t key;          /* topic; 0 marks an empty slot (word keys are never 0) */
    int v[RECENT];
    int n, next;
} recent_t;

/* The recent-assertion list of one topic; probed only, never iterated. */
static recent_t *recent_for(recent_t *tab, size_t mask, uint32_t key)
{
    if (key == 0)
        key = 1;
    size_t i = (key * 2654435761u) & mask;
    while (tab[i].key && tab[i].key != key)
        i = (i + 1) & mask;
    tab[i].key = key;
    return &tab[i];
}

/* Assertions are filed under each topic and each content key (the keys
** salted so that they do not share lists with topics), negative ones
** apart from the rest: a denial is only ever compared with assertions
** that do not negate, and an assertion that does not negate only with
** denials or (when it backs something) with other non-negative ones.
** Looking only in the lists that can yield a relation keeps a long
** article's pass as cheap per assertion as a short one's (on a 10 MB
** article most comparisons were of two denials, which can never meet). */
static uint32_t list_key(const facts_t *f, int i, bool neg)
{
    uint32_t k = i < f->ntopics ? f->topics[i] : (f->keys[i - f->ntopics] ^ 0x5bd1e995u) | 1u;
    return neg ? (k * 0x9e3779b1u) | 1u : k;
}

void annot_relations(doc_t *d)
{
    article_t *a = d->a;
    size_t n = a->nassertions, since = 0;
    if (!n)
        return;
    /* Relations from before the annotator ran are all checked for
    ** duplicates; the claim pass's "backed up by" relations mark their
    ** backer as done. */
    since = d->first_new_relation;
    bool *has_support = xcalloc(n, 1);
    for (size_t r = since; r < a->nrelations; r++)
        if (a->relations[r].type == REL_SUPPORTS && a->relations[r].from.index >= 0 &&
            (size_t)a->relations[r].from.index < n)
            has_support[a->relations[r].from.index] = true;
    int *stamp = xmalloc(n * sizeof *stamp);
    for (size_t i = 0; i < n; i++)
        stamp[i] = -1;
    /* Walk the assertions in text order. */
    struct ord *os = xmalloc(n * sizeof *os);
    for (size_t i = 0; i < n; i++) {
        os[i].start = a->assertions[i].span.start;
        os[i].idx = (int)i;
    }
    qsort(os, n, sizeof *os, cmp_ord);
    int *order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = os[i].idx;
    free(os);
    register_place_prefixes(d);
    d->tend = xmalloc((d->ntoks + 1) * sizeof *d->tend);
    for (size_t t = 0; t < d->ntoks; t++)
        d->tend[t] = d->toks[t].end;
    d->capof = xmalloc((a->nentities + 1) * sizeof *d->capof);
    for (size_t e = 0; e < a->nentities; e++)
        d->capof[e] = -2;
    const lex_info_t *lack = lexicon_lookup(d->lex, "shortage", 8);
    d->lack_group = lack && (lack->cls & LEX_SYNONYM) ? lack->group : -1;
    const lex_info_t *inv = lexicon_lookup(d->lex, "involvement", 11);
    uint32_t invkey = inv && (inv->cls & LEX_SYNONYM) ? 0x80000000u | (uint32_t)inv->group : 0;
    sides_t sides = {xmalloc((a->nentities + 1) * sizeof *sides.side), a->nentities, NULL, 0, 0};
    for (size_t i = 0; i < a->nentities; i++)
        sides.side[i] = -2;
    facts_t *f = xmalloc(n * sizeof *f);
    /* in text order, so that the walk through the tokens goes one way
    ** (quotes and claims are filed by two passes, each in text order) */
    for (size_t oi = 0; oi < n; oi++)
        gather(d, &a->assertions[order[oi]], &f[order[oi]]);
    /* one list per distinct topic or key and polarity: at most the sum
    ** of them all for the lists filed into, as many again for lists only
    ** looked in (recent_for makes an empty one); twice that keeps the
    ** table at most half full */
    size_t lists = 0;
    for (size_t i = 0; i < n; i++)
        lists += f[i].usable ? (size_t)(f[i].ntopics + f[i].nkeys) : 0;
    size_t slots = 16;
    while (slots < lists * 4)
        slots *= 2;
    recent_t *rec = xcalloc(slots, sizeof *rec);
    props_t props = {NULL, 0, 0};
    for (size_t oi = 0; oi < n; oi++) {
        int i = order[oi];
        facts_t *fi = &f[i];
        if (!fi->usable)
            continue;
        int backed = has_support[i] ? -2 : -1;
        int nl = fi->ntopics + fi->nkeys;
        /* the lists to look in: the other polarity's, and for a backing
        ** assertion that does not negate, its own too */
        int passes = fi->backing && !fi->neg && backed == -1 ? 2 : 1;
        for (int pass = 0; pass < passes; pass++)
        for (int ti = 0; ti < nl; ti++) {
            recent_t *r = recent_for(rec, slots - 1, list_key(fi, ti, pass ? fi->neg : !fi->neg));
            for (int k = 0; k < r->n; k++) {
                int j = r->v[(r->next - 1 - k + RECENT) % RECENT];
                if (stamp[j] == i)
                    continue;       /* reached through another shared list */
                stamp[j] = i;
                facts_t *fj = &f[j];
                /* one side's statements never meet; the side is worked
                ** out only for a pair that would otherwise be related */
                if (fj->speaker == fi->speaker)
                    { RELDBG(); continue; }
                if (fi->neg != fj->neg) {
                    const facts_t *pos = fi->neg ? fj : fi, *ng = fi->neg ? fi : fj;
                    /* an accusation and a denial of a part in something
                    ** meet only when the denier is whom it blames: "the
                    ** bombing in Ostby" and Ostby's denial do not */
                    if (pos->accuse && ng->invdeny) {
                        if (accused_denies(d, pos, ng) && same_act(ng, pos, invkey) &&
                            !one_side(d, &sides, fi, fj))
                            propose(&props, fi->neg ? i : j, fi->neg ? j : i, STRENGTH_CANON,
                                    a->assertions[i].span.start - a->assertions[j].span.start);
                        { RELDBG(); continue; }
                    }
                }
                int sk = shared_keys(fi, fj);
                if (sk == 0 || (!share_topic(fi, fj) && sk < 2))
                    { RELDBG(); continue; }
                if (fi->neg != fj->neg) {
                    /* A source's claim about itself ("its fighters carried
                    ** out the attack") is contradicted only by a denial
                    ** that names it, not by a third party's denial of its
                    ** own role. */
                    const facts_t *pos = fi->neg ? fj : fi, *ng = fi->neg ? fi : fj;
                    /* a sweeping denial meets, on any verb, what names
                    ** the thing it is about and one more of its words
                    ** ("police officers had shut the main gate" and
                    ** "denied that any officer closed the gate"; not
                    ** "stewards had locked the gate") */
                    bool swept = false;
                    for (int k = 0; ng->blanket && sk >= 2 && k < pos->nkeys && !swept; k++)
                        swept = pos->keys[k] == ng->blanket;
                    if (!scope_meets(ng, pos) && !swept)
                        { RELDBG(); continue; }
                    /* "had received no insulin pens" and "the country had
                    ** run out of the insulin pens" say the same thing: a
                    ** bare negation does not dispute a statement that is
                    ** itself negative in meaning, unless it negates that
                    ** lack ("there is no shortage") */
                    if (ng->weak && !ng->clause) {
                        const assertion_t *pa = &a->assertions[fi->neg ? j : i];
                        const assertion_t *na = &a->assertions[fi->neg ? i : j];
                        if (lacks_same(d, first_tok(d, pa->span.start), pa->span.end, ng) &&
                            !negates_lack(d, ng->negtok, na->span.end))
                            { RELDBG(); continue; }
                    }
                    /* A bare negation naming nothing the other names ("it
                    ** had not raised interest rates" against "high
                    ** interest rates had caused the fall") shares only
                    ** its subject matter; with no entity in common, two
                    ** shared words are too little for a dispute unless
                    ** one is the very verb it negates ("nobody had
                    ** decided the count"). */
                    if (ng->weak && !ng->clause && sk < 3 && !share_topic(fi, fj) &&
                        !verb_meets(ng, pos))
                        { RELDBG(); continue; }
                    /* A negated predicate is met on its verb, or on two of
                    ** its words: "its troops had not crossed the border"
                    ** does not answer "troops shelled the border town" */
                    if (ng->weak && ng->verbal && !verb_meets(ng, pos) && scope_hits(ng, pos) < 2)
                        { RELDBG(); continue; }
                    /* A denial of any part in something ("denied any
                    ** involvement in the attack") answers only whoever laid
                    ** that part at someone's door (the accusation rule
                    ** above) or claimed it for itself (below); a group's
                    ** "it had acted alone" agrees with it. */
                    if (ng->invdeny && !ng->clause && !pos->accuse && !pos->self)
                        { RELDBG(); continue; }
                    /* the same verb done to another thing: "denied that he
                    ** had closed the swimming pool", "had not closed the
                    ** swimming pool" and "he had closed the library" (looked
                    ** at only for a pair that would
                    ** otherwise be related, so it costs nothing per
                    ** assertion) */
                    if ((ng->clause || ng->verbal) && ng->obj) {
                        const assertion_t *pa = &a->assertions[fi->neg ? j : i];
                        uint32_t vk = 0;
                        for (int k = 0; k < ng->nscope && !vk; k++)
                            vk = ng->scope_topic[k] ? 0 : ng->scope[k];
                        uint32_t po = object_head(
                            d, key_tok(d, first_tok(d, pa->span.start), pa->span.end, vk),
                            pa->span.end);
                        bool has_obj = false;
                        for (int k = 0; k < pos->nkeys && !has_obj; k++)
                            has_obj = pos->keys[k] == ng->obj;
                        if (po && po != ng->obj && !has_obj)
                            { RELDBG(); continue; }
                    }
                    if (ng->judged && !pos->accuse && sk < 2)
                        { RELDBG(); continue; }
                    /* "would not raise prices this year" and "had raised
                    ** prices last year"; "not closed on Monday" and
                    ** "closed on Sunday": a different time, no dispute */
                    if (ng->future_neg && !pos->future)
                        { RELDBG(); continue; }
                    if ((ng->when & 0x7fu) && (pos->when & 0x7fu) &&
                        !(ng->when & pos->when & 0x7fu))
                        { RELDBG(); continue; }
                    if ((ng->when >> 7) && (pos->when >> 7) && !((ng->when & pos->when) >> 7))
                        { RELDBG(); continue; }
                    if (other_numbered(ng, pos))
                        { RELDBG(); continue; }
                    /* A claim that opens on a thing ("samples of the tea
                    ** contained mentradine", "maintenance on the tank had
                    ** been postponed") is about that thing, not its
                    ** source, and a denied that-clause that meets it on
                    ** its verb and names its subject answers it, as does
                    ** a negated predicate ("the exits had not been
                    ** locked"); a denied gerund, "denied firing on the
                    ** village", is the denier's own act */
                    const assertion_t *nga = &a->assertions[fi->neg ? i : j];
                    if (!pos->neg && pos->self &&
                        !(pos->thing && ((ng->clause && !ng->gerund && !ng->weak) ||
                                         (ng->weak && ng->verbal)) &&
                          subject_named(d, nga->span.start, nga->span.end, ng, pos))) {
                        bool named = false;
                        uint32_t want = 0x80000000u | (uint32_t)pos->speaker;
                        for (int k = 0; k < ng->nspan && !named; k++)
                            named = ng->topics[k] == want;
                        /* ... or names its side: Brennia's "Tessaly never
                        ** offered" answers the Tessalian minister's "We
                        ** offered a fair price" */
                        int ps = side_of(d, &sides, pos->speaker, 0);
                        for (int k = 0; k < ng->nspan && !named; k++)
                            named = (ng->topics[k] & 0x80000000u) &&
                                    (ng->topics[k] & 0x7fffffffu) < (uint32_t)a->nentities &&
                                    side_of(d, &sides, (int)(ng->topics[k] & 0x7fffffffu), 0) == ps;
                        /* ... or calls it by a common noun and denies the
                        ** same act: "the group had nothing to do with the
                        ** bombing", not "the group had no connection with
                        ** the state" */
                        named = named || (ng->nominal == pos->speaker && ng->nact > 0 &&
                                          same_act(ng, pos, invkey));
                        /* ... or calls it so and negates the very act it
                        ** claims: "the company had not offered a pay
                        ** rise" against its "had offered three percent" */
                        named = named || (ng->nominal == pos->speaker && ng->weak &&
                                          verb_meets(ng, pos) && scope_hits(ng, pos) >= 2);
                        if (!named)
                            { RELDBG(); continue; }
                    }
                    if (one_side(d, &sides, fi, fj))
                        { RELDBG(); continue; }
                    propose(&props, fi->neg ? i : j, fi->neg ? j : i,
                            sk + (share_topic(fi, fj) ? 2 : 0),
                            a->assertions[i].span.start - a->assertions[j].span.start);
                } else if (fi->backing && !fi->neg && !fj->neg && backed == -1 &&
                           !differ(fi, fj) && !other_numbered(fi, fj) &&
                           !one_side(d, &sides, fi, fj)) {
                    backed = j;
                }
            }
        }
        if (backed >= 0)
            relate(d, since, REL_SUPPORTS, i, backed);
        for (int ti = 0; ti < nl; ti++) {
            recent_t *r = recent_for(rec, slots - 1, list_key(fi, ti, fi->neg));
            r->v[r->next] = i;
            r->next = (r->next + 1) % RECENT;
            if (r->n < RECENT)
                r->n++;
        }
    }
    /* the strongest first, each assertion in at most MAX_PROPOSED; those
    ** kept are filed in the order found, the text's */
    /* (qsort of no proposal: props.v is NULL, which qsort may not take) */
    if (props.n)
        qsort(props.v, props.n, sizeof *props.v, cmp_prop);
    int *proposed = xcalloc(n, sizeof *proposed);
    size_t kept = 0;
    for (size_t k = 0; k < props.n; k++) {
        const prop_t *p = &props.v[k];
        if (proposed[p->from] >= MAX_PROPOSED || proposed[p->to] >= MAX_PROPOSED)
            continue;
        proposed[p->from]++;
        proposed[p->to]++;
        props.v[kept++] = *p;
    }
    if (kept)
        qsort(props.v, kept, sizeof *props.v, cmp_found);
    for (size_t k = 0; k < kept; k++)
        relate(d, since, REL_CONTRADICTS, props.v[k].from, props.v[k].to);
    free(proposed);
    free(props.v);
    free(rec);
    free(sides.side);
    free(sides.stem);
    free(f);
    free(d->tend);
    d->tend = NULL;
    free(d->capof);
    d->capof = NULL;
    free(order);
    free(stamp);
    free(has_support);
}
