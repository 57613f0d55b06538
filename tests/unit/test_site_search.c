/*
 * test_site_search.c - the search index's building blocks: text
 * normalisation, plain text of HTML, list encoding, the bucket hash and a
 * document's exact-table keys (the formats search.js reads;
 * docs/search.md).
 */
#include <stdlib.h>
#include <string.h>

#include "site_search.h"
#include "t.h"

static char *norm_utf8(const char *s)
{
    sx_cps v = {0};
    sx_norm(&v, s);
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < v.n; i++) {
        char u[4];
        buf_add(&b, u, utf8_encode(v.v[i], u));
    }
    free(v.v);
    return buf_detach(&b);
}

TEST(normalise)
{
    char *s = norm_utf8("示县市监处罚〔２０２４〕14号");
    CHECK_STR(s, "示县市监处罚202414号");
    free(s);
    s = norm_utf8(" ＡＢc-D.e，“引号”、〇々 ");
    CHECK_STR(s, "abcde引号〇々");
    free(s);
    s = norm_utf8("");
    CHECK_STR(s, "");
    free(s);
}

TEST(html_text)
{
    char *s = sx_html_text("<p>第一段&amp;<b>加粗</b></p>\n<p>&lt;x&gt; &#20013;&#x6587;&nbsp;&bogus;</p>");
    CHECK_STR(s, "第一段& 加粗 <x> 中文 &bogus; ");
    free(s);
}

static char *ids(const uint32_t *v, size_t n)
{
    buf b;
    buf_init(&b);
    sx_put_ids(&b, v, n);
    return buf_detach(&b);
}

TEST(lists)
{
    const uint32_t a[] = {0, 1, 2};
    char *s = ids(a, 3);
    CHECK_STR(s, "ABB"); /* gaps: as short as the bitmap "*AH" */
    free(s);
    const uint32_t b[] = {5, 100};
    s = ids(b, 2);
    CHECK_STR(s, "F_C"); /* 5; 95 = 31 + 2 * 32 */
    free(s);
    uint32_t c[64];
    for (int i = 0; i < 64; i++)
        c[i] = 1000 + (uint32_t)i;
    s = ids(c, 64);
    /* a run: "*", 1000 (8 + 31 * 32: "o" "f"), 64 bits: ten "_" and "P" */
    CHECK_STR(s, "*of__________P");
    free(s);
    s = ids(c, 0);
    CHECK_STR(s, "");
    free(s);
}

TEST(hash)
{
    /* FNV-1a 32 over code points of 罚款, as search.js computes it */
    CHECK_INT(sx_hash(0x7F5A, 0x6B3E), 1039525385u);
    uint32_t v[2] = {0x7F5A, 0x6B3E};
    CHECK_INT(sx_hash_cps(v, 2), sx_hash(0x7F5A, 0x6B3E));
}

/* a document's exact-table keys: title and subtitle normalised, hashed
 * and measured; a subtitle equal to the title and a key of fewer than two
 * characters add none */
TEST(exact_keys)
{
    sx_cps scratch = {0};
    sx_xkey k[2];
    sx_doc d = {0};
    d.nf = 2;
    d.f[0] = "示县市监处罚〔２０２４〕14号";
    d.f[1] = "示例县 明珠建材店";
    CHECK_INT(sx_exact_keys(&d, &scratch, k), 2);
    char *t = norm_utf8(d.f[0]);
    sx_cps v = {0};
    sx_norm(&v, d.f[0]);
    CHECK(k[0].field == 0 && k[0].h == sx_hash_cps(v.v, v.n) && k[0].bytes == strlen(t));
    free(t);
    t = norm_utf8(d.f[1]);
    v.n = 0;
    sx_norm(&v, d.f[1]);
    CHECK(k[1].field == 1 && k[1].h == sx_hash_cps(v.v, v.n) && k[1].bytes == strlen(t));
    free(t);
    d.f[1] = d.f[0];
    CHECK_INT(sx_exact_keys(&d, &scratch, k), 1);
    d.f[0] = "罚";
    d.f[1] = "明珠";
    CHECK_INT(sx_exact_keys(&d, &scratch, k), 1);
    CHECK(k[0].field == 1);
    d.nf = 0;
    CHECK_INT(sx_exact_keys(&d, &scratch, k), 0);
    free(v.v);
    free(scratch.v);
}

int main(void)
{
    RUN(normalise);
    RUN(html_text);
    RUN(lists);
    RUN(hash);
    RUN(exact_keys);
    return T_DONE();
}
