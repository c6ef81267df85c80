/*
** test_annotate.c: the rule-based annotator on small invented articles in
** the style of scraped news: what a reader would see as entities, quotes
** with their speakers, claims, and proposed relations.
*/
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annotate.h"
#include "layout.h"
#include "lexicon.h"
#include "model.h"
#include "../tap.h"

static lexicon_t *lex;

static article_t *run(const char *text)
{
    article_t *a = article_new();
    a->text = xstrdup(text);
    a->len = strlen(text);
    annotate_article(a, lex);
    return a;
}

static char *slice(const article_t *a, span_t s)
{
    if (!span_present(s))
        return xstrdup("(none)");
    return xstrndup(a->text + s.start, (size_t)(s.end - s.start));
}

static int find_entity(const article_t *a, const char *name, entity_kind_t kind)
{
    for (size_t i = 0; i < a->nentities; i++)
        if (strcmp(a->entities[i].name, name) == 0 && a->entities[i].kind == kind)
            return (int)i;
    return -1;
}

/* The assertion of the given kind whose span contains needle. */
static const assertion_t *find_assertion(const article_t *a, assertion_kind_t k,
                                         const char *needle)
{
    for (size_t i = 0; i < a->nassertions; i++) {
        const assertion_t *q = &a->assertions[i];
        if (q->kind != k)
            continue;
        char *s = slice(a, q->span);
        bool hit = strstr(s, needle) != NULL;
        free(s);
        if (hit)
            return q;
    }
    return NULL;
}

static const char *speaker_name(const article_t *a, const assertion_t *q)
{
    return q && q->speaker >= 0 ? a->entities[q->speaker].name : "(none)";
}

static size_t count_kind(const article_t *a, assertion_kind_t k)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nassertions; i++)
        n += a->assertions[i].kind == k;
    return n;
}

static void test_structure(void)
{
    article_t *a = run("date 2031-05-04 Officials in Veloria met on Monday.\n\n"
                       "Mr. Tomas Berrin of the U.S. Trade Council said the talks failed. "
                       "He left early.\n\n"
                       "Delegates leave the hall in Veloria on Monday - JANE DOE/NEWSWIRE\n");
    is_str(a->published, "2031-05-04", "date prefix gives the published date");
    ok(find_entity(a, "Tomas Berrin", KIND_PERSON) >= 0, "title Mr. stripped, abbreviation kept");
    ok(find_entity(a, "U.S. Trade Council", KIND_ORGANIZATION) >= 0 ||
       find_entity(a, "Trade Council", KIND_ORGANIZATION) >= 0,
       "organisation word makes an organisation");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "talks failed");
    ok(c != NULL, "indirect speech without 'that' is a claim");
    is_str(speaker_name(a, c), "Tomas Berrin", "claimant");
    ok(find_assertion(a, ASSERT_CLAIM, "Delegates") == NULL, "caption gives no claim");
    article_free(a);

    a = run("date 2031-05-04\nNo title here.");
    is_str(a->published, "2031-05-04", "date prefix on its own line");
    article_free(a);
}

static void test_quotes(void)
{
    const char *text =
        "Veloria's Interior Minister Ana Rossi said on Tuesday that Dravia was behind the "
        "bombing in Port Selm.\n\n"
        "\u201cWe have clear evidence. The attackers were trained across the border,\u201d "
        "Rossi told reporters.\n\n"
        "Dravia's foreign ministry spokesman, Kiril Vost, rejected the accusation and said "
        "Dravia had no role in the bombing. "
        "\u201cThis is a baseless provocation,\u201d he said.\n\n"
        "Rossi called the denial \u201cpredictable\u201d and blamed the so-called "
        "\u201cgrain war\u201d. Her memoir \u201cHarbour Lights Over Selm\u201d is out.\n\n"
        "The Black Crescent group claimed responsibility for the bombing, a claim backed up "
        "by Veloria's intelligence service.\n\n"
        "\"Nobody in Dravia had anything to do with this,\" said Vost, the head of the "
        "ministry press office, in a statement.\n";
    article_t *a = run(text);
    int rossi = find_entity(a, "Ana Rossi", KIND_PERSON);
    int vost = find_entity(a, "Kiril Vost", KIND_PERSON);
    ok(rossi >= 0, "person with title run");
    ok(vost >= 0, "person in apposition");
    ok(find_entity(a, "Dravia", KIND_PERSON) < 0, "a place alone is no person");

    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "clear evidence");
    ok(q && q->direct, "curly quote spanning two sentences is a direct quote");
    is_str(speaker_name(a, q), "Ana Rossi", "speaker after the quote, short form joins");
    if (q) {
        char *s = slice(a, q->span);
        is_str(s, "We have clear evidence. The attackers were trained across the border,",
               "quote span is the text inside the marks");
        free(s);
        s = slice(a, q->cue_span);
        is_str(s, "told", "cue span");
        free(s);
        s = slice(a, q->speaker_span);
        is_str(s, "Rossi", "speaker span");
        free(s);
    }
    q = find_assertion(a, ASSERT_QUOTE, "baseless provocation");
    is_str(speaker_name(a, q), "Kiril Vost", "pronoun speaker resolved to last person");
    if (q) {
        char *s = slice(a, q->speaker_span);
        is_str(s, "he", "pronoun is the speaker span");
        free(s);
    }
    q = find_assertion(a, ASSERT_QUOTE, "predictable");
    is_str(speaker_name(a, q), "Ana Rossi", "partial quote framed by 'called'");
    ok(find_assertion(a, ASSERT_QUOTE, "grain war") == NULL, "so-called scare quote is no quote");
    ok(find_assertion(a, ASSERT_QUOTE, "Harbour Lights") == NULL, "a title in quote marks is no quote");
    q = find_assertion(a, ASSERT_QUOTE, "Nobody in Dravia");
    ok(q != NULL, "straight quotes are paired");
    is_str(speaker_name(a, q), "Kiril Vost", "said X, the head of Y");

    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "Dravia was behind");
    ok(c != NULL, "X said on Tuesday that ... is a claim");
    is_str(speaker_name(a, c), "Ana Rossi", "claimant of the that-clause");
    ok(find_assertion(a, ASSERT_CLAIM, "the accusation") == NULL,
       "'rejected the accusation and said ...': what is said is the claim");
    c = find_assertion(a, ASSERT_CLAIM, "no role");
    ok(c != NULL, "... and said ... is a claim");
    is_str(speaker_name(a, c), "Kiril Vost", "claimant after apposition, shared by 'and said'");
    c = find_assertion(a, ASSERT_CLAIM, "responsibility");
    ok(c != NULL, "claimed responsibility is a claim");

    bool contra = false;
    for (size_t i = 0; i < a->nrelations; i++) {
        const relation_t *r = &a->relations[i];
        ok(r->origin == ORIGIN_AUTO, "relation %zu is marked auto", i);
        if (r->type == REL_CONTRADICTS) {
            const assertion_t *f = &a->assertions[r->from.index];
            const assertion_t *t = &a->assertions[r->to.index];
            ok(f->speaker != t->speaker, "contradiction between different sources");
            contra = true;
        }
    }
    ok(contra, "the denial contradicts the accusation");
    article_free(a);
}

static void test_continued(void)
{
    const char *text =
        "Marta Oyelaran, the chairwoman of the harbour council, spoke at length.\n\n"
        "\u201cWe rebuilt the docks in two years. Nobody believed we could do it.\n\n"
        "\u201cNow we need the railway to follow,\u201d she said.\n\n"
        "\u201cThe budget is final and it will not change this year,\u201d Oyelaran added.\n";
    article_t *a = run(text);
    is_int(count_kind(a, ASSERT_QUOTE), 2, "a quote continued across paragraphs is one quote");
    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "rebuilt the docks");
    ok(q && strstr(a->text + q->span.start, "railway") &&
       q->span.end > (int64_t)(strstr(a->text, "railway") - a->text),
       "the continued quote reaches into the next paragraph");
    is_str(speaker_name(a, q), "Marta Oyelaran", "speaker of the continued quote");
    article_free(a);
}

static void test_keeps_existing(void)
{
    const char *text = "Ana Rossi said the port would reopen in May.\n";
    article_t *a = article_new();
    a->text = xstrdup(text);
    a->len = strlen(text);
    entity_t *e = article_add_entity(a);
    e->name = xstrdup("Ana Rossi");
    e->kind = KIND_PERSON;
    entity_add_mention(e, (span_t){0, 9});
    assertion_t *q = article_add_assertion(a);
    q->kind = ASSERT_CLAIM;
    q->speaker = 0;
    q->span = (span_t){19, 44};
    q->status = STATUS_DISPUTED;
    annotate_article(a, lex);
    is_int(a->nentities, 1, "existing entity kept, not duplicated");
    is_int(a->entities[0].nmentions, 1, "existing mention not duplicated");
    is_int(a->nassertions, 1, "existing claim kept, no duplicate");
    is_int(a->assertions[0].status, STATUS_DISPUTED, "user status kept");
    annotate_article(a, lex);
    is_int(a->nassertions, 1, "annotating twice adds nothing");
    article_free(a);
}

static void test_deterministic(void)
{
    const char *text =
        "Kyiv denied any involvement in the attack. Moscow insisted that Ukraine was "
        "behind it, according to state media.\n";
    article_t *a = run(text), *b = run(text);
    is_int(a->nentities, b->nentities, "same entity count twice");
    bool same = a->nassertions == b->nassertions && a->nrelations == b->nrelations;
    for (size_t i = 0; same && i < a->nassertions; i++)
        same = a->assertions[i].span.start == b->assertions[i].span.start &&
            a->assertions[i].speaker == b->assertions[i].speaker;
    ok(same, "same assertions twice");
    ok(find_entity(a, "Ukraine", KIND_PLACE) >= 0, "capital speaking joins its country");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "any involvement");
    is_str(speaker_name(a, c), "Ukraine", "Kyiv as the government of Ukraine");
    bool contra = false;
    for (size_t i = 0; i < a->nrelations; i++)
        contra |= a->relations[i].type == REL_CONTRADICTS;
    ok(contra, "denial vs accusation about the same country");
    article_free(a);
    article_free(b);
}

static void test_no_false_contradiction(void)
{
    const char *text =
        "The mayor, Ilse Varga, said the new bridge would open in June.\n\n"
        "Transport minister Paul Odel said the railway would not be finished before "
        "winter.\n";
    article_t *a = run(text);
    size_t n = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        n += a->relations[i].type == REL_CONTRADICTS;
    is_int(n, 0, "different subjects do not contradict");
    article_free(a);

    /* both say the minister was wrong: they agree */
    a = run("The Supreme Audit Chamber said on Monday that the dredging of the Port of "
            "Marrowick had cost 2.7 billion crowns, 40% more than the budget approved by "
            "parliament, contradicting assurances by Minister Jolanta Przyb that the work "
            "was on budget.\n"
            "Ewa Granat of the Civic Alliance called on the minister to resign. \"She told "
            "parliament the dredging of the port was on budget. Both halves of that "
            "sentence were false,\" Granat said.\n");
    n = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        n += a->relations[i].type == REL_CONTRADICTS;
    is_int(n, 0, "'that sentence was false' late in a quote answers a third party");
    article_free(a);

    a = run("Tarvia accused Olmek on Sunday of shelling the town of Dressa, killing four "
            "civilians.\n"
            "Foreign Minister Lea Marn said Olmek had not been informed of any casualties.\n");
    n = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        n += a->relations[i].type == REL_CONTRADICTS;
    is_int(n, 0, "'not informed of any casualties' does not deny the killing");
    article_free(a);

    a = run("Hestria's Interior Minister Ana Rossi said on Monday that Kalvanian troops had "
            "shelled the village of Dobrava.\n"
            "The Kalvanian Defence Ministry denied that its troops had shelled Dobrava.\n"
            "The Black Meridian group claimed responsibility for the attack on the depot.\n"
            "Kalvany's government said the group had no connection with the Kalvanian "
            "state.\n");
    n = 0;
    int right = 0;
    const assertion_t *den = find_assertion(a, ASSERT_CLAIM, "its troops");
    const assertion_t *acc = find_assertion(a, ASSERT_CLAIM, "Kalvanian troops");
    for (size_t i = 0; i < a->nrelations; i++) {
        const relation_t *r = &a->relations[i];
        if (r->type != REL_CONTRADICTS)
            continue;
        n++;
        const assertion_t *x = &a->assertions[r->from.index], *y = &a->assertions[r->to.index];
        right += (x == den && y == acc) || (x == acc && y == den);
    }
    is_int(right, 1, "a denial contradicts the accusation it answers");
    is_int(n, 1, "'no connection with the Kalvanian state' shares a country, not a predicate");
    article_free(a);

    a = run("The Lesna Bank said on Monday that it would close ten branches.\n"
            "The central bank said inflation had fallen to 3% in October.\n");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "inflation");
    ok(c == NULL || c->speaker < 0, "'the central bank' is not the Lesna Bank");
    article_free(a);
}


/* The one relation between the assertions of a, or -1/-1. */
static int contradiction_between(const article_t *a, const assertion_t *x, const assertion_t *y)
{
    int n = 0;
    for (size_t i = 0; i < a->nrelations; i++) {
        const relation_t *r = &a->relations[i];
        if (r->type != REL_CONTRADICTS || !x || !y)
            continue;
        const assertion_t *f = &a->assertions[r->from.index], *t = &a->assertions[r->to.index];
        n += (f == x && t == y) || (f == y && t == x);
    }
    return n;
}

static size_t count_contradictions(const article_t *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        n += a->relations[i].type == REL_CONTRADICTS;
    return n;
}

/* Statements about different members of a numbered series, or about
** different years, do not answer each other. */
static void test_numbered_things(void)
{
    article_t *a = run("Bridge inspections\n\n"
                       "Engineer Maria Lopez said bridge 4 had failed the load test. City "
                       "engineer Tom Reed said bridge 9 did not fail the load test.\n");
    is_int(count_contradictions(a), 0, "bridge 4 and bridge 9 are different bridges");
    article_free(a);

    a = run("Engineer Maria Lopez said bridge 4 had failed the load test. City engineer "
            "Tom Reed said bridge 4 did not fail the load test.\n");
    is_int(count_contradictions(a), 1, "bridge 4 and bridge 4 are the same bridge");
    article_free(a);

    a = run("Engineer Maria Lopez said pipe 3 had burst during the flood. Inspector Tom "
            "Reed said pipe 5 had not burst during the flood.\n");
    is_int(count_contradictions(a), 0, "pipe 3 and pipe 5");
    article_free(a);

    a = run("Auditor Maria Lopez said the council had cut the school budget in 2023. "
            "Mayor Tom Reed said the council did not cut the school budget in 2024.\n");
    is_int(count_contradictions(a), 0, "2023 and 2024 are different years");
    article_free(a);
}

/* A thing of three letters is as much what a statement is about as a
** longer one: "the car was sold" and "the car was not sold" dispute,
** while the short words that say nothing ("any", "did") tie no
** statements together (the tests of pipe 3 and of "any maintenance"). */
static void test_short_subjects(void)
{
    static const char *const things[] = {"car", "van", "dam", "tax", "war", "law", NULL};
    for (int i = 0; things[i]; i++) {
        char *text = xasprintf("Mayor Anna Berg said the %s was sold. Engineer Tom Field said "
                               "the %s was not sold.\n",
                               things[i], things[i]);
        article_t *a = run(text);
        is_int(count_contradictions(a), 1, "'the %s was not sold' answers 'the %s was sold'",
               things[i], things[i]);
        article_free(a);
        free(text);
    }

    article_t *a = run("Mayor Anna Berg said the car was sold. Engineer Tom Field said the van "
                       "was not sold.\n");
    is_int(count_contradictions(a), 0, "the car and the van are different things");
    article_free(a);
}

/* A statement answered again and again is put to the reader against
** its nearest few answers, not against every one. */
static void test_proposals_capped(void)
{
    article_t *a = run("Engineer Maria Lopez said pipe 3 had failed the pressure test.\n\n"
                       "Inspector Tom Reed said pipe 3 did not fail the pressure test.\n\n"
                       "Inspector Ana Berg said pipe 3 did not fail the pressure test.\n\n"
                       "Inspector Paul Odel said pipe 3 did not fail the pressure test.\n\n"
                       "Inspector Ilse Varga said pipe 3 did not fail the pressure test.\n\n"
                       "Inspector Kiril Vost said pipe 3 did not fail the pressure test.\n");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "had failed");
    int to_c = 0, near = 0;
    for (size_t i = 0; i < a->nrelations; i++) {
        const relation_t *r = &a->relations[i];
        if (r->type != REL_CONTRADICTS || &a->assertions[r->to.index] != c)
            continue;
        to_c++;
        const char *who = speaker_name(a, &a->assertions[r->from.index]);
        near += !strcmp(who, "Tom Reed") || !strcmp(who, "Ana Berg") || !strcmp(who, "Paul Odel");
    }
    is_int(count_contradictions(a), 3, "three contradictions proposed, not five");
    is_int(to_c, 3, "all three against the claim");
    is_int(near, 3, "the nearest three answers");
    article_free(a);
}

/* A given name that is also a capital ("Sofia") with a surname after a
** title is one person, who says what follows. */
static void test_given_name_place(void)
{
    article_t *a = run("Vote delay\n\n"
                       "Interior Minister Sofia Lund said the vote would be delayed. \"We need "
                       "more time to print the ballots,\" she said. Talks in Sofia went on.\n\n"
                       "The Central Electoral Commission met on Monday. The electoral commission "
                       "said it had not asked for a delay.\n");
    ok(find_entity(a, "Sofia Lund", KIND_PERSON) >= 0, "Interior Minister Sofia Lund: a person");
    ok(find_entity(a, "Lund", KIND_PLACE) < 0, "Lund is no place");
    ok(find_entity(a, "Sofia", KIND_PLACE) >= 0, "talks in Sofia: the place");
    is_str(speaker_name(a, find_assertion(a, ASSERT_CLAIM, "vote would be delayed")), "Sofia Lund",
           "her claim");
    is_str(speaker_name(a, find_assertion(a, ASSERT_QUOTE, "print the ballots")), "Sofia Lund",
           "her quote ('she said')");
    is_str(speaker_name(a, find_assertion(a, ASSERT_CLAIM, "not asked for a delay")),
           "Central Electoral Commission", "the commission named before makes its claim");
    article_free(a);

    a = run("Foreign Minister Georgia Banks said talks in Sofia would go on.\n");
    ok(find_entity(a, "Georgia Banks", KIND_PERSON) >= 0, "Foreign Minister Georgia Banks");
    ok(find_entity(a, "Sofia", KIND_PLACE) >= 0, "in Sofia");
    article_free(a);
}

/* A lone surname after "in" is a place that shares it: people are not
** where things are.  The person keeps the word elsewhere. */
static void test_surname_place(void)
{
    article_t *a = run("Vote delay\n\n"
                       "Interior Minister Sofia Lund said the vote would be delayed. Officials in "
                       "Lund said the ballots had arrived late. Lund said the count would start "
                       "on Monday. Voters said they had no confidence in Lund.\n");
    int p = find_entity(a, "Sofia Lund", KIND_PERSON);
    ok(p >= 0, "Interior Minister Sofia Lund: a person");
    ok(find_entity(a, "Lund", KIND_PLACE) >= 0, "officials in Lund: the place Lund");
    is_str(speaker_name(a, find_assertion(a, ASSERT_CLAIM, "ballots had arrived")), "Lund",
           "the officials' claim is the place's, not the minister's");
    is_str(speaker_name(a, find_assertion(a, ASSERT_CLAIM, "count would start")), "Sofia Lund",
           "'Lund said' is still the minister");
    is_int(p >= 0 ? (long)a->entities[p].nmentions : -1, 3,
           "her mentions: full name, 'Lund said', 'confidence in Lund'");
    article_free(a);

    a = run("Vote delay\n\n"
            "Officials in Lund said the ballots had arrived late. Interior Minister Sofia Lund "
            "said the vote would be delayed. Lund said the count would start on Monday.\n");
    ok(find_entity(a, "Lund", KIND_PLACE) >= 0, "the place first: Lund");
    is_str(speaker_name(a, find_assertion(a, ASSERT_CLAIM, "count would start")), "Sofia Lund",
           "then 'Lund said' is the minister, not the place");
    article_free(a);
}

/* Common given names, short forms too ("Joe") and Nordic ones ("Søren",
** also written "Soeren"), open people's names; so does a role noun in
** apposition ("Joe Mueller, a jazz musician"). */
static void test_given_names(void)
{
    article_t *a = run("The festival hired Soeren Muller and Joe Mueller for the closing night. "
                       "S\xc3\xb8ren Holm booked them.\n");
    ok(find_entity(a, "Soeren Muller", KIND_PERSON) >= 0, "Soeren Muller: a person");
    ok(find_entity(a, "Joe Mueller", KIND_PERSON) >= 0, "Joe Mueller: a person");
    ok(find_entity(a, "S\xc3\xb8ren Holm", KIND_PERSON) >= 0, "S\xc3\xb8ren Holm: a person");
    article_free(a);

    a = run("Festival\n\nKarel Mueller, a jazz musician from Karsby, said the stage was unsafe.\n");
    ok(find_entity(a, "Karel Mueller", KIND_PERSON) >= 0, "', a jazz musician': a person");
    article_free(a);
}

/* "Pier 7": a capitalised common noun with a number after it is one
** name, never the bare noun. */
static void test_designators(void)
{
    article_t *a = run("Pier collapse\n\n"
                       "The Venport Port Authority rejected claims that budget cuts led to the "
                       "collapse of Pier 7. Passengers waited at Gate 12 for three hours.\n\n"
                       "Channel 4 said the report was accurate. The Ember 3 heater was recalled. "
                       "The Saraband Star was 38 kilometres from the coast.\n");
    ok(find_entity(a, "Pier 7", KIND_PLACE) >= 0, "Pier 7: a place");
    ok(find_entity(a, "Pier", KIND_PLACE) < 0, "not the place Pier");
    int pier = find_entity(a, "Pier 7", KIND_PLACE);
    is_int(pier >= 0 ? (long)a->entities[pier].nmentions : -1, 1,
           "the headline's 'Pier collapse' is no mention of it");
    ok(find_entity(a, "Gate 12", KIND_PLACE) >= 0, "Gate 12: a place");
    ok(find_entity(a, "Channel 4", KIND_ORGANIZATION) >= 0, "Channel 4 speaks: a body");
    is_str(speaker_name(a, find_assertion(a, ASSERT_CLAIM, "report was accurate")), "Channel 4",
           "its claim");
    ok(find_entity(a, "Ember 3", KIND_OTHER) >= 0, "the Ember 3 heater: some other thing");
    ok(find_entity(a, "Saraband Star", KIND_ORGANIZATION) >= 0 ||
       find_entity(a, "Saraband Star", KIND_PLACE) >= 0 ||
       find_entity(a, "Saraband Star", KIND_OTHER) >= 0,
       "38 kilometres counts: the name is Saraband Star");
    article_free(a);

    a = run("Paris 2024 organisers said the games would go ahead. On May 4 the council met.\n");
    ok(find_entity(a, "Paris", KIND_PLACE) >= 0, "a year is no designator");
    is_int(a->nentities, 1, "nor is a day of May");
    article_free(a);
}

/* "Bridge 9 was closed": a place word capitalised only because it opens
** a sentence names no place with its number, as "bridge 9" would not;
** "Pier 7" capitalised mid-sentence elsewhere in the text still does. */
static void test_initial_designators(void)
{
    article_t *a = run("Bridge inspections\n\n"
                       "Engineer Maria Lopez said the load test had failed. Bridge 9 was closed "
                       "on Monday. Bridge 4 stayed open, and bridge 4 was painted.\n");
    ok(find_entity(a, "Bridge 9", KIND_PLACE) < 0, "'Bridge 9 was closed': no place");
    ok(find_entity(a, "Bridge 4", KIND_PLACE) < 0, "'Bridge 4 stayed open': no place");
    is_int(a->nentities, 1, "Maria Lopez alone");
    article_free(a);

    a = run("Pier 7 collapsed on Monday. Divers searched the water under Pier 7.\n");
    int pier = find_entity(a, "Pier 7", KIND_PLACE);
    is_int(pier >= 0 ? (long)a->entities[pier].nmentions : -1, 2,
           "'Pier 7' mid-sentence makes the opening 'Pier 7' a mention too");
    article_free(a);
}

/* "rejected claims that X": the claim holds the charge rejected, not X
** alone, which would read as what the rejecter asserts; it still
** answers whoever asserts X. */
static void test_rejected_charge(void)
{
    article_t *a = run("Pier collapse\n\n"
                       "Union leader Mara Holt said budget cuts led to the collapse of Pier 7.\n\n"
                       "The Venport Port Authority on Tuesday rejected claims that budget cuts "
                       "led to the collapse of Pier 7.\n\n"
                       "General Ivo Brask said Tarvian troops had crossed the border near Ostby.\n\n"
                       "The Tarvian Defence Ministry denied reports that its troops had crossed "
                       "the border.\n");
    const assertion_t *acc = find_assertion(a, ASSERT_CLAIM, "Pier 7");
    const assertion_t *rej = NULL, *den = find_assertion(a, ASSERT_CLAIM, "its troops");
    for (size_t i = 0; i < a->nassertions; i++)
        if (a->assertions[i].kind == ASSERT_CLAIM && a->assertions[i].speaker >= 0 &&
            !strcmp(speaker_name(a, &a->assertions[i]), "Venport Port Authority"))
            rej = &a->assertions[i];
    char *s = rej ? slice(a, rej->span) : xstrdup("(none)");
    is_str(s, "claims that budget cuts led to the collapse of Pier 7",
           "the authority's claim is the charge it rejects");
    free(s);
    s = rej ? slice(a, rej->cue_span) : xstrdup("(none)");
    is_str(s, "rejected", "its cue");
    free(s);
    s = den ? slice(a, den->span) : xstrdup("(none)");
    is_str(s, "reports that its troops had crossed the border", "denied reports that ...");
    free(s);
    is_str(speaker_name(a, acc), "Mara Holt", "the accusation");
    is_int(contradiction_between(a, rej, acc), 1, "the rejection answers it");
    is_int(contradiction_between(a, den, find_assertion(a, ASSERT_CLAIM, "Tarvian troops")), 1,
           "the denial answers Brask");
    article_free(a);
}

/* A word or two in quote marks in a headline, or in a clause of the
** writer's own after someone's quote, is a scare quote, no one's words. */
static void test_scare_quotes(void)
{
    article_t *a = run("Minister says the plan is \u201cnew\u201d but it was \u201cnever\u201d "
                       "tested\n\n"
                       "Housing Minister Petra Lind presented the flood plan on Monday. "
                       "\u201cIt is a good plan,\u201d Lind said.\n\n"
                       "Engineer Ivo Brask called the plan \u201csound\u201d but it was "
                       "\u201cnever\u201d tested on the river.\n\n"
                       "Ana Rossi called the denial \u201cpredictable\u201d and a "
                       "\u201cprovocation\u201d.\n");
    ok(find_assertion(a, ASSERT_QUOTE, "new") == NULL, "the headline's \u201cnew\u201d is no quote");
    size_t never = 0;
    for (size_t i = 0; i < a->nassertions; i++) {
        char *s = slice(a, a->assertions[i].span);
        never += a->assertions[i].kind == ASSERT_QUOTE && strcmp(s, "never") == 0;
        free(s);
    }
    is_int(never, 0, "nor either \u201cnever\u201d, in a clause of the writer's own");
    is_str(speaker_name(a, find_assertion(a, ASSERT_QUOTE, "good plan")), "Petra Lind",
           "the story's quote");
    is_str(speaker_name(a, find_assertion(a, ASSERT_QUOTE, "sound")), "Ivo Brask",
           "'called the plan \u201csound\u201d': his word");
    is_str(speaker_name(a, find_assertion(a, ASSERT_QUOTE, "provocation")), "Ana Rossi",
           "'called it \u201cpredictable\u201d and a \u201cprovocation\u201d': both hers");
    article_free(a);

    a = run("In a statement, the Vortan Front said the mayor had \u201csold the city\u201d and "
            "warned that \u201cothers will follow\u201d.\n");
    ok(find_assertion(a, ASSERT_QUOTE, "others will follow") != NULL,
       "'and warned that \u201c...\u201d': the report goes on");
    article_free(a);
}

/* A headline names people by surname before the story introduces them:
** "Lind" there is Petra Lind once she is named, and her words are hers;
** a place in a headline stays a place. */
static void test_headline_surname(void)
{
    article_t *a = run("Lind says the flood plan is ready\n\n"
                       "Housing Minister Petra Lind presented the flood plan on Monday. "
                       "\u201cIt is a good plan,\u201d Lind said.\n");
    ok(find_entity(a, "Lind", KIND_PLACE) < 0, "the headline's Lind is no place");
    int p = find_entity(a, "Petra Lind", KIND_PERSON);
    is_int(p >= 0 ? (long)a->entities[p].nmentions : -1, 3, "three mentions of Petra Lind");
    is_str(speaker_name(a, find_assertion(a, ASSERT_QUOTE, "good plan")), "Petra Lind",
           "'..., Lind said': hers");
    is_str(speaker_name(a, find_assertion(a, ASSERT_CLAIM, "flood plan is ready")), "Petra Lind",
           "the headline's claim: hers");
    article_free(a);

    a = run("Lund flood plan ready\n\n"
            "The council in Lund approved the flood plan on Monday. Mayor Eva Berg said it "
            "would protect 4,000 homes.\n");
    int l = find_entity(a, "Lund", KIND_PLACE);
    is_int(l >= 0 ? (long)a->entities[l].nmentions : -1, 2, "Lund in the headline and the story");
    article_free(a);
}

static void test_accusation_denial(void)
{
    /* blamed X for E / X denied any involvement */
    article_t *a = run("The Ostravan government blamed Belwick for the sabotage of the "
                       "pipeline. Belwick denied any involvement.\n");
    const assertion_t *acc = find_assertion(a, ASSERT_CLAIM, "Belwick for the sabotage");
    const assertion_t *den = find_assertion(a, ASSERT_CLAIM, "any involvement");
    ok(acc && den, "accusation and denial are both claims");
    is_int(contradiction_between(a, acc, den), 1, "denial of involvement answers the blame");
    article_free(a);

    /* officials in a capital speak for its country; the capital denies */
    a = run("Officials in Berlin said that Russia ordered the raid on the depot.\n"
            "The Kremlin denied any involvement.\n");
    acc = find_assertion(a, ASSERT_CLAIM, "Russia ordered");
    den = find_assertion(a, ASSERT_CLAIM, "any involvement");
    is_str(speaker_name(a, acc), "Germany", "'officials in Berlin' speak for Germany");
    is_str(speaker_name(a, den), "Russia", "the Kremlin stands for Russia");
    is_int(contradiction_between(a, acc, den), 1, "the Kremlin's denial answers Berlin");
    article_free(a);

    /* an unlisted name opening a sentence and reporting is a claimant;
    ** rejecting "the accusation" is a denial */
    a = run("Varnholm accused Tessick of poisoning the reservoir. Tessick has rejected the "
            "accusation as \"absurd\".\n");
    acc = find_assertion(a, ASSERT_CLAIM, "poisoning");
    den = find_assertion(a, ASSERT_CLAIM, "the accusation");
    is_str(speaker_name(a, acc), "Varnholm", "sentence-initial name that accuses is a source");
    is_str(speaker_name(a, den), "Tessick", "the rejecting party is the claimant");
    is_int(contradiction_between(a, acc, den), 1, "rejecting the accusation contradicts it");
    article_free(a);

    /* a passive agent of an attack is accused; "nothing to do with" denies */
    a = run("Minister Oda Brenn said the bombing had been planned by Tessick's army.\n"
            "\"Tessick had nothing to do with the bombing,\" said Lars Holt, a spokesman "
            "for Tessick's government.\n");
    acc = find_assertion(a, ASSERT_CLAIM, "planned by");
    den = find_assertion(a, ASSERT_QUOTE, "nothing to do");
    is_int(contradiction_between(a, acc, den), 1, "'nothing to do with' answers 'planned by X'");
    article_free(a);

    /* a third party finding no foreign hand answers a country's accusation */
    a = run("Officials in Varnholm said that Tessick ordered the sabotage of the dam.\n"
            "Investigators from the firm Kesta Analytics said they had found no evidence of "
            "foreign involvement.\n");
    acc = find_assertion(a, ASSERT_CLAIM, "Tessick ordered");
    den = find_assertion(a, ASSERT_CLAIM, "no evidence");
    is_int(contradiction_between(a, acc, den), 1, "'no evidence of foreign involvement'");
    article_free(a);

    /* a rejection followed by what the rejecting side said: that is the claim */
    a = run("Varnholm accused Tessick of poisoning the reservoir.\n"
            "Tessick rejected the accusation. Its interior minister, Ola Dern, said the "
            "reservoir had been tested daily.\n");
    ok(find_assertion(a, ASSERT_CLAIM, "the accusation") == NULL,
       "'rejected the accusation.' before the spokesman's words is no claim of its own");
    article_free(a);

    /* launched from a country's territory; "her country" is the country
    ** whose government had just spoken */
    a = run("The Vessan Defence Ministry said the missiles had been launched from Ostravan "
            "territory.\nOstrava's government rejected the accusation. Foreign Minister Ida "
            "Rell said her country had no connection to the attack.\n");
    acc = find_assertion(a, ASSERT_CLAIM, "launched from");
    den = find_assertion(a, ASSERT_CLAIM, "her country");
    is_int(contradiction_between(a, acc, den), 1, "'her country had no connection' answers it");
    ok(find_entity(a, "Ostravan", KIND_PLACE) < 0, "'from Ostravan territory' names no place");
    article_free(a);

    /* the place where the act happened is not the accused */
    a = run("Varnholm said that Tessick ordered the bombing of the bridge in Ostby.\n"
            "Officials in Ostby denied any involvement.\n");
    is_int(count_contradictions(a), 0, "a denial by the place of the act answers nothing");
    article_free(a);

    /* precision: a denial by a third party about someone else is no answer */
    a = run("Varnholm accused Tessick of poisoning the reservoir.\n"
            "The Lindhaven water board denied any involvement in the closure of the "
            "canal.\n");
    is_int(count_contradictions(a), 0, "a denial by a party not accused contradicts nothing");
    article_free(a);

    a = run("Belwick's Coast Watch said the ferry had sunk. Later the Belwickian Coast Watch "
            "said two crew members were missing.\n");
    const assertion_t *c1 = find_assertion(a, ASSERT_CLAIM, "ferry had sunk");
    const assertion_t *c2 = find_assertion(a, ASSERT_CLAIM, "two crew");
    ok(c1 && c2 && c1->speaker >= 0 && c1->speaker == c2->speaker,
       "'X's Coast Watch' and 'the Xian Coast Watch' are one body");
    article_free(a);

    a = run("According to the river authority, the flood barrier held. According to the "
            "provisional count, turnout was 61%. According to local officials, 300 homes "
            "lost power.\n");
    c1 = find_assertion(a, ASSERT_CLAIM, "barrier held");
    c2 = find_assertion(a, ASSERT_CLAIM, "300 homes");
    is_str(speaker_name(a, c1), "river authority", "a lower-case body is a claimant");
    is_str(speaker_name(a, c2), "local officials", "a group of officials is a claimant");
    ok(find_assertion(a, ASSERT_CLAIM, "turnout") == NULL, "a count is no claimant");
    article_free(a);

    a = run("Tarik Wendel arrived in the flooded town on Monday. \"We lost everything,\" he "
            "said.\n");
    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "lost everything");
    is_str(speaker_name(a, q), "Tarik Wendel", "'he' makes a person of an unknown two-word name");
    ok(find_entity(a, "Tarik Wendel", KIND_PERSON) >= 0, "  and its kind is person");
    article_free(a);

    a = run("Regional council approves new tram line\n\nThe council said on Monday that the "
            "line would open in May.\n");
    ok(find_entity(a, "Regional", KIND_ORGANIZATION) < 0,
       "a headline's capitalised first word before 'council' names no body");
    article_free(a);

    a = run("Whoever wrote the letter knew the building.\n");
    ok(find_entity(a, "Whoever", KIND_PLACE) < 0, "'Whoever wrote' names nobody");
    article_free(a);
}


/* Contradictions compare sides, and a denial must meet what it denies. */
static void test_sides_and_scope(void)
{
    /* a ministry spokeswoman and the same country's navy are one side */
    article_t *a = run(
        "The Pellandran Foreign Ministry rejected the accusation. Ilse Marten, a ministry "
        "spokeswoman, said: \u201cThe accusation is absurd. The Northern Star has never "
        "drilled anywhere. It was measuring water temperatures.\u201d\n"
        "The Pellandran Navy said the Northern Star had been measuring water temperatures "
        "far outside the zone.\n");
    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "absurd");
    const assertion_t *nv = find_assertion(a, ASSERT_CLAIM, "measuring water");
    ok(q && nv, "the spokeswoman's quote and the navy's claim are found");
    is_int(contradiction_between(a, q, nv), 0, "one country's ministry and navy never contradict");
    article_free(a);

    /* ... but across two countries they do */
    a = run("The Kestovan Coast Guard said the Northern Star had been drilling test holes "
            "inside Kestovan waters.\n"
            "Ilse Marten, a spokeswoman for the Pellandran Foreign Ministry, said: "
            "\u201cThe Northern Star has never drilled anywhere.\u201d\n");
    const assertion_t *cg = find_assertion(a, ASSERT_CLAIM, "drilling test holes");
    q = find_assertion(a, ASSERT_QUOTE, "never drilled");
    is_int(contradiction_between(a, cg, q), 1, "two sides' statements do contradict");
    article_free(a);

    /* a denied clause meets only what asserts its predicate */
    a = run("The Food Safety Board said listeria had been traced to the Tarrow plant.\n"
            "Halvard Dairy denied that it planned to close the Tarrow plant.\n");
    is_int(count_contradictions(a), 0, "denying a plan to close is no answer to a finding");
    article_free(a);

    /* "claims that P are false" denies P, not the opposite of P */
    a = run("Claims on social media that the water in Lake Orm is poisoned are false, the "
            "Regional Health Board said. The Orm Water Company said water from Lake Orm was "
            "safe to drink.\n");
    is_int(count_contradictions(a), 0, "'claims that P are false' and 'not P' agree");
    article_free(a);

    /* an accused group denying another act */
    a = run("The Kessrin Police blamed the militant group Grey Banner for the fire. Grey "
            "Banner denied any role in the bank raid.\n");
    is_int(count_contradictions(a), 0, "a denial of a different act answers nothing");
    article_free(a);
    a = run("The Kessrin Police blamed the militant group Grey Banner for the fire. Grey "
            "Banner denied any role in the fire.\n");
    is_int(count_contradictions(a), 1, "a denial of the same act answers the blame");
    article_free(a);

    /* a claim about oneself, answered by a denial naming one's side */
    a = run("Tessalian Trade Minister Oskar Holm said Brennia had walked out of the talks. "
            "\u201cWe offered a fair price,\u201d Holm said.\n"
            "Brennia\u2019s Foreign Ministry said Tessaly had never offered to lower the "
            "tariff.\n");
    is_int(count_contradictions(a), 1, "'Tessaly never offered' answers the minister's 'We offered'");
    article_free(a);

    /* a claim about oneself, answered by a denial that calls one "the group" */
    a = run("\"Our fighters carried out the bombing,\" the Black Crescent said in a statement. "
            "Intelligence officials in Veloria said the group had nothing to do with the "
            "bombing.\n");
    is_int(count_contradictions(a), 1, "'the group had nothing to do with it' answers its claim");
    article_free(a);

    /* "the company's director" is on the side of the firm named before */
    a = run("Halvard Dairy said on Friday that listeria had been traced to the Halvard plant. "
            "The Food Safety Board said listeria had been traced to the Halvard plant.\n"
            "\"Listeria was never traced to the Halvard plant,\" said Per Salo, the company's "
            "director.\n");
    is_int(count_contradictions(a), 1, "the director answers the board, not his own company");
    article_free(a);

    /* a negation opening its sentence denies the predicate, not the subject's noun */
    a = run("The Orsa Council said on Tuesday that Velden troops had fired shells at Orsa. "
            "\u201cNot one shell was fired at Orsa by our troops,\u201d said Jan Koll, a "
            "spokesman for the Velden army.\n");
    is_int(count_contradictions(a), 1, "'Not one shell was fired' answers 'had fired shells'");
    article_free(a);

    /* "nobody had decided" denies; "nobody ... but the voters" asserts */
    a = run("The Harvik Election Board said the voters of Harvik had decided the count. Oskar "
            "Brandt, the leader of the Harvik Farmers Party, said nobody had decided the count.\n");
    is_int(count_contradictions(a), 1, "'nobody had decided the count' answers 'had decided'");
    article_free(a);

    /* denial words that deny nothing */
    static const char *const calm[] = {
        "\u201cThis is not a wall, it is a new border drawn with steel and wire,\u201d said "
        "Anna Lind, the mayor of Harvik. The Velden Survey Office said satellite images showed "
        "the wall ran 200 metres inside Harvik land for most of its length.\n",
        "The Black Crescent claimed responsibility for the bombing of the Harvik depot, saying "
        "it had acted alone to protest against Velden arms sales. The Orsa Foreign Ministry "
        "denied any involvement in the bombing and summoned the Velden ambassador to protest "
        "against the accusations.\n",
        "The Harvik Election Board said the voters of Harvik had decided the count. Oskar "
        "Brandt, the leader of the Harvik Farmers Party, said nobody had decided the count but "
        "the voters of Harvik.\n",
        "The Harvik Police said the two traders had met an inspector of the Harvik Customs "
        "Office at least six times. The Orsa Trading Company said no one at the company had "
        "ever paid money to any Harvik inspector.\n",
        "The Velden Defence Ministry denied that any Velden aircraft had crossed into Orsa. The "
        "Orsa Monitoring Agency said it had found nothing to show that a Velden aircraft had "
        "crossed into Orsa.\n",
        "\u201cWe have receipts and we have witnesses in every ward,\u201d said Oskar Brandt, "
        "the leader of the Harvik Farmers Party. \u201cNot one ward in Harvik counted more "
        "votes than voters,\u201d said Lena Moll, the chairwoman of the Harvik Election "
        "Board.\n",
        "The Harvik Dairy said it would fight the false advertising claims about its Harvik "
        "yoghurt. The Consumer Council said Harvik yoghurt contained less fruit than "
        "advertised on the Harvik label.\n",
        "\u201cThe old mill lies on the Harvik border and the river floods it every "
        "spring,\u201d said Anna Lind, the mayor of Harvik. The Water Authority said the "
        "river had flooded the old mill in Harvik twice this year.\n",
        "Mayor Anna Lind said the Harvik bridge would not reopen before June. The Roads "
        "Agency said repairs to the Harvik bridge had been completed and it would reopen in "
        "June.\n",
        "The Orm Water Company said it would not raise prices this year. The Consumer "
        "Council said the Orm Water Company had raised prices twice last year.\n",
        "Mayor Ingrid Sand said the Velden bridge was not closed to traffic on Monday. The "
        "Velden Police said the Velden bridge had been closed to lorries on Sunday.\n",
        "The Selm District Court denied bail to Viktor Hale on Monday. Hale's lawyer, Tomas "
        "Berg, said the court had granted bail to two other defendants in the case.\n",
        "A former city official, Sofia Dahl, told the court she had seen Hale accept an "
        "envelope in Selm. Hale's lawyer, Tomas Berg, said Dahl had been dismissed by Hale "
        "in Selm after she was seen taking an envelope.\n",
        NULL};
    static const char *const why[] = {"'not a wall, it is a border' renames, denies nothing",
                                      "a state's denial of any part agrees with 'acted alone'",
                                      "'nobody but the voters' is an exceptive, not a denial",
                                      "'no one had paid money' is no answer to 'had met'",
                                      "'found nothing to show' agrees with a denial",
                                      "'Not one ward counted' denies a count, not the wards",
                                      "'false advertising' denies nothing",
                                      "'the mill lies on the border' denies nothing",
                                      "'not before June' agrees with 'in June'",
                                      "'would not raise prices' is no answer to 'had raised'",
                                      "'not closed on Monday' and 'closed on Sunday' agree",
                                      "'denied bail' is a refusal, not a denial",
                                      "'had been dismissed by Hale' denies nothing"};
    for (int i = 0; calm[i]; i++) {
        a = run(calm[i]);
        is_int(count_contradictions(a), 0, "%s", why[i]);
        article_free(a);
    }

    /* a backer adds to what it backs; one that differs backs nothing */
    a = run("Residents of Brandholm said the fire started in the basement of the hotel. "
            "Inspectors from the Brandholm Fire Service said they had confirmed that the fire "
            "started in the kitchen of the hotel.\n");
    size_t sup = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        sup += a->relations[i].type == REL_SUPPORTS;
    is_int(sup, 0, "'confirmed ... in the kitchen' does not back '... in the basement'");
    article_free(a);
    a = run("The Harvik Workers' Union said the mine had been flooded twice in May. The Mining "
            "Board said it had confirmed the mine was flooded in May.\n");
    sup = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        sup += a->relations[i].type == REL_SUPPORTS;
    is_int(sup, 1, "'confirmed the mine was flooded' backs 'had been flooded twice'");
    article_free(a);
    a = run("The Harvik Workers' Union said the Norvik Mining Company should pay compensation "
            "to the families. The Norvik Mining Company said it agreed to pay compensation to "
            "the families.\n");
    sup = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        sup += a->relations[i].type == REL_SUPPORTS;
    is_int(sup, 0, "'agreed to pay' accepts a demand, it backs no assertion");
    article_free(a);
}

/* Negations that deny nothing, and the scope of a denial.  Each pair
** below is a dispute that must be found and a look-alike that must not:
** idioms and hedges ("not yet clear what", "not the first time", "no
** secret", a question), a denied clause or gerund met on its verb, a bare
** negation that governs no word for a part in the act, and a place where
** something happened taken for a party blamed. */
static void test_idioms_and_scopes(void)
{
    static const char *const calm[] = {
        "Police chief Anna Brevik said the blast at the Korvel depot had been caused by a gas "
        "leak. Fire chief Lars Omdal said it was not yet clear what had caused the blast at the "
        "Korvel depot.\n",
        "Opposition leader Hanna Berg said the Korvel ferry had been overloaded on Sunday. Coast "
        "guard commander Ivo Rasmussen said it was not the first time the Korvel ferry had "
        "sailed in a storm.\n",
        "Opposition leader Hanna Berg said the government had cut funding for hospitals in "
        "Korvel. Health Minister Oskar Lind said the government had not only kept funding for "
        "hospitals in Korvel but also raised it for schools.\n",
        "Police chief Anna Brevik said the protest in Korvel had drawn 20,000 people. Mayor Eva "
        "Lindqvist said Korvel had never seen a protest of this size.\n",
        "Opposition leader Hanna Berg said the mayor of Tarvik had close ties to Nordbyg. \"It "
        "is no secret that the mayor of Tarvik and Nordbyg's owner are old friends,\" council "
        "clerk Per Holm said.\n",
        "Opposition leader Hanna Berg said the ministry had inspected the Korvel ferry in May. "
        "\"Why did nobody stop the Korvel ferry from sailing in a storm?\" survivor Karin Dahl "
        "asked.\n",
        "Police chief Anna Brevik said crime in Korvel had fallen by ten percent last year. \"A "
        "fall in recorded crime does not mean Korvel is safer,\" criminologist Ida Fjell said.\n",
        "Interior Minister Karl Dost said the Red Dawn group had planted the bomb at the Korvel "
        "depot. \"We have no evidence yet about who planted the bomb. The investigation is at a "
        "very early stage,\" police chief Anna Brevik said.\n",
        "Police chief Anna Brevik said the bomb at the Korvel depot had injured eleven workers. "
        "Hospital director Maria Eklund said none of the workers injured at the Korvel depot "
        "had life-threatening wounds.\n",
        "Police chief Anna Brevik said there had been no immediate claim of responsibility for "
        "the bombing of the Korvel depot. The Red Dawn claimed responsibility for the bombing "
        "of the Korvel depot in a message posted online.\n",
        "Interior Minister Karl Dost said the bombing at the Korvel Refinery had been organised "
        "by the Red Dawn. The Korvel Refinery denied any involvement in the bombing.\n",
        "Prosecutor Elin Strand accused Mayor Henrik Aalto of taking bribes from Nordbyg. "
        "Nordbyg denied hiring the mayor's brother.\n",
        "Opposition leader Hanna Berg said the council had hidden the Nordbyg payments from "
        "auditors. Council auditor Per Holm denied that the council had approved the Nordbyg "
        "payments.\n",
        "The Ardel Safety Board said the fires had been caused by a faulty thermostat in the "
        "Ember 3. \"The recall is a precaution, not an admission. We stand behind the Ember "
        "3,\" said Jonas Tervik, the chief executive of Veldane.\n",
        "Economist Ida Fjell said high interest rates had caused the fall in house prices in "
        "Korvel. The Korvel Bank said it had not raised interest rates since 2024.\n",
        "Korvel Terminals said it had offered its workers a three percent pay rise in January. "
        "Union leader Tobias Wern said the company had not offered any training to new crane "
        "drivers in January.\n",
        "Ostravan troops shelled the border town of Krenno on Monday, the Velmoran Defence "
        "Ministry said. Ostrava's foreign ministry said its troops had not crossed the "
        "border.\n",
        "Police chief Anna Brevik said the protesters had thrown stones at officers in Korvel. "
        "Organiser Tobias Wern said he had not seen the police report that said protesters had "
        "thrown stones.\n",
        "Velmoran Defence Minister Lena Voss blamed Ostrava for the shelling of Krenno. Tessel, "
        "a town in Velmora, denied any role in the shelling.\n",
        "Opposition leader Hanna Berg said Mayor Henrik Aalto had closed the Tarvik library in "
        "May. Aalto denied that he had closed the Tarvik swimming pool.\n",
        "Opposition leader Hanna Berg said Mayor Henrik Aalto had visited the Nordbyg offices "
        "in March. Aalto said he had never visited the Nordbyg factory in Tessel.\n",
        "Doctors' leader Hanna Berg said the country had run out of the insulin pens used for "
        "children. The Korvel Pharmacy said it had received no insulin pens since August.\n",
        "Opposition leader Hanna Berg said hospitals in Korvel lacked beds for patients. Nurse "
        "Karin Dahl said there were no beds for patients in Korvel.\n",
        "Police chief Anna Brevik said the shelves of the Korvel depot were empty. Depot manager "
        "Ola Berg said there was nothing on the shelves of the Korvel depot.\n",
        "Doctors' leader Hanna Berg said stocks of insulin pens had run out in Korvel. Nurse "
        "Karin Dahl said the hospital had no insulin pens.\n",
        "The Greymarket Rovers said stewards had locked the main gate on Cobbold Lane before "
        "kick-off. The Eastern District Police denied that any officer opened the main gate.\n",
        "The Tarvik Maritime Police said the trawler had rammed one of its boats inside Tarvik "
        "waters. Korsenia denied that the trawler ever carried weapons.\n",
        "The Velden Navy accused the Orsan coast guard of ramming a Velden patrol boat near "
        "Skarv. The Orsan coast guard denied boarding any Velden fishing boat near Skarv.\n",
        "Union leader Tobias Wern said the company had closed the gates before noon. The Korvel "
        "Police denied that the officers had closed the gates.\n",
        "Union leader Tobias Wern said we had closed the gates before noon. The Korvel Police "
        "denied that the officers had closed the gates.\n",
        "Observers at the Vell Institute said shells fired from the north had hit the village. "
        "Ostrava denied firing on the village.\n",
        "Interior Minister Karl Dost blamed the Red Dawn for the blast at the pipeline. The Red "
        "Dawn denied any role in the fire at the Korvel market.\n",
        "Reporter Emeric Sandoval was arrested in Varnow on Monday. The State Protection Bureau "
        "accused him of photographing naval bases for a foreign intelligence service. The Harbour "
        "Courier denied that it had paid him for any photographs of the port.\n",
        "Reporter Emeric Sandoval was arrested in Varnow on Monday. The State Protection Bureau "
        "accused him of photographing naval bases. The Harbour Courier said it had not sent him "
        "to the naval bases.\n",
        "Fire chief Ole Brun said the emergency exits had been locked. The factory's owner, "
        "Norteks, said its staff had not locked the exits.\n",
        NULL};
    static const char *const calm_why[] = {
        "'not yet clear what caused it' is an open question, no denial",
        "'not the first time' asserts, it denies nothing",
        "'not only kept ... but also' asserts more, it denies nothing",
        "'had never seen a protest of this size' denies no protest",
        "'it is no secret that' affirms",
        "a negation in a question denies nothing",
        "'does not mean' hedges an inference",
        "'no evidence yet about who' is an open question",
        "'none of the workers injured ... had wounds' denies the wounds, not the injuries",
        "'no immediate claim of responsibility' denies no part in the bombing",
        "the refinery where the bombing happened is not whom it blames",
        "'denied hiring his brother' answers nothing said of bribes",
        "'denied that ... had approved' does not answer 'had hidden'",
        "'We stand behind' it is backing, not a denial of a part in the fires",
        "a bare negation sharing two words and no entity is no dispute",
        "'the company had not offered any training' does not answer its pay offer",
        "'had not crossed the border' does not answer 'shelled the border town'",
        "'had not seen the report that said ...' does not deny what the report said",
        "a town of the accuser's country is not the accused",
        "'denied that he had closed the swimming pool' does not answer 'closed the library'",
        "'had never visited the factory' does not answer 'had visited the offices'",
        "'received no insulin pens' agrees with 'had run out of the insulin pens'",
        "'no beds for patients' agrees with 'lacked beds for patients'",
        "'nothing on the shelves' agrees with 'the shelves were empty'",
        "'had no insulin pens' agrees with 'stocks of insulin pens had run out'",
        "'denied that any officer opened the gate' is no answer to what stewards did to it",
        "'denied that the trawler ever carried weapons' shares only the trawler with a ramming",
        "'denied boarding any fishing boat' is one act, not a sweeping denial of ramming",
        "'the company had closed the gates': denying the officers did answers nothing",
        "'we had closed the gates' is the union's own act, not the officers'",
        "'denied firing on the village' is the denier's act, not the shells' path",
        "a denial of a part in a fire does not answer blame for a blast",
        "'accused him of photographing bases': paying him for photographs is another act",
        "'accused him of photographing bases': not sending him there is no answer",
        "'its staff had not locked the exits' leaves open who locked them"};
    for (int i = 0; calm[i]; i++) {
        article_t *a = run(calm[i]);
        is_int(count_contradictions(a), 0, "%s", calm_why[i]);
        article_free(a);
    }
    static const char *const dispute[] = {
        "Police chief Anna Brevik said the protesters in Korvel had thrown stones at officers. "
        "Organiser Tobias Wern said the protesters in Korvel had not thrown stones at officers.\n",
        "Opposition leader Hanna Berg said the government had cut funding for hospitals in "
        "Korvel. Health Minister Oskar Lind said the government had not cut funding for "
        "hospitals in Korvel.\n",
        "Opposition leader Hanna Berg said the ministry had inspected the Korvel ferry in May. "
        "\"Nobody inspected the Korvel ferry in May,\" survivor Karin Dahl said.\n",
        "Police chief Anna Brevik said eleven workers had been injured in the blast at the "
        "Korvel depot. Depot manager Ola Berg said no workers had been injured in the blast at "
        "the Korvel depot.\n",
        "Interior Minister Karl Dost said the Red Dawn group had been behind the bombing of the "
        "Korvel depot. Red Dawn spokesman Erik Sand said the Red Dawn was not involved in the "
        "bombing.\n",
        "Interior Minister Karl Dost said the bombing at the Korvel Refinery had been organised "
        "by the Red Dawn. The Red Dawn denied any involvement in the bombing.\n",
        "Prosecutor Elin Strand accused Mayor Henrik Aalto of taking bribes from Nordbyg. "
        "Aalto denied taking bribes from Nordbyg.\n",
        "Opposition leader Hanna Berg said the council had approved the Nordbyg payments in "
        "secret. Council auditor Per Holm denied that the council had approved the Nordbyg "
        "payments.\n",
        "Officials of the Orm Customs Service said residues of chlorvane had been found in 17 of "
        "40 grain samples from Tessaly. Ivo Rasmussen, the head of the Dalmor Grain Board, said "
        "tests had found no chlorvane in any of the grain samples.\n",
        "Korvel Terminals said it had offered its workers a three percent pay rise in January. "
        "Union leader Tobias Wern said the company had not offered its workers any pay rise in "
        "January.\n",
        "The Velmoran Defence Ministry said Ostravan troops had crossed the border near Krenno "
        "on Monday. Ostrava's Foreign Ministry said its troops had not crossed the border near "
        "Krenno.\n",
        "The Harbour Board said two of its members had received 180,000 marks from Nordbyg. "
        "\"My client has never paid a single official of the Harbour Board a single mark,\" "
        "said Jonas Vik, the lawyer of the Nordbyg director.\n",
        "Velmoran Defence Minister Lena Voss blamed Ostrava for the shelling of Krenno. Varn, the "
        "Ostravan capital, denied any role in the shelling.\n",
        "Velmoran Defence Minister Lena Voss blamed Ostrava for the shelling of Krenno. Varn "
        "denied any role in the shelling. Officials in Varn, Ostrava's capital, said the army "
        "had been on exercises.\n",
        "Opposition leader Hanna Berg said Mayor Henrik Aalto had closed the Tarvik library in "
        "May. Aalto denied that he had closed the Tarvik library.\n",
        "Opposition leader Hanna Berg said Mayor Henrik Aalto had visited the Nordbyg offices "
        "in March. Aalto said he had never visited the Nordbyg offices.\n",
        "Doctors' leader Hanna Berg said there was a shortage of insulin pens in Korvel. Health "
        "Minister Oskar Lind said there was no shortage of insulin pens in Korvel.\n",
        "Police chief Anna Brevik said troops had fired on the protesters in Korvel without "
        "warning. Army spokesman Erik Sand said the troops had not fired on the protesters in "
        "Korvel.\n",
        "The Greymarket Rovers said police officers had shut the main gate on Cobbold Lane "
        "before kick-off. The Eastern District Police denied that any officer closed the gate.\n",
        "The Reform Party accused election officials in Varrow of stuffing ballot boxes in the "
        "vote. The Electoral Commission denied that any ballot boxes were tampered with.\n",
        "The Tarvik Maritime Police said the trawler had rammed one of its boats inside Tarvik "
        "waters. Korsenia denied that the trawler ever entered Tarvik waters.\n",
        "Inspectors at the Vell Laboratory said samples of the tea contained mentradine. The "
        "Oskar Tea Company denied that the tea had ever contained mentradine.\n",
        "Union leader Tobias Wern said maintenance on the leaking tank had been postponed three "
        "times. The Ardel Chemicals company denied that any maintenance on the tank was "
        "postponed.\n",
        "Interior Minister Karl Dost blamed the Red Dawn for the attack on the pipeline. The Red "
        "Dawn denied any role in the blast.\n",
        "Reporter Emeric Sandoval was arrested in Varnow on Monday. The State Protection Bureau "
        "accused him of photographing naval bases for a foreign intelligence service. The Harbour "
        "Courier denied that Sandoval was working for any intelligence service.\n",
        "Fire chief Ole Brun said the emergency exits on the second floor had been locked. The "
        "factory's owner, Norteks, said the exits had not been locked.\n",
        NULL};
    static const char *const dispute_why[] = {
        "'had not thrown stones' contradicts 'had thrown stones'",
        "'had not cut funding' contradicts 'had cut funding'",
        "'Nobody inspected the ferry' (no question) contradicts 'had inspected'",
        "'no workers had been injured' contradicts 'eleven workers had been injured'",
        "'was not involved in the bombing' answers 'had been behind the bombing'",
        "the party blamed for a bombing at a place denies any involvement",
        "'denied taking bribes' answers 'accused of taking bribes'",
        "'denied that the council had approved' answers 'had approved'",
        "a bare negation sharing three words and no entity disputes",
        "'the company had not offered its workers any pay rise' answers its pay offer",
        "'had not crossed the border' answers 'had crossed the border'",
        "'never paid a single official' answers 'had received 180,000 marks'",
        "'Varn, the Ostravan capital, denied' answers an accusation of Ostrava",
        "'Varn denied', Varn called Ostrava's capital later, answers it too",
        "'denied that he had closed the library' answers 'had closed the library'",
        "'had never visited the offices' answers 'had visited the offices'",
        "'no shortage' negates the lack and answers 'a shortage'",
        "'without warning' lacks a warning, not the firing: 'had not fired' answers it",
        "'denied that any officer closed the gate' answers 'officers had shut the gate'",
        "'denied that any ballot boxes were tampered with' answers 'stuffing ballot boxes'",
        "'denied the trawler ever entered the waters' answers 'rammed ... inside the waters'",
        "a claim naming nobody but opening on a thing ('samples of the tea') is about it",
        "'maintenance ... had been postponed' is answered by 'denied that any maintenance'",
        "'any role in the blast' answers blame for the attack (one act, synonyms.txt)",
        "'accused him of ...' is about him, not its source: a denial for him answers it",
        "'the exits had not been locked' answers 'the emergency exits had been locked'"};
    for (int i = 0; dispute[i]; i++) {
        article_t *a = run(dispute[i]);
        is_int(count_contradictions(a), 1, "%s", dispute_why[i]);
        article_free(a);
    }
}

/* Claims the speech pass used to miss or cut short: a ministry named by
** a lowercase phrase after its country, a relative clause after the
** object of a denial, and a backing phrase that is a sentence of its
** own. */
static void test_claim_forms(void)
{
    article_t *a = run("Ostravan officials said drones had hit a depot near Krenno. Velmora's "
                       "interior ministry denied any involvement in the attack.\n");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "any involvement");
    ok(c && c->speaker >= 0 && strcmp(a->entities[c->speaker].name, "Velmora") == 0,
       "'Velmora's interior ministry denied' is a claim of Velmora's");
    article_free(a);

    a = run("Velmora's defence ministry denied any role in the blast that destroyed the depot "
            "in Krenno.\n");
    c = find_assertion(a, ASSERT_CLAIM, "any role");
    char *t = c ? slice(a, c->span) : NULL;
    is_str(t, "any role in the blast that destroyed the depot in Krenno",
           "a relative clause belongs to what is denied");
    free(t);
    article_free(a);

    a = run("Drones from Velmora hit a depot near Krenno on Monday. The Velmoran foreign "
            "ministry denied the reports that its drones had crossed the border.\n");
    c = find_assertion(a, ASSERT_CLAIM, "its drones");
    t = c ? slice(a, c->span) : NULL;
    /* the object denied, the charge with its clause (the clause alone
    ** read as what the ministry asserts; see test_rejected_charge) */
    is_str(t, "the reports that its drones had crossed the border",
           "'denied the reports that ...': the reports and their clause");
    free(t);
    article_free(a);

    a = run("Foreign Minister Lena Voss told the court that the talks had failed.\n");
    c = find_assertion(a, ASSERT_CLAIM, "talks");
    t = c ? slice(a, c->span) : NULL;
    is_str(t, "the talks had failed", "'told the court that ...': the clause");
    free(t);
    article_free(a);

    a = run("The factory's owner, Norteks, said the exits had not been locked and that the "
            "fire doors had been inspected in February.\n");
    c = find_assertion(a, ASSERT_CLAIM, "fire doors");
    t = c ? slice(a, c->span) : NULL;
    is_str(t, "the exits had not been locked and that the fire doors had been inspected in "
              "February", "'said X and that Y': the claim begins with X");
    free(t);
    article_free(a);

    /* "chief executive" is a title: the name after it is a person, whom
    ** "he said" can then mean, though "Rolf" is in no list of names */
    a = run("Chief executive Rolf Aker said every death had been recorded. \"Staff were told "
            "what to write,\" he said.\n");
    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "Staff were told");
    is_str(q ? speaker_name(a, q) : NULL, "Rolf Aker", "'Chief executive Rolf Aker ... he said'");
    article_free(a);

    /* "she said" after "Team manager Karin Berg said ... Strand ...": the
    ** subject of the sentence before, not the last name in it */
    a = run("The Lorvanian Anti-Doping Agency on Monday banned cyclist Mika Strand for four "
            "years.\n"
            "Strand denied taking any banned substance. \"I have never cheated,\" he wrote on "
            "social media.\n"
            "Strand's team, Velo Norden, said it was shocked by the result. Team manager Karin "
            "Berg said the team had not seen any sign that Strand was taking drugs. \"He is not "
            "the kind of rider who cuts corners,\" she said.\n");
    q = find_assertion(a, ASSERT_QUOTE, "kind of rider");
    is_str(q ? speaker_name(a, q) : NULL, "Karin Berg",
           "'Team manager Karin Berg said ... \"...,\" she said'");
    article_free(a);

    a = run("The Ostravan Defence Ministry said Velmoran drones had attacked the depot in "
            "Krenno. The claim was backed up by the Regional Security Council.\n");
    size_t sup = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        sup += a->relations[i].type == REL_SUPPORTS;
    is_int(sup, 1, "'The claim was backed up by X.' backs the statement before it");
    article_free(a);

    a = run("The Ostravan Defence Ministry said Velmoran drones had attacked the depot in "
            "Krenno. The attack was condemned by the Regional Security Council.\n");
    sup = 0;
    for (size_t i = 0; i < a->nrelations; i++)
        sup += a->relations[i].type == REL_SUPPORTS;
    is_int(sup, 0, "'The attack was condemned by X.' backs nothing");
    article_free(a);
}

/* The smaller gaps: a lone speaker, a country's body named two ways. */
static void test_lone_names(void)
{
    article_t *a = run("Holm said: \u201cWe will respond.\u201d\n");
    ok(find_entity(a, "Holm", KIND_PERSON) >= 0, "a lone 'Holm said: \"...\"' is a person");
    article_free(a);
    a = run("\u201cWe were fired upon,\u201d Holm said.\n");
    ok(find_entity(a, "Holm", KIND_PERSON) >= 0, "a lone '\"...,\" Holm said' is a person");
    article_free(a);
    a = run("Rostal said the images proved nothing.\n");
    ok(find_entity(a, "Rostal", KIND_PERSON) < 0, "a lone name in indirect speech is no person");
    article_free(a);
    a = run("Talks were held in Rostal on Monday.\n\u201cWe are ready,\u201d Rostal said.\n");
    ok(find_entity(a, "Rostal", KIND_PERSON) < 0, "a name seen after 'in' is a place");
    article_free(a);

    /* "according to a statement from X": X speaks */
    a = run("The Harvik Workers' Union called a strike on Monday.\n"
            "\u201cThis is a political strike,\u201d according to a statement from the Norvik "
            "Mining Company.\n"
            "Two miners were hurt in the blast, according to a statement from the Norvik "
            "Mining Company.\n");
    is_str(speaker_name(a, find_assertion(a, ASSERT_QUOTE, "political")), "Norvik Mining Company",
           "a quote 'according to a statement from X' is X's");
    is_str(speaker_name(a, find_assertion(a, ASSERT_CLAIM, "Two miners")), "Norvik Mining Company",
           "a claim 'according to a statement from X' is X's");
    article_free(a);

    /* "said the librarian, Anna Berg": the apposed name; "one reader of
    ** the Velden Post" is no voice of the paper */
    a = run("Council leader Maria Sill defended the decision.\n"
            "\u201cIt is a sad day,\u201d said the librarian, Anna Berg, who has worked there "
            "for 31 years.\n"
            "\u201cShame on them,\u201d wrote one reader of the Velden Post.\n");
    is_str(speaker_name(a, find_assertion(a, ASSERT_QUOTE, "sad day")), "Anna Berg",
           "'said the librarian, Anna Berg' names the speaker");
    const assertion_t *rq = find_assertion(a, ASSERT_QUOTE, "Shame");
    ok(rq && rq->speaker < 0, "'one reader of the Velden Post' is no entity's voice");
    article_free(a);

    /* "Marovian officials" speak for Marovia when the text names it */
    a = run("Marovia blamed Dravia for the bombing. Marovian officials said the attack had "
            "been organised by Dravian intelligence.\n");
    const assertion_t *mo = find_assertion(a, ASSERT_CLAIM, "organised by");
    is_str(speaker_name(a, mo), "Marovia", "an unlisted people's adjective finds its country");
    article_free(a);

    /* one name for a body however its country is written, so that the
    ** library (which matches by name) keeps one entity */
    a = run("Marovia's National Guard said its patrol had been attacked.\n");
    ok(find_entity(a, "Marovian National Guard", KIND_ORGANIZATION) >= 0,
       "'Marovia's National Guard' is named 'Marovian National Guard'");
    article_free(a);
    a = run("The Marovian National Guard said the patrol had returned.\n");
    ok(find_entity(a, "Marovian National Guard", KIND_ORGANIZATION) >= 0,
       "... as is 'the Marovian National Guard'");
    article_free(a);
    a = run("Russia's Foreign Ministry said talks would resume.\n");
    ok(find_entity(a, "Russian Foreign Ministry", KIND_ORGANIZATION) >= 0,
       "a listed country's body takes the listed demonym");
    article_free(a);
}

/* Caption shapes (is_caption in layout.c, which the annotator uses). */
static void test_captions(void)
{
    static const char *const yes[] = {
        "PHOTO: MAXIM ORLOV/REUTERS",
        "Rescue workers outside the hall. PHOTO: MAXIM ORLOV/REUTERS",
        "Photo: Ana Sousa/Northline",
        "Protesters in the square on Monday. (AP Photo/Jon Berg)",
        "Protesters in the square on Monday. REUTERS/Ana Sousa",
        "Image: NASA",
        "The flooded road near Kremen. Photograph: Lena Holt/Harbourline",
        "A firefighter at the depot. Photo credit: Elsa Dorn/Northline",
        "Rescue workers outside the hall. - MAXIM ORLOV/REUTERS",
        NULL};
    static const char *const no[] = {
        "The photo: a man at the wall.",
        "The ministry said the photo was fake.",
        "He posted a picture: Kalvany had shelled the town, he wrote.",
        "Talks between the EU/UK teams resumed.",
        "Image: the minister said the plan would fail.",
        "The deal was signed by BP/Shell executives on Monday.",
        NULL};
    for (int i = 0; yes[i]; i++)
        ok(is_caption(yes[i], strlen(yes[i])), "caption: %s", yes[i]);
    for (int i = 0; no[i]; i++)
        ok(!is_caption(no[i], strlen(no[i])), "no caption: %s", no[i]);
    article_t *a = run("\u201cWe will rebuild,\u201d said Mayor Ana Rossi.\n"
                       "Rossi speaks to residents on Monday. \u201cWe will rebuild.\u201d "
                       "PHOTO: MAXIM ORLOV/REUTERS\n");
    is_int(count_kind(a, ASSERT_QUOTE), 1, "a quote inside a PHOTO: caption is left out");
    article_free(a);
}

static void test_claim_spans(void)
{
    /* a backer with no words of its own claims what it backs */
    article_t *a = run("A group calling itself the Iron Lantern claimed responsibility for the "
                       "blackout on Friday night, a claim backed up by Col. Edda Varne of the "
                       "Ostravan army.\n");
    const assertion_t *c = NULL;
    for (size_t i = 0; i < a->nassertions; i++)
        if (a->assertions[i].speaker >= 0 &&
            strcmp(a->entities[a->assertions[i].speaker].name, "Edda Varne") == 0)
            c = &a->assertions[i];
    char *s = c ? slice(a, c->span) : xstrdup("(none)");
    ok(strstr(s, "blackout") != NULL && strstr(s, "backed") == NULL,
       "the backer's claim is what is backed, not 'backed up by X' (%s)", s);
    free(s);
    ok(find_entity(a, "Edda Varne", KIND_PERSON) >= 0, "'X of the Ostravan army' is X");
    ok(find_entity(a, "Ostravan", KIND_PLACE) < 0 && find_entity(a, "Ostravan", KIND_ORGANIZATION) < 0,
       "a people's adjective before a noun is no entity");
    article_free(a);

    /* a quote opened inside a claim keeps its closing mark */
    a = run("Dr. Hanna Loew suggested the audit was \xe2\x80\x9c" "a fairy tale\xe2\x80\x9d.\n");
    c = find_assertion(a, ASSERT_CLAIM, "the audit");
    s = c ? slice(a, c->span) : xstrdup("(none)");
    is_str(s, "the audit was \xe2\x80\x9c" "a fairy tale\xe2\x80\x9d", "closing mark kept");
    free(s);
    article_free(a);

    /* ", calling it ...": a second statement; "men it accuses of" claims nothing */
    a = run("Ostrava rejected a request from Belwick to extradite three men it accuses of "
            "sabotage, calling the request \xe2\x80\x9c" "an insult\xe2\x80\x9d.\n");
    ok(find_assertion(a, ASSERT_CLAIM, "of sabotage") == NULL,
       "'men it accuses of sabotage' is no claim of the sentence subject");
    c = find_assertion(a, ASSERT_CLAIM, "calling");
    ok(c == NULL, "a claim does not run on past ', calling'");
    article_free(a);
}

static void test_backing_and_roles(void)
{
    const char *text =
        "Its captain, Aldo Brusk, said the engine failed at noon.\n"
        "The harbour police said the boat sank at 3 p.m., a claim backed up by the "
        "pilot's brother, Ferro Quint, who told local radio he saw it go down.\n"
        "The crew, Maja Tell and Erno Vask, were rescued.\n";
    article_t *a = run(text);
    ok(find_entity(a, "Aldo Brusk", KIND_PERSON) >= 0, "role, comma, name: a person");
    ok(find_entity(a, "Erno Vask", KIND_PERSON) >= 0, "a name joined to a person by 'and'");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "he saw it go down");
    ok(c != NULL, "'who told local radio he ...' is the backer's claim");
    is_str(speaker_name(a, c), "Ferro Quint", "claimant of the backing claim");
    bool sup = false;
    for (size_t i = 0; i < a->nrelations; i++)
        sup |= a->relations[i].type == REL_SUPPORTS && a->relations[i].origin == ORIGIN_AUTO;
    ok(sup || find_assertion(a, ASSERT_CLAIM, "boat sank") == NULL,
       "backing claim supports the backed one when that one has a named claimant");
    article_free(a);
}

static void test_interrupted_and_pronouns(void)
{
    const char *text =
        "\"We will not,\" Prime Minister Olga Brandt said, \"give up on the north.\"\n"
        "The opposition leader, Ivan Marek, accused Brandt of lying to parliament. He said: "
        "\"She has misled the country for months.\"\n";
    article_t *a = run(text);
    is_int(count_kind(a, ASSERT_QUOTE), 3, "a quote interrupted by its attribution is two quotes");
    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "give up");
    is_str(speaker_name(a, q), "Olga Brandt", "second half takes the first half's speaker");
    q = find_assertion(a, ASSERT_QUOTE, "misled");
    is_str(speaker_name(a, q), "Ivan Marek", "'He' is the subject before, not the object");
    article_free(a);

    a = run("Minister Ada Lenk said: \u2018We will not give in to these threats.\u2019 "
            "She added that the nurses\u2019 union was wrong.\n"
            "\u201cHe told me \u2018never again\u2019 and left,\u201d Lenk said.\n");
    q = find_assertion(a, ASSERT_QUOTE, "give in");
    is_str(speaker_name(a, q), "Ada Lenk", "a top-level single-quoted passage is a quote");
    ok(find_assertion(a, ASSERT_QUOTE, "union") == NULL, "a plural possessive closes nothing");
    is_int(count_kind(a, ASSERT_QUOTE), 2, "nested single quotes belong to the outer quote");
    article_free(a);
}

/* Attribution patterns of unseen wire copy: gendered pronouns, inverted
** cues with a role before the name, coordinated verbs. */
static void test_speaker_patterns(void)
{
    article_t *a = run(
        "Anna Berg met Peter Holm at the ministry on Tuesday. "
        "\"We found nothing unusual in the accounts,\" he said.\n"
        "Dr. Karin Sjo and Mr. Ek toured the ward with Jonas Ek. "
        "\"The hospital needs more nurses, not more managers,\" she said.\n"
        "Mr. Ek stayed on. \"The ward was cleaner than I expected,\" he said.\n"
        "\"The government has lied to the public for months,\" said opposition leader "
        "Henrik Aalto.\n"
        "\"The talks have failed,\" warned the union chief, Sven Dahl.\n"
        "The opposition Green League said it was \"ready to govern\" and called on Holm "
        "to resign.\n");
    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "unusual");
    is_str(speaker_name(a, q), "Peter Holm", "'he' skips a woman named as subject");
    q = find_assertion(a, ASSERT_QUOTE, "more nurses");
    is_str(speaker_name(a, q), "Karin Sjo", "'she' skips a man named later");
    q = find_assertion(a, ASSERT_QUOTE, "cleaner");
    is_str(speaker_name(a, q), "Jonas Ek", "'Mr.' makes a man of a name with no known given name");
    q = find_assertion(a, ASSERT_QUOTE, "lied to");
    is_str(speaker_name(a, q), "Henrik Aalto", "'said opposition leader X': X speaks");
    q = find_assertion(a, ASSERT_QUOTE, "talks have failed");
    is_str(speaker_name(a, q), "Sven Dahl", "'warned the union chief, X': X speaks");
    q = find_assertion(a, ASSERT_QUOTE, "ready to govern");
    is_str(speaker_name(a, q), "Green League", "'and called on X' does not make X the speaker");
    article_free(a);

    a = run("Defence Minister Tomas Varga spoke on Monday.\n"
            "Varga, 61, a former general, told the BBC: \"They are lying and they know it.\"\n"
            "\"Nobody from the company has spoken to us,\" Nyberg says. \"Not once.\"\n"
            "Brennard Marine has denied any wrongdoing. The company said it would "
            "\"study the report with care\" and reserved the right to respond in court.\n"
            "The Ostrevian Embassy in Dravna said in a statement that it \"condemns all acts "
            "of terror\".\n"
            "Ana Holt said the men were innocent and accused the police of \"using the grief "
            "of families\" for politics.\n");
    q = find_assertion(a, ASSERT_QUOTE, "lying");
    is_str(speaker_name(a, q), "Tomas Varga", "'X, 61, a former general, told the BBC': X speaks");
    q = find_assertion(a, ASSERT_QUOTE, "Not once");
    ok(q != NULL, "a short quoted sentence after a quote is speech");
    q = find_assertion(a, ASSERT_QUOTE, "with care");
    is_str(speaker_name(a, q), "Brennard Marine", "'the company' is the firm named before");
    q = find_assertion(a, ASSERT_QUOTE, "acts of terror");
    is_str(speaker_name(a, q), "Ostrevian Embassy", "'X in Dravna said': X speaks, not the city");
    q = find_assertion(a, ASSERT_QUOTE, "grief");
    is_str(speaker_name(a, q), "Ana Holt", "'X said ... and accused Y of “…”': X speaks");
    article_free(a);

    a = run("Opposition leader Tomas Rye spoke on Monday.\n"
            "Rye: \"The president is hiding from the voters.\"\n"
            "\"Is this the end?\" asked Mayor Ivo Tamm. \"No. It is the beginning.\"\n");
    q = find_assertion(a, ASSERT_QUOTE, "hiding");
    is_str(speaker_name(a, q), "Tomas Rye", "'Name: “…”' is the name speaking");
    q = find_assertion(a, ASSERT_QUOTE, "the end?");
    is_str(speaker_name(a, q), "Ivo Tamm", "'“…?” asked X': X speaks");
    ok(find_entity(a, "No. It", KIND_ORGANIZATION) < 0, "'No.' before a capital ends a sentence");
    article_free(a);

    a = run("\"These were not accidents,\" Oren Vasko, the commander of the 4th Brigade, "
            "which holds the river line, said in response to questions.\n"
            "Speaking at a rally in Ostvik, the opposition leader, Sara Lint, said: \"This is "
            "a stolen election.\"\n"
            "\"Every vote?\" Lint asked. \"Then publish the ballots.\"\n");
    q = find_assertion(a, ASSERT_QUOTE, "accidents");
    is_str(speaker_name(a, q), "Oren Vasko", "a relative clause after an apposition is skipped");
    ok(find_entity(a, "Ostvik", KIND_PLACE) >= 0, "'a rally in X, the leader, Y': X is a place");
    q = find_assertion(a, ASSERT_QUOTE, "Every vote");
    is_str(speaker_name(a, q), "Sara Lint", "'“…?” X asked' stays one sentence");
    article_free(a);

    a = run("Labour Minister Hanna Voss defended the reform.\n"
            "'We were elected to fix this system and we will fix it,' she told MPs. 'The "
            "alternative is bankruptcy.'\n"
            "Union boss Karl Ruud said the workers' union would strike. He added: 'Workers "
            "won't accept this. They'll be on the streets by the '90s standard.'\n");
    q = find_assertion(a, ASSERT_QUOTE, "fix this system");
    is_str(speaker_name(a, q), "Hanna Voss", "a straight single-quoted passage is a quote");
    q = find_assertion(a, ASSERT_QUOTE, "won't accept");
    is_str(speaker_name(a, q), "Karl Ruud", "'workers' union' closes nothing; 'He' is not Hanna");
    article_free(a);

    a = run("Environment Minister Tor Hald visited Amsel on Wednesday.\n"
            "Opposition MP Ola Kvam accused the government of ignoring warnings.\n"
            "The minister's office said it had not seen the warnings.\n");
    ok(find_entity(a, "Ola Kvam", KIND_PERSON) >= 0, "'Opposition MP' is a title, not a name");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "not seen");
    is_str(speaker_name(a, c), "Tor Hald", "'the minister's office' speaks for the minister");
    article_free(a);

    a = run("Party leader Ivan Kral said the party would fight on after the defeat.\n"
            "\"We have lost a battle, not the war. The voters will see through this.\"\n"
            "Maria Sill was less optimistic. \"We need a new strategy and new faces.\"\n");
    q = find_assertion(a, ASSERT_QUOTE, "lost a battle");
    is_str(speaker_name(a, q), "Ivan Kral", "a lone quote paragraph after X's report is X's");
    q = find_assertion(a, ASSERT_QUOTE, "new strategy");
    is_str(speaker_name(a, q), "Maria Sill", "a lone quote after 'X was ...' is X's");
    article_free(a);

    a = run("\"We will win this vote,\" said Ivan Kral.\n"
            "Maria Sill, however, disagreed.\n"
            "\"The vote is lost and everybody in the party knows it.\"\n");
    q = find_assertion(a, ASSERT_QUOTE, "vote is lost");
    is_str(speaker_name(a, q), "Maria Sill", "a lone quote paragraph after 'X disagreed.' is X's");
    article_free(a);
}

/* Text written decomposed (a letter, then its accent as a combining
** mark, as some systems write it): a name is one word, and the same name
** as the precomposed spelling. */
static void test_decomposed(void)
{
    article_t *a = run("Interior Minister Jan Mra\xcc\x81zek said on Monday that the bridge "
                       "was safe. \"We checked every bolt,\" Mr\xc3\xa1zek told reporters.\n");
    int e = find_entity(a, "Jan Mra\xcc\x81zek", KIND_PERSON);
    ok(e >= 0, "a decomposed name is one name, its accent inside it");
    ok(find_entity(a, "Jan Mra", KIND_PERSON) < 0, "  not cut at the accent");
    ok(a->nentities == 1, "  and its precomposed spelling is the same person (%zu entities)",
       a->nentities);
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "the bridge was safe");
    ok(c != NULL && c->speaker == e, "  the claim after it is theirs");
    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "We checked every bolt");
    ok(q != NULL && q->speaker == e, "  and so is the quote attributed to the precomposed spelling");
    article_free(a);
}

/* The entity with a mention that starts where phrase first occurs in
** text, or -1. */
static int entity_at(const article_t *a, const char *text, const char *phrase)
{
    const char *p = strstr(text, phrase);
    if (!p)
        return -1;
    int64_t off = (int64_t)(p - text);
    for (size_t i = 0; i < a->nentities; i++)
        for (size_t m = 0; m < a->entities[i].nmentions; m++)
            if (a->entities[i].mentions[m].start == off)
                return (int)i;
    return -1;
}

/* A possessive inside a name ("the Kellport Fishermen's Union") keeps the
** name whole; an owner before a body ("Marovia's National Guard", "Ana
** Rossi's Freedom Party") stays an owner. */
static void test_possessive_names(void)
{
    const char *text =
        "The Kellport Fishermen's Union said on Tuesday that its members would stay in "
        "port. \"We will not sail,\" said Mara Lindqvist, the head of the Kellport "
        "Fishermen\u2019s Union.\n\n"
        "The Women's Institute said it would collect food for the crews. "
        "St Mary's Hospital said it had treated two men. "
        "The National Farmers' Union backed the strike. "
        "A group calling itself the People\u2019s Shield claimed the attack.\n";
    article_t *a = run(text);
    int e = find_entity(a, "Kellport Fishermen's Union", KIND_ORGANIZATION);
    ok(e >= 0, "'the Kellport Fishermen's Union' is one organisation, named whole");
    ok(find_entity(a, "Kellport Fishermen", KIND_ORGANIZATION) < 0, "  not cut at the 's");
    ok(e >= 0 && a->entities[e].nmentions == 2 &&
       entity_at(a, text, "Kellport Fishermen\u2019s") == e,
       "  the typographic apostrophe names the same body");
    if (e >= 0) {
        char *m = slice(a, a->entities[e].mentions[0]);
        is_str(m, "Kellport Fishermen's Union", "  its mention covers the whole name");
        free(m);
    }
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "stay in port");
    ok(c != NULL && e >= 0 && c->speaker == e, "  and it makes the claim after it");
    int w = find_entity(a, "Women's Institute", KIND_ORGANIZATION);
    ok(w >= 0, "'the Women's Institute' is one organisation");
    ok(find_entity(a, "Women", KIND_PLACE) < 0, "  'Women' is no place");
    c = find_assertion(a, ASSERT_CLAIM, "collect food");
    ok(c != NULL && w >= 0 && c->speaker == w, "  and it makes its claim");
    int h = entity_at(a, text, "St Mary's");
    is_str(h >= 0 ? a->entities[h].name : "(none)", "St Mary's Hospital",
           "'St Mary's Hospital' is named whole");
    c = find_assertion(a, ASSERT_CLAIM, "treated two men");
    ok(c != NULL && h >= 0 && c->speaker == h, "  and it makes its claim");
    ok(find_entity(a, "National Farmers' Union", KIND_ORGANIZATION) >= 0,
       "a plural possessive with a bare apostrophe stays inside the name");
    ok(find_entity(a, "People\u2019s Shield", KIND_ORGANIZATION) >= 0,
       "'the People\u2019s Shield' is one organisation");
    ok(find_entity(a, "People", KIND_PLACE) < 0, "  'People' is no place");
    article_free(a);

    text = "Ana Rossi's Freedom Party said on Monday that the vote was rigged. "
           "Marovia's National Guard said its patrol had been attacked. "
           "Rossi's office said the count was late. Kyiv denied any part in it. "
           "The men's team lost.\n";
    a = run(text);
    ok(find_entity(a, "Ana Rossi", KIND_PERSON) >= 0, "a person's possessive: the person");
    ok(find_entity(a, "Ana Rossi's Freedom Party", KIND_ORGANIZATION) >= 0,
       "  and the body she owns, named after her, not after a country of hers");
    ok(find_entity(a, "Marovian National Guard", KIND_ORGANIZATION) >= 0,
       "a country's possessive before a body still names the country's body");
    c = find_assertion(a, ASSERT_CLAIM, "count was late");
    is_str(speaker_name(a, c), "Ana Rossi", "'Rossi's office' still speaks for Rossi");
    c = find_assertion(a, ASSERT_CLAIM, "any part");
    ok(c != NULL && c->speaker >= 0 && a->entities[c->speaker].kind == KIND_PLACE,
       "'Kyiv denied' still speaks for a country");
    ok(entity_at(a, text, "men's") < 0, "a lower-case possessive names nothing");
    article_free(a);

    a = run("Lloyd's of London said on Monday that claims had doubled. "
            "The Policemen\u2019s Federation denied that officers had been told to stand down.\n");
    e = find_entity(a, "Lloyd's of London", KIND_ORGANIZATION);
    ok(e >= 0, "'Lloyd's of London' is one organisation");
    c = find_assertion(a, ASSERT_CLAIM, "claims had doubled");
    ok(c != NULL && e >= 0 && c->speaker == e, "  and the claim is its own, not London's country's");
    e = find_entity(a, "Policemen\u2019s Federation", KIND_ORGANIZATION);
    c = find_assertion(a, ASSERT_CLAIM, "stand down");
    ok(c != NULL && e >= 0 && c->speaker == e,
       "'the Policemen\u2019s Federation denied' is the federation's claim");
    article_free(a);
}

/* What a possessive name leaves behind for the rest of the text: a firm
** named "X of PLACE" has no short form in the place ("London's mayor",
** "In London" stay the city's). */
static void test_possessive_owners(void)
{
    const char *text = "Lloyd's of London said on Monday that claims had doubled. "
                       "London's mayor said on Tuesday that the flood barriers would hold. "
                       "In London, traders were calm.\n";
    article_t *a = run(text);
    int e = find_entity(a, "Lloyd's of London", KIND_ORGANIZATION);
    ok(e >= 0, "'Lloyd's of London' is one organisation");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "barriers would hold");
    ok(c != NULL && c->speaker >= 0 && c->speaker != e &&
       a->entities[c->speaker].kind == KIND_PLACE,
       "'London's mayor said' is the city's claim, not the firm's (is %s's)",
       speaker_name(a, c));
    int l = entity_at(a, text, "London, traders");
    ok(l >= 0 && l != e && a->entities[l].kind == KIND_PLACE,
       "  'In London' is the place, not the firm");
    ok(entity_at(a, text, "London's mayor") == l, "  and the same place as 'London's'");
    ok(e < 0 || a->entities[e].naliases == 0 ||
       strcmp(a->entities[e].aliases[0], "London") != 0, "  'London' is no alias of the firm");
    article_free(a);

    text = "The Children's Hospital of Kessel said it had treated twelve people. "
           "Kessel's mayor said the port was safe. In Kessel, ships were moving again.\n";
    a = run(text);
    e = find_entity(a, "Children's Hospital of Kessel", KIND_ORGANIZATION);
    ok(e >= 0, "'the Children's Hospital of Kessel' is one organisation");
    c = find_assertion(a, ASSERT_CLAIM, "port was safe");
    ok(c != NULL && c->speaker >= 0 && c->speaker != e &&
       a->entities[c->speaker].kind == KIND_PLACE,
       "'Kessel's mayor said' is the town's claim, not the hospital's (is %s's)",
       speaker_name(a, c));
    ok(entity_at(a, text, "Kessel, ships") != e, "  'In Kessel' is not the hospital");
    article_free(a);

    /* two owners' bodies of one name are two bodies, in either order */
    for (int order = 0; order < 2; order++) {
        const char *rossi = "Ana Rossi's Freedom Party said on Monday that the vote was rigged. ";
        const char *marovia = "Marovia\u2019s Freedom Party said on Tuesday that the count was fair. ";
        char *t = xasprintf("%s%sThe Freedom Party said nothing else.\n", order ? marovia : rossi,
                            order ? rossi : marovia);
        a = run(t);
        int r = find_entity(a, "Ana Rossi's Freedom Party", KIND_ORGANIZATION);
        int m = find_entity(a, "Marovian Freedom Party", KIND_ORGANIZATION);
        ok(r >= 0 && m >= 0 && r != m, "%s: Rossi's and Marovia's Freedom Party are two bodies",
           order ? "Marovia first" : "Rossi first");
        const assertion_t *c1 = find_assertion(a, ASSERT_CLAIM, "vote was rigged");
        const assertion_t *c2 = find_assertion(a, ASSERT_CLAIM, "count was fair");
        ok(c1 && c2 && r >= 0 && c1->speaker == r && c2->speaker == m,
           "  each makes its own claim (%s, %s)", speaker_name(a, c1), speaker_name(a, c2));
        c = find_assertion(a, ASSERT_CLAIM, "nothing else");
        ok(c && c->speaker == (order ? m : r), "  'the Freedom Party' later is the first one named");
        article_free(a);
        free(t);
    }

    /* a person's possessive stays a person's */
    text = "Piet Vandersloot's lawyer said the charges were false. "
           "Mr Vandersloot's wife said on Monday that he was at home. "
           "A neighbour said that James's brother was away. "
           "Dr Hanne Brell's office said the tests were fine. "
           "Police said Mrs Oduya's car was found.\n";
    a = run(text);
    int p = find_entity(a, "Piet Vandersloot", KIND_PERSON);
    ok(p >= 0, "'Piet Vandersloot's lawyer': a person, named by the 'Mr' elsewhere");
    ok(find_entity(a, "Piet Vandersloot", KIND_ORGANIZATION) < 0, "  no organisation");
    c = find_assertion(a, ASSERT_CLAIM, "charges were false");
    ok(c && p >= 0 && c->speaker == p, "  the lawyer's claim goes to him (%s)", speaker_name(a, c));
    c = find_assertion(a, ASSERT_CLAIM, "at home");
    ok(c && p >= 0 && c->speaker == p, "'Mr Vandersloot's wife' is his too (%s)",
       speaker_name(a, c));
    e = entity_at(a, text, "James's");
    ok(e >= 0 && a->entities[e].kind == KIND_PERSON, "'James's brother': James is a person");
    ok(find_entity(a, "Hanne Brell", KIND_PERSON) >= 0, "'Dr Hanne Brell's office': a person");
    e = entity_at(a, text, "Oduya");
    ok(e >= 0 && a->entities[e].kind == KIND_PERSON, "'Mrs Oduya's car': a person");
    article_free(a);

    /* ... also when the evidence comes after the possessive */
    text = "Vandersloot's lawyer said the charges were false. The court met on Monday. "
           "Piet Vandersloot, 54, said he was innocent. Kessel's mayor said the port was safe.\n";
    a = run(text);
    p = find_entity(a, "Piet Vandersloot", KIND_PERSON);
    ok(p >= 0 && entity_at(a, text, "Vandersloot's") == p,
       "'Vandersloot's lawyer', then 'Piet Vandersloot, 54,': one person");
    ok(find_entity(a, "Vandersloot", KIND_PLACE) < 0, "  and no place");
    c = find_assertion(a, ASSERT_CLAIM, "charges were false");
    ok(c && p >= 0 && c->speaker == p, "  the lawyer's claim is his (%s)", speaker_name(a, c));
    e = entity_at(a, text, "Kessel's");
    ok(e >= 0 && a->entities[e].kind == KIND_PLACE, "'Kessel's mayor' stays a place");
    article_free(a);

    /* "and the" before a capitalised word opens a second name */
    a = run("The Women's Institute and the People's Shield said on Monday that the convoy had "
            "left. The Foreign Ministry and the Red Cross said the road was open. The National "
            "Security and Defense Council said the border was closed.\n");
    ok(find_entity(a, "Women's Institute", KIND_ORGANIZATION) >= 0 &&
       find_entity(a, "People's Shield", KIND_ORGANIZATION) >= 0,
       "'the Women's Institute and the People's Shield' are two organisations");
    ok(find_entity(a, "Foreign Ministry", KIND_ORGANIZATION) >= 0 &&
       find_entity(a, "Red Cross", KIND_ORGANIZATION) >= 0,
       "'the Foreign Ministry and the Red Cross' are two organisations");
    ok(find_entity(a, "National Security and Defense Council", KIND_ORGANIZATION) >= 0,
       "  but 'National Security and Defense Council' is one");
    article_free(a);
}

static void test_edge_inputs(void)
{
    article_t *a = run("");
    is_int(a->nassertions, 0, "empty text");
    article_free(a);
    a = run("\u201c");
    is_int(a->nassertions, 0, "lone quote mark");
    article_free(a);
    a = run("\"\"\"\" ' \u2019 \u201d\u201d \u201c\u201c x");
    ok(1, "stray marks do not crash");
    article_free(a);
}

/* A broken word list is refused with its file and line. */
static void test_lexicon_errors(const char *ldir)
{
    char tmp[] = "/tmp/contra-lexXXXXXX";
    if (!mkdtemp(tmp)) {
        ok(0, "mkdtemp");
        return;
    }
    static const char *const files[] = {
        "reporting_verbs.txt", "titles.txt", "org_words.txt", "denial.txt", "support.txt",
        "abbreviations.txt", "stopwords.txt", "place_words.txt", "given_names.txt",
        "function_words.txt", "synonyms.txt", "gazetteer.txt", "gender.txt", "state_words.txt",
        NULL};
    for (int i = 0; files[i]; i++) {
        char *src = xasprintf("%s/%s", ldir, files[i]), *dst = xasprintf("%s/%s", tmp, files[i]);
        size_t n;
        err_t e = {{0}};
        char *data = read_file(src, &n, &e);
        FILE *f = fopen(dst, "w");
        if (f && data)
            fwrite(data, 1, n, f);
        if (f)
            fclose(f);
        free(data);
        free(src);
        free(dst);
    }
    char *g = xasprintf("%s/pronouns.txt", tmp);
    FILE *f = fopen(g, "w");
    if (f) {
        fputs("he person\n", f);
        fclose(f);
    }
    free(g);
    g = xasprintf("%s/gender.txt", tmp);
    f = fopen(g, "a");
    if (f) {
        fputs("anna female\n", f);
        fclose(f);
    }
    err_t ge = {{0}};
    lexicon_t *bad = lexicon_load(tmp, &ge);
    ok(bad == NULL, "a gender other than m or f is refused");
    like(ge.msg, "gender.txt:", "the message names the gender list");
    lexicon_free(bad);
    free(g);
    char *p = xasprintf("%s/pronouns.txt", tmp);
    f = fopen(p, "w");
    if (f) {
        fputs("# comment\nhe person\nshe somebody\n", f);
        fclose(f);
    }
    err_t e = {{0}};
    bad = lexicon_load(tmp, &e);
    ok(bad == NULL, "a bad pronoun class is refused");
    like(e.msg, "pronouns.txt:3:", "the message names the file and line");
    lexicon_free(bad);
    remove(p);
    free(p);
    e.msg[0] = '\0';
    bad = lexicon_load(tmp, &e);
    ok(bad == NULL, "a missing list is refused");
    like(e.msg, "pronouns.txt", "the message names the missing file");
    lexicon_free(bad);
    for (int i = 0; files[i]; i++) {
        char *dst = xasprintf("%s/%s", tmp, files[i]);
        remove(dst);
        free(dst);
    }
    rmdir(tmp);
}

/* "Residents of Hallowmere said": a plural noun for people opening a
** sentence names no body; the name after "of" is the place, and the
** place does not speak for its residents. */
static void test_people_plurals(void)
{
    const char *text =
        "Residents of Hallowmere said on Monday that the water had risen overnight. "
        "Villagers of Dornby were clearing mud from their homes.\n\n"
        "Friends of the Earth said the dam had leaked for years. "
        "A statement from the Residents of Maldry said the tap water was unsafe.\n";
    article_t *a = run(text);
    const char *bad = NULL;
    for (size_t i = 0; i < a->nentities && !bad; i++)
        if (strncmp(a->entities[i].name, "Residents of Hallowmere", 23) == 0 ||
            strncmp(a->entities[i].name, "Villagers", 9) == 0)
            bad = a->entities[i].name;
    ok(bad == NULL, "'Residents of Hallowmere', 'Villagers of Dornby' name no entity (found %s)",
       bad ? bad : "none");
    int h = find_entity(a, "Hallowmere", KIND_PLACE);
    ok(h >= 0, "  Hallowmere alone is a place");
    ok(h >= 0 && entity_at(a, text, "Hallowmere said") == h, "  and its mention is the name alone");
    ok(find_entity(a, "Dornby", KIND_PLACE) >= 0, "  so is Dornby after 'Villagers of'");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "water had risen");
    ok(c == NULL || c->speaker < 0 || c->speaker != h,
       "  what the residents said is not the place's claim (is %s's)", speaker_name(a, c));
    ok(find_entity(a, "Friends of the Earth", KIND_ORGANIZATION) >= 0,
       "'Friends of the Earth' stays one organisation");
    ok(find_entity(a, "Residents of Maldry", KIND_ORGANIZATION) >= 0,
       "'the Residents of Maldry' inside a sentence is a body's name");
    article_free(a);
}

/* "Piet Vandersloot said": two plain words met for the first time and
** doing the reporting are a person's name, while bodies that speak keep
** their kind. */
static void test_speaking_names(void)
{
    const char *text =
        "Piet Vandersloot said on Monday that the dam was safe. "
        "\u201cThe gates were opened on time,\u201d Ilse Marwick said.\n\n"
        "Greenpeace said the dam had leaked for years. "
        "The Kellport Fishermen's Union said its boats would stay in port. "
        "Northway Construction said it would appeal. Harrow Ltd said it had been paid. "
        "Black Meridian said it had carried out the attack. "
        "A group calling itself Grey Lynx claimed the attack. "
        "Grey Lynx said it would strike again.\n";
    article_t *a = run(text);
    int p = find_entity(a, "Piet Vandersloot", KIND_PERSON);
    ok(p >= 0, "'Piet Vandersloot said' is a person");
    ok(find_entity(a, "Piet Vandersloot", KIND_ORGANIZATION) < 0, "  not an organisation");
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "dam was safe");
    is_str(speaker_name(a, c), "Piet Vandersloot", "  and the claim is his");
    int m = find_entity(a, "Ilse Marwick", KIND_PERSON);
    ok(m >= 0, "'\u201c...,\u201d Ilse Marwick said' is a person");
    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "gates were opened");
    is_str(speaker_name(a, q), "Ilse Marwick", "  and the quote is hers");
    c = find_assertion(a, ASSERT_CLAIM, "leaked for years");
    ok(c != NULL && c->speaker >= 0 && a->entities[c->speaker].kind != KIND_PERSON &&
       strcmp(speaker_name(a, c), "Greenpeace") == 0,
       "'Greenpeace said' is still Greenpeace's claim, and Greenpeace no person");
    c = find_assertion(a, ASSERT_CLAIM, "stay in port");
    is_str(speaker_name(a, c), "Kellport Fishermen's Union", "'the ... Union said' is the union's");
    ok(find_entity(a, "Kellport Fishermen's Union", KIND_ORGANIZATION) >= 0, "  an organisation");
    ok(find_entity(a, "Northway Construction", KIND_ORGANIZATION) >= 0,
       "'Northway Construction said' is an organisation (a firm's last word)");
    ok(find_entity(a, "Harrow Ltd", KIND_ORGANIZATION) >= 0,
       "'Harrow Ltd said' is an organisation (Ltd without its dot)");
    ok(find_entity(a, "Black Meridian", KIND_ORGANIZATION) >= 0,
       "'Black Meridian said' is an organisation (a group's adjective)");
    ok(find_entity(a, "Grey Lynx", KIND_ORGANIZATION) >= 0 &&
       find_entity(a, "Grey Lynx", KIND_PERSON) < 0,
       "'Grey Lynx said' after 'a group calling itself Grey Lynx' stays the group");
    article_free(a);
}

/* The bytes of the mention that starts where phrase first occurs in
** text, or "(none)".  Caller frees. */
static char *mention_at(const article_t *a, const char *text, const char *phrase)
{
    int e = entity_at(a, text, phrase);
    if (e < 0)
        return xstrdup("(none)");
    int64_t off = (int64_t)(strstr(text, phrase) - text);
    for (size_t m = 0; m < a->entities[e].nmentions; m++)
        if (a->entities[e].mentions[m].start == off)
            return slice(a, a->entities[e].mentions[m]);
    return xstrdup("(none)");
}

/* Scraped text carries invisible characters inside words: soft hyphens
** (U+00AD), zero-width joiners and non-joiners, word joiners, direction
** marks, U+FEFF.  The word stays whole, is looked up as if they were not
** there, and its mentions cover all of it. */
static void test_invisible_in_words(void)
{
    const char *text = "Former president Piotr Wa\xc5\x82\xc2\xad\xc4\x99sa said on Monday that "
                       "the shipyard would reopen. \"We will build ships again,\" "
                       "Wa\xc5\x82\xc4\x99sa told reporters.\n";
    article_t *a = run(text);
    int e = find_entity(a, "Piotr Wa\xc5\x82\xc4\x99sa", KIND_PERSON);
    ok(e >= 0, "a soft hyphen inside a surname keeps the name whole (and out of its name)");
    ok(find_entity(a, "Piotr Wa\xc5\x82", KIND_PERSON) < 0, "  not cut at the soft hyphen");
    ok(a->nentities == 1, "  the surname without it is the same person (%zu entities)",
       a->nentities);
    char *m = mention_at(a, text, "Piotr");
    is_str(m, "Piotr Wa\xc5\x82\xc2\xad\xc4\x99sa", "  the mention covers the whole word");
    free(m);
    const assertion_t *c = find_assertion(a, ASSERT_CLAIM, "the shipyard would reopen");
    ok(c != NULL && c->speaker == e, "  the claim after the name is theirs");
    const assertion_t *q = find_assertion(a, ASSERT_QUOTE, "build ships");
    ok(q != NULL && q->speaker == e, "  and the quote of the surname alone");
    article_free(a);

    text = "Agnieszka Zwj\xe2\x80\x8dzwj told reporters on Monday that the dam was safe.\n";
    a = run(text);
    e = entity_at(a, text, "Agnieszka");
    m = mention_at(a, text, "Agnieszka");
    is_str(m, "Agnieszka Zwj\xe2\x80\x8dzwj", "a zero-width joiner stays inside the mention");
    free(m);
    ok(e >= 0 && a->entities[e].kind == KIND_PERSON, "  a person");
    c = find_assertion(a, ASSERT_CLAIM, "the dam was safe");
    ok(c != NULL && e >= 0 && c->speaker == e, "  who makes the claim");
    article_free(a);

    /* a speech verb with a soft hyphen in it is still a speech verb */
    a = run("Interior Minister Ana Rossi sa\xc2\xad" "id on Tuesday that the border was "
            "closed.\n");
    c = find_assertion(a, ASSERT_CLAIM, "the border was closed");
    ok(c != NULL, "\"sa\\u00adid\" reports speech");
    is_str(speaker_name(a, c), "Ana Rossi", "  the claimant");
    article_free(a);

    static const struct {
        const char *utf8, *what;
        const char *kept;      /* what of it stays in the entity's name */
    } inv[] = {
        {"\xe2\x80\x8c", "zero-width non-joiner", "\xe2\x80\x8c"},
        {"\xe2\x81\xa0", "word joiner", ""},
        {"\xe2\x80\x8e", "left-to-right mark", ""},
        {"\xe2\x80\x8f", "right-to-left mark", ""},
        {"\xef\xbb\xbf", "U+FEFF", ""},
        {"\xc2\xad\xe2\x80\x8d", "a soft hyphen and a joiner", "\xe2\x80\x8d"},
    };
    for (size_t i = 0; i < sizeof inv / sizeof inv[0]; i++) {
        char *t = xasprintf("Interior Minister Jan Hor%svath said on Monday that the bridge "
                            "was safe. \"We checked every bolt,\" Horvath told reporters.\n",
                            inv[i].utf8);
        a = run(t);
        char *whole = xasprintf("Jan Hor%svath", inv[i].utf8);
        char *name = xasprintf("Jan Hor%svath", inv[i].kept);
        m = mention_at(a, t, "Jan");
        is_str(m, whole, "%s: the mention covers the whole name", inv[i].what);
        free(m);
        e = entity_at(a, t, "Jan");
        ok(e >= 0 && a->nentities == 1, "  one person, the same without it (%zu entities)",
           a->nentities);
        is_str(e >= 0 ? a->entities[e].name : "(none)", name,
               inv[i].kept[0] ? "  its name keeps the joiner (part of some scripts' spelling)"
                              : "  its name leaves it out");
        free(name);
        c = find_assertion(a, ASSERT_CLAIM, "the bridge was safe");
        q = find_assertion(a, ASSERT_QUOTE, "every bolt");
        ok(c && q && e >= 0 && c->speaker == e && q->speaker == e,
           "  the claim and the quote are theirs");
        free(whole);
        free(t);
        article_free(a);
    }

    /* outside a word, between two words, one is no punctuation that cuts
    ** a name in two, nor is one at a word's end part of the word */
    text = "Piotr \xe2\x80\x8eWa\xc5\x82\xc4\x99sa\xe2\x80\x8f said on Monday that the "
           "shipyard would reopen.\n";
    a = run(text);
    m = mention_at(a, text, "Piotr");
    is_str(m, "Piotr \xe2\x80\x8eWa\xc5\x82\xc4\x99sa", "direction marks around a word: one name");
    free(m);
    e = entity_at(a, text, "Piotr");
    ok(e >= 0 && strcmp(a->entities[e].name, "Piotr Wa\xc5\x82\xc4\x99sa") == 0,
       "  named without them");
    article_free(a);
}

int main(void)
{
    const char *dir = getenv("CONTRA_DATADIR");
    char *ldir = dir ? xasprintf("%s/lexicon", dir) : lexicon_default_dir();
    err_t e = {{0}};
    lex = lexicon_load(ldir, &e);
    if (!ok(lex != NULL, "lexicon loads from %s", ldir)) {
        printf("# %s\n", e.msg);
        free(ldir);
        return done_testing();
    }
    test_lexicon_errors(ldir);
    free(ldir);
    test_structure();
    test_quotes();
    test_continued();
    test_keeps_existing();
    test_deterministic();
    test_no_false_contradiction();
    test_accusation_denial();
    test_numbered_things();
    test_short_subjects();
    test_proposals_capped();
    test_given_name_place();
    test_surname_place();
    test_given_names();
    test_designators();
    test_initial_designators();
    test_rejected_charge();
    test_scare_quotes();
    test_headline_surname();
    test_sides_and_scope();
    test_idioms_and_scopes();
    test_claim_forms();
    test_lone_names();
    test_captions();
    test_claim_spans();
    test_backing_and_roles();
    test_interrupted_and_pronouns();
    test_speaker_patterns();
    test_edge_inputs();
    test_decomposed();
    test_possessive_names();
    test_possessive_owners();
    test_people_plurals();
    test_speaking_names();
    test_invisible_in_words();
    lexicon_free(lex);
    return done_testing();
}
