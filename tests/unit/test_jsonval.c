/*
 * test_jsonval.c - jsonval.c: buf_json_str writes a string literal byte
 * for byte as jansson's json_dumps does (the search index's records are
 * written with it and must not change when jansson is left out).
 */
#include <stdlib.h>

#include "jsonval.h"
#include "t.h"

/* json_dumps of the one-element array [s], brackets dropped */
static char *by_jansson(const char *s)
{
    json_t *a = json_array();
    json_array_append_new(a, jstr(s));
    char *j = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    size_t n = strlen(j);
    memmove(j, j + 1, n - 2);
    j[n - 2] = 0;
    return j;
}

TEST(same_as_jansson)
{
    static const char *const cases[] = {
        "", "plain", "示县市监罚〔2024〕9号", "quote \" and back\\slash", "tab\tnew\nline\r",
        "\b\f", "\x01\x1f\x7f", "slash / stays", "行政处罚\xe2\x80\xa8末", "end\\"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf b;
        buf_init(&b);
        buf_json_str(&b, cases[i]);
        char *want = by_jansson(cases[i]);
        CHECK_STR(b.p, want);
        free(want);
        buf_free(&b);
    }
}

TEST(null_is_empty)
{
    buf b;
    buf_init(&b);
    buf_json_str(&b, NULL);
    buf_putc(&b, ',');
    buf_json_str(&b, "a");
    CHECK_STR(b.p, "\"\",\"a\"");
    buf_free(&b);
}

int main(void)
{
    RUN(same_as_jansson);
    RUN(null_is_empty);
    printf("# %d passed, %d failed\n", t_pass, t_fail);
    return t_fail != 0;
}
