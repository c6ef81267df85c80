#!/bin/sh
# user_vt100_scroll.sh (user U; not in TESTS, the lead decides): under
# TERM=vt100 or vt220, one line down then one line up in a long generated
# article (bench/gen.c, 1 MB) leaves the screen unlike what a Ctrl-L
# repaint draws: the title row is overwritten by the first text row.
# tui_scroll_rows puts the cursor back at curscr's idea of it, which
# differs from where ncurses tracks the cursor; ncurses then moves
# relatively (CUU) from the wrong row.  Needs tmux and a C compiler.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/lib.sh"

command -v tmux >/dev/null 2>&1 || { skip "vt100 scroll" "no tmux"; done_testing; exit 0; }
${CC:-cc} -O2 -o "$T/gen" "$TESTS_SRCDIR/../bench/gen.c" 2>/dev/null \
    || { skip "vt100 scroll" "cannot build bench/gen.c"; done_testing; exit 0; }
"$T/gen" big 1 json >"$T/big.json"
newdb
run add "$T/big.json"
is "$rc" 0 "a library with a 1 MB article"

sock="contra-user-$$"
for term in vt100 vt220 xterm-256color; do
    tmux -L "$sock" kill-server >/dev/null 2>&1
    sleep 0.5
    tmux -L "$sock" new-session -d -x 120 -y 40 \
        "TERM=$term CONTRA_DATADIR='$CONTRA_DATADIR' '$CONTRA' --db '$DB' read 1; sleep 30"
    sleep 2
    tmux -L "$sock" send-keys j; sleep 0.5
    tmux -L "$sock" send-keys k; sleep 0.5
    tmux -L "$sock" capture-pane -p >"$T/seen"
    tmux -L "$sock" send-keys C-l; sleep 0.7
    tmux -L "$sock" capture-pane -p >"$T/repaint"
    tmux -L "$sock" send-keys Q
    if ! grep -q 'The long record' "$T/repaint"; then
        skip "TERM=$term: after j k the screen is what a repaint draws" "the reader did not start in tmux"
    elif cmp -s "$T/seen" "$T/repaint"; then
        ok 0 "TERM=$term: after j k the screen is what a repaint draws"
    else
        ok 1 "TERM=$term: after j k the screen is what a repaint draws"
        diff "$T/seen" "$T/repaint" | head -6 | sed 's/^/# /'
    fi
done
tmux -L "$sock" kill-server >/dev/null 2>&1
done_testing
