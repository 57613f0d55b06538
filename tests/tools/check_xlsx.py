#!/usr/bin/python3
"""check_xlsx.py CONTENT OUT YEAR TODAY - the annual statistics, recomputed.

Recomputes the year's key figures straight from CONTENT/data/*.csv (its own
parsing and rules, not gongshi's code) and compares them with what gongshi
wrote: the county workbook OUT/xlsx/stats-YEAR.xlsx read back with openpyxl
(总体, 行政处罚, 行政许可, 行政强制, 违法分析, 法制审核, 执法人员, 明细), every
agency workbook, the 双公示 exports (CSV and XLSX, field order, 万元 with six
decimals) and, when OUT/site exists, the tables of the 统计 page.
Prints what it verified; exits 1 on any mismatch.
"""
import csv, datetime, decimal, glob, io, os, re, sys
from html.parser import HTMLParser

import openpyxl

content, out, year, today = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
today = datetime.date.fromisoformat(today)
problems, verified = [], []


def check(what, got, want):
    if got != want:
        problems.append(f'{what}: workbook has {got!r}, recomputed {want!r}')
    else:
        verified.append(what)


def read_csv(path):
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8-sig')
    except UnicodeDecodeError:
        text = raw.decode('gb18030')
    return [{k.strip(): (v or '').strip() for k, v in r.items() if k} for r in
            csv.DictReader(io.StringIO(text, newline=''))]


def pdate(s):
    s = s.strip()
    if not s:
        return None
    m = re.match(r'^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?', s)
    return datetime.date(int(m[1]), int(m[2]), int(m[3])) if m else None


def ptime(s):
    m = re.search(r'\s(\d{1,2}):(\d{2})(:\d{2})?$', s.strip())
    return int(m[1]) if m else None


def fen(s):
    s = s.strip().lstrip('￥¥').rstrip('元').replace(',', '')
    if not s:
        return None
    y, _, c = s.partition('.')
    return int(y) * 100 + int((c + '00')[:2])


def split(s):
    return [x.strip() for x in re.split('[;；]', s) if x.strip()]


# the heaviest-penalty order of domain.md, lightest first; ranks shared
ORDER = [['警告'], ['通报批评'], ['罚款'], ['没收违法所得', '没收非法财物'], ['暂扣许可证件'],
         ['降低资质等级'], ['限制开展生产经营活动'], ['责令停产停业'], ['责令关闭', '限制从业'],
         ['吊销许可证件'], ['行政拘留']]
RANK = {p: i for i, group in enumerate(ORDER) for p in group}
HEAVY = ['、'.join(g) for g in ORDER] + ['其他']


def heaviest(types):
    ranks = [RANK[t] for t in types if t in RANK]
    return HEAVY[max(ranks)] if ranks else '其他'


def birth(idno):
    if len(idno) == 18 and idno[:17].isdigit():
        s = idno[6:14]
    elif len(idno) == 15 and idno.isdigit():
        s = '19' + idno[6:12]
    else:
        return None
    try:
        return datetime.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:
        return None


def is_minor(r, d):
    if r['相对人类别'] != '自然人' or not r.get('证件号码'):
        return False
    b = birth(r['证件号码'])
    if not b:
        return False
    age = d.year - b.year - ((d.month, d.day) < (b.month, b.day))
    return age < 18


site_yaml = open(os.path.join(content, 'site.yaml'), encoding='utf-8').read()


def setting(key, default):
    m = re.search(r'^\s*' + key + r':\s*"?([0-9.]+)', site_yaml, re.M)
    return float(m[1]) if m else default


summary_skip = re.search(r'summary_procedure:\s*skip', site_yaml) is not None
business_req, law_req = setting('business_hours', 30), setting('law_hours', 30)

decisions = read_csv(os.path.join(content, 'data', 'decisions.csv'))
officers = read_csv(os.path.join(content, 'data', 'officers.csv'))
agencies = [a['机关名称'] for a in read_csv(os.path.join(content, 'data', 'agencies.csv'))]
rows = []
for r in decisions:
    d = pdate(r['决定日期'])
    if d and d.year == year and r['执法机关'] in agencies:
        r['_date'] = d
        rows.append(r)

WITHDRAWN = {'撤销', '确认违法', '确认无效'}


def withdrawn(r):
    sd = pdate(r.get('状态日期', ''))
    return r.get('状态', '') in WITHDRAWN and (sd is None or sd <= today)


def figures(rs):
    f = {'cases': len(rs), 'cat': {}, 'heavy': {h: 0 for h in HEAVY}, 'occur': {},
         'fine': 0, 'fine_cases': 0, 'conf': 0, 'conf_cases': 0, 'permit': {},
         'coer': {}, 'coer_cases': 0, 'major': 0, 'major_rev': 0, 'rev': 0, 'lawyer': 0,
         'hearing': 0, 'vtype': {}, 'place': {}, 'omonth': {}, 'ohour': {}, 'withdrawn': 0,
         'month': {}}
    for r in rs:
        c = r['执法类别']
        f['cat'][c] = f['cat'].get(c, 0) + 1
        f['month'][r['_date'].month] = f['month'].get(r['_date'].month, 0) + 1
        f['withdrawn'] += withdrawn(r)
        if r.get('重大执法决定') == '是':
            f['major'] += 1
            f['major_rev'] += r.get('法制审核') == '是'
        if r.get('法制审核') == '是':
            f['rev'] += 1
            f['lawyer'] += r.get('律师参与') == '是'
        f['hearing'] += r.get('听证') == '是'
        if c == '行政处罚':
            types = split(r['处罚类别'])
            f['heavy'][heaviest(types)] += 1
            for t in types:
                f['occur'][t] = f['occur'].get(t, 0) + 1
            x = fen(r.get('罚款金额', ''))
            if x:
                f['fine'] += x
                f['fine_cases'] += 1
            x = fen(r.get('没收金额', ''))
            if x:
                f['conf'] += x
                f['conf_cases'] += 1
            v = r.get('违法行为类型', '') or '未注明'
            f['vtype'][v] = f['vtype'].get(v, 0) + 1
            p = r.get('发生地点', '') or '未注明'
            f['place'][p] = f['place'].get(p, 0) + 1
            od = pdate(r.get('发生时间', ''))
            key = f'{od.month}月' if od else '未注明'
            f['omonth'][key] = f['omonth'].get(key, 0) + 1
            h = ptime(r.get('发生时间', '')) if od else None
            key = f'{h:02d}时' if h is not None else '未注明时刻'
            f['ohour'][key] = f['ohour'].get(key, 0) + 1
        elif c == '行政许可':
            k = r.get('许可结果', '')
            f['permit'][k] = f['permit'].get(k, 0) + 1
        elif c == '行政强制':
            f['coer_cases'] += 1
            for t in split(r.get('强制措施', '')):
                f['coer'][t] = f['coer'].get(t, 0) + 1
    return f


def sections(ws):
    """section title -> {row label: [values]}: rows after the header row up
    to the next blank row"""
    out, cur, skip = {}, None, False
    for row in ws.iter_rows(values_only=True):
        a = row[0] if row else None
        if a is None:
            cur = None
            continue
        if cur is None and isinstance(a, str) and re.match(r'^[一二三四五六七八九十]+、', a):
            cur = out.setdefault(a.split('、', 1)[1].split('（')[0], {})
            skip = True
            continue
        if cur is None:
            continue
        if skip:
            skip = False
            continue
        vals = list(row[1:])
        while vals and vals[-1] is None:
            vals.pop()
        cur[a] = vals
    return out


def yuan_fen(v):
    return int(round((v or 0) * 100))


CATS = ['行政许可', '行政处罚', '行政强制', '行政检查', '行政征收', '行政征用', '行政确认', '其他']
F = figures(rows)
path = os.path.join(out, 'xlsx', f'stats-{year}.xlsx')
wb = openpyxl.load_workbook(path)
check('sheet names', wb.sheetnames[:9],
      ['总体', '行政处罚', '行政许可', '行政强制', '违法分析', '法制审核', '执法人员', '公示时效', '明细'])
check('document created date', wb.properties.created.date(), today)

S = sections(wb['总体'])
cat = S['执法决定']
for c in CATS:
    check(f'总体 {c} cases', cat[c][0], F['cat'].get(c, 0))
check('总体 合计', cat['合计'][0], F['cases'])
check('总体 withdrawn line', S['决定状态']['其中：已撤下（撤销、确认违法、确认无效）'][0],
      F['withdrawn'])
check('总体 withdrawn = 已撤下 column', cat['合计'][7], F['withdrawn'])
for mth in range(1, 13):
    check(f'总体 month {mth}', S['按月份'][f'{mth}月'][0], F['month'].get(mth, 0))
by_agency = {a: figures([r for r in rows if r['执法机关'] == a]) for a in agencies}
for a in agencies:
    v = S['按执法机关'][a]
    check(f'总体 {a} total', v[8], by_agency[a]['cases'])
    check(f'总体 {a} fines', yuan_fen(v[9]), by_agency[a]['fine'])

P = sections(wb['行政处罚'])
for h in HEAVY:
    check(f'处罚 heaviest {h}', P['按最重处罚类别'][h][0], F['heavy'][h])
check('处罚 heaviest total', P['按最重处罚类别']['合计'][0], F['cat'].get('行政处罚', 0))
for t, n in F['occur'].items():
    check(f'处罚 occurrences {t}', P['各处罚类别出现次数'][t][0], n)
check('处罚 fine cases', P['罚没金额']['罚款'][0], F['fine_cases'])
check('处罚 fines (fen)', yuan_fen(P['罚没金额']['罚款'][1]), F['fine'])
check('处罚 confiscations (fen)', yuan_fen(P['罚没金额']['没收违法所得、没收非法财物'][1]), F['conf'])
check('yuan number format', wb['行政处罚']['C6'].number_format, '#,##0.00')

L = sections(wb['行政许可'])['许可决定']
check('许可 准予', L['准予许可'][0], F['permit'].get('准予', 0))
check('许可 不予', L['不予许可'][0], F['permit'].get('不予', 0))
check('许可 撤销', L['撤销许可'][0], F['permit'].get('撤销', 0))
Q = sections(wb['行政强制'])
check('强制 cases', Q['行政强制决定']['行政强制决定'][0], F['coer_cases'])
for t in ['查封', '扣押', '冻结', '其他']:
    check(f'强制 {t}', Q['按强制措施'][t][0], F['coer'].get(t, 0))

A = sections(wb['违法分析'])
for k, n in F['vtype'].items():
    check(f'违法行为类型 {k}', A['按违法行为类型'][k][0], n)
for k, n in F['place'].items():
    check(f'发生地点 {k}', A['按发生地点'][k][0], n)
for k, n in F['omonth'].items():
    check(f'发生月份 {k}', A['按发生月份'][k][0], n)
for k, n in F['ohour'].items():
    check(f'发生时段 {k}', A['按发生时段'][k][0], n)

R = sections(wb['法制审核'])['重大执法决定与法制审核']
check('重大执法决定', R['重大执法决定'][0], F['major'])
check('其中经法制审核', R['其中：经法制审核'][0], F['major_rev'])
check('经法制审核的决定', R['经法制审核的决定（全部）'][0], F['rev'])
check('律师参与', R['其中：律师（法律顾问）参与'][0], F['lawyer'])
check('听证', R['举行听证'][0], F['hearing'])
lawyer_target = setting('lawyer_share', 0.2)
share = F['lawyer'] / F['rev'] if F['rev'] else 0
check('律师参与率', round(R['律师参与率'][0], 9), round(share, 9))
check('律师参与 flag', R['律师参与率'][2], '达标' if share >= lawyer_target else '未达标')

ref = min(today, datetime.date(year, 12, 31))
held = sum(1 for o in officers if o['证件状态'] == '有效' and
           (not pdate(o.get('有效期至', '')) or pdate(o['有效期至']) >= ref))
reviewers = sum(1 for o in officers if o.get('法制审核人员') == '是')
def hours(s):
    return int(s) if s.strip().isdigit() else 0
train_ok = sum(1 for o in officers if hours(o.get('业务培训学时', '')) >= business_req and
               hours(o.get('法律培训学时', '')) >= law_req)
O = sections(wb['执法人员'])['概况']
check('执法人员', O['执法人员'][0], len(officers))
check('持有效执法证', O['持有效执法证'][0], held)
check('持证率', round(O['持证率'][0], 9), round(held / len(officers), 9))
check('法制审核人员', O['法制审核人员'][0], reviewers)
check('培训达到要求', O['培训达到要求'][0], train_ok)

# the build passes the ledger to the statistics: the sheet reports on-time
# figures (a first build's ledger starts that day, so the year's decisions
# count as published before the ledger)
tl = {r[0]: r[1] for r in wb['公示时效'].iter_rows(values_only=True) if r and r[0]}
check('公示时效 from the ledger', '暂无台账数据' not in tl and isinstance(tl.get('应公示的决定'), int), True)

ws = wb['明细']
head = [c.value for c in ws[1]]
n = sum(1 for _ in ws.iter_rows(min_row=2, values_only=True))
check('明细 rows', n, len(rows))
check('明细 frozen header', ws.freeze_panes, 'B2')
check('明细 filter', ws.auto_filter.ref is not None, True)
fi, di = head.index('罚款金额（元）'), head.index('决定日期')
tot, dates_ok = 0, True
for r in ws.iter_rows(min_row=2, values_only=True):
    tot += yuan_fen(r[fi])
    dates_ok &= isinstance(r[di], datetime.datetime) and r[di].year == year
all_fines = sum(fen(r.get('罚款金额', '')) or 0 for r in rows)
check('明细 fines (fen)', tot, all_fines)
check('明细 dates are Excel dates in the year', dates_ok, True)

# every agency workbook: its own cases and fines
seen = 0
for p in sorted(glob.glob(os.path.join(out, 'xlsx', f'stats-{year}-*.xlsx'))):
    w = openpyxl.load_workbook(p, read_only=True)
    name = w.properties.title.rsplit(' ', 1)[0]
    s = sections(w['总体'])
    check(f'{name} workbook cases', s['执法决定']['合计'][0], by_agency[name]['cases'])
    pen = sections(w['行政处罚'])['罚没金额']
    check(f'{name} workbook fines', yuan_fen(pen['罚款'][1]), by_agency[name]['fine'])
    seen += 1
    w.close()
check('agency workbooks', seen, len(agencies))

# 双公示: field order, rows, 万元 with six decimals
PEN_COLS = ['行政相对人名称', '行政相对人类别', '统一社会信用代码', '法定代表人', '证件类型', '证件号码',
            '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '处罚内容',
            '罚款金额（万元）', '没收违法所得、没收非法财物的金额（万元）', '暂扣或吊销证照名称及编号',
            '处罚决定日期', '处罚有效期', '公示截止期', '处罚机关', '处罚机关统一社会信用代码',
            '数据来源单位', '数据来源单位统一社会信用代码', '备注']


def exported(r):
    if r['_date'] > today or r.get('不予公开') or is_minor(r, r['_date']):
        return False
    if summary_skip and r['执法类别'] == '行政处罚' and r.get('程序类型') == '简易程序':
        return False
    return r.get('公示审核') != '待审' and not withdrawn(r)


want = [r for r in rows if r['执法类别'] == '行政处罚' and exported(r)]
text = open(os.path.join(out, 'xlsx', f'sgs-penalties-{year}.csv'), encoding='utf-8-sig').read()
got = list(csv.reader(io.StringIO(text, newline='')))
check('双公示 penalty field order', got[0], PEN_COLS)
check('双公示 penalty rows (CSV)', len(got) - 1, len(want))
check('双公示 penalty documents', sorted(g[6] for g in got[1:]), sorted(r['文书号'] for r in want))
wan_ok = all(re.match(r'^\d+\.\d{6}$', g[12]) or g[12] == '' for g in got[1:])
check('双公示 万元 has six decimals', wan_ok, True)
wan_sum = sum(decimal.Decimal(g[12]) for g in got[1:] if g[12])
check('双公示 fines in 万元', wan_sum * 1000000, sum(fen(r.get('罚款金额', '')) or 0 for r in want))
xw = openpyxl.load_workbook(os.path.join(out, 'xlsx', f'sgs-penalties-{year}.xlsx'), read_only=True)
xs = xw['行政处罚']
xrows = list(xs.iter_rows(values_only=True))
check('双公示 penalty field order (XLSX)', list(xrows[0]), PEN_COLS)
check('双公示 penalty rows (XLSX)', len(xrows) - 1, len(want))
xw.close()
want_p = [r for r in rows if r['执法类别'] == '行政许可' and exported(r) and
          r.get('许可结果') in ('准予', '撤销')]
text = open(os.path.join(out, 'xlsx', f'sgs-permits-{year}.csv'), encoding='utf-8-sig').read()
got = list(csv.reader(io.StringIO(text, newline='')))
check('双公示 permit rows (CSV)', len(got) - 1, len(want_p))


# the 统计 page: its tables show the same numbers
class Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.cap, self.row, self.cell, self.in_cap = {}, None, None, None, False
    def handle_starttag(self, tag, attrs):
        if tag == 'caption':
            self.in_cap, self.cap = True, ''
        elif tag == 'tr':
            self.row = []
        elif tag in ('td', 'th') and self.row is not None:
            self.cell = ''
    def handle_endtag(self, tag):
        if tag == 'caption':
            self.in_cap = False
            self.tables[self.cap] = []
        elif tag in ('td', 'th') and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == 'tr' and self.row is not None:
            if self.cap in self.tables:
                self.tables[self.cap].append(self.row)
            self.row = None
    def handle_data(self, data):
        if self.in_cap:
            self.cap += data
        elif self.cell is not None:
            self.cell += data


page = os.path.join(out, 'site', 'stats', 'index.html')
if os.path.exists(page) and year == today.year - 1:
    t = Tables()
    t.feed(open(page, encoding='utf-8').read())
    def num(s):
        return int(s.replace(',', ''))
    cats = {r[0]: r for r in t.tables['执法决定（按执法类别）'][1:]}
    for c in CATS:
        check(f'统计页 {c}', num(cats[c][1]), F['cat'].get(c, 0))
    check('统计页 已撤下', num(cats['合计'][3]), F['withdrawn'])
    heavy = {r[0]: r for r in t.tables['行政处罚（按最重处罚类别）'][1:]}
    for h in HEAVY:
        check(f'统计页 heaviest {h}', num(heavy[h][1]), F['heavy'][h])
    check('统计页 fines', fen(heavy['合计'][2]), F['fine'])
    check('统计页 公示时效 without a ledger', '暂无台账数据' in open(page, encoding='utf-8').read(), True)
    check('统计页 has one svg per chart', open(page, encoding='utf-8').read().count('<svg') >= 6,
          True)

for p in problems[:60]:
    print(p)
print(f'{len(verified)} figures verified, {len(problems)} mismatches '
      f'({len(rows)} decisions of {year}, {len(officers)} officers)')
sys.exit(1 if problems else 0)
