/*
** test_text.c: UTF-8 validation, repair and offset conversion, the
** boundary every importer and exporter crosses; and the other spellings
** a search looks for (text_other_spellings).
*/
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "text.h"

/* text_other_spellings of q, as "spelt|folded" ("-" for NULL). */
static const char *spellings(const char *q)
{
    static char out[256];
    char *sp, *fo;
    text_other_spellings(q, strlen(q), &sp, &fo);
    snprintf(out, sizeof out, "%s|%s", sp ? sp : "-", fo ? fo : "-");
    free(sp);
    free(fo);
    return out;
}

static void test_other_spellings(void)
{
    is_str(spellings("M\u00fcller"), "Mueller|-", "M\u00fcller is also Mueller");
    is_str(spellings("Mueller"), "-|Muller", "Mueller is also Muller (Müller's accent removed)");
    is_str(spellings("MUELLER"), "-|MULLER", "... in capitals too");
    is_str(spellings("S\u00f8ren \u00c5lborg \u00dcBER"), "Soeren Aalborg UeBER|-",
           "\u00f8 \u00e5 and capitals written out: Soeren Aalborg");
    is_str(spellings("Soeren Aarhus, 1990"), "-|Soren Arhus, 1990",
           "Soeren and Aarhus folded, what is between them kept");
    is_str(spellings("toe Joe does queue"), "-|-",
           "no word folded under four letters: toe is not to, nor queue quu");
    is_str(spellings("Koeln toe"), "-|Koln toe", "a short word kept beside a folded one");
    is_str(spellings("Michael Rafael Israel"), "-|-",
           "ae is no \u00e4 folded: Michael does not find Michal, nor Rafael Rafal");
    is_str(spellings("u\u0308ber"), "ueber|-", "a combining diaeresis is \u00fc");
    is_str(spellings("J\u00e4ger Koeln"), "Jaeger Koeln|J\u00e4ger Koln", "both ways in one search");
    is_str(spellings(""), "-|-", "nothing: no other spelling");
    is_str(spellings("Warsaw"), "-|-", "a word with no pair: none");
}

int main(void)
{
    /* a (1 byte) é (2) € (3) 😀 (4) b (1): code points 0..4, bytes 0,1,3,6,10 */
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80" "b";
    size_t len = strlen(s);
    is_int(utf8_invalid_at(s, len), -1, "valid text has no invalid byte");
    is_int(utf8_count(s, len), 5, "five code points");

    cpmap_t m;
    cpmap_init(&m, s, len);
    static const int64_t bytes[] = {0, 1, 3, 6, 10, 11};
    for (int cp = 0; cp <= 5; cp++) {
        is_int(cpmap_to_byte(&m, cp), bytes[cp], "code point %d is byte %lld", cp, (long long)bytes[cp]);
        is_int(cpmap_to_cp(&m, bytes[cp]), cp, "byte %lld is code point %d", (long long)bytes[cp], cp);
    }
    is_int(cpmap_to_byte(&m, 6), -1, "past the end is out of range");
    is_int(cpmap_to_byte(&m, -1), -1, "negative is out of range");
    is_int(cpmap_to_cp(&m, 7), -1, "byte inside the 4-byte character is not a boundary");
    is_int(cpmap_to_cp(&m, 2), -1, "byte inside é is not a boundary");
    cpmap_free(&m);

    /* Long text: the map's checkpoints must agree with a plain walk. */
    char *big = malloc(4 * 1000 + 1);
    size_t n = 0;
    for (int i = 0; i < 1000; i++) {
        if (i % 3 == 0) { memcpy(big + n, "\xf0\x9f\x98\x80", 4); n += 4; }
        else if (i % 3 == 1) { memcpy(big + n, "\xc3\xa9", 2); n += 2; }
        else big[n++] = 'x';
    }
    big[n] = 0;
    cpmap_init(&m, big, n);
    int good = 1;
    size_t b = 0;
    for (int cp = 0; cp < 1000; cp++) {
        if (cpmap_to_byte(&m, cp) != (int64_t)b || cpmap_to_cp(&m, b) != cp)
            good = 0;
        b += cp % 3 == 0 ? 4 : cp % 3 == 1 ? 2 : 1;
    }
    ok(good, "1000 mixed-width code points map both ways");
    is_int(cpmap_to_byte(&m, 1000), n, "end maps to length");
    cpmap_free(&m);
    free(big);

    const char *bad = "ok\xff\xfe then \xe2\x82";
    is_int(utf8_invalid_at(bad, strlen(bad)), 2, "first invalid byte found at 2");
    size_t rl;
    char *fixed = utf8_repair(bad, strlen(bad), &rl);
    is_int(utf8_invalid_at(fixed, rl), -1, "repaired text is valid");
    is_str(fixed, "ok\xef\xbf\xbd\xef\xbf\xbd then \xef\xbf\xbd\xef\xbf\xbd", "each bad byte became U+FFFD");
    free(fixed);
    is_int(utf8_invalid_at("\xed\xa0\x80", 3), 0, "an encoded surrogate is invalid");
    is_int(utf8_invalid_at("\xc0\xaf", 2), 0, "an overlong encoding is invalid");
    test_other_spellings();
    return done_testing();
}
