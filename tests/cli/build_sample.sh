#!/bin/sh
# Build the sample county and check the site's invariants: no ID numbers,
# masked names, no broken links, deterministic and write-if-changed.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsbuild.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bin=gen/gongshi
$bin build --content content --out "$tmp/out" --state "$tmp/state" --today 2026-11-23 --quiet 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ]; then echo "build exited $rc"; cat "$tmp/err"; exit 1; fi
[ -f "$tmp/out/site/index.html" ] || { echo "no index.html"; exit 1; }
[ -f "$tmp/out/report/index.html" ] || { echo "no report"; exit 1; }
/usr/bin/python3 tests/tools/check_site.py content "$tmp/out/site" || exit 1
# every published decision has a page: count pages under d/
n=$(find "$tmp/out/site/d/" -name '*.html' | wc -l)
[ "$n" -ge 300 ] || { echo "only $n decision pages"; exit 1; }
# a second build with the same input rewrites nothing and yields the same bytes
cp -a "$tmp/out/site/." "$tmp/first"
$bin build --content content --out "$tmp/out" --state "$tmp/state" --today 2026-11-23 --verbose 2>"$tmp/err2"
grep -q ' 0 files written' "$tmp/err2" || { echo "second build rewrote files:"; cat "$tmp/err2"; exit 1; }
diff -r "$tmp/first" "$tmp/out/site" >/dev/null || { echo "second build differs"; exit 1; }
echo "sample county: $n decision pages, site checked"
