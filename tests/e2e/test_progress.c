/*
** test_progress.c: the progress bar of `contra add` (issue 5).  On a
** terminal, stderr shows one line: a bar, files done of all, MB/s and
** the time left, redrawn in place and erased at the end, never wider
** than the terminal.  Every line drawn is read back from the raw bytes
** the pty received and checked: counts that only grow, up to the number
** of files; a rate; a bar filled as far as the files done; the time left
** while files remain.  Off a terminal, stderr stays empty.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap.h"
#include "e2e.h"

#define NFILES 40

static e2e_t e;
static char *files[NFILES];

/* NFILES plain-text articles of the same size (about 100 KB), all
** different, so that the import takes long enough to be redrawn. */
static void make_files(void)
{
    for (int i = 0; i < NFILES; i++) {
        files[i] = malloc(strlen(e.dir) + 32);
        sprintf(files[i], "%s/a%02d.txt", e.dir, i);
        FILE *f = fopen(files[i], "w");
        fprintf(f, "Title: Report %02d on the river\n\n", i);
        for (int p = 0; p < 600; p++)
            fprintf(f, "Paragraph %02d-%03d: Interior Minister Ilona Vereb said on "
                    "Monday that the embankment at kilometre %d was sound. \"We "
                    "checked it twice,\" the Kestrian Foreign Ministry said.\n\n",
                    i, p, p);
        fclose(f);
    }
}

/* One drawn line: what lies between a '\r' and the "\033[K" after it. */
typedef struct drawn {
    int done, total, width, fill, barlen;
    double rate;
    bool left;
} drawn_t;

static bool parse_line(const char *s, size_t n, drawn_t *d)
{
    char buf[256];
    if (n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    memset(d, 0, sizeof *d);
    d->width = (int)n;
    const char *p = buf;
    if (*p == '[') {
        const char *end = strchr(p, ']');
        if (!end)
            return false;
        for (const char *q = p + 1; q < end; q++) {
            if (*q != '#' && *q != '-')
                return false;
            d->fill += *q == '#';
        }
        d->barlen = (int)(end - p - 1);
        p = end + 1;
    }
    /* A narrow terminal leaves out the time left, then the rate. */
    int used = 0;
    if (sscanf(p, " %d/%d files%n", &d->done, &d->total, &used) != 2 || !used)
        return false;
    p += used;
    d->rate = -1;
    if (*p) {
        used = 0;
        if (sscanf(p, ", %lf MB/s%n", &d->rate, &used) != 1 || !used)
            return false;
        p += used;
    }
    if (*p) {
        int m, sec, k = 0;
        if (sscanf(p, ", %d:%d left%n", &m, &sec, &k) != 2 || p[k] || sec > 59)
            return false;
        d->left = true;
    }
    return true;
}

/* Run the import in a rows x cols terminal; check every line drawn. */
static void on_terminal(int rows, int cols, const char *db)
{
    char *args[NFILES + 2];
    int n = 0;
    args[n++] = "add";
    for (int i = 0; i < NFILES; i++)
        args[n++] = files[i];
    args[n] = NULL;
    snprintf(e.db, sizeof e.db, "%s/%s", e.dir, db);
    term_t *t = e2e_reader(&e, rows, cols, NULL, args);
    if (!t) {
        ok(false, "started contra add in a %dx%d terminal", cols, rows);
        return;
    }
    int st = -1;
    ok(term_wait_exit(t, 60000, &st) && WIFEXITED(st) && WEXITSTATUS(st) == 0,
       "%dx%d: contra add of %d files exits 0", cols, rows, NFILES);

    size_t len;
    const char *log = (const char *)term_log(t, &len);
    int lines = 0, bad = 0, wide = 0, backwards = 0, fill_off = 0, no_left = 0;
    int last_done = 0, bars = 0;
    for (size_t i = 0; i < len; i++) {
        if (log[i] != '\r')
            continue;
        const char *end = NULL;
        for (size_t j = i + 1; j + 2 < len && log[j] != '\n' && log[j] != '\r'; j++)
            if (memcmp(log + j, "\033[K", 3) == 0) {
                end = log + j;
                break;
            }
        if (!end || end == log + i + 1)
            continue;      /* an erase, or not a line of the bar */
        drawn_t d;
        lines++;
        if (!parse_line(log + i + 1, (size_t)(end - log - i - 1), &d)) {
            if (bad++ == 0)
                printf("# not a progress line: %.*s\n", (int)(end - log - i - 1), log + i + 1);
            continue;
        }
        if (d.total != NFILES || d.done < 1 || d.done > NFILES
            || (d.rate <= 0 && (cols >= 80 || d.rate != -1)))
            bad++;
        if (d.width > cols - 1)
            wide++;
        if (d.done < last_done)
            backwards++;
        last_done = d.done;
        if (d.barlen) {
            bars++;
            /* Files of one size: the bar fills as the files are done. */
            double want = (double)d.done / NFILES * d.barlen;
            if (d.fill < want - 1.5 || d.fill > want + 1.5)
                fill_off++;
        }
        if (d.done < NFILES && !d.left && cols >= 80)
            no_left++;
    }
    printf("# %dx%d: %d progress lines drawn, last %d/%d\n", cols, rows, lines, last_done, NFILES);
    ok(lines >= 1, "%dx%d: the progress line is drawn", cols, rows);
    is_int(bad, 0, "%dx%d: every line is [bar] N/%d files, X.X MB/s, M:SS left", cols, rows,
           NFILES);
    is_int(wide, 0, "%dx%d: no line is wider than the terminal", cols, rows);
    is_int(backwards, 0, "%dx%d: the count of files done never goes back", cols, rows);
    is_int(fill_off, 0, "%dx%d: the bar is filled as far as the files done", cols, rows);
    if (cols >= 80) {
        is_int(no_left, 0, "%dx%d: the time left is shown while files remain", cols, rows);
        ok(bars == lines, "%dx%d: with room for it, every line has the bar", cols, rows);
    }
    ok(!term_contains(t, "files,") && !term_contains(t, "MB/s"),
       "%dx%d: the line is erased at the end", cols, rows);
    ok(term_count_rows(t, "added ") >= 1 && !term_contains(t, "#]"),
       "%dx%d: the added lines are on the screen, with no bar in them", cols, rows);
    term_free(t);
}

int main(void)
{
    e2e_init(&e);
    make_files();

    on_terminal(24, 80, "wide.db");
    on_terminal(24, 30, "narrow.db");

    /* Not a terminal: the same import with stdout and stderr in pipes. */
    snprintf(e.db, sizeof e.db, "%s/piped.db", e.dir);
    char *args[NFILES + 2];
    int n = 0;
    args[n++] = "add";
    for (int i = 0; i < NFILES; i++)
        args[n++] = files[i];
    args[n] = NULL;
    char *out = NULL, *err = NULL;
    is_int(e2e_runv(&e, &out, &err, args), 0, "piped: contra add exits 0");
    is_str(err ? err : "(none)", "", "piped: nothing on stderr, no progress line");
    int added = 0;
    for (const char *p = out; p && (p = strstr(p, "added ")); p++)
        added++;
    is_int(added, NFILES, "piped: one added line per file on stdout");
    free(out);
    free(err);

    for (int i = 0; i < NFILES; i++)
        free(files[i]);
    bool failed = tap_failed != 0;
    e2e_done(&e, failed);
    return done_testing();
}
