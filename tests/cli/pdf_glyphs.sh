#!/bin/sh
# Characters the main font lacks: a phrase with 鿌 (U+9FCC, in neither
# wqy-zenhei nor uming) is drawn from the fallback font (HanaMinA embedded
# too); an officer's name with 𠮷 (U+20BB7, outside the BMP, which libharu
# cannot draw) and a phrase with an unassigned code point are reported as
# file:line warnings and printed as 〓 - never dropped.
set -u
for t in pdffonts pdftotext; do
    command -v $t >/dev/null 2>&1 || { echo "$t not installed (make deps)"; exit 77; }
done
[ -f /usr/share/fonts/truetype/hanazono/HanaMinA.ttf ] || { echo "fonts-hanazono missing"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsglyph.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -R content "$tmp/content"
/usr/bin/python3 - "$tmp/content/data" <<'PY' || exit 1
import csv, sys
d = sys.argv[1]
def edit(name, fn):
    with open(f'{d}/{name}', encoding='utf-8-sig') as f:
        rows = list(csv.reader(f))
    fn(rows)
    with open(f'{d}/{name}', 'w', encoding='utf-8', newline='') as f:
        csv.writer(f).writerows(rows)
def officers(rows):
    rows[1][0] = rows[1][0][0] + '\U00020BB7' + rows[1][0][1:]   # line 2
def phrases(rows):
    rows[1][3] = rows[1][3].replace('您好', '您好鿌')               # line 2
    rows[2][3] = rows[2][3] + '\u2FFF'                           # line 3
edit('officers.csv', officers)
edit('phrases.csv', phrases)
PY
gen/gongshi build --content "$tmp/content" --out "$tmp/out" --state "$tmp/state" --today 2026-11-23 2>"$tmp/err"
rc=$?
[ $rc -le 1 ] || { echo "build exited $rc"; tail -n 20 "$tmp/err"; exit 1; }
grep -q 'officers.csv:2: warning: 姓名: character U+20BB7 is outside' "$tmp/err" ||
    { echo "no warning for U+20BB7"; grep pdf "$tmp/err"; exit 1; }
grep -q 'phrases.csv:3: warning: 规范用语: character U+2FFF is in none of the PDF fonts' "$tmp/err" ||
    { echo "no warning for U+2FFF"; grep -i 'character' "$tmp/err"; exit 1; }
[ "$(grep -c 'U+20BB7' "$tmp/err")" = 1 ] || { echo "U+20BB7 reported more than once"; exit 1; }
grep -q 'U+9FCC' "$tmp/err" && { echo "U+9FCC reported though a font has it"; exit 1; }
sign=$(grep -l "" "$tmp"/out/pdf/signs/*.pdf | while read -r f; do
    pdftotext -l 1 "$f" - 2>/dev/null | grep -q 41099901001 && echo "$f"; done)
[ -n "$sign" ] || { echo "no sign for 41099901001"; exit 1; }
pdftotext -l 1 "$sign" - 2>/dev/null | grep -q '〓' || { echo "sign lacks 〓"; exit 1; }
hb="$tmp/out/pdf/handbook/county.pdf"
pdffonts "$hb" 2>/dev/null | grep -q 'HanaMinA .* yes *yes *yes' ||
    { echo "fallback font not embedded"; pdffonts "$hb"; exit 1; }
text=$(pdftotext -raw "$hb" - 2>/dev/null | tr -d ' \n')
echo "$text" | grep -q '您好鿌' || { echo "U+9FCC missing from the handbook"; exit 1; }
echo "$text" | grep -q '〓' || { echo "no 〓 for U+2FFF in the handbook"; exit 1; }
echo "fallback font, 〓 and warnings as expected"
