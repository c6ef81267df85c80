/*
** fmt_plain.c: the plain-text importer.
**
** A plain file is the article text, optionally preceded by RFC 822-style
** headers and optionally opening with a scraped "date YYYY-MM-DD" prefix:
**
**     Title: Officials blame neighbour for depot attack
**     Source: Example Wire
**     Date: 2024-03-27
**
**     Officials in ...
**
** Headers are only recognised when the very first line is one of Title:,
** Source:, URL: or Date: (any case), so that text which merely contains a
** colon on its first line stays text.  The header block runs to the first
** blank line; other "Name: value" lines in it (Author:, Keywords: ...) are
** allowed and ignored, and lines starting with white space continue the
** previous header.  A line in the block that is not a header ends it
** without a blank line (scraped files are not always tidy).
**
** Precedence for each field: the command line (import_meta_t), then the
** headers, then the date prefix, then (for the title) the first line.
** The date prefix is removed from the stored text either way: it is page
** furniture, not part of the story.  Line ends are stored as \n, and the
** text without blank lines before or after it, ending in one newline.
*/
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats.h"
#include "import.h"
#include "text.h"

/* Line ends as \n, in place, headers and text: a file saved on Windows
** (\r\n) is the same article as the same file saved elsewhere, and was
** stored as a second one (the library knows an article by its text); an
** old Mac's (\r alone) was one line of headers with no text.  Plain text
** only: a brat .txt keeps its bytes, which its offsets count.  The new
** length. */
static size_t unix_line_ends(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            s[o++] = '\n';
            if (i + 1 < n && s[i + 1] == '\n')
                i++;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = '\0';
    return o;
}

typedef struct line {
    const char *s;
    size_t n;          /* without the newline and a trailing \r */
    size_t next;       /* offset of the following line */
} line_t;

static line_t get_line(const char *data, size_t len, size_t at)
{
    line_t l = { data + at, 0, len };
    const char *nl = memchr(data + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - data) : len;
    l.next = nl ? end + 1 : len;
    l.n = end - at;
    if (l.n && l.s[l.n - 1] == '\r')
        l.n--;
    return l;
}

static bool blank(line_t l)
{
    for (size_t i = 0; i < l.n; i++)
        if (!isspace((unsigned char)l.s[i]))
            return false;
    return true;
}

/* Length of "Name" in "Name: value", or 0 if the line is not a header. */
static size_t header_name(line_t l)
{
    size_t i = 0;
    while (i < l.n && (isalnum((unsigned char)l.s[i]) || l.s[i] == '-' || l.s[i] == '_'))
        i++;
    if (i == 0 || !isalpha((unsigned char)l.s[0]) || i >= l.n || l.s[i] != ':')
        return 0;
    return i;
}

enum { H_TITLE, H_SOURCE, H_URL, H_DATE, H_COUNT, H_OTHER = H_COUNT };
static const char *const hnames[H_COUNT] = { "Title", "Source", "URL", "Date" };

static int header_kind(line_t l, size_t n)
{
    for (int k = 0; k < H_COUNT; k++)
        if (strlen(hnames[k]) == n && strncasecmp(l.s, hnames[k], n) == 0)
            return k;
    return H_OTHER;
}

static char *trimmed(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return xstrndup(s, n);
}

/* Collapse runs of white space (header continuation lines) to one space;
** other control characters count as white space: a title is one line. */
static void squeeze(char *s)
{
    char *w = s;
    bool sp = false;
    for (char *r = s; *r; r++) {
        if (isspace((unsigned char)*r) || (unsigned char)*r < 0x20 || *r == 0x7f) {
            sp = true;
            continue;
        }
        if (sp && w != s)
            *w++ = ' ';
        sp = false;
        *w++ = *r;
    }
    *w = '\0';
}

static const char *const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
};

static int month_of(const char *w, size_t n)
{
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (strncasecmp(w, months[m], 3) == 0)
            return m + 1;
    return 0;
}

/* A Date: header in one of the forms people write: 2024-03-27 (with any
** time after it), "27 March 2024", "March 27, 2024", or RFC 822's
** "Wed, 27 Mar 2024 10:00:00 +0000".  Writes YYYY-MM-DD to out. */
static bool parse_date(const char *s, char out[11])
{
    if (strlen(s) >= 10 && iso_date_valid(s, 10)
        && (s[10] == '\0' || s[10] == 'T' || s[10] == ' ')) {
        memcpy(out, s, 10);
        out[10] = '\0';
        return true;
    }
    /* Tokenise into words and numbers, skipping a weekday. */
    const char *w[4];
    size_t wn[4];
    int nw = 0;
    for (const char *p = s; *p && nw < 4; ) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *b = p;
        while (isalnum((unsigned char)*p))
            p++;
        if (nw == 0 && isalpha((unsigned char)*b) && *p == ',' && !isdigit((unsigned char)p[1])
            && (p - b) <= 9 && !month_of(b, (size_t)(p - b)))
            continue;   /* "Wed," */
        if (nw == 0 && isalpha((unsigned char)*b) && p - b == 3
            && strchr("MTWFS", toupper((unsigned char)*b)) && !month_of(b, 3))
            continue;
        w[nw] = b;
        wn[nw++] = (size_t)(p - b);
    }
    if (nw < 3)
        return false;
    int d, m, y;
    if (isdigit((unsigned char)*w[0]) && (m = month_of(w[1], wn[1])) && wn[2] == 4) {
        d = atoi(w[0]);
        y = atoi(w[2]);
    } else if ((m = month_of(w[0], wn[0])) && isdigit((unsigned char)*w[1]) && wn[2] == 4) {
        d = atoi(w[1]);
        y = atoi(w[2]);
    } else {
        return false;
    }
    if (y < 1000 || y > 9999 || d < 1 || d > 31)
        return false;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 11);
    return iso_date_valid(out, 10);
}

static int import_lf(const char *name, const char *data, size_t len,
                     const import_meta_t *meta, article_list_t *out, err_t *e)
{
    static const import_meta_t none;
    char *hdr[H_COUNT] = {0};
    strbuf_t hval[H_COUNT] = {{0}};   /* while the block is read */
    int hline[H_COUNT] = {0};
    char date[11];
    size_t at = 0;
    int lineno = 1;

    if (!meta)
        meta = &none;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        at = 3;
    /* Blank lines before the headers: the first line that says something
    ** is where they are looked for ("Title: ..." was the title). */
    for (;;) {
        line_t b0 = get_line(data, len, at);
        if (b0.next <= at || b0.next > len || !blank(b0))
            break;
        at = b0.next;
        lineno++;
    }

    line_t l = get_line(data, len, at);
    size_t hn = header_name(l);
    bool headers = hn && header_kind(l, hn) != H_OTHER;
    if (headers) {
        /* last: the header a continuation line adds to; H_OTHER for one
        ** that is ignored (its continuations are skipped with it). */
        int last = -1;
        while (at < len) {
            l = get_line(data, len, at);
            if (blank(l)) {
                at = l.next;
                lineno++;
                break;
            }
            if ((l.s[0] == ' ' || l.s[0] == '\t') && last >= 0) {
                /* Appended, not re-copied: a header continued over many
                ** lines must cost what its length costs. */
                if (last != H_OTHER) {
                    sb_addc(&hval[last], ' ');
                    sb_add(&hval[last], l.s, l.n);
                }
            } else if ((hn = header_name(l)) != 0) {
                int k = header_kind(l, hn);
                if (k != H_OTHER) {
                    hval[k].len = 0;
                    sb_add(&hval[k], l.s + hn + 1, l.n - hn - 1);
                    hline[k] = lineno;
                }
                last = k;
            } else {
                break;      /* untidy: the text starts right here */
            }
            at = l.next;
            lineno++;
        }
        for (int k = 0; k < H_COUNT; k++)
            if (hval[k].s) {
                hdr[k] = trimmed(hval[k].s, hval[k].len);
                sb_free(&hval[k]);
                squeeze(hdr[k]);
            }
        if (hdr[H_DATE] && !meta->date) {
            if (!parse_date(hdr[H_DATE], date)) {
                char *w = text_clip(hdr[H_DATE], strlen(hdr[H_DATE]), 40);
                err_set(e, "%s:%d: Date: \"%s\" is not a date (write YYYY-MM-DD)",
                        name, hline[H_DATE], w);
                free(w);
                goto fail;
            }
            free(hdr[H_DATE]);
            hdr[H_DATE] = xstrdup(date);
        }
    }

    /* The scraped prefix: "date 2024-03-27" glued to the first line. */
    char *prefix_date = NULL;
    char pd[11];
    size_t plen = date_prefix(data + at, len - at, pd);
    if (plen) {
        prefix_date = xstrdup(pd);
        at += plen;
    }

    size_t i = at;
    while (i < len && isspace((unsigned char)data[i]))
        i++;
    if (i == len) {
        err_set(e, "%s: no article text%s", name, prefix_date ? " after the date"
                : headers ? " after the headers" : "");
        free(prefix_date);
        goto fail;
    }

    if (meta->date && !iso_date_valid(meta->date, strlen(meta->date))) {
        err_set(e, "%s: --date \"%s\" is not a date (write YYYY-MM-DD)", name, meta->date);
        free(prefix_date);
        goto fail;
    }

    /* Blank lines before the text and after it, and blanks at its end,
    ** are no part of it: the same article saved with one more newline, or
    ** none at the end, was stored as a second one (the library knows an
    ** article by its text).  It ends in one newline. */
    while (i > at && data[i - 1] != '\n')
        i--;
    at = i;
    size_t end = len;
    while (end > at && isspace((unsigned char)data[end - 1]))
        end--;
    article_t *a = article_new();
    a->text = xmalloc(end - at + 2);
    memcpy(a->text, data + at, end - at);
    a->text[end - at] = '\n';
    a->text[end - at + 1] = '\0';
    a->len = end - at + 1;
    a->title = meta->title ? xstrdup(meta->title)
             : hdr[H_TITLE] && *hdr[H_TITLE] ? xstrdup(hdr[H_TITLE])
             : title_from_text(a->text, a->len);
    a->source = meta->source ? xstrdup(meta->source)
              : hdr[H_SOURCE] && *hdr[H_SOURCE] ? xstrdup(hdr[H_SOURCE]) : NULL;
    a->url = meta->url ? xstrdup(meta->url)
           : hdr[H_URL] && *hdr[H_URL] ? xstrdup(hdr[H_URL]) : NULL;
    a->published = meta->date ? xstrdup(meta->date)
                 : hdr[H_DATE] ? xstrdup(hdr[H_DATE])
                 : prefix_date ? xstrdup(prefix_date) : NULL;
    free(prefix_date);
    for (int k = 0; k < H_COUNT; k++)
        free(hdr[k]);
    article_list_push(out, a);
    return 0;

fail:
    for (int k = 0; k < H_COUNT; k++)
        free(hdr[k]);
    return -1;
}

int plain_import(const char *name, const char *data, size_t len,
                 const import_meta_t *meta, article_list_t *out, err_t *e)
{
    if (!memchr(data, '\r', len))
        return import_lf(name, data, len, meta, out, e);
    char *lf = xmalloc(len + 1);
    memcpy(lf, data, len);
    int rc = import_lf(name, lf, unix_line_ends(lf, len), meta, out, e);
    free(lf);
    return rc;
}
