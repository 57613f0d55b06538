#!/usr/bin/python3
"""crash_kill.py BIN CONTENT [N] - kill `gongshi build` with SIGKILL at
random moments, N times (default 50), and check after each kill that

- OUT/site is a complete generation: exactly the files of a reference
  build, every one readable (the live site is never half-written);
- the ledger is a sound SQLite database (PRAGMA integrity_check);
- a second build running at the same time is refused (exit 2).

Between kills the content alternates between two versions (the second has
one decision withdrawn), so kills land in builds that change the site.
Finally an undisturbed build must produce the reference site byte for byte.
"""
import filecmp, os, random, re, shutil, signal, sqlite3, subprocess, sys, tempfile, time

BIN, CONTENT = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 50
TODAY = '2026-11-23'
rng = random.Random(20261123)
problems = []


def files(root):
    out = set()
    for d, _, fs in os.walk(root):
        for f in fs:
            out.add(os.path.relpath(os.path.join(d, f), root))
    return out


def build(content, out, state, extra=()):
    return subprocess.Popen([BIN, 'build', '--content', content, '--out', out,
                             '--state', state, '--today', TODAY, '--quiet', *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


with tempfile.TemporaryDirectory() as tmp:
    # two content versions: as given, and with the newest decision revoked
    a = os.path.join(tmp, 'a')
    b = os.path.join(tmp, 'b')
    shutil.copytree(CONTENT, a)
    shutil.copytree(CONTENT, b)
    dec = os.path.join(b, 'data', 'decisions.csv')
    text = open(dec, encoding='utf-8-sig').read()
    lines = text.split('\n')
    open(dec, 'w', encoding='utf-8').write('\n'.join(lines[:-2] + [lines[-1]]) if lines[-1] == ''
                                           else '\n'.join(lines[:-1]))

    refs = {}
    for name, c in (('a', a), ('b', b)):
        out = os.path.join(tmp, 'ref-' + name)
        t0 = time.time()
        p = build(c, out, os.path.join(tmp, 'state-ref-' + name))
        p.communicate()
        if p.returncode not in (0, 1):
            print(f'reference build {name} failed: exit {p.returncode}')
            sys.exit(1)
        refs[name] = (out, files(os.path.join(out, 'site')), time.time() - t0)
    span = max(r[2] for r in refs.values())

    out = os.path.join(tmp, 'out')
    state = os.path.join(tmp, 'state')
    p = build(a, out, state)
    p.communicate()
    live_sets = [refs['a'][1], refs['b'][1]]
    kills = 0
    for i in range(N):
        c = b if i % 2 == 0 else a
        p = build(c, out, state)
        time.sleep(rng.uniform(0, span))
        if i % 10 == 5:
            # a concurrent second build must be refused while the first runs
            q = build(c, out, state)
            q.communicate()
            if p.poll() is None and q.returncode != 2:
                problems.append(f'kill {i}: a concurrent build was not refused (exit {q.returncode})')
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.communicate()
        site = os.path.join(out, 'site')
        got = files(site) if os.path.isdir(site) else None
        if got not in live_sets:
            problems.append(f'kill {i}: the live site is not a complete generation')
        else:
            for f in list(got)[:50]:
                open(os.path.join(site, f), 'rb').read()
        db = os.path.join(state, 'ledger.sqlite')
        if os.path.exists(db):
            r = sqlite3.connect(db).execute('PRAGMA integrity_check').fetchone()[0]
            if r != 'ok':
                problems.append(f'kill {i}: ledger integrity: {r}')
    # an undisturbed build ends where the reference did
    p = build(a, out, state)
    p.communicate()
    if p.returncode not in (0, 1):
        problems.append(f'final build exit {p.returncode}')
    cmp = filecmp.dircmp(os.path.join(out, 'site'), os.path.join(refs['a'][0], 'site'))
    def diffs(dc):
        n = len(dc.left_only) + len(dc.right_only) + len(dc.diff_files)
        return n + sum(diffs(s) for s in dc.subdirs.values())
    if diffs(cmp):
        problems.append('final build differs from the reference build')
    # kept: the live generation, the previous one and the spare, each with
    # its manifest; nothing else (no unfinished generation, no .base, .tmp)
    names = os.listdir(os.path.join(out, '.site-gen'))
    gens = [n for n in names if re.fullmatch(r'[0-9]{6}', n)]
    other = [n for n in names if not re.fullmatch(r'[0-9]{6}(\.manifest)?', n)
             or n[:6] not in gens]
    if len(gens) > 3 or other:
        problems.append(f'after a clean build .site-gen holds {sorted(names)} '
                        '(expected at most 3 generations and their manifests)')

for p in problems[:20]:
    print(p)
print(f'{N} runs, {kills} killed mid-build, {len(problems)} problems')
sys.exit(1 if problems else 0)
