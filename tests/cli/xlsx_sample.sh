#!/bin/sh
# The annual statistics of the sample county: figures recomputed from
# content/data by tests/tools/check_xlsx.py (workbooks, 双公示 export, 统计
# page) for the default year and for --year; the workbooks stay out of
# out/site; two builds give identical bytes and a rebuild rewrites nothing.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsxlsx.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bin=gen/gongshi
today=2026-11-23
# exit 1 (a finished build with rejected rows or overdue items) still
# writes the statistics; only 2 means nothing was built
# each build starts from an empty ledger (--state) so that it sees the same
# publication states: the statistics are compared, not the ledger's work
build() {
    d=$1
    shift
    rm -rf "$tmp/state"
    $bin build --content content --state "$tmp/state" --out "$tmp/$d" --today $today "$@" 2>"$tmp/err"
    rc=$?
    [ $rc -le 1 ] || { echo "build exited $rc"; cat "$tmp/err"; exit 1; }
}
build a --quiet
ls "$tmp/a/xlsx/stats-2025.xlsx" "$tmp/a/xlsx/sgs-penalties-2025.csv" \
   "$tmp/a/xlsx/sgs-permits-2025.xlsx" >/dev/null || exit 1
n=$(ls "$tmp/a/xlsx"/stats-2025-*.xlsx | wc -l)
agencies=$(($(wc -l < content/data/agencies.csv) - 1))
[ "$n" -eq "$agencies" ] || { echo "$n agency workbooks for $agencies agencies"; exit 1; }
# staff files never reach the public site
if find "$tmp/a/site/" -name '*.xlsx' -o -name 'sgs-*' | grep -q .; then
    echo "staff files under out/site"; exit 1
fi
[ -f "$tmp/a/site/stats/index.html" ] || { echo "no stats page"; exit 1; }
/usr/bin/python3 tests/tools/check_xlsx.py content "$tmp/a" 2025 $today || exit 1
# same input, another folder: identical bytes
build b --quiet
for f in "$tmp/a/xlsx"/*; do
    cmp -s "$f" "$tmp/b/xlsx/${f##*/}" || { echo "${f##*/} differs between builds"; exit 1; }
done
# the parts are deflated at gongshi's level (gen/deflate_level.h), not
# minizip's default: the largest part of each workbook is nearer in size
# to zlib's output at that level than to level 6's
level=$(sed -n 's/^#define DEFLATE_LEVEL \([0-9]\).*/\1/p' gen/deflate_level.h)
/usr/bin/python3 - "$level" "$tmp"/a/xlsx/*.xlsx <<'PY' || exit 1
import sys, zipfile, zlib
level = int(sys.argv[1])
def size(data, lv):
    c = zlib.compressobj(lv, zlib.DEFLATED, -15, 8)
    return len(c.compress(data) + c.flush())
bad = 0
for f in sys.argv[2:]:
    z = zipfile.ZipFile(f)
    part = max(z.infolist(), key=lambda i: i.file_size)
    data = z.read(part)
    want, six = size(data, level), size(data, 6)
    if want != six and abs(part.compress_size - want) >= abs(part.compress_size - six):
        print("%s: %s deflated to %d bytes; level %d gives %d, level 6 %d"
              % (f, part.filename, part.compress_size, level, want, six))
        bad += 1
sys.exit(1 if bad else 0)
PY
# a rebuild in place rewrites nothing
build a --verbose
grep -q '^xlsx: 2025, .*; 0 new or changed,' "$tmp/err" ||
    { echo "rebuild rewrote workbooks:"; grep '^xlsx' "$tmp/err"; exit 1; }
# --year chooses the year; the 2025 report stays
build a --year 2024 --quiet
[ -f "$tmp/a/xlsx/stats-2024.xlsx" ] && [ -f "$tmp/a/xlsx/stats-2025.xlsx" ] ||
    { echo "--year 2024: missing a year's report"; exit 1; }
/usr/bin/python3 tests/tools/check_xlsx.py content "$tmp/a" 2024 $today || exit 1
echo "sample statistics checked"
