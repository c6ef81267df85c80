/*
** text.c: UTF-8 validation, repair, and code point <-> byte offsets.
**
** libunistring does the decoding; what it does not have is an offset map
** for one text queried many times, which every importer needs (a brat file
** may hold millions of offsets into one 10 MB text).
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "text.h"
#include "util.h"

#define CP_STRIDE 64

int64_t utf8_invalid_at(const char *s, size_t len)
{
    const uint8_t *bad = u8_check((const uint8_t *)s, len);
    return bad ? (int64_t)(bad - (const uint8_t *)s) : -1;
}

char *utf8_repair(const char *s, size_t len, size_t *out_len)
{
    static const char fffd[] = "\xef\xbf\xbd";
    strbuf_t b = {0};
    const uint8_t *p = (const uint8_t *)s, *end = p + len;
    sb_add(&b, "", 0);
    while (p < end) {
        ucs4_t uc;
        int n = u8_mbtoucr(&uc, p, (size_t)(end - p));
        if (n > 0) {
            sb_add(&b, (const char *)p, (size_t)n);
            p += n;
        } else {
            /* u8_mbtoucr reports -1 for an invalid sequence, -2 for a
            ** truncated one; either way replace one byte and go on, so a
            ** single stray byte costs one U+FFFD, as most decoders do. */
            sb_add(&b, fffd, 3);
            p++;
        }
    }
    if (out_len)
        *out_len = b.len;
    return sb_steal(&b);
}

size_t utf8_count(const char *s, size_t len)
{
    return u8_mbsnlen((const uint8_t *)s, len);
}

char *text_clip(const char *s, size_t len, size_t max)
{
    strbuf_t b = {0};
    size_t cps = 0;
    sb_add(&b, "", 0);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) != 0x80 && ++cps > max) {
            sb_adds(&b, "\xE2\x80\xA6");
            break;
        }
        sb_addc(&b, c < 0x20 || c == 0x7f ? '?' : (char)c);
    }
    return sb_steal(&b);
}

void cpmap_init(cpmap_t *m, const char *s, size_t len)
{
    memset(m, 0, sizeof *m);
    m->s = s;
    m->len = len;
    size_t cap = 0, cp = 0, b = 0;
    while (b < len) {
        if (cp % CP_STRIDE == 0) {
            grow_array((void **)&m->marks, &cap, m->nmarks + 1, sizeof *m->marks);
            m->marks[m->nmarks++] = b;
        }
        int n = u8_mblen((const uint8_t *)s + b, len - b);
        b += n > 0 ? (size_t)n : 1;
        cp++;
    }
    m->ncp = cp;
}

void cpmap_free(cpmap_t *m)
{
    free(m->marks);
    memset(m, 0, sizeof *m);
}

int64_t cpmap_to_byte(const cpmap_t *m, int64_t cp)
{
    if (cp < 0 || (size_t)cp > m->ncp)
        return -1;
    if ((size_t)cp == m->ncp)
        return (int64_t)m->len;
    size_t b = m->marks[(size_t)cp / CP_STRIDE];
    for (size_t k = (size_t)cp % CP_STRIDE; k > 0; k--) {
        int n = u8_mblen((const uint8_t *)m->s + b, m->len - b);
        b += n > 0 ? (size_t)n : 1;
    }
    return (int64_t)b;
}

int64_t cpmap_to_cp(const cpmap_t *m, int64_t b)
{
    if (b < 0 || (size_t)b > m->len)
        return -1;
    if ((size_t)b == m->len)
        return (int64_t)m->ncp;
    /* Binary search the last mark at or before b, then walk. */
    size_t lo = 0, hi = m->nmarks;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (m->marks[mid] <= (size_t)b)
            lo = mid;
        else
            hi = mid;
    }
    size_t at = m->marks[lo], cp = lo * CP_STRIDE;
    while (at < (size_t)b) {
        int n = u8_mblen((const uint8_t *)m->s + at, m->len - at);
        at += n > 0 ? (size_t)n : 1;
        cp++;
    }
    return at == (size_t)b ? (int64_t)cp : -1;
}

void text_line_col(const char *s, size_t n, size_t *line, size_t *col)
{
    size_t l = *line, c = *col;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* The letters text_other_spellings writes out, with what they become. */
static const char *spelt_out(ucs4_t c)
{
    switch (c) {
    case 0xE4: case 0xE6: return "ae";      /* ä (æ is "ae" already) */
    case 0xC4: case 0xC6: return "Ae";
    case 0xF6: case 0xF8: return "oe";      /* ö ø */
    case 0xD6: case 0xD8: return "Oe";
    case 0xFC: return "ue";                 /* ü */
    case 0xDC: return "Ue";
    case 0xE5: return "aa";                 /* å */
    case 0xC5: return "Aa";
    default: return NULL;
    }
}

/* Is s[0..2) one of the pairs that may stand for one letter?  Not ae:
** it is in too many names of its own (Michael, Rafael, Israel), and
** Michael found Michal, Rafael Rafal (R5); Jaeger no longer finds Jäger. */
static bool digraph(const char *s)
{
    char a = (char)(s[0] | 0x20), b = (char)(s[1] | 0x20);
    return (b == 'e' && (a == 'o' || a == 'u')) || (a == 'a' && b == 'a');
}

void text_other_spellings(const char *q, size_t n, char **spelt, char **folded)
{
    *spelt = *folded = NULL;
    /* Composed first, so that "u" and a combining diaeresis is "ü". */
    size_t len = 0;
    char *nfc = (char *)u8_normalize(UNINORM_NFC, (const uint8_t *)q, n, NULL, &len);
    if (!nfc)
        return;
    strbuf_t sp = {0}, fo = {0};
    bool spelt_any = false, folded_any = false;
    for (size_t i = 0; i < len;) {
        ucs4_t c;
        int k = u8_mbtouc(&c, (const uint8_t *)nfc + i, len - i);
        if (k <= 0)
            k = 1;
        if (!uc_is_alpha(c)) {
            sb_add(&sp, nfc + i, (size_t)k);
            sb_add(&fo, nfc + i, (size_t)k);
            i += (size_t)k;
            continue;
        }
        /* A word: the letters up to the next non-letter. */
        size_t w0 = i, w1 = i, letters = 0;
        while (w1 < len) {
            int m = u8_mbtouc(&c, (const uint8_t *)nfc + w1, len - w1);
            if (m <= 0 || !uc_is_alpha(c))
                break;
            w1 += (size_t)m;
            letters++;
        }
        size_t fold_at = fo.len, pairs = 0;
        for (size_t j = w0; j < w1;) {
            int m = u8_mbtouc(&c, (const uint8_t *)nfc + j, w1 - j);
            const char *out = spelt_out(c);
            if (out) {
                sb_adds(&sp, out);
                spelt_any = true;
            } else {
                sb_add(&sp, nfc + j, (size_t)m);
            }
            if (m == 1 && j + 1 < w1 && digraph(nfc + j)) {
                sb_addc(&sp, nfc[j + 1]);
                sb_addc(&fo, nfc[j]);
                pairs++;
                j += 2;
                continue;
            }
            sb_add(&fo, nfc + j, (size_t)m);
            j += (size_t)m;
        }
        if (pairs && letters - pairs >= 4) {
            folded_any = true;
        } else if (pairs) {
            fo.len = fold_at;           /* too short: the word as it was */
            sb_add(&fo, nfc + w0, w1 - w0);
        }
        i = w1;
    }
    free(nfc);
    if (spelt_any)
        *spelt = sb_steal(&sp);
    if (folded_any)
        *folded = sb_steal(&fo);
    sb_free(&sp);
    sb_free(&fo);
}
