#!/usr/bin/python3
"""pathological.py BIN - inputs built to blow up naive parsers.

Each case runs gongshi under a generous hang guard (not a timing test:
a linear program finishes these in seconds, a quadratic one never does)
and checks the exit status and the peak memory of the child.
"""
import os, resource, shutil, subprocess, sys, tempfile

BIN = sys.argv[1]
MINI = 'tests/fixtures/mini'
problems = []


def run(args, expect, label, mem_mb):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    try:
        p = subprocess.run([BIN] + args, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=300)
    except subprocess.TimeoutExpired:
        problems.append(f'{label}: did not finish (hang guard)')
        return
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if p.returncode not in expect:
        problems.append(f'{label}: exit {p.returncode}, expected {expect}: '
                        + p.stderr.decode('utf-8', 'replace')[-300:])
    if peak > mem_mb and peak > before / 1024:
        problems.append(f'{label}: peak memory {peak:.0f} MB > {mem_mb} MB')
    print(f"{label}: exit {p.returncode}, peak RSS so far {peak:.0f} MB")


def county(tmp, edit):
    c = os.path.join(tmp, 'c')
    shutil.rmtree(c, ignore_errors=True)
    shutil.rmtree(os.path.join(tmp, 'state'), ignore_errors=True)
    shutil.copytree(MINI, c)
    edit(c)
    return ['build', '--content', c, '--out', os.path.join(tmp, 'out'),
            '--state', os.path.join(tmp, 'state'), '--today', '2025-06-01', '--quiet']


with tempfile.TemporaryDirectory() as tmp:
    dec = lambda c: os.path.join(c, 'data', 'decisions.csv')

    def big_cell(c):
        rows = open(dec(c), encoding='utf-8-sig').read().splitlines(True)
        head = rows[0]
        # one more decision whose 违法事实 is 10 MB (digits and separators
        # included, to exercise the scrubber too)
        cols = head.rstrip('\r\n').split(',')
        cells = [''] * len(cols)
        vals = {'文书号': '示市监处罚〔2024〕999号', '执法类别': '行政检查',
                '执法机关': '示例县市场监督管理局', '相对人名称': '示例县巨量文本有限公司',
                '相对人类别': '法人及非法人组织', '统一社会信用代码': '91419999MA00000014',
                '决定日期': '2024-10-08', '执法结论': '检查合格',
                '违法事实': ('当事人经营场所 1 2 3 4 5 6 ' * 400000)[:10 * 1024 * 1024 // 3]}
        for i, k in enumerate(cols):
            cells[i] = vals.get(k.strip('\ufeff'), '')
        with open(dec(c), 'a', encoding='utf-8') as f:
            f.write(','.join('"%s"' % x for x in cells) + '\n')
    run(county(tmp, big_cell), {0, 1}, '10 MB cell', 400)

    def million_columns(c):
        with open(dec(c), 'w', encoding='utf-8') as f:
            f.write(','.join('c%d' % i for i in range(1000000)) + '\n')
            f.write(','.join('x' for _ in range(1000000)) + '\n')
    run(county(tmp, million_columns), {1}, 'a million columns', 600)

    def quotes(c):
        # a quoted field that never ends, full of doubled quotes
        with open(dec(c), 'a', encoding='utf-8') as f:
            f.write('"' + '""a' * 2000000 + '\n')
    run(county(tmp, quotes), {1}, 'unterminated quoted field of 6 MB', 400)

    def markdown(c):
        os.makedirs(os.path.join(c, 'pages'), exist_ok=True)
        body = '[' * 50000 + 'x' + ']' * 50000 + '\n\n' + '> ' * 10000 + 'q\n\n' \
            + '*a ' * 100000 + '\n\n' + '<div>' * 20000 + '\n'
        for name, raw in (('nested.md', 'false'), ('raw.md', 'true')):
            with open(os.path.join(c, 'pages', name), 'w', encoding='utf-8') as f:
                f.write(f'---\ntitle: 嵌套\nraw_html: {raw}\n---\n' + body)
    run(county(tmp, markdown), {0, 1}, 'pathological Markdown', 400)

    tpl = os.path.join(tmp, 'deep.mustache')
    with open(tpl, 'w') as f:
        f.write('{{#a}}' * 100000 + 'x' + '{{/a}}' * 100000)
    data = os.path.join(tmp, 'd.json')
    with open(data, 'w') as f:
        f.write('{"a": {"a": true}}')
    run(['render', tpl, '--data', data], {2}, '100k nested sections', 300)

    with open(tpl, 'w') as f:
        f.write('{{=<% %>=}}' + '<%x%>' * 300000)
    run(['render', tpl, '--data', data], {0}, '300k tags after a delimiter change', 300)

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
