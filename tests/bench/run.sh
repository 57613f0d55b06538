#!/bin/sh
# tests/bench/run.sh - `make bench`: run every benchmark script in
# tests/bench (each prints its own table) one after the other.  Never part
# of `make test`: timings on a shared 2-core machine are noisy, so the
# scripts print figures and ratios measured side by side in the same run.
#
# The site benchmark runs first: the others delete what they built, and on
# ext4 without a journal creating files within minutes of deleting many is
# several times slower, which would distort its timings.  The search
# benchmark (a million decisions built, then deleted) runs last.
cd "$(dirname "$0")/../.." || exit 2
status=0
for name in site pdf xlsx search; do
    echo "== $name"
    sh "tests/bench/$name.sh" || status=1
    echo
done
for b in tests/bench/*.sh; do
    case "$(basename "$b" .sh)" in run | site | pdf | xlsx | search) continue ;; esac
    echo "== $(basename "$b" .sh)"
    sh "$b" || status=1
    echo
done
exit $status
