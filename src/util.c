/*
** util.c: allocation that cannot fail quietly, the string buffer, error
** messages, whole-file reading and the login name for tag history.
*/
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

const char *progname = "contra";
atomic_int stop_signal;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2,
               "stop_signal is written by signal handlers: it must be lock-free");

static void oom(size_t n)
{
    fprintf(stderr, "%s: out of memory (wanted %zu bytes)\n", progname, n);
    exit(1);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        oom(0);
    char *p = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void grow_array(void **arr, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > ((size_t)-1) / 2 / sz)
            oom(need * sz);
        ncap *= 2;
    }
    *arr = xrealloc(*arr, ncap * sz);
    *cap = ncap;
}

void sb_add(strbuf_t *b, const char *s, size_t n)
{
    grow_array((void **)&b->s, &b->cap, b->len + n + 1, 1);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_adds(strbuf_t *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

void sb_addc(strbuf_t *b, char c)
{
    sb_add(b, &c, 1);
}

void sb_printf(strbuf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    grow_array((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *sb_steal(strbuf_t *b)
{
    char *s = b->s ? b->s : xstrdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void sb_free(strbuf_t *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void err_set(err_t *e, const char *fmt, ...)
{
    if (!e)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

const char *errno_text(int en)
{
    static _Thread_local char buf[256];
    snprintf(buf, sizeof buf, "%s", strerror(en));
    if (isupper((unsigned char)buf[0]) && !isupper((unsigned char)buf[1]))
        buf[0] = (char)tolower((unsigned char)buf[0]);
    return buf;
}

/* Read everything from fd; st may describe it (regular files tell their
** size, which saves the doubling reallocations on a 10 MB article). */
static char *read_fd(int fd, const struct stat *st, size_t *len)
{
    size_t cap = (st && S_ISREG(st->st_mode) && st->st_size > 0)
        ? (size_t)st->st_size + 1 : 65536;
    size_t n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        /* Checked on every pass, not only when a read is interrupted: a
        ** writer that never pauses ("yes | contra add -") keeps every
        ** read returning data, and a stop must still end the read rather
        ** than let it grow without bound. */
        if (stop_signal) {
            free(buf);
            errno = EINTR;
            return NULL;
        }
        if (n + 1 >= cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0) {
            if (errno == EINTR && !stop_signal)
                continue;
            int saved = errno;   /* the caller reports it; free may not keep it */
            free(buf);
            errno = saved;
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *read_file(const char *path, size_t *len, err_t *e)
{
    struct stat st;
    if (strcmp(path, "-") == 0) {
        char *buf = read_fd(0, fstat(0, &st) == 0 ? &st : NULL, len);
        if (!buf)
            err_set(e, "standard input: %s", errno_text(errno));
        return buf;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        err_set(e, "%s: %s", path, errno_text(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0) {
        err_set(e, "%s: %s", path, errno_text(errno));
        close(fd);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        err_set(e, "%s: is a directory", path);
        close(fd);
        return NULL;
    }
    char *buf = read_fd(fd, &st, len);
    if (!buf)
        err_set(e, "%s: %s", path, errno_text(errno));
    close(fd);
    return buf;
}

const char *login_name(void)
{
    static char name[256];
    if (name[0])
        return name;
    const char *s = getenv("CONTRA_USER");   /* tests and shared accounts */
    if (!s || !*s) {
        struct passwd *pw = getpwuid(geteuid());
        s = pw ? pw->pw_name : NULL;
    }
    if (!s || !*s)
        s = getenv("USER");
    if (!s || !*s)
        s = "unknown";
    snprintf(name, sizeof name, "%s", s);
    return name;
}

bool locale_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
