#!/bin/sh
# stdin_no_lexicon.sh: contra JSON needs no word lists, on standard input
# (a pipe, as in `contra export | contra add -`, or a file) as much as
# named as FILE; plain text on standard input is still refused without
# them, once its content shows it is plain text.
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
is "$?" 0 "a pipe with --format json imports"

# Plain text on standard input still needs them, and nothing is stored.
newdb
printf 'A title\n\nSome plain text.\n' | "$CONTRA" --db "$DB" add - >"$T/out" 2>"$T/err"
is "$?" 1 "plain text on standard input without word lists exits 1"
like "$(cat "$T/err")" "<stdin>: cannot load the annotator's word lists" "and says why"
is "$("$CONTRA" --db "$DB" list | wc -l)" 0 "and stores nothing"

# A plain text file refused for want of the word lists leaves no library
# behind (it left an empty one): not alone, not first of several, not
# when --keep-going refuses every file.  One stored before it keeps it.
printf 'A title\n\nSome plain text.\n' >"$T/plain.txt"
cp "$T/plain.txt" "$T/plain2.txt"
newdb
run add "$T/plain.txt"
is "$rc" 1 "a plain text file without word lists exits 1"
like "$err" "plain.txt: cannot load the annotator's word lists" "and says why"
ok "$([ ! -e "$DB" ]; echo $?)" "and creates no library"
newdb
run add "$T/plain.txt" "$TESTDATA/json/lines.jsonl"
is "$rc" 1 "refused first of two files, without --keep-going: exits 1"
ok "$([ ! -e "$DB" ]; echo $?)" "  and creates no library"
newdb
run add --keep-going "$T/plain.txt" "$T/plain2.txt"
is "$rc" 1 "every file refused with --keep-going: exits 1"
like "$err" "plain2.txt: cannot load the annotator's word lists" "  and says why for each"
ok "$([ ! -e "$DB" ]; echo $?)" "  and creates no library"
newdb
run add --keep-going "$T/plain.txt" "$TESTDATA/json/lines.jsonl"
is "$rc" 1 "a refused file then JSON with --keep-going: exits 1"
ok "$([ -e "$DB" ] && [ "$("$CONTRA" --db "$DB" list | wc -l)" -gt 0 ]; echo $?)" \
    "  and the JSON is stored"

done_testing
