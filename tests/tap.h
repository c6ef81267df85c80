/*
** tap.h: the Test Anything Protocol for the unit tests, header only.
**
** Each check prints "ok N - name" or "not ok N - name" with the place it
** failed; done_testing() prints the plan and turns failures into the exit
** status that automake's tap-driver reads.
*/
#ifndef CONTRA_TAP_H
#define CONTRA_TAP_H

#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static int tap_n, tap_failed;

static inline int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#include <stdarg.h>
static inline int tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (!cond) {
        tap_failed++;
        printf("#   failed at %s:%d\n", file, line);
    }
    fflush(stdout);
    return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, ...) do {                                     \
        long long g_ = (long long)(got), w_ = (long long)(want);         \
        if (!ok(g_ == w_, __VA_ARGS__))                                  \
            printf("#   got %lld, want %lld\n", g_, w_);                 \
    } while (0)

#define is_str(got, want, ...) do {                                     \
        const char *g_ = (got), *w_ = (want);                            \
        int eq_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;           \
        if (!ok(eq_, __VA_ARGS__))                                       \
            printf("#   got  \"%s\"\n#   want \"%s\"\n",                 \
                   g_ ? g_ : "(null)", w_ ? w_ : "(null)");              \
    } while (0)

#define like(got, needle, ...) do {                                     \
        const char *g_ = (got), *n_ = (needle);                          \
        if (!ok(g_ && strstr(g_, n_), __VA_ARGS__))                      \
            printf("#   \"%s\"\n#   does not contain \"%s\"\n",          \
                   g_ ? g_ : "(null)", n_);                              \
    } while (0)

static inline int done_testing(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
