#!/bin/sh
# The county workbook opens in LibreOffice (headless) as a user would open
# it: converted to PDF without error, with its title on the first page.
# Skipped (77) when soffice is not installed.
set -u
command -v soffice >/dev/null 2>&1 || { echo "soffice not installed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gssoffice.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
gen/gongshi build --content content --state "$tmp/state" --out "$tmp/out" --today 2026-11-23 \
    --quiet 2>"$tmp/err"
rc=$?
[ $rc -le 1 ] || { echo "build exited $rc"; cat "$tmp/err"; exit 1; }
HOME="$tmp" timeout 180 soffice --headless -env:UserInstallation="file://$tmp/lo" \
    --convert-to pdf --outdir "$tmp/pdf" "$tmp/out/xlsx/stats-2025.xlsx" >"$tmp/log" 2>&1
rc=$?
pdf="$tmp/pdf/stats-2025.pdf"
[ $rc -eq 0 ] && [ -s "$pdf" ] || { echo "soffice failed ($rc)"; cat "$tmp/log"; exit 1; }
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext -f 1 -l 1 "$pdf" - | grep -q '2025年度行政执法统计' ||
        { echo "first page lacks the title"; exit 1; }
fi
echo "LibreOffice converted the workbook: $(pdfinfo "$pdf" 2>/dev/null | grep Pages)"
