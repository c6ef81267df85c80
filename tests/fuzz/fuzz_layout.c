/*
** fuzz_layout.c: libFuzzer target for src/layout.c.  The first byte picks
** the locale (bit 7) and the wrap width (1..128); the rest is the article
** text, valid UTF-8 or not (glyph_next must not trust it either way).
** Checks, and aborts on, the invariants the reader relies on: glyphs are
** safe to print, lines tile their paragraph, fit their width and draw
** exactly their cols, and moving and byte/row mapping agree.
*/
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); abort(); } } while (0)

static void check_out(const glyph_t *g, bool utf8)
{
    for (const unsigned char *p = (const unsigned char *)g->out; *p; p++) {
        CHECK(*p >= 0x20 && *p != 0x7f);
        if (!utf8)
            CHECK(*p < 0x7f);
    }
    if (utf8) {
        /* no C1 (U+0080..U+009F is C2 80..C2 9F) and no bidi control */
        CHECK(!strstr(g->out, "\xE2\x80\xAE") && !strstr(g->out, "\xE2\x80\xAD")
              && !strstr(g->out, "\xE2\x81\xA6") && !strstr(g->out, "\xE2\x81\xA7"));
        for (const unsigned char *p = (const unsigned char *)g->out; *p; p++)
            if (*p == 0xC2 && p[1])
                CHECK(p[1] >= 0xA0 || p[1] < 0x80);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    bool utf8 = !(data[0] & 0x80);
    int width = (data[0] & 0x7f) + 1;
    size_t len = size - 1;
    char *text = malloc(len + 1);
    memcpy(text, data + 1, len);
    text[len] = 0;

    glyph_t g;
    size_t w = 0;
    for (size_t at = 0; at < len; at += g.len) {
        glyph_next(text, len, at, utf8, &g);
        CHECK(g.len > 0 && at + g.len <= len);
        CHECK(g.width >= 0 && strlen(g.out) < sizeof g.out);
        check_out(&g, utf8);
        w += (size_t)g.width;
    }
    CHECK(w == glyph_width(text, len, utf8));
    free(glyph_sanitize(text, len, utf8));

    layout_t *L = layout_new(text, len, utf8);
    layout_set_width(L, width);
    size_t rows = 0;
    for (size_t p = 0; p < layout_npara(L); p++) {
        const para_t *pa = layout_para(L, p);
        size_t n;
        const dline_t *v = layout_para_lines(L, p, &n);
        CHECK(n > 0 && v[0].start == pa->start && v[n - 1].end == pa->end);
        for (size_t i = 0; i < n; i++) {
            CHECK(v[i].start < v[i].end);
            CHECK(i + 1 == n || v[i].end == v[i + 1].start);
            CHECK(v[i].cols >= 0 && v[i].cols <= width);
            int col = 0;
            size_t at;
            for (at = v[i].start; at < v[i].end; at += g.len, col += g.width) {
                layout_glyph(L, &v[i], at, col, &g);
                CHECK(g.len > 0 && col + g.width <= width);
                check_out(&g, utf8);
            }
            CHECK(at == v[i].end && col == v[i].cols);
            lpos_t q = layout_pos_of_byte(L, v[i].start);
            CHECK(q.para == p && q.line == i);
            CHECK(layout_byte_of_pos(L, q) == v[i].start);
        }
        rows += layout_para_rows(L, p);
    }
    lpos_t pos = {0, 0};
    long down = layout_move(L, &pos, (long)rows + 5);
    CHECK(rows == 0 ? down == 0 : down == (long)rows - 1);
    CHECK(layout_move(L, &pos, -down) == -down && pos.para == 0 && pos.line == 0);
    for (size_t b = 0; b <= len; b += 1 + len / 64) {
        lpos_t q = layout_pos_of_byte(L, b);
        dline_t d;
        bool blank;
        if (layout_npara(L))
            CHECK(layout_row(L, q, &d, &blank) && !blank);
    }
    layout_set_width(L, width / 2 + 1);
    if (layout_npara(L))
        layout_para_lines(L, layout_npara(L) - 1, NULL);
    layout_free(L);

    para_t *ps;
    size_t np = split_paragraphs(text, len, &ps);
    for (size_t i = 0; i < np; i++)
        is_caption(text + ps[i].start, ps[i].end - ps[i].start);
    free(ps);
    free(text);
    return 0;
}
