#!/bin/sh
# hostile_files.sh: import files nobody vetted (issue 6).  Malformed JSON
# (cut short, nested a million deep, wrong types, numbers out of range),
# spans out of the text, negative, inverted, huge; brat standoff with
# huge, negative and inverted offsets, overlapping spans, a million
# annotations, relation cycles; a bad article after good ones in one file.
# Each: either a clear one-line error naming the file with exit 1 and the
# library as it was (no partial import), or a correct import -- and never
# a crash.  Generous timeouts are liveness checks only.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/rely/rely.sh"
LIVE=300
BUGLIVE=60  # a shorter bound where a known bug makes a step hang (TODO)

newdb
run add --no-annotate "$TESTDATA/json/one.json"
is "$rc" 0 "a library with one article"

# refused NAME FILE [ARGS...]: add FILE fails cleanly and changes nothing.
refused() {
    _name=$1 _file=$2; shift 2
    snapshot "$T/before"
    timeout "$LIVE" "$CONTRA" --db "$DB" add "$@" "$_file" >"$T/out" 2>"$T/err"
    rc=$?; err=$(cat "$T/err")
    is "$rc" 1 "$_name: refused (exit 1)"
    _base=$(basename "$_file"); _base=${_base%.*}
    like "$err" "$_base" "$_name: the message names the file"
    one_line "$err" "$_name: in one line"
    snapshot "$T/after"
    same_file "$T/before" "$T/after" "$_name: the library is as it was"
}
# accepted NAME FILE [ARGS...]: add FILE works; its export is valid JSON
# that imports again.
accepted() {
    _name=$1 _file=$2; shift 2
    timeout "$LIVE" "$CONTRA" --db "$DB" add "$@" "$_file" >"$T/out" 2>"$T/err"
    rc=$?
    is "$rc" 0 "$_name: imported"
    [ "$rc" = 0 ] || diag "$(head -c 300 "$T/err")"
    _id=$(sed -n 's/^added \([0-9]*\) .*/\1/p' "$T/out" | head -1)
    if [ -n "$_id" ]; then
        contra export "$_id" >"$T/re.json" 2>"$T/err"
        _db=$DB; DB=$T/re.db; rm -f "$DB"
        run add "$T/re.json"
        is "$rc" 0 "$_name: its export imports again"
        DB=$_db
    fi
}
# no_crash NAME: status of the last command was not a signal
no_crash() { ok $([ "$rc" -lt 124 ]; echo $?) "$1: no crash, no hang (status $rc)"; }

TEXT='Mara Ilves said the bridge was safe. The ministry denied it.'
J=$T/j
mkdir -p "$J"
art() {  # art EXTRA-FIELDS: one article object with TEXT
    printf '{"contra": 1, "title": "T", "text": "%s"%s}' "$TEXT" "$1"
}

# ---- malformed JSON ---------------------------------------------------------------
art ', "quotes": [{"id": "Q1", "span": [0, 10]}' | head -c 70 >"$J/cut.json"
refused "JSON cut short" "$J/cut.json"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "["; for (i = 0; i < 1000000; i++) printf "]" }' >"$J/deep.json"
refused "JSON nested a million deep" "$J/deep.json"
awk 'BEGIN { printf "{\"contra\": 1, \"text\": \"x\", \"a\": "; for (i = 0; i < 100000; i++) printf "{\"b\": "; printf "1"; for (i = 0; i < 100000; i++) printf "}"; printf "}" }' >"$J/deepobj.json"
timeout "$LIVE" "$CONTRA" --db "$DB" add "$J/deepobj.json" >"$T/out" 2>"$T/err"; rc=$?
no_crash "an unknown field nested 100,000 deep"
printf '{"contra": 1, "title": 5, "text": ["not", "a", "string"]}' >"$J/types.json"
refused "text of the wrong type" "$J/types.json"
art ', "quotes": [{"id": "Q1", "span": ["0", "10"]}]' >"$J/strspan.json"
refused "span of strings" "$J/strspan.json"
art ', "quotes": [{"id": "Q1", "span": [0, 1e309]}]' >"$J/inf.json"
refused "span end 1e309" "$J/inf.json"
art ', "quotes": [{"id": "Q1", "span": [0, 99999999999999999999999]}]' >"$J/huge.json"
refused "span end beyond int64" "$J/huge.json"
art ', "quotes": [{"id": "Q1", "span": [0, 1000000000000]}]' >"$J/far.json"
refused "span end far past the text" "$J/far.json"
art ', "quotes": [{"id": "Q1", "span": [-5, 10]}]' >"$J/neg.json"
refused "negative span start" "$J/neg.json"
art ', "quotes": [{"id": "Q1", "span": [20, 10]}]' >"$J/inv.json"
refused "inverted span" "$J/inv.json"
art ', "quotes": [{"id": "Q1", "span": [0.5, 10]}]' >"$J/frac.json"
refused "fractional offset" "$J/frac.json"
art ', "entities": [{"id": "E1", "name": "Mara Ilves", "kind": "person", "mentions": [[0, 10], [0, 10], [5, 200]]}]' >"$J/mention.json"
refused "mention past the text" "$J/mention.json"
art ', "quotes": [{"id": "Q1", "span": [0, 10]}, {"id": "Q1", "span": [11, 20]}]' >"$J/dupid.json"
timeout "$LIVE" "$CONTRA" --db "$DB" add "$J/dupid.json" >"$T/out" 2>"$T/err"; rc=$?
no_crash "duplicate ids"
art ', "relations": [{"type": "contradicts", "from": "Q9", "to": "C9"}]' >"$J/dangling.json"
refused "relation to unknown ids" "$J/dangling.json"
printf '\357\273\277%s' "$(art '')" >"$J/bom.json"
timeout "$LIVE" "$CONTRA" --db "$DB" add "$J/bom.json" >"$T/out" 2>"$T/err"; rc=$?
no_crash "a byte order mark"
printf '{"contra": 1, "text": "a\\u0000b"}' >"$J/nul.json"
timeout "$LIVE" "$CONTRA" --db "$DB" add "$J/nul.json" >"$T/out" 2>"$T/err"; rc=$?
no_crash "an escaped NUL in the text"
printf '{"contra": 1, "text": "\\ud800 lone surrogate"}' >"$J/sur.json"
timeout "$LIVE" "$CONTRA" --db "$DB" add "$J/sur.json" >"$T/out" 2>"$T/err"; rc=$?
no_crash "a lone surrogate escape"
{ printf '['; art ''; printf ', '; art ''; printf ', '; art ', "quotes": [{"id": "Q1", "span": [50, 5]}]'; printf ']'; } >"$J/third.json"
refused "a bad third article after two good ones (no partial import)" "$J/third.json"

# overlapping spans and relation cycles are legal (a text of its own: the
# same text again would be a duplicate, not imported twice)
TEXT="$TEXT Cycles." art ', "entities": [{"id": "E1", "name": "Mara Ilves", "kind": "person", "mentions": [[0, 10], [0, 4], [5, 10]]}],
  "quotes": [{"id": "Q1", "speaker": "E1", "span": [0, 36]}, {"id": "Q2", "speaker": "E1", "span": [5, 30]}],
  "claims": [{"id": "C1", "claimant": "E1", "span": [0, 36]}, {"id": "C2", "span": [37, 60]}],
  "relations": [{"type": "contradicts", "from": "Q1", "to": "C2"}, {"type": "contradicts", "from": "C2", "to": "Q1"},
                {"type": "supports", "from": "Q2", "to": "C1"}, {"type": "supports", "from": "C1", "to": "Q2"},
                {"type": "contradicts", "from": "Q2", "to": "C2"}]' >"$J/cycle.json"
accepted "overlapping spans and relation cycles (JSON)" "$J/cycle.json"
n=$(contra export "$_id" | grep -c '"type": "contradicts"\|"type": "supports"')
is "$n" 5 "  all five relations kept"
art ', "relations": [{"type": "contradicts", "from": "Q1", "to": "Q1"}], "quotes": [{"id": "Q1", "span": [0, 10]}]' >"$J/self.json"
timeout "$LIVE" "$CONTRA" --db "$DB" add "$J/self.json" >"$T/out" 2>"$T/err"; rc=$?
no_crash "a relation from a quote to itself"
if [ "$rc" -ne 0 ]; then one_line "$(cat "$T/err")" "  refused in one line"; fi

# ---- brat ----------------------------------------------------------------------------
B=$T/b
mkdir -p "$B"
brat() {  # brat NAME ANN-LINES: NAME.txt with TEXT, NAME.ann with the lines
    printf '%s\n' "$TEXT" >"$B/$1.txt"
    printf "$2" >"$B/$1.ann"
}
brat huge 'T1\tPerson 0 99999999999999999999999\tMara\n'
refused "brat: offset beyond int64" "$B/huge.txt"
brat far 'T1\tPerson 0 4000000000\tMara\n'
refused "brat: offset far past the text" "$B/far.txt"
brat neg 'T1\tPerson -4 4\tMara\n'
refused "brat: negative offset" "$B/neg.txt"
brat inv 'T1\tPerson 10 0\tMara Ilves\n'
refused "brat: inverted span" "$B/inv.txt"
brat frag 'T1\tPerson 0 4;12 3\tMara\n'
refused "brat: inverted fragment" "$B/frag.txt"
brat badref 'T1\tPerson 0 10\tMara Ilves\nR1\tContradicts Arg1:T1 Arg2:T99\n'
refused "brat: relation to an unknown annotation" "$B/badref.txt"
brat junk 'this is not brat\n\t\t\nT\n'
refused "brat: junk lines" "$B/junk.txt"
brat overlap 'T1\tPerson 0 10\tMara Ilves\nT2\tPerson 0 4\tMara\nT3\tQuote 0 36\tMara Ilves said the bridge was safe.\nT4\tQuote 5 30\tIlves said the bridge was\nT5\tClaim 37 60\tThe ministry denied it.\nR1\tContradicts Arg1:T3 Arg2:T5\nR2\tContradicts Arg1:T5 Arg2:T3\nR3\tSupports Arg1:T4 Arg2:T3\nR4\tSupports Arg1:T3 Arg2:T4\n'
accepted "brat: overlapping spans and relation cycles" "$B/overlap.txt"

# a million annotations on one text (100,000 different names)
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "Word%05d said the bridge is fine. ", i; printf "\n" }' >"$B/million.txt"
awk 'BEGIN { n = 0; for (i = 0; i < 1000000; i++) { w = i % 100000; s = w * 35; printf "T%d\tPerson %d %d\tWord%05d\n", i + 1, s, s + 9, w } }' >"$B/million.ann"
t0=$(date +%s)
timeout "$BUGLIVE" "$CONTRA" --db "$DB" add --format brat "$B/million.txt" >"$T/out" 2>"$T/err"; rc=$?
diag "a million brat annotations: $(( $(date +%s) - t0 )) s, status $rc: $(head -c 200 "$T/err")"
known_bug "the brat importer was quadratic in the number of annotations (rely-bugs #5)" \
    no_crash "brat: a million annotations"
if [ "$rc" = 0 ]; then
    id=$(sed -n 's/^added \([0-9]*\) .*/\1/p' "$T/out" | head -1)
    n=$(contra export "$id" | grep -o '\[[0-9]*, *[0-9]*\]' | wc -l)
    ok $([ "$n" -ge 100000 ]; echo $?) "  its mentions are all there ($n spans)"
else
    one_line "$(cat "$T/err")" "  refused in one line"
fi

is "$("$TESTS_BUILDDIR/rely/dbcheck" "$DB" 2>&1)" ok "integrity_check passes after all that"
done_testing
