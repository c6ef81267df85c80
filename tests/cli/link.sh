#!/bin/sh
# link.sh: `contra link` saves a person's link or confirms the annotator's;
# `contra unlink` removes links, and re-annotation does not bring them back.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"
newdb

cat >"$T/bridge.txt" <<'TXT'
Title: Bridge dispute
Source: Test Wire

Mayor Anna Kowal said on Monday: "The bridge is safe."

Engineer Piotr Nowak said the bridge is not safe and must close.

Kowal said the budget grew by 5 percent. Nowak said the budget fell.
TXT
run add "$T/bridge.txt"
is "$rc" 0 "an article with a quote and three claims"
run show 1
like "$out" "claim by Piotr Nowak; contradicts Q1 (auto)" "the annotator links C2 to Q1"

run link C3 contradicts C4
is "$rc" 0 "link C3 contradicts C4"
is "$out" "C3 contradicts C4 (saved)" "  says it is saved"
run show 1
like "$out" "claim by Anna Kowal; contradicts C4" "  contra show has it"
unlike "$out" "contradicts C4 (auto)" "  as a person's link, not the annotator's"
run link C4 contradicts C3
is "$out" "C3 contradicts C4 already" "contradiction goes both ways: no second link the other way"
run link Q1 supports C3
is "$out" "Q1 supports C3 (saved)" "a link of the other type"

run link C2 contradicts Q1
is "$out" "C2 contradicts Q1: the annotator's link, now confirmed" "linking the annotator's link confirms it"
run show 1
unlike "$out" "contradicts Q1 (auto)" "  it is no longer marked auto"

run unlink C2 Q1
is "$rc" 0 "unlink C2 Q1"
is "$out" "removed: C2 contradicts Q1" "  says what it removed"
run unlink C2 Q1
is "$rc" 1 "unlink again exits 1"
is "$err" "contra: no link between C2 and Q1" "  saying there is no link"

run annotate 1
is "$rc" 0 "re-annotate the article"
like "$out" "1 relation found; 1 left out, as removed by a person)" "  saying the link it found again is left out"
run show 1
unlike "$out" "contradicts Q1" "  the removed link does not come back"
like "$out" "claim by Anna Kowal; contradicts C4" "  the person's link stays"

run link C2 contradicts Q1
is "$out" "C2 contradicts Q1 (saved)" "a person may link it again after all"
run annotate 1
run show 1
like "$out" "claim by Piotr Nowak; contradicts Q1" "  and re-annotation keeps it"

run unlink Q1 C3
is "$out" "removed: Q1 supports C3" "unlink names the link either way round"

# A removed link stays removed when a newer annotator cuts its claim
# otherwise (here: word lists that no longer know Piotr as a name): the
# claim with the removal stays, and no fresh claim brings the link back.
{ cat "$T/bridge.txt"; printf '\nThe council meets on Friday.\n'; } >"$T/bridge2.txt"
run add "$T/bridge2.txt"
id2=$(printf '%s\n' "$out" | sed -n 's/^added \([0-9]*\) .*/\1/p')
run show "$id2"
q=$(printf '%s\n' "$out" | sed -n 's/^  \(Q[0-9]*\) .*contradicted by \(C[0-9]*\) (auto).*/\1/p')
c=$(printf '%s\n' "$out" | sed -n 's/^  \(Q[0-9]*\) .*contradicted by \(C[0-9]*\) (auto).*/\2/p')
test -n "$q" && test -n "$c"
ok $? "a second article, where $c contradicts $q (auto)"
run unlink "$q" "$c"
is "$rc" 0 "  unlink them"
mkdir -p "$T/lexB"
cp -R "$CONTRA_DATADIR/lexicon" "$T/lexB/"
sed -i '/^[Pp]iotr$/d; /^[Ee]ngineer$/d' "$T/lexB/lexicon/given_names.txt" "$T/lexB/lexicon/titles.txt"
keep=$CONTRA_DATADIR
CONTRA_DATADIR=$T/lexB
export CONTRA_DATADIR
run annotate "$id2"
CONTRA_DATADIR=$keep
is "$rc" 0 "  re-annotate it with word lists that cut Nowak's claim otherwise"
run show "$id2"
unlike "$out" "contradicts $q" "  the removed link does not come back between new ids"

# A person's contradiction the other way round of the annotator's: the
# annotator does not add its own beside it, which showed the pair as
# linked twice ("contradicts C2; contradicted by C2 (auto)").
run unlink C2 Q1
run link Q1 contradicts C2
is "$out" "Q1 contradicts C2 (saved)" "a person links Q1 contradicts C2, the annotator's the other way round"
run annotate 1
is "$rc" 0 "  re-annotate the article"
unlike "$out" "left out" "  the annotator's C2 contradicts Q1 is the person's link, not a removed one"
run show 1
like "$out" "contradicts C2" "  contra show has the person's link"
unlike "$out" "contradicted by C2 (auto)" "  and no second link the other way"
unlike "$out" "contradicts Q1 (auto)" "  from either end"

# errors
run link C1 supports C3
is "$rc" 1 "a wrong letter is an error"
is "$err" "contra: no claim C1 in the library (1 is a quote: Q1)" "  naming what 1 is"
run link C99 supports C3
is "$rc" 1 "a missing claim is an error"
is "$err" "contra: no claim or quote C99 in the library" "  saying so"
run link C3 refutes C4
is "$rc" 2 "an unknown link type is a usage error"
like "$err" "unknown link 'refutes' (contradicts or supports)" "  naming the two there are"
run link C3 C4
is "$rc" 2 "a missing link type is a usage error"
is "$err" "contra: link: want a claim, contradicts or supports, and another claim (see 'contra link --help')" \
    "  saying what link wants"
# Too few operands under an empty environment, where what follows argv's
# end is not the environment: the message is the same (the handlers read
# argv past its end to format a message they did not print).
env -i "$CONTRA" --db "$DB" link C3 >"$T/out" 2>"$T/err"
is "$?/$(cat "$T/err")" "2/contra: link: want a claim, contradicts or supports, and another claim (see 'contra link --help')" \
    "link with one operand, env -i: the usage message"
env -i "$CONTRA" --db "$DB" unlink C3 >"$T/out" 2>"$T/err"
is "$?/$(cat "$T/err")" "2/contra: unlink: want two claims (see 'contra unlink --help')" \
    "unlink with one operand, env -i: the usage message"
run link C3 contradicts C4 extra
is "$rc" 2 "an extra argument is a usage error"
like "$err" "unexpected argument 'extra'" "  naming it"
run link C3 supports C3
is "$rc" 1 "a claim cannot support itself"
is "$err" "contra: a quote or claim cannot support itself" "  saying so"
run unlink C3 C3
is "$rc" 1 "unlink of a claim and itself is an error"
is "$err" "contra: a quote or claim has no link with itself" "  saying so"
run link Q1 supports C4
run link Q1 contradicts C4
is "$out" "Q1 contradicts C4 (saved); note: they are linked as supporting too (contra unlink removes both)" \
    "a link of the other kind beside one is saved, and said"
run unlink Q1 C4
run unlink C3
is "$rc" 2 "unlink wants two claims"
run unlink x C3
is "$rc" 2 "unlink of something that is no id is a usage error"

chmod a-w "$DB" "$(dirname "$DB")"
if [ "$(id -u)" != 0 ]; then
    run link C4 supports C3
    is "$rc" 1 "a read-only library refuses a link"
    like "$err" "read-only" "  saying it is read-only"
fi
chmod u+w "$DB" "$(dirname "$DB")"

done_testing
