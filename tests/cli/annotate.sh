#!/bin/sh
# annotate.sh: `contra add` annotates plain text; `contra annotate ID`
# re-runs the annotator keeping tags; `--dry-run FILE` stores nothing.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"
newdb

cat >"$T/story.txt" <<'TXT'
Title: Ostrevia denies any role in Dravna attack
Source: Test Wire
Date: 2026-03-24

Ostrevia's Foreign Minister Lena Kovacs denied on Monday that her country had any connection to the attack.
"We had nothing to do with this crime," Kovacs told reporters in Kessel.
Interior Minister Ilona Vereb said the attackers had been heading for the border.
TXT

run annotate --dry-run "$T/story.txt"
is "$rc" 0 "annotate --dry-run FILE exits 0"
like "$out" '"contra": 1' "dry run prints contra JSON"
like "$out" '"quotes"' "dry run finds quotes"
test ! -e "$DB"
ok $? "dry run creates no library"
printf '%s\n' "$out" >"$T/dry.json"

run add "$T/story.txt"
is "$rc" 0 "add annotates plain text"
id=$(printf '%s\n' "$out" | sed -n 's/^added \([0-9]*\) .*/\1/p')
unlike "$out" "(0 entities, 0 quotes, 0 claims" "the annotator found something"

run annotate --dry-run "$id"
is "$rc" 0 "annotate --dry-run ID exits 0"
snapshot "$T/before"

contra export "$id" >"$T/e1.json"
q=$(grep -o '"id": *"[QC][0-9]*"' "$T/e1.json" | head -1 | grep -o '[QC][0-9]*')
run tag "$q" disputed --note "kept across re-annotation"
is "$rc" 0 "tagged $q"

run annotate "$id"
is "$rc" 0 "annotate ID exits 0"
like "$out" "annotated $id " "annotate says what it did"
contra export "$id" >"$T/e2.json"
grep -A8 "\"id\": *\"$q\"" "$T/e2.json" >"$T/tagged"
like "$(cat "$T/tagged")" '"status": "disputed"' "re-annotation keeps the tag"
like "$(cat "$T/tagged")" "kept across re-annotation" "re-annotation keeps the note"
run annotate "$id"
contra export "$id" >"$T/e3.json"
same_file "$T/e2.json" "$T/e3.json" "re-annotating twice changes nothing (ids stay)"

run annotate --all
is "$rc" 0 "annotate --all exits 0"
run annotate 999999
is "$rc" 1 "annotate of a missing article exits 1"
run annotate "$T/story.txt"
is "$rc" 2 "annotate FILE without --dry-run is a usage error"
like "$err" "contra add" "and it points at contra add"
run annotate --dry-run
is "$rc" 2 "annotate --dry-run with nothing to annotate is a usage error"
is "$err" "contra: annotate: --dry-run: no file or article id given (see 'contra annotate --help')" \
    "  which says a file or an id is wanted, not --all (which --dry-run refuses)"

done_testing
