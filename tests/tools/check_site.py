#!/usr/bin/python3
"""check_site.py CONTENT SITE - invariants of a built site against its content.

- no 证件号码 from decisions.csv, and nothing shaped like an 18-digit ID
  number, appears anywhere under SITE;
- nothing shaped like a mobile number (1, 3-9, nine more digits, no digit
  either side) appears anywhere, except an agency's published 电话 or
  投诉电话 (URL hashes included: they are ASCII in a page, not a number);
- no natural person's full name appears (masking), unless masking is off;
- every relative link and stylesheet in every page resolves to a file;
- every page has a <title>, an <h1> and breadcrumbs;
- the 404 page links only absolutely (from base_url);
- feeds (Atom) and sitemaps parse, use absolute URLs from base_url that
  resolve to pages, and a sitemap file holds at most 50,000 URLs;
- robots.txt names the sitemap index;
- a withdrawn or expired decision's notice page is in no list, feed,
  sitemap or search record.
Prints problems and exits 1 if any.
"""
import csv, io, json, os, re, sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

content, site = sys.argv[1], sys.argv[2]
problems = []

def read_csv(path):
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8-sig')
    except UnicodeDecodeError:
        text = raw.decode('gb18030')
    return list(csv.DictReader(io.StringIO(text, newline='')))

decisions = read_csv(os.path.join(content, 'data', 'decisions.csv'))
ids = {r['证件号码'].strip() for r in decisions if r.get('证件号码', '').strip()}
masking = 'person_name: full' not in open(os.path.join(content, 'site.yaml'), encoding='utf-8').read()
persons = set()
if masking:
    for r in decisions:
        n = r['相对人名称'].strip()
        if r['相对人类别'].strip() == '自然人' and len(n) >= 2:
            persons.add(n)
        if r['相对人类别'].strip() == '个体工商户' and len(r.get('法定代表人', '').strip()) >= 2:
            persons.add(r['法定代表人'].strip())

agencies_csv = os.path.join(content, 'data', 'agencies.csv')
published_phones = set()
if os.path.exists(agencies_csv):
    for r in read_csv(agencies_csv):
        for col in ('电话', '投诉电话'):
            published_phones.update(re.findall(r'[0-9]+', r.get(col) or ''))
mobile_shape = re.compile(r'(?<![0-9])1[3-9][0-9]{9}(?![0-9])')

id_shape = re.compile(r'(?<![0-9])[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])')

class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.title, self.h1, self.crumbs = [], False, False, False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'a' and a.get('href'):
            self.links.append(a['href'])
        if tag == 'link' and a.get('href'):
            self.links.append(a['href'])
        if tag == 'script' and a.get('src'):
            self.links.append(a['src'])
        if tag == 'img' and a.get('src'):
            self.links.append(a['src'])
        if tag == 'title':
            self.title = True
        if tag == 'h1':
            self.h1 = True
        if tag == 'nav' and 'crumbs' in (a.get('class') or '').split():
            self.crumbs = True

yaml_text = open(os.path.join(content, 'site.yaml'), encoding='utf-8').read()
m = re.search(r'^base_url:\s*(\S+)', yaml_text, re.M)
base = m.group(1).strip('"\'') if m else ''
if base and not base.endswith('/'):
    base += '/'
notices = set()   # pages of withdrawn or expired decisions
pages = 0
for dirpath, _, files in os.walk(site):
    for f in files:
        path = os.path.join(dirpath, f)
        text = open(path, 'rb').read().decode('utf-8', 'replace')
        rel = os.path.relpath(path, site)
        for i in ids:
            if i and i in text:
                problems.append(f'{rel}: contains a 证件号码 from decisions.csv')
        if id_shape.search(text):
            problems.append(f'{rel}: contains an ID-number-shaped string')
        for mob in mobile_shape.findall(text):
            if mob not in published_phones:
                problems.append(f'{rel}: contains a mobile-number-shaped string {mob}')
                break
        for n in persons:
            if n in text:
                problems.append(f'{rel}: contains the unmasked name of a natural person')
        if not f.endswith('.html'):
            continue
        pages += 1
        p = Links()
        p.feed(text)
        if 'class="decision taken-down"' in text:
            notices.add(rel)
        if not p.title or not p.h1:
            problems.append(f'{rel}: missing <title> or <h1>')
        if not p.crumbs:
            problems.append(f'{rel}: no breadcrumbs')
        if rel == '404.html':
            for href in p.links:
                if not href.startswith('#') and not (base and href.startswith(base)):
                    problems.append(f'404.html: link not absolute from base_url: {href}')
            continue
        for href in p.links:
            if re.match(r'^[a-z][a-z0-9+.-]*:', href) or href.startswith('#') or href.startswith('//'):
                continue
            target = href.split('#')[0].split('?')[0]
            if not target:
                continue
            full = os.path.normpath(os.path.join(os.path.dirname(path), target))
            if not os.path.exists(full):
                problems.append(f'{rel}: broken link {href}')

def page_of(url, where):
    if not url.startswith(base):
        problems.append(f'{where}: URL not from base_url: {url}')
        return None
    rel = url[len(base):].split('#')[0]
    if not os.path.exists(os.path.join(site, rel)):
        problems.append(f'{where}: URL to a missing page: {url}')
    return rel

A = '{http://www.w3.org/2005/Atom}'
feeds = [os.path.relpath(os.path.join(d, f), site) for d, _, fs in os.walk(site) for f in fs if f == 'feed.xml']
if 'feed.xml' not in feeds:
    problems.append('no feed.xml')
for f in feeds:
    try:
        root = ET.parse(os.path.join(site, f)).getroot()
    except ET.ParseError as e:
        problems.append(f'{f}: not well-formed: {e}')
        continue
    if root.tag != A + 'feed' or root.find(A + 'updated') is None or root.find(A + 'id') is None:
        problems.append(f'{f}: not an Atom feed')
    ids = set()
    for e in root.findall(A + 'entry'):
        link = e.find(A + 'link').get('href')
        rel = page_of(link, f)
        if rel in notices:
            problems.append(f'{f}: lists a withdrawn or expired decision {rel}')
        ids.add(e.find(A + 'id').text)
        if not re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$', e.find(A + 'updated').text or ''):
            problems.append(f'{f}: bad <updated> in an entry')
    if len(ids) != len(root.findall(A + 'entry')):
        problems.append(f'{f}: entry ids not unique')

SM = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
mapped = set()
try:
    index = ET.parse(os.path.join(site, 'sitemap.xml')).getroot()
    if index.tag != SM + 'sitemapindex':
        problems.append('sitemap.xml: not a sitemap index')
    for loc in index.iter(SM + 'loc'):
        rel = page_of(loc.text, 'sitemap.xml')
        if not rel:
            continue
        urls = ET.parse(os.path.join(site, rel)).getroot().findall(SM + 'url')
        if len(urls) > 50000:
            problems.append(f'{rel}: {len(urls)} URLs, more than 50,000')
        for u in urls:
            r = page_of(u.find(SM + 'loc').text, rel)
            mapped.add(r)
except (OSError, ET.ParseError) as e:
    problems.append(f'sitemaps: {e}')
for rel in notices & mapped:
    problems.append(f'sitemap lists a withdrawn or expired decision {rel}')
if '404.html' in mapped:
    problems.append('sitemap lists 404.html')
html_pages = {os.path.relpath(os.path.join(d, f), site) for d, _, fs in os.walk(site) for f in fs if f.endswith('.html')}
missing = html_pages - mapped - notices - {'404.html'}
if missing:
    problems.append(f'{len(missing)} pages not in the sitemap, e.g. {sorted(missing)[0]}')
try:
    robots = open(os.path.join(site, 'robots.txt'), encoding='utf-8').read()
    if f'Sitemap: {base}sitemap.xml' not in robots:
        problems.append('robots.txt does not name the sitemap index')
except OSError:
    problems.append('no robots.txt')

# the search index: records of published documents only
for d, _, fs in os.walk(os.path.join(site, 'idx')):
    for f in fs:
        rel = os.path.relpath(os.path.join(d, f), os.path.join(site, 'idx')).replace(os.sep, '/')
        if not re.match(r'^[sd]/c/', rel):
            continue
        text = open(os.path.join(d, f), encoding='utf-8').read()
        for rec in json.loads(text[text.index(',') + 1:text.rindex(')')]):
            url = rec[1].split('#')[0]
            if url in notices:
                problems.append(f'search index holds a withdrawn or expired decision {url}')
            if not os.path.exists(os.path.join(site, url)):
                problems.append(f'search record links to a missing page {url}')

for p in sorted(set(problems))[:50]:
    print(p)
print(f'{pages} pages checked, {len(set(problems))} problems')
sys.exit(1 if problems else 0)
