#!/bin/sh
# tests/cli/report_cap.sh - the staff report page lists at most 1,000 rows
# per list, says how many more there are and links the CSV that has them
# all; the CSV has every row.
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=${GONGSHI_BIN:-gen/gongshi}
synth=gen/gongshi-synth
[ -x "$bin" ] && [ -x "$synth" ] || { echo "report_cap.sh: binaries not built"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsrep.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "report_cap.sh: $*"; exit 1; }

"$synth" --decisions 5000 --out "$tmp/c" --from content --seed 3 >/dev/null || fail "synth failed"
"$bin" build --content "$tmp/c" --out "$tmp/out" --state "$tmp/state" --today 2026-11-23 --quiet \
    >/dev/null 2>&1
[ $? -le 1 ] || fail "build failed"
/usr/bin/python3 - "$tmp/out/report" <<'PY' || exit 1
import csv, re, sys
d = sys.argv[1]
page = open(f"{d}/index.html", encoding="utf-8").read()
with open(f"{d}/held.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))[1:]
m = re.search(r"未公开的执法决定 (\d+) 件", page)
if not m or int(m.group(1)) != len(rows):
    sys.exit(f"report_cap.sh: page count {m and m.group(1)} != {len(rows)} rows in held.csv")
if len(rows) <= 1000:
    sys.exit(f"report_cap.sh: only {len(rows)} held decisions: the test needs more than 1000")
table = page[page.index("未公开的执法决定", page.index("</ul>")):]
shown = len(re.findall(r"<tr><td>", table.split("</table>")[0]))
if shown != 1000:
    sys.exit(f"report_cap.sh: the held table shows {shown} rows, not 1000")
more = f"另有 {len(rows) - 1000} 条未在本页列出，完整列表见 <a href=\"held.csv\">held.csv</a>"
if more not in page:
    sys.exit("report_cap.sh: no note pointing to held.csv")
print(f"report: {len(rows)} held decisions, 1000 shown, the rest in held.csv")
PY
