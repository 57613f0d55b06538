/*
 * pages.c - content/pages/ ** / *.md into gs_model.pages.
 *
 * Owns walking the pages folder, the YAML front matter and rendering the
 * Markdown body to HTML with cmark-gfm (extensions table, strikethrough,
 * autolink, and tagfilter for pages without raw HTML; no smart
 * punctuation, no footnotes).
 *
 *  - The walk is recursive, in byte order of names, skipping dotfiles.
 *    Symbolic links are followed only to a regular .md file inside the
 *    pages folder; links to folders or out of the tree are skipped with a
 *    warning.
 *  - Front matter: a first line `---`, YAML, a closing `---` line.  title
 *    is required (else error, page skipped); section defaults to 其他 (an
 *    unknown one: warning, 其他); agency must be a 机关名称 or 简称 from
 *    agencies.csv (else warning, county-wide); weight (whole number) and
 *    date (YYYY-MM-DD) and raw_html (true/false) give a warning when bad
 *    and the page is kept.  Unknown keys are ignored.  A UTF-8 BOM is
 *    stripped; invalid UTF-8 is an error (page skipped).
 *  - Without raw_html: true, raw HTML is omitted (cmark's safe default)
 *    with a warning; with it, cmark renders unsafe and the whole result
 *    goes through sanitize_html() (sanitize.c), which drops script, style,
 *    iframe, ... with their content (tagfilter would show them as text),
 *    and what it removed is named in a warning.
 *  - Addresses: a page's slug is "pages/" + its path without ".md", and
 *    its URL is slug + ".html".  A path component outside [A-Za-z0-9._~-]
 *    gets a warning and a hashed ASCII name instead ("d" or "p" + 12 hex
 *    digits of hash_bytes), so URLs stay ASCII.
 *  - Links: a relative link destination (no scheme, not starting with '/')
 *    whose path ends in ".md" is resolved against the page's folder and
 *    rewritten to the target page's URL relative to this page (so hashed
 *    names work); a link to no loaded page just gets ".md" -> ".html" and a
 *    warning.  Query and fragment are kept.
 *  - Pages keep load order (sorted paths); outputs sort as they need.
 */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "loaders.h"
#include "sanitize.h"
#include "yamldoc.h"

static const char *const page_sections[] = {
    "服务指南", "流程图", "救济渠道", "监督方式", "法制审核目录",
    "音像记录事项清单", "裁量基准", "不予处罚清单", "从轻处罚清单",
    "减轻处罚清单", "规范用语", "其他"};
#define NSECTIONS ((int)(sizeof page_sections / sizeof page_sections[0]))
#define MAX_DEPTH 32

typedef struct entry {
    char *rel;  /* path below the pages folder, '/'-separated */
    char *full; /* path as opened */
} entry;

typedef struct entries {
    entry *v;
    size_t n, cap;
} entries;

/* a page whose front matter was read, waiting to be rendered */
typedef struct pending {
    size_t page;       /* index into m->pages */
    char *text;        /* whole file */
    size_t body, len;  /* body = offset of the Markdown after front matter */
    uint32_t body_line; /* its first line in the file */
} pending;

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static char *join(const char *a, const char *b)
{
    if (!a || !*a)
        return xstrdup(b);
    return xasprintf("%s%s%s", a, ends_with(a, "/") ? "" : "/", b);
}

static void add_entry(entries *e, const char *rel, const char *full)
{
    entry *x = GS_PUSH(*e);
    x->rel = xstrdup(rel);
    x->full = xstrdup(full);
}

/* symbolic link: follow it only to a regular .md file inside the tree */
static void walk_link(entries *out, const char *root_real, const char *rel,
                      const char *full)
{
    struct stat st;
    bool md = ends_with(rel, ".md");
    if (stat(full, &st) != 0)
        return; /* dangling */
    if (!S_ISDIR(st.st_mode) && !(md && S_ISREG(st.st_mode)))
        return;
    char *real = realpath(full, NULL);
    size_t rl = strlen(root_real);
    bool inside = real && strncmp(real, root_real, rl) == 0 &&
                  (real[rl] == '/' || root_real[rl - 1] == '/');
    if (S_ISDIR(st.st_mode))
        diag_warn(full, 1, "symbolic link to a folder: not followed");
    else if (!inside)
        diag_warn(full, 1, "symbolic link out of the pages folder: skipped");
    else
        add_entry(out, rel, full);
    free(real);
}

static void walk(entries *out, const char *root_real, const char *dir,
                 const char *rel_dir, int depth)
{
    size_t n;
    char **names = dir_names(dir, &n);
    if (!names) {
        if (depth == 0 && errno == ENOENT)
            diag_warn(dir, 1, "no pages folder: the site has no policy "
                      "pages");
        else
            diag_error(dir, 1, "cannot read the folder: %s", strerror(errno));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *full = join(dir, names[i]);
        char *rel = join(rel_dir, names[i]);
        struct stat st;
        if (lstat(full, &st) != 0) {
            diag_error(full, 1, "cannot read: %s", strerror(errno));
        } else if (S_ISLNK(st.st_mode)) {
            walk_link(out, root_real, rel, full);
        } else if (S_ISDIR(st.st_mode)) {
            if (depth + 1 >= MAX_DEPTH)
                diag_warn(full, 1, "folders nested more than %d deep: "
                          "skipped", MAX_DEPTH);
            else
                walk(out, root_real, full, rel, depth + 1);
        } else if (S_ISREG(st.st_mode) && ends_with(names[i], ".md")) {
            add_entry(out, rel, full);
        }
        free(full);
        free(rel);
        free(names[i]);
    }
    free(names);
}

/* ---- addresses ---- */

static bool url_safe(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '~' ||
              c == '-'))
            return false;
    }
    return true;
}

/* "pages/" + rel without ".md", unsafe components hashed; *plain = false
 * when any component was hashed */
static char *make_slug(const char *rel, bool *plain)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "pages");
    *plain = true;
    const char *p = rel;
    for (;;) {
        const char *slash = strchr(p, '/');
        buf_putc(&b, '/');
        if (slash) {
            size_t n = (size_t)(slash - p);
            if (url_safe(p, n)) {
                buf_add(&b, p, n);
            } else {
                *plain = false;
                buf_printf(&b, "d%012llx", (unsigned long long)(
                    hash_bytes(rel, (size_t)(slash - rel)) & 0xFFFFFFFFFFFFull));
            }
            p = slash + 1;
            continue;
        }
        size_t n = strlen(p) - 3; /* without ".md" */
        if (url_safe(p, n)) {
            buf_add(&b, p, n);
        } else {
            *plain = false;
            buf_printf(&b, "p%012llx", (unsigned long long)(
                hash_bytes(rel, strlen(rel)) & 0xFFFFFFFFFFFFull));
        }
        break;
    }
    return buf_detach(&b);
}

/* URL of slug `to` (+ ".html") relative to the page at slug `from` */
static void relative_url(buf *out, const char *from, const char *to)
{
    /* length of the common folder prefix, ending in '/' */
    size_t common = 0;
    for (size_t i = 0; from[i] && from[i] == to[i]; i++)
        if (from[i] == '/')
            common = i + 1;
    for (const char *p = from + common; *p; p++)
        if (*p == '/')
            buf_puts(out, "../");
    buf_puts(out, to + common);
    buf_puts(out, ".html");
}

/* ---- front matter ---- */

/* line end after offset i (index of '\n' or len) */
static size_t line_end(const char *s, size_t len, size_t i)
{
    const char *nl = i < len ? memchr(s + i, '\n', len - i) : NULL;
    return nl ? (size_t)(nl - s) : len;
}

/* the line s[a..b) is "---" with optional trailing blanks / CR */
static bool is_fence(const char *s, size_t a, size_t b)
{
    if (b - a < 3 || memcmp(s + a, "---", 3) != 0)
        return false;
    for (size_t i = a + 3; i < b; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

static int32_t parse_weight(const char *s, bool *ok)
{
    long v = 0;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    *ok = *s != 0;
    for (; *s && *ok; s++) {
        if (*s < '0' || *s > '9' || v > 100000000)
            *ok = false;
        else
            v = v * 10 + (*s - '0');
    }
    return *ok ? (int32_t)(neg ? -v : v) : 0;
}

/* front matter keys into pg; false when the page must be skipped */
static bool read_front_matter(gs_model *m, gs_page *pg, yaml_document_t *doc,
                              const char *file)
{
    yaml_node_t *root = yaml_document_get_root_node(doc);
    if (root && root->type != YAML_MAPPING_NODE) {
        diag_error(file, ydoc_line(root, 1), "front matter: expected key: "
                   "value lines (title: ...); page skipped");
        return false;
    }
    bool have_title = false;
    for (yaml_node_pair_t *p = root ? root->data.mapping.pairs.start : NULL;
         p && p < root->data.mapping.pairs.top; p++) {
        const char *k = ydoc_scalar(yaml_document_get_node(doc, p->key));
        yaml_node_t *vn = yaml_document_get_node(doc, p->value);
        if (!k || !vn)
            continue;
        uint32_t line = ydoc_line(vn, 1);
        const char *v = ydoc_scalar(vn);
        bool known = !strcmp(k, "title") || !strcmp(k, "section") ||
                     !strcmp(k, "agency") || !strcmp(k, "weight") ||
                     !strcmp(k, "date") || !strcmp(k, "raw_html");
        if (!known)
            continue;
        if (!v) {
            diag_warn(file, line, "%s: expected a single value, not a list "
                      "or mapping; ignored", k);
            continue;
        }
        if (ydoc_is_null(vn) || !*v)
            continue;
        if (!strcmp(k, "title")) {
            pg->title = model_str(m, v, strlen(v));
            have_title = true;
        } else if (!strcmp(k, "section")) {
            int s = gs_lookup(page_sections, NSECTIONS, v);
            if (s < 0)
                diag_warn(file, line, "section: %s is not one of the "
                          "sections (服务指南, 流程图, 救济渠道, 监督方式, "
                          "法制审核目录, 音像记录事项清单, 裁量基准, "
                          "不予处罚清单, 从轻处罚清单, 减轻处罚清单, 规范用语, "
                          "其他); the page goes under 其他", v);
            else
                pg->section = page_sections[s];
        } else if (!strcmp(k, "agency")) {
            pg->agency = model_find_agency(m, v);
            if (pg->agency < 0)
                diag_warn(file, line, "agency: %s is not a 机关名称 in "
                          "agencies.csv; the page is shown as county-wide", v);
        } else if (!strcmp(k, "weight")) {
            bool ok;
            pg->weight = parse_weight(v, &ok);
            if (!ok)
                diag_warn(file, line, "weight: expected a whole number; 0 "
                          "used");
        } else if (!strcmp(k, "date")) {
            pg->date = date_parse_iso(v);
            if (pg->date == GS_NODATE)
                diag_warn(file, line, "date: expected YYYY-MM-DD; the page "
                          "has no date");
        } else if (!strcmp(k, "raw_html")) {
            if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE"))
                pg->raw_html = true;
            else if (strcmp(v, "false") && strcmp(v, "False") &&
                     strcmp(v, "FALSE"))
                diag_warn(file, line, "raw_html: expected true or false; "
                          "raw HTML stays omitted");
        }
    }
    if (!have_title) {
        diag_error(file, 1, "title: missing from the front matter; page "
                   "skipped");
        return false;
    }
    return true;
}

/* line of the first invalid UTF-8 byte, 0 when the text is valid */
static uint32_t bad_utf8_line(const char *s, size_t len)
{
    uint32_t line = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            line += c == '\n';
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && c == 0xEF))
            return line;
        i += k;
    }
    return 0;
}

/* read one file: front matter into a new page; false when skipped */
static bool load_one(gs_model *m, const entry *e, pending *pd)
{
    size_t len;
    char *text = read_file(e->full, &len);
    uint64_t h[2];
    if (text)
        hash128(text, len, h);
    model_add_input(m, e->full, GS_IN_PAGE, text ? h : NULL);
    if (!text) {
        diag_error(e->full, 1, "cannot read: %s", strerror(errno));
        return false;
    }
    size_t off = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        off = 3;
    uint32_t bad = bad_utf8_line(text + off, len - off);
    if (bad) {
        diag_error(e->full, bad, "not valid UTF-8 (save the file as UTF-8); "
                   "page skipped");
        free(text);
        return false;
    }
    size_t e1 = line_end(text, len, off);
    if (!is_fence(text, off, e1)) {
        diag_error(e->full, 1, "no front matter: a page starts with a --- "
                   "line, then title: ..., then another --- line; page "
                   "skipped");
        free(text);
        return false;
    }
    size_t fm = e1 < len ? e1 + 1 : len, pos = fm, close = len;
    uint32_t line = 2;
    while (pos < len) {
        size_t le = line_end(text, len, pos);
        if (is_fence(text, pos, le)) {
            close = pos;
            pos = le < len ? le + 1 : len;
            break;
        }
        pos = le < len ? le + 1 : len;
        line++;
    }
    if (close == len) {
        diag_error(e->full, 1, "front matter is not closed by a --- line; "
                   "page skipped");
        free(text);
        return false;
    }
    yaml_document_t doc;
    if (!ydoc_load(&doc, text + fm, close - fm, e->full, 1)) {
        free(text);
        return false;
    }
    gs_page tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.section = page_sections[NSECTIONS - 1];
    tmp.agency = -1;
    bool ok = read_front_matter(m, &tmp, &doc, e->full);
    yaml_document_delete(&doc);
    if (!ok) {
        free(text);
        return false;
    }
    bool plain;
    char *slug = make_slug(e->rel, &plain);
    if (!plain)
        diag_warn(e->full, 1, "path is not plain ASCII (letters, digits, "
                  ". _ - ~): the page's address is %s.html; rename the file "
                  "to choose it", slug);
    tmp.path = model_str(m, e->rel, strlen(e->rel));
    tmp.slug = model_str(m, slug, strlen(slug));
    tmp.src.file = model_str(m, e->full, strlen(e->full));
    tmp.src.line = 1;
    tmp.html = "";
    free(slug);
    pd->page = m->pages.n;
    *GS_PUSH(m->pages) = tmp;
    pd->text = text;
    pd->body = pos;
    pd->len = len;
    pd->body_line = line + 1;
    return true;
}

/* ---- rendering ---- */

typedef struct link_ctx {
    const gs_model *m;
    const gs_page *pg;
    const size_t *by_path; /* page indexes sorted by path */
    size_t n;
} link_ctx;

static const gs_model *sort_m;
static int cmp_page_path(const void *a, const void *b)
{
    return strcmp(sort_m->pages.v[*(const size_t *)a].path,
                  sort_m->pages.v[*(const size_t *)b].path);
}

/* the new destination for a link to a .md file, or NULL to leave it */
static char *rewrite_link(const link_ctx *c, const char *url, const char *file,
                          uint32_t line)
{
    size_t plen = strcspn(url, "?#");
    for (size_t i = 0; i < plen; i++) {
        if (url[i] == '/' || url[i] == '\\')
            break;
        if (url[i] == ':')
            return NULL; /* has a scheme */
    }
    if (plen < 3 || url[0] == '/' || url[0] == '\\' ||
        memcmp(url + plen - 3, ".md", 3) != 0)
        return NULL;
    /* resolve against the page's folder, %-decoded */
    buf r;
    buf_init(&r);
    const char *slash = strrchr(c->pg->path, '/');
    if (slash)
        buf_add(&r, c->pg->path, (size_t)(slash - c->pg->path) + 1);
    for (size_t i = 0; i < plen; i++) {
        int h, l;
        if (url[i] == '%' && i + 2 < plen && (h = hex_value((unsigned char)url[i + 1])) >= 0 &&
            (l = hex_value((unsigned char)url[i + 2])) >= 0) {
            buf_putc(&r, (char)(h * 16 + l));
            i += 2;
        } else {
            buf_putc(&r, url[i]);
        }
    }
    /* normalise "." and ".." in place */
    char *p = r.p, *w = r.p;
    bool escaped = false;
    while (*p) {
        char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if ((n == 1 && p[0] == '.') || n == 0) {
            /* skip */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (w == r.p)
                escaped = true;
            else {
                w--; /* the '/' after the previous component */
                while (w > r.p && w[-1] != '/')
                    w--;
            }
        } else {
            memmove(w, p, n);
            w += n;
            if (e)
                *w++ = '/';
        }
        p = e ? e + 1 : p + n;
    }
    *w = 0;
    const gs_page *target = NULL;
    size_t lo = 0, hi = c->n;
    while (!escaped && lo < hi) {
        size_t mid = (lo + hi) / 2;
        const gs_page *t = &c->m->pages.v[c->by_path[mid]];
        int cmp = strcmp(t->path, r.p);
        if (cmp == 0) {
            target = t;
            break;
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    buf out;
    buf_init(&out);
    if (target) {
        relative_url(&out, c->pg->slug, target->slug);
    } else {
        diag_warn(file, line, "link to %.*s: no such page under pages/",
                  (int)plen, url);
        buf_add(&out, url, plen - 3);
        buf_puts(&out, ".html");
    }
    buf_puts(&out, url + plen);
    buf_free(&r);
    return buf_detach(&out);
}

static void render_one(gs_model *m, const link_ctx *c, const pending *pd)
{
    gs_page *pg = &m->pages.v[pd->page];
    const char *file = pg->src.file;
    int opts = CMARK_OPT_DEFAULT | (pg->raw_html ? CMARK_OPT_UNSAFE : 0);
    cmark_parser *p = cmark_parser_new(opts);
    static const char *const exts[] = {"table", "strikethrough", "autolink",
                                       "tagfilter"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        /* with raw HTML, the sanitizer removes the nine tags tagfilter
         * would escape, with their content, instead of showing them as
         * text; in safe mode raw HTML is omitted anyway */
        if (pg->raw_html && !strcmp(exts[i], "tagfilter"))
            continue;
        cmark_syntax_extension *x = cmark_find_syntax_extension(exts[i]);
        if (x)
            cmark_parser_attach_syntax_extension(p, x);
    }
    cmark_parser_feed(p, pd->text + pd->body, pd->len - pd->body);
    cmark_node *doc = cmark_parser_finish(p);
    cmark_iter *it = cmark_iter_new(doc);
    bool warned_html = false;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(n);
        /* inlines carry no position of their own: use their block's */
        cmark_node *b = n;
        while (b && cmark_node_get_start_line(b) <= 0)
            b = cmark_node_parent(b);
        uint32_t line = pd->body_line - 1 +
                        (uint32_t)(b ? cmark_node_get_start_line(b) : 1);
        if ((t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) &&
            !pg->raw_html && !warned_html) {
            diag_warn(file, line, "raw HTML omitted (raw_html: true in the "
                      "front matter lets allowlisted HTML through)");
            warned_html = true;
        } else if (t == CMARK_NODE_LINK) {
            const char *url = cmark_node_get_url(n);
            char *nu = url ? rewrite_link(c, url, file, line) : NULL;
            if (nu)
                cmark_node_set_url(n, nu);
            free(nu);
        }
    }
    cmark_iter_free(it);
    char *html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
    /* every page goes through the sanitizer: with raw HTML it is the
     * allowlist; without, it still drops off-site images, so the site makes
     * no request to another host */
    buf notes;
    buf_init(&notes);
    char *clean = sanitize_html_notes(html, strlen(html), &notes);
    if (notes.len)
        diag_warn(file, 1, "%sremoved %s (only allowlisted elements, attributes, "
                  "links and same-site images are kept)",
                  pg->raw_html ? "raw HTML: " : "", notes.p);
    pg->html = model_text(m, clean, strlen(clean));
    free(clean);
    buf_free(&notes);
    cmark_get_default_mem_allocator()->free(html);
    cmark_node_free(doc);
    cmark_parser_free(p);
}

void pages_load(gs_model *m, const char *dir)
{
    cmark_gfm_core_extensions_ensure_registered();
    entries list = {0};
    char *root_real = realpath(dir, NULL);
    walk(&list, root_real ? root_real : dir, dir, "", 0);
    free(root_real);

    pending *pend = xcalloc(list.n, sizeof *pend);
    size_t np = 0;
    for (size_t i = 0; i < list.n; i++) {
        if (load_one(m, &list.v[i], &pend[np]))
            np++;
        free(list.v[i].rel);
        free(list.v[i].full);
    }
    free(list.v);

    size_t *by_path = xcalloc(m->pages.n, sizeof *by_path);
    for (size_t i = 0; i < m->pages.n; i++)
        by_path[i] = i;
    sort_m = m;
    qsort(by_path, m->pages.n, sizeof *by_path, cmp_page_path);
    sort_m = NULL;
    for (size_t i = 0; i < np; i++) {
        link_ctx c = {m, &m->pages.v[pend[i].page], by_path, m->pages.n};
        render_one(m, &c, &pend[i]);
        free(pend[i].text);
    }
    free(by_path);
    free(pend);
}
