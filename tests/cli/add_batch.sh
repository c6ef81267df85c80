#!/bin/sh
# add_batch.sh: `contra add` of several files stores them in one batch,
# most without a savepoint of their own (store_lean, for speed: issue 5).
# A file that then fails half way, in SQLite itself, is still the only one
# not imported: the files before it in its batch are stored again, each
# with its savepoint, and nothing is said twice.  The failure is made with
# an index contra never makes: one quote or claim of each kind an article.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

SQLEXEC=$TESTS_BUILDDIR/cli/sqlexec
if [ ! -x "$SQLEXEC" ]; then
    skip "a file failing in SQLite in the middle of a batch" "tests/cli/sqlexec not built"
    done_testing
fi

newdb
printf 'Title: First\n\nThe council met on Monday.\n' >"$T/first.txt"
for n in a b d e; do
    cat >"$T/$n.json" <<EOF
{"contra": 1, "title": "Article $n", "text": "Anna Berg said the bridge in $n was safe.",
 "entities": [{"id": "E1", "name": "Anna Berg", "kind": "person", "mentions": [[0, 9]]}],
 "claims": [{"id": "C1", "span": [10, 40], "speaker": "E1"}]}
EOF
done
# Two claims: the second breaks the index, after the article, its entity,
# its mentions and the first claim are in.
cat >"$T/c.json" <<'EOF'
{"contra": 1, "title": "Article c", "text": "Anna Berg said one thing. Anna Berg said another.",
 "entities": [{"id": "E1", "name": "Anna Berg", "kind": "person", "mentions": [[0, 9], [26, 35]]}],
 "claims": [{"id": "C1", "span": [10, 24], "speaker": "E1"},
            {"id": "C2", "span": [36, 49], "speaker": "E1"}]}
EOF

run add --no-annotate "$T/first.txt"
is "$rc" 0 "the library is made"
"$SQLEXEC" "$DB" "CREATE UNIQUE INDEX one_kind ON assertions(article, kind)"
ok $? "an index contra does not know about"

run add --keep-going "$T/a.json" "$T/b.json" "$T/c.json" "$T/d.json" "$T/e.json"
is "$rc" 1 "a file that failed: exit 1"
is "$out" 'added 2 "Article a" (1 entity, 0 quotes, 1 claim, 0 relations)
added 3 "Article b" (1 entity, 0 quotes, 1 claim, 0 relations)
added 4 "Article d" (1 entity, 0 quotes, 1 claim, 0 relations)
added 5 "Article e" (1 entity, 0 quotes, 1 claim, 0 relations)' \
    "the files before it in its batch and after it are added, each said once"
is "$err" "contra: $T/c.json: cannot add a quote or claim in $DB: UNIQUE constraint failed: assertions.article, assertions.kind
contra: 1 of 5 files not imported: 1 failed" \
    "the file that failed is the one named, once, and counted at the end"

run list --json
n=$(printf '%s\n' "$out" | grep -c '"id":')
is "$n" 5 "five articles: nothing of the file that failed"
run export
like "$out" '"title": "Article b"' "an article from before it is whole"
n=$(printf '%s\n' "$out" | grep -c '"name": "Anna Berg"')
is "$n" 4 "one entity for each article stored, none left of the failed one"

# Without --keep-going the run stops there, with the files before it
# imported all the same.
newdb
run add --no-annotate "$T/first.txt"
"$SQLEXEC" "$DB" "CREATE UNIQUE INDEX one_kind ON assertions(article, kind)"
run add "$T/a.json" "$T/b.json" "$T/c.json" "$T/d.json"
is "$rc" 1 "stopped at the file that failed: exit 1"
is "$out" 'added 2 "Article a" (1 entity, 0 quotes, 1 claim, 0 relations)
added 3 "Article b" (1 entity, 0 quotes, 1 claim, 0 relations)' "the files before it are added"
like "$err" "c.json: cannot add a quote or claim" "the file that failed is named"
like "$err" "stopped; 2 of 4 files not imported: 1 failed, 1 not tried ($T/d.json)" \
    "and it and the file after it are counted as not imported"

done_testing
