#!/bin/sh
# list_width.sh: `contra list` on a terminal fits each article on one line
# at any width its columns can fit in: the title is cut with an ellipsis,
# and on a narrow terminal the source column gives up cells first (down
# to 4, the title keeping 8).  A user trial saw every article take three
# rows at 50 columns: titles were only cut when 8 cells were left for them.
# A search that matches nothing exits 1, and says so on a terminal.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

PTYRUN=$TESTS_BUILDDIR/cli/ptyrun
if [ ! -x "$PTYRUN" ]; then
    skip "contra list on a terminal" "tests/cli/ptyrun not built"
    done_testing
fi

newdb
i=1
for src in "Evening Standard of Kessel" "Harbour Ledger" "Wire"; do
    printf '{"contra": 1, "title": "A title long enough to be cut on any terminal narrower than a hundred and twenty columns, number %d", "source": "%s", "published": "2024-03-0%d", "text": "Text %d."}\n' \
        "$i" "$src" "$i" "$i" >>"$T/a.jsonl"
    i=$((i + 1))
done
run add "$T/a.jsonl"
is "$rc" 0 "three articles imported"

# Below 43 columns every line was 42 wide and wrapped, a lone ellipsis on
# the next row: the source column goes, then the date, and at the last
# the line is cut at the terminal's edge.
for cols in 120 80 60 50 46 42 40 35 30 22 12; do
    "$PTYRUN" -c "$cols" -r 40 -S "$T/screen" -- "$CONTRA" --db "$DB" list >"$T/pty" 2>&1
    rows=$(grep -c '^ [123] ' "$T/screen")
    lines=$(grep -c . "$T/screen")
    is "$lines/$rows" "3/3" "$cols columns: one line per article, none wrapped"
    like "$(cat "$T/screen")" "…" "  the titles are cut with an ellipsis"
done
"$PTYRUN" -c 40 -r 40 -S "$T/screen" -- "$CONTRA" --db "$DB" list >"$T/pty" 2>&1
is "$(sed -n 1p "$T/screen")" " 3  2024-03-03  0! 0+ 0?  A title long…" "40 columns: no source, the date kept"
"$PTYRUN" -c 30 -r 40 -S "$T/screen" -- "$CONTRA" --db "$DB" list >"$T/pty" 2>&1
is "$(sed -n 1p "$T/screen")" " 3  0! 0+ 0?  A title long e…" "30 columns: the id, the counts and the title"
# Under LANG=C the ellipsis is three dots, and the lines still fit.
for cols in 50 30; do
    LANG=C LC_ALL=C "$PTYRUN" -c $cols -r 40 -S "$T/screen" -- "$CONTRA" --db "$DB" list >"$T/pty" 2>&1
    is "$(grep -c . "$T/screen")" 3 "LANG=C, $cols columns: one line per article"
    like "$(cat "$T/screen")" "..." "  cut with three dots"
done

# No article matches the words: exit 1 as grep does, nothing on stdout
# (an empty array with --json), and a note only for a person at a
# terminal (it printed nothing and exited 0, as if it had done nothing).
run list nosuchword
is "$rc/$out/$err" "1//" "list WORD that matches nothing, into a pipe: exit 1, nothing said"
run list --json nosuchword
is "$rc/$out" "1/[]" "  with --json: an empty array, exit 1"
run list title
is "$rc" 0 "list WORD that matches: exit 0"
"$PTYRUN" -c 80 -r 10 -S "$T/screen" -- "$CONTRA" --db "$DB" list nosuchword >"$T/pty" 2>&1
is "$(sed -n 's/^status //p' "$T/pty")" 1 "list WORD that matches nothing, on a terminal: exit 1"
is "$(grep . "$T/screen")" "contra: no article matches 'nosuchword'" "  and one line says so"
"$PTYRUN" -c 200 -r 10 -S "$T/screen" -- "$CONTRA" --db "$DB" list tit >"$T/pty" 2>&1
is "$(grep . "$T/screen")" "contra: no article matches 'tit' (a word of fewer than four letters is matched whole, not as the start of longer ones)" \
    "  a short word that matches nothing: says short words are matched whole"

done_testing
