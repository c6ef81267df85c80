/*
** test_formats.c: the importers and exporters without a library: input
** checks, format detection, plain text, contra JSON and brat standoff, the
** message every bad input gets, and export -> import round trips.
*/
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "import.h"
#include "../tap.h"
#include "fmt_dump.h"
#include "text.h"

static const char *datadir(void)
{
    const char *d = getenv("TESTDATA");
    return d ? d : "tests/data";
}

static char *slurp(const char *rel, size_t *len)
{
    char *p = xasprintf("%s/%s", datadir(), rel);
    err_t e = {{0}};
    char *s = read_file(p, len, &e);
    if (!s) {
        printf("# cannot read %s: %s\n", p, e.msg);
        exit(1);
    }
    free(p);
    return s;
}

static char *path_of(const char *rel)
{
    return xasprintf("%s/%s", datadir(), rel);
}

/* The text a span covers. */
static char *span_text(const article_t *a, span_t s)
{
    return xstrndup(a->text + s.start, (size_t)(s.end - s.start));
}

/* ------------------------------------------------------------------ */

static void test_check_input(void)
{
    err_t e = {{0}};
    char *d;
    size_t n;

    d = slurp("bad/empty.txt", &n);
    ok(text_check_input("empty.txt", &d, &n, false, &e) == -1, "empty file refused");
    is_str(e.msg, "empty.txt: file is empty", "empty file message");
    free(d);

    d = xstrdup("  \n\t\n");
    n = strlen(d);
    ok(text_check_input("blank.txt", &d, &n, false, &e) == -1, "white space only refused");
    like(e.msg, "blank.txt: file is empty", "white space message");
    free(d);

    d = slurp("bad/nul.txt", &n);
    ok(text_check_input("nul.txt", &d, &n, false, &e) == -1, "NUL byte refused");
    is_str(e.msg, "nul.txt:1:15: NUL byte at file offset 14 from 0 (binary file?)",
           "NUL message names the line, column and offset");
    free(d);

    d = slurp("bad/binary.dat", &n);
    ok(text_check_input("binary.dat", &d, &n, false, &e) == -1, "binary refused");
    is_str(e.msg, "binary.dat: looks like a binary file", "binary message");
    free(d);

    d = slurp("bad/latin1.txt", &n);
    ok(text_check_input("latin1.txt", &d, &n, false, &e) == -1, "Latin-1 refused");
    is_str(e.msg, "latin1.txt:1:34: invalid UTF-8 byte 0xE9 at file offset 33 from 0 "
           "(use --repair to replace it)", "invalid UTF-8 message names the line, column and byte");
    e.msg[0] = '\0';
    ok(text_check_input("latin1.txt", &d, &n, true, &e) == 0, "--repair accepts it");
    like(d, "caf\xEF\xBF\xBD was", "the bad byte became U+FFFD");
    is_int(n, strlen(d), "repaired length");
    free(d);

    d = xstrdup("\xFF\xFEO\0f\0");
    n = 6;
    ok(text_check_input("u16.txt", &d, &n, false, &e) == -1, "UTF-16 refused");
    like(e.msg, "u16.txt: looks like UTF-16", "UTF-16 says what it is");
    free(d);

    d = xstrdup("Plain \x1b[1mbold\x1b[0m text with a few escapes is still text.\n");
    n = strlen(d);
    ok(text_check_input("esc.txt", &d, &n, false, &e) == 0, "a few control bytes are fine");
    free(d);
}

static void test_detect(void)
{
    char *txt = path_of("brat/depot.txt");
    is_int(format_detect("a.json", "x", 1), FMT_JSON, "*.json is JSON");
    is_int(format_detect("a.JSONL", "x", 1), FMT_JSON, "*.jsonl is JSON, any case");
    is_int(format_detect("a.ann", "x", 1), FMT_BRAT, "*.ann is brat");
    is_int(format_detect(txt, "x", 1), FMT_BRAT, "*.txt with a sibling .ann is brat");
    is_int(format_detect("nosuch/a.txt", "x", 1), FMT_PLAIN, "*.txt alone is plain");
    is_int(format_detect("-", "  {\"text\":1}", 12), FMT_JSON, "stdin starting with { is JSON");
    is_int(format_detect(NULL, "\n[\n {", 5), FMT_JSON, "[ then { is JSON");
    is_int(format_detect(NULL, "[Photo] Smoke", 13), FMT_PLAIN, "[Photo] stays plain text");
    is_int(format_detect("notes", "Officials said", 14), FMT_PLAIN, "prose is plain");
    free(txt);
}

static void test_plain(void)
{
    article_list_t l = {0};
    err_t e = {{0}};
    size_t n;
    char *d = slurp("plain-headers.txt", &n);
    ok(plain_import("h.txt", d, n, NULL, &l, &e) == 0, "plain with headers imports");
    article_t *a = l.v[0];
    is_str(a->title, "Depot attack", "Title: header");
    is_str(a->source, "Example Wire", "Source: header");
    is_str(a->published, "2024-03-27", "Date: header");
    ok(strncmp(a->text, "Officials in Valmora", 20) == 0, "text starts after the blank line");
    article_list_free(&l);

    import_meta_t meta = { .title = "Given title", .date = "2024-04-01", .source = "CLI" };
    ok(plain_import("h.txt", d, n, &meta, &l, &e) == 0, "plain with flags imports");
    is_str(l.v[0]->title, "Given title", "--title overrides Title:");
    is_str(l.v[0]->published, "2024-04-01", "--date overrides Date:");
    is_str(l.v[0]->source, "CLI", "--source overrides Source:");
    article_list_free(&l);
    free(d);

    d = slurp("plain-dateprefix.txt", &n);
    ok(plain_import("p.txt", d, n, NULL, &l, &e) == 0, "date prefix imports");
    a = l.v[0];
    is_str(a->published, "2024-03-27", "date prefix becomes the published date");
    ok(strncmp(a->text, "Officials in Valmora", 20) == 0, "prefix stripped from the text");
    like(a->title, "Officials in Valmora said on Tuesday", "title from the first line");
    ok(strlen(a->title) < 100 && strstr(a->title, "\xE2\x80\xA6"), "long first line cut with an ellipsis");
    article_list_free(&l);
    free(d);

    const char *spaced = "date 2024-03-27 Officials said.\n";
    ok(plain_import("s.txt", spaced, strlen(spaced), NULL, &l, &e) == 0, "prefix with a space");
    is_str(l.v[0]->text, "Officials said.\n", "prefix and its space stripped");
    is_str(l.v[0]->title, "Officials said.", "title is the first line");
    article_list_free(&l);

    const char *colon = "Note: this is the story.\n\nMore.\n";
    ok(plain_import("c.txt", colon, strlen(colon), NULL, &l, &e) == 0, "unknown first header");
    is_str(l.v[0]->text, colon, "a first line that is no known header stays text");
    article_list_free(&l);

    const char *rfc = "TITLE: Loud\nurl: https://example.org/x\nDate: Wed, 27 Mar 2024 10:00:00 +0000\n\nBody.\n";
    ok(plain_import("r.txt", rfc, strlen(rfc), NULL, &l, &e) == 0, "RFC 822 date");
    is_str(l.v[0]->published, "2024-03-27", "RFC 822 date read");
    is_str(l.v[0]->url, "https://example.org/x", "header names in any case");
    is_str(l.v[0]->title, "Loud", "TITLE:");
    is_str(l.v[0]->text, "Body.\n", "body");
    article_list_free(&l);

    /* Line ends saved on Windows, or an old Mac, are stored as \n: the
    ** same article as the same file saved elsewhere. */
    const char *crlf = "Title: Bridge\r\nSource: Wire\r\n\r\nOne.\r\nTwo.\r\n";
    ok(plain_import("w.txt", crlf, strlen(crlf), NULL, &l, &e) == 0, "CRLF line ends");
    is_str(l.v[0]->text, "One.\nTwo.\n", "  stored as \\n");
    is_str(l.v[0]->source, "Wire", "  headers read");
    article_list_free(&l);
    /* Blank lines before the headers or the text, or after it, and no
    ** newline at its end: the same article, which was stored twice. */
    const char *spacey = "\n \nTitle: Bridge\n\n\n  One.\nTwo.  \n\n\r\n";
    ok(plain_import("s.txt", spacey, strlen(spacey), NULL, &l, &e) == 0, "blank lines around");
    is_str(l.v[0]->title, "Bridge", "  the headers after blank lines read");
    is_str(l.v[0]->text, "  One.\nTwo.\n", "  the text without the blank lines, ending in one newline");
    article_list_free(&l);
    const char *bare = "Title: Bridge\n\n  One.\nTwo.";
    ok(plain_import("b.txt", bare, strlen(bare), NULL, &l, &e) == 0, "no newline at the end");
    is_str(l.v[0]->text, "  One.\nTwo.\n", "  the same text");
    article_list_free(&l);

    const char *cr = "Title: Mac\r\rOne.\rTwo.\r";
    ok(plain_import("m.txt", cr, strlen(cr), NULL, &l, &e) == 0, "CR line ends (an old Mac's)");
    is_str(l.v[0]->title, "Mac", "  the header read, where all was one line");
    is_str(l.v[0]->text, "One.\nTwo.\n", "  the text stored with \\n");
    article_list_free(&l);

    const char *bad = "Title: x\nDate: last Tuesday\n\nBody.\n";
    ok(plain_import("b.txt", bad, strlen(bad), NULL, &l, &e) == -1, "bad Date: refused");
    is_str(e.msg, "b.txt:2: Date: \"last Tuesday\" is not a date (write YYYY-MM-DD)",
           "bad date message names the line");
    const char *nobody = "Title: x\nSource: y\n\n  \n";
    ok(plain_import("n.txt", nobody, strlen(nobody), NULL, &l, &e) == -1, "headers only refused");
    like(e.msg, "n.txt: no article text after the headers", "no body message");
    ok(l.n == 0, "nothing returned on error");

    const char *onlydate = "date 2026-01-01\n";
    ok(plain_import("d.txt", onlydate, strlen(onlydate), NULL, &l, &e) == -1, "a date prefix alone refused");
    is_str(e.msg, "d.txt: no article text after the date", "the message says after the date, not the headers");

    /* Continuation lines of an ignored header belong to it, not the text. */
    const char *kw = "Title: T\nKeywords: a,\n  b, c\nSource: S\n  Wire\n\nThe body.\n";
    ok(plain_import("k.txt", kw, strlen(kw), NULL, &l, &e) == 0, "ignored header with a continuation");
    if (l.n == 1) {
        is_str(l.v[0]->text, "The body.\n", "its continuation is not text");
        is_str(l.v[0]->source, "S Wire", "a known header continues");
    }
    article_list_free(&l);

    /* A header continued over 100,000 lines is read in one pass. */
    strbuf_t many = {0};
    sb_adds(&many, "Title: x\n");
    for (int i = 0; i < 100000; i++)
        sb_adds(&many, " y\n");
    sb_adds(&many, "\nBody.\n");
    ok(plain_import("m.txt", many.s, many.len, NULL, &l, &e) == 0 && l.n == 1
       && strlen(l.v[0]->title) == 1 + 2 * 100000, "a header of 100,000 lines");
    article_list_free(&l);
    sb_free(&many);

    char longdate[400];
    snprintf(longdate, sizeof longdate, "Title: x\nDate: %0300d\n\nBody.\n", 7);
    ok(plain_import("l.txt", longdate, strlen(longdate), NULL, &l, &e) == -1, "a long bad Date: refused");
    is_str(e.msg, "l.txt:2: Date: \"0000000000000000000000000000000000000000\xE2\x80\xA6\" is not a date "
           "(write YYYY-MM-DD)", "the bad date is cut in the message");
}

/* ------------------------------------------------------------------ */

static article_list_t json_ok(const char *rel)
{
    article_list_t l = {0};
    err_t e = {{0}};
    size_t n;
    char *d = slurp(rel, &n);
    if (!ok(json_import(rel, d, n, &l, &e) == 0, "%s imports", rel))
        printf("#   %s\n", e.msg);
    free(d);
    return l;
}

static const char *json_err(const char *name, const char *doc)
{
    static err_t e;
    article_list_t l = {0};
    e.msg[0] = '\0';
    if (json_import(name, doc, strlen(doc), &l, &e) == 0)
        snprintf(e.msg, sizeof e.msg, "(accepted)");
    else if (l.n)
        snprintf(e.msg, sizeof e.msg, "(returned articles on error)");
    article_list_free(&l);
    return e.msg;
}

static void test_json_import(void)
{
    article_list_t l = json_ok("json/one.json");
    ok(l.n == 1, "one object, one article");
    article_t *a = l.v[0];
    is_str(a->title, "Valmora blames Kestria for depot attack", "title");
    is_str(a->published, "2024-03-27", "published");
    is_int(a->nentities, 4, "four entities");
    is_str(a->entities[0].name, "Léa Moreau", "entity name");
    is_int(a->entities[0].kind, KIND_PERSON, "entity kind");
    is_int(a->entities[0].naliases, 1, "alias");
    char *t = span_text(a, a->entities[0].mentions[0]);
    is_str(t, "Léa Moreau", "code points became bytes (é before it)");
    free(t);
    is_int(a->nassertions, 3, "one quote and two claims");
    const assertion_t *q = NULL;
    for (size_t i = 0; i < a->nassertions; i++)
        if (a->assertions[i].kind == ASSERT_QUOTE)
            q = &a->assertions[i];
    ok(q != NULL, "the quote is there");
    t = span_text(a, q->span);
    is_str(t, "It was planned and carried out by Kestria,", "quote span text");
    free(t);
    t = span_text(a, q->speaker_span);
    is_str(t, "Interior Minister Léa Moreau", "speaker_span text");
    free(t);
    t = span_text(a, q->cue_span);
    is_str(t, "said", "cue_span text");
    free(t);
    is_str(a->entities[q->speaker].name, "Léa Moreau", "speaker resolved");
    is_int(q->status, STATUS_DISPUTED, "status read");
    is_str(q->note, "No evidence shown.\tSee \"annex\".", "note with escapes");
    is_int(a->nrelations, 1, "relation");
    ok(a->relations[0].from.index >= 0 && a->relations[0].to.index >= 0, "relation within the article");
    is_int(a->relations[0].origin, ORIGIN_IMPORT, "origin");
    article_list_free(&l);

    l = json_ok("json/two.json");
    is_int(l.n, 2, "an array of two");
    a = l.v[1];
    is_int(a->nrelations, 2, "second article has two relations");
    const relation_t *cross = NULL, *local = NULL;
    for (size_t i = 0; i < a->nrelations; i++) {
        if (a->relations[i].to.index < 0)
            cross = &a->relations[i];
        else
            local = &a->relations[i];
    }
    ok(cross && cross->to.xid && strcmp(cross->to.xid, "Q1") == 0,
       "a relation into the other object keeps its id for the importer");
    ok(local && local->origin == ORIGIN_USER, "origin user kept");
    t = span_text(a, a->entities[1].mentions[0]);
    is_str(t, "東京", "CJK mention from \\u escapes");
    free(t);
    char *d1 = dump(a);
    article_list_free(&l);

    l = json_ok("json/lines.jsonl");
    is_int(l.n, 2, "JSON Lines: two articles");
    char *d2 = dump(l.v[1]);
    is_str(d2, d1, "JSON Lines reads the same as the array");
    free(d1);
    free(d2);
    article_list_free(&l);
}

static void test_json_errors(void)
{
    article_list_t l = {0};
    err_t e = {{0}};
    size_t n;
    char *d;

    /* The bad files of tests/data: file, name in the message, message. */
    static const struct { const char *file, *name, *msg, *what; } bad[] = {
        { "bad/syntax.json", "syntax.json",
          "syntax.json:4:3: expected ',' or '}' after an object member, found '\"'",
          "syntax error: file:line:column and what was expected" },
        { "bad/trailing-comma.json", "tc.json",
          "tc.json:2:33: expected a member name after ',' (a trailing comma is not allowed), found '}'",
          "trailing comma message" },
        { "bad/newer.json", "newer.json",
          "newer.json: written by a newer contra (format 2; this contra reads format 1)",
          "newer format message" },
        { "bad/unknown-id.json", "u.json",
          "u.json: relations[0].to: unknown id \"Q99\" (no quote or claim in this file has it)",
          "unknown id message" },
        { "bad/third-bad.json", "third-bad.json",
          "third-bad.json: article 3: claims[0].span: end 9000 is past the end of the text (141 code points)",
          "span past the end: article, path, length in code points" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        d = slurp(bad[i].file, &n);
        ok(json_import(bad[i].name, d, n, &l, &e) == -1, "%s refused", bad[i].file);
        is_str(e.msg, bad[i].msg, "%s", bad[i].what);
        ok(l.n == 0, "%s: no article returned", bad[i].file);
        free(d);
    }

    /* column counts code points: the curly quotes and é before the error */
    like(json_err("c.json", "{\"title\": \"“é”\" \"text\": 1}"), "c.json:1:17: expected ','",
         "column in code points");
    like(json_err("c.json", "{\"text\": \"a\nb\"}"), "c.json:1:12: control character U+000A inside a string (write it as \\n)",
         "raw newline in a string");
    like(json_err("c.json", "{'text': 'x'}"), "c.json:1:2: expected a member name in double quotes, found ''' (JSON strings take double quotes)",
         "single quotes");
    like(json_err("c.json", "{\"text\": \"x\""), "c.json:1:13: expected ',' or '}' after an object member, found the end of the file",
         "truncated file");
    like(json_err("c.json", "{\"text\": \"x"), "c.json:1:10: string never ends", "unterminated string");
    like(json_err("c.json", "{\"text\": tru}"), "c.json:1:10: expected a value", "bad literal");
    like(json_err("c.json", "{\"text\": 01}"), "c.json:1:11: expected no digit after a leading 0", "bad number");
    like(json_err("c.json", "{\"text\": \"\\x\"}"), "c.json:1:12: expected an escape", "bad escape");
    like(json_err("c.json", "[{\"text\": \"x\"}] {"), "c.json:1:17: expected the end of the file after the array",
         "garbage after an array");
    like(json_err("c.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": 7 \"x\": 1}\n"),
         "c.jsonl:3:12: expected ',' or '}'", "JSON Lines syntax error names its line");
    like(json_err("c.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\", \"quotes\": [{\"id\": \"Q1\"}]}\n"),
         "c.jsonl:2: quotes[0]: missing \"span\"", "JSON Lines content error names its line");
    {
        strbuf_t deep = {0};
        for (int i = 0; i < 1200; i++)
            sb_addc(&deep, '[');
        like(json_err("d.json", deep.s), "d.json:1:1001: nested deeper than 1000 levels", "deep nesting");
        sb_free(&deep);
    }

    /* content */
    like(json_err("c.json", "{\"title\": \"x\"}"), "c.json: missing \"text\" (the article text)", "missing text");
    like(json_err("c.json", "{\"text\": \"\"}"), "c.json: text: the article text is empty", "empty text");
    like(json_err("c.json", "{\"text\": 5}"), "c.json: text: expected a string, found an integer", "text not a string");
    like(json_err("c.json", "{\"text\": \"a\\u0000b\"}"), "c.json:1:12: \\u0000 (a NUL character) is not allowed in contra JSON", "NUL in text");
    like(json_err("c.json", "{\"text\": \"a\\ud800b\"}"), "c.json:1:12: \\ud800 is half of a UTF-16 surrogate pair", "lone surrogate");
    like(json_err("c.json", "{\"text\": \"x\", \"contra\": \"1\"}"), "c.json: \"contra\": expected the format version 1, found a string",
         "contra not a number");
    like(json_err("c.json", "{\"text\": \"x\", \"published\": \"2024-02-30\"}"),
         "c.json: published: \"2024-02-30\" is not a date (YYYY-MM-DD)", "bad date");
    like(json_err("c.json", "{\"text\": \"x\", \"text\": \"y\"}"), "c.json: member \"text\" appears twice", "duplicate member");
    like(json_err("c.json", "[]"), "c.json: no articles (the array is empty)", "empty array");
    like(json_err("c.json", "[{\"text\": \"x\"}, 3]"), "c.json: article 2: expected an article object, found an integer",
         "array of non-objects");
    like(json_err("c.json", "\"just a string\""), "c.json:1: expected an article object or an array of them", "scalar document");
    const char *head = "{\"text\": \"Léa said “no”.\", ";
    char *doc;
#define BAD(tail, want, what) do { doc = xasprintf("%s%s", head, tail); \
        like(json_err("c.json", doc), want, what); free(doc); } while (0)
    BAD("\"entities\": [{\"id\": \"E1\", \"name\": \"Léa\", \"kind\": \"human\"}]}",
        "c.json: entities[0].kind: unknown kind \"human\" (expected person, organization, place or other)", "unknown kind");
    BAD("\"entities\": [{\"id\": \"E1\", \"kind\": \"person\"}]}", "c.json: entities[0]: missing \"name\"", "entity without name");
    BAD("\"entities\": [{\"name\": \"Léa\"}]}", "c.json: entities[0]: missing \"id\"", "entity without id");
    BAD("\"entities\": [{\"id\": \"E1\", \"name\": \"Léa\", \"mentions\": [[0, 3], [5, 2]]}]}",
        "c.json: entities[0].mentions[1]: start 5 is after end 2", "inverted span");
    BAD("\"entities\": [{\"id\": \"E1\", \"name\": \"Léa\", \"mentions\": [[-1, 3]]}]}",
        "c.json: entities[0].mentions[0]: start -1 is negative", "negative span");
    BAD("\"entities\": [{\"id\": \"E1\", \"name\": \"Léa\", \"mentions\": [[0, 15]]}]}",
        "c.json: entities[0].mentions[0]: end 15 is past the end of the text (14 code points)", "span one past the end");
    BAD("\"entities\": [{\"id\": \"E1\", \"name\": \"Léa\", \"mentions\": [[0, 14]]}]}",
        "(accepted)", "span to the very end is fine");
    BAD("\"entities\": [{\"id\": \"E1\", \"name\": \"Léa\", \"mentions\": [[0, 2.5]]}]}",
        "c.json: entities[0].mentions[0]: end: expected an integer, found 2.5", "fractional offset");
    BAD("\"entities\": [{\"id\": \"E1\", \"name\": \"Léa\", \"mentions\": [[0]]}]}",
        "c.json: entities[0].mentions[0]: expected [start, end], found an array of 1", "short span");
    BAD("\"entities\": [{\"id\": \"E1\", \"name\": \"Léa\", \"mentions\": [[0, 99999999999999999999]]}]}",
        "c.json: entities[0].mentions[0]: end: the integer is too large", "offset beyond 64 bits");
    BAD("\"quotes\": [{\"id\": \"Q1\", \"span\": [10, 12], \"status\": \"contested\"}]}",
        "c.json: quotes[0].status: unknown status \"contested\" (expected unreviewed, disputed or corroborated)", "unknown status");
    BAD("\"quotes\": [{\"id\": \"Q1\", \"span\": [10, 12], \"speaker\": \"E7\"}]}",
        "c.json: quotes[0].speaker: unknown id \"E7\" (no entity of this article has it)", "unknown speaker");
    BAD("\"quotes\": [{\"id\": \"Q1\", \"span\": [10, 12]}], \"claims\": [{\"id\": \"C1\", \"span\": [0, 3], \"claimant\": \"Q1\"}]}",
        "c.json: claims[0].claimant: \"Q1\" is a quote or claim, not an entity", "claimant not an entity");
    BAD("\"quotes\": [{\"id\": \"X\", \"span\": [10, 12]}], \"claims\": [{\"id\": \"X\", \"span\": [0, 3]}]}",
        "c.json: id \"X\" is used twice, by quotes[0] and claims[0] (ids must be unique within an article)", "duplicate id");
    BAD("\"quotes\": [{\"id\": \"Q1\", \"span\": [10, 12], \"direct\": \"yes\"}]}",
        "c.json: quotes[0]: direct: expected true or false, found a string", "direct not boolean");
    BAD("\"quotes\": [{\"id\": \"Q1\", \"span\": [10, 12]}], \"relations\": [{\"type\": \"refutes\", \"from\": \"Q1\", \"to\": \"Q1\"}]}",
        "c.json: relations[0].type: unknown relation type \"refutes\" (expected contradicts or supports)", "unknown relation type");
    BAD("\"quotes\": [{\"id\": \"Q1\", \"span\": [10, 12]}], \"relations\": [{\"type\": \"supports\", \"from\": \"Q1\", \"to\": \"Q1\", \"origin\": \"magic\"}]}",
        "c.json: relations[0].origin: unknown origin \"magic\" (expected auto, import or user)", "unknown origin");
    BAD("\"quotes\": [{\"id\": \"Q1\", \"span\": [10, 12]}], \"relations\": [{\"type\": \"supports\", \"from\": \"Q1\", \"to\": \"Q1\"}]}",
        "c.json: relations[0]: relation from \"Q1\" to itself", "self relation");
    BAD("\"entities\": [{\"id\": \"E1\", \"name\": \"Léa\"}], \"quotes\": [{\"id\": \"Q1\", \"span\": [10, 12]}], \"relations\": [{\"type\": \"supports\", \"from\": \"Q1\", \"to\": \"E1\"}]}",
        "c.json: relations[0].to: \"E1\" is an entity; relations join quotes and claims", "relation to an entity");
    BAD("\"quotes\": [{\"id\": \"Q1\", \"span\": [10, 12]}], \"relations\": [{\"type\": \"supports\", \"from\": \"Q1\"}]}",
        "c.json: relations[0]: missing \"to\"", "relation without to");
    BAD("\"entities\": {}}", "c.json: entities: expected an array, found an object", "entities not an array");
    {
        const char *untitled = "{\"text\": \"\\n  First line here.\\nSecond.\"}";
        ok(json_import("t.json", untitled, strlen(untitled), &l, &e) == 0 && l.n == 1
           && strcmp(l.v[0]->title, "First line here.") == 0, "no title: the first line gives one");
        article_list_free(&l);
    }
    {
        /* The scraped prefix is no part of the title; it gives the date
        ** only when "published" does not, and stays in the text. */
        const char *pre = "{\"text\": \"date 2026-03-26Black Meridian did it.\\nMore.\"}";
        ok(json_import("t.json", pre, strlen(pre), &l, &e) == 0 && l.n == 1, "date prefix: imports");
        if (l.n == 1) {
            is_str(l.v[0]->title, "Black Meridian did it.", "date prefix: title after it");
            is_str(l.v[0]->published, "2026-03-26", "date prefix: gives the date");
            ok(strncmp(l.v[0]->text, "date 2026-03-26", 15) == 0, "date prefix: stays in the text");
        }
        article_list_free(&l);
        const char *pub = "{\"published\": \"2026-01-02\", \"text\": \"date 2026-03-26 Hello\"}";
        ok(json_import("t.json", pub, strlen(pub), &l, &e) == 0 && l.n == 1
           && strcmp(l.v[0]->published, "2026-01-02") == 0 && strcmp(l.v[0]->title, "Hello") == 0,
           "date prefix: \"published\" wins");
        article_list_free(&l);
    }
    BAD("\"claims\": [{\"id\": \"C1\", \"span\": [0, 1], \"status\": \"ééééééééééééééééééééééééééééééééééééééééééééééééééé\"}]}",
        "unknown status \"éééééééééééééééééééééééééééééééééééééééé\xE2\x80\xA6\" (expected", "long values are cut in messages");
#undef BAD
    /* ambiguous cross-object id */
    like(json_err("c.json", "[{\"text\": \"ab\", \"claims\": [{\"id\": \"C1\", \"span\": [0, 1]}], "
                  "\"relations\": [{\"type\": \"supports\", \"from\": \"C1\", \"to\": \"C9\"}]},"
                  "{\"text\": \"cd\", \"claims\": [{\"id\": \"C9\", \"span\": [0, 1]}]},"
                  "{\"text\": \"ef\", \"claims\": [{\"id\": \"C9\", \"span\": [0, 1]}]}]"),
         "c.json: article 1: relations[0].to: id \"C9\" is ambiguous", "ambiguous cross-object id");
    article_list_free(&l);
}

static void test_json_roundtrip(void)
{
    article_list_t l = json_ok("json/one.json"), back = {0};
    err_t e = {{0}};
    char *buf = NULL;
    size_t blen = 0;
    FILE *f = open_memstream(&buf, &blen);
    ok(json_export(f, l.v, 1, false, NULL, &e) == 0, "export one article");
    fclose(f);
    ok(buf[0] == '{' && strstr(buf, "\n  \"text\": "), "one object, 2-space indent");
    like(buf, "\"note\": \"No evidence shown.\\tSee \\\"annex\\\".\"", "note escaped");
    ok(json_import("export.json", buf, blen, &back, &e) == 0, "export imports again");
    if (back.n) {
        char *d1 = dump(l.v[0]), *d2 = dump(back.v[0]);
        is_str(d2, d1, "export -> import gives the same annotations and statuses");
        free(d1);
        free(d2);
    }
    /* Deterministic: the same article exports to the same bytes. */
    char *buf2 = NULL;
    size_t blen2 = 0;
    f = open_memstream(&buf2, &blen2);
    json_export(f, back.v, 1, false, NULL, &e);
    fclose(f);
    is_str(buf2, buf, "export of the re-imported article is byte-identical");
    ok(!strstr(buf, "removed_relations"), "no removed links: no \"removed_relations\" member");
    free(buf);
    free(buf2);
    article_list_free(&back);
    article_list_free(&l);

    {
        /* A claim's claimant mention and reporting words come back too. */
        const char *cl = "{\"text\": \"Ana Sol claimed the dam held.\", "
            "\"entities\": [{\"id\": \"E1\", \"name\": \"Ana Sol\", \"mentions\": [[0, 7]]}], "
            "\"claims\": [{\"id\": \"C1\", \"claimant\": \"E1\", \"span\": [16, 28], "
            "\"speaker_span\": [0, 7], \"cue_span\": [8, 15]}]}";
        ok(json_import("cl.json", cl, strlen(cl), &l, &e) == 0, "claim with speaker and cue spans");
        f = open_memstream(&buf, &blen);
        ok(l.n == 1 && json_export(f, l.v, 1, false, NULL, &e) == 0, "and its export");
        fclose(f);
        ok(json_import("again.json", buf, blen, &back, &e) == 0 && back.n == 1, "imports again");
        if (l.n == 1 && back.n == 1) {
            char *d1 = dump(l.v[0]), *d2 = dump(back.v[0]);
            is_str(d2, d1, "a claim's speaker_span and cue_span survive export -> import");
            free(d1);
            free(d2);
        }
        free(buf);
        article_list_free(&back);
        article_list_free(&l);
    }

    /* Library ids, control characters, an array. */
    article_t *a = article_new();
    a->id = 7;
    a->text = xstrdup("Bell\x07 and \x1b[31mred\x1b[0m\xC2\x85 \xE2\x80\xA8 \xF0\x9F\x98\xA0 x");
    a->len = strlen(a->text);
    assertion_t *q = article_add_assertion(a);
    q->kind = ASSERT_CLAIM;
    q->id = 41;
    q->span = (span_t){ 0, 4 };
    q = article_add_assertion(a);
    q->kind = ASSERT_QUOTE;
    q->id = 40;
    q->span = (span_t){ 29, 35 };   /* the emoji and " x" */
    relation_t *r = article_add_relation(a);
    r->type = REL_SUPPORTS;
    r->from.index = 1;
    r->to.index = 0;
    r = article_add_relation(a);      /* into another article */
    r->type = REL_CONTRADICTS;
    r->from.index = 0;
    r->to.index = -1;
    r->to.id = 99;
    r = article_add_relation(a);      /* from another article: written there */
    r->type = REL_CONTRADICTS;
    r->from.index = -1;
    r->from.id = 98;
    r->to.index = 0;
    f = open_memstream(&buf, &blen);
    size_t left_out = 0;
    ok(json_export(f, &a, 1, true, &left_out, &e) == 0, "export with library ids");
    fclose(f);
    ok(buf[0] == '[', "force_array writes an array");
    like(buf, "\"text\": \"Bell\\u0007 and \\u001B[31mred\\u001B[0m\\u0085 \\u2028 \xF0\x9F\x98\xA0 x\"",
         "controls, C1 and U+2028 escaped; emoji kept");
    {
        /* Bidirectional controls would reorder the line on a terminal. */
        article_t *bd = article_new();
        bd->title = xstrdup("a\xE2\x80\xAE" "b\xE2\x81\xA7" "c\xE2\x80\x8F" "d");
        bd->text = xstrdup("x");
        bd->len = 1;
        char *bbuf = NULL;
        size_t bblen = 0;
        FILE *bf = open_memstream(&bbuf, &bblen);
        ok(json_export(bf, &bd, 1, false, NULL, &e) == 0, "export with bidi controls");
        fclose(bf);
        like(bbuf, "\"title\": \"a\\u202Eb\\u2067c\\u200Fd\"", "bidi controls escaped");
        free(bbuf);
        article_free(bd);
    }
    like(buf, "\"id\": \"C41\"", "claim id from the library");
    like(buf, "\"id\": \"Q40\"", "quote id from the library");
    like(buf, "\"span\": [26, 29]", "span in code points");
    like(buf, "\"from\": \"Q40\",\n        \"to\": \"C41\"", "relation by library ids");
    ok(!strstr(buf, "Q99"), "relation into an article not exported is left out (it would not import)");
    is_int(left_out, 2, "both relations with an end outside the export are counted as left out");
    ok(!strstr(buf, "98"), "relation from another article not written here");
    ok(utf8_invalid_at(buf, blen) < 0, "output is valid UTF-8");
    free(buf);
    article_free(a);
}

/* ------------------------------------------------------------------ */

static article_list_t brat_ok(const char *stem)
{
    article_list_t l = {0};
    err_t e = {{0}};
    size_t tn, an;
    char *tr = xasprintf("%s.txt", stem), *ar = xasprintf("%s.ann", stem);
    char *t = slurp(tr, &tn), *a = slurp(ar, &an);
    if (!ok(brat_import(tr, t, tn, ar, a, an, &l, &e) == 0, "%s imports", ar))
        printf("#   %s\n", e.msg);
    free(t);
    free(a);
    free(tr);
    free(ar);
    return l;
}

/* Every T of the .ann: its text field equals the text at its offsets. */
static void check_every_t(const char *stem)
{
    size_t tn, an;
    char *tr = xasprintf("%s.txt", stem), *ar = xasprintf("%s.ann", stem);
    char *t = slurp(tr, &tn), *a = slurp(ar, &an);
    cpmap_t m;
    cpmap_init(&m, t, tn);
    int checked = 0, bad = 0;
    for (char *line = strtok(a, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] != 'T')
            continue;
        char *tab = strchr(line, '\t'), *tab2 = tab ? strchr(tab + 1, '\t') : NULL;
        if (!tab2)
            continue;
        char *cr = strchr(tab2, '\r');
        if (cr)
            *cr = '\0';
        strbuf_t got = {0};
        char *p = strchr(tab + 1, ' ');
        while (p && p < tab2) {
            long s = strtol(p + 1, &p, 10), e = strtol(p + 1, &p, 10);
            if (got.len)
                sb_addc(&got, ' ');
            int64_t bs = cpmap_to_byte(&m, s), be = cpmap_to_byte(&m, e);
            sb_add(&got, t + bs, (size_t)(be - bs));
            if (*p != ';')
                break;
        }
        checked++;
        if (!got.s || strcmp(got.s, tab2 + 1) != 0) {
            bad++;
            printf("#   %s: \"%s\" vs \"%s\"\n", ar, got.s ? got.s : "", tab2 + 1);
        }
        sb_free(&got);
    }
    ok(checked > 3 && bad == 0, "%s: all %d T texts match their code-point offsets", ar, checked);
    cpmap_free(&m);
    free(t);
    free(a);
    free(tr);
    free(ar);
}

static const entity_t *entity_named(const article_t *a, const char *name)
{
    for (size_t i = 0; i < a->nentities; i++)
        if (strcmp(a->entities[i].name, name) == 0)
            return &a->entities[i];
    return NULL;
}

static void test_brat_import(void)
{
    check_every_t("brat/depot");
    check_every_t("brat/zola");

    article_list_t l = brat_ok("brat/depot");
    article_t *a = l.v[0];
    ok(l.n == 1 && a->len > 500, "brat: one article with its text");
    like(a->title, "Officials in Valmora said", "brat title from the first line, after a date prefix");
    is_str(a->published, "2024-03-27", "the date prefix gives the date");
    ok(strncmp(a->text, "date 2024-03-27 ", 16) == 0, "and stays in the text, which the offsets count");
    const entity_t *en = entity_named(a, "Léa Moreau");
    ok(en && en->nmentions == 2, "equivalence set: Léa Moreau and Moreau are one entity");
    ok(en && en->naliases == 1 && strcmp(en->aliases[0], "Moreau") == 0, "Moreau became an alias");
    en = entity_named(a, "Kestria foreign ministry");
    ok(en && en->nmentions == 2 && en->kind == KIND_ORGANIZATION,
       "discontinuous entity: one mention per fragment");
    if (en) {
        char *t1 = span_text(a, en->mentions[0]), *t2 = span_text(a, en->mentions[1]);
        is_str(t1, "Kestria", "first fragment");
        is_str(t2, "foreign ministry", "second fragment");
        free(t1);
        free(t2);
    }
    en = entity_named(a, "Port Esker");
    ok(en && en->nmentions == 2 && en->kind == KIND_PLACE, "same type and text: one entity, two mentions");
    en = entity_named(a, "東京");
    ok(en && en->kind == KIND_PLACE, "CJK place");
    en = entity_named(a, "Kestria");
    ok(en && en->nmentions == 1, "Kestria alone stays its own entity");

    int nq = 0, nc = 0;
    for (size_t i = 0; i < a->nassertions; i++) {
        const assertion_t *q = &a->assertions[i];
        char *t = span_text(a, q->span);
        if (q->kind == ASSERT_QUOTE)
            nq++;
        else
            nc++;
        if (strcmp(t, "planned and carried out by Kestria,") == 0) {
            is_str(a->entities[q->speaker].name, "Léa Moreau", "Speaker relation sets the speaker");
            char *s = span_text(a, q->speaker_span), *c = span_text(a, q->cue_span);
            is_str(s, "Léa Moreau", "speaker_span from the entity");
            is_str(c, "according to", "Cue relation sets the cue");
            free(s);
            free(c);
            is_int(q->status, STATUS_DISPUTED, "Status attribute");
            is_str(q->note, "Valmora gave no evidence for this", "AnnotatorNotes become the note");
            ok(q->direct, "quotes are direct by default");
        } else if (strncmp(t, "We had nothing", 14) == 0) {
            ok(strstr(t, "a fabrication.") != NULL, "discontinuous quote covers its fragments");
            is_str(a->entities[q->speaker].name, "Tomas Dren", "speaker of the second quote");
            char *s = span_text(a, q->speaker_span);
            is_str(s, "spokesman Tomas Dren", "a Speaker T wins the speaker_span");
            free(s);
        } else if (strcmp(t, "flatly denied any involvement") == 0) {
            is_str(a->entities[q->speaker].name, "Kestria foreign ministry", "Claimant relation");
        } else if (strncmp(t, "the evidence", 12) == 0) {
            is_int(q->status, STATUS_CORROBORATED, "corroborated claim with an emoji in it");
            ok(q->speaker < 0, "no claimant");
        }
        free(t);
    }
    is_int(nq, 2, "two quotes");
    is_int(nc, 3, "three claims");
    is_int(a->nrelations, 3, "Contradicts and Supports, nothing else");
    article_list_free(&l);

    l = brat_ok("brat/zola");
    a = l.v[0];
    ok(entity_named(a, "Émile Zola") && entity_named(a, "Émile Zola")->kind == KIND_PERSON, "PER is a person");
    ok(entity_named(a, "Paris") && entity_named(a, "Paris")->kind == KIND_PLACE, "GPE is a place");
    ok(entity_named(a, "国防部") && entity_named(a, "国防部")->kind == KIND_ORGANIZATION, "ORG is an organisation");
    ok(entity_named(a, "déclaré") && entity_named(a, "déclaré")->kind == KIND_OTHER, "other types are other");
    is_int(a->nassertions, 1, "one quote");
    is_str(a->entities[a->assertions[0].speaker].name, "Émile Zola", "speaker");
    is_int(a->nrelations, 0, "unknown relation type skipped");
    article_list_free(&l);
}

static const char *brat_err(const char *txt, const char *ann)
{
    static err_t e;
    article_list_t l = {0};
    e.msg[0] = '\0';
    if (brat_import("x.txt", txt, strlen(txt), "x.ann", ann, strlen(ann), &l, &e) == 0)
        snprintf(e.msg, sizeof e.msg, "(accepted)");
    article_list_free(&l);
    return e.msg;
}

static void test_brat_errors(void)
{
    article_list_t l = {0};
    err_t e = {{0}};
    size_t tn, an;
    char *t = slurp("bad/mismatch.txt", &tn), *a = slurp("bad/mismatch.ann", &an);
    ok(brat_import("mismatch.txt", t, tn, "mismatch.ann", a, an, &l, &e) == -1, "mismatched text refused");
    is_str(e.msg, "mismatch.ann:2: text \"Moreaux\" does not match offsets 4-10 (\"Moreau\")",
           "mismatch message: file:line, both texts, offsets");
    free(t);
    free(a);
    t = slurp("bad/range.txt", &tn);
    a = slurp("bad/range.ann", &an);
    ok(brat_import("range.txt", t, tn, "range.ann", a, an, &l, &e) == -1, "offsets past the end refused");
    is_str(e.msg, "range.ann:3: offsets 17-90 are past the end of the text (range.txt has 22 code points)",
           "range message");
    ok(l.n == 0, "nothing returned");
    free(t);
    free(a);

    const char *txt = "Léa Moreau said “no”.\n";
    like(brat_err(txt, "T1\tPerson -1 3\tLé\n"), "x.ann:1: offset -1 is negative", "negative offset");
    like(brat_err(txt, "T1\tPerson 5 3\tx\n"), "x.ann:1: start 5 is after end 3", "inverted offsets");
    is_str(brat_err(txt, "T1\tPerson 0 99999999999999999999999999999999\tsome text\n"),
           "x.ann:1: offset 999999999999999999999999\xE2\x80\xA6 is too large",
           "an offset past int64 is named alone, cut short");
    like(brat_err(txt, "T1\tPerson 0 3\n"), "x.ann:1: expected a tab and the annotated text", "no text field");
    like(brat_err(txt, "T1\tPerson zero 3\tLéa\n"), "x.ann:1: expected offsets \"START END\" after the type, found \"zero 3\"", "words for offsets");
    like(brat_err(txt, "T1\tPerson 0 3;4 10\tLéa Moreau\n"), "(accepted)", "discontinuous match");
    like(brat_err(txt, "T1\tPerson 0 3;4 10\tLéaMoreau\n"), "x.ann:1: text \"LéaMoreau\" does not match offsets 0-3;4-10 (\"Léa Moreau\")",
         "discontinuous mismatch");
    like(brat_err(txt, "T1\tPerson 0 3\tLéa\nT1\tPerson 4 10\tMoreau\n"), "x.ann:2: id T1 is used twice", "duplicate T id");
    like(brat_err(txt, "T1\tQuote 17 19\tno\nR1\tContradicts Arg1:T1 Arg2:T7\n"), "x.ann:2: unknown id \"T7\"", "unknown id in R");
    like(brat_err(txt, "T1\tQuote 17 19\tno\nT2\tPerson 0 3\tLéa\nR1\tSupports Arg1:T1 Arg2:T2\n"),
         "x.ann:3: Supports joins quotes and claims, but T2 is an entity", "relation to an entity");
    like(brat_err(txt, "T1\tQuote 17 19\tno\nA1\tStatus T1 maybe\n"),
         "x.ann:2: unknown status \"maybe\"", "unknown status");
    like(brat_err(txt, "T1\tQuote 17 19\tno\nA1\tStatus T2 disputed\n"), "x.ann:2: unknown id \"T2\"", "status on unknown T");
    like(brat_err(txt, "T1\tQuote 17 19\tno\nX1\twhat\n"), "x.ann:2: not a brat annotation line", "garbage line");
    like(brat_err(txt, "T1\tPerson 0 3\tLéa\nE1\tSay:T1\nN1\tReference T1 Wiki:1\tLéa\nR2\tFriend Arg1:T1 Arg2:T1\n\n"),
         "(accepted)", "E, N lines and unknown relations are fine");
    like(brat_err(txt, ""), "(accepted)", "an empty .ann is an unannotated text");
    like(brat_err(txt, "\xEF\xBB\xBFT1\tPerson 0 3\tLéa\n"), "(accepted)", "a byte order mark in the .ann");
    like(brat_err(txt, "T1\tQuote 17 19\tno\nT2\tQuote 0 3\tLéa\nA1\tSpeaker T1 T2\n"),
         "x.ann:3: Speaker links a person or a Speaker to a quote, but T2 is a Quote", "Speaker attribute to a quote");
    {
        const char *ann = "T1\tQuote 17 19\tno\nT2\tPerson 0 10\tLéa Moreau\nA1\tSpeaker T1 T2\n";
        article_list_t sl = {0};
        ok(brat_import("x.txt", txt, strlen(txt), "x.ann", ann, strlen(ann), &sl, &e) == 0
           && sl.v[0]->assertions[0].speaker == 0
           && sl.v[0]->assertions[0].speaker_span.end == 11, "Speaker as an attribute");
        article_list_free(&sl);
    }
}

static void test_brat_roundtrip(void)
{
    article_list_t l = brat_ok("brat/depot"), back = {0}, again = {0};
    err_t e = {{0}};
    char *buf = NULL, *buf2 = NULL;
    size_t blen = 0, blen2 = 0;
    FILE *f = open_memstream(&buf, &blen);
    ok(brat_export_ann(f, l.v[0], &e) == 0, "brat export");
    fclose(f);
    like(buf, "\tQuote ", "Quote T lines");
    like(buf, "\tStatus T", "Status attributes");
    like(buf, "\tAnnotatorNotes T", "notes");
    like(buf, "*\tEquiv T", "equivalence sets");
    ok(brat_import("x.txt", l.v[0]->text, l.v[0]->len, "x.ann", buf, blen, &back, &e) == 0,
       "exported .ann imports again");
    if (back.n) {
        f = open_memstream(&buf2, &blen2);
        brat_export_ann(f, back.v[0], &e);
        fclose(f);
        is_str(buf2, buf, "brat export -> import -> export is stable");
        /* Annotations equal except the discontinuous entity's name, which
        ** brat cannot carry (see fmt_brat.c). */
        entity_t *en = NULL;
        for (size_t i = 0; i < l.v[0]->nentities; i++)
            if (strcmp(l.v[0]->entities[i].name, "Kestria foreign ministry") == 0)
                en = &l.v[0]->entities[i];
        if (en) {
            free(en->name);
            en->name = xstrdup("Kestria");
            entity_add_alias(en, "foreign ministry");
        }
        char *d1 = dump(l.v[0]), *d2 = dump(back.v[0]);
        is_str(d2, d1, "brat export -> import gives the same annotations");
        free(d1);
        free(d2);
    }

    /* From JSON to brat and back. */
    article_list_t j = json_ok("json/one.json");
    free(buf);
    f = open_memstream(&buf, &blen);
    ok(brat_export_ann(f, j.v[0], &e) == 0, "brat export of a JSON article");
    fclose(f);
    ok(brat_import("x.txt", j.v[0]->text, j.v[0]->len, "x.ann", buf, blen, &again, &e) == 0,
       "and it imports");
    if (again.n) {
        const article_t *x = j.v[0], *y = again.v[0];
        is_int(y->nassertions, x->nassertions, "same number of quotes and claims");
        is_int(y->nrelations, x->nrelations, "same relations");
        bool same = x->nassertions == y->nassertions;
        for (size_t i = 0; same && i < x->nassertions; i++) {
            const assertion_t *p = &x->assertions[i], *q = &y->assertions[i];
            same = p->span.start == q->span.start && p->span.end == q->span.end
                   && p->status == q->status && p->kind == q->kind
                   && p->cue_span.start == q->cue_span.start
                   && (!span_present(p->speaker_span) || p->speaker_span.start == q->speaker_span.start)
                   && (p->speaker < 0) == (q->speaker < 0)
                   && (p->speaker < 0 || x->entities[p->speaker].mentions[0].start
                                         == y->entities[q->speaker].mentions[0].start);
        }
        if (!ok(same, "spans, speakers, cues and statuses survive JSON -> brat -> model")) {
            char *d1 = dump(x), *d2 = dump(y);
            printf("# %s\n# --\n# %s\n# ann:\n%s\n", d1, d2, buf);
            free(d1);
            free(d2);
        }
    }
    article_list_free(&j);
    article_list_free(&again);
    free(buf);
    free(buf2);
    article_list_free(&back);
    article_list_free(&l);
}

/* "removed_relations": the links a person removed travel with the article,
** apart from its live links, and come back the same. */
#define RM_ART(rels, removed)                                                   \
    "{\"text\": \"Ann said: \\\"It is safe.\\\" Bob said it is not safe.\", "   \
    "\"entities\": [{\"id\": \"E1\", \"name\": \"Ann\", \"mentions\": [[0, 3]]}], " \
    "\"quotes\": [{\"id\": \"Q1\", \"speaker\": \"E1\", \"span\": [11, 22]}], "  \
    "\"claims\": [{\"id\": \"C2\", \"span\": [33, 48]}], "                       \
    "\"relations\": [" rels "], \"removed_relations\": [" removed "]}"

/* The numbers of live and removed links json_import makes of doc, or -1. */
static void counts(const char *doc, size_t *nrel, size_t *nrem)
{
    article_list_t l = {0};
    err_t e = {{0}};
    *nrel = *nrem = (size_t)-1;
    if (json_import("c.json", doc, strlen(doc), &l, &e) == 0 && l.n == 1) {
        *nrel = l.v[0]->nrelations;
        *nrem = l.v[0]->nremoved;
    }
    article_list_free(&l);
}

static void test_json_removed(void)
{
    article_list_t l = {0}, back = {0};
    err_t e = {{0}};
    const char *doc = RM_ART("{\"type\": \"supports\", \"from\": \"C2\", \"to\": \"Q1\"}",
                             "{\"type\": \"contradicts\", \"from\": \"C2\", \"to\": \"Q1\"}");
    ok(json_import("rm.json", doc, strlen(doc), &l, &e) == 0 && l.n == 1, "removed_relations read");
    if (l.n == 1) {
        const article_t *a = l.v[0];
        is_int(a->nrelations, 1, "  the live link is a relation");
        is_int(a->nremoved, 1, "  the removed link is not: it is kept apart");
        ok(a->nremoved == 1 && a->removed[0].type == REL_CONTRADICTS
           && a->removed[0].from.index >= 0
           && a->assertions[a->removed[0].from.index].kind == ASSERT_CLAIM
           && a->removed[0].to.index >= 0
           && a->assertions[a->removed[0].to.index].kind == ASSERT_QUOTE,
           "  its type and ends, resolved as a relation's");
        char *buf = NULL;
        size_t blen = 0;
        FILE *f = open_memstream(&buf, &blen);
        ok(json_export(f, l.v, 1, false, NULL, &e) == 0, "  exported");
        fclose(f);
        like(buf, "\"removed_relations\": [\n    {\n      \"type\": \"contradicts\",\n"
             "      \"from\": \"C2\",\n      \"to\": \"Q1\"\n    }\n  ]\n}",
             "  as \"removed_relations\", after the relations, with no origin");
        ok(json_import("again.json", buf, blen, &back, &e) == 0 && back.n == 1, "  imports again");
        if (back.n == 1) {
            char *d1 = dump(l.v[0]), *d2 = dump(back.v[0]);
            like(d1, "removed contradicts 33-48 -> 11-22", "  (the dump shows it)");
            is_str(d2, d1, "  export -> import gives the same removed link back");
            free(d1);
            free(d2);
            char *buf2 = NULL;
            size_t blen2 = 0;
            f = open_memstream(&buf2, &blen2);
            json_export(f, back.v, 1, false, NULL, &e);
            fclose(f);
            is_str(buf2, buf, "  and the same bytes");
            free(buf2);
        }
        free(buf);
        article_list_free(&back);
    }
    article_list_free(&l);

    /* The same link live and removed in one object: a person's or an
    ** import's link wins, the annotator's loses. */
    size_t nrel, nrem;
    counts(RM_ART("{\"type\": \"contradicts\", \"from\": \"C2\", \"to\": \"Q1\", \"origin\": \"user\"}",
                  "{\"type\": \"contradicts\", \"from\": \"Q1\", \"to\": \"C2\"}"), &nrel, &nrem);
    ok(nrel == 1 && nrem == 0,
       "a person's link and its removal (either way round) in one object: the link stays");
    counts(RM_ART("{\"type\": \"contradicts\", \"from\": \"C2\", \"to\": \"Q1\", \"origin\": \"import\"}",
                  "{\"type\": \"contradicts\", \"from\": \"C2\", \"to\": \"Q1\"}"), &nrel, &nrem);
    ok(nrel == 1 && nrem == 0, "  an import's link too");
    counts(RM_ART("{\"type\": \"contradicts\", \"from\": \"C2\", \"to\": \"Q1\", \"origin\": \"auto\"}",
                  "{\"type\": \"contradicts\", \"from\": \"C2\", \"to\": \"Q1\"}"), &nrel, &nrem);
    ok(nrel == 0 && nrem == 1, "the annotator's link and its removal: the removal stays, the link goes");
    counts(RM_ART("{\"type\": \"supports\", \"from\": \"C2\", \"to\": \"Q1\", \"origin\": \"auto\"}",
                  "{\"type\": \"supports\", \"from\": \"Q1\", \"to\": \"C2\"}"), &nrel, &nrem);
    ok(nrel == 1 && nrem == 1, "  support has a direction: the other way round is another link");

    /* Ends in another object of the file, resolved as relations' are. */
    const char *two = "[{\"text\": \"Ann said: \\\"Yes.\\\"\", "
        "\"quotes\": [{\"id\": \"Q1\", \"span\": [11, 15]}], "
        "\"removed_relations\": [{\"type\": \"contradicts\", \"from\": \"Q1\", \"to\": \"Q5\"}]},"
        "{\"text\": \"Bob said: \\\"No.\\\"\", \"quotes\": [{\"id\": \"Q5\", \"span\": [11, 14]}]}]";
    ok(json_import("two.json", two, strlen(two), &l, &e) == 0 && l.n == 2, "a removed link between objects");
    if (l.n == 2) {
        const relation_t *x = l.v[0]->nremoved == 1 ? &l.v[0]->removed[0] : NULL;
        ok(x && x->from.index == 0 && x->to.index < 0 && x->to.xid && strcmp(x->to.xid, "Q5") == 0
           && l.v[0]->nrelations == 0,
           "  kept with the other end's id for the importer, and no live link");
    }
    article_list_free(&l);
    const char *lost = "[{\"text\": \"Ann said: \\\"Yes.\\\"\", "
        "\"quotes\": [{\"id\": \"Q1\", \"span\": [11, 15]}], "
        "\"removed_relations\": [{\"type\": \"contradicts\", \"from\": \"Q1\", \"to\": \"Q6\"}]},"
        "{\"text\": \"Bob said: \\\"No.\\\"\", \"quotes\": [{\"id\": \"Q5\", \"span\": [11, 14]}]}]";
    is_str(json_err("two.json", lost), "two.json: article 1: removed_relations[0].to: unknown id "
           "\"Q6\" (no quote or claim in this file has it)", "  an id no object has is an error");

    /* The relations' checks and messages. */
    is_str(json_err("r.json", RM_ART("", "{\"type\": \"refutes\", \"from\": \"C2\", \"to\": \"Q1\"}")),
           "r.json: removed_relations[0].type: unknown relation type \"refutes\" (expected "
           "contradicts or supports)", "removed link of an unknown type");
    is_str(json_err("r.json", RM_ART("", "{\"type\": \"contradicts\", \"from\": \"C9\", \"to\": \"Q1\"}")),
           "r.json: removed_relations[0].from: unknown id \"C9\" (no quote or claim in this file "
           "has it)", "removed link from an unknown id");
    is_str(json_err("r.json", RM_ART("", "{\"type\": \"contradicts\", \"from\": \"C2\", \"to\": \"E1\"}")),
           "r.json: removed_relations[0].to: \"E1\" is an entity; relations join quotes and claims",
           "removed link to an entity");
    is_str(json_err("r.json", RM_ART("", "{\"type\": \"contradicts\", \"from\": \"C2\"}")),
           "r.json: removed_relations[0]: missing \"to\"", "removed link without to");
    is_str(json_err("r.json", RM_ART("", "{\"type\": \"supports\", \"from\": \"C2\", \"to\": \"C2\"}")),
           "r.json: removed_relations[0]: relation from \"C2\" to itself",
           "removed link of a claim and itself");
    is_str(json_err("r.json", RM_ART("", "\"C2\"")),
           "r.json: removed_relations[0]: expected an object, found a string",
           "removed link that is no object");
}

int main(void)
{
    test_check_input();
    test_detect();
    test_plain();
    test_json_import();
    test_json_errors();
    test_json_roundtrip();
    test_json_removed();
    test_brat_import();
    test_brat_errors();
    test_brat_roundtrip();
    return done_testing();
}
