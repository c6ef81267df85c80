/*
** annotate_bench.c: how fast the annotator reads, in MB of article text
** per second on one core.  A benchmark, not a test: it prints figures and
** asserts nothing.
**
**   annotate_bench [MB [LEXICON_DIR [large]]]
**
** It generates a deterministic corpus in memory (a PRNG of its own with a
** fixed seed, invented names and places, the sentence shapes of scraped
** wire copy: quotes with speakers before, after and around them, "he
** added", indirect speech, denials, captions, a date prefix), about MB
** megabytes (default 50) of articles of about 4 KB, annotates every
** article, and then one single article of MB/5 megabytes, to show that the
** cost stays linear in the length of one text.  Target: >= 20 MB/s.
** With "large", only one article of MB megabytes (for profiling it).
*/
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "annotate.h"
#include "lexicon.h"
#include "model.h"
#include "util.h"

static uint64_t rng = 0x5eed2026c0ffee11ull;

static uint64_t next(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

#define PICK(arr) arr[next() % (sizeof arr / sizeof arr[0])]

static const char *const first[] = {"Ana", "Marek", "Ilona", "Pavel", "Sofia", "Tomas",
                                    "Greta", "Viktor", "Lena", "Bogdan", "Irina", "Oskar"};
static const char *const last[] = {"Varga", "Holm", "Reznik", "Castell", "Dunmore", "Falk",
                                   "Okafor", "Lindqvist", "Marsh", "Petrov", "Sandor", "Quill"};
static const char *const countries[] = {"Veloria", "Dravia", "Ostmark", "Kalvany", "Sarnia",
                                        "Tessaly", "Brennia", "Marovia"};
static const char *const demonyms[] = {"Velorian", "Dravian", "Ostmarkian", "Kalvanian",
                                       "Sarnian", "Tessalian", "Brennian", "Marovian"};
static const char *const titles[] = {"Foreign Minister", "Interior Minister", "President",
                                     "Defence Minister", "Lt. Gen.", "Dr.", "Mr.", "Ms."};
static const char *const orgs[] = {"Security Service", "Defence Ministry", "Electoral Council",
                                   "National Party", "Border Agency", "Health Ministry"};
static const char *const roles[] = {"the head of the border agency", "a spokesman for the ministry",
                                    "the chairman of the council", "the secretary of the party"};
static const char *const things[] = {"the attack on the power station", "the shelling of the village",
                                     "the fire at the depot", "the bombing in the capital",
                                     "the fraud in the northern province"};
static const char *const verbs[] = {"said", "told reporters", "insisted", "claimed", "warned",
                                    "added", "stressed"};

static void person(strbuf_t *b, int *who)
{
    *who = (int)(next() % 144);
    sb_printf(b, "%s %s", first[*who % 12], last[*who / 12]);
}

static void article(strbuf_t *b, size_t target)
{
    size_t start = b->len;
    if (next() % 3 == 0)
        sb_printf(b, "date 2026-%02d-%02d", (int)(next() % 12) + 1, (int)(next() % 28) + 1);
    int c1 = (int)(next() % 8), c2 = (int)((c1 + 1 + next() % 7) % 8), who;
    while (b->len - start < target) {
        switch (next() % 9) {
        case 0:
            sb_printf(b, "%s %s ", demonyms[c1], PICK(titles));
            person(b, &who);
            sb_printf(b, " said on Monday that %s was behind %s.\n", countries[c2], PICK(things));
            break;
        case 1:
            sb_printf(b, "\u201cWe had nothing to do with %s. These claims are baseless,\u201d ",
                      PICK(things));
            person(b, &who);
            sb_printf(b, ", %s, %s.\n", PICK(roles), PICK(verbs));
            break;
        case 2:
            person(b, &who);
            sb_printf(b, " %s: \u201cThe evidence is clear. %s will answer for this.\u201d\n",
                      PICK(verbs), countries[c2]);
            break;
        case 3:
            sb_printf(b, "\u201cWe will not be intimidated,\u201d he added. \u201cNever.\u201d\n");
            break;
        case 4:
            sb_printf(b, "According to the %s %s, the %s denied any involvement in %s.\n",
                      demonyms[c2], PICK(orgs), PICK(orgs), PICK(things));
            break;
        case 5:
            sb_printf(b, "Rescue workers search the rubble in %s on Tuesday - %s %s/NEWSWIRE\n",
                      countries[c1], "JANE", "DOE");
            break;
        case 6:
            sb_printf(b, "The %s Party claimed responsibility for %s, a claim backed up by "
                      "%s intelligence.\n", demonyms[c2], PICK(things), demonyms[c1]);
            break;
        case 7:
            sb_printf(b, "%s denied that its forces had fired across the border, calling the "
                      "report \u201cpropaganda\u201d and the so-called \u201cevidence\u201d a "
                      "fabrication.\n", countries[c2]);
            break;
        default:
            sb_printf(b, "Officials in %s, which has traded accusations with %s since the "
                      "autumn, said talks would resume in March after the U.S. envoy's visit.\n",
                      countries[c1], countries[c2]);
            break;
        }
    }
}

/* CPU time of this process: the figure is per core, and other work on a
** shared machine does not count against it. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run(const char *label, char **texts, size_t *lens, size_t n, const lexicon_t *lex)
{
    size_t bytes = 0, ents = 0, asserts = 0, rels = 0;
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        article_t *a = article_new();
        a->text = texts[i];
        a->len = lens[i];
        annotate_article(a, lex);
        bytes += lens[i];
        ents += a->nentities;
        asserts += a->nassertions;
        rels += a->nrelations;
        a->text = NULL;
        article_free(a);
    }
    double dt = now() - t0;
    printf("%-28s %8.1f MB in %6.2f s CPU = %7.1f MB/s  (%zu entities, %zu quotes+claims, %zu relations)\n",
           label, (double)bytes / 1e6, dt, (double)bytes / 1e6 / (dt > 0 ? dt : 1e-9), ents,
           asserts, rels);
}

int main(int argc, char **argv)
{
    double mb = argc > 1 ? atof(argv[1]) : 50;
    if (mb <= 0)
        mb = 50;
    err_t e = {{0}};
    char *dir = argc > 2 ? xstrdup(argv[2]) : lexicon_default_dir();
    lexicon_t *lex = lexicon_load(dir, &e);
    free(dir);
    if (!lex) {
        fprintf(stderr, "annotate_bench: %s\n", e.msg);
        return 1;
    }
    size_t total = (size_t)(mb * 1e6), n = 0, cap = 0;
    char **texts = NULL;
    size_t *lens = NULL, capl = 0;
    bool large = argc > 3 && strcmp(argv[3], "large") == 0;
    if (large)
        total *= 5;
    for (size_t have = large ? total : 0; have < total;) {
        strbuf_t b = {0};
        article(&b, 4000);
        grow_array((void **)&texts, &cap, n + 1, sizeof *texts);
        grow_array((void **)&lens, &capl, n + 1, sizeof *lens);
        lens[n] = b.len;
        have += b.len;
        texts[n++] = sb_steal(&b);
    }
    if (n)
        run("corpus of 4 KB articles", texts, lens, n, lex);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);

    strbuf_t big = {0};
    article(&big, total / 5);
    char *bt = sb_steal(&big);
    size_t bl = strlen(bt);
    run("one article of MB/5", &bt, &bl, 1, lex);
    free(bt);
    free(texts);
    free(lens);
    lexicon_free(lex);
    return 0;
}
