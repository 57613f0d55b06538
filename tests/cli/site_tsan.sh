#!/bin/sh
# tests/cli/site_tsan.sh - the build's threads under ThreadSanitizer: a
# first build and a steady build of the sample county (the ledger read
# while the content loads, the workbooks' plan beside the site, the search
# index beside the pages (its decisions prepared on a thread of their
# own), the decision pages on every processor, the PDF
# and workbook workers), then a synthetic
# county with 1% of its rows edited (pages and lists kept, some made
# again).  Any data race fails the test.
set -u
bin=build/tsan/gongshi
synth=gen/gongshi-synth
[ -x "$bin" ] || { echo "$bin not built (make unit)"; exit 77; }
[ -x "$synth" ] || { echo "$synth not built (make unit)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gstsan.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export TSAN_OPTIONS="halt_on_error=1:exitcode=66:suppressions=$PWD/tests/tsan.supp"

run() { # name content out state
    "$bin" build --content "$2" --out "$3" --state "$4" --today 2026-11-23 --quiet 2>"$tmp/err"
    rc=$?
    if [ $rc -gt 1 ] || grep -q 'ThreadSanitizer' "$tmp/err"; then
        echo "$1 (exit $rc):"; grep -A 30 'WARNING: ThreadSanitizer' "$tmp/err" | head -40
        [ -s "$tmp/err" ] && tail -5 "$tmp/err"
        exit 1
    fi
}

run "sample, first build" content "$tmp/a" "$tmp/sa"
run "sample, steady build" content "$tmp/a" "$tmp/sa"
[ -f "$tmp/a/site/idx/meta.js" ] && [ -f "$tmp/a/xlsx/stats-2025.xlsx" ] ||
    { echo "outputs incomplete"; ls "$tmp/a" "$tmp/a/xlsx"; exit 1; }

"$synth" --decisions 3000 --out "$tmp/c0" >/dev/null &&
    "$synth" --decisions 3000 --change 1 --out "$tmp/c1" >/dev/null ||
    { echo "gongshi-synth failed"; exit 1; }
run "synthetic county" "$tmp/c0" "$tmp/b" "$tmp/sb"
run "synthetic county, 1% edited" "$tmp/c1" "$tmp/b" "$tmp/sb"
echo "no data race in four builds ($bin)"
