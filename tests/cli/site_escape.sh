#!/bin/sh
# tests/cli/site_escape.sh - markup in the data shows as text: the escape
# fixture's decision holds <script>, <img onerror>, closing tags, quotes
# and & in 相对人名称, 法定代表人 and its text fields.  No page or feed
# carries them as markup, the escaped forms are there, the site's
# invariants hold; in Chromium (when installed) the decision page and the
# search results show the text and run nothing.
set -u
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gsesc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fx=tests/fixtures/escape
gen/gongshi build --content $fx --out "$tmp/out" --state "$tmp/st" --today 2025-03-01 --quiet 2>"$tmp/err"
[ $? -le 1 ] || { echo "build failed"; cat "$tmp/err"; exit 1; }
site="$tmp/out/site"
page=$(grep -rl '示市监处罚〔2024〕21号' "$site/d") || { echo "no page for the fixture's decision"; exit 1; }
for raw in '<script>alert' '<script>document' '<img src=x' '<b>赵' '</td></tr></table>'; do
    if grep -rqF --include='*.html' --include='*.xml' -e "$raw" "$site"; then
        echo "markup from the data reached a page or feed: $raw"; grep -rlF --include='*.html' --include='*.xml' -e "$raw" "$site" | head -3; exit 1
    fi
done
for esc in '&lt;script&gt;alert(&quot;相对人&quot;)&lt;/script&gt;示例县&amp;amp;商行' '&lt;b&gt;赵&lt;/b&gt;某人' \
           '虚假宣传&lt;img src=x onerror=alert(1)&gt;' '&#39;引号&#39;'; do
    grep -qF -e "$esc" "$page" || { echo "decision page lacks the escaped text: $esc"; exit 1; }
done
grep -qF '&lt;script&gt;alert(&quot;相对人&quot;)' "$site/feed.xml" || { echo "feed lacks the escaped party name"; exit 1; }
/usr/bin/python3 tests/tools/check_site.py $fx "$site" || exit 1
if command -v node >/dev/null 2>&1 && [ -d node_modules/playwright-core ] && [ -x /usr/bin/chromium ]; then
    node tests/tools/browser_test.js "$site" --quick || exit 1
else
    echo "note: Chromium checks skipped (make deps installs them)"
fi
