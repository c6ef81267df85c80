/*
** test_store_frozen.c: a library read from a directory the reader cannot
** write (a colleague's, on a shared server) shows its owner's later
** changes.  With no -shm beside it, store_open can read it only as an
** immutable file, whose PRAGMA data_version never moves; the store then
** watches the files (frozen_data_version in store.c) and opens the
** library again when they change.
**
** Permissions do not stop root, so the reader here is a child process
** that becomes nobody; as anyone else the test is skipped.  The child
** reports what it saw through a pipe, and the parent, the owner, tags.
*/
#include "config.h"

#include "store.h"
#include "../tap.h"
#include "fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOBODY 65534

/* The claim's status as the store reads it now, -1 if it cannot. */
static int status_now(store_t *s, int64_t article)
{
    err_t e = {{0}};
    article_t *a = store_load_article(s, article, &e);
    int st = a && a->nassertions == 1 ? (int)a->assertions[0].status : -1;
    article_free(a);
    return st;
}

static void send_line(int fd, const char *line)
{
    size_t n = strlen(line);
    if (write(fd, line, n) != (ssize_t)n)
        _exit(3);
}

/* Wait for the other side's byte: it, or 0 when the other side is gone. */
static char await(int fd)
{
    char c;
    return read(fd, &c, 1) == 1 ? c : 0;
}

/* The reader: as nobody, open the library, and at each of the owner's
** turns say whether the version moved and what the claim's status is.
** At an 'r' it reads the status without asking the version first, as
** the reader's keys do between its idle looks. */
static int reader(const char *path, int64_t article, int go, int out)
{
    if (setgid(NOBODY) != 0 || setuid(NOBODY) != 0) {
        send_line(out, "no setuid\n");
        return 0;
    }
    err_t e = {{0}};
    store_t *s = store_open(path, 0, &e);
    char line[sizeof e.msg + 64];
    if (!s) {
        snprintf(line, sizeof line, "open failed: %s\n", e.msg);
        send_line(out, line);
        return 1;
    }
    int64_t v = store_data_version(s);
    snprintf(line, sizeof line, "open %d %d\n", store_readonly(s), status_now(s, article));
    send_line(out, line);
    char c;
    for (int turn = 0; turn < 4 && (c = await(go)); ) {
        if (c == 'r') {
            snprintf(line, sizeof line, "read %d\n", status_now(s, article));
            send_line(out, line);
            continue;
        }
        int64_t now = store_data_version(s);
        snprintf(line, sizeof line, "turn %d %d %d\n", turn, now != v && now >= 0,
                 status_now(s, article));
        send_line(out, line);
        v = now;
        turn++;
    }
    store_close(s);
    return 0;
}

/* Start the reader on path in a child: *go is where the owner says it
** is the reader's turn, *in what the reader says; its pid, or -1. */
static pid_t start_reader(const char *path, int64_t art, int *go, FILE **in)
{
    int to_reader[2], from_reader[2];
    if (pipe(to_reader) || pipe(from_reader))
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(to_reader[1]);
        close(from_reader[0]);
        _exit(reader(path, art, to_reader[0], from_reader[1]));
    }
    close(to_reader[0]);
    close(from_reader[1]);
    *go = to_reader[1];
    *in = fdopen(from_reader[0], "r");
    return pid;
}

/* Give the reader its turn (what: "x", or "r" to read without asking
** the version), and read what it says into line ("" when it says
** nothing). */
static void reader_turn(int go, FILE *in, const char *what, char *line, size_t n)
{
    if (write(go, what, 1) != 1 || !fgets(line, (int)n, in))
        line[0] = '\0';
}

static void next_turn(int go, FILE *in, char *line, size_t n)
{
    reader_turn(go, in, "x", line, n);
}

/* Tell the reader started by start_reader to end, and check that it did
** so well. */
static void end_reader(pid_t pid, int go, FILE *in)
{
    close(go);
    int status = 0;
    waitpid(pid, &status, 0);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the reader ends well");
    fclose(in);
}

/* Files beside the library (-wal, -shm) that uid owns: how many. */
static int owned_beside(const char *path, uid_t uid)
{
    static const char *const suffix[] = { "-wal", "-shm" };
    int n = 0;
    for (size_t k = 0; k < 2; k++) {
        char *p = xasprintf("%s%s", path, suffix[k]);
        struct stat sb;
        n += stat(p, &sb) == 0 && sb.st_uid == uid;
        free(p);
    }
    return n;
}

/* The same library in a directory everyone may write (a group's shared
** one), the library still the owner's alone: a read-only open there made
** the -wal and -shm, the reader's, and the owner's contra then found its
** own library read-only while the reader was open.  The reader must
** make nothing, and still see the owner's tags. */
/* A read begun before the owner's change and ended after it (a long
** article read in two halves): the store replaced its connection inside
** the reader's BEGIN, read the second half from the new one, and could
** not close the old one, left in its BEGIN with a blob open (R5: 135 KB
** leaked, which valgrind and LeakSanitizer report here).  The reader, as
** nobody, says how it went. */
static void read_across_change(const char *path, int64_t art, int64_t claim)
{
    int go[2], back[2];
    if (pipe(go) || pipe(back))
        return;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(go[1]);
        close(back[0]);
        if (setgid(NOBODY) != 0 || setuid(NOBODY) != 0)
            _exit(2);
        err_t e = {{0}};
        store_t *r = store_open(path, 0, &e);
        if (!r)
            _exit(3);
        store_data_version(r);
        int bad = store_read_begin(r, &e) != 0;
        send_line(back[1], "x");
        await(go[0]);
        article_part_t part;
        article_t *x = store_load_part(r, art, 1, 10, 0, &part, &e);
        bad |= x == NULL;
        send_line(back[1], "x");
        await(go[0]);
        store_data_version(r);      /* the idle look, the read still open */
        if (x)
            store_part_end(r, &part);
        article_free(x);
        store_read_end(r);
        store_close(r);
        exit(bad ? 4 : 0);           /* exit, not _exit: LeakSanitizer looks */
    }
    close(go[0]);
    close(back[1]);
    for (int k = 0; k < 2 && await(back[0]); k++) {
        err_t e = {{0}};
        store_t *s = store_open(path, 0, &e);
        if (s)
            store_tag(s, claim, k ? STATUS_DISPUTED : STATUS_CORROBORATED, NULL, "owner", &e);
        store_close(s);
        send_line(go[1], "x");
    }
    close(go[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    close(back[0]);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
       "a read begun before the owner's changes and ended after them ends well (status %d)",
       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void shared_dir(const char *path, int64_t art, int64_t claim)
{
    char *dir = xstrdup(path);
    *strrchr(dir, '/') = '\0';
    chmod(dir, 0777);
    free(dir);
    int go;
    FILE *in;
    pid_t pid = start_reader(path, art, &go, &in);
    if (pid < 0)
        return;
    char line[256] = "", want[64];
    if (!fgets(line, sizeof line, in))
        line[0] = '\0';
    ok(!strncmp(line, "open 1 ", 7), "in a directory anyone may write, nobody opens it read-only");
    is_int(owned_beside(path, NOBODY), 0, "... and makes no -wal or -shm of its own");

    err_t e = {{0}};
    store_t *s = store_open(path, 0, &e);
    ok(s && !store_readonly(s) && store_tag(s, claim, STATUS_UNREVIEWED, NULL, "owner", &e) == 0,
       "the owner's contra can write its library meanwhile");
    next_turn(go, in, line, sizeof line);
    snprintf(want, sizeof want, "turn 0 1 %d\n", STATUS_UNREVIEWED);
    is_str(line, want, "... and the reader sees its tag");
    ok(s && store_tag(s, claim, STATUS_DISPUTED, NULL, "owner", &e) == 0,
       "the owner tags again, its contra still open");
    next_turn(go, in, line, sizeof line);
    snprintf(want, sizeof want, "turn 1 1 %d\n", STATUS_DISPUTED);
    is_str(line, want, "... the reader sees that too, through the owner's -shm");
    is_int(owned_beside(path, NOBODY), 0, "... and nothing beside the library is nobody's");
    end_reader(pid, go, in);
    store_close(s);
}

/* Two users, neither of them root (root writes whatever it likes): the
** library's owner, and a colleague whose contra left a -wal and -shm of
** its own beside it (an older contra did, whenever it read a library
** nobody else had open). */
#define OWNER 65533
#define OTHER 65532
static int64_t the_claim;

/* Run fn(path) as uid in a child; its exit status, or -1. */
static int as_user(uid_t uid, int (*fn)(const char *), const char *path)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (setgid(uid) != 0 || setuid(uid) != 0)
            _exit(99);
        _exit(fn(path));
    }
    int st = 0;
    return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The owner tags: 0 when saved, 2 when refused with the message that
** names the other user's open -shm, 1 otherwise. */
static int owner_tags(const char *path)
{
    err_t e = {{0}};
    store_t *s = store_open(path, 0, &e);
    int rc = s && store_tag(s, the_claim, STATUS_CORROBORATED, NULL, "owner", &e) == 0 ? 0
             : strstr(e.msg, "whose program") ? 2 : strstr(e.msg, "holds changes") ? 3 : 1;
    store_close(s);
    return rc;
}

static int leave_files(const char *path)
{
    static const char *const suffix[] = { "-wal", "-shm" };
    for (size_t k = 0; k < 2; k++) {
        char *p = xasprintf("%s%s", path, suffix[k]);
        int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        free(p);
        if (fd < 0)
            return 1;
        close(fd);
    }
    return 0;
}

/* The holder's pipes: it reads go_fd until its parent closes it, and
** writes a byte to ready_fd once it holds the -shm. */
static int go_fd = -1, ready_fd = -1;

/* Holds the -shm as SQLite does while it uses it (a read lock on its
** dead man switch byte, 128) until its parent closes go_fd. */
static int hold_shm(const char *path)
{
    char *p = xasprintf("%s-shm", path);
    int fd = open(p, O_RDONLY);
    free(p);
    struct flock lk = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1 };
    if (fd < 0 || fcntl(fd, F_SETLK, &lk) != 0)
        return 1;
    if (write(ready_fd, "x", 1) != 1)
        return 1;
    char c;
    while (read(go_fd, &c, 1) > 0)
        ;
    return 0;
}

static void stale_files(const char *path, int64_t claim)
{
    the_claim = claim;
    chown(path, OWNER, OWNER);
    if (!ok(as_user(OTHER, leave_files, path) == 0,
            "another user leaves an empty -wal and -shm of theirs beside the owner's library"))
        return;
    is_int(owned_beside(path, OTHER), 2, "... both theirs");
    is_int(as_user(OWNER, owner_tags, path), 0,
           "the owner's contra removes them, unused, and saves its tag");
    is_int(owned_beside(path, OTHER), 0, "... nothing beside the library is the other's now");

    ok(as_user(OTHER, leave_files, path) == 0, "the other user's files again");
    int go[2], ready[2];
    if (pipe(go) || pipe(ready))
        return;
    fflush(stdout);
    pid_t holder = fork();
    if (holder == 0) {
        go_fd = go[0];
        ready_fd = ready[1];
        close(go[1]);
        close(ready[0]);
        if (setgid(OTHER) != 0 || setuid(OTHER) != 0)
            _exit(99);
        _exit(hold_shm(path));
    }
    close(go[0]);
    close(ready[1]);
    char c;
    ok(read(ready[0], &c, 1) == 1, "... and their program holds the -shm open");
    is_int(as_user(OWNER, owner_tags, path), 2,
           "the owner's contra is read-only meanwhile, and says whose -shm it is");
    is_int(owned_beside(path, OTHER), 2, "... and leaves their files be");
    close(go[1]);
    close(ready[0]);
    waitpid(holder, NULL, 0);
    is_int(as_user(OWNER, owner_tags, path), 0, "once it quits, the owner's contra can write");

    /* Files of another's whose -wal holds something are never removed. */
    ok(as_user(OTHER, leave_files, path) == 0, "the other user's files again");
    char *wal = xasprintf("%s-wal", path);
    FILE *f = fopen(wal, "a");
    ok(f && fputs("not empty", f) >= 0 && fclose(f) == 0, "... the -wal not empty");
    free(wal);
    is_int(as_user(OWNER, owner_tags, path), 3,
           "the owner's contra leaves them, and says that they hold changes and whose");
    is_int(owned_beside(path, OTHER), 2, "... both still there");
    chown(path, 0, 0);
}

int main(void)
{
    if (geteuid() != 0) {
        printf("1..0 # SKIP needs root, to read as another user who cannot write\n");
        return 0;
    }
    fixture_t f;
    store_t *s = fx_library(&f, "frozen");
    const char *path = f.path;
    chmod(f.dir, 0755);         /* nobody may read it, not write it */
    err_t e = {{0}};
    if (!ok(s != NULL, "the owner's library"))
        return done_testing();
    article_t *a = fx_article("Ports", "2024-03-01",
                              "The ministry claimed that the ship left on time.");
    fx_claim(a, "the ship left on time");
    ok(store_add_article(s, a, NULL, &e) == 0, "an article with a claim");
    int64_t art = a->id, claim = a->assertions[0].id;
    article_free(a);
    store_close(s);
    chmod(path, 0644);

    int go;
    FILE *in;
    pid_t pid = start_reader(path, art, &go, &in);
    if (pid < 0)
        return 1;
    char line[256] = "";
    char want[64];

    if (!fgets(line, sizeof line, in))
        line[0] = '\0';
    if (!strcmp(line, "no setuid\n")) {
        /* Root without the right to change user (a container's): the
        ** reader could write the library, so there is nothing to test. */
        printf("# SKIP cannot become another user here\n");
        waitpid(pid, NULL, 0);
        fclose(in);
        close(go);
        fx_done(&f);
        return done_testing();
    }
    snprintf(want, sizeof want, "open 1 %d\n", STATUS_UNREVIEWED);
    is_str(line, want, "nobody opens it read-only, the claim unreviewed");

    /* The owner tags and closes: the change is in the library's file. */
    s = store_open(path, 0, &e);
    ok(s && store_tag(s, claim, STATUS_DISPUTED, NULL, "owner", &e) == 0,
       "the owner tags the claim disputed");
    store_close(s);
    /* Read before its version is asked, the tag is there: SQLite keeps
    ** an immutable file's pages from one read to the next, and the
    ** reader's keys showed the old status, or called the library damaged
    ** when new pages met stale ones, until its next idle look. */
    reader_turn(go, in, "r", line, sizeof line);
    snprintf(want, sizeof want, "read %d\n", STATUS_DISPUTED);
    is_str(line, want, "the reader's next read, before any look at the version, reads the tag");
    next_turn(go, in, line, sizeof line);
    snprintf(want, sizeof want, "turn 0 1 %d\n", STATUS_DISPUTED);
    is_str(line, want, "the reader's version moves, and it reads the tag");

    /* The file grows: SQLite took an immutable file's length as fixed, and
    ** every read past it was damage until the next look. */
    s = store_open(path, 0, &e);
    bool added = s != NULL;
    char text[3100];
    for (int i = 0; added && i < 300; i++) {
        char title[32];
        snprintf(title, sizeof title, "Growth %d", i);
        int n = snprintf(text, sizeof text, "The board said the channel is %d metres deep. ", i);
        memset(text + n, 'x', sizeof text - (size_t)n - 1);
        text[sizeof text - 1] = '\0';
        article_t *g = fx_article(title, "2024-04-01", text);
        added = store_add_article(s, g, NULL, &e) == 0;
        article_free(g);
    }
    store_close(s);
    ok(added, "the owner adds 300 articles, and closes");
    reader_turn(go, in, "r", line, sizeof line);
    snprintf(want, sizeof want, "read %d\n", STATUS_DISPUTED);
    is_str(line, want, "... the reader's next read, before any look, reads the grown library");

    /* The library moved away and back: while it is away the reader goes
    ** on with the file it has open, and it opens it again when it is
    ** back (a failed open used to leave it with none, for good). */
    char *away = xasprintf("%s.away", path);
    ok(rename(path, away) == 0, "the owner moves the library away");
    next_turn(go, in, line, sizeof line);
    snprintf(want, sizeof want, "turn 1 0 %d\n", STATUS_DISPUTED);
    is_str(line, want, "... the reader's version stays, and it still reads the library");
    ok(rename(away, path) == 0, "the owner moves it back");
    free(away);
    next_turn(go, in, line, sizeof line);
    snprintf(want, sizeof want, "turn 2 1 %d\n", STATUS_DISPUTED);
    is_str(line, want, "... the reader opens it again and reads it");

    /* The owner's contra stays open: the change is in its log, read
    ** through the -shm it made. */
    s = store_open(path, 0, &e);
    ok(s && store_tag(s, claim, STATUS_CORROBORATED, NULL, "owner", &e) == 0,
       "the owner, still in the library, tags it corroborated");
    next_turn(go, in, line, sizeof line);
    snprintf(want, sizeof want, "turn 3 1 %d\n", STATUS_CORROBORATED);
    is_str(line, want, "the reader sees that too");
    end_reader(pid, go, in);
    store_close(s);

    read_across_change(path, art, claim);
    shared_dir(path, art, claim);
    stale_files(path, claim);
    fx_done(&f);
    return done_testing();
}
