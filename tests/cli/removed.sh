#!/bin/sh
# removed.sh: a link a person removed (contra unlink) goes out with contra
# export ("removed_relations") and comes back with contra add, so that
# contra annotate in the other library does not propose it again; a link
# the same file states live stays live; bad removals are refused.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

cat >"$T/bridge.txt" <<'TXT'
Title: Bridge dispute
Source: Test Wire

Mayor Anna Kowal said on Monday: "The bridge is safe."

Engineer Piotr Nowak said the bridge is not safe and must close.

Kowal said the budget grew by 5 percent. Nowak said the budget fell.
TXT

# --- one article: unlink, export, import elsewhere, annotate
newdb
A=$DB
run add "$T/bridge.txt"
run show 1
like "$out" "claim by Piotr Nowak; contradicts Q1 (auto)" "the annotator links C2 to Q1"
run unlink C2 Q1
is "$out" "removed: C2 contradicts Q1 (the annotator's; it will not propose it again)" \
    "a person removes it"
mkdir "$T/brat"
run export --format brat --output-dir "$T/brat" 1
is "$rc" 0 "contra export to brat"
like "$err" "note: left out 1 link a person removed (brat has no place for them" \
    "  says brat leaves the removal out, where it said nothing"
run export
is "$rc" 0 "contra export"
printf '%s\n' "$out" >"$T/a.json"
like "$out" '"removed_relations": [
      {
        "type": "contradicts",
        "from": "C2",
        "to": "Q1"
      }
    ]' "  writes the removal as \"removed_relations\""
run show 1
printf '%s\n' "$out" >"$T/a.show"

newdb
run add "$T/a.json"
is "$rc" 0 "contra add of the export into a fresh library"
like "$out" "3 claims, 0 relations)" "  the removed link is not imported as a link"
run annotate 1
is "$rc" 0 "contra annotate there"
like "$out" "1 relation found; 1 left out, as removed by a person)" \
    "  finds the link again and leaves it out, as removed"
run show 1
unlike "$out" "contradicts Q1" "  contra show: the link stays removed"
printf '%s\n' "$out" >"$T/b.show"
same_file "$T/a.show" "$T/b.show" "  contra show shows what it showed in the first library"
contra export >"$T/b.json"
same_file "$T/a.json" "$T/b.json" "  contra export writes the same file again"
run link C2 contradicts Q1
is "$out" "C2 contradicts Q1 (saved)" "a person may link them again there"
run export
unlike "$out" "removed_relations" "  and the removal is no longer exported"

# --- a removal between two articles
cat >"$T/reply.txt" <<'TXT'
Title: Council replies
Source: Test Wire

Councillor Ewa Lis said: "The bridge was inspected in May."
TXT
newdb
run add "$T/bridge.txt"
run add "$T/reply.txt"
run show 2
q=$(printf '%s\n' "$out" | sed -n 's/^  \(Q[0-9]*\) .*quote by .*/\1/p')
test -n "$q"
ok $? "a second article, with a quote $q"
run link "$q" supports Q1
is "$rc" 0 "  $q supports Q1, in the other article"
run unlink "$q" Q1
is "$out" "removed: $q supports Q1" "  removed"
contra export >"$T/c.json" 2>"$T/c.err"
grep -q "\"from\": \"$q\"" "$T/c.json"
ok $? "  exported both: the removal is in the object of its \"from\" end"
run export 2
like "$err" "left out 1 removed link to articles not in this export" \
    "  exported alone, it says it left the removal out"
run export 1
unlike "$out" "removed_relations" "  the article of its \"to\" end does not write it"
newdb
run add "$T/c.json"
is "$rc" 0 "  imported into a fresh library"
like "$out" "0 relations)" "  with no link"
contra export >"$T/d.json"
same_file "$T/c.json" "$T/d.json" "  exported again: the same file, the removal between articles kept"
newdb
run add "$T/c.json" "$T/reply.txt"
is "$rc" 0 "  imported again beside another file (a small file is then read whole)"
contra export 1 2 >"$T/d.json"
same_file "$T/c.json" "$T/d.json" "  the same file again"

# --- the same link live and removed in one file
doc() {
    cat <<EOF
{"contra": 1, "title": "$1", "text": "Ann said: \"It is safe.\" Bob said it is not safe.",
 "entities": [{"id": "E1", "name": "Ann", "kind": "person", "mentions": [[0, 3]]}],
 "quotes": [{"id": "Q1", "speaker": "E1", "span": [11, 22]}],
 "claims": [{"id": "C2", "span": [33, 48]}],
 "relations": [$2],
 "removed_relations": [$3]}
EOF
}
newdb
doc "Live" '{"type": "contradicts", "from": "C2", "to": "Q1", "origin": "user"}' \
    '{"type": "contradicts", "from": "Q1", "to": "C2"}' >"$T/live.json"
run add "$T/live.json"
is "$rc" 0 "a file with a person's link and its removal"
like "$out" "1 relation)" "  adds the link"
run show 1
like "$out" "claim by unattributed; contradicts Q1" "  contra show has it: the live link wins"
unlike "$out" "contradicts Q1 (auto)" "  as the file's, not the annotator's"
run export 1
unlike "$out" "removed_relations" "  and no removal is remembered"
doc "Auto" '{"type": "contradicts", "from": "C2", "to": "Q1", "origin": "auto"}' \
    '{"type": "contradicts", "from": "C2", "to": "Q1"}' >"$T/auto.json"
newdb
run add "$T/auto.json"
like "$out" "0 relations)" "the annotator's link and its removal: no link"
run export 1
like "$out" '"removed_relations"' "  the removal is remembered"

# --- bad removals: refused as bad relations are, nothing added
newdb
doc "Bad" '' '{"type": "refutes", "from": "C2", "to": "Q1"}' >"$T/bad.json"
run add "$T/bad.json"
is "$rc" 1 "a removal of an unknown type is refused"
is "$err" "contra: $T/bad.json: removed_relations[0].type: unknown relation type \"refutes\" (expected contradicts or supports)" \
    "  saying where and why"
doc "Bad" '' '{"type": "contradicts", "from": "C2", "to": "Q9"}' >"$T/bad.json"
run add "$T/bad.json"
is "$rc" 1 "a removal naming an unknown id is refused"
is "$err" "contra: $T/bad.json: removed_relations[0].to: unknown id \"Q9\" (no quote or claim in this file has it)" \
    "  saying which"
doc "Bad" '' '{"type": "contradicts", "from": "E1", "to": "Q1"}' >"$T/bad.json"
run add "$T/bad.json"
is "$rc" 1 "a removal naming an entity is refused"
is "$err" "contra: $T/bad.json: removed_relations[0].from: \"E1\" is an entity; relations join quotes and claims" \
    "  saying so"
run list
is "$out" "" "  nothing was added"

done_testing
