#!/bin/sh
# add.sh: `contra add` of plain text, contra JSON and brat, from files and
# stdin; what it prints; duplicates; --keep-going; list of what was added.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"
newdb

cat >"$T/one.txt" <<'TXT'
Title: Ministry denies role in Brisk blast
Source: Test Wire
Date: 2026-03-24

Interior Minister Ilona Vereb said on Monday that the attack was planned abroad.
"We had nothing to do with it," the Ostrevian Foreign Ministry said in a statement.
TXT
printf 'date 2026-03-25 Officials in Kessel rejected the claim on Tuesday.\n\nThe council met again.\n' >"$T/two.txt"

run add "$T/one.txt"
is "$rc" 0 "add of plain text exits 0"
like "$out" 'added 1 "Ministry denies role in Brisk blast" (' "add prints the id and the title"
like "$out" "entities, " "add prints the counts"
is "$err" "" "add writes nothing on stderr"

run add "$T/one.txt"
is "$rc" 0 "adding the same article again exits 0"
is "$out" 'already in library: 1 "Ministry denies role in Brisk blast"' "the same article is recognised"
run list --json
n=$(printf '%s\n' "$out" | grep -c '"id":')
is "$n" 1 "the duplicate was not stored"
# the title the library holds, not one given for the copy not stored
run add --title "Other title" "$T/one.txt"
is "$out" 'already in library: 1 "Ministry denies role in Brisk blast"' "already in library: the stored title, not --title's"
contra export 1 | sed 's/"title": "Ministry denies role in Brisk blast"/"title": "Renamed in the file"/' >"$T/one-renamed.json"
run add --title "Other title" "$T/one-renamed.json"
is "$out" 'already in library: 1 "Ministry denies role in Brisk blast"' "already in library: the stored title, not the JSON file's nor --title's"
run add --keep-going "$T/one-renamed.json" "$T/one-renamed.json"
is "$out" "$(printf 'already in library: 1 "Ministry denies role in Brisk blast"\nalready in library: 1 "Ministry denies role in Brisk blast"')" "... in a batch of files too"

run_in "$T/two.txt" add --no-annotate --title "Kessel rejects" --source "Stdin Wire" -
is "$rc" 0 "add - reads standard input"
is "$out" 'added 2 "Kessel rejects" (0 entities, 0 quotes, 0 claims, 0 relations)' "--no-annotate stores no annotations"

run list
is "$rc" 0 "list exits 0"
first=$(printf '%s\n' "$out" | sed -n 1p)
second=$(printf '%s\n' "$out" | sed -n 2p)
like "$first" "2  2026-03-25  Stdin Wire" "list: newest first, date from the 'date' prefix"
like "$first" "Kessel rejects" "list shows the title"
like "$first" "0! 0+ 0?" "list shows claim counts"
like "$second" "1  2026-03-24  Test Wire " "list: second row"
like "$second" "Ministry denies role in Brisk blast" "list: second title"
run list --json
like "$out" '"title": "Kessel rejects"' "list --json has the title"
like "$out" '"claims": {"unreviewed": ' "list --json has the counts"
run list council
is "$rc" 0 "list WORD exits 0"
like "$out" "Kessel rejects" "list WORD finds the article whose text has it"
unlike "$out" "Ministry denies" "list WORD leaves out the others"
run list counc
like "$out" "Kessel rejects" "list: a word of four letters or more matches the words it begins, as the library screen's filter"
run list cou
is "$rc/$out" "1/" "  a shorter one matches only itself"
run list '"unbalanced'
is "$rc/$err" "1/" "list with a stray quote mark is not an error: it matches nothing (exit 1), silently into a pipe"
run list '"council'
is "$rc" 0 "list with a stray quote mark before a word finds it"
like "$out" "Kessel rejects" "  the article whose text has it"

# A title with C1 controls and U+2028 (valid UTF-8) is escaped in JSON as
# the exporter escapes it: no raw CSI (U+009B) reaches the terminal.
printf 'Nothing else.\n' >"$T/three.txt"
run add --no-annotate --title "$(printf 'Odd\302\233title\342\200\250x')" "$T/three.txt"
is "$rc" 0 "a title with control characters is accepted"
run list --json
like "$out" '"title": "Odd\u009Btitle\u2028x"' "list --json escapes C1 controls and U+2028"
ok $(printf '%s' "$out" | LC_ALL=C grep -q "$(printf '\302\233')"; [ $? -ne 0 ]; echo $?) "list --json writes no raw C1 control"
like "$out" '"id": 3, "published": null, "source": null' "list --json: missing values are null"

# one of each: the counts are in the singular
cat >"$T/one-each.json" <<'JSON'
{"contra": 1, "title": "One of each", "text": "Petrov said it was safe. Kessel denied it.",
 "entities": [{"id": "E1", "name": "Petrov", "kind": "person", "mentions": [[0, 6]]}],
 "quotes": [{"id": "Q1", "speaker": "E1", "span": [12, 23], "direct": false}],
 "claims": [{"id": "C1", "span": [25, 42]}],
 "relations": [{"type": "contradicts", "from": "C1", "to": "Q1"}]}
JSON
run add "$T/one-each.json"
like "$out" '"One of each" (1 entity, 1 quote, 1 claim, 1 relation)' "counts of one are singular"

if [ -f "$CONTRA_DATADIR/samples/library.json" ]; then
    newdb
    run add "$CONTRA_DATADIR/samples/library.json"
    is "$rc" 0 "add of the sample library exits 0"
    n=$(printf '%s\n' "$out" | grep -c '^added ')
    ok $([ "$n" -ge 5 ]; echo $?) "the sample library has at least five articles ($n)"
    run list
    is "$(printf '%s\n' "$out" | wc -l)" "$n" "list shows every sample article"
    run add "$CONTRA_DATADIR/samples/library.json"
    is "$rc" 0 "adding the sample library twice exits 0"
    is "$(printf '%s\n' "$out" | grep -c '^already in library: ')" "$n" "every article is recognised the second time"
else
    skip "sample library" "share/samples/library.json missing"
fi

# the date prefix as the man page shows it: the word "date", then the date
MAN=$TESTS_SRCDIR/../man/contra.1
newdb
sed -n 's/\\-/-/g; /^date [0-9]/p' "$MAN" | head -1 >"$T/prefix.txt"
like "$(cat "$T/prefix.txt")" "date 2026-03-27 " "the man page shows the date prefix literally"
run add --no-annotate "$T/prefix.txt"
like "$(contra list)" "2026-03-27" "... and the text it shows gives its date"
unlike "$out" "2026" "... and is no part of its title"
printf '2026-03-27 Minister resigns\n\nA date alone is text.\n' >"$T/bare.txt"
run add --no-annotate "$T/bare.txt"
like "$out" '"2026-03-27 Minister resigns"' "a date alone, without the word, stays in the title"

# brat: X.txt with X.ann beside it, named by either
newdb
printf 'Ivan Petrov met the K\303\266lner council in Brisk.\n' >"$T/b.txt"
printf 'T1\tPerson 0 11\tIvan Petrov\nT2\tOrganization 20 34\tK\303\266lner council\nT3\tLocation 38 43\tBrisk\n' >"$T/b.ann"
run add "$T/b.ann"
is "$rc" 0 "add of a brat .ann exits 0"
like "$out" "(3 entities, 0 quotes, 0 claims, 0 relations)" "brat entities are imported"
run add "$T/b.txt"
like "$out" "already in library: 1" "a brat .txt finds its .ann (and is the same article)"

# --keep-going: a bad file in the middle
newdb
printf 'A first plain article about the Vesna dams.\n' >"$T/good1.txt"
: >"$T/empty.txt"
printf 'A second plain article about the Vesna dams and Kessel.\n' >"$T/good2.txt"
run add --no-annotate "$T/good1.txt" "$T/empty.txt" "$T/good2.txt"
is "$rc" 1 "a bad file stops add with exit 1"
like "$out" "added 1 " "the file before the bad one is imported"
like "$err" "$T/empty.txt" "the message names the bad file"
run list
is "$(printf '%s\n' "$out" | wc -l)" 1 "files after the bad one are not imported"
run add --no-annotate --keep-going "$T/good1.txt" "$T/empty.txt" "$T/good2.txt"
is "$rc" 1 "--keep-going still exits 1 when a file failed"
like "$out" "already in library: 1" "--keep-going: first file reported"
like "$out" "added 2 " "--keep-going: the file after the bad one is imported"
run list
is "$(printf '%s\n' "$out" | wc -l)" 2 "--keep-going imported both good files"

# --title and --url are one article's: refused for several files before
# anything is read; a file of several articles keeps its own and says so
newdb
run add --no-annotate --title Same "$T/good1.txt" "$T/good2.txt"
is "$rc" 2 "--title with two files exits 2"
is "$err" "contra: add: --title is for one article; 2 files given (see 'contra add --help')" "... and says why"
ok "$([ ! -e "$DB" ]; echo $?)" "... before any library is made"
run add --no-annotate --url https://example.org/x "$T/good1.txt" "$T/good2.txt" "$T/one.txt"
is "$rc" 2 "--url with three files exits 2"
like "$err" "--url is for one article; 3 files given" "... and says why"
two=$TESTDATA/json/two.json
run add --title "One title" --date 2020-01-01 "$two"
is "$rc" 0 "--title on a file of two articles: imported"
is "$err" "contra: $two: --title and --date ignored: the file holds 2 articles (they apply to a file of one)" "... saying the options were ignored"
unlike "$out" "One title" "... and the articles keep their titles"
newdb
"$CONTRA" --db "$DB" add --no-annotate --date 2020-01-01 "$T/good1.txt" "$two" "$T/good2.txt" >"$T/both" 2>&1
is "$(sed -n 4p "$T/both")" "contra: $two: --date ignored: the file holds 2 articles (it applies to a file of one)" "in a batch, the note follows that file's lines"
like "$(contra list)" "2020-01-01" "--date applies to the files of one article"

done_testing
