#!/bin/sh
# tests/cli/site_asan.sh - the sample county, the escape fixture and an
# empty county (header-only CSV files) built by the ASan+UBSan binary (the
# sample twice: a first and a steady build): the
# whole site (search index, feeds, sitemaps included) with no memory
# error, undefined behaviour or leak; the empty site keeps its invariants.
set -u
bin=build/san/gongshi
[ -x "$bin" ] || { echo "$bin not built (make unit)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsasan.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
$bin build --content content --out "$tmp/a" --state "$tmp/sa" --today 2026-11-23 --quiet 2>"$tmp/err"
rc=$?
[ $rc -le 1 ] && ! grep -q 'Sanitizer\|runtime error' "$tmp/err" || { echo "sample (exit $rc):"; tail -30 "$tmp/err"; exit 1; }
[ -f "$tmp/a/site/idx/meta.js" ] && [ -f "$tmp/a/site/feed.xml" ] || { echo "site incomplete"; exit 1; }
# again: the steady night (ledger read beside the load, pages kept)
$bin build --content content --out "$tmp/a" --state "$tmp/sa" --today 2026-11-23 --quiet 2>"$tmp/err"
rc=$?
[ $rc -le 1 ] && ! grep -q 'Sanitizer\|runtime error' "$tmp/err" || { echo "sample, second build (exit $rc):"; tail -30 "$tmp/err"; exit 1; }
$bin build --content tests/fixtures/escape --out "$tmp/b" --state "$tmp/sb" --today 2025-03-01 --quiet 2>"$tmp/err"
rc=$?
[ $rc -le 1 ] && ! grep -q 'Sanitizer\|runtime error' "$tmp/err" || { echo "escape fixture (exit $rc):"; tail -30 "$tmp/err"; exit 1; }
mkdir -p "$tmp/empty/data"
cp tests/fixtures/mini/site.yaml "$tmp/empty/"
for f in tests/fixtures/mini/data/*.csv; do head -n 1 "$f" > "$tmp/empty/data/$(basename "$f")"; done
$bin build --content "$tmp/empty" --out "$tmp/c" --state "$tmp/sc" --today 2025-03-01 --quiet 2>"$tmp/err"
rc=$?
[ $rc -le 1 ] && ! grep -q 'Sanitizer\|runtime error' "$tmp/err" || { echo "empty county (exit $rc):"; tail -30 "$tmp/err"; exit 1; }
/usr/bin/python3 tests/tools/check_site.py "$tmp/empty" "$tmp/c/site" || exit 1
grep -q '暂无' "$tmp/c/site/index.html" || { echo "empty sections should say 暂无"; exit 1; }
