#!/usr/bin/python3
"""check_site.py CONTENT SITE - invariants of a built site against its content.

- no 证件号码 from decisions.csv, and nothing shaped like an 18-digit ID
  number, appears anywhere under SITE;
- no natural person's full name appears (masking), unless masking is off;
- every relative link and stylesheet in every page resolves to a file;
- every page has a <title> and an <h1>.
Prints problems and exits 1 if any.
"""
import csv, io, os, re, sys
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

id_shape = re.compile(r'(?<![0-9])[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])')

class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.title, self.h1 = [], False, False
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
        for n in persons:
            if n in text:
                problems.append(f'{rel}: contains the unmasked name of a natural person')
        if not f.endswith('.html'):
            continue
        pages += 1
        p = Links()
        p.feed(text)
        if not p.title or not p.h1:
            problems.append(f'{rel}: missing <title> or <h1>')
        for href in p.links:
            if re.match(r'^[a-z][a-z0-9+.-]*:', href) or href.startswith('#') or href.startswith('//'):
                continue
            target = href.split('#')[0].split('?')[0]
            if not target:
                continue
            full = os.path.normpath(os.path.join(os.path.dirname(path), target))
            if not os.path.exists(full):
                problems.append(f'{rel}: broken link {href}')

for p in sorted(set(problems))[:50]:
    print(p)
print(f'{pages} pages checked, {len(set(problems))} problems')
sys.exit(1 if problems else 0)
