#!/bin/sh
# tests/bench/search.sh - bytes a visitor's browser downloads to see the
# first page of search results (the search page, its stylesheet and
# scripts, idx/meta.js and every index file the query loads), per query,
# on a synthetic county.  Figures only; not a timed test.
#
# Environment:
#   SEARCH_N=1000000      synthetic decisions (gongshi-synth --decisions);
#                         about 69% of them are published
#   SEARCH_SITE=DIR       measure an already built site instead
#   GONGSHI_BIN, GONGSHI_SYNTH   binaries (default gen/gongshi, gen/gongshi-synth)
#   TMPDIR                scratch space, removed at the end
cd "$(dirname "$0")/../.." || exit 2
command -v node >/dev/null 2>&1 || { echo "search bench: node is not installed"; exit 0; }
if [ -n "${SEARCH_SITE:-}" ]; then
    node tests/tools/search_bench.js "$SEARCH_SITE"
    exit $?
fi
n=${SEARCH_N:-1000000}
bin=${GONGSHI_BIN:-gen/gongshi}
synth=${GONGSHI_SYNTH:-gen/gongshi-synth}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gssearchbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
echo "search bench: $n synthetic decisions"
"$synth" --decisions "$n" --out "$tmp/content" >/dev/null 2>&1 || { echo "gongshi-synth failed"; exit 1; }
"$bin" build --content "$tmp/content" --out "$tmp/out" --state "$tmp/state" --today 2026-11-23 --quiet 2>/dev/null
[ $? -le 1 ] || { echo "build failed"; exit 1; }
du -s --apparent-size --block-size=1M "$tmp/out/site/idx" | awk '{print "search index: " $1 " MB"}'
node tests/tools/search_bench.js "$tmp/out/site"
