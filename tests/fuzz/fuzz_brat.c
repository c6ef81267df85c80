/*
** fuzz_brat.c: libFuzzer target for the brat standoff importer and
** exporter.  The input is the .txt, a NUL byte, then the .ann (no NUL:
** the .ann is empty).  Whatever brat_import accepts must keep the
** invariants of fuzz_common.h, and its export must import again and
** export to the very same .ann.
*/
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err_t e = {{0}};
    const uint8_t *nul = memchr(data, 0, size);
    size_t tlen = nul ? (size_t)(nul - data) : size;
    const char *ann = nul ? (const char *)nul + 1 : "";
    size_t alen = nul ? size - tlen - 1 : 0;
    char *t = xstrndup((const char *)data, tlen);
    article_list_t l = {0};
    if (text_check_input("fuzz.txt", &t, &tlen, false, &e) == 0
        && !memchr(ann, 0, alen)
        && brat_import("fuzz.txt", t, tlen, "fuzz.ann", ann, alen, &l, &e) == 0) {
        CHECK(l.n == 1);
        check_article(l.v[0]);
        size_t n1, n2;
        char *x1 = exported(brat_export_ann, l.v[0], &n1);
        article_list_t back = {0};
        if (brat_import("fuzz.txt", t, tlen, "again.ann", x1, n1, &back, &e) != 0) {
            fprintf(stderr, "re-import failed: %s\n", e.msg);
            abort();
        }
        check_article(back.v[0]);
        char *x2 = exported(brat_export_ann, back.v[0], &n2);
        CHECK(n1 == n2 && memcmp(x1, x2, n1) == 0);
        free(x1);
        free(x2);
        article_list_free(&back);
    }
    article_list_free(&l);
    free(t);
    return 0;
}
