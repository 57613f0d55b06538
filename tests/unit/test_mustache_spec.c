/*
 * test_mustache_spec.c - runs the official mustache spec (the JSON files of
 * github.com/mustache/spec) through the engine: every test is one check.
 *
 * The spec folder is $GONGSHI_SPEC_DIR, else ../shared/spec/mustache from
 * the top of the repository.  Without it the test reports itself skipped.
 * ~lambdas.json is skipped (no lambdas in JSON data).  Each template is
 * rendered twice with the same compiled template and environment, and both
 * results must match the expected output byte for byte.
 */
#include "t.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"
#include "util.h"

static char *load_partial(void *ud, const char *name, size_t *len)
{
    json_t *s = json_object_get(ud, name);
    if (!json_is_string(s))
        return NULL;
    *len = json_string_length(s);
    return xstrndup(json_string_value(s), *len);
}

/* s with newlines and control characters made visible */
static void show(const char *label, const char *s, size_t n)
{
    printf("    %s: \"", label);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\r')
            fputs("\\r", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    fputs("\"\n", stdout);
}

static void run_test(const char *file, json_t *test)
{
    const char *name = json_string_value(json_object_get(test, "name"));
    json_t *tpl = json_object_get(test, "template");
    json_t *exp = json_object_get(test, "expected");
    json_t *data = json_object_get(test, "data");
    json_t *partials = json_object_get(test, "partials");
    if (!json_is_string(tpl) || !json_is_string(exp)) {
        printf("not ok - %s: malformed test %s\n", file, name ? name : "?");
        t_fail++;
        return;
    }
    char *err = NULL;
    mus_template *t = mus_compile(json_string_value(tpl), json_string_length(tpl), &err);
    mus_env *env = mus_env_new(load_partial, partials, false);
    buf out[2];
    bool ok = t != NULL;
    for (int k = 0; k < 2; k++) {
        buf_init(&out[k]);
        if (t && mus_render(env, t, data, &out[k], &err) != 0)
            ok = false;
        ok = ok && out[k].len == json_string_length(exp) &&
             memcmp(out[k].p, json_string_value(exp), out[k].len) == 0;
    }
    t_cur_failed = !ok;
    if (ok) {
        t_pass++;
    } else {
        t_fail++;
        printf("not ok - %s: %s\n", file, name ? name : "?");
        show("template", json_string_value(tpl), json_string_length(tpl));
        show("expected", json_string_value(exp), json_string_length(exp));
        if (err)
            printf("    error: %s\n", err);
        else
            show("got", out[0].p ? out[0].p : "", out[0].len);
    }
    free(err);
    buf_free(&out[0]);
    buf_free(&out[1]);
    mus_free(t);
    mus_env_free(env);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    const char *dir = getenv("GONGSHI_SPEC_DIR");
    if (!dir || !*dir)
        dir = "../shared/spec/mustache";
    DIR *d = opendir(dir);
    if (!d) {
        printf("# skipped: mustache spec not found at %s\n", dir);
        printf("# 0 passed, 0 failed\n");
        return 0;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0 ||
            strcmp(de->d_name, "~lambdas.json") == 0)
            continue;
        names = xreallocarray(names, n + 1, sizeof *names);
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        json_error_t jerr;
        json_t *spec = json_load_file(path, 0, &jerr);
        json_t *tests = json_object_get(spec, "tests");
        if (!json_is_array(tests)) {
            printf("not ok - %s: %s\n", path, spec ? "no tests array" : jerr.text);
            t_fail++;
        } else {
            int before = t_pass + t_fail, failed = t_fail;
            for (size_t k = 0; k < json_array_size(tests); k++)
                run_test(names[i], json_array_get(tests, k));
            printf("# %s: %d of %d passed\n", names[i],
                   t_pass + t_fail - before - (t_fail - failed), t_pass + t_fail - before);
        }
        json_decref(spec);
        free(path);
        free(names[i]);
    }
    free(names);
    return T_DONE();
}
