/*
** fuzz_plain.c: libFuzzer target for the input check and the plain-text
** importer (headers, the date prefix, the default title).  Whatever they
** accept must keep the invariants of fuzz_common.h; a title is one line
** with no control characters.
*/
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err_t e = {{0}};
    char *d = xstrndup((const char *)data, size);
    size_t len = size;
    bool repair = size && (data[0] & 1);
    article_list_t l = {0};
    if (text_check_input("fuzz.txt", &d, &len, repair, &e) == 0) {
        CHECK(utf8_invalid_at(d, len) < 0);
        if (plain_import("fuzz.txt", d, len, NULL, &l, &e) == 0) {
            CHECK(l.n == 1);
            check_article(l.v[0]);
            /* A title is one line of printable text. */
            for (const char *t = l.v[0]->title; t && *t; t++)
                CHECK((unsigned char)*t >= 0x20 && *t != 0x7f);
        } else {
            CHECK(err_is_set(&e) && l.n == 0);
        }
    } else {
        CHECK(err_is_set(&e));
    }
    article_list_free(&l);
    free(d);
    return 0;
}
