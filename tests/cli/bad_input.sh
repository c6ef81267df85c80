#!/bin/sh
# bad_input.sh: every kind of bad input to `contra add` gets one clear line
# on stderr naming the file (and the place), exit 1, and leaves the library
# exactly as it was.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"
newdb

printf 'Title: Baseline\n\nThe baseline article about the Vesna dams stays put.\n' >"$T/base.txt"
run add --no-annotate "$T/base.txt"
is "$rc" 0 "baseline article added"
snapshot "$T/before"

# expect_bad NAME FILE WANT [ARGS...]: add FILE fails with one line that
# contains WANT, and the library is unchanged.
expect_bad() {
    _name=$1 _file=$2 _want=$3
    shift 3
    run add "$@" "$_file"
    is "$rc" 1 "$_name: exit 1"
    like "$err" "$_want" "$_name: the message says what and where"
    one_line "$err" "$_name: one line on stderr"
    like "$err" "contra: " "$_name: message starts with 'contra: '"
    is "$out" "" "$_name: nothing on stdout"
    snapshot "$T/after"
    same_file "$T/before" "$T/after" "$_name: library unchanged"
}

printf 'Good start \303\050 bad\n' >"$T/utf8.txt"
expect_bad "invalid UTF-8" "$T/utf8.txt" "$T/utf8.txt:1:12: invalid UTF-8 byte 0xC3 at file offset 11 from 0"

printf 'abc\000def\n' >"$T/nul.txt"
expect_bad "NUL byte" "$T/nul.txt" "$T/nul.txt:1:4: NUL byte at file offset 3 from 0"

: >"$T/empty.txt"
expect_bad "empty file" "$T/empty.txt" "$T/empty.txt: file is empty"

printf '   \n\n  \n' >"$T/blank.txt"
expect_bad "blank file" "$T/blank.txt" "$T/blank.txt: file is empty"

i=0
while [ $i -lt 64 ]; do printf '\001\002\003\004\005\006\007\016\017\020x'; i=$((i + 1)); done >"$T/binary.dat"
expect_bad "binary file" "$T/binary.dat" "$T/binary.dat: looks like a binary file"

printf '{\n  "contra": 1,\n  "title": "x",\n  "text": "abc"\n  "entities": []\n}\n' >"$T/syntax.json"
expect_bad "JSON syntax error" "$T/syntax.json" "$T/syntax.json:5:"
printf '%s\n' "$err" | grep -Eq "syntax.json:5:[0-9]+: "
ok $? "JSON syntax error: file:line:column"

cat >"$T/rel.json" <<'JSON'
{"contra": 1, "title": "Relations", "text": "Petrov said it. Kessel denied it.",
 "entities": [{"id": "E1", "name": "Petrov", "kind": "person", "mentions": [[0, 6]]}],
 "claims": [{"id": "C1", "claimant": "E1", "span": [0, 15], "status": "unreviewed"}],
 "relations": [{"type": "contradicts", "from": "C1", "to": "C9", "origin": "import"}]}
JSON
expect_bad "unknown relation id" "$T/rel.json" "C9"

printf 'Ivan Petrov met the council.\n' >"$T/range.txt"
printf 'T1\tPerson 0 11\tIvan Petrov\nT2\tPerson 20 999\tcouncil\n' >"$T/range.ann"
expect_bad "brat offset out of range" "$T/range.ann" "$T/range.ann:2:"

printf 'Ivan Petrov met the council.\n' >"$T/mismatch.txt"
printf 'T1\tPerson 0 11\tIvan Petrov\nT2\tOrganization 20 27\tparliament\n' >"$T/mismatch.ann"
expect_bad "brat text mismatch" "$T/mismatch.ann" "$T/mismatch.ann:2:"

mkdir -p "$T/adir"
expect_bad "a directory" "$T/adir" "$T/adir"

expect_bad "a missing file" "$T/no-such-file.txt" "$T/no-such-file.txt"
# the C library's capitalised text goes lower case, as every other message
is "$err" "contra: $T/no-such-file.txt: no such file or directory" "a missing file: said in lower case"
if [ -w /dev/full ]; then
    "$CONTRA" --db "$DB" list >/dev/full 2>"$T/err"
    is "$(cat "$T/err")" "contra: cannot write to standard output: no space left on device" "a full disk: lower case too"
else
    skip "a full disk: lower case too" "no /dev/full"
fi

printf 'A perfectly good article nobody may read.\n' >"$T/secret.txt"
chmod 000 "$T/secret.txt"
if [ "$(id -u)" = 0 ]; then
    skip "an unreadable file" "running as root, who reads everything"
else
    expect_bad "an unreadable file" "$T/secret.txt" "$T/secret.txt"
fi
chmod 644 "$T/secret.txt"

# messages quote names and ids from the input: never raw escapes
evil="$T/$(printf 'evil\033]52;c;aGk=\007name').txt"
run add "$evil"
is "$rc" 1 "a missing file with escapes in its name: exit 1"
printf '%s' "$err" | LC_ALL=C grep -q "$(printf '\033')"
ok $([ $? -ne 0 ]; echo $?) "the message shows no raw ESC"
like "$err" "evil" "the message still names the file"

# --repair turns the invalid byte into U+FFFD instead
run add --no-annotate --repair "$T/utf8.txt"
is "$rc" 0 "--repair imports invalid UTF-8"
run show 2
like "$out" "Good start $(printf '\357\277\275')( bad" "--repair put U+FFFD in place of the bad byte"

# A span end too large for 64 bits is said to be too large, not "a number".
snapshot "$T/before"
printf '{"contra": 1, "title": "Big", "text": "Hello world said Bob.", "entities": [{"id": "E1", "name": "Bob", "mentions": [[17, 99999999999999999999]]}]}' >"$T/bigend.json"
expect_bad "span end too large" "$T/bigend.json" \
    "$T/bigend.json: entities[0].mentions[0]: end: the integer is too large (the text has 21 code points)"
unlike "$err" "found a number" "span end too large: not 'expected an integer, found a number'"

# A fractional offset is quoted (it was "found a number", of 1.5), and an
# id used twice says where both are, not the id alone.
printf '{"contra": 1, "title": "Half", "text": "Hello world said Bob.", "entities": [{"id": "E1", "name": "Bob", "mentions": [[1.5, 3]]}]}' >"$T/half.json"
expect_bad "fractional span start" "$T/half.json" \
    "$T/half.json: entities[0].mentions[0]: start: expected an integer, found 1.5"
printf '{"contra": 1, "title": "Twice", "text": "Hello world said Bob.", "entities": [{"id": "E2", "name": "Bob", "mentions": [[17, 20]]}, {"id": "E1", "name": "Hello", "mentions": [[0, 5]]}], "claims": [{"id": "C1", "span": [0, 11]}, {"id": "E1", "span": [0, 5]}]}' >"$T/dupid.json"
expect_bad "an id used twice" "$T/dupid.json" \
    "$T/dupid.json: id \"E1\" is used twice, by entities[1] and claims[1] (ids must be unique within an article)"

# A newer format names the file once and contra once.
printf '{"contra": 2, "title": "New", "text": "From the future."}' >"$T/v2.json"
expect_bad "newer format" "$T/v2.json" \
    "contra: $T/v2.json: written by a newer contra (format 2; this contra reads format 1)"
unlike "$err" ": contra: " "newer format: 'contra:' is not said twice"

# The same relation twice is one relation, and is counted once.
newdb
printf '{"contra": 1, "title": "Twice", "text": "Bob said the sky is green. Ann said it is blue.", "claims": [{"id": "C1", "span": [13, 25]}, {"id": "C2", "span": [36, 46]}], "relations": [{"type": "contradicts", "from": "C1", "to": "C2"}, {"type": "contradicts", "from": "C1", "to": "C2"}, {"type": "supports", "from": "C2", "to": "C1"}]}' >"$T/twice.json"
run add "$T/twice.json"
is "$rc" 0 "a JSON file with a relation twice imports"
like "$out" "2 claims, 2 relations)" "  and counts it once (2 relations of 3 listed, as stored)"
stored=$(contra export | grep -c '"type": ')
is "$stored" 2 "  2 relations stored"
mkdir -p "$T/brat"
printf 'Bob said the sky is green. Ann said it is blue.\n' >"$T/brat/twice.txt"
printf 'T1\tClaim 13 25\tsky is green\nT2\tClaim 36 46\tit is blue\nR1\tContradicts Arg1:T1 Arg2:T2\nR2\tContradicts Arg1:T1 Arg2:T2\n' >"$T/brat/twice.ann"
newdb
run add "$T/brat/twice.ann"
is "$rc" 0 "a brat file with the same R line twice imports"
like "$out" "2 claims, 1 relation)" "  and counts it once"
is "$(contra export | grep -c '"type": ')" 1 "  1 relation stored"

done_testing
