#!/bin/sh
# basics.sh: the command line itself: --help, --version, help COMMAND,
# COMMAND --help, exit status 2 for usage errors, 1 for a missing library.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"
newdb

run --version
is "$rc" 0 "--version exits 0"
like "$out" "contra " "--version names contra"
one_line "$out" "--version prints one line"

run --help
is "$rc" 0 "--help exits 0"
like "$out" "usage: contra" "--help shows usage"
for c in read add list show export tag rm annotate help; do
    like "$out" "  $c " "--help lists '$c'"
done
is "$err" "" "--help writes nothing on stderr"

run -h
is "$rc" 0 "-h exits 0"
like "$out" "usage: contra" "-h shows usage"

for c in add list show export tag rm annotate read; do
    run help "$c"
    is "$rc" 0 "help $c exits 0"
    like "$out" "usage: contra $c" "help $c shows its usage"
    help_out=$out
    run "$c" --help
    is "$rc" 0 "$c --help exits 0"
    is "$out" "$help_out" "$c --help is the same as help $c"
done
run help add
like "$out" "--keep-going" "help add lists --keep-going"
like "$out" "--db PATH" "help add lists --db"

# the man page documents every command and every option --help shows
MAN=$TESTS_SRCDIR/../man/contra.1
if [ -f "$MAN" ]; then
    sed 's/\\-/-/g; s/\\f[BIRP]//g' "$MAN" >"$T/man.txt"
    for c in read add list show export tag rm annotate help; do
        grep -q "^\.SS \"contra $c" "$T/man.txt"
        ok $? "man page has a section for 'contra $c'"
        "$CONTRA" help "$c" | grep -o -- '--[a-z][a-z-]*' | sort -u | while read -r o; do
            grep -q -- "$o" "$T/man.txt" || echo "$o"
        done >"$T/missing"
        is "$(cat "$T/missing")" "" "man page documents every option of 'contra $c'"
    done
    for v in CONTRA_DB XDG_DATA_HOME NO_COLOR LANG TERM; do
        grep -q "^\.[BI]R* *$v" "$T/man.txt"
        ok $? "man page documents $v"
    done
    # the reader's keys: the man page section is generated from the table
    # that also makes the ? help screen
    sed -n '/==== BEGIN KEYS/,/==== END KEYS/p' "$MAN" | grep -v '^\.\\"' >"$T/man-keys"
    "$CONTRA" --keys-man | grep -v '^\.\\"' >"$T/keys"
    ok $([ -s "$T/keys" ]; echo $?) "contra --keys-man prints the key table"
    same_file "$T/keys" "$T/man-keys" "the man page lists the reader's keys as the reader does (regenerate: see man/contra.1)"
    # Rendered as man does under LANG=C, as ASCII: no warning, and the
    # claim markers as contra show writes them there (groff warned
    # "can't find special character 'u27E6'" and left them out).
    if command -v nroff >/dev/null 2>&1 && nroff -v 2>/dev/null | grep -q GNU; then
        for dev in ascii utf8; do
            LC_ALL=C nroff -man -T$dev "$MAN" 2>"$T/man.err" >"$T/man.out"
            is "$(cat "$T/man.err")" "" "the man page renders as $dev without warnings"
        done
        LC_ALL=C nroff -man -Tascii "$MAN" 2>/dev/null | sed 's/.\x08//g' >"$T/man.out"
        like "$(cat "$T/man.out")" "[|...|]{C5 Claimant" "  as ASCII, a claim is marked [|...|]"
    else
        skip "the man page as ASCII" "no GNU nroff"
    fi
else
    skip "man page" "man/contra.1 not found"
fi

# The synopses offer only what annotate takes: --all alone or IDs, and
# --dry-run with files or ids.  The README's "annotate [--dry-run] [--all]
# ID...|FILE" offered what is refused ("--all takes no ID and no
# --dry-run"), and its `man contra` found no entry before an install.
README=$TESTS_SRCDIR/../README
run annotate --all 1
is "$rc/$err" "2/contra: annotate: --all takes no ID and no --dry-run (see 'contra annotate --help')" \
    "annotate --all ID is refused"
if [ -f "$README" ]; then
    { grep 'contra annotate' "$README"; "$CONTRA" help annotate; sed 's/\\-/-/g' "$MAN"; } \
        | grep -e 'annotate.*\[--all\] *\[\?ID' -e 'annotate.*--dry-run.*--all' -e 'annotate.*--all.*--dry-run' \
        >"$T/bad"
    is "$(cat "$T/bad")" "" "README, help and man page: no annotate synopsis puts --all with IDs or --dry-run"
    like "$(cat "$README")" "man -l man/contra.1" "the README says how to read the manual before it is installed"
else
    skip "README synopses" "README not found"
fi

# usage errors: exit 2, one line on stderr, nothing on stdout
run frobnicate
is "$rc" 2 "unknown command exits 2"
is "$err" "contra: unknown command 'frobnicate' (see 'contra --help')" "unknown command message"
is "$out" "" "unknown command prints nothing on stdout"

run --frob
is "$rc" 2 "unknown global option exits 2"
like "$err" "contra: unknown option '--frob'" "unknown global option message"

run list --frob
is "$rc" 2 "unknown command option exits 2"
is "$err" "contra: list: unknown option '--frob' (see 'contra list --help')" "unknown command option message"

run list -z
is "$rc" 2 "unknown short option exits 2"
like "$err" "unknown option '-z'" "unknown short option message"

run tag --note
is "$rc" 2 "option without its value exits 2"
like "$err" "option '--note' needs a value" "missing value message"

run help frobnicate
is "$rc" 2 "help on an unknown command exits 2"
like "$err" "unknown command 'frobnicate'" "help on an unknown command says so"

run add
is "$rc" 2 "add with no file exits 2"
run show
is "$rc" 2 "show with no id exits 2"
run show abc
is "$rc" 2 "show with a bad id exits 2"
like "$err" "'abc' is not an article id" "show with a bad id says so"
run tag C1
is "$rc" 2 "tag without a status exits 2"
like "$err" "no status given (disputed, corroborated or unreviewed)" "tag without a status says so"
run tag disputed
is "$rc" 2 "tag without a claim exits 2"
like "$err" "no claim id given before 'disputed'" "tag without a claim says so"
# too many operands: which one, and for an unquoted note, what to do
run tag C4 disputed extra
is "$rc" 2 "tag with an operand too many exits 2"
is "$err" "contra: tag: unexpected argument 'extra'; a note goes after --note: --note \"...\" (see 'contra tag --help')" "tag names the operand too many"
run tag C4 disputed --note the audit figures say otherwise
is "$rc" 2 "tag with an unquoted note exits 2"
is "$err" "contra: tag: unexpected argument 'audit'; quote a note of several words: --note \"...\" (see 'contra tag --help')" "tag says to quote the note"
run tag --note the audit C4 disputed
like "$err" "unexpected argument 'audit'; quote a note" "... wherever the note stands"
# a note without --note after the claim and status: how to give one
run tag C7 disputed "the audit figures say otherwise"
is "$err" "contra: tag: unexpected argument 'the audit figures say otherwise'; a note goes after --note: --note \"...\" (see 'contra tag --help')" \
    "tag C7 disputed \"a note\": says a note goes after --note"
run tag C7 C8 disputed
is "$err" "contra: tag: unexpected argument 'C8' (see 'contra tag --help')" "  but not for a second claim"
# link and unlink: an operand that is no claim id is a usage error said
# as the others are (it lacked the "link: " and the pointer to --help)
run link C18 contradicts E1
is "$rc/$err" "2/contra: link: 'E1' is not a claim or quote id (like C12 or Q7) (see 'contra link --help')" \
    "link C18 contradicts E1: a usage error naming the command and its help"
run unlink E1 C18
is "$rc/$err" "2/contra: unlink: 'E1' is not a claim or quote id (like C12 or Q7) (see 'contra unlink --help')" \
    "unlink E1 C18: the same"
# add: a second --title (or --source, --url, --date) is refused, not
# kept in place of the first without a word
run add --title One --title Two x.txt
is "$rc/$err" "2/contra: add: --title given twice ('One' and 'Two'); give it once (see 'contra add --help')" \
    "add --title twice: refused, naming both"
run add --source A --url u --source=B x.txt
like "$rc/$err" "2/contra: add: --source given twice ('A' and 'B')" "  --source too"
run add --date 2024-01-01 --date 2024-01-02 x.txt
like "$rc/$err" "2/contra: add: --date given twice" "  and --date"
run tag C1 maybe
is "$rc" 2 "tag with an unknown status exits 2"
like "$err" "unknown status 'maybe'" "tag names the bad status"
run export --format xml
is "$rc" 2 "export --format xml exits 2"
run add --date yesterday x.txt
is "$rc" 2 "add --date in the wrong form exits 2"
run add --date 2026-02-31 x.txt
is "$rc" 2 "add --date that is no real day exits 2"
like "$err" "--date wants a real date as YYYY-MM-DD, not '2026-02-31'" "... saying so"
_db=$DB
DB=$T/leap.db
run add --date 2024-02-29 --no-annotate x.txt
unlike "$err" "--date" "add --date accepts the leap day"
DB=$_db
run rm
is "$rc" 2 "rm with no id exits 2"

# read-only commands never create a library
for c in list "show 1" export "tag C1 disputed" "rm 1"; do
    # shellcheck disable=SC2086
    run $c
    is "$rc" 1 "$c on a missing library exits 1"
    is "$err" "contra: no library at $DB (import articles with 'contra add')" "$c on a missing library says how to make one"
done
test ! -e "$DB"
ok $? "no library was created by read commands"

# the reader needs a terminal; without one it says so (and exits 1)
run read </dev/null
is "$rc" 1 "read without a terminal exits 1"
like "$err" "terminal" "read without a terminal says why"
one_line "$err" "read without a terminal: one line"
"$CONTRA" --db "$DB" </dev/null >"$T/out" 2>"$T/err"
is "$?" 1 "no command without a terminal exits 1 (it is the reader)"
like "$(cat "$T/err")" "terminal" "no command: the reader's message"
run read abc
is "$rc" 2 "read with a bad id exits 2"
run read 1 2
is "$rc" 2 "read with two ids exits 2"

# an empty --db is a mistake (an unset variable), not the default library:
# rm must not remove from it
printf 'Default library article\n\nIt stays.\n' >"$T/def.txt"
XDG_DATA_HOME=$T/xdg-def "$CONTRA" add --no-annotate "$T/def.txt" >/dev/null 2>&1
for c in list "rm 1" "tag C1 disputed" read; do
    # shellcheck disable=SC2086
    XDG_DATA_HOME=$T/xdg-def "$CONTRA" --db "" $c </dev/null >"$T/out" 2>"$T/err"
    is "$?" 2 "--db '' $c exits 2"
    is "$(cat "$T/err")" "contra: --db wants the library's path, not an empty string (see 'contra --help')" "--db '' $c says why"
    # shellcheck disable=SC2086
    XDG_DATA_HOME=$T/xdg-def "$CONTRA" $c --db= </dev/null >"$T/out" 2>"$T/err"
    is "$?" 2 "$c --db= exits 2"
done
like "$(XDG_DATA_HOME=$T/xdg-def "$CONTRA" list 2>&1)" "Default library article" "an empty --db removed nothing from the default library"
# an empty CONTRA_DB is unset, as for most variables
CONTRA_DB= "$CONTRA" list >/dev/null 2>"$T/err"
like "$(cat "$T/err")" "no library at $HOME/.local/share/contra/contra.db" "an empty CONTRA_DB means the default library"

# --db after the command, and CONTRA_DB
"$CONTRA" list --db "$T/nowhere.db" >/dev/null 2>"$T/err"
is "$?" 1 "--db after the command is accepted"
like "$(cat "$T/err")" "$T/nowhere.db" "--db after the command is used"
CONTRA_DB=$T/env.db "$CONTRA" list >/dev/null 2>"$T/err"
like "$(cat "$T/err")" "no library at $T/env.db" "CONTRA_DB names the library"
XDG_DATA_HOME=$T/xdg "$CONTRA" list >/dev/null 2>"$T/err"
like "$(cat "$T/err")" "no library at $T/xdg/contra/contra.db" "XDG_DATA_HOME places the default library"
"$CONTRA" list >/dev/null 2>"$T/err"
like "$(cat "$T/err")" "no library at $HOME/.local/share/contra/contra.db" "the default library is under ~/.local/share"
# --help gives the whole order, ~/.local/share last (it stopped at
# $XDG_DATA_HOME, which most users do not set)
run --help
like "$out" "\$XDG_DATA_HOME/contra/contra.db, else
               ~/.local/share/contra/contra.db" "--help names ~/.local/share after XDG_DATA_HOME"
run help list
like "$out" "~/.local/share/contra/contra.db" "help list too"

# Without HOME (env -i, a cron job) there is no default library, and
# contra says so: it was contra.db in whatever directory contra ran in,
# one library here and another there.
mkdir -p "$T/cwd"
for c in list "add --no-annotate $T/def.txt" "tag C1 disputed"; do
    # shellcheck disable=SC2086
    (cd "$T/cwd" && unset HOME && "$CONTRA" $c </dev/null >"$T/out" 2>"$T/err")
    is "$?" 1 "no HOME: $c exits 1"
    is "$(cat "$T/err")" "contra: HOME is not set, so there is no default library (give --db PATH or set CONTRA_DB)" \
        "  and says why and what to do"
done
is "$(ls "$T/cwd")" "" "no HOME: no library is made in the current directory"
(cd "$T/cwd" && HOME= "$CONTRA" list </dev/null >"$T/out" 2>"$T/err")
is "$(cat "$T/err")" "contra: HOME is empty, so there is no default library (give --db PATH or set CONTRA_DB)" \
    "HOME set but empty: says so, not that it is unset"
(unset HOME && "$CONTRA" --db "$T/cwd/given.db" add --no-annotate "$T/def.txt" >/dev/null 2>&1)
is "$?" 0 "no HOME: --db still names a library"
(unset HOME && CONTRA_DB=$T/cwd/given.db "$CONTRA" list 2>&1) >"$T/out"
like "$(cat "$T/out")" "Default library article" "  and so does CONTRA_DB"
(unset HOME && XDG_DATA_HOME=$T/xdg-def "$CONTRA" list 2>&1) >"$T/out"
like "$(cat "$T/out")" "Default library article" "  and XDG_DATA_HOME"

done_testing
