#!/bin/sh
# tests/cli/incremental.sh - nightly incremental builds equal clean builds.
#
# A synthetic county is built night after night into one out/ folder (the
# spare generation is recycled, unchanged pages are kept without being
# rendered) while its content changes the way real data does: 1% of the
# rows edited (what a list line shows and what only the page shows), rows
# withdrawn, added and removed, an officer renamed, an
# agency template overridden and restored, --today moving on (so decisions
# expire and notices appear).  After every night the live site must equal,
# byte for byte, a clean build of the same content and --today into a
# fresh out/ folder with a copy of the ledger as it stood before the night
# (first-published dates come from the ledger).  A night without changes
# must write nothing, and must not render the decision pages again.
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=${GONGSHI_BIN:-gen/gongshi}
synth=gen/gongshi-synth
py=/usr/bin/python3
[ -x "$bin" ] && [ -x "$synth" ] || { echo "incremental.sh: binaries not built"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsincr.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "incremental.sh: $*"; exit 1; }

"$synth" --decisions 1500 --out "$tmp/c" --from content --seed 7 >/dev/null || fail "synth failed"

nights=0
# night TODAY: build incrementally and clean, compare
night() {
    today=$1
    nights=$((nights + 1))
    rm -rf "$tmp/cs" "$tmp/co"
    if [ -d "$tmp/state" ]; then cp -a "$tmp/state" "$tmp/cs"; else mkdir "$tmp/cs"; fi
    "$bin" build --content "$tmp/c" --out "$tmp/out" --state "$tmp/state" --today "$today" \
        --verbose >"$tmp/log" 2>&1
    rc=$?
    [ $rc -le 1 ] || { tail -5 "$tmp/log"; fail "night $nights ($today): build exited $rc"; }
    "$bin" build --content "$tmp/c" --out "$tmp/co" --state "$tmp/cs" --today "$today" \
        --quiet >"$tmp/log2" 2>&1
    rc2=$?
    [ $rc2 -eq $rc ] || fail "night $nights: clean build exited $rc2, incremental $rc"
    if ! diff -r "$tmp/out/site/" "$tmp/co/site/" >"$tmp/diff" 2>&1; then
        head -20 "$tmp/diff"
        fail "night $nights ($today): incremental site differs from a clean build"
    fi
    # the generation folders hold nothing but the live site's files
    n1=$(find "$tmp/out/site/" -type f | wc -l)
    n2=$(find "$tmp/co/site/" -type f | wc -l)
    [ "$n1" -eq "$n2" ] || fail "night $nights: $n1 files live, $n2 in the clean build"
}

# edit the content with Python: $1 is the program, run with the content dir
edit() {
    "$py" - "$tmp/c" "$1" <<'PY' || fail "edit failed"
import csv, sys
d, what = sys.argv[1], sys.argv[2]
def load(name):
    with open(f"{d}/data/{name}", encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        return next(r), list(r)
def save(name, head, rows):
    with open(f"{d}/data/{name}", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head)
        w.writerows(rows)
h, rows = load("decisions.csv")
col = {k: i for i, k in enumerate(h)}
if what == "rows":
    # withdraw two decisions, remove three, add one (a copy with a new number)
    for r in rows[100:102]:
        r[col["状态"]] = "撤销"
        r[col["状态日期"]] = "2026-11-20"
        r[col["状态说明"]] = "经复议，原决定撤销。"
    del rows[200:203]
    new = list(rows[300])
    new[col["文书号"]] = new[col["文书号"]].replace("号", "-1号")
    rows.append(new)
    save("decisions.csv", h, rows)
    oh, offs = load("officers.csv")
    offs[0][oh.index("姓名")] = offs[0][oh.index("姓名")] + "明"
    save("officers.csv", oh, offs)
elif what == "summary":
    # what a list line shows (party, penalty kind) and what it does not
    # (the facts): lists are keyed by the first, pages by both
    # (recent decisions, still in the lists; a company's name is shown whole)
    pen = sorted((r for r in rows if r[col["执法类别"]] == "行政处罚"),
                 key=lambda r: r[col["决定日期"]], reverse=True)
    org = [r for r in pen if r[col["相对人类别"]] != "自然人"]
    org[3][col["相对人名称"]] = org[3][col["相对人名称"]] + "（更名）"
    fined = [r for r in pen[5:] if r[col["处罚类别"]] == "罚款"]
    fined[0][col["处罚类别"]] = "警告;罚款"
    pen[8][col["违法事实"]] = pen[8][col["违法事实"]] + "经查属实。"
    save("decisions.csv", h, rows)
PY
}

night 2026-11-20
night 2026-11-21
mkdir -p "$tmp/c/templates"
sed 's|</footer>|<p>（示例县本地样式）</p></footer>|' templates/layout.mustache >"$tmp/c/templates/layout.mustache"
night 2026-11-22
rm -rf "$tmp/c/templates"
"$synth" --decisions 1500 --out "$tmp/c1" --from content --seed 7 --change 1 >/dev/null || fail "synth --change failed"
cp "$tmp/c1/data/decisions.csv" "$tmp/c/data/decisions.csv"
night 2026-11-23
edit summary
night 2026-11-23
edit rows
night 2026-11-24
night 2027-06-30
night 2027-06-30
# nothing changed since the spare generation (two builds back) was made:
# nothing written, decision pages kept without rendering
"$bin" build --content "$tmp/c" --out "$tmp/out" --state "$tmp/state" --today 2027-06-30 \
    --verbose >"$tmp/log" 2>&1
grep -q '^site: 0 files written' "$tmp/log" || { grep '^site:' "$tmp/log"; fail "a night without changes wrote files"; }
kept=$(sed -n 's/^site: \([0-9]*\) pages kept without rendering.*/\1/p' "$tmp/log")
pages=$(find "$tmp/out/site/d" -name '*.html' | wc -l)
[ "${kept:-0}" -ge "$pages" ] || fail "a night without changes rendered pages again (${kept:-0} kept, $pages decision pages)"
echo "incremental: $nights nights equal to clean builds"
exit 0
