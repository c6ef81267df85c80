# tests/lib.sh: shared helpers for the command-line tests (tests/cli/*.sh).
#
# Source it from a test script:  . "$TESTS_SRCDIR/lib.sh"
# It gives each script a private temporary directory $T (removed on exit),
# a HOME inside it (so nothing touches the real ~/.local/share), and TAP
# helpers.  run() runs contra on the test's own library, $DB:
#
#   newdb                      # a fresh, not yet created, library
#   run add "$T/a.txt"         # sets $rc, $out, $err
#   is "$rc" 0 "add succeeds"
#   like "$out" 'added 1 ' "add says what it added"
#   done_testing
#
# Environment from the Makefile: CONTRA (the binary), TESTDATA
# (tests/data), CONTRA_DATADIR (share/), TESTS_SRCDIR, TESTS_BUILDDIR.

: "${CONTRA:?CONTRA must name the contra binary (run through make check)}"
: "${TESTS_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${TESTS_BUILDDIR:=$TESTS_SRCDIR}"
: "${CONTRA_DATADIR:=$TESTS_SRCDIR/../share}"
: "${TESTDATA:=$TESTS_SRCDIR/data}"
export CONTRA_DATADIR TESTDATA

T=$(mktemp -d "${TMPDIR:-/tmp}/contra-test.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
HOME=$T/home
mkdir -p "$HOME"
export HOME
unset CONTRA_DB XDG_DATA_HOME NO_COLOR
# Output is compared byte for byte: a UTF-8 locale unless a test says
# otherwise (C.UTF-8 is built into glibc).
LC_ALL=C.UTF-8
export LC_ALL

tap_n=0
tap_failed=0
dbn=0

# ok STATUS NAME: passes when STATUS is 0 (use as: test ...; ok $? "name").
# With TODO set to a reason, a failure is reported as a known bug (TAP
# "# TODO") and does not fail the script; set it for one check only.
ok() {
    tap_n=$((tap_n + 1))
    _todo=${TODO:+ # TODO $TODO}
    if [ "$1" -eq 0 ]; then
        echo "ok $tap_n - $2$_todo"
    else
        echo "not ok $tap_n - $2$_todo"
        [ -n "${TODO:-}" ] || tap_failed=$((tap_failed + 1))
    fi
    return "$1"
}

# diag TEXT...: a comment in the TAP stream, each line prefixed with "# ".
diag() {
    printf '%s\n' "$*" | sed 's/^/#   /'
}

# is GOT WANT NAME
is() {
    if [ "$1" = "$2" ]; then
        ok 0 "$3"
    else
        ok 1 "$3"
        diag "got:  $1" "want: $2"
        return 1
    fi
}

# like GOT SUBSTRING NAME: GOT contains SUBSTRING (fixed string).
like() {
    case $1 in
        *"$2"*) ok 0 "$3" ;;
        *) ok 1 "$3"; diag "got: $1" "does not contain: $2"; return 1 ;;
    esac
}

# unlike GOT SUBSTRING NAME
unlike() {
    case $1 in
        *"$2"*) ok 1 "$3"; diag "got: $1" "contains: $2"; return 1 ;;
        *) ok 0 "$3" ;;
    esac
}

# skip NAME REASON
skip() {
    tap_n=$((tap_n + 1))
    echo "ok $tap_n - $1 # SKIP $2"
}

# same_file A B NAME: byte-identical files.
same_file() {
    if cmp -s "$1" "$2"; then
        ok 0 "$3"
    else
        ok 1 "$3"
        diff -u "$1" "$2" | head -40 | sed 's/^/#   /'
        return 1
    fi
}

# newdb: point $DB at a fresh library path (not created until used).
newdb() {
    dbn=$((dbn + 1))
    mkdir -p "$T/db$dbn"
    DB=$T/db$dbn/contra.db
}

# run ARGS...: run contra on $DB; sets rc, out, err (stdout/stderr also
# kept in $T/out and $T/err).  No stdin unless the caller redirects.
run() {
    "$CONTRA" --db "$DB" "$@" >"$T/out" 2>"$T/err"
    rc=$?
    out=$(cat "$T/out")
    err=$(cat "$T/err")
}

# run_in INPUT ARGS...: like run, with INPUT (a file) on stdin.
run_in() {
    _in=$1
    shift
    "$CONTRA" --db "$DB" "$@" <"$_in" >"$T/out" 2>"$T/err"
    rc=$?
    out=$(cat "$T/out")
    err=$(cat "$T/err")
}

# contra ARGS...: contra on $DB, output to the caller (for captures).
contra() {
    "$CONTRA" --db "$DB" "$@"
}

# snapshot FILE: everything a user can see of the library, to compare
# before and after something that must change nothing.
snapshot() {
    {
        "$CONTRA" --db "$DB" list --json 2>&1
        "$CONTRA" --db "$DB" export 2>&1
    } >"$1"
}

# one_line TEXT NAME: TEXT is exactly one line.
one_line() {
    _lines=$(printf '%s\n' "$1" | wc -l)
    is "$_lines" 1 "$2"
}

# done_testing: the plan, and the exit status the TAP driver reads.
done_testing() {
    echo "1..$tap_n"
    [ "$tap_failed" -eq 0 ]
    exit $?
}
