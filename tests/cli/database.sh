#!/bin/sh
# database.sh: libraries contra must refuse (not SQLite, SQLite but not
# contra's, from a newer contra, broken) get one clear line and exit 1,
# and are left as they were.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"
SQLEXEC=$TESTS_BUILDDIR/cli/sqlexec

printf 'Title: One\n\nAn article about the Vesna dams.\n' >"$T/a.txt"

# expect_refused NAME WANT: list, add and show on $DB all fail cleanly,
# and the file is byte for byte what it was.
expect_refused() {
    cp "$DB" "$T/orig"
    for cmd in list "add --no-annotate $T/a.txt" "show 1" export "tag C1 disputed"; do
        # shellcheck disable=SC2086
        run $cmd
        is "$rc" 1 "$1: '$cmd' exits 1"
        like "$err" "$2" "$1: '$cmd' says why"
        one_line "$err" "$1: '$cmd' prints one line"
    done
    like "$err" "$DB" "$1: the message names the file"
    same_file "$T/orig" "$DB" "$1: the file is unchanged"
}

newdb
printf 'This is a shopping list, not a database.\nmilk\neggs\n' >"$DB"
expect_refused "a text file" "not"

newdb
head -c 4096 /dev/zero | tr '\0' 'x' >"$DB"
expect_refused "a file of junk" "not"

if [ -x "$SQLEXEC" ]; then
    newdb
    "$SQLEXEC" "$DB" "CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES('soup');"
    expect_refused "another program's SQLite database" "not a contra"

    newdb
    run add --no-annotate "$T/a.txt"
    is "$rc" 0 "a library is made"
    "$SQLEXEC" "$DB" "PRAGMA user_version = 9999;"
    expect_refused "a library from a newer contra" "newer"

    # An SQLite database with nothing in it is no library either: the
    # commands that do not make one leave it as it was (list made it a
    # library of 150 KB and exited 0); add makes one in it.
    newdb
    "$SQLEXEC" "$DB" "CREATE TABLE t(x); DROP TABLE t;"
    cp "$DB" "$T/orig"
    for cmd in list "show 1" export "tag C1 disputed" "rm 1"; do
        # shellcheck disable=SC2086
        run $cmd
        is "$rc/$err" "1/contra: $DB is not a contra library (an empty SQLite database; 'contra add' makes a library in it)" \
            "an empty SQLite database: '$cmd' refuses it"
    done
    same_file "$T/orig" "$DB" "an empty SQLite database: the file is unchanged"
    run add --no-annotate "$T/a.txt"
    is "$rc" 0 "an empty SQLite database: add makes a library in it"
else
    skip "another program's SQLite database" "tests/cli/sqlexec not built"
    skip "a library from a newer contra" "tests/cli/sqlexec not built"
fi

# An empty file (made by touch, or a --db that names a notes file by
# mistake) is no library: the commands that do not make one refuse it
# and leave it empty (they made it a 150 KB library, and list exited 0);
# add makes a library in it, as in a missing file.
newdb
: >"$DB"
for cmd in list "show 1" export "tag C1 disputed" "link C1 contradicts C2" \
           "unlink C1 C2" "rm 1" "annotate 1"; do
    # shellcheck disable=SC2086
    run $cmd
    is "$rc" 1 "an empty file: '$cmd' exits 1"
    is "$err" "contra: no library at $DB: the file is empty (import articles with 'contra add')" \
        "  and says there is no library, the file being empty"
    is "$(wc -c <"$DB")" 0 "  and leaves the file empty"
done
run add --no-annotate "$T/a.txt"
is "$rc" 0 "an empty file: add makes a library in it"
run list
like "$out" "One" "  which list then reads"

# a library cut short (a copy that did not finish)
newdb
run add --no-annotate "$T/a.txt"
size=$(wc -c <"$DB")
head -c 2048 "$DB" >"$T/cut" && cp "$T/cut" "$DB"
run list
is "$rc" 1 "a truncated library: list exits 1 (was $size bytes)"
one_line "$err" "a truncated library: one line"
like "$err" "contra: " "a truncated library: a contra message"

done_testing
