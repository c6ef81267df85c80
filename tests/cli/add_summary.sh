#!/bin/sh
# add_summary.sh: when `contra add` stops, or ends with --keep-going after
# failures, or is stopped by a signal, one line counts every file given
# that was not imported, by kind: failed (said above), stopped while it
# was read, not tried (and from which file on).  A user trial read
# "stopped; 1 file not imported" when one file had failed and one more
# was never tried.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

for k in 1 2 3 4; do
    printf 'Article %s about the Vesna dams, said Ilona Vereb on Monday.\n' "$k" >"$T/g$k.txt"
done
: >"$T/empty.txt"

# Stopped at a bad file: the bad one and the ones after it.
newdb
run add --no-annotate "$T/g1.txt" "$T/empty.txt" "$T/g2.txt" "$T/g3.txt"
is "$rc" 1 "a bad file stops add: exit 1"
like "$out" "added 1 " "the file before it is imported"
is "$err" "contra: $T/empty.txt: file is empty
contra: stopped; 3 of 4 files not imported: 1 failed, 2 not tried (from $T/g2.txt on); use --keep-going to go on" \
    "the bad file is named, then all 3 not imported are counted, by kind"

newdb
run add --no-annotate "$T/empty.txt" "$T/g1.txt"
is "$(printf '%s\n' "$err" | tail -1)" \
    "contra: stopped; 2 of 2 files not imported: 1 failed, 1 not tried ($T/g1.txt); use --keep-going to go on" \
    "one not tried is named"

newdb
run add --no-annotate "$T/missing.txt" "$T/g1.txt" "$T/g2.txt"
like "$err" "stopped; 3 of 3 files not imported: 1 failed, 2 not tried (from $T/g1.txt on)" \
    "a file that cannot be opened counts as failed"

# The bad file last: its own message says all there is.
newdb
run add --no-annotate "$T/g1.txt" "$T/empty.txt"
is "$err" "contra: $T/empty.txt: file is empty" "a bad last file: its message alone"

# --keep-going: every file is tried; the end counts the ones that failed.
newdb
run add --no-annotate --keep-going "$T/empty.txt" "$T/g1.txt" "$T/missing.txt" "$T/g2.txt"
is "$rc" 1 "--keep-going with failures: exit 1"
is "$(printf '%s\n' "$out" | grep -c '^added ')" 2 "--keep-going: the good files are imported"
is "$(printf '%s\n' "$err" | tail -1)" "contra: 2 of 4 files not imported: 2 failed" \
    "--keep-going: the last line counts the failed files"
newdb
run add --no-annotate --keep-going "$T/empty.txt"
is "$err" "contra: $T/empty.txt: file is empty" "--keep-going with one file: its message alone"
newdb
run add --no-annotate --keep-going "$T/g1.txt" "$T/g2.txt"
is "$rc/$err" "0/" "--keep-going, nothing failed: nothing said"

# A signal while a named pipe with no writer is opened, after a file that
# failed under --keep-going: both are counted, and the files after them.
if mkfifo "$T/fifo.txt" 2>/dev/null; then
    newdb
    "$CONTRA" --db "$DB" add --no-annotate --keep-going "$T/g1.txt" "$T/empty.txt" \
        "$T/fifo.txt" "$T/g2.txt" "$T/g3.txt" >"$T/out" 2>"$T/err" &
    pid=$!
    # Bounded wait for the first file's line: the import has reached the pipe.
    n=0
    while ! grep -q '^added ' "$T/out" 2>/dev/null && [ $n -lt 100 ]; do
        sleep 0.1
        n=$((n + 1))
    done
    sleep 0.2
    kill -TERM "$pid"
    wait "$pid"
    rc=$?
    is "$rc" 143 "SIGTERM while a pipe is opened: status 143"
    # The pipe is being opened by now, or on a slow machine not yet: its
    # kind is either, the count the same.
    last=$(tail -1 "$T/err")
    like "$last" \
        "contra: terminated: 1 file (1 article) imported before it; 4 of 5 files not imported: 1 failed, " \
        "one line counts the failed file, the one being read and the ones not tried"
    case $last in
    *"$T/fifo.txt, stopped while it was read (each file is imported whole or not at all), 2 not tried (from $T/g2.txt on)") r=0 ;;
    *"3 not tried (from $T/fifo.txt on)") r=0 ;;
    *) r=1 ;;
    esac
    ok $r "  the pipe stopped while it was read, and the 2 after it not tried"
    rm -f "$T/fifo.txt"
else
    skip "signal summary" "mkfifo failed"
fi

done_testing
