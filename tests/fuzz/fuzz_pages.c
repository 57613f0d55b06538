/*
 * fuzz_pages.c - YAML front matter + Markdown (cmark-gfm) + sanitizer: any
 * bytes as a policy page, once as written and once with raw_html opted in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "loaders.h"

static void load(const uint8_t *data, size_t size)
{
    fuzz_write_file("pages/p.md", data, size);
    char *dir = xasprintf("%s/pages", fuzz_dir());
    gs_model m;
    model_init(&m);
    diag_set_silent(true);
    pages_load(&m, dir);
    model_free(&m);
    diag_free();
    free(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load(data, size);
    /* the same body behind front matter that opts into raw HTML */
    static const char fm[] = "---\ntitle: t\nraw_html: true\n---\n";
    uint8_t *with = xmalloc(sizeof fm - 1 + size);
    memcpy(with, fm, sizeof fm - 1);
    if (size)
        memcpy(with + sizeof fm - 1, data, size);
    load(with, sizeof fm - 1 + size);
    free(with);
    return 0;
}
