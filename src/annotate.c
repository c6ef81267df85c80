/*
** annotate.c: the annotator's driver and its first passes: the date
** prefix, tokens, paragraphs (through layout.h, so captions are judged as
** the reader judges them), double quote marks paired into quotes, and
** sentences.  The later passes live in annot_entities.c, annot_speech.c
** and annot_relations.c; annot_internal.h describes the shared state.
**
** Tokens are words (letters and digits with inner apostrophes, hyphens,
** and the dots of abbreviations such as "U.S.") or single punctuation
** code points.  Whitespace is not a token, nor is an invisible character
** (text_invisible_in_word: a soft hyphen, a joiner, a direction mark) outside
** a word; inside one, between its letters, it is part of the word, so a
** mention covers it, and its folded form leaves it out, so the word is
** looked up as if it were not there.  Character classes come from
** libunistring and case folding from lexicon_fold(), so nothing depends
** on the process locale.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "annot_internal.h"
#include "annotate.h"

/* ---- characters ---------------------------------------------------------- */

static inline ucs4_t decode(const char *s, size_t len, size_t i, int *n)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    ucs4_t uc;
    int k = u8_mbtouc(&uc, (const uint8_t *)s + i, len - i);
    *n = k > 0 ? k : 1;
    return uc;
}

static inline bool is_letter(ucs4_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    return uc_is_alpha(c);
}
/* A combining mark (an accent, in text that is decomposed, as some
** systems write it): part of the word it follows, so that "Mra\u0301zek"
** is one word, as "Mrázek" is. */
static inline bool is_mark(ucs4_t c)
{
    return c >= 0x300 && uc_is_general_category(c, UC_CATEGORY_M);
}
static inline bool is_digit(ucs4_t c)
{
    return c < 0x80 ? c >= '0' && c <= '9' : uc_is_digit(c);
}
static inline bool is_upper(ucs4_t c)
{
    return c < 0x80 ? c >= 'A' && c <= 'Z' : uc_is_upper(c);
}
static inline bool is_space(ucs4_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    return c == 0xA0 || uc_is_space(c) || c == 0x200B || c == 0xFEFF;
}
static inline bool is_apos(ucs4_t c) { return c == '\'' || c == 0x2019; }
static inline bool is_dquote(ucs4_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F ||
        c == 0xAB || c == 0xBB;
}

/* ---- tokens ---------------------------------------------------------------- */

static tok_t *push_tok(doc_t *d)
{
    if (d->ntoks == d->captoks)
        grow_array((void **)&d->toks, &d->captoks, d->ntoks + 1, sizeof *d->toks);
    tok_t *t = &d->toks[d->ntoks++];
    memset(t, 0, sizeof *t);
    t->q = t->ent = t->ment = -1;
    return t;
}

/* The folded form goes straight to the end of d->fold (reserved ahead:
** folding at most triples a word, and words over 255 bytes fold to ""). */
static void set_fold(doc_t *d, tok_t *t)
{
    if (d->fold.len + 260 > d->fold.cap)
        grow_array((void **)&d->fold.s, &d->fold.cap, d->fold.len + 260, 1);
    char *out = d->fold.s + d->fold.len;
    size_t n = lexicon_fold(d->text + t->start, t->end - t->start, out, 256);
    t->fold = (uint32_t)d->fold.len;
    out[n] = '\0';
    d->fold.len += n + 1;
    t->lex = n ? lexicon_lookup(d->lex, out, n) : NULL;
}

void annot_refold(doc_t *d, uint32_t t)
{
    set_fold(d, &d->toks[t]);
}

/* Is the word s[b..e) followed by '.' an abbreviation whose dot belongs to it? */
static bool takes_dot(doc_t *d, size_t b, size_t e, bool inner_dots)
{
    if (inner_dots)
        return true;
    int n;
    ucs4_t c = decode(d->text, d->len, b, &n);
    if ((size_t)n == e - b && is_upper(c))
        return true;                     /* an initial: "J. Smith" */
    char buf[64];
    if (e - b + 2 > sizeof buf)
        return false;
    size_t fn = lexicon_fold(d->text + b, e - b + 1, buf, sizeof buf);
    const lex_info_t *li = fn ? lexicon_lookup(d->lex, buf, fn) : NULL;
    if (!li || !(li->cls & LEX_ABBREV))
        return false;
    /* "No. 5" abbreviates; '“No. It is the beginning.”' is the word no */
    if (strcmp(buf, "no.") == 0 || strcmp(buf, "nos.") == 0) {
        size_t k = e + 1;
        while (k < d->len && d->text[k] == ' ')
            k++;
        return k < d->len && d->text[k] >= '0' && d->text[k] <= '9';
    }
    return true;
}

static void tokenize(doc_t *d, size_t from)
{
    const char *s = d->text;
    size_t len = d->len, i = from;
    while (i < len) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        int n;
        ucs4_t c = decode(s, len, i, &n);
        if (is_space(c) || (c >= 0xAD && text_invisible_in_word(c))) {
            i += (size_t)n;
            continue;
        }
        if (!is_letter(c) && !is_digit(c)) {
            tok_t *t = push_tok(d);
            t->start = (uint32_t)i;
            t->end = (uint32_t)(i + (size_t)n);
            t->cp = c;
            /* punctuation keeps its bytes as its folded form, so that names
            ** joined across an apostrophe ("Nurses’ Federation") fold whole */
            if (c < 0x80) {
                if (d->fold.len + 4 > d->fold.cap)
                    grow_array((void **)&d->fold.s, &d->fold.cap, d->fold.len + 4, 1);
                t->fold = (uint32_t)d->fold.len;
                d->fold.s[d->fold.len++] = (char)c;
                d->fold.s[d->fold.len++] = '\0';
            } else {
                set_fold(d, t);
                t->lex = NULL;
            }
            if (is_dquote(c))
                t->flags |= TF_QMARK;
            i += (size_t)n;
            continue;
        }
        size_t b = i, seg = i;
        bool upper = is_upper(c), allcap = upper, inner_dots = false;
        int letters = 0;
        uint32_t flags = TF_WORD | (upper ? TF_CAP : 0) | (is_digit(c) ? TF_DIGIT : 0);
        for (;;) {
            if (is_letter(c)) {
                letters++;
                if (!is_upper(c))
                    allcap = false;
            }
            i += (size_t)n;
            /* the common case, plain ASCII letters and digits, in a tight loop */
            while (i < len) {
                unsigned x = (unsigned char)s[i];
                if (x - 'a' < 26u)
                    letters++, allcap = false;
                else if (x - 'A' < 26u)
                    letters++;
                else if (x - '0' >= 10u)
                    break;
                i++;
            }
            if (i >= len)
                break;
            c = decode(s, len, i, &n);
            if (is_letter(c) || is_digit(c) || is_mark(c))
                continue;
            if (c >= 0xAD && text_invisible_in_word(c)) {
                /* "Wa\u00adle\u200dsa": a run of them with the word going on
                ** after it is inside the word; else the word ends before it */
                size_t j = i + (size_t)n;
                int nj = 1;
                ucs4_t cj = 0;
                while (j < len && text_invisible_in_word(cj = decode(s, len, j, &nj)))
                    j += (size_t)nj;
                if (j < len && (is_letter(cj) || is_digit(cj) || is_mark(cj))) {
                    flags |= TF_INVIS;
                    i = j;
                    c = cj;
                    n = nj;
                    continue;
                }
                break;
            }
            int n2 = 1;
            ucs4_t c2 = i + (size_t)n < len ? decode(s, len, i + (size_t)n, &n2) : 0;
            if ((is_apos(c) && is_letter(c2)) ||
                ((c == '-' || c == 0x2010 || c == 0x2011) && (is_letter(c2) || is_digit(c2))) ||
                ((c == '.' || c == ',') && is_digit(c2) && is_digit(decode(s, len, i - 1, &n2)))) {
                continue;
            }
            /* "U.S.": single letters joined by dots */
            if (c == '.' && is_letter(c2) && i - seg <= 4) {
                int n3;
                size_t after = i + 1 + (size_t)n2;
                ucs4_t c3 = after < len ? decode(s, len, after, &n3) : 0;
                int nl;
                decode(s, len, seg, &nl);
                if (c3 == '.' && (size_t)nl == i - seg) {
                    inner_dots = true;
                    seg = i + 1;
                    continue;
                }
            }
            break;
        }
        tok_t *t = push_tok(d);
        t->start = (uint32_t)b;
        t->end = (uint32_t)i;
        if (i < len && s[i] == '.' && takes_dot(d, b, i, inner_dots)) {
            t->end = (uint32_t)++i;
            flags |= TF_DOT;
        }
        if (allcap && letters >= 2)
            flags |= TF_ALLCAP;
        /* Possessive: "Putin's", "Kyiv’s" -> the name without 's. */
        size_t e = t->end;
        if (!(flags & TF_DOT) && e - b > 2 && (s[e - 1] == 's' || s[e - 1] == 'S')) {
            if (s[e - 2] == '\'')
                t->end = (uint32_t)(e - 2), flags |= TF_POSS;
            else if (e - b > 4 && (unsigned char)s[e - 4] == 0xE2 &&
                     (unsigned char)s[e - 3] == 0x80 && (unsigned char)s[e - 2] == 0x99)
                t->end = (uint32_t)(e - 4), flags |= TF_POSS;
        }
        t->flags = flags;
        set_fold(d, t);
    }
}

/* ---- phrases ----------------------------------------------------------------- */

bool annot_refusal(const doc_t *d, uint32_t t)
{
    static const char *const granted[] = {"bail", "entry", "access", "permission", "visa",
                                          "visas", "asylum", "admission", "permits",
                                          "permit", "licence", "license", "parole",
                                          "funding", "treatment", "care", "food",
                                          "water", "passage", NULL};
    if (strncmp(tok_fold(d, t), "den", 3) != 0)
        return false;
    uint32_t o = t + 1;
    if (tok_is(d, o, "him") || tok_is(d, o, "her") || tok_is(d, o, "them") ||
        tok_is(d, o, "us") || tok_is(d, o, "the"))
        o++;
    for (int i = 0; granted[i]; i++)
        if (tok_is(d, o, granted[i]))
            return true;
    return false;
}

int annot_phrase(const doc_t *d, uint32_t t, unsigned cls, const lex_info_t **info)
{
    /* most words are in no list and start no phrase: answer at once */
    if (t >= d->ntoks || !d->toks[t].lex || !(d->toks[t].lex->cls & (cls | LEX_PREFIX)))
        return 0;
    char buf[256];
    size_t n = 0;
    int best = 0, maxw = lexicon_max_words(d->lex);
    for (int w = 0; w < maxw && t + (uint32_t)w < d->ntoks; w++) {
        const tok_t *k = &d->toks[t + w];
        if (!(k->flags & TF_WORD) || (w && k->sent != d->toks[t].sent))
            break;
        if (w && d->toks[t + w - 1].flags & TF_POSS)
            break;
        const char *f = tok_fold(d, t + (uint32_t)w);
        size_t fl = strlen(f);
        if (n + fl + 2 > sizeof buf)
            break;
        if (w)
            buf[n++] = ' ';
        memcpy(buf + n, f, fl);
        n += fl;
        const lex_info_t *li = w ? lexicon_lookup(d->lex, buf, n) : k->lex;
        if (!li)
            break;
        if (li->cls & cls) {
            best = w + 1;
            if (info)
                *info = li;
        }
        if (!(li->cls & LEX_PREFIX))
            break;
    }
    return best;
}

/* ---- paragraphs, quotes, sentences --------------------------------------------- */

static void assign_paragraphs(doc_t *d)
{
    d->nparas = split_paragraphs(d->text, d->len, &d->paras);
    size_t p = 0;
    for (size_t t = 0; t < d->ntoks; t++) {
        while (p + 1 < d->nparas && d->toks[t].start >= d->paras[p].end)
            p++;
        d->toks[t].para = (int32_t)p;
        if (d->nparas && d->paras[p].caption)
            d->toks[t].flags |= TF_CAPTION;
    }
}

/* Opening or closing, for a straight quote: by its neighbours. */
static int straight_role(const doc_t *d, uint32_t t, bool open_now)
{
    const tok_t *k = &d->toks[t];
    bool space_before = k->start == 0 || is_space((unsigned char)d->text[k->start - 1]) ||
        (t > 0 && d->toks[t - 1].end < k->start);
    bool space_after = k->end >= d->len || is_space((unsigned char)d->text[k->end]);
    if (space_before && !space_after)
        return 1;
    if (!space_before && space_after)
        return -1;
    return open_now ? -1 : 1;
}

static bool is_opening_mark(const doc_t *d, uint32_t t)
{
    const tok_t *k = &d->toks[t];
    if (!(k->flags & TF_QMARK))
        return false;
    if (k->cp == 0x201C || k->cp == 0x201E || k->cp == 0x201F || k->cp == 0xAB)
        return true;
    return k->cp == '"' && straight_role(d, t, false) > 0;
}

static void end_quote(doc_t *d, quote_t *q, uint32_t close, uint32_t last)
{
    q->close = close;
    q->last = last;
    uint32_t first = q->open + 1;
    if (first < last) {
        q->start = d->toks[first].start;
        q->end = d->toks[last - 1].end;
        /* The content token range may end with a possessive-trimmed word;
        ** the quote keeps the whole word. */
        while (q->end < d->len && close != UINT32_MAX && q->end < d->toks[close].start &&
               !is_space((unsigned char)d->text[q->end]))
            q->end++;
    } else {
        q->start = q->end = d->toks[q->open].end;
    }
    int words = 0;
    for (uint32_t t = first; t < last; t++) {
        if (d->toks[t].flags & TF_WORD)
            words++;
        d->toks[t].q = (int32_t)(q - d->quotes);
    }
    q->nwords = words;
}

/* A top-level ‘single-quoted’ passage (British style): the closing ’ is
** the first one in the paragraph that ends a word and is followed by a
** space or punctuation (an apostrophe inside a word is part of the word
** token).  Returns its token, or UINT32_MAX.  Bounded, so linear. */
static uint32_t single_close(const doc_t *d, uint32_t open)
{
    int32_t para = d->toks[open].para;
    uint32_t closing = d->toks[open].cp == '\'' ? '\'' : 0x2019;
    for (uint32_t t = open + 1; t < d->ntoks && t < open + 400; t++) {
        const tok_t *k = &d->toks[t];
        if (k->para != para || (k->flags & TF_QMARK) || k->cp == 0x2018)
            return UINT32_MAX;
        if (k->cp == closing && !(k->flags & TF_WORD) && t > open + 1 &&
            d->toks[t - 1].end == k->start &&
            (k->end >= d->len || t + 1 >= d->ntoks || d->toks[t + 1].start > k->end ||
             !(d->toks[t + 1].flags & TF_WORD)))
            return t;
    }
    return UINT32_MAX;
}

/* A straight ' that opens a passage: after a space (or the start, or an
** opening bracket) and right before a word ("said 'we will'"), unlike
** the apostrophes of "the '90s" (a digit follows) or "workers' pay". */
static bool ascii_single_open(const doc_t *d, uint32_t t)
{
    const tok_t *k = &d->toks[t];
    if (k->cp != '\'' || (k->flags & (TF_WORD | TF_CAPTION)) || t + 1 >= d->ntoks)
        return false;
    const tok_t *n = &d->toks[t + 1];
    if (!(n->flags & TF_WORD) || (n->flags & TF_DIGIT) || n->start != k->end)
        return false;
    if (k->start == 0)
        return true;
    unsigned char b = (unsigned char)d->text[k->start - 1];
    return is_space(b) || b == '(' || b == '[' || b == '"';
}

static void pair_quotes(doc_t *d)
{
    quote_t *cur = NULL;
    for (uint32_t t = 0; t < d->ntoks; t++) {
        tok_t *k = &d->toks[t];
        bool para_last = t + 1 == d->ntoks || d->toks[t + 1].para != k->para;
        if (!cur && ((k->cp == 0x2018 && !(k->flags & (TF_WORD | TF_CAPTION))) ||
                     ascii_single_open(d, t))) {
            uint32_t c = single_close(d, t);
            if (c != UINT32_MAX) {
                grow_array((void **)&d->quotes, &d->capquotes, d->nquotes + 1, sizeof *d->quotes);
                quote_t *q = &d->quotes[d->nquotes++];
                memset(q, 0, sizeof *q);
                q->open = t;
                k->flags |= TF_QOPEN | TF_QMARK;
                d->toks[c].flags |= TF_QCLOSE | TF_QMARK;
                end_quote(d, q, c, c);
                t = c;
                continue;
            }
        }
        if ((k->flags & TF_QMARK) && !(k->flags & TF_CAPTION)) {
            bool opening = k->cp == 0x201C || k->cp == 0x201E || k->cp == 0x201F || k->cp == 0xAB;
            bool closing = k->cp == 0x201D || k->cp == 0xBB;
            if (k->cp == '"') {
                int r = straight_role(d, t, cur != NULL);
                opening = r > 0 && !cur;
                closing = cur && (r < 0 || !opening);
            }
            if (cur && closing) {
                k->flags |= TF_QCLOSE;
                end_quote(d, cur, t, t);
                cur = NULL;
            } else if (!cur && opening) {
                grow_array((void **)&d->quotes, &d->capquotes, d->nquotes + 1, sizeof *d->quotes);
                cur = &d->quotes[d->nquotes++];
                memset(cur, 0, sizeof *cur);
                cur->open = t;
                cur->close = UINT32_MAX;
                k->flags |= TF_QOPEN;
            }
        }
        if (cur && para_last) {
            /* A quote still open at the end of a paragraph goes on when the
            ** next story paragraph opens with a quote mark (news style);
            ** otherwise the closing mark was lost and it ends here. */
            uint32_t n = t + 1;
            while (n < d->ntoks && (d->toks[n].flags & TF_CAPTION))
                n++;
            if (n < d->ntoks && is_opening_mark(d, n)) {
                d->toks[n].flags |= TF_QOPEN;
                for (uint32_t c = t + 1; c <= n; c++)
                    d->toks[c].q = (int32_t)(cur - d->quotes);
                t = n;
                continue;
            }
            end_quote(d, cur, UINT32_MAX, t + 1);
            cur = NULL;
        }
    }
}

static bool sentence_end_punct(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static void push_sent(doc_t *d, uint32_t t0, uint32_t t1)
{
    if (t0 >= t1)
        return;
    grow_array((void **)&d->sents, &d->capsents, d->nsents + 1, sizeof *d->sents);
    d->sents[d->nsents].t0 = t0;
    d->sents[d->nsents].t1 = t1;
    for (uint32_t t = t0; t < t1; t++)
        d->toks[t].sent = (int32_t)d->nsents;
    d->toks[t0].flags |= TF_SSTART;
    d->nsents++;
}

static bool newline_between(const doc_t *d, uint32_t a, uint32_t b)
{
    return memchr(d->text + d->toks[a].end, '\n', d->toks[b].start - d->toks[a].end) != NULL;
}

/* No sentence of news runs to this many tokens; text without sentence
** ends (a 10 MB line of scraped junk) is cut into pieces of this size,
** because the claim and speaker rules scan a sentence from each reporting
** word, which would make such a "sentence" cost its length squared. */
#define MAX_SENT_TOKENS 400

static void split_sentences(doc_t *d)
{
    uint32_t s0 = 0;
    for (uint32_t t = 0; t < d->ntoks; t++) {
        uint32_t n = t + 1;
        if (n >= d->ntoks) {
            push_sent(d, s0, n);
            break;
        }
        if (n - s0 >= MAX_SENT_TOKENS) {
            push_sent(d, s0, n);
            s0 = n;
            continue;
        }
        if (d->toks[n].para != d->toks[t].para || newline_between(d, t, n)) {
            push_sent(d, s0, n);
            s0 = n;
            continue;
        }
        const tok_t *k = &d->toks[t];
        bool end = false;
        if (!(k->flags & TF_WORD) && sentence_end_punct(k->cp)) {
            end = true;
        } else if ((k->flags & TF_DOT) && k->lex && (k->lex->cls & LEX_COUNTRY) &&
                   (d->toks[n].flags & TF_CAP) && d->toks[n].lex &&
                   (d->toks[n].lex->cls & LEX_STOP)) {
            end = true;      /* "... backed by the U.S. The ministry said" */
        }
        if (!end)
            continue;
        /* closing marks and brackets stay with the sentence they close */
        while (n < d->ntoks && d->toks[n].para == k->para && !(d->toks[n].flags & TF_WORD) &&
               ((d->toks[n].flags & TF_QCLOSE) || d->toks[n].cp == ')' ||
                d->toks[n].cp == 0x2019 || sentence_end_punct(d->toks[n].cp)))
            n++;
        if (n >= d->ntoks || d->toks[n].para != k->para) {
            push_sent(d, s0, n);   /* the paragraph end closes it */
            s0 = n;
            t = n - 1;
            continue;
        }
        const tok_t *x = &d->toks[n];
        /* '“Every vote?” Lint asked.': a question or exclamation closing a
        ** quote goes on with its attribution */
        if ((k->cp == '?' || k->cp == '!') && (d->toks[n - 1].flags & TF_QCLOSE) &&
            (x->flags & TF_CAP)) {
            bool attr = false;
            for (uint32_t u = n; u < d->ntoks && u < n + 5 && (d->toks[u].flags & TF_WORD); u++)
                if (!(d->toks[u].flags & TF_CAP) && d->toks[u].lex &&
                    (d->toks[u].lex->cls & LEX_REPORT)) {
                    attr = true;
                    break;
                }
            if (attr)
                continue;
        }
        if ((x->flags & (TF_CAP | TF_DIGIT)) || (x->flags & TF_QOPEN) || x->cp == '(' ||
            x->cp == 0x2014 || x->cp == 0x2013) {
            push_sent(d, s0, n);
            s0 = n;
            t = n - 1;
        }
    }
}

/* The token after the headline, or 0 when the text opens with none: a
** first paragraph of one short line, not ended as a sentence is
** ('Minister calls the plan “new” but it was “never” tested'), with
** the story after it. */
static uint32_t headline_end(const doc_t *d)
{
    uint32_t t = 0;
    int words = 0;
    while (t < d->ntoks && d->toks[t].para == d->toks[0].para) {
        words += (d->toks[t].flags & TF_WORD) != 0;
        t++;
    }
    if (t == 0 || t >= d->ntoks || words > 20 ||
        memchr(d->text + d->toks[0].start, '\n', d->toks[t - 1].end - d->toks[0].start))
        return 0;
    uint32_t last = t - 1;
    while (last > 0 && !(d->toks[last].flags & TF_WORD) &&
           ((d->toks[last].flags & TF_QCLOSE) || d->toks[last].cp == ')'))
        last--;
    const tok_t *k = &d->toks[last];
    if (!(k->flags & TF_WORD) && (k->cp == '.' || k->cp == '!' || k->cp == '?' || k->cp == ':'))
        return 0;
    return t;
}

/* ---- the date prefix ------------------------------------------------------------ */

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* "date 2024-03-27" at the very start (after blanks): set published and
** return where the story begins. */
static size_t date_prefix(article_t *a)
{
    const char *s = a->text;
    size_t i = 0;
    while (i < a->len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    if (a->len - i < 15 || strncmp(s + i, "date", 4) != 0)
        return 0;
    size_t j = i + 4;
    if (s[j] != ' ' && s[j] != ':' && s[j] != '\t')
        return 0;
    while (j < a->len && (s[j] == ' ' || s[j] == ':' || s[j] == '\t'))
        j++;
    if (a->len - j < 10 || !digits(s + j, 4) || s[j + 4] != '-' || !digits(s + j + 5, 2) ||
        s[j + 7] != '-' || !digits(s + j + 8, 2))
        return 0;
    if (!a->published)
        a->published = xstrndup(s + j, 10);
    return j + 10;
}

/* ---- driver ----------------------------------------------------------------------- */

static void doc_free(doc_t *d)
{
    free(d->toks);
    sb_free(&d->fold);
    free(d->paras);
    free(d->sents);
    free(d->quotes);
    free(d->ments);
    for (size_t i = 0; i < d->capentx; i++) {
        free(d->entx[i].title);
        free(d->entx[i].fname);
    }
    free(d->entx);
    free(d->nmap);
    sb_free(&d->nkeys);
}

void annotate_article(article_t *a, const lexicon_t *lex)
{
    if (!a || !a->text || !lex)
        return;
    doc_t d;
    memset(&d, 0, sizeof d);
    d.a = a;
    d.lex = lex;
    d.text = a->text;
    d.len = a->len;
    d.first_new_assertion = a->nassertions;
    d.first_new_entity = a->nentities;
    d.first_new_relation = a->nrelations;
    size_t from = date_prefix(a);
    if (a->len > UINT32_MAX - 16)
        return;      /* offsets are 32-bit inside the annotator */
    /* about one token per five bytes; folded text no longer than the text */
    grow_array((void **)&d.toks, &d.captoks, a->len / 5 + 16, sizeof *d.toks);
    grow_array((void **)&d.fold.s, &d.fold.cap, a->len + a->len / 2 + 300, 1);
    tokenize(&d, from);
    assign_paragraphs(&d);
    pair_quotes(&d);
    split_sentences(&d);
    d.headline_end = headline_end(&d);
    annot_entities(&d);
    annot_quotes(&d);
    annot_claims(&d);
    annot_relations(&d);
    article_sort(a);
    doc_free(&d);
}
