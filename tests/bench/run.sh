#!/bin/sh
# tests/bench/run.sh - `make bench`: run every benchmark script in
# tests/bench (each prints its own table) one after the other.  Never part
# of `make test`: timings on a shared 2-core machine are noisy, so the
# scripts print figures and ratios measured side by side in the same run.
cd "$(dirname "$0")/../.." || exit 2
status=0
for b in tests/bench/*.sh; do
    [ "$(basename "$b")" = run.sh ] && continue
    echo "== $(basename "$b" .sh)"
    sh "$b" || status=1
    echo
done
exit $status
