/*
 * test_model_digest.c - record digests change with every field, and not
 * with where the row came from.
 */
#include <string.h>
#include <xxhash.h>

#include "model_digest.h"
#include "t.h"

static XXH128_hash_t of_decision(const gs_decision *d)
{
    XXH3_state_t *st = XXH3_createState();
    XXH3_128bits_reset(st);
    digest_decision(st, d);
    XXH128_hash_t h = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    return h;
}

static XXH128_hash_t of_officer(const gs_officer *o)
{
    XXH3_state_t *st = XXH3_createState();
    XXH3_128bits_reset(st);
    digest_officer(st, o);
    XXH128_hash_t h = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    return h;
}

TEST(decision_fields)
{
    static const char *officers[] = {"41099901001", "41099901002"};
    gs_decision base = {
        .doc_no = "示市监处罚〔2024〕15号", .category = 1, .party_type = 1, .agency = 2,
        .party_name = "某公司", .credit_code = "91", .legal_rep = "张三", .id_type = "",
        .id_no = "", .date = 19800, .violation_type = "v", .facts = "f", .basis = "b",
        .conclusion = "c", .fine_fen = 100, .confiscation_fen = -1, .permit_class = "",
        .permit_cert = "", .permit_no = "", .place = "p", .occur_minute = -1,
        .n_officers = 2, .officers = officers, .withheld = "", .status_note = "",
        .slug = "d/ab/cd"};
    XXH128_hash_t h0 = of_decision(&base);
    /* every string field, changed alone, changes the digest */
    const char **fields[] = {&base.doc_no, &base.party_name, &base.credit_code, &base.legal_rep,
                             &base.id_type, &base.id_no, &base.violation_type, &base.facts,
                             &base.basis, &base.conclusion, &base.permit_class,
                             &base.permit_cert, &base.permit_no, &base.place, &base.withheld,
                             &base.status_note, &base.slug};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        const char *keep = *fields[i];
        *fields[i] = "changed";
        CHECK(!XXH128_isEqual(of_decision(&base), h0));
        *fields[i] = keep;
    }
    CHECK(XXH128_isEqual(of_decision(&base), h0));
    gs_decision d = base;
    d.fine_fen = 200;
    CHECK(!XXH128_isEqual(of_decision(&d), h0));
    d = base;
    d.status = 2;
    CHECK(!XXH128_isEqual(of_decision(&d), h0));
    d = base;
    d.kept = 1;
    CHECK(!XXH128_isEqual(of_decision(&d), h0));
    d = base;
    d.n_officers = 1;
    CHECK(!XXH128_isEqual(of_decision(&d), h0));
    /* NULL and "" differ; "ab"+"c" and "a"+"bc" differ */
    d = base;
    d.id_type = NULL;
    CHECK(!XXH128_isEqual(of_decision(&d), h0));
    gs_decision a = base, b = base;
    a.facts = "ab";
    a.basis = "c";
    b.facts = "a";
    b.basis = "bc";
    CHECK(!XXH128_isEqual(of_decision(&a), of_decision(&b)));
    /* where the row came from is not published */
    d = base;
    d.src.line = 99;
    CHECK(XXH128_isEqual(of_decision(&d), h0));
}

TEST(officer_fields)
{
    gs_officer o = {.name = "李四", .cert_no = "41099901001", .agency = 1, .title = "科员",
                    .categories = "行政处罚", .area = "全县", .valid_to = 20000,
                    .business_hours = 40, .law_hours = 60, .slug = "41099901001"};
    XXH128_hash_t h0 = of_officer(&o);
    gs_officer x = o;
    x.name = "李四明";
    CHECK(!XXH128_isEqual(of_officer(&x), h0));
    x = o;
    x.cert_status = CERT_SUSPENDED;
    CHECK(!XXH128_isEqual(of_officer(&x), h0));
    x = o;
    x.valid_to = 20001;
    CHECK(!XXH128_isEqual(of_officer(&x), h0));
}

int main(void)
{
    RUN(decision_fields);
    RUN(officer_fields);
    return T_DONE();
}
