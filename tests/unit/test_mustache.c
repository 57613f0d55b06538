/*
 * test_mustache.c - the mustache engine beyond the official spec: escaping,
 * value formatting, truthiness, sections over arrays and objects, array
 * indexes, layouts with blocks, strict and lenient missing partials, syntax
 * error messages, nesting limits, recursion limits and reuse of compiled
 * templates and of the partial cache.
 */
#include "t.h"

#include <stdlib.h>
#include <string.h>

#include "mustache.h"
#include "util.h"

/* partials: a NULL-terminated list of name, source pairs */
static char *load(void *ud, const char *name, size_t *len)
{
    for (const char *const *p = ud; p && p[0]; p += 2) {
        if (strcmp(p[0], name) == 0) {
            *len = strlen(p[1]);
            return xstrdup(p[1]);
        }
    }
    return NULL;
}

static int loads; /* how often count_load was called */

static char *count_load(void *ud, const char *name, size_t *len)
{
    loads++;
    return load(ud, name, len);
}

/* render src with data (JSON text) and partials; the output, or
 * "ERROR: message" (malloc'd) */
static char *render_env(const char *src, const char *json, const char *const *partials,
                        bool strict)
{
    char *err = NULL;
    mus_template *t = mus_compile(src, strlen(src), &err);
    if (!t) {
        char *r = xasprintf("COMPILE: %s", err);
        free(err);
        return r;
    }
    json_t *data = json ? json_loads(json, JSON_DECODE_ANY, NULL) : NULL;
    mus_env *env = mus_env_new(load, (void *)partials, strict);
    buf out;
    buf_init(&out);
    buf_puts(&out, "["); /* must survive an error untouched */
    char *r;
    if (mus_render(env, t, data, &out, &err) != 0) {
        r = strcmp(out.p, "[") == 0 ? xasprintf("ERROR: %s", err) : xstrdup("ERROR: out changed");
        free(err);
    } else {
        r = xstrdup(out.p + 1);
    }
    buf_free(&out);
    mus_env_free(env);
    json_decref(data);
    mus_free(t);
    return r;
}

static char *render(const char *src, const char *json)
{
    return render_env(src, json, NULL, false);
}

#define CHECK_RENDER(got_expr, want)                                      \
    do {                                                                  \
        char *t_got = (got_expr);                                         \
        CHECK_STR(t_got, want);                                           \
        free(t_got);                                                      \
    } while (0)

TEST(escaping)
{
    CHECK_RENDER(render("{{x}}|{{{x}}}|{{&x}}", "{\"x\": \"<a href=\\\"?a=1&b='2'\\\">\"}"),
                 "&lt;a href=&quot;?a=1&amp;b=&#39;2&#39;&quot;&gt;|<a href=\"?a=1&b='2'\">|"
                 "<a href=\"?a=1&b='2'\">");
    CHECK_RENDER(render("{{x}}", "{\"x\": \"中文 ok\"}"), "中文 ok");
    CHECK_RENDER(render("{{=<% %>=}}<%{x}%>-<%x%>", "{\"x\": \"&\"}"), "&-&amp;");
}

TEST(values)
{
    CHECK_RENDER(render("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}}",
                        "{\"a\": 85, \"b\": 1.5, \"c\": 1.21, \"d\": -3, \"e\": 2.0,"
                        " \"f\": 0.30000000000000004, \"g\": true, \"h\": false}"),
                 "85 1.5 1.21 -3 2 0.30000000000000004 true false");
    CHECK_RENDER(render("{{o}}|{{{o}}}", "{\"o\": {\"k\": [1, \"<\"]}}"),
                 "{&quot;k&quot;:[1,&quot;&lt;&quot;]}|{\"k\":[1,\"<\"]}");
    CHECK_RENDER(render("[{{n}}][{{missing}}][{{n.x}}]", "{\"n\": null}"), "[][][]");
    CHECK_RENDER(render("{{.}}", "\"top\""), "top");
    CHECK_RENDER(render("a{{x}}b", NULL), "ab");
}

TEST(truthiness)
{
    const char *tpl = "{{#v}}T{{/v}}{{^v}}F{{/v}}";
    static const char *const falsy[] = {"null", "false", "0", "0.0", "\"\"", "[]"};
    static const char *const truthy[] = {"true", "1", "-1", "0.5", "\"0\"", "\" \"", "{}", "[0]"};
    for (size_t i = 0; i < sizeof falsy / sizeof *falsy; i++) {
        char *json = xasprintf("{\"v\": %s}", falsy[i]);
        CHECK_RENDER(render(tpl, json), "F");
        free(json);
    }
    for (size_t i = 0; i < sizeof truthy / sizeof *truthy; i++) {
        char *json = xasprintf("{\"v\": %s}", truthy[i]);
        CHECK_RENDER(render(tpl, json), "T");
        free(json);
    }
    CHECK_RENDER(render(tpl, "{}"), "F");
}

TEST(sections)
{
    const char *data = "{\"site\": \"S\", \"rows\": [{\"n\": 1, \"tags\": [\"a\", \"b\"]},"
                       " {\"n\": 2, \"tags\": []}], \"agency\": {\"name\": \"A\"}}";
    CHECK_RENDER(render("{{#rows}}{{n}}:{{#tags}}{{.}}@{{site}},{{/tags}}"
                        "{{^tags}}none{{/tags}};{{/rows}}",
                        data),
                 "1:a@S,b@S,;2:none;");
    /* an object is pushed once; names not in it come from below */
    CHECK_RENDER(render("{{#agency}}{{name}}/{{site}}{{/agency}}", data), "A/S");
    /* numeric parts index arrays; out of range is missing */
    CHECK_RENDER(render("{{rows.1.n}}|{{#rows.0}}first={{n}}{{/rows.0}}|{{rows.5.n}}|"
                        "{{#rows.0.tags.1}}{{.}}{{/rows.0.tags.1}}",
                        data),
                 "2|first=1||b");
    CHECK_RENDER(render("{{#rows.2}}x{{/rows.2}}{{^rows.2}}empty{{/rows.2}}", data), "empty");
    /* a dotted name never falls back to outer contexts after its first part */
    CHECK_RENDER(render("{{#agency}}[{{agency.site}}]{{/agency}}", data), "[]");
    /* standalone lines vanish, CRLF included */
    CHECK_RENDER(render("<ul>\r\n  {{#rows}}\r\n  <li>{{n}}</li>\r\n  {{/rows}}\r\n</ul>", data),
                 "<ul>\r\n  <li>1</li>\r\n  <li>2</li>\r\n</ul>");
}

static const char *const site_partials[] = {
    "layout",
    "<html>\n"
    "<head><title>{{$title}}Site{{/title}}</title></head>\n"
    "<body>\n"
    "  {{$content}}\n"
    "  <p>no content</p>\n"
    "  {{/content}}\n"
    "  {{>footer}}\n"
    "</body>\n"
    "</html>\n",
    "footer",
    "<footer>\n  {{site}}\n</footer>\n",
    "row",
    "<li>{{name}}</li>\n",
    NULL,
};

TEST(inheritance)
{
    const char *page = "{{<layout}}\n"
                       "{{$title}}{{name}} - Site{{/title}}\n"
                       "{{$content}}\n"
                       "<h1>{{name}}</h1>\n"
                       "<ul>\n"
                       "  {{#items}}\n"
                       "  {{>row}}\n"
                       "  {{/items}}\n"
                       "</ul>\n"
                       "{{/content}}\n"
                       "{{/layout}}\n";
    const char *data = "{\"name\": \"<Agency>\", \"site\": \"S\","
                       " \"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}";
    CHECK_RENDER(render_env(page, data, site_partials, true),
                 "<html>\n"
                 "<head><title>&lt;Agency&gt; - Site</title></head>\n"
                 "<body>\n"
                 "  <h1>&lt;Agency&gt;</h1>\n"
                 "  <ul>\n"
                 "    <li>a</li>\n"
                 "    <li>b</li>\n"
                 "  </ul>\n"
                 "  <footer>\n"
                 "    S\n"
                 "  </footer>\n"
                 "</body>\n"
                 "</html>\n");
    /* without arguments the defaults show */
    CHECK_RENDER(render_env("{{<layout}}{{/layout}}", "{\"site\": \"S\"}", site_partials, true),
                 "<html>\n"
                 "<head><title>Site</title></head>\n"
                 "<body>\n"
                 "  <p>no content</p>\n"
                 "  <footer>\n"
                 "    S\n"
                 "  </footer>\n"
                 "</body>\n"
                 "</html>\n");
    /* a block argument not used by the parent is ignored; text too */
    CHECK_RENDER(render_env("{{<footer}}junk{{$nope}}x{{/nope}}{{/footer}}", "{\"site\": 1}",
                            site_partials, true),
                 "<footer>\n  1\n</footer>\n");
    /* dynamic parent */
    CHECK_RENDER(render_env("{{<*which}}{{/*which}}", "{\"which\": \"row\", \"name\": \"n\"}",
                            site_partials, true),
                 "<li>n</li>\n");
}

TEST(missing_partials)
{
    /* lenient: empty */
    CHECK_RENDER(render("a{{>nope}}b{{<gone}}{{$x}}y{{/x}}{{/gone}}c", "{}"), "abc");
    /* strict: an error naming the partial and the line; output untouched */
    CHECK_RENDER(render_env("a\n{{>nope}}", "{}", NULL, true),
                 "ERROR: line 2: partial 'nope' not found");
    CHECK_RENDER(render_env("{{<gone}}{{/gone}}", "{}", NULL, true),
                 "ERROR: line 1: parent 'gone' not found");
    static const char *const p[] = {"outer", "x\n{{>inner}}", NULL};
    CHECK_RENDER(render_env("{{>outer}}", "{}", p, true),
                 "ERROR: partial 'outer', line 2: partial 'inner' not found");
    /* a dynamic name that resolves to nothing renders nothing, even strict */
    CHECK_RENDER(render_env("[{{>*dyn}}]", "{}", NULL, true), "[]");
    CHECK_RENDER(render_env("[{{>*dyn}}]", "{\"dyn\": \"zz\"}", NULL, true),
                 "ERROR: line 1: partial 'zz' not found");
    /* a partial with a syntax error is an error in both modes */
    static const char *const bad[] = {"bad", "ok\n{{#x}}", NULL};
    CHECK_RENDER(render_env("{{>bad}}", "{}", bad, false),
                 "ERROR: line 1: partial 'bad': line 2: unclosed section 'x'");
    CHECK_RENDER(render_env("{{>bad}}", "{}", bad, true),
                 "ERROR: line 1: partial 'bad': line 2: unclosed section 'x'");
}

TEST(syntax_errors)
{
    CHECK_RENDER(render("a\n{{#a}}\nb\n", "{}"), "COMPILE: line 2: unclosed section 'a'");
    CHECK_RENDER(render("{{#a}}\n{{^b}}\n{{/a}}\n{{/b}}", "{}"),
                 "COMPILE: line 3: closing tag 'a' does not match 'b' opened on line 2");
    CHECK_RENDER(render("x\n\n{{/a}}", "{}"), "COMPILE: line 3: closing tag 'a' has no opening tag");
    CHECK_RENDER(render("ok\n{{name\n", "{}"), "COMPILE: line 2: unclosed tag");
    CHECK_RENDER(render("{{{name}}", "{}"), "COMPILE: line 1: unclosed tag");
    CHECK_RENDER(render("\n{{=<%>=}}", "{}"),
                 "COMPILE: line 2: bad set-delimiter tag (want {{=<open> <close>=}})");
    CHECK_RENDER(render("{{= a b c =}}", "{}"),
                 "COMPILE: line 1: bad set-delimiter tag (want {{=<open> <close>=}})");
    CHECK_RENDER(render("{{}}", "{}"), "COMPILE: line 1: missing name in tag");
    CHECK_RENDER(render("{{a b}}", "{}"), "COMPILE: line 1: bad name 'a b'");
    CHECK_RENDER(render("{{a..b}}", "{}"), "COMPILE: line 1: bad name 'a..b'");
    CHECK_RENDER(render("{{<p}}\n{{$b}}\n", "{}"), "COMPILE: line 2: unclosed block 'b'");
    CHECK_RENDER(render("{{<*p}}{{/p}}", "{}"),
                 "COMPILE: line 1: closing tag 'p' does not match '*p' opened on line 1");
    /* a multi-line tag counts its lines */
    CHECK_RENDER(render("{{!\n\n}}\n{{/x}}", "{}"), "COMPILE: line 4: closing tag 'x' has no opening tag");
    char *err = NULL;
    CHECK(mus_compile("{{#a}}", 6, NULL) == NULL);
    CHECK(mus_compile("{{#a}}", 6, &err) == NULL);
    CHECK_STR(err, "line 1: unclosed section 'a'");
    free(err);
}

static char *repeat(const char *s, size_t n, const char *mid)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++)
        buf_puts(&b, s);
    buf_puts(&b, mid);
    for (size_t i = 0; i < n; i++)
        buf_puts(&b, "{{/a}}");
    return buf_detach(&b);
}

TEST(deep_nesting)
{
    char *src = repeat("{{#a}}", 100000, "x");
    char *err = NULL;
    CHECK(mus_compile(src, strlen(src), &err) == NULL);
    CHECK_STR(err, "line 1: sections nested too deeply (limit 1000)");
    free(err);
    free(src);
    /* at the limit: compiles and renders */
    src = repeat("{{#a}}", MUS_MAX_NESTING, "x");
    CHECK_RENDER(render(src, "{\"a\": true}"), "x");
    free(src);
    /* 100k nested (and unclosed) comments and blocks are no problem either */
    src = repeat("{{$a}}", 100000, "x");
    CHECK(mus_compile(src, strlen(src), NULL) == NULL);
    free(src);
}

TEST(recursive_partials)
{
    static const char *const self[] = {"loop", "{{>loop}}", NULL};
    char *want = xasprintf("ERROR: partial 'loop', line 1: partial 'loop' nested too deeply "
                           "(limit %d)", MUS_MAX_DEPTH);
    CHECK_RENDER(render_env("{{>loop}}", "{}", self, false), want);
    free(want);
    static const char *const twice[] = {"p", "{{>p}}{{>p}}", NULL};
    char *r = render_env("{{>p}}", "{}", twice, false);
    CHECK(strncmp(r, "ERROR: ", 7) == 0);
    free(r);
    static const char *const parent[] = {"p", "{{<p}}{{/p}}", NULL};
    r = render_env("{{<p}}{{/p}}", "{}", parent, false);
    CHECK(strstr(r, "nested too deeply") != NULL);
    free(r);
    /* recursion driven by data ends */
    static const char *const tree[] = {
        "node", "{{name}}{{#kids.0}}({{/kids.0}}{{#kids}}{{>node}}{{/kids}}{{#kids.0}}){{/kids.0}}",
        NULL};
    CHECK_RENDER(render_env("{{>node}}",
                            "{\"name\": \"r\", \"kids\": [{\"name\": \"a\", \"kids\": "
                            "[{\"name\": \"b\", \"kids\": []}]}, {\"name\": \"c\", \"kids\": []}]}",
                            tree, true),
                 "r(a(b)c)");
}

TEST(reuse)
{
    static const char *const p[] = {"item", "<{{.}}>", "page", "{{#xs}}{{>item}}{{/xs}}", NULL};
    mus_env *env = mus_env_new(count_load, (void *)p, true);
    char *err = NULL;
    const mus_template *page = mus_env_get(env, "page", &err);
    CHECK(page != NULL && err == NULL);
    CHECK(mus_env_get(env, "page", NULL) == page);
    CHECK(mus_env_get(env, "nope", &err) == NULL);
    CHECK_STR(err, "template 'nope' not found");
    free(err);
    buf out;
    buf_init(&out);
    json_t *d1 = json_loads("{\"xs\": [1, 2]}", 0, NULL);
    json_t *d2 = json_loads("{\"xs\": [\"a\"]}", 0, NULL);
    for (int i = 0; i < 3; i++) {
        buf_reset(&out);
        CHECK(mus_render(env, page, d1, &out, NULL) == 0);
        CHECK_STR(out.p, "<1><2>");
        buf_reset(&out);
        CHECK(mus_render(env, page, d2, &out, NULL) == 0);
        CHECK_STR(out.p, "<a>");
    }
    CHECK_INT(loads, 3); /* page, nope and item, each loaded once */
    /* mus_render appends */
    CHECK(mus_render(env, page, d2, &out, NULL) == 0);
    CHECK_STR(out.p, "<a><a>");
    /* an empty template still leaves a NUL-terminated buffer */
    mus_template *empty = mus_compile("", 0, NULL);
    buf e;
    buf_init(&e);
    CHECK(mus_render(NULL, empty, NULL, &e, NULL) == 0);
    CHECK(e.p != NULL && e.len == 0 && e.p[0] == 0);
    buf_free(&e);
    mus_free(empty);
    mus_free(NULL);
    json_decref(d1);
    json_decref(d2);
    buf_free(&out);
    mus_env_free(env);
    mus_env_free(NULL);
}

TEST(indentation)
{
    static const char *const p[] = {
        "list", "<ul>\n  {{#xs}}\n  <li>{{.}}</li>\n  {{/xs}}\n</ul>\n",
        "text", "{{{t}}}\n", NULL};
    CHECK_RENDER(render_env("<div>\n    {{>list}}\n</div>\n", "{\"xs\": [1, 2]}", p, true),
                 "<div>\n    <ul>\n      <li>1</li>\n      <li>2</li>\n    </ul>\n</div>\n");
    /* newlines inside data are not indented; inline partials are not either */
    CHECK_RENDER(render_env("  {{>text}}", "{\"t\": \"a\\nb\"}", p, true), "  a\nb\n");
    CHECK_RENDER(render_env("x {{>list}}", "{\"xs\": [1]}", p, true),
                 "x <ul>\n  <li>1</li>\n</ul>\n");
    /* delimiters set in a partial stay there */
    static const char *const d[] = {"d", "{{=| |=}}|x|", NULL};
    CHECK_RENDER(render_env("{{>d}}{{x}}|x|", "{\"x\": 1}", d, true), "11|x|");
}

/* may src (with these partials) look "today" up? */
static bool uses_today(const char *src, const char *const *partials)
{
    mus_template *t = mus_compile(src, strlen(src), NULL);
    if (!t)
        return true;
    mus_env *env = mus_env_new(load, (void *)partials, true);
    bool r = mus_may_use(env, t, "today");
    mus_env_free(env);
    mus_free(t);
    return r;
}

TEST(may_use)
{
    static const char *const parts[] = {"foot", "<p>{{today}}</p>",
                                        "plain", "<p>{{site.name}}</p>",
                                        "layout", "<body>{{$main}}{{/main}}{{>foot}}</body>",
                                        "layout2", "<body>{{$main}}{{/main}}{{>plain}}</body>",
                                        "dot", "{{.}}",
                                        NULL};
    CHECK(!uses_today("{{title}} {{site.today}} {{#list}}{{name}}{{/list}}", parts));
    CHECK(uses_today("{{title}} {{today}}", parts));
    CHECK(uses_today("{{{today}}}", parts));
    CHECK(uses_today("{{#today}}x{{/today}}", parts));
    CHECK(uses_today("{{^today}}x{{/today}}", parts));
    CHECK(uses_today("{{today.year}}", parts));
    CHECK(uses_today("{{#site}}{{today}}{{/site}}", parts)); /* found through the stack */
    CHECK(uses_today("{{>foot}}", parts));                   /* in a partial */
    CHECK(!uses_today("{{>plain}}", parts));
    CHECK(uses_today("{{<layout}}{{$main}}x{{/main}}{{/layout}}", parts)); /* in a parent */
    CHECK(!uses_today("{{<layout2}}{{$main}}x{{/main}}{{/layout2}}", parts));
    CHECK(uses_today("{{<layout2}}{{$main}}{{today}}{{/main}}{{/layout2}}", parts));
    CHECK(uses_today("{{>*which}}", parts));                 /* dynamic: could be anything */
    CHECK(uses_today("{{.}}", parts));                       /* the whole data */
    CHECK(!uses_today("{{#list}}{{.}}{{/list}}", parts));    /* an item of list */
    CHECK(uses_today("{{>dot}}", parts));                    /* the whole data, in a partial */
    CHECK(!uses_today("{{#list}}{{>dot}}{{/list}}", parts));
    CHECK(!uses_today("{{! today }}", parts));               /* a comment */
    CHECK(!uses_today("{{>missing}}", parts));               /* renders nothing */
}

int main(void)
{
    RUN(escaping);
    RUN(values);
    RUN(truthiness);
    RUN(sections);
    RUN(inheritance);
    RUN(missing_partials);
    RUN(syntax_errors);
    RUN(deep_nesting);
    RUN(recursive_partials);
    RUN(reuse);
    RUN(indentation);
    RUN(may_use);
    return T_DONE();
}
