/*
 * fuzz_csv.c - the CSV/encoding loader: any bytes as decisions.csv (and as
 * agencies.csv) must load without crashing, leaking or hanging.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "loaders.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file("data.csv", data, size);
    gs_model m;
    model_init(&m);
    diag_set_silent(true);
    gs_agency *a = GS_PUSH(m.agencies);
    a->name = model_str(&m, "示例县市场监督管理局", strlen("示例县市场监督管理局"));
    a->short_name = a->credit_code = a->slug = "";
    load_decisions(&m, path);
    load_agencies(&m, path);
    load_officers(&m, path);
    model_finish(&m);
    model_free(&m);
    diag_free();
    return 0;
}
