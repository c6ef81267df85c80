#!/bin/sh
# jsonl.sh: contra JSON files are stored one article at a time (issue 5),
# and still all or nothing: relations between lines, in either direction,
# are kept; a mistake in the last line leaves the library untouched;
# --title and the like apply to a file of one article only; a pipe is
# read so when --format json says what it holds.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

SAMPLES=$CONTRA_DATADIR/samples/library.json
if [ ! -f "$SAMPLES" ]; then
    skip "JSON Lines" "no sample library"
    done_testing
    exit 0
fi

# The sample library, an array, as JSON Lines: the top-level elements,
# one a line.  Its articles refer to each other's quotes and claims.
awk '
    /^  \{/ { obj = "" ; inobj = 1 }
    inobj { line = $0; sub(/^ +/, "", line); obj = obj line }
    /^  \}/ { sub(/,$/, "", obj); print obj; inobj = 0 }
' "$SAMPLES" >"$T/lib.jsonl"
n=$(grep -c . "$T/lib.jsonl")
ok $([ "$n" -ge 4 ]; echo $?) "the samples as JSON Lines: $n lines"

newdb
run add "$SAMPLES"
is "$rc" 0 "the sample array imports"
contra export >"$T/from-array.json"
cmp -s "$T/from-array.json" "$TESTDATA/export/samples.json"
ok $? "read one article at a time, the array gives the library it gave before"

newdb
run add "$T/lib.jsonl"
is "$rc" 0 "the JSON Lines import"
is "$(printf '%s\n' "$out" | grep -c '^added ')" "$n" "one line per article"
contra export >"$T/from-lines.json"
cmp -s "$T/from-lines.json" "$TESTDATA/export/samples.json"
ok $? "JSON Lines give the same library as the array, relations between lines included"

# Last line first: every relation between lines now names a later line.
newdb
tac "$T/lib.jsonl" >"$T/rev.jsonl"
run add "$T/rev.jsonl"
is "$rc" 0 "lines in reverse order import"
is "$(contra export | grep -c '"to": ')" "$(grep -c '"to": ' "$T/from-lines.json")" \
    "relations to later lines are kept"

# All or nothing: a bad last line, or a relation to an id no line has.
newdb
cp "$T/lib.jsonl" "$T/badlast.jsonl"
echo '{"text": 5}' >>"$T/badlast.jsonl"
run add "$T/badlast.jsonl"
is "$rc" 1 "a bad last line fails the file"
is "$err" "contra: $T/badlast.jsonl:$((n + 1)): text: expected a string, found an integer" \
    "and names its line"
# The library was new: not even it is left (add_fresh.sh).
ok "$([ ! -e "$DB" ]; echo $?)" "nothing of the file is stored"
cp "$T/lib.jsonl" "$T/unknown.jsonl"
echo '{"text": "Nobody said: \"so.\"", "claims": [{"id": "Z1", "span": [0, 6]}], "relations": [{"type": "supports", "from": "Z1", "to": "Q404"}]}' >>"$T/unknown.jsonl"
run add "$T/unknown.jsonl"
is "$rc" 1 "a relation to an id no line has fails the file"
like "$err" ":$((n + 1)): relations[0].to: unknown id \"Q404\"" "and names where it is"
ok "$([ ! -e "$DB" ]; echo $?)" "nothing of that file is stored either"

# --title, --url and --date: a file of one article only; --source: all.
newdb
head -1 "$T/lib.jsonl" >"$T/one.jsonl"
run add --title "One" --source "Src" "$T/one.jsonl"
like "$out" 'added 1 "One"' "--title names the one article of a file"
run add --title "Many" --source "Src" "$T/lib.jsonl"
unlike "$out" '"Many"' "but no article of a file of several"
is "$err" "contra: $T/lib.jsonl: --title ignored: the file holds $n articles (it applies to a file of one)" "which is said on stderr"
run list
is "$(printf '%s\n' "$out" | grep -c 'Src')" "$n" "--source applies to every article"

# Standard input: a pipe with --format json is read one article at a
# time; one without is read whole; both give the same library.
newdb
cat "$T/lib.jsonl" | contra add --format json - >/dev/null
is "$?" 0 "a pipe of JSON Lines with --format json imports"
contra export | cmp -s - "$TESTDATA/export/samples.json"
ok $? "the same library"
newdb
cat "$T/lib.jsonl" | contra add - >/dev/null
is "$?" 0 "a pipe of JSON Lines imports without --format"
contra export | cmp -s - "$TESTDATA/export/samples.json"
ok $? "the same library"
newdb
printf 'plain text in a pipe\n' | contra add --format json - 2>"$T/err"
is "$?" 1 "a pipe said to be JSON that is not fails"
is "$(cat "$T/err")" "contra: <stdin>:1:1: expected a value (object, array, string, number, true, false or null), found 'p'" \
    "with the message of a file read whole"

# A named pipe: by its name, JSON Lines are read one article at a time.
newdb
mkfifo "$T/pipe.jsonl"
# (bounded: were contra never to open it, the writer would wait forever)
timeout 60 sh -c 'cat "$1" >"$2"' sh "$T/lib.jsonl" "$T/pipe.jsonl" &
run add "$T/pipe.jsonl"
wait
is "$rc" 0 "a named pipe of JSON Lines imports"
contra export | cmp -s - "$TESTDATA/export/samples.json"
ok $? "the same library"

done_testing
