#!/bin/sh
# The compliance engine end to end: the sample county built on three
# --today dates with one persisted --state folder (the publication
# ledger), checking what appears on the site, what leaves it, the
# ledger's dates and what the report lists.  See
# tests/tools/compliance_golden.py.  Uses the ASan+UBSan build when there.
bin=build/san/gongshi
[ -x "$bin" ] || bin=gen/gongshi
[ -x "$bin" ] || { echo "gongshi not built"; exit 1; }
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
exec /usr/bin/python3 tests/tools/compliance_golden.py "$bin"
