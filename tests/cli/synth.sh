#!/bin/sh
# tests/cli/synth.sh - gongshi-synth: deterministic output, complete
# content folder, row counts, --change touching about 1% of the decisions
# (执法结论 only), usage errors.  Run from the top of the repository after
# the binaries are built.
bin=gen/gongshi-synth
py=/usr/bin/python3
[ -x "$bin" ] || { echo "synth.sh: $bin not built"; exit 1; }
[ -x "$py" ] || py=python3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "synth.sh: $*"; exit 1; }

"$bin" --decisions 2000 --out "$tmp/a" || fail "first run failed"
"$bin" --decisions 2000 --out "$tmp/b" || fail "second run failed"
"$bin" --decisions 2000 --out "$tmp/c" --change 1 || fail "--change run failed"
"$bin" --decisions 2000 --out "$tmp/d" --seed 2 || fail "--seed run failed"

for f in site.yaml data/agencies.csv data/officers.csv data/decisions.csv data/powers.csv \
         data/inspections.csv data/phrases.csv; do
    [ -s "$tmp/a/$f" ] || fail "missing $f"
    cmp -s "$tmp/a/$f" "$tmp/b/$f" || fail "$f differs between two runs with the same seed"
done
ls "$tmp/a/calendar/"*.csv >/dev/null 2>&1 || fail "calendar not copied"
cmp -s content/data/phrases.csv "$tmp/a/data/phrases.csv" || fail "phrases.csv is not a copy"
diff -r content/pages "$tmp/a/pages" >/dev/null || fail "pages not copied"
cmp -s "$tmp/a/data/decisions.csv" "$tmp/d/data/decisions.csv" && fail "--seed 2 gave the same decisions"

"$py" - "$tmp" <<'PY' || exit 1
import csv, sys
tmp = sys.argv[1]
def rows(d, name):
    with open(f"{tmp}/{d}/data/{name}", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
def fail(msg):
    print("synth.sh:", msg); sys.exit(1)
a, c = rows("a", "decisions.csv"), rows("c", "decisions.csv")
if len(a) != 2000 or len(c) != 2000:
    fail(f"expected 2000 decisions, got {len(a)} and {len(c)}")
ag = {r["机关名称"] for r in rows("a", "agencies.csv")}
off = {r["执法证号"]: r["执法机关"] for r in rows("a", "officers.csv")}
if not 15 <= len(ag) <= 30: fail(f"{len(ag)} agencies")
if not 60 <= len(off) <= 100: fail(f"{len(off)} officers for 2000 decisions")
if len(rows("a", "powers.csv")) < 100 or len(rows("a", "inspections.csv")) < 30: fail("too few powers or inspections")
if len({r["文书号"] for r in a}) != len(a): fail("文书号 not unique")
dates = [r["决定日期"] for r in a]
if dates != sorted(dates): fail("decisions not in date order")
for r in a:
    if r["执法机关"] not in ag: fail(f"{r['文书号']}: unknown agency")
    for o in r["执法人员"].split(";"):
        if off.get(o) != r["执法机关"]: fail(f"{r['文书号']}: officer {o} not of the agency")
    if r["执法类别"] == "行政处罚" and not 100 <= len(r["违法事实"]) <= 400:
        fail(f"{r['文书号']}: 违法事实 of {len(r['违法事实'])} characters")
changed = 0
for x, y in zip(a, c):
    if x != y:
        changed += 1
        diff = [k for k in x if x[k] != y[k]]
        if diff != ["执法结论"]: fail(f"{x['文书号']}: --change altered {diff}")
if not 5 <= changed <= 45:
    fail(f"--change 1 altered {changed} of 2000 rows, not about 1%")
print(f"ok: 2000 decisions, {len(off)} officers, --change 1 altered {changed} rows")
PY

"$bin" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no arguments should exit 2"
"$bin" --decisions 10 --out "$tmp/e" --change 101 >/dev/null 2>&1; [ $? -eq 2 ] || fail "--change 101 should exit 2"
"$bin" --decisions ten --out "$tmp/e" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--decisions ten should exit 2"
"$bin" --decisions 10 --out "$tmp/e" --bogus 1 >/dev/null 2>&1; [ $? -eq 2 ] || fail "an unknown option should exit 2"
"$bin" --decisions 10 --out "$tmp/e" --from "$tmp/nowhere" >/dev/null 2>&1; [ $? -eq 1 ] || fail "a missing --from folder should exit 1"
exit 0
