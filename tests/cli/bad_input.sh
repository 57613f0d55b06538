#!/bin/sh
# Malformed input through the whole program (ASan+UBSan build): each bad
# file in tests/fixtures/bad replaces one file of the mini county; the
# build must exit 1, report the right file:line, publish the good rows,
# and never crash or trip a sanitizer.
set -u
bin=build/san/gongshi
[ -x $bin ] || { echo "missing $bin (run make unit)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsbad.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
# fixture | file it replaces | expected diagnostic (file:line: start) | min decision pages
while IFS='|' read -r fx target expect minpages; do
    [ -n "$fx" ] || continue
    rm -rf "$tmp/c" "$tmp/out" "$tmp/state"
    cp -r tests/fixtures/mini "$tmp/c"
    cp "tests/fixtures/bad/$fx.csv" "$tmp/c/data/$target.csv"
    $bin build --content "$tmp/c" --out "$tmp/out" --state "$tmp/state" --today 2025-06-01 --quiet >/dev/null 2>"$tmp/err"
    rc=$?
    pages=$(find "$tmp/out/site/d" -name '*.html' 2>/dev/null | wc -l)
    if [ $rc -ne 1 ]; then echo "$fx: exit $rc, expected 1"; fail=1; fi
    if grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error' "$tmp/err"; then
        echo "$fx: sanitizer report"; cat "$tmp/err"; fail=1
    fi
    if ! grep -qF "$tmp/c/data/$target.csv:$expect" "$tmp/err"; then
        echo "$fx: no diagnostic '$target.csv:$expect'"; sed 's/^/    /' "$tmp/err" | head -5; fail=1
    fi
    [ -f "$tmp/out/site/index.html" ] || { echo "$fx: no site written"; fail=1; }
    [ -f "$tmp/out/report/index.html" ] || { echo "$fx: no report written"; fail=1; }
    if ! grep -qF "$target.csv" "$tmp/out/report/problems.csv" 2>/dev/null; then
        echo "$fx: problem not in out/report/problems.csv"; fail=1
    fi
    if [ "$pages" -lt "$minpages" ]; then echo "$fx: $pages decision pages, expected >= $minpages"; fail=1; fi
done <<'EOF2'
bad_check_digit|decisions|2: 文书号 示市监处罚〔2024〕15号: 统一社会信用代码 check character is wrong|1
bad_date|decisions|3: 文书号 示市监处罚〔2024〕16号: 决定日期|2
duplicate_key|decisions|4: 文书号 示市监处罚〔2024〕15号: duplicate 文书号, first on line 2|2
unknown_agency|decisions|3: 文书号 示市监处罚〔2024〕16号: 执法机关|2
missing_column|decisions|1: missing required column 决定日期|0
bad_quote|agencies|3: bad quoting|0
binary|agencies|1: not a text file|0
damaged_utf8|agencies|3: invalid UTF-8|0
empty|agencies|1: empty file|0
too_many_fields|agencies|3: record has 6 fields, header has 4|0
unterminated_quote|agencies|4: unterminated quoted field|0
wrong_encoding|agencies|1: not valid UTF-8 or GB18030|0
EOF2
# diagnostics never quote an ID number
if grep -qE '[1-9][0-9]{16}[0-9Xx]' "$tmp/err"; then echo "an ID number reached stderr"; fail=1; fi
[ $fail -eq 0 ] && echo "12 malformed inputs: exit 1, file:line reported, good rows kept"
exit $fail
