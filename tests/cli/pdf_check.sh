#!/bin/sh
# Build the sample county and check every PDF under out/pdf:
#   - qpdf --check is clean, pdffonts shows every font embedded, pdftotext
#     reads every page without a warning (a ToUnicode map it can follow);
#   - every handbook holds its phrases (pdftotext, in book order: 通用 then
#     the 执法类别, scenes in order of appearance, 序号 within a scene);
#   - the outline's chapters are the book's chapters, its sections the
#     scenes, and each 目录 page number is the page the heading is on;
#   - window signs: one page per officer with a valid certificate, and the
#     QR code (pdftoppm + zbarimg) decodes to that officer's page on the site;
#   - display boards: TrimBox = the finished size, BleedBox 3 mm beyond;
#   - quiz sheet and key carry the same sheet number and question count;
#   - a second build gives byte-identical PDFs.
set -u
for t in qpdf pdffonts pdftotext pdfinfo pdftoppm zbarimg; do
    command -v $t >/dev/null 2>&1 || { echo "$t not installed (make deps)"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gspdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bin=gen/gongshi
today=2026-11-23
$bin build --content content --out "$tmp/out" --state "$tmp/state" --today $today --quiet 2>"$tmp/err"
rc=$?
# exit 1 is a finished build with problems in the input (overdue items ...)
if [ $rc -ge 2 ]; then echo "build exited $rc"; cat "$tmp/err"; exit 1; fi
pdf="$tmp/out/pdf"
n=$(find "$pdf" -name '*.pdf' | wc -l)
[ "$n" -ge 5 ] || { echo "only $n PDFs"; exit 1; }
# qpdf and pdffonts on every file, as many at once as there are processors
find "$pdf" -name '*.pdf' | sort | xargs -P "$(nproc 2>/dev/null || echo 2)" -n 1 sh -c '
    qpdf --check "$1" >/dev/null 2>&1 || { echo "qpdf --check fails: $1"; exit 255; }
    pdffonts "$1" 2>/dev/null | awk "NR > 2 && \$(NF-4) != \"yes\" { bad = 1 } END { exit bad }" ||
        { echo "a font is not embedded: $1"; exit 255; }
    w=$(pdftotext "$1" - 2>&1 >/dev/null)
    [ -z "$w" ] || { echo "pdftotext warns on $1: $w" | head -n 3; exit 255; }' sh || exit 1
/usr/bin/python3 - "$pdf" content "$today" "$tmp/out/site" <<'PY' || exit 1
import csv, json, os, re, subprocess, sys

pdf, content, today, site = sys.argv[1:5]

def run(*args):
    return subprocess.run(args, check=True, capture_output=True).stdout.decode('utf-8')

def norm(s):
    return re.sub(r'\s+', '', s)

def rows(name):
    with open(os.path.join(content, 'data', name), encoding='utf-8-sig') as f:
        return list(csv.DictReader(f))

fail = []
agencies = {r['机关名称']: r for r in rows('agencies.csv')}
short = {r['简称']: n for n, r in agencies.items() if r.get('简称')}
phrases = rows('phrases.csv')
cats = ['通用', '行政许可', '行政处罚', '行政强制', '行政检查', '行政征收', '行政征用', '行政确认', '其他']

def book(agency):
    """chapters [(category, [(scene, [phrase rows])])] as the handbook orders them"""
    out = []
    for c in cats:
        scenes = {}
        for i, p in enumerate(phrases):
            owner = short.get(p['执法机关'], p['执法机关'])
            if p['执法类别'] != c or (agency and owner and owner != agency):
                continue
            scenes.setdefault(p['场景'], []).append((int(p['序号'] or 0), i, p))
        if scenes:
            out.append((c, [(s, [p for _, _, p in sorted(v, key=lambda t: t[:2])])
                            for s, v in scenes.items()]))
    return out

cn = '一二三四五六七八九'
def cnum(n):
    return (cn[n // 10 - 1] if n >= 20 else '') + ('十' if n >= 10 else '') + \
           (cn[n % 10 - 1] if n % 10 else '')

def info(f):
    d = {}
    for line in run('pdfinfo', f).splitlines():
        k, _, v = line.partition(':')
        d[k.strip()] = v.strip()
    return d

def pages_text(f, n, mode='-raw', first=1):
    """the text of pages first..n, one string per page"""
    t = run('pdftotext', mode, '-f', str(first), '-l', str(n), f, '-').split('\f')
    return t[:n - first + 1]

site_name = ''
for line in open(os.path.join(content, 'site.yaml'), encoding='utf-8'):
    m = re.match(r'name:\s*(\S+)', line)
    if m:
        site_name = m.group(1)
        break

# ---- handbooks ----
hb_dir = os.path.join(pdf, 'handbook')
seen = set()
for fn in sorted(os.listdir(hb_dir)):
    f = os.path.join(hb_dir, fn)
    author = info(f)['Author']
    agency = None if author == site_name else author
    if agency is not None and agency not in agencies:
        fail.append(f'{fn}: author {author} is no agency'); continue
    seen.add(agency)
    chapters = book(agency)
    npages = int(info(f)['Pages'])
    texts = pages_text(f, npages)
    body = norm(''.join(texts))
    pos = 0
    for _, scenes in chapters:
        for _, ps in scenes:
            for p in ps:
                k = body.find(norm(p['规范用语']), pos)
                if k < 0:
                    fail.append(f'{fn}: phrase missing or out of order: {p["规范用语"][:20]}')
                    break
                pos = k + 1
    # outline = chapters, kids = scenes; pages agree with the 目录
    ol = json.loads(run('qpdf', '--json', '--json-key=outlines', f))['outlines']
    want = [f'第{cnum(i + 1)}章　{c}' for i, (c, _) in enumerate(chapters)]
    got = [o['title'] for o in ol]
    if got != want:
        fail.append(f'{fn}: outline {got} != chapters {want}')
        continue
    entries = []
    for o, (_, scenes) in zip(ol, chapters):
        kids = [k['title'] for k in o['kids']]
        wk = [f'{cnum(j + 1)}、{s}' for j, (s, _) in enumerate(scenes)]
        if kids != wk:
            fail.append(f'{fn}: outline sections {kids} != {wk}')
        entries.append((o['title'], o['destpageposfrom1']))
        entries += [(k['title'], k['destpageposfrom1']) for k in o['kids']]
    first = entries[0][1]
    toc = []  # (title, page) in 目录 order; titles repeat across chapters
    # pages 2 .. the one before chapter one
    for line in ''.join(pages_text(f, first - 1, '-layout', 2)).splitlines():
        m = re.match(r'^\s*(\S.*?)[\s.]*\.[\s.]*(\d+)\s*$', line)
        if m:
            toc.append((norm(m.group(1)), int(m.group(2))))
    if len(toc) != len(entries):
        fail.append(f'{fn}: 目录 has {len(toc)} entries, outline {len(entries)}')
    cursor = first
    for (title, page), (ttitle, tpage) in zip(entries, toc):
        if ttitle != norm(title) or tpage != page:
            fail.append(f'{fn}: 目录 says {ttitle} on {tpage}, outline {title} on {page}')
        # the heading is on that page, and not earlier since the last entry
        hit = next((q for q in range(cursor, npages + 1)
                    if norm(title) in norm(texts[q - 1])), None)
        if hit != page:
            fail.append(f'{fn}: {title} first on page {hit}, 目录 says {page}')
        cursor = page
if None not in seen or len(seen) != len(agencies) + 1:
    fail.append(f'handbooks for {len(seen)} of {len(agencies) + 1} (county + agencies)')

# ---- window signs ----
officers = rows('officers.csv')
sign_dir = os.path.join(pdf, 'signs')
checked_qr = 0
for fn in sorted(os.listdir(sign_dir)):
    f = os.path.join(sign_dir, fn)
    author = info(f)['Author']
    valid = [o for o in officers if o['执法机关'] == author and o['证件状态'] == '有效'
             and (not o['有效期至'] or o['有效期至'] >= today)]
    n = int(info(f)['Pages'])
    if n != len(valid):
        fail.append(f'{fn}: {n} pages, {len(valid)} officers with valid certificates')
        continue
    texts = pages_text(f, n)
    for o, t in zip(valid, texts):
        if o['执法证号'] not in t or norm(o['姓名']) not in norm(t):
            fail.append(f'{fn}: no name/执法证号 of {o["执法证号"]} on its page')
    if checked_qr < 2:  # decode a couple of codes: slow-ish
        png = os.path.join(os.path.dirname(pdf), 'sign')
        subprocess.run(['pdftoppm', '-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile',
                        f, png], check=True, capture_output=True)
        url = subprocess.run(['zbarimg', '-q', '--raw', png + '.png'],
                             capture_output=True).stdout.decode().strip()
        m = re.match(r'^https?://[^/]+/.*?(officers/[^/]+\.html)$', url)
        page = os.path.join(site, m.group(1)) if m else None
        if not page or not os.path.exists(page):
            fail.append(f'{fn}: QR code reads {url!r}, not an officer page of the site')
        elif valid[0]['执法证号'] not in open(page, encoding='utf-8').read():
            fail.append(f'{fn}: QR code {url} is not the page of {valid[0]["执法证号"]}')
        checked_qr += 1
if not checked_qr:
    fail.append('no window sign checked')

# ---- display boards ----
mm = 72 / 25.4
for fn in sorted(os.listdir(os.path.join(pdf, 'boards'))):
    f = os.path.join(pdf, 'boards', fn)
    out = run('pdfinfo', '-box', '-f', '1', '-l', '2', f)
    for page, (w, h) in ((1, (900, 1200)), (2, (594, 841))):
        box = {}
        for line in out.splitlines():
            m = re.match(rf'Page\s+{page} (\w+):\s+([-\d. ]+)$', line)
            if m:
                box[m.group(1)] = [float(x) for x in m.group(2).split()]
        t, b = box.get('TrimBox'), box.get('BleedBox')
        if not t or not b:
            fail.append(f'{fn} page {page}: no TrimBox/BleedBox'); continue
        if abs((t[2] - t[0]) / mm - w) > 0.5 or abs((t[3] - t[1]) / mm - h) > 0.5:
            fail.append(f'{fn} page {page}: trim {(t[2]-t[0])/mm:.1f}x{(t[3]-t[1])/mm:.1f} mm')
        if any(abs(abs(b[i] - t[i]) / mm - 3) > 0.1 for i in range(4)):
            fail.append(f'{fn} page {page}: bleed is not 3 mm')

# ---- quiz sheets and keys ----
qdir = os.path.join(pdf, 'quiz')
sheets = [x for x in os.listdir(qdir) if x.endswith(f'-{today}.pdf')]
if len(sheets) != len(agencies):
    fail.append(f'{len(sheets)} quiz sheets for {len(agencies)} agencies')
for fn in sorted(sheets):
    s = run('pdftotext', '-raw', os.path.join(qdir, fn), '-')
    k = run('pdftotext', '-raw', os.path.join(qdir, fn[:-4] + '-key.pdf'), '-')
    ns, nk = re.search(r'试卷编号：(\w+)', s), re.search(r'试卷编号：(\w+)', k)
    if not ns or not nk or ns.group(1) != nk.group(1):
        fail.append(f'{fn}: sheet and key numbers differ')
    qn = len(re.findall(r'^\f?\d+．', s, re.M))
    kn = re.search(r'共(\d+)题', k)
    if not qn or not kn or int(kn.group(1)) != qn:
        fail.append(f'{fn}: {qn} questions, key says {kn and kn.group(1)}')

for x in fail:
    print(x)
sys.exit(1 if fail else 0)
PY
# same input, same bytes
cp -a "$pdf" "$tmp/first"
$bin build --content content --out "$tmp/out" --state "$tmp/state" --today $today --quiet 2>/dev/null
diff -r "$tmp/first" "$pdf" >/dev/null || { echo "second build gave different PDFs"; exit 1; }
echo "pdf: $n documents checked"
