#!/bin/sh
# skip.sh: stands in for the end-to-end reader tests when configure found
# no libvterm, so that `make check` shows them skipped instead of passing.
echo "1..0 # SKIP libvterm-dev not installed (apt-get install libvterm-dev, then re-run configure)"
