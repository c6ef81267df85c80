/*
** import_json.c: `contra add` of a contra JSON file one article at a time
** (issue 5).  import_path() hands JSON files here: each article is read,
** stored and freed before the next is read, so a file of 100,000
** articles takes the memory of one, where reading it whole took the
** memory of all of them (10,000 articles: 207 MB).  The file is still all
** or nothing: every article is stored inside one transaction (a
** savepoint inside contra add's batch), rolled back when anything in the
** file turns out wrong, down to a relation in its last line naming an id
** no object has.  What the user sees (lines, counts, messages) is what
** import_parse() and import_store() give for the same file.
**
** Standard input is read this way whenever it holds contra JSON: a pipe
** (`contra export | contra add -`) is read only as far as its first
** non-blank bytes, which tell the format, and when it is not JSON those
** bytes are handed back to import_parse (import_unread_stdin).  A named
** pipe given as FILE is read this way when its name or --format says
** JSON: it cannot be opened again to read what was used to find out.
*/
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats.h"
#include "import.h"

/* Enough to see past a byte order mark and blank lines to the first
** value, which decides the format. */
#define HEAD_MAX 65536

static int add_relation(void *arg, relation_type_t t, origin_t o, int64_t from, int64_t to,
                        bool removed, err_t *e)
{
    /* An end in an article already in the library whose copy lacks that
    ** quote or claim: import_store skips it too. */
    if (from <= 0 || to <= 0)
        return 0;
    return removed ? store_reject_relation(arg, t, from, to, e)
                   : store_add_relation(arg, t, o, from, to, e);
}

/* What --title, --url and --date and --source do to a JSON file's
** articles (apply_meta in import.c): the source for all of them, the
** rest only when the file holds one article. */
static void apply_meta_one(article_t *a, const import_meta_t *meta, bool single)
{
    const char *const from[] = { meta->source, single ? meta->title : NULL,
                                 single ? meta->url : NULL, single ? meta->date : NULL };
    char **to[] = { &a->source, &a->title, &a->url, &a->published };
    for (int k = 0; k < 4; k++)
        if (from[k]) {
            free(*to[k]);
            *to[k] = xstrdup(from[k]);
        }
}

/* Whether head[0..n) shows what format_detect would make of the file:
** its first byte after a byte order mark and white space, and after a
** '[' the next one.  Reading a pipe stops there, so that an import does
** not wait for 64 KB from a slow writer before it begins. */
static bool head_decides(const char *h, size_t n)
{
    size_t i = 0;
    if (n < 3 && memcmp(h, "\xEF\xBB\xBF", n) == 0)
        return false;
    if (n >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\n' || h[i] == '\r'))
        i++;
    if (i >= n)
        return false;
    if (h[i] != '[')
        return true;
    for (i++; i < n; i++)
        if (h[i] != ' ' && h[i] != '\t' && h[i] != '\n' && h[i] != '\r')
            return true;
    return false;
}

/* Before the stream waits for input: tell the caller how far it got. */
typedef struct waiting {
    const import_meta_t *meta;
    json_stream_t *js;
    const import_result_t *done;
} waiting_t;

static int on_wait(void *arg)
{
    waiting_t *w = arg;
    return w->meta->waiting(w->meta->progress_arg, w->done->n, json_stream_bytes(w->js));
}

static int refuse_whole(const char *name, int fd, char *data, size_t len, bool repair, err_t *e)
{
    size_t cap = len;
    for (;;) {
        grow_array((void **)&data, &cap, len + HEAD_MAX, 1);
        ssize_t got = read(fd, data + len, HEAD_MAX);
        if (got < 0 && errno == EINTR && !stop_signal)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    article_list_t l = {0};
    if (text_check_input(name, &data, &len, repair, e) == 0
        && json_import(name, data, len, &l, e) == 0)
        err_set(e, "%s: expected an article object or an array of them", name);
    article_list_free(&l);
    free(data);
    return -1;
}

int import_json_stream(store_t *s, const char *path, const import_meta_t *meta,
                       import_result_t *res, err_t *e)
{
    static const import_meta_t none;
    if (!meta)
        meta = &none;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    if (meta->format != FMT_AUTO && meta->format != FMT_JSON)
        return 1;
    if (meta->date && !iso_date_valid(meta->date, strlen(meta->date)))
        return 1;    /* import_parse says why */

    /* The bytes read to find out the format must be readable again when
    ** the file turns out not to be contra JSON: a regular file is opened
    ** again, standard input redirected from one is sought back.  A pipe
    ** cannot give them back, so it is read here only when the command
    ** line or its name says it is JSON. */
    bool json_by_name = meta->format == FMT_JSON
        || (!is_stdin && meta->format == FMT_AUTO && format_detect(path, "", 0) == FMT_JSON);
    int fd = 0;
    off_t start = 0;
    bool again;
    if (is_stdin) {
        start = lseek(0, 0, SEEK_CUR);
        again = start >= 0;
    } else {
        if (meta->format == FMT_AUTO && format_detect(path, "", 0) == FMT_BRAT)
            return 1;
        struct stat st;
        /* A named pipe left to import_parse is not opened here: opened
        ** and closed, it let a writer finish, and its text was gone
        ** before import_parse opened it again (which then waited for
        ** another writer). */
        if (!json_by_name && stat(path, &st) == 0 && !S_ISREG(st.st_mode))
            return 1;
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return 1;
        if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
            close(fd);
            return 1;
        }
        again = S_ISREG(st.st_mode);
    }
    /* Standard input through a pipe is sniffed, and given back when it
    ** is not JSON: it was read whole before, 66 MB for a 32 MB export. */
    bool sniff = is_stdin && !again && !json_by_name;
    if (!again && !json_by_name && !sniff) {
        if (!is_stdin)
            close(fd);
        return 1;
    }

    char *head = xmalloc(HEAD_MAX);
    size_t n = 0;
    while (n < HEAD_MAX && !head_decides(head, n)) {
        ssize_t got = read(fd, head + n, HEAD_MAX - n);
        if (got < 0 && errno == EINTR && !stop_signal)
            continue;
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    if (stop_signal) {
        /* Told to stop while it waited: the bytes are gone, and so is
        ** the point of reading on. */
        err_set(e, "%s: interrupted", name);
        free(head);
        if (!is_stdin)
            close(fd);
        return -1;
    }
    format_t fmt = meta->format ? meta->format : format_detect(is_stdin ? NULL : path, head, n);
    size_t i = n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r'))
        i++;
    bool value = i < n && (head[i] == '{' || head[i] == '[');
    if (fmt != FMT_JSON || !value) {
        if (again && (!is_stdin || lseek(0, start, SEEK_SET) == start)) {
            if (!is_stdin)
                close(fd);
            free(head);
            return 1;
        }
        if (sniff) {
            import_unread_stdin(head, n);
            return 1;
        }
        /* A pipe said to be JSON that starts with no object or array:
        ** wrong, and the bytes are gone, so read it whole here and let
        ** the whole-file checks say what is wrong, as import_parse would. */
        int rc = refuse_whole(name, fd, head, n, meta->repair, e);
        if (!is_stdin)
            close(fd);
        return rc;
    }

#ifdef M_TRIM_THRESHOLD
    /* For speed: each article's memory is freed before the next is read,
    ** and glibc gave the top of the heap back to the system after every
    ** one, to fault the same pages in again for the next (63,000 brk
    ** calls for 2,000 articles, a third of the import's time).  The heap
    ** keeps up to this much free instead. */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
    json_stream_t *js = json_stream_open(name, fd, head, n, meta->repair, e);
    free(head);
    if (!js) {
        if (!is_stdin)
            close(fd);
        return -1;
    }
    import_result_t mine = {0};
    waiting_t wait = { meta, js, &mine };
    if (meta->waiting)
        json_stream_on_wait(js, on_wait, &wait);
    bool began = false;
    int rc = -1;
    if (store_begin(s, e))
        goto out;
    began = true;
    for (;;) {
        article_t *a = NULL;
        size_t nrel = 0;
        int r = json_stream_next(js, &a, &nrel, e);
        if (r < 0)
            goto out;
        if (r == 0)
            break;
        apply_meta_one(a, meta, json_stream_single(js));
        int64_t dup_id = 0;
        if (store_add_article(s, a, &dup_id, e)) {
            article_free(a);
            goto out_store;
        }
        if (dup_id > 0) {
            a->id = dup_id;
            import_adopt_ids(s, a, dup_id);
        }
        r = json_stream_stored(js, a, e);
        import_result_add(&mine, a, dup_id > 0, nrel);
        article_free(a);
        if (r)
            goto out;
        if (meta->progress
            && meta->progress(meta->progress_arg, mine.n, json_stream_bytes(js))) {
            err_set(e, "%s: interrupted", name);
            goto out;
        }
    }
    if (stop_signal) {
        /* Told to stop after the last article's check: the end of the
        ** input may be where a writer stopped by the same Ctrl-C left
        ** it, between two objects, and the file is not known whole. */
        err_set(e, "%s: interrupted", name);
        goto out;
    }
    if (json_stream_relations(js, add_relation, s, e))
        goto out_store;
    if (store_commit(s, e)) {
        began = false;
        goto out_store;
    }
    began = false;
    rc = 0;
    goto out;

out_store:
    {
        /* Keep the store's message but say which file it was about. */
        char msg[sizeof e->msg];
        snprintf(msg, sizeof msg, "%s", e->msg);
        if (strncmp(msg, name, strlen(name)) != 0)
            err_set(e, "%s: %s", name, msg);
    }
out:
    if (began)
        store_rollback(s);
    json_stream_close(js);
    if (!is_stdin)
        close(fd);
    if (rc == 0 && res) {
        res->format = FMT_JSON;
        for (size_t k = 0; k < mine.n; k++) {
            grow_array((void **)&res->v, &res->cap, res->n + 1, sizeof *res->v);
            res->v[res->n++] = mine.v[k];
        }
        mine.n = 0;     /* the titles moved */
    }
    import_result_free(&mine);
    return rc;
}
