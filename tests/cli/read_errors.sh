#!/bin/sh
# read_errors.sh: `contra read` of an article or a library that cannot be
# opened, on a terminal.  The reader sets the terminal up while it opens
# the library and reads the article (issue 5), so these check that a failed open still leaves the terminal
# as it was: one plain line on stderr, not a byte of escape sequences,
# the terminal's modes unchanged, exit status 1.  And that a good open
# after it still draws the article.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

PTYRUN=$TESTS_BUILDDIR/cli/ptyrun
if [ ! -x "$PTYRUN" ]; then
    skip "contra read on a terminal" "tests/cli/ptyrun not built"
    done_testing
fi
newdb
cat >"$T/a.json" <<'JSON'
{"contra": 1, "title": "Harbour report", "published": "2026-03-24",
 "text": "Minister Vereb said the embankment was sound.",
 "entities": [{"id": "E1", "name": "Vereb", "kind": "person", "mentions": [[9, 14]]}]}
JSON
run add "$T/a.json"
is "$rc" 0 "an article imported"
id=$(printf '%s\n' "$out" | sed -n 's/^added \([0-9]*\) .*/\1/p')

esc=$(printf '\033')
# fails_clean LABEL TERM DB ID MESSAGE: `contra read ID` of library DB on a
# pty, between two `stty -g`: no escape sequence reaches the terminal,
# MESSAGE is shown, the status is 1, and the modes are as they were.
fails_clean() {
    TERM=$2 "$PTYRUN" -c 80 -r 24 -K -o "$T/log" -- sh -c \
        'stty -g; "$1" --db "$2" read "$3"; echo "status $?"; stty -g' sh "$CONTRA" "$3" "$4" \
        >"$T/res" 2>&1
    log=$(tr -d '\r' <"$T/log")
    unlike "$log" "$esc" "$1: no escape sequence reaches the terminal"
    like "$log" "$5" "$1: ... the message is shown"
    like "$log" "status 1" "$1: ... exit status 1"
    before=$(printf '%s\n' "$log" | sed -n 1p)
    after=$(printf '%s\n' "$log" | tail -n 1)
    is "$after" "$before" "$1: ... the terminal's modes are as they were"
}
for term in xterm-256color vt100; do
    fails_clean "$term: no article" "$term" "$DB" 99999 "contra: no article 99999 in the library"
done

# A terminal that cannot move the cursor (TERM=dumb, as in Emacs' shell)
# is refused, as an unknown one is.
fails_clean "TERM=dumb" dumb "$DB" "$id" "cannot move the cursor"
# quoted as every other message quotes, not `contra show'
like "$(tr -d '\r\n' <"$T/log")" "or use 'contra show' and 'contra list'" "TERM=dumb: ... offering 'contra show' and 'contra list'"

# Without a terminal, the reader says so before it makes a library.
"$CONTRA" --db "$T/none.db" read </dev/null >"$T/out" 2>&1
is "$?" 1 "no terminal: exit status 1"
like "$(cat "$T/out")" "the reader needs a terminal" "... and why"
ok "$([ ! -e "$T/none.db" ]; echo $?)" "... and no library was made"
is "$(cat "$T/out")" "contra: the reader needs a terminal; neither input nor output is one (try 'contra list')" "... naming both, and what to use instead"
# only one of the two not a terminal: that one is named ('contra read 4 |
# head', 'echo | contra'), and 'contra show ID' offered for an article
"$PTYRUN" -c 120 -r 5 -K -O "$T/o" -S "$T/scr" -- "$CONTRA" --db "$DB" read "$id" >"$T/res" 2>&1
is "$(sed -n 1p "$T/scr")" "contra: the reader needs a terminal; standard output is not one (try 'contra show $id')" "read ID | head: standard output is named, show offered"
: >"$T/nothing"
"$PTYRUN" -c 120 -r 5 -i "$T/nothing" -S "$T/scr" -- "$CONTRA" --db "$DB" >"$T/res" 2>&1
is "$(sed -n 1p "$T/scr")" "contra: the reader needs a terminal; standard input is not one (try 'contra list')" "echo | contra: standard input is named, list offered"

# A library that cannot be opened: the terminal's setup began beside its
# open (issue 5) and is given up as unseen.
printf 'plain text, not a database\n' >"$T/notdb"
for i in 1 2 3 4 5 6 7; do cat "$T/notdb" "$T/notdb" >"$T/notdb2"; mv "$T/notdb2" "$T/notdb"; done
fails_clean "not a library" xterm-256color "$T/notdb" 1 "is not a contra library"
# An empty file given with --db is no library (a notes file named by
# mistake): the reader made one of it; now it says so and leaves it empty.
: >"$T/empty.db"
fails_clean "an empty file" xterm-256color "$T/empty.db" 1 "no library at $T/empty.db: the file is empty"
is "$(wc -c <"$T/empty.db")" 0 "an empty file: ... left empty"

# An SQLite database with nothing in it, the same: the reader made a
# library of it.
SQLEXEC=$TESTS_BUILDDIR/cli/sqlexec
if [ -x "$SQLEXEC" ]; then
    "$SQLEXEC" "$T/es.db" "CREATE TABLE t(x); DROP TABLE t"
    size=$(wc -c <"$T/es.db")
    fails_clean "an empty SQLite database" xterm-256color "$T/es.db" 1 "is not a contra library (an empty SQLite database"
    is "$(wc -c <"$T/es.db")" "$size" "an empty SQLite database: ... left as it was"
else
    skip "an empty SQLite database given to the reader" "tests/cli/sqlexec not built"
fi

# A busy library: another program holds its lock, and the open waits up
# to 5 s for it, while the reader's setup of the terminal has begun beside
# the wait.
SQLEXEC=$TESTS_BUILDDIR/cli/sqlexec
# hold MS: keep $T/busy.db locked that long, from when this returns
hold() {
    "$SQLEXEC" "$T/busy.db" "BEGIN EXCLUSIVE; DELETE FROM tags;" "$1" >"$T/held" &
    holder=$!
    i=0
    while [ "$(cat "$T/held")" != held ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
if [ -x "$SQLEXEC" ]; then
    cp "$DB" "$T/busy.db"
    "$SQLEXEC" "$T/busy.db" "PRAGMA journal_mode = DELETE;" >/dev/null
    # Waited out: the message is a whole line on the terminal as it was
    # (it once went out while the setup had turned off the terminal's
    # newline translation, and the prompt after it began mid-line).
    hold 7000
    TERM=xterm-256color "$PTYRUN" -c 80 -r 24 -K -o "$T/log" -- "$CONTRA" --db "$T/busy.db" read "$id" \
        >"$T/res" 2>&1
    wait $holder
    cr=$(printf '\r')
    ok "$(grep -q "is busy.*try again$cr\$" "$T/log"; echo $?)" \
        "a busy library: the message ends its line as the terminal's modes were"
    unlike "$(cat "$T/log")" "$esc" "... and no escape sequence reaches the terminal"
    # Ctrl-C during the wait: contra ends at once, of the signal, without
    # a byte of escape sequences and with the terminal's modes as they were.
    hold 4000
    TERM=xterm-256color "$PTYRUN" -c 80 -r 24 -K -d 800 -s ^C -o "$T/log" -- sh -c \
        'trap true INT; stty -g; "$1" --db "$2" read "$3"; echo "status $?"; stty -g' \
        sh "$CONTRA" "$T/busy.db" "$id" >"$T/res" 2>&1
    wait $holder
    log=$(tr -d '\r' <"$T/log")
    unlike "$log" "$esc" "Ctrl-C on a busy library: no escape sequence reaches the terminal"
    like "$log" "status 130" "... contra ended of the signal"
    before=$(printf '%s\n' "$log" | sed -n 1p)
    after=$(printf '%s\n' "$log" | tail -n 1)
    is "$after" "$before" "... the terminal's modes are as they were"
else
    skip "a busy library" "tests/cli/sqlexec not built"
fi

# An id that is not a number is refused before anything else.
"$PTYRUN" -c 80 -r 24 -K -o "$T/log" -- "$CONTRA" --db "$DB" read nonsense >"$T/res" 2>&1
log=$(tr -d '\r' <"$T/log")
unlike "$log" "$esc" "a bad id: no escape sequence"
like "$(cat "$T/res")" "status 2" "... the status of a usage error"

# And the good one opens: the article is drawn, q leaves.
"$PTYRUN" -c 80 -r 24 -K -k q -S "$T/screen" -o "$T/log" -- "$CONTRA" --db "$DB" read "$id" \
    >"$T/res" 2>&1
like "$(cat "$T/res")" "status 0" "the article opens and q leaves with status 0"
like "$(cat "$T/log")" "Minister" "... its text was drawn"
done_testing
