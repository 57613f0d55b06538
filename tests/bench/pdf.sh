#!/bin/sh
# Benchmark: a ~300-page 规范用语 handbook from synthetic phrases.
#
# Makes a content folder from the sample county with phrases.csv replaced
# by ~1400 synthetic phrases (clauses of the sample's phrases recombined,
# fixed seed), all belonging to one agency, builds it, and prints one table
# line with the county handbook's pages and the processor time gongshi took
# to make it (from --verbose; documents are made on several threads, so the
# wall time of the whole build is shown beside it).  Target: under 2 s; the
# figure is reported, not judged.
# Run from the top of the repository after `make`.
set -u
bin=gen/gongshi
[ -x "$bin" ] || { echo "pdf bench: build $bin first (make)"; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -R content "$tmp/content"
/usr/bin/python3 - content/data/phrases.csv "$tmp/content/data/phrases.csv" \
    content/data/agencies.csv <<'PY' || exit 2
import csv, random, re, sys
src, dst, agencies = sys.argv[1:4]
rows = list(csv.DictReader(open(src, encoding='utf-8-sig')))
agency = next(csv.DictReader(open(agencies, encoding='utf-8-sig')))['机关名称']
clauses = [c for r in rows for c in re.split(r'(?<=[，。；？！])', r['规范用语']) if c]
points = [r['要点'] for r in rows if r['要点']]
banned = [r['禁用语'] for r in rows if r['禁用语']]
basis = [r['依据'] for r in rows if r['依据']]
cats = ['通用', '行政许可', '行政处罚', '行政强制', '行政检查', '行政征收', '行政确认', '其他']
scenes = sorted({r['场景'] for r in rows})
rnd = random.Random(20261123)
with open(dst, 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f)
    w.writerow(['执法类别', '场景', '序号', '规范用语', '要点', '禁用语', '依据', '执法机关'])
    n = 0
    for c in cats:
        for s in rnd.sample(scenes, 15):
            for seq in range(1, 13):
                text = ''.join(rnd.choice(clauses) for _ in range(rnd.randint(2, 4)))
                if not text.endswith(('。', '？', '！')):
                    text = text.rstrip('，；') + '。'
                w.writerow([c, s, seq, text, rnd.choice(points),
                            rnd.choice(banned) if rnd.random() < 0.6 else '',
                            rnd.choice(basis) if rnd.random() < 0.5 else '', agency])
                n += 1
PY
start=$(date +%s.%N)
$bin build --content "$tmp/content" --out "$tmp/out" --today 2026-11-23 --verbose \
    2>"$tmp/err" >/dev/null
rc=$?
end=$(date +%s.%N)
if [ $rc -ge 2 ]; then echo "pdf bench: build failed ($rc)"; tail -n 5 "$tmp/err"; exit 1; fi
line=$(grep '^pdf: handbook/county.pdf:' "$tmp/err")
[ -n "$line" ] || { echo "pdf bench: no handbook made"; tail -n 5 "$tmp/err"; exit 1; }
pages=$(echo "$line" | sed 's/.*: \([0-9]*\) pages.*/\1/')
mb=$(echo "$line" | sed 's/.* pages, \([0-9.]*\) MB.*/\1/')
secs=$(echo "$line" | sed 's/.* MB, \([0-9.]*\) s cpu$/\1/')
awk -v p="$pages" -v mb="$mb" -v s="$secs" -v a="$start" -v b="$end" 'BEGIN {
    printf "%-34s %10s %10s %12s\n", "benchmark", "time", "target", "ratio"
    printf "%-34s %8.3f s %8.1f s %12.2f\n", "pdf handbook (" p " pages, " mb " MB)", s, 2, s / 2
    printf "%-34s %8.3f s %10s %12s\n", "  whole build with it (wall)", b - a, "-", "-"
}'
