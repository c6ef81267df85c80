/*
** util.h: memory helpers, a growable string buffer, and error reporting.
**
** Out-of-memory is not something contra can recover from meaningfully, so
** the x* allocators print one line and exit; every other failure is
** reported to the caller.  Errors travel as a message in an err_t so that
** the command line can print it on stderr and the reader on the status line.
*/
#ifndef CONTRA_UTIL_H
#define CONTRA_UTIL_H

#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *arr (of *cap elements of size sz) so it holds at least need. */
void grow_array(void **arr, size_t *cap, size_t need, size_t sz);

typedef struct strbuf {
    char *s;       /* always NUL-terminated once anything was added */
    size_t len, cap;
} strbuf_t;

void sb_add(strbuf_t *b, const char *s, size_t n);
void sb_adds(strbuf_t *b, const char *s);
void sb_addc(strbuf_t *b, char c);
void sb_printf(strbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *sb_steal(strbuf_t *b);   /* returns the string (never NULL), resets b */
void sb_free(strbuf_t *b);

/* An error message; empty when there is none. */
typedef struct err {
    char msg[1024];
} err_t;

void err_set(err_t *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* strerror(en) as contra's messages go on after their "name: ": the C
** library's texts are capitalised ("No such file or directory"), the
** rest in lower case ("file is empty").  The first letter is lowered,
** unless the second is a capital too ("I/O error").  Lowered here, where
** the text is formatted, and not in the finished message, which has file
** names and other text of the user's that are not to be touched.  Valid
** until the next call in the same thread. */
const char *errno_text(int en);
static inline bool err_is_set(const err_t *e) { return e && e->msg[0]; }

/* Read a whole file (or stdin for "-") into a NUL-terminated buffer.
** Refuses directories and unreadable files with a message naming path. */
char *read_file(const char *path, size_t *len, err_t *e);

/* The signal that asked a command to stop (contra add sets it from its
** SIGINT and SIGTERM handlers), 0 while none has.  A read interrupted
** by a signal (EINTR) is retried only while this is 0, so that a command
** waiting on a pipe stops when told to; the read then fails with EINTR.
** Atomic, not only volatile: contra add's reader thread reads it too,
** and a lock-free atomic may be written by a signal handler (C11). */
extern atomic_int stop_signal;

/* The program name for messages ("contra"). */
extern const char *progname;

/* Login name for the tag history: getlogin/pw_name/$USER, never NULL. */
const char *login_name(void);

/* Whether the locale's character set (LC_CTYPE, as set) is UTF-8. */
bool locale_is_utf8(void);

/* Seconds on a clock that only goes forward (for rates and time left). */
double now_s(void);

#endif
