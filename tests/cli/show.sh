#!/bin/sh
# show.sh: `contra show` marks annotations inline, keeps lines, prints a
# legend, and never lets control characters from an article reach the
# terminal raw.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"
newdb

cat >"$T/a.json" <<'JSON'
{"contra": 1, "title": "Kessel \u001b[31mdenies\u001b[0m role", "source": "Test Wire",
 "published": "2026-03-24",
 "text": "Petrov said: \u201cWe had nothing to do with it.\u201d\nKessel claimed that the hall was attacked from the east.\nA bell \u0007 and an OSC \u001b]52;c;aGk=\u0007 here.",
 "entities": [
   {"id": "E1", "name": "Ivan Petrov", "kind": "person", "mentions": [[0, 6]]},
   {"id": "E2", "name": "Kessel", "kind": "place", "mentions": [[45, 51]]}],
 "quotes": [{"id": "Q1", "speaker": "E1", "span": [13, 44], "direct": true, "status": "disputed"}],
 "claims": [{"id": "C1", "claimant": "E2", "span": [65, 100], "status": "unreviewed", "note": "check \u001b[2J this"}],
 "relations": [{"type": "contradicts", "from": "Q1", "to": "C1", "origin": "import"}]}
JSON
run add "$T/a.json"
is "$rc" 0 "article with controls imported"
id=$(printf '%s\n' "$out" | sed -n 's/^added \([0-9]*\) .*/\1/p')
contra export "$id" >"$T/e.json"
q=$(grep -o '"id": *"Q[0-9]*"' "$T/e.json" | grep -o 'Q[0-9]*')
c=$(grep -o '"id": *"C[0-9]*"' "$T/e.json" | grep -o 'C[0-9]*')

run show "$id"
is "$rc" 0 "show exits 0"
line1=$(printf '%s\n' "$out" | sed -n 1p)
unlike "$line1" "$(printf '\033')" "title: no raw ESC"
like "$line1" "Kessel " "title shown"
like "$out" "Test Wire" "source shown"
like "$out" "2026-03-24" "date shown"
like "$out" "[[Petrov]] said: $(printf '\302\253')" "mention and quote marked"
like "$out" "$(printf '\302\273'){$q Ivan Petrov, disputed, contradicts $c}" "quote labelled with speaker, status and relation"
like "$out" "$(printf '\342\237\246')the hall was attacked from the east$(printf '\342\237\247'){$c Kessel, unreviewed}" "claim marked and labelled"
printf '%s\n' "$out" | grep -q '^\[\[Kessel\]\] claimed that'
ok $? "lines of the article stay lines"
LC_ALL=C grep -q "$(printf '\033')" "$T/out"
ok $([ $? -ne 0 ]; echo $?) "no raw ESC anywhere in the output"
LC_ALL=C grep -q "$(printf '\007')" "$T/out"
ok $([ $? -ne 0 ]; echo $?) "no raw BEL anywhere in the output"
like "$out" "Entities:" "legend lists entities"
like "$out" "E" "legend has entity ids"
like "$out" "contradicted by $q" "legend shows incoming relations"
like "$out" "note: check" "legend shows the note"

run list
LC_ALL=C grep -q "$(printf '\033')" "$T/out"
ok $([ $? -ne 0 ]; echo $?) "list: no raw ESC in titles"

LC_ALL=C "$CONTRA" --db "$DB" show "$id" >"$T/ascii"
LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/ascii"
ok $([ $? -ne 0 ]; echo $?) "LANG=C: ASCII only"
like "$(cat "$T/ascii")" "<<" "LANG=C: ASCII quote marks"
like "$(cat "$T/ascii")" ">>{$q Ivan Petrov, disputed" "LANG=C: quote label"

done_testing
