#!/bin/sh
# `gongshi due` against an independent computation: a few thousand random
# (date, N) pairs across the sample calendar's years (2015-2026), counted
# day by day in Python straight from content/calendar/*.csv, plus dates
# and deadlines outside the calendar (exit 2, nothing on stdout).
bin=gen/gongshi
[ -x "$bin" ] || { echo "gongshi not built"; exit 1; }
exec /usr/bin/python3 - "$bin" <<'PY'
import concurrent.futures, csv, datetime, glob, os, random, subprocess, sys
BIN = sys.argv[1]
off, work, years = set(), set(), set()
for p in glob.glob("content/calendar/*.csv"):
    years.add(int(os.path.basename(p)[:4]))
    with open(p, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            d = datetime.date.fromisoformat(r["date"])
            (off if r["kind"] == "休" else work).add(d)
if sorted(years) != list(range(2015, 2027)):
    print("calendar years", sorted(years)); sys.exit(1)

def workday(d):
    return d in work or (d not in off and d.weekday() < 5)

def due(d, n):
    """the n-th working day after d; None when it leaves the calendar"""
    if d.year not in years:
        return None
    while n > 0:
        d += datetime.timedelta(days=1)
        if d.year not in years:
            return None
        n -= workday(d)
    return d

rng = random.Random(20241012)
lo, hi = datetime.date(2015, 1, 1).toordinal(), datetime.date(2026, 12, 31).toordinal()
pairs = []
for i in range(2500):
    d = datetime.date.fromordinal(rng.randint(lo, hi))
    n = rng.choice([0, 1, 2, 3, 5, 7, 20]) if i % 2 else rng.randint(0, 60)
    pairs.append((d, n))
# the edges: the calendar's last days, dates outside it, holiday eves
pairs += [(datetime.date(2026, 12, 31), 1), (datetime.date(2026, 12, 25), 5),
          (datetime.date(2014, 12, 31), 1), (datetime.date(2027, 1, 4), 0),
          (datetime.date(2015, 1, 1), 0), (datetime.date(2024, 9, 27), 7)]

def ask(pair):
    d, n = pair
    p = subprocess.run([BIN, "due", "--from", d.isoformat(), "--workdays", str(n)],
                       capture_output=True, text=True)
    return pair, p.returncode, p.stdout

bad = 0
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
    for (d, n), rc, out in ex.map(ask, pairs):
        want = due(d, n)
        if want is None:
            ok = rc == 2 and out == ""
        else:
            ok = rc == 0 and out == want.isoformat() + "\n"
        if not ok:
            bad += 1
            if bad <= 10:
                print("due --from %s --workdays %d: exit %d, %r; expected %s"
                      % (d, n, rc, out, want or "exit 2"))
if bad:
    print("%d of %d pairs wrong" % (bad, len(pairs))); sys.exit(1)
print("due: %d pairs match the independent count" % len(pairs))
PY
