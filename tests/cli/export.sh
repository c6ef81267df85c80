#!/bin/sh
# export.sh: `contra export` streams the library one article at a time
# (issue 5) and still writes what it wrote when it held every article in
# memory: the same bytes, the same relations between articles, the same
# notes about relations left out.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

SAMPLES=$CONTRA_DATADIR/samples/library.json
if [ ! -f "$SAMPLES" ]; then
    skip "export" "no sample library"
    done_testing
    exit 0
fi
newdb
run add "$SAMPLES"
is "$rc" 0 "the sample library imports"

# tests/data/export/samples.json is the export of share/samples/library.json
# imported into a fresh library, as contra wrote it before export
# streamed.  If the samples change, regenerate it:
#   contra --db NEW.db add share/samples/library.json
#   contra --db NEW.db export > tests/data/export/samples.json
# having checked that the difference is only what the samples changed.
contra export >"$T/all.json" 2>"$T/all.err"
is "$?" 0 "export of the whole library exits 0"
cmp -s "$T/all.json" "$TESTDATA/export/samples.json"
ok $? "export of the whole library: the same bytes as before it streamed"
is "$(cat "$T/all.err")" "" "the whole library leaves no relation out"
linked=$(grep -c '"to": ' "$T/all.json")

# list is newest first (date, then id); export of the whole library is
# the reverse.  Every id named in that order gives the same file.
run list --json
newest=$(printf '%s\n' "$out" | sed -n 's/^ *{"id": \([0-9]*\),.*/\1/p')
oldest=$(printf '%s\n' "$newest" | tac | tr '\n' ' ')
n=$(printf '%s\n' "$newest" | grep -c .)
ok $([ "$n" -ge 4 ]; echo $?) "the samples are several articles ($n)"
contra export $oldest >"$T/byid.json" 2>"$T/byid.err"
is "$?" 0 "export of every id exits 0"
cmp -s "$T/byid.json" "$T/all.json"
ok $? "every id, oldest first, gives the whole library's export"
is "$(cat "$T/byid.err")" "" "and leaves no relation out"

# Another order, and an article named twice: written in the order asked,
# the repeated one once (where it first appears).
newest_l=$(printf '%s\n' "$newest" | tr '\n' ' ')
first=$(printf '%s\n' "$newest" | head -1)
contra export $newest_l $first >"$T/rev.json"
is "$?" 0 "export of every id newest first, one twice, exits 0"
is "$(grep -c '^    "contra": 1' "$T/rev.json")" "$n" "every article written once, the repeated one too"
contra export $newest_l >"$T/rev1.json"
cmp -s "$T/rev.json" "$T/rev1.json"
ok $? "naming an article twice gives the same file as naming it once"

# Relations between articles survive export and import: every relation
# the export holds is in the new library's export.
DB0=$DB
newdb
run add "$T/all.json"
is "$rc" 0 "the export imports into a fresh library"
contra export >"$T/again.json"
is "$(grep -c '"to": ' "$T/again.json")" "$linked" "every relation survives export and import ($linked)"
# Each article alone leaves out its relations into other articles: the
# same number in both libraries, so the ones between articles survived.
left() {
    for id in $(contra list --json | sed -n 's/^ *{"id": \([0-9]*\),.*/\1/p'); do
        contra export "$id" 2>&1 >/dev/null
    done | sed -n 's/.*left out \([0-9]*\) relation.*/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}
again_left=$(left)
DB=$DB0
orig_left=$(left)
ok $([ "$orig_left" -gt 0 ]; echo $?) "the samples have relations between articles ($orig_left ends)"
is "$again_left" "$orig_left" "relations between articles survive export and import"

# One article alone: the relations into other articles are left out and
# counted; the same count with --output-dir, however often it is named.
contra export "$first" >"$T/one.json" 2>"$T/one.err"
is "$?" 0 "export of one article exits 0"
like "$(cat "$T/one.err")" "note: left out" "export of one article notes the relations it leaves out"
mkdir "$T/dir" "$T/dir2"
run export --output-dir "$T/dir"
is "$rc" 0 "export --output-dir exits 0"
is "$(ls "$T/dir" | grep -c '\.json$')" "$n" "one file per article"
dir_note=$err
run export --output-dir "$T/dir2" $newest_l $newest_l
is "$rc" 0 "export --output-dir of every id, twice, exits 0"
is "$err" "$dir_note" "the same relations left out, each counted once"
for f in "$T"/dir/*.json; do
    contra export "$(basename "$f" .json)" 2>/dev/null | cmp -s - "$f" || break
done
ok $? "each file is that article's export"
unlike "$dir_note" "export those articles together" \
    "--output-dir of the whole library does not advise exporting the articles together"
like "$dir_note" "between articles (each file holds one article and cannot refer to another; export without --output-dir to keep them)" \
    "  it says a file of one article cannot refer to another"

# brat: a document is one article, so no relation between two can be
# written, whatever is exported with it; the note says so, also for one
# article to standard output (which said nothing).
mkdir "$T/brat"
run export --format brat --output-dir "$T/brat"
is "$rc" 0 "brat export of the whole library exits 0"
like "$err" "note: left out $(printf '%s' "$dir_note" | sed -n 's/.*left out \([0-9]*\) .*/\1/p') relations between articles (a brat document is one article and cannot refer to another; contra JSON keeps them)" \
    "brat export of the whole library: the relations between articles, and why they are left out"
unlike "$err" "export those articles together" "  not the advice to export them together"
contra export "$first" 2>&1 >/dev/null | sed -n 's/.*left out \([0-9]*\) .*/\1/p' >"$T/n1"
run export --format brat "$first"
is "$rc" 0 "brat export of one article to standard output exits 0"
like "$err" "note: left out $(cat "$T/n1") relation" \
    "  and notes the relations it leaves out, as JSON of one article does"

# brat has no place for a title, source, URL or date: export says what
# it left out, where an article had one that import would not find again
# (a title other than the text's first line, a date not at its start).
like "$(contra export --format brat --output-dir "$T/brat" 2>&1 >/dev/null)" \
    "note: left out the titles, sources, URLs and dates of $n articles (a brat document has no place for them; contra JSON keeps them)" \
    "brat export of the samples says their titles, sources, URLs and dates are left out"
run export --format brat "$first"
like "$err" "note: left out the title, source, URL and date of 1 article (a brat document" \
    "  and of one article to standard output"
DB0=$DB
newdb
printf '%s\n' \
    '{"contra": 1, "text": "Harbour reopens\nThe port said so."}' \
    '{"contra": 1, "published": "2026-01-02", "text": "date 2026-01-02 Ferry late\nIt was."}' \
    '{"contra": 1, "title": "Dredging halted", "text": "The work stopped.\nMore."}' \
    '{"contra": 1, "title": "Pier shut", "source": "Test Wire", "text": "Pier shut\nFor now."}' \
    >"$T/meta.jsonl"
run add "$T/meta.jsonl"
is "$rc" 0 "four articles: title from the text, date in the text, a title of its own, a source"
run export --format brat 1
is "$rc/$err" "0/" "brat export of an article whose title is its first line: no note"
run export --format brat 2
is "$rc/$err" "0/" "  nor of one whose date is its text's \"date\" prefix, which import reads back"
run export --format brat 3
is "$err" "contra: note: left out the title of 1 article (a brat document has no place for it; contra JSON keeps it)" \
    "a title that is not the text's first line is noted as left out"
mkdir "$T/brat2"
run export --format brat --output-dir "$T/brat2"
is "$err" "contra: note: left out the titles and sources of 2 articles (a brat document has no place for them; contra JSON keeps them)" \
    "  --output-dir of all four: what two of them lose"
run export 3
is "$rc/$err" "0/" "contra JSON of the same article says nothing"
DB=$DB0

# --output-dir that is not there is said to be missing, not to be
# something other than a directory; a file is not a directory.
run export --output-dir "$T/missing" "$first"
is "$rc/$out" "1/" "export --output-dir to a directory that does not exist fails, writing nothing"
is "$err" "contra: $T/missing: no such directory (--output-dir writes into one that exists)" \
    "  and says it does not exist"
: >"$T/plain"
run export --output-dir "$T/plain" "$first"
is "$rc/$err" "1/contra: $T/plain: not a directory" "export --output-dir to a file: not a directory"

# A full disk: one message, the right one (a second followed it, "cannot
# write to standard output: resource temporarily unavailable").
if [ -w /dev/full ]; then
    for a in "" "$first" "--format brat $first"; do
        # shellcheck disable=SC2086
        "$CONTRA" --db "$DB" export $a >/dev/full 2>"$T/err"
        is "$?" 1 "export $a to a full disk exits 1"
        is "$(grep -c . "$T/err")/$(grep -c 'no space left on device' "$T/err")" 1/1 \
            "  with one message, saying the disk is full"
    done
    "$CONTRA" --db "$DB" list >/dev/full 2>"$T/err"
    is "$?/$(cat "$T/err")" "1/contra: cannot write to standard output: no space left on device" \
        "list to a full disk: main says so, once"
else
    skip "export to a full disk" "no /dev/full"
fi

done_testing
