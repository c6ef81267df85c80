#!/bin/sh
# add_fresh.sh: a `contra add` that stores nothing leaves no library
# behind where there was none: not the file, not its -wal or -shm, nor the
# directories made for it (an empty or refused file left an empty library
# at a new --db path, though refused input changes nothing).  A library
# that was there before, even an empty file, is never removed.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

: >"$T/empty.txt"
printf '   \n\n' >"$T/blank.txt"
printf '{"contra": 1, "title": "x", "text": ' >"$T/broken.json"

# none WHAT: no library at $DB, nor its -wal, -shm or -journal.
none() {
    _left=
    for _f in "$DB" "$DB-wal" "$DB-shm" "$DB-journal"; do
        [ -e "$_f" ] && _left="$_left $_f"
    done
    is "$_left" "" "$1"
}

newdb
run add "$T/empty.txt"
is "$rc" 1 "an empty file into a new library: exit 1"
like "$err" "empty.txt: file is empty" "  and says why"
none "  and leaves no library behind"

newdb
run add "$T/broken.json"
is "$rc" 1 "a broken JSON file: exit 1"
none "  no library"

newdb
run add - <"$T/empty.txt"
is "$rc" 1 "empty standard input: exit 1"
none "  no library"

# Several files take the batched path, with its second connection.
newdb
run add "$T/empty.txt" "$T/blank.txt"
is "$rc" 1 "two bad files: exit 1"
none "  no library"
newdb
run add --keep-going "$T/empty.txt" "$T/broken.json" "$T/blank.txt"
is "$rc" 1 "three bad files with --keep-going: exit 1"
like "$err" "blank.txt: file is empty" "  each is said"
none "  no library"

# The directories made for the library go with it, and only those.
DB=$T/new/deeper/contra.db
run add "$T/empty.txt"
is "$rc" 1 "a library in directories not there yet: exit 1"
ok "$([ ! -e "$T/new" ]; echo $?)" "  the directories made for it are gone too"
ok "$([ -d "$T" ]; echo $?)" "  the one that was there stays"

# A bad file after a good one: the good one is kept, and the library.
newdb
run add --keep-going "$TESTDATA/json/one.json" "$T/empty.txt"
is "$rc" 1 "a good file and an empty one, --keep-going: exit 1"
ok "$([ -s "$DB" ]; echo $?)" "  the library stays"
is "$("$CONTRA" --db "$DB" list | wc -l)" 1 "  with the good file's article"
newdb
run add "$TESTDATA/json/one.json"
is "$rc" 0 "a good file into a new library"
run add "$T/empty.txt"
is "$rc" 1 "then an empty one: exit 1"
is "$("$CONTRA" --db "$DB" list | wc -l)" 1 "  the library that was there stays, as it was"

# An empty file where the library goes was there before: SQLite takes it
# for an empty database, and it is kept, now a library with nothing in it.
newdb
: >"$DB"
run add "$T/empty.txt"
is "$rc" 1 "an empty file into an existing empty file: exit 1"
ok "$([ -e "$DB" ]; echo $?)" "  which is not removed"

# Stopped at a bad first file, the good ones after it are not read.
newdb
run add "$T/empty.txt" "$TESTDATA/json/one.json"
is "$rc" 1 "an empty file first, without --keep-going: exit 1"
none "  the files after it are not imported, and no library"

# A path through a directory not there yet, back up to a library that
# is: "new/../lib.db" is that library once new is made (a review: such an
# add removed it).  It stays, and the directory made goes.
newdb
run add "$TESTDATA/json/one.json"
cp "$DB" "$T/kept.orig"
run add "$T/empty.txt" --db "$(dirname "$DB")/made/../$(basename "$DB")"
is "$rc" 1 "an empty file into an existing library named through a new directory: exit 1"
ok "$([ -s "$DB" ]; echo $?)" "  the library stays"
is "$("$CONTRA" --db "$DB" list | wc -l)" 1 "  with its article"
ok "$([ ! -e "$(dirname "$DB")/made" ]; echo $?)" "  and the directory made for the path is gone"
: >"$T/zero.db"
run add "$T/empty.txt" --db "$T/made2/../zero.db"
ok "$([ -e "$T/zero.db" ]; echo $?)" "  an empty file that was there, named so, stays too"
ok "$([ ! -e "$T/made2" ]; echo $?)" "  and its directory made goes"

done_testing
