/*
** fuzz_json.c: libFuzzer target for the contra JSON importer (and, on
** what it accepts, the exporter).  The input is a whole file.  Whatever
** json_import accepts must keep the invariants of fuzz_common.h; a file of
** one article (whose relations are then all inside it) must export to JSON
** that imports again and exports to the very same bytes.
*/
#include <stdint.h>

#include "fuzz_common.h"

static int export_one(FILE *f, const article_t *a, err_t *e)
{
    article_t *const arts[1] = { (article_t *)a };
    return json_export(f, arts, 1, false, NULL, e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err_t e = {{0}};
    char *d = xstrndup((const char *)data, size);
    size_t len = size;
    article_list_t l = {0};
    if (text_check_input("fuzz.json", &d, &len, false, &e) == 0
        && json_import("fuzz.json", d, len, &l, &e) == 0) {
        CHECK(l.n >= 1);
        for (size_t i = 0; i < l.n; i++)
            check_article(l.v[i]);
        if (l.n == 1) {
            size_t n1, n2;
            char *x1 = exported(export_one, l.v[0], &n1);
            article_list_t back = {0};
            CHECK(json_import("again.json", x1, n1, &back, &e) == 0);
            CHECK(back.n == 1);
            check_article(back.v[0]);
            char *x2 = exported(export_one, back.v[0], &n2);
            CHECK(n1 == n2 && memcmp(x1, x2, n1) == 0);
            free(x1);
            free(x2);
            article_list_free(&back);
        }
    } else {
        CHECK(err_is_set(&e));
        CHECK(l.n == 0);
    }
    article_list_free(&l);
    free(d);
    return 0;
}
