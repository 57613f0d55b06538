#!/bin/sh
# Golden test of "the heaviest penalty counts once": hand-made penalty
# decisions, each with a mix of 处罚类别, built end to end; the 行政处罚 sheet
# of the county workbook and the 统计 page must show the expected counts
# (order in docs: 警告 < 通报批评 < 罚款 < 没收 < 暂扣 < 降低资质 < 限制经营 <
# 停产停业 < 责令关闭/限制从业 < 吊销 < 行政拘留; 其他 only when alone).
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsheavy.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -R tests/fixtures/mini "$tmp/content"
h='文书号,执法类别,执法机关,相对人名称,相对人类别,统一社会信用代码,决定日期,违法行为类型,发生地点,执法结论,处罚类别,罚款金额,状态,状态日期'
{
echo "$h"
n=0
while IFS='|' read -r kinds fine status sdate; do
    n=$((n + 1))
    echo "示测处罚〔2024〕${n}号,行政处罚,示例县市场监督管理局,示例县测试有限公司,法人及非法人组织,91419999MA00000014,2024-0$(( (n % 9) + 1 ))-10,违法行为$(( n % 3 )),城关镇,处罚结论,$kinds,$fine,$status,$sdate"
done <<'ROWS'
警告|||
警告;通报批评|||
罚款;警告|500||
罚款;没收违法所得|1000||
没收非法财物|||
罚款;暂扣许可证件|2000||
降低资质等级;暂扣许可证件|||
限制开展生产经营活动;罚款|3000||
责令停产停业;限制开展生产经营活动|||
限制从业;责令停产停业|||
责令关闭|||
吊销许可证件;限制开展生产经营活动;责令关闭|||
行政拘留;吊销许可证件|||
其他|||
其他;警告|||
罚款|100|撤销|2024-11-01
ROWS
} > "$tmp/content/data/decisions.csv"
cat > "$tmp/golden" <<'GOLD'
警告 2
通报批评 1
罚款 2
没收违法所得、没收非法财物 2
暂扣许可证件 1
降低资质等级 1
限制开展生产经营活动 1
责令停产停业 1
责令关闭、限制从业 2
吊销许可证件 1
行政拘留 1
其他 1
合计 16
GOLD
gen/gongshi build --content "$tmp/content" --state "$tmp/state" --out "$tmp/out" --today 2025-03-01 \
    --quiet 2>"$tmp/err"
rc=$?
if [ $rc -ge 2 ]; then echo "build exited $rc"; cat "$tmp/err"; exit 1; fi
/usr/bin/python3 - "$tmp/out" "$tmp/golden" <<'PY' || exit 1
import re, sys, openpyxl
out, golden = sys.argv[1], sys.argv[2]
want = [tuple(l.rsplit(' ', 1)) for l in open(golden, encoding='utf-8').read().splitlines()]
ws = openpyxl.load_workbook(f'{out}/xlsx/stats-2024.xlsx')['行政处罚']
rows = list(ws.iter_rows(values_only=True))
i = next(k for k, r in enumerate(rows) if r[0] and str(r[0]).startswith('一、按最重处罚类别'))
got = [(r[0], str(r[1])) for r in rows[i + 2:i + 2 + len(want)]]
bad = [f'workbook: {g} != {w}' for g, w in zip(got, want) if g != w]
html = open(f'{out}/site/stats/index.html', encoding='utf-8').read()
table = html[html.index('<caption>行政处罚（按最重处罚类别）</caption>'):]
table = table[:table.index('</table>')]
cells = re.findall(r'<tr[^>]*><th scope="row">([^<]*)</th><td class="num">([^<]*)</td>', table)
bad += [f'page: {g} != {w}' for g, w in zip(cells, want) if g != w]
if len(cells) != len(want):
    bad.append(f'page: {len(cells)} rows, expected {len(want)}')
print('\n'.join(bad) or f'heaviest-penalty golden: {len(want)} lines agree (workbook and page)')
sys.exit(1 if bad else 0)
PY
/usr/bin/python3 tests/tools/check_xlsx.py "$tmp/content" "$tmp/out" 2024 2025-03-01
