#!/bin/sh
# PDFs and workbooks whose inputs are unchanged are not made again
# (gen/digest.h; records in STATE/pdf.digests and STATE/xlsx.digests).
# On the mini county, one build after another in the same --out/--state:
#   - nothing changed: 0 PDFs and 0 workbook files made, out/pdf and
#     out/xlsx byte for byte and inode for inode as they were;
#   - one kind of input changed at a time (an officer row, a phrase, a print
#     style file, a decision that changes a display board's figures, a
#     decision of the reported year, --today, the program itself): exactly
#     the documents that depend on it are made (a workbook depends on the
#     cells it would hold), and out/pdf and out/xlsx
#     equal those of a clean build (fresh --out and --state) of the same
#     input;
#   - an output file deleted or altered on disk is made again;
#   - a kept document's warnings are passed on as when it was made.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsskip.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bin=gen/gongshi
cp -R tests/fixtures/mini "$tmp/c"
cp -R templates "$tmp/tpl"
today=2025-03-31
npdf=19  # 1 county handbook + 3 agencies x (handbook, posters, board, signs, quiz, key)
nxlsx=8  # county + 3 agency workbooks, 2 x (双公示 .xlsx + .csv)

fail() { echo "$*"; exit 1; }

# build NAME [options]: gongshi build of $tmp/c into $tmp/NAME/out and
# $tmp/NAME/state, messages in $tmp/NAME.err
build() {
    name=$1
    shift
    "$bin" build --content "$tmp/c" --templates "$tmp/tpl" --out "$tmp/$name/out" \
        --state "$tmp/$name/state" --today "$today" --verbose "$@" 2>"$tmp/$name.err"
    rc=$?
    [ $rc -le 1 ] || { tail -n 20 "$tmp/$name.err"; fail "build exited $rc"; }
}
# what a build (default: the last incremental one) made
made_pdf() { sed -n 's/^pdf: [0-9]* documents: \([0-9]*\) made.*/\1/p' "$tmp/${1:-inc}.err"; }
made_xlsx() { sed -n 's/^xlsx: .*; \([0-9]*\) files made.*/\1/p' "$tmp/${1:-inc}.err"; }
made_list() {
    sed -n 's/^pdf: \(.*\): [0-9]* pages, .*/\1/p' "$tmp/inc.err" | sort | tr '\n' ' '
}
# size, mtime, inode of every output file
snapshot() {
    (cd "$tmp/inc/out" && find pdf xlsx -type f -printf '%p %s %T@ %i\n' | sort)
}

# check WHAT PDFS XLSX [build options]: the incremental build made PDFS
# documents and XLSX workbook files, and matches a clean build
check() {
    what=$1 want_pdf=$2 want_xlsx=$3
    shift 3
    build inc "$@"
    got_pdf=$(made_pdf) got_xlsx=$(made_xlsx)
    [ "$got_pdf" = "$want_pdf" ] ||
        fail "$what: $got_pdf PDFs made, expected $want_pdf: $(made_list)"
    [ "$got_xlsx" = "$want_xlsx" ] ||
        fail "$what: $got_xlsx workbook files made, expected $want_xlsx"
    rm -rf "$tmp/ref"
    build ref "$@"
    [ "$(made_pdf ref)" = $npdf ] && [ "$(made_xlsx ref)" = $nxlsx ] ||
        fail "$what: the clean build did not make everything"
    diff -r "$tmp/ref/out/pdf" "$tmp/inc/out/pdf" >/dev/null ||
        fail "$what: out/pdf differs from a clean build: $(diff -rq "$tmp/ref/out/pdf" "$tmp/inc/out/pdf")"
    diff -r "$tmp/ref/out/xlsx" "$tmp/inc/out/xlsx" >/dev/null ||
        fail "$what: out/xlsx differs from a clean build: $(diff -rq "$tmp/ref/out/xlsx" "$tmp/inc/out/xlsx")"
    echo "ok: $what: $got_pdf PDFs, $got_xlsx workbook files made"
}

# replace the first FROM by TO in FILE (fixed strings)
edit() {
    /usr/bin/python3 - "$@" <<'PY' || exit 1
import sys
path, old, new = sys.argv[1:4]
text = open(path, encoding='utf-8').read()
if old not in text:
    sys.exit(f'{path}: {old!r} not found')
open(path, 'w', encoding='utf-8').write(text.replace(old, new, 1))
PY
}

check "first build" $npdf $nxlsx

# nothing changed: nothing made, nothing touched
before=$(snapshot)
check "nothing changed" 0 0
[ "$(snapshot)" = "$before" ] || fail "nothing changed, yet output files were touched"
grep -q "^pdf: $npdf documents: 0 made (0 pages), $npdf kept (inputs unchanged)" "$tmp/inc.err" ||
    fail "no 'kept' in the pdf line: $(grep '^pdf: [0-9]* doc' "$tmp/inc.err")"

# officers.csv: every document reads it (signs, boards, handbook issuers),
# and so do the statistics
edit "$tmp/c/data/officers.csv" "张明远,41999901001,示例县市场监督管理局,科员" \
    "张明远,41999901001,示例县市场监督管理局,副科长"
check "an officer row" $npdf $nxlsx

# phrases.csv: every document, no workbook
edit "$tmp/c/data/phrases.csv" "请您配合我们进行检查" "请您配合我们依法进行检查"
check "a phrase" $npdf 0

# a character no PDF font has: its warning is passed on again when the
# documents are kept
edit "$tmp/c/data/phrases.csv" "依法进行检查" "依法进行检查ཀ"
check "an unprintable character" $npdf 0
grep 'phrases.csv:.*U+0F40' "$tmp/inc.err" > "$tmp/warned" || fail "no warning about U+0F40"
check "nothing changed, with a warning" 0 0
grep 'phrases.csv:.*U+0F40' "$tmp/inc.err" | cmp -s - "$tmp/warned" ||
    fail "kept documents did not pass their warning on: $(grep U+0F40 "$tmp/inc.err")"

# the display boards' style file: the 3 boards only
edit "$tmp/tpl/print/board.yaml" 'band: "#B3261E"' 'band: "#A0201A"'
check "board.yaml" 3 0
case "$(made_list)" in
"boards/"*"boards/"*"boards/"*) ;;
*) fail "board.yaml remade $(made_list)" ;;
esac

# a decision moved into this year: one board's figures change, and the
# reported year (2024) loses a decision: the county's and its agency's
# workbooks change; a revoked penalty is in no 双公示 export
edit "$tmp/c/data/decisions.csv" "示例县佳美商贸有限公司,法人及非法人组织,91419999MA0000006K,,,,2024-07-01" \
    "示例县佳美商贸有限公司,法人及非法人组织,91419999MA0000006K,,,,2025-02-01"
check "a decision that changes a board" 1 2
[ "$(made_list)" = "boards/11419999mb0000001e.pdf " ] || fail "board decision remade $(made_list)"

# the penalty text of a decision of the reported year, no board figure and
# no statistics cell: the penalties export (.xlsx and .csv) only
edit "$tmp/c/data/decisions.csv" "警告，罚款5000元，没收过期食品" "警告，罚款5000元，没收全部过期食品"
check "a decision of the reported year" 0 2

# a decision of this year (not the reported one), no board figure: the
# 2024 workbooks stay as they are
edit "$tmp/c/data/decisions.csv" "2025-01-03,,,,未发现问题" "2025-01-03,,,,未发现问题，已告知"
check "a decision of another year" 0 0

# --today: dates on every document and workbook (quiz files are renamed)
today=2025-04-01
check "--today" $npdf $nxlsx
[ -z "$(find "$tmp/inc/out/pdf/quiz" -name '*2025-03-31*')" ] || fail "the old quiz files stayed"

# output files deleted or altered on disk are made again
rm "$tmp/inc/out/pdf/signs/11419999mb0000002h.pdf" "$tmp/inc/out/xlsx/stats-2024.xlsx"
printf 'x' | dd of="$tmp/inc/out/pdf/handbook/county.pdf" bs=1 seek=100 conv=notrunc 2>/dev/null
check "deleted and altered files" 2 1

# a state folder shared with another --out starts from nothing there
"$bin" build --content "$tmp/c" --templates "$tmp/tpl" --out "$tmp/other" \
    --state "$tmp/inc/state" --today "$today" --verbose 2>"$tmp/other.err"
[ "$(made_pdf other)" = $npdf ] || fail "another --out with the same state kept $(made_pdf other) PDFs"

# back in the first folder the records are the other folder's: no record
# is trusted, everything is made
check "back to the first --out" $npdf $nxlsx

# another program (the same code with one byte more): everything
cp "$bin" "$tmp/gongshi2"
printf '\0' >> "$tmp/gongshi2"
bin=$tmp/gongshi2
check "another gongshi binary" $npdf $nxlsx
check "nothing changed again" 0 0
echo "unchanged inputs: nothing made; each change made what depends on it"
