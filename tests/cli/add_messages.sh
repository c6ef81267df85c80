#!/bin/sh
# add_messages.sh: what `contra add` says when it cannot import, and
# where.  Positions are line:column from 1, as editors count them, with
# the file offset of a bad byte said to count from 0; the JSON reader
# names the place of an empty alias too.  Missing word lists: every place
# that was looked in, and how to point contra at them.  Each failure
# exits 1 with one line on stderr and changes nothing.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

# bad NAME FILE WANT [ARGS...]: contra add ARGS FILE fails with WANT.
bad() {
    _name=$1 _file=$2 _want=$3
    shift 3
    snapshot "$T/before"
    run add "$@" "$_file"
    is "$rc" 1 "$_name: exit 1"
    is "$err" "contra: $_want" "$_name: the message"
    snapshot "$T/after"
    same_file "$T/before" "$T/after" "$_name: library unchanged"
}

newdb
printf '{"contra": 1, "title": "Kept", "text": "Already in the library."}\n' >"$T/kept.json"
run add "$T/kept.json"
is "$rc" 0 "a library with one article"

# ---- invalid UTF-8 and NUL bytes ----------------------------------------------
L1='{"contra": 1, "title": "One", "text": "First line."}'
L2='{"contra": 1, "title": "Two", "text": "Second line."}'
{ echo "$L1"; echo "$L2"; printf '{"contra": 1, "title": "Caf\351", "text": "x"}\n'; } >"$T/latin1.jsonl"
off=$(( ${#L1} + 1 + ${#L2} + 1 + 27 ))
bad "invalid UTF-8 in a JSON Lines file" "$T/latin1.jsonl" \
    "$T/latin1.jsonl:3:28: invalid UTF-8 byte 0xE9 at file offset $off from 0 (use --repair to replace it)"

{ echo "$L1"; printf '\377'; echo "$L2"; } >"$T/between.jsonl"
bad "invalid UTF-8 between two lines" "$T/between.jsonl" \
    "$T/between.jsonl:2:1: invalid UTF-8 byte 0xFF at file offset $(( ${#L1} + 1 )) from 0 (use --repair to replace it)"

{ echo "$L1"; printf '{"contra": 1, "title": "T\000", "text": "x"}\n'; } >"$T/nul.jsonl"
bad "a NUL byte in a JSON Lines file" "$T/nul.jsonl" \
    "$T/nul.jsonl:2:26: NUL byte at file offset $(( ${#L1} + 1 + 25 )) from 0 (binary file?)"

printf 'Title line\n\nA caf\351 on the square.\n' >"$T/latin1.txt"
bad "invalid UTF-8 in plain text" "$T/latin1.txt" \
    "$T/latin1.txt:3:6: invalid UTF-8 byte 0xE9 at file offset 17 from 0 (use --repair to replace it)" \
    --no-annotate

printf 'Title line\n\n\303\251t\303\251 caf\351\n' >"$T/col.txt"
bad "the column counts characters, not bytes" "$T/col.txt" \
    "$T/col.txt:3:8: invalid UTF-8 byte 0xE9 at file offset 21 from 0 (use --repair to replace it)" \
    --no-annotate

# ---- JSON ----------------------------------------------------------------------
{ echo "$L1"; echo '{"contra": 1, "title": "Two" "text": "x"}'; } >"$T/syntax.jsonl"
bad "a syntax error" "$T/syntax.jsonl" \
    "$T/syntax.jsonl:2:30: expected ',' or '}' after an object member, found '\"'"

printf '{"contra": 1, "title": "S", "text": "a\\ud800b"}\n' >"$T/surrogate.json"
bad "half a surrogate pair" "$T/surrogate.json" \
    "$T/surrogate.json:1:39: \\ud800 is half of a UTF-16 surrogate pair (a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF one)"

printf '{"contra": 1, "title": "P", "text": "a\\ud83d\\ude00b"}\n' >"$T/pair.json"
run add "$T/pair.json"
is "$rc" 0 "a whole surrogate pair is a character"

E='"entities": [{"id": "E1", "name": "Nora Lind", "kind": "person", "aliases": ["Lind", ""], "mentions": [[0, 9]]}]'
{ echo "$L1"; echo "{\"contra\": 1, \"title\": \"Alias\", \"text\": \"Nora Lind spoke.\", $E}"; } >"$T/alias.jsonl"
bad "an empty alias in JSON Lines" "$T/alias.jsonl" \
    "$T/alias.jsonl:2: entities[0].aliases[1]: empty alias"

echo "[$L1, {\"contra\": 1, \"title\": \"Alias\", \"text\": \"Nora Lind spoke.\", $E}]" >"$T/alias.json"
bad "an empty alias in an array" "$T/alias.json" \
    "$T/alias.json: article 2: entities[0].aliases[1]: empty alias"

# ---- the word lists --------------------------------------------------------------
printf 'A title\n\nSome plain text, said Nora Lind.\n' >"$T/plain.txt"
mkdir -p "$T/nolex"
snapshot "$T/before"
CONTRA_DATADIR=$T/nolex "$CONTRA" --db "$DB" add "$T/plain.txt" >"$T/out" 2>"$T/err"
is "$?" 1 "CONTRA_DATADIR without lexicon/: exit 1"
is "$(cat "$T/err")" "contra: $T/plain.txt: cannot load the annotator's word lists: no folder $T/nolex/lexicon (CONTRA_DATADIR is set, so no other place was looked at: it must name the folder that holds lexicon/); or use --no-annotate to store the text unannotated" \
    "the message names the folder CONTRA_DATADIR gave"
snapshot "$T/after"
same_file "$T/before" "$T/after" "CONTRA_DATADIR without lexicon/: library unchanged"

# Without CONTRA_DATADIR, a copy of contra with no share/ near it (the
# installed folder comes first; when the lists are there, nothing fails).
mkdir -p "$T/bin"
cp "$CONTRA" "$T/bin/contra"
(unset CONTRA_DATADIR; "$T/bin/contra" --db "$T/other.db" add "$T/plain.txt") >"$T/out" 2>"$T/err"
if [ "$?" = 0 ] || [ -d "$(dirname "$T")/share/lexicon" ] || [ -d /share/lexicon ]; then
    skip "the places looked in" "contra's word lists are installed where it looks"
else
    like "$(cat "$T/err")" "cannot load the annotator's word lists: not found in /" \
        "no word lists anywhere: the installed folder first"
    like "$(cat "$T/err")" "/lexicon, $T/bin/share/lexicon, $T/share/lexicon or $(dirname "$T")/share/lexicon (set CONTRA_DATADIR to the folder that holds lexicon/); or use --no-annotate" \
        "then every place beside the program, and CONTRA_DATADIR"
fi

run add --no-annotate "$T/plain.txt"
is "$rc" 0 "--no-annotate stores it all the same"

# The C library's error texts go on in lower case after "name: ", and
# nothing else does: a file name with such a text in it is as it was
# (it came out as "Minutes: permission denied by council.txt").
run add "Minutes: Permission denied by council.txt"
is "$err" "contra: Minutes: Permission denied by council.txt: no such file or directory" \
    "a missing file named with an error text: the name as given, the error lowered"
run add "$T/nowhere/I/O error.txt"
is "$err" "contra: $T/nowhere/I/O error.txt: no such file or directory" "  another"

done_testing
