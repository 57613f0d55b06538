/*
 * test_pages.c - policy pages: front matter, Markdown rendering, raw HTML
 * (omitted or sanitized), .md link rewriting, ASCII addresses.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "loaders.h"
#include "t.h"

static char tmpdir[256];
static char *pagesdir;

static char *made[64];
static size_t nmade;

static void put(const char *rel, const char *text, size_t len)
{
    char *path = xasprintf("%s/%s", pagesdir, rel);
    /* make parent folders */
    for (char *p = path + strlen(pagesdir) + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(path, 0700) == 0)
            made[nmade++] = xstrdup(path);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
    free(path);
}
#define PUT(rel, text) put(rel, text, sizeof text - 1)

static const gs_page *find_page(const gs_model *m, const char *path)
{
    for (size_t i = 0; i < m->pages.n; i++)
        if (strcmp(m->pages.v[i].path, path) == 0)
            return &m->pages.v[i];
    return NULL;
}

/* a diagnostic for a file ending in `file` whose message contains `msg`;
 * returns its line, 0 when none */
static unsigned diag_find(const char *file, const char *msg, int level)
{
    size_t fl = strlen(file);
    for (size_t i = 0; i < diag_count(); i++) {
        const diag_entry *e = diag_get(i);
        size_t el = strlen(e->file);
        if (el >= fl && strcmp(e->file + el - fl, file) == 0 &&
            strstr(e->msg, msg) && (level < 0 || (int)e->level == level))
            return e->line;
    }
    return 0;
}

static gs_model M;

static void setup(void)
{
    PUT("index.md",
        "---\n"
        "title: 行政执法公示办事指南\n"
        "section: 服务指南\n"
        "agency: 示例县市场监督管理局\n"
        "weight: 3\n"
        "date: 2024-05-01\n"
        "raw_html: false\n"
        "county_note: ignored\n"
        "---\n"
        "# 办事指南\n"
        "\n"
        "| 事项 | 时限 |\n"
        "|---|:---:|\n"
        "| 许可 | 7 |\n"
        "\n"
        "~~旧规定~~ and www.example.org and <b>inline</b> html.\n"
        "\n"
        "<script>alert(1)</script>\n"
        "\n"
        "[费用](guide/permit.md#fees) [外链](https://example.org/readme.md)"
        " [绝对](/pages/x.md) [锚点](#top) [相对](./guide/permit.md?x=1)\n");
    PUT("guide/permit.md",
        "---\n"
        "title: 许可流程\n"
        "section: 流程图\n"
        "---\n"
        "[返回](../index.md) [办事](../%E6%8C%87%E5%8D%97/%E5%8A%9E%E4%BA%8B.md)"
        " [直接](../指南/办事.md)\n"
        "\n"
        "[缺失](missing.md)\n"
        "\n"
        "[bad](javascript:alert(1))\n");
    PUT("guide/raw.md",
        "---\n"
        "title: 示意图\n"
        "raw_html: true\n"
        "---\n"
        "<div class=\"note\" onclick=\"steal()\">提示</div>\n"
        "\n"
        "<script>alert(1)</script>\n"
        "\n"
        "<img src=\"https://evil.example/x.png\"><img src=\"img/flow.png\" alt=\"流程\">\n"
        "\n"
        "<iframe src=\"https://evil.example/\"></iframe>\n"
        "\n"
        "[x](javascript:alert(1)) <a href=\"jav&#x61;script:alert(1)\">y</a>\n"
        "\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n");
    PUT("notitle.md", "---\nsection: 其他\n---\nbody\n");
    PUT("unterminated.md", "---\ntitle: 未闭合\nsection: 其他\nbody\n");
    PUT("nofm.md", "# 没有 front matter\n");
    PUT("badvalues.md",
        "---\n"
        "title: 取值不对\n"
        "section: 公告\n"
        "agency: 不存在的机关\n"
        "weight: heavy\n"
        "date: 2024-13-01\n"
        "raw_html: maybe\n"
        "---\n"
        "text\n");
    PUT("syntax.md", "---\ntitle: 语法\nsection: [a\n---\nx\n");
    PUT("指南/办事.md", "---\ntitle: 中文路径\n---\n正文\n");
    PUT("bom.md", "\xEF\xBB\xBF---\r\ntitle: 带BOM\r\nweight: -2\r\n---\r\n"
                  "第一段\r\n");
    PUT("latin1.md", "---\ntitle: ok\n---\nline 4\nCaf\xE9\n");
    PUT(".hidden.md", "---\ntitle: hidden\n---\n");
    PUT("notes.txt", "not a page\n");
    PUT("empty_fm.md", "---\n---\ntext\n");
    /* a symbolic link out of the tree */
    char *outside = xasprintf("%s/outside.md", tmpdir);
    FILE *f = fopen(outside, "wb");
    if (f) {
        fputs("---\ntitle: outside\n---\n", f);
        fclose(f);
    }
    char *link = xasprintf("%s/link.md", pagesdir);
    if (symlink(outside, link) != 0)
        perror("symlink");
    free(outside);
    free(link);

    model_init(&M);
    gs_agency *a = GS_PUSH(M.agencies);
    a->name = model_str(&M, "示例县市场监督管理局", strlen("示例县市场监督管理局"));
    a->short_name = "";
    diag_init();
    diag_set_quiet(true);
    pages_load(&M, pagesdir);
    diag_set_quiet(false);
}

TEST(loaded_in_path_order)
{
    static const char *const want[] = {"badvalues.md", "bom.md",
                                       "guide/permit.md", "guide/raw.md",
                                       "index.md", "指南/办事.md"};
    CHECK_INT(M.pages.n, 6);
    for (size_t i = 0; i < M.pages.n && i < 6; i++)
        CHECK_STR(M.pages.v[i].path, want[i]);
}

TEST(front_matter_values)
{
    const gs_page *p = find_page(&M, "index.md");
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_STR(p->title, "行政执法公示办事指南");
    CHECK_STR(p->section, "服务指南");
    CHECK_INT(p->agency, 0);
    CHECK_INT(p->weight, 3);
    CHECK_INT(p->date, date_from_ymd(2024, 5, 1));
    CHECK(!p->raw_html);
    CHECK_STR(p->slug, "pages/index");
    CHECK_INT(p->src.line, 1);
    CHECK(strstr(p->src.file, "index.md") != NULL);
    p = find_page(&M, "guide/permit.md");
    CHECK(p && strcmp(p->section, "流程图") == 0 && p->agency == -1 &&
          p->weight == 0 && p->date == GS_NODATE);
    CHECK(p && strcmp(p->slug, "pages/guide/permit") == 0);
    p = find_page(&M, "bom.md");
    CHECK(p && strcmp(p->title, "带BOM") == 0 && p->weight == -2);
    CHECK(p && strcmp(p->section, "其他") == 0);
    CHECK(p && strcmp(p->html, "<p>第一段</p>\n") == 0);
}

TEST(markdown_rendered_safely)
{
    const gs_page *p = find_page(&M, "index.md");
    if (!p) {
        CHECK(0);
        return;
    }
    CHECK(strstr(p->html, "<h1>办事指南</h1>") != NULL);
    CHECK(strstr(p->html, "<table>") != NULL);
    CHECK(strstr(p->html, "<th align=\"center\">时限</th>") != NULL);
    CHECK(strstr(p->html, "<del>旧规定</del>") != NULL);
    CHECK(strstr(p->html, "<a href=\"http://www.example.org\">www.example.org</a>") != NULL);
    CHECK(strstr(p->html, "<b>") == NULL);
    CHECK(strstr(p->html, "<script") == NULL);
    /* cmark's "raw HTML omitted" comment is dropped by the sanitizer that
     * every page goes through; the warning tells the author */
    CHECK(strstr(p->html, "<!--") == NULL);
    CHECK(diag_find("index.md", "raw HTML omitted", DIAG_WARNING) == 16);
}

TEST(md_links_rewritten)
{
    const gs_page *p = find_page(&M, "index.md");
    const gs_page *q = find_page(&M, "guide/permit.md");
    const gs_page *z = find_page(&M, "指南/办事.md");
    if (!p || !q || !z) {
        CHECK(0);
        return;
    }
    CHECK(strstr(p->html, "href=\"guide/permit.html#fees\"") != NULL);
    CHECK(strstr(p->html, "href=\"guide/permit.html?x=1\"") != NULL);
    CHECK(strstr(p->html, "href=\"https://example.org/readme.md\"") != NULL);
    CHECK(strstr(p->html, "href=\"/pages/x.md\"") != NULL);
    CHECK(strstr(p->html, "href=\"#top\"") != NULL);
    CHECK(strstr(q->html, "href=\"../index.html\"") != NULL);
    /* both spellings of the non-ASCII target reach its hashed address */
    char *want = xasprintf("href=\"../%s.html\"", z->slug + strlen("pages/"));
    const char *first = strstr(q->html, want);
    CHECK(first != NULL);
    CHECK(first && strstr(first + 1, want) != NULL);
    free(want);
    CHECK(strstr(q->html, "href=\"missing.html\"") != NULL);
    CHECK(diag_find("guide/permit.md", "link to missing.md", DIAG_WARNING) == 7);
    /* safe mode drops javascript: links */
    CHECK(strstr(q->html, "javascript") == NULL);
}

TEST(raw_html_sanitized)
{
    const gs_page *p = find_page(&M, "guide/raw.md");
    if (!p) {
        CHECK(0);
        return;
    }
    CHECK(p->raw_html);
    CHECK(strstr(p->html, "<div class=\"note\">提示</div>") != NULL);
    CHECK(strstr(p->html, "<img src=\"img/flow.png\" alt=\"流程\">") != NULL);
    CHECK(strstr(p->html, "onclick") == NULL);
    CHECK(strstr(p->html, "<script") == NULL);
    CHECK(strstr(p->html, "evil.example") == NULL);
    CHECK(strstr(p->html, "<iframe") == NULL);
    CHECK(strstr(p->html, "javascript") == NULL);
    CHECK(strstr(p->html, "<td>2</td>") != NULL);
    CHECK(diag_find("guide/raw.md", "raw HTML: removed", DIAG_WARNING) == 1);
    CHECK(diag_find("guide/raw.md", "onclick", DIAG_WARNING) == 1);
    CHECK(diag_find("guide/raw.md", "script", DIAG_WARNING) == 1);
    CHECK(diag_find("guide/raw.md", "iframe", DIAG_WARNING) == 1);
    CHECK(strstr(p->html, "alert") == NULL);
}

TEST(bad_pages_reported)
{
    CHECK(find_page(&M, "notitle.md") == NULL);
    CHECK(diag_find("notitle.md", "title: missing", DIAG_ERROR) == 1);
    CHECK(find_page(&M, "unterminated.md") == NULL);
    CHECK(diag_find("unterminated.md", "not closed", DIAG_ERROR) == 1);
    CHECK(find_page(&M, "nofm.md") == NULL);
    CHECK(diag_find("nofm.md", "no front matter", DIAG_ERROR) == 1);
    CHECK(find_page(&M, "syntax.md") == NULL);
    CHECK(diag_find("syntax.md", "YAML syntax error", DIAG_ERROR) == 4);
    CHECK(find_page(&M, "latin1.md") == NULL);
    CHECK(diag_find("latin1.md", "UTF-8", DIAG_ERROR) == 5);
    CHECK(find_page(&M, "empty_fm.md") == NULL);
    CHECK(diag_find("empty_fm.md", "title: missing", DIAG_ERROR) == 1);
    CHECK(find_page(&M, ".hidden.md") == NULL);
    CHECK(find_page(&M, "link.md") == NULL);
    CHECK(diag_find("link.md", "symbolic link out of the pages folder",
                    DIAG_WARNING) == 1);
    CHECK(!diag_find("notes.txt", "", -1));
}

TEST(bad_values_warned_page_kept)
{
    const gs_page *p = find_page(&M, "badvalues.md");
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_STR(p->title, "取值不对");
    CHECK_STR(p->section, "其他");
    CHECK_INT(p->agency, -1);
    CHECK_INT(p->weight, 0);
    CHECK_INT(p->date, GS_NODATE);
    CHECK(!p->raw_html);
    CHECK(diag_find("badvalues.md", "section:", DIAG_WARNING) == 3);
    CHECK(diag_find("badvalues.md", "agency:", DIAG_WARNING) == 4);
    CHECK(diag_find("badvalues.md", "weight:", DIAG_WARNING) == 5);
    CHECK(diag_find("badvalues.md", "date:", DIAG_WARNING) == 6);
    CHECK(diag_find("badvalues.md", "raw_html:", DIAG_WARNING) == 7);
    CHECK(!diag_find("badvalues.md", "", DIAG_ERROR));
}

TEST(non_ascii_path)
{
    const gs_page *p = find_page(&M, "指南/办事.md");
    if (!p) {
        CHECK(0);
        return;
    }
    CHECK(strncmp(p->slug, "pages/d", 7) == 0);
    const char *last = strrchr(p->slug, '/');
    CHECK(last && last[1] == 'p' && strlen(last + 1) == 13);
    for (const char *c = p->slug; *c; c++)
        CHECK((unsigned char)*c < 0x80);
    CHECK(diag_find("办事.md", "not plain ASCII", DIAG_WARNING) == 1);
    CHECK(strcmp(p->html, "<p>正文</p>\n") == 0);
}

static void dump(void)
{
    if (!getenv("GS_TEST_DUMP"))
        return;
    for (size_t i = 0; i < M.pages.n; i++)
        printf("== %s\n%s", M.pages.v[i].path, M.pages.v[i].html);
    for (size_t i = 0; i < diag_count(); i++)
        printf("%s:%u: %s\n", diag_get(i)->file, diag_get(i)->line,
               diag_get(i)->msg);
}

static void cleanup(void)
{
    static const char *const files[] = {
        "index.md", "guide/permit.md", "guide/raw.md", "notitle.md",
        "unterminated.md", "nofm.md", "badvalues.md", "syntax.md",
        "指南/办事.md", "bom.md", "latin1.md", ".hidden.md", "notes.txt",
        "empty_fm.md", "link.md"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *p = xasprintf("%s/%s", pagesdir, files[i]);
        unlink(p);
        free(p);
    }
    while (nmade) {
        rmdir(made[--nmade]);
        free(made[nmade]);
    }
    rmdir(pagesdir);
    char *outside = xasprintf("%s/outside.md", tmpdir);
    unlink(outside);
    free(outside);
    rmdir(tmpdir);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/gs-pages-XXXXXX",
             base && *base && strlen(base) < 200 ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    pagesdir = xasprintf("%s/pages", tmpdir);
    mkdir(pagesdir, 0700);
    setup();
    dump();
    RUN(loaded_in_path_order);
    RUN(front_matter_values);
    RUN(markdown_rendered_safely);
    RUN(md_links_rewritten);
    RUN(raw_html_sanitized);
    RUN(bad_pages_reported);
    RUN(bad_values_warned_page_kept);
    RUN(non_ascii_path);
    model_free(&M);
    cleanup();
    free(pagesdir);
    diag_free();
    return T_DONE();
}
