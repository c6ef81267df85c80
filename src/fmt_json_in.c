/*
** fmt_json_in.c: the contra JSON importer (see DESIGN.md for the format).
**
** Parsing is SQLite's: json_each() on a private in-memory connection walks
** every object and array, with the document always a bound parameter.
** What SQLite 3.40 cannot do is say WHERE a document is broken (it has no
** json_error_position), so a small strict RFC 8259 syntax checker runs
** first.  It also finds the top-level values, which is how JSON Lines is
** told apart from one object or one array.
**
** Everything is validated before anything is returned: types, spans
** against the text, names from the model's tables, unique ids, and every
** reference.  Relation ends are looked up in their own object first, then
** in the other objects of the file (how the sample library links its
** articles); an end found in no object, or in several others, is an error.
** Cross-object ends stay unresolved here (index -1, xid set): import.c
** ties them up once the articles have library ids.
**
** Messages name the file and the place: "a.json:3:17: ..." for syntax,
** "a.json: article 2: claims[3].span: ..." for content ("a.jsonl:4: ..."
** for JSON Lines, and no article number for a file of one object).
*/
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats.h"
#include "import.h"
#include "text.h"

/* ------------------------------------------------------------------ */
/* The syntax checker.                                                 */

/* Deeper than this is no article; SQLite's own limit is near it too. */
#define JSON_MAX_DEPTH 1000

typedef struct jtop {
    size_t start, end;     /* byte range of one top-level value */
    int line;
    char type;             /* '{', '[', or 'v' for anything else */
} jtop_t;

typedef struct jcheck {
    const char *s;
    size_t len, pos;
    const char *name;
    err_t *e;
    int line0, col0;       /* where s[0] is: 1, 1 but for a stream */
} jcheck_t;

/* Line and code-point column (both 1-based) of a byte offset. */
static void line_col(const jcheck_t *j, size_t pos, int *line, int *col)
{
    size_t l = (size_t)j->line0, c = (size_t)j->col0;
    text_line_col(j->s, pos, &l, &c);
    *line = l > INT_MAX ? INT_MAX : (int)l;
    *col = c > INT_MAX ? INT_MAX : (int)c;
}

/* What the checker found at pos, for "found ..." in a message. */
static void describe(const jcheck_t *j, size_t pos, char *buf, size_t n)
{
    if (pos >= j->len) {
        snprintf(buf, n, "the end of the file");
        return;
    }
    unsigned char c = (unsigned char)j->s[pos];
    if (c < 0x20 || c == 0x7f) {
        snprintf(buf, n, "control character U+%04X", c);
    } else if (c < 0x80) {
        snprintf(buf, n, "'%c'", c);
    } else {
        size_t k = 1;
        while (k < 4 && pos + k < j->len && ((unsigned char)j->s[pos + k] & 0xC0) == 0x80)
            k++;
        snprintf(buf, n, "'%.*s'", (int)k, j->s + pos);
    }
}

static int jfail(jcheck_t *j, size_t pos, const char *expected)
{
    int line, col;
    char found[32];
    line_col(j, pos, &line, &col);
    describe(j, pos, found, sizeof found);
    const char *hint = "";
    if (pos < j->len && j->s[pos] == '\'')
        hint = " (JSON strings take double quotes)";
    err_set(j->e, "%s:%d:%d: expected %s, found %s%s", j->name, line, col, expected, found, hint);
    return -1;
}

static void skip_ws(jcheck_t *j)
{
    while (j->pos < j->len) {
        char c = j->s[j->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        j->pos++;
    }
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The value of the four hex digits at s (is_hex has checked them). */
static unsigned hex4(const char *s)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++)
        v = v * 16 + (unsigned)(s[k] <= '9' ? s[k] - '0' : (s[k] | 0x20) - 'a' + 10);
    return v;
}

static int check_string(jcheck_t *j)
{
    size_t open = j->pos++;
    while (j->pos < j->len) {
        unsigned char c = (unsigned char)j->s[j->pos];
        if (c == '"') {
            j->pos++;
            return 0;
        }
        if (c < 0x20) {
            int line, col;
            line_col(j, j->pos, &line, &col);
            err_set(j->e, "%s:%d:%d: control character U+%04X inside a string "
                    "(write it as %s)", j->name, line, col, c,
                    c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : "\\u00XX");
            return -1;
        }
        if (c == '\\') {
            j->pos++;
            if (j->pos >= j->len)
                break;
            char x = j->s[j->pos];
            if (x == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (j->pos + k >= j->len || !is_hex(j->s[j->pos + k]))
                        return jfail(j, j->pos + k, "four hex digits after \\u");
                /* SQLite would cut the string short at a NUL. */
                if (memcmp(j->s + j->pos + 1, "0000", 4) == 0) {
                    int line, col;
                    line_col(j, j->pos - 1, &line, &col);
                    err_set(j->e, "%s:%d:%d: \\u0000 (a NUL character) is not allowed in "
                            "contra JSON", j->name, line, col);
                    return -1;
                }
                /* A UTF-16 surrogate stands for a character only as a
                ** high one followed by a low one; alone, SQLite turns it
                ** into bytes that are not UTF-8.  Said here, where the
                ** line and column are known. */
                unsigned u = hex4(j->s + j->pos + 1);
                if (u >= 0xD800 && u <= 0xDFFF) {
                    size_t lo = j->pos + 5;     /* where a low half would be */
                    bool paired = u <= 0xDBFF && lo + 5 < j->len && j->s[lo] == '\\'
                                  && j->s[lo + 1] == 'u' && is_hex(j->s[lo + 2])
                                  && is_hex(j->s[lo + 3]) && is_hex(j->s[lo + 4])
                                  && is_hex(j->s[lo + 5]) && hex4(j->s + lo + 2) >= 0xDC00
                                  && hex4(j->s + lo + 2) <= 0xDFFF;
                    if (!paired) {
                        int line, col;
                        line_col(j, j->pos - 1, &line, &col);
                        err_set(j->e, "%s:%d:%d: \\u%.4s is half of a UTF-16 surrogate pair "
                                "(a \\uD800-\\uDBFF escape must be followed by a "
                                "\\uDC00-\\uDFFF one)", j->name, line, col, j->s + j->pos + 1);
                        return -1;
                    }
                    j->pos += 6;     /* the low half, checked here */
                }
                j->pos += 5;
                continue;
            }
            if (!strchr("\"\\/bfnrt", x) || x == '\0')
                return jfail(j, j->pos, "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) after '\\'");
            j->pos++;
            continue;
        }
        j->pos++;
    }
    int line, col;
    line_col(j, open, &line, &col);
    err_set(j->e, "%s:%d:%d: string never ends (no closing '\"' before the end of the file)",
            j->name, line, col);
    return -1;
}

static bool is_digit(const jcheck_t *j, size_t p)
{
    return p < j->len && j->s[p] >= '0' && j->s[p] <= '9';
}

static int check_number(jcheck_t *j)
{
    if (j->s[j->pos] == '-')
        j->pos++;
    if (!is_digit(j, j->pos))
        return jfail(j, j->pos, "a digit");
    if (j->s[j->pos] == '0') {
        j->pos++;
        if (is_digit(j, j->pos))
            return jfail(j, j->pos, "no digit after a leading 0");
    } else {
        while (is_digit(j, j->pos))
            j->pos++;
    }
    if (j->pos < j->len && j->s[j->pos] == '.') {
        j->pos++;
        if (!is_digit(j, j->pos))
            return jfail(j, j->pos, "a digit after the decimal point");
        while (is_digit(j, j->pos))
            j->pos++;
    }
    if (j->pos < j->len && (j->s[j->pos] == 'e' || j->s[j->pos] == 'E')) {
        j->pos++;
        if (j->pos < j->len && (j->s[j->pos] == '+' || j->s[j->pos] == '-'))
            j->pos++;
        if (!is_digit(j, j->pos))
            return jfail(j, j->pos, "a digit in the exponent");
        while (is_digit(j, j->pos))
            j->pos++;
    }
    return 0;
}

#define VALUE_EXPECTED "a value (object, array, string, number, true, false or null)"

/* One value starting at j->pos (after white space), iteratively so that
** deep nesting costs heap, not stack. */
static int check_value(jcheck_t *j)
{
    char stack[JSON_MAX_DEPTH];
    int depth = 0;

    skip_ws(j);
    for (;;) {
        /* Parse a value. */
        if (j->pos >= j->len)
            return jfail(j, j->pos, VALUE_EXPECTED);
        char c = j->s[j->pos];
        if (c == '{' || c == '[') {
            if (depth == JSON_MAX_DEPTH) {
                int line, col;
                line_col(j, j->pos, &line, &col);
                err_set(j->e, "%s:%d:%d: nested deeper than %d levels", j->name, line, col,
                        JSON_MAX_DEPTH);
                return -1;
            }
            stack[depth++] = c;
            j->pos++;
            skip_ws(j);
            if (c == '{') {
                if (j->pos < j->len && j->s[j->pos] == '}') {
                    j->pos++;
                    depth--;
                    goto after_value;
                }
                goto member_name;
            }
            if (j->pos < j->len && j->s[j->pos] == ']') {
                j->pos++;
                depth--;
                goto after_value;
            }
            continue;     /* first element */
        } else if (c == '"') {
            if (check_string(j))
                return -1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (check_number(j))
                return -1;
        } else if (j->len - j->pos >= 4 && memcmp(j->s + j->pos, "true", 4) == 0) {
            j->pos += 4;
        } else if (j->len - j->pos >= 5 && memcmp(j->s + j->pos, "false", 5) == 0) {
            j->pos += 5;
        } else if (j->len - j->pos >= 4 && memcmp(j->s + j->pos, "null", 4) == 0) {
            j->pos += 4;
        } else {
            return jfail(j, j->pos, VALUE_EXPECTED);
        }

    after_value:
        for (;;) {
            if (depth == 0)
                return 0;
            skip_ws(j);
            char close = stack[depth - 1] == '{' ? '}' : ']';
            if (j->pos < j->len && j->s[j->pos] == close) {
                j->pos++;
                depth--;
                continue;
            }
            if (j->pos < j->len && j->s[j->pos] == ',') {
                j->pos++;
                skip_ws(j);
                if (stack[depth - 1] == '{')
                    goto member_name;
                if (j->pos < j->len && j->s[j->pos] == ']')
                    return jfail(j, j->pos, "a value after ',' (a trailing comma is not allowed)");
                break;    /* next element */
            }
            return jfail(j, j->pos, close == '}' ? "',' or '}' after an object member"
                                                 : "',' or ']' after an array element");
        }
        continue;

    member_name:
        if (j->pos >= j->len || j->s[j->pos] != '"') {
            if (j->pos < j->len && j->s[j->pos] == '}')
                return jfail(j, j->pos, "a member name after ',' (a trailing comma is not allowed)");
            return jfail(j, j->pos, "a member name in double quotes");
        }
        if (check_string(j))
            return -1;
        skip_ws(j);
        if (j->pos >= j->len || j->s[j->pos] != ':')
            return jfail(j, j->pos, "':' after the member name");
        j->pos++;
        skip_ws(j);
    }
}

/* Check the whole document and list its top-level values: one value, or
** several objects (JSON Lines).  The caller frees *tops, error or not. */
static int check_document(const char *name, const char *s, size_t len,
                          jtop_t **tops, size_t *ntops, err_t *e)
{
    jcheck_t j = { s, len, 0, name, e, 1, 1 };
    size_t cap = 0, lpos = 0;
    int lline = 1;
    *tops = NULL;
    *ntops = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        j.pos = 3;
    for (;;) {
        skip_ws(&j);
        if (j.pos >= len)
            break;
        if (*ntops > 0) {
            /* More after a complete value: only JSON Lines allows that. */
            if ((*tops)[0].type != '{')
                return jfail(&j, j.pos, (*tops)[0].type == '['
                             ? "the end of the file after the array"
                             : "the end of the file after the value");
            if (s[j.pos] != '{')
                return jfail(&j, j.pos, "the end of the file, or another object on a new line (JSON Lines)");
        }
        jtop_t t;
        t.start = j.pos;
        t.type = s[j.pos] == '{' || s[j.pos] == '[' ? s[j.pos] : 'v';
        /* Count lines incrementally: JSON Lines files have many values. */
        for (; lpos < j.pos; lpos++)
            lline += s[lpos] == '\n';
        t.line = lline;
        if (check_value(&j))
            return -1;
        t.end = j.pos;
        grow_array((void **)tops, &cap, *ntops + 1, sizeof **tops);
        (*tops)[(*ntops)++] = t;
    }
    if (*ntops == 0) {
        err_set(e, "%s: no JSON value in the file", name);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Reading values through SQLite.                                      */

/* One member of an object or element of an array, as json_each gives it. */
typedef struct jval {
    char *key;             /* member name, NULL for array elements */
    int type;              /* J_* below */
    char *text;            /* strings: the unescaped text; objects and arrays: JSON */
    size_t len;
    int64_t num;           /* integers */
    bool big;              /* an integer literal too big for 64 bits (a J_REAL) */
} jval_t;

enum { J_NULL, J_TRUE, J_FALSE, J_INT, J_REAL, J_TEXT, J_ARRAY, J_OBJECT };
static const char *const jtype_names[] = {
    "null", "true", "false", "an integer", "a number", "a string", "an array", "an object"
};

typedef struct jlist {
    jval_t *v;
    size_t n, cap;
} jlist_t;

typedef struct jctx {
    const char *name;
    sqlite3 *db;
    sqlite3_stmt *each;
    err_t *e;
    char where[160];       /* "a.json: article 2: " */
} jctx_t;

static void jlist_free(jlist_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].key);
        free(l->v[i].text);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int type_code(const char *t)
{
    static const char *const names[] = {
        "null", "true", "false", "integer", "real", "text", "array", "object"
    };
    for (int i = 0; i < 8; i++)
        if (t && strcmp(t, names[i]) == 0)
            return i;
    return J_NULL;
}

/* The members or elements of the JSON object or array in json[0..len). */
static int jload(jctx_t *c, const char *json, size_t len, jlist_t *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_reset(c->each);
    sqlite3_bind_text(c->each, 1, json, (int)len, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(c->each)) == SQLITE_ROW) {
        grow_array((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
        jval_t *v = &out->v[out->n++];
        memset(v, 0, sizeof *v);
        if (sqlite3_column_type(c->each, 0) == SQLITE_TEXT)
            v->key = xstrdup((const char *)sqlite3_column_text(c->each, 0));
        v->type = type_code((const char *)sqlite3_column_text(c->each, 1));
        if (v->type == J_INT) {
            /* A literal too big for 64 bits comes back as a real. */
            if (sqlite3_column_type(c->each, 2) == SQLITE_INTEGER)
                v->num = sqlite3_column_int64(c->each, 2);
            else {
                v->type = J_REAL;
                v->big = true;
            }
        }
        /* A number's text for a message ("found 1.5"). */
        if (v->type == J_TEXT || v->type == J_ARRAY || v->type == J_OBJECT || v->type == J_REAL) {
            const unsigned char *t = sqlite3_column_text(c->each, 2);
            v->len = (size_t)sqlite3_column_bytes(c->each, 2);
            v->text = xstrndup(t ? (const char *)t : "", v->len);
        }
    }
    sqlite3_reset(c->each);
    sqlite3_clear_bindings(c->each);
    if (rc != SQLITE_DONE) {
        err_set(c->e, "%s: cannot read the JSON: %s", c->name, sqlite3_errmsg(c->db));
        jlist_free(out);
        return -1;
    }
    return 0;
}

/* A value quoted in a message, cut to a length that fits on a line. */
static const char *clip(const char *s, char *buf, size_t n)
{
    size_t cps = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++cps > 40)
            break;
        if (i + 4 >= n)
            break;
        buf[i] = s[i];
    }
    buf[i] = '\0';
    if (s[i])    /* cut at the start of a character: 40 of them fit in n */
        snprintf(buf + i, n - i, "\xE2\x80\xA6");
    return buf;
}
#define CLIP(s) clip((s), (char[200]){0}, 200)

static int cfail(jctx_t *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int cfail(jctx_t *c, const char *path, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(c->e, "%s%s%s%s", c->where, path, *path ? ": " : "", msg);
    return -1;
}

/* Strings: no NUL (a \u0000 escape) and valid UTF-8.  The syntax
** checker has refused both escapes that give them, with the line and
** column; this is the last guard, so it says only which value. */
static int check_str(jctx_t *c, const char *path, const jval_t *v)
{
    if (memchr(v->text, 0, v->len))
        return cfail(c, path, "NUL character (\\u0000) in the string");
    if (utf8_invalid_at(v->text, v->len) >= 0)
        return cfail(c, path, "the string is not valid UTF-8");
    return 0;
}

static int want(jctx_t *c, const char *path, const jval_t *v, int type, const char *what)
{
    if (v->type == type)
        return type == J_TEXT ? check_str(c, path, v) : 0;
    return cfail(c, path, "expected %s, found %s", what, jtype_names[v->type]);
}

/* A member by name; duplicates were refused when the object was loaded. */
static const jval_t *member(const jlist_t *o, const char *key)
{
    for (size_t i = 0; i < o->n; i++)
        if (o->v[i].key && strcmp(o->v[i].key, key) == 0)
            return &o->v[i];
    return NULL;
}

static int cmp_key(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Load an object, refusing duplicate member names (SQLite would quietly
** take one of them). */
static int jobject(jctx_t *c, const char *path, const jval_t *v, jlist_t *o)
{
    if (v->type != J_OBJECT)
        return cfail(c, path, "expected an object, found %s", jtype_names[v->type]);
    if (jload(c, v->text, v->len, o))
        return -1;
    if (o->n < 2)
        return 0;
    const char **keys = xmalloc(o->n * sizeof *keys);
    for (size_t i = 0; i < o->n; i++)
        keys[i] = o->v[i].key;
    qsort(keys, o->n, sizeof *keys, cmp_key);
    for (size_t i = 1; i < o->n; i++)
        if (strcmp(keys[i], keys[i - 1]) == 0) {
            cfail(c, path, "member \"%s\" appears twice", CLIP(keys[i]));
            free(keys);
            jlist_free(o);
            return -1;
        }
    free(keys);
    return 0;
}

static int jarray(jctx_t *c, const char *path, const jval_t *v, jlist_t *a)
{
    if (v->type != J_ARRAY)
        return cfail(c, path, "expected an array, found %s", jtype_names[v->type]);
    return jload(c, v->text, v->len, a);
}

/* An optional string member: NULL and 0 when absent or null. */
static int opt_str(jctx_t *c, const char *path, const jlist_t *o, const char *key, char **out)
{
    const jval_t *v = member(o, key);
    *out = NULL;
    if (!v || v->type == J_NULL)
        return 0;
    char p[256];
    snprintf(p, sizeof p, "%s%s%s", path, *path ? "." : "", key);
    if (want(c, p, v, J_TEXT, "a string"))
        return -1;
    *out = xstrndup(v->text, v->len);
    return 0;
}

/* A [start, end] pair in code points, checked against the text and
** converted to bytes. */
static int get_span(jctx_t *c, const char *path, const jval_t *v, const cpmap_t *m, span_t *out)
{
    jlist_t a;
    if (v->type != J_ARRAY)
        return cfail(c, path, "expected [start, end], found %s", jtype_names[v->type]);
    if (jload(c, v->text, v->len, &a))
        return -1;
    int rc = -1;
    if (a.n != 2) {
        cfail(c, path, "expected [start, end], found an array of %zu", a.n);
        goto out;
    }
    for (int k = 0; k < 2; k++)
        if (a.v[k].big) {
            /* "expected an integer, found a number" said of an integer
            ** with twenty digits puzzled a user. */
            cfail(c, path, "%s: the integer is too large (the text has %zu code points)",
                  k ? "end" : "start", m->ncp);
            goto out;
        } else if (a.v[k].type != J_INT) {
            cfail(c, path, "%s: expected an integer, found %s", k ? "end" : "start",
                  a.v[k].type == J_REAL ? CLIP(a.v[k].text) : jtype_names[a.v[k].type]);
            goto out;
        }
    int64_t s = a.v[0].num, e = a.v[1].num;
    if (s < 0)
        cfail(c, path, "start %lld is negative", (long long)s);
    else if (s > e)
        cfail(c, path, "start %lld is after end %lld", (long long)s, (long long)e);
    else if ((uint64_t)e > m->ncp)
        cfail(c, path, "end %lld is past the end of the text (%zu code points)",
              (long long)e, m->ncp);
    else {
        out->start = cpmap_to_byte(m, s);
        out->end = cpmap_to_byte(m, e);
        rc = 0;
    }
out:
    jlist_free(&a);
    return rc;
}

static int opt_span(jctx_t *c, const char *path, const jlist_t *o, const char *key,
                    const cpmap_t *m, span_t *out)
{
    const jval_t *v = member(o, key);
    *out = SPAN_NONE;
    if (!v || v->type == J_NULL)
        return 0;
    char p[256];
    snprintf(p, sizeof p, "%s.%s", path, key);
    return get_span(c, p, v, m, out);
}

/* A name from one of the model's tables; expected lists the choices. */
static int get_name(jctx_t *c, const char *path, const jlist_t *o, const char *key,
                    int (*parse)(const char *), const char *what,
                    const char *const *names, int nnames, int dflt, int *out)
{
    const jval_t *v = member(o, key);
    char p[256];
    snprintf(p, sizeof p, "%s.%s", path, key);
    *out = dflt;
    if (!v || v->type == J_NULL) {
        if (dflt >= 0)
            return 0;
        return cfail(c, path, "missing \"%s\"", key);
    }
    if (want(c, p, v, J_TEXT, "a string"))
        return -1;
    int r = parse(v->text);
    if (r >= 0) {
        *out = r;
        return 0;
    }
    char list[256] = "";
    for (int i = 0; i < nnames; i++) {
        size_t n = strlen(list);
        snprintf(list + n, sizeof list - n, "%s%s", i == 0 ? "" : i == nnames - 1 ? " or " : ", ",
                 names[i]);
    }
    return cfail(c, p, "unknown %s \"%s\" (expected %s)", what, CLIP(v->text), list);
}

#define X_NAME3(e, n, l) n,
#define X_NAME2(e, n) n,
static const char *const kind_names[] = { ENTITY_KINDS(X_NAME3) };
static const char *const status_names[] = { STATUSES(X_NAME3) };
static const char *const reltype_names[] = { RELATION_TYPES(X_NAME2) };
static const char *const origin_names[] = { ORIGINS(X_NAME2) };

/* ids within one object: entities, quotes and claims share one space. */
typedef struct idref {
    const char *id;
    int what;              /* 0 entity, 1 assertion */
    int index;
    const char *path;      /* where it was defined, for "appears twice" */
} idref_t;

static int cmp_idref(const void *x, const void *y)
{
    const idref_t *a = x, *b = y;
    int c = strcmp(a->id, b->id);
    if (c)
        return c;
    return a->index - b->index;
}

static const idref_t *find_id(const idref_t *ids, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(ids[mid].id, id);
        if (c == 0)
            return &ids[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int get_id(jctx_t *c, const char *path, const jlist_t *o, char **out)
{
    const jval_t *v = member(o, "id");
    *out = NULL;
    if (!v || v->type == J_NULL)
        return cfail(c, path, "missing \"id\"");
    char p[256];
    snprintf(p, sizeof p, "%s.id", path);
    if (want(c, p, v, J_TEXT, "a string"))
        return -1;
    if (v->len == 0)
        return cfail(c, p, "empty id");
    *out = xstrndup(v->text, v->len);
    return 0;
}

/* A cross-object relation end to resolve once every object is read. */
typedef struct xref {
    size_t article;
    char *path;            /* "relations[2].to", for the message */
    char *where;           /* the context prefix of that article */
    const char *xid;
} xref_t;

typedef struct xrefs {
    xref_t *v;
    size_t n, cap;
} xrefs_t;

static int read_entities(jctx_t *c, const jval_t *v, const cpmap_t *m, article_t *a)
{
    jlist_t arr;
    if (jarray(c, "entities", v, &arr))
        return -1;
    int rc = -1;
    for (size_t i = 0; i < arr.n; i++) {
        char path[64], p[128];
        snprintf(path, sizeof path, "entities[%zu]", i);
        jlist_t o;
        if (jobject(c, path, &arr.v[i], &o))
            goto out;
        entity_t *en = article_add_entity(a);
        int kind;
        int r = get_id(c, path, &o, &en->xid);
        if (!r) {
            const jval_t *name = member(&o, "name");
            snprintf(p, sizeof p, "%s.name", path);
            if (!name || name->type == J_NULL)
                r = cfail(c, path, "missing \"name\"");
            else if (!(r = want(c, p, name, J_TEXT, "a string")))
                en->name = xstrndup(name->text, name->len);
            if (!r && en->name && !*en->name)
                r = cfail(c, p, "empty name");
        }
        if (!r)
            r = get_name(c, path, &o, "kind", entity_kind_parse, "kind", kind_names,
                         KIND_COUNT, KIND_OTHER, &kind);
        if (!r)
            en->kind = (entity_kind_t)kind;
        const jval_t *al = r ? NULL : member(&o, "aliases");
        if (al && al->type != J_NULL) {
            jlist_t aa;
            snprintf(p, sizeof p, "%s.aliases", path);
            if ((r = jarray(c, p, al, &aa)) == 0) {
                for (size_t k = 0; k < aa.n && !r; k++) {
                    char q[160];
                    snprintf(q, sizeof q, "%s[%zu]", p, k);
                    /* The library refuses it too, but could not say where. */
                    if (!(r = want(c, q, &aa.v[k], J_TEXT, "a string")) && aa.v[k].len == 0)
                        r = cfail(c, q, "empty alias");
                    if (!r)
                        entity_add_alias(en, aa.v[k].text);
                }
                jlist_free(&aa);
            }
        }
        const jval_t *mv = r ? NULL : member(&o, "mentions");
        if (mv && mv->type != J_NULL) {
            jlist_t ma;
            snprintf(p, sizeof p, "%s.mentions", path);
            if ((r = jarray(c, p, mv, &ma)) == 0) {
                for (size_t k = 0; k < ma.n && !r; k++) {
                    char q[160];
                    span_t s;
                    snprintf(q, sizeof q, "%s[%zu]", p, k);
                    if (!(r = get_span(c, q, &ma.v[k], m, &s)))
                        entity_add_mention(en, s);
                }
                jlist_free(&ma);
            }
        }
        jlist_free(&o);
        if (r)
            goto out;
    }
    rc = 0;
out:
    jlist_free(&arr);
    return rc;
}

/* Quotes and claims; speaker ids are kept in spk[] for later resolution. */
static int read_assertions(jctx_t *c, const jval_t *v, const cpmap_t *m, article_t *a,
                           assertion_kind_t kind, char ***spk, size_t *nspk)
{
    const char *key = kind == ASSERT_QUOTE ? "quotes" : "claims";
    const char *who = kind == ASSERT_QUOTE ? "speaker" : "claimant";
    jlist_t arr;
    if (jarray(c, key, v, &arr))
        return -1;
    int rc = -1;
    for (size_t i = 0; i < arr.n; i++) {
        char path[64];
        snprintf(path, sizeof path, "%s[%zu]", key, i);
        jlist_t o;
        if (jobject(c, path, &arr.v[i], &o))
            goto out;
        assertion_t *q = article_add_assertion(a);
        q->kind = kind;
        q->direct = kind == ASSERT_QUOTE;
        *spk = xrealloc(*spk, (*nspk + 1) * sizeof **spk);
        char **sp = &(*spk)[(*nspk)++];
        *sp = NULL;
        int st = STATUS_UNREVIEWED;
        int r = get_id(c, path, &o, &q->xid);
        if (!r) {
            const jval_t *sv = member(&o, "span");
            char p[128];
            snprintf(p, sizeof p, "%s.span", path);
            if (!sv || sv->type == J_NULL)
                r = cfail(c, path, "missing \"span\"");
            else
                r = get_span(c, p, sv, m, &q->span);
        }
        if (!r)
            r = opt_span(c, path, &o, "speaker_span", m, &q->speaker_span);
        if (!r)
            r = opt_span(c, path, &o, "cue_span", m, &q->cue_span);
        if (!r)
            r = opt_str(c, path, &o, who, sp);
        if (!r)
            r = get_name(c, path, &o, "status", status_parse, "status", status_names,
                         STATUS_COUNT, STATUS_UNREVIEWED, &st);
        q->status = (status_t)st;
        if (!r)
            r = opt_str(c, path, &o, "note", &q->note);
        if (!r && kind == ASSERT_QUOTE) {
            const jval_t *d = member(&o, "direct");
            if (d && d->type != J_NULL) {
                if (d->type == J_TRUE || d->type == J_FALSE)
                    q->direct = d->type == J_TRUE;
                else
                    r = cfail(c, path, "direct: expected true or false, found %s",
                              jtype_names[d->type]);
            }
        }
        jlist_free(&o);
        if (r)
            goto out;
    }
    rc = 0;
out:
    jlist_free(&arr);
    return rc;
}

static int cmp_rel(const void *x, const void *y)
{
    const relation_t *p = *(const relation_t *const *)x, *q = *(const relation_t *const *)y;
    int d;
    if (p->type != q->type)
        return p->type < q->type ? -1 : 1;
    if ((d = strcmp(p->from.xid, q->from.xid)) != 0 || (d = strcmp(p->to.xid, q->to.xid)) != 0)
        return d;
    return p < q ? -1 : p > q;     /* the first one read first */
}

/* The same relation (type, from, to) twice in one object is one
** relation, as the library stores it: the later ones are dropped, with
** the ends they set aside (xr from xr_at[0]; relation i's ones from
** xr_at[i]), so that "added" counts what is stored (it said "2
** relations" of a file that stored 1).  Their origin is merged as the
** store would merge it: one not "auto" wins.  Sorted, not compared pair
** by pair, since an object may hold many thousands of them. */
static void drop_repeated_relations(relation_t *v, size_t *nv, xrefs_t *xr,
                                    const size_t *xr_at)
{
    size_t n = *nv;
    if (n < 2)
        return;
    relation_t **by = xmalloc(n * sizeof *by);
    for (size_t i = 0; i < n; i++)
        by[i] = &v[i];
    qsort(by, n, sizeof *by, cmp_rel);
    bool *drop = xcalloc(n, sizeof *drop);
    for (size_t i = 1, first = 0; i < n; i++) {
        relation_t *p = by[first], *q = by[i];
        if (p->type != q->type || strcmp(p->from.xid, q->from.xid) != 0
            || strcmp(p->to.xid, q->to.xid) != 0) {
            first = i;
            continue;
        }
        if (p->origin == ORIGIN_AUTO)
            p->origin = q->origin;
        drop[q - v] = true;
    }
    size_t keep = 0, xkeep = xr_at[0];
    for (size_t i = 0; i < n; i++) {
        for (size_t x = xr_at[i]; x < xr_at[i + 1]; x++) {
            if (drop[i]) {
                free(xr->v[x].path);
                free(xr->v[x].where);
            } else {
                xr->v[xkeep++] = xr->v[x];
            }
        }
        if (drop[i])
            relation_clear(&v[i]);
        else
            v[keep++] = v[i];
    }
    xr->n = xkeep;
    *nv = keep;
    free(drop);
    free(by);
}

/* "relations", or "removed_relations" (links a person removed: no
** origin, and kept apart in a->removed), with ends resolved within the
** object; an end in another object goes to xr, to be resolved once every
** object is read.  Older contras ignore "removed_relations", as they do
** any member they do not know: they learn of no removal, and never take
** a removed link for a live one. */
static int read_relations(jctx_t *c, const jlist_t *o, const char *name, article_t *a,
                          const idref_t *ids, size_t nids, size_t artno, xrefs_t *xr)
{
    bool removed = strcmp(name, "relations") != 0;
    const jval_t *v = member(o, name);
    if (!v || v->type == J_NULL)
        return 0;
    jlist_t arr;
    if (jarray(c, name, v, &arr))
        return -1;
    size_t *xr_at = xmalloc((arr.n + 1) * sizeof *xr_at);
    int r = 0;
    for (size_t i = 0; i < arr.n && !r; i++) {
        char path[64];
        snprintf(path, sizeof path, "%s[%zu]", name, i);
        jlist_t ro;
        if ((r = jobject(c, path, &arr.v[i], &ro)) != 0)
            break;
        relation_t *rel = removed ? article_add_removed(a) : article_add_relation(a);
        xr_at[i] = xr->n;
        int type = 0, origin = ORIGIN_IMPORT;
        r = get_name(c, path, &ro, "type", relation_type_parse, "relation type",
                     reltype_names, REL_COUNT, -1, &type);
        if (!r && !removed)
            r = get_name(c, path, &ro, "origin", origin_parse, "origin", origin_names,
                         ORIGIN_COUNT, ORIGIN_IMPORT, &origin);
        rel->type = (relation_type_t)type;
        rel->origin = (origin_t)origin;
        for (int end = 0; end < 2 && !r; end++) {
            const char *key = end ? "to" : "from";
            rel_end_t *re = end ? &rel->to : &rel->from;
            char p[96];
            snprintf(p, sizeof p, "%s.%s", path, key);
            const jval_t *ev = member(&ro, key);
            if (!ev || ev->type == J_NULL) {
                r = cfail(c, path, "missing \"%s\"", key);
                break;
            }
            if ((r = want(c, p, ev, J_TEXT, "a string")) != 0)
                break;
            re->xid = xstrndup(ev->text, ev->len);
            const idref_t *id = find_id(ids, nids, re->xid);
            if (id && id->what == 0) {
                r = cfail(c, p, "\"%s\" is an entity; relations join quotes and claims",
                          CLIP(re->xid));
            } else if (id) {
                re->index = id->index;
            } else {
                grow_array((void **)&xr->v, &xr->cap, xr->n + 1, sizeof *xr->v);
                xr->v[xr->n++] = (xref_t){ artno, xstrdup(p), xstrdup(c->where), re->xid };
            }
        }
        if (!r && rel->from.index >= 0 && rel->from.index == rel->to.index)
            r = cfail(c, path, "relation from \"%s\" to itself", CLIP(rel->from.xid));
        jlist_free(&ro);
    }
    if (!r) {
        xr_at[arr.n] = xr->n;
        if (removed)
            drop_repeated_relations(a->removed, &a->nremoved, xr, xr_at);
        else
            drop_repeated_relations(a->relations, &a->nrelations, xr, xr_at);
    }
    free(xr_at);
    jlist_free(&arr);
    return r ? -1 : 0;
}

/* Whether removed link x is live link r: the same type and ends, or
** either way round for a contradiction (the store's rule). */
static bool same_link(const relation_t *x, const relation_t *r)
{
    if (x->type != r->type)
        return false;
    return (x->from.index == r->from.index && x->to.index == r->to.index)
           || (x->type == REL_CONTRADICTS && x->from.index == r->to.index
               && x->to.index == r->from.index);
}

/* A link an object states both live and removed (a file made by hand or
** by another program: contra writes no such thing) is decided here, as
** the store would decide it, so that what the import says it added is
** what it stores: a person's or an import's link stays and the removal
** is dropped; the annotator's link goes.  Links within the object only;
** the store decides the rest (store_reject_relation).  Removals are
** few, a person's work, so each is compared with every link. */
static void settle_removed(article_t *a)
{
    size_t keep = 0;
    for (size_t i = 0; i < a->nremoved; i++) {
        relation_t *x = &a->removed[i];
        bool live = false;
        if (x->from.index >= 0 && x->to.index >= 0) {
            size_t k = 0;
            for (size_t j = 0; j < a->nrelations; j++) {
                relation_t *r = &a->relations[j];
                if (same_link(x, r) && r->origin == ORIGIN_AUTO) {
                    relation_clear(r);
                    continue;
                }
                live |= same_link(x, r);
                a->relations[k++] = *r;
            }
            a->nrelations = k;
        }
        if (live)
            relation_clear(x);
        else
            a->removed[keep++] = *x;
    }
    a->nremoved = keep;
}

/* One article object: everything but cross-object relation ends. */
static article_t *read_article(jctx_t *c, const jval_t *obj, size_t artno, xrefs_t *xr)
{
    jlist_t o;
    cpmap_t m = {0};
    idref_t *ids = NULL;
    size_t nids = 0;
    char **spk = NULL;
    size_t nspk = 0;
    article_t *a = NULL;

    if (jobject(c, "", obj, &o))
        return NULL;
    a = article_new();

    const jval_t *v = member(&o, "contra");
    /* The member's name is quoted, and left out of "written by a newer
    ** contra": "contra: v2.json: contra: written by ..." read as the
    ** program's name twice. */
    if (v && v->type != J_NULL) {
        if (v->type != J_INT && !v->big) {
            cfail(c, "\"contra\"", "expected the format version 1, found %s",
                  jtype_names[v->type]);
            goto fail;
        }
        if (v->big || v->num > 1) {
            if (v->big)
                cfail(c, "", "written by a newer contra (this contra reads format 1)");
            else
                cfail(c, "", "written by a newer contra (format %lld; this contra reads "
                      "format 1)", (long long)v->num);
            goto fail;
        }
        if (v->num < 1) {
            cfail(c, "\"contra\"", "expected the format version 1, found %lld",
                  (long long)v->num);
            goto fail;
        }
    }

    v = member(&o, "text");
    if (!v || v->type == J_NULL) {
        cfail(c, "", "missing \"text\" (the article text)");
        goto fail;
    }
    if (want(c, "text", v, J_TEXT, "a string"))
        goto fail;
    if (v->len == 0) {
        cfail(c, "text", "the article text is empty");
        goto fail;
    }
    a->text = xstrndup(v->text, v->len);
    a->len = v->len;
    cpmap_init(&m, a->text, a->len);

    if (opt_str(c, "", &o, "title", &a->title) || opt_str(c, "", &o, "source", &a->source)
        || opt_str(c, "", &o, "url", &a->url) || opt_str(c, "", &o, "published", &a->published))
        goto fail;
    /* Untitled articles are listed by their first line, as plain text is;
    ** a scraped "date YYYY-MM-DD" prefix stays in the text (the offsets
    ** count it) but gives the date if none is given, and is no part of
    ** the title. */
    if (!a->title || !a->published) {
        char date[11];
        size_t plen = date_prefix(a->text, a->len, date);
        if (!a->title)
            a->title = title_from_text(a->text + plen, a->len - plen);
        if (!a->published && plen)
            a->published = xstrdup(date);
    }
    if (a->published && !iso_date_valid(a->published, strlen(a->published))) {
        cfail(c, "published", "\"%s\" is not a date (YYYY-MM-DD)", CLIP(a->published));
        goto fail;
    }

    if ((v = member(&o, "entities")) && v->type != J_NULL && read_entities(c, v, &m, a))
        goto fail;
    if ((v = member(&o, "quotes")) && v->type != J_NULL
        && read_assertions(c, v, &m, a, ASSERT_QUOTE, &spk, &nspk))
        goto fail;
    if ((v = member(&o, "claims")) && v->type != J_NULL
        && read_assertions(c, v, &m, a, ASSERT_CLAIM, &spk, &nspk))
        goto fail;

    /* The id table: unique ids, then speaker lookups. */
    ids = xmalloc((a->nentities + a->nassertions + 1) * sizeof *ids);
    for (size_t i = 0; i < a->nentities; i++)
        ids[nids++] = (idref_t){ a->entities[i].xid, 0, (int)i, NULL };
    for (size_t i = 0; i < a->nassertions; i++)
        ids[nids++] = (idref_t){ a->assertions[i].xid, 1, (int)i, NULL };
    qsort(ids, nids, sizeof *ids, cmp_idref);
    for (size_t i = 1; i < nids; i++)
        if (strcmp(ids[i].id, ids[i - 1].id) == 0) {
            /* Where both are: with a hundred quotes, the id alone left
            ** the other to be searched for. */
            char at[2][40];
            for (int k = 0; k < 2; k++) {
                const idref_t *r = &ids[i - 1 + (ids[i - 1].what > ids[i].what ? 1 - k : k)];
                int n = 0;
                for (int j = 0; r->what && j < r->index; j++)
                    n += a->assertions[j].kind == a->assertions[r->index].kind;
                snprintf(at[k], sizeof at[k], "%s[%d]", !r->what ? "entities"
                         : a->assertions[r->index].kind == ASSERT_QUOTE ? "quotes" : "claims",
                         r->what ? n : r->index);
            }
            cfail(c, "", "id \"%s\" is used twice, by %s and %s (ids must be unique within "
                  "an article)", CLIP(ids[i].id), at[0], at[1]);
            goto fail;
        }
    {
        size_t nq = 0;
        for (size_t i = 0; i < a->nassertions; i++)
            nq += a->assertions[i].kind == ASSERT_QUOTE;
        for (size_t i = 0; i < a->nassertions; i++) {
            if (!spk[i])
                continue;
            assertion_t *q = &a->assertions[i];
            char path[96];
            if (q->kind == ASSERT_QUOTE)
                snprintf(path, sizeof path, "quotes[%zu].speaker", i);
            else
                snprintf(path, sizeof path, "claims[%zu].claimant", i - nq);
            const idref_t *r = find_id(ids, nids, spk[i]);
            if (!r) {
                cfail(c, path, "unknown id \"%s\" (no entity of this article has it)", CLIP(spk[i]));
                goto fail;
            }
            if (r->what != 0) {
                cfail(c, path, "\"%s\" is a quote or claim, not an entity", CLIP(spk[i]));
                goto fail;
            }
            q->speaker = r->index;
        }
    }

    if (read_relations(c, &o, "relations", a, ids, nids, artno, xr)
        || read_relations(c, &o, "removed_relations", a, ids, nids, artno, xr))
        goto fail;
    settle_removed(a);

    for (size_t i = 0; i < nspk; i++)
        free(spk[i]);
    free(spk);
    free(ids);
    cpmap_free(&m);
    jlist_free(&o);
    return a;

fail:
    for (size_t i = 0; i < nspk; i++)
        free(spk[i]);
    free(spk);
    free(ids);
    cpmap_free(&m);
    jlist_free(&o);
    article_free(a);
    return NULL;
}

/* Cross-object ends: the id must name an assertion in exactly one other
** object.  (The xid pointers in xr point into articles of out; they are
** checked before anything is freed.) */
static int resolve_xrefs(jctx_t *c, article_list_t *l, size_t first, xrefs_t *xr)
{
    if (xr->n == 0)
        return 0;
    size_t n;
    xid_ent_t *all = xid_table(l, first, &n);

    int rc = 0;
    for (size_t k = 0; k < xr->n && rc == 0; k++) {
        const xref_t *x = &xr->v[k];
        size_t found = 0, where = 0;
        for (size_t i = xid_first(all, n, x->xid); i < n && strcmp(all[i].xid, x->xid) == 0; i++)
            if (all[i].article != x->article && found++ == 0)
                where = all[i].article;
        if (found == 1)
            continue;
        snprintf(c->where, sizeof c->where, "%s", x->where);
        if (found == 0)
            rc = cfail(c, x->path, "unknown id \"%s\" (no quote or claim in this file has it)",
                       CLIP(x->xid));
        else
            rc = cfail(c, x->path, "id \"%s\" is ambiguous: it is not in this article and is "
                       "in several others (article %zu and more)", CLIP(x->xid), where - first + 1);
    }
    free(all);
    return rc;
}

int json_import(const char *name, const char *data, size_t len,
                article_list_t *out, err_t *e)
{
    jtop_t *tops = NULL;
    size_t ntops = 0, first = out->n;
    jctx_t c = { name, NULL, NULL, e, "" };
    xrefs_t xr = {0};
    int rc = -1;

    if (len > INT_MAX) {
        err_set(e, "%s: too large for the JSON reader (over 2 GB)", name);
        return -1;
    }
    if (check_document(name, data, len, &tops, &ntops, e)) {
        free(tops);
        return -1;
    }

    if (sqlite3_open_v2(":memory:", &c.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL)
        != SQLITE_OK
        || sqlite3_prepare_v2(c.db, "SELECT key, type, value FROM json_each(?1)", -1,
                              &c.each, NULL) != SQLITE_OK) {
        err_set(e, "%s: cannot start the JSON reader: %s", name,
                c.db ? sqlite3_errmsg(c.db) : "out of memory");
        goto out;
    }

    /* Each top-level value, as SQLite will see it. */
    for (size_t t = 0; t < ntops; t++) {
        jval_t v = { NULL, tops[t].type == '{' ? J_OBJECT : tops[t].type == '[' ? J_ARRAY : J_TEXT,
                     (char *)data + tops[t].start, tops[t].end - tops[t].start, 0, false };
        if (tops[t].type == 'v') {
            err_set(e, "%s:%d: expected an article object or an array of them", name,
                    tops[t].line);
            goto out;
        }
        sqlite3_stmt *ok = NULL;
        int valid = 0;
        if (sqlite3_prepare_v2(c.db, "SELECT json_valid(?1)", -1, &ok, NULL) == SQLITE_OK) {
            sqlite3_bind_text(ok, 1, v.text, (int)v.len, SQLITE_STATIC);
            if (sqlite3_step(ok) == SQLITE_ROW)
                valid = sqlite3_column_int(ok, 0);
        }
        sqlite3_finalize(ok);
        if (!valid) {
            err_set(e, "%s:%d: SQLite cannot parse this JSON value", name, tops[t].line);
            goto out;
        }
        if (v.type == J_OBJECT) {
            if (ntops > 1)
                snprintf(c.where, sizeof c.where, "%s:%d: ", name, tops[t].line);
            else
                snprintf(c.where, sizeof c.where, "%s: ", name);
            article_t *a = read_article(&c, &v, out->n, &xr);
            if (!a)
                goto out;
            article_list_push(out, a);
            continue;
        }
        jlist_t arr;
        if (jload(&c, v.text, v.len, &arr))
            goto out;
        if (arr.n == 0) {
            err_set(e, "%s: no articles (the array is empty)", name);
            jlist_free(&arr);
            goto out;
        }
        for (size_t i = 0; i < arr.n; i++) {
            snprintf(c.where, sizeof c.where, "%s: article %zu: ", name, i + 1);
            if (arr.v[i].type != J_OBJECT) {
                cfail(&c, "", "expected an article object, found %s", jtype_names[arr.v[i].type]);
                jlist_free(&arr);
                goto out;
            }
            article_t *a = read_article(&c, &arr.v[i], out->n, &xr);
            if (!a) {
                jlist_free(&arr);
                goto out;
            }
            article_list_push(out, a);
        }
        jlist_free(&arr);
    }
    if (resolve_xrefs(&c, out, first, &xr))
        goto out;
    for (size_t i = first; i < out->n; i++)
        article_sort(out->v[i]);
    rc = 0;

out:
    for (size_t k = 0; k < xr.n; k++) {
        free(xr.v[k].path);
        free(xr.v[k].where);
    }
    free(xr.v);
    if (rc) {
        /* Nothing half-read is returned. */
        while (out->n > first)
            article_free(out->v[--out->n]);
    }
    sqlite3_finalize(c.each);
    sqlite3_close(c.db);
    free(tops);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Streaming: one article at a time.                                   */
/*
** json_import holds the whole file and every article of it: 10,000
** articles in one file took 207 MB (issue 5).  The stream holds the
** value it is reading and the article made of it, so memory stays flat
** however long the file.  It reads a sequence of objects (JSON Lines, or
** one object) or one array, element by element, and checks each value
** with the checker above, so the messages are json_import's, with the
** same lines and columns.  A file found wrong part way has had its first
** articles handed over already: the caller stores them in a transaction
** it rolls back.
**
** Relation ends in other objects are resolved as json_import resolves
** them, at the end, since they may name a later object.  For that the
** stream keeps, in a scratch SQLite database on a temporary file (SQLite
** spills it past its page cache), the file id and library id of every
** quote and claim the caller stored, and every relation between
** objects.  Keeping them in memory would grow with the file again.
*/

#define STREAM_CHUNK 65536

/* A relation between objects, set aside until the caller has stored its
** article and so given the end in it a library id. */
typedef struct xrel {
    relation_type_t type;
    origin_t origin;
    char *xid[2];          /* from, to, as written */
    char *path[2];         /* "relations[2].to" of an end in another object */
    bool local[2];         /* that end is in this object */
    bool removed;          /* from "removed_relations" */
} xrel_t;

struct json_stream {
    jctx_t c;
    int fd;
    bool repair, eof, started, done, single;
    char mode;             /* '{': objects one after another; '[': an array */
    char *buf;             /* bytes read and still needed */
    size_t len, cap, pos;  /* pos: the next byte to look at */
    int line0, col0;       /* line and column of buf[0] */
    uint64_t off0;         /* offset of buf[0] in the file */
    size_t count;          /* objects read */
    size_t chunk;          /* bytes read at a time */
    int (*wait)(void *);   /* json_stream_on_wait */
    void *wait_arg;
    size_t nxrels;         /* relations between objects kept in p */
    xrel_t *aside;
    size_t naside, capaside;
    sqlite3_stmt *x_add, *p_add, *x_find, *p_all;
};

static void xrel_free(xrel_t *x)
{
    for (int k = 0; k < 2; k++) {
        free(x->xid[k]);
        free(x->path[k]);
    }
}

/* Forget buf[0..d), keeping track of where buf[0] is. */
static void stream_drop(json_stream_t *js, size_t d)
{
    size_t l = (size_t)js->line0, c = (size_t)js->col0;
    text_line_col(js->buf, d, &l, &c);
    js->line0 = l > INT_MAX ? INT_MAX : (int)l;
    js->col0 = c > INT_MAX ? INT_MAX : (int)c;
    memmove(js->buf, js->buf + d, js->len - d);
    js->len -= d;
    js->pos -= d;
    js->off0 += d;
}

/* Read the next chunk, first dropping what comes before keep.  Returns the
** number of bytes dropped (positions in buf move down by that), or -1. */
static ssize_t stream_fill(json_stream_t *js, size_t keep)
{
    size_t d = keep;
    stream_drop(js, d);
    grow_array((void **)&js->buf, &js->cap, js->len + js->chunk + 1, 1);
    ssize_t n;
    if (js->wait) {
        /* Nothing to read: say so once it has lasted a tenth of a
        ** second (a progress bar's pace), not for every short pause. */
        struct pollfd pf = { js->fd, POLLIN, 0 };
        if (poll(&pf, 1, 0) == 0 && poll(&pf, 1, 100) <= 0 && js->wait(js->wait_arg)) {
            err_set(js->c.e, "%s: interrupted", js->c.name);
            return -1;
        }
    }
    do
        n = read(js->fd, js->buf + js->len, js->chunk);
    while (n < 0 && errno == EINTR && !stop_signal);
    if (n < 0) {
        err_set(js->c.e, "%s: %s", js->c.name, errno == EINTR ? "interrupted" : errno_text(errno));
        return -1;
    }
    if (n == 0)
        js->eof = true;
    js->len += (size_t)n;
    js->buf[js->len] = '\0';
    return (ssize_t)d;
}

/* Skip white space, reading on as needed and keeping buf[keep..).
** Returns 1 at a byte, 0 at the end of the file, -1 on a read error;
** *keep moves with the buffer. */
static int stream_ws(json_stream_t *js, size_t *keep)
{
    for (;;) {
        while (js->pos < js->len) {
            char c = js->buf[js->pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return 1;
            js->pos++;
        }
        if (js->eof)
            return 0;
        /* Nothing before pos is needed for white space. */
        size_t k = *keep < js->pos ? *keep : js->pos;
        ssize_t d = stream_fill(js, k);
        if (d < 0)
            return -1;
        *keep -= (size_t)d;
    }
}

/* The end of the value starting at pos (after white space): brackets
** and strings counted, not checked; the checker then reads exactly that
** much.  A scalar ends at the first byte that cannot be part of it. */
static int stream_scan(json_stream_t *js, size_t *end)
{
    size_t i = js->pos;
    int depth = 0;
    bool str = false, esc = false;
    char first = js->buf[i];
    bool scalar = first != '{' && first != '[' && first != '"';
    for (;;) {
        for (; i < js->len; i++) {
            char ch = js->buf[i];
            if (str) {
                if (esc)
                    esc = false;
                else if (ch == '\\')
                    esc = true;
                else if (ch == '"') {
                    str = false;
                    if (depth == 0) {
                        *end = i + 1;
                        return 0;
                    }
                }
            } else if (scalar) {
                if (ch != '\0' && strchr(",]} \t\r\n{[\"", ch)) {
                    *end = i;
                    return 0;
                }
            } else if (ch == '"') {
                str = true;
            } else if (ch == '{' || ch == '[') {
                depth++;
            } else if ((ch == '}' || ch == ']') && --depth == 0) {
                *end = i + 1;
                return 0;
            }
        }
        if (js->eof) {
            *end = js->len;
            return 0;
        }
        ssize_t d = stream_fill(js, js->pos);
        if (d < 0)
            return -1;
        i -= (size_t)d;
    }
}

/* "name:line:col: NUL byte ..." or "...: invalid UTF-8 byte ...", as
** text_check_input says it of a whole file, for buf[pos]. */
static int stream_bad_byte(json_stream_t *js, size_t pos)
{
    jcheck_t j = { js->buf, js->len, pos, js->c.name, js->c.e, js->line0, js->col0 };
    int line, col;
    line_col(&j, pos, &line, &col);
    unsigned long long at = (unsigned long long)(js->off0 + pos);
    unsigned char b = (unsigned char)js->buf[pos];
    if (b == 0)
        err_set(js->c.e, "%s:%d:%d: NUL byte at file offset %llu from 0 (binary file?)",
                js->c.name, line, col, at);
    else
        err_set(js->c.e, "%s:%d:%d: invalid UTF-8 byte 0x%02X at file offset %llu from 0 "
                "(use --repair to replace it)", js->c.name, line, col, b, at);
    return -1;
}

static int stream_fail(json_stream_t *js, size_t pos, const char *expected)
{
    /* Between values: a NUL byte or invalid UTF-8 is what a whole file's
    ** first check would have said. */
    if (pos < js->len && js->buf[pos] == '\0')
        return stream_bad_byte(js, pos);
    if (!js->repair && pos < js->len
        && utf8_invalid_at(js->buf + pos, js->len - pos < 4 ? js->len - pos : 4) == 0)
        return stream_bad_byte(js, pos);
    jcheck_t j = { js->buf, js->len, pos, js->c.name, js->c.e, js->line0, js->col0 };
    return jfail(&j, pos, expected);
}

/* What a top-level scalar is, for "expected an article object, found ...". */
static int scalar_type(const char *v, size_t n)
{
    if (n == 0)
        return J_NULL;
    switch (v[0]) {
    case '"': return J_TEXT;
    case '[': return J_ARRAY;
    case '{': return J_OBJECT;
    case 't': return J_TRUE;
    case 'f': return J_FALSE;
    case 'n': return J_NULL;
    default:
        return memchr(v, '.', n) || memchr(v, 'e', n) || memchr(v, 'E', n) ? J_REAL : J_INT;
    }
}

json_stream_t *json_stream_open(const char *name, int fd, const char *head, size_t nhead,
                                bool repair, err_t *e)
{
    static const char schema[] =
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        "CREATE TABLE x (xid TEXT NOT NULL, art INTEGER NOT NULL, aid INTEGER NOT NULL);"
        "CREATE TABLE p (type INTEGER, origin INTEGER, art INTEGER, wh TEXT,"
        "  fl INTEGER, fa INTEGER, fx TEXT, fp TEXT, tl INTEGER, ta INTEGER, tx TEXT, tp TEXT,"
        "  rm INTEGER);"
        "BEGIN;";
    json_stream_t *js = xcalloc(1, sizeof *js);
    js->c.name = name;
    js->c.e = e;
    js->fd = fd;
    js->repair = repair;
    js->line0 = js->col0 = 1;
    js->chunk = STREAM_CHUNK;
    grow_array((void **)&js->buf, &js->cap, nhead + STREAM_CHUNK + 1, 1);
    memcpy(js->buf, head, nhead);
    js->len = nhead;
    js->buf[js->len] = '\0';
    /* "" is a private database on a temporary file, written only when it
    ** outgrows SQLite's cache; json_each needs no tables at all. */
    if (sqlite3_open_v2("", &js->c.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
            != SQLITE_OK
        || sqlite3_exec(js->c.db, schema, NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(js->c.db, "SELECT key, type, value FROM json_each(?1)", -1,
                              &js->c.each, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(js->c.db, "INSERT INTO x VALUES (?1, ?2, ?3)", -1,
                              &js->x_add, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(js->c.db, "INSERT INTO p VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                              " ?8, ?9, ?10, ?11, ?12, ?13)", -1, &js->p_add, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(js->c.db, "SELECT aid, art FROM x WHERE xid = ?1 AND art <> ?2"
                              " ORDER BY art LIMIT 2", -1, &js->x_find, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(js->c.db, "SELECT * FROM p ORDER BY rm, rowid", -1, &js->p_all,
                              NULL) != SQLITE_OK) {
        err_set(e, "%s: cannot start the JSON reader: %s", name,
                js->c.db ? sqlite3_errmsg(js->c.db) : "out of memory");
        json_stream_close(js);
        return NULL;
    }
    return js;
}

void json_stream_close(json_stream_t *js)
{
    if (!js)
        return;
    for (size_t i = 0; i < js->naside; i++)
        xrel_free(&js->aside[i]);
    free(js->aside);
    sqlite3_finalize(js->c.each);
    sqlite3_finalize(js->x_add);
    sqlite3_finalize(js->p_add);
    sqlite3_finalize(js->x_find);
    sqlite3_finalize(js->p_all);
    sqlite3_close(js->c.db);
    free(js->buf);
    free(js);
}

void json_stream_chunk(json_stream_t *js, size_t n)
{
    js->chunk = n ? n : 1;
}

void json_stream_on_wait(json_stream_t *js, int (*wait)(void *arg), void *arg)
{
    js->wait = wait;
    js->wait_arg = arg;
}

unsigned long long json_stream_bytes(const json_stream_t *js)
{
    return (unsigned long long)(js->off0 + js->len);
}

bool json_stream_single(const json_stream_t *js)
{
    return js->single;
}

/* Move to the next value: after the previous one, the separator the mode
** wants.  1 at a value, 0 at a proper end, -1 on an error. */
static int stream_to_value(json_stream_t *js)
{
    size_t keep = js->pos;
    int r;
    if (!js->started) {
        js->started = true;
        while (js->len < 3 && !js->eof)
            if (stream_fill(js, 0) < 0)
                return -1;
        if (js->len >= 3 && memcmp(js->buf, "\xEF\xBB\xBF", 3) == 0)
            js->pos = 3;
        if ((r = stream_ws(js, &keep)) <= 0) {
            if (r == 0)
                err_set(js->c.e, "%s: no JSON value in the file", js->c.name);
            return -1;
        }
        js->mode = js->buf[js->pos];
        if (js->mode != '[')
            return 1;
        js->pos++;
        if ((r = stream_ws(js, &keep)) < 0)
            return -1;
        if (r == 1 && js->buf[js->pos] != ']')
            return 1;
        if (r == 0)
            return stream_fail(js, js->pos, VALUE_EXPECTED);
        js->pos++;
        if ((r = stream_ws(js, &keep)) < 0)
            return -1;
        if (r == 1)
            return stream_fail(js, js->pos, "the end of the file after the array");
        err_set(js->c.e, "%s: no articles (the array is empty)", js->c.name);
        return -1;
    }
    if ((r = stream_ws(js, &keep)) < 0)
        return -1;
    if (js->mode == '{') {
        if (r == 0)
            return 0;
        if (js->buf[js->pos] != '{')
            return stream_fail(js, js->pos,
                               "the end of the file, or another object on a new line (JSON Lines)");
        return 1;
    }
    if (r == 1 && js->buf[js->pos] == ']') {
        js->pos++;
        if ((r = stream_ws(js, &keep)) < 0)
            return -1;
        if (r == 1)
            return stream_fail(js, js->pos, "the end of the file after the array");
        return 0;
    }
    if (r == 1 && js->buf[js->pos] == ',') {
        js->pos++;
        if ((r = stream_ws(js, &keep)) < 0)
            return -1;
        if (r == 1 && js->buf[js->pos] == ']')
            return stream_fail(js, js->pos, "a value after ',' (a trailing comma is not allowed)");
        if (r == 1)
            return 1;
        return stream_fail(js, js->pos, VALUE_EXPECTED);
    }
    return stream_fail(js, js->pos, "',' or ']' after an array element");
}

/* Take the relations between objects out of v[0..*nv), a's relations
** or removed links (json_import leaves them for import_store to take
** out): set aside with the paths of their foreign ends, from xr, which
** lists those ends in the same order from *k on (the relations' first,
** then the removed links'). */
static void stream_set_aside(json_stream_t *js, relation_t *v, size_t *nv, bool removed,
                             xrefs_t *xr, size_t *k)
{
    size_t keep = 0;
    for (size_t r = 0; r < *nv; r++) {
        relation_t *rel = &v[r];
        if (rel->from.index >= 0 && rel->to.index >= 0) {
            relation_t tmp = *rel;
            memset(rel, 0, sizeof *rel);
            v[keep++] = tmp;
            continue;
        }
        grow_array((void **)&js->aside, &js->capaside, js->naside + 1, sizeof *js->aside);
        xrel_t *x = &js->aside[js->naside++];
        memset(x, 0, sizeof *x);
        x->type = rel->type;
        x->origin = rel->origin;
        x->removed = removed;
        rel_end_t *ends[2] = { &rel->from, &rel->to };
        for (int e = 0; e < 2; e++) {
            x->local[e] = ends[e]->index >= 0;
            x->xid[e] = xstrdup(ends[e]->xid ? ends[e]->xid : "");
            if (!x->local[e] && *k < xr->n) {
                x->path[e] = xr->v[*k].path;
                xr->v[(*k)++].path = NULL;
            }
        }
        relation_clear(rel);
    }
    *nv = keep;
}

static void xrefs_free(xrefs_t *xr)
{
    for (size_t k = 0; k < xr->n; k++) {
        free(xr->v[k].path);
        free(xr->v[k].where);
    }
    free(xr->v);
    memset(xr, 0, sizeof *xr);
}

int json_stream_next(json_stream_t *js, article_t **out, size_t *nrel, err_t *e)
{
    js->c.e = e;
    *out = NULL;
    if (js->done)
        return 0;
    for (size_t i = 0; i < js->naside; i++)
        xrel_free(&js->aside[i]);
    js->naside = 0;

    int r = stream_to_value(js);
    if (r <= 0) {
        js->done = true;
        return r;
    }
    /* Forget what came before: the value's line and column are then
    ** those of buf[0]. */
    stream_drop(js, js->pos);
    int line = js->line0;
    size_t end;
    if (stream_scan(js, &end))
        return -1;
    size_t start = js->pos;
    js->pos = end;
    if (js->count == 0) {
        /* One article or more?  --title and the like apply to one only,
        ** and a file of one object has no line numbers in messages. */
        size_t keep = start;
        int more = stream_ws(js, &keep);
        if (more < 0)
            return -1;
        end -= start - keep;
        start = keep;
        js->single = js->mode == '{' ? more == 0 : more == 1 && js->buf[js->pos] == ']';
    }

    /* What text_check_input checks of a whole file, for this value. */
    const char *v = js->buf + start;
    size_t n = end - start;
    char *fixed = NULL;
    const char *nul = memchr(v, 0, n);
    if (nul)
        return stream_bad_byte(js, start + (size_t)(nul - v));
    int64_t bad = utf8_invalid_at(v, n);
    if (bad >= 0) {
        if (!js->repair)
            return stream_bad_byte(js, start + (size_t)bad);
        fixed = utf8_repair(v, n, &n);
        v = fixed;
    }
    int rc = -1;
    xrefs_t xr = {0};
    article_t *a = NULL;
    if (n > INT_MAX) {
        err_set(e, "%s:%d: too large for the JSON reader (over 2 GB)", js->c.name, line);
        goto out;
    }
    /* The checker sees what follows the value too, to name what it
    ** found where the value went wrong ("found ','", not "the end"). */
    jcheck_t j = { v, n, 0, js->c.name, e, line, js->col0 };
    if (!fixed) {
        j.s = js->buf;
        j.len = js->len;
        j.pos = start;
    }
    if (check_value(&j))
        goto out;

    if (js->mode == '{') {
        if (js->single)
            snprintf(js->c.where, sizeof js->c.where, "%s: ", js->c.name);
        else
            snprintf(js->c.where, sizeof js->c.where, "%s:%d: ", js->c.name, line);
    } else {
        snprintf(js->c.where, sizeof js->c.where, "%s: article %zu: ", js->c.name,
                 js->count + 1);
        if (v[0] != '{') {
            cfail(&js->c, "", "expected an article object, found %s",
                  jtype_names[scalar_type(v, n)]);
            goto out;
        }
    }
    sqlite3_stmt *ok = NULL;
    int valid = 0;
    if (sqlite3_prepare_v2(js->c.db, "SELECT json_valid(?1)", -1, &ok, NULL) == SQLITE_OK) {
        sqlite3_bind_text(ok, 1, v, (int)n, SQLITE_STATIC);
        if (sqlite3_step(ok) == SQLITE_ROW)
            valid = sqlite3_column_int(ok, 0);
    }
    sqlite3_finalize(ok);
    if (!valid) {
        err_set(e, "%s:%d: SQLite cannot parse this JSON value", js->c.name, line);
        goto out;
    }
    jval_t jv = { NULL, J_OBJECT, (char *)v, n, 0, false };
    a = read_article(&js->c, &jv, js->count, &xr);
    if (!a)
        goto out;
    js->count++;
    *nrel = a->nrelations;
    size_t k = 0;
    stream_set_aside(js, a->relations, &a->nrelations, false, &xr, &k);
    stream_set_aside(js, a->removed, &a->nremoved, true, &xr, &k);
    article_sort(a);
    *out = a;
    rc = 1;
out:
    xrefs_free(&xr);
    free(fixed);
    if (rc < 0)
        js->done = true;
    return rc;
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static int db_fail(json_stream_t *js, sqlite3_stmt *st)
{
    err_set(js->c.e, "%s: cannot keep the ids of the file: %s", js->c.name,
            sqlite3_errmsg(js->c.db));
    sqlite3_reset(st);
    return -1;
}

int json_stream_stored(json_stream_t *js, const article_t *a, err_t *e)
{
    js->c.e = e;
    int64_t art = (int64_t)js->count - 1;
    for (size_t i = 0; i < a->nassertions; i++) {
        const assertion_t *q = &a->assertions[i];
        if (!q->xid)
            continue;
        bind_str(js->x_add, 1, q->xid);
        sqlite3_bind_int64(js->x_add, 2, art);
        sqlite3_bind_int64(js->x_add, 3, q->id);
        if (sqlite3_step(js->x_add) != SQLITE_DONE)
            return db_fail(js, js->x_add);
        sqlite3_reset(js->x_add);
    }
    for (size_t k = 0; k < js->naside; k++) {
        const xrel_t *x = &js->aside[k];
        sqlite3_stmt *st = js->p_add;
        sqlite3_bind_int(st, 1, (int)x->type);
        sqlite3_bind_int(st, 2, (int)x->origin);
        sqlite3_bind_int64(st, 3, art);
        bind_str(st, 4, js->c.where);
        for (int end = 0; end < 2; end++) {
            int64_t id = 0;
            if (x->local[end])
                for (size_t i = 0; i < a->nassertions; i++)
                    if (a->assertions[i].xid && strcmp(a->assertions[i].xid, x->xid[end]) == 0) {
                        id = a->assertions[i].id;
                        break;
                    }
            sqlite3_bind_int(st, 5 + 4 * end, x->local[end]);
            sqlite3_bind_int64(st, 6 + 4 * end, id);
            bind_str(st, 7 + 4 * end, x->xid[end]);
            bind_str(st, 8 + 4 * end, x->path[end]);
        }
        sqlite3_bind_int(st, 13, x->removed);
        if (sqlite3_step(st) != SQLITE_DONE)
            return db_fail(js, st);
        sqlite3_reset(st);
        js->nxrels++;
    }
    return 0;
}

int json_stream_relations(json_stream_t *js,
                          int (*add)(void *arg, relation_type_t t, origin_t o,
                                     int64_t from, int64_t to, bool removed, err_t *e),
                          void *arg, err_t *e)
{
    js->c.e = e;
    /* For speed, x gets its index only now, and only when some relation
    ** needs it: most files have none between objects, and rows appended
    ** to a table without an index cost next to nothing. */
    if (js->nxrels == 0)
        return 0;
    if (sqlite3_exec(js->c.db, "CREATE INDEX x_by_xid ON x (xid, art)", NULL, NULL, NULL)
        != SQLITE_OK)
        return db_fail(js, js->p_all);
    sqlite3_stmt *p = js->p_all;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(p)) == SQLITE_ROW) {
        int64_t art = sqlite3_column_int64(p, 2);
        int64_t ids[2];
        for (int end = 0; end < 2 && rc == 0; end++) {
            ids[end] = sqlite3_column_int64(p, 5 + 4 * end);
            if (sqlite3_column_int(p, 4 + 4 * end))
                continue;
            const char *xid = (const char *)sqlite3_column_text(p, 6 + 4 * end);
            const char *path = (const char *)sqlite3_column_text(p, 7 + 4 * end);
            sqlite3_stmt *f = js->x_find;
            bind_str(f, 1, xid);
            sqlite3_bind_int64(f, 2, art);
            int found = 0;
            int64_t where = 0;
            while (sqlite3_step(f) == SQLITE_ROW) {
                if (found++ == 0) {
                    ids[end] = sqlite3_column_int64(f, 0);
                    where = sqlite3_column_int64(f, 1);
                }
            }
            sqlite3_reset(f);
            if (found == 1)
                continue;
            snprintf(js->c.where, sizeof js->c.where, "%s",
                     (const char *)sqlite3_column_text(p, 3));
            if (found == 0)
                rc = cfail(&js->c, path ? path : "", "unknown id \"%s\" (no quote or claim in "
                           "this file has it)", CLIP(xid ? xid : ""));
            else
                rc = cfail(&js->c, path ? path : "", "id \"%s\" is ambiguous: it is not in this "
                           "article and is in several others (article %lld and more)",
                           CLIP(xid ? xid : ""), (long long)where + 1);
        }
        if (rc == 0)
            rc = add(arg, (relation_type_t)sqlite3_column_int(p, 0),
                     (origin_t)sqlite3_column_int(p, 1), ids[0], ids[1],
                     sqlite3_column_int(p, 12) != 0, e);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = db_fail(js, p);
    sqlite3_reset(p);
    return rc;
}
