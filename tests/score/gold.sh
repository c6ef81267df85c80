#!/bin/sh
# gold.sh: the annotator scored against the gold set (tests/gold) must
# not fall below the floors in tests/score/floors.txt.  TAP, one test per
# floor, printed by contra-score along with the per-file figures.
score="$TESTS_BUILDDIR/score/contra-score"
if [ ! -x "$score" ]; then
    echo "1..0 # SKIP contra-score not built"
    exit 0
fi
exec "$score" --floor "$TESTS_SRCDIR/score/floors.txt" \
    --lexicon "$CONTRA_DATADIR/lexicon" "$TESTS_SRCDIR"/gold/*.json
