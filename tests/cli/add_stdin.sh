#!/bin/sh
# add_stdin.sh: `contra add -` with standard input a pipe and no
# --format.  Its first non-blank bytes tell the format: contra JSON is
# then streamed an article at a time, as a named file is (it was read
# whole: 66 MB for a 32 MB export), and anything else is read whole with
# those bytes put back first.  tests/cli/add_progress.sh shows the
# articles counted while the pipe is still open.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

SAMPLES=$CONTRA_DATADIR/samples/library.json

# pipe_add FILE ARGS...: cat FILE | contra add ARGS -; sets rc, out, err.
pipe_add() {
    _f=$1
    shift
    cat "$_f" | "$CONTRA" --db "$DB" add "$@" - >"$T/out" 2>"$T/err"
    rc=$?
    out=$(cat "$T/out")
    err=$(cat "$T/err")
}

# An export imported as FILE, then piped from contra export.
newdb
run add "$SAMPLES"
is "$rc" 0 "the sample library imports"
src=$DB
contra export >"$T/export.json"
newdb
run add "$T/export.json"
contra export >"$T/by_file.json"
contra list >"$T/list1"
newdb
"$CONTRA" --db "$src" export | "$CONTRA" --db "$DB" add - >"$T/out" 2>"$T/err"
is "$?" 0 "contra export | contra add - (no --format) exits 0"
is "$(cat "$T/err")" "" "with nothing on stderr"
is "$(grep -c '^added ' "$T/out")" "$(wc -l <"$T/list1" | tr -d ' ')" "one line per article"
contra export >"$T/by_pipe.json"
same_file "$T/by_file.json" "$T/by_pipe.json" \
    "the same library as the export named as FILE, relations between articles included"

# Blank lines and a byte order mark before the JSON.
newdb
{ printf '\357\273\277\n\n   \n'; cat "$TESTDATA/json/lines.jsonl"; } >"$T/bom.jsonl"
pipe_add "$T/bom.jsonl"
is "$rc" 0 "a byte order mark and blank lines before JSON Lines"
like "$out" "added " "are skipped"

# An array that opens on a line of its own.
newdb
{ printf '[\n\n'; awk 'NF { printf "%s%s\n", sep, $0; sep = "," }' "$TESTDATA/json/lines.jsonl"; printf ']\n'; } \
    >"$T/array.json"
pipe_add "$T/array.json"
is "$rc" 0 "an array whose first object is on a later line"

# Plain text: the bytes read to sniff it are put back.
newdb
printf 'Title: Piped plain text\n\nInterior Minister Ilona Vereb said on Monday that the bridge was sound.\n' \
    >"$T/plain.txt"
pipe_add "$T/plain.txt"
is "$rc" 0 "plain text through a pipe imports"
like "$out" '"Piped plain text"' "with its title header, read from the first byte"
contra export >"$T/plain_pipe.json"
newdb
run add "$T/plain.txt"
contra export >"$T/plain_file.json"
same_file "$T/plain_file.json" "$T/plain_pipe.json" "the same article as the file named as FILE"

newdb
printf '[Photo] A caption of a picture\n\nThe text of the article itself, said Nora Lind.\n' >"$T/photo.txt"
pipe_add "$T/photo.txt"
is "$rc" 0 "plain text opening with [Photo] through a pipe"
like "$out" '"[Photo] A caption of a picture"' "stays plain text"

# A named pipe whose name does not say JSON is opened once, by the
# reader of its whole text: opened and closed first to look at it, a
# writer that wrote and closed in between took its text away, and the
# second open waited for another writer (most of 40 tries hung).
newdb
mkfifo "$T/fifo.txt"
fails=0
for k in 1 2 3 4 5 6 7 8 9 10; do
    (printf 'Title: Through a named pipe\n\nThe text, said Nora Lind.\n' >"$T/fifo.txt") &
    timeout 10 "$CONTRA" --db "$DB" add --no-annotate "$T/fifo.txt" >"$T/out" 2>"$T/err" \
        && grep -q '"Through a named pipe"' "$T/out" || { fails=$k; break; }
    wait
done
is "$fails" 0 "a named pipe of plain text imports, ten times out of ten"
[ "$fails" = 0 ] || diag "try $fails: $(cat "$T/err")"
: <>"$T/fifo.txt"      # a writer still waiting for a reader goes on
wait
rm -f "$T/fifo.txt"

# What is wrong is said as for a file.
newdb
printf '' >"$T/empty"
pipe_add "$T/empty"
is "$rc" 1 "an empty pipe fails"
is "$err" "contra: <stdin>: file is empty" "and says so"

printf '{"contra": 1, "title": "A", "text": "ok"}\n{"contra": 1, "title": "B" "text": "x"}\n' >"$T/bad.jsonl"
pipe_add "$T/bad.jsonl"
is "$rc" 1 "a syntax error on line 2 of a pipe fails"
like "$err" "<stdin>:2:28: expected ',' or '}'" "and names line and column"
is "$(contra list 2>/dev/null | wc -l | tr -d ' ')" 0 "nothing of it is stored"

# A stop sent to contra alone while a writer that never pauses fills the
# pipe ends the read: it once checked only reads that a signal
# interrupted, so it read on and grew without bound.
newdb
yes 'plain text that never ends' | "$CONTRA" --db "$DB" add - >"$T/out" 2>"$T/err" &
pid=$!         # the pipeline's last command: contra
sleep 1
if [ -n "$pid" ] && grep -q add "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid"
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    ok "$(kill -0 "$pid" 2>/dev/null && echo 1 || echo 0)" "SIGTERM ends contra add - reading an endless pipe"
    kill -KILL "$pid" 2>/dev/null
    wait
    like "$(cat "$T/err")" "terminated" "and says it was stopped"
    is "$(contra list 2>/dev/null | wc -l | tr -d ' ')" 0 "nothing of it is stored"
else
    ok 1 "contra add - was not running after a second"
fi

# Typed on the terminal, the article ends at Ctrl-D: a line on stderr says
# so (only there: a pipe gets none, as above).
PTYRUN=$TESTS_BUILDDIR/cli/ptyrun
if [ -x "$PTYRUN" ]; then
    newdb
    "$PTYRUN" -c 100 -r 8 -K -k "$(printf 'Typed title\n\nSome typed text.\n\004')" -S "$T/scr" -- \
        "$CONTRA" --db "$DB" add --no-annotate - >"$T/res" 2>&1
    like "$(cat "$T/scr")" "contra: type or paste the article, then Ctrl-D at the start of a line" \
        "contra add - on a terminal says how to end the article"
    like "$(cat "$T/scr")" 'added 1 "Typed title"' "... and stores it at Ctrl-D"
else
    skip "contra add - on a terminal" "tests/cli/ptyrun not built"
    skip "contra add - on a terminal: stored" "tests/cli/ptyrun not built"
fi

done_testing
