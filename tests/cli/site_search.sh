#!/bin/sh
# tests/cli/site_search.sh - the static search: real queries through the
# site's search.js (under Node, index files loaded as scripts) checked
# against a brute-force scan of the stored documents, on the sample
# county (every list whole) and on a synthetic county of 14,000 decisions
# (frequent terms in segments, two document folders).
set -u
command -v node >/dev/null 2>&1 || { echo "node is not installed (make deps)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gssearch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bin=gen/gongshi
$bin build --content content --out "$tmp/a" --state "$tmp/sa" --today 2026-11-23 --quiet 2>"$tmp/err"
[ $? -le 1 ] || { echo "sample build failed"; cat "$tmp/err"; exit 1; }
node tests/tools/search_test.js "$tmp/a/site" || exit 1
gen/gongshi-synth --decisions 14000 --out "$tmp/syn" >/dev/null 2>&1 || { echo "gongshi-synth failed"; exit 1; }
$bin build --content "$tmp/syn" --out "$tmp/b" --state "$tmp/sb" --today 2026-11-23 --quiet 2>"$tmp/err"
[ $? -le 1 ] || { echo "synthetic build failed"; tail "$tmp/err"; exit 1; }
ls "$tmp/b/site/idx/d/c/1" >/dev/null 2>&1 || { echo "expected a second document folder"; exit 1; }
node tests/tools/search_test.js "$tmp/b/site" || exit 1
