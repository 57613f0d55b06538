#!/bin/sh
# tests/cli/site_browser.sh - the sample county in Debian's Chromium
# (playwright-core, no browser download): axe-core on every kind of page
# in three display modes, search from file:// and under a subpath, the
# officer filter and certificate lookup, text size and contrast kept,
# keyboard, no request to another host.  See tests/tools/browser_test.js.
set -u
command -v node >/dev/null 2>&1 || { echo "node is not installed (make deps)"; exit 77; }
[ -x /usr/bin/chromium ] || { echo "chromium is not installed (make deps)"; exit 77; }
[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || { echo "npm test tools missing (make deps)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsbrowser.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
gen/gongshi build --content content --out "$tmp/a" --state "$tmp/sa" --today 2026-11-23 --quiet 2>"$tmp/err"
[ $? -le 1 ] || { echo "sample build failed"; cat "$tmp/err"; exit 1; }
HOME="$tmp" node tests/tools/browser_test.js "$tmp/a/site"
