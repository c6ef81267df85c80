/*
** bench/gen.c: the benchmark's deterministic article generator.
**
** Writes invented scraped-news articles in the style DESIGN.md describes
** (curly quotes, speakers before, after and between their quotes, "he
** added", indirect speech, denials, photo captions with a credit in
** capitals, a "date YYYY-MM-DD" prefix now and then), from word lists in
** this file and a PRNG of our own (splitmix64) with a fixed seed, so that
** every run on every machine produces the same bytes.
**
**   gen jsonl N            N articles of about 5 KB as contra JSON Lines,
**                          with entities, quotes, claims and relations
**   gen plain N DIR [K]    N articles of about 5 KB as plain text files
**                          DIR/000001.txt ... (headers or a date prefix);
**                          K (0) skips the first K, so that sets made with
**                          K = 0, N, 2N... hold different articles
**   gen big MB json|plain  one article of about MB megabytes
**
** Articles are grouped into stories (the same invented countries, people
** and groups recur in about fifty articles each), so that speakers and
** contradictions have partners across the library, as in real news.
** Offsets in the JSON count code points, half-open, as the format says.
**
** This is a benchmark tool, not part of contra: it exits on the first
** allocation failure and trusts its arguments.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- PRNG: splitmix64, reseeded per article so articles are independent */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(uint64_t s)
{
    rng_state = s * 0x2545f4914f6cdd1dULL + 0x1234567ULL;
    rng_next();
}

static unsigned rnd(unsigned n) { return (unsigned)(rng_next() % n); }

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[rnd(NELEM(a))])

/* ---- word lists (all invented) -------------------------------------- */

static const char *const first_names[] = {
    "Ilona", "Stefan", "Marta", "Anton", "Pavel", "Irena", "Tomasz", "Lída",
    "Emre", "Sofija", "Radek", "Hana", "Viktor", "Alena", "Jurij", "Nadia",
    "Oskar", "Zofia", "Matej", "Eszter", "Bogdan", "Klara", "Dorin", "Mira",
    "Goran", "Vesna", "Lukas", "Petra", "Aurel", "Ines", "Kamil", "Teodora",
};
static const char *const last_names[] = {
    "Veréb", "Marek", "Ilić", "Brezić", "Rusnak", "Kovač", "Halloran",
    "Szabó", "Draganov", "Novák", "Petrescu", "Lindqvist", "Mrázek",
    "Oršić", "Tamberg", "Kessler", "Vidmar", "Antal", "Roszak", "Balan",
    "Hedvig", "Zeman", "Kralj", "Dunaj", "Ferenczi", "Sobotka", "Weil",
    "Jelinek", "Morava", "Castellan",
};
/* countries: name, adjective */
static const char *const countries[][2] = {
    {"Velmora", "Velmoran"}, {"Ostrevia", "Ostrevian"}, {"Aldren", "Aldrenian"},
    {"Lisvania", "Lisvanian"}, {"Korvath", "Korvathi"}, {"Tessaly", "Tessalian"},
    {"Brannock", "Brannocki"}, {"Mireland", "Mirelandic"}, {"Dusmark", "Dusmarkian"},
    {"Qarresh", "Qarreshi"}, {"Elvane", "Elvanese"}, {"Sorrin", "Sorrinese"},
    {"Hadria", "Hadrian"}, {"Castrova", "Castrovan"}, {"Nyholm", "Nyholmish"},
    {"Pellan", "Pellanese"},
};
static const char *const cities[] = {
    "Dravna", "Kessel", "Brisk", "Marrowick", "Tollen", "Vaskor", "Orlény",
    "Heddal", "Port Saren", "Lumsk", "Gravitz", "Sablon", "Ardeny", "Krolow",
    "Neustrand", "Oblivo", "Czerny Brod", "Halmstad", "Velka Luka", "Rennet",
};
static const char *const venues[] = {
    "Halvard Concert Hall", "Central Station", "Grand Bazaar", "Eastern Depot",
    "Riverside Stadium", "Trade Fair Centre", "Old Customs House",
    "Marrowick Channel", "Northern Dam", "Saint Aurel Hospital",
};
static const char *const groups[] = {
    "Black Meridian", "Sons of the Delta", "Red Orchard", "Iron Vigil",
    "the Eastern Front for Liberation", "Silent Hand", "the Northern Brigades",
};
static const char *const sources[] = {
    "Northline Wire", "Harbour Ledger", "Lisvanian Courier", "Evening Standard of Kessel",
    "Meridian Press Agency", "The Dusmark Herald", "Continental Report", "Aldren Daily",
};
static const char *const agencies[] = {
    "NORTHLINE", "HARBOUR LEDGER", "MPA", "CONTINENTAL", "ALDREN DAILY",
};
static const char *const events[] = {
    "the attack", "the bombing", "the shooting", "the explosion",
    "the fire", "the ambush", "the raid",
};
static const char *const days[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char *const roles_gov[] = {
    "Interior Minister", "Foreign Minister", "Defence Minister", "Prime Minister",
    "President", "Justice Minister",
};
static const char *const roles_org[] = {
    "the head", "a spokesman", "a spokeswoman", "the deputy director",
    "a senior official", "the chairman",
};
static const char *const say_after[] = {
    "said", "wrote", "said", "said",
};
static const char *const say_before[] = {
    "said", "told reporters", "declared", "insisted", "warned",
};
static const char *const claim_verbs[] = {
    "claimed that", "said that", "insisted that", "alleged that", "maintained that",
};
static const char *const deny_words[] = {
    "absurd", "a provocation", "slander", "baseless", "a fabrication",
    "an insult to the victims",
};
static const char *const nouns[] = {
    "investigators", "witnesses", "officials", "survivors", "residents",
    "diplomats", "analysts", "police", "rescuers", "prosecutors", "journalists",
    "border guards", "doctors", "volunteers", "lawmakers", "engineers",
};
static const char *const things[] = {
    "the border crossing", "the northern road", "the ruined foyer",
    "the railway bridge", "the main square", "the dam on the Vesna river",
    "the customs post", "the hospital's east wing", "the port authority",
    "the trade agreement", "the emergency budget", "the ceasefire line",
};
static const char *const verbs_past[] = {
    "examined", "sealed off", "searched", "inspected", "reopened", "described",
    "visited", "questioned", "photographed", "closed", "guarded", "mapped",
};
static const char *const times[] = {
    "on Monday morning", "late on Sunday", "shortly after 8pm", "overnight",
    "earlier this week", "last autumn", "on Tuesday afternoon", "for hours",
    "since the spring", "before dawn", "in 2021", "two days later",
};
static const char *const accusations[] = {
    "Everything we have so far points in one direction, and that direction is %s.",
    "The men who did this were trained and paid by %s, and we can prove it.",
    "We know where the weapons came from. They came across the border from %s.",
    "This was not the work of a few fanatics. %s planned it for months.",
    "Nobody should pretend to be surprised. %s has been preparing this for a long time.",
};
static const char *const denials[] = {
    "%s had nothing to do with this crime, and every serious observer knows it.",
    "We condemn all acts of terror, and we reject these accusations against %s.",
    "The government of %s was not involved in any way, directly or indirectly.",
    "These claims about %s are meant to distract from failures at home.",
};
static const char *const intel_lines[] = {
    "the attackers had been in contact with %s for at least a year",
    "the weapons used had been bought on the black market by members of %s",
    "there was no sign that any state had directed the men, and that %s had acted alone",
};
static const char *const group_lines[] = {
    "Our fighters carried out the operation alone, and no government helped us.",
    "This is our answer, and there will be more until our demands are heard.",
    "We owe nothing to any state. The operation was ours from beginning to end.",
};
static const char *const filler[] = {
    "%N %V %T %W, and traffic was diverted around %C for much of the day.",
    "%N said the damage to %T would take months to repair, and that the cost had not yet been counted.",
    "Relations between the two neighbours have been strained %W, when a dispute over %T broke out.",
    "In %C, %N gathered outside the town hall %W to lay flowers and light candles for the victims.",
    "The %A authorities %V %T %W but gave no further details about what they had found.",
    "Local newspapers reported that %N had %V %T %W, a claim that could not be independently verified.",
    "%N in %C described long queues at %T as families waited for news of relatives.",
    "The government announced an emergency fund for the families of the victims and promised to rebuild %T.",
    "Markets in %C fell sharply %W before recovering some of their losses by the close.",
    "Several airlines suspended flights to %C, and %N advised against all but essential travel.",
};

/* ---- growable byte buffer that also counts code points ------------- */

typedef struct {
    char *b;
    size_t n, cap;
    size_t cp;          /* code points in b: offsets in contra JSON count these */
} buf_t;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        perror("gen");
        exit(2);
    }
    return q;
}

static void bput(buf_t *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->b = xrealloc(b->b, b->cap);
    }
    memcpy(b->b + b->n, s, n);
    b->n += n;
    b->b[b->n] = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            b->cp++;
}

static void bputs(buf_t *b, const char *s) { bput(b, s, strlen(s)); }

static void bprintf(buf_t *b, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        n = (int)sizeof tmp - 1;
    bput(b, tmp, (size_t)n);
}

/* ---- annotations collected while the text is written ----------------- */

typedef struct { size_t s, e; } span_t;

enum { PERSON, ORG, PLACE };
static const char *const kind_names[] = {"person", "organization", "place"};

typedef struct {
    char name[96];
    int kind;
    span_t *m;
    size_t nm, cap;
} ent_t;

typedef struct {
    int speaker;            /* entity index */
    span_t span, who, cue;
    int direct;
    int is_claim;
    int status;             /* 0 unreviewed, 1 disputed, 2 corroborated */
} ann_t;

typedef struct { int from, to; int contradicts; } rel_t;

typedef struct {
    buf_t text;
    ent_t *ent;
    size_t nent, capent;
    ann_t *ann;
    size_t nann, capann;
    rel_t *rel;
    size_t nrel, caprel;
} art_t;

static int entity(art_t *a, const char *name, int kind)
{
    for (size_t i = 0; i < a->nent; i++)
        if (!strcmp(a->ent[i].name, name))
            return (int)i;
    if (a->nent == a->capent) {
        a->capent = a->capent ? a->capent * 2 : 16;
        a->ent = xrealloc(a->ent, a->capent * sizeof *a->ent);
    }
    ent_t *e = &a->ent[a->nent];
    memset(e, 0, sizeof *e);
    snprintf(e->name, sizeof e->name, "%s", name);
    e->kind = kind;
    return (int)a->nent++;
}

/* Write a mention of entity NAME and record it; returns its span. */
static span_t mention(art_t *a, const char *name, int kind, int *idx)
{
    int i = entity(a, name, kind);
    ent_t *e = &a->ent[i];
    span_t sp;
    sp.s = a->text.cp;
    bputs(&a->text, name);
    sp.e = a->text.cp;
    if (e->nm == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 4;
        e->m = xrealloc(e->m, e->cap * sizeof *e->m);
    }
    e->m[e->nm++] = sp;
    if (idx)
        *idx = i;
    return sp;
}

static int add_ann(art_t *a, ann_t x)
{
    if (a->nann == a->capann) {
        a->capann = a->capann ? a->capann * 2 : 16;
        a->ann = xrealloc(a->ann, a->capann * sizeof *a->ann);
    }
    a->ann[a->nann] = x;
    return (int)a->nann++;
}

static void add_rel(art_t *a, int from, int to, int contradicts)
{
    if (from < 0 || to < 0 || from == to)
        return;
    if (a->nrel == a->caprel) {
        a->caprel = a->caprel ? a->caprel * 2 : 8;
        a->rel = xrealloc(a->rel, a->caprel * sizeof *a->rel);
    }
    a->rel[a->nrel++] = (rel_t){from, to, contradicts};
}

static void art_free(art_t *a)
{
    for (size_t i = 0; i < a->nent; i++)
        free(a->ent[i].m);
    free(a->ent);
    free(a->ann);
    free(a->rel);
    free(a->text.b);
    memset(a, 0, sizeof *a);
}

/* ---- a story: the cast that recurs across its articles ---------------- */

typedef struct {
    int accuser, accused, intel;        /* country indexes */
    const char *city, *venue, *group, *event;
    char minister[64], minister_role[32];
    char president[64];
    char denier[64];                    /* the accused side's spokesperson */
    char intel_org[96];
    char ministry[96];                  /* accused side's foreign ministry */
    char leader[64];                    /* the group's leader */
    char witness[64];
    char photographer[64];
} story_t;

static void person(char *out, size_t n)
{
    snprintf(out, n, "%s %s", PICK(first_names), PICK(last_names));
}

static void make_story(story_t *s, unsigned id)
{
    rng_seed(0x5eed0000ULL + id);
    s->accuser = (int)rnd(NELEM(countries));
    do s->accused = (int)rnd(NELEM(countries)); while (s->accused == s->accuser);
    do s->intel = (int)rnd(NELEM(countries));
    while (s->intel == s->accuser || s->intel == s->accused);
    s->city = PICK(cities);
    s->venue = PICK(venues);
    s->group = PICK(groups);
    s->event = PICK(events);
    snprintf(s->minister_role, sizeof s->minister_role, "%s", PICK(roles_gov));
    person(s->minister, sizeof s->minister);
    person(s->president, sizeof s->president);
    person(s->denier, sizeof s->denier);
    person(s->leader, sizeof s->leader);
    person(s->witness, sizeof s->witness);
    person(s->photographer, sizeof s->photographer);
    snprintf(s->intel_org, sizeof s->intel_org, "%s Intelligence Service",
             countries[s->intel][1]);
    snprintf(s->ministry, sizeof s->ministry, "%s Foreign Ministry",
             countries[s->accused][1]);
}

/* The last word of a name, as the second reference uses it ("Veréb said"). */
static const char *surname(const char *full)
{
    const char *sp = strrchr(full, ' ');
    return sp ? sp + 1 : full;
}

/* Capitals for a photo credit: ASCII, Latin-1 and Latin Extended-A, which
** is every letter the name lists use. */
static void upper_name(char *d, const char *s, size_t n)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && o + 3 < n) {
        unsigned cp;
        if (*p < 0x80)
            cp = *p++;
        else {
            cp = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
            p += 2;
        }
        if (cp >= 'a' && cp <= 'z')
            cp -= 32;
        else if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
            cp -= 32;
        else if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
            cp &= ~1u;
        else if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            cp -= !(cp & 1);
        if (cp < 0x80)
            d[o++] = (char)cp;
        else {
            d[o++] = (char)(0xC0 | (cp >> 6));
            d[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    d[o] = 0;
}

/* ---- paragraphs -------------------------------------------------------- */

/* A background sentence with %N nouns, %V verbs, %T things, %W times,
** %C a city (an entity mention), %A the accuser's adjective. */
static void filler_sentence(art_t *a, const story_t *s, int annotate)
{
    const char *f = PICK(filler);
    for (const char *p = f; *p; p++) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            bput(&a->text, p, n);
            p += n - 1;
            continue;
        }
        const char *w = NULL;
        switch (*++p) {
        case 'N': w = PICK(nouns); break;
        case 'V': w = PICK(verbs_past); break;
        case 'T': w = PICK(things); break;
        case 'W': w = PICK(times); break;
        case 'A': w = countries[s->accuser][1]; break;
        case 'C':
            if (annotate)
                mention(a, s->city, PLACE, NULL);
            else
                bputs(&a->text, s->city);
            continue;
        }
        /* capitalise at the start of the sentence */
        if (p == f + 1 && w && w[0] >= 'a' && w[0] <= 'z') {
            char c = (char)(w[0] - 32);
            bput(&a->text, &c, 1);
            bputs(&a->text, w + 1);
        } else if (w)
            bputs(&a->text, w);
    }
}

static void filler_paragraph(art_t *a, const story_t *s, int annotate)
{
    int n = 2 + (int)rnd(3);
    for (int i = 0; i < n; i++) {
        if (i)
            bputs(&a->text, " ");
        filler_sentence(a, s, annotate);
    }
    bputs(&a->text, "\n");
}

/* Write a quoted passage, recording its span without the quote marks. */
static span_t quoted(art_t *a, const char *text, const char *trail)
{
    span_t sp;
    bputs(&a->text, "“");
    sp.s = a->text.cp;
    bputs(&a->text, text);
    if (trail)
        bputs(&a->text, trail);
    sp.e = a->text.cp;
    bputs(&a->text, "”");
    return sp;
}

static span_t cue(art_t *a, const char *w)
{
    span_t sp = {a->text.cp, 0};
    bputs(&a->text, w);
    sp.e = a->text.cp;
    return sp;
}

/* The accusation: "ROLE NAME, speaking to reporters in CITY, said: “…”" —
** the speaker stands before the quote.  Returns the quote's index. */
static int p_accusation(art_t *a, const story_t *s)
{
    ann_t q = {0};
    q.direct = 1;
    bprintf(&a->text, "%s ", s->minister_role);
    q.who = mention(a, s->minister, PERSON, &q.speaker);
    bputs(&a->text, ", speaking to reporters in ");
    mention(a, s->city, PLACE, NULL);
    bputs(&a->text, ", ");
    q.cue = cue(a, PICK(say_before));
    bputs(&a->text, ": ");
    char line[512];
    snprintf(line, sizeof line, PICK(accusations), countries[s->accused][0]);
    q.span = quoted(a, line, NULL);
    int qi = add_ann(a, q);

    /* continuation quote in the next paragraph: "“…,” she added." */
    bputs(&a->text, "\n");
    ann_t c = {0};
    c.direct = 1;
    c.speaker = q.speaker;
    c.span = quoted(a, "We will not name anyone until the evidence is complete", ",");
    bputs(&a->text, " ");
    c.who = cue(a, rnd(2) ? "she" : "he");
    bputs(&a->text, " ");
    c.cue = cue(a, "added");
    bprintf(&a->text, ". The %s government has recalled its ambassador to ",
            countries[s->accuser][1]);
    mention(a, countries[s->accused][0], PLACE, NULL);
    bputs(&a->text, " for consultations.\n");
    add_ann(a, c);
    return qi;
}

/* Indirect claim: "NAME claimed that …", the claim is the clause. */
static int p_claim(art_t *a, const story_t *s, const char *who, int kind)
{
    ann_t c = {0};
    c.is_claim = 1;
    c.who = mention(a, who, kind, &c.speaker);
    bputs(&a->text, " ");
    c.cue = cue(a, PICK(claim_verbs));
    bputs(&a->text, " ");
    c.span.s = a->text.cp;
    bputs(&a->text, "the attackers had crossed from ");
    mention(a, countries[s->accused][0], PLACE, NULL);
    bprintf(&a->text, " %s with help from people on the other side", PICK(times));
    c.span.e = a->text.cp;
    bputs(&a->text, ". ");
    filler_sentence(a, s, 1);
    bputs(&a->text, "\n");
    return add_ann(a, c);
}

/* The denial: "“…,” NAME, a spokesman of MINISTRY, said in response to …"
** — the speaker between the quote and the cue — plus an indirect denial. */
static int p_denial(art_t *a, const story_t *s, int *claim_idx)
{
    ann_t q = {0};
    q.direct = 1;
    char line[512];
    snprintf(line, sizeof line, PICK(denials), countries[s->accused][0]);
    line[strlen(line) - 1] = 0;             /* the comma replaces the full stop */
    q.span = quoted(a, line, ",");
    bputs(&a->text, " ");
    q.who = mention(a, s->denier, PERSON, &q.speaker);
    bprintf(&a->text, ", %s of the ", PICK(roles_org));
    mention(a, s->ministry, ORG, NULL);
    bputs(&a->text, ", ");
    q.cue = cue(a, "said");
    bprintf(&a->text, " in response to the accusations %s.", PICK(times));
    int qi = add_ann(a, q);

    ann_t c = {0};
    c.is_claim = 1;
    bputs(&a->text, " ");
    c.who = mention(a, countries[s->accused][0], PLACE, &c.speaker);
    bputs(&a->text, " ");
    c.cue = cue(a, "has denied");
    bputs(&a->text, " ");
    c.span.s = a->text.cp;
    bputs(&a->text, "any involvement in ");
    bputs(&a->text, s->event);
    c.span.e = a->text.cp;
    bprintf(&a->text, ", calling the accusations “%s”.\n", PICK(deny_words));
    *claim_idx = add_ann(a, c);
    return qi;
}

/* The group claims responsibility: quote with the speaker after it. */
static int p_group(art_t *a, const story_t *s)
{
    bputs(&a->text, "A statement posted on channels linked to ");
    mention(a, s->group, ORG, NULL);
    bputs(&a->text, " claimed responsibility. ");
    ann_t q = {0};
    q.direct = 1;
    char line[512];
    snprintf(line, sizeof line, "%s", PICK(group_lines));
    line[strlen(line) - 1] = 0;
    q.span = quoted(a, line, ",");
    bputs(&a->text, " ");
    q.cue = cue(a, PICK(say_after));
    bputs(&a->text, " ");
    q.who = mention(a, s->leader, PERSON, &q.speaker);
    bputs(&a->text, ", who leads the group.\n");
    return add_ann(a, q);
}

/* Foreign intelligence: "According to ORG, …". */
static int p_intel(art_t *a, const story_t *s)
{
    ann_t c = {0};
    c.is_claim = 1;
    c.cue = cue(a, "According to");
    bputs(&a->text, " the ");
    c.who = mention(a, s->intel_org, ORG, &c.speaker);
    bputs(&a->text, ", ");
    c.span.s = a->text.cp;
    char line[512];
    snprintf(line, sizeof line, PICK(intel_lines), s->group);
    bputs(&a->text, line);
    c.span.e = a->text.cp;
    bputs(&a->text, ". Officials in ");
    mention(a, countries[s->intel][0], PLACE, NULL);
    bputs(&a->text, " declined to say how the information had been gathered.\n");
    return add_ann(a, c);
}

/* A witness quote, speaker after — "“…,” said NAME, 34, who …". */
static void p_witness(art_t *a, const story_t *s)
{
    ann_t q = {0};
    q.direct = 1;
    static const char *const lines[] = {
        "They did not shout anything. They just walked in and started shooting",
        "I heard two bangs and then everybody was running towards the doors",
        "The smoke came so fast that we could not see the exits any more",
        "We waited outside for hours and nobody told us anything",
    };
    q.span = quoted(a, PICK(lines), ",");
    bputs(&a->text, " ");
    q.cue = cue(a, "said");
    bputs(&a->text, " ");
    q.who = mention(a, s->witness, PERSON, &q.speaker);
    bprintf(&a->text, ", %u, who escaped through a service corridor at the ",
            20 + rnd(50));
    mention(a, s->venue, PLACE, NULL);
    bputs(&a->text, ".\n");
    add_ann(a, q);
}

static void p_caption(art_t *a, const story_t *s)
{
    char cred[64], ag[32];
    upper_name(cred, s->photographer, sizeof cred);
    snprintf(ag, sizeof ag, "%s", PICK(agencies));
    bprintf(&a->text, "%s outside the %s in %s %s. - %s/%s\n",
            rnd(2) ? "Rescuers carry a wounded man" : "Mourners lay flowers",
            s->venue, s->city, PICK(times), cred, ag);
}

static void p_president(art_t *a, const story_t *s)
{
    bputs(&a->text, "President ");
    int sp;
    span_t who = mention(a, s->president, PERSON, &sp);
    bputs(&a->text, ", who declared a day of national mourning, did not mention ");
    mention(a, countries[s->accused][0], PLACE, NULL);
    bputs(&a->text, " by name in a televised address. ");
    ann_t q = {0};
    q.direct = 1;
    q.speaker = sp;
    span_t he = cue(a, "He");
    (void)who;
    q.who = he;
    bputs(&a->text, " ");
    q.cue = cue(a, "promised");
    bputs(&a->text, " that ");
    q.span = quoted(a, "every person who helped these killers will be found", ",");
    bputs(&a->text, " and thanked the rescuers at the ");
    mention(a, s->venue, PLACE, NULL);
    bputs(&a->text, ".\n");
    add_ann(a, q);
}

/* A second reference by surname: "NAME said …" with a quoted phrase. */
static int p_minister_again(art_t *a, const story_t *s)
{
    ann_t q = {0};
    q.direct = 1;
    q.who = mention(a, surname(s->minister), PERSON, &q.speaker);
    /* the surname is an alias of the minister: fold it into the full entity */
    int full = entity(a, s->minister, PERSON);
    if (full != q.speaker) {
        ent_t *al = &a->ent[q.speaker], *fe = &a->ent[full];
        if (fe->nm == fe->cap) {
            fe->cap = fe->cap ? fe->cap * 2 : 4;
            fe->m = xrealloc(fe->m, fe->cap * sizeof *fe->m);
        }
        fe->m[fe->nm++] = al->m[--al->nm];
        q.speaker = full;
    }
    bputs(&a->text, " ");
    q.cue = cue(a, "said");
    bputs(&a->text, " investigators were examining ");
    q.span = quoted(a, "a number of channels", NULL);
    bputs(&a->text, " through which the attackers might have been financed, but declined to give details.\n");
    return add_ann(a, q);
}

/* ---- whole articles ------------------------------------------------------ */

static void civil(long days, int *y, int *m, int *d)
{
    /* days since 1970-01-01 to a Gregorian date (Howard Hinnant's method) */
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long doe = days - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

typedef struct {
    char title[256], source[64], url[256], date[32];
    int date_prefix;
} meta_t;

/* Build article number I (0-based) of about TARGET bytes.  ANNOTATE off
** writes the same kind of text without recording annotations.  Dates run
** from 2015-01-01, 27 articles a day, by I modulo a million. */
static void make_article(art_t *a, meta_t *m, unsigned i, size_t target, int annotate)
{
    story_t s;
    make_story(&s, i / 50);
    rng_seed(0xa27c1e00ULL + i);

    long day = 16436 + (long)((i % 1000000) / 27);   /* from 2015-01-01 */
    int y, mo, d;
    civil(day, &y, &mo, &d);
    snprintf(m->date, sizeof m->date, "%04d-%02d-%02d", y, mo, d);
    snprintf(m->source, sizeof m->source, "%s", PICK(sources));
    static const char *const title_fmt[] = {
        "%s blames %s for %s in %s",
        "%s rejects accusation over %s in %s as %s claims responsibility",
        "Intelligence report challenges %s account of %s in %s",
        "Death toll rises after %s in %s; %s points to %s",
    };
    int tf = (int)rnd(NELEM(title_fmt));
    const char *A = countries[s.accuser][0], *B = countries[s.accused][0];
    switch (tf) {
    case 0: snprintf(m->title, sizeof m->title, title_fmt[0], A, B, s.event, s.city); break;
    case 1: snprintf(m->title, sizeof m->title, title_fmt[1], B, s.event, s.city, s.group); break;
    case 2: snprintf(m->title, sizeof m->title, title_fmt[2], countries[s.accuser][1], s.event, s.city); break;
    default: snprintf(m->title, sizeof m->title, title_fmt[3], s.event, s.city, A, B); break;
    }
    if (m->title[0] >= 'a' && m->title[0] <= 'z')
        m->title[0] = (char)(m->title[0] - 32);
    snprintf(m->url, sizeof m->url, "https://example.org/%c%c/%s/%06u",
             m->source[0] | 0x20, m->source[1], m->date, i + 1);
    m->date_prefix = rnd(5) == 0;

    /* lead */
    bprintf(&a->text, "At least %u people were killed and more than %u wounded in %s at the ",
            3 + rnd(60), 10 + rnd(150), s.event);
    mention(a, s.venue, PLACE, NULL);
    bputs(&a->text, " in ");
    mention(a, s.city, PLACE, NULL);
    bprintf(&a->text, " on %s, officials said.\n", PICK(days));

    int acc = p_accusation(a, &s);
    int first_claim = p_claim(a, &s, s.minister, PERSON);
    size_t para = 0;
    int deny_claim = -1, deny = -1, grp = -1, intel = -1;
    /* the body: story paragraphs and background, then the denial near the
    ** end so that x from the first quote jumps across the article */
    while (a->text.n < target * 8 / 10) {
        switch (para++ % 9) {
        case 0: p_caption(a, &s); break;
        case 1: p_witness(a, &s); break;
        case 2: p_president(a, &s); break;
        case 3: grp = p_group(a, &s); break;
        case 4: intel = p_intel(a, &s); break;
        case 5: p_minister_again(a, &s); break;
        default: filler_paragraph(a, &s, annotate); break;
        }
        if (para % 9 == 0 && target > 100000) {
            /* the big article: mostly background between story beats */
            for (int k = 0; k < 20 && a->text.n < target * 8 / 10; k++)
                filler_paragraph(a, &s, 0);
        }
    }
    deny = p_denial(a, &s, &deny_claim);
    while (a->text.n < target)
        filler_paragraph(a, &s, annotate);

    /* statuses: some already reviewed */
    for (size_t k = 0; k < a->nann; k++)
        a->ann[k].status = rnd(6) == 0 ? 1 + (int)rnd(2) : 0;

    add_rel(a, deny, acc, 1);
    add_rel(a, deny_claim, first_claim, 1);
    add_rel(a, grp, acc, 1);
    add_rel(a, intel, grp, 0);
    add_rel(a, intel, first_claim, 1);
}

/* ---- output ---------------------------------------------------------------- */

static void json_str(FILE *f, const char *s, size_t n)
{
    putc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            putc('\\', f);
            putc(c, f);
        } else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            putc(c, f);
    }
    putc('"', f);
}

static void json_span(FILE *f, const char *key, span_t s)
{
    fprintf(f, ",\"%s\":[%zu,%zu]", key, s.s, s.e);
}

static void write_json(FILE *f, const art_t *a, const meta_t *m)
{
    static const char *const st[] = {"unreviewed", "disputed", "corroborated"};
    fputs("{\"contra\":1,\"title\":", f);
    json_str(f, m->title, strlen(m->title));
    fputs(",\"source\":", f);
    json_str(f, m->source, strlen(m->source));
    fprintf(f, ",\"url\":\"%s\",\"published\":\"%s\",\"text\":", m->url, m->date);
    json_str(f, a->text.b, a->text.n);
    fputs(",\"entities\":[", f);
    int first = 1;
    for (size_t i = 0; i < a->nent; i++) {
        const ent_t *e = &a->ent[i];
        if (!e->nm)
            continue;
        fprintf(f, "%s{\"id\":\"E%zu\",\"name\":", first ? "" : ",", i + 1);
        first = 0;
        json_str(f, e->name, strlen(e->name));
        fprintf(f, ",\"kind\":\"%s\",\"aliases\":[", kind_names[e->kind]);
        if (e->kind == PERSON && strchr(e->name, ' '))
            json_str(f, surname(e->name), strlen(surname(e->name)));
        fputs("],\"mentions\":[", f);
        for (size_t k = 0; k < e->nm; k++)
            fprintf(f, "%s[%zu,%zu]", k ? "," : "", e->m[k].s, e->m[k].e);
        fputs("]}", f);
    }
    fputs("],\"quotes\":[", f);
    first = 1;
    for (size_t i = 0; i < a->nann; i++) {
        const ann_t *q = &a->ann[i];
        if (q->is_claim)
            continue;
        fprintf(f, "%s{\"id\":\"A%zu\",\"speaker\":\"E%d\"", first ? "" : ",",
                i + 1, q->speaker + 1);
        first = 0;
        json_span(f, "span", q->span);
        json_span(f, "speaker_span", q->who);
        json_span(f, "cue_span", q->cue);
        fprintf(f, ",\"direct\":%s,\"status\":\"%s\"}", q->direct ? "true" : "false",
                st[q->status]);
    }
    fputs("],\"claims\":[", f);
    first = 1;
    for (size_t i = 0; i < a->nann; i++) {
        const ann_t *c = &a->ann[i];
        if (!c->is_claim)
            continue;
        fprintf(f, "%s{\"id\":\"A%zu\",\"claimant\":\"E%d\"", first ? "" : ",",
                i + 1, c->speaker + 1);
        first = 0;
        json_span(f, "span", c->span);
        fprintf(f, ",\"status\":\"%s\"}", st[c->status]);
    }
    fputs("],\"relations\":[", f);
    for (size_t i = 0; i < a->nrel; i++)
        fprintf(f, "%s{\"type\":\"%s\",\"from\":\"A%d\",\"to\":\"A%d\",\"origin\":\"import\"}",
                i ? "," : "", a->rel[i].contradicts ? "contradicts" : "supports",
                a->rel[i].from + 1, a->rel[i].to + 1);
    fputs("]}\n", f);
}

static void write_plain(FILE *f, const art_t *a, const meta_t *m)
{
    if (m->date_prefix) {
        /* scraped: the date glued to the first line, no title line */
        fprintf(f, "date %s ", m->date);
    } else
        fprintf(f, "Title: %s\nSource: %s\nURL: %s\nDate: %s\n\n",
                m->title, m->source, m->url, m->date);
    fwrite(a->text.b, 1, a->text.n, f);
}

static int usage(void)
{
    fputs("usage: gen jsonl N\n"
          "       gen plain N DIR [SKIP]\n"
          "       gen big MB json|plain\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    if (!strcmp(argv[1], "jsonl")) {
        unsigned n = (unsigned)strtoul(argv[2], NULL, 10);
        for (unsigned i = 0; i < n; i++) {
            art_t a = {0};
            meta_t m;
            make_article(&a, &m, i, 4600, 1);
            write_json(stdout, &a, &m);
            art_free(&a);
        }
    } else if (!strcmp(argv[1], "plain") && (argc == 4 || argc == 5)) {
        unsigned n = (unsigned)strtoul(argv[2], NULL, 10);
        unsigned skip = argc == 5 ? (unsigned)strtoul(argv[4], NULL, 10) : 0;
        if (mkdir(argv[3], 0777) && errno != EEXIST) {
            perror(argv[3]);
            return 1;
        }
        for (unsigned i = 0; i < n; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%06u.txt", argv[3], i + 1);
            FILE *f = fopen(path, "w");
            if (!f) {
                perror(path);
                return 1;
            }
            art_t a = {0};
            meta_t m;
            /* a different range of article numbers from the JSON library */
            make_article(&a, &m, 1000000 + skip + i, 4600, 0);
            write_plain(f, &a, &m);
            art_free(&a);
            if (fclose(f)) {
                perror(path);
                return 1;
            }
        }
    } else if (!strcmp(argv[1], "big") && argc == 4) {
        size_t mb = strtoul(argv[2], NULL, 10);
        int json = !strcmp(argv[3], "json");
        art_t a = {0};
        meta_t m;
        make_article(&a, &m, 2000000, mb << 20, json);
        snprintf(m.title, sizeof m.title, "The long record: %zu MB of the %s",
                 mb, "inquiry transcripts");
        m.date_prefix = 0;
        if (json)
            write_json(stdout, &a, &m);
        else
            write_plain(stdout, &a, &m);
        art_free(&a);
    } else
        return usage();
    if (fflush(stdout) || ferror(stdout)) {
        perror("gen: stdout");
        return 1;
    }
    return 0;
}
