#!/bin/sh
# roundtrip.sh: export then import into a fresh library then export again
# gives the same annotations and statuses; tag, show, rm and brat export.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

# Library ids differ between libraries, and so does the order of an
# article's entities (by library id).  Name every entity by its name and
# kind, every quote and claim by its article's title and its span, and
# compare the lines as a sorted list: any annotation, status, note or
# relation lost or changed still shows up.
normalize() {
    awk '
    function tok_at(s) { return substr(s, RSTART + 1, RLENGTH - 2) }
    NR == FNR {
        if (match($0, /^    "title": ".*",$/)) title = substr($0, 15)
        if (match($0, /"id": "[EQC][0-9]+"/)) {
            match($0, /"[EQC][0-9]+"/); pending = tok_at($0)
        } else if (pending ~ /^E/ && match($0, /"name": ".*"/)) {
            map[pending] = "E{" substr($0, RSTART + 8, RLENGTH - 8) "}"; pending = ""
        } else if (pending ~ /^[QC]/ && match($0, /"span": \[[0-9]+, [0-9]+\]/)) {
            map[pending] = substr(pending, 1, 1) "{" title "@" substr($0, RSTART + 8, RLENGTH - 8) "}"
            pending = ""
        }
        next
    }
    {
        out = ""
        while (match($0, /"[EQC][0-9]+"/)) {
            t = tok_at($0)
            out = out substr($0, 1, RSTART - 1) ((t in map) ? map[t] : "\"" t "\"")
            $0 = substr($0, RSTART + RLENGTH)
        }
        print out $0
    }' "$1" "$1" | sed 's/,$//' | LC_ALL=C sort
}

SAMPLES=$CONTRA_DATADIR/samples/library.json
if [ ! -f "$SAMPLES" ]; then
    skip "round trip" "no sample library"
    done_testing
fi

newdb
DB1=$DB
run add "$SAMPLES"
is "$rc" 0 "sample library imported"
contra export >"$T/e1.json"
is "$?" 0 "export exits 0"
like "$(head -c 200 "$T/e1.json")" "[" "export of the whole library is an array"
like "$(cat "$T/e1.json")" '"contra": 1' "export is contra JSON"

newdb
DB2=$DB
run add "$T/e1.json"
is "$rc" 0 "the export imports into a fresh library"
contra export >"$T/e2.json"
normalize "$T/e1.json" >"$T/n1"
normalize "$T/e2.json" >"$T/n2"
same_file "$T/n1" "$T/n2" "export, import, export gives the same annotations and statuses"

# tag: by C12, by 12, with a note; the export shows it
DB=$DB1
cid=$(grep -o '"id": *"C[0-9]*"' "$T/e1.json" | head -1 | grep -o 'C[0-9]*')
num=${cid#C}
run tag "$cid" disputed --note "Contradicted by the ministry's own figures"
is "$rc" 0 "tag $cid disputed exits 0"
like "$out" "$cid: disputed (was " "tag prints the new and the old status"
like "$out" "); note saved: \"Contradicted by the ministry's own figures\"" "tag says the note was saved"
run tag "$num" corroborated
is "$out" "$cid: corroborated (was disputed)" "tag takes the bare number"
run tag "$cid" disputed
is "$out" "$cid: disputed (was corroborated)" "tag again"
# what became of the note, which --note "" removed without a word
run tag "$cid" disputed --note "Contradicted by the ministry's own figures"
is "$out" "$cid: disputed (was disputed); note unchanged: \"Contradicted by the ministry's own figures\"" "tag says the note is unchanged"
run tag "$cid" disputed --note ""
is "$out" "$cid: disputed (was disputed); note removed" "tag --note '' says the note was removed"
run tag "$cid" disputed -m ""
is "$out" "$cid: disputed (was disputed); no note to remove" "... or that there was none"
run tag "$cid" disputed --note "$(printf 'A note long enough to be shown by its start only, in one line\nand the rest')"
like "$out" "$cid: disputed (was disputed); note saved: \"A note long enough to be shown by its start only,$(printf '\342\200\246')\"" "a long note is shown by its start"
run tag "$cid" disputed --note "Contradicted by the ministry's own figures"
contra export >"$T/e3.json"
grep -A8 "\"id\": *\"$cid\"" "$T/e3.json" >"$T/claim"
like "$(cat "$T/claim")" '"status": "disputed"' "export shows the tag"
like "$(cat "$T/claim")" "Contradicted by the ministry's own figures" "export shows the note"
run list --json
like "$out" '"disputed": ' "list counts disputed claims"
run tag C999999 disputed
is "$rc" 1 "tag of a missing claim exits 1"
is "$err" "contra: no claim or quote C999999 in the library" "tag of a missing claim says so"
snapshot "$T/before-q"
run tag "Q$num" disputed
is "$rc" 1 "tag Q of a claim's number exits 1"
is "$err" "contra: no quote Q$num in the library ($num is a claim: C$num)" "a wrong letter is named, not taken for the other kind"
snapshot "$T/after-q"
same_file "$T/before-q" "$T/after-q" "a wrong letter tags nothing"

# the tag survives a round trip too
newdb
run add "$T/e3.json"
contra export >"$T/e4.json"
normalize "$T/e3.json" >"$T/n3"
normalize "$T/e4.json" >"$T/n4"
same_file "$T/n3" "$T/n4" "tags and notes survive export and import"

# export of chosen articles
DB=$DB1
first=$(contra list --json | grep -o '"id": [0-9]*' | head -1 | grep -o '[0-9]*$')
contra export "$first" >"$T/one.json"
like "$(head -c 1 "$T/one.json")" "{" "export of one ID is one object"
run export 999999
is "$rc" 1 "export of a missing article exits 1"
like "$err" "999999" "export of a missing article names it"
is "$out" "" "export of a missing article writes nothing"

# brat export: one .ann to stdout, or files in a directory
run export --format brat "$first"
is "$rc" 0 "export --format brat ID exits 0"
like "$out" "$(printf 'T1\t')" "brat export writes text-bound annotations"
run export --format brat
is "$rc" 2 "brat export of several articles to stdout is a usage error"
mkdir "$T/brat"
run export --format brat --output-dir "$T/brat"
is "$rc" 0 "export --format brat --output-dir exits 0"
nart=$(contra list | wc -l)
is "$(ls "$T/brat" | grep -c '\.ann$')" "$nart" "one .ann per article"
is "$(ls "$T/brat" | grep -c '\.txt$')" "$nart" "one .txt per article"
newdb
run add --keep-going "$T/brat"/*.ann
is "$rc" 0 "the brat export imports again"
is "$(contra list | wc -l)" "$nart" "every brat article imported"

DB=$DB1
mkdir "$T/json"
run export --output-dir "$T/json"
is "$rc" 0 "export --output-dir exits 0"
is "$(ls "$T/json" | grep -c '^[0-9]*\.json$')" "$nart" "one ID.json per article"
run export --output-dir "$T/no-such-dir"
is "$rc" 1 "export into a missing directory exits 1"
like "$err" "no-such-dir: no such directory" "and says so"

# show
DB=$DB1
run show "$first"
is "$rc" 0 "show exits 0"
like "$out" "Marks: " "show prints the legend"
like "$out" "$(printf '\342\237\246')" "show marks claims"
like "$out" "[[" "show marks entity mentions"
LC_ALL=C "$CONTRA" --db "$DB" show "$first" >"$T/ascii"
LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/ascii"
ok $([ $? -ne 0 ]; echo $?) "show under LANG=C writes ASCII only"
like "$(cat "$T/ascii")" "[|" "show under LANG=C uses ASCII claim marks"
run show 999999
is "$rc" 1 "show of a missing article exits 1"
like "$err" "999999" "show of a missing article names it"

# One article alone: relations into articles not exported are left out,
# with a note, so the file imports anywhere; exported together they stay.
DB=$DB1
linked=$(contra export | grep -c '"type": ')
n_all=$(contra list --json | grep -o '"id": *[0-9]*' | grep -o '[0-9]*$' | tr '\n' ' ')
for id in $n_all; do
    run export "$id"
    case $err in *"left out"*) break ;; esac
done
like "$err" "relation" "exporting one article says which relations it left out"
is "$rc" 0 "an export that leaves out relations still succeeds"
cp "$T/out" "$T/one.json"
newdb
run add "$T/one.json"
is "$rc" 0 "one exported article imports into a fresh library"
DB=$DB1
run export $n_all
is "$rc" 0 "exporting every article by id succeeds"
is "$(grep -c '"type": ' "$T/out")" "$linked" "exported together, every relation between articles is kept"
unlike "$err" "left out" "and nothing is left out"

# rm: all or nothing
before=$(contra list | wc -l)
run rm "$first" 999999
is "$rc" 1 "rm with a missing id exits 1"
is "$(contra list | wc -l)" "$before" "rm with a missing id removes nothing"
run rm "$first"
is "$rc" 0 "rm exits 0"
like "$out" "removed $first " "rm says what it removed"
is "$(contra list | wc -l)" "$((before - 1))" "rm removed one article"
run show "$first"
is "$rc" 1 "a removed article is gone"

# rm: an id given twice is removed once; the links other articles lose
# with it are said
newdb
run add "$SAMPLES"
before=$(contra list | wc -l)
contra show 3 >"$T/show3"
grep -q '(article 1)' "$T/show3"
ok $? "sample article 3 links to article 1"
run rm 1 1
is "$rc" 0 "rm 1 1 exits 0"
is "$(printf '%s\n' "$out" | grep -c '^removed 1 ')" 1 "rm 1 1 says it removed article 1 once"
like "$out" "links with articles 2 and 3)" "rm names the articles that lose a link with it"
is "$(contra list | wc -l)" "$((before - 1))" "rm 1 1 removed one article"
contra show 3 >"$T/show3"
ok $(grep -q '(article 1)' "$T/show3"; [ $? -ne 0 ]; echo $?) "article 3 lost its links with article 1"
run rm 2 02
is "$rc" 0 "rm 2 02 exits 0"
is "$(printf '%s\n' "$out" | grep -c '^removed ')" 1 "rm 2 02 removes article 2 once"
run rm 4 5 6
is "$rc" 0 "rm 4 5 6 exits 0"
unlike "$out" "(and " "links between articles removed together are not counted as lost"

# brat to standard output: exact bytes into a pipe (the .ann must match
# the text), visible placeholders on a terminal.
newdb
printf '{"text": "Mara\\u001b[2J Ilves \\u202e said.", "entities": [{"id": "E1", "name": "M", "mentions": [[0, 18]]}]}' >"$T/esc.json"
run add "$T/esc.json"
is "$rc" 0 "an article with an escape sequence in a mention"
contra export --format brat 1 >"$T/esc.ann"
ok $(LC_ALL=C grep -q "$(printf 'Mara\033\\[2J Ilves \342\200\256 s')" "$T/esc.ann"; echo $?) "brat into a pipe: the text exactly"
if command -v script >/dev/null 2>&1; then
    script -qc "'$CONTRA' --db '$DB' export --format brat 1" /dev/null >"$T/esc.tty" 2>&1
    ok $(LC_ALL=C grep -q "$(printf '\033')" "$T/esc.tty"; [ $? -ne 0 ]; echo $?) "brat on a terminal: no raw escape"
    like "$(cat "$T/esc.tty")" "T1	Other 0 18	Mara" "brat on a terminal: the fields still tab-separated"
else
    skip "brat on a terminal" "no script(1)"
    skip "brat on a terminal: fields" "no script(1)"
fi

done_testing
