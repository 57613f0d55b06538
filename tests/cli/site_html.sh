#!/bin/sh
# tests/cli/site_html.sh - the Nu Html Checker (vnu, from npm, on Debian's
# Java) on every page of the sample county and of the escape fixture, in
# one Java run: 0 errors.
set -u
jar=node_modules/vnu-jar/build/dist/vnu.jar
command -v java >/dev/null 2>&1 || { echo "java is not installed (make deps)"; exit 77; }
[ -f "$jar" ] || { echo "vnu-jar is not installed (make deps)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsvnu.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
gen/gongshi build --content content --out "$tmp/a" --state "$tmp/sa" --today 2026-11-23 --quiet 2>"$tmp/err"
[ $? -le 1 ] || { echo "sample build failed"; cat "$tmp/err"; exit 1; }
gen/gongshi build --content tests/fixtures/escape --out "$tmp/b" --state "$tmp/sb" --today 2025-03-01 --quiet 2>"$tmp/err"
[ $? -le 1 ] || { echo "fixture build failed"; cat "$tmp/err"; exit 1; }
find "$tmp/a/site/" "$tmp/b/site/" -name '*.html' > "$tmp/list"
n=$(wc -l < "$tmp/list")
[ "$n" -ge 300 ] || { echo "only $n pages"; exit 1; }
tr '\n' '\0' < "$tmp/list" | xargs -0 java -Xss16m -jar "$jar" --errors-only --format gnu > "$tmp/vnu" 2>&1
errors=$(grep -c ': error' "$tmp/vnu")
sed "s|$tmp/||g" "$tmp/vnu" | head -30
echo "vnu: $n pages, $errors errors"
[ "$errors" -eq 0 ] && ! grep -q 'Exception\|fatal' "$tmp/vnu"
