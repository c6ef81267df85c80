/*
** annot_internal.h: the annotator's working state, shared by its passes
** (annotate.c: tokens, paragraphs, sentences, quote marks and the driver;
** annot_entities.c; annot_speech.c: quotes, speakers and claims;
** annot_relations.c).  Not for use outside the annotator.
**
** Every pass walks the token array left to right; nothing iterates a hash
** table, so the output depends only on the text and the word lists.
*/
#ifndef CONTRA_ANNOT_INTERNAL_H
#define CONTRA_ANNOT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "layout.h"
#include "lexicon.h"
#include "model.h"

enum {
    TF_WORD   = 1u << 0,   /* letters/digits (else one punctuation code point) */
    TF_CAP    = 1u << 1,   /* starts with an upper-case letter */
    TF_ALLCAP = 1u << 2,   /* two or more letters, all upper case */
    TF_DIGIT  = 1u << 3,   /* starts with a digit */
    TF_POSS   = 1u << 4,   /* a possessive 's followed; end excludes it */
    TF_DOT    = 1u << 5,   /* abbreviation or initial: the dot is inside */
    TF_QOPEN  = 1u << 6,   /* an opening double quote mark (after pairing) */
    TF_QCLOSE = 1u << 7,   /* a closing double quote mark (after pairing) */
    TF_CAPTION = 1u << 8,  /* inside a photo caption */
    TF_SSTART = 1u << 9,   /* first word of a sentence */
    TF_QMARK  = 1u << 10,  /* any double quote mark before pairing */
    TF_USED   = 1u << 11,  /* a reporting word already taken as a cue */
    TF_CLAIMED = 1u << 12, /* a reporting word that already made a claim */
    TF_INVIS  = 1u << 13   /* holds an invisible character (text_invisible_in_word) */
};

/* The pointer leads so that the struct packs to 48 bytes, not 56: a
** 10 MB article has two million tokens, and the passes are bound by
** how much of this array has to come in from memory. */
typedef struct tok {
    const lex_info_t *lex; /* the word alone in the lists, or NULL */
    uint32_t start, end;   /* bytes */
    uint32_t fold;         /* folded form: offset into doc.fold.s (words) */
    uint32_t cp;           /* the code point of a punctuation token */
    uint32_t flags;
    int32_t sent;          /* sentence index */
    int32_t para;          /* paragraph index */
    int32_t q;             /* quote whose content holds it, or -1 */
    int32_t ent;           /* entity of the mention covering it, or -1 */
    int32_t ment;          /* that mention's index in doc.ments, or -1 */
} tok_t;

typedef struct sent {
    uint32_t t0, t1;       /* tokens [t0, t1) */
} sent_t;

typedef struct ment {      /* an entity mention found in this run */
    uint32_t t0, t1;       /* tokens [t0, t1) */
    int ent;               /* article entity index */
    uint32_t appos_end;    /* token just after an apposed role ", the X of Y,", or t1 */
    bool in_quote;
} ment_t;

typedef struct quote {     /* a paired double quote (possibly several paragraphs) */
    uint32_t open, close;  /* mark tokens; close == UINT32_MAX if unclosed */
    uint32_t last;         /* last content token + 1 */
    uint32_t start, end;   /* content bytes */
    int nwords;
} quote_t;

typedef struct entx {      /* annotator facts about an article entity */
    char *title;           /* folded title or role seen with it, or NULL */
    int place;             /* gazetteer index, or -1 */
    bool tentative;        /* an organisation only for want of person evidence */
    bool poss_guess;       /* a place only for want of evidence, named so far by a
                           ** possessive alone ("Vandersloot's lawyer") or in the
                           ** headline alone ("Lind calls plan ...") */
    char gender;           /* 'm', 'f', 0 unknown, 'x' conflicting evidence */
    char *fname;           /* folded name, made on first use (annot_entity_fold) */
    const char *fname_of;  /* the name string it was folded from */
    uint32_t stamp;        /* last nominal search that looked at it */
    char owner[12];        /* a body named after an owner's possessive: who owns
                           ** it ("#3" an entity, "cmarov" a country's stem,
                           ** "wkamm" an unknown word); "" none (annot_entities.c) */
} entx_t;

typedef struct doc {
    article_t *a;
    const lexicon_t *lex;
    const char *text;
    size_t len;
    tok_t *toks; size_t ntoks, captoks;
    strbuf_t fold;
    para_t *paras; size_t nparas;
    sent_t *sents; size_t nsents, capsents;
    quote_t *quotes; size_t nquotes, capquotes;
    ment_t *ments; size_t nments, capments;
    entx_t *entx; size_t capentx;
    uint32_t nominal_stamp;    /* counts resolve_nominal calls */
    /* name -> entity index, folded keys; probed only, never iterated */
    struct nmap { uint32_t key; uint32_t len; int ent; } *nmap;
    size_t nmap_slots, nmap_used;
    strbuf_t nkeys;
    uint32_t *tend;        /* the tokens' end offsets, during the relation pass */
    int *capof;            /* per entity, the country it is the capital of (-1 none,
                           ** -2 not yet looked at), during the relation pass */
    int lack_group;        /* synonyms.txt's group of "shortage", "lack", "empty"
                           ** (-1 when the lists have none), during the relation pass */
    uint32_t headline_end;  /* the token after a headline the text opens with, or 0
                            ** (annotate.c) */
    size_t first_new_assertion;   /* assertions before it were there already */
    size_t first_new_entity;
    size_t first_new_relation;
} doc_t;

static inline const char *tok_fold(const doc_t *d, uint32_t t)
{
    return d->fold.s + d->toks[t].fold;
}
static inline unsigned tok_cls(const doc_t *d, uint32_t t)
{
    return d->toks[t].lex ? d->toks[t].lex->cls : 0;
}
static inline bool tok_is(const doc_t *d, uint32_t t, const char *folded)
{
    if (t >= d->ntoks || !(d->toks[t].flags & TF_WORD))
        return false;
    const char *f = tok_fold(d, t);
    return f[0] == folded[0] && strcmp(f, folded) == 0;
}

/* Is token t one of the folded words of a NULL-ended list? */
static inline bool tok_in(const doc_t *d, uint32_t t, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (tok_is(d, t, list[i]))
            return true;
    return false;
}
static inline bool tok_punct(const doc_t *d, uint32_t t, uint32_t cp)
{
    return t < d->ntoks && !(d->toks[t].flags & TF_WORD) && d->toks[t].cp == cp;
}

/* Fold token t again after its bytes changed (a possessive taken into
** a name, annot_entities.c); its word-list entry is looked up again. */
void annot_refold(doc_t *d, uint32_t t);

/* Longest lexicon phrase of class cls starting at token t (words only,
** same sentence); returns its length in tokens, 0 if none. */
int annot_phrase(const doc_t *d, uint32_t t, unsigned cls, const lex_info_t **info);

/* Is token t a form of "deny" whose object is something granted ("denied
** bail", "was denied him entry")?  That is an act of refusing, which
** asserts and denies nothing (annotate.c). */
bool annot_refusal(const doc_t *d, uint32_t t);

/* Entity registry (annot_entities.c). */
int annot_find_name(doc_t *d, const char *folded, size_t n);
void annot_add_name(doc_t *d, const char *folded, size_t n, int ent);

/* The name table also answers questions other than "which entity has
** this name": a key that opens with one of these bytes is a different
** question about its folded word.  Names open with a letter or a
** mark, not a control byte, so these keys never meet an entity's name,
** and one table serves every question.  The values are the key bytes. */
enum name_tag {
    NK_SHORT = 1,        /* a person's last word, a body's first: kept apart
                         ** from full names, which a one-word mention tries
                         ** first, so that a name beats another's short form */
    NK_CAPPED = 2,       /* capitalised in running text (value 0): a sentence's
                         ** first word is a name only if it is capitalised elsewhere */
    NK_PLACE_STEM = 3,   /* five letters of a place's name -> the place: lets
                         ** "Velmoran" or "Kalvanian" find Velmora or Kalvany */
    NK_CAP_STEM = 4,     /* five letters -> the lengths of the shortest (low 16
                         ** bits) and longest capitalised unlisted word opening
                         ** with them: "Velmoran" sees "Velmora" wherever it stands */
    NK_COUNTRY_ORG = 5,  /* country stem "|" rest of a body's name: "Marovia's
                         ** National Guard" is "the Marovian National Guard" */
    NK_AFTER_LOC = 6,    /* stands after "in", "from", "at" somewhere (value 0),
                         ** as a place does: such a lone speaker is no person */
    NK_OWNED_ORG = 7,    /* owner "|" a body's name: another owner's body of
                         ** the same name is another body */
    NK_PERSON_LAST = 8,  /* ends a name after "Mr" or a given name somewhere
                         ** (value 0): a person's, wherever else it stands */
    NK_ALONE = 9         /* stands with no capitalised word beside it (value 0),
                         ** as a place or a brand does and a given name seldom */
};

/* Make in key (cap bytes) the tagged key for the n bytes of s; returns
** its length, 0 when it does not fit.  No lookup finds an empty key and
** annot_add_name ignores one, so an overlong word is simply no name
** (a token folds to at most 255 bytes, so a 260-byte key always fits). */
static inline size_t annot_name_key(char *key, size_t cap, enum name_tag tag, const char *s,
                                    size_t n)
{
    if (n + 1 > cap)
        return 0;
    key[0] = (char)tag;
    memcpy(key + 1, s, n);
    return n + 1;
}

entx_t *annot_entx(doc_t *d, int ent);
/* Entity ent's name, case-folded: made on first use and kept with the
** entity until its name changes, since the role and nominal walks ask
** for it for every body they pass. */
const char *annot_entity_fold(doc_t *d, int ent);
/* Does the folded name hold the word w (wl bytes) whole? */
bool annot_has_word(const char *folded, const char *w, size_t wl);
int annot_country_entity(doc_t *d, int place);
/* "residents", "villagers": a plural common noun for people, the kind of
** word that opens a sentence about them; none of it names a body
** ("friends", "sons", "mothers" are left out: "Friends of the Earth",
** "Sons of the Ridge" are bodies' names). */
bool annot_people_plural(const doc_t *d, uint32_t t);
/* An organisation named by a common-noun phrase ("the port authority",
** "local officials") that makes a claim; its mention is added to the
** article only.  -1 if the phrase is empty. */
int annot_phrase_entity(doc_t *d, uint32_t t0, uint32_t t1);

/* The passes, in the order the driver runs them. */
void annot_entities(doc_t *d);
void annot_quotes(doc_t *d);      /* direct quotes and their speakers */
void annot_claims(doc_t *d);      /* indirect speech */
void annot_relations(doc_t *d);

/* Speaker search shared by quotes and claims (annot_speech.c). */
typedef struct np {
    int ent;               /* entity index or -1 */
    span_t span;           /* the words the attribution rests on, or none */
    uint32_t t0, t1;       /* their tokens */
} np_t;

/* Quote pass results the claim pass reads. */
bool annot_overlaps_existing(doc_t *d, assertion_kind_t kind, span_t s);

#endif
