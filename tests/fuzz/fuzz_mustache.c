/*
 * fuzz_mustache.c - the template engine: compile any bytes and render them
 * against a fixed context with lists, nesting and partials.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mustache.h"

static char *partial(void *ud, const char *name, size_t *len)
{
    (void)ud;
    const char *src = strcmp(name, "p") == 0 ? "<{{a}}>{{>p}}" : strcmp(name, "l") == 0
                                                ? "{{$b}}d{{/b}}[{{a}}]"
                                                : NULL;
    if (!src)
        return NULL;
    *len = strlen(src);
    return xstrdup(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static json_t *ctx;
    if (!ctx)
        ctx = json_loads("{\"a\":\"<x>&\",\"n\":0,\"t\":true,\"l\":[1,{\"a\":2},[3]],"
                         "\"o\":{\"a\":{\"b\":\"c\"}},\"e\":[],\"s\":\"\"}", 0, NULL);
    char *err = NULL;
    mus_template *t = mus_compile((const char *)data, size, &err);
    free(err);
    if (!t)
        return 0;
    buf out;
    buf_init(&out);
    for (int strict = 0; strict < 2; strict++) {
        mus_env *env = mus_env_new(partial, NULL, strict);
        err = NULL;
        mus_render(env, t, ctx, &out, &err);
        free(err);
        mus_env_free(env);
        if (out.len > (1u << 24))
            break;
    }
    buf_free(&out);
    mus_free(t);
    return 0;
}
