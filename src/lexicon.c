/*
** lexicon.c: loading the annotator's word lists from share/lexicon and
** answering "which lists hold this phrase" in O(1).
**
** All entries live in one open-addressing hash table keyed by the
** case-folded phrase.  The table is only ever probed, never iterated, so
** its order cannot leak into the annotator's output.  Proper prefixes of
** multi-word entries are entered too (with LEX_PREFIX) so that a caller
** extending a phrase word by word can stop as soon as nothing longer can
** match.
*/
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "lexicon.h"

typedef struct slot {
    uint32_t key;      /* offset into keys, or UINT32_MAX when empty */
    uint32_t len;
    lex_info_t info;
} slot_t;

typedef struct place {
    char *country, *capital;
    char *demonym;         /* the first listed, "" if none */
} place_t;

struct lexicon {
    slot_t *slots;
    size_t nslots, used;
    strbuf_t keys;
    place_t *places;
    size_t nplaces, capplaces;
    int max_words;
    int ngroups;
};

/* ---- folding ------------------------------------------------------------ */

size_t lexicon_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            break;
        if (i + 1 >= cap)
            return 0;
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
    }
    if (i == n) {
        out[n] = '\0';
        return n;
    }
    /* Non-ASCII: let libunistring fold, locale independently, and compose
    ** (NFC), so that a name written decomposed, a letter and its accent
    ** apart, folds as the same name written precomposed.  Typographic
    ** apostrophes are folded to ASCII so "don’t" finds "don't", and the
    ** invisible characters (text_invisible_in_word) are dropped. */
    size_t rlen = cap > 1 ? cap - 1 : 0;
    uint8_t *r = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFC, (uint8_t *)out, &rlen);
    if (!r)
        return 0;
    if (r != (uint8_t *)out) {
        free(r);
        return 0;
    }
    size_t w = 0;
    for (size_t k = 0; k < rlen; ) {
        if ((uint8_t)out[k] < 0x80) {
            out[w++] = out[k++];
            continue;
        }
        ucs4_t c;
        int len = u8_mbtouc(&c, (const uint8_t *)out + k, rlen - k);
        if (c == 0x2018 || c == 0x2019) {
            out[w++] = '\'';
        } else if (!text_invisible_in_word(c)) {
            memmove(out + w, out + k, (size_t)len);
            w += (size_t)len;
        }
        k += (size_t)len;
    }
    out[w] = '\0';
    return w;
}

/* ---- the table ------------------------------------------------------------ */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static slot_t *probe(const lexicon_t *lex, const char *k, size_t n)
{
    size_t mask = lex->nslots - 1;
    size_t i = (size_t)hash_bytes(k, n) & mask;
    for (;;) {
        slot_t *s = &lex->slots[i];
        if (s->key == UINT32_MAX)
            return s;
        if (s->len == n && memcmp(lex->keys.s + s->key, k, n) == 0)
            return s;
        i = (i + 1) & mask;
    }
}

static void rehash(lexicon_t *lex, size_t nslots)
{
    slot_t *old = lex->slots;
    size_t nold = lex->nslots;
    lex->slots = xmalloc(nslots * sizeof *lex->slots);
    lex->nslots = nslots;
    for (size_t i = 0; i < nslots; i++)
        lex->slots[i].key = UINT32_MAX;
    for (size_t i = 0; i < nold; i++) {
        if (old[i].key == UINT32_MAX)
            continue;
        *probe(lex, lex->keys.s + old[i].key, old[i].len) = old[i];
    }
    free(old);
}

static lex_info_t *enter(lexicon_t *lex, const char *k, size_t n)
{
    if ((lex->used + 1) * 2 > lex->nslots)
        rehash(lex, lex->nslots * 2);
    slot_t *s = probe(lex, k, n);
    if (s->key == UINT32_MAX) {
        s->key = (uint32_t)lex->keys.len;
        s->len = (uint32_t)n;
        sb_add(&lex->keys, k, n);
        sb_addc(&lex->keys, '\0');
        s->info.cls = 0;
        s->info.place = -1;
        s->info.pron = 0;
        s->info.group = -1;
        s->info.gender = 0;
        lex->used++;
    }
    return &s->info;
}

/* Enter a phrase (already folded, single spaces) with its class; record
** every proper word prefix with LEX_PREFIX. */
static lex_info_t *enter_phrase(lexicon_t *lex, const char *k, size_t n, unsigned cls)
{
    int words = 1;
    for (size_t i = 0; i < n; i++) {
        if (k[i] == ' ') {
            enter(lex, k, i)->cls |= LEX_PREFIX;
            words++;
        }
    }
    if (words > lex->max_words)
        lex->max_words = words;
    lex_info_t *inf = enter(lex, k, n);
    inf->cls |= cls;
    return inf;
}

const lex_info_t *lexicon_lookup(const lexicon_t *lex, const char *folded, size_t n)
{
    if (!lex || n == 0)
        return NULL;
    slot_t *s = probe(lex, folded, n);
    return s->key == UINT32_MAX ? NULL : &s->info;
}

int lexicon_max_words(const lexicon_t *lex) { return lex ? lex->max_words : 0; }
size_t lexicon_nplaces(const lexicon_t *lex) { return lex ? lex->nplaces : 0; }

const char *lexicon_place_country(const lexicon_t *lex, int place)
{
    return place >= 0 && (size_t)place < lex->nplaces ? lex->places[place].country : "";
}

const char *lexicon_place_demonym(const lexicon_t *lex, int place)
{
    return place >= 0 && (size_t)place < lex->nplaces ? lex->places[place].demonym : "";
}

const char *lexicon_place_capital(const lexicon_t *lex, int place)
{
    return place >= 0 && (size_t)place < lex->nplaces ? lex->places[place].capital : "";
}

/* ---- loading --------------------------------------------------------------- */

/* Trim s[0..*n) and collapse inner runs of blanks to one space, in place. */
static char *normalise(char *s, size_t *n)
{
    size_t i = 0, w = 0;
    while (i < *n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    bool space = false;
    for (; i < *n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && w)
            s[w++] = ' ';
        space = false;
        s[w++] = c;
    }
    *n = w;
    s[w] = '\0';
    return s;
}

static bool is_dir(const char *p);
static void missing_dir(const char *dir, err_t *e);

typedef int (*line_fn)(lexicon_t *lex, char *line, size_t n, unsigned cls,
                       const char *path, int lineno, err_t *e);

static int load_file(lexicon_t *lex, const char *dir, const char *file,
                     line_fn fn, unsigned cls, err_t *e)
{
    char *path = xasprintf("%s/%s", dir, file);
    size_t len;
    err_t fe = {{0}};
    char *data = read_file(path, &len, &fe);
    if (!data) {
        err_set(e, "%s", fe.msg);
        free(path);
        return -1;
    }
    int lineno = 0, rc = 0;
    char *p = data, *end = data + len;
    while (p < end && rc == 0) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        lineno++;
        p[n] = '\0';
        normalise(p, &n);
        if (n && p[0] != '#')
            rc = fn(lex, p, n, cls, path, lineno, e);
        p += n + 1;
        if (nl)
            p = nl + 1;
        else
            break;
    }
    free(data);
    free(path);
    return rc;
}

static int fold_into(const char *s, size_t n, char *buf, size_t cap, size_t *out,
                     const char *path, int lineno, err_t *e)
{
    *out = lexicon_fold(s, n, buf, cap);
    if (*out == 0) {
        err_set(e, "%s:%d: entry too long or not valid UTF-8", path, lineno);
        return -1;
    }
    return 0;
}

static int plain_line(lexicon_t *lex, char *line, size_t n, unsigned cls,
                      const char *path, int lineno, err_t *e)
{
    char buf[256];
    size_t fn;
    if (fold_into(line, n, buf, sizeof buf, &fn, path, lineno, e))
        return -1;
    enter_phrase(lex, buf, fn, cls);
    return 0;
}

static int pronoun_line(lexicon_t *lex, char *line, size_t n, unsigned cls, const char *path,
                        int lineno, err_t *e)
{
    (void)n;
    (void)cls;
    char *sp = strchr(line, ' ');
    if (!sp) {
        err_set(e, "%s:%d: expected \"PRONOUN person|group\"", path, lineno);
        return -1;
    }
    int pron;
    if (strcmp(sp + 1, "person") == 0)
        pron = LEX_PRON_PERSON;
    else if (strcmp(sp + 1, "group") == 0)
        pron = LEX_PRON_GROUP;
    else {
        err_set(e, "%s:%d: unknown pronoun class \"%s\" (person or group)", path,
                lineno, sp + 1);
        return -1;
    }
    char buf[64];
    size_t fn;
    if (fold_into(line, (size_t)(sp - line), buf, sizeof buf, &fn, path, lineno, e))
        return -1;
    lex_info_t *inf = enter_phrase(lex, buf, fn, LEX_PRONOUN);
    inf->pron = pron;
    return 0;
}

/* "WORD m|f": the grammatical gender a given name, title or pronoun
** tells of a person (what lets "she said" skip a man named last). */
static int gender_line(lexicon_t *lex, char *line, size_t n, unsigned cls, const char *path,
                       int lineno, err_t *e)
{
    (void)n;
    (void)cls;
    char *sp = strrchr(line, ' ');
    if (!sp || (strcmp(sp + 1, "m") != 0 && strcmp(sp + 1, "f") != 0)) {
        err_set(e, "%s:%d: expected \"WORD m|f\"", path, lineno);
        return -1;
    }
    char buf[256];
    size_t fn;
    if (fold_into(line, (size_t)(sp - line), buf, sizeof buf, &fn, path, lineno, e))
        return -1;
    lex_info_t *inf = enter_phrase(lex, buf, fn, 0);
    inf->gender = sp[1];
    return 0;
}

static int synonym_line(lexicon_t *lex, char *line, size_t n, unsigned cls, const char *path,
                        int lineno, err_t *e)
{
    (void)n;
    (void)cls;
    int g = lex->ngroups++;
    char *p = line;
    while (*p) {
        char *sp = strchr(p, ' ');
        size_t wn = sp ? (size_t)(sp - p) : strlen(p);
        char buf[128];
        size_t fn;
        if (fold_into(p, wn, buf, sizeof buf, &fn, path, lineno, e))
            return -1;
        lex_info_t *inf = enter_phrase(lex, buf, fn, LEX_SYNONYM);
        inf->group = g;
        p += wn;
        if (*p == ' ')
            p++;
    }
    return 0;
}

/* Enter every comma-separated name of one gazetteer field. */
static int gaz_names(lexicon_t *lex, char *field, unsigned cls, int place,
                     const char *path, int lineno, err_t *e)
{
    char *p = field;
    while (p && *p) {
        char *comma = strchr(p, ',');
        size_t wn = comma ? (size_t)(comma - p) : strlen(p);
        char tmp[256];
        if (wn >= sizeof tmp) {
            err_set(e, "%s:%d: name too long", path, lineno);
            return -1;
        }
        memcpy(tmp, p, wn);
        normalise(tmp, &wn);
        if (wn) {
            char buf[256];
            size_t fn;
            if (fold_into(tmp, wn, buf, sizeof buf, &fn, path, lineno, e))
                return -1;
            lex_info_t *inf = enter_phrase(lex, buf, fn, cls);
            if (inf->place < 0)
                inf->place = place;
        }
        p = comma ? comma + 1 : NULL;
    }
    return 0;
}

static int gazetteer_line(lexicon_t *lex, char *line, size_t n, unsigned cls, const char *path,
                          int lineno, err_t *e)
{
    (void)n;
    (void)cls;
    char *f[4] = {line, NULL, NULL, NULL};
    int nf = 1;
    for (char *p = line; *p; p++) {
        if (*p == '|') {
            if (nf == 4) {
                err_set(e, "%s:%d: more than four '|'-separated fields", path, lineno);
                return -1;
            }
            *p = '\0';
            f[nf++] = p + 1;
        }
    }
    char *fields[4];
    for (int i = 0; i < 4; i++) {
        size_t fl = f[i] ? strlen(f[i]) : 0;
        fields[i] = f[i] ? normalise(f[i], &fl) : "";
    }
    if (!fields[0][0]) {
        err_set(e, "%s:%d: the country name (first field) is empty", path, lineno);
        return -1;
    }
    int place = (int)lex->nplaces;
    grow_array((void **)&lex->places, &lex->capplaces, lex->nplaces + 1, sizeof *lex->places);
    lex->places[lex->nplaces].country = xstrdup(fields[0]);
    lex->places[lex->nplaces].capital = xstrdup(fields[1]);
    {
        const char *dm = fields[2];
        size_t dl = strcspn(dm, ",");
        while (dl && dm[dl - 1] == ' ')
            dl--;
        while (dl && *dm == ' ')
            dm++, dl--;
        lex->places[lex->nplaces].demonym = xstrndup(dm, dl);
    }
    lex->nplaces++;
    if (gaz_names(lex, fields[0], LEX_COUNTRY, place, path, lineno, e) ||
        gaz_names(lex, fields[1], LEX_CAPITAL, place, path, lineno, e) ||
        gaz_names(lex, fields[2], LEX_DEMONYM, place, path, lineno, e) ||
        gaz_names(lex, fields[3], LEX_COUNTRY, place, path, lineno, e))
        return -1;
    return 0;
}

lexicon_t *lexicon_load(const char *dir, err_t *e)
{
    static const struct { const char *file; unsigned cls; } plain[] = {
        {"reporting_verbs.txt", LEX_REPORT},
        {"titles.txt", LEX_TITLE},
        {"org_words.txt", LEX_ORG},
        {"denial.txt", LEX_DENIAL},
        {"support.txt", LEX_SUPPORT},
        {"abbreviations.txt", LEX_ABBREV},
        {"stopwords.txt", LEX_STOP},
        {"place_words.txt", LEX_PLACEW},
        {"given_names.txt", LEX_GIVEN},
        {"function_words.txt", LEX_FUNC},
        {"state_words.txt", LEX_STATE},
    };
    if (!is_dir(dir)) {
        missing_dir(dir, e);
        return NULL;
    }
    lexicon_t *lex = xcalloc(1, sizeof *lex);
    lex->nslots = 1024;
    lex->slots = xmalloc(lex->nslots * sizeof *lex->slots);
    for (size_t i = 0; i < lex->nslots; i++)
        lex->slots[i].key = UINT32_MAX;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        if (load_file(lex, dir, plain[i].file, plain_line, plain[i].cls, e))
            goto fail;
    }
    if (load_file(lex, dir, "pronouns.txt", pronoun_line, LEX_PRONOUN, e) ||
        load_file(lex, dir, "synonyms.txt", synonym_line, LEX_SYNONYM, e) ||
        load_file(lex, dir, "gender.txt", gender_line, 0, e) ||
        load_file(lex, dir, "gazetteer.txt", gazetteer_line, 0, e))
        goto fail;
    return lex;
fail:
    lexicon_free(lex);
    return NULL;
}

void lexicon_free(lexicon_t *lex)
{
    if (!lex)
        return;
    free(lex->slots);
    sb_free(&lex->keys);
    for (size_t i = 0; i < lex->nplaces; i++) {
        free(lex->places[i].country);
        free(lex->places[i].capital);
        free(lex->places[i].demonym);
    }
    free(lex->places);
    free(lex);
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The places the word lists may be, in the order they are looked for:
** $CONTRA_DATADIR/lexicon alone when it is set, else the installed
** PKGDATADIR/lexicon, then share/lexicon beside the executable (an
** uninstalled build runs from the build or source tree, whose share/
** sits next to, or one or two above, the binary).  Returns how many;
** free each. */
static size_t lexicon_places(char *out[5])
{
    size_t n = 0;
    const char *env = getenv("CONTRA_DATADIR");
    if (env && *env) {
        out[n++] = xasprintf("%s/lexicon", env);
        return n;
    }
#ifdef PKGDATADIR
    out[n++] = xstrdup(PKGDATADIR "/lexicon");
#endif
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        /* The folder of the program, its parent and the one above,
        ** written out rather than with "..", for the message. */
        for (int up = 0; up < 3; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash)
                break;
            *slash = '\0';
            out[n++] = xasprintf("%s/share/lexicon", exe);
            if (exe[0] == '\0')
                break;
        }
    }
    if (n == 0)
        out[n++] = xstrdup("share/lexicon");
    return n;
}

char *lexicon_default_dir(void)
{
    char *place[5];
    size_t n = lexicon_places(place), found = n;
    for (size_t i = 0; i < n && found == n; i++)
        if (is_dir(place[i]))
            found = i;
    /* Nothing found: the first place, so that lexicon_load names every
    ** place it was looked for (see missing_dir). */
    char *dir = place[found < n ? found : 0];
    for (size_t i = 0; i < n; i++)
        if (place[i] != dir)
            free(place[i]);
    return dir;
}

/* dir is not a folder: say so, and when dir is where lexicon_default_dir
** looked, every place it looked and how to point contra at the lists. */
static void missing_dir(const char *dir, err_t *e)
{
    char *place[5];
    size_t n = lexicon_places(place);
    bool ours = false;
    for (size_t i = 0; i < n; i++)
        ours |= strcmp(place[i], dir) == 0;
    const char *env = getenv("CONTRA_DATADIR");
    if (!ours) {
        err_set(e, "no folder %s", dir);
    } else if (env && *env) {
        err_set(e, "no folder %s (CONTRA_DATADIR is set, so no other place was looked at: "
                "it must name the folder that holds lexicon/)", dir);
    } else {
        strbuf_t b = {0};
        for (size_t i = 0; i < n; i++)
            sb_printf(&b, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " or ", place[i]);
        err_set(e, "not found in %s (set CONTRA_DATADIR to the folder that holds lexicon/)",
                b.s);
        sb_free(&b);
    }
    for (size_t i = 0; i < n; i++)
        free(place[i]);
}
