#!/bin/sh
# user_stdin_json_lexicon.sh (user U; not in TESTS, the lead decides):
# contra JSON needs no word lists (man: "contra add needs them for plain
# text only"), and a file named on the command line imports without them;
# the same JSON on standard input (a pipe, as in `contra export | contra
# add -`, or a file) fails with "cannot load the annotator's word lists".
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

mkdir -p "$T/nolex"
CONTRA_DATADIR=$T/nolex
export CONTRA_DATADIR

newdb
run add "$TESTDATA/json/lines.jsonl"
is "$rc" 0 "without word lists, a JSON Lines file named as FILE imports"

newdb
cat "$TESTDATA/json/lines.jsonl" | "$CONTRA" --db "$DB" add - >"$T/out" 2>"$T/err"
is "$?" 0 "the same file through a pipe on standard input imports too"
unlike "$(cat "$T/err")" 'word lists' "and does not ask for the word lists"

newdb
run_in "$TESTDATA/json/lines.jsonl" add -
is "$rc" 0 "the same file as standard input imports too"
unlike "$err" 'word lists' "and does not ask for the word lists"

newdb
cat "$TESTDATA/json/lines.jsonl" | "$CONTRA" --db "$DB" add --format json - >"$T/out" 2>"$T/err"
is "$?" 0 "a pipe with --format json imports (works today)"

done_testing
