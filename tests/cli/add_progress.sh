#!/bin/sh
# add_progress.sh: what `contra add` shows on a terminal (issue 5), run
# on a pseudo-terminal by tests/cli/ptyrun:
# - one big JSON Lines file: the progress bar moves while it streams
#   (articles, MB/s, time left from its size; no time left for a pipe),
#   redrawn at most about ten times a second, erased at the end;
# - at 20, 30, 40 and 80 columns every line drawn fits, never wraps and
#   does not start with a space;
# - Ctrl-C, SIGINT and SIGTERM: the bar is erased, the files before are
#   committed and listed, the one being read is undone, one line says
#   what was and was not imported, contra dies of the signal (status
#   130 or 143; a shell script running it then stops too), and the
#   library passes SQLite's integrity check and the FTS5 one.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

PTYRUN=$TESTS_BUILDDIR/cli/ptyrun
DBCHECK=$TESTS_BUILDDIR/rely/dbcheck
SQLEXEC=$TESTS_BUILDDIR/cli/sqlexec
if [ ! -x "$PTYRUN" ] || [ ! -x "$DBCHECK" ] || [ ! -x "$SQLEXEC" ]; then
    skip "contra add on a terminal" "tests/cli/ptyrun, tests/rely/dbcheck or tests/cli/sqlexec not built"
    done_testing
fi

# N articles of about 1.4 KB, each with an entity and a claim.
gen() {
    awk -v first="$1" -v last="$2" 'BEGIN {
        for (i = first; i <= last; i++) {
            t = "Report " i " from the river. "
            body = ""
            for (k = 0; k < 16; k++)
                body = body "Minister Vereb said on day " i " that embankment " k " was sound. "
            printf("{\"contra\": 1, \"title\": \"Article %d\", \"text\": \"%s%s\", " \
                   "\"entities\": [{\"id\": \"E1\", \"name\": \"Vereb\", \"kind\": \"person\", " \
                   "\"mentions\": [[%d, %d]]}], \"claims\": [{\"id\": \"C1\", \"claimant\": \"E1\", " \
                   "\"span\": [%d, %d]}]}\n", i, t, body, length(t) + 9, length(t) + 14,
                   length(t), length(t) + 60)
        }
    }'
}
gen 1 6000 >"$T/big.jsonl"
gen 10001 10100 >"$T/small1.jsonl"
gen 10101 10200 >"$T/small2.jsonl"
gen 10201 10300 >"$T/small3.jsonl"
gen 20001 21500 >"$T/medium.jsonl"
printf '{"contra": 1, "title": "Before", "text": "Stored before the import."}\n' >"$T/before.json"

# pty ARGS... -- contra ARGS: run it; sets status, wraps, ms.
pty() {
    "$PTYRUN" -o "$T/log" -l "$T/lines" -S "$T/screen" "$@" >"$T/pty" 2>&1
    status=$(sed -n 's/^status //p' "$T/pty")
    wraps=$(sed -n 's/^wraps //p' "$T/pty")
    ms=$(sed -n 's/^ms //p' "$T/pty")
    ended=$(sed -n 's/^ended //p' "$T/pty")
    if grep -q -e timeout -e 'not signalled' "$T/pty"; then
        diag "$(cat "$T/pty")"
    fi
}

# lines_match REGEX NAME: every line drawn matches REGEX (and there is one).
lines_match() {
    if [ -s "$T/lines" ] && ! grep -Ev "$1" "$T/lines" >"$T/nonmatch"; then
        ok 0 "$2"
    else
        ok 1 "$2"
        diag "$(head -5 "$T/nonmatch" 2>/dev/null)"
    fi
}

# fits COLS NAME: no line drawn is wider than COLS - 1 or starts with a space.
fits() {
    _bad=$(awk -v c="$1" 'length($0) > c - 1 || /^ / { print }' "$T/lines" | head -3)
    is "$_bad" "" "$2"
}

# clean NAME: nothing of the bar is left on the screen, nor an echoed ^C.
clean() {
    if grep -q -e 'MB/s' -e '#]' -e '-]' -e '\^C' "$T/screen"; then
        ok 1 "$1"
        diag "$(cat "$T/screen")"
    else
        ok 0 "$1"
    fi
}

# library_ok NAME: integrity_check and the FTS5 index check pass.
library_ok() {
    _ic=$("$DBCHECK" "$DB" 2>&1)
    "$SQLEXEC" "$DB" "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')" 2>"$T/fts"
    _fts=$?
    if [ "$_ic" = ok ] && [ "$_fts" = 0 ]; then
        ok 0 "$1"
    else
        ok 1 "$1"
        diag "integrity_check: $_ic" "fts: $(cat "$T/fts")"
    fi
}

count() {
    "$CONTRA" --db "$DB" list | wc -l | tr -d ' '
}

# ---- one big file streams --------------------------------------------------
newdb
pty -c 80 -- "$CONTRA" --db "$DB" add "$T/big.jsonl"
is "$status" 0 "one big JSON Lines file on a terminal: exit 0"
lines_match '^\[[#-]+\] [0-9]+ articles?, [0-9]+\.[0-9] MB/s(, [0-9]+:[0-5][0-9] left)?$' \
    "every line drawn is [bar] N articles, X.X MB/s, M:SS left"
mid=$(awk '/ articles?,/ { n = $2 + 0 } n > 0 && n < 6000 { c++ } END { print c + 0 }' "$T/lines")
ok "$([ "$mid" -ge 1 ]; echo $?)" "the bar is drawn while the file streams ($mid lines before its end)"
grep ' left$' "$T/lines" >/dev/null
ok $? "with the time left, from the file's size"
back=$(awk '{ n = $2 + 0; if (n < last) b++; last = n } END { print b + 0 }' "$T/lines")
is "$back" 0 "the count of articles never goes back"
draws=$(wc -l <"$T/lines" | tr -d ' ')
ok "$([ "$draws" -le $((ms / 100 + 3)) ]; echo $?)" \
    "redrawn at most ten times a second ($draws lines in $ms ms)"
fits 80 "no line is wider than 79 columns"
clean "the bar is erased at the end"
is "$(grep -c '^added ' "$T/screen")" 6000 "every article's line is on the screen"

# ---- the same through a pipe -----------------------------------------------
newdb
pty -c 80 -i "$T/big.jsonl" -- "$CONTRA" --db "$DB" add -
is "$status" 0 "the same file through a pipe: exit 0"
lines_match '^[0-9]+ articles?, [0-9]+\.[0-9] MB/s$' \
    "a pipe has no size: no bar and no time left, the count and the rate"
is "$(count)" 6000 "and every article is stored"

# Standard input redirected from the file: its size is known.
newdb
pty -c 80 -O "$T/stdout" -- "$CONTRA" --db "$DB" add - <"$T/big.jsonl"
is "$status" 0 "the file as standard input: exit 0"
grep '^\[[#-]*\] [0-9]* articles, .* left$' "$T/lines" >/dev/null
ok $? "the bar and the time left come from its size"

# ---- narrow terminals --------------------------------------------------------
# The article lines go to a file: any wrap on the terminal is the bar's.
for cols in 20 30 40 80; do
    newdb
    pty -c "$cols" -O "$T/stdout" -- "$CONTRA" --db "$DB" add "$T/medium.jsonl"
    is "$status" 0 "$cols columns, one file: exit 0"
    fits "$cols" "$cols columns, one file: every line fits, none starts with a space"
    is "$wraps" 0 "$cols columns, one file: nothing wraps"
    clean "$cols columns, one file: the bar is erased"
    newdb
    pty -c "$cols" -O "$T/stdout" -- "$CONTRA" --db "$DB" add "$T/small1.jsonl" "$T/small2.jsonl" \
        "$T/medium.jsonl" "$T/small3.jsonl"
    is "$status" 0 "$cols columns, four files: exit 0"
    lines_match '^(\[[#-]+\] )?[0-9]+/4 files(, [0-9]+\.[0-9] MB/s(, [0-9]+:[0-5][0-9] left)?)?$' \
        "$cols columns, four files: every line is [bar] N/4 files, rate, time left"
    fits "$cols" "$cols columns, four files: every line fits, none starts with a space"
    is "$wraps" 0 "$cols columns, four files: nothing wraps"
    clean "$cols columns, four files: the bar is erased"
done

# Every width between: the parts left out change as the line grows.
bad=
for cols in 21 22 23 24 25 26 27 28 29 31 32 33 34 35 36 37 38 39; do
    newdb
    pty -c "$cols" -O "$T/stdout" -- "$CONTRA" --db "$DB" add "$T/medium.jsonl"
    _over=$(awk -v c="$cols" 'length($0) > c - 1 || /^ / { print }' "$T/lines" | head -1)
    [ "$status" = 0 ] && [ "$wraps" = 0 ] && [ -z "$_over" ] || bad="$bad $cols:$status:$wraps:$_over"
done
is "$bad" "" "21 to 39 columns: every line fits and none starts with a space"

# ---- stopped -----------------------------------------------------------------
# Ctrl-C typed on the terminal while one big file streams.
newdb
run add "$T/before.json"
pty -c 80 -t ' articles' -s '^C' -- "$CONTRA" --db "$DB" add "$T/big.jsonl"
is "$status" 130 "Ctrl-C while a big file streams: status 130"
is "$ended" signal "and it dies of the signal, so that a shell script running it stops too"
clean "the bar and the echoed ^C are erased"
like "$(tr -d '\r' <"$T/log")" "contra: interrupted: nothing was imported; not imported: $T/big.jsonl, stopped while it was read (each file is imported whole or not at all)" \
    "one line says nothing was imported, and which file was not"
is "$(count)" 1 "the file is undone, the article stored before is kept"
library_ok "the library passes integrity_check and the FTS5 check"

# Ctrl-C at widths where the bar fills the line: the terminal echoes
# "^C" after it, and when that ran past the right margin the bar was
# left on the line above, out of reach of the erase (at 50 columns,
# "[#####----------] 0/2 files, 49.1 MB/s, 0:00 left^" stayed).
left=
for cols in 30 50 60 79; do
    newdb
    pty -c "$cols" -O "$T/stdout" -t 'files' -s '^C' -- "$CONTRA" --db "$DB" add "$T/big.jsonl" \
        "$T/before.json"
    [ "$status" = 130 ] && ! grep -q -e 'MB/s' -e '#]' -e '-]' -e '\^' "$T/screen" ||
        left="$left $cols:$status:$(head -1 "$T/screen")"
done
is "$left" "" "Ctrl-C at 30, 50, 60 and 79 columns: the echoed ^C does not wrap, the bar is erased"

# SIGTERM while the third of four files streams: the first two are kept.
newdb
run add "$T/before.json"
pty -c 80 -t '2/4 files' -s TERM -- "$CONTRA" --db "$DB" add "$T/small1.jsonl" \
    "$T/small2.jsonl" "$T/big.jsonl" "$T/small3.jsonl"
is "$status" 143 "SIGTERM while the third of four files streams: status 143"
is "$ended" signal "and it dies of SIGTERM"
clean "the bar is erased"
like "$(tr -d '\r' <"$T/log")" "contra: terminated: 2 files (200 articles) imported before it; 2 of 4 files not imported: " \
    "one line says what was imported before it and what was not"
like "$(tr -d '\r' <"$T/log")" "$T/big.jsonl" "  and names the first file not imported"
is "$(grep -c '^added ' "$T/screen")" 200 "the articles of the first two files are listed"
is "$(count)" 201 "and stored; the file being read is undone"
library_ok "the library passes integrity_check and the FTS5 check"

# The same with standard output full: said, and still the signal's end.
newdb
pty -c 80 -O /dev/full -t '2/4 files' -s TERM -- "$CONTRA" --db "$DB" add "$T/small1.jsonl" \
    "$T/small2.jsonl" "$T/big.jsonl" "$T/small3.jsonl"
is "$status/$ended" 143/signal "SIGTERM with standard output full: it dies of SIGTERM"
like "$(tr -d '\r' <"$T/log")" "contra: cannot write to standard output: " \
    "after saying that standard output could not be written"
is "$(count)" 200 "the first two files are stored all the same"

# A named pipe among several files, with no writer: opening it waits,
# and SIGTERM still stops the import (a reader thread, which leaves the
# signals to the main one, waited on it for ever).
newdb
mkfifo "$T/fifo.txt"
pty -c 80 -T 20 -t 'added ' -s TERM -- "$CONTRA" --db "$DB" add "$T/small1.jsonl" "$T/fifo.txt"
is "$status/$ended" 143/signal "SIGTERM while a named pipe has no writer: it dies of SIGTERM"
# (stopped while it was opened, or before: the signal comes as the first
# file's line shows, and either is so)
like "$(tr -d '\r' <"$T/log")" "contra: terminated: 1 file (100 articles) imported before it; 1 of 2 files not imported: " \
    "the files before it are imported, the pipe is not"
like "$(tr -d '\r' <"$T/log")" "$T/fifo.txt" "  and the pipe is named"
rm -f "$T/fifo.txt"

# Ctrl-C typed while `cat FILE | contra add -` reads plain text: the
# writer dies of it too, and what contra had not read yet is lost.  The
# article must not be stored cut short (it was, and reported as
# imported): nothing is stored, or the whole of it when the read was
# over.  The delays put the interrupt in the middle of the read.
yes 'Minister Vereb said on Monday that the embankment was sound.' | head -c 64000000 \
    >"$T/long.txt"
REF=$T/ref.db
"$CONTRA" --db "$REF" add --no-annotate - <"$T/long.txt" >/dev/null
cut=
for d in 10 30 60 100; do
    newdb
    pty -c 80 -d "$d" -s '^C' -- sh -c 'cat "$3" | "$1" --db "$2" add --no-annotate - >/dev/null' \
        sh "$CONTRA" "$DB" "$T/long.txt"
    # ptyrun returns once the shell has died of the signal and the
    # terminal is quiet, which on a loaded machine can be while contra is
    # still making the new library: no articles table yet, so nothing
    # stored, which is right (it failed the check below, as "cut short").
    "$SQLEXEC" "$DB" "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM sqlite_master
        WHERE name = 'articles') THEN json('no library yet') END" 2>/dev/null || continue
    "$SQLEXEC" "$DB" "ATTACH '$REF' AS r; SELECT CASE WHEN EXISTS (SELECT 1 FROM main.articles
        WHERE length(text) <> (SELECT length(text) FROM r.articles)) THEN json('cut short') END" \
        2>/dev/null || cut="$cut $d"
done
is "$cut" "" "Ctrl-C while a pipe of plain text is read: no article stored cut short"
rm -f "$T/long.txt" "$REF"

# SIGINT while standard input, a pipe, has sent part of a file and waits:
# the bar shows the articles read so far, so the pipe is read as it comes.
# The signal comes a second after the bar first shows, time for the
# 400,000 bytes (some 280 articles) to be read even under a sanitizer: at
# once, a slow build had counted 81 of them, and the check failed.
newdb
run add "$T/before.json"
pty -c 80 -t ' articles' -d 1000 -s INT -i "$T/big.jsonl" -p 400000 -- "$CONTRA" --db "$DB" add -
is "$status" 130 "SIGINT while a pipe waits: status 130"
is "$ended" signal "and it dies of SIGINT"
n=$(awk '{ n = $1 + 0 } END { print n + 0 }' "$T/lines")
ok "$([ "$n" -ge 100 ]; echo $?)" "before its end, the bar counted the articles the pipe sent ($n)"
clean "the bar is erased"
like "$(tr -d '\r' <"$T/log")" "contra: interrupted: nothing was imported; not imported: <stdin>" \
    "one line says standard input was not imported"
is "$(count)" 1 "nothing of standard input is stored"
library_ok "the library passes integrity_check and the FTS5 check"

# contra add - reading the terminal itself, a person typing: no bar drawn
# over what they type.
newdb
pty -c 80 -k '{"contra": 1, "title": "Typed", "text": "Typed by hand."}\n' -d 800 -s TERM \
    -- "$CONTRA" --db "$DB" add -
is "$status" 143 "contra add - on the terminal, stopped by SIGTERM: status 143"
ok "$([ ! -s "$T/lines" ]; echo $?)" "no bar is drawn while a person types its input"

done_testing
