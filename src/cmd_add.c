/*
** cmd_add.c: `contra add`, importing files into the library.  Each file
** is imported all or nothing (import_path); a bad file stops the run
** unless --keep-going, and files imported before it stay imported.
**
** Files are stored in batches: one transaction holds the files, each in
** a savepoint of its own (import_path nests inside it) unless store_lean
** spares it one (see rc == -2 below), and is committed every half second
** or every BATCH_FILES files, before an error is reported, before this
** thread waits for input, and at the end.  A commit syncs to disk, and
** one per small file held imports to about one MB/s; issue 5 wants ten.
** A file's "added" line is printed only after the commit that made it
** durable, so nothing acknowledged can be lost, and a bad file is undone
** alone.  (The man page says so in a user's terms: keep them together.)
**
** On a terminal, stderr shows a one-line progress bar (files, or the
** articles of a single file; MB/s; time left when the sizes are known),
** redrawn at most ten times a second, also while one big contra JSON file
** streams, and erased at the end.
**
** SIGINT, SIGTERM and SIGHUP stop the import between two articles: the
** file being read is undone (all or nothing), the files before it are
** committed and listed, the bar is erased, one line says what was and
** was not imported, and contra ends by that signal (status 128 plus its
** number, as the shell sees it).
**
** Reading and annotating a file (import_parse) takes about twice as long
** as storing it, and needs no library, so worker threads do it for the
** next few files while this thread stores them in order: on two cores an
** import goes about twice as fast.  Everything a user sees (lines,
** messages, which files are stored) is what one file after another gives.
*/
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "lexicon.h"
#include "sha256.h"

/* For speed (issue 5), batches are bigger than they were (500 files):
** each commit rewrites the index pages the batch touched to the log,
** flushes a full-text segment and syncs; 2,000 small files went in two
** commits instead of four, 7% faster.  The half second bounds how long
** the write lock is held, and the log (64 MB) it writes.  The last batch
** is kept small (TAIL_SHARE, of a batch of TAIL_MIN or more): its log is copied into the library after
** the last file, while nothing else is left to do, and a big one held
** the end of an import up by a tenth of a second. */
#define BATCH_FILES 2000
#define BATCH_SECONDS 0.5
#define TAIL_SHARE 4
#define TAIL_MIN 100

/* ---- the progress bar ------------------------------------------------ */

typedef struct progress {
    bool on;                /* stderr is a terminal */
    bool shown;             /* a bar is on the screen now */
    bool sized;             /* every file's size is known (no pipe) */
    int nfiles, done;
    double total, bytes;    /* known file sizes; bytes of the files done */
    double cur;             /* bytes read of the file being streamed */
    long articles, cur_articles;   /* of the files done; of that file */
    double start, last;
} progress_t;

static void progress_erase(progress_t *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->shown = false;
    }
}

/* "[####----] COUNT, RATE, LEFT" for a terminal cols wide, never more
** than cols - 3 columns.  Writing the last column wraps on some
** terminals, and Ctrl-C is echoed as "^C" just after the bar: had that
** run past the margin, the bar would be left on the line above, out of
** reach of progress_erase's "\r ESC [K".  What does not fit is left
** out: the time left, then the rate; the bar takes the room that is
** left, if there is enough. */
static void progress_line(const progress_t *p, double t, int cols, char *line, size_t size)
{
    double read = p->bytes + p->cur, el = t - p->start, rate = el > 0 ? read / el : 0;
    char count[48], speed[32] = "", left[32] = "";
    if (p->nfiles == 1)
        snprintf(count, sizeof count, "%ld article%s", p->articles + p->cur_articles,
                 p->articles + p->cur_articles == 1 ? "" : "s");
    else
        snprintf(count, sizeof count, "%d/%d files", p->done, p->nfiles);
    if (el > 0)
        snprintf(speed, sizeof speed, ", %.1f MB/s", rate / 1048576);
    /* Time left only from sizes: a pipe has none. */
    if (p->sized && rate > 0 && p->total > read) {
        long sec = (long)((p->total - read) / rate + 0.5);
        snprintf(left, sizeof left, ", %ld:%02ld left", sec / 60, sec % 60);
    }
    /* On a narrow terminal the time left goes first, then the rate,
    ** rather than a line cut in the middle of a word. */
    char tail[128];
    int room = cols - 3;
    for (int parts = 3; parts > 0; parts--) {
        snprintf(tail, sizeof tail, "%s%s%s", count, parts > 1 ? speed : "",
                 parts > 2 ? left : "");
        if ((int)strlen(tail) <= room)
            break;
    }
    /* The bar shows how much is done: of the bytes when the sizes are
    ** known, else of the files; a single pipe has nothing to show. */
    double f = -1;
    if (p->total > 0)
        f = read / p->total;
    else if (p->nfiles > 1)
        f = (double)p->done / p->nfiles;
    int bar = room - (int)strlen(tail) - 3;     /* "[", "] " */
    if (bar > 40)
        bar = 40;
    size_t n = 0;
    if (f >= 0 && bar >= 5) {
        int fill = (int)(f * bar + 0.5);
        if (fill > bar)
            fill = bar;
        line[n++] = '[';
        for (int i = 0; i < bar; i++)
            line[n++] = i < fill ? '#' : '-';
        line[n++] = ']';
        line[n++] = ' ';
    }
    snprintf(line + n, size - n, "%s", tail);
    if (room >= 0 && (int)strlen(line) > room)
        line[room] = '\0';
}

static void progress_draw(progress_t *p, bool force)
{
    if (!p->on)
        return;
    double t = now_s();
    if (!force && t - p->last < 0.1)
        return;
    p->last = t;
    /* Not from the background ("contra add ... &"): the bar would be
    ** drawn over whatever the terminal is doing in the foreground. */
    pid_t fg = tcgetpgrp(STDERR_FILENO);
    if (fg != -1 && fg != getpgrp())
        return;
    struct winsize ws;
    int cols = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
    char line[256];
    progress_line(p, t, cols, line, sizeof line);
    fprintf(stderr, "\r%s\033[K", line);
    fflush(stderr);
    p->shown = true;
}

/* Called by the JSON importer after each article (import_meta_t): the
** bar moves while one big file streams.  Non-zero stops the file. */
static int on_article(void *arg, size_t articles, unsigned long long bytes)
{
    progress_t *p = arg;
    p->cur = (double)bytes;
    p->cur_articles = (long)articles;
    progress_draw(p, false);
    return stop_signal != 0;
}

/* The importer is about to wait for input: show where it is now. */
static int on_wait(void *arg, size_t articles, unsigned long long bytes)
{
    progress_t *p = arg;
    p->cur = (double)bytes;
    p->cur_articles = (long)articles;
    progress_draw(p, true);     /* nothing came for a tenth of a second */
    return stop_signal != 0;
}

/* ---- stopping on a signal ---------------------------------------------- */

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP (sizeof stop_signals / sizeof stop_signals[0])

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

/* Catch the stop signals (no SA_RESTART: a read from a pipe returns, see
** stop_signal in util.h), except those ignored when contra started, as
** under nohup. */
static void catch_stop_signals(struct sigaction old[NSTOP])
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t k = 0; k < NSTOP; k++) {
        sigaction(stop_signals[k], NULL, &old[k]);
        if (old[k].sa_handler != SIG_IGN)
            sigaction(stop_signals[k], &sa, NULL);
    }
}

static void restore_stop_signals(const struct sigaction old[NSTOP])
{
    for (size_t k = 0; k < NSTOP; k++)
        sigaction(stop_signals[k], &old[k], NULL);
}

/* End the process by sig, once all is saved and said.  A shell running
** contra add from a script (a loop over files) stops at Ctrl-C only when
** its command died of the signal: an exit(130) tells it the command
** dealt with the interrupt, and it went on with the next file.  The
** shell's $? is 128 plus the signal's number all the same.  Returns
** only when the signal does not end the process. */
static void die_of(int sig)
{
    struct sigaction now;
    if (sigaction(sig, NULL, &now) != 0 || now.sa_handler != SIG_DFL)
        return;
    /* Said here, as main would say it: the signal is the cause of the
    ** exit status (a hang-up also takes the terminal written to). */
    if (fflush(stdout) != 0 || ferror(stdout))
        cli_error("cannot write to standard output: %s", errno_text(errno));
    fflush(stderr);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

/* Threads started with this mask leave the stop signals to the main
** thread, the one that can stop the import. */
static void block_stop_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t k = 0; k < NSTOP; k++)
        sigaddset(&set, stop_signals[k]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

/* ---- reading ahead -------------------------------------------------------- */

enum { J_TODO, J_BUSY, J_DONE, J_MINE };   /* J_MINE: read by the main thread */

typedef struct job {
    const char *path;
    atomic_int state;       /* written by readers without the pool's lock */
    int rc;
    article_list_t l;
    unsigned char *hash;    /* SHA-256 of each article's text, or NULL */
    format_t fmt;
    format_t by_name;       /* what the name says it is */
    double size;            /* of the file, 0 when not known */
    err_t e;
} job_t;

/* How far the readers may run ahead of the files stored: NEAR files
** always, FAR files while they are less than AHEAD_BYTES in all.  When a
** commit holds this thread up, the readers go on with the next files
** (with only NEAR, under load they were soon idle and this thread then
** waited for them: a third of an import's time on a busy machine), and
** a run of big files still holds only a few of them in memory. */
#define NEAR_PER_READER 2
#define FAR_PER_READER 16
#define AHEAD_BYTES (16.0 * 1048576)
/* contra JSON bigger than this is streamed by the storing thread. */
#define STREAM_BYTES (1.0 * 1048576)

/* The storing thread takes a job that is read without the pool's lock,
** and takes the lock only to wait for a job or to wake a reader that
** waits for room, for speed (issue 5): on two cores a reader holding the
** lock was often descheduled, and the storing thread, which is what an
** import waits for, slept on the lock once or twice per file.  The
** readers take jobs and sleep under the lock, so a job's state changes
** from TODO with a compare-and-swap (this thread may read a job itself). */
typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t done_cv;     /* a job is read (the storing thread waits) */
    pthread_cond_t room_cv;     /* a job is taken (readers wait for room) */
    job_t *jobs;
    int n, next, near, far;     /* next: under mu */
    atomic_int consumed;        /* jobs taken by the storing thread */
    atomic_int stored;          /* jobs below it are stored */
    atomic_int sleepers;        /* readers waiting on room_cv */
    atomic_int sleep_next;      /* the job they would read next */
    atomic_llong ahead;         /* bytes of the files read and not yet taken */
    int freed;                  /* jobs below it are freed (under mu) */
    bool main_waits;            /* on done_cv (under mu) */
    bool stop;                  /* under mu */
    const import_meta_t *meta;
    const lexicon_t *lex;
    pthread_t th[4];
    int nth;
} pool_t;

/* Read and annotate job j, and hash its articles' texts: the store
** needs the hash to know a duplicate, and it was a tenth of the storing
** thread's instructions, which is what an import waits for (issue 5). */
static void job_read(pool_t *p, job_t *j)
{
    j->rc = import_parse(j->path, p->meta, p->lex, &j->l, &j->fmt, &j->e);
    if (j->rc != 0 || !j->l.n)
        return;
    j->hash = xmalloc(j->l.n * SHA256_SIZE);
    for (size_t k = 0; k < j->l.n; k++) {
        const article_t *a = j->l.v[k];
        if (a->text)
            sha256(a->text, a->len, j->hash + k * SHA256_SIZE);
        else
            memset(j->hash + k * SHA256_SIZE, 0, SHA256_SIZE);   /* refused when stored */
    }
}

static void job_free(job_t *j)
{
    article_list_free(&j->l);
    free(j->hash);
    j->hash = NULL;
}

/* Claim job j for reading if no one has; true: it is the caller's. */
static bool job_claim(pool_t *p, job_t *j)
{
    int todo = J_TODO;
    if (!atomic_compare_exchange_strong(&j->state, &todo, J_BUSY))
        return false;
    atomic_fetch_add(&p->ahead, (long long)j->size);
    return true;
}

/* Whether a reader is as far ahead as it may go, job next being the one
** it would read. */
static bool too_far(pool_t *p, int next)
{
    int c = atomic_load(&p->consumed);
    return next >= c + p->near
           && (next >= c + p->far || (double)atomic_load(&p->ahead) >= AHEAD_BYTES);
}

/* Whether readers that went to sleep too far ahead, job next being the
** one they would read, are to be woken: once the storing thread has
** taken half of what they had read ahead, not at every job, for speed
** (issue 5): a woken reader took the processor from the storing thread
** at once (1,000 times in an import of 2,000 files), and it is best
** left to read a run of files at a time. */
static bool wake_readers(pool_t *p, int next)
{
    int c = atomic_load(&p->consumed);
    double ahead = (double)atomic_load(&p->ahead);
    if (next < c + p->near)
        return true;
    if (next >= c + p->far || ahead >= AHEAD_BYTES)
        return false;           /* too far still (too_far) */
    return next - c <= p->far / 2 || ahead <= AHEAD_BYTES / 2;
}

/* The readers and the checkpoints give way to the storing thread, for
** speed (issue 5): a thread it woke took its processor at once, and on
** two cores the storing thread is what an import waits for.  A batch
** thread (Linux) is not run ahead of the one that woke it. */
static void give_way(void)
{
#ifdef SCHED_BATCH
    struct sched_param sp;
    memset(&sp, 0, sizeof sp);
    pthread_setschedparam(pthread_self(), SCHED_BATCH, &sp);
#endif
}

static void *reader_main(void *arg)
{
    pool_t *p = arg;
    give_way();
    pthread_mutex_lock(&p->mu);
    for (;;) {
        /* The articles the storing thread is done with are freed here,
        ** for speed (issue 5): freed there, each free of memory from a
        ** reader's malloc arena waited for that arena's lock while the
        ** reader held it, and on two cores the storing thread slept on
        ** it for a fifth of an import. */
        int stored = atomic_load(&p->stored);
        if (p->freed < stored) {
            int from = p->freed;
            p->freed = stored;
            pthread_mutex_unlock(&p->mu);
            for (int k = from; k < stored; k++)
                job_free(&p->jobs[k]);
            pthread_mutex_lock(&p->mu);
            continue;
        }
        /* Skip this thread's own jobs, and any it has taken itself. */
        while (p->next < p->n && atomic_load(&p->jobs[p->next].state) != J_TODO)
            p->next++;
        if (p->stop || stop_signal || p->next >= p->n)
            break;
        if (too_far(p, p->next)) {
            /* Counted before the second look, which pool_take's store
            ** of consumed and load of sleepers mirror: either this
            ** thread sees the job taken, or pool_take sees it asleep. */
            atomic_store(&p->sleep_next, p->next);
            atomic_fetch_add(&p->sleepers, 1);
            if (!wake_readers(p, p->next))
                pthread_cond_wait(&p->room_cv, &p->mu);
            atomic_fetch_sub(&p->sleepers, 1);
            continue;
        }
        job_t *j = &p->jobs[p->next++];
        if (!job_claim(p, j))
            continue;
        pthread_mutex_unlock(&p->mu);
        job_read(p, j);
        atomic_store(&j->state, J_DONE);
        pthread_mutex_lock(&p->mu);
        if (p->main_waits)
            pthread_cond_broadcast(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Wait for job i to be read (a J_MINE job is read by the caller).  A job
** no reader has begun yet, this thread reads itself rather than wait:
** on a busy machine the readers may get no processor for a while, and
** this thread has nothing else to do. */
static void pool_take(pool_t *p, int i)
{
    job_t *j = &p->jobs[i];
    if (job_claim(p, j)) {
        job_read(p, j);
        atomic_store(&j->state, J_DONE);
    } else if (atomic_load(&j->state) == J_BUSY) {
        pthread_mutex_lock(&p->mu);
        p->main_waits = true;
        while (atomic_load(&j->state) == J_BUSY)
            pthread_cond_wait(&p->done_cv, &p->mu);
        p->main_waits = false;
        pthread_mutex_unlock(&p->mu);
    }
    if (atomic_load(&j->state) == J_DONE)
        atomic_fetch_sub(&p->ahead, (long long)j->size);
    atomic_store(&p->consumed, i + 1);
    if (atomic_load(&p->sleepers) > 0 && wake_readers(p, atomic_load(&p->sleep_next))) {
        pthread_mutex_lock(&p->mu);
        pthread_cond_broadcast(&p->room_cv);
        pthread_mutex_unlock(&p->mu);
    }
}

/* Wait until job i is read or the clock passes until; false: not yet.
** A job no reader has begun counts as ready: pool_take reads it now. */
static bool pool_wait(pool_t *p, int i, double until)
{
    if (atomic_load(&p->jobs[i].state) != J_BUSY)
        return true;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    double d = until - now_s();
    if (d < 0)
        d = 0;
    ts.tv_sec += (time_t)d;
    ts.tv_nsec += (long)((d - (double)(time_t)d) * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->mu);
    p->main_waits = true;
    while (atomic_load(&p->jobs[i].state) == J_BUSY)
        if (pthread_cond_timedwait(&p->done_cv, &p->mu, &ts) != 0)
            break;
    p->main_waits = false;
    bool ready = atomic_load(&p->jobs[i].state) != J_BUSY;
    pthread_mutex_unlock(&p->mu);
    return ready;
}

static void pool_end(pool_t *p)
{
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->room_cv);
    pthread_mutex_unlock(&p->mu);
    for (int k = 0; k < p->nth; k++)
        pthread_join(p->th[k], NULL);
    for (int i = p->freed; i < p->n; i++)
        job_free(&p->jobs[i]);
    free(p->jobs);
    pthread_cond_destroy(&p->room_cv);
    pthread_cond_destroy(&p->done_cv);
    pthread_mutex_destroy(&p->mu);
}

/* Whether FILE can be read to its end without waiting for another
** process: not a pipe, terminal or socket (standard input included).  A
** file that cannot be looked at fails at once, so it counts as ready. */
static bool file_ready(const char *path)
{
    struct stat sb;
    int rc = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &sb) : stat(path, &sb);
    return rc != 0 || !(S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode) || S_ISSOCK(sb.st_mode));
}

/* Without the word lists, a file that is plain text by its name is
** refused before it is read.  Standard input and pipes are left to
** import_parse, which refuses plain text by its content. */
static bool refused_unread(const char *path, format_t by_name, bool annotate,
                           const lexicon_t *lex)
{
    return annotate && !lex && by_name != FMT_JSON && by_name != FMT_BRAT
        && strcmp(path, "-") != 0 && file_ready(path);
}

/* ---- checkpoints beside the import ---------------------------------------- */

/* A commit goes to the library's write-ahead log; SQLite copies the log
** into the library file (a checkpoint) when it has grown past a limit,
** in the middle of the commit that crossed it, and syncs the file.  On
** the 100,000-article library that was a tenth of an import's time on the
** thread that stores (issue 5).  Here a second connection, on a thread of
** its own, checkpoints after every commit while the import goes on; the
** import's own connection only does so past a far larger limit (see
** store_bulk_mode), and at the end for what is left. */
typedef struct ckpt {
    store_t *s;             /* its own connection; NULL: none */
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int pending;            /* commits not checkpointed yet */
    bool stop;
} ckpt_t;

static void *ckpt_main(void *arg)
{
    ckpt_t *k = arg;
    give_way();
    pthread_mutex_lock(&k->mu);
    for (;;) {
        while (!k->pending && !k->stop)
            pthread_cond_wait(&k->cv, &k->mu);
        if (k->stop)
            break;
        k->pending = 0;
        pthread_mutex_unlock(&k->mu);
        err_t ignore = {{0}};
        store_checkpoint(k->s, &ignore);   /* failing, it is left to the end */
        pthread_mutex_lock(&k->mu);
    }
    pthread_mutex_unlock(&k->mu);
    return NULL;
}

static void ckpt_start(ckpt_t *k, const char *path)
{
    err_t ignore = {{0}};
    if (!(k->s = store_open(path, 0, &ignore)))
        return;
    pthread_mutex_init(&k->mu, NULL);
    pthread_cond_init(&k->cv, NULL);
    if (pthread_create(&k->th, NULL, ckpt_main, k) != 0) {
        pthread_cond_destroy(&k->cv);
        pthread_mutex_destroy(&k->mu);
        store_close(k->s);
        k->s = NULL;
    }
}

static void ckpt_kick(ckpt_t *k)
{
    if (!k->s)
        return;
    pthread_mutex_lock(&k->mu);
    k->pending++;
    pthread_cond_signal(&k->cv);
    pthread_mutex_unlock(&k->mu);
}

static void ckpt_end(ckpt_t *k)
{
    if (!k->s)
        return;
    pthread_mutex_lock(&k->mu);
    k->stop = true;
    pthread_cond_signal(&k->cv);
    pthread_mutex_unlock(&k->mu);
    pthread_join(k->th, NULL);
    pthread_cond_destroy(&k->cv);
    pthread_mutex_destroy(&k->mu);
    store_close(k->s);
    k->s = NULL;
}

/* ---- batches ------------------------------------------------------------ */

/* --title, --url and --date are one article's: a file of several keeps
** each article's own, and says so on stderr, after its articles' lines,
** rather than leave a user to find the option had done nothing. */
typedef struct ignored {
    size_t after;              /* printed after this many items */
    char *msg;
} ignored_t;

static char *meta_ignored(const import_meta_t *meta, const char *path, size_t narticles)
{
    if (narticles < 2 || !(meta->title || meta->url || meta->date))
        return NULL;
    const char *opt[3];
    int n = 0;
    if (meta->title) opt[n++] = "--title";
    if (meta->url) opt[n++] = "--url";
    if (meta->date) opt[n++] = "--date";
    strbuf_t b = {0};
    sb_printf(&b, "%s: ", strcmp(path, "-") == 0 ? "<stdin>" : path);
    for (int k = 0; k < n; k++)
        sb_printf(&b, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ", opt[k]);
    sb_printf(&b, " ignored: the file holds %zu articles (%s to a file of one)",
              narticles, n == 1 ? "it applies" : "they apply");
    return sb_steal(&b);
}

typedef struct batch {
    bool open;
    double since;
    int files;
    int first;                 /* argv index of its first file */
    bool lean;                 /* its files may be stored without savepoints */
    double held;               /* bytes of its files kept to store them again */
    int redo;                  /* files up to it are stored with savepoints */
    progress_t prog;           /* the bar as it was when the batch began */
    import_result_t pending;   /* items of the files in it, not yet printed */
    ignored_t *ignored;        /* notes to print with them (meta_ignored) */
    size_t nignored, capignored;
    ckpt_t *ckpt;
    int saved_files;           /* files committed so far, in batches or not */
    size_t saved_articles;
    int failed;                /* files tried and not imported (said above) */
} batch_t;

static void print_item(const cli_t *c, const import_item_t *it)
{
    char *t = cli_safe(c, it->title ? it->title : "(untitled)");
    if (it->duplicate)
        printf("already in library: %lld \"%s\"\n", (long long)it->id, t);
    else {
        printf("added %lld \"%s\" ", (long long)it->id, t);
        cli_print_counts(stdout, it->nentities, it->nquotes, it->nclaims, it->nrelations, "");
    }
    free(t);
}

static void batch_forget_ignored(batch_t *b)
{
    for (size_t k = 0; k < b->nignored; k++)
        free(b->ignored[k].msg);
    b->nignored = 0;
}

/* Commit the batch and only then say what it added.  Returns 0, or -1
** with the files of the batch reported as not imported. */
static int batch_commit(const cli_t *c, store_t *s, batch_t *b, progress_t *p)
{
    if (!b->open)
        return 0;
    err_t e = {{0}};
    b->open = false;
    int rc = store_commit(s, &e);
    progress_erase(p);
    size_t w = 0;
    if (rc == 0) {
        ckpt_kick(b->ckpt);
        for (size_t k = 0; k <= b->pending.n; k++) {
            for (; w < b->nignored && b->ignored[w].after == k; w++)
                cli_error("%s", b->ignored[w].msg);
            if (k < b->pending.n)
                print_item(c, &b->pending.v[k]);
        }
        fflush(stdout);
        b->saved_files += b->files;
        b->saved_articles += b->pending.n;
    } else {
        cli_error("%s", e.msg);
        cli_error("%d file%s not imported: the changes could not be saved",
                  b->files, b->files == 1 ? "" : "s");
        b->failed += b->files;
    }
    import_result_free(&b->pending);
    batch_forget_ignored(b);
    b->files = 0;
    return rc;
}

static void add_items(import_result_t *to, import_result_t *from)
{
    for (size_t k = 0; k < from->n; k++) {
        grow_array((void **)&to->v, &to->cap, to->n + 1, sizeof *to->v);
        to->v[to->n++] = from->v[k];
    }
    from->n = 0;        /* the titles moved; import_result_free frees none */
}

/* Size of a file to import, 0 when not known (a pipe); standard input
** redirected from a file counts. */
static double file_size(const char *path)
{
    struct stat sb;
    int rc = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &sb) : stat(path, &sb);
    return rc == 0 && S_ISREG(sb.st_mode) ? (double)sb.st_size : 0;
}

/* What of the files given was not imported, by kind, so that the count
** is of all of them (a user trial read "stopped; 1 file not imported"
** when one had failed and one was never tried): those that failed (their
** errors said above), the one a signal stopped while it was read
** (undone), and those not tried, from the first of them on, to know
** where to take up. */
static void sb_not_imported(strbuf_t *b, int total, int failed, const char *undone,
                            int untried, const char *next)
{
    int n = failed + (undone != NULL) + untried;
    if (n == 1 && total == 1)
        sb_adds(b, "not imported: ");
    else
        sb_printf(b, "%d of %d file%s not imported: ", n, total, total == 1 ? "" : "s");
    const char *sep = "";
    if (failed) {
        sb_printf(b, "%d failed", failed);
        sep = ", ";
    }
    if (undone) {
        sb_printf(b, "%s%s, stopped while it was read (each file is imported whole or "
                  "not at all)", sep, strcmp(undone, "-") == 0 ? "<stdin>" : undone);
        sep = ", ";
    }
    if (untried)
        sb_printf(b, "%s%d not tried (%s%s%s)", sep, untried, untried > 1 ? "from " : "",
                  strcmp(next, "-") == 0 ? "<stdin>" : next, untried > 1 ? " on" : "");
}

/* Stopped at an error without --keep-going, or at the end with it: one
** line, where the error lines alone would not tell it (more than the one
** file they name was not imported). */
static void report_not_imported(bool stopped, int total, int failed, int untried,
                                const char *next)
{
    if (stopped ? untried == 0 && failed <= 1 : failed == 0 || total == 1)
        return;
    strbuf_t b = {0};
    if (stopped)
        sb_adds(&b, "stopped; ");
    sb_not_imported(&b, total, failed, NULL, untried, next);
    if (stopped && untried)
        sb_adds(&b, "; use --keep-going to go on");
    cli_error("%s", b.s);
    sb_free(&b);
}

/* One line for an import stopped by sig: what was imported before it
** (listed above, once committed) and what was not, by kind. */
static void report_stop(int sig, int files, size_t articles, int total, int failed,
                        const char *undone, int untried, const char *next)
{
    const char *what = sig == SIGINT ? "interrupted" : sig == SIGTERM ? "terminated"
                     : sig == SIGHUP ? "hung up" : "stopped by a signal";
    strbuf_t b = {0};
    sb_printf(&b, "%s: ", what);
    if (files == 0)
        sb_adds(&b, "nothing was imported");
    else
        sb_printf(&b, "%d file%s (%zu article%s) imported before it", files,
                  files == 1 ? "" : "s", articles, articles == 1 ? "" : "s");
    if (failed || undone || untried) {
        sb_adds(&b, "; ");
        sb_not_imported(&b, total, failed, undone, untried, next);
    }
    cli_error("%s", b.s);
    sb_free(&b);
}

/* ---- a library this add made --------------------------------------------
** Refused input changes nothing, the library's existence included: an
** add that stores nothing in a library that was not there before removes
** what opening it made, the file and the directories made for it (a new
** user's `contra --db new.db add empty.txt` left an empty library).  The
** files refused unread are caught before the library is opened
** (need_store below), but an empty file or a JSON syntax error is found
** only by reading it, with the library open: a big JSON file is read and
** stored an article at a time, so it cannot all be read first.
**
** A library that was there before, even an empty file, is never removed;
** nor one that has an article, or whose file is no longer the one this
** add opened, or that another process has open: SQLite's last connection
** to close removes the -wal and -shm, so where either is left after ours
** closed, someone else has it open (a colleague's add of the same new
** path, about to store) or crashed in it, and it stays.  That test and
** the removal are not one step; a process that opens the library in
** between, within microseconds of its making, would lose an empty one. */
typedef struct fresh {
    char *path;         /* the library, when it was not there; else NULL */
    char *top;          /* the highest directory made for it, or NULL */
    dev_t dev;          /* the file this add opened */
    ino_t ino;
} fresh_t;

/* Before the library is opened: is it there, and which directories will
** store_open make for it? */
static void fresh_look(fresh_t *f, const cli_t *c)
{
    struct stat sb;
    char *path = store_default_path(c->db_opt);
    if (f->path || lstat(path, &sb) == 0 || errno != ENOENT) {
        free(path);
        return;
    }
    f->path = path;
    char *dir = xstrdup(path);
    for (char *slash; (slash = strrchr(dir, '/')) && slash != dir; ) {
        *slash = '\0';
        if (lstat(dir, &sb) == 0 || errno != ENOENT)
            break;
        free(f->top);
        f->top = xstrdup(dir);
    }
    free(dir);
}

/* After it is opened: the file made, to know it again.  Whether it was
** made is store_open's to say: "new/../lib.db" names a library that is
** there once the directory new is made, which a look before could not
** tell (a review: such an add removed a library it had not made). */
static void fresh_opened(fresh_t *f, const store_t *s)
{
    struct stat sb;
    if (f->path && store_created(s) && stat(f->path, &sb) == 0) {
        f->dev = sb.st_dev;
        f->ino = sb.st_ino;
    } else {
        f->ino = 0;     /* not ours: its directories alone may go */
    }
}

static bool exists(const char *path, const char *suffix)
{
    char *p = xasprintf("%s%s", path, suffix);
    struct stat sb;
    bool there = lstat(p, &sb) == 0 || errno != ENOENT;
    free(p);
    return there;
}

/* cli_open, and what fresh_look and fresh_opened learn around it. */
static store_t *open_fresh(cli_t *c, fresh_t *f)
{
    fresh_look(f, c);
    store_t *s = cli_open(c, true);
    if (s)
        fresh_opened(f, s);
    return s;
}

/* With every connection of this add closed; empty: it stored nothing. */
static void fresh_end(fresh_t *f, bool empty)
{
    struct stat sb;
    bool mine = f->path && empty && f->ino
        && !exists(f->path, "-wal") && !exists(f->path, "-shm")
        && !exists(f->path, "-journal")
        && stat(f->path, &sb) == 0 && sb.st_dev == f->dev && sb.st_ino == f->ino;
    /* The directories made on the way to a library that was there after
    ** all ("new/../lib.db") go too: made now, they cannot hold it. */
    if (f->path && (mine ? unlink(f->path) == 0 : !f->ino)) {
        /* rmdir removes only empty directories: one that something
        ** else was put in meanwhile stays, and the ones above it. */
        char *dir = xstrdup(f->path);
        for (char *slash; f->top && (slash = strrchr(dir, '/')) && slash != dir; ) {
            *slash = '\0';
            const char *base = strrchr(dir, '/');
            base = base ? base + 1 : dir;
            if (!strcmp(base, "..") || !strcmp(base, "."))
                continue;       /* not a directory of its own */
            if (rmdir(dir) != 0 || strcmp(dir, f->top) == 0)
                break;
        }
        free(dir);
    }
    free(f->path);
    free(f->top);
}

int cmd_add(cli_t *c, int argc, char **argv)
{
    enum { O_NOANN = OPT_FIRST_OWN, O_KEEP, O_REPAIR, O_TITLE, O_SOURCE,
           O_URL, O_DATE, O_FORMAT };
    static const struct option longopts[] = {
        { "no-annotate", no_argument, NULL, O_NOANN },
        { "keep-going", no_argument, NULL, O_KEEP },
        { "repair", no_argument, NULL, O_REPAIR },
        { "title", required_argument, NULL, O_TITLE },
        { "source", required_argument, NULL, O_SOURCE },
        { "url", required_argument, NULL, O_URL },
        { "date", required_argument, NULL, O_DATE },
        { "format", required_argument, NULL, O_FORMAT },
        CLI_COMMON_LONGOPTS
    };
    import_meta_t meta = {0};
    bool annotate = true, keep_going = false;
    int ch;
    while ((ch = getopt_long(argc, argv, ":hk", longopts, NULL)) != -1) {
        switch (ch) {
        case O_NOANN: annotate = false; break;
        case 'k':
        case O_KEEP: keep_going = true; break;
        case O_REPAIR: meta.repair = true; break;
        /* One article has one title: a second --title (a script's
        ** default before the user's own) was kept without a word, the
        ** first lost; so for the source, address and date. */
        case O_TITLE:
        case O_SOURCE:
        case O_URL:
        case O_DATE: {
            static const char *const names[] = { "--title", "--source", "--url", "--date" };
            const char **v = ch == O_TITLE ? &meta.title : ch == O_SOURCE ? &meta.source
                             : ch == O_URL ? &meta.url : &meta.date;
            const char *name = names[ch == O_TITLE ? 0 : ch == O_SOURCE ? 1 : ch == O_URL ? 2 : 3];
            if (*v)
                return cli_usage("add", "%s given twice ('%s' and '%s'); give it once",
                                 name, *v, optarg);
            if (ch == O_DATE && !iso_date_valid(optarg, strlen(optarg)))
                return cli_usage("add", "--date wants a real date as YYYY-MM-DD, not '%s'", optarg);
            *v = optarg;
            break;
        }
        case O_FORMAT:
            if (strcmp(optarg, "plain") == 0 || strcmp(optarg, "text") == 0)
                meta.format = FMT_PLAIN;
            else if (strcmp(optarg, "json") == 0)
                meta.format = FMT_JSON;
            else if (strcmp(optarg, "brat") == 0)
                meta.format = FMT_BRAT;
            else
                return cli_usage("add", "unknown format '%s' (plain, json or brat)", optarg);
            break;
        default: {
            int st = cli_common_option(c, "add", ch, argv);
            if (st >= 0)
                return st;
        }
        }
    }
    if (optind >= argc)
        return cli_usage("add", "no file given");
    /* One title (or address) for several articles is a mistake that
    ** would be stored: refused before anything is read. */
    if (argc - optind > 1 && (meta.title || meta.url))
        return cli_usage("add", "%s %s for one article; %d files given",
                         meta.title && meta.url ? "--title and --url"
                         : meta.title ? "--title" : "--url",
                         meta.title && meta.url ? "are" : "is", argc - optind);

    /* The word lists are needed only for plain text.  A broken
    ** installation should not stop the import of JSON or brat files, but
    ** must stop a plain text file from being stored unannotated. */
    lexicon_t *lex = NULL;
    err_t lex_err = {{0}};
    if (annotate) {
        char *dir = lexicon_default_dir();
        lex = lexicon_load(dir, &lex_err);
        if (!lex && !err_is_set(&lex_err))
            err_set(&lex_err, "%s", dir);
        free(dir);
    }

    if (annotate && !lex)
        meta.no_lexicon = lex_err.msg;

    /* When the files refused unread stop the import before anything
    ** could be stored (the first file, or every file with --keep-going),
    ** the library is not opened, so that a refused add does not leave an
    ** empty library behind (a new user's trial found one at a mistyped
    ** --db path).  The loop then only says why each file was refused. */
    bool need_store = false;
    for (int i = optind; i < argc && !need_store; i++) {
        format_t fn = meta.format ? meta.format : format_detect(argv[i], "", 0);
        if (!refused_unread(argv[i], fn, annotate, lex))
            need_store = true;
        else if (!keep_going)
            break;
    }
    store_t *s = NULL;
    fresh_t fresh = {0};
    if (need_store && !(s = open_fresh(c, &fresh))) {
        fresh_end(&fresh, false);
        lexicon_free(lex);
        return EXIT_USER;
    }
    int status = EXIT_OK;
    progress_t prog = { .on = isatty(STDERR_FILENO) == 1, .nfiles = argc - optind,
                        .sized = true };
    /* Text typed into "contra add -" on the terminal would be drawn over. */
    for (int i = optind; i < argc && prog.on; i++)
        if (strcmp(argv[i], "-") == 0 && isatty(STDIN_FILENO))
            prog.on = false;
    if (prog.on) {
        for (int i = optind; i < argc; i++) {
            double sz = file_size(argv[i]);
            prog.total += sz;
            prog.sized &= sz > 0;
        }
        prog.start = now_s();
        prog.last = prog.start - 1;
    }
    meta.progress = on_article;
    meta.waiting = on_wait;
    meta.progress_arg = &prog;
    struct sigaction old_sa[NSTOP];
    stop_signal = 0;
    catch_stop_signals(old_sa);
    int stopped_at = -1;       /* the first file not imported, on a signal */
    bool undone = false;       /* ... and the signal came while it was read */
    ckpt_t ckpt = {0};
    batch_t b = { .ckpt = &ckpt };
    pool_t pool = { .n = argc - optind, .meta = &meta, .lex = lex };
    sigset_t old_mask;
    block_stop_signals(&old_mask);
    if (argc - optind > 1 && s) {
        store_bulk_mode(s);
        ckpt_start(&ckpt, store_path(s));
        pool.jobs = xcalloc((size_t)pool.n, sizeof *pool.jobs);
        for (int i = 0; i < pool.n; i++) {
            const char *path = argv[optind + i];
            format_t fn = meta.format ? meta.format : format_detect(path, "", 0);
            struct stat sb;
            atomic_init(&pool.jobs[i].state, J_TODO);
            pool.jobs[i].path = path;
            pool.jobs[i].by_name = fn;
            if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
                pool.jobs[i].size = (double)sb.st_size;
            /* Standard input, and a file that fails before it is read,
            ** are left to this thread, in their turn.  So are big files
            ** and contra JSON not known to be small: import_path streams
            ** JSON an article at a time, where a reader holds the whole
            ** file in memory (three 33 MB JSONL files took 218 MB, 64 MB
            ** streamed), and a big file keeps this thread busy while the
            ** readers go on.  Small JSON files stay with the readers, for
            ** speed: 2,000 one-article files took 40% longer here.  A
            ** named pipe (or terminal, socket) stays here too: a reader
            ** waiting to open or read it cannot be stopped, since the
            ** stop signals come to this thread only. */
            double sz = pool.jobs[i].size;
            if (strcmp(path, "-") == 0 || (annotate && !lex && fn != FMT_JSON && fn != FMT_BRAT)
                || (fn == FMT_JSON && (sz == 0 || sz > STREAM_BYTES)) || sz > AHEAD_BYTES
                || !file_ready(path))
                atomic_store(&pool.jobs[i].state, J_MINE);
        }
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        int want = cores > 1 ? (int)(cores > 4 ? 4 : cores) : 1;
        pool.near = NEAR_PER_READER * want;
        pool.far = FAR_PER_READER * want;
        pthread_mutex_init(&pool.mu, NULL);
        pthread_cond_init(&pool.done_cv, NULL);
        pthread_cond_init(&pool.room_cv, NULL);
        for (int k = 0; k < want; k++)
            if (pthread_create(&pool.th[pool.nth], NULL, reader_main, &pool) == 0)
                pool.nth++;
    }
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    for (int i = optind; i < argc; i++) {
        err_t e = {{0}};
        import_result_t res = {0};
        format_t by_name;
        int rc;
        job_t *j = NULL;
        if (stop_signal) {
            stopped_at = i;
            break;
        }
        /* The open batch holds the library's write lock, and another
        ** contra (tag, rm, the reader) gives up after the busy timeout:
        ** so it is committed before this thread waits for a pipe or for
        ** a reader that is not done by the time the batch would commit
        ** anyway.  Files that are ready keep one commit per batch. */
        bool ready = file_ready(argv[i]);
        if (b.open && (!ready || (pool.nth > 0 && !pool_wait(&pool, i - optind,
                                                             b.since + BATCH_SECONDS)))
            && batch_commit(c, s, &b, &prog)) {
            status = EXIT_USER;
            if (!keep_going) {
                report_not_imported(true, argc - optind, b.failed, argc - i, argv[i]);
                break;
            }
        }
        if (pool.nth > 0) {
            j = &pool.jobs[i - optind];
            pool_take(&pool, i - optind);    /* read ahead, unless J_MINE */
            /* The readers free the files before this one, or before the
            ** batch while its files may be stored again (rc == -2 below). */
            atomic_store(&pool.stored, (b.open && b.lean ? b.first : i) - optind);
            by_name = j->by_name;
            if (stop_signal) {
                stopped_at = i;
                break;
            }
        } else {
            by_name = meta.format ? meta.format : format_detect(argv[i], "", 0);
        }
        /* By name alone, standard input and a pipe look like plain text:
        ** those are left to import_parse, which refuses plain text by its
        ** content (meta.no_lexicon). */
        if (refused_unread(argv[i], by_name, annotate, lex)) {
            err_set(&e, "%s: cannot load the annotator's word lists: %s; "
                    "or use --no-annotate to store the text unannotated",
                    strcmp(argv[i], "-") == 0 ? "<stdin>" : argv[i], lex_err.msg);
            rc = -1;
        } else if (!s && !(s = open_fresh(c, &fresh))) {
            /* Not refused after all: a file that changed since it was
            ** looked at above. */
            status = EXIT_USER;
            break;
        } else {
            /* A batch that cannot begin (a read-only library, say) leaves
            ** the file to import_path alone, which says why it failed. */
            if (!b.open && i + 1 < argc && (ready || (j && j->state == J_DONE))) {
                err_t ignore = {{0}};
                if (store_begin(s, &ignore) == 0) {
                    b.open = true;
                    b.since = now_s();
                    b.first = i;
                    b.lean = i > b.redo;
                    b.held = 0;
                    b.prog = prog;
                }
            }
            if (j && j->state == J_DONE) {
                rc = j->rc;
                if (rc == 0)
                    rc = import_store_hashed(s, argv[i], &j->l, j->hash, b.open && b.lean,
                                             j->fmt, &res, &e);
                else
                    e = j->e;
                /* j's articles are freed by a reader (reader_main).  What
                ** is kept to be stored again is bounded: past it, the next
                ** files have their savepoints, and these are freed. */
                b.held += j->size;
                if (b.held > AHEAD_BYTES)
                    b.lean = false;
            } else {
                /* Typed in, the article ends only at Ctrl-D, which a new
                ** user waiting for a prompt has no way to know. */
                if (strcmp(argv[i], "-") == 0 && isatty(STDIN_FILENO) && isatty(STDERR_FILENO))
                    cli_error("type or paste the article, then Ctrl-D at the start of a line");
                rc = import_path(s, argv[i], &meta, lex, &res, &e);
                b.lean = false;     /* it cannot be stored again from memory */
            }
        }
        if (rc == -2) {
            /* Stored without a savepoint of its own (store_lean), it
            ** failed half way, as only SQLite can make it: the batch is
            ** undone, and its files are stored again, from memory (the
            ** readers keep them until the batch is committed), each with
            ** its savepoint, this one too, as if there had been one all
            ** along.  Nothing was printed of them yet. */
            store_rollback(s);
            b.open = false;
            import_result_free(&b.pending);
            batch_forget_ignored(&b);
            b.files = 0;
            prog = b.prog;
            b.redo = i;
            i = b.first - 1;
            continue;
        }
        if (rc != 0 && stop_signal) {
            /* Stopped in the middle of this file: undone, not an error. */
            stopped_at = i;
            undone = true;
            break;
        }
        if (prog.on) {
            double sz = file_size(argv[i]);
            prog.bytes += sz > 0 ? sz : prog.cur;
            prog.cur = 0;
            prog.articles += rc == 0 ? (long)res.n : 0;
            prog.cur_articles = 0;
            prog.done++;
        }
        if (rc != 0) {
            /* Not stored again (rc == -2 above): its error is said once. */
            b.lean = false;
            /* What came before is saved and reported first. */
            if (batch_commit(c, s, &b, &prog))
                status = EXIT_USER;
            progress_erase(&prog);
            cli_error("%s", err_is_set(&e) ? e.msg : argv[i]);
            status = EXIT_USER;
            b.failed++;
            import_result_free(&res);
            if (!keep_going) {
                report_not_imported(true, argc - optind, b.failed, argc - i - 1,
                                    i + 1 < argc ? argv[i + 1] : NULL);
                break;
            }
            continue;
        }
        char *ignored = meta_ignored(&meta, argv[i], res.n);
        if (b.open) {
            add_items(&b.pending, &res);
            if (ignored) {
                grow_array((void **)&b.ignored, &b.capignored, b.nignored + 1,
                           sizeof *b.ignored);
                b.ignored[b.nignored++] = (ignored_t){ b.pending.n, ignored };
            }
            import_result_free(&res);
            b.files++;
            int left = argc - i - 1;
            if ((b.files >= BATCH_FILES || now_s() - b.since >= BATCH_SECONDS
                 || (left > 0 && b.files >= TAIL_MIN && left * TAIL_SHARE <= b.files))
                && batch_commit(c, s, &b, &prog)) {
                status = EXIT_USER;
                if (!keep_going) {
                    report_not_imported(true, argc - optind, b.failed, argc - i - 1,
                                        i + 1 < argc ? argv[i + 1] : NULL);
                    break;
                }
            }
        } else {
            progress_erase(&prog);
            for (size_t k = 0; k < res.n; k++)
                print_item(c, &res.v[k]);
            fflush(stdout);
            if (ignored)
                cli_error("%s", ignored);
            free(ignored);
            b.saved_files++;
            b.saved_articles += res.n;
            import_result_free(&res);
        }
        progress_draw(&prog, false);
    }
    if (batch_commit(c, s, &b, &prog))
        status = EXIT_USER;
    free(b.ignored);
    progress_erase(&prog);
    if (pool.jobs)
        pool_end(&pool);
    ckpt_end(&ckpt);
    /* Read while the library is open; an error keeps it. */
    err_t ce = {{0}};
    bool empty = fresh.path && s && store_count_articles(s, &ce) == 0;
    store_close(s);
    fresh_end(&fresh, empty);
    lexicon_free(lex);
    int sig = stop_signal;
    if (sig && stopped_at < 0)
        stopped_at = argc;     /* the last file was done when it came */
    if (sig) {
        report_stop(sig, b.saved_files, b.saved_articles, argc - optind, b.failed,
                    undone ? argv[stopped_at] : NULL, argc - stopped_at - undone,
                    stopped_at + undone < argc ? argv[stopped_at + undone] : NULL);
        status = 128 + sig;
    } else if (keep_going) {
        report_not_imported(false, argc - optind, b.failed, 0, NULL);
    }
    restore_stop_signals(old_sa);
    stop_signal = 0;
    if (sig)
        die_of(sig);
    return status;
}
