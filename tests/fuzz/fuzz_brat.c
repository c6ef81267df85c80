/*
** fuzz_brat.c: libFuzzer target for the brat standoff importer and
** exporter.  The input is the .txt, a NUL byte, then the .ann (no NUL:
** the .ann is empty).  Whatever brat_import accepts must keep the
** invariants of fuzz_common.h, and its export must import again.  brat
** cannot carry everything the model holds (a discontinuous entity comes
** back named by its first fragment, names that are no mention's text are
** lost: see fmt_brat.c), so the first round trip may lose such things;
** from then on the file must be a fixed point: import and export give
** the very same .ann again.
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
        article_list_t again = {0};
        if (brat_import("fuzz.txt", t, tlen, "again2.ann", x2, n2, &again, &e) != 0) {
            fprintf(stderr, "second re-import failed: %s\n", e.msg);
            abort();
        }
        size_t n3;
        char *x3 = exported(brat_export_ann, again.v[0], &n3);
        CHECK(n2 == n3 && memcmp(x2, x3, n2) == 0);
        free(x1);
        free(x2);
        free(x3);
        article_list_free(&back);
        article_list_free(&again);
    }
    article_list_free(&l);
    free(t);
    return 0;
}
