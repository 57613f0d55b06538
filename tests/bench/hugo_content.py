#!/usr/bin/python3
"""tests/bench/hugo_content.py - a Hugo site equivalent to gongshi's decision
pages, for the side-by-side benchmark in tests/bench/site.sh.

    hugo_content.py DECISIONS_CSV OUT_DIR [--css FILE] [--title T]
                    [--base-url URL] [--per-page 20] [--rss-limit 50]

Reads data/decisions.csv of a (synthetic) content folder and writes a
minimal Hugo project to OUT_DIR:

  - content/d/XX/HASH.md: one page per published decision (rows with an
    empty 不予公开), TOML front matter with the same fields gongshi shows
    (title = 文书号, date = 决定日期, taxonomies agencies = 执法机关 and
    categories = 执法类别, the other fields as an ordered list), body =
    违法事实 and 执法结论 as Markdown paragraphs;
  - layouts: one base layout (header, navigation, breadcrumbs, footer and a
    shared stylesheet, like gongshi's), a decision page, paginated lists
    (the decision section and every agency and category term, 20 a page),
    taxonomy indexes and a home page;
  - config.toml: ugly URLs (d/XX/HASH.html, as gongshi writes), one RSS
    feed (home, newest --rss-limit items) and Hugo's sitemap.xml.

The config keys are those of Hugo 0.111 (Debian bookworm): `paginate`,
`paginatePath` and `rssLimit` (renamed in later releases).  Person names of
natural-person parties are masked (surname kept), and identity
numbers are left out.  Output depends on the CSV only.
"""
import argparse
import csv
import hashlib
import json
import os
import shutil
import sys

# columns gongshi does not print on a decision page (or prints elsewhere)
HIDDEN = {
    "文书号", "证件类型", "证件号码", "不予公开", "公示审核", "法制审核",
    "律师参与", "听证", "重大执法决定", "发生时间", "违法事实", "执法结论",
    "状态日期", "状态说明",
}
BODY = ("违法事实", "执法结论")

CONFIG = """baseURL = {base}
languageCode = "zh-CN"
title = {title}
uglyURLs = true
paginate = {per_page}
paginatePath = "p"
rssLimit = {rss_limit}
disableKinds = ["404", "robotsTXT"]
enableRobotsTXT = false
enableGitInfo = false
summaryLength = 70
hasCJKLanguage = true

[taxonomies]
  agency = "agencies"
  category = "categories"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]

[sitemap]
  changefreq = "daily"
"""

BASEOF = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
{{ with .Site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ $.Site.Title }}">{{ end }}
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="top">
<div class="wrap">
<p class="brand"><a href="{{ "index.html" | relURL }}">{{ .Site.Title }}<span>行政执法公示平台</span></a></p>
<nav aria-label="主导航" class="nav"><ul>
<li><a href="{{ "index.html" | relURL }}">首页</a></li>
<li><a href="{{ "agencies.html" | relURL }}">执法主体</a></li>
<li><a href="{{ "categories.html" | relURL }}">执法类别</a></li>
<li><a href="{{ "d.html" | relURL }}"{{ if eq .Section "d" }} aria-current="page"{{ end }}>执法决定</a></li>
</ul></nav>
</div>
</header>
<nav aria-label="当前位置" class="crumbs wrap"><ol>
<li><a href="{{ "index.html" | relURL }}">首页</a></li>
{{ if not .IsHome }}<li><span aria-current="page">{{ .Title }}</span></li>{{ end }}
</ol></nav>
<main id="main" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="foot">
<div class="wrap">
<p>{{ .Site.Title }} · 行政执法公示</p>
<p>本平台依据《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）公开行政执法信息。</p>
</div>
</footer>
</body>
</html>
"""

SINGLE = """{{ define "main" }}<article class="decision">
<h1>{{ .Title }}</h1>
<dl class="fields">
{{ range .GetTerms "categories" }}<dt>执法类别</dt><dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>
{{ end }}{{ range .GetTerms "agencies" }}<dt>执法机关</dt><dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>
{{ end }}<dt>决定日期</dt><dd>{{ .Date.Format "2006-01-02" }}</dd>
{{ range .Params.fields }}<dt>{{ .k }}</dt><dd>{{ .v }}</dd>
{{ end }}</dl>
{{ .Content }}
<p class="remedy">对本决定不服的，可依法申请行政复议或者提起行政诉讼。</p>
</article>
{{ end }}
"""

ROWS = """<table class="list">
<thead><tr><th scope="col">决定日期</th><th scope="col">文书号</th><th scope="col">类别</th><th scope="col">相对人</th><th scope="col">结果</th><th scope="col">执法机关</th></tr></thead>
<tbody>
{{ range . }}<tr><td>{{ .Date.Format "2006-01-02" }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.category_name }}</td><td>{{ .Params.party }}</td><td>{{ .Params.result }}</td><td>{{ .Params.agency_name }}</td></tr>
{{ end }}</tbody>
</table>
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $p := .Paginator }}<p>共 {{ $p.TotalNumberOfElements }} 件，按决定日期从新到旧排列。</p>
{{ partial "rows.html" $p.Pages }}
{{ template "_internal/pagination.html" . }}
{{ end }}
"""

TERMS = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="filters">
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span>{{ .Count }}</span></a></li>
{{ end }}</ul>
{{ end }}
"""

HOME = """{{ define "main" }}<h1>{{ .Site.Title }}行政执法公示</h1>
<nav aria-label="按类别" class="filters"><ul>
{{ range .Site.Taxonomies.categories.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span>{{ .Count }}</span></a></li>
{{ end }}</ul></nav>
<nav aria-label="按执法机关" class="filters"><ul>
{{ range .Site.Taxonomies.agencies.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span>{{ .Count }}</span></a></li>
{{ end }}</ul></nav>
<h2>最新执法决定</h2>
{{ partial "rows.html" (first 20 (where .Site.RegularPages "Section" "d")) }}
{{ end }}
"""

CSS_FALLBACK = """body{margin:0;font:16px/1.6 sans-serif;color:#222}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.top{background:#a40000;color:#fff}.top a{color:#fff}
.nav ul,.crumbs ol,.filters{list-style:none;padding:0}
.nav li,.crumbs li,.filters li{display:inline;margin-right:1em}
table.list{border-collapse:collapse;width:100%}
table.list td,table.list th{border-bottom:1px solid #ddd;padding:.3em}
dl.fields dt{font-weight:bold}.skip{position:absolute;left:-999px}
"""


def tq(s):
    """a TOML basic string (JSON string escapes are valid TOML)"""
    return json.dumps(s, ensure_ascii=False)


def md_escape(s):
    out = []
    for ch in s:
        if ch in "\\`*_[]<>#|~!":
            out.append("\\")
        out.append(ch)
    return "".join(out)


def mask(name):
    return name[:1] + "某" * max(1, len(name) - 1) if name else name


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("out")
    ap.add_argument("--css")
    ap.add_argument("--title", default="示例县人民政府")
    ap.add_argument("--base-url", default="https://www.example.gov.cn/zfgs/")
    ap.add_argument("--per-page", type=int, default=20)
    ap.add_argument("--rss-limit", type=int, default=50)
    a = ap.parse_args()

    out = a.out
    if os.path.exists(out):
        shutil.rmtree(out)
    write(os.path.join(out, "config.toml"),
          CONFIG.format(base=tq(a.base_url), title=tq(a.title),
                        per_page=a.per_page, rss_limit=a.rss_limit))
    lay = os.path.join(out, "layouts")
    write(os.path.join(lay, "_default", "baseof.html"), BASEOF)
    write(os.path.join(lay, "_default", "single.html"), SINGLE)
    write(os.path.join(lay, "_default", "list.html"), LIST)
    write(os.path.join(lay, "_default", "terms.html"), TERMS)
    write(os.path.join(lay, "partials", "rows.html"), ROWS)
    write(os.path.join(lay, "index.html"), HOME)
    css = CSS_FALLBACK
    if a.css and os.path.exists(a.css):
        with open(a.css, encoding="utf-8") as f:
            css = f.read()
    write(os.path.join(out, "static", "assets", "style.css"), css)
    write(os.path.join(out, "content", "d", "_index.md"),
          '+++\ntitle = "执法决定"\n+++\n')
    write(os.path.join(out, "content", "agencies", "_index.md"),
          '+++\ntitle = "执法主体"\n+++\n')
    write(os.path.join(out, "content", "categories", "_index.md"),
          '+++\ntitle = "执法类别"\n+++\n')

    n = 0
    made = set()
    with open(a.csv, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row.get("不予公开", "").strip():
                continue
            doc = row["文书号"]
            h = hashlib.blake2b(doc.encode("utf-8"), digest_size=8).hexdigest()
            party = row.get("相对人名称", "")
            if row.get("相对人类别") == "自然人":
                party = mask(party)
            fm = ["+++",
                  "title = " + tq(doc),
                  "date = " + (row.get("决定日期") or "2000-01-01"),
                  "agencies = [" + tq(row.get("执法机关", "")) + "]",
                  "categories = [" + tq(row.get("执法类别", "")) + "]",
                  "agency_name = " + tq(row.get("执法机关", "")),
                  "category_name = " + tq(row.get("执法类别", "")),
                  "party = " + tq(party),
                  "result = " + tq(row.get("处罚类别") or row.get("许可结果") or row.get("执法类别", ""))]
            for k, v in row.items():
                if k is None or k in HIDDEN or k in ("执法类别", "执法机关", "决定日期"):
                    continue
                v = (v or "").strip()
                if not v:
                    continue
                if k == "相对人名称":
                    v = party
                fm.append("[[fields]]")
                fm.append("k = " + tq(k))
                fm.append("v = " + tq(v))
            fm.append("+++")
            body = "\n\n".join("**%s**：%s" % (k, md_escape(row.get(k, "").strip()))
                               for k in BODY if row.get(k, "").strip())
            d = os.path.join(out, "content", "d", h[:2])
            if d not in made:
                os.makedirs(d, exist_ok=True)
                made.add(d)
            with open(os.path.join(d, h + ".md"), "w", encoding="utf-8", newline="\n") as g:
                g.write("\n".join(fm) + "\n\n" + body + "\n")
            n += 1
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
