#!/bin/sh
# concurrency.sh: several people on one library at once (issue 6).  Six
# taggers (`contra tag`), two importers (`contra add`) and two readers
# (`contra list`, `contra export`) run together on one library; no command
# may fail or say "locked" or "busy", no write may be lost: every tag is in
# the history with its note, every imported article is there, and the
# library passes the integrity check.  A second round runs 8 taggers
# against one single claim, the worst case for write contention.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"
DBCHECK=$TESTS_BUILDDIR/rely/dbcheck
TAGGERS=6 TAGS=40 IMPORTERS=2 IMPORTS=8

newdb
run add "$CONTRA_DATADIR/samples/library.json"
is "$rc" 0 "the sample library is imported"
ids=$(contra export | tr -d ' \n' | grep -o '"id":"[QC][0-9]*"' | sed 's/.*"\([QC][0-9]*\)"/\1/')
nids=$(printf '%s\n' $ids | wc -l)
ok $([ "$nids" -ge 8 ]; echo $?) "the library has quotes and claims to tag ($nids)"
articles0=$(contra list --json | grep -c '"id":')
hist0=$("$DBCHECK" "$DB" "SELECT count(*) FROM tags")

mkdir -p "$T/logs" "$T/in"
# Each importer writes its own, different articles (no duplicates).
i=1
while [ $i -le $IMPORTERS ]; do
    k=1
    while [ $k -le $IMPORTS ]; do
        printf 'Title: Import %d.%d\n\nThe harbour board of town %d said on day %d that the pier was safe. "It is safe," said Mara Ilves, its chair.\n' \
            $i $k $i $k >"$T/in/a$i-$k.txt"
        k=$((k + 1))
    done
    i=$((i + 1))
done

tagger() {  # tagger N: TAGS tags over all ids, each with its own note
    _k=1
    for _id in $ids $ids $ids $ids; do
        [ $_k -le $TAGS ] || break
        case $(( (_k + $1) % 3 )) in
            0) _st=disputed ;; 1) _st=corroborated ;; *) _st=unreviewed ;;
        esac
        "$CONTRA" --db "$DB" tag --note "w$1-$_k" "$_id" "$_st" >/dev/null 2>>"$T/logs/err"
        echo "$? tag $_id $_st w$1-$_k" >>"$T/logs/t$1"
        _k=$((_k + 1))
    done
}
importer() {  # importer N: IMPORTS files, one command each
    _k=1
    while [ $_k -le $IMPORTS ]; do
        "$CONTRA" --db "$DB" add "$T/in/a$1-$_k.txt" >/dev/null 2>>"$T/logs/err"
        echo "$? add a$1-$_k" >>"$T/logs/i$1"
        _k=$((_k + 1))
    done
}
reader() {  # reader N: list and export while the others write
    _k=1
    while [ $_k -le 10 ]; do
        "$CONTRA" --db "$DB" list >/dev/null 2>>"$T/logs/err"
        echo "$? list" >>"$T/logs/r$1"
        "$CONTRA" --db "$DB" export >/dev/null 2>>"$T/logs/err"
        echo "$? export" >>"$T/logs/r$1"
        _k=$((_k + 1))
    done
}

start=$(date +%s)
n=1; while [ $n -le $TAGGERS ]; do tagger $n & n=$((n + 1)); done
n=1; while [ $n -le $IMPORTERS ]; do importer $n & n=$((n + 1)); done
reader 1 &
reader 2 &
wait
diag "$TAGGERS taggers, $IMPORTERS importers, 2 readers: $(( $(date +%s) - start )) s"

failed=$(cat "$T"/logs/t* "$T"/logs/i* "$T"/logs/r* | grep -vc '^0 ')
is "$failed" 0 "no command failed"
[ "$failed" = 0 ] || cat "$T"/logs/t* "$T"/logs/i* "$T"/logs/r* | grep -v '^0 ' | head -5 | sed 's/^/#   /'
errs=$(cat "$T/logs/err")
is "$errs" "" "nothing on stderr"
unlike "$errs" "locked" "no 'database is locked'"
unlike "$errs" "busy" "no 'busy'"

want=$((TAGGERS * TAGS))
hist=$("$DBCHECK" "$DB" "SELECT count(*) FROM tags")
is "$hist" $((hist0 + want)) "the history holds every tag ($want new rows)"
notes=$("$DBCHECK" "$DB" "SELECT count(DISTINCT note) FROM tags WHERE note GLOB 'w*-*'")
is "$notes" "$want" "each tag's note is in the history"
articles=$(contra list --json | grep -c '"id":')
is "$articles" $((articles0 + IMPORTERS * IMPORTS)) "every imported article is in the library"
# The current status of each assertion is its latest history row.
mism=$("$DBCHECK" "$DB" "SELECT count(*) FROM assertions a WHERE a.status IS NOT
    (SELECT t.status FROM tags t WHERE t.assertion = a.id ORDER BY t.id DESC LIMIT 1)
    AND EXISTS (SELECT 1 FROM tags t WHERE t.assertion = a.id)" 2>&1)
case $mism in
    0) ok 0 "every current status is the latest tag in the history" ;;
    *no\ such\ column*) skip "every current status is the latest tag in the history" "schema keeps status elsewhere" ;;
    *) ok 1 "every current status is the latest tag in the history"; diag "$mism" ;;
esac
out=$("$DBCHECK" "$DB" 2>&1)
is "$out" ok "integrity_check passes"

# Worst case: eight taggers on one claim at once.
one=$(printf '%s\n' $ids | head -1)
: >"$T/logs/err"
hist0=$("$DBCHECK" "$DB" "SELECT count(*) FROM tags")
n=1
while [ $n -le 8 ]; do
    (
        k=1
        while [ $k -le 10 ]; do
            "$CONTRA" --db "$DB" tag --note "one$n-$k" "$one" disputed >/dev/null 2>>"$T/logs/err"
            echo "$?" >>"$T/logs/one$n"
            k=$((k + 1))
        done
    ) &
    n=$((n + 1))
done
wait
failed=$(cat "$T"/logs/one* | grep -vc '^0$')
is "$failed" 0 "8 taggers on one claim: no command failed"
is "$(cat "$T/logs/err")" "" "8 taggers on one claim: nothing on stderr"
hist=$("$DBCHECK" "$DB" "SELECT count(*) FROM tags")
is "$hist" $((hist0 + 80)) "8 taggers on one claim: all 80 tags in the history"
out=$("$DBCHECK" "$DB" 2>&1)
is "$out" ok "integrity_check passes"

done_testing
