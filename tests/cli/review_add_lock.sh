#!/bin/sh
# review_add_lock.sh (reviewer R, not yet in TESTS): contra add of many
# files must not hold the library's write lock while it waits for input.
# A batch of files is one transaction (cmd_add.c, batch_t); when the next
# FILE is a named pipe or standard input that has nothing to read yet, the
# batch stays open and another contra (tag, the reader's d/c/u, rm) waits
# out the busy timeout and fails with "library ... is busy".
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

newdb
run add "$TESTDATA/json/one.json"
is "$rc" 0 "a library with one article"

mkfifo "$T/slow.txt" || { skip "named pipe" "mkfifo failed"; done_testing; exit 0; }
# Hold the pipe open for writing (read-write open does not block), so the
# import opens it at once and then waits for its text.
exec 3<>"$T/slow.txt"
"$CONTRA" --db "$DB" add "$TESTDATA/json/two.json" "$T/slow.txt" >"$T/add.out" 2>"$T/add.err" 3>&- &
pid=$!
sleep 1         # for the import to store two.json and begin on the pipe
run tag 1 disputed
is "$rc" 0 "contra tag succeeds while contra add waits for a pipe"
unlike "$err" 'busy' "and is not told the library is busy"
printf 'A late article.\n\nSomeone said nothing.\n' >&3
exec 3>&-
wait "$pid"
is "$?" 0 "the import ends when the pipe does"
like "$(cat "$T/add.out")" 'added 3 "A late article' "and stores what came through the pipe"

# The same with standard input a pipe that has nothing yet: the files
# before it are committed and the lock is let go while it waits.
mkfifo "$T/slow2.txt"
exec 4<>"$T/slow2.txt"
"$CONTRA" --db "$DB" add "$TESTDATA/json/one.json" - <"$T/slow2.txt" >"$T/add2.out" 2>"$T/add2.err" 4>&- &
pid=$!
sleep 1
run tag 2 disputed
is "$rc" 0 "contra tag succeeds while contra add waits for standard input"
unlike "$err" 'busy' "and is not told the library is busy"
printf 'Another late article.\n\nNobody said anything.\n' >&4
exec 4>&-
wait "$pid"
is "$?" 0 "the import ends when standard input does"
like "$(cat "$T/add2.out")" 'added 4 "Another late article' "and stores what came through standard input"
done_testing
